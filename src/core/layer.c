/* layer.c - framework-shaped entry to the kernels: validate, convert, run.
 *
 * Each op states which tensors it needs and how their shapes must agree; the
 * messages name the tensor and the expected value, because this is where a
 * user's .npy files first meet the core. */
#include "layer.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "layer1d.h"
#include "ops.h"

static const char *const op_names[OP_COUNT] = {
    [OP_CONV2D] = "conv2d",
    [OP_CONV2D_TRANSPOSE] = "conv2d_transpose",
    [OP_BACKPROP_INPUT] = "conv2d_backprop_input",
    [OP_BACKPROP_FILTER] = "conv2d_backprop_filter",
};

const char *op_name(OpKind op)
{
    TC_ASSERT((int)op >= 0 && op < OP_COUNT);
    return op_names[op];
}

int op_parse(const char *name, OpKind *out)
{
    for (int i = 0; i < OP_COUNT; i++)
        if (strcmp(name, op_names[i]) == 0) {
            *out = (OpKind)i;
            return 0;
        }
    if (strcmp(name, "conv_transpose2d") == 0) { /* PyTorch's name */
        *out = OP_CONV2D_TRANSPOSE;
        return 0;
    }
    return -1;
}

Layout layer_data_layout(Convention c)
{
    return c == CONV_TF ? LAYOUT_NHWC : LAYOUT_NCHW;
}

Layout layer_filter_layout(Convention c, OpKind op)
{
    if (op == OP_CONV2D_TRANSPOSE)
        return c == CONV_TF ? LAYOUT_HWOI : LAYOUT_IOHW;
    return c == CONV_TF ? LAYOUT_HWIO : LAYOUT_OIHW;
}

Layout layer_output_layout(Convention c, OpKind op)
{
    return op == OP_BACKPROP_FILTER ? layer_filter_layout(c, op) : layer_data_layout(c);
}

int layer_to_canonical(const Tensor *src, Tensor *dst, Err *err)
{
    Layout to;
    switch (src->layout) {
    case LAYOUT_NHWC: case LAYOUT_NCHW: to = LAYOUT_NCHW; break;
    case LAYOUT_HWIO: case LAYOUT_OIHW: to = LAYOUT_OIHW; break;
    default: to = LAYOUT_IOHW; break; /* HWOI, IOHW: transposed-conv weights */
    }
    return tensor_convert(src, to, dst, err);
}

/* Sizes of a data tensor in NCHW order, from its own layout. */
static void data_nchw(const Tensor *t, int nchw[4])
{
    nchw[0] = tensor_axis(t, 'N');
    nchw[1] = tensor_axis(t, 'C');
    nchw[2] = tensor_axis(t, 'H');
    nchw[3] = tensor_axis(t, 'W');
}

/* A size argument given in `layout` order, as NCHW or OIHW. */
static void size_as(const int size[4], Layout layout, Layout want, int out[4])
{
    const char *from = layout_name(layout), *to = layout_name(want);
    for (int i = 0; i < 4; i++)
        out[i] = size[strchr(from, to[i]) - from];
}

static int size_given(const int size[4])
{
    return size[0] || size[1] || size[2] || size[3];
}

static int need(const Tensor *t, const char *name, Layout layout, OpKind op, Err *err)
{
    if (!t || !t->data)
        return err_fail(err, TC_ERR_ARG, "%s needs the %s tensor", op_name(op), name);
    if (t->layout != layout)
        return err_fail(err, TC_ERR_SHAPE, "%s: expected layout %s, got %s", name,
                        layout_name(layout), layout_name(t->layout));
    /* Both frameworks refuse an empty kernel (TF: "filter must not have zero
     * elements"; PyTorch: no output channels or a kernel size of 0). */
    if (!layout_is_data(layout) && shape_count(t->dim) == 0)
        return err_fail(err, TC_ERR_SHAPE,
                        "%s: shape [%d,%d,%d,%d] (%s) has no elements, expected every size >= 1",
                        name, t->dim[0], t->dim[1], t->dim[2], t->dim[3], layout_name(layout));
    return 0;
}

static int check_bias(const Tensor *bias, int channels, Err *err)
{
    if (!bias)
        return 0;
    if (tensor_count(bias) != (size_t)channels)
        return err_fail(err, TC_ERR_SHAPE, "bias: expected %d values (one per output channel), got %zu",
                        channels, tensor_count(bias));
    return 0;
}

static int check_d_out(const Tensor *d_out, const ConvGeom *g, Err *err)
{
    int s[4];
    data_nchw(d_out, s);
    if (s[0] != g->n || s[1] != g->c_conv_out || s[2] != g->h.conv_out || s[3] != g->w.conv_out)
        return err_fail(err, TC_ERR_SHAPE,
                        "d_out: expected N=%d C=%d H=%d W=%d (the conv2d output), got N=%d C=%d "
                        "H=%d W=%d",
                        g->n, g->c_conv_out, g->h.conv_out, g->w.conv_out, s[0], s[1], s[2], s[3]);
    return 0;
}

static int resolve_conv2d(const LayerSpec *spec, const LayerTensors *t, ConvGeom *g, Err *err)
{
    const ConvParams *p = &spec->params;
    int in[4];
    data_nchw(t->input, in);
    int o = tensor_axis(t->filter, 'O'), i = tensor_axis(t->filter, 'I');
    int groups = params_groups(p);
    if (i * groups != in[1])
        return err_fail(err, TC_ERR_SHAPE,
                        "filter: in-channel axis is %d, expected input channels / groups = %d/%d",
                        i, in[1], groups);
    if (geom_conv2d(p, in, o, tensor_axis(t->filter, 'H'), tensor_axis(t->filter, 'W'), g, err))
        return -1;
    return check_bias(t->bias, o, err);
}

static int resolve_transpose(const LayerSpec *spec, const LayerTensors *t, ConvGeom *g, Err *err)
{
    const ConvParams *p = &spec->params;
    int in[4];
    data_nchw(t->input, in);
    int o = tensor_axis(t->filter, 'O'), i = tensor_axis(t->filter, 'I');
    int groups = params_groups(p);
    /* TF's HWOI holds all output channels; PyTorch's IOHW holds out/groups. */
    int c_out = p->convention == CONV_TF ? o : o * groups;
    if (i != in[1])
        return err_fail(err, TC_ERR_SHAPE,
                        "filter: in-channel axis is %d, expected the input's %d channels", i, in[1]);
    int want[2] = {0, 0};
    if (size_given(spec->size)) {
        int s[4];
        size_as(spec->size, layer_data_layout(p->convention), LAYOUT_NCHW, s);
        const char *what = p->convention == CONV_TF ? "output_shape" : "output size";
        if (s[0] != in[0])
            return err_fail(err, TC_ERR_SHAPE, "%s: batch is %d, expected the input's %d", what,
                            s[0], in[0]);
        if (s[1] != c_out)
            return err_fail(err, TC_ERR_SHAPE,
                            "%s: channels is %d, expected the filter's %d output channels", what,
                            s[1], c_out);
        /* A given size is whole: an empty axis must not fall back to the
         * default. TF may ask for an empty one (an empty input's output). */
        int least = p->convention == CONV_TF ? 0 : 1;
        for (int a = 0; a < 2; a++) {
            if (s[2 + a] < least)
                return err_fail(err, TC_ERR_SHAPE, "%s: %s is %d, expected a size >= %d", what,
                                a ? "width" : "height", s[2 + a], least);
            want[a] = s[2 + a] ? s[2 + a] : GEOM_OUT_EMPTY;
        }
    }
    if (geom_conv2d_transpose(p, in, c_out, tensor_axis(t->filter, 'H'),
                              tensor_axis(t->filter, 'W'), want, g, err))
        return -1;
    return check_bias(t->bias, c_out, err);
}

static int resolve_backprop_input(const LayerSpec *spec, const LayerTensors *t, ConvGeom *g,
                                  Err *err)
{
    const ConvParams *p = &spec->params;
    int in[4];
    if (size_given(spec->size))
        size_as(spec->size, layer_data_layout(p->convention), LAYOUT_NCHW, in);
    else if (t->input && t->input->data)
        data_nchw(t->input, in);
    else
        return err_fail(err, TC_ERR_ARG, "conv2d_backprop_input needs the input size (%s)",
                        p->convention == CONV_TF ? "--input-sizes N,H,W,C" : "--input-size N,C,H,W");
    int o = tensor_axis(t->filter, 'O'), i = tensor_axis(t->filter, 'I');
    if (i * params_groups(p) != in[1])
        return err_fail(err, TC_ERR_SHAPE,
                        "filter: in-channel axis is %d, expected input channels / groups = %d/%d",
                        i, in[1], params_groups(p));
    if (geom_conv2d(p, in, o, tensor_axis(t->filter, 'H'), tensor_axis(t->filter, 'W'), g, err))
        return -1;
    return check_d_out(t->d_out, g, err);
}

static int resolve_backprop_filter(const LayerSpec *spec, const LayerTensors *t, ConvGeom *g,
                                   Err *err)
{
    const ConvParams *p = &spec->params;
    int in[4], f[4];
    data_nchw(t->input, in);
    if (size_given(spec->size))
        size_as(spec->size, layer_filter_layout(p->convention, OP_CONV2D), LAYOUT_OIHW, f);
    else if (t->filter && t->filter->data)
        size_as(t->filter->dim, t->filter->layout, LAYOUT_OIHW, f);
    else
        return err_fail(err, TC_ERR_ARG, "conv2d_backprop_filter needs the filter size (%s)",
                        p->convention == CONV_TF ? "--filter-sizes KH,KW,CIN,COUT"
                                                 : "--weight-size COUT,CIN/G,KH,KW");
    if (f[1] * params_groups(p) != in[1])
        return err_fail(err, TC_ERR_SHAPE,
                        "filter size: in-channel axis is %d, expected input channels / groups = "
                        "%d/%d",
                        f[1], in[1], params_groups(p));
    if (geom_conv2d(p, in, f[0], f[2], f[3], g, err))
        return -1;
    return check_d_out(t->d_out, g, err);
}

unsigned long long layer_macs(const ConvGeom *g)
{
    /* Each factor is below 2^26 (the tensor limit), so the running product
     * is checked against overflow by saturating at ULLONG_MAX. */
    unsigned long long f[7] = {(unsigned long long)g->n,
                               (unsigned long long)g->h.conv_out,
                               (unsigned long long)g->w.conv_out,
                               (unsigned long long)g->c_conv_out,
                               (unsigned long long)(g->groups > 0 ? g->c_conv_in / g->groups
                                                                  : g->c_conv_in),
                               (unsigned long long)g->h.k,
                               (unsigned long long)g->w.k};
    unsigned long long m = 1;
    for (int i = 0; i < 7; i++) {
        if (f[i] != 0 && m > ULLONG_MAX / f[i])
            return ULLONG_MAX;
        m *= f[i];
    }
    return m;
}

static int resolve_geom(const LayerSpec *spec, const LayerTensors *t, ConvGeom *g, Err *err);

int layer_check_nonempty(const ConvGeom *g, Err *err)
{
    if (g->n < 1 || g->h.conv_in < 1 || g->w.conv_in < 1 || g->h.conv_out < 1 ||
        g->w.conv_out < 1)
        return err_fail(err, TC_ERR_SHAPE,
                        "empty tensor: nothing to draw (batch %d, large map %dx%d, small map "
                        "%dx%d), expected every size >= 1",
                        g->n, g->h.conv_in, g->w.conv_in, g->h.conv_out, g->w.conv_out);
    return 0;
}

int layer_resolve(const LayerSpec *spec, const LayerTensors *t, ConvGeom *g, Err *err)
{
    if (resolve_geom(spec, t, g, err) != 0)
        return -1;
    unsigned long long macs = layer_macs(g);
    if (macs > LAYER_MAX_MACS)
        return err_fail(err, TC_ERR_LIMIT,
                        "%s needs %llu multiply-adds, more than the %llu a layer may take",
                        op_name(spec->op), macs, LAYER_MAX_MACS);
    return 0;
}

static int resolve_geom(const LayerSpec *spec, const LayerTensors *t, ConvGeom *g, Err *err)
{
    Convention c = spec->params.convention;
    OpKind op = spec->op;
    Layout data = layer_data_layout(c), filt = layer_filter_layout(c, op);
    if (layer1d_check(spec, t, err) != 0)
        return -1;
    switch (op) {
    case OP_CONV2D:
        if (need(t->input, "input", data, op, err) || need(t->filter, "filter", filt, op, err))
            return -1;
        return resolve_conv2d(spec, t, g, err);
    case OP_CONV2D_TRANSPOSE:
        if (need(t->input, "input", data, op, err) || need(t->filter, "filter", filt, op, err))
            return -1;
        return resolve_transpose(spec, t, g, err);
    case OP_BACKPROP_INPUT:
        if (need(t->filter, "filter", filt, op, err) || need(t->d_out, "d_out", data, op, err))
            return -1;
        if (t->bias)
            return err_fail(err, TC_ERR_ARG, "bias does not apply to %s", op_name(op));
        return resolve_backprop_input(spec, t, g, err);
    case OP_BACKPROP_FILTER:
        if (need(t->input, "input", data, op, err) || need(t->d_out, "d_out", data, op, err))
            return -1;
        if (t->bias)
            return err_fail(err, TC_ERR_ARG, "bias does not apply to %s", op_name(op));
        return resolve_backprop_filter(spec, t, g, err);
    case OP_COUNT:
        break;
    }
    return err_fail(err, TC_ERR_ARG, "unknown operation %d", (int)op);
}

/* Canonical copies of the tensors an op reads; any may be absent. */
typedef struct {
    Tensor input, filter, d_out;
} Canon;

static int canon_one(const Tensor *src, Tensor *dst, Err *err)
{
    return src && src->data ? layer_to_canonical(src, dst, err) : 0;
}

static void canon_free(Canon *c)
{
    tensor_free(&c->input);
    tensor_free(&c->filter);
    tensor_free(&c->d_out);
}

int layer_run(const LayerSpec *spec, const LayerTensors *t, Tensor *out, Err *err)
{
    ConvGeom g;
    Canon c = {0};
    Tensor y = {0};
    memset(out, 0, sizeof *out);
    if (layer_resolve(spec, t, &g, err) != 0)
        return -1;
    if (canon_one(t->input, &c.input, err) || canon_one(t->filter, &c.filter, err) ||
        canon_one(t->d_out, &c.d_out, err))
        goto fail;

    const float *bias = t->bias ? t->bias->data : NULL;
    int rc = 0;
    switch (spec->op) {
    case OP_CONV2D:
        rc = tensor_init(&y, LAYOUT_NCHW, (int[4]){g.n, g.c_conv_out, g.h.conv_out, g.w.conv_out}, err);
        if (rc == 0)
            op_conv2d(&g, c.input.data, c.filter.data, bias, y.data);
        break;
    case OP_CONV2D_TRANSPOSE:
        rc = tensor_init(&y, LAYOUT_NCHW, (int[4]){g.n, g.c_conv_in, g.h.conv_in, g.w.conv_in}, err);
        if (rc == 0)
            rc = op_conv2d_transpose(&g, c.input.data, c.filter.data, bias, y.data, err);
        break;
    case OP_BACKPROP_INPUT:
        rc = tensor_init(&y, LAYOUT_NCHW, (int[4]){g.n, g.c_conv_in, g.h.conv_in, g.w.conv_in}, err);
        if (rc == 0)
            op_conv2d_backprop_input(&g, c.filter.data, c.d_out.data, y.data);
        break;
    case OP_BACKPROP_FILTER:
        rc = tensor_init(&y, LAYOUT_OIHW,
                         (int[4]){g.c_conv_out, g.c_conv_in / g.groups, g.h.k, g.w.k}, err);
        if (rc == 0)
            op_conv2d_backprop_filter(&g, c.input.data, c.d_out.data, y.data);
        break;
    case OP_COUNT:
        break;
    }
    if (rc != 0)
        goto fail;
    if (tensor_convert(&y, layer_output_layout(spec->params.convention, spec->op), out, err) != 0)
        goto fail;
    tensor_free(&y);
    canon_free(&c);
    return 0;
fail:
    tensor_free(&y);
    canon_free(&c);
    return -1;
}
