/* view_both.c - the scatter and its conv2d-equivalent side by side.
 *
 * The timeline plays the scatter first, then the conv2d-equivalent, so each
 * filled conv2d cell can be compared with a finished scatter. Everything
 * else is the two views' own rows: their grids, drawing and sentences. */
#include "ui/paint.h"
#include "ui/view.h"

static void dims(const Scene *s, LayoutParams *p, int body)
{
    view_scatter_ops.dims(s, p, body);
    view_conv2d_ops.dims(s, p, body);
}

static void place(ScreenLayout *l, const LayoutParams *p, Rect area)
{
    layout_split(l, p, area, 1, 1);
}

static void draw(Scene *s, DrawList *dl)
{
    view_scatter_ops.draw(s, dl);
    view_conv2d_ops.draw(s, dl);
}

static void status(Scene *s, StrBuf *o)
{
    Moment mo;
    scene_moment(s, &mo);
    if (mo.kind == PHASE_GATHER)
        conv2d_sentence(o, s, 1);
    else
        scatter_status(s, o);
}

const ViewOps view_both_ops = {
    .name = "both",
    .scale_shared = "x, canvas, padded x, products, y",
    .scale_own = "w, rot180(w)",
    .n_phases = 2,
    .phase = {PHASE_SCATTER, PHASE_GATHER},
    .first_grid = GRID_NONE, /* its grids are the scatter's and the conv2d's */
    .last_grid = GRID_NONE,
    .big_cells = 1,
    .targets =
        {
            {TARGET_INPUT, GRID_INPUT},
            {TARGET_FILTER, GRID_KERNEL},
            {TARGET_OUTPUT, GRID_OUTPUT},
            {TARGET_CANVAS, GRID_CANVAS},
            {TARGET_PADDED, GRID_PADDED},
            {TARGET_KERNEL, GRID_ROTKERNEL},
        },
    .dims = dims,
    .place = place,
    .draw = draw,
    .status = status,
};
