/* bench_mnist.c - a digit, random 7x7 filters, and the core's conv2d of them. */
#include "app/bench_mnist.h"

#include <math.h>
#include <string.h>

#include "core/layer.h"

#define SIDE 28
#define K 7
#define FILTERS 32

/* Distance from point p to segment a-b. */
static double seg_dist(double px, double py, double ax, double ay, double bx, double by)
{
    double dx = bx - ax, dy = by - ay;
    double t = ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy);
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    double ex = ax + t * dx - px, ey = ay + t * dy - py;
    return sqrt(ex * ex + ey * ey);
}

/* A "7" of two pen strokes, 1 on the stroke fading to 0 over a pixel, the
 * way MNIST digits are antialiased. */
static void draw_seven(float *x)
{
    for (int r = 0; r < SIDE; r++)
        for (int c = 0; c < SIDE; c++) {
            double d1 = seg_dist(c, r, 7, 6, 20, 6), d2 = seg_dist(c, r, 20, 6, 11, 23);
            double d = (d1 < d2 ? d1 : d2) - 1.2;
            x[r * SIDE + c] = d <= 0 ? 1.0f : d >= 1 ? 0.0f : (float)(1 - d);
        }
}

int bench_mnist_setup(SceneSetup *setup, Err *err)
{
    memset(setup, 0, sizeof *setup);
    Tensor x = {0}, w = {0}, act = {0};
    float digit[SIDE * SIDE];
    draw_seven(digit);
    if (tensor_init_from(&x, LAYOUT_NHWC, (int[4]){1, SIDE, SIDE, 1}, digit, err) != 0 ||
        tensor_init(&w, LAYOUT_HWIO, (int[4]){K, K, 1, FILTERS}, err) != 0)
        goto fail;
    /* Fixed weights in [-0.5, 0.5) from a 32-bit LCG: the same every run. */
    unsigned state = 12345u;
    for (size_t i = 0; i < tensor_count(&w); i++) {
        state = state * 1664525u + 1013904223u;
        w.data[i] = (float)((state >> 8) / 16777216.0 - 0.5);
    }
    LayerSpec conv = {.op = OP_CONV2D,
                      .params = {.convention = CONV_TF, .stride = {1, 1}, .padding = PAD_SAME}};
    LayerTensors lt = {.input = &x, .filter = &w};
    if (layer_run(&conv, &lt, &act, err) != 0)
        goto fail;
    /* W_conv1 [7,7,1,32] is HWIO for conv2d and, read as [kh,kw,out,in],
     * the HWOI filter of the transposed conv: the same numbers. */
    w.layout = LAYOUT_HWOI;
    setup->spec = (LayerSpec){.op = OP_CONV2D_TRANSPOSE,
                              .params = {.convention = CONV_TF, .stride = {1, 1},
                                         .padding = PAD_SAME},
                              .size = {1, SIDE, SIDE, 1}};
    setup->input = act;
    setup->filter = w;
    tensor_free(&x);
    return 0;
fail:
    tensor_free(&x);
    tensor_free(&w);
    tensor_free(&act);
    return -1;
}
