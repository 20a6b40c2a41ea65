/* test_explain.c - `tcviz explain` text, run as a user runs it (posix_spawn
 * of the built binary, no shell; see explain_fixture.h).
 *
 * - Golden text: lessons 1 and 2 of the course compared byte for byte with
 *   tests/data/explain/lessonNN.txt. A golden is only as good as its review,
 *   so the same runs are also checked against the source question's stated
 *   outputs read back from the text, independently of the golden.
 * - --steps limits the steps, the text fits 80 columns for inputs up to 6x6
 *   (several geometries, channels, long float values), the 28x28x32 case of
 *   the source question stays small, and bad command lines fail with one line.
 *
 * TCVIZ_UPDATE_GOLDEN=1 rewrites the goldens and fails, so a rewritten golden
 * is never passed silently: review it, then run again. */
#include "explain_fixture.h"

#include <glob.h>

#define GOLDEN_DIR TCVIZ_TEST_DATA "/explain/"

static int setup(void **state)
{
    (void)state;
    if (fixture_dir_create() != 0)
        return -1;
    /* the source question's example: x with 1.5 and 1, w = [[1,2],[3,4]] */
    const float x[9] = {0, 0, 1.5f, 0, 1, 0, 0, 0, 0}, w[4] = {1, 2, 3, 4};
    write_fixture("x.npy", (int[]){1, 3, 3, 1}, x);
    write_fixture("w.npy", (int[]){2, 2, 1, 1}, w);
    /* the U-Net answer: X = arange(15) as 3x5, a 2x2 kernel of ones */
    float *a15 = arange(15, 0, 1), ones[4] = {1, 1, 1, 1};
    write_fixture("x35.npy", (int[]){1, 3, 5, 1}, a15);
    write_fixture("w22ones.npy", (int[]){2, 2, 1, 1}, ones);
    free(a15);
    /* 6x6 inputs for the 80-column checks */
    float *a36 = arange(36, 1, 1), *a16 = arange(16, 1, 1), *a9 = arange(9, 1, 1);
    float *f36 = arange(36, -0.123456f, 0.0371f), *a108 = arange(108, 1, 1);
    float *a24 = arange(24, -12, 1);
    write_fixture("x66.npy", (int[]){1, 6, 6, 1}, a36);
    write_fixture("w33.npy", (int[]){3, 3, 1, 1}, a9);
    write_fixture("x66t.npy", (int[]){1, 1, 6, 6}, a36);
    write_fixture("w44t.npy", (int[]){1, 1, 4, 4}, a16);
    write_fixture("x66f.npy", (int[]){1, 6, 6, 1}, f36);
    write_fixture("x66c.npy", (int[]){1, 6, 6, 3}, a108);
    write_fixture("w22c.npy", (int[]){2, 2, 2, 3}, a24);
    write_fixture("b2.npy", (int[]){1, 1, 1, 2}, (float[]){0.5f, -1});
    /* one row past the walkthrough's 64x64 input limit */
    float *z = calloc(65 * 4, sizeof *z);
    write_fixture("x65.npy", (int[]){1, 65, 4, 1}, z);
    free(z);
    free(a36);
    free(a16);
    free(a9);
    free(f36);
    free(a108);
    free(a24);
    /* the 28x28 MNIST-like activations with 32 channels and 7x7 filters */
    float *x28 = arange(28 * 28 * 32, 0, 0.001f), *w77 = arange(7 * 7 * 32, -1, 0.01f);
    write_fixture("x28.npy", (int[]){1, 28, 28, 32}, x28);
    write_fixture("w77.npy", (int[]){7, 7, 1, 32}, w77);
    free(x28);
    free(w77);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    return fixture_dir_remove();
}

static int read_grid(const char *text, const char *title, float *out, int max_cols, int *cols)
{
    const char *p = strstr(text, title);
    assert_non_null(p);
    p = strchr(p, '\n');
    assert_non_null(p);
    p = strchr(p + 1, '\n'); /* skip the column-label header */
    assert_non_null(p);
    p++;
    int rows = 0;
    *cols = 0;
    while (*p && *p != '\n') {
        char row[1024], *end;
        size_t len = strcspn(p, "\n");
        assert_true(len < sizeof row);
        memcpy(row, p, len); /* strtof would skip a newline into the next row */
        row[len] = '\0';
        strtol(row, &end, 10); /* the row label */
        int c = 0;
        for (;;) {
            char *next;
            float v = strtof(end, &next);
            if (next == end)
                break;
            assert_true(c < max_cols);
            out[rows * max_cols + c++] = v;
            end = next;
        }
        if (*cols == 0)
            *cols = c;
        assert_int_equal(c, *cols);
        rows++;
        p = strchr(p, '\n');
        if (!p)
            break;
        p++;
    }
    return rows;
}

static void assert_grid(const char *text, const char *title, const float *want, int rows,
                        int cols)
{
    float got[32 * 32];
    int got_cols;
    assert_int_equal(read_grid(text, title, got, 32, &got_cols), rows);
    assert_int_equal(got_cols, cols);
    for (int r = 0; r < rows; r++)
        for (int c = 0; c < cols; c++)
            if (got[r * 32 + c] != want[r * cols + c])
                fail_msg("%s[%d][%d] is %g, expected %g", title, r, c, got[r * 32 + c],
                         want[r * cols + c]);
}

/* The one file matching pattern (relative to the repo root). */
static void find_one(const char *pattern, char *buf, size_t cap)
{
    glob_t g;
    if (glob(pattern, 0, NULL, &g) != 0 || g.gl_pathc != 1)
        fail_msg("expected exactly one file matching %s", pattern);
    snprintf(buf, cap, "%s", g.gl_pathv[0]);
    globfree(&g);
}

static void assert_golden(const Run *r, const char *name)
{
    char path[256];
    snprintf(path, sizeof path, GOLDEN_DIR "%s", name);
    if (getenv("TCVIZ_UPDATE_GOLDEN")) {
        mkdir(GOLDEN_DIR, 0755);
        FILE *f = fopen(path, "wb");
        assert_non_null(f);
        fwrite(r->out, 1, r->out_len, f);
        fclose(f);
        fail_msg("rewrote %s: review it, then run without TCVIZ_UPDATE_GOLDEN", path);
    }
    size_t len;
    char *want = slurp(path, &len);
    if (len != r->out_len || memcmp(want, r->out, len) != 0) {
        int line = 1;
        size_t i = 0;
        for (; i < len && i < r->out_len && want[i] == r->out[i]; i++)
            line += want[i] == '\n';
        fail_msg("%s differs from the output at line %d", path, line);
    }
    free(want);
}

/* ---- golden lessons ------------------------------------------------------------- */

/* The source question's conv2d_transpose of [[0,0,1.5],[0,1,0],[0,0,0]]
 * with [[1,2],[3,4]], stride 2, SAME, as printed by TensorFlow. */
static const float source_6x6[36] = {
    0, 0, 0, 0, 1.5f, 3, 0, 0, 0, 0, 4.5f, 6, 0, 0, 1, 2, 0, 0,
    0, 0, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

/* The U-Net answer's y for X = arange(15) as 3x5: each value as a 2x2 tile. */
static void unet_6x10(float *y)
{
    for (int r = 0; r < 6; r++)
        for (int c = 0; c < 10; c++)
            y[r * 10 + c] = (float)((r / 2) * 5 + c / 2);
}

static void test_lesson1_golden_and_source_numbers(void **state)
{
    (void)state;
    char lesson[256], line[300];
    find_one("lessons/01-*.yaml", lesson, sizeof lesson);
    snprintf(line, sizeof line, "explain %s", lesson);
    Run r;
    run_tcviz(line, &r);
    assert_int_equal(r.code, 0);
    assert_string_equal(r.err, "");
    assert_grid(r.out, "Output y, NHWC [1, 6, 6, 1]:", source_6x6, 6, 6);
    assert_non_null(strstr(r.out, "\n  step 9/9: x[2,2] = 0 -> out[4:6, 4:6]\n"));
    assert_non_null(strstr(r.out, "Verified: scatter, conv2d-equivalent, matrix C^T x and "
                                  "conv2d_backprop_input"));
    assert_non_null(strstr(r.out, "max |difference| 0 (conv2d 0, matrix 0, backprop_input 0)"));
    assert_fits_80_columns(r.out);
    assert_golden(&r, "lesson01.txt");
    run_free(&r);
}

static void test_lesson2_golden_and_source_numbers(void **state)
{
    (void)state;
    char lesson[256], line[300];
    find_one("lessons/02-*.yaml", lesson, sizeof lesson);
    snprintf(line, sizeof line, "explain %s", lesson);
    Run r;
    run_tcviz(line, &r);
    assert_int_equal(r.code, 0);
    assert_string_equal(r.err, "");
    float y[60];
    unet_6x10(y);
    assert_grid(r.out, "Output y, NHWC [1, 6, 10, 1]:", y, 6, 10);
    assert_non_null(strstr(r.out, "\n  step 15/15: x[2,4] = 14 -> out[4:6, 8:10]\n"));
    assert_non_null(strstr(r.out, "max |difference| 0 (conv2d 0, matrix 0, backprop_input 0)"));
    assert_fits_80_columns(r.out);
    assert_golden(&r, "lesson02.txt");
    run_free(&r);
}

/* Every lesson of the course explains, gradient lessons (op conv2d) through
 * the conv2d_transpose that computes their input gradient. */
static void test_every_lesson_explains_and_verifies(void **state)
{
    (void)state;
    glob_t g;
    assert_int_equal(glob("lessons/[0-9][0-9]-*.yaml", 0, NULL, &g), 0);
    assert_true(g.gl_pathc >= 12);
    for (size_t i = 0; i < g.gl_pathc; i++) {
        char line[300];
        snprintf(line, sizeof line, "explain %s --steps 1", g.gl_pathv[i]);
        Run r;
        run_tcviz(line, &r);
        /* Integer lessons agree exactly; lesson 6 holds trained float32
         * weights, whose sums in another order differ in the last bits. */
        const char *d = strstr(r.out, "max |difference| ");
        double limit = strstr(g.gl_pathv[i], "/06-") ? 1e-5 : 0;
        if (r.code != 0 || !d || strtod(d + strlen("max |difference| "), NULL) > limit)
            fail_msg("%s: exit %d, stderr '%s'", g.gl_pathv[i], r.code, r.err);
        run_free(&r);
    }
    globfree(&g);
}

/* The flags spelling of lesson 1 and the bare default give the same numbers. */
static void test_flags_and_default_example_match_the_source(void **state)
{
    (void)state;
    const char *const lines[] = {
        "explain conv2d_transpose --input @x.npy --filter @w.npy --strides 2 --padding SAME",
        /* one command line, wrapped: the parentheses say the join is meant */
        ("explain --input=@x.npy --kernel=@w.npy --output-shape 1,6,6,1 --strides=2 "
         "--padding=SAME"),
        "explain",
        "explain --strides 2 --padding SAME",
    };
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        Run r;
        run_tcviz(lines[i], &r);
        if (r.code != 0)
            fail_msg("%s: exit %d: %s", lines[i], r.code, r.err);
        assert_grid(r.out, "Output y, NHWC [1, 6, 6, 1]:", source_6x6, 6, 6);
        assert_non_null(strstr(r.out, "\nVerified: "));
        assert_fits_80_columns(r.out);
        /* Only the runs without tensors say they used the default example. */
        assert_int_equal(strstr(r.out, "(no tensors given") != NULL, i >= 2);
        run_free(&r);
    }
    Run r;
    run_tcviz("explain --input @x35.npy --filter @w22ones.npy --strides 2 --padding VALID", &r);
    assert_int_equal(r.code, 0);
    float y[60];
    unet_6x10(y);
    assert_grid(r.out, "Output y, NHWC [1, 6, 10, 1]:", y, 6, 10);
    run_free(&r);
    /* Only the filter missing: the example's [[1,2],[3,4]] tiles each value. */
    run_tcviz("explain --input @x35.npy --strides 2 --padding VALID", &r);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "\n(no filter given: the default example's, w = [[1,2],[3,4]]"));
    for (int i = 0; i < 60; i++)
        y[i] = (float)((i / 20) * 5 + (i % 10) / 2) * (float)(1 + (i / 10) % 2 * 2 + i % 2);
    assert_grid(r.out, "Output y, NHWC [1, 6, 10, 1]:", y, 6, 10);
    run_free(&r);
}

/* ---- --steps ---------------------------------------------------------------------- */

static void test_steps_limits_the_steps_shown(void **state)
{
    (void)state;
    Run r;
    run_tcviz("explain --steps 2", &r);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "\n  step 1/9: "));
    assert_non_null(strstr(r.out, "\n  step 2/9: "));
    assert_null(strstr(r.out, "step 3/9"));
    assert_non_null(strstr(r.out, "... 7 more steps not shown (--steps N shows N)."));
    /* the finished canvas is still shown, then the rest of the walkthrough */
    assert_non_null(strstr(r.out, "canvas after all 9 steps:"));
    assert_grid(r.out, "Output y, NHWC [1, 6, 6, 1]:", source_6x6, 6, 6);
    assert_non_null(strstr(r.out, "\nVerified: "));
    run_free(&r);

    run_tcviz("explain --steps=0", &r);
    assert_int_equal(r.code, 0);
    assert_null(strstr(r.out, "step 1/9"));
    assert_non_null(strstr(r.out, "... 9 more steps not shown"));
    run_free(&r);

    run_tcviz("explain --steps all", &r);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "step 9/9"));
    assert_null(strstr(r.out, "not shown"));
    run_free(&r);
}

/* ---- width and size limits ------------------------------------------------------ */

static void test_inputs_up_to_6x6_fit_80_columns(void **state)
{
    (void)state;
    const char *const lines[] = {
        "explain --input @x66.npy --filter @w33.npy --strides 2 --padding SAME",
        "explain --input @x66.npy --filter @w33.npy --strides 2 --padding VALID --steps all",
        ("explain --convention torch --input @x66t.npy --filter @w44t.npy --stride 2 "
         "--padding 1 --output-padding 1"),
        "explain --input @x66f.npy --filter @w33.npy --strides 2 --padding SAME",
        "explain --input @x66f.npy --filter @w33.npy --strides 3 --dilations 2 --padding VALID",
        "explain --input @x66c.npy --filter @w22c.npy --strides 2 --padding SAME --bias @b2.npy",
        "explain --input @x66.npy --filter @w33.npy --strides 1,2 --padding 1,0,2,1",
    };
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        Run r;
        run_tcviz(lines[i], &r);
        if (r.code != 0)
            fail_msg("%s: exit %d: %s", lines[i], r.code, r.err);
        assert_fits_80_columns(r.out);
        if (!strstr(r.out, "\nVerified: "))
            fail_msg("%s: no Verified line in ...%s", lines[i],
                     r.out + (r.out_len > 600 ? r.out_len - 600 : 0));
        run_free(&r);
    }
}

/* The source question's 28x28 input with 32 filters of 7x7, SAME: 25088
 * steps. The text and the JSON stay small and say what they left out. */
static void test_28x28x32_is_capped(void **state)
{
    (void)state;
    Run r;
    run_tcviz("explain --input @x28.npy --filter @w77.npy --padding SAME", &r);
    assert_int_equal(r.code, 0);
    assert_true(r.out_len < 200000);
    assert_non_null(strstr(r.out, "... 25052 more steps not shown (--steps N shows N)."));
    assert_non_null(strstr(r.out, "slices not shown; --format json has all)"));
    assert_non_null(strstr(r.out, "\nVerified: "));
    assert_fits_80_columns(r.out);
    run_free(&r);
    run_tcviz("explain --input @x28.npy --filter @w77.npy --padding SAME --format json", &r);
    assert_int_equal(r.code, 0);
    assert_true(r.out_len < 2000000);
    json_t *root = parse_json(&r);
    assert_int_equal(json_integer_value(get(root, "steps_total")), 28 * 28 * 32);
    assert_int_equal(json_array_size(get(root, "steps")), 36);
    json_decref(root);
    run_free(&r);
}

/* ---- errors and help ----------------------------------------------------------- */

typedef struct {
    const char *line;
    int code;
    const char *err; /* the whole stderr, without the newline; NULL: prefix only */
    const char *contains;
} BadRun;

static const BadRun bad_runs[] = {
    {"explain --input @x65.npy --filter @w.npy", 1,
     "tcviz explain: the layer is too large to walk through: input 65x4 with 1 channels, canvas "
     "66x5, 1 output channels; expected at most 64x64 input, a 200x200 canvas and 64 channels",
     NULL},
    {"explain --input @x.npy --filter @w.npy --strides 120", 1, NULL, "too large to walk through"},
    {"explain --steps -1", 2,
     "tcviz explain: --steps: expected a number of steps (0 or more) or all, got '-1'", NULL},
    {"explain --steps two", 2,
     "tcviz explain: --steps: expected a number of steps (0 or more) or all, got 'two'", NULL},
    {"explain --format xml", 2, "tcviz explain: --format: expected text or json, got 'xml'",
     NULL},
    {"explain conv2d --input @x.npy --filter @w.npy", 2,
     "tcviz explain: explain walks through conv2d_transpose or conv1d_transpose, not conv2d",
     NULL},
    {"explain upsample", 2,
     "tcviz explain: unexpected argument 'upsample', expected a LESSON.yaml file or "
     "conv2d_transpose", NULL},
    {"explain a.yaml b.yaml", 2, "tcviz explain: one lesson at a time: got 'a.yaml' and 'b.yaml'",
     NULL},
    {"explain lessons/x.yaml --strides 2", 2,
     "tcviz explain: --strides does not apply with a lesson file: the lesson sets the layer "
     "(only --steps and --format do)", NULL},
    {"explain --stride 2", 2,
     "tcviz explain: --stride is a PyTorch flag; add --convention torch, or use the TF flag "
     "--strides", NULL},
    {"explain --step 2", 2, "tcviz explain: unknown flag --step (did you mean --steps?)", NULL},
    {"explain -o @y.npy", 2, "tcviz explain: -o does not apply here: nothing is written", NULL},
    {"explain --input @x.npy --input-sizes 1,6,6,1", 2, NULL, "--input-sizes"},
    {"explain --input @missing.npy", 1, NULL, "missing.npy"},
    {"explain @missing.yaml", 1, NULL, "missing.yaml"},
    {"explain --input @x.npy --filter @w.npy --strides 2 --padding SAME --output-shape 1,9,9,1",
     1, "tcviz explain: output_shape height 9 is illegal for input height 3 (stride 2, SAME): "
     "expected 5..6", NULL},
    {"explain --input @x66c.npy --filter @w.npy", 1, NULL, "channels"},
};

static void test_bad_command_lines_fail_with_one_line(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof bad_runs / sizeof bad_runs[0]; i++) {
        const BadRun *b = &bad_runs[i];
        Run r;
        run_tcviz(b->line, &r);
        if (r.code != b->code)
            fail_msg("%s: exit %d, expected %d (%s)", b->line, r.code, b->code, r.err);
        assert_string_equal(r.out, "");
        size_t len = strlen(r.err);
        assert_true(len > 0 && r.err[len - 1] == '\n');
        assert_true(strchr(r.err, '\n') == r.err + len - 1); /* one line */
        r.err[len - 1] = '\0';
        if (b->err)
            assert_string_equal(r.err, b->err);
        assert_int_equal(strncmp(r.err, "tcviz explain: ", 15), 0);
        if (b->contains && !strstr(r.err, b->contains))
            fail_msg("%s: '%s' does not mention %s", b->line, r.err, b->contains);
        run_free(&r);
    }
}

static void test_help_documents_the_json_schema_and_fits(void **state)
{
    (void)state;
    Run a, b;
    run_tcviz("explain --help", &a);
    assert_int_equal(a.code, 0);
    assert_string_equal(a.err, "");
    assert_non_null(strstr(a.out, "usage: tcviz explain LESSON.yaml"));
    assert_non_null(strstr(a.out, "--steps N"));
    assert_non_null(strstr(a.out, "steps: [{index, input: [n,c,h,w], value, out_rows"));
    assert_non_null(strstr(a.out, "verification: {agree, max_abs_diff"));
    assert_fits_80_columns(a.out);
    run_tcviz("help explain", &b);
    assert_int_equal(b.code, 0);
    assert_string_equal(a.out, b.out);
    run_free(&a);
    run_free(&b);
    run_tcviz("--help", &a);
    assert_non_null(strstr(a.out, "  explain LESSON.yaml | [FLAGS]"));
    run_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lesson1_golden_and_source_numbers),
        cmocka_unit_test(test_lesson2_golden_and_source_numbers),
        cmocka_unit_test(test_every_lesson_explains_and_verifies),
        cmocka_unit_test(test_flags_and_default_example_match_the_source),
        cmocka_unit_test(test_steps_limits_the_steps_shown),
        cmocka_unit_test(test_inputs_up_to_6x6_fit_80_columns),
        cmocka_unit_test(test_28x28x32_is_capped),
        cmocka_unit_test(test_bad_command_lines_fail_with_one_line),
        cmocka_unit_test(test_help_documents_the_json_schema_and_fits),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
