/* ops.h - the four operations of the source question, as direct definitions.
 *
 * Every kernel works on plain float arrays in one canonical layout: data NCHW,
 * weights in the forward conv's OIHW, which is the same memory as the
 * transposed conv's IOHW (the transposed conv's input channels are the
 * forward conv's output channels). `g` comes from geom_conv2d or
 * geom_conv2d_transpose; "big" is the conv input size, "small" the conv output.
 *
 *     float y[36];
 *     op_conv2d_transpose(&g, x, w, NULL, y, &err);  // x: [1,1,3,3], w: [1,1,2,2]
 *
 * Naming in shapes below: N batch, Cb = g->c_conv_in, Cs = g->c_conv_out,
 * G groups, H,W big map, h,w small map.
 */
#ifndef TCVIZ_OPS_H
#define TCVIZ_OPS_H

#include <stddef.h>

#include "geom.h"

/* Element counts of the canonical tensors. */
size_t geom_big_count(const ConvGeom *g);    /* N*Cb*H*W */
size_t geom_small_count(const ConvGeom *g);  /* N*Cs*h*w */
size_t geom_weight_count(const ConvGeom *g); /* Cs*(Cb/G)*kh*kw */
size_t geom_full_count(const ConvGeom *g);   /* N*Cb*full_h*full_w */

/* y = conv2d(x, w) + bias.
 * x: [N,Cb,H,W]; w: [Cs,Cb/G,kh,kw] (OIHW); bias: [Cs] or NULL; y: [N,Cs,h,w]. */
void op_conv2d(const ConvGeom *g, const float *x, const float *w, const float *bias, float *y);
/* One output of op_conv2d, y[n, co, oy, ox], its products added to acc (the
 * bias, or 0) in op_conv2d's order, so both give bit-identical values. */
float op_conv2d_at(const ConvGeom *g, const float *x, const float *w, int n, int co, int oy,
                   int ox, float acc);

/* The scatter onto the uncropped canvas: full[n, co, i*s + a*d, j*s + b*d] +=
 * x[n, ci, i, j] * w[ci, co_in_group, a, b].
 * x: [N,Cs,h,w]; w: [Cs,Cb/G,kh,kw] (IOHW); full: [N,Cb,full_h,full_w], overwritten. */
void op_scatter_full(const ConvGeom *g, const float *x, const float *w, float *full);

/* Crop the canvas to the output: out[o] = full[o + pad_before], zero past the
 * canvas end. full: [N,Cb,full_h,full_w]; y: [N,Cb,H,W]. */
void op_crop_full(const ConvGeom *g, const float *full, float *y);

/* y = conv2d_transpose(x, w) + bias, by scatter then crop.
 * x: [N,Cs,h,w]; w: [Cs,Cb/G,kh,kw] (IOHW); bias: [Cb] or NULL; y: [N,Cb,H,W]. */
int op_conv2d_transpose(const ConvGeom *g, const float *x, const float *w, const float *bias,
                        float *y, Err *err);

/* dx = d/dx sum(conv2d(x, w) * dy), as a gather over the outputs each input
 * element fed. w: [Cs,Cb/G,kh,kw] (OIHW); dy: [N,Cs,h,w]; dx: [N,Cb,H,W]. */
void op_conv2d_backprop_input(const ConvGeom *g, const float *w, const float *dy, float *dx);

/* dw = d/dw sum(conv2d(x, w) * dy).
 * x: [N,Cb,H,W]; dy: [N,Cs,h,w]; dw: [Cs,Cb/G,kh,kw] (OIHW). */
void op_conv2d_backprop_filter(const ConvGeom *g, const float *x, const float *dy, float *dw);

#endif
