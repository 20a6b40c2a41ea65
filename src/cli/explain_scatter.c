/* explain_scatter.c - the scatter section of `tcviz explain`: one block per
 * step with the element's weighted kernel copy beside the canvas it lands on
 * (labels in output indices, cropped ones in parentheses, the step's cells
 * starred), then the finished canvas and how the crop makes the output. */
#include "cli/explain_text_internal.h"

#include <stdlib.h>
#include <string.h>

/* A canvas is shown whole up to this many rows; past it, a window. */
#define CANVAS_MAX_ROWS 14

/* The uncropped canvas; labels are output indices, "(r)" when cropped. */
typedef struct {
    Out *o;
    const float *data; /* one channel plane, full_h x full_w */
    const ConvGeom *g;
    const ScatterStep *s; /* marks its footprint; NULL for none */
} CanvasView;

static int in_footprint(int pos, int origin, int step, int k)
{
    int d = pos - origin;
    return d >= 0 && d % step == 0 && d / step < k;
}

static void canvas_cell(void *user, int r, int c, char *buf, size_t cap, char *mark)
{
    CanvasView *v = user;
    xt_value_text(v->o, buf, cap, v->data[(size_t)r * v->g->w.full + c]);
    *mark = v->s && in_footprint(r, v->s->row0, v->s->row_step, v->g->h.k) &&
                    in_footprint(c, v->s->col0, v->s->col_step, v->g->w.k)
                ? '*'
                : ' ';
}

static void canvas_label(void *user, int axis, int index, char *buf, size_t cap)
{
    CanvasView *v = user;
    const AxisGeom *a = axis ? &v->g->w : &v->g->h;
    int out;
    if (geom_full_to_out(a, index, &out))
        snprintf(buf, cap, "%d", out);
    else
        snprintf(buf, cap, "(%d)", out);
}

/* The canvas whole (in column bands if need be) after all steps; for one
 * step, whole when it fits at once, else a window around the footprint. */
static void canvas_grid(TextBlock *b, Out *o, const float *plane, const ScatterStep *s,
                        int min_cell, int width)
{
    const ConvGeom *g = &o->e->g;
    CanvasView v = {o, plane, g, s};
    GridSpec gs = {.rows = g->h.full, .cols = g->w.full, .marks = s != NULL, .min_cell = min_cell,
                   .cell = canvas_cell, .label = canvas_label, .user = &v, .width = width};
    TextBlock whole;
    block_init(&whole);
    grid_render(&whole, &gs);
    if (!s || (g->h.full <= CANVAS_MAX_ROWS && whole.n == g->h.full + 1)) {
        block_take(b, &whole, 0);
        return;
    }
    block_free(&whole);
    gs.r0 = s->row0 > 0 ? s->row0 - 1 : 0;
    gs.c0 = s->col0 > 0 ? s->col0 - 1 : 0;
    gs.r1 = s->row0 + g->h.k_eff + 1 < g->h.full ? s->row0 + g->h.k_eff + 1 : g->h.full;
    gs.c1 = s->col0 + g->w.k_eff + 1 < g->w.full ? s->col0 + g->w.k_eff + 1 : g->w.full;
    block_addf(b, "(a window of the %dx%d canvas)", g->h.full, g->w.full);
    grid_render(b, &gs);
}

/* "a:b" or "a:b:step" for the output positions a footprint covers. */
static void span(int origin, int pad_before, int k_eff, int step, char *buf, size_t cap)
{
    int a = origin - pad_before;
    if (step == 1)
        snprintf(buf, cap, "%d:%d", a, a + k_eff);
    else
        snprintf(buf, cap, "%d:%d:%d", a, a + k_eff, step);
}

/* Taps of one axis that land inside the output. */
static int taps_inside(const AxisGeom *a, int origin)
{
    int n = 0, out;
    for (int t = 0; t < a->k; t++)
        n += geom_full_to_out(a, origin + t * a->dil, &out);
    return n;
}

static void step_title(Out *o, int k, const ScatterStep *s, char *buf, size_t cap)
{
    const Explain *e = o->e;
    const ConvGeom *g = &e->g;
    char name[64], val[32], rows[32], cols[32], where[64] = "";
    xt_input_name(e, s->n, s->c, s->i, s->j, name, sizeof name);
    xt_value_text(o, val, sizeof val, s->value);
    span(s->row0, g->h.pad_before, g->h.k_eff, s->row_step, rows, sizeof rows);
    span(s->col0, g->w.pad_before, g->w.k_eff, s->col_step, cols, sizeof cols);
    if (g->c_conv_in > 1 && s->c_count == 1)
        snprintf(where, sizeof where, " in channel %d", s->c_first);
    else if (g->c_conv_in > 1)
        snprintf(where, sizeof where, " in channels %d-%d", s->c_first,
                 s->c_first + s->c_count - 1);
    if (g->n > 1)
        snprintf(where + strlen(where), sizeof where - strlen(where), " of batch %d", s->n);
    int inside = taps_inside(&g->h, s->row0) * taps_inside(&g->w, s->col0);
    const char *crop = inside == 0 ? " (all cropped)" : inside < g->h.k * g->w.k ? " (partly cropped)" : "";
    snprintf(buf, cap, "step %d/%d: %s = %s -> out[%s, %s]%s%s", k + 1,
             e->layer.scatter.steps, name, val, rows, cols, where, crop);
}

/* Widths shared by every step, so the grids of consecutive steps line up
 * instead of jumping as the canvas fills. */
typedef struct {
    int canvas_cell; /* widest value of the finished canvas */
    int copy_cell;   /* widest value * weight among the shown steps */
    int left;        /* width of the weighted-copy column */
} StepLayout;

static int value_cols(double v)
{
    char buf[32];
    vocab_number(buf, sizeof buf, v);
    return text_cols(buf);
}

static void step_layout(const Explain *e, int shown, const float *final_canvas, StepLayout *l)
{
    const ConvGeom *g = &e->g;
    const ScatterTrace *t = &e->layer.scatter;
    size_t count = trace_scatter_canvas_count(t), kplane = (size_t)g->h.k * g->w.k;
    memset(l, 0, sizeof *l);
    /* Bounded scan: past a million cells the width of the first million is
     * as good a guide, and the grids widen themselves where needed. */
    for (size_t i = 0; i < count && i < ((size_t)1 << 20); i++) {
        int w = value_cols(final_canvas[i]);
        l->canvas_cell = w > l->canvas_cell ? w : l->canvas_cell;
    }
    for (int k = 0; k < shown; k++) {
        ScatterStep s;
        trace_scatter_step(t, k, &s);
        int label = value_cols(s.value) + 9; /* "v * w =" and a filter index */
        l->left = label > l->left ? label : l->left;
        int slices = s.c_count < EXPLAIN_MAX_SLICES ? s.c_count : EXPLAIN_MAX_SLICES;
        for (int c = 0; c < slices; c++)
            for (size_t q = 0; q < kplane; q++) {
                float x = s.value * t->w[((size_t)s.c * s.c_count + c) * kplane + q];
                int w = value_cols(x);
                l->copy_cell = w > l->copy_cell ? w : l->copy_cell;
            }
    }
    int grid = g->w.k * (l->copy_cell + 1);
    l->left = grid > l->left ? grid : l->left;
}

static void show_step(Out *o, int k, float *canvas, const StepLayout *l)
{
    const Explain *e = o->e;
    const ConvGeom *g = &e->g;
    const ScatterTrace *t = &e->layer.scatter;
    ScatterStep s;
    trace_scatter_step(t, k, &s);
    trace_scatter_partial(t, k + 1, canvas);
    TextBlock b;
    block_init(&b);
    char title[256];
    step_title(o, k, &s, title, sizeof title);
    block_addf(&b, "%s", "");
    block_addf(&b, "%s", title);
    size_t plane = (size_t)g->h.full * g->w.full, kplane = (size_t)g->h.k * g->w.k;
    int shown = s.c_count < EXPLAIN_MAX_SLICES ? s.c_count : EXPLAIN_MAX_SLICES;
    for (int i = 0; i < shown; i++) {
        int co = s.c_first + i;
        TextBlock left, right;
        block_init(&left);
        block_init(&right);
        char val[32], fname[64], cname[64];
        xt_value_text(o, val, sizeof val, s.value);
        xt_filter_name(e, s.c, co, fname, sizeof fname);
        block_addf(&left, "%s * %s =", val, fname);
        xt_plane_grid(&left, o, t->w + ((size_t)s.c * s.c_count + i) * kplane, g->h.k, g->w.k,
                   s.value, 0, l->copy_cell, TEXT_WIDTH - 2);
        xt_slice_name(e, "canvas", s.n, co, cname, sizeof cname);
        block_addf(&right, "%s after step %d:", cname, k + 1);
        canvas_grid(&right, o, canvas + ((size_t)s.n * g->c_conv_in + co) * plane, &s,
                    l->canvas_cell, TEXT_WIDTH - 2);
        block_beside(&b, &left, &right, l->left, 3, TEXT_WIDTH - 2);
    }
    if (s.c_count > shown)
        block_addf(&b, "(%d more output channel%s fed by this step not shown)",
                   s.c_count - shown, xt_plural(s.c_count - shown));
    xt_emit(o, &b, 2);
}

void xt_section_scatter(Out *o, int max_steps)
{
    const Explain *e = o->e;
    const ConvGeom *g = &e->g;
    const ScatterTrace *t = &e->layer.scatter;
    float *canvas = malloc(trace_scatter_canvas_count(t) * sizeof(float));
    if (!canvas) {
        o->failed = 1;
        return;
    }
    TextBlock b;
    block_init(&b);
    char text[768];
    block_addf(&b, "%s", "");
    snprintf(text, sizeof text,
             "%d step%s, one per input element. The step of x[i,j] adds x[i,j] * w to the "
             "uncropped %dx%d canvas with its top-left corner at row i*%d, column j*%d%s. Row "
             "and column labels are output indices, (r) marks a cropped one; * marks the "
             "cells the step writes.",
             t->steps, xt_plural(t->steps), g->h.full, g->w.full, g->h.stride, g->w.stride,
             g->h.dil > 1 || g->w.dil > 1 ? " (the taps d cells apart: dilation)" : "");
    block_wrap(&b, "Scatter: ", "  ", text, TEXT_WIDTH);
    xt_emit(o, &b, 0);

    int shown = t->steps < max_steps ? t->steps : max_steps;
    StepLayout layout;
    trace_scatter_partial(t, t->steps, canvas);
    step_layout(e, shown, canvas, &layout);
    for (int k = 0; k < shown && !o->failed; k++)
        show_step(o, k, canvas, &layout);

    block_init(&b);
    if (shown < t->steps) {
        block_addf(&b, "%s", "");
        snprintf(text, sizeof text, "... %d more step%s not shown (--steps N shows N).",
                 t->steps - shown, xt_plural(t->steps - shown));
        block_wrap(&b, NULL, "", text, TEXT_WIDTH - 2);
        trace_scatter_partial(t, t->steps, canvas);
        size_t plane = (size_t)g->h.full * g->w.full;
        int ns = xt_slices_shown(g->n, g->c_conv_in);
        for (int i = 0; i < ns; i++) {
            char cname[64];
            xt_slice_name(e, "canvas", i / g->c_conv_in, i % g->c_conv_in, cname, sizeof cname);
            block_addf(&b, "%s", "");
            block_addf(&b, "%s after all %d steps:", cname, t->steps);
            canvas_grid(&b, o, canvas + (size_t)i * plane, NULL, layout.canvas_cell,
                        TEXT_WIDTH - 2);
        }
        xt_more_slices(&b, g->n * g->c_conv_in, ns);
    }
    block_addf(&b, "%s", "");
    snprintf(text, sizeof text,
             "The output is the canvas without the cropped rows and columns: canvas rows "
             "%d-%d and columns %d-%d",
             g->h.pad_before, g->h.pad_before + g->h.conv_in - 1 + (g->h.crop_after < 0 ? g->h.crop_after : 0),
             g->w.pad_before, g->w.pad_before + g->w.conv_in - 1 + (g->w.crop_after < 0 ? g->w.crop_after : 0));
    size_t len = strlen(text);
    if (g->h.crop_after < 0 || g->w.crop_after < 0)
        snprintf(text + len, sizeof text - len, ", then %d zero row%s and %d zero column%s "
                 "appended", g->h.crop_after < 0 ? -g->h.crop_after : 0,
                 xt_plural(g->h.crop_after < 0 ? -g->h.crop_after : 0),
                 g->w.crop_after < 0 ? -g->w.crop_after : 0,
                 xt_plural(g->w.crop_after < 0 ? -g->w.crop_after : 0));
    len = strlen(text);
    snprintf(text + len, sizeof text - len, "%s.", e->has_bias ? ", plus the bias" : "");
    block_wrap(&b, NULL, "", text, TEXT_WIDTH - 2);
    xt_emit(o, &b, 2);
    free(canvas);
}
