/* tensor.h - a small 4-D float tensor with an explicit layout.
 *
 * Data tensors are NHWC (TensorFlow) or NCHW (PyTorch); filters are HWIO (TF
 * conv2d), HWOI (TF conv2d_transpose, [kh, kw, out, in]), OIHW (PyTorch conv2d)
 * or IOHW (PyTorch conv_transpose2d, [in, out/groups, kh, kw]). A layout is a
 * word of four axis letters, so converting between two layouts of the same
 * kind is a permutation of axes matched by letter.
 *
 *     Tensor x = {0}, y = {0};
 *     tensor_init(&x, LAYOUT_NHWC, (int[4]){1, 3, 3, 1}, &err);
 *     tensor_convert(&x, LAYOUT_NCHW, &y, &err);   // y.dim = {1, 1, 3, 3}
 *     tensor_free(&x); tensor_free(&y);
 */
#ifndef TCVIZ_TENSOR_H
#define TCVIZ_TENSOR_H

#include <stddef.h>

#include "status.h"

typedef enum {
    LAYOUT_NHWC,
    LAYOUT_NCHW,
    LAYOUT_HWIO,
    LAYOUT_HWOI,
    LAYOUT_OIHW,
    LAYOUT_IOHW,
    LAYOUT_COUNT
} Layout;

/* Refuse tensors past this many elements (256 MiB of float32) or with a
 * dimension past TENSOR_MAX_DIM: tcviz explains small layers, and the limit
 * keeps every size product far from integer overflow. */
#define TENSOR_MAX_ELEMS ((size_t)1 << 26)
#define TENSOR_MAX_DIM 65536

typedef struct {
    Layout layout;
    int dim[4];     /* sizes in the layout's own axis order */
    float *data;    /* row-major (C order) over dim */
} Tensor;

/* "NHWC", "OIHW", ... */
const char *layout_name(Layout layout);
/* Parse a layout name (case-sensitive); returns -1 if unknown. */
int layout_parse(const char *name, Layout *out);
/* The 4-D shape of one rows x cols slice in layout: H = rows, W = cols,
 * every other axis 1 (how lessons and --input read a 2-D array). */
void layout_slice_dims(Layout layout, int rows, int cols, int dim[4]);
/* True for NHWC/NCHW. */
int layout_is_data(Layout layout);

/* Element count of a shape, or 0 if any dimension is < 1. */
size_t shape_count(const int dim[4]);

/* Check dims against the limits; fills err naming `what` on failure. A size
 * of 0 is accepted: the frameworks take empty tensors (a batch of 0, TF's
 * empty windows), and the ops give their empty or zero results. */
int shape_check(const int dim[4], const char *what, Err *err);

/* shape_check, and every size >= 1: for what is drawn (the window, lessons,
 * explain), where an empty tensor has nothing to show. */
int shape_check_nonempty(const int dim[4], const char *what, Err *err);

/* Allocate a zeroed tensor; an empty one still gets a non-NULL data
 * pointer, which is how a present tensor is told from an absent one. */
int tensor_init(Tensor *t, Layout layout, const int dim[4], Err *err);
/* Allocate and copy `data` (count must match the shape). */
int tensor_init_from(Tensor *t, Layout layout, const int dim[4], const float *data, Err *err);
void tensor_free(Tensor *t);
size_t tensor_count(const Tensor *t);
int tensor_copy(const Tensor *src, Tensor *dst, Err *err);

/* Permute src into dst_layout (both data layouts or both filter layouts). */
int tensor_convert(const Tensor *src, Layout dst_layout, Tensor *dst, Err *err);

/* Size of the axis named by letter ('N','C','H','W','O','I'), or -1. */
int tensor_axis(const Tensor *t, char letter);

#endif
