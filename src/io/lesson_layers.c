/* lesson_layers.c - stack lessons: `layers:` parsed into stages run by the
 * core's stack (core/stack.h), (the claims about a chain, `counts` and
 * `chain_output`, are verified in course/lesson_stack_check.c).
 *
 * A stack lesson gives `tensors: {input}` and 1-3 stages, each a layer
 * `{op, params, filter, bias}` in the lesson's convention or a fixed resize
 * `{resize: nearest|bilinear, scale: S}`. The whole chain must run when the
 * lesson loads. Its first conv stage becomes the lesson's own layer (on
 * that stage's real input), so every single-layer view and claim applies to
 * it unchanged; a single-layer lesson is a chain of one for these claims. */
#include "io/lesson_internal.h"
#include "core/layer1d.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void lesson_stages_free(Lesson *l)
{
    for (int i = 0; l->stages && i < l->stage_count; i++) {
        tensor_free(&l->stages[i].filter);
        tensor_free(&l->stages[i].bias);
    }
    free(l->stages);
    l->stages = NULL;
    l->stage_count = 0;
    tensor_free(&l->stack_input);
}

void lesson_stack(const Lesson *l, StackSpec *s, const Tensor **input)
{
    memset(s, 0, sizeof *s);
    s->convention = l->spec.params.convention;
    s->dims = l->spec.dims == 1 ? 1 : 2;
    if (l->stage_count == 0) {
        s->n_stages = 1;
        s->stage[0] = (StackStage){.kind = STAGE_LAYER, .spec = l->spec, .filter = &l->filter,
                                   .bias = l->bias.data ? &l->bias : NULL};
        *input = &l->input;
        return;
    }
    s->n_stages = l->stage_count;
    for (int i = 0; i < l->stage_count; i++) {
        const LessonStage *st = &l->stages[i];
        s->stage[i] = (StackStage){.kind = st->kind, .spec = st->spec, .filter = &st->filter,
                                   .bias = st->bias.data ? &st->bias : NULL, .scale = st->scale};
    }
    *input = &l->stack_input;
}

static int parse_resize(const LCtx *cx, const YNode *n, const char *field, LessonStage *st)
{
    static const char *const layer_only[] = {"op", "params", "filter", "bias", NULL};
    char f[96];
    for (int i = 0; layer_only[i]; i++)
        if (ymap_get(n, layer_only[i]))
            return lfail(cx, ymap_get_key(n, layer_only[i]), TC_ERR_FORMAT,
                         "%s.%s does not apply to a resize stage", field, layer_only[i]);
    const YNode *rz = ymap_get(n, "resize"), *sc = ymap_get(n, "scale");
    snprintf(f, sizeof f, "%.80s.resize", field);
    if (rz->kind != YN_SCALAR ||
        (strcmp(rz->value, "nearest") != 0 && strcmp(rz->value, "bilinear") != 0))
        return lwant(cx, rz, f, "nearest or bilinear");
    st->kind = strcmp(rz->value, "nearest") == 0 ? STAGE_NEAREST : STAGE_BILINEAR;
    snprintf(f, sizeof f, "%.80s.scale", field);
    if (!sc)
        return lfail(cx, n, TC_ERR_FORMAT, "%s is missing, expected an integer factor 1..16", f);
    return lget_int(cx, sc, f, 1, 16, &st->scale);
}

static int parse_stage(const LCtx *cx, const YNode *n, const char *field, Convention c,
                       LessonStage *st, int *dims)
{
    static const char *const keys[] = {"op", "params", "filter", "bias", "resize", "scale", NULL};
    char f[96];
    if (n->kind != YN_MAP)
        return lwant(cx, n, field, "a mapping {op, params, filter} or {resize, scale}");
    if (lkeys(cx, n, field, keys) != 0)
        return -1;
    if (ymap_get(n, "resize"))
        return parse_resize(cx, n, field, st);
    if (ymap_get(n, "scale"))
        return lfail(cx, ymap_get_key(n, "scale"), TC_ERR_FORMAT,
                     "%s.scale applies to a resize stage only", field);
    const YNode *op = ymap_get(n, "op"), *params = ymap_get(n, "params"),
                *filter = ymap_get(n, "filter"), *bias = ymap_get(n, "bias");
    int d = 2;
    st->kind = STAGE_LAYER;
    st->spec.op = OP_CONV2D_TRANSPOSE;
    st->spec.params.convention = c;
    snprintf(f, sizeof f, "%.80s.op", field);
    if (op && (op->kind != YN_SCALAR || op_parse_dims(op->value, &st->spec.op, &d) != 0 ||
               !op_has_1d(st->spec.op)))
        return lwant(cx, op, f, "conv2d_transpose, conv2d, conv1d_transpose or conv1d");
    if (*dims && d != *dims)
        return lfail(cx, op ? op : n, TC_ERR_FORMAT,
                     "%s is %d-D, expected every layer %d-D like the first", field, d, *dims);
    *dims = d;
    st->spec.dims = d;
    if (d == 1)
        layer1d_params(&st->spec.params, c, 1, 1, PAD_VALID, 0, 0, 0);
    snprintf(f, sizeof f, "%.80s.params", field);
    if (params && (params->kind != YN_MAP ||
                   lesson_parse_params(cx, params, f, &st->spec, NULL) != 0 ||
                   lkeys(cx, params, f,
                         c == CONV_TF ? lesson_tf_param_keys : lesson_torch_param_keys) != 0))
        return params->kind != YN_MAP ? lwant(cx, params, f, "a mapping of the layer's parameters")
                                      : -1;
    if (!filter)
        return lfail(cx, n, TC_ERR_FORMAT, "%s.filter is missing: a layer stage needs its filter",
                     field);
    snprintf(f, sizeof f, "%.80s.filter", field);
    int layout = lesson_layout_arg(layer_filter_layout(c, st->spec.op), d);
    if (lesson_parse_tensor(cx, filter, f, layout, NULL, &st->filter) != 0)
        return -1;
    snprintf(f, sizeof f, "%.80s.bias", field);
    return bias ? lesson_parse_tensor(cx, bias, f, -1, NULL, &st->bias) : 0;
}

/* The lesson's own layer: the first conv stage, on its real input. */
static int set_own_layer(const LCtx *cx, const YNode *layers, Lesson *l)
{
    int first = 0;
    while (l->stages[first].kind != STAGE_LAYER) /* lesson_parse_layers made sure of one */
        first++;
    StackSpec s;
    StackResult r;
    const Tensor *input;
    lesson_stack(l, &s, &input);
    if (stack_run(&s, input, &r, cx->err) != 0) {
        char msg[ERR_MSG_MAX];
        int k = 1;
        snprintf(msg, sizeof msg, "%s", cx->err->msg);
        if (sscanf(msg, "stage %d", &k) != 1 || k < 1 || k > l->stage_count)
            k = 1;
        return lfail(cx, layers->items[k - 1], cx->err->code, "layers[%d]: %s", k - 1, msg);
    }
    const LessonStage *st = &l->stages[first];
    l->spec = st->spec;
    int rc = tensor_copy(first ? &r.out[first - 1] : &l->stack_input, &l->input, cx->err) ||
             tensor_copy(&st->filter, &l->filter, cx->err) ||
             (st->bias.data && tensor_copy(&st->bias, &l->bias, cx->err));
    stack_result_free(&r);
    return rc ? lfail(cx, layers, cx->err->code, "layers: %s", cx->err->msg) : 0;
}

int lesson_parse_layers(const LCtx *cx, const YNode *root, Lesson *l)
{
    static const char *const input_only[] = {"input", NULL};
    const YNode *layers = ymap_get(root, "layers"), *t = ymap_get(root, "tensors");
    Convention c = l->spec.params.convention;
    for (int i = 0; i < 2; i++) {
        const char *key = i ? "params" : "op";
        if (ymap_get(root, key))
            return lfail(cx, ymap_get_key(root, key), TC_ERR_FORMAT,
                         "%s does not apply with layers: each layer has its own", key);
    }
    if (layers->kind != YN_SEQ || layers->count < 1)
        return lwant(cx, layers, "layers", "a list of 1 to 3 stages");
    if (layers->count > STACK_MAX_STAGES)
        return lfail(cx, layers, TC_ERR_LIMIT, "layers has %d stages, at most %d are allowed",
                     layers->count, STACK_MAX_STAGES);
    if (!t || t->kind != YN_MAP || !ymap_get(t, "input"))
        return lfail(cx, t ? t : root, TC_ERR_FORMAT,
                     "tensors.input is missing: a stack lesson gives the chain's input");
    if (lkeys(cx, t, "tensors (each layer has its own filter and bias)", input_only) != 0)
        return -1;
    l->stages = calloc((size_t)layers->count, sizeof *l->stages);
    if (!l->stages)
        return lfail(cx, layers, TC_ERR_NOMEM, "out of memory");
    l->stage_count = layers->count;
    int dims = 0;
    for (int i = 0; i < layers->count; i++) {
        char f[32];
        snprintf(f, sizeof f, "layers[%d]", i);
        if (parse_stage(cx, layers->items[i], f, c, &l->stages[i], &dims) != 0)
            return -1;
    }
    if (dims == 0) /* only layer stages set it */
        return lfail(cx, layers, TC_ERR_FORMAT,
                     "layers has no conv or transposed conv stage, expected at least one");
    l->spec.dims = dims;
    if (lesson_parse_tensor(cx, ymap_get(t, "input"), "tensors.input",
                            lesson_layout_arg(layer_data_layout(c), dims), NULL,
                            &l->stack_input) != 0)
        return -1;
    return set_own_layer(cx, layers, l);
}
