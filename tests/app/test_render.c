/* test_render.c - render.c replaying DrawLists on the software renderer,
 * checked pixel by pixel: shapes land where the command says, clipping
 * clips, text stays in its measured box and aligns, glyphs are cached, alpha
 * blends. (A scene drawn whole is probed in test_render_scene.c.) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "render_fixture.h"

static const Color RED = {220, 30, 40, 255}, WHITE = {255, 255, 255, 255},
                   BLUE = {0, 0, 255, 255};

static void test_rect_covers_exactly_its_pixels(void **state)
{
    (void)state;
    Rfx f;
    rfx_open(&f, 200, 150);
    rfx_begin(&f);
    draw_rect(&f.dl, (Rect){10, 20, 30, 40}, RED);
    rfx_render(&f);
    assert_px(&f, 10, 20, RED);
    assert_px(&f, 39, 59, RED);
    assert_px(&f, 25, 40, RED);
    assert_px(&f, 9, 20, f.bg);
    assert_px(&f, 40, 20, f.bg);
    assert_px(&f, 10, 19, f.bg);
    assert_px(&f, 10, 60, f.bg);
    rfx_close(&f);
}

static void test_frame_is_drawn_inside_its_rect_and_leaves_the_middle(void **state)
{
    (void)state;
    Rfx f;
    rfx_open(&f, 200, 150);
    rfx_begin(&f);
    draw_frame(&f.dl, (Rect){50, 50, 40, 30}, WHITE, 3);
    rfx_render(&f);
    assert_px(&f, 50, 50, WHITE);  /* corner */
    assert_px(&f, 52, 65, WHITE);  /* left band: x 50..52 */
    assert_px(&f, 53, 65, f.bg);
    assert_px(&f, 87, 65, WHITE);  /* right band: x 87..89 */
    assert_px(&f, 86, 65, f.bg);
    assert_px(&f, 90, 65, f.bg);   /* nothing outside */
    assert_px(&f, 70, 52, WHITE);  /* top band */
    assert_px(&f, 70, 53, f.bg);
    assert_px(&f, 70, 77, WHITE);  /* bottom band: y 77..79 */
    assert_px(&f, 70, 80, f.bg);
    assert_px(&f, 70, 65, f.bg);   /* the middle stays background */
    rfx_close(&f);
}

static void test_clip_limits_drawing_until_cleared(void **state)
{
    (void)state;
    Rfx f;
    rfx_open(&f, 200, 200);
    rfx_begin(&f);
    draw_clip(&f.dl, (Rect){0, 0, 100, 100});
    draw_rect(&f.dl, (Rect){50, 50, 100, 100}, RED);
    draw_text(&f.dl, 90, 120, 20, WHITE, ALIGN_LEFT, "clipped away");
    draw_clip(&f.dl, (Rect){0, 0, 0, 0});
    draw_rect(&f.dl, (Rect){150, 150, 10, 10}, BLUE);
    rfx_render(&f);
    assert_px(&f, 99, 99, RED);
    assert_px(&f, 100, 99, f.bg);
    assert_px(&f, 99, 100, f.bg);
    assert_px(&f, 120, 120, f.bg);
    assert_px(&f, 155, 155, BLUE);
    for (int y = 100; y < 200; y++) /* the text's row is entirely outside the clip */
        for (int x = 0; x < 150; x++)
            if (!near(px(&f, x, y), f.bg, 0))
                fail_msg("clipped text drew at (%d,%d)", x, y);
    rfx_close(&f);
}

static void test_lines_have_their_thickness(void **state)
{
    (void)state;
    Rfx f;
    rfx_open(&f, 320, 160);
    rfx_begin(&f);
    draw_line(&f.dl, 20, 100, 120, 100, WHITE, 4); /* rows 98..101 */
    draw_line(&f.dl, 150, 10, 150, 60, RED, 1);
    draw_line(&f.dl, 200, 20, 300, 120, BLUE, 3);
    rfx_render(&f);
    for (int y = 98; y <= 101; y++)
        assert_px(&f, 70, y, WHITE);
    assert_px(&f, 70, 97, f.bg);
    assert_px(&f, 70, 102, f.bg);
    assert_px(&f, 20, 100, WHITE);
    assert_px(&f, 120, 100, WHITE);
    assert_px(&f, 121, 100, f.bg);
    assert_px(&f, 150, 30, RED);
    assert_px(&f, 151, 30, f.bg);
    assert_px(&f, 250, 70, BLUE);  /* on the diagonal */
    assert_px(&f, 251, 70, BLUE);  /* 3 px wide */
    assert_px(&f, 256, 70, f.bg);
    assert_px(&f, 244, 70, f.bg);
    rfx_close(&f);
}

/* The bounding box of pixels that differ from bg; returns their count. */
static int ink(const Rfx *f, int *x0, int *y0, int *x1, int *y1)
{
    int n = 0;
    *x0 = *y0 = 1 << 30;
    *x1 = *y1 = -1;
    for (int y = 0; y < f->surf->h; y++)
        for (int x = 0; x < f->surf->w; x++)
            if (!near(px(f, x, y), f->bg, 0)) {
                n++;
                *x0 = x < *x0 ? x : *x0;
                *y0 = y < *y0 ? y : *y0;
                *x1 = x > *x1 ? x : *x1;
                *y1 = y > *y1 ? y : *y1;
            }
    return n;
}

static void test_text_stays_inside_its_measured_box(void **state)
{
    (void)state;
    Rfx f;
    rfx_open(&f, 400, 120);
    const char *texts[] = {"x[1,1] = 1.5", "y[2,3] = x·w + 2°", "out[0:2] Wg_|", "wᵀ²→"};
    int sizes[] = {18, 24, 31};
    for (size_t t = 0; t < sizeof texts / sizeof *texts; t++)
        for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
            int size = sizes[s];
            rfx_begin(&f);
            draw_text(&f.dl, 20, 40, size, WHITE, ALIGN_LEFT, texts[t]);
            rfx_render(&f);
            int w = render_measure(f.r, size, texts[t]);
            int top = render_text_top(f.r, 40, size), h = render_text_height(f.r, size);
            int x0, y0, x1, y1;
            int n = ink(&f, &x0, &y0, &x1, &y1);
            if (n < 3 * size) /* real glyphs, not a dot */
                fail_msg("'%s' at %d px: only %d ink pixels", texts[t], size, n);
            /* Ink may touch one pixel past the last advance (the glyph
             * bitmap's antialiased edge), never more. */
            if (x0 < 20 || x1 > 20 + w || y0 < top || y1 > top + h)
                fail_msg("'%s' at %d px: ink %d..%d x %d..%d, box %d..%d x %d..%d", texts[t],
                         size, x0, x1, y0, y1, 20, 20 + w - 1, top, top + h - 1);
            /* and it fills the box: starts near the left, ends near the right */
            assert_true(x0 <= 20 + size / 3);
            assert_true(x1 >= 20 + w - size / 2);
        }
    rfx_close(&f);
}

static void test_center_and_right_alignment_use_the_box_width(void **state)
{
    (void)state;
    Rfx f;
    rfx_open(&f, 400, 100);
    const char *s = "0.25";
    int w = render_measure(f.r, 24, s), x0, y0, x1, y1;

    rfx_begin(&f);
    draw_text_box(&f.dl, (Rect){100, 30, 200, 24}, 24, WHITE, ALIGN_CENTER, s);
    rfx_render(&f);
    ink(&f, &x0, &y0, &x1, &y1);
    int left = 100 + (200 - w) / 2;
    assert_in_range(x0, left, left + w);
    assert_in_range(x1, left, left + w);
    /* centred: the ink's middle is the box's middle, give or take the
     * glyphs' side bearings */
    assert_in_range((x0 + x1) / 2, 200 - 3, 200 + 3);

    rfx_begin(&f);
    draw_text_box(&f.dl, (Rect){100, 30, 200, 24}, 24, WHITE, ALIGN_RIGHT, s);
    rfx_render(&f);
    ink(&f, &x0, &y0, &x1, &y1);
    assert_in_range(x1, 300 - w / 4, 300);
    assert_in_range(x0, 300 - w, 300 - w / 2);
    rfx_close(&f);
}

static void test_measure_grows_with_length_and_size(void **state)
{
    (void)state;
    Rfx f;
    rfx_open(&f, 64, 64);
    int a = render_measure(f.r, 18, "ab"), b = render_measure(f.r, 18, "abcd");
    assert_true(a > 0);
    assert_int_equal(b, 2 * a); /* a monospace font: every advance the same */
    assert_true(render_measure(f.r, 36, "ab") > a);
    assert_true(render_measure(f.r, 36, "ab") >= 2 * a - 2);
    /* a UTF-8 sequence is one glyph, not one per byte */
    assert_int_equal(render_measure(f.r, 18, "a·"), a);
    assert_int_equal(render_measure(f.r, 18, "ᵀ²"), a);
    assert_int_equal(render_measure(f.r, 18, ""), 0);
    /* malformed UTF-8 still terminates and measures something */
    assert_true(render_measure(f.r, 18, "\xC3") > 0);
    rfx_close(&f);
}

static void test_second_draw_of_the_same_text_rasterises_nothing(void **state)
{
    (void)state;
    Rfx f;
    rfx_open(&f, 300, 80);
    long before = render_glyphs_rasterized(f.r);
    (void)render_measure(f.r, 22, "y = 1.5·w");
    assert_int_equal(render_glyphs_rasterized(f.r), before); /* measuring needs no bitmaps */
    rfx_begin(&f);
    draw_text(&f.dl, 5, 5, 22, WHITE, ALIGN_LEFT, "y = 1.5·w");
    rfx_render(&f);
    long first = render_glyphs_rasterized(f.r), textures = render_glyph_textures(f.r);
    assert_int_equal(first - before, 7); /* y = 1 . 5 · w: spaces have no bitmap */
    rfx_begin(&f);
    draw_text(&f.dl, 5, 5, 22, WHITE, ALIGN_LEFT, "y = 1.5·w");
    rfx_render(&f);
    assert_int_equal(render_glyph_textures(f.r), textures); /* same colour: same textures */
    rfx_begin(&f);
    draw_text(&f.dl, 50, 40, 22, RED, ALIGN_LEFT, "y = 1.5·w");
    draw_text(&f.dl, 5, 40, 22, BLUE, ALIGN_LEFT, "w·y");
    rfx_render(&f);
    assert_int_equal(render_glyphs_rasterized(f.r), first);
    /* the recoloured glyph really has the new colour */
    int reds = 0;
    for (int y = 40; y < 70; y++)
        for (int x = 50; x < 250; x++)
            reds += near(px(&f, x, y), RED, 0);
    assert_true(reds > 20);
    rfx_close(&f);
}

static void test_alpha_blends_over_what_is_below(void **state)
{
    (void)state;
    Rfx f;
    rfx_open(&f, 100, 100);
    f.bg = (Color){0, 0, 0, 255};
    rfx_begin(&f);
    draw_rect(&f.dl, (Rect){0, 0, 50, 50}, (Color){255, 255, 255, 128});
    draw_rect(&f.dl, (Rect){50, 0, 50, 50}, (Color){200, 0, 0, 255});
    draw_rect(&f.dl, (Rect){50, 0, 50, 50}, (Color){0, 0, 200, 64});
    draw_frame(&f.dl, (Rect){0, 60, 40, 40}, (Color){255, 255, 255, 51}, 2);
    rfx_render(&f);
    assert_true(near(px(&f, 10, 10), (Color){128, 128, 128, 255}, 2));
    assert_true(near(px(&f, 70, 10), (Color){150, 0, 50, 255}, 2));
    assert_true(near(px(&f, 0, 60), (Color){51, 51, 51, 255}, 2));
    assert_px(&f, 20, 80, f.bg);
    rfx_close(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rect_covers_exactly_its_pixels),
        cmocka_unit_test(test_frame_is_drawn_inside_its_rect_and_leaves_the_middle),
        cmocka_unit_test(test_clip_limits_drawing_until_cleared),
        cmocka_unit_test(test_lines_have_their_thickness),
        cmocka_unit_test(test_text_stays_inside_its_measured_box),
        cmocka_unit_test(test_center_and_right_alignment_use_the_box_width),
        cmocka_unit_test(test_measure_grows_with_length_and_size),
        cmocka_unit_test(test_second_draw_of_the_same_text_rasterises_nothing),
        cmocka_unit_test(test_alpha_blends_over_what_is_below),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
