/* test_cli_check.c - `tcviz check` from outside: one line per lesson, the
 * summary line, and the exit status a CI job relies on. (The course itself
 * is checked by the lessons_check ctest; here the lessons are small ones
 * written to a temporary directory.) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../common/run_tcviz.h"

static char tmpdir[64];

/* r is static in the tests: it keeps its last capture until the next run. */
static void run(char **args, Run *r)
{
    run_free(r);
    run_tcviz_argv(args, r);
}

static char good[128], bad[128], broken[128], asks[128], wrong_ask[128];

static void write_file(char *path, const char *name, const char *text)
{
    snprintf(path, 128, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/tcviz-check-XXXXXX");
    if (!mkdtemp(tmpdir))
        return -1;
    /* [[1, 2]] stamped with [[1, 1]] at strides [1, 2]: [[1, 1, 2, 2]] */
    static const char lesson[] = "title: t\nparams: {strides: [1, 2]}\ntensors:\n  input: [[1, 2]]\n"
                                 "  filter: [[1, 1]]\nsteps:\n  - {view: scatter, text: t}\n"
                                 "expect:\n  - output: [[1, 1, 2, 2]]\n  - same_as: conv2d\n";
    write_file(good, "good.yaml", lesson);
    char wrong[sizeof lesson];
    memcpy(wrong, lesson, sizeof lesson);
    strstr(wrong, "2, 2]]")[0] = '3';
    write_file(bad, "bad.yaml", wrong);
    write_file(broken, "broken.yaml", "title: t\nparams: {strides: two}\n");
    /* two questions: output[0, 3] is 2, and [[1, 2]] at stride [1, 2] is 1x4 */
    static const char asking[] =
        "title: t\nparams: {strides: [1, 2]}\ntensors:\n  input: [[1, 2]]\n"
        "  filter: [[1, 1]]\nsteps:\n  - view: scatter\n    text: t\n    ask:\n"
        "      {kind: cell, prompt: p, cell: [0, 3], answer: 2}\n"
        "  - view: scatter\n    text: t\n    ask:\n"
        "      {kind: size, prompt: p, answer: [1, 4]}\n"
        "expect:\n  - output: [[1, 1, 2, 2]]\n";
    write_file(asks, "asks.yaml", asking);
    char wrong_size[sizeof asking];
    memcpy(wrong_size, asking, sizeof asking);
    strstr(wrong_size, "[1, 4]")[4] = '5';
    write_file(wrong_ask, "wrong_ask.yaml", wrong_size);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    unlink(good);
    unlink(bad);
    unlink(broken);
    unlink(asks);
    unlink(wrong_ask);
    return rmdir(tmpdir);
}

static void test_all_pass_exit_zero(void **state)
{
    (void)state;
    static Run r;
    run((char *[]){"check", good, good, NULL}, &r);
    char want[512];
    snprintf(want, sizeof want, "ok   %s (2 expects)\nok   %s (2 expects)\n2 passed, 0 failed\n",
             good, good);
    assert_string_equal(r.out, want);
    assert_string_equal(r.err, "");
    assert_int_equal(r.code, 0);
}

static void test_one_failure_fails_the_run(void **state)
{
    (void)state;
    static Run r;
    run((char *[]){"check", good, bad, broken, NULL}, &r);
    char want[1024];
    snprintf(want, sizeof want,
             "ok   %s (2 expects)\n"
             "FAIL %s:9:5: output[0,0,2,0] is 2, expected 3 (1 of 4 values differ)\n"
             "FAIL %s:2:19: params.strides must be a positive integer, got \"two\"\n"
             "1 passed, 2 failed\n",
             good, bad, broken);
    assert_string_equal(r.out, want);
    assert_int_equal(r.code, 1);
}

static void test_questions_are_counted_and_checked(void **state)
{
    (void)state;
    static Run r;
    run((char *[]){"check", asks, wrong_ask, NULL}, &r);
    char want[1024];
    snprintf(want, sizeof want,
             "ok   %s (1 expect, 2 questions)\n"
             "FAIL %s:14:7: steps[1].ask: the answer is 1x5, the core computes 1x4\n"
             "1 passed, 1 failed\n",
             asks, wrong_ask);
    assert_string_equal(r.out, want);
    assert_int_equal(r.code, 1);
}

static void test_usage(void **state)
{
    (void)state;
    static Run r;
    run((char *[]){"check", NULL}, &r);
    assert_int_equal(r.code, 2);
    assert_string_equal(r.err, "tcviz check: no lesson files given, expected LESSON.yaml...\n");
    run((char *[]){"check", "--strict", good, NULL}, &r);
    assert_int_equal(r.code, 2);
    assert_string_equal(r.err,
                        "tcviz check: unknown option --strict, expected lesson files (see --help)\n");
    run((char *[]){"check", "--help", NULL}, &r);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "usage: tcviz check LESSON.yaml..."));
    run((char *[]){"help", "check", NULL}, &r);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "usage: tcviz check LESSON.yaml..."));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_all_pass_exit_zero),
        cmocka_unit_test(test_one_failure_fails_the_run),
        cmocka_unit_test(test_questions_are_counted_and_checked),
        cmocka_unit_test(test_usage),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
