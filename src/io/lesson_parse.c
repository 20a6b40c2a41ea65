/* lesson_parse.c - the top of a lesson file: title, convention, op, params,
 * tensors, then the steps and expects; and lesson_free.
 *
 * Everything is validated while loading, including that the core accepts
 * the layer (and every step's and expect's variant of it), so a lesson that
 * loads can be shown; a file with any mistake is refused whole. */
#include "io/lesson_internal.h"
#include "core/layer1d.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LESSON_MAX_TITLE 200

void lesson_free(Lesson *l)
{
    if (!l)
        return;
    free(l->path);
    free(l->title);
    free(l->summary);
    tensor_free(&l->input);
    tensor_free(&l->filter);
    tensor_free(&l->bias);
    tensor_free(&l->d_out);
    for (int i = 0; l->steps && i < l->step_count; i++)
        lesson_step_free(&l->steps[i]);
    free(l->steps);
    for (int i = 0; l->expects && i < l->expect_count; i++)
        lesson_expect_free(&l->expects[i]);
    free(l->expects);
    lesson_stages_free(l);
    memset(l, 0, sizeof *l);
}

static const char *const op_list =
    "conv2d, conv2d_transpose, conv2d_backprop_input, conv2d_backprop_filter, conv1d or "
    "conv1d_transpose";

static int parse_head(const LCtx *cx, const YNode *root, Lesson *l)
{
    const YNode *n = ymap_get(root, "title");
    if (!n)
        return lfail(cx, root, TC_ERR_FORMAT, "title is missing, expected a one-line title");
    if (lget_string(cx, n, "title", LESSON_MAX_TITLE, &l->title) != 0)
        return -1;
    if ((n = ymap_get(root, "summary")) &&
        lget_string(cx, n, "summary", LESSON_MAX_TEXT, &l->summary) != 0)
        return -1;
    l->spec.op = OP_CONV2D_TRANSPOSE;
    if ((n = ymap_get(root, "convention"))) {
        if (n->kind != YN_SCALAR || (strcmp(n->value, "tf") != 0 && strcmp(n->value, "torch") != 0))
            return lwant(cx, n, "convention", "tf or torch");
        l->spec.params.convention = strcmp(n->value, "tf") == 0 ? CONV_TF : CONV_TORCH;
    }
    if ((n = ymap_get(root, "op")) &&
        (n->kind != YN_SCALAR || op_parse_dims(n->value, &l->spec.op, &l->spec.dims) != 0))
        return lwant(cx, n, "op", op_list);
    return 0;
}

/* Which tensors each op reads: input, filter, d_out (bias: conv2d and
 * conv2d_transpose). A conv2d lesson may add d_out for its gradients. */
static const char need[OP_COUNT][3] = {
    [OP_CONV2D] = {1, 1, 0}, [OP_CONV2D_TRANSPOSE] = {1, 1, 0},
    [OP_BACKPROP_INPUT] = {0, 1, 1}, [OP_BACKPROP_FILTER] = {1, 0, 1},
};

static int parse_tensors(const LCtx *cx, const YNode *root, Lesson *l, int bias_flag)
{
    static const char *const keys[] = {"input", "filter", "bias", "d_out", NULL};
    const YNode *t = ymap_get(root, "tensors");
    OpKind op = l->spec.op;
    Convention c = l->spec.params.convention;
    if (!t)
        return lfail(cx, root, TC_ERR_FORMAT, "tensors is missing, expected the %s tensors",
                     op_name(op));
    if (t->kind != YN_MAP)
        return lwant(cx, t, "tensors", "a mapping of input, filter, bias, d_out");
    if (lkeys(cx, t, "tensors", keys) != 0)
        return -1;
    static const char *const takes[OP_COUNT] = {
        [OP_CONV2D] = "input and filter", [OP_CONV2D_TRANSPOSE] = "input and filter",
        [OP_BACKPROP_INPUT] = "filter and d_out", [OP_BACKPROP_FILTER] = "input and d_out",
    };
    const char *const roles[3] = {"input", "filter", "d_out"};
    for (int r = 0; r < 3; r++) {
        const YNode *n = ymap_get(t, roles[r]);
        if (need[op][r] && !n)
            return lfail(cx, t, TC_ERR_FORMAT, "tensors.%s is missing: %s needs %s", roles[r],
                         op_name(op), takes[op]);
        /* conv2d may carry d_out: its gradients are what lesson 5 is about. */
        if (!need[op][r] && n && !(op == OP_CONV2D && r == 2))
            return lfail(cx, ymap_get_key(t, roles[r]), TC_ERR_FORMAT,
                         "tensors.%s does not apply to %s (it takes %s)", roles[r], op_name(op),
                         takes[op]);
    }
    const YNode *bias = ymap_get(t, "bias");
    if (bias && op != OP_CONV2D && op != OP_CONV2D_TRANSPOSE)
        return lfail(cx, bias, TC_ERR_FORMAT, "tensors.bias does not apply to %s", op_name(op));
    if (bias_flag == 1 && !bias)
        return lfail(cx, t, TC_ERR_FORMAT, "params.bias is true but tensors.bias is missing");
    if (bias_flag == 0 && bias)
        return lfail(cx, bias, TC_ERR_FORMAT, "tensors.bias is given but params.bias is false");

    const YNode *n;
    TensorEnv env = {&l->spec, &l->filter};
    if ((n = ymap_get(t, "filter")) &&
        lesson_parse_tensor(cx, n, "tensors.filter",
                            lesson_layout_arg(layer_filter_layout(c, op), l->spec.dims), NULL,
                            &l->filter) != 0)
        return -1;
    if ((n = ymap_get(t, "input")) &&
        lesson_parse_tensor(cx, n, "tensors.input",
                            lesson_layout_arg(layer_data_layout(c), l->spec.dims), &env, &l->input))
        return -1;
    if (bias && lesson_parse_tensor(cx, bias, "tensors.bias", -1, NULL, &l->bias) != 0)
        return -1;
    if ((n = ymap_get(t, "d_out")) &&
        lesson_parse_tensor(cx, n, "tensors.d_out",
                            lesson_layout_arg(layer_data_layout(c), l->spec.dims), NULL, &l->d_out))
        return -1;
    return 0;
}

/* The core must accept the layer; a conv2d lesson's d_out must fit it. */
static int check_layer(const LCtx *cx, const YNode *root, const Lesson *l)
{
    LayerSpec spec;
    LayerTensors t;
    ConvGeom g;
    lesson_layer(l, NULL, &spec, &t);
    const YNode *params = ymap_get(root, "params"), *tensors = ymap_get(root, "tensors");
    if (spec.op == OP_CONV2D)
        t.d_out = NULL;
    if (layer_resolve(&spec, &t, &g, cx->err) != 0) {
        char msg[ERR_MSG_MAX];
        snprintf(msg, sizeof msg, "%s", cx->err->msg);
        return lfail(cx, lesson_blame(msg, params, tensors, root), cx->err->code, "%s", msg);
    }
    if (spec.op == OP_CONV2D && l->d_out.data) {
        int want[4] = {g.n, g.c_conv_out, g.h.conv_out, g.w.conv_out}, got[4];
        const char *name = layout_name(l->d_out.layout);
        for (int i = 0; i < 4; i++)
            got[i] = tensor_axis(&l->d_out, "NCHW"[i]);
        if (memcmp(want, got, sizeof want) != 0) {
            int w[4];
            for (int i = 0; i < 4; i++)
                w[i] = want[strchr("NCHW", name[i]) - "NCHW"];
            char a[64], b[64];
            lesson_fmt4(l->d_out.dim, a, sizeof a);
            lesson_fmt4(w, b, sizeof b);
            return lfail(cx, ymap_get(tensors, "d_out"), TC_ERR_SHAPE,
                         "tensors.d_out has shape %s, expected %s (the conv2d output, %s)", a, b,
                         name);
        }
    }
    return 0;
}

/* A list under `key` into calloc'd items; the count is set before parsing
 * so lesson_free releases whatever the items got. */
static int parse_list(const LCtx *cx, const YNode *root, const char *key, int required, int max,
                      void **items, size_t item_size, int *count, const YNode **node)
{
    const YNode *n = ymap_get(root, key);
    *node = n;
    if (!n) {
        if (required)
            return lfail(cx, root, TC_ERR_FORMAT, "%s is missing, expected a list", key);
        return 0;
    }
    if (n->kind != YN_SEQ || (required && n->count == 0))
        return lwant(cx, n, key, required ? "a non-empty list" : "a list");
    if (n->count > max)
        return lfail(cx, n, TC_ERR_LIMIT, "%s has %d items, at most %d are allowed", key,
                     n->count, max);
    if (n->count == 0)
        return 0;
    *items = calloc((size_t)n->count, item_size);
    if (!*items)
        return lfail(cx, n, TC_ERR_NOMEM, "out of memory");
    *count = n->count;
    return 0;
}

static int parse_lesson(const LCtx *cx, const YNode *root, Lesson *l)
{
    static const char *const top[] = {"title", "summary", "convention", "op", "params",
                                      "tensors", "layers", "steps", "expect", NULL};
    if (root->kind != YN_MAP)
        return lwant(cx, root, "a lesson", "a mapping with title, tensors, steps, ...");
    if (lkeys(cx, root, "the lesson", top) != 0 || parse_head(cx, root, l) != 0)
        return -1;
    int bias_flag = -1;
    const YNode *params = ymap_get(root, "params");
    if (l->spec.dims == 1)
        layer1d_params(&l->spec.params, l->spec.params.convention, 1, 1, PAD_VALID, 0, 0, 0);
    if (ymap_get(root, "layers")) {
        if (lesson_parse_layers(cx, root, l) != 0)
            return -1;
    } else if (params) {
        if (params->kind != YN_MAP)
            return lwant(cx, params, "params", "a mapping of the layer's parameters");
        if (lesson_parse_params(cx, params, "params", &l->spec, &bias_flag) != 0 ||
            lkeys(cx, params, "params",
                  l->spec.params.convention == CONV_TF ? lesson_tf_param_keys
                                                       : lesson_torch_param_keys) != 0)
            return -1;
    }
    if (!l->stages && (parse_tensors(cx, root, l, bias_flag) != 0 || check_layer(cx, root, l) != 0))
        return -1;

    const YNode *steps, *expects;
    if (parse_list(cx, root, "steps", 1, LESSON_MAX_STEPS, (void **)&l->steps, sizeof *l->steps,
                   &l->step_count, &steps) != 0)
        return -1;
    for (int i = 0; i < l->step_count; i++) {
        char f[32];
        snprintf(f, sizeof f, "steps[%d]", i);
        if (lesson_parse_step(cx, steps->items[i], f, l, &l->steps[i]) != 0)
            return -1;
    }
    if (parse_list(cx, root, "expect", 0, LESSON_MAX_EXPECTS, (void **)&l->expects,
                   sizeof *l->expects, &l->expect_count, &expects) != 0)
        return -1;
    for (int i = 0; i < l->expect_count; i++) {
        char f[32];
        snprintf(f, sizeof f, "expect[%d]", i);
        if (lesson_parse_expect(cx, expects->items[i], f, l, &l->expects[i]) != 0)
            return -1;
    }
    return 0;
}

/* text == NULL: read the file at path. */
static int load(const char *path, const char *text, size_t len, Lesson *l, Err *err)
{
    memset(l, 0, sizeof *l);
    LCtx cx = {.path = path, .err = err};
    const char *slash = strrchr(path, '/');
    cx.dir = slash ? strndup(path, (size_t)(slash - path == 0 ? 1 : slash - path)) : strdup(".");
    l->path = strdup(path);
    if (!cx.dir || !l->path) {
        free(cx.dir);
        lesson_free(l);
        return err_fail(err, TC_ERR_NOMEM, "%s: out of memory", path);
    }
    YDoc doc;
    int rc = text ? ydoc_parse_text(text, len, path, &doc, err)
                  : ydoc_parse_file(path, &doc, err);
    if (rc == 0)
        rc = parse_lesson(&cx, doc.root, l);
    ydoc_free(&doc);
    free(cx.dir);
    if (rc != 0)
        lesson_free(l);
    return rc;
}

int lesson_load(const char *path, Lesson *l, Err *err)
{
    return load(path, NULL, 0, l, err);
}

int lesson_load_text(const char *text, size_t len, const char *path, Lesson *l, Err *err)
{
    if (len > (size_t)LESSON_MAX_FILE_BYTES)
        return memset(l, 0, sizeof *l),
               err_fail(err, TC_ERR_LIMIT, "%s: the file is larger than %ld bytes, the limit for a lesson",
                        path, LESSON_MAX_FILE_BYTES);
    return load(path, text, len, l, err);
}
