/* tensor.c - allocation and layout permutation of 4-D tensors.
 *
 * Layouts are named by their axis letters; a conversion finds, for every
 * destination axis, the source axis with the same letter and walks the
 * destination in C order. One generic permutation keeps all twelve
 * conversions between same-kind layouts correct by construction. */
#include "tensor.h"

#include <stdlib.h>
#include <string.h>

static const char *const layout_names[LAYOUT_COUNT] = {
    [LAYOUT_NHWC] = "NHWC", [LAYOUT_NCHW] = "NCHW", [LAYOUT_HWIO] = "HWIO",
    [LAYOUT_HWOI] = "HWOI", [LAYOUT_OIHW] = "OIHW", [LAYOUT_IOHW] = "IOHW",
};

const char *layout_name(Layout layout)
{
    TC_ASSERT((int)layout >= 0 && layout < LAYOUT_COUNT);
    return layout_names[layout];
}

void layout_slice_dims(Layout layout, int rows, int cols, int dim[4])
{
    const char *name = layout_name(layout);
    for (int i = 0; i < 4; i++)
        dim[i] = name[i] == 'H' ? rows : name[i] == 'W' ? cols : 1;
}

int layout_parse(const char *name, Layout *out)
{
    for (int i = 0; i < LAYOUT_COUNT; i++) {
        if (strcmp(name, layout_names[i]) == 0) {
            *out = (Layout)i;
            return 0;
        }
    }
    return -1;
}

int layout_is_data(Layout layout)
{
    return layout == LAYOUT_NHWC || layout == LAYOUT_NCHW;
}

size_t shape_count(const int dim[4])
{
    size_t n = 1;
    for (int i = 0; i < 4; i++) {
        if (dim[i] < 1)
            return 0;
        n *= (size_t)dim[i];
    }
    return n;
}

int shape_check(const int dim[4], const char *what, Err *err)
{
    size_t n = 1;
    for (int i = 0; i < 4; i++) {
        if (dim[i] < 0)
            return err_fail(err, TC_ERR_SHAPE,
                            "%s: dimension %d is %d, expected a size >= 0", what, i, dim[i]);
        if (dim[i] > TENSOR_MAX_DIM)
            return err_fail(err, TC_ERR_LIMIT, "%s: dimension %d is %d, the limit is %d", what,
                            i, dim[i], TENSOR_MAX_DIM);
        n *= (size_t)dim[i];
        if (n > TENSOR_MAX_ELEMS)
            return err_fail(err, TC_ERR_LIMIT,
                            "%s: shape [%d,%d,%d,%d] has more than %zu elements", what, dim[0],
                            dim[1], dim[2], dim[3], TENSOR_MAX_ELEMS);
    }
    return 0;
}

int shape_check_nonempty(const int dim[4], const char *what, Err *err)
{
    if (shape_check(dim, what, err) != 0)
        return -1;
    for (int i = 0; i < 4; i++)
        if (dim[i] == 0)
            return err_fail(err, TC_ERR_SHAPE,
                            "%s: shape [%d,%d,%d,%d] is empty (dimension %d is 0), expected sizes "
                            ">= 1: an empty tensor has nothing to draw",
                            what, dim[0], dim[1], dim[2], dim[3], i);
    return 0;
}

int tensor_init(Tensor *t, Layout layout, const int dim[4], Err *err)
{
    memset(t, 0, sizeof *t);
    if (shape_check(dim, layout_name(layout), err) != 0)
        return -1;
    size_t n = shape_count(dim);
    t->data = calloc(n ? n : 1, sizeof(float));
    if (!t->data)
        return err_fail(err, TC_ERR_NOMEM, "out of memory for a %s tensor", layout_name(layout));
    t->layout = layout;
    memcpy(t->dim, dim, sizeof t->dim);
    return 0;
}

int tensor_init_from(Tensor *t, Layout layout, const int dim[4], const float *data, Err *err)
{
    if (tensor_init(t, layout, dim, err) != 0)
        return -1;
    memcpy(t->data, data, tensor_count(t) * sizeof(float));
    return 0;
}

void tensor_free(Tensor *t)
{
    free(t->data);
    memset(t, 0, sizeof *t);
}

size_t tensor_count(const Tensor *t)
{
    return t->data ? shape_count(t->dim) : 0;
}

int tensor_copy(const Tensor *src, Tensor *dst, Err *err)
{
    return tensor_init_from(dst, src->layout, src->dim, src->data, err);
}

int tensor_axis(const Tensor *t, char letter)
{
    const char *name = layout_name(t->layout);
    const char *p = strchr(name, letter);
    return p ? t->dim[p - name] : -1;
}

int tensor_convert(const Tensor *src, Layout dst_layout, Tensor *dst, Err *err)
{
    const char *from = layout_name(src->layout);
    const char *to = layout_name(dst_layout);
    if (layout_is_data(src->layout) != layout_is_data(dst_layout))
        return err_fail(err, TC_ERR_ARG, "cannot convert a %s tensor to %s", from, to);

    /* src_axis[i]: which source axis becomes destination axis i. */
    int src_axis[4], ddim[4];
    for (int i = 0; i < 4; i++) {
        src_axis[i] = (int)(strchr(from, to[i]) - from);
        ddim[i] = src->dim[src_axis[i]];
    }
    if (tensor_init(dst, dst_layout, ddim, err) != 0)
        return -1;

    size_t sstride[4];
    sstride[3] = 1;
    for (int i = 2; i >= 0; i--)
        sstride[i] = sstride[i + 1] * (size_t)src->dim[i + 1];

    size_t o = 0;
    for (int a = 0; a < ddim[0]; a++)
        for (int b = 0; b < ddim[1]; b++)
            for (int c = 0; c < ddim[2]; c++)
                for (int d = 0; d < ddim[3]; d++) {
                    size_t s = a * sstride[src_axis[0]] + b * sstride[src_axis[1]] +
                               c * sstride[src_axis[2]] + d * sstride[src_axis[3]];
                    dst->data[o++] = src->data[s];
                }
    return 0;
}
