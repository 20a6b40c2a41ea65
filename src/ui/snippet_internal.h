/* snippet_internal.h - the spellings snippet_plan.c finds for each framework,
 * which snippet.c turns into text. Include only from src/ui/snippet*.c. */
#ifndef TCVIZ_SNIPPET_INTERNAL_H
#define TCVIZ_SNIPPET_INTERNAL_H

#include "snippet.h"

#include "core/equiv.h"
#include "core/vocab.h"

/* The layer as the snippets need it; [0] is height, [1] width. A 1-D
 * layer (dims 1) is the 2-D one with an identity H axis, and is spelled
 * with the frameworks' 1-D calls. */
typedef struct {
    int dims;                   /* 1 or 2 */
    ConvParams own;             /* the layer's parameters, in its own convention */
    int n, c_in, c_out, groups; /* c_in: channels of x; c_out: channels of y */
    int in[2], out[2], k[2], s[2], d[2];
    AxisGeom ax[2]; /* the resolved geometry: pad_before, full, crop_after */
    LayerSpec spec; /* the layer and its geometry, as the core's equivalence takes them */
    ConvGeom g;
} SnipLayer;

typedef struct {
    int single;   /* one TF call (per group) gives the layer (equiv_spatial) */
    LayerSpec tf; /* the call: single, the layer's; else VALID to the full scatter */
    ConvGeom g;   /* what the call computes, for one group's channels */
    int extra[2]; /* !single: pad `extra` at the end of the scatter, then slice */
} TfPlan;

typedef struct {
    int single;     /* padding/output_padding alone give the layer */
    int padding[2]; /* !single: 0, then slice [pad_before, pad_before + out) */
    int output_padding[2];
    LayerSpec torch; /* the call with that padding, in PyTorch's convention (vocab.h) */
    ConvGeom g;      /* what the call computes, every channel and group */
} TorchPlan;

typedef struct {
    int possible;
    int same;   /* padding='same', else 'valid' */
    int has_op; /* output_padding given (else None: Keras's default size) */
    int op[2];
    const char *why; /* !possible: what Keras lacks */
} KerasPlan;

/* The text a snippet is printed into (snippet_text.c). */
typedef struct {
    char *buf;
    size_t cap, len;
    size_t line_start; /* where the current line begins, for wrapping */
    int overflow;
} SnipText;

#define SNIP_ARG_MAX 160 /* one formatted argument (as long as a VocabArg) */
#define SNIP_MAX_ARGS 10

void snip_put(SnipText *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A comment, word-wrapped into "# " lines. */
void snip_comment(SnipText *t, const char *s);
/* head + args joined by ", ", wrapped under the first argument, + tail. */
void snip_call(SnipText *t, const char *head, char args[][SNIP_ARG_MAX], int n, const char *tail);
/* The same call commented out: "# head(...", continuations "#    ...". */
void snip_call_comment(SnipText *t, const char *head, char args[][SNIP_ARG_MAX], int n,
                       const char *tail);

/* Names of one layer's tensors in the text: x is its input ("x", or "y" in
 * a chain), sfx follows the weight and bias names ("" or the stage's
 * number: w2, weight2). */
typedef struct {
    const char *x, *sfx;
} SnipNames;

/* The layer's lines, shared by the single-layer snippets (snippet.c) and
 * the chains (snippet_stack.c). Each returns 1 when one call spells it. */
void snip_tf_weight_from_torch(SnipText *t, const SnipLayer *l, const char *sfx, int has_bias);
int snip_tf_lines(SnipText *t, const SnipLayer *l, int has_bias, const SnipNames *nm);
void snip_torch_weight_from_tf(SnipText *t, const SnipLayer *l, const char *sfx, int has_bias);
/* The arguments after the channels and kernel size (stride=..., ...), as
 * vocab_torch_options spells them. */
int snip_torch_args(const TorchPlan *p, char args[][SNIP_ARG_MAX], int n);
/* "[:, :, 1:7]" or "" when p is single. */
void snip_torch_slice(char buf[64], const SnipLayer *l, const TorchPlan *p);
/* y = F.conv_transposeNd(x, weight, ...) with its crop. */
void snip_torch_f_call(SnipText *t, const SnipLayer *l, const TorchPlan *p, int has_bias,
                       const SnipNames *nm);
/* The arguments of tf.keras.layers.ConvNDTranspose(...) for k.possible. */
int snip_keras_args(const SnipLayer *l, const KerasPlan *k, int has_bias,
                    char args[][SNIP_ARG_MAX]);
/* "NWC [1, 6, 1]" (TF) or "NCW [1, 1, 6]" (PyTorch) for n, c and one size
 * per axis (sp[0] is unused in 1-D). */
const char *snip_data_shape(char buf[64], const SnipLayer *l, int torch, int n, int c,
                            const int sp[2]);

/* Sizes as the snippets write them: a PyTorch/Keras size "2" (1-D, or both
 * axes alike) or "(2, 1)"; a kernel size "3" / "(3, 3)"; a weight shape,
 * spatial sizes first (TF) or last (PyTorch); the layer's kernel axes
 * "k" / "kh, kw"; whether every axis of v is 1. */
const char *snip_pair(char buf[32], const SnipLayer *l, const int v[2]);
const char *snip_ksize(char buf[32], const SnipLayer *l);
const char *snip_wshape(char buf[64], const SnipLayer *l, int torch, int a, int b);
const char *snip_kdims(const SnipLayer *l);
int snip_is_one(const SnipLayer *l, const int v[2]);

/* The whole single-layer PyTorch snippets (snippet_torch.c): 1 when one
 * call reproduces the layer, 0 when it takes steps, -1 on error. */
int snip_write_torch(SnipText *t, const SnipLayer *l, int has_bias, Err *err);
int snip_write_torch_f(SnipText *t, const SnipLayer *l, int has_bias, Err *err);

/* Check spec/g and fill *l; TC_ERR_ARG for another op or a mismatch. */
int snip_layer(const LayerSpec *spec, const ConvGeom *g, SnipLayer *l, Err *err);

void snip_plan_tf(const SnipLayer *l, TfPlan *p);
/* The layer spelled in TF (tf.nn or Keras) runs on GPU only (equiv_gpu_only). */
int snip_gpu_only(const SnipLayer *l);
/* Fails only if not even pad-then-crop reproduces the layer. */
int snip_plan_torch(const SnipLayer *l, TorchPlan *p, Err *err);
void snip_plan_keras(const SnipLayer *l, KerasPlan *p);

#endif
