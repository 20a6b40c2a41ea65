/* test_layout_fills.c - grids fill the screen and keep their numbers: at
 * 1280x720, 1600x900 and 1920x1080, for the default example (alone, and as
 * the window opens it: lesson 1's column beside it) and the 28x28x32 one,
 * every view shows every cell's number in each grid of at most 12x12 cells
 * (a channels strip counts with the columns between its tiles). And nothing is drawn over anything else: from 800x540 to
 * 2560x1440 no two buttons overlap, no two texts overlap, and no text runs
 * into a button it is not the label of. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "scene_fixture.h"
#include "ui/view.h"

static const struct {
    int w, h;
} sizes[] = {{1280, 720}, {1600, 900}, {1920, 1080}};

#define SMALL_GRID 12

/* A number centred over the cell: its text box spans the cell's centre
 * (a channel's sum spans its whole tile) and starts inside the cell. */
static int has_number(const DrawList *dl, Rect r)
{
    int cx = r.x + r.w / 2;
    for (int i = 0; i < dl->count; i++) {
        const DrawCmd *c = &dl->cmds[i];
        if (c->kind == DRAW_TEXT && c->align == ALIGN_CENTER && c->rect.x <= cx &&
            cx < c->rect.x + c->rect.w && c->rect.y >= r.y && c->rect.y < r.y + r.h &&
            draw_cmd_text(dl, c)[0])
            return 1;
    }
    return 0;
}

/* The cell's centre is inside its grid's clip: not scrolled out of sight
 * (C^T and the vec(x) and vec(y) strips scroll with it). */
static int shown(const Scene *s, int g, Rect cr)
{
    Rect clip = s->layout.grid[g].clip;
    int cx = cr.x + cr.w / 2, cy = cr.y + cr.h / 2;
    return clip.w <= 0 || (cx >= clip.x && cx < clip.x + clip.w && cy >= clip.y &&
                           cy < clip.y + clip.h);
}

/* The channels view's strips: a row of k x k tiles, one per shown input
 * channel, a column apart (that column holds no number). */
static int is_strip(int g)
{
    return g == GRID_CH_W || g == GRID_CH_ROT || g == GRID_CH_WINDOWS;
}

/* Cells of grids of at most SMALL_GRID x SMALL_GRID cells (shown inside
 * their grid's clip) without a number; reported, then counted. */
static int cells_without_numbers(Fx *f, const char *what, int w, int h)
{
    int missing = 0;
    for (int g = 0; g < GRID_COUNT; g++) {
        Rect first, last;
        if (!scene_cell_rect(f->s, g, 0, 0, &first))
            continue;
        int rows = 1, cols = 1, b;
        while (scene_cell_rect(f->s, g, rows, 0, &last))
            rows++;
        while (scene_cell_rect(f->s, g, 0, cols, &last))
            cols++;
        /* a stamp row holds numbers under its stamp only */
        if (rows > SMALL_GRID || cols > SMALL_GRID || g == GRID_1D_STAMPS)
            continue;
        int here = 0, px = 0;
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++) {
                Rect cr;
                if (is_strip(g) && channels_tile_of(f->s, c, &b) < 0)
                    continue; /* the column between two tiles */
                if (scene_cell_rect(f->s, g, r, c, &cr) && shown(f->s, g, cr) &&
                    !has_number(&f->dl, cr)) {
                    here++;
                    px = cr.h;
                }
            }
        if (here)
            print_message("%s at %dx%d: grid %d (%dx%d, cells %d px): %d of %d cells without "
                          "a number\n",
                          what, w, h, g, rows, cols, px, here, rows * cols);
        missing += here;
    }
    return missing;
}

/* lesson: NULL, or a lesson opened first, as the window opens without
 * arguments (the default example is lesson 1's, its column beside the
 * view), then each view in turn (v). */
static void check_every_view_at(void (*setup_fn)(SceneSetup *), const char *lesson,
                                const char *example, float text_scale)
{
    int missing = 0;
    for (int v = 0; v < VIEW_COUNT; v++)
        for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
            SceneSetup setup;
            memset(&setup, 0, sizeof setup);
            if (setup_fn)
                setup_fn(&setup);
            setup.view = (ViewKind)v;
            setup.text_scale = text_scale;
            Fx f;
            fx_open(&f, &setup);
            f.in.width = sizes[k].w;
            f.in.height = sizes[k].h;
            if (lesson) {
                Err err = {0};
                if (scene_open_lesson(f.s, lesson, &err) != 0)
                    fail_msg("%s", err.msg);
                scene_set_view(f.s, (ViewKind)v);
            }
            frame(&f);
            key(&f, KEY_END, 0, 0); /* every output computed */
            scene_update(f.s, 5.0);  /* tweens (the kernel's turn) landed */
            frame(&f);
            char what[96];
            snprintf(what, sizeof what, "%s, view %s, text %.1fx", example,
                     scene_view_name((ViewKind)v), (double)text_scale);
            missing += cells_without_numbers(&f, what, sizes[k].w, sizes[k].h);
            fx_close(&f);
            tensor_free(&setup.input);
            tensor_free(&setup.filter);
        }
    assert_int_equal(missing, 0);
}

/* At the usual text size and larger (Ctrl+= once and twice from 1.25,
 * --text-scale 1.5 and 2): the text takes room from the panel before the
 * grids lose their numbers. */
static const float text_scales[] = {1.0f, 1.5f, 2.0f};

static void check_every_view(void (*setup_fn)(SceneSetup *), const char *lesson,
                             const char *example)
{
    for (size_t i = 0; i < sizeof text_scales / sizeof *text_scales; i++)
        check_every_view_at(setup_fn, lesson, example, text_scales[i]);
}

static void test_default_example_shows_every_number(void **state)
{
    (void)state;
    check_every_view(NULL, NULL, "default example");
}

#define COURSE TCVIZ_TEST_DATA "/../../lessons"

static void test_default_window_shows_every_number(void **state)
{
    (void)state;
    check_every_view(NULL, COURSE "/01-upsample-3x3-to-6x6.yaml", "lesson 1");
}

static void test_28x28x32_shows_every_small_grid_number(void **state)
{
    (void)state;
    check_every_view(setup_28x28x32, NULL, "28x28x32");
}

typedef struct {
    int w, h;
} WinSize;

static const WinSize chrome_sizes[] = {{800, 540}, {1280, 720}, {1920, 1080}, {2560, 1440}};

typedef struct {
    Rect box; /* the ink's extent: measured width, size_px tall, clipped */
    const char *s;
} TextBox;

static Rect clip_to(Rect r, Rect clip)
{
    return clip.w > 0 ? rect_intersect(r, clip) : r;
}

/* Buttons (1-px border frames) and texts of the frame, each clipped to the
 * clip rectangle it was drawn under. */
static int collect(const DrawList *dl, const Theme *th, Rect *buttons, int *nb, TextBox *texts,
                   int cap)
{
    int nt = 0;
    Rect clip = {0, 0, 0, 0};
    *nb = 0;
    for (int i = 0; i < dl->count; i++) {
        const DrawCmd *c = &dl->cmds[i];
        if (c->kind == DRAW_CLIP) {
            clip = c->rect;
        } else if (c->kind == DRAW_FRAME && c->thickness == 1 && same_color(c->color, th->border) &&
                   *nb < cap) {
            buttons[(*nb)++] = clip_to(c->rect, clip);
        } else if (c->kind == DRAW_TEXT && nt < cap) {
            const char *t = draw_cmd_text(dl, c);
            int w = measure(NULL, c->size_px, t);
            int x = c->align == ALIGN_LEFT     ? c->rect.x
                    : c->align == ALIGN_CENTER ? c->rect.x + (c->rect.w - w) / 2
                                               : c->rect.x + c->rect.w - w;
            Rect box = clip_to((Rect){x, c->rect.y, w, c->size_px}, clip);
            if (box.w > 0 && box.h > 0 && t[0])
                texts[nt++] = (TextBox){box, t};
        }
    }
    return nt;
}

static int inside(Rect in, Rect out)
{
    return in.x >= out.x && in.y >= out.y && in.x + in.w <= out.x + out.w &&
           in.y + in.h <= out.y + out.h;
}

#define CAP 4096

static int overlaps_in_frame(Fx *f, const char *what, int w, int h)
{
    static Rect b[CAP];
    static TextBox t[CAP];
    int nb, nt = collect(&f->dl, theme_get(THEME_LIGHT), b, &nb, t, CAP), bad = 0;
    for (int i = 0; i < nb; i++)
        for (int j = i + 1; j < nb; j++)
            if (rect_overlaps(b[i], b[j]) && !inside(b[i], b[j]) && !inside(b[j], b[i]) &&
                bad++ < 3)
                print_message("%s at %dx%d: buttons %d,%d %dx%d and %d,%d %dx%d overlap\n", what,
                              w, h, b[i].x, b[i].y, b[i].w, b[i].h, b[j].x, b[j].y, b[j].w,
                              b[j].h);
    for (int i = 0; i < nt; i++) {
        for (int j = i + 1; j < nt; j++)
            if (rect_overlaps(t[i].box, t[j].box) && bad++ < 3)
                print_message("%s at %dx%d: '%s' at %d,%d and '%s' at %d,%d overlap\n", what, w,
                              h, t[i].s, t[i].box.x, t[i].box.y, t[j].s, t[j].box.x, t[j].box.y);
        for (int k = 0; k < nb; k++)
            if (rect_overlaps(t[i].box, b[k]) && !inside(t[i].box, b[k]) && bad++ < 3)
                print_message("%s at %dx%d: '%s' at %d,%d %dx%d runs into the button at %d,%d "
                              "%dx%d\n",
                              what, w, h, t[i].s, t[i].box.x, t[i].box.y, t[i].box.w, t[i].box.h,
                              b[k].x, b[k].y, b[k].w, b[k].h);
    }
    return bad;
}

/* The sizes checked and the text size (scene_set_text_scale) they are
 * checked at: every size at 1, the common ones at larger text. */
static const WinSize *check_sizes = chrome_sizes;
static size_t n_check_sizes = sizeof chrome_sizes / sizeof *chrome_sizes;
static float check_scale = 1.0f;
static int check_present; /* presenter mode, the panel and timeline hidden */

static void check_no_overlaps(void (*setup_fn)(SceneSetup *), Convention conv,
                              const char *example)
{
    int bad = 0;
    for (int v = 0; v < VIEW_COUNT; v++)
        for (size_t k = 0; k < n_check_sizes; k++) {
            SceneSetup setup;
            memset(&setup, 0, sizeof setup);
            if (setup_fn)
                setup_fn(&setup);
            setup.view = (ViewKind)v;
            Fx f;
            fx_open(&f, &setup);
            scene_set_text_scale(f.s, check_scale);
            scene_set_present(f.s, check_present);
            f.in.width = check_sizes[k].w;
            f.in.height = check_sizes[k].h;
            frame(&f);
            if (conv == CONV_TORCH)
                key(&f, KEY_CHAR, 'c', 0);
            key(&f, KEY_END, 0, 0);
            scene_update(f.s, 5.0);
            frame(&f);
            char what[96];
            snprintf(what, sizeof what, "%s, view %s, text %.1fx", example,
                     scene_view_name((ViewKind)v), (double)check_scale);
            bad += overlaps_in_frame(&f, what, check_sizes[k].w, check_sizes[k].h);
            fx_close(&f);
            tensor_free(&setup.input);
            tensor_free(&setup.filter);
        }
    assert_int_equal(bad, 0);
}

static void test_nothing_overlaps_default_example(void **state)
{
    (void)state;
    check_no_overlaps(NULL, CONV_TF, "default example");
    check_no_overlaps(NULL, CONV_TORCH, "default example, PyTorch");
}

static void test_nothing_overlaps_28x28x32(void **state)
{
    (void)state;
    check_no_overlaps(setup_28x28x32, CONV_TF, "28x28x32");
}

/* With a lesson's column open, at every step of a lesson (its views,
 * its layer and its long counters). */

static void check_lesson(const char *path)
{
    int bad = 0;
    for (size_t k = 0; k < n_check_sizes; k++) {
        Fx f;
        SceneSetup setup = {0};
        fx_open(&f, &setup);
        scene_set_text_scale(f.s, check_scale);
        scene_set_present(f.s, check_present);
        f.in.width = check_sizes[k].w;
        f.in.height = check_sizes[k].h;
        Err err = {0};
        if (scene_open_lesson(f.s, path, &err) != 0)
            fail_msg("%s", err.msg);
        for (int step = 0; step < scene_lesson_steps(f.s); step++) {
            if (scene_lesson_goto(f.s, step, &err) != 0)
                fail_msg("%s", err.msg);
            scene_update(f.s, 0.5);
            frame(&f);
            char what[160];
            snprintf(what, sizeof what, "%s step %d", strrchr(path, '/') + 1, step + 1);
            bad += overlaps_in_frame(&f, what, check_sizes[k].w, check_sizes[k].h);
        }
        fx_close(&f);
    }
    assert_int_equal(bad, 0);
}

static void test_nothing_overlaps_in_lessons(void **state)
{
    (void)state;
    check_lesson(COURSE "/01-upsample-3x3-to-6x6.yaml");
    check_lesson(COURSE "/06-channels-28x28-32-filters.yaml");
}

/* Larger text (Ctrl+=, --text-scale) at the common window sizes: still
 * nothing drawn over anything else. */
static const WinSize common_sizes[] = {{1280, 720}, {1920, 1080}};

static void test_nothing_overlaps_with_larger_text(void **state)
{
    (void)state;
    static const float scales[] = {1.5f, 2.0f};
    check_sizes = common_sizes;
    n_check_sizes = sizeof common_sizes / sizeof *common_sizes;
    for (size_t i = 0; i < sizeof scales / sizeof *scales; i++) {
        check_scale = scales[i];
        check_no_overlaps(NULL, CONV_TF, "default example, larger text");
        check_no_overlaps(NULL, CONV_TORCH, "default example, PyTorch, larger text");
        check_no_overlaps(setup_28x28x32, CONV_TF, "28x28x32, larger text");
        check_lesson(COURSE "/01-upsample-3x3-to-6x6.yaml");
        check_lesson(COURSE "/06-channels-28x28-32-filters.yaml");
    }
    check_sizes = chrome_sizes;
    n_check_sizes = sizeof chrome_sizes / sizeof *chrome_sizes;
    check_scale = 1.0f;
}

/* Presenter mode (the view and the narrative, larger) at every size. */
static void test_nothing_overlaps_in_presenter_mode(void **state)
{
    (void)state;
    check_present = 1;
    check_no_overlaps(NULL, CONV_TF, "default example, presenter");
    check_no_overlaps(setup_28x28x32, CONV_TF, "28x28x32, presenter");
    check_lesson(COURSE "/01-upsample-3x3-to-6x6.yaml");
    check_lesson(COURSE "/06-channels-28x28-32-filters.yaml");
    check_present = 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_example_shows_every_number),
        cmocka_unit_test(test_default_window_shows_every_number),
        cmocka_unit_test(test_28x28x32_shows_every_small_grid_number),
        cmocka_unit_test(test_nothing_overlaps_default_example),
        cmocka_unit_test(test_nothing_overlaps_28x28x32),
        cmocka_unit_test(test_nothing_overlaps_in_lessons),
        cmocka_unit_test(test_nothing_overlaps_with_larger_text),
        cmocka_unit_test(test_nothing_overlaps_in_presenter_mode),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
