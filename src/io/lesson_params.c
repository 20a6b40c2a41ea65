/* lesson_params.c - a lesson's layer parameters, in the convention's own
 * names, into a LayerSpec.
 *
 * The names and meanings are those of `tcviz compute` (src/cli/cli_args.c)
 * and of the frameworks: TF strides / padding SAME|VALID|[t,b,l,r] /
 * dilations / output_shape; PyTorch stride / padding / output_padding /
 * dilation / groups / bias. As on the command line, a name of the other
 * convention is refused with the right spelling instead of being accepted,
 * because TF SAME and PyTorch padding mean different crops. */
#include "io/lesson_internal.h"
#include "core/layer1d.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

const char *const lesson_tf_param_keys[] = {"strides", "padding", "dilations", "output_shape",
                                            "input_sizes", "filter_sizes", NULL};
const char *const lesson_torch_param_keys[] = {"stride", "dilation", "padding", "output_padding",
                                               "groups", "bias", "input_size", "weight_size",
                                               NULL};

/* A key of the other convention and what to write instead. */
typedef struct {
    const char *key;
    Convention belongs; /* the convention that spells it this way */
    const char *instead;
} OtherName;

static const OtherName other_names[] = {
    {"stride", CONV_TORCH, "'strides'"},
    {"dilation", CONV_TORCH, "'dilations'"},
    {"output_padding", CONV_TORCH, "'output_shape' to choose among the legal sizes"},
    {"groups", CONV_TORCH, "convention: torch (TF layers have no groups)"},
    {"bias", CONV_TORCH, "tensors.bias (TF's ops take no bias flag)"},
    {"input_size", CONV_TORCH, "'input_sizes'"},
    {"weight_size", CONV_TORCH, "'filter_sizes'"},
    {"strides", CONV_TF, "'stride'"},
    {"dilations", CONV_TF, "'dilation'"},
    {"output_shape", CONV_TF, "'padding' and 'output_padding'"},
    {"input_sizes", CONV_TF, "'input_size'"},
    {"filter_sizes", CONV_TF, "'weight_size'"},
};

/* "S" or [SH, SW]; TF also takes its 4-long form [1, SH, SW, 1]. */
static int parse_pair(const LCtx *cx, const YNode *n, const char *field, int lo, int tf4,
                      int out[2])
{
    char want[96];
    snprintf(want, sizeof want, "%s or a list [h, w]%s",
             lo == 1 ? "a positive integer" : "a non-negative integer",
             tf4 ? " (or [1, h, w, 1])" : "");
    if (n->kind == YN_SCALAR) {
        if (lget_int(cx, n, field, lo, GEOM_MAX_PARAM, &out[0]) != 0)
            return -1;
        out[1] = out[0];
        return 0;
    }
    if (n->kind != YN_SEQ || !(n->count == 2 || (tf4 && n->count == 4)))
        return lwant(cx, n, field, want);
    int v[4];
    if (lget_ints(cx, n, field, n->count, lo, GEOM_MAX_PARAM, v) != 0)
        return -1;
    if (n->count == 4) {
        for (int i = 0; i < 4; i += 3)
            if (v[i] != 1) {
                char f[96];
                snprintf(f, sizeof f, "%.80s[%d]", field, i);
                return lfail(cx, n->items[i], TC_ERR_FORMAT,
                             "%s must be 1 (TF does not stride over batch or channels), got %d",
                             f, v[i]);
            }
        out[0] = v[1];
        out[1] = v[2];
        return 0;
    }
    out[0] = v[0];
    out[1] = v[1];
    return 0;
}

static int parse_padding(const LCtx *cx, const YNode *n, const char *field, ConvParams *p)
{
    if (p->convention == CONV_TF) {
        if (n->kind == YN_SCALAR &&
            (strcasecmp(n->value, "SAME") == 0 || strcasecmp(n->value, "VALID") == 0)) {
            p->padding = strcasecmp(n->value, "SAME") == 0 ? PAD_SAME : PAD_VALID;
            return 0;
        }
        if (n->kind != YN_SEQ || n->count != 4)
            return lwant(cx, n, field, "SAME, VALID or a list [top, bottom, left, right]");
        p->padding = PAD_EXPLICIT;
        return lget_ints(cx, n, field, 4, 0, GEOM_MAX_PARAM, p->pad);
    }
    int hw[2];
    if (n->kind == YN_SCALAR && strcasecmp(n->value, "same") == 0)
        return lfail(cx, n, TC_ERR_FORMAT,
                     "%s must be a non-negative integer or [h, w]: PyTorch's ConvTranspose2d "
                     "has no padding='same'",
                     field);
    if (parse_pair(cx, n, field, 0, 0, hw) != 0)
        return -1;
    params_set_torch_padding(p, hw[0], hw[1]);
    return 0;
}

/* The op a size key belongs to. */
static OpKind size_key_op(const char *key)
{
    if (strcmp(key, "output_shape") == 0)
        return OP_CONV2D_TRANSPOSE;
    if (strcmp(key, "input_sizes") == 0 || strcmp(key, "input_size") == 0)
        return OP_BACKPROP_INPUT;
    return OP_BACKPROP_FILTER;
}

static const char *size_form(const char *key)
{
    if (strcmp(key, "output_shape") == 0 || strcmp(key, "input_sizes") == 0)
        return "[N, H, W, C]";
    if (strcmp(key, "input_size") == 0)
        return "[N, C, H, W]";
    if (strcmp(key, "filter_sizes") == 0)
        return "[KH, KW, CIN, COUT]";
    return "[COUT, CIN/G, KH, KW]";
}

/* A 1-D layer (conv1d, conv1d_transpose): one number per parameter, along W;
 * TF padding SAME, VALID or [left, right]; output_shape [N, W, C]. Returns 1
 * for the keys that read as in 2-D. */
static int apply_1d(const LCtx *cx, const char *key, const YNode *v, const char *field,
                    LayerSpec *spec)
{
    ConvParams *p = &spec->params;
    int *slot = strcmp(key, "strides") == 0 || strcmp(key, "stride") == 0       ? &p->stride[1]
                : strcmp(key, "dilations") == 0 || strcmp(key, "dilation") == 0 ? &p->dilation[1]
                : strcmp(key, "output_padding") == 0 ? &p->output_padding[1]
                                                     : NULL;
    if (slot) {
        if (v->kind != YN_SCALAR)
            return lwant(cx, v, field, "one integer (a 1-D layer)");
        return lget_int(cx, v, field, slot == &p->output_padding[1] ? 0 : 1, GEOM_MAX_PARAM, slot);
    }
    if (strcmp(key, "padding") == 0 && v->kind == YN_SEQ && p->convention == CONV_TF) {
        int lr[2];
        if (v->count != 2)
            return lwant(cx, v, field, "SAME, VALID or a list [left, right] (a 1-D layer)");
        if (lget_ints(cx, v, field, 2, 0, GEOM_MAX_PARAM, lr) != 0)
            return -1;
        layer1d_params(p, p->convention, p->stride[1], p->dilation[1], PAD_EXPLICIT, lr[0], lr[1],
                       p->output_padding[1]);
        return 0;
    }
    if (strcmp(key, "padding") == 0) {
        if (v->kind == YN_SEQ)
            return lwant(cx, v, field, "one integer (a 1-D layer)");
        if (parse_padding(cx, v, field, p) != 0)
            return -1;
        p->pad[0] = p->pad[1] = 0;
        return 0;
    }
    if (strcmp(key, "output_shape") == 0 && spec->op == OP_CONV2D_TRANSPOSE) {
        int nwc[3];
        if (v->kind != YN_SEQ || v->count != 3)
            return lwant(cx, v, field, "a list of 3 integers [N, W, C]");
        if (lget_ints(cx, v, field, 3, 1, TENSOR_MAX_DIM, nwc) != 0)
            return -1;
        shape_1d_to_2d(LAYOUT_NHWC, nwc, spec->size);
        return 0;
    }
    return 1;
}

static int apply(const LCtx *cx, const char *key, const YNode *v, const char *field,
                 LayerSpec *spec, int *bias_flag)
{
    ConvParams *p = &spec->params;
    if (spec->dims == 1) {
        int rc = apply_1d(cx, key, v, field, spec);
        if (rc <= 0)
            return rc;
    }
    if (strcmp(key, "strides") == 0 || strcmp(key, "stride") == 0)
        return parse_pair(cx, v, field, 1, p->convention == CONV_TF, p->stride);
    if (strcmp(key, "dilations") == 0 || strcmp(key, "dilation") == 0)
        return parse_pair(cx, v, field, 1, p->convention == CONV_TF, p->dilation);
    if (strcmp(key, "padding") == 0)
        return parse_padding(cx, v, field, p);
    if (strcmp(key, "output_padding") == 0) {
        if (spec->op != OP_CONV2D_TRANSPOSE)
            return lfail(cx, v, TC_ERR_FORMAT, "%s applies to conv2d_transpose only, not %s",
                         field, op_name(spec->op));
        return parse_pair(cx, v, field, 0, 0, p->output_padding);
    }
    if (strcmp(key, "groups") == 0)
        return lget_int(cx, v, field, 1, TENSOR_MAX_DIM, &p->groups);
    if (strcmp(key, "bias") == 0)
        return lget_bool(cx, v, field, bias_flag);
    /* the size keys */
    if (size_key_op(key) != spec->op)
        return lfail(cx, v, TC_ERR_FORMAT, "%s applies to %s only, not %s", field,
                     op_name(size_key_op(key)), op_name(spec->op));
    char want[64];
    snprintf(want, sizeof want, "a list of 4 integers %s", size_form(key));
    if (v->kind != YN_SEQ || v->count != 4)
        return lwant(cx, v, field, want);
    return lget_ints(cx, v, field, 4, 1, TENSOR_MAX_DIM, spec->size);
}

int lesson_parse_params(const LCtx *cx, const YNode *map, const char *field, LayerSpec *spec,
                        int *bias_flag)
{
    Convention c = spec->params.convention;
    const char *const *mine = c == CONV_TF ? lesson_tf_param_keys : lesson_torch_param_keys;
    for (int i = 0; i < map->count; i++) {
        const char *key = ymap_key(map, i)->value;
        int is_mine = 0;
        for (int j = 0; mine[j] && !is_mine; j++)
            is_mine = strcmp(key, mine[j]) == 0;
        char f[96];
        snprintf(f, sizeof f, "%.60s.%.30s", field, key);
        /* In a with: block, `bias` may also be a replacement tensor; the
         * caller decides which it is. */
        if (!bias_flag && strcmp(key, "bias") == 0)
            continue;
        if (is_mine) {
            if (apply(cx, key, ymap_value(map, i), f, spec, bias_flag) != 0)
                return -1;
            continue;
        }
        for (size_t k = 0; k < sizeof other_names / sizeof other_names[0]; k++)
            if (other_names[k].belongs != c && strcmp(other_names[k].key, key) == 0)
                return lfail(cx, ymap_key(map, i), TC_ERR_FORMAT,
                             "'%s' is the %s name; with convention %s use %s", key,
                             c == CONV_TF ? "PyTorch" : "TF", c == CONV_TF ? "tf" : "torch",
                             other_names[k].instead);
    }
    return 0;
}

/* Words of a core message that name a parameter, and the key that sets it. */
static const YNode *param_node(const YNode *params, const char *msg)
{
    static const char *const words[][3] = {
        {"output_shape", "output_shape", NULL},
        {"output size", "output_padding", NULL},
        {"output_padding", "output_padding", NULL},
        {"groups", "groups", NULL},
        {"stride", "strides", "stride"},
        {"dilation", "dilations", "dilation"},
        {"padding", "padding", NULL},
        {"input size", "input_sizes", "input_size"},
        {"filter size", "filter_sizes", "weight_size"},
    };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        if (!strstr(msg, words[i][0]))
            continue;
        for (int k = 1; k < 3; k++) {
            const YNode *n = words[i][k] ? ymap_get(params, words[i][k]) : NULL;
            if (n)
                return n;
        }
    }
    return NULL;
}

const YNode *lesson_blame(const char *msg, const YNode *params, const YNode *tensors,
                          const YNode *fallback)
{
    static const char *const roles[] = {"filter", "bias", "d_out", "input", NULL};
    /* "filter: in-channel axis is 3, ..." names the tensor first. */
    for (int i = 0; roles[i]; i++) {
        size_t len = strlen(roles[i]);
        if (strncmp(msg, roles[i], len) == 0 && msg[len] == ':' && ymap_get(tensors, roles[i]))
            return ymap_get(tensors, roles[i]);
    }
    const YNode *n = param_node(params, msg);
    if (n)
        return n;
    if (strstr(msg, "kernel") && ymap_get(tensors, "filter"))
        return ymap_get(tensors, "filter");
    if (strstr(msg, "input") && ymap_get(tensors, "input"))
        return ymap_get(tensors, "input");
    return params ? params : fallback;
}
