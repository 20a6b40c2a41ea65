/* test_paint_numbers.c - a number too long for its cell is drawn in a
 * shorter form, and a form that stands for another value (1.5 as "2",
 * 1234 as "1k", -0.0035 as "0") carries the rounded mark in the cell's top-right corner;
 * a form that is the same value ("-.7", "1k" for 1000) carries none. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "ui/paint.h"

#include <stdio.h>
#include <string.h>

/* One row of cells holding the strings of ctx. */
static int cell_text(const void *ctx, int row, int col, char *buf, size_t cap, Color *fg)
{
    (void)row;
    const char *const *s = ctx;
    snprintf(buf, cap, "%s", s[col]);
    *fg = (Color){0, 0, 0, 255};
    return 1;
}

static int same(Color a, Color b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b && a.a == b.a;
}

typedef struct {
    const char *text; /* drawn in the cell, NULL: none */
    int marked;       /* a rounded-mark line inside the cell */
} Shown;

/* What paint_numbers draws in cell i of a row of 24 px cells (numbers at
 * 11 px, the least readable size; the test measure gives each character
 * 6/10 of the size, so a cell holds three characters). */
static Shown shown(const char *const *strings, int n, int i)
{
    DrawList dl = {0};
    draw_begin(&dl);
    const Theme *th = theme_get(THEME_LIGHT);
    Painter p = {.dl = &dl, .th = th, .body_px = 18, .number_min_px = 11};
    GridLayout g = {.visible = 1, .rows = 1, .cols = n, .cell = 24, .x = 10, .y = 10,
                    .clip = {0, 0, 1000, 100}};
    paint_numbers(&p, &g, cell_text, strings);
    Rect cell = layout_cell(&g, 0, i);
    Shown out = {NULL, 0};
    for (int k = 0; k < dl.count; k++) {
        const DrawCmd *c = &dl.cmds[k];
        if (!rect_contains(cell, c->rect.x, c->rect.y))
            continue;
        if (c->kind == DRAW_TEXT)
            out.text = draw_cmd_text(&dl, c);
        else if (c->kind == DRAW_LINE && same(c->color, th->rounded))
            out.marked = 1;
    }
    static char keep[32];
    if (out.text) {
        snprintf(keep, sizeof keep, "%s", out.text);
        out.text = keep;
    }
    draw_free(&dl);
    return out;
}

static void test_rounded_forms_are_marked(void **state)
{
    (void)state;
    static const char *const strings[] = {"-1.5", "-0.75", "1234", "4.5", "-0.0035"};
    static const struct {
        const char *want;
        int marked;
    } rows[] = {{"-2", 1}, {"-.8", 1}, {"1k", 1}, {"4.5", 0}, {"0", 1}};
    for (int i = 0; i < 5; i++) {
        Shown s = shown(strings, 5, i);
        assert_non_null(s.text);
        assert_string_equal(s.text, rows[i].want);
        assert_int_equal(s.marked, rows[i].marked);
    }
}

static void test_same_value_forms_are_not_marked(void **state)
{
    (void)state;
    static const char *const strings[] = {"-0.7", "1000", "-1"};
    static const char *const want[] = {"-.7", "1k", "-1"};
    for (int i = 0; i < 3; i++) {
        Shown s = shown(strings, 3, i);
        assert_non_null(s.text);
        assert_string_equal(s.text, want[i]);
        assert_false(s.marked);
    }
}

/* The mark stays in the cell's top fifth, clear of the number. */
static void test_mark_stays_above_the_number(void **state)
{
    (void)state;
    DrawList dl = {0};
    draw_begin(&dl);
    const Theme *th = theme_get(THEME_LIGHT);
    Painter p = {.dl = &dl, .th = th, .body_px = 18, .number_min_px = 11};
    Rect cell = {100, 200, 40, 40};
    paint_rounded_mark(&p, cell);
    assert_true(dl.count > 0);
    int number_top = cell.y + (cell.h - layout_number_px(cell.h)) / 2;
    for (int k = 0; k < dl.count; k++) {
        const DrawCmd *c = &dl.cmds[k];
        assert_int_equal(c->kind, DRAW_LINE);
        assert_true(same(c->color, th->rounded));
        assert_true(rect_contains(cell, c->rect.x, c->rect.y));
        assert_true(rect_contains(cell, c->rect.x + c->rect.w, c->rect.y + c->rect.h));
        assert_true(c->rect.y + c->rect.h < number_top);
        assert_true(c->rect.x >= cell.x + cell.w / 2); /* the right half */
    }
    draw_free(&dl);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rounded_forms_are_marked),
        cmocka_unit_test(test_same_value_forms_are_not_marked),
        cmocka_unit_test(test_mark_stays_above_the_number),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
