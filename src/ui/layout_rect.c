/* layout_rect.c - the rectangle helpers every layout is cut with: contains,
 * overlaps, inset, intersect and cutting strips off a side (rows of a
 * panel, the regions of the window). */
#include "ui/layout.h"

int rect_contains(Rect r, int x, int y)
{
    return x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

int rect_overlaps(Rect a, Rect b)
{
    return a.w > 0 && a.h > 0 && b.w > 0 && b.h > 0 && a.x < b.x + b.w && b.x < a.x + a.w &&
           a.y < b.y + b.h && b.y < a.y + a.h;
}

Rect rect_inset(Rect r, int d)
{
    r.x += d;
    r.y += d;
    r.w -= 2 * d;
    r.h -= 2 * d;
    if (r.w < 0)
        r.w = 0;
    if (r.h < 0)
        r.h = 0;
    return r;
}

Rect rect_intersect(Rect a, Rect b)
{
    int x0 = a.x > b.x ? a.x : b.x, y0 = a.y > b.y ? a.y : b.y;
    int x1 = a.x + a.w < b.x + b.w ? a.x + a.w : b.x + b.w;
    int y1 = a.y + a.h < b.y + b.h ? a.y + a.h : b.y + b.h;
    return (Rect){x0, y0, x1 > x0 ? x1 - x0 : 0, y1 > y0 ? y1 - y0 : 0};
}

static int clampi(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

Rect rect_cut_left(Rect *r, int w)
{
    w = clampi(w, 0, r->w);
    Rect out = {r->x, r->y, w, r->h};
    r->x += w;
    r->w -= w;
    return out;
}

Rect rect_cut_right(Rect *r, int w)
{
    w = clampi(w, 0, r->w);
    r->w -= w;
    return (Rect){r->x + r->w, r->y, w, r->h};
}

Rect rect_cut_top(Rect *r, int h)
{
    h = clampi(h, 0, r->h);
    Rect out = {r->x, r->y, r->w, h};
    r->y += h;
    r->h -= h;
    return out;
}

Rect rect_cut_bottom(Rect *r, int h)
{
    h = clampi(h, 0, r->h);
    r->h -= h;
    return (Rect){r->x, r->y + r->h, r->w, h};
}
