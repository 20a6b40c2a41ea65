/* scene_paste.c - Ctrl+V: text copied from Python into the selected tensor.
 *
 * The app hands the clipboard's text over in UiInput.paste_text; parsing is
 * io/paste.c's, lifting to the convention's layout is paste_to_tensor's, and
 * the new tensor goes in through scene_set_tensor (so through scene_apply:
 * the limits, the core's checks and undo all apply). Any refusal leaves the
 * tensor as it was and says where the text stopped parsing. */
#include "ui/scene_edit.h"
#include "ui/scene_state.h"

#include "io/paste.h"

int scene_paste(Scene *s, const char *text)
{
    if (s->sel.grid == GRID_G_DOUT || s->sel.grid == GRID_G_X) {
        scene_set_message(s, 1, "paste: goes into x or w; select an x or w cell");
        return -1;
    }
    if (!text || !text[0]) {
        scene_set_message(s, 1, "paste: the clipboard holds no text");
        return -1;
    }
    int kernel = s->sel.grid == GRID_KERNEL;
    Convention c = s->spec.params.convention;
    Layout want = kernel ? layer_filter_layout(c, OP_CONV2D_TRANSPOSE) : layer_data_layout(c);
    PasteResult p = {0};
    Tensor t = {0};
    Err err = {0};
    int rc = -1;
    if (paste_parse(text, &p, &err) == 0 && paste_to_tensor(&p, want, &t, &err) == 0)
        rc = scene_set_tensor(s, kernel ? "filter" : "input", &t, &err);
    if (rc != 0) {
        scene_set_message(s, 1, "paste: %s", err.msg);
    } else {
        int h = tensor_axis(&t, 'H'), w = tensor_axis(&t, 'W');
        scene_set_message(s, 0, "pasted %s as the %s (%dx%d)", paste_source_name(p.source),
                          kernel ? "kernel" : "input", h, w);
    }
    paste_free(&p);
    tensor_free(&t);
    return rc;
}
