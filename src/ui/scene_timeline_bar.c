/* scene_timeline_bar.c - the timeline bar under the view: the step
 * buttons, the scrub bar, the step counter, the speed and the granularity.
 * Built with the panel (scene_build_widgets), so what is drawn is what is
 * clickable; every widget stays at every width, only its words shorten. */
#include "ui/scene_actions.h"
#include "ui/scene_layout.h"
#include "ui/scene_panel.h"
#include "ui/text.h"
#include "ui/view.h"

#include <stdio.h>

/* Widget ids 40-49 (the panel's are below 40). */
enum { W_HOME = 40, W_BACK, W_PLAY, W_FORWARD, W_END, W_SCRUB, W_SPEED = 46, W_GRAN = 48, W_HELP = 49 };

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

void scene_build_timeline(Scene *s, UiContext *ui)
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
    scene_stepper(s, ui, W_SPEED, speed, fit->no_speed_word ? "" : "speed", v, ACT_FASTER, ACT_SLOWER);
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

