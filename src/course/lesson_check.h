/* lesson_check.h - the course verifies itself: every number a lesson claims
 * (its `expect:` items) is recomputed by the core, and "equal by another
 * route" claims by really taking the other route. Parsing lives in io/;
 * this library only evaluates.
 *
 *     Lesson l;
 *     Err err = {0};
 *     if (lesson_load("lessons/01-upsample.yaml", &l, &err) == 0 && lesson_check(&l, &err) != 0)
 *         fprintf(stderr, "%s\n", err.msg);  // "lessons/01-upsample.yaml:40:7: out[0,2,3,0] is 2, ..."
 *     lesson_free(&l);
 */
#ifndef TCVIZ_LESSON_CHECK_H
#define TCVIZ_LESSON_CHECK_H

#include "io/lesson.h"

/* Run the core and verify every expect: 0 when all hold; otherwise -1 with
 * err naming the first failing expect ("file:line:col: out[0,2,3,0] is 2,
 * expected 3"). */
int lesson_check(const Lesson *l, Err *err);

#endif
