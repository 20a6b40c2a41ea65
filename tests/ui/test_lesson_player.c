/* test_lesson_player.c - the scene plays lessons: a lesson's steps set the
 * view, the timeline position (a play range stops at its end), the pinned
 * highlight and the layer (`with:` variants); the narrative column shows
 * the title, "Step k / n" and the text at body size; the browser (L) lists
 * the course and opens a lesson, and a broken one keeps the current state.
 *
 * The course is the repository's lessons/ (beside tests/data); small
 * lessons written here go to a temporary directory. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/lesson_dir.h"
#include "scene_fixture.h"

#define COURSE TCVIZ_TEST_DATA "/../../lessons"
#define MUL "\xc2\xb7" /* U+00B7, as the status writes x[1,1]·w */
#define LESSON1 COURSE "/01-upsample-3x3-to-6x6.yaml"
#define LESSON2 COURSE "/02-unet-2x2-stride-2.yaml"
#define LESSON3 COURSE "/03-fractional-stride.yaml"
#define LESSON5 COURSE "/05-gradients-four-functions.yaml"
#define LESSON6 COURSE "/06-channels-28x28-32-filters.yaml"
#define LESSON12 COURSE "/12-groups-depthwise.yaml"
#define LESSON7 COURSE "/07-output-size-arithmetic.yaml"

static char tmp_dir[64];

/* A lesson of three 3x3 scatter steps: at 0, play [1, 3], at 5. */
static const char small_lesson[] =
    "title: \"A small test lesson\"\n"
    "tensors:\n  input: [[1, 2, 3], [4, 5, 6], [7, 8, 9]]\n  filter: [[1, 0], [0, 1]]\n"
    "params:\n  strides: 2\n  padding: VALID\n"
    "steps:\n"
    "  - view: scatter\n    at: 0\n    text: First step words.\n"
    "  - view: scatter\n    play: [1, 3]\n    text: Second step plays three stamps.\n"
    "  - view: conv2d\n    at: 5\n    highlight: output[0:2, 1:3]\n    text: Third.\n";

static const char broken_lesson[] =
    "title: \"Broken\"\n"
    "tensors:\n  input: [[1]]\n  filter: [[1]]\n"
    "params:\n  strides: two\n"
    "steps:\n  - view: scatter\n    text: never shown\n";

static void write_file(const char *name, const char *text, char *path, size_t cap)
{
    snprintf(path, cap, "%s/%s", tmp_dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static int setup_dir(void **state)
{
    (void)state;
    snprintf(tmp_dir, sizeof tmp_dir, "/tmp/tcviz-lessonplayer-XXXXXX");
    return mkdtemp(tmp_dir) ? 0 : -1;
}

static int remove_dir(void **state)
{
    (void)state;
    char path[128];
    const char *names[] = {"a-small.yaml", "b-broken.yaml", "c-end.yaml", "d-zeros.yaml"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        snprintf(path, sizeof path, "%s/%s", tmp_dir, names[i]);
        unlink(path);
    }
    rmdir(tmp_dir);
    return 0;
}

/* Open a scene on a lesson file, through SceneSetup.lesson as the app does. */
static void open_lesson(Fx *f, const char *path, const char *dir)
{
    Lesson l;
    Err err = {0};
    if (lesson_load(path, &l, &err) != 0)
        fail_msg("%s", err.msg);
    SceneSetup setup = {0};
    setup.lesson = &l;
    setup.lesson_dir = dir;
    fx_start(f, &setup);
    assert_null(l.path); /* taken over */
    lesson_free(&l);
}

static int shown(Fx *f, int grid)
{
    Rect r;
    return scene_cell_rect(f->s, grid, 0, 0, &r);
}

static void press(Fx *f, UiKeyCode code, int ch, int mods)
{
    key(f, code, ch, mods);
}

/* Let the timeline play until it rests (at most 60 s of frames). */
static void play_out(Fx *f)
{
    for (int i = 0; i < 600 && scene_update(f->s, 0.1); i++)
        ;
    frame(f);
}

static const Theme *light(void)
{
    return theme_get(THEME_LIGHT);
}

/* The browser's cursor: a fill behind the row of `text`, inside the clip
 * in force when it is drawn (a renderer clips as the list says). */
static int cursor_on(const DrawList *dl, const char *text)
{
    /* a row may end with the lesson's progress ("  · 0/2 right") */
    const char *row = text_starting(dl, text);
    const DrawCmd *t = row ? find_text(dl, row) : NULL, *title = find_text(dl, "Lessons");
    if (!t || !title)
        return 0;
    Rect clip = {0, 0, W, H};
    /* Only the browser's own rows: a highlighted button of the views behind
     * the overlay may share a row's height. */
    for (int i = (int)(title - dl->cmds); i < dl->count; i++) {
        const DrawCmd *c = &dl->cmds[i];
        if (c->kind == DRAW_CLIP)
            clip = c->rect.w > 0 ? c->rect : (Rect){0, 0, W, H};
        if (c->kind == DRAW_RECT && same_color(c->color, theme_get(THEME_LIGHT)->button_on) &&
            t->rect.y >= c->rect.y && t->rect.y < c->rect.y + c->rect.h &&
            same_rect(rect_intersect(c->rect, clip), c->rect))
            return 1;
    }
    return 0;
}

static void test_lesson1_opens_at_step_one(void **state)
{
    (void)state;
    Fx f;
    open_lesson(&f, LESSON1, COURSE);
    assert_int_equal(scene_lesson_step(f.s), 0);
    assert_int_equal(scene_lesson_steps(f.s), 6);
    /* view scatter: the 3x3 input's nine steps, no conv2d grids */
    assert_int_equal(scene_step_count(f.s), 9);
    assert_true(shown(&f, GRID_CANVAS));
    assert_false(shown(&f, GRID_PADDED));
    /* at: 0, highlight input[0, 0]: the first cell is pinned */
    assert_string_equal(scene_status(f.s), "x[0,0] = 0 scatters 0" MUL "w into out[0:2, 0:2]");
    assert_true(has_frame(&f.dl, rect_inset(cell(&f, GRID_INPUT, 0, 0), -2), light()->lesson));
    /* the narrative: title, position, the step's words at body size >= 18 px */
    assert_true(frame_says(&f.dl, "Upsampling a 3×3 map to 6×6"));
    assert_non_null(text_starting(&f.dl, "Step 1 / 6"));
    assert_true(frame_says(&f.dl, "Read the layer as a stamp. Each input cell takes the whole"));
    const char *first = text_starting(&f.dl, "Read the layer");
    assert_non_null(first);
    for (int i = 0; i < f.dl.count; i++)
        if (f.dl.cmds[i].kind == DRAW_TEXT && draw_cmd_text(&f.dl, &f.dl.cmds[i]) == first)
            assert_true(f.dl.cmds[i].size_px >= 18);
    fx_close(&f);
}

/* The lesson's highlight and the hover's links have their own colours:
 * hovering y cells while the lesson pins x[0,0] leaves x[0,0] in the
 * lesson's colour and frames what the hovered cell links to in the link's. */
static void test_lesson_highlight_and_hover_links_differ(void **state)
{
    (void)state;
    Fx f;
    open_lesson(&f, LESSON1, COURSE);
    const Theme *th = light();
    assert_false(same_color(th->lesson, th->link));
    Rect pin = rect_inset(cell(&f, GRID_INPUT, 0, 0), -2);
    /* unhovered: the pin and its footprint on the canvas in the lesson's colour */
    assert_true(has_frame(&f.dl, pin, th->lesson));
    Rect c00 = cell(&f, GRID_CANVAS, 0, 0);
    int lesson_links = 0, hover_links = 0;
    for (int i = 0; i < f.dl.count; i++)
        lesson_links += f.dl.cmds[i].kind == DRAW_FRAME && same_rect(f.dl.cmds[i].rect, c00) &&
                        same_color(f.dl.cmds[i].color, th->lesson);
    assert_true(lesson_links > 0);
    /* hovering canvas cell (1,4): it links to x[0,2]; the pin keeps its colour */
    hover(&f, GRID_CANVAS, 1, 4);
    assert_true(has_frame(&f.dl, pin, th->lesson));
    assert_false(has_frame(&f.dl, pin, th->link));
    Rect x02 = cell(&f, GRID_INPUT, 0, 2);
    for (int i = 0; i < f.dl.count; i++)
        hover_links += f.dl.cmds[i].kind == DRAW_FRAME && same_rect(f.dl.cmds[i].rect, x02) &&
                       same_color(f.dl.cmds[i].color, th->link);
    assert_true(hover_links > 0);
    fx_close(&f);
}

static void test_next_and_previous_steps(void **state)
{
    (void)state;
    Fx f;
    open_lesson(&f, LESSON1, COURSE);
    press(&f, KEY_PAGEDOWN, 0, 0);
    assert_int_equal(scene_lesson_step(f.s), 1);
    /* at: 2, highlight input[0, 2]: the cell holding 1.5 */
    assert_string_equal(scene_status(f.s),
                        "x[0,2] = 1.5 scatters 1.5" MUL "w into out[0:2, 4:6]");
    assert_true(has_frame(&f.dl, rect_inset(cell(&f, GRID_INPUT, 0, 2), -2), light()->lesson));
    assert_non_null(text_starting(&f.dl, "Step 2 / 6"));
    /* step 3: highlight output[2:4, 2:4] is framed on the scatter's canvas */
    press(&f, KEY_CHAR, 'n', 0);
    assert_int_equal(scene_lesson_step(f.s), 2);
    Rect a = cell(&f, GRID_CANVAS, 2, 2), b = cell(&f, GRID_CANVAS, 3, 3);
    Rect range = {a.x - 4, a.y - 4, b.x + b.w - a.x + 8, b.y + b.h - a.y + 8};
    assert_true(has_frame(&f.dl, range, light()->lesson));
    /* step 5: the conv2d view plays [0, 35] to the last output cell */
    press(&f, KEY_CHAR, 'n', 0);
    press(&f, KEY_CHAR, 'n', 0);
    assert_int_equal(scene_lesson_step(f.s), 4);
    assert_int_equal(scene_step_count(f.s), 36);
    assert_true(shown(&f, GRID_PADDED));
    assert_false(shown(&f, GRID_CANVAS));
    play_out(&f);
    assert_non_null(strstr(scene_status(f.s), "y[5,5]"));
    /* back: PageUp and Shift+N */
    press(&f, KEY_PAGEUP, 0, 0);
    assert_int_equal(scene_lesson_step(f.s), 3);
    press(&f, KEY_CHAR, 'n', MOD_SHIFT);
    assert_int_equal(scene_lesson_step(f.s), 2);
    assert_int_equal(scene_step_count(f.s), 9);
    /* past the first step: stays, says so */
    press(&f, KEY_CHAR, 'n', MOD_SHIFT);
    press(&f, KEY_CHAR, 'n', MOD_SHIFT);
    press(&f, KEY_CHAR, 'n', MOD_SHIFT);
    assert_int_equal(scene_lesson_step(f.s), 0);
    assert_true(frame_says(&f.dl, "this is the first step"));
    fx_close(&f);
}

/* Changing the layer by hand says the text is about the step's own layer;
 * going on with the lesson clears it. */
static void test_user_change_is_flagged_in_the_narrative(void **state)
{
    (void)state;
    Fx f;
    open_lesson(&f, LESSON1, COURSE);
    assert_null(text_starting(&f.dl, "You changed the layer"));
    press(&f, KEY_CHAR, 's', 0); /* stride + */
    assert_non_null(text_starting(&f.dl, "You changed the layer"));
    press(&f, KEY_PAGEDOWN, 0, 0);
    assert_int_equal(scene_lesson_step(f.s), 1);
    assert_null(text_starting(&f.dl, "You changed the layer"));
    fx_close(&f);
}

/* Undo back to the step's own layer takes the warning away; redo brings it
 * back. Undo across a step boundary does not: the older layer is not the
 * current step's. */
static void test_undo_to_the_lessons_layer_clears_the_warning(void **state)
{
    (void)state;
    Fx f;
    open_lesson(&f, LESSON1, COURSE);
    press(&f, KEY_CHAR, 's', 0);
    assert_non_null(text_starting(&f.dl, "You changed the layer"));
    press(&f, KEY_CHAR, 'z', MOD_CTRL);
    assert_null(text_starting(&f.dl, "You changed the layer"));
    press(&f, KEY_CHAR, 'y', MOD_CTRL);
    assert_non_null(text_starting(&f.dl, "You changed the layer"));
    press(&f, KEY_CHAR, 'z', MOD_CTRL);
    assert_null(text_starting(&f.dl, "You changed the layer"));
    press(&f, KEY_PAGEDOWN, 0, 0);
    press(&f, KEY_CHAR, 'z', MOD_CTRL); /* the layer of step 1, seen at step 2 */
    assert_int_equal(scene_lesson_step(f.s), 1);
    assert_non_null(text_starting(&f.dl, "You changed the layer"));
    fx_close(&f);
}

/* PageDown past the last step opens the next lesson of the folder; past the
 * course's last lesson it says the course is done. */
static void test_pagedown_past_the_end_opens_the_next_lesson(void **state)
{
    (void)state;
    Fx f;
    open_lesson(&f, LESSON1, COURSE);
    for (int i = 0; i < 6; i++)
        press(&f, KEY_PAGEDOWN, 0, 0);
    assert_true(frame_says(&f.dl, "U-Net")); /* lesson 2's title */
    assert_int_equal(scene_lesson_step(f.s), 0);
    assert_non_null(text_starting(&f.dl, "Step 1 / 5"));
    fx_close(&f);

    char path[128], bad[128];
    write_file("a-small.yaml", small_lesson, path, sizeof path);
    write_file("b-broken.yaml", broken_lesson, bad, sizeof bad);
    open_lesson(&f, path, tmp_dir);
    for (int i = 0; i < 3; i++)
        press(&f, KEY_PAGEDOWN, 0, 0);
    /* the next file does not load: the lesson stays, the message says why */
    assert_int_equal(scene_lesson_step(f.s), 2);
    assert_true(frame_says(&f.dl, "b-broken.yaml:6:12: params.strides"));
    fx_close(&f);

    open_lesson(&f, COURSE "/16-resize-then-convolve.yaml", COURSE);
    press(&f, KEY_PAGEDOWN, 0, 0);
    press(&f, KEY_PAGEDOWN, 0, 0);
    assert_int_equal(scene_lesson_step(f.s), 1);
    assert_true(frame_says(&f.dl, "the course is done"));
    fx_close(&f);
}

/* at: end rests on the view's last step: the result, every cell filled. */
static void test_at_end_shows_the_result(void **state)
{
    (void)state;
    static const char text[] =
        "title: \"At the end\"\n"
        "tensors:\n  input: [[1, 2], [3, 4]]\n  filter: [[1, 0], [0, 1]]\n"
        "params:\n  strides: 2\n  padding: VALID\n"
        "steps:\n"
        "  - view: scatter\n    at: end\n    text: The result.\n"
        "  - view: both\n    at: end\n    text: Both routes.\n";
    char path[128];
    write_file("c-end.yaml", text, path, sizeof path);
    Fx f;
    open_lesson(&f, path, tmp_dir);
    assert_int_equal(scene_step_count(f.s), 4);
    assert_non_null(strstr(scene_status(f.s), "x[1,1] = 4"));
    press(&f, KEY_PAGEDOWN, 0, 0);
    assert_int_equal(scene_step_count(f.s), 4 + 16);
    assert_non_null(strstr(scene_status(f.s), "y[3,3]"));
    fx_close(&f);
}

/* Lesson 3 builds the conv2d input in three steps: the zeros inserted cell
 * by cell (no padding yet), then the padding, then the kernel turning; no
 * window and no output until the build-up is over. */
static void test_build_up_of_the_conv2d_input(void **state)
{
    (void)state;
    Fx f;
    open_lesson(&f, LESSON3, COURSE);
    press(&f, KEY_PAGEDOWN, 0, 0);
    assert_non_null(strstr(scene_status(f.s), "zero insertion"));
    /* the 3x3 zero-inserted grid sits at padded[2:5, 2:5]; at first only x */
    assert_string_equal(cell_text(&f.dl, cell(&f, GRID_PADDED, 2, 2)), "1");
    assert_string_equal(cell_text(&f.dl, cell(&f, GRID_PADDED, 3, 3)), "");
    play_out(&f);
    assert_string_equal(cell_text(&f.dl, cell(&f, GRID_PADDED, 3, 3)), "0");
    assert_string_equal(cell_text(&f.dl, cell(&f, GRID_PADDED, 0, 0)), ""); /* no padding */
    assert_true(frame_says(&f.dl, "x, zeros inserted"));
    assert_string_equal(cell_text(&f.dl, cell(&f, GRID_OUTPUT, 0, 0)), "");
    press(&f, KEY_PAGEDOWN, 0, 0);
    assert_non_null(strstr(scene_status(f.s), "padding: 2 top"));
    play_out(&f);
    assert_string_equal(cell_text(&f.dl, cell(&f, GRID_PADDED, 0, 0)), "0");
    assert_true(frame_says(&f.dl, "w, rotated later"));
    assert_string_equal(cell_text(&f.dl, cell(&f, GRID_ROTKERNEL, 0, 0)), "1");
    press(&f, KEY_PAGEDOWN, 0, 0);
    play_out(&f);
    assert_true(frame_says(&f.dl, "rot180(w)"));
    assert_string_equal(cell_text(&f.dl, cell(&f, GRID_ROTKERNEL, 0, 0)), "9");
    assert_string_equal(cell_text(&f.dl, cell(&f, GRID_OUTPUT, 0, 0)), "");
    /* the window slides at the next step: the grid is whole, y fills */
    press(&f, KEY_PAGEDOWN, 0, 0);
    play_out(&f);
    assert_string_equal(cell_text(&f.dl, cell(&f, GRID_OUTPUT, 0, 0)), "1");
    fx_close(&f);
}

static void test_play_range_stops_at_its_end(void **state)
{
    (void)state;
    char path[128];
    write_file("a-small.yaml", small_lesson, path, sizeof path);
    Fx f;
    open_lesson(&f, path, tmp_dir);
    assert_string_equal(scene_status(f.s), "x[0,0] = 1 scatters 1" MUL "w into out[0:2, 0:2]");
    press(&f, KEY_PAGEDOWN, 0, 0);
    /* play [1, 3]: starts at step 1 and rests on step 3 of nine */
    assert_non_null(strstr(scene_status(f.s), "x[0,1] = 2"));
    play_out(&f);
    assert_non_null(strstr(scene_status(f.s), "x[1,0] = 4"));
    assert_int_equal(scene_update(f.s, 1.0), 0); /* stopped, not just slow */
    /* step 3: conv2d view at 5, output[0:2, 1:3] pinned at its first cell */
    press(&f, KEY_PAGEDOWN, 0, 0);
    assert_non_null(strstr(scene_status(f.s), "y[0,5]"));
    assert_true(has_frame(&f.dl, rect_inset(cell(&f, GRID_OUTPUT, 0, 1), -2), light()->lesson));
    fx_close(&f);
}

static void test_with_variant_changes_the_layer(void **state)
{
    (void)state;
    Fx f;
    open_lesson(&f, LESSON7, COURSE);
    /* step 1: VALID, stride 1: 3x3 -> 5x5 */
    assert_true(frame_says(&f.dl, "y [1,5,5,1] NHWC"));
    assert_true(frame_says(&f.dl, "padding='VALID'"));
    /* step 2: with {padding: SAME}: 3x3 */
    press(&f, KEY_PAGEDOWN, 0, 0);
    assert_true(frame_says(&f.dl, "padding='SAME'"));
    assert_true(frame_says(&f.dl, "y [1,3,3,1] NHWC"));
    /* step 3: with {padding: [2, 2, 2, 2]}: only the centre cell is left */
    press(&f, KEY_PAGEDOWN, 0, 0);
    assert_true(frame_says(&f.dl, "y [1,1,1,1] NHWC"));
    /* and back to the lesson's own layer */
    press(&f, KEY_PAGEUP, 0, 0);
    press(&f, KEY_PAGEUP, 0, 0);
    assert_true(frame_says(&f.dl, "y [1,5,5,1] NHWC"));
    fx_close(&f);
}

static void test_gradient_lesson_opens_through_the_transposed_conv(void **state)
{
    (void)state;
    Fx f;
    open_lesson(&f, LESSON5, COURSE);
    assert_int_equal(scene_lesson_step(f.s), 0);
    assert_true(scene_lesson_steps(f.s) > 1);
    assert_true(frame_says(&f.dl, "Step 1 / "));
    /* step 2, the gradient view, shows the lesson's own x and d_out:
     * out = conv2d(x, w) of its numbers (worked by hand: 3 and 8 on top) */
    press(&f, KEY_PAGEDOWN, 0, 0);
    assert_string_equal(cell_text(&f.dl, cell(&f, GRID_G_OUT, 0, 0)), "3");
    assert_string_equal(cell_text(&f.dl, cell(&f, GRID_G_OUT, 0, 1)), "8");
    assert_string_equal(cell_text(&f.dl, cell(&f, GRID_G_DOUT, 1, 0)), "-1");
    /* its highlight d_out[0:2, 0:2]: the first cell pinned */
    assert_true(has_frame(&f.dl, rect_inset(cell(&f, GRID_G_DOUT, 0, 0), -2), light()->lesson));
    for (int k = 2; k < scene_lesson_steps(f.s); k++) {
        press(&f, KEY_PAGEDOWN, 0, 0);
        assert_int_equal(scene_lesson_step(f.s), k);
    }
    fx_close(&f);
}

static void test_browser_lists_the_course_and_opens_a_lesson(void **state)
{
    (void)state;
    Fx f;
    open_lesson(&f, LESSON1, COURSE);
    press(&f, KEY_CHAR, 'l', 0);
    assert_true(scene_lesson_browsing(f.s));
    assert_true(frame_says(&f.dl, "Lessons"));
    /* sixteen lessons, numbered, with their titles */
    for (int i = 1; i <= 16; i++) {
        char num[8];
        snprintf(num, sizeof num, "%02d  ", i);
        const char *t = text_starting(&f.dl, num);
        if (!t)
            fail_msg("lesson %02d is not listed", i);
        assert_true(strlen(t) > 6);
        assert_null(strstr(t, "does not load"));
    }
    assert_non_null(text_starting(&f.dl, "01  Upsampling a 3×3 map to 6×6"));
    /* Down + Enter opens lesson 2: its steps, its 3x5 -> 6x10 layer */
    Lesson l2;
    Err err = {0};
    assert_int_equal(lesson_load(LESSON2, &l2, &err), 0);
    press(&f, KEY_DOWN, 0, 0);
    assert_true(cursor_on(&f.dl, "02  U-Net upsampling: 2×2 kernel, stride 2, no padding"));
    assert_false(cursor_on(&f.dl, "01  Upsampling a 3×3 map to 6×6"));
    press(&f, KEY_RETURN, 0, 0);
    assert_false(scene_lesson_browsing(f.s));
    assert_int_equal(scene_lesson_step(f.s), 0);
    assert_int_equal(scene_lesson_steps(f.s), l2.step_count);
    assert_true(frame_says(&f.dl, l2.title));
    assert_true(frame_says(&f.dl, "y [1,6,10,1] NHWC"));
    lesson_free(&l2);
    /* Esc closes without opening anything */
    press(&f, KEY_CHAR, 'l', 0);
    assert_true(scene_lesson_browsing(f.s));
    press(&f, KEY_ESCAPE, 0, 0);
    assert_false(scene_lesson_browsing(f.s));
    assert_true(frame_says(&f.dl, "y [1,6,10,1] NHWC"));
    fx_close(&f);
}

static void test_broken_lesson_shows_its_error_and_keeps_state(void **state)
{
    (void)state;
    char good[128], bad[128];
    write_file("a-small.yaml", small_lesson, good, sizeof good);
    write_file("b-broken.yaml", broken_lesson, bad, sizeof bad);
    Fx f;
    open_lesson(&f, good, tmp_dir);
    press(&f, KEY_PAGEDOWN, 0, 0);
    play_out(&f);
    const char *before = "x[1,0] = 4";
    assert_non_null(strstr(scene_status(f.s), before));
    press(&f, KEY_CHAR, 'l', 0);
    /* the broken file is listed with the loader's message */
    const char *row = text_starting(&f.dl, "b-broken.yaml");
    assert_non_null(row);
    assert_non_null(strstr(row, "does not load"));
    assert_non_null(strstr(row, "strides"));
    press(&f, KEY_DOWN, 0, 0);
    press(&f, KEY_RETURN, 0, 0);
    /* still browsing, the message shown, nothing changed */
    assert_true(scene_lesson_browsing(f.s));
    assert_true(frame_says(&f.dl, "b-broken.yaml:6:12: params.strides"));
    assert_int_equal(scene_lesson_step(f.s), 1);
    assert_int_equal(scene_lesson_steps(f.s), 3);
    press(&f, KEY_ESCAPE, 0, 0);
    assert_non_null(strstr(scene_status(f.s), before));
    assert_true(frame_says(&f.dl, "A small test lesson"));
    /* the same through the API */
    Err err = {0};
    assert_int_equal(scene_open_lesson(f.s, bad, &err), -1);
    assert_non_null(strstr(err.msg, "b-broken.yaml:6:12: params.strides"));
    assert_int_equal(scene_lesson_steps(f.s), 3);
    fx_close(&f);
}

/* Every step of every lesson of the course opens and draws. */
/* A step's `channel:` picks the map the channels view opens on, and a step
 * looks the same however the reader got there: lesson 6 step 2 names map 8,
 * and walking to map 9 does not follow the reader into step 3 or back. */
static void test_step_opens_on_its_channel(void **state)
{
    (void)state;
    Fx f;
    open_lesson(&f, LESSON6, COURSE);
    press(&f, KEY_PAGEDOWN, 0, 0);
    frame(&f);
    assert_text(&f.dl, "p[8] (input ch 8, padded)");
    press(&f, KEY_CHAR, '.', 0);
    frame(&f);
    assert_text(&f.dl, "p[9] (input ch 9, padded)");
    press(&f, KEY_PAGEDOWN, 0, 0);
    frame(&f);
    assert_text(&f.dl, "p[8] (input ch 8, padded)");
    press(&f, KEY_CHAR, '.', 0);
    press(&f, KEY_PAGEUP, 0, 0);
    frame(&f);
    assert_text(&f.dl, "p[8] (input ch 8, padded)");
    fx_close(&f);
}

/* Depthwise (groups=4): input channel 1 stamps only into output channel 1,
 * so the scatter of lesson 12 step 3 shows that output and the slice w 1->1,
 * never an output the channel cannot reach. */
static void test_scatter_shows_the_stamped_channels_group(void **state)
{
    (void)state;
    Fx f;
    Err err = {0};
    open_lesson(&f, LESSON12, COURSE);
    assert_int_equal(scene_lesson_goto(f.s, 2, &err), 0);
    play_out(&f);
    assert_text(&f.dl, "x ch 1/4");
    assert_text(&f.dl, "out = scatter canvas ch 1/4");
    assert_text(&f.dl, "w 1->1");
    fx_close(&f);
}

/* A long scatter (81 stamps) plays past inputs that are 0: one period after
 * x[0,0] the stamp shown is the next non-zero input, x[4,4]; a play range
 * still stops at its own end even when that stamp is a zero. */
static void test_long_play_skips_zero_stamps(void **state)
{
    (void)state;
    static const char text[] =
        "title: \"Mostly zeros\"\n"
        "tensors:\n  input: [[0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 1, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 2]]\n  filter: [[1]]\n"
        "params:\n  strides: 1\n  padding: VALID\n"
        "steps:\n"
        "  - view: scatter\n    play: [0, 80]\n    text: All of it.\n"
        "  - view: scatter\n    play: [0, 30]\n    text: Part of it.\n";
    char path[128];
    write_file("d-zeros.yaml", text, path, sizeof path);
    Fx f;
    open_lesson(&f, path, tmp_dir);
    assert_non_null(strstr(scene_status(f.s), "x[0,0] = 0"));
    scene_update(f.s, 1.0);
    assert_non_null(strstr(scene_status(f.s), "x[4,4] = 1"));
    scene_update(f.s, 1.0);
    assert_non_null(strstr(scene_status(f.s), "x[8,8] = 2"));
    press(&f, KEY_PAGEDOWN, 0, 0);
    play_out(&f);
    assert_non_null(strstr(scene_status(f.s), "x[3,3] = 0"));
    fx_close(&f);
}

static void test_every_step_of_the_course_plays(void **state)
{
    (void)state;
    LessonEntry *e;
    int n;
    Err err = {0};
    assert_int_equal(lesson_dir_list(COURSE, &e, &n, &err), 0);
    assert_int_equal(n, 16);
    for (int i = 0; i < n; i++) {
        Fx f;
        open_lesson(&f, e[i].path, COURSE);
        for (int k = 0; k < scene_lesson_steps(f.s); k++) {
            if (scene_lesson_goto(f.s, k, &err) != 0)
                fail_msg("%s step %d: %s", e[i].name, k + 1, err.msg);
            frame(&f);
            char want[32];
            snprintf(want, sizeof want, "Step %d / %d", k + 1, scene_lesson_steps(f.s));
            if (!text_starting(&f.dl, want))
                fail_msg("%s: no '%s' in the narrative", e[i].name, want);
        }
        fx_close(&f);
    }
    free(e);
}

/* `tcviz` with no arguments shows lesson 1's layer and numbers. */
static void test_default_example_is_lesson_one(void **state)
{
    (void)state;
    Fx def, les;
    fx_start(&def, NULL);
    open_lesson(&les, LESSON1, COURSE);
    scene_set_view(def.s, VIEW_SCATTER);
    frame(&def);
    char call[256];
    snprintf(call, sizeof call, "%s", text_starting(&les.dl, "tf.nn.conv2d_transpose("));
    assert_non_null(find_text(&def.dl, call));
    assert_int_equal(scene_step_count(def.s), scene_step_count(les.s));
    for (int k = 0; k < scene_step_count(def.s); k++) {
        scene_seek(def.s, k);
        scene_seek(les.s, k);
        assert_string_equal(scene_status(def.s), scene_status(les.s));
    }
    fx_close(&def);
    fx_close(&les);
}

static void test_no_lesson_keys_say_how_to_open_one(void **state)
{
    (void)state;
    Fx f;
    fx_start(&f, NULL);
    assert_int_equal(scene_lesson_step(f.s), -1);
    press(&f, KEY_PAGEDOWN, 0, 0);
    assert_true(frame_says(&f.dl, "press L"));
    /* the help overlay lists the lesson keys */
    press(&f, KEY_F1, 0, 0);
    assert_non_null(find_text(&f.dl, "PageDown / n"));
    assert_non_null(find_text(&f.dl, "L"));
    fx_close(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lesson1_opens_at_step_one),
        cmocka_unit_test(test_lesson_highlight_and_hover_links_differ),
        cmocka_unit_test(test_next_and_previous_steps),
        cmocka_unit_test(test_user_change_is_flagged_in_the_narrative),
        cmocka_unit_test(test_undo_to_the_lessons_layer_clears_the_warning),
        cmocka_unit_test(test_pagedown_past_the_end_opens_the_next_lesson),
        cmocka_unit_test(test_at_end_shows_the_result),
        cmocka_unit_test(test_build_up_of_the_conv2d_input),
        cmocka_unit_test(test_play_range_stops_at_its_end),
        cmocka_unit_test(test_with_variant_changes_the_layer),
        cmocka_unit_test(test_gradient_lesson_opens_through_the_transposed_conv),
        cmocka_unit_test(test_browser_lists_the_course_and_opens_a_lesson),
        cmocka_unit_test(test_broken_lesson_shows_its_error_and_keeps_state),
        cmocka_unit_test(test_step_opens_on_its_channel),
        cmocka_unit_test(test_scatter_shows_the_stamped_channels_group),
        cmocka_unit_test(test_long_play_skips_zero_stamps),
        cmocka_unit_test(test_every_step_of_the_course_plays),
        cmocka_unit_test(test_default_example_is_lesson_one),
        cmocka_unit_test(test_no_lesson_keys_say_how_to_open_one),
    };
    return cmocka_run_group_tests(tests, setup_dir, remove_dir);
}
