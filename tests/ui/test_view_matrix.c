/* test_view_matrix.c - the matrix view on the DrawList: at each step the
 * highlighted entries of C^T are exactly the inputs that feed that output
 * (worked out here from the geometry, not read from the core), labelled
 * with their weight; zeros stay faint; vec(y) fills with the outputs row by
 * row; hovering an entry links its input and output; a large C^T scrolls so
 * the current row stays on screen. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "scene_fixture.h"
#include "ui/text.h"

/* The default example: 3x3 -> 6x6, kernel 2, stride 2. Output (oy, ox) is
 * row oy*6 + ox of C^T; its only input is x[oy/2, ox/2], column
 * (oy/2)*3 + ox/2, through w[oy%2, ox%2]. */
static const float example_y[6][6] = {
    {0, 0, 0, 0, 1.5f, 3}, {0, 0, 0, 0, 4.5f, 6}, {0, 0, 1, 2, 0, 0},
    {0, 0, 3, 4, 0, 0},    {0, 0, 0, 0, 0, 0},    {0, 0, 0, 0, 0, 0},
};
static const float example_w[2][2] = {{1, 2}, {3, 4}};

static int feeder(int row)
{
    int oy = row / 6, ox = row % 6;
    return (oy / 2) * 3 + ox / 2;
}

static void open_matrix(Fx *f)
{
    fx_start(f, NULL);
    scene_set_view(f->s, VIEW_MATRIX);
    frame(f);
}

static void test_each_step_highlights_the_row_and_the_inputs_it_multiplies(void **state)
{
    (void)state;
    Fx f;
    open_matrix(&f);
    assert_int_equal(scene_step_count(f.s), 36);
    Color hl = scene_highlight_color(f.s);
    static const int steps[] = {0, 5, 14, 27, 35};
    for (size_t k = 0; k < sizeof steps / sizeof *steps; k++) {
        int r = steps[k];
        scene_seek(f.s, r);
        frame(&f);
        for (int c = 0; c < 9; c++) {
            assert_int_equal(has_frame(&f.dl, cell(&f, GRID_MATRIX, r, c), hl), c == feeder(r));
            assert_int_equal(has_frame(&f.dl, cell(&f, GRID_MAT_X, 0, c), hl), c == feeder(r));
        }
        assert_true(has_frame(&f.dl, cell(&f, GRID_MAT_Y, r, 0), hl));
        /* the 2-D maps: the output cell and its input */
        assert_true(has_frame(&f.dl, cell(&f, GRID_MAT_YMAP, r / 6, r % 6), hl));
        assert_true(has_frame(&f.dl, cell(&f, GRID_MAT_XMAP, feeder(r) / 3, feeder(r) % 3), hl));
    }
    scene_seek(f.s, 14);
    frame(&f);
    assert_string_equal(scene_status(f.s),
                        "row 14 of C\xe1\xb5\x80 is y[2,2] = w[0,0]\xc2\xb7x[1,1] "
                        "= 1 (1 non-zero of 9 columns)");
    fx_close(&f);
}

static void test_entries_are_labelled_weights_and_zeros_are_faint(void **state)
{
    (void)state;
    Fx f;
    open_matrix(&f);
    const Theme *th = theme_get(THEME_LIGHT);
    for (int r = 0; r < 36; r++)
        for (int c = 0; c < 9; c++) {
            Rect cr = cell(&f, GRID_MATRIX, r, c);
            if (c == feeder(r)) {
                char want[16];
                snprintf(want, sizeof want, "w[%d,%d]", (r / 6) % 2, (r % 6) % 2);
                assert_string_equal(cell_text(&f.dl, cr), want);
                float w = example_w[(r / 6) % 2][(r % 6) % 2];
                assert_true(has_fill(&f.dl, cr, theme_value_color(th, w, 4.0f)));
            } else {
                assert_string_equal(cell_text(&f.dl, cr), "");
                assert_true(has_fill(&f.dl, cr, th->cell_empty));
            }
        }
    /* cells are wider than tall, so the labels fit */
    Rect cr = cell(&f, GRID_MATRIX, 0, 0);
    assert_true(cr.w > 2 * cr.h);
    fx_close(&f);
}

static void test_vec_y_fills_with_the_outputs_row_by_row(void **state)
{
    (void)state;
    Fx f;
    open_matrix(&f);
    scene_seek(f.s, 14);
    frame(&f);
    for (int r = 0; r < 36; r++) {
        char want[16] = "";
        if (r <= 14)
            format_cell_number(want, sizeof want, example_y[r / 6][r % 6]);
        assert_string_equal(cell_text(&f.dl, cell(&f, GRID_MAT_Y, r, 0)), want);
    }
    /* vec(x) is the input, flattened */
    assert_string_equal(cell_text(&f.dl, cell(&f, GRID_MAT_X, 0, 2)), "1.5");
    assert_string_equal(cell_text(&f.dl, cell(&f, GRID_MAT_X, 0, 4)), "1");
    fx_close(&f);
}

static void test_hovering_an_entry_links_its_input_and_output(void **state)
{
    (void)state;
    Fx f;
    open_matrix(&f);
    Color link = theme_get(THEME_LIGHT)->link;
    hover(&f, GRID_MATRIX, 14, 4);
    assert_text(&f.dl, "C\xe1\xb5\x80[14,4] = w[0,0] = 1: x[1,1] feeds y[2,2]");
    assert_true(has_frame(&f.dl, cell(&f, GRID_MAT_X, 0, 4), link));
    assert_true(has_frame(&f.dl, cell(&f, GRID_MAT_Y, 14, 0), link));
    assert_true(has_frame(&f.dl, cell(&f, GRID_MAT_XMAP, 1, 1), link));
    assert_true(has_frame(&f.dl, cell(&f, GRID_MAT_YMAP, 2, 2), link));
    assert_false(has_frame(&f.dl, cell(&f, GRID_MAT_YMAP, 0, 0), link));
    hover(&f, GRID_MATRIX, 14, 3);
    assert_text(&f.dl, "C\xe1\xb5\x80[14,3] = 0: x[1,0] does not feed y[2,2]");
    /* an input: the four outputs it feeds (its footprint) */
    hover(&f, GRID_MAT_XMAP, 0, 2);
    assert_text(&f.dl, "vec(x)[2] = x[0,2] = 1.5, feeds 4 outputs");
    static const int fed[4][2] = {{0, 4}, {0, 5}, {1, 4}, {1, 5}};
    for (int i = 0; i < 4; i++) {
        assert_true(has_frame(&f.dl, cell(&f, GRID_MAT_YMAP, fed[i][0], fed[i][1]), link));
        assert_true(has_frame(&f.dl, cell(&f, GRID_MAT_Y, fed[i][0] * 6 + fed[i][1], 0), link));
    }
    fx_close(&f);
}

static void test_a_large_matrix_scrolls_to_the_current_row(void **state)
{
    (void)state;
    SceneSetup setup;
    setup_28x28x32(&setup); /* C^T is 784 x 25088 */
    setup.view = VIEW_MATRIX;
    Fx f;
    fx_start(&f, &setup);
    tensor_free(&setup.input);
    tensor_free(&setup.filter);
    assert_int_equal(scene_step_count(f.s), 784);
    Color hl = scene_highlight_color(f.s);
    /* Row 700 is y[25,0]: its first input is x[0][22,0] (pad 3), column 22*28. */
    scene_seek(f.s, 700);
    frame(&f);
    frame(&f);
    Rect r = cell(&f, GRID_MATRIX, 700, 22 * 28);
    assert_true(r.y > 0 && r.y + r.h < H && r.x > 0 && r.x + r.w < W);
    assert_true(has_frame(&f.dl, r, hl));
    assert_true(has_frame(&f.dl, cell(&f, GRID_MAT_Y, 700, 0), hl));
    /* and back to the first row */
    key(&f, KEY_HOME, 0, 0);
    frame(&f);
    r = cell(&f, GRID_MATRIX, 0, 0);
    assert_true(r.y > 0 && r.y + r.h < H);
    assert_true(has_frame(&f.dl, r, hl));
    assert_false(f.dl.oom);
    assert_true(f.dl.count < 20000);
    fx_close(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_each_step_highlights_the_row_and_the_inputs_it_multiplies),
        cmocka_unit_test(test_entries_are_labelled_weights_and_zeros_are_faint),
        cmocka_unit_test(test_vec_y_fills_with_the_outputs_row_by_row),
        cmocka_unit_test(test_hovering_an_entry_links_its_input_and_output),
        cmocka_unit_test(test_a_large_matrix_scrolls_to_the_current_row),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
