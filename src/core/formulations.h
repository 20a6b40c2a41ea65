/* formulations.h - conv2d_transpose taken apart into the building blocks the
 * "equivalent conv2d" and "matrix" views show one by one.
 *
 *   zero insertion  : stride-1 zeros between input elements (fractional stride)
 *   padding         : k_eff-1-pad_before before, k_eff-1-crop_after after
 *                     (negative = crop), per axis
 *   rot180          : flip each kernel slice top-bottom and left-right
 *   swap in/out     : IOHW [Cs, Cb/G, kh, kw] -> OIHW [Cb, Cs/G, kh, kw]
 *   then            : an ordinary stride-1 conv2d (with the layer's dilation)
 *
 * and the matrix form: the forward conv as a sparse matrix C, the transposed
 * conv as C^T vec(x). Every formulation agrees exactly with the scatter of
 * ops.h on integer data.
 *
 *     EquivConv e;
 *     equiv_init(&e, &g, x, w, bias, &err); // every intermediate tensor; bias may be NULL
 *     // e.padded, e.kernel, e.output are what the conv2d view draws
 *     equiv_free(&e);
 */
#ifndef TCVIZ_FORMULATIONS_H
#define TCVIZ_FORMULATIONS_H

#include <stddef.h>

#include "geom.h"

/* x: [N,C,h,w] -> out: [N,C,(h-1)*sh+1,(w-1)*sw+1]. */
void form_zero_insert(const float *x, int nc, int h, int w, int sh, int sw, float *out);

/* Pad (positive) or crop (negative) each side: pad = {top, bottom, left, right}.
 * x: [NC,h,w] -> out: [NC,h+top+bottom,w+left+right]. */
void form_pad(const float *x, int nc, int h, int w, const int pad[4], float *out);

/* Rotate each kh x kw slice by 180 degrees. w, out: [A,B,kh,kw]. */
void form_rot180(const float *w, int slices, int kh, int kw, float *out);

/* Swap the kernel's in/out axes within each group.
 * w: [ci, co/G, kh, kw] -> out: [co, ci/G, kh, kw], ci channels in, co out. */
void form_swap_io(const float *w, int ci, int co, int groups, int kh, int kw, float *out);

/* The padding of the zero-inserted input: {top, bottom, left, right},
 * k_eff-1-pad_before and k_eff-1-crop_after per axis (negative = crop). */
void form_equiv_padding(const ConvGeom *g, int pad[4]);

/* The equivalent stride-1 conv2d's geometry: input the padded zero-inserted
 * map [N,Cs,PH,PW], Cb filters of kh x kw, dilation as the layer, no padding. */
void form_equiv_geom(const ConvGeom *g, ConvGeom *eq);

/* conv2d_transpose by the conv2d-equivalent, with every intermediate kept. */
typedef struct {
    ConvGeom g;          /* the transposed conv */
    ConvGeom eq;         /* the stride-1 conv2d it equals */
    int pad[4];          /* form_equiv_padding */
    int zh, zw;          /* zero-inserted size */
    float *zero_inserted; /* [N,Cs,zh,zw] */
    float *padded;        /* [N,Cs,eq.h.conv_in,eq.w.conv_in] */
    float *kernel;        /* rot180(swap_io(w)): [Cb,Cs/G,kh,kw] */
    float *output;        /* [N,Cb,H,W], bias included */
    float *bias;          /* [Cb] or NULL (copied) */
} EquivConv;

int equiv_init(EquivConv *e, const ConvGeom *g, const float *x, const float *w,
               const float *bias, Err *err);
void equiv_free(EquivConv *e);

/* A sparse matrix whose entries are kernel weights: entry k of row r sits in
 * column col[k] and holds w[widx[k]] (flat OIHW index of the forward conv).
 * Rows are in ascending order, columns ascending within a row. */
typedef struct {
    int rows, cols;
    size_t nnz;
    size_t *row_start; /* rows + 1 */
    int *col;
    int *widx;
} SparseMatrix;

/* Most non-zeros a matrix may hold (keeps memory under ~200 MB). */
#define MATRIX_MAX_NNZ ((size_t)1 << 24)

/* C for one batch item: rows = Cs*h*w (conv output), cols = Cb*H*W (conv input). */
int matrix_build_conv(const ConvGeom *g, SparseMatrix *c, Err *err);
/* C^T built directly, one output element per row, without building C:
 * the same matrix as matrix_transpose gives for C, at a fraction of the cost. */
int matrix_build_conv_transposed(const ConvGeom *g, SparseMatrix *ct, Err *err);
/* t = m^T. */
int matrix_transpose(const SparseMatrix *m, SparseMatrix *t, Err *err);
void matrix_free(SparseMatrix *m);
/* y = m x for one vector: x [cols], y [rows], weights w. */
void matrix_apply(const SparseMatrix *m, const float *w, const float *x, float *y);

/* conv2d_transpose as C^T vec(x) per batch item, plus bias.
 * x: [N,Cs,h,w]; w: IOHW; y: [N,Cb,H,W]. */
int form_transpose_by_matrix(const ConvGeom *g, const float *x, const float *w,
                             const float *bias, float *y, Err *err);

/* conv2d_transpose by the conv2d-equivalent; y: [N,Cb,H,W]. */
int form_transpose_by_conv2d(const ConvGeom *g, const float *x, const float *w,
                             const float *bias, float *y, Err *err);

#endif
