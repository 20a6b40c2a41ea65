/* scene_present.c - presenter mode: the view and the narrative, big.
 *
 * The header, the panel and the timeline bar are laid out only while they
 * are wanted: the mouse at the right edge of the layout (where the panel
 * sits) or at the window's top or bottom edge brings them back, and they
 * stay while the mouse is over them or dragging the scrub bar; h keeps
 * them shown until pressed again. The grids are laid out again either way, so
 * nothing is ever drawn over them. */
#include "ui/scene_layout.h"

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
