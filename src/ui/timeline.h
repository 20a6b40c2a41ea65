/* timeline.h - where playback is, as pure functions of a small struct.
 *
 * A timeline is one or two phases of core steps (the scatter's input
 * elements, then the conv2d-equivalent's output cells). The granularity
 * decides what one press of -> moves: one core step, one multiply-add inside
 * a step (a sub-step: the k-th product of the kernel copy or window), or a
 * whole row of steps. `unit` counts in the current granularity; a cursor
 * translates it back into (phase, core step, products done).
 *
 *     Timeline tl;
 *     timeline_init(&tl, (TimelinePhase[]){{9, 4, 3}, {36, 4, 6}}, 2);
 *     timeline_step(&tl, +1);          // unit 1, tweening in
 *     while (timeline_update(&tl, 1.0 / 60)) ...
 *     TimelineCursor c;
 *     timeline_cursor(&tl, &c);        // phase 0, step 1, taps_done 4
 */
#ifndef TCVIZ_TIMELINE_H
#define TCVIZ_TIMELINE_H

typedef enum { GRAN_ELEMENT = 0, GRAN_MAC, GRAN_ROW, GRAN_COUNT } Granularity;

#define TIMELINE_MAX_PHASES 2
#define TIMELINE_SPEEDS 6 /* 0.25x 0.5x 1x 2x 4x 8x */
#define TIMELINE_SPEED_1X 2

typedef struct {
    int steps;   /* core steps in the phase, >= 1 */
    int taps;    /* multiply-adds shown per step, >= 1 */
    int row_len; /* steps per row, >= 1 */
} TimelinePhase;

typedef struct {
    TimelinePhase phase[TIMELINE_MAX_PHASES];
    int n_phases;
    Granularity gran;
    int unit;     /* position, in units of `gran`, 0 .. units-1 */
    double tween; /* progress of the move into `unit`: 0 just moved, 1 at rest */
    int playing;
    int speed;          /* index into the speed table */
    double clock;       /* seconds played since the last advance */
    int reduced_motion; /* moves jump: tween is always 1 */
} Timeline;

typedef struct {
    int phase;     /* index into Timeline.phase */
    int step;      /* core step shown: the last of the unit */
    int first;     /* first core step of the unit (== step except per row) */
    int taps_done; /* products of `step` already added (taps when complete) */
} TimelineCursor;

/* Zeroed playback state over the given phases (n in 1..TIMELINE_MAX_PHASES). */
void timeline_init(Timeline *t, const TimelinePhase *phases, int n);
/* New phases (the configuration changed): keep granularity, speed and play
 * state, keep the position on the same core step when it still exists. */
void timeline_set_phases(Timeline *t, const TimelinePhase *phases, int n);

int timeline_units(const Timeline *t);
/* First unit of a phase, and its number of units. */
int timeline_phase_start(const Timeline *t, int phase);
int timeline_phase_units(const Timeline *t, int phase);
void timeline_cursor(const Timeline *t, TimelineCursor *c);
void timeline_cursor_at(const Timeline *t, int unit, TimelineCursor *c);
/* The unit that completes core `step` of `phase` in the current granularity. */
int timeline_unit_of(const Timeline *t, int phase, int step);

/* Move by delta units: forward moves tween in (unless reduced motion),
 * backward moves jump, so stepping back shows the earlier state at once. */
void timeline_step(Timeline *t, int delta);
/* Jump without tween; clamps to the range. */
void timeline_seek(Timeline *t, int unit);
void timeline_seek_fraction(Timeline *t, double f);
double timeline_fraction(const Timeline *t);
/* unit - 1 + tween: the fractional position a tween is drawn at. */
double timeline_position(const Timeline *t);

/* Space: pause, or play (from the start when at the end). */
void timeline_toggle_play(Timeline *t);
void timeline_set_granularity(Timeline *t, Granularity g);
void timeline_set_reduced_motion(Timeline *t, int on);
void timeline_faster(Timeline *t);
void timeline_slower(Timeline *t);
double timeline_speed(const Timeline *t); /* the multiplier, 0.25 .. 8 */

/* Advance playback and the tween by dt seconds; returns 1 while moving. */
int timeline_update(Timeline *t, double dt);

/* Seconds per unit at 1x for a granularity, and the tween's length. */
double timeline_period(const Timeline *t);
double timeline_tween_seconds(const Timeline *t);

const char *granularity_name(Granularity g); /* "per element", ... */

#endif
