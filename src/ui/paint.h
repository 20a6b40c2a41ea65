/* paint.h - grid drawing shared by the views (paint.c): cells, numbers,
 * lines, captions, frames, the crop, planes of values, and the tweens'
 * easing.
 *
 *     Painter p;
 *     paint_init(&p, s, dl);
 *     PlaneView v = {p.th, values, cols, -1, vmax};
 *     paint_plane(&p, &s->layout.grid[GRID_G_X], &v);
 */
#ifndef TCVIZ_PAINT_H
#define TCVIZ_PAINT_H

#include "ui/scene_state.h"

typedef struct {
    DrawList *dl;
    const Theme *th;
    TextMeasureFn measure;
    void *measure_user;
    int body_px;
    int number_min_px; /* the least digits in a cell (ScreenLayout.number_min_px) */
    Color link; /* the focus cell's links (scene_link_color) */
} Painter;

typedef Color (*CellColorFn)(const void *ctx, int row, int col);
typedef int (*CellTextFn)(const void *ctx, int row, int col, char *buf, size_t cap, Color *fg);

void paint_init(Painter *p, const Scene *s, DrawList *dl);
/* Fill every cell, merging equal neighbours in a row into one rect. */
void paint_cells(Painter *p, const GridLayout *g, CellColorFn color, const void *ctx);
/* Numbers in the cells that can hold them. */
void paint_numbers(Painter *p, const GridLayout *g, CellTextFn text, const void *ctx);
void paint_grid_lines(Painter *p, const GridLayout *g);
/* A whole grid of the layout: cells, numbers, lines and the scene's caption. */
void paint_grid(Painter *p, const Scene *s, GridId id, CellColorFn color, CellTextFn text,
                const void *ctx);
void paint_cell_frame(Painter *p, const GridLayout *g, int row, int col, Color c, int thick);
/* Text size for numbers in cells of this size, 0 when none fits. */
int paint_number_px(const Painter *p, int cell);
/* Draw s centred in r if it fits at px (shrinking to the minimum); 1 if drawn. */
int paint_fit_text(Painter *p, Rect r, int px, Color c, const char *s);
/* v in at most `digits` significant digits with a unit suffix, for a cell
 * too narrow for it ("1.2k", "-12k", "3.4M"); 0 when |v| < 1000. */
int paint_compact_number(char *buf, size_t cap, double v, int digits);
void paint_check(Painter *p, Rect cell, Color c);
void paint_cross(Painter *p, Rect cell, Color c);
/* The mark of a cell whose number is shown rounded to fit (theme colour
 * rounded, keyed in the legend). */
void paint_rounded_mark(Painter *p, Rect cell);
void paint_caption(Painter *p, const GridLayout *g, const char *s);
int paint_thick(const GridLayout *g);
/* Dim what the crop removes from a full-size canvas grid (up to four bands
 * around the output window) and outline the window. The window is the
 * output's size, reaching past the canvas where rows are appended, unless
 * clip_to_canvas. */
void paint_crop(Painter *p, const GridLayout *gl, const ConvGeom *g, int clip_to_canvas);
/* A [rows, cols] plane of values coloured on the value map at vmax; cells
 * with flat index >= shown (when shown >= 0) are still empty. */
typedef struct {
    const Theme *th;
    const float *vals; /* NULL: every cell empty */
    int cols;
    int shown; /* -1: all */
    float vmax;
} PlaneView;
Color paint_plane_color(const void *ctx, int row, int col);
int paint_plane_text(const void *ctx, int row, int col, char *buf, size_t cap, Color *fg);
/* The power of ten by which every number of v shown in g is divided so
 * each fits its cell in some form (paint_fit_number): the least of 0..9
 * (a grid of sums too long for small cells says "numbers in 100s" once
 * instead of hiding them), else -1..-3 (small weights, "-0.0234", shown
 * times 10, 100 or 1000), the one that rounds the fewest. 0 when they fit
 * as they are, none of these fits, or no cell holds a number. */
int paint_plane_exponent(const Painter *p, const GridLayout *g, const PlaneView *v);
/* Cells, numbers and grid lines. */
void paint_plane(Painter *p, const GridLayout *g, const PlaneView *v);
/* The same with the numbers divided by 10^exp10 (colours keep the values;
 * exp10 < 0 multiplies). */
void paint_plane_scaled(Painter *p, const GridLayout *g, const PlaneView *v, int exp10);
/* Smoothstep of a tween fraction: motion that starts and lands gently. */
double ease(double t);
Rect rect_lerp(Rect a, Rect b, double t);

#endif
