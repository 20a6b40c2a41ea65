/* test_keys.c - the one key table: each documented key maps to its action,
 * aliases and Shift variants resolve, every action is reachable from the
 * keyboard and listed, and the Markdown table for the README lists them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "ui/keys.h"

static UiAction key(UiKeyCode code, int ch, int mods)
{
    UiKeyPress k = {code, ch, mods};
    return keys_lookup(&k);
}

static void test_documented_keys_map_to_actions(void **state)
{
    (void)state;
    assert_int_equal(key(KEY_SPACE, 0, 0), ACT_PLAY);
    assert_int_equal(key(KEY_RIGHT, 0, 0), ACT_STEP_FORWARD);
    assert_int_equal(key(KEY_LEFT, 0, 0), ACT_STEP_BACK);
    assert_int_equal(key(KEY_HOME, 0, 0), ACT_HOME);
    assert_int_equal(key(KEY_END, 0, 0), ACT_END);
    assert_int_equal(key(KEY_CHAR, '[', 0), ACT_SLOWER);
    assert_int_equal(key(KEY_CHAR, ']', 0), ACT_FASTER);
    assert_int_equal(key(KEY_CHAR, 'g', 0), ACT_GRANULARITY);
    assert_int_equal(key(KEY_CHAR, 'v', 0), ACT_VIEW);
    assert_int_equal(key(KEY_CHAR, 't', 0), ACT_THEME);
    assert_int_equal(key(KEY_CHAR, 'm', 0), ACT_MOTION);
    assert_int_equal(key(KEY_F1, 0, 0), ACT_HELP);
    assert_int_equal(key(KEY_CHAR, '?', MOD_SHIFT), ACT_HELP);
    assert_int_equal(key(KEY_CHAR, '?', 0), ACT_HELP);
    assert_int_equal(key(KEY_CHAR, '/', MOD_SHIFT), ACT_HELP);
    assert_int_equal(key(KEY_CHAR, '/', 0), ACT_NONE);
    assert_int_equal(key(KEY_F11, 0, 0), ACT_FULLSCREEN);
    assert_int_equal(key(KEY_CHAR, 'f', 0), ACT_FULLSCREEN);
    assert_int_equal(key(KEY_F12, 0, 0), ACT_SCREENSHOT);
    assert_int_equal(key(KEY_CHAR, 'q', MOD_CTRL), ACT_QUIT_CTRL);
    assert_int_equal(key(KEY_CHAR, 'q', 0), ACT_QUIT);
    assert_int_equal(key(KEY_CHAR, '+', MOD_SHIFT), ACT_ZOOM_IN);
    assert_int_equal(key(KEY_CHAR, '=', 0), ACT_ZOOM_IN);
    assert_int_equal(key(KEY_CHAR, '-', 0), ACT_ZOOM_OUT);
    assert_int_equal(key(KEY_ESCAPE, 0, 0), ACT_CANCEL);
    assert_int_equal(key(KEY_RETURN, 0, 0), ACT_EDIT);
    /* text size: Ctrl with = (or +, Shift or not), -, 0; without Ctrl they zoom */
    assert_int_equal(key(KEY_CHAR, '=', MOD_CTRL), ACT_TEXT_BIGGER);
    assert_int_equal(key(KEY_CHAR, '=', MOD_CTRL | MOD_SHIFT), ACT_TEXT_BIGGER);
    assert_int_equal(key(KEY_CHAR, '+', MOD_CTRL), ACT_TEXT_BIGGER);
    assert_int_equal(key(KEY_CHAR, '-', MOD_CTRL), ACT_TEXT_SMALLER);
    assert_int_equal(key(KEY_CHAR, '0', MOD_CTRL), ACT_TEXT_RESET);
    assert_int_equal(key(KEY_CHAR, '0', 0), ACT_ZOOM_RESET);
    assert_int_equal(key(KEY_CHAR, '[', MOD_CTRL), ACT_NONE);
    assert_int_equal(key(KEY_F5, 0, 0), ACT_PRESENT);
    assert_int_equal(key(KEY_CHAR, 'h', 0), ACT_CHROME);
}

static void test_shift_reverses_parameter_keys(void **state)
{
    (void)state;
    assert_int_equal(key(KEY_CHAR, 's', 0), ACT_STRIDE_UP);
    assert_int_equal(key(KEY_CHAR, 's', MOD_SHIFT), ACT_STRIDE_DOWN);
    assert_int_equal(key(KEY_CHAR, 'S', 0), ACT_STRIDE_DOWN); /* upper case means Shift */
    assert_int_equal(key(KEY_CHAR, 'k', MOD_SHIFT), ACT_KERNEL_DOWN);
    assert_int_equal(key(KEY_CHAR, 'i', 0), ACT_INPUT_UP);
    assert_int_equal(key(KEY_CHAR, 'p', MOD_SHIFT), ACT_PADDING_DOWN);
    assert_int_equal(key(KEY_CHAR, 'o', 0), ACT_OUTPUT_UP);
    assert_int_equal(key(KEY_CHAR, 'd', MOD_SHIFT), ACT_DILATION_DOWN);
    assert_int_equal(key(KEY_CHAR, '.', 0), ACT_CHANNEL_IN_UP);
    assert_int_equal(key(KEY_CHAR, '.', MOD_SHIFT), ACT_CHANNEL_OUT_UP);
    assert_int_equal(key(KEY_CHAR, '>', MOD_SHIFT), ACT_CHANNEL_OUT_UP);
    assert_int_equal(key(KEY_CHAR, 'c', MOD_CTRL), ACT_COPY);      /* Ctrl+C is not c */
    assert_int_equal(key(KEY_CHAR, 'v', MOD_SHIFT), ACT_VIEW_BACK);
    assert_int_equal(key(KEY_CHAR, 'V', 0), ACT_VIEW_BACK);
    assert_int_equal(key(KEY_TAB, 0, 0), ACT_SNIPPET_NEXT);
    assert_int_equal(key(KEY_TAB, 0, MOD_SHIFT), ACT_SNIPPET_PREV);
    assert_int_equal(key(KEY_DOWN, 0, 0), ACT_SNIPPET_NEXT);
    assert_int_equal(key(KEY_UP, 0, 0), ACT_SNIPPET_PREV);
    assert_int_equal(key(KEY_CHAR, 'c', MOD_ALT), ACT_CONVENTION); /* Alt is ignored */
}

static void test_every_action_has_a_key_and_a_help_line(void **state)
{
    (void)state;
    for (int a = ACT_NONE + 1; a < ACT_COUNT; a++) {
        int found = 0;
        for (int i = 0; i < keys_count(); i++)
            found |= keys_entry(i)->action == (UiAction)a;
        /* aliases (label NULL) may carry the action; the line above names the key */
        if (a == ACT_QUIT || a == ACT_ZOOM_OUT || a == ACT_STRIDE_DOWN || a == ACT_KERNEL_DOWN ||
            a == ACT_INPUT_DOWN || a == ACT_PADDING_DOWN || a == ACT_OUTPUT_DOWN ||
            a == ACT_DILATION_DOWN || a == ACT_CHANNEL_IN_DOWN || a == ACT_CHANNEL_OUT_DOWN ||
            a == ACT_VIEW_BACK || a == ACT_SNIPPET_PREV || a == ACT_ROW_REMOVE ||
            a == ACT_COL_ADD || a == ACT_COL_REMOVE || a == ACT_TEXT_SMALLER)
            continue;
        if (!found)
            fail_msg("action %d is not in the help", a);
    }
    for (int i = 0; i < keys_count(); i++) {
        assert_non_null(keys_entry(i)->label);
        assert_non_null(keys_entry(i)->help);
    }
    assert_null(keys_entry(keys_count()));
}

static void test_markdown_table_lists_every_key(void **state)
{
    (void)state;
    int need = keys_markdown(NULL, 0);
    char *buf = malloc((size_t)need + 1);
    assert_int_equal(keys_markdown(buf, need + 1), need);
    assert_non_null(strstr(buf, "| Key | Action |"));
    for (int i = 0; i < keys_count(); i++)
        if (!strstr(buf, keys_entry(i)->label) || !strstr(buf, keys_entry(i)->help))
            fail_msg("markdown misses '%s'", keys_entry(i)->label);
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_documented_keys_map_to_actions),
        cmocka_unit_test(test_shift_reverses_parameter_keys),
        cmocka_unit_test(test_every_action_has_a_key_and_a_help_line),
        cmocka_unit_test(test_markdown_table_lists_every_key),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
