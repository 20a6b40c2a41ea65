/* stack.h - a chain of 2-3 stages run by the core: transposed convs, convs
 * and fixed resizes, in 1-D or 2-D, with each stage's output and the map of
 * how many paths from the chain's input reach each cell.
 *
 * The contribution count of one transposed conv is overlap_output: how many
 * (input element, kernel tap) products land on each output cell. Through a
 * chain the counts multiply along paths, so the count map of stages 1..k is
 * the chain itself run on a one-channel input of ones with kernels of ones
 * (a nearest resize copies one source, so it passes counts through; a
 * bilinear resize passes weights that sum to 1). That is why an uneven
 * pattern compounds: k=3, s=2 gives 1,2 per period alone and 1,3,2,3 after
 * two stages, while k=4, s=2 stays even and a resize followed by a
 * stride-1 conv is even by construction.
 *
 *     StackSpec s = { .n_stages = 2, .dims = 1 };
 *     s.stage[0] = (StackStage){ .kind = STAGE_LAYER, .spec = t, .filter = &w };
 *     s.stage[1] = (StackStage){ .kind = STAGE_LAYER, .spec = t, .filter = &w };
 *     StackResult r;
 *     if (stack_run(&s, &x, &r, &err) == 0) { ... r.out[1], r.chain[1] ... }
 *     stack_result_free(&r);
 */
#ifndef TCVIZ_STACK_H
#define TCVIZ_STACK_H

#include "layer.h"

#define STACK_MAX_STAGES 3

typedef enum { STAGE_LAYER = 0, STAGE_NEAREST, STAGE_BILINEAR, STAGE_KIND_COUNT } StageKind;

/* "layer", "nearest", "bilinear". */
const char *stage_kind_name(StageKind k);

typedef struct {
    StageKind kind;
    LayerSpec spec;       /* STAGE_LAYER: conv2d or conv2d_transpose, spec.dims = the stack's */
    const Tensor *filter; /* STAGE_LAYER: in the convention's filter layout */
    const Tensor *bias;   /* STAGE_LAYER, optional */
    int scale;            /* resizes: integer factor along W (and H in 2-D), 1..16 */
} StackStage;

typedef struct {
    int n_stages; /* 1..STACK_MAX_STAGES */
    int dims;     /* 1 (resizes act along W only) or 2 */
    Convention convention; /* the data layout between stages: NHWC (tf) or NCHW (torch) */
    StackStage stage[STACK_MAX_STAGES];
} StackSpec;

typedef struct {
    int n_stages;
    Tensor out[STACK_MAX_STAGES];    /* stage k's output, in the convention's data layout */
    Tensor counts[STACK_MAX_STAGES]; /* stage k alone on ones: NCHW [1,1,H,W] */
    Tensor chain[STACK_MAX_STAGES];  /* stages 0..k on ones: chain[n_stages-1] is the whole */
} StackResult;

/* Run the chain on `input` (convention data layout; H = 1 in 1-D). On
 * failure err names the stage ("stage 2: ...") and nothing stays allocated. */
int stack_run(const StackSpec *s, const Tensor *input, StackResult *r, Err *err);
void stack_result_free(StackResult *r);

/* The smallest and largest count of a map over the cells whose full stencil
 * fits: `margin` cells in from each edge of W (and of H in 2-D). */
void stack_count_range(const Tensor *counts, int margin, float *lo, float *hi);

#endif
