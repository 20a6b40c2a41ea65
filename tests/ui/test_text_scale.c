/* test_text_scale.c - the text-size control: Ctrl+= / Ctrl+- step through
 * the sizes (0.5x to 3x), Ctrl+0 goes back, SceneSetup.text_scale opens at
 * a size; every text of the frame (header, panel, status, captions,
 * timeline, a lesson's narrative) grows with it; the projector theme is
 * 1.2x; the text never outgrows 3/80 of the window's height. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>

#include "scene_fixture.h"

#define COURSE TCVIZ_TEST_DATA "/../../lessons"

/* The first text command starting with prefix. */
static const DrawCmd *text_cmd(const DrawList *dl, const char *prefix)
{
    for (int i = 0; i < dl->count; i++)
        if (dl->cmds[i].kind == DRAW_TEXT &&
            strncmp(draw_cmd_text(dl, &dl->cmds[i]), prefix, strlen(prefix)) == 0)
            return &dl->cmds[i];
    fail_msg("no text starting with '%s'", prefix);
    return NULL;
}

/* Body text: the header's shapes line. */
static int body_px(Fx *f)
{
    frame(f);
    return text_cmd(&f->dl, "x [1,3,3,1]")->size_px;
}

static void test_keys_step_through_the_sizes(void **state)
{
    (void)state;
    Fx f;
    fx_open(&f, NULL);
    f.in.width = 1920;
    f.in.height = 1080;
    assert_int_equal(body_px(&f), 18);
    key(&f, KEY_CHAR, '=', MOD_CTRL);
    assert_true(scene_text_scale(f.s) > 1.09f && scene_text_scale(f.s) < 1.11f);
    assert_int_equal(body_px(&f), 20); /* 19.8 */
    key(&f, KEY_CHAR, '=', MOD_CTRL | MOD_SHIFT); /* Ctrl++ on most keyboards */
    assert_true(scene_text_scale(f.s) > 1.24f && scene_text_scale(f.s) < 1.26f);
    assert_true(frame_says(&f.dl, "text size 125%"));
    key(&f, KEY_CHAR, '-', MOD_CTRL);
    key(&f, KEY_CHAR, '-', MOD_CTRL);
    assert_true(scene_text_scale(f.s) > 0.99f && scene_text_scale(f.s) < 1.01f);
    for (int i = 0; i < 20; i++)
        key(&f, KEY_CHAR, '-', MOD_CTRL);
    assert_true(scene_text_scale(f.s) == SCENE_TEXT_SCALE_MIN);
    assert_int_equal(body_px(&f), 9);
    key(&f, KEY_CHAR, '0', MOD_CTRL);
    assert_true(scene_text_scale(f.s) == 1.0f);
    assert_int_equal(body_px(&f), 18);
    for (int i = 0; i < 20; i++)
        key(&f, KEY_CHAR, '=', MOD_CTRL);
    assert_true(scene_text_scale(f.s) == SCENE_TEXT_SCALE_MAX);
    /* the cell zoom is another thing: Ctrl+= left it alone */
    Rect before, after;
    assert_true(scene_cell_rect(f.s, GRID_INPUT, 0, 0, &before));
    key(&f, KEY_CHAR, '0', MOD_CTRL);
    assert_true(scene_cell_rect(f.s, GRID_INPUT, 0, 0, &after));
    key(&f, KEY_CHAR, '=', 0); /* plain = zooms the grids */
    assert_true(scene_text_scale(f.s) == 1.0f);
    Rect zoomed;
    assert_true(scene_cell_rect(f.s, GRID_INPUT, 0, 0, &zoomed));
    assert_true(zoomed.w > after.w);
    (void)before;
    fx_close(&f);
}

static void test_set_clamps(void **state)
{
    (void)state;
    Fx f;
    fx_open(&f, NULL);
    scene_set_text_scale(f.s, 10.0f);
    assert_true(scene_text_scale(f.s) == SCENE_TEXT_SCALE_MAX);
    scene_set_text_scale(f.s, 0.1f);
    assert_true(scene_text_scale(f.s) == SCENE_TEXT_SCALE_MIN);
    scene_set_text_scale(f.s, NAN);
    assert_true(scene_text_scale(f.s) == SCENE_TEXT_SCALE_MIN);
    fx_close(&f);
}

/* Sizes of the texts of each part of the window. */
typedef struct {
    int header, panel, status, caption, timeline, narrative;
} PartSizes;

static PartSizes part_sizes(float scale)
{
    SceneSetup setup = {0};
    setup.text_scale = scale;
    Fx f;
    fx_open(&f, &setup);
    f.in.width = 1920;
    f.in.height = 1080;
    frame(&f);
    PartSizes p;
    p.header = text_cmd(&f.dl, "x [1,3,3,1]")->size_px;
    p.panel = text_cmd(&f.dl, "stride")->size_px;
    p.status = text_cmd(&f.dl, scene_status(f.s))->size_px;
    p.caption = text_cmd(&f.dl, "w")->size_px;
    p.timeline = text_cmd(&f.dl, "play")->size_px;
    Err err = {0};
    if (scene_open_lesson(f.s, COURSE "/01-upsample-3x3-to-6x6.yaml", &err) != 0)
        fail_msg("%s", err.msg);
    frame(&f);
    p.narrative = text_cmd(&f.dl, "Step 1")->size_px;
    fx_close(&f);
    return p;
}

static void test_every_text_grows(void **state)
{
    (void)state;
    PartSizes one = part_sizes(1.0f), big = part_sizes(1.5f);
    const int *a = &one.header, *b = &big.header;
    static const char *const names[] = {"header", "panel", "status", "caption", "timeline",
                                        "narrative"};
    for (int i = 0; i < 6; i++) {
        print_message("%s: %d px -> %d px\n", names[i], a[i], b[i]);
        /* 1.5x, give or take rounding */
        assert_true(2 * b[i] >= 3 * a[i] - 2 && 2 * b[i] <= 3 * a[i] + 2);
    }
}

static void test_projector_theme_is_larger(void **state)
{
    (void)state;
    SceneSetup setup = {0};
    setup.theme = THEME_PROJECTOR;
    Fx f;
    fx_open(&f, &setup);
    f.in.width = 1920;
    f.in.height = 1080;
    assert_int_equal(body_px(&f), 22); /* 1.2 x 18 */
    key(&f, KEY_CHAR, 't', 0);        /* light again */
    assert_int_equal(body_px(&f), 18);
    fx_close(&f);
}

static void test_text_fits_a_short_window(void **state)
{
    (void)state;
    SceneSetup setup = {0};
    setup.text_scale = 2.0f;
    Fx f;
    fx_open(&f, &setup);
    f.in.width = 1280;
    f.in.height = 720;
    assert_int_equal(body_px(&f), 27); /* 3/80 of 720, not 36 */
    f.in.width = 1920;
    f.in.height = 1080;
    assert_int_equal(body_px(&f), 36);
    fx_close(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_keys_step_through_the_sizes),
        cmocka_unit_test(test_set_clamps),
        cmocka_unit_test(test_every_text_grows),
        cmocka_unit_test(test_projector_theme_is_larger),
        cmocka_unit_test(test_text_fits_a_short_window),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
