/* test_cli_reference.c - every 2-D reference case through `tcviz compute`
 * and `tcviz shape` (cli_ref_runner.h).
 *
 * The other half of the verification: tests/core/test_reference.c runs the
 * same cases through layer_run. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "cli_ref_runner.h"

static void test_examples_through_tcviz_compute(void **state)
{
    (void)state;
    check_file("reference", "examples.json", 6);
}

static void test_zero_size_through_tcviz_compute(void **state)
{
    (void)state;
    check_file("reference", "zero_size.json", 12);
}

static void test_tf_conv2d_transpose_through_tcviz_compute(void **state)
{
    (void)state;
    check_file("reference", "tf_conv2d_transpose.json", 451);
}

static void test_tf_conv2d_through_tcviz_compute(void **state)
{
    (void)state;
    check_file("reference", "tf_conv2d.json", 231);
}

static void test_tf_conv2d_backprop_input_through_tcviz_compute(void **state)
{
    (void)state;
    check_file("reference", "tf_conv2d_backprop_input.json", 85);
}

static void test_tf_conv2d_backprop_filter_through_tcviz_compute(void **state)
{
    (void)state;
    check_file("reference", "tf_conv2d_backprop_filter.json", 86);
}

static void test_torch_conv_transpose2d_through_tcviz_compute(void **state)
{
    (void)state;
    check_file("reference", "torch_conv_transpose2d.json", 285);
}

static void test_torch_conv2d_through_tcviz_compute(void **state)
{
    (void)state;
    check_file("reference", "torch_conv2d.json", 156);
}

static void test_torch_conv2d_backprop_input_through_tcviz_compute(void **state)
{
    (void)state;
    check_file("reference", "torch_conv2d_backprop_input.json", 72);
}

static void test_torch_conv2d_backprop_filter_through_tcviz_compute(void **state)
{
    (void)state;
    check_file("reference", "torch_conv2d_backprop_filter.json", 85);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_examples_through_tcviz_compute),
        cmocka_unit_test(test_zero_size_through_tcviz_compute),
        cmocka_unit_test(test_tf_conv2d_transpose_through_tcviz_compute),
        cmocka_unit_test(test_tf_conv2d_through_tcviz_compute),
        cmocka_unit_test(test_tf_conv2d_backprop_input_through_tcviz_compute),
        cmocka_unit_test(test_tf_conv2d_backprop_filter_through_tcviz_compute),
        cmocka_unit_test(test_torch_conv_transpose2d_through_tcviz_compute),
        cmocka_unit_test(test_torch_conv2d_through_tcviz_compute),
        cmocka_unit_test(test_torch_conv2d_backprop_input_through_tcviz_compute),
        cmocka_unit_test(test_torch_conv2d_backprop_filter_through_tcviz_compute),
    };
    return cmocka_run_group_tests(tests, ref_make_dir, ref_remove_dir);
}
