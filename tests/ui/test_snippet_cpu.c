/* test_snippet_cpu.c - the code view's GPU-only note. TF's CPU kernels
 * refuse conv2d_transpose with dilations > 1, so every TF snippet whose call
 * has them says so and gives the CPU spelling beside it (commented out): the
 * kernel dilated with zeros and dilation 1. Over a sweep of dilated 1-D and
 * 2-D layers in both conventions, both calls are read back out of the
 * snippet and run through the core on the same tensors (the CPU one on the
 * kernel its printed line makes): they must give the same numbers. Keras
 * hands dilation_rate to the same kernels: a dilated Keras layer gets the
 * note too, and its CPU layer is its own call with kernel size k_eff and no
 * dilation_rate (Keras sizes both alike). An undilated layer's snippet has
 * no note. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "../common/tf_call.h"
#include "core/layer1d.h"
#include "ui/snippet.h"

static unsigned next(unsigned *seed)
{
    *seed = *seed * 1103515245u + 12345u;
    return (*seed >> 16) & 0x7fff;
}

static void fill(Tensor *t, unsigned seed)
{
    for (size_t i = 0; i < tensor_count(t); i++)
        t->data[i] = (float)(1 + (int)(next(&seed) % 5)) * (next(&seed) % 2 ? 1.0f : -1.0f);
}

/* The snippet's call and its CPU spelling give the same numbers. */
static void check_cpu_spelling(const char *text, const ConvGeom *g, unsigned seed)
{
    char gpu_text[1024], cpu_text[1024];
    TfCall gpu, cpu;
    const char *note = strstr(text, "# GPU only: TF's CPU kernels refuse dilations > 1.");
    if (!note)
        fail_msg("no GPU-only note in:\n%s", text);
    /* The GPU call is the code before the note; the CPU one follows it. */
    const char *code = text;
    while ((code = strstr(code, "tf.nn.conv")) && code < note) {
        const char *line = code;
        while (line > text && line[-1] != '\n')
            line--;
        if (*line != '#')
            break;
        code++;
    }
    assert_non_null(code);
    assert_true(code < note);
    assert_non_null(tf_call_find(code, NULL, "tf.nn.conv", gpu_text, sizeof gpu_text));
    assert_non_null(tf_call_find(note, NULL, "tf.nn.conv", cpu_text, sizeof cpu_text));
    if (tf_call_parse(gpu_text, &gpu) != 0 || tf_call_parse(cpu_text, &cpu) != 0)
        fail_msg("unreadable calls '%s' / '%s' in:\n%s", gpu_text, cpu_text, text);
    assert_true(gpu.p.dilation[0] > 1 || gpu.p.dilation[1] > 1);
    assert_int_equal(cpu.p.dilation[0], 1);
    assert_int_equal(cpu.p.dilation[1], 1);
    assert_null(strstr(cpu_text, "dilations="));
    assert_non_null(strstr(cpu_text, "wd"));
    int k_eff[2], d[2];
    const char *kline = strstr(note, "np.zeros((");
    if (!kline || tf_call_kernel_line(kline, k_eff, d) != 0)
        fail_msg("no readable kernel line in:\n%s", text);
    assert_int_equal(d[0], gpu.p.dilation[0]);
    assert_int_equal(d[1], gpu.p.dilation[1]);
    assert_int_equal(k_eff[0], g->h.k_eff);
    assert_int_equal(k_eff[1], g->w.k_eff);

    /* One group's tensors, in TF's layouts; a 1-D layer as one row. */
    Tensor x = {0}, w = {0}, wd = {0}, y_gpu = {0}, y_cpu = {0};
    Err err = {0};
    int cin = g->c_conv_out / g->groups, cout = g->c_conv_in / g->groups;
    assert_int_equal(tensor_init(&x, LAYOUT_NHWC, (int[4]){g->n, g->h.conv_out, g->w.conv_out, cin},
                                 &err),
                     0);
    assert_int_equal(tensor_init(&w, LAYOUT_HWOI, (int[4]){g->h.k, g->w.k, cout, cin}, &err), 0);
    fill(&x, seed);
    fill(&w, seed + 7u);
    assert_int_equal(tf_call_dilate(&w, d[0], d[1], &wd), 0);
    if (tf_call_run(&gpu, &x, &w, &y_gpu) != 0 || tf_call_run(&cpu, &x, &wd, &y_cpu) != 0)
        fail_msg("the core refuses '%s' or '%s'", gpu_text, cpu_text);
    assert_memory_equal(y_gpu.dim, y_cpu.dim, sizeof y_gpu.dim);
    assert_memory_equal(y_gpu.data, y_cpu.data, tensor_count(&y_gpu) * sizeof(float));
    tensor_free(&x);
    tensor_free(&w);
    tensor_free(&wd);
    tensor_free(&y_gpu);
    tensor_free(&y_cpu);
}

typedef struct {
    int dims;
    const ConvGeom *g;
} SnippetLayer;

/* The call starting at `at`, its wrapped lines joined with one space (a
 * continuation line's indent, and "#" when the call is commented out,
 * dropped), up to the line that ends with ')'. */
static void joined_call(const char *at, char *buf, size_t cap)
{
    size_t len = 0;
    for (;;) {
        size_t n = strcspn(at, "\n");
        assert_true(len + n + 2 < cap);
        memcpy(buf + len, at, n);
        len += n;
        buf[len] = '\0';
        if (n == 0 || at[n - 1] == ')' || !at[n])
            return;
        at += n + 1;
        if (*at == '#')
            at++;
        while (*at == ' ')
            at++;
        buf[len++] = ' ';
    }
}

/* Without `key`=value (value a number or "(a, b)") and the ", " before it. */
static void drop_arg(char *call, const char *key)
{
    char *p = strstr(call, key);
    if (!p)
        return;
    char *end = p + strlen(key);
    end += *end == '(' ? strcspn(end, ")") + 1 : strspn(end, "0123456789");
    memmove(p - 2, end, strlen(end) + 1);
}

/* A Keras layer with dilation_rate > 1: the note, the kernel dilated to
 * k_eff, and the same layer for CPU, commented out: the layer's own call
 * with kernel size k_eff and no dilation_rate. */
static void check_keras_cpu(const char *text, const SnippetLayer *sl)
{
    const char *note = strstr(text, "# GPU only: TF's CPU kernels refuse dilations > 1. On CPU, "
                                    "the same layer:\n");
    if (!note)
        fail_msg("no GPU-only note in:\n%s", text);
    int k_eff[2], d[2];
    const char *kline = strstr(note, "np.zeros((");
    if (!kline || tf_call_kernel_line(kline, k_eff, d) != 0)
        fail_msg("no readable kernel line in:\n%s", text);
    assert_int_equal(k_eff[0], sl->g->h.k_eff);
    assert_int_equal(k_eff[1], sl->g->w.k_eff);
    assert_int_equal(d[0], sl->g->h.dil);
    assert_int_equal(d[1], sl->g->w.dil);
    char gpu[512], cpu[512], want[512], ksize[32], kd[32];
    const char *at = strstr(text, "\nlayer = tf.keras.layers.Conv");
    assert_non_null(at);
    assert_true(at < note);
    joined_call(at + 1, gpu, sizeof gpu);
    at = strstr(note, "# layer = tf.keras.layers.Conv");
    assert_non_null(at);
    joined_call(at + 2, cpu, sizeof cpu);
    /* the GPU call with its kernel size made k_eff and no dilation_rate */
    if (sl->dims == 1) {
        snprintf(ksize, sizeof ksize, ", %d, ", sl->g->w.k);
        snprintf(kd, sizeof kd, ", %d, ", sl->g->w.k_eff);
    } else {
        snprintf(ksize, sizeof ksize, ", (%d, %d), ", sl->g->h.k, sl->g->w.k);
        snprintf(kd, sizeof kd, ", (%d, %d), ", sl->g->h.k_eff, sl->g->w.k_eff);
    }
    char *k = strstr(gpu, ksize);
    if (!k)
        fail_msg("no kernel size '%s' in '%s'", ksize, gpu);
    snprintf(want, sizeof want, "%.*s%s%s", (int)(k - gpu), gpu, kd, k + strlen(ksize));
    drop_arg(want, "dilation_rate=");
    assert_string_equal(cpu, want);
    assert_non_null(strstr(note, "# layer.build(x.shape); layer.set_weights([wd"));
}

typedef struct {
    int layers, noted, keras_noted;
} Tally;

static void check_layer(const LayerSpec *spec, int in, int c, int k, const int *out_hw, Tally *t)
{
    ConvGeom g;
    int two = spec->dims != 1, groups = params_groups(&spec->params);
    int in_nchw[4] = {1, c * groups, two ? 2 : 1, in};
    if (geom_conv2d_transpose(&spec->params, in_nchw, c * groups, two ? 2 : 1, k, out_hw, &g,
                              NULL) != 0 ||
        g.h.conv_in < 1 || g.w.conv_in < 1)
        return;
    t->layers++;
    int dilated = g.h.dil > 1 || g.w.dil > 1;
    for (int kind = SNIPPET_TF; kind <= SNIPPET_KERAS; kind++) {
        Snippet sn;
        Err err = {0};
        if (snippet_build((SnippetKind)kind, spec, &g, 0, &sn, &err) != 0)
            fail_msg("%s", err.msg);
        int tf_lines = kind == SNIPPET_TF || strstr(sn.text, "cannot express") != NULL;
        int noted = strstr(sn.text, "GPU only") != NULL;
        if (noted != dilated)
            fail_msg("dilation %d, GPU-only note %d:\n%s", g.w.dil, noted, sn.text);
        if (!tf_lines) { /* a Keras layer, not a tf.nn call */
            if (noted)
                check_keras_cpu(sn.text, &(SnippetLayer){spec->dims == 1 ? 1 : 2, &g});
            t->keras_noted += noted;
            continue;
        }
        if (noted)
            check_cpu_spelling(sn.text, &g, (unsigned)t->layers);
        t->noted += noted;
    }
}

static void test_sweep(void **state)
{
    (void)state;
    Tally t = {0};
    for (int dims = 1; dims <= 2; dims++)
        for (int in = 1; in <= 3; in++)
            for (int k = 1; k <= 3; k++)
                for (int s = 1; s <= 2; s++)
                    for (int d = 1; d <= 3; d++)
                        for (int groups = 1; groups <= 2; groups++) {
                            for (int pad = 0; pad <= 2; pad++)
                                for (int op = 0; op < (s > d ? s : d); op++) {
                                    LayerSpec spec = {.op = OP_CONV2D_TRANSPOSE, .dims = dims};
                                    layer1d_params(&spec.params, CONV_TORCH, s, d, PAD_EXPLICIT,
                                                   pad, pad, op);
                                    spec.params.groups = groups;
                                    if (dims == 2)
                                        spec.params.dilation[0] = d;
                                    check_layer(&spec, in, 2, k, NULL, &t);
                                }
                            if (groups > 1)
                                continue;
                            for (int m = 0; m < 3; m++) {
                                LayerSpec spec = {.op = OP_CONV2D_TRANSPOSE, .dims = dims};
                                layer1d_params(&spec.params, CONV_TF, s, d,
                                               m == 0 ? PAD_SAME : m == 1 ? PAD_VALID
                                                                          : PAD_EXPLICIT,
                                               m == 2, 0, 0);
                                int lo, hi, hlo = 1, hhi;
                                if (geom_tf_legal_range(&spec.params, 1, in, k, &lo, &hi) != 0 ||
                                    (dims == 2 &&
                                     geom_tf_legal_range(&spec.params, 0, 2, 2, &hlo, &hhi) != 0))
                                    continue;
                                for (int out = lo; out <= hi; out++)
                                    check_layer(&spec, in, 2, k, (int[2]){hlo, out}, &t);
                            }
                        }
    print_message("%d layers, %d TF snippets with a GPU-only call and their CPU spelling, the "
                  "same numbers; %d Keras layers with theirs\n",
                  t.layers, t.noted, t.keras_noted);
    assert_true(t.noted > 500);
    assert_true(t.keras_noted > 50);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sweep),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
