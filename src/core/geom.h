/* geom.h - output sizes, padding and crop of conv2d and conv2d_transpose.
 *
 * One ConvGeom describes the forward conv2d relation between a large map
 * (the conv input = the transposed conv's output) and a small map (the conv
 * output = the transposed conv's input). Both operations and both gradients
 * share it: conv2d reads the large map, conv2d_transpose scatters the small
 * map into a `full`-sized canvas and crops `pad_before` from the start and
 * `crop_after` from the end (a negative crop appends zero rows).
 *
 *     ConvParams p = { .convention = CONV_TF, .stride = {2, 2}, .padding = PAD_SAME };
 *     ConvGeom g;
 *     geom_conv2d_transpose(&p, (int[4]){1, 1, 3, 3}, 1, 2, 2, (int[2]){6, 6}, &g, &err);
 *     // g.h.conv_in == 6, g.h.full == 6, g.h.pad_before == 0
 */
#ifndef TCVIZ_GEOM_H
#define TCVIZ_GEOM_H

#include "status.h"

typedef enum { CONV_TF = 0, CONV_TORCH } Convention;

/* PAD_VALID is zero so a zeroed ConvParams means "no padding" in both
 * conventions. PAD_EXPLICIT uses pad[] = {top, bottom, left, right}; a
 * PyTorch `padding=(ph, pw)` is {ph, ph, pw, pw}. */
typedef enum { PAD_VALID = 0, PAD_SAME, PAD_EXPLICIT } PadMode;

/* A layer's parameters in either convention; zero fields mean the default. */
typedef struct {
    Convention convention;
    int stride[2];         /* [h, w]; 0 means 1 */
    int dilation[2];       /* [h, w]; 0 means 1 */
    PadMode padding;
    int pad[4];            /* top, bottom, left, right (PAD_EXPLICIT) */
    int output_padding[2]; /* PyTorch conv_transpose2d only */
    int groups;            /* PyTorch only; 0 means 1 */
} ConvParams;

typedef struct {
    int conv_in;    /* forward conv input size = transposed conv output size */
    int conv_out;   /* forward conv output size = transposed conv input size */
    int k;          /* kernel size */
    int stride;
    int dil;
    int k_eff;      /* dil*(k-1)+1 */
    int pad_before; /* forward padding at the start = scatter crop at the start */
    int pad_after;  /* forward padding at the end, as the convention resolves it */
    int full;       /* uncropped scatter length (conv_out-1)*stride + k_eff */
    int crop_after; /* full - pad_before - conv_in; < 0 appends zero rows */
} AxisGeom;

typedef struct {
    AxisGeom h, w;
    int n;          /* batch */
    int c_conv_in;  /* channels of the large map (conv input, transposed conv output) */
    int c_conv_out; /* channels of the small map (conv output, transposed conv input) */
    int groups;
} ConvGeom;

/* An out_hw entry asking for an empty (0-long) TF output axis; 0 itself
 * asks for the default size. */
#define GEOM_OUT_EMPTY (-1)

/* Largest kernel, stride, dilation or padding accepted. */
#define GEOM_MAX_PARAM 1024

/* Forward conv2d of a map of in_nchw = {N, C, H, W} with c_out filters of
 * kh x kw: computes the output size and the padding. */
int geom_conv2d(const ConvParams *p, const int in_nchw[4], int c_out, int kh, int kw,
                ConvGeom *g, Err *err);

/* conv2d_transpose of in_nchw = {N, C, H, W} (the small map) to c_out channels.
 * TF: out_hw is the requested output size ({0,0} or NULL: Keras's default,
 * H*s for SAME, H*s + max(k_eff-s, 0) for VALID; GEOM_OUT_EMPTY: 0); it must
 * be legal. TF takes empty inputs (H or W of 0; the output is zeros).
 * PyTorch: the size follows from padding and output_padding; out_hw, if not
 * NULL and non-zero, must match it. */
int geom_conv2d_transpose(const ConvParams *p, const int in_nchw[4], int c_out, int kh, int kw,
                          const int out_hw[2], ConvGeom *g, Err *err);

/* TF: the legal conv2d_transpose output sizes [lo, hi] along axis (0 = h,
 * 1 = w) for an input of size `in` and kernel `k`. Returns -1 if none. */
int geom_tf_legal_range(const ConvParams *p, int axis, int in, int k, int *lo, int *hi);

/* The PyTorch (padding, output_padding) that reproduce one axis of a
 * transposed conv, or -1 when PyTorch has no single spelling for it (TF
 * SAME with an odd total padding crops one more row at the end; an empty
 * input, which PyTorch refuses). */
int geom_torch_spelling(const AxisGeom *a, int *padding, int *output_padding);

/* PyTorch's padding=(ph, pw): the same rows at top and bottom, the same
 * columns at left and right (PAD_EXPLICIT). */
void params_set_torch_padding(ConvParams *p, int ph, int pw);

/* Effective parameters with defaults applied. */
int params_stride(const ConvParams *p, int axis);
int params_dilation(const ConvParams *p, int axis);
int params_groups(const ConvParams *p);

/* "SAME", "VALID" or "EXPLICIT". */
const char *pad_mode_name(PadMode m);

#endif
