/* test_view_channels.c - the channels view: each input channel's
 * contribution to the current output cell (computed here by brute force)
 * is shown in its tile and they add up to the output; the rotated strip is
 * the stored strip turned by 180 degrees slice by slice; tiles select input
 * channels, > selects the output channel; and the source question's
 * 28x28, 32-channel, 7x7 SAME layer stays cheap per frame in every view. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>


#include "scene_fixture.h"
#include "core/vocab.h"
#include "ui/text.h"

/* 4x4 input with 3 channels, 3x3 kernel to 2 channels, stride 2, SAME:
 * 8x8 output, the forward conv pads 0 before. */
static float xv(int i, int j, int c)
{
    return (float)((((i * 4 + j) * 3 + c) % 5) - 2);
}
static float wv(int a, int b, int o, int i)
{
    return (float)(((((a * 3 + b) * 2 + o) * 3 + i) % 7) - 3);
}

static void open_channels(Fx *f)
{
    Err err = {0};
    SceneSetup s = {0};
    s.spec = (LayerSpec){.op = OP_CONV2D_TRANSPOSE,
                         .params = {.convention = CONV_TF, .stride = {2, 2}, .padding = PAD_SAME}};
    assert_int_equal(tensor_init(&s.input, LAYOUT_NHWC, (int[4]){1, 4, 4, 3}, &err), 0);
    assert_int_equal(tensor_init(&s.filter, LAYOUT_HWOI, (int[4]){3, 3, 2, 3}, &err), 0);
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 4; j++)
            for (int c = 0; c < 3; c++)
                s.input.data[(i * 4 + j) * 3 + c] = xv(i, j, c);
    for (int a = 0; a < 3; a++)
        for (int b = 0; b < 3; b++)
            for (int o = 0; o < 2; o++)
                for (int i = 0; i < 3; i++)
                    s.filter.data[((a * 3 + b) * 2 + o) * 3 + i] = wv(a, b, o, i);
    s.view = VIEW_CHANNELS;
    s.reduced_motion = 1; /* the slices are shown turned at once */
    fx_start(f, &s);
    tensor_free(&s.input);
    tensor_free(&s.filter);
    frame(f);
}

/* Input channel ci's share of y[o][oy,ox]: the scatter's products. */
static float share(int ci, int o, int oy, int ox)
{
    float acc = 0;
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 4; j++)
            for (int a = 0; a < 3; a++)
                for (int b = 0; b < 3; b++)
                    if (2 * i + a == oy && 2 * j + b == ox)
                        acc += xv(i, j, ci) * wv(a, b, o, ci);
    return acc;
}

static Rect tile(Fx *f, int grid, int ci, int rows)
{
    Rect a = cell(f, grid, 0, ci * 4), b = cell(f, grid, rows - 1, ci * 4 + 2);
    return (Rect){a.x, a.y, b.x + b.w - a.x, b.y + b.h - a.y};
}

static void test_channel_sums_add_up_to_the_output(void **state)
{
    (void)state;
    Fx f;
    open_channels(&f);
    assert_int_equal(scene_step_count(f.s), 2 * 8 * 8);
    scene_seek(f.s, 3 * 8 + 4); /* y[0,3,4,0] */
    frame(&f);
    char want[256], num[32], cell_num[32];
    float total = 0;
    snprintf(
        want, sizeof want,
        "y[0,3,4,0] = sum over 3 input channels of window\xc2\xb7rot180(transpose(w)[0, ci]) = ");
    for (int ci = 0; ci < 3; ci++) {
        float v = share(ci, 0, 3, 4);
        total += v;
        vocab_number(num, sizeof num, v);
        snprintf(want + strlen(want), sizeof want - strlen(want), "%s%s", ci ? " + " : "", num);
        format_cell_number(cell_num, sizeof cell_num, v);
        assert_string_equal(cell_text(&f.dl, tile(&f, GRID_CH_SUMS, ci, 2)), cell_num);
    }
    vocab_number(num, sizeof num, total);
    snprintf(want + strlen(want), sizeof want - strlen(want), " = %s", num);
    assert_string_equal(scene_status(f.s), want);
    assert_true(has_frame(&f.dl, cell(&f, GRID_CH_OUTPUT, 3, 4), scene_highlight_color(f.s)));
    /* the output cell in its value colour, on the scale of the whole 9x9 canvas */
    float vmax = 0;
    for (int o = 0; o < 2; o++)
        for (int y = 0; y < 9; y++)
            for (int x = 0; x < 9; x++) {
                float v = share(0, o, y, x) + share(1, o, y, x) + share(2, o, y, x);
                vmax = v > vmax ? v : -v > vmax ? -v : vmax;
            }
    assert_true(has_fill(&f.dl, cell(&f, GRID_CH_OUTPUT, 3, 4),
                         theme_value_color(theme_get(THEME_LIGHT), total, vmax)));
    /* > : the same cell of output channel 1 */
    key(&f, KEY_CHAR, '.', MOD_SHIFT);
    assert_int_equal(strncmp(scene_status(f.s), "y[0,3,4,1] = sum over 3 input channels", 38), 0);
    format_cell_number(num, sizeof num, share(2, 1, 3, 4));
    assert_string_equal(cell_text(&f.dl, tile(&f, GRID_CH_SUMS, 2, 2)), num);
    fx_close(&f);
}

static void test_rotated_strip_is_each_slice_turned_and_tiles_select_channels(void **state)
{
    (void)state;
    Fx f;
    open_channels(&f);
    const Theme *th = theme_get(THEME_LIGHT);
    for (int ci = 0; ci < 3; ci++)
        for (int a = 0; a < 3; a++)
            for (int b = 0; b < 3; b++) {
                Rect stored = cell(&f, GRID_CH_W, a, ci * 4 + b);
                Rect turned = cell(&f, GRID_CH_ROT, a, ci * 4 + b);
                assert_true(has_fill(&f.dl, stored, theme_value_color(th, wv(a, b, 0, ci), 3.0f)));
                assert_true(
                    has_fill(&f.dl, turned, theme_value_color(th, wv(2 - a, 2 - b, 0, ci), 3.0f)));
            }
    assert_true(frame_says(&f.dl, "p[0] (input ch 0, padded)"));
    click(&f, GRID_CH_W, 1, 2 * 4 + 1);
    assert_true(frame_says(&f.dl, "p[2] (input ch 2, padded)"));
    assert_true(has_frame(&f.dl, rect_inset(tile(&f, GRID_CH_ROT, 2, 3), -2), th->link));
    hover(&f, GRID_CH_ROT, 0, 1 * 4 + 2);
    assert_text(&f.dl, "rot180 slice [0,2] = w[2,0,0,1] = -1");
    fx_close(&f);
}

/* 32 input channels of 7x7 slices: the strips show a window of 11 tiles
 * (one and a half times the 34 + 28 columns of p and y, 8 columns a tile)
 * around the selected channel, say which, and clicks select the channel
 * under the tile whichever part of the window is shown. */
static void test_many_channels_show_a_window_around_the_selected_one(void **state)
{
    (void)state;
    SceneSetup s;
    setup_28x28x32(&s); /* filter HWOI: w = (i % 5) - 2 at i = (a*7 + b)*32 + ci */
    s.view = VIEW_CHANNELS;
    s.reduced_motion = 1;
    Fx f;
    fx_start(&f, &s);
    tensor_free(&s.input);
    tensor_free(&s.filter);
    const Theme *th = theme_get(THEME_LIGHT);
    Rect r;
    assert_true(scene_cell_rect(f.s, GRID_CH_W, 6, 11 * 8 - 2, &r)); /* last cell of tile 10 */
    assert_false(scene_cell_rect(f.s, GRID_CH_W, 0, 11 * 8 - 1, &r));
    assert_true(frame_says(&f.dl, "ci 0..10"));
    /* tiles are large enough for their numbers at 1600x900 */
    assert_true(cell(&f, GRID_CH_W, 0, 0).w >= 8);
    for (int i = 0; i < 20; i++)
        key(&f, KEY_CHAR, '.', 0);
    assert_true(frame_says(&f.dl, "p[20] (input ch 20, padded)"));
    assert_true(frame_says(&f.dl, "ci 15..25")); /* 20 in the middle */
    for (int i = 0; i < 11; i++) {
        int ci = 15 + i, a = 3, b = 4;
        float v = (float)((((a * 7 + b) * 32 + ci) % 5) - 2);
        assert_true(
            has_fill(&f.dl, cell(&f, GRID_CH_W, a, i * 8 + b), theme_value_color(th, v, 2.0f)));
    }
    click(&f, GRID_CH_W, 1, 2 * 8 + 1); /* the third tile shown: channel 17 */
    assert_true(frame_says(&f.dl, "p[17] (input ch 17, padded)"));
    assert_true(frame_says(&f.dl, "ci 12..22"));
    /* the selected channel's tile, now the sixth shown, is marked in every strip */
    Rect a = cell(&f, GRID_CH_ROT, 0, 5 * 8), z = cell(&f, GRID_CH_ROT, 6, 5 * 8 + 6);
    Rect t = {a.x, a.y, z.x + z.w - a.x, z.y + z.h - a.y};
    assert_true(has_frame(&f.dl, rect_inset(t, -2), th->link));
    hover(&f, GRID_CH_W, 0, 5 * 8);
    assert_text(&f.dl, "w[0,0,0,17] = 0"); /* (17 % 5) - 2 */
    fx_close(&f);
}

/* ---- size of a frame ------------------------------------------------------------------ */

/* The largest draw list of a playing timeline. Time per frame is measured by
 * `tcviz bench render`, not here: a timed test fails on a busy machine. */
static int max_commands(Fx *f)
{
    int max_cmds = 0;
    scene_set_playing(f->s, 1);
    for (int i = 0; i < 61; i++) {
        scene_update(f->s, 1.0 / 60);
        frame(f);
        max_cmds = f->dl.count > max_cmds ? f->dl.count : max_cmds;
    }
    return max_cmds;
}

static void test_every_view_draws_the_28x28x32_layer_compactly(void **state)
{
    (void)state;
    SceneSetup s;
    setup_28x28x32(&s);
    for (int v = 0; v < VIEW_COUNT; v++) {
        s.view = (ViewKind)v;
        Fx f;
        fx_start(&f, &s);
        /* A bounded command list keeps the renderer's share bounded. */
        int cmds = max_commands(&f);
        if (cmds > 8000)
            fail_msg("view %s: %d draw commands", scene_view_name((ViewKind)v), cmds);
        assert_false(f.dl.oom);
        fx_close(&f);
    }
    tensor_free(&s.input);
    tensor_free(&s.filter);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_channel_sums_add_up_to_the_output),
        cmocka_unit_test(test_rotated_strip_is_each_slice_turned_and_tiles_select_channels),
        cmocka_unit_test(test_many_channels_show_a_window_around_the_selected_one),
        cmocka_unit_test(test_every_view_draws_the_28x28x32_layer_compactly),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
