/* ops.c - naive reference kernels: each is the textbook definition, written
 * for clarity, not speed; the formulations and traces are checked against
 * these, and these against the framework reference cases. */
#include "ops.h"

#include <stdlib.h>
#include <string.h>

size_t geom_big_count(const ConvGeom *g)
{
    return (size_t)g->n * g->c_conv_in * g->h.conv_in * g->w.conv_in;
}

size_t geom_small_count(const ConvGeom *g)
{
    return (size_t)g->n * g->c_conv_out * g->h.conv_out * g->w.conv_out;
}

size_t geom_weight_count(const ConvGeom *g)
{
    return (size_t)g->c_conv_out * (g->c_conv_in / g->groups) * g->h.k * g->w.k;
}

size_t geom_full_count(const ConvGeom *g)
{
    return (size_t)g->n * g->c_conv_in * g->h.full * g->w.full;
}

float op_conv2d_at(const ConvGeom *g, const float *x, const float *w, int n, int co, int oy,
                   int ox, float acc)
{
    const AxisGeom *ah = &g->h, *aw = &g->w;
    int cb_g = g->c_conv_in / g->groups, cs_g = g->c_conv_out / g->groups;
    int c0 = (co / cs_g) * cb_g; /* first input channel of co's group */
    for (int ci = 0; ci < cb_g; ci++)
        for (int a = 0; a < ah->k; a++) {
            int iy = oy * ah->stride + a * ah->dil - ah->pad_before;
            if (iy < 0 || iy >= ah->conv_in)
                continue;
            for (int b = 0; b < aw->k; b++) {
                int ix = ox * aw->stride + b * aw->dil - aw->pad_before;
                if (ix < 0 || ix >= aw->conv_in)
                    continue;
                acc += x[(((size_t)n * g->c_conv_in + c0 + ci) * ah->conv_in + iy) * aw->conv_in +
                         ix] *
                       w[(((size_t)co * cb_g + ci) * ah->k + a) * aw->k + b];
            }
        }
    return acc;
}

void op_conv2d(const ConvGeom *g, const float *x, const float *w, const float *bias, float *y)
{
    const AxisGeom *ah = &g->h, *aw = &g->w;
    for (int n = 0; n < g->n; n++)
        for (int co = 0; co < g->c_conv_out; co++)
            for (int oy = 0; oy < ah->conv_out; oy++)
                for (int ox = 0; ox < aw->conv_out; ox++)
                    y[(((size_t)n * g->c_conv_out + co) * ah->conv_out + oy) * aw->conv_out + ox] =
                        op_conv2d_at(g, x, w, n, co, oy, ox, bias ? bias[co] : 0.0f);
}

void op_scatter_full(const ConvGeom *g, const float *x, const float *w, float *full)
{
    const AxisGeom *ah = &g->h, *aw = &g->w;
    int cb_g = g->c_conv_in / g->groups, cs_g = g->c_conv_out / g->groups;
    memset(full, 0, geom_full_count(g) * sizeof(float));
    for (int n = 0; n < g->n; n++)
        for (int ci = 0; ci < g->c_conv_out; ci++) {
            int c0 = (ci / cs_g) * cb_g; /* first output channel ci feeds */
            for (int i = 0; i < ah->conv_out; i++)
                for (int j = 0; j < aw->conv_out; j++) {
                    float v = x[(((size_t)n * g->c_conv_out + ci) * ah->conv_out + i) *
                                    aw->conv_out + j];
                    for (int co = 0; co < cb_g; co++) {
                        float *canvas =
                            full + ((size_t)n * g->c_conv_in + c0 + co) * ah->full * aw->full;
                        const float *k = w + ((size_t)ci * cb_g + co) * ah->k * aw->k;
                        for (int a = 0; a < ah->k; a++)
                            for (int b = 0; b < aw->k; b++)
                                canvas[(size_t)(i * ah->stride + a * ah->dil) * aw->full +
                                       j * aw->stride + b * aw->dil] += v * k[a * aw->k + b];
                    }
                }
        }
}

void op_crop_full(const ConvGeom *g, const float *full, float *y)
{
    const AxisGeom *ah = &g->h, *aw = &g->w;
    for (int nc = 0; nc < g->n * g->c_conv_in; nc++) {
        const float *src = full + (size_t)nc * ah->full * aw->full;
        float *dst = y + (size_t)nc * ah->conv_in * aw->conv_in;
        for (int oy = 0; oy < ah->conv_in; oy++)
            for (int ox = 0; ox < aw->conv_in; ox++) {
                int fy = oy + ah->pad_before, fx = ox + aw->pad_before;
                dst[(size_t)oy * aw->conv_in + ox] =
                    fy < ah->full && fx < aw->full ? src[(size_t)fy * aw->full + fx] : 0.0f;
            }
    }
}

static void add_bias(const ConvGeom *g, const float *bias, float *y)
{
    size_t plane = (size_t)g->h.conv_in * g->w.conv_in;
    for (int n = 0; n < g->n; n++)
        for (int c = 0; c < g->c_conv_in; c++) {
            float *p = y + ((size_t)n * g->c_conv_in + c) * plane;
            for (size_t i = 0; i < plane; i++)
                p[i] += bias[c];
        }
}

int op_conv2d_transpose(const ConvGeom *g, const float *x, const float *w, const float *bias,
                        float *y, Err *err)
{
    size_t count = geom_full_count(g);
    float *full = malloc((count ? count : 1) * sizeof(float)); /* an empty input: 0 */
    if (!full)
        return err_fail(err, TC_ERR_NOMEM, "out of memory for the %dx%d scatter canvas",
                        g->h.full, g->w.full);
    op_scatter_full(g, x, w, full);
    op_crop_full(g, full, y);
    free(full);
    if (bias)
        add_bias(g, bias, y);
    return 0;
}

void op_conv2d_backprop_input(const ConvGeom *g, const float *w, const float *dy, float *dx)
{
    const AxisGeom *ah = &g->h, *aw = &g->w;
    int cb_g = g->c_conv_in / g->groups, cs_g = g->c_conv_out / g->groups;
    for (int n = 0; n < g->n; n++)
        for (int cb = 0; cb < g->c_conv_in; cb++) {
            int grp = cb / cb_g, cl = cb % cb_g;
            for (int iy = 0; iy < ah->conv_in; iy++)
                for (int ix = 0; ix < aw->conv_in; ix++) {
                    /* x[iy] was read by output oy through tap a when
                     * oy*s + a*d - pad = iy. */
                    float acc = 0.0f;
                    for (int a = 0; a < ah->k; a++) {
                        int ty = iy + ah->pad_before - a * ah->dil;
                        if (ty < 0 || ty % ah->stride)
                            continue;
                        int oy = ty / ah->stride;
                        if (oy >= ah->conv_out)
                            continue;
                        for (int b = 0; b < aw->k; b++) {
                            int tx = ix + aw->pad_before - b * aw->dil;
                            if (tx < 0 || tx % aw->stride)
                                continue;
                            int ox = tx / aw->stride;
                            if (ox >= aw->conv_out)
                                continue;
                            for (int co = grp * cs_g; co < (grp + 1) * cs_g; co++)
                                acc += dy[(((size_t)n * g->c_conv_out + co) * ah->conv_out + oy) *
                                              aw->conv_out + ox] *
                                       w[(((size_t)co * cb_g + cl) * ah->k + a) * aw->k + b];
                        }
                    }
                    dx[(((size_t)n * g->c_conv_in + cb) * ah->conv_in + iy) * aw->conv_in + ix] =
                        acc;
                }
        }
}

void op_conv2d_backprop_filter(const ConvGeom *g, const float *x, const float *dy, float *dw)
{
    const AxisGeom *ah = &g->h, *aw = &g->w;
    int cb_g = g->c_conv_in / g->groups, cs_g = g->c_conv_out / g->groups;
    for (int co = 0; co < g->c_conv_out; co++) {
        int c0 = (co / cs_g) * cb_g;
        for (int ci = 0; ci < cb_g; ci++)
            for (int a = 0; a < ah->k; a++)
                for (int b = 0; b < aw->k; b++) {
                    float acc = 0.0f;
                    for (int n = 0; n < g->n; n++)
                        for (int oy = 0; oy < ah->conv_out; oy++) {
                            int iy = oy * ah->stride + a * ah->dil - ah->pad_before;
                            if (iy < 0 || iy >= ah->conv_in)
                                continue;
                            for (int ox = 0; ox < aw->conv_out; ox++) {
                                int ix = ox * aw->stride + b * aw->dil - aw->pad_before;
                                if (ix < 0 || ix >= aw->conv_in)
                                    continue;
                                acc += x[(((size_t)n * g->c_conv_in + c0 + ci) * ah->conv_in + iy) *
                                             aw->conv_in + ix] *
                                       dy[(((size_t)n * g->c_conv_out + co) * ah->conv_out + oy) *
                                              aw->conv_out + ox];
                            }
                        }
                    dw[(((size_t)co * cb_g + ci) * ah->k + a) * aw->k + b] = acc;
                }
    }
}
