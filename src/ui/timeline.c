/* timeline.c - playback position, speed, granularity and tween.
 *
 * Everything is integer units plus one tween fraction, so seeking is exact
 * and stepping back lands on precisely the earlier state. Units are mapped
 * to core steps phase by phase: per element one unit is one step; per
 * multiply-add a step splits into `taps` units (the unit is complete after
 * its last product); per row one unit is `row_len` steps. */
#include "ui/timeline.h"

#include <limits.h>

#include "core/status.h"

static const double speeds[TIMELINE_SPEEDS] = {0.25, 0.5, 1.0, 2.0, 4.0, 8.0};

static int phase_units(const TimelinePhase *p, Granularity g)
{
    switch (g) {
    case GRAN_MAC: {
        long long u = (long long)p->steps * p->taps;
        return u > INT_MAX / 2 ? INT_MAX / 2 : (int)u;
    }
    case GRAN_ROW: return (p->steps + p->row_len - 1) / p->row_len;
    default: return p->steps;
    }
}

int timeline_units(const Timeline *t)
{
    int n = 0;
    for (int i = 0; i < t->n_phases; i++)
        n += phase_units(&t->phase[i], t->gran);
    return n;
}

int timeline_phase_start(const Timeline *t, int phase)
{
    int n = 0;
    for (int i = 0; i < phase && i < t->n_phases; i++)
        n += phase_units(&t->phase[i], t->gran);
    return n;
}

int timeline_phase_units(const Timeline *t, int phase)
{
    return phase >= 0 && phase < t->n_phases ? phase_units(&t->phase[phase], t->gran) : 0;
}

void timeline_cursor_at(const Timeline *t, int unit, TimelineCursor *c)
{
    int ph = 0;
    while (ph < t->n_phases - 1 && unit >= phase_units(&t->phase[ph], t->gran)) {
        unit -= phase_units(&t->phase[ph], t->gran);
        ph++;
    }
    const TimelinePhase *p = &t->phase[ph];
    c->phase = ph;
    switch (t->gran) {
    case GRAN_MAC:
        c->step = unit / p->taps;
        c->first = c->step;
        c->taps_done = unit % p->taps + 1;
        break;
    case GRAN_ROW:
        c->first = unit * p->row_len;
        c->step = c->first + p->row_len - 1;
        if (c->step >= p->steps)
            c->step = p->steps - 1;
        c->taps_done = p->taps;
        break;
    default:
        c->step = c->first = unit;
        c->taps_done = p->taps;
        break;
    }
}

void timeline_cursor(const Timeline *t, TimelineCursor *c)
{
    timeline_cursor_at(t, t->unit, c);
}

int timeline_unit_of(const Timeline *t, int phase, int step)
{
    int base = timeline_phase_start(t, phase);
    const TimelinePhase *p = &t->phase[phase];
    switch (t->gran) {
    case GRAN_MAC: return base + step * p->taps + p->taps - 1;
    case GRAN_ROW: return base + step / p->row_len;
    default: return base + step;
    }
}

static void store_phases(Timeline *t, const TimelinePhase *phases, int n)
{
    TC_ASSERT(n >= 1 && n <= TIMELINE_MAX_PHASES);
    t->n_phases = n;
    for (int i = 0; i < n; i++) {
        t->phase[i] = phases[i];
        TC_ASSERT(phases[i].steps >= 1 && phases[i].taps >= 1 && phases[i].row_len >= 1);
    }
}

void timeline_init(Timeline *t, const TimelinePhase *phases, int n)
{
    *t = (Timeline){0};
    store_phases(t, phases, n);
    t->speed = TIMELINE_SPEED_1X;
    t->tween = 1.0;
}

void timeline_set_phases(Timeline *t, const TimelinePhase *phases, int n)
{
    TimelineCursor c;
    int at_end = t->unit >= timeline_units(t) - 1;
    timeline_cursor(t, &c);
    store_phases(t, phases, n);
    if (at_end) {
        t->unit = timeline_units(t) - 1;
    } else {
        if (c.phase >= n)
            c.phase = n - 1;
        if (c.step >= t->phase[c.phase].steps)
            c.step = t->phase[c.phase].steps - 1;
        t->unit = timeline_unit_of(t, c.phase, c.step);
    }
    timeline_seek(t, t->unit);
}

void timeline_seek(Timeline *t, int unit)
{
    int n = timeline_units(t);
    t->unit = unit < 0 ? 0 : unit >= n ? n - 1 : unit;
    t->tween = 1.0;
    t->clock = 0.0;
}

void timeline_step(Timeline *t, int delta)
{
    int before = t->unit;
    timeline_seek(t, t->unit + delta);
    if (t->unit > before && !t->reduced_motion)
        t->tween = 0.0;
}

void timeline_seek_fraction(Timeline *t, double f)
{
    int n = timeline_units(t);
    if (!(f > 0.0))
        f = 0.0;
    if (f > 1.0)
        f = 1.0;
    timeline_seek(t, (int)(f * (n - 1) + 0.5));
}

double timeline_fraction(const Timeline *t)
{
    int n = timeline_units(t);
    return n > 1 ? (double)t->unit / (n - 1) : 1.0;
}

double timeline_position(const Timeline *t)
{
    return t->unit - 1.0 + t->tween;
}

void timeline_toggle_play(Timeline *t)
{
    if (t->playing) {
        t->playing = 0;
        return;
    }
    if (t->unit >= timeline_units(t) - 1)
        timeline_seek(t, 0);
    t->playing = 1;
    t->clock = 0.0;
}

void timeline_set_granularity(Timeline *t, Granularity g)
{
    TimelineCursor c;
    if ((int)g < 0 || g >= GRAN_COUNT)
        g = GRAN_ELEMENT;
    timeline_cursor(t, &c);
    t->gran = g;
    timeline_seek(t, timeline_unit_of(t, c.phase, c.step));
}

void timeline_set_reduced_motion(Timeline *t, int on)
{
    t->reduced_motion = on ? 1 : 0;
    if (on)
        t->tween = 1.0;
}

void timeline_faster(Timeline *t)
{
    if (t->speed < TIMELINE_SPEEDS - 1)
        t->speed++;
}

void timeline_slower(Timeline *t)
{
    if (t->speed > 0)
        t->speed--;
}

double timeline_speed(const Timeline *t)
{
    return speeds[t->speed];
}

double timeline_period(const Timeline *t)
{
    /* A product is a small event, a row a big one: pace them differently so
     * 1x is comfortable to narrate for each. */
    static const double base[GRAN_COUNT] = {
        [GRAN_ELEMENT] = 1.0, [GRAN_MAC] = 0.4, [GRAN_ROW] = 2.0};
    return base[t->gran] / speeds[t->speed];
}

double timeline_tween_seconds(const Timeline *t)
{
    double p = 0.6 * timeline_period(t);
    return p > 0.45 ? 0.45 : p;
}

int timeline_update(Timeline *t, double dt)
{
    if (!(dt > 0.0))
        dt = 0.0;
    if (t->tween < 1.0) {
        t->tween += dt / timeline_tween_seconds(t);
        if (t->tween > 1.0 || t->reduced_motion)
            t->tween = 1.0;
    }
    if (t->playing) {
        int last = timeline_units(t) - 1;
        t->clock += dt;
        double period = timeline_period(t);
        while (t->clock >= period && t->playing) {
            t->clock -= period;
            if (t->unit >= last) {
                t->playing = 0;
                break;
            }
            t->unit++;
            /* The tween starts when the unit was due, not at this frame;
             * frames slower than a period skip whole tweens. */
            t->tween = t->reduced_motion ? 1.0 : t->clock / timeline_tween_seconds(t);
            if (t->tween > 1.0)
                t->tween = 1.0;
        }
        if (t->unit >= last && t->tween >= 1.0)
            t->playing = 0;
    }
    return t->playing || t->tween < 1.0;
}

const char *granularity_name(Granularity g)
{
    switch (g) {
    case GRAN_MAC: return "per multiply-add";
    case GRAN_ROW: return "per row";
    default: return "per element";
    }
}
