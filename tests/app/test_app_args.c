/* test_app_args.c - the command line of the window / export / bench render:
 * layer flags as `tcviz compute` takes them (op fixed), the app's own flags,
 * a lesson positional, the callers' extra flags, the exact error messages,
 * and the SceneSetup built from .npy files or a lesson. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app_args.h"
#include "io/npy.h"

#define ARGV(...) (char *[]){"tcviz", __VA_ARGS__, NULL}

/* argc is counted from the NULL-terminated argv. */
static int parse(char **argv, const char *const *extra, AppArgs *a, Err *err)
{
    int argc = 0;
    while (argv[argc])
        argc++;
    memset(err, 0, sizeof *err);
    return app_args_parse(argc, argv, 1, extra, a, err);
}

/* Parsing argv must fail with exactly msg. */
static void refuse(char **argv, const char *const *extra, const char *msg)
{
    AppArgs a;
    Err err;
    if (parse(argv, extra, &a, &err) == 0)
        fail_msg("accepted, expected the error '%s'", msg);
    assert_string_equal(err.msg, msg);
}

static void test_no_arguments_is_the_default_example(void **state)
{
    (void)state;
    char *argv[] = {"tcviz", NULL};
    AppArgs a;
    Err err;
    assert_int_equal(parse(argv, NULL, &a, &err), 0);
    assert_int_equal(a.layer.spec.op, OP_CONV2D_TRANSPOSE);
    assert_null(a.lesson);
    assert_null(a.layer_flag);
    assert_null(a.font);
    assert_int_equal(a.view, VIEW_BOTH);
    assert_int_equal(a.theme, THEME_LIGHT);
    assert_int_equal(a.reduced_motion, 0);
    SceneSetup s;
    assert_int_equal(app_args_setup(&a, &s, &err), 0);
    /* zeroed spec and tensors: the scene's own default example */
    SceneSetup zero;
    memset(&zero, 0, sizeof zero);
    assert_memory_equal(&s.spec, &zero.spec, sizeof s.spec);
    assert_null(s.input.data);
    assert_null(s.filter.data);
    app_args_free(&s);
}

static void test_app_and_layer_flags_in_any_order(void **state)
{
    (void)state;
    char **argv = ARGV("--view", "scatter", "--strides", "2", "--theme=projector", "--padding",
                       "VALID", "--reduced-motion", "--kernel", "w.npy", "--font", "my.ttf",
                       "--input=x.npy", "--output-shape", "1,7,7,1");
    AppArgs a;
    Err err;
    if (parse(argv, NULL, &a, &err) != 0)
        fail_msg("%s", err.msg);
    assert_int_equal(a.view, VIEW_SCATTER);
    assert_int_equal(a.theme, THEME_PROJECTOR);
    assert_int_equal(a.reduced_motion, 1);
    assert_string_equal(a.font, "my.ttf");
    assert_string_equal(a.layer.filter, "w.npy");
    assert_string_equal(a.layer.input, "x.npy");
    assert_string_equal(a.layer_flag, "--strides");
    assert_int_equal(a.layer.spec.op, OP_CONV2D_TRANSPOSE);
    assert_int_equal(a.layer.spec.params.convention, CONV_TF);
    assert_int_equal(a.layer.spec.params.stride[0], 2);
    assert_int_equal(a.layer.spec.params.stride[1], 2);
    assert_int_equal(a.layer.spec.params.padding, PAD_VALID);
    int want[4] = {1, 7, 7, 1};
    assert_memory_equal(a.layer.spec.size, want, sizeof want);
}

static void test_torch_flags_and_the_lesson_positional(void **state)
{
    (void)state;
    char **argv = ARGV("--convention", "torch", "--stride", "3", "--output-padding", "1");
    AppArgs a;
    Err err;
    assert_int_equal(parse(argv, NULL, &a, &err), 0);
    assert_int_equal(a.layer.spec.params.convention, CONV_TORCH);
    assert_int_equal(a.layer.spec.params.stride[0], 3);
    assert_int_equal(a.layer.spec.params.output_padding[1], 1);

    char **argv2 = ARGV("lessons/01.yaml", "--view", "conv2d");
    assert_int_equal(parse(argv2, NULL, &a, &err), 0);
    assert_string_equal(a.lesson, "lessons/01.yaml");
    assert_int_equal(a.view, VIEW_CONV2D);
    assert_null(a.layer_flag);
}

static void test_extra_flags_of_the_caller_land_in_order(void **state)
{
    (void)state;
    static const char *const extra[] = {"--step", "--size", "--gif", NULL};
    char **argv = ARGV("--size", "800x600", "--strides", "2", "--step=3");
    AppArgs a;
    Err err;
    assert_int_equal(parse(argv, extra, &a, &err), 0);
    assert_string_equal(a.extra[0], "3");
    assert_string_equal(a.extra[1], "800x600");
    assert_null(a.extra[2]);
    /* extras are not layer flags: only --strides counts */
    assert_string_equal(a.layer_flag, "--strides");
    /* a value that looks like a lesson still belongs to its flag */
    char **argv2 = ARGV("--gif", "out.yaml");
    assert_int_equal(parse(argv2, extra, &a, &err), 0);
    assert_string_equal(a.extra[2], "out.yaml");
    assert_null(a.lesson);
}

static void test_help_wins_over_mistakes(void **state)
{
    (void)state;
    char **argv = ARGV("--view", "nowhere", "conv2d", "-h");
    AppArgs a;
    Err err;
    assert_int_equal(parse(argv, NULL, &a, &err), 0);
    assert_int_equal(a.help, 1);
}

static void test_text_scale_and_present(void **state)
{
    (void)state;
    AppArgs a;
    Err err;
    assert_int_equal(parse(ARGV("--text-scale", "1.5", "--present"), NULL, &a, &err), 0);
    assert_true(a.text_scale == 1.5f && a.present == 1);
    SceneSetup setup;
    assert_int_equal(app_args_setup(&a, &setup, &err), 0);
    assert_true(setup.text_scale == 1.5f && setup.present == 1);
    app_args_free(&setup);
    assert_int_equal(parse(ARGV("--text-scale=0.5"), NULL, &a, &err), 0);
    assert_true(a.text_scale == 0.5f && a.present == 0);
    assert_int_equal(parse(ARGV("--text-scale", "3"), NULL, &a, &err), 0);
    assert_true(a.text_scale == 3.0f);
    static const char *const bad[] = {"0.49", "3.01", "4", "x", "1e0", "nan", "inf", "0x2",
                                      ".",    "1.5.", "",  " 1"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char msg[160], flag[64];
        snprintf(flag, sizeof flag, "--text-scale=%s", bad[i]);
        snprintf(msg, sizeof msg,
                 "--text-scale: expected a number from 0.5 to 3 (e.g. 1.5), got '%s'", bad[i]);
        refuse(ARGV(flag), NULL, msg);
    }
    refuse(ARGV("--text-scale"), NULL,
           "--text-scale needs a value: a number from 0.5 to 3 (e.g. 1.5)");
    refuse(ARGV("--present=1"), NULL, "--present takes no value, got '--present=1'");
    refuse(ARGV("--present", "--present"), NULL, "--present is given twice, expected it once");
}

static void test_errors_name_the_argument(void **state)
{
    (void)state;
    refuse(ARGV("conv2d"), NULL,
           "unexpected argument 'conv2d', expected a LESSON.yaml or flags (the op is always "
           "conv2d_transpose)");
    refuse(ARGV("a.yaml", "b.yaml"), NULL, "unexpected second lesson 'b.yaml' after a.yaml");
    refuse(ARGV("--view", "sideways"), NULL,
           "--view: expected both, scatter, conv2d, matrix, gradient, channels, overlap, oned, "
           "stack or code, got 'sideways'");
    refuse(ARGV("--theme", "pink"), NULL,
           "--theme: expected light, dark or projector, got 'pink'");
    refuse(ARGV("--theme"), NULL, "--theme needs a value: light, dark or projector");
    refuse(ARGV("--font", "--view", "both"), NULL, "--font needs a value: FILE.ttf");
    refuse(ARGV("--font="), NULL, "--font: expected FILE.ttf, got an empty path");
    refuse(ARGV("--view", "both", "--view=scatter"), NULL,
           "--view is given twice, expected it once");
    refuse(ARGV("--reduced-motion=yes"), NULL,
           "--reduced-motion takes no value, got '--reduced-motion=yes'");
    refuse(ARGV("--reduced-motion", "--reduced-motion"), NULL,
           "--reduced-motion is given twice, expected it once");
    refuse(ARGV("--veiw", "both"), NULL, "unknown flag --veiw (did you mean --view?)");
    refuse(ARGV("--stride", "2"), NULL,
           "--stride is a PyTorch flag; add --convention torch, or use the TF flag --strides");
    refuse(ARGV("--strides", "2", "x.yaml"), NULL,
           "--strides cannot be combined with a lesson (x.yaml sets the layer)");
    refuse(ARGV("x.yaml", "--input=a.npy"), NULL,
           "--input cannot be combined with a lesson (x.yaml sets the layer)");
    refuse(ARGV("--d-out", "dy.npy"), NULL,
           "--d-out does not apply to conv2d_transpose (it takes --input and --filter)");
    refuse(ARGV("--input-sizes", "1,3,3,1"), NULL,
           "--input-sizes applies to conv2d_backprop_input only, not conv2d_transpose");
    refuse(ARGV("-o", "y.npy"), NULL, "-o does not apply here: nothing is written");
}

/* ---- setup from files ---------------------------------------------------- */

static char dir[64];

static int make_dir(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/tcviz-app-args-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int remove_dir(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void test_setup_loads_the_npy_tensors(void **state)
{
    (void)state;
    char x_path[128], w_path[128];
    snprintf(x_path, sizeof x_path, "%s/x.npy", dir);
    snprintf(w_path, sizeof w_path, "%s/w.npy", dir);
    float x[8] = {1, 2, 3, 4, 5, 6, 7, 8}, w[9] = {1, 0, 0, 0, 1, 0, 0, 0, 1};
    Err err = {0};
    assert_int_equal(npy_write_f32(x_path, 4, (int[]){1, 2, 4, 1}, x, &err), 0);
    assert_int_equal(npy_write_f32(w_path, 4, (int[]){3, 3, 1, 1}, w, &err), 0);
    char *argv[] = {"tcviz", "--input", x_path, "--filter", w_path, "--strides", "2", NULL};
    AppArgs a;
    assert_int_equal(parse(argv, NULL, &a, &err), 0);
    SceneSetup s;
    if (app_args_setup(&a, &s, &err) != 0)
        fail_msg("%s", err.msg);
    assert_int_equal(s.spec.op, OP_CONV2D_TRANSPOSE);
    assert_int_equal(s.spec.params.stride[0], 2);
    assert_int_equal(s.input.layout, LAYOUT_NHWC);
    assert_memory_equal(s.input.dim, ((int[]){1, 2, 4, 1}), 4 * sizeof(int));
    assert_memory_equal(s.input.data, x, sizeof x);
    assert_int_equal(s.filter.layout, LAYOUT_HWOI);
    assert_memory_equal(s.filter.data, w, sizeof w);
    assert_null(s.bias.data);
    app_args_free(&s);
}

static void test_setup_names_a_missing_file(void **state)
{
    (void)state;
    char *argv[] = {"tcviz", "--input", "/nonexistent/x.npy", NULL};
    AppArgs a;
    Err err = {0};
    assert_int_equal(parse(argv, NULL, &a, &err), 0);
    SceneSetup s;
    assert_int_equal(app_args_setup(&a, &s, &err), -1);
    assert_non_null(strstr(err.msg, "/nonexistent/x.npy"));
}

static void test_setup_takes_layer_and_tensors_from_a_lesson(void **state)
{
    (void)state;
    char path[128];
    snprintf(path, sizeof path, "%s/lesson.yaml", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("title: test\nsummary: a test lesson\nconvention: tf\nop: conv2d_transpose\n"
          "params:\n  strides: 3\n  padding: VALID\n"
          "tensors:\n  input:\n    - [1, 2]\n    - [3, 4]\n"
          "  filter:\n    - [1, 0]\n    - [0, -1]\n"
          "steps:\n  - view: scatter\n    at: 0\n    text: first\n",
          f);
    fclose(f);
    char *argv[] = {"tcviz", path, "--theme", "dark", NULL};
    AppArgs a;
    Err err = {0};
    assert_int_equal(parse(argv, NULL, &a, &err), 0);
    SceneSetup s;
    if (app_args_setup(&a, &s, &err) != 0)
        fail_msg("%s", err.msg);
    assert_int_equal(s.theme, THEME_DARK);
    assert_int_equal(s.spec.op, OP_CONV2D_TRANSPOSE);
    assert_int_equal(s.spec.params.stride[0], 3);
    assert_int_equal(s.spec.params.padding, PAD_VALID);
    assert_memory_equal(s.input.dim, ((int[]){1, 2, 2, 1}), 4 * sizeof(int));
    assert_memory_equal(s.input.data, ((float[]){1, 2, 3, 4}), 4 * sizeof(float));
    assert_memory_equal(s.filter.data, ((float[]){1, 0, 0, -1}), 4 * sizeof(float));
    app_args_free(&s);

    char *missing[] = {"tcviz", "/nonexistent/lesson.yaml", NULL};
    assert_int_equal(parse(missing, NULL, &a, &err), 0);
    assert_int_equal(app_args_setup(&a, &s, &err), -1);
    assert_non_null(strstr(err.msg, "/nonexistent/lesson.yaml"));
}

static void test_size_parsing_is_strict(void **state)
{
    (void)state;
    int w = 0, h = 0;
    Err err = {0};
    assert_int_equal(app_parse_size("1600x900", &w, &h, &err), 0);
    assert_int_equal(w, 1600);
    assert_int_equal(h, 900);
    assert_int_equal(app_parse_size("800X540", &w, &h, &err), 0);
    assert_int_equal(h, 540);
    /* just below the smallest clean layout, each way */
    assert_int_equal(app_parse_size("799x540", &w, &h, &err), -1);
    assert_int_equal(app_parse_size("800x539", &w, &h, &err), -1);
    const char *bad[] = {"1600", "1600x", "x900", "1600x900x", " 1600x900", "1600x 900",
                         "-1600x900", "1600*900", ""};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char want[96];
        snprintf(want, sizeof want, "--size: expected WxH (e.g. 1600x900), got '%s'", bad[i]);
        assert_int_equal(app_parse_size(bad[i], &w, &h, &err), -1);
        assert_string_equal(err.msg, want);
    }
    assert_int_equal(app_parse_size("100x100", &w, &h, &err), -1);
    assert_string_equal(err.msg,
                        "--size: 100x100 is out of range, expected 800x540 .. 7680x4320");
    assert_int_equal(app_parse_size("7681x900", &w, &h, &err), -1);
    /* A size of the right form past any limit is a range error, however
     * many digits it has. */
    assert_int_equal(app_parse_size("100000x100000", &w, &h, &err), -1);
    assert_string_equal(err.msg,
                        "--size: 100000x100000 is out of range, expected 800x540 .. 7680x4320");
    assert_int_equal(app_parse_size("16000000000000000000x9", &w, &h, &err), -1);
    assert_string_equal(err.msg, "--size: 16000000000000000000x9 is out of range, expected "
                                 "800x540 .. 7680x4320");
}

/* A figure's sizes: smaller bounds, and the width alone (height 0: chosen
 * from the content). */
static void test_size_within_bounds_and_width_only(void **state)
{
    (void)state;
    int w = 0, h = -1;
    Err err = {0};
    assert_int_equal(app_parse_size_within("480", 160, 120, 1, &w, &h, &err), 0);
    assert_int_equal(w, 480);
    assert_int_equal(h, 0);
    assert_int_equal(app_parse_size_within("480x200", 160, 120, 1, &w, &h, &err), 0);
    assert_int_equal(h, 200);
    assert_int_equal(app_parse_size_within("480", 160, 120, 0, &w, &h, &err), -1);
    assert_string_equal(err.msg, "--size: expected WxH (e.g. 1600x900), got '480'");
    assert_int_equal(app_parse_size_within("480x", 160, 120, 1, &w, &h, &err), -1);
    assert_string_equal(err.msg, "--size: expected WxH or W (e.g. 1600x900), got '480x'");
    assert_int_equal(app_parse_size_within("159", 160, 120, 1, &w, &h, &err), -1);
    assert_string_equal(err.msg, "--size: width 159 is out of range, expected 160 .. 7680");
    assert_int_equal(app_parse_size_within("160x119", 160, 120, 1, &w, &h, &err), -1);
    assert_string_equal(err.msg,
                        "--size: 160x119 is out of range, expected 160x120 .. 7680x4320");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_arguments_is_the_default_example),
        cmocka_unit_test(test_size_within_bounds_and_width_only),
        cmocka_unit_test(test_text_scale_and_present),
        cmocka_unit_test(test_app_and_layer_flags_in_any_order),
        cmocka_unit_test(test_torch_flags_and_the_lesson_positional),
        cmocka_unit_test(test_extra_flags_of_the_caller_land_in_order),
        cmocka_unit_test(test_help_wins_over_mistakes),
        cmocka_unit_test(test_errors_name_the_argument),
        cmocka_unit_test(test_setup_loads_the_npy_tensors),
        cmocka_unit_test(test_setup_names_a_missing_file),
        cmocka_unit_test(test_setup_takes_layer_and_tensors_from_a_lesson),
        cmocka_unit_test(test_size_parsing_is_strict),
    };
    return cmocka_run_group_tests(tests, make_dir, remove_dir);
}
