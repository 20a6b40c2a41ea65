/* test_cli_errors.c - the tcviz binary refusing bad input, and `shape` output.
 *
 * Each row of the table runs tcviz (posix_spawn, no shell) on fixtures in a
 * fresh mkdtemp directory and asserts the exit code (2 for a wrong command
 * line, 1 for wrong files or layers), that stderr is exactly one line, the
 * expected one, that stdout is empty, and that the directory holds exactly
 * the fixtures afterwards: no OUT file and no temp file. '@' in a row stands
 * for the directory. The second half checks `tcviz shape` on the source
 * question's 3x3 -> 6x6 stride-2 SAME example line by line, and that every
 * line of shape and help output fits 80 columns. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "io/npy.h"
#include "../common/run_tcviz.h"

#define CAP 16384

static char tmpdir[64];

/* Replace each '@' of an expected message with the fixture directory. */
static void expand(const char *in, char *out, size_t cap)
{
    size_t n = 0;
    for (; *in && n + 1 < cap; in++) {
        if (*in == '@')
            n += (size_t)snprintf(out + n, cap - n, "%s/", tmpdir);
        else
            out[n++] = *in;
        if (n >= cap)
            n = cap - 1;
    }
    out[n] = '\0';
}

/* Run tcviz with a space-separated argument line ('' = an empty argument,
 * '@' = the fixture directory). The Runs are static: each keeps its last
 * capture until its next run. */
static void run_tcviz(const char *line, Run *r)
{
    char at[80];
    snprintf(at, sizeof at, "%s/", tmpdir);
    run_free(r);
    run_tcviz_line(line, at, r);
}

/* ---- fixtures ---------------------------------------------------------------- */

static const char *const fixtures[] = {"x.npy", "w.npy", "x3d.npy", "x3c.npy", "b3.npy",
                                       "xt.npy", "wt.npy", "text.npy", "x0.npy", "adir"};

static void write_fixture(const char *name, int ndim, const int *shape, const float *data)
{
    char path[128];
    Err err = {0};
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    if (npy_write_f32(path, ndim, shape, data, &err) != 0)
        fail_msg("%s", err.msg);
}

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/tcviz_cli_err_XXXXXX");
    if (!mkdtemp(tmpdir))
        return -1;
    /* the source question's example (a): x 3x3 with 1.5 and 1, w = [[1,2],[3,4]] */
    const float x[9] = {0, 0, 1.5f, 0, 1, 0, 0, 0, 0}, w[4] = {1, 2, 3, 4};
    float zeros[27] = {0};
    write_fixture("x.npy", 4, (int[]){1, 3, 3, 1}, x);
    write_fixture("w.npy", 4, (int[]){2, 2, 1, 1}, w);
    write_fixture("x3d.npy", 3, (int[]){1, 3, 3}, x);
    write_fixture("x3c.npy", 4, (int[]){1, 3, 3, 3}, zeros);
    write_fixture("b3.npy", 1, (int[]){3}, zeros);
    write_fixture("xt.npy", 4, (int[]){1, 1, 3, 3}, x);
    write_fixture("wt.npy", 4, (int[]){1, 1, 2, 2}, w);
    write_fixture("x0.npy", 4, (int[]){0, 3, 3, 1}, x); /* a batch of 0 */
    char path[128];
    snprintf(path, sizeof path, "%s/text.npy", tmpdir);
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    fputs("not a npy file\n", f);
    fclose(f);
    snprintf(path, sizeof path, "%s/adir", tmpdir);
    return mkdir(path, 0700);
}

static int teardown(void **state)
{
    (void)state;
    char path[128];
    for (size_t i = 0; i < sizeof fixtures / sizeof fixtures[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", tmpdir, fixtures[i]);
        if (unlink(path) != 0)
            rmdir(path);
    }
    return rmdir(tmpdir);
}

/* The directory holds exactly the fixtures (and adir stays empty). */
static int dir_is_clean(char *extra, size_t cap)
{
    int clean = 1;
    const char *dirs[2] = {"", "/adir"};
    extra[0] = '\0';
    for (int d = 0; d < 2; d++) {
        char path[128];
        snprintf(path, sizeof path, "%s%s", tmpdir, dirs[d]);
        DIR *dir = opendir(path);
        assert_non_null(dir);
        for (struct dirent *e; (e = readdir(dir));) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            int known = 0;
            for (size_t i = 0; d == 0 && i < sizeof fixtures / sizeof fixtures[0]; i++)
                known |= strcmp(e->d_name, fixtures[i]) == 0;
            if (!known) {
                snprintf(extra + strlen(extra), cap - strlen(extra), " %s", e->d_name);
                clean = 0;
            }
        }
        closedir(dir);
    }
    return clean;
}

/* ---- refusals ------------------------------------------------------------------ */

typedef struct {
    const char *args;
    int code;
    const char *msg; /* the whole stderr line, without its newline; '@' = the directory */
} BadRun;

#define TX "conv2d_transpose --input @x.npy --filter @w.npy "
#define OUT "-o @out.npy"

static const BadRun bad_runs[] = {
    /* exit 2: the command line */
    {"compute " TX "--strdes 2 " OUT, 2,
     "tcviz compute: unknown flag --strdes (did you mean --strides?)"},
    {"compute " TX "--convention torch --strides 2 " OUT, 2,
     "tcviz compute: --strides is a TF flag; with --convention torch use --stride"},
    {"compute " TX "--stride=2 " OUT, 2,
     "tcviz compute: --stride is a PyTorch flag; add --convention torch, or use the TF flag "
     "--strides"},
    {"compute conv2d_transpose --input @x.npy " OUT, 2,
     "tcviz compute: conv2d_transpose needs --filter W.npy (HWOI [KH,KW,COUT,CIN])"},
    {"compute conv2d_backprop_input --filter @w.npy --input-sizes 1,3,3,1 " OUT, 2,
     "tcviz compute: conv2d_backprop_input needs --d-out DY.npy (NHWC [N,H,W,C])"},
    {"compute " TX "--strides 2", 2, "tcviz compute: missing -o OUT.npy, expected the output path"},
    {"compute " TX "--strides 2,x " OUT, 2,
     "tcviz compute: --strides: expected S or SH,SW (integers), got '2,x'"},
    {"compute " TX "--strides 0 " OUT, 2,
     "tcviz compute: --strides: 0 is out of range, expected 1..1024"},
    {"compute " TX "--output-shape 1,6,x,1 " OUT, 2,
     "tcviz compute: --output-shape: expected N,H,W,C (integers), got '1,6,x,1'"},
    {"compute " TX "--padding same,1 " OUT, 2,
     "tcviz compute: --padding: expected SAME, VALID or T,B,L,R (integers), got 'same,1'"},
    {"compute conv3d " OUT, 2,
     "tcviz compute: unknown OP 'conv3d', expected conv2d, conv2d_transpose (or "
     "conv_transpose2d), conv2d_backprop_input, conv2d_backprop_filter, conv1d or "
     "conv1d_transpose (or conv_transpose1d)"},
    {"compute " TX "--convention caffe " OUT, 2,
     "tcviz compute: --convention: expected tf or torch, got 'caffe'"},
    {"compute " TX "--input @x.npy " OUT, 2, "tcviz compute: --input is given twice, expected it once"},
    {"compute " TX "--d-out @x.npy " OUT, 2,
     "tcviz compute: --d-out does not apply to conv2d_transpose (it takes --input and --filter)"},
    {"compute " TX "--input-shape 1,3,3,1 " OUT, 2,
     "tcviz compute: --input-shape is accepted by tcviz shape only; give the tensor as a .npy "
     "file"},
    {"compute " TX OUT " --padding", 2,
     "tcviz compute: --padding needs a value: SAME, VALID or T,B,L,R (tf); P or PH,PW (torch)"},
    /* exit 1: the files or the layer */
    {"compute conv2d_transpose --input @x3d.npy --filter @w.npy " OUT, 1,
     "tcviz compute: @x3d.npy: input has 3 dimensions, expected 2 (H x W) or 4 (NHWC)"},
    {"compute conv2d_transpose --input @x3c.npy --filter @w.npy " OUT, 1,
     "tcviz compute: filter: in-channel axis is 1, expected the input's 3 channels"},
    {"compute " TX "--strides 2 --padding SAME --output-shape 1,7,6,1 " OUT, 1,
     "tcviz compute: output_shape height 7 is illegal for input height 3 (stride 2, SAME): "
     "expected 5..6"},
    {"compute " TX "--strides 2 --padding SAME --output-shape 1,6,6,2 " OUT, 1,
     "tcviz compute: output_shape: channels is 2, expected the filter's 1 output channels"},
    {"compute conv_transpose2d --convention torch --input @xt.npy --filter @wt.npy --stride 2 "
     "--output-padding 2 " OUT,
     1,
     "tcviz compute: output_padding height 2 must be smaller than stride (2) or dilation (1)"},
    {"compute conv2d_transpose --input @missing.npy --filter @w.npy " OUT, 1,
     "tcviz compute: @missing.npy: cannot open (No such file or directory), expected a readable "
     ".npy file"},
    {"compute conv2d_transpose --input @text.npy --filter @w.npy " OUT, 1,
     "tcviz compute: @text.npy: not a .npy file (bad magic), expected it to start with \\x93NUMPY"},
    {"compute " TX "--bias @b3.npy " OUT, 1,
     "tcviz compute: bias: expected 1 values (one per output channel), got 3"},
    /* The frameworks compute an empty batch (the reference cases); a
     * walkthrough has nothing to show for it. */
    {"explain conv2d_transpose --input @x0.npy --filter @w.npy --strides 2 --padding SAME", 1,
     "tcviz explain: empty tensor: nothing to draw (batch 0, large map 6x6, small map 3x3), "
     "expected every size >= 1"},
    {"compute conv2d --input @x.npy --filter @w.npy --dilations 4 " OUT, 1,
     "tcviz compute: input height 3 is smaller than the dilated kernel (5) plus padding by a "
     "stride or more: the output size would be negative"},
    {"compute " TX "-o @adir", 1,
     "tcviz compute: @adir: is a directory, expected a regular file or - for standard output"},
    /* shape */
    {"shape conv2d_transpose --input-shape 1,3,3 --filter @w.npy", 2,
     "tcviz shape: --input-shape: expected NHWC [N,H,W,C], got 3 numbers in '1,3,3'"},
    {"shape conv2d_transpose --input-shape 1,3,3,1 --filter @w.npy -o @out.npy", 2,
     "tcviz shape: -o does not apply here: nothing is written"},
    {"shape conv2d_transpose --input-shape 1,3,3,1 --filter-shape 2,2,1,1 --strides 2 "
     "--padding SAME --output-shape 1,4,6,1",
     1,
     "tcviz shape: output_shape height 4 is illegal for input height 3 (stride 2, SAME): "
     "expected 5..6"},
    {"shape conv2d --input-shape 1,65536,65536,1 --filter-shape 2,2,1,1", 1,
     "tcviz shape: --input-shape: shape [1,65536,65536,1] has more than 67108864 elements"},
    {"shape conv2d_backprop_input --filter-shape 2,2,1,1 --input-sizes 1,3,3,1 "
     "--d-out-shape 1,3,3,1",
     1, "tcviz shape: d_out: expected N=1 C=1 H=2 W=2 (the conv2d output), got N=1 C=1 H=3 W=3"},
    /* top level */
    {"help frobnicate", 2, "tcviz help: unknown command 'frobnicate', expected one of: compute "
                           "shape bench explain check export"},
};

static void test_every_bad_input_exits_nonzero_with_one_line_and_writes_nothing(void **state)
{
    (void)state;
    static Run r;
    int bad = 0;
    for (size_t i = 0; i < sizeof bad_runs / sizeof bad_runs[0]; i++) {
        const BadRun *b = &bad_runs[i];
        char want[1024], extra[512];
        expand(b->msg, want, sizeof want);
        strcat(want, "\n");
        run_tcviz(b->args, &r);
        int clean = dir_is_clean(extra, sizeof extra);
        /* one line: the only newline is the last character */
        int one_line = strchr(r.err, '\n') == r.err + strlen(r.err) - 1;
        if (r.code != b->code || !one_line || strcmp(r.err, want) != 0 || r.out[0] || !clean) {
            print_error("tcviz %s\n  want exit %d: %s  got exit %d: %s  stdout: '%s' extra files:%s\n",
                        b->args, b->code, want, r.code, r.err, r.out, extra);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

/* (No arguments at all opens the window: tests/app/smoke.sh.) */
static void test_unknown_command_prints_usage_and_exits_2(void **state)
{
    (void)state;
    static Run r;
    const char *lines[] = {"frobnicate", "frobnicate --strides 2"};
    for (int i = 0; i < 2; i++) {
        run_tcviz(lines[i], &r);
        assert_int_equal(r.code, 2);
        assert_string_equal(r.out, "");
        assert_non_null(strstr(r.err, "usage: tcviz COMMAND [ARGS]\n"));
        assert_non_null(strstr(r.err, "  compute OP [FLAGS] -o OUT.npy"));
        assert_non_null(strstr(r.err, "  shape OP [FLAGS]"));
    }
}

/* ---- success paths ---------------------------------------------------------------- */

static void assert_fits_80_columns(const char *text)
{
    for (const char *line = text; *line;) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        if (len >= 80)
            fail_msg("line of %zu columns: %.*s", len, (int)len, line);
        line += len + (end != NULL);
    }
}

static void test_compute_writes_the_source_example_and_reports_it(void **state)
{
    (void)state;
    static Run r;
    run_tcviz("compute " TX "--output-shape 1,6,6,1 --strides 2 --padding SAME -o @y.npy", &r);
    assert_int_equal(r.code, 0);
    assert_string_equal(r.err, "");
    char want[256], path[128];
    expand("@y.npy: conv2d_transpose NHWC [1, 6, 6, 1]\n", want, sizeof want);
    assert_string_equal(r.out, want);
    NpyArray y = {0};
    Err err = {0};
    snprintf(path, sizeof path, "%s/y.npy", tmpdir);
    assert_int_equal(npy_read(path, &y, &err), 0);
    assert_int_equal(y.ndim, 4);
    assert_memory_equal(y.shape, ((int[4]){1, 6, 6, 1}), 4 * sizeof(int));
    /* the rows the source question gives, then two zero rows */
    const float want_y[36] = {0, 0, 0, 0, 1.5f, 3, 0, 0, 0, 0, 4.5f, 6, 0, 0, 1, 2, 0, 0,
                              0, 0, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    assert_memory_equal(y.data, want_y, sizeof want_y);
    npy_free(&y);
    unlink(path);
}

static void test_help_documents_layouts_exit_codes_and_fits_80_columns(void **state)
{
    (void)state;
    static Run a, b;
    run_tcviz("compute --help", &a);
    assert_int_equal(a.code, 0);
    run_tcviz("help compute", &b);
    assert_int_equal(b.code, 0);
    assert_string_equal(a.out, b.out);
    const char *must[] = {"HWOI [KH,KW,COUT,CIN]", "IOHW [CIN,COUT/G,KH,KW]", "NCHW [N,C,H,W]",
                          "--kernel", "--output-padding", "--weight-size", "Exit status:",
                          "  1  the files", "  2  the command line", "conv_transpose2d"};
    for (size_t i = 0; i < sizeof must / sizeof must[0]; i++)
        if (!strstr(a.out, must[i]))
            fail_msg("compute --help lacks '%s'", must[i]);
    assert_fits_80_columns(a.out);
    run_tcviz("shape -h", &a);
    assert_int_equal(a.code, 0);
    assert_non_null(strstr(a.out, "--input-shape"));
    assert_fits_80_columns(a.out);
    run_tcviz("--help", &a);
    assert_int_equal(a.code, 0);
    assert_fits_80_columns(a.out);
}

/* Every line of `want` appears as a whole line of `got`, in order. */
static void assert_lines_in_order(const char *got, const char *const *want, size_t n)
{
    static char text[CAP + 2];
    snprintf(text, sizeof text, "\n%s", got); /* so the first line has a newline before it */
    const char *at = text;
    for (size_t i = 0; i < n; i++) {
        char line[256];
        snprintf(line, sizeof line, "\n%s\n", want[i]);
        const char *hit = strstr(at, line);
        if (!hit)
            fail_msg("line %zu missing (or out of order): '%s'\n--- output ---\n%s", i, want[i],
                     got);
        at = hit + strlen(line) - 1; /* the next line may start at this newline */
    }
}

static void test_shape_of_source_example_lists_legal_sizes_and_pytorch_spellings(void **state)
{
    (void)state;
    static Run r, files;
    run_tcviz("shape conv2d_transpose --input-shape 1,3,3,1 --filter-shape 2,2,1,1 "
              "--output-shape 1,6,6,1 --strides 2 --padding SAME",
              &r);
    assert_int_equal(r.code, 0);
    assert_string_equal(r.err, "");
    const char *const golden[] = {
        "tf.nn.conv2d_transpose(x, w, output_shape=[1, 6, 6, 1], strides=[2, 2],",
        "    padding='SAME')",
        "  x   input   NHWC [1, 3, 3, 1]",
        "  w   filter  HWOI [2, 2, 1, 1]",
        "  y   output  NHWC [1, 6, 6, 1]",
        "output size: 6 x 6 (height x width)",
        "  k_eff = d*(k-1)+1                    2       2",
        "  stride s                             2       2",
        "  padding before (top/left)            0       0",
        "  padding after (bottom/right)         0       0",
        "  full scatter (in-1)*s+k_eff          6       6",
        "  crop before                          0       0",
        "  crop after                           0       0",
        "  output size                          6       6",
        "TF legal output sizes, each with its PyTorch spelling:",
        "  height 5..6",
        "        5  *",
        "        6  padding=0, output_padding=0   <- this output_shape",
        "  width  5..6",
        "        5  *",
        "        6  padding=0, output_padding=0   <- this output_shape",
        "* no single PyTorch spelling (odd SAME padding: pad one extra at bottom/right)",
        "PyTorch equivalent (data NCHW, filter IOHW):",
        "F.conv_transpose2d(x, w, stride=(2, 2), padding=(0, 0), output_padding=(0, 0))",
    };
    assert_lines_in_order(r.out, golden, sizeof golden / sizeof golden[0]);
    assert_fits_80_columns(r.out);

    /* the same layer from .npy files, with the default output_shape */
    run_tcviz("shape conv2d_transpose --input @x.npy --kernel @w.npy --strides 2 --padding SAME",
              &files);
    assert_int_equal(files.code, 0);
    const char *const dflt[] = {"output size: 6 x 6 (height x width), the default: no "
                                "--output-shape"};
    assert_lines_in_order(files.out, dflt, 1);
}

static void test_shape_of_odd_same_size_shows_the_extra_crop_and_no_pytorch_call(void **state)
{
    (void)state;
    static Run r;
    run_tcviz("shape conv2d_transpose --input-shape 1,3,3,1 --filter-shape 2,2,1,1 "
              "--output-shape 1,5,5,1 --strides 2 --padding SAME",
              &r);
    assert_int_equal(r.code, 0);
    const char *const golden[] = {
        "  padding before (top/left)            0       0",
        "  padding after (bottom/right)         1       1",
        "  full scatter (in-1)*s+k_eff          6       6",
        "  crop after                           1       1",
        "  output size                          5       5",
        "        5  *   <- this output_shape",
        "        6  padding=0, output_padding=0",
        "PyTorch equivalent: none as one call (see * above)",
    };
    assert_lines_in_order(r.out, golden, sizeof golden / sizeof golden[0]);
}

static void test_shape_in_torch_names_the_tf_equivalent(void **state)
{
    (void)state;
    static Run r;
    /* the U-Net layer of example (b): 2x2 stride 2, no padding, is TF VALID */
    run_tcviz("shape conv_transpose2d --convention torch --input-shape 1,1,3,5 "
              "--filter-shape 1,1,2,2 --stride 2",
              &r);
    assert_int_equal(r.code, 0);
    const char *const golden[] = {
        "F.conv_transpose2d(x, w, stride=(2, 2), padding=(0, 0), output_padding=(0, 0))",
        "  y   output  NCHW [1, 1, 6, 10]",
        "  output_padding                       0       0",
        "  output size                          6      10",
        "TF equivalent (data NHWC, filter HWOI):",
        "tf.nn.conv2d_transpose(x, w, output_shape=[1, 6, 10, 1], strides=[2, 2],",
        "    padding='VALID')",
    };
    assert_lines_in_order(r.out, golden, sizeof golden / sizeof golden[0]);
    assert_fits_80_columns(r.out);

    /* output_padding past the padding appends a zero row: a negative crop */
    run_tcviz("shape conv_transpose2d --convention torch --input-shape 1,1,3,3 "
              "--filter-shape 1,1,3,3 --stride 2 --output-padding 1",
              &r);
    assert_int_equal(r.code, 0);
    const char *const appended[] = {
        "  full scatter (in-1)*s+k_eff          7       7",
        "  crop after                          -1      -1",
        "  output size                          8       8",
        "tf.nn.conv2d_transpose(x, w, output_shape=[1, 8, 8, 1], strides=[2, 2],",
        "    padding='VALID')",
    };
    assert_lines_in_order(r.out, appended, sizeof appended / sizeof appended[0]);

    run_tcviz("shape conv2d --convention torch --input-shape 1,4,5,5 --filter-shape 4,2,3,3 "
              "--groups 2 --padding 1",
              &r);
    assert_int_equal(r.code, 0);
    const char *const grouped[] = {"TF equivalent: none as one call (TF has no groups)"};
    assert_lines_in_order(r.out, grouped, 1);
}

static void test_shape_of_gradients_derives_d_out(void **state)
{
    (void)state;
    static Run r;
    run_tcviz("shape conv2d_backprop_input --filter-shape 3,3,2,4 --input-sizes 1,5,5,2 "
              "--strides 2 --padding SAME",
              &r);
    assert_int_equal(r.code, 0);
    const char *const golden[] = {
        "tf.compat.v1.nn.conv2d_backprop_input(input_sizes=[1, 5, 5, 2], filter=w,",
        "    out_backprop=dy, strides=[1, 2, 2, 1], padding='SAME')",
        "  w   filter  HWIO [3, 3, 2, 4]",
        "  dy  d_out   NHWC [1, 3, 3, 4]",
        "  dx  output  NHWC [1, 5, 5, 2]",
        "  d_out size (conv output)             3       3",
        "  padding before (top/left)            1       1",
        "  padding after (bottom/right)         1       1",
        "  output size (conv input)             5       5",
        "PyTorch equivalent (data NCHW, filter OIHW):",
    };
    assert_lines_in_order(r.out, golden, sizeof golden / sizeof golden[0]);

    /* even SAME padding is PyTorch's symmetric padding; odd is not */
    run_tcviz("shape conv2d_backprop_filter --input-shape 1,6,6,1 --filter-sizes 2,2,1,1 "
              "--strides 2 --padding SAME",
              &r);
    assert_int_equal(r.code, 0);
    const char *const even[] = {
        "  dw  output  HWIO [2, 2, 1, 1]",
        "output size: 2 x 2 kernel (height x width)",
        "PyTorch equivalent (data NCHW, filter OIHW):",
    };
    assert_lines_in_order(r.out, even, sizeof even / sizeof even[0]);
    run_tcviz("shape conv2d --input-shape 1,5,5,1 --filter-shape 2,2,1,1 --padding SAME", &r);
    assert_int_equal(r.code, 0);
    const char *const odd[] = {
        "  padding before (top/left)            0       0",
        "  padding after (bottom/right)         1       1",
        "PyTorch equivalent: none as one call (asymmetric padding: F.pad the input first)",
    };
    assert_lines_in_order(r.out, odd, sizeof odd / sizeof odd[0]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_bad_input_exits_nonzero_with_one_line_and_writes_nothing),
        cmocka_unit_test(test_unknown_command_prints_usage_and_exits_2),
        cmocka_unit_test(test_compute_writes_the_source_example_and_reports_it),
        cmocka_unit_test(test_help_documents_layouts_exit_codes_and_fits_80_columns),
        cmocka_unit_test(test_shape_of_source_example_lists_legal_sizes_and_pytorch_spellings),
        cmocka_unit_test(test_shape_of_odd_same_size_shows_the_extra_crop_and_no_pytorch_call),
        cmocka_unit_test(test_shape_in_torch_names_the_tf_equivalent),
        cmocka_unit_test(test_shape_of_gradients_derives_d_out),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
