/* test_shape_claims.c - `tcviz shape`'s "equivalent" claims, tested the way
 * the reference cases test numbers: every spelling it would print for the
 * other framework is run through the core and must give the layer's output,
 * over a sweep of conv2d_transpose and conv2d layers in both directions
 * (PyTorch -> TF, TF -> PyTorch); every "none" is brute-forced (every TF
 * padding mode, explicit padding and output size within bounds; every
 * PyTorch padding and output_padding) to show that no single call does. A
 * TF call with dilations > 1 (GPU only) is also run as its CPU spelling:
 * the kernel dilated with zeros, dilation 1. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "cli/cli.h"

typedef struct {
    int checked, none, cpu;
} Tally;

static unsigned next(unsigned *seed)
{
    *seed = *seed * 1103515245u + 12345u;
    return (*seed >> 16) & 0x7fff;
}

/* Small non-zero integers, so any two different layers differ. */
static void fill(Tensor *t, unsigned seed)
{
    for (size_t i = 0; i < tensor_count(t); i++)
        t->data[i] = (float)(1 + (int)(next(&seed) % 5)) * (next(&seed) % 2 ? 1.0f : -1.0f);
}

/* Run spec on canonical x (NCHW) and w (OIHW or IOHW) given in the spec's
 * layouts; *y in NCHW. -1 when the layer is refused. */
static int run(const LayerSpec *spec, const Tensor *x, const Tensor *w, Tensor *y)
{
    Convention c = spec->params.convention;
    Tensor xc = {0}, wc = {0}, out = {0};
    Err err = {0};
    int rc = -1;
    if (tensor_convert(x, layer_data_layout(c), &xc, &err) == 0 &&
        tensor_convert(w, layer_filter_layout(c, spec->op), &wc, &err) == 0) {
        LayerTensors t = {.input = &xc, .filter = &wc};
        if (layer_run(spec, &t, &out, &err) == 0)
            rc = tensor_convert(&out, LAYOUT_NCHW, y, &err);
    }
    tensor_free(&xc);
    tensor_free(&wc);
    tensor_free(&out);
    return rc;
}

static int same_output(const Tensor *a, const Tensor *b)
{
    return memcmp(a->dim, b->dim, sizeof a->dim) == 0 &&
           memcmp(a->data, b->data, tensor_count(a) * sizeof(float)) == 0;
}

/* Does spec give want's output on (x, w) and on a second draw (x2, w2, want2)? */
static int reproduces(const LayerSpec *spec, const Tensor *x, const Tensor *w, const Tensor *want,
                      const Tensor *x2, const Tensor *w2, const Tensor *want2)
{
    Tensor y = {0}, y2 = {0};
    int ok = run(spec, x, w, &y) == 0 && same_output(&y, want) && run(spec, x2, w2, &y2) == 0 &&
             same_output(&y2, want2);
    tensor_free(&y);
    tensor_free(&y2);
    return ok;
}

/* The size argument a TF conv2d_transpose needs: its output, NHWC. */
static void tf_size(LayerSpec *s, const Tensor *want)
{
    memset(s->size, 0, sizeof s->size);
    if (s->op == OP_CONV2D_TRANSPOSE && s->params.convention == CONV_TF) {
        s->size[0] = want->dim[0];
        s->size[1] = want->dim[2];
        s->size[2] = want->dim[3];
        s->size[3] = want->dim[1];
    }
}

/* The CPU spelling of a dilated TF layer: w's taps d apart in a k_eff
 * kernel, dilation 1 (the kernel is canonical: the spatial axes are last). */
static void check_cpu_spelling(const LayerSpec *spec, const Tensor *x, const Tensor *w,
                               const Tensor *want, Tally *t)
{
    int dh = params_dilation(&spec->params, 0), dw = params_dilation(&spec->params, 1);
    if (dh == 1 && dw == 1)
        return;
    Tensor wd = {0}, y = {0};
    Err err = {0};
    int kh = w->dim[2], kw = w->dim[3];
    int dim[4] = {w->dim[0], w->dim[1], dh * (kh - 1) + 1, dw * (kw - 1) + 1};
    assert_int_equal(tensor_init(&wd, w->layout, dim, &err), 0);
    for (int a = 0; a < w->dim[0] * w->dim[1]; a++)
        for (int i = 0; i < kh; i++)
            for (int j = 0; j < kw; j++)
                wd.data[((size_t)a * dim[2] + (size_t)i * dh) * dim[3] + (size_t)j * dw] =
                    w->data[((size_t)a * kh + i) * kw + j];
    LayerSpec cpu = *spec;
    cpu.params.dilation[0] = cpu.params.dilation[1] = 1;
    assert_int_equal(run(&cpu, x, &wd, &y), 0);
    assert_true(same_output(&y, want));
    t->cpu++;
    tensor_free(&wd);
    tensor_free(&y);
}

/* One layer: its claimed equivalent reproduces it, or nothing does. */
static void check_layer(const LayerSpec *spec, const int x_nchw[4], const int w_dim[4], Tally *t)
{
    Layout wl = spec->op == OP_CONV2D_TRANSPOSE ? LAYOUT_IOHW : LAYOUT_OIHW;
    Tensor x = {0}, w = {0}, x2 = {0}, w2 = {0}, y = {0}, y2 = {0};
    Err err = {0};
    assert_int_equal(tensor_init(&x, LAYOUT_NCHW, x_nchw, &err), 0);
    assert_int_equal(tensor_init(&w, wl, w_dim, &err), 0);
    assert_int_equal(tensor_init(&x2, LAYOUT_NCHW, x_nchw, &err), 0);
    assert_int_equal(tensor_init(&w2, wl, w_dim, &err), 0);
    fill(&x, 1u + (unsigned)t->checked);
    fill(&w, 7u + (unsigned)t->checked);
    fill(&x2, 13u + (unsigned)t->checked);
    fill(&w2, 29u + (unsigned)t->checked);
    if (run(spec, &x, &w, &y) != 0 || run(spec, &x2, &w2, &y2) != 0)
        goto done; /* not a layer of this convention */
    Tensor xc = {0}, wc = {0};
    Convention c = spec->params.convention;
    assert_int_equal(tensor_convert(&x, layer_data_layout(c), &xc, &err), 0);
    assert_int_equal(tensor_convert(&w, layer_filter_layout(c, spec->op), &wc, &err), 0);
    LayerTensors lt = {.input = &xc, .filter = &wc};
    ConvGeom g;
    assert_int_equal(layer_resolve(spec, &lt, &g, &err), 0);
    tensor_free(&xc);
    tensor_free(&wc);
    t->checked++;
    if (c == CONV_TF)
        check_cpu_spelling(spec, &x, &w, &y, t);

    LayerSpec eq;
    char why[160];
    if (cli_shape_equivalent(spec, &g, &eq, why, sizeof why) == 0) {
        tf_size(&eq, &y);
        if (!reproduces(&eq, &x, &w, &y, &x2, &w2, &y2))
            fail_msg("the printed %s equivalent of a %s %s layer (in %dx%d, k %dx%d, s %d, d %d) "
                     "does not reproduce it",
                     c == CONV_TF ? "PyTorch" : "TF", c == CONV_TF ? "TF" : "PyTorch",
                     op_name(spec->op), x_nchw[2], x_nchw[3], w_dim[2], w_dim[3],
                     g.w.stride, g.w.dil);
        if (eq.params.convention == CONV_TF)
            check_cpu_spelling(&eq, &x, &w, &y, t);
        goto done;
    }
    /* "none": no single call of the other framework gives this output. */
    t->none++;
    LayerSpec cand = *spec;
    memset(&cand.params, 0, sizeof cand.params);
    for (int a = 0; a < 2; a++) {
        cand.params.stride[a] = params_stride(&spec->params, a);
        cand.params.dilation[a] = params_dilation(&spec->params, a);
    }
    int bound = g.w.k_eff + g.w.stride + 2;
    if (c == CONV_TORCH) {
        cand.params.convention = CONV_TF;
        tf_size(&cand, &y);
        for (int m = 0; m < 3; m++) {
            cand.params.padding = (PadMode)m;
            int n = m == PAD_EXPLICIT ? bound : 1;
            for (int pt = 0; pt < n; pt++)
                for (int pb = 0; pb < n; pb++)
                    for (int pl = 0; pl < n; pl++)
                        for (int pr = 0; pr < n; pr++) {
                            int pads[4] = {pt, pb, pl, pr};
                            memcpy(cand.params.pad, pads, sizeof pads);
                            if (reproduces(&cand, &x, &w, &y, &x2, &w2, &y2))
                                fail_msg("'none' is false (%s): TF padding mode %d [%d,%d,%d,%d] "
                                         "reproduces it",
                                         why, m, pt, pb, pl, pr);
                        }
        }
    } else {
        cand.params.convention = CONV_TORCH;
        int lim_h = g.h.stride > g.h.dil ? g.h.stride : g.h.dil;
        int lim_w = g.w.stride > g.w.dil ? g.w.stride : g.w.dil;
        int transpose = spec->op == OP_CONV2D_TRANSPOSE;
        for (int ph = 0; ph < bound; ph++)
            for (int pw = 0; pw < bound; pw++)
                for (int oh = 0; oh < (transpose ? lim_h : 1); oh++)
                    for (int ow = 0; ow < (transpose ? lim_w : 1); ow++) {
                        params_set_torch_padding(&cand.params, ph, pw);
                        cand.params.output_padding[0] = oh;
                        cand.params.output_padding[1] = ow;
                        if (reproduces(&cand, &x, &w, &y, &x2, &w2, &y2))
                            fail_msg("'none' is false (%s) for TF %s in %d, k %d, s %d, d %d, "
                                     "padding %s [%d,%d], out %d: PyTorch padding (%d, %d), "
                                     "output_padding (%d, %d) reproduces it",
                                     why, op_name(spec->op), g.w.conv_out, g.w.k, g.w.stride,
                                     g.w.dil, pad_mode_name(spec->params.padding),
                                     spec->params.pad[2], spec->params.pad[3], g.w.conv_in, ph, pw,
                                     oh, ow);
                    }
    }
done:
    tensor_free(&x);
    tensor_free(&w);
    tensor_free(&x2);
    tensor_free(&w2);
    tensor_free(&y);
    tensor_free(&y2);
}

/* PyTorch layers along W (H fixed at in 2, k 2, s 2): every padding and
 * output_padding PyTorch takes. */
static void test_pytorch_layers_and_their_tf_claims(void **state)
{
    (void)state;
    Tally t = {0};
    for (int op = 0; op < 2; op++)
        for (int in = 1; in <= 4; in++)
            for (int k = 1; k <= 3; k++)
                for (int s = 1; s <= 3; s++)
                    for (int d = 1; d <= 3; d++)
                        for (int p = 0; p <= 2; p++)
                            for (int o = 0; o < (op ? 1 : (s > d ? s : d)); o++) {
                                LayerSpec spec = {.op = op ? OP_CONV2D : OP_CONV2D_TRANSPOSE};
                                spec.params = (ConvParams){.convention = CONV_TORCH,
                                                           .stride = {2, s},
                                                           .dilation = {1, d},
                                                           .output_padding = {0, o}};
                                params_set_torch_padding(&spec.params, 0, p);
                                int x[4] = {1, 1, op ? 4 : 2, op ? in + 3 : in};
                                int w[4] = {1, 1, 2, k};
                                check_layer(&spec, x, w, &t);
                            }
    print_message("PyTorch -> TF: %d layers, %d printed spellings reproduce them, %d 'none' "
                  "brute-forced, %d CPU spellings of dilated TF calls\n",
                  t.checked, t.checked - t.none, t.none, t.cpu);
    assert_true(t.checked > 500);
}

/* TF layers along W: SAME, VALID and explicit padding, every legal output
 * size of the transposed conv. */
static void test_tf_layers_and_their_pytorch_claims(void **state)
{
    (void)state;
    Tally t = {0};
    for (int op = 0; op < 2; op++)
        for (int in = 1; in <= 4; in++)
            for (int k = 1; k <= 3; k++)
                for (int s = 1; s <= 3; s++)
                    for (int d = 1; d <= 2; d++)
                        for (int m = 0; m < 5; m++) {
                            LayerSpec spec = {.op = op ? OP_CONV2D : OP_CONV2D_TRANSPOSE};
                            spec.params = (ConvParams){.convention = CONV_TF,
                                                       .stride = {2, s},
                                                       .dilation = {1, d}};
                            /* VALID, SAME, then explicit [0,1] and [2,0] on W */
                            spec.params.padding = m < 2 ? (PadMode)m : PAD_EXPLICIT;
                            spec.params.pad[2] = m == 4 ? 2 : 0;
                            spec.params.pad[3] = m == 3 ? 1 : 0;
                            int w[4] = {1, 1, 2, k};
                            if (op) {
                                int x[4] = {1, 1, 4, in + 2};
                                check_layer(&spec, x, w, &t);
                                continue;
                            }
                            int lo, hi;
                            if (geom_tf_legal_range(&spec.params, 1, in, k, &lo, &hi) != 0)
                                continue;
                            for (int out = lo < 1 ? 1 : lo; out <= hi; out++) {
                                int x[4] = {1, 1, 2, in};
                                spec.size[0] = 1;
                                spec.size[2] = out;
                                spec.size[3] = 1;
                                int hlo, hhi;
                                geom_tf_legal_range(&spec.params, 0, 2, 2, &hlo, &hhi);
                                spec.size[1] = hlo;
                                check_layer(&spec, x, w, &t);
                            }
                        }
    print_message("TF -> PyTorch: %d layers, %d printed spellings reproduce them, %d 'none' "
                  "brute-forced, %d CPU spellings of dilated TF calls\n",
                  t.checked, t.checked - t.none, t.none, t.cpu);
    assert_true(t.checked > 300);
    assert_true(t.none > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pytorch_layers_and_their_tf_claims),
        cmocka_unit_test(test_tf_layers_and_their_pytorch_claims),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
