/* geom_sweep.h - a deterministic sweep of conv2d_transpose geometries with
 * small-integer data, shared by the formulation and trace tests. Integer data
 * makes every formulation's result exact, so the tests compare with ==. */
#ifndef TCVIZ_TEST_GEOM_SWEEP_H
#define TCVIZ_TEST_GEOM_SWEEP_H

#include <stdlib.h>

#include "core/geom.h"
#include "core/ops.h"

typedef struct {
    Convention conv;
    PadMode pad;
    int h, w, kh, kw, s, d, p, op, n, cin, cout, groups;
    int out_extra; /* TF: offset of output size within the legal range */
} SweepCase;

static const SweepCase sweep_cases[] = {
    /* conv   pad           h  w kh kw s  d  p op n ci co g extra */
    {CONV_TF, PAD_SAME,     3, 3, 2, 2, 2, 1, 0, 0, 1, 1, 1, 1, 1},  /* the source question's */
    {CONV_TF, PAD_SAME,     3, 3, 2, 2, 2, 1, 0, 0, 1, 1, 1, 1, 0},
    {CONV_TF, PAD_VALID,    3, 5, 2, 2, 2, 1, 0, 0, 1, 1, 1, 1, 0},  /* the U-Net layer */
    {CONV_TF, PAD_SAME,     4, 3, 3, 3, 2, 1, 0, 0, 1, 2, 3, 1, 1},
    {CONV_TF, PAD_SAME,     5, 4, 4, 3, 3, 1, 0, 0, 2, 2, 1, 1, 2},
    {CONV_TF, PAD_VALID,    2, 3, 3, 2, 3, 1, 0, 0, 1, 1, 2, 1, 2},
    {CONV_TF, PAD_SAME,     3, 4, 3, 3, 2, 2, 0, 0, 1, 2, 2, 1, 0},
    {CONV_TF, PAD_VALID,    4, 4, 3, 2, 1, 2, 0, 0, 1, 3, 1, 1, 0},
    {CONV_TF, PAD_SAME,     6, 6, 7, 7, 1, 1, 0, 0, 1, 4, 1, 1, 0},
    {CONV_TORCH, PAD_EXPLICIT, 3, 3, 3, 3, 2, 1, 1, 1, 1, 2, 2, 1, 0},
    {CONV_TORCH, PAD_EXPLICIT, 4, 2, 4, 4, 2, 1, 1, 0, 2, 2, 4, 2, 0},
    {CONV_TORCH, PAD_EXPLICIT, 3, 5, 3, 2, 3, 2, 2, 2, 1, 4, 2, 2, 0},
    {CONV_TORCH, PAD_EXPLICIT, 2, 2, 2, 2, 1, 3, 0, 2, 1, 1, 1, 1, 0},
    {CONV_TORCH, PAD_EXPLICIT, 5, 5, 3, 3, 2, 1, 3, 1, 1, 1, 1, 1, 0}, /* padding > k_eff-1 */
    {CONV_TORCH, PAD_EXPLICIT, 3, 3, 5, 5, 2, 1, 0, 1, 1, 2, 2, 2, 0},
};
#define SWEEP_COUNT ((int)(sizeof sweep_cases / sizeof sweep_cases[0]))

/* Resolve case i's geometry; the TF output size is lo + out_extra, clamped. */
static int sweep_geom(int i, ConvGeom *g, Err *err)
{
    const SweepCase *c = &sweep_cases[i];
    ConvParams p = {.convention = c->conv, .stride = {c->s, c->s}, .dilation = {c->d, c->d},
                    .padding = c->pad, .groups = c->groups};
    int in[4] = {c->n, c->cin, c->h, c->w};
    if (c->conv == CONV_TORCH) {
        p.pad[0] = p.pad[1] = p.pad[2] = p.pad[3] = c->p;
        p.output_padding[0] = p.output_padding[1] = c->op;
        return geom_conv2d_transpose(&p, in, c->cout, c->kh, c->kw, NULL, g, err);
    }
    int out[2];
    for (int a = 0; a < 2; a++) {
        int lo, hi;
        geom_tf_legal_range(&p, a, in[2 + a], a ? c->kw : c->kh, &lo, &hi);
        out[a] = lo + c->out_extra > hi ? hi : lo + c->out_extra;
    }
    return geom_conv2d_transpose(&p, in, c->cout, c->kh, c->kw, out, g, err);
}

/* Small integers in -3..3 from a fixed LCG, so runs are repeatable. */
static float *sweep_ints(size_t n, unsigned seed)
{
    float *v = malloc(n * sizeof *v);
    for (size_t i = 0; i < n; i++) {
        seed = seed * 1103515245u + 12345u;
        v[i] = (float)((int)((seed >> 16) % 7) - 3);
    }
    return v;
}

#endif
