/* scene_edit.h - the user's own tensors: undo/redo, paste, save, resize.
 *
 * Every data and parameter change of the scene goes through scene_apply
 * (scene_apply.c) or, for the gradient view's x and d_out, grad_set_value;
 * both record the state before the change here, so undo never misses one.
 *
 *     scene_paste(s, "[[1, 2], [3, 4.5]]");   // into the selected x or w
 *     scene_undo(s);                          // back to the exact tensors
 *     char dir[1024];
 *     scene_save(s, ".", dir, sizeof dir, &err); // ./tcviz-session-.../lesson.yaml
 */
#ifndef TCVIZ_SCENE_EDIT_H
#define TCVIZ_SCENE_EDIT_H

#include <stddef.h>

#include "ui/scene.h"

/* History bounds: the oldest states are dropped past either. */
#define HISTORY_MAX_ENTRIES 64
#define HISTORY_MAX_BYTES ((size_t)64 << 20)

/* Interactive limits: larger tensors are refused with a message that
 * names the limit (scene_check_limits). */
#define VIZ_MAX_SPATIAL 64
#define VIZ_MAX_CHANNELS 64

/* Step back / forward through the recorded states: 0, or -1 (nothing to
 * undo/redo, or the state could not be rebuilt; the message says which).
 * The timeline position is restored, clamped to the restored timeline. */
int scene_undo(Scene *s);
int scene_redo(Scene *s);
/* How many states undo / redo can reach, and the bytes the history holds. */
void scene_history_info(const Scene *s, int *undo, int *redo, size_t *bytes);

/* The configuration, for tests and the save. Borrowed: valid until the
 * next change. which: "input", "filter" ("kernel"), "bias". */
const LayerSpec *scene_spec(const Scene *s);
const Tensor *scene_tensor(const Scene *s, const char *which);
/* The panel's message line (error: 1 when it reports a refusal). */
const char *scene_message(const Scene *s, int *error);

/* Parse text copied from Python (io/paste.h) into the selected tensor: the
 * kernel when a w cell is selected, else the input. 0, or -1 with the
 * tensor unchanged and the message "paste: line 2, column 7: ...". */
int scene_paste(Scene *s, const char *text);

/* Check a tensor against the interactive limits ("input" or "filter"). */
int scene_check_limits(const Tensor *t, const char *what, Err *err);

/* Write input.npy, filter.npy, output.npy (+ bias.npy; d_out.npy,
 * d_input.npy and d_filter.npy when the gradient view is shown) and
 * lesson.yaml into a new folder parent/tcviz-session-YYYYmmdd-HHMMSS/
 * (a suffix -2, -3, ... when that exists; nothing is ever overwritten).
 * The folder's path goes to dir (may be NULL); the scene's message says
 * "saved N files to DIR/". 0, or -1 with err. */
int scene_save(Scene *s, const char *parent, char *dir, size_t dir_cap, Err *err);

/* Add (delta +1) or remove (-1) a row (axis 0) or column (axis 1) of the
 * selected tensor (the kernel when a w cell is selected, else the input):
 * new cells are zero, removed ones are the last. */
int scene_resize_tensor(Scene *s, int axis, int delta);

#endif
