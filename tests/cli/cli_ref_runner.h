/* cli_ref_runner.h - run reference cases (tests/data/reference*) through the
 * tcviz binary: `tcviz compute` and `tcviz shape` on every case of a file.
 *
 * Each case's tensors are written as .npy files (of the rank the case stores)
 * into a fresh mkdtemp directory, the binary is run with flags spelled from
 * the case's `params` (no shell: posix_spawn with an argv), and the .npy it
 * writes is compared by the README rule: the shape exactly, then == for exact
 * cases and |g-e| <= 1e-5|e| + 1e-5 for float cases. The same flags then go
 * to `tcviz shape`, whose output tensor and per-axis rows must be the case's
 * `derived` ones. A case with `expected_error` must instead make both
 * commands exit with its exit_status, one line on stderr and no output file.
 *
 * The flags are derived key by key from `params` through a table, and an
 * unknown key fails the case, so a schema change cannot be half-read. The
 * spelling varies from case to case (`--flag value` and `--flag=value`,
 * --kernel for --filter, conv_transpose2d / conv_transpose1d for torch,
 * --convention tf given or left to its default) so every form is exercised
 * against real numbers. Two cases run at a time, each in its own directory.
 *
 * Header-only because tests.cmake builds each test_*.c alone; include it
 * after <cmocka.h>, and run check_file inside a group whose setup is
 * ref_make_dir and teardown ref_remove_dir. */
#ifndef TCVIZ_TEST_CLI_REF_RUNNER_H
#define TCVIZ_TEST_CLI_REF_RUNNER_H

#include <fcntl.h>
#include <jansson.h>
#include <math.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/layer1d.h"
#include "io/npy.h"
#include "../common/fail_why.h"

extern char **environ;

#define SLOTS 2
#define MAX_ARGS 40

static char tmpdir[64];

/* One case in flight: its directory, argv storage and child. */
typedef struct {
    char dir[96];
    char text[MAX_ARGS][160];
    char *argv[MAX_ARGS + 1];
    int argc;
    pid_t pid;
    const json_t *c;
    size_t index;
} Slot;

/* `dir/name` into buf; a truncated path would silently test the wrong file. */
static void slot_path(const Slot *s, const char *name, char *buf, size_t cap)
{
    int n = snprintf(buf, cap, "%s/%s", s->dir, name);
    assert_true(n > 0 && (size_t)n < cap);
}

static void push(Slot *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void push(Slot *s, const char *fmt, ...)
{
    assert_true(s->argc < MAX_ARGS);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->text[s->argc], sizeof s->text[0], fmt, ap);
    va_end(ap);
    s->argv[s->argc] = s->text[s->argc];
    s->argc++;
    s->argv[s->argc] = NULL;
}

/* `--flag value` for even cases, `--flag=value` for odd ones. */
static void push_flag(Slot *s, const char *flag, const char *value)
{
    if (s->index % 2) {
        push(s, "%s=%s", flag, value);
    } else {
        push(s, "%s", flag);
        push(s, "%s", value);
    }
}

/* A params value as the CLI spells it: "2", "SAME", "1,6,6,1". */
static int value_text(const json_t *v, char *buf, size_t cap)
{
    if (json_is_string(v))
        return snprintf(buf, cap, "%s", json_string_value(v)) < (int)cap ? 0 : -1;
    if (json_is_integer(v))
        return snprintf(buf, cap, "%lld", (long long)json_integer_value(v)) < (int)cap ? 0 : -1;
    if (!json_is_array(v) || json_array_size(v) == 0)
        return -1;
    size_t n = 0;
    for (size_t i = 0; i < json_array_size(v); i++) {
        const json_t *e = json_array_get(v, i);
        if (!json_is_integer(e) || n >= cap)
            return -1;
        n += (size_t)snprintf(buf + n, cap - n, "%s%lld", i ? "," : "",
                              (long long)json_integer_value(e));
    }
    return n < cap ? 0 : -1;
}

static const char *param_flag(const char *key, int tf)
{
    static const char *const map[][3] = {
        /* key, tf flag, torch flag */
        {"strides", "--strides", NULL},       {"dilations", "--dilations", NULL},
        {"output_shape", "--output-shape", NULL}, {"input_sizes", "--input-sizes", NULL},
        {"filter_sizes", "--filter-sizes", NULL}, {"padding", "--padding", "--padding"},
        {"stride", NULL, "--stride"},         {"dilation", NULL, "--dilation"},
        {"output_padding", NULL, "--output-padding"}, {"groups", NULL, "--groups"},
        {"input_size", NULL, "--input-size"}, {"weight_size", NULL, "--weight-size"},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(map[i][0], key) == 0)
            return map[i][tf ? 1 : 2];
    return NULL;
}

static int write_tensor(const json_t *t, const char *path, char *why)
{
    int shape[4];
    const json_t *sh = json_object_get(t, "shape"), *data = json_object_get(t, "data");
    int rank = json_is_array(sh) ? (int)json_array_size(sh) : 0;
    if (rank < 1 || rank > 4 || !json_is_array(data))
        return fail_why(why, "%s: malformed tensor", path);
    size_t count = 1;
    for (int i = 0; i < rank; i++) {
        shape[i] = (int)json_integer_value(json_array_get(sh, (size_t)i));
        count *= (size_t)shape[i];
    }
    if (json_array_size(data) != count)
        return fail_why(why, "%s: %zu numbers for %zu elements", path, json_array_size(data), count);
    float *v = malloc((count ? count : 1) * sizeof *v); /* an empty tensor has no numbers */
    assert_non_null(v);
    for (size_t i = 0; i < count; i++)
        v[i] = (float)json_number_value(json_array_get(data, i));
    Err err = {0};
    int rc = npy_write_f32(path, rank, shape, v, &err);
    free(v);
    return rc == 0 ? 0 : fail_why(why, "%s", err.msg);
}

/* Write the case's tensors and build the tcviz argv. */
static int prepare(Slot *s, char *why)
{
    const json_t *c = s->c;
    const char *op = json_string_value(json_object_get(c, "op"));
    const char *conv = json_string_value(json_object_get(c, "convention"));
    const json_t *params = json_object_get(c, "params"), *tensors = json_object_get(c, "tensors");
    if (!op || !conv || !json_is_object(params) || !json_is_object(tensors))
        return fail_why(why, "case lacks op, convention, params or tensors");
    int tf = strcmp(conv, "tf") == 0, odd = s->index % 2;
    s->argc = 0;
    push(s, "%s", TCVIZ_BINARY);
    push(s, "compute");
    /* PyTorch's own names for the transposed convs. */
    const char *torch_name = strcmp(op, "conv2d_transpose") == 0   ? "conv_transpose2d"
                             : strcmp(op, "conv1d_transpose") == 0 ? "conv_transpose1d"
                                                                   : NULL;
    push(s, "%s", !tf && odd && torch_name ? torch_name : op);
    if (!tf && !odd)
        push_flag(s, "--convention", "torch");
    else if (tf && s->index % 4 == 0)
        push_flag(s, "--convention", "tf");

    const char *key;
    const json_t *v;
    json_object_foreach((json_t *)tensors, key, v) {
        char path[160];
        const char *flag = strcmp(key, "input") == 0    ? "--input"
                           : strcmp(key, "filter") == 0 ? (s->index % 3 ? "--filter" : "--kernel")
                           : strcmp(key, "d_out") == 0  ? "--d-out"
                           : strcmp(key, "bias") == 0   ? "--bias"
                                                        : NULL;
        if (!flag)
            return fail_why(why, "tensors.%s: no tcviz flag for it", key);
        char file[64];
        snprintf(file, sizeof file, "%s.npy", key);
        slot_path(s, file, path, sizeof path);
        if (write_tensor(v, path, why) != 0)
            return -1;
        push_flag(s, flag, path);
    }
    json_object_foreach((json_t *)params, key, v) {
        char text[96];
        const char *flag = param_flag(key, tf);
        if (!flag)
            return fail_why(why, "params.%s: no %s flag for it", key, conv);
        if (value_text(v, text, sizeof text) != 0)
            return fail_why(why, "params.%s: not a string, integer or integer list", key);
        push_flag(s, flag, text);
    }
    if (!tf && odd)
        push_flag(s, "--convention", "torch");
    push(s, "-o");
    push(s, "%s/out.npy", s->dir);
    return 0;
}

/* Spawn argv; stdout goes to `out` (or /dev/null), stderr to stderr.txt. */
static int start(Slot *s, const char *out, char *why)
{
    char npy[128], err[128];
    slot_path(s, "out.npy", npy, sizeof npy);
    slot_path(s, "stderr.txt", err, sizeof err);
    unlink(npy);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, out ? out : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC,
                                     0600);
    posix_spawn_file_actions_addopen(&fa, 2, err, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int rc = posix_spawn(&s->pid, TCVIZ_BINARY, &fa, NULL, s->argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    return rc == 0 ? 0 : fail_why(why, "posix_spawn %s: %s", TCVIZ_BINARY, strerror(rc));
}

static void first_line(const char *path, char *buf, size_t cap)
{
    FILE *f = fopen(path, "r");
    buf[0] = '\0';
    if (f) {
        if (!fgets(buf, (int)cap, f))
            buf[0] = '\0';
        fclose(f);
    }
    buf[strcspn(buf, "\n")] = '\0';
}

/* Wait for the child; fails with its first stderr line unless it exited 0. */
static int wait_ok(Slot *s, char *why)
{
    int status;
    char path[128], msg[320];
    if (waitpid(s->pid, &status, 0) != s->pid)
        return fail_why(why, "waitpid failed");
    slot_path(s, "stderr.txt", path, sizeof path);
    first_line(path, msg, sizeof msg);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return fail_why(why, "tcviz %s exited with %d: %s", s->argv[1],
                        WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status), msg);
    return 0;
}

/* The case's op, its dimensionality and convention. */
static int case_op(const json_t *c, OpKind *op, int *dims, Convention *conv)
{
    const char *name = json_string_value(json_object_get(c, "op"));
    const char *cv = json_string_value(json_object_get(c, "convention"));
    *conv = cv && strcmp(cv, "tf") == 0 ? CONV_TF : CONV_TORCH;
    return name && op_parse_dims(name, op, dims) == 0 ? 0 : -1;
}

/* Wait for compute, then compare its output with `expected`. */
static int finish(Slot *s, char *why)
{
    char path[128];
    if (wait_ok(s, why) != 0)
        return -1;

    const json_t *c = s->c, *exp = json_object_get(c, "expected");
    const json_t *shape = json_object_get(exp, "shape"), *data = json_object_get(exp, "data");
    int exact = json_is_true(json_object_get(c, "exact")), dims;
    OpKind op;
    Convention conv;
    const char *layout = json_string_value(json_object_get(exp, "layout"));
    if (case_op(c, &op, &dims, &conv) != 0 || !layout ||
        strcmp(layout, layout_name_dims(layer_output_layout(conv, op), dims)) != 0)
        return fail_why(why, "expected layout %s is not the op's output layout",
                        layout ? layout : "(missing)");
    NpyArray got = {0};
    Err err = {0};
    slot_path(s, "out.npy", path, sizeof path);
    if (npy_read(path, &got, &err) != 0)
        return fail_why(why, "%s", err.msg);
    int rc = 0, rank = dims == 1 ? 3 : 4;
    size_t count = 1;
    if (got.ndim != rank || !json_is_array(shape) || (int)json_array_size(shape) != rank) {
        rc = fail_why(why, "output has %d dimensions, expected %d", got.ndim, rank);
        goto done;
    }
    for (int i = 0; i < rank; i++) {
        long long want = json_integer_value(json_array_get(shape, (size_t)i));
        if (got.shape[i] != want) {
            rc = fail_why(why, "output dimension %d is %d, expected %lld", i, got.shape[i], want);
            goto done;
        }
        count *= (size_t)got.shape[i];
    }
    if (json_array_size(data) != count) {
        rc = fail_why(why, "expected has %zu numbers for %zu elements", json_array_size(data),
                      count);
        goto done;
    }
    for (size_t i = 0; i < count; i++) {
        double e = json_number_value(json_array_get(data, i)), g = got.data[i];
        /* Written so that a NaN fails both. */
        int ok = exact ? g == e : fabs(g - e) <= 1e-5 * fabs(e) + 1e-5;
        if (!ok) {
            rc = fail_why(why, "first mismatch at flat index %zu: expected %.9g, got %.9g", i, e,
                          g);
            goto done;
        }
    }
done:
    npy_free(&got);
    return rc;
}

/* The same flags through `tcviz shape`, reading the same .npy files. */
static int start_shape(Slot *s, char *why)
{
    char out[128];
    slot_path(s, "stdout.txt", out, sizeof out);
    snprintf(s->text[1], sizeof s->text[1], "shape");
    s->argc -= 2; /* drop -o OUT */
    s->argv[s->argc] = NULL;
    return start(s, out, why);
}

/* A per-axis row of `tcviz shape`: "height width" in 2-D, "width" in 1-D. */
static int has_row(const char *text, const char *label, int h, int w, int dims, char *why)
{
    char row[128];
    if (dims == 1)
        snprintf(row, sizeof row, "\n  %-30s %7d\n", label, w);
    else
        snprintf(row, sizeof row, "\n  %-30s %7d %7d\n", label, h, w);
    return strstr(text, row) ? 0 : fail_why(why, "shape prints no row '%s'", row + 1);
}

/* Its output tensor and per-axis rows must be the case's `derived` ones. */
static int finish_shape(Slot *s, char *why)
{
    static char text[1 << 14];
    char path[128], line[160];
    if (wait_ok(s, why) != 0)
        return -1;
    slot_path(s, "stdout.txt", path, sizeof path);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    text[0] = '\n';
    text[1 + fread(text + 1, 1, sizeof text - 2, f)] = '\0';
    fclose(f);

    const json_t *exp = json_object_get(s->c, "expected"), *d = json_object_get(s->c, "derived");
    const json_t *shape = json_object_get(exp, "shape");
    int n = snprintf(line, sizeof line, " output  %s [",
                     json_string_value(json_object_get(exp, "layout")));
    for (size_t i = 0; i < json_array_size(shape); i++)
        n += snprintf(line + n, sizeof line - (size_t)n, "%s%lld", i ? ", " : "",
                      (long long)json_integer_value(json_array_get(shape, i)));
    snprintf(line + n, sizeof line - (size_t)n, "]\n");
    if (!strstr(text, line))
        return fail_why(why, "shape prints no line '%.*s'", (int)strlen(line) - 1, line);
    OpKind op;
    Convention conv;
    int dims;
    if (case_op(s->c, &op, &dims, &conv) != 0)
        return fail_why(why, "unknown op");
    /* 1-D cases have no height keys: those read as 0 and are not printed. */
#define D(key) ((int)json_integer_value(json_object_get(d, key)))
    if (op == OP_CONV2D_TRANSPOSE)
        return has_row(text, "full scatter (in-1)*s+k_eff", D("full_h"), D("full_w"), dims, why) ||
               has_row(text, "crop before", D("crop_top"), D("crop_left"), dims, why) ||
               has_row(text, "crop after", D("crop_bottom"), D("crop_right"), dims, why) ||
               has_row(text, "output size", D("out_h"), D("out_w"), dims, why);
    return has_row(text, "padding before (top/left)", D("pad_top"), D("pad_left"), dims, why) ||
           has_row(text, "padding after (bottom/right)", D("pad_bottom"), D("pad_right"), dims,
                   why);
#undef D
}

/* An error case: the command exits with expected_error.exit_status, says
 * one line on stderr and writes nothing. */
static int finish_refusal(Slot *s, char *why)
{
    int status;
    char path[128];
    struct stat st;
    long long want = json_integer_value(
        json_object_get(json_object_get(s->c, "expected_error"), "exit_status"));
    if (waitpid(s->pid, &status, 0) != s->pid)
        return fail_why(why, "waitpid failed");
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
    if (want < 1 || code != want)
        return fail_why(why, "tcviz %s exited with %d, expected the refusal %lld", s->argv[1],
                        code, want);
    slot_path(s, "out.npy", path, sizeof path);
    if (stat(path, &st) == 0)
        return fail_why(why, "tcviz %s refused but wrote %s", s->argv[1], path);
    slot_path(s, "stderr.txt", path, sizeof path);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char text[1024];
    size_t len = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[len] = '\0';
    char *nl = strchr(text, '\n');
    if (len == 0 || !nl || nl[1] != '\0' || nl == text)
        return fail_why(why, "tcviz %s: stderr is not one line: '%s'", s->argv[1], text);
    return 0;
}

static void clean_slot(const Slot *s)
{
    static const char *const names[] = {"input.npy", "filter.npy", "d_out.npy", "bias.npy", "out.npy",
                                        "stderr.txt", "stdout.txt"};
    char path[160];
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        slot_path(s, names[i], path, sizeof path);
        unlink(path);
    }
}

static void report(const Slot *s, const char *why, int *failed)
{
    if ((*failed)++ < 20) {
        const char *name = json_string_value(json_object_get(s->c, "name"));
        print_error("FAIL %s (case %zu): %s\n", name ? name : "?", s->index, why);
        for (int i = 0; i < s->argc && *failed == 1; i++)
            print_error("  argv[%d] = %s\n", i, s->argv[i]);
    }
}

/* Run every case of TCVIZ_TEST_DATA/dir/file through compute and shape. */
static void check_file(const char *dir, const char *file, int want)
{
    char path[512];
    json_error_t jerr;
    snprintf(path, sizeof path, "%s/%s/%s", TCVIZ_TEST_DATA, dir, file);
    json_t *root = json_load_file(path, 0, &jerr);
    if (!root)
        fail_msg("%s:%d: %s", path, jerr.line, jerr.text);
    const json_t *cases = json_object_get(root, "cases");
    assert_true(json_is_array(cases));
    assert_int_equal(json_array_size(cases), want);

    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    Slot slots[SLOTS];
    int busy[SLOTS] = {0}, failed = 0, passed = 0;
    for (int k = 0; k < SLOTS; k++) {
        snprintf(slots[k].dir, sizeof slots[k].dir, "%s/slot%d", tmpdir, k);
        mkdir(slots[k].dir, 0700);
    }
    size_t next = 0, n = json_array_size(cases);
    char why[WHY_MAX];
    /* Keep SLOTS children running; reap in start order. */
    for (size_t done = 0; done < n;) {
        for (int k = 0; k < SLOTS && next < n; k++) {
            if (busy[k])
                continue;
            Slot *s = &slots[k];
            s->c = json_array_get(cases, next);
            s->index = next++;
            if (prepare(s, why) != 0 || start(s, NULL, why) != 0) {
                report(s, why, &failed);
                clean_slot(s);
                done++;
                continue;
            }
            busy[k] = 1;
        }
        for (int k = 0; k < SLOTS; k++) {
            int refusal = busy[k] && json_object_get(slots[k].c, "expected_error") != NULL;
            int (*end)(Slot *, char *) = refusal ? finish_refusal : finish;
            if (busy[k] && (end(&slots[k], why) != 0 || start_shape(&slots[k], why) != 0)) {
                report(&slots[k], why, &failed);
                clean_slot(&slots[k]);
                busy[k] = 0;
                done++;
            }
        }
        for (int k = 0; k < SLOTS; k++) {
            if (!busy[k])
                continue;
            int refusal = json_object_get(slots[k].c, "expected_error") != NULL;
            if ((refusal ? finish_refusal : finish_shape)(&slots[k], why) == 0)
                passed++;
            else
                report(&slots[k], why, &failed);
            clean_slot(&slots[k]);
            busy[k] = 0;
            done++;
        }
    }
    for (int k = 0; k < SLOTS; k++)
        rmdir(slots[k].dir);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    print_message("%s: %d/%d cases pass through tcviz compute and shape (%.1f s)\n", file,
                  passed, want, secs);
    json_decref(root);
    if (passed != want)
        fail_msg("%s: %d of %d cases failed", file, want - passed, want);
}

static int ref_make_dir(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/tcviz_cli_ref_XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int ref_remove_dir(void **state)
{
    (void)state;
    return rmdir(tmpdir);
}

#endif
