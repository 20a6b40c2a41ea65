/* view_channels_tiles.c - the channels view's strips as numbers: which
 * input channels they show (a window around the selected one when there
 * are many) and the value in each cell of a channel's tile, for drawing
 * and for the sentences alike. */
#include "ui/view.h"

/* The strips show a window of channels: all of them when few, else the
 * selected one and its neighbours (32 tiles in one row would be a few
 * pixels each). At most about one and a half times the columns of p and y
 * above, so the strips do not decide the shared cell size alone. */
void channels_window(const Scene *s, int *first, int *count)
{
    const ConvGeom *g = &s->m.g;
    int k = g->w.k, c = g->c_conv_out;
    int budget = 3 * (s->m.gt.eq.eq.w.conv_in + g->w.conv_in) / 2;
    int n = (budget + 1) / (k + 1);
    n = n < 1 ? 1 : n > c ? c : n;
    int f = s->ci - n / 2;
    f = f > c - n ? c - n : f;
    *first = f < 0 ? 0 : f;
    *count = n;
}

/* Strip columns: the i-th shown tile covers [i*(k+1), i*(k+1)+k); the next
 * column separates tiles. The channel of a column, or -1 between tiles. */
int channels_tile_of(const Scene *s, int col, int *b)
{
    int k = s->m.g.w.k, first, n;
    channels_window(s, &first, &n);
    *b = col % (k + 1);
    return *b < k && col >= 0 && col / (k + 1) < n ? first + col / (k + 1) : -1;
}

/* The value at (a, b) of channel ci's tile; 0 when the tile is empty. */
int channels_strip_value(const StripCtx *x, int ci, int a, int b, float *v)
{
    const Scene *s = x->s;
    const ConvGeom *g = &s->m.g;
    const EquivConv *e = &s->m.gt.eq;
    if (x->kind == STRIP_WINDOW) {
        if (ci < x->gs.c_first || ci >= x->gs.c_first + x->gs.c_count)
            return 0;
        int ph = e->eq.h.conv_in, pw = e->eq.w.conv_in;
        int r = x->gs.win_row + a * x->gs.row_step, c = x->gs.win_col + b * x->gs.col_step;
        *v = e->padded[(((size_t)x->gs.n * g->c_conv_out + ci) * ph + r) * pw + c];
        return 1;
    }
    long off =
        x->kind == STRIP_W ? model_w_offset(&s->m, ci, s->co) : model_rot_offset(&s->m, s->co, ci);
    if (off < 0)
        return 0;
    *v = (x->kind == STRIP_W ? s->m.st.w : e->kernel)[off + a * g->w.k + b];
    return 1;
}
