/* test_widgets.c - the immediate-mode widgets: the input pass returns result
 * flags and draws nothing, the draw pass draws and changes nothing; a press
 * belongs to one widget; the scrub bar keeps the mouse while dragging. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "ui/widgets.h"

static int measure(void *user, int px, const char *s)
{
    (void)user;
    return (int)strlen(s) * px * 6 / 10;
}

static UiContext make_ui(void)
{
    UiContext ui = {0};
    ui.theme = theme_get(THEME_LIGHT);
    ui.measure = measure;
    ui.text_px = 18;
    return ui;
}

static void test_button_clicks_on_press_in_input_pass_only(void **state)
{
    (void)state;
    UiContext ui = make_ui();
    UiInput in = {.width = 800,
                  .height = 600,
                  .mouse_x = 15,
                  .mouse_y = 15,
                  .mouse_down = 1,
                  .mouse_pressed = 1};
    Rect r = {10, 10, 50, 20};
    ui_begin(&ui, &in, NULL);
    assert_int_equal(ui_button(&ui, 1, r, "go", 0), UI_CLICKED);
    assert_true(ui.mouse_taken);
    assert_int_equal(ui_button(&ui, 2, r, "again", 0), 0); /* one press, one widget */
    ui_end(&ui);
    assert_true(ui_over_widget(&ui, 20, 20));
    assert_false(ui_over_widget(&ui, 200, 200));

    DrawList dl = {0};
    ui_begin(&ui, &in, &dl);
    assert_int_equal(ui_button(&ui, 1, r, "go", 0), 0);
    ui_end(&ui);
    assert_true(dl.count >= 3); /* fill, frame, label */
    int has_label = 0;
    for (int i = 0; i < dl.count; i++)
        has_label |=
            dl.cmds[i].kind == DRAW_TEXT && strcmp(draw_cmd_text(&dl, &dl.cmds[i]), "go") == 0;
    assert_true(has_label);
    draw_free(&dl);

    in.mouse_x = 100; /* a press elsewhere */
    ui.active = 0;
    ui_begin(&ui, &in, NULL);
    assert_int_equal(ui_button(&ui, 1, r, "go", 0), 0);
    ui_end(&ui);
}

static void test_toggle_flips_its_value(void **state)
{
    (void)state;
    UiContext ui = make_ui();
    UiInput in = {.mouse_x = 12, .mouse_y = 12, .mouse_down = 1, .mouse_pressed = 1};
    int v = 0;
    ui_begin(&ui, &in, NULL);
    assert_int_equal(ui_toggle(&ui, 3, (Rect){10, 10, 40, 20}, "t", &v), UI_CHANGED | UI_CLICKED);
    ui_end(&ui);
    assert_int_equal(v, 1);
}

static void test_stepper_moves_within_bounds(void **state)
{
    (void)state;
    UiContext ui = make_ui();
    Rect r = {0, 0, 300, 30}; /* "-" at 180..210, value 210..270, "+" at 270..300 */
    int v = 2;
    UiInput plus = {.mouse_x = 285, .mouse_y = 15, .mouse_down = 1, .mouse_pressed = 1};
    UiInput minus = plus;
    minus.mouse_x = 195;
    ui_begin(&ui, &plus, NULL);
    assert_int_equal(ui_stepper(&ui, 10, r, "stride", "2", &v, 1, 3), UI_CHANGED);
    ui_end(&ui);
    assert_int_equal(v, 3);
    ui.active = 0;
    ui_begin(&ui, &plus, NULL);
    assert_int_equal(ui_stepper(&ui, 10, r, "stride", "3", &v, 1, 3), 0); /* at the top */
    ui_end(&ui);
    assert_int_equal(v, 3);
    ui.active = 0;
    ui_begin(&ui, &minus, NULL);
    assert_int_equal(ui_stepper(&ui, 10, r, "stride", "3", &v, 1, 3), UI_CHANGED);
    ui_end(&ui);
    assert_int_equal(v, 2);
}

static void test_scrub_drags_and_keeps_the_mouse(void **state)
{
    (void)state;
    UiContext ui = make_ui();
    /* The track is inset by half the 10 px knob at each end (the knob stays
     * inside the bar): 105..305, so x 155 is a quarter of the way. */
    Rect bar = {100, 0, 210, 20};
    double f = 0.0;
    UiInput in = {.mouse_x = 155, .mouse_y = 10, .mouse_down = 1, .mouse_pressed = 1};
    ui_begin(&ui, &in, NULL);
    assert_int_equal(ui_scrub(&ui, 5, bar, &f, -1.0), UI_CHANGED);
    ui_end(&ui);
    assert_true(f == 0.25);
    /* Dragged past the end and off the bar: still scrubbing, clamped. */
    in = (UiInput){.mouse_x = 900, .mouse_y = 300, .mouse_down = 1};
    ui_begin(&ui, &in, NULL);
    assert_int_equal(ui_button(&ui, 9, (Rect){880, 290, 40, 20}, "x", 0), 0);
    assert_int_equal(ui_scrub(&ui, 5, bar, &f, -1.0), UI_CHANGED);
    ui_end(&ui);
    assert_true(f == 1.0);
    /* Released: the bar lets go. */
    in = (UiInput){.mouse_x = 120, .mouse_y = 10, .mouse_released = 1};
    ui_begin(&ui, &in, NULL);
    assert_int_equal(ui_scrub(&ui, 5, bar, &f, -1.0), 0);
    ui_end(&ui);
    assert_true(f == 1.0);
    assert_int_equal(ui.active, 0u);
}

static void test_draw_list_grows_once_and_is_reused(void **state)
{
    (void)state;
    DrawList dl = {0};
    for (int frame = 0; frame < 3; frame++) {
        draw_begin(&dl);
        for (int i = 0; i < 1000; i++) {
            draw_rect(&dl, (Rect){i, 0, 1, 1}, (Color){1, 2, 3, 255});
            draw_text(&dl, 0, i, 18, (Color){0, 0, 0, 255}, ALIGN_LEFT, "x[1,1] = 1");
        }
        assert_int_equal(dl.count, 2000);
        assert_false(dl.oom);
    }
    DrawCmd *cmds = dl.cmds;
    char *text = dl.text;
    int cap = dl.cap;
    draw_begin(&dl);
    for (int i = 0; i < 1000; i++)
        draw_text(&dl, 0, i, 18, (Color){0, 0, 0, 255}, ALIGN_LEFT, "x[1,1] = 1");
    assert_ptr_equal(dl.cmds, cmds); /* no reallocation in a steady frame */
    assert_ptr_equal(dl.text, text);
    assert_int_equal(dl.cap, cap);
    assert_string_equal(draw_cmd_text(&dl, &dl.cmds[999]), "x[1,1] = 1");
    /* Empty and invisible commands are dropped. */
    draw_begin(&dl);
    draw_rect(&dl, (Rect){0, 0, 0, 5}, (Color){1, 2, 3, 255});
    draw_rect(&dl, (Rect){0, 0, 5, 5}, (Color){1, 2, 3, 0});
    draw_text(&dl, 0, 0, 18, (Color){0, 0, 0, 255}, ALIGN_LEFT, "");
    assert_int_equal(dl.count, 0);
    draw_line(&dl, 1, 2, 11, 2, (Color){0, 0, 0, 255}, 2);
    assert_int_equal(dl.cmds[0].rect.w, 10);
    assert_int_equal(dl.cmds[0].rect.h, 0);
    draw_free(&dl);
    assert_null(dl.cmds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_button_clicks_on_press_in_input_pass_only),
        cmocka_unit_test(test_toggle_flips_its_value),
        cmocka_unit_test(test_stepper_moves_within_bounds),
        cmocka_unit_test(test_scrub_drags_and_keeps_the_mouse),
        cmocka_unit_test(test_draw_list_grows_once_and_is_reused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
