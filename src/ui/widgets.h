/* widgets.h - a small immediate-mode widget layer (after microui).
 *
 * The same code builds the panel twice a frame: once in the input pass
 * (dl == NULL: widgets see the mouse and return result flags, nothing is
 * drawn) and once in the draw pass (commands are emitted, nothing changes).
 * That keeps update and draw apart while each widget stays one call.
 *
 *     ui_begin(&ui, in, NULL);                          // scene_handle_input
 *     if (ui_stepper(&ui, W_STRIDE, r, "stride", "2", &s, 1, 8) & UI_CHANGED)
 *         apply_stride(s);
 *     ui_end(&ui);
 *     ui_begin(&ui, in, dl);                            // scene_draw: same calls
 */
#ifndef TCVIZ_WIDGETS_H
#define TCVIZ_WIDGETS_H

#include "ui/draw.h"
#include "ui/input.h"
#include "ui/theme.h"

enum { UI_CHANGED = 1, UI_CLICKED = 2 };

#define UI_MAX_WIDGETS 96

typedef struct {
    const UiInput *in;
    DrawList *dl; /* NULL in the input pass */
    const Theme *theme;
    TextMeasureFn measure;
    void *measure_user;
    int text_px;
    unsigned active; /* the widget the mouse went down on; kept across frames */
    int n_rects;     /* widgets placed this pass (for ui_over_widget) */
    Rect rects[UI_MAX_WIDGETS];
    int mouse_taken; /* a widget consumed this frame's press or drag */
} UiContext;

void ui_begin(UiContext *ui, const UiInput *in, DrawList *dl);
void ui_end(UiContext *ui);
/* True when (x, y) is on a widget placed in the last pass. */
int ui_over_widget(const UiContext *ui, int x, int y);

int ui_text_width(const UiContext *ui, int px, const char *s);
void ui_label(UiContext *ui, Rect r, const char *s, Color c, TextAlign align);

/* A push button; `on` draws it pressed (a selected choice). UI_CLICKED. */
int ui_button(UiContext *ui, unsigned id, Rect r, const char *label, int on);
/* A button that flips *value: UI_CHANGED. */
int ui_toggle(UiContext *ui, unsigned id, Rect r, const char *label, int *value);
/* "label  [-] value [+]": UI_CHANGED when *value moved within [lo, hi]. */
int ui_stepper(UiContext *ui, unsigned id, Rect r, const char *label, const char *value_text,
               int *value, int lo, int hi);
/* A horizontal bar; press and drag set *frac in [0, 1]: UI_CHANGED. A tick
 * is drawn at `marker` when it is in (0, 1) (the start of the second phase). */
int ui_scrub(UiContext *ui, unsigned id, Rect r, double *frac, double marker);

#endif
