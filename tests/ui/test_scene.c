/* test_scene.c - the views without a window, checked on the DrawList: at
 * step k of the default example the current input cell carries the
 * highlight and the canvas holds the core's partial sums (also after
 * stepping back); cropped cells are dimmed and appended rows drawn as zeros;
 * status lines and tooltips spell exact sentences; hovering links cells
 * across the views; the conv2d view fills cells equal to the scatter. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <unistd.h>

#include "io/npy.h"
#include "scene_fixture.h"
#include "ui/scene_layout.h"

/* ---- the default example ------------------------------------------------------ */

static void test_default_example_status_names_every_scatter_step(void **state)
{
    (void)state;
    static const char *const want[9] = {
        "x[0,0] = 0 scatters 0\xc2\xb7w into out[0:2, 0:2]",
        "x[0,1] = 0 scatters 0\xc2\xb7w into out[0:2, 2:4]",
        "x[0,2] = 1.5 scatters 1.5\xc2\xb7w into out[0:2, 4:6]",
        "x[1,0] = 0 scatters 0\xc2\xb7w into out[2:4, 0:2]",
        "x[1,1] = 1 scatters 1\xc2\xb7w into out[2:4, 2:4]",
        "x[1,2] = 0 scatters 0\xc2\xb7w into out[2:4, 4:6]",
        "x[2,0] = 0 scatters 0\xc2\xb7w into out[4:6, 0:2]",
        "x[2,1] = 0 scatters 0\xc2\xb7w into out[4:6, 2:4]",
        "x[2,2] = 0 scatters 0\xc2\xb7w into out[4:6, 4:6]",
    };
    Fx f;
    fx_start(&f, NULL);
    assert_int_equal(scene_step_count(f.s), 9 + 36); /* scatter, then the conv2d-equivalent */
    for (int k = 0; k < 9; k++) {
        scene_seek(f.s, k);
        frame(&f);
        assert_string_equal(scene_status(f.s), want[k]);
        assert_text(&f.dl, want[k]);
    }
    assert_string_equal(
        header_call(&f),
        "tf.nn.conv2d_transpose(x, w, output_shape=[1, 6, 6, 1], strides=[2, 2], padding='SAME')");
    fx_close(&f);
}

static void test_step_highlights_its_input_cell_and_footprint(void **state)
{
    (void)state;
    Fx f;
    fx_start(&f, NULL);
    Color hl = scene_highlight_color(f.s);
    assert_true(same_color(hl, theme_get(THEME_LIGHT)->highlight));
    for (int k = 0; k < 9; k++) {
        scene_seek(f.s, k);
        frame(&f);
        int i = k / 3, j = k % 3;
        for (int r = 0; r < 3; r++)
            for (int c = 0; c < 3; c++)
                assert_int_equal(has_frame(&f.dl, cell(&f, 0 /* GRID_INPUT */, r, c), hl),
                                 r == i && c == j);
        /* the footprint: 2x2 canvas cells at (2i, 2j) */
        for (int a = 0; a < 2; a++)
            for (int b = 0; b < 2; b++)
                assert_true(has_frame(&f.dl, cell(&f, GRID_CANVAS, 2 * i + a, 2 * j + b),
                                      theme_get(THEME_LIGHT)->footprint));
    }
    fx_close(&f);
}

static void test_canvas_shows_core_partial_sums_and_stepping_back_restores_them(void **state)
{
    (void)state;
    Fx f;
    fx_start(&f, NULL);
    scene_seek(f.s, 4);
    frame(&f);
    /* 1.5*w lands at out[0:2, 4:6], then 1*w at out[2:4, 2:4] */
    assert_string_equal(cell_text(&f.dl, cell(&f, GRID_CANVAS, 0, 4)), "1.5");
    assert_string_equal(cell_text(&f.dl, cell(&f, GRID_CANVAS, 1, 5)), "6");
    assert_string_equal(cell_text(&f.dl, cell(&f, GRID_CANVAS, 2, 2)), "1");
    assert_string_equal(cell_text(&f.dl, cell(&f, GRID_CANVAS, 3, 3)), "4");
    key(&f, KEY_LEFT, 0, 0);
    assert_string_equal(scene_status(f.s), "x[1,0] = 0 scatters 0\xc2\xb7w into out[2:4, 0:2]");
    assert_string_equal(cell_text(&f.dl, cell(&f, GRID_CANVAS, 2, 2)), "0");
    assert_string_equal(cell_text(&f.dl, cell(&f, GRID_CANVAS, 1, 5)), "6");
    key(&f, KEY_HOME, 0, 0);
    assert_string_equal(cell_text(&f.dl, cell(&f, GRID_CANVAS, 1, 5)), "0");
    fx_close(&f);
}

static void test_hovering_output_cell_spells_its_sum(void **state)
{
    (void)state;
    Fx f;
    fx_start(&f, NULL);
    hover(&f, GRID_OUTPUT, 2, 3);
    assert_text(&f.dl, "y[2,3] = x[1,1]\xc2\xb7w[0,1] = 2");
    /* the same cell on the scatter canvas, linked: its feeding input and tap */
    Color link = theme_get(THEME_LIGHT)->link;
    assert_true(has_frame(&f.dl, cell(&f, GRID_INPUT, 1, 1), link));
    assert_true(has_frame(&f.dl, cell(&f, GRID_KERNEL, 0, 1), link));
    assert_false(has_frame(&f.dl, cell(&f, GRID_INPUT, 0, 0), link));
    hover(&f, GRID_CANVAS, 0, 5);
    assert_text(&f.dl, "y[0,5] = x[0,2]\xc2\xb7w[0,1] = 3");
    hover(&f, GRID_KERNEL, 1, 0);
    assert_text(&f.dl, "w[1,0] = 3");
    hover(&f, GRID_PADDED, 3, 3);
    assert_text(&f.dl, "p[3,3] = x[1,1] = 1");
    hover(&f, GRID_PADDED, 3, 4);
    assert_text(&f.dl, "p[3,4] = 0: a zero inserted between input elements (stride 2)");
    fx_close(&f);
}

static void test_hovering_an_input_cell_links_its_footprint_in_both_views(void **state)
{
    (void)state;
    Fx f;
    fx_start(&f, NULL);
    hover(&f, GRID_INPUT, 1, 2);
    Color link = theme_get(THEME_LIGHT)->link;
    for (int a = 0; a < 2; a++)
        for (int b = 0; b < 2; b++) {
            assert_true(has_frame(&f.dl, cell(&f, GRID_CANVAS, 2 + a, 4 + b), link));
            assert_true(has_frame(&f.dl, cell(&f, GRID_OUTPUT, 2 + a, 4 + b), link));
        }
    assert_false(has_frame(&f.dl, cell(&f, GRID_CANVAS, 0, 0), link));
    /* its place among the inserted zeros: p[1 + 2*1, 1 + 2*2] */
    assert_true(has_frame(&f.dl, cell(&f, GRID_PADDED, 3, 5), link));
    /* clicking pins it: the links stay when the mouse leaves */
    click(&f, GRID_INPUT, 1, 2);
    f.in.mouse_x = f.in.mouse_y = 2;
    frame(&f);
    assert_true(has_frame(&f.dl, cell(&f, GRID_CANVAS, 2, 4), link));
    key(&f, KEY_ESCAPE, 0, 0);
    assert_false(has_frame(&f.dl, cell(&f, GRID_CANVAS, 2, 4), link));
    fx_close(&f);
}

/* ---- cropping and overlaps ------------------------------------------------------ */

static SceneSetup kernel3_setup(Tensor *w)
{
    Err err = {0};
    assert_int_equal(tensor_init(w, LAYOUT_HWOI, (int[4]){3, 3, 1, 1}, &err), 0);
    for (int i = 0; i < 9; i++)
        w->data[i] = (float)(i + 1);
    SceneSetup s = {0};
    s.spec = (LayerSpec){.op = OP_CONV2D_TRANSPOSE,
                         .params = {.convention = CONV_TF, .stride = {2, 2}, .padding = PAD_SAME}};
    s.filter = *w;
    return s;
}

static int dimmed(const DrawList *dl, Rect r, Color dim)
{
    for (int i = 0; i < dl->count; i++) {
        const DrawCmd *c = &dl->cmds[i];
        if (c->kind == DRAW_RECT && same_color(c->color, dim) && c->rect.x <= r.x &&
            c->rect.y <= r.y && c->rect.x + c->rect.w >= r.x + r.w &&
            c->rect.y + c->rect.h >= r.y + r.h)
            return 1;
    }
    return 0;
}

static void test_cropped_cells_are_dimmed(void **state)
{
    (void)state;
    Tensor w = {0};
    SceneSetup setup = kernel3_setup(&w);
    Fx f;
    fx_start(&f, &setup);
    tensor_free(&w);
    frame(&f);
    /* kernel 3, stride 2, SAME, 3 -> 6: the 7x7 canvas loses its last row and column */
    Color dim = theme_get(THEME_LIGHT)->cropped;
    for (int i = 0; i < 7; i++) {
        assert_true(dimmed(&f.dl, cell(&f, GRID_CANVAS, 6, i), dim));
        assert_true(dimmed(&f.dl, cell(&f, GRID_CANVAS, i, 6), dim));
    }
    for (int r = 0; r < 6; r++)
        for (int c = 0; c < 6; c++)
            assert_false(dimmed(&f.dl, cell(&f, GRID_CANVAS, r, c), dim));
    assert_text(&f.dl,
                "x [1,3,3,1] NHWC  w [3,3,1,1] HWOI  y [1,6,6,1] NHWC  scatter 7x7, crop "
                "top 0, bottom 1, left 0, right 1");
    fx_close(&f);
}

static void test_overlapping_products_are_summed_in_the_tooltip(void **state)
{
    (void)state;
    Tensor w = {0};
    SceneSetup setup = kernel3_setup(&w);
    Fx f;
    fx_start(&f, &setup);
    tensor_free(&w);
    frame(&f);
    hover(&f, GRID_OUTPUT, 2, 2);
    assert_text(&f.dl,
                "y[2,2] = x[0,0]\xc2\xb7w[2,2] + x[0,1]\xc2\xb7w[2,0] + x[1,0]\xc2\xb7w[0,2] + "
                "x[1,1]\xc2\xb7w[0,0] = 1");
    hover(&f, GRID_CANVAS, 6, 0);
    assert_text(&f.dl, "out[6,0] (cropped away) = x[2,0]\xc2\xb7w[2,0] = 0");
    fx_close(&f);
}

/* An empty .npy (a batch of 0, which the frameworks compute) is read, but
 * the window has nothing to draw for it: refused in one line, the layer on
 * screen kept and still drawn. */
static void test_an_empty_tensor_is_refused_and_the_layer_kept(void **state)
{
    (void)state;
    char path[] = "/tmp/tcviz_empty_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    Err err = {0};
    float unused = 0.0f;
    assert_int_equal(npy_write_f32(path, 4, (int[4]){0, 3, 3, 1}, &unused, &err), 0);
    Fx f;
    fx_start(&f, NULL);
    int steps = scene_step_count(f.s);
    assert_int_equal(scene_load_file(f.s, "input", path, &err), -1);
    assert_non_null(strstr(err.msg, "empty tensor: nothing to draw"));
    assert_null(strchr(err.msg, '\n'));
    assert_int_equal(scene_step_count(f.s), steps);
    frame(&f);
    assert_true(f.dl.count > 0);
    fx_close(&f);
    unlink(path);
}

static void test_appended_rows_of_output_padding_are_zero_cells(void **state)
{
    (void)state;
    Fx f;
    fx_start(&f, NULL);
    key(&f, KEY_CHAR, 'c', 0); /* PyTorch: padding=0, output_padding=0 */
    key(&f, KEY_CHAR, 'o', 0); /* output_padding=1: a 7x7 output of a 6x6 scatter */
    assert_string_equal(header_call(&f), "F.conv_transpose2d(x, w, stride=(2, 2), "
                                         "padding=(0, 0), output_padding=(1, 1))");
    Rect r = cell(&f, GRID_CANVAS, 6, 6); /* the canvas grid grew by the appended row */
    Color ext = theme_get(THEME_LIGHT)->extended;
    int found = 0;
    for (int i = 0; i < f.dl.count; i++)
        found |= f.dl.cmds[i].kind == DRAW_RECT && same_color(f.dl.cmds[i].color, ext) &&
                 f.dl.cmds[i].rect.y == r.y;
    assert_true(found);
    hover(&f, GRID_OUTPUT, 6, 2);
    assert_text(&f.dl, "y[6,2] = 0: appended past the scatter by output_padding");
    fx_close(&f);
}

/* ---- the conv2d-equivalent --------------------------------------------------------- */

static void test_conv2d_view_fills_cells_equal_to_the_scatter(void **state)
{
    (void)state;
    SceneSetup setup = {0};
    setup.view = VIEW_CONV2D;
    Fx f;
    fx_start(&f, &setup);
    assert_int_equal(scene_step_count(f.s), 36);
    scene_seek(f.s, 15);
    frame(&f);
    assert_string_equal(scene_status(f.s),
                        "y[2,3] = sum of window p[2:4, 3:5] \xc2\xb7 rot180(w) = 2, "
                        "equal to the scatter form's result");
    assert_string_equal(cell_text(&f.dl, cell(&f, GRID_OUTPUT, 2, 3)), "2");
    assert_string_equal(cell_text(&f.dl, cell(&f, GRID_OUTPUT, 2, 4)), ""); /* not yet */
    /* the window outline sits where the trace says: p[2:4, 3:5] */
    Rect a = cell(&f, GRID_PADDED, 2, 3), b = cell(&f, GRID_PADDED, 3, 4);
    Rect win = {a.x - 1, a.y - 1, b.x + b.w - a.x + 2, b.y + b.h - a.y + 2};
    assert_true(has_frame(&f.dl, win, theme_get(THEME_LIGHT)->window));
    /* the rotated kernel: rot180([[1,2],[3,4]]) */
    assert_string_equal(cell_text(&f.dl, cell(&f, GRID_ROTKERNEL, 0, 0)), "4");
    assert_string_equal(cell_text(&f.dl, cell(&f, GRID_ROTKERNEL, 1, 1)), "1");
    /* at the end every output cell is checked against the scatter */
    key(&f, KEY_END, 0, 0);
    int checks = 0; /* in the output grid (the legend has its own) */
    Rect o0 = cell(&f, GRID_OUTPUT, 0, 0), o5 = cell(&f, GRID_OUTPUT, 5, 5);
    for (int i = 0; i < f.dl.count; i++)
        checks += f.dl.cmds[i].kind == DRAW_LINE &&
                  same_color(f.dl.cmds[i].color, theme_get(THEME_LIGHT)->check) &&
                  f.dl.cmds[i].rect.x >= o0.x && f.dl.cmds[i].rect.x < o5.x + o5.w &&
                  f.dl.cmds[i].rect.y >= o0.y && f.dl.cmds[i].rect.y < o5.y + o5.h;
    assert_int_equal(checks, 2 * 36);
    fx_close(&f);
}

static void test_kernel_turns_when_the_conv2d_view_is_entered(void **state)
{
    (void)state;
    Fx f;
    fx_start(&f, NULL);
    frame(&f);
    assert_text(&f.dl, "w, rotated later");
    key(&f, KEY_CHAR, 'v', 0); /* scatter */
    key(&f, KEY_CHAR, 'v', 0); /* conv2d: entered */
    assert_text(&f.dl, "w, rotating 180");
    assert_int_equal(scene_update(f.s, 0.3), 1);
    assert_int_equal(scene_update(f.s, 2.0), 0);
    frame(&f);
    assert_text(&f.dl, "rot180(w)");
    fx_close(&f);
}

/* Input and drawing share one layout: a frame where nothing it depends on
 * changed lays nothing out, and a frame that changes the window or the
 * view lays out once. */
static void test_a_frame_lays_out_at_most_once(void **state)
{
    (void)state;
    Fx f;
    fx_start(&f, NULL);
    long n = scene_layout_count(f.s);
    frame(&f);
    hover(&f, GRID_CANVAS, 2, 3);
    assert_int_equal(scene_layout_count(f.s), n);
    f.in.width = 1280;
    frame(&f);
    assert_int_equal(scene_layout_count(f.s), n + 1);
    key(&f, KEY_CHAR, 'v', 0); /* the next view */
    assert_int_equal(scene_view(f.s), VIEW_SCATTER);
    assert_int_equal(scene_layout_count(f.s), n + 2);
    frame(&f);
    assert_int_equal(scene_layout_count(f.s), n + 2);
    fx_close(&f);
}

/* A figure is laid out without the window's header, panel, status and
 * timeline: its grids are larger; the window's next frame lays out its own
 * again, and a second figure of the same frame reuses the figure's layout. */
static void test_a_figure_lays_out_apart_from_the_window(void **state)
{
    (void)state;
    Fx f;
    fx_start(&f, NULL);
    Rect win, fig, again;
    assert_true(scene_cell_rect(f.s, GRID_CANVAS, 0, 0, &win));
    long n = scene_layout_count(f.s);
    scene_draw_figure(f.s, &f.in, 1, &f.dl);
    assert_int_equal(scene_layout_count(f.s), n + 1);
    assert_true(scene_cell_rect(f.s, GRID_CANVAS, 0, 0, &fig));
    assert_true(fig.h > win.h);
    scene_draw_figure(f.s, &f.in, 0, &f.dl);
    assert_int_equal(scene_layout_count(f.s), n + 1);
    frame(&f);
    assert_int_equal(scene_layout_count(f.s), n + 2);
    assert_true(scene_cell_rect(f.s, GRID_CANVAS, 0, 0, &again));
    assert_memory_equal(&again, &win, sizeof win);
    fx_close(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_example_status_names_every_scatter_step),
        cmocka_unit_test(test_step_highlights_its_input_cell_and_footprint),
        cmocka_unit_test(test_canvas_shows_core_partial_sums_and_stepping_back_restores_them),
        cmocka_unit_test(test_hovering_output_cell_spells_its_sum),
        cmocka_unit_test(test_hovering_an_input_cell_links_its_footprint_in_both_views),
        cmocka_unit_test(test_cropped_cells_are_dimmed),
        cmocka_unit_test(test_overlapping_products_are_summed_in_the_tooltip),
        cmocka_unit_test(test_appended_rows_of_output_padding_are_zero_cells),
        cmocka_unit_test(test_an_empty_tensor_is_refused_and_the_layer_kept),
        cmocka_unit_test(test_conv2d_view_fills_cells_equal_to_the_scatter),
        cmocka_unit_test(test_kernel_turns_when_the_conv2d_view_is_entered),
        cmocka_unit_test(test_a_frame_lays_out_at_most_once),
        cmocka_unit_test(test_a_figure_lays_out_apart_from_the_window),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
