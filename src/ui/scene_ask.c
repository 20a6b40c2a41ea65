/* scene_ask.c - a lesson step's question in the window: the prompt, the
 * learner's answer (typed, or output cells clicked for `touches`), and the
 * core's verdict with a hint after one miss and the worked derivation
 * after two.
 *
 * The answer is computed when the step is entered (lesson_ask_solve), so
 * judging a keypress never runs the layer. A cell's derivation is the sum
 * the tooltip spells (text_sum) while the scene still shows the step's own
 * layer; the other kinds spell their arithmetic from the geometry
 * (lesson_ask_derivation). */
#include "ui/scene_ask.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/text.h"
#include "ui/view.h"

/* What a typed answer is made of: numbers, sizes (6x6, [6, 6]). */
#define ANSWER_CHARS "0123456789.-+eExX, []()"

const LessonAsk *scene_ask_current(const Scene *s)
{
    const LessonPlayer *p = &s->lp;
    if (!p->open || !p->ask.sol || p->step < 0 || p->step >= p->lesson.step_count)
        return NULL;
    return p->lesson.steps[p->step].ask;
}

static void reset(SceneAsk *q)
{
    free(q->sol);
    memset(q, 0, sizeof *q);
}

void scene_ask_free(Scene *s)
{
    reset(&s->lp.ask);
}

void scene_ask_enter(Scene *s, const Lesson *l, int k)
{
    SceneAsk *q = &s->lp.ask;
    reset(q);
    if (k < 0 || k >= l->step_count || !l->steps[k].ask)
        return;
    Err err = {0};
    q->sol = malloc(sizeof *q->sol);
    if (!q->sol || lesson_ask_solve(l, &l->steps[k], q->sol, &err) != 0) {
        free(q->sol);
        q->sol = NULL;
        scene_set_message(s, 1, "the question cannot be answered: %s",
                          err.msg[0] ? err.msg : "out of memory");
    }
}

/* The output grid of the current view and where output (0, 0) sits in it. */
GridId scene_ask_output_grid(const Scene *s, int *dr, int *dc)
{
    const ViewOps *v = view_of(s);
    *dr = *dc = 0;
    if (v->output_on_canvas) {
        *dr = s->m.g.h.pad_before;
        *dc = s->m.g.w.pad_before;
    }
    return view_target(v, TARGET_OUTPUT);
}

/* A cell's products as the tooltip spells them, while the scene shows the
 * step's own layer; else the geometry's words. */
static void derivation(Scene *s, const LessonAsk *a, char *buf, size_t cap)
{
    const AskSolution *sol = s->lp.ask.sol;
    if (a->kind == ASK_CELL && !s->lp.changed && sol->g.h.conv_in == s->m.g.h.conv_in &&
        sol->g.w.conv_in == s->m.g.w.conv_in) {
        StrBuf o = strbuf_init(buf, cap);
        text_sum(&o, s, 0, 0, sol->at[0] + s->m.g.h.pad_before, sol->at[1] + s->m.g.w.pad_before,
                 0);
        return;
    }
    lesson_ask_derivation(sol, buf, cap);
}

static void submit(Scene *s)
{
    SceneAsk *q = &s->lp.ask;
    const LessonAsk *a = scene_ask_current(s);
    char why[128], answer[256];
    AskVerdict v = lesson_ask_judge(q->sol, q->typed, (const int(*)[2])q->picked, q->n_picked,
                                    why, sizeof why);
    q->unreadable = v == ASK_UNREADABLE;
    if (v == ASK_UNREADABLE) {
        snprintf(q->feedback, sizeof q->feedback, "%s", why);
        return;
    }
    lesson_ask_answer_text(a, q->sol, answer, sizeof answer);
    if (v == ASK_RIGHT) {
        q->right = 1;
        q->answering = 0;
        snprintf(q->feedback, sizeof q->feedback, "Right: %s.", answer);
        scene_progress_answered(s, s->lp.step);
        return;
    }
    q->wrong++;
    if (q->wrong == 1) {
        snprintf(q->feedback, sizeof q->feedback, "Not quite. %s%.900s", a->hint ? "Hint: " : "",
                 a->hint ? a->hint : "Look again at the view and try once more.");
        return;
    }
    char d[700];
    derivation(s, a, d, sizeof d);
    snprintf(q->feedback, sizeof q->feedback, "Not quite. The answer is %.200s: %s", answer, d);
}

void scene_ask_start(Scene *s)
{
    SceneAsk *q = &s->lp.ask;
    if (!scene_ask_current(s)) {
        scene_set_message(s, 0, "this step asks no question");
        return;
    }
    q->answering = 1;
    q->typed[0] = '\0';
    q->n_picked = 0;
    q->unreadable = 0;
    s->editing = 0;
}

int scene_ask_key(Scene *s, const UiKeyPress *k)
{
    SceneAsk *q = &s->lp.ask;
    if (!q->answering) {
        if (keys_lookup(k) != ACT_ASK)
            return 0;
        scene_ask_start(s);
        return 1;
    }
    size_t len = strlen(q->typed);
    switch (k->code) {
    case KEY_RETURN: q->submit = 1; return 1; /* after this frame's text (scene_ask_text) */
    case KEY_ESCAPE: q->answering = 0; return 1;
    case KEY_BACKSPACE:
        if (len)
            q->typed[len - 1] = '\0';
        else if (q->n_picked)
            q->n_picked--;
        return 1;
    case KEY_CHAR: {
        /* an answer's characters arrive as text; q is not a quit while
         * typing; other letters keep their keys (L, v, n, ...) */
        const LessonAsk *a = scene_ask_current(s);
        int typed = a && a->kind != ASK_TOUCHES && strchr(ANSWER_CHARS, k->ch);
        return !(k->mods & MOD_CTRL) && (typed || k->ch == 'q');
    }
    default: return 0; /* steps, the browser, quitting still work */
    }
}

void scene_ask_text(Scene *s, const char *text)
{
    SceneAsk *q = &s->lp.ask;
    const LessonAsk *a = scene_ask_current(s);
    if (!q->answering || s->lp.browsing || !a)
        return;
    for (const char *p = text; a->kind != ASK_TOUCHES && *p; p++) {
        size_t len = strlen(q->typed);
        if (strchr(ANSWER_CHARS, *p) && len + 1 < sizeof q->typed) {
            q->typed[len] = *p;
            q->typed[len + 1] = '\0';
        }
    }
    if (q->submit) { /* Enter in the same frame as the digits before it */
        q->submit = 0;
        submit(s);
    }
}

int scene_ask_click(Scene *s, int grid, int row, int col)
{
    SceneAsk *q = &s->lp.ask;
    const LessonAsk *a = scene_ask_current(s);
    int dr, dc;
    if (!q->answering || !a || a->kind != ASK_TOUCHES ||
        grid != (int)scene_ask_output_grid(s, &dr, &dc))
        return 0;
    int r = row - dr, c = col - dc;
    if (r < 0 || c < 0 || r >= s->m.g.h.conv_in || c >= s->m.g.w.conv_in)
        return 1; /* a cropped canvas cell is no output cell */
    for (int i = 0; i < q->n_picked; i++)
        if (q->picked[i][0] == r && q->picked[i][1] == c) {
            memmove(q->picked[i], q->picked[i + 1], sizeof q->picked[0] * (size_t)(q->n_picked - i - 1));
            q->n_picked--;
            return 1;
        }
    if (q->n_picked < LESSON_ASK_MAX_CELLS) {
        q->picked[q->n_picked][0] = r;
        q->picked[q->n_picked][1] = c;
        q->n_picked++;
    }
    return 1;
}
