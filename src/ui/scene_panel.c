/* scene_panel.c - the parameter panel (its legend: scene_legend.c; the
 * timeline bar: scene_timeline_bar.c).
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
    W_PRESET_W = 29, W_VIEW = 30, W_THEME = 34, W_MOTION = 35, /* 40-49: the timeline bar */
};
/* clang-format on */

/* ---- widgets ------------------------------------------------------------------------ */

void scene_stepper(Scene *s, UiContext *ui, unsigned id, Rect r, const char *label,
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

/* ---- fitting the rows, the message and the legend ------------------------------------ */

/* The panel's least text size: below it, rows get shorter than their text
 * instead. */
#define PANEL_MIN_PX 12

/* How the panel is laid out: its text size, the rows' height and the gap
 * below each, the optional rows kept (2: presets and theme/motion; 1: the
 * presets; 0: neither, their keys do the same) and the legend's form. */
typedef struct {
    int px, rh, gap, extras;
    LegendForm legend;
} PanelFit;

static int panel_rows(int channels, int extras)
{
    return 8 + (channels ? 2 : 0) + extras;
}

static int row_gap(int px)
{
    return px / 4 > 2 ? px / 4 : 2;
}

/* The message's room at px: its first three lines at most, and never less
 * than two, with a little space below. */
static int message_h(const Scene *s, int w, int px)
{
    if (!s->msg[0])
        return 0;
    int lines = scene_wrap_text(s, NULL, (Rect){0, 0, w, 3 * (px * 5 / 4)}, px,
                                (Color){0, 0, 0, 0}, s->msg);
    int h = lines * (px * 5 / 4);
    return (h > 2 * px ? h : 2 * px) + px / 2;
}

/* Whether rows of text px of at least the text's comfort (a third above
 * it), the message and the legend at legend_px, as compact as asked, fit
 * area; the rows then take what is left, up to 19/10 of their text. */
static int fits(Scene *s, Rect area, int channels, int px, int legend_px, int extras, int compact,
                PanelFit *f)
{
    int min_rh = px + px / 3, gap = row_gap(px), rows = panel_rows(channels, extras);
    if (!scene_legend_form(s, area.w, legend_px, compact, &f->legend))
        return 0;
    int room = area.h - f->legend.h - message_h(s, area.w, px);
    if (rows * (min_rh + gap) > room)
        return 0;
    int rh = room / rows - gap;
    *f = (PanelFit){px, rh < px * 19 / 10 ? rh : px * 19 / 10, gap, extras, f->legend};
    return 1;
}

/* A step down from px towards the least size: a sixth of the way, at
 * least 1 px, never below least. */
static int step_down(int px, int least)
{
    int d = (px - least) / 6;
    px -= d > 1 ? d : 1;
    return px > least ? px : least;
}

/* Every key of the legend, always: at the body size the optional rows go
 * first and the legend gets compact; then the legend's text steps down to
 * two thirds of the body's, then the rows' text with it, towards
 * PANEL_MIN_PX. Where even that does not fit (a short, narrow panel beside
 * a lesson's column), the rows get shorter than their text. */
static void panel_fit(Scene *s, Rect area, int channels, PanelFit *f)
{
    int b = s->layout.body_px, least = b < PANEL_MIN_PX ? b : PANEL_MIN_PX;
    int legend_least = b * 2 / 3 > least ? b * 2 / 3 : least;
    for (int extras = 2; extras >= 0; extras--)
        for (int compact = 0; compact <= 1; compact++)
            if (fits(s, area, channels, b, b, extras, compact, f))
                return;
    for (int lp = step_down(b, legend_least); lp >= legend_least; lp = step_down(lp, legend_least)) {
        if (fits(s, area, channels, b, lp, 0, 1, f))
            return;
        if (lp == legend_least)
            break;
    }
    for (int px = step_down(b, least);; px = step_down(px, least)) {
        int lp = px < legend_least ? px : legend_least;
        for (int compact = 1; compact <= LEGEND_BARE; compact++)
            if (fits(s, area, channels, px, lp, 0, compact, f))
                return;
        if (px <= least)
            break;
    }
    int rows = panel_rows(channels, 0);
    scene_legend_form(s, area.w, least, LEGEND_BARE, &f->legend);
    f->px = least;
    f->gap = 2;
    f->extras = 0;
    f->rh = (area.h - f->legend.h - message_h(s, area.w, least)) / rows - f->gap;
    /* Below that (windows under 800x540), rows of at least 12 px come
     * first and the legend goes rather than overlap them. */
    if (f->rh < 12) {
        f->rh = (area.h - message_h(s, area.w, least)) / rows - f->gap;
        f->rh = f->rh < least * 19 / 10 ? f->rh : least * 19 / 10;
        f->legend.h = 0;
    }
}

static void build_panel(Scene *s, UiContext *ui)
{
    const ScreenLayout *l = &s->layout;
    const ConvGeom *g = &s->m.g;
    const Theme *th = ui->theme;
    int pad = l->pad;
    int tf = s->spec.params.convention == CONV_TF, one_d = s->spec.dims == 1;
    Rect area = rect_inset(l->panel, pad);
    char v[48], label[48];
    int channels = g->c_conv_out > 1 || g->c_conv_in > 1;
    scene_legend_see(s, ui->dl);
    PanelFit fit;
    panel_fit(s, area, channels, &fit);
    int b = fit.px, rh = fit.rh, gap = fit.gap, extras = fit.extras;
    ui->text_px = b;
    /* Rows shorter than the text's comfort (large text in a short window):
     * the rows' text shrinks with them, so a row never reaches the next. */
    if (rh < b + b / 3)
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
    scene_stepper(s, ui, W_STRIDE, next_row(&area, rh, gap), sl, v, ACT_STRIDE_UP, ACT_STRIDE_DOWN);
    if (stage && stage_k)
        snprintf(v, sizeof v, "%d", stage_k);
    else if (stage)
        snprintf(v, sizeof v, "-");
    else
        pair_text(v, sizeof v, one_d, g->h.k, g->w.k);
    scene_stepper(s, ui, W_KERNEL, next_row(&area, rh, gap), kl, v, ACT_KERNEL_UP, ACT_KERNEL_DOWN);
    pair_text(v, sizeof v, one_d, g->h.conv_out, g->w.conv_out);
    scene_stepper(s, ui, W_INPUT, next_row(&area, rh, gap), "input", v, ACT_INPUT_UP, ACT_INPUT_DOWN);
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
        scene_stepper(s, ui, W_OUTPUT, r, label, v, ACT_OUTPUT_UP, ACT_OUTPUT_DOWN);
    } else {
        pair_text(v, sizeof v, one_d, g->h.pad_before, g->w.pad_before);
        scene_stepper(s, ui, W_PADDING, next_row(&area, rh, gap), "padding", v, ACT_PADDING_UP,
                ACT_PADDING_DOWN);
        const int *op = s->spec.params.output_padding;
        pair_text(v, sizeof v, one_d, op[0], op[1]);
        r = next_row(&area, rh, gap);
        scene_stepper(s, ui, W_OUTPUT, r,
                scene_text_width(s, b, "output_padding") > r.w - 4 * rh - gap ? "out_pad"
                                                                               : "output_padding",
                v, ACT_OUTPUT_UP, ACT_OUTPUT_DOWN);
    }
    pair_text(v, sizeof v, one_d, g->h.dil, g->w.dil);
    scene_stepper(s, ui, W_DILATION, next_row(&area, rh, gap), "dilation", v, ACT_DILATION_UP,
            ACT_DILATION_DOWN);
    if (g->c_conv_out > 1 || g->c_conv_in > 1) {
        /* "in channel (0-31)  - 0 +": the shown channel and the range it is
         * in (not "0/32", which reads as "0 of 32") */
        snprintf(v, sizeof v, "%d", s->ci);
        r = next_row(&area, rh, gap);
        channel_label(s, label, sizeof label, "in", g->c_conv_out, r.w - 4 * rh - gap, b);
        scene_stepper(s, ui, W_CIN, r, label, v, ACT_CHANNEL_IN_UP, ACT_CHANNEL_IN_DOWN);
        snprintf(v, sizeof v, "%d", s->co);
        r = next_row(&area, rh, gap);
        channel_label(s, label, sizeof label, "out", g->c_conv_in, r.w - 4 * rh - gap, b);
        scene_stepper(s, ui, W_COUT, r, label, v, ACT_CHANNEL_OUT_UP,
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

    /* The legend at the bottom, the message in the room between. */
    Rect legend = rect_cut_bottom(&area, fit.legend.h);
    if (ui->dl) {
        if (s->msg[0])
            scene_wrap_text(s, ui->dl, area, b, s->msg_error ? th->error : th->text, s->msg);
        if (fit.legend.h > 0)
            scene_legend_draw(s, ui, legend, &fit.legend);
        draw_clip(ui->dl, (Rect){0, 0, 0, 0});
    }
}

void scene_build_widgets(Scene *s, UiContext *ui)
{
    if (scene_present_hides_chrome(s))
        return;
    int px = ui->text_px;
    build_panel(s, ui);
    ui->text_px = px;
    scene_build_timeline(s, ui);
}
