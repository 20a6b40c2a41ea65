/* layer_prelude.c - resolve, canonicalise, trace: the start every consumer
 * of a layer shares (see layer_prelude.h). */
#include "core/layer_prelude.h"

#include <string.h>

void layer_prelude_free(LayerPrelude *p)
{
    if (p->traces & PRELUDE_SCATTER)
        trace_scatter_free(&p->scatter);
    if (p->traces & PRELUDE_GATHER)
        trace_gather_free(&p->gather);
    tensor_free(&p->x);
    tensor_free(&p->w);
    memset(p, 0, sizeof *p);
}

int layer_prelude_init(LayerPrelude *p, const LayerSpec *spec, const LayerTensors *t, int traces,
                       Err *err)
{
    memset(p, 0, sizeof *p);
    if (layer_resolve(spec, t, &p->g, err) != 0 || layer_check_nonempty(&p->g, err) != 0)
        return -1;
    if ((t->input && layer_to_canonical(t->input, &p->x, err) != 0) ||
        (t->filter && layer_to_canonical(t->filter, &p->w, err) != 0))
        goto fail;
    p->bias = t->bias && t->bias->data ? t->bias->data : NULL;
    TC_ASSERT(!traces || spec->op == OP_CONV2D_TRANSPOSE);
    if (traces & PRELUDE_SCATTER) {
        if (trace_scatter_init(&p->scatter, &p->g, p->x.data, p->w.data, p->bias, err) != 0)
            goto fail;
        p->traces |= PRELUDE_SCATTER;
    }
    if (traces & PRELUDE_GATHER) {
        if (trace_gather_init(&p->gather, &p->g, p->x.data, p->w.data, p->bias, err) != 0)
            goto fail;
        p->traces |= PRELUDE_GATHER;
    }
    return 0;
fail:
    layer_prelude_free(p);
    return -1;
}
