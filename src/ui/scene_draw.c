/* scene_draw.c - one frame: first the frame's update (the layout, kept
 * when nothing it depends on changed, then the view's per-frame work), then
 * only drawing: header, the view, the panel and timeline bar (built in
 * scene_panel.c), the status line, the lesson's column, tooltips, the cell
 * editor and the help overlay.
 *
 * Nothing here computes a number: values come through the views and their
 * sentences, from the core. */
#include "ui/scene_layout.h"
#include "ui/scene_panel.h"
#include "ui/text.h"
#include "ui/view.h"

#include <stdio.h>
#include <string.h>

Color scene_highlight_color(const Scene *s)
{
    return theme_get(s->theme)->highlight;
}

/* The pin is the lesson step's highlight (set_highlight pins its first cell). */
static int pin_is_lesson(const Scene *s)
{
    const LessonPlayer *p = &s->lp;
    return p->open && p->hl_grid != GRID_NONE && s->pin.grid == p->hl_grid &&
           s->pin.row == p->hl_r0 && s->pin.col == p->hl_c0;
}

/* ---- overlays ------------------------------------------------------------------------- */

static void draw_tooltip(Scene *s, const UiInput *in, DrawList *dl, const Theme *th)
{
    CellRef f = scene_focus(s);
    if (f.grid == GRID_NONE || s->editing || scene_lesson_quiet_pin(s))
        return;
    text_tooltip(s, f, s->tooltip, sizeof s->tooltip);
    if (!s->tooltip[0])
        return;
    int b = s->layout.body_px, pad = s->layout.pad, lh = b * 5 / 4;
    /* One line when it fits the window, else wrapped to the window's width
     * (a long sum breaks at its + signs). */
    int most = s->layout.width - 2 * pad, w = scene_text_width(s, b, s->tooltip) + 2 * pad;
    w = w > most ? most : w;
    Rect text = {0, 0, w - 2 * pad, 1 << 20};
    int lines = scene_wrap_text(s, NULL, text, b, th->tooltip_text, s->tooltip);
    int h = b + (lines > 1 ? (lines - 1) * lh : 0) + 2 * pad;
    /* Below-right of the cell (hovered or pinned), flipped above / left near
     * the window's edges: the cell and its row stay in sight. */
    Rect cell = {in->mouse_x, in->mouse_y, 1, 1};
    scene_cell_rect(s, f.grid, f.row, f.col, &cell);
    int x = cell.x + cell.w + pad / 2, y = cell.y + cell.h + pad / 2;
    if (y + h > s->layout.height)
        y = cell.y - h - pad / 2;
    if (x + w > s->layout.width)
        x = cell.x - w - pad / 2;
    /* A cell zoomed or panned out of sight still gets its tooltip inside. */
    x = x + w > s->layout.width ? s->layout.width - w : x;
    y = y + h > s->layout.height ? s->layout.height - h : y;
    x = x < 0 ? 0 : x;
    y = y < 0 ? 0 : y;
    draw_rect(dl, (Rect){x, y, w, h}, th->tooltip_bg);
    scene_wrap_text(s, dl, (Rect){x + pad, y + pad, text.w, lines * lh}, b, th->tooltip_text,
                    s->tooltip);
}

/* The status sentence wraps in the lines the layout gave it; a sentence
 * longer still ends in an ellipsis, and hovering the line shows it whole
 * above it. */
static void draw_status(Scene *s, const UiInput *in, DrawList *dl, const Theme *th)
{
    const ScreenLayout *l = &s->layout;
    int b = l->body_px, pad = l->pad, lh = b * 5 / 4;
    text_status(s, s->status, sizeof s->status);
    Rect sr = rect_inset(l->status, pad);
    sr.h += b / 4 + 1; /* the last line's spacing below it is not needed */
    Rect all = {sr.x, sr.y, sr.w, 1 << 20};
    int shown = sr.h / lh, need = scene_wrap_text(s, NULL, all, b, th->text, s->status);
    if (need <= shown) {
        scene_wrap_text(s, dl, sr, b, th->text, s->status);
        return;
    }
    char cut[sizeof s->status + 4];
    size_t n = strlen(s->status);
    do { /* drop words from the end until the rest and the ellipsis fit */
        while (n > 0 && s->status[n - 1] != ' ')
            n--;
        while (n > 0 && s->status[n - 1] == ' ')
            n--;
        memcpy(cut, s->status, n);
        memcpy(cut + n, " \xe2\x80\xa6", 5); /* U+2026 */
    } while (n > 0 && scene_wrap_text(s, NULL, all, b, th->text, cut) > shown);
    scene_wrap_text(s, dl, sr, b, th->text, cut);
    if (!rect_contains(l->status, in->mouse_x, in->mouse_y))
        return;
    Rect box = {l->status.x, 0, l->status.w, need * lh + 2 * pad};
    box.y = l->status.y - box.h;
    draw_rect(dl, box, th->tooltip_bg);
    scene_wrap_text(s, dl, (Rect){box.x + pad, box.y + pad, sr.w, need * lh}, b, th->tooltip_text,
                    s->status);
}

static void draw_selection(Scene *s, DrawList *dl, const Theme *th)
{
    CellRef cells[2] = {s->pin, s->sel};
    for (int i = 0; i < 2; i++) {
        Rect r;
        if (cells[i].grid == GRID_NONE ||
            !scene_cell_rect(s, cells[i].grid, cells[i].row, cells[i].col, &r))
            continue;
        draw_clip(dl, s->layout.grid[cells[i].grid].clip);
        draw_frame(dl, rect_inset(r, -2),
                   i ? th->highlight : pin_is_lesson(s) ? th->lesson : th->link, 3);
    }
    draw_clip(dl, (Rect){0, 0, 0, 0});
    Rect r;
    if (!s->editing || !scene_cell_rect(s, s->sel.grid, s->sel.row, s->sel.col, &r))
        return;
    int b = s->layout.body_px, pad = s->layout.pad;
    char buf[48];
    snprintf(buf, sizeof buf, "%s_", s->edit);
    int w = scene_text_width(s, b, "-0.000000_") + 2 * pad, h = b + 2 * pad;
    /* Over the selected cell (centred on it, inside the window) and opaque:
     * the number being typed replaces the one shown. */
    w = w > r.w ? w : r.w;
    h = h > r.h ? h : r.h;
    Rect box = {r.x + (r.w - w) / 2, r.y + (r.h - h) / 2, w, h};
    box.x = box.x + w > s->layout.width ? s->layout.width - w : box.x;
    box.x = box.x < 0 ? 0 : box.x;
    box.y = box.y < 0 ? 0 : box.y;
    draw_rect(dl, box, color_alpha(th->tooltip_bg, 255));
    draw_frame(dl, box, th->highlight, 2);
    draw_text(dl, box.x + pad, box.y + (h - b) / 2, b, th->tooltip_text, ALIGN_LEFT, buf);
}

/* Rows an entry of the help takes when its description wraps at help_w. */
static int help_rows(const Scene *s, int b, int help_w, const KeyBinding *k)
{
    return scene_wrap_text(s, NULL, (Rect){0, 0, help_w, 1 << 20}, b, (Color){0, 0, 0, 0},
                           k->help);
}

/* Columns of the help for `cols` columns of help_w: each column takes
 * entries until it holds about its share of the rows; returns the tallest
 * column in rows and fills first[] with each column's first entry. */
static int help_columns(const Scene *s, int b, int help_w, int cols, int first[4])
{
    int n = keys_count(), total = 0;
    for (int i = 0; i < n; i++)
        total += help_rows(s, b, help_w, keys_entry(i));
    int share = (total + cols - 1) / cols, col = 0, rows = 0, tallest = 0;
    first[0] = 0;
    for (int i = 0; i < n; i++) {
        int r = help_rows(s, b, help_w, keys_entry(i));
        if (rows > 0 && rows + r > share && col + 1 < cols) {
            first[++col] = i;
            rows = 0;
        }
        rows += r;
        tallest = rows > tallest ? rows : tallest;
    }
    for (int c = col + 1; c <= cols; c++)
        first[c] = n;
    return tallest;
}

/* The help's arrangement at text size b: columns, their first entries,
 * the widths of labels and descriptions, the tallest column in rows. */
typedef struct {
    int b, cols, first[4], rows, label_w, hw;
    int w, h; /* the box */
} HelpFit;

/* As few columns as make the list fit the window's height; descriptions
 * wrap when the columns would be wider than the window. 1 if the box fits
 * the window. */
static int help_fit(Scene *s, int b, HelpFit *f)
{
    const ScreenLayout *l = &s->layout;
    int pad = l->pad, lh = b * 5 / 4, n = keys_count(), help_w = 0;
    f->b = b;
    f->label_w = 0;
    for (int i = 0; i < n; i++) {
        const KeyBinding *k = keys_entry(i);
        int lw = scene_text_width(s, b, k->label), hw = scene_text_width(s, b, k->help);
        f->label_w = lw > f->label_w ? lw : f->label_w;
        help_w = hw > help_w ? hw : help_w;
    }
    int head = l->title_px + 2 * pad;
    for (f->cols = 1; f->cols <= 3; f->cols++) {
        int room = (l->width - (f->cols + 1) * 2 * pad) / f->cols - f->label_w - b;
        f->hw = help_w < room ? help_w : room;
        f->hw = f->hw < 8 * b ? 8 * b : f->hw;
        f->rows = help_columns(s, b, f->hw, f->cols, f->first);
        if (head + f->rows * lh + 2 * pad <= l->height)
            break;
    }
    f->cols = f->cols > 3 ? 3 : f->cols;
    f->w = f->cols * (f->label_w + b + f->hw) + (f->cols + 1) * 2 * pad;
    f->h = head + f->rows * lh + 2 * pad;
    return f->w <= l->width && f->h <= l->height;
}

static void draw_help(Scene *s, DrawList *dl, const Theme *th)
{
    const ScreenLayout *l = &s->layout;
    int pad = l->pad;
    draw_rect(dl, (Rect){0, 0, l->width, l->height}, th->shade);
    /* A window too small for every key at the body size gets smaller text
     * (down to 10 px); past that the box is cut at the window's edge. */
    HelpFit f;
    for (int b = l->body_px; !help_fit(s, b, &f) && b > 10;)
        b = b * 9 / 10 > 10 ? b * 9 / 10 : 10;
    int b = f.b, lh = b * 5 / 4, head = l->title_px + 2 * pad;
    int col_w = f.label_w + b + f.hw;
    Rect box = {(l->width - f.w) / 2, (l->height - f.h) / 2, f.w, f.h};
    box.x = box.x < 0 ? 0 : box.x;
    box.y = box.y < 0 ? 0 : box.y;
    box.w = box.w > l->width ? l->width : box.w;
    box.h = box.h > l->height ? l->height : box.h;
    draw_rect(dl, box, th->panel);
    draw_frame(dl, box, th->border, 2);
    draw_clip(dl, box);
    draw_text(dl, box.x + 2 * pad, box.y + pad, l->title_px, th->title, ALIGN_LEFT,
              "Keys (? or Esc closes)");
    for (int c = 0; c < f.cols; c++) {
        int x = box.x + 2 * pad + c * (col_w + 2 * pad), y = box.y + head + pad;
        for (int i = f.first[c]; i < f.first[c + 1]; i++) {
            const KeyBinding *k = keys_entry(i);
            draw_text(dl, x, y, b, th->highlight, ALIGN_LEFT, k->label);
            int r = scene_wrap_text(s, dl, (Rect){x + f.label_w + b, y, f.hw, 1 << 20}, b,
                                    th->text, k->help);
            y += (r > 0 ? r : 1) * lh;
        }
    }
    draw_clip(dl, (Rect){0, 0, 0, 0});
}

/* The op's call (title size when it fits) and the shapes line. */
static void draw_header(Scene *s, DrawList *dl, const Theme *th)
{
    const ScreenLayout *l = &s->layout;
    char line[512];
    draw_rect(dl, l->header, th->panel);
    Rect hr = rect_inset(l->header, l->pad);
    text_call(s, line, sizeof line);
    int lines = scene_wrap_text(s, dl, hr, s->call_px, th->title, line);
    rect_cut_top(&hr, lines * (s->call_px * 5 / 4));
    text_shapes(s, line, sizeof line);
    scene_wrap_text(s, dl, (Rect){hr.x, hr.y, hr.w, l->header.y + l->header.h - hr.y}, l->body_px,
                    th->text_dim, line);
}

void scene_draw(Scene *s, const UiInput *in, DrawList *dl)
{
    const Theme *th = theme_get(s->theme);
    draw_begin(dl);
    /* update: where things go, then the view's per-frame work (which may
     * scroll its grids); everything after this only draws */
    scene_layout(s, in);
    if (view_of(s)->update)
        view_of(s)->update(s);
    const ScreenLayout *l = &s->layout;
    draw_rect(dl, (Rect){0, 0, l->width, l->height}, th->bg);

    if (l->header.h > 0)
        draw_header(s, dl, th);
    /* A view zoomed or panned past its area (grids and, in the gradient
     * view, its text column) is cut at the area's edge. */
    Rect area = l->view;
    if (l->side.w > 0) {
        int x0 = area.x < l->side.x ? area.x : l->side.x;
        int y0 = area.y < l->side.y ? area.y : l->side.y;
        int x1 = area.x + area.w > l->side.x + l->side.w ? area.x + area.w : l->side.x + l->side.w;
        int y1 = area.y + area.h > l->side.y + l->side.h ? area.y + area.h : l->side.y + l->side.h;
        area = (Rect){x0, y0, x1 - x0, y1 - y0};
    }
    draw_bound(dl, area);
    if (view_of(s)->draw)
        view_of(s)->draw(s, dl);
    draw_selection(s, dl, th);
    draw_bound(dl, (Rect){0, 0, 0, 0});

    s->ui.theme = th;
    s->ui.text_px = l->body_px;
    ui_begin(&s->ui, in, dl);
    scene_build_widgets(s, &s->ui);
    ui_end(&s->ui);

    draw_status(s, in, dl, th);
    scene_present_draw_toast(s, dl);
    view_narrative_draw(s, dl);
    draw_tooltip(s, in, dl, th);
    view_lessons_draw(s, dl);
    if (s->help)
        draw_help(s, dl, th);
}
