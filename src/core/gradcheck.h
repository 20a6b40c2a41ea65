/* gradcheck.h - numeric (finite-difference) gradients of conv2d, the
 * independent check of the backprop kernels of ops.h.
 *
 * The loss is L(x, w) = sum(conv2d(x, w) * dy), whose gradients are
 * op_conv2d_backprop_input (dL/dx) and op_conv2d_backprop_filter (dL/dw).
 * A central difference (L(v + eps) - L(v - eps)) / (2 eps) along one element
 * v needs only the outputs that element feeds: every other output is
 * computed from identical operands in both evaluations, so it cancels
 * exactly. That makes one element cost a few windows instead of two whole
 * convolutions, cheap enough to check every cell of an interactive view.
 * L is linear in x and in w, so the difference has no truncation error,
 * only rounding (none at all for small integers and eps = 1/8).
 *
 *     double fd = numeric_grad_input_at(&g, x, w, dy, index, 0.125f);
 *     // == dx[index] of op_conv2d_backprop_input(&g, w, dy, dx)
 *
 * Shapes as ops.h: x [N,Cb,H,W]; w [Cs,Cb/G,kh,kw] (OIHW); dy [N,Cs,h,w].
 * x (or w) is perturbed in place and restored bit for bit before returning. */
#ifndef TCVIZ_GRADCHECK_H
#define TCVIZ_GRADCHECK_H

#include <stddef.h>

#include "geom.h"

/* L = sum(conv2d(x, w) * dy) over every output, accumulated in double. */
double grad_loss(const ConvGeom *g, const float *x, const float *w, const float *dy);

/* dL/dx at flat index `index` of x ([N,Cb,H,W]) by central difference. */
double numeric_grad_input_at(const ConvGeom *g, float *x, const float *w, const float *dy,
                             size_t index, float eps);

/* dL/dw at flat index `index` of w (OIHW) by central difference. */
double numeric_grad_filter_at(const ConvGeom *g, const float *x, float *w, const float *dy,
                              size_t index, float eps);

/* Every element: out [N,Cb,H,W] resp. [Cs,Cb/G,kh,kw]. */
void numeric_grad_input(const ConvGeom *g, float *x, const float *w, const float *dy, float eps,
                        double *out);
void numeric_grad_filter(const ConvGeom *g, const float *x, float *w, const float *dy, float eps,
                         double *out);

/* Upper bound of the multiply-adds one numeric_grad_*_at call costs, so a
 * caller can spread a whole check over frames within a time budget. */
size_t numeric_grad_input_cost(const ConvGeom *g);
size_t numeric_grad_filter_cost(const ConvGeom *g);

#endif
