/* test_svg_writer.c - a hand-made DrawList written as SVG and read back
 * with libxml2: every command becomes the element drawing the pixels
 * render.c draws (a frame's stroke centred inside its rect, a line's strip
 * one px longer than its segment), text is decoded back to the bytes the ui
 * drew, sits on the baseline the callback gives and carries the spacing
 * that makes it as wide as the ui measured it; a crop becomes the viewBox. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>

#include "app/svg_writer.h"
#include "svg_doc.h"

/* The list written with opts, read back into d; the raw text in *svg. */
static void write_read(const DrawList *dl, const SvgOptions *opts, SvgDoc *d, char **svg)
{
    size_t len = 0;
    FILE *f = open_memstream(svg, &len);
    assert_non_null(f);
    assert_int_equal(svg_write(f, dl, 200, 100, opts), 0);
    assert_int_equal(fclose(f), 0);
    svg_doc_parse(*svg, len, d);
}

static int baseline_plus_3(void *user, int size_px)
{
    (void)user;
    return size_px + 3;
}

/* 7 px per code point: DejaVu Sans Mono's advance at 10 px is 6.02 px. */
static int seven_each(void *user, int size_px, const char *text)
{
    (void)user;
    (void)size_px;
    int n = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        n += (*p & 0xC0) != 0x80;
    return 7 * n;
}

static void test_every_command_kind(void **state)
{
    (void)state;
    DrawList dl = {0};
    draw_begin(&dl);
    draw_rect(&dl, (Rect){0, 0, 200, 100}, (Color){246, 246, 243, 255});
    draw_clip(&dl, (Rect){10, 10, 80, 50});
    draw_frame(&dl, (Rect){10, 10, 40, 20}, (Color){0, 128, 0, 255}, 3);
    draw_line(&dl, 10, 40, 60, 40, (Color){0, 0, 0, 128}, 1);
    draw_clip(&dl, (Rect){0, 0, 0, 0});
    draw_line(&dl, 0, 0, 30, 20, (Color){255, 0, 0, 255}, 2);
    draw_text_box(&dl, (Rect){100, 20, 41, 10}, 10, (Color){1, 2, 3, 255}, ALIGN_CENTER,
                  "a<b & \"c\"");
    draw_text(&dl, 150, 60, 12, (Color){0, 0, 0, 255}, ALIGN_LEFT, "y\xc2\xb7w\x01");
    draw_text(&dl, 150, 80, 12, (Color){0, 0, 0, 0}, ALIGN_LEFT, "invisible");
    assert_false(dl.oom);

    SvgOptions o = {.baseline = baseline_plus_3, .measure = seven_each};
    SvgDoc d;
    char *svg = NULL;
    write_read(&dl, &o, &d, &svg);
    assert_int_equal(d.width, 200);
    assert_int_equal(d.height, 100);
    assert_string_equal(d.view_box, "0 0 200 100");
    assert_true(d.full_rect);
    assert_int_equal(d.n_rect, 3); /* background, frame, the clip's own rect */
    assert_int_equal(d.n_line, 2);
    assert_int_equal(d.n_clip_path, 1);
    assert_int_equal(d.n_group, 2); /* the font group and the clipped group */
    /* frame: 3 px stroke centred 1.5 px inside its rect */
    assert_non_null(strstr(svg, "<rect x=\"11.5\" y=\"11.5\" width=\"37\" height=\"17\" "
                               "fill=\"none\" stroke-width=\"3\" stroke=\"#008000\"/>"));
    /* a 1 px line at y 40 fills row 40, columns 10..60: centred on 40.5 */
    assert_non_null(strstr(svg, "<line x1=\"10\" y1=\"40.5\" x2=\"61\" y2=\"40.5\" "
                               "stroke-width=\"1\" stroke=\"#000000\" stroke-opacity=\"0.502\"/>"));
    /* a diagonal through pixel centres */
    assert_non_null(strstr(svg, "<line x1=\"0.5\" y1=\"0.5\" x2=\"30.5\" y2=\"20.5\""));

    assert_int_equal(d.n_texts, 2); /* the transparent one is not drawn */
    assert_string_equal(d.texts[0].text, "a<b & \"c\""); /* escaped, decoded back */
    assert_true(d.texts[0].x == 120.5);                  /* the box's centre */
    assert_string_equal(d.texts[0].anchor, "middle");
    assert_true(d.texts[0].y == 20 + 13);
    assert_true(d.texts[0].size == 10);
    assert_string_equal(d.texts[0].fill, "#010203");
    /* 9 characters measured 63 px; the font's own advance is 6.02 px */
    assert_true(d.texts[0].spacing > 0.97 && d.texts[0].spacing < 0.99);
    assert_string_equal(d.texts[1].text, "y\xc2\xb7w"); /* UTF-8 kept, control dropped */
    assert_string_equal(d.texts[1].anchor, "");
    assert_true(d.texts[1].x == 150 && d.texts[1].y == 60 + 15);
    svg_doc_free(&d);
    free(svg);
    draw_free(&dl);
}

static void test_crop_is_the_view_box(void **state)
{
    (void)state;
    DrawList dl = {0};
    draw_begin(&dl);
    draw_text(&dl, 5, 40, 18, (Color){0, 0, 0, 255}, ALIGN_RIGHT, "6");
    SvgOptions o = {.crop = {0, 30, 200, 40}};
    SvgDoc d;
    char *svg = NULL;
    write_read(&dl, &o, &d, &svg);
    assert_int_equal(d.width, 200);
    assert_int_equal(d.height, 40);
    assert_string_equal(d.view_box, "0 30 200 40");
    assert_false(d.full_rect);
    assert_int_equal(d.n_texts, 1);
    assert_string_equal(d.texts[0].anchor, "end");
    assert_true(d.texts[0].x == 5);
    /* no callback: DejaVu Sans Mono's baseline, about 0.85 of the size down */
    assert_true(d.texts[0].y >= 40 + 14 && d.texts[0].y <= 40 + 16);
    assert_true(d.texts[0].spacing == 0); /* no measure: the font's own widths */
    svg_doc_free(&d);
    free(svg);
    draw_free(&dl);
}

static void test_save_fails_naming_the_path(void **state)
{
    (void)state;
    DrawList dl = {0};
    draw_begin(&dl);
    Err err = {0};
    assert_int_equal(svg_save("/nonexistent-dir/f.svg", &dl, 10, 10, NULL, &err), -1);
    assert_non_null(strstr(err.msg, "/nonexistent-dir/f.svg"));
    draw_free(&dl);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_command_kind),
        cmocka_unit_test(test_crop_is_the_view_box),
        cmocka_unit_test(test_save_fails_naming_the_path),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
