/* lesson_ask.c - the core answers a lesson's questions.
 *
 * Nothing here is taken from the lesson's stated answer: a cell's value is
 * the op's output, a size is the resolved geometry, the cells an input
 * touches are those whose canvas products (core/terms.h, the tooltip's
 * terms) include it, and a PyTorch spelling reproduces the TF call when it
 * computes the same output. The stated answer is then compared with that. */
#include "course/lesson_ask.h"
#include "course/lesson_ask_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "core/terms.h"
#include "core/vocab.h"

/* A stated number is the core's when it is this close (relative to its
 * size, at least absolute): a lesson writes float32 results in decimal. */
#define STATED_TOLERANCE 1e-5

int ask_close_to(double got, double want, double tol)
{
    double scale = fabs(want) > 1.0 ? fabs(want) : 1.0;
    return fabs(got - want) <= tol * scale;
}

/* The layer's output in NCHW. */
static int run_nchw(const LayerSpec *spec, const LayerTensors *t, Tensor *out, Err *err)
{
    Tensor raw = {0};
    if (layer_run(spec, t, &raw, err) != 0)
        return -1;
    int rc = raw.layout == LAYOUT_NCHW ? tensor_copy(&raw, out, err)
                                       : tensor_convert(&raw, LAYOUT_NCHW, out, err);
    tensor_free(&raw);
    return rc;
}

/* Output positions on one axis that input position i reaches: those whose
 * canvas terms list i (f = i*stride + tap*dil, less the crop). */
static int touched_axis(const AxisGeom *a, int i, int *out)
{
    int n = 0, in[GEOM_MAX_PARAM];
    for (int o = 0; o < a->conv_in; o++) {
        int count = terms_canvas_axis(a, o + a->pad_before, in, NULL, GEOM_MAX_PARAM);
        for (int j = 0; j < count && j < GEOM_MAX_PARAM; j++)
            if (in[j] == i) {
                out[n++] = o;
                break;
            }
    }
    return n;
}

static int solve_touches(AskSolution *sol)
{
    int *r = malloc(sizeof(int) * (size_t)sol->g.h.conv_in);
    int *c = malloc(sizeof(int) * (size_t)sol->g.w.conv_in);
    if (!r || !c) {
        free(r);
        free(c);
        return -1;
    }
    int nr = touched_axis(&sol->g.h, sol->at[0], r), nc = touched_axis(&sol->g.w, sol->at[1], c);
    sol->n_cells = 0;
    for (int i = 0; i < nr; i++)
        for (int j = 0; j < nc; j++, sol->n_cells++)
            if (sol->n_cells < ASK_SOLVE_MAX_CELLS) {
                sol->cells[sol->n_cells][0] = r[i];
                sol->cells[sol->n_cells][1] = c[j];
            }
    free(r);
    free(c);
    return 0;
}

/* Whether choice t (PyTorch) computes TF's output ref (NCHW); says what it
 * gives otherwise. */
static int same_output(const Tensor *ref, const LayerSpec *spec, const LayerTensors *t,
                       char *why, size_t cap)
{
    Tensor out = {0};
    Err err = {0};
    if (run_nchw(spec, t, &out, &err) != 0) {
        snprintf(why, cap, "refused: %.140s", err.msg);
        return 0;
    }
    int same = memcmp(out.dim, ref->dim, sizeof out.dim) == 0;
    if (!same) {
        snprintf(why, cap, "%dx%d, TF gives %dx%d", out.dim[2], out.dim[3], ref->dim[2],
                 ref->dim[3]);
    } else {
        size_t n = tensor_count(&out);
        for (size_t i = 0; i < n && same; i++)
            if (!ask_close_to(out.data[i], ref->data[i], STATED_TOLERANCE)) {
                size_t hw = (size_t)out.dim[2] * (size_t)out.dim[3];
                char a[32], b[32];
                vocab_number(a, sizeof a, out.data[i]);
                vocab_number(b, sizeof b, ref->data[i]);
                snprintf(why, cap, "%dx%d but output[%d,%d] is %s where TF's is %s", out.dim[2],
                         out.dim[3], (int)(i % hw / (size_t)out.dim[3]),
                         (int)(i % (size_t)out.dim[3]), a, b);
                same = 0;
            }
        if (same)
            snprintf(why, cap, "the same %dx%d output", out.dim[2], out.dim[3]);
    }
    tensor_free(&out);
    return same;
}

static int solve_spelling(const Lesson *l, const LessonAsk *a, AskSolution *sol, const LayerTensors *t, Err *err)
{
    Tensor ref = {0};
    if (run_nchw(&sol->spec, t, &ref, err) != 0)
        return -1;
    sol->n_choices = a->n_choices;
    sol->choice = 0;
    for (int i = 0; i < a->n_choices; i++) {
        LayerSpec cs;
        LayerTensors ct;
        lesson_layer(l, &a->choice[i], &cs, &ct);
        sol->reproduces[i] = same_output(&ref, &cs, &ct, sol->why[i], sizeof sol->why[i]);
        if (sol->reproduces[i])
            sol->choice = sol->choice == 0 ? i + 1 : -1;
    }
    tensor_free(&ref);
    return 0;
}

int lesson_ask_solve(const Lesson *l, const LessonStep *st, AskSolution *sol, Err *err)
{
    const LessonAsk *a = st->ask;
    memset(sol, 0, sizeof *sol);
    sol->kind = a->kind;
    sol->at[0] = a->at[0];
    sol->at[1] = a->at[1];
    LayerTensors t;
    lesson_layer(l, a->kind == ASK_SIZE && a->with.active ? &a->with : &st->with, &sol->spec, &t);
    if (layer_resolve(&sol->spec, &t, &sol->g, err) != 0)
        return -1;
    switch (a->kind) {
    case ASK_CELL: {
        Tensor out = {0};
        if (run_nchw(&sol->spec, &t, &out, err) != 0)
            return -1;
        sol->value = out.data[(size_t)a->at[0] * (size_t)out.dim[3] + (size_t)a->at[1]];
        tensor_free(&out);
        return 0;
    }
    case ASK_SIZE:
        sol->size[0] = sol->g.h.conv_in;
        sol->size[1] = sol->g.w.conv_in;
        return 0;
    case ASK_TOUCHES:
        return solve_touches(sol) != 0 ? err_fail(err, TC_ERR_NOMEM, "out of memory") : 0;
    case ASK_SPELLING: return solve_spelling(l, a, sol, &t, err);
    case ASK_KIND_COUNT: break;
    }
    return -1;
}

int lesson_ask_count(const Lesson *l)
{
    int n = 0;
    for (int i = 0; i < l->step_count; i++)
        n += l->steps[i].ask != NULL;
    return n;
}

/* The stated answer in the same words as lesson_ask_answer_text. */
static void stated_text(const LessonAsk *a, char *buf, size_t cap)
{
    AskSolution s;
    memset(&s, 0, sizeof s);
    s.kind = a->kind;
    s.value = a->value;
    memcpy(s.size, a->size, sizeof s.size);
    s.n_cells = a->n_cells;
    for (int i = 0; i < a->n_cells; i++) {
        s.cells[i][0] = a->cells[i][0];
        s.cells[i][1] = a->cells[i][1];
    }
    s.choice = a->answer;
    lesson_ask_answer_text(a, &s, buf, cap);
}

int ask_cells_match(const AskSolution *sol, const int (*cells)[2], int n)
{
    if (n != sol->n_cells || n > ASK_SOLVE_MAX_CELLS)
        return 0;
    for (int i = 0; i < n; i++) {
        int found = 0;
        for (int j = 0; j < n && !found; j++)
            found = cells[i][0] == sol->cells[j][0] && cells[i][1] == sol->cells[j][1];
        if (!found)
            return 0;
    }
    return 1; /* no repeats in either list, so equal counts make equal sets */
}

int lesson_ask_check(const Lesson *l, Err *err)
{
    for (int k = 0; k < l->step_count; k++) {
        const LessonStep *st = &l->steps[k];
        const LessonAsk *a = st->ask;
        if (!a)
            continue;
        AskSolution *sol = malloc(sizeof *sol);
        if (!sol)
            return err_fail(err, TC_ERR_NOMEM, "out of memory");
        int rc = lesson_ask_solve(l, st, sol, err), ok = 0;
        if (rc != 0) {
            err_prefix(err, "%s:%d:%d: steps[%d].ask: ", l->path, a->line, a->col, k);
            free(sol);
            return -1;
        }
        switch (a->kind) {
        case ASK_CELL: ok = ask_close_to(a->value, sol->value, STATED_TOLERANCE); break;
        case ASK_SIZE: ok = a->size[0] == sol->size[0] && a->size[1] == sol->size[1]; break;
        case ASK_TOUCHES: ok = ask_cells_match(sol, (const int(*)[2])a->cells, a->n_cells); break;
        case ASK_SPELLING: ok = sol->choice > 0 && a->answer == sol->choice; break;
        case ASK_KIND_COUNT: break;
        }
        if (!ok) {
            char said[256], is[256];
            stated_text(a, said, sizeof said);
            if (a->kind == ASK_SPELLING && sol->choice <= 0)
                snprintf(is, sizeof is, "%s choice reproduces the TF call",
                         sol->choice == 0 ? "no" : "more than one");
            else
                lesson_ask_answer_text(a, sol, is, sizeof is);
            rc = err_fail(err, TC_ERR_ARG, "%s:%d:%d: steps[%d].ask: the answer is %s, the core "
                          "computes %s", l->path, a->line, a->col, k, said, is);
        }
        free(sol);
        if (rc != 0)
            return -1;
    }
    return 0;
}
