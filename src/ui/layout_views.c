/* layout_views.c - the arrangements of the views that are not the scatter
 * and conv2d pair: flows and the matrix.
 *
 * A flow (gradient, channels, overlap) is fixed rows of grids, every
 * grid at one cell size, the largest that fits (binary search, as in
 * layout.c), centred and shifted by the pan. layout_flow_best also tries
 * the first row beside the others (the channels view's p and y left of
 * its strips: a wide, short view area holds larger cells that way) and
 * takes it when only it keeps the small grids' numbers. The matrix is different: C^T
 * of a real layer has thousands of rows and columns, so below a readable
 * cell size it stops shrinking and scrolls instead (the pan is the scroll),
 * its cells are wider than tall so a label like w[0,1] fits, and vec(x) and
 * vec(y) scroll with it, each clipped to its own strip. */
#include "ui/layout.h"

#include <math.h>
#include <string.h>

#define FLOW_ROWS 5
#define FLOW_COLS LAYOUT_FLOW_COLS

typedef struct {
    int n;
    GridId id[FLOW_COLS];
} FlowRow;

typedef struct {
    const LayoutParams *p;
    int th, gap, max_cell;
    int floor; /* small grids' least cell size (layout_cell_for) */
    FlowRow rows[FLOW_ROWS];
    int n_rows;
    int beside; /* the first row left of the others, not above them */
} Flow;

static int present(const LayoutParams *p, GridId id)
{
    return p->dims[id].rows > 0 && p->dims[id].cols > 0;
}

static int cell_of(const Flow *f, GridId id, int cell)
{
    return layout_cell_for(f->p->dims[id], cell, f->floor);
}

static int slot_w(const Flow *f, GridId id, int cell)
{
    int w = f->p->dims[id].cols * cell_of(f, id, cell), t = f->p->title_w[id];
    return w > t ? w : t;
}

static int row_w(const Flow *f, const FlowRow *r, int cell)
{
    int w = 0;
    for (int i = 0; i < r->n; i++)
        w += slot_w(f, r->id[i], cell) + (i ? f->gap : 0);
    return w;
}

static int row_h(const Flow *f, const FlowRow *r, int cell)
{
    int h = 0;
    for (int i = 0; i < r->n; i++) {
        int gh = f->th + f->p->dims[r->id[i]].rows * cell_of(f, r->id[i], cell);
        h = gh > h ? gh : h;
    }
    return h;
}

/* Rows first..n_rows-1 stacked: their width and height. */
static void rows_size(const Flow *f, int first, int cell, int *w, int *h)
{
    *w = *h = 0;
    for (int r = first; r < f->n_rows; r++) {
        int rw = row_w(f, &f->rows[r], cell);
        *w = rw > *w ? rw : *w;
        *h += row_h(f, &f->rows[r], cell) + (r > first ? f->gap : 0);
    }
}

/* The first row's width when it stands beside the others (0 stacked). */
static int lead_w(const Flow *f, int cell)
{
    return f->beside ? row_w(f, &f->rows[0], cell) + f->gap : 0;
}

static void flow_size(const Flow *f, int cell, int *w, int *h)
{
    if (!f->beside) {
        rows_size(f, 0, cell, w, h);
        return;
    }
    rows_size(f, 1, cell, w, h);
    int h0 = row_h(f, &f->rows[0], cell);
    *w += lead_w(f, cell);
    *h = h0 > *h ? h0 : *h;
}

static void set_grid(ScreenLayout *l, const LayoutParams *p, GridId id, int x, int y, int cell,
                     int cell_w, int th, int title_w, Rect clip)
{
    GridLayout *g = &l->grid[id];
    g->visible = 1;
    g->rows = p->dims[id].rows;
    g->cols = p->dims[id].cols;
    g->cell = cell;
    g->cell_w = cell_w;
    g->x = x;
    g->y = y + th;
    g->title = (Rect){x, y, title_w, th};
    g->clip = clip;
}

static float clamp_zoom(float z)
{
    if (!(z > 0.0f))
        return 1.0f;
    return z < LAYOUT_ZOOM_MIN ? LAYOUT_ZOOM_MIN : z > LAYOUT_ZOOM_MAX ? LAYOUT_ZOOM_MAX : z;
}

/* Largest shared cell size at which the flow fits; 0 if none does. */
static int flow_fit(const Flow *f, Rect area)
{
    int lo = 0, hi = f->max_cell;
    while (lo < hi) {
        int mid = (lo + hi + 1) / 2, w, h;
        flow_size(f, mid, &w, &h);
        if (w <= area.w && h <= area.h)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

static void flow_rows(ScreenLayout *l, const Flow *f, Rect area, Rect clip, int cell, int y);

/* The shared cell size at zoom 1 (*cell) and the small grids' floor it
 * was found with (f->floor; 0: none fits, the small grids may be too small
 * for their numbers). */
static void flow_choose(const ScreenLayout *l, Flow *f, Rect area, int *cell)
{
    int floors[LAYOUT_FLOORS], n = layout_small_floors(l, floors), lo = 0;
    f->floor = 0;
    int bare = flow_fit(f, area);
    for (int i = 0; i < n; i++) {
        f->floor = floors[i];
        lo = flow_fit(f, area);
        if (layout_floor_ok(lo, bare))
            break;
    }
    *cell = lo < 1 ? 1 : lo;
}

static void flow_place(ScreenLayout *l, Flow *f, Rect area, int lo)
{
    l->fit_cell = lo;
    int cell = (int)lrintf((float)lo * clamp_zoom(f->p->zoom));
    cell = cell < 1 ? 1 : cell;
    int bw, bh;
    flow_size(f, cell, &bw, &bh);
    int y = area.y + (area.h - bh) / 2 + f->p->pan_y;
    if (f->beside) {
        /* the first row at the left, vertically centred; the others in
         * the rest, centred in it as a block */
        int h0 = row_h(f, &f->rows[0], cell), w0 = lead_w(f, cell), rw, rh;
        rows_size(f, 1, cell, &rw, &rh);
        int left = area.x + (area.w - bw) / 2;
        Rect lead = {left, area.y + (area.h - h0) / 2, w0 - f->gap, h0};
        Rect rest = {left + w0, area.y + (area.h - rh) / 2, rw, rh};
        Flow one = *f;
        one.beside = 0;
        one.n_rows = 1;
        flow_rows(l, &one, lead, area, cell, lead.y + f->p->pan_y);
        one = *f;
        one.beside = 0;
        memmove(one.rows, one.rows + 1, (size_t)(f->n_rows - 1) * sizeof *one.rows);
        one.n_rows = f->n_rows - 1;
        flow_rows(l, &one, rest, area, cell, rest.y + f->p->pan_y);
        return;
    }
    flow_rows(l, f, area, area, cell, y);
}

/* Rows of f from top y, each centred in `area` (a grid alone in its row:
 * the grid itself), every grid clipped to the view area `clip`. */
static void flow_rows(ScreenLayout *l, const Flow *f, Rect area, Rect clip, int cell, int y)
{
    for (int r = 0; r < f->n_rows; r++) {
        const FlowRow *row = &f->rows[r];
        int x = area.x + (area.w - row_w(f, row, cell)) / 2 + f->p->pan_x;
        if (row->n == 1) {
            /* Alone in its row (the channels view's strips): centre the grid
             * itself, so strips of equal width line up tile under tile. */
            GridId id = row->id[0];
            int gc = cell_of(f, id, cell), gw = f->p->dims[id].cols * gc, tw = f->p->title_w[id];
            int gx = area.x + (area.w - gw) / 2 + f->p->pan_x;
            set_grid(l, f->p, id, gx, y, gc, 0, f->th, tw, clip);
            int tx =
                gx + tw > area.x + area.w + f->p->pan_x ? area.x + area.w + f->p->pan_x - tw : gx;
            l->grid[id].title.x = tx < area.x + f->p->pan_x ? area.x + f->p->pan_x : tx;
        } else {
            for (int i = 0; i < row->n; i++) {
                int sw = slot_w(f, row->id[i], cell);
                set_grid(l, f->p, row->id[i], x, y, cell_of(f, row->id[i], cell), 0, f->th, sw,
                         clip);
                x += sw + f->gap;
            }
        }
        y += row_h(f, row, cell) + f->gap;
    }
}

/* ---- the matrix ---------------------------------------------------------------- */

static int matrix_cw(const LayoutParams *p, int ch)
{
    float a = p->matrix_aspect > 1.0f ? p->matrix_aspect : 1.0f;
    int w = (int)lrintf((float)ch * a);
    return w < 1 ? 1 : w;
}

/* The maps column: x above y, square cells that fit the column. */
static void layout_maps(ScreenLayout *l, const LayoutParams *p, Rect col, int th, int gap,
                        int max_cell)
{
    const GridDims *x = &p->dims[GRID_MAT_XMAP], *y = &p->dims[GRID_MAT_YMAP];
    int maxc = x->cols > y->cols ? x->cols : y->cols;
    int cell = maxc > 0 ? col.w / maxc : 1;
    int hc = (col.h - 2 * th - gap) / (x->rows + y->rows > 0 ? x->rows + y->rows : 1);
    cell = cell < hc ? cell : hc;
    cell = cell > max_cell ? max_cell : cell < 1 ? 1 : cell;
    int h = 2 * th + gap + (x->rows + y->rows) * cell;
    int top = col.y + (col.h - h) / 2;
    set_grid(l, p, GRID_MAT_XMAP, col.x, top, cell, 0, th, col.w, col);
    set_grid(l, p, GRID_MAT_YMAP, col.x, top + th + x->rows * cell + gap, cell, 0, th, col.w, col);
}

static void matrix_place(ScreenLayout *l, const LayoutParams *p, Rect area, int th, int gap,
                         int max_cell)
{
    const GridDims *d = &p->dims[GRID_MATRIX];
    if (present(p, GRID_MAT_XMAP) && present(p, GRID_MAT_YMAP) && area.w > 8 * gap) {
        /* 22% of the width or more, up to 40%, so that maps of at most
         * LAYOUT_SMALL_GRID cells a side hold their numbers (C^T scrolls;
         * the maps do not): at the small grids' first floor (room for
         * "-1.5") when it fits, else at the least readable cell */
        int floors[LAYOUT_FLOORS], maxc = p->dims[GRID_MAT_XMAP].cols > p->dims[GRID_MAT_YMAP].cols
                                  ? p->dims[GRID_MAT_XMAP].cols
                                  : p->dims[GRID_MAT_YMAP].cols;
        int least = floors[layout_small_floors(l, floors) - 2];
        int most = area.w * 40 / 100, maps_w = area.w * 22 / 100;
        int want = maxc <= LAYOUT_SMALL_GRID ? maxc * floors[0] : 0;
        want = want > most ? maxc * least : want;
        maps_w = want > maps_w ? (want < most ? want : most) : maps_w;
        Rect maps = rect_cut_left(&area, maps_w);
        rect_cut_left(&area, 2 * gap);
        layout_maps(l, p, maps, th, gap, max_cell);
    }
    /* Fit: vec(y) column + gap + cols cells across; two captions, the vec(x)
     * row, a gap and the rows down. */
    int lo = 1, hi = max_cell, tw = p->title_w[GRID_MAT_Y];
    while (lo < hi) {
        int mid = (lo + hi + 1) / 2, cw = matrix_cw(p, mid), ycol = cw > tw ? cw : tw;
        if (d->cols * cw + ycol + gap <= area.w && (d->rows + 1) * mid + 2 * th + gap <= area.h)
            lo = mid;
        else
            hi = mid - 1;
    }
    int min_cell = p->matrix_min_cell > 0 ? p->matrix_min_cell : 1;
    int fit = lo > min_cell ? lo : min_cell > max_cell ? max_cell : min_cell;
    l->fit_cell = fit;
    int ch = (int)lrintf((float)fit * clamp_zoom(p->zoom));
    ch = ch < 2 ? 2 : ch;
    int cw = matrix_cw(p, ch), ycol = cw > tw ? cw : tw;

    /* A matrix smaller than the area: the whole block centred in it. */
    int block_w = ycol + gap + d->cols * cw, block_h = 2 * th + ch + gap + d->rows * ch;
    if (block_w < area.w) {
        area.x += (area.w - block_w) / 2;
        area.w = block_w;
    }
    if (block_h < area.h) {
        area.y += (area.h - block_h) / 2;
        area.h = block_h;
    }
    /* The viewport of C^T and the strips that scroll with it. */
    Rect view = area;
    rect_cut_left(&view, ycol + gap);
    rect_cut_top(&view, th + ch + gap + th);
    int content_w = d->cols * cw, content_h = d->rows * ch;
    int ox = view.x + (content_w < view.w ? (view.w - content_w) / 2 : 0) + p->pan_x;
    int oy = view.y + (content_h < view.h ? (view.h - content_h) / 2 : 0) + p->pan_y;
    /* Captions stay put while the content scrolls. */
    set_grid(l, p, GRID_MATRIX, view.x, view.y - th, ch, cw, th, view.w, view);
    l->grid[GRID_MATRIX].x = ox;
    l->grid[GRID_MATRIX].y = oy;
    Rect xstrip = {view.x, area.y + th, view.w, ch};
    set_grid(l, p, GRID_MAT_X, view.x, area.y, ch, cw, th, view.w, xstrip);
    l->grid[GRID_MAT_X].x = ox;
    Rect ystrip = {area.x, view.y, ycol, view.h};
    set_grid(l, p, GRID_MAT_Y, area.x + ycol - cw, view.y - th, ch, cw, th, cw, ystrip);
    l->grid[GRID_MAT_Y].title.x = area.x;
    l->grid[GRID_MAT_Y].title.w = ycol;
    l->grid[GRID_MAT_Y].y = oy;
}

static Flow flow_of(const ScreenLayout *l, const LayoutParams *p,
                    const GridId rows[][LAYOUT_FLOW_COLS], int n_rows)
{
    int b = l->body_px, pad = l->pad;
    Flow f = {.p = p, .th = b + pad, .gap = 2 * pad, .max_cell = 10 * b};
    /* keep only the grids that have a size */
    for (int r = 0; r < n_rows && r < FLOW_ROWS; r++) {
        FlowRow row = {0};
        for (int c = 0; c < FLOW_COLS; c++)
            if (rows[r][c] != GRID_NONE && present(p, rows[r][c]))
                row.id[row.n++] = rows[r][c];
        if (row.n)
            f.rows[f.n_rows++] = row;
    }
    return f;
}

void layout_flow(ScreenLayout *l, const LayoutParams *p, Rect area,
                 const GridId rows[][LAYOUT_FLOW_COLS], int n_rows)
{
    Flow f = flow_of(l, p, rows, n_rows);
    int cell;
    if (f.n_rows) {
        flow_choose(l, &f, area, &cell);
        flow_place(l, &f, area, cell);
    }
}

void layout_flow_best(ScreenLayout *l, const LayoutParams *p, Rect area,
                      const GridId rows[][LAYOUT_FLOW_COLS], int n_rows)
{
    Flow above = flow_of(l, p, rows, n_rows), beside = above;
    if (!above.n_rows)
        return;
    int ca, cb;
    flow_choose(l, &above, area, &ca);
    beside.beside = above.n_rows > 1;
    flow_choose(l, &beside, area, &cb);
    /* beside only when it gives the small grids a floor the rows cannot
     * (numbers where the rows would lose them); otherwise the rows, whose
     * long captions and aligned strips read best */
    if (beside.beside && above.floor == 0 && beside.floor > 0)
        flow_place(l, &beside, area, cb);
    else
        flow_place(l, &above, area, ca);
}

void layout_matrix(ScreenLayout *l, const LayoutParams *p, Rect area)
{
    int b = l->body_px, pad = l->pad;
    if (present(p, GRID_MATRIX))
        matrix_place(l, p, area, b + pad, 2 * pad, 4 * b);
}

void layout_side(ScreenLayout *l, const LayoutParams *p, Rect *area)
{
    int gap = 2 * l->pad;
    if (p->side_w > 0 && area->w > 2 * p->side_w) {
        l->side = rect_cut_right(area, p->side_w);
        rect_cut_right(area, gap);
    }
    l->view = *area;
}
