/* scene_figure.c - the views as a figure for slides and papers: the grids
 * with their captions and one caption text below them, nothing of the
 * window around them (header, panel, status, timeline, narrative, tooltips).
 *
 * The layout is the window's own (layout_compute with its `figure` flag), so
 * a figure shows exactly the cells, colours and numbers of the frame; the
 * caption goes right under the lowest grid rather than at the bottom of the
 * area, so a caller that crops to the drawn content gets a tight picture. */
#include "ui/scene_layout.h"
#include "ui/text.h"
#include "ui/view.h"

#include <stdio.h>
#include <string.h>

/* What the figure says: the lesson step's text, or the step's sentence. */
static const char *caption_text(Scene *s)
{
    const LessonPlayer *p = &s->lp;
    int open = p->open && p->step >= 0 && p->step < p->lesson.step_count;
    const LessonStep *st = open ? &p->lesson.steps[p->step] : NULL;
    if (st && st->text && st->text[0])
        return st->text;
    text_status(s, s->status, sizeof s->status);
    return s->status;
}

/* Each paragraph (a lesson keeps a newline between them) wrapped into r;
 * returns the height used. dl NULL: measure only. */
static int draw_caption(Scene *s, DrawList *dl, Rect r, int px, Color c, const char *text)
{
    int lh = px * 5 / 4, y = r.y;
    while (*text) {
        char para[LESSON_MAX_TEXT + 1];
        size_t n = strcspn(text, "\n");
        snprintf(para, sizeof para, "%.*s", (int)n, text);
        if (n > 0)
            y += scene_wrap_text(s, dl, (Rect){r.x, y, r.w, 1 << 20}, px, c, para) * lh;
        text += n;
        while (*text == '\n')
            text++;
    }
    return y - r.y;
}

/* The lowest pixel row the view drew its grids on. */
static int grids_bottom(const ScreenLayout *l)
{
    int bottom = -1;
    for (int i = 0; i < GRID_COUNT; i++) {
        const GridLayout *g = &l->grid[i];
        if (!g->visible)
            continue;
        Rect r = rect_intersect(layout_grid_rect(g), g->clip);
        bottom = r.h > 0 && r.y + r.h > bottom ? r.y + r.h : bottom;
    }
    /* a view of text (the code) or with a text column fills its area */
    if (bottom < 0 || l->side.w > 0)
        bottom = l->view.y + l->view.h;
    return bottom;
}

void scene_draw_figure(Scene *s, const UiInput *in, int background, DrawList *dl)
{
    const Theme *th = theme_get(s->theme);
    draw_begin(dl);
    int body = layout_text_px(in->height, scene_ui_scale(s, in)), pad = body / 2 > 4 ? body / 2 : 4;
    const char *text = caption_text(s);
    Rect cap = {pad, 0, in->width - 2 * pad, 0};
    s->figure = 1;
    s->figure_caption_h = draw_caption(s, NULL, cap, body, th->text, text) + pad;
    /* the window's frame update (scene_draw), in the figure's layout */
    scene_layout(s, in);
    if (view_of(s)->update)
        view_of(s)->update(s);
    const ScreenLayout *l = &s->layout;
    if (background)
        draw_rect(dl, (Rect){0, 0, l->width, l->height}, th->bg);

    if (view_of(s)->draw)
        view_of(s)->draw(s, dl);

    cap.y = grids_bottom(l) + pad;
    draw_clip(dl, (Rect){0, 0, 0, 0});
    draw_caption(s, dl, cap, l->body_px, th->text, text);
    s->figure = 0; /* the window's next layout is its own again */
}
