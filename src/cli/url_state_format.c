/* url_state_format.c - write the visualizer's state as a link fragment that
 * url_state_parse reads back: the flags under the convention's own names,
 * defaults left out, tensors as nested lists ("%.9g" keeps every float32
 * exact). */
#include <stdio.h>
#include <string.h>

#include "cli/url_state.h"
#include "core/strbuf.h"

/* "&name=A" or "&name=A,B"; nothing when both are `skip` (the default). */
static void pair(StrBuf *o, const char *name, const int v[2], int skip)
{
    int a = v[0] ? v[0] : skip, b = v[1] ? v[1] : skip;
    if (a == skip && b == skip)
        return;
    if (a == b)
        strbuf_printf(o, "&%s=%d", name, a);
    else
        strbuf_printf(o, "&%s=%d,%d", name, a, b);
}

static void params(StrBuf *o, const LayerSpec *spec)
{
    const ConvParams *p = &spec->params;
    int tf = p->convention == CONV_TF;
    if (!tf)
        strbuf_printf(o, "&convention=torch");
    pair(o, tf ? "strides" : "stride", p->stride, 1);
    pair(o, tf ? "dilations" : "dilation", p->dilation, 1);
    if (p->padding == PAD_SAME)
        strbuf_printf(o, "&padding=SAME");
    else if (p->padding == PAD_VALID)
        strbuf_printf(o, tf ? "&padding=VALID" : "");
    else if (tf)
        strbuf_printf(o, "&padding=%d,%d,%d,%d", p->pad[0], p->pad[1], p->pad[2], p->pad[3]);
    else
        pair(o, "padding", (int[2]){p->pad[0], p->pad[2]}, 0);
    if (!tf) {
        pair(o, "output-padding", p->output_padding, 0);
        if (p->groups > 1)
            strbuf_printf(o, "&groups=%d", p->groups);
    }
    /* PyTorch derives the output size; TF's output_shape chooses it */
    const int *s = spec->size;
    if (tf && (s[0] || s[1] || s[2] || s[3]))
        strbuf_printf(o, "&output-shape=%d,%d,%d,%d", s[0], s[1], s[2], s[3]);
}

/* [[..],[..]] when only H and W exceed 1 (what a paste of rank 2 becomes),
 * else the four axes nested in the layout's order. */
static void tensor(StrBuf *o, const char *name, const Tensor *t)
{
    const int *d = t->dim;
    int h = tensor_axis(t, 'H'), w = tensor_axis(t, 'W');
    int flat = (size_t)h * (size_t)w == tensor_count(t);
    int rank = flat ? 2 : 4;
    int dims[4] = {h, w, 1, 1};
    if (!flat)
        memcpy(dims, d, sizeof dims);
    size_t count = tensor_count(t);
    strbuf_printf(o, "&%s=", name);
    for (int r = 0; r < rank; r++)
        strbuf_printf(o, "[");
    for (size_t i = 0; i < count; i++) {
        /* close and reopen as many brackets as axes that roll over */
        if (i > 0) {
            int closing = 0;
            size_t span = 1;
            for (int r = rank - 1; r > 0; r--) {
                span *= (size_t)dims[r];
                closing += i % span == 0;
            }
            for (int c = 0; c < closing; c++)
                strbuf_printf(o, "]");
            strbuf_printf(o, ",");
            for (int c = 0; c < closing; c++)
                strbuf_printf(o, "[");
        }
        strbuf_printf(o, "%.9g", (double)t->data[i]);
    }
    for (int r = 0; r < rank; r++)
        strbuf_printf(o, "]");
}

int url_state_format(char *buf, size_t cap, int lesson, int step, const LayerSpec *spec,
                     const Tensor *x, const Tensor *w)
{
    StrBuf o = strbuf_init(buf, cap);
    if (lesson > 0) {
        strbuf_printf(&o, "lesson=%02d&step=%d", lesson, step);
    } else {
        params(&o, spec);
        if (x && x->data)
            tensor(&o, "x", x);
        if (w && w->data)
            tensor(&o, "w", w);
        strbuf_printf(&o, "&step=%d", step);
        /* params and tensors each start with '&'; the fragment does not */
        if (!strbuf_truncated(&o) && buf[0] == '&') {
            memmove(buf, buf + 1, o.len);
            o.len--;
            o.need--;
        }
    }
    return strbuf_truncated(&o) ? -1 : (int)o.len;
}

int url_state_lesson_number(const char *path)
{
    const char *name = strrchr(path, '/');
    name = name ? name + 1 : path;
    int n = 0, digits = 0;
    while (name[digits] >= '0' && name[digits] <= '9' && digits < 3)
        n = n * 10 + (name[digits++] - '0');
    return digits > 0 && digits < 3 && name[digits] == '-' && n > 0 ? n : 0;
}
