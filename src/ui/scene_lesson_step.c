/* scene_lesson_step.c - entering a lesson step.
 *
 * Entering a step sets, in this order, the step's layer (the lesson's, or
 * its `with:` variant; gradient lessons through the transposed conv that
 * computes d_x), the view, the timeline position (a `play:` range starts
 * playing and stops when it leaves the range's last step) and the
 * highlight (its first cell pinned, so the tooltip explains it). The layer
 * goes through scene_apply, which keeps the old state when the core refuses
 * the new one, so a bad step never leaves a half-changed scene. */
#include "ui/scene_apply.h"
#include "ui/scene_grad.h"
#include "ui/view.h"

#include <string.h>

/* ---- the layer of a step ------------------------------------------------------- */

/* The conv2d_transpose step k shows: spec, and views of the input, filter
 * and bias borrowed from l (bias NULL when none). */
static int step_layer(const Lesson *l, const LessonStep *st, LayerSpec *spec, Tensor *x,
                      Tensor *w, const Tensor **bias, Err *err)
{
    LayerSpec ls;
    LayerTensors t;
    lesson_layer(l, &st->with, &ls, &t);
    if (ls.op == OP_CONV2D_TRANSPOSE) {
        if (!t.input || !t.filter)
            return err_fail(err, TC_ERR_ARG, "%s:%d: the step has no input or filter to show",
                            l->path, st->line);
        *spec = ls;
        *x = *t.input;
        *w = *t.filter;
        *bias = t.bias;
        return 0;
    }
    /* A gradient lesson: its step's layer, read as a lesson of its own. */
    Lesson tmp = *l;
    tmp.spec = ls;
    tmp.input = t.input ? *t.input : (Tensor){0};
    tmp.filter = t.filter ? *t.filter : (Tensor){0};
    tmp.bias = t.bias ? *t.bias : (Tensor){0};
    tmp.d_out = t.d_out ? *t.d_out : (Tensor){0};
    *bias = NULL; /* the bias of a forward conv does not enter its gradient */
    return lesson_transpose_layer(&tmp, spec, x, w, err);
}

/* Put step st's layer into the scene; the old state stays on failure. */
static int apply_layer(Scene *s, const Lesson *l, const LessonStep *st, Err *err)
{
    LayerSpec spec;
    Tensor xv, wv;
    const Tensor *bv;
    if (step_layer(l, st, &spec, &xv, &wv, &bv, err) != 0)
        return -1;
    Tensor x = {0}, w = {0}, b = {0};
    if (tensor_copy(&xv, &x, err) != 0 || tensor_copy(&wv, &w, err) != 0 ||
        (bv && tensor_copy(bv, &b, err) != 0)) {
        tensor_free(&x);
        tensor_free(&w);
        tensor_free(&b);
        return -1;
    }
    s->lp.applying = 1;
    int rc = scene_apply_bias(s, &spec, &x, &w, &b, err);
    s->lp.applying = 0;
    if (rc == 0)
        s->lp.changed = 0;
    if (rc != 0) {
        err_prefix(err, "%s:%d: ", l->path, st->line);
        scene_set_message(s, 1, "%s", err->msg);
        return -1;
    }
    s->preset_x = s->preset_w = PRESET_CUSTOM;
    return 0;
}

/* The gradient view makes up its forward input x (small random integers)
 * and d_out (ones). A lesson that gives them (op conv2d with input and
 * d_out; a transposed conv's input is the d_out it scatters) shows its own
 * numbers, the ones its text talks about. */
static void set_grad_data(Scene *s, const Lesson *l, const LessonStep *st)
{
    LayerSpec ls;
    LayerTensors t;
    lesson_layer(l, &st->with, &ls, &t);
    int fwd = ls.op == OP_CONV2D || ls.op == OP_BACKPROP_FILTER;
    const Tensor *x = fwd ? t.input : NULL;
    const Tensor *d = ls.op == OP_CONV2D_TRANSPOSE ? t.input : t.d_out;
    GradModel *gm = scene_grad(s);
    if (!gm)
        return;
    const Tensor *src[2] = {x, d};
    float *dst[2] = {gm->x, gm->dout};
    size_t count[2] = {gm->x_count, gm->dout_count};
    int *custom[2] = {&gm->x_custom, &gm->dout_custom};
    for (int i = 0; i < 2; i++) {
        Tensor c = {0};
        Err err = {0};
        if (!src[i] || tensor_count(src[i]) != count[i] ||
            tensor_convert(src[i], LAYOUT_NCHW, &c, &err) != 0)
            continue;
        memcpy(dst[i], c.data, count[i] * sizeof *dst[i]);
        *custom[i] = 1;
        tensor_free(&c);
    }
    gm->state = 0; /* derived tensors follow on the next use */
}

/* ---- timeline positions ------------------------------------------------------------ */

/* A lesson counts core steps over the view's phases in order (view both:
 * the scatter's, then the conv2d's); the timeline counts units. */
static int unit_of_step(const Scene *s, int k)
{
    const Timeline *tl = &s->tl;
    for (int ph = 0; ph < tl->n_phases; ph++) {
        if (k < tl->phase[ph].steps)
            return timeline_unit_of(tl, ph, k);
        k -= tl->phase[ph].steps;
    }
    return timeline_units(tl) - 1;
}

/* The last unit that still shows core step k. */
static int last_unit_of_step(const Scene *s, int k)
{
    int u = unit_of_step(s, k), next = unit_of_step(s, k + 1);
    return next > u ? next - 1 : u;
}

/* ---- the highlight ---------------------------------------------------------------- */

/* The grid that shows a highlight target in a view, and the offset of the
 * target's cell (0, 0) in it. The scatter view shows the output as the
 * middle of its uncropped canvas. Gradient lessons (op conv2d) show their
 * d_out where a transposed conv shows its input. */
static GridId highlight_grid(const Scene *s, const char *target, int grad_op, int *dr, int *dc)
{
    const ViewOps *v = view_of(s);
    *dr = *dc = 0;
    int is_in = strcmp(target, grad_op ? "d_out" : "input") == 0;
    if (grad_op && strcmp(target, "input") == 0)
        return view_target(v, TARGET_FORWARD_X);
    if (grad_op && strcmp(target, "output") == 0)
        is_in = 1; /* the forward conv's output has d_out's cells */
    if (is_in || strcmp(target, "d_out") == 0)
        return view_target(v, TARGET_INPUT);
    if (strcmp(target, "filter") == 0)
        return view_target(v, TARGET_FILTER);
    if (strcmp(target, "output") == 0) {
        if (v->output_on_canvas) {
            *dr = s->m.g.h.pad_before;
            *dc = s->m.g.w.pad_before;
        }
        return view_target(v, TARGET_OUTPUT);
    }
    if (strcmp(target, "canvas") == 0)
        return view_target(v, TARGET_CANVAS);
    if (strcmp(target, "padded") == 0)
        return view_target(v, TARGET_PADDED);
    if (strcmp(target, "kernel") == 0)
        return view_target(v, TARGET_KERNEL);
    return GRID_NONE;
}

static void set_highlight(Scene *s, const Lesson *l, const LessonStep *st)
{
    LessonPlayer *p = &s->lp;
    const LessonHighlight *h = &st->hl;
    p->hl_grid = GRID_NONE;
    if (!h->target[0])
        return;
    LayerSpec spec;
    LayerTensors t;
    lesson_layer(l, &st->with, &spec, &t);
    int dr, dc;
    GridId g = highlight_grid(s, h->target, spec.op != OP_CONV2D_TRANSPOSE, &dr, &dc);
    if (g == GRID_NONE)
        return;
    p->hl_grid = g;
    p->hl_r0 = h->row0 + dr;
    p->hl_r1 = h->row1 + dr;
    p->hl_c0 = h->col0 + dc;
    p->hl_c1 = h->col1 + dc;
    s->pin = (CellRef){g, p->hl_r0, p->hl_c0};
}

/* ---- entering a step ---------------------------------------------------------------- */

int scene_lesson_enter(Scene *s, const Lesson *l, int k, Err *err)
{
    LessonPlayer *p = &s->lp;
    const LessonStep *st = &l->steps[k];
    if (apply_layer(s, l, st, err) != 0)
        return -1;
    ViewKind v = VIEW_BOTH; /* the loader checked the name: always found */
    for (int i = 0; i < VIEW_COUNT; i++)
        if (strcmp(st->view, s->views[i]->name) == 0)
            v = (ViewKind)i;
    s->editing = 0;
    s->zoom = 1.0f; /* a new layer is shown whole */
    s->pan_x = s->pan_y = 0;
    scene_set_view(s, v);
    scene_set_playing(s, 0);
    scene_seek(s, unit_of_step(s, st->from));
    scene_build_start(s, (BuildStage)st->build); /* lesson.h's build names, in order */
    /* Every step opens on its own channel (0 unless it names one), so a
     * step's frame does not depend on the steps read before it. */
    s->ci = st->channel >= 0 ? st->channel : 0;
    p->stop_unit = -1;
    if (st->to > st->from) {
        p->stop_unit = last_unit_of_step(s, st->to);
        scene_set_playing(s, 1);
    }
    if (v == VIEW_GRADIENT)
        set_grad_data(s, l, st);
    s->pin = s->sel = s->hover = (CellRef){GRID_NONE, 0, 0};
    set_highlight(s, l, st);
    p->step = k;
    scene_ask_enter(s, l, k);
    scene_progress_step(s, l, k);
    return 0;
}

/* Open l at its first step; l is consumed (moved in, or freed on failure). */
int scene_lesson_take(Scene *s, Lesson *l, Err *err)
{
    LessonPlayer *p = &s->lp;
    if (l->step_count < 1) {
        err_fail(err, TC_ERR_ARG, "%s: the lesson has no steps", l->path);
        lesson_free(l);
        return -1;
    }
    if (scene_lesson_enter(s, l, 0, err) != 0) {
        lesson_free(l);
        return -1;
    }
    p->serial++; /* undo states recorded from now on are of this lesson */
    if (p->open)
        lesson_free(&p->lesson);
    p->lesson = *l;
    memset(l, 0, sizeof *l);
    p->open = 1;
    return 0;
}
