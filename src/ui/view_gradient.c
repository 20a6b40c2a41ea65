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

#include <math.h>
#include <stdio.h>

#include "core/ops.h"

#define SIDE_TERMS 24
#define CHECK_BUDGET 500000 /* multiply-adds of finite differences per frame */

/* d_x[1,2], d_x[c][1,2] or d_x[n][c][1,2], like the other views' names. */
static void put_t(TextOut *o, const Scene *s, const char *name, int n, int c, int i, int j, int big)
{
    const ConvGeom *g = &s->m.g;
    int chans = big ? g->c_conv_in : g->c_conv_out;
    if (g->n > 1)
        text_put(o, "%s[%d][%d][%d,%d]", name, n, c, i, j);
    else if (chans > 1)
        text_put(o, "%s[%d][%d,%d]", name, c, i, j);
    else
        text_put(o, "%s[%d,%d]", name, i, j);
}

static int same(double a, double b)
{
    return fabs(a - b) <= 1e-4 * (fabs(a) > 1.0 ? fabs(a) : 1.0);
}

/* What the view talks about: a d_x cell (flat [N,Cb,H,W] index) or a d_w
 * tap (flat OIHW index): the hovered one, else the current step's. */
typedef struct {
    int is_dw;
    size_t idx;
} Focus;

static Focus focus_of(Scene *s, const Moment *mo)
{
    const ConvGeom *g = &s->m.g;
    CellRef f = scene_focus(s);
    if (f.grid == GRID_G_DX)
        return (Focus){
            0,
            (((size_t)s->n * g->c_conv_in + s->co) * g->h.conv_in + f.row) * g->w.conv_in + f.col};
    long off = model_w_offset(&s->m, s->ci, s->co);
    if (f.grid == GRID_G_DW && off >= 0)
        return (Focus){1, (size_t)off + (size_t)f.row * g->w.k + f.col};
    return (Focus){mo->kind == PHASE_DW, (size_t)mo->c.step};
}

/* ---- sentences ------------------------------------------------------------------ */

static void put_dx_sum(TextOut *o, Scene *s, const GradModel *gm, size_t idx, int max_terms)
{
    const ConvGeom *g = &s->m.g;
    GradTerm t[8];
    int cap = max_terms < 8 ? max_terms : 8;
    int total = terms_backprop_input(g, gm->w, gm->dout, idx, t, cap);
    int W = g->w.conv_in, H = g->h.conv_in;
    int ix = (int)(idx % W), iy = (int)(idx / W % H),
        c = (int)(idx / ((size_t)W * H) % g->c_conv_in);
    int n = (int)(idx / ((size_t)W * H * g->c_conv_in));
    put_t(o, s, "d_x", n, c, iy, ix, 1);
    text_put(o, " = ");
    for (int i = 0; i < total && i < cap; i++) {
        text_put(o, "%s", i ? " + " : "");
        put_t(o, s, "d_out", t[i].n, t[i].co, t[i].oy, t[i].ox, 0);
        text_put(o, MUL);
        text_name_w(o, s, t[i].co, c, t[i].a, t[i].b);
    }
    if (total > cap)
        text_put(o, " + ... (%d terms)", total);
    if (!total)
        text_put(o, "0 (no output reads this cell)");
    text_put(o, " = ");
    text_num(o, gm->dx[idx]);
}

static void put_dw_sum(TextOut *o, Scene *s, const GradModel *gm, size_t idx, int max_terms)
{
    const ConvGeom *g = &s->m.g;
    GradTerm t[8];
    int cap = max_terms < 8 ? max_terms : 8;
    int total = terms_backprop_filter(g, gm->x, gm->dout, idx, t, cap);
    int cb_g = g->c_conv_in / g->groups, cs_g = g->c_conv_out / g->groups;
    int b = (int)(idx % g->w.k), a = (int)(idx / g->w.k % g->h.k);
    int cl = (int)(idx / ((size_t)g->w.k * g->h.k) % cb_g);
    int cs = (int)(idx / ((size_t)g->w.k * g->h.k * cb_g)), cb = (cs / cs_g) * cb_g + cl;
    text_put(o, "d_");
    text_name_w(o, s, cs, cb, a, b);
    text_put(o, " = ");
    for (int i = 0; i < total && i < cap; i++) {
        text_put(o, "%s", i ? " + " : "");
        put_t(o, s, "x", t[i].n, t[i].ci, t[i].iy, t[i].ix, 1);
        text_put(o, MUL);
        put_t(o, s, "d_out", t[i].n, t[i].co, t[i].oy, t[i].ox, 0);
    }
    if (total > cap)
        text_put(o, " + ... (%d terms)", total);
    if (!total)
        text_put(o, "0 (this tap only meets padding)");
    text_put(o, " = ");
    text_num(o, gm->dw[idx]);
}

static void status(Scene *s, TextOut *o)
{
    GradModel *gm = scene_grad(s);
    if (!gm) {
        text_put(o, "%s", s->grad.msg);
        return;
    }
    Moment mo;
    scene_moment(s, &mo);
    if (mo.kind == PHASE_DW) {
        put_dw_sum(o, s, gm, (size_t)mo.c.step, 3);
        text_put(o, " (x correlated with d_out)");
    } else {
        put_dx_sum(o, s, gm, (size_t)mo.c.step, 3);
        text_put(o, " (chain rule)");
    }
}

static void caption_of(const Scene *s, GridId grid, int widest, TextOut *o)
{
    (void)widest;
    static const char *const long_names[] = {
        "x (forward input)",
        "w",
        "out = conv2d(x, w)",
        "d_out (type to edit)",
        "d_x = conv2d_transpose(d_out, w)",
        "d_w",
        "pad_full(d_out)",
        "rot180(w)",
    };
    static const char *const short_names[] = {"x", "w", "out", "d_out", "d_x", "d_w", "pad", "rot"};
    int i = grid - GRID_G_X;
    if (i < 0 || i > GRID_G_ROT - GRID_G_X)
        return;
    text_put(o, "%s", s->short_captions ? short_names[i] : long_names[i]);
}

static void tooltip(Scene *s, CellRef c, TextOut *o)
{
    GradModel *gm = scene_grad(s);
    if (!gm)
        return;
    const ConvGeom *g = &s->m.g;
    size_t big =
        (((size_t)s->n * g->c_conv_in + s->co) * g->h.conv_in + c.row) * g->w.conv_in + c.col;
    size_t small =
        (((size_t)s->n * g->c_conv_out + s->ci) * g->h.conv_out + c.row) * g->w.conv_out + c.col;
    long off = model_w_offset(&s->m, s->ci, s->co);
    switch (c.grid) {
    case GRID_G_X:
        put_t(o, s, "x", s->n, s->co, c.row, c.col, 1);
        text_put(o, " = ");
        text_num(o, gm->x[big]);
        break;
    case GRID_G_OUT:
        put_t(o, s, "out", s->n, s->ci, c.row, c.col, 0);
        text_put(o, " = conv2d(x, w) = ");
        text_num(o, gm->out[small]);
        break;
    case GRID_G_DOUT:
        put_t(o, s, "d_out", s->n, s->ci, c.row, c.col, 0);
        text_put(o, " = ");
        text_num(o, gm->dout[small]);
        text_put(o, ": how much the loss changes per unit of this out");
        break;
    case GRID_G_DX: put_dx_sum(o, s, gm, big, 4); break;
    case GRID_G_W:
    case GRID_G_DW:
        if (off < 0)
            break;
        if (c.grid == GRID_G_DW) {
            put_dw_sum(o, s, gm, (size_t)off + (size_t)c.row * g->w.k + c.col, 3);
            break;
        }
        text_name_w(o, s, s->ci, s->co, c.row, c.col);
        text_put(o, " = ");
        text_num(o, gm->w[off + c.row * g->w.k + c.col]);
        break;
    case GRID_G_PADDED: {
        int ph = gm->eq.eq.h.conv_in, pw = gm->eq.eq.w.conv_in;
        text_put(o, "pad_full(d_out)[%d,%d] = ", c.row, c.col);
        text_num(o,
                 gm->eq.padded[(((size_t)s->n * g->c_conv_out + s->ci) * ph + c.row) * pw + c.col]);
        break;
    }
    case GRID_G_ROT: {
        long r = model_rot_offset(&s->m, s->co, s->ci);
        if (r < 0)
            break;
        text_put(o, "rot180(w)[%d,%d] = ", c.row, c.col);
        text_name_w(o, s, s->ci, s->co, g->h.k - 1 - c.row, g->w.k - 1 - c.col);
        text_put(o, " = ");
        text_num(o, gm->eq.kernel[r + c.row * g->w.k + c.col]);
        break;
    }
    default: break;
    }
}

/* ---- the side column: terms of the focus cell and the check lines ------------------ */

static int side_line(Scene *s, DrawList *dl, Rect *r, Color c, const char *t)
{
    int b = s->layout.body_px, lh = b * 5 / 4;
    int n = scene_wrap_text(s, dl, *r, b, c, t);
    rect_cut_top(r, n * lh);
    return n;
}

static void draw_side(Scene *s, DrawList *dl, const GradModel *gm, Focus f)
{
    const Theme *th = theme_get(s->theme);
    const ConvGeom *g = &s->m.g;
    Rect r = s->layout.side;
    if (r.w <= 0)
        return;
    draw_rect(dl, r, th->panel);
    r = rect_inset(r, s->layout.pad);
    char line[400];
    TextOut o = text_out(line, sizeof line);
    GradTerm t[SIDE_TERMS];
    int total;
    double value, fd;
    size_t done;
    if (!f.is_dw) {
        total = terms_backprop_input(g, gm->w, gm->dout, f.idx, t, SIDE_TERMS);
        int W = g->w.conv_in, H = g->h.conv_in;
        int ix = (int)(f.idx % W), iy = (int)(f.idx / W % H);
        int c = (int)(f.idx / ((size_t)W * H) % g->c_conv_in),
            n = (int)(f.idx / ((size_t)W * H * g->c_conv_in));
        put_t(&o, s, "d_x", n, c, iy, ix, 1);
        text_put(&o, " = sum over the %d output%s that read ", total, total == 1 ? "" : "s");
        put_t(&o, s, "x", n, c, iy, ix, 1);
        text_put(&o, " of d_out" MUL "w:");
        value = gm->dx[f.idx];
        done = gm->fd_dx_done;
        fd = f.idx < done ? gm->fd_dx[f.idx] : 0.0;
    } else {
        total = terms_backprop_filter(g, gm->x, gm->dout, f.idx, t, SIDE_TERMS);
        text_put(&o, "d_w tap = sum over the %d outputs of x" MUL "d_out:", total);
        value = gm->dw[f.idx];
        done = gm->fd_dx_done == geom_big_count(g) ? gm->fd_dw_done : 0;
        fd = f.idx < done ? gm->fd_dw[f.idx] : 0.0;
    }
    side_line(s, dl, &r, th->title, line);
    int b = s->layout.body_px, lh = b * 5 / 4;
    int reserve = (gm->textbook ? 11 : 8) * lh; /* the sum, the checks and "... more" */
    int shown = 0;
    for (int i = 0; i < total && i < SIDE_TERMS; i++) {
        o = text_out(line, sizeof line);
        text_put(&o, "  ");
        if (!f.is_dw)
            put_t(&o, s, "d_out", t[i].n, t[i].co, t[i].oy, t[i].ox, 0);
        else
            put_t(&o, s, "x", t[i].n, t[i].ci, t[i].iy, t[i].ix, 1);
        text_put(&o, MUL);
        if (!f.is_dw)
            text_name_w(&o, s, t[i].co, t[i].ci, t[i].a, t[i].b);
        else
            put_t(&o, s, "d_out", t[i].n, t[i].co, t[i].oy, t[i].ox, 0);
        text_put(&o, " = ");
        text_num(&o, t[i].left);
        text_put(&o, MUL "%s", t[i].right < 0 ? "(" : "");
        text_num(&o, t[i].right);
        text_put(&o, "%s = ", t[i].right < 0 ? ")" : "");
        text_num(&o, t[i].product);
        if (r.h - scene_wrap_text(s, NULL, r, b, th->text, line) * lh < reserve)
            break; /* no room for this term and the lines below */
        side_line(s, dl, &r, th->text, line);
        shown++;
    }
    if (total > shown) {
        snprintf(line, sizeof line, "  ... and %d more", total - shown);
        side_line(s, dl, &r, th->text_dim, line);
    }
    o = text_out(line, sizeof line);
    text_put(&o, "= ");
    text_num(&o, value);
    text_put(&o, f.is_dw ? " (conv2d_backprop_filter)" : " (conv2d_backprop_input)");
    side_line(s, dl, &r, th->title, line);
    o = text_out(line, sizeof line);
    if (f.idx < done) {
        text_put(&o, "finite difference: ");
        text_num(&o, fd);
        text_put(&o, same(fd, value) ? " (agrees)" : " (DIFFERS)");
    } else {
        text_put(&o, "finite difference: not checked yet");
    }
    side_line(s, dl, &r,
              f.idx >= done      ? th->text_dim
              : !same(fd, value) ? th->error
                                 : th->check,
              line);
    rect_cut_top(&r, lh / 2);

    /* Whole-tensor checks. */
    size_t nx = geom_big_count(g), nw = geom_weight_count(g);
    snprintf(line, sizeof line, "conv2d_transpose(d_out, w) %s d_x at all %zu cells",
             gm->dx_t_same ? "equals" : "DIFFERS FROM", nx);
    side_line(s, dl, &r, gm->dx_t_same ? th->check : th->error, line);
    int ok = gm->fd_max_diff <= 1e-3;
    o = text_out(line, sizeof line);
    text_put(&o, "finite differences (core): %zu/%zu d_x, %zu/%zu d_w checked, max |diff| ",
             gm->fd_dx_done, nx, gm->fd_dw_done, nw);
    text_num(&o, gm->fd_max_diff);
    side_line(s, dl, &r, ok ? th->check : th->error, line);
    if (gm->textbook)
        side_line(s, dl, &r, th->text,
                  "stride 1, VALID: d_x = conv2d(pad_full(d_out), rot180(w)), bottom row");
}

/* ---- drawing ----------------------------------------------------------------------- */

static void plane(Painter *p, const Scene *s, GridId id, const float *vals, int cols, int shown,
                  float vmax)
{
    const GridLayout *g = &s->layout.grid[id];
    PlaneView v = {p->th, vals, cols, shown, vmax};
    paint_plane(p, g, &v);
    char cap[96];
    text_caption(s, id, 0, cap, sizeof cap);
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
        int iy = oy * g->h.stride + a * g->h.dil - g->h.pad_before;
        for (int ox = 0; ox < g->w.conv_out && iy >= 0 && iy < g->h.conv_in; ox++) {
            int ix = ox * g->w.stride + b * g->w.dil - g->w.pad_before;
            if (ix >= 0 && ix < g->w.conv_in)
                paint_cell_frame(p, gx, iy, ix, p->th->window, paint_thick(gx) + 1);
        }
    }
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
    plane(&p, s, GRID_G_X, gm->x + bch, g->w.conv_in, -1, gm->vmax_x);
    plane(&p, s, GRID_G_W, off >= 0 ? gm->w + off : NULL, g->w.k, -1, gm->vmax_w);
    plane(&p, s, GRID_G_OUT, gm->out + sch, g->w.conv_out, -1, gm->vmax_out);
    plane(&p, s, GRID_G_DOUT, gm->dout + sch, g->w.conv_out, -1, gm->vmax_dout);
    plane(&p, s, GRID_G_DX, gm->dx + bch, g->w.conv_in, (int)dx_done, gm->vmax_dx);
    plane(&p, s, GRID_G_DW, off >= 0 ? gm->dw + off : NULL, g->w.k, (int)dw_done, gm->vmax_dw);
    if (l->grid[GRID_G_PADDED].visible) {
        size_t pp = (size_t)gm->eq.eq.h.conv_in * gm->eq.eq.w.conv_in;
        long rot = model_rot_offset(&s->m, s->co, s->ci);
        plane(&p, s, GRID_G_PADDED, gm->eq.padded + ((size_t)s->n * g->c_conv_out + s->ci) * pp,
              gm->eq.eq.w.conv_in, -1, gm->vmax_dout);
        plane(&p, s, GRID_G_ROT, rot >= 0 ? gm->eq.kernel + rot : NULL, g->w.k, -1, gm->vmax_w);
    }
    if (mo.kind == PHASE_DX)
        frame_dx(&p, s, (size_t)mo.c.step, p.th->highlight, 1);
    else
        frame_dw(&p, s, (size_t)mo.c.step, p.th->highlight, 1);
    Focus f = focus_of(s, &mo);
    CellRef fc = scene_focus(s);
    if (fc.grid == GRID_G_DX)
        frame_dx(&p, s, f.idx, p.th->link, 0);
    else if (fc.grid == GRID_G_DW)
        frame_dw(&p, s, f.idx, p.th->link, 0);
    draw_clip(dl, (Rect){0, 0, 0, 0});
    draw_side(s, dl, gm, f);
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
    .n_phases = 2,
    .phase = {PHASE_DX, PHASE_DW},
    .first_grid = GRID_G_X,
    .last_grid = GRID_G_ROT,
    .targets = {.input = GRID_G_DOUT,
                .filter = GRID_G_W,
                .output = GRID_G_DX,
                .canvas = GRID_NONE,
                .padded = GRID_G_PADDED,
                .kernel = GRID_G_ROT,
                .forward_x = GRID_G_X},
    .dims = dims,
    .place = place,
    .update = update,
    .busy = busy,
    .draw = draw,
    .status = status,
    .caption = caption_of,
    .tooltip = tooltip,
};
