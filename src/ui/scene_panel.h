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

#include "ui/scene_actions.h"
#include "ui/scene_state.h"

void scene_build_widgets(Scene *s, UiContext *ui);

/* A "label  - value +" row: a click on - or + does the action. */
void scene_stepper(Scene *s, UiContext *ui, unsigned id, Rect r, const char *label,
                   const char *value, UiAction up, UiAction down);

/* The timeline bar (scene_timeline_bar.c). */
void scene_build_timeline(Scene *s, UiContext *ui);

/* The legend (scene_legend.c). Its keys are the marks found in dl (the
 * frame so far): scene_legend_marks, one bit per key in the legend's
 * order; scene_legend_rows: the rows of keys it shows, those seen since
 * the view or the layer changed, two to a row. */
#define LEGEND_KEYS_MAX 16
unsigned scene_legend_marks(const Scene *s, const DrawList *dl);
int scene_legend_rows(Scene *s, const DrawList *dl);
/* Height at width w with key_rows rows of keys; drawn into area. */
int scene_legend_height(const Scene *s, int w, int key_rows);
void scene_legend_draw(Scene *s, UiContext *ui, Rect area, int key_rows);

#endif
