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

#include "io/lesson.h"
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

/* Larger text steps back towards the usual size while a small grid would
 * lose its numbers, and no further: at 800x540 with text 2x the 28x28x32
 * layer's body text is never smaller than at 1x (it was 10 px). */
static void test_larger_text_steps_back_no_further_than_1x(void **state)
{
    (void)state;
    int px[2];
    for (int i = 0; i < 2; i++) {
        SceneSetup setup;
        setup_28x28x32(&setup);
        setup.text_scale = i ? 2.0f : 1.0f;
        Fx f;
        fx_open(&f, &setup);
        tensor_free(&setup.input);
        tensor_free(&setup.filter);
        f.in.width = 800;
        f.in.height = 540;
        frame(&f);
        px[i] = text_cmd(&f.dl, "x [1,28,28,32]")->size_px;
        fx_close(&f);
    }
    assert_int_equal(px[0], 18);
    assert_true(px[1] >= px[0]);
}

/* A lesson step's whole text stays in its column with large text in a
 * short window (it gets smaller rather than cut), and so do the keys
 * (lesson 6: the longest texts, no questions). */
static void test_narrative_fits_large_text(void **state)
{
    (void)state;
    SceneSetup setup = {0};
    setup.text_scale = 2.0f;
    Fx f;
    fx_open(&f, &setup);
    f.in.width = 1280;
    f.in.height = 720;
    Err err = {0};
    if (scene_open_lesson(f.s, COURSE "/06-channels-28x28-32-filters.yaml", &err) != 0)
        fail_msg("%s", err.msg);
    Lesson les;
    memset(&les, 0, sizeof les);
    assert_int_equal(lesson_load(COURSE "/06-channels-28x28-32-filters.yaml", &les, &err), 0);
    for (int step = 0; step < scene_lesson_steps(f.s); step++) {
        assert_int_equal(scene_lesson_goto(f.s, step, &err), 0);
        frame(&f);
        /* its last two words are drawn: the text was not cut short */
        char tail[LESSON_MAX_TEXT + 1];
        snprintf(tail, sizeof tail, "%s", les.steps[step].text);
        size_t n = strlen(tail);
        while (n > 0 && (tail[n - 1] == ' ' || tail[n - 1] == '\n'))
            tail[--n] = '\0';
        char *sp = strrchr(tail, ' ');
        assert_non_null(sp);
        *sp = '\0';
        char *prev = strrchr(tail, ' ');
        *sp = ' ';
        const char *last2 = prev ? prev + 1 : tail;
        if (!frame_says(&f.dl, last2))
            fail_msg("step %d: '%s' is not drawn", step + 1, last2);
        /* every text of the column lies inside the window */
        const DrawCmd *title = text_cmd(&f.dl, "Step ");
        int bottom = 0;
        for (int i = 0; i < f.dl.count; i++) {
            const DrawCmd *c = &f.dl.cmds[i];
            if (c->kind != DRAW_TEXT || c->rect.x < title->rect.x)
                continue;
            int w = measure(NULL, c->size_px, draw_cmd_text(&f.dl, c));
            if (c->rect.x + w > f.in.width)
                fail_msg("step %d: '%s' runs past the window", step + 1, draw_cmd_text(&f.dl, c));
            const char *t = draw_cmd_text(&f.dl, c);
            if (c->rect.y + c->size_px > bottom && strncmp(t, "Page", 4) && strncmp(t, "L: ", 3))
                bottom = c->rect.y + c->size_px;
        }
        /* the step text ends above the keys */
        assert_true(bottom <= text_cmd(&f.dl, "PageDown")->rect.y);
    }
    lesson_free(&les);
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
        cmocka_unit_test(test_larger_text_steps_back_no_further_than_1x),
        cmocka_unit_test(test_narrative_fits_large_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
