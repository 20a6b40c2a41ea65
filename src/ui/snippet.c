/* snippet.c - write the code panel's Python from the spellings that
 * snippet_plan.c verified against the core.
 *
 * Names follow each framework's docs: TF x, w, b (w is [kh, kw, out, in]);
 * PyTorch x, weight, bias (weight is [in, out/groups, kh, kw]). Long calls
 * wrap inside their parentheses at a fixed width so the panel and a pasted
 * copy read the same. */
#include "snippet_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define WRAP 100 /* code lines wrap before this column */
#define COMMENT_WRAP 90
#define ARG_MAX 96 /* one formatted argument */
#define MAX_ARGS 10

typedef struct {
    char *buf;
    size_t cap, len;
    size_t line_start; /* where the current line begins, for wrapping */
    int overflow;
} Text;

static void put(Text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void put(Text *t, const char *fmt, ...)
{
    if (t->overflow)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(t->buf + t->len, t->cap - t->len, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= t->cap - t->len) {
        t->overflow = 1;
        t->buf[t->len] = '\0';
        return;
    }
    for (int i = 0; i < n; i++)
        if (t->buf[t->len + (size_t)i] == '\n')
            t->line_start = t->len + (size_t)i + 1;
    t->len += (size_t)n;
}

/* A comment, word-wrapped into "# " lines. */
static void comment(Text *t, const char *s)
{
    put(t, "#");
    size_t col = 1;
    while (*s) {
        size_t w = strcspn(s, " ");
        if (col > 1 && col + 1 + w > COMMENT_WRAP) {
            put(t, "\n#");
            col = 1;
        }
        put(t, " %.*s", (int)w, s);
        col += 1 + w;
        s += w;
        s += strspn(s, " ");
    }
    put(t, "\n");
}

/* head + args joined by ", ", wrapped under the first argument, + tail. */
static void call(Text *t, const char *head, char args[][ARG_MAX], int n, const char *tail)
{
    put(t, "%s", head);
    size_t indent = t->len - t->line_start;
    for (int i = 0; i < n; i++) {
        size_t col = t->len - t->line_start;
        size_t need = strlen(args[i]) + (i + 1 < n ? 1 : strlen(tail));
        if (i > 0 && col + 2 + need > WRAP)
            put(t, ",\n%*s%s", (int)indent, "", args[i]);
        else
            put(t, "%s%s", i ? ", " : "", args[i]);
    }
    put(t, "%s\n", tail);
}

/* PyTorch/Keras pairs: "2" when both axes agree, else "(2, 1)". */
static const char *pair(char buf[32], const int v[2])
{
    if (v[0] == v[1])
        snprintf(buf, 32, "%d", v[0]);
    else
        snprintf(buf, 32, "(%d, %d)", v[0], v[1]);
    return buf;
}

/* TF strides/dilations: "2", else the NHWC list "[1, 2, 1, 1]". */
static const char *tf_pair(char buf[32], const int v[2])
{
    if (v[0] == v[1])
        snprintf(buf, 32, "%d", v[0]);
    else
        snprintf(buf, 32, "[1, %d, %d, 1]", v[0], v[1]);
    return buf;
}

static const char *shape4(char buf[64], int a, int b, int c, int d)
{
    snprintf(buf, 64, "[%d, %d, %d, %d]", a, b, c, d);
    return buf;
}

static int is_one(const int v[2])
{
    return v[0] == 1 && v[1] == 1;
}

/* ---- TensorFlow ------------------------------------------------------------------ */

static void tf_header(Text *t, const SnipLayer *l, int has_bias)
{
    int from_torch = l->own.convention == CONV_TORCH;
    put(t, "%simport tensorflow as tf\n", from_torch ? "import numpy as np\n" : "");
    if (!from_torch)
        return;
    const char *per = l->groups > 1 ? "/groups" : "";
    put(t,
        "# from PyTorch layouts (NumPy arrays): x NCHW -> NHWC,\n"
        "# weight [in, out%s, kh, kw] -> w [kh, kw, out%s, in]\n"
        "x = np.transpose(x, (0, 2, 3, 1))\n"
        "w = np.transpose(weight, (2, 3, 1, 0))\n",
        per, per);
    if (has_bias)
        put(t, "b = bias\n");
}

static void tf_body(Text *t, const SnipLayer *l, const TfPlan *p, int has_bias)
{
    char b1[64], b2[64], v[32];
    int g = l->groups, cin_g = l->c_in / g, cout_g = l->c_out / g;
    int oh = p->single ? l->out[0] : l->ax[0].full, ow = p->single ? l->out[1] : l->ax[1].full;
    put(t, "# x: NHWC %s; w: [kh, kw, out%s, in] = %s\n",
        shape4(b1, l->n, l->in[0], l->in[1], l->c_in), g > 1 ? "/groups" : "",
        shape4(b2, l->k[0], l->k[1], cout_g, l->c_in));
    if (!p->single)
        put(t,
            "# No single tf.nn.conv2d_transpose call: its output_shape cannot add this many\n"
            "# zero rows past the %dx%d scatter. So: the scatter with padding='VALID',\n"
            "# then pad it and slice [top:top+H, left:left+W].\n",
            l->ax[0].full, l->ax[1].full);
    char args[MAX_ARGS][ARG_MAX];
    int n = 0;
    if (g > 1) {
        snprintf(args[n++], ARG_MAX, "x[..., %d*g:%d*g+%d]", cin_g, cin_g, cin_g);
        snprintf(args[n++], ARG_MAX, "w[..., %d*g:%d*g+%d]", cin_g, cin_g, cin_g);
    } else {
        snprintf(args[n++], ARG_MAX, "x");
        snprintf(args[n++], ARG_MAX, "w");
    }
    snprintf(args[n++], ARG_MAX, "output_shape=%s", shape4(b1, l->n, oh, ow, cout_g));
    snprintf(args[n++], ARG_MAX, "strides=%s", tf_pair(v, l->s));
    if (!p->single || p->mode != PAD_EXPLICIT)
        snprintf(args[n++], ARG_MAX, "padding='%s'",
                 p->single && p->mode == PAD_SAME ? "SAME" : "VALID");
    else
        snprintf(args[n++], ARG_MAX, "padding=[[0, 0], [%d, %d], [%d, %d], [0, 0]]", p->pad[0],
                 p->pad[1], p->pad[2], p->pad[3]);
    if (!is_one(l->d))
        snprintf(args[n++], ARG_MAX, "dilations=%s", tf_pair(v, l->d));
    if (g > 1) {
        char note[160];
        snprintf(note, sizeof note,
                 "TF has no groups: one call per group (%d groups of %d input -> %d output "
                 "channels), then concatenate",
                 g, cin_g, cout_g);
        comment(t, note);
        char tail[48];
        snprintf(tail, sizeof tail, ") for g in range(%d)]", g);
        call(t, "ys = [tf.nn.conv2d_transpose(", args, n, tail);
        put(t, "y = tf.concat(ys, axis=-1)\n");
    } else {
        call(t, "y = tf.nn.conv2d_transpose(", args, n, ")");
    }
    if (!p->single) {
        if (p->extra[0] || p->extra[1])
            put(t, "y = tf.pad(y, [[0, 0], [0, %d], [0, %d], [0, 0]])\n", p->extra[0], p->extra[1]);
        put(t, "y = y[:, %d:%d, %d:%d, :]\n", l->ax[0].pad_before, l->ax[0].pad_before + l->out[0],
            l->ax[1].pad_before, l->ax[1].pad_before + l->out[1]);
    }
    if (has_bias)
        put(t, "y = tf.nn.bias_add(y, b)  # b: [out] = [%d]\n", l->c_out);
    put(t, "# y: NHWC %s\n", shape4(b1, l->n, l->out[0], l->out[1], l->c_out));
}

static int write_tf(Text *t, const SnipLayer *l, int has_bias)
{
    TfPlan p;
    snip_plan_tf(l, &p);
    tf_header(t, l, has_bias);
    tf_body(t, l, &p, has_bias);
    return p.single && l->groups == 1;
}

static int write_keras(Text *t, const SnipLayer *l, int has_bias)
{
    KerasPlan k;
    snip_plan_keras(l, &k);
    tf_header(t, l, has_bias);
    if (!k.possible) {
        char why[256];
        snprintf(why, sizeof why,
                 "Keras's Conv2DTranspose cannot express this layer: %s. "
                 "Use tf.nn.conv2d_transpose instead:",
                 k.why);
        comment(t, why);
        TfPlan p;
        snip_plan_tf(l, &p);
        tf_body(t, l, &p, has_bias);
        return 0;
    }
    char b1[64], b2[64], v[32], args[MAX_ARGS][ARG_MAX];
    int n = 0;
    put(t, "# x: NHWC %s; kernel: [kh, kw, out, in] = %s\n",
        shape4(b1, l->n, l->in[0], l->in[1], l->c_in),
        shape4(b2, l->k[0], l->k[1], l->c_out, l->c_in));
    snprintf(args[n++], ARG_MAX, "%d", l->c_out);
    snprintf(args[n++], ARG_MAX, "(%d, %d)", l->k[0], l->k[1]);
    snprintf(args[n++], ARG_MAX, "strides=%s", pair(v, l->s));
    snprintf(args[n++], ARG_MAX, "padding='%s'", k.same ? "same" : "valid");
    if (k.has_op)
        snprintf(args[n++], ARG_MAX, "output_padding=%s", pair(v, k.op));
    if (!is_one(l->d))
        snprintf(args[n++], ARG_MAX, "dilation_rate=%s", pair(v, l->d));
    snprintf(args[n++], ARG_MAX, "use_bias=%s", has_bias ? "True" : "False");
    call(t, "layer = tf.keras.layers.Conv2DTranspose(", args, n, ")");
    put(t, "layer.build(x.shape)\nlayer.set_weights([w%s])\ny = layer(x)\n", has_bias ? ", b" : "");
    put(t, "# y: NHWC %s\n", shape4(b1, l->n, l->out[0], l->out[1], l->c_out));
    return 1;
}

/* ---- PyTorch ---------------------------------------------------------------------- */

static void torch_header(Text *t, const SnipLayer *l, int has_bias, int functional)
{
    put(t, "import torch\n%s\n",
        functional ? "import torch.nn.functional as F" : "from torch import nn");
    if (l->own.convention == CONV_TF) {
        put(t, "# from TF layouts (NumPy arrays): x NHWC -> NCHW,\n"
               "# w [kh, kw, out, in] -> weight [in, out, kh, kw]\n"
               "x = torch.tensor(x).permute(0, 3, 1, 2)\n"
               "weight = torch.tensor(w).permute(3, 2, 0, 1)\n");
        if (has_bias)
            put(t, "bias = torch.tensor(b)\n");
    }
    char b1[64], b2[64];
    put(t, "# x: NCHW %s; weight: [in, out/groups, kh, kw] = %s\n",
        shape4(b1, l->n, l->c_in, l->in[0], l->in[1]),
        shape4(b2, l->c_in, l->c_out / l->groups, l->k[0], l->k[1]));
}

/* Why TF's crop needs pad-then-crop, naming the crop on each side. */
static void torch_crop_note(Text *t, const SnipLayer *l, const TorchPlan *p)
{
    const AxisGeom *h = &l->ax[0], *w = &l->ax[1];
    put(t, "# No single PyTorch spelling: TF crops %d top, %d bottom, %d left, %d right here\n",
        h->pad_before, h->crop_after, w->pad_before, w->crop_after);
    if (h->crop_after < 0 || w->crop_after < 0)
        put(t, "# (a negative crop adds zero rows)\n");
    if (l->own.padding == PAD_SAME)
        put(t, "# (SAME with an odd total padding puts the extra row at the end),\n");
    put(t,
        "# but PyTorch's padding crops both ends equally and output_padding only adds rows at\n"
        "# the end. So: padding=0 for the uncropped %dx%d output, then slice [top:top+H, "
        "left:left+W].\n",
        h->full + p->output_padding[0], w->full + p->output_padding[1]);
}

static int torch_args(const SnipLayer *l, const TorchPlan *p, char args[][ARG_MAX], int n)
{
    char v[32];
    snprintf(args[n++], ARG_MAX, "stride=%s", pair(v, l->s));
    snprintf(args[n++], ARG_MAX, "padding=%s", pair(v, p->padding));
    snprintf(args[n++], ARG_MAX, "output_padding=%s", pair(v, p->output_padding));
    if (!is_one(l->d))
        snprintf(args[n++], ARG_MAX, "dilation=%s", pair(v, l->d));
    if (l->groups > 1)
        snprintf(args[n++], ARG_MAX, "groups=%d", l->groups);
    return n;
}

static void torch_footer(Text *t, const SnipLayer *l)
{
    char b[64];
    put(t, "# y: NCHW %s\n", shape4(b, l->n, l->c_out, l->out[0], l->out[1]));
    if (l->own.convention == CONV_TF)
        put(t, "y = y.permute(0, 2, 3, 1)  # NHWC %s, as TF returns it\n",
            shape4(b, l->n, l->out[0], l->out[1], l->c_out));
}

static void slice(char buf[64], const SnipLayer *l, const TorchPlan *p)
{
    if (p->single)
        buf[0] = '\0';
    else
        snprintf(buf, 64, "[:, :, %d:%d, %d:%d]", l->ax[0].pad_before,
                 l->ax[0].pad_before + l->out[0], l->ax[1].pad_before,
                 l->ax[1].pad_before + l->out[1]);
}

static int write_torch(Text *t, const SnipLayer *l, int has_bias, Err *err)
{
    TorchPlan p;
    if (snip_plan_torch(l, &p, err) != 0)
        return -1;
    torch_header(t, l, has_bias, 0);
    if (!p.single)
        torch_crop_note(t, l, &p);
    char args[MAX_ARGS][ARG_MAX], sl[64];
    int n = 0;
    snprintf(args[n++], ARG_MAX, "%d", l->c_in);
    snprintf(args[n++], ARG_MAX, "%d", l->c_out);
    snprintf(args[n++], ARG_MAX, "(%d, %d)", l->k[0], l->k[1]);
    n = torch_args(l, &p, args, n);
    snprintf(args[n++], ARG_MAX, "bias=%s", has_bias ? "True" : "False");
    call(t, "conv = nn.ConvTranspose2d(", args, n, ")");
    put(t, "with torch.no_grad(): conv.weight.copy_(weight)%s\n",
        has_bias ? "; conv.bias.copy_(bias)" : "");
    slice(sl, l, &p);
    put(t, "y = conv(x)%s\n", sl);
    torch_footer(t, l);
    return p.single;
}

static int write_torch_f(Text *t, const SnipLayer *l, int has_bias, Err *err)
{
    TorchPlan p;
    if (snip_plan_torch(l, &p, err) != 0)
        return -1;
    torch_header(t, l, has_bias, 1);
    if (!p.single)
        torch_crop_note(t, l, &p);
    char args[MAX_ARGS][ARG_MAX], sl[64], tail[80];
    int n = 0;
    snprintf(args[n++], ARG_MAX, "x");
    snprintf(args[n++], ARG_MAX, "weight");
    snprintf(args[n++], ARG_MAX, "bias=%s", has_bias ? "bias" : "None");
    n = torch_args(l, &p, args, n);
    slice(sl, l, &p);
    snprintf(tail, sizeof tail, ")%s", sl);
    call(t, "y = F.conv_transpose2d(", args, n, tail);
    torch_footer(t, l);
    return p.single;
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
    case SNIPPET_TORCH: single = write_torch(&t, &l, has_bias, err); break;
    case SNIPPET_TORCH_F: single = write_torch_f(&t, &l, has_bias, err); break;
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
