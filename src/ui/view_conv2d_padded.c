/* view_conv2d_padded.c - the cells of the conv2d view's padded input: a
 * real value, a stride-1 zero inserted between values, or padding (ring 1
 * touching the zero-inserted grid, ring 2 beyond it, ...), each with its
 * own colour; during a lesson's build-up a cell not made yet is blank. */
#include "ui/view.h"

#include <math.h>

typedef enum { CELL_REAL, CELL_INSERTED, CELL_PAD } PaddedKind;

/* How far outside the zero-inserted grid a padding cell is: 1 for the ring
 * touching it, 2 for the next, ... */
static int pad_ring(const EquivConv *e, int r, int c)
{
    int zy = r - e->pad[0], zx = c - e->pad[2];
    int dy = zy < 0 ? -zy : zy >= e->zh ? zy - e->zh + 1 : 0;
    int dx = zx < 0 ? -zx : zx >= e->zw ? zx - e->zw + 1 : 0;
    return dy > dx ? dy : dx;
}

static PaddedKind padded_kind(const Scene *s, int r, int c)
{
    const EquivConv *e = &s->m.gt.eq;
    int zy = r - e->pad[0], zx = c - e->pad[2];
    if (zy < 0 || zx < 0 || zy >= e->zh || zx >= e->zw)
        return CELL_PAD;
    return zy % s->m.g.h.stride == 0 && zx % s->m.g.w.stride == 0 ? CELL_REAL : CELL_INSERTED;
}

/* A lesson's build-up shows the grid as it is made: the zero-inserted grid
 * filling in row by row (real cells from the start), then the padding
 * ring by ring. A cell not made yet is blank. */
static int padded_made(const Scene *s, int r, int c)
{
    if (s->build == BUILD_NONE || s->build == BUILD_KERNEL)
        return 1;
    const EquivConv *e = &s->m.gt.eq;
    PaddedKind k = padded_kind(s, r, c);
    if (k == CELL_REAL)
        return 1;
    if (k == CELL_INSERTED) {
        if (s->build != BUILD_ZEROS)
            return 1;
        int i = (r - e->pad[0]) * e->zw + (c - e->pad[2]);
        return i < (int)(s->build_t * e->zh * e->zw + 0.5);
    }
    if (s->build == BUILD_ZEROS)
        return 0;
    int rings = 0;
    for (int i = 0; i < 4; i++)
        rings = e->pad[i] > rings ? e->pad[i] : rings;
    return pad_ring(e, r, c) <= (int)ceil(s->build_t * rings - 1e-9);
}

Color conv2d_padded_color(const void *ctx, int r, int c)
{
    const PaddedCtx *p = ctx;
    if (!padded_made(p->s, r, c))
        return p->th->bg;
    switch (padded_kind(p->s, r, c)) {
    case CELL_PAD: return p->th->pad_ring;
    case CELL_INSERTED: return p->th->inserted_zero;
    default: break;
    }
    int pw = p->s->m.gt.eq.eq.w.conv_in;
    return theme_value_color(p->th, p->plane[(size_t)r * pw + c], p->s->m.vmax_x);
}

int conv2d_padded_text(const void *ctx, int r, int c, char *buf, size_t cap, Color *fg)
{
    const PaddedCtx *p = ctx;
    if (!padded_made(p->s, r, c))
        return 0;
    int pw = p->s->m.gt.eq.eq.w.conv_in;
    float v = p->plane[(size_t)r * pw + c];
    format_cell_number(buf, cap, v);
    *fg = padded_kind(p->s, r, c) == CELL_REAL
              ? theme_text_on(p->th, theme_value_color(p->th, v, p->s->m.vmax_x))
              : p->th->text_dim;
    return 1;
}
