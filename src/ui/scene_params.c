/* scene_params.c - changes of the layer's parameters and convention.
 *
 * All of them, and every data change too, end in scene_apply, which builds
 * a complete new model first and swaps it in only on success. An illegal
 * combination therefore shows the core's own message and leaves the last
 * valid state on screen; nothing here decides legality by itself except the
 * visualizer's drawing limits. */
#include "ui/scene_actions.h"
#include "ui/scene_apply.h"
#include "ui/scene_edit.h"

#include <stdio.h>
#include <string.h>

static int in_range(Scene *s, const char *what, int v, int lo, int hi)
{
    if (v >= lo && v <= hi)
        return 1;
    scene_set_message(s, 1, "%s %d is outside %d..%d, the range the visualizer draws", what, v, lo,
                      hi);
    return 0;
}

void scene_param_action(Scene *s, UiAction a)
{
    LayerSpec spec = s->spec;
    ConvParams *p = &spec.params;
    const ConvGeom *g = &s->m.g;
    /* A 1-D layer keeps its H axis the identity (layer1d.h): the keys act
     * on W alone; a 2-D layer's on both axes alike, read from H. */
    int one = spec.dims == 1;
    const AxisGeom *ax = one ? &g->w : &g->h;
    int tf = p->convention == CONV_TF;
    int d = (a == ACT_STRIDE_UP || a == ACT_KERNEL_UP || a == ACT_INPUT_UP || a == ACT_PADDING_UP ||
             a == ACT_OUTPUT_UP || a == ACT_DILATION_UP)
                ? 1
                : -1;
    Tensor nx = {0}, nw = {0};
    Err err = {0};
    int v;
    /* A new stride, kernel, input or padding mode moves TF's legal output
     * sizes: go back to the default output_shape rather than keep a stale one. */
    int reset_size = tf;
    switch (a) {
    case ACT_STRIDE_UP:
    case ACT_STRIDE_DOWN:
        v = ax->stride + d;
        if (!in_range(s, "stride", v, 1, VIZ_MAX_STRIDE))
            return;
        p->stride[0] = one ? 1 : v;
        p->stride[1] = v;
        break;
    case ACT_DILATION_UP:
    case ACT_DILATION_DOWN:
        v = ax->dil + d;
        if (!in_range(s, "dilation", v, 1, VIZ_MAX_DILATION))
            return;
        p->dilation[0] = one ? 1 : v;
        p->dilation[1] = v;
        break;
    case ACT_KERNEL_UP:
    case ACT_KERNEL_DOWN:
        v = ax->k + d;
        if (!in_range(s, "kernel size", v, 1, VIZ_MAX_KERNEL) ||
            data_resize_spatial(&s->filter, one ? 1 : v, v, s->preset_w, &nw, &err) != 0)
            goto fail;
        break;
    case ACT_INPUT_UP:
    case ACT_INPUT_DOWN:
        v = ax->conv_out + d;
        if (!in_range(s, "input size", v, 1, VIZ_MAX_INPUT) ||
            data_resize_spatial(&s->input, one ? 1 : v, v, s->preset_x, &nx, &err) != 0)
            goto fail;
        break;
    case ACT_PADDING_UP:
    case ACT_PADDING_DOWN:
        if (tf) {
            p->padding = p->padding == PAD_SAME ? PAD_VALID : PAD_SAME;
            memset(p->pad, 0, sizeof p->pad);
        } else {
            v = ax->pad_before + d;
            if (!in_range(s, "padding", v, 0, VIZ_MAX_PADDING))
                return;
            p->padding = PAD_EXPLICIT;
            p->pad[0] = p->pad[1] = one ? 0 : v;
            p->pad[2] = p->pad[3] = v;
        }
        break;
    case ACT_OUTPUT_UP:
    case ACT_OUTPUT_DOWN:
        if (tf) {
            /* Cycle through TF's legal output sizes, per axis. */
            int in[2] = {g->h.conv_out, g->w.conv_out}, k[2] = {g->h.k, g->w.k};
            int cur[2] = {g->h.conv_in, g->w.conv_in}, next[2];
            for (int ax = 0; ax < 2; ax++) {
                int lo, hi;
                if (geom_tf_legal_range(p, ax, in[ax], k[ax], &lo, &hi) != 0)
                    lo = hi = cur[ax];
                next[ax] = cur[ax] + d > hi ? lo : cur[ax] + d < lo ? hi : cur[ax] + d;
            }
            int size[4] = {g->n, next[0], next[1], g->c_conv_in}; /* NHWC */
            memcpy(spec.size, size, sizeof size);
            reset_size = 0;
        } else {
            v = p->output_padding[1] + d;
            if (v < 0) {
                scene_set_message(s, 1, "output_padding %d is negative, expected >= 0", v);
                return;
            }
            p->output_padding[0] = one ? 0 : v;
            p->output_padding[1] = v;
        }
        break;
    default: return;
    }
    if (reset_size)
        memset(spec.size, 0, sizeof spec.size);
    if (scene_apply(s, &spec, &nx, &nw, &err) != 0)
        return;
    return;
fail:
    if (err.msg[0])
        scene_set_message(s, 1, "%s", err.msg);
    tensor_free(&nx);
    tensor_free(&nw);
}

void scene_set_padding_mode(Scene *s, PadMode mode)
{
    if (s->spec.params.padding == mode)
        return;
    LayerSpec spec = s->spec;
    spec.params.padding = mode;
    memset(spec.params.pad, 0, sizeof spec.params.pad);
    memset(spec.size, 0, sizeof spec.size);
    scene_apply(s, &spec, NULL, NULL, NULL);
}

/* ---- convention ------------------------------------------------------------------- */

static int same_crop(const ConvGeom *a, const ConvGeom *b)
{
    return a->h.conv_in == b->h.conv_in && a->w.conv_in == b->w.conv_in &&
           a->h.pad_before == b->h.pad_before && a->w.pad_before == b->w.pad_before &&
           a->h.crop_after == b->h.crop_after && a->w.crop_after == b->w.crop_after;
}

/* The TF spelling of the current (PyTorch) geometry: SAME, VALID or explicit. */
static int to_tf(const ConvGeom *g, ConvParams *p)
{
    const PadMode modes[3] = {PAD_SAME, PAD_VALID, PAD_EXPLICIT};
    int in[4] = {g->n, g->c_conv_out, g->h.conv_out, g->w.conv_out};
    for (int m = 0; m < 3; m++) {
        ConvParams c = {.convention = CONV_TF,
                        .padding = modes[m],
                        .stride = {g->h.stride, g->w.stride},
                        .dilation = {g->h.dil, g->w.dil}};
        if (modes[m] == PAD_EXPLICIT) {
            c.pad[0] = g->h.pad_before;
            c.pad[1] = g->h.pad_before;
            c.pad[2] = g->w.pad_before;
            c.pad[3] = g->w.pad_before;
        }
        ConvGeom h;
        if (geom_conv2d_transpose(&c, in, g->c_conv_in, g->h.k, g->w.k,
                                  (int[2]){g->h.conv_in, g->w.conv_in}, &h, NULL) == 0 &&
            same_crop(&h, g)) {
            *p = c;
            return 0;
        }
    }
    return -1;
}

void scene_toggle_convention(Scene *s)
{
    LayerSpec spec = s->spec;
    const ConvGeom *g = &s->m.g;
    int to_torch = spec.params.convention == CONV_TF;
    char note[200] = "";
    if (to_torch) {
        int pad[2], op[2], exact = 1;
        const AxisGeom *ax[2] = {&g->h, &g->w};
        for (int a = 0; a < 2; a++)
            if (geom_torch_spelling(ax[a], &pad[a], &op[a]) != 0) {
                /* TF SAME with an odd total pads the extra row at the end;
                 * PyTorch crops symmetrically. Closest: the same start. */
                pad[a] = ax[a]->pad_before;
                op[a] = 0;
                exact = 0;
            }
        ConvParams c = {.convention = CONV_TORCH,
                        .padding = PAD_EXPLICIT,
                        .stride = {g->h.stride, g->w.stride},
                        .dilation = {g->h.dil, g->w.dil},
                        .pad = {pad[0], pad[0], pad[1], pad[1]},
                        .output_padding = {op[0], op[1]}};
        spec.params = c;
        memset(spec.size, 0, sizeof spec.size);
        if (!exact)
            snprintf(note, sizeof note,
                     ": no exact spelling (TF SAME crops one row more at the end than at the "
                     "start; PyTorch crops both ends alike), so the output is no longer %dx%d",
                     g->h.conv_in, g->w.conv_in);
        else
            snprintf(note, sizeof note, ": the same layer, padding=%d, output_padding=%d", pad[0],
                     op[0]);
    } else {
        if (g->groups != 1) {
            scene_set_message(s, 1, "TF has no groups; this layer (groups=%d) has no TF spelling",
                              g->groups);
            return;
        }
        ConvParams c;
        if (to_tf(g, &c) != 0) {
            scene_set_message(s, 1, "no TF padding reproduces this PyTorch layer");
            return;
        }
        spec.params = c;
        int size[4] = {g->n, g->h.conv_in, g->w.conv_in, g->c_conv_in}; /* NHWC */
        memcpy(spec.size, size, sizeof size);
        snprintf(note, sizeof note, ": the same layer, padding=%s", pad_mode_name(c.padding));
    }
    Convention to = spec.params.convention;
    Tensor nx = {0}, nw = {0};
    Err err = {0};
    if (tensor_convert(&s->input, layer_data_layout(to), &nx, &err) != 0 ||
        tensor_convert(&s->filter, layer_filter_layout(to, OP_CONV2D_TRANSPOSE), &nw, &err) != 0) {
        scene_set_message(s, 1, "%s", err.msg);
        tensor_free(&nx);
        tensor_free(&nw);
        return;
    }
    if (scene_apply(s, &spec, &nx, &nw, &err) != 0)
        return;
    scene_set_message(s, 0, "%s convention%s", to == CONV_TF ? "TF" : "PyTorch", note);
}
