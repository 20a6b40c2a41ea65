/* stack.c - run a chain of stages and its count maps. Layers go through
 * layer_run (the verified core) for values and through the same ConvGeom
 * and kernels on one channel of ones for counts; resizes are upsample.h. */
#include "stack.h"

#include <string.h>

#include "ops.h"
#include "upsample.h"

#define STACK_MAX_SCALE 16

static const char *const kind_names[STAGE_KIND_COUNT] = {
    [STAGE_LAYER] = "layer", [STAGE_NEAREST] = "nearest", [STAGE_BILINEAR] = "bilinear"};

const char *stage_kind_name(StageKind k)
{
    TC_ASSERT((int)k >= 0 && k < STAGE_KIND_COUNT);
    return kind_names[k];
}

void stack_result_free(StackResult *r)
{
    for (int k = 0; k < STACK_MAX_STAGES; k++) {
        tensor_free(&r->out[k]);
        tensor_free(&r->counts[k]);
        tensor_free(&r->chain[k]);
    }
    r->n_stages = 0;
}

/* A resize of NCHW planes by the stage's scale (W only in 1-D). */
static int resize_nchw(const StackStage *st, int dims, const Tensor *x, Tensor *y, Err *err)
{
    int h = x->dim[2], w = x->dim[3];
    int H = dims == 1 ? h : h * st->scale, W = w * st->scale;
    if (tensor_init(y, LAYOUT_NCHW, (int[4]){x->dim[0], x->dim[1], H, W}, err) != 0)
        return -1;
    int planes = x->dim[0] * x->dim[1];
    if (st->kind == STAGE_NEAREST)
        upsample_nearest(x->data, planes, h, w, H, W, y->data);
    else
        upsample_bilinear(x->data, planes, h, w, H, W, y->data);
    return 0;
}

/* The resize's real output, through the canonical layout and back. */
static int run_resize(const StackStage *st, int dims, const Tensor *x, Tensor *y, Err *err)
{
    Tensor a = {0}, b = {0};
    int rc = tensor_convert(x, LAYOUT_NCHW, &a, err) || resize_nchw(st, dims, &a, &b, err) ||
             tensor_convert(&b, x->layout, y, err);
    tensor_free(&a);
    tensor_free(&b);
    return rc ? -1 : 0;
}

/* One layer stage on a one-channel map, kernel of ones, batch 1, no bias:
 * the same geometry as the real stage, so the same cells are reached. */
static int layer_counts(const ConvGeom *real, OpKind op, const Tensor *x, Tensor *y, Err *err)
{
    ConvGeom g = *real;
    g.n = 1;
    g.c_conv_in = g.c_conv_out = g.groups = 1;
    Tensor ones = {0};
    int big[4] = {1, 1, g.h.conv_in, g.w.conv_in}, small[4] = {1, 1, g.h.conv_out, g.w.conv_out};
    int rc = tensor_init(&ones, LAYOUT_OIHW, (int[4]){1, 1, g.h.k, g.w.k}, err) ||
             tensor_init(y, LAYOUT_NCHW, op == OP_CONV2D ? small : big, err);
    if (rc == 0) {
        for (size_t i = 0; i < tensor_count(&ones); i++)
            ones.data[i] = 1.0f;
        if (op == OP_CONV2D)
            op_conv2d(&g, x->data, ones.data, NULL, y->data);
        else
            rc = op_conv2d_transpose(&g, x->data, ones.data, NULL, y->data, err);
    }
    tensor_free(&ones);
    return rc ? -1 : 0;
}

static int run_stage(const StackSpec *s, int k, const Tensor *x, StackResult *r, Err *err)
{
    const StackStage *st = &s->stage[k];
    const Tensor *prev_chain = k ? &r->chain[k - 1] : NULL;
    int hw[4] = {1, 1, tensor_axis(x, 'H'), tensor_axis(x, 'W')};
    Tensor ones = {0};
    if (tensor_init(&ones, LAYOUT_NCHW, hw, err) != 0)
        return -1;
    for (size_t i = 0; i < tensor_count(&ones); i++)
        ones.data[i] = 1.0f;
    const Tensor *chain_in = prev_chain ? prev_chain : &ones;
    int rc;
    if (st->kind == STAGE_LAYER) {
        LayerSpec spec = st->spec;
        LayerTensors t = {.input = x, .filter = st->filter, .bias = st->bias};
        ConvGeom g;
        spec.dims = s->dims;
        if (spec.op != OP_CONV2D && spec.op != OP_CONV2D_TRANSPOSE)
            rc = err_fail(err, TC_ERR_ARG, "a stack stage is a conv or a transposed conv, not %s",
                          op_name(spec.op));
        else if (spec.params.convention != s->convention)
            rc = err_fail(err, TC_ERR_ARG, "every stage of a stack has the same convention");
        else
            rc = layer_resolve(&spec, &t, &g, err) || layer_run(&spec, &t, &r->out[k], err) ||
                 layer_counts(&g, spec.op, &ones, &r->counts[k], err) ||
                 layer_counts(&g, spec.op, chain_in, &r->chain[k], err);
    } else if (st->kind == STAGE_NEAREST || st->kind == STAGE_BILINEAR) {
        rc = st->scale < 1 || st->scale > STACK_MAX_SCALE
                 ? err_fail(err, TC_ERR_ARG, "%s resize scale is %d, expected 1..%d",
                            stage_kind_name(st->kind), st->scale, STACK_MAX_SCALE)
                 : run_resize(st, s->dims, x, &r->out[k], err) ||
                       resize_nchw(st, s->dims, &ones, &r->counts[k], err) ||
                       resize_nchw(st, s->dims, chain_in, &r->chain[k], err);
    } else {
        rc = err_fail(err, TC_ERR_ARG, "stage kind %d is unknown", (int)st->kind);
    }
    tensor_free(&ones);
    return rc ? -1 : 0;
}

int stack_run(const StackSpec *s, const Tensor *input, StackResult *r, Err *err)
{
    memset(r, 0, sizeof *r);
    if (s->n_stages < 1 || s->n_stages > STACK_MAX_STAGES)
        return err_fail(err, TC_ERR_ARG, "a stack has 1..%d stages, got %d", STACK_MAX_STAGES,
                        s->n_stages);
    if (s->dims != 1 && s->dims != 2)
        return err_fail(err, TC_ERR_ARG, "a stack is 1-D or 2-D, got dims %d", s->dims);
    if (input->layout != layer_data_layout(s->convention))
        return err_fail(err, TC_ERR_SHAPE, "stack input: expected layout %s, got %s",
                        layout_name(layer_data_layout(s->convention)), layout_name(input->layout));
    r->n_stages = s->n_stages;
    for (int k = 0; k < s->n_stages; k++) {
        if (run_stage(s, k, k ? &r->out[k - 1] : input, r, err) != 0) {
            err_prefix(err, "stage %d: ", k + 1);
            stack_result_free(r);
            return -1;
        }
    }
    return 0;
}

void stack_count_range(const Tensor *counts, int margin, float *lo, float *hi)
{
    int H = counts->dim[2], W = counts->dim[3];
    int mh = H > 1 ? margin : 0;
    *lo = *hi = 0.0f;
    int first = 1;
    for (int y = mh; y < H - mh; y++)
        for (int x = margin; x < W - margin; x++) {
            float v = counts->data[(size_t)y * W + x];
            if (first || v < *lo)
                *lo = v;
            if (first || v > *hi)
                *hi = v;
            first = 0;
        }
}
