/* test_snippet_1d.c - the code panel's 1-D calls and whole chains.
 *
 * A 1-D layer must be spelled with the 1-D calls (tf.nn.conv1d_transpose,
 * Conv1DTranspose, nn.ConvTranspose1d, F.conv_transpose1d) and no 2-D
 * leftovers. A sweep over kernel, stride, dilation, padding and output
 * sizes in both conventions reads every number back out of each snippet
 * and resolves it with the core's geometry in the snippet's framework: the
 * result must be the layer's own output length and crop. A chain's snippet
 * is cut at its "# stage k" lines and each stage is checked the same way
 * against the stage's output in the core's run of the chain. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/geom.h"
#include "core/layer1d.h"
#include "core/stack.h"
#include "ui/snippet.h"
#include "snippet_read.h"

/* ---- reading numbers back -------------------------------------------------------- */

/* One size per axis: "2" (both), "(2, 1)" or TF's "[2, 1]"; 0 if absent. */
static int read_sizes(const char *text, const char *key, int dims, int v[2])
{
    const char *p = find_key(text, key);
    if (!p)
        return 0;
    p += strlen(key);
    if (dims == 2 && sscanf(p, "(%d, %d)", &v[0], &v[1]) == 2)
        return 1;
    if (sscanf(p, "[%d, %d]", &v[0], &v[1]) == 2) /* TF's pair, also of a one-row conv2d */
        return 1;
    if (sscanf(p, "%d", &v[1]) != 1)
        fail_msg("cannot read %s in:\n%s", key, text);
    v[0] = dims == 1 ? 1 : v[1];
    return 1;
}

/* The layer a snippet must reproduce, per axis ([0] H, [1] W). */
typedef struct {
    int dims, in[2], k[2], s[2], d[2], out[2], pad_before[2], full[2], c_out, groups;
} Target;

static Target target_of(int dims, const ConvGeom *g)
{
    Target t = {.dims = dims, .c_out = g->c_conv_in, .groups = g->groups};
    const AxisGeom *ax[2] = {&g->h, &g->w};
    for (int a = 0; a < 2; a++) {
        t.in[a] = ax[a]->conv_out;
        t.k[a] = ax[a]->k;
        t.s[a] = ax[a]->stride;
        t.d[a] = ax[a]->dil;
        t.out[a] = ax[a]->conv_in;
        t.pad_before[a] = ax[a]->pad_before;
        t.full[a] = ax[a]->full;
    }
    return t;
}

static int resolve(const Target *t, const ConvParams *p, const int out[2], ConvGeom *g)
{
    return geom_conv2d_transpose(p, (int[4]){1, t->groups, t->in[0], t->in[1]}, t->groups,
                                 t->k[0], t->k[1], out, g, NULL);
}

static void same_layer(const Target *t, const ConvGeom *g, const char *text)
{
    for (int a = 2 - t->dims; a < 2; a++)
        if (g->w.conv_in != t->out[1] || g->w.pad_before != t->pad_before[1] ||
            g->h.conv_in != t->out[0] || g->h.pad_before != t->pad_before[0])
            fail_msg("the snippet gives %dx%d (crop %d,%d), the layer is %dx%d (crop %d,%d):\n%s",
                     g->h.conv_in, g->w.conv_in, g->h.pad_before, g->w.pad_before, t->out[0],
                     t->out[1], t->pad_before[0], t->pad_before[1], text);
}

/* TF's 1-D calls take 'SAME' or 'VALID' only: explicit padding is the
 * one-row conv2d that tf.nn.conv1d is built on, x[:, None] and w[None]. */
static int one_row(const char *text)
{
    return find_key(text, "tf.nn.conv2d_transpose(") != NULL && strstr(text, "[:, None]") != NULL;
}

static void check_sd(const char *text, const Target *t, const char *skey, const char *dkey)
{
    int s[2], d[2] = {1, 1};
    assert_true(read_sizes(text, skey, t->dims, s));
    read_sizes(text, dkey, t->dims, d);
    assert_int_equal(s[0], t->s[0]);
    assert_int_equal(s[1], t->s[1]);
    assert_int_equal(d[0], t->d[0]);
    assert_int_equal(d[1], t->d[1]);
}

static void check_tf(const char *text, const Target *t)
{
    check_sd(text, t, "strides=", "dilations=");
    int sh[4], out[2];
    const char *os = find_key(text, "output_shape=");
    assert_non_null(os);
    if (t->dims == 1 && one_row(text)) {
        assert_int_equal(sscanf(os, "output_shape=[%d, 1, %d, %d]", &sh[0], &sh[1], &sh[2]), 3);
        out[0] = 1, out[1] = sh[1];
    } else if (t->dims == 1) {
        assert_int_equal(sscanf(os, "output_shape=[%d, %d, %d]", &sh[0], &sh[1], &sh[2]), 3);
        out[0] = 1, out[1] = sh[1];
    } else {
        assert_int_equal(sscanf(os, "output_shape=[%d, %d, %d, %d]", &sh[0], &sh[1], &sh[2], &sh[3]),
                         4);
        out[0] = sh[1], out[1] = sh[2];
    }
    ConvParams p = {.convention = CONV_TF, .stride = {t->s[0], t->s[1]},
                    .dilation = {t->d[0], t->d[1]}};
    const char *pm = find_key(text, "padding=");
    assert_non_null(pm);
    if (strncmp(pm, "padding='SAME'", 14) == 0)
        p.padding = PAD_SAME;
    else if (strncmp(pm, "padding='VALID'", 15) == 0)
        p.padding = PAD_VALID;
    else if ((t->dims == 2 || one_row(text)) &&
             sscanf(pm, "padding=[[0, 0], [%d, %d], [%d, %d], [0, 0]]", &p.pad[0], &p.pad[1],
                    &p.pad[2], &p.pad[3]) == 4)
        p.padding = PAD_EXPLICIT;
    else
        fail_msg("unreadable padding in:\n%s", text);
    ConvGeom g;
    if (resolve(t, &p, out, &g) != 0)
        fail_msg("TF rejects its own snippet:\n%s", text);
    const char *crop = strstr(text, "y = y[:, ");
    if (!crop) {
        same_layer(t, &g, text);
        return;
    }
    /* VALID to the whole scatter, zero columns appended, then the window. */
    int a0 = 0, a1 = 1, b0, b1, extra = 0;
    assert_int_equal(p.padding, PAD_VALID);
    assert_int_equal(g.w.conv_in, t->full[1]);
    if (t->dims == 1) {
        const char *pl = strstr(text, "y = tf.pad(y, ");
        if (pl)
            assert_int_equal(sscanf(pl, "y = tf.pad(y, [[0, 0], [0, %d], [0, 0]])", &extra), 1);
        assert_int_equal(sscanf(crop, "y = y[:, %d:%d, :]", &b0, &b1), 2);
    } else {
        assert_int_equal(sscanf(crop, "y = y[:, %d:%d, %d:%d, :]", &a0, &a1, &b0, &b1), 4);
        assert_int_equal(a0, t->pad_before[0]);
        assert_int_equal(a1 - a0, t->out[0]);
    }
    assert_int_equal(b0, t->pad_before[1]);
    assert_int_equal(b1 - b0, t->out[1]);
    assert_true(b1 <= t->full[1] + extra);
}

static void check_torch(const char *text, const Target *t)
{
    int pad[2], op[2], groups = 1;
    check_sd(text, t, "stride=", "dilation=");
    assert_true(read_sizes(text, "padding=", t->dims, pad));
    assert_true(read_sizes(text, "output_padding=", t->dims, op));
    const char *gp = find_key(text, "groups=");
    if (gp)
        assert_int_equal(sscanf(gp, "groups=%d", &groups), 1);
    assert_int_equal(groups, t->groups);
    if (t->dims == 1)
        pad[0] = op[0] = 0;
    ConvParams p = {.convention = CONV_TORCH, .stride = {t->s[0], t->s[1]},
                    .dilation = {t->d[0], t->d[1]}, .padding = PAD_EXPLICIT,
                    .pad = {pad[0], pad[0], pad[1], pad[1]}, .output_padding = {op[0], op[1]},
                    .groups = groups};
    ConvGeom g;
    if (resolve(t, &p, NULL, &g) != 0)
        fail_msg("PyTorch rejects its own snippet:\n%s", text);
    const char *crop = strstr(text, "[:, :, ");
    if (!crop) {
        same_layer(t, &g, text);
        return;
    }
    int a0 = 0, a1 = 1, b0, b1;
    if (t->dims == 1)
        assert_int_equal(sscanf(crop, "[:, :, %d:%d]", &b0, &b1), 2);
    else
        assert_int_equal(sscanf(crop, "[:, :, %d:%d, %d:%d]", &a0, &a1, &b0, &b1), 4);
    assert_int_equal(pad[1], 0);
    assert_int_equal(b0, t->pad_before[1]);
    assert_int_equal(b1 - b0, t->out[1]);
    assert_true(b1 <= g.w.conv_in && a1 <= g.h.conv_in);
}

/* Keras's documented output length (deconv_output_length). */
static int keras_length(int in, int k, int d, int s, int same, int has_op, int op)
{
    int ke = d * (k - 1) + 1;
    if (!has_op)
        return same ? in * s : in * s + (ke - s > 0 ? ke - s : 0);
    return (in - 1) * s + ke - (same ? 2 * (ke / 2) : 0) + op;
}

static void check_keras_layer(const char *text, const Target *t)
{
    check_sd(text, t, "strides=", "dilation_rate=");
    int op[2] = {0, 0}, out[2];
    int has_op = read_sizes(text, "output_padding=", t->dims, op);
    if (t->dims == 1)
        op[0] = 0; /* the one-row H axis */
    const char *pm = find_key(text, "padding='");
    assert_non_null(pm);
    int same = strncmp(pm, "padding='same'", 14) == 0;
    for (int a = 0; a < 2; a++) {
        if (has_op)
            assert_true(op[a] >= 0 && op[a] < t->s[a]);
        out[a] = keras_length(t->in[a], t->k[a], t->d[a], t->s[a], same, has_op, op[a]);
    }
    ConvParams p = {.convention = CONV_TF, .stride = {t->s[0], t->s[1]},
                    .dilation = {t->d[0], t->d[1]}, .padding = same ? PAD_SAME : PAD_VALID};
    ConvGeom g;
    if (resolve(t, &p, out, &g) != 0)
        fail_msg("Keras's size is not legal:\n%s", text);
    same_layer(t, &g, text);
}

static void check_keras(const char *text, const Target *t)
{
    if (strstr(text, "cannot express")) {
        /* then the TF spelling follows */
        check_tf(text, t);
        return;
    }
    check_keras_layer(text, t);
}

/* No 2-D words outside the one-row conv2d (its call's first line holds
 * x[:, None], its continuations are indented; Keras's note may name it). */
static void no_2d(const char *text)
{
    static const char *const words[] = {"2d", "2D", "NHWC", "NCHW", "kh", "[1, 1, 1, ", NULL};
    int in_call = 0; /* on the one-row call's lines, its continuations indented */
    for (const char *line = text; *line; line += strcspn(line, "\n") + (line[strcspn(line, "\n")] != 0)) {
        int n = (int)strcspn(line, "\n");
        char buf[256];
        snprintf(buf, sizeof buf, "%.*s", n, line);
        const char *code = buf + (buf[0] == '#'); /* a commented-out call wraps the same */
        in_call = strstr(buf, "[:, None]") != NULL || (in_call && code[0] == ' ' && code[1] == ' ');
        if (in_call || (one_row(text) && strstr(buf, "tf.nn.conv2d_transpose")))
            continue;
        for (int i = 0; words[i]; i++)
            if (strstr(buf, words[i]))
                fail_msg("a 2-D leftover '%s' in:\n%s", words[i], text);
    }
}

/* ---- 1-D layers -------------------------------------------------------------------- */

static void check_layer_1d(const ConvParams *p, int in, int c, int groups, int k, int out,
                           int bias)
{
    ConvGeom g;
    ConvParams q = *p;
    q.groups = groups;
    if (geom_conv2d_transpose(&q, (int[4]){1, c * groups, 1, in}, c * groups, 1, k,
                              (int[2]){out ? 1 : 0, out}, &g, NULL) != 0)
        return;
    LayerSpec spec = {.op = OP_CONV2D_TRANSPOSE, .params = q, .dims = 1};
    Target t = target_of(1, &g);
    for (int kind = 0; kind < SNIPPET_COUNT; kind++) {
        Snippet sn;
        Err err = {0};
        if (snippet_build((SnippetKind)kind, &spec, &g, bias, &sn, &err) != 0)
            fail_msg("%s: %s", snippet_kind_name((SnippetKind)kind), err.msg);
        check_lines(sn.text);
        no_2d(sn.text);
        int torch = kind == SNIPPET_TORCH || kind == SNIPPET_TORCH_F;
        char yline[64];
        if (torch)
            snprintf(yline, sizeof yline, "# y: NCW [1, %d, %d]\n", t.c_out, t.out[1]);
        else
            snprintf(yline, sizeof yline, "# y: NWC [1, %d, %d]\n", t.out[1], t.c_out);
        if (!strstr(sn.text, yline))
            fail_msg("no '%s' in:\n%s", yline, sn.text);
        static const char *const call[] = {"tf.nn.conv1d_transpose(", "Conv1DTranspose(",
                                           "nn.ConvTranspose1d(", "F.conv_transpose1d("};
        int tf_call = strstr(sn.text, call[0]) != NULL || one_row(sn.text);
        if (kind == SNIPPET_TF ? !tf_call
                               : !strstr(sn.text, call[kind]) && !(kind == SNIPPET_KERAS && tf_call))
            fail_msg("no %s in:\n%s", call[kind], sn.text);
        switch (kind) {
        case SNIPPET_TF: check_tf(sn.text, &t); break;
        case SNIPPET_KERAS: check_keras(sn.text, &t); break;
        default: check_torch(sn.text, &t); break;
        }
    }
}

static void test_seed_1d(void **state)
{
    (void)state;
    ConvParams p;
    layer1d_params(&p, CONV_TF, 2, 1, PAD_SAME, 0, 0, 0);
    ConvGeom g;
    assert_int_equal(geom_conv2d_transpose(&p, (int[4]){1, 1, 1, 3}, 1, 1, 3, (int[2]){1, 6}, &g,
                                           NULL),
                     0);
    LayerSpec spec = {.op = OP_CONV2D_TRANSPOSE, .params = p, .dims = 1};
    Snippet sn;
    Err err = {0};
    assert_int_equal(snippet_build(SNIPPET_TF, &spec, &g, 0, &sn, &err), 0);
    assert_string_equal(sn.text, "import tensorflow as tf\n"
                                 "# x: NWC [1, 3, 1]; w: [k, out, in] = [3, 1, 1]\n"
                                 "y = tf.nn.conv1d_transpose(x, w, output_shape=[1, 6, 1], "
                                 "strides=2, padding='SAME')\n"
                                 "# y: NWC [1, 6, 1]\n");
    assert_int_equal(sn.single_call, 1);
    assert_int_equal(snippet_build(SNIPPET_TORCH, &spec, &g, 1, &sn, &err), 0);
    assert_string_equal(sn.text,
                        "import torch\n"
                        "from torch import nn\n"
                        "# from TF layouts (NumPy arrays): x NWC -> NCW,\n"
                        "# w [k, out, in] -> weight [in, out, k]\n"
                        "x = torch.tensor(x).permute(0, 2, 1)\n"
                        "weight = torch.tensor(w).permute(2, 1, 0)\n"
                        "bias = torch.tensor(b)\n"
                        "# x: NCW [1, 1, 3]; weight: [in, out/groups, k] = [1, 1, 3]\n"
                        "# No single PyTorch spelling: TF crops 0 left, 1 right here\n"
                        "# (SAME with an odd total padding puts the extra column at the end),\n"
                        "# but PyTorch's padding crops both ends equally and output_padding only "
                        "adds\n"
                        "# columns at the end. So: padding=0 for the uncropped 7-long output, "
                        "then slice\n"
                        "# [left:left+W].\n"
                        "conv = nn.ConvTranspose1d(1, 1, 3, stride=2, padding=0, "
                        "output_padding=0, bias=True)\n"
                        "with torch.no_grad(): conv.weight.copy_(weight); conv.bias.copy_(bias)\n"
                        "y = conv(x)[:, :, 0:6]\n"
                        "# y: NCW [1, 1, 6]\n"
                        "y = y.permute(0, 2, 1)  # NWC [1, 6, 1], as TF returns it\n");
    assert_int_equal(sn.single_call, 0);
}

static void test_sweep_1d(void **state)
{
    (void)state;
    for (int in = 1; in <= 4; in++)
        for (int k = 1; k <= 5; k++)
            for (int s = 1; s <= 3; s++)
                for (int d = 1; d <= 2; d++) {
                    for (int m = 0; m < 4; m++) { /* TF: SAME, VALID, explicit L,R */
                        ConvParams p;
                        layer1d_params(&p, CONV_TF, s, d,
                                       m == 0 ? PAD_SAME : m == 1 ? PAD_VALID : PAD_EXPLICIT,
                                       m == 2 ? 1 : 2, m == 2 ? 0 : 1, 0);
                        int lo, hi;
                        if (geom_tf_legal_range(&p, 1, in, k, &lo, &hi) != 0)
                            continue;
                        for (int out = lo; out <= hi; out++)
                            check_layer_1d(&p, in, 2, 1, k, out, (in + out) % 2);
                    }
                    for (int pad = 0; pad <= 2; pad++)
                        for (int op = 0; op < (s > d ? s : d); op++)
                            for (int groups = 1; groups <= 2; groups++) {
                                ConvParams p;
                                layer1d_params(&p, CONV_TORCH, s, d, PAD_EXPLICIT, pad, pad, op);
                                check_layer_1d(&p, in, 2, groups, k, 0, (in + op) % 2);
                            }
                }
}

/* ---- chains ------------------------------------------------------------------------ */

typedef struct {
    StackSpec s;
    Tensor input, filter[STACK_MAX_STAGES];
    StackResult r;
} TestChain;

static void ones(Tensor *t, Layout layout, const int dim[4])
{
    Err err = {0};
    assert_int_equal(tensor_init(t, layout, dim, &err), 0);
    for (size_t i = 0; i < tensor_count(t); i++)
        t->data[i] = 1.0f;
}

/* A chain on a one-channel input of `w` (and `h` rows in 2-D): stage k is a
 * transposed conv of kernel k_[k], stride s_[k] and padding pad[k] when
 * scale[k] is 0, else a resize (bilinear when k_[k] is 1). */
static void chain_make(TestChain *c, Convention cv, int dims, int h, int w, int n,
                       const int k_[], const int s_[], const PadMode pad[], const int scale[])
{
    memset(c, 0, sizeof *c);
    c->s = (StackSpec){.n_stages = n, .dims = dims, .convention = cv};
    Layout dl = layer_data_layout(cv);
    int nchw[4] = {1, 1, dims == 1 ? 1 : h, w}, d4[4];
    Tensor tmp = {.layout = LAYOUT_NCHW, .dim = {1, 1, nchw[2], nchw[3]}};
    (void)tmp;
    Err err = {0};
    Tensor a;
    ones(&a, LAYOUT_NCHW, nchw);
    assert_int_equal(tensor_convert(&a, dl, &c->input, &err), 0);
    tensor_free(&a);
    (void)d4;
    for (int k = 0; k < n; k++) {
        StackStage *st = &c->s.stage[k];
        if (scale[k]) {
            *st = (StackStage){.kind = k_[k] == 1 ? STAGE_BILINEAR : STAGE_NEAREST,
                               .scale = scale[k]};
            continue;
        }
        LayerSpec spec = {.op = OP_CONV2D_TRANSPOSE, .dims = dims};
        if (dims == 1)
            layer1d_params(&spec.params, cv, s_[k], 1, pad[k], 0, 0, 0);
        else
            spec.params = (ConvParams){.convention = cv, .stride = {s_[k], s_[k]},
                                       .dilation = {1, 1}, .padding = pad[k]};
        if (cv == CONV_TORCH) {
            spec.params.padding = PAD_EXPLICIT;
            int pp = pad[k] == PAD_SAME ? k_[k] / 2 : 0;
            spec.params.pad[2] = spec.params.pad[3] = pp;
            if (dims == 2)
                spec.params.pad[0] = spec.params.pad[1] = pp;
        }
        Tensor f;
        ones(&f, LAYOUT_OIHW, (int[4]){1, 1, dims == 1 ? 1 : k_[k], k_[k]});
        assert_int_equal(tensor_convert(&f, layer_filter_layout(cv, OP_CONV2D_TRANSPOSE),
                                        &c->filter[k], &err),
                         0);
        tensor_free(&f);
        *st = (StackStage){.kind = STAGE_LAYER, .spec = spec, .filter = &c->filter[k]};
    }
    if (stack_run(&c->s, &c->input, &c->r, &err) != 0)
        fail_msg("the chain does not run: %s", err.msg);
}

/* Stage k's layer dilated by d (every axis the chain has), the chain rerun. */
static void chain_dilate(TestChain *c, int k, int d)
{
    Err err = {0};
    ConvParams *p = &c->s.stage[k].spec.params;
    p->dilation[1] = d;
    if (c->s.dims == 2)
        p->dilation[0] = d;
    stack_result_free(&c->r);
    if (stack_run(&c->s, &c->input, &c->r, &err) != 0)
        fail_msg("the dilated chain does not run: %s", err.msg);
}

static void chain_free(TestChain *c)
{
    stack_result_free(&c->r);
    tensor_free(&c->input);
    for (int k = 0; k < STACK_MAX_STAGES; k++)
        tensor_free(&c->filter[k]);
}

/* The text of stage k: from its "# stage k:" line to the next or the end. */
static void stage_text(const char *text, int k, char *buf, size_t cap)
{
    char mark[32];
    snprintf(mark, sizeof mark, "# stage %d:", k + 1);
    const char *a = strstr(text, mark);
    if (!a)
        fail_msg("no '%s' in:\n%s", mark, text);
    snprintf(mark, sizeof mark, "# stage %d:", k + 2);
    const char *b = strstr(a, mark);
    size_t n = b ? (size_t)(b - a) : strlen(a);
    assert_true(n < cap);
    memcpy(buf, a, n);
    buf[n] = '\0';
}

static void check_resize(const char *seg, const StackStage *st, int dims, const char *all)
{
    static const char *const fmt[] = {"UpSampling1D(%d", "UpSampling2D(%d", "scale_factor=%d",
                                      "tf.repeat(x, %d", "tf.repeat(y, %d", NULL};
    int scale = 0;
    for (int i = 0; fmt[i] && !scale; i++) {
        char head[32];
        snprintf(head, sizeof head, "%.*s", (int)(strchr(fmt[i], '%') - fmt[i]), fmt[i]);
        const char *p = strstr(seg, head);
        if (p)
            assert_int_equal(sscanf(p, fmt[i], &scale), 1);
    }
    const char *p = strstr(seg, "tf.image.resize(");
    if (!scale && p) {
        p = strstr(p, ", ["); /* the size argument */
        assert_non_null(p);
        p += 2;
        assert_int_equal(sscanf(p, dims == 1 ? "[1, %d * " : "[%d * ", &scale), 1);
    }
    if (scale != st->scale)
        fail_msg("resize x%d spelled as x%d:\n%s", st->scale, scale, all);
    int bilinear = st->kind == STAGE_BILINEAR;
    assert_int_equal(strstr(seg, "linear'") != NULL, bilinear);
}

/* Keras chains with a stage noted GPU only, over test_chains. */
static int keras_gpu_noted;

static void check_chain(const TestChain *c)
{
    for (int kind = 0; kind < SNIPPET_COUNT; kind++) {
        Snippet sn;
        Err err = {0};
        if (snippet_build_stack((SnippetKind)kind, &c->s, &c->input, &c->r, &sn, &err) != 0)
            fail_msg("%s: %s", snippet_kind_name((SnippetKind)kind), err.msg);
        check_lines(sn.text);
        if (c->s.dims == 1)
            no_2d(sn.text);
        if (kind == SNIPPET_TORCH && (strstr(sn.text, "net = nn.Sequential(") != NULL) != sn.single_call)
            fail_msg("single_call %d:\n%s", sn.single_call, sn.text);
        if (kind == SNIPPET_KERAS &&
            (strstr(sn.text, "net = tf.keras.Sequential([") != NULL) != sn.single_call)
            fail_msg("single_call %d:\n%s", sn.single_call, sn.text);
        for (int k = 0; k < c->s.n_stages; k++) {
            char seg[SNIPPET_TEXT_MAX];
            stage_text(sn.text, k, seg, sizeof seg);
            const StackStage *st = &c->s.stage[k];
            if (st->kind != STAGE_LAYER) {
                check_resize(seg, st, c->s.dims, sn.text);
                continue;
            }
            ConvGeom g;
            LayerTensors t = {.input = k ? &c->r.out[k - 1] : &c->input, .filter = st->filter};
            assert_int_equal(layer_resolve(&st->spec, &t, &g, &err), 0);
            Target tg = target_of(c->s.dims, &g);
            assert_int_equal(tg.out[1], tensor_axis(&c->r.out[k], 'W'));
            assert_int_equal(tg.out[0], tensor_axis(&c->r.out[k], 'H'));
            if (kind == SNIPPET_TORCH || kind == SNIPPET_TORCH_F)
                check_torch(seg, &tg);
            else if (kind == SNIPPET_KERAS && sn.single_call) {
                check_keras_layer(seg, &tg);
                /* Keras hands dilation_rate to TF's kernels: GPU only */
                int gpu_only = strstr(seg, "    # GPU only: TF's CPU kernels refuse dilations > "
                                           "1.\n") != NULL;
                if (gpu_only != (g.h.dil > 1 || g.w.dil > 1))
                    fail_msg("stage %d: dilation %d, GPU-only note %d:\n%s", k + 1, g.w.dil,
                             gpu_only, sn.text);
                keras_gpu_noted += gpu_only;
            }
            else
                check_tf(seg, &tg);
        }
    }
}

static void test_chains(void **state)
{
    (void)state;
    static const PadMode V = PAD_VALID, S = PAD_SAME;
    for (int cv = 0; cv < 2; cv++) {
        Convention conv = cv ? CONV_TORCH : CONV_TF;
        TestChain c;
        /* lesson 15: three kernel-3, stride-2 layers */
        chain_make(&c, conv, 1, 1, 1, 3, (int[]){3, 3, 3}, (int[]){2, 2, 2}, (PadMode[]){V, V, V},
                   (int[]){0, 0, 0});
        check_chain(&c);
        chain_free(&c);
        /* SAME with an odd total padding (no single PyTorch layer), then resizes */
        chain_make(&c, conv, 1, 1, 3, 3, (int[]){3, 0, 1}, (int[]){2, 0, 0},
                   (PadMode[]){S, V, V}, (int[]){0, 2, 3});
        check_chain(&c);
        chain_free(&c);
        /* lesson 16 in 2-D: nearest x2, then a 3x3 stride-1 SAME layer; bilinear */
        chain_make(&c, conv, 2, 3, 3, 3, (int[]){0, 3, 1}, (int[]){0, 1, 0}, (PadMode[]){V, S, V},
                   (int[]){2, 0, 2});
        check_chain(&c);
        chain_free(&c);
        chain_make(&c, conv, 2, 2, 3, 2, (int[]){4, 3}, (int[]){2, 2}, (PadMode[]){S, S},
                   (int[]){0, 0});
        check_chain(&c);
        chain_free(&c);        /* a dilated stride-1 layer, which Keras holds but TF runs on GPU only */
        for (int dims = 1; dims <= 2; dims++) {
            chain_make(&c, conv, dims, 3, 3, 2, (int[]){3, 2}, (int[]){1, 2},
                       (PadMode[]){S, V}, (int[]){0, 0});
            chain_dilate(&c, 0, 2);
            check_chain(&c);
            chain_free(&c);
        }
    }
    assert_int_equal(keras_gpu_noted, 2); /* TF, 1-D and 2-D (the PyTorch chains pad k/2, a size
                                          * Keras cannot give with stride 1) */
}

static void test_chain_refusals(void **state)
{
    (void)state;
    TestChain c;
    chain_make(&c, CONV_TF, 1, 1, 4, 2, (int[]){3, 3}, (int[]){2, 2},
               (PadMode[]){PAD_VALID, PAD_VALID}, (int[]){0, 0});
    Snippet sn;
    Err err = {0};
    StackSpec s = c.s;
    s.stage[1].spec.op = OP_CONV2D;
    assert_int_equal(snippet_build_stack(SNIPPET_TORCH, &s, &c.input, &c.r, &sn, &err), -1);
    assert_int_equal(err.code, TC_ERR_ARG);
    assert_string_equal(err.msg, "code snippets: stage 2 is a conv1d; chains are spelled for "
                                 "transposed convs and resizes only");
    assert_string_equal(sn.text, "");
    chain_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed_1d),
        cmocka_unit_test(test_sweep_1d),
        cmocka_unit_test(test_chains),
        cmocka_unit_test(test_chain_refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
