/* snippet_plan.c - choose each framework's spelling of a conv2d_transpose.
 *
 * Rather than re-deriving TF's or PyTorch's size rules here, every candidate
 * spelling is resolved by the core (geom_conv2d_transpose) in the target
 * convention, and kept only if its output size, uncropped scatter and crop
 * at the start equal the layer's (which fixes the crop at the end too). The
 * candidates are the few a person would write, most natural first, so the
 * chosen one is both correct by construction and the one a reader expects.
 * Channels play no part in the spatial geometry, so candidates are resolved
 * for one channel and groups are handled by the text. */
#include "snippet_internal.h"

#include "core/layer1d.h"

#include <stddef.h>
#include <string.h>

int snip_layer(const LayerSpec *spec, const ConvGeom *g, SnipLayer *l, Err *err)
{
    if (spec->op != OP_CONV2D_TRANSPOSE)
        return err_fail(err, TC_ERR_ARG, "code snippets cover %s only, not %s",
                        spec->dims == 1 ? "conv1d_transpose" : "conv2d_transpose",
                        layer_op_name(spec));
    /* The geometry must be the one the parameters give for its sizes. */
    if (!equiv_reproduces(&spec->params, OP_CONV2D_TRANSPOSE, g) ||
        params_groups(&spec->params) != g->groups)
        return err_fail(err, TC_ERR_ARG,
                        "code snippets: the geometry (%dx%d -> %dx%d) is not what the layer's "
                        "parameters give",
                        g->h.conv_out, g->w.conv_out, g->h.conv_in, g->w.conv_in);
    memset(l, 0, sizeof *l);
    l->dims = spec->dims == 1 ? 1 : 2;
    if (l->dims == 1 && (g->h.conv_out != 1 || g->h.conv_in != 1 || g->h.k != 1))
        return err_fail(err, TC_ERR_ARG,
                        "code snippets: a 1-D layer has one row, not %d -> %d with kernel height %d",
                        g->h.conv_out, g->h.conv_in, g->h.k);
    l->own = spec->params;
    l->spec = *spec;
    l->spec.dims = l->dims;
    l->g = *g;
    l->n = g->n;
    l->c_in = g->c_conv_out;
    l->c_out = g->c_conv_in;
    l->groups = g->groups;
    l->ax[0] = g->h;
    l->ax[1] = g->w;
    for (int a = 0; a < 2; a++) {
        l->in[a] = l->ax[a].conv_out;
        l->out[a] = l->ax[a].conv_in;
        l->k[a] = l->ax[a].k;
        l->s[a] = l->ax[a].stride;
        l->d[a] = l->ax[a].dil;
    }
    return 0;
}

/* Resolve p spatially for the layer's input and kernel; out_hw NULL lets
 * the convention choose the size. */
static int resolve(const SnipLayer *l, const ConvParams *p, const int *out_hw, ConvGeom *g)
{
    const int in_nchw[4] = {1, 1, l->in[0], l->in[1]};
    return geom_conv2d_transpose(p, in_nchw, 1, l->k[0], l->k[1], out_hw, g, NULL);
}

static ConvParams base_params(const SnipLayer *l, Convention c)
{
    ConvParams p = {.convention = c};
    for (int a = 0; a < 2; a++) {
        p.stride[a] = l->s[a];
        p.dilation[a] = l->d[a];
    }
    return p;
}

/* SAME and VALID in the order a reader of this layer expects: a PyTorch
 * layer without padding reads as VALID first. */
static void mode_order(const SnipLayer *l, PadMode order[2])
{
    int valid_first = l->own.convention == CONV_TF
                          ? l->own.padding == PAD_VALID
                          : l->ax[0].pad_before == 0 && l->ax[1].pad_before == 0;
    order[0] = valid_first ? PAD_VALID : PAD_SAME;
    order[1] = valid_first ? PAD_SAME : PAD_VALID;
}

void snip_plan_tf(const SnipLayer *l, TfPlan *plan)
{
    memset(plan, 0, sizeof *plan);
    plan->tf = l->spec;
    memset(plan->tf.size, 0, sizeof plan->tf.size);
    /* TF has no groups: the call is one group's, its channels divided. */
    int g = l->groups, cin_g = l->c_in / g, cout_g = l->c_out / g;
    const int in_nchw[4] = {l->n, cin_g, l->in[0], l->in[1]};
    if (equiv_spatial(&l->spec, &l->g, CONV_TF, &plan->tf.params) == EQUIV_ONE_CALL) {
        plan->single = 1;
        geom_conv2d_transpose(&plan->tf.params, in_nchw, cout_g, l->k[0], l->k[1], l->out,
                              &plan->g, NULL);
        return;
    }
    /* TF cannot append this many zero rows past the scatter (e.g. stride 1
     * with a PyTorch output_padding from dilation): VALID to the whole
     * scatter, then tf.pad and a slice. */
    plan->tf.params = base_params(l, CONV_TF);
    plan->tf.params.padding = PAD_VALID;
    const int full[2] = {l->ax[0].full, l->ax[1].full};
    geom_conv2d_transpose(&plan->tf.params, in_nchw, cout_g, l->k[0], l->k[1], full, &plan->g,
                          NULL);
    for (int a = 0; a < 2; a++)
        plan->extra[a] = l->ax[a].crop_after < 0 ? -l->ax[a].crop_after : 0;
}

/* The call's layer: p with the layer's channels and groups, resolved. */
static void torch_call(const SnipLayer *l, const ConvParams *p, TorchPlan *plan)
{
    plan->torch = (LayerSpec){.op = OP_CONV2D_TRANSPOSE, .params = *p, .dims = l->dims};
    plan->torch.params.groups = l->groups;
    const int in_nchw[4] = {l->n, l->c_in, l->in[0], l->in[1]};
    geom_conv2d_transpose(&plan->torch.params, in_nchw, l->c_out, l->k[0], l->k[1], NULL,
                          &plan->g, NULL);
}

int snip_plan_torch(const SnipLayer *l, TorchPlan *plan, Err *err)
{
    memset(plan, 0, sizeof *plan);
    ConvParams p;
    if (equiv_spatial(&l->spec, &l->g, CONV_TORCH, &p) == EQUIV_ONE_CALL) {
        plan->single = 1;
        for (int a = 0; a < 2; a++) {
            plan->padding[a] = p.padding == PAD_EXPLICIT ? p.pad[2 * a] : 0;
            plan->output_padding[a] = p.output_padding[a];
        }
        torch_call(l, &p, plan);
        return 0;
    }
    p = base_params(l, CONV_TORCH);
    p.padding = PAD_EXPLICIT;
    /* Pad-then-crop: no padding gives the whole scatter, output_padding any
     * zero rows past it, and a slice the layer's window. */
    for (int a = 0; a < 2; a++) {
        plan->padding[a] = 0;
        plan->output_padding[a] = l->ax[a].crop_after < 0 ? -l->ax[a].crop_after : 0;
        p.pad[2 * a] = p.pad[2 * a + 1] = 0;
        p.output_padding[a] = plan->output_padding[a];
    }
    ConvGeom g;
    if (resolve(l, &p, NULL, &g) != 0 || g.h.conv_in < l->ax[0].pad_before + l->out[0] ||
        g.w.conv_in < l->ax[1].pad_before + l->out[1])
        return err_fail(err, TC_ERR_ARG,
                        "code snippets: PyTorch cannot reproduce this layer, even by cropping");
    torch_call(l, &p, plan);
    return 0;
}

int snip_gpu_only(const SnipLayer *l)
{
    TfPlan p;
    snip_plan_tf(l, &p);
    return equiv_gpu_only(&p.tf, &p.g);
}

/* Keras's output length (keras conv_utils.deconv_output_length). */
static int keras_length(int in, int k_eff, int s, int same, int has_op, int op)
{
    if (!has_op)
        return same ? in * s : in * s + (k_eff > s ? k_eff - s : 0);
    return (in - 1) * s + k_eff - (same ? 2 * (k_eff / 2) : 0) + op;
}

void snip_plan_keras(const SnipLayer *l, KerasPlan *plan)
{
    memset(plan, 0, sizeof *plan);
    if (l->groups > 1) {
        plan->why = "it has no groups";
        return;
    }
    if ((l->s[0] > 1 || l->s[1] > 1) && (l->d[0] > 1 || l->d[1] > 1)) {
        plan->why = "it refuses strides > 1 together with dilation_rate > 1";
        return;
    }
    PadMode order[2];
    mode_order(l, order);
    for (int i = 0; i < 2; i++) {
        int same = order[i] == PAD_SAME;
        for (int has_op = 0; has_op < 2; has_op++) {
            int op[2] = {0, 0}, fits = 1;
            for (int a = 0; a < 2; a++) {
                int k_eff = l->ax[a].k_eff;
                if (has_op)
                    op[a] = l->out[a] - keras_length(l->in[a], k_eff, l->s[a], same, 1, 0);
                /* Keras requires output_padding < strides. */
                if (op[a] < 0 || (has_op && op[a] >= l->s[a]) ||
                    keras_length(l->in[a], k_eff, l->s[a], same, has_op, op[a]) != l->out[a])
                    fits = 0;
            }
            ConvParams p = base_params(l, CONV_TF);
            p.padding = order[i];
            /* Keras hands its size to tf.nn.conv2d_transpose with the same
             * padding name, so TF's crop for that size is Keras's crop. */
            if (fits && equiv_reproduces(&p, OP_CONV2D_TRANSPOSE, &l->g)) {
                plan->possible = 1;
                plan->same = same;
                plan->has_op = has_op;
                memcpy(plan->op, op, sizeof op);
                return;
            }
        }
    }
    plan->why = l->own.convention == CONV_TF && l->own.padding == PAD_EXPLICIT
                    ? "it has no explicit padding, and neither 'same' nor 'valid' with "
                      "output_padding < strides gives this size and crop"
                    : "neither padding='same' nor 'valid' with output_padding < strides gives "
                      "this size and crop";
}
