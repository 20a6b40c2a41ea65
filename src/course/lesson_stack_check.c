/* lesson_stack_check.c - a stack lesson's claims recomputed by the core:
 * `counts` (how many paths reach each cell, per stage or for the chain so
 * far) and `chain_output`. A single-layer lesson is a chain of one, so these
 * claims apply to it too (with its `with:` layer when the claim changes it). */
#include "course/lesson_routes.h"

#include <stdio.h>

int lesson_check_stack(const Lesson *l, const LessonExpect *e, Err *err)
{
    StackSpec s;
    StackResult r;
    const Tensor *input;
    Lesson one;
    if (l->stage_count == 0 && e->with.active) { /* the changed layer, as a chain of one */
        LayerTensors t;
        one = *l;
        lesson_layer(l, &e->with, &one.spec, &t);
        one.input = *t.input;
        one.filter = *t.filter;
        one.bias = t.bias ? *t.bias : (Tensor){0};
        l = &one;
    }
    lesson_stack(l, &s, &input);
    if (stack_run(&s, input, &r, err) != 0) {
        char msg[ERR_MSG_MAX];
        snprintf(msg, sizeof msg, "%s", err->msg);
        return err_fail(err, TC_ERR_ARG, "%s:%d:%d: the chain: %s", l->path, e->line, e->col, msg);
    }
    int last = e->stage ? e->stage - 1 : r.n_stages - 1;
    const Tensor *got = e->kind == EXPECT_CHAIN_OUTPUT ? &r.out[last]
                        : e->stage                     ? &r.counts[last]
                                                       : &r.chain[last];
    char what[48];
    snprintf(what, sizeof what, "%s%s", e->kind == EXPECT_CHAIN_OUTPUT ? "chain_output" : "counts",
             e->stage ? " of the stage" : "");
    int rc = lesson_compare(l->path, e->line, e->col, what, NULL, got, &e->value, 0, e->tolerance,
                            err);
    stack_result_free(&r);
    return rc;
}
