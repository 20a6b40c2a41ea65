/* test_panel_words.c - the window's small words and boxes: the cell editor
 * sits over the selected cell, opaque; parameter pairs read "0,1" (never
 * "0x1"); the kernel is "w: arange" whenever it holds arange's numbers
 * (generated or given), "w: custom" otherwise; the kernel is captioned
 * rot(w) only once it has turned, short captions too; a channel stepper
 * names its range ("in channel (0-31)", not "0/32"). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "scene_fixture.h"

#define COURSE TCVIZ_TEST_DATA "/../../lessons"

static void test_cell_editor_sits_over_the_cell_opaque(void **state)
{
    (void)state;
    Fx f;
    fx_start(&f, NULL);
    click(&f, GRID_INPUT, 1, 1);
    key(&f, KEY_CHAR, '5', 0);
    assert_true(scene_wants_text(f.s));
    Rect c = cell(&f, GRID_INPUT, 1, 1);
    Color bg = color_alpha(theme_get(THEME_LIGHT)->tooltip_bg, 255);
    const DrawCmd *box = NULL;
    for (int i = 0; i < f.dl.count; i++)
        if (f.dl.cmds[i].kind == DRAW_RECT && same_color(f.dl.cmds[i].color, bg))
            box = &f.dl.cmds[i];
    assert_non_null(box); /* an opaque box */
    /* over the selected cell: its centre, not the cell below */
    assert_true(rect_contains(box->rect, c.x + c.w / 2, c.y + c.h / 2));
    assert_true(box->rect.y <= c.y && box->rect.y + box->rect.h >= c.y + c.h);
    const DrawCmd *typed = find_text(&f.dl, "5_");
    assert_non_null(typed);
    assert_true(rect_contains(box->rect, typed->rect.x, typed->rect.y));
    fx_close(&f);
}

static void test_pairs_read_with_a_comma(void **state)
{
    (void)state;
    SceneSetup setup = {0};
    setup.spec = (LayerSpec){.op = OP_CONV2D_TRANSPOSE,
                             .params = {.convention = CONV_TORCH,
                                        .stride = {1, 2},
                                        .padding = PAD_EXPLICIT,
                                        .pad = {0, 0, 1, 1}}};
    Fx f;
    fx_start(&f, &setup);
    assert_non_null(find_text(&f.dl, "1,2")); /* stride */
    assert_non_null(find_text(&f.dl, "0,1")); /* padding */
    assert_false(frame_says(&f.dl, "1x2") || frame_says(&f.dl, "0x1"));
    scene_set_view(f.s, VIEW_OVERLAP); /* its status names the stride */
    frame(&f);
    assert_true(frame_says(&f.dl, "stride 1,2"));
    assert_false(frame_says(&f.dl, "1x2"));
    fx_close(&f);
}

static void test_kernel_preset_by_its_values(void **state)
{
    (void)state;
    Fx f;
    fx_start(&f, NULL); /* the default example: generated */
    assert_non_null(find_text(&f.dl, "w: arange"));
    Err err = {0};
    if (scene_open_lesson(f.s, COURSE "/01-upsample-3x3-to-6x6.yaml", &err) != 0)
        fail_msg("%s", err.msg);
    frame(&f); /* the lesson gives [[1,2],[3,4]]: the same numbers, the same name */
    assert_non_null(find_text(&f.dl, "w: arange"));
    click(&f, GRID_KERNEL, 0, 0);
    key(&f, KEY_CHAR, '7', 0);
    key(&f, KEY_RETURN, 0, 0);
    frame(&f);
    assert_non_null(find_text(&f.dl, "w: custom"));
    key(&f, KEY_CHAR, 'w', 0); /* the next preset: ones */
    assert_non_null(find_text(&f.dl, "w: ones"));
    fx_close(&f);
}

/* x given with the example's values (as lesson 1 and its export give it)
 * is "x: example", as when the example was generated. */
static void test_input_example_by_its_values(void **state)
{
    (void)state;
    SceneSetup setup = {0};
    Err err = {0};
    static const float x[9] = {0, 0, 1.5f, 0, 1, 0, 0, 0, 0};
    assert_int_equal(tensor_init_from(&setup.input, LAYOUT_NHWC, (int[4]){1, 3, 3, 1}, x, &err), 0);
    Fx f;
    fx_start(&f, &setup);
    assert_non_null(find_text(&f.dl, "x: example"));
    click(&f, GRID_INPUT, 0, 0);
    key(&f, KEY_CHAR, '2', 0);
    key(&f, KEY_RETURN, 0, 0);
    frame(&f);
    assert_non_null(find_text(&f.dl, "x: custom"));
    fx_close(&f);
    tensor_free(&setup.input);
}

static void test_kernel_is_rot_w_only_once_turned(void **state)
{
    (void)state;
    for (int small = 0; small < 2; small++) {
        Fx f;
        fx_open(&f, NULL);
        f.in.width = small ? 800 : 1600;
        f.in.height = small ? 540 : 900;
        frame(&f); /* the scatter phase: the kernel as given */
        assert_null(find_text(&f.dl, "rot(w)"));
        assert_null(find_text(&f.dl, "rot180(w)"));
        key(&f, KEY_END, 0, 0);
        scene_update(f.s, 5.0); /* the turn has landed */
        frame(&f);
        assert_true(find_text(&f.dl, "rot(w)") || find_text(&f.dl, "rot180(w)"));
        fx_close(&f);
    }
}

static void test_channel_steppers_name_their_range(void **state)
{
    (void)state;
    SceneSetup setup;
    setup_28x28x32(&setup);
    Fx f;
    fx_start(&f, &setup);
    assert_true(find_text(&f.dl, "in channel (0-31)") || find_text(&f.dl, "in (0-31)"));
    assert_false(frame_says(&f.dl, "0/32"));
    key(&f, KEY_CHAR, '.', 0);
    assert_true(find_text(&f.dl, "1") != NULL);
    fx_close(&f);
    tensor_free(&setup.input);
    tensor_free(&setup.filter);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cell_editor_sits_over_the_cell_opaque),
        cmocka_unit_test(test_pairs_read_with_a_comma),
        cmocka_unit_test(test_kernel_preset_by_its_values),
        cmocka_unit_test(test_input_example_by_its_values),
        cmocka_unit_test(test_kernel_is_rot_w_only_once_turned),
        cmocka_unit_test(test_channel_steppers_name_their_range),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
