/* lesson_ask_words.c - the core's answer to a question, in words: the
 * answer as a person writes it, and how it follows from the geometry. */
#include "course/lesson_ask.h"

#include "core/strbuf.h"
#include "core/vocab.h"

/* Cells as ranges when they form a rectangle, else listed. */
static void put_cells(StrBuf *o, const int (*cells)[2], int n)
{
    int r0 = 1 << 30, r1 = -1, c0 = 1 << 30, c1 = -1;
    for (int i = 0; i < n; i++) {
        r0 = cells[i][0] < r0 ? cells[i][0] : r0;
        r1 = cells[i][0] > r1 ? cells[i][0] : r1;
        c0 = cells[i][1] < c0 ? cells[i][1] : c0;
        c1 = cells[i][1] > c1 ? cells[i][1] : c1;
    }
    if (n > 0 && (r1 - r0 + 1) * (c1 - c0 + 1) == n && n > 1) {
        strbuf_printf(o, "output[%d:%d, %d:%d] (%d cells)", r0, r1 + 1, c0, c1 + 1, n);
        return;
    }
    for (int i = 0; i < n && i < 12; i++)
        strbuf_printf(o, "%s[%d, %d]", i ? ", " : "", cells[i][0], cells[i][1]);
    if (n > 12)
        strbuf_printf(o, ", ... (%d cells)", n);
    if (n == 0)
        strbuf_printf(o, "no cell");
}

void lesson_ask_answer_text(const LessonAsk *a, const AskSolution *sol, char *buf, size_t cap)
{
    StrBuf o = strbuf_init(buf, cap);
    char num[32];
    switch (sol->kind) {
    case ASK_CELL:
        vocab_number(num, sizeof num, sol->value);
        strbuf_printf(&o, "%s", num);
        break;
    case ASK_SIZE: strbuf_printf(&o, "%dx%d", sol->size[0], sol->size[1]); break;
    case ASK_TOUCHES:
        put_cells(&o, (const int(*)[2])sol->cells,
                  sol->n_cells < ASK_SOLVE_MAX_CELLS ? sol->n_cells : ASK_SOLVE_MAX_CELLS);
        break;
    case ASK_SPELLING:
        if (sol->choice > 0 && sol->choice <= a->n_choices)
            strbuf_printf(&o, "%d: %s", sol->choice, a->choice_text[sol->choice - 1]);
        else
            strbuf_printf(&o, "choice %d", sol->choice);
        break;
    case ASK_KIND_COUNT: break;
    }
}

/* "(3-1)*2 + 2 = 6 on the canvas, less the crop 0 + 0: 6" for one axis. */
static void put_axis_size(StrBuf *o, const char *name, const AxisGeom *a)
{
    strbuf_printf(o, "%s (%d-1)*%d + %d = %d", name, a->conv_out, a->stride, a->k_eff, a->full);
    if (a->dil > 1)
        strbuf_printf(o, " (k_eff = %d*(%d-1)+1)", a->dil, a->k);
    if (a->crop_after >= 0)
        strbuf_printf(o, ", cropped %d + %d: %d", a->pad_before, a->crop_after, a->conv_in);
    else
        strbuf_printf(o, ", cropped %d and %d zero row%s appended: %d", a->pad_before, -a->crop_after,
            a->crop_after == -1 ? "" : "s", a->conv_in);
}

static void put_positions(StrBuf *o, const AxisGeom *a, int i)
{
    int first = 1;
    for (int t = 0; t < a->k; t++) {
        int f = i * a->stride + t * a->dil, out = f - a->pad_before;
        strbuf_printf(o, "%s%d", first ? "" : ", ", f);
        if (out < 0 || out >= a->conv_in)
            strbuf_printf(o, " (cropped)");
        first = 0;
        if (t == 7 && a->k > 9) {
            strbuf_printf(o, ", ...");
            break;
        }
    }
}

void lesson_ask_derivation(const AskSolution *sol, char *buf, size_t cap)
{
    StrBuf o = strbuf_init(buf, cap);
    const ConvGeom *g = &sol->g;
    switch (sol->kind) {
    case ASK_SIZE:
        put_axis_size(&o, "height:", &g->h);
        strbuf_printf(&o, "; ");
        put_axis_size(&o, "width:", &g->w);
        strbuf_printf(&o, ". The output is %dx%d.", sol->size[0], sol->size[1]);
        break;
    case ASK_TOUCHES:
        strbuf_printf(&o, "x[%d,%d] stamps the kernel on canvas rows ", sol->at[0], sol->at[1]);
        put_positions(&o, &g->h, sol->at[0]);
        strbuf_printf(&o, " (%d*%d + tap*%d) and columns ", sol->at[0], g->h.stride, g->h.dil);
        put_positions(&o, &g->w, sol->at[1]);
        strbuf_printf(&o, "; less the crop (top %d, left %d) that is ", g->h.pad_before, g->w.pad_before);
        put_cells(&o, (const int(*)[2])sol->cells,
                  sol->n_cells < ASK_SOLVE_MAX_CELLS ? sol->n_cells : ASK_SOLVE_MAX_CELLS);
        strbuf_printf(&o, ".");
        break;
    case ASK_SPELLING:
        for (int i = 0; i < sol->n_choices; i++)
            strbuf_printf(&o, "%s%d: %s", i ? "; " : "", i + 1, sol->why[i]);
        strbuf_printf(&o, ".");
        break;
    case ASK_CELL: {
        char num[32];
        vocab_number(num, sizeof num, sol->value);
        strbuf_printf(&o, "output[%d,%d] = %s: the sum of the products that land on it.", sol->at[0],
            sol->at[1], num);
        break;
    }
    case ASK_KIND_COUNT: break;
    }
}
