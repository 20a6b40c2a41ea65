/* view.h - the role every view plays, as one struct of functions.
 *
 * A view (scatter, conv2d, matrix, gradient, ...) is one file that fills a
 * ViewOps and one row of the table in views.c. The scene never names a view:
 * it asks the current row for its timeline phases, its grids' sizes and
 * places, a per-frame update, its drawing and its sentences, and asks the
 * row that owns a grid for that grid's caption and tooltip. Hooks a view
 * does not need stay NULL.
 *
 *     static void draw(Scene *s, DrawList *dl) { ... }
 *     const ViewOps view_overlap_ops = {
 *         .name = "overlap", .n_phases = 1, .phase = {PHASE_SCATTER},
 *         .first_grid = GRID_OV_X, .last_grid = GRID_OV_BILINEAR,
 *         .dims = dims, .place = place, .draw = draw, .status = status,
 *         .caption = caption, .tooltip = tooltip,
 *     };
 */
#ifndef TCVIZ_VIEW_H
#define TCVIZ_VIEW_H

#include "ui/text.h"

/* What a lesson step may highlight. `input` also names d_out and, in a
 * gradient lesson, the forward output; `forward_x` is a gradient lesson's
 * forward input. */
typedef enum {
    TARGET_END = 0, /* ends a row's list */
    TARGET_INPUT,
    TARGET_FILTER,
    TARGET_OUTPUT,
    TARGET_CANVAS,
    TARGET_PADDED,
    TARGET_KERNEL,
    TARGET_FORWARD_X,
} TargetKind;

/* A highlight target and the grid that shows it in this view. */
typedef struct {
    TargetKind kind;
    GridId grid;
} ViewTarget;

#define VIEW_MAX_TARGETS 8

struct ViewOps {
    const char *name; /* --view, the panel, lesson files */
    /* What the timeline plays: one or two phases. */
    int n_phases;
    PhaseKind phase[TIMELINE_MAX_PHASES];
    /* The grids this view owns, for captions and tooltips (GRID_NONE: it
     * shows other views' grids). */
    GridId first_grid, last_grid;
    /* Cells big by nature (scatter, conv2d): short captions before small
     * cells; otherwise long captions unless they cost a fifth of the cell. */
    int big_cells;
    /* The targets it shows, each on one grid (the rest: not shown). */
    ViewTarget targets[VIEW_MAX_TARGETS];
    int output_on_canvas; /* output cells sit inside the uncropped canvas */
    /* A view that draws every step alike (stack, code): the timeline's
     * counter shows these words instead of "step 3/9 · scatter 4/9". */
    const char *still;
    /* The legend's words for its colour scales: the grids that share the
     * value bar's scale (NULL: "x, y") and those on a scale of their own
     * (NULL: "w"); scale_vmax: the bar's max |value| (NULL: the layer's
     * shared x/y scale). */
    const char *scale_shared, *scale_own;
    float (*scale_vmax)(Scene *s);

    /* Sizes of its grids for the layout; body is the body text size. */
    void (*dims)(const Scene *s, LayoutParams *p, int body);
    /* Where its grids go inside the view area (layout_compute's place). */
    LayoutPlaceFn place;
    /* Once per frame after layout, before drawing: work that moves state
     * (scrolling, a slice of a long check). */
    void (*update)(Scene *s);
    /* 1 while it has work left that needs more frames. */
    int (*busy)(Scene *s);
    void (*draw)(Scene *s, DrawList *dl);
    /* The status line's sentence for the current step. */
    void (*status)(Scene *s, StrBuf *o);
    /* A grid's caption; widest: the longest it can take, to size its slot. */
    void (*caption)(const Scene *s, GridId g, int widest, StrBuf *o);
    void (*tooltip)(Scene *s, CellRef c, StrBuf *o);
    /* A press inside the view, not on a cell; 1 when taken (code tabs). */
    int (*press)(Scene *s, int x, int y);
    /* A cell of this view was clicked and pinned. */
    void (*clicked)(Scene *s, CellRef c);
    /* Ctrl+C. */
    void (*copy)(Scene *s);
    /* The layer changed: drop what was built for the old one. */
    void (*changed)(Scene *s);
};

/* The grid showing a highlight target in view v, or GRID_NONE. */
static inline GridId view_target(const ViewOps *v, TargetKind k)
{
    for (int i = 0; i < VIEW_MAX_TARGETS && v->targets[i].kind != TARGET_END; i++)
        if (v->targets[i].kind == k)
            return v->targets[i].grid;
    return GRID_NONE;
}

/* The current view's row, and the row owning a grid (NULL: none). */
static inline const ViewOps *view_of(const Scene *s)
{
    return s->views[s->view];
}
const ViewOps *view_owner(const Scene *s, GridId g);

/* The rows "both" is made of (view_both.c). */
extern const ViewOps view_scatter_ops, view_conv2d_ops;

/* ---- the larger views keep their sentences in a file of their own ---- */

/* The scatter and conv2d views' sentences (view_scatter_text.c,
 * view_conv2d_text.c). */
void scatter_status(Scene *s, StrBuf *o);
void scatter_caption(const Scene *s, GridId g, int widest, StrBuf *o);
void scatter_tooltip(Scene *s, CellRef c, StrBuf *o);
/* The conv2d step's sentence; beside_scatter: the scatter's result is on
 * screen, so it is named as a cell rather than as a result. */
void conv2d_sentence(StrBuf *o, Scene *s, int beside_scatter);
void conv2d_status(Scene *s, StrBuf *o);
void conv2d_caption(const Scene *s, GridId g, int widest, StrBuf *o);
void conv2d_tooltip(Scene *s, CellRef c, StrBuf *o);

/* The channels view's strips (view_channels_tiles.c): the input channels
 * shown, first..first+count-1; the channel of a strip column (-1 between
 * tiles) with the column inside its tile in *b; the value at (a, b) of
 * channel ci's tile (0: the tile is empty there). */
typedef enum { STRIP_W, STRIP_ROT, STRIP_WINDOW } StripKind;
typedef struct {
    Scene *s;
    const Theme *th;
    StripKind kind;
    GatherStep gs;
    float vmax;
} StripCtx;
void channels_window(const Scene *s, int *first, int *count);
int channels_tile_of(const Scene *s, int col, int *b);
int channels_strip_value(const StripCtx *x, int ci, int a, int b, float *v);
/* Its sentences (view_channels_text.c). */
void channels_status(Scene *s, StrBuf *o);
void channels_caption(const Scene *s, GridId g, int widest, StrBuf *o);
void channels_tooltip(Scene *s, CellRef c, StrBuf *o);

/* The stack view's chain (view_stack_chain.c): the chain shown, run once
 * per change of its stages, kinds, kernel sizes and input shape; callers
 * read it and do not free it. ok == 0: err says why it cannot run. */
typedef struct {
    StackSpec spec;
    StackResult r;
    Tensor in, filter; /* the repeated layer's chain only */
    /* Kernel sizes, kept: a lesson's stage tensors go with the lesson, so
     * spec's filter pointers are not read after the run. */
    int kh[STACK_MAX_STAGES], kw[STACK_MAX_STAGES];
    int ok;
    Err err;
} StackChain;
const StackChain *view_stack_chain(const Scene *s);
/* The grid of stage k's own map, and of stages 1..k's (GRID_NONE for k 0). */
extern const GridId view_stack_stage_grid[STACK_MAX_STAGES];
extern const GridId view_stack_chain_grid[STACK_MAX_STAGES];
/* Which map a grid shows: stage *k alone (*chain 0) or stages 1..*k; NULL
 * when the grid shows none. */
const Tensor *view_stack_map(const StackChain *c, GridId id, int *k, int *chain);

/* The conv2d view's padded input, channel ci's plane, as paint_grid's cell
 * functions (view_conv2d_padded.c); ctx is a PaddedCtx. */
typedef struct {
    const Scene *s;
    const Theme *th;
    const float *plane; /* padded input, channel ci */
} PaddedCtx;
Color conv2d_padded_color(const void *ctx, int r, int c);
int conv2d_padded_text(const void *ctx, int r, int c, char *buf, size_t cap, Color *fg);

/* The matrix view's sentences and index decoding (view_matrix_text.c). */
void matrix_status(Scene *s, StrBuf *o);
void matrix_caption(const Scene *s, GridId g, int widest, StrBuf *o);
void matrix_tooltip(Scene *s, CellRef c, StrBuf *o);
/* Flat OIHW weight index of the forward conv -> w[cs, cb][a, b]. */
void matrix_weight_of(const ConvGeom *g, int widx, int *cs, int *cb, int *a, int *b);
/* Row r of C^T is output (c, y, x); column col is input (c, i, j). */
void matrix_row_cell(const ConvGeom *g, int r, int *c, int *y, int *x);
void matrix_col_cell(const ConvGeom *g, int col, int *c, int *i, int *j);
/* First entry of row r with column >= col. */
size_t matrix_row_lower_bound(const SparseMatrix *m, int r, int col);

/* The gradient view's sentences and side column (view_gradient_text.c).
 * The focus: a d_x cell (flat [N,Cb,H,W] index) or a d_w tap (flat OIHW
 * index), the hovered one, else the current step's. */
typedef struct {
    int is_dw;
    size_t idx;
} GradFocus;
GradFocus gradient_focus(Scene *s, const Moment *mo);
void gradient_status(Scene *s, StrBuf *o);
void gradient_caption(const Scene *s, GridId g, int widest, StrBuf *o);
void gradient_tooltip(Scene *s, CellRef c, StrBuf *o);
void gradient_draw_side(Scene *s, DrawList *dl, const GradModel *gm, GradFocus f);

#endif
