/* snippet.h - the TensorFlow, Keras and PyTorch code that reproduces the
 * current conv2d_transpose or conv1d_transpose exactly, or a stack lesson's
 * whole chain, for the code panel and its clipboard key.
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
#include "core/stack.h"
#include "core/status.h"

typedef enum {
    SNIPPET_TF = 0,  /* tf.nn.conv2d_transpose */
    SNIPPET_KERAS,   /* tf.keras.layers.Conv2DTranspose */
    SNIPPET_TORCH,   /* torch.nn.ConvTranspose2d */
    SNIPPET_TORCH_F, /* torch.nn.functional.conv_transpose2d */
    SNIPPET_COUNT
} SnippetKind;

/* Room for the longest snippet (a 3-stage chain in the other convention;
 * the app's clipboard holds as much). */
#define SNIPPET_TEXT_MAX 4096

typedef struct {
    char text[SNIPPET_TEXT_MAX];
    int single_call; /* 1: one framework call reproduces the layer */
} Snippet;

/* "TensorFlow", "Keras", "PyTorch", "PyTorch functional". */
const char *snippet_kind_name(SnippetKind kind);

/* The snippet of `kind` for spec (op conv2d_transpose, 1-D or 2-D) with geometry g as
 * resolved from it; has_bias adds the bias in each framework's way. Fails
 * with TC_ERR_ARG for another op or a geometry that spec does not give. */
int snippet_build(SnippetKind kind, const LayerSpec *spec, const ConvGeom *g, int has_bias,
                  Snippet *out, Err *err);

/* The whole chain s (its stages' filters and biases set, as lesson_stack
 * gives them), run on `input` as r (stack_run): PyTorch as one
 * nn.Sequential, Keras as one tf.keras.Sequential, TensorFlow and PyTorch
 * functional as one call per stage. Each conv stage is planned like a single
 * layer (its geometry resolved by the core for its real input), and a
 * resize is UpSampling / nn.Upsample / interpolate. When a Sequential
 * cannot hold a stage as one layer the snippet says why and spells the
 * chain call by call; single_call is then 0. Fails with TC_ERR_ARG for a
 * conv (not transposed) stage, which the snippets do not cover. */
int snippet_build_stack(SnippetKind kind, const StackSpec *s, const Tensor *input,
                        const StackResult *r, Snippet *out, Err *err);

#endif
