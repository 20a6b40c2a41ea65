/* lesson_ask.c - the core answers a lesson's questions.
 *
 * Nothing here is taken from the lesson's stated answer: a cell's value is
 * the op's output, a size is the resolved geometry, the cells an input
 * touches are those whose canvas products (core/terms.h, the tooltip's
 * terms) include it, and a PyTorch spelling reproduces the TF call when it
 * computes the same output. The stated answer is then compared with that. */
#include "course/lesson_ask.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "core/terms.h"
#include "core/vocab.h"

/* A typed or stated number is the core's when it is this close (relative
 * to its size, at least absolute): people type 0.333 for a third. */
#define TYPED_TOLERANCE 1e-3
#define STATED_TOLERANCE 1e-5

static int close_to(double got, double want, double tol)
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
            if (!close_to(out.data[i], ref->data[i], STATED_TOLERANCE)) {
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

static int cells_match(const AskSolution *sol, const int (*cells)[2], int n)
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
        case ASK_CELL: ok = close_to(a->value, sol->value, STATED_TOLERANCE); break;
        case ASK_SIZE: ok = a->size[0] == sol->size[0] && a->size[1] == sol->size[1]; break;
        case ASK_TOUCHES: ok = cells_match(sol, (const int(*)[2])a->cells, a->n_cells); break;
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

/* ---- words ------------------------------------------------------------------------ */

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

/* Skip spaces and brackets. */
static const char *skip(const char *p)
{
    while (*p && (isspace((unsigned char)*p) || *p == '[' || *p == ']' || *p == '(' || *p == ')'))
        p++;
    return p;
}

/* "6x6", "6 x 6", "6×6", "6,6", "[6, 6]"; a single number when one_d. */
static int read_size(const char *t, int one_d, int out[2])
{
    char *end;
    const char *p = skip(t);
    long a = strtol(p, &end, 10);
    if (end == p)
        return -1;
    p = end;
    while (*p == ' ')
        p++;
    if (*skip(p) == '\0' && one_d) {
        out[0] = 1;
        out[1] = (int)a;
        return 0;
    }
    if (*p == 'x' || *p == 'X' || *p == ',')
        p++;
    else if (strncmp(p, "\xc3\x97", 2) == 0) /* × */
        p += 2;
    p = skip(p);
    long b = strtol(p, &end, 10);
    if (end == p || *skip(end) != '\0' || a < 0 || b < 0 || a > 1 << 20 || b > 1 << 20)
        return -1;
    out[0] = (int)a;
    out[1] = (int)b;
    return 0;
}

AskVerdict lesson_ask_judge(const AskSolution *sol, const char *typed, const int (*cells)[2],
                            int n_cells, char *why, size_t cap)
{
    char *end;
    const char *t = typed ? skip(typed) : "";
    why[0] = '\0';
    switch (sol->kind) {
    case ASK_CELL: {
        double v = strtod(t, &end);
        if (end == t || *skip(end) != '\0' || !isfinite(v)) {
            snprintf(why, cap, "type a number, e.g. 1.5");
            return ASK_UNREADABLE;
        }
        return close_to(v, sol->value, TYPED_TOLERANCE) ? ASK_RIGHT : ASK_WRONG;
    }
    case ASK_SIZE: {
        int s[2];
        if (read_size(t, sol->spec.dims == 1, s) != 0) {
            snprintf(why, cap, "type the size as HxW, e.g. 6x6");
            return ASK_UNREADABLE;
        }
        return s[0] == sol->size[0] && s[1] == sol->size[1] ? ASK_RIGHT : ASK_WRONG;
    }
    case ASK_TOUCHES:
        if (n_cells == 0) {
            snprintf(why, cap, "click the output cells it touches, then press Enter");
            return ASK_UNREADABLE;
        }
        return cells_match(sol, cells, n_cells) ? ASK_RIGHT : ASK_WRONG;
    case ASK_SPELLING: {
        long k = strtol(t, &end, 10);
        if (end == t || *skip(end) != '\0' || k < 1 || k > sol->n_choices) {
            snprintf(why, cap, "type a choice's number, 1 to %d", sol->n_choices);
            return ASK_UNREADABLE;
        }
        return k == sol->choice ? ASK_RIGHT : ASK_WRONG;
    }
    case ASK_KIND_COUNT: break;
    }
    return ASK_UNREADABLE;
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
