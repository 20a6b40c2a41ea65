/* geom.c - resolve sizes and padding the way TensorFlow and PyTorch do.
 *
 * Every size is derived from the forward conv: a transposed conv is legal
 * exactly when the forward conv of its output size gives back its input
 * size, so both conventions end in the same AxisGeom and the operations never
 * see a convention. */
#include "geom.h"

#include <stddef.h>

static const char *const axis_names[2] = {"height", "width"};

const char *pad_mode_name(PadMode m)
{
    switch (m) {
    case PAD_SAME: return "SAME";
    case PAD_VALID: return "VALID";
    case PAD_EXPLICIT: return "EXPLICIT";
    }
    return "?";
}

int params_stride(const ConvParams *p, int axis) { return p->stride[axis] ? p->stride[axis] : 1; }
int params_dilation(const ConvParams *p, int axis) { return p->dilation[axis] ? p->dilation[axis] : 1; }
int params_groups(const ConvParams *p) { return p->groups ? p->groups : 1; }

static int check_params(const ConvParams *p, int kh, int kw, Err *err)
{
    const int k[2] = {kh, kw};
    for (int a = 0; a < 2; a++) {
        if (k[a] < 1 || k[a] > GEOM_MAX_PARAM)
            return err_fail(err, TC_ERR_ARG, "kernel %s is %d, expected 1..%d", axis_names[a],
                            k[a], GEOM_MAX_PARAM);
        if (p->stride[a] < 0 || p->stride[a] > GEOM_MAX_PARAM)
            return err_fail(err, TC_ERR_ARG, "stride %s is %d, expected 1..%d", axis_names[a],
                            p->stride[a], GEOM_MAX_PARAM);
        if (p->dilation[a] < 0 || p->dilation[a] > GEOM_MAX_PARAM)
            return err_fail(err, TC_ERR_ARG, "dilation %s is %d, expected 1..%d",
                            axis_names[a], p->dilation[a], GEOM_MAX_PARAM);
        if (p->output_padding[a] < 0)
            return err_fail(err, TC_ERR_ARG, "output_padding %s is %d, expected >= 0",
                            axis_names[a], p->output_padding[a]);
    }
    if (p->padding == PAD_EXPLICIT) {
        static const char *const sides[4] = {"top", "bottom", "left", "right"};
        for (int i = 0; i < 4; i++)
            if (p->pad[i] < 0 || p->pad[i] > GEOM_MAX_PARAM)
                return err_fail(err, TC_ERR_ARG, "padding %s is %d, expected 0..%d", sides[i],
                                p->pad[i], GEOM_MAX_PARAM);
    } else if (p->padding != PAD_SAME && p->padding != PAD_VALID) {
        return err_fail(err, TC_ERR_ARG, "padding mode %d is unknown", (int)p->padding);
    }
    if (p->groups < 0)
        return err_fail(err, TC_ERR_ARG, "groups is %d, expected >= 1", p->groups);
    return 0;
}

static void axis_init(AxisGeom *a, const ConvParams *p, int axis, int k)
{
    a->k = k;
    a->stride = params_stride(p, axis);
    a->dil = params_dilation(p, axis);
    a->k_eff = a->dil * (k - 1) + 1;
}

/* Forward conv along one axis of a->conv_in: sets conv_out and padding.
 * Returns -1 (without err) when the convention refuses the size.
 *
 * TF computes the size as TensorFlow's GetWindowedOutputSize does, in C
 * integer division (truncating towards zero), and refuses only a negative
 * size: an input narrower than the window can give an empty (0) output,
 * e.g. width 1, kernel 3, stride 2, VALID. PyTorch refuses any window wider
 * than the padded input, so its outputs are never empty. */
static int axis_forward(AxisGeom *a, const ConvParams *p, int axis)
{
    int in = a->conv_in, s = a->stride, ke = a->k_eff;
    switch (p->padding) {
    case PAD_SAME: {
        int out = (in + s - 1) / s;
        int total = (out - 1) * s + ke - in;
        if (total < 0)
            total = 0;
        a->conv_out = out;
        a->pad_before = total / 2;
        a->pad_after = total - total / 2; /* the odd row goes to the bottom/right */
        break;
    }
    case PAD_VALID:
    case PAD_EXPLICIT: {
        int explicit_pad = p->padding == PAD_EXPLICIT;
        a->pad_before = explicit_pad ? p->pad[2 * axis] : 0;
        a->pad_after = explicit_pad ? p->pad[2 * axis + 1] : 0;
        int span = in + a->pad_before + a->pad_after - ke;
        if (p->convention == CONV_TORCH)
            a->conv_out = span >= 0 ? span / s + 1 : 0;
        else
            a->conv_out = (span + s) / s; /* truncates, as TF does */
        break;
    }
    }
    if (a->conv_out < (p->convention == CONV_TORCH ? 1 : 0))
        return -1;
    /* An empty input scatters nothing: the canvas is empty and the crop
     * appends the whole (zero) output. */
    a->full = a->conv_out ? (a->conv_out - 1) * s + ke : 0;
    a->crop_after = a->full - a->pad_before - a->conv_in;
    return 0;
}

/* Channels and groups, and which sizes may be 0: a batch of 0 in both
 * conventions (an empty result; zeros for a filter gradient); an empty
 * height or width in TF only (PyTorch: "Only zero batch or zero channel
 * inputs are supported"). Zero channels are refused: TF refuses a filter
 * with no elements (but its filter gradient may have 0 output channels),
 * and PyTorch 1.13 answers an input of 0 channels with a tensor of 0 output
 * channels, whatever its weight says. */
static int check_channels(const ConvParams *p, const int in_nchw[4], int c_out, Err *err)
{
    int g = params_groups(p);
    if (in_nchw[0] < 0 || in_nchw[1] < 1 || in_nchw[2] < 0 || in_nchw[3] < 0)
        return err_fail(err, TC_ERR_SHAPE,
                        "input shape [%d,%d,%d,%d] (NCHW) has %s, expected at least 1 channel "
                        "and sizes >= 0",
                        in_nchw[0], in_nchw[1], in_nchw[2], in_nchw[3],
                        in_nchw[1] < 1 ? "no channels" : "a negative size");
    if (p->convention == CONV_TORCH && (in_nchw[2] == 0 || in_nchw[3] == 0))
        return err_fail(err, TC_ERR_SHAPE,
                        "input shape [%d,%d,%d,%d] (NCHW) has an empty %s: PyTorch accepts "
                        "only an empty batch, expected a height and width >= 1",
                        in_nchw[0], in_nchw[1], in_nchw[2], in_nchw[3],
                        in_nchw[2] == 0 ? "height" : "width");
    /* TF's filter gradient may ask for 0 output channels (an empty result);
     * layer.c refuses a filter tensor with no elements, as TF does. */
    if (c_out < (p->convention == CONV_TF ? 0 : 1))
        return err_fail(err, TC_ERR_SHAPE, "output channels is %d, expected >= 1", c_out);
    if (p->convention == CONV_TF && g != 1)
        return err_fail(err, TC_ERR_ARG, "groups is a PyTorch parameter; TF layers have groups=1");
    if (in_nchw[1] % g != 0)
        return err_fail(err, TC_ERR_SHAPE, "input channels %d are not divisible by groups=%d",
                        in_nchw[1], g);
    if (c_out % g != 0)
        return err_fail(err, TC_ERR_SHAPE, "output channels %d are not divisible by groups=%d",
                        c_out, g);
    return 0;
}

int geom_conv2d(const ConvParams *p, const int in_nchw[4], int c_out, int kh, int kw,
                ConvGeom *g, Err *err)
{
    if (check_params(p, kh, kw, err) != 0 || check_channels(p, in_nchw, c_out, err) != 0)
        return -1;
    if (p->output_padding[0] || p->output_padding[1])
        return err_fail(err, TC_ERR_ARG, "output_padding applies to conv_transpose2d only");
    const int k[2] = {kh, kw};
    AxisGeom *axes[2] = {&g->h, &g->w};
    for (int a = 0; a < 2; a++) {
        axis_init(axes[a], p, a, k[a]);
        axes[a]->conv_in = in_nchw[2 + a];
        if (axis_forward(axes[a], p, a) != 0)
            return err_fail(err, TC_ERR_SHAPE,
                            p->convention == CONV_TORCH
                                ? "input %s %d is smaller than the dilated kernel (%d) plus "
                                  "padding: the output would be empty"
                                : "input %s %d is smaller than the dilated kernel (%d) plus "
                                  "padding by a stride or more: the output size would be "
                                  "negative",
                            axis_names[a], in_nchw[2 + a], axes[a]->k_eff);
    }
    g->n = in_nchw[0];
    g->c_conv_in = in_nchw[1];
    g->c_conv_out = c_out;
    g->groups = params_groups(p);
    return 0;
}

int geom_tf_legal_range(const ConvParams *p, int axis, int in, int k, int *lo, int *hi)
{
    int s = params_stride(p, axis), ke = params_dilation(p, axis) * (k - 1) + 1;
    switch (p->padding) {
    case PAD_SAME: /* ceil(out/s) == in */
        *lo = in > 0 ? (in - 1) * s + 1 : 0;
        *hi = in * s;
        break;
    case PAD_VALID:
    case PAD_EXPLICIT: {
        /* (out + pads - ke + s) / s == in, truncating: the numerator lies in
         * [in*s, in*s + s - 1], or in [-(s - 1), s - 1] for an empty input. */
        int pads = p->padding == PAD_EXPLICIT ? p->pad[2 * axis] + p->pad[2 * axis + 1] : 0;
        int base = ke - s - pads;
        *lo = (in > 0 ? in * s : 1 - s) + base;
        *hi = in * s + s - 1 + base;
        break;
    }
    }
    if (*lo < 0)
        *lo = 0;
    return *hi >= *lo ? 0 : -1;
}

static int tf_default_out(const ConvParams *p, int axis, int in, int k)
{
    int s = params_stride(p, axis), k_eff = params_dilation(p, axis) * (k - 1) + 1;
    switch (p->padding) {
    case PAD_SAME: return in * s;
    case PAD_VALID: return in * s + (k_eff > s ? k_eff - s : 0);
    case PAD_EXPLICIT: break;
    }
    /* Explicit padding: the smallest legal size (PyTorch's output_padding=0;
     * for a non-empty input never below 1). */
    int lo, hi;
    if (geom_tf_legal_range(p, axis, in, k, &lo, &hi) != 0)
        return 1;
    return in > 0 && lo < 1 && hi >= 1 ? 1 : lo;
}

static int axis_transpose_tf(AxisGeom *a, const ConvParams *p, int axis, int in, int want,
                             Err *err)
{
    int lo, hi;
    if (want == GEOM_OUT_EMPTY)
        want = 0;
    else if (want <= 0)
        want = tf_default_out(p, axis, in, a->k);
    int has_range = geom_tf_legal_range(p, axis, in, a->k, &lo, &hi) == 0;
    if (!has_range)
        return err_fail(err, TC_ERR_SHAPE, "no output %s gives back input %s %d", axis_names[axis],
                        axis_names[axis], in);
    if (want < lo || want > hi)
        return err_fail(err, TC_ERR_SHAPE,
                        "output_shape %s %d is illegal for input %s %d (stride %d, %s): "
                        "expected %d..%d",
                        axis_names[axis], want, axis_names[axis], in, a->stride,
                        pad_mode_name(p->padding), lo, hi);
    a->conv_in = want;
    if (axis_forward(a, p, axis) != 0 || a->conv_out != in)
        return err_fail(err, TC_ERR_SHAPE, "output %s %d does not give back input %s %d",
                        axis_names[axis], want, axis_names[axis], in);
    return 0;
}

static int axis_transpose_torch(AxisGeom *a, const ConvParams *p, int axis, int in, int want,
                                Err *err)
{
    int pad = p->padding == PAD_EXPLICIT ? p->pad[2 * axis] : 0;
    if (p->padding == PAD_EXPLICIT && p->pad[2 * axis + 1] != pad)
        return err_fail(err, TC_ERR_ARG, "PyTorch padding is symmetric; got %d and %d on %s",
                        pad, p->pad[2 * axis + 1], axis_names[axis]);
    if (p->padding == PAD_SAME)
        return err_fail(err, TC_ERR_ARG,
                        "conv_transpose2d has no padding='same' in PyTorch; give a number");
    int op = p->output_padding[axis];
    int limit = a->stride > a->dil ? a->stride : a->dil;
    if (op >= limit)
        return err_fail(err, TC_ERR_ARG,
                        "output_padding %s %d must be smaller than stride (%d) or dilation (%d)",
                        axis_names[axis], op, a->stride, a->dil);
    int out = (in - 1) * a->stride - 2 * pad + a->k_eff + op;
    if (out < 1)
        return err_fail(err, TC_ERR_SHAPE,
                        "output %s would be %d: padding %d crops more than the %d-long scatter",
                        axis_names[axis], out, pad, (in - 1) * a->stride + a->k_eff);
    if (want > 0 && want != out)
        return err_fail(err, TC_ERR_SHAPE,
                        "output %s %d does not match (H-1)*stride - 2*padding + k_eff + "
                        "output_padding = %d",
                        axis_names[axis], want, out);
    a->conv_in = out;
    a->conv_out = in;
    a->pad_before = pad;
    a->pad_after = pad;
    a->full = (in - 1) * a->stride + a->k_eff;
    a->crop_after = a->full - pad - out;
    return 0;
}

int geom_conv2d_transpose(const ConvParams *p, const int in_nchw[4], int c_out, int kh, int kw,
                          const int out_hw[2], ConvGeom *g, Err *err)
{
    if (check_params(p, kh, kw, err) != 0 || check_channels(p, in_nchw, c_out, err) != 0)
        return -1;
    if (p->convention == CONV_TF && (p->output_padding[0] || p->output_padding[1]))
        return err_fail(err, TC_ERR_ARG,
                        "output_padding is a PyTorch parameter; TF chooses with output_shape");
    const int k[2] = {kh, kw};
    AxisGeom *axes[2] = {&g->h, &g->w};
    for (int a = 0; a < 2; a++) {
        axis_init(axes[a], p, a, k[a]);
        int want = out_hw ? out_hw[a] : 0;
        if (want < 0 && !(want == GEOM_OUT_EMPTY && p->convention == CONV_TF))
            return err_fail(err, TC_ERR_SHAPE,
                            "output %s is %d, expected a positive size or 0 for the default",
                            axis_names[a], want);
        int rc = p->convention == CONV_TF
                     ? axis_transpose_tf(axes[a], p, a, in_nchw[2 + a], want, err)
                     : axis_transpose_torch(axes[a], p, a, in_nchw[2 + a], want, err);
        if (rc != 0)
            return -1;
    }
    /* op_conv2d_transpose allocates N*Cb*full_h*full_w floats, so bound all
     * of it, not one plane; checking after each factor keeps the product
     * far below SIZE_MAX. */
    const size_t max_canvas = (size_t)1 << 26;
    size_t canvas = (size_t)g->h.full * (size_t)g->w.full;
    if (canvas > max_canvas || (canvas *= (size_t)in_nchw[0]) > max_canvas ||
        (canvas *= (size_t)c_out) > max_canvas)
        return err_fail(err, TC_ERR_LIMIT,
                        "the scatter canvas [%d,%d,%d,%d] has more than %zu elements", in_nchw[0],
                        c_out, g->h.full, g->w.full, max_canvas);
    g->n = in_nchw[0];
    g->c_conv_out = in_nchw[1];
    g->c_conv_in = c_out;
    g->groups = params_groups(p);
    return 0;
}

int geom_torch_spelling(const AxisGeom *a, int *padding, int *output_padding)
{
    /* PyTorch crops `padding` at the start and `padding - output_padding` at
     * the end, so the geometry must satisfy crop_after = p - op. */
    if (a->conv_out < 1) /* PyTorch refuses an empty input */
        return -1;
    int pad = a->pad_before;
    int op = pad - a->crop_after;
    int limit = a->stride > a->dil ? a->stride : a->dil;
    if (op < 0 || op >= limit)
        return -1;
    *padding = pad;
    *output_padding = op;
    return 0;
}

void params_set_torch_padding(ConvParams *p, int ph, int pw)
{
    p->padding = PAD_EXPLICIT;
    p->pad[0] = p->pad[1] = ph;
    p->pad[2] = p->pad[3] = pw;
}
