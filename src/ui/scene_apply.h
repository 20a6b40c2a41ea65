/* scene_apply.h - the one door for a new configuration (scene_apply.c):
 * a spec and tensors are checked, the model rebuilt, the state before the
 * change recorded for undo, and the timeline and views told.
 *
 *     LayerSpec spec = s->spec;
 *     spec.params.stride[0] = spec.params.stride[1] = 3;
 *     scene_apply(s, &spec, NULL, NULL, &err);   // keeps x and w
 */
#ifndef TCVIZ_SCENE_APPLY_H
#define TCVIZ_SCENE_APPLY_H

#include "ui/scene_state.h"

/* Take spec and (when not NULL and non-empty) x, w: 0, or -1 with the old
 * state kept and the message shown. Consumes x and w either way. */
int scene_apply(Scene *s, const LayerSpec *spec, Tensor *x, Tensor *w, Err *err);
/* scene_apply that also replaces the bias (bias->data == NULL: none);
 * consumes *bias either way. */
int scene_apply_bias(Scene *s, const LayerSpec *spec, Tensor *x, Tensor *w, Tensor *bias,
                     Err *err);
/* Every view drops what it built for the old layer (also at scene_free). */
void scene_views_changed(Scene *s);

#endif
