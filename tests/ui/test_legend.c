/* test_legend.c - the legend keys every mark on screen and only those,
 * and always has room for them: for each view, from 800x540 to 2560x1440
 * and text 1x to 2x (the projector theme too), for the default example,
 * the 28x28x32 one and lessons 1 and 3, at a step in the middle, at the
 * end and with the mouse over a cell, every mark the view draws (a fill,
 * an outline or a check in a mark's colour) has its key's name inside the
 * panel, and the panel's rows, message and legend sit one below the other
 * inside it; a view that draws no inserted zeros has no key for them. The
 * legend says so when a grid on screen has cells too small for numbers,
 * and only then; + zooms the channels strips until their numbers show. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "scene_fixture.h"
#include "ui/scene_state.h"

#define COURSE TCVIZ_TEST_DATA "/../../lessons"

/* The legend's least text size (the body's when that is smaller). */
#define LEGEND_MIN_PX 12

typedef struct {
    const char *name;
    DrawKind kind;
    Color c;
} Mark;

/* The marks and their keys' names, as a reader of the legend expects. */
static int marks_of(const Theme *th, Mark *m)
{
    const Mark all[] = {
        {"inserted 0", DRAW_RECT, th->inserted_zero},
        {"padding", DRAW_RECT, th->pad_ring},
        {"cropped", DRAW_RECT, th->cropped},
        {"appended 0", DRAW_RECT, th->extended},
        {"current", DRAW_FRAME, th->highlight},
        {"window", DRAW_FRAME, th->window},
        {"crop frame", DRAW_FRAME, th->crop_frame},
        {"lesson", DRAW_FRAME, th->lesson},
        {"hover link", DRAW_FRAME, th->link},
        {"2x overlap", DRAW_FRAME, color_alpha(th->overlap, 110)},
        {"agrees", DRAW_LINE, th->check},
        {"differs", DRAW_LINE, th->error},
        {"rounded", DRAW_LINE, th->rounded},
    };
    memcpy(m, all, sizeof all);
    return (int)(sizeof all / sizeof *all);
}

static int same(Color a, Color b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b && a.a == b.a;
}

/* The panel's background: the panel-coloured box around its "stride" row,
 * right of the window's left edge (the header and timeline span the
 * window). Its index. */
static int panel_cmd(const DrawList *dl, const Theme *th, int width, Rect *panel)
{
    (void)width;
    const DrawCmd *stride = NULL;
    for (int i = 0; i < dl->count && !stride; i++)
        if (dl->cmds[i].kind == DRAW_TEXT && strcmp(draw_cmd_text(dl, &dl->cmds[i]), "stride") == 0)
            stride = &dl->cmds[i];
    for (int i = 0; stride && i < dl->count; i++) {
        const DrawCmd *c = &dl->cmds[i];
        if (c->kind == DRAW_RECT && same(c->color, th->panel) && c->rect.x > 0 &&
            rect_contains(c->rect, stride->rect.x, stride->rect.y)) {
            *panel = c->rect;
            return i;
        }
    }
    return -1;
}

/* Text starting with t (all of it when whole) drawn inside r, in the
 * legend: below its first line (the panel's rows above have words of
 * their own, "padding" among them). */
static int text_in_as(const DrawList *dl, Rect r, const char *t, int whole)
{
    for (int i = 0; i < dl->count; i++) {
        const DrawCmd *c = &dl->cmds[i];
        if (c->kind == DRAW_TEXT && strncmp(draw_cmd_text(dl, c), "values", 6) == 0 &&
            rect_contains(r, c->rect.x, c->rect.y)) {
            r.h -= c->rect.y - r.y;
            r.y = c->rect.y;
            break;
        }
    }
    for (int i = 0; i < dl->count; i++) {
        const DrawCmd *c = &dl->cmds[i];
        const char *s = c->kind == DRAW_TEXT ? draw_cmd_text(dl, c) : "";
        if ((whole ? strcmp(s, t) == 0 : strncmp(s, t, strlen(t)) == 0) && c->rect.x >= r.x &&
            c->rect.y >= r.y && c->rect.x < r.x + r.w && c->rect.y + c->size_px <= r.y + r.h)
            return 1;
    }
    return 0;
}

static int text_in(const DrawList *dl, Rect r, const char *t)
{
    return text_in_as(dl, r, t, 1);
}

static const struct {
    int w, h;
} sizes[] = {{800, 540}, {1280, 720}, {1600, 900}, {1920, 1080}, {2560, 1440}};
static const float scales[] = {1.0f, 1.25f, 1.5f, 2.0f};

/* The extent of a command: a text's measured box, a line's span with its
 * thickness, a rect as it is. */
static Rect extent(const DrawList *dl, const DrawCmd *c)
{
    if (c->kind == DRAW_TEXT) {
        int w = measure(NULL, c->size_px, draw_cmd_text(dl, c));
        int x = c->align == ALIGN_CENTER  ? c->rect.x + (c->rect.w - w) / 2
                : c->align == ALIGN_RIGHT ? c->rect.x + c->rect.w - w
                                          : c->rect.x;
        return (Rect){x, c->rect.y, w, c->size_px};
    }
    if (c->kind == DRAW_LINE) {
        int x0 = c->rect.x < c->rect.x + c->rect.w ? c->rect.x : c->rect.x + c->rect.w;
        int y0 = c->rect.y < c->rect.y + c->rect.h ? c->rect.y : c->rect.y + c->rect.h;
        int t = c->thickness > 1 ? c->thickness / 2 : 0;
        return (Rect){x0 - t, y0 - t, abs(c->rect.w) + 2 * t + 1, abs(c->rect.h) + 2 * t + 1};
    }
    return c->rect;
}

static int inside(Rect outer, Rect r)
{
    return r.x >= outer.x && r.y >= outer.y && r.x + r.w <= outer.x + outer.w &&
           r.y + r.h <= outer.y + outer.h;
}

/* The panel's parts in the draw list: [rows, msg) its rows, [msg, legend)
 * the message, [legend, end) the legend (from its first sentence, which
 * starts with "values", to the panel's clip being cleared). */
typedef struct {
    Rect panel;
    int rows, msg, legend, end;
} PanelParts;

static int panel_parts(const DrawList *dl, const Theme *th, const char *msg_start, PanelParts *pp)
{
    int p0 = panel_cmd(dl, th, 0, &pp->panel);
    if (p0 < 0)
        return 0;
    pp->rows = p0 + 1;
    while (pp->rows < dl->count && dl->cmds[pp->rows - 1].kind != DRAW_CLIP)
        pp->rows++;
    pp->legend = pp->msg = pp->end = -1;
    for (int i = pp->rows; i < dl->count; i++) {
        const DrawCmd *c = &dl->cmds[i];
        if (c->kind == DRAW_CLIP && c->rect.w <= 0) {
            pp->end = i;
            break;
        }
        if (c->kind != DRAW_TEXT)
            continue;
        const char *t = draw_cmd_text(dl, c);
        if (pp->msg < 0 && msg_start && strncmp(t, msg_start, strlen(msg_start)) == 0)
            pp->msg = i;
        if (pp->legend < 0 && strncmp(t, "values", 6) == 0)
            pp->legend = i;
    }
    if (pp->end < 0 || pp->legend < 0)
        return 0;
    if (pp->msg < 0)
        pp->msg = pp->legend;
    return 1;
}

/* The bottom of [from, to)'s commands, and their top. */
static void span(const DrawList *dl, int from, int to, int *top, int *bottom)
{
    *top = 1 << 30;
    *bottom = -(1 << 30);
    for (int i = from; i < to; i++) {
        if (dl->cmds[i].kind == DRAW_CLIP)
            continue;
        Rect r = extent(dl, &dl->cmds[i]);
        *top = r.y < *top ? r.y : *top;
        *bottom = r.y + r.h > *bottom ? r.y + r.h : *bottom;
    }
}

/* The panel's rows, message and legend inside the panel, one below the
 * other, and no text of the legend over another of its marks; the
 * legend's text at least min_px. Problems reported, then counted. */
static int panel_untidy(Fx *f, const Theme *th, const char *msg_start, const char *what,
                        int min_px)
{
    const DrawList *dl = &f->dl;
    PanelParts pp;
    if (!panel_parts(dl, th, msg_start, &pp)) {
        print_message("%s at %dx%d: no panel or no legend\n", what, f->in.width, f->in.height);
        return 1;
    }
    int bad = 0;
    for (int i = pp.rows; i < pp.end; i++) {
        Rect r = extent(dl, &dl->cmds[i]);
        if (dl->cmds[i].kind != DRAW_CLIP && !inside(pp.panel, r)) {
            print_message("%s at %dx%d: '%s' (%d,%d %dx%d) runs out of the panel\n", what,
                          f->in.width, f->in.height,
                          dl->cmds[i].kind == DRAW_TEXT ? draw_cmd_text(dl, &dl->cmds[i]) : "a mark",
                          r.x, r.y, r.w, r.h);
            bad++;
        }
    }
    int rows_top, rows_bottom, msg_top, msg_bottom, legend_top, legend_bottom;
    span(dl, pp.rows, pp.msg, &rows_top, &rows_bottom);
    span(dl, pp.msg, pp.legend, &msg_top, &msg_bottom);
    span(dl, pp.legend, pp.end, &legend_top, &legend_bottom);
    if (pp.msg < pp.legend && (msg_top < rows_bottom || legend_top < msg_bottom)) {
        print_message("%s at %dx%d: rows end at %d, the message is %d..%d, the legend starts at %d\n",
                      what, f->in.width, f->in.height, rows_bottom, msg_top, msg_bottom, legend_top);
        bad++;
    }
    if (legend_top < rows_bottom) {
        print_message("%s at %dx%d: rows end at %d, the legend starts at %d\n", what, f->in.width,
                      f->in.height, rows_bottom, legend_top);
        bad++;
    }
    for (int i = pp.legend; i < pp.end; i++) {
        const DrawCmd *a = &dl->cmds[i];
        if (a->kind != DRAW_TEXT)
            continue;
        if (a->size_px < min_px) {
            print_message("%s at %dx%d: '%s' at %d px\n", what, f->in.width, f->in.height,
                          draw_cmd_text(dl, a), a->size_px);
            bad++;
        }
        Rect ra = extent(dl, a);
        for (int j = pp.legend; j < pp.end; j++) {
            const DrawCmd *c = &dl->cmds[j];
            if (j == i || c->kind == DRAW_CLIP || !rect_overlaps(ra, extent(dl, c)))
                continue;
            print_message("%s at %dx%d: '%s' overlaps %s\n", what, f->in.width, f->in.height,
                          draw_cmd_text(dl, a),
                          c->kind == DRAW_TEXT ? draw_cmd_text(dl, c) : "a mark");
            bad++;
        }
    }
    return bad;
}

/* Marks drawn before the panel without their key in it; reported. */
static int keys_missing(Fx *f, const Theme *th, const char *what)
{
    Mark m[16];
    int n = marks_of(th, m), missing = 0;
    Rect panel;
    int end = panel_cmd(&f->dl, th, f->in.width, &panel);
    if (end < 0) {
        print_message("%s: no panel\n", what);
        return 1;
    }
    for (int k = 0; k < n; k++) {
        int drawn = 0;
        for (int i = 0; i < end && !drawn; i++)
            drawn = f->dl.cmds[i].kind == m[k].kind && same(f->dl.cmds[i].color, m[k].c);
        if (drawn && !text_in(&f->dl, panel, m[k].name)) {
            print_message("%s at %dx%d: '%s' is drawn but not keyed\n", what, f->in.width,
                          f->in.height, m[k].name);
            missing++;
        }
    }
    return missing;
}

/* Keys missing and an untidy panel, in one frame. */
static int frame_faults(Fx *f, const Theme *th, const char *what)
{
    int b = f->s->layout.body_px;
    return keys_missing(f, th, what) +
           panel_untidy(f, th, NULL, what, b < LEGEND_MIN_PX ? b : LEGEND_MIN_PX);
}

/* The first visible cell of any grid, hovered. */
static void hover_first_cell(Fx *f)
{
    for (int g = 0; g < GRID_COUNT; g++) {
        Rect r;
        if (scene_cell_rect(f->s, g, 0, 0, &r)) {
            f->in.mouse_x = r.x + r.w / 2;
            f->in.mouse_y = r.y + r.h / 2;
            frame(f);
            return;
        }
    }
}

/* Whether size k at text scale t is checked: every size at 1 and 1.5, the
 * smallest and largest and 1280x720 at 1.25 and 2. */
static int checked(size_t k, size_t t)
{
    size_t last = sizeof sizes / sizeof *sizes - 1;
    return scales[t] == 1.0f || scales[t] == 1.5f || k == 0 || k == 1 || k == last;
}

static int check_at(void (*setup_fn)(SceneSetup *), const char *example, ThemeKind theme,
                    int v, size_t k, size_t t)
{
    const Theme *th = theme_get(theme);
    int faults = 0;
    SceneSetup setup;
    memset(&setup, 0, sizeof setup);
    if (setup_fn)
        setup_fn(&setup);
    setup.view = (ViewKind)v;
    setup.theme = theme;
    setup.text_scale = scales[t];
    Fx f;
    fx_open(&f, &setup);
    f.in.width = sizes[k].w;
    f.in.height = sizes[k].h;
    frame(&f);
    char what[128];
    snprintf(what, sizeof what, "%s, view %s, %s, text %.2f", example,
             scene_view_name((ViewKind)v), theme_name(theme), (double)scales[t]);
    for (int i = 0; i < 3; i++)
        key(&f, KEY_RIGHT, 0, 0); /* a step in the middle of the first phase */
    scene_update(f.s, 5.0);
    frame(&f);
    faults += frame_faults(&f, th, what);
    key(&f, KEY_END, 0, 0);
    scene_update(f.s, 5.0);
    frame(&f);
    faults += frame_faults(&f, th, what);
    hover_first_cell(&f);
    faults += frame_faults(&f, th, what);
    fx_close(&f);
    tensor_free(&setup.input);
    tensor_free(&setup.filter);
    return faults;
}

static int check_views(void (*setup_fn)(SceneSetup *), const char *example)
{
    int faults = 0;
    for (int v = 0; v < VIEW_COUNT; v++)
        for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++)
            for (size_t t = 0; t < sizeof scales / sizeof *scales; t++)
                if (checked(k, t))
                    faults += check_at(setup_fn, example, THEME_LIGHT, v, k, t);
    return faults;
}

static void test_default_example_keys_every_mark(void **state)
{
    (void)state;
    assert_int_equal(check_views(NULL, "default example"), 0);
}

static void test_28x28x32_keys_every_mark(void **state)
{
    (void)state;
    assert_int_equal(check_views(setup_28x28x32, "28x28x32"), 0);
}

/* Every step of lessons 1 and 3 (highlights, the scatter and the conv2d). */
static void test_lessons_key_every_mark(void **state)
{
    (void)state;
    static const char *const lessons[] = {"01-upsample-3x3-to-6x6.yaml",
                                          "03-fractional-stride.yaml"};
    const Theme *th = theme_get(THEME_LIGHT);
    int faults = 0;
    for (size_t l = 0; l < sizeof lessons / sizeof *lessons; l++)
        for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++)
            for (size_t t = 0; t < sizeof scales / sizeof *scales; t++) {
                if (!checked(k, t))
                    continue;
                SceneSetup setup = {.text_scale = scales[t]};
                Fx f;
                fx_open(&f, &setup);
                f.in.width = sizes[k].w;
                f.in.height = sizes[k].h;
                char path[512];
                snprintf(path, sizeof path, "%s/%s", COURSE, lessons[l]);
                Err err = {0};
                if (scene_open_lesson(f.s, path, &err) != 0)
                    fail_msg("%s", err.msg);
                for (int step = 0; step < scene_lesson_steps(f.s); step++) {
                    assert_int_equal(scene_lesson_goto(f.s, step, &err), 0);
                    scene_update(f.s, 60.0);
                    frame(&f);
                    char what[96];
                    snprintf(what, sizeof what, "%s step %d, text %.2f", lessons[l], step + 1,
                             (double)scales[t]);
                    faults += frame_faults(&f, th, what);
                }
                fx_close(&f);
            }
    assert_int_equal(faults, 0);
}

/* The projector theme's larger text: every view of both examples at the
 * smallest, the default and the largest size, text 1x and 2x. */
static void test_projector_keys_every_mark(void **state)
{
    (void)state;
    static const size_t at[] = {0, 1, sizeof sizes / sizeof *sizes - 1};
    int faults = 0;
    for (int v = 0; v < VIEW_COUNT; v++)
        for (size_t k = 0; k < sizeof at / sizeof *at; k++)
            for (size_t t = 0; t < sizeof scales / sizeof *scales; t += 3) {
                faults += check_at(NULL, "default example", THEME_PROJECTOR, v, at[k], t);
                faults += check_at(setup_28x28x32, "28x28x32", THEME_PROJECTOR, v, at[k], t);
            }
    assert_int_equal(faults, 0);
}

/* A message (a long one, wrapped) sits between the rows and the legend,
 * touching neither, and every key stays. */
static void test_message_between_rows_and_legend(void **state)
{
    (void)state;
    const Theme *th = theme_get(THEME_LIGHT);
    int faults = 0;
    for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++)
        for (size_t t = 0; t < sizeof scales / sizeof *scales; t++) {
            if (!checked(k, t))
                continue;
            SceneSetup setup = {.view = VIEW_CONV2D, .text_scale = scales[t]};
            Fx f;
            fx_open(&f, &setup);
            f.in.width = sizes[k].w;
            f.in.height = sizes[k].h;
            key(&f, KEY_END, 0, 0);
            scene_set_message(f.s, 0, "saved screenshot /home/someone/tcviz-20240101-120000.png");
            hover_first_cell(&f);
            char what[64];
            snprintf(what, sizeof what, "message, text %.2f", (double)scales[t]);
            faults += keys_missing(&f, th, what);
            faults += panel_untidy(&f, th, "saved", what, LEGEND_MIN_PX);
            PanelParts pp;
            assert_true(panel_parts(&f.dl, th, "saved", &pp));
            if (pp.msg == pp.legend) {
                print_message("%s at %dx%d: no message\n", what, sizes[k].w, sizes[k].h);
                faults++;
            }
            fx_close(&f);
        }
    assert_int_equal(faults, 0);
}

/* A number drawn over the part of grid g inside its clip: a centred text
 * whose box's centre is there. */
static int grid_has_numbers(const Fx *f, int g)
{
    const GridLayout *gl = &f->s->layout.grid[g];
    Rect vis = rect_intersect(layout_grid_rect(gl), gl->clip);
    for (int i = 0; i < f->dl.count; i++) {
        const DrawCmd *c = &f->dl.cmds[i];
        if (c->kind == DRAW_TEXT && c->align == ALIGN_CENTER && draw_cmd_text(&f->dl, c)[0] &&
            rect_contains(vis, c->rect.x + c->rect.w / 2, c->rect.y + c->size_px / 2))
            return 1;
    }
    return 0;
}

/* Grids on screen that draw no number; reported when `say`. */
static int grids_without_numbers(const Fx *f, const char *say)
{
    int n = 0;
    for (int g = 0; g < GRID_COUNT; g++)
        if (layout_grid_on_screen(&f->s->layout, (GridId)g) && !grid_has_numbers(f, g)) {
            if (say)
                print_message("%s: grid %d (cells %d px) shows no number\n", say, g,
                              f->s->layout.grid[g].cell);
            n++;
        }
    return n;
}

static int says_small_cells(const Fx *f)
{
    Rect panel;
    const Theme *th = theme_get(THEME_LIGHT);
    return panel_cmd(&f->dl, th, 0, &panel) >= 0 && text_in_as(&f->dl, panel, "small cells:", 0);
}

/* The small-cells line is in the legend exactly when a grid on screen
 * shows no number: every view of both examples at its last step. */
static void test_small_cells_said_exactly_when_numbers_hide(void **state)
{
    (void)state;
    static const size_t at[] = {0, 1, 3};
    void (*examples[])(SceneSetup *) = {NULL, setup_28x28x32};
    int wrong = 0, said = 0, unsaid = 0;
    for (size_t e = 0; e < 2; e++)
        for (int v = 0; v < VIEW_COUNT; v++)
            for (size_t k = 0; k < sizeof at / sizeof *at; k++) {
                SceneSetup setup;
                memset(&setup, 0, sizeof setup);
                if (examples[e])
                    examples[e](&setup);
                setup.view = (ViewKind)v;
                Fx f;
                fx_open(&f, &setup);
                f.in.width = sizes[at[k]].w;
                f.in.height = sizes[at[k]].h;
                key(&f, KEY_END, 0, 0);
                scene_update(f.s, 60.0);
                frame(&f);
                char what[96];
                snprintf(what, sizeof what, "%s, view %s at %dx%d", e ? "28x28x32" : "default",
                         scene_view_name((ViewKind)v), f.in.width, f.in.height);
                int hidden = grids_without_numbers(&f, NULL) > 0, says = says_small_cells(&f);
                if (hidden != says) {
                    print_message("%s: %s\n", what,
                                  says ? "says small cells, every grid shows numbers"
                                       : "a grid shows no number, the legend does not say so");
                    grids_without_numbers(&f, what);
                    wrong++;
                }
                said += says;
                unsaid += !says;
                fx_close(&f);
                tensor_free(&setup.input);
                tensor_free(&setup.filter);
            }
    assert_int_equal(wrong, 0);
    assert_true(said > 0); /* both cases are seen */
    assert_true(unsaid > 0);
}

/* The 28x28x32 example's channels view at 1920x1080: the kernel strips'
 * 7x7 tiles are too small for numbers, and the legend says so; + zooms in
 * until a tile on screen shows its numbers. */
static void test_zoom_in_shows_the_strips_numbers(void **state)
{
    (void)state;
    SceneSetup setup;
    setup_28x28x32(&setup);
    setup.view = VIEW_CHANNELS;
    Fx f;
    fx_open(&f, &setup);
    f.in.width = 1920;
    f.in.height = 1080;
    key(&f, KEY_END, 0, 0); /* every value computed, the kernel turned */
    scene_update(f.s, 60.0);
    frame(&f);
    assert_true(layout_grid_on_screen(&f.s->layout, GRID_CH_W));
    assert_false(grid_has_numbers(&f, GRID_CH_W));
    assert_true(says_small_cells(&f));
    int presses = 0;
    while (!grid_has_numbers(&f, GRID_CH_W) && presses < 12) {
        key(&f, KEY_CHAR, '+', 0);
        presses++;
    }
    print_message("strip numbers after %d presses of +, cells %d px\n", presses,
                  f.s->layout.grid[GRID_CH_W].cell);
    assert_true(layout_grid_on_screen(&f.s->layout, GRID_CH_W));
    assert_true(grid_has_numbers(&f, GRID_CH_W));
    assert_int_equal(says_small_cells(&f), grids_without_numbers(&f, "zoomed in") > 0);
    fx_close(&f);
    tensor_free(&setup.input);
    tensor_free(&setup.filter);
}

/* The overlap view of the default example draws no inserted zeros and no
 * padding: their keys are not in its legend; the conv2d view's are. */
static void test_keys_follow_the_view(void **state)
{
    (void)state;
    const Theme *th = theme_get(THEME_LIGHT);
    SceneSetup setup = {0};
    setup.view = VIEW_OVERLAP;
    Fx f;
    fx_open(&f, &setup);
    f.in.width = 1280;
    f.in.height = 720;
    key(&f, KEY_END, 0, 0);
    Rect panel;
    assert_true(panel_cmd(&f.dl, th, f.in.width, &panel) >= 0);
    assert_false(text_in(&f.dl, panel, "inserted 0"));
    assert_false(text_in(&f.dl, panel, "padding"));
    assert_false(text_in(&f.dl, panel, "window"));
    key(&f, KEY_CHAR, 'v', 0); /* the next view */
    while (strcmp(scene_view_name(scene_view(f.s)), "conv2d") != 0)
        key(&f, KEY_CHAR, 'v', 0);
    key(&f, KEY_END, 0, 0);
    assert_true(panel_cmd(&f.dl, th, f.in.width, &panel) >= 0);
    assert_true(text_in(&f.dl, panel, "inserted 0"));
    assert_true(text_in(&f.dl, panel, "padding"));
    assert_true(text_in(&f.dl, panel, "window"));
    fx_close(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_example_keys_every_mark),
        cmocka_unit_test(test_28x28x32_keys_every_mark),
        cmocka_unit_test(test_lessons_key_every_mark),
        cmocka_unit_test(test_projector_keys_every_mark),
        cmocka_unit_test(test_message_between_rows_and_legend),
        cmocka_unit_test(test_small_cells_said_exactly_when_numbers_hide),
        cmocka_unit_test(test_zoom_in_shows_the_strips_numbers),
        cmocka_unit_test(test_keys_follow_the_view),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
