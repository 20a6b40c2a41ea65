/* lesson_routes.h - the roads lesson_check takes to verify a claim by a
 * second computation (internal to src/course). Every function returns 0 and a
 * newly allocated *out, or -1 with err. */
#ifndef TCVIZ_LESSON_ROUTES_H
#define TCVIZ_LESSON_ROUTES_H

#include "core/layer_prelude.h"
#include "course/lesson_check.h"

/* Compare got with want (same layout kind; 2-D expects were widened at load)
 * and fail at (line, col) naming `what`, the first differing element and
 * the route `via` that computed got (NULL: the op itself). */
int lesson_compare(const char *path, int line, int col, const char *what, const char *via,
                   const Tensor *got, const Tensor *want, int border, float tol, Err *err);

/* Verify a counts or chain_output claim (course/lesson_stack_check.c); err
 * names the expect on failure. */
int lesson_check_stack(const Lesson *l, const LessonExpect *e, Err *err);

/* The op's output by the route `name` (LESSON_SAME_AS_NAMES), in the
 * layout of op_out (whose shape it should have). */
int route_same_as(const char *name, const LayerSpec *spec, const LayerTensors *t,
                  const Tensor *op_out, Tensor *out, Err *err);

/* conv2d-equivalent intermediates: EXPECT_ZERO_INSERTED / PADDED (NCHW),
 * EXPECT_KERNEL (OIHW). */
int route_intermediate(ExpectKind kind, const LayerSpec *spec, const LayerTensors *t, Tensor *out,
                       Err *err);

/* The forward conv's matrix C (or C^T built directly) as a dense
 * [1, 1, rows, cols] tensor of kernel weights. */
int route_matrix(int transposed, const LayerSpec *spec, const LayerTensors *t, Tensor *out,
                 Err *err);

/* Products landing on each output cell, [1, 1, H, W]. */
int route_overlap(const LayerSpec *spec, const LayerTensors *t, Tensor *out, Err *err);

/* Gradients of sum(conv2d(input, filter) * d_out) for a conv2d layer with
 * d_out, each by several routes (names in the arrays), in the convention's
 * data / conv2d filter layout. */
#define ROUTE_D_INPUT_COUNT 3
#define ROUTE_D_FILTER_COUNT 2
extern const char *const route_d_input_names[ROUTE_D_INPUT_COUNT];
extern const char *const route_d_filter_names[ROUTE_D_FILTER_COUNT];
int route_d_input(int route, const LayerSpec *spec, const LayerTensors *t, Tensor *out, Err *err);
int route_d_filter(int route, const LayerSpec *spec, const LayerTensors *t, Tensor *out, Err *err);

#endif
