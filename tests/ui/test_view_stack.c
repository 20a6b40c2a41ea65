/* test_view_stack.c - the stack view: lesson 15's three kernel-3, stride-2
 * layers show each stage's counts and the chain's (the product pattern,
 * named a nested checkerboard, 5 : 1); lesson 16's resize-then-conv is even;
 * a single layer is repeated, and k changes every stage at once. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/layer1d.h"
#include "scene_fixture.h"

#define COURSE TCVIZ_TEST_DATA "/../../lessons"

static void open_lesson(Fx *f, const char *name, int step)
{
    Err err = {0};
    fx_start(f, NULL);
    if (scene_open_lesson(f->s, name, &err) != 0 || scene_lesson_goto(f->s, step, &err) != 0)
        fail_msg("%s: %s", name, err.msg);
    frame(f);
}

/* Row `row` of a count map holds want[0..n-1]: the digits in the cell,
 * or, where the cell is too narrow for them, the tooltip's count. */
static void expect_row(Fx *f, int grid, int row, const int *want, int n)
{
    Rect r;
    for (int c = 0; c < n; c++) {
        char digits[16], tip[48];
        snprintf(digits, sizeof digits, "%d", want[c]);
        const char *got = cell_text(&f->dl, cell(f, grid, row, c));
        if (strcmp(got, digits) == 0)
            continue;
        if (got[0])
            fail_msg("grid %d cell [%d,%d]: %s, expected %s", grid, row, c, got, digits);
        if (scene_cell_rect(f->s, grid, 1, 0, &r))
            snprintf(tip, sizeof tip, "cell [%d,%d]: %d ", row, c, want[c]);
        else
            snprintf(tip, sizeof tip, "position %d: %d ", c, want[c]);
        hover(f, grid, row, c);
        if (!frame_says(&f->dl, tip))
            fail_msg("grid %d: no tooltip '%s'", grid, tip);
    }
    assert_false(scene_cell_rect(f->s, grid, row, n, &r)); /* nothing past the end */
}

static void test_three_layers_compound_into_a_nested_checkerboard(void **state)
{
    (void)state;
    Fx f;
    open_lesson(&f, COURSE "/15-checkerboard-compounding.yaml", 1);
    assert_string_equal(scene_view_name(scene_view(f.s)), "stack");
    static const int stage1[] = {1, 1, 2, 1, 2, 1, 2, 1, 1};
    static const int chain2[] = {1, 1, 2, 1, 3, 2, 3, 1, 3, 2, 3, 1, 3, 2, 3, 1, 2, 1, 1};
    static const int whole[] = {1, 1, 2, 1, 3, 2, 3, 1, 4, 3, 5, 2, 5, 3, 4, 1, 4, 3, 5, 2,
                                5, 3, 4, 1, 4, 3, 5, 2, 5, 3, 4, 1, 3, 2, 3, 1, 2, 1, 1};
    expect_row(&f, GRID_SK_STAGE1, 0, stage1, 9);
    expect_row(&f, GRID_SK_CHAIN2, 0, chain2, 19);
    expect_row(&f, GRID_SK_CHAIN3, 0, whole, 39);
    /* stage 2 alone is the one-layer pattern again, on 9 inputs */
    Rect r;
    assert_true(scene_cell_rect(f.s, GRID_SK_STAGE2, 0, 18, &r));
    hover(&f, GRID_SK_STAGE2, 0, 4);
    assert_true(frame_says(&f.dl, "position 4: 2 contributions of stage 2 alone"));
    assert_true(frame_says(&f.dl, "1: conv1d_transpose k3 s2"));
    assert_true(frame_says(&f.dl, "whole chain"));
    assert_string_equal(scene_status(f.s),
                        "the lesson's 3 stages: a nested checkerboard, strongest 5 : weakest 1 "
                        "(1/4/3/5/2/5/3/4 every 8); stage 1 alone: 2 : 1; stage 1 selected "
                        "(Tab), k / s change it");
    fx_close(&f);
}

static void test_resize_then_conv_is_even(void **state)
{
    (void)state;
    Fx f;
    open_lesson(&f, COURSE "/16-resize-then-convolve.yaml", 0);
    assert_string_equal(scene_view_name(scene_view(f.s)), "stack");
    static const int inside[] = {6, 9, 9, 9, 9, 6}, edge[] = {4, 6, 6, 6, 6, 4};
    expect_row(&f, GRID_SK_CHAIN2, 0, edge, 6);
    expect_row(&f, GRID_SK_CHAIN2, 2, inside, 6);
    assert_true(frame_says(&f.dl, "1: nearest resize \xc2\xb7" "2"));
    assert_string_equal(scene_status(f.s), "the lesson's 2 stages: even: every inside cell is "
                                           "reached by 9 paths, no checkerboard; stage 1 "
                                           "selected (Tab), k / s change it");
    fx_close(&f);
}

/* Without a stack lesson: the current 1-D layer three times; k acts on all. */
static void test_a_layer_is_repeated_and_keys_change_every_stage(void **state)
{
    (void)state;
    Err err = {0};
    SceneSetup s = {0};
    s.spec = (LayerSpec){.op = OP_CONV2D_TRANSPOSE, .dims = 1};
    layer1d_params(&s.spec.params, CONV_TF, 2, 1, PAD_VALID, 0, 0, 0);
    assert_int_equal(tensor_init(&s.input, LAYOUT_NHWC, (int[4]){1, 1, 4, 1}, &err), 0);
    assert_int_equal(tensor_init(&s.filter, LAYOUT_HWOI, (int[4]){1, 4, 1, 1}, &err), 0);
    for (size_t i = 0; i < 4; i++)
        s.input.data[i] = s.filter.data[i] = (float)i + 1;
    s.view = VIEW_STACK;
    Fx f;
    fx_start(&f, &s);
    tensor_free(&s.input);
    tensor_free(&s.filter);
    assert_string_equal(scene_status(f.s), "this layer x3 stages: even: every inside cell is "
                                           "reached by 8 paths, no checkerboard");
    assert_true(frame_says(&f.dl, "3: conv1d_transpose k4 s2"));
    key(&f, KEY_CHAR, 'k', MOD_SHIFT); /* kernel 3 on every stage */
    assert_string_equal(scene_status(f.s),
                        "this layer x3 stages: a nested checkerboard, strongest 5 : weakest 1 "
                        "(1/4/3/5/2/5/3/4 every 8); stage 1 alone: 2 : 1");
    fx_close(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_three_layers_compound_into_a_nested_checkerboard),
        cmocka_unit_test(test_resize_then_conv_is_even),
        cmocka_unit_test(test_a_layer_is_repeated_and_keys_change_every_stage),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
