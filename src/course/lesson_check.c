/* lesson_check.c - run the core on a lesson and verify every expect.
 *
 * A lesson claims numbers in front of students, so each claim is recomputed
 * here: the op itself through layer_run, and "equal by another route" claims
 * by really taking the other route (lesson_routes.c, lesson_grad.c). A
 * failure names the expect's position and the first value that differs. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "course/lesson_routes.h"

/* Flat index -> 4-D index for dims. */
static void unflat(size_t i, const int dim[4], int idx[4])
{
    for (int a = 3; a >= 0; a--) {
        idx[a] = (int)(i % (size_t)dim[a]);
        i /= (size_t)dim[a];
    }
}

int lesson_compare(const char *path, int line, int col, const char *what, const char *via,
                   const Tensor *got, const Tensor *want, int border, float tol, Err *err)
{
    char a[64], b[64];
    if (memcmp(got->dim, want->dim, sizeof got->dim) != 0) {
        lesson_fmt4(got->dim, a, sizeof a);
        lesson_fmt4(want->dim, b, sizeof b);
        return err_fail(err, TC_ERR_SHAPE, "%s:%d:%d: %s%s%s has shape %s, expected %s (%s)",
                        path, line, col, what, via ? " by " : "", via ? via : "", a, b,
                        layout_name(got->layout));
    }
    const char *name = layout_name(got->layout);
    int hax = (int)(strchr(name, 'H') - name), wax = (int)(strchr(name, 'W') - name);
    size_t n = tensor_count(got), bad = 0, first = 0;
    for (size_t i = 0; i < n; i++) {
        int idx[4];
        unflat(i, got->dim, idx);
        if (idx[hax] < border || idx[hax] >= got->dim[hax] - border || idx[wax] < border ||
            idx[wax] >= got->dim[wax] - border)
            continue;
        if (fabsf(got->data[i] - want->data[i]) > tol) {
            if (bad++ == 0)
                first = i;
        }
    }
    if (bad == 0)
        return 0;
    int idx[4];
    unflat(first, got->dim, idx);
    lesson_fmt4(idx, a, sizeof a);
    return err_fail(err, TC_ERR_ARG,
                    "%s:%d:%d: %s%s%s%s is %g, expected %g (%zu of %zu values differ)", path, line,
                    col, what, a, via ? " by " : "", via ? via : "", (double)got->data[first],
                    (double)want->data[first], bad, n);
}

/* ---- one expect --------------------------------------------------------------- */

typedef struct {
    const Lesson *l;
    const LessonExpect *e;
    LayerSpec spec;
    LayerTensors t;
    Err *err;
} Ck;

/* "path:line:col: <fmt ...>" formatted once, straight into k->err, so a long
 * message loses only its tail at ERR_MSG_MAX (formatting into a buffer of the
 * same size first could fill it and leave no room for the position). The
 * arguments must not point into k->err->msg: callers copy it first. */
static int fail_at(const Ck *k, TcStatus code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int fail_at(const Ck *k, TcStatus code, const char *fmt, ...)
{
    Err *err = k->err;
    err->code = code;
    int n = snprintf(err->msg, sizeof err->msg, "%s:%d:%d: ", k->l->path, k->e->line, k->e->col);
    if (n >= 0 && (size_t)n < sizeof err->msg) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->msg + n, sizeof err->msg - (size_t)n, fmt, ap);
        va_end(ap);
    }
    return -1;
}

/* A core refusal while checking: name the expect. */
static int core_fail(const Ck *k, const char *doing)
{
    char msg[ERR_MSG_MAX];
    memcpy(msg, k->err->msg, sizeof msg); /* err is rewritten below */
    msg[sizeof msg - 1] = '\0';
    return fail_at(k, k->err->code, "%s: %s", doing, msg);
}

static int compare(const Ck *k, const char *what, const char *via, const Tensor *got,
                   const Tensor *want)
{
    return lesson_compare(k->l->path, k->e->line, k->e->col, what, via, got, want, k->e->border,
                          k->e->tolerance, k->err);
}

static int check_error(const Ck *k)
{
    Tensor out = {0};
    LayerTensors t = k->t;
    if (k->spec.op == OP_CONV2D)
        t.d_out = NULL;
    if (layer_run(&k->spec, &t, &out, k->err) == 0) {
        tensor_free(&out);
        return fail_at(k, TC_ERR_ARG, "expected the layer to be refused with \"%s\", but it ran",
                       k->e->text);
    }
    if (strstr(k->err->msg, k->e->text))
        return 0;
    char msg[ERR_MSG_MAX];
    snprintf(msg, sizeof msg, "%s", k->err->msg);
    return fail_at(k, TC_ERR_ARG, "the layer is refused with \"%s\", expected words \"%s\"", msg,
                   k->e->text);
}

static int check_cell(const Ck *k, const Tensor *out)
{
    const LessonExpect *e = k->e;
    char a[64], b[64];
    lesson_fmt4(e->index, a, sizeof a);
    for (int i = 0; i < 4; i++)
        if (e->index[i] >= out->dim[i]) {
            lesson_fmt4(out->dim, b, sizeof b);
            return fail_at(k, TC_ERR_SHAPE, "cell %s is outside the output, whose shape is %s", a,
                           b);
        }
    size_t flat = 0;
    for (int i = 0; i < 4; i++)
        flat = flat * (size_t)out->dim[i] + (size_t)e->index[i];
    float got = out->data[flat];
    if (fabsf(got - e->cell) <= e->tolerance)
        return 0;
    char vals[96];
    snprintf(vals, sizeof vals, " is %g, expected %g", (double)got, (double)e->cell);
    return fail_at(k, TC_ERR_ARG, "output%s%s", a, vals);
}

static int check_legal(const Ck *k)
{
    ConvGeom g;
    if (layer_resolve(&k->spec, &k->t, &g, k->err) != 0)
        return core_fail(k, "legal_sizes");
    const AxisGeom *ax[2] = {&g.h, &g.w};
    static const char *const names[2] = {"height", "width"};
    for (int a = 0; a < 2; a++) {
        int lo, hi;
        if (geom_tf_legal_range(&k->spec.params, a, ax[a]->conv_out, ax[a]->k, &lo, &hi) != 0)
            lo = hi = 0;
        if (lo != k->e->legal[a][0] || hi != k->e->legal[a][1]) {
            char got[64], want[64];
            snprintf(got, sizeof got, "[%d, %d]", lo, hi);
            snprintf(want, sizeof want, "[%d, %d]", k->e->legal[a][0], k->e->legal[a][1]);
            char what[96];
            snprintf(what, sizeof what, "legal output %s %s", names[a], got);
            return fail_at(k, TC_ERR_ARG, "%s, expected %s", what, want);
        }
    }
    return 0;
}

/* Tensor claims that are a second computation compared with e->value. */
static int check_routes(const Ck *k, ExpectKind kind)
{
    int count = kind == EXPECT_D_INPUT ? ROUTE_D_INPUT_COUNT : ROUTE_D_FILTER_COUNT;
    for (int r = 0; r < count; r++) {
        Tensor got;
        int rc = kind == EXPECT_D_INPUT ? route_d_input(r, &k->spec, &k->t, &got, k->err)
                                        : route_d_filter(r, &k->spec, &k->t, &got, k->err);
        const char *name = kind == EXPECT_D_INPUT ? route_d_input_names[r] : route_d_filter_names[r];
        const char *what = kind == EXPECT_D_INPUT ? "d_input" : "d_filter";
        if (rc != 0) {
            char doing[96];
            snprintf(doing, sizeof doing, "%s by %s", what, name);
            return core_fail(k, doing);
        }
        rc = compare(k, what, name, &got, &k->e->value);
        tensor_free(&got);
        if (rc != 0)
            return -1;
    }
    return 0;
}

static int check_one(const Ck *k)
{
    const LessonExpect *e = k->e;
    if (e->kind == EXPECT_COUNTS || e->kind == EXPECT_CHAIN_OUTPUT)
        return lesson_check_stack(k->l, e, k->err);
    if (e->kind == EXPECT_ERROR)
        return check_error(k);
    if (e->kind == EXPECT_D_INPUT || e->kind == EXPECT_D_FILTER)
        return check_routes(k, e->kind);
    if (e->kind == EXPECT_LEGAL_SIZES)
        return check_legal(k);
    LayerTensors t = k->t;
    Tensor out = {0}, other = {0};
    if (k->spec.op == OP_CONV2D)
        t.d_out = NULL;
    if (layer_run(&k->spec, &t, &out, k->err) != 0)
        return core_fail(k, op_name(k->spec.op));
    int rc = 0;
    char what[160];
    switch (e->kind) {
    case EXPECT_OUTPUT: rc = compare(k, "output", NULL, &out, &e->value); break;
    case EXPECT_CELL: rc = check_cell(k, &out); break;
    case EXPECT_SHAPE: {
        Tensor want = {.layout = out.layout, .data = NULL};
        memcpy(want.dim, e->shape, sizeof want.dim);
        if (memcmp(out.dim, want.dim, sizeof want.dim) != 0) {
            char a[64], b[64];
            lesson_fmt4(out.dim, a, sizeof a);
            lesson_fmt4(want.dim, b, sizeof b);
            snprintf(what, sizeof what, "%s, expected %s", a, b);
            rc = fail_at(k, TC_ERR_SHAPE, "the output has shape %s (%s)", what,
                         layout_name(out.layout));
        }
        break;
    }
    case EXPECT_SAME_AS:
        snprintf(what, sizeof what, "output by %s", e->text);
        rc = route_same_as(e->text, &k->spec, &t, &out, &other, k->err);
        rc = rc != 0 ? core_fail(k, what) : compare(k, "output", e->text, &other, &out);
        break;
    case EXPECT_OVERLAP:
        rc = route_overlap(&k->spec, &t, &other, k->err);
        rc = rc != 0 ? core_fail(k, "overlap") : compare(k, "overlap", NULL, &other, &e->value);
        break;
    case EXPECT_ZERO_INSERTED: case EXPECT_PADDED: case EXPECT_KERNEL: {
        const char *name = e->kind == EXPECT_ZERO_INSERTED ? "zero_inserted"
                           : e->kind == EXPECT_PADDED      ? "padded"
                                                           : "kernel";
        rc = route_intermediate(e->kind, &k->spec, &t, &other, k->err);
        rc = rc != 0 ? core_fail(k, name) : compare(k, name, NULL, &other, &e->value);
        break;
    }
    case EXPECT_MATRIX: case EXPECT_MATRIX_T: {
        const char *name = e->kind == EXPECT_MATRIX ? "matrix" : "matrix_transposed";
        rc = route_matrix(e->kind == EXPECT_MATRIX_T, &k->spec, &t, &other, k->err);
        rc = rc != 0 ? core_fail(k, name) : compare(k, name, NULL, &other, &e->value);
        break;
    }
    default: break;
    }
    tensor_free(&out);
    tensor_free(&other);
    return rc;
}

int lesson_check(const Lesson *l, Err *err)
{
    /* The lesson's own layer must compute even with no expects. */
    LayerSpec spec;
    LayerTensors t;
    Tensor out = {0};
    lesson_layer(l, NULL, &spec, &t);
    if (spec.op == OP_CONV2D)
        t.d_out = NULL;
    if (layer_run(&spec, &t, &out, err) != 0) {
        err_prefix(err, "%s: ", l->path);
        return -1;
    }
    tensor_free(&out);
    for (int i = 0; i < l->expect_count; i++) {
        Ck k = {.l = l, .e = &l->expects[i], .err = err};
        lesson_layer(l, &l->expects[i].with, &k.spec, &k.t);
        if (check_one(&k) != 0)
            return -1;
    }
    return 0;
}
