/* scene_apply.c - the one door for a new configuration.
 *
 * Every parameter and data change ends here: a complete new model is built
 * first and swapped in only on success, so an illegal combination shows the
 * core's own message and leaves the last valid state on screen. The state
 * before the change is recorded for undo; then the timeline, the gradient
 * view's tensors and every view's caches follow the new layer. */
#include "ui/scene_apply.h"
#include "ui/scene_edit.h"
#include "ui/scene_grad.h"
#include "ui/scene_history.h"
#include "ui/view.h"

#include <string.h>

void scene_views_changed(Scene *s)
{
    for (int v = 0; v < VIEW_COUNT; v++)
        if (s->views[v]->changed)
            s->views[v]->changed(s);
}

int scene_apply(Scene *s, const LayerSpec *spec, Tensor *x, Tensor *w, Err *err)
{
    return scene_apply_bias(s, spec, x, w, NULL, err);
}

int scene_apply_bias(Scene *s, const LayerSpec *spec, Tensor *x, Tensor *w, Tensor *bias,
                     Err *err)
{
    Err local = {0};
    Err *e = err ? err : &local;
    Model m;
    const Tensor *xi = x && x->data ? x : &s->input, *wi = w && w->data ? w : &s->filter;
    const Tensor *bi = bias ? bias : &s->bias;
    if (scene_check_limits(xi, "the input", e) != 0 ||
        scene_check_limits(wi, "the kernel", e) != 0 ||
        model_build(&m, spec, xi, wi, bi, e) != 0) {
        scene_set_message(s, 1, "%s", e->msg);
        if (x)
            tensor_free(x);
        if (w)
            tensor_free(w);
        if (bias)
            tensor_free(bias);
        return -1;
    }
    history_record(s); /* the state before this change (its bias too), for undo */
    if (bias) {
        tensor_free(&s->bias);
        s->bias = *bias;
        memset(bias, 0, sizeof *bias);
    }
    model_free(&s->m);
    s->m = m;
    s->spec = *spec;
    if (x && x->data) {
        tensor_free(&s->input);
        s->input = *x;
        memset(x, 0, sizeof *x);
    }
    if (w && w->data) {
        tensor_free(&s->filter);
        s->filter = *w;
        memset(w, 0, sizeof *w);
    }
    s->msg[0] = '\0';
    s->msg_error = 0;
    if (s->lp.open && !s->lp.applying)
        s->lp.changed = 1; /* the narrative says its text is about the step's layer */
    scene_timeline_rebuild(s);
    grad_invalidate(s);
    scene_views_changed(s);
    return 0;
}

