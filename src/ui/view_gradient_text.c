/* view_gradient_text.c - the gradient view's sentences: the status line
 * (a d_x cell's chain-rule sum or a d_w tap's correlation), captions,
 * tooltips, and the side column that lists the focused cell's terms and
 * the check lines (d_x against the core's transposed conv, both gradients
 * against finite differences). Every number is the core's: tensors from
 * scene_grad.c, terms from core/terms.h. */
#include "ui/scene_grad.h"
#include "ui/view.h"

#include <math.h>
#include <stdio.h>

#include "core/ops.h"

#define SIDE_TERMS 24

static int same(double a, double b)
{
    return fabs(a - b) <= 1e-4 * (fabs(a) > 1.0 ? fabs(a) : 1.0);
}

GradFocus gradient_focus(Scene *s, const Moment *mo)
{
    const ConvGeom *g = &s->m.g;
    CellRef f = scene_focus(s);
    if (f.grid == GRID_G_DX)
        return (GradFocus){
            0,
            (((size_t)s->n * g->c_conv_in + s->co) * g->h.conv_in + f.row) * g->w.conv_in + f.col};
    long off = model_w_offset(&s->m, s->ci, s->co);
    if (f.grid == GRID_G_DW && off >= 0)
        return (GradFocus){1, (size_t)off + (size_t)f.row * g->w.k + f.col};
    return (GradFocus){mo->kind == PHASE_DW, (size_t)mo->c.step};
}

/* ---- sentences ------------------------------------------------------------------ */

static void put_dx_sum(StrBuf *o, Scene *s, const GradModel *gm, size_t idx, int max_terms)
{
    const ConvGeom *g = &s->m.g;
    GradTerm t[8];
    int cap = max_terms < 8 ? max_terms : 8;
    int total = terms_backprop_input(g, gm->w, gm->dout, idx, t, cap);
    int W = g->w.conv_in, H = g->h.conv_in;
    int ix = (int)(idx % W), iy = (int)(idx / W % H),
        c = (int)(idx / ((size_t)W * H) % g->c_conv_in);
    int n = (int)(idx / ((size_t)W * H * g->c_conv_in));
    text_name(o, s, "d_x", n, c, iy, ix);
    strbuf_printf(o, " = ");
    for (int i = 0; i < total && i < cap; i++) {
        strbuf_printf(o, "%s", i ? " + " : "");
        text_name(o, s, "d_out", t[i].n, t[i].co, t[i].oy, t[i].ox);
        strbuf_printf(o, MUL);
        text_name_w(o, s, t[i].co, c, t[i].a, t[i].b);
    }
    if (total > cap)
        strbuf_printf(o, " + ... (%d terms)", total);
    if (!total)
        strbuf_printf(o, "0 (no output reads this cell)");
    strbuf_printf(o, " = ");
    text_num(o, gm->dx[idx]);
}

static void put_dw_sum(StrBuf *o, Scene *s, const GradModel *gm, size_t idx, int max_terms)
{
    const ConvGeom *g = &s->m.g;
    GradTerm t[8];
    int cap = max_terms < 8 ? max_terms : 8;
    int total = terms_backprop_filter(g, gm->x, gm->dout, idx, t, cap);
    int cb_g = g->c_conv_in / g->groups, cs_g = g->c_conv_out / g->groups;
    int b = (int)(idx % g->w.k), a = (int)(idx / g->w.k % g->h.k);
    int cl = (int)(idx / ((size_t)g->w.k * g->h.k) % cb_g);
    int cs = (int)(idx / ((size_t)g->w.k * g->h.k * cb_g)), cb = (cs / cs_g) * cb_g + cl;
    strbuf_printf(o, "d_");
    text_name_w(o, s, cs, cb, a, b);
    strbuf_printf(o, " = ");
    for (int i = 0; i < total && i < cap; i++) {
        strbuf_printf(o, "%s", i ? " + " : "");
        text_name(o, s, "x", t[i].n, t[i].ci, t[i].iy, t[i].ix);
        strbuf_printf(o, MUL);
        text_name(o, s, "d_out", t[i].n, t[i].co, t[i].oy, t[i].ox);
    }
    if (total > cap)
        strbuf_printf(o, " + ... (%d terms)", total);
    if (!total)
        strbuf_printf(o, "0 (this tap only meets padding)");
    strbuf_printf(o, " = ");
    text_num(o, gm->dw[idx]);
}

void gradient_status(Scene *s, StrBuf *o)
{
    GradModel *gm = scene_grad(s);
    if (!gm) {
        strbuf_printf(o, "%s", s->grad.msg);
        return;
    }
    Moment mo;
    scene_moment(s, &mo);
    if (mo.kind == PHASE_DW) {
        put_dw_sum(o, s, gm, (size_t)mo.c.step, 3);
        strbuf_printf(o, " (x correlated with d_out)");
    } else {
        put_dx_sum(o, s, gm, (size_t)mo.c.step, 3);
        strbuf_printf(o, " (chain rule)");
    }
}

void gradient_caption(const Scene *s, GridId grid, int widest, StrBuf *o)
{
    (void)widest;
    static const char *const long_names[] = {
        "x (forward input)",
        "w",
        "out = conv2d(x, w)",
        "d_out (typed; type to edit)",
        "d_x = conv2d_transpose(d_out, w)",
        "d_w",
        "pad_full(d_out)",
        "rot180(w)",
    };
    static const char *const short_names[] = {"x", "w", "out", "d_out", "d_x", "d_w", "pad", "rot"};
    int i = grid - GRID_G_X;
    if (i < 0 || i > GRID_G_ROT - GRID_G_X)
        return;
    /* While d_out is the layer's x, d_x is the y every other view shows. */
    int is_x = grad_dout_is_x(s);
    if (s->short_captions) {
        strbuf_printf(o, "%s%s", short_names[i],
                 !is_x                ? ""
                 : grid == GRID_G_DOUT ? " = x"
                 : grid != GRID_G_DX   ? ""
                 : s->bias.data        ? " = y - b"
                                       : " = y");
        return;
    }
    if (grid == GRID_G_DOUT && is_x)
        strbuf_printf(o, "d_out = x");
    else if (grid == GRID_G_DX && is_x)
        strbuf_printf(o, "%s = %s", long_names[i], s->bias.data ? "y - b" : "y");
    else
        strbuf_printf(o, "%s", long_names[i]);
}

void gradient_tooltip(Scene *s, CellRef c, StrBuf *o)
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
        text_name(o, s, "x", s->n, s->co, c.row, c.col);
        strbuf_printf(o, " = ");
        text_num(o, gm->x[big]);
        break;
    case GRID_G_OUT:
        text_name(o, s, "out", s->n, s->ci, c.row, c.col);
        strbuf_printf(o, " = conv2d(x, w) = ");
        text_num(o, gm->out[small]);
        break;
    case GRID_G_DOUT:
        text_name(o, s, "d_out", s->n, s->ci, c.row, c.col);
        strbuf_printf(o, " = ");
        text_num(o, gm->dout[small]);
        strbuf_printf(o, ": how much the loss changes per unit of this out");
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
        strbuf_printf(o, " = ");
        text_num(o, gm->w[off + c.row * g->w.k + c.col]);
        break;
    case GRID_G_PADDED: {
        int ph = gm->eq.eq.h.conv_in, pw = gm->eq.eq.w.conv_in;
        strbuf_printf(o, "pad_full(d_out)[%d,%d] = ", c.row, c.col);
        text_num(o,
                 gm->eq.padded[(((size_t)s->n * g->c_conv_out + s->ci) * ph + c.row) * pw + c.col]);
        break;
    }
    case GRID_G_ROT: {
        long r = model_rot_offset(&s->m, s->co, s->ci);
        if (r < 0)
            break;
        strbuf_printf(o, "rot180(w)[%d,%d] = ", c.row, c.col);
        text_name_w(o, s, s->ci, s->co, g->h.k - 1 - c.row, g->w.k - 1 - c.col);
        strbuf_printf(o, " = ");
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

void gradient_draw_side(Scene *s, DrawList *dl, const GradModel *gm, GradFocus f)
{
    const Theme *th = theme_get(s->theme);
    const ConvGeom *g = &s->m.g;
    Rect r = s->layout.side;
    if (r.w <= 0)
        return;
    draw_rect(dl, r, th->panel);
    r = rect_inset(r, s->layout.pad);
    char line[400];
    StrBuf o = strbuf_init(line, sizeof line);
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
        text_name(&o, s, "d_x", n, c, iy, ix);
        strbuf_printf(&o, " = sum over the %d output%s that read ", total, total == 1 ? "" : "s");
        text_name(&o, s, "x", n, c, iy, ix);
        strbuf_printf(&o, " of d_out" MUL "w:");
        value = gm->dx[f.idx];
        done = gm->fd_dx_done;
        fd = f.idx < done ? gm->fd_dx[f.idx] : 0.0;
    } else {
        total = terms_backprop_filter(g, gm->x, gm->dout, f.idx, t, SIDE_TERMS);
        strbuf_printf(&o, "d_w tap = sum over the %d outputs of x" MUL "d_out:", total);
        value = gm->dw[f.idx];
        done = gm->fd_dx_done == geom_big_count(g) ? gm->fd_dw_done : 0;
        fd = f.idx < done ? gm->fd_dw[f.idx] : 0.0;
    }
    side_line(s, dl, &r, th->title, line);
    int b = s->layout.body_px, lh = b * 5 / 4;
    int reserve = (gm->textbook ? 14 : 11) * lh; /* the sum, the checks and "... more" */
    int shown = 0;
    for (int i = 0; i < total && i < SIDE_TERMS; i++) {
        o = strbuf_init(line, sizeof line);
        strbuf_printf(&o, "  ");
        if (!f.is_dw)
            text_name(&o, s, "d_out", t[i].n, t[i].co, t[i].oy, t[i].ox);
        else
            text_name(&o, s, "x", t[i].n, t[i].ci, t[i].iy, t[i].ix);
        strbuf_printf(&o, MUL);
        if (!f.is_dw)
            text_name_w(&o, s, t[i].co, t[i].ci, t[i].a, t[i].b);
        else
            text_name(&o, s, "d_out", t[i].n, t[i].co, t[i].oy, t[i].ox);
        strbuf_printf(&o, " = ");
        text_num(&o, t[i].left);
        strbuf_printf(&o, MUL "%s", t[i].right < 0 ? "(" : "");
        text_num(&o, t[i].right);
        strbuf_printf(&o, "%s = ", t[i].right < 0 ? ")" : "");
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
    o = strbuf_init(line, sizeof line);
    strbuf_printf(&o, "= ");
    text_num(&o, value);
    strbuf_printf(&o, f.is_dw ? " (conv2d_backprop_filter)" : " (conv2d_backprop_input)");
    side_line(s, dl, &r, th->title, line);
    o = strbuf_init(line, sizeof line);
    if (f.idx < done) {
        strbuf_printf(&o, "finite difference: ");
        text_num(&o, fd);
        strbuf_printf(&o, same(fd, value) ? " (agrees)" : " (DIFFERS)");
    } else {
        strbuf_printf(&o, "finite difference: not checked yet");
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
    const char *yb = s->bias.data ? "y - b" : "y";
    if (gm->dout_is_x)
        snprintf(line, sizeof line,
                 "d_out = x (the layer's input), so d_x = %s of the other views (%s at all %zu "
                 "cells)",
                 yb, gm->dx_is_y ? "equal" : "DIFFERENT", nx);
    else
        snprintf(line, sizeof line, "d_out is typed, not the layer's x: d_x is not its %s", yb);
    side_line(s, dl, &r, !gm->dout_is_x ? th->text_dim : gm->dx_is_y ? th->check : th->error,
              line);
    int ok = gm->fd_max_diff <= 1e-3;
    o = strbuf_init(line, sizeof line);
    strbuf_printf(&o, "finite differences (core): %zu/%zu d_x, %zu/%zu d_w checked, max |diff| ",
             gm->fd_dx_done, nx, gm->fd_dw_done, nw);
    text_num(&o, gm->fd_max_diff);
    side_line(s, dl, &r, ok ? th->check : th->error, line);
    if (gm->textbook)
        side_line(s, dl, &r, th->text,
                  "stride 1, VALID: d_x = conv2d(pad_full(d_out), rot180(w)), bottom row");
}
