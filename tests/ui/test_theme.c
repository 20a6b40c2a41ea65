/* test_theme.c - a cell's number (format_cell_number, table-driven) and the value
 * colormap: zero is the neutral centre, the sign is the hue, the magnitude
 * the distance from the centre, clamped at the scale. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ui/paint.h"
#include "ui/text.h"
#include "ui/theme.h"

static void test_format_cell_number_table(void **state)
{
    (void)state;
    static const struct {
        double v;
        const char *want;
    } cases[] = {
        {0.0, "0"},          {-0.0, "0"},         {1.0, "1"},       {2.0, "2"},
        {-3.0, "-3"},        {12.0, "12"},        {999.0, "999"},   {1000.0, "1e+03"},
        {1500.0, "1.5e+03"}, {1.5, "1.5"},        {-0.25, "-0.25"}, {0.125, "0.125"},
        {4.5, "4.5"},        {13.5, "13.5"},      {0.1f, "0.1"},    {2.0 / 3.0, "0.667"},
        {123.4, "123"},      {-1e-5, "-1e-05"},   {1e6, "1e+06"},   {NAN, "nan"},
        {INFINITY, "inf"},   {-INFINITY, "-inf"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char buf[32];
        int n = format_cell_number(buf, sizeof buf, cases[i].v);
        if (strcmp(buf, cases[i].want) != 0)
            fail_msg("format_cell_number(%g): got '%s', want '%s'", cases[i].v, buf, cases[i].want);
        assert_int_equal(n, (int)strlen(cases[i].want));
    }
}

static void test_format_cell_number_truncates_to_buffer(void **state)
{
    (void)state;
    char buf[4];
    format_cell_number(buf, sizeof buf, -0.25);
    assert_string_equal(buf, "-0.");
}

static int same(Color a, Color b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b && a.a == b.a;
}

static void test_colormap_is_centred_on_zero_for_every_theme(void **state)
{
    (void)state;
    for (int k = 0; k < THEME_COUNT; k++) {
        const Theme *t = theme_get((ThemeKind)k);
        assert_true(same(theme_value_color(t, 0.0f, 4.0f), t->mid));
        assert_true(same(theme_value_color(t, 3.0f, 0.0f), t->mid)); /* no scale: all neutral */
        assert_true(same(theme_value_color(t, 4.0f, 4.0f), t->pos));
        assert_true(same(theme_value_color(t, -4.0f, 4.0f), t->neg));
        /* Beyond the scale clamps to the ends. */
        assert_true(same(theme_value_color(t, 40.0f, 4.0f), t->pos));
        assert_true(same(theme_value_color(t, -40.0f, 4.0f), t->neg));
    }
}

static int dist(Color a, Color b)
{
    return abs(a.r - b.r) + abs(a.g - b.g) + abs(a.b - b.b);
}

static void test_colormap_sign_is_hue_and_magnitude_is_distance(void **state)
{
    (void)state;
    const Theme *t = theme_get(THEME_LIGHT);
    Color p1 = theme_value_color(t, 1.0f, 4.0f), p2 = theme_value_color(t, 2.0f, 4.0f);
    Color n1 = theme_value_color(t, -1.0f, 4.0f);
    /* positive leans orange (red > blue), negative leans blue */
    assert_true(p1.r > p1.b);
    assert_true(n1.b > n1.r);
    assert_true(dist(p2, t->mid) > dist(p1, t->mid));
    assert_true(dist(n1, t->mid) == dist(theme_value_color(t, -1.0f, 4.0f), t->mid));
    /* a small value next to a large maximum is still visibly tinted */
    assert_true(dist(theme_value_color(t, 0.05f, 10.0f), t->mid) > 20);
}

static void test_text_on_picks_readable_colour(void **state)
{
    (void)state;
    const Theme *t = theme_get(THEME_LIGHT);
    Color black = {0, 0, 0, 255}, white = {255, 255, 255, 255};
    assert_true(same(theme_text_on(t, white), black));
    assert_true(same(theme_text_on(t, (Color){5, 40, 120, 255}), white));
    assert_true(same(theme_text_on(t, t->mid), black));
}

/* Every value colour of every theme carries its number at WCAG AA (4.5:1):
 * a luma threshold alone would put white on the light theme's orange end
 * (~3.5:1). */
static void test_cell_text_contrast_is_wcag_aa(void **state)
{
    (void)state;
    Color black = {0, 0, 0, 255}, white = {255, 255, 255, 255};
    assert_true(fabsf(color_contrast(black, white) - 21.0f) < 0.01f);
    /* (230, 97, 1): luminance 0.2126*0.7913 + 0.7152*0.1195 + 0.0722*0.0003 */
    assert_true(fabsf(color_luminance((Color){230, 97, 1, 255}) - 0.2537f) < 0.002f);
    for (int k = 0; k < THEME_COUNT; k++) {
        const Theme *t = theme_get((ThemeKind)k);
        for (int i = -50; i <= 50; i++) {
            Color bg = theme_value_color(t, (float)i, 50.0f);
            assert_true(color_contrast(theme_text_on(t, bg), bg) >= 4.5f);
        }
    }
    assert_true(same(theme_text_on(theme_get(THEME_LIGHT), theme_get(THEME_LIGHT)->pos), black));
}

static void test_three_distinct_themes(void **state)
{
    (void)state;
    assert_string_equal(theme_name(THEME_LIGHT), "light");
    assert_string_equal(theme_name(THEME_DARK), "dark");
    assert_string_equal(theme_name(THEME_PROJECTOR), "projector");
    assert_false(same(theme_get(THEME_LIGHT)->bg, theme_get(THEME_DARK)->bg));
    /* the projector theme is pure black on white */
    assert_true(same(theme_get(THEME_PROJECTOR)->bg, (Color){255, 255, 255, 255}));
    assert_true(same(theme_get(THEME_PROJECTOR)->text, (Color){0, 0, 0, 255}));
}

static double distance(Color a, Color b)
{
    double dr = a.r - b.r, dg = a.g - b.g, db = a.b - b.b;
    return sqrt(dr * dr + dg * dg + db * db);
}

/* Inserted zeros and padding are told apart by colour alone in every theme
 * (they sit side by side in the padded input), and both from a zero value;
 * the frames that mark cells (current step, window, lesson, hover link) are
 * far apart from each other. */
static void test_marks_are_distinct_in_every_theme(void **state)
{
    (void)state;
    for (int k = 0; k < THEME_COUNT; k++) {
        const Theme *t = theme_get((ThemeKind)k);
        assert_true(distance(t->inserted_zero, t->pad_ring) >= 50.0);
        assert_true(distance(t->inserted_zero, t->mid) >= 30.0);
        assert_true(distance(t->pad_ring, t->mid) >= 30.0);
        Color frames[4] = {t->highlight, t->window, t->lesson, t->link};
        for (int i = 0; i < 4; i++)
            for (int j = i + 1; j < 4; j++)
                assert_true(distance(frames[i], frames[j]) >= 100.0);
        /* the legend finds a mark by its colour among the lines drawn */
        Color lines[3] = {t->grid_line, t->check, t->error};
        for (int i = 0; i < 3; i++)
            assert_true(distance(t->rounded, lines[i]) > 0.0);
    }
}

/* Cell numbers too long for their cell, in the shorter forms paint.c tries. */
static void test_compact_numbers(void **state)
{
    (void)state;
    char b[32];
    assert_int_equal(paint_compact_number(b, sizeof b, 999.0, 2), 0); /* no unit below 1000 */
    static const struct {
        double v;
        int digits;
        const char *want;
    } rows[] = {
        {1234.5, 3, "1.23k"}, {1234.5, 2, "1.2k"},   {1234.5, 1, "1k"},
        {-12345, 3, "-12.3k"}, {-12345, 2, "-12k"},  {-12345, 1, "-12k"},
        {1000, 3, "1k"},       {3.4e6, 2, "3.4M"},   {-2.5e9, 2, "-2.5G"},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        assert_true(paint_compact_number(b, sizeof b, rows[i].v, rows[i].digits) > 0);
        assert_string_equal(b, rows[i].want);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_cell_number_table),
        cmocka_unit_test(test_format_cell_number_truncates_to_buffer),
        cmocka_unit_test(test_colormap_is_centred_on_zero_for_every_theme),
        cmocka_unit_test(test_colormap_sign_is_hue_and_magnitude_is_distance),
        cmocka_unit_test(test_text_on_picks_readable_colour),
        cmocka_unit_test(test_cell_text_contrast_is_wcag_aa),
        cmocka_unit_test(test_three_distinct_themes),
        cmocka_unit_test(test_marks_are_distinct_in_every_theme),
        cmocka_unit_test(test_compact_numbers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
