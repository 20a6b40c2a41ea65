/* scene_grad.h - the gradient view's tensors (scene_grad.c): the forward
 * input and d_out the user edits, and everything derived from them by core
 * functions, rebuilt when stale; the finite-difference check a slice at a
 * time.
 *
 *     GradModel *gm = scene_grad(s);   // NULL: s->grad.msg says why
 *     grad_check_advance(s, budget);   // once per frame
 */
#ifndef TCVIZ_SCENE_GRAD_H
#define TCVIZ_SCENE_GRAD_H

#include "ui/scene_state.h"

/* Build the gradient view's tensors for the current model if stale; NULL
 * when it failed (s->grad.msg). */
GradModel *scene_grad(Scene *s);
/* The layer changed: derived tensors are stale; x and d_out stay if their
 * shapes still fit. */
void grad_invalidate(Scene *s);
void grad_free(GradModel *gm);
/* 1 while d_out holds the layer's x (untyped, or typed back to it), so d_x
 * is the layer's y (less its bias); known before the tensors are built. */
int grad_dout_is_x(const Scene *s);
/* Spend about `budget` multiply-adds on the finite-difference check;
 * returns 1 while cells remain unchecked. */
int grad_check_advance(Scene *s, size_t budget);
/* Type v into d_out or the forward x at (n, c, row, col); 0 or -1 (message). */
int grad_set_value(Scene *s, GridId grid, int row, int col, float v);

#endif
