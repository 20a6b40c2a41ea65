/* layout.h - where everything goes, for any window size, without a window.
 *
 * The window is cut into a header (the op's call and shapes), a parameter
 * panel on the right, a status line and a timeline bar at the bottom, and
 * the view area. The view's own place function puts its grids in the view
 * area with one of the arrangements below: the scatter and conv2d groups
 * side by side (layout_split), fixed rows of grids (layout_flow, in
 * layout_views.c), or the scrolling matrix (layout_matrix). Every grid of a
 * frame shares one cell size, the largest that lets all visible grids fit
 * (so a kernel copy on the canvas is the size of the kernel grid), times
 * the user's zoom; pan shifts the grids.
 *
 *     LayoutParams p = {.place = view_place(VIEW_BOTH), .zoom = 1, .scale = 1};
 *     p.dims[GRID_INPUT] = (GridDims){3, 3};   ... one per grid, {0, 0} = absent
 *     ScreenLayout l;
 *     layout_compute(&l, 1600, 900, &p);
 *     Rect c = layout_cell(&l.grid[GRID_CANVAS], 2, 3);
 *     GridId g; int row, col;
 *     if (layout_hit(&l, mx, my, &g, &row, &col)) ...
 */
#ifndef TCVIZ_LAYOUT_H
#define TCVIZ_LAYOUT_H

#include "ui/draw.h"
#include "ui/scene.h"

typedef enum {
    GRID_INPUT = 0, /* scatter view: x, one channel */
    GRID_KERNEL,    /* scatter view: w, one (in, out) slice */
    GRID_CANVAS,    /* scatter view: the full uncropped canvas (+ appended rows) */
    GRID_PADDED,    /* conv2d view: zero-inserted, padded input */
    GRID_ROTKERNEL, /* conv2d view: the kernel rotated by 180 degrees */
    GRID_PRODUCTS,  /* conv2d view: the window's products */
    GRID_OUTPUT,    /* conv2d view: the output */
    /* matrix view: vec(y) = C^T vec(x) */
    GRID_MAT_X,    /* vec(x) as a row above C^T, one cell per column */
    GRID_MATRIX,   /* C^T: one row per output cell, one column per input cell */
    GRID_MAT_Y,    /* vec(y) as a column left of C^T, one cell per row */
    GRID_MAT_XMAP, /* x as a 2-D map (channel ci), for linking */
    GRID_MAT_YMAP, /* y as a 2-D map (channel co), for linking */
    /* gradient view: out = conv2d(x, w) and its backward pass */
    GRID_G_X,      /* the forward conv's input x */
    GRID_G_W,      /* w */
    GRID_G_OUT,    /* out = conv2d(x, w) */
    GRID_G_DOUT,   /* d_out, editable (default ones) */
    GRID_G_DX,     /* d_x = conv2d_backprop_input = conv2d_transpose(d_out, w) */
    GRID_G_DW,     /* d_w = conv2d_backprop_filter(x, d_out) */
    GRID_G_PADDED, /* stride-1 VALID: pad_full(d_out) */
    GRID_G_ROT,    /* stride-1 VALID: rot180(w) */
    /* channels view: strips with one k x k tile per input channel */
    GRID_CH_PADDED,  /* p[ci]: the conv2d-equivalent's input, channel ci */
    GRID_CH_OUTPUT,  /* y[co] */
    GRID_CH_W,       /* w[ci -> co] for every ci, as stored */
    GRID_CH_ROT,     /* rot180(transpose(w)[co, ci]) for every ci */
    GRID_CH_WINDOWS, /* the current window of p[ci] for every ci */
    GRID_CH_SUMS,    /* per input channel: window . rot180 slice */
    /* overlap view */
    GRID_OV_X,        /* the input, channel ci */
    GRID_OV_COUNTS,   /* products per canvas cell (overlap_full) */
    GRID_OV_Y,        /* conv2d_transpose(x, w), channel co */
    GRID_OV_NEAREST,  /* nearest-neighbour upsampling of x to the output size */
    GRID_OV_BILINEAR, /* bilinear upsampling of x to the output size */
    /* 1-D view (a 2-D layer: its W axis, row 0 of x and of w) */
    GRID_1D_X,      /* the input row, channel ci */
    GRID_1D_W,      /* the kernel row, slice ci -> co */
    GRID_1D_STAMPS, /* one row per input: x[j] * w placed at j*stride on the full row */
    GRID_1D_SUM,    /* the stamps added up: the uncropped row, the crop outlined */
    GRID_1D_COUNTS, /* stamps per position, as bars (rows = the most) */
    GRID_1D_Y,      /* the output row, channel co */
    GRID_1D_PADDED, /* the conv1d-equivalent: zeros inserted, padded */
    GRID_1D_ROT,    /* its kernel, reversed */
    /* stack view */
    GRID_SK_STAGE1, /* stage 1's contribution counts (alone = the chain so far) */
    GRID_SK_STAGE2, /* stage 2 alone, on ones */
    GRID_SK_STAGE3,
    GRID_SK_CHAIN2, /* paths from the chain's input through stages 1-2 */
    GRID_SK_CHAIN3, /* ... through stages 1-3 */
    GRID_COUNT,
    GRID_NONE = -1
} GridId;

typedef struct {
    int rows, cols; /* 0 = the grid is absent */
} GridDims;

typedef struct {
    int visible;
    int rows, cols;
    int cell;   /* px per cell (its height; and its width unless cell_w) */
    int cell_w; /* px per cell horizontally (the matrix view's wide cells) */
    int x, y;   /* top-left corner of cell (0, 0) */
    Rect title; /* caption box above the grid */
    Rect clip;  /* the view area the grid is drawn clipped to */
} GridLayout;

typedef struct ScreenLayout ScreenLayout;
typedef struct LayoutParams LayoutParams;

/* Places a view's grids inside the view area (l->view on entry). */
typedef void (*LayoutPlaceFn)(ScreenLayout *l, const LayoutParams *p, Rect area);

struct LayoutParams {
    LayoutPlaceFn place; /* NULL: no grids */
    GridDims dims[GRID_COUNT];
    float zoom;              /* 1 = fit; clamped to LAYOUT_ZOOM_MIN..MAX */
    int pan_x, pan_y;        /* px */
    float scale;             /* UiInput.scale (0 = 1) */
    int title_w[GRID_COUNT]; /* px the grid's caption needs; its slot is at least this wide */
    int header_h;            /* px the header needs (0: one title line and one body line) */
    /* Matrix view: cell width / height (0 = square), and the smallest cell
     * height at zoom 1 before the matrix scrolls instead of shrinking. */
    float matrix_aspect;
    int matrix_min_cell;
    int side_w; /* gradient view: px of the text column on the right (0: none) */
    /* A figure (scene_draw_figure): no header, panel, status or timeline;
     * figure_caption_h px at the bottom are kept for the caption. */
    int figure, figure_caption_h;
    int status_lines; /* the status line's wrapped lines (0: 1) */
    int no_chrome;    /* presenter mode: no header, panel or timeline bar (rects w == 0) */
    /* Body size the digits' least size comes from (0: the body text's).
     * The window passes its size without the user's text scale: larger
     * text asks for larger words, not for cells that hold fewer numbers. */
    int number_body_px;
};

/* Lines of wrapped status text the window gives at most: 2 at 540 px
 * high, one more per 90 px, up to LAYOUT_STATUS_MAX_LINES. */
#define LAYOUT_STATUS_MAX_LINES 4
int layout_status_lines_max(int height);

#define LAYOUT_ZOOM_MIN 0.25f
#define LAYOUT_ZOOM_MAX 8.0f

struct ScreenLayout {
    int width, height;
    int body_px;  /* body text: >= 18 px at 1080p, grows with the window */
    int title_px; /* the header's call line */
    int pad;      /* the spacing unit */
    int fit_cell; /* cell size at zoom 1 */
    int number_min_px; /* the least digits in a cell (layout_min_number_px) */
    Rect header, panel, status, timeline;
    Rect scatter, conv; /* view areas; w == 0 when hidden */
    Rect view;          /* the whole area of the views (every view kind) */
    Rect side;          /* gradient view: the text column; w == 0 otherwise */
    GridLayout grid[GRID_COUNT];
};

/* Body text size for a window height: max(18, height/1080*18) * scale. */
int layout_text_px(int height, float scale);

/* Numbers in cells: text of 9/20 of the cell (growing with zoom), never
 * below layout_min_number_px; a cell of layout_readable_cell px or more
 * holds its number. Grids of at most LAYOUT_SMALL_GRID cells a side (the
 * kernels, products, small layers) get at least readable cells (twice the
 * body size when there is room) even when a large grid of the frame shrinks
 * the shared cell size below that. */
#define LAYOUT_SMALL_GRID 12
int layout_min_number_px(int body_px);
int layout_number_px(int cell);
int layout_readable_cell(int body_px);
/* The cell size of grid d when the frame's shared cell is `cell` and small
 * grids get at least `floor` px. */
static inline int layout_cell_for(GridDims d, int cell, int floor)
{
    int small = d.rows <= LAYOUT_SMALL_GRID && d.cols <= LAYOUT_SMALL_GRID;
    return small && cell < floor ? floor : cell;
}
/* The floors an arrangement tries, best first, ending with 0 (no floor):
 * n written. Twice the body size (room for "-1.5"), the least cell that
 * holds three characters of numbers, the least readable cell. A floor is
 * taken when the shared cell it leaves is at least layout_floor_ok of the
 * cell without one (large grids stay images). */
#define LAYOUT_FLOORS 4
int layout_small_floors(const ScreenLayout *l, int out[LAYOUT_FLOORS]);
int layout_floor_ok(int cell, int cell_without_floor);
/* Whether every visible grid of at most LAYOUT_SMALL_GRID cells a side has
 * cells that hold their numbers at zoom 1 (a zoom below 1 asks for less). */
int layout_numbers_fit(const ScreenLayout *l, float zoom);

/* The size the numbers in grid id's cells are sized by (paint_numbers):
 * the cell, a wide cell's width up to twice its height; a channel's sum
 * (GRID_CH_SUMS) fills a tile as tall as its grid. */
int layout_number_cell(const ScreenLayout *l, GridId id);
/* Whether grid id is shown with some of it inside its clip. */
int layout_grid_on_screen(const ScreenLayout *l, GridId id);

void layout_compute(ScreenLayout *l, int width, int height, const LayoutParams *p);

/* Width of a cell: cell_w when set, else the (square) cell. */
static inline int grid_cell_w(const GridLayout *g)
{
    return g->cell_w > 0 ? g->cell_w : g->cell;
}

/* The size a cell's number is sized by: the cell, a wide cell (the matrix
 * view's) its width up to twice its height. */
static inline int grid_number_cell(const GridLayout *g)
{
    int cw = grid_cell_w(g);
    return cw < 2 * g->cell ? cw : 2 * g->cell;
}

/* ---- arrangements for the views' place functions ---- */

/* The scatter group (canvas with x and w) and the conv2d group (padded
 * input with the kernel, products and output), whichever are asked for and
 * have sizes; both: side by side or stacked, whichever gives bigger cells. */
void layout_split(ScreenLayout *l, const LayoutParams *p, Rect area, int scatter, int conv);

/* Rows of grids (GRID_NONE ends a row early), grids without a size left
 * out, every grid at the largest cell size that fits, centred (layout_views.c). */
#define LAYOUT_FLOW_COLS 3
void layout_flow(ScreenLayout *l, const LayoutParams *p, Rect area,
                 const GridId rows[][LAYOUT_FLOW_COLS], int n_rows);
/* The same rows, or the first row beside the others (left of them) when
 * only that gives grids of at most LAYOUT_SMALL_GRID cells a side cells
 * that hold their numbers. */
void layout_flow_best(ScreenLayout *l, const LayoutParams *p, Rect area,
                      const GridId rows[][LAYOUT_FLOW_COLS], int n_rows);

/* C^T with vec(x), vec(y) and the x, y maps: scrolls instead of shrinking
 * below matrix_min_cell (layout_views.c). */
void layout_matrix(ScreenLayout *l, const LayoutParams *p, Rect area);

/* Cut the text column of side_w off the right of *area when there is room
 * for it (l->side; w == 0 otherwise); l->view becomes the rest. */
void layout_side(ScreenLayout *l, const LayoutParams *p, Rect *area);

Rect layout_cell(const GridLayout *g, int row, int col);
Rect layout_grid_rect(const GridLayout *g);
/* The grid and cell under (x, y); 0 when none. */
int layout_hit(const ScreenLayout *l, int x, int y, GridId *grid, int *row, int *col);

/* Rect helpers (layout_rect.c). */
int rect_contains(Rect r, int x, int y);
int rect_overlaps(Rect a, Rect b);
Rect rect_inset(Rect r, int d);
Rect rect_intersect(Rect a, Rect b);
/* Cut a strip off one side of *r and return it (lite/microui style rows). */
Rect rect_cut_left(Rect *r, int w);
Rect rect_cut_right(Rect *r, int w);
Rect rect_cut_top(Rect *r, int h);
Rect rect_cut_bottom(Rect *r, int h);

#endif
