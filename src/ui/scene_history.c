/* scene_history.c - the recorded states behind undo and redo.
 *
 * A state is what the user can change: the layer spec, the input and kernel
 * (copies, bit for bit), the presets they came from, and the gradient view's
 * x and d_out when the user edited them (unedited ones are regenerated the
 * same way, so they need no copy). scene_apply and grad_set_value record the
 * state before each change; both stacks keep within HISTORY_MAX_ENTRIES and
 * HISTORY_MAX_BYTES. scene_undo.c travels between them. Also the read-only
 * accessors of ui/scene_edit.h. */
#include "ui/scene_history.h"

#include <stdlib.h>
#include <string.h>

void history_snap_free(Snapshot *sn)
{
    tensor_free(&sn->input);
    tensor_free(&sn->filter);
    tensor_free(&sn->bias);
    free(sn->gx);
    free(sn->gdout);
    memset(sn, 0, sizeof *sn);
}

float *history_copy_floats(const float *v, size_t n, int *ok)
{
    if (!v || !n)
        return NULL;
    float *c = malloc(n * sizeof *c);
    if (!c) {
        *ok = 0;
        return NULL;
    }
    memcpy(c, v, n * sizeof *c);
    return c;
}

int history_snap_take(const Scene *s, Snapshot *sn)
{
    memset(sn, 0, sizeof *sn);
    Err err = {0};
    int ok = 1;
    sn->spec = s->spec;
    sn->preset_x = s->preset_x;
    sn->preset_w = s->preset_w;
    sn->unit = s->tl.unit;
    sn->lesson_step = s->lp.open && !s->lp.changed ? s->lp.step : -1;
    sn->lesson_serial = s->lp.serial;
    const StageEdits *e = &s->stage_edits;
    sn->edits_serial = e->serial;
    sn->edits_step = e->step;
    memcpy(sn->edits_k, e->k, sizeof sn->edits_k);
    memcpy(sn->edits_s, e->s, sizeof sn->edits_s);
    if (tensor_copy(&s->input, &sn->input, &err) != 0 ||
        tensor_copy(&s->filter, &sn->filter, &err) != 0 ||
        (s->bias.data && tensor_copy(&s->bias, &sn->bias, &err) != 0))
        ok = 0;
    if (s->grad.x_custom) {
        sn->gx = history_copy_floats(s->grad.x, s->grad.x_count, &ok);
        sn->gx_count = sn->gx ? s->grad.x_count : 0;
    }
    if (s->grad.dout_custom) {
        sn->gdout = history_copy_floats(s->grad.dout, s->grad.dout_count, &ok);
        sn->gdout_count = sn->gdout ? s->grad.dout_count : 0;
    }
    if (!ok) {
        history_snap_free(sn);
        return -1;
    }
    sn->bytes = (tensor_count(&sn->input) + tensor_count(&sn->filter) +
                 (sn->bias.data ? tensor_count(&sn->bias) : 0) + sn->gx_count +
                 sn->gdout_count) *
                    sizeof(float) +
                sizeof *sn;
    return 0;
}

SceneHistory *history_get(Scene *s)
{
    if (!s->hist)
        s->hist = calloc(1, sizeof *s->hist);
    return s->hist;
}

static void drop_oldest_undo(SceneHistory *h)
{
    h->bytes -= h->undo[0].bytes;
    history_snap_free(&h->undo[0]);
    memmove(&h->undo[0], &h->undo[1], (size_t)(h->n_undo - 1) * sizeof h->undo[0]);
    h->n_undo--;
    memset(&h->undo[h->n_undo], 0, sizeof h->undo[0]);
}

static void clear_redo(SceneHistory *h)
{
    for (int i = 0; i < h->n_redo; i++) {
        h->bytes -= h->redo[i].bytes;
        history_snap_free(&h->redo[i]);
    }
    h->n_redo = 0;
}

/* Push onto a stack, keeping both bounds (the undo stack gives way first:
 * its oldest states are the least likely to be wanted). */
void history_push(SceneHistory *h, Snapshot *stack, int *n, Snapshot *sn)
{
    if (*n == HISTORY_MAX_ENTRIES) {
        if (stack == h->undo) {
            drop_oldest_undo(h);
        } else { /* redo is never longer than the undo stack was: cannot happen */
            h->bytes -= stack[0].bytes;
            history_snap_free(&stack[0]);
            memmove(&stack[0], &stack[1], (size_t)(*n - 1) * sizeof *stack);
            (*n)--;
        }
    }
    stack[(*n)++] = *sn;
    h->bytes += sn->bytes;
    while (h->bytes > HISTORY_MAX_BYTES && h->n_undo > 1)
        drop_oldest_undo(h);
    memset(sn, 0, sizeof *sn);
}

void history_record(Scene *s)
{
    SceneHistory *h = history_get(s);
    if (!h || h->restoring)
        return;
    Snapshot sn;
    clear_redo(h); /* a new change forks the history: the redo states are gone */
    if (history_snap_take(s, &sn) != 0)
        return; /* out of memory: the change still happens, only without undo */
    history_push(h, h->undo, &h->n_undo, &sn);
}

void history_free(Scene *s)
{
    SceneHistory *h = s->hist;
    if (!h)
        return;
    for (int i = 0; i < h->n_undo; i++)
        history_snap_free(&h->undo[i]);
    clear_redo(h);
    free(h);
    s->hist = NULL;
}

void scene_history_info(const Scene *s, int *undo, int *redo, size_t *bytes)
{
    const SceneHistory *h = s->hist;
    if (undo)
        *undo = h ? h->n_undo : 0;
    if (redo)
        *redo = h ? h->n_redo : 0;
    if (bytes)
        *bytes = h ? h->bytes : 0;
}

const LayerSpec *scene_spec(const Scene *s)
{
    return &s->spec;
}

const Tensor *scene_tensor(const Scene *s, const char *which)
{
    if (strcmp(which, "input") == 0)
        return &s->input;
    if (strcmp(which, "filter") == 0 || strcmp(which, "kernel") == 0)
        return &s->filter;
    if (strcmp(which, "bias") == 0)
        return &s->bias;
    return NULL;
}

const char *scene_message(const Scene *s, int *error)
{
    if (error)
        *error = s->msg_error;
    return s->msg;
}
