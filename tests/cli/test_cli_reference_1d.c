/* test_cli_reference_1d.c - every 1-D reference case (tests/data/reference-1d,
 * PyTorch conv1d/conv_transpose1d and TF.js results) through `tcviz compute`
 * and `tcviz shape` (cli_ref_runner.h): rank-3 tensors, one number per
 * parameter, and the 15 refusals, which must exit 1 with one line on stderr
 * and no output file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "cli_ref_runner.h"

#define DIR_1D "reference-1d"

static void test_tf_conv1d_through_tcviz_compute(void **state)
{
    (void)state;
    check_file(DIR_1D, "tf_conv1d.json", 75);
}

static void test_tf_conv1d_transpose_through_tcviz_compute(void **state)
{
    (void)state;
    check_file(DIR_1D, "tf_conv1d_transpose.json", 100);
}

static void test_torch_conv1d_through_tcviz_compute(void **state)
{
    (void)state;
    check_file(DIR_1D, "torch_conv1d.json", 75);
}

static void test_torch_conv_transpose1d_through_tcviz_compute(void **state)
{
    (void)state;
    check_file(DIR_1D, "torch_conv_transpose1d.json", 98);
}

static void test_refusals_exit_1_with_one_line_and_no_file(void **state)
{
    (void)state;
    check_file(DIR_1D, "errors.json", 15);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tf_conv1d_through_tcviz_compute),
        cmocka_unit_test(test_tf_conv1d_transpose_through_tcviz_compute),
        cmocka_unit_test(test_torch_conv1d_through_tcviz_compute),
        cmocka_unit_test(test_torch_conv_transpose1d_through_tcviz_compute),
        cmocka_unit_test(test_refusals_exit_1_with_one_line_and_no_file),
    };
    return cmocka_run_group_tests(tests, ref_make_dir, ref_remove_dir);
}
