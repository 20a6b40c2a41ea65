/* examples.h - the default example every front end starts from: the source
 * question's 3x3 -> 6x6 upsampling (TF conv2d_transpose, 2x2 kernel, stride 2,
 * SAME) with x = [[0,0,1.5],[0,1,0],[0,0,0]] and w = [[1,2],[3,4]].
 *
 * The app, `tcviz explain` without tensors and lessons that give no tensors
 * all call these, so "the default example" is one set of numbers everywhere.
 *
 *     LayerSpec spec;
 *     example_default_spec(&spec);
 *     Tensor x = {0}, w = {0};                        // data == NULL: fill it
 *     if (example_default_tensors(&spec, &x, &w, &err) != 0) ...
 *     // x: NHWC [1,3,3,1], w: HWOI [2,2,1,1]
 */
#ifndef TCVIZ_EXAMPLES_H
#define TCVIZ_EXAMPLES_H

#include "layer.h"
#include "tensor.h"

/* TF conv2d_transpose, stride 2, SAME, output_shape [1,6,6,1]. */
void example_default_spec(LayerSpec *spec);

/* Fill whichever of x and w has data == NULL, in spec's convention layouts
 * for conv2d_transpose (NHWC/HWOI or NCHW/IOHW); a tensor with data is left
 * alone. A missing input is 3x3 with the filter's input channels (1 without
 * a filter); a missing filter is 2x2 from the input's channels to the output
 * channels of spec->size (1 when not given; PyTorch: divided by groups).
 * Single-channel tensors get the source question's numbers; others count
 * 1, 2, 3, ... in canonical order (NCHW / IOHW), so they read the same in
 * both conventions. On failure nothing new stays allocated. */
int example_default_tensors(const LayerSpec *spec, Tensor *x, Tensor *w, Err *err);

/* t->data[...] = 1, 2, 3, ... in t's canonical order (NCHW for data, IOHW
 * for transposed-conv filters, OIHW for conv filters), whatever t's layout. */
int example_fill_arange(Tensor *t, Err *err);

#endif
