/* equiv.c - which single call of a framework reproduces a layer, found by
 * resolving candidate spellings through the core's geometry (see equiv.h). */
#include "core/equiv.h"

#include <stdio.h>
#include <string.h>

/* The same numbers: the same sizes and the same windows. The padding after
 * matters only through the output size (rows of it no window reaches are
 * never read), and the transposed conv's crop after follows from the rest. */
static int same_axes(const ConvGeom *a, const ConvGeom *b, OpKind op)
{
    const AxisGeom *x[2] = {&a->h, &a->w}, *y[2] = {&b->h, &b->w};
    for (int i = 0; i < 2; i++) {
        if (x[i]->conv_in != y[i]->conv_in || x[i]->conv_out != y[i]->conv_out ||
            x[i]->pad_before != y[i]->pad_before || x[i]->k != y[i]->k ||
            x[i]->stride != y[i]->stride || x[i]->dil != y[i]->dil)
            return 0;
        if (op == OP_CONV2D_TRANSPOSE &&
            (x[i]->full != y[i]->full || x[i]->crop_after != y[i]->crop_after))
            return 0;
    }
    return 1;
}

int equiv_reproduces(const ConvParams *p, OpKind op, const ConvGeom *g)
{
    /* One channel: channels play no part in the spatial geometry. */
    ConvParams one = *p;
    one.groups = 1;
    ConvGeom h;
    int in_small[4] = {1, 1, g->h.conv_out, g->w.conv_out};
    int in_big[4] = {1, 1, g->h.conv_in, g->w.conv_in};
    int rc = op == OP_CONV2D_TRANSPOSE
                 ? geom_conv2d_transpose(&one, in_small, 1, g->h.k, g->w.k,
                                         (int[2]){g->h.conv_in, g->w.conv_in}, &h, NULL)
                 : geom_conv2d(&one, in_big, 1, g->h.k, g->w.k, &h, NULL);
    return rc == 0 && same_axes(&h, g, op);
}

static ConvParams base_params(const ConvGeom *g, Convention c)
{
    ConvParams p = {.convention = c};
    p.stride[0] = g->h.stride;
    p.stride[1] = g->w.stride;
    p.dilation[0] = g->h.dil;
    p.dilation[1] = g->w.dil;
    return p;
}

static EquivVerdict find_tf(const LayerSpec *spec, const ConvGeom *g, ConvParams *out)
{
    const ConvParams *own = &spec->params;
    const AxisGeom *ax[2] = {&g->h, &g->w};
    ConvParams cand[4], p = base_params(g, CONV_TF);
    int n = 0;
    if (own->convention == CONV_TF)
        cand[n++] = *own;
    /* SAME and VALID in the order a reader expects: a layer that crops
     * nothing at the start reads as VALID first. */
    int valid_first = own->convention == CONV_TF ? own->padding == PAD_VALID
                                                 : g->h.pad_before == 0 && g->w.pad_before == 0;
    cand[n] = p;
    cand[n++].padding = valid_first ? PAD_VALID : PAD_SAME;
    cand[n] = p;
    cand[n++].padding = valid_first ? PAD_SAME : PAD_VALID;
    /* Explicit: the padding on each side; for the transposed conv the crop
     * at the end (TF's output_shape appends up to stride-1 zero rows past
     * the scatter when the crop is negative). */
    cand[n] = p;
    cand[n].padding = PAD_EXPLICIT;
    for (int a = 0; a < 2; a++) {
        int after = spec->op == OP_CONV2D_TRANSPOSE ? ax[a]->crop_after : ax[a]->pad_after;
        cand[n].pad[2 * a] = ax[a]->pad_before;
        cand[n].pad[2 * a + 1] = after > 0 ? after : 0;
    }
    n++;
    for (int i = 0; i < n; i++)
        if (equiv_reproduces(&cand[i], spec->op, g)) {
            *out = cand[i];
            out->groups = 0;
            memset(out->output_padding, 0, sizeof out->output_padding);
            return EQUIV_ONE_CALL;
        }
    for (int a = 0; a < 2; a++)
        if (spec->op == OP_CONV2D_TRANSPOSE && ax[a]->crop_after <= -ax[a]->stride)
            return EQUIV_TF_APPEND;
    return EQUIV_TF_PADDING;
}

static EquivVerdict find_torch(const LayerSpec *spec, const ConvGeom *g, ConvParams *out)
{
    if (g->h.conv_in < 1 || g->w.conv_in < 1 || g->h.conv_out < 1 || g->w.conv_out < 1)
        return EQUIV_TORCH_EMPTY;
    if (spec->params.convention == CONV_TORCH && equiv_reproduces(&spec->params, spec->op, g)) {
        *out = spec->params;
        return EQUIV_ONE_CALL;
    }
    ConvParams c = base_params(g, CONV_TORCH);
    c.padding = PAD_EXPLICIT;
    const AxisGeom *ax[2] = {&g->h, &g->w};
    for (int a = 0; a < 2; a++) {
        int pad = ax[a]->pad_before, op = 0;
        if (spec->op == OP_CONV2D_TRANSPOSE && geom_torch_spelling(ax[a], &pad, &op) != 0)
            return EQUIV_TORCH_CROP;
        c.pad[2 * a] = c.pad[2 * a + 1] = pad;
        c.output_padding[a] = op;
    }
    if (!equiv_reproduces(&c, spec->op, g))
        return spec->op == OP_CONV2D_TRANSPOSE ? EQUIV_TORCH_CROP : EQUIV_TORCH_PADDING;
    *out = c;
    return EQUIV_ONE_CALL;
}

EquivVerdict equiv_spatial(const LayerSpec *spec, const ConvGeom *g, Convention to,
                           ConvParams *out)
{
    return to == CONV_TF ? find_tf(spec, g, out) : find_torch(spec, g, out);
}

static void reason(EquivVerdict v, const LayerSpec *spec, const ConvGeom *g, char *why,
                   size_t cap)
{
    const AxisGeom *ax[2] = {&g->h, &g->w};
    switch (v) {
    case EQUIV_ONE_CALL: snprintf(why, cap, "%s", ""); break;
    case EQUIV_NO_GROUPS: snprintf(why, cap, "TF has no groups"); break;
    case EQUIV_TF_APPEND:
        for (int a = 0; a < 2; a++)
            if (ax[a]->crop_after <= -ax[a]->stride) {
                snprintf(why, cap,
                         "its output_padding appends %d zero %s past the scatter; TF's "
                         "output_shape appends at most stride-1 = %d",
                         -ax[a]->crop_after, a ? "columns" : "rows", ax[a]->stride - 1);
                break;
            }
        break;
    case EQUIV_TF_PADDING: snprintf(why, cap, "no TF padding gives this geometry"); break;
    case EQUIV_TORCH_EMPTY: snprintf(why, cap, "PyTorch refuses an empty height or width"); break;
    case EQUIV_TORCH_CROP:
        snprintf(why, cap, "%s",
                 spec->params.convention == CONV_TF && spec->params.padding == PAD_SAME
                     ? "odd SAME padding: pad one extra at bottom/right"
                     : "the padding is asymmetric");
        break;
    case EQUIV_TORCH_PADDING:
        snprintf(why, cap, "asymmetric padding: F.pad the input first");
        break;
    }
}

EquivVerdict equiv_find(const LayerSpec *spec, const ConvGeom *g, Convention to, LayerSpec *eq,
                        char *why, size_t cap)
{
    *eq = *spec;
    memset(eq->size, 0, sizeof eq->size);
    EquivVerdict v = to == CONV_TF && g->groups != 1 ? EQUIV_NO_GROUPS
                                                      : equiv_spatial(spec, g, to, &eq->params);
    reason(v, spec, g, why, cap);
    return v;
}

/* ---- GPU only ----------------------------------------------------------------- */

int equiv_gpu_only(const LayerSpec *spec, const ConvGeom *g)
{
    return spec->params.convention == CONV_TF && spec->op != OP_CONV2D &&
           (g->h.dil > 1 || g->w.dil > 1);
}

void equiv_cpu_layer(const LayerSpec *spec, const ConvGeom *g, LayerSpec *cpu, ConvGeom *cg)
{
    *cpu = *spec;
    *cg = *g;
    cpu->params.dilation[0] = cpu->params.dilation[1] = 1;
    cg->h.k = g->h.k_eff;
    cg->w.k = g->w.k_eff;
    cg->h.dil = cg->w.dil = 1;
}

int equiv_dilate_kernel(const Tensor *w, int dh, int dw, Tensor *wd, Err *err)
{
    if (w->layout != LAYOUT_OIHW && w->layout != LAYOUT_IOHW)
        return err_fail(err, TC_ERR_ARG, "dilating a kernel: its layout is %s, not OIHW or IOHW",
                        layout_name(w->layout));
    if (dh < 1 || dw < 1)
        return err_fail(err, TC_ERR_ARG, "dilating a kernel: dilation %dx%d is not positive", dh,
                        dw);
    int kh = w->dim[2], kw = w->dim[3];
    int dim[4] = {w->dim[0], w->dim[1], kh ? dh * (kh - 1) + 1 : 0, kw ? dw * (kw - 1) + 1 : 0};
    if (tensor_init(wd, w->layout, dim, err) != 0)
        return -1;
    for (int a = 0; a < w->dim[0] * w->dim[1]; a++)
        for (int i = 0; i < kh; i++)
            for (int j = 0; j < kw; j++)
                wd->data[((size_t)a * dim[2] + (size_t)i * dh) * dim[3] + (size_t)j * dw] =
                    w->data[((size_t)a * kh + i) * kw + j];
    return 0;
}
