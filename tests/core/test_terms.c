/* test_terms.c - the term lists behind d_x, d_w, a scatter canvas cell and
 * the conv2d-equivalent's outputs, and the reader of each input position:
 * each list holds exactly the (output, tap) pairs a brute-force search over
 * the forward conv finds, with the right factors, and adds up to
 * the kernels' values (exactly, on small integers). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>

#include "core/ops.h"
#include "core/terms.h"

typedef struct {
    const char *name;
    ConvParams p;
    int n, cb, cs, h, w, k;
} Case;

static const Case cases[] = {
    {"same_s2_k3",
     {.convention = CONV_TF, .stride = {2, 2}, .padding = PAD_SAME},
     1,
     1,
     1,
     6,
     6,
     3},
    {"valid_s1_k2_3ch", {.convention = CONV_TF, .padding = PAD_VALID}, 2, 3, 2, 4, 5, 2},
    {"torch_p1_s2_d2_groups2",
     {.convention = CONV_TORCH,
      .stride = {2, 2},
      .dilation = {2, 2},
      .padding = PAD_EXPLICIT,
      .pad = {1, 1, 1, 1},
      .groups = 2},
     1,
     4,
     2,
     7,
     6,
     2},
};
#define CASES ((int)(sizeof cases / sizeof *cases))

static void case_geom(const Case *c, ConvGeom *g)
{
    Err err = {0};
    if (geom_conv2d(&c->p, (int[4]){c->n, c->cb, c->h, c->w}, c->cs, c->k, c->k, g, &err) != 0)
        fail_msg("%s: %s", c->name, err.msg);
}

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

/* Is (co, oy, ox, a, b) among the terms? */
static int listed(const GradTerm *t, int count, int co, int oy, int ox, int a, int b)
{
    for (int i = 0; i < count; i++)
        if (t[i].co == co && t[i].oy == oy && t[i].ox == ox && t[i].a == a && t[i].b == b)
            return 1;
    return 0;
}

static void test_backprop_input_terms_are_the_readers_and_sum_to_dx(void **state)
{
    (void)state;
    GradTerm *t = malloc(4096 * sizeof *t);
    assert_non_null(t);
    for (int k = 0; k < CASES; k++) {
        ConvGeom g;
        case_geom(&cases[k], &g);
        int cb_g = g.c_conv_in / g.groups, cs_g = g.c_conv_out / g.groups;
        float *w = ints(geom_weight_count(&g), 7u + k), *dy = ints(geom_small_count(&g), 77u + k);
        float *dx = malloc(geom_big_count(&g) * sizeof *dx);
        assert_non_null(dx);
        op_conv2d_backprop_input(&g, w, dy, dx);
        for (size_t idx = 0; idx < geom_big_count(&g); idx++) {
            int count = terms_backprop_input(&g, w, dy, idx, t, 4096);
            assert_int_equal(terms_backprop_input(&g, w, dy, idx, NULL, 0), count);
            int ix = (int)(idx % g.w.conv_in), iy = (int)(idx / g.w.conv_in % g.h.conv_in);
            int c = (int)(idx / ((size_t)g.w.conv_in * g.h.conv_in) % g.c_conv_in);
            int n = (int)(idx / ((size_t)g.w.conv_in * g.h.conv_in * g.c_conv_in));
            /* brute force: every output and tap of the forward conv that reads x[idx] */
            int found = 0;
            for (int co = 0; co < g.c_conv_out; co++) {
                if (co / cs_g != c / cb_g)
                    continue;
                for (int oy = 0; oy < g.h.conv_out; oy++)
                    for (int ox = 0; ox < g.w.conv_out; ox++)
                        for (int a = 0; a < g.h.k; a++)
                            for (int b = 0; b < g.w.k; b++)
                                if (oy * g.h.stride + a * g.h.dil - g.h.pad_before == iy &&
                                    ox * g.w.stride + b * g.w.dil - g.w.pad_before == ix) {
                                    assert_true(listed(t, count, co, oy, ox, a, b));
                                    found++;
                                }
            }
            assert_int_equal(found, count);
            float sum = 0.0f;
            for (int i = 0; i < count; i++) {
                assert_int_equal(t[i].n, n);
                assert_int_equal(t[i].ci, c);
                assert_true(t[i].left ==
                            dy[(((size_t)n * g.c_conv_out + t[i].co) * g.h.conv_out + t[i].oy) *
                                   g.w.conv_out +
                               t[i].ox]);
                assert_true(
                    t[i].right ==
                    w[(((size_t)t[i].co * cb_g + c % cb_g) * g.h.k + t[i].a) * g.w.k + t[i].b]);
                assert_true(t[i].product == t[i].left * t[i].right);
                sum += t[i].product;
            }
            assert_true(sum == dx[idx]);
        }
        free(w);
        free(dy);
        free(dx);
    }
    free(t);
}

static void test_backprop_filter_terms_correlate_x_with_dout(void **state)
{
    (void)state;
    GradTerm *t = malloc(4096 * sizeof *t);
    assert_non_null(t);
    for (int k = 0; k < CASES; k++) {
        ConvGeom g;
        case_geom(&cases[k], &g);
        float *x = ints(geom_big_count(&g), 9u + k), *dy = ints(geom_small_count(&g), 99u + k);
        float *dw = malloc(geom_weight_count(&g) * sizeof *dw);
        assert_non_null(dw);
        op_conv2d_backprop_filter(&g, x, dy, dw);
        int with_padding_skip = 0;
        for (size_t idx = 0; idx < geom_weight_count(&g); idx++) {
            int count = terms_backprop_filter(&g, x, dy, idx, t, 4096);
            float sum = 0.0f;
            for (int i = 0; i < count; i++) {
                assert_true(t[i].left ==
                            x[(((size_t)t[i].n * g.c_conv_in + t[i].ci) * g.h.conv_in + t[i].iy) *
                                  g.w.conv_in +
                              t[i].ix]);
                assert_int_equal(t[i].iy, t[i].oy * g.h.stride + t[i].a * g.h.dil - g.h.pad_before);
                assert_int_equal(t[i].ix, t[i].ox * g.w.stride + t[i].b * g.w.dil - g.w.pad_before);
                sum += t[i].product;
            }
            /* every output except those whose tap falls in the padding */
            with_padding_skip += count < g.n * g.h.conv_out * g.w.conv_out;
            assert_true(count <= g.n * g.h.conv_out * g.w.conv_out);
            assert_true(sum == dw[idx]);
        }
        if (g.h.pad_before > 0)
            assert_true(with_padding_skip > 0);
        free(x);
        free(dy);
        free(dw);
    }
    free(t);
}

static void test_gather_channel_sums_add_up_to_each_output(void **state)
{
    (void)state;
    for (int k = 0; k < CASES; k++) {
        ConvGeom g;
        case_geom(&cases[k], &g);
        Err err = {0};
        float *x = ints(geom_small_count(&g), 5u + k), *w = ints(geom_weight_count(&g), 55u + k);
        float bias[8] = {1, -2, 3, -4, 5, -6, 7, -8};
        GatherTrace t;
        assert_int_equal(trace_gather_init(&t, &g, x, w, bias, &err), 0);
        float sums[16], prods[16 * 9];
        for (int s = 0; s < t.steps; s++) {
            GatherStep gs;
            trace_gather_step(&t, s, &gs, prods);
            terms_gather_channel_sums(&t, s, sums);
            float total = 0.0f;
            for (int c = 0; c < gs.c_count; c++) {
                float want = 0.0f;
                for (int i = 0; i < g.h.k * g.w.k; i++)
                    want += prods[c * g.h.k * g.w.k + i];
                assert_true(sums[c] == want);
                total += sums[c];
            }
            assert_true(total + bias[gs.c] == gs.sum);
        }
        trace_gather_free(&t);
        free(x);
        free(w);
    }
}

static void test_reader_is_the_forward_conv_output_reading_each_position(void **state)
{
    (void)state;
    for (int k = 0; k < CASES; k++) {
        ConvGeom g;
        case_geom(&cases[k], &g);
        const AxisGeom *axes[2] = {&g.h, &g.w};
        for (int ax = 0; ax < 2; ax++) {
            const AxisGeom *a = axes[ax];
            for (int in = 0; in < a->conv_in; in++)
                for (int t = 0; t < a->k; t++) {
                    int want = -1; /* brute force over the small map */
                    for (int o = 0; o < a->conv_out; o++)
                        if (o * a->stride + t * a->dil - a->pad_before == in)
                            want = o;
                    assert_int_equal(terms_reader(a, in, t), want);
                }
        }
    }
}

/* terms_read_at is terms_reader the other way round: the large-map position
 * each small-map position reads through tap t, brute-forced over the large
 * map; -1 exactly when no position of the large map is read (padding). */
static void test_read_at_is_the_position_each_output_reads(void **state)
{
    (void)state;
    for (int k = 0; k < CASES; k++) {
        ConvGeom g;
        case_geom(&cases[k], &g);
        const AxisGeom *axes[2] = {&g.h, &g.w};
        for (int ax = 0; ax < 2; ax++) {
            const AxisGeom *a = axes[ax];
            for (int o = 0; o < a->conv_out; o++)
                for (int t = 0; t < a->k; t++) {
                    int want = -1;
                    for (int in = 0; in < a->conv_in; in++)
                        if (terms_reader(a, in, t) == o)
                            want = in;
                    assert_int_equal(terms_read_at(a, o, t), want);
                }
        }
    }
}

static void test_canvas_terms_are_the_products_the_scatter_adds(void **state)
{
    (void)state;
    for (int k = 0; k < CASES; k++) {
        ConvGeom g;
        case_geom(&cases[k], &g);
        for (int fy = 0; fy < g.h.full; fy++)
            for (int fx = 0; fx < g.w.full; fx++) {
                CanvasTerm t[64];
                int count = terms_canvas_cell(&g, fy, fx, t, 64);
                assert_int_equal(terms_canvas_cell(&g, fy, fx, NULL, 0), count);
                /* brute force, in the scatter's order: input row, then column */
                int found = 0;
                for (int i = 0; i < g.h.conv_out; i++)
                    for (int j = 0; j < g.w.conv_out; j++)
                        for (int a = 0; a < g.h.k; a++)
                            for (int b = 0; b < g.w.k; b++)
                                if (i * g.h.stride + a * g.h.dil == fy &&
                                    j * g.w.stride + b * g.w.dil == fx) {
                                    assert_true(found < count);
                                    assert_int_equal(t[found].i, i);
                                    assert_int_equal(t[found].j, j);
                                    assert_int_equal(t[found].a, a);
                                    assert_int_equal(t[found].b, b);
                                    found++;
                                }
                assert_int_equal(found, count);
                int rows = terms_canvas_axis(&g.h, fy, NULL, NULL, 0);
                int cols = terms_canvas_axis(&g.w, fx, NULL, NULL, 0);
                assert_int_equal(rows * cols, count);
            }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_backprop_input_terms_are_the_readers_and_sum_to_dx),
        cmocka_unit_test(test_backprop_filter_terms_correlate_x_with_dout),
        cmocka_unit_test(test_gather_channel_sums_add_up_to_each_output),
        cmocka_unit_test(test_reader_is_the_forward_conv_output_reading_each_position),
        cmocka_unit_test(test_read_at_is_the_position_each_output_reads),
        cmocka_unit_test(test_canvas_terms_are_the_products_the_scatter_adds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
