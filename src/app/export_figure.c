/* export_figure.c - the size of a figure as tall as its content.
 *
 * The figure is laid out in a tall surface with the text size of a 16:9
 * picture of its width; then the lowest layout height that still shows
 * everything the tall one shows is found, and the picture is cropped to the
 * rows its shots draw on there. One crop for all shots: every frame of a
 * GIF or sequence has the same size. */
#include "app/export_internal.h"

#include <stdlib.h>

#include "ui/layout.h"

/* Rows [*top, *bottom) that the list draws on, inside its clips; the
 * figure's background (a first rect over everything) does not count. */
static void drawn_rows(const DrawList *dl, int w, int h, int *top, int *bottom)
{
    Rect clip = {0, 0, w, h};
    for (int i = 0; i < dl->count; i++) {
        const DrawCmd *c = &dl->cmds[i];
        Rect r = c->rect;
        if (c->kind == DRAW_CLIP) {
            clip = r.w > 0 && r.h > 0 ? r : (Rect){0, 0, w, h};
            continue;
        }
        if (i == 0 && c->kind == DRAW_RECT && r.x <= 0 && r.y <= 0 && r.w >= w && r.h >= h)
            continue;
        if (c->kind == DRAW_TEXT) {
            r.h = c->size_px * 5 / 4; /* descenders below the size box */
            r.w = r.w > 0 ? r.w : 1;
        } else if (c->kind == DRAW_LINE) {
            int y0 = r.y < r.y + r.h ? r.y : r.y + r.h;
            r = (Rect){r.x < r.x + r.w ? r.x : r.x + r.w, y0 - c->thickness, abs(r.w) + 1,
                       abs(r.h) + 2 * c->thickness};
        }
        r = rect_intersect(r, clip);
        if (r.w <= 0 || r.h <= 0)
            continue;
        *top = r.y < *top ? r.y : *top;
        *bottom = r.y + r.h > *bottom ? r.y + r.h : *bottom;
    }
}

/* A figure without a height is laid out in a tall surface, then cropped.
 * Text is sized as for a 16:9 picture of that width. */
void export_open_size(const ExportPlan *p, int *w, int *h)
{
    *w = p->w;
    *h = p->h;
    if (p->figure && p->h == 0) {
        *h = 2 * p->w;
        *h = *h < 540 ? 540 : *h > 4320 ? 4320 : *h;
    }
}

/* The layout area's height for the figure: UiInput's scale keeps the text
 * size of the width, whatever the height. */
static void set_height(Offscreen *o, int h)
{
    o->in.height = h;
    o->in.scale = (float)layout_text_px(o->w * 9 / 16, 1.0f) / (float)layout_text_px(h, 1.0f);
}

/* What a smaller area could lose: the cell size of the first grid shown
 * (w, h packed; 0 if none), how many texts are drawn whole inside their
 * clip and the area, and the filled area visible (a view that scrolls or
 * cuts text instead of shrinking its cells, like the matrix and the code,
 * loses some of those). */
typedef struct {
    long cell, filled;
    int texts;
} Content;

static Content content(const Offscreen *o, int h)
{
    Content c = {0, 0, 0};
    Rect r, area = {0, 0, o->w, h}, clip = area;
    for (int g = 0; g < GRID_COUNT && !c.cell; g++)
        if (scene_cell_rect(o->scene, g, 0, 0, &r))
            c.cell = (long)r.w << 16 | r.h;
    for (int i = 0; i < o->dl.count; i++) {
        const DrawCmd *d = &o->dl.cmds[i];
        if (d->kind == DRAW_CLIP)
            clip = d->rect.w > 0 ? rect_intersect(d->rect, area) : area;
        else if (d->kind == DRAW_TEXT)
            c.texts += rect_contains(clip, d->rect.x, d->rect.y) &&
                       d->rect.y + d->size_px <= clip.y + clip.h;
        else if (d->kind == DRAW_RECT && i > 0) { /* not the figure's background */
            Rect v = rect_intersect(d->rect, clip);
            c.filled += (long)v.w * v.h;
        }
    }
    return c;
}

/* 1 when every resting shot shows at layout height h what it showed in the
 * tall area (recorded into was[] when record). */
static int keeps_content(Export *e, int h, Content *was, int record)
{
    set_height(&e->o, h);
    for (int i = 0; i < e->n_shots; i++) {
        if (!e->shots[i].rests)
            continue;
        if (export_draw_shot(e, &e->shots[i]) != 0)
            return -1;
        Content c = content(&e->o, h);
        if (record)
            was[i] = c;
        else if (c.cell != was[i].cell || c.texts != was[i].texts ||
                 (c.cell && c.filled != was[i].filled)) /* a text view's box fills any area */
            return 0;
    }
    return 1;
}

/* The lowest layout height that shows what the tall area shows (a taller
 * area never shows less, so this is a bisection), then the crop to the
 * rows the shots drew on there, plus a margin. */
int export_crop_figure(Export *e)
{
    Offscreen *o = &e->o;
    Content *was = calloc((size_t)e->n_shots, sizeof *was);
    if (!was)
        return err_fail(&e->err, TC_ERR_NOMEM, "out of memory for the list of frames");
    int lo = 1, hi = o->h, rc = keeps_content(e, hi, was, 1);
    while (rc >= 0 && lo < hi) {
        int mid = lo + (hi - lo) / 2;
        rc = keeps_content(e, mid, was, 0);
        if (rc == 1)
            hi = mid;
        else if (rc == 0)
            lo = mid + 1;
    }
    free(was);
    if (rc < 0)
        return -1;
    set_height(o, hi);
    int top = hi, bottom = 0;
    for (int i = 0; i < e->n_shots; i++) {
        if (export_draw_shot(e, &e->shots[i]) != 0)
            return -1;
        drawn_rows(&o->dl, o->w, hi, &top, &bottom);
    }
    int margin = layout_text_px(hi, o->in.scale) / 2;
    top = top - margin > 0 ? top - margin : 0;
    bottom = bottom + margin < o->h ? bottom + margin : o->h;
    if (bottom <= top) /* nothing drawn at all: a strip, not an error */
        bottom = top + 1;
    o->crop = (Rect){0, top, o->w, bottom - top};
    return 0;
}

