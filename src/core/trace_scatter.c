/* trace_scatter.c - the scatter view's timeline: one input element per step.
 *
 * Step order is (n, c, i, j): one channel map at a time, row by row, the
 * order a person reads the input grid. The canvas after k steps is the
 * nearest checkpoint at or before k plus at most `every`-1 replayed steps,
 * so a seek costs one canvas copy and a bounded number of kernel copies. */
#include "trace.h"

#include <stdlib.h>
#include <string.h>

#include "ops.h"

/* Checkpoint storage budget, in floats (16 MiB). */
#define CHECKPOINT_BUDGET ((size_t)4 << 20)
#define CHECKPOINT_MIN_EVERY 32

size_t trace_scatter_canvas_count(const ScatterTrace *t)
{
    return geom_full_count(&t->g);
}

int trace_scatter_index(const ScatterTrace *t, int n, int c, int i, int j)
{
    const ConvGeom *g = &t->g;
    return ((n * g->c_conv_out + c) * g->h.conv_out + i) * g->w.conv_out + j;
}

void trace_scatter_step(const ScatterTrace *t, int k, ScatterStep *s)
{
    const ConvGeom *g = &t->g;
    TC_ASSERT(k >= 0 && k < t->steps);
    int hw = g->h.conv_out * g->w.conv_out;
    s->n = k / (g->c_conv_out * hw);
    s->c = (k / hw) % g->c_conv_out;
    s->i = (k % hw) / g->w.conv_out;
    s->j = k % g->w.conv_out;
    s->value = t->x[k]; /* x is [N,Cs,h,w]: the step index is the flat index */
    s->row0 = s->i * g->h.stride;
    s->col0 = s->j * g->w.stride;
    s->row_step = g->h.dil;
    s->col_step = g->w.dil;
    s->c_count = g->c_conv_in / g->groups;
    s->c_first = (s->c / (g->c_conv_out / g->groups)) * s->c_count;
}

/* Add step k's weighted kernel copies onto the canvas. */
static void apply_step(const ScatterTrace *t, int k, float *canvas)
{
    const ConvGeom *g = &t->g;
    ScatterStep s;
    trace_scatter_step(t, k, &s);
    int kh = g->h.k, kw = g->w.k, fh = g->h.full, fw = g->w.full;
    for (int co = 0; co < s.c_count; co++) {
        float *plane = canvas + ((size_t)s.n * g->c_conv_in + s.c_first + co) * fh * fw;
        const float *ker = t->w + ((size_t)s.c * s.c_count + co) * kh * kw;
        for (int a = 0; a < kh; a++)
            for (int b = 0; b < kw; b++)
                plane[(size_t)(s.row0 + a * s.row_step) * fw + s.col0 + b * s.col_step] +=
                    s.value * ker[a * kw + b];
    }
}

void trace_scatter_partial(const ScatterTrace *t, int k, float *canvas)
{
    TC_ASSERT(k >= 0 && k <= t->steps);
    size_t count = trace_scatter_canvas_count(t);
    int c = k / t->every;
    if (c >= t->n_checkpoints)
        c = t->n_checkpoints - 1;
    memcpy(canvas, t->checkpoints + (size_t)c * count, count * sizeof(float));
    for (int s = c * t->every; s < k; s++)
        apply_step(t, s, canvas);
}

void trace_scatter_free(ScatterTrace *t)
{
    free(t->x);
    free(t->w);
    free(t->bias);
    free(t->checkpoints);
    free(t->output);
    memset(t, 0, sizeof *t);
}

static float *dup_floats(const float *src, size_t n)
{
    float *p = malloc((n ? n : 1) * sizeof(float));
    if (p && n)
        memcpy(p, src, n * sizeof(float));
    return p;
}

int trace_scatter_init(ScatterTrace *t, const ConvGeom *g, const float *x, const float *w,
                       const float *bias, Err *err)
{
    memset(t, 0, sizeof *t);
    t->g = *g;
    size_t small = geom_small_count(g), count = geom_full_count(g);
    if (small > (size_t)1 << 30)
        return err_fail(err, TC_ERR_LIMIT, "too many input elements (%zu) to trace", small);
    t->steps = (int)small;

    /* Interval: as dense as the budget allows, never below the minimum, so
     * a replay is short but memory stays bounded for big canvases. */
    size_t every = CHECKPOINT_MIN_EVERY;
    while ((t->steps / every + 1) * count > CHECKPOINT_BUDGET && every < (size_t)t->steps)
        every *= 2;
    t->every = (int)every;
    t->n_checkpoints = t->steps / t->every + 1;

    t->x = dup_floats(x, small);
    t->w = dup_floats(w, geom_weight_count(g));
    t->bias = bias ? dup_floats(bias, (size_t)g->c_conv_in) : NULL;
    t->checkpoints = malloc((size_t)t->n_checkpoints * count * sizeof(float));
    t->output = malloc(geom_big_count(g) * sizeof(float));
    if (!t->x || !t->w || (bias && !t->bias) || !t->checkpoints || !t->output) {
        trace_scatter_free(t);
        return err_fail(err, TC_ERR_NOMEM, "out of memory for the scatter trace");
    }

    /* One pass over all steps, saving the canvas at every interval. */
    float *canvas = t->checkpoints;
    memset(canvas, 0, count * sizeof(float));
    for (int c = 1; c < t->n_checkpoints; c++) {
        float *next = t->checkpoints + (size_t)c * count;
        memcpy(next, canvas, count * sizeof(float));
        for (int s = (c - 1) * t->every; s < c * t->every; s++)
            apply_step(t, s, next);
        canvas = next;
    }
    float *full = malloc(count * sizeof(float));
    if (!full) {
        trace_scatter_free(t);
        return err_fail(err, TC_ERR_NOMEM, "out of memory for the scatter trace");
    }
    trace_scatter_partial(t, t->steps, full);
    op_crop_full(g, full, t->output);
    free(full);
    if (t->bias) {
        size_t plane = (size_t)g->h.conv_in * g->w.conv_in;
        for (size_t i = 0; i < geom_big_count(g); i++)
            t->output[i] += t->bias[(i / plane) % g->c_conv_in];
    }
    return 0;
}

int geom_full_to_out(const AxisGeom *a, int full_pos, int *out_pos)
{
    *out_pos = full_pos - a->pad_before;
    return *out_pos >= 0 && *out_pos < a->conv_in;
}
