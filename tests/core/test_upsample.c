/* test_upsample.c - nearest and bilinear resizing against values worked out
 * by hand from the half-pixel definition (the same numbers PyTorch's
 * interpolate(..., align_corners=False) and tf.image.resize print). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/upsample.h"

static void assert_floats(const float *got, const float *want, int n)
{
    for (int i = 0; i < n; i++)
        if (got[i] != want[i])
            fail_msg("element %d: got %.9g, want %.9g", i, (double)got[i], (double)want[i]);
}

static void test_bilinear_2x2_to_4x4(void **state)
{
    (void)state;
    const float x[4] = {1, 2, 3, 4};
    const float want[16] = {1,    1.25f, 1.75f, 2,    1.5f, 1.75f, 2.25f, 2.5f,
                            2.5f, 2.75f, 3.25f, 3.5f, 3,    3.25f, 3.75f, 4};
    float y[16];
    upsample_bilinear(x, 1, 2, 2, 4, 4, y);
    assert_floats(y, want, 16);
}

static void test_bilinear_3_to_6_holds_the_edges(void **state)
{
    (void)state;
    /* One row: sources at -0.25, 0.25, 0.75, 1.25, 1.75, 2.25 (clamped to 0 and 2). */
    const float x[3] = {0, 4, 8};
    const float want[6] = {0, 1, 3, 5, 7, 8};
    float y[6];
    upsample_bilinear(x, 1, 1, 3, 1, 6, y);
    assert_floats(y, want, 6);
}

static void test_nearest_integer_and_fractional_factors(void **state)
{
    (void)state;
    const float x[4] = {1, 2, 3, 4};
    const float want[16] = {1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4};
    float y[16];
    upsample_nearest(x, 1, 2, 2, 4, 4, y);
    assert_floats(y, want, 16);
    /* 2 -> 3: centres at 1/3, 1, 5/3 of the source: cells 0, 1, 1. */
    const float row[2] = {5, 7};
    float z[3];
    upsample_nearest(row, 1, 1, 2, 1, 3, z);
    assert_floats(z, (const float[]){5, 7, 7}, 3);
    /* 3 -> 5: (o + 0.5) * 3/5 = 0.3, 0.9, 1.5, 2.1, 2.7 */
    const float r3[3] = {1, 2, 3};
    float z5[5];
    upsample_nearest(r3, 1, 1, 3, 1, 5, z5);
    assert_floats(z5, (const float[]){1, 1, 2, 3, 3}, 5);
}

static void test_planes_are_independent_and_same_size_is_identity(void **state)
{
    (void)state;
    const float x[8] = {1, 2, 3, 4, -1, -2, -3, -4};
    float y[8];
    upsample_bilinear(x, 2, 2, 2, 2, 2, y);
    assert_floats(y, x, 8);
    upsample_nearest(x, 2, 2, 2, 2, 2, y);
    assert_floats(y, x, 8);
    float big[32];
    upsample_bilinear(x, 2, 2, 2, 4, 4, big);
    for (int i = 0; i < 16; i++)
        assert_true(big[16 + i] == -big[i]);
    /* a single input cell fills the whole output */
    float one = 2.5f, out[9];
    upsample_bilinear(&one, 1, 1, 1, 3, 3, out);
    for (int i = 0; i < 9; i++)
        assert_true(out[i] == 2.5f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bilinear_2x2_to_4x4),
        cmocka_unit_test(test_bilinear_3_to_6_holds_the_edges),
        cmocka_unit_test(test_nearest_integer_and_fractional_factors),
        cmocka_unit_test(test_planes_are_independent_and_same_size_is_identity),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
