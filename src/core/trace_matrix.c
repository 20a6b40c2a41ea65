/* trace_matrix.c - the matrix view's timeline: one row of C^T per step.
 * Row r of C^T is output element r; its entries are the input elements and
 * kernel weights that feed it, which is exactly column r of the forward C. */
#include "trace.h"

#include <stdlib.h>
#include <string.h>

#include "ops.h"

void trace_matrix_free(MatrixTrace *t)
{
    matrix_free(&t->c);
    matrix_free(&t->ct);
    free(t->x);
    free(t->w);
    free(t->bias);
    memset(t, 0, sizeof *t);
}

int trace_matrix_init(MatrixTrace *t, const ConvGeom *g, const float *x, const float *w,
                      const float *bias, Err *err)
{
    memset(t, 0, sizeof *t);
    t->g = *g;
    if (matrix_build_conv(g, &t->c, err) != 0)
        return -1;
    if (matrix_build_conv_transposed(g, &t->ct, err) != 0)
        goto fail;
    size_t xs = geom_small_count(g), ws = geom_weight_count(g);
    t->x = malloc(xs * sizeof(float));
    t->w = malloc(ws * sizeof(float));
    t->bias = bias ? malloc((size_t)g->c_conv_in * sizeof(float)) : NULL;
    if (!t->x || !t->w || (bias && !t->bias)) {
        err_fail(err, TC_ERR_NOMEM, "out of memory for the matrix trace");
        goto fail;
    }
    memcpy(t->x, x, xs * sizeof(float));
    memcpy(t->w, w, ws * sizeof(float));
    if (bias)
        memcpy(t->bias, bias, (size_t)g->c_conv_in * sizeof(float));
    t->steps = g->n * t->ct.rows;
    return 0;
fail:
    trace_matrix_free(t);
    return -1;
}

void trace_matrix_step(const MatrixTrace *t, int k, MatrixStep *s)
{
    const ConvGeom *g = &t->g;
    TC_ASSERT(k >= 0 && k < t->steps);
    s->n = k / t->ct.rows;
    s->row = k % t->ct.rows;
    int hw = g->h.conv_in * g->w.conv_in;
    s->c = s->row / hw;
    s->oy = (s->row % hw) / g->w.conv_in;
    s->ox = s->row % g->w.conv_in;
    s->first = t->ct.row_start[s->row];
    s->count = t->ct.row_start[s->row + 1] - s->first;
    const float *xn = t->x + (size_t)s->n * t->ct.cols;
    float acc = 0.0f;
    for (size_t e = s->first; e < s->first + s->count; e++)
        acc += t->w[t->ct.widx[e]] * xn[t->ct.col[e]];
    s->sum = acc + (t->bias ? t->bias[s->c] : 0.0f);
}
