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
/* The text scale a frame is laid out with: the app's (HiDPI) times the
 * user's text size, the theme's and presenter mode's, limited to body text
 * of 3/80 of the window's height (except in a figure). */
float scene_ui_scale(const Scene *s, const UiInput *in);
/* The width the layout gets: the window less an open lesson's column
 * (scene_lesson.c, beside the column's own width). */
int scene_layout_width(Scene *s, const UiInput *in, int body);

/* Presenter mode (scene_present.c): 1 while it hides the header, the panel
 * and the timeline bar; the mouse near the layout's right edge or the
 * window's top or bottom (or h) shows them; they stay while it is over them. */
int scene_present_hides_chrome(const Scene *s);
void scene_present_track(Scene *s, const UiInput *in);
/* The panel's message while presenter mode hides the panel: a box over the
 * view above the status line that fades after a few seconds. _update ages
 * it (1 while it shows: frames must keep coming); _draw draws it. */
int scene_present_toast_update(Scene *s, double dt);
void scene_present_draw_toast(Scene *s, DrawList *dl);

/* Presenter mode's text, relative to the window's. */
#define SCENE_PRESENT_TEXT 1.25f

/* Layouts computed since the scene was created (bench, tests). */
long scene_layout_count(const Scene *s);

#endif
