/* scene_history.h - the recorded states behind undo and redo
 * (scene_history.c records, scene_undo.c travels). Every data and parameter
 * change records the state before it; scene_undo/scene_redo (public,
 * ui/scene_edit.h) swap states by applying them again.
 *
 *     history_record(s);   // before a change
 */
#ifndef TCVIZ_SCENE_HISTORY_H
#define TCVIZ_SCENE_HISTORY_H

#include "ui/scene_edit.h"
#include "ui/scene_state.h"

/* A state: what the user can change. */
typedef struct {
    LayerSpec spec;
    Tensor input, filter, bias; /* bias.data NULL: none */
    Preset preset_x, preset_w;
    float *gx, *gdout; /* NULL: not edited, regenerate */
    size_t gx_count, gdout_count;
    int unit; /* timeline position */
    /* The open lesson's step whose own layer this is (-1: the user's), and
     * which lesson that was: undoing back to it clears the narrative's
     * "you changed the layer". */
    int lesson_step;
    long lesson_serial;
    /* The stack view's stage edits (scene_stack.c) and the step they are of. */
    long edits_serial;
    int edits_step, edits_k[STACK_MAX_STAGES], edits_s[STACK_MAX_STAGES];
    size_t bytes;
} Snapshot;

typedef struct SceneHistory {
    Snapshot undo[HISTORY_MAX_ENTRIES]; /* oldest first */
    Snapshot redo[HISTORY_MAX_ENTRIES]; /* oldest first: the next redo is last */
    int n_undo, n_redo;
    size_t bytes;
    int restoring; /* undo/redo is applying a state: do not record it */
} SceneHistory;

/* Before a change: the current state onto the undo stack (redo cleared);
 * nothing while undo/redo itself restores a state. */
void history_record(Scene *s);
void history_free(Scene *s);

/* For scene_undo.c: the history (created on first use; NULL when out of
 * memory), a copy of the current state, a state's memory, and pushing a
 * state onto a stack (dropping the oldest past the bounds). */
SceneHistory *history_get(Scene *s);
int history_snap_take(const Scene *s, Snapshot *sn);
void history_snap_free(Snapshot *sn);
float *history_copy_floats(const float *v, size_t n, int *ok);
void history_push(SceneHistory *h, Snapshot *stack, int *n, Snapshot *sn);

#endif
