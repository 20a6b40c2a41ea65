/* examples.c - the default example's numbers, shared by the app and the CLI.
 *
 * Kept in the core (not the ui) because the explainer, the lesson loader and
 * the app must agree on them to the last digit: the course's lesson 1 and
 * the first screen of the app are this example. */
#include "examples.h"

#include <string.h>

void example_default_spec(LayerSpec *spec)
{
    memset(spec, 0, sizeof *spec);
    spec->op = OP_CONV2D_TRANSPOSE;
    spec->params.convention = CONV_TF;
    spec->params.stride[0] = spec->params.stride[1] = 2;
    spec->params.padding = PAD_SAME;
    const int size[4] = {1, 6, 6, 1};
    memcpy(spec->size, size, sizeof size);
}

int example_fill_arange(Tensor *t, Err *err)
{
    Tensor canon = {0}, out = {0};
    if (layer_to_canonical(t, &canon, err) != 0)
        return -1;
    for (size_t i = 0; i < tensor_count(&canon); i++)
        canon.data[i] = (float)(i + 1);
    /* Back to t's own layout: a permutation of the canonical tensor. */
    int rc = tensor_convert(&canon, t->layout, &out, err);
    if (rc == 0)
        memcpy(t->data, out.data, tensor_count(t) * sizeof(float));
    tensor_free(&canon);
    tensor_free(&out);
    return rc;
}

/* Sizes in `layout` order from per-letter values (N, C, H, W, O, I). */
static void dims_of(Layout layout, int n, int c, int o, int i, int h, int w, int out[4])
{
    const char *name = layout_name(layout);
    for (int k = 0; k < 4; k++)
        out[k] = name[k] == 'N' ? n : name[k] == 'C' ? c : name[k] == 'O' ? o
               : name[k] == 'I' ? i : name[k] == 'H' ? h : w;
}

int example_default_tensors(const LayerSpec *spec, Tensor *x, Tensor *w, Err *err)
{
    static const float example_x[9] = {0, 0, 1.5f, 0, 1, 0, 0, 0, 0};
    static const float example_w[4] = {1, 2, 3, 4};
    Convention c = spec->params.convention;
    Layout dl = layer_data_layout(c), fl = layer_filter_layout(c, OP_CONV2D_TRANSPOSE);
    int made_x = 0;
    if (!x->data) {
        int cin = w->data ? tensor_axis(w, 'I') : 1;
        int dim[4];
        dims_of(dl, 1, cin, 0, 0, 3, 3, dim);
        if (tensor_init(x, dl, dim, err) != 0)
            return -1;
        made_x = 1;
        if (cin == 1)
            memcpy(x->data, example_x, sizeof example_x);
        else if (example_fill_arange(x, err) != 0)
            goto fail;
    }
    if (!w->data) {
        int cin = tensor_axis(x, 'C');
        int groups = params_groups(&spec->params);
        /* The output channels as spec->size names them; IOHW holds cout/groups. */
        int cout = c == CONV_TF ? spec->size[3] : spec->size[1] / groups;
        if (cout < 1)
            cout = 1;
        int dim[4];
        dims_of(fl, 0, 0, cout, cin, 2, 2, dim);
        if (tensor_init(w, fl, dim, err) != 0)
            goto fail;
        if (cin == 1 && cout == 1)
            memcpy(w->data, example_w, sizeof example_w);
        else if (example_fill_arange(w, err) != 0) {
            tensor_free(w);
            goto fail;
        }
    }
    return 0;
fail:
    if (made_x)
        tensor_free(x);
    return -1;
}
