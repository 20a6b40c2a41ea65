/* paint.c - drawing grids of cells, shared by the views.
 *
 * Grids are the bulk of every frame, so this is where command counts are
 * kept down: only cells inside the view's clip are visited, neighbouring
 * cells of equal colour in a row become one rectangle (zero rings, inserted
 * zeros, empty outputs), grid lines are whole lines rather than per-cell
 * frames, and numbers are measured and drawn only when the cell can hold
 * text of a readable size. */
#include "ui/paint.h"
#include "ui/text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void paint_init(Painter *p, const Scene *s, DrawList *dl)
{
    p->dl = dl;
    p->th = theme_get(s->theme);
    p->measure = s->measure;
    p->measure_user = s->measure_user;
    p->body_px = s->layout.body_px;
    p->number_min_px = s->layout.number_min_px > 0 ? s->layout.number_min_px
                                                   : layout_min_number_px(p->body_px);
    p->link = scene_link_color(s);
}

static int text_w(const Painter *p, int px, const char *s)
{
    return p->measure ? p->measure(p->measure_user, px, s) : (int)strlen(s) * px * 6 / 10;
}

static int min_number_px(const Painter *p)
{
    return p->number_min_px;
}

int paint_number_px(const Painter *p, int cell)
{
    int px = layout_number_px(cell);
    return px >= min_number_px(p) ? px : 0;
}

/* The largest size from px down to the minimum (in steps of 2, the minimum
 * itself tried last) at which s fits in r; 0 if none. */
static int fit_px(const Painter *p, Rect r, int px, const char *s)
{
    int min = min_number_px(p);
    for (; px >= min; px = px - 2 >= min || px == min ? px - 2 : min)
        if (text_w(p, px, s) <= r.w - 4)
            return px;
    return 0;
}

int paint_fit_text(Painter *p, Rect r, int px, Color c, const char *s)
{
    px = fit_px(p, r, px, s);
    if (px)
        draw_text_box(p->dl, (Rect){r.x, r.y + (r.h - px) / 2, r.w, px}, px, c, ALIGN_CENTER, s);
    return px != 0;
}

/* v with a unit suffix and at most `digits` significant digits, never in
 * exponent form: 1234.5 -> "1.23k" / "1.2k" / "1k", -12345 -> "-12.3k" /
 * "-12k"; 0 when |v| < 1000 (those need no suffix). */
int paint_compact_number(char *buf, size_t cap, double v, int digits)
{
    static const struct {
        double unit;
        const char *suffix;
    } units[] = {{1e9, "G"}, {1e6, "M"}, {1e3, "k"}};
    double a = fabs(v);
    if (!(a >= 1e3) || !isfinite(v))
        return 0;
    size_t i = 0;
    while (a < units[i].unit)
        i++;
    double q = v / units[i].unit, aq = fabs(q);
    int whole = aq >= 100 ? 3 : aq >= 10 ? 2 : 1;
    int dec = digits > whole ? digits - whole : 0;
    int n = snprintf(buf, cap, "%.*f", dec, q);
    if (n < 0 || (size_t)n >= cap)
        return 0;
    if (strchr(buf, '.')) { /* "1.0k" reads as "1k" */
        while (buf[n - 1] == '0')
            buf[--n] = '\0';
        if (buf[n - 1] == '.')
            buf[--n] = '\0';
    }
    int m = snprintf(buf + n, cap - (size_t)n, "%s", units[i].suffix);
    return m > 0 && (size_t)(n + m) < cap ? n + m : 0;
}

/* The value a cell's text stands for: "1.2k" is 1200, "-.7" is -0.7. */
static double shown_value(const char *t)
{
    char *end;
    double v = strtod(t, &end);
    return *end == 'k' ? v * 1e3 : *end == 'M' ? v * 1e6 : *end == 'G' ? v * 1e9 : v;
}

/* The form of number s that fits r (its size in *px): s itself, else -- a
 * number too long for its cell at the smallest size, 0.0938 in a narrow
 * cell or -1234.5 in a kernel-sized one -- two significant digits, then
 * one, from 1000 up with a unit (1.2k, -12k, never 1.2e+03), below 1
 * without the leading zero (-.7). 0: none fits. *rounded (when given)
 * says whether the form stands for another value than s (1.5 as "2",
 * 1234.5 as "1.2k"; "-.7" is -0.7 still): such a cell gets a mark, and
 * the tooltip keeps the full value. */
static int fit_number(const Painter *p, Rect r, int *px, const char *s, char *out, size_t cap,
                      int *rounded)
{
    int got = fit_px(p, r, *px, s);
    if (rounded)
        *rounded = 0;
    if (got) {
        snprintf(out, cap, "%s", s);
        *px = got;
        return 1;
    }
    char *end;
    double v = strtod(s, &end);
    if (end == s || *end)
        return 0;
    for (int digits = 3; digits >= 1; digits--) {
        if (!paint_compact_number(out, cap, v, digits)) {
            if (digits == 3)
                continue; /* s is already v at three digits */
            snprintf(out, cap, "%.*g", digits, v);
            if (strchr(out, 'e') && fabs(v) >= 1.0) /* -9.6 to one digit: -10, not -1e+01 */
                snprintf(out, cap, "%.0f", v);
        }
        got = strcmp(out, s) != 0 ? fit_px(p, r, *px, out) : 0;
        /* "-0.7" as "-.7": the leading zero says nothing */
        char *zero = out[0] == '-' ? out + 1 : out;
        if (!got && zero[0] == '0' && zero[1] == '.') {
            memmove(zero, zero + 1, strlen(zero));
            got = fit_px(p, r, *px, out);
        }
        if (got) {
            *px = got;
            if (rounded)
                *rounded = fabs(shown_value(out) - v) > 1e-9 * fabs(v);
            return 1;
        }
    }
    return 0;
}

/* fit_number, else "0" for a value under 0.05 (-0.0035 is "-.003" at the
 * shortest: near enough zero to say so, with the rounded mark). Not for
 * choosing a grid's power of ten: a grid of zeros would fit. */
static int fit_number_or_zero(const Painter *p, Rect r, int *px, const char *s, char *out,
                              size_t cap, int *rounded)
{
    if (fit_number(p, r, px, s, out, cap, rounded))
        return 1;
    char *end;
    double v = strtod(s, &end);
    int got = end != s && !*end && fabs(v) < 0.05 ? fit_px(p, r, *px, "0") : 0;
    if (!got)
        return 0;
    snprintf(out, cap, "0");
    *px = got;
    *rounded = 1;
    return 1;
}

static int paint_fit_number(Painter *p, Rect r, int px, Color c, const char *s)
{
    char buf[32];
    int rounded;
    if (!fit_number_or_zero(p, r, &px, s, buf, sizeof buf, &rounded))
        return 0;
    draw_text_box(p->dl, (Rect){r.x, r.y + (r.h - px) / 2, r.w, px}, px, c, ALIGN_CENTER, buf);
    if (rounded)
        paint_rounded_mark(p, r);
    return 1;
}

/* Rows and columns of g that intersect its clip: [r0, r1) x [c0, c1). */
static int visible_range(const GridLayout *g, int *r0, int *r1, int *c0, int *c1)
{
    if (!g->visible || g->cell < 1)
        return 0;
    Rect v = rect_intersect(layout_grid_rect(g), g->clip);
    if (v.w <= 0 || v.h <= 0)
        return 0;
    *r0 = (v.y - g->y) / g->cell;
    *r1 = (v.y + v.h - g->y + g->cell - 1) / g->cell;
    int cw = grid_cell_w(g);
    *c0 = (v.x - g->x) / cw;
    *c1 = (v.x + v.w - g->x + cw - 1) / cw;
    *r1 = *r1 > g->rows ? g->rows : *r1;
    *c1 = *c1 > g->cols ? g->cols : *c1;
    return *r0 < *r1 && *c0 < *c1;
}

static int same_color(Color a, Color b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b && a.a == b.a;
}

void paint_cells(Painter *p, const GridLayout *g, CellColorFn color, const void *ctx)
{
    int r0, r1, c0, c1, cw = grid_cell_w(g);
    if (!visible_range(g, &r0, &r1, &c0, &c1))
        return;
    for (int r = r0; r < r1; r++) {
        int start = c0;
        Color cur = color(ctx, r, c0);
        for (int c = c0 + 1; c <= c1; c++) {
            Color next = c < c1 ? color(ctx, r, c) : (Color){0, 0, 0, 0};
            if (c < c1 && same_color(next, cur))
                continue;
            if (cur.a)
                draw_rect(p->dl,
                          (Rect){g->x + start * cw, g->y + r * g->cell, (c - start) * cw,
                                 g->cell},
                          cur);
            start = c;
            cur = next;
        }
    }
}

void paint_numbers(Painter *p, const GridLayout *g, CellTextFn text, const void *ctx)
{
    int r0, r1, c0, c1, px = paint_number_px(p, grid_number_cell(g));
    if (!px || !visible_range(g, &r0, &r1, &c0, &c1))
        return;
    char buf[32];
    for (int r = r0; r < r1; r++)
        for (int c = c0; c < c1; c++) {
            Color fg;
            if (text(ctx, r, c, buf, sizeof buf, &fg))
                paint_fit_number(p, layout_cell(g, r, c), px, fg, buf);
        }
}

void paint_grid_lines(Painter *p, const GridLayout *g)
{
    int r0, r1, c0, c1, cw = grid_cell_w(g);
    if (g->cell < 6 || !visible_range(g, &r0, &r1, &c0, &c1))
        return;
    Color c = p->th->grid_line;
    int x0 = g->x + c0 * cw, x1 = g->x + c1 * cw;
    int y0 = g->y + r0 * g->cell, y1 = g->y + r1 * g->cell;
    for (int r = r0; r <= r1; r++)
        draw_line(p->dl, x0, g->y + r * g->cell, x1, g->y + r * g->cell, c, 1);
    for (int k = c0; k <= c1; k++)
        draw_line(p->dl, g->x + k * cw, y0, g->x + k * cw, y1, c, 1);
}

int paint_thick(const GridLayout *g)
{
    int t = g->cell / 14;
    return t < 2 ? 2 : t;
}

void paint_cell_frame(Painter *p, const GridLayout *g, int row, int col, Color c, int thick)
{
    if (row < 0 || col < 0 || row >= g->rows || col >= g->cols)
        return;
    draw_frame(p->dl, layout_cell(g, row, col), c, thick);
}

/* Marks sit in the bottom-right quarter: the cell's number is centred in
 * the middle 9/20 of its height (paint_number_px), so they never touch it. */
void paint_check(Painter *p, Rect cell, Color c)
{
    int m = cell.w / 4 < 6 ? 6 : cell.w / 4, t = cell.w / 24 < 2 ? 2 : cell.w / 24;
    int x = cell.x + cell.w - m - t, y = cell.y + cell.h - m - t;
    draw_line(p->dl, x, y + m / 2, x + m / 3, y + m, c, t);
    draw_line(p->dl, x + m / 3, y + m, x + m, y, c, t);
}

void paint_cross(Painter *p, Rect cell, Color c)
{
    int m = cell.w / 4 < 6 ? 6 : cell.w / 4, t = cell.w / 24 < 2 ? 2 : cell.w / 24;
    int x = cell.x + cell.w - m - t, y = cell.y + cell.h - m - t;
    draw_line(p->dl, x, y, x + m, y + m, c, t);
    draw_line(p->dl, x + m, y, x, y + m, c, t);
}

/* A small triangle in the top-right corner, the spreadsheet's "there is
 * more to this cell": the number drawn is rounded. It stays in the cell's
 * top fifth, above the number (centred in the middle 9/20 of the height)
 * and away from the checks in the bottom right. One line per row of
 * pixels: the draw list has no triangles. */
void paint_rounded_mark(Painter *p, Rect cell)
{
    int m = cell.w / 5 < 5 ? 5 : cell.w / 5;
    m = m > cell.h / 5 && cell.h / 5 >= 5 ? cell.h / 5 : m;
    int x1 = cell.x + cell.w - 2, y0 = cell.y + 1;
    for (int i = 0; i < m; i++)
        draw_line(p->dl, x1 - (m - 1 - i), y0 + i, x1, y0 + i, p->th->rounded, 1);
}

void paint_caption(Painter *p, const GridLayout *g, const char *s)
{
    if (!g->visible)
        return;
    draw_text(p->dl, g->title.x, g->title.y + (g->title.h - p->body_px) / 2, p->body_px,
              p->th->text, ALIGN_LEFT, s);
}

double ease(double t)
{
    t = t < 0.0 ? 0.0 : t > 1.0 ? 1.0 : t;
    return t * t * (3.0 - 2.0 * t);
}

Rect rect_lerp(Rect a, Rect b, double t)
{
    return (Rect){a.x + (int)lrint((b.x - a.x) * t), a.y + (int)lrint((b.y - a.y) * t),
                  a.w + (int)lrint((b.w - a.w) * t), a.h + (int)lrint((b.h - a.h) * t)};
}

/* ---- planes of values ---------------------------------------------------------------- */

Color paint_plane_color(const void *ctx, int r, int c)
{
    const PlaneView *v = ctx;
    int i = r * v->cols + c;
    if (!v->vals || (v->shown >= 0 && i >= v->shown))
        return v->th->cell_empty;
    return theme_value_color(v->th, v->vals[i], v->vmax);
}

int paint_plane_text(const void *ctx, int r, int c, char *buf, size_t cap, Color *fg)
{
    const PlaneView *v = ctx;
    int i = r * v->cols + c;
    if (!v->vals || (v->shown >= 0 && i >= v->shown))
        return 0;
    format_cell_number(buf, cap, v->vals[i]);
    *fg = theme_text_on(v->th, theme_value_color(v->th, v->vals[i], v->vmax));
    return 1;
}

/* How the numbers of v shown in g fit their cells once divided by
 * 10^e: -1 when one fits in no form, else how many are drawn rounded. */
static int rounded_at(const Painter *p, const GridLayout *g, const PlaneView *v, int px, int e,
                      int r0, int r1, int c0, int c1)
{
    Rect cell = layout_cell(g, r0, c0);
    char s[32], out[32];
    int n = 0;
    for (int r = r0; r < r1; r++)
        for (int c = c0; c < c1; c++) {
            int i = r * v->cols + c, fpx = px, rounded;
            if (v->shown >= 0 && i >= v->shown)
                continue;
            format_cell_number(s, sizeof s, v->vals[i] / powf(10.0f, (float)e));
            if (!fit_number(p, cell, &fpx, s, out, sizeof out, &rounded))
                return -1;
            n += rounded;
        }
    return n;
}

int paint_plane_exponent(const Painter *p, const GridLayout *g, const PlaneView *v)
{
    int r0, r1, c0, c1, px = paint_number_px(p, grid_number_cell(g));
    if (!px || !v->vals || !visible_range(g, &r0, &r1, &c0, &c1))
        return 0;
    for (int e = 0; e <= 9; e++)
        if (rounded_at(p, g, v, px, e, r0, r1, c0, c1) >= 0)
            return e;
    /* Small values ("-0.0234" needs four characters even as "-.02"):
     * multiplied by 10, 100 or 1000, whichever rounds the fewest. */
    int best = 0, least = -1;
    for (int e = -1; e >= -3; e--) {
        int n = rounded_at(p, g, v, px, e, r0, r1, c0, c1);
        if (n >= 0 && (least < 0 || n < least))
            best = e, least = n;
    }
    return best;
}

typedef struct {
    const PlaneView *v;
    float div;
} ScaledPlane;

static int scaled_text(const void *ctx, int r, int c, char *buf, size_t cap, Color *fg)
{
    const ScaledPlane *sp = ctx;
    if (!paint_plane_text(sp->v, r, c, buf, cap, fg))
        return 0;
    format_cell_number(buf, cap, sp->v->vals[r * sp->v->cols + c] / sp->div);
    return 1;
}

void paint_plane_scaled(Painter *p, const GridLayout *g, const PlaneView *v, int exp10)
{
    ScaledPlane sp = {v, powf(10.0f, (float)exp10)};
    paint_cells(p, g, paint_plane_color, v);
    if (exp10)
        paint_numbers(p, g, scaled_text, &sp);
    else
        paint_numbers(p, g, paint_plane_text, v);
    paint_grid_lines(p, g);
}

void paint_plane(Painter *p, const GridLayout *g, const PlaneView *v)
{
    paint_plane_scaled(p, g, v, 0);
}

void paint_crop(Painter *p, const GridLayout *gl, const ConvGeom *g, int clip_to_canvas)
{
    int top = g->h.pad_before, left = g->w.pad_before;
    int bottom = top + g->h.conv_in, right = left + g->w.conv_in;
    int fh = g->h.full, fw = g->w.full, c = gl->cell;
    int r1 = bottom < fh ? bottom : fh;
    Color dim = p->th->cropped;
    if (top > 0)
        draw_rect(p->dl, (Rect){gl->x, gl->y, fw * c, top * c}, dim);
    if (bottom < fh)
        draw_rect(p->dl, (Rect){gl->x, gl->y + bottom * c, fw * c, (fh - bottom) * c}, dim);
    if (left > 0)
        draw_rect(p->dl, (Rect){gl->x, gl->y + top * c, left * c, (r1 - top) * c}, dim);
    if (right < fw)
        draw_rect(p->dl, (Rect){gl->x + right * c, gl->y + top * c, (fw - right) * c, (r1 - top) * c},
                  dim);
    if (clip_to_canvas) {
        bottom = r1;
        right = right < fw ? right : fw;
    }
    Rect win = {gl->x + left * c, gl->y + top * c, (right - left) * c, (bottom - top) * c};
    draw_frame(p->dl, rect_inset(win, -1), p->th->crop_frame, paint_thick(gl));
}

void paint_grid(Painter *p, const Scene *s, GridId id, CellColorFn color, CellTextFn text,
                const void *ctx)
{
    const GridLayout *g = &s->layout.grid[id];
    char cap[96];
    paint_cells(p, g, color, ctx);
    paint_numbers(p, g, text, ctx);
    paint_grid_lines(p, g);
    text_caption(s, id, 0, cap, sizeof cap);
    paint_caption(p, g, cap);
}
