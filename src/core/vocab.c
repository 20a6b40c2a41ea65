/* vocab.c - numbers, element names and framework calls, spelled one way
 * (see vocab.h for the choices). */
#include "core/vocab.h"
#include "core/layer1d.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int vocab_number(char *buf, size_t cap, double v)
{
    if (v == 0.0) { /* also -0: the sign of a zero means nothing here */
        snprintf(buf, cap, "0");
        return 1;
    }
    if (fabs(v) < 1e9 && v == rint(v)) {
        snprintf(buf, cap, "%.0f", v);
        return 1;
    }
    /* The shortest text that reads back as the same float32 (what the
     * tensors hold), up to 6 significant digits. */
    for (int digits = 1; digits <= 6; digits++) {
        snprintf(buf, cap, "%.*g", digits, v);
        if ((float)strtod(buf, NULL) == (float)v)
            return 1;
    }
    return 0;
}

void vocab_element(char *buf, size_t cap, const char *var, Convention conv, int n, int c, int i,
                   int j)
{
    if (conv == CONV_TF)
        snprintf(buf, cap, "%s[%d,%d,%d,%d]", var, n, i, j, c);
    else
        snprintf(buf, cap, "%s[%d,%d,%d,%d]", var, n, c, i, j);
}

void vocab_dims(char *buf, size_t cap, const int d[4])
{
    snprintf(buf, cap, "[%d, %d, %d, %d]", d[0], d[1], d[2], d[3]);
}

void vocab_dims_layer(char *buf, size_t cap, Layout layout, const int d[4], int dims)
{
    int d3[3];
    if (dims != 1) {
        vocab_dims(buf, cap, d);
        return;
    }
    shape_2d_to_1d(layout, d, d3);
    snprintf(buf, cap, "[%d, %d, %d]", d3[0], d3[1], d3[2]);
}

/* Sizes in `layout` order from the axis letters' values. */
static void fill_dims(Layout layout, int n, int c, int o, int i, int h, int w, int out[4])
{
    const char *name = layout_name(layout);
    for (int k = 0; k < 4; k++) {
        switch (name[k]) {
        case 'N': out[k] = n; break;
        case 'C': out[k] = c; break;
        case 'O': out[k] = o; break;
        case 'I': out[k] = i; break;
        case 'H': out[k] = h; break;
        default: out[k] = w; break;
        }
    }
}

/* ---- the call, spelled in a convention -------------------------------------- */

Layout vocab_tensor_dims(const ConvGeom *g, Convention c, OpKind op, VocabTensor k, int out[4])
{
    if (k == VOCAB_WEIGHT) {
        Layout l = layer_filter_layout(c, op);
        int outer = op == OP_CONV2D_TRANSPOSE ? g->c_conv_in / g->groups : g->c_conv_out;
        int inner = op == OP_CONV2D_TRANSPOSE ? g->c_conv_out : g->c_conv_in / g->groups;
        fill_dims(l, 0, 0, outer, inner, g->h.k, g->w.k, out);
        return l;
    }
    Layout l = layer_data_layout(c);
    if (k == VOCAB_BIG)
        fill_dims(l, g->n, g->c_conv_in, 0, 0, g->h.conv_in, g->w.conv_in, out);
    else
        fill_dims(l, g->n, g->c_conv_out, 0, 0, g->h.conv_out, g->w.conv_out, out);
    return l;
}

/* A per-axis value: "(h, w)" in 2-D, the width alone in 1-D. */
static void axis_pair(VocabArg *v, const char *key, int h, int w, int dims)
{
    if (dims == 1)
        snprintf(v->s, sizeof v->s, "%s=%d", key, w);
    else
        snprintf(v->s, sizeof v->s, "%s=(%d, %d)", key, h, w);
}

/* TF's 1-D calls take SAME or VALID only: a 1-D layer with explicit padding
 * is spelled as the one-row conv2d that tf.nn.conv1d is built on. */
static int tf_one_row(const LayerSpec *spec)
{
    return spec->dims == 1 && spec->params.convention == CONV_TF &&
           spec->params.padding == PAD_EXPLICIT;
}

/* The framework function's name. */
static const char *tf_name(const LayerSpec *spec)
{
    int dims = spec->dims == 1 && !tf_one_row(spec) ? 1 : 2;
    switch (spec->op) {
    case OP_CONV2D: return dims == 1 ? "tf.nn.conv1d" : "tf.nn.conv2d";
    case OP_CONV2D_TRANSPOSE: return dims == 1 ? "tf.nn.conv1d_transpose" : "tf.nn.conv2d_transpose";
    case OP_BACKPROP_INPUT: return "tf.compat.v1.nn.conv2d_backprop_input";
    default: return "tf.compat.v1.nn.conv2d_backprop_filter";
    }
}

static const char *torch_name(const LayerSpec *spec)
{
    int dims = spec->dims;
    switch (spec->op) {
    case OP_CONV2D: return dims == 1 ? "F.conv1d" : "F.conv2d";
    case OP_CONV2D_TRANSPOSE: return dims == 1 ? "F.conv_transpose1d" : "F.conv_transpose2d";
    case OP_BACKPROP_INPUT: return "torch.nn.grad.conv2d_input";
    default: return "torch.nn.grad.conv2d_weight";
    }
}

const char *vocab_call_name(const LayerSpec *spec)
{
    return spec->params.convention == CONV_TF ? tf_name(spec) : torch_name(spec);
}

static int tf_args(const LayerSpec *spec, const ConvGeom *g, const VocabNames *nm, VocabArg *v,
                   const char **name)
{
    const ConvParams *p = &spec->params;
    int n = 0, d[4], v1 = spec->op == OP_BACKPROP_INPUT || spec->op == OP_BACKPROP_FILTER;
    int one_row = tf_one_row(spec), dims = spec->dims == 1 && !one_row ? 1 : 2;
    char list[64];
    *name = tf_name(spec);
    switch (spec->op) {
    case OP_CONV2D:
        snprintf(v[n++].s, sizeof v->s, one_row ? "%s[:, None]" : "%s", nm->x);
        snprintf(v[n++].s, sizeof v->s, one_row ? "%s[None]" : "%s", nm->w);
        break;
    case OP_CONV2D_TRANSPOSE:
        snprintf(v[n++].s, sizeof v->s, one_row ? "%s[:, None]" : "%s", nm->x);
        snprintf(v[n++].s, sizeof v->s, one_row ? "%s[None]" : "%s", nm->w);
        vocab_tensor_dims(g, CONV_TF, spec->op, VOCAB_BIG, d);
        vocab_dims_layer(list, sizeof list, LAYOUT_NHWC, d, dims);
        snprintf(v[n++].s, sizeof v->s, "output_shape=%s", list);
        break;
    case OP_BACKPROP_INPUT:
        vocab_tensor_dims(g, CONV_TF, spec->op, VOCAB_BIG, d);
        vocab_dims(list, sizeof list, d);
        snprintf(v[n++].s, sizeof v->s, "input_sizes=%s", list);
        snprintf(v[n++].s, sizeof v->s, "filter=%s", nm->w);
        snprintf(v[n++].s, sizeof v->s, "out_backprop=dy");
        break;
    default:
        snprintf(v[n++].s, sizeof v->s, "input=%s", nm->x);
        vocab_tensor_dims(g, CONV_TF, spec->op, VOCAB_WEIGHT, d);
        vocab_dims(list, sizeof list, d);
        snprintf(v[n++].s, sizeof v->s, "filter_sizes=%s", list);
        snprintf(v[n++].s, sizeof v->s, "out_backprop=dy");
        break;
    }
    /* compat.v1 gradients take NHWC-long strides and dilations. */
    const char *pre = v1 ? "1, " : "", *post = v1 ? ", 1" : "";
    if (dims == 1)
        snprintf(v[n++].s, sizeof v->s, "stride%s=%d", spec->op == OP_CONV2D ? "" : "s",
                 g->w.stride);
    else
        snprintf(v[n++].s, sizeof v->s, "strides=[%s%d, %d%s]", pre, g->h.stride, g->w.stride,
                 post);
    if (p->padding == PAD_EXPLICIT)
        snprintf(v[n++].s, sizeof v->s, "padding=[[0, 0], [%d, %d], [%d, %d], [0, 0]]", p->pad[0],
                 p->pad[1], p->pad[2], p->pad[3]);
    else
        snprintf(v[n++].s, sizeof v->s, "padding='%s'", pad_mode_name(p->padding));
    if (dims == 1 && g->w.dil != 1)
        snprintf(v[n++].s, sizeof v->s, "dilations=%d", g->w.dil);
    else if (dims != 1 && (g->h.dil != 1 || g->w.dil != 1))
        snprintf(v[n++].s, sizeof v->s, "dilations=[%s%d, %d%s]", pre, g->h.dil, g->w.dil, post);
    return n;
}

static int torch_args(const LayerSpec *spec, const ConvGeom *g, int has_bias,
                      const VocabNames *nm, VocabArg *v, const char **name)
{
    int n = 0, d[4];
    *name = torch_name(spec);
    if (spec->op == OP_BACKPROP_INPUT) {
        vocab_tensor_dims(g, CONV_TORCH, spec->op, VOCAB_BIG, d);
        vocab_dims(v[n++].s, sizeof v->s, d);
    } else {
        snprintf(v[n++].s, sizeof v->s, "%s", nm->x);
    }
    if (spec->op == OP_BACKPROP_FILTER) {
        vocab_tensor_dims(g, CONV_TORCH, spec->op, VOCAB_WEIGHT, d);
        vocab_dims(v[n++].s, sizeof v->s, d);
    } else {
        snprintf(v[n++].s, sizeof v->s, "%s", nm->w);
    }
    if (spec->op == OP_BACKPROP_INPUT || spec->op == OP_BACKPROP_FILTER)
        snprintf(v[n++].s, sizeof v->s, "dy");
    if (has_bias && (spec->op == OP_CONV2D || spec->op == OP_CONV2D_TRANSPOSE))
        snprintf(v[n++].s, sizeof v->s, "bias=%s", nm->b ? nm->b : "b");
    return n + vocab_torch_options(spec, g, v + n);
}

int vocab_torch_options(const LayerSpec *spec, const ConvGeom *g, VocabArg *v)
{
    const ConvParams *p = &spec->params;
    int n = 0, dims = spec->dims;
    axis_pair(&v[n++], "stride", g->h.stride, g->w.stride, dims);
    if (p->padding == PAD_SAME)
        snprintf(v[n++].s, sizeof v->s, "padding='same'");
    else
        axis_pair(&v[n++], "padding", g->h.pad_before, g->w.pad_before, dims);
    if (spec->op == OP_CONV2D_TRANSPOSE)
        axis_pair(&v[n++], "output_padding", p->output_padding[0], p->output_padding[1], dims);
    /* Each function's own order: conv_transpose(..., groups, dilation),
     * the others (..., dilation, groups). */
    int dil = g->h.dil != 1 || g->w.dil != 1;
    if (g->groups != 1 && spec->op == OP_CONV2D_TRANSPOSE)
        snprintf(v[n++].s, sizeof v->s, "groups=%d", g->groups);
    if (dil)
        axis_pair(&v[n++], "dilation", g->h.dil, g->w.dil, dims);
    if (g->groups != 1 && spec->op != OP_CONV2D_TRANSPOSE)
        snprintf(v[n++].s, sizeof v->s, "groups=%d", g->groups);
    return n;
}

int vocab_call_named(const LayerSpec *spec, const ConvGeom *g, int has_bias, const VocabNames *nm,
                     VocabArg *args, const char **name)
{
    return spec->params.convention == CONV_TF ? tf_args(spec, g, nm, args, name)
                                              : torch_args(spec, g, has_bias, nm, args, name);
}

int vocab_call(const LayerSpec *spec, const ConvGeom *g, int has_bias, VocabArg *args,
               const char **name)
{
    static const VocabNames plain = {.x = "x", .w = "w"};
    return vocab_call_named(spec, g, has_bias, &plain, args, name);
}

void vocab_put_spaced(StrBuf *o, const char *t, const char *space)
{
    for (; *t; t++)
        if (*t == ' ')
            strbuf_printf(o, "%s", space);
        else
            strbuf_printf(o, "%c", *t);
}

void vocab_call_put(StrBuf *o, const char *name, const VocabArg *args, int n, const char *suffix,
                    const char *space)
{
    strbuf_printf(o, "%s(", name);
    for (int i = 0; i < n; i++) {
        strbuf_printf(o, "%s", i ? ", " : "");
        vocab_put_spaced(o, args[i].s, space);
    }
    strbuf_printf(o, ")");
    vocab_put_spaced(o, suffix, space);
}

void vocab_call_wrap(StrBuf *o, const char *lead, const char *name, const VocabArg *args, int n,
                     const char *suffix, int width, int indent)
{
    size_t line = o->need; /* where the current line starts */
    strbuf_printf(o, "%s%s(", lead, name);
    for (int i = 0; i < n; i++) {
        size_t add = strlen(args[i].s) + 1; /* and its "," or ")" */
        if (i > 0 && o->need - line + 1 + add > (size_t)width) {
            strbuf_printf(o, "\n");
            line = o->need;
            strbuf_printf(o, "%*s", indent, "");
        } else if (i > 0) {
            strbuf_printf(o, " ");
        }
        strbuf_printf(o, "%s%s", args[i].s, i + 1 < n ? "," : ")");
    }
    if (n == 0)
        strbuf_printf(o, ")");
    strbuf_printf(o, "%s\n", suffix);
}

const char *vocab_call_suffix(const LayerSpec *spec)
{
    return tf_one_row(spec) ? "[:, 0]" : "";
}

int vocab_cpu_call(const LayerSpec *spec, const ConvGeom *g, const VocabNames *nm, const char *w,
                   const char *wd, VocabCpuCall *out)
{
    memset(out, 0, sizeof *out);
    if (!equiv_gpu_only(spec, g))
        return 0;
    LayerSpec cpu;
    ConvGeom cg;
    equiv_cpu_layer(spec, g, &cpu, &cg);
    out->note = VOCAB_GPU_ONLY " On CPU, the same layer:";
    out->n = vocab_call_named(&cpu, &cg, 0, nm, out->args, &out->name);
    int one_d = spec->dims == 1;
    if (spec->op == OP_BACKPROP_FILTER) {
        snprintf(out->suffix, sizeof out->suffix, one_d ? "[::%d]" : "[::%d, ::%d]",
                 one_d ? g->w.dil : g->h.dil, g->w.dil);
        return 1;
    }
    snprintf(out->suffix, sizeof out->suffix, "%s", vocab_call_suffix(&cpu));
    if (one_d)
        snprintf(out->kernel, sizeof out->kernel,
                 "%s = np.zeros((%d,) + %s.shape[1:], %s.dtype); %s[::%d] = %s", wd, g->w.k_eff, w,
                 w, wd, g->w.dil, w);
    else
        snprintf(out->kernel, sizeof out->kernel,
                 "%s = np.zeros((%d, %d) + %s.shape[2:], %s.dtype); %s[::%d, ::%d] = %s", wd,
                 g->h.k_eff, g->w.k_eff, w, w, wd, g->h.dil, g->w.dil, w);
    return 1;
}
