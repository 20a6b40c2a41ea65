/* lesson_ask_internal.h - what the question files share: solving and
 * checking (lesson_ask.c) and judging a typed answer (lesson_ask_judge.c)
 * compare numbers and cell sets the same way. */
#ifndef TCVIZ_LESSON_ASK_INTERNAL_H
#define TCVIZ_LESSON_ASK_INTERNAL_H

#include "course/lesson_ask.h"

/* got is want within tol relative to |want| (absolute below 1). */
int ask_close_to(double got, double want, double tol);

/* cells (no repeats) are the solution's cells, in any order. */
int ask_cells_match(const AskSolution *sol, const int (*cells)[2], int n);

#endif
