/* test_bench_render.c - `tcviz bench render` runs headless and reports.
 *
 * Timings depend on the machine (and this suite also runs under ASan), so
 * the targets are not asserted here; what is: the command plays frames
 * without a display and exits 0, prints every figure it promises
 * (median and p95 frame time, the ui/SDL split, first frame, peak RSS) as
 * numbers that are consistent with each other (p95 >= median, parts no
 * larger than the whole, memory above the size of one frame), runs the
 * MNIST example, and refuses bad arguments with one exact line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "run_tcviz.h"

static int setup(void **state)
{
    (void)state;
    return run_dir_make("tcviz_bench");
}

static int teardown(void **state)
{
    (void)state;
    return run_remove_tree(run_dir);
}

/* The number after `label` in text, or fail. */
static double number_after(const char *text, const char *label)
{
    const char *p = strstr(text, label);
    if (!p)
        fail_msg("no '%s' in:\n%s", label, text);
    double v;
    if (sscanf(p + strlen(label), "%lf", &v) != 1)
        fail_msg("no number after '%s' in:\n%s", label, text);
    return v;
}

static void check_report(const char *out, const char *first_line_start, int w, int h)
{
    assert_int_equal(strncmp(out, first_line_start, strlen(first_line_start)), 0);
    char size[32];
    snprintf(size, sizeof size, "%dx%d", w, h);
    assert_non_null(strstr(out, size));
    const char *frame = strstr(out, "frame time");
    const char *ui = strstr(out, "ui part"), *sdl = strstr(out, "SDL part");
    assert_non_null(frame);
    assert_non_null(ui);
    assert_non_null(sdl);
    double med = number_after(frame, "median"), p95 = number_after(frame, "p95");
    double ui_med = number_after(ui, "median"), sdl_med = number_after(sdl, "median");
    assert_true(med > 0 && p95 >= med);
    assert_true(ui_med >= 0 && ui_med <= p95);
    assert_true(sdl_med > 0 && sdl_med <= p95);
    double first = number_after(out, "first frame");
    assert_true(first > 0 && first < 60000);
    double rss = number_after(out, "peak RSS");
    /* at least the frame buffer itself: w*h*4 bytes */
    assert_true(rss >= (double)w * h * 4 / (1024 * 1024));
    assert_non_null(strstr(out, "(target median <= "));
}

static void test_default_example(void **state)
{
    (void)state;
    static Run r;
    run_tcviz("bench render --frames 6 --size 800x540 --view both", &r);
    assert_string_equal(r.err, "");
    assert_int_equal(r.code, 0);
    check_report(r.out, "tcviz bench render: default example (3x3 -> 6x6", 800, 540);
    assert_non_null(strstr(r.out, "6 frames"));
    assert_non_null(strstr(r.out, "(target median <= 4 ms)"));
    assert_int_equal(run_count_entries(run_dir), 0); /* writes nothing */
}

/* Without --view: every view in turn, one line each with median <= p95. */
static void test_every_view(void **state)
{
    (void)state;
    static const char *const views[] = {"both",     "scatter",  "conv2d",  "matrix",
                                        "gradient", "channels", "overlap", "oned",
                                        "stack",    "code"};
    static Run r;
    run_tcviz("bench render --frames 4 --size 800x540", &r);
    assert_string_equal(r.err, "");
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "every view, 800x540, 4 frames each"));
    for (size_t i = 0; i < sizeof views / sizeof *views; i++) {
        char line[32];
        snprintf(line, sizeof line, "\n  %-9s median", views[i]);
        const char *p = strstr(r.out, line);
        if (!p)
            fail_msg("no line for view %s in:\n%s", views[i], r.out);
        double med = number_after(p, "median"), p95 = number_after(p, "p95");
        assert_true(med > 0 && p95 >= med);
    }
    assert_non_null(strstr(r.out, "target median <= 4 ms per view"));
}

static void test_mnist_example(void **state)
{
    (void)state;
    static Run r;
    run_tcviz("bench render --example mnist --frames 3 --size 800x540 --view conv2d", &r);
    assert_string_equal(r.err, "");
    assert_int_equal(r.code, 0);
    check_report(r.out, "tcviz bench render: mnist example (28x28x32 -> 28x28x1", 800, 540);
    assert_non_null(strstr(r.out, "view conv2d"));
    assert_non_null(strstr(r.out, "(target median <= 8 ms)"));
}

static void test_refusals(void **state)
{
    (void)state;
    static const struct {
        const char *args, *err;
    } rows[] = {
        {"bench render --frames 0",
         "tcviz bench render: --frames: expected a count 1..100000, got '0'\n"},
        {"bench render --frames many",
         "tcviz bench render: --frames: expected a count 1..100000, got 'many'\n"},
        {"bench render --example cifar",
         "tcviz bench render: --example: expected default or mnist, got 'cifar'\n"},
        {"bench render --example mnist --strides 2",
         "tcviz bench render: --example mnist sets the layer and its data; it cannot be combined "
         "with --strides\n"},
        {"bench render --size 100x100",
         "tcviz bench render: --size: 100x100 is out of range, expected 800x540 .. 7680x4320\n"},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        static Run r;
        run_tcviz(rows[i].args, &r);
        if (r.code != 2 || strcmp(r.err, rows[i].err) != 0)
            fail_msg("`%s`: exit %d, stderr:\n%s", rows[i].args, r.code, r.err);
        assert_string_equal(r.out, "");
    }
    static Run r;
    run_tcviz("bench render --help", &r);
    assert_int_equal(r.code, 0);
    assert_int_equal(strncmp(r.out, "usage: tcviz bench render", 25), 0);
    assert_non_null(strstr(r.out, "--example mnist"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_example),
        cmocka_unit_test(test_every_view),
        cmocka_unit_test(test_mnist_example),
        cmocka_unit_test(test_refusals),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
