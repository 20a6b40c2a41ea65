/* view_gradient.c - "the transpose (gradient) of conv2d".
 *
 * Top row: the forward pass out = conv2d(x, w). Middle row: its backward
 * pass for d_out (ones = the gradient of sum(out); the user may type other
 * values): d_x = conv2d_backprop_input(w, d_out), which is exactly
 * conv2d_transpose(d_out, w), and d_w = conv2d_backprop_filter(x, d_out),
 * the correlation of x with d_out. The timeline fills d_x one cell per step,
 * then d_w one tap per step. For the current (or hovered) cell the side
 * column lists its chain-rule terms, and check lines compare d_x with the
 * core's transposed conv and both gradients with finite differences. In the
 * stride-1 VALID case a third row shows the textbook identity
 * d_x = conv2d(pad_full(d_out), rot180(w)).
 *
 * Every number is the core's: tensors from scene_grad.c, terms from
 * terms.h; which cells to frame is geometry. */
#include "ui/paint.h"
#include "ui/scene_grad.h"
#include "ui/view.h"

#include "core/ops.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define CHECK_BUDGET 500000 /* multiply-adds of finite differences per frame */

/* ---- drawing ----------------------------------------------------------------------- */

/* The width a caption of grid id may take: up to the next caption on its
 * line, else to the view's edge. */
static int caption_room(const Scene *s, GridId id)
{
    const ScreenLayout *l = &s->layout;
    const Rect t = l->grid[id].title;
    int room = l->grid[id].clip.x + l->grid[id].clip.w - t.x;
    for (int j = 0; j < GRID_COUNT; j++) {
        const Rect o = l->grid[j].title;
        if (j != (int)id && l->grid[j].visible && o.y == t.y && o.x > t.x &&
            o.x - t.x - l->pad < room)
            room = o.x - t.x - l->pad;
    }
    return room;
}

/* A plane of values with its caption; sums too long for small cells (d_w
 * over a 28x28 map) are shown divided by a power of ten the caption names,
 * weights too small for them ("-0.0234") multiplied by one. */
static void plane(Painter *p, const Scene *s, GridId id, const float *vals, int cols, int shown,
                  float vmax)
{
    const GridLayout *g = &s->layout.grid[id];
    PlaneView v = {p->th, vals, cols, shown, vmax};
    int exp10 = paint_plane_exponent(p, g, &v);
    paint_plane_scaled(p, g, &v, exp10);
    char cap[128];
    text_caption(s, id, 0, cap, sizeof cap);
    size_t n = strlen(cap);
    if (exp10 && n < sizeof cap) {
        const char *op = exp10 > 0 ? "\xc3\xb7" : "\xc3\x97"; /* divided, times */
        double by = pow(10.0, exp10 > 0 ? exp10 : -exp10);
        snprintf(cap + n, sizeof cap - n, " (numbers %s%.0f)", op, by);
        if (scene_text_width(s, p->body_px, cap) > caption_room(s, id))
            snprintf(cap + n, sizeof cap - n, " %s%.0f", op, by);
    }
    paint_caption(p, g, cap);
}

/* Frames for a d_x cell: the outputs that read x there (in out and d_out),
 * the taps they read it through, and the window on pad_full(d_out). */
static void frame_dx(Painter *p, Scene *s, size_t idx, Color c, int current)
{
    const ConvGeom *g = &s->m.g;
    const ScreenLayout *l = &s->layout;
    int W = g->w.conv_in, H = g->h.conv_in, ix = (int)(idx % W), iy = (int)(idx / W % H);
    int same_ch = (int)(idx / ((size_t)W * H) % g->c_conv_in) == s->co;
    const GridLayout *gdx = &l->grid[GRID_G_DX], *gx = &l->grid[GRID_G_X];
    if (same_ch) {
        paint_cell_frame(p, gdx, iy, ix, current ? p->th->highlight : c, paint_thick(gdx) + 1);
        paint_cell_frame(p, gx, iy, ix, c, paint_thick(gx) + 1);
    }
    if (!same_ch || model_w_offset(&s->m, s->ci, s->co) < 0)
        return;
    for (int a = 0; a < g->h.k; a++) {
        int oy = terms_reader(&g->h, iy, a);
        for (int b = 0; oy >= 0 && b < g->w.k; b++) {
            int ox = terms_reader(&g->w, ix, b);
            if (ox < 0)
                continue;
            paint_cell_frame(p, &l->grid[GRID_G_DOUT], oy, ox, c,
                             paint_thick(&l->grid[GRID_G_DOUT]) + 1);
            paint_cell_frame(p, &l->grid[GRID_G_OUT], oy, ox, c,
                             paint_thick(&l->grid[GRID_G_OUT]) + 1);
            paint_cell_frame(p, &l->grid[GRID_G_W], a, b, c, paint_thick(&l->grid[GRID_G_W]) + 1);
        }
    }
    const GridLayout *gp = &l->grid[GRID_G_PADDED];
    if (gp->visible) {
        Rect a = layout_cell(gp, iy, ix),
             z = layout_cell(gp, iy + g->h.k_eff - 1, ix + g->w.k_eff - 1);
        draw_frame(p->dl, (Rect){a.x - 1, a.y - 1, z.x + z.w - a.x + 2, z.y + z.h - a.y + 2},
                   p->th->window, paint_thick(gp) + 1);
    }
}

/* Frames for a d_w tap: the x cells it reads (one per output) and d_out. */
static void frame_dw(Painter *p, Scene *s, size_t idx, Color c, int current)
{
    const ConvGeom *g = &s->m.g;
    const ScreenLayout *l = &s->layout;
    long off = model_w_offset(&s->m, s->ci, s->co);
    if (off < 0 || idx < (size_t)off || idx >= (size_t)off + (size_t)g->h.k * g->w.k)
        return;
    int a = (int)((idx - off) / g->w.k), b = (int)((idx - off) % g->w.k);
    const GridLayout *gdw = &l->grid[GRID_G_DW], *gx = &l->grid[GRID_G_X];
    paint_cell_frame(p, gdw, a, b, current ? p->th->highlight : c, paint_thick(gdw) + 1);
    paint_cell_frame(p, &l->grid[GRID_G_W], a, b, c, paint_thick(&l->grid[GRID_G_W]) + 1);
    for (int oy = 0; oy < g->h.conv_out; oy++) {
        int iy = terms_read_at(&g->h, oy, a);
        for (int ox = 0; ox < g->w.conv_out && iy >= 0; ox++) {
            int ix = terms_read_at(&g->w, ox, b);
            if (ix >= 0)
                paint_cell_frame(p, gx, iy, ix, p->th->window, paint_thick(gx) + 1);
        }
    }
}

/* The legend's bar: d_out's and d_x's shared scale. */
static float shared_vmax(Scene *s)
{
    GradModel *gm = scene_grad(s);
    if (!gm)
        return s->m.vmax_y;
    return gm->vmax_dout > gm->vmax_dx ? gm->vmax_dout : gm->vmax_dx;
}

static void draw(Scene *s, DrawList *dl)
{
    const ScreenLayout *l = &s->layout;
    Painter p;
    paint_init(&p, s, dl);
    GradModel *gm = scene_grad(s);
    if (!gm) {
        scene_wrap_text(s, dl, l->view, l->body_px, p.th->error, s->grad.msg);
        return;
    }
    const ConvGeom *g = &s->m.g;
    Moment mo;
    scene_moment(s, &mo);
    draw_clip(dl, l->view);
    size_t bigp = (size_t)g->h.conv_in * g->w.conv_in,
           smallp = (size_t)g->h.conv_out * g->w.conv_out;
    size_t bch = ((size_t)s->n * g->c_conv_in + s->co) * bigp;
    size_t sch = ((size_t)s->n * g->c_conv_out + s->ci) * smallp;
    long off = model_w_offset(&s->m, s->ci, s->co);
    /* d_x fills in the first phase, d_w in the second. */
    long dx_done = mo.kind == PHASE_DX ? mo.done - (long)bch : (long)bigp;
    long dw_done = mo.kind == PHASE_DW ? mo.done - off : 0;
    dx_done = dx_done < 0 ? 0 : dx_done;
    dw_done = dw_done < 0 ? 0 : dw_done;
    /* Compared grids share a scale: d_out, pad_full(d_out) and d_x (the
     * layer's x and y), and x with out; w and d_w have their own. */
    float fwd = gm->vmax_x > gm->vmax_out ? gm->vmax_x : gm->vmax_out, back = shared_vmax(s);
    plane(&p, s, GRID_G_X, gm->x + bch, g->w.conv_in, -1, fwd);
    plane(&p, s, GRID_G_W, off >= 0 ? gm->w + off : NULL, g->w.k, -1, gm->vmax_w);
    plane(&p, s, GRID_G_OUT, gm->out + sch, g->w.conv_out, -1, fwd);
    plane(&p, s, GRID_G_DOUT, gm->dout + sch, g->w.conv_out, -1, back);
    plane(&p, s, GRID_G_DX, gm->dx + bch, g->w.conv_in, (int)dx_done, back);
    plane(&p, s, GRID_G_DW, off >= 0 ? gm->dw + off : NULL, g->w.k, (int)dw_done, gm->vmax_dw);
    if (l->grid[GRID_G_PADDED].visible) {
        size_t pp = (size_t)gm->eq.eq.h.conv_in * gm->eq.eq.w.conv_in;
        long rot = model_rot_offset(&s->m, s->co, s->ci);
        plane(&p, s, GRID_G_PADDED, gm->eq.padded + ((size_t)s->n * g->c_conv_out + s->ci) * pp,
              gm->eq.eq.w.conv_in, -1, back);
        plane(&p, s, GRID_G_ROT, rot >= 0 ? gm->eq.kernel + rot : NULL, g->w.k, -1, gm->vmax_w);
    }
    if (mo.kind == PHASE_DX)
        frame_dx(&p, s, (size_t)mo.c.step, p.th->highlight, 1);
    else
        frame_dw(&p, s, (size_t)mo.c.step, p.th->highlight, 1);
    GradFocus f = gradient_focus(s, &mo);
    CellRef fc = scene_focus(s);
    if (fc.grid == GRID_G_DX)
        frame_dx(&p, s, f.idx, p.link, 0);
    else if (fc.grid == GRID_G_DW)
        frame_dw(&p, s, f.idx, p.link, 0);
    draw_clip(dl, (Rect){0, 0, 0, 0});
    gradient_draw_side(s, dl, gm, f);
}

/* Spend a slice of the finite-difference check each frame. */
static void update(Scene *s)
{
    if (scene_grad(s))
        grad_check_advance(s, CHECK_BUDGET);
}

/* Frames keep coming until the check is done. */
static int busy(Scene *s)
{
    GradModel *gm = scene_grad(s);
    return gm && (gm->fd_dx_done < geom_big_count(&s->m.g) ||
                  gm->fd_dw_done < geom_weight_count(&s->m.g));
}

/* x, w, out, d_out, d_x, d_w; at stride 1 VALID also pad_full(d_out) and
 * rot180(w), the textbook form; a text column on the right. */
static void dims(const Scene *s, LayoutParams *p, int body)
{
    const ConvGeom *g = &s->m.g, *eq = &s->m.gt.eq.eq;
    p->dims[GRID_G_X] = p->dims[GRID_G_DX] = (GridDims){g->h.conv_in, g->w.conv_in};
    p->dims[GRID_G_W] = p->dims[GRID_G_DW] = (GridDims){g->h.k, g->w.k};
    p->dims[GRID_G_OUT] = p->dims[GRID_G_DOUT] = (GridDims){g->h.conv_out, g->w.conv_out};
    if (g->h.stride == 1 && g->w.stride == 1 && g->h.pad_before == 0 && g->w.pad_before == 0 &&
        g->h.crop_after == 0 && g->w.crop_after == 0) {
        p->dims[GRID_G_PADDED] = (GridDims){eq->h.conv_in, eq->w.conv_in};
        p->dims[GRID_G_ROT] = (GridDims){g->h.k, g->w.k};
    }
    p->side_w = body * 24;
}

static void place(ScreenLayout *l, const LayoutParams *p, Rect area)
{
    static const GridId rows[][LAYOUT_FLOW_COLS] = {
        {GRID_G_X, GRID_G_W, GRID_G_OUT},
        {GRID_G_DOUT, GRID_G_DX, GRID_G_DW},
        {GRID_G_PADDED, GRID_G_ROT, GRID_NONE},
    };
    layout_side(l, p, &area);
    layout_flow(l, p, area, rows, 3);
}

const ViewOps view_gradient_ops = {
    .name = "gradient",
    .scale_shared = "d_out, d_x, pad_full",
    .scale_own = "x with out, w, d_w",
    .scale_vmax = shared_vmax,
    .n_phases = 2,
    .phase = {PHASE_DX, PHASE_DW},
    .first_grid = GRID_G_X,
    .last_grid = GRID_G_ROT,
    .targets =
        {
            {TARGET_INPUT, GRID_G_DOUT},
            {TARGET_FILTER, GRID_G_W},
            {TARGET_OUTPUT, GRID_G_DX},
            {TARGET_PADDED, GRID_G_PADDED},
            {TARGET_KERNEL, GRID_G_ROT},
            {TARGET_FORWARD_X, GRID_G_X},
        },
    .dims = dims,
    .place = place,
    .update = update,
    .busy = busy,
    .draw = draw,
    .status = gradient_status,
    .caption = gradient_caption,
    .tooltip = gradient_tooltip,
};
