/* scene_legend.c - the panel's legend: the value bar, the grids its scale
 * colours and those with their own, and a key for each mark on screen.
 *
 * The keys are found in the frame itself: the view is drawn before the
 * panel, so its commands so far hold every mark it drew (a cell fill, an
 * outline or a check in a mark's colour). A view that draws no inserted
 * zeros gets no key for them. A key once seen stays until the view or the
 * layer changes, so the legend does not jump as the timeline plays or the
 * mouse moves over the grids. */
#include "ui/scene_layout.h"
#include "ui/scene_panel.h"
#include "ui/paint.h"
#include "ui/text.h"
#include "ui/view.h"

#include <stdio.h>
#include <string.h>

typedef enum { KEY_FILL, KEY_FRAME, KEY_INNER, KEY_CHECK, KEY_CROSS } KeyStyle;

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
    return style == KEY_FILL ? DRAW_RECT : style == KEY_CHECK || style == KEY_CROSS ? DRAW_LINE
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

/* The keys the legend shows: those seen since the view or the layer last
 * changed. */
static unsigned shown_marks(Scene *s, const DrawList *dl)
{
    if (s->legend_view != (int)s->view || s->legend_gen != s->model_gen) {
        s->legend_view = (int)s->view;
        s->legend_gen = s->model_gen;
        s->legend_marks = 0;
    }
    s->legend_marks |= scene_legend_marks(s, dl);
    return s->legend_marks;
}

static int count_bits(unsigned m)
{
    int n = 0;
    for (; m; m &= m - 1)
        n++;
    return n;
}

static void legend_key(Scene *s, DrawList *dl, Rect sw, const LegendKey *k)
{
    const Theme *th = theme_get(s->theme);
    int b = s->layout.body_px;
    if (k->style == KEY_FILL) {
        draw_rect(dl, sw, k->c);
        draw_frame(dl, sw, th->border, 1);
    } else if (k->style == KEY_FRAME) {
        draw_frame(dl, sw, k->c, 3);
    } else if (k->style == KEY_CHECK || k->style == KEY_CROSS) { /* a cell's mark */
        Painter p;
        paint_init(&p, s, dl);
        draw_frame(dl, sw, th->grid_line, 1);
        if (k->style == KEY_CHECK)
            paint_check(&p, sw, k->c);
        else
            paint_cross(&p, sw, k->c);
    } else { /* the scatter canvas's overlap outline, inside a cell */
        draw_rect(dl, sw, th->cell_empty);
        draw_frame(dl, sw, th->grid_line, 1);
        draw_frame(dl, rect_inset(sw, 2), k->c, 2);
    }
    draw_text(dl, sw.x + b + b / 3, sw.y, b, th->text, ALIGN_LEFT, k->name);
}

/* The legend's two scale sentences: which grids share the bar's scale and
 * which have their own. */
static void legend_scales(const Scene *s, char *shared, char *own, size_t cap)
{
    const ViewOps *v = view_of(s);
    snprintf(shared, cap, "values, shared scale: %s", v->scale_shared ? v->scale_shared : "x, y");
    snprintf(own, cap, "own scale: %s", v->scale_own ? v->scale_own : "w");
}

int scene_legend_rows(Scene *s, const DrawList *dl)
{
    return (count_bits(shown_marks(s, dl)) + 1) / 2;
}

int scene_legend_height(const Scene *s, int w, int key_rows)
{
    int b = s->layout.body_px, lh = b * 5 / 4, rows = b * 3 / 2;
    char shared[160], own[160];
    legend_scales(s, shared, own, sizeof shared);
    Rect r = {0, 0, w, 1 << 20};
    int lines = scene_wrap_text(s, NULL, r, b, (Color){0, 0, 0, 0}, shared) +
                scene_wrap_text(s, NULL, r, b, (Color){0, 0, 0, 0}, own);
    return lines * lh + b + rows + key_rows * rows + b / 2;
}

void scene_legend_draw(Scene *s, UiContext *ui, Rect area, int key_rows)
{
    const Theme *th = ui->theme;
    DrawList *dl = ui->dl;
    const ViewOps *v = view_of(s);
    int b = s->layout.body_px, lh = b * 3 / 2, tl = b * 5 / 4;
    float vmax = v->scale_vmax ? v->scale_vmax(s) : s->m.vmax_y;
    char lo[32], hi[32], shared[160], own[160];
    format_cell_number(lo, sizeof lo, -vmax);
    format_cell_number(hi, sizeof hi, vmax);
    legend_scales(s, shared, own, sizeof shared);
    rect_cut_top(&area, tl * scene_wrap_text(s, dl, area, b, th->text, shared));
    Rect r = rect_cut_top(&area, b);
    const int n = 11;
    for (int i = 0; i < n; i++) {
        float val = vmax * (2.0f * i / (n - 1) - 1.0f);
        int x0 = r.x + r.w * i / n, x1 = r.x + r.w * (i + 1) / n;
        draw_rect(dl, (Rect){x0, r.y, x1 - x0, r.h}, theme_value_color(th, val, vmax));
    }
    draw_frame(dl, r, th->border, 1);
    r = rect_cut_top(&area, lh);
    draw_text(dl, r.x, r.y + 2, b, th->text, ALIGN_LEFT, lo);
    draw_text_box(dl, (Rect){r.x, r.y + 2, r.w, b}, b, th->text, ALIGN_CENTER, "0");
    draw_text_box(dl, (Rect){r.x, r.y + 2, r.w, b}, b, th->text, ALIGN_RIGHT, hi);
    rect_cut_top(&area, tl * scene_wrap_text(s, dl, area, b, th->text_dim, own));
    LegendKey keys[LEGEND_KEYS_MAX];
    int nk = legend_keys(th, keys), shown = 0;
    unsigned marks = s->legend_marks; /* shown_marks ran in scene_legend_rows */
    for (int k = 0; k < nk && shown < 2 * key_rows; k++) {
        if (!(marks & (1u << k)))
            continue;
        if (shown % 2 == 0)
            r = rect_cut_top(&area, lh);
        int col = shown % 2;
        legend_key(s, dl, (Rect){r.x + col * r.w / 2, r.y + (lh - b) / 2, b, b}, &keys[k]);
        shown++;
    }
}
