/* test_export_errors.c - `tcviz export` refusing bad command lines.
 *
 * Each row runs the binary and asserts the exit code (2 for a wrong command
 * line, 1 for a file that cannot be read or written), that stderr is exactly
 * the one expected line and stdout is empty, and that the scratch directory
 * ('@') is still empty afterwards: a refused export writes nothing, not even
 * a temporary file. Then --help: exit 0, on stdout, within 80 columns. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "run_tcviz.h"

#define LESSON TCVIZ_TEST_DATA "/../../lessons/01-upsample-3x3-to-6x6.yaml"

static int setup(void **state)
{
    (void)state;
    return run_dir_make("tcviz_export_err");
}

static int teardown(void **state)
{
    (void)state;
    return run_remove_tree(run_dir);
}

typedef struct {
    const char *args;
    int code;
    const char *err; /* the whole stderr ('@' stands for the directory), or its
                      * first part when it ends in "..." */
} Row;

static const Row rows[] = {
    {"export", 2,
     "tcviz export: nothing to write: give --step K -o FRAME.png, --gif OUT.gif or --frames "
     "DIR\n"},
    {"export --size 12x9 --step 0 -o @/f.png", 2,
     "tcviz export: --size: 12x9 is out of range, expected 800x540 .. 7680x4320\n"},
    {"export --size big --gif @/a.gif", 2,
     "tcviz export: --size: expected WxH (e.g. 1600x900), got 'big'\n"},
    {"export --step 45 -o @/f.png --size 800x540", 2,
     "tcviz export: --step 45 is out of range, expected 0..44 (view both has 45 steps)\n"},
    {"export --view scatter --step 9 -o @/f.png --size 800x540", 2,
     "tcviz export: --step 9 is out of range, expected 0..8 (view scatter has 9 steps)\n"},
    {"export --step -1 -o @/f.png", 2,
     "tcviz export: --step: expected a step number 0, 1, 2, ... or end, got '-1'\n"},
    {"export --step x -o @/f.png", 2,
     "tcviz export: --step: expected a step number 0, 1, 2, ... or end, got 'x'\n"},
    {"export --step 1", 2, "tcviz export: --step needs -o FRAME.png to write the frame to\n"},
    {"export -o @/f.png", 2,
     "tcviz export: -o needs --step K (or --step end, --lesson-step N): which step to draw\n"},
    {"export --step 1 -o", 2, "tcviz export: -o needs a value: FRAME.png or FRAME.svg\n"},
    {"export --step 1 -o @/f.jpg", 2,
     "tcviz export: -o: expected a FRAME.png or FRAME.svg name, got '@/f.jpg'\n"},
    {"export --step 1 -o @/f.png --output @/g.png", 2,
     "tcviz export: --output repeats -o (the same flag), expected it once\n"},
    {"export --step 1 -o @/f.png -o @/g.png", 2,
     "tcviz export: -o is given twice, expected it once\n"},
    {"export --gif @/a.gif --frames @/d", 2,
     "tcviz export: --gif and --frames cannot be combined, expected one output\n"},
    {"export --step 1 -o @/f.png --gif @/a.gif", 2,
     "tcviz export: -o and --gif cannot be combined, expected one output\n"},
    {"export --step 1 --gif @/a.gif", 2,
     "tcviz export: --step applies to -o FRAME.png only (--gif writes every step)\n"},
    {"export --gif @/a.png", 2, "tcviz export: --gif: expected an OUT.gif name, got '@/a.png'\n"},
    {"export --gif @/a.gif --delay 5", 2,
     "tcviz export: --delay: expected milliseconds 10..60000, got '5'\n"},
    {"export --frames @/d --delay 100", 2, "tcviz export: --delay applies to --gif only\n"},
    {"export --gif @/a.gif --view sideways", 2,
     "tcviz export: --view: expected both, scatter, conv2d..."}, /* the list grows */
    {"export --gif @/no/such/dir/a.gif --size 800x540", 1,
     "tcviz export: @/no/such/dir/a.gif: cannot create a temporary file beside it (No such "
     "file or directory), expected a writable directory\n"},
    {"export --step 0 -o @/no/f.png --size 800x540", 1,
     "tcviz export: @/no/f.png: cannot create a temporary file beside it (No such file or "
     "directory), expected a writable directory\n"},
    {"export --frames @/no/d --size 800x540", 1,
     "tcviz export: --frames @/no/d: cannot create the directory (No such file or "
     "directory)\n"},
    {"export --gif @/a.gif --font @/none.ttf", 1, NULL}, /* font.c's message, checked below */
    {"export --step end --view scatter -o @/f.svg --size 800x540 --lesson-step 2", 2,
     "tcviz export: --lesson-step needs a LESSON.yaml to take the step from\n"},
    {"export " LESSON " --lesson-step 0 -o @/f.png", 2,
     "tcviz export: --lesson-step: expected a step number 1, 2, 3, ... (\"Step N / n\"), got "
     "'0'\n"},
    {"export " LESSON " --lesson-step 7 -o @/f.png --size 800x540", 2,
     "tcviz export: --lesson-step 7 is out of range, expected 1..6 (" LESSON " has 6 steps)\n"},
    {"export " LESSON " --lesson-step 2 --gif @/a.gif", 2,
     "tcviz export: --lesson-step applies to -o FRAME.png only (--gif writes every step)\n"},
    {"export " LESSON " --lesson-step 2", 2,
     "tcviz export: --lesson-step needs -o FRAME.png to write the frame to\n"},
    {"export --step end -o @/f.png --background none", 2,
     "tcviz export: --background applies to --figure only (a whole frame has its theme's)\n"},
    {"export --figure --step end -o @/f.png --background clear", 2,
     "tcviz export: --background: expected none or theme, got 'clear'\n"},
    {"export --figure --gif @/a.gif --background none", 2,
     "tcviz export: --background none: a GIF is written opaque here, expected -o FRAME.png, -o "
     "FRAME.svg or --frames DIR\n"},
    {"export --figure=yes --step end -o @/f.png", 2,
     "tcviz export: --figure takes no value, got '--figure=yes'\n"},
    {"export --figure --figure --step end -o @/f.png", 2,
     "tcviz export: --figure is given twice, expected it once\n"},
    {"export --figure --step end -o @/f.png --size 100", 2,
     "tcviz export: --size: width 100 is out of range, expected 160 .. 7680\n"},
    {"export --figure --step end -o @/f.png --size 480x20", 2,
     "tcviz export: --size: 480x20 is out of range, expected 160x120 .. 7680x4320\n"},
    {"export --step end -o @/f.png --size 480", 2,
     "tcviz export: --size: expected WxH (e.g. 1600x900), got '480'\n"},
    {"export --step 0 -o @/no/f.svg --size 800x540", 1,
     "tcviz export: @/no/f.svg: cannot create a temporary file beside it (No such file or "
     "directory), expected a writable directory\n"},
};

/* Replace '@' by the scratch directory. */
static void expand(const char *in, char *out, size_t cap)
{
    size_t n = 0;
    for (; *in && n + 1 < cap; in++) {
        if (*in == '@')
            n += (size_t)snprintf(out + n, cap - n, "%s", run_dir);
        else
            out[n++] = *in;
        assert_true(n < cap);
    }
    out[n] = '\0';
}

static void test_refusals(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        static Run r;
        run_tcviz(rows[i].args, &r);
        if (r.code != rows[i].code)
            fail_msg("`%s`: exit %d, expected %d (stderr: %s)", rows[i].args, r.code,
                     rows[i].code, r.err);
        assert_string_equal(r.out, "");
        if (rows[i].err) {
            char want[1024];
            expand(rows[i].err, want, sizeof want);
            size_t n = strlen(want);
            int prefix = n > 3 && strcmp(want + n - 3, "...") == 0;
            int one_line = strchr(r.err, '\n') == r.err + strlen(r.err) - 1;
            if (prefix ? strncmp(r.err, want, n - 3) != 0 || !one_line : strcmp(r.err, want) != 0)
                fail_msg("`%s`:\n got: %s want: %s", rows[i].args, r.err, want);
        } else { /* one line naming the missing font file */
            assert_int_equal(strncmp(r.err, "tcviz export: ", 14), 0);
            assert_non_null(strstr(r.err, "none.ttf"));
            assert_non_null(strchr(r.err, '\n'));
            assert_string_equal(strchr(r.err, '\n'), "\n");
        }
        if (run_count_entries(run_dir) != 0)
            fail_msg("`%s` left a file in the directory", rows[i].args);
    }
}

static void test_help(void **state)
{
    (void)state;
    static Run r;
    run_tcviz("export --help", &r);
    assert_int_equal(r.code, 0);
    assert_string_equal(r.err, "");
    assert_int_equal(strncmp(r.out, "usage: tcviz export", 19), 0);
    const char *const documented[] = {"--step K -o FRAME.png", "--gif OUT.gif", "--frames DIR",
                                      "--size WxH", "--delay MS", "--view", "-o FRAME.svg",
                                      "--step end", "--lesson-step N", "--figure",
                                      "--background none|theme"};
    for (size_t i = 0; i < sizeof documented / sizeof documented[0]; i++)
        if (!strstr(r.out, documented[i]))
            fail_msg("--help does not mention %s", documented[i]);
    /* export's own lines (the shared flag list after them is app_args'). */
    const char *own_end = strstr(r.out, "The same example, layer and data flags");
    assert_non_null(own_end);
    int col = 0, line = 1;
    for (const char *p = r.out; p < own_end; p++) {
        col = *p == '\n' ? 0 : col + 1;
        line += *p == '\n';
        if (col > 80)
            fail_msg("--help line %d is wider than 80 columns", line);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_help),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
