/* npy.h - read and write NumPy .npy files as float32 arrays.
 *
 *     Err err = {0};
 *     NpyArray a = {0};
 *     Tensor x = {0};
 *     if (npy_read("x.npy", &a, &err) != 0 ||
 *         npy_to_tensor(&a, LAYOUT_NHWC, "x.npy", "input", &x, &err) != 0)
 *         fprintf(stderr, "tcviz: %s\n", err.msg);
 *     npy_free(&a);
 *     ...
 *     npy_write_f32("y.npy", 4, y.dim, y.data, &err);
 *     tensor_free(&x);
 *
 * Reading accepts format versions 1.0, 2.0 and 3.0 with a little-endian
 * C-order dtype of '<f4', '<f8', '<i4', '<i8' or '|u1' ('<u1'), and converts
 * to float32 only when that is exact for integers and finite for floats. Every
 * refusal is one line: "<path>: <what is wrong>, expected <what>".
 */
#ifndef TCVIZ_NPY_H
#define TCVIZ_NPY_H

#include <stddef.h>

#include "core/status.h"
#include "core/tensor.h"

#define NPY_MAX_NDIM 8

/* Header lengths past this are refused before anything is allocated; real
 * headers for the accepted dtypes are under 200 bytes. */
#define NPY_MAX_HEADER_LEN ((size_t)1 << 20)

typedef struct {
    int ndim;                /* 0 (a scalar) to NPY_MAX_NDIM */
    int shape[NPY_MAX_NDIM]; /* sizes >= 0 (an empty array has a 0) */
    float *data;             /* C order, product(shape) values; non-NULL when read */
} NpyArray;

/* Read a .npy file. Refuses (TC_ERR_FORMAT) other dtypes, fortran_order
 * True, a bad magic or version, a truncated or malformed header, data shorter
 * or longer than the shape says, NaN/Inf values and
 * integers outside +-2^24; refuses (TC_ERR_LIMIT) more than TENSOR_MAX_ELEMS
 * elements or NPY_MAX_NDIM dimensions; TC_ERR_IO if the file cannot be read.
 * On failure *out is left empty. */
int npy_read(const char *path, NpyArray *out, Err *err);

/* npy_read with a caller's element limit, checked from the header before
 * any data is read or allocated: returns 1 when the array has more than
 * max_count elements, with out->ndim and out->shape set and no data. */
int npy_read_at_most(const char *path, size_t max_count, NpyArray *out, Err *err);

/* The same from a buffer; `name` stands for the file in messages. */
int npy_parse(const unsigned char *buf, size_t len, const char *name, NpyArray *out, Err *err);

void npy_free(NpyArray *a);

/* Write float32 little-endian C order with a version 1.0 header padded so the
 * data starts at a multiple of 64 bytes, as numpy does. The file appears
 * atomically: a temp file in the same directory is written, fsynced and
 * renamed over `path`; on any failure the temp file is removed and `path` is
 * untouched. Refuses non-finite values, which npy_read would refuse. */
int npy_write_f32(const char *path, int ndim, const int *shape, const float *data, Err *err);

/* Copy a rank-4 array into a Tensor whose dims (in `layout`'s axis order) are
 * the array's shape; a rank-2 array is one H x W slice (layout_slice_dims:
 * one batch item, one channel), as lessons read it. `what` names the role in
 * messages, e.g. "x.npy: input has 3 dimensions, expected 2 (H x W) or 4 (NHWC)". */
int npy_to_tensor(const NpyArray *a, Layout layout, const char *path, const char *what, Tensor *out,
                  Err *err);

#endif
