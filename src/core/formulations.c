/* formulations.c - conv2d_transpose as an ordinary stride-1 conv2d, built
 * from explicit steps (zero insertion, padding, rot180, in/out swap) so the
 * views can show each intermediate tensor. It reuses op_conv2d for the final
 * stride-1 conv: the point of the equivalence is that nothing new is needed.
 * The matrix form is in formulations_matrix.c. */
#include "formulations.h"

#include <stdlib.h>
#include <string.h>

#include "ops.h"

void form_zero_insert(const float *x, int nc, int h, int w, int sh, int sw, float *out)
{
    int zh = (h - 1) * sh + 1, zw = (w - 1) * sw + 1;
    memset(out, 0, (size_t)nc * zh * zw * sizeof(float));
    for (int c = 0; c < nc; c++)
        for (int i = 0; i < h; i++)
            for (int j = 0; j < w; j++)
                out[((size_t)c * zh + (size_t)i * sh) * zw + (size_t)j * sw] =
                    x[((size_t)c * h + i) * w + j];
}

void form_pad(const float *x, int nc, int h, int w, const int pad[4], float *out)
{
    int ph = h + pad[0] + pad[1], pw = w + pad[2] + pad[3];
    for (int c = 0; c < nc; c++)
        for (int y = 0; y < ph; y++)
            for (int z = 0; z < pw; z++) {
                int sy = y - pad[0], sz = z - pad[2];
                out[((size_t)c * ph + y) * pw + z] =
                    sy >= 0 && sy < h && sz >= 0 && sz < w ? x[((size_t)c * h + sy) * w + sz]
                                                           : 0.0f;
            }
}

void form_rot180(const float *w, int slices, int kh, int kw, float *out)
{
    for (int s = 0; s < slices; s++)
        for (int a = 0; a < kh; a++)
            for (int b = 0; b < kw; b++)
                out[((size_t)s * kh + a) * kw + b] =
                    w[((size_t)s * kh + (kh - 1 - a)) * kw + (kw - 1 - b)];
}

void form_swap_io(const float *w, int ci, int co, int groups, int kh, int kw, float *out)
{
    int ci_g = ci / groups, co_g = co / groups;
    size_t plane = (size_t)kh * kw;
    for (int grp = 0; grp < groups; grp++)
        for (int i = 0; i < ci_g; i++)
            for (int j = 0; j < co_g; j++)
                memcpy(out + ((size_t)(grp * co_g + j) * ci_g + i) * plane,
                       w + ((size_t)(grp * ci_g + i) * co_g + j) * plane, plane * sizeof(float));
}

void form_equiv_padding(const ConvGeom *g, int pad[4])
{
    pad[0] = g->h.k_eff - 1 - g->h.pad_before;
    pad[1] = g->h.k_eff - 1 - g->h.crop_after;
    pad[2] = g->w.k_eff - 1 - g->w.pad_before;
    pad[3] = g->w.k_eff - 1 - g->w.crop_after;
}

static void equiv_axis(const AxisGeom *a, int before, int after, AxisGeom *e)
{
    memset(e, 0, sizeof *e);
    e->k = a->k;
    e->stride = 1;
    e->dil = a->dil;
    e->k_eff = a->k_eff;
    e->conv_in = (a->conv_out - 1) * a->stride + 1 + before + after;
    e->conv_out = e->conv_in - e->k_eff + 1;
    e->full = e->conv_in;
    e->crop_after = 0;
}

void form_equiv_geom(const ConvGeom *g, ConvGeom *eq)
{
    int pad[4];
    form_equiv_padding(g, pad);
    equiv_axis(&g->h, pad[0], pad[1], &eq->h);
    equiv_axis(&g->w, pad[2], pad[3], &eq->w);
    eq->n = g->n;
    eq->c_conv_in = g->c_conv_out;
    eq->c_conv_out = g->c_conv_in;
    eq->groups = g->groups;
    TC_ASSERT(eq->h.conv_out == g->h.conv_in && eq->w.conv_out == g->w.conv_in);
}

void equiv_free(EquivConv *e)
{
    free(e->zero_inserted);
    free(e->padded);
    free(e->kernel);
    free(e->output);
    free(e->bias);
    memset(e, 0, sizeof *e);
}

int equiv_init(EquivConv *e, const ConvGeom *g, const float *x, const float *w,
               const float *bias, Err *err)
{
    memset(e, 0, sizeof *e);
    e->g = *g;
    form_equiv_padding(g, e->pad);
    form_equiv_geom(g, &e->eq);
    e->zh = (g->h.conv_out - 1) * g->h.stride + 1;
    e->zw = (g->w.conv_out - 1) * g->w.stride + 1;
    int nc = g->n * g->c_conv_out;
    size_t wcount = geom_weight_count(g);
    float *swapped = NULL;

    e->zero_inserted = malloc((size_t)nc * e->zh * e->zw * sizeof(float));
    e->padded = malloc((size_t)nc * e->eq.h.conv_in * e->eq.w.conv_in * sizeof(float));
    e->kernel = malloc(wcount * sizeof(float));
    e->output = malloc(geom_big_count(g) * sizeof(float));
    swapped = malloc(wcount * sizeof(float));
    if (bias) {
        e->bias = malloc((size_t)g->c_conv_in * sizeof(float));
        if (e->bias)
            memcpy(e->bias, bias, (size_t)g->c_conv_in * sizeof(float));
    }
    if (!e->zero_inserted || !e->padded || !e->kernel || !e->output || !swapped ||
        (bias && !e->bias)) {
        err_fail(err, TC_ERR_NOMEM, "out of memory for the conv2d-equivalent");
        goto fail;
    }

    /* The steps, in the order the view plays them. */
    form_zero_insert(x, nc, g->h.conv_out, g->w.conv_out, g->h.stride, g->w.stride,
                     e->zero_inserted);
    form_pad(e->zero_inserted, nc, e->zh, e->zw, e->pad, e->padded);
    form_swap_io(w, g->c_conv_out, g->c_conv_in, g->groups, g->h.k, g->w.k, swapped);
    form_rot180(swapped, g->c_conv_in * (g->c_conv_out / g->groups), g->h.k, g->w.k, e->kernel);
    op_conv2d(&e->eq, e->padded, e->kernel, e->bias, e->output);
    free(swapped);
    return 0;
fail:
    free(swapped);
    equiv_free(e);
    return -1;
}

int form_transpose_by_conv2d(const ConvGeom *g, const float *x, const float *w,
                             const float *bias, float *y, Err *err)
{
    EquivConv e;
    if (equiv_init(&e, g, x, w, bias, err) != 0)
        return -1;
    memcpy(y, e.output, geom_big_count(g) * sizeof(float));
    equiv_free(&e);
    return 0;
}
