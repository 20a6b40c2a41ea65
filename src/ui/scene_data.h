/* scene_data.h - changing the tensors' values (scene_data.c): presets,
 * a typed value, tensors from the app or a dropped .npy (those two are
 * public in ui/scene.h).
 *
 *     scene_cycle_preset(s, 1);   // the kernel's next preset
 */
#ifndef TCVIZ_SCENE_DATA_H
#define TCVIZ_SCENE_DATA_H

#include "ui/scene_state.h"

/* The cell editor's text into the selected cell; 0 or -1 (message). */
int scene_commit_edit(Scene *s);
/* The next preset of the input (kernel = 0) or the kernel (1). */
void scene_cycle_preset(Scene *s, int kernel);

#endif
