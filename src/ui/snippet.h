/* snippet.h - the TensorFlow, Keras and PyTorch code that reproduces the
 * current conv2d_transpose exactly, for the code panel and its clipboard key.
 *
 *     ConvGeom g;                                   // from layer_resolve()
 *     Snippet sn;
 *     Err err = {0};
 *     if (snippet_build(SNIPPET_TORCH, &spec, &g, has_bias, &sn, &err) == 0)
 *         ... sn.text (Python, lines separated by '\n'), sn.single_call ...
 *
 * Every snippet starts with its imports and, when the layer is in the other
 * framework's convention, the lines that bring x and the weights over into
 * this framework's layouts. The numbers in each call (output_shape, padding,
 * output_padding, slices) are chosen by trying the candidate spellings
 * through the core's geometry (geom.h) and keeping the first whose output
 * size and crop match the layer's, so a snippet never shows arithmetic the
 * core would not reproduce. When a framework has no single call for the
 * layer (TF SAME with an odd total padding in PyTorch; groups or an extra
 * zero row in TF; explicit padding in Keras) the snippet says so in a comment
 * and gives a multi-step spelling instead, and single_call is 0.
 *
 * Pure C: no scene, no SDL; only core headers. */
#ifndef TCVIZ_SNIPPET_H
#define TCVIZ_SNIPPET_H

#include "core/geom.h"
#include "core/layer.h"
#include "core/status.h"

typedef enum {
    SNIPPET_TF = 0,  /* tf.nn.conv2d_transpose */
    SNIPPET_KERAS,   /* tf.keras.layers.Conv2DTranspose */
    SNIPPET_TORCH,   /* torch.nn.ConvTranspose2d */
    SNIPPET_TORCH_F, /* torch.nn.functional.conv_transpose2d */
    SNIPPET_COUNT
} SnippetKind;

/* Room for the longest snippet (groups and a pad-then-crop together). */
#define SNIPPET_TEXT_MAX 2048

typedef struct {
    char text[SNIPPET_TEXT_MAX];
    int single_call; /* 1: one framework call reproduces the layer */
} Snippet;

/* "TensorFlow", "Keras", "PyTorch", "PyTorch functional". */
const char *snippet_kind_name(SnippetKind kind);

/* The snippet of `kind` for spec (op conv2d_transpose) with geometry g as
 * resolved from it; has_bias adds the bias in each framework's way. Fails
 * with TC_ERR_ARG for another op or a geometry that spec does not give. */
int snippet_build(SnippetKind kind, const LayerSpec *spec, const ConvGeom *g, int has_bias,
                  Snippet *out, Err *err);

#endif
