/* trace_gather.c - the conv2d-equivalent view's timeline: one output element
 * per step, its stride-1 window over the zero-inserted, padded input and the
 * rotated, axis-swapped kernel. Every step is computed directly from the
 * EquivConv intermediates, so seeking is O(window). */
#include "trace.h"

#include <string.h>

#include "ops.h"

int trace_gather_init(GatherTrace *t, const ConvGeom *g, const float *x, const float *w,
                      const float *bias, Err *err)
{
    memset(t, 0, sizeof *t);
    if (equiv_init(&t->eq, g, x, w, bias, err) != 0)
        return -1;
    t->steps = (int)geom_big_count(g);
    return 0;
}

void trace_gather_free(GatherTrace *t)
{
    equiv_free(&t->eq);
    memset(t, 0, sizeof *t);
}

int trace_gather_index(const GatherTrace *t, int n, int c, int oy, int ox)
{
    const ConvGeom *g = &t->eq.g;
    return ((n * g->c_conv_in + c) * g->h.conv_in + oy) * g->w.conv_in + ox;
}

void trace_gather_step(const GatherTrace *t, int k, GatherStep *s, float *products)
{
    const ConvGeom *g = &t->eq.g, *eq = &t->eq.eq;
    TC_ASSERT(k >= 0 && k < t->steps);
    int hw = g->h.conv_in * g->w.conv_in;
    s->n = k / (g->c_conv_in * hw);
    s->c = (k / hw) % g->c_conv_in;
    s->oy = (k % hw) / g->w.conv_in;
    s->ox = k % g->w.conv_in;
    s->win_row = s->oy;
    s->win_col = s->ox;
    s->row_step = g->h.dil;
    s->col_step = g->w.dil;
    s->c_count = g->c_conv_out / g->groups;
    s->c_first = (s->c / (g->c_conv_in / g->groups)) * s->c_count;
    s->n_products = s->c_count * g->h.k * g->w.k;
    s->sum = t->eq.output[k];
    if (!products)
        return;
    int ph = eq->h.conv_in, pw = eq->w.conv_in, kh = g->h.k, kw = g->w.k;
    for (int ci = 0; ci < s->c_count; ci++) {
        const float *plane =
            t->eq.padded + ((size_t)s->n * g->c_conv_out + s->c_first + ci) * ph * pw;
        const float *ker = t->eq.kernel + ((size_t)s->c * s->c_count + ci) * kh * kw;
        for (int a = 0; a < kh; a++)
            for (int b = 0; b < kw; b++)
                products[(ci * kh + a) * kw + b] =
                    plane[(size_t)(s->oy + a * s->row_step) * pw + s->ox + b * s->col_step] *
                    ker[a * kw + b];
    }
}
