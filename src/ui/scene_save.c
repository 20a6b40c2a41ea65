/* scene_save.c - Ctrl+S: the current layer (or the open stack lesson's
 * chain) as .npy files and a lesson that reopens it.
 *
 * Everything goes into a folder made for this save (tcviz-session-<time>,
 * with -2, -3, ... when the name is taken), so no existing file is touched;
 * each .npy is written atomically by npy_write_f32 and the lesson by
 * lesson_write (temp file, then link). Tensors are saved in the
 * convention's layouts, the same ones `tcviz compute` reads and writes. */
#include "ui/scene_edit.h"
#include "ui/scene_grad.h"
#include "ui/view.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <time.h>

#include "core/layer1d.h"
#include "io/lesson_write.h"
#include "io/npy.h"

#define MAX_PATH 4096

/* A fresh folder parent/tcviz-session-YYYYmmdd-HHMMSS[-k]. */
static int make_folder(const char *parent, char *dir, size_t cap, Err *err)
{
    time_t now = time(NULL);
    struct tm tm;
    char stamp[32];
    localtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    for (int k = 1; k <= 100; k++) {
        int n = k == 1 ? snprintf(dir, cap, "%s/tcviz-session-%s", parent, stamp)
                       : snprintf(dir, cap, "%s/tcviz-session-%s-%d", parent, stamp, k);
        if (n < 0 || (size_t)n >= cap)
            return err_fail(err, TC_ERR_IO, "save: the folder name under %s is too long", parent);
        if (mkdir(dir, 0777) == 0)
            return 0;
        if (errno != EEXIST)
            return err_fail(err, TC_ERR_IO, "save: cannot create %s: %s", dir, strerror(errno));
    }
    return err_fail(err, TC_ERR_IO, "save: %s/tcviz-session-%s-2..100 all exist", parent, stamp);
}

/* Write t as dir/name, a 1-D layer's tensors without their H axis (as
 * `tcviz compute conv1d_transpose` reads them); counts the file. */
static int write_npy_dims(const char *dir, const char *name, const Tensor *t, int dims, int *files,
                          Err *err)
{
    char path[MAX_PATH];
    if (snprintf(path, sizeof path, "%s/%s", dir, name) >= (int)sizeof path)
        return err_fail(err, TC_ERR_IO, "save: path too long in %s", dir);
    int d3[3];
    if (dims == 1)
        shape_2d_to_1d(t->layout, t->dim, d3);
    if (npy_write_f32(path, dims == 1 ? 3 : 4, dims == 1 ? d3 : t->dim, t->data, err) != 0)
        return -1;
    (*files)++;
    return 0;
}

/* A bias, flat. */
static int write_bias(const char *dir, const char *name, const Tensor *bias, int *files, Err *err)
{
    char path[MAX_PATH];
    if (snprintf(path, sizeof path, "%s/%s", dir, name) >= (int)sizeof path)
        return err_fail(err, TC_ERR_IO, "save: path too long in %s", dir);
    int n = (int)tensor_count(bias);
    if (npy_write_f32(path, 1, &n, bias->data, err) != 0)
        return -1;
    (*files)++;
    return 0;
}

/* A canonical array of the model (NCHW / OIHW) in layout `to`, written. */
static int write_canonical(const char *dir, const char *name, Layout from, const int dim[4],
                           const float *data, Layout to, int dims, int *files, Err *err)
{
    Tensor view = {.layout = from, .dim = {dim[0], dim[1], dim[2], dim[3]}, .data = (float *)data};
    Tensor t = {0};
    if (tensor_convert(&view, to, &t, err) != 0)
        return -1;
    int rc = write_npy_dims(dir, name, &t, dims, files, err);
    tensor_free(&t);
    return rc;
}

/* d_out, d_input and d_filter of the gradient view, when it is shown. */
static int write_gradients(Scene *s, const char *dir, int *files, Err *err)
{
    GradModel *gm = scene_grad(s);
    if (!gm)
        return err_fail(err, TC_ERR_ARG, "save: %s", s->grad.msg);
    const ConvGeom *g = &s->m.g;
    Convention c = s->spec.params.convention;
    Layout dl = layer_data_layout(c);
    int small[4] = {g->n, g->c_conv_out, g->h.conv_out, g->w.conv_out};
    int big[4] = {g->n, g->c_conv_in, g->h.conv_in, g->w.conv_in};
    int wdim[4] = {g->c_conv_out, g->c_conv_in / g->groups, g->h.k, g->w.k};
    int d = s->spec.dims;
    if (write_canonical(dir, "d_out.npy", LAYOUT_NCHW, small, gm->dout, dl, d, files, err) != 0 ||
        write_canonical(dir, "d_input.npy", LAYOUT_NCHW, big, gm->dx, dl, d, files, err) != 0)
        return -1;
    /* d_w of the forward conv2d: OIHW, saved in conv2d's filter layout. */
    return write_canonical(dir, "d_filter.npy", LAYOUT_OIHW, wdim, gm->dw,
                           layer_filter_layout(c, OP_CONV2D), d, files, err);
}

/* Undo a save that failed part-way: the folder is new and ours, so remove
 * exactly the names a save writes, then the folder; a half-saved session
 * would reopen as something else or not at all. */
static void remove_session(const char *dir)
{
    static const char *const names[] = {
        "input.npy",   "filter.npy",  "output.npy",  "bias.npy",    "d_out.npy",
        "d_input.npy", "d_filter.npy", "filter1.npy", "filter2.npy", "filter3.npy",
        "bias1.npy",   "bias2.npy",   "bias3.npy",   "lesson.yaml"};
    char path[MAX_PATH];
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (snprintf(path, sizeof path, "%s/%s", dir, names[i]) < (int)sizeof path)
            unlink(path);
    rmdir(dir);
}

/* A stack lesson's chain: its input, each stage's filter and bias, the
 * chain's output (run here by the core), and a lesson with `layers:` that
 * reopens the same stack. */
static int save_stack(Scene *s, const char *dir, const StackSpec *chain, const Tensor *in,
                      int *files, Err *err)
{
    static const char *const filters[] = {"filter1.npy", "filter2.npy", "filter3.npy"};
    static const char *const biases[] = {"bias1.npy", "bias2.npy", "bias3.npy"};
    int d = chain->dims;
    LessonWriteStage st[STACK_MAX_STAGES];
    StackResult r;
    if (stack_run(chain, in, &r, err) != 0)
        return -1;
    int rc = write_npy_dims(dir, "input.npy", in, d, files, err) ||
             write_npy_dims(dir, "output.npy", &r.out[chain->n_stages - 1], d, files, err);
    stack_result_free(&r);
    for (int k = 0; rc == 0 && k < chain->n_stages; k++) {
        const StackStage *cs = &chain->stage[k];
        st[k] = (LessonWriteStage){.kind = cs->kind, .scale = cs->scale};
        if (cs->kind != STAGE_LAYER)
            continue;
        st[k].spec = &cs->spec;
        st[k].filter = filters[k];
        st[k].bias = cs->bias ? biases[k] : NULL;
        rc = write_npy_dims(dir, filters[k], cs->filter, d, files, err) ||
             (cs->bias && write_bias(dir, biases[k], cs->bias, files, err));
    }
    if (rc)
        return -1;
    char title[96], path[MAX_PATH];
    const char *slash = strrchr(dir, '/');
    snprintf(title, sizeof title, "%.80s", slash ? slash + 1 : dir);
    if (snprintf(path, sizeof path, "%s/lesson.yaml", dir) >= (int)sizeof path)
        return err_fail(err, TC_ERR_IO, "save: path too long in %s", dir);
    LessonWriteSpec w = {.title = title,
                         .input = "input.npy",
                         .view = view_of(s)->name,
                         .text = "Saved from the visualizer: this stack, its input and kernels.",
                         .n_stages = chain->n_stages,
                         .dims = d,
                         .convention = chain->convention,
                         .stages = st};
    if (lesson_write(path, &w, err) != 0)
        return -1;
    (*files)++;
    return 0;
}

int scene_save(Scene *s, const char *parent, char *dir_out, size_t dir_cap, Err *err)
{
    Err local = {0};
    if (!err)
        err = &local;
    char dir[MAX_PATH];
    int files = 0;
    const ConvGeom *g = &s->m.g;
    int rc = -1, made = 0;
    if (make_folder(parent && parent[0] ? parent : ".", dir, sizeof dir, err) != 0)
        goto done;
    made = 1;
    StackSpec chain;
    const Tensor *chain_in;
    if (scene_lesson_stack(s, &chain, &chain_in)) {
        if (save_stack(s, dir, &chain, chain_in, &files, err) != 0)
            goto done;
        rc = 0;
        scene_set_message(s, 0, "saved %d files to %s/", files, dir);
        if (dir_out && dir_cap)
            snprintf(dir_out, dir_cap, "%s", dir);
        goto done;
    }
    int out_dim[4] = {g->n, g->c_conv_in, g->h.conv_in, g->w.conv_in};
    Convention c = s->spec.params.convention;
    int d = s->spec.dims;
    if (write_npy_dims(dir, "input.npy", &s->input, d, &files, err) != 0 ||
        write_npy_dims(dir, "filter.npy", &s->filter, d, &files, err) != 0 ||
        write_canonical(dir, "output.npy", LAYOUT_NCHW, out_dim, s->m.st.output,
                        layer_output_layout(c, OP_CONV2D_TRANSPOSE), d, &files, err) != 0)
        goto done;
    if (s->bias.data && write_bias(dir, "bias.npy", &s->bias, &files, err) != 0)
        goto done;
    if (s->view == VIEW_GRADIENT && write_gradients(s, dir, &files, err) != 0)
        goto done;

    /* TF: the resolved output_shape, so the lesson does not depend on a default. */
    /* Resolved values: a zero in the spec means "the default" (1). */
    LayerSpec spec = s->spec;
    spec.params.stride[0] = g->h.stride;
    spec.params.stride[1] = g->w.stride;
    spec.params.dilation[0] = g->h.dil;
    spec.params.dilation[1] = g->w.dil;
    spec.params.groups = g->groups;
    if (c == CONV_TF) {
        int size[4] = {g->n, g->h.conv_in, g->w.conv_in, g->c_conv_in};
        memcpy(spec.size, size, sizeof size);
    }
    char title[96], path[MAX_PATH];
    const char *slash = strrchr(dir, '/');
    snprintf(title, sizeof title, "%.80s", slash ? slash + 1 : dir); /* tcviz-session-... */
    if (snprintf(path, sizeof path, "%s/lesson.yaml", dir) >= (int)sizeof path) {
        err_fail(err, TC_ERR_IO, "save: path too long in %s", dir);
        goto done;
    }
    LessonWriteSpec w = {.title = title,
                         .spec = &spec,
                         .input = "input.npy",
                         .filter = "filter.npy",
                         .bias = s->bias.data ? "bias.npy" : NULL,
                         .view = view_of(s)->name,
                         .text = "Saved from the visualizer: this layer, its input and kernel."};
    if (lesson_write(path, &w, err) != 0)
        goto done;
    files++;
    rc = 0;
    scene_set_message(s, 0, "saved %d files to %s/", files, dir);
    if (dir_out && dir_cap)
        snprintf(dir_out, dir_cap, "%s", dir);
done:
    if (rc != 0 && made) {
        remove_session(dir);
        err_prefix(err, "nothing was saved: "); /* first: a long path may cut the end */
    }
    if (rc != 0)
        scene_set_message(s, 1, "%s", err->msg);
    return rc;
}
