/* view_matrix_text.c - the matrix view's sentences and its index decoding:
 * which output a row of C^T is, which input a column is, which weight an
 * entry holds; the status line of a row (its entries times the inputs
 * they multiply, and its sum), the captions, and the tooltips of entries
 * and of the vectors. Entries come from the core's MatrixTrace; rows are
 * searched by binary search in their sorted columns. */
#include "ui/view.h"

#include <stdio.h>
#include <string.h>

/* Decode a flat OIHW weight index of the forward conv: w[cs, cb][a, b]. */
void matrix_weight_of(const ConvGeom *g, int widx, int *cs, int *cb, int *a, int *b)
{
    int cb_g = g->c_conv_in / g->groups, cs_g = g->c_conv_out / g->groups;
    *b = widx % g->w.k;
    *a = widx / g->w.k % g->h.k;
    int slice = widx / (g->h.k * g->w.k);
    *cs = slice / cb_g;
    *cb = (*cs / cs_g) * cb_g + slice % cb_g;
}

/* Row r of C^T is output (co, oy, ox); column c is input (ci, i, j). */
void matrix_row_cell(const ConvGeom *g, int r, int *c, int *y, int *x)
{
    int hw = g->h.conv_in * g->w.conv_in;
    *c = r / hw;
    *y = r % hw / g->w.conv_in;
    *x = r % g->w.conv_in;
}

void matrix_col_cell(const ConvGeom *g, int col, int *c, int *i, int *j)
{
    int hw = g->h.conv_out * g->w.conv_out;
    *c = col / hw;
    *i = col % hw / g->w.conv_out;
    *j = col % g->w.conv_out;
}

/* First entry of row r with column >= col. */
size_t matrix_row_lower_bound(const SparseMatrix *m, int r, int col)
{
    size_t lo = m->row_start[r], hi = m->row_start[r + 1];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (m->col[mid] < col)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* ---- sentences ---------------------------------------------------------------------- */

static void put_entry_weight(StrBuf *o, const Scene *s, int widx)
{
    int cs, cb, a, b;
    matrix_weight_of(&s->m.g, widx, &cs, &cb, &a, &b);
    text_name_w(o, s, cs, cb, a, b);
}

void matrix_status(Scene *s, StrBuf *o)
{
    const MatrixTrace *t = model_matrix(&s->m);
    if (!t) {
        strbuf_printf(o, "%s", s->m.mat.msg);
        return;
    }
    Moment mo;
    scene_moment(s, &mo);
    MatrixStep ms;
    trace_matrix_step(t, mo.c.step, &ms);
    strbuf_printf(o, "row %d of C\xe1\xb5\x80 is ", ms.row);
    text_name_y(o, s, ms.n, ms.c, ms.oy, ms.ox);
    strbuf_printf(o, " = ");
    for (size_t e = 0; e < ms.count && e < 4; e++) {
        int ci, i, j;
        matrix_col_cell(&s->m.g, t->ct.col[ms.first + e], &ci, &i, &j);
        strbuf_printf(o, "%s", e ? " + " : "");
        put_entry_weight(o, s, t->ct.widx[ms.first + e]);
        strbuf_printf(o, MUL);
        text_name_x(o, s, ms.n, ci, i, j);
    }
    if (ms.count > 4)
        strbuf_printf(o, " + ... (%zu terms)", ms.count);
    if (!ms.count)
        strbuf_printf(o, "0 (an empty row: no input reaches this output)");
    if (t->bias)
        strbuf_printf(o, " + b[%d]", ms.c);
    strbuf_printf(o, " = ");
    text_num(o, ms.sum);
    strbuf_printf(o, " (%zu non-zero of %d columns)", ms.count, t->ct.cols);
}

void matrix_caption(const Scene *s, GridId grid, int widest, StrBuf *o)
{
    (void)widest;
    const ConvGeom *g = &s->m.g;
    int rows = g->c_conv_in * g->h.conv_in * g->w.conv_in;
    int cols = g->c_conv_out * g->h.conv_out * g->w.conv_out;
    switch (grid) {
    case GRID_MAT_X:
        strbuf_printf(o, "%s", s->short_captions ? "vec(x)" : "vec(x), one column each");
        break;
    case GRID_MATRIX:
        if (s->short_captions)
            strbuf_printf(o, "C\xe1\xb5\x80 %dx%d", rows, cols);
        else
            strbuf_printf(o, "C\xe1\xb5\x80 (%d x %d): rows = outputs, columns = inputs", rows, cols);
        break;
    case GRID_MAT_Y: strbuf_printf(o, "vec(y) ="); break;
    case GRID_MAT_XMAP: strbuf_printf(o, "x"); break;
    case GRID_MAT_YMAP: strbuf_printf(o, "y"); break;
    default: break;
    }
}

void matrix_tooltip(Scene *s, CellRef c, StrBuf *o)
{
    const MatrixTrace *t = model_matrix(&s->m);
    if (!t)
        return;
    const ConvGeom *g = &s->m.g;
    int co, oy, ox, ci, i, j;
    switch (c.grid) {
    case GRID_MATRIX: {
        matrix_row_cell(g, c.row, &co, &oy, &ox);
        matrix_col_cell(g, c.col, &ci, &i, &j);
        size_t e = matrix_row_lower_bound(&t->ct, c.row, c.col);
        strbuf_printf(o, "C\xe1\xb5\x80[%d,%d] = ", c.row, c.col);
        if (e < t->ct.row_start[c.row + 1] && t->ct.col[e] == c.col) {
            put_entry_weight(o, s, t->ct.widx[e]);
            strbuf_printf(o, " = ");
            text_num(o, t->w[t->ct.widx[e]]);
            strbuf_printf(o, ": ");
            text_name_x(o, s, s->n, ci, i, j);
            strbuf_printf(o, " feeds ");
        } else {
            strbuf_printf(o, "0: ");
            text_name_x(o, s, s->n, ci, i, j);
            strbuf_printf(o, " does not feed ");
        }
        text_name_y(o, s, s->n, co, oy, ox);
        break;
    }
    case GRID_MAT_X:
    case GRID_MAT_XMAP: {
        int col =
            c.grid == GRID_MAT_X ? c.col : (s->ci * g->h.conv_out + c.row) * g->w.conv_out + c.col;
        matrix_col_cell(g, col, &ci, &i, &j);
        strbuf_printf(o, "vec(x)[%d] = ", col);
        text_name_x(o, s, s->n, ci, i, j);
        strbuf_printf(o, " = ");
        text_num(o, t->x[(size_t)s->n * t->ct.cols + col]);
        strbuf_printf(o, ", feeds %zu outputs", t->c.row_start[col + 1] - t->c.row_start[col]);
        break;
    }
    case GRID_MAT_Y:
    case GRID_MAT_YMAP: {
        int row =
            c.grid == GRID_MAT_Y ? c.row : (s->co * g->h.conv_in + c.row) * g->w.conv_in + c.col;
        MatrixStep ms;
        trace_matrix_step(t, s->n * t->ct.rows + row, &ms);
        strbuf_printf(o, "vec(y)[%d] = ", row);
        text_name_y(o, s, ms.n, ms.c, ms.oy, ms.ox);
        strbuf_printf(o, " = ");
        text_num(o, ms.sum);
        strbuf_printf(o, ", %zu inputs", ms.count);
        break;
    }
    default: break;
    }
}
