/* lesson_tensor.c - a lesson's tensors: nested lists, .npy files next to the
 * lesson, and small generators for tensors too big to write out.
 *
 * A 2-D nested list is one H x W slice (every other axis 1): most lessons
 * have one channel, and `[[1, 2], [3, 4]]` reads as the kernel a student
 * sees, where the full 4-D form would bury it in brackets. The generators
 * keep lesson 6's 28 x 28 digit and 32 filters readable: a picture drawn
 * with digits, a shape filled from a repeating list, and the activations a
 * forward conv2d makes of an image. */
#include "io/lesson_internal.h"
#include "core/layer1d.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/array_file.h"
#include "io/npy.h"

void lesson_list_dims(Layout layout, int rank, const int dims[4], int dim[4])
{
    if (rank == 1)
        layout_slice_dims(layout, 1, dims[0], dim);
    else if (rank == 2)
        layout_slice_dims(layout, dims[0], dims[1], dim);
    else if (rank == 3)
        shape_1d_to_2d(layout, dims, dim);
    else
        memcpy(dim, dims, 4 * sizeof *dim);
}

/* ---- nested lists ------------------------------------------------------------- */

typedef struct {
    const LCtx *cx;
    const char *field;
    int rank;
    int dims[4];
    int at[4]; /* the index being read at each depth */
    float *data;
    size_t next;
} Walk;

/* "field[i][j]" of the node at `depth`: spelled out only for a message,
 * since a tensor may hold a million values. */
static const char *walk_path(const Walk *w, int depth, char *buf, size_t size)
{
    size_t used = (size_t)snprintf(buf, size, "%.100s", w->field);
    for (int d = 0; d < depth && used < size; d++)
        used += (size_t)snprintf(buf + used, size - used, "[%d]", w->at[d]);
    return buf;
}

static int walk(Walk *w, const YNode *n, int depth)
{
    char field[160];
    if (depth == w->rank) {
        if (n->kind != YN_SCALAR)
            return lwant(w->cx, n, walk_path(w, depth, field, sizeof field), "a number");
        if (lparse_float(n, &w->data[w->next]) == 0)
            return w->next++, 0;
        return lget_float(w->cx, n, walk_path(w, depth, field, sizeof field), &w->data[w->next]);
    }
    if (n->kind != YN_SEQ) {
        char want[48];
        snprintf(want, sizeof want, "a list of %d items", w->dims[depth]);
        return lwant(w->cx, n, walk_path(w, depth, field, sizeof field), want);
    }
    if (n->count != w->dims[depth])
        return lfail(w->cx, n, TC_ERR_SHAPE,
                     "%s has %d item%s, expected %d: a nested list must be rectangular",
                     walk_path(w, depth, field, sizeof field), n->count,
                     n->count == 1 ? "" : "s", w->dims[depth]);
    for (int i = 0; i < n->count; i++) {
        w->at[depth] = i;
        if (walk(w, n->items[i], depth + 1) != 0)
            return -1;
    }
    return 0;
}

int lesson_nested_list(const LCtx *cx, const YNode *n, const char *field, int *rank,
                       int dims[4], float **data)
{
    Walk w = {.cx = cx, .field = field};
    size_t count = 1;
    *data = NULL;
    for (const YNode *p = n; p->kind == YN_SEQ; p = p->items[0]) {
        if (p->count == 0)
            return lfail(cx, p, TC_ERR_SHAPE, "%s has an empty list, expected numbers", field);
        if (w.rank == 4)
            return lfail(cx, n, TC_ERR_SHAPE, "%s is nested more than 4 levels deep", field);
        w.dims[w.rank++] = p->count;
        count *= (size_t)p->count;
        if (count > LESSON_MAX_ELEMS)
            return lfail(cx, n, TC_ERR_LIMIT, "%s has more than %zu values, the limit for a lesson",
                         field, LESSON_MAX_ELEMS);
    }
    if (w.rank == 0)
        return lwant(cx, n, field, "a nested list of numbers");
    w.data = malloc(count * sizeof(float));
    if (!w.data)
        return lfail(cx, n, TC_ERR_NOMEM, "out of memory");
    if (walk(&w, n, 0) != 0) {
        free(w.data);
        return -1;
    }
    *rank = w.rank;
    memcpy(dims, w.dims, sizeof w.dims);
    *data = w.data;
    return 0;
}

/* Put rank-2/4 values (and 1/3 for a 1-D layer) into a tensor of `layout`
 * (-1: a bias). Takes data. */
static int shape_tensor(const LCtx *cx, const YNode *n, const char *field, int layout, int rank,
                        const int dims[4], float *data, Tensor *out)
{
    int dim[4];
    int rc, one_d = layout >= 0 && (layout & LESSON_LAYOUT_1D);
    if (layout >= 0)
        layout &= ~LESSON_LAYOUT_1D;
    if (layout < 0) {
        if (rank != 1) {
            free(data);
            return lfail(cx, n, TC_ERR_SHAPE,
                         "%s must be a list of numbers (one per output channel), got %d-D", field,
                         rank);
        }
        rc = tensor_init_from(out, LAYOUT_NCHW, (int[4]){dims[0], 1, 1, 1}, data, cx->err);
    } else if (rank == 2 || rank == 4 || (one_d && rank >= 1)) {
        lesson_list_dims((Layout)layout, rank, dims, dim);
        rc = shape_check_nonempty(dim, field, cx->err) == 0
                 ? tensor_init_from(out, (Layout)layout, dim, data, cx->err)
                 : -1;
    } else {
        free(data);
        if (one_d)
            return lfail(cx, n, TC_ERR_SHAPE,
                         "%s must be a 1-D (one row), 2-D (H x W), 3-D (%s) or 4-D (%s) list, "
                         "got %d-D",
                         field, layout_name_1d((Layout)layout), layout_name((Layout)layout), rank);
        return lfail(cx, n, TC_ERR_SHAPE, "%s must be a 2-D (H x W) or 4-D (%s) list, got %d-D",
                     field, layout_name((Layout)layout), rank);
    }
    free(data);
    if (rc != 0) {
        char msg[ERR_MSG_MAX];
        snprintf(msg, sizeof msg, "%s", cx->err->msg);
        return lfail(cx, n, cx->err->code, "%s", msg);
    }
    return 0;
}

/* ---- .npy files ----------------------------------------------------------------- */

static int from_npy(const LCtx *cx, const YNode *n, const char *field, int layout, Tensor *out)
{
    if (n->value[0] == '\0')
        return lwant(cx, n, field, "a nested list, a .npy path or a generator");
    size_t len = strlen(cx->dir) + strlen(n->value) + 2;
    char *full = malloc(len);
    if (!full)
        return lfail(cx, n, TC_ERR_NOMEM, "out of memory");
    if (n->value[0] == '/')
        snprintf(full, len, "%s", n->value);
    else
        snprintf(full, len, "%s/%s", cx->dir, n->value);
    NpyArray a = {0};
    /* the limit is checked from the .npy header, before any data is read */
    int rc = array_file_read_at_most(full, LESSON_MAX_ELEMS, &a, cx->err);
    free(full);
    if (rc >= 0) {
        int dims[4] = {1, 1, 1, 1};
        size_t count = 1;
        for (int i = 0; i < a.ndim; i++)
            count *= (size_t)a.shape[i];
        if (count > LESSON_MAX_ELEMS) {
            npy_free(&a);
            return lfail(cx, n, TC_ERR_LIMIT, "%s has %zu values, more than the %zu a lesson may hold",
                         field, count, LESSON_MAX_ELEMS);
        }
        int rank = layout < 0 ? 1 : a.ndim;
        if (layout < 0)
            dims[0] = (int)count; /* a bias of any shape is its values, flattened */
        else
            for (int i = 0; i < a.ndim && i < 4; i++)
                dims[i] = a.shape[i];
        float *data = a.data;
        a.data = NULL;
        npy_free(&a);
        if (rank > 4) {
            free(data);
            return lfail(cx, n, TC_ERR_SHAPE, "%s: %s has %d dimensions, expected 2 or 4", field,
                         n->value, rank);
        }
        return shape_tensor(cx, n, field, layout, rank, dims, data, out);
    }
    char msg[ERR_MSG_MAX];
    snprintf(msg, sizeof msg, "%s", cx->err->msg);
    return lfail(cx, n, cx->err->code, "%s: %s", field, msg);
}

/* ---- generators ----------------------------------------------------------------- */

/* picture: rows of '.' (0) and digits 0-9, all the same length. */
static int from_picture(const LCtx *cx, const YNode *pic, const char *field, int layout,
                        Tensor *out)
{
    char f[128];
    snprintf(f, sizeof f, "%.100s.picture", field);
    if (pic->kind != YN_SEQ || pic->count == 0)
        return lwant(cx, pic, f, "a list of text rows of '.' and digits");
    int rows = pic->count;
    int cols = pic->items[0]->kind == YN_SCALAR ? (int)strlen(pic->items[0]->value) : 0;
    if ((size_t)rows * (size_t)(cols > 0 ? cols : 1) > LESSON_MAX_ELEMS)
        return lfail(cx, pic, TC_ERR_LIMIT, "%s has more than %zu values, the limit for a lesson",
                     f, LESSON_MAX_ELEMS);
    float *data = malloc((size_t)rows * (size_t)(cols > 0 ? cols : 1) * sizeof(float));
    if (!data)
        return lfail(cx, pic, TC_ERR_NOMEM, "out of memory");
    for (int r = 0; r < rows; r++) {
        const YNode *row = pic->items[r];
        char fr[140];
        snprintf(fr, sizeof fr, "%.120s[%d]", f, r);
        if (row->kind != YN_SCALAR || strlen(row->value) == 0) {
            free(data);
            return lwant(cx, row, fr, "a text row of '.' and digits");
        }
        if ((int)strlen(row->value) != cols) {
            free(data);
            return lfail(cx, row, TC_ERR_SHAPE, "%s has %zu character%s, expected %d like row 0",
                         fr, strlen(row->value), strlen(row->value) == 1 ? "" : "s", cols);
        }
        for (int c = 0; c < cols; c++) {
            char ch = row->value[c];
            if (ch != '.' && (ch < '0' || ch > '9')) {
                free(data);
                return lfail(cx, row, TC_ERR_FORMAT,
                             "%s has '%c' at character %d, expected '.' or a digit 0-9", fr, ch,
                             c + 1);
            }
            data[(size_t)r * cols + c] = ch == '.' ? 0.0f : (float)(ch - '0');
        }
    }
    return shape_tensor(cx, pic, field, layout, 2, (int[4]){rows, cols, 1, 1}, data, out);
}

/* shape + cycle: the cycle's values repeated in C order over the shape. */
static int from_cycle(const LCtx *cx, const YNode *g, const char *field, int layout, Tensor *out)
{
    const YNode *shape = ymap_get(g, "shape"), *cyc = ymap_get(g, "cycle");
    char fs[128], fc[128];
    snprintf(fs, sizeof fs, "%.100s.shape", field);
    snprintf(fc, sizeof fc, "%.100s.cycle", field);
    if (!shape)
        return lfail(cx, g, TC_ERR_FORMAT, "%s needs 'shape' with 'cycle'", field);
    int want = layout < 0 ? 1 : shape->kind == YN_SEQ && shape->count == 2 ? 2 : 4;
    int dims[4] = {1, 1, 1, 1};
    if (lget_ints(cx, shape, fs, want, 1, TENSOR_MAX_DIM, dims) != 0)
        return -1;
    size_t count = 1;
    for (int i = 0; i < want; i++) {
        count *= (size_t)dims[i];
        if (count > LESSON_MAX_ELEMS)
            return lfail(cx, shape, TC_ERR_LIMIT, "%s has more than %zu values, the limit for a lesson",
                         fs, LESSON_MAX_ELEMS);
    }
    int rank;
    int cdims[4];
    float *vals;
    if (lesson_nested_list(cx, cyc, fc, &rank, cdims, &vals) != 0)
        return -1;
    if (rank != 1) {
        free(vals);
        return lwant(cx, cyc, fc, "a flat list of numbers");
    }
    float *data = malloc(count * sizeof(float));
    if (!data) {
        free(vals);
        return lfail(cx, g, TC_ERR_NOMEM, "out of memory");
    }
    for (size_t i = 0; i < count; i++)
        data[i] = vals[i % (size_t)cdims[0]];
    free(vals);
    return shape_tensor(cx, shape, field, layout, want, dims, data, out);
}

/* activations_of: conv2d(image, the lesson's filter) with the layer's own
 * parameters: what a forward layer hands to the transposed one. */
static int from_activations(const LCtx *cx, const YNode *g, const YNode *img, const char *field,
                            int layout, const TensorEnv *env, Tensor *out)
{
    char f[128];
    snprintf(f, sizeof f, "%.100s.activations_of", field);
    if (layout < 0 || !layout_is_data((Layout)(layout & ~LESSON_LAYOUT_1D)) || !env ||
        !env->spec || env->spec->op != OP_CONV2D_TRANSPOSE)
        return lfail(cx, g, TC_ERR_FORMAT,
                     "%s applies to the input of a conv2d_transpose lesson only", f);
    if (!env->filter || !env->filter->data)
        return lfail(cx, g, TC_ERR_FORMAT, "%s needs tensors.filter", f);
    Tensor image = {0};
    if (lesson_parse_tensor(cx, img, f, layout, NULL, &image) != 0)
        return -1;
    /* The transposed conv's filter (HWOI / IOHW) is the forward conv's
     * filter (HWIO / OIHW): the same memory, read with the other label. */
    Tensor fwd = *env->filter;
    fwd.layout = layer_filter_layout(env->spec->params.convention, OP_CONV2D);
    LayerSpec spec = {.op = OP_CONV2D, .params = env->spec->params};
    spec.params.output_padding[0] = spec.params.output_padding[1] = 0;
    LayerTensors lt = {.input = &image, .filter = &fwd};
    int rc = layer_run(&spec, &lt, out, cx->err);
    tensor_free(&image);
    if (rc != 0) {
        char msg[ERR_MSG_MAX];
        snprintf(msg, sizeof msg, "%s", cx->err->msg);
        return lfail(cx, g, cx->err->code, "%s: conv2d of the image is refused: %s", f, msg);
    }
    return 0;
}

int lesson_parse_tensor(const LCtx *cx, const YNode *n, const char *field, int layout,
                        const TensorEnv *env, Tensor *out)
{
    static const char *const gen_keys[] = {"picture", "shape", "cycle", "activations_of", NULL};
    memset(out, 0, sizeof *out);
    if (n->kind == YN_SCALAR)
        return from_npy(cx, n, field, layout, out);
    if (n->kind == YN_SEQ) {
        int rank, dims[4];
        float *data;
        if (lesson_nested_list(cx, n, field, &rank, dims, &data) != 0)
            return -1;
        return shape_tensor(cx, n, field, layout, rank, dims, data, out);
    }
    if (lkeys(cx, n, field, gen_keys) != 0)
        return -1;
    const YNode *pic = ymap_get(n, "picture"), *cyc = ymap_get(n, "cycle"),
                *act = ymap_get(n, "activations_of");
    if ((pic != NULL) + (cyc != NULL) + (act != NULL) != 1)
        return lfail(cx, n, TC_ERR_FORMAT,
                     "%s must give one of picture, cycle (with shape) or activations_of", field);
    if (!cyc && ymap_get(n, "shape"))
        return lfail(cx, ymap_get(n, "shape"), TC_ERR_FORMAT, "%s.shape goes with cycle only",
                     field);
    if (pic)
        return layout < 0 ? lfail(cx, n, TC_ERR_FORMAT, "%s cannot be a picture", field)
                          : from_picture(cx, pic, field, layout, out);
    if (cyc)
        return from_cycle(cx, n, field, layout, out);
    return from_activations(cx, n, act, field, layout, env, out);
}
