/* trace.h - step-by-step traces of conv2d_transpose that the views play.
 *
 * Each trace is built once from (geometry, tensors) and then answers "what
 * happens at step k" and "what is the state after k steps" as pure functions
 * of k: seeking anywhere never replays from step 0 (the scatter keeps
 * checkpoints of its canvas; the gather and matrix steps are independent).
 *
 *     ScatterTrace t;
 *     trace_scatter_init(&t, &g, x, w, bias, &err);    // canonical NCHW / IOHW; bias may be NULL
 *     ScatterStep s;
 *     trace_scatter_step(&t, 4, &s);                   // x[0,0,1,1] scatters...
 *     float *canvas = malloc(trace_scatter_canvas_count(&t) * sizeof(float));
 *     trace_scatter_partial(&t, 5, canvas);            // after steps 0..4
 *     trace_scatter_free(&t);
 */
#ifndef TCVIZ_TRACE_H
#define TCVIZ_TRACE_H

#include <stddef.h>

#include "formulations.h"
#include "geom.h"

/* ---- scatter: one step per input element (n, c, i, j), channel-major ---- */

typedef struct {
    ConvGeom g;
    float *x;           /* [N,Cs,h,w] */
    float *w;           /* [Cs,Cb/G,kh,kw] (IOHW) */
    float *bias;        /* [Cb] or NULL */
    int steps;          /* N*Cs*h*w */
    int every;          /* checkpoint interval in steps */
    int n_checkpoints;  /* checkpoint c holds the canvas after c*every steps */
    float *checkpoints; /* [n_checkpoints][N,Cb,full_h,full_w] */
    float *output;      /* [N,Cb,H,W]: the cropped final result, bias included */
} ScatterTrace;

typedef struct {
    int n, c, i, j;      /* the input element */
    float value;         /* x[n,c,i,j] */
    int row0, col0;      /* footprint origin on the full canvas: i*sh, j*sw */
    int row_step, col_step; /* footprint pitch: the dilation */
    int c_first, c_count;   /* output channels this element feeds (its group) */
} ScatterStep;

int trace_scatter_init(ScatterTrace *t, const ConvGeom *g, const float *x, const float *w,
                       const float *bias, Err *err);
void trace_scatter_free(ScatterTrace *t);
size_t trace_scatter_canvas_count(const ScatterTrace *t); /* N*Cb*full_h*full_w */
/* k in [0, steps). */
void trace_scatter_step(const ScatterTrace *t, int k, ScatterStep *s);
/* The uncropped canvas after steps 0..k-1 (k in [0, steps]); no bias. */
void trace_scatter_partial(const ScatterTrace *t, int k, float *canvas);
/* Step index of input element (n, c, i, j). */
int trace_scatter_index(const ScatterTrace *t, int n, int c, int i, int j);

/* Map a full-canvas row/col to an output row/col; returns 0 when the cell is
 * cropped away (outside the output). */
int geom_full_to_out(const AxisGeom *a, int full_pos, int *out_pos);

/* ---- gather: one step per output element of the conv2d-equivalent ---- */

typedef struct {
    EquivConv eq;  /* zero-inserted, padded input; rotated swapped kernel; output */
    int steps;     /* N*Cb*H*W */
} GatherTrace;

typedef struct {
    int n, c, oy, ox;   /* the output element */
    int win_row, win_col; /* window top-left on the padded input (= oy, ox) */
    int row_step, col_step; /* window pitch: the dilation */
    int c_first, c_count;   /* input channels of its group */
    int n_products;     /* c_count*kh*kw */
    float sum;          /* the output value (bias included) */
} GatherStep;

int trace_gather_init(GatherTrace *t, const ConvGeom *g, const float *x, const float *w,
                      const float *bias, Err *err);
void trace_gather_free(GatherTrace *t);
/* products (optional): [c_count][kh][kw], padded[..] * kernel[..] for step k. */
void trace_gather_step(const GatherTrace *t, int k, GatherStep *s, float *products);
int trace_gather_index(const GatherTrace *t, int n, int c, int oy, int ox);

/* ---- matrix: one step per row of C^T (per batch item) ---- */

typedef struct {
    ConvGeom g;
    SparseMatrix c;   /* forward conv: rows = Cs*h*w, cols = Cb*H*W */
    SparseMatrix ct;  /* its transpose: one row per output element */
    float *x, *w;     /* copies: [N,Cs,h,w], IOHW */
    float *bias;      /* [Cb] or NULL */
    int steps;        /* N * ct.rows */
} MatrixTrace;

typedef struct {
    int n, row;          /* batch item and row of C^T */
    int c, oy, ox;       /* the output element of that row */
    size_t first, count; /* entries ct.col[first..first+count), ct.widx[...] */
    float sum;           /* the output value (bias included) */
} MatrixStep;

int trace_matrix_init(MatrixTrace *t, const ConvGeom *g, const float *x, const float *w,
                      const float *bias, Err *err);
void trace_matrix_free(MatrixTrace *t);
void trace_matrix_step(const MatrixTrace *t, int k, MatrixStep *s);

/* ---- overlap: how many (input, kernel tap) products land on each cell ---- */

/* counts: [full_h, full_w], spatial only (every channel pair repeats it). */
void overlap_full(const ConvGeom *g, int *counts);
/* counts: [H, W] of the cropped output (zero-extended rows count 0). */
void overlap_output(const ConvGeom *g, int *counts);

#endif
