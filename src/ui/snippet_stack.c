/* snippet_stack.c - a chain of stages as framework code: nn.Sequential and
 * tf.keras.Sequential when every stage is one layer there, else (and for
 * TensorFlow and PyTorch functional) one call per stage, y feeding the next.
 *
 * Each conv stage is a SnipLayer resolved by the core for the input the
 * stage really gets (the chain's input or the previous stage's output), so
 * its spelling is the one the single-layer snippet would print; stage k's
 * tensors are w<k>/b<k> (TF) and weight<k>/bias<k> (PyTorch). */
#include "snippet_internal.h"

#include "core/layer1d.h"

#include <stdio.h>
#include <string.h>

typedef struct {
    int n, dims;
    Convention conv;
    StageKind kind[STACK_MAX_STAGES];
    int scale[STACK_MAX_STAGES], bias[STACK_MAX_STAGES];
    SnipLayer l[STACK_MAX_STAGES]; /* STAGE_LAYER */
    int n0, c0, in0[2];            /* the chain's input, NCHW terms */
    int n1, c1, out1[2];           /* its output */
} Chain;

static void dims_nchw(const Tensor *t, int *n, int *c, int sp[2])
{
    *n = tensor_axis(t, 'N');
    *c = tensor_axis(t, 'C');
    sp[0] = tensor_axis(t, 'H');
    sp[1] = tensor_axis(t, 'W');
}

static int chain_of(const StackSpec *s, const Tensor *input, const StackResult *r, Chain *c,
                    Err *err)
{
    memset(c, 0, sizeof *c);
    if (s->n_stages < 1 || s->n_stages > STACK_MAX_STAGES || r->n_stages != s->n_stages)
        return err_fail(err, TC_ERR_ARG, "code snippets: a chain has 1-%d stages, run once",
                        STACK_MAX_STAGES);
    c->n = s->n_stages;
    c->dims = s->dims == 1 ? 1 : 2;
    c->conv = s->convention;
    dims_nchw(input, &c->n0, &c->c0, c->in0);
    dims_nchw(&r->out[c->n - 1], &c->n1, &c->c1, c->out1);
    for (int k = 0; k < c->n; k++) {
        const StackStage *st = &s->stage[k];
        c->kind[k] = st->kind;
        c->scale[k] = st->scale;
        if (st->kind != STAGE_LAYER)
            continue;
        LayerSpec spec = st->spec;
        spec.dims = c->dims;
        if (spec.op != OP_CONV2D_TRANSPOSE)
            return err_fail(err, TC_ERR_ARG,
                            "code snippets: stage %d is a %s; chains are spelled for transposed "
                            "convs and resizes only",
                            k + 1, layer_op_name(&spec));
        LayerTensors t = {.input = k ? &r->out[k - 1] : input, .filter = st->filter,
                          .bias = st->bias};
        ConvGeom g;
        if (layer_resolve(&spec, &t, &g, err) != 0 || snip_layer(&spec, &g, &c->l[k], err) != 0) {
            err_prefix(err, "code snippets: stage %d: ", k + 1);
            return -1;
        }
        c->bias[k] = st->bias != NULL;
    }
    return 0;
}

/* "conv1d_transpose, kernel 3, stride 2" or "nearest resize x2". */
static void stage_title(SnipText *t, const Chain *c, int k)
{
    if (c->kind[k] != STAGE_LAYER) {
        snip_put(t, "# stage %d: %s resize x%d\n", k + 1, stage_kind_name(c->kind[k]),
                 c->scale[k]);
        return;
    }
    const SnipLayer *l = &c->l[k];
    if (c->dims == 1)
        snip_put(t, "# stage %d: conv1d_transpose, kernel %d, stride %d\n", k + 1, l->k[1],
                 l->s[1]);
    else
        snip_put(t, "# stage %d: conv2d_transpose, kernel %dx%d, stride %d\n", k + 1, l->k[0],
                 l->k[1], l->s[1]);
}

/* The chain's input and output in one framework's layout. */
static void shape_line(SnipText *t, const Chain *c, int torch, int out)
{
    SnipLayer any = {.dims = c->dims};
    char b[64];
    snip_put(t, "# %s: %s\n", out ? "y" : "x",
             snip_data_shape(b, &any, torch, out ? c->n1 : c->n0, out ? c->c1 : c->c0,
                             out ? c->out1 : c->in0));
}

/* Each layer stage's weights brought over from the other convention by
 * `from` (w<k> from weight<k>, or back), in stage order. */
static void each_weight(SnipText *t, const Chain *c,
                        void (*from)(SnipText *, const SnipLayer *, const char *, int))
{
    for (int k = 0; k < c->n; k++) {
        char sfx[12];
        snprintf(sfx, sizeof sfx, "%d", k + 1);
        if (c->kind[k] == STAGE_LAYER)
            from(t, &c->l[k], sfx, c->bias[k]);
    }
}

/* ---- TensorFlow and Keras ------------------------------------------------------------ */

static void tf_header(SnipText *t, const Chain *c)
{
    int from_torch = c->conv == CONV_TORCH;
    snip_put(t, "%simport tensorflow as tf\n", from_torch ? "import numpy as np\n" : "");
    if (from_torch) {
        snip_put(t, "# from PyTorch layouts (NumPy arrays): x %s, each weight<k> -> w<k>\n",
                 c->dims == 1 ? "NCW -> NWC" : "NCHW -> NHWC");
        snip_put(t, "x = np.transpose(x, %s)\n", c->dims == 1 ? "(0, 2, 1)" : "(0, 2, 3, 1)");
        each_weight(t, c, snip_tf_weight_from_torch);
    }
    shape_line(t, c, 0, 0);
}

static void tf_resize(SnipText *t, const Chain *c, int k, const char *x)
{
    int s = c->scale[k], bilinear = c->kind[k] == STAGE_BILINEAR;
    if (c->dims == 2)
        snip_put(t, "y = tf.image.resize(%s, [%d * %s.shape[1], %d * %s.shape[2]], "
                    "method='%s')\n",
                 x, s, x, s, x, bilinear ? "bilinear" : "nearest");
    else if (!bilinear)
        snip_put(t, "y = tf.repeat(%s, %d, axis=1)\n", x, s);
    else /* tf.image.resize takes images: the row as a one-row image */
        snip_put(t, "y = tf.image.resize(%s[:, tf.newaxis], [1, %d * %s.shape[1]], "
                    "method='bilinear')[:, 0]\n",
                 x, s, x);
}

static int write_tf(SnipText *t, const Chain *c)
{
    int single = 1;
    for (int k = 0; k < c->n; k++) {
        char sfx[12];
        snprintf(sfx, sizeof sfx, "%d", k + 1);
        SnipNames nm = {k ? "y" : "x", sfx};
        stage_title(t, c, k);
        if (c->kind[k] == STAGE_LAYER)
            single &= snip_tf_lines(t, &c->l[k], c->bias[k], &nm);
        else
            tf_resize(t, c, k, nm.x);
    }
    if (c->kind[c->n - 1] != STAGE_LAYER) /* a layer's lines end with its y */
        shape_line(t, c, 0, 1);
    return single;
}

/* Why keras.Sequential cannot hold stage k as one layer, or NULL. */
static const char *keras_gap(const Chain *c, int k, KerasPlan *kp)
{
    if (c->kind[k] == STAGE_BILINEAR && c->dims == 1)
        return "UpSampling1D only repeats (no bilinear)";
    if (c->kind[k] != STAGE_LAYER)
        return NULL;
    snip_plan_keras(&c->l[k], kp);
    return kp->possible ? NULL : kp->why;
}

static int write_keras(SnipText *t, const Chain *c)
{
    KerasPlan kp[STACK_MAX_STAGES];
    tf_header(t, c);
    for (int k = 0; k < c->n; k++) {
        const char *why = keras_gap(c, k, &kp[k]);
        if (why) {
            char msg[256];
            snprintf(msg, sizeof msg,
                     "tf.keras.Sequential cannot hold stage %d as one layer: %s. The chain "
                     "call by call:",
                     k + 1, why);
            snip_comment(t, msg);
            write_tf(t, c);
            return 0;
        }
    }
    snip_put(t, "net = tf.keras.Sequential([\n");
    for (int k = 0; k < c->n; k++) {
        char args[SNIP_MAX_ARGS][SNIP_ARG_MAX], head[64];
        stage_title(t, c, k);
        if (c->kind[k] != STAGE_LAYER) {
            if (c->dims == 1)
                snip_put(t, "    tf.keras.layers.UpSampling1D(%d),\n", c->scale[k]);
            else
                snip_put(t, "    tf.keras.layers.UpSampling2D(%d, interpolation='%s'),\n",
                         c->scale[k], c->kind[k] == STAGE_BILINEAR ? "bilinear" : "nearest");
            continue;
        }
        int n = snip_keras_args(&c->l[k], &kp[k], c->bias[k], args);
        snprintf(head, sizeof head, "    tf.keras.layers.%s(",
                 c->dims == 1 ? "Conv1DTranspose" : "Conv2DTranspose");
        snip_call(t, head, args, n, "),");
        if (snip_gpu_only(&c->l[k]))
            snip_put(t, "    # %s\n", VOCAB_GPU_ONLY);
    }
    snip_put(t, "])\nnet.build(x.shape)\n");
    for (int k = 0; k < c->n; k++)
        if (c->kind[k] == STAGE_LAYER) {
            snip_put(t, "net.layers[%d].set_weights([w%d", k, k + 1);
            if (c->bias[k])
                snip_put(t, ", b%d", k + 1);
            snip_put(t, "])\n");
        }
    snip_put(t, "y = net(x)\n");
    shape_line(t, c, 0, 1);
    return 1;
}

/* ---- PyTorch ------------------------------------------------------------------------ */

static void torch_header(SnipText *t, const Chain *c, int functional)
{
    snip_put(t, "import torch\n%s\n",
             functional ? "import torch.nn.functional as F" : "from torch import nn");
    if (c->conv == CONV_TF) {
        snip_put(t, "# from TF layouts (NumPy arrays): x %s, each w<k> -> weight<k>\n",
                 c->dims == 1 ? "NWC -> NCW" : "NHWC -> NCHW");
        snip_put(t, "x = torch.tensor(x).permute(%s)\n", c->dims == 1 ? "0, 2, 1" : "0, 3, 1, 2");
        each_weight(t, c, snip_torch_weight_from_tf);
    }
    shape_line(t, c, 1, 0);
}

static const char *torch_mode(const Chain *c, int k)
{
    if (c->kind[k] == STAGE_NEAREST)
        return "mode='nearest'";
    return c->dims == 1 ? "mode='linear', align_corners=False"
                        : "mode='bilinear', align_corners=False";
}

static void torch_footer(SnipText *t, const Chain *c)
{
    shape_line(t, c, 1, 1);
    if (c->conv == CONV_TF)
        snip_put(t, "y = y.permute(%s)  # as TF returns it\n",
                 c->dims == 1 ? "0, 2, 1" : "0, 2, 3, 1");
}

static int write_torch_f(SnipText *t, const Chain *c, Err *err)
{
    torch_header(t, c, 1);
    int single = 1;
    for (int k = 0; k < c->n; k++) {
        char sfx[12];
        snprintf(sfx, sizeof sfx, "%d", k + 1);
        SnipNames nm = {k ? "y" : "x", sfx};
        stage_title(t, c, k);
        if (c->kind[k] != STAGE_LAYER) {
            snip_put(t, "y = F.interpolate(%s, scale_factor=%d, %s)\n", nm.x, c->scale[k],
                     torch_mode(c, k));
            continue;
        }
        TorchPlan p;
        if (snip_plan_torch(&c->l[k], &p, err) != 0)
            return -1;
        if (!p.single)
            snip_put(t, "# (PyTorch's padding cannot crop like TF here: padding=0, then a "
                        "slice)\n");
        snip_torch_f_call(t, &c->l[k], &p, c->bias[k], &nm);
        single &= p.single;
    }
    torch_footer(t, c);
    return single;
}

static int write_torch(SnipText *t, const Chain *c, Err *err)
{
    TorchPlan p[STACK_MAX_STAGES];
    for (int k = 0; k < c->n; k++) {
        if (c->kind[k] != STAGE_LAYER)
            continue;
        if (snip_plan_torch(&c->l[k], &p[k], err) != 0)
            return -1;
        if (!p[k].single) {
            char msg[200];
            snprintf(msg, sizeof msg,
                     "nn.Sequential cannot hold stage %d as one layer: PyTorch's padding cannot "
                     "crop like TF here. The chain call by call:",
                     k + 1);
            snip_comment(t, msg);
            return write_torch_f(t, c, err) < 0 ? -1 : 0;
        }
    }
    torch_header(t, c, 0);
    snip_put(t, "net = nn.Sequential(\n");
    for (int k = 0; k < c->n; k++) {
        stage_title(t, c, k);
        if (c->kind[k] != STAGE_LAYER) {
            snip_put(t, "    nn.Upsample(scale_factor=%d, %s),\n", c->scale[k], torch_mode(c, k));
            continue;
        }
        const SnipLayer *l = &c->l[k];
        char args[SNIP_MAX_ARGS][SNIP_ARG_MAX];
        int n = 0;
        snprintf(args[n++], SNIP_ARG_MAX, "%d", l->c_in);
        snprintf(args[n++], SNIP_ARG_MAX, "%d", l->c_out);
        if (c->dims == 1)
            snprintf(args[n++], SNIP_ARG_MAX, "%d", l->k[1]);
        else
            snprintf(args[n++], SNIP_ARG_MAX, "(%d, %d)", l->k[0], l->k[1]);
        n = snip_torch_args(&p[k], args, n);
        snprintf(args[n++], SNIP_ARG_MAX, "bias=%s", c->bias[k] ? "True" : "False");
        snip_call(t, c->dims == 1 ? "    nn.ConvTranspose1d(" : "    nn.ConvTranspose2d(", args,
                  n, "),");
    }
    snip_put(t, ")\nwith torch.no_grad():\n");
    for (int k = 0; k < c->n; k++) {
        if (c->kind[k] != STAGE_LAYER)
            continue;
        snip_put(t, "    net[%d].weight.copy_(weight%d)\n", k, k + 1);
        if (c->bias[k])
            snip_put(t, "    net[%d].bias.copy_(bias%d)\n", k, k + 1);
    }
    snip_put(t, "y = net(x)\n");
    torch_footer(t, c);
    return 1;
}

int snippet_build_stack(SnippetKind kind, const StackSpec *s, const Tensor *input,
                        const StackResult *r, Snippet *out, Err *err)
{
    Chain c;
    memset(out, 0, sizeof *out);
    if (chain_of(s, input, r, &c, err) != 0)
        return -1;
    SnipText t = {.buf = out->text, .cap = sizeof out->text};
    int single;
    switch (kind) {
    case SNIPPET_TF:
        tf_header(&t, &c);
        single = write_tf(&t, &c);
        break;
    case SNIPPET_KERAS: single = write_keras(&t, &c); break;
    case SNIPPET_TORCH: single = write_torch(&t, &c, err); break;
    case SNIPPET_TORCH_F: single = write_torch_f(&t, &c, err); break;
    default: return err_fail(err, TC_ERR_ARG, "snippet kind %d is unknown", (int)kind);
    }
    if (single < 0 || t.overflow) {
        out->text[0] = '\0';
        return single < 0 ? -1
                          : err_fail(err, TC_ERR_LIMIT, "code snippet: more than %d characters",
                                     SNIPPET_TEXT_MAX - 1);
    }
    out->single_call = single;
    return 0;
}
