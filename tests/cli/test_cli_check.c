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

extern char **environ;

#define CAP 4096

static char tmpdir[64];

typedef struct {
    int code;
    char out[CAP], err[CAP];
} Run;

static void slurp(const char *path, char *buf)
{
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    size_t n = fread(buf, 1, CAP - 1, f);
    buf[n] = '\0';
    fclose(f);
    unlink(path);
}

static void run(char **args, Run *r)
{
    char outp[128], errp[128], *argv[8] = {TCVIZ_BINARY};
    int argc = 1;
    while (args[argc - 1] && argc < 7) {
        argv[argc] = args[argc - 1];
        argc++;
    }
    argv[argc] = NULL;
    snprintf(outp, sizeof outp, "%s/stdout", tmpdir);
    snprintf(errp, sizeof errp, "%s/stderr", tmpdir);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, outp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&fa, 2, errp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    pid_t pid;
    assert_int_equal(posix_spawn(&pid, TCVIZ_BINARY, &fa, NULL, argv, environ), 0);
    posix_spawn_file_actions_destroy(&fa);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    r->code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    slurp(outp, r->out);
    slurp(errp, r->err);
}

static char good[128], bad[128], broken[128];

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
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    unlink(good);
    unlink(bad);
    unlink(broken);
    return rmdir(tmpdir);
}

static void test_all_pass_exit_zero(void **state)
{
    (void)state;
    Run r;
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
    Run r;
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

static void test_usage(void **state)
{
    (void)state;
    Run r;
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
        cmocka_unit_test(test_usage),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
