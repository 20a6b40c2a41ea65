/* lesson_expect.c - an `expect:` item: one claim about the layer (its output,
 * a cell, its shape, the legal output sizes, the overlap map, an equal
 * result by another route, the conv2d-equivalent's intermediates, the
 * matrix C, gradients, or a refusal), optionally about a changed layer
 * (`with:`). Parsing checks the claim's form and that it applies to the
 * layer; lesson_check computes and compares. */
#include "io/lesson_internal.h"
#include "core/layer1d.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const claim_names[EXPECT_KIND_COUNT] = {
    [EXPECT_OUTPUT] = "output",       [EXPECT_CELL] = "cell",
    [EXPECT_SHAPE] = "shape",         [EXPECT_LEGAL_SIZES] = "legal_sizes",
    [EXPECT_OVERLAP] = "overlap",     [EXPECT_SAME_AS] = "same_as",
    [EXPECT_ZERO_INSERTED] = "zero_inserted", [EXPECT_PADDED] = "padded",
    [EXPECT_KERNEL] = "kernel",       [EXPECT_MATRIX] = "matrix",
    [EXPECT_MATRIX_T] = "matrix_transposed", [EXPECT_D_INPUT] = "d_input",
    [EXPECT_D_FILTER] = "d_filter",   [EXPECT_ERROR] = "error",
    [EXPECT_COUNTS] = "counts",       [EXPECT_CHAIN_OUTPUT] = "chain_output",
};

static const char *const same_as_names[] = {LESSON_SAME_AS_NAMES, NULL};

void lesson_expect_free(LessonExpect *e)
{
    tensor_free(&e->value);
    free(e->text);
    lesson_variant_free(&e->with);
    memset(e, 0, sizeof *e);
}

/* A tensor claim: 2-D or 4-D in `layout` (2-D: the single slice). */
static int claim_tensor(const LCtx *cx, const YNode *n, const char *field, Layout layout,
                        int only_2d, int layer_dims, Tensor *out)
{
    int rank, dims[4], dim[4];
    float *data;
    if (lesson_nested_list(cx, n, field, &rank, dims, &data) != 0)
        return -1;
    /* A 1-D layer's claims may be one row or (not only_2d) in its 1-D layout. */
    int ok = rank == 2 || (!only_2d && rank == 4) ||
             (layer_dims == 1 && (rank == 1 || !only_2d));
    if (!ok) {
        free(data);
        if (only_2d)
            return lfail(cx, n, TC_ERR_SHAPE, "%s must be a %s list, got %d-D", field,
                         layer_dims == 1 ? "1-D (one row) or 2-D" : "2-D", rank);
        return lfail(cx, n, TC_ERR_SHAPE, "%s must be a 2-D (H x W) or 4-D (%s) list, got %d-D",
                     field, layout_name(layout), rank);
    }
    lesson_list_dims(layout, rank, dims, dim);
    int rc = tensor_init_from(out, layout, dim, data, cx->err);
    free(data);
    return rc != 0 ? lfail(cx, n, TC_ERR_LIMIT, "%s is too large", field) : 0;
}

/* Whether the claim applies to the layer it is about; names what would. */
static const char *applies(ExpectKind k, const char *same_as, const LayerSpec *spec,
                           const LayerTensors *t)
{
    OpKind op = spec->op;
    int tr = op == OP_CONV2D_TRANSPOSE;
    switch (k) {
    case EXPECT_LEGAL_SIZES:
        return tr && spec->params.convention == CONV_TF ? NULL : "TF conv2d_transpose layers";
    case EXPECT_OVERLAP: case EXPECT_ZERO_INSERTED: case EXPECT_PADDED: case EXPECT_KERNEL:
        return tr ? NULL : "conv2d_transpose layers";
    case EXPECT_MATRIX: case EXPECT_MATRIX_T:
        return tr || op == OP_CONV2D ? NULL : "conv2d and conv2d_transpose layers";
    case EXPECT_D_INPUT: case EXPECT_D_FILTER:
        return op == OP_CONV2D && t->d_out ? NULL : "conv2d layers with tensors.d_out";
    case EXPECT_SAME_AS:
        if (strcmp(same_as, "conv2d_transpose") == 0)
            return op == OP_BACKPROP_INPUT ? NULL : "conv2d_backprop_input layers";
        if (strcmp(same_as, "conv2d") == 0)
            return tr || op == OP_BACKPROP_INPUT ? NULL
                                                 : "conv2d_transpose and conv2d_backprop_input layers";
        if (strcmp(same_as, "groups") == 0)
            return tr && spec->params.convention == CONV_TORCH ? NULL
                                                               : "PyTorch conv2d_transpose layers";
        if (strcmp(same_as, "conv2d_backprop_input") == 0 && t->bias)
            return "conv2d_transpose layers without bias";
        return tr ? NULL : "conv2d_transpose layers";
    default:
        return NULL;
    }
}

static int parse_cell(const LCtx *cx, const YNode *n, const char *field, Layout layout,
                      LessonExpect *e)
{
    static const char *const keys[] = {"index", "value", NULL};
    char f[96];
    if (n->kind != YN_MAP)
        return lwant(cx, n, field, "a mapping with index and value");
    if (lkeys(cx, n, field, keys) != 0)
        return -1;
    const YNode *idx = ymap_get(n, "index"), *val = ymap_get(n, "value");
    if (!idx || !val)
        return lfail(cx, n, TC_ERR_FORMAT, "%s needs index and value", field);
    snprintf(f, sizeof f, "%.80s.index", field);
    if (idx->kind == YN_SEQ && idx->count == 1) { /* one row: the column */
        if (lget_ints(cx, idx, f, 1, 0, TENSOR_MAX_DIM, &e->index[strchr(layout_name(layout), 'W') -
                                                                   layout_name(layout)]) != 0)
            return -1;
    } else if (idx->kind == YN_SEQ && idx->count == 2) {
        int hw[2];
        if (lget_ints(cx, idx, f, 2, 0, TENSOR_MAX_DIM, hw) != 0)
            return -1;
        const char *name = layout_name(layout);
        for (int i = 0; i < 4; i++)
            e->index[i] = name[i] == 'H' ? hw[0] : name[i] == 'W' ? hw[1] : 0;
    } else {
        char want[64];
        snprintf(want, sizeof want, "[row, col] or a 4-index in %s order", layout_name(layout));
        if (idx->kind != YN_SEQ || idx->count != 4)
            return lwant(cx, idx, f, want);
        if (lget_ints(cx, idx, f, 4, 0, TENSOR_MAX_DIM, e->index) != 0)
            return -1;
    }
    snprintf(f, sizeof f, "%.80s.value", field);
    return lget_float(cx, val, f, &e->cell);
}

static int parse_legal(const LCtx *cx, const YNode *n, const char *field, LessonExpect *e)
{
    static const char *const keys[] = {"height", "width", NULL};
    if (n->kind != YN_MAP)
        return lwant(cx, n, field, "a mapping {height: [lo, hi], width: [lo, hi]}");
    if (lkeys(cx, n, field, keys) != 0)
        return -1;
    for (int a = 0; a < 2; a++) {
        const YNode *v = ymap_get(n, keys[a]);
        char f[96];
        snprintf(f, sizeof f, "%.80s.%s", field, keys[a]);
        if (!v && a == 0 && ymap_get(n, "width")) { /* a 1-D claim: the one row */
            e->legal[0][0] = e->legal[0][1] = 1;
            continue;
        }
        if (!v)
            return lfail(cx, n, TC_ERR_FORMAT, "%s is missing, expected [lo, hi]", f);
        if (lget_ints(cx, v, f, 2, 1, TENSOR_MAX_DIM, e->legal[a]) != 0)
            return -1;
    }
    return 0;
}

static int parse_claim(const LCtx *cx, const YNode *n, const char *f, const LayerSpec *spec,
                       LessonExpect *e)
{
    Convention c = spec->params.convention;
    Layout out = layer_output_layout(c, spec->op);
    switch (e->kind) {
    case EXPECT_OUTPUT: return claim_tensor(cx, n, f, out, 0, spec->dims, &e->value);
    case EXPECT_CELL: return parse_cell(cx, n, f, out, e);
    case EXPECT_SHAPE:
        if (spec->dims == 1 && n->kind == YN_SEQ && n->count == 3) {
            int d3[3];
            if (lget_ints(cx, n, f, 3, 1, TENSOR_MAX_DIM, d3) != 0)
                return -1;
            shape_1d_to_2d(out, d3, e->shape);
            return 0;
        }
        return lget_ints(cx, n, f, 4, 1, TENSOR_MAX_DIM, e->shape);
    case EXPECT_LEGAL_SIZES: return parse_legal(cx, n, f, e);
    case EXPECT_OVERLAP: case EXPECT_MATRIX: case EXPECT_MATRIX_T:
        return claim_tensor(cx, n, f, LAYOUT_NCHW, 1, spec->dims, &e->value);
    case EXPECT_ZERO_INSERTED: case EXPECT_PADDED:
        return claim_tensor(cx, n, f, LAYOUT_NCHW, 0, spec->dims, &e->value);
    case EXPECT_KERNEL: return claim_tensor(cx, n, f, LAYOUT_OIHW, 0, spec->dims, &e->value);
    case EXPECT_D_INPUT:
        return claim_tensor(cx, n, f, layer_data_layout(c), 0, spec->dims, &e->value);
    case EXPECT_D_FILTER:
        return claim_tensor(cx, n, f, layer_filter_layout(c, OP_CONV2D), 0, spec->dims, &e->value);
    case EXPECT_SAME_AS: {
        if (lget_string(cx, n, f, 40, &e->text) != 0)
            return -1;
        for (int i = 0; same_as_names[i]; i++)
            if (strcmp(e->text, same_as_names[i]) == 0)
                return 0;
        const char *sug = lsuggest(e->text, same_as_names);
        return lfail(cx, n, TC_ERR_FORMAT,
                     "%s must be one of conv2d, matrix, conv2d_backprop_input, conv2d_transpose, "
                     "upsample_nearest, upsample_bilinear, groups, got \"%s\"%s%s%s",
                     f, e->text, sug ? " (did you mean '" : "", sug ? sug : "", sug ? "'?)" : "");
    }
    case EXPECT_ERROR: return lget_string(cx, n, f, 200, &e->text);
    case EXPECT_COUNTS: return claim_tensor(cx, n, f, LAYOUT_NCHW, 1, spec->dims, &e->value);
    case EXPECT_CHAIN_OUTPUT:
        return claim_tensor(cx, n, f, layer_data_layout(c), 0, spec->dims, &e->value);
    case EXPECT_KIND_COUNT: break;
    }
    return -1;
}

int lesson_parse_expect(const LCtx *cx, const YNode *n, const char *field, const Lesson *l,
                        LessonExpect *e)
{
    const char *keys[EXPECT_KIND_COUNT + 5];
    char f[96];
    int nk = 0;
    for (int k = 0; k < EXPECT_KIND_COUNT; k++)
        keys[nk++] = claim_names[k];
    keys[nk++] = "with";
    keys[nk++] = "border";
    keys[nk++] = "tolerance";
    keys[nk++] = "stage";
    keys[nk] = NULL;
    if (n->kind != YN_MAP)
        return lwant(cx, n, field, "a mapping with one claim (output, cell, shape, ...)");
    e->line = n->line;
    e->col = n->col;
    if (lkeys(cx, n, field, keys) != 0)
        return -1;
    const YNode *claim = NULL;
    for (int k = 0; k < EXPECT_KIND_COUNT; k++) {
        const YNode *v = ymap_get(n, claim_names[k]);
        if (!v)
            continue;
        if (claim)
            return lfail(cx, ymap_get_key(n, claim_names[k]), TC_ERR_FORMAT,
                         "%s has two claims (%s and %s), expected one per item", field,
                         claim_names[e->kind], claim_names[k]);
        claim = v;
        e->kind = (ExpectKind)k;
    }
    if (!claim)
        return lfail(cx, n, TC_ERR_FORMAT,
                     "%s has no claim, expected one of output, cell, shape, legal_sizes, overlap, "
                     "same_as, ...",
                     field);
    const YNode *with = ymap_get(n, "with"), *border = ymap_get(n, "border"),
                *tol = ymap_get(n, "tolerance"), *stage = ymap_get(n, "stage");
    int chain = e->kind == EXPECT_COUNTS || e->kind == EXPECT_CHAIN_OUTPUT;
    if (stage) {
        snprintf(f, sizeof f, "%.40s.stage", field);
        int stages = l->stage_count ? l->stage_count : 1;
        if (!chain)
            return lfail(cx, stage, TC_ERR_FORMAT, "%s applies to counts and chain_output only", f);
        if (lget_int(cx, stage, f, 1, stages, &e->stage) != 0)
            return -1;
    }
    if (with && chain && l->stage_count)
        return lfail(cx, with, TC_ERR_FORMAT,
                     "%s.with does not apply to a stack's %s: change the layers instead", field,
                     claim_names[e->kind]);
    if (with) {
        snprintf(f, sizeof f, "%.40s.with", field);
        if (lesson_parse_with(cx, with, f, l, &e->with) != 0)
            return -1;
    }
    if (border) {
        snprintf(f, sizeof f, "%.40s.border", field);
        if (e->kind != EXPECT_SAME_AS)
            return lfail(cx, border, TC_ERR_FORMAT, "%s applies to same_as only", f);
        if (lget_int(cx, border, f, 0, 1000, &e->border) != 0)
            return -1;
    }
    if (tol) {
        snprintf(f, sizeof f, "%.40s.tolerance", field);
        if (lget_float(cx, tol, f, &e->tolerance) != 0)
            return -1;
        if (e->tolerance < 0)
            return lwant(cx, tol, f, "a number >= 0");
    }
    LayerSpec spec;
    LayerTensors t;
    lesson_layer(l, &e->with, &spec, &t);
    snprintf(f, sizeof f, "%.40s.%s", field, claim_names[e->kind]);
    if (parse_claim(cx, claim, f, &spec, e) != 0)
        return -1;
    const char *only = applies(e->kind, e->text, &spec, &t);
    if (only)
        return lfail(cx, ymap_get_key(n, claim_names[e->kind]), TC_ERR_FORMAT,
                     "%s applies to %s, not this %s %s layer", f, only,
                     spec.params.convention == CONV_TF ? "TF" : "PyTorch", op_name(spec.op));
    if (e->kind == EXPECT_ERROR)
        return 0; /* the layer is meant to be refused: lesson_check verifies how */
    ConvGeom g;
    if (spec.op == OP_CONV2D)
        t.d_out = NULL;
    if (layer_resolve(&spec, &t, &g, cx->err) != 0) {
        char msg[ERR_MSG_MAX];
        snprintf(msg, sizeof msg, "%s", cx->err->msg);
        return lfail(cx, lesson_blame(msg, with, with, n), cx->err->code, "%s", msg);
    }
    return 0;
}
