/* scene_state.c - the bottom of the scene: the message line, the moment
 * on the timeline, the phases the current view plays, and every change of
 * position.
 *
 * Every change of position goes through after_move, which keeps the shown
 * channels on the current step and starts the kernel's rotation when the
 * conv2d phase is entered (no tween after a jump). A new view gets new
 * phases and keeps the step when its phases count the same things. */
#include "ui/view.h"

#include "core/ops.h"

#include <stdarg.h>
#include <stdio.h>

static const CellRef no_cell = {GRID_NONE, 0, 0};

void scene_set_message(Scene *s, int error, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->msg, sizeof s->msg, fmt, ap);
    va_end(ap);
    s->msg_error = error;
    s->msg_age = 0.0;
}

PhaseKind scene_phase_kind(const Scene *s, int phase)
{
    const ViewOps *v = view_of(s);
    return v->phase[phase < v->n_phases ? phase : v->n_phases - 1];
}

/* Phases whose steps count the same things, so a view change keeps the
 * step: input elements (0), output cells (1), kernel taps (2). */
static int phase_space(PhaseKind k)
{
    return k == PHASE_SCATTER ? 0 : k == PHASE_DW ? 2 : 1;
}

/* The timeline phases of the current view, from what each phase plays. */
static int build_phases(const Scene *s, TimelinePhase *ph)
{
    const ConvGeom *g = &s->m.g;
    const ViewOps *v = view_of(s);
    for (int i = 0; i < v->n_phases; i++)
        switch (v->phase[i]) {
        case PHASE_SCATTER:
            ph[i] = (TimelinePhase){s->m.st.steps, g->h.k * g->w.k, g->w.conv_out};
            break;
        case PHASE_GATHER:
            ph[i] = (TimelinePhase){s->m.gt.steps, g->h.k * g->w.k, g->w.conv_in};
            break;
        /* One row of C^T, one d_x cell or one d_w tap per step: no sub-steps. */
        case PHASE_MATRIX:
        case PHASE_DX: ph[i] = (TimelinePhase){s->m.gt.steps, 1, g->w.conv_in}; break;
        case PHASE_DW: ph[i] = (TimelinePhase){(int)geom_weight_count(g), 1, g->w.k}; break;
        }
    return v->n_phases;
}

void scene_moment(const Scene *s, Moment *mo)
{
    const Timeline *tl = &s->tl;
    timeline_cursor(tl, &mo->c);
    mo->phase = mo->c.phase;
    mo->kind = scene_phase_kind(s, mo->phase);
    mo->landed = tl->tween >= 1.0;
    int taps = tl->phase[mo->phase].taps;
    if (tl->gran == GRAN_MAC) {
        mo->taps_landed = mo->landed ? mo->c.taps_done : mo->c.taps_done - 1;
        mo->done = mo->c.step + (mo->taps_landed == taps);
    } else {
        mo->taps_landed = mo->landed ? taps : 0;
        mo->done = mo->landed ? mo->c.step + 1 : mo->c.first;
    }
    mo->scatter_done = mo->kind == PHASE_SCATTER ? mo->done : s->m.st.steps;
    mo->gather_done = mo->kind == PHASE_GATHER ? mo->done : 0;
}

static void start_rotation(Scene *s, int animate)
{
    s->rot = animate && !s->reduced_motion ? 0.0 : 1.0;
    s->rot_running = s->rot < 1.0;
}

/* Keep channels on the current step; notice a phase change. */
static void after_move(Scene *s, int animate)
{
    Moment mo;
    scene_moment(s, &mo);
    const ConvGeom *g = &s->m.g;
    if (mo.kind == PHASE_SCATTER) {
        ScatterStep st;
        trace_scatter_step(&s->m.st, mo.c.step, &st);
        s->ci = st.c;
        s->n = st.n;
        /* With groups the stamped channel only reaches its own group's
         * outputs: show one of those, not an output it never touches. */
        int groups = g->groups > 0 ? g->groups : 1;
        int cs_g = g->c_conv_out / groups, cb_g = g->c_conv_in / groups;
        int first = (s->ci / cs_g) * cb_g;
        if (s->co < first || s->co >= first + cb_g)
            s->co = first;
    } else if (mo.kind == PHASE_DW) {
        /* tap of w[cs, cl, a, b] (OIHW of the forward conv) */
        int cb_g = g->c_conv_in / g->groups, cs_g = g->c_conv_out / g->groups;
        int slice = mo.c.step / (g->h.k * g->w.k);
        s->ci = slice / cb_g;
        s->co = (s->ci / cs_g) * cb_g + slice % cb_g;
    } else {
        /* an output cell, [N, Cb, H, W] in every other phase */
        int hw = g->h.conv_in * g->w.conv_in;
        s->co = (mo.c.step / hw) % g->c_conv_in;
        s->n = mo.c.step / (hw * g->c_conv_in);
    }
    if (s->build && s->tl.unit != s->build_unit)
        s->build = BUILD_NONE; /* the window moves on: the grid is whole */
    if (mo.phase != s->last_phase) {
        if (mo.kind == PHASE_GATHER)
            start_rotation(s, animate);
        else
            s->rot = 0.0, s->rot_running = 0;
        s->last_phase = mo.phase;
    }
}

void scene_after_move(Scene *s)
{
    after_move(s, 1);
}

void scene_after_jump(Scene *s)
{
    after_move(s, 0);
}

/* New phases for a new view, keeping the step when its phase kind stays. */
static void retime(Scene *s)
{
    Moment mo;
    scene_moment(s, &mo);
    int step = mo.c.step;
    PhaseKind kind = mo.kind;
    TimelinePhase ph[TIMELINE_MAX_PHASES];
    int n = build_phases(s, ph);
    Timeline keep = s->tl;
    s->build = BUILD_NONE; /* another view: no build-up */
    timeline_init(&s->tl, ph, n);
    s->tl.gran = keep.gran;
    s->tl.speed = keep.speed;
    s->tl.playing = keep.playing;
    s->tl.reduced_motion = keep.reduced_motion;
    int phase = -1;
    for (int i = 0; i < n; i++)
        if (phase_space(scene_phase_kind(s, i)) == phase_space(kind))
            phase = i;
    if (phase >= 0 && step < s->tl.phase[phase].steps)
        timeline_seek(&s->tl, timeline_unit_of(&s->tl, phase, step));
    else /* the scatter is over when output cells are being filled */
        timeline_seek(&s->tl, phase_space(kind) == 1 ? timeline_units(&s->tl) - 1 : 0);
    timeline_cursor(&s->tl, &mo.c);
    s->last_phase = mo.c.phase;
    if (scene_phase_kind(s, mo.c.phase) == PHASE_GATHER)
        start_rotation(s, 1);
    else
        s->rot = 0.0, s->rot_running = 0;
    after_move(s, 1);
}

/* A new scene's timeline: the view's phases, at the start. */
void scene_timeline_start(Scene *s)
{
    TimelinePhase ph[TIMELINE_MAX_PHASES];
    timeline_init(&s->tl, ph, build_phases(s, ph));
    timeline_set_reduced_motion(&s->tl, s->reduced_motion);
    s->last_phase = 0;
    if (scene_phase_kind(s, 0) == PHASE_GATHER)
        start_rotation(s, 1);
    after_move(s, 1);
}

void scene_set_view(Scene *s, ViewKind v)
{
    if ((int)v < 0 || v >= VIEW_COUNT)
        v = VIEW_BOTH;
    s->view = v;
    s->mat_follow = -1;
    retime(s);
}

void scene_timeline_rebuild(Scene *s)
{
    TimelinePhase ph[TIMELINE_MAX_PHASES];
    int n = build_phases(s, ph);
    timeline_set_phases(&s->tl, ph, n);
    s->build = BUILD_NONE; /* another layer: no build-up */
    s->last_phase = -1; /* the phase is re-entered: no rotation tween */
    after_move(s, 0);
    s->ci = s->ci < s->m.g.c_conv_out ? s->ci : 0;
    s->co = s->co < s->m.g.c_conv_in ? s->co : 0;
    s->pin = s->sel = s->hover = no_cell;
    s->editing = 0;
    s->mat_follow = -1;
    s->model_gen++; /* the layout's captions and header may say something else */
}

int scene_step_count(const Scene *s)
{
    return timeline_units(&s->tl);
}

void scene_seek(Scene *s, int step)
{
    timeline_seek(&s->tl, step);
    after_move(s, 0);
    Moment mo;
    scene_moment(s, &mo);
    if (mo.kind == PHASE_GATHER) /* a jump shows the rotation done */
        start_rotation(s, 0);
    if (s->build) { /* ... and a build-up complete, the kernel turned only by its stage */
        s->build_t = 1.0;
        s->rot = s->build == BUILD_KERNEL ? 1.0 : 0.0;
        s->rot_running = 0;
    }
}

/* Seconds a build-up stage takes at 1x: a third of a second per cell of the
 * zero-inserted grid, half a second per padding ring, within 1..5 s. */
static double build_seconds(const Scene *s)
{
    const EquivConv *e = &s->m.gt.eq;
    int rings = 0;
    for (int i = 0; i < 4; i++)
        rings = e->pad[i] > rings ? e->pad[i] : rings;
    double t = s->build == BUILD_ZEROS ? e->zh * e->zw / 3.0 : rings / 2.0;
    return t < 1.0 ? 1.0 : t > 5.0 ? 5.0 : t;
}

void scene_build_start(Scene *s, BuildStage b)
{
    s->build = b;
    if (b == BUILD_NONE)
        return;
    s->build_unit = s->tl.unit;
    s->build_t = s->reduced_motion ? 1.0 : 0.0;
    s->rot = b == BUILD_KERNEL ? s->build_t : 0.0; /* the kernel turns in its own stage */
    s->rot_running = b == BUILD_KERNEL && s->rot < 1.0;
}

int scene_build_update(Scene *s, double dt)
{
    if (!s->build || s->build_t >= 1.0)
        return 0;
    if (s->build == BUILD_KERNEL) /* the rotation's own tween is the animation */
        s->build_t = s->rot;
    else
        s->build_t += (dt > 0 ? dt : 0) / build_seconds(s);
    if (s->build_t > 1.0 || s->reduced_motion)
        s->build_t = 1.0;
    return s->build_t < 1.0;
}

void scene_set_playing(Scene *s, int playing)
{
    if ((s->tl.playing != 0) != (playing != 0))
        timeline_toggle_play(&s->tl);
}

/* The cell the pointer is on, or the pinned one when it is on none. */
CellRef scene_focus(const Scene *s)
{
    return s->hover.grid != GRID_NONE ? s->hover : s->pin;
}

