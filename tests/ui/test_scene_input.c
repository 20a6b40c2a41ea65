/* test_scene_input.c - the visualizer's keys, panel and data without a
 * window: every key of the help does what it says, an illegal parameter
 * keeps the old state and shows the core's message, typed values, presets
 * and dropped files change the tensors, and frames stay small and reuse
 * their DrawList. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <unistd.h>

#include "io/npy.h"

#include "scene_fixture.h"

/* ---- keys ---------------------------------------------------------------------------- */

static void test_space_toggles_play(void **state)
{
    (void)state;
    Fx f;
    fx_start(&f, NULL);
    key(&f, KEY_SPACE, 0, 0);
    assert_int_equal(scene_update(f.s, 1.0), 1);
    assert_string_equal(scene_status(f.s), "x[0,1] = 0 scatters 0\xc2\xb7w into out[0:2, 2:4]");
    key(&f, KEY_SPACE, 0, 0);
    scene_update(f.s, 1.0);
    assert_int_equal(scene_update(f.s, 5.0), 0);
    assert_string_equal(scene_status(f.s), "x[0,1] = 0 scatters 0\xc2\xb7w into out[0:2, 2:4]");
    fx_close(&f);
}

/* s drawn whole, or word-wrapped over consecutive text commands. */
static void assert_text_wrapped(const DrawList *dl, const char *s)
{
    static char joined[1 << 16];
    size_t n = 0;
    for (int i = 0; i < dl->count && n + 2 < sizeof joined; i++)
        if (dl->cmds[i].kind == DRAW_TEXT)
            n += (size_t)snprintf(joined + n, sizeof joined - n, "%s ",
                                  draw_cmd_text(dl, &dl->cmds[i]));
    if (!strstr(joined, s))
        fail_msg("no text '%s' in the frame, whole or wrapped", s);
}

static void test_help_lists_every_key(void **state)
{
    (void)state;
    Fx f;
    fx_start(&f, NULL);
    frame(&f);
    assert_null(find_text(&f.dl, "Keys (? or Esc closes)"));
    key(&f, KEY_CHAR, '?', MOD_SHIFT);
    assert_text(&f.dl, "Keys (? or Esc closes)");
    for (int i = 0; i < keys_count(); i++) {
        assert_text(&f.dl, keys_entry(i)->label);
        assert_text_wrapped(&f.dl, keys_entry(i)->help);
    }
    key(&f, KEY_ESCAPE, 0, 0);
    assert_null(find_text(&f.dl, "Keys (? or Esc closes)"));
    key(&f, KEY_F1, 0, 0);
    assert_text(&f.dl, "Keys (? or Esc closes)");
    fx_close(&f);
}

static void test_app_requests(void **state)
{
    (void)state;
    Fx f;
    fx_start(&f, NULL);
    key(&f, KEY_F11, 0, 0);
    assert_true(scene_requests(f.s)->toggle_fullscreen);
    key(&f, KEY_F12, 0, 0);
    assert_true(scene_requests(f.s)->screenshot);
    assert_false(scene_requests(f.s)->quit);
    key(&f, KEY_CHAR, 'q', 0);
    assert_true(scene_requests(f.s)->quit);
    scene_requests(f.s)->quit = 0;
    key(&f, KEY_CHAR, 'q', MOD_CTRL);
    assert_true(scene_requests(f.s)->quit);
    fx_close(&f);
}

static void test_typing_a_value_edits_the_cell(void **state)
{
    (void)state;
    Fx f;
    fx_start(&f, NULL);
    frame(&f);
    click(&f, GRID_INPUT, 0, 0);
    key(&f, KEY_CHAR, '2', 0);
    assert_int_equal(scene_wants_text(f.s), 1);
    key(&f, KEY_CHAR, 'q', 0); /* typing: q does not quit and is not a number */
    assert_false(scene_requests(f.s)->quit);
    key(&f, KEY_CHAR, '.', 0);
    key(&f, KEY_CHAR, '5', 0);
    assert_text(&f.dl, "2.5_");
    key(&f, KEY_RETURN, 0, 0);
    assert_int_equal(scene_wants_text(f.s), 0);
    assert_string_equal(scene_status(f.s), "x[0,0] = 2.5 scatters 2.5\xc2\xb7w into out[0:2, 0:2]");
    assert_string_equal(cell_text(&f.dl, cell(&f, GRID_INPUT, 0, 0)), "2.5");
    /* Esc cancels */
    key(&f, KEY_CHAR, '7', 0);
    key(&f, KEY_ESCAPE, 0, 0);
    assert_string_equal(cell_text(&f.dl, cell(&f, GRID_INPUT, 0, 0)), "2.5");
    /* a kernel cell */
    click(&f, GRID_KERNEL, 0, 0);
    key(&f, KEY_CHAR, '-', 0);
    key(&f, KEY_CHAR, '1', 0);
    key(&f, KEY_RETURN, 0, 0);
    assert_string_equal(cell_text(&f.dl, cell(&f, GRID_KERNEL, 0, 0)), "-1");
    assert_string_equal(cell_text(&f.dl, cell(&f, GRID_CANVAS, 0, 0)), "-2.5");
    fx_close(&f);
}

static void test_presets_views_theme_and_granularity_keys(void **state)
{
    (void)state;
    Fx f;
    fx_start(&f, NULL);
    key(&f, KEY_CHAR, 'x', 0);
    assert_string_equal(scene_status(f.s), "x[0,0] = 1 scatters 1\xc2\xb7w into out[0:2, 0:2]");
    assert_text(&f.dl, "x: ones");
    key(&f, KEY_CHAR, 'x', 0);
    key(&f, KEY_CHAR, 'x', 0); /* random: the same numbers every run */
    char first[128];
    snprintf(first, sizeof first, "%s", scene_status(f.s));
    key(&f, KEY_CHAR, 'x', 0);
    key(&f, KEY_CHAR, 'x', 0);
    key(&f, KEY_CHAR, 'x', 0);
    key(&f, KEY_CHAR, 'x', 0);
    assert_string_equal(scene_status(f.s), first);

    key(&f, KEY_CHAR, 'v', 0);
    assert_int_equal(scene_step_count(f.s), 9);
    Rect r;
    assert_false(scene_cell_rect(f.s, GRID_PADDED, 0, 0, &r));
    key(&f, KEY_CHAR, 'v', 0);
    assert_int_equal(scene_step_count(f.s), 36);
    assert_false(scene_cell_rect(f.s, GRID_INPUT, 0, 0, &r));
    /* the matrix, gradient, channels, overlap, 1-D, stack and code views, each with its own timeline */
    static const struct {
        const char *name;
        int steps;
    } rest[] = {{"matrix", 36}, {"gradient", 36 + 4}, {"channels", 36}, {"overlap", 9},
                {"oned", 9},    {"stack", 9},        {"code", 9},         {"both", 45}};
    for (size_t i = 0; i < sizeof rest / sizeof *rest; i++) {
        key(&f, KEY_CHAR, 'v', 0);
        assert_int_equal(scene_step_count(f.s), rest[i].steps);
        assert_text(&f.dl, rest[i].name); /* the panel's view selector */
    }
    key(&f, KEY_CHAR, 'v', MOD_SHIFT); /* back */
    assert_text(&f.dl, "code");
    key(&f, KEY_CHAR, 'v', 0);

    Color bg = f.dl.cmds[0].color;
    key(&f, KEY_CHAR, 't', 0);
    assert_true(same_color(f.dl.cmds[0].color, theme_get(THEME_DARK)->bg));
    assert_false(same_color(f.dl.cmds[0].color, bg));

    key(&f, KEY_CHAR, 'g', 0); /* per multiply-add: 4 units per step */
    assert_int_equal(scene_step_count(f.s), 9 * 4 + 36 * 4);
    fx_close(&f);
}

static void test_multiply_add_granularity_adds_one_product(void **state)
{
    (void)state;
    Fx f;
    fx_start(&f, NULL);
    key(&f, KEY_CHAR, 'g', 0);
    scene_seek(f.s, 4 * 4 + 1); /* step 4, second product */
    frame(&f);
    assert_string_equal(scene_status(f.s), "product 2 of 4: x[1,1]\xc2\xb7w[0,1] = 1\xc2\xb7"
                                           "2 = 2 "
                                           "goes into out[2,3], which becomes 2");
    /* the first two products have landed, the last two not yet */
    assert_string_equal(cell_text(&f.dl, cell(&f, GRID_CANVAS, 2, 2)), "1");
    assert_string_equal(cell_text(&f.dl, cell(&f, GRID_CANVAS, 2, 3)), "2");
    assert_string_equal(cell_text(&f.dl, cell(&f, GRID_CANVAS, 3, 2)), "0");
    key(&f, KEY_CHAR, 'g', 0); /* per row */
    assert_string_equal(scene_status(f.s),
                        "row 1 of x: x[1,:] (3 elements) scatters into out[2:4, 0:6]");
    fx_close(&f);
}

/* ---- parameters ------------------------------------------------------------------------ */

static void test_parameter_keys_change_the_layer(void **state)
{
    (void)state;
    Fx f;
    fx_start(&f, NULL);
    key(&f, KEY_CHAR, 's', 0);
    assert_string_equal(
        header_call(&f),
        "tf.nn.conv2d_transpose(x, w, output_shape=[1, 9, 9, 1], strides=[3, 3], padding='SAME')");
    key(&f, KEY_CHAR, 's', MOD_SHIFT);
    key(&f, KEY_CHAR, 'o', 0); /* legal 5..6: from 6 the cycle wraps to 5 */
    assert_string_equal(
        header_call(&f),
        "tf.nn.conv2d_transpose(x, w, output_shape=[1, 5, 5, 1], strides=[2, 2], padding='SAME')");
    key(&f, KEY_CHAR, 'p', 0);
    assert_string_equal(
        header_call(&f),
        "tf.nn.conv2d_transpose(x, w, output_shape=[1, 6, 6, 1], strides=[2, 2], padding='VALID')");
    key(&f, KEY_CHAR, 'i', 0);
    assert_string_equal(
        header_call(&f),
        "tf.nn.conv2d_transpose(x, w, output_shape=[1, 8, 8, 1], strides=[2, 2], padding='VALID')");
    key(&f, KEY_CHAR, 'k', 0);
    key(&f, KEY_CHAR, 'd', 0);
    assert_string_equal(header_call(&f), "tf.nn.conv2d_transpose(x, w, output_shape=[1, 11, 11, 1], "
                                         "strides=[2, 2], padding='VALID', dilations=[2, 2])"
                                         "  # GPU only: TF's CPU kernels refuse dilations > 1.");
    fx_close(&f);
}

static void test_convention_toggle_converts_params_and_keeps_tensors(void **state)
{
    (void)state;
    Fx f;
    fx_start(&f, NULL);
    scene_seek(f.s, 4);
    key(&f, KEY_CHAR, 'c', 0);
    assert_string_equal(header_call(&f), "F.conv_transpose2d(x, w, stride=(2, 2), "
                                         "padding=(0, 0), output_padding=(0, 0))");
    assert_text(&f.dl,
                "x [1,1,3,3] NCHW  w [1,1,2,2] IOHW  y [1,1,6,6] NCHW  scatter 6x6, no crop");
    assert_string_equal(scene_status(f.s), "x[1,1] = 1 scatters 1\xc2\xb7w into out[2:4, 2:4]");
    key(&f, KEY_CHAR, 'c', 0);
    assert_string_equal(
        header_call(&f),
        "tf.nn.conv2d_transpose(x, w, output_shape=[1, 6, 6, 1], strides=[2, 2], padding='SAME')");
    /* PyTorch padding=1 has no SAME/VALID spelling: TF gets explicit padding */
    key(&f, KEY_CHAR, 'c', 0);
    key(&f, KEY_CHAR, 'p', 0);
    key(&f, KEY_CHAR, 'c', 0);
    assert_string_equal(header_call(&f), "tf.nn.conv2d_transpose(x, w, output_shape=[1, 4, 4, 1], "
                                         "strides=[2, 2], padding=[[0, 0], [1, 1], [1, 1], [0, 0]])");
    /* and back: the same geometry in PyTorch's words */
    key(&f, KEY_CHAR, 'c', 0);
    assert_string_equal(header_call(&f), "F.conv_transpose2d(x, w, stride=(2, 2), "
                                         "padding=(1, 1), output_padding=(0, 0))");
    fx_close(&f);
}

static void test_illegal_parameter_keeps_state_and_shows_core_message(void **state)
{
    (void)state;
    Fx f;
    fx_start(&f, NULL);
    key(&f, KEY_CHAR, 'c', 0);
    key(&f, KEY_CHAR, 'o', 0);
    const char *before =
        "F.conv_transpose2d(x, w, stride=(2, 2), padding=(0, 0), output_padding=(1, 1))";
    assert_string_equal(header_call(&f), before);
    scene_seek(f.s, 4);
    key(&f, KEY_CHAR, 'o', 0); /* output_padding 2 >= stride 2: PyTorch refuses */
    assert_string_equal(header_call(&f), before);
    assert_string_equal(scene_status(f.s), "x[1,1] = 1 scatters 1\xc2\xb7w into out[2:4, 2:4]");
    char msg[400];
    panel_message(&f, msg, sizeof msg);
    assert_string_equal(msg,
                        "output_padding height 2 must be smaller than stride (2) or dilation (1)");
    const DrawCmd *line = NULL;
    for (int i = 0; i < f.dl.count && !line; i++)
        if (f.dl.cmds[i].kind == DRAW_TEXT &&
            strncmp(draw_cmd_text(&f.dl, &f.dl.cmds[i]), "output_padding height", 21) == 0)
            line = &f.dl.cmds[i];
    assert_non_null(line);
    assert_true(same_color(line->color, theme_get(THEME_LIGHT)->error));

    /* a legal change clears the message */
    key(&f, KEY_CHAR, 'o', MOD_SHIFT);
    panel_message(&f, msg, sizeof msg);
    assert_string_equal(msg, "");
    /* below the visualizer's range */
    key(&f, KEY_CHAR, 'o', MOD_SHIFT);
    key(&f, KEY_CHAR, 's', MOD_SHIFT);
    key(&f, KEY_CHAR, 's', MOD_SHIFT);
    panel_message(&f, msg, sizeof msg);
    assert_string_equal(msg, "stride 0 is outside 1..8, the range the visualizer draws");
    assert_string_equal(header_call(&f), "F.conv_transpose2d(x, w, stride=(1, 1), "
                                         "padding=(0, 0), output_padding=(0, 0))");
    fx_close(&f);
}

static void test_panel_buttons_act_like_keys(void **state)
{
    (void)state;
    Fx f;
    fx_start(&f, NULL);
    frame(&f);
    const DrawCmd *torch = find_text(&f.dl, "PyTorch");
    assert_non_null(torch);
    f.in.mouse_x = torch->rect.x + torch->rect.w / 2;
    f.in.mouse_y = torch->rect.y + torch->rect.h / 2;
    f.in.mouse_pressed = f.in.mouse_down = 1;
    frame(&f);
    f.in.mouse_down = 0;
    f.in.mouse_released = 1;
    frame(&f);
    assert_string_equal(header_call(&f), "F.conv_transpose2d(x, w, stride=(2, 2), "
                                         "padding=(0, 0), output_padding=(0, 0))");
    fx_close(&f);
}

static void test_zoom_and_pan(void **state)
{
    (void)state;
    Fx f;
    fx_start(&f, NULL);
    Rect a = cell(&f, GRID_CANVAS, 0, 0);
    key(&f, KEY_CHAR, '+', MOD_SHIFT);
    Rect b = cell(&f, GRID_CANVAS, 0, 0);
    assert_true(b.w > a.w);
    key(&f, KEY_CHAR, '0', 0);
    b = cell(&f, GRID_CANVAS, 0, 0);
    assert_true(same_rect(a, b));
    f.in.wheel = -2; /* Ctrl+wheel down: zoom out */
    f.in.wheel_mods = MOD_CTRL;
    frame(&f);
    assert_true(cell(&f, GRID_CANVAS, 0, 0).w < a.w);
    key(&f, KEY_CHAR, '0', 0);

    /* Drag from an empty spot of the view: the grids follow the mouse. */
    Rect in = cell(&f, GRID_INPUT, 2, 0);
    f.in.mouse_x = in.x + 2;
    f.in.mouse_y = in.y + in.h + 20; /* between the input grid and the canvas caption */
    f.in.mouse_pressed = f.in.mouse_down = 1;
    frame(&f);
    f.in.mouse_x += 30;
    f.in.mouse_y += 12;
    frame(&f);
    f.in.mouse_down = 0;
    f.in.mouse_released = 1;
    frame(&f);
    b = cell(&f, GRID_CANVAS, 0, 0);
    assert_int_equal(b.x, a.x + 30);
    assert_int_equal(b.y, a.y + 12);
    fx_close(&f);
}

static void test_right_click_lets_go_of_the_pin(void **state)
{
    (void)state;
    Fx f;
    fx_start(&f, NULL);
    click(&f, GRID_INPUT, 1, 2);
    f.in.mouse_x = f.in.mouse_y = 2;
    f.in.right_pressed = 1;
    frame(&f);
    f.in.right_pressed = 0;
    frame(&f);
    assert_false(has_frame(&f.dl, cell(&f, GRID_CANVAS, 2, 4), theme_get(THEME_LIGHT)->link));
    fx_close(&f);
}

static void test_channel_keys_follow_the_scatter(void **state)
{
    (void)state;
    Err err = {0};
    SceneSetup s = {0};
    s.spec = (LayerSpec){.op = OP_CONV2D_TRANSPOSE,
                         .params = {.convention = CONV_TF, .stride = {2, 2}, .padding = PAD_SAME}};
    assert_int_equal(tensor_init(&s.input, LAYOUT_NHWC, (int[4]){1, 2, 2, 3}, &err), 0);
    for (size_t i = 0; i < tensor_count(&s.input); i++)
        s.input.data[i] = (float)i; /* NHWC: x[0,i,j,c] = (i*2 + j)*3 + c */
    Fx f;
    fx_start(&f, &s);
    tensor_free(&s.input);
    assert_int_equal(scene_step_count(f.s), 3 * 4 + 16);
    scene_seek(f.s, 1);
    frame(&f);
    assert_string_equal(scene_status(f.s),
                        "x[0,0,1,0] = 3 scatters 3\xc2\xb7w[:,:,:,0] into out[0:2, 2:4]");
    key(&f, KEY_CHAR, '.', 0); /* the same element of input channel 1 */
    assert_string_equal(scene_status(f.s),
                        "x[0,0,1,1] = 4 scatters 4\xc2\xb7w[:,:,:,1] into out[0:2, 2:4]");
    assert_text(&f.dl, "x ch 1/3");
    key(&f, KEY_CHAR, ',', 0);
    key(&f, KEY_CHAR, ',', 0); /* clamps at channel 0 */
    assert_string_equal(scene_status(f.s),
                        "x[0,0,1,0] = 3 scatters 3\xc2\xb7w[:,:,:,0] into out[0:2, 2:4]");
    fx_close(&f);
}

/* ---- data ----------------------------------------------------------------------------------- */

static void test_set_tensor_and_dropped_files(void **state)
{
    (void)state;
    Fx f;
    fx_start(&f, NULL);
    Err err = {0};
    Tensor x = {0};
    assert_int_equal(tensor_init(&x, LAYOUT_NCHW, (int[4]){1, 1, 4, 4}, &err), 0);
    assert_int_equal(scene_set_tensor(f.s, "input", &x, &err), -1); /* TF wants NHWC */
    assert_string_equal(err.msg, "input: expected a NHWC tensor");
    tensor_free(&x);
    assert_int_equal(tensor_init(&x, LAYOUT_NHWC, (int[4]){1, 4, 4, 1}, &err), 0);
    x.data[5] = 2.0f;
    assert_int_equal(scene_set_tensor(f.s, "input", &x, &err), 0);
    tensor_free(&x);
    frame(&f);
    assert_string_equal(
        header_call(&f),
        "tf.nn.conv2d_transpose(x, w, output_shape=[1, 8, 8, 1], strides=[2, 2], padding='SAME')");

    /* Drop a 3x3 .npy on the kernel grid: it becomes the kernel. */
    char dir[] = "/tmp/tcviz-ui-test-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[128], bad[128];
    snprintf(path, sizeof path, "%s/k.npy", dir);
    snprintf(bad, sizeof bad, "%s/bad.npy", dir);
    const float k[9] = {0, 0, 0, 0, 1, 0, 0, 0, 0};
    assert_int_equal(npy_write_f32(path, 2, (int[2]){3, 3}, k, &err), 0);
    FILE *fp = fopen(bad, "wb");
    fputs("not an npy file", fp);
    fclose(fp);
    Rect kc = cell(&f, GRID_KERNEL, 0, 0);
    f.in.mouse_x = kc.x + 2;
    f.in.mouse_y = kc.y + 2;
    f.in.dropped_file = path;
    frame(&f);
    assert_text(&f.dl,
                "x [1,4,4,1] NHWC  w [3,3,1,1] HWOI  y [1,8,8,1] NHWC  scatter 9x9, crop "
                "top 0, bottom 1, left 0, right 1");
    f.in.dropped_file = bad;
    frame(&f);
    assert_true(scene_requests(f.s)->message[0] != '\0');
    assert_non_null(strstr(scene_requests(f.s)->message, "bad.npy"));
    assert_text(&f.dl,
                "x [1,4,4,1] NHWC  w [3,3,1,1] HWOI  y [1,8,8,1] NHWC  scatter 9x9, crop "
                "top 0, bottom 1, left 0, right 1");
    unlink(path);
    unlink(bad);
    rmdir(dir);
    fx_close(&f);
}

static void test_create_refuses_bad_setups(void **state)
{
    (void)state;
    Err err = {0};
    SceneSetup s = {0};
    s.spec.op = OP_CONV2D;
    s.spec.params.stride[0] = 2;
    assert_null(scene_create(&s, measure, NULL, &err));
    assert_string_equal(err.msg, "scene: the visualizer shows conv2d_transpose, not conv2d");
    s = (SceneSetup){0};
    s.spec = (LayerSpec){.op = OP_CONV2D_TRANSPOSE,
                         .params = {.convention = CONV_TF, .stride = {2, 2}, .padding = PAD_SAME},
                         .size = {1, 9, 9, 1}};
    assert_null(scene_create(&s, measure, NULL, &err));
    assert_string_equal(err.msg,
                        "output_shape height 9 is illegal for input height 3 (stride 2, SAME): "
                        "expected 5..6");
}

/* ---- size and speed ------------------------------------------------------------------------ */

static void test_text_outside_cells_is_at_least_18px_at_1080p(void **state)
{
    (void)state;
    Fx f;
    fx_start(&f, NULL);
    f.in.width = 1920;
    f.in.height = 1080;
    scene_seek(f.s, 4);
    frame(&f);
    hover(&f, GRID_OUTPUT, 2, 3);
    for (int v = 0; v < VIEW_COUNT; v++) {
        scene_set_view(f.s, (ViewKind)v);
        frame(&f);
        for (int i = 0; i < f.dl.count; i++) {
            const DrawCmd *c = &f.dl.cmds[i];
            if (c->kind != DRAW_TEXT)
                continue;
            int in_cell = 0;
            for (int g = 0; g < GRID_COUNT; g++) {
                Rect a, b;
                int rows = 1, cols = 1;
                if (!scene_cell_rect(f.s, g, 0, 0, &a))
                    continue;
                while (scene_cell_rect(f.s, g, rows, 0, &b))
                    rows++;
                while (scene_cell_rect(f.s, g, 0, cols, &b))
                    cols++;
                scene_cell_rect(f.s, g, rows - 1, cols - 1, &b);
                in_cell |= c->rect.x >= a.x && c->rect.y >= a.y && c->rect.x < b.x + b.w &&
                           c->rect.y < b.y + b.h;
            }
            if (!in_cell && c->size_px < 18)
                fail_msg("view %d: '%s' is %d px", v, draw_cmd_text(&f.dl, c), c->size_px);
        }
    }
    fx_close(&f);
}

static void test_random_input_never_breaks_the_scene(void **state)
{
    (void)state;
    static const UiKeyPress keys[] = {
        {KEY_SPACE, 0, 0},
        {KEY_RIGHT, 0, 0},
        {KEY_LEFT, 0, 0},
        {KEY_HOME, 0, 0},
        {KEY_END, 0, 0},
        {KEY_RETURN, 0, 0},
        {KEY_ESCAPE, 0, 0},
        {KEY_BACKSPACE, 0, 0},
        {KEY_F1, 0, 0},
        {KEY_CHAR, '[', 0},
        {KEY_CHAR, ']', 0},
        {KEY_CHAR, 'g', 0},
        {KEY_CHAR, 'v', 0},
        {KEY_CHAR, 't', 0},
        {KEY_CHAR, 'm', 0},
        {KEY_CHAR, '+', 0},
        {KEY_CHAR, '-', 0},
        {KEY_CHAR, '0', 0},
        {KEY_CHAR, 'c', 0},
        {KEY_CHAR, 's', 0},
        {KEY_CHAR, 's', MOD_SHIFT},
        {KEY_CHAR, 'k', 0},
        {KEY_CHAR, 'k', MOD_SHIFT},
        {KEY_CHAR, 'i', 0},
        {KEY_CHAR, 'i', MOD_SHIFT},
        {KEY_CHAR, 'p', 0},
        {KEY_CHAR, 'p', MOD_SHIFT},
        {KEY_CHAR, 'o', 0},
        {KEY_CHAR, 'o', MOD_SHIFT},
        {KEY_CHAR, 'd', 0},
        {KEY_CHAR, 'd', MOD_SHIFT},
        {KEY_CHAR, '.', 0},
        {KEY_CHAR, ',', 0},
        {KEY_CHAR, '.', MOD_SHIFT},
        {KEY_CHAR, 'x', 0},
        {KEY_CHAR, 'w', 0},
        {KEY_CHAR, '7', 0},
        {KEY_CHAR, 'e', 0},
        {KEY_CHAR, 'v', MOD_SHIFT},
        {KEY_CHAR, 'v', 0},
        {KEY_CHAR, 'c', MOD_CTRL},
        {KEY_TAB, 0, 0},
        {KEY_UP, 0, 0},
        {KEY_DOWN, 0, 0},
    };
    const int n_keys = sizeof keys / sizeof *keys;
    Fx f;
    fx_start(&f, NULL);
    unsigned seed = 12345u;
#define RND(n) ((int)((seed = seed * 1103515245u + 12345u) >> 16) % (n))
    for (int i = 0; i < 3000; i++) {
        switch (RND(6)) {
        case 0:
        case 1: {
            UiKeyPress k = keys[RND(n_keys)];
            key(&f, k.code, k.ch, k.mods);
            break;
        }
        case 2: /* move, maybe press or release */
            f.in.mouse_x = RND(W + 40) - 20;
            f.in.mouse_y = RND(H + 40) - 20;
            f.in.mouse_pressed = RND(3) == 0;
            f.in.mouse_down = f.in.mouse_pressed || (f.in.mouse_down && RND(2));
            f.in.mouse_released = !f.in.mouse_down && RND(2);
            f.in.right_pressed = RND(20) == 0;
            frame(&f);
            f.in.right_pressed = 0;
            break;
        case 3:
            f.in.wheel = RND(5) - 2;
            f.in.wheel_mods = RND(2) ? MOD_CTRL : 0;
            frame(&f);
            break;
        case 4:
            scene_update(f.s, RND(100) / 50.0);
            frame(&f);
            break;
        default:
            if (RND(10) == 0) { /* resize, sometimes absurdly */
                f.in.width = 1 + RND(2500);
                f.in.height = 1 + RND(1500);
            }
            scene_seek(f.s, RND(scene_step_count(f.s) + 4) - 2);
            frame(&f);
            break;
        }
        assert_false(f.dl.oom);
        assert_true(f.dl.count > 0);
        assert_true(scene_status(f.s)[0] != '\0');
    }
#undef RND
    fx_close(&f);
}

static void test_frames_stay_small_and_reuse_the_list(void **state)
{
    (void)state;
    Fx f;
    fx_start(&f, NULL);
    frame(&f);
    assert_true(f.dl.count < 1000);

    /* The 28x28, 32-channel, 7x7 SAME example. */
    SceneSetup s;
    setup_28x28x32(&s);
    Fx big;
    fx_start(&big, &s);
    tensor_free(&s.input);
    tensor_free(&s.filter);
    scene_set_playing(big.s, 1);
    for (int i = 0; i < 5; i++) {
        scene_update(big.s, 1.0 / 60);
        frame(&big);
    }
    DrawCmd *cmds = big.dl.cmds;
    int cap = big.dl.cap;
    for (int i = 0; i < 200; i++) {
        scene_update(big.s, 1.0 / 60);
        frame(&big);
        assert_true(big.dl.count < 6000);
    }
    assert_ptr_equal(big.dl.cmds, cmds);
    assert_int_equal(big.dl.cap, cap);
    assert_false(big.dl.oom);
    fx_close(&big);
    fx_close(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_space_toggles_play),
        cmocka_unit_test(test_help_lists_every_key),
        cmocka_unit_test(test_app_requests),
        cmocka_unit_test(test_typing_a_value_edits_the_cell),
        cmocka_unit_test(test_presets_views_theme_and_granularity_keys),
        cmocka_unit_test(test_multiply_add_granularity_adds_one_product),
        cmocka_unit_test(test_parameter_keys_change_the_layer),
        cmocka_unit_test(test_convention_toggle_converts_params_and_keeps_tensors),
        cmocka_unit_test(test_illegal_parameter_keeps_state_and_shows_core_message),
        cmocka_unit_test(test_panel_buttons_act_like_keys),
        cmocka_unit_test(test_zoom_and_pan),
        cmocka_unit_test(test_right_click_lets_go_of_the_pin),
        cmocka_unit_test(test_channel_keys_follow_the_scatter),
        cmocka_unit_test(test_set_tensor_and_dropped_files),
        cmocka_unit_test(test_create_refuses_bad_setups),
        cmocka_unit_test(test_text_outside_cells_is_at_least_18px_at_1080p),
        cmocka_unit_test(test_random_input_never_breaks_the_scene),
        cmocka_unit_test(test_frames_stay_small_and_reuse_the_list),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
