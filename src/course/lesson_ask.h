/* lesson_ask.h - a lesson's questions answered by the core: the value of an
 * output cell, an output size, the output cells one input touches, and
 * which PyTorch parameters reproduce a TF call. `tcviz check` holds each
 * stated answer to the computed one; the window judges what the learner
 * types against it and, after two misses, shows how it comes about.
 *
 *     AskSolution sol;
 *     if (lesson_ask_solve(&l, &l.steps[k], &sol, &err) == 0 &&
 *         lesson_ask_judge(&sol, "6x6", NULL, 0, why, sizeof why) == ASK_RIGHT) ...
 */
#ifndef TCVIZ_LESSON_ASK_H
#define TCVIZ_LESSON_ASK_H

#include <stddef.h>

#include "io/lesson.h"

/* Cells of a touches answer kept (a kernel's stamp is at most this many
 * cells in the lessons' layers; n_cells counts them all). */
#define ASK_SOLVE_MAX_CELLS 1024

typedef struct {
    AskKind kind;
    LayerSpec spec;     /* the layer asked about */
    ConvGeom g;
    int at[2];          /* cell: the output cell; touches: the input element */
    float value;        /* cell */
    int size[2];        /* size: [H, W] */
    int cells[ASK_SOLVE_MAX_CELLS][2]; /* touches, row-major order */
    int n_cells;
    int n_choices;
    int reproduces[LESSON_ASK_MAX_CHOICES]; /* spelling: 1 when choice i gives TF's output */
    char why[LESSON_ASK_MAX_CHOICES][160];  /* spelling: what choice i gives instead */
    int choice;         /* spelling: the choice that reproduces it (1-based); 0 none; -1 several */
} AskSolution;

typedef enum { ASK_UNREADABLE = -1, ASK_WRONG = 0, ASK_RIGHT = 1 } AskVerdict;

/* The core's answer to step st's question (st->ask must be set). */
int lesson_ask_solve(const Lesson *l, const LessonStep *st, AskSolution *sol, Err *err);

/* How many steps ask a question. */
int lesson_ask_count(const Lesson *l);

/* Every question's stated answer against the core's: 0 when all agree,
 * else -1 with "path:line:col: steps[k].ask: the answer is 4, the core
 * computes 3 (...)". */
int lesson_ask_check(const Lesson *l, Err *err);

/* The answer as a person writes it: "1.5", "6x6", "output[2:4, 2:4] (4
 * cells)" or "2: stride=2, padding=1, output_padding=1". */
void lesson_ask_answer_text(const LessonAsk *a, const AskSolution *sol, char *buf, size_t cap);

/* Judge a typed answer (cell: a number; size: "6x6", "6 6", "[6, 6]", or
 * one width in a 1-D layer; spelling: the choice's number) or, for touches,
 * the clicked cells. ASK_UNREADABLE with `why` saying what form is
 * expected. */
AskVerdict lesson_ask_judge(const AskSolution *sol, const char *typed, const int (*cells)[2],
                            int n_cells, char *why, size_t cap);

/* The worked derivation of size, touches and spelling answers from the
 * geometry (a cell's sum is spelled by the views' tooltip). */
void lesson_ask_derivation(const AskSolution *sol, char *buf, size_t cap);

#endif
