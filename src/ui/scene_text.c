/* scene_text.c - every sentence the scene shows: the header's call, the
 * shapes line, the status line of the current step, grid captions and the
 * tooltips that spell a cell's sum.
 *
 * Numbers in these sentences are read from the core (trace copies, partial
 * canvases, the weighted copy, gather products and outputs); which terms
 * feed a cell is geometry, derived from ConvGeom. All writing goes through
 * a bounded appender, so a long sum is cut, never overflowed. */
#include "ui/scene_internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define MAX_TERMS 6

typedef TextOut Out;

static void vput(Out *o, const char *fmt, va_list ap)
{
    if (o->len + 1 >= o->cap)
        return;
    int n = vsnprintf(o->buf + o->len, o->cap - o->len, fmt, ap);
    if (n > 0)
        o->len = o->len + (size_t)n < o->cap ? o->len + (size_t)n : o->cap - 1;
}

static void put(Out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(Out *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vput(o, fmt, ap);
    va_end(ap);
}

void text_put(TextOut *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vput(o, fmt, ap);
    va_end(ap);
}

static Out out_init(char *buf, size_t cap)
{
    buf[0] = '\0';
    return (Out){buf, cap, 0};
}

TextOut text_out(char *buf, size_t cap)
{
    return out_init(buf, cap);
}

static void put_num(Out *o, double v)
{
    char n[32];
    format_number(n, sizeof n, v);
    put(o, "%s", n);
}

void text_num(TextOut *o, double v)
{
    put_num(o, v);
}

/* ---- names ------------------------------------------------------------------- */

static int multi_in(const Scene *s)
{
    return s->m.g.c_conv_out > 1 || s->m.g.n > 1;
}
static int multi_out(const Scene *s)
{
    return s->m.g.c_conv_in > 1 || s->m.g.n > 1;
}

static void put_x(Out *o, const Scene *s, int n, int c, int i, int j)
{
    if (s->m.g.n > 1)
        put(o, "x[%d][%d][%d,%d]", n, c, i, j);
    else if (multi_in(s))
        put(o, "x[%d][%d,%d]", c, i, j);
    else
        put(o, "x[%d,%d]", i, j);
}

static void put_w(Out *o, const Scene *s, int ci, int co, int a, int b)
{
    if (s->m.g.c_conv_out > 1 || s->m.g.c_conv_in > 1)
        put(o, "w[%d,%d][%d,%d]", ci, co, a, b);
    else
        put(o, "w[%d,%d]", a, b);
}

static void put_y(Out *o, const Scene *s, int n, int c, int oy, int ox)
{
    if (s->m.g.n > 1)
        put(o, "y[%d][%d][%d,%d]", n, c, oy, ox);
    else if (multi_out(s))
        put(o, "y[%d][%d,%d]", c, oy, ox);
    else
        put(o, "y[%d,%d]", oy, ox);
}

void text_name_x(TextOut *o, const Scene *s, int n, int c, int i, int j)
{
    put_x(o, s, n, c, i, j);
}
void text_name_w(TextOut *o, const Scene *s, int ci, int co, int a, int b)
{
    put_w(o, s, ci, co, a, b);
}
void text_name_y(TextOut *o, const Scene *s, int n, int c, int oy, int ox)
{
    put_y(o, s, n, c, oy, ox);
}

/* "out" when canvas and output share coordinates (nothing cropped at the
 * start), else "full": the uncropped canvas. */
static const char *canvas_name(const Scene *s)
{
    return s->m.g.h.pad_before == 0 && s->m.g.w.pad_before == 0 ? "out" : "full";
}

static void put_slice(Out *o, int start, int len, int step)
{
    if (step > 1)
        put(o, "%d:%d:%d", start, start + len, step);
    else
        put(o, "%d:%d", start, start + len);
}

/* ---- the header ------------------------------------------------------------------ */

static void put_pair(Out *o, int tf, int a, int b)
{
    if (a == b)
        put(o, "%d", a);
    else
        put(o, tf ? "[%d, %d]" : "(%d, %d)", a, b);
}

void text_call(const Scene *s, char *buf, size_t cap)
{
    Out o = out_init(buf, cap);
    const ConvGeom *g = &s->m.g;
    const ConvParams *p = &s->spec.params;
    int has_bias = s->bias.data != NULL;
    if (p->convention == CONV_TF) {
        put(&o, "tf.nn.conv2d_transpose(x, w, output_shape=[%d,%d,%d,%d], strides=", g->n,
            g->h.conv_in, g->w.conv_in, g->c_conv_in);
        put_pair(&o, 1, g->h.stride, g->w.stride);
        if (p->padding == PAD_EXPLICIT)
            put(&o, ", padding=[[0, 0], [%d, %d], [%d, %d], [0, 0]]", p->pad[0], p->pad[1],
                p->pad[2], p->pad[3]);
        else
            put(&o, ", padding='%s'", pad_mode_name(p->padding));
        if (g->h.dil != 1 || g->w.dil != 1) {
            put(&o, ", dilations=");
            put_pair(&o, 1, g->h.dil, g->w.dil);
        }
        put(&o, ")%s", has_bias ? " + b" : "");
    } else {
        put(&o, "torch.nn.functional.conv_transpose2d(x, w, %sstride=", has_bias ? "bias=b, " : "");
        put_pair(&o, 0, g->h.stride, g->w.stride);
        put(&o, ", padding=");
        put_pair(&o, 0, g->h.pad_before, g->w.pad_before);
        put(&o, ", output_padding=");
        put_pair(&o, 0, p->output_padding[0], p->output_padding[1]);
        if (g->groups != 1)
            put(&o, ", groups=%d", g->groups);
        if (g->h.dil != 1 || g->w.dil != 1) {
            put(&o, ", dilation=");
            put_pair(&o, 0, g->h.dil, g->w.dil);
        }
        put(&o, ")");
    }
}

static void put_dims(Out *o, const char *name, const Tensor *t)
{
    put(o, "%s [%d,%d,%d,%d] %s", name, t->dim[0], t->dim[1], t->dim[2], t->dim[3],
        layout_name(t->layout));
}

static void put_crop(Out *o, const char *side, int v, int last)
{
    if (v < 0)
        put(o, "%s %d (%d zero %s appended)", side, v, -v,
            strcmp(side, "bottom") == 0 ? (v == -1 ? "row" : "rows") : (v == -1 ? "col" : "cols"));
    else
        put(o, "%s %d", side, v);
    put(o, "%s", last ? "" : ", ");
}

void text_shapes(const Scene *s, char *buf, size_t cap)
{
    Out o = out_init(buf, cap);
    const ConvGeom *g = &s->m.g;
    put_dims(&o, "x", &s->input);
    put(&o, "  ");
    put_dims(&o, "w", &s->filter);
    if (s->spec.params.convention == CONV_TF)
        put(&o, "  y [%d,%d,%d,%d] NHWC", g->n, g->h.conv_in, g->w.conv_in, g->c_conv_in);
    else
        put(&o, "  y [%d,%d,%d,%d] NCHW", g->n, g->c_conv_in, g->h.conv_in, g->w.conv_in);
    put(&o, "  scatter %dx%d, crop ", g->h.full, g->w.full);
    put_crop(&o, "top", g->h.pad_before, 0);
    put_crop(&o, "bottom", g->h.crop_after, 0);
    put_crop(&o, "left", g->w.pad_before, 0);
    put_crop(&o, "right", g->w.crop_after, 1);
}

/* ---- sums ---------------------------------------------------------------------------- */

/* "y[2,3] = x[1,1]·w[0,1] + ... = 2" for output cell (n, co, oy, ox), or for
 * a cropped canvas cell (fy, fx) when `cropped`. */
static void put_sum(Out *o, Scene *s, int n, int co, int fy, int fx, int cropped)
{
    const ConvGeom *g = &s->m.g;
    int cs_g = g->c_conv_out / g->groups, cb_g = g->c_conv_in / g->groups;
    int c0 = (co / cb_g) * cs_g, terms = 0;
    if (cropped)
        put(o, "%s[%d,%d] (cropped away) = ", canvas_name(s), fy, fx);
    else
        put_y(o, s, n, co, fy - g->h.pad_before, fx - g->w.pad_before);
    if (!cropped)
        put(o, " = ");
    CanvasTerm t[MAX_TERMS];
    for (int ci = c0; ci < c0 + cs_g; ci++) {
        int count = terms_canvas_cell(g, fy, fx, t, MAX_TERMS);
        for (int i = 0; i < count && terms + i < MAX_TERMS; i++) {
            put(o, "%s", terms + i ? " + " : "");
            put_x(o, s, n, ci, t[i].i, t[i].j);
            put(o, MUL);
            put_w(o, s, ci, co, t[i].a, t[i].b);
        }
        terms += count;
    }
    if (terms > MAX_TERMS)
        put(o, " + ... (%d products)", terms);
    if (s->bias.data && !cropped)
        put(o, "%sb[%d]", terms ? " + " : "", co);
    else if (!terms)
        put(o, "nothing (no product lands here)");
    put(o, " = ");
    if (cropped) {
        const float *full = model_canvas(&s->m, s->m.st.steps);
        put_num(o, full[(((size_t)n * g->c_conv_in + co) * g->h.full + fy) * g->w.full + fx]);
    } else {
        int oy = fy - g->h.pad_before, ox = fx - g->w.pad_before;
        put_num(
            o,
            s->m.st
                .output[(((size_t)n * g->c_conv_in + co) * g->h.conv_in + oy) * g->w.conv_in + ox]);
    }
}

/* ---- scatter sentences ------------------------------------------------------------------ */

static void put_scatter_element(Out *o, const Scene *s, int k)
{
    const ConvGeom *g = &s->m.g;
    ScatterStep st;
    trace_scatter_step(&s->m.st, k, &st);
    put_x(o, s, st.n, st.c, st.i, st.j);
    put(o, " = ");
    put_num(o, st.value);
    put(o, " scatters ");
    put_num(o, st.value);
    put(o, MUL "w");
    if (multi_in(s) || multi_out(s))
        put(o, "[%d]", st.c);
    put(o, " into %s[", canvas_name(s));
    if (g->c_conv_in > 1)
        put(o, ":, ");
    put_slice(o, st.row0, g->h.k_eff, g->h.dil);
    put(o, ", ");
    put_slice(o, st.col0, g->w.k_eff, g->w.dil);
    put(o, "]");
}

static void put_scatter_mac(Out *o, Scene *s, const Moment *mo)
{
    const ConvGeom *g = &s->m.g;
    int t = mo->c.taps_done - 1, a = t / g->w.k, b = t % g->w.k;
    ScatterStep st;
    trace_scatter_step(&s->m.st, mo->c.step, &st);
    long off = model_w_offset(&s->m, st.c, s->co);
    int fy = st.row0 + a * g->h.dil, fx = st.col0 + b * g->w.dil;
    put(o, "product %d of %d: ", t + 1, g->h.k * g->w.k);
    put_x(o, s, st.n, st.c, st.i, st.j);
    put(o, MUL);
    put_w(o, s, st.c, s->co, a, b);
    if (off < 0) {
        put(o, ": channel %d does not feed output channel %d", st.c, s->co);
        return;
    }
    put(o, " = ");
    put_num(o, st.value);
    put(o, MUL);
    put_num(o, s->m.st.w[off + a * g->w.k + b]);
    put(o, " = ");
    put_num(o,
            model_copy(&s->m, mo->c.step, s->co)[(size_t)a * g->h.dil * g->w.k_eff + b * g->w.dil]);
    put(o, " goes into %s[%d,%d], which becomes ", canvas_name(s), fy, fx);
    const float *after = model_canvas(&s->m, mo->c.step + 1);
    put_num(o, after[(((size_t)st.n * g->c_conv_in + s->co) * g->h.full + fy) * g->w.full + fx]);
}

static void put_scatter_row(Out *o, const Scene *s, const Moment *mo)
{
    const ConvGeom *g = &s->m.g;
    ScatterStep st;
    trace_scatter_step(&s->m.st, mo->c.first, &st);
    put(o, "row %d of x: ", st.i);
    if (multi_in(s))
        put(o, "x[%d][%d,:]", st.c, st.i);
    else
        put(o, "x[%d,:]", st.i);
    put(o, " (%d elements) scatters into %s[", g->w.conv_out, canvas_name(s));
    put_slice(o, st.row0, g->h.k_eff, g->h.dil);
    put(o, ", 0:%d]", g->w.full);
}

/* ---- gather sentences ---------------------------------------------------------------- */

static int same_value(float a, float b)
{
    return fabsf(a - b) <= 1e-5f * (fabsf(a) > 1.0f ? fabsf(a) : 1.0f);
}

static void put_gather(Out *o, Scene *s, const Moment *mo)
{
    const ConvGeom *g = &s->m.g;
    GatherStep gs;
    const float *prod = model_products(&s->m, mo->c.step, &gs);
    if (s->tl.gran == GRAN_ROW) {
        put(o, "row %d of y: each cell is the sum of its window of p[", gs.oy);
        put_slice(o, gs.oy, g->h.k_eff, g->h.dil);
        put(o, ", :] times rot180(w)");
        return;
    }
    if (s->tl.gran == GRAN_MAC) {
        int t = mo->c.taps_done - 1, a = t / g->w.k, b = t % g->w.k;
        int py = gs.win_row + a * gs.row_step, px = gs.win_col + b * gs.col_step;
        int ph = s->m.gt.eq.eq.h.conv_in, pw = s->m.gt.eq.eq.w.conv_in;
        long roff = model_rot_offset(&s->m, gs.c, s->ci);
        put(o, "product %d of %d for ", t + 1, g->h.k * g->w.k);
        put_y(o, s, gs.n, gs.c, gs.oy, gs.ox);
        if (roff < 0) {
            put(o, ": input channel %d is not in this output's group", s->ci);
            return;
        }
        int ci_off = s->ci - gs.c_first;
        put(o, ": p[%d,%d]" MUL "rot180(w)[%d,%d] = ", py, px, a, b);
        put_num(o, s->m.gt.eq.padded[(((size_t)gs.n * g->c_conv_out + s->ci) * ph + py) * pw + px]);
        put(o, MUL);
        put_num(o, s->m.gt.eq.kernel[roff + a * g->w.k + b]);
        put(o, " = ");
        put_num(o, prod[((size_t)ci_off * g->h.k + a) * g->w.k + b]);
        return;
    }
    put_y(o, s, gs.n, gs.c, gs.oy, gs.ox);
    put(o, " = sum of ");
    if (gs.c_count > 1)
        put(o, "%d channels of ", gs.c_count);
    put(o, "window p[");
    put_slice(o, gs.win_row, g->h.k_eff, g->h.dil);
    put(o, ", ");
    put_slice(o, gs.win_col, g->w.k_eff, g->w.dil);
    put(o, "] " MUL " rot180(w) = ");
    put_num(o, gs.sum);
    int k = mo->c.step;
    float scatter = s->m.st.output[k]; /* same [N,Cb,H,W] index in both traces */
    if (same_value(gs.sum, scatter) && s->view != VIEW_BOTH) {
        /* No scatter on screen: name the result, not a cell the user can't see. */
        put(o, ", equal to the scatter form's result");
    } else if (same_value(gs.sum, scatter)) {
        put(o, ", the same as the scatter's ");
        put_y(o, s, gs.n, gs.c, gs.oy, gs.ox);
    } else {
        put(o, ", but the scatter gave ");
        put_num(o, scatter);
    }
}

void text_status(Scene *s, char *buf, size_t cap)
{
    Out o = out_init(buf, cap);
    switch (s->view) {
    case VIEW_MATRIX: view_matrix_status(s, &o); return;
    case VIEW_GRADIENT: view_gradient_status(s, &o); return;
    case VIEW_CHANNELS: view_channels_status(s, &o); return;
    case VIEW_OVERLAP: view_overlap_status(s, &o); return;
    case VIEW_CODE: view_code_status(s, &o); return;
    default: break;
    }
    Moment mo;
    scene_moment(s, &mo);
    if (mo.kind == PHASE_GATHER) {
        put_gather(&o, s, &mo);
        return;
    }
    switch (s->tl.gran) {
    case GRAN_MAC: put_scatter_mac(&o, s, &mo); break;
    case GRAN_ROW: put_scatter_row(&o, s, &mo); break;
    default: put_scatter_element(&o, s, mo.c.step); break;
    }
}

/* ---- tooltips ------------------------------------------------------------------------------ */

static void tip_padded(Out *o, Scene *s, int r, int c)
{
    const ConvGeom *g = &s->m.g;
    const EquivConv *e = &s->m.gt.eq;
    int ph = e->eq.h.conv_in, pw = e->eq.w.conv_in;
    float v = e->padded[(((size_t)s->n * g->c_conv_out + s->ci) * ph + r) * pw + c];
    int zy = r - e->pad[0], zx = c - e->pad[2];
    put(o, "p[%d,%d] = ", r, c);
    if (zy >= 0 && zy < e->zh && zx >= 0 && zx < e->zw) {
        if (zy % g->h.stride == 0 && zx % g->w.stride == 0) {
            put_x(o, s, s->n, s->ci, zy / g->h.stride, zx / g->w.stride);
            put(o, " = ");
            put_num(o, v);
        } else {
            put_num(o, v);
            put(o, ": a zero inserted between input elements (stride %d)", g->h.stride);
        }
    } else {
        put_num(o, v);
        put(o, ": padding, k_eff-1-pad = %d rows before and %d after", e->pad[0], e->pad[1]);
    }
}

void text_tooltip(Scene *s, CellRef cell, char *buf, size_t cap)
{
    Out o = out_init(buf, cap);
    const ConvGeom *g = &s->m.g;
    int r = cell.row, c = cell.col;
    if (cell.grid >= GRID_MAT_X && cell.grid <= GRID_MAT_YMAP) {
        view_matrix_tooltip(s, cell, &o);
        return;
    }
    if (cell.grid >= GRID_G_X && cell.grid <= GRID_G_ROT) {
        view_gradient_tooltip(s, cell, &o);
        return;
    }
    if (cell.grid >= GRID_CH_PADDED && cell.grid <= GRID_CH_SUMS) {
        view_channels_tooltip(s, cell, &o);
        return;
    }
    if (cell.grid >= GRID_OV_X && cell.grid <= GRID_OV_BILINEAR) {
        view_overlap_tooltip(s, cell, &o);
        return;
    }
    switch (cell.grid) {
    case GRID_INPUT:
        put_scatter_element(&o, s, trace_scatter_index(&s->m.st, s->n, s->ci, r, c));
        break;
    case GRID_KERNEL: {
        long off = model_w_offset(&s->m, s->ci, s->co);
        put_w(&o, s, s->ci, s->co, r, c);
        if (off < 0) {
            put(&o, ": not connected (groups)");
            break;
        }
        put(&o, " = ");
        put_num(&o, s->m.st.w[off + r * g->w.k + c]);
        break;
    }
    case GRID_CANVAS: {
        int oy, ox, in_out;
        in_out = geom_full_to_out(&g->h, r, &oy) & geom_full_to_out(&g->w, c, &ox);
        if (r >= g->h.full || c >= g->w.full) {
            if (in_out) {
                put_y(&o, s, s->n, s->co, oy, ox);
                put(&o, " = 0: appended past the scatter by %s",
                    s->spec.params.convention == CONV_TF ? "output_shape" : "output_padding");
            }
            break;
        }
        put_sum(&o, s, s->n, s->co, r, c, !in_out);
        break;
    }
    case GRID_OUTPUT:
        if (r + g->h.pad_before >= g->h.full || c + g->w.pad_before >= g->w.full) {
            put_y(&o, s, s->n, s->co, r, c);
            put(&o, " = 0: appended past the scatter by %s",
                s->spec.params.convention == CONV_TF ? "output_shape" : "output_padding");
            break;
        }
        put_sum(&o, s, s->n, s->co, r + g->h.pad_before, c + g->w.pad_before, 0);
        break;
    case GRID_PADDED: tip_padded(&o, s, r, c); break;
    case GRID_ROTKERNEL: {
        long off = model_rot_offset(&s->m, s->co, s->ci);
        if (off < 0)
            break;
        put(&o, "rot180(w)[%d,%d] = ", r, c);
        put_w(&o, s, s->ci, s->co, g->h.k - 1 - r, g->w.k - 1 - c);
        put(&o, " = ");
        put_num(&o, s->m.gt.eq.kernel[off + r * g->w.k + c]);
        break;
    }
    case GRID_PRODUCTS: {
        Moment mo;
        scene_moment(s, &mo);
        if (mo.kind != PHASE_GATHER) {
            put(&o, "the window's products appear in the conv2d phase");
            break;
        }
        GatherStep gs;
        const float *prod = model_products(&s->m, mo.c.step, &gs);
        int ci_off = s->ci - gs.c_first;
        if (ci_off < 0 || ci_off >= gs.c_count)
            break;
        put(&o, "p[%d,%d]" MUL "rot180(w)[%d,%d] = ", gs.win_row + r * gs.row_step,
            gs.win_col + c * gs.col_step, r, c);
        put_num(&o, prod[((size_t)ci_off * g->h.k + r) * g->w.k + c]);
        break;
    }
    default: break;
    }
}

/* ---- captions ------------------------------------------------------------------------------ */

void text_caption(const Scene *s, GridId grid, char *buf, size_t cap)
{
    Out o = out_init(buf, cap);
    const ConvGeom *g = &s->m.g;
    if (grid >= GRID_MAT_X && grid <= GRID_MAT_YMAP) {
        view_matrix_caption(s, grid, &o);
        return;
    }
    if (grid >= GRID_G_X && grid <= GRID_G_ROT) {
        view_gradient_caption(s, grid, &o);
        return;
    }
    if (grid >= GRID_CH_PADDED && grid <= GRID_CH_SUMS) {
        view_channels_caption(s, grid, &o);
        return;
    }
    if (grid >= GRID_OV_X && grid <= GRID_OV_BILINEAR) {
        view_overlap_caption(s, grid, &o);
        return;
    }
    if (s->short_captions) {
        static const char *const short_names[GRID_COUNT] = {"x",      "w",    "out", "p",
                                                            "rot(w)", "prod", "y"};
        put(&o, "%s", grid == GRID_CANVAS ? canvas_name(s) : short_names[grid]);
        return;
    }
    switch (grid) {
    case GRID_INPUT:
        put(&o, "x");
        if (multi_in(s))
            put(&o, " ch %d/%d", s->ci, g->c_conv_out);
        break;
    case GRID_KERNEL:
        put(&o, "w");
        if (multi_in(s) || multi_out(s))
            put(&o, " %d->%d", s->ci, s->co);
        break;
    case GRID_CANVAS:
        put(&o, "%s",
            g->h.pad_before || g->w.pad_before ? "full = uncropped scatter"
                                               : "out = scatter canvas");
        if (multi_out(s))
            put(&o, " ch %d/%d", s->co, g->c_conv_in);
        break;
    case GRID_PADDED: put(&o, "p = x, zeros inserted, padded"); break;
    case GRID_ROTKERNEL:
        put(&o, "%s",
            s->rot >= 1.0    ? "rot180(w)"
            : s->rot_running ? "w, rotating 180"
                             : "w, rotated later");
        break;
    case GRID_PRODUCTS: put(&o, "products"); break;
    case GRID_OUTPUT: put(&o, "y = conv2d(p, rot180(w))"); break;
    default: break;
    }
}
