/* formulations.c - the conv2d-equivalent and the matrix form of
 * conv2d_transpose, built from explicit steps so the views can show each
 * intermediate tensor. They reuse op_conv2d for the final stride-1 conv: the
 * point of the equivalence is that nothing new is needed. */
#include "formulations.h"

#include <stdlib.h>
#include <string.h>

#include "ops.h"

void form_zero_insert(const float *x, int nc, int h, int w, int sh, int sw, float *out)
{
    int zh = (h - 1) * sh + 1, zw = (w - 1) * sw + 1;
    memset(out, 0, (size_t)nc * zh * zw * sizeof(float));
    for (int c = 0; c < nc; c++)
        for (int i = 0; i < h; i++)
            for (int j = 0; j < w; j++)
                out[((size_t)c * zh + (size_t)i * sh) * zw + (size_t)j * sw] =
                    x[((size_t)c * h + i) * w + j];
}

void form_pad(const float *x, int nc, int h, int w, const int pad[4], float *out)
{
    int ph = h + pad[0] + pad[1], pw = w + pad[2] + pad[3];
    for (int c = 0; c < nc; c++)
        for (int y = 0; y < ph; y++)
            for (int z = 0; z < pw; z++) {
                int sy = y - pad[0], sz = z - pad[2];
                out[((size_t)c * ph + y) * pw + z] =
                    sy >= 0 && sy < h && sz >= 0 && sz < w ? x[((size_t)c * h + sy) * w + sz]
                                                           : 0.0f;
            }
}

void form_rot180(const float *w, int slices, int kh, int kw, float *out)
{
    for (int s = 0; s < slices; s++)
        for (int a = 0; a < kh; a++)
            for (int b = 0; b < kw; b++)
                out[((size_t)s * kh + a) * kw + b] =
                    w[((size_t)s * kh + (kh - 1 - a)) * kw + (kw - 1 - b)];
}

void form_swap_io(const float *w, int ci, int co, int groups, int kh, int kw, float *out)
{
    int ci_g = ci / groups, co_g = co / groups;
    size_t plane = (size_t)kh * kw;
    for (int grp = 0; grp < groups; grp++)
        for (int i = 0; i < ci_g; i++)
            for (int j = 0; j < co_g; j++)
                memcpy(out + ((size_t)(grp * co_g + j) * ci_g + i) * plane,
                       w + ((size_t)(grp * ci_g + i) * co_g + j) * plane, plane * sizeof(float));
}

void form_equiv_padding(const ConvGeom *g, int pad[4])
{
    pad[0] = g->h.k_eff - 1 - g->h.pad_before;
    pad[1] = g->h.k_eff - 1 - g->h.crop_after;
    pad[2] = g->w.k_eff - 1 - g->w.pad_before;
    pad[3] = g->w.k_eff - 1 - g->w.crop_after;
}

static void equiv_axis(const AxisGeom *a, int before, int after, AxisGeom *e)
{
    memset(e, 0, sizeof *e);
    e->k = a->k;
    e->stride = 1;
    e->dil = a->dil;
    e->k_eff = a->k_eff;
    e->conv_in = (a->conv_out - 1) * a->stride + 1 + before + after;
    e->conv_out = e->conv_in - e->k_eff + 1;
    e->full = e->conv_in;
    e->crop_after = 0;
}

void form_equiv_geom(const ConvGeom *g, ConvGeom *eq)
{
    int pad[4];
    form_equiv_padding(g, pad);
    equiv_axis(&g->h, pad[0], pad[1], &eq->h);
    equiv_axis(&g->w, pad[2], pad[3], &eq->w);
    eq->n = g->n;
    eq->c_conv_in = g->c_conv_out;
    eq->c_conv_out = g->c_conv_in;
    eq->groups = g->groups;
    TC_ASSERT(eq->h.conv_out == g->h.conv_in && eq->w.conv_out == g->w.conv_in);
}

void equiv_free(EquivConv *e)
{
    free(e->zero_inserted);
    free(e->padded);
    free(e->kernel);
    free(e->output);
    free(e->bias);
    memset(e, 0, sizeof *e);
}

int equiv_init(EquivConv *e, const ConvGeom *g, const float *x, const float *w,
               const float *bias, Err *err)
{
    memset(e, 0, sizeof *e);
    e->g = *g;
    form_equiv_padding(g, e->pad);
    form_equiv_geom(g, &e->eq);
    e->zh = (g->h.conv_out - 1) * g->h.stride + 1;
    e->zw = (g->w.conv_out - 1) * g->w.stride + 1;
    int nc = g->n * g->c_conv_out;
    size_t wcount = geom_weight_count(g);
    float *swapped = NULL;

    e->zero_inserted = malloc((size_t)nc * e->zh * e->zw * sizeof(float));
    e->padded = malloc((size_t)nc * e->eq.h.conv_in * e->eq.w.conv_in * sizeof(float));
    e->kernel = malloc(wcount * sizeof(float));
    e->output = malloc(geom_big_count(g) * sizeof(float));
    swapped = malloc(wcount * sizeof(float));
    if (bias) {
        e->bias = malloc((size_t)g->c_conv_in * sizeof(float));
        if (e->bias)
            memcpy(e->bias, bias, (size_t)g->c_conv_in * sizeof(float));
    }
    if (!e->zero_inserted || !e->padded || !e->kernel || !e->output || !swapped ||
        (bias && !e->bias)) {
        err_fail(err, TC_ERR_NOMEM, "out of memory for the conv2d-equivalent");
        goto fail;
    }

    /* The steps, in the order the view plays them. */
    form_zero_insert(x, nc, g->h.conv_out, g->w.conv_out, g->h.stride, g->w.stride,
                     e->zero_inserted);
    form_pad(e->zero_inserted, nc, e->zh, e->zw, e->pad, e->padded);
    form_swap_io(w, g->c_conv_out, g->c_conv_in, g->groups, g->h.k, g->w.k, swapped);
    form_rot180(swapped, g->c_conv_in * (g->c_conv_out / g->groups), g->h.k, g->w.k, e->kernel);
    op_conv2d(&e->eq, e->padded, e->kernel, e->bias, e->output);
    free(swapped);
    return 0;
fail:
    free(swapped);
    equiv_free(e);
    return -1;
}

int form_transpose_by_conv2d(const ConvGeom *g, const float *x, const float *w,
                             const float *bias, float *y, Err *err)
{
    EquivConv e;
    if (equiv_init(&e, g, x, w, bias, err) != 0)
        return -1;
    memcpy(y, e.output, geom_big_count(g) * sizeof(float));
    equiv_free(&e);
    return 0;
}

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
