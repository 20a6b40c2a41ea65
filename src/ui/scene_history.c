/* scene_history.c - undo and redo of every data and parameter change.
 *
 * A state is what the user can change: the layer spec, the input and kernel
 * (copies, bit for bit), the presets they came from, and the gradient view's
 * x and d_out when the user edited them (unedited ones are regenerated the
 * same way, so they need no copy). scene_apply and grad_set_value record the
 * state before each change; undo swaps the current state with the last
 * recorded one by going through scene_apply again, so a restored state is
 * rebuilt by exactly the code that built it the first time. */
#include "ui/scene_edit.h"
#include "ui/scene_internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    LayerSpec spec;
    Tensor input, filter, bias; /* bias.data NULL: none */
    Preset preset_x, preset_w;
    float *gx, *gdout; /* NULL: not edited, regenerate */
    size_t gx_count, gdout_count;
    int unit; /* timeline position */
    size_t bytes;
} Snapshot;

typedef struct SceneHistory {
    Snapshot undo[HISTORY_MAX_ENTRIES]; /* oldest first */
    Snapshot redo[HISTORY_MAX_ENTRIES]; /* oldest first: the next redo is last */
    int n_undo, n_redo;
    size_t bytes;
    int restoring; /* undo/redo is applying a state: do not record it */
} SceneHistory;

static void snap_free(Snapshot *sn)
{
    tensor_free(&sn->input);
    tensor_free(&sn->filter);
    tensor_free(&sn->bias);
    free(sn->gx);
    free(sn->gdout);
    memset(sn, 0, sizeof *sn);
}

static float *copy_floats(const float *v, size_t n, int *ok)
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

static int snap_take(const Scene *s, Snapshot *sn)
{
    memset(sn, 0, sizeof *sn);
    Err err = {0};
    int ok = 1;
    sn->spec = s->spec;
    sn->preset_x = s->preset_x;
    sn->preset_w = s->preset_w;
    sn->unit = s->tl.unit;
    if (tensor_copy(&s->input, &sn->input, &err) != 0 ||
        tensor_copy(&s->filter, &sn->filter, &err) != 0 ||
        (s->bias.data && tensor_copy(&s->bias, &sn->bias, &err) != 0))
        ok = 0;
    if (s->grad.x_custom) {
        sn->gx = copy_floats(s->grad.x, s->grad.x_count, &ok);
        sn->gx_count = sn->gx ? s->grad.x_count : 0;
    }
    if (s->grad.dout_custom) {
        sn->gdout = copy_floats(s->grad.dout, s->grad.dout_count, &ok);
        sn->gdout_count = sn->gdout ? s->grad.dout_count : 0;
    }
    if (!ok) {
        snap_free(sn);
        return -1;
    }
    sn->bytes = (tensor_count(&sn->input) + tensor_count(&sn->filter) +
                 (sn->bias.data ? tensor_count(&sn->bias) : 0) + sn->gx_count +
                 sn->gdout_count) *
                    sizeof(float) +
                sizeof *sn;
    return 0;
}

static SceneHistory *hist(Scene *s)
{
    if (!s->hist)
        s->hist = calloc(1, sizeof *s->hist);
    return s->hist;
}

static void drop_oldest_undo(SceneHistory *h)
{
    h->bytes -= h->undo[0].bytes;
    snap_free(&h->undo[0]);
    memmove(&h->undo[0], &h->undo[1], (size_t)(h->n_undo - 1) * sizeof h->undo[0]);
    h->n_undo--;
    memset(&h->undo[h->n_undo], 0, sizeof h->undo[0]);
}

static void clear_redo(SceneHistory *h)
{
    for (int i = 0; i < h->n_redo; i++) {
        h->bytes -= h->redo[i].bytes;
        snap_free(&h->redo[i]);
    }
    h->n_redo = 0;
}

/* Push onto a stack, keeping both bounds (the undo stack gives way first:
 * its oldest states are the least likely to be wanted). */
static void push(SceneHistory *h, Snapshot *stack, int *n, Snapshot *sn)
{
    if (*n == HISTORY_MAX_ENTRIES) {
        if (stack == h->undo) {
            drop_oldest_undo(h);
        } else { /* redo is never longer than the undo stack was: cannot happen */
            h->bytes -= stack[0].bytes;
            snap_free(&stack[0]);
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
    SceneHistory *h = hist(s);
    if (!h || h->restoring)
        return;
    Snapshot sn;
    clear_redo(h); /* a new change forks the history: the redo states are gone */
    if (snap_take(s, &sn) != 0)
        return; /* out of memory: the change still happens, only without undo */
    push(h, h->undo, &h->n_undo, &sn);
}

void history_free(Scene *s)
{
    SceneHistory *h = s->hist;
    if (!h)
        return;
    for (int i = 0; i < h->n_undo; i++)
        snap_free(&h->undo[i]);
    clear_redo(h);
    free(h);
    s->hist = NULL;
}

/* The gradient view's own tensors: the snapshot's (copied), or none so they
 * are regenerated for the restored layer. */
static int restore_grad(Scene *s, const Snapshot *sn)
{
    GradModel *gm = &s->grad;
    int ok = 1;
    float *gx = copy_floats(sn->gx, sn->gx_count, &ok);
    float *gd = copy_floats(sn->gdout, sn->gdout_count, &ok);
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
    SceneHistory *h = hist(s);
    const char *what = redo ? "redo" : "undo";
    Snapshot *from = h ? (redo ? h->redo : h->undo) : NULL;
    int *n_from = h ? (redo ? &h->n_redo : &h->n_undo) : NULL;
    if (!h || *n_from == 0) {
        scene_set_message(s, 1, "nothing to %s", what);
        return -1;
    }
    Snapshot cur;
    if (snap_take(s, &cur) != 0) {
        scene_set_message(s, 1, "%s: out of memory", what);
        return -1;
    }
    Snapshot *top = &from[*n_from - 1];
    if (restore(s, top) != 0) {
        snap_free(&cur);
        return -1;
    }
    h->bytes -= top->bytes;
    snap_free(top);
    (*n_from)--;
    if (redo)
        push(h, h->undo, &h->n_undo, &cur);
    else
        push(h, h->redo, &h->n_redo, &cur);
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
