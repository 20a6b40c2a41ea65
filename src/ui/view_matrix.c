/* view_matrix.c - the transposed convolution as a matrix product.
 *
 * The forward conv2d is a sparse matrix C (one row per conv output, one
 * column per conv input); the transposed conv is vec(y) = C^T vec(x). The
 * view draws C^T with vec(x) as a row above it (each column sits under the
 * input it multiplies) and vec(y) as a column to its left (each row beside
 * the output it makes), plus x and y as small 2-D maps for orientation.
 * Each step is one row of C^T: its non-zero entries and the inputs they
 * multiply are highlighted and its sum lands in vec(y). Non-zero entries are
 * labelled with the weight they hold (w[0,1]) when the cells are big
 * enough; zeros stay faint. A large C^T scrolls (drag, wheel) and zooms
 * (+/-), and the current row is scrolled into view when the step changes.
 * Hovering an entry links the input and output cells it connects.
 *
 * Entries and sums come from the core's MatrixTrace; only the visible rows
 * and columns are visited, by binary search in each row's sorted columns. */
#include "ui/paint.h"
#include "ui/view.h"
#include "core/vocab.h"

#include <stdio.h>
#include <string.h>

/* Visible rows and columns of a grid inside its clip: [r0, r1) x [c0, c1). */
static int matrix_visible(const GridLayout *g, int *r0, int *r1, int *c0, int *c1)
{
    Rect v = rect_intersect(layout_grid_rect(g), g->clip);
    if (!g->visible || v.w <= 0 || v.h <= 0)
        return 0;
    int cw = grid_cell_w(g);
    *r0 = (v.y - g->y) / g->cell;
    *r1 = (v.y + v.h - g->y + g->cell - 1) / g->cell;
    *c0 = (v.x - g->x) / cw;
    *c1 = (v.x + v.w - g->x + cw - 1) / cw;
    *r1 = *r1 > g->rows ? g->rows : *r1;
    *c1 = *c1 > g->cols ? g->cols : *c1;
    return *r0 < *r1 && *c0 < *c1;
}


/* ---- following the current row ------------------------------------------------------ */

/* Scroll so the current row of C^T is on screen (after each step). */
static void follow(Scene *s)
{
    ScreenLayout *l = &s->layout;
    GridLayout *gm = &l->grid[GRID_MATRIX];
    const MatrixTrace *t = model_matrix(&s->m);
    if (!t || !gm->visible || s->mat_follow == s->tl.unit)
        return;
    s->mat_follow = s->tl.unit;
    Moment mo;
    scene_moment(s, &mo);
    MatrixStep ms;
    trace_matrix_step(t, mo.c.step, &ms);
    Rect clip = gm->clip;
    int dy = 0, dx = 0, cw = grid_cell_w(gm);
    int top = gm->y + ms.row * gm->cell;
    if (top < clip.y || top + gm->cell > clip.y + clip.h)
        dy = clip.y + clip.h / 2 - (top + gm->cell / 2);
    if (ms.count) {
        /* None of its entries on screen: bring the first one in. */
        int c0 = (clip.x - gm->x) / cw, c1 = (clip.x + clip.w - gm->x) / cw;
        size_t e = matrix_row_lower_bound(&t->ct, ms.row, c0 > 0 ? c0 : 0);
        if (e >= ms.first + ms.count || t->ct.col[e] >= c1)
            dx = clip.x + clip.w / 4 - (gm->x + t->ct.col[ms.first] * cw);
    }
    if (!dx && !dy)
        return;
    s->pan_x += dx;
    s->pan_y += dy;
    gm->x += dx;
    gm->y += dy;
    l->grid[GRID_MAT_X].x += dx;
    l->grid[GRID_MAT_Y].y += dy;
}

/* ---- drawing ------------------------------------------------------------------------- */

typedef struct {
    Painter *p;
    Scene *s;
    const MatrixTrace *t;
    const GridLayout *gm, *gx, *gy;
    int n;
} Mat;

/* The weight's name, as long as the cell allows. */
static void draw_label(Mat *m, Rect r, int widx, Color fg)
{
    const ConvGeom *g = &m->s->m.g;
    int px = paint_number_px(m->p, r.h * 2 < r.w ? r.h * 2 : r.w);
    if (!px)
        return;
    int cs, cb, a, b;
    matrix_weight_of(g, widx, &cs, &cb, &a, &b);
    char buf[48];
    if (!vocab_single(g)) {
        vocab_filter_name(buf, sizeof buf, "w", m->s->spec.params.convention, g, cs, cb, a, b);
        if (paint_fit_text(m->p, r, px, fg, buf))
            return;
    }
    snprintf(buf, sizeof buf, "w[%d,%d]", a, b);
    if (!paint_fit_text(m->p, r, px, fg, buf)) {
        snprintf(buf, sizeof buf, "%d,%d", a, b);
        paint_fit_text(m->p, r, px, fg, buf);
    }
}

static void draw_entries(Mat *m)
{
    const GridLayout *g = m->gm;
    const SparseMatrix *ct = &m->t->ct;
    int r0, r1, c0, c1, cw = grid_cell_w(g);
    if (!matrix_visible(g, &r0, &r1, &c0, &c1))
        return;
    Rect v = rect_intersect(layout_grid_rect(g), g->clip);
    draw_rect(m->p->dl, v, m->p->th->cell_empty);
    paint_grid_lines(m->p, g);
    for (int r = r0; r < r1; r++)
        for (size_t e = matrix_row_lower_bound(ct, r, c0); e < ct->row_start[r + 1] && ct->col[e] < c1;
             e++) {
            Rect cell = {g->x + ct->col[e] * cw, g->y + r * g->cell, cw, g->cell};
            Color fill = theme_value_color(m->p->th, m->t->w[ct->widx[e]], m->s->m.vmax_w);
            draw_rect(m->p->dl, cell, fill);
            draw_label(m, cell, ct->widx[e], theme_text_on(m->p->th, fill));
        }
}

static void draw_vectors(Mat *m, const Moment *mo)
{
    const Theme *th = m->p->th;
    const MatrixTrace *t = m->t;
    /* vec(x) of batch item n */
    PlaneView vx = {th, t->x + (size_t)m->n * t->ct.cols, t->ct.cols, -1, m->s->m.vmax_x};
    draw_clip(m->p->dl, m->gx->clip);
    paint_plane(m->p, m->gx, &vx);
    draw_clip(m->p->dl, m->gy->clip);
    /* vec(y): the sums of the rows already played, visible ones only */
    int cw = grid_cell_w(m->gy), h2 = 2 * m->gy->cell;
    int r0, r1, c0, c1, px = paint_number_px(m->p, h2 < cw ? h2 : cw);
    if (!matrix_visible(m->gy, &r0, &r1, &c0, &c1))
        return;
    Rect v = rect_intersect(layout_grid_rect(m->gy), m->gy->clip);
    draw_rect(m->p->dl, v, th->cell_empty);
    for (int r = r0; r < r1; r++) {
        int k = m->n * t->ct.rows + r;
        if (k >= mo->done)
            continue;
        MatrixStep ms;
        trace_matrix_step(t, k, &ms);
        Rect cell = layout_cell(m->gy, r, 0);
        Color fill = theme_value_color(th, ms.sum, m->s->m.vmax_y);
        draw_rect(m->p->dl, cell, fill);
        if (px) {
            char buf[32];
            format_cell_number(buf, sizeof buf, ms.sum);
            paint_fit_text(m->p, cell, px, theme_text_on(th, fill), buf);
        }
    }
    paint_grid_lines(m->p, m->gy);
}

/* Frame row r's entries and the inputs they multiply; frame its output. */
static void frame_row(Mat *m, int r, Color c, int band)
{
    const SparseMatrix *ct = &m->t->ct;
    const GridLayout *g = m->gm;
    const ConvGeom *geo = &m->s->m.g;
    const GridLayout *xm = &m->s->layout.grid[GRID_MAT_XMAP];
    const GridLayout *ym = &m->s->layout.grid[GRID_MAT_YMAP];
    int r0, r1, c0, c1, thick = paint_thick(g) + 1;
    if (band && matrix_visible(g, &r0, &r1, &c0, &c1) && r >= r0 && r < r1) {
        draw_clip(m->p->dl, g->clip);
        Rect row = rect_intersect((Rect){g->clip.x, g->y + r * g->cell, g->clip.w, g->cell},
                                  layout_grid_rect(g));
        draw_frame(m->p->dl, rect_inset(row, -1), c, 2);
    }
    int vis = matrix_visible(g, &r0, &r1, &c0, &c1);
    for (size_t e = ct->row_start[r]; e < ct->row_start[r + 1]; e++) {
        int col = ct->col[e];
        if (vis && col >= c0 && col < c1 && r >= r0 && r < r1) {
            draw_clip(m->p->dl, g->clip);
            paint_cell_frame(m->p, g, r, col, c, thick);
        }
        draw_clip(m->p->dl, m->gx->clip);
        paint_cell_frame(m->p, m->gx, 0, col, c, thick);
        int ci, i, j;
        matrix_col_cell(geo, col, &ci, &i, &j);
        if (ci == m->s->ci && xm->visible) {
            draw_clip(m->p->dl, xm->clip);
            paint_cell_frame(m->p, xm, i, j, c, paint_thick(xm) + 1);
        }
    }
    draw_clip(m->p->dl, m->gy->clip);
    paint_cell_frame(m->p, m->gy, r, 0, c, thick);
    int co, oy, ox;
    matrix_row_cell(geo, r, &co, &oy, &ox);
    if (co == m->s->co && ym->visible) {
        draw_clip(m->p->dl, ym->clip);
        paint_cell_frame(m->p, ym, oy, ox, c, paint_thick(ym) + 1);
    }
}

/* Frame column col's entries (the outputs input col feeds) and its input. */
static void frame_col(Mat *m, int col, Color c)
{
    const SparseMatrix *fc = &m->t->c; /* row col of C = column col of C^T */
    const ConvGeom *geo = &m->s->m.g;
    const GridLayout *ym = &m->s->layout.grid[GRID_MAT_YMAP];
    for (size_t e = fc->row_start[col]; e < fc->row_start[col + 1]; e++) {
        int r = fc->col[e];
        draw_clip(m->p->dl, m->gm->clip);
        paint_cell_frame(m->p, m->gm, r, col, c, paint_thick(m->gm) + 1);
        draw_clip(m->p->dl, m->gy->clip);
        paint_cell_frame(m->p, m->gy, r, 0, c, paint_thick(m->gy) + 1);
        int co, oy, ox;
        matrix_row_cell(geo, r, &co, &oy, &ox);
        if (co == m->s->co && ym->visible) {
            draw_clip(m->p->dl, ym->clip);
            paint_cell_frame(m->p, ym, oy, ox, c, paint_thick(ym) + 1);
        }
    }
    draw_clip(m->p->dl, m->gx->clip);
    paint_cell_frame(m->p, m->gx, 0, col, c, paint_thick(m->gx) + 1);
}

static void draw_links(Mat *m)
{
    CellRef f = scene_focus(m->s);
    const ConvGeom *g = &m->s->m.g;
    Color c = m->p->link;
    switch (f.grid) {
    case GRID_MATRIX: {
        frame_row(m, f.row, color_alpha(c, 90), 0);
        frame_col(m, f.col, color_alpha(c, 90));
        draw_clip(m->p->dl, m->gm->clip);
        paint_cell_frame(m->p, m->gm, f.row, f.col, c, paint_thick(m->gm) + 2);
        draw_clip(m->p->dl, m->gx->clip);
        paint_cell_frame(m->p, m->gx, 0, f.col, c, paint_thick(m->gx) + 2);
        draw_clip(m->p->dl, m->gy->clip);
        paint_cell_frame(m->p, m->gy, f.row, 0, c, paint_thick(m->gy) + 2);
        int ci, i, j, co, oy, ox;
        matrix_col_cell(g, f.col, &ci, &i, &j);
        matrix_row_cell(g, f.row, &co, &oy, &ox);
        const GridLayout *xm = &m->s->layout.grid[GRID_MAT_XMAP];
        const GridLayout *ym = &m->s->layout.grid[GRID_MAT_YMAP];
        draw_clip(m->p->dl, m->s->layout.view);
        if (ci == m->s->ci)
            paint_cell_frame(m->p, xm, i, j, c, paint_thick(xm) + 2);
        if (co == m->s->co)
            paint_cell_frame(m->p, ym, oy, ox, c, paint_thick(ym) + 2);
        break;
    }
    case GRID_MAT_X: frame_col(m, f.col, c); break;
    case GRID_MAT_XMAP:
        frame_col(m, (m->s->ci * g->h.conv_out + f.row) * g->w.conv_out + f.col, c);
        break;
    case GRID_MAT_Y: frame_row(m, f.row, c, 1); break;
    case GRID_MAT_YMAP:
        frame_row(m, (m->s->co * g->h.conv_in + f.row) * g->w.conv_in + f.col, c, 1);
        break;
    default: break;
    }
}

static void caption(Painter *p, const Scene *s, GridId id)
{
    char cap[128];
    text_caption(s, id, 0, cap, sizeof cap);
    paint_caption(p, &s->layout.grid[id], cap);
}

static void draw(Scene *s, DrawList *dl)
{
    const ScreenLayout *l = &s->layout;
    Painter p;
    paint_init(&p, s, dl);
    const MatrixTrace *t = model_matrix(&s->m);
    if (!t) {
        scene_wrap_text(s, dl, l->view, l->body_px, p.th->error, s->m.mat.msg);
        return;
    }
    const ConvGeom *g = &s->m.g;
    Mat m = {&p, s, t, &l->grid[GRID_MATRIX], &l->grid[GRID_MAT_X], &l->grid[GRID_MAT_Y], s->n};
    Moment mo;
    scene_moment(s, &mo);
    MatrixStep ms;
    trace_matrix_step(t, mo.c.step, &ms);
    m.n = ms.n;

    /* the 2-D maps */
    draw_clip(dl, l->view);
    size_t in_plane = (size_t)g->h.conv_out * g->w.conv_out;
    size_t out_plane = (size_t)g->h.conv_in * g->w.conv_in;
    PlaneView vx = {p.th, t->x + ((size_t)m.n * g->c_conv_out + s->ci) * in_plane, g->w.conv_out,
                    -1, s->m.vmax_x};
    paint_plane(&p, &l->grid[GRID_MAT_XMAP], &vx);
    int first = (m.n * g->c_conv_in + s->co) * (int)out_plane;
    PlaneView vy = {p.th, s->m.st.output + first, g->w.conv_in, mo.done - first, s->m.vmax_y};
    vy.shown = vy.shown < 0 ? 0 : vy.shown;
    paint_plane(&p, &l->grid[GRID_MAT_YMAP], &vy);
    caption(&p, s, GRID_MAT_XMAP);
    caption(&p, s, GRID_MAT_YMAP);
    caption(&p, s, GRID_MAT_X);
    caption(&p, s, GRID_MATRIX);
    caption(&p, s, GRID_MAT_Y);

    draw_clip(dl, m.gm->clip);
    draw_entries(&m);
    draw_vectors(&m, &mo);
    frame_row(&m, ms.row, p.th->highlight, 1);
    draw_links(&m);
    draw_clip(dl, (Rect){0, 0, 0, 0});
}

/* vec(y) = C^T vec(x): C^T is (Cb*H*W) x (Cs*h*w), with x and y as maps. */
static void dims(const Scene *s, LayoutParams *p, int body)
{
    const ConvGeom *g = &s->m.g;
    int big = g->c_conv_in * g->h.conv_in * g->w.conv_in;
    int small = g->c_conv_out * g->h.conv_out * g->w.conv_out;
    p->dims[GRID_MAT_X] = (GridDims){1, small};
    p->dims[GRID_MATRIX] = (GridDims){big, small};
    p->dims[GRID_MAT_Y] = (GridDims){big, 1};
    p->dims[GRID_MAT_XMAP] = (GridDims){g->h.conv_out, g->w.conv_out};
    p->dims[GRID_MAT_YMAP] = (GridDims){g->h.conv_in, g->w.conv_in};
    p->matrix_aspect = 3.5f; /* w[0,1] fits a cell 17 px high */
    /* numbers stay: wide cells take text of 9/10 of their height */
    p->matrix_min_cell =
        (layout_readable_cell(p->number_body_px > 0 ? p->number_body_px : body) + 1) / 2;
}

const ViewOps view_matrix_ops = {
    .name = "matrix",
    .scale_shared = "x, y, row sums",
    .scale_own = "C^T (entries of w)",
    .n_phases = 1,
    .phase = {PHASE_MATRIX},
    .first_grid = GRID_MAT_X,
    .last_grid = GRID_MAT_YMAP,
    .targets = {{TARGET_INPUT, GRID_MAT_XMAP}, {TARGET_OUTPUT, GRID_MAT_YMAP}},
    .dims = dims,
    .place = layout_matrix,
    .update = follow,
    .draw = draw,
    .status = matrix_status,
    .caption = matrix_caption,
    .tooltip = matrix_tooltip,
};
