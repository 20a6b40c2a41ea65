/* layer_prelude.h - what every consumer of a layer builds first: the
 * resolved geometry, the tensors in the canonical layouts of ops.h, and the
 * step traces it asks for. The window, `tcviz explain` and the lesson checks
 * all start here, so they see the same layer the same way.
 *
 *     LayerPrelude p;
 *     if (layer_prelude_init(&p, &spec, &tensors, PRELUDE_SCATTER, &err) != 0)
 *         return -1;
 *     trace_scatter_step(&p.scatter, 0, &step);  // p.g, p.x.data, p.w.data, p.bias
 *     layer_prelude_free(&p);
 */
#ifndef TCVIZ_LAYER_PRELUDE_H
#define TCVIZ_LAYER_PRELUDE_H

#include "core/layer.h"
#include "core/trace.h"

/* Which traces layer_prelude_init builds (conv2d_transpose layers only). */
enum { PRELUDE_SCATTER = 1, PRELUDE_GATHER = 2 };

typedef struct {
    ConvGeom g;
    Tensor x, w;          /* NCHW input; OIHW filter (IOHW for conv2d_transpose); absent: empty */
    const float *bias;    /* borrowed from the caller's bias tensor; NULL when none */
    int traces;           /* the PRELUDE_* built */
    ScatterTrace scatter; /* PRELUDE_SCATTER */
    GatherTrace gather;   /* PRELUDE_GATHER */
} LayerPrelude;

/* Resolve spec over t (layer_resolve; an empty layer is refused, see
 * layer_check_nonempty), convert the input and filter that t
 * has to the canonical layouts, then build the traces asked for. 0, or -1
 * with err and p empty. */
int layer_prelude_init(LayerPrelude *p, const LayerSpec *spec, const LayerTensors *t, int traces,
                       Err *err);
void layer_prelude_free(LayerPrelude *p);

#endif
