/* view_oned.c - the one-dimensional picture of a transposed convolution.
 *
 * Top: the input row and the kernel. Under them, one row per input element:
 * its stamp x[j] * w, placed j*stride cells further right than the last, on
 * the full (uncropped) row; where stamps overlap they stand in the same
 * column, so an overlap is visible as a column with more than one stamp.
 * Then the stamps added up (the uncropped row, the crop dimmed and the
 * output window outlined), and how many stamps reach each position as
 * bars. The output row sits beside the input and kernel (a short first
 * row keeps the cells big enough for their numbers at 1280x720); the last
 * row is the same output as an ordinary stride-1 conv1d: zeros inserted
 * between the inputs, padded, and the reversed kernel. The timeline plays the stamps one by one.
 *
 * A 2-D layer separates into its two axes, so the view shows the W axis:
 * row 0 of x stamping row 0 of w (its counts are the 2-D count map's
 * column factor); the output row and the conv1d side are left out, since
 * the other kernel rows add to every output row. */
#include "ui/paint.h"
#include "ui/view.h"

#include <stdio.h>

#define MAX_BARS 8 /* count bars taller than this are cut (the number says it) */

/* The row the view draws, with the stamps' placement. */
typedef struct {
    int one;     /* a 1-D layer */
    int n_in, k; /* input length, kernel taps */
    int stride, dil, full;
    const float *x, *w; /* the input row (channel ci), the kernel row (ci -> co); w NULL: no slice */
    int shown;          /* stamps already on the row (the timeline) */
    int current;        /* the stamp being placed, -1: none */
} Row;

static void row_of(Scene *s, Row *r)
{
    const ConvGeom *g = &s->m.g;
    r->one = s->spec.dims == 1;
    r->n_in = g->w.conv_out;
    r->k = g->w.k;
    r->stride = g->w.stride;
    r->dil = g->w.dil;
    r->full = g->w.full;
    size_t in_ch = (size_t)s->n * g->c_conv_out + s->ci;
    r->x = s->m.st.x + in_ch * g->h.conv_out * g->w.conv_out;
    long off = model_w_offset(&s->m, s->ci, s->co);
    r->w = off < 0 ? NULL : s->m.st.w + off;
    Moment mo;
    scene_moment(s, &mo);
    /* Steps run over [n, c, i, j]: row 0 of (n, ci) starts at base. */
    int base = (int)(in_ch * g->h.conv_out * g->w.conv_out);
    int shown = mo.scatter_done - base;
    r->shown = shown < 0 ? 0 : shown > r->n_in ? r->n_in : shown;
    r->current = -1;
    if (mo.kind == PHASE_SCATTER && mo.c.step >= base && mo.c.step < base + r->n_in)
        r->current = mo.c.step - base;
}

/* Stamps on position p (every input, whatever the timeline shows). */
static int count_at(const Row *r, int p)
{
    int n = 0;
    for (int b = 0; b < r->k; b++) {
        int q = p - b * r->dil;
        n += q >= 0 && q % r->stride == 0 && q / r->stride < r->n_in;
    }
    return n;
}

/* Stamp of input j on position p, or 0 when it does not reach it. */
static int stamp_at(const Row *r, int j, int p, float *v)
{
    int q = p - j * r->stride;
    if (!r->w || q < 0 || q % r->dil != 0 || q / r->dil >= r->k)
        return 0;
    *v = r->x[j] * r->w[q / r->dil];
    return 1;
}

static float sum_at(const Row *r, int p)
{
    float acc = 0.0f, v;
    for (int j = 0; j < r->shown; j++)
        if (stamp_at(r, j, p, &v))
            acc += v;
    return acc;
}

/* The pattern in words: one period of the counts where every stamp can
 * reach (k_eff-1 in from each end), starting at its smallest value. */
static void put_pattern(StrBuf *o, const Row *r)
{
    int k_eff = r->dil * (r->k - 1) + 1, lo = k_eff - 1, hi = r->full - k_eff;
    if (hi - lo + 1 < r->stride) {
        strbuf_printf(o, "too few inputs for a repeating pattern: counts");
        for (int p = 0; p < r->full; p++)
            strbuf_printf(o, "%s%d", p ? "/" : " ", count_at(r, p));
        return;
    }
    int start = lo, even = 1;
    for (int p = lo; p < lo + r->stride; p++) {
        start = count_at(r, p) < count_at(r, start) ? p : start;
        even &= count_at(r, p) == count_at(r, lo);
    }
    if (even) {
        strbuf_printf(o, "even, %d stamp%s on every inside position", count_at(r, lo),
                 count_at(r, lo) == 1 ? "" : "s");
        return;
    }
    strbuf_printf(o, "uneven, ");
    for (int i = 0; i < 2 * r->stride; i++)
        strbuf_printf(o, "%s%d", i ? "/" : "", count_at(r, start + i % r->stride));
    strbuf_printf(o, "... stamps per position: a checkerboard even for a constant x");
}

static void status(Scene *s, StrBuf *o)
{
    Row r;
    row_of(s, &r);
    if (!r.one)
        strbuf_printf(o, "a 2-D layer along W (row 0 of x and w): ");
    strbuf_printf(o, "kernel %d, stride %d: ", r.k, r.stride);
    put_pattern(o, &r);
    strbuf_printf(o, " (%d is %sa multiple of %d)", r.k, r.k % r.stride == 0 ? "" : "not ", r.stride);
}

static void caption_of(const Scene *s, GridId grid, int widest, StrBuf *o)
{
    const ConvGeom *g = &s->m.g;
    int one = s->spec.dims == 1;
    switch (grid) {
    case GRID_1D_X: strbuf_printf(o, "%s", one ? "x" : "x row 0"); break;
    case GRID_1D_W: strbuf_printf(o, "%s", one ? "w" : "w row 0"); break;
    case GRID_1D_STAMPS:
        strbuf_printf(o, s->short_captions ? "stamps" : "x[j] " MUL " w, moved j" MUL "%d",
                 g->w.stride);
        break;
    case GRID_1D_SUM:
        if (s->short_captions && !widest)
            strbuf_printf(o, "sum, %d long", g->w.full);
        else
            strbuf_printf(o, "sum: %d long, crop %d + %d", g->w.full, g->w.pad_before,
                     g->w.crop_after);
        break;
    case GRID_1D_COUNTS: strbuf_printf(o, s->short_captions ? "count" : "stamps per position"); break;
    case GRID_1D_Y: strbuf_printf(o, s->short_captions ? "y" : "y (cropped)"); break;
    case GRID_1D_PADDED: strbuf_printf(o, s->short_captions ? "padded" : "zeros inserted, padded"); break;
    case GRID_1D_ROT: strbuf_printf(o, s->short_captions ? "w rev" : "w reversed"); break;
    default: break;
    }
}

static void tooltip(Scene *s, CellRef c, StrBuf *o)
{
    Row r;
    row_of(s, &r);
    float v;
    switch (c.grid) {
    case GRID_1D_X: strbuf_printf(o, "x[%d] = ", c.col); text_num(o, r.x[c.col]); break;
    case GRID_1D_W:
        if (r.w) {
            strbuf_printf(o, "w[%d] = ", c.col);
            text_num(o, r.w[c.col]);
        }
        break;
    case GRID_1D_STAMPS:
        if (stamp_at(&r, c.row, c.col, &v)) {
            strbuf_printf(o, "x[%d] " MUL " w[%d] = ", c.row, (c.col - c.row * r.stride) / r.dil);
            text_num(o, v);
            strbuf_printf(o, " at position %d", c.col);
        }
        break;
    case GRID_1D_SUM:
    case GRID_1D_COUNTS:
        strbuf_printf(o, "position %d: %d stamp%s", c.col, count_at(&r, c.col),
                 count_at(&r, c.col) == 1 ? "" : "s");
        if (c.col < s->m.g.w.pad_before || c.col >= s->m.g.w.pad_before + s->m.g.w.conv_in)
            strbuf_printf(o, " (cropped away)");
        break;
    default: break;
    }
}

typedef struct {
    const Theme *th;
    const Row *r;
    float vmax;
} StampCtx;

static Color stamp_color(const void *ctx, int row, int col)
{
    const StampCtx *k = ctx;
    float v;
    if (row >= k->r->shown || !stamp_at(k->r, row, col, &v))
        return k->th->bg;
    return theme_value_color(k->th, v, k->vmax);
}

static int stamp_text(const void *ctx, int row, int col, char *buf, size_t cap, Color *fg)
{
    const StampCtx *k = ctx;
    float v;
    if (row >= k->r->shown || !stamp_at(k->r, row, col, &v))
        return 0;
    snprintf(buf, cap, "%g", v);
    *fg = theme_text_on(k->th, theme_value_color(k->th, v, k->vmax));
    return 1;
}

/* Bars: rows from the top, a cell is filled when the count reaches up to it. */
typedef struct {
    const Theme *th;
    const Row *r;
    int rows;
} BarCtx;

static int bar_height(const BarCtx *k, int col)
{
    int n = count_at(k->r, col);
    return n > k->rows ? k->rows : n;
}

static Color bar_color(const void *ctx, int row, int col)
{
    const BarCtx *k = ctx;
    return k->rows - row <= bar_height(k, col) ? k->th->footprint : k->th->bg;
}

/* The count in the bar's top cell (the bottom one when there is none). */
static int bar_text(const void *ctx, int row, int col, char *buf, size_t cap, Color *fg)
{
    const BarCtx *k = ctx;
    int h = bar_height(k, col), top = k->rows - (h > 0 ? h : 1);
    if (row != top)
        return 0;
    snprintf(buf, cap, "%d", count_at(k->r, col));
    *fg = h > 0 ? theme_text_on(k->th, k->th->footprint) : k->th->text;
    return 1;
}

static void caption(Painter *p, const Scene *s, GridId id)
{
    char cap[96];
    text_caption(s, id, 0, cap, sizeof cap);
    paint_caption(p, &s->layout.grid[id], cap);
}

static void plane(Painter *p, const Scene *s, GridId id, const float *vals, float vmax)
{
    const GridLayout *g = &s->layout.grid[id];
    if (!g->visible)
        return;
    PlaneView v = {p->th, vals, g->cols, -1, vmax};
    paint_plane(p, g, &v);
    caption(p, s, id);
}

static void draw(Scene *s, DrawList *dl)
{
    const ScreenLayout *l = &s->layout;
    const ConvGeom *g = &s->m.g;
    Painter p;
    paint_init(&p, s, dl);
    Row r;
    row_of(s, &r);
    draw_clip(dl, l->view);
    plane(&p, s, GRID_1D_X, r.x, s->m.vmax_x);
    plane(&p, s, GRID_1D_W, r.w, s->m.vmax_w);

    StampCtx sc = {p.th, &r, s->m.vmax_y};
    paint_grid(&p, s, GRID_1D_STAMPS, stamp_color, stamp_text, &sc);

    const GridLayout *gs = &l->grid[GRID_1D_SUM];
    float sums[VIZ_MAX_CANVAS];
    for (int c = 0; c < r.full && c < VIZ_MAX_CANVAS; c++)
        sums[c] = sum_at(&r, c);
    PlaneView sv = {p.th, sums, r.full, -1, s->m.vmax_y};
    paint_plane(&p, gs, &sv);
    /* The crop on a one-row canvas: the W axis of the layer, H trivial. */
    ConvGeom rowg = *g;
    rowg.h = (AxisGeom){.conv_in = 1, .conv_out = 1, .k = 1, .stride = 1, .dil = 1, .k_eff = 1,
                        .full = 1};
    paint_crop(&p, gs, &rowg, 1);
    caption(&p, s, GRID_1D_SUM);

    BarCtx bc = {p.th, &r, l->grid[GRID_1D_COUNTS].rows};
    paint_grid(&p, s, GRID_1D_COUNTS, bar_color, bar_text, &bc);

    if (r.one) {
        size_t out_ch = (size_t)s->n * g->c_conv_in + s->co;
        plane(&p, s, GRID_1D_Y, s->m.st.output + out_ch * g->w.conv_in, s->m.vmax_y);
        size_t in_ch = (size_t)s->n * g->c_conv_out + s->ci;
        plane(&p, s, GRID_1D_PADDED, s->m.gt.eq.padded + in_ch * s->m.gt.eq.eq.w.conv_in,
              s->m.vmax_x);
        long ro = model_rot_offset(&s->m, s->co, s->ci);
        plane(&p, s, GRID_1D_ROT, ro < 0 ? NULL : s->m.gt.eq.kernel + ro, s->m.vmax_w);
    }

    /* The stamp being placed: its input, its row and where it lands. */
    if (r.current >= 0) {
        const GridLayout *gx = &l->grid[GRID_1D_X], *gt = &l->grid[GRID_1D_STAMPS];
        paint_cell_frame(&p, gx, 0, r.current, p.th->highlight, paint_thick(gx) + 1);
        for (int b = 0; b < r.k; b++)
            paint_cell_frame(&p, gt, r.current, r.current * r.stride + b * r.dil,
                             p.th->highlight, paint_thick(gt) + 1);
    }
    draw_clip(dl, (Rect){0, 0, 0, 0});
}

static void dims(const Scene *s, LayoutParams *p, int body)
{
    (void)body;
    const ConvGeom *g = &s->m.g;
    int full = g->w.full, most = 0;
    Row r = {.n_in = g->w.conv_out, .k = g->w.k, .stride = g->w.stride, .dil = g->w.dil,
             .full = full};
    for (int c = 0; c < full; c++)
        most = count_at(&r, c) > most ? count_at(&r, c) : most;
    p->dims[GRID_1D_X] = (GridDims){1, g->w.conv_out};
    p->dims[GRID_1D_W] = (GridDims){1, g->w.k};
    p->dims[GRID_1D_STAMPS] = (GridDims){g->w.conv_out, full};
    p->dims[GRID_1D_SUM] = (GridDims){1, full};
    p->dims[GRID_1D_COUNTS] = (GridDims){most < 1 ? 1 : most > MAX_BARS ? MAX_BARS : most, full};
    if (s->spec.dims == 1) {
        p->dims[GRID_1D_Y] = (GridDims){1, g->w.conv_in};
        p->dims[GRID_1D_PADDED] = (GridDims){1, s->m.gt.eq.eq.w.conv_in};
        p->dims[GRID_1D_ROT] = (GridDims){1, g->w.k};
    }
}

static void place(ScreenLayout *l, const LayoutParams *p, Rect area)
{
    static const GridId rows[][LAYOUT_FLOW_COLS] = {
        {GRID_1D_X, GRID_1D_W, GRID_1D_Y},
        {GRID_1D_STAMPS, GRID_NONE, GRID_NONE},
        {GRID_1D_SUM, GRID_NONE, GRID_NONE},
        {GRID_1D_COUNTS, GRID_NONE, GRID_NONE},
        {GRID_1D_PADDED, GRID_1D_ROT, GRID_NONE},
    };
    layout_flow(l, p, area, rows, 5);
}

const ViewOps view_oned_ops = {
    .name = "oned",
    .n_phases = 1,
    .phase = {PHASE_SCATTER},
    .first_grid = GRID_1D_X,
    .last_grid = GRID_1D_ROT,
    .targets =
        {
            {TARGET_INPUT, GRID_1D_X},
            {TARGET_FILTER, GRID_1D_W},
            {TARGET_OUTPUT, GRID_1D_Y},
            {TARGET_CANVAS, GRID_1D_SUM},
            {TARGET_PADDED, GRID_1D_PADDED},
            {TARGET_KERNEL, GRID_1D_ROT},
        },
    .dims = dims,
    .place = place,
    .draw = draw,
    .status = status,
    .caption = caption_of,
    .tooltip = tooltip,
};
