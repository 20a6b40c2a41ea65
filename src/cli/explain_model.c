/* explain_model.c - compute everything `tcviz explain` shows, once.
 *
 * The scatter trace is the reference (it is what the steps show); the three
 * other formulations are computed independently by the core and compared
 * with it, so the verification line is a real check and not a restatement:
 * a disagreement is reported and makes the command fail. */
#include "cli/explain.h"
#include "core/layer1d.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/formulations.h"
#include "core/ops.h"

void explain_free(Explain *e)
{
    layer_prelude_free(&e->layer);
    equiv_free(&e->equiv);
    free(e->by_matrix);
    free(e->by_backprop);
    memset(e, 0, sizeof *e);
}

static double max_abs_diff(const float *a, const float *b, size_t n)
{
    double m = 0.0;
    for (size_t i = 0; i < n; i++) {
        double d = fabs((double)a[i] - (double)b[i]);
        if (d > m || isnan(d))
            m = isnan(d) ? INFINITY : d;
    }
    return m;
}

static void add_bias(const ConvGeom *g, const float *bias, float *y)
{
    size_t plane = (size_t)g->h.conv_in * g->w.conv_in;
    for (size_t i = 0; bias && i < geom_big_count(g); i++)
        y[i] += bias[(i / plane) % (size_t)g->c_conv_in];
}

/* The four formulations must agree up to float rounding: the sums run in
 * different orders, so allow a few ulps of the largest magnitude per
 * product summed into one cell. */
static double tolerance(const Explain *e)
{
    const ConvGeom *g = &e->g;
    size_t n = geom_big_count(g);
    double big = 1.0;
    for (size_t i = 0; i < n; i++)
        if (fabs(e->layer.scatter.output[i]) > big)
            big = fabs(e->layer.scatter.output[i]);
    double terms = (double)g->h.k * g->w.k * (g->c_conv_out / g->groups) + 1.0;
    return big * terms * 4.0 * 1.1920929e-7;
}

int explain_build(Explain *e, const LayerSpec *spec, const Tensor *x, const Tensor *w,
                  const Tensor *bias, const ExplainSource *src, Err *err)
{
    memset(e, 0, sizeof *e);
    if (spec->op != OP_CONV2D_TRANSPOSE)
        return err_fail(err, TC_ERR_ARG, "explain walks through conv2d_transpose, not %s",
                        op_name(spec->op));
    LayerTensors lt = {.input = x, .filter = w, .bias = bias && bias->data ? bias : NULL};
    if (layer_prelude_init(&e->layer, spec, &lt, PRELUDE_SCATTER, err) != 0)
        return -1;
    e->g = e->layer.g;
    e->spec = *spec;
    if (src)
        e->src = *src;
    e->size_given = spec->size[0] || spec->size[1] || spec->size[2] || spec->size[3];
    e->has_bias = lt.bias != NULL;
    memcpy(e->in_dim, x->dim, sizeof e->in_dim);
    memcpy(e->w_dim, w->dim, sizeof e->w_dim);
    const ConvGeom *g = &e->g;
    const char *dl = layout_name(layer_data_layout(spec->params.convention));
    for (int i = 0; i < 4; i++)
        e->out_dim[i] = dl[i] == 'N' ? g->n : dl[i] == 'C' ? g->c_conv_in
                      : dl[i] == 'H' ? g->h.conv_in : g->w.conv_in;

    const float *xc = e->layer.x.data, *wc = e->layer.w.data, *b = e->layer.bias;
    size_t big = geom_big_count(g);
    if (equiv_init(&e->equiv, g, xc, wc, b, err) != 0)
        goto fail;
    e->by_matrix = malloc(big * sizeof(float));
    e->by_backprop = malloc(big * sizeof(float));
    if (!e->by_matrix || !e->by_backprop) {
        err_fail(err, TC_ERR_NOMEM, "out of memory for the explanation");
        goto fail;
    }
    if (form_transpose_by_matrix(g, xc, wc, b, e->by_matrix, err) != 0)
        goto fail;
    /* The transposed conv's IOHW weights are the forward conv's OIHW. */
    op_conv2d_backprop_input(g, wc, xc, e->by_backprop);
    add_bias(g, b, e->by_backprop);

    const float *ref = e->layer.scatter.output;
    e->diff_equiv = max_abs_diff(ref, e->equiv.output, big);
    e->diff_matrix = max_abs_diff(ref, e->by_matrix, big);
    e->diff_backprop = max_abs_diff(ref, e->by_backprop, big);
    e->max_diff = fmax(e->diff_equiv, fmax(e->diff_matrix, e->diff_backprop));
    e->agree = e->max_diff <= tolerance(e);
    return 0;
fail:
    explain_free(e);
    return -1;
}

/* ---- the call, spelled in the convention ------------------------------------- */

int explain_call_args(const Explain *e, const char **name, VocabArg *args)
{
    return vocab_call(&e->spec, &e->g, e->has_bias, args, name);
}
