/* scene_ask_draw.c - a lesson question's box at the bottom of the narrative
 * column (the prompt, its choices, the answer being typed or the cells
 * being clicked, the verdict) and the frames on the output cells a
 * `touches` answer has marked. The question's state is scene_ask.c's. */
#include "ui/scene_ask.h"

#include <stdio.h>

#include "ui/text.h"
#include "ui/view.h"

typedef struct {
    const char *text;
    Color c;
} Line;

static void draw_marks(Scene *s, DrawList *dl, const Theme *th)
{
    const SceneAsk *q = &s->lp.ask;
    int dr, dc;
    GridId g = scene_ask_output_grid(s, &dr, &dc);
    if (g == GRID_NONE || q->n_picked == 0)
        return;
    draw_clip(dl, s->layout.grid[g].clip);
    for (int i = 0; i < q->n_picked; i++) {
        Rect r;
        if (scene_cell_rect(s, g, q->picked[i][0] + dr, q->picked[i][1] + dc, &r))
            draw_frame(dl, rect_inset(r, -2), th->highlight, 3);
    }
    draw_clip(dl, (Rect){0, 0, 0, 0});
}

void scene_ask_draw(Scene *s, DrawList *dl, Rect *r)
{
    const LessonAsk *a = scene_ask_current(s);
    if (!a)
        return;
    const SceneAsk *q = &s->lp.ask;
    const Theme *th = theme_get(s->theme);
    int b = s->layout.body_px, pad = s->layout.pad, lh = b * 5 / 4;
    draw_marks(s, dl, th);

    char choices[LESSON_ASK_MAX_CHOICES][300], entry[128];
    Line lines[LESSON_ASK_MAX_CHOICES + 4];
    int n = 0;
    lines[n++] = (Line){a->prompt, th->text};
    for (int i = 0; i < a->n_choices; i++) {
        snprintf(choices[i], sizeof choices[i], "%d. %s", i + 1, a->choice_text[i]);
        lines[n++] = (Line){choices[i], th->text};
    }
    if (q->answering && a->kind == ASK_TOUCHES)
        snprintf(entry, sizeof entry, "click the output cells (%d marked), Enter: answer, "
                 "Esc: stop", q->n_picked);
    else if (q->answering)
        snprintf(entry, sizeof entry, "answer: %s_   (Enter: answer, Esc: stop)", q->typed);
    else if (q->right)
        entry[0] = '\0';
    else
        snprintf(entry, sizeof entry, "a: answer it (%s)",
                 a->kind == ASK_CELL      ? "type a number"
                 : a->kind == ASK_SIZE    ? "type a size, e.g. 6x6"
                 : a->kind == ASK_TOUCHES ? "click cells"
                                          : "type a choice's number");
    if (entry[0])
        lines[n++] = (Line){entry, q->answering ? th->highlight : th->text_dim};
    if (q->feedback[0])
        lines[n++] = (Line){q->feedback, q->right ? th->check : q->unreadable ? th->text_dim
                                                                                : th->error};

    Rect inner = rect_inset(*r, pad / 2);
    int h = lh + pad / 2 + pad; /* the title, and the box's insets */
    for (int i = 0; i < n; i++)
        h += scene_wrap_text(s, NULL, inner, b, lines[i].c, lines[i].text) * lh + pad / 2;
    if (h + pad > r->h)
        h = r->h - pad > 0 ? r->h - pad : 0;
    Rect box = rect_cut_bottom(r, h + pad);
    box.h -= pad; /* a gap above the keys */
    draw_rect(dl, box, th->bg);
    draw_frame(dl, box, q->right ? th->check : th->highlight, 2);
    Rect t = rect_inset(box, pad / 2);
    draw_clip(dl, box);
    draw_text(dl, t.x, t.y, b, th->highlight, ALIGN_LEFT, q->right ? "Question: answered" : "Question");
    rect_cut_top(&t, lh + pad / 2);
    for (int i = 0; i < n && t.h > 0; i++)
        rect_cut_top(&t, scene_wrap_text(s, dl, t, b, lines[i].c, lines[i].text) * lh + pad / 2);
    draw_clip(dl, (Rect){0, 0, 0, 0});
}
