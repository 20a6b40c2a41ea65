/* lesson_grad.c - the gradients of a conv2d, each by more than one road, for
 * the lesson on the four related functions:
 *
 *   d_input  = conv2d_backprop_input(input size, w, d_out)
 *            = conv2d_transpose(d_out, w)                  (the same memory)
 *            = conv2d(pad_full(zero_insert(d_out)), rot180(w))
 *   d_filter = conv2d_backprop_filter(x, filter size, d_out)
 *            = conv2d(x, d_out) with batch and channels swapped, the stride
 *              acting as the dilation (the source question's "method 2")
 */
#include <stdlib.h>
#include <string.h>

#include "core/formulations.h"
#include "core/ops.h"
#include "course/lesson_routes.h"

const char *const route_d_input_names[ROUTE_D_INPUT_COUNT] = {
    "conv2d_backprop_input", "conv2d_transpose", "conv2d of the padded d_out"};
const char *const route_d_filter_names[ROUTE_D_FILTER_COUNT] = {"conv2d_backprop_filter",
                                                                "conv2d of x with d_out"};

int route_d_input(int route, const LayerSpec *spec, const LayerTensors *t, Tensor *out, Err *err)
{
    memset(out, 0, sizeof *out);
    if (route == 0) {
        LayerSpec bi = {.op = OP_BACKPROP_INPUT, .params = spec->params};
        memcpy(bi.size, t->input->dim, sizeof bi.size);
        LayerTensors lt = {.filter = t->filter, .d_out = t->d_out};
        return layer_run(&bi, &lt, out, err);
    }
    LayerSpec ts;
    Tensor in, f;
    if (lesson_transpose_of(spec, t, &ts, &in, &f, err) != 0)
        return -1;
    LayerTensors tt = {.input = &in, .filter = &f};
    if (route == 1)
        return layer_run(&ts, &tt, out, err);
    LayerPrelude c;
    if (layer_prelude_init(&c, &ts, &tt, 0, err) != 0)
        return -1;
    float *y = calloc(geom_big_count(&c.g), sizeof(float));
    int rc = y ? form_transpose_by_conv2d(&c.g, c.x.data, c.w.data, NULL, y, err)
               : err_fail(err, TC_ERR_NOMEM, "out of memory");
    Tensor canon = {0};
    if (rc == 0)
        rc = tensor_init_from(&canon, LAYOUT_NCHW,
                              (int[4]){c.g.n, c.g.c_conv_in, c.g.h.conv_in, c.g.w.conv_in}, y,
                              err);
    if (rc == 0)
        rc = tensor_convert(&canon, t->input->layout, out, err);
    tensor_free(&canon);
    free(y);
    layer_prelude_free(&c);
    return rc;
}

/* [A, B, h, w] -> [B, A, h, w]. */
static void swap01(const float *src, int a, int b, size_t plane, float *dst)
{
    for (int i = 0; i < a; i++)
        for (int j = 0; j < b; j++)
            memcpy(dst + ((size_t)j * a + i) * plane, src + ((size_t)i * b + j) * plane,
                   plane * sizeof(float));
}

/* d_filter as a conv2d of the input with d_out as the kernel: the batch
 * becomes the channel that is summed over, the forward stride spaces the
 * kernel taps (a dilation), and the forward dilation strides. */
static int by_conv2d(const LayerSpec *spec, const LayerTensors *t, Tensor *out, Err *err)
{
    LayerPrelude c;
    Tensor dy = {0};
    LayerTensors lt = {.input = t->input, .filter = t->filter};
    if (layer_prelude_init(&c, spec, &lt, 0, err) != 0)
        return -1;
    const ConvGeom *g = &c.g;
    int rc = g->groups == 1 ? layer_to_canonical(t->d_out, &dy, err)
                            : err_fail(err, TC_ERR_ARG, "the conv2d route needs groups=1");
    int N = g->n, ci = g->c_conv_in, co = g->c_conv_out;
    int H = g->h.conv_in, W = g->w.conv_in, h = g->h.conv_out, w = g->w.conv_out;
    ConvParams p = {.convention = CONV_TF,
                    .stride = {g->h.dil, g->w.dil},
                    .dilation = {g->h.stride, g->w.stride},
                    .padding = PAD_EXPLICIT,
                    .pad = {g->h.pad_before, g->h.pad_after, g->w.pad_before, g->w.pad_after}};
    ConvGeom g2;
    float *xt = NULL, *dyt = NULL, *y = NULL;
    if (rc == 0)
        rc = geom_conv2d(&p, (int[4]){ci, N, H, W}, co, h, w, &g2, err);
    if (rc == 0) {
        xt = malloc((size_t)N * ci * H * W * sizeof(float));
        dyt = malloc((size_t)N * co * h * w * sizeof(float));
        y = malloc((size_t)ci * co * g2.h.conv_out * g2.w.conv_out * sizeof(float));
        if (!xt || !dyt || !y)
            rc = err_fail(err, TC_ERR_NOMEM, "out of memory");
    }
    Tensor dw = {0};
    if (rc == 0)
        rc = tensor_init(&dw, LAYOUT_OIHW, (int[4]){co, ci, g->h.k, g->w.k}, err);
    if (rc == 0) {
        swap01(c.x.data, N, ci, (size_t)H * W, xt);
        swap01(dy.data, N, co, (size_t)h * w, dyt);
        op_conv2d(&g2, xt, dyt, NULL, y); /* [ci, co, oh, ow]; oh >= kh */
        int oh = g2.h.conv_out, ow = g2.w.conv_out;
        for (int o = 0; o < co; o++)
            for (int i = 0; i < ci; i++)
                for (int a = 0; a < g->h.k; a++)
                    for (int b = 0; b < g->w.k; b++)
                        dw.data[(((size_t)o * ci + i) * g->h.k + a) * g->w.k + b] =
                            y[(((size_t)i * co + o) * oh + a) * ow + b];
        rc = tensor_convert(&dw, t->filter->layout, out, err);
    }
    free(xt);
    free(dyt);
    free(y);
    tensor_free(&dw);
    tensor_free(&dy);
    layer_prelude_free(&c);
    return rc;
}

int route_d_filter(int route, const LayerSpec *spec, const LayerTensors *t, Tensor *out, Err *err)
{
    memset(out, 0, sizeof *out);
    if (route == 1)
        return by_conv2d(spec, t, out, err);
    LayerSpec bf = {.op = OP_BACKPROP_FILTER, .params = spec->params};
    memcpy(bf.size, t->filter->dim, sizeof bf.size);
    LayerTensors lt = {.input = t->input, .d_out = t->d_out};
    return layer_run(&bf, &lt, out, err);
}
