/* drop_file.c - images and weight archives dropped on the window. An image
 * becomes the input at the interactive limit (a larger one is refused with
 * the --resize that would fit, never shrunk silently). A .npz or
 * .safetensors holding one array loads it; with several the window cannot
 * ask which, so the message names them and the flag that picks one. */
#include "app/drop_file.h"

#include <stdio.h>
#include <string.h>

#include "io/array_file.h"
#include "io/image.h"
#include "io/paste.h"

/* The scene takes the input in its convention's layout, which it keeps to
 * itself: offer NHWC, then NCHW. */
static int set_input(Scene *s, const Tensor *nhwc, Err *err)
{
    if (scene_set_tensor(s, "input", nhwc, err) == 0)
        return 0;
    if (!strstr(err->msg, "expected a NCHW"))
        return -1; /* a TF scene refused the image itself */
    Tensor t = {0};
    int rc = tensor_convert(nhwc, LAYOUT_NCHW, &t, err) == 0 ? scene_set_tensor(s, "input", &t, err)
                                                             : -1;
    tensor_free(&t);
    return rc;
}

static void drop_image(Scene *s, const char *path)
{
    ImageOptions o = {.max_side = PASTE_MAX_DIM};
    Image im;
    Tensor t = {0};
    Err err = {0};
    char note[256];
    if (image_read(path, &o, &im, &err) == 0 && image_to_tensor(&im, LAYOUT_NHWC, &t, &err) == 0 &&
        set_input(s, &t, &err) == 0)
        scene_set_message(s, 0, "loaded %s as the input", image_describe(&im, path, note, sizeof note));
    else
        scene_set_message(s, 1, "%s", err.msg);
    image_free(&im);
    tensor_free(&t);
}

static void drop_archive(Scene *s, const char *path)
{
    ArrayList l = {0};
    Err err = {0};
    if (array_file_list(path, &l, &err) != 0) {
        scene_set_message(s, 1, "%s", err.msg);
        return;
    }
    if (l.count == 1) {
        char spec[4200];
        snprintf(spec, sizeof spec, "%s:%s", path, l.items[0].name);
        scene_load_file(s, "input", spec, &err);
    } else {
        char names[200] = "";
        for (int i = 0; i < l.count && strlen(names) < 150; i++)
            snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", i ? ", " : "",
                     l.items[i].name);
        scene_set_message(s, 1, "%s holds %d arrays (%s%s); open one with --input %s:NAME",
                          path, l.count, names, strlen(names) >= 150 ? ", ..." : "", path);
    }
    array_list_free(&l);
}

int drop_file_handle(Scene *s, const char *path)
{
    if (image_path_is_image(path)) {
        drop_image(s, path);
        return 1;
    }
    if (array_file_needs_member(path)) {
        drop_archive(s, path);
        return 1;
    }
    return 0;
}

void drop_file_note_image(Scene *s, const CliLayerArgs *a)
{
    ImageOptions o = {.max_value = a->image_scale, .resize_w = a->resize_w,
                      .resize_h = a->resize_h, .max_side = a->image_max_side};
    Image im;
    Err err = {0};
    char note[256];
    if (!a->input_image || image_read(a->input_image, &o, &im, &err) != 0)
        return;
    scene_set_message(s, 0, "%s", image_describe(&im, a->input_image, note, sizeof note));
    image_free(&im);
}
