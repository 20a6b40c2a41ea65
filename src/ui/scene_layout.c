/* scene_layout.c - the frame's layout for the current view.
 *
 * The view's row gives its grids' sizes and its arrangement; the header is
 * as tall as the call and shapes lines need; an open lesson's narrative
 * column takes the right edge. Captions are long when the grids can stay
 * large with them, else short. The layout is kept while everything it is
 * computed from stays the same (the window, the layer, the view, zoom and
 * pan, the channels, the kernel's turn that captions name, and whether it
 * is a figure's), so input and drawing share one pass per frame at most. */
#include "ui/scene_layout.h"
#include "ui/text.h"
#include "ui/view.h"

#include <stdio.h>
#include <string.h>

void scene_set_text_scale(Scene *s, float f)
{
    if (!(f >= SCENE_TEXT_SCALE_MIN)) /* NaN too */
        f = SCENE_TEXT_SCALE_MIN;
    s->text_scale = f > SCENE_TEXT_SCALE_MAX ? SCENE_TEXT_SCALE_MAX : f;
}

float scene_text_scale(const Scene *s)
{
    return s->text_scale;
}

/* The text scale with the user's text size text_scale. */
static float ui_scale_at(const Scene *s, const UiInput *in, float text_scale)
{
    float base = in->scale > 0.0f ? in->scale : 1.0f, theme = theme_get(s->theme)->text_scale;
    float f = base * text_scale * (theme > 0.0f ? theme : 1.0f) *
              (s->present ? SCENE_PRESENT_TEXT : 1.0f);
    /* Body text of at most 3/80 of the window's height (27 px at 720,
     * 40 at 1080): taller, the header, panel rows, status and timeline
     * would leave the grids no room. A figure has none of them. */
    int px = layout_text_px(in->height, f), cap = in->height * 3 / 80;
    if (!s->figure && px > cap && cap > layout_text_px(in->height, base))
        f *= (float)cap / (float)px;
    return f;
}

float scene_ui_scale(const Scene *s, const UiInput *in)
{
    return ui_scale_at(s, in, s->text_scale);
}

/* Header lines: the call at title size if it fits, else wrapped at body
 * size; then the shapes line, wrapped. Returns the height needed. */
static int header_height(Scene *s, int width, int body)
{
    char call[512], shapes[512];
    int title = body * 4 / 3, pad = body / 2 > 4 ? body / 2 : 4;
    Rect r = {0, 0, width - 2 * pad, 1 << 20};
    text_call(s, call, sizeof call);
    text_shapes(s, shapes, sizeof shapes);
    int h = 2 * pad;
    if (scene_text_width(s, title, call) <= r.w) {
        s->call_px = title;
        h += title * 5 / 4;
    } else {
        s->call_px = body;
        h += scene_wrap_text(s, NULL, r, body, (Color){0, 0, 0, 0}, call) * (body * 5 / 4);
    }
    return h + scene_wrap_text(s, NULL, r, body, (Color){0, 0, 0, 0}, shapes) * (body * 5 / 4);
}

/* Caption slot widths of the grids the view shows. */
static void title_widths(Scene *s, LayoutParams *p, int body, int widest)
{
    for (int i = 0; i < GRID_COUNT; i++) {
        if (p->dims[i].rows <= 0 || p->dims[i].cols <= 0)
            continue;
        char cap[128];
        text_caption(s, (GridId)i, widest, cap, sizeof cap);
        p->title_w[i] = scene_text_width(s, body, cap) + body / 2;
    }
}

/* Lines the current status sentence wraps to in the status line, with text
 * at scale f. */
static int status_lines(Scene *s, const UiInput *in, float f)
{
    if (s->figure)
        return 1;
    int body = layout_text_px(in->height, f), pad = body / 2 > 4 ? body / 2 : 4;
    text_status(s, s->status, sizeof s->status);
    int most = layout_status_lines_max(in->height);
    Rect r = {0, 0, scene_layout_width(s, in, body) - 2 * pad, (most + 1) * body * 2};
    int n = scene_wrap_text(s, NULL, r, body, (Color){0, 0, 0, 0}, s->status);
    return n < 1 ? 1 : n > most ? most : n;
}

/* The layout with text at scale f. */
static void layout_at(Scene *s, const UiInput *in, float f)
{
    const ViewOps *v = view_of(s);
    LayoutParams p = {.place = v->place, .zoom = s->zoom, .pan_x = s->pan_x, .pan_y = s->pan_y,
                      .scale = f};
    int body = layout_text_px(in->height, f);
    /* Digits hold to the window's own size: a cell that holds its number
     * at the usual text size still does with larger text. */
    int plain = layout_text_px(in->height, in->scale > 0.0f ? in->scale : 1.0f);
    p.number_body_px = plain < body ? plain : body;
    if (v->dims)
        v->dims(s, &p, body);
    /* An open lesson's narrative column takes the right edge; the rest is
     * laid out as usual. A figure has neither, nor the header. */
    int lw = scene_layout_width(s, in, body);
    /* smaller than asked (relayout): the lines the smaller text needs */
    p.status_lines = f < scene_ui_scale(s, in) ? status_lines(s, in, f) : s->status_lines;
    p.header_h = s->figure ? 0 : header_height(s, lw, body);
    p.figure = s->figure;
    p.no_chrome = scene_present_hides_chrome(s);
    p.figure_caption_h = s->figure_caption_h;
    /* Long captions when the grids can stay large with them, else short ones.
     * (Views with cells small by nature: long captions unless they cost
     * more than a fifth of the cell size, or the small grids' numbers.) */
    int long_fit = 0, long_numbers = 0;
    for (int shrt = 0; shrt < 2; shrt++) {
        s->short_captions = shrt;
        /* unshortened: size the slot for the widest caption (no jump as the kernel turns) */
        title_widths(s, &p, body, !shrt);
        layout_compute(&s->layout, lw, in->height, &p);
        if (v->big_cells ? s->layout.fit_cell >= 2 * body : shrt == 0)
            long_fit = s->layout.fit_cell;
        if (shrt == 0)
            long_numbers = layout_numbers_fit(&s->layout, 1.0f);
        if (v->big_cells && s->layout.fit_cell >= 2 * body)
            break;
        if (!v->big_cells && shrt == 1 && long_fit * 5 >= s->layout.fit_cell * 4 &&
            (long_numbers || !layout_numbers_fit(&s->layout, 1.0f))) {
            s->short_captions = 0; /* long ones cost little: back to them */
            title_widths(s, &p, body, 0);
            layout_compute(&s->layout, lw, in->height, &p);
        }
    }
}

/* Larger text takes its room from the grids' numbers last: while a grid of
 * at most LAYOUT_SMALL_GRID cells a side would lose its numbers, the text
 * (header, panel, status, captions) steps back towards the usual size. */
static void relayout(Scene *s, const UiInput *in)
{
    /* usual: the size at text 1x (the height's cap applied to it too, not
     * the capped size divided by the factor, which is smaller) */
    float f = scene_ui_scale(s, in), usual = f;
    if (s->text_scale > 1.0f)
        usual = ui_scale_at(s, in, 1.0f);
    for (;;) {
        layout_at(s, in, f);
        if (f <= usual || layout_numbers_fit(&s->layout, s->zoom))
            break;
        f = f * 0.9f > usual ? f * 0.9f : usual;
    }
    s->have_layout = 1;
    s->layout.width = in->width; /* overlays and tooltips use the whole window */
    s->layouts++;
}

void scene_layout(Scene *s, const UiInput *in)
{
    LayoutKey k;
    memset(&k, 0, sizeof k); /* compared as bytes: no stray padding */
    k.width = in->width;
    k.height = in->height;
    k.scale = scene_ui_scale(s, in);
    k.view = s->view;
    k.zoom = s->zoom;
    k.pan_x = s->pan_x;
    k.pan_y = s->pan_y;
    k.model_gen = s->model_gen;
    k.ci = s->ci;
    k.co = s->co;
    k.turn = s->rot >= 1.0 ? 2 : s->rot_running ? 1 : 0;
    k.lesson_open = s->lp.open;
    k.figure = s->figure;
    k.figure_caption_h = s->figure_caption_h;
    k.no_chrome = scene_present_hides_chrome(s);
    /* The status line keeps the most lines it needed until something else
     * changes the layout. */
    LayoutKey was = s->layout_key;
    was.status_lines = 0;
    if (!s->have_layout || memcmp(&k, &was, sizeof k) != 0)
        s->status_lines = 1;
    int need = status_lines(s, in, scene_ui_scale(s, in));
    if (need > s->status_lines)
        s->status_lines = need;
    k.status_lines = s->status_lines;
    if (s->have_layout && memcmp(&k, &s->layout_key, sizeof k) == 0)
        return;
    relayout(s, in);
    s->layout_key = k;
}

long scene_layout_count(const Scene *s)
{
    return s->layouts;
}

int scene_widget_rects(const Scene *s, const Rect **rects)
{
    *rects = s->ui.rects;
    return s->ui.n_rects;
}

int scene_cell_rect(const Scene *s, int grid, int row, int col, Rect *r)
{
    if (!s->have_layout || grid < 0 || grid >= GRID_COUNT)
        return 0;
    const GridLayout *g = &s->layout.grid[grid];
    if (!g->visible || row < 0 || col < 0 || row >= g->rows || col >= g->cols)
        return 0;
    *r = layout_cell(g, row, col);
    return 1;
}

