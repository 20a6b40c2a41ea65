/* test_lesson_scale.c - the lesson loader's work is linear in its input: a
 * mapping holds at most LESSON_MAX_MAP_KEYS keys, so the duplicate-key check
 * compares each key with at most that many others. A generated 200,000-key
 * lesson is refused at its 65th key, having compared at most 64*65/2 pairs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/lesson.h"

static char *many_keys(int n, size_t *len)
{
    size_t cap = (size_t)n * 16 + 64;
    char *t = malloc(cap);
    assert_non_null(t);
    size_t k = 0;
    for (int i = 0; i < n; i++)
        k += (size_t)snprintf(t + k, cap - k, "k%d: 1\n", i);
    *len = k;
    return t;
}

static void test_a_mapping_of_200000_keys_is_refused_at_its_65th(void **state)
{
    (void)state;
    size_t len;
    char *text = many_keys(200000, &len);
    Lesson l;
    Err err = {0};
    assert_int_equal(lesson_load_text(text, len, "gen.yaml", &l, &err), -1);
    assert_int_equal(err.code, TC_ERR_LIMIT);
    assert_string_equal(err.msg,
                        "gen.yaml:65:1: a mapping with more than 64 keys, expected at most 64");
    free(text);
}

static void test_64_keys_are_read_and_checked_for_duplicates(void **state)
{
    (void)state;
    size_t len;
    char *text = many_keys(64, &len);
    Lesson l;
    Err err = {0};
    /* all 64 keys are read; the first unknown one is what the lesson refuses */
    assert_int_equal(lesson_load_text(text, len, "gen.yaml", &l, &err), -1);
    assert_null(strstr(err.msg, "more than 64 keys"));
    free(text);

    static const char dup[] = "title: a\nk: 1\nk: 2\n";
    assert_int_equal(lesson_load_text(dup, strlen(dup), "dup.yaml", &l, &err), -1);
    assert_non_null(strstr(err.msg, "dup.yaml:3:1: duplicate key 'k' (first at 2:1)"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_mapping_of_200000_keys_is_refused_at_its_65th),
        cmocka_unit_test(test_64_keys_are_read_and_checked_for_duplicates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
