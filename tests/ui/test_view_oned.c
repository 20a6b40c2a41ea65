/* test_view_oned.c - the 1-D view on lesson 13's layer (x = 1, 2, 3 at
 * stride 2, SAME, 6 outputs) with the kernel 1, 2, 4: every stamp cell
 * holds x[j] * w[b] at 2j + b and nothing else, the sum row is the
 * uncropped row with the last position cropped, the bars count the stamps,
 * the conv1d side is the zero-inserted, padded input and the reversed
 * kernel; the timeline adds stamps one by one; k and s change the 1-D layer
 * and the pattern's words; a 2-D layer is shown along W. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/layer1d.h"
#include "scene_fixture.h"

static const float X[3] = {1, 2, 3}, K[3] = {1, 2, 4};

static void open_1d(Fx *f)
{
    Err err = {0};
    SceneSetup s = {0};
    s.spec = (LayerSpec){.op = OP_CONV2D_TRANSPOSE, .dims = 1, .size = {1, 1, 6, 1}};
    layer1d_params(&s.spec.params, CONV_TF, 2, 1, PAD_SAME, 0, 0, 0);
    assert_int_equal(tensor_init(&s.input, LAYOUT_NHWC, (int[4]){1, 1, 3, 1}, &err), 0);
    assert_int_equal(tensor_init(&s.filter, LAYOUT_HWOI, (int[4]){1, 3, 1, 1}, &err), 0);
    for (int i = 0; i < 3; i++) {
        s.input.data[i] = X[i];
        s.filter.data[i] = K[i];
    }
    s.view = VIEW_ONED;
    fx_start(f, &s);
    tensor_free(&s.input);
    tensor_free(&s.filter);
    scene_seek(f->s, scene_step_count(f->s) - 1); /* every stamp placed */
    frame(f);
}

static void expect_num(Fx *f, int grid, int row, int col, double v)
{
    char want[32];
    snprintf(want, sizeof want, "%g", v);
    assert_string_equal(cell_text(&f->dl, cell(f, grid, row, col)), want);
}

/* The brute-force row: stamps of inputs 0..shown-1 on position p. */
static double row_sum(int p, int shown)
{
    double acc = 0;
    for (int j = 0; j < shown; j++)
        for (int b = 0; b < 3; b++)
            acc += 2 * j + b == p ? X[j] * K[b] : 0;
    return acc;
}

static void test_stamps_sum_crop_and_counts(void **state)
{
    (void)state;
    Fx f;
    open_1d(&f);
    for (int j = 0; j < 3; j++)
        for (int p = 0; p < 7; p++) {
            int b = p - 2 * j;
            if (b >= 0 && b < 3)
                expect_num(&f, GRID_1D_STAMPS, j, p, X[j] * K[b]);
            else
                assert_string_equal(cell_text(&f.dl, cell(&f, GRID_1D_STAMPS, j, p)), "");
        }
    Rect r;
    assert_false(scene_cell_rect(f.s, GRID_1D_SUM, 0, 7, &r)); /* full = (3-1)*2 + 3 */
    for (int p = 0; p < 7; p++)
        expect_num(&f, GRID_1D_SUM, 0, p, row_sum(p, 3));
    /* SAME with 6 outputs crops nothing before and the 7th position after */
    const Theme *th = theme_get(THEME_LIGHT);
    assert_true(has_fill(&f.dl, cell(&f, GRID_1D_SUM, 0, 6), th->cropped));
    assert_false(has_fill(&f.dl, cell(&f, GRID_1D_SUM, 0, 5), th->cropped));
    assert_true(frame_says(&f.dl, "sum: 7 long, crop 0 + 1"));
    /* the output is the sum's first 6 positions */
    for (int p = 0; p < 6; p++)
        expect_num(&f, GRID_1D_Y, 0, p, row_sum(p, 3));
    /* bars two cells tall (the most stamps on a position): 1,1,2,1,2,1,1 */
    static const int counts[7] = {1, 1, 2, 1, 2, 1, 1};
    assert_false(scene_cell_rect(f.s, GRID_1D_COUNTS, 2, 0, &r));
    for (int p = 0; p < 7; p++) {
        char want[8];
        snprintf(want, sizeof want, "%d", counts[p]);
        assert_string_equal(cell_text(&f.dl, cell(&f, GRID_1D_COUNTS, 2 - counts[p], p)), want);
        assert_true(has_fill(&f.dl, cell(&f, GRID_1D_COUNTS, 1, p), th->footprint));
        assert_int_equal(has_fill(&f.dl, cell(&f, GRID_1D_COUNTS, 0, p), th->footprint),
                         counts[p] == 2);
    }
    fx_close(&f);
}

static void test_conv1d_side_is_zero_inserted_padded_and_reversed(void **state)
{
    (void)state;
    Fx f;
    open_1d(&f);
    /* 1 0 2 0 3, padded k-1-0 = 2 before and k-1-1 = 1 after */
    static const float padded[8] = {0, 0, 1, 0, 2, 0, 3, 0};
    for (int i = 0; i < 8; i++)
        expect_num(&f, GRID_1D_PADDED, 0, i, padded[i]);
    for (int b = 0; b < 3; b++)
        expect_num(&f, GRID_1D_ROT, 0, b, K[2 - b]);
    fx_close(&f);
}

static void test_timeline_places_stamps_one_by_one(void **state)
{
    (void)state;
    Fx f;
    open_1d(&f);
    scene_seek(f.s, 0);
    frame(&f);
    expect_num(&f, GRID_1D_STAMPS, 0, 1, X[0] * K[1]);
    assert_string_equal(cell_text(&f.dl, cell(&f, GRID_1D_STAMPS, 1, 2)), "");
    for (int p = 0; p < 7; p++)
        expect_num(&f, GRID_1D_SUM, 0, p, row_sum(p, 1));
    /* the stamp being placed is framed, on its input and on its row */
    Color hi = theme_get(THEME_LIGHT)->highlight;
    int found = 0;
    Rect c0 = cell(&f, GRID_1D_STAMPS, 0, 0);
    for (int i = 0; i < f.dl.count; i++)
        found |= f.dl.cmds[i].kind == DRAW_FRAME && same_color(f.dl.cmds[i].color, hi) &&
                 f.dl.cmds[i].rect.x <= c0.x && f.dl.cmds[i].rect.y <= c0.y;
    assert_true(found);
    fx_close(&f);
}

static void test_keys_change_the_1d_layer_and_the_words(void **state)
{
    (void)state;
    Fx f;
    open_1d(&f);
    assert_string_equal(scene_status(f.s), "kernel 3, stride 2: uneven, 1/2/1/2... stamps per "
                                           "position: a checkerboard even for a constant x (3 is "
                                           "not a multiple of 2)");
    key(&f, KEY_CHAR, 'k', 0);
    Rect r;
    assert_true(scene_cell_rect(f.s, GRID_1D_W, 0, 3, &r));
    assert_false(scene_cell_rect(f.s, GRID_1D_W, 1, 0, &r)); /* still one row */
    assert_string_equal(scene_status(f.s), "kernel 4, stride 2: even, 2 stamps on every inside "
                                           "position (4 is a multiple of 2)");
    key(&f, KEY_CHAR, 's', 0);
    assert_true(scene_cell_rect(f.s, GRID_1D_SUM, 0, 2 * 3 + 4 - 1, &r)); /* full (3-1)*3 + 4 */
    assert_false(scene_cell_rect(f.s, GRID_1D_SUM, 0, 2 * 3 + 4, &r));
    assert_string_equal(scene_status(f.s), "kernel 4, stride 3: uneven, 1/1/2/1/1/2... stamps per "
                                           "position: a checkerboard even for a constant x (4 is "
                                           "not a multiple of 3)");
    key(&f, KEY_CHAR, 'k', 0); /* kernel 8 on 3 inputs: no whole period away from the ends */
    key(&f, KEY_CHAR, 'k', 0);
    key(&f, KEY_CHAR, 'k', 0);
    key(&f, KEY_CHAR, 'k', 0);
    assert_string_equal(scene_status(f.s), "kernel 8, stride 3: too few inputs for a repeating "
                                           "pattern: counts 1/1/1/2/2/2/3/3/2/2/2/1/1/1 (8 is not "
                                           "a multiple of 3)");
    fx_close(&f);
}

static void test_a_2d_layer_is_shown_along_w(void **state)
{
    (void)state;
    Fx f;
    fx_start(&f, NULL);
    scene_set_view(f.s, VIEW_ONED);
    frame(&f);
    assert_int_equal(strncmp(scene_status(f.s), "a 2-D layer along W (row 0 of x and w): ", 40), 0);
    Rect r;
    assert_true(scene_cell_rect(f.s, GRID_1D_STAMPS, 0, 0, &r));
    assert_false(scene_cell_rect(f.s, GRID_1D_Y, 0, 0, &r));
    assert_false(scene_cell_rect(f.s, GRID_1D_PADDED, 0, 0, &r));
    assert_true(frame_says(&f.dl, "x row 0"));
    fx_close(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stamps_sum_crop_and_counts),
        cmocka_unit_test(test_conv1d_side_is_zero_inserted_padded_and_reversed),
        cmocka_unit_test(test_timeline_places_stamps_one_by_one),
        cmocka_unit_test(test_keys_change_the_1d_layer_and_the_words),
        cmocka_unit_test(test_a_2d_layer_is_shown_along_w),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
