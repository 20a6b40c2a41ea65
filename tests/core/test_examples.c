/* test_examples.c - the default example shared by the app, `tcviz explain`
 * and lessons without tensors: the source question's numbers in both
 * conventions, arange for more channels, and a given tensor left alone. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/examples.h"

static void assert_dims(const Tensor *t, Layout l, int a, int b, int c, int d)
{
    assert_int_equal(t->layout, l);
    assert_int_equal(t->dim[0], a);
    assert_int_equal(t->dim[1], b);
    assert_int_equal(t->dim[2], c);
    assert_int_equal(t->dim[3], d);
}

static void test_default_spec_and_tensors_give_the_source_output(void **state)
{
    (void)state;
    LayerSpec spec;
    Tensor x = {0}, w = {0}, y = {0};
    Err err = {0};
    example_default_spec(&spec);
    assert_int_equal(example_default_tensors(&spec, &x, &w, &err), 0);
    assert_dims(&x, LAYOUT_NHWC, 1, 3, 3, 1);
    assert_dims(&w, LAYOUT_HWOI, 2, 2, 1, 1);
    const float want_x[9] = {0, 0, 1.5f, 0, 1, 0, 0, 0, 0}, want_w[4] = {1, 2, 3, 4};
    assert_memory_equal(x.data, want_x, sizeof want_x);
    assert_memory_equal(w.data, want_w, sizeof want_w);
    LayerTensors lt = {.input = &x, .filter = &w};
    assert_int_equal(layer_run(&spec, &lt, &y, &err), 0);
    /* TensorFlow's printed result in the source question */
    const float want_y[36] = {0, 0, 0, 0, 1.5f, 3, 0, 0, 0, 0, 4.5f, 6, 0, 0, 1, 2, 0, 0,
                              0, 0, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    assert_dims(&y, LAYOUT_NHWC, 1, 6, 6, 1);
    assert_memory_equal(y.data, want_y, sizeof want_y);
    tensor_free(&x);
    tensor_free(&w);
    tensor_free(&y);
}

static void test_torch_layouts_and_channels_count_in_canonical_order(void **state)
{
    (void)state;
    LayerSpec spec = {.op = OP_CONV2D_TRANSPOSE,
                      .params = {.convention = CONV_TORCH, .groups = 2},
                      .size = {1, 4, 6, 6}};
    Tensor x = {0}, w = {0};
    Err err = {0};
    /* a given 2-channel input: the filter follows it, out = 4/groups = 2 */
    const float xv[18] = {0};
    assert_int_equal(tensor_init_from(&x, LAYOUT_NCHW, (int[4]){1, 2, 3, 3}, xv, &err), 0);
    assert_int_equal(example_default_tensors(&spec, &x, &w, &err), 0);
    assert_memory_equal(x.data, xv, sizeof xv); /* left alone */
    assert_dims(&w, LAYOUT_IOHW, 2, 2, 2, 2);
    for (int i = 0; i < 16; i++) /* IOHW is canonical: 1, 2, 3, ... in memory order */
        assert_true(w.data[i] == (float)(i + 1));
    tensor_free(&x);
    tensor_free(&w);
}

static void test_tf_arange_reads_like_the_canonical_tensor(void **state)
{
    (void)state;
    LayerSpec spec = {.op = OP_CONV2D_TRANSPOSE, .params = {.convention = CONV_TF},
                      .size = {1, 3, 3, 2}};
    Tensor x = {0}, w = {0}, wc = {0};
    Err err = {0};
    const float xv[27] = {0};
    assert_int_equal(tensor_init_from(&x, LAYOUT_NHWC, (int[4]){1, 3, 3, 3}, xv, &err), 0);
    assert_int_equal(example_default_tensors(&spec, &x, &w, &err), 0);
    assert_dims(&w, LAYOUT_HWOI, 2, 2, 2, 3);
    /* HWOI w[h,w,o,i] == IOHW canonical index ((i*2 + o)*2 + h)*2 + w, plus 1 */
    for (int h = 0; h < 2; h++)
        for (int v = 0; v < 2; v++)
            for (int o = 0; o < 2; o++)
                for (int i = 0; i < 3; i++)
                    assert_true(w.data[((h * 2 + v) * 2 + o) * 3 + i] ==
                                (float)(((i * 2 + o) * 2 + h) * 2 + v + 1));
    assert_int_equal(layer_to_canonical(&w, &wc, &err), 0);
    for (int i = 0; i < 24; i++)
        assert_true(wc.data[i] == (float)(i + 1));
    tensor_free(&x);
    tensor_free(&w);
    tensor_free(&wc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_spec_and_tensors_give_the_source_output),
        cmocka_unit_test(test_torch_layouts_and_channels_count_in_canonical_order),
        cmocka_unit_test(test_tf_arange_reads_like_the_canonical_tensor),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
