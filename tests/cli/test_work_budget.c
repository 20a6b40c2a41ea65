/* test_work_budget.c - one limit on the multiply-adds of a layer, applied by
 * every command: a 225-byte lesson asking for 2^40 of them is refused at
 * once, naming both numbers, instead of keeping tcviz busy for minutes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/layer.h"
#include "../common/run_tcviz.h"

static char dir[64];

static const char big_lesson[] = "title: big\n"
                                 "convention: torch\n"
                                 "op: conv2d_transpose\n"
                                 "params: {stride: 1}\n"
                                 "tensors:\n"
                                 "  input: {shape: [1, 1, 1024, 1024], cycle: [1]}\n"
                                 "  filter: {shape: [1, 1, 1024, 1024], cycle: [1]}\n"
                                 "steps:\n"
                                 "  - view: scatter\n"
                                 "    at: 0\n"
                                 "    text: x\n";

#define REFUSAL "conv2d_transpose needs 1099511627776 multiply-adds, more than the 268435456 a layer may take"

static void test_macs_count_every_product_of_the_forward_conv(void **state)
{
    (void)state;
    /* the 28x28x32 example: 28*28 outputs of 32 channels, 7x7 taps of 1 input */
    ConvGeom g = {.h = {.conv_out = 28, .k = 7}, .w = {.conv_out = 28, .k = 7}, .n = 1,
                  .c_conv_in = 1, .c_conv_out = 32, .groups = 1};
    assert_int_equal(layer_macs(&g), 28ull * 28 * 32 * 49);
    g.c_conv_in = 8, g.groups = 4; /* groups divide the inputs each output reads */
    assert_int_equal(layer_macs(&g), 28ull * 28 * 32 * 49 * 2);
}

static void test_check_explain_and_export_refuse_a_layer_past_the_budget(void **state)
{
    (void)state;
    char path[128];
    snprintf(path, sizeof path, "%s/big.yaml", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(big_lesson, f);
    fclose(f);
    Run r = {0};
    run_tcviz_line("check @/big.yaml", dir, &r);
    assert_int_equal(r.code, 1);
    assert_non_null(strstr(r.out, REFUSAL));
    run_free(&r);
    run_tcviz_line("explain @/big.yaml", dir, &r);
    assert_int_equal(r.code, 1);
    assert_non_null(strstr(r.err, REFUSAL));
    run_free(&r);
    run_tcviz_line("export @/big.yaml --step 0 -o @/f.png", dir, &r);
    assert_int_equal(r.code, 1);
    assert_non_null(strstr(r.err, REFUSAL));
    run_free(&r);
    unlink(path);
}

static void test_shape_refuses_it_from_the_shapes_alone(void **state)
{
    (void)state;
    Run r = {0};
    run_tcviz_line("shape conv2d_transpose --convention torch --input-shape 1,1,1024,1024 "
                   "--filter-shape 1,1,1024,1024",
                   dir, &r);
    assert_int_equal(r.code, 1);
    assert_non_null(strstr(r.err, REFUSAL));
    run_free(&r);
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/tcviz_budget_XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    return rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_macs_count_every_product_of_the_forward_conv),
        cmocka_unit_test(test_check_explain_and_export_refuse_a_layer_past_the_budget),
        cmocka_unit_test(test_shape_refuses_it_from_the_shapes_alone),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
