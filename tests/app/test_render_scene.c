/* test_render_scene.c - the whole default scene drawn by render.c on the
 * software renderer, probed against the scene's own geometry: every cell's
 * pixels are what its draw commands say (composited independently here),
 * the current input element carries the highlight colour, numbers are
 * really drawn in cells, and a steady frame rasterises no glyph. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "render_fixture.h"
#include "ui/layout.h"
#include "ui/scene.h"
#include "ui/theme.h"

#define W 1600
#define H 900

typedef struct {
    Rfx f;
    Scene *s;
    UiInput in;
} SceneFx;

static void open_scene(SceneFx *x)
{
    rfx_open(&x->f, W, H);
    SceneSetup setup = {0};
    Err err = {0};
    x->s = scene_create(&setup, render_measure, x->f.r, &err);
    if (!x->s)
        fail_msg("scene_create: %s", err.msg);
    x->in = (UiInput){.width = W, .height = H, .scale = 1.0f, .mouse_x = -100, .mouse_y = -100};
}

static void draw_scene(SceneFx *x)
{
    scene_handle_input(x->s, &x->in);
    scene_draw(x->s, &x->in, &x->f.dl);
    SDL_SetRenderDrawColor(x->f.sdl, 0, 0, 0, 255);
    SDL_RenderClear(x->f.sdl);
    rfx_render(&x->f);
}

static void close_scene(SceneFx *x)
{
    scene_free(x->s);
    rfx_close(&x->f);
}

static int inside(Rect r, int x, int y)
{
    return x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

static Color over(Color dst, Color src)
{
    int a = src.a;
    return (Color){(Uint8)((src.r * a + dst.r * (255 - a)) / 255),
                   (Uint8)((src.g * a + dst.g * (255 - a)) / 255),
                   (Uint8)((src.b * a + dst.b * (255 - a)) / 255), 255};
}

/* The colour the list gives pixel (x, y), composited from its rects and
 * frames; 0 when a line or text may touch the pixel (not predicted here). */
static int predict(Renderer *r, const DrawList *dl, int x, int y, Color *out)
{
    Color c = {0, 0, 0, 255};
    Rect clip = {0, 0, W, H};
    for (int i = 0; i < dl->count; i++) {
        const DrawCmd *k = &dl->cmds[i];
        Rect q = k->rect;
        switch (k->kind) {
        case DRAW_CLIP:
            clip = q.w > 0 && q.h > 0 ? q : (Rect){0, 0, W, H};
            break;
        case DRAW_RECT:
            if (inside(q, x, y) && inside(clip, x, y))
                c = over(c, k->color);
            break;
        case DRAW_FRAME: {
            int t = k->thickness;
            Rect hole = {q.x + t, q.y + t, q.w - 2 * t, q.h - 2 * t};
            if (inside(q, x, y) && !inside(hole, x, y) && inside(clip, x, y))
                c = over(c, k->color);
            break;
        }
        case DRAW_LINE: {
            int x0 = q.w < 0 ? q.x + q.w : q.x, y0 = q.h < 0 ? q.y + q.h : q.y, t = k->thickness;
            Rect box = {x0 - t - 1, y0 - t - 1, abs(q.w) + 2 * t + 3, abs(q.h) + 2 * t + 3};
            if (inside(box, x, y) && inside(clip, x, y))
                return 0;
            break;
        }
        case DRAW_TEXT: {
            const char *s = draw_cmd_text(dl, k);
            int w = render_measure(r, k->size_px, s);
            int tx = k->align == ALIGN_CENTER  ? q.x + (q.w - w) / 2
                     : k->align == ALIGN_RIGHT ? q.x + q.w - w
                                               : q.x;
            Rect box = {tx - 1, render_text_top(r, q.y, k->size_px) - 1, w + 3,
                        render_text_height(r, k->size_px) + 3};
            if (inside(box, x, y) && inside(clip, x, y))
                return 0;
            break;
        }
        }
    }
    *out = c;
    return 1;
}

static void test_every_cell_has_the_colour_its_commands_give(void **state)
{
    (void)state;
    SceneFx x;
    open_scene(&x);
    int steps[] = {0, 4, 8, scene_step_count(x.s) - 1};
    int probes = 0;
    for (size_t k = 0; k < sizeof steps / sizeof *steps; k++) {
        scene_seek(x.s, steps[k]);
        draw_scene(&x);
        for (int g = 0; g < GRID_COUNT; g++)
            for (int row = 0; row < 64; row++)
                for (int col = 0; col < 64; col++) {
                    Rect c;
                    if (!scene_cell_rect(x.s, g, row, col, &c))
                        break;
                    int pts[5][2] = {{c.x + 4, c.y + 4}, {c.x + c.w - 5, c.y + 4},
                                     {c.x + 4, c.y + c.h - 5}, {c.x + c.w - 5, c.y + c.h - 5},
                                     {c.x + c.w / 2, c.y + c.h / 2}};
                    for (int p = 0; p < 5; p++) {
                        Color want;
                        int px_x = pts[p][0], px_y = pts[p][1];
                        if (px_x < 0 || px_y < 0 || px_x >= W || px_y >= H ||
                            !predict(x.f.r, &x.f.dl, px_x, px_y, &want))
                            continue;
                        Color got = px(&x.f, px_x, px_y);
                        if (!near(got, want, 3))
                            fail_msg("step %d grid %d cell (%d,%d) pixel (%d,%d) is %d,%d,%d, "
                                     "its commands give %d,%d,%d",
                                     steps[k], g, row, col, px_x, px_y, got.r, got.g, got.b, want.r,
                                     want.g, want.b);
                        probes++;
                    }
                }
    }
    assert_true(probes > 200); /* the default example has 3x3 + 2x2 + 6x6 + ... cells */
    close_scene(&x);
}

static void test_current_input_element_is_outlined_in_the_highlight_colour(void **state)
{
    (void)state;
    SceneFx x;
    open_scene(&x);
    Color hl = scene_highlight_color(x.s);
    for (int k = 0; k < 9; k++) {
        scene_seek(x.s, k);
        draw_scene(&x);
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) {
                Rect c;
                assert_true(scene_cell_rect(x.s, GRID_INPUT, i, j, &c));
                /* the left edge, half way down: on the cell's outline */
                int on = near(px(&x.f, c.x, c.y + c.h / 2), hl, 2);
                if (on != (i * 3 + j == k))
                    fail_msg("step %d: input cell (%d,%d) %s the highlight", k, i, j,
                             on ? "has" : "lacks");
            }
    }
    close_scene(&x);
}

/* Pixels in r far (> 60 per channel sum) from the colour at r's corner. */
static int marks_in(const Rfx *f, Rect r)
{
    Color fill = px(f, r.x + 4, r.y + 4);
    int n = 0;
    for (int y = r.y + 3; y < r.y + r.h - 3; y++)
        for (int x = r.x + 3; x < r.x + r.w - 3; x++) {
            Color c = px(f, x, y);
            n += abs(c.r - fill.r) + abs(c.g - fill.g) + abs(c.b - fill.b) > 60;
        }
    return n;
}

static void test_cells_with_values_show_numbers(void **state)
{
    (void)state;
    SceneFx x;
    open_scene(&x);
    scene_seek(x.s, 4);
    draw_scene(&x);
    Rect c;
    /* x (all given), and canvas out[0,4] = 1.5 after step 4 */
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) {
            assert_true(scene_cell_rect(x.s, GRID_INPUT, i, j, &c));
            assert_true(marks_in(&x.f, c) > 15);
        }
    assert_true(scene_cell_rect(x.s, GRID_CANVAS, 0, 4, &c));
    assert_true(marks_in(&x.f, c) > 15);
    close_scene(&x);
}

static void test_a_steady_frame_rasterises_no_glyph_and_makes_no_texture(void **state)
{
    (void)state;
    SceneFx x;
    open_scene(&x);
    scene_seek(x.s, 5);
    draw_scene(&x);
    draw_scene(&x);
    long n = render_glyphs_rasterized(x.f.r), t = render_glyph_textures(x.f.r);
    assert_true(n > 20);
    assert_true(t >= n);
    draw_scene(&x);
    assert_int_equal(render_glyphs_rasterized(x.f.r), n);
    assert_int_equal(render_glyph_textures(x.f.r), t);
    close_scene(&x);
}

/* In every theme, on screen: a padding cell and an inserted zero of the
 * conv2d-equivalent's input are the theme's two colours, at least 50 apart
 * (close colours would read as one grey in the dark theme). */
static void test_padding_and_inserted_zeros_differ_on_screen(void **state)
{
    (void)state;
    for (int k = 0; k < THEME_COUNT; k++) {
        SceneFx x;
        rfx_open(&x.f, W, H);
        SceneSetup setup = {.theme = (ThemeKind)k, .view = VIEW_CONV2D};
        Err err = {0};
        x.s = scene_create(&setup, render_measure, x.f.r, &err);
        if (!x.s)
            fail_msg("scene_create: %s", err.msg);
        x.in = (UiInput){.width = W, .height = H, .scale = 1.0f, .mouse_x = -100, .mouse_y = -100};
        draw_scene(&x);
        /* 3x3 -> 7x7: ring 0 is padding; row 2 lies between input rows */
        Rect pad, zero;
        assert_true(scene_cell_rect(x.s, GRID_PADDED, 0, 2, &pad));
        assert_true(scene_cell_rect(x.s, GRID_PADDED, 2, 2, &zero));
        const Theme *th = theme_get((ThemeKind)k);
        Color a = px(&x.f, pad.x + 4, pad.y + 4), b = px(&x.f, zero.x + 4, zero.y + 4);
        assert_true(near(a, th->pad_ring, 2));
        assert_true(near(b, th->inserted_zero, 2));
        int dr = a.r - b.r, dg = a.g - b.g, db = a.b - b.b;
        assert_true(dr * dr + dg * dg + db * db >= 50 * 50);
        close_scene(&x);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_padding_and_inserted_zeros_differ_on_screen),
        cmocka_unit_test(test_every_cell_has_the_colour_its_commands_give),
        cmocka_unit_test(test_current_input_element_is_outlined_in_the_highlight_colour),
        cmocka_unit_test(test_cells_with_values_show_numbers),
        cmocka_unit_test(test_a_steady_frame_rasterises_no_glyph_and_makes_no_texture),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
