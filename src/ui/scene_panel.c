/* scene_panel.c - the parameter panel and the timeline bar.
 *
 * Built by scene_build_widgets, which runs in the input pass (clicks become
 * the same actions as keys) and again in the draw pass (commands only), so
 * what is drawn is exactly what was clickable. Steppers never clamp:
 * legality is the core's to decide, in scene_apply. */
#include "ui/scene_actions.h"
#include "ui/scene_layout.h"
#include "ui/scene_panel.h"
#include "ui/paint.h"
#include "ui/text.h"
#include "ui/view.h"

#include <stdio.h>
#include <string.h>

/* clang-format off */
enum {
    W_TF = 1, W_TORCH, W_STRIDE = 10, W_KERNEL = 12, W_INPUT = 14, W_PADDING = 16, W_SAME = 18,
    W_VALID = 19, W_OUTPUT = 20, W_DILATION = 22, W_CIN = 24, W_COUT = 26, W_PRESET_X = 28,
    W_PRESET_W = 29, W_VIEW = 30, W_THEME = 34, W_MOTION = 35, W_HOME = 40, W_BACK, W_PLAY,
    W_FORWARD, W_END, W_SCRUB, W_SPEED = 46, W_GRAN = 48, W_HELP = 49,
};
/* clang-format on */

/* ---- widgets ------------------------------------------------------------------------ */

static void stepper(Scene *s, UiContext *ui, unsigned id, Rect r, const char *label,
                    const char *value, UiAction up, UiAction down)
{
    int v = 0;
    if (ui_stepper(ui, id, r, label, value, &v, -1, 1) & UI_CHANGED)
        scene_do(s, v > 0 ? up : down);
}

/* A size per axis as text_pair spells it; a 1-D layer shows W alone. */
static void pair_text(char *buf, size_t cap, int one_d, int a, int b)
{
    StrBuf o = strbuf_init(buf, cap);
    if (one_d)
        strbuf_printf(&o, "%d", b);
    else
        text_pair(&o, a, b);
}

/* "example" while x holds the layer's example values (generated, or given
 * as by lesson 1), else the preset's name ("custom": loaded or edited). */
static const char *x_preset_label(const Scene *s)
{
    if (s->preset_x == PRESET_CUSTOM && s->example_x_hash &&
        tensor_hash(&s->input) == s->example_x_hash)
        return "example";
    return preset_name(s->preset_x);
}

/* The kernel's preset, by its values: a given kernel that holds exactly
 * what a preset makes (the default example's [[1,2],[3,4]] is arange) is
 * named as that preset wherever it came from, so the window, a lesson and
 * an export say the same; any other given kernel is "custom". */
static const char *w_preset_label(const Scene *s)
{
    if (s->preset_w != PRESET_CUSTOM)
        return preset_name(s->preset_w);
    static const Preset generated[] = {PRESET_ARANGE, PRESET_ONES};
    Tensor t = {0};
    Err err = {0};
    const char *name = preset_name(PRESET_CUSTOM);
    if (tensor_copy(&s->filter, &t, &err) != 0)
        return name;
    size_t n = tensor_count(&t);
    for (size_t i = 0; i < sizeof generated / sizeof *generated; i++) {
        fill_preset(&t, generated[i]);
        if (memcmp(t.data, s->filter.data, n * sizeof *t.data) == 0) {
            name = preset_name(generated[i]);
            break;
        }
    }
    tensor_free(&t);
    return name;
}

/* "in channel (0-31)", or "in (0-31)" when that does not fit room px. */
static void channel_label(const Scene *s, char *buf, size_t cap, const char *side, int count,
                          int room, int px)
{
    snprintf(buf, cap, "%s channel (0-%d)", side, count - 1);
    if (scene_text_width(s, px, buf) > room)
        snprintf(buf, cap, "%s (0-%d)", side, count - 1);
}

static Rect next_row(Rect *area, int rh, int gap)
{
    Rect r = rect_cut_top(area, rh);
    rect_cut_top(area, gap);
    return r;
}

/* The legend's keys: every mark a view draws, filled or framed. */
typedef enum { KEY_FILL, KEY_FRAME, KEY_INNER, KEY_CHECK, KEY_CROSS } KeyStyle;

#define LEGEND_KEY_ROWS 6

static void legend_key(Scene *s, DrawList *dl, Rect sw, Color c, KeyStyle style, const char *name)
{
    const Theme *th = theme_get(s->theme);
    int b = s->layout.body_px;
    if (style == KEY_FILL) {
        draw_rect(dl, sw, c);
        draw_frame(dl, sw, th->border, 1);
    } else if (style == KEY_FRAME) {
        draw_frame(dl, sw, c, 3);
    } else if (style == KEY_CHECK || style == KEY_CROSS) { /* a cell's mark (paint_check) */
        Painter p;
        paint_init(&p, s, dl);
        draw_frame(dl, sw, th->grid_line, 1);
        if (style == KEY_CHECK)
            paint_check(&p, sw, c);
        else
            paint_cross(&p, sw, c);
    } else { /* the scatter canvas's overlap outline, inside a cell */
        draw_rect(dl, sw, th->cell_empty);
        draw_frame(dl, sw, th->grid_line, 1);
        draw_frame(dl, rect_inset(sw, 2), c, 2);
    }
    draw_text(dl, sw.x + b + b / 3, sw.y, b, th->text, ALIGN_LEFT, name);
}

/* The legend's two scale sentences: which grids share the bar's scale and
 * which have their own. */
static void legend_scales(const Scene *s, char *shared, char *own, size_t cap)
{
    const ViewOps *v = view_of(s);
    snprintf(shared, cap, "values, shared scale: %s", v->scale_shared ? v->scale_shared : "x, y");
    snprintf(own, cap, "own scale: %s", v->scale_own ? v->scale_own : "w");
}

/* Height of the legend at width w: the wrapped sentences, the bar, its
 * numbers and `rows` rows of keys. */
static int legend_height(const Scene *s, int w, int key_rows)
{
    int b = s->layout.body_px, lh = b * 5 / 4, rows = b * 3 / 2;
    char shared[160], own[160];
    legend_scales(s, shared, own, sizeof shared);
    Rect r = {0, 0, w, 1 << 20};
    int lines = scene_wrap_text(s, NULL, r, b, (Color){0, 0, 0, 0}, shared) +
                scene_wrap_text(s, NULL, r, b, (Color){0, 0, 0, 0}, own);
    return lines * lh + b + rows + key_rows * rows + b / 2;
}

static void draw_legend(Scene *s, UiContext *ui, Rect area, int key_rows)
{
    const Theme *th = ui->theme;
    DrawList *dl = ui->dl;
    const ViewOps *v = view_of(s);
    int b = s->layout.body_px, lh = b * 3 / 2, tl = b * 5 / 4;
    float vmax = v->scale_vmax ? v->scale_vmax(s) : s->m.vmax_y;
    char lo[32], hi[32], shared[160], own[160];
    format_cell_number(lo, sizeof lo, -vmax);
    format_cell_number(hi, sizeof hi, vmax);
    /* Which grids the bar's scale colours, and which have their own. */
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
    struct {
        Color c;
        const char *name;
        KeyStyle style;
    } keys[2 * LEGEND_KEY_ROWS] = {
        {th->inserted_zero, "inserted 0", KEY_FILL},
        {th->pad_ring, "padding", KEY_FILL},
        {th->cropped, "cropped", KEY_FILL},
        {th->extended, "appended 0", KEY_FILL},
        {th->highlight, "current", KEY_FRAME},
        {th->window, "window", KEY_FRAME},
        {th->lesson, "lesson", KEY_FRAME},
        {th->link, "hover link", KEY_FRAME},
        {th->crop_frame, "crop frame", KEY_FRAME},
        {color_alpha(th->overlap, 110), "2x overlap", KEY_INNER},
        {th->check, "agrees", KEY_CHECK},
        {th->error, "differs", KEY_CROSS},
    };
    for (int i = 0; i < 2 * key_rows; i += 2) {
        r = rect_cut_top(&area, lh);
        for (int k = 0; k < 2; k++)
            legend_key(s, dl, (Rect){r.x + k * r.w / 2, r.y + (lh - b) / 2, b, b}, keys[i + k].c,
                       keys[i + k].style, keys[i + k].name);
    }
}

static void build_panel(Scene *s, UiContext *ui)
{
    const ScreenLayout *l = &s->layout;
    const ConvGeom *g = &s->m.g;
    const Theme *th = ui->theme;
    int b = l->body_px, pad = l->pad, rh = b * 19 / 10, gap = pad / 2 > 2 ? pad / 2 : 2;
    int tf = s->spec.params.convention == CONV_TF, one_d = s->spec.dims == 1;
    Rect area = rect_inset(l->panel, pad);
    char v[48], label[48];
    /* Short windows: rows shrink to just above the text, then the rows that
     * only repeat a key (presets x/w, theme t / motion m) go, so no row is
     * ever cut off or drawn over the status line. */
    int channels = g->c_conv_out > 1 || g->c_conv_in > 1;
    int rows = 10 + (channels ? 2 : 0), min_rh = b + b / 3;
    if (rows * (rh + gap) > area.h)
        rh = area.h / rows - gap;
    int extras = 2; /* presets, theme/motion */
    while (rh < min_rh && extras > 0) {
        rows--, extras--;
        rh = area.h / rows - gap;
    }
    /* Still too many rows: they get shorter than the text's comfort (their
     * labels shrink to fit) rather than run past the panel. */
    rh = rh < 2 * b / 3 ? 2 * b / 3 : rh > b * 19 / 10 ? b * 19 / 10 : rh;
    /* ... and with large text, shorter still: every row inside the panel. */
    if (rows * (rh + gap) > area.h && area.h / rows - gap >= 12)
        rh = area.h / rows - gap;
    /* Rows shorter than the text's comfort (large text in a short window):
     * the rows' text shrinks with them, so a row never reaches the next. */
    if (rh < min_rh)
        ui->text_px = rh * 3 / 4 < 11 ? 11 : rh * 3 / 4;
    if (ui->dl) {
        draw_rect(ui->dl, l->panel, th->panel);
        draw_line(ui->dl, l->panel.x, l->panel.y, l->panel.x, l->panel.y + l->panel.h, th->border,
                  1);
        draw_clip(ui->dl, l->panel);
    }
    Rect r = next_row(&area, rh, gap), half = r;
    Rect left = rect_cut_left(&half, r.w / 2 - gap / 2);
    rect_cut_left(&half, gap);
    if ((ui_button(ui, W_TF, left, "TF", tf) & UI_CLICKED) && !tf)
        scene_do(s, ACT_CONVENTION);
    if ((ui_button(ui, W_TORCH, half, "PyTorch", !tf) & UI_CLICKED) && tf)
        scene_do(s, ACT_CONVENTION);

    /* The stack view of a stack lesson: k and s act on the selected stage. */
    int stage_k, stage_s, stage = scene_stack_selected(s, &stage_k, &stage_s);
    char sl[32], kl[32];
    snprintf(sl, sizeof sl, stage ? (stage_k ? "stage %d stride" : "stage %d scale") : "stride",
             s->stage_edits.selected + 1);
    snprintf(kl, sizeof kl, stage ? "stage %d kernel" : "kernel", s->stage_edits.selected + 1);
    if (stage)
        snprintf(v, sizeof v, "%d", stage_s);
    else
        pair_text(v, sizeof v, one_d, g->h.stride, g->w.stride);
    stepper(s, ui, W_STRIDE, next_row(&area, rh, gap), sl, v, ACT_STRIDE_UP, ACT_STRIDE_DOWN);
    if (stage && stage_k)
        snprintf(v, sizeof v, "%d", stage_k);
    else if (stage)
        snprintf(v, sizeof v, "-");
    else
        pair_text(v, sizeof v, one_d, g->h.k, g->w.k);
    stepper(s, ui, W_KERNEL, next_row(&area, rh, gap), kl, v, ACT_KERNEL_UP, ACT_KERNEL_DOWN);
    pair_text(v, sizeof v, one_d, g->h.conv_out, g->w.conv_out);
    stepper(s, ui, W_INPUT, next_row(&area, rh, gap), "input", v, ACT_INPUT_UP, ACT_INPUT_DOWN);
    if (tf) {
        r = next_row(&area, rh, gap);
        Rect valid = rect_cut_right(&r, rh * 2 + rh / 2), same;
        rect_cut_right(&r, gap);
        same = rect_cut_right(&r, rh * 2 + rh / 2);
        ui_label(ui, r, "padding", th->text, ALIGN_LEFT);
        if (s->spec.params.padding == PAD_EXPLICIT) {
            /* Explicit pads are neither mode: show them (t,b,l,r), lit as
             * the active choice; a click goes back to SAME. */
            const int *pd = s->spec.params.pad;
            if (one_d)
                snprintf(v, sizeof v, "%d,%d", pd[2], pd[3]);
            else
                snprintf(v, sizeof v, "%d,%d,%d,%d", pd[0], pd[1], pd[2], pd[3]);
            Rect both = {same.x, same.y, valid.x + valid.w - same.x, same.h};
            if (ui_button(ui, W_SAME, both, v, 1) & UI_CLICKED)
                scene_set_padding_mode(s, PAD_SAME);
        } else {
            if (ui_button(ui, W_SAME, same, "SAME", s->spec.params.padding == PAD_SAME) &
                UI_CLICKED)
                scene_set_padding_mode(s, PAD_SAME);
            if (ui_button(ui, W_VALID, valid, "VALID", s->spec.params.padding == PAD_VALID) &
                UI_CLICKED)
                scene_set_padding_mode(s, PAD_VALID);
        }
        int lo, hi;
        const AxisGeom *ax = one_d ? &g->w : &g->h; /* 2-D: the range of the height */
        if (geom_tf_legal_range(&s->spec.params, one_d, ax->conv_out, ax->k, &lo, &hi) == 0)
            snprintf(label, sizeof label, "output %d..%d", lo, hi);
        else
            snprintf(label, sizeof label, "output");
        pair_text(v, sizeof v, one_d, g->h.conv_in, g->w.conv_in);
        r = next_row(&area, rh, gap);
        if (scene_text_width(s, b, label) > r.w - 4 * rh - gap) /* the stepper's label room */
            snprintf(label, sizeof label, "output");
        stepper(s, ui, W_OUTPUT, r, label, v, ACT_OUTPUT_UP, ACT_OUTPUT_DOWN);
    } else {
        pair_text(v, sizeof v, one_d, g->h.pad_before, g->w.pad_before);
        stepper(s, ui, W_PADDING, next_row(&area, rh, gap), "padding", v, ACT_PADDING_UP,
                ACT_PADDING_DOWN);
        const int *op = s->spec.params.output_padding;
        pair_text(v, sizeof v, one_d, op[0], op[1]);
        r = next_row(&area, rh, gap);
        stepper(s, ui, W_OUTPUT, r,
                scene_text_width(s, b, "output_padding") > r.w - 4 * rh - gap ? "out_pad"
                                                                               : "output_padding",
                v, ACT_OUTPUT_UP, ACT_OUTPUT_DOWN);
    }
    pair_text(v, sizeof v, one_d, g->h.dil, g->w.dil);
    stepper(s, ui, W_DILATION, next_row(&area, rh, gap), "dilation", v, ACT_DILATION_UP,
            ACT_DILATION_DOWN);
    if (g->c_conv_out > 1 || g->c_conv_in > 1) {
        /* "in channel (0-31)  - 0 +": the shown channel and the range it is
         * in (not "0/32", which reads as "0 of 32") */
        snprintf(v, sizeof v, "%d", s->ci);
        r = next_row(&area, rh, gap);
        channel_label(s, label, sizeof label, "in", g->c_conv_out, r.w - 4 * rh - gap, b);
        stepper(s, ui, W_CIN, r, label, v, ACT_CHANNEL_IN_UP, ACT_CHANNEL_IN_DOWN);
        snprintf(v, sizeof v, "%d", s->co);
        r = next_row(&area, rh, gap);
        channel_label(s, label, sizeof label, "out", g->c_conv_in, r.w - 4 * rh - gap, b);
        stepper(s, ui, W_COUT, r, label, v, ACT_CHANNEL_OUT_UP,
                ACT_CHANNEL_OUT_DOWN);
    }
    if (extras >= 1) {
        r = next_row(&area, rh, gap);
        half = r;
        left = rect_cut_left(&half, r.w / 2 - gap / 2);
        rect_cut_left(&half, gap);
        snprintf(v, sizeof v, "x: %s", x_preset_label(s));
        if (ui_button(ui, W_PRESET_X, left, v, 0) & UI_CLICKED)
            scene_do(s, ACT_PRESET_INPUT);
        snprintf(v, sizeof v, "w: %s", w_preset_label(s));
        if (ui_button(ui, W_PRESET_W, half, v, 0) & UI_CLICKED)
            scene_do(s, ACT_PRESET_KERNEL);
    }

    /* Eight views: a compact selector, [<] name [>], the name cycling too. */
    r = next_row(&area, rh, gap);
    Rect next = rect_cut_right(&r, rh);
    rect_cut_right(&r, gap);
    Rect name = rect_cut_right(&r, scene_text_width(s, b, "gradient") + 2 * gap);
    rect_cut_right(&r, gap);
    Rect prev = rect_cut_right(&r, rh);
    ui_label(ui, r, "view", th->text, ALIGN_LEFT);
    if (ui_button(ui, W_VIEW, prev, "<", 0) & UI_CLICKED)
        scene_do(s, ACT_VIEW_BACK);
    if (ui_button(ui, W_VIEW + 2, name, view_of(s)->name, 1) & UI_CLICKED)
        scene_do(s, ACT_VIEW);
    if (ui_button(ui, W_VIEW + 1, next, ">", 0) & UI_CLICKED)
        scene_do(s, ACT_VIEW);
    /* Theme and motion share a row; the theme's name decides the split. */
    if (extras >= 2) {
        r = next_row(&area, rh, gap);
        snprintf(v, sizeof v, "theme: %s", theme_name(s->theme));
        int theme_w = scene_text_width(s, b, v) + 2 * pad;
        if (theme_w > r.w * 3 / 5) { /* narrow panel: the name alone */
            snprintf(v, sizeof v, "%s", theme_name(s->theme));
            theme_w = scene_text_width(s, b, "projector") + 2 * pad;
        }
        left = rect_cut_left(&r, theme_w < r.w * 3 / 5 ? theme_w : r.w * 3 / 5);
        rect_cut_left(&r, gap);
        if (ui_button(ui, W_THEME, left, v, 0) & UI_CLICKED)
            scene_do(s, ACT_THEME);
        int motion = s->reduced_motion;
        if (ui_toggle(ui, W_MOTION, r, "no motion", &motion) & UI_CHANGED)
            scene_do(s, ACT_MOTION);
    }

    /* The legend at the bottom when there is room, the message above it. */
    /* Every key when they fit beside the whole message; else the scales and
     * as many keys as fit (the message comes first). */
    int msg_h = s->msg[0] ? scene_wrap_text(s, NULL, area, b, th->text, s->msg) * (b * 5 / 4) : 0;
    int need = s->msg[0] ? (msg_h > 2 * b ? msg_h : 2 * b) + b / 2 : 0;
    int key_rows = LEGEND_KEY_ROWS, legend_h = legend_height(s, area.w, key_rows);
    while (key_rows > 0 && area.h < legend_h + need)
        legend_h = legend_height(s, area.w, --key_rows);
    int show_legend = area.h >= legend_h + need;
    Rect legend = show_legend ? rect_cut_bottom(&area, legend_h) : (Rect){0, 0, 0, 0};
    if (ui->dl) {
        if (s->msg[0])
            scene_wrap_text(s, ui->dl, rect_cut_top(&area, area.h), b,
                            s->msg_error ? th->error : th->text, s->msg);
        if (show_legend)
            draw_legend(s, ui, legend, key_rows);
        draw_clip(ui->dl, (Rect){0, 0, 0, 0});
    }
}

/* The timeline's labels, from the fullest to the most compact: the widest
 * that leaves the scrub bar room to aim at. Every widget stays at every
 * level; only its words get shorter. */
typedef struct {
    int short_gran;    /* "element" for "per element" */
    int short_counter; /* "12/44" for "step 12/44 · scatter 3/9" */
    int no_speed_word; /* the speed stepper without "speed" */
    int narrow_nav;    /* |< < play > >| as narrow as their labels */
} TimelineFit;

static const TimelineFit timeline_fits[] = {
    {0, 0, 0, 0}, {1, 0, 0, 0}, {1, 0, 1, 0}, {1, 1, 1, 0}, {1, 1, 1, 1},
};

static void build_timeline(Scene *s, UiContext *ui)
{
    const ScreenLayout *l = &s->layout;
    const Timeline *tl = &s->tl;
    const Theme *th = ui->theme;
    int b = l->body_px, pad = l->pad;
    Rect bar = rect_inset(l->timeline, pad / 2);
    bar.x += pad / 2;
    bar.w -= pad;
    if (ui->dl)
        draw_rect(ui->dl, l->timeline, th->panel);
    static const struct {
        unsigned id;
        const char *label;
        UiAction act;
    } left[] = {
        {W_HOME, "|<", ACT_HOME},           {W_BACK, "<", ACT_STEP_BACK}, {W_PLAY, NULL, ACT_PLAY},
        {W_FORWARD, ">", ACT_STEP_FORWARD}, {W_END, ">|", ACT_END},
    };
    static const char *const short_gran[GRAN_COUNT] = {"element", "product", "row"};
    static const char *const phase_names[] = {"scatter", "conv2d", "row", "d_x", "d_w"};
    Moment mo;
    scene_moment(s, &mo);
    int start = timeline_phase_start(tl, mo.phase), units = timeline_phase_units(tl, mo.phase);
    int last = timeline_units(tl) - 1;
    char v[48], cnt[64], tmpl[64];
    double sp = timeline_speed(tl);
    snprintf(v, sizeof v, sp < 1.0 ? "%.2gx" : "%.0fx", sp);

    /* Widths at each level; the first whose scrub bar is at least 6 body
     * sizes wide wins (the last level whatever is left). */
    const TimelineFit *fit = NULL;
    int nav_w = 0, play_w = 0, gran_w = 0, counter_w = 0, speed_w = 0;
    size_t n_fits = sizeof timeline_fits / sizeof *timeline_fits;
    for (size_t k = 0; k < n_fits; k++) {
        fit = &timeline_fits[k];
        nav_w = fit->narrow_nav ? scene_text_width(s, b, ">|") + pad : b * 2 + pad;
        play_w = fit->narrow_nav ? scene_text_width(s, b, "pause") + pad : 2 * (b * 2 + pad);
        gran_w = scene_text_width(s, b, fit->short_gran ? "element" : "per multiply-add") + 2 * pad;
        /* Sized for the phase's largest numbers, digits as '0': neither the
         * bar nor the speed stepper jumps while the timeline plays. */
        if (view_of(s)->still)
            snprintf(tmpl, sizeof tmpl, "%s", view_of(s)->still);
        else if (fit->short_counter)
            snprintf(tmpl, sizeof tmpl, "%d/%d", last, last);
        else
            snprintf(tmpl, sizeof tmpl, "step %d/%d \xc2\xb7 %s %d/%d", last, last,
                     phase_names[mo.kind], units, units);
        for (char *c = tmpl; *c; c++)
            *c = (*c >= '0' && *c <= '9') ? '0' : *c;
        counter_w = scene_text_width(s, b, tmpl);
        speed_w = (fit->no_speed_word ? 0 : scene_text_width(s, b, "speed") + pad) + 4 * bar.h;
        int used = 4 * (nav_w + pad / 2) + play_w + pad / 2 + nav_w + pad + gran_w + pad +
                   speed_w + 2 * pad + counter_w + pad;
        if (bar.w - used >= 6 * b)
            break;
    }
    Rect r = bar;
    for (size_t i = 0; i < sizeof left / sizeof *left; i++) {
        const char *label = left[i].label ? left[i].label : tl->playing ? "pause" : "play";
        Rect btn = rect_cut_left(&r, left[i].label ? nav_w : play_w);
        rect_cut_left(&r, pad / 2);
        if (ui_button(ui, left[i].id, btn, label, 0) & UI_CLICKED)
            scene_do(s, left[i].act);
    }
    Rect help = rect_cut_right(&r, nav_w);
    rect_cut_right(&r, pad);
    if (ui_button(ui, W_HELP, help, "?", s->help) & UI_CLICKED)
        scene_do(s, ACT_HELP);
    Rect gran = rect_cut_right(&r, gran_w);
    rect_cut_right(&r, pad);
    if (ui_button(ui, W_GRAN, gran,
                  fit->short_gran ? short_gran[tl->gran] : granularity_name(tl->gran), 0) &
        UI_CLICKED)
        scene_do(s, ACT_GRANULARITY);
    Rect speed = rect_cut_right(&r, speed_w);
    rect_cut_right(&r, 2 * pad); /* the counter must not read as part of "speed" */
    stepper(s, ui, W_SPEED, speed, fit->no_speed_word ? "" : "speed", v, ACT_FASTER, ACT_SLOWER);
    /* The global step is export's --step K (from 0); the phase's count is
     * what the status line talks about. */
    if (view_of(s)->still)
        snprintf(cnt, sizeof cnt, "%s", view_of(s)->still);
    else if (fit->short_counter)
        snprintf(cnt, sizeof cnt, "%d/%d", tl->unit, last);
    else
        snprintf(cnt, sizeof cnt, "step %d/%d \xc2\xb7 %s %d/%d", tl->unit, last,
                 phase_names[mo.kind], tl->unit - start + 1, units);
    Rect counter = rect_cut_right(&r, counter_w);
    rect_cut_right(&r, pad);
    ui_label(ui, counter, cnt, th->text, ALIGN_RIGHT);
    double frac = timeline_fraction(tl), marker = -1.0;
    if (tl->n_phases > 1 && timeline_units(tl) > 1)
        marker = (double)timeline_phase_start(tl, 1) / (timeline_units(tl) - 1);
    if (ui_scrub(ui, W_SCRUB, r, &frac, marker) & UI_CHANGED) {
        s->tl.playing = 0;
        timeline_seek_fraction(&s->tl, frac);
        scene_after_move(s);
    }
}

void scene_build_widgets(Scene *s, UiContext *ui)
{
    if (scene_present_hides_chrome(s))
        return;
    int px = ui->text_px;
    build_panel(s, ui);
    ui->text_px = px;
    build_timeline(s, ui);
}
