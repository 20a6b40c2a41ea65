/* test_reference.c - the core against the framework reference cases.
 *
 * Every case of tests/data/reference/<group>.json (computed by TensorFlow.js or
 * PyTorch, cross-checked by independent float64 formulations) goes through
 * layer_run exactly as a user's tensors would: in the convention's own
 * layouts, with the parameters spelled the convention's way. The output must
 * match in layout, shape and every element (== for integer cases, the
 * README's |g-e| <= 1e-5|e| + 1e-5 for float cases), and layer_resolve's
 * geometry must equal the case's `derived` block. Unknown fields fail the
 * case, so a schema change cannot be silently half-read. The worked examples
 * are also asserted against literals written from their definitions, and
 * the exact cases double as inputs for the bias, which the cases leave out. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/layer.h"
#include "ref_cases.h"

/* Run every case of one file; the count guards against a truncated file.
 * The first few failures are named, then only counted. */
static void check_file(const char *file, int want)
{
    json_t *root = load_file(file);
    const json_t *cases = file_cases(root, file, want);
    int passed = 0;
    char why[WHY_MAX];
    for (size_t i = 0; i < json_array_size(cases); i++) {
        const json_t *c = json_array_get(cases, i);
        if (run_case(c, why) == 0) {
            passed++;
        } else if (i - (size_t)passed < 20) {
            const char *name = json_string_value(json_object_get(c, "name"));
            print_error("FAIL %s (case %zu): %s\n", name ? name : "?", i, why);
        }
    }
    print_message("%s: %d/%d cases passed\n", file, passed, want);
    json_decref(root);
    if (passed != want)
        fail_msg("%s: %d of %d cases failed", file, want - passed, want);
}

/* Empty dimensions (a batch of 0, TF's empty windows): TensorFlow's own
 * tests and PyTorch's results, and the sizes each refuses. */
static void test_zero_size_cases_match_reference(void **state)
{
    (void)state;
    check_file("zero_size.json", 12);
}

static void test_tf_conv2d_transpose_cases_match_reference(void **state)
{
    (void)state;
    check_file("tf_conv2d_transpose.json", 451);
}

static void test_tf_conv2d_cases_match_reference(void **state)
{
    (void)state;
    check_file("tf_conv2d.json", 231);
}

static void test_tf_conv2d_backprop_input_cases_match_reference(void **state)
{
    (void)state;
    check_file("tf_conv2d_backprop_input.json", 85);
}

static void test_tf_conv2d_backprop_filter_cases_match_reference(void **state)
{
    (void)state;
    check_file("tf_conv2d_backprop_filter.json", 86);
}

static void test_torch_conv_transpose2d_cases_match_reference(void **state)
{
    (void)state;
    check_file("torch_conv_transpose2d.json", 285);
}

static void test_torch_conv2d_cases_match_reference(void **state)
{
    (void)state;
    check_file("torch_conv2d.json", 156);
}

static void test_torch_conv2d_backprop_input_cases_match_reference(void **state)
{
    (void)state;
    check_file("torch_conv2d_backprop_input.json", 72);
}

static void test_torch_conv2d_backprop_filter_cases_match_reference(void **state)
{
    (void)state;
    check_file("torch_conv2d_backprop_filter.json", 85);
}

static void test_examples_cases_match_reference(void **state)
{
    (void)state;
    check_file("examples.json", 6);
}

/* --- bias, which the frameworks' cases leave out ------------------------------ */

/* Channel of flat index i in a data tensor. */
static int channel_of(const Tensor *t, size_t i)
{
    if (t->layout == LAYOUT_NHWC)
        return (int)(i % (size_t)t->dim[3]);
    return (int)((i / ((size_t)t->dim[2] * t->dim[3])) % (size_t)t->dim[1]);
}

/* On every exact case of a conv2d or conv2d_transpose file, an integer bias
 * per output channel must add exactly that value to each output element. */
static void check_bias_file(const char *file, int want)
{
    json_t *root = load_file(file);
    const json_t *cases = file_cases(root, file, want);
    char why[WHY_MAX];
    int checked = 0;
    for (size_t i = 0; i < json_array_size(cases); i++) {
        const json_t *c = json_array_get(cases, i);
        if (!json_is_true(json_object_get(c, "exact")))
            continue;
        RefCase rc;
        Tensor out = {0}, bias = {0};
        Err err = {0};
        assert_int_equal(ref_case_parse(c, &rc, why), 0);
        LayerTensors t = ref_case_tensors(&rc);
        ConvGeom g;
        assert_int_equal(layer_resolve(&rc.spec, &t, &g, &err), 0);
        int ch = rc.spec.op == OP_CONV2D ? g.c_conv_out : g.c_conv_in;
        assert_int_equal(tensor_init(&bias, LAYOUT_NCHW, (int[4]){1, ch, 1, 1}, &err), 0);
        for (int k = 0; k < ch; k++)
            bias.data[k] = (float)(10 * (k + 1));
        t.bias = &bias;
        if (layer_run(&rc.spec, &t, &out, &err) != 0)
            print_error("%s: %s\n", rc.name, err.msg);
        assert_int_equal(err.code, TC_OK);
        const json_t *data = json_object_get(json_object_get(c, "expected"), "data");
        assert_int_equal(json_array_size(data), tensor_count(&out));
        for (size_t j = 0; j < tensor_count(&out); j++) {
            double e = json_number_value(json_array_get(data, j)) + bias.data[channel_of(&out, j)];
            if ((double)out.data[j] != e)
                print_error("%s: index %zu: expected %g with bias, got %g\n", rc.name, j, e,
                            (double)out.data[j]);
            assert_true((double)out.data[j] == e);
        }
        checked++;
        tensor_free(&out);
        tensor_free(&bias);
        ref_case_free(&rc);
    }
    assert_true(checked > want / 2);
    json_decref(root);
}

static void test_bias_adds_one_value_per_channel_to_tf_conv2d_transpose_cases(void **state)
{
    (void)state;
    check_bias_file("tf_conv2d_transpose.json", 451);
}

static void test_bias_adds_one_value_per_channel_to_torch_conv_transpose2d_cases(void **state)
{
    (void)state;
    check_bias_file("torch_conv_transpose2d.json", 285);
}

static void test_bias_adds_one_value_per_channel_to_tf_and_torch_conv2d_cases(void **state)
{
    (void)state;
    check_bias_file("tf_conv2d.json", 231);
    check_bias_file("torch_conv2d.json", 156);
}

static void test_bias_of_the_wrong_size_or_on_a_gradient_is_refused(void **state)
{
    (void)state;
    Tensor x = {0}, w = {0}, dy = {0}, bias = {0}, out = {0};
    Err err = {0};
    assert_int_equal(tensor_init(&x, LAYOUT_NHWC, (int[4]){1, 3, 3, 2}, &err), 0);
    assert_int_equal(tensor_init(&w, LAYOUT_HWOI, (int[4]){2, 2, 3, 2}, &err), 0);
    assert_int_equal(tensor_init(&bias, LAYOUT_NCHW, (int[4]){1, 2, 1, 1}, &err), 0);
    LayerSpec spec = {.op = OP_CONV2D_TRANSPOSE,
                      .params = {.convention = CONV_TF, .stride = {2, 2}, .padding = PAD_SAME}};
    LayerTensors t = {.input = &x, .filter = &w, .bias = &bias};
    assert_int_equal(layer_run(&spec, &t, &out, &err), -1);
    assert_string_equal(err.msg, "bias: expected 3 values (one per output channel), got 2");
    assert_null(out.data);

    assert_int_equal(tensor_init(&dy, LAYOUT_NHWC, (int[4]){1, 3, 3, 2}, &err), 0);
    tensor_free(&w);
    assert_int_equal(tensor_init(&w, LAYOUT_HWIO, (int[4]){2, 2, 3, 2}, &err), 0);
    spec.op = OP_BACKPROP_INPUT;
    memcpy(spec.size, (int[4]){1, 6, 6, 3}, sizeof spec.size);
    t = (LayerTensors){.filter = &w, .d_out = &dy, .bias = &bias};
    assert_int_equal(layer_run(&spec, &t, &out, &err), -1);
    assert_string_equal(err.msg, "bias does not apply to conv2d_backprop_input");
    t.bias = NULL;
    assert_int_equal(layer_run(&spec, &t, &out, &err), 0);
    assert_memory_equal(out.dim, ((int[4]){1, 6, 6, 3}), sizeof out.dim);
    tensor_free(&out);
    tensor_free(&x);
    tensor_free(&w);
    tensor_free(&dy);
    tensor_free(&bias);
}

/* A size argument that is given must be whole: an empty height or width is
 * an error, not a silent fall-back to the default size. */
static void test_given_output_size_with_an_empty_axis_is_refused(void **state)
{
    (void)state;
    Tensor x = {0}, w = {0}, out = {0};
    Err err = {0};
    assert_int_equal(tensor_init(&x, LAYOUT_NHWC, (int[4]){1, 3, 3, 1}, &err), 0);
    assert_int_equal(tensor_init(&w, LAYOUT_HWOI, (int[4]){2, 2, 1, 1}, &err), 0);
    LayerSpec spec = {.op = OP_CONV2D_TRANSPOSE,
                      .params = {.convention = CONV_TF, .stride = {2, 2}, .padding = PAD_SAME},
                      .size = {1, 0, 6, 1}};
    LayerTensors t = {.input = &x, .filter = &w};
    assert_int_equal(layer_run(&spec, &t, &out, &err), -1);
    /* TF takes a height of 0 (an empty input's output), so this one is
     * refused as illegal for its input, not by falling back to the default. */
    assert_string_equal(err.msg, "output_shape height 0 is illegal for input height 3 (stride 2, "
                                 "SAME): expected 5..6");
    spec.size[1] = 6;
    spec.size[2] = -3;
    assert_int_equal(layer_run(&spec, &t, &out, &err), -1);
    assert_string_equal(err.msg, "output_shape: width is -3, expected a size >= 0");
    assert_null(out.data);
    tensor_free(&x);
    tensor_free(&w);

    assert_int_equal(tensor_init(&x, LAYOUT_NCHW, (int[4]){1, 1, 3, 3}, &err), 0);
    assert_int_equal(tensor_init(&w, LAYOUT_IOHW, (int[4]){1, 1, 2, 2}, &err), 0);
    LayerSpec torch = {.op = OP_CONV2D_TRANSPOSE,
                       .params = {.convention = CONV_TORCH, .padding = PAD_EXPLICIT},
                       .size = {1, 1, 0, 4}};
    assert_int_equal(layer_run(&torch, &t, &out, &err), -1);
    assert_string_equal(err.msg, "output size: height is 0, expected a size >= 1");
    tensor_free(&x);
    tensor_free(&w);
}

/* --- the named worked examples ------------------------------------------- */

static const json_t *case_named(const json_t *root, const char *name)
{
    const json_t *cases = json_object_get(root, "cases");
    for (size_t i = 0; i < json_array_size(cases); i++) {
        const json_t *c = json_array_get(cases, i);
        if (strcmp(json_string_value(json_object_get(c, "name")), name) == 0)
            return c;
    }
    print_error("no case named %s\n", name);
    fail();
    return NULL;
}

/* The case must pass against its stored expectation; *out gets its output. */
static void run_named(const json_t *root, const char *name, RefCase *rc, Tensor *out)
{
    char why[WHY_MAX];
    Err err = {0};
    const json_t *c = case_named(root, name);
    int passed = run_case(c, why) == 0;
    if (!passed)
        print_error("%s: %s\n", name, why);
    assert_true(passed);
    assert_int_equal(ref_case_parse(c, rc, why), 0);
    LayerTensors t = ref_case_tensors(rc);
    assert_int_equal(layer_run(&rc->spec, &t, out, &err), 0);
}

static void assert_floats_equal(const float *got, const float *want, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (got[i] != want[i])
            print_error("index %zu: expected %g, got %g\n", i, (double)want[i], (double)got[i]);
        assert_true(got[i] == want[i]);
    }
}

static void test_example_a_tf_conv2d_transpose_same_s2_gives_readme_rows(void **state)
{
    (void)state;
    /* The source question, typed in from its text. */
    const float x[9] = {0, 0, 1.5f, 0, 1, 0, 0, 0, 0};
    const float w[4] = {1, 2, 3, 4};
    const float want[36] = {
        0, 0, 0, 0, 1.5f, 3,
        0, 0, 0, 0, 4.5f, 6,
        0, 0, 1, 2, 0,    0,
        0, 0, 3, 4, 0,    0,
        0, 0, 0, 0, 0,    0,
        0, 0, 0, 0, 0,    0,
    };
    Err err = {0};
    Tensor in = {0}, filt = {0}, out = {0};
    assert_int_equal(tensor_init_from(&in, LAYOUT_NHWC, (int[4]){1, 3, 3, 1}, x, &err), 0);
    assert_int_equal(tensor_init_from(&filt, LAYOUT_HWOI, (int[4]){2, 2, 1, 1}, w, &err), 0);
    LayerSpec spec = {.op = OP_CONV2D_TRANSPOSE,
                      .params = {.convention = CONV_TF, .stride = {2, 2}, .padding = PAD_SAME},
                      .size = {1, 6, 6, 1}};
    LayerTensors t = {.input = &in, .filter = &filt};
    assert_int_equal(layer_run(&spec, &t, &out, &err), 0);
    assert_int_equal(out.layout, LAYOUT_NHWC);
    assert_memory_equal(out.dim, ((int[4]){1, 6, 6, 1}), sizeof out.dim);
    assert_floats_equal(out.data, want, 36);
    tensor_free(&out);

    /* And the stored case, which must hold the same numbers. */
    json_t *root = load_file("examples.json");
    RefCase rc;
    run_named(root, "example_a_tf_conv2d_transpose_same_s2", &rc, &out);
    assert_floats_equal(rc.input.data, x, 9);
    assert_floats_equal(rc.filter.data, w, 4);
    assert_floats_equal(out.data, want, 36);
    tensor_free(&out);
    ref_case_free(&rc);
    json_decref(root);
    tensor_free(&in);
    tensor_free(&filt);
}

static void test_example_b_keras_valid_s2_ones_turns_each_value_into_a_2x2_block(void **state)
{
    (void)state;
    float x[15], want[60];
    for (int i = 0; i < 15; i++)
        x[i] = (float)i; /* arange(15).reshape(3, 5) */
    for (int r = 0; r < 6; r++)
        for (int c = 0; c < 10; c++)
            want[r * 10 + c] = (float)((r / 2) * 5 + c / 2);
    Err err = {0};
    Tensor in = {0}, filt = {0}, out = {0};
    assert_int_equal(tensor_init_from(&in, LAYOUT_NHWC, (int[4]){1, 3, 5, 1}, x, &err), 0);
    assert_int_equal(
        tensor_init_from(&filt, LAYOUT_HWOI, (int[4]){2, 2, 1, 1}, (float[4]){1, 1, 1, 1}, &err),
        0);
    LayerSpec spec = {.op = OP_CONV2D_TRANSPOSE,
                      .params = {.convention = CONV_TF, .stride = {2, 2}, .padding = PAD_VALID},
                      .size = {1, 6, 10, 1}};
    LayerTensors t = {.input = &in, .filter = &filt};
    for (int keras_default = 0; keras_default < 2; keras_default++) {
        /* The Keras layer passes no output_shape: its default must be 6x10. */
        if (keras_default)
            memset(spec.size, 0, sizeof spec.size);
        assert_int_equal(layer_run(&spec, &t, &out, &err), 0);
        assert_memory_equal(out.dim, ((int[4]){1, 6, 10, 1}), sizeof out.dim);
        assert_floats_equal(out.data, want, 60);
        tensor_free(&out);
    }

    json_t *root = load_file("examples.json");
    RefCase rc;
    run_named(root, "example_b_keras_conv2d_transpose_valid_s2_ones", &rc, &out);
    assert_floats_equal(rc.input.data, x, 15);
    assert_floats_equal(out.data, want, 60);
    tensor_free(&out);
    ref_case_free(&rc);
    json_decref(root);
    tensor_free(&in);
    tensor_free(&filt);
}

/* Example (c): c1's activations feed c2, c3 and c4, whose outputs must agree
 * bit for bit. Loaded once per test; the file is small. */
typedef struct {
    json_t *root;
    RefCase rc[4];
    Tensor out[4];
} ExampleC;

static void example_c_run(ExampleC *ex)
{
    static const char *const names[4] = {
        "example_c1_tf_conv2d_28x28_32f7x7_same",
        "example_c2_tf_conv2d_transpose_back_to_28x28x1",
        "example_c3_tf_conv2d_with_transposed_rot180_filter",
        "example_c4_tf_conv2d_backprop_input",
    };
    ex->root = load_file("examples.json");
    for (int i = 0; i < 4; i++)
        run_named(ex->root, names[i], &ex->rc[i], &ex->out[i]);
}

static void example_c_free(ExampleC *ex)
{
    for (int i = 0; i < 4; i++) {
        tensor_free(&ex->out[i]);
        ref_case_free(&ex->rc[i]);
    }
    json_decref(ex->root);
}

static void test_example_c1_conv2d_activations_are_what_c2_c3_c4_consume(void **state)
{
    (void)state;
    ExampleC ex;
    example_c_run(&ex);
    const Tensor *act = &ex.out[0];
    assert_memory_equal(act->dim, ((int[4]){1, 28, 28, 32}), sizeof act->dim);
    size_t n = tensor_count(act);
    assert_floats_equal(ex.rc[1].input.data, act->data, n);
    assert_floats_equal(ex.rc[2].input.data, act->data, n);
    assert_floats_equal(ex.rc[3].d_out.data, act->data, n);
    example_c_free(&ex);
}

static void test_example_c2_conv2d_transpose_returns_28x28x1_peaking_at_23128(void **state)
{
    (void)state;
    ExampleC ex;
    example_c_run(&ex);
    /* c2 reads c1's HWIO [7,7,1,32] as HWOI [7,7,out=1,in=32]: the same memory. */
    assert_floats_equal(ex.rc[1].filter.data, ex.rc[0].filter.data, 7 * 7 * 32);
    const Tensor *y = &ex.out[1];
    assert_memory_equal(y->dim, ((int[4]){1, 28, 28, 1}), sizeof y->dim);
    float peak = y->data[0];
    for (size_t i = 1; i < tensor_count(y); i++)
        peak = y->data[i] > peak ? y->data[i] : peak;
    assert_true(peak == 23128.0f);
    example_c_free(&ex);
}

static void test_example_c3_conv2d_with_rot180_transposed_filter_equals_c2(void **state)
{
    (void)state;
    ExampleC ex;
    example_c_run(&ex);
    /* c3's filter is rot180(transpose(W, [0,1,3,2])): F[a][b][ci][0] = W[6-a][6-b][0][ci]. */
    const float *w = ex.rc[0].filter.data, *f = ex.rc[2].filter.data;
    assert_memory_equal(ex.rc[2].filter.dim, ((int[4]){7, 7, 32, 1}), sizeof(int[4]));
    for (int a = 0; a < 7; a++)
        for (int b = 0; b < 7; b++)
            for (int ci = 0; ci < 32; ci++)
                assert_true(f[(a * 7 + b) * 32 + ci] == w[((6 - a) * 7 + (6 - b)) * 32 + ci]);
    assert_floats_equal(ex.out[2].data, ex.out[1].data, 28 * 28);
    example_c_free(&ex);
}

static void test_example_c4_backprop_input_equals_c2_and_c3(void **state)
{
    (void)state;
    ExampleC ex;
    example_c_run(&ex);
    assert_memory_equal(ex.out[3].dim, ((int[4]){1, 28, 28, 1}), sizeof(int[4]));
    assert_floats_equal(ex.out[3].data, ex.out[1].data, 28 * 28);
    assert_floats_equal(ex.out[3].data, ex.out[2].data, 28 * 28);
    example_c_free(&ex);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tf_conv2d_transpose_cases_match_reference),
        cmocka_unit_test(test_zero_size_cases_match_reference),
        cmocka_unit_test(test_tf_conv2d_cases_match_reference),
        cmocka_unit_test(test_tf_conv2d_backprop_input_cases_match_reference),
        cmocka_unit_test(test_tf_conv2d_backprop_filter_cases_match_reference),
        cmocka_unit_test(test_torch_conv_transpose2d_cases_match_reference),
        cmocka_unit_test(test_torch_conv2d_cases_match_reference),
        cmocka_unit_test(test_torch_conv2d_backprop_input_cases_match_reference),
        cmocka_unit_test(test_torch_conv2d_backprop_filter_cases_match_reference),
        cmocka_unit_test(test_examples_cases_match_reference),
        cmocka_unit_test(test_bias_adds_one_value_per_channel_to_tf_conv2d_transpose_cases),
        cmocka_unit_test(test_bias_adds_one_value_per_channel_to_torch_conv_transpose2d_cases),
        cmocka_unit_test(test_bias_adds_one_value_per_channel_to_tf_and_torch_conv2d_cases),
        cmocka_unit_test(test_bias_of_the_wrong_size_or_on_a_gradient_is_refused),
        cmocka_unit_test(test_given_output_size_with_an_empty_axis_is_refused),
        cmocka_unit_test(test_example_a_tf_conv2d_transpose_same_s2_gives_readme_rows),
        cmocka_unit_test(test_example_b_keras_valid_s2_ones_turns_each_value_into_a_2x2_block),
        cmocka_unit_test(test_example_c1_conv2d_activations_are_what_c2_c3_c4_consume),
        cmocka_unit_test(test_example_c2_conv2d_transpose_returns_28x28x1_peaking_at_23128),
        cmocka_unit_test(test_example_c3_conv2d_with_rot180_transposed_filter_equals_c2),
        cmocka_unit_test(test_example_c4_backprop_input_equals_c2_and_c3),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
