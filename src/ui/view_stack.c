/* view_stack.c - a chain of 2-3 stages and how its counts multiply.
 *
 * One row per stage: on the left the stage's own contribution-count map
 * (the stage alone on an input of ones), on the right the count map of
 * stages 1..k (how many paths from the chain's input reach each cell).
 * The last right-hand map is the whole chain's, the product pattern. In
 * 1-D each map is one row, so the maps stand in a column instead.
 *
 * The chain is the open stack lesson's (`layers:`) while its layer is as
 * the lesson set it; otherwise the current layer repeated, on its input's
 * size with one channel and kernels of ones, so k, s, d and p act on every
 * stage at once. The counts come from core/stack.c, which runs the chain
 * through the verified layer core; view_stack_chain.c runs it and keeps
 * it while nothing it depends on changes. */
#include "core/layer1d.h"
#include "core/stack.h"
#include "ui/paint.h"
#include "ui/view.h"

#include <stdio.h>

static int from_lesson(const Scene *s)
{
    StackSpec spec;
    const Tensor *in;
    return scene_lesson_stack(s, &spec, &in);
}

static void put_stage(StrBuf *o, const StackChain *c, int k)
{
    const StackStage *st = &c->spec.stage[k];
    if (st->kind != STAGE_LAYER) {
        strbuf_printf(o, "%s resize " MUL "%d", stage_kind_name(st->kind), st->scale);
        return;
    }
    LayerSpec sp = st->spec;
    sp.dims = c->spec.dims;
    int kw = c->kw[k], sw = sp.params.stride[1] ? sp.params.stride[1] : 1;
    if (c->spec.dims == 1)
        strbuf_printf(o, "%s k%d s%d", layer_op_name(&sp), kw, sw);
    else
        strbuf_printf(o, "%s k%dx%d s%d", layer_op_name(&sp), c->kh[k], kw, sw);
}

/* Strides and scales multiplied: the period of the chain's pattern. */
static int period_of(const StackChain *c, int upto)
{
    int p = 1;
    for (int k = 0; k <= upto; k++) {
        const StackStage *st = &c->spec.stage[k];
        int sw = st->spec.params.stride[1] ? st->spec.params.stride[1] : 1;
        p *= st->kind == STAGE_LAYER ? (st->spec.op == OP_CONV2D ? 1 : sw) : st->scale;
    }
    return p;
}

/* The strongest and weakest count over one period in the middle of map t
 * (a period square in 2-D, where the axes' counts multiply); 0 when the
 * map is too short to hold a period away from its edges. */
static int middle_range(const Tensor *t, int period, float *lo, float *hi)
{
    int H = t->dim[2], W = t->dim[3], x0 = W / 2 - period / 2;
    if (period > W / 2 || x0 < 0)
        return 0;
    int ph = H > 1 ? period : 1, top = H > 1 ? H / 2 - period / 2 : 0;
    if (top < 0)
        top = 0, ph = H;
    for (int y = top; y < top + ph && y < H; y++)
        for (int x = x0; x < x0 + period; x++) {
            float v = t->data[(size_t)y * W + x];
            *lo = (y == top && x == x0) || v < *lo ? v : *lo;
            *hi = (y == top && x == x0) || v > *hi ? v : *hi;
        }
    return 1;
}

/* The pattern of map t in words: even, or a checkerboard with its ratio
 * and one period of its middle row, starting at its smallest value. */
static void put_pattern(StrBuf *o, const Tensor *t, int period, const char *kind)
{
    float lo = 0, hi = 0;
    if (!middle_range(t, period, &lo, &hi)) {
        strbuf_printf(o, "too short for a repeating pattern");
        return;
    }
    if (lo == hi) {
        strbuf_printf(o, "even: every inside cell is reached by %g path%s, no checkerboard", lo,
                 lo == 1 ? "" : "s");
        return;
    }
    int W = t->dim[3], x0 = W / 2 - period / 2, start = x0;
    const float *row = t->data + (size_t)(t->dim[2] / 2) * W;
    for (int x = x0; x < x0 + period; x++)
        start = row[x] < row[start] ? x : start;
    strbuf_printf(o, "a %scheckerboard, strongest %g : weakest %g (", kind, hi, lo);
    for (int i = 0; i < period && i < 16; i++)
        strbuf_printf(o, "%s%g", i ? "/" : "", row[start + i - (start + i >= W ? period : 0)]);
    strbuf_printf(o, "%s every %d)", period > 16 ? "..." : "", period);
}

static void status(Scene *s, StrBuf *o)
{
    const StackChain *c = view_stack_chain(s);
    if (!c->ok) {
        strbuf_printf(o, "this chain does not run: %s", c->err.msg);
        return;
    }
    int n = c->r.n_stages;
    float lo = 0, hi = 0;
    int first_uneven = n > 1 && c->spec.stage[0].kind == STAGE_LAYER &&
                       middle_range(&c->r.counts[0], period_of(c, 0), &lo, &hi) && lo != hi;
    int lesson = from_lesson(s), k = 0, st = 0;
    strbuf_printf(o, "%s%d stages: ", lesson ? "the lesson's " : "this layer x", n);
    put_pattern(o, &c->r.chain[n - 1], period_of(c, n - 1), first_uneven ? "nested " : "");
    if (first_uneven)
        strbuf_printf(o, "; stage 1 alone: %g : %g", hi, lo);
    if (lesson && scene_stack_selected(s, &k, &st))
        strbuf_printf(o, "; stage %d selected (Tab), k / s change it", s->stage_edits.selected + 1);
}

static void caption_with(const Scene *s, const StackChain *c, GridId id, StrBuf *o)
{
    int k, chain;
    if (!view_stack_map(c, id, &k, &chain))
        return;
    if (chain) {
        strbuf_printf(o, k == c->r.n_stages - 1 ? "whole chain" : "stages 1-%d", k + 1);
        return;
    }
    strbuf_printf(o, "%d: ", k + 1);
    if (!s->short_captions)
        put_stage(o, c, k);
    else
        strbuf_printf(o, "alone");
}

static void caption_of(const Scene *s, GridId id, int widest, StrBuf *o)
{
    (void)widest;
    const StackChain *c = view_stack_chain(s);
    if (c->ok)
        caption_with(s, c, id, o);
}

static void tooltip(Scene *s, CellRef cell, StrBuf *o)
{
    const StackChain *c = view_stack_chain(s);
    int k, chain;
    const Tensor *t = c->ok ? view_stack_map(c, cell.grid, &k, &chain) : NULL;
    if (t && cell.row < t->dim[2] && cell.col < t->dim[3]) {
        float v = t->data[(size_t)cell.row * t->dim[3] + cell.col];
        if (t->dim[2] == 1)
            strbuf_printf(o, "position %d", cell.col);
        else
            strbuf_printf(o, "cell [%d,%d]", cell.row, cell.col);
        if (chain)
            strbuf_printf(o, ": %g path%s from the chain's input through stages 1-%d", v,
                     v == 1 ? "" : "s", k + 1);
        else
            strbuf_printf(o, ": %g contribution%s of stage %d alone", v, v == 1 ? "" : "s", k + 1);
    }
}

static int numbers_shown(const Painter *p, const GridLayout *g)
{
    return paint_number_px(p, grid_number_cell(g)) != 0;
}

/* A map whose cells are too small for their numbers says what its colour
 * means: the caption gains "colour = count lo..hi" (light to dark), or
 * becomes "2: colour = count 1..4" (then "2: colour 1..4") when the whole
 * would not fit its title; the tooltip gives each cell's count. */
static void caption_colour(const Scene *s, const StackChain *c, GridId id, const Tensor *t,
                           int note, char *cap, size_t cap_size)
{
    StrBuf o = strbuf_init(cap, cap_size);
    caption_with(s, c, id, &o);
    if (!note)
        return;
    float lo = 0, hi = 0;
    stack_count_range(t, 0, &lo, &hi);
    char tail[64];
    snprintf(tail, sizeof tail, "colour = count %g..%g", lo, hi);
    int room = s->layout.grid[id].title.w, b = s->layout.body_px;
    strbuf_printf(&o, ", %s", tail);
    if (scene_text_width(s, b, cap) <= room)
        return;
    int k = 0, chain = 0;
    view_stack_map(c, id, &k, &chain);
    char name[16];
    if (chain && k == c->r.n_stages - 1)
        snprintf(name, sizeof name, "whole chain");
    else
        snprintf(name, sizeof name, chain ? "1-%d" : "%d", k + 1);
    snprintf(cap, cap_size, "%s: %s", name, tail);
    if (scene_text_width(s, b, cap) > room)
        snprintf(cap, cap_size, "%s: colour %g..%g", name, lo, hi);
}

static float max_of(const Tensor *t)
{
    float m = 1.0f;
    for (size_t i = 0; i < tensor_count(t); i++)
        m = t->data[i] > m ? t->data[i] : m;
    return m;
}

static void draw(Scene *s, DrawList *dl)
{
    const ScreenLayout *l = &s->layout;
    const StackChain *c = view_stack_chain(s);
    if (!c->ok) {
        return;
    }
    Painter p;
    paint_init(&p, s, dl);
    draw_clip(dl, l->view);
    for (int k = 0; k < c->r.n_stages; k++) {
        const GridId ids[2] = {view_stack_stage_grid[k], view_stack_chain_grid[k]};
        for (int i = 0; i < 2; i++) {
            if (ids[i] == GRID_NONE || !l->grid[ids[i]].visible)
                continue;
            const Tensor *t = i ? &c->r.chain[k] : &c->r.counts[k];
            const GridLayout *g = &l->grid[ids[i]];
            PlaneView v = {p.th, t->data, t->dim[3], -1, max_of(t)};
            paint_plane(&p, g, &v);
            char cap[160];
            caption_colour(s, c, ids[i], t, !numbers_shown(&p, g), cap, sizeof cap);
            paint_caption(&p, g, cap);
        }
    }
    /* The stage the keys act on, framed (a lesson's chain only). */
    int k, st;
    int sel_k = s->stage_edits.selected % c->r.n_stages;
    const GridLayout *sel = &l->grid[view_stack_stage_grid[sel_k]];
    if (from_lesson(s) && scene_stack_selected(s, &k, &st) && sel->visible) {
        Rect r = {sel->x, sel->y, sel->cols * grid_cell_w(sel), sel->rows * sel->cell};
        draw_frame(dl, rect_inset(r, -3), p.th->highlight, 2);
    }
    draw_clip(dl, (Rect){0, 0, 0, 0});
}

static void dims(const Scene *s, LayoutParams *p, int body)
{
    (void)body;
    const StackChain *c = view_stack_chain(s);
    for (int k = 0; c->ok && k < c->r.n_stages; k++) {
        const Tensor *a = &c->r.counts[k];
        p->dims[view_stack_stage_grid[k]] = (GridDims){a->dim[2], a->dim[3]};
        if (view_stack_chain_grid[k] != GRID_NONE)
            p->dims[view_stack_chain_grid[k]] = (GridDims){a->dim[2], a->dim[3]};
    }
}

static void place(ScreenLayout *l, const LayoutParams *p, Rect area)
{
    /* 2-D: a stage's map beside the chain's so far; 1-D: one row each. */
    static const GridId beside[][LAYOUT_FLOW_COLS] = {
        {GRID_SK_STAGE1, GRID_NONE, GRID_NONE},
        {GRID_SK_STAGE2, GRID_SK_CHAIN2, GRID_NONE},
        {GRID_SK_STAGE3, GRID_SK_CHAIN3, GRID_NONE},
    };
    static const GridId column[][LAYOUT_FLOW_COLS] = {
        {GRID_SK_STAGE1, GRID_NONE, GRID_NONE}, {GRID_SK_STAGE2, GRID_NONE, GRID_NONE},
        {GRID_SK_CHAIN2, GRID_NONE, GRID_NONE}, {GRID_SK_STAGE3, GRID_NONE, GRID_NONE},
        {GRID_SK_CHAIN3, GRID_NONE, GRID_NONE},
    };
    if (p->dims[GRID_SK_STAGE1].rows == 1)
        layout_flow(l, p, area, column, 5);
    else
        layout_flow(l, p, area, beside, 3);
}

const ViewOps view_stack_ops = {
    .name = "stack",
    .still = "all stages at once",
    .n_phases = 1,
    .phase = {PHASE_SCATTER},
    .first_grid = GRID_SK_STAGE1,
    .last_grid = GRID_SK_CHAIN3,
    .dims = dims,
    .place = place,
    .draw = draw,
    .status = status,
    .caption = caption_of,
    .tooltip = tooltip,
};
