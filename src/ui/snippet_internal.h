/* snippet_internal.h - the spellings snippet_plan.c finds for each framework,
 * which snippet.c turns into text. Include only from src/ui/snippet*.c. */
#ifndef TCVIZ_SNIPPET_INTERNAL_H
#define TCVIZ_SNIPPET_INTERNAL_H

#include "snippet.h"

/* The layer as the snippets need it; [0] is height, [1] width. */
typedef struct {
    ConvParams own;             /* the layer's parameters, in its own convention */
    int n, c_in, c_out, groups; /* c_in: channels of x; c_out: channels of y */
    int in[2], out[2], k[2], s[2], d[2];
    AxisGeom ax[2]; /* the resolved geometry: pad_before, full, crop_after */
} SnipLayer;

typedef struct {
    int single;   /* one tf.nn.conv2d_transpose call (per group) gives the layer */
    PadMode mode; /* single: the padding argument */
    int pad[4];   /* mode EXPLICIT: top, bottom, left, right */
    int extra[2]; /* !single: VALID to the full size, pad `extra` at the end, slice */
} TfPlan;

typedef struct {
    int single;     /* padding/output_padding alone give the layer */
    int padding[2]; /* !single: 0, then slice [pad_before, pad_before + out) */
    int output_padding[2];
} TorchPlan;

typedef struct {
    int possible;
    int same;   /* padding='same', else 'valid' */
    int has_op; /* output_padding given (else None: Keras's default size) */
    int op[2];
    const char *why; /* !possible: what Keras lacks */
} KerasPlan;

/* Check spec/g and fill *l; TC_ERR_ARG for another op or a mismatch. */
int snip_layer(const LayerSpec *spec, const ConvGeom *g, SnipLayer *l, Err *err);

void snip_plan_tf(const SnipLayer *l, TfPlan *p);
/* Fails only if not even pad-then-crop reproduces the layer. */
int snip_plan_torch(const SnipLayer *l, TorchPlan *p, Err *err);
void snip_plan_keras(const SnipLayer *l, KerasPlan *p);

#endif
