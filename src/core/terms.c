/* terms.c - the products behind one value of d_x, d_w, a scatter canvas cell
 * or a conv2d-equivalent output, listed with their factors. The index
 * arithmetic is the same as the kernels' of ops.c, trace_scatter.c and
 * trace_gather.c, so the lists add up to their values; the views and the
 * gradient check ask here instead of deriving it again. */
#include "terms.h"

#include "ops.h"

static void add(GradTerm *terms, int max, int *count, GradTerm t)
{
    if (terms && *count < max)
        terms[*count] = t;
    (*count)++;
}

int terms_reader(const AxisGeom *a, int in, int t)
{
    int v = in + a->pad_before - t * a->dil;
    if (v < 0 || v % a->stride)
        return -1;
    v /= a->stride;
    return v < a->conv_out ? v : -1;
}

int terms_read_at(const AxisGeom *a, int out, int t)
{
    int in = out * a->stride + t * a->dil - a->pad_before;
    return in >= 0 && in < a->conv_in ? in : -1;
}

int terms_canvas_axis(const AxisGeom *a, int f, int *in, int *tap, int max)
{
    /* canvas position f is large-map position f - pad_before; a larger tap
     * is read by a smaller input position, so walk the taps downwards */
    int count = 0;
    for (int t = a->k - 1; t >= 0; t--) {
        int i = terms_reader(a, f - a->pad_before, t);
        if (i < 0)
            continue;
        if (count < max) {
            if (in)
                in[count] = i;
            if (tap)
                tap[count] = t;
        }
        count++;
    }
    return count;
}

int terms_canvas_cell(const ConvGeom *g, int fy, int fx, CanvasTerm *terms, int max)
{
    int ri[GEOM_MAX_PARAM], ra[GEOM_MAX_PARAM], ci[GEOM_MAX_PARAM], ca[GEOM_MAX_PARAM];
    int rows = terms_canvas_axis(&g->h, fy, ri, ra, GEOM_MAX_PARAM);
    int cols = terms_canvas_axis(&g->w, fx, ci, ca, GEOM_MAX_PARAM);
    int count = 0;
    for (int r = 0; r < rows; r++)
        for (int c = 0; c < cols; c++, count++)
            if (terms && count < max)
                terms[count] = (CanvasTerm){ri[r], ci[c], ra[r], ca[c]};
    return count;
}

int terms_backprop_input(const ConvGeom *g, const float *w, const float *dy, size_t index,
                         GradTerm *terms, int max)
{
    const AxisGeom *ah = &g->h, *aw = &g->w;
    int cb_g = g->c_conv_in / g->groups, cs_g = g->c_conv_out / g->groups;
    int W = aw->conv_in, H = ah->conv_in;
    int ix = (int)(index % (size_t)W), iy = (int)(index / (size_t)W % (size_t)H);
    int cb = (int)(index / ((size_t)W * H) % (size_t)g->c_conv_in);
    int n = (int)(index / ((size_t)W * H * g->c_conv_in));
    int grp = cb / cb_g, cl = cb % cb_g, count = 0;
    for (int a = 0; a < ah->k; a++) {
        int oy = terms_reader(ah, iy, a);
        if (oy < 0)
            continue;
        for (int b = 0; b < aw->k; b++) {
            int ox = terms_reader(aw, ix, b);
            if (ox < 0)
                continue;
            for (int co = grp * cs_g; co < (grp + 1) * cs_g; co++) {
                float d =
                    dy[(((size_t)n * g->c_conv_out + co) * ah->conv_out + oy) * aw->conv_out + ox];
                float wv = w[(((size_t)co * cb_g + cl) * ah->k + a) * aw->k + b];
                add(terms, max, &count, (GradTerm){n, co, oy, ox, cb, iy, ix, a, b, d, wv, d * wv});
            }
        }
    }
    return count;
}

int terms_backprop_filter(const ConvGeom *g, const float *x, const float *dy, size_t index,
                          GradTerm *terms, int max)
{
    const AxisGeom *ah = &g->h, *aw = &g->w;
    int cb_g = g->c_conv_in / g->groups, cs_g = g->c_conv_out / g->groups;
    int b = (int)(index % (size_t)aw->k), a = (int)(index / (size_t)aw->k % (size_t)ah->k);
    int cl = (int)(index / ((size_t)aw->k * ah->k) % (size_t)cb_g);
    int co = (int)(index / ((size_t)aw->k * ah->k * cb_g));
    int ci = (co / cs_g) * cb_g + cl, count = 0;
    for (int n = 0; n < g->n; n++)
        for (int oy = 0; oy < ah->conv_out; oy++) {
            int iy = oy * ah->stride + a * ah->dil - ah->pad_before;
            if (iy < 0 || iy >= ah->conv_in)
                continue;
            for (int ox = 0; ox < aw->conv_out; ox++) {
                int ix = ox * aw->stride + b * aw->dil - aw->pad_before;
                if (ix < 0 || ix >= aw->conv_in)
                    continue;
                float xv =
                    x[(((size_t)n * g->c_conv_in + ci) * ah->conv_in + iy) * aw->conv_in + ix];
                float d =
                    dy[(((size_t)n * g->c_conv_out + co) * ah->conv_out + oy) * aw->conv_out + ox];
                add(terms, max, &count, (GradTerm){n, co, oy, ox, ci, iy, ix, a, b, xv, d, xv * d});
            }
        }
    return count;
}

void terms_gather_channel_sums(const GatherTrace *t, int k, float *sums)
{
    const ConvGeom *g = &t->eq.g, *eq = &t->eq.eq;
    GatherStep s;
    trace_gather_step(t, k, &s, NULL);
    int ph = eq->h.conv_in, pw = eq->w.conv_in, kh = g->h.k, kw = g->w.k;
    for (int ci = 0; ci < s.c_count; ci++) {
        const float *plane =
            t->eq.padded + ((size_t)s.n * g->c_conv_out + s.c_first + ci) * ph * pw;
        const float *ker = t->eq.kernel + ((size_t)s.c * s.c_count + ci) * kh * kw;
        float acc = 0.0f;
        for (int a = 0; a < kh; a++)
            for (int b = 0; b < kw; b++)
                acc += plane[(size_t)(s.oy + a * s.row_step) * pw + s.ox + b * s.col_step] *
                       ker[a * kw + b];
        sums[ci] = acc;
    }
}
