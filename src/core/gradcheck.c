/* gradcheck.c - central differences of L = sum(conv2d(x, w) * dy), evaluated
 * only over the outputs the perturbed element feeds (the rest cancel). */
#include "gradcheck.h"

#include "ops.h"
#include "terms.h"

/* conv2d(x, w)[n, co, oy, ox] without bias, exactly as op_conv2d computes it. */
static float conv_at(const ConvGeom *g, const float *x, const float *w, int n, int co, int oy,
                     int ox)
{
    return op_conv2d_at(g, x, w, n, co, oy, ox, 0.0f);
}

static float dy_at(const ConvGeom *g, const float *dy, int n, int co, int oy, int ox)
{
    return dy[(((size_t)n * g->c_conv_out + co) * g->h.conv_out + oy) * g->w.conv_out + ox];
}

double grad_loss(const ConvGeom *g, const float *x, const float *w, const float *dy)
{
    double l = 0.0;
    for (int n = 0; n < g->n; n++)
        for (int co = 0; co < g->c_conv_out; co++)
            for (int oy = 0; oy < g->h.conv_out; oy++)
                for (int ox = 0; ox < g->w.conv_out; ox++)
                    l += (double)dy_at(g, dy, n, co, oy, ox) * conv_at(g, x, w, n, co, oy, ox);
    return l;
}

/* The part of L that depends on x[n, c, iy, ix]: the outputs reading it. */
static double input_local_loss(const ConvGeom *g, const float *x, const float *w, const float *dy,
                               int n, int c, int iy, int ix)
{
    int cb_g = g->c_conv_in / g->groups, cs_g = g->c_conv_out / g->groups;
    int grp = c / cb_g;
    double l = 0.0;
    for (int a = 0; a < g->h.k; a++) {
        int oy = terms_reader(&g->h, iy, a);
        if (oy < 0)
            continue;
        for (int b = 0; b < g->w.k; b++) {
            int ox = terms_reader(&g->w, ix, b);
            if (ox < 0)
                continue;
            for (int co = grp * cs_g; co < (grp + 1) * cs_g; co++)
                l += (double)dy_at(g, dy, n, co, oy, ox) * conv_at(g, x, w, n, co, oy, ox);
        }
    }
    return l;
}

double numeric_grad_input_at(const ConvGeom *g, float *x, const float *w, const float *dy,
                             size_t index, float eps)
{
    int W = g->w.conv_in, H = g->h.conv_in;
    int ix = (int)(index % (size_t)W), iy = (int)(index / (size_t)W % (size_t)H);
    int c = (int)(index / ((size_t)W * H) % (size_t)g->c_conv_in);
    int n = (int)(index / ((size_t)W * H * g->c_conv_in));
    float keep = x[index], up = keep + eps, down = keep - eps;
    x[index] = up;
    double lp = input_local_loss(g, x, w, dy, n, c, iy, ix);
    x[index] = down;
    double lm = input_local_loss(g, x, w, dy, n, c, iy, ix);
    x[index] = keep;
    /* The step actually taken, after rounding to float. */
    return (lp - lm) / ((double)up - (double)down);
}

/* The part of L that depends on w[co, ...]: every output of channel co. */
static double filter_local_loss(const ConvGeom *g, const float *x, const float *w, const float *dy,
                                int co)
{
    double l = 0.0;
    for (int n = 0; n < g->n; n++)
        for (int oy = 0; oy < g->h.conv_out; oy++)
            for (int ox = 0; ox < g->w.conv_out; ox++)
                l += (double)dy_at(g, dy, n, co, oy, ox) * conv_at(g, x, w, n, co, oy, ox);
    return l;
}

double numeric_grad_filter_at(const ConvGeom *g, const float *x, float *w, const float *dy,
                              size_t index, float eps)
{
    size_t per_out = (size_t)(g->c_conv_in / g->groups) * g->h.k * g->w.k;
    int co = (int)(index / per_out);
    float keep = w[index], up = keep + eps, down = keep - eps;
    w[index] = up;
    double lp = filter_local_loss(g, x, w, dy, co);
    w[index] = down;
    double lm = filter_local_loss(g, x, w, dy, co);
    w[index] = keep;
    return (lp - lm) / ((double)up - (double)down);
}

void numeric_grad_input(const ConvGeom *g, float *x, const float *w, const float *dy, float eps,
                        double *out)
{
    size_t n = geom_big_count(g);
    for (size_t i = 0; i < n; i++)
        out[i] = numeric_grad_input_at(g, x, w, dy, i, eps);
}

void numeric_grad_filter(const ConvGeom *g, const float *x, float *w, const float *dy, float eps,
                         double *out)
{
    size_t n = geom_weight_count(g);
    for (size_t i = 0; i < n; i++)
        out[i] = numeric_grad_filter_at(g, x, w, dy, i, eps);
}

static size_t window_cost(const ConvGeom *g)
{
    return (size_t)(g->c_conv_in / g->groups) * g->h.k * g->w.k;
}

size_t numeric_grad_input_cost(const ConvGeom *g)
{
    return 2 * (size_t)(g->c_conv_out / g->groups) * g->h.k * g->w.k * window_cost(g);
}

size_t numeric_grad_filter_cost(const ConvGeom *g)
{
    return 2 * (size_t)g->n * g->h.conv_out * g->w.conv_out * window_cost(g);
}
