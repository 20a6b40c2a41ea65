/* test_legend.c - the legend keys every mark on screen and only those: for
 * each view, at 1280x720 and 1920x1080, for the default example, the
 * 28x28x32 one and a lesson, at a step in the middle, at the end and with
 * the mouse over a cell, every mark the view draws (a fill, an outline or
 * a check in a mark's colour) has its key's name inside the panel; a view
 * that draws no inserted zeros has no key for them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "scene_fixture.h"

#define COURSE TCVIZ_TEST_DATA "/../../lessons"

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

/* t drawn inside r, in the legend: below its first line (the panel's rows
 * above have words of their own, "padding" among them). */
static int text_in(const DrawList *dl, Rect r, const char *t)
{
    for (int i = 0; i < dl->count; i++) {
        const DrawCmd *c = &dl->cmds[i];
        if (c->kind == DRAW_TEXT &&
            strncmp(draw_cmd_text(dl, c), "values, shared scale:", 21) == 0 &&
            rect_contains(r, c->rect.x, c->rect.y)) {
            r.h -= c->rect.y - r.y;
            r.y = c->rect.y;
            break;
        }
    }
    for (int i = 0; i < dl->count; i++) {
        const DrawCmd *c = &dl->cmds[i];
        if (c->kind == DRAW_TEXT && strcmp(draw_cmd_text(dl, c), t) == 0 && c->rect.x >= r.x &&
            c->rect.y >= r.y && c->rect.x < r.x + r.w && c->rect.y + c->size_px <= r.y + r.h)
            return 1;
    }
    return 0;
}

/* Marks drawn before the panel without their key in it; reported. */
static int keys_missing(Fx *f, const char *what)
{
    const Theme *th = theme_get(THEME_LIGHT);
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
        if (!drawn && text_in(&f->dl, panel, m[k].name) && k == 0)
            print_message("%s: (inserted 0 keyed, not drawn this frame)\n", what);
    }
    return missing;
}

static const struct {
    int w, h;
} sizes[] = {{1280, 720}, {1920, 1080}};

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

static int check_views(void (*setup_fn)(SceneSetup *), const char *example)
{
    int missing = 0;
    for (int v = 0; v < VIEW_COUNT; v++)
        for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
            SceneSetup setup;
            memset(&setup, 0, sizeof setup);
            if (setup_fn)
                setup_fn(&setup);
            setup.view = (ViewKind)v;
            Fx f;
            fx_open(&f, &setup);
            f.in.width = sizes[k].w;
            f.in.height = sizes[k].h;
            frame(&f);
            char what[96];
            snprintf(what, sizeof what, "%s, view %s", example, scene_view_name((ViewKind)v));
            for (int i = 0; i < 3; i++)
                key(&f, KEY_RIGHT, 0, 0); /* a step in the middle of the first phase */
            scene_update(f.s, 5.0);
            frame(&f);
            missing += keys_missing(&f, what);
            key(&f, KEY_END, 0, 0);
            scene_update(f.s, 5.0);
            frame(&f);
            missing += keys_missing(&f, what);
            hover_first_cell(&f);
            missing += keys_missing(&f, what);
            fx_close(&f);
            tensor_free(&setup.input);
            tensor_free(&setup.filter);
        }
    return missing;
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
    int missing = 0;
    for (size_t l = 0; l < sizeof lessons / sizeof *lessons; l++)
        for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
            Fx f;
            fx_open(&f, NULL);
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
                snprintf(what, sizeof what, "%s step %d", lessons[l], step + 1);
                missing += keys_missing(&f, what);
            }
            fx_close(&f);
        }
    assert_int_equal(missing, 0);
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
        cmocka_unit_test(test_keys_follow_the_view),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
