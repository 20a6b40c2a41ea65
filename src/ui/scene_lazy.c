/* scene_lazy.c - data only some views need, built the first time the view
 * asks for it after a configuration change, and the per-step cache of the
 * channels view.
 *
 * The matrix C^T of the 28x28, 32-channel example has 1.2 million entries
 * (and the largest layers the visualizer accepts exceed the core's matrix
 * limit): building it for every parameter change would make the other views
 * slow, so the matrix view pays for it, once. A failure is kept as a
 * message the view shows instead of the matrix. */
#include "ui/scene_model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/ops.h"
#include "core/upsample.h"

const MatrixTrace *model_matrix(Model *m)
{
    if (m->mat.state == 0) {
        Err err = {0};
        if (trace_matrix_init(&m->mat.t, &m->g, m->st.x, m->st.w, m->st.bias, &err) == 0) {
            m->mat.state = 1;
        } else {
            m->mat.state = -1;
            snprintf(m->mat.msg, sizeof m->mat.msg, "no matrix view: %.300s", err.msg);
        }
    }
    return m->mat.state == 1 ? &m->mat.t : NULL;
}

/* Fewest, most and the distinct counts over the interior of the canvas:
 * the positions every footprint that could cover them exists for, where the
 * pattern repeats (borders always get fewer products). */
static void interior_levels(OverlapModel *ov, const ConvGeom *g, const int *counts)
{
    const AxisGeom *ax[2] = {&g->h, &g->w};
    int lo[2], hi[2];
    for (int a = 0; a < 2; a++) {
        lo[a] = ax[a]->k_eff - 1;
        hi[a] = (ax[a]->conv_out - 1) * ax[a]->stride; /* inclusive */
        if (lo[a] > hi[a]) {                           /* too small to have an interior */
            lo[a] = 0;
            hi[a] = ax[a]->full - 1;
        }
    }
    ov->n_levels = 0;
    ov->min_in = ov->max_in = -1;
    for (int r = lo[0]; r <= hi[0]; r++)
        for (int c = lo[1]; c <= hi[1]; c++) {
            int v = counts[(size_t)r * g->w.full + c];
            if (ov->min_in < 0 || v < ov->min_in)
                ov->min_in = v;
            if (v > ov->max_in)
                ov->max_in = v;
            int i = 0;
            while (i < ov->n_levels && ov->levels[i] < v)
                i++;
            if (i < ov->n_levels && ov->levels[i] == v)
                continue;
            if (ov->n_levels == (int)(sizeof ov->levels / sizeof *ov->levels))
                continue; /* more than 8 levels: the list says "..." */
            memmove(ov->levels + i + 1, ov->levels + i, (size_t)(ov->n_levels - i) * sizeof(int));
            ov->levels[i] = v;
            ov->n_levels++;
        }
}

const OverlapModel *model_overlap(Model *m)
{
    OverlapModel *ov = &m->ov;
    if (ov->state != 0)
        return ov->state == 1 ? ov : NULL;
    const ConvGeom *g = &m->g;
    size_t out = (size_t)g->h.conv_in * g->w.conv_in;
    size_t up = (size_t)g->n * g->c_conv_out * out;
    ov->out_counts = malloc(out * sizeof *ov->out_counts);
    ov->nearest = malloc(up * sizeof(float));
    ov->bilinear = malloc(up * sizeof(float));
    if (!ov->out_counts || !ov->nearest || !ov->bilinear) {
        ov->state = -1;
        return NULL;
    }
    overlap_output(g, ov->out_counts);
    int planes = g->n * g->c_conv_out;
    upsample_nearest(m->st.x, planes, g->h.conv_out, g->w.conv_out, g->h.conv_in, g->w.conv_in,
                     ov->nearest);
    upsample_bilinear(m->st.x, planes, g->h.conv_out, g->w.conv_out, g->h.conv_in, g->w.conv_in,
                      ov->bilinear);
    interior_levels(ov, g, m->overlap);
    ov->state = 1;
    return ov;
}

const float *model_channel_sums(Model *m, int k)
{
    if (m->ch_k != k) {
        terms_gather_channel_sums(&m->gt, k, m->ch_sums);
        m->ch_k = k;
    }
    return m->ch_sums;
}

void model_lazy_free(Model *m)
{
    if (m->mat.state == 1)
        trace_matrix_free(&m->mat.t);
    memset(&m->mat, 0, sizeof m->mat);
    free(m->ov.out_counts);
    free(m->ov.nearest);
    free(m->ov.bilinear);
    memset(&m->ov, 0, sizeof m->ov);
}
