/* scene_resize.c - adding or removing a row or column of the input or
 * kernel: new cells are zero (or the preset's), removed ones are the last;
 * the result goes through scene_apply like every other change, so the
 * interactive limits (scene_tensors.c) hold here too. */
#include "ui/scene_apply.h"
#include "ui/scene_edit.h"
#include "ui/scene_state.h"

#include <string.h>

int scene_resize_tensor(Scene *s, int axis, int delta)
{
    int kernel = s->sel.grid == GRID_KERNEL;
    const Tensor *src = kernel ? &s->filter : &s->input;
    const char *what = kernel ? "kernel" : "input";
    int h = tensor_axis(src, 'H'), w = tensor_axis(src, 'W');
    int nh = axis == 0 ? h + delta : h, nw = axis == 1 ? w + delta : w;
    int max = kernel ? VIZ_MAX_KERNEL : VIZ_MAX_SPATIAL;
    if (nh < 1 || nw < 1 || nh > max || nw > max) {
        scene_set_message(s, 1, "%s %dx%d is outside 1x1..%dx%d, the sizes the visualizer draws",
                          what, nh, nw, max, max);
        return -1;
    }
    Tensor t = {0};
    Err err = {0};
    /* Custom data keeps its values (new cells zero); a preset is regenerated. */
    if (data_resize_spatial(src, nh, nw, kernel ? s->preset_w : s->preset_x, &t, &err) != 0) {
        scene_set_message(s, 1, "%s", err.msg);
        return -1;
    }
    LayerSpec spec = s->spec;
    if (spec.params.convention == CONV_TF)
        memset(spec.size, 0, sizeof spec.size); /* the new shape decides the output */
    CellRef keep = s->sel;
    if (scene_apply(s, &spec, kernel ? NULL : &t, kernel ? &t : NULL, &err) != 0)
        return -1;
    if (keep.row < nh && keep.col < nw)
        s->pin = s->sel = keep; /* keep resizing the same tensor */
    scene_set_message(s, 0, "%s: %dx%d", what, nh, nw);
    return 0;
}
