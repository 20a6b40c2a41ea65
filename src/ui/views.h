/* views.h - the table of views (views.c), for the scene's creation and for
 * code that lays a view out without a scene.
 *
 *     LayoutParams p = {.place = view_place(VIEW_MATRIX), .zoom = 1, .scale = 1};
 *     Scene's views = view_table();   // one row per ViewKind
 */
#ifndef TCVIZ_VIEWS_H
#define TCVIZ_VIEWS_H

#include "ui/layout.h"

typedef struct ViewOps ViewOps; /* ui/view.h */

/* VIEW_COUNT rows, indexed by ViewKind. */
const ViewOps *const *view_table(void);
/* Where view v puts its grids (NULL for a view without grids). */
LayoutPlaceFn view_place(ViewKind v);

#endif
