/* view_scatter_text.c - the scatter view's sentences: the status line of
 * each step (an element scattering its weighted kernel copy, one product
 * of it, or a row of x), the captions of x, w and the canvas, and the
 * tooltips that spell an input element, a weight or a canvas cell's sum.
 * Values come from the core's scatter trace and partial canvases. */
#include "ui/paint.h"
#include "ui/view.h"

static void scatter_element_sentence(StrBuf *o, const Scene *s, int k)
{
    const ConvGeom *g = &s->m.g;
    ScatterStep st;
    trace_scatter_step(&s->m.st, k, &st);
    text_name_x(o, s, st.n, st.c, st.i, st.j);
    strbuf_printf(o, " = ");
    text_num(o, st.value);
    strbuf_printf(o, " scatters ");
    text_num(o, st.value);
    strbuf_printf(o, MUL);
    text_kernels_of(o, s, st.c);
    strbuf_printf(o, " into %s[", text_canvas_name(s));
    if (g->c_conv_in > 1)
        strbuf_printf(o, ":, ");
    text_slice(o, st.row0, g->h.k_eff, g->h.dil);
    strbuf_printf(o, ", ");
    text_slice(o, st.col0, g->w.k_eff, g->w.dil);
    strbuf_printf(o, "]");
}

static void put_scatter_mac(StrBuf *o, Scene *s, const Moment *mo)
{
    const ConvGeom *g = &s->m.g;
    int t = mo->c.taps_done - 1, a = t / g->w.k, b = t % g->w.k;
    ScatterStep st;
    trace_scatter_step(&s->m.st, mo->c.step, &st);
    long off = model_w_offset(&s->m, st.c, s->co);
    int fy = st.row0 + a * g->h.dil, fx = st.col0 + b * g->w.dil;
    strbuf_printf(o, "product %d of %d: ", t + 1, g->h.k * g->w.k);
    text_name_x(o, s, st.n, st.c, st.i, st.j);
    strbuf_printf(o, MUL);
    text_name_w(o, s, st.c, s->co, a, b);
    if (off < 0) {
        strbuf_printf(o, ": channel %d does not feed output channel %d", st.c, s->co);
        return;
    }
    strbuf_printf(o, " = ");
    text_num(o, st.value);
    strbuf_printf(o, MUL);
    text_num(o, s->m.st.w[off + a * g->w.k + b]);
    strbuf_printf(o, " = ");
    text_num(
        o, model_copy(&s->m, mo->c.step, s->co)[(size_t)a * g->h.dil * g->w.k_eff + b * g->w.dil]);
    strbuf_printf(o, " goes into %s[%d,%d], which becomes ", text_canvas_name(s), fy, fx);
    const float *after = model_canvas(&s->m, mo->c.step + 1);
    text_num(o, after[(((size_t)st.n * g->c_conv_in + s->co) * g->h.full + fy) * g->w.full + fx]);
}

static void put_scatter_row(StrBuf *o, const Scene *s, const Moment *mo)
{
    const ConvGeom *g = &s->m.g;
    ScatterStep st;
    trace_scatter_step(&s->m.st, mo->c.first, &st);
    strbuf_printf(o, "row %d of x: ", st.i);
    text_row(o, s, "x", st.n, st.c, st.i);
    strbuf_printf(o, " (%d elements) scatters into %s[", g->w.conv_out, text_canvas_name(s));
    text_slice(o, st.row0, g->h.k_eff, g->h.dil);
    strbuf_printf(o, ", 0:%d]", g->w.full);
}

void scatter_status(Scene *s, StrBuf *o)
{
    Moment mo;
    scene_moment(s, &mo);
    switch (s->tl.gran) {
    case GRAN_MAC: put_scatter_mac(o, s, &mo); break;
    case GRAN_ROW: put_scatter_row(o, s, &mo); break;
    default: scatter_element_sentence(o, s, mo.c.step); break;
    }
}

void scatter_tooltip(Scene *s, CellRef cell, StrBuf *o)
{
    const ConvGeom *g = &s->m.g;
    int r = cell.row, c = cell.col;
    switch (cell.grid) {
    case GRID_INPUT:
        scatter_element_sentence(o, s, trace_scatter_index(&s->m.st, s->n, s->ci, r, c));
        break;
    case GRID_KERNEL: {
        long off = model_w_offset(&s->m, s->ci, s->co);
        text_name_w(o, s, s->ci, s->co, r, c);
        if (off < 0) {
            strbuf_printf(o, ": not connected (groups)");
            break;
        }
        strbuf_printf(o, " = ");
        text_num(o, s->m.st.w[off + r * g->w.k + c]);
        break;
    }
    case GRID_CANVAS: {
        int oy, ox, in_out;
        in_out = geom_full_to_out(&g->h, r, &oy) & geom_full_to_out(&g->w, c, &ox);
        if (r >= g->h.full || c >= g->w.full) {
            if (in_out) {
                text_name_y(o, s, s->n, s->co, oy, ox);
                strbuf_printf(o, " = 0: appended past the scatter by %s",
                         s->spec.params.convention == CONV_TF ? "output_shape" : "output_padding");
            }
            break;
        }
        text_sum(o, s, s->n, s->co, r, c, !in_out);
        break;
    }
    default: break;
    }
}

void scatter_caption(const Scene *s, GridId grid, int widest, StrBuf *o)
{
    (void)widest;
    const ConvGeom *g = &s->m.g;
    if (s->short_captions) {
        static const char *const short_names[] = {"x", "w"};
        strbuf_printf(o, "%s", grid == GRID_CANVAS ? text_canvas_name(s) : short_names[grid]);
        return;
    }
    switch (grid) {
    case GRID_INPUT:
        strbuf_printf(o, "x");
        if (text_multi_in(s))
            strbuf_printf(o, " ch %d/%d", s->ci, g->c_conv_out);
        break;
    case GRID_KERNEL:
        strbuf_printf(o, "w");
        if (text_multi_in(s) || text_multi_out(s))
            strbuf_printf(o, " %d->%d", s->ci, s->co);
        break;
    case GRID_CANVAS:
        strbuf_printf(o, "%s",
                 g->h.pad_before || g->w.pad_before ? "full = uncropped scatter"
                                                    : "out = scatter canvas");
        if (text_multi_out(s))
            strbuf_printf(o, " ch %d/%d", s->co, g->c_conv_in);
        break;
    default: break;
    }
}
