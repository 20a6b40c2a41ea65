/* test_arena.c - the lesson tree's arena: zeroed, aligned memory that stays
 * put while more is taken (in the first block, in later blocks, and for a
 * request larger than any block), all of it freed by arena_free. Leaks and
 * overruns are the ASan build's to find. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "io/arena.h"

static int zeroed(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i])
            return 0;
    return 1;
}

static void test_allocations_are_zeroed_aligned_and_kept(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a, 0);
    enum { N = 5000 }; /* far more than the first 4 KiB block holds */
    unsigned char *p[N];
    for (int i = 0; i < N; i++) {
        size_t n = (size_t)(i % 37) + 1;
        p[i] = arena_alloc(&a, n);
        assert_non_null(p[i]);
        assert_int_equal((uintptr_t)p[i] % _Alignof(max_align_t), 0);
        assert_true(zeroed(p[i], n));
        memset(p[i], i % 251 + 1, n);
    }
    /* a request past any block's size gets a block of its own */
    size_t big = (size_t)40 << 20;
    unsigned char *q = arena_alloc(&a, big);
    assert_non_null(q);
    assert_true(q[0] == 0 && q[big - 1] == 0);
    for (int i = 0; i < N; i++) /* every earlier allocation is intact */
        for (size_t j = 0; j < (size_t)(i % 37) + 1; j++)
            assert_int_equal(p[i][j], i % 251 + 1);
    arena_free(&a);
    assert_null(a.block);
    /* an emptied arena is usable again */
    assert_non_null(arena_alloc(&a, 1));
    arena_free(&a);
}

static void test_an_impossible_size_is_refused(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a, 1 << 16);
    assert_null(arena_alloc(&a, SIZE_MAX - 8));
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_allocations_are_zeroed_aligned_and_kept),
        cmocka_unit_test(test_an_impossible_size_is_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
