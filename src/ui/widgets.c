/* widgets.c - buttons, toggles, steppers and the scrub bar.
 *
 * Buttons act on the press, not the release: on a projector, with a
 * trackpad, a press is what people do. A widget keeps the mouse (`active`)
 * from its press to the release, so dragging the scrub bar past its ends
 * still scrubs and no other widget or grid reacts meanwhile. */
#include "ui/widgets.h"

#include <stdio.h>
#include <string.h>

#include "ui/layout.h"

void ui_begin(UiContext *ui, const UiInput *in, DrawList *dl)
{
    ui->in = in;
    ui->dl = dl;
    ui->n_rects = 0;
    if (!dl) {
        ui->mouse_taken = ui->active != 0;
        /* Released (or the button is up): no widget holds the mouse. */
        if (!in->mouse_down && !in->mouse_pressed)
            ui->active = 0;
    }
}

void ui_end(UiContext *ui)
{
    (void)ui;
}

int ui_over_widget(const UiContext *ui, int x, int y)
{
    for (int i = 0; i < ui->n_rects; i++)
        if (rect_contains(ui->rects[i], x, y))
            return 1;
    return 0;
}

int ui_text_width(const UiContext *ui, int px, const char *s)
{
    return ui->measure ? ui->measure(ui->measure_user, px, s) : (int)strlen(s) * px * 6 / 10;
}

/* Text that fits w x h px: the widget size (no taller than h), else
 * smaller down to 3/4 of it (at least 11 px), else cut with an ellipsis, so
 * a label never runs into its neighbour. Writes the text to buf and
 * returns its size. */
static int fit_label(const UiContext *ui, int w, int h, const char *s, char *buf, size_t cap)
{
    int px = ui->text_px < h ? ui->text_px : h, min = ui->text_px * 3 / 4;
    min = min > px ? px : min;
    min = min < 11 ? 11 : min;
    px = px < min ? min : px;
    snprintf(buf, cap, "%s", s);
    for (; px > min && ui_text_width(ui, px, buf) > w; px--) {
    }
    size_t n = strlen(buf);
    while (n > 0 && ui_text_width(ui, px, buf) > w) {
        do /* back one UTF-8 character */
            n--;
        while (n > 0 && ((unsigned char)buf[n] & 0xC0) == 0x80);
        if (n + 4 > cap)
            continue;
        memcpy(buf + n, "\xe2\x80\xa6", 4); /* U+2026 */
    }
    return px;
}

static void draw_fitted(UiContext *ui, Rect r, int room, int room_h, const char *s, Color c,
                        TextAlign align)
{
    char buf[128];
    int px = fit_label(ui, room, room_h, s, buf, sizeof buf);
    draw_text_box(ui->dl, (Rect){r.x, r.y + (r.h - px) / 2, r.w, px}, px, c, align, buf);
}

void ui_label(UiContext *ui, Rect r, const char *s, Color c, TextAlign align)
{
    if (ui->dl)
        draw_fitted(ui, r, r.w, r.h, s, c, align);
}

static void add_rect(UiContext *ui, Rect r)
{
    if (ui->n_rects < UI_MAX_WIDGETS)
        ui->rects[ui->n_rects++] = r;
}

/* Input-pass bookkeeping shared by all widgets: 1 when pressed this frame. */
static int press(UiContext *ui, unsigned id, Rect r)
{
    add_rect(ui, r);
    const UiInput *in = ui->in;
    if (ui->dl || !in->mouse_pressed || ui->mouse_taken ||
        !rect_contains(r, in->mouse_x, in->mouse_y))
        return 0;
    ui->active = id;
    ui->mouse_taken = 1;
    return 1;
}

static int hot(const UiContext *ui, Rect r)
{
    return rect_contains(r, ui->in->mouse_x, ui->in->mouse_y);
}

static void draw_button(UiContext *ui, Rect r, const char *label, int on)
{
    const Theme *t = ui->theme;
    Color bg = on ? t->button_on : hot(ui, r) ? t->button_hot : t->button;
    draw_rect(ui->dl, r, bg);
    draw_frame(ui->dl, r, t->border, 1);
    Color fg = on ? theme_text_on(t, bg) : t->button_text;
    draw_fitted(ui, r, r.w - 4, r.h - 2, label, fg, ALIGN_CENTER);
}

int ui_button(UiContext *ui, unsigned id, Rect r, const char *label, int on)
{
    if (ui->dl) {
        add_rect(ui, r);
        draw_button(ui, r, label, on);
        return 0;
    }
    return press(ui, id, r) ? UI_CLICKED : 0;
}

int ui_toggle(UiContext *ui, unsigned id, Rect r, const char *label, int *value)
{
    if (!(ui_button(ui, id, r, label, *value) & UI_CLICKED))
        return 0;
    *value = !*value;
    return UI_CHANGED | UI_CLICKED;
}

int ui_stepper(UiContext *ui, unsigned id, Rect r, const char *label, const char *value_text,
               int *value, int lo, int hi)
{
    /* [label........][-][ value ][+] */
    Rect row = r;
    int bw = r.h;
    Rect plus = rect_cut_right(&row, bw);
    Rect val = rect_cut_right(&row, bw * 2);
    Rect minus = rect_cut_right(&row, bw);
    if (ui->dl) {
        const Theme *t = ui->theme;
        ui_label(ui, row, label, t->text, ALIGN_LEFT);
        ui_label(ui, val, value_text, t->title, ALIGN_CENTER);
    }
    int res = 0;
    /* Ids: the stepper's own id for "-", id + 1 for "+"; callers space ids by 2. */
    if ((ui_button(ui, id, minus, "-", 0) & UI_CLICKED) && *value > lo) {
        (*value)--;
        res = UI_CHANGED;
    }
    if ((ui_button(ui, id + 1, plus, "+", 0) & UI_CLICKED) && *value < hi) {
        (*value)++;
        res = UI_CHANGED;
    }
    return res;
}

int ui_scrub(UiContext *ui, unsigned id, Rect r, double *frac, double marker)
{
    const UiInput *in = ui->in;
    if (ui->dl) {
        const Theme *t = ui->theme;
        add_rect(ui, r);
        /* the knob stays inside r at both ends */
        int kw = r.h / 2 > 4 ? r.h / 2 : 4;
        Rect track = {r.x + kw / 2, r.y + r.h / 3, r.w - kw, r.h - 2 * (r.h / 3)};
        draw_rect(ui->dl, track, t->button);
        draw_frame(ui->dl, track, t->border, 1);
        int fill = (int)(*frac * track.w + 0.5);
        draw_rect(ui->dl, (Rect){track.x, track.y, fill, track.h}, t->button_on);
        if (marker > 0.0 && marker < 1.0) {
            int mx = track.x + (int)(marker * track.w);
            draw_line(ui->dl, mx, r.y, mx, r.y + r.h, t->text_dim, 2);
        }
        int kx = track.x + fill;
        Rect knob = {kx - kw / 2, r.y, kw, r.h};
        draw_rect(ui->dl, knob, ui->active == id || hot(ui, r) ? t->highlight : t->text);
        return 0;
    }
    press(ui, id, r);
    if (ui->active != id || !(in->mouse_down || in->mouse_pressed) || r.w <= 0)
        return 0;
    int kw = r.h / 2 > 4 ? r.h / 2 : 4;
    double f = r.w > kw ? (double)(in->mouse_x - r.x - kw / 2) / (r.w - kw) : 0.0;
    f = f < 0.0 ? 0.0 : f > 1.0 ? 1.0 : f;
    if (f == *frac)
        return 0;
    *frac = f;
    return UI_CHANGED;
}
