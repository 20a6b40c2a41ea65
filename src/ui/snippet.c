/* snippet.c - write the code panel's TensorFlow and Keras Python from the
 * spellings that snippet_plan.c verified against the core (PyTorch:
 * snippet_torch.c), and choose the writer.
 *
 * Names follow each framework's docs: TF x, w, b (w is [kh, kw, out, in],
 * 1-D [k, out, in]); PyTorch x, weight, bias (weight is [in, out/groups,
 * kh, kw], 1-D [in, out/groups, k]). A 1-D layer is spelled with the 1-D
 * calls (tf.nn.conv1d_transpose, Conv1DTranspose, ConvTranspose1d,
 * conv_transpose1d): one size per argument, no H axis anywhere. */
#include "snippet_internal.h"

#include <stdio.h>
#include <string.h>

#define put snip_put
#define comment snip_comment
#define call snip_call
#define pair snip_pair
#define ksize snip_ksize
#define wshape snip_wshape
#define is_one snip_is_one
#define kdims snip_kdims
#define ARG_MAX SNIP_ARG_MAX
#define MAX_ARGS SNIP_MAX_ARGS
typedef SnipText Text;

static const SnipNames plain = {"x", ""};

/* ---- TensorFlow ------------------------------------------------------------------ */

void snip_tf_weight_from_torch(Text *t, const SnipLayer *l, const char *sfx, int has_bias)
{
    put(t, "w%s = np.transpose(weight%s, %s)\n", sfx, sfx,
        l->dims == 1 ? "(2, 1, 0)" : "(2, 3, 1, 0)");
    if (has_bias)
        put(t, "b%s = bias%s\n", sfx, sfx);
}

static void tf_header(Text *t, const SnipLayer *l, int has_bias)
{
    int from_torch = l->own.convention == CONV_TORCH;
    put(t, "%simport tensorflow as tf\n", from_torch ? "import numpy as np\n" : "");
    if (!from_torch)
        return;
    const char *per = l->groups > 1 ? "/groups" : "";
    if (l->dims == 1)
        put(t,
            "# from PyTorch layouts (NumPy arrays): x NCW -> NWC,\n"
            "# weight [in, out%s, k] -> w [k, out%s, in]\n"
            "x = np.transpose(x, (0, 2, 1))\n",
            per, per);
    else
        put(t,
            "# from PyTorch layouts (NumPy arrays): x NCHW -> NHWC,\n"
            "# weight [in, out%s, kh, kw] -> w [kh, kw, out%s, in]\n"
            "x = np.transpose(x, (0, 2, 3, 1))\n",
            per, per);
    snip_tf_weight_from_torch(t, l, "", has_bias);
}

/* y = fn(args)suffix, or one group's call in a list comprehension
 * (ys = [...]); commented out when `commented`. */
static void tf_call(Text *t, const char *fn, const VocabArg *vargs, int n, const char *suffix,
                    int groups, int commented)
{
    char args[VOCAB_MAX_ARGS][ARG_MAX], head[64], tail[64];
    _Static_assert(sizeof vargs[0].s == ARG_MAX, "a VocabArg fits a snippet argument");
    for (int i = 0; i < n; i++)
        memcpy(args[i], vargs[i].s, ARG_MAX);
    if (groups > 1) {
        snprintf(tail, sizeof tail, ")%s for g in range(%d)]", suffix, groups);
        snprintf(head, sizeof head, "ys = [%s(", fn);
    } else {
        snprintf(tail, sizeof tail, ")%s", suffix);
        snprintf(head, sizeof head, "y = %s(", fn);
    }
    (commented ? snip_call_comment : call)(t, head, args, n, tail);
}

static void tf_body(Text *t, const SnipLayer *l, const TfPlan *p, int has_bias,
                    const SnipNames *nm)
{
    char b1[64], b2[64];
    int g = l->groups, cin_g = l->c_in / g, cout_g = l->c_out / g, one = l->dims == 1;
    const char *x = nm->x, *sfx = nm->sfx;
    put(t, "# %s: %s; w%s: [%s, out%s, in] = %s\n", x, snip_data_shape(b1, l, 0, l->n, l->c_in, l->in),
        sfx, kdims(l), g > 1 ? "/groups" : "", wshape(b2, l, 0, cout_g, l->c_in));
    if (!p->single) {
        if (one)
            put(t,
                "# No single tf.nn.conv1d_transpose call: its output_shape cannot add this many\n"
                "# zero columns past the %d-long scatter. So: the scatter with padding='VALID',\n"
                "# then pad it and slice [left:left+W].\n",
                p->g.w.conv_in);
        else
            put(t,
                "# No single tf.nn.conv2d_transpose call: its output_shape cannot add this many\n"
                "# zero rows past the %dx%d scatter. So: the scatter with padding='VALID',\n"
                "# then pad it and slice [top:top+H, left:left+W].\n",
                p->g.h.conv_in, p->g.w.conv_in);
    }
    /* The call as vocab.h spells it, with this snippet's names. */
    char xname[ARG_MAX], wname[ARG_MAX];
    if (g > 1) {
        snprintf(xname, sizeof xname, "%s[..., %d*g:%d*g+%d]", x, cin_g, cin_g, cin_g);
        snprintf(wname, sizeof wname, "w%s[..., %d*g:%d*g+%d]", sfx, cin_g, cin_g, cin_g);
    } else {
        snprintf(xname, sizeof xname, "%s", x);
        snprintf(wname, sizeof wname, "w%s", sfx);
    }
    VocabNames names = {.x = xname, .w = wname};
    VocabArg vargs[VOCAB_MAX_ARGS];
    const char *fn;
    int n = vocab_call_named(&p->tf, &p->g, 0, &names, vargs, &fn);
    if (g > 1) {
        char note[160];
        snprintf(note, sizeof note,
                 "TF has no groups: one call per group (%d groups of %d input -> %d output "
                 "channels), then concatenate",
                 g, cin_g, cout_g);
        comment(t, note);
    }
    tf_call(t, fn, vargs, n, vocab_call_suffix(&p->tf), g, 0);
    /* A GPU-only call: the same layer on CPU, commented out beside it. */
    char w[16], wd[16], wd_name[ARG_MAX];
    snprintf(w, sizeof w, "w%s", sfx);
    snprintf(wd, sizeof wd, "wd%s", sfx);
    if (g > 1)
        snprintf(wd_name, sizeof wd_name, "%s[..., %d*g:%d*g+%d]", wd, cin_g, cin_g, cin_g);
    else
        snprintf(wd_name, sizeof wd_name, "%s", wd);
    VocabCpuCall cpu;
    if (vocab_cpu_call(&p->tf, &p->g, &(VocabNames){.x = xname, .w = wd_name}, w, wd, &cpu)) {
        comment(t, cpu.note);
        put(t, "# %s\n", cpu.kernel);
        tf_call(t, cpu.name, cpu.args, cpu.n, cpu.suffix, g, 1);
    }
    if (g > 1)
        put(t, "y = tf.concat(ys, axis=-1)\n");
    if (!p->single) {
        if (one && p->extra[1])
            put(t, "y = tf.pad(y, [[0, 0], [0, %d], [0, 0]])\n", p->extra[1]);
        else if (!one && (p->extra[0] || p->extra[1]))
            put(t, "y = tf.pad(y, [[0, 0], [0, %d], [0, %d], [0, 0]])\n", p->extra[0], p->extra[1]);
        if (one)
            put(t, "y = y[:, %d:%d, :]\n", l->ax[1].pad_before, l->ax[1].pad_before + l->out[1]);
        else
            put(t, "y = y[:, %d:%d, %d:%d, :]\n", l->ax[0].pad_before,
                l->ax[0].pad_before + l->out[0], l->ax[1].pad_before,
                l->ax[1].pad_before + l->out[1]);
    }
    if (has_bias)
        put(t, "y = tf.nn.bias_add(y, b%s)  # b%s: [out] = [%d]\n", sfx, sfx, l->c_out);
    put(t, "# y: %s\n", snip_data_shape(b1, l, 0, l->n, l->c_out, l->out));
}

int snip_tf_lines(Text *t, const SnipLayer *l, int has_bias, const SnipNames *nm)
{
    TfPlan p;
    snip_plan_tf(l, &p);
    tf_body(t, l, &p, has_bias, nm);
    return p.single && l->groups == 1;
}

static int write_tf(Text *t, const SnipLayer *l, int has_bias)
{
    tf_header(t, l, has_bias);
    return snip_tf_lines(t, l, has_bias, &plain);
}

int snip_keras_args(const SnipLayer *l, const KerasPlan *k, int has_bias, char args[][ARG_MAX])
{
    char v[32];
    int n = 0;
    snprintf(args[n++], ARG_MAX, "%d", l->c_out);
    snprintf(args[n++], ARG_MAX, "%s", ksize(v, l));
    snprintf(args[n++], ARG_MAX, "strides=%s", pair(v, l, l->s));
    snprintf(args[n++], ARG_MAX, "padding='%s'", k->same ? "same" : "valid");
    if (k->has_op)
        snprintf(args[n++], ARG_MAX, "output_padding=%s", pair(v, l, k->op));
    if (!is_one(l, l->d))
        snprintf(args[n++], ARG_MAX, "dilation_rate=%s", pair(v, l, l->d));
    snprintf(args[n++], ARG_MAX, "use_bias=%s", has_bias ? "True" : "False");
    return n;
}

/* Keras hands dilation_rate to tf.nn.conv_transpose, whose CPU kernels
 * refuse it as the tf.nn calls' do (vocab_cpu_call): the note and the same
 * layer for CPU, commented out: the kernel dilated with zeros in a layer of
 * kernel size k_eff without dilation_rate (Keras sizes both alike). */
static void keras_cpu_spelling(Text *t, const SnipLayer *l, const KerasPlan *k, int has_bias,
                               const char *cls)
{
    TfPlan p;
    VocabCpuCall cpu;
    snip_plan_tf(l, &p);
    if (!vocab_cpu_call(&p.tf, &p.g, &(VocabNames){.x = "x", .w = "wd"}, "w", "wd", &cpu))
        return;
    SnipLayer undilated = *l;
    for (int a = 0; a < 2; a++) {
        undilated.k[a] = l->ax[a].k_eff;
        undilated.d[a] = 1;
    }
    char args[MAX_ARGS][ARG_MAX], head[64];
    int n = snip_keras_args(&undilated, k, has_bias, args);
    comment(t, cpu.note);
    put(t, "# %s\n", cpu.kernel);
    snprintf(head, sizeof head, "layer = tf.keras.layers.%s(", cls);
    snip_call_comment(t, head, args, n, ")");
    put(t, "# layer.build(x.shape); layer.set_weights([wd%s]); y = layer(x)\n",
        has_bias ? ", b" : "");
}

static int write_keras(Text *t, const SnipLayer *l, int has_bias)
{
    KerasPlan k;
    snip_plan_keras(l, &k);
    tf_header(t, l, has_bias);
    const char *cls = l->dims == 1 ? "Conv1DTranspose" : "Conv2DTranspose";
    if (!k.possible) {
        TfPlan p;
        snip_plan_tf(l, &p);
        char why[256];
        snprintf(why, sizeof why, "Keras's %s cannot express this layer: %s. Use %s instead:", cls,
                 k.why, vocab_call_name(&p.tf));
        comment(t, why);
        snip_tf_lines(t, l, has_bias, &plain);
        return 0;
    }
    char b1[64], b2[64], args[MAX_ARGS][ARG_MAX], head[64];
    put(t, "# x: %s; kernel: [%s, out, in] = %s\n", snip_data_shape(b1, l, 0, l->n, l->c_in, l->in),
        kdims(l), wshape(b2, l, 0, l->c_out, l->c_in));
    int n = snip_keras_args(l, &k, has_bias, args);
    snprintf(head, sizeof head, "layer = tf.keras.layers.%s(", cls);
    call(t, head, args, n, ")");
    put(t, "layer.build(x.shape)\nlayer.set_weights([w%s])\ny = layer(x)\n", has_bias ? ", b" : "");
    keras_cpu_spelling(t, l, &k, has_bias, cls);
    put(t, "# y: %s\n", snip_data_shape(b1, l, 0, l->n, l->c_out, l->out));
    return 1;
}

/* ---- entry ---------------------------------------------------------------------- */

const char *snippet_kind_name(SnippetKind kind)
{
    switch (kind) {
    case SNIPPET_TF: return "TensorFlow";
    case SNIPPET_KERAS: return "Keras";
    case SNIPPET_TORCH: return "PyTorch";
    case SNIPPET_TORCH_F: return "PyTorch functional";
    case SNIPPET_COUNT: break;
    }
    return "?";
}

int snippet_build(SnippetKind kind, const LayerSpec *spec, const ConvGeom *g, int has_bias,
                  Snippet *out, Err *err)
{
    SnipLayer l;
    memset(out, 0, sizeof *out);
    if (snip_layer(spec, g, &l, err) != 0)
        return -1;
    Text t = {.buf = out->text, .cap = sizeof out->text};
    int single;
    switch (kind) {
    case SNIPPET_TF: single = write_tf(&t, &l, has_bias); break;
    case SNIPPET_KERAS: single = write_keras(&t, &l, has_bias); break;
    case SNIPPET_TORCH: single = snip_write_torch(&t, &l, has_bias, err); break;
    case SNIPPET_TORCH_F: single = snip_write_torch_f(&t, &l, has_bias, err); break;
    default: return err_fail(err, TC_ERR_ARG, "snippet kind %d is unknown", (int)kind);
    }
    if (single < 0) {
        out->text[0] = '\0';
        return -1;
    }
    if (t.overflow) {
        out->text[0] = '\0';
        return err_fail(err, TC_ERR_LIMIT, "code snippet: more than %d characters",
                        SNIPPET_TEXT_MAX - 1);
    }
    out->single_call = single;
    return 0;
}
