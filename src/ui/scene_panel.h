/* scene_panel.h - the parameter panel and the timeline bar as immediate
 * widgets (scene_panel.c): built once for input (clicks become actions)
 * and once for drawing, from the same state, so they always agree.
 *
 *     ui_begin(&s->ui, in, dl);
 *     scene_build_widgets(s, &s->ui);
 *     ui_end(&s->ui);
 */
#ifndef TCVIZ_SCENE_PANEL_H
#define TCVIZ_SCENE_PANEL_H

#include "ui/scene_state.h"

void scene_build_widgets(Scene *s, UiContext *ui);

#endif
