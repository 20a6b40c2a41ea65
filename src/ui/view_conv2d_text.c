/* view_conv2d_text.c - the conv2d-equivalent's sentences: the status line
 * of each step (a window's sum compared with the scatter's result, one of
 * its products, or a row of y), the captions of p, the turning kernel, the
 * products and y, and the tooltips that say where a cell of p comes from
 * (an input element, an inserted zero, padding) or spell an output's sum.
 * Values come from the core's gather trace and its EquivConv. */
#include "ui/paint.h"
#include "ui/view.h"

#include <math.h>

static int same_value(float a, float b)
{
    return fabsf(a - b) <= 1e-5f * (fabsf(a) > 1.0f ? fabsf(a) : 1.0f);
}

void conv2d_sentence(StrBuf *o, Scene *s, int beside_scatter)
{
    const ConvGeom *g = &s->m.g;
    Moment m;
    scene_moment(s, &m);
    const Moment *mo = &m;
    GatherStep gs;
    const float *prod = model_products(&s->m, mo->c.step, &gs);
    if (s->tl.gran == GRAN_ROW) {
        strbuf_printf(o, "row %d of y: each cell is the sum of its window of p[", gs.oy);
        text_slice(o, gs.oy, g->h.k_eff, g->h.dil);
        strbuf_printf(o, ", :] times rot180(w)");
        return;
    }
    if (s->tl.gran == GRAN_MAC) {
        int t = mo->c.taps_done - 1, a = t / g->w.k, b = t % g->w.k;
        int py = gs.win_row + a * gs.row_step, px = gs.win_col + b * gs.col_step;
        int ph = s->m.gt.eq.eq.h.conv_in, pw = s->m.gt.eq.eq.w.conv_in;
        long roff = model_rot_offset(&s->m, gs.c, s->ci);
        strbuf_printf(o, "product %d of %d for ", t + 1, g->h.k * g->w.k);
        text_name_y(o, s, gs.n, gs.c, gs.oy, gs.ox);
        if (roff < 0) {
            strbuf_printf(o, ": input channel %d is not in this output's group", s->ci);
            return;
        }
        int ci_off = s->ci - gs.c_first;
        strbuf_printf(o, ": p[%d,%d]" MUL "rot180(w)[%d,%d] = ", py, px, a, b);
        size_t at = (((size_t)gs.n * g->c_conv_out + s->ci) * ph + py) * pw + px;
        text_num(o, s->m.gt.eq.padded[at]);
        strbuf_printf(o, MUL);
        text_num(o, s->m.gt.eq.kernel[roff + a * g->w.k + b]);
        strbuf_printf(o, " = ");
        text_num(o, prod[((size_t)ci_off * g->h.k + a) * g->w.k + b]);
        return;
    }
    text_name_y(o, s, gs.n, gs.c, gs.oy, gs.ox);
    strbuf_printf(o, " = sum of ");
    if (gs.c_count > 1)
        strbuf_printf(o, "%d channels of ", gs.c_count);
    strbuf_printf(o, "window p[");
    text_slice(o, gs.win_row, g->h.k_eff, g->h.dil);
    strbuf_printf(o, ", ");
    text_slice(o, gs.win_col, g->w.k_eff, g->w.dil);
    strbuf_printf(o, "] " MUL " rot180(w) = ");
    text_num(o, gs.sum);
    int k = mo->c.step;
    float scatter = s->m.st.output[k]; /* same [N,Cb,H,W] index in both traces */
    if (same_value(gs.sum, scatter) && !beside_scatter) {
        /* No scatter on screen: name the result, not a cell the user can't see. */
        strbuf_printf(o, ", equal to the scatter form's result");
    } else if (same_value(gs.sum, scatter)) {
        strbuf_printf(o, ", the same as the scatter's ");
        text_name_y(o, s, gs.n, gs.c, gs.oy, gs.ox);
    } else {
        strbuf_printf(o, ", but the scatter gave ");
        text_num(o, scatter);
    }
}

static void tip_padded(StrBuf *o, Scene *s, int r, int c)
{
    const ConvGeom *g = &s->m.g;
    const EquivConv *e = &s->m.gt.eq;
    int ph = e->eq.h.conv_in, pw = e->eq.w.conv_in;
    float v = e->padded[(((size_t)s->n * g->c_conv_out + s->ci) * ph + r) * pw + c];
    int zy = r - e->pad[0], zx = c - e->pad[2];
    strbuf_printf(o, "p[%d,%d] = ", r, c);
    if (zy >= 0 && zy < e->zh && zx >= 0 && zx < e->zw) {
        if (zy % g->h.stride == 0 && zx % g->w.stride == 0) {
            text_name_x(o, s, s->n, s->ci, zy / g->h.stride, zx / g->w.stride);
            strbuf_printf(o, " = ");
            text_num(o, v);
        } else {
            text_num(o, v);
            strbuf_printf(o, ": a zero inserted between input elements (stride %d)", g->h.stride);
        }
    } else {
        text_num(o, v);
        strbuf_printf(o, ": padding, k_eff-1-pad = %d rows before and %d after", e->pad[0], e->pad[1]);
    }
}

/* What a lesson's build-up stage is making. */
static void build_sentence(StrBuf *o, const Scene *s)
{
    const ConvGeom *g = &s->m.g;
    const EquivConv *e = &s->m.gt.eq;
    switch (s->build) {
    case BUILD_ZEROS:
        if (g->h.stride == g->w.stride)
            strbuf_printf(o, "zero insertion: stride - 1 = %d zero%s between neighbouring cells of x",
                     g->h.stride - 1, g->h.stride == 2 ? "" : "s");
        else
            strbuf_printf(o, "zero insertion: %d rows and %d columns of zeros between neighbouring "
                        "cells of x",
                     g->h.stride - 1, g->w.stride - 1);
        strbuf_printf(o, ": %dx%d becomes %dx%d", g->h.conv_out, g->w.conv_out, e->zh, e->zw);
        break;
    case BUILD_PADDING:
        strbuf_printf(o, "padding: %d top, %d bottom, %d left, %d right (k_eff - 1 - pad): %dx%d "
                    "becomes %dx%d",
                 e->pad[0], e->pad[1], e->pad[2], e->pad[3], e->zh, e->zw, e->eq.h.conv_in,
                 e->eq.w.conv_in);
        break;
    default:
        strbuf_printf(o, "rot180(w): the kernel turned by 180 degrees, so the sliding window "
                    "multiplies the same pairs as the scatter");
        break;
    }
}

void conv2d_status(Scene *s, StrBuf *o)
{
    if (s->build)
        build_sentence(o, s);
    else
        conv2d_sentence(o, s, 0);
}

void conv2d_tooltip(Scene *s, CellRef cell, StrBuf *o)
{
    const ConvGeom *g = &s->m.g;
    int r = cell.row, c = cell.col;
    switch (cell.grid) {
    case GRID_OUTPUT:
        if (r + g->h.pad_before >= g->h.full || c + g->w.pad_before >= g->w.full) {
            text_name_y(o, s, s->n, s->co, r, c);
            strbuf_printf(o, " = 0: appended past the scatter by %s",
                     s->spec.params.convention == CONV_TF ? "output_shape" : "output_padding");
            break;
        }
        text_sum(o, s, s->n, s->co, r + g->h.pad_before, c + g->w.pad_before, 0);
        break;
    case GRID_PADDED: tip_padded(o, s, r, c); break;
    case GRID_ROTKERNEL: {
        long off = model_rot_offset(&s->m, s->co, s->ci);
        if (off < 0)
            break;
        strbuf_printf(o, "rot180(w)[%d,%d] = ", r, c);
        text_name_w(o, s, s->ci, s->co, g->h.k - 1 - r, g->w.k - 1 - c);
        strbuf_printf(o, " = ");
        text_num(o, s->m.gt.eq.kernel[off + r * g->w.k + c]);
        break;
    }
    case GRID_PRODUCTS: {
        Moment mo;
        scene_moment(s, &mo);
        if (mo.kind != PHASE_GATHER) {
            strbuf_printf(o, "the window's products appear in the conv2d phase");
            break;
        }
        GatherStep gs;
        const float *prod = model_products(&s->m, mo.c.step, &gs);
        int ci_off = s->ci - gs.c_first;
        if (ci_off < 0 || ci_off >= gs.c_count)
            break;
        strbuf_printf(o, "p[%d,%d]" MUL "rot180(w)[%d,%d] = ", gs.win_row + r * gs.row_step,
                 gs.win_col + c * gs.col_step, r, c);
        text_num(o, prod[((size_t)ci_off * g->h.k + r) * g->w.k + c]);
        break;
    }
    default: break;
    }
}

void conv2d_caption(const Scene *s, GridId grid, int widest, StrBuf *o)
{
    if (s->short_captions) {
        /* the kernel is rot(w) only once it has turned */
        static const char *const short_names[] = {"p", "rot(w)", "prod", "y"};
        const char *name = short_names[grid - GRID_PADDED];
        if (grid == GRID_ROTKERNEL && s->rot < 1.0)
            name = s->rot_running ? "w, turning" : "w";
        strbuf_printf(o, "%s", name);
        return;
    }
    if (grid == GRID_ROTKERNEL && widest) { /* the widest of its captions: no jump as it turns */
        strbuf_printf(o, "w, rotated later");
        return;
    }
    switch (grid) {
    case GRID_PADDED:
        strbuf_printf(o, "%s", s->build == BUILD_ZEROS ? "x, zeros inserted" : "p = x, zeros inserted, padded");
        break;
    case GRID_ROTKERNEL:
        strbuf_printf(o, "%s",
                 s->rot >= 1.0    ? "rot180(w)"
                 : s->rot_running ? "w, rotating 180"
                                  : "w, rotated later");
        break;
    case GRID_PRODUCTS: strbuf_printf(o, "products"); break;
    case GRID_OUTPUT: strbuf_printf(o, "y = conv2d(p, rot180(w))"); break;
    default: break;
    }
}
