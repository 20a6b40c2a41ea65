/* layer1d.h - conv1d and conv1d_transpose as what they are: conv2d and
 * conv2d_transpose on a one-row image with a one-row kernel.
 *
 * There is no second convolution. A 1-D layer is a LayerSpec with dims = 1
 * whose tensors carry an H axis of size 1 and whose params leave the H axis
 * alone (stride 1, dilation 1, no padding, no output padding); layer_resolve
 * and layer_run then compute it with the 2-D geometry and kernels. This file
 * is the mapping at the edge: 1-D layouts are the 2-D ones without H (NWC,
 * NCW; WIO, WOI, OIW, IOW), 1-D shapes gain or lose that axis, and TF's
 * explicit [L, R] padding is the 2-D padding [0, 0, L, R], as tf.nn.conv1d
 * itself is built.
 *
 *     LayerSpec spec = { .op = OP_CONV2D_TRANSPOSE, .dims = 1 };
 *     layer1d_params(&spec.params, CONV_TF, 2, 1, PAD_SAME, 0, 0, 0);
 *     int x2[4];
 *     shape_1d_to_2d(LAYOUT_NHWC, (int[3]){1, 3, 1}, x2);   // {1, 1, 3, 1}
 */
#ifndef TCVIZ_LAYER1D_H
#define TCVIZ_LAYER1D_H

#include "layer.h"

/* "conv1d", "conv1d_transpose" (PyTorch: "conv_transpose1d") -> the 2-D op. */
int op_parse_1d(const char *name, OpKind *out);
/* op_parse_1d or op_parse; *dims is 1 or 2. */
int op_parse_dims(const char *name, OpKind *out, int *dims);
/* The op's name as the spec's dimensionality spells it ("conv1d", ...). */
const char *layer_op_name(const LayerSpec *spec);
/* The ops that exist in 1-D: conv2d and conv2d_transpose. */
int op_has_1d(OpKind op);

/* A 2-D layout without its H axis: "NWC", "NCW", "WIO", "WOI", "OIW", "IOW". */
const char *layout_name_1d(Layout layout);
/* The layout's name in `dims` dimensions (1: layout_name_1d, else layout_name). */
const char *layout_name_dims(Layout layout, int dims);

/* A 1-D shape in layout_name_1d(layout) order as the 2-D shape with H = 1,
 * and back (the H size is dropped). */
void shape_1d_to_2d(Layout layout, const int d3[3], int d4[4]);
void shape_2d_to_1d(Layout layout, const int d4[4], int d3[3]);

/* Set p to a 1-D layer's params along W; the H axis is left as identity.
 * PAD_EXPLICIT takes `left`, `right` (PyTorch: both equal). */
void layer1d_params(ConvParams *p, Convention c, int stride, int dilation, PadMode padding,
                    int left, int right, int output_padding);

/* For spec->dims == 1: the tensors and params must be one-row (H = 1, H
 * params identity). Called by layer_resolve; 0 for 2-D specs. */
int layer1d_check(const LayerSpec *spec, const LayerTensors *t, Err *err);

#endif
