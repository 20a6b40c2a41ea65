/* test_present.c - presenter mode (F5, SceneSetup.present): the view and
 * the narrative with text 1.25x; no panel and no timeline bar until the
 * mouse comes to the layout's right edge or the window's bottom edge (they
 * stay while it is over them) or h pins them; the grids take the room. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "scene_fixture.h"
#include "ui/view.h" /* the scene's layout */

#define COURSE TCVIZ_TEST_DATA "/../../lessons"

static int shows_panel(Fx *f)
{
    return find_text(&f->dl, "stride") != NULL;
}

static int shows_timeline(Fx *f)
{
    return find_text(&f->dl, "play") != NULL || find_text(&f->dl, "pause") != NULL;
}

static void move(Fx *f, int x, int y)
{
    f->in.mouse_x = x;
    f->in.mouse_y = y;
    frame(f);
}

static void test_f5_hides_the_panel_and_timeline_and_enlarges(void **state)
{
    (void)state;
    Fx f;
    fx_start(&f, NULL);
    assert_true(shows_panel(&f) && shows_timeline(&f));
    Rect small;
    assert_true(scene_cell_rect(f.s, GRID_OUTPUT, 0, 0, &small));
    const DrawCmd *shapes = find_text(&f.dl, "stride");
    int body = shapes->size_px;
    key(&f, KEY_F5, 0, 0);
    assert_true(scene_present(f.s));
    frame(&f);
    assert_false(shows_panel(&f));
    assert_false(shows_timeline(&f));
    Rect big;
    assert_true(scene_cell_rect(f.s, GRID_OUTPUT, 0, 0, &big));
    assert_true(big.w > small.w); /* the grids took the room */
    /* the status sentence, 1.25x */
    int found = 0;
    for (int i = 0; i < f.dl.count; i++)
        if (f.dl.cmds[i].kind == DRAW_TEXT &&
            strcmp(draw_cmd_text(&f.dl, &f.dl.cmds[i]), scene_status(f.s)) == 0) {
            int px = f.dl.cmds[i].size_px; /* 1.25x, rounded */
            assert_true(4 * px >= 5 * body - 4 && 4 * px <= 5 * body + 4);
            found = 1;
        }
    assert_true(found);
    key(&f, KEY_F5, 0, 0);
    frame(&f);
    assert_false(scene_present(f.s));
    assert_true(shows_panel(&f) && shows_timeline(&f));
    fx_close(&f);
}

static void test_edges_bring_them_back(void **state)
{
    (void)state;
    SceneSetup setup = {0};
    setup.present = 1;
    Fx f;
    fx_start(&f, &setup);
    assert_false(shows_panel(&f));
    move(&f, W / 2, H / 2);
    assert_false(shows_panel(&f));
    move(&f, W - 3, H / 2); /* the right edge */
    assert_true(shows_panel(&f) && shows_timeline(&f));
    const DrawCmd *stride = find_text(&f.dl, "stride");
    move(&f, stride->rect.x + 2, stride->rect.y + 2); /* over the panel: stays */
    assert_true(shows_panel(&f));
    move(&f, W / 3, H / 2); /* away */
    assert_false(shows_panel(&f) || shows_timeline(&f));
    move(&f, W / 2, H - 2); /* the bottom edge */
    assert_true(shows_timeline(&f));
    const DrawCmd *play = find_text(&f.dl, "play");
    move(&f, play->rect.x + 2, play->rect.y + 2);
    assert_true(shows_timeline(&f));
    f.in.mouse_pressed = f.in.mouse_down = 1; /* the button works */
    frame(&f);
    f.in.mouse_down = 0;
    f.in.mouse_released = 1;
    frame(&f);
    assert_non_null(find_text(&f.dl, "pause"));
    move(&f, -100, -100); /* the pointer left the window */
    assert_false(shows_timeline(&f));
    fx_close(&f);
}

static void test_h_pins_them(void **state)
{
    (void)state;
    SceneSetup setup = {0};
    setup.present = 1;
    Fx f;
    fx_start(&f, &setup);
    move(&f, W / 2, H / 2);
    key(&f, KEY_CHAR, 'h', 0);
    frame(&f);
    assert_true(shows_panel(&f) && shows_timeline(&f));
    key(&f, KEY_CHAR, 'h', 0);
    frame(&f);
    assert_false(shows_panel(&f) || shows_timeline(&f));
    /* outside presenter mode h does nothing */
    key(&f, KEY_F5, 0, 0);
    key(&f, KEY_CHAR, 'h', 0);
    frame(&f);
    assert_true(shows_panel(&f));
    fx_close(&f);
}

static void test_lesson_narrative_stays(void **state)
{
    (void)state;
    SceneSetup setup = {0};
    setup.present = 1;
    Fx f;
    fx_start(&f, &setup);
    Err err = {0};
    if (scene_open_lesson(f.s, COURSE "/01-upsample-3x3-to-6x6.yaml", &err) != 0)
        fail_msg("%s", err.msg);
    move(&f, W / 3, H / 2);
    assert_non_null(text_starting(&f.dl, "Step 1"));
    assert_false(shows_panel(&f));
    /* the panel's edge is the narrative column's left side */
    const DrawCmd *step = NULL;
    for (int i = 0; i < f.dl.count; i++)
        if (f.dl.cmds[i].kind == DRAW_TEXT &&
            strncmp(draw_cmd_text(&f.dl, &f.dl.cmds[i]), "Step 1", 6) == 0)
            step = &f.dl.cmds[i];
    assert_non_null(step);
    int x0 = step->rect.x;
    move(&f, W - 3, H / 2); /* over the narrative: not the panel's edge */
    assert_false(shows_panel(&f));
    int shown = 0;
    for (int x = x0 - 1; x > x0 - 30 && !shown; x--) {
        move(&f, x, H / 2);
        shown = shows_panel(&f);
    }
    assert_true(shown);
    assert_non_null(text_starting(&f.dl, "Step 1"));
    fx_close(&f);
}

/* A message ("text size 110%" here; "saved ...", an error) shows while the
 * panel is hidden: inside the window, in the status line's place (over no
 * grid), not over the panel's place; frames keep coming while it shows
 * and it is gone after its seconds. */
static void test_messages_show_over_the_view(void **state)
{
    (void)state;
    SceneSetup setup = {0};
    setup.present = 1;
    Fx f;
    fx_start(&f, &setup);
    f.in.width = 1280;
    f.in.height = 720;
    frame(&f);
    assert_false(shows_panel(&f));
    key(&f, KEY_CHAR, '=', MOD_CTRL);
    frame(&f);
    const DrawCmd *msg = find_text(&f.dl, "text size 110%");
    assert_non_null(msg);
    const DrawCmd *status = find_text(&f.dl, scene_status(f.s));
    assert_non_null(status);
    const Rect band = f.s->layout.status;
    assert_true(msg->rect.y >= band.y && msg->rect.y + msg->size_px <= band.y + band.h);
    assert_true(msg->rect.x >= 0 && msg->rect.y >= 0);
    int w = measure(NULL, msg->size_px, "text size 110%");
    assert_true(msg->rect.x + w <= f.in.width);
    /* still there after a second, with frames asked for; gone after its time */
    assert_true(scene_update(f.s, 1.0));
    frame(&f);
    assert_non_null(find_text(&f.dl, "text size 110%"));
    assert_true(scene_update(f.s, 2.5)); /* fading */
    frame(&f);
    assert_non_null(find_text(&f.dl, "text size 110%"));
    scene_update(f.s, 1.0);
    assert_false(scene_update(f.s, 0.1));
    frame(&f);
    assert_null(find_text(&f.dl, "text size 110%"));
    /* outside presenter mode the panel has it, and no box over the view */
    key(&f, KEY_F5, 0, 0);
    key(&f, KEY_CHAR, '=', MOD_CTRL);
    frame(&f);
    assert_true(shows_panel(&f));
    int n = 0;
    for (int i = 0; i < f.dl.count; i++)
        n += f.dl.cmds[i].kind == DRAW_TEXT &&
             strcmp(draw_cmd_text(&f.dl, &f.dl.cmds[i]), "text size 125%") == 0;
    assert_int_equal(n, 1);
    fx_close(&f);
}

/* F5 in lesson 6's strips step at 1280x720: the long "presenter mode on
 * (h or ...)" message covers none of the grids it would have hidden for
 * its seconds. */
static void test_message_covers_no_grid(void **state)
{
    (void)state;
    Fx f;
    fx_open(&f, NULL);
    f.in.width = 1280;
    f.in.height = 720;
    Err err = {0};
    if (scene_open_lesson(f.s, COURSE "/06-channels-28x28-32-filters.yaml", &err) != 0)
        fail_msg("%s", err.msg);
    assert_int_equal(scene_lesson_goto(f.s, 2, &err), 0);
    frame(&f);
    key(&f, KEY_F5, 0, 0);
    frame(&f);
    int first = -1;
    for (int i = 0; i < f.dl.count && first < 0; i++)
        if (f.dl.cmds[i].kind == DRAW_TEXT &&
            strncmp(draw_cmd_text(&f.dl, &f.dl.cmds[i]), "presenter mode on", 17) == 0)
            first = i;
    assert_true(first >= 2);
    const DrawCmd *box = &f.dl.cmds[first - 2]; /* the box, its frame, its lines */
    assert_int_equal(box->kind, DRAW_RECT);
    int grids = 0;
    for (int g = 0; g < GRID_COUNT; g++) {
        const GridLayout *gl = &f.s->layout.grid[g];
        if (!gl->visible)
            continue;
        Rect on = rect_intersect(layout_grid_rect(gl), gl->clip);
        if (on.w <= 0 || on.h <= 0)
            continue;
        grids++;
        Rect over = rect_intersect(on, box->rect);
        if (over.w > 0 && over.h > 0)
            fail_msg("the message covers grid %d", g);
    }
    assert_true(grids >= 4); /* p, y and the strips */
    fx_close(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_messages_show_over_the_view),
        cmocka_unit_test(test_message_covers_no_grid),
        cmocka_unit_test(test_f5_hides_the_panel_and_timeline_and_enlarges),
        cmocka_unit_test(test_edges_bring_them_back),
        cmocka_unit_test(test_h_pins_them),
        cmocka_unit_test(test_lesson_narrative_stays),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
