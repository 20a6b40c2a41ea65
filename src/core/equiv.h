/* equiv.h - the one home of equivalence claims: which single call of a
 * framework reproduces a layer, and which TF calls run on GPU only. `tcviz
 * shape`, `tcviz explain` and the code view all ask here, so they cannot
 * disagree.
 *
 * "Reproduces" means the same sizes and the same windows: a candidate
 * spelling is resolved by the core's geometry (geom.h) and kept when every
 * axis has the layer's input and output size and padding before, and for
 * the transposed conv its full scatter and crop after (rows of padding that
 * no window reads are never read, so they do not count). No padding rule is
 * re-derived here. The candidates are the few a person would write, most
 * natural first:
 *   TF       the layer's own TF parameters; 'VALID' and 'SAME' (VALID first
 *            when nothing is cropped at the start); explicit padding
 *            [[0, 0], [before, after], [before, after], [0, 0]] with the
 *            transposed conv's crop after never negative (TF's output_shape
 *            appends those zero rows). A 1-D layer's explicit padding is one
 *            call too: the one-row conv2d that tf.nn.conv1d is built on
 *            (vocab.h spells it).
 *   PyTorch  the layer's own PyTorch parameters; else per axis the padding
 *            (and output_padding) of geom_torch_spelling.
 *
 *     LayerSpec eq;
 *     char why[EQUIV_WHY_MAX];
 *     if (equiv_find(&spec, &g, CONV_TF, &eq, why, sizeof why) == EQUIV_ONE_CALL)
 *         ... eq.params spell the layer as one TF call ...
 *     else
 *         ... "none as one call (why)" ...
 */
#ifndef TCVIZ_EQUIV_H
#define TCVIZ_EQUIV_H

#include <stddef.h>

#include "core/layer.h"

#define EQUIV_WHY_MAX 160

/* The verdict of equiv_find: one call, or the reason there is none. */
typedef enum {
    EQUIV_ONE_CALL = 0,
    EQUIV_NO_GROUPS,     /* TF has no groups */
    EQUIV_TF_APPEND,     /* the crop after appends more zero rows than TF's output_shape can */
    EQUIV_TF_PADDING,    /* no TF padding gives this geometry */
    EQUIV_TORCH_EMPTY,   /* PyTorch refuses an empty height or width */
    EQUIV_TORCH_CROP,    /* PyTorch's padding crops both ends equally; this layer does not */
    EQUIV_TORCH_PADDING, /* conv2d: PyTorch pads both sides equally; this layer does not */
} EquivVerdict;

/* Do params p (in p's convention) give g's layer for op? Channels and
 * groups play no part: they are the caller's to compare. */
int equiv_reproduces(const ConvParams *p, OpKind op, const ConvGeom *g);

/* The parameters of convention `to` that give spec's layer g (its
 * geometry as layer_resolve gave it) in one call, spatially: groups are
 * ignored (a TF spelling of a grouped layer is one such call per group).
 * Returns EQUIV_ONE_CALL with *out set, else the reason there is none. */
EquivVerdict equiv_spatial(const LayerSpec *spec, const ConvGeom *g, Convention to,
                           ConvParams *out);

/* One call of convention `to` that computes spec's layer g, groups
 * included: *eq is spec with `to`'s parameters (its size argument cleared;
 * a TF transposed conv's output_shape is g's output). Otherwise the verdict
 * and, in why, its reason as one phrase ("TF has no groups"). */
EquivVerdict equiv_find(const LayerSpec *spec, const ConvGeom *g, Convention to, LayerSpec *eq,
                        char *why, size_t cap);

/* TF's CPU kernels of the transposed conv and of both gradients refuse
 * dilations > 1 ("Current CPU implementations do not yet support dilation
 * rates larger than 1"): 1 when spec (a TF call) runs on GPU only. */
int equiv_gpu_only(const LayerSpec *spec, const ConvGeom *g);

/* The same layer as CPUs run it: the kernel dilated with zeros (its taps
 * every d apart in a k_eff-sized kernel) and dilation 1. A filter gradient
 * computed this way is read every d taps. */
void equiv_cpu_layer(const LayerSpec *spec, const ConvGeom *g, LayerSpec *cpu, ConvGeom *cg);

/* The kernel w (its spatial axes last: OIHW or IOHW) dilated with zeros:
 * wd has k_eff = d*(k-1)+1 taps per axis, w's taps at every d-th. */
int equiv_dilate_kernel(const Tensor *w, int dh, int dw, Tensor *wd, Err *err);

#endif
