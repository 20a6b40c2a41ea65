/* view_narrative.c - what a lesson adds to the frame: the narrative column
 * beside the views (title, "Step 2 / 6", the step's text, the keys that
 * move through it), a frame around the step's highlighted cells, and the
 * lesson browser overlay (L).
 *
 * Body text is the layout's body size (>= 18 px at 1080p), like every other
 * sentence of the scene: a lesson is read from the back of a classroom. */
#include "ui/paint.h"
#include "ui/text.h"
#include "ui/view.h"

#include <stdio.h>
#include <string.h>

/* The step text as paragraphs: YAML's folded text keeps a newline where the
 * author left a blank line (and `|` text at every line end). Returns the
 * height used. */
static int draw_paragraphs(Scene *s, DrawList *dl, Rect r, int px, Color c, const char *text)
{
    int lh = px * 5 / 4, y = r.y;
    const char *t = text;
    while (*t && y + lh <= r.y + r.h) {
        size_t n = strcspn(t, "\n");
        char para[LESSON_MAX_TEXT + 1];
        if (n > LESSON_MAX_TEXT)
            n = LESSON_MAX_TEXT;
        memcpy(para, t, n);
        para[n] = '\0';
        if (n > 0) {
            int lines = scene_wrap_text(s, dl, (Rect){r.x, y, r.w, r.y + r.h - y}, px, c, para);
            y += lines * lh + px / 2;
        }
        t += n;
        while (*t == '\n')
            t++;
    }
    return y - r.y;
}

/* The step text's size: the body size, smaller (down to half of it) when
 * the text would run past the column (large text in a short window), so
 * the whole step is read. */
static int paragraphs_px(Scene *s, Rect r, int b, const char *text)
{
    int least = b / 2 < 11 ? 11 : b / 2, px = b;
    while (px > least &&
           draw_paragraphs(s, NULL, (Rect){r.x, r.y, r.w, 1 << 20}, px, (Color){0, 0, 0, 0},
                           text) > r.h)
        px--;
    return px;
}

/* A frame around the highlighted range while its first cell is pinned. */
static void draw_range(Scene *s, DrawList *dl, const Theme *th)
{
    const LessonPlayer *p = &s->lp;
    if (p->hl_grid == GRID_NONE || s->pin.grid != p->hl_grid || s->pin.row != p->hl_r0 ||
        s->pin.col != p->hl_c0)
        return;
    Rect a, b;
    if (!scene_cell_rect(s, p->hl_grid, p->hl_r0, p->hl_c0, &a) ||
        !scene_cell_rect(s, p->hl_grid, p->hl_r1 - 1, p->hl_c1 - 1, &b))
        return;
    Rect r = {a.x, a.y, b.x + b.w - a.x, b.y + b.h - a.y};
    draw_clip(dl, s->layout.grid[p->hl_grid].clip);
    /* the lesson's own colour: "current" is the timeline's step, "linked"
     * the hover's */
    draw_frame(dl, rect_inset(r, -4), th->lesson, 3);
    draw_clip(dl, (Rect){0, 0, 0, 0});
}

void view_narrative_draw(Scene *s, DrawList *dl)
{
    const LessonPlayer *p = &s->lp;
    if (!p->open || p->area.w <= 0)
        return;
    const Theme *th = theme_get(s->theme);
    const ScreenLayout *l = &s->layout;
    int b = l->body_px, pad = l->pad, lh = b * 5 / 4;
    draw_range(s, dl, th);

    Rect a = p->area;
    draw_rect(dl, a, th->panel);
    draw_rect(dl, (Rect){a.x, a.y, 2, a.h}, th->border);
    Rect r = rect_inset(a, pad + pad / 2);

    /* the keys, at the bottom */
    static const char *const keys[] = {"PageDown / n: next step",
                                       "PageUp / Shift+N: previous step", "L: all lessons"};
    int nk = (int)(sizeof keys / sizeof *keys), kb = b;
    while (kb > 11 && scene_text_width(s, kb, keys[1]) > r.w) /* the widest, inside the column */
        kb--;
    Rect foot = rect_cut_bottom(&r, nk * (kb * 5 / 4));
    for (int i = 0; i < nk; i++)
        draw_text(dl, foot.x, foot.y + i * (kb * 5 / 4), kb, th->text_dim, ALIGN_LEFT, keys[i]);
    rect_cut_bottom(&r, pad);

    const Lesson *les = &p->lesson;
    int tl = scene_wrap_text(s, dl, r, l->title_px, th->title, les->title);
    rect_cut_top(&r, tl * (l->title_px * 5 / 4) + pad);

    char line[96];
    const LessonStep *st = &les->steps[p->step];
    snprintf(line, sizeof line, "Step %d / %d  \xc2\xb7  %s view", p->step + 1, les->step_count,
             view_of(s)->name); /* the view shown, also after v or --view */
    int sb = b; /* inside the column, however large the text */
    while (sb > 11 && scene_text_width(s, sb, line) > r.w)
        sb--;
    draw_text(dl, r.x, r.y, sb, th->highlight, ALIGN_LEFT, line);
    rect_cut_top(&r, lh);
    /* progress: one tick per step, the current one filled */
    int n = les->step_count, tick = n > 0 ? (r.w - (n - 1) * 4) / n : 0;
    if (tick > 2 * b)
        tick = 2 * b;
    for (int i = 0; i < n && tick >= 2; i++)
        draw_rect(dl, (Rect){r.x + i * (tick + 4), r.y + pad / 2, tick, pad / 2 > 3 ? pad / 2 : 3},
                  i <= p->step ? th->highlight : th->grid_line);
    rect_cut_top(&r, pad + pad);

    if (p->changed) {
        int nl = scene_wrap_text(s, dl, r, b, th->error,
                                 "You changed the layer: the text is about the step's own. "
                                 "n / PageDown goes on with the lesson.");
        rect_cut_top(&r, nl * lh + pad);
    }
    scene_ask_draw(s, dl, &r); /* the step's question, above the keys */
    draw_paragraphs(s, dl, r, paragraphs_px(s, r, b, st->text), th->text, st->text);
}

/* "  · done · 1/2 right" from the course progress (scene_progress.c). */
static void progress_words(const Scene *s, const LessonEntry *e, char *buf, size_t cap)
{
    const ProgressLesson *pl = scene_progress_of(s, e->path);
    int right = pl ? progress_right_count(pl) : 0;
    int n = snprintf(buf, cap, "%s", pl && pl->done ? "  \xc2\xb7 done" : "");
    if (e->questions > 0 && n >= 0 && (size_t)n < cap)
        snprintf(buf + n, cap - (size_t)n, "%s\xc2\xb7 %d/%d right", n ? " " : "  ", right,
                 e->questions);
}

void view_lessons_draw(Scene *s, DrawList *dl)
{
    const LessonPlayer *p = &s->lp;
    if (!p->browsing)
        return;
    const Theme *th = theme_get(s->theme);
    const ScreenLayout *l = &s->layout;
    int b = l->body_px, pad = l->pad, lh = b * 3 / 2;
    draw_rect(dl, (Rect){0, 0, l->width, l->height}, th->shade);

    const char *perr = p->progress.broken ? p->progress.error : p->browse_err;
    int w = b * 46, err_lines = perr[0] ? 3 : 0;
    if (w > l->width - 4 * pad)
        w = l->width - 4 * pad;
    int head = l->title_px * 5 / 4 + lh + pad, foot = lh + pad + err_lines * (b * 5 / 4);
    int rows = p->n_entries, room = (l->height - 4 * pad - head - foot) / lh;
    if (room < 1)
        room = 1;
    if (rows > room)
        rows = room;
    int h = head + rows * lh + foot + 2 * pad;
    Rect box = {(l->width - w) / 2, (l->height - h) / 2, w, h};
    box.x = box.x < 0 ? 0 : box.x;
    box.y = box.y < 0 ? 0 : box.y;
    draw_rect(dl, box, th->panel);
    draw_frame(dl, box, th->border, 2);
    Rect r = rect_inset(box, pad + pad / 2);
    draw_clip(dl, box);
    draw_text(dl, r.x, r.y, l->title_px, th->title, ALIGN_LEFT, "Lessons");
    rect_cut_top(&r, l->title_px * 5 / 4);
    draw_text(dl, r.x, r.y, b, th->text_dim, ALIGN_LEFT, p->dir);
    rect_cut_top(&r, lh + pad);

    /* scroll so the cursor's row is shown */
    int first = p->cursor - rows + 1 > 0 ? p->cursor - rows + 1 : 0;
    for (int i = first; i < first + rows && i < p->n_entries; i++) {
        const LessonEntry *e = &p->entries[i];
        Rect row = {r.x - pad / 2, r.y + (i - first) * lh, r.w + pad, lh};
        int cur = i == p->cursor;
        draw_clip(dl, rect_intersect(row, box)); /* a long error ends at the box */
        if (cur)
            draw_rect(dl, row, th->button_on);
        Color fg = cur ? th->button_text : th->text;
        char line[ERR_MSG_MAX + 300];
        char done[64];
        progress_words(s, e, done, sizeof done);
        if (e->error[0])
            snprintf(line, sizeof line, "%s  (does not load: %s)", e->name, e->error);
        else if (e->name[0] >= '0' && e->name[0] <= '9') /* course order: its number */
            snprintf(line, sizeof line, "%.2s  %s%s", e->name, e->title, done);
        else
            snprintf(line, sizeof line, "%s  %s%s", e->name, e->title, done);
        draw_text(dl, r.x, row.y + (lh - b) / 2, b, e->error[0] ? th->error : fg, ALIGN_LEFT,
                  line);
    }
    draw_clip(dl, box);
    rect_cut_top(&r, rows * lh + pad);
    if (perr[0])
        rect_cut_top(&r, scene_wrap_text(s, dl, (Rect){r.x, r.y, r.w, err_lines * (b * 5 / 4)}, b,
                                         th->error, perr) *
                             (b * 5 / 4));
    draw_text(dl, r.x, r.y, b, th->text_dim, ALIGN_LEFT,
              "Up / Down: choose   Enter: open   Esc or L: close");
    draw_clip(dl, (Rect){0, 0, 0, 0});
}
