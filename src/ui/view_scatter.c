/* view_scatter.c - the transposed convolution as a scatter.
 *
 * Input x, kernel w, and the output canvas at its full, uncropped size:
 * each step multiplies one input element into a copy of the kernel, which
 * travels from the input cell to its footprint at (i*s, j*s) and is added
 * in. The crop window is outlined and what the padding crops away is
 * dimmed; rows appended past the canvas (output_padding, a larger TF
 * output_shape) are drawn as zeros of their own colour. Canvas values are
 * the core's partial sums, so stepping back shows exactly the earlier sums. */
#include "ui/paint.h"
#include "ui/view.h"

#include <stdio.h>

typedef struct {
    const Scene *s;
    const Theme *th;
    const float *plane; /* [rows, cols] slice drawn */
    int cols;
    float vmax;
} PlaneCtx;

static Color plane_color(const void *ctx, int r, int c)
{
    const PlaneCtx *p = ctx;
    return theme_value_color(p->th, p->plane[(size_t)r * p->cols + c], p->vmax);
}

static int plane_text(const void *ctx, int r, int c, char *buf, size_t cap, Color *fg)
{
    const PlaneCtx *p = ctx;
    float v = p->plane[(size_t)r * p->cols + c];
    format_cell_number(buf, cap, v);
    *fg = theme_text_on(p->th, theme_value_color(p->th, v, p->vmax));
    return 1;
}

/* The canvas: the partial sums before the current unit, plus the products
 * of the current step that have landed (multiply-add granularity). */
typedef struct {
    const Scene *s;
    const Theme *th;
    const float *base, *after; /* planes of channel co; after may be NULL */
    int fh, fw;                /* canvas size */
    int row0, col0, landed;    /* current step's footprint and taps on canvas */
} CanvasCtx;

static int in_output(const ConvGeom *g, int r, int c)
{
    int oy, ox;
    return geom_full_to_out(&g->h, r, &oy) && geom_full_to_out(&g->w, c, &ox);
}

static int tap_landed(const CanvasCtx *cc, int r, int c)
{
    const ConvGeom *g = &cc->s->m.g;
    int a = r - cc->row0, b = c - cc->col0;
    if (!cc->after || a < 0 || b < 0 || a % g->h.dil || b % g->w.dil)
        return 0;
    a /= g->h.dil;
    b /= g->w.dil;
    return a < g->h.k && b < g->w.k && a * g->w.k + b < cc->landed;
}

static float canvas_value(const CanvasCtx *cc, int r, int c)
{
    const float *src = tap_landed(cc, r, c) ? cc->after : cc->base;
    return src[(size_t)r * cc->fw + c];
}

static Color canvas_color(const void *ctx, int r, int c)
{
    const CanvasCtx *cc = ctx;
    if (r >= cc->fh || c >= cc->fw)
        return in_output(&cc->s->m.g, r, c) ? cc->th->extended : (Color){0, 0, 0, 0};
    return theme_value_color(cc->th, canvas_value(cc, r, c), cc->s->m.vmax_y);
}

static int canvas_text(const void *ctx, int r, int c, char *buf, size_t cap, Color *fg)
{
    const CanvasCtx *cc = ctx;
    if (r >= cc->fh || c >= cc->fw) {
        if (!in_output(&cc->s->m.g, r, c))
            return 0;
        *fg = cc->th->text_dim;
        format_cell_number(buf, cap, 0.0);
        return 1;
    }
    float v = canvas_value(cc, r, c);
    format_cell_number(buf, cap, v);
    *fg = theme_text_on(cc->th, theme_value_color(cc->th, v, cc->s->m.vmax_y));
    return 1;
}

static void draw_overlaps(Painter *p, const GridLayout *gl, const Scene *s)
{
    const ConvGeom *g = &s->m.g;
    if (gl->cell < 12)
        return;
    /* Corner labels are body-sized (>= 18 px at 1080p) or not drawn: the
     * tooltip and the status line say the same. */
    int badge = p->body_px;
    Color oc = color_alpha(p->th->overlap, 110);
    for (int r = 0; r < g->h.full; r++)
        for (int c = 0; c < g->w.full; c++) {
            int n = s->m.overlap[(size_t)r * g->w.full + c];
            if (n < 2)
                continue;
            Rect cell = layout_cell(gl, r, c);
            draw_frame(p->dl, rect_inset(cell, 2), oc, n > 2 ? 2 : 1);
            if (gl->cell >= 4 * badge) {
                char t[16];
                snprintf(t, sizeof t, "%dx", n);
                draw_text(p->dl, cell.x + 4, cell.y + 3, badge, p->th->text_dim, ALIGN_LEFT, t);
            }
        }
}

/* Footprint cells of scatter step k on the canvas, framed. */
static void frame_footprint(Painter *p, const GridLayout *gl, const ConvGeom *g, int row0, int col0,
                            Color c, int thick)
{
    for (int a = 0; a < g->h.k; a++)
        for (int b = 0; b < g->w.k; b++)
            paint_cell_frame(p, gl, row0 + a * g->h.dil, col0 + b * g->w.dil, c, thick);
}

/* The weighted copy x[k]*w travelling from the input cell to its footprint. */
static void draw_copy(Painter *p, Scene *s, const Moment *mo, const ScatterStep *st)
{
    const ConvGeom *g = &s->m.g;
    const GridLayout *gi = &s->layout.grid[GRID_INPUT], *gc = &s->layout.grid[GRID_CANVAS];
    const float *copy = model_copy(&s->m, mo->c.step, s->co);
    double e = ease(s->tl.tween);
    Rect src = layout_cell(gi, st->i, st->j);
    int kmax = g->h.k > g->w.k ? g->h.k : g->w.k, sub = src.w / kmax > 1 ? src.w / kmax : 1;
    int t0 = 0, t1 = g->h.k * g->w.k;
    if (s->tl.gran == GRAN_MAC)
        t0 = mo->c.taps_done - 1, t1 = mo->c.taps_done;
    for (int t = t0; t < t1; t++) {
        int a = t / g->w.k, b = t % g->w.k;
        float v = copy[(size_t)a * g->h.dil * g->w.k_eff + b * g->w.dil];
        Rect from = {src.x + b * sub, src.y + a * sub, sub, sub};
        Rect to = layout_cell(gc, st->row0 + a * g->h.dil, st->col0 + b * g->w.dil);
        Rect r = rect_lerp(from, to, e);
        Color fill = color_alpha(theme_value_color(p->th, v, s->m.vmax_y), 235);
        draw_rect(p->dl, r, fill);
        draw_frame(p->dl, r, p->th->highlight, 2);
        int px = paint_number_px(p, r.w);
        if (px) {
            char buf[32];
            format_cell_number(buf, sizeof buf, v);
            paint_fit_text(p, r, px, theme_text_on(p->th, fill), buf);
        }
    }
}

/* "+v" in each landed footprint cell: what this step added there. */
static void draw_added(Painter *p, Scene *s, const Moment *mo, const ScatterStep *st)
{
    const ConvGeom *g = &s->m.g;
    const GridLayout *gc = &s->layout.grid[GRID_CANVAS];
    int px = p->body_px; /* body-sized or not at all (see draw_overlaps) */
    if (gc->cell < px * 4)
        return;
    const float *copy = model_copy(&s->m, mo->c.step, s->co);
    int t0 = s->tl.gran == GRAN_MAC ? mo->c.taps_done - 1 : 0, t1 = mo->c.taps_done;
    for (int t = t0; t < t1; t++) {
        int a = t / g->w.k, b = t % g->w.k;
        float v = copy[(size_t)a * g->h.dil * g->w.k_eff + b * g->w.dil];
        char buf[40] = "+"; /* a negative addend carries its own sign: "-5", not "+-5" */
        format_cell_number(buf + (v >= 0), sizeof buf - 1, v);
        Rect cell = layout_cell(gc, st->row0 + a * g->h.dil, st->col0 + b * g->w.dil);
        draw_text_box(p->dl, (Rect){cell.x, cell.y + cell.h - px - 2, cell.w - 4, px}, px,
                      p->th->highlight, ALIGN_RIGHT, buf);
    }
}

static void draw_current(Painter *p, Scene *s, const Moment *mo)
{
    const ConvGeom *g = &s->m.g;
    const GridLayout *gi = &s->layout.grid[GRID_INPUT], *gc = &s->layout.grid[GRID_CANVAS];
    const GridLayout *gk = &s->layout.grid[GRID_KERNEL];
    int thick = paint_thick(gi) + 1;
    ScatterStep st;
    trace_scatter_step(&s->m.st, mo->c.step, &st);
    if (s->tl.gran == GRAN_ROW) {
        ScatterStep first;
        trace_scatter_step(&s->m.st, mo->c.first, &first);
        for (int j = first.j; j <= st.j; j++)
            paint_cell_frame(p, gi, st.i, j, p->th->highlight, thick);
        Rect band = {gc->x, gc->y + st.row0 * gc->cell, g->w.full * gc->cell,
                     g->h.k_eff * gc->cell};
        draw_frame(p->dl, band, p->th->footprint, paint_thick(gc) + 1);
        return;
    }
    paint_cell_frame(p, gi, st.i, st.j, p->th->highlight, thick);
    int connected = model_w_offset(&s->m, st.c, s->co) >= 0;
    if (!connected)
        return;
    frame_footprint(p, gc, g, st.row0, st.col0, p->th->footprint, paint_thick(gc));
    if (s->tl.gran == GRAN_MAC) {
        int t = mo->c.taps_done - 1, a = t / g->w.k, b = t % g->w.k;
        paint_cell_frame(p, gk, a, b, p->th->highlight, paint_thick(gk) + 1);
        paint_cell_frame(p, gc, st.row0 + a * g->h.dil, st.col0 + b * g->w.dil, p->th->highlight,
                         paint_thick(gc) + 2);
    }
    if (!mo->landed)
        draw_copy(p, s, mo, &st);
    else
        draw_added(p, s, mo, &st);
}

/* Hover or pin: an input cell's footprint, or an output cell's feeders. */
static void draw_links(Painter *p, Scene *s)
{
    CellRef f = scene_focus(s);
    const ConvGeom *g = &s->m.g;
    const ScreenLayout *l = &s->layout;
    Color c = p->link;
    const GridLayout *gi = &l->grid[GRID_INPUT], *gk = &l->grid[GRID_KERNEL],
                     *gc = &l->grid[GRID_CANVAS];
    int i = -1, j = -1, fy = -1, fx = -1;
    if (f.grid == GRID_INPUT) {
        i = f.row, j = f.col;
    } else if (f.grid == GRID_PADDED) {
        const EquivConv *e = &s->m.gt.eq;
        int zy = f.row - e->pad[0], zx = f.col - e->pad[2];
        if (zy >= 0 && zx >= 0 && zy < e->zh && zx < e->zw && zy % g->h.stride == 0 &&
            zx % g->w.stride == 0)
            i = zy / g->h.stride, j = zx / g->w.stride;
    } else if (f.grid == GRID_CANVAS && f.row < g->h.full && f.col < g->w.full) {
        fy = f.row, fx = f.col;
    } else if (f.grid == GRID_OUTPUT) {
        fy = f.row + g->h.pad_before, fx = f.col + g->w.pad_before;
    }
    if (i >= 0) {
        paint_cell_frame(p, gi, i, j, c, paint_thick(gi) + 1);
        if (model_w_offset(&s->m, s->ci, s->co) >= 0)
            frame_footprint(p, gc, g, i * g->h.stride, j * g->w.stride, c, paint_thick(gc) + 1);
    }
    if (fy < 0 || fy >= g->h.full || fx >= g->w.full || model_w_offset(&s->m, s->ci, s->co) < 0)
        return;
    paint_cell_frame(p, gc, fy, fx, c, paint_thick(gc) + 1);
    int ys[GEOM_MAX_PARAM], as[GEOM_MAX_PARAM], xs[GEOM_MAX_PARAM], bs[GEOM_MAX_PARAM];
    int ny = terms_canvas_axis(&g->h, fy, ys, as, GEOM_MAX_PARAM);
    int nx = terms_canvas_axis(&g->w, fx, xs, bs, GEOM_MAX_PARAM);
    for (int r = 0; r < ny; r++)
        for (int q = 0; q < nx; q++) {
            paint_cell_frame(p, gi, ys[r], xs[q], c, paint_thick(gi) + 1);
            paint_cell_frame(p, gk, as[r], bs[q], c, paint_thick(gk) + 1);
        }
}

static void draw(Scene *s, DrawList *dl)
{
    const ScreenLayout *l = &s->layout;
    if (l->scatter.w <= 0)
        return;
    Painter p;
    paint_init(&p, s, dl);
    const Theme *th = p.th;
    const ConvGeom *g = &s->m.g;
    Moment mo;
    scene_moment(s, &mo);
    char cap[96];
    draw_clip(dl, l->scatter);

    /* input x[n, ci] */
    size_t hw = (size_t)g->h.conv_out * g->w.conv_out;
    PlaneCtx pi = {s, th, s->m.st.x + ((size_t)s->n * g->c_conv_out + s->ci) * hw, g->w.conv_out,
                   s->m.vmax_x};
    paint_grid(&p, s, GRID_INPUT, plane_color, plane_text, &pi);

    /* kernel w[ci, co] */
    const GridLayout *gk = &l->grid[GRID_KERNEL];
    long off = model_w_offset(&s->m, s->ci, s->co);
    if (off >= 0) {
        PlaneCtx pk = {s, th, s->m.st.w + off, g->w.k, s->m.vmax_w};
        paint_cells(&p, gk, plane_color, &pk);
        paint_numbers(&p, gk, plane_text, &pk);
    }
    paint_grid_lines(&p, gk);
    text_caption(s, GRID_KERNEL, 0, cap, sizeof cap);
    paint_caption(&p, gk, cap);

    /* canvas, channel co: partial sums of the core's trace */
    const GridLayout *gc = &l->grid[GRID_CANVAS];
    size_t plane = (size_t)g->h.full * g->w.full, chan = (size_t)s->n * g->c_conv_in + s->co;
    CanvasCtx cc = {s, th, NULL, NULL, g->h.full, g->w.full, 0, 0, 0};
    if (mo.kind == PHASE_SCATTER && s->tl.gran == GRAN_MAC) {
        ScatterStep st;
        trace_scatter_step(&s->m.st, mo.c.step, &st);
        cc.base = model_canvas(&s->m, mo.c.step) + chan * plane;
        if (mo.taps_landed > 0)
            cc.after = model_canvas(&s->m, mo.c.step + 1) + chan * plane;
        cc.row0 = st.row0;
        cc.col0 = st.col0;
        cc.landed = mo.taps_landed;
    } else {
        cc.base = model_canvas(&s->m, mo.scatter_done) + chan * plane;
    }
    paint_cells(&p, gc, canvas_color, &cc);
    paint_numbers(&p, gc, canvas_text, &cc);
    paint_grid_lines(&p, gc);
    paint_crop(&p, gc, g, 0);
    draw_overlaps(&p, gc, s);
    text_caption(s, GRID_CANVAS, 0, cap, sizeof cap);
    paint_caption(&p, gc, cap);

    if (mo.kind == PHASE_SCATTER)
        draw_current(&p, s, &mo);
    draw_links(&p, s);
    draw_clip(dl, (Rect){0, 0, 0, 0});
}

/* x, w and the canvas: the full scatter, reaching as far as the output
 * window when rows or columns are appended past it. */
static void dims(const Scene *s, LayoutParams *p, int body)
{
    (void)body;
    const ConvGeom *g = &s->m.g;
    int rows =
        g->h.full > g->h.pad_before + g->h.conv_in ? g->h.full : g->h.pad_before + g->h.conv_in;
    int cols =
        g->w.full > g->w.pad_before + g->w.conv_in ? g->w.full : g->w.pad_before + g->w.conv_in;
    p->dims[GRID_INPUT] = (GridDims){g->h.conv_out, g->w.conv_out};
    p->dims[GRID_KERNEL] = (GridDims){g->h.k, g->w.k};
    p->dims[GRID_CANVAS] = (GridDims){rows, cols};
}

static void place(ScreenLayout *l, const LayoutParams *p, Rect area)
{
    layout_split(l, p, area, 1, 0);
}

const ViewOps view_scatter_ops = {
    .name = "scatter",
    .scale_shared = "x, canvas, y",
    .scale_own = "w",
    .n_phases = 1,
    .phase = {PHASE_SCATTER},
    .first_grid = GRID_INPUT,
    .last_grid = GRID_CANVAS,
    .big_cells = 1,
    .targets =
        {
            {TARGET_INPUT, GRID_INPUT},
            {TARGET_FILTER, GRID_KERNEL},
            {TARGET_OUTPUT, GRID_CANVAS},
            {TARGET_CANVAS, GRID_CANVAS},
        },
    .output_on_canvas = 1,
    .dims = dims,
    .place = place,
    .draw = draw,
    .status = scatter_status,
    .caption = scatter_caption,
    .tooltip = scatter_tooltip,
};
