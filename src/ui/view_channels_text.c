/* view_channels_text.c - the channels view's sentences: the status line
 * (an output cell as a sum over input channels), its grids' captions (long,
 * or short for small cells) and every cell's tooltip. Values come from the
 * core's EquivConv and gather trace, read through the tiles of
 * view_channels_tiles.c. */
#include "ui/view.h"

void channels_status(Scene *s, StrBuf *o)
{
    Moment mo;
    scene_moment(s, &mo);
    GatherStep gs;
    model_products(&s->m, mo.c.step, &gs);
    const float *sums = model_channel_sums(&s->m, mo.c.step);
    text_name_y(o, s, gs.n, gs.c, gs.oy, gs.ox);
    strbuf_printf(o, " = sum over %d input channel%s of window" MUL "rot180(transpose(w)[%d, ci]) = ",
             gs.c_count, gs.c_count == 1 ? "" : "s", gs.c);
    for (int i = 0; i < gs.c_count && i < 6; i++) {
        strbuf_printf(o, "%s", i ? " + " : "");
        text_num(o, sums[i]);
    }
    if (gs.c_count > 6)
        strbuf_printf(o, " + ...");
    if (s->bias.data)
        strbuf_printf(o, " + b[%d]", gs.c);
    strbuf_printf(o, " = ");
    text_num(o, gs.sum);
}

void channels_caption(const Scene *s, GridId grid, int widest, StrBuf *o)
{
    (void)widest;
    const ConvGeom *g = &s->m.g;
    int tf = s->spec.params.convention == CONV_TF;
    int first, n;
    channels_window(s, &first, &n);
    if (s->short_captions) {
        static const char *const names[] = {"p", "y", "w", "rot", "windows", "sums"};
        strbuf_printf(o, "%s", names[grid - GRID_CH_PADDED]);
        if (grid == GRID_CH_W && n < g->c_conv_out)
            strbuf_printf(o, " ci %d..%d/%d", first, first + n - 1, g->c_conv_out);
        return;
    }
    switch (grid) {
    case GRID_CH_PADDED: strbuf_printf(o, "p[%d] (input ch %d, padded)", s->ci, s->ci); break;
    case GRID_CH_OUTPUT: strbuf_printf(o, "y[%d] of %d", s->co, g->c_conv_in); break;
    case GRID_CH_W:
        strbuf_printf(o, "w as stored, %s: ", tf ? "w[:, :, co, ci] (HWOI)" : "w[ci, co] (IOHW)");
        if (n < g->c_conv_out) /* a window of the channels: say which (, . move it) */
            strbuf_printf(o, "slices ci %d..%d of %d", first, first + n - 1, g->c_conv_out);
        else
            strbuf_printf(o, "one slice per input channel ci");
        break;
    case GRID_CH_ROT:
        strbuf_printf(o, "transpose(w, [0,1,3,2])[..., ci, co], each slice rot180: conv2d's filter");
        break;
    case GRID_CH_WINDOWS: strbuf_printf(o, "the window of every p[ci]"); break;
    case GRID_CH_SUMS: strbuf_printf(o, "window" MUL "slice per channel: they add up to y"); break;
    default: break;
    }
}

void channels_tooltip(Scene *s, CellRef c, StrBuf *o)
{
    const ConvGeom *g = &s->m.g;
    Moment mo;
    scene_moment(s, &mo);
    GatherStep gs;
    model_products(&s->m, mo.c.step, &gs);
    int b, ci = c.grid >= GRID_CH_W && c.grid <= GRID_CH_SUMS ? channels_tile_of(s, c.col, &b)
                                                               : -1;
    StripCtx x = {s, NULL, STRIP_W, gs, 0};
    float v;
    switch (c.grid) {
    case GRID_CH_PADDED: {
        const EquivConv *e = &s->m.gt.eq;
        int ph = e->eq.h.conv_in, pw = e->eq.w.conv_in;
        text_name(o, s, "p", gs.n, s->ci, c.row, c.col);
        strbuf_printf(o, " = ");
        text_num(o, e->padded[(((size_t)gs.n * g->c_conv_out + s->ci) * ph + c.row) * pw + c.col]);
        break;
    }
    case GRID_CH_OUTPUT:
        text_name_y(o, s, gs.n, s->co, c.row, c.col);
        strbuf_printf(o, " = ");
        text_num(o, s->m.gt.eq.output[trace_gather_index(&s->m.gt, gs.n, s->co, c.row, c.col)]);
        break;
    case GRID_CH_W:
        if (ci < 0 || !channels_strip_value(&x, ci, c.row, b, &v))
            break;
        text_name_w(o, s, ci, s->co, c.row, b);
        strbuf_printf(o, " = ");
        text_num(o, v);
        break;
    case GRID_CH_ROT:
        x.kind = STRIP_ROT;
        if (ci < 0 || !channels_strip_value(&x, ci, c.row, b, &v))
            break;
        strbuf_printf(o, "rot180 slice [%d,%d] = ", c.row, b);
        text_name_w(o, s, ci, s->co, g->h.k - 1 - c.row, g->w.k - 1 - b);
        strbuf_printf(o, " = ");
        text_num(o, v);
        break;
    case GRID_CH_WINDOWS:
        x.kind = STRIP_WINDOW;
        if (ci < 0 || !channels_strip_value(&x, ci, c.row, b, &v))
            break;
        text_name(o, s, "p", gs.n, ci, gs.win_row + c.row * gs.row_step,
                  gs.win_col + b * gs.col_step);
        strbuf_printf(o, " = ");
        text_num(o, v);
        break;
    case GRID_CH_SUMS:
        if (ci < gs.c_first || ci >= gs.c_first + gs.c_count)
            break;
        strbuf_printf(o, "channel %d adds ", ci);
        text_num(o, model_channel_sums(&s->m, mo.c.step)[ci - gs.c_first]);
        strbuf_printf(o, " to ");
        text_name_y(o, s, gs.n, gs.c, gs.oy, gs.ox);
        break;
    default: break;
    }
}
