/* test_font.c - finding the font: fontconfig's pick is a real, readable
 * monospace font file; --font is taken as given when readable and refused
 * with a message naming it when not. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <SDL_ttf.h>
#include <stdio.h>
#include <string.h>

#include "app/font.h"

static void test_fontconfig_finds_a_readable_monospace_font(void **state)
{
    (void)state;
    char path[4096];
    Err err = {0};
    if (font_find(NULL, path, sizeof path, &err) != 0)
        fail_msg("font_find: %s", err.msg);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fclose(f);
    /* deps.sh installs fonts-dejavu-core, so that is what must be found */
    assert_non_null(strstr(path, "DejaVuSansMono"));
    /* and SDL_ttf can open it: a font file, not just any file */
    assert_int_equal(TTF_Init(), 0);
    TTF_Font *font = TTF_OpenFont(path, 18);
    assert_non_null(font);
    assert_true(TTF_FontFaceIsFixedWidth(font));
    TTF_CloseFont(font);
    TTF_Quit();
    font_release();
}

static void test_font_override_is_used_as_given(void **state)
{
    (void)state;
    char found[4096], path[4096];
    Err err = {0};
    assert_int_equal(font_find(NULL, found, sizeof found, &err), 0);
    font_release();
    assert_int_equal(font_find(found, path, sizeof path, &err), 0);
    assert_string_equal(path, found);
}

static void test_missing_font_file_is_named_in_the_error(void **state)
{
    (void)state;
    char path[256];
    Err err = {0};
    assert_int_equal(font_find("/nonexistent/NoSuch.ttf", path, sizeof path, &err), -1);
    assert_string_equal(err.msg, "--font: cannot read font file '/nonexistent/NoSuch.ttf'");
    assert_int_equal(font_find("", path, sizeof path, &err), -1);
    assert_string_equal(err.msg, "--font: empty path");
}

static void test_too_small_buffer_is_an_error_not_a_truncation(void **state)
{
    (void)state;
    char found[4096], tiny[8];
    Err err = {0};
    assert_int_equal(font_find(NULL, found, sizeof found, &err), 0);
    font_release();
    assert_int_equal(font_find(found, tiny, sizeof tiny, &err), -1);
    assert_string_equal(err.msg, "--font: path too long");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fontconfig_finds_a_readable_monospace_font),
        cmocka_unit_test(test_font_override_is_used_as_given),
        cmocka_unit_test(test_missing_font_file_is_named_in_the_error),
        cmocka_unit_test(test_too_small_buffer_is_an_error_not_a_truncation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
