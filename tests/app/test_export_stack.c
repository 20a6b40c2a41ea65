/* test_export_stack.c - `tcviz export` of the stack view: a stack lesson's
 * step (--lesson-step) and the view of the current layer (--view stack),
 * to PNG and SVG.
 *
 * The PNG must be the picture the scene draws in-process for the same
 * state, pixel for pixel; the SVG must hold every count of the maps it
 * shows with numbers as a <text> at that cell's place. The counts checked
 * are lesson 15's own (its `expect:` block states them, verified by
 * `tcviz check`), and for the default layer (kernel 2, stride 2) one path
 * per cell. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/app_args.h"
#include "app/offscreen.h"
#include "png_load.h"
#include "run_tcviz.h"
#include "svg_doc.h"
#include "ui/layout.h"

#define LESSON15 TCVIZ_TEST_DATA "/../../lessons/15-checkerboard-compounding.yaml"

static int setup(void **state)
{
    (void)state;
    return run_dir_make("tcviz_export_stack");
}

static int teardown(void **state)
{
    (void)state;
    return run_remove_tree(run_dir);
}

static void export_ok(const char *args)
{
    static Run r;
    run_tcviz(args, &r);
    if (r.code != 0 || r.err[0])
        fail_msg("`%s`: exit %d, stderr: %s", args, r.code, r.err);
}

static void scratch(char *out, size_t cap, const char *name)
{
    snprintf(out, cap, "%s/%s", run_dir, name);
}

/* The scene as `tcviz [LESSON] [--view stack]` opens it. */
static void open_here(Offscreen *o, int w, int h, const char *lesson)
{
    char *argv[] = {"tcviz", lesson ? (char *)lesson : "--view", lesson ? NULL : "stack", NULL};
    int argc = lesson ? 2 : 3;
    AppArgs a;
    SceneSetup s;
    Err err = {0};
    if (app_args_parse(argc, argv, 1, NULL, &a, &err) != 0 || app_args_setup(&a, &s, &err) != 0)
        fail_msg("%s", err.msg);
    if (offscreen_open(o, &s, NULL, w, h, &err) != 0)
        fail_msg("offscreen_open: %s", err.msg);
    app_args_free(&s);
}

/* Lesson step n (1-based) once it has played, drawn. */
static void lesson_step_here(Offscreen *o, int n)
{
    Err err = {0};
    assert_int_equal(scene_lesson_goto(o->scene, n - 1, &err), 0);
    int frames = 0;
    while (scene_update(o->scene, 0.05) && frames < 100000)
        frames++;
    assert_int_equal(scene_view(o->scene), VIEW_STACK);
    offscreen_draw_scene(o);
    offscreen_render(o);
}

static void assert_same_png(const char *name, const Offscreen *o)
{
    char path[160];
    scratch(path, sizeof path, name);
    int w, h, pitch;
    uint32_t *img = png_load(path, &w, &h, 0);
    assert_int_equal(w, o->w);
    assert_int_equal(h, o->h);
    const uint32_t *px = offscreen_pixels(o, &pitch);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            if (img[y * w + x] != (px[(size_t)y * (size_t)(pitch / 4) + (size_t)x] & 0xFFFFFFu))
                fail_msg("%s: pixel (%d,%d) differs from the in-process render", name, x, y);
    free(img);
}

/* Cell (row, col) of grid holds exactly one <text> `want`. */
static void assert_cell_text(const SvgDoc *d, const Offscreen *o, int grid, int row, int col,
                             const char *want)
{
    Rect c;
    if (!scene_cell_rect(o->scene, grid, row, col, &c))
        fail_msg("grid %d has no cell (%d,%d) on screen", grid, row, col);
    int found = 0;
    for (int i = 0; i < d->n_texts; i++) {
        const SvgText *t = &d->texts[i];
        if (t->x < c.x || t->x > c.x + c.w || t->y < c.y || t->y > c.y + c.h)
            continue;
        if (strcmp(t->text, want) != 0)
            fail_msg("grid %d cell (%d,%d) shows '%s', expected '%s'", grid, row, col, t->text,
                     want);
        found++;
    }
    if (found != 1)
        fail_msg("grid %d cell (%d,%d): %d <text> '%s', expected one", grid, row, col, found,
                 want);
}

static int svg_has(const SvgDoc *d, const char *text)
{
    for (int i = 0; i < d->n_texts; i++)
        if (strstr(d->texts[i].text, text))
            return 1;
    return 0;
}

/* Lesson 15, step 3 at 1920x1080 (cells big enough for numbers): three
 * kernel-3, stride-2 layers; the whole chain's
 * counts repeat 4, 3, 5, 2, 5, 3, 4, 1 inside. */
static void test_lesson_step(void **state)
{
    (void)state;
    static const int chain[39] = {1, 1, 2, 1, 3, 2, 3, 1, 4, 3, 5, 2, 5, 3, 4, 1, 4, 3, 5, 2,
                                  5, 3, 4, 1, 4, 3, 5, 2, 5, 3, 4, 1, 3, 2, 3, 1, 2, 1, 1};
    static const int stage1[9] = {1, 1, 2, 1, 2, 1, 2, 1, 1};
    export_ok("export " LESSON15 " --lesson-step 3 --size 1920x1080 -o @/l.png");
    export_ok("export " LESSON15 " --lesson-step 3 --size 1920x1080 -o @/l.svg");
    assert_int_equal(run_count_entries(run_dir), 2); /* no temporary file left */
    Offscreen o;
    open_here(&o, 1920, 1080, LESSON15);
    lesson_step_here(&o, 3);
    assert_same_png("l.png", &o);
    char path[160];
    scratch(path, sizeof path, "l.svg");
    SvgDoc d;
    svg_doc_load(path, &d);
    char v[8];
    for (int c = 0; c < 39; c++) {
        snprintf(v, sizeof v, "%d", chain[c]);
        assert_cell_text(&d, &o, GRID_SK_CHAIN3, 0, c, v);
    }
    for (int c = 0; c < 9; c++) {
        snprintf(v, sizeof v, "%d", stage1[c]);
        assert_cell_text(&d, &o, GRID_SK_STAGE1, 0, c, v);
    }
    assert_true(svg_has(&d, "whole chain"));
    assert_true(svg_has(&d, "all stages at once")); /* the timeline counts no steps here */
    assert_true(svg_has(&d, "tf.nn.conv1d_transpose(")); /* the header in 1-D terms */
    offscreen_close(&o);
    svg_doc_free(&d);
}

/* --view stack of the default layer (3x3, kernel 2, stride 2): the layer
 * twice (three would pass 16x16), every cell reached by one path. */
static void test_view_stack(void **state)
{
    (void)state;
    export_ok("export --view stack --step 0 --size 1280x720 -o @/v.png");
    export_ok("export --view stack --step 0 --size 1280x720 -o @/v.svg");
    Offscreen o;
    open_here(&o, 1280, 720, NULL);
    offscreen_show_step(&o, 0);
    assert_same_png("v.png", &o);
    char path[160];
    scratch(path, sizeof path, "v.svg");
    SvgDoc d;
    svg_doc_load(path, &d);
    for (int r = 0; r < 12; r++)
        for (int c = 0; c < 12; c++)
            assert_cell_text(&d, &o, GRID_SK_CHAIN2, r, c, "1");
    Rect cell;
    assert_false(scene_cell_rect(o.scene, GRID_SK_CHAIN3, 0, 0, &cell));
    assert_true(svg_has(&d, "even: every inside cell is reached by 1 path"));
    offscreen_close(&o);
    svg_doc_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lesson_step),
        cmocka_unit_test(test_view_stack),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
