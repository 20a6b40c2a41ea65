/* layer1d.c - the 1-D names, layouts and shapes of a one-row 2-D layer. */
#include "layer1d.h"

#include <string.h>

static const struct {
    const char *name;
    OpKind op;
} names_1d[] = {
    {"conv1d", OP_CONV2D},
    {"conv1d_transpose", OP_CONV2D_TRANSPOSE},
    {"conv_transpose1d", OP_CONV2D_TRANSPOSE}, /* PyTorch's name */
};

int op_parse_1d(const char *name, OpKind *out)
{
    for (size_t i = 0; i < sizeof names_1d / sizeof names_1d[0]; i++)
        if (strcmp(name, names_1d[i].name) == 0) {
            *out = names_1d[i].op;
            return 0;
        }
    return -1;
}

int op_parse_dims(const char *name, OpKind *out, int *dims)
{
    if (op_parse_1d(name, out) == 0) {
        *dims = 1;
        return 0;
    }
    *dims = 2;
    return op_parse(name, out);
}

int op_has_1d(OpKind op)
{
    return op == OP_CONV2D || op == OP_CONV2D_TRANSPOSE;
}

const char *layer_op_name(const LayerSpec *spec)
{
    if (spec->dims == 1 && op_has_1d(spec->op))
        return spec->op == OP_CONV2D ? "conv1d" : "conv1d_transpose";
    return op_name(spec->op);
}

const char *layout_name_1d(Layout layout)
{
    static const char *const names[LAYOUT_COUNT] = {
        [LAYOUT_NHWC] = "NWC", [LAYOUT_NCHW] = "NCW", [LAYOUT_HWIO] = "WIO",
        [LAYOUT_HWOI] = "WOI", [LAYOUT_OIHW] = "OIW", [LAYOUT_IOHW] = "IOW",
    };
    TC_ASSERT((int)layout >= 0 && layout < LAYOUT_COUNT);
    return names[layout];
}

const char *layout_name_dims(Layout layout, int dims)
{
    return dims == 1 ? layout_name_1d(layout) : layout_name(layout);
}

/* Index of the H axis in the layout's 2-D order. */
static int h_axis(Layout layout)
{
    return (int)(strchr(layout_name(layout), 'H') - layout_name(layout));
}

void shape_1d_to_2d(Layout layout, const int d3[3], int d4[4])
{
    int h = h_axis(layout);
    for (int i = 0, k = 0; i < 4; i++)
        d4[i] = i == h ? 1 : d3[k++];
}

void shape_2d_to_1d(Layout layout, const int d4[4], int d3[3])
{
    int h = h_axis(layout);
    for (int i = 0, k = 0; i < 4; i++)
        if (i != h)
            d3[k++] = d4[i];
}

void layer1d_params(ConvParams *p, Convention c, int stride, int dilation, PadMode padding,
                    int left, int right, int output_padding)
{
    memset(p, 0, sizeof *p);
    p->convention = c;
    p->stride[0] = p->dilation[0] = 1;
    p->stride[1] = stride;
    p->dilation[1] = dilation;
    p->padding = padding;
    p->pad[2] = left;
    p->pad[3] = right;
    p->output_padding[1] = output_padding;
}

static int one_row(const Tensor *t, const char *what, Err *err)
{
    if (t && t->data && tensor_axis(t, 'H') != 1)
        return err_fail(err, TC_ERR_SHAPE, "%s: a 1-D layer has one row, got height %d", what,
                        tensor_axis(t, 'H'));
    return 0;
}

int layer1d_check(const LayerSpec *spec, const LayerTensors *t, Err *err)
{
    const ConvParams *p = &spec->params;
    if (spec->dims != 1)
        return 0;
    if (!op_has_1d(spec->op))
        return err_fail(err, TC_ERR_ARG, "%s has no 1-D form (conv1d and conv1d_transpose do)",
                        op_name(spec->op));
    if (params_stride(p, 0) != 1 || params_dilation(p, 0) != 1 || p->output_padding[0] != 0 ||
        (p->padding == PAD_EXPLICIT && (p->pad[0] != 0 || p->pad[1] != 0)))
        return err_fail(err, TC_ERR_ARG,
                        "a 1-D layer's params act along its width only, got a height stride, "
                        "dilation or padding");
    if (spec->size[0] || spec->size[1] || spec->size[2] || spec->size[3]) {
        Layout l = layer_data_layout(p->convention);
        if (spec->size[h_axis(l)] != 1)
            return err_fail(err, TC_ERR_SHAPE, "a 1-D layer's size has one row, got height %d",
                            spec->size[h_axis(l)]);
    }
    return one_row(t->input, "input", err) || one_row(t->filter, "filter", err) ||
           one_row(t->d_out, "d_out", err);
}
