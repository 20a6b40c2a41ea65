/* view_conv2d.c - the same result as an ordinary stride-1 conv2d.
 *
 * The input with stride-1 zeros inserted between its elements and padded by
 * k_eff-1-pad per side (inserted zeros and the padding ring each have their
 * own colour, distinct from real values), the kernel turning by 180 degrees
 * when the view is entered, and the window sliding one output cell per step:
 * its products (from the core's gather trace) and their sum filling the
 * output. A lesson's build-up (scene_state.h's BuildStage) draws the grid
 * as it is made, before any window. A filled cell gets a check mark when it
 * equals the scatter's output cell; both numbers come from the core, the
 * view only compares. The padded grid's cells are view_conv2d_padded.c's,
 * the sentences view_conv2d_text.c's. */
#include "ui/paint.h"
#include "ui/view.h"

#include <math.h>

typedef struct {
    const Scene *s;
    const Theme *th;
    const float *vals; /* [rows, cols], or NULL: nothing yet */
    int cols, shown;   /* cells with flat index < shown have values */
    float vmax;
} ValuesCtx;

static Color values_color(const void *ctx, int r, int c)
{
    const ValuesCtx *v = ctx;
    int i = r * v->cols + c;
    if (!v->vals || i >= v->shown)
        return v->th->cell_empty;
    return theme_value_color(v->th, v->vals[i], v->vmax);
}

static int values_text(const void *ctx, int r, int c, char *buf, size_t cap, Color *fg)
{
    const ValuesCtx *v = ctx;
    int i = r * v->cols + c;
    if (!v->vals || i >= v->shown)
        return 0;
    format_cell_number(buf, cap, v->vals[i]);
    *fg = theme_text_on(v->th, theme_value_color(v->th, v->vals[i], v->vmax));
    return 1;
}

/* The output: a cell is filled when its gather step is done. */
typedef struct {
    const Scene *s;
    const Theme *th;
    const float *plane; /* gather output, channel co */
    int first;          /* gather index of (n, co, 0, 0) */
    int done;           /* gather steps done */
} OutputCtx;

static Color output_color(const void *ctx, int r, int c)
{
    const OutputCtx *o = ctx;
    int w = o->s->m.g.w.conv_in;
    if (o->first + r * w + c >= o->done)
        return o->th->cell_empty;
    return theme_value_color(o->th, o->plane[r * w + c], o->s->m.vmax_y);
}

static int output_text(const void *ctx, int r, int c, char *buf, size_t cap, Color *fg)
{
    const OutputCtx *o = ctx;
    int w = o->s->m.g.w.conv_in;
    if (o->first + r * w + c >= o->done)
        return 0;
    float v = o->plane[r * w + c];
    format_cell_number(buf, cap, v);
    *fg = theme_text_on(o->th, theme_value_color(o->th, v, o->s->m.vmax_y));
    return 1;
}

static int same_value(float a, float b)
{
    return fabsf(a - b) <= 1e-5f * (fabsf(a) > 1.0f ? fabsf(a) : 1.0f);
}

/* Check marks: the conv2d output cell equals the scatter's. */
static void draw_checks(Painter *p, const Scene *s, const GridLayout *go, const OutputCtx *o)
{
    if (go->cell < 16)
        return;
    const ConvGeom *g = &s->m.g;
    const float *scatter = s->m.st.output + o->first;
    for (int r = 0; r < g->h.conv_in; r++)
        for (int c = 0; c < g->w.conv_in; c++) {
            int i = r * g->w.conv_in + c;
            if (o->first + i >= o->done)
                continue;
            if (same_value(o->plane[i], scatter[i]))
                paint_check(p, layout_cell(go, r, c), p->th->check);
            else
                paint_cross(p, layout_cell(go, r, c), p->th->error);
        }
}

/* The kernel grid: w as given, turning about its centre, then rot180(w). */
static void draw_kernel(Painter *p, Scene *s, const GridLayout *gr)
{
    const ConvGeom *g = &s->m.g;
    if (s->rot >= 1.0) {
        long off = model_rot_offset(&s->m, s->co, s->ci);
        if (off < 0)
            return;
        ValuesCtx v = {s, p->th, s->m.gt.eq.kernel + off, g->w.k, g->h.k * g->w.k, s->m.vmax_w};
        paint_cells(p, gr, values_color, &v);
        paint_numbers(p, gr, values_text, &v);
        return;
    }
    long off = model_w_offset(&s->m, s->ci, s->co);
    if (off < 0)
        return;
    const float *w = s->m.st.w + off;
    double th = 3.14159265358979323846 * ease(s->rot), cs = cos(th), sn = sin(th);
    Rect box = layout_grid_rect(gr);
    draw_rect(p->dl, box, p->th->cell_empty);
    double cx = box.x + box.w / 2.0, cy = box.y + box.h / 2.0;
    int px = paint_number_px(p, gr->cell);
    for (int a = 0; a < g->h.k; a++)
        for (int b = 0; b < g->w.k; b++) {
            double dx = (b + 0.5) * gr->cell - box.w / 2.0, dy = (a + 0.5) * gr->cell - box.h / 2.0;
            double rx = dx * cs - dy * sn, ry = dx * sn + dy * cs;
            Rect r = {(int)lrint(cx + rx - gr->cell / 2.0), (int)lrint(cy + ry - gr->cell / 2.0),
                      gr->cell, gr->cell};
            float v = w[a * g->w.k + b];
            Color fill = theme_value_color(p->th, v, s->m.vmax_w);
            draw_rect(p->dl, r, fill);
            draw_frame(p->dl, r, p->th->grid_line, 1);
            if (px) {
                char buf[32];
                format_cell_number(buf, sizeof buf, v);
                paint_fit_text(p, r, px, theme_text_on(p->th, fill), buf);
            }
        }
}

/* Frame the window whose top-left is (row, col) on the padded grid. */
static void frame_window(Painter *p, const GridLayout *gp, const ConvGeom *g, int row, int col,
                         Color c, int thick)
{
    if (g->h.dil == 1 && g->w.dil == 1) {
        Rect r = layout_cell(gp, row, col);
        r.w = g->w.k * gp->cell;
        r.h = g->h.k * gp->cell;
        draw_frame(p->dl, rect_inset(r, -1), c, thick);
        return;
    }
    for (int a = 0; a < g->h.k; a++)
        for (int b = 0; b < g->w.k; b++)
            paint_cell_frame(p, gp, row + a * g->h.dil, col + b * g->w.dil, c, thick);
}

static void draw_current(Painter *p, Scene *s, const Moment *mo)
{
    const ConvGeom *g = &s->m.g;
    const ScreenLayout *l = &s->layout;
    const GridLayout *gp = &l->grid[GRID_PADDED], *go = &l->grid[GRID_OUTPUT];
    GatherStep gs;
    model_products(&s->m, mo->c.step, &gs);
    int row = gs.win_row, col = gs.win_col;
    if (!mo->landed && s->tl.gran == GRAN_ELEMENT && mo->c.step > 0) {
        /* Slide from the previous window. */
        GatherStep prev;
        trace_gather_step(&s->m.gt, mo->c.step - 1, &prev, NULL);
        if (prev.c == gs.c && prev.n == gs.n) {
            Rect a = layout_cell(gp, prev.win_row, prev.win_col);
            Rect b = layout_cell(gp, gs.win_row, gs.win_col);
            Rect r = rect_lerp(a, b, ease(s->tl.tween));
            row = (r.y - gp->y) / gp->cell;
            col = (r.x - gp->x) / gp->cell;
            if (g->h.dil == 1 && g->w.dil == 1) {
                r.w = g->w.k * gp->cell;
                r.h = g->h.k * gp->cell;
                draw_frame(p->dl, rect_inset(r, -1), p->th->window, paint_thick(gp) + 1);
                row = -1;
            }
        }
    }
    if (row >= 0)
        frame_window(p, gp, g, row, col, p->th->window, paint_thick(gp) + 1);
    if (s->tl.gran == GRAN_ROW) {
        GatherStep first;
        trace_gather_step(&s->m.gt, mo->c.first, &first, NULL);
        for (int x = first.ox; x <= gs.ox; x++)
            paint_cell_frame(p, go, gs.oy, x, p->th->highlight, paint_thick(go) + 1);
    } else {
        paint_cell_frame(p, go, gs.oy, gs.ox, p->th->highlight, paint_thick(go) + 1);
    }
    const GridLayout *gc = &l->grid[GRID_CANVAS];
    if (gc->visible && mo->landed) { /* laid out beside the scatter */
        /* The scatter canvas cell the check mark compares with (view both). */
        draw_clip(p->dl, gc->clip);
        paint_cell_frame(p, gc, gs.oy + g->h.pad_before, gs.ox + g->w.pad_before, p->th->check,
                         paint_thick(gc) + 1);
        draw_clip(p->dl, l->conv);
    }
    if (s->tl.gran == GRAN_MAC) {
        int t = mo->c.taps_done - 1, a = t / g->w.k, b = t % g->w.k;
        paint_cell_frame(p, gp, gs.win_row + a * g->h.dil, gs.win_col + b * g->w.dil,
                         p->th->highlight, paint_thick(gp) + 1);
        paint_cell_frame(p, &l->grid[GRID_ROTKERNEL], a, b, p->th->highlight,
                         paint_thick(&l->grid[GRID_ROTKERNEL]) + 1);
        paint_cell_frame(p, &l->grid[GRID_PRODUCTS], a, b, p->th->highlight,
                         paint_thick(&l->grid[GRID_PRODUCTS]) + 1);
    }
}

static void draw_links(Painter *p, Scene *s)
{
    CellRef f = scene_focus(s);
    const ConvGeom *g = &s->m.g;
    const EquivConv *e = &s->m.gt.eq;
    const GridLayout *gp = &s->layout.grid[GRID_PADDED], *go = &s->layout.grid[GRID_OUTPUT];
    Color c = p->link;
    int oy = -1, ox = -1;
    if (f.grid == GRID_OUTPUT) {
        oy = f.row, ox = f.col;
    } else if (f.grid == GRID_CANVAS) {
        if (!geom_full_to_out(&g->h, f.row, &oy) || !geom_full_to_out(&g->w, f.col, &ox))
            oy = ox = -1;
    } else if (f.grid == GRID_INPUT || f.grid == GRID_PADDED) {
        /* An input cell: its place among the zeros, and the outputs it feeds. */
        int r = f.row, col = f.col;
        if (f.grid == GRID_INPUT)
            r = e->pad[0] + f.row * g->h.stride, col = e->pad[2] + f.col * g->w.stride;
        paint_cell_frame(p, gp, r, col, c, paint_thick(gp) + 1);
        for (int a = 0; a < g->h.k; a++)
            for (int b = 0; b < g->w.k; b++)
                paint_cell_frame(p, go, r - a * g->h.dil, col - b * g->w.dil, c,
                                 paint_thick(go) + 1);
        return;
    }
    if (oy < 0 || ox < 0)
        return;
    paint_cell_frame(p, go, oy, ox, c, paint_thick(go) + 1);
    frame_window(p, gp, g, oy, ox, c, paint_thick(gp) + 1);
}

static void draw(Scene *s, DrawList *dl)
{
    const ScreenLayout *l = &s->layout;
    if (l->conv.w <= 0)
        return;
    Painter p;
    paint_init(&p, s, dl);
    const Theme *th = p.th;
    const ConvGeom *g = &s->m.g;
    const EquivConv *e = &s->m.gt.eq;
    Moment mo;
    scene_moment(s, &mo);
    char cap[96];
    draw_clip(dl, l->conv);

    /* p: zero-inserted, padded input, channel ci */
    size_t pplane = (size_t)e->eq.h.conv_in * e->eq.w.conv_in;
    PaddedCtx pc = {s, th, e->padded + ((size_t)s->n * g->c_conv_out + s->ci) * pplane};
    paint_grid(&p, s, GRID_PADDED, conv2d_padded_color, conv2d_padded_text, &pc);

    /* the kernel, turning */
    const GridLayout *gr = &l->grid[GRID_ROTKERNEL];
    draw_kernel(&p, s, gr);
    if (s->rot >= 1.0 || s->rot <= 0.0)
        paint_grid_lines(&p, gr);
    text_caption(s, GRID_ROTKERNEL, 0, cap, sizeof cap);
    paint_caption(&p, gr, cap);

    /* the window's products, channel ci */
    ValuesCtx vp = {s, th, NULL, g->w.k, 0, s->m.vmax_y};
    if (mo.kind == PHASE_GATHER && !s->build) { /* a build-up comes before any window */
        GatherStep gs;
        const float *prod = model_products(&s->m, mo.c.step, &gs);
        int ci_off = s->ci - gs.c_first;
        if (ci_off >= 0 && ci_off < gs.c_count) {
            vp.vals = prod + (size_t)ci_off * g->h.k * g->w.k;
            vp.shown = s->tl.gran == GRAN_MAC ? mo.taps_landed : g->h.k * g->w.k;
        }
    }
    paint_grid(&p, s, GRID_PRODUCTS, values_color, values_text, &vp);

    /* y, channel co: cells fill as the window visits them */
    const GridLayout *go = &l->grid[GRID_OUTPUT];
    int first = trace_gather_index(&s->m.gt, s->n, s->co, 0, 0);
    OutputCtx oc = {s, th, e->output + first, first, s->build ? 0 : mo.gather_done};
    paint_cells(&p, go, output_color, &oc);
    paint_numbers(&p, go, output_text, &oc);
    paint_grid_lines(&p, go);
    draw_checks(&p, s, go, &oc);
    text_caption(s, GRID_OUTPUT, 0, cap, sizeof cap);
    paint_caption(&p, go, cap);

    if (mo.kind == PHASE_GATHER && !s->build)
        draw_current(&p, s, &mo);
    if (!s->build) /* no outputs yet to link to */
        draw_links(&p, s);
    draw_clip(dl, (Rect){0, 0, 0, 0});
}

/* The zero-inserted, padded input, the kernel (rotated), the window's
 * products and the output. */
static void dims(const Scene *s, LayoutParams *p, int body)
{
    (void)body;
    const ConvGeom *g = &s->m.g, *eq = &s->m.gt.eq.eq;
    p->dims[GRID_PADDED] = (GridDims){eq->h.conv_in, eq->w.conv_in};
    p->dims[GRID_ROTKERNEL] = (GridDims){g->h.k, g->w.k};
    p->dims[GRID_PRODUCTS] = (GridDims){g->h.k, g->w.k};
    p->dims[GRID_OUTPUT] = (GridDims){g->h.conv_in, g->w.conv_in};
}

static void place(ScreenLayout *l, const LayoutParams *p, Rect area)
{
    layout_split(l, p, area, 0, 1);
}

const ViewOps view_conv2d_ops = {
    .name = "conv2d",
    .scale_shared = "padded x, products, y",
    .scale_own = "rot180(w)",
    .n_phases = 1,
    .phase = {PHASE_GATHER},
    .first_grid = GRID_PADDED,
    .last_grid = GRID_OUTPUT,
    .big_cells = 1,
    .targets =
        {
            {TARGET_OUTPUT, GRID_OUTPUT},
            {TARGET_PADDED, GRID_PADDED},
            {TARGET_KERNEL, GRID_ROTKERNEL},
        },
    .dims = dims,
    .place = place,
    .draw = draw,
    .status = conv2d_status,
    .caption = conv2d_caption,
    .tooltip = conv2d_tooltip,
};
