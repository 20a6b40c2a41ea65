/* scene_data.c - changing the tensors' values: the next preset, a typed
 * value, tensors handed over by the app and .npy files dropped on the
 * window.
 *
 * Tensors stay in the convention's own layout (NHWC/HWOI or NCHW/IOHW), so
 * every access goes through the axis letters of that layout
 * (scene_tensors.c). A new tensor is only kept when scene_apply accepts it. */
#include "ui/scene_apply.h"
#include "ui/scene_data.h"
#include "ui/scene_edit.h"
#include "ui/scene_grad.h"
#include "ui/text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/array_file.h"
#include "io/npy.h"

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
        char said[128];
        StrBuf o = strbuf_init(said, sizeof said);
        if (s->sel.grid == GRID_G_DOUT)
            text_name(&o, s, "d_out", s->n, s->ci, s->sel.row, s->sel.col);
        else
            text_name(&o, s, "x", s->n, s->co, s->sel.row, s->sel.col);
        strbuf_printf(&o, " = ");
        text_num(&o, (float)v);
        scene_set_message(s, 0, "%s", said);
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
        t.data[tensor_index_of(&t, "HWOI", vals)] = (float)v;
    } else {
        int vals[4] = {s->n, s->ci, s->sel.row, s->sel.col};
        t.data[tensor_index_of(&t, "NCHW", vals)] = (float)v;
    }
    CellRef keep = s->sel;
    if (scene_apply(s, &s->spec, kernel ? NULL : &t, kernel ? &t : NULL, &err) != 0)
        return -1;
    if (kernel)
        s->preset_w = PRESET_CUSTOM;
    else
        s->preset_x = PRESET_CUSTOM;
    s->pin = s->sel = keep; /* same shape: keep editing where the user is */
    char said[128];
    StrBuf o = strbuf_init(said, sizeof said);
    if (kernel)
        text_name_w(&o, s, s->ci, s->co, keep.row, keep.col);
    else
        text_name_x(&o, s, s->n, s->ci, keep.row, keep.col);
    strbuf_printf(&o, " = ");
    text_num(&o, (float)v);
    scene_set_message(s, 0, "%s", said);
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
    /* rank 4, or one H x W slice (the common hand-made example) */
    if (npy_to_tensor(&a, want, path, kernel ? "filter" : "input", &t, err) != 0)
        goto done;
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
