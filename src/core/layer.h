/* layer.h - run one of the four operations the way a framework would:
 * tensors in the convention's own layouts, parameters in its own names.
 *
 * This is the seam between the outside world (CLI, lessons, the app's loaded
 * tensors) and the canonical kernels of ops.h: it checks ranks, layouts and
 * channel counts, resolves the geometry, converts layouts in and out.
 *
 *     LayerSpec spec = { .op = OP_CONV2D_TRANSPOSE,
 *                        .params = { .convention = CONV_TF, .stride = {2, 2},
 *                                    .padding = PAD_SAME },
 *                        .size = {1, 6, 6, 1} };          // output_shape, NHWC
 *     LayerTensors in = { .input = &x, .filter = &w };   // NHWC, HWOI
 *     Tensor y;
 *     if (layer_run(&spec, &in, &y, &err) != 0) ...      // y: NHWC [1,6,6,1]
 */
#ifndef TCVIZ_LAYER_H
#define TCVIZ_LAYER_H

#include "geom.h"
#include "tensor.h"

typedef enum {
    OP_CONV2D = 0,
    OP_CONV2D_TRANSPOSE,
    OP_BACKPROP_INPUT,
    OP_BACKPROP_FILTER,
    OP_COUNT
} OpKind;

/* "conv2d", "conv2d_transpose", "conv2d_backprop_input", "conv2d_backprop_filter". */
const char *op_name(OpKind op);
int op_parse(const char *name, OpKind *out);

typedef struct {
    OpKind op;
    ConvParams params;
    /* The size argument of the op, in the convention's layout; all zero when
     * not given. TF: output_shape (NHWC) for conv2d_transpose, input_sizes
     * (NHWC) for backprop_input, filter_sizes (HWIO) for backprop_filter.
     * PyTorch: input_size (NCHW), weight_size (OIHW); conv_transpose2d may
     * give {N,C,H,W} to assert the output size. */
    int size[4];
    /* 1 for conv1d / conv1d_transpose (layer1d.h: a one-row 2-D layer whose
     * tensors, params and size have H = 1); 0 or 2 for the 2-D ops. */
    int dims;
} LayerSpec;

typedef struct {
    const Tensor *input;  /* conv2d, conv2d_transpose, backprop_filter */
    const Tensor *filter; /* conv2d, conv2d_transpose, backprop_input */
    const Tensor *d_out;  /* backprop_input, backprop_filter */
    const Tensor *bias;   /* optional, conv2d and conv2d_transpose: any shape with C elements */
} LayerTensors;

/* The layout each tensor must have for (convention, op). */
Layout layer_data_layout(Convention c);
Layout layer_filter_layout(Convention c, OpKind op);
Layout layer_output_layout(Convention c, OpKind op);

/* The work budget: multiply-adds one layer may take (also the number of
 * trace steps, which are its products). One limit for compute, check,
 * explain, the window and export, so no input can keep tcviz busy for long. */
#define LAYER_MAX_MACS ((unsigned long long)1 << 28)

/* Multiply-adds of the layer g describes: every output of the forward conv2d
 * sums C_in/groups * KH * KW products; the transposed conv and both gradients
 * perform the same products in another order. */
unsigned long long layer_macs(const ConvGeom *g);

/* Check the tensors and resolve the geometry without computing; refuses
 * (TC_ERR_LIMIT) a layer past LAYER_MAX_MACS, naming both numbers. */
int layer_resolve(const LayerSpec *spec, const LayerTensors *t, ConvGeom *g, Err *err);

/* Refuse (TC_ERR_SHAPE) a layer with an empty tensor: its input, output or
 * kernel has no elements. The frameworks compute those (layer_run gives
 * their empty or zero results); what draws or steps through a layer (the
 * window, explain, export, lessons) has nothing to show for them. */
int layer_check_nonempty(const ConvGeom *g, Err *err);

/* Compute the op; *out is allocated in layer_output_layout(). */
int layer_run(const LayerSpec *spec, const LayerTensors *t, Tensor *out, Err *err);

/* Convert a convention-layout tensor to the canonical layout of ops.h
 * (NCHW data; OIHW weights, which for conv2d_transpose is IOHW). */
int layer_to_canonical(const Tensor *src, Tensor *dst, Err *err);

#endif
