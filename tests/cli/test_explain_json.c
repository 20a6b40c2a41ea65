/* test_explain_json.c - `tcviz explain --format json`: the document parses
 * (jansson), follows the documented schema, and every number in it equals
 * what the core computes here in-process for the same tensors (scatter steps
 * and partial canvases, the conv2d-equivalent's padded input and rotated
 * kernel, the output), as well as the source question's stated output. */
#include "explain_fixture.h"

#include "core/formulations.h"
#include "core/layer.h"
#include "core/ops.h"
#include "core/trace.h"

static const float source_6x6[36] = {
    0, 0, 0, 0, 1.5f, 3, 0, 0, 0, 0, 4.5f, 6, 0, 0, 1, 2, 0, 0,
    0, 0, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

static int setup(void **state)
{
    (void)state;
    return fixture_dir_create();
}

static int teardown(void **state)
{
    (void)state;
    return fixture_dir_remove();
}

static void check_json_against_core(const char *line, const Tensor *x, const Tensor *w,
                                    const LayerSpec *spec, int steps_shown)
{
    Run r;
    run_tcviz(line, &r);
    if (r.code != 0)
        fail_msg("%s: exit %d: %s", line, r.code, r.err);
    json_t *root = parse_json(&r);
    Err err = {0};
    ConvGeom g;
    LayerTensors lt = {.input = x, .filter = w};
    assert_int_equal(layer_resolve(spec, &lt, &g, &err), 0);
    Tensor xc = {0}, wc = {0};
    assert_int_equal(layer_to_canonical(x, &xc, &err), 0);
    assert_int_equal(layer_to_canonical(w, &wc, &err), 0);
    ScatterTrace t;
    EquivConv q;
    assert_int_equal(trace_scatter_init(&t, &g, xc.data, wc.data, NULL, &err), 0);
    assert_int_equal(equiv_init(&q, &g, xc.data, wc.data, NULL, &err), 0);

    assert_string_equal(json_string_value(get(root, "format")), "tcviz-explain");
    assert_int_equal(json_integer_value(get(root, "steps_total")), t.steps);
    assert_int_equal(json_integer_value(get(root, "steps_shown")), steps_shown);
    assert_int_equal(json_integer_value(get(root, "geometry.height.full")), g.h.full);
    assert_int_equal(json_integer_value(get(root, "geometry.width.crop_after")), g.w.crop_after);
    const json_t *steps = get(root, "steps");
    assert_int_equal(json_array_size(steps), steps_shown);
    size_t canvas_n = trace_scatter_canvas_count(&t);
    float *canvas = malloc(canvas_n * sizeof *canvas);
    assert_non_null(canvas);
    for (int k = 0; k < steps_shown; k++) {
        const json_t *s = json_array_get(steps, (size_t)k);
        ScatterStep st;
        trace_scatter_step(&t, k, &st);
        trace_scatter_partial(&t, k + 1, canvas);
        assert_int_equal(json_integer_value(get(s, "index")), k);
        float in[4];
        assert_int_equal(flatten(get(s, "input"), in, 4), 4);
        assert_true(in[0] == st.n && in[1] == st.c && in[2] == st.i && in[3] == st.j);
        assert_true((float)json_number_value(get(s, "value")) == st.value);
        float rows[2], cols[2];
        flatten(get(s, "out_rows"), rows, 2);
        flatten(get(s, "out_cols"), cols, 2);
        assert_true(rows[0] == st.row0 - g.h.pad_before && rows[1] == rows[0] + g.h.k_eff);
        assert_true(cols[0] == st.col0 - g.w.pad_before && cols[1] == cols[0] + g.w.k_eff);
        size_t item = canvas_n / (size_t)g.n;
        assert_floats(get(s, "partial"), canvas + (size_t)st.n * item, item, "partial");
    }
    free(canvas);
    size_t padded_n = (size_t)g.n * g.c_conv_out * q.eq.h.conv_in * q.eq.w.conv_in;
    assert_floats(get(root, "equivalent.padded_input"), q.padded, padded_n, "padded_input");
    assert_floats(get(root, "equivalent.kernel_rot"), q.kernel, geom_weight_count(&g),
                  "kernel_rot");
    assert_floats(get(root, "output"), t.output, geom_big_count(&g), "output");
    assert_true(json_is_true(get(root, "verification.agree")));
    trace_scatter_free(&t);
    equiv_free(&q);
    tensor_free(&xc);
    tensor_free(&wc);
    json_decref(root);
    run_free(&r);
}

/* An .npy fixture and the same numbers as a Tensor for the in-process core. */
static void fixture_tensor(const char *name, Layout layout, const int dim[4], const float *data,
                           Tensor *t)
{
    Err err = {0};
    write_fixture(name, dim, data);
    assert_int_equal(tensor_init_from(t, layout, dim, data, &err), 0);
}

static void test_default_example_equals_the_core(void **state)
{
    (void)state;
    Err err = {0};
    Tensor x = {0}, w = {0};
    const float xd[9] = {0, 0, 1.5f, 0, 1, 0, 0, 0, 0}, wd[4] = {1, 2, 3, 4};
    assert_int_equal(tensor_init_from(&x, LAYOUT_NHWC, (int[4]){1, 3, 3, 1}, xd, &err), 0);
    assert_int_equal(tensor_init_from(&w, LAYOUT_HWOI, (int[4]){2, 2, 1, 1}, wd, &err), 0);
    LayerSpec spec = {.op = OP_CONV2D_TRANSPOSE,
                      .params = {.convention = CONV_TF, .stride = {2, 2}, .padding = PAD_SAME},
                      .size = {1, 6, 6, 1}};
    check_json_against_core("explain --format json", &x, &w, &spec, 9);
    check_json_against_core("explain --format=json --steps 2", &x, &w, &spec, 2);
    tensor_free(&x);
    tensor_free(&w);
}

/* The documented fields read directly, against the source question. */
static void test_lesson1_fields_match_the_source_question(void **state)
{
    (void)state;
    Run r;
    run_tcviz("explain lessons/01-upsample-3x3-to-6x6.yaml --format json", &r);
    assert_int_equal(r.code, 0);
    json_t *root = parse_json(&r);
    assert_string_equal(json_string_value(get(root, "source.lesson")),
                        "lessons/01-upsample-3x3-to-6x6.yaml");
    assert_true(json_is_false(get(root, "source.default_tensors")));
    assert_floats(get(root, "output"), source_6x6, 36, "output");
    const json_t *s3 = json_array_get(get(root, "steps"), 2);
    float v[4];
    flatten(get(s3, "input"), v, 4);
    assert_true(v[0] == 0 && v[1] == 0 && v[2] == 0 && v[3] == 2);
    assert_true(json_real_value(get(s3, "value")) == 1.5);
    flatten(get(s3, "out_cols"), v, 2);
    assert_true(v[0] == 4 && v[1] == 6);
    /* after step 3 the canvas holds 1.5 * w at rows 0-1, columns 4-5 */
    float partial[36];
    assert_int_equal(flatten(get(s3, "partial"), partial, 36), 36);
    const float after3[36] = {0, 0, 0, 0, 1.5f, 3, 0, 0, 0, 0, 4.5f, 6};
    assert_memory_equal(partial, after3, sizeof after3);
    /* padded_kind of the 7x7 padded input: border padding, odd cells inserted */
    float kind[49];
    assert_int_equal(flatten(get(root, "equivalent.padded_kind"), kind, 49), 49);
    for (int i = 0; i < 7; i++)
        for (int j = 0; j < 7; j++) {
            int want = i == 0 || i == 6 || j == 0 || j == 6 ? 2 : i % 2 == 0 || j % 2 == 0 ? 1 : 0;
            assert_int_equal((int)kind[i * 7 + j], want);
        }
    const float rot[4] = {4, 3, 2, 1};
    assert_floats(get(root, "equivalent.kernel_rot"), rot, 4, "kernel_rot");
    assert_string_equal(json_string_value(get(root, "config.call")),
                        "tf.nn.conv2d_transpose(x, w, output_shape=[1, 6, 6, 1], "
                        "strides=[2, 2], padding='SAME')");
    assert_int_equal(json_integer_value(get(root, "geometry.height.full")), 6);
    assert_true(json_is_true(get(root, "verification.agree")));
    assert_true(json_real_value(get(root, "verification.max_abs_diff")) == 0.0);
    /* its two questions, answered by the core: 1.5 * w[1,1] = 6, and the
     * centre's stamp */
    const json_t *qs = get(root, "questions");
    assert_int_equal(json_array_size(qs), 2);
    const json_t *q0 = json_array_get(qs, 0), *q1 = json_array_get(qs, 1);
    assert_int_equal(json_integer_value(get(q0, "step")), 1);
    assert_string_equal(json_string_value(get(q0, "kind")), "cell");
    assert_true(json_real_value(get(q0, "value")) == 6.0);
    assert_string_equal(json_string_value(get(q0, "answer")), "6");
    assert_string_equal(json_string_value(get(q1, "kind")), "touches");
    const float cells[8] = {2, 2, 2, 3, 3, 2, 3, 3};
    assert_floats(get(q1, "cells"), cells, 8, "cells");
    json_decref(root);
    run_free(&r);
}

/* A spelling question lists its choices and names the one the core finds. */
static void test_spelling_question_in_json(void **state)
{
    (void)state;
    Run r;
    run_tcviz("explain lessons/08-tf-same-vs-pytorch-padding.yaml --format json", &r);
    assert_int_equal(r.code, 0);
    json_t *root = parse_json(&r);
    const json_t *q = json_array_get(get(root, "questions"), 1);
    assert_string_equal(json_string_value(get(q, "kind")), "spelling");
    assert_int_equal(json_integer_value(get(q, "choice")), 2);
    assert_int_equal(json_array_size(get(q, "choices")), 3);
    assert_string_equal(json_string_value(json_array_get(get(q, "choices"), 1)),
                        "stride=2, padding=1");
    json_decref(root);
    run_free(&r);
}

/* PyTorch with channels, padding and output_padding: 6x6x3 -> 2 channels. */
static void test_torch_channels_equal_the_core(void **state)
{
    (void)state;
    float xa[108], wa[24];
    for (int i = 0; i < 108; i++)
        xa[i] = (float)(i % 7) - 3;
    for (int i = 0; i < 24; i++)
        wa[i] = (float)(i % 5) - 2;
    Tensor x = {0}, w = {0};
    fixture_tensor("x66ct.npy", LAYOUT_NCHW, (int[4]){1, 3, 6, 6}, xa, &x);
    fixture_tensor("w22ct.npy", LAYOUT_IOHW, (int[4]){3, 2, 2, 2}, wa, &w);
    LayerSpec torch = {.op = OP_CONV2D_TRANSPOSE,
                       .params = {.convention = CONV_TORCH, .stride = {2, 2},
                                  .padding = PAD_EXPLICIT, .pad = {1, 1, 1, 1},
                                  .output_padding = {1, 1}}};
    check_json_against_core("explain --convention torch --input @x66ct.npy --filter @w22ct.npy "
                            "--stride 2 --padding 1 --output-padding 1 --format json --steps 40",
                            &x, &w, &torch, 40);
    tensor_free(&x);
    tensor_free(&w);
}

/* Groups and dilation: 4 input channels in 2 groups, fractional values. */
static void test_torch_groups_and_dilation_equal_the_core(void **state)
{
    (void)state;
    float xa[36], wa[16];
    for (int i = 0; i < 36; i++)
        xa[i] = 0.25f * (float)(i % 9) - 1.0f;
    for (int i = 0; i < 16; i++)
        wa[i] = 0.5f * (float)(i % 3) + 0.125f;
    Tensor x = {0}, w = {0};
    fixture_tensor("xg.npy", LAYOUT_NCHW, (int[4]){1, 4, 3, 3}, xa, &x);
    fixture_tensor("wg.npy", LAYOUT_IOHW, (int[4]){4, 1, 2, 2}, wa, &w);
    LayerSpec torch = {.op = OP_CONV2D_TRANSPOSE,
                       .params = {.convention = CONV_TORCH, .stride = {2, 2},
                                  .dilation = {2, 2}, .groups = 2}};
    check_json_against_core("explain --convention torch --input @xg.npy --filter @wg.npy "
                            "--stride 2 --dilation 2 --groups 2 --format json --steps all",
                            &x, &w, &torch, 36);
    tensor_free(&x);
    tensor_free(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_example_equals_the_core),
        cmocka_unit_test(test_lesson1_fields_match_the_source_question),
        cmocka_unit_test(test_spelling_question_in_json),
        cmocka_unit_test(test_torch_channels_equal_the_core),
        cmocka_unit_test(test_torch_groups_and_dilation_equal_the_core),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
