/* lesson_routes.c - the other ways of computing what a lesson claims, so a
 * claim like "conv2d_transpose equals conv2d_backprop_input" is checked by
 * actually taking both roads.
 *
 * Each route builds its result from the layer's tensors through a different
 * part of the core (the conv2d-equivalent, the matrix form, the gradient
 * ops, per-group layers, the fixed upsamplers of core/upsample.h).
 * Results come back in the layout the claim compares in. */
#include "course/lesson_routes.h"

#include <stdlib.h>
#include <string.h>

#include "core/formulations.h"
#include "core/ops.h"
#include "core/trace.h"
#include "core/upsample.h"

/* Wrap a canonical NCHW result [n, c, h, w] as a tensor in `layout`. */
static int finish(const float *data, const int nchw[4], Layout layout, Tensor *out, Err *err)
{
    Tensor y = {0};
    if (tensor_init_from(&y, LAYOUT_NCHW, nchw, data, err) != 0)
        return -1;
    int rc = layout == LAYOUT_NCHW ? (*out = y, 0) : tensor_convert(&y, layout, out, err);
    if (layout != LAYOUT_NCHW)
        tensor_free(&y);
    return rc;
}

static int big_result(const ConvGeom *g, float *y, Layout layout, Tensor *out, Err *err)
{
    int nchw[4] = {g->n, g->c_conv_in, g->h.conv_in, g->w.conv_in};
    int rc = finish(y, nchw, layout, out, err);
    free(y);
    return rc;
}

static float *alloc_floats(size_t n, Err *err)
{
    float *p = calloc(n ? n : 1, sizeof(float));
    if (!p)
        err_fail(err, TC_ERR_NOMEM, "out of memory");
    return p;
}

/* ---- transposed conv by other roads -------------------------------------------- */

static int by_formulation(const LayerPrelude *c, int matrix, Layout layout, Tensor *out,
                          Err *err)
{
    float *y = alloc_floats(geom_big_count(&c->g), err);
    if (!y)
        return -1;
    int rc = matrix ? form_transpose_by_matrix(&c->g, c->x.data, c->w.data, c->bias, y, err)
                    : form_transpose_by_conv2d(&c->g, c->x.data, c->w.data, c->bias, y, err);
    if (rc != 0) {
        free(y);
        return -1;
    }
    return big_result(&c->g, y, layout, out, err);
}

/* conv2d_backprop_input(output size, the same filter read as HWIO/OIHW,
 * d_out = the transposed conv's input). */
static int by_backprop_input(const LayerSpec *spec, const LayerTensors *t, const int out_dim[4],
                             Tensor *out, Err *err)
{
    LayerSpec bi = {.op = OP_BACKPROP_INPUT, .params = spec->params};
    bi.params.output_padding[0] = bi.params.output_padding[1] = 0;
    memcpy(bi.size, out_dim, sizeof bi.size);
    Tensor f = *t->filter;
    f.layout = layer_filter_layout(spec->params.convention, OP_CONV2D);
    LayerTensors lt = {.filter = &f, .d_out = t->input};
    return layer_run(&bi, &lt, out, err);
}

/* The fixed upsamplers of core/upsample.h, from the layer's input size to
 * its output size, channel by channel. */
static int by_resize(const LayerPrelude *c, int bilinear, Layout layout, Tensor *out, Err *err)
{
    const ConvGeom *g = &c->g;
    if (g->c_conv_in != g->c_conv_out)
        return err_fail(err, TC_ERR_SHAPE,
                        "a resize keeps the %d channels, but the layer makes %d", g->c_conv_out,
                        g->c_conv_in);
    float *y = alloc_floats(geom_big_count(g), err);
    if (!y)
        return -1;
    int planes = g->n * g->c_conv_in;
    if (bilinear)
        upsample_bilinear(c->x.data, planes, g->h.conv_out, g->w.conv_out, g->h.conv_in,
                          g->w.conv_in, y);
    else
        upsample_nearest(c->x.data, planes, g->h.conv_out, g->w.conv_out, g->h.conv_in,
                         g->w.conv_in, y);
    return big_result(g, y, layout, out, err);
}

/* PyTorch groups: one groups=1 layer per group on its slice of channels,
 * the results stacked. */
static int by_groups(const LayerSpec *spec, const LayerPrelude *c, Layout layout, Tensor *out,
                     Err *err)
{
    const ConvGeom *g = &c->g;
    int G = g->groups, cs = g->c_conv_out / G, cb = g->c_conv_in / G;
    int h = g->h.conv_out, w = g->w.conv_out, H = g->h.conv_in, W = g->w.conv_in;
    size_t kk = (size_t)g->h.k * g->w.k;
    float *y = alloc_floats(geom_big_count(g), err);
    if (!y)
        return -1;
    LayerSpec one = *spec;
    one.params.groups = 1;
    one.size[1] = spec->size[1] ? cb : 0;
    for (int gi = 0; gi < G; gi++) {
        Tensor xi = {0}, wi = {0}, bi = {0}, yi = {0};
        int rc = tensor_init(&xi, LAYOUT_NCHW, (int[4]){g->n, cs, h, w}, err);
        rc = rc ? rc : tensor_init_from(&wi, LAYOUT_IOHW, (int[4]){cs, cb, g->h.k, g->w.k},
                                        c->w.data + (size_t)gi * cs * cb * kk, err);
        if (rc == 0 && c->bias)
            rc = tensor_init_from(&bi, LAYOUT_NCHW, (int[4]){cb, 1, 1, 1}, c->bias + gi * cb, err);
        if (rc == 0) {
            for (int n = 0; n < g->n; n++)
                memcpy(xi.data + (size_t)n * cs * h * w,
                       c->x.data + ((size_t)n * g->c_conv_out + (size_t)gi * cs) * h * w,
                       (size_t)cs * h * w * sizeof(float));
            LayerTensors lt = {.input = &xi, .filter = &wi, .bias = c->bias ? &bi : NULL};
            rc = layer_run(&one, &lt, &yi, err);
        }
        if (rc == 0)
            for (int n = 0; n < g->n; n++)
                memcpy(y + ((size_t)n * g->c_conv_in + (size_t)gi * cb) * H * W,
                       yi.data + (size_t)n * cb * H * W, (size_t)cb * H * W * sizeof(float));
        tensor_free(&xi);
        tensor_free(&wi);
        tensor_free(&bi);
        tensor_free(&yi);
        if (rc != 0) {
            free(y);
            return -1;
        }
    }
    return big_result(g, y, layout, out, err);
}

int route_same_as(const char *name, const LayerSpec *spec, const LayerTensors *t,
                  const Tensor *op_out, Tensor *out, Err *err)
{
    Layout layout = op_out->layout;
    memset(out, 0, sizeof *out);
    if (strcmp(name, "conv2d_backprop_input") == 0)
        return by_backprop_input(spec, t, op_out->dim, out, err);
    LayerSpec ts = *spec;
    Tensor in, f;
    LayerTensors tt = *t;
    if (spec->op != OP_CONV2D_TRANSPOSE) { /* a conv2d_backprop_input lesson */
        if (lesson_transpose_of(spec, t, &ts, &in, &f, err) != 0)
            return -1;
        tt.input = &in;
        tt.filter = &f;
        tt.d_out = NULL;
        if (strcmp(name, "conv2d_transpose") == 0)
            return layer_run(&ts, &tt, out, err);
    }
    LayerPrelude c;
    if (layer_prelude_init(&c, &ts, &tt, 0, err) != 0)
        return -1;
    int rc;
    if (strcmp(name, "conv2d") == 0 || strcmp(name, "matrix") == 0)
        rc = by_formulation(&c, name[0] == 'm', layout, out, err);
    else if (strcmp(name, "upsample_nearest") == 0 || strcmp(name, "upsample_bilinear") == 0)
        rc = by_resize(&c, name[9] == 'b', layout, out, err);
    else if (strcmp(name, "groups") == 0)
        rc = by_groups(&ts, &c, layout, out, err);
    else
        rc = err_fail(err, TC_ERR_ARG, "unknown route '%s'", name);
    layer_prelude_free(&c);
    return rc;
}

/* ---- intermediates, matrices, overlap ------------------------------------------ */

int route_intermediate(ExpectKind kind, const LayerSpec *spec, const LayerTensors *t, Tensor *out,
                       Err *err)
{
    LayerPrelude c;
    EquivConv e;
    memset(out, 0, sizeof *out);
    if (layer_prelude_init(&c, spec, t, 0, err) != 0)
        return -1;
    int rc = equiv_init(&e, &c.g, c.x.data, c.w.data, c.bias, err);
    if (rc == 0) {
        const ConvGeom *g = &c.g;
        int nc[2] = {g->n, g->c_conv_out};
        if (kind == EXPECT_ZERO_INSERTED)
            rc = tensor_init_from(out, LAYOUT_NCHW, (int[4]){nc[0], nc[1], e.zh, e.zw},
                                  e.zero_inserted, err);
        else if (kind == EXPECT_PADDED)
            rc = tensor_init_from(out, LAYOUT_NCHW,
                                  (int[4]){nc[0], nc[1], e.eq.h.conv_in, e.eq.w.conv_in},
                                  e.padded, err);
        else
            rc = tensor_init_from(out, LAYOUT_OIHW,
                                  (int[4]){g->c_conv_in, g->c_conv_out / g->groups, g->h.k,
                                           g->w.k},
                                  e.kernel, err);
        equiv_free(&e);
    }
    layer_prelude_free(&c);
    return rc;
}

int route_matrix(int transposed, const LayerSpec *spec, const LayerTensors *t, Tensor *out,
                 Err *err)
{
    LayerPrelude c;
    SparseMatrix m;
    memset(out, 0, sizeof *out);
    LayerTensors lt = *t;
    lt.d_out = NULL;
    if (layer_prelude_init(&c, spec, &lt, 0, err) != 0)
        return -1;
    int rc = transposed ? matrix_build_conv_transposed(&c.g, &m, err)
                        : matrix_build_conv(&c.g, &m, err);
    if (rc == 0) {
        if ((size_t)m.rows * (size_t)m.cols > LESSON_MAX_ELEMS)
            rc = err_fail(err, TC_ERR_LIMIT, "the matrix is %d x %d, too large to write out",
                          m.rows, m.cols);
        else
            rc = tensor_init(out, LAYOUT_NCHW, (int[4]){1, 1, m.rows, m.cols}, err);
        for (int r = 0; rc == 0 && r < m.rows; r++)
            for (size_t k = m.row_start[r]; k < m.row_start[r + 1]; k++)
                out->data[(size_t)r * m.cols + m.col[k]] = c.w.data[m.widx[k]];
        matrix_free(&m);
    }
    layer_prelude_free(&c);
    return rc;
}

int route_overlap(const LayerSpec *spec, const LayerTensors *t, Tensor *out, Err *err)
{
    ConvGeom g;
    memset(out, 0, sizeof *out);
    if (layer_resolve(spec, t, &g, err) != 0)
        return -1;
    size_t n = (size_t)g.h.conv_in * g.w.conv_in;
    int *counts = malloc(n * sizeof *counts);
    if (!counts)
        return err_fail(err, TC_ERR_NOMEM, "out of memory");
    overlap_output(&g, counts);
    int rc = tensor_init(out, LAYOUT_NCHW, (int[4]){1, 1, g.h.conv_in, g.w.conv_in}, err);
    for (size_t i = 0; rc == 0 && i < n; i++)
        out->data[i] = (float)counts[i];
    free(counts);
    return rc;
}
