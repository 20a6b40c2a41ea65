/* test_stack_keys.c - the stack view's per-stage keys: Tab / Up / Down
 * select a stage of a stack lesson's chain, k / s (Shift: down) change its
 * kernel size or stride (a resize's scale), Ctrl+Z / Ctrl+Y undo and redo
 * it, the code view and Ctrl+S follow the edited chain, and an edit the
 * chain cannot take is refused with the reason, changing nothing.
 *
 * Lesson 15: a 4-long input through three kernel-3, stride-2 transposed
 * convs, 4 -> 9 -> 19 -> 39. A stage's output (TF VALID, the default
 * size) is in * s + max(k - s, 0). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <unistd.h>

#include "io/lesson.h"
#include "ui/scene_edit.h"
#include "ui/scene_lesson.h"

#include "scene_fixture.h"

#define LESSON15 TCVIZ_TEST_DATA "/../../lessons/15-checkerboard-compounding.yaml"
#define LESSON16 TCVIZ_TEST_DATA "/../../lessons/16-resize-then-convolve.yaml"

/* The lesson's scene in the stack view. */
static void open_lesson(Fx *f, const char *path)
{
    fx_start_lesson(f, path);
    scene_set_view(f->s, VIEW_STACK);
}

/* The shown chain's output length after each stage. */
static void chain_lengths(Fx *f, int want0, int want1, int want2)
{
    StackSpec spec;
    const Tensor *in;
    assert_true(scene_lesson_stack(f->s, &spec, &in));
    StackResult r;
    Err err = {0};
    assert_int_equal(stack_run(&spec, in, &r, &err), 0);
    int want[3] = {want0, want1, want2};
    for (int k = 0; k < spec.n_stages; k++)
        if (tensor_axis(&r.out[k], 'W') != want[k])
            fail_msg("stage %d: %d long, expected %d", k + 1, tensor_axis(&r.out[k], 'W'),
                     want[k]);
    stack_result_free(&r);
}

static void test_select_and_edit(void **state)
{
    (void)state;
    Fx f;
    open_lesson(&f, LESSON15);
    chain_lengths(&f, 9, 19, 39);
    key(&f, KEY_TAB, 0, 0); /* stage 2 */
    assert_string_equal(scene_message(f.s, NULL),
                        "stage 2 selected: k / s (Shift: down) change it, Ctrl+Z undoes");
    key(&f, KEY_CHAR, 'k', 0); /* stage 2: kernel 4 */
    assert_string_equal(scene_message(f.s, NULL),
                        "stage 2: kernel size 4 (Tab selects a stage; Ctrl+Z undoes)");
    chain_lengths(&f, 9, 20, 41);
    key(&f, KEY_CHAR, 's', MOD_SHIFT); /* stage 2: stride 1 */
    chain_lengths(&f, 9, 12, 25);
    key(&f, KEY_CHAR, 'z', MOD_CTRL);
    chain_lengths(&f, 9, 20, 41);
    key(&f, KEY_CHAR, 'z', MOD_CTRL);
    chain_lengths(&f, 9, 19, 39);
    key(&f, KEY_CHAR, 'y', MOD_CTRL);
    chain_lengths(&f, 9, 20, 41);
    /* the layer itself is untouched: the lesson's, so the chain is shown */
    assert_int_equal(scene_spec(f.s)->params.stride[1], 2);
    key(&f, KEY_UP, 0, 0);
    key(&f, KEY_UP, 0, 0); /* back round to stage 3 */
    key(&f, KEY_CHAR, 's', 0); /* stage 3: stride 3 */
    chain_lengths(&f, 9, 20, 60);
    fx_close(&f);
}

static void test_refusals(void **state)
{
    (void)state;
    Fx f;
    open_lesson(&f, LESSON15);
    key(&f, KEY_CHAR, 'k', MOD_SHIFT); /* stage 1: kernel 2 */
    key(&f, KEY_CHAR, 'k', MOD_SHIFT); /* kernel 1: 4 * 2 = 8 */
    chain_lengths(&f, 8, 17, 35);
    key(&f, KEY_CHAR, 'k', MOD_SHIFT);
    assert_string_equal(scene_message(f.s, NULL), "stage 1: kernel size 0 is outside 1..9");
    chain_lengths(&f, 8, 17, 35);
    key(&f, KEY_CHAR, 's', 0);
    key(&f, KEY_CHAR, 's', 0); /* stage 1: stride 4: 16 */
    key(&f, KEY_TAB, 0, 0);
    key(&f, KEY_CHAR, 's', 0);
    key(&f, KEY_CHAR, 's', 0); /* stage 2: stride 4: 64 */
    key(&f, KEY_TAB, 0, 0);
    key(&f, KEY_CHAR, 's', 0);
    key(&f, KEY_CHAR, 's', 0); /* stage 3: stride 4: 256, the longest map drawn */
    chain_lengths(&f, 16, 64, 256);
    key(&f, KEY_CHAR, 's', 0);
    assert_string_equal(scene_message(f.s, NULL), "stage 3: stride 5 is outside 1..4");
    key(&f, KEY_CHAR, 'k', 0); /* kernel 4: still 256 */
    chain_lengths(&f, 16, 64, 256);
    key(&f, KEY_CHAR, 'k', 0); /* kernel 5: 257 */
    assert_string_equal(scene_message(f.s, NULL),
                        "stage 3: kernel size 5 refused: the chain's map would be 257 long; the "
                        "stack view draws up to 256");
    chain_lengths(&f, 16, 64, 256);
    key(&f, KEY_CHAR, 'z', MOD_CTRL); /* the refused edit left no state to undo */
    chain_lengths(&f, 16, 64, 256);
    assert_string_equal(scene_message(f.s, NULL), "undo (9 more to undo, 1 to redo)");
    int k, st;
    assert_true(scene_stack_selected(f.s, &k, &st)); /* stage 3 back to kernel 3 */
    assert_int_equal(k, 3);
    assert_int_equal(st, 4);
    fx_close(&f);
}

/* A resize stage: s changes its scale, k is refused; the 2-D map limit. */
static void test_resize_stage(void **state)
{
    (void)state;
    Fx f;
    open_lesson(&f, LESSON16);
    key(&f, KEY_CHAR, 'k', 0);
    assert_string_equal(scene_message(f.s, NULL),
                        "stage 1 is a nearest resize: it has no kernel (s changes its scale)");
    key(&f, KEY_CHAR, 's', 0); /* scale 3: 3x3 -> 9x9 */
    StackSpec spec;
    const Tensor *in;
    assert_true(scene_lesson_stack(f.s, &spec, &in));
    assert_int_equal(spec.stage[0].scale, 3);
    for (int i = 0; i < 30; i++)
        key(&f, KEY_CHAR, 's', 0);
    /* 3 * 16 = 48 fits 64; the limit is the scale's range here */
    assert_true(scene_lesson_stack(f.s, &spec, &in));
    assert_int_equal(spec.stage[0].scale, 16);
    assert_string_equal(scene_message(f.s, NULL), "stage 1: scale 17 is outside 1..16");
    fx_close(&f);
}

/* Outside a stack lesson, Tab in the stack view says where stages are
 * selected, and k changes the layer as everywhere. */
static void test_no_lesson(void **state)
{
    (void)state;
    Fx f;
    fx_start(&f, NULL);
    scene_set_view(f.s, VIEW_STACK);
    key(&f, KEY_TAB, 0, 0);
    assert_string_equal(scene_message(f.s, NULL),
                        "stages are selected in a stack lesson's stack view; here k and s "
                        "change the repeated layer itself");
    key(&f, KEY_CHAR, 'k', 0);
    assert_int_equal(tensor_axis(scene_tensor(f.s, "filter"), 'W'), 3);
    fx_close(&f);
}

/* Ctrl+S saves the edited chain. */
static void test_save_follows_edits(void **state)
{
    (void)state;
    char tmp[64];
    snprintf(tmp, sizeof tmp, "/tmp/tcviz-stack-keys-XXXXXX");
    assert_non_null(mkdtemp(tmp));
    Fx f;
    open_lesson(&f, LESSON15);
    key(&f, KEY_TAB, 0, 0);
    key(&f, KEY_CHAR, 'k', 0); /* stage 2: kernel 4 */
    char dir[512], path[640];
    Err err = {0};
    assert_int_equal(scene_save(f.s, tmp, dir, sizeof dir, &err), 0);
    snprintf(path, sizeof path, "%s/lesson.yaml", dir);
    Lesson l;
    if (lesson_load(path, &l, &err) != 0)
        fail_msg("%s", err.msg);
    assert_int_equal(l.stage_count, 3);
    assert_int_equal(tensor_axis(&l.stages[1].filter, 'W'), 4);
    assert_int_equal(tensor_axis(&l.stages[0].filter, 'W'), 3);
    lesson_free(&l);
    fx_close(&f);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_select_and_edit), cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_resize_stage),    cmocka_unit_test(test_no_lesson),
        cmocka_unit_test(test_save_follows_edits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
