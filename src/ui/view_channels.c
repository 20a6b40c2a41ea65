/* view_channels.c - many input and output channels at once.
 *
 * With C_in input channels an output cell of the conv2d-equivalent is a sum
 * over input channels: y[co][oy,ox] = sum_ci window(p[ci]) . rot180(w'[co,ci])
 * where w' = transpose(w, [0,1,3,2]) swaps the kernel's in/out axes (the
 * transposed conv's in is the forward conv's out) and every k x k slice is
 * rotated by 180 degrees. The view lays that out as aligned strips with one
 * tile per input channel (with many channels, a window of them around the
 * selected one, so tiles stay big enough to read): the slices w[ci -> co]
 * as stored, the same slices swapped and rotated (turning when the view
 * is entered), the current window of each p[ci], and each channel's
 * contribution, which add up to the output cell. Above them: p[ci] of the
 * selected channel with the window, and y[co] filling step by step.
 * Clicking a tile selects its input channel; > and < change the output
 * channel.
 *
 * Values: tiles read the core's EquivConv (padded input, rotated kernel) and
 * the scatter trace's weights; the per-channel sums are
 * terms_gather_channel_sums. Cost per frame is a few cells per tile.
 * Which channels the strips show and a tile's values are in
 * view_channels_tiles.c, the sentences in view_channels_text.c. */
#include "ui/paint.h"
#include "ui/view.h"

#include <math.h>

static Color strip_color(const void *ctx, int r, int c)
{
    const StripCtx *x = ctx;
    int b, ci = channels_tile_of(x->s, c, &b);
    float v;
    if (ci < 0)
        return (Color){0, 0, 0, 0};
    if (!channels_strip_value(x, ci, r, b, &v))
        return x->th->cell_empty;
    return theme_value_color(x->th, v, x->vmax);
}

static int strip_text(const void *ctx, int r, int c, char *buf, size_t cap, Color *fg)
{
    const StripCtx *x = ctx;
    int b, ci = channels_tile_of(x->s, c, &b);
    float v;
    if (ci < 0 || !channels_strip_value(x, ci, r, b, &v))
        return 0;
    format_cell_number(buf, cap, v);
    *fg = theme_text_on(x->th, theme_value_color(x->th, v, x->vmax));
    return 1;
}

/* Channel ci's tile; empty when ci is outside the window shown. */
static Rect tile_rect(const Scene *s, const GridLayout *g, int ci)
{
    int k = s->m.g.w.k, first, n;
    channels_window(s, &first, &n);
    if (ci < first || ci >= first + n)
        return (Rect){0, 0, 0, 0};
    Rect a = layout_cell(g, 0, (ci - first) * (k + 1));
    return (Rect){a.x, a.y, k * g->cell, g->rows * g->cell};
}

static void frame_tiles(Painter *p, const Scene *s, const GridLayout *g)
{
    int first, n;
    channels_window(s, &first, &n);
    Rect vis = rect_intersect(layout_grid_rect(g), g->clip);
    if (g->cell < 3 || vis.w <= 0)
        return;
    for (int ci = first; ci < first + n; ci++) {
        Rect t = tile_rect(s, g, ci);
        if (rect_overlaps(t, vis))
            draw_frame(p->dl, t, p->th->grid_line, 1);
    }
}

/* The rotated strip while the view's rotation tween runs: each slice's cells
 * travel on a half turn about the tile's centre. */
static void draw_turning(Painter *p, Scene *s, const GridLayout *g)
{
    const ConvGeom *gm = &s->m.g;
    double th = 3.14159265358979323846 * ease(s->rot), cs = cos(th), sn = sin(th);
    int kh = gm->h.k, kw = gm->w.k;
    Rect vis = rect_intersect(layout_grid_rect(g), g->clip);
    int first, n;
    channels_window(s, &first, &n);
    for (int ci = first; ci < first + n; ci++) {
        long off = model_w_offset(&s->m, ci, s->co);
        Rect t = tile_rect(s, g, ci);
        if (off < 0 || !rect_overlaps(t, vis))
            continue;
        double cx = t.x + t.w / 2.0, cy = t.y + t.h / 2.0;
        for (int a = 0; a < kh; a++)
            for (int b = 0; b < kw; b++) {
                double dx = (b + 0.5) * g->cell - t.w / 2.0, dy = (a + 0.5) * g->cell - t.h / 2.0;
                Rect r = {(int)lrint(cx + dx * cs - dy * sn - g->cell / 2.0),
                          (int)lrint(cy + dx * sn + dy * cs - g->cell / 2.0), g->cell, g->cell};
                draw_rect(p->dl, r,
                          theme_value_color(p->th, s->m.st.w[off + a * kw + b], s->m.vmax_w));
            }
    }
}

static void caption(Painter *p, const Scene *s, GridId id)
{
    char cap[128];
    text_caption(s, id, 0, cap, sizeof cap);
    paint_caption(p, &s->layout.grid[id], cap);
}

static void draw_strip(Painter *p, Scene *s, GridId id, StripKind kind, const GatherStep *gs)
{
    const GridLayout *g = &s->layout.grid[id];
    StripCtx x = {s, p->th, kind, *gs, kind == STRIP_WINDOW ? s->m.vmax_x : s->m.vmax_w};
    if (kind == STRIP_ROT && s->rot < 1.0)
        draw_turning(p, s, g);
    else
        paint_cells(p, g, strip_color, &x);
    if (kind != STRIP_ROT || s->rot >= 1.0)
        paint_numbers(p, g, strip_text, &x);
    frame_tiles(p, s, g);
    caption(p, s, id);
}

/* One merged cell per channel with its contribution to the output. */
static void draw_sums(Painter *p, Scene *s, const GatherStep *gs, int step, int shown)
{
    const GridLayout *g = &s->layout.grid[GRID_CH_SUMS];
    const float *sums = model_channel_sums(&s->m, step);
    int k = s->m.g.w.k, th = g->rows * g->cell, tw = k * g->cell, first, n;
    int px = paint_number_px(p, th < tw ? th : tw);
    Rect vis = rect_intersect(layout_grid_rect(g), g->clip);
    channels_window(s, &first, &n);
    for (int ci = first; ci < first + n; ci++) {
        Rect t = tile_rect(s, g, ci);
        if (!rect_overlaps(t, vis))
            continue;
        int i = ci - gs->c_first;
        if (!shown || i < 0 || i >= gs->c_count) {
            draw_rect(p->dl, t, p->th->cell_empty);
        } else {
            Color fill = theme_value_color(p->th, sums[i], s->m.vmax_y);
            draw_rect(p->dl, t, fill);
            char buf[32];
            format_cell_number(buf, sizeof buf, sums[i]);
            if (px)
                paint_fit_text(p, t, px, theme_text_on(p->th, fill), buf);
        }
        if (g->cell >= 3)
            draw_frame(p->dl, t, p->th->grid_line, 1);
    }
    caption(p, s, GRID_CH_SUMS);
}

static void draw(Scene *s, DrawList *dl)
{
    const ScreenLayout *l = &s->layout;
    Painter p;
    paint_init(&p, s, dl);
    const ConvGeom *g = &s->m.g;
    const EquivConv *e = &s->m.gt.eq;
    Moment mo;
    scene_moment(s, &mo);
    GatherStep gs;
    model_products(&s->m, mo.c.step, &gs);
    draw_clip(dl, l->view);

    const GridLayout *gp = &l->grid[GRID_CH_PADDED], *go = &l->grid[GRID_CH_OUTPUT];
    size_t pplane = (size_t)e->eq.h.conv_in * e->eq.w.conv_in;
    PlaneView vp = {p.th, e->padded + ((size_t)gs.n * g->c_conv_out + s->ci) * pplane,
                    e->eq.w.conv_in, -1, s->m.vmax_x};
    paint_plane(&p, gp, &vp);
    caption(&p, s, GRID_CH_PADDED);
    int first = trace_gather_index(&s->m.gt, gs.n, s->co, 0, 0);
    PlaneView vo = {p.th, e->output + first, g->w.conv_in, mo.done - first, s->m.vmax_y};
    vo.shown = vo.shown < 0 ? 0 : vo.shown;
    paint_plane(&p, go, &vo);
    caption(&p, s, GRID_CH_OUTPUT);

    draw_strip(&p, s, GRID_CH_W, STRIP_W, &gs);
    draw_strip(&p, s, GRID_CH_ROT, STRIP_ROT, &gs);
    draw_strip(&p, s, GRID_CH_WINDOWS, STRIP_WINDOW, &gs);
    draw_sums(&p, s, &gs, mo.c.step, mo.landed || mo.done > mo.c.step);

    /* the current window and output cell; the selected channel's tiles */
    Rect a = layout_cell(gp, gs.win_row, gs.win_col);
    Rect z = layout_cell(gp, gs.win_row + g->h.k_eff - 1, gs.win_col + g->w.k_eff - 1);
    draw_frame(dl, (Rect){a.x - 1, a.y - 1, z.x + z.w - a.x + 2, z.y + z.h - a.y + 2}, p.th->window,
               paint_thick(gp) + 1);
    if (gs.c == s->co)
        paint_cell_frame(&p, go, gs.oy, gs.ox, p.th->highlight, paint_thick(go) + 1);
    static const GridId strips[] = {GRID_CH_W, GRID_CH_ROT, GRID_CH_WINDOWS, GRID_CH_SUMS};
    for (size_t i = 0; i < sizeof strips / sizeof *strips; i++) {
        const GridLayout *sg = &l->grid[strips[i]];
        if (sg->visible)
            draw_frame(dl, rect_inset(tile_rect(s, sg, s->ci), -2), p.th->link,
                       paint_thick(sg) + 1);
    }
    CellRef f = scene_focus(s);
    int b, ci = f.grid >= GRID_CH_W && f.grid <= GRID_CH_SUMS ? channels_tile_of(s, f.col, &b)
                                                               : -1;
    for (size_t i = 0; ci >= 0 && i < sizeof strips / sizeof *strips; i++)
        draw_frame(dl, rect_inset(tile_rect(s, &l->grid[strips[i]], ci), -2), p.th->highlight,
                   2);
    draw_clip(dl, (Rect){0, 0, 0, 0});
}

/* A clicked strip tile selects its input channel; the window may recentre
 * on the new channel, so the pin moves with its tile. */
static void clicked(Scene *s, CellRef c)
{
    if (c.grid < GRID_CH_W || c.grid > GRID_CH_SUMS)
        return;
    int b, ci = channels_tile_of(s, c.col, &b), first0, first1, n;
    channels_window(s, &first0, &n);
    if (ci >= 0)
        s->ci = ci;
    channels_window(s, &first1, &n);
    s->pin.col += (first0 - first1) * (s->m.g.w.k + 1);
}

/* p and y; then strips of one k x k tile per shown input channel, a
 * column apart; the sums a tile wide and half as tall. */
static void dims(const Scene *s, LayoutParams *p, int body)
{
    (void)body;
    const ConvGeom *g = &s->m.g, *eq = &s->m.gt.eq.eq;
    int ch_first, ch_count;
    channels_window(s, &ch_first, &ch_count);
    int strip = ch_count * (g->w.k + 1) - 1;
    p->dims[GRID_CH_PADDED] = (GridDims){eq->h.conv_in, eq->w.conv_in};
    p->dims[GRID_CH_OUTPUT] = (GridDims){g->h.conv_in, g->w.conv_in};
    p->dims[GRID_CH_W] = p->dims[GRID_CH_ROT] = p->dims[GRID_CH_WINDOWS] =
        (GridDims){g->h.k, strip};
    p->dims[GRID_CH_SUMS] = (GridDims){(g->h.k + 1) / 2, strip};
}

static void place(ScreenLayout *l, const LayoutParams *p, Rect area)
{
    static const GridId rows[][LAYOUT_FLOW_COLS] = {
        {GRID_CH_PADDED, GRID_CH_OUTPUT, GRID_NONE}, {GRID_CH_W, GRID_NONE, GRID_NONE},
        {GRID_CH_ROT, GRID_NONE, GRID_NONE},         {GRID_CH_WINDOWS, GRID_NONE, GRID_NONE},
        {GRID_CH_SUMS, GRID_NONE, GRID_NONE},
    };
    layout_flow_best(l, p, area, rows, 5);
}

const ViewOps view_channels_ops = {
    .name = "channels",
    .scale_shared = "windows, channel sums, y",
    .scale_own = "w, rot180",
    .n_phases = 1,
    .phase = {PHASE_GATHER},
    .first_grid = GRID_CH_PADDED,
    .last_grid = GRID_CH_SUMS,
    .targets =
        {
            {TARGET_FILTER, GRID_CH_W},
            {TARGET_OUTPUT, GRID_CH_OUTPUT},
            {TARGET_PADDED, GRID_CH_PADDED},
            {TARGET_KERNEL, GRID_CH_ROT},
        },
    .dims = dims,
    .place = place,
    .draw = draw,
    .status = channels_status,
    .caption = channels_caption,
    .tooltip = channels_tooltip,
    .clicked = clicked,
};
