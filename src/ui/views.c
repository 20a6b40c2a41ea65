/* views.c - the table of views: one row per ViewKind, in the order `v`
 * cycles through them. A new view is a new file with its ViewOps, its
 * ViewKind value in scene.h and its row here; nothing else names it. */
#include "ui/view.h"
#include "ui/views.h"

#include <string.h>

/* One file each: view_both.c, view_scatter.c, ... */
extern const ViewOps view_both_ops, view_scatter_ops, view_conv2d_ops, view_matrix_ops,
    view_gradient_ops, view_channels_ops, view_overlap_ops, view_oned_ops, view_stack_ops,
    view_code_ops;

static const ViewOps *const table[VIEW_COUNT] = {
    [VIEW_BOTH] = &view_both_ops,         [VIEW_SCATTER] = &view_scatter_ops,
    [VIEW_CONV2D] = &view_conv2d_ops,     [VIEW_MATRIX] = &view_matrix_ops,
    [VIEW_GRADIENT] = &view_gradient_ops, [VIEW_CHANNELS] = &view_channels_ops,
    [VIEW_OVERLAP] = &view_overlap_ops,   [VIEW_ONED] = &view_oned_ops,
    [VIEW_STACK] = &view_stack_ops,       [VIEW_CODE] = &view_code_ops,
};

const ViewOps *const *view_table(void)
{
    return table;
}

LayoutPlaceFn view_place(ViewKind v)
{
    return v >= 0 && v < VIEW_COUNT ? table[v]->place : NULL;
}

const char *scene_view_name(ViewKind v)
{
    return v >= 0 && v < VIEW_COUNT ? table[v]->name : "?";
}

int scene_view_parse(const char *name, ViewKind *out)
{
    for (int i = 0; i < VIEW_COUNT; i++)
        if (strcmp(name, table[i]->name) == 0) {
            *out = (ViewKind)i;
            return 0;
        }
    return -1;
}
