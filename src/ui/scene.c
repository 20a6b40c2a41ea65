/* scene.c - the top of the scene: its life cycle (create from a setup or a
 * lesson, free), the playback update (timeline, the kernel's turn, a
 * lesson's play range, a view's unfinished work) and the public odds and
 * ends of scene.h. Everything it calls is below it (scene_state.h lists
 * the layers). */
#include "ui/scene_apply.h"
#include "ui/scene_grad.h"
#include "ui/scene_history.h"
#include "ui/scene_layout.h"
#include "ui/text.h"
#include "ui/view.h"
#include "ui/views.h"

#include "core/ops.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ROT_SECONDS 1.2

static const CellRef no_cell = {GRID_NONE, 0, 0};

int scene_theme_parse(const char *name, ThemeKind *out)
{
    for (int i = 0; i < THEME_COUNT; i++)
        if (strcmp(name, theme_name((ThemeKind)i)) == 0) {
            *out = (ThemeKind)i;
            return 0;
        }
    return -1;
}

/* ---- life cycle ---------------------------------------------------------------- */

static const LayerSpec default_spec = {
    .op = OP_CONV2D_TRANSPOSE,
    .params = {.convention = CONV_TF, .stride = {2, 2}, .padding = PAD_SAME},
    .size = {1, 6, 6, 1},
};

Scene *scene_create(const SceneSetup *setup, TextMeasureFn measure, void *measure_user, Err *err)
{
    static const LayerSpec zero_spec;
    Scene *s = calloc(1, sizeof *s);
    if (!s) {
        err_fail(err, TC_ERR_NOMEM, "out of memory for the scene");
        return NULL;
    }
    s->views = view_table();
    s->measure = measure;
    s->measure_user = measure_user;
    s->ui.measure = measure;
    s->ui.measure_user = measure_user;
    s->pin = s->sel = s->hover = no_cell;
    s->mat_follow = -1;
    s->spec = setup->spec;
    int is_default = 0;
    if (s->spec.op != OP_CONV2D_TRANSPOSE) {
        if (memcmp(&s->spec, &zero_spec, sizeof zero_spec) != 0) {
            err_fail(err, TC_ERR_ARG, "scene: the visualizer shows conv2d_transpose, not %s",
                     op_name(s->spec.op));
            goto fail;
        }
        s->spec = default_spec;
        is_default = 1;
    }
    if ((setup->input.data && tensor_copy(&setup->input, &s->input, err) != 0) ||
        (setup->filter.data && tensor_copy(&setup->filter, &s->filter, err) != 0) ||
        (setup->bias.data && tensor_copy(&setup->bias, &s->bias, err) != 0))
        goto fail;
    s->preset_x = s->preset_w = PRESET_CUSTOM;
    if (!s->filter.data && !s->input.data && is_default)
        s->preset_w = PRESET_ARANGE; /* the example's [[1,2],[3,4]] is arange */
    if (make_default_tensors(&s->spec, &s->input, &s->filter, err) != 0)
        goto fail;
    /* The example x of this layer, given or generated: the panel names x
     * by its values, so a lesson's copy of the example is "example" too. */
    Tensor ex = {0}, exw = {0};
    Err ex_err = {0};
    s->example_x_hash = make_default_tensors(&s->spec, &ex, &exw, &ex_err) == 0 ? tensor_hash(&ex) : 0;
    tensor_free(&ex);
    tensor_free(&exw);
    if (model_build(&s->m, &s->spec, &s->input, &s->filter, &s->bias, err) != 0)
        goto fail;

    s->view = (int)setup->view >= 0 && setup->view < VIEW_COUNT ? setup->view : VIEW_BOTH;
    s->theme = (int)setup->theme >= 0 && setup->theme < THEME_COUNT ? setup->theme : THEME_LIGHT;
    s->reduced_motion = setup->reduced_motion ? 1 : 0;
    s->zoom = 1.0f;
    scene_set_text_scale(s, setup->text_scale > 0.0f ? setup->text_scale : 1.0f);
    scene_set_present(s, setup->present);
    scene_timeline_start(s);
    if (setup->start_step)
        scene_seek(s, setup->start_step);
    if (scene_lesson_init(s, setup, err) != 0) /* a lesson replaces all of the above */
        goto fail;
    return s;
fail:
    scene_free(s);
    return NULL;
}

void scene_free(Scene *s)
{
    if (!s)
        return;
    history_free(s);
    scene_lesson_free(s);
    scene_stack_free(s);
    model_free(&s->m);
    grad_free(&s->grad);
    scene_views_changed(s);
    tensor_free(&s->input);
    tensor_free(&s->filter);
    tensor_free(&s->bias);
    free(s);
}

SceneRequests *scene_requests(Scene *s)
{
    return &s->req;
}
int scene_wants_text(const Scene *s)
{
    return s->editing;
}
const char *scene_status(Scene *s)
{
    text_status(s, s->status, sizeof s->status);
    return s->status;
}

/* A layer with this many stamps is played for its result, not stamp by
 * stamp: zero inputs (most of a ReLU's activations) add nothing to watch. */
#define SKIP_ZERO_STAMPS_FROM 64

/* While playing a long scatter one element at a time, move on past inputs
 * that are 0, never past a lesson step's end or the timeline's. */
static void skip_zero_stamps(Scene *s)
{
    if (!s->tl.playing || s->tl.gran != GRAN_ELEMENT || s->m.st.steps < SKIP_ZERO_STAMPS_FROM)
        return;
    int last = timeline_units(&s->tl) - 1;
    if (s->lp.stop_unit >= 0 && s->lp.stop_unit < last)
        last = s->lp.stop_unit;
    while (s->tl.unit < last) {
        Moment mo;
        scene_moment(s, &mo);
        if (mo.kind != PHASE_SCATTER)
            return;
        ScatterStep st;
        trace_scatter_step(&s->m.st, mo.c.step, &st);
        if (st.value != 0.0f)
            return;
        s->tl.unit++;
    }
}

int scene_update(Scene *s, double dt)
{
    int before = s->tl.unit;
    int moving = timeline_update(&s->tl, dt);
    if (s->tl.unit != before)
        skip_zero_stamps(s);
    if (s->tl.unit != before)
        scene_after_move(s);
    scene_lesson_update(s); /* a lesson step's play range stops at its end */
    if (s->rot_running) {
        s->rot += (dt > 0 ? dt : 0) / ROT_SECONDS;
        if (s->rot >= 1.0 || s->reduced_motion) {
            s->rot = 1.0;
            s->rot_running = 0;
        }
    }
    /* A view's per-frame work (the gradient check) runs a slice per drawn
     * frame: keep frames coming until it is done. */
    int busy = view_of(s)->busy && view_of(s)->busy(s);
    int building = scene_build_update(s, dt); /* after the rotation: it may follow it */
    int toast = scene_present_toast_update(s, dt);
    return moving || s->rot_running || busy || building || toast;
}
