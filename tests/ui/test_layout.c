/* test_layout.c - layout for many window sizes without a window: every grid
 * inside the window and inside its view, regions and grids never overlap,
 * body text at least 18 px at 1080p, zoom and pan, and hit-testing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>

#include "ui/layout.h"

/* Grid sizes of the default example (3x3 input, 2x2 kernel, stride 2, SAME). */
static LayoutParams example_params(ViewKind view)
{
    LayoutParams p = {.view = view, .zoom = 1.0f, .scale = 1.0f};
    p.dims[GRID_INPUT] = (GridDims){3, 3};
    p.dims[GRID_KERNEL] = (GridDims){2, 2};
    p.dims[GRID_CANVAS] = (GridDims){6, 6};
    p.dims[GRID_PADDED] = (GridDims){7, 7};
    p.dims[GRID_ROTKERNEL] = (GridDims){2, 2};
    p.dims[GRID_PRODUCTS] = (GridDims){2, 2};
    p.dims[GRID_OUTPUT] = (GridDims){6, 6};
    for (int i = 0; i < GRID_COUNT; i++)
        p.title_w[i] = 60;
    return p;
}

/* The 28x28, 7x7 SAME example. */
static LayoutParams big_params(ViewKind view)
{
    LayoutParams p = example_params(view);
    p.dims[GRID_INPUT] = (GridDims){28, 28};
    p.dims[GRID_KERNEL] = (GridDims){7, 7};
    p.dims[GRID_CANVAS] = (GridDims){34, 34};
    p.dims[GRID_PADDED] = (GridDims){34, 34};
    p.dims[GRID_ROTKERNEL] = (GridDims){7, 7};
    p.dims[GRID_PRODUCTS] = (GridDims){7, 7};
    p.dims[GRID_OUTPUT] = (GridDims){28, 28};
    return p;
}

static int inside(Rect in, Rect out)
{
    return in.x >= out.x && in.y >= out.y && in.x + in.w <= out.x + out.w &&
           in.y + in.h <= out.y + out.h;
}

static Rect slot(const GridLayout *g)
{
    Rect r = layout_grid_rect(g);
    return (Rect){g->title.x, g->title.y, r.w > g->title.w ? r.w : g->title.w, g->title.h + r.h};
}

static void check_layout(const ScreenLayout *l, int w, int h, ViewKind view)
{
    Rect win = {0, 0, w, h};
    Rect regions[] = {l->header, l->panel, l->status, l->timeline, l->scatter, l->conv};
    const int n = sizeof regions / sizeof *regions;
    for (int i = 0; i < n; i++) {
        if (regions[i].w > 0 && !inside(regions[i], win))
            fail_msg("%dx%d view %d: region %d outside the window", w, h, view, i);
        for (int j = i + 1; j < n; j++)
            if (rect_overlaps(regions[i], regions[j]))
                fail_msg("%dx%d view %d: regions %d and %d overlap", w, h, view, i, j);
    }
    assert_int_equal(l->scatter.w > 0, view != VIEW_CONV2D);
    assert_int_equal(l->conv.w > 0, view != VIEW_SCATTER);
    for (int i = 0; i < GRID_COUNT; i++) {
        const GridLayout *g = &l->grid[i];
        int in_scatter = i <= GRID_CANVAS;
        assert_int_equal(g->visible, in_scatter ? view != VIEW_CONV2D : view != VIEW_SCATTER);
        if (!g->visible)
            continue;
        Rect area = in_scatter ? l->scatter : l->conv;
        if (!inside(slot(g), area))
            fail_msg("%dx%d view %d: grid %d (%d,%d %dx%d) outside its view", w, h, view, i, g->x,
                     g->y, g->cols * g->cell, g->rows * g->cell);
        assert_true(g->cell >= 1);
        for (int j = i + 1; j < GRID_COUNT; j++)
            if (l->grid[j].visible && rect_overlaps(slot(g), slot(&l->grid[j])))
                fail_msg("%dx%d view %d: grids %d and %d overlap", w, h, view, i, j);
    }
}

static void test_layout_fits_many_window_sizes(void **state)
{
    (void)state;
    static const int sizes[][2] = {{800, 600},   {1024, 768},  {1280, 720},  {1600, 900},
                                   {1920, 1080}, {2560, 1440}, {3840, 2160}, {1080, 1920}};
    for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++)
        for (int v = 0; v < VIEW_COUNT; v++)
            for (int big = 0; big < 2; big++) {
                LayoutParams p = big ? big_params((ViewKind)v) : example_params((ViewKind)v);
                ScreenLayout l;
                layout_compute(&l, sizes[s][0], sizes[s][1], &p);
                check_layout(&l, sizes[s][0], sizes[s][1], (ViewKind)v);
            }
}

static void test_cells_are_shared_and_large_for_the_example(void **state)
{
    (void)state;
    LayoutParams p = example_params(VIEW_BOTH);
    ScreenLayout l;
    layout_compute(&l, 1600, 900, &p);
    for (int i = 0; i < GRID_COUNT; i++)
        assert_int_equal(l.grid[i].cell, l.fit_cell);
    assert_true(l.fit_cell >= 40); /* big enough for numbers at body size */
    p = big_params(VIEW_BOTH);
    layout_compute(&l, 1600, 900, &p);
    assert_true(l.fit_cell >= 6);
}

static void test_body_text_never_below_18px_at_1080p(void **state)
{
    (void)state;
    assert_int_equal(layout_text_px(1080, 1.0f), 18);
    assert_int_equal(layout_text_px(720, 1.0f), 18);
    assert_int_equal(layout_text_px(480, 1.0f), 18);
    assert_int_equal(layout_text_px(1440, 1.0f), 24);
    assert_int_equal(layout_text_px(2160, 1.0f), 36);
    assert_int_equal(layout_text_px(1080, 2.0f), 36);
    assert_int_equal(layout_text_px(1080, 0.0f), 18); /* unset scale means 1 */
    LayoutParams p = example_params(VIEW_BOTH);
    ScreenLayout l;
    layout_compute(&l, 1920, 1080, &p);
    assert_true(l.body_px >= 18);
    assert_true(l.title_px > l.body_px);
}

static void test_zoom_scales_cells_and_pan_moves_grids(void **state)
{
    (void)state;
    LayoutParams p = example_params(VIEW_SCATTER);
    ScreenLayout a, b;
    layout_compute(&a, 1600, 900, &p);
    p.zoom = 2.0f;
    layout_compute(&b, 1600, 900, &p);
    assert_int_equal(b.grid[GRID_CANVAS].cell, 2 * a.grid[GRID_CANVAS].cell);
    p.zoom = 100.0f; /* clamped */
    layout_compute(&b, 1600, 900, &p);
    assert_int_equal(b.grid[GRID_CANVAS].cell, (int)(LAYOUT_ZOOM_MAX * a.fit_cell));
    p.zoom = 1.0f;
    p.pan_x = 37;
    p.pan_y = -11;
    layout_compute(&b, 1600, 900, &p);
    assert_int_equal(b.grid[GRID_CANVAS].x, a.grid[GRID_CANVAS].x + 37);
    assert_int_equal(b.grid[GRID_CANVAS].y, a.grid[GRID_CANVAS].y - 11);
}

static void test_hit_testing_finds_the_cell_under_the_pointer(void **state)
{
    (void)state;
    LayoutParams p = example_params(VIEW_BOTH);
    ScreenLayout l;
    layout_compute(&l, 1600, 900, &p);
    for (int i = 0; i < GRID_COUNT; i++) {
        const GridLayout *g = &l.grid[i];
        for (int r = 0; r < g->rows; r++)
            for (int c = 0; c < g->cols; c++) {
                Rect cell = layout_cell(g, r, c);
                int corners[3][2] = {{cell.x, cell.y},
                                     {cell.x + cell.w / 2, cell.y + cell.h / 2},
                                     {cell.x + cell.w - 1, cell.y + cell.h - 1}};
                for (int k = 0; k < 3; k++) {
                    GridId got;
                    int row, col;
                    assert_true(layout_hit(&l, corners[k][0], corners[k][1], &got, &row, &col));
                    assert_int_equal(got, i);
                    assert_int_equal(row, r);
                    assert_int_equal(col, c);
                }
            }
    }
    GridId got;
    int row, col;
    assert_false(layout_hit(&l, 5, 5, &got, &row, &col));               /* header */
    assert_false(layout_hit(&l, l.panel.x + 5, 400, &got, &row, &col)); /* panel */
    Rect canvas = layout_grid_rect(&l.grid[GRID_CANVAS]);
    assert_false(layout_hit(&l, canvas.x + canvas.w, canvas.y, &got, &row, &col)); /* just past */

    /* A grid panned out of its view is not hit outside the view. */
    p.pan_y = -2000;
    layout_compute(&l, 1600, 900, &p);
    Rect in = layout_cell(&l.grid[GRID_INPUT], 0, 0);
    assert_false(layout_hit(&l, in.x + 1, in.y + 1, &got, &row, &col));
}

static void test_rect_cutting(void **state)
{
    (void)state;
    Rect r = {10, 20, 100, 50};
    Rect a = rect_cut_left(&r, 30);
    assert_int_equal(a.x, 10);
    assert_int_equal(a.w, 30);
    assert_int_equal(r.x, 40);
    assert_int_equal(r.w, 70);
    Rect b = rect_cut_right(&r, 500); /* clamps to what is left */
    assert_int_equal(b.w, 70);
    assert_int_equal(r.w, 0);
    Rect c = {0, 0, 10, 10};
    Rect t = rect_cut_top(&c, 4), bo = rect_cut_bottom(&c, 4);
    assert_int_equal(t.h, 4);
    assert_int_equal(bo.y, 6);
    assert_int_equal(c.y, 4);
    assert_int_equal(c.h, 2);
    Rect x = rect_intersect((Rect){0, 0, 10, 10}, (Rect){5, 5, 10, 10});
    assert_int_equal(x.x, 5);
    assert_int_equal(x.w, 5);
    assert_false(rect_overlaps((Rect){0, 0, 10, 10}, (Rect){10, 0, 5, 5}));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layout_fits_many_window_sizes),
        cmocka_unit_test(test_cells_are_shared_and_large_for_the_example),
        cmocka_unit_test(test_body_text_never_below_18px_at_1080p),
        cmocka_unit_test(test_zoom_scales_cells_and_pan_moves_grids),
        cmocka_unit_test(test_hit_testing_finds_the_cell_under_the_pointer),
        cmocka_unit_test(test_rect_cutting),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
