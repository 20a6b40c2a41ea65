/* test_snippet.c - the code panel's TensorFlow, Keras and PyTorch snippets.
 *
 * The seed examples are compared verbatim. Then a sweep over kernel,
 * stride, dilation, padding and output sizes in both conventions reads the
 * numbers back out of every emitted snippet (output_shape, strides, padding,
 * output_padding, dilation, slices) and resolves them with the core's
 * geometry in the snippet's framework: the result must be the layer's own
 * output size and crop. Keras's sizes are recomputed here from its
 * documented formula, and a "cannot express" is checked by trying every
 * padding and output_padding Keras accepts. */
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
#include "ui/snippet.h"
#include "snippet_read.h"

typedef struct {
    ConvParams p;
    int in_nchw[4]; /* the transposed conv's input x, NCHW */
    int c_out, kh, kw;
    int out_hw[2];
    int bias;
    SnippetKind kind;
    int single;
    const char *text;
} Seed;

static const Seed seeds[] = {
    /* 3x3 -> 6x6, kernel 2, stride 2, SAME (TF): one call in every framework */
    {{.convention = CONV_TF, .stride = {2, 2}, .dilation = {1, 1}, .padding = PAD_SAME},
     {1, 1, 3, 3}, 1, 2, 2, {6, 6}, 0, SNIPPET_TF, 1,
     "import tensorflow as tf\n"
     "# x: NHWC [1, 3, 3, 1]; w: [kh, kw, out, in] = [2, 2, 1, 1]\n"
     "y = tf.nn.conv2d_transpose(x, w, output_shape=[1, 6, 6, 1], strides=[2, 2], padding='SAME')\n"
     "# y: NHWC [1, 6, 6, 1]\n"},
    /* 3x3 -> 6x6, kernel 2, stride 2, SAME (TF): one call in every framework */
    {{.convention = CONV_TF, .stride = {2, 2}, .dilation = {1, 1}, .padding = PAD_SAME},
     {1, 1, 3, 3}, 1, 2, 2, {6, 6}, 0, SNIPPET_KERAS, 1,
     "import tensorflow as tf\n"
     "# x: NHWC [1, 3, 3, 1]; kernel: [kh, kw, out, in] = [2, 2, 1, 1]\n"
     "layer = tf.keras.layers.Conv2DTranspose(1, (2, 2), strides=2, padding='same', use_bias=False)\n"
     "layer.build(x.shape)\n"
     "layer.set_weights([w])\n"
     "y = layer(x)\n"
     "# y: NHWC [1, 6, 6, 1]\n"},
    /* 3x3 -> 6x6, kernel 2, stride 2, SAME (TF): one call in every framework */
    {{.convention = CONV_TF, .stride = {2, 2}, .dilation = {1, 1}, .padding = PAD_SAME},
     {1, 1, 3, 3}, 1, 2, 2, {6, 6}, 0, SNIPPET_TORCH, 1,
     "import torch\n"
     "from torch import nn\n"
     "# from TF layouts (NumPy arrays): x NHWC -> NCHW,\n"
     "# w [kh, kw, out, in] -> weight [in, out, kh, kw]\n"
     "x = torch.tensor(x).permute(0, 3, 1, 2)\n"
     "weight = torch.tensor(w).permute(3, 2, 0, 1)\n"
     "# x: NCHW [1, 1, 3, 3]; weight: [in, out/groups, kh, kw] = [1, 1, 2, 2]\n"
     "conv = nn.ConvTranspose2d(1, 1, (2, 2), stride=(2, 2), padding=(0, 0), output_padding=(0, 0),\n"
     "                          bias=False)\n"
     "with torch.no_grad(): conv.weight.copy_(weight)\n"
     "y = conv(x)\n"
     "# y: NCHW [1, 1, 6, 6]\n"
     "y = y.permute(0, 2, 3, 1)  # NHWC [1, 6, 6, 1], as TF returns it\n"},
    /* 3x3 -> 6x6, kernel 2, stride 2, SAME (TF): one call in every framework */
    {{.convention = CONV_TF, .stride = {2, 2}, .dilation = {1, 1}, .padding = PAD_SAME},
     {1, 1, 3, 3}, 1, 2, 2, {6, 6}, 0, SNIPPET_TORCH_F, 1,
     "import torch\n"
     "import torch.nn.functional as F\n"
     "# from TF layouts (NumPy arrays): x NHWC -> NCHW,\n"
     "# w [kh, kw, out, in] -> weight [in, out, kh, kw]\n"
     "x = torch.tensor(x).permute(0, 3, 1, 2)\n"
     "weight = torch.tensor(w).permute(3, 2, 0, 1)\n"
     "# x: NCHW [1, 1, 3, 3]; weight: [in, out/groups, kh, kw] = [1, 1, 2, 2]\n"
     "y = F.conv_transpose2d(x, weight, stride=(2, 2), padding=(0, 0), output_padding=(0, 0))\n"
     "# y: NCHW [1, 1, 6, 6]\n"
     "y = y.permute(0, 2, 3, 1)  # NHWC [1, 6, 6, 1], as TF returns it\n"},
    /* 3x5 -> 6x10, kernel 2, stride 2, VALID (TF) */
    {{.convention = CONV_TF, .stride = {2, 2}, .dilation = {1, 1}, .padding = PAD_VALID},
     {1, 1, 3, 5}, 1, 2, 2, {6, 10}, 0, SNIPPET_TF, 1,
     "import tensorflow as tf\n"
     "# x: NHWC [1, 3, 5, 1]; w: [kh, kw, out, in] = [2, 2, 1, 1]\n"
     "y = tf.nn.conv2d_transpose(x, w, output_shape=[1, 6, 10, 1], strides=[2, 2], padding='VALID')\n"
     "# y: NHWC [1, 6, 10, 1]\n"},
    /* 3x5 -> 6x10, kernel 2, stride 2, VALID (TF) */
    {{.convention = CONV_TF, .stride = {2, 2}, .dilation = {1, 1}, .padding = PAD_VALID},
     {1, 1, 3, 5}, 1, 2, 2, {6, 10}, 0, SNIPPET_TORCH, 1,
     "import torch\n"
     "from torch import nn\n"
     "# from TF layouts (NumPy arrays): x NHWC -> NCHW,\n"
     "# w [kh, kw, out, in] -> weight [in, out, kh, kw]\n"
     "x = torch.tensor(x).permute(0, 3, 1, 2)\n"
     "weight = torch.tensor(w).permute(3, 2, 0, 1)\n"
     "# x: NCHW [1, 1, 3, 5]; weight: [in, out/groups, kh, kw] = [1, 1, 2, 2]\n"
     "conv = nn.ConvTranspose2d(1, 1, (2, 2), stride=(2, 2), padding=(0, 0), output_padding=(0, 0),\n"
     "                          bias=False)\n"
     "with torch.no_grad(): conv.weight.copy_(weight)\n"
     "y = conv(x)\n"
     "# y: NCHW [1, 1, 6, 10]\n"
     "y = y.permute(0, 2, 3, 1)  # NHWC [1, 6, 10, 1], as TF returns it\n"},
    /* 3x3 -> 6x6, kernel 3, stride 2, SAME (TF), bias: odd total padding 1, no single PyTorch call */
    {{.convention = CONV_TF, .stride = {2, 2}, .dilation = {1, 1}, .padding = PAD_SAME},
     {1, 1, 3, 3}, 1, 3, 3, {6, 6}, 1, SNIPPET_TF, 1,
     "import tensorflow as tf\n"
     "# x: NHWC [1, 3, 3, 1]; w: [kh, kw, out, in] = [3, 3, 1, 1]\n"
     "y = tf.nn.conv2d_transpose(x, w, output_shape=[1, 6, 6, 1], strides=[2, 2], padding='SAME')\n"
     "y = tf.nn.bias_add(y, b)  # b: [out] = [1]\n"
     "# y: NHWC [1, 6, 6, 1]\n"},
    /* 3x3 -> 6x6, kernel 3, stride 2, SAME (TF), bias: odd total padding 1, no single PyTorch call */
    {{.convention = CONV_TF, .stride = {2, 2}, .dilation = {1, 1}, .padding = PAD_SAME},
     {1, 1, 3, 3}, 1, 3, 3, {6, 6}, 1, SNIPPET_TORCH, 0,
     "import torch\n"
     "from torch import nn\n"
     "# from TF layouts (NumPy arrays): x NHWC -> NCHW,\n"
     "# w [kh, kw, out, in] -> weight [in, out, kh, kw]\n"
     "x = torch.tensor(x).permute(0, 3, 1, 2)\n"
     "weight = torch.tensor(w).permute(3, 2, 0, 1)\n"
     "bias = torch.tensor(b)\n"
     "# x: NCHW [1, 1, 3, 3]; weight: [in, out/groups, kh, kw] = [1, 1, 3, 3]\n"
     "# No single PyTorch spelling: TF crops 0 top, 1 bottom, 0 left, 1 right here\n"
     "# (SAME with an odd total padding puts the extra row at the end),\n"
     "# but PyTorch's padding crops both ends equally and output_padding only adds rows at\n"
     "# the end. So: padding=0 for the uncropped 7x7 output, then slice [top:top+H, left:left+W].\n"
     "conv = nn.ConvTranspose2d(1, 1, (3, 3), stride=(2, 2), padding=(0, 0), output_padding=(0, 0),\n"
     "                          bias=True)\n"
     "with torch.no_grad(): conv.weight.copy_(weight); conv.bias.copy_(bias)\n"
     "y = conv(x)[:, :, 0:6, 0:6]\n"
     "# y: NCHW [1, 1, 6, 6]\n"
     "y = y.permute(0, 2, 3, 1)  # NHWC [1, 6, 6, 1], as TF returns it\n"},
    /* 3x3 -> 6x6, kernel 3, stride 2, SAME (TF), bias: odd total padding 1, no single PyTorch call */
    {{.convention = CONV_TF, .stride = {2, 2}, .dilation = {1, 1}, .padding = PAD_SAME},
     {1, 1, 3, 3}, 1, 3, 3, {6, 6}, 1, SNIPPET_TORCH_F, 0,
     "import torch\n"
     "import torch.nn.functional as F\n"
     "# from TF layouts (NumPy arrays): x NHWC -> NCHW,\n"
     "# w [kh, kw, out, in] -> weight [in, out, kh, kw]\n"
     "x = torch.tensor(x).permute(0, 3, 1, 2)\n"
     "weight = torch.tensor(w).permute(3, 2, 0, 1)\n"
     "bias = torch.tensor(b)\n"
     "# x: NCHW [1, 1, 3, 3]; weight: [in, out/groups, kh, kw] = [1, 1, 3, 3]\n"
     "# No single PyTorch spelling: TF crops 0 top, 1 bottom, 0 left, 1 right here\n"
     "# (SAME with an odd total padding puts the extra row at the end),\n"
     "# but PyTorch's padding crops both ends equally and output_padding only adds rows at\n"
     "# the end. So: padding=0 for the uncropped 7x7 output, then slice [top:top+H, left:left+W].\n"
     "y = F.conv_transpose2d(x, weight, bias=bias, stride=(2, 2), padding=(0, 0),\n"
     "                       output_padding=(0, 0))[:, :, 0:6, 0:6]\n"
     "# y: NCHW [1, 1, 6, 6]\n"
     "y = y.permute(0, 2, 3, 1)  # NHWC [1, 6, 6, 1], as TF returns it\n"},
    /* dilation: TF 3x3 -> 3x3, kernel 3, dilation 2, SAME is PyTorch padding=2 */
    {{.convention = CONV_TF, .stride = {1, 1}, .dilation = {2, 2}, .padding = PAD_SAME},
     {1, 1, 3, 3}, 1, 3, 3, {3, 3}, 0, SNIPPET_TORCH, 1,
     "import torch\n"
     "from torch import nn\n"
     "# from TF layouts (NumPy arrays): x NHWC -> NCHW,\n"
     "# w [kh, kw, out, in] -> weight [in, out, kh, kw]\n"
     "x = torch.tensor(x).permute(0, 3, 1, 2)\n"
     "weight = torch.tensor(w).permute(3, 2, 0, 1)\n"
     "# x: NCHW [1, 1, 3, 3]; weight: [in, out/groups, kh, kw] = [1, 1, 3, 3]\n"
     "conv = nn.ConvTranspose2d(1, 1, (3, 3), stride=(1, 1), padding=(2, 2), output_padding=(0, 0),\n"
     "                          dilation=(2, 2), bias=False)\n"
     "with torch.no_grad(): conv.weight.copy_(weight)\n"
     "y = conv(x)\n"
     "# y: NCHW [1, 1, 3, 3]\n"
     "y = y.permute(0, 2, 3, 1)  # NHWC [1, 3, 3, 1], as TF returns it\n"},
    /* dilation: PyTorch k3 d2 s1 output_padding 1 adds a zero row no single TF call adds */
    {{.convention = CONV_TORCH, .stride = {1, 1}, .dilation = {2, 2}, .padding = PAD_EXPLICIT,
      .pad = {0, 0, 0, 0}, .output_padding = {1, 1}},
     {1, 1, 3, 3}, 1, 3, 3, {8, 8}, 0, SNIPPET_TF, 0,
     "import numpy as np\n"
     "import tensorflow as tf\n"
     "# from PyTorch layouts (NumPy arrays): x NCHW -> NHWC,\n"
     "# weight [in, out, kh, kw] -> w [kh, kw, out, in]\n"
     "x = np.transpose(x, (0, 2, 3, 1))\n"
     "w = np.transpose(weight, (2, 3, 1, 0))\n"
     "# x: NHWC [1, 3, 3, 1]; w: [kh, kw, out, in] = [3, 3, 1, 1]\n"
     "# No single tf.nn.conv2d_transpose call: its output_shape cannot add this many\n"
     "# zero rows past the 7x7 scatter. So: the scatter with padding='VALID',\n"
     "# then pad it and slice [top:top+H, left:left+W].\n"
     "y = tf.nn.conv2d_transpose(x, w, output_shape=[1, 7, 7, 1], strides=[1, 1], padding='VALID',\n"
     "                           dilations=[2, 2])\n"
     "# GPU only: TF's CPU kernels refuse dilations > 1. On CPU, the same layer:\n"
     "# wd = np.zeros((5, 5) + w.shape[2:], w.dtype); wd[::2, ::2] = w\n"
     "# y = tf.nn.conv2d_transpose(x, wd, output_shape=[1, 7, 7, 1], strides=[1, 1], padding='VALID')\n"
     "y = tf.pad(y, [[0, 0], [0, 1], [0, 1], [0, 0]])\n"
     "y = y[:, 0:8, 0:8, :]\n"
     "# y: NHWC [1, 8, 8, 1]\n"},
    /* groups: PyTorch 4 -> 6 channels in 2 groups, kernel 3, stride 2, padding 1, bias */
    {{.convention = CONV_TORCH, .stride = {2, 2}, .dilation = {1, 1}, .padding = PAD_EXPLICIT,
      .pad = {1, 1, 1, 1}, .groups = 2},
     {1, 4, 3, 3}, 6, 3, 3, {5, 5}, 1, SNIPPET_TF, 0,
     "import numpy as np\n"
     "import tensorflow as tf\n"
     "# from PyTorch layouts (NumPy arrays): x NCHW -> NHWC,\n"
     "# weight [in, out/groups, kh, kw] -> w [kh, kw, out/groups, in]\n"
     "x = np.transpose(x, (0, 2, 3, 1))\n"
     "w = np.transpose(weight, (2, 3, 1, 0))\n"
     "b = bias\n"
     "# x: NHWC [1, 3, 3, 4]; w: [kh, kw, out/groups, in] = [3, 3, 3, 4]\n"
     "# TF has no groups: one call per group (2 groups of 2 input -> 3 output channels), then\n"
     "# concatenate\n"
     "ys = [tf.nn.conv2d_transpose(x[..., 2*g:2*g+2], w[..., 2*g:2*g+2], output_shape=[1, 5, 5, 3],\n"
     "                             strides=[2, 2], padding='SAME') for g in range(2)]\n"
     "y = tf.concat(ys, axis=-1)\n"
     "y = tf.nn.bias_add(y, b)  # b: [out] = [6]\n"
     "# y: NHWC [1, 5, 5, 6]\n"},
    /* groups: PyTorch 4 -> 6 channels in 2 groups, kernel 3, stride 2, padding 1, bias */
    {{.convention = CONV_TORCH, .stride = {2, 2}, .dilation = {1, 1}, .padding = PAD_EXPLICIT,
      .pad = {1, 1, 1, 1}, .groups = 2},
     {1, 4, 3, 3}, 6, 3, 3, {5, 5}, 1, SNIPPET_TORCH, 1,
     "import torch\n"
     "from torch import nn\n"
     "# x: NCHW [1, 4, 3, 3]; weight: [in, out/groups, kh, kw] = [4, 3, 3, 3]\n"
     "conv = nn.ConvTranspose2d(4, 6, (3, 3), stride=(2, 2), padding=(1, 1), output_padding=(0, 0),\n"
     "                          groups=2, bias=True)\n"
     "with torch.no_grad(): conv.weight.copy_(weight); conv.bias.copy_(bias)\n"
     "y = conv(x)\n"
     "# y: NCHW [1, 6, 5, 5]\n"},
    /* PyTorch k3 s2 padding 1 output_padding 1: explicit padding in TF, not expressible in Keras */
    {{.convention = CONV_TORCH, .stride = {2, 2}, .dilation = {1, 1}, .padding = PAD_EXPLICIT,
      .pad = {1, 1, 1, 1}, .output_padding = {1, 1}},
     {1, 1, 3, 3}, 1, 3, 3, {6, 6}, 0, SNIPPET_TF, 1,
     "import numpy as np\n"
     "import tensorflow as tf\n"
     "# from PyTorch layouts (NumPy arrays): x NCHW -> NHWC,\n"
     "# weight [in, out, kh, kw] -> w [kh, kw, out, in]\n"
     "x = np.transpose(x, (0, 2, 3, 1))\n"
     "w = np.transpose(weight, (2, 3, 1, 0))\n"
     "# x: NHWC [1, 3, 3, 1]; w: [kh, kw, out, in] = [3, 3, 1, 1]\n"
     "y = tf.nn.conv2d_transpose(x, w, output_shape=[1, 6, 6, 1], strides=[2, 2],\n"
     "                           padding=[[0, 0], [1, 0], [1, 0], [0, 0]])\n"
     "# y: NHWC [1, 6, 6, 1]\n"},
    /* PyTorch k3 s2 padding 1 output_padding 1: explicit padding in TF, not expressible in Keras */
    {{.convention = CONV_TORCH, .stride = {2, 2}, .dilation = {1, 1}, .padding = PAD_EXPLICIT,
      .pad = {1, 1, 1, 1}, .output_padding = {1, 1}},
     {1, 1, 3, 3}, 1, 3, 3, {6, 6}, 0, SNIPPET_KERAS, 0,
     "import numpy as np\n"
     "import tensorflow as tf\n"
     "# from PyTorch layouts (NumPy arrays): x NCHW -> NHWC,\n"
     "# weight [in, out, kh, kw] -> w [kh, kw, out, in]\n"
     "x = np.transpose(x, (0, 2, 3, 1))\n"
     "w = np.transpose(weight, (2, 3, 1, 0))\n"
     "# Keras's Conv2DTranspose cannot express this layer: neither padding='same' nor 'valid'\n"
     "# with output_padding < strides gives this size and crop. Use tf.nn.conv2d_transpose\n"
     "# instead:\n"
     "# x: NHWC [1, 3, 3, 1]; w: [kh, kw, out, in] = [3, 3, 1, 1]\n"
     "y = tf.nn.conv2d_transpose(x, w, output_shape=[1, 6, 6, 1], strides=[2, 2],\n"
     "                           padding=[[0, 0], [1, 0], [1, 0], [0, 0]])\n"
     "# y: NHWC [1, 6, 6, 1]\n"},
};

static LayerSpec spec_of(const ConvParams *p)
{
    LayerSpec s = {.op = OP_CONV2D_TRANSPOSE, .params = *p};
    return s;
}

static void test_seeds(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof seeds / sizeof seeds[0]; i++) {
        const Seed *sd = &seeds[i];
        ConvGeom g;
        Err err = {0};
        if (geom_conv2d_transpose(&sd->p, sd->in_nchw, sd->c_out, sd->kh, sd->kw, sd->out_hw, &g,
                                  &err) != 0)
            fail_msg("seed %zu: %s", i, err.msg);
        LayerSpec spec = spec_of(&sd->p);
        Snippet sn;
        if (snippet_build(sd->kind, &spec, &g, sd->bias, &sn, &err) != 0)
            fail_msg("seed %zu: %s", i, err.msg);
        if (strcmp(sn.text, sd->text) != 0)
            fail_msg("seed %zu (%s):\n--- got\n%s--- expected\n%s", i,
                     snippet_kind_name(sd->kind), sn.text, sd->text);
        assert_int_equal(sn.single_call, sd->single);
    }
}

/* ---- reading numbers back out of a snippet ------------------------------------- */

/* The text right after `key`, which must occur (once is enough: each key is
 * written once per call). */
static const char *after(const char *text, const char *key)
{
    const char *p = find_key(text, key);
    if (!p)
        fail_msg("no '%s' in:\n%s", key, text);
    return p + strlen(key);
}

/* "2", "(2, 1)" or TF's "[2, 1]" into v[2]; 0 when key is absent. */
static int read_pair(const char *text, const char *key, int v[2])
{
    const char *p = find_key(text, key);
    if (!p)
        return 0;
    p += strlen(key);
    if (sscanf(p, "(%d, %d)", &v[0], &v[1]) == 2 || sscanf(p, "[%d, %d]", &v[0], &v[1]) == 2)
        return 1;
    if (sscanf(p, "%d", &v[0]) == 1) {
        v[1] = v[0];
        return 1;
    }
    fail_msg("cannot read %s in:\n%s", key, text);
    return 0;
}

/* The layer as the snippet must reproduce it, per axis. */
typedef struct {
    int in[2], k[2], s[2], d[2], out[2], pad_before[2], full[2];
    int n, c_in, c_out, groups;
} Target;

static Target target_of(const ConvGeom *g)
{
    Target t = {.n = g->n, .c_in = g->c_conv_out, .c_out = g->c_conv_in, .groups = g->groups};
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

static void check_strides_dilation(const char *text, const Target *t, const char *skey,
                                   const char *dkey)
{
    int s[2], d[2] = {1, 1};
    assert_true(read_pair(text, skey, s));
    read_pair(text, dkey, d);
    assert_int_equal(s[0], t->s[0]);
    assert_int_equal(s[1], t->s[1]);
    assert_int_equal(d[0], t->d[0]);
    assert_int_equal(d[1], t->d[1]);
}

/* Resolve a TF spelling for the layer's input and kernel. */
static int tf_resolve(const Target *t, PadMode mode, const int pad[4], const int out[2],
                      ConvGeom *g)
{
    ConvParams p = {.convention = CONV_TF, .stride = {t->s[0], t->s[1]},
                    .dilation = {t->d[0], t->d[1]}, .padding = mode};
    if (pad)
        memcpy(p.pad, pad, sizeof p.pad);
    return geom_conv2d_transpose(&p, (int[4]){1, 1, t->in[0], t->in[1]}, 1, t->k[0], t->k[1], out,
                                 g, NULL);
}

static void check_tf(const char *text, const Target *t, int single)
{
    int shape[4], pad[4] = {0, 0, 0, 0};
    PadMode mode = PAD_VALID; /* set below, or the test fails */
    check_strides_dilation(text, t, "strides=", "dilations=");
    assert_int_equal(sscanf(after(text, "output_shape="), "[%d, %d, %d, %d]", &shape[0],
                            &shape[1], &shape[2], &shape[3]),
                     4);
    assert_int_equal(shape[0], t->n);
    assert_int_equal(shape[3], t->c_out / t->groups);
    const char *pm = after(text, "padding=");
    if (strncmp(pm, "'SAME'", 6) == 0)
        mode = PAD_SAME;
    else if (strncmp(pm, "'VALID'", 7) == 0)
        mode = PAD_VALID;
    else if (sscanf(pm, "[[0, 0], [%d, %d], [%d, %d], [0, 0]]", &pad[0], &pad[1], &pad[2],
                    &pad[3]) == 4)
        mode = PAD_EXPLICIT;
    else
        fail_msg("unreadable padding in:\n%s", text);
    ConvGeom g;
    if (tf_resolve(t, mode, pad, shape + 1, &g) != 0)
        fail_msg("TF rejects its own snippet:\n%s", text);
    const char *crop = strstr(text, "y = y[:, ");
    assert_int_equal(single, crop == NULL && t->groups == 1);
    if (!crop) { /* one call: TF's own size and crop are the layer's */
        assert_int_equal(g.h.conv_in, t->out[0]);
        assert_int_equal(g.w.conv_in, t->out[1]);
        assert_int_equal(g.h.pad_before, t->pad_before[0]);
        assert_int_equal(g.w.pad_before, t->pad_before[1]);
        return;
    }
    /* VALID to the whole scatter, zero rows appended, then the window. */
    int extra[2] = {0, 0}, a0, a1, b0, b1;
    assert_int_equal(mode, PAD_VALID);
    assert_int_equal(g.h.conv_in, t->full[0]);
    assert_int_equal(g.w.conv_in, t->full[1]);
    const char *padline = strstr(text, "y = tf.pad(y, ");
    if (padline)
        assert_int_equal(sscanf(padline, "y = tf.pad(y, [[0, 0], [0, %d], [0, %d], [0, 0]])",
                                &extra[0], &extra[1]),
                         2);
    assert_int_equal(sscanf(crop, "y = y[:, %d:%d, %d:%d, :]", &a0, &a1, &b0, &b1), 4);
    assert_int_equal(a0, t->pad_before[0]);
    assert_int_equal(b0, t->pad_before[1]);
    assert_int_equal(a1 - a0, t->out[0]);
    assert_int_equal(b1 - b0, t->out[1]);
    assert_true(a1 <= t->full[0] + extra[0] && b1 <= t->full[1] + extra[1]);
}

static void check_torch(const char *text, const Target *t, int single)
{
    int pad[2], op[2], groups = 1;
    check_strides_dilation(text, t, "stride=", "dilation=");
    assert_true(read_pair(text, "padding=", pad));
    assert_true(read_pair(text, "output_padding=", op));
    const char *gp = find_key(text, "groups=");
    if (gp)
        assert_int_equal(sscanf(gp, "groups=%d", &groups), 1);
    assert_int_equal(groups, t->groups);
    ConvParams p = {.convention = CONV_TORCH, .stride = {t->s[0], t->s[1]},
                    .dilation = {t->d[0], t->d[1]}, .padding = PAD_EXPLICIT,
                    .pad = {pad[0], pad[0], pad[1], pad[1]}, .output_padding = {op[0], op[1]},
                    .groups = groups};
    ConvGeom g;
    if (geom_conv2d_transpose(&p, (int[4]){t->n, t->c_in, t->in[0], t->in[1]}, t->c_out, t->k[0],
                              t->k[1], NULL, &g, NULL) != 0)
        fail_msg("PyTorch rejects its own snippet:\n%s", text);
    const char *crop = strstr(text, "[:, :, ");
    assert_int_equal(single, crop == NULL);
    if (!crop) {
        assert_int_equal(g.h.conv_in, t->out[0]);
        assert_int_equal(g.w.conv_in, t->out[1]);
        assert_int_equal(g.h.pad_before, t->pad_before[0]);
        assert_int_equal(g.w.pad_before, t->pad_before[1]);
        return;
    }
    int a0, a1, b0, b1;
    assert_int_equal(sscanf(crop, "[:, :, %d:%d, %d:%d]", &a0, &a1, &b0, &b1), 4);
    /* With padding 0, output row j is scatter row j. */
    assert_int_equal(pad[0], 0);
    assert_int_equal(pad[1], 0);
    assert_int_equal(a0, t->pad_before[0]);
    assert_int_equal(b0, t->pad_before[1]);
    assert_int_equal(a1 - a0, t->out[0]);
    assert_int_equal(b1 - b0, t->out[1]);
    assert_true(a1 <= g.h.conv_in && b1 <= g.w.conv_in);
}

/* Keras's documented output length (deconv_output_length). */
static int keras_length(int in, int k, int d, int s, int same, int has_op, int op)
{
    int ke = d * (k - 1) + 1;
    if (!has_op)
        return same ? in * s : in * s + (ke - s > 0 ? ke - s : 0);
    return (in - 1) * s + ke - (same ? 2 * (ke / 2) : 0) + op;
}

/* Whether Keras with this padding and output_padding gives the layer. */
static int keras_gives(const Target *t, int same, int has_op, const int op[2])
{
    int out[2];
    for (int a = 0; a < 2; a++) {
        if (has_op && (op[a] < 0 || op[a] >= t->s[a]))
            return 0;
        out[a] = keras_length(t->in[a], t->k[a], t->d[a], t->s[a], same, has_op, op[a]);
        if (out[a] < 1) /* (and 0 would ask the core for TF's default) */
            return 0;
    }
    ConvGeom g;
    return tf_resolve(t, same ? PAD_SAME : PAD_VALID, NULL, out, &g) == 0 &&
           g.h.conv_in == t->out[0] && g.w.conv_in == t->out[1] &&
           g.h.pad_before == t->pad_before[0] && g.w.pad_before == t->pad_before[1];
}

static void check_keras(const char *text, const Target *t, int single)
{
    if (strstr(text, "cannot express")) {
        assert_int_equal(single, 0);
        int strided_dilated = (t->s[0] > 1 || t->s[1] > 1) && (t->d[0] > 1 || t->d[1] > 1);
        if (t->groups > 1 || strided_dilated)
            return;
        for (int same = 0; same < 2; same++) {
            assert_false(keras_gives(t, same, 0, (int[2]){0, 0}));
            for (int oh = 0; oh < t->s[0]; oh++)
                for (int ow = 0; ow < t->s[1]; ow++)
                    if (keras_gives(t, same, 1, (int[2]){oh, ow}))
                        fail_msg("Keras can: same=%d output_padding=(%d, %d):\n%s", same, oh, ow,
                                 text);
        }
        return;
    }
    assert_int_equal(single, 1);
    assert_int_equal(t->groups, 1);
    check_strides_dilation(text, t, "strides=", "dilation_rate=");
    int op[2] = {0, 0};
    int has_op = read_pair(text, "output_padding=", op);
    const char *pm = after(text, "padding='");
    assert_true(strncmp(pm, "same'", 5) == 0 || strncmp(pm, "valid'", 6) == 0);
    assert_true(keras_gives(t, pm[0] == 's', has_op, op));
}

/* Build every snippet of the layer and check each against the core. */
static void check_layer(const ConvParams *p, const int in_nchw[4], int c_out, int k,
                        const int out_hw[2], int bias)
{
    ConvGeom g;
    if (geom_conv2d_transpose(p, in_nchw, c_out, k, k, out_hw, &g, NULL) != 0)
        return; /* not a layer */
    LayerSpec spec = spec_of(p);
    Target t = target_of(&g);
    for (int kind = 0; kind < SNIPPET_COUNT; kind++) {
        Snippet sn;
        Err err = {0};
        if (snippet_build((SnippetKind)kind, &spec, &g, bias, &sn, &err) != 0)
            fail_msg("%s: %s", snippet_kind_name((SnippetKind)kind), err.msg);
        check_lines(sn.text);
        char yline[64];
        if (kind == SNIPPET_TORCH || kind == SNIPPET_TORCH_F)
            snprintf(yline, sizeof yline, "# y: NCHW [%d, %d, %d, %d]\n", t.n, t.c_out, t.out[0],
                     t.out[1]);
        else
            snprintf(yline, sizeof yline, "# y: NHWC [%d, %d, %d, %d]\n", t.n, t.out[0], t.out[1],
                     t.c_out);
        assert_non_null(strstr(sn.text, yline));
        /* The bias is added the framework's way exactly when there is one. */
        const char *with_bias = kind == SNIPPET_TORCH     ? "bias=True"
                                : kind == SNIPPET_TORCH_F ? "bias=bias"
                                : strstr(sn.text, "Conv2DTranspose(") ? "use_bias=True"
                                                                      : "tf.nn.bias_add(y, b)";
        assert_int_equal(strstr(sn.text, with_bias) != NULL, bias);
        switch (kind) {
        case SNIPPET_TF: check_tf(sn.text, &t, sn.single_call); break;
        case SNIPPET_KERAS: check_keras(sn.text, &t, sn.single_call); break;
        default: check_torch(sn.text, &t, sn.single_call); break;
        }
    }
}

static void test_sweep_tf(void **state)
{
    (void)state;
    static const int pads[][4] = {{0, 1, 0, 1}, {1, 0, 2, 0}, {2, 1, 1, 2}};
    for (int in = 1; in <= 4; in++)
        for (int k = 1; k <= 4; k++)
            for (int s = 1; s <= 3; s++)
                for (int d = 1; d <= 2; d++)
                    for (int m = 0; m < 5; m++) {
                        ConvParams p = {.convention = CONV_TF, .stride = {s, s}, .dilation = {d, d},
                                        .padding = m == 0 ? PAD_SAME : m == 1 ? PAD_VALID
                                                                              : PAD_EXPLICIT};
                        if (m >= 2)
                            memcpy(p.pad, pads[m - 2], sizeof p.pad);
                        /* every legal output height, the default width */
                        int lo, hi;
                        if (geom_tf_legal_range(&p, 0, in, k, &lo, &hi) != 0)
                            continue;
                        for (int out = lo; out <= hi; out++)
                            check_layer(&p, (int[4]){1, 2, in, in + 1}, 3, k, (int[2]){out, 0},
                                        (in + out) % 2);
                    }
}

static void test_sweep_torch(void **state)
{
    (void)state;
    for (int in = 1; in <= 4; in++)
        for (int k = 1; k <= 4; k++)
            for (int s = 1; s <= 3; s++)
                for (int d = 1; d <= 2; d++)
                    for (int pad = 0; pad <= 2; pad++)
                        for (int op = 0; op < (s > d ? s : d); op++)
                            for (int groups = 1; groups <= 2; groups++) {
                                ConvParams p = {.convention = CONV_TORCH, .stride = {s, 1},
                                                .dilation = {d, d}, .padding = PAD_EXPLICIT,
                                                .pad = {pad, pad, 0, 0},
                                                .output_padding = {op, 0}, .groups = groups};
                                check_layer(&p, (int[4]){1, 2 * groups, in, 3}, 2 * groups, k,
                                            NULL, (in + op) % 2);
                            }
}

static void test_refusals(void **state)
{
    (void)state;
    ConvParams p = {.convention = CONV_TF, .stride = {2, 2}, .padding = PAD_SAME};
    ConvGeom g;
    Err err = {0};
    assert_int_equal(
        geom_conv2d_transpose(&p, (int[4]){1, 1, 3, 3}, 1, 2, 2, (int[2]){6, 6}, &g, &err), 0);
    Snippet sn;
    LayerSpec spec = {.op = OP_CONV2D, .params = p};
    assert_int_equal(snippet_build(SNIPPET_TF, &spec, &g, 0, &sn, &err), -1);
    assert_int_equal(err.code, TC_ERR_ARG);
    assert_string_equal(err.msg, "code snippets cover conv2d_transpose only, not conv2d");
    assert_string_equal(sn.text, "");

    /* A geometry the parameters do not give (VALID would not crop). */
    spec = spec_of(&p);
    spec.params.padding = PAD_VALID;
    g.h.pad_before = 1;
    assert_int_equal(snippet_build(SNIPPET_TORCH, &spec, &g, 0, &sn, &err), -1);
    assert_int_equal(err.code, TC_ERR_ARG);
    assert_string_equal(err.msg, "code snippets: the geometry (3x3 -> 6x6) is not what the "
                                 "layer's parameters give");

    assert_string_equal(snippet_kind_name(SNIPPET_TF), "TensorFlow");
    assert_string_equal(snippet_kind_name(SNIPPET_KERAS), "Keras");
    assert_string_equal(snippet_kind_name(SNIPPET_TORCH), "PyTorch");
    assert_string_equal(snippet_kind_name(SNIPPET_TORCH_F), "PyTorch functional");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seeds),       cmocka_unit_test(test_sweep_tf),
        cmocka_unit_test(test_sweep_torch), cmocka_unit_test(test_refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
