/* test_timeline.c - playback as pure functions: units per granularity,
 * unit <-> core step mapping, tween and reduced motion, speed, play/pause,
 * scrubbing, and keeping the step when granularity or sizes change. The
 * phases are those of the default example: 9 scatter steps of 4 products
 * over rows of 3, then 36 gather steps over rows of 6. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "ui/timeline.h"

static const TimelinePhase example[2] = {{9, 4, 3}, {36, 4, 6}};

static void test_units_per_granularity(void **state)
{
    (void)state;
    Timeline t;
    timeline_init(&t, example, 2);
    assert_int_equal(timeline_units(&t), 45);
    timeline_set_granularity(&t, GRAN_MAC);
    assert_int_equal(timeline_units(&t), 36 + 144);
    timeline_set_granularity(&t, GRAN_ROW);
    assert_int_equal(timeline_units(&t), 3 + 6);
    assert_int_equal(timeline_phase_start(&t, 1), 3);
    assert_int_equal(timeline_phase_units(&t, 1), 6);
}

static void test_cursor_maps_units_to_core_steps(void **state)
{
    (void)state;
    Timeline t;
    TimelineCursor c;
    timeline_init(&t, example, 2);
    timeline_cursor_at(&t, 4, &c);
    assert_int_equal(c.phase, 0);
    assert_int_equal(c.step, 4);
    assert_int_equal(c.taps_done, 4);
    timeline_cursor_at(&t, 9 + 15, &c); /* the gather phase */
    assert_int_equal(c.phase, 1);
    assert_int_equal(c.step, 15);

    /* Per multiply-add: unit 5 is the 2nd product of step 1. */
    timeline_set_granularity(&t, GRAN_MAC);
    timeline_cursor_at(&t, 5, &c);
    assert_int_equal(c.phase, 0);
    assert_int_equal(c.step, 1);
    assert_int_equal(c.first, 1);
    assert_int_equal(c.taps_done, 2);

    /* Per row: unit 1 is input row 1 (steps 3..5), unit 3 the first output row. */
    timeline_set_granularity(&t, GRAN_ROW);
    timeline_cursor_at(&t, 1, &c);
    assert_int_equal(c.first, 3);
    assert_int_equal(c.step, 5);
    timeline_cursor_at(&t, 3, &c);
    assert_int_equal(c.phase, 1);
    assert_int_equal(c.first, 0);
    assert_int_equal(c.step, 5);
}

static void test_granularity_change_keeps_the_step(void **state)
{
    (void)state;
    Timeline t;
    TimelineCursor c;
    timeline_init(&t, example, 2);
    timeline_seek(&t, 4);
    timeline_set_granularity(&t, GRAN_MAC);
    assert_int_equal(t.unit, 4 * 4 + 3); /* step 4 complete */
    timeline_set_granularity(&t, GRAN_ELEMENT);
    assert_int_equal(t.unit, 4);
    timeline_set_granularity(&t, GRAN_ROW);
    assert_int_equal(t.unit, 1);
    timeline_set_granularity(&t, GRAN_ELEMENT); /* a row shows its last element */
    timeline_cursor(&t, &c);
    assert_int_equal(c.step, 5);
}

static void test_forward_tweens_backward_jumps(void **state)
{
    (void)state;
    Timeline t;
    timeline_init(&t, example, 2);
    timeline_step(&t, +1);
    assert_int_equal(t.unit, 1);
    assert_true(t.tween < 1.0);
    assert_true(timeline_position(&t) < 1.0);
    assert_int_equal(timeline_update(&t, 0.1), 1);
    assert_true(t.tween > 0.0 && t.tween < 1.0);
    assert_int_equal(timeline_update(&t, 1.0), 0); /* landed, nothing moves */
    assert_true(t.tween == 1.0);
    timeline_step(&t, -1);
    assert_int_equal(t.unit, 0);
    assert_true(t.tween == 1.0);
    timeline_step(&t, -1); /* clamps */
    assert_int_equal(t.unit, 0);
}

static void test_reduced_motion_never_tweens(void **state)
{
    (void)state;
    Timeline t;
    timeline_init(&t, example, 2);
    timeline_set_reduced_motion(&t, 1);
    timeline_step(&t, +1);
    assert_true(t.tween == 1.0);
    assert_int_equal(timeline_update(&t, 0.01), 0);
    timeline_toggle_play(&t);
    timeline_update(&t, 1.0);
    assert_int_equal(t.unit, 2);
    assert_true(t.tween == 1.0);
}

static void test_play_advances_at_speed_and_stops_at_end(void **state)
{
    (void)state;
    Timeline t;
    timeline_init(&t, example, 2);
    timeline_toggle_play(&t);
    assert_true(t.playing);
    for (int i = 0; i < 8; i++) /* one second at 1x: one element */
        timeline_update(&t, 0.125);
    assert_int_equal(t.unit, 1);
    timeline_faster(&t); /* 2x */
    assert_true(timeline_speed(&t) == 2.0);
    for (int i = 0; i < 8; i++)
        timeline_update(&t, 0.125);
    assert_int_equal(t.unit, 3);
    timeline_toggle_play(&t);
    assert_false(t.playing);
    timeline_update(&t, 5.0);
    assert_int_equal(t.unit, 3);

    /* To the end, then stop; play again starts over. */
    timeline_toggle_play(&t);
    for (int i = 0; i < 1000; i++)
        timeline_update(&t, 0.1);
    assert_int_equal(t.unit, 44);
    assert_false(t.playing);
    assert_int_equal(timeline_update(&t, 0.1), 0);
    timeline_toggle_play(&t);
    assert_int_equal(t.unit, 0);
    assert_true(t.playing);
}

static void test_a_long_frame_catches_up(void **state)
{
    (void)state;
    Timeline t;
    timeline_init(&t, example, 2);
    timeline_toggle_play(&t);
    timeline_update(&t, 3.5);
    assert_int_equal(t.unit, 3);
    assert_true(t.tween > 0.0); /* half a period into the next unit: mid-tween or landed */
}

static void test_speed_range(void **state)
{
    (void)state;
    Timeline t;
    timeline_init(&t, example, 2);
    assert_true(timeline_speed(&t) == 1.0);
    for (int i = 0; i < 10; i++)
        timeline_slower(&t);
    assert_true(timeline_speed(&t) == 0.25);
    for (int i = 0; i < 10; i++)
        timeline_faster(&t);
    assert_true(timeline_speed(&t) == 8.0);
    assert_true(timeline_period(&t) < 0.2);
}

static void test_scrub_and_seek(void **state)
{
    (void)state;
    Timeline t;
    timeline_init(&t, example, 2);
    timeline_seek_fraction(&t, 1.0);
    assert_int_equal(t.unit, 44);
    assert_true(timeline_fraction(&t) == 1.0);
    timeline_seek_fraction(&t, 0.5);
    assert_int_equal(t.unit, 22);
    timeline_seek_fraction(&t, -3.0);
    assert_int_equal(t.unit, 0);
    timeline_seek(&t, 1000);
    assert_int_equal(t.unit, 44);
    assert_int_equal(timeline_unit_of(&t, 1, 15), 24);
}

static void test_new_phases_keep_the_step_or_the_end(void **state)
{
    (void)state;
    Timeline t;
    timeline_init(&t, example, 2);
    timeline_seek(&t, 5);
    TimelinePhase bigger[2] = {{16, 4, 4}, {64, 4, 8}};
    timeline_set_phases(&t, bigger, 2);
    assert_int_equal(t.unit, 5);
    timeline_seek(&t, timeline_units(&t) - 1);
    timeline_set_phases(&t, example, 2);
    assert_int_equal(t.unit, 44);
    TimelinePhase one[1] = {{4, 1, 2}};
    timeline_seek(&t, 3);
    timeline_set_phases(&t, one, 1);
    assert_int_equal(t.unit, 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_units_per_granularity),
        cmocka_unit_test(test_cursor_maps_units_to_core_steps),
        cmocka_unit_test(test_granularity_change_keeps_the_step),
        cmocka_unit_test(test_forward_tweens_backward_jumps),
        cmocka_unit_test(test_reduced_motion_never_tweens),
        cmocka_unit_test(test_play_advances_at_speed_and_stops_at_end),
        cmocka_unit_test(test_a_long_frame_catches_up),
        cmocka_unit_test(test_speed_range),
        cmocka_unit_test(test_scrub_and_seek),
        cmocka_unit_test(test_new_phases_keep_the_step_or_the_end),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
