/* tf_call.h - read a printed TF transposed-conv call back and run it
 * through the core, for the tests of every place that prints one (`tcviz
 * shape`, `tcviz explain`, the code view). Header-only; include after
 * cmocka.h.
 *
 *     TfCall c;
 *     const char *at = tf_call_find(text, "# y = ", buf, sizeof buf);  // joined, '#' stripped
 *     tf_call_parse(buf, &c);          // output_shape, strides, padding, dilations
 *     tf_call_run(&c, &x, &w, &y);     // x NHWC, w HWOI (a 1-D layer: one row)
 *
 * A 1-D call (tf.nn.conv1d_transpose, or the one-row conv2d with
 * x[:, None]) runs as the 2-D layer of one row. */
#ifndef TCVIZ_TEST_TF_CALL_H
#define TCVIZ_TEST_TF_CALL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/equiv.h"
#include "core/layer.h"

typedef struct {
    ConvParams p;
    int out_nhwc[4];
} TfCall;

/* The call that starts at the first `start` after `from` in text, its
 * wrapped lines joined ("\n", a comment's '#', the indent become one space)
 * up to its closing parenthesis; NULL when there is none. */
static inline const char *tf_call_find(const char *text, const char *from, const char *start,
                                       char *buf, size_t cap)
{
    const char *p = from ? strstr(text, from) : text;
    if (!p || !(p = strstr(p, start)))
        return NULL;
    size_t n = 0;
    int depth = 0, opened = 0;
    for (const char *q = p; *q && n + 1 < cap; q++) {
        if (*q == '\n') {
            q++;
            while (*q == '#' || *q == ' ')
                q++;
            q--;
            buf[n++] = ' ';
            continue;
        }
        buf[n++] = *q;
        if (*q == '(') {
            depth++;
            opened = 1;
        } else if (*q == ')' && --depth == 0 && opened) {
            break;
        }
    }
    buf[n] = '\0';
    return p;
}

/* "2" or "[1, 2]" into v[0] (height), v[1] (width). */
static inline int tf_call_pair(const char *s, int v[2])
{
    if (sscanf(s, "[%d, %d]", &v[0], &v[1]) == 2)
        return 0;
    v[0] = 1;
    return sscanf(s, "%d", &v[1]) == 1 ? 0 : -1;
}

/* The TF parameters and output shape of a joined call; -1 when unreadable. */
static inline int tf_call_parse(const char *call, TfCall *c)
{
    memset(c, 0, sizeof *c);
    c->p.convention = CONV_TF;
    c->p.dilation[0] = c->p.dilation[1] = 1;
    const char *os = strstr(call, "output_shape=["), *st = strstr(call, "strides=");
    const char *pd = strstr(call, "padding="), *dl = strstr(call, "dilations=");
    if (!os || !st || !pd)
        return -1;
    int *o = c->out_nhwc;
    if (sscanf(os, "output_shape=[%d, %d, %d, %d]", &o[0], &o[1], &o[2], &o[3]) != 4) {
        if (sscanf(os, "output_shape=[%d, %d, %d]", &o[0], &o[2], &o[3]) != 3)
            return -1;
        o[1] = 1; /* a 1-D call: one row */
    }
    if (tf_call_pair(st + 8, c->p.stride) != 0 || (dl && tf_call_pair(dl + 10, c->p.dilation) != 0))
        return -1;
    if (strncmp(pd, "padding='SAME'", 14) == 0)
        c->p.padding = PAD_SAME;
    else if (strncmp(pd, "padding='VALID'", 15) == 0)
        c->p.padding = PAD_VALID;
    else if (sscanf(pd, "padding=[[0, 0], [%d, %d], [%d, %d], [0, 0]]", &c->p.pad[0], &c->p.pad[1],
                    &c->p.pad[2], &c->p.pad[3]) == 4)
        c->p.padding = PAD_EXPLICIT;
    else
        return -1;
    return 0;
}

/* Run c on x (NHWC) and w (HWOI); *y NHWC. -1 when the core refuses it. */
static inline int tf_call_run(const TfCall *c, const Tensor *x, const Tensor *w, Tensor *y)
{
    LayerSpec spec = {.op = OP_CONV2D_TRANSPOSE, .params = c->p};
    memcpy(spec.size, c->out_nhwc, sizeof spec.size);
    LayerTensors t = {.input = x, .filter = w};
    Err err = {0};
    return layer_run(&spec, &t, y, &err);
}

/* w (HWOI) dilated with zeros by (dh, dw), as the printed kernel line does. */
static inline int tf_call_dilate(const Tensor *w, int dh, int dw, Tensor *wd)
{
    Tensor c = {0}, cd = {0};
    Err err = {0};
    int rc = tensor_convert(w, LAYOUT_IOHW, &c, &err) == 0 &&
                     equiv_dilate_kernel(&c, dh, dw, &cd, &err) == 0 &&
                     tensor_convert(&cd, LAYOUT_HWOI, wd, &err) == 0
                 ? 0
                 : -1;
    tensor_free(&c);
    tensor_free(&cd);
    return rc;
}

/* The kernel line "wd = np.zeros((5, 5) + ...); wd[::2, ::2] = w" (1-D:
 * "(5,)" and "[::2]"): its size and step per axis. */
static inline int tf_call_kernel_line(const char *line, int k_eff[2], int d[2])
{
    const char *z = strstr(line, "np.zeros(("), *s = strstr(line, "[::");
    if (!z || !s)
        return -1;
    if (sscanf(z, "np.zeros((%d, %d)", &k_eff[0], &k_eff[1]) == 2 &&
        sscanf(s, "[::%d, ::%d]", &d[0], &d[1]) == 2)
        return 0;
    k_eff[0] = d[0] = 1;
    return sscanf(z, "np.zeros((%d,)", &k_eff[1]) == 1 && sscanf(s, "[::%d]", &d[1]) == 1 ? 0 : -1;
}

#endif
