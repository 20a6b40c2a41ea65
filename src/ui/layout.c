/* layout.c - cut the window into regions and place the grids.
 *
 * Each view is a "main" grid (the scatter canvas, the padded input) and up
 * to three small ones (input and kernel; rotated kernel, products, output),
 * arranged either with the small grids in a row above the main one or in a
 * column to its left. For each arrangement, and for each way of splitting
 * the area between two views, a binary search finds the largest cell size
 * that fits; the best wins. The search is over integers and a handful of
 * candidates, so a layout costs microseconds and can run every frame. */
#include "ui/layout.h"

#include <math.h>
#include <string.h>

#define MAX_GROUP 4

typedef struct {
    int n; /* grids in the group, main first */
    GridId id[MAX_GROUP];
    int smalls_after; /* small grids right of / below the main one (reading order) */
} Group;

typedef struct {
    const LayoutParams *p;
    int th;  /* caption height above each grid */
    int gap; /* space between grids */
    int max_cell;
    int floor; /* small grids' least cell size (layout_cell_for) */
} Ctx;

enum { ARRANGE_ROW = 0, ARRANGE_COLUMN = 1 };

int layout_text_px(int height, float scale)
{
    if (!(scale > 0.0f))
        scale = 1.0f;
    float px = (float)height * 18.0f / 1080.0f;
    if (px < 18.0f)
        px = 18.0f;
    return (int)lrintf(px * scale);
}

int layout_min_number_px(int body_px)
{
    int m = body_px * 3 / 5;
    return m < 11 ? 11 : m;
}

int layout_number_px(int cell)
{
    int px = (cell * 9 + 10) / 20;
    /* the glyph cache's largest size, with room to spare */
    return px > 200 ? 200 : px < 0 ? 0 : px;
}

/* The least cell with (9 cell + 10) / 20 >= min_px (layout_number_px). */
static int readable_for(int min_px)
{
    return (20 * min_px - 10 + 8) / 9;
}

int layout_readable_cell(int body_px)
{
    return readable_for(layout_min_number_px(body_px));
}

int layout_small_floors(const ScreenLayout *l, int out[LAYOUT_FLOORS])
{
    int readable = readable_for(l->number_min_px);
    /* ... and the least that holds three characters at that size ("-.1",
     * "-12": a weight or a count shortened to fit; a monospace digit is
     * about 0.6 of the size, 0.62 leaves room for the font's rounding)
     * inside the 2 px either side paint.c keeps free */
    int three = (3 * l->number_min_px * 62 + 99) / 100 + 4;
    three = three > readable ? three : readable;
    int n = 0;
    out[n++] = 2 * l->body_px > three ? 2 * l->body_px : three;
    if (three < out[0])
        out[n++] = three;
    if (readable < three)
        out[n++] = readable;
    out[n++] = 0;
    return n;
}

int layout_status_lines_max(int height)
{
    int n = 2 + (height - 540) / 90;
    return n < 2 ? 2 : n > LAYOUT_STATUS_MAX_LINES ? LAYOUT_STATUS_MAX_LINES : n;
}

int layout_floor_ok(int cell, int cell_without_floor)
{
    return cell >= 1 && 5 * cell >= 3 * cell_without_floor;
}

int layout_numbers_fit(const ScreenLayout *l, float zoom)
{
    float z = zoom > 0.0f && zoom < 1.0f ? zoom : 1.0f;
    int readable = (int)((float)readable_for(l->number_min_px) * z);
    for (int i = 0; i < GRID_COUNT; i++) {
        const GridLayout *g = &l->grid[i];
        if (!g->visible || g->rows > LAYOUT_SMALL_GRID || g->cols > LAYOUT_SMALL_GRID)
            continue;
        if (grid_number_cell(g) < readable)
            return 0;
    }
    return 1;
}

int layout_number_cell(const ScreenLayout *l, GridId id)
{
    const GridLayout *g = &l->grid[id];
    return id == GRID_CH_SUMS ? g->rows * g->cell : grid_number_cell(g);
}

int layout_grid_on_screen(const ScreenLayout *l, GridId id)
{
    const GridLayout *g = &l->grid[id];
    if (!g->visible || g->cell < 1)
        return 0;
    Rect v = rect_intersect(layout_grid_rect(g), g->clip);
    return v.w > 0 && v.h > 0;
}

/* ---- grid arrangement ----------------------------------------------------- */

static int cell_of(const Ctx *c, GridId id, int cell)
{
    return layout_cell_for(c->p->dims[id], cell, c->floor);
}

static int slot_w(const Ctx *c, GridId id, int cell)
{
    int w = c->p->dims[id].cols * cell_of(c, id, cell), t = c->p->title_w[id];
    return w > t ? w : t;
}

/* Caption and cells. */
static int slot_h(const Ctx *c, GridId id, int cell)
{
    return c->th + c->p->dims[id].rows * cell_of(c, id, cell);
}

/* Block size of a group at a cell size, in an arrangement. */
static void block_size(const Ctx *c, const Group *g, int cell, int arrange, int *bw, int *bh)
{
    int main_w = slot_w(c, g->id[0], cell), main_h = slot_h(c, g->id[0], cell);
    int sw = 0, sh = 0;
    for (int i = 1; i < g->n; i++) {
        int w = slot_w(c, g->id[i], cell), h = slot_h(c, g->id[i], cell);
        if (arrange == ARRANGE_ROW) {
            sw += w + (i > 1 ? c->gap : 0);
            sh = h > sh ? h : sh;
        } else {
            sw = w > sw ? w : sw;
            sh += h + (i > 1 ? c->gap : 0);
        }
    }
    if (g->n == 1) {
        *bw = main_w;
        *bh = main_h;
    } else if (arrange == ARRANGE_ROW) {
        *bw = sw > main_w ? sw : main_w;
        *bh = sh + c->gap + main_h;
    } else {
        *bw = sw + c->gap + main_w;
        *bh = sh > main_h ? sh : main_h;
    }
}

/* Largest cell size for which the group fits the area; 0 if none does. */
static int fit_group(const Ctx *c, const Group *g, Rect area, int arrange)
{
    int lo = 0, hi = c->max_cell;
    while (lo < hi) {
        int mid = (lo + hi + 1) / 2, bw, bh;
        block_size(c, g, mid, arrange, &bw, &bh);
        /* 2 px to spare: outlines sit 1 px outside the cells (window,
         * crop frame) and the last grid line must not be clipped away. */
        if (bw + 2 <= area.w && bh + 2 <= area.h)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

static int best_fit(const Ctx *c, const Group *g, Rect area, int *arrange)
{
    int row = fit_group(c, g, area, ARRANGE_ROW), col = fit_group(c, g, area, ARRANGE_COLUMN);
    *arrange = col > row ? ARRANGE_COLUMN : ARRANGE_ROW;
    return col > row ? col : row;
}

static void set_grid(ScreenLayout *l, const Ctx *c, GridId id, int x, int y, int cell, Rect clip)
{
    GridLayout *gl = &l->grid[id];
    gl->visible = 1;
    gl->rows = c->p->dims[id].rows;
    gl->cols = c->p->dims[id].cols;
    gl->cell = cell_of(c, id, cell);
    gl->x = x;
    gl->y = y + c->th;
    gl->title = (Rect){x, y, slot_w(c, id, cell), c->th};
    gl->clip = clip;
}

/* Place a group centred in its area at `cell`, shifted by the pan. */
static void place_group(ScreenLayout *l, const Ctx *c, const Group *g, Rect area, int cell,
                        int arrange)
{
    int bw, bh;
    block_size(c, g, cell, arrange, &bw, &bh);
    int bx = area.x + (area.w - bw) / 2 + c->p->pan_x;
    int by = area.y + (area.h - bh) / 2 + c->p->pan_y;
    if (g->n == 1) {
        set_grid(l, c, g->id[0], bx, by, cell, area);
        return;
    }
    /* Measure the small grids' extent first, so either side can come first. */
    int small_extent = 0;
    for (int i = 1; i < g->n; i++) {
        GridId id = g->id[i];
        int e = arrange == ARRANGE_ROW ? slot_h(c, id, cell) : slot_w(c, id, cell);
        small_extent = e > small_extent ? e : small_extent;
    }
    int main_w = slot_w(c, g->id[0], cell), main_h = slot_h(c, g->id[0], cell);
    int x = bx, y = by;
    if (g->smalls_after) {
        if (arrange == ARRANGE_ROW) {
            set_grid(l, c, g->id[0], bx + (bw - main_w) / 2, by, cell, area);
            y = by + main_h + c->gap;
        } else {
            set_grid(l, c, g->id[0], bx, by, cell, area);
            x = bx + main_w + c->gap;
        }
    } else if (arrange == ARRANGE_ROW) {
        set_grid(l, c, g->id[0], bx + (bw - main_w) / 2, by + small_extent + c->gap, cell, area);
    } else {
        set_grid(l, c, g->id[0], bx + small_extent + c->gap, by, cell, area);
    }
    for (int i = 1; i < g->n; i++) {
        GridId id = g->id[i];
        set_grid(l, c, id, x, y, cell, area);
        if (arrange == ARRANGE_ROW)
            x += slot_w(c, id, cell) + c->gap;
        else
            y += slot_h(c, id, cell) + c->gap;
    }
}

static void make_group(const LayoutParams *p, Group *g, GridId main, const GridId *small, int n)
{
    g->n = 0;
    g->smalls_after = 0;
    if (p->dims[main].rows > 0 && p->dims[main].cols > 0)
        g->id[g->n++] = main;
    for (int i = 0; i < n && g->n > 0; i++)
        if (p->dims[small[i]].rows > 0 && p->dims[small[i]].cols > 0)
            g->id[g->n++] = small[i];
}

/* Split the view area between the two views for the largest common cell. */
static void split_both(const Ctx *c, const Group *gs, const Group *gc, Rect v, Rect *as, Rect *ac)
{
    static const int ratios[] = {50, 45, 55, 40, 60, 35, 65, 30, 70};
    int best = -1;
    for (int stacked = 0; stacked < 2; stacked++)
        for (size_t k = 0; k < sizeof ratios / sizeof *ratios; k++) {
            Rect b = v, a;
            if (stacked) {
                a = rect_cut_top(&b, (v.h - c->gap) * ratios[k] / 100);
                rect_cut_top(&b, c->gap);
            } else {
                a = rect_cut_left(&b, (v.w - c->gap) * ratios[k] / 100);
                rect_cut_left(&b, c->gap);
            }
            int arr, cs = best_fit(c, gs, a, &arr), cc = best_fit(c, gc, b, &arr);
            int m = cs < cc ? cs : cc;
            if (m > best) {
                best = m;
                *as = a;
                *ac = b;
            }
        }
}

void layout_compute(ScreenLayout *l, int width, int height, const LayoutParams *p)
{
    memset(l, 0, sizeof *l);
    if (width < 1)
        width = 1;
    if (height < 1)
        height = 1;
    l->width = width;
    l->height = height;
    l->body_px = layout_text_px(height, p->scale);
    l->title_px = l->body_px * 4 / 3;
    l->pad = l->body_px / 2 > 4 ? l->body_px / 2 : 4;
    l->number_min_px = layout_min_number_px(p->number_body_px > 0 ? p->number_body_px : l->body_px);
    int b = l->body_px, pad = l->pad;

    /* Regions: header on top, timeline and status at the bottom, panel right. */
    Rect rest = {0, 0, width, height};
    if (p->figure) { /* the grids and, below them, the caption: nothing else */
        rect_cut_bottom(&rest, p->figure_caption_h);
    } else {
        if (!p->no_chrome)
            l->header =
                rect_cut_top(&rest, p->header_h > 0 ? p->header_h : l->title_px + b + 3 * pad);
        if (!p->no_chrome)
            l->timeline = rect_cut_bottom(&rest, 2 * b + pad);
        int most = layout_status_lines_max(height);
        int lines = p->status_lines < 1 ? 1 : p->status_lines > most ? most : p->status_lines;
        l->status = rect_cut_bottom(&rest, b + (lines - 1) * (b * 5 / 4) + 2 * pad);
        int panel_w = b * 17;
        if (panel_w > width * 34 / 100)
            panel_w = width * 34 / 100;
        if (!p->no_chrome)
            l->panel = rect_cut_right(&rest, panel_w);
    }
    Rect views = rect_inset(rest, pad);
    l->view = views;
    if (p->place)
        p->place(l, p, views);
}

/* The views' areas and the shared cell size at c->floor; 0 if the grids
 * do not fit at any cell size. */
static int split_fit(ScreenLayout *l, const Ctx *c, const Group *gs, const Group *gc, int show_s,
                     int show_c, Rect views, int *arr_s, int *arr_c)
{
    if (show_s && show_c)
        split_both(c, gs, gc, views, &l->scatter, &l->conv);
    else if (show_s)
        l->scatter = views;
    else if (show_c)
        l->conv = views;
    int cell = c->max_cell;
    if (show_s) {
        int f = best_fit(c, gs, l->scatter, arr_s);
        cell = f < cell ? f : cell;
    }
    if (show_c) {
        int f = best_fit(c, gc, l->conv, arr_c);
        cell = f < cell ? f : cell;
    }
    return cell;
}

void layout_split(ScreenLayout *l, const LayoutParams *p, Rect views, int scatter, int conv)
{
    int b = l->body_px, pad = l->pad;
    /* Cells grow with the space (up to many times the text) so a small
     * layer fills the screen; digits grow with them. */
    Ctx c = {.p = p, .th = b + pad, .gap = 2 * pad, .max_cell = 10 * b};
    static const GridId scatter_small[] = {GRID_INPUT, GRID_KERNEL};
    static const GridId conv_small[] = {GRID_ROTKERNEL, GRID_PRODUCTS, GRID_OUTPUT};
    Group gs, gc;
    make_group(p, &gs, GRID_CANVAS, scatter_small, 2);
    make_group(p, &gc, GRID_PADDED, conv_small, 3);
    gc.smalls_after = 1;
    int show_s = gs.n > 0 && scatter, show_c = gc.n > 0 && conv;

    /* One cell size for every visible grid (small grids keep a readable
     * floor when it fits), then the zoom. */
    int floors[LAYOUT_FLOORS], n = layout_small_floors(l, floors), cell = 0;
    int arr_s = ARRANGE_ROW, arr_c = ARRANGE_ROW;
    c.floor = 0;
    int bare = split_fit(l, &c, &gs, &gc, show_s, show_c, views, &arr_s, &arr_c);
    for (int i = 0; i < n; i++) {
        c.floor = floors[i];
        cell = split_fit(l, &c, &gs, &gc, show_s, show_c, views, &arr_s, &arr_c);
        if (layout_floor_ok(cell, bare))
            break;
    }
    cell = cell < 1 ? 1 : cell;
    l->fit_cell = cell;
    float zoom = p->zoom > 0.0f ? p->zoom : 1.0f;
    zoom = zoom < LAYOUT_ZOOM_MIN   ? LAYOUT_ZOOM_MIN
           : zoom > LAYOUT_ZOOM_MAX ? LAYOUT_ZOOM_MAX
                                    : zoom;
    int zc = (int)lrintf((float)cell * zoom);
    if (zc < 1)
        zc = 1;
    if (show_s)
        place_group(l, &c, &gs, l->scatter, zc, arr_s);
    if (show_c)
        place_group(l, &c, &gc, l->conv, zc, arr_c);
}

Rect layout_cell(const GridLayout *g, int row, int col)
{
    int cw = grid_cell_w(g);
    return (Rect){g->x + col * cw, g->y + row * g->cell, cw, g->cell};
}

Rect layout_grid_rect(const GridLayout *g)
{
    return (Rect){g->x, g->y, g->cols * grid_cell_w(g), g->rows * g->cell};
}

int layout_hit(const ScreenLayout *l, int x, int y, GridId *grid, int *row, int *col)
{
    for (int i = 0; i < GRID_COUNT; i++) {
        const GridLayout *g = &l->grid[i];
        if (!g->visible || g->cell < 1 || !rect_contains(g->clip, x, y) ||
            !rect_contains(layout_grid_rect(g), x, y))
            continue;
        *grid = (GridId)i;
        *row = (y - g->y) / g->cell;
        *col = (x - g->x) / grid_cell_w(g);
        return 1;
    }
    return 0;
}
