/* test_trace.c - the step traces tell the truth at every step: the scatter
 * canvas after k steps equals a fresh scatter of the first k input elements
 * (whatever checkpoint it was seeked from), the last canvas cropped is the
 * op's output, each gather and matrix step's sum is that output cell, and
 * the overlap map counts the products a ones-scatter adds up. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/ops.h"
#include "core/trace.h"
#include "geom_sweep.h"

/* The canvas after k steps, from scratch: scatter x with elements >= k zeroed. */
static void naive_partial(const ConvGeom *g, const float *x, const float *w, int k, float *canvas)
{
    size_t xs = geom_small_count(g);
    float *masked = calloc(xs, sizeof(float));
    memcpy(masked, x, (size_t)k * sizeof(float));
    op_scatter_full(g, masked, w, canvas);
    free(masked);
}

static void test_scatter_partial_matches_fresh_scatter_at_every_step(void **state)
{
    (void)state;
    for (int i = 0; i < SWEEP_COUNT; i++) {
        ConvGeom g;
        Err err = {0};
        assert_int_equal(sweep_geom(i, &g, &err), 0);
        float *x = sweep_ints(geom_small_count(&g), 3u + (unsigned)i);
        float *w = sweep_ints(geom_weight_count(&g), 11u + (unsigned)i);
        ScatterTrace t;
        assert_int_equal(trace_scatter_init(&t, &g, x, w, NULL, &err), 0);
        size_t n = trace_scatter_canvas_count(&t);
        float *got = malloc(n * sizeof(float)), *want = malloc(n * sizeof(float));
        /* Backwards too: seeking must not depend on the previous position. */
        for (int pass = 0; pass < 2; pass++)
            for (int s = 0; s <= t.steps; s++) {
                int k = pass ? t.steps - s : s;
                trace_scatter_partial(&t, k, got);
                naive_partial(&g, x, w, k, want);
                if (memcmp(got, want, n * sizeof(float)) != 0)
                    fail_msg("sweep case %d: canvas after %d steps differs", i, k);
            }
        float *y = malloc(geom_big_count(&g) * sizeof(float));
        assert_int_equal(op_conv2d_transpose(&g, x, w, NULL, y, &err), 0);
        assert_memory_equal(t.output, y, geom_big_count(&g) * sizeof(float));
        trace_scatter_free(&t);
        free(x); free(w); free(got); free(want); free(y);
    }
}

static void test_scatter_step_of_source_example_names_element_and_footprint(void **state)
{
    (void)state;
    ConvParams p = {.stride = {2, 2}, .padding = PAD_SAME};
    ConvGeom g;
    Err err = {0};
    assert_int_equal(geom_conv2d_transpose(&p, (int[4]){1, 1, 3, 3}, 1, 2, 2, (int[2]){6, 6}, &g, &err), 0);
    const float x[9] = {0, 0, 1.5f, 0, 1, 0, 0, 0, 0}, w[4] = {1, 2, 3, 4};
    ScatterTrace t;
    assert_int_equal(trace_scatter_init(&t, &g, x, w, NULL, &err), 0);
    assert_int_equal(t.steps, 9);
    ScatterStep s;
    trace_scatter_step(&t, 4, &s);
    assert_int_equal(s.i, 1);
    assert_int_equal(s.j, 1);
    assert_true(s.value == 1.0f);
    assert_int_equal(s.row0, 2);
    assert_int_equal(s.col0, 2);
    assert_int_equal(trace_scatter_index(&t, 0, 0, 1, 1), 4);
    float canvas[36];
    trace_scatter_partial(&t, 3, canvas); /* only x[0,2] = 1.5 so far */
    assert_true(canvas[4] == 1.5f && canvas[5] == 3.0f && canvas[10] == 4.5f && canvas[11] == 6.0f);
    assert_true(canvas[14] == 0.0f);
    trace_scatter_partial(&t, 5, canvas);
    assert_true(canvas[14] == 1.0f && canvas[21] == 4.0f);
    trace_scatter_free(&t);
}

static void test_gather_and_matrix_steps_sum_to_the_output(void **state)
{
    (void)state;
    for (int i = 0; i < SWEEP_COUNT; i++) {
        ConvGeom g;
        Err err = {0};
        assert_int_equal(sweep_geom(i, &g, &err), 0);
        float *x = sweep_ints(geom_small_count(&g), 21u + (unsigned)i);
        float *w = sweep_ints(geom_weight_count(&g), 31u + (unsigned)i);
        float *bias = sweep_ints((size_t)g.c_conv_in, 41u);
        float *y = malloc(geom_big_count(&g) * sizeof(float));
        assert_int_equal(op_conv2d_transpose(&g, x, w, bias, y, &err), 0);

        GatherTrace gt;
        MatrixTrace mt;
        assert_int_equal(trace_gather_init(&gt, &g, x, w, bias, &err), 0);
        assert_int_equal(trace_matrix_init(&mt, &g, x, w, bias, &err), 0);
        assert_int_equal(gt.steps, (int)geom_big_count(&g));
        assert_int_equal(mt.steps, (int)geom_big_count(&g));
        float *products = malloc((size_t)g.c_conv_out * g.h.k * g.w.k * sizeof(float));
        for (int k = 0; k < gt.steps; k++) {
            GatherStep gs;
            trace_gather_step(&gt, k, &gs, products);
            float acc = bias[gs.c];
            for (int p = 0; p < gs.n_products; p++)
                acc += products[p];
            if (gs.sum != y[k] || acc != y[k])
                fail_msg("case %d gather step %d: sum %g products %g want %g", i, k, gs.sum, acc, y[k]);
            assert_int_equal(trace_gather_index(&gt, gs.n, gs.c, gs.oy, gs.ox), k);
            MatrixStep ms;
            trace_matrix_step(&mt, k, &ms);
            if (ms.sum != y[k])
                fail_msg("case %d matrix step %d: %g want %g", i, k, ms.sum, y[k]);
            assert_int_equal(ms.c, gs.c);
            assert_int_equal(ms.oy, gs.oy);
            assert_int_equal(ms.ox, gs.ox);
        }
        trace_gather_free(&gt);
        trace_matrix_free(&mt);
        free(x); free(w); free(bias); free(y); free(products);
    }
}

static void test_overlap_counts_equal_a_scatter_of_ones(void **state)
{
    (void)state;
    for (int i = 0; i < SWEEP_COUNT; i++) {
        ConvGeom g;
        Err err = {0};
        assert_int_equal(sweep_geom(i, &g, &err), 0);
        /* One channel each way: the map is spatial. */
        g.n = 1;
        g.c_conv_in = g.c_conv_out = g.groups = 1;
        size_t fc = (size_t)g.h.full * g.w.full;
        float *ones_x = malloc(geom_small_count(&g) * sizeof(float));
        float *ones_w = malloc(geom_weight_count(&g) * sizeof(float));
        for (size_t k = 0; k < geom_small_count(&g); k++) ones_x[k] = 1;
        for (size_t k = 0; k < geom_weight_count(&g); k++) ones_w[k] = 1;
        float *full = malloc(fc * sizeof(float));
        int *counts = malloc(fc * sizeof(int));
        op_scatter_full(&g, ones_x, ones_w, full);
        overlap_full(&g, counts);
        for (size_t k = 0; k < fc; k++)
            assert_int_equal(counts[k], (int)full[k]);
        size_t oc = (size_t)g.h.conv_in * g.w.conv_in;
        float *y = malloc(oc * sizeof(float));
        int *ocounts = malloc(oc * sizeof(int));
        op_crop_full(&g, full, y);
        overlap_output(&g, ocounts);
        for (size_t k = 0; k < oc; k++)
            assert_int_equal(ocounts[k], (int)y[k]);
        free(ones_x); free(ones_w); free(full); free(counts); free(y); free(ocounts);
    }
}

static void test_overlap_kernel3_stride2_is_uneven_and_kernel4_stride2_even(void **state)
{
    (void)state;
    ConvParams p = {.convention = CONV_TORCH, .stride = {2, 2}, .padding = PAD_EXPLICIT,
                    .pad = {1, 1, 1, 1}};
    ConvGeom g3, g4;
    Err err = {0};
    assert_int_equal(geom_conv2d_transpose(&p, (int[4]){1, 1, 4, 4}, 1, 3, 3, NULL, &g3, &err), 0);
    assert_int_equal(geom_conv2d_transpose(&p, (int[4]){1, 1, 4, 4}, 1, 4, 4, NULL, &g4, &err), 0);
    int c3[64], c4[64];
    overlap_output(&g3, c3);
    overlap_output(&g4, c4);
    /* k=3, s=2: interior rows alternate 1 and 2 hits per axis -> 1, 2, 4. */
    assert_int_equal(c3[1 * 7 + 1], 4);
    assert_int_equal(c3[1 * 7 + 2], 2);
    assert_int_equal(c3[2 * 7 + 2], 1);
    /* k=4, s=2, p=1: every cell of the 8x8 output is hit 2x2 = 4 times except the border. */
    for (int y = 1; y < 7; y++)
        for (int x = 1; x < 7; x++)
            assert_int_equal(c4[y * 8 + x], 4);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scatter_partial_matches_fresh_scatter_at_every_step),
        cmocka_unit_test(test_scatter_step_of_source_example_names_element_and_footprint),
        cmocka_unit_test(test_gather_and_matrix_steps_sum_to_the_output),
        cmocka_unit_test(test_overlap_counts_equal_a_scatter_of_ones),
        cmocka_unit_test(test_overlap_kernel3_stride2_is_uneven_and_kernel4_stride2_even),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
