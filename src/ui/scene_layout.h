/* scene_layout.h - the frame's layout for the current view (scene_layout.c),
 * computed when the window, the layer, the view or what the captions say
 * changed, and kept otherwise: input hit-tests and drawing read the same one.
 *
 *     scene_layout(s, in);   // at most one layout pass when nothing changed
 *     layout_hit(&s->layout, x, y, &grid, &row, &col);
 */
#ifndef TCVIZ_SCENE_LAYOUT_H
#define TCVIZ_SCENE_LAYOUT_H

#include "ui/scene_state.h"

void scene_layout(Scene *s, const UiInput *in);
/* Layouts computed since the scene was created (bench, tests). */
long scene_layout_count(const Scene *s);

#endif
