/* view_overlap.c - the overlap map behind checkerboard artifacts.
 *
 * Top: the input and a heat map of how many (input element, kernel tap)
 * products land on each cell of the scatter canvas (overlap_full), with the
 * crop window outlined and the cropped cells dimmed, as in the scatter view.
 * When the kernel size is not a multiple of the stride, neighbouring cells
 * receive different numbers of products (kernel 3, stride 2: 1, 2 or 4) and
 * even a constant input comes out as a checkerboard. Bottom: the transposed
 * conv's output next to nearest-neighbour and bilinear upsampling of the
 * same input to the same size (upsample.h), which have no such pattern.
 * The timeline replays the scatter so each element's footprint can be seen
 * adding to the counts. */
#include "ui/paint.h"
#include "ui/view.h"

#include <stdio.h>

typedef struct {
    const Theme *th;
    const int *counts;
    int cols, max;
} CountsCtx;

static Color counts_color(const void *ctx, int r, int c)
{
    const CountsCtx *k = ctx;
    return theme_value_color(k->th, (float)k->counts[r * k->cols + c], (float)k->max);
}

static int counts_text(const void *ctx, int r, int c, char *buf, size_t cap, Color *fg)
{
    const CountsCtx *k = ctx;
    int v = k->counts[r * k->cols + c];
    snprintf(buf, cap, "%d", v);
    *fg = theme_text_on(k->th, theme_value_color(k->th, (float)v, (float)k->max));
    return 1;
}

static void put_levels(StrBuf *o, const OverlapModel *ov)
{
    for (int i = 0; i < ov->n_levels; i++)
        strbuf_printf(o, "%s%d", i == 0 ? "" : i == ov->n_levels - 1 ? " or " : ", ", ov->levels[i]);
    if (ov->n_levels == (int)(sizeof ov->levels / sizeof *ov->levels))
        strbuf_printf(o, " or more");
}

static void status(Scene *s, StrBuf *o)
{
    const OverlapModel *ov = model_overlap(&s->m);
    const ConvGeom *g = &s->m.g;
    if (!ov) {
        strbuf_printf(o, "out of memory for the overlap view");
        return;
    }
    strbuf_printf(o, "kernel ");
    text_pair(o, g->h.k_eff, g->w.k_eff);
    if (g->h.dil > 1 || g->w.dil > 1)
        strbuf_printf(o, " (dilated)");
    strbuf_printf(o, ", stride ");
    text_pair(o, g->h.stride, g->w.stride);
    int multiple = g->h.k_eff % g->h.stride == 0 && g->w.k_eff % g->w.stride == 0;
    if (ov->n_levels > 1) {
        strbuf_printf(o, ": inside cells get ");
        put_levels(o, ov);
        strbuf_printf(o, " products (");
        text_pair(o, g->h.k_eff, g->w.k_eff);
        strbuf_printf(o, " is %sa multiple of ", multiple ? "" : "not ");
        text_pair(o, g->h.stride, g->w.stride);
        strbuf_printf(o, "): a checkerboard, even for a constant x");
    } else {
        strbuf_printf(o, ": every inside cell gets %d product%s (", ov->max_in,
                 ov->max_in == 1 ? "" : "s");
        text_pair(o, g->h.k_eff, g->w.k_eff);
        strbuf_printf(o, " is %sa multiple of ", multiple ? "" : "not ");
        text_pair(o, g->h.stride, g->w.stride);
        strbuf_printf(o, "): even, no checkerboard from overlap");
    }
}

static void caption_of(const Scene *s, GridId grid, int widest, StrBuf *o)
{
    (void)widest;
    static const char *const long_names[] = {"x", "products per cell", "conv2d_transpose(x, w)",
                                             "nearest(x)", "bilinear(x)"};
    static const char *const short_names[] = {"x", "count", "y", "nearest", "bilinear"};
    int i = grid - GRID_OV_X;
    if (i >= 0 && i <= GRID_OV_BILINEAR - GRID_OV_X)
        strbuf_printf(o, "%s", s->short_captions ? short_names[i] : long_names[i]);
}

static void tooltip(Scene *s, CellRef c, StrBuf *o)
{
    const OverlapModel *ov = model_overlap(&s->m);
    const ConvGeom *g = &s->m.g;
    if (!ov)
        return;
    size_t out_plane = (size_t)g->h.conv_in * g->w.conv_in;
    size_t in_ch = (size_t)s->n * g->c_conv_out + s->ci;
    size_t at = (size_t)c.row * g->w.conv_in + c.col;
    switch (c.grid) {
    case GRID_OV_X:
        text_name_x(o, s, s->n, s->ci, c.row, c.col);
        strbuf_printf(o, " = ");
        text_num(o, s->m.st.x[in_ch * g->h.conv_out * g->w.conv_out +
                              (size_t)c.row * g->w.conv_out + c.col]);
        break;
    case GRID_OV_COUNTS: {
        int n = s->m.overlap[(size_t)c.row * g->w.full + c.col], oy, ox;
        strbuf_printf(o, "full[%d,%d]: %d product%s land%s here", c.row, c.col, n, n == 1 ? "" : "s",
                 n == 1 ? "s" : "");
        if (!geom_full_to_out(&g->h, c.row, &oy) || !geom_full_to_out(&g->w, c.col, &ox))
            strbuf_printf(o, " (cropped away)");
        break;
    }
    case GRID_OV_Y:
        text_name_y(o, s, s->n, s->co, c.row, c.col);
        strbuf_printf(o, " = ");
        text_num(o, s->m.st.output[((size_t)s->n * g->c_conv_in + s->co) * out_plane + at]);
        strbuf_printf(o, " from %d product%s", ov->out_counts[at], ov->out_counts[at] == 1 ? "" : "s");
        break;
    case GRID_OV_NEAREST:
    case GRID_OV_BILINEAR:
        strbuf_printf(o, "%s(x)[%d,%d] = ", c.grid == GRID_OV_NEAREST ? "nearest" : "bilinear", c.row,
                 c.col);
        text_num(o,
                 (c.grid == GRID_OV_NEAREST ? ov->nearest : ov->bilinear)[in_ch * out_plane + at]);
        break;
    default: break;
    }
}

static void plane(Painter *p, const Scene *s, GridId id, const float *vals, int cols, float vmax)
{
    const GridLayout *g = &s->layout.grid[id];
    PlaneView v = {p->th, vals, cols, -1, vmax};
    paint_plane(p, g, &v);
    char cap[96];
    text_caption(s, id, 0, cap, sizeof cap);
    paint_caption(p, g, cap);
}

/* Footprint of input element (i, j) on the counts map. */
static void frame_footprint(Painter *p, const GridLayout *gc, const ConvGeom *g, int i, int j,
                            Color c)
{
    for (int a = 0; a < g->h.k; a++)
        for (int b = 0; b < g->w.k; b++)
            paint_cell_frame(p, gc, i * g->h.stride + a * g->h.dil, j * g->w.stride + b * g->w.dil,
                             c, paint_thick(gc) + 1);
}

static void draw_links(Painter *p, Scene *s)
{
    const ConvGeom *g = &s->m.g;
    const ScreenLayout *l = &s->layout;
    CellRef f = scene_focus(s);
    Color c = p->link;
    if (f.grid == GRID_OV_X) {
        paint_cell_frame(p, &l->grid[GRID_OV_X], f.row, f.col, c,
                         paint_thick(&l->grid[GRID_OV_X]) + 1);
        frame_footprint(p, &l->grid[GRID_OV_COUNTS], g, f.row, f.col, c);
        return;
    }
    int oy = -1, ox = -1;
    if (f.grid == GRID_OV_Y || f.grid == GRID_OV_NEAREST || f.grid == GRID_OV_BILINEAR)
        oy = f.row, ox = f.col;
    else if (f.grid == GRID_OV_COUNTS &&
             !(geom_full_to_out(&g->h, f.row, &oy) && geom_full_to_out(&g->w, f.col, &ox)))
        oy = ox = -1;
    if (oy < 0 || ox < 0)
        return;
    /* The same output cell in the three outputs, and on the canvas. */
    static const GridId outs[] = {GRID_OV_Y, GRID_OV_NEAREST, GRID_OV_BILINEAR};
    for (size_t i = 0; i < sizeof outs / sizeof *outs; i++)
        paint_cell_frame(p, &l->grid[outs[i]], oy, ox, c, paint_thick(&l->grid[outs[i]]) + 1);
    paint_cell_frame(p, &l->grid[GRID_OV_COUNTS], oy + g->h.pad_before, ox + g->w.pad_before, c,
                     paint_thick(&l->grid[GRID_OV_COUNTS]) + 1);
}

static void draw(Scene *s, DrawList *dl)
{
    const ScreenLayout *l = &s->layout;
    Painter p;
    paint_init(&p, s, dl);
    const OverlapModel *ov = model_overlap(&s->m);
    if (!ov)
        return;
    const ConvGeom *g = &s->m.g;
    draw_clip(dl, l->view);
    size_t in_plane = (size_t)g->h.conv_out * g->w.conv_out;
    size_t out_plane = (size_t)g->h.conv_in * g->w.conv_in;
    size_t in_ch = (size_t)s->n * g->c_conv_out + s->ci;
    size_t out_ch = (size_t)s->n * g->c_conv_in + s->co;
    plane(&p, s, GRID_OV_X, s->m.st.x + in_ch * in_plane, g->w.conv_out, s->m.vmax_x);

    const GridLayout *gc = &l->grid[GRID_OV_COUNTS];
    CountsCtx cc = {p.th, s->m.overlap, g->w.full, ov->max_in > 0 ? ov->max_in : 1};
    for (size_t i = 0; i < (size_t)g->h.full * g->w.full; i++)
        cc.max = s->m.overlap[i] > cc.max ? s->m.overlap[i] : cc.max;
    paint_cells(&p, gc, counts_color, &cc);
    paint_numbers(&p, gc, counts_text, &cc);
    paint_grid_lines(&p, gc);
    paint_crop(&p, gc, g, 1);
    char cap[96];
    text_caption(s, GRID_OV_COUNTS, 0, cap, sizeof cap);
    paint_caption(&p, gc, cap);

    plane(&p, s, GRID_OV_Y, s->m.st.output + out_ch * out_plane, g->w.conv_in, s->m.vmax_y);
    plane(&p, s, GRID_OV_NEAREST, ov->nearest + in_ch * out_plane, g->w.conv_in, s->m.vmax_x);
    plane(&p, s, GRID_OV_BILINEAR, ov->bilinear + in_ch * out_plane, g->w.conv_in, s->m.vmax_x);

    Moment mo;
    scene_moment(s, &mo);
    if (mo.kind == PHASE_SCATTER) {
        ScatterStep st;
        trace_scatter_step(&s->m.st, mo.c.step, &st);
        if (st.c == s->ci && st.n == s->n) {
            paint_cell_frame(&p, &l->grid[GRID_OV_X], st.i, st.j, p.th->highlight,
                             paint_thick(&l->grid[GRID_OV_X]) + 1);
            frame_footprint(&p, gc, g, st.i, st.j, p.th->footprint);
        }
    }
    draw_links(&p, s);
    draw_clip(dl, (Rect){0, 0, 0, 0});
}

/* x, the counts on the full canvas, y and the two fixed upsamplings. */
static void dims(const Scene *s, LayoutParams *p, int body)
{
    (void)body;
    const ConvGeom *g = &s->m.g;
    p->dims[GRID_OV_X] = (GridDims){g->h.conv_out, g->w.conv_out};
    p->dims[GRID_OV_COUNTS] = (GridDims){g->h.full, g->w.full};
    p->dims[GRID_OV_Y] = p->dims[GRID_OV_NEAREST] = p->dims[GRID_OV_BILINEAR] =
        (GridDims){g->h.conv_in, g->w.conv_in};
}

static void place(ScreenLayout *l, const LayoutParams *p, Rect area)
{
    static const GridId rows[][LAYOUT_FLOW_COLS] = {
        {GRID_OV_X, GRID_OV_COUNTS, GRID_NONE},
        {GRID_OV_Y, GRID_OV_NEAREST, GRID_OV_BILINEAR},
    };
    layout_flow(l, p, area, rows, 2);
}

const ViewOps view_overlap_ops = {
    .name = "overlap",
    .scale_shared = "x, y, nearest, bilinear",
    .scale_own = "counts",
    .n_phases = 1,
    .phase = {PHASE_SCATTER},
    .first_grid = GRID_OV_X,
    .last_grid = GRID_OV_BILINEAR,
    .targets =
        {
            {TARGET_INPUT, GRID_OV_X},
            {TARGET_OUTPUT, GRID_OV_Y},
            {TARGET_CANVAS, GRID_OV_COUNTS},
        },
    .dims = dims,
    .place = place,
    .draw = draw,
    .status = status,
    .caption = caption_of,
    .tooltip = tooltip,
};
