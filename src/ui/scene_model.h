/* scene_model.h - the core objects behind the views, built from one
 * configuration (scene_model.c), the data only some views need, built on
 * first use (scene_lazy.c), and per-step caches. Functions of a Model only:
 * they know no Scene.
 *
 *     Model m;
 *     if (model_build(&m, &spec, &x, &w, &bias, &err) != 0) ...
 *     const float *canvas = model_canvas(&m, k);   // after k scatter steps
 *     model_free(&m);
 */
#ifndef TCVIZ_SCENE_MODEL_H
#define TCVIZ_SCENE_MODEL_H

#include "core/layer.h"
#include "core/status.h"
#include "core/terms.h"
#include "core/trace.h"

/* Size limits of what the visualizer draws (the CLI has none of these). */
#define VIZ_MAX_INPUT 64
#define VIZ_MAX_KERNEL 15
#define VIZ_MAX_STRIDE 8
#define VIZ_MAX_DILATION 8
#define VIZ_MAX_PADDING 16
#define VIZ_MAX_CANVAS 200 /* cells per side of the canvas and the padded input */

/* Data of the matrix view, built when the view is first shown: C^T of a
 * real layer can have millions of entries. */
typedef struct {
    int state; /* 0 not built, 1 built, -1 failed (msg says why) */
    MatrixTrace t;
    char msg[ERR_MSG_MAX];
} MatrixModel;

/* Data of the overlap view, built when the view is first shown. */
typedef struct {
    int state;          /* 0 not built, 1 built, -1 out of memory */
    int *out_counts;    /* overlap_output: [H, W] */
    float *nearest;     /* upsample_nearest(x): [N, Cs, H, W] */
    float *bilinear;    /* upsample_bilinear(x): [N, Cs, H, W] */
    int min_in, max_in; /* fewest and most products on the interior of the canvas */
    int levels[8];      /* the distinct interior counts, ascending */
    int n_levels;       /* how many (capped at 8) */
} OverlapModel;

/* Everything derived from one configuration: built together, swapped in
 * only when the whole build succeeded. */
typedef struct {
    ConvGeom g;
    ScatterTrace st;              /* x, w (canonical copies), checkpoints, output */
    GatherTrace gt;               /* zero-inserted, padded, rotated kernel, output */
    int *overlap;                 /* [full_h, full_w] products per canvas cell */
    /* Colour scales. x and y (with the canvas) are compared, so they share
     * one: vmax_x == vmax_y, the max |value| over input, canvas and output
     * (a 1 in x and a 1 in y are the same colour); the kernel has its own. */
    float vmax_x, vmax_w, vmax_y;
    /* Per-step caches, allocated at build so frames never allocate. */
    float *canvas[2]; /* the canvas after canvas_k[i] steps (trace_scatter_partial) */
    int canvas_k[2];
    int canvas_lru;
    float *copy; /* weighted copy x[k]*w[.., co] on a k_eff_h x k_eff_w grid */
    int copy_k, copy_co;
    float *products; /* trace_gather_step products, [c_count, kh, kw] */
    GatherStep gstep;
    int prod_k;
    float *ch_sums; /* terms_gather_channel_sums of step ch_k, [c_count] */
    int ch_k;
    MatrixModel mat;
    OverlapModel ov;
} Model;

int model_build(Model *m, const LayerSpec *spec, const Tensor *x, const Tensor *w,
                const Tensor *bias, Err *err);
void model_free(Model *m);
/* The uncropped canvas after k scatter steps (cached). */
const float *model_canvas(Model *m, int k);
/* Step k's weighted kernel copy into output channel co: [k_eff_h, k_eff_w]. */
const float *model_copy(Model *m, int k, int co);
/* Gather step k with its products (cached). */
const float *model_products(Model *m, int k, GatherStep *s);
/* Per-input-channel sums of gather step k (cached): [c_count]. */
const float *model_channel_sums(Model *m, int k);
/* Kernel slice offsets (NULL-safe: -1 when ci and co are not connected). */
long model_w_offset(const Model *m, int ci, int co);   /* into st.w, IOHW */
long model_rot_offset(const Model *m, int co, int ci); /* into gt.eq.kernel, OIHW */

/* ---- scene_lazy.c: data only some views need, built on first use ---- */
/* The matrix trace, or NULL when it could not be built (m->mat.msg says why). */
const MatrixTrace *model_matrix(Model *m);
/* The overlap view's data, or NULL when out of memory. */
const OverlapModel *model_overlap(Model *m);
void model_lazy_free(Model *m);

#endif
