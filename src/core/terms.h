/* terms.h - which products make one value, as lists a view can print.
 *
 * The gradient view spells a d_x cell as its chain-rule sum
 *     d_x[n,c,iy,ix] = sum over the outputs o that read x[n,c,iy,ix]
 *                      of d_out[o] * w[tap that read it]
 * and a d_w cell as the correlation of x with d_out
 *     d_w[co,ci,a,b] = sum over n, oy, ox of x[n,ci,oy*s+a*d-p, ...] * d_out[n,co,oy,ox];
 * the channels view spells an output of the conv2d-equivalent as a sum over
 * input channels. These functions list the terms (factors and products)
 * from the tensors, so a view prints numbers it did not compute.
 *
 *     GradTerm t[8];
 *     int total = terms_backprop_input(&g, w, dy, index, t, 8);  // may be > 8
 *
 * Shapes as ops.h: x [N,Cb,H,W]; w [Cs,Cb/G,kh,kw] (OIHW); dy [N,Cs,h,w]. */
#ifndef TCVIZ_TERMS_H
#define TCVIZ_TERMS_H

#include <stddef.h>

#include "trace.h"

/* The position of the small map (the forward conv's output, the transposed
 * conv's input) that reads position `in` of the large map through tap t on
 * this axis, or -1 when none does: in = out*stride + t*dil - pad_before. */
int terms_reader(const AxisGeom *a, int in, int t);

/* The other way round: the position of the large map that position `out`
 * of the small map reads through tap t, or -1 when that is padding. */
int terms_read_at(const AxisGeom *a, int out, int t);

/* Along one axis, the (input position, tap) pairs whose product lands on
 * position f of the full, uncropped scatter canvas (f = i*stride + t*dil),
 * in ascending input order. Writes the first `max` pairs into in[] and
 * tap[] (either may be NULL); returns how many exist (at most a->k). */
int terms_canvas_axis(const AxisGeom *a, int f, int *in, int *tap, int max);

/* One product on a canvas cell: input element (i, j) times tap (a, b). */
typedef struct {
    int i, j; /* the input element, transposed conv input coordinates */
    int a, b; /* the kernel tap */
} CanvasTerm;

/* The products that land on canvas cell (fy, fx), per channel pair, in the
 * order the scatter adds them (input row, then column); writes the first
 * `max` into terms (may be NULL) and returns how many exist. */
int terms_canvas_cell(const ConvGeom *g, int fy, int fx, CanvasTerm *terms, int max);

typedef struct {
    int n;           /* batch item */
    int co, oy, ox;  /* the forward conv output (an element of d_out) */
    int ci, iy, ix;  /* the forward conv input element (of x and d_x) */
    int a, b;        /* the kernel tap, w[co, ci - group start, a, b] */
    float left;      /* d_x terms: d_out[n,co,oy,ox]; d_w terms: x[n,ci,iy,ix] */
    float right;     /* d_x terms: the weight;        d_w terms: d_out[n,co,oy,ox] */
    float product;   /* left * right */
} GradTerm;

/* Terms of d_x at flat index `index` of [N,Cb,H,W], in the order
 * op_conv2d_backprop_input adds them (tap row, tap column, output channel).
 * Writes the first `max` into terms (may be NULL); returns how many exist. */
int terms_backprop_input(const ConvGeom *g, const float *w, const float *dy, size_t index,
                         GradTerm *terms, int max);

/* Terms of d_w at flat index `index` of [Cs,Cb/G,kh,kw] (OIHW), in the order
 * op_conv2d_backprop_filter adds them (n, oy, ox); returns how many exist. */
int terms_backprop_filter(const ConvGeom *g, const float *x, const float *dy, size_t index,
                          GradTerm *terms, int max);

/* Gather step k of the conv2d-equivalent, summed per input channel:
 * sums[i] = sum of the window products of input channel c_first + i
 * (c_count values, GatherStep's). Their total is the step's sum less bias. */
void terms_gather_channel_sums(const GatherTrace *t, int k, float *sums);

#endif
