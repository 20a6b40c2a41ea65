/* scene_model.c - the core traces behind the views, and per-step caches.
 *
 * A configuration change rebuilds everything here once (the layer prelude
 * that `explain` and the lesson checks share: geometry, the scatter and
 * gather traces; then the overlap map and colour scales); a frame only
 * reads. Values a view draws come from these core objects: canvases from
 * trace_scatter_partial, the weighted kernel copy from op_scatter_full of
 * the one element over a one-element geometry, products and sums from
 * trace_gather_step. Caches are allocated at build time so a frame never
 * allocates, and hold the last two canvases because a view needs "before"
 * and "after" of the current step. */
#include "ui/scene_model.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/layer_prelude.h"
#include "core/ops.h"

static float max_abs(const float *v, size_t n, float m)
{
    for (size_t i = 0; i < n; i++)
        if (fabsf(v[i]) > m)
            m = fabsf(v[i]);
    return m;
}

static int check_limits(const ConvGeom *g, Err *err)
{
    ConvGeom eq;
    form_equiv_geom(g, &eq);
    int rows =
        g->h.full > g->h.pad_before + g->h.conv_in ? g->h.full : g->h.pad_before + g->h.conv_in;
    int cols =
        g->w.full > g->w.pad_before + g->w.conv_in ? g->w.full : g->w.pad_before + g->w.conv_in;
    if (rows > VIZ_MAX_CANVAS || cols > VIZ_MAX_CANVAS || eq.h.conv_in > VIZ_MAX_CANVAS ||
        eq.w.conv_in > VIZ_MAX_CANVAS)
        return err_fail(err, TC_ERR_LIMIT,
                        "the scatter canvas would be %dx%d cells; the visualizer draws up to %dx%d",
                        rows, cols, VIZ_MAX_CANVAS, VIZ_MAX_CANVAS);
    return 0;
}

int model_build(Model *m, const LayerSpec *spec, const Tensor *x, const Tensor *w,
                const Tensor *bias, Err *err)
{
    memset(m, 0, sizeof *m);
    if (spec->op != OP_CONV2D_TRANSPOSE)
        return err_fail(err, TC_ERR_ARG, "the visualizer shows conv2d_transpose, not %s",
                        op_name(spec->op));
    const Tensor *b = bias && bias->data ? bias : NULL;
    LayerTensors lt = {.input = x, .filter = w, .bias = b};
    /* The size limits come before any trace is built: a canvas too big to
     * draw is refused without allocating it. */
    if (layer_resolve(spec, &lt, &m->g, err) != 0 || layer_check_nonempty(&m->g, err) != 0 ||
        check_limits(&m->g, err) != 0)
        return -1;
    LayerPrelude p;
    if (layer_prelude_init(&p, spec, &lt, PRELUDE_SCATTER | PRELUDE_GATHER, err) != 0)
        return -1;
    /* The traces hold their own copies of x and w: the model keeps them and
     * lets the prelude's canonical tensors go. */
    m->g = p.g;
    m->st = p.scatter;
    m->gt = p.gather;
    tensor_free(&p.x);
    tensor_free(&p.w);

    const ConvGeom *g = &m->g;
    size_t canvas = trace_scatter_canvas_count(&m->st);
    size_t plane = (size_t)g->h.full * g->w.full;
    size_t copy = (size_t)g->h.k_eff * g->w.k_eff;
    size_t prods = (size_t)(g->c_conv_out / g->groups) * g->h.k * g->w.k;
    m->overlap = malloc(plane * sizeof *m->overlap);
    m->canvas[0] = malloc(canvas * sizeof(float));
    m->canvas[1] = malloc(canvas * sizeof(float));
    m->copy = malloc(copy * sizeof(float));
    m->products = malloc(prods * sizeof(float));
    m->ch_sums = malloc((size_t)(g->c_conv_out / g->groups) * sizeof(float));
    if (!m->overlap || !m->canvas[0] || !m->canvas[1] || !m->copy || !m->products ||
        !m->ch_sums) {
        err_fail(err, TC_ERR_NOMEM, "out of memory for the visualizer's caches");
        goto fail;
    }
    overlap_full(g, m->overlap);

    /* Colour scales: fixed per configuration, so a cell's colour means the
     * same value at every step. The final canvas bounds every partial one
     * only for non-negative data, so the partial sums are clamped in the map. */
    trace_scatter_partial(&m->st, m->st.steps, m->canvas[0]);
    m->canvas_k[0] = m->st.steps;
    m->canvas_k[1] = -1;
    m->canvas_lru = 0;
    m->vmax_x = max_abs(m->st.x, geom_small_count(g), 0.0f);
    m->vmax_w = max_abs(m->st.w, geom_weight_count(g), 0.0f);
    m->vmax_y = max_abs(m->canvas[0], canvas, 0.0f);
    m->vmax_y = max_abs(m->st.output, geom_big_count(g), m->vmax_y);
    m->vmax_y = m->vmax_x = m->vmax_x > m->vmax_y ? m->vmax_x : m->vmax_y;
    m->copy_k = m->prod_k = m->ch_k = -1;
    return 0;
fail:
    model_free(m);
    return -1;
}

void model_free(Model *m)
{
    trace_scatter_free(&m->st);
    trace_gather_free(&m->gt);
    free(m->overlap);
    free(m->canvas[0]);
    free(m->canvas[1]);
    free(m->copy);
    free(m->products);
    free(m->ch_sums);
    model_lazy_free(m);
    memset(m, 0, sizeof *m);
}

const float *model_canvas(Model *m, int k)
{
    for (int i = 0; i < 2; i++)
        if (m->canvas_k[i] == k) {
            m->canvas_lru = i;
            return m->canvas[i];
        }
    int slot = 1 - m->canvas_lru; /* keep the most recent: callers hold two */
    trace_scatter_partial(&m->st, k, m->canvas[slot]);
    m->canvas_k[slot] = k;
    m->canvas_lru = slot;
    return m->canvas[slot];
}

long model_w_offset(const Model *m, int ci, int co)
{
    const ConvGeom *g = &m->g;
    int cb_g = g->c_conv_in / g->groups, cs_g = g->c_conv_out / g->groups;
    int c0 = (ci / cs_g) * cb_g; /* first output channel ci feeds */
    if (ci < 0 || ci >= g->c_conv_out || co < c0 || co >= c0 + cb_g)
        return -1;
    return ((long)ci * cb_g + (co - c0)) * g->h.k * g->w.k;
}

long model_rot_offset(const Model *m, int co, int ci)
{
    const ConvGeom *g = &m->g;
    int cb_g = g->c_conv_in / g->groups, cs_g = g->c_conv_out / g->groups;
    int c0 = (co / cb_g) * cs_g; /* first input channel of co's group */
    if (co < 0 || co >= g->c_conv_in || ci < c0 || ci >= c0 + cs_g)
        return -1;
    return ((long)co * cs_g + (ci - c0)) * g->h.k * g->w.k;
}

const float *model_copy(Model *m, int k, int co)
{
    if (m->copy_k == k && m->copy_co == co)
        return m->copy;
    const ConvGeom *g = &m->g;
    ScatterStep s;
    trace_scatter_step(&m->st, k, &s);
    long off = model_w_offset(m, s.c, co);
    if (off < 0) {
        memset(m->copy, 0, (size_t)g->h.k_eff * g->w.k_eff * sizeof(float));
    } else {
        /* The core scatters the single element onto its own k_eff canvas:
         * the copy's values are the core's products, not the view's. */
        ConvGeom one = {0};
        one.h = (AxisGeom){.conv_in = g->h.k_eff,
                           .conv_out = 1,
                           .k = g->h.k,
                           .stride = 1,
                           .dil = g->h.dil,
                           .k_eff = g->h.k_eff,
                           .full = g->h.k_eff};
        one.w = (AxisGeom){.conv_in = g->w.k_eff,
                           .conv_out = 1,
                           .k = g->w.k,
                           .stride = 1,
                           .dil = g->w.dil,
                           .k_eff = g->w.k_eff,
                           .full = g->w.k_eff};
        one.n = one.c_conv_in = one.c_conv_out = one.groups = 1;
        op_scatter_full(&one, &s.value, m->st.w + off, m->copy);
    }
    m->copy_k = k;
    m->copy_co = co;
    return m->copy;
}

const float *model_products(Model *m, int k, GatherStep *s)
{
    if (m->prod_k != k) {
        trace_gather_step(&m->gt, k, &m->gstep, m->products);
        m->prod_k = k;
    }
    if (s)
        *s = m->gstep;
    return m->products;
}
