/* scene_data.c - the tensors themselves: presets, resizing, typed values,
 * tensors handed over by the app and .npy files dropped on the window.
 *
 * Tensors stay in the convention's own layout (NHWC/HWOI or NCHW/IOHW), so
 * every access goes through the axis letters of that layout; presets are
 * defined on the canonical order, so "arange" reads the same in both
 * conventions. A new tensor is only kept when scene_apply accepts it. */
#include "ui/scene_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/array_file.h"
#include "io/npy.h"

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

/* Flat index of the element with the given per-letter coordinates. */
static size_t index_of(const Tensor *t, const char *letters, const int *vals)
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
            dst->data[i] = src->data[index_of(src, name, vals)];
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

void scene_cycle_preset(Scene *s, int kernel)
{
    Preset *p = kernel ? &s->preset_w : &s->preset_x;
    Preset next = *p == PRESET_CUSTOM || *p + 1 >= PRESET_COUNT ? PRESET_ONES : *p + 1;
    Tensor t = {0};
    Err err = {0};
    if (tensor_copy(kernel ? &s->filter : &s->input, &t, &err) != 0) {
        scene_set_message(s, 1, "%s", err.msg);
        return;
    }
    fill_preset(&t, next);
    if (scene_apply(s, &s->spec, kernel ? NULL : &t, kernel ? &t : NULL, &err) != 0)
        return;
    *p = next;
    scene_set_message(s, 0, "%s: %s", kernel ? "kernel" : "input", preset_name(next));
}

/* ---- typed values and files ---------------------------------------------------------- */

int scene_commit_edit(Scene *s)
{
    s->editing = 0;
    if (!s->edit[0] || s->sel.grid == GRID_NONE)
        return 0;
    char *end;
    double v = strtod(s->edit, &end);
    if (*end || end == s->edit || !isfinite(v) || fabs(v) > 1e6) {
        scene_set_message(s, 1, "'%s' is not a number in -1e6..1e6 (type e.g. 2, -0.5 or 1e3)",
                          s->edit);
        return -1;
    }
    if (s->sel.grid == GRID_G_DOUT || s->sel.grid == GRID_G_X) {
        /* The gradient view's own tensors: the layer stays as it is. */
        if (grad_set_value(s, s->sel.grid, s->sel.row, s->sel.col, (float)v) != 0)
            return -1;
        char num[32];
        format_number(num, sizeof num, v);
        scene_set_message(s, 0, "%s[%d,%d] = %s", s->sel.grid == GRID_G_DOUT ? "d_out" : "x",
                          s->sel.row, s->sel.col, num);
        return 0;
    }
    int kernel = s->sel.grid == GRID_KERNEL;
    Tensor t = {0};
    Err err = {0};
    if (tensor_copy(kernel ? &s->filter : &s->input, &t, &err) != 0) {
        scene_set_message(s, 1, "%s", err.msg);
        return -1;
    }
    if (kernel) {
        long off = model_w_offset(&s->m, s->ci, s->co);
        if (off < 0) {
            tensor_free(&t);
            scene_set_message(s, 1, "input channel %d does not feed output channel %d", s->ci,
                              s->co);
            return -1;
        }
        const ConvGeom *g = &s->m.g;
        int cb_g = g->c_conv_in / g->groups, cs_g = g->c_conv_out / g->groups;
        int vals[4] = {s->sel.row, s->sel.col, s->co - (s->ci / cs_g) * cb_g, s->ci};
        t.data[index_of(&t, "HWOI", vals)] = (float)v;
    } else {
        int vals[4] = {s->n, s->ci, s->sel.row, s->sel.col};
        t.data[index_of(&t, "NCHW", vals)] = (float)v;
    }
    CellRef keep = s->sel;
    if (scene_apply(s, &s->spec, kernel ? NULL : &t, kernel ? &t : NULL, &err) != 0)
        return -1;
    if (kernel)
        s->preset_w = PRESET_CUSTOM;
    else
        s->preset_x = PRESET_CUSTOM;
    s->pin = s->sel = keep; /* same shape: keep editing where the user is */
    char num[32];
    format_number(num, sizeof num, v);
    scene_set_message(s, 0, "%s[%d,%d] = %s", kernel ? "w" : "x", keep.row, keep.col, num);
    return 0;
}

int scene_set_tensor(Scene *s, const char *which, const Tensor *t, Err *err)
{
    Err local = {0};
    if (!err)
        err = &local;
    int kernel = strcmp(which, "filter") == 0 || strcmp(which, "kernel") == 0;
    if (!kernel && strcmp(which, "input") != 0)
        return err_fail(err, TC_ERR_ARG, "scene: unknown tensor '%s', expected input or filter",
                        which);
    Convention c = s->spec.params.convention;
    Layout want = kernel ? layer_filter_layout(c, OP_CONV2D_TRANSPOSE) : layer_data_layout(c);
    if (!t || !t->data || t->layout != want)
        return err_fail(err, TC_ERR_SHAPE, "%s: expected a %s tensor", which, layout_name(want));
    Tensor nx = {0}, nw = {0};
    if (tensor_copy(t, kernel ? &nw : &nx, err) != 0)
        return -1;
    /* A new input with another channel count takes a preset kernel along. */
    if (!kernel && tensor_axis(t, 'C') != tensor_axis(&s->filter, 'I') &&
        s->preset_w != PRESET_CUSTOM) {
        Tensor tmp = {0};
        int dim[4];
        memcpy(dim, s->filter.dim, sizeof dim);
        const char *name = layout_name(s->filter.layout);
        dim[strchr(name, 'I') - name] = tensor_axis(t, 'C');
        if (tensor_init(&tmp, s->filter.layout, dim, err) != 0) {
            tensor_free(&nx);
            return -1;
        }
        fill_preset(&tmp, s->preset_w);
        nw = tmp;
    }
    LayerSpec spec = s->spec;
    if (c == CONV_TF)
        memset(spec.size, 0, sizeof spec.size); /* the loaded shape decides the output */
    if (scene_apply(s, &spec, &nx, &nw, err) != 0)
        return -1;
    if (kernel)
        s->preset_w = PRESET_CUSTOM;
    else
        s->preset_x = PRESET_CUSTOM;
    return 0;
}

int scene_load_file(Scene *s, const char *which, const char *path, Err *err)
{
    Err local = {0};
    if (!err)
        err = &local;
    int kernel = strcmp(which, "filter") == 0 || strcmp(which, "kernel") == 0;
    Convention c = s->spec.params.convention;
    Layout want = kernel ? layer_filter_layout(c, OP_CONV2D_TRANSPOSE) : layer_data_layout(c);
    NpyArray a = {0};
    Tensor t = {0};
    int rc = -1;
    if (array_file_read(path, &a, err) != 0)
        return -1;
    if (a.ndim == 2) {
        /* One H x W slice: the common case of a hand-made example. */
        const char *name = layout_name(want);
        int dim[4];
        for (int i = 0; i < 4; i++)
            dim[i] = name[i] == 'H' ? a.shape[0] : name[i] == 'W' ? a.shape[1] : 1;
        if (tensor_init_from(&t, want, dim, a.data, err) != 0)
            goto done;
    } else if (npy_to_tensor(&a, want, path, kernel ? "filter" : "input", &t, err) != 0) {
        goto done;
    }
    rc = scene_set_tensor(s, kernel ? "filter" : "input", &t, err);
    if (rc != 0)
        err_prefix(err, "%s: ", path);
    else
        scene_set_message(s, 0, "loaded %s as the %s", path, kernel ? "kernel" : "input");
done:
    if (rc != 0)
        scene_set_message(s, 1, "%s", err->msg);
    npy_free(&a);
    tensor_free(&t);
    return rc;
}
