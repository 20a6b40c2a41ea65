/* scene_stack.c - a stack lesson's chain as the scene shows it, and the
 * stack view's per-stage edits of it.
 *
 * The chain is the lesson's (`layers:`) while its layer is as the lesson
 * set it. In the stack view Tab / Up / Down select a stage and k / s (with
 * Shift: down) change that stage's kernel size or stride (a resize's
 * scale). An edited kernel is ones of the new size with the lesson
 * filter's channels: the view shows how many paths reach each cell, which
 * kernels of ones count exactly. An edit takes an output size the stage's
 * default (a lesson's output_shape was for the old geometry), must leave a
 * chain the core runs and a map the view can draw, and is recorded for
 * Ctrl+Z like any change. Edits belong to the lesson step they were made
 * on. */
#include "ui/scene_apply.h"
#include "ui/scene_history.h"
#include "ui/view.h"

#include <string.h>

#define EDIT_K_MAX 9
#define EDIT_S_MAX 4
#define EDIT_SCALE_MAX 16
/* The drawn chain's last map: cells along W (1-D) or per side (2-D). */
#define EDIT_MAP_MAX_1D 256
#define EDIT_MAP_MAX_2D 64

static int edits_live(const Scene *s)
{
    const StageEdits *e = &s->stage_edits;
    return e->serial == s->lp.serial && e->step == s->lp.step;
}

static int lesson_chain(const Scene *s, StackSpec *spec, const Tensor **input)
{
    if (!s->lp.open || s->lp.lesson.stage_count == 0 || s->lp.changed)
        return 0;
    lesson_stack(&s->lp.lesson, spec, input);
    return 1;
}

static void apply_edits(StackSpec *spec, const int k[], const int st[], const Tensor f[])
{
    for (int i = 0; i < spec->n_stages; i++) {
        StackStage *g = &spec->stage[i];
        if (g->kind != STAGE_LAYER) {
            if (st[i])
                g->scale = st[i];
            continue;
        }
        if (st[i]) {
            g->spec.params.stride[1] = st[i];
            g->spec.params.stride[0] = spec->dims == 1 ? 1 : st[i];
        }
        if (k[i])
            g->filter = &f[i];
        if (k[i] || st[i])
            memset(g->spec.size, 0, sizeof g->spec.size);
    }
}

int scene_lesson_stack(const Scene *s, StackSpec *spec, const Tensor **input)
{
    if (!lesson_chain(s, spec, input))
        return 0;
    const StageEdits *e = &s->stage_edits;
    if (edits_live(s))
        apply_edits(spec, e->k, e->s, e->filter);
    return 1;
}

/* Ones shaped like filter `like` with a k-wide (2-D: k x k) kernel. */
static int ones_kernel(const Tensor *like, int dims, int k, Tensor *out, Err *err)
{
    const char *name = layout_name(like->layout);
    int dim[4];
    memcpy(dim, like->dim, sizeof dim);
    dim[strchr(name, 'W') - name] = k;
    if (dims != 1)
        dim[strchr(name, 'H') - name] = k;
    if (tensor_init(out, like->layout, dim, err) != 0)
        return -1;
    for (size_t i = 0; i < tensor_count(out); i++)
        out->data[i] = 1.0f;
    return 0;
}

static void edits_clear(StageEdits *e)
{
    for (int i = 0; i < STACK_MAX_STAGES; i++)
        tensor_free(&e->filter[i]);
    int sel = e->selected;
    memset(e, 0, sizeof *e);
    e->selected = sel;
}

void scene_stack_free(Scene *s)
{
    edits_clear(&s->stage_edits);
}

/* Set the edits to (k, st) for the current step, rebuilding their kernels
 * from the lesson's filters; -1 (nothing changed) on failure. */
static int edits_set(Scene *s, const int k[], const int st[], Err *err)
{
    StackSpec base;
    const Tensor *in;
    if (!lesson_chain(s, &base, &in))
        return err_fail(err, TC_ERR_ARG, "no stack lesson is shown");
    Tensor f[STACK_MAX_STAGES] = {{0}};
    for (int i = 0; i < base.n_stages; i++)
        if (k[i] && base.stage[i].kind == STAGE_LAYER &&
            ones_kernel(base.stage[i].filter, base.dims, k[i], &f[i], err) != 0) {
            for (int j = 0; j < i; j++)
                tensor_free(&f[j]);
            return -1;
        }
    StageEdits *e = &s->stage_edits;
    edits_clear(e);
    s->model_gen++; /* the chain's maps change size: lay the view out again */
    e->serial = s->lp.serial;
    e->step = s->lp.step;
    for (int i = 0; i < STACK_MAX_STAGES; i++) {
        e->k[i] = k[i];
        e->s[i] = st[i];
        e->filter[i] = f[i];
    }
    return 0;
}

void scene_stack_restore(Scene *s, long serial, int step, const int k[], const int st[])
{
    Err err = {0};
    if (serial == s->lp.serial && step == s->lp.step && edits_set(s, k, st, &err) == 0)
        return;
    edits_clear(&s->stage_edits);
    s->model_gen++;
}

static int stack_view_chain(const Scene *s, StackSpec *spec, const Tensor **in)
{
    return s->view == VIEW_STACK && scene_lesson_stack(s, spec, in);
}

void scene_stack_select(Scene *s, int delta)
{
    StackSpec spec;
    const Tensor *in;
    if (!stack_view_chain(s, &spec, &in)) {
        scene_set_message(s, 1, "stages are selected in a stack lesson's stack view; here k and "
                                "s change the repeated layer itself");
        return;
    }
    int n = spec.n_stages;
    StageEdits *e = &s->stage_edits;
    e->selected = ((e->selected + delta) % n + n) % n;
    scene_set_message(s, 0, "stage %d selected: k / s (Shift: down) change it, Ctrl+Z undoes",
                      e->selected + 1);
}

int scene_stack_selected(const Scene *s, int *k, int *stride)
{
    StackSpec spec;
    const Tensor *in;
    if (!stack_view_chain(s, &spec, &in))
        return 0;
    int sel = s->stage_edits.selected < spec.n_stages ? s->stage_edits.selected : 0;
    const StackStage *st = &spec.stage[sel];
    if (st->kind != STAGE_LAYER) {
        *k = 0;
        *stride = st->scale;
        return 1;
    }
    *k = tensor_axis(st->filter, 'W');
    *stride = st->spec.params.stride[1] ? st->spec.params.stride[1] : 1;
    return 1;
}

/* The edited chain runs, and its last map is small enough to draw. */
static int chain_fits(const Scene *s, Err *err)
{
    StackSpec spec;
    const Tensor *in;
    StackResult r;
    scene_lesson_stack(s, &spec, &in);
    if (stack_run(&spec, in, &r, err) != 0)
        return -1;
    const Tensor *m = &r.chain[spec.n_stages - 1];
    int h = m->dim[2], w = m->dim[3], rc = 0;
    if (spec.dims == 1 && w > EDIT_MAP_MAX_1D)
        rc = err_fail(err, TC_ERR_LIMIT, "the chain's map would be %d long; the stack view "
                                         "draws up to %d", w, EDIT_MAP_MAX_1D);
    else if (spec.dims != 1 && (h > EDIT_MAP_MAX_2D || w > EDIT_MAP_MAX_2D))
        rc = err_fail(err, TC_ERR_LIMIT, "the chain's map would be %dx%d; the stack view draws "
                                         "up to %dx%d", h, w, EDIT_MAP_MAX_2D, EDIT_MAP_MAX_2D);
    stack_result_free(&r);
    return rc;
}

int scene_stack_key(Scene *s, UiAction a)
{
    int kernel = a == ACT_KERNEL_UP || a == ACT_KERNEL_DOWN;
    int stride = a == ACT_STRIDE_UP || a == ACT_STRIDE_DOWN;
    StackSpec spec;
    const Tensor *in;
    if ((!kernel && !stride) || !stack_view_chain(s, &spec, &in))
        return 0;
    StageEdits *e = &s->stage_edits;
    int sel = e->selected < spec.n_stages ? e->selected : 0, d = a == ACT_KERNEL_UP ||
                                                                     a == ACT_STRIDE_UP
                                                                 ? 1
                                                                 : -1;
    const StackStage *st = &spec.stage[sel];
    int live = edits_live(s), k[STACK_MAX_STAGES] = {0}, sv[STACK_MAX_STAGES] = {0};
    if (live)
        for (int i = 0; i < STACK_MAX_STAGES; i++)
            k[i] = e->k[i], sv[i] = e->s[i];
    if (st->kind != STAGE_LAYER && kernel) {
        scene_set_message(s, 1, "stage %d is a %s resize: it has no kernel (s changes its scale)",
                          sel + 1, stage_kind_name(st->kind));
        return 1;
    }
    int cur = kernel ? tensor_axis(st->filter, 'W')
              : st->kind != STAGE_LAYER ? st->scale
              : st->spec.params.stride[1] ? st->spec.params.stride[1]
                                          : 1;
    int max = kernel ? EDIT_K_MAX : st->kind != STAGE_LAYER ? EDIT_SCALE_MAX : EDIT_S_MAX;
    const char *what = kernel ? "kernel size" : st->kind != STAGE_LAYER ? "scale" : "stride";
    if (cur + d < 1 || cur + d > max) {
        scene_set_message(s, 1, "stage %d: %s %d is outside 1..%d", sel + 1, what, cur + d, max);
        return 1;
    }
    (kernel ? k : sv)[sel] = cur + d;
    /* Try the edit; keep the old edits to go back to if the chain refuses. */
    int old_k[STACK_MAX_STAGES], old_s[STACK_MAX_STAGES];
    for (int i = 0; i < STACK_MAX_STAGES; i++)
        old_k[i] = live ? e->k[i] : 0, old_s[i] = live ? e->s[i] : 0;
    Err err = {0}, ignore = {0};
    int ok = edits_set(s, k, sv, &err) == 0 && chain_fits(s, &err) == 0;
    if (edits_set(s, old_k, old_s, &ignore) != 0)
        edits_clear(e);
    if (!ok) {
        scene_set_message(s, 1, "stage %d: %s %d refused: %s", sel + 1, what, cur + d, err.msg);
        return 1;
    }
    history_record(s); /* the state before: the old edits */
    if (edits_set(s, k, sv, &err) != 0) {
        scene_set_message(s, 1, "stage %d: %s", sel + 1, err.msg);
        return 1;
    }
    scene_views_changed(s); /* the code view spells the new chain */
    scene_set_message(s, 0, "stage %d: %s %d (Tab selects a stage; Ctrl+Z undoes)", sel + 1, what,
                      cur + d);
    return 1;
}
