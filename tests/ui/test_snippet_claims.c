/* test_snippet_claims.c - the code view and `tcviz shape` give the same
 * verdict on "one call of the other framework reproduces this layer", and
 * the same call, over a sweep of 1-D and 2-D transposed convs in both
 * conventions: a PyTorch layer's TF snippet holds every argument `shape`
 * prints for its TF equivalent, and a TF layer's PyTorch snippets hold
 * every keyword argument (stride, padding, output_padding, groups,
 * dilation) of `shape`'s PyTorch equivalent, spelled as it spells them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/layer1d.h"
#include "core/vocab.h"
#include "ui/snippet.h"

typedef struct {
    int layers, one_call, none;
} Tally;

static void check_layer(const LayerSpec *spec, int in, int c, int k, int out, Tally *t)
{
    ConvGeom g;
    int two = spec->dims != 1;
    int in_nchw[4] = {1, c * params_groups(&spec->params), two ? 2 : 1, in};
    int out_hw[2] = {0, out};
    if (spec->params.convention == CONV_TF) {
        int lo, hi;
        if (geom_tf_legal_range(&spec->params, 0, in_nchw[2], two ? 2 : 1, &lo, &hi) != 0)
            return;
        out_hw[0] = lo;
    }
    if (geom_conv2d_transpose(&spec->params, in_nchw, in_nchw[1], two ? 2 : 1, k,
                              spec->params.convention == CONV_TF ? out_hw : NULL, &g, NULL) != 0 ||
        g.h.conv_in < 1 || g.w.conv_in < 1)
        return; /* not a layer, or an empty one the window refuses */
    t->layers++;
    LayerSpec eq;
    char why[160];
    int shape_one = cli_shape_equivalent(spec, &g, &eq, why, sizeof why) == 0;
    t->one_call += shape_one;
    t->none += !shape_one;
    int to_tf = spec->params.convention == CONV_TORCH;
    const SnippetKind kinds[2] = {to_tf ? SNIPPET_TF : SNIPPET_TORCH, SNIPPET_TORCH_F};
    for (int i = 0; i < (to_tf ? 1 : 2); i++) {
        Snippet sn;
        Err err = {0};
        if (snippet_build(kinds[i], spec, &g, 0, &sn, &err) != 0)
            fail_msg("%s: %s", snippet_kind_name(kinds[i]), err.msg);
        if (sn.single_call != shape_one)
            fail_msg("shape says %s (%s), the %s snippet says %s one call:\n%s",
                     shape_one ? "one call" : "none", shape_one ? "" : why,
                     snippet_kind_name(kinds[i]), sn.single_call ? "" : "no", sn.text);
        if (!shape_one)
            continue;
        char want[VOCAB_MAX_ARGS][160];
        int n = 0;
        if (to_tf) { /* the snippet's TF call is shape's, argument for argument */
            VocabArg args[VOCAB_MAX_ARGS];
            const char *name;
            n = vocab_call(&eq, &g, 0, args, &name);
            for (int a = 0; a < n; a++)
                snprintf(want[a], sizeof want[a], "%s", args[a].s);
            snprintf(want[n++], sizeof want[0], "%s(", name);
        } else { /* every keyword argument of shape's PyTorch call, as it spells it */
            VocabArg args[VOCAB_MAX_ARGS];
            n = vocab_torch_options(&eq, &g, args);
            for (int a = 0; a < n; a++)
                snprintf(want[a], sizeof want[a], "%s", args[a].s);
        }
        for (int a = 0; a < n; a++)
            if (!strstr(sn.text, want[a]))
                fail_msg("shape's '%s' is not in the %s snippet:\n%s", want[a],
                         snippet_kind_name(kinds[i]), sn.text);
    }
}

static void test_pytorch_layers(void **state)
{
    (void)state;
    Tally t = {0};
    for (int dims = 1; dims <= 2; dims++)
        for (int in = 1; in <= 4; in++)
            for (int k = 1; k <= 3; k++)
                for (int s = 1; s <= 3; s++)
                    for (int d = 1; d <= 3; d++)
                        for (int p = 0; p <= 2; p++)
                            for (int o = 0; o < (s > d ? s : d); o++)
                                for (int groups = 1; groups <= 2; groups++) {
                                    LayerSpec spec = {.op = OP_CONV2D_TRANSPOSE, .dims = dims};
                                    layer1d_params(&spec.params, CONV_TORCH, s, d, PAD_EXPLICIT, p,
                                                   p, o);
                                    if (dims == 2) {
                                        spec.params.stride[0] = 2;
                                        spec.params.pad[0] = spec.params.pad[1] = 0;
                                    }
                                    spec.params.groups = groups;
                                    check_layer(&spec, in, 2, k, 0, &t);
                                }
    print_message("PyTorch layers: %d, %d with one TF call, %d none, the same in shape and the "
                  "code view\n",
                  t.layers, t.one_call, t.none);
    assert_true(t.layers > 1000);
    assert_true(t.one_call > 0 && t.none > 0);
}

static void test_tf_layers(void **state)
{
    (void)state;
    Tally t = {0};
    for (int dims = 1; dims <= 2; dims++)
        for (int in = 1; in <= 4; in++)
            for (int k = 1; k <= 3; k++)
                for (int s = 1; s <= 3; s++)
                    for (int d = 1; d <= 2; d++)
                        for (int m = 0; m < 4; m++) {
                            LayerSpec spec = {.op = OP_CONV2D_TRANSPOSE, .dims = dims};
                            /* SAME, VALID, explicit (1, 0) and (0, 2) on W */
                            layer1d_params(&spec.params, CONV_TF, s, d,
                                           m == 0 ? PAD_SAME : m == 1 ? PAD_VALID : PAD_EXPLICIT,
                                           m == 2, m == 3 ? 2 : 0, 0);
                            if (dims == 2)
                                spec.params.stride[0] = 2;
                            int lo, hi;
                            if (geom_tf_legal_range(&spec.params, 1, in, k, &lo, &hi) != 0)
                                continue;
                            for (int out = lo; out <= hi; out++)
                                check_layer(&spec, in, 1, k, out, &t);
                        }
    print_message("TF layers: %d, %d with one PyTorch call, %d none, the same in shape and the "
                  "code view\n",
                  t.layers, t.one_call, t.none);
    assert_true(t.layers > 500);
    assert_true(t.one_call > 0 && t.none > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pytorch_layers),
        cmocka_unit_test(test_tf_layers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
