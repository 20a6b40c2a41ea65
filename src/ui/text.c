/* text.c - the words the views share: how x, w and y elements are named,
 * slices, the header's call and shapes lines, and the sum that makes one
 * output (or cropped canvas) cell.
 *
 * Numbers are read from the core (trace copies, partial canvases,
 * outputs); which products feed a canvas cell is core/terms.h. Every view
 * writes its own sentences with these into a StrBuf (core/strbuf.h), so a
 * long sum is cut, never overflowed. */
#include "ui/text.h"
#include "ui/scene_grad.h"
#include "core/layer1d.h"
#include "core/vocab.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define MAX_TERMS 6

void text_num(StrBuf *o, double v)
{
    char n[32];
    if (!isfinite(v)) /* a typed d_out can overflow; vocab_number takes finite values */
        snprintf(n, sizeof n, "%s", isnan(v) ? "nan" : v < 0 ? "-inf" : "inf");
    else
        vocab_number(n, sizeof n, v);
    strbuf_printf(o, "%s", n);
}

void text_pair(StrBuf *o, int a, int b)
{
    if (a == b)
        strbuf_printf(o, "%d", a);
    else
        strbuf_printf(o, "%d,%d", a, b);
}

/* ---- names ------------------------------------------------------------------- */

int text_multi_in(const Scene *s)
{
    return s->m.g.c_conv_out > 1 || s->m.g.n > 1;
}
int text_multi_out(const Scene *s)
{
    return s->m.g.c_conv_in > 1 || s->m.g.n > 1;
}

static Convention conv_of(const Scene *s)
{
    return s->spec.params.convention;
}

void text_name(StrBuf *o, const Scene *s, const char *var, int n, int c, int i, int j)
{
    char name[96];
    vocab_data_name(name, sizeof name, var, conv_of(s), &s->m.g, n, c, i, j);
    strbuf_printf(o, "%s", name);
}

void text_name_x(StrBuf *o, const Scene *s, int n, int c, int i, int j)
{
    text_name(o, s, "x", n, c, i, j);
}
void text_name_y(StrBuf *o, const Scene *s, int n, int c, int oy, int ox)
{
    text_name(o, s, "y", n, c, oy, ox);
}
void text_name_w(StrBuf *o, const Scene *s, int ci, int co, int a, int b)
{
    char name[96];
    vocab_filter_name(name, sizeof name, "w", conv_of(s), &s->m.g, ci, co, a, b);
    strbuf_printf(o, "%s", name);
}

void text_row(StrBuf *o, const Scene *s, const char *var, int n, int c, int i)
{
    if (vocab_single(&s->m.g))
        strbuf_printf(o, "%s[%d,:]", var, i);
    else if (conv_of(s) == CONV_TF)
        strbuf_printf(o, "%s[%d,%d,:,%d]", var, n, i, c);
    else
        strbuf_printf(o, "%s[%d,%d,%d,:]", var, n, c, i);
}

void text_kernels_of(StrBuf *o, const Scene *s, int ci)
{
    if (vocab_single(&s->m.g))
        strbuf_printf(o, "w");
    else if (conv_of(s) == CONV_TF)
        strbuf_printf(o, "w[:,:,:,%d]", ci);
    else
        strbuf_printf(o, "w[%d]", ci);
}

/* "out" when canvas and output share coordinates (nothing cropped at the
 * start), else "full": the uncropped canvas. */
const char *text_canvas_name(const Scene *s)
{
    return s->m.g.h.pad_before == 0 && s->m.g.w.pad_before == 0 ? "out" : "full";
}

void text_slice(StrBuf *o, int start, int len, int step)
{
    if (step > 1)
        strbuf_printf(o, "%d:%d:%d", start, start + len, step);
    else
        strbuf_printf(o, "%d:%d", start, start + len);
}

/* ---- the header ------------------------------------------------------------------ */

/* No-break space (U+00A0): the header's wrap (scene_wrap_text) breaks lines
 * at spaces, so the call breaks only between arguments, as `tcviz shape`
 * and `explain` break it, and the note moves to a line of its own whole. */
#define NBSP "\xc2\xa0"

/* The call as `tcviz shape` and `explain` spell it (core/vocab.h), TF's
 * bias added after it, and the GPU-only note where they give one. */
void text_call(const Scene *s, char *buf, size_t cap)
{
    StrBuf o = strbuf_init(buf, cap);
    VocabArg args[VOCAB_MAX_ARGS];
    const char *name;
    int has_bias = s->bias.data != NULL, tf = s->spec.params.convention == CONV_TF;
    int n = vocab_call(&s->spec, &s->m.g, has_bias, args, &name);
    vocab_call_put(&o, name, args, n, vocab_call_suffix(&s->spec), NBSP);
    if (tf && has_bias)
        strbuf_printf(&o, " + b");
    if (equiv_gpu_only(&s->spec, &s->m.g)) {
        strbuf_printf(&o, "  ");
        vocab_put_spaced(&o, "# " VOCAB_GPU_ONLY, NBSP);
    }
}

static void put_dims(StrBuf *o, const char *name, const Tensor *t, int dims)
{
    if (dims == 1) {
        int d3[3];
        shape_2d_to_1d(t->layout, t->dim, d3);
        strbuf_printf(o, "%s [%d,%d,%d] %s", name, d3[0], d3[1], d3[2], layout_name_1d(t->layout));
        return;
    }
    strbuf_printf(o, "%s [%d,%d,%d,%d] %s", name, t->dim[0], t->dim[1], t->dim[2], t->dim[3],
        layout_name(t->layout));
}

static void put_crop(StrBuf *o, const char *side, int v, int last)
{
    if (v < 0)
        strbuf_printf(o, "%s %d (%d zero %s appended)", side, v, -v,
            strcmp(side, "bottom") == 0 ? (v == -1 ? "row" : "rows") : (v == -1 ? "col" : "cols"));
    else
        strbuf_printf(o, "%s %d", side, v);
    strbuf_printf(o, "%s", last ? "" : ", ");
}

/* "[1,6,6,1]" in the convention's data layout (NHWC or NCHW). */
static void put_shape(StrBuf *o, int tf, int n, int h, int w, int c)
{
    if (tf)
        strbuf_printf(o, "[%d,%d,%d,%d]", n, h, w, c);
    else
        strbuf_printf(o, "[%d,%d,%d,%d]", n, c, h, w);
}

/* The gradient view's tensors, named as it shows them: the top row is the
 * forward conv2d whose input gradient is this layer; the layer's x is that
 * conv2d's d_out, and its y is d_x. */
static void gradient_shapes(StrBuf *o, const Scene *s)
{
    const ConvGeom *g = &s->m.g;
    int tf = s->spec.params.convention == CONV_TF, is_x = grad_dout_is_x(s);
    strbuf_printf(o, "top row: the forward conv2d whose input gradient is this layer, x ");
    put_shape(o, tf, g->n, g->h.conv_in, g->w.conv_in, g->c_conv_in);
    strbuf_printf(o, " -> out ");
    put_shape(o, tf, g->n, g->h.conv_out, g->w.conv_out, g->c_conv_out);
    strbuf_printf(o, " %s;  d_out%s ", tf ? "NHWC" : "NCHW", is_x ? " = the layer's x" : " (typed)");
    put_shape(o, tf, g->n, g->h.conv_out, g->w.conv_out, g->c_conv_out);
    strbuf_printf(o, "  ");
    put_dims(o, "w", &s->filter, 2); /* beside the 4-D shapes of d_out and d_x */
    strbuf_printf(o, "  d_x%s ", !is_x ? "" : s->bias.data ? " = the layer's y - b" : " = the layer's y");
    put_shape(o, tf, g->n, g->h.conv_in, g->w.conv_in, g->c_conv_in);
}

void text_shapes(const Scene *s, char *buf, size_t cap)
{
    StrBuf o = strbuf_init(buf, cap);
    const ConvGeom *g = &s->m.g;
    if (s->view == VIEW_GRADIENT) {
        gradient_shapes(&o, s);
        return;
    }
    int one = s->spec.dims == 1;
    put_dims(&o, "x", &s->input, s->spec.dims);
    strbuf_printf(&o, "  ");
    put_dims(&o, "w", &s->filter, s->spec.dims);
    if (one) {
        if (s->spec.params.convention == CONV_TF)
            strbuf_printf(&o, "  y [%d,%d,%d] NWC", g->n, g->w.conv_in, g->c_conv_in);
        else
            strbuf_printf(&o, "  y [%d,%d,%d] NCW", g->n, g->c_conv_in, g->w.conv_in);
        strbuf_printf(&o, "  scatter %d, ", g->w.full);
        if (!g->w.pad_before && !g->w.crop_after) {
            strbuf_printf(&o, "no crop");
            return;
        }
        strbuf_printf(&o, "crop ");
        put_crop(&o, "left", g->w.pad_before, 0);
        put_crop(&o, "right", g->w.crop_after, 1);
        return;
    }
    if (s->spec.params.convention == CONV_TF)
        strbuf_printf(&o, "  y [%d,%d,%d,%d] NHWC", g->n, g->h.conv_in, g->w.conv_in, g->c_conv_in);
    else
        strbuf_printf(&o, "  y [%d,%d,%d,%d] NCHW", g->n, g->c_conv_in, g->h.conv_in, g->w.conv_in);
    strbuf_printf(&o, "  scatter %dx%d, ", g->h.full, g->w.full);
    if (!g->h.pad_before && !g->h.crop_after && !g->w.pad_before && !g->w.crop_after) {
        strbuf_printf(&o, "no crop");
        return;
    }
    strbuf_printf(&o, "crop ");
    put_crop(&o, "top", g->h.pad_before, 0);
    put_crop(&o, "bottom", g->h.crop_after, 0);
    put_crop(&o, "left", g->w.pad_before, 0);
    put_crop(&o, "right", g->w.crop_after, 1);
}

/* ---- sums ---------------------------------------------------------------------------- */

/* "y[2,3] = x[1,1]·w[0,1] + ... = 2" for output cell (n, co, oy, ox), or for
 * a cropped canvas cell (fy, fx) when `cropped`. */
void text_sum(StrBuf *o, Scene *s, int n, int co, int fy, int fx, int cropped)
{
    const ConvGeom *g = &s->m.g;
    int cs_g = g->c_conv_out / g->groups, cb_g = g->c_conv_in / g->groups;
    int c0 = (co / cb_g) * cs_g, terms = 0;
    if (cropped)
        strbuf_printf(o, "%s[%d,%d] (cropped away) = ", text_canvas_name(s), fy, fx);
    else
        text_name_y(o, s, n, co, fy - g->h.pad_before, fx - g->w.pad_before);
    if (!cropped)
        strbuf_printf(o, " = ");
    CanvasTerm t[MAX_TERMS];
    for (int ci = c0; ci < c0 + cs_g; ci++) {
        int count = terms_canvas_cell(g, fy, fx, t, MAX_TERMS);
        for (int i = 0; i < count && terms + i < MAX_TERMS; i++) {
            strbuf_printf(o, "%s", terms + i ? " + " : "");
            text_name_x(o, s, n, ci, t[i].i, t[i].j);
            strbuf_printf(o, MUL);
            text_name_w(o, s, ci, co, t[i].a, t[i].b);
        }
        terms += count;
    }
    if (terms > MAX_TERMS)
        strbuf_printf(o, " + ... (%d products)", terms);
    if (s->bias.data && !cropped)
        strbuf_printf(o, "%sb[%d]", terms ? " + " : "", co);
    else if (!terms)
        strbuf_printf(o, "nothing (no product lands here)");
    strbuf_printf(o, " = ");
    if (cropped) {
        const float *full = model_canvas(&s->m, s->m.st.steps);
        text_num(o, full[(((size_t)n * g->c_conv_in + co) * g->h.full + fy) * g->w.full + fx]);
    } else {
        int oy = fy - g->h.pad_before, ox = fx - g->w.pad_before;
        text_num(
            o,
            s->m.st
                .output[(((size_t)n * g->c_conv_in + co) * g->h.conv_in + oy) * g->w.conv_in + ox]);
    }
}
