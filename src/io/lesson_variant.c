/* lesson_variant.c - the layer a step or expect uses: the lesson's own, or a
 * copy changed by a `with:` block, and the transposed conv a conv2d lesson
 * shows.
 *
 * A variant is made complete when it is parsed (its tensors converted to its
 * convention's layouts), so the app, the explainer and the checker all read
 * one ready layer instead of each merging overrides their own way. */
#include "io/lesson_internal.h"

#include <stdio.h>
#include <string.h>

void lesson_variant_free(LessonVariant *v)
{
    tensor_free(&v->input);
    tensor_free(&v->filter);
    tensor_free(&v->bias);
    tensor_free(&v->d_out);
    memset(v, 0, sizeof *v);
}

void lesson_layer(const Lesson *l, const LessonVariant *v, LayerSpec *spec, LayerTensors *t)
{
    const Tensor *in = &l->input, *f = &l->filter, *b = &l->bias, *d = &l->d_out;
    *spec = l->spec;
    if (v && v->active) {
        *spec = v->spec;
        in = &v->input, f = &v->filter, b = &v->bias, d = &v->d_out;
    }
    t->input = in->data ? in : NULL;
    t->filter = f->data ? f : NULL;
    t->bias = b->data ? b : NULL;
    t->d_out = d->data ? d : NULL;
}

/* The filter layout of the same memory read by the other kind of op:
 * conv2d_transpose's HWOI/IOHW is the forward conv's HWIO/OIHW. */
static Layout relabel(Layout l)
{
    switch (l) {
    case LAYOUT_HWOI: return LAYOUT_HWIO;
    case LAYOUT_HWIO: return LAYOUT_HWOI;
    case LAYOUT_IOHW: return LAYOUT_OIHW;
    case LAYOUT_OIHW: return LAYOUT_IOHW;
    default: return l;
    }
}

/* Copy src into layout `to`, relabelling a filter first when the op kind
 * changed (the same weights used by conv2d and by conv2d_transpose). */
static int carry(const Tensor *src, Layout to, Tensor *dst, Err *err)
{
    if (!src->data)
        return 0;
    Tensor view = *src;
    if (!layout_is_data(src->layout) && (to == LAYOUT_HWOI || to == LAYOUT_IOHW) !=
                                            (src->layout == LAYOUT_HWOI || src->layout == LAYOUT_IOHW))
        view.layout = relabel(src->layout);
    if (view.layout == to)
        return tensor_copy(&view, dst, err);
    return tensor_convert(&view, to, dst, err);
}

int lesson_parse_with(const LCtx *cx, const YNode *map, const char *field, const Lesson *l,
                      LessonVariant *v)
{
    memset(v, 0, sizeof *v);
    if (map->kind != YN_MAP)
        return lwant(cx, map, field, "a mapping of parameters and tensors to change");
    v->active = 1;
    v->spec = l->spec;
    char f[128];
    const YNode *conv = ymap_get(map, "convention"), *op = ymap_get(map, "op");
    if (conv) {
        snprintf(f, sizeof f, "%.100s.convention", field);
        int torch;
        if (conv->kind != YN_SCALAR ||
            ((torch = strcmp(conv->value, "torch") == 0) == 0 && strcmp(conv->value, "tf") != 0))
            return lwant(cx, conv, f, "tf or torch");
        Convention c = torch ? CONV_TORCH : CONV_TF;
        if (c != v->spec.params.convention) {
            /* The other convention's parameters mean other things: start over. */
            memset(&v->spec.params, 0, sizeof v->spec.params);
            memset(v->spec.size, 0, sizeof v->spec.size);
            v->spec.params.convention = c;
        }
    }
    if (op) {
        snprintf(f, sizeof f, "%.100s.op", field);
        OpKind k;
        if (op->kind != YN_SCALAR || op_parse(op->value, &k) != 0)
            return lwant(cx, op, f,
                         "conv2d, conv2d_transpose, conv2d_backprop_input or conv2d_backprop_filter");
        if (k != v->spec.op) {
            memset(v->spec.size, 0, sizeof v->spec.size);
            if (k != OP_CONV2D_TRANSPOSE)
                v->spec.params.output_padding[0] = v->spec.params.output_padding[1] = 0;
            v->spec.op = k;
        }
    }
    /* `bias: true/false` switches a PyTorch bias; any other bias value is a
     * replacement tensor. */
    int bias_flag = -1;
    const YNode *bias = ymap_get(map, "bias");
    if (bias && bias->kind == YN_SCALAR && bias->plain &&
        (strcmp(bias->value, "true") == 0 || strcmp(bias->value, "false") == 0)) {
        bias_flag = bias->value[0] == 't';
        bias = NULL;
    }
    if (lesson_parse_params(cx, map, field, &v->spec, NULL) != 0)
        return -1;
    Convention c = v->spec.params.convention;
    const char *const *pk = c == CONV_TF ? lesson_tf_param_keys : lesson_torch_param_keys;
    const char *known[24] = {"convention", "op", "input", "filter", "bias", "d_out"};
    int nk = 6;
    for (int i = 0; pk[i]; i++)
        known[nk++] = pk[i];
    known[nk] = NULL;
    if (lkeys(cx, map, field, known) != 0)
        return -1;

    /* Tensors: replacements parsed in the variant's layouts, the rest carried
     * over from the lesson. The filter comes first: activations_of needs it. */
    static const char *const roles[4] = {"filter", "input", "bias", "d_out"};
    const Tensor *from[4] = {&l->filter, &l->input, &l->bias, &l->d_out};
    Tensor *to[4] = {&v->filter, &v->input, &v->bias, &v->d_out};
    for (int r = 0; r < 4; r++) {
        int layout = r == 0   ? (int)layer_filter_layout(c, v->spec.op)
                     : r == 2 ? -1
                              : (int)layer_data_layout(c);
        int arg = layout < 0 ? -1 : lesson_layout_arg((Layout)layout, v->spec.dims);
        const YNode *n = r == 2 ? bias : ymap_get(map, roles[r]);
        if (n) {
            snprintf(f, sizeof f, "%.100s.%s", field, roles[r]);
            TensorEnv env = {&v->spec, &v->filter};
            if (lesson_parse_tensor(cx, n, f, arg, &env, to[r]) != 0)
                return -1;
        } else if (carry(from[r], r == 2 ? LAYOUT_NCHW : (Layout)layout, to[r], cx->err) != 0) {
            char msg[ERR_MSG_MAX];
            snprintf(msg, sizeof msg, "%s", cx->err->msg);
            return lfail(cx, map, cx->err->code, "%s: %s", field, msg);
        }
    }
    if (bias_flag == 0 && v->bias.data)
        tensor_free(&v->bias); /* bias: false switches the lesson's bias off */
    if (bias_flag == 1 && !v->bias.data)
        return lfail(cx, map, TC_ERR_FORMAT, "%s.bias is true but there is no bias tensor", field);
    return 0;
}

/* ---- the transposed conv a lesson shows ---------------------------------------- */

int lesson_transpose_of(const LayerSpec *src, const LayerTensors *t, LayerSpec *spec,
                        Tensor *input, Tensor *filter, Err *err)
{
    memset(input, 0, sizeof *input);
    memset(filter, 0, sizeof *filter);
    *spec = *src;
    if (src->op == OP_CONV2D_TRANSPOSE) {
        *input = *t->input;
        *filter = *t->filter;
        return 0;
    }
    if (src->op == OP_BACKPROP_FILTER || !t->d_out)
        return err_fail(err, TC_ERR_ARG,
                        "a %s layer has no transposed conv to show (it needs d_out)",
                        op_name(src->op));
    /* The forward conv this gradient belongs to: its input size is the
     * transposed conv's output size. */
    ConvGeom g;
    LayerSpec fwd = *src;
    LayerTensors ft = {.filter = t->filter, .d_out = t->d_out};
    if (src->op == OP_CONV2D) {
        fwd.op = OP_BACKPROP_INPUT;
        ft.input = t->input;
        memset(fwd.size, 0, sizeof fwd.size);
    }
    if (layer_resolve(&fwd, &ft, &g, err) != 0)
        return -1;
    *input = *t->d_out;
    *filter = *t->filter;
    filter->layout = relabel(t->filter->layout);
    spec->op = OP_CONV2D_TRANSPOSE;
    int nchw[4] = {g.n, g.c_conv_in, g.h.conv_in, g.w.conv_in};
    if (src->params.convention == CONV_TF) {
        int nhwc[4] = {nchw[0], nchw[2], nchw[3], nchw[1]};
        memcpy(spec->size, nhwc, sizeof nhwc);
    } else {
        memcpy(spec->size, nchw, sizeof nchw);
        /* PyTorch reaches the input size through output_padding: the rows the
         * forward conv's stride left unread. */
        const AxisGeom *ax[2] = {&g.h, &g.w};
        for (int a = 0; a < 2; a++)
            spec->params.output_padding[a] =
                ax[a]->conv_in - ((ax[a]->conv_out - 1) * ax[a]->stride - ax[a]->pad_before -
                                  ax[a]->pad_after + ax[a]->k_eff);
    }
    return 0;
}

int lesson_transpose_layer(const Lesson *l, LayerSpec *spec, Tensor *input, Tensor *filter,
                           Err *err)
{
    LayerSpec own;
    LayerTensors t;
    lesson_layer(l, NULL, &own, &t);
    if (lesson_transpose_of(&own, &t, spec, input, filter, err) != 0) {
        err_prefix(err, "%s: ", l->path);
        return -1;
    }
    return 0;
}

int lesson_view_steps(const char *view, const ConvGeom *g)
{
    long small = (long)g->n * g->c_conv_out * g->h.conv_out * g->w.conv_out;
    long big = (long)g->n * g->c_conv_in * g->h.conv_in * g->w.conv_in;
    long n = -1;
    if (strcmp(view, "scatter") == 0)
        n = small;
    else if (strcmp(view, "conv2d") == 0 || strcmp(view, "matrix") == 0)
        n = big;
    else if (strcmp(view, "both") == 0)
        n = small + big;
    return n > 0x7fffffffL ? 0x7fffffff : (int)n;
}
