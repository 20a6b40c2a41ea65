/* scene_legend.c - the panel's legend: the value bar, the grids its scale
 * colours and those with their own, and a key for each mark on screen.
 *
 * The keys are found in the frame itself: the view is drawn before the
 * panel, so its commands so far hold every mark it drew (a cell fill, an
 * outline or a check in a mark's colour). A view that draws no inserted
 * zeros gets no key for them. A key once seen stays until the view or the
 * layer changes, so the legend does not jump as the timeline plays or the
 * mouse moves over the grids. Every key is shown whenever the panel is:
 * scene_panel.c picks a form of the legend (scene_legend_form) that fits.
 * After the keys, a line says so when a grid on screen has cells too
 * small for its numbers. */
#include "ui/scene_layout.h"
#include "ui/scene_panel.h"
#include "ui/paint.h"
#include "ui/text.h"
#include "ui/view.h"

#include <stdio.h>
#include <string.h>

typedef enum { KEY_FILL, KEY_FRAME, KEY_INNER, KEY_CHECK, KEY_CROSS, KEY_CORNER } KeyStyle;

typedef struct {
    Color c;
    const char *name;
    KeyStyle style;
} LegendKey;

/* Every mark a view can draw, in the legend's order. */
static int legend_keys(const Theme *th, LegendKey keys[LEGEND_KEYS_MAX])
{
    const LegendKey all[] = {
        {th->inserted_zero, "inserted 0", KEY_FILL},
        {th->pad_ring, "padding", KEY_FILL},
        {th->cropped, "cropped", KEY_FILL},
        {th->extended, "appended 0", KEY_FILL},
        {th->highlight, "current", KEY_FRAME},
        {th->window, "window", KEY_FRAME},
        {th->crop_frame, "crop frame", KEY_FRAME},
        {th->lesson, "lesson", KEY_FRAME},
        {th->link, "hover link", KEY_FRAME},
        {color_alpha(th->overlap, 110), "2x overlap", KEY_INNER},
        {th->check, "agrees", KEY_CHECK},
        {th->error, "differs", KEY_CROSS},
        {th->rounded, "rounded", KEY_CORNER},
    };
    int n = (int)(sizeof all / sizeof *all);
    memcpy(keys, all, sizeof all);
    return n;
}

static int same_color(Color a, Color b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b && a.a == b.a;
}

/* The command kind that draws a key's mark. */
static DrawKind key_kind(KeyStyle style)
{
    return style == KEY_FILL ? DRAW_RECT
           : style == KEY_CHECK || style == KEY_CROSS || style == KEY_CORNER ? DRAW_LINE
                                                                           : DRAW_FRAME;
}

unsigned scene_legend_marks(const Scene *s, const DrawList *dl)
{
    LegendKey keys[LEGEND_KEYS_MAX];
    int n = legend_keys(theme_get(s->theme), keys);
    unsigned marks = 0;
    for (int i = 0; dl && i < dl->count; i++) {
        const DrawCmd *c = &dl->cmds[i];
        if (c->kind != DRAW_RECT && c->kind != DRAW_FRAME && c->kind != DRAW_LINE)
            continue;
        for (int k = 0; k < n; k++)
            if (c->kind == key_kind(keys[k].style) && same_color(c->color, keys[k].c))
                marks |= 1u << k;
    }
    return marks;
}

void scene_legend_see(Scene *s, const DrawList *dl)
{
    if (s->legend_view != (int)s->view || s->legend_gen != s->model_gen) {
        s->legend_view = (int)s->view;
        s->legend_gen = s->model_gen;
        s->legend_marks = 0;
    }
    s->legend_marks |= scene_legend_marks(s, dl);
}

static int count_bits(unsigned m)
{
    int n = 0;
    for (; m; m &= m - 1)
        n++;
    return n;
}

/* Whether some grid on screen draws no numbers because its cells are too
 * small for them (paint_numbers' rule). */
static int numbers_hidden(const Scene *s)
{
    Painter p;
    paint_init(&p, s, NULL);
    for (int i = 0; i < GRID_COUNT; i++)
        if (layout_grid_on_screen(&s->layout, (GridId)i) &&
            !paint_number_px(&p, layout_number_cell(&s->layout, (GridId)i)))
            return 1;
    return 0;
}

/* The line saying so, and its tight form. */
static const char *small_cells(int compact)
{
    return compact >= LEGEND_TIGHT ? "small cells: + zooms in"
                                   : "small cells: + zooms in to read, hover shows a value";
}

static void legend_key(const Scene *s, DrawList *dl, Rect sw, int px, const LegendKey *k)
{
    const Theme *th = theme_get(s->theme);
    if (k->style == KEY_FILL) {
        draw_rect(dl, sw, k->c);
        draw_frame(dl, sw, th->border, 1);
    } else if (k->style == KEY_FRAME) {
        draw_frame(dl, sw, k->c, px < 16 ? 2 : 3);
    } else if (k->style == KEY_CHECK || k->style == KEY_CROSS || k->style == KEY_CORNER) {
        /* a cell's mark */
        Painter p;
        paint_init(&p, s, dl);
        draw_frame(dl, sw, th->grid_line, 1);
        if (k->style == KEY_CHECK)
            paint_check(&p, sw, k->c);
        else if (k->style == KEY_CROSS)
            paint_cross(&p, sw, k->c);
        else
            paint_rounded_mark(&p, sw);
    } else { /* the scatter canvas's overlap outline, inside a cell */
        draw_rect(dl, sw, th->cell_empty);
        draw_frame(dl, sw, th->grid_line, 1);
        draw_frame(dl, rect_inset(sw, 2), k->c, 2);
    }
    draw_text(dl, sw.x + px + px / 3, sw.y, px, th->text, ALIGN_LEFT, k->name);
}

/* The legend's two scale sentences: which grids share the bar's scale and
 * which have their own; compact: without "shared scale"; bare: the bar's
 * title alone. */
static void legend_scales(const Scene *s, int compact, char *shared, char *own, size_t cap)
{
    const ViewOps *v = view_of(s);
    const char *sh = v->scale_shared ? v->scale_shared : "x, y";
    if (compact >= LEGEND_BARE) {
        snprintf(shared, cap, "values");
        own[0] = '\0';
        return;
    }
    if (compact)
        snprintf(shared, cap, "values: %s", sh);
    else
        snprintf(shared, cap, "values, shared scale: %s", sh);
    snprintf(own, cap, "own scale: %s", v->scale_own ? v->scale_own : "w");
}

/* Heights of a line of wrapped text, and of the bar's labels and of a row
 * of keys. */
static int line_h(int px)
{
    return px * 5 / 4;
}

static int row_h(const LegendForm *f)
{
    return f->compact ? f->px * 5 / 4 : f->px * 3 / 2;
}

/* Lines t wraps to in width w at px. */
static int wrapped(const Scene *s, int w, int px, const char *t)
{
    return scene_wrap_text(s, NULL, (Rect){0, 0, w, 1 << 20}, px, (Color){0, 0, 0, 0}, t);
}

int scene_legend_form(const Scene *s, int w, int px, int compact, LegendForm *f)
{
    const Theme *th = theme_get(s->theme);
    LegendKey keys[LEGEND_KEYS_MAX];
    int nk = legend_keys(th, keys), name_w = 0;
    unsigned marks = s->legend_marks;
    for (int k = 0; k < nk; k++) {
        int kw = scene_text_width(s, px, keys[k].name);
        if ((marks & (1u << k)) && kw > name_w)
            name_w = kw;
    }
    /* a key: its swatch, a third of the text's size, its name; a third
     * again before the next column */
    int key_w = px + px / 3 + name_w + px / 3;
    *f = (LegendForm){px, compact ? 3 : 2, compact, 0};
    while (f->cols > 1 && key_w * f->cols > w + px / 3)
        f->cols--;
    if (key_w > w + px / 3)
        return 0;
    char shared[160], own[160];
    legend_scales(s, compact, shared, own, sizeof shared);
    int n = count_bits(marks), key_rows = (n + f->cols - 1) / f->cols;
    int lines = wrapped(s, w, px, shared) + wrapped(s, w, px, own) +
                (numbers_hidden(s) ? wrapped(s, w, px, small_cells(compact)) : 0);
    /* the bar, with its numbers below it or (tight) beside it */
    int bar = compact >= LEGEND_TIGHT ? row_h(f) : px + row_h(f);
    f->h = lines * line_h(px) + bar + key_rows * row_h(f) + px / 2;
    return 1;
}

/* The value bar: eleven steps from -vmax to vmax. */
static void legend_bar(const Theme *th, DrawList *dl, Rect r, float vmax)
{
    const int n = 11;
    for (int i = 0; i < n; i++) {
        float val = vmax * (2.0f * i / (n - 1) - 1.0f);
        int x0 = r.x + r.w * i / n, x1 = r.x + r.w * (i + 1) / n;
        draw_rect(dl, (Rect){x0, r.y, x1 - x0, r.h}, theme_value_color(th, val, vmax));
    }
    draw_frame(dl, r, th->border, 1);
}

void scene_legend_draw(Scene *s, UiContext *ui, Rect area, const LegendForm *f)
{
    const Theme *th = ui->theme;
    DrawList *dl = ui->dl;
    const ViewOps *v = view_of(s);
    int px = f->px, lh = row_h(f), tl = line_h(px);
    float vmax = v->scale_vmax ? v->scale_vmax(s) : s->m.vmax_y;
    char lo[32], hi[32], shared[160], own[160];
    format_cell_number(lo, sizeof lo, -vmax);
    format_cell_number(hi, sizeof hi, vmax);
    legend_scales(s, f->compact, shared, own, sizeof shared);
    rect_cut_top(&area, tl * scene_wrap_text(s, dl, area, px, th->text, shared));
    Rect r;
    if (f->compact >= LEGEND_TIGHT) { /* "-6 [bar] 6" in one row */
        Rect row = rect_cut_top(&area, lh);
        int ty = row.y + (lh - px) / 2;
        int lo_w = scene_text_width(s, px, lo), hi_w = scene_text_width(s, px, hi);
        draw_text(dl, row.x, ty, px, th->text, ALIGN_LEFT, lo);
        draw_text_box(dl, (Rect){row.x, ty, row.w, px}, px, th->text, ALIGN_RIGHT, hi);
        r = (Rect){row.x + lo_w + px / 3, ty, row.w - lo_w - hi_w - 2 * (px / 3), px};
        legend_bar(th, dl, r, vmax);
    } else {
        r = rect_cut_top(&area, px);
        legend_bar(th, dl, r, vmax);
        r = rect_cut_top(&area, lh);
        int ty = r.y + (lh - px) / 2;
        draw_text(dl, r.x, ty, px, th->text, ALIGN_LEFT, lo);
        draw_text_box(dl, (Rect){r.x, ty, r.w, px}, px, th->text, ALIGN_CENTER, "0");
        draw_text_box(dl, (Rect){r.x, ty, r.w, px}, px, th->text, ALIGN_RIGHT, hi);
    }
    rect_cut_top(&area, tl * scene_wrap_text(s, dl, area, px, th->text_dim, own));
    LegendKey keys[LEGEND_KEYS_MAX];
    int nk = legend_keys(th, keys), shown = 0;
    unsigned marks = s->legend_marks;
    for (int k = 0; k < nk; k++) {
        if (!(marks & (1u << k)))
            continue;
        int col = shown % f->cols;
        if (col == 0)
            r = rect_cut_top(&area, lh);
        legend_key(s, dl, (Rect){r.x + col * (r.w + px / 3) / f->cols, r.y + (lh - px) / 2, px, px},
                   px, &keys[k]);
        shown++;
    }
    if (numbers_hidden(s))
        scene_wrap_text(s, dl, area, px, th->text_dim, small_cells(f->compact));
}
