/* test_tensor.c - layouts, conversions and size limits of Tensor.
 *
 * tensor_convert derives every permutation from axis letters, so these tests
 * do not: each layout's flat index is written out by hand below, and every
 * same-kind conversion pair is checked element by element against them, on
 * a shape whose four sizes differ so that any swapped axis shows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "core/layer.h"
#include "core/tensor.h"

/* Logical coordinates: data (n, c, h, w), filters (o, i, h, w); s holds the
 * logical sizes in the same order. axis[k] is the logical axis a layout
 * stores k-th (so its shape is s[axis[0]], ..., s[axis[3]]) and index() the
 * flat C-order index of logical element at. */
typedef struct {
    Layout layout;
    int axis[4];
    size_t (*index)(const int s[4], const int at[4]);
} LayoutSpec;

/* NHWC: ((n*H + h)*W + w)*C + c */
static size_t index_nhwc(const int s[4], const int a[4])
{
    return (((size_t)a[0] * s[2] + a[2]) * s[3] + a[3]) * s[1] + a[1];
}
/* NCHW: ((n*C + c)*H + h)*W + w */
static size_t index_nchw(const int s[4], const int a[4])
{
    return (((size_t)a[0] * s[1] + a[1]) * s[2] + a[2]) * s[3] + a[3];
}
/* HWIO: ((h*KW + w)*I + i)*O + o */
static size_t index_hwio(const int s[4], const int a[4])
{
    return (((size_t)a[2] * s[3] + a[3]) * s[1] + a[1]) * s[0] + a[0];
}
/* HWOI: ((h*KW + w)*O + o)*I + i */
static size_t index_hwoi(const int s[4], const int a[4])
{
    return (((size_t)a[2] * s[3] + a[3]) * s[0] + a[0]) * s[1] + a[1];
}
/* OIHW: ((o*I + i)*KH + h)*KW + w */
static size_t index_oihw(const int s[4], const int a[4])
{
    return (((size_t)a[0] * s[1] + a[1]) * s[2] + a[2]) * s[3] + a[3];
}
/* IOHW: ((i*O + o)*KH + h)*KW + w */
static size_t index_iohw(const int s[4], const int a[4])
{
    return (((size_t)a[1] * s[0] + a[0]) * s[2] + a[2]) * s[3] + a[3];
}

/* Four different sizes, so any swapped axis shows. */
static const int logical[4] = {2, 3, 4, 5};

static const LayoutSpec data_specs[2] = {
    {LAYOUT_NHWC, {0, 2, 3, 1}, index_nhwc}, /* n h w c */
    {LAYOUT_NCHW, {0, 1, 2, 3}, index_nchw}, /* n c h w */
};
static const LayoutSpec filter_specs[4] = {
    {LAYOUT_HWIO, {2, 3, 1, 0}, index_hwio}, /* h w i o */
    {LAYOUT_HWOI, {2, 3, 0, 1}, index_hwoi}, /* h w o i */
    {LAYOUT_OIHW, {0, 1, 2, 3}, index_oihw}, /* o i h w */
    {LAYOUT_IOHW, {1, 0, 2, 3}, index_iohw}, /* i o h w */
};

static void shape_of(const LayoutSpec *ls, int dim[4])
{
    for (int k = 0; k < 4; k++)
        dim[k] = logical[ls->axis[k]];
}


/* A value unique to each logical element. */
static float code_of(const int a[4])
{
    return (float)(1000 * a[0] + 100 * a[1] + 10 * a[2] + a[3] + 1);
}

static void fill_coded(const LayoutSpec *ls, Tensor *t)
{
    int dim[4];
    Err err = {0};
    shape_of(ls, dim);
    assert_int_equal(tensor_init(t, ls->layout, dim, &err), 0);
    int a[4];
    for (a[0] = 0; a[0] < logical[0]; a[0]++)
        for (a[1] = 0; a[1] < logical[1]; a[1]++)
            for (a[2] = 0; a[2] < logical[2]; a[2]++)
                for (a[3] = 0; a[3] < logical[3]; a[3]++)
                    t->data[ls->index(logical, a)] = code_of(a);
}

static void check_pair(const LayoutSpec *from, const LayoutSpec *to)
{
    Tensor src = {0}, dst = {0};
    Err err = {0};
    int want_dim[4];
    fill_coded(from, &src);
    assert_int_equal(tensor_convert(&src, to->layout, &dst, &err), 0);
    assert_int_equal(dst.layout, to->layout);
    shape_of(to, want_dim);
    assert_memory_equal(dst.dim, want_dim, sizeof want_dim);
    int a[4];
    for (a[0] = 0; a[0] < logical[0]; a[0]++)
        for (a[1] = 0; a[1] < logical[1]; a[1]++)
            for (a[2] = 0; a[2] < logical[2]; a[2]++)
                for (a[3] = 0; a[3] < logical[3]; a[3]++) {
                    float got = dst.data[to->index(logical, a)];
                    if (got != code_of(a))
                        print_error("%s -> %s at (%d,%d,%d,%d): got %g, expected %g\n",
                                    layout_name(from->layout), layout_name(to->layout), a[0],
                                    a[1], a[2], a[3], (double)got, (double)code_of(a));
                    assert_true(got == code_of(a));
                }
    tensor_free(&src);
    tensor_free(&dst);
}

static void test_every_data_layout_pair_converts_element_by_element(void **state)
{
    (void)state;
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2; j++)
            check_pair(&data_specs[i], &data_specs[j]);
}

static void test_every_filter_layout_pair_converts_element_by_element(void **state)
{
    (void)state;
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 4; j++)
            check_pair(&filter_specs[i], &filter_specs[j]);
}

static void round_trip(Layout a, Layout b, const int dim[4])
{
    Tensor x = {0}, y = {0}, z = {0};
    Err err = {0};
    assert_int_equal(tensor_init(&x, a, dim, &err), 0);
    for (size_t i = 0; i < tensor_count(&x); i++)
        x.data[i] = (float)i * 0.25f - 7.0f;
    assert_int_equal(tensor_convert(&x, b, &y, &err), 0);
    assert_int_equal(tensor_convert(&y, a, &z, &err), 0);
    assert_int_equal(z.layout, a);
    assert_memory_equal(z.dim, x.dim, sizeof x.dim);
    assert_memory_equal(z.data, x.data, tensor_count(&x) * sizeof(float));
    tensor_free(&x);
    tensor_free(&y);
    tensor_free(&z);
}

static void test_round_trips_restore_the_original_bytes(void **state)
{
    (void)state;
    round_trip(LAYOUT_NHWC, LAYOUT_NCHW, (int[4]){2, 3, 5, 4});
    round_trip(LAYOUT_NCHW, LAYOUT_NHWC, (int[4]){3, 1, 2, 7});
    round_trip(LAYOUT_HWIO, LAYOUT_OIHW, (int[4]){3, 2, 4, 5});
    round_trip(LAYOUT_OIHW, LAYOUT_HWIO, (int[4]){5, 4, 3, 2});
    round_trip(LAYOUT_HWOI, LAYOUT_IOHW, (int[4]){2, 3, 1, 6});
    round_trip(LAYOUT_IOHW, LAYOUT_HWOI, (int[4]){6, 1, 3, 2});
}

static void test_small_conversions_match_literals(void **state)
{
    (void)state;
    Tensor x = {0}, y = {0};
    Err err = {0};
    /* NHWC [1,2,2,3] holding 0..11: channel c of pixel p is 3p + c. */
    float v[12];
    for (int i = 0; i < 12; i++)
        v[i] = (float)i;
    assert_int_equal(tensor_init_from(&x, LAYOUT_NHWC, (int[4]){1, 2, 2, 3}, v, &err), 0);
    assert_int_equal(tensor_convert(&x, LAYOUT_NCHW, &y, &err), 0);
    const float nchw[12] = {0, 3, 6, 9, 1, 4, 7, 10, 2, 5, 8, 11};
    assert_memory_equal(y.dim, ((int[4]){1, 3, 2, 2}), sizeof y.dim);
    assert_memory_equal(y.data, nchw, sizeof nchw);
    tensor_free(&x);
    tensor_free(&y);

    /* HWIO [2,1,1,3]: a 2x1 kernel, one input, three outputs. */
    assert_int_equal(tensor_init_from(&x, LAYOUT_HWIO, (int[4]){2, 1, 1, 3}, v, &err), 0);
    assert_int_equal(tensor_convert(&x, LAYOUT_OIHW, &y, &err), 0);
    const float oihw[6] = {0, 3, 1, 4, 2, 5};
    assert_memory_equal(y.dim, ((int[4]){3, 1, 2, 1}), sizeof y.dim);
    assert_memory_equal(y.data, oihw, sizeof oihw);
    tensor_free(&x);
    tensor_free(&y);

    /* HWOI [1,2,3,2] (kh=1, kw=2, out=3, in=2) to IOHW [2,3,1,2]. */
    assert_int_equal(tensor_init_from(&x, LAYOUT_HWOI, (int[4]){1, 2, 3, 2}, v, &err), 0);
    assert_int_equal(tensor_convert(&x, LAYOUT_IOHW, &y, &err), 0);
    /* element (b, o, i) sits at (b*3 + o)*2 + i; IOHW walks i, o, b. */
    const float iohw[12] = {0, 6, 2, 8, 4, 10, 1, 7, 3, 9, 5, 11};
    assert_memory_equal(y.dim, ((int[4]){2, 3, 1, 2}), sizeof y.dim);
    assert_memory_equal(y.data, iohw, sizeof iohw);
    tensor_free(&x);
    tensor_free(&y);
}

static void test_data_and_filter_layouts_do_not_convert_into_each_other(void **state)
{
    (void)state;
    const Layout data[2] = {LAYOUT_NHWC, LAYOUT_NCHW};
    const Layout filt[4] = {LAYOUT_HWIO, LAYOUT_HWOI, LAYOUT_OIHW, LAYOUT_IOHW};
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 4; j++)
            for (int dir = 0; dir < 2; dir++) {
                Layout from = dir ? filt[j] : data[i], to = dir ? data[i] : filt[j];
                Tensor x = {0}, y = {0};
                Err err = {0};
                char want[ERR_MSG_MAX];
                assert_int_equal(tensor_init(&x, from, (int[4]){1, 2, 3, 4}, &err), 0);
                assert_int_equal(tensor_convert(&x, to, &y, &err), -1);
                assert_int_equal(err.code, TC_ERR_ARG);
                snprintf(want, sizeof want, "cannot convert a %s tensor to %s", layout_name(from),
                         layout_name(to));
                assert_string_equal(err.msg, want);
                assert_null(y.data);
                tensor_free(&x);
            }
    /* One spelled out, so the message itself is pinned. */
    Tensor x = {0}, y = {0};
    Err err = {0};
    assert_int_equal(tensor_init(&x, LAYOUT_NHWC, (int[4]){1, 1, 1, 1}, &err), 0);
    assert_int_equal(tensor_convert(&x, LAYOUT_HWIO, &y, &err), -1);
    assert_string_equal(err.msg, "cannot convert a NHWC tensor to HWIO");
    tensor_free(&x);
}

static void expect_shape_error(const int dim[4], TcStatus code, const char *msg)
{
    Err err = {0};
    assert_int_equal(shape_check(dim, "input", &err), -1);
    assert_int_equal(err.code, code);
    assert_string_equal(err.msg, msg);
}

static void test_shape_check_limits_and_messages(void **state)
{
    (void)state;
    Err err = {0};
    assert_int_equal(shape_check((int[4]){1, 1, 1, 1}, "input", &err), 0);
    assert_int_equal(shape_check((int[4]){1, 1, 1, TENSOR_MAX_DIM}, "input", &err), 0);
    /* Exactly TENSOR_MAX_ELEMS = 2^26 is allowed, one more row is not. */
    assert_int_equal(shape_check((int[4]){1024, 1024, 64, 1}, "input", &err), 0);
    expect_shape_error((int[4]){1024, 1024, 64, 2}, TC_ERR_LIMIT,
                       "input: shape [1024,1024,64,2] has more than 67108864 elements");
    /* An empty axis is a shape (the frameworks' empty tensors); only what
     * is drawn asks for every size >= 1. */
    assert_int_equal(shape_check((int[4]){1, 0, 3, 3}, "input", &err), 0);
    assert_int_equal(shape_check_nonempty((int[4]){1, 0, 3, 3}, "input", &err), -1);
    assert_int_equal(err.code, TC_ERR_SHAPE);
    assert_string_equal(err.msg, "input: shape [1,0,3,3] is empty (dimension 1 is 0), expected "
                                 "sizes >= 1: an empty tensor has nothing to draw");
    assert_int_equal(shape_check_nonempty((int[4]){1, 2, 3, 3}, "input", &err), 0);
    expect_shape_error((int[4]){-2, 1, 3, 3}, TC_ERR_SHAPE,
                       "input: dimension 0 is -2, expected a size >= 0");
    expect_shape_error((int[4]){1, 1, 1, TENSOR_MAX_DIM + 1}, TC_ERR_LIMIT,
                       "input: dimension 3 is 65537, the limit is 65536");
    expect_shape_error((int[4]){INT_MAX, 1, 1, 1}, TC_ERR_LIMIT,
                       "input: dimension 0 is 2147483647, the limit is 65536");
    /* Each dimension legal, the product far past size_t's 32-bit range:
     * caught before it can overflow. */
    expect_shape_error((int[4]){65536, 65536, 65536, 65536}, TC_ERR_LIMIT,
                       "input: shape [65536,65536,65536,65536] has more than 67108864 elements");

    assert_int_equal(shape_count((int[4]){2, 3, 4, 5}), 120);
    assert_int_equal(shape_count((int[4]){2, 0, 4, 5}), 0);
    assert_int_equal(shape_count((int[4]){2, 3, -4, 5}), 0);
}

static void test_init_zeroes_and_a_refused_init_leaves_an_empty_tensor(void **state)
{
    (void)state;
    Tensor t;
    Err err = {0};
    assert_int_equal(tensor_init(&t, LAYOUT_OIHW, (int[4]){2, 3, 2, 2}, &err), 0);
    assert_int_equal(tensor_count(&t), 24);
    for (size_t i = 0; i < 24; i++)
        assert_true(t.data[i] == 0.0f);
    tensor_free(&t);
    assert_null(t.data);
    assert_int_equal(tensor_count(&t), 0);

    /* An empty tensor has no elements but a data pointer: it is present. */
    assert_int_equal(tensor_init(&t, LAYOUT_NCHW, (int[4]){1, 1, 0, 1}, &err), 0);
    assert_int_equal(tensor_count(&t), 0);
    assert_non_null(t.data);
    tensor_free(&t);

    memset(&t, 0x5a, sizeof t); /* garbage in, empty out */
    assert_int_equal(tensor_init(&t, LAYOUT_NCHW, (int[4]){1, 1, -1, 1}, &err), -1);
    assert_string_equal(err.msg, "NCHW: dimension 2 is -1, expected a size >= 0");
    assert_null(t.data);
    assert_int_equal(tensor_count(&t), 0);
    tensor_free(&t); /* safe on the empty tensor */
}

static void test_copy_is_deep_and_axis_lookup_goes_by_letter(void **state)
{
    (void)state;
    Tensor a = {0}, b = {0};
    Err err = {0};
    const float v[6] = {1, 2, 3, 4, 5, 6};
    assert_int_equal(tensor_init_from(&a, LAYOUT_NHWC, (int[4]){1, 2, 3, 1}, v, &err), 0);
    assert_int_equal(tensor_copy(&a, &b, &err), 0);
    assert_ptr_not_equal(a.data, b.data);
    assert_int_equal(b.layout, LAYOUT_NHWC);
    assert_memory_equal(b.dim, a.dim, sizeof a.dim);
    b.data[0] = 99;
    assert_true(a.data[0] == 1.0f);
    assert_int_equal(tensor_axis(&a, 'N'), 1);
    assert_int_equal(tensor_axis(&a, 'H'), 2);
    assert_int_equal(tensor_axis(&a, 'W'), 3);
    assert_int_equal(tensor_axis(&a, 'C'), 1);
    assert_int_equal(tensor_axis(&a, 'O'), -1);
    tensor_free(&a);
    tensor_free(&b);

    assert_int_equal(tensor_init(&a, LAYOUT_HWOI, (int[4]){3, 2, 5, 7}, &err), 0);
    assert_int_equal(tensor_axis(&a, 'H'), 3);
    assert_int_equal(tensor_axis(&a, 'W'), 2);
    assert_int_equal(tensor_axis(&a, 'O'), 5);
    assert_int_equal(tensor_axis(&a, 'I'), 7);
    assert_int_equal(tensor_axis(&a, 'C'), -1);
    tensor_free(&a);
}

static void test_layout_names_parse_back_and_unknown_names_are_refused(void **state)
{
    (void)state;
    static const char *const names[LAYOUT_COUNT] = {"NHWC", "NCHW", "HWIO", "HWOI", "OIHW", "IOHW"};
    for (int i = 0; i < LAYOUT_COUNT; i++) {
        Layout l = LAYOUT_COUNT;
        assert_string_equal(layout_name((Layout)i), names[i]);
        assert_int_equal(layout_parse(names[i], &l), 0);
        assert_int_equal(l, i);
        assert_int_equal(layout_is_data((Layout)i), i == LAYOUT_NHWC || i == LAYOUT_NCHW);
    }
    static const char *const bad[] = {"nhwc", "NHW", "NHWCX", "", "CHWN", "OIWH"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        Layout l = LAYOUT_COUNT;
        assert_int_equal(layout_parse(bad[i], &l), -1);
        assert_int_equal(l, LAYOUT_COUNT);
    }
}

static void test_canonical_layouts_are_nchw_and_oihw_memory(void **state)
{
    (void)state;
    static const struct { Layout from, to; } map[] = {
        {LAYOUT_NHWC, LAYOUT_NCHW}, {LAYOUT_NCHW, LAYOUT_NCHW}, {LAYOUT_HWIO, LAYOUT_OIHW},
        {LAYOUT_OIHW, LAYOUT_OIHW}, {LAYOUT_HWOI, LAYOUT_IOHW}, {LAYOUT_IOHW, LAYOUT_IOHW},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
        Tensor x = {0}, y = {0}, z = {0};
        Err err = {0};
        assert_int_equal(tensor_init(&x, map[i].from, (int[4]){2, 3, 4, 5}, &err), 0);
        for (size_t j = 0; j < tensor_count(&x); j++)
            x.data[j] = (float)j;
        assert_int_equal(layer_to_canonical(&x, &y, &err), 0);
        assert_int_equal(y.layout, map[i].to);
        assert_int_equal(tensor_convert(&x, map[i].to, &z, &err), 0);
        assert_memory_equal(y.dim, z.dim, sizeof y.dim);
        assert_memory_equal(y.data, z.data, tensor_count(&z) * sizeof(float));
        tensor_free(&x);
        tensor_free(&y);
        tensor_free(&z);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_data_layout_pair_converts_element_by_element),
        cmocka_unit_test(test_every_filter_layout_pair_converts_element_by_element),
        cmocka_unit_test(test_round_trips_restore_the_original_bytes),
        cmocka_unit_test(test_small_conversions_match_literals),
        cmocka_unit_test(test_data_and_filter_layouts_do_not_convert_into_each_other),
        cmocka_unit_test(test_shape_check_limits_and_messages),
        cmocka_unit_test(test_init_zeroes_and_a_refused_init_leaves_an_empty_tensor),
        cmocka_unit_test(test_copy_is_deep_and_axis_lookup_goes_by_letter),
        cmocka_unit_test(test_layout_names_parse_back_and_unknown_names_are_refused),
        cmocka_unit_test(test_canonical_layouts_are_nchw_and_oihw_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
