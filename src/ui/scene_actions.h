/* scene_actions.h - what the user can do, by name: scene_do
 * (scene_actions.c) is the one switch that keys and the panel's buttons go
 * through, so a button and its key never differ; parameter and convention
 * changes (scene_params.c).
 *
 *     scene_do(s, ACT_STRIDE_UP);
 */
#ifndef TCVIZ_SCENE_ACTIONS_H
#define TCVIZ_SCENE_ACTIONS_H

#include "ui/scene_state.h"

/* Zoom factor of one step of +, - or the wheel. */
#define SCENE_ZOOM_STEP 1.25f

void scene_do(Scene *s, UiAction a);

/* scene_params.c */
void scene_param_action(Scene *s, UiAction a);
void scene_toggle_convention(Scene *s);
void scene_set_padding_mode(Scene *s, PadMode mode);

#endif
