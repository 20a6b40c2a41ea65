/* test_layout.c - layout for many window sizes without a window: every grid
 * inside the window and inside its view, regions and grids never overlap,
 * body text at least 18 px at 1080p, zoom and pan, and hit-testing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>

#include "ui/layout.h"
#include "ui/views.h"

/* Grid sizes of the default example (3x3 input, 2x2 kernel, stride 2, SAME). */
static LayoutParams example_params(ViewKind view)
{
    LayoutParams p = {.place = view_place(view), .zoom = 1.0f, .scale = 1.0f};
    p.dims[GRID_INPUT] = (GridDims){3, 3};
    p.dims[GRID_KERNEL] = (GridDims){2, 2};
    p.dims[GRID_CANVAS] = (GridDims){6, 6};
    p.dims[GRID_PADDED] = (GridDims){7, 7};
    p.dims[GRID_ROTKERNEL] = (GridDims){2, 2};
    p.dims[GRID_PRODUCTS] = (GridDims){2, 2};
    p.dims[GRID_OUTPUT] = (GridDims){6, 6};
    p.dims[GRID_MAT_X] = (GridDims){1, 9};
    p.dims[GRID_MATRIX] = (GridDims){36, 9};
    p.dims[GRID_MAT_Y] = (GridDims){36, 1};
    p.dims[GRID_MAT_XMAP] = (GridDims){3, 3};
    p.dims[GRID_MAT_YMAP] = (GridDims){6, 6};
    p.dims[GRID_G_X] = p.dims[GRID_G_DX] = (GridDims){6, 6};
    p.dims[GRID_G_W] = p.dims[GRID_G_DW] = (GridDims){2, 2};
    p.dims[GRID_G_OUT] = p.dims[GRID_G_DOUT] = (GridDims){3, 3};
    p.dims[GRID_CH_PADDED] = (GridDims){7, 7};
    p.dims[GRID_CH_OUTPUT] = (GridDims){6, 6};
    p.dims[GRID_CH_W] = p.dims[GRID_CH_ROT] = p.dims[GRID_CH_WINDOWS] = (GridDims){2, 2};
    p.dims[GRID_CH_SUMS] = (GridDims){1, 2};
    p.dims[GRID_OV_X] = (GridDims){3, 3};
    p.dims[GRID_OV_COUNTS] = p.dims[GRID_OV_Y] = (GridDims){6, 6};
    p.dims[GRID_OV_NEAREST] = p.dims[GRID_OV_BILINEAR] = (GridDims){6, 6};
    for (int i = 0; i < GRID_COUNT; i++)
        p.title_w[i] = 60;
    p.matrix_aspect = 2.5f;
    p.matrix_min_cell = 12;
    p.side_w = 300;
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
    /* 32 input channels, 1 output channel; C^T is 784 x 25088 */
    p.dims[GRID_MAT_X] = (GridDims){1, 25088};
    p.dims[GRID_MATRIX] = (GridDims){784, 25088};
    p.dims[GRID_MAT_Y] = (GridDims){784, 1};
    p.dims[GRID_MAT_XMAP] = p.dims[GRID_MAT_YMAP] = (GridDims){28, 28};
    p.dims[GRID_G_X] = p.dims[GRID_G_DX] = p.dims[GRID_G_OUT] = (GridDims){28, 28};
    p.dims[GRID_G_DOUT] = (GridDims){28, 28};
    p.dims[GRID_G_W] = p.dims[GRID_G_DW] = (GridDims){7, 7};
    p.dims[GRID_CH_PADDED] = (GridDims){34, 34};
    p.dims[GRID_CH_OUTPUT] = (GridDims){28, 28};
    p.dims[GRID_CH_W] = p.dims[GRID_CH_ROT] = p.dims[GRID_CH_WINDOWS] = (GridDims){7, 255};
    p.dims[GRID_CH_SUMS] = (GridDims){1, 255};
    p.dims[GRID_OV_X] = (GridDims){28, 28};
    p.dims[GRID_OV_COUNTS] = (GridDims){34, 34};
    p.dims[GRID_OV_Y] = p.dims[GRID_OV_NEAREST] = p.dims[GRID_OV_BILINEAR] = (GridDims){28, 28};
    return p;
}

/* The view each grid belongs to (the first three views share theirs). */
static int grid_in_view(int grid, ViewKind view)
{
    switch (view) {
    case VIEW_BOTH: return grid <= GRID_OUTPUT;
    case VIEW_SCATTER: return grid <= GRID_CANVAS;
    case VIEW_CONV2D: return grid > GRID_CANVAS && grid <= GRID_OUTPUT;
    case VIEW_MATRIX: return grid >= GRID_MAT_X && grid <= GRID_MAT_YMAP;
    case VIEW_GRADIENT: return grid >= GRID_G_X && grid <= GRID_G_DW; /* not stride-1 VALID */
    case VIEW_CHANNELS: return grid >= GRID_CH_PADDED && grid <= GRID_CH_SUMS;
    case VIEW_OVERLAP: return grid >= GRID_OV_X && grid <= GRID_OV_BILINEAR;
    default: return 0;
    }
}

static int inside(Rect in, Rect out)
{
    return in.x >= out.x && in.y >= out.y && in.x + in.w <= out.x + out.w &&
           in.y + in.h <= out.y + out.h;
}

static int same_rect(Rect a, Rect b)
{
    return a.x == b.x && a.y == b.y && a.w == b.w && a.h == b.h;
}

static Rect slot(const GridLayout *g)
{
    Rect r = layout_grid_rect(g);
    return (Rect){g->title.x, g->title.y, r.w > g->title.w ? r.w : g->title.w, g->title.h + r.h};
}

static void check_layout(const ScreenLayout *l, int w, int h, ViewKind view)
{
    Rect win = {0, 0, w, h};
    Rect regions[] = {l->header, l->panel, l->status, l->timeline, l->scatter, l->conv, l->side};
    const int n = sizeof regions / sizeof *regions;
    for (int i = 0; i < n; i++) {
        if (regions[i].w > 0 && !inside(regions[i], win))
            fail_msg("%dx%d view %d: region %d outside the window", w, h, view, i);
        for (int j = i + 1; j < n; j++)
            if (rect_overlaps(regions[i], regions[j]))
                fail_msg("%dx%d view %d: regions %d and %d overlap", w, h, view, i, j);
    }
    int old = view <= VIEW_CONV2D;
    assert_int_equal(l->scatter.w > 0, old && view != VIEW_CONV2D);
    assert_int_equal(l->conv.w > 0, old && view != VIEW_SCATTER);
    assert_true(inside(l->view, win));
    assert_int_equal(l->side.w > 0, view == VIEW_GRADIENT && w >= 1024);
    for (int i = 0; i < GRID_COUNT; i++) {
        const GridLayout *g = &l->grid[i];
        int in_scatter = i <= GRID_CANVAS;
        if (g->visible != grid_in_view(i, view))
            fail_msg("%dx%d view %d: grid %d visible %d", w, h, view, i, g->visible);
        if (!g->visible)
            continue;
        Rect area = !old ? l->view : in_scatter ? l->scatter : l->conv;
        if (view == VIEW_MATRIX && (i == GRID_MATRIX || i == GRID_MAT_X || i == GRID_MAT_Y)) {
            /* scrolled content: its clip and caption stay in the view */
            if (!inside(g->clip, area) || !inside(g->title, area))
                fail_msg("%dx%d matrix grid %d: clip or caption outside the view", w, h, i);
            for (int j = GRID_MAT_X; j <= GRID_MAT_Y; j++)
                if (j != i && rect_overlaps(g->clip, l->grid[j].clip))
                    fail_msg("%dx%d matrix strips %d and %d overlap", w, h, i, j);
            continue;
        }
        if (!inside(slot(g), area))
            fail_msg("%dx%d view %d: grid %d (%d,%d %dx%d) outside its view", w, h, view, i, g->x,
                     g->y, g->cols * g->cell, g->rows * g->cell);
        assert_true(g->cell >= 1);
        for (int j = i + 1; j < GRID_COUNT; j++)
            if (l->grid[j].visible && rect_overlaps(slot(g), slot(&l->grid[j])) &&
                !(view == VIEW_MATRIX && j >= GRID_MAT_X && j <= GRID_MAT_Y))
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
        if (l.grid[i].visible)
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

/* The matrix view: wide cells; vec(x) over the columns and vec(y) beside
 * the rows; a C^T too large to read at fit scrolls (pan) inside fixed clips. */
static void test_matrix_cells_are_wide_and_a_large_matrix_scrolls(void **state)
{
    (void)state;
    LayoutParams p = example_params(VIEW_MATRIX);
    ScreenLayout l;
    layout_compute(&l, 1600, 900, &p);
    const GridLayout *m = &l.grid[GRID_MATRIX], *x = &l.grid[GRID_MAT_X], *y = &l.grid[GRID_MAT_Y];
    assert_int_equal(m->cell_w, (int)lrintf(m->cell * 2.5f));
    assert_int_equal(x->x, m->x);
    assert_int_equal(x->cell_w, m->cell_w);
    assert_int_equal(y->y, m->y);
    assert_true(inside(layout_grid_rect(m), m->clip)); /* 36 x 9 fits */
    Rect c = layout_cell(m, 14, 4);
    GridId got;
    int row, col;
    assert_true(layout_hit(&l, c.x + c.w - 1, c.y + 1, &got, &row, &col));
    assert_int_equal(got, GRID_MATRIX);
    assert_int_equal(row, 14);
    assert_int_equal(col, 4);

    p = big_params(VIEW_MATRIX);
    layout_compute(&l, 1600, 900, &p);
    assert_int_equal(m->cell, 12); /* stops shrinking at matrix_min_cell */
    assert_false(inside(layout_grid_rect(m), m->clip));
    Rect clip = m->clip;
    int x0 = m->x, y0 = m->y;
    p.pan_x = -5000;
    p.pan_y = -3000;
    layout_compute(&l, 1600, 900, &p);
    assert_true(same_rect(m->clip, clip));
    assert_int_equal(m->x, x0 - 5000);
    assert_int_equal(m->y, y0 - 3000);
    assert_int_equal(x->x, m->x);
    assert_int_equal(y->y, m->y);
    /* a cell scrolled out of the clip is not hit */
    c = layout_cell(m, 0, 0);
    assert_false(layout_hit(&l, c.x + 1, c.y + 1, &got, &row, &col) && got == GRID_MATRIX);
}

static void test_gradient_view_keeps_a_text_column(void **state)
{
    (void)state;
    LayoutParams p = example_params(VIEW_GRADIENT);
    ScreenLayout l;
    layout_compute(&l, 1600, 900, &p);
    assert_int_equal(l.side.w, 300);
    assert_false(rect_overlaps(l.side, l.view));
    assert_false(rect_overlaps(l.side, l.panel));
    /* too narrow: no column (the tooltip lists the terms instead) */
    layout_compute(&l, 800, 600, &p);
    assert_int_equal(l.side.w, 0);
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
        cmocka_unit_test(test_matrix_cells_are_wide_and_a_large_matrix_scrolls),
        cmocka_unit_test(test_gradient_view_keeps_a_text_column),
        cmocka_unit_test(test_rect_cutting),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
