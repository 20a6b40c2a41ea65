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
 * order. It shows those seen since the view or the layer changed, and
 * says so when a grid on screen has cells too small for its numbers. */
#define LEGEND_KEYS_MAX 16
unsigned scene_legend_marks(const Scene *s, const DrawList *dl);
/* Add the marks in dl to those the legend shows (all forgotten when the
 * view or the layer changed). */
void scene_legend_see(Scene *s, const DrawList *dl);

/* How the legend is laid out: text size, keys a row, how compact (0: in
 * full; 1: short scale sentences, three keys a row when their names fit,
 * rows closer; LEGEND_TIGHT: also the bar's numbers beside it and the
 * small-cells line short; LEGEND_BARE: the bar titled "values" without
 * the scale sentences), and the height that takes. */
#define LEGEND_TIGHT 2
#define LEGEND_BARE 3
typedef struct {
    int px;
    int cols;
    int compact;
    int h;
} LegendForm;

/* The legend at text px in width w, as compact as asked: 0 when its key
 * names do not fit their columns. */
int scene_legend_form(const Scene *s, int w, int px, int compact, LegendForm *f);
void scene_legend_draw(Scene *s, UiContext *ui, Rect area, const LegendForm *f);

#endif
