/* test_view_gradient.c - the gradient view on the DrawList: d_x (filled one
 * cell per step) equals a brute-force chain rule computed here; the terms
 * listed for a hovered d_x cell are exactly the outputs that read it, with
 * their factors; editing d_out changes d_x; d_w is the correlation of the
 * shown x with d_out; the finite-difference and transposed-conv checks
 * report agreement; the stride-1 VALID case shows pad_full(d_out). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>

#include "scene_fixture.h"
#include "core/vocab.h"
#include "ui/text.h"

#include "core/layer.h"
#include "io/lesson.h"

/* Kernel 3x3 = 1..9 (w[a,b] = 3a + b + 1), stride 2, SAME, 3x3 -> 6x6: the
 * forward conv pads 0 before and 1 after. The layer's x is all ones: d_out
 * is the layer's x, so these d_x are the chain rule for d_out = ones. */
static SceneSetup kernel3(Tensor *x, Tensor *w)
{
    Err err = {0};
    assert_int_equal(tensor_init(w, LAYOUT_HWOI, (int[4]){3, 3, 1, 1}, &err), 0);
    for (int i = 0; i < 9; i++)
        w->data[i] = (float)(i + 1);
    assert_int_equal(tensor_init(x, LAYOUT_NHWC, (int[4]){1, 3, 3, 1}, &err), 0);
    for (int i = 0; i < 9; i++)
        x->data[i] = 1.0f;
    SceneSetup s = {0};
    s.spec = (LayerSpec){.op = OP_CONV2D_TRANSPOSE,
                         .params = {.convention = CONV_TF, .stride = {2, 2}, .padding = PAD_SAME}};
    s.input = *x;
    s.filter = *w;
    s.view = VIEW_GRADIENT;
    return s;
}

/* d_x[iy][ix] = sum over outputs (oy, ox) and taps (a, b) with
 * 2*oy + a == iy, 2*ox + b == ix of d_out[oy][ox] * w[a][b]. */
static float brute_dx(const float dout[3][3], int iy, int ix)
{
    float acc = 0;
    for (int oy = 0; oy < 3; oy++)
        for (int ox = 0; ox < 3; ox++)
            for (int a = 0; a < 3; a++)
                for (int b = 0; b < 3; b++)
                    if (2 * oy + a == iy && 2 * ox + b == ix)
                        acc += dout[oy][ox] * (float)(3 * a + b + 1);
    return acc;
}

static void open_kernel3(Fx *f)
{
    Tensor x = {0}, w = {0};
    SceneSetup s = kernel3(&x, &w);
    fx_start(f, &s);
    tensor_free(&x);
    tensor_free(&w);
    frame(f);
}

static void test_dx_fills_with_the_chain_rule_and_checks_agree(void **state)
{
    (void)state;
    Fx f;
    open_kernel3(&f);
    assert_int_equal(scene_step_count(f.s), 36 + 9); /* d_x cells, then d_w taps */
    const float ones[3][3] = {{1, 1, 1}, {1, 1, 1}, {1, 1, 1}};
    scene_seek(f.s, 14); /* d_x[2,2] */
    frame(&f);
    for (int iy = 0; iy < 6; iy++)
        for (int ix = 0; ix < 6; ix++) {
            char want[16] = "";
            if (iy * 6 + ix <= 14)
                format_cell_number(want, sizeof want, brute_dx(ones, iy, ix));
            assert_string_equal(cell_text(&f.dl, cell(&f, GRID_G_DX, iy, ix)), want);
        }
    assert_true(has_frame(&f.dl, cell(&f, GRID_G_DX, 2, 2), scene_highlight_color(f.s)));
    assert_string_equal(scene_status(f.s),
                        "d_x[2,2] = d_out[1,1]\xc2\xb7w[0,0] + d_out[1,0]\xc2\xb7w[0,2] + "
                        "d_out[0,1]\xc2\xb7w[2,0] + ... (4 terms) = 20 (chain rule)");
    assert_true(frame_says(&f.dl, "conv2d_transpose(d_out, w) equals d_x at all 36 cells"));
    assert_true(
        frame_says(&f.dl, "finite differences (core): 36/36 d_x, 9/9 d_w checked, max |diff| 0"));
    /* the probe: d_x[2,2] = 20 in its value colour on d_x's scale */
    float vmax = 0;
    for (int iy = 0; iy < 6; iy++)
        for (int ix = 0; ix < 6; ix++)
            vmax = brute_dx(ones, iy, ix) > vmax ? brute_dx(ones, iy, ix) : vmax;
    assert_true(has_fill(&f.dl, cell(&f, GRID_G_DX, 2, 2),
                         theme_value_color(theme_get(THEME_LIGHT), 20.0f, vmax)));
    assert_null(text_starting(&f.dl, "stride 1, VALID"));
    fx_close(&f);
}

static void test_hovered_dx_cell_lists_its_chain_rule_terms(void **state)
{
    (void)state;
    Fx f;
    open_kernel3(&f);
    hover(&f, GRID_G_DX, 2, 2);
    /* the outputs that read x[2,2]: (1,1) through w[0,0], (1,0) through
     * w[0,2], (0,1) through w[2,0], (0,0) through w[2,2] */
    assert_text(&f.dl, "d_x[2,2] = d_out[1,1]\xc2\xb7w[0,0] + d_out[1,0]\xc2\xb7w[0,2] + "
                       "d_out[0,1]\xc2\xb7w[2,0] + d_out[0,0]\xc2\xb7w[2,2] = 20");
    assert_text(&f.dl, "  d_out[1,1]\xc2\xb7w[0,0] = 1\xc2\xb7"
                       "1 = 1");
    assert_text(&f.dl, "  d_out[1,0]\xc2\xb7w[0,2] = 1\xc2\xb7"
                       "3 = 3");
    assert_text(&f.dl, "  d_out[0,1]\xc2\xb7w[2,0] = 1\xc2\xb7"
                       "7 = 7");
    assert_text(&f.dl, "  d_out[0,0]\xc2\xb7w[2,2] = 1\xc2\xb7"
                       "9 = 9");
    assert_text(&f.dl, "= 20 (conv2d_backprop_input)");
    assert_text(&f.dl, "finite difference: 20 (agrees)");
    Color link = theme_get(THEME_LIGHT)->link;
    static const int outs[4][2] = {{1, 1}, {1, 0}, {0, 1}, {0, 0}};
    static const int taps[4][2] = {{0, 0}, {0, 2}, {2, 0}, {2, 2}};
    for (int i = 0; i < 4; i++) {
        assert_true(has_frame(&f.dl, cell(&f, GRID_G_DOUT, outs[i][0], outs[i][1]), link));
        assert_true(has_frame(&f.dl, cell(&f, GRID_G_OUT, outs[i][0], outs[i][1]), link));
        assert_true(has_frame(&f.dl, cell(&f, GRID_G_W, taps[i][0], taps[i][1]), link));
    }
    assert_false(has_frame(&f.dl, cell(&f, GRID_G_DOUT, 2, 2), link));
    assert_false(has_frame(&f.dl, cell(&f, GRID_G_W, 1, 1), link));
    /* a cell no output reads through two taps: d_x[5,5] only via out[2,2], w[1,1] */
    hover(&f, GRID_G_DX, 5, 5);
    assert_text(&f.dl, "  d_out[2,2]\xc2\xb7w[1,1] = 1\xc2\xb7"
                       "5 = 5");
    fx_close(&f);
}

static void test_editing_dout_changes_dx(void **state)
{
    (void)state;
    Fx f;
    open_kernel3(&f);
    click(&f, GRID_G_DOUT, 0, 0);
    key(&f, KEY_CHAR, '2', 0);
    key(&f, KEY_RETURN, 0, 0);
    key(&f, KEY_END, 0, 0); /* every d_x cell (and d_w tap) filled */
    float dout[3][3] = {{2, 1, 1}, {1, 1, 1}, {1, 1, 1}};
    for (int iy = 0; iy < 6; iy++)
        for (int ix = 0; ix < 6; ix++) {
            char want[16];
            format_cell_number(want, sizeof want, brute_dx(dout, iy, ix));
            assert_string_equal(cell_text(&f.dl, cell(&f, GRID_G_DX, iy, ix)), want);
        }
    assert_string_equal(cell_text(&f.dl, cell(&f, GRID_G_DOUT, 0, 0)), "2");
    hover(&f, GRID_G_DX, 2, 2);
    assert_text(&f.dl, "finite difference: 29 (agrees)");
    assert_true(
        frame_says(&f.dl, "finite differences (core): 36/36 d_x, 9/9 d_w checked, max |diff| 0"));
    fx_close(&f);
}

/* d_w[a][b] = sum over outputs of x[2*oy + a][2*ox + b] * d_out[oy][ox],
 * from the x and d_out the view shows. */
static void test_dw_is_the_correlation_of_x_with_dout(void **state)
{
    (void)state;
    Fx f;
    open_kernel3(&f);
    key(&f, KEY_END, 0, 0);
    float x[6][6];
    for (int r = 0; r < 6; r++)
        for (int c = 0; c < 6; c++)
            x[r][c] = strtof(cell_text(&f.dl, cell(&f, GRID_G_X, r, c)), NULL);
    for (int a = 0; a < 3; a++)
        for (int b = 0; b < 3; b++) {
            float acc = 0;
            for (int oy = 0; oy < 3; oy++)
                for (int ox = 0; ox < 3; ox++)
                    if (2 * oy + a < 6 && 2 * ox + b < 6)
                        acc += x[2 * oy + a][2 * ox + b];
            char want[16];
            format_cell_number(want, sizeof want, acc);
            assert_string_equal(cell_text(&f.dl, cell(&f, GRID_G_DW, a, b)), want);
        }
    /* out = conv2d(x, w) too */
    float out00 = 0;
    for (int a = 0; a < 3; a++)
        for (int b = 0; b < 3; b++)
            out00 += x[a][b] * (float)(3 * a + b + 1);
    char want[16];
    format_cell_number(want, sizeof want, out00);
    assert_string_equal(cell_text(&f.dl, cell(&f, GRID_G_OUT, 0, 0)), want);
    /* the d_w phase names its correlation */
    scene_seek(f.s, 36 + 1);
    frame(&f);
    assert_non_null(strstr(scene_status(f.s), "d_w[0,1] = x[0,1]\xc2\xb7"
                                              "d_out[0,0] + "
                                              "x[0,3]\xc2\xb7"
                                              "d_out[0,1] + x[0,5]\xc2\xb7"
                                              "d_out[0,2] + ... (9 terms)"));
    assert_true(has_frame(&f.dl, cell(&f, GRID_G_DW, 0, 1), scene_highlight_color(f.s)));
    /* the x cells that tap reads: (2*oy, 2*ox + 1) */
    Color win = theme_get(THEME_LIGHT)->window;
    assert_true(has_frame(&f.dl, cell(&f, GRID_G_X, 2, 3), win));
    assert_false(has_frame(&f.dl, cell(&f, GRID_G_X, 2, 2), win));
    fx_close(&f);
}

static void test_stride1_valid_shows_the_textbook_identity(void **state)
{
    (void)state;
    SceneSetup s = {0};
    s.spec = (LayerSpec){.op = OP_CONV2D_TRANSPOSE,
                         .params = {.convention = CONV_TF, .stride = {1, 1}, .padding = PAD_VALID}};
    s.view = VIEW_GRADIENT;
    Err err = {0};
    assert_int_equal(tensor_init(&s.input, LAYOUT_NHWC, (int[4]){1, 3, 3, 1}, &err), 0);
    for (int i = 0; i < 9; i++)
        s.input.data[i] = 1.0f; /* d_out = the layer's x: ones */
    Fx f;
    fx_start(&f, &s); /* 3x3 ones and the default [[1,2],[3,4]]: 4x4 output */
    tensor_free(&s.input);
    frame(&f);
    assert_true(
        frame_says(&f.dl, "stride 1, VALID: d_x = conv2d(pad_full(d_out), rot180(w)), bottom row"));
    /* pad_full(d_out): d_out (3x3 ones) with k-1 = 1 zero ring */
    Rect r;
    assert_true(scene_cell_rect(f.s, GRID_G_PADDED, 4, 4, &r));
    assert_false(scene_cell_rect(f.s, GRID_G_PADDED, 5, 5, &r));
    for (int i = 0; i < 5; i++)
        for (int j = 0; j < 5; j++)
            assert_string_equal(cell_text(&f.dl, cell(&f, GRID_G_PADDED, i, j)),
                                i == 0 || j == 0 || i == 4 || j == 4 ? "0" : "1");
    static const char *const rot[2][2] = {{"4", "3"}, {"2", "1"}};
    for (int a = 0; a < 2; a++)
        for (int b = 0; b < 2; b++)
            assert_string_equal(cell_text(&f.dl, cell(&f, GRID_G_ROT, a, b)), rot[a][b]);
    /* d_x[1,1] = the full window: 1+2+3+4; the window is framed on pad_full(d_out) */
    scene_seek(f.s, 5);
    frame(&f);
    assert_string_equal(cell_text(&f.dl, cell(&f, GRID_G_DX, 1, 1)), "10");
    Rect a = cell(&f, GRID_G_PADDED, 1, 1), b = cell(&f, GRID_G_PADDED, 2, 2);
    assert_true(has_frame(&f.dl, (Rect){a.x - 1, a.y - 1, b.x + b.w - a.x + 2, b.y + b.h - a.y + 2},
                          theme_get(THEME_LIGHT)->window));
    fx_close(&f);
}


/* ---- d_out is the layer's own x, so d_x is its y ------------------------------------ */

/* Every d_x cell of output channel 0 shows the y of the conv2d view (and
 * d_out the layer's x), read from the frame of each view at the end. */
static void assert_dx_shows_y(Fx *f, int rows, int cols, int xrows, int xcols)
{
    scene_set_view(f->s, VIEW_BOTH);
    key(f, KEY_END, 0, 0);
    char(*y)[16] = calloc((size_t)rows * cols, 16), (*x)[16] = calloc((size_t)xrows * xcols, 16);
    assert_non_null(y);
    assert_non_null(x);
    for (int r = 0; r < rows; r++)
        for (int c = 0; c < cols; c++) {
            snprintf(y[r * cols + c], 16, "%s", cell_text(&f->dl, cell(f, GRID_OUTPUT, r, c)));
            assert_string_not_equal(y[r * cols + c], "");
        }
    for (int r = 0; r < xrows; r++)
        for (int c = 0; c < xcols; c++)
            snprintf(x[r * xcols + c], 16, "%s", cell_text(&f->dl, cell(f, GRID_INPUT, r, c)));
    scene_set_view(f->s, VIEW_GRADIENT);
    key(f, KEY_END, 0, 0);
    for (int r = 0; r < rows; r++)
        for (int c = 0; c < cols; c++)
            assert_string_equal(cell_text(&f->dl, cell(f, GRID_G_DX, r, c)), y[r * cols + c]);
    for (int r = 0; r < xrows; r++)
        for (int c = 0; c < xcols; c++)
            assert_string_equal(cell_text(&f->dl, cell(f, GRID_G_DOUT, r, c)), x[r * xcols + c]);
    assert_true(frame_says(&f->dl, "d_out = x (the layer's input), so d_x = y of the other views "
                                   "(equal at all"));
    free(y);
    free(x);
}

static void test_dx_is_y_for_the_default_example(void **state)
{
    (void)state;
    Fx f;
    fx_start(&f, NULL); /* 3x3 -> 6x6, 2x2 kernel, stride 2, SAME */
    assert_dx_shows_y(&f, 6, 6, 3, 3);
    assert_true(frame_says(&f.dl, "equal at all 36 cells"));
    /* the captions and the header name the tensors as the view shows them */
    assert_text(&f.dl, "d_out = x");
    assert_true(frame_says(&f.dl, "top row: the forward conv2d whose input gradient is this "
                                  "layer, x [1,6,6,1] -> out [1,3,3,1] NHWC;"));
    assert_true(frame_says(&f.dl, "d_out = the layer's x [1,3,3,1]"));
    assert_true(frame_says(&f.dl, "d_x = the layer's y [1,6,6,1]"));
    /* the output's own numbers, as the scatter lands them */
    assert_string_equal(cell_text(&f.dl, cell(&f, GRID_G_DX, 0, 4)), "1.5");
    assert_string_equal(cell_text(&f.dl, cell(&f, GRID_G_DX, 1, 5)), "6");
    fx_close(&f);
}

/* Typing into d_out is still possible; the view then stops calling it x. */
static void test_typed_dout_is_no_longer_x(void **state)
{
    (void)state;
    Fx f;
    fx_start(&f, NULL);
    scene_set_view(f.s, VIEW_GRADIENT);
    frame(&f);
    click(&f, GRID_G_DOUT, 1, 1);
    key(&f, KEY_CHAR, '3', 0);
    key(&f, KEY_RETURN, 0, 0);
    key(&f, KEY_END, 0, 0);
    assert_string_equal(cell_text(&f.dl, cell(&f, GRID_G_DOUT, 1, 1)), "3");
    assert_true(frame_says(&f.dl, "d_out is typed, not the layer's x: d_x is not its y"));
    assert_false(frame_says(&f.dl, "d_x = the layer's y"));
    assert_true(frame_says(&f.dl, "d_out (typed) [1,3,3,1]"));
    /* d_x[2,2] = d_out[1,1] * w[0,0] = 3 * 1 */
    assert_string_equal(cell_text(&f.dl, cell(&f, GRID_G_DX, 2, 2)), "3");
    fx_close(&f);
}

/* The caption of a grid whose numbers are scaled: "d_w (numbers ÷10)", or
 * "d_w ÷10" where the long one would reach the next caption. */
static int says_scaled(const DrawList *dl, const char *name, const char *by)
{
    char longer[64], shorter[64];
    snprintf(longer, sizeof longer, "%s (numbers %s)", name, by);
    snprintf(shorter, sizeof shorter, "%s %s", name, by);
    return frame_says(dl, longer) || frame_says(dl, shorter);
}

static void open_course_lesson(Fx *f, const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/../../lessons/%s", TCVIZ_TEST_DATA, name);
    Lesson l;
    Err err = {0};
    if (lesson_load(path, &l, &err) != 0)
        fail_msg("%s", err.msg);
    SceneSetup setup = {0};
    setup.lesson = &l;
    fx_open(f, &setup);
    /* the lesson's text takes a column: a full-HD window keeps d_x's numbers */
    f->in.width = 1920;
    f->in.height = 1080;
    frame(f);
    lesson_free(&l);
}

static void test_dx_is_y_for_lessons_1_and_2(void **state)
{
    (void)state;
    Fx f;
    open_course_lesson(&f, "01-upsample-3x3-to-6x6.yaml"); /* 3x3 -> 6x6 */
    assert_dx_shows_y(&f, 6, 6, 3, 3);
    fx_close(&f);
    open_course_lesson(&f, "02-unet-2x2-stride-2.yaml"); /* 3x5 -> 6x10 */
    assert_dx_shows_y(&f, 6, 10, 3, 5);
    assert_true(frame_says(&f.dl, "equal at all 60 cells"));
    fx_close(&f);
}

/* 28x28 with 32 input channels: every d_x value the side column names for a
 * hovered cell is y computed here by the core's conv2d_transpose. */
static void test_dx_is_y_for_the_28x28x32_layer(void **state)
{
    (void)state;
    SceneSetup setup;
    setup_28x28x32(&setup);
    Tensor y = {0};
    Err err = {0};
    LayerTensors t = {.input = &setup.input, .filter = &setup.filter};
    assert_int_equal(layer_run(&setup.spec, &t, &y, &err), 0); /* NHWC [1,28,28,1] */
    setup.view = VIEW_GRADIENT;
    Fx f;
    fx_start(&f, &setup);
    tensor_free(&setup.input);
    tensor_free(&setup.filter);
    key(&f, KEY_END, 0, 0);
    static const int at[][2] = {{0, 0}, {3, 17}, {13, 13}, {27, 27}, {20, 5}};
    for (size_t i = 0; i < sizeof at / sizeof at[0]; i++) {
        hover(&f, GRID_G_DX, at[i][0], at[i][1]);
        char want[64], num[32];
        vocab_number(num, sizeof num, y.data[(size_t)at[i][0] * 28 + at[i][1]]);
        snprintf(want, sizeof want, "= %s (conv2d_backprop_input)", num);
        assert_text(&f.dl, want);
    }
    assert_true(frame_says(&f.dl, "d_out = x (the layer's input), so d_x = y of the other views "
                                  "(equal at all 784 cells)"));
    /* d_w sums over all 784 outputs; the tap d_w[31,0][0,0] the timeline
     * ends on is 166. At 1600x900 its cells hold it as it is. */
    hover(&f, GRID_G_DW, 0, 0);
    assert_text(&f.dl, "= 166 (conv2d_backprop_filter)");
    assert_string_equal(cell_text(&f.dl, cell(&f, GRID_G_DW, 0, 0)), "166");
    assert_false(frame_says(&f.dl, "d_w (numbers"));
    /* At 1280x720 sums like -175 are too long for the cells: its numbers
     * are shown in tens, the caption says so (in short, beside the side
     * column), and 16.6 drawn as "17" carries the rounded mark. */
    f.in.width = 1280;
    f.in.height = 720;
    frame(&f);
    assert_true(says_scaled(&f.dl, "d_w", "\xc3\xb7" "10"));
    Rect c = cell(&f, GRID_G_DW, 0, 0);
    assert_string_equal(cell_text(&f.dl, c), "17");
    assert_true(has_line_in(&f.dl, c, theme_get(THEME_LIGHT)->rounded));
    tensor_free(&y);
    fx_close(&f);
}

/* Lesson 6's first step at 1280x720: the learned 7x7 w (weights such as
 * -0.0234, four characters even as "-.02") shows every number, times 100
 * as its caption says. */
static void test_small_weights_show_scaled(void **state)
{
    (void)state;
    Fx f;
    open_course_lesson(&f, "06-channels-28x28-32-filters.yaml");
    f.in.width = 1280;
    f.in.height = 720;
    frame(&f);
    assert_int_equal(scene_view(f.s), VIEW_GRADIENT);
    assert_true(says_scaled(&f.dl, "w", "\xc3\x97" "100"));
    int missing = 0;
    for (int r = 0; r < 7; r++)
        for (int k = 0; k < 7; k++)
            missing += cell_text(&f.dl, cell(&f, GRID_G_W, r, k)) == NULL;
    assert_int_equal(missing, 0);
    fx_close(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dx_fills_with_the_chain_rule_and_checks_agree),
        cmocka_unit_test(test_hovered_dx_cell_lists_its_chain_rule_terms),
        cmocka_unit_test(test_editing_dout_changes_dx),
        cmocka_unit_test(test_dw_is_the_correlation_of_x_with_dout),
        cmocka_unit_test(test_stride1_valid_shows_the_textbook_identity),
        cmocka_unit_test(test_dx_is_y_for_the_default_example),
        cmocka_unit_test(test_typed_dout_is_no_longer_x),
        cmocka_unit_test(test_dx_is_y_for_lessons_1_and_2),
        cmocka_unit_test(test_dx_is_y_for_the_28x28x32_layer),
        cmocka_unit_test(test_small_weights_show_scaled),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
