/* scene_tensors.c - the scene's tensors as values: presets, the default
 * example, resizing, the interactive limits and a hash.
 *
 * Tensors stay in the convention's own layout (NHWC/HWOI or NCHW/IOHW), so
 * every access goes through the axis letters of that layout; presets are
 * defined on the canonical order, so "arange" reads the same in both
 * conventions. The limits keep every view drawable and every frame fast: a
 * tensor up to 64x64 spatially with up to 64 channels; scene_apply checks
 * them, so a paste, a dropped file, a resize or a typed parameter all get
 * the same message. */
#include "ui/scene_tensors.h"
#include "ui/scene_edit.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const preset_names[PRESET_COUNT] = {
    [PRESET_CUSTOM] = "custom", [PRESET_ONES] = "ones",         [PRESET_ARANGE] = "arange",
    [PRESET_RANDOM] = "random", [PRESET_IDENTITY] = "identity",
};

const char *preset_name(Preset p)
{
    return (int)p >= 0 && p < PRESET_COUNT ? preset_names[p] : "?";
}

/* ---- coordinates in a tensor's own layout ------------------------------------ */

static void unflatten(const Tensor *t, size_t i, int coord[4])
{
    for (int a = 3; a >= 0; a--) {
        coord[a] = (int)(i % (size_t)t->dim[a]);
        i /= (size_t)t->dim[a];
    }
}

static int coord_of(const Tensor *t, const int coord[4], char letter)
{
    const char *name = layout_name(t->layout);
    return coord[strchr(name, letter) - name];
}

size_t tensor_index_of(const Tensor *t, const char *letters, const int *vals)
{
    const char *name = layout_name(t->layout);
    size_t idx = 0;
    for (int a = 0; a < 4; a++)
        idx = idx * (size_t)t->dim[a] + (size_t)vals[strchr(letters, name[a]) - letters];
    return idx;
}

/* A fixed, platform-independent integer hash: "random" means the same
 * numbers on every machine and every run. */
static unsigned mix(unsigned v)
{
    v ^= v >> 16;
    v *= 0x7feb352dU;
    v ^= v >> 15;
    v *= 0x846ca68bU;
    v ^= v >> 16;
    return v;
}

int fill_preset(Tensor *t, Preset p)
{
    int data = layout_is_data(t->layout);
    int kh = tensor_axis(t, 'H'), kw = tensor_axis(t, 'W');
    int c1 = data ? tensor_axis(t, 'C') : tensor_axis(t, 'O');
    size_t n = tensor_count(t);
    for (size_t i = 0; i < n; i++) {
        int c[4];
        unflatten(t, i, c);
        int h = coord_of(t, c, 'H'), w = coord_of(t, c, 'W');
        int a = coord_of(t, c, data ? 'N' : 'I'), b = coord_of(t, c, data ? 'C' : 'O');
        /* Canonical order (NCHW / IOHW): arange reads the same in both conventions. */
        size_t canon = (((size_t)a * c1 + b) * kh + h) * kw + w;
        float v = 0.0f;
        switch (p) {
        case PRESET_ONES: v = 1.0f; break;
        case PRESET_ARANGE: v = (float)(canon + 1); break;
        case PRESET_RANDOM:
            v = (float)((int)(mix((unsigned)canon * 2654435761U + (data ? 17U : 29U)) % 7U) - 3);
            break;
        case PRESET_IDENTITY:
            v = data ? (h == w ? 1.0f : 0.0f)
                     : (h == kh / 2 && w == kw / 2 && a % c1 == b ? 1.0f : 0.0f);
            break;
        default: return -1;
        }
        t->data[i] = v;
    }
    return 0;
}

/* dst = src with a new spatial size: regenerated from the preset, or (custom
 * data) the overlapping values kept and new cells zero. */
int data_resize_spatial(const Tensor *src, int nh, int nw, Preset p, Tensor *dst, Err *err)
{
    const char *name = layout_name(src->layout);
    int dim[4];
    for (int a = 0; a < 4; a++)
        dim[a] = name[a] == 'H' ? nh : name[a] == 'W' ? nw : src->dim[a];
    if (tensor_init(dst, src->layout, dim, err) != 0)
        return -1;
    if (p != PRESET_CUSTOM)
        return fill_preset(dst, p);
    int sh = tensor_axis(src, 'H'), sw = tensor_axis(src, 'W');
    for (size_t i = 0; i < tensor_count(dst); i++) {
        int c[4];
        unflatten(dst, i, c);
        if (coord_of(dst, c, 'H') < sh && coord_of(dst, c, 'W') < sw) {
            int vals[4] = {c[0], c[1], c[2], c[3]};
            dst->data[i] = src->data[tensor_index_of(src, name, vals)];
        }
    }
    return 0;
}

int make_default_tensors(const LayerSpec *spec, Tensor *x, Tensor *w, Err *err)
{
    static const float example_x[9] = {0, 0, 1.5f, 0, 1, 0, 0, 0, 0};
    static const float example_w[4] = {1, 2, 3, 4};
    Convention c = spec->params.convention;
    Layout dl = layer_data_layout(c), fl = layer_filter_layout(c, OP_CONV2D_TRANSPOSE);
    if (!x->data) {
        int cin = w->data ? tensor_axis(w, 'I') : 1;
        int dim[4] = {1, 3, 3, cin};
        if (dl == LAYOUT_NCHW)
            dim[1] = cin, dim[2] = dim[3] = 3;
        if (tensor_init(x, dl, dim, err) != 0)
            return -1;
        if (cin == 1)
            memcpy(x->data, example_x, sizeof example_x);
        else
            fill_preset(x, PRESET_ARANGE);
    }
    if (!w->data) {
        int cin = tensor_axis(x, 'C');
        int groups = params_groups(&spec->params);
        int cout = c == CONV_TF ? (spec->size[3] > 0 ? spec->size[3] : 1)
                                : (spec->size[1] > 0 ? spec->size[1] / groups : 1);
        if (cout < 1)
            cout = 1;
        int dim[4] = {2, 2, cout, cin}; /* HWOI */
        if (fl == LAYOUT_IOHW)
            dim[0] = cin, dim[1] = cout, dim[2] = dim[3] = 2;
        if (tensor_init(w, fl, dim, err) != 0)
            return -1;
        if (cin == 1 && cout == 1)
            memcpy(w->data, example_w, sizeof example_w);
        else
            fill_preset(w, PRESET_ARANGE);
    }
    return 0;
}

unsigned long long tensor_hash(const Tensor *t)
{
    unsigned long long h = 1469598103934665603ull;
    const unsigned char *parts[2] = {(const unsigned char *)t->dim, (const unsigned char *)t->data};
    size_t sizes[2] = {sizeof t->dim, t->data ? tensor_count(t) * sizeof(float) : 0};
    h = (h ^ (unsigned)t->layout) * 1099511628211ull;
    for (int k = 0; k < 2; k++)
        for (size_t i = 0; i < sizes[k]; i++)
            h = (h ^ parts[k][i]) * 1099511628211ull;
    return h ? h : 1;
}

int scene_check_limits(const Tensor *t, const char *what, Err *err)
{
    if (!t || !t->data)
        return 0;
    int h = tensor_axis(t, 'H'), w = tensor_axis(t, 'W');
    if (h > VIZ_MAX_SPATIAL || w > VIZ_MAX_SPATIAL)
        return err_fail(err, TC_ERR_LIMIT,
                        "%s is %dx%d; the visualizer is interactive up to %dx%d spatially", what, h,
                        w, VIZ_MAX_SPATIAL, VIZ_MAX_SPATIAL);
    const char *axes = layout_is_data(t->layout) ? "NC" : "IO";
    for (const char *a = axes; *a; a++) {
        int n = tensor_axis(t, *a);
        if (n > VIZ_MAX_CHANNELS)
            return err_fail(err, TC_ERR_LIMIT,
                            "%s has %d %s; the visualizer is interactive up to %d", what, n,
                            *a == 'N' ? "batch items" : "channels", VIZ_MAX_CHANNELS);
    }
    return 0;
}

