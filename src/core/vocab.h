/* vocab.h - one way to say each thing, for every part of tcviz that talks
 * about a layer (the window, the code view, `tcviz explain`, `tcviz shape`):
 *
 * - numbers: the shortest text that reads back as the same float32 (1.5,
 *   0.1, 3), integers without a point, -0 as 0; what the tensors hold, not a
 *   rounding of it. vocab_number says when 6 significant digits were not
 *   enough (the caller marks the value as rounded);
 * - elements: var[...] with the indices in the convention's own layout order,
 *   as one would index the framework's tensor: x[n,i,j,c] for TF (NHWC),
 *   x[n,c,i,j] for PyTorch (NCHW); shapes as [a, b, c, d] ([n, w, c] for a
 *   1-D layer);
 * - calls: the framework function with its arguments in the order of its
 *   signature (tf.nn.conv2d_transpose, F.conv_transpose2d, the 1-D calls
 *   for a 1-D layer, ...).
 *
 *     VocabArg args[VOCAB_MAX_ARGS];
 *     const char *name;
 *     int n = vocab_call(&spec, &g, 0, args, &name);
 *     // name "tf.nn.conv2d_transpose", args "x", "w", "output_shape=[1, 6, 6, 1]", ...
 */
#ifndef TCVIZ_VOCAB_H
#define TCVIZ_VOCAB_H

#include <stddef.h>

#include "core/equiv.h"
#include "core/layer.h"
#include "core/strbuf.h"

/* v as text; 1 when exact, 0 when it needed more than 6 significant
 * digits (buf then holds the 6-digit rounding). */
int vocab_number(char *buf, size_t cap, double v);

/* "x[n,i,j,c]" (TF) / "x[n,c,i,j]" (PyTorch) for element (n, c, i, j) of a
 * data tensor named var. */
void vocab_element(char *buf, size_t cap, const char *var, Convention conv, int n, int c, int i,
                   int j);

/* "[a, b, c, d]" */
void vocab_dims(char *buf, size_t cap, const int d[4]);
/* The same shape as a layer of `dims` (1 or 2) spells it: "[n, w, c]" for a
 * 1-D layer's tensor stored in `layout` with a height of 1. */
void vocab_dims_layer(char *buf, size_t cap, Layout layout, const int d[4], int dims);

/* The tensors of a geometry: the big map (conv2d_transpose output, conv2d
 * input), the small map, the weights. */
typedef enum { VOCAB_BIG, VOCAB_SMALL, VOCAB_WEIGHT } VocabTensor;

/* The shape of g's tensor k in convention c's layout for op; returns the layout. */
Layout vocab_tensor_dims(const ConvGeom *g, Convention c, OpKind op, VocabTensor k, int out[4]);

#define VOCAB_MAX_ARGS 12
typedef struct {
    char s[160];
} VocabArg;

/* The framework call that computes spec over g, in spec's convention: its
 * name and arguments (has_bias: PyTorch's bias=b). Returns the count. */
int vocab_call(const LayerSpec *spec, const ConvGeom *g, int has_bias, VocabArg *args,
               const char **name);
/* PyTorch's keyword arguments after the tensors and bias: stride=...,
 * padding=..., output_padding=... (conv_transpose), then groups and
 * dilation where they are not 1, in the function's own order; also what
 * nn.ConvTranspose2d takes after its channels and kernel size. spec is in
 * PyTorch's convention. Returns the count. */
int vocab_torch_options(const LayerSpec *spec, const ConvGeom *g, VocabArg *args);
/* name(args...)suffix on one line, the arguments joined by ", ". `space`
 * is written for each space inside an argument or the suffix: " ", or a
 * no-break space ("\xc2\xa0") so that text wrapped at spaces breaks only
 * between arguments. */
void vocab_call_put(StrBuf *o, const char *name, const VocabArg *args, int n, const char *suffix,
                    const char *space);
/* The same call wrapped for a terminal: `lead` then name(, each argument
 * with its "," or ")" on the line if the line stays within `width`
 * columns, else on a new line of `indent` spaces; suffix after the last.
 * Every line ends with '\n' (`tcviz shape` and `explain` print this). */
void vocab_call_wrap(StrBuf *o, const char *lead, const char *name, const VocabArg *args, int n,
                     const char *suffix, int width, int indent);
/* t with each space written as `space`. */
void vocab_put_spaced(StrBuf *o, const char *t, const char *space);
/* The name alone: "tf.nn.conv2d_transpose", "F.conv_transpose1d", ... */
const char *vocab_call_name(const LayerSpec *spec);
/* The same with the input, the weights and the bias named nm->x, nm->w and
 * nm->b (a chain's "y" and "w2", one group's "x[..., 2*g:2*g+2]", the CPU
 * spelling's "wd", the code view's PyTorch "weight" and "bias"; b NULL:
 * "b"). */
typedef struct {
    const char *x, *w, *b;
} VocabNames;
int vocab_call_named(const LayerSpec *spec, const ConvGeom *g, int has_bias, const VocabNames *nm,
                     VocabArg *args, const char **name);
/* Why a TF call with dilations > 1 (equiv_gpu_only) is GPU only: the
 * opening of VocabCpuCall.note, and all a one-line header has room for. */
#define VOCAB_GPU_ONLY "GPU only: TF's CPU kernels refuse dilations > 1."

/* The CPU spelling beside a GPU-only TF call (equiv_gpu_only): the kernel
 * dilated with zeros, then the same call with dilation 1 (equiv_cpu_layer).
 *
 *     # GPU only: TF's CPU kernels refuse dilations > 1. On CPU, the same layer:
 *     wd = np.zeros((5, 5) + w.shape[2:], w.dtype); wd[::2, ::2] = w
 *     tf.nn.conv2d_transpose(x, wd, output_shape=[1, 9, 9, 1], strides=[2, 2], padding='VALID')
 */
typedef struct {
    const char *note;  /* the comment's text, without "# " */
    char kernel[160];  /* the line making wd, or "" (a filter gradient needs none) */
    const char *name;  /* the call */
    VocabArg args[VOCAB_MAX_ARGS];
    int n;
    char suffix[32];   /* after ')': a filter gradient read every d taps "[::2, ::2]" */
} VocabCpuCall;
/* 1 and *out when spec over g runs on GPU only, else 0. The call names its
 * input and dilated kernel nm->x and nm->w; the kernel line makes `wd` from
 * `w` (e.g. "w2" -> "wd2" in a chain, nm->w then "wd2" or one group's
 * "wd2[..., 2*g:2*g+2]"). */
int vocab_cpu_call(const LayerSpec *spec, const ConvGeom *g, const VocabNames *nm, const char *w,
                   const char *wd, VocabCpuCall *out);

/* What follows the call's closing parenthesis: "[:, 0]" when a 1-D layer is
 * spelled as TF's one-row conv2d (TF's 1-D calls take SAME or VALID only),
 * else "". */
const char *vocab_call_suffix(const LayerSpec *spec);

/* ---- names in sentences (vocab_names.c) ---- */

/* One batch item and one channel in and out: a sentence names elements by
 * position alone (x[1,1]) and slices by the tensor's name (y); any other
 * layer's names carry every index in the convention's order. */
int vocab_single(const ConvGeom *g);
/* Element (n, c, i, j) of data tensor var of a layer of geometry g:
 * "y[0,1,4,0]" (TF), "y[0,0,1,4]" (PyTorch), "y[1,4]" when vocab_single. */
void vocab_data_name(char *buf, size_t cap, const char *var, Convention conv, const ConvGeom *g,
                     int n, int c, int i, int j);
/* Tap (a, b) of the filter from x's channel ci to y's channel co: TF's
 * "w[a,b,co,ci]", PyTorch's "w[ci,co',a,b]" (co' counted within co's
 * group), "w[a,b]" when vocab_single. */
void vocab_filter_name(char *buf, size_t cap, const char *var, Convention conv,
                       const ConvGeom *g, int ci, int co, int a, int b);
/* The (n, c) plane of data tensor var: "y[0,:,:,1]" / "y[0,1]" / "y". */
void vocab_data_slice(char *buf, size_t cap, const char *var, Convention conv,
                      const ConvGeom *g, int n, int c);
/* The kernel from ci to co: "w[:,:,co,ci]" / "w[ci,co']" / "w". */
void vocab_filter_slice(char *buf, size_t cap, const char *var, Convention conv,
                        const ConvGeom *g, int ci, int co);

#endif
