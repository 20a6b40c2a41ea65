/* test_view_overlap_code.c - the overlap view shows exactly the products per
 * canvas cell a brute-force count gives, names the pattern (kernel 3,
 * stride 2: uneven 1/2/4; kernel 4, stride 2: even), and puts nearest and
 * bilinear upsampling of the same input beside the transposed conv; the
 * code view shows and copies the framework snippets. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>

#include "scene_fixture.h"
#include "ui/text.h"

static SceneSetup kernel_setup(Tensor *w, int k, ViewKind view)
{
    Err err = {0};
    assert_int_equal(tensor_init(w, LAYOUT_HWOI, (int[4]){k, k, 1, 1}, &err), 0);
    for (int i = 0; i < k * k; i++)
        w->data[i] = (float)(i + 1);
    SceneSetup s = {0};
    s.spec = (LayerSpec){.op = OP_CONV2D_TRANSPOSE,
                         .params = {.convention = CONV_TF, .stride = {2, 2}, .padding = PAD_SAME}};
    s.filter = *w;
    s.view = view;
    return s;
}

static void open_view(Fx *f, int k, ViewKind view)
{
    Tensor w = {0};
    SceneSetup s = kernel_setup(&w, k, view);
    fx_start(f, &s);
    tensor_free(&w);
    frame(f);
}

/* Products landing on canvas position p of one axis: input i, tap a with
 * 2i + a == p, for a 3-element input. */
static int axis_count(int p, int k)
{
    int n = 0;
    for (int i = 0; i < 3; i++)
        for (int a = 0; a < k; a++)
            n += 2 * i + a == p;
    return n;
}

static void test_counts_are_the_products_per_cell(void **state)
{
    (void)state;
    for (int k = 2; k <= 4; k++) {
        Fx f;
        open_view(&f, k, VIEW_OVERLAP);
        int full = 2 * 2 + k;
        Rect r;
        assert_false(scene_cell_rect(f.s, GRID_OV_COUNTS, full, 0, &r));
        for (int y = 0; y < full; y++)
            for (int x = 0; x < full; x++) {
                char want[16];
                snprintf(want, sizeof want, "%d", axis_count(y, k) * axis_count(x, k));
                assert_string_equal(cell_text(&f.dl, cell(&f, GRID_OV_COUNTS, y, x)), want);
            }
        fx_close(&f);
    }
}

static void test_status_names_the_pattern(void **state)
{
    (void)state;
    Fx f;
    open_view(&f, 3, VIEW_OVERLAP);
    assert_string_equal(scene_status(f.s), "kernel 3, stride 2: inside cells get 1, 2 or 4 "
                                           "products (3 is not a multiple of 2): a checkerboard, "
                                           "even for a constant x");
    /* SAME crops the 7th row and column of the 7x7 canvas */
    Color dim = theme_get(THEME_LIGHT)->cropped;
    assert_true(has_fill(&f.dl, cell(&f, GRID_OV_COUNTS, 6, 0), dim));
    assert_true(has_fill(&f.dl, cell(&f, GRID_OV_COUNTS, 0, 6), dim));
    assert_false(has_fill(&f.dl, cell(&f, GRID_OV_COUNTS, 5, 5), dim));
    fx_close(&f);
    open_view(&f, 4, VIEW_OVERLAP);
    assert_string_equal(scene_status(f.s), "kernel 4, stride 2: every inside cell gets 4 products "
                                           "(4 is a multiple of 2): even, no checkerboard from "
                                           "overlap");
    fx_close(&f);
}

/* Half-pixel bilinear, written out for the 3 -> 6 case. */
static float bilinear(const float x[3][3], int oy, int ox)
{
    double sy = (oy + 0.5) / 2 - 0.5, sx = (ox + 0.5) / 2 - 0.5;
    sy = sy < 0 ? 0 : sy;
    sx = sx < 0 ? 0 : sx;
    int y0 = (int)sy, x0 = (int)sx;
    int y1 = y0 < 2 ? y0 + 1 : 2, x1 = x0 < 2 ? x0 + 1 : 2;
    double fy = y1 == y0 ? 0 : sy - y0, fx = x1 == x0 ? 0 : sx - x0;
    double top = (1 - fx) * x[y0][x0] + fx * x[y0][x1];
    double bot = (1 - fx) * x[y1][x0] + fx * x[y1][x1];
    return (float)((1 - fy) * top + fy * bot);
}

static void test_comparison_tile_upsamples_the_same_input(void **state)
{
    (void)state;
    Fx f;
    fx_start(&f, NULL); /* the default example: x = [[0,0,1.5],[0,1,0],[0,0,0]] */
    scene_set_view(f.s, VIEW_OVERLAP);
    frame(&f);
    const float x[3][3] = {{0, 0, 1.5f}, {0, 1, 0}, {0, 0, 0}};
    for (int y = 0; y < 6; y++)
        for (int c = 0; c < 6; c++) {
            char want[16];
            format_cell_number(want, sizeof want, x[y / 2][c / 2]);
            assert_string_equal(cell_text(&f.dl, cell(&f, GRID_OV_NEAREST, y, c)), want);
            format_cell_number(want, sizeof want, bilinear(x, y, c));
            assert_string_equal(cell_text(&f.dl, cell(&f, GRID_OV_BILINEAR, y, c)), want);
        }
    assert_string_equal(cell_text(&f.dl, cell(&f, GRID_OV_Y, 1, 5)), "6");
    /* hovering an output cell links it in all three and on the canvas */
    hover(&f, GRID_OV_BILINEAR, 2, 3);
    Color link = theme_get(THEME_LIGHT)->link;
    assert_true(has_frame(&f.dl, cell(&f, GRID_OV_Y, 2, 3), link));
    assert_true(has_frame(&f.dl, cell(&f, GRID_OV_NEAREST, 2, 3), link));
    assert_true(has_frame(&f.dl, cell(&f, GRID_OV_COUNTS, 2, 3), link));
    hover(&f, GRID_OV_Y, 2, 3);
    assert_text(&f.dl, "y[2,3] = 2 from 1 product");
    /* the scatter plays: step 4 is x[1,1], its footprint on the counts */
    scene_seek(f.s, 4);
    f.in.mouse_x = f.in.mouse_y = -100;
    frame(&f);
    Color hl = scene_highlight_color(f.s);
    assert_true(has_frame(&f.dl, cell(&f, GRID_OV_X, 1, 1), hl));
    assert_true(
        has_frame(&f.dl, cell(&f, GRID_OV_COUNTS, 3, 3), theme_get(THEME_LIGHT)->footprint));
    fx_close(&f);
}

static void test_code_view_shows_and_copies_snippets(void **state)
{
    (void)state;
    Fx f;
    fx_start(&f, NULL);
    scene_set_view(f.s, VIEW_CODE);
    frame(&f);
    const char *call =
        "y = tf.nn.conv2d_transpose(x, w, output_shape=[1, 6, 6, 1], strides=[2, 2], padding='SAME')";
    assert_text(&f.dl, "import tensorflow as tf");
    assert_text(&f.dl, call);
    assert_text(&f.dl, "one call reproduces the layer exactly");
    assert_false(scene_requests(f.s)->copy);
    key(&f, KEY_CHAR, 'c', MOD_CTRL);
    SceneRequests *rq = scene_requests(f.s);
    assert_true(rq->copy);
    assert_int_equal(strncmp(rq->clipboard, "import tensorflow as tf\n", 24), 0);
    assert_non_null(strstr(rq->clipboard, call));
    rq->copy = 0;
    key(&f, KEY_TAB, 0, 0); /* Keras */
    assert_int_equal(strncmp(scene_status(f.s), "Keras: ", 7), 0);
    key(&f, KEY_CHAR, 'c', MOD_CTRL);
    assert_non_null(strstr(rq->clipboard, "Conv2DTranspose"));
    /* a click on a tab chooses it (the first "PyTorch" drawn is the tab) */
    const DrawCmd *tab = find_text(&f.dl, "PyTorch");
    assert_non_null(tab);
    f.in.mouse_x = tab->rect.x + tab->rect.w / 2;
    f.in.mouse_y = tab->rect.y + 2;
    f.in.mouse_pressed = 1;
    frame(&f);
    assert_int_equal(strncmp(scene_status(f.s), "PyTorch: one call reproduces", 28), 0);
    fx_close(&f);
}

/* A code line wider than the box continues on the next screen line, broken
 * between arguments: each piece but the last ends with ", " and the next
 * one, after the hanging indent, starts a keyword argument. */
static void test_code_view_breaks_long_lines_between_arguments(void **state)
{
    (void)state;
    Fx f;
    SceneSetup s = {0};
    s.spec = (LayerSpec){.op = OP_CONV2D_TRANSPOSE,
                         .params = {.convention = CONV_TF, .stride = {2, 2}, .dilation = {2, 2},
                                    .padding = PAD_SAME}};
    s.view = VIEW_CODE;
    fx_open(&f, &s);
    f.in.width = 1024;
    f.in.height = 640;
    frame(&f);
    const char *want = "y = tf.nn.conv2d_transpose(x, w, output_shape=[1, 6, 6, 1], "
                       "strides=[2, 2], padding='SAME',";
    int i = 0, pieces = 0;
    while (i < f.dl.count && !(f.dl.cmds[i].kind == DRAW_TEXT &&
                               strncmp(draw_cmd_text(&f.dl, &f.dl.cmds[i]), "y = tf.nn.", 10) == 0))
        i++;
    assert_true(i < f.dl.count);
    char joined[512] = "";
    for (const char *t = draw_cmd_text(&f.dl, &f.dl.cmds[i]);; pieces++) {
        strcat(joined, t);
        size_t n = strlen(t);
        assert_true(n > 2);
        if (strcmp(t + n - 2, ", ") != 0)
            break; /* the line's last piece */
        while (++i < f.dl.count && f.dl.cmds[i].kind != DRAW_TEXT)
            ;
        assert_true(i < f.dl.count);
        t = draw_cmd_text(&f.dl, &f.dl.cmds[i]);
        assert_int_equal(strncmp(t, "    ", 4), 0); /* the hanging indent */
        t += 4;
        assert_true(isalpha((unsigned char)t[0]));
    }
    if (pieces < 1) /* 1024 px is too narrow for the whole line */
        fail_msg("one piece: %s", joined);
    assert_int_equal(strncmp(joined, want, strlen(want)), 0);
    fx_close(&f);
}

static void test_code_view_says_when_no_single_call_exists(void **state)
{
    (void)state;
    Fx f;
    open_view(&f, 3, VIEW_CODE); /* TF SAME, total padding 1: odd */
    key(&f, KEY_DOWN, 0, 0);
    key(&f, KEY_DOWN, 0, 0); /* PyTorch */
    assert_string_equal(scene_status(f.s), "PyTorch: no single call reproduces this layer, so it "
                                           "takes more steps; Tab or Up/Down chooses, Ctrl+C "
                                           "copies");
    assert_text(&f.dl, "no single call: the snippet spells it in steps (see comments)");
    key(&f, KEY_UP, 0, 0);
    key(&f, KEY_UP, 0, 0);
    assert_int_equal(strncmp(scene_status(f.s), "TensorFlow: one call", 20), 0);
    fx_close(&f);
}

static void test_every_view_name_round_trips(void **state)
{
    (void)state;
    static const char *const names[VIEW_COUNT] = {"both",     "scatter",  "conv2d",  "matrix",
                                                  "gradient", "channels", "overlap", "oned",
                                                  "stack",    "code"};
    for (int v = 0; v < VIEW_COUNT; v++) {
        ViewKind got;
        assert_string_equal(scene_view_name((ViewKind)v), names[v]);
        assert_int_equal(scene_view_parse(names[v], &got), 0);
        assert_int_equal(got, v);
    }
    ViewKind got;
    assert_int_equal(scene_view_parse("checkerboard", &got), -1);
}

/* One scale for the grids that are compared: x of ones through a 2x2
 * kernel of ones at stride 2 gives y of ones, and x, y, nearest(x) and
 * bilinear(x) are all the same colour; the legend names the shared scale
 * and keys the marks the view draws. */
static void test_compared_grids_share_one_scale(void **state)
{
    (void)state;
    Err err = {0};
    SceneSetup s = {0};
    s.spec = (LayerSpec){.op = OP_CONV2D_TRANSPOSE,
                         .params = {.convention = CONV_TF, .stride = {2, 2}, .padding = PAD_SAME}};
    assert_int_equal(tensor_init(&s.input, LAYOUT_NHWC, (int[4]){1, 3, 3, 1}, &err), 0);
    assert_int_equal(tensor_init(&s.filter, LAYOUT_HWOI, (int[4]){2, 2, 1, 1}, &err), 0);
    for (int i = 0; i < 9; i++)
        s.input.data[i] = 1.0f;
    for (int i = 0; i < 4; i++)
        s.filter.data[i] = 1.0f;
    s.view = VIEW_OVERLAP;
    Fx f;
    fx_start(&f, &s);
    tensor_free(&s.input);
    tensor_free(&s.filter);
    key(&f, KEY_END, 0, 0);
    const Theme *th = theme_get(THEME_LIGHT);
    Color one = theme_value_color(th, 1.0f, 1.0f);
    assert_string_equal(cell_text(&f.dl, cell(&f, GRID_OV_Y, 3, 3)), "1");
    assert_true(has_fill(&f.dl, cell(&f, GRID_OV_X, 1, 1), one));
    assert_true(has_fill(&f.dl, cell(&f, GRID_OV_Y, 3, 3), one));
    assert_true(has_fill(&f.dl, cell(&f, GRID_OV_NEAREST, 3, 3), one));
    assert_true(frame_says(&f.dl, "values, shared scale: x, y, nearest, bilinear"));
    assert_true(frame_says(&f.dl, "own scale: counts"));
    /* the keys of the marks this view draws, and only those */
    assert_text(&f.dl, "current");
    assert_text(&f.dl, "crop frame");
    static const char *const not_drawn[] = {"inserted 0", "cropped", "appended 0", "window",
                                            "lesson",     "agrees",  "differs"};
    for (size_t i = 0; i < sizeof not_drawn / sizeof not_drawn[0]; i++)
        assert_false(frame_says(&f.dl, not_drawn[i]));
    fx_close(&f);
}

/* The default example in the scatter view: x[1,1] = 1 and the canvas's
 * y[2,2] = 1 are one colour (x alone spans 1.5 and y 6: one shared scale,
 * not one each). */
static void test_scatter_x_and_y_share_one_scale(void **state)
{
    (void)state;
    SceneSetup s = {0};
    s.view = VIEW_SCATTER;
    Fx f;
    fx_start(&f, &s);
    key(&f, KEY_END, 0, 0);
    assert_string_equal(cell_text(&f.dl, cell(&f, GRID_INPUT, 1, 1)), "1");
    assert_string_equal(cell_text(&f.dl, cell(&f, GRID_CANVAS, 2, 2)), "1");
    Color one = theme_value_color(theme_get(THEME_LIGHT), 1.0f, 6.0f);
    assert_true(has_fill(&f.dl, cell(&f, GRID_INPUT, 1, 1), one));
    assert_true(has_fill(&f.dl, cell(&f, GRID_CANVAS, 2, 2), one));
    assert_true(frame_says(&f.dl, "values, shared scale: x, canvas, y"));
    assert_true(frame_says(&f.dl, "own scale: w"));
    fx_close(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_compared_grids_share_one_scale),
        cmocka_unit_test(test_scatter_x_and_y_share_one_scale),
        cmocka_unit_test(test_counts_are_the_products_per_cell),
        cmocka_unit_test(test_status_names_the_pattern),
        cmocka_unit_test(test_comparison_tile_upsamples_the_same_input),
        cmocka_unit_test(test_code_view_shows_and_copies_snippets),
        cmocka_unit_test(test_code_view_breaks_long_lines_between_arguments),
        cmocka_unit_test(test_code_view_says_when_no_single_call_exists),
        cmocka_unit_test(test_every_view_name_round_trips),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
