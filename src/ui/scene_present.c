/* scene_present.c - presenter mode: the view and the narrative, big.
 *
 * The header, the panel and the timeline bar are laid out only while they
 * are wanted: the mouse at the right edge of the layout (where the panel
 * sits) or at the window's top or bottom edge brings them back, and they
 * stay while the mouse is over them or dragging the scrub bar; h keeps
 * them shown until pressed again. The grids are laid out again either way, so
 * nothing is ever drawn over them. */
#include "ui/scene_layout.h"
#include "ui/text.h"
#include "ui/theme.h"

void scene_set_present(Scene *s, int on)
{
    s->present = on ? 1 : 0;
    s->present_chrome = s->present_pinned = 0;
}

int scene_present(const Scene *s)
{
    return s->present;
}

int scene_present_hides_chrome(const Scene *s)
{
    return s->present && !s->figure && !s->present_chrome && !s->present_pinned;
}

void scene_present_track(Scene *s, const UiInput *in)
{
    if (!s->present)
        return;
    const ScreenLayout *l = &s->layout;
    int b = l->body_px > 0 ? l->body_px : 18, edge = b > 12 ? b : 12;
    int mx = in->mouse_x, my = in->mouse_y;
    int lw = scene_layout_width(s, in, b);
    int in_window = mx >= 0 && my >= 0 && mx < in->width && my < in->height;
    int near_edge = in_window && ((mx >= lw - edge && mx < lw) || my < edge ||
                                  my >= in->height - edge);
    int over = in_window && s->present_chrome &&
               (rect_contains(l->panel, mx, my) || rect_contains(l->timeline, mx, my) ||
                rect_contains(l->header, mx, my));
    s->present_chrome = near_edge || over || (s->present_chrome && in->mouse_down && s->ui.mouse_taken);
}

/* A message (scene_set_message: "saved ...", an error) goes to the panel;
 * while presenter mode hides the panel it shows in the status line's place
 * instead (growing upwards when it needs more lines than the status has),
 * so it covers no grid, for a few seconds (an error for longer) and then
 * fades. */
#define TOAST_SECONDS 4.0
#define TOAST_ERROR_SECONDS 8.0
#define TOAST_FADE_SECONDS 1.0

static double toast_left(const Scene *s)
{
    return (s->msg_error ? TOAST_ERROR_SECONDS : TOAST_SECONDS) - s->msg_age;
}

int scene_present_toast_update(Scene *s, double dt)
{
    if (!s->msg[0] || toast_left(s) <= 0.0)
        return 0;
    s->msg_age += dt > 0.0 ? dt : 0.0;
    /* frames keep coming while it shows, so it fades and goes unasked */
    return scene_present_hides_chrome(s) && toast_left(s) > 0.0;
}

void scene_present_draw_toast(Scene *s, DrawList *dl)
{
    double left = toast_left(s);
    if (!scene_present_hides_chrome(s) || !s->msg[0] || left <= 0.0)
        return;
    const ScreenLayout *l = &s->layout;
    const Theme *th = theme_get(s->theme);
    float shown = left < TOAST_FADE_SECONDS ? (float)(left / TOAST_FADE_SECONDS) : 1.0f;
    int b = l->body_px, pad = l->pad, lh = b * 5 / 4;
    /* The whole status band (the layout's width: left of a lesson's
     * column), so none of the status text shows around it. */
    Rect band = l->status;
    Rect text = {0, 0, band.w - 4 * pad, 1 << 20};
    if (text.w <= 0)
        return;
    int lines = scene_wrap_text(s, NULL, text, b, th->tooltip_text, s->msg);
    int h = lines * lh + 2 * pad - b / 4;
    h = h > band.h ? h : band.h;
    Rect box = {band.x + pad, band.y + band.h - h, band.w - 2 * pad, h};
    if (box.y < 0)
        box.y = 0;
    Color bg = th->tooltip_bg, fg = s->msg_error ? th->error : th->tooltip_text;
    draw_rect(dl, box, color_alpha(bg, (unsigned char)(255.0f * shown))); /* over the status */
    draw_frame(dl, box, color_alpha(s->msg_error ? th->error : th->border,
                                    (unsigned char)(255.0f * shown)), 2);
    int top = box.y + (box.h - (lines * lh - b / 4)) / 2;
    scene_wrap_text(s, dl, (Rect){box.x + pad, top, text.w, lines * lh}, b,
                    color_mix(bg, fg, shown), s->msg);
}
