/* scene_grad.c - the gradient view's tensors.
 *
 * The layer's geometry also describes a forward conv2d: out = conv2d(x, w)
 * maps the big map (the transposed conv's output size) to the small one.
 * Its backward pass for a given d_out is d_x = conv2d_backprop_input(w,
 * d_out) -- which is conv2d_transpose(d_out, w), the point of the view --
 * and d_w = conv2d_backprop_filter(x, d_out). Every array here comes from a
 * core function; the finite-difference check (gradcheck.h) runs a budget of
 * multiply-adds per frame so a large layer is checked without a pause.
 *
 * d_out is the layer's own input x unless the user typed into it, so d_x is
 * the y every other view shows: conv2d_transpose(x, w) is
 * conv2d_backprop_input(w, d_out = x). The forward input x is made up
 * (small random integers). Typed values survive a parameter change that
 * keeps their shapes. */
#include "ui/scene_grad.h"
#include "ui/scene_history.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/gradcheck.h"
#include "core/ops.h"

#define FD_EPS 0.125f

static float max_abs(const float *v, size_t n)
{
    float m = 0.0f;
    for (size_t i = 0; i < n; i++)
        m = fabsf(v[i]) > m ? fabsf(v[i]) : m;
    return m;
}

/* Equal up to summation order (the ops may add the same products in another
 * order): compared as the views compare. */
static int near(float a, float b)
{
    return fabsf(a - b) <= 1e-5f * (fabsf(a) > 1 ? fabsf(a) : 1);
}

static void free_derived(GradModel *gm)
{
    free(gm->w);
    free(gm->out);
    free(gm->dx);
    free(gm->dx_t);
    free(gm->dw);
    free(gm->fd_dx);
    free(gm->fd_dw);
    gm->w = gm->out = gm->dx = gm->dx_t = gm->dw = NULL;
    gm->fd_dx = gm->fd_dw = NULL;
    if (gm->eq.padded)
        equiv_free(&gm->eq);
    memset(&gm->eq, 0, sizeof gm->eq);
}

void grad_free(GradModel *gm)
{
    free_derived(gm);
    free(gm->x);
    free(gm->dout);
    memset(gm, 0, sizeof *gm);
}

void grad_invalidate(Scene *s)
{
    s->grad.state = 0;
}

/* x: small random integers (so d_w shows a real correlation); d_out: the
 * layer's input, followed until the user types into it. Typed values are
 * kept when the shapes still fit. */
static int fit_inputs(GradModel *gm, const Model *m, Err *err)
{
    const ConvGeom *g = &m->g;
    size_t nx = geom_big_count(g), nd = geom_small_count(g);
    if (gm->x && gm->x_count != nx) {
        free(gm->x);
        gm->x = NULL;
        gm->x_custom = 0;
    }
    if (gm->dout && gm->dout_count != nd) {
        free(gm->dout);
        gm->dout = NULL;
        gm->dout_custom = 0;
    }
    if (!gm->x) {
        Tensor t = {0};
        int dim[4] = {g->n, g->c_conv_in, g->h.conv_in, g->w.conv_in};
        if (tensor_init(&t, LAYOUT_NCHW, dim, err) != 0)
            return -1;
        fill_preset(&t, PRESET_RANDOM);
        gm->x = t.data;
        gm->x_count = nx;
    }
    if (!gm->dout) {
        gm->dout = malloc(nd * sizeof(float));
        if (!gm->dout)
            return err_fail(err, TC_ERR_NOMEM, "out of memory for d_out");
        gm->dout_count = nd;
    }
    if (!gm->dout_custom) /* the layer's x, both canonical NCHW [N,Cs,h,w] */
        memcpy(gm->dout, m->st.x, nd * sizeof(float));
    return 0;
}

static int build(Scene *s, Err *err)
{
    GradModel *gm = &s->grad;
    const ConvGeom *g = &s->m.g;
    free_derived(gm);
    if (fit_inputs(gm, &s->m, err) != 0)
        return -1;
    size_t nx = geom_big_count(g), nd = geom_small_count(g), nw = geom_weight_count(g);
    gm->w = malloc(nw * sizeof(float));
    gm->out = malloc(nd * sizeof(float));
    gm->dx = malloc(nx * sizeof(float));
    gm->dx_t = malloc(nx * sizeof(float));
    gm->dw = malloc(nw * sizeof(float));
    gm->fd_dx = malloc(nx * sizeof(double));
    gm->fd_dw = malloc(nw * sizeof(double));
    if (!gm->w || !gm->out || !gm->dx || !gm->dx_t || !gm->dw || !gm->fd_dx || !gm->fd_dw)
        return err_fail(err, TC_ERR_NOMEM, "out of memory for the gradient view");
    /* The transposed conv's IOHW weights are the forward conv's OIHW. */
    memcpy(gm->w, s->m.st.w, nw * sizeof(float));
    op_conv2d(g, gm->x, gm->w, NULL, gm->out);
    op_conv2d_backprop_input(g, gm->w, gm->dout, gm->dx);
    if (op_conv2d_transpose(g, gm->dout, gm->w, NULL, gm->dx_t, err) != 0)
        return -1;
    op_conv2d_backprop_filter(g, gm->x, gm->dout, gm->dw);
    if (equiv_init(&gm->eq, g, gm->dout, gm->w, NULL, err) != 0)
        return -1;
    gm->dx_t_same = 1;
    for (size_t i = 0; gm->dx_t_same && i < nx; i++)
        gm->dx_t_same = near(gm->dx[i], gm->dx_t[i]);
    gm->dout_is_x = memcmp(gm->dout, s->m.st.x, nd * sizeof(float)) == 0;
    /* y holds the layer's bias, which no gradient has: d_x = y - b. */
    const float *b = s->m.st.bias;
    size_t plane = (size_t)g->h.conv_in * g->w.conv_in;
    gm->dx_is_y = gm->dout_is_x;
    for (size_t i = 0; gm->dx_is_y && i < nx; i++)
        gm->dx_is_y = near(gm->dx[i] + (b ? b[i / plane % g->c_conv_in] : 0.0f), s->m.st.output[i]);
    gm->textbook = g->h.stride == 1 && g->w.stride == 1 && g->h.pad_before == 0 &&
                   g->w.pad_before == 0 && g->h.crop_after == 0 && g->w.crop_after == 0;
    gm->fd_dx_done = gm->fd_dw_done = 0;
    gm->fd_max_diff = 0.0;
    gm->vmax_x = max_abs(gm->x, nx);
    gm->vmax_out = max_abs(gm->out, nd);
    gm->vmax_dout = max_abs(gm->dout, nd);
    gm->vmax_dx = max_abs(gm->dx, nx);
    gm->vmax_dw = max_abs(gm->dw, nw);
    gm->vmax_w = max_abs(gm->w, nw);
    return 0;
}

int grad_dout_is_x(const Scene *s)
{
    const GradModel *gm = &s->grad;
    size_t nd = geom_small_count(&s->m.g);
    if (!gm->dout_custom)
        return 1;
    return gm->dout && gm->dout_count == nd &&
           memcmp(gm->dout, s->m.st.x, nd * sizeof(float)) == 0;
}

GradModel *scene_grad(Scene *s)
{
    GradModel *gm = &s->grad;
    if (gm->state == 0) {
        Err err = {0};
        if (build(s, &err) == 0) {
            gm->state = 1;
        } else {
            free_derived(gm);
            gm->state = -1;
            snprintf(gm->msg, sizeof gm->msg, "no gradient view: %.290s", err.msg);
        }
    }
    return gm->state == 1 ? gm : NULL;
}

int grad_check_advance(Scene *s, size_t budget)
{
    GradModel *gm = scene_grad(s);
    if (!gm)
        return 0;
    const ConvGeom *g = &s->m.g;
    size_t nx = geom_big_count(g), nw = geom_weight_count(g);
    size_t cx = numeric_grad_input_cost(g), cw = numeric_grad_filter_cost(g), spent = 0;
    /* At least one cell per call, so progress never stalls on a huge cell. */
    while (gm->fd_dx_done < nx && (spent == 0 || spent + cx <= budget)) {
        size_t i = gm->fd_dx_done++;
        gm->fd_dx[i] = numeric_grad_input_at(g, gm->x, gm->w, gm->dout, i, FD_EPS);
        double d = fabs(gm->fd_dx[i] - gm->dx[i]);
        gm->fd_max_diff = d > gm->fd_max_diff ? d : gm->fd_max_diff;
        spent += cx;
    }
    while (gm->fd_dx_done == nx && gm->fd_dw_done < nw && (spent == 0 || spent + cw <= budget)) {
        size_t i = gm->fd_dw_done++;
        gm->fd_dw[i] = numeric_grad_filter_at(g, gm->x, gm->w, gm->dout, i, FD_EPS);
        double d = fabs(gm->fd_dw[i] - gm->dw[i]);
        gm->fd_max_diff = d > gm->fd_max_diff ? d : gm->fd_max_diff;
        spent += cw;
    }
    return gm->fd_dx_done < nx || gm->fd_dw_done < nw;
}

int grad_set_value(Scene *s, GridId grid, int row, int col, float v)
{
    GradModel *gm = scene_grad(s);
    if (!gm) {
        scene_set_message(s, 1, "%s", s->grad.msg);
        return -1;
    }
    if (grid != GRID_G_DOUT && grid != GRID_G_X)
        return -1;
    history_record(s); /* before the edit, for undo */
    const ConvGeom *g = &s->m.g;
    if (grid == GRID_G_DOUT) {
        size_t i =
            (((size_t)s->n * g->c_conv_out + s->ci) * g->h.conv_out + row) * g->w.conv_out + col;
        gm->dout[i] = v;
        gm->dout_custom = 1;
        s->model_gen++; /* d_out's and d_x's captions say whether d_out is still x */
    } else if (grid == GRID_G_X) {
        size_t i =
            (((size_t)s->n * g->c_conv_in + s->co) * g->h.conv_in + row) * g->w.conv_in + col;
        gm->x[i] = v;
        gm->x_custom = 1;
    } else {
        return -1;
    }
    gm->state = 0; /* everything derived follows */
    return 0;
}
