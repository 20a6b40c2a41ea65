/* test_formulations.c - every formulation of conv2d_transpose equals the
 * scatter exactly on integer data: the conv2d-equivalent (zero insertion,
 * padding, rot180, in/out swap, stride-1 conv2d), the matrix form C^T x, and
 * conv2d_backprop_input. Plus the building blocks on hand-checked arrays. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/formulations.h"
#include "core/ops.h"
#include "geom_sweep.h"

static void test_zero_insert_puts_stride_minus_one_zeros_between_elements(void **state)
{
    (void)state;
    const float x[4] = {1, 2, 3, 4};
    float z[3 * 4];
    form_zero_insert(x, 1, 2, 2, 2, 3, z);
    const float want[12] = {1, 0, 0, 2, 0, 0, 0, 0, 3, 0, 0, 4};
    assert_memory_equal(z, want, sizeof want);
}

static void test_pad_adds_zeros_and_negative_pad_crops(void **state)
{
    (void)state;
    const float x[6] = {1, 2, 3, 4, 5, 6}; /* 2x3 */
    float out[4 * 4];
    form_pad(x, 1, 2, 3, (int[4]){1, 1, 1, 0}, out);
    const float want[16] = {0, 0, 0, 0, 0, 1, 2, 3, 0, 4, 5, 6, 0, 0, 0, 0};
    assert_memory_equal(out, want, sizeof want);
    float crop[1 * 2];
    form_pad(x, 1, 2, 3, (int[4]){-1, 0, 0, -1}, crop);
    const float want_crop[2] = {4, 5};
    assert_memory_equal(crop, want_crop, sizeof want_crop);
}

static void test_rot180_flips_both_axes(void **state)
{
    (void)state;
    const float w[6] = {1, 2, 3, 4, 5, 6}; /* 2x3 */
    float r[6];
    form_rot180(w, 1, 2, 3, r);
    const float want[6] = {6, 5, 4, 3, 2, 1};
    assert_memory_equal(r, want, sizeof want);
}

static void test_swap_io_transposes_channel_axes_within_groups(void **state)
{
    (void)state;
    /* w: [ci=4, co/G=1, 1, 1] with G=2 -> out [co=2, ci/G=2, 1, 1] */
    const float w[4] = {10, 11, 20, 21};
    float out[4];
    form_swap_io(w, 4, 2, 2, 1, 1, out);
    const float want[4] = {10, 11, 20, 21};
    assert_memory_equal(out, want, sizeof want);
    /* G=1: w [ci=2, co=3] -> [co=3, ci=2] */
    const float w2[6] = {1, 2, 3, 4, 5, 6};
    float out2[6];
    form_swap_io(w2, 2, 3, 1, 1, 1, out2);
    const float want2[6] = {1, 4, 2, 5, 3, 6};
    assert_memory_equal(out2, want2, sizeof want2);
}

static void test_equiv_padding_of_source_example_is_one_before_zero_after(void **state)
{
    (void)state;
    ConvParams p = {.stride = {2, 2}, .padding = PAD_SAME};
    ConvGeom g;
    Err err = {0};
    assert_int_equal(geom_conv2d_transpose(&p, (int[4]){1, 1, 3, 3}, 1, 2, 2, (int[2]){6, 6}, &g, &err), 0);
    int pad[4];
    form_equiv_padding(&g, pad);
    /* k_eff-1-p = 1 before; crop_after is 0, so 1 after too: 5+2-2+1 = 6 */
    assert_int_equal(pad[0], 1);
    assert_int_equal(pad[1], 1);
    EquivConv e;
    const float x[9] = {0, 0, 1.5f, 0, 1, 0, 0, 0, 0}, w[4] = {1, 2, 3, 4};
    assert_int_equal(equiv_init(&e, &g, x, w, NULL, &err), 0);
    assert_int_equal(e.zh, 5);
    assert_int_equal(e.eq.h.conv_in, 7);
    const float rot[4] = {4, 3, 2, 1};
    assert_memory_equal(e.kernel, rot, sizeof rot);
    const float want[36] = {0, 0, 0, 0, 1.5f, 3, 0, 0, 0, 0, 4.5f, 6, 0, 0, 1, 2, 0, 0,
                            0, 0, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    assert_memory_equal(e.output, want, sizeof want);
    equiv_free(&e);
}

static void test_matrix_of_1d_conv_has_kernel_on_shifted_diagonals(void **state)
{
    (void)state;
    /* conv of a 4-wide row with a 1x2 kernel, stride 2, VALID: 2 outputs. */
    ConvParams p = {.stride = {1, 2}};
    ConvGeom g;
    Err err = {0};
    assert_int_equal(geom_conv2d(&p, (int[4]){1, 1, 1, 4}, 1, 1, 2, &g, &err), 0);
    SparseMatrix c, ct;
    assert_int_equal(matrix_build_conv(&g, &c, &err), 0);
    assert_int_equal(c.rows, 2);
    assert_int_equal(c.cols, 4);
    assert_int_equal((int)c.nnz, 4);
    const int col[4] = {0, 1, 2, 3}, widx[4] = {0, 1, 0, 1};
    assert_memory_equal(c.col, col, sizeof col);
    assert_memory_equal(c.widx, widx, sizeof widx);
    assert_int_equal(matrix_transpose(&c, &ct, &err), 0);
    assert_int_equal(ct.rows, 4);
    for (int r = 0; r < 4; r++) {
        assert_int_equal((int)(ct.row_start[r + 1] - ct.row_start[r]), 1);
        assert_int_equal(ct.col[ct.row_start[r]], r / 2);
        assert_int_equal(ct.widx[ct.row_start[r]], r % 2);
    }
    matrix_free(&c);
    matrix_free(&ct);
}

static void test_matrix_c_is_conv2d_and_direct_ct_is_its_transpose(void **state)
{
    (void)state;
    for (int i = 0; i < SWEEP_COUNT; i++) {
        ConvGeom g;
        Err err = {0};
        assert_int_equal(sweep_geom(i, &g, &err), 0);
        SparseMatrix c, t, direct;
        assert_int_equal(matrix_build_conv(&g, &c, &err), 0);
        assert_int_equal(matrix_transpose(&c, &t, &err), 0);
        assert_int_equal(matrix_build_conv_transposed(&g, &direct, &err), 0);
        assert_int_equal(direct.rows, t.rows);
        assert_int_equal(direct.cols, t.cols);
        assert_int_equal((int)direct.nnz, (int)t.nnz);
        assert_memory_equal(direct.row_start, t.row_start, ((size_t)t.rows + 1) * sizeof *t.row_start);
        assert_memory_equal(direct.col, t.col, t.nnz * sizeof *t.col);
        assert_memory_equal(direct.widx, t.widx, t.nnz * sizeof *t.widx);

        /* And C itself is the forward conv: C vec(x) == conv2d(x) per batch item. */
        size_t big = (size_t)c.cols, small = (size_t)c.rows;
        float *x = sweep_ints(geom_big_count(&g), 13u + (unsigned)i);
        float *w = sweep_ints(geom_weight_count(&g), 17u + (unsigned)i);
        float *want = malloc(geom_small_count(&g) * sizeof(float));
        float *got = malloc(small * sizeof(float));
        op_conv2d(&g, x, w, NULL, want);
        for (int n = 0; n < g.n; n++) {
            matrix_apply(&c, w, x + n * big, got);
            assert_memory_equal(got, want + n * small, small * sizeof(float));
        }
        free(x); free(w); free(want); free(got);
        matrix_free(&c);
        matrix_free(&t);
        matrix_free(&direct);
    }
}

static void test_all_formulations_equal_scatter_exactly_on_sweep(void **state)
{
    (void)state;
    for (int i = 0; i < SWEEP_COUNT; i++) {
        ConvGeom g;
        Err err = {0};
        if (sweep_geom(i, &g, &err) != 0)
            fail_msg("sweep case %d: %s", i, err.msg);
        size_t xs = geom_small_count(&g), ws = geom_weight_count(&g), ys = geom_big_count(&g);
        float *x = sweep_ints(xs, 7u + (unsigned)i), *w = sweep_ints(ws, 99u + (unsigned)i);
        float *bias = sweep_ints((size_t)g.c_conv_in, 5u);
        float *scatter = malloc(ys * sizeof(float)), *equiv = malloc(ys * sizeof(float));
        float *matrix = malloc(ys * sizeof(float)), *bprop = malloc(ys * sizeof(float));
        assert_int_equal(op_conv2d_transpose(&g, x, w, bias, scatter, &err), 0);
        assert_int_equal(form_transpose_by_conv2d(&g, x, w, bias, equiv, &err), 0);
        assert_int_equal(form_transpose_by_matrix(&g, x, w, bias, matrix, &err), 0);
        op_conv2d_backprop_input(&g, w, x, bprop);
        for (size_t k = 0; k < ys; k++) {
            float b = bias[(k / ((size_t)g.h.conv_in * g.w.conv_in)) % g.c_conv_in];
            if (scatter[k] != equiv[k] || scatter[k] != matrix[k] || scatter[k] != bprop[k] + b)
                fail_msg("sweep case %d index %zu: scatter %g equiv %g matrix %g backprop %g", i,
                         k, scatter[k], equiv[k], matrix[k], bprop[k] + b);
        }
        free(x); free(w); free(bias); free(scatter); free(equiv); free(matrix); free(bprop);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_zero_insert_puts_stride_minus_one_zeros_between_elements),
        cmocka_unit_test(test_pad_adds_zeros_and_negative_pad_crops),
        cmocka_unit_test(test_rot180_flips_both_axes),
        cmocka_unit_test(test_swap_io_transposes_channel_axes_within_groups),
        cmocka_unit_test(test_equiv_padding_of_source_example_is_one_before_zero_after),
        cmocka_unit_test(test_matrix_of_1d_conv_has_kernel_on_shifted_diagonals),
        cmocka_unit_test(test_matrix_c_is_conv2d_and_direct_ct_is_its_transpose),
        cmocka_unit_test(test_all_formulations_equal_scatter_exactly_on_sweep),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
