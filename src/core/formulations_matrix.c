/* formulations_matrix.c - the matrix form of conv2d_transpose: the forward
 * conv2d as a sparse matrix C whose entries are kernel weights, its
 * transpose C^T built row by row, and conv2d_transpose as C^T vec(x)
 * (streamed one row at a time, so no matrix is stored for it). The
 * conv2d-equivalent is in formulations.c. */
#include "formulations.h"

#include <stdlib.h>
#include <string.h>

void matrix_free(SparseMatrix *m)
{
    free(m->row_start);
    free(m->col);
    free(m->widx);
    memset(m, 0, sizeof *m);
}

static int matrix_alloc(SparseMatrix *m, int rows, int cols, size_t nnz, Err *err)
{
    memset(m, 0, sizeof *m);
    if (nnz > MATRIX_MAX_NNZ)
        return err_fail(err, TC_ERR_LIMIT,
                        "the %dx%d conv matrix would hold %zu non-zeros, the limit is %zu", rows,
                        cols, nnz, MATRIX_MAX_NNZ);
    m->rows = rows;
    m->cols = cols;
    m->nnz = nnz;
    m->row_start = calloc((size_t)rows + 1, sizeof *m->row_start);
    m->col = malloc((nnz ? nnz : 1) * sizeof *m->col);
    m->widx = malloc((nnz ? nnz : 1) * sizeof *m->widx);
    if (!m->row_start || !m->col || !m->widx) {
        matrix_free(m);
        return err_fail(err, TC_ERR_NOMEM, "out of memory for a %dx%d conv matrix", rows, cols);
    }
    return 0;
}

/* Taps of one axis that land inside the input, for output position o. */
static int axis_taps(const AxisGeom *a, int o, int *first, int *last)
{
    *first = -1;
    *last = -2;
    for (int t = 0; t < a->k; t++) {
        int i = o * a->stride + t * a->dil - a->pad_before;
        if (i >= 0 && i < a->conv_in) {
            if (*first < 0)
                *first = t;
            *last = t;
        }
    }
    return *first < 0 ? 0 : *last - *first + 1;
}

int matrix_build_conv(const ConvGeom *g, SparseMatrix *c, Err *err)
{
    const AxisGeom *ah = &g->h, *aw = &g->w;
    int cb_g = g->c_conv_in / g->groups, cs_g = g->c_conv_out / g->groups;
    size_t rows = (size_t)g->c_conv_out * ah->conv_out * aw->conv_out;
    size_t cols = (size_t)g->c_conv_in * ah->conv_in * aw->conv_in;
    if (rows > (1u << 30) || cols > (1u << 30))
        return err_fail(err, TC_ERR_LIMIT, "the conv matrix would be %zux%zu, too large", rows, cols);

    /* Count first so the arrays are allocated once. Taps inside the input
     * are contiguous in the tap index because positions grow with it. */
    size_t nnz = 0;
    for (int oy = 0; oy < ah->conv_out; oy++) {
        int f0, l0;
        int ny = axis_taps(ah, oy, &f0, &l0);
        for (int ox = 0; ox < aw->conv_out; ox++) {
            int f1, l1;
            nnz += (size_t)ny * axis_taps(aw, ox, &f1, &l1);
        }
    }
    nnz *= (size_t)g->c_conv_out * cb_g;
    if (matrix_alloc(c, (int)rows, (int)cols, nnz, err) != 0)
        return -1;

    size_t k = 0;
    int r = 0;
    for (int co = 0; co < g->c_conv_out; co++) {
        int c0 = (co / cs_g) * cb_g;
        for (int oy = 0; oy < ah->conv_out; oy++)
            for (int ox = 0; ox < aw->conv_out; ox++, r++) {
                c->row_start[r] = k;
                for (int ci = 0; ci < cb_g; ci++)
                    for (int a = 0; a < ah->k; a++) {
                        int iy = oy * ah->stride + a * ah->dil - ah->pad_before;
                        if (iy < 0 || iy >= ah->conv_in)
                            continue;
                        for (int b = 0; b < aw->k; b++) {
                            int ix = ox * aw->stride + b * aw->dil - aw->pad_before;
                            if (ix < 0 || ix >= aw->conv_in)
                                continue;
                            c->col[k] = ((c0 + ci) * ah->conv_in + iy) * aw->conv_in + ix;
                            c->widx[k] = ((co * cb_g + ci) * ah->k + a) * aw->k + b;
                            k++;
                        }
                    }
            }
    }
    c->row_start[r] = k;
    TC_ASSERT(k == nnz);
    return 0;
}

/* Input positions i (small map) and taps t with i*stride + t*dil - pad = o,
 * listed by ascending i (descending tap); returns how many. */
static int axis_sources(const AxisGeom *a, int o, int *pos, int *tap)
{
    int n = 0;
    for (int t = a->k - 1; t >= 0; t--) {
        int q = o + a->pad_before - t * a->dil;
        if (q < 0 || q % a->stride)
            continue;
        q /= a->stride;
        if (q >= a->conv_out)
            continue;
        pos[n] = q;
        tap[n++] = t;
    }
    return n;
}

/* Row r of C^T (output element (cb, oy, ox)): the input elements and kernel
 * weights that feed it, columns ascending. col/widx hold at least
 * (Cs/G)*kh*kw entries; tap scratch holds 2*(kh+kw) ints. Returns the count. */
static int ct_row(const ConvGeom *g, int r, int *scratch, int *col, int *widx)
{
    const AxisGeom *ah = &g->h, *aw = &g->w;
    int cb_g = g->c_conv_in / g->groups, cs_g = g->c_conv_out / g->groups;
    int *py = scratch, *ty = py + ah->k, *px = ty + ah->k, *tx = px + aw->k;
    int plane = ah->conv_in * aw->conv_in;
    int cb = r / plane, oy = (r % plane) / aw->conv_in, ox = r % aw->conv_in;
    int grp = cb / cb_g, cl = cb % cb_g;
    int ny = axis_sources(ah, oy, py, ty), nx = axis_sources(aw, ox, px, tx);
    int k = 0;
    for (int cs = grp * cs_g; cs < (grp + 1) * cs_g; cs++)
        for (int a = 0; a < ny; a++) {
            int col0 = (cs * ah->conv_out + py[a]) * aw->conv_out;
            int w0 = ((cs * cb_g + cl) * ah->k + ty[a]) * aw->k;
            for (int b = 0; b < nx; b++) {
                col[k] = col0 + px[b];
                widx[k] = w0 + tx[b];
                k++;
            }
        }
    return k;
}

/* Scratch for ct_row: taps, then one row's columns and weight indices. */
typedef struct {
    int *taps, *col, *widx;
} RowScratch;

/* On failure rs is left empty (all NULL), not unset: the optimiser cannot see
 * that err_fail returns -1, so it follows the failure path into the caller's
 * loop and would read rs.col/rs.widx there. */
static int row_scratch_init(RowScratch *rs, const ConvGeom *g, Err *err)
{
    *rs = (RowScratch){0};
    size_t per_row = (size_t)(g->c_conv_out / g->groups) * g->h.k * g->w.k;
    rs->taps = malloc((2 * (size_t)(g->h.k + g->w.k) + 2 * per_row) * sizeof(int));
    if (!rs->taps)
        return err_fail(err, TC_ERR_NOMEM, "out of memory for the conv matrix");
    rs->col = rs->taps + 2 * (g->h.k + g->w.k);
    rs->widx = rs->col + per_row;
    return 0;
}

int matrix_build_conv_transposed(const ConvGeom *g, SparseMatrix *ct, Err *err)
{
    size_t rows = (size_t)g->c_conv_in * g->h.conv_in * g->w.conv_in;
    size_t cols = (size_t)g->c_conv_out * g->h.conv_out * g->w.conv_out;
    if (rows > (1u << 30) || cols > (1u << 30))
        return err_fail(err, TC_ERR_LIMIT, "the conv matrix would be %zux%zu, too large", cols, rows);
    RowScratch rs;
    if (row_scratch_init(&rs, g, err) != 0)
        return -1;
    size_t nnz = 0;
    for (size_t r = 0; r < rows; r++)
        nnz += (size_t)ct_row(g, (int)r, rs.taps, rs.col, rs.widx);
    if (matrix_alloc(ct, (int)rows, (int)cols, nnz, err) != 0) {
        free(rs.taps);
        return -1;
    }
    size_t k = 0;
    for (size_t r = 0; r < rows; r++) {
        ct->row_start[r] = k;
        k += (size_t)ct_row(g, (int)r, rs.taps, ct->col + k, ct->widx + k);
    }
    ct->row_start[rows] = k;
    free(rs.taps);
    TC_ASSERT(k == nnz);
    return 0;
}

int matrix_transpose(const SparseMatrix *m, SparseMatrix *t, Err *err)
{
    if (matrix_alloc(t, m->cols, m->rows, m->nnz, err) != 0)
        return -1;
    /* Counting sort by column; walking m's rows in order keeps each row of
     * t sorted by column. */
    for (size_t k = 0; k < m->nnz; k++)
        t->row_start[m->col[k] + 1]++;
    for (int r = 0; r < t->rows; r++)
        t->row_start[r + 1] += t->row_start[r];
    size_t *next = malloc(((size_t)t->rows + 1) * sizeof *next);
    if (!next) {
        matrix_free(t);
        return err_fail(err, TC_ERR_NOMEM, "out of memory transposing the conv matrix");
    }
    memcpy(next, t->row_start, ((size_t)t->rows + 1) * sizeof *next);
    for (int r = 0; r < m->rows; r++)
        for (size_t k = m->row_start[r]; k < m->row_start[r + 1]; k++) {
            size_t dst = next[m->col[k]]++;
            t->col[dst] = r;
            t->widx[dst] = m->widx[k];
        }
    free(next);
    return 0;
}

void matrix_apply(const SparseMatrix *m, const float *w, const float *x, float *y)
{
    for (int r = 0; r < m->rows; r++) {
        float acc = 0.0f;
        for (size_t k = m->row_start[r]; k < m->row_start[r + 1]; k++)
            acc += w[m->widx[k]] * x[m->col[k]];
        y[r] = acc;
    }
}

int form_transpose_by_matrix(const ConvGeom *g, const float *x, const float *w,
                             const float *bias, float *y, Err *err)
{
    /* Stream C^T one row at a time: the same rows matrix_build_conv_transposed
     * stores, without materialising a matrix of up to millions of entries
     * (touching that much fresh memory costs more than the arithmetic). */
    RowScratch rs;
    if (row_scratch_init(&rs, g, err) != 0)
        return -1;
    size_t small = (size_t)g->c_conv_out * g->h.conv_out * g->w.conv_out;
    int rows = g->c_conv_in * g->h.conv_in * g->w.conv_in;
    int plane = g->h.conv_in * g->w.conv_in;
    for (int r = 0; r < rows; r++) {
        int count = ct_row(g, r, rs.taps, rs.col, rs.widx);
        for (int n = 0; n < g->n; n++) {
            const float *xn = x + n * small;
            float acc = 0.0f;
            for (int k = 0; k < count; k++)
                acc += w[rs.widx[k]] * xn[rs.col[k]];
            y[(size_t)n * rows + r] = acc + (bias ? bias[r / plane] : 0.0f);
        }
    }
    free(rs.taps);
    return 0;
}
