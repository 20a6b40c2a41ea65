/* test_scene_ask.c - answering a lesson's question in the window, through
 * the Scene API as the app drives it: `a` starts answering, typed keys (or
 * clicks on the output grid, for touches) make the answer, Enter submits.
 * A first wrong answer shows the hint, a second the derivation (a cell's
 * sum as the tooltip spells it), a right one says so; keys typed into the
 * answer do not reach their usual actions. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scene_fixture.h"

#define COURSE TCVIZ_TEST_DATA "/../../lessons"
#define MUL "\xc2\xb7"

static void type(Fx *f, const char *t)
{
    for (const char *p = t; *p; p++)
        key(f, KEY_CHAR, *p, 0);
}

static void answer(Fx *f, const char *t)
{
    type(f, t);
    key(f, KEY_RETURN, 0, 0);
}

static void test_wrong_hint_wrong_derivation_right(void **state)
{
    (void)state;
    Fx f;
    fx_start_lesson(&f, COURSE "/01-upsample-3x3-to-6x6.yaml");
    assert_true(frame_says(&f.dl, "Question"));
    assert_true(frame_says(&f.dl, "what is output[1, 5]?"));
    assert_true(frame_says(&f.dl, "a: answer it (type a number)"));
    key(&f, KEY_CHAR, 'a', 0);
    assert_true(frame_says(&f.dl, "answer: _"));
    answer(&f, "5");
    assert_true(frame_says(&f.dl, "Not quite. Hint: Only the 1.5 stamp reaches row 1, column 5"));
    key(&f, KEY_BACKSPACE, 0, 0);
    answer(&f, "4.5");
    /* the tooltip's sum of output[1, 5] */
    assert_true(frame_says(&f.dl, "Not quite. The answer is 6: y[1,5] = x[0,2]" MUL "w[1,1] = 6"));
    for (int i = 0; i < 3; i++)
        key(&f, KEY_BACKSPACE, 0, 0);
    answer(&f, "6");
    assert_true(frame_says(&f.dl, "Right: 6."));
    assert_true(frame_says(&f.dl, "Question: answered"));
    fx_close(&f);
}

static void test_unreadable_answers_are_not_counted(void **state)
{
    (void)state;
    Fx f;
    fx_start_lesson(&f, COURSE "/01-upsample-3x3-to-6x6.yaml");
    key(&f, KEY_CHAR, 'a', 0);
    key(&f, KEY_RETURN, 0, 0);
    assert_true(frame_says(&f.dl, "type a number, e.g. 1.5"));
    answer(&f, "7");
    assert_true(frame_says(&f.dl, "Not quite. Hint:")); /* still the first miss */
    fx_close(&f);
}

static void test_touches_by_clicking_output_cells(void **state)
{
    (void)state;
    Fx f;
    fx_start_lesson(&f, COURSE "/01-upsample-3x3-to-6x6.yaml");
    key(&f, KEY_PAGEDOWN, 0, 0);
    assert_true(frame_says(&f.dl, "Which output cells will it write to?"));
    key(&f, KEY_CHAR, 'a', 0);
    assert_true(frame_says(&f.dl, "click the output cells (0 marked)"));
    click(&f, GRID_CANVAS, 2, 2);
    click(&f, GRID_CANVAS, 2, 3);
    click(&f, GRID_CANVAS, 3, 2);
    assert_true(frame_says(&f.dl, "(3 marked)"));
    key(&f, KEY_RETURN, 0, 0);
    assert_true(frame_says(&f.dl, "Not quite. Hint: Input row 1 times the stride 2"));
    click(&f, GRID_CANVAS, 3, 4); /* wrong */
    key(&f, KEY_RETURN, 0, 0);
    assert_true(frame_says(&f.dl, "Not quite. The answer is output[2:4, 2:4] (4 cells): x[1,1] "
                                  "stamps the kernel on canvas rows 2, 3"));
    click(&f, GRID_CANVAS, 3, 4); /* a second click unmarks */
    click(&f, GRID_CANVAS, 3, 3);
    key(&f, KEY_RETURN, 0, 0);
    assert_true(frame_says(&f.dl, "Right: output[2:4, 2:4] (4 cells)."));
    /* letters that are no answer keep their keys while answering */
    key(&f, KEY_CHAR, 'a', 0);
    key(&f, KEY_CHAR, 'l', 0);
    assert_true(scene_lesson_browsing(f.s));
    fx_close(&f);
}

/* While answering, x and digits are the answer's, not the x preset or a
 * cell edit; Esc stops answering and keys act again. */
static void test_typed_keys_stay_in_the_answer(void **state)
{
    (void)state;
    Fx f;
    fx_start_lesson(&f, COURSE "/02-unet-2x2-stride-2.yaml");
    assert_true(frame_says(&f.dl, "x: custom"));
    key(&f, KEY_CHAR, 'a', 0);
    answer(&f, "8x8");
    assert_true(frame_says(&f.dl, "Right: 8x8."));
    assert_true(frame_says(&f.dl, "x: custom"));
    key(&f, KEY_CHAR, 'a', 0);
    type(&f, "9q"); /* q is no quit while typing */
    assert_true(frame_says(&f.dl, "answer: 9_"));
    key(&f, KEY_ESCAPE, 0, 0);
    assert_false(frame_says(&f.dl, "answer: 9_"));
    key(&f, KEY_PAGEDOWN, 0, 0);
    key(&f, KEY_PAGEDOWN, 0, 0); /* step 3 asks nothing */
    key(&f, KEY_CHAR, 'a', 0);
    char msg[256];
    panel_message(&f, msg, sizeof msg);
    assert_string_equal(msg, "this step asks no question");
    fx_close(&f);
}

/* Fast typing: the digits and Enter arrive in one frame, the digits as
 * text after the keys; the answer is judged with them. */
static void test_enter_in_the_same_frame_as_the_digits(void **state)
{
    (void)state;
    Fx f;
    fx_start_lesson(&f, COURSE "/01-upsample-3x3-to-6x6.yaml");
    key(&f, KEY_CHAR, 'a', 0);
    f.in.keys[f.in.key_count++] = (UiKeyPress){KEY_CHAR, '6', 0};
    f.in.keys[f.in.key_count++] = (UiKeyPress){KEY_RETURN, 0, 0};
    snprintf(f.in.text, sizeof f.in.text, "6");
    frame(&f);
    assert_true(frame_says(&f.dl, "Right: 6."));
    fx_close(&f);
}

static void test_spelling_by_number(void **state)
{
    (void)state;
    Fx f;
    fx_start_lesson(&f, COURSE "/08-tf-same-vs-pytorch-padding.yaml");
    Err err = {0};
    assert_int_equal(scene_lesson_goto(f.s, 4, &err), 0);
    frame(&f);
    assert_true(frame_says(&f.dl, "2. stride=2, padding=1"));
    key(&f, KEY_CHAR, 'a', 0);
    answer(&f, "7");
    assert_true(frame_says(&f.dl, "type a choice's number, 1 to 3"));
    key(&f, KEY_BACKSPACE, 0, 0);
    answer(&f, "1");
    key(&f, KEY_BACKSPACE, 0, 0);
    answer(&f, "3");
    assert_true(frame_says(&f.dl, "Not quite. The answer is 2: stride=2, padding=1: 1: 7x7, TF "
                                  "gives 6x6; 2: the same 6x6 output; 3: 8x8, TF gives 6x6."));
    key(&f, KEY_BACKSPACE, 0, 0);
    answer(&f, "2");
    assert_true(frame_says(&f.dl, "Right: 2: stride=2, padding=1."));
    fx_close(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wrong_hint_wrong_derivation_right),
        cmocka_unit_test(test_unreadable_answers_are_not_counted),
        cmocka_unit_test(test_touches_by_clicking_output_cells),
        cmocka_unit_test(test_typed_keys_stay_in_the_answer),
        cmocka_unit_test(test_enter_in_the_same_frame_as_the_digits),
        cmocka_unit_test(test_spelling_by_number),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
