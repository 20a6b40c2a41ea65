/* test_strbuf.c - the bounded appender: pieces join, a piece that does not
 * fit is cut at a whole UTF-8 character and later pieces are left out,
 * `need` counts the whole text, and cap 0 only measures. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/strbuf.h"

static void test_pieces_join(void **state)
{
    (void)state;
    char buf[64];
    StrBuf b = strbuf_init(buf, sizeof buf);
    assert_string_equal(buf, "");
    strbuf_printf(&b, "x[%d,%d]", 1, 2);
    strbuf_printf(&b, " = %s", "1.5");
    assert_string_equal(buf, "x[1,2] = 1.5");
    assert_int_equal(b.len, strlen("x[1,2] = 1.5"));
    assert_int_equal(b.need, b.len);
    assert_false(strbuf_truncated(&b));
}

static void test_exact_fit_is_not_cut(void **state)
{
    (void)state;
    char buf[6];
    StrBuf b = strbuf_init(buf, sizeof buf);
    strbuf_printf(&b, "%s", "abcde");
    assert_string_equal(buf, "abcde");
    assert_false(strbuf_truncated(&b));
    strbuf_printf(&b, "%s", "");
    assert_false(strbuf_truncated(&b));
}

static void test_cut_keeps_a_prefix_and_drops_later_pieces(void **state)
{
    (void)state;
    char buf[8];
    StrBuf b = strbuf_init(buf, sizeof buf);
    strbuf_printf(&b, "%s", "abcd");
    strbuf_printf(&b, "%s", "efghij");
    assert_string_equal(buf, "abcdefg");
    assert_true(strbuf_truncated(&b));
    /* a short piece after a cut would read as if it followed the whole text */
    strbuf_printf(&b, "%s", "");
    strbuf_printf(&b, "%s", "z");
    assert_string_equal(buf, "abcdefg");
    assert_int_equal(b.len, 7);
    assert_int_equal(b.need, 4 + 6 + 1);
}

/* "·" is 2 bytes (C2 B7), "×" 2, "ᵀ" 3 (E1 B5 80), "😀" 4. */
static void test_cut_never_splits_a_character(void **state)
{
    (void)state;
    const char *text = "a\xc2\xb7" "b\xe1\xb5\x80" "c\xf0\x9f\x98\x80" "d";
    size_t whole = strlen(text);
    for (size_t cap = 1; cap <= whole + 1; cap++) {
        char buf[32];
        StrBuf b = strbuf_init(buf, cap);
        strbuf_printf(&b, "%s", text);
        assert_int_equal(b.len, strlen(buf));
        assert_true(strncmp(buf, text, b.len) == 0);
        /* the next byte of the whole text starts a character */
        unsigned char next = (unsigned char)text[b.len];
        assert_true(next == 0 || (next & 0xC0) != 0x80);
        /* and nothing longer that also ends on a boundary would have fit */
        size_t longer = b.len + 1;
        while (longer < whole && ((unsigned char)text[longer] & 0xC0) == 0x80)
            longer++;
        assert_true(b.len == whole || longer > cap - 1);
        assert_int_equal(strbuf_truncated(&b), cap <= whole);
    }
}

static void test_measure_only(void **state)
{
    (void)state;
    StrBuf b = strbuf_init(NULL, 0);
    strbuf_printf(&b, "%d|%s", 12345, "six");
    strbuf_printf(&b, "%c", '!');
    assert_int_equal(b.len, 0);
    assert_int_equal(b.need, 10);
    assert_true(strbuf_truncated(&b));
}

static void test_one_byte_buffer_holds_the_empty_text(void **state)
{
    (void)state;
    char buf[1] = {'q'};
    StrBuf b = strbuf_init(buf, sizeof buf);
    strbuf_printf(&b, "%s", "long");
    assert_string_equal(buf, "");
    assert_int_equal(b.need, 4);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pieces_join),
        cmocka_unit_test(test_exact_fit_is_not_cut),
        cmocka_unit_test(test_cut_keeps_a_prefix_and_drops_later_pieces),
        cmocka_unit_test(test_cut_never_splits_a_character),
        cmocka_unit_test(test_measure_only),
        cmocka_unit_test(test_one_byte_buffer_holds_the_empty_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
