/* test_gradcheck.c - the two gradient kernels are the gradients of op_conv2d.
 *
 * With L(x, w) = sum(conv2d(x, w) * dy), dL/dx must equal
 * op_conv2d_backprop_input(w, dy) and dL/dw op_conv2d_backprop_filter(x, dy).
 * L is linear in x (and in w), so a central difference has no truncation
 * error at all; the only error could come from rounding, and there is none:
 * x, w and dy are integers in -3..3 and eps = 1/8, so every product is a
 * multiple of 1/8 below 10 in magnitude, every conv2d output a sum of at most
 * 48 of them (|y| < 2^9, 3 fraction bits: exact in float32's 24 bits), and L
 * is summed in double. Hence the check is ==, element by element, with no
 * tolerance. The finite differences are the core's (gradcheck.h, which
 * evaluates only the outputs the perturbed element feeds); that shortcut is
 * itself checked against the full loss, computed here from op_conv2d. The
 * same geometries also check that the gather (op_conv2d_backprop_input) and
 * the scatter (op_conv2d_transpose) -- two independent implementations of
 * one linear map -- agree exactly. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/geom.h"
#include "core/gradcheck.h"
#include "core/ops.h"

#define EPS 0.125f

typedef enum { FROM_CONV2D, FROM_TRANSPOSE } Source;

/* A geometry, built the way a user would reach it. FROM_CONV2D: h, w are
 * the conv input (big map). FROM_TRANSPOSE: h, w are the transposed conv's
 * input (small map) and `out` is the TF output size or, for PyTorch, the
 * output_padding. */
typedef struct {
    const char *name;
    Source src;
    Convention conv;
    PadMode pad;
    int pads[4];
    int n, cb, cs, groups;
    int h, w, kh, kw, sh, sw, dh, dw;
    int out[2];
} GradRow;

static const GradRow rows[] = {
    {"tf_same_s1_k3", FROM_CONV2D, CONV_TF, PAD_SAME, {0}, 2, 1, 1, 1,
     5, 5, 3, 3, 1, 1, 1, 1, {0}},
    {"tf_same_s2_k3_odd_total", FROM_CONV2D, CONV_TF, PAD_SAME, {0}, 2, 2, 3, 1,
     6, 6, 3, 3, 2, 2, 1, 1, {0}},
    {"tf_same_s3_k2x4", FROM_CONV2D, CONV_TF, PAD_SAME, {0}, 1, 3, 2, 1,
     7, 5, 2, 4, 3, 3, 1, 1, {0}},
    {"tf_same_s2x1_d2x1_k3x2", FROM_CONV2D, CONV_TF, PAD_SAME, {0}, 2, 1, 2, 1,
     6, 5, 3, 2, 2, 1, 2, 1, {0}},
    {"tf_valid_s2_k3_unread_row", FROM_CONV2D, CONV_TF, PAD_VALID, {0}, 2, 2, 1, 1,
     8, 7, 3, 3, 2, 2, 1, 1, {0}},
    {"tf_valid_s3_d2_k2x3", FROM_CONV2D, CONV_TF, PAD_VALID, {0}, 2, 3, 3, 1,
     8, 9, 2, 3, 3, 3, 2, 2, {0}},
    {"tf_valid_s1x3_d1x2_k3x2", FROM_CONV2D, CONV_TF, PAD_VALID, {0}, 2, 2, 2, 1,
     5, 7, 3, 2, 1, 3, 1, 2, {0}},
    {"explicit_asymmetric_2_0_1_3_s2", FROM_CONV2D, CONV_TF, PAD_EXPLICIT, {2, 0, 1, 3}, 2, 2, 2, 1,
     5, 6, 3, 3, 2, 2, 1, 1, {0}},
    {"torch_p1_s2_k3_groups2", FROM_CONV2D, CONV_TORCH, PAD_EXPLICIT, {1, 1, 1, 1}, 2, 2, 2, 2,
     5, 5, 3, 3, 2, 2, 1, 1, {0}},
    {"torch_p2_s3_d2_k2_groups2", FROM_CONV2D, CONV_TORCH, PAD_EXPLICIT, {2, 2, 2, 2}, 2, 2, 2, 2,
     6, 7, 2, 2, 3, 3, 2, 2, {0}},
    {"torch_p0_s1_d2_k3", FROM_CONV2D, CONV_TORCH, PAD_EXPLICIT, {0}, 2, 3, 1, 1,
     7, 6, 3, 3, 1, 1, 2, 2, {0}},
    {"torch_p3_past_k_eff_s2_k3", FROM_CONV2D, CONV_TORCH, PAD_EXPLICIT, {3, 3, 3, 3}, 2, 1, 2, 1,
     4, 3, 3, 3, 2, 2, 1, 1, {0}},
    {"torch_p1_s2_k4_groups2_cs4", FROM_CONV2D, CONV_TORCH, PAD_EXPLICIT, {1, 1, 1, 1}, 2, 2, 4, 2,
     6, 6, 4, 4, 2, 2, 1, 1, {0}},
    /* Geometries only a transposed conv reaches: output past the scatter. */
    {"tf_transpose_valid_top_of_range", FROM_TRANSPOSE, CONV_TF, PAD_VALID, {0}, 2, 1, 2, 1,
     3, 3, 2, 2, 2, 2, 1, 1, {7, 6}},
    {"tf_transpose_same_clamped_total", FROM_TRANSPOSE, CONV_TF, PAD_SAME, {0}, 2, 2, 1, 1,
     3, 2, 1, 1, 2, 2, 1, 1, {6, 3}},
    {"torch_transpose_op1_groups2", FROM_TRANSPOSE, CONV_TORCH, PAD_EXPLICIT, {0}, 2, 2, 2, 2,
     3, 3, 3, 3, 2, 2, 1, 1, {1, 1}},
    {"torch_transpose_op2_by_dilation", FROM_TRANSPOSE, CONV_TORCH, PAD_EXPLICIT, {1, 1, 0, 0},
     2, 1, 3, 1, 2, 3, 2, 2, 1, 1, 3, 3, {2, 2}},
};
#define ROW_COUNT ((int)(sizeof rows / sizeof rows[0]))

static void row_geom(const GradRow *r, ConvGeom *g)
{
    ConvParams p = {.convention = r->conv, .stride = {r->sh, r->sw}, .dilation = {r->dh, r->dw},
                    .padding = r->pad, .groups = r->groups};
    memcpy(p.pad, r->pads, sizeof p.pad);
    Err err = {0};
    int rc;
    if (r->src == FROM_CONV2D) {
        rc = geom_conv2d(&p, (int[4]){r->n, r->cb, r->h, r->w}, r->cs, r->kh, r->kw, g, &err);
    } else if (r->conv == CONV_TF) {
        rc = geom_conv2d_transpose(&p, (int[4]){r->n, r->cs, r->h, r->w}, r->cb, r->kh, r->kw,
                                   r->out, g, &err);
    } else {
        p.output_padding[0] = r->out[0];
        p.output_padding[1] = r->out[1];
        rc = geom_conv2d_transpose(&p, (int[4]){r->n, r->cs, r->h, r->w}, r->cb, r->kh, r->kw,
                                   NULL, g, &err);
    }
    if (rc != 0)
        print_error("%s: %s\n", r->name, err.msg);
    assert_int_equal(rc, 0);
}

/* Integers in -3..3 from a fixed LCG. */
static float *ints(size_t n, unsigned seed)
{
    float *v = malloc(n * sizeof *v);
    assert_non_null(v);
    for (size_t i = 0; i < n; i++) {
        seed = seed * 1103515245u + 12345u;
        v[i] = (float)((int)((seed >> 16) % 7) - 3);
    }
    return v;
}

/* L = sum(conv2d(x, w) * dy), accumulated in double. */
static double loss(const ConvGeom *g, const float *x, const float *w, const float *dy, float *y)
{
    op_conv2d(g, x, w, NULL, y);
    double l = 0;
    for (size_t i = 0; i < geom_small_count(g); i++)
        l += (double)y[i] * dy[i];
    return l;
}

/* The core's central difference of L along each element of x or w
 * (`what`), compared with the kernel's gradient. Returns the number of
 * nonzero gradient entries so callers can refuse a vacuous pass. */
static int check_against_fd(const GradRow *r, const char *what, const ConvGeom *g, float *x,
                            float *w, const float *dy, size_t count, const float *grad)
{
    int nonzero = 0;
    for (size_t i = 0; i < count; i++) {
        double fd = what[0] == 'x' ? numeric_grad_input_at(g, x, w, dy, i, EPS)
                                   : numeric_grad_filter_at(g, x, w, dy, i, EPS);
        if (fd != (double)grad[i])
            print_error("%s: d%s[%zu]: finite difference %.17g, kernel %.9g\n", r->name, what, i,
                        fd, (double)grad[i]);
        assert_true(fd == (double)grad[i]);
        nonzero += grad[i] != 0.0f;
    }
    return nonzero;
}

/* The core's local difference equals the difference of the full loss, and
 * leaves the perturbed tensor exactly as it was. */
static void check_local_equals_full(const GradRow *r, const ConvGeom *g, float *x, float *w,
                                    const float *dy, float *v, size_t count, int is_x)
{
    float *y = malloc(geom_small_count(g) * sizeof *y);
    assert_non_null(y);
    double base = loss(g, x, w, dy, y);
    assert_true(grad_loss(g, x, w, dy) == base);
    for (size_t i = 0; i < count; i++) {
        float keep = v[i];
        v[i] = keep + EPS;
        double lp = loss(g, x, w, dy, y);
        v[i] = keep - EPS;
        double lm = loss(g, x, w, dy, y);
        v[i] = keep;
        double full = (lp - lm) / (2.0 * EPS);
        double local = is_x ? numeric_grad_input_at(g, x, w, dy, i, EPS)
                            : numeric_grad_filter_at(g, x, w, dy, i, EPS);
        if (full != local)
            print_error("%s: %s[%zu]: full %.17g, local %.17g\n", r->name, is_x ? "x" : "w", i,
                        full, local);
        assert_true(full == local);
        assert_true(v[i] == keep);
    }
    free(y);
}

static void test_backprop_input_is_the_gradient_of_conv2d_over_the_table(void **state)
{
    (void)state;
    for (int k = 0; k < ROW_COUNT; k++) {
        ConvGeom g;
        row_geom(&rows[k], &g);
        float *x = ints(geom_big_count(&g), 11u + (unsigned)k);
        float *w = ints(geom_weight_count(&g), 101u + (unsigned)k);
        float *dy = ints(geom_small_count(&g), 1001u + (unsigned)k);
        float *dx = malloc(geom_big_count(&g) * sizeof *dx);
        assert_non_null(dx);
        op_conv2d_backprop_input(&g, w, dy, dx);
        int nonzero = check_against_fd(&rows[k], "x", &g, x, w, dy, geom_big_count(&g), dx);
        check_local_equals_full(&rows[k], &g, x, w, dy, x, geom_big_count(&g), 1);
        assert_true(nonzero > 0);
        free(x);
        free(w);
        free(dy);
        free(dx);
    }
}

static void test_backprop_filter_is_the_gradient_of_conv2d_over_the_table(void **state)
{
    (void)state;
    for (int k = 0; k < ROW_COUNT; k++) {
        ConvGeom g;
        row_geom(&rows[k], &g);
        float *x = ints(geom_big_count(&g), 21u + (unsigned)k);
        float *w = ints(geom_weight_count(&g), 201u + (unsigned)k);
        float *dy = ints(geom_small_count(&g), 2001u + (unsigned)k);
        float *dw = malloc(geom_weight_count(&g) * sizeof *dw);
        assert_non_null(dw);
        op_conv2d_backprop_filter(&g, x, dy, dw);
        int nonzero = check_against_fd(&rows[k], "w", &g, x, w, dy, geom_weight_count(&g), dw);
        check_local_equals_full(&rows[k], &g, x, w, dy, w, geom_weight_count(&g), 0);
        assert_true(nonzero > 0);
        free(x);
        free(w);
        free(dy);
        free(dw);
    }
}

static void test_backprop_input_gather_equals_transpose_scatter_over_the_table(void **state)
{
    (void)state;
    for (int k = 0; k < ROW_COUNT; k++) {
        ConvGeom g;
        Err err = {0};
        row_geom(&rows[k], &g);
        size_t nb = geom_big_count(&g);
        float *w = ints(geom_weight_count(&g), 301u + (unsigned)k);
        float *dy = ints(geom_small_count(&g), 3001u + (unsigned)k);
        float *dx = malloc(nb * sizeof *dx), *yt = malloc(nb * sizeof *yt);
        assert_non_null(dx);
        assert_non_null(yt);
        op_conv2d_backprop_input(&g, w, dy, dx);
        assert_int_equal(op_conv2d_transpose(&g, dy, w, NULL, yt, &err), 0);
        int nonzero = 0;
        for (size_t i = 0; i < nb; i++) {
            if (dx[i] != yt[i])
                print_error("%s: index %zu: gather %g, scatter %g\n", rows[k].name, i,
                            (double)dx[i], (double)yt[i]);
            assert_true(dx[i] == yt[i]);
            nonzero += dx[i] != 0.0f;
        }
        assert_true(nonzero > 0);
        free(w);
        free(dy);
        free(dx);
        free(yt);
    }
}

/* The whole-tensor variants give the per-element values, and the cost bound
 * is what one element's evaluation really reads. */
static void test_whole_tensor_numeric_gradients(void **state)
{
    (void)state;
    for (int k = 0; k < ROW_COUNT; k += 4) {
        ConvGeom g;
        row_geom(&rows[k], &g);
        size_t nb = geom_big_count(&g), nw = geom_weight_count(&g);
        float *x = ints(nb, 41u + (unsigned)k), *w = ints(nw, 401u + (unsigned)k);
        float *dy = ints(geom_small_count(&g), 4001u + (unsigned)k);
        float *dx = malloc(nb * sizeof *dx), *dw = malloc(nw * sizeof *dw);
        double *fx = malloc(nb * sizeof *fx), *fw = malloc(nw * sizeof *fw);
        assert_true(dx && dw && fx && fw);
        op_conv2d_backprop_input(&g, w, dy, dx);
        op_conv2d_backprop_filter(&g, x, dy, dw);
        numeric_grad_input(&g, x, w, dy, EPS, fx);
        numeric_grad_filter(&g, x, w, dy, EPS, fw);
        for (size_t i = 0; i < nb; i++)
            assert_true(fx[i] == (double)dx[i]);
        for (size_t i = 0; i < nw; i++)
            assert_true(fw[i] == (double)dw[i]);
        size_t window = (size_t)(g.c_conv_in / g.groups) * g.h.k * g.w.k;
        assert_int_equal(numeric_grad_input_cost(&g),
                         2 * (size_t)(g.c_conv_out / g.groups) * g.h.k * g.w.k * window);
        assert_int_equal(numeric_grad_filter_cost(&g),
                         2 * (size_t)g.n * g.h.conv_out * g.w.conv_out * window);
        free(x);
        free(w);
        free(dy);
        free(dx);
        free(dw);
        free(fx);
        free(fw);
    }
}

/* The table must reach what it claims to: strides 1-3, dilation 1-2 (and 3),
 * all padding kinds, groups 1-2, batch 2, and negative crops. */
static void test_table_covers_the_geometry_space(void **state)
{
    (void)state;
    int stride_seen[4] = {0}, dil_seen[4] = {0}, groups2 = 0, batch2 = 0, neg_crop = 0;
    int pads[3] = {0};
    for (int k = 0; k < ROW_COUNT; k++) {
        ConvGeom g;
        row_geom(&rows[k], &g);
        stride_seen[g.h.stride] = stride_seen[g.w.stride] = 1;
        dil_seen[g.h.dil] = dil_seen[g.w.dil] = 1;
        groups2 += g.groups == 2;
        batch2 += g.n == 2;
        neg_crop += g.h.crop_after < 0 || g.w.crop_after < 0;
        pads[rows[k].pad]++;
    }
    for (int s = 1; s <= 3; s++)
        assert_true(stride_seen[s]);
    assert_true(dil_seen[1] && dil_seen[2]);
    assert_true(groups2 >= 3);
    assert_true(batch2 >= ROW_COUNT - 2);
    assert_true(neg_crop >= 3);
    assert_true(pads[PAD_SAME] && pads[PAD_VALID] && pads[PAD_EXPLICIT]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_backprop_input_is_the_gradient_of_conv2d_over_the_table),
        cmocka_unit_test(test_backprop_filter_is_the_gradient_of_conv2d_over_the_table),
        cmocka_unit_test(test_backprop_input_gather_equals_transpose_scatter_over_the_table),
        cmocka_unit_test(test_whole_tensor_numeric_gradients),
        cmocka_unit_test(test_table_covers_the_geometry_space),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
