/* test_geom.c - sizes, padding and crops of conv2d and conv2d_transpose.
 *
 * Tables of hand-worked geometries for each rule the README states (TF SAME
 * puts the odd padding row at the bottom, the legal TF output ranges, the
 * PyTorch output_padding limit, Keras's default size, negative crops), plus
 * exhaustive sweeps that tie the transposed geometry back to the forward one:
 * an output size is accepted exactly when the forward conv of that size gives
 * back the input, and then both describe the same AxisGeom. Error messages
 * are asserted verbatim because users read them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/geom.h"
#include "core/ops.h"

/* Table rows name themselves only when they fail. */
#define assert_row_int(row, got, want)                                                       \
    do {                                                                                     \
        long long got_ = (got), want_ = (want);                                              \
        if (got_ != want_)                                                                   \
            print_error("row %zu: %s is %lld, expected %lld\n", (size_t)(row), #got, got_,   \
                        want_);                                                              \
        assert_int_equal(got_, want_);                                                       \
    } while (0)

/* One axis of a forward conv2d, worked by hand. */
typedef struct {
    PadMode pad;
    int ptop, pbot; /* PAD_EXPLICIT only */
    int in, k, s, d;
    int out, before, after, full, crop_after;
} FwdRow;

static const FwdRow fwd_rows[] = {
    /* pad       pt pb in  k  s  d  out bef aft full crop */
    {PAD_SAME,    0, 0, 6, 4, 1, 1,  6, 1, 2,  9,  2}, /* total 3: extra row at the bottom */
    {PAD_SAME,    0, 0, 6, 3, 2, 1,  3, 0, 1,  7,  1}, /* total 1: all of it at the bottom */
    {PAD_SAME,    0, 0, 8, 5, 3, 1,  3, 1, 2, 11,  2}, /* total 3 */
    {PAD_SAME,    0, 0, 5, 3, 2, 1,  3, 1, 1,  7,  1}, /* total 2: symmetric */
    {PAD_SAME,    0, 0, 7, 3, 2, 2,  4, 2, 2, 11,  2}, /* k_eff 5, total 4 */
    {PAD_SAME,    0, 0, 6, 2, 2, 3,  3, 1, 1,  8,  1}, /* k_eff 4, total 2 */
    {PAD_SAME,    0, 0, 4, 1, 3, 1,  2, 0, 0,  4,  0}, /* total 0 */
    {PAD_SAME,    0, 0, 2, 1, 5, 1,  1, 0, 0,  1, -1}, /* total -1 clamps to 0 */
    {PAD_SAME,    0, 0, 1, 7, 1, 1,  1, 3, 3,  7,  3},
    {PAD_VALID,   0, 0, 7, 3, 2, 1,  3, 0, 0,  7,  0},
    {PAD_VALID,   0, 0, 8, 3, 2, 1,  3, 0, 0,  7, -1}, /* the last row is never read */
    {PAD_VALID,   0, 0, 9, 2, 3, 2,  3, 0, 0,  9,  0},
    {PAD_VALID,   0, 0, 3, 3, 1, 1,  1, 0, 0,  3,  0},
    {PAD_EXPLICIT, 1, 1, 5, 3, 2, 1, 3, 1, 1,  7,  1}, /* torch: floor((5+2-3)/2)+1 */
    {PAD_EXPLICIT, 2, 0, 4, 3, 1, 1, 4, 2, 0,  6,  0}, /* asymmetric */
    {PAD_EXPLICIT, 0, 3, 4, 3, 3, 1, 2, 0, 3,  6,  2},
    {PAD_EXPLICIT, 3, 3, 2, 3, 2, 1, 3, 3, 3,  7,  2}, /* padding past k_eff - 1 */
};

static void test_conv2d_axis_table_puts_odd_same_padding_at_the_bottom(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof fwd_rows / sizeof fwd_rows[0]; i++) {
        const FwdRow *r = &fwd_rows[i];
        /* Height gets the row, width a fixed 1x1 axis: a mix-up shows. */
        ConvParams p = {.stride = {r->s, 1}, .dilation = {r->d, 1}, .padding = r->pad,
                        .pad = {r->ptop, r->pbot, 0, 0}};
        ConvGeom g;
        Err err = {0};
        assert_row_int(i, geom_conv2d(&p, (int[4]){1, 1, r->in, 3}, 1, r->k, 1, &g, &err), 0);
        assert_row_int(i, g.h.conv_in, r->in);
        assert_row_int(i, g.h.conv_out, r->out);
        assert_row_int(i, g.h.k_eff, r->d * (r->k - 1) + 1);
        assert_row_int(i, g.h.pad_before, r->before);
        assert_row_int(i, g.h.pad_after, r->after);
        assert_row_int(i, g.h.full, r->full);
        assert_row_int(i, g.h.crop_after, r->crop_after);
        assert_row_int(i, g.w.conv_out, 3);
        assert_row_int(i, g.w.pad_before + g.w.pad_after, 0);
    }
}

static void test_conv2d_channels_and_groups_are_recorded(void **state)
{
    (void)state;
    ConvParams p = {.convention = CONV_TORCH, .groups = 2};
    ConvGeom g;
    Err err = {0};
    assert_int_equal(geom_conv2d(&p, (int[4]){3, 4, 5, 6}, 6, 2, 3, &g, &err), 0);
    assert_int_equal(g.n, 3);
    assert_int_equal(g.c_conv_in, 4);
    assert_int_equal(g.c_conv_out, 6);
    assert_int_equal(g.groups, 2);
    assert_int_equal(g.h.conv_out, 4);
    assert_int_equal(g.w.conv_out, 4);
    assert_int_equal(geom_weight_count(&g), 6 * 2 * 2 * 3);
}

/* Legal TF conv2d_transpose output sizes, worked by hand. */
typedef struct {
    PadMode pad;
    int in, k, s, d, lo, hi;
} RangeRow;

static const RangeRow range_rows[] = {
    /* SAME: (H-1)s+1 .. H*s, whatever the kernel */
    {PAD_SAME, 3, 2, 2, 1, 5, 6},
    {PAD_SAME, 3, 7, 2, 1, 5, 6},
    {PAD_SAME, 4, 3, 3, 2, 10, 12},
    {PAD_SAME, 1, 3, 1, 1, 1, 1},
    {PAD_SAME, 1, 2, 4, 1, 1, 4},
    /* VALID: (H-1)s+k_eff .. +s-1 */
    {PAD_VALID, 3, 2, 2, 1, 6, 7},
    {PAD_VALID, 3, 1, 3, 1, 7, 9},  /* k_eff < s */
    {PAD_VALID, 3, 3, 2, 2, 9, 10}, /* k_eff 5 */
    {PAD_VALID, 5, 3, 1, 1, 7, 7},
    {PAD_VALID, 1, 4, 3, 1, 4, 6},
};

static void test_tf_legal_range_same_and_valid_match_the_readme_formulas(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof range_rows / sizeof range_rows[0]; i++) {
        const RangeRow *r = &range_rows[i];
        ConvParams p = {.stride = {1, r->s}, .dilation = {1, r->d}, .padding = r->pad};
        int lo = -1, hi = -1;
        assert_row_int(i, geom_tf_legal_range(&p, 1, r->in, r->k, &lo, &hi), 0);
        assert_row_int(i, lo, r->lo);
        assert_row_int(i, hi, r->hi);
    }
}

/* Every candidate size: accepted iff in the legal range, and then the
 * transposed geometry equals the forward conv2d geometry of that size. */
static void test_tf_size_is_legal_iff_forward_conv_gives_back_input(void **state)
{
    (void)state;
    const PadMode pads[2] = {PAD_SAME, PAD_VALID};
    int accepted = 0;
    for (int pm = 0; pm < 2; pm++)
        for (int in = 1; in <= 5; in++)
            for (int k = 1; k <= 5; k++)
                for (int s = 1; s <= 4; s++)
                    for (int d = 1; d <= 3; d++) {
                        ConvParams p = {.stride = {s, 1}, .dilation = {d, 1}, .padding = pads[pm]};
                        int lo, hi;
                        assert_int_equal(geom_tf_legal_range(&p, 0, in, k, &lo, &hi), 0);
                        int ke = d * (k - 1) + 1;
                        for (int oh = 1; oh <= in * s + ke + s; oh++) {
                            ConvGeom t, f;
                            Err err = {0};
                            int in_nchw[4] = {1, 1, in, 1};
                            int rt = geom_conv2d_transpose(&p, in_nchw, 1, k, 1,
                                                           (int[2]){oh, 1}, &t, &err);
                            int rf = geom_conv2d(&p, (int[4]){1, 1, oh, 1}, 1, k, 1, &f, &err);
                            int gives_back = rf == 0 && f.h.conv_out == in;
                            assert_int_equal(rt == 0, gives_back);
                            assert_int_equal(rt == 0, oh >= lo && oh <= hi);
                            if (rt != 0)
                                continue;
                            accepted++;
                            assert_memory_equal(&t.h, &f.h, sizeof t.h);
                        }
                    }
    assert_true(accepted > 300);
}

static void expect_transpose_error(const ConvParams *p, const int in_nchw[4], int c_out, int kh,
                                   int kw, const int out_hw[2], TcStatus code, const char *msg)
{
    ConvGeom g;
    Err err = {0};
    assert_int_equal(geom_conv2d_transpose(p, in_nchw, c_out, kh, kw, out_hw, &g, &err), -1);
    assert_string_equal(err.msg, msg);
    assert_int_equal(err.code, code);
}

static void expect_conv2d_error(const ConvParams *p, const int in_nchw[4], int c_out, int kh,
                                int kw, TcStatus code, const char *msg)
{
    ConvGeom g;
    Err err = {0};
    assert_int_equal(geom_conv2d(p, in_nchw, c_out, kh, kw, &g, &err), -1);
    assert_string_equal(err.msg, msg);
    assert_int_equal(err.code, code);
}

static void test_illegal_tf_output_shape_names_the_legal_range(void **state)
{
    (void)state;
    ConvParams same = {.stride = {2, 2}, .padding = PAD_SAME};
    ConvParams valid = {.stride = {2, 3}, .padding = PAD_VALID};
    expect_transpose_error(&same, (int[4]){1, 1, 3, 3}, 1, 2, 2, (int[2]){7, 6}, TC_ERR_SHAPE,
                           "output_shape height 7 is illegal for input height 3 (stride 2, SAME): "
                           "expected 5..6");
    expect_transpose_error(&same, (int[4]){1, 1, 3, 3}, 1, 2, 2, (int[2]){6, 4}, TC_ERR_SHAPE,
                           "output_shape width 4 is illegal for input width 3 (stride 2, SAME): "
                           "expected 5..6");
    expect_transpose_error(&valid, (int[4]){1, 1, 3, 3}, 1, 2, 2, (int[2]){8, 8}, TC_ERR_SHAPE,
                           "output_shape height 8 is illegal for input height 3 (stride 2, VALID): "
                           "expected 6..7");
    expect_transpose_error(&valid, (int[4]){1, 1, 3, 3}, 1, 2, 2, (int[2]){6, 7}, TC_ERR_SHAPE,
                           "output_shape width 7 is illegal for input width 3 (stride 3, VALID): "
                           "expected 8..10");
}

static void test_torch_output_padding_must_be_below_max_of_stride_and_dilation(void **state)
{
    (void)state;
    ConvParams p = {.convention = CONV_TORCH, .stride = {2, 1}, .dilation = {1, 3},
                    .output_padding = {2, 0}};
    expect_transpose_error(&p, (int[4]){1, 1, 3, 3}, 1, 3, 3, NULL, TC_ERR_ARG,
                           "output_padding height 2 must be smaller than stride (2) or "
                           "dilation (1)");
    p.output_padding[0] = 1;
    p.output_padding[1] = 3;
    expect_transpose_error(&p, (int[4]){1, 1, 3, 3}, 1, 3, 3, NULL, TC_ERR_ARG,
                           "output_padding width 3 must be smaller than stride (1) or "
                           "dilation (3)");
    /* Just below the limit is legal, the dilation alone allowing it on width. */
    p.output_padding[1] = 2;
    ConvGeom g;
    Err err = {0};
    assert_int_equal(geom_conv2d_transpose(&p, (int[4]){1, 1, 3, 3}, 1, 3, 3, NULL, &g, &err), 0);
    assert_int_equal(g.h.conv_in, 2 * 2 + 3 + 1);
    assert_int_equal(g.w.conv_in, 2 * 1 + 7 + 2);
}

static void test_groups_must_divide_both_channel_counts(void **state)
{
    (void)state;
    ConvParams p = {.convention = CONV_TORCH, .groups = 2};
    expect_conv2d_error(&p, (int[4]){1, 3, 4, 4}, 4, 3, 3, TC_ERR_SHAPE,
                        "input channels 3 are not divisible by groups=2");
    expect_conv2d_error(&p, (int[4]){1, 4, 4, 4}, 3, 3, 3, TC_ERR_SHAPE,
                        "output channels 3 are not divisible by groups=2");
    expect_transpose_error(&p, (int[4]){1, 5, 4, 4}, 4, 3, 3, NULL, TC_ERR_SHAPE,
                           "input channels 5 are not divisible by groups=2");
    p.groups = 4;
    expect_transpose_error(&p, (int[4]){1, 4, 4, 4}, 6, 3, 3, NULL, TC_ERR_SHAPE,
                           "output channels 6 are not divisible by groups=4");
}

static void test_parameter_errors_name_the_field(void **state)
{
    (void)state;
    ConvParams tf_groups = {.groups = 2};
    expect_conv2d_error(&tf_groups, (int[4]){1, 2, 4, 4}, 2, 3, 3, TC_ERR_ARG,
                        "groups is a PyTorch parameter; TF layers have groups=1");
    ConvParams tf_op = {.output_padding = {1, 0}};
    expect_transpose_error(&tf_op, (int[4]){1, 1, 3, 3}, 1, 2, 2, NULL, TC_ERR_ARG,
                           "output_padding is a PyTorch parameter; TF chooses with output_shape");
    ConvParams torch_same = {.convention = CONV_TORCH, .padding = PAD_SAME};
    expect_transpose_error(&torch_same, (int[4]){1, 1, 3, 3}, 1, 2, 2, NULL, TC_ERR_ARG,
                           "conv_transpose2d has no padding='same' in PyTorch; give a number");
    ConvParams torch_asym = {.convention = CONV_TORCH, .padding = PAD_EXPLICIT, .pad = {1, 2}};
    expect_transpose_error(&torch_asym, (int[4]){1, 1, 3, 3}, 1, 3, 3, NULL, TC_ERR_ARG,
                           "PyTorch padding is symmetric; got 1 and 2 on height");
    ConvParams torch_crop = {.convention = CONV_TORCH, .padding = PAD_EXPLICIT,
                             .pad = {2, 2, 0, 0}};
    expect_transpose_error(&torch_crop, (int[4]){1, 1, 1, 1}, 1, 3, 1, NULL, TC_ERR_SHAPE,
                           "output height would be -1: padding 2 crops more than the 3-long "
                           "scatter");
    ConvParams torch = {.convention = CONV_TORCH};
    expect_transpose_error(&torch, (int[4]){1, 1, 3, 3}, 1, 2, 2, (int[2]){4, 5}, TC_ERR_SHAPE,
                           "output width 5 does not match (H-1)*stride - 2*padding + k_eff + "
                           "output_padding = 4");
    ConvParams neg_stride = {.stride = {1, -1}};
    expect_conv2d_error(&neg_stride, (int[4]){1, 1, 3, 3}, 1, 2, 2, TC_ERR_ARG,
                        "stride width is -1, expected 1..1024");
    ConvParams none = {0};
    expect_conv2d_error(&none, (int[4]){1, 1, 3, 3}, 1, 0, 2, TC_ERR_ARG,
                        "kernel height is 0, expected 1..1024");
    /* TF: a window wider than the input by a stride or more gives a
     * negative size; by less, an empty output (below). PyTorch refuses both. */
    expect_conv2d_error(&none, (int[4]){1, 1, 3, 3}, 1, 2, 5, TC_ERR_SHAPE,
                        "input width 3 is smaller than the dilated kernel (5) plus padding by a "
                        "stride or more: the output size would be negative");
    ConvGeom g;
    Err err = {0};
    assert_int_equal(geom_conv2d(&none, (int[4]){1, 1, 3, 3}, 1, 2, 4, &g, &err), 0);
    assert_int_equal(g.w.conv_out, 0);
    assert_int_equal(g.w.full, 0);
    ConvParams torch_none = {.convention = CONV_TORCH};
    expect_conv2d_error(&torch_none, (int[4]){1, 1, 3, 3}, 1, 2, 4, TC_ERR_SHAPE,
                        "input width 3 is smaller than the dilated kernel (4) plus padding: the "
                        "output would be empty");
    expect_conv2d_error(&none, (int[4]){1, 0, 3, 3}, 1, 2, 2, TC_ERR_SHAPE,
                        "input shape [1,0,3,3] (NCHW) has no channels, expected at least 1 "
                        "channel and sizes >= 0");
    expect_conv2d_error(&torch_none, (int[4]){1, 1, 3, 0}, 1, 2, 2, TC_ERR_SHAPE,
                        "input shape [1,1,3,0] (NCHW) has an empty width: PyTorch accepts only "
                        "an empty batch, expected a height and width >= 1");
    /* A batch of 0 is a layer in both conventions. */
    assert_int_equal(geom_conv2d(&torch_none, (int[4]){0, 1, 3, 3}, 1, 2, 2, &g, &err), 0);
    assert_int_equal(g.n, 0);
}

/* TF's legal output sizes of an empty input: those whose forward conv is
 * empty, as TF's truncating size rule gives (the TF test's width 1 under a
 * width-3 kernel at stride 2, VALID, among them). */
static void test_tf_empty_input_has_a_legal_output_range(void **state)
{
    (void)state;
    ConvParams valid = {.stride = {1, 2}};
    int lo, hi;
    assert_int_equal(geom_tf_legal_range(&valid, 1, 0, 3, &lo, &hi), 0);
    assert_int_equal(lo, 0);
    assert_int_equal(hi, 2);
    ConvParams same = {.stride = {2, 2}, .padding = PAD_SAME};
    assert_int_equal(geom_tf_legal_range(&same, 0, 0, 3, &lo, &hi), 0);
    assert_int_equal(lo, 0);
    assert_int_equal(hi, 0);
    ConvGeom g;
    Err err = {0};
    int out[2] = {1, 1};
    assert_int_equal(geom_conv2d_transpose(&valid, (int[4]){3, 3, 1, 0}, 2, 1, 3, out, &g, &err), 0);
    assert_int_equal(g.w.conv_in, 1);
    assert_int_equal(g.w.full, 0);
    assert_int_equal(g.w.crop_after, -1);
    out[1] = 3; /* (3 - 3 + 2) / 2 = 1: not empty, so not this input's */
    assert_int_equal(geom_conv2d_transpose(&valid, (int[4]){3, 3, 1, 0}, 2, 1, 3, out, &g, &err), -1);
    assert_string_equal(err.msg, "output_shape width 3 is illegal for input width 0 (stride 2, "
                                 "VALID): expected 0..2");
    out[1] = GEOM_OUT_EMPTY;
    assert_int_equal(geom_conv2d_transpose(&valid, (int[4]){3, 3, 1, 0}, 2, 1, 3, out, &g, &err), 0);
    assert_int_equal(g.w.conv_in, 0);
}

/* 0 asks for the default size; a negative size is a mistake, never a
 * request for the default. */
static void test_negative_transpose_output_size_is_refused(void **state)
{
    (void)state;
    ConvParams same = {.stride = {2, 2}, .padding = PAD_SAME};
    expect_transpose_error(&same, (int[4]){1, 1, 3, 3}, 1, 2, 2, (int[2]){-4, 6}, TC_ERR_SHAPE,
                           "output height is -4, expected a positive size or 0 for the default");
    ConvParams torch = {.convention = CONV_TORCH};
    expect_transpose_error(&torch, (int[4]){1, 1, 3, 3}, 1, 2, 2, (int[2]){4, -1}, TC_ERR_SHAPE,
                           "output width is -1, expected a positive size or 0 for the default");
    ConvGeom g;
    Err err = {0};
    assert_int_equal(geom_conv2d_transpose(&same, (int[4]){1, 1, 3, 3}, 1, 2, 2, (int[2]){0, 5},
                                           &g, &err), 0);
    assert_int_equal(g.h.conv_in, 6);
    assert_int_equal(g.w.conv_in, 5);
}

/* Transposed geometries whose output runs past the scatter: crop_after < 0,
 * and the kernel must append exactly that many zero rows. */
typedef struct {
    Convention conv;
    PadMode pad;
    int in, k, s, d, p, op, want_out; /* want_out: TF size, 0 for torch */
    int out, full, before, crop_after;
} CropRow;

static const CropRow crop_rows[] = {
    /* conv     pad           in k  s  d  p  op want out full bef crop */
    {CONV_TF, PAD_VALID,      3, 2, 2, 1, 0, 0, 7,   7,  6,  0, -1}, /* top of the VALID range */
    {CONV_TF, PAD_VALID,      3, 1, 3, 1, 0, 0, 9,   9,  7,  0, -2},
    {CONV_TF, PAD_SAME,       3, 1, 2, 1, 0, 0, 6,   6,  5,  0, -1}, /* SAME total clamps at 0 */
    {CONV_TF, PAD_SAME,       2, 1, 4, 1, 0, 0, 8,   8,  5,  0, -3},
    {CONV_TORCH, PAD_EXPLICIT, 3, 3, 2, 1, 0, 1, 0,  8,  7,  0, -1}, /* output_padding > p */
    {CONV_TORCH, PAD_EXPLICIT, 3, 3, 3, 1, 1, 2, 0,  9,  9,  1, -1},
    {CONV_TORCH, PAD_EXPLICIT, 2, 2, 1, 3, 0, 2, 0,  7,  5,  0, -2}, /* op allowed by dilation */
};

static void test_negative_crop_appends_zero_rows_past_the_scatter(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof crop_rows / sizeof crop_rows[0]; i++) {
        const CropRow *r = &crop_rows[i];
        ConvParams p = {.convention = r->conv, .stride = {r->s, 1}, .dilation = {r->d, 1},
                        .padding = r->pad, .pad = {r->p, r->p, 0, 0}, .output_padding = {r->op, 0}};
        ConvGeom g;
        Err err = {0};
        const int *want = r->conv == CONV_TF ? (int[2]){r->want_out, 2} : NULL;
        assert_row_int(i, geom_conv2d_transpose(&p, (int[4]){1, 1, r->in, 2}, 1, r->k, 1, want,
                                               &g, &err), 0);
        assert_row_int(i, g.h.conv_in, r->out);
        assert_row_int(i, g.h.full, r->full);
        assert_row_int(i, g.h.pad_before, r->before);
        assert_row_int(i, g.h.crop_after, r->crop_after);
        assert_row_int(i, g.h.full - g.h.pad_before - g.h.conv_in, g.h.crop_after);

        /* All-ones input and kernel: row y of the output is the number of
         * scatter taps landing on canvas row y + before, zero past the end. */
        float x[2 * 5], w[3], y[9 * 2];
        for (int j = 0; j < r->in * 2; j++)
            x[j] = 1;
        for (int j = 0; j < r->k; j++)
            w[j] = 1;
        assert_row_int(i, op_conv2d_transpose(&g, x, w, NULL, y, &err), 0);
        for (int oy = 0; oy < r->out; oy++) {
            int fy = oy + r->before, taps = 0;
            for (int ii = 0; ii < r->in; ii++)
                for (int a = 0; a < r->k; a++)
                    taps += ii * r->s + a * r->d == fy;
            assert_row_int(i, y[oy * 2] == (float)taps, 1);
            assert_row_int(i, y[oy * 2 + 1] == (float)taps, 1);
        }
        for (int oy = r->full - r->before; oy < r->out; oy++)
            assert_row_int(i, y[oy * 2] == 0.0f, 1);
    }
}

/* Keras's Conv2DTranspose passes no output size: H*s for SAME,
 * H*s + max(k_eff - s, 0) for VALID. */
typedef struct {
    PadMode pad;
    int in, k, s, d, out;
} DefaultRow;

static const DefaultRow default_rows[] = {
    {PAD_SAME, 3, 2, 2, 1, 6},   {PAD_SAME, 3, 5, 1, 1, 3},   {PAD_SAME, 4, 3, 3, 2, 12},
    {PAD_VALID, 3, 2, 2, 1, 6},  {PAD_VALID, 3, 3, 2, 1, 7},  {PAD_VALID, 3, 1, 3, 1, 9},
    {PAD_VALID, 3, 3, 2, 2, 9},  {PAD_VALID, 5, 4, 1, 1, 8},  {PAD_VALID, 2, 2, 4, 1, 8},
};

static void test_keras_default_output_size_when_no_size_is_given(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof default_rows / sizeof default_rows[0]; i++) {
        const DefaultRow *r = &default_rows[i];
        ConvParams p = {.stride = {r->s, r->s}, .dilation = {r->d, 1}, .padding = r->pad};
        ConvGeom g1, g2;
        Err err = {0};
        assert_row_int(i, geom_conv2d_transpose(&p, (int[4]){1, 1, r->in, r->in}, 1, r->k, r->k,
                                               NULL, &g1, &err), 0);
        assert_row_int(i, g1.h.conv_in, r->out);
        assert_row_int(i, geom_conv2d_transpose(&p, (int[4]){1, 1, r->in, r->in}, 1, r->k, r->k,
                                               (int[2]){0, 0}, &g2, &err), 0);
        assert_memory_equal(&g1, &g2, sizeof g1);
    }
}

static void test_torch_spelling_round_trips_and_refuses_odd_same_padding(void **state)
{
    (void)state;
    /* Every torch (padding, output_padding) is recovered from its geometry. */
    int checked = 0;
    for (int in = 1; in <= 4; in++)
        for (int k = 1; k <= 4; k++)
            for (int s = 1; s <= 3; s++)
                for (int d = 1; d <= 2; d++)
                    for (int pad = 0; pad <= 3; pad++)
                        for (int op = 0; op < (s > d ? s : d); op++) {
                            ConvParams p = {.convention = CONV_TORCH, .stride = {s, 1},
                                            .dilation = {d, 1}, .padding = PAD_EXPLICIT,
                                            .pad = {pad, pad, 0, 0}, .output_padding = {op, 0}};
                            ConvGeom g;
                            Err err = {0};
                            if (geom_conv2d_transpose(&p, (int[4]){1, 1, in, 1}, 1, k, 1, NULL,
                                                      &g, &err) != 0)
                                continue;
                            int sp = -1, sop = -1;
                            assert_int_equal(geom_torch_spelling(&g.h, &sp, &sop), 0);
                            assert_int_equal(sp, pad);
                            assert_int_equal(sop, op);
                            checked++;
                        }
    assert_true(checked > 300);

    /* TF SAME geometries of input 3, stride 2: an odd total padding crops
     * one more row at the end than at the start, which symmetric PyTorch
     * padding cannot say; the others must resolve to the same axis. */
    static const struct { int k, out, ok, pad, op; } tf_rows[] = {
        {4, 5, -1, 0, 0}, /* total 3: crop 1 and 2 */
        {3, 6, -1, 0, 0}, /* total 1: crop 0 and 1 */
        {2, 5, -1, 0, 0}, /* total 1 */
        {3, 5, 0, 1, 0},  /* total 2: crop 1 and 1 */
        {2, 6, 0, 0, 0},  /* total 0: the source question */
        {1, 6, 0, 0, 1},  /* total clamps to 0: one zero row appended */
    };
    for (size_t i = 0; i < sizeof tf_rows / sizeof tf_rows[0]; i++) {
        ConvParams same = {.stride = {2, 2}, .padding = PAD_SAME};
        ConvGeom g, t;
        Err err = {0};
        int sp = -1, sop = -1;
        assert_row_int(i, geom_conv2d_transpose(&same, (int[4]){1, 1, 3, 3}, 1, tf_rows[i].k,
                                               tf_rows[i].k,
                                               (int[2]){tf_rows[i].out, tf_rows[i].out}, &g,
                                               &err), 0);
        assert_row_int(i, geom_torch_spelling(&g.h, &sp, &sop), tf_rows[i].ok);
        if (tf_rows[i].ok != 0)
            continue;
        assert_row_int(i, sp, tf_rows[i].pad);
        assert_row_int(i, sop, tf_rows[i].op);
        ConvParams torch = {.convention = CONV_TORCH, .stride = {2, 2}, .padding = PAD_EXPLICIT,
                            .pad = {sp, sp, sp, sp}, .output_padding = {sop, sop}};
        assert_row_int(i, geom_conv2d_transpose(&torch, (int[4]){1, 1, 3, 3}, 1, tf_rows[i].k,
                                               tf_rows[i].k, NULL, &t, &err), 0);
        assert_memory_equal(&t.h, &g.h, sizeof t.h);
    }
}

/* op_conv2d_transpose allocates the whole N x Cb x full_h x full_w canvas,
 * so the 2^26-element limit must count batch and channels too: a 1x1 output
 * with a dilated 8x8 kernel has a 7169x7169 canvas per channel. */
static void test_scatter_canvas_limit_counts_batch_and_channels(void **state)
{
    (void)state;
    ConvParams p = {.stride = {1, 1}, .dilation = {1024, 1024}, .padding = PAD_SAME};
    ConvGeom g;
    Err err = {0};
    assert_int_equal(geom_conv2d_transpose(&p, (int[4]){1, 1, 1, 1}, 1, 8, 8, (int[2]){1, 1}, &g,
                                           &err), 0);
    assert_int_equal(g.h.full, 7169);
    assert_true(geom_full_count(&g) <= ((size_t)1 << 26));
    expect_transpose_error(&p, (int[4]){1, 1, 1, 1}, 16, 8, 8, (int[2]){1, 1}, TC_ERR_LIMIT,
                           "the scatter canvas [1,16,7169,7169] has more than 67108864 elements");
    expect_transpose_error(&p, (int[4]){2, 1, 1, 1}, 1, 8, 8, (int[2]){1, 1}, TC_ERR_LIMIT,
                           "the scatter canvas [2,1,7169,7169] has more than 67108864 elements");
    /* One plane alone past the limit: 8193^2 = 2^26 + 16385. */
    expect_transpose_error(&p, (int[4]){1, 1, 1, 1}, 1, 9, 9, (int[2]){1, 1}, TC_ERR_LIMIT,
                           "the scatter canvas [1,1,8193,8193] has more than 67108864 elements");
}

/* The source question's geometry, as the header documents it. */
static void test_source_example_geometry_has_no_crop(void **state)
{
    (void)state;
    ConvParams p = {.convention = CONV_TF, .stride = {2, 2}, .padding = PAD_SAME};
    ConvGeom g;
    Err err = {0};
    assert_int_equal(geom_conv2d_transpose(&p, (int[4]){1, 1, 3, 3}, 1, 2, 2, (int[2]){6, 6}, &g,
                                           &err), 0);
    assert_int_equal(g.h.conv_in, 6);
    assert_int_equal(g.h.conv_out, 3);
    assert_int_equal(g.h.full, 6);
    assert_int_equal(g.h.pad_before, 0);
    assert_int_equal(g.h.crop_after, 0);
    assert_int_equal(g.c_conv_in, 1);
    assert_int_equal(g.c_conv_out, 1);
    int sp, sop;
    assert_int_equal(geom_torch_spelling(&g.w, &sp, &sop), 0);
    assert_int_equal(sp, 0);
    assert_int_equal(sop, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_conv2d_axis_table_puts_odd_same_padding_at_the_bottom),
        cmocka_unit_test(test_conv2d_channels_and_groups_are_recorded),
        cmocka_unit_test(test_tf_legal_range_same_and_valid_match_the_readme_formulas),
        cmocka_unit_test(test_tf_size_is_legal_iff_forward_conv_gives_back_input),
        cmocka_unit_test(test_illegal_tf_output_shape_names_the_legal_range),
        cmocka_unit_test(test_torch_output_padding_must_be_below_max_of_stride_and_dilation),
        cmocka_unit_test(test_groups_must_divide_both_channel_counts),
        cmocka_unit_test(test_parameter_errors_name_the_field),
        cmocka_unit_test(test_tf_empty_input_has_a_legal_output_range),
        cmocka_unit_test(test_negative_transpose_output_size_is_refused),
        cmocka_unit_test(test_negative_crop_appends_zero_rows_past_the_scatter),
        cmocka_unit_test(test_keras_default_output_size_when_no_size_is_given),
        cmocka_unit_test(test_torch_spelling_round_trips_and_refuses_odd_same_padding),
        cmocka_unit_test(test_scatter_canvas_limit_counts_batch_and_channels),
        cmocka_unit_test(test_source_example_geometry_has_no_crop),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
