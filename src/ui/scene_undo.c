/* scene_undo.c - undo and redo: swap the current state with a recorded one
 * by going through scene_apply again, so a restored state is rebuilt by
 * exactly the code that built it the first time; the timeline position is
 * restored, clamped to the restored timeline. */
#include "ui/scene_apply.h"
#include "ui/scene_history.h"

#include <stdlib.h>

/* The gradient view's own tensors: the snapshot's (copied), or none so they
 * are regenerated for the restored layer. */
static int restore_grad(Scene *s, const Snapshot *sn)
{
    GradModel *gm = &s->grad;
    int ok = 1;
    float *gx = history_copy_floats(sn->gx, sn->gx_count, &ok);
    float *gd = history_copy_floats(sn->gdout, sn->gdout_count, &ok);
    if (!ok) {
        free(gx);
        free(gd);
        return -1;
    }
    free(gm->x);
    free(gm->dout);
    gm->x = gx;
    gm->x_count = gx ? sn->gx_count : 0;
    gm->x_custom = gx != NULL;
    gm->dout = gd;
    gm->dout_count = gd ? sn->gdout_count : 0;
    gm->dout_custom = gd != NULL;
    gm->state = 0;
    return 0;
}

static int restore(Scene *s, const Snapshot *sn)
{
    Tensor x = {0}, w = {0}, b = {0};
    Err err = {0};
    if (tensor_copy(&sn->input, &x, &err) != 0 || tensor_copy(&sn->filter, &w, &err) != 0 ||
        (sn->bias.data && tensor_copy(&sn->bias, &b, &err) != 0)) {
        tensor_free(&x);
        tensor_free(&w);
        tensor_free(&b);
        scene_set_message(s, 1, "%s", err.msg);
        return -1;
    }
    s->hist->restoring = 1;
    int rc = scene_apply_bias(s, &sn->spec, &x, &w, &b, &err);
    s->hist->restoring = 0;
    if (rc != 0)
        return -1;
    if (s->lp.open) /* back on the lesson step's own layer: its text holds again */
        s->lp.changed = sn->lesson_step < 0 || sn->lesson_step != s->lp.step ||
                        sn->lesson_serial != s->lp.serial;
    scene_stack_restore(s, sn->edits_serial, sn->edits_step, sn->edits_k, sn->edits_s);
    s->preset_x = sn->preset_x;
    s->preset_w = sn->preset_w;
    if (restore_grad(s, sn) != 0) {
        scene_set_message(s, 1, "out of memory restoring the gradient view's tensors");
        return -1;
    }
    int units = scene_step_count(s);
    scene_seek(s, sn->unit < units ? sn->unit : units - 1);
    return 0;
}

/* Move one state from `from` to the current, the current onto `to`. */
static int travel(Scene *s, int redo)
{
    SceneHistory *h = history_get(s);
    const char *what = redo ? "redo" : "undo";
    Snapshot *from = h ? (redo ? h->redo : h->undo) : NULL;
    int *n_from = h ? (redo ? &h->n_redo : &h->n_undo) : NULL;
    if (!h || *n_from == 0) {
        scene_set_message(s, 1, "nothing to %s", what);
        return -1;
    }
    Snapshot cur;
    if (history_snap_take(s, &cur) != 0) {
        scene_set_message(s, 1, "%s: out of memory", what);
        return -1;
    }
    Snapshot *top = &from[*n_from - 1];
    if (restore(s, top) != 0) {
        history_snap_free(&cur);
        return -1;
    }
    h->bytes -= top->bytes;
    history_snap_free(top);
    (*n_from)--;
    if (redo)
        history_push(h, h->undo, &h->n_undo, &cur);
    else
        history_push(h, h->redo, &h->n_redo, &cur);
    scene_set_message(s, 0, "%s (%d more to undo, %d to redo)", what, h->n_undo, h->n_redo);
    return 0;
}

int scene_undo(Scene *s)
{
    return travel(s, 0);
}

int scene_redo(Scene *s)
{
    return travel(s, 1);
}
