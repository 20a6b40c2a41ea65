/* test_write_failures.c - the binary's writes under a full disk (a file-size
 * limit set in the child, as `ulimit -f` does) and to targets that are not
 * regular files: every failure exits 1 with one line, the old file stays.
 * And its reads of a FIFO nobody writes to: refused at once, not waited on. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sys/resource.h>

#include "run_tcviz.h"
#include "io/npy.h"

/* Run tcviz with argv (NULL-terminated) and files limited to limit bytes;
 * errbuf gets what it printed (stdout and stderr: `check` reports on stdout).
 * An alarm (kept across exec) ends a run that hangs: it then returns
 * -SIGALRM instead of stalling the test. */
static int run_limited(char *const *args, long limit, char *errbuf, size_t cap)
{
    char errp[] = "/tmp/tcviz_wf_err_XXXXXX";
    int fe = mkstemp(errp);
    assert_true(fe >= 0);
    unlink(errp);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        struct rlimit lim;
        getrlimit(RLIMIT_FSIZE, &lim);
        lim.rlim_cur = (rlim_t)limit;
        dup2(fe, 1);
        dup2(fe, 2);
        if (setrlimit(RLIMIT_FSIZE, &lim) != 0)
            _exit(99);
        alarm(120);
        char *argv[16] = {TCVIZ_BINARY};
        for (int i = 0; args[i] && i < 14; i++)
            argv[i + 1] = args[i];
        execv(TCVIZ_BINARY, argv);
        _exit(98);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    lseek(fe, 0, SEEK_SET);
    ssize_t n = read(fe, errbuf, cap - 1);
    errbuf[n > 0 ? n : 0] = '\0';
    close(fe);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

static void put_old(const char *path)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("old", f);
    fclose(f);
}

static void assert_old(const char *path)
{
    char buf[8] = "";
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    assert_int_equal(fread(buf, 1, sizeof buf - 1, f), 3);
    fclose(f);
    assert_string_equal(buf, "old");
}

static void assert_one_line(const char *err, const char *path)
{
    assert_non_null(strstr(err, path));
    assert_non_null(strstr(err, "cannot write (File too large)"));
    assert_non_null(strchr(err, '\n'));
    assert_string_equal(strchr(err, '\n'), "\n");
}

static void test_a_png_export_on_a_full_disk_fails_and_keeps_the_old_file(void **state)
{
    (void)state;
    char png[128], err[2048];
    snprintf(png, sizeof png, "%s/f.png", run_dir);
    put_old(png);
    char *args[] = {"export", "--step", "0", "-o", png, NULL};
    assert_int_equal(run_limited(args, 20 * 1024, err, sizeof err), 1);
    assert_one_line(err, png);
    assert_old(png);
    assert_int_equal(run_count_entries(run_dir), 1);
    unlink(png);
}

static void test_a_gif_export_on_a_full_disk_fails_and_keeps_the_old_file(void **state)
{
    (void)state;
    char gif[128], err[2048];
    snprintf(gif, sizeof gif, "%s/a.gif", run_dir);
    put_old(gif);
    char *args[] = {"export", "--size", "800x540", "--gif", gif, NULL};
    assert_int_equal(run_limited(args, 20 * 1024, err, sizeof err), 1);
    assert_non_null(strstr(err, "cannot write (File too large)"));
    assert_old(gif);
    assert_int_equal(run_count_entries(run_dir), 1);
    unlink(gif);
}

static void test_frames_on_a_full_disk_fail_at_the_first_frame(void **state)
{
    (void)state;
    char dir[128], err[2048];
    snprintf(dir, sizeof dir, "%s/frames", run_dir);
    assert_int_equal(mkdir(dir, 0700), 0);
    char *args[] = {"export", "--frames", dir, NULL};
    assert_int_equal(run_limited(args, 20 * 1024, err, sizeof err), 1);
    assert_non_null(strstr(err, "frame-0000.png: cannot write (File too large)"));
    assert_int_equal(run_count_entries(dir), 0);
    rmdir(dir);
}

static void test_export_to_a_fifo_is_refused_and_the_fifo_stays(void **state)
{
    (void)state;
    char fifo[128], err[2048];
    snprintf(fifo, sizeof fifo, "%s/p.png", run_dir);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    char *args[] = {"export", "--step", "0", "-o", fifo, NULL};
    assert_int_equal(run_limited(args, 1L << 30, err, sizeof err), 1);
    assert_non_null(strstr(err, "p.png: is a FIFO, expected a regular file"));
    struct stat st;
    assert_int_equal(lstat(fifo, &st), 0);
    assert_true(S_ISFIFO(st.st_mode));
    unlink(fifo);
}

/* A FIFO with no writer where tcviz reads a file: `compute --input` and a
 * lesson's tensor path (`check`). Both once blocked in open() forever. */
static void test_an_input_fifo_without_writer_is_refused_at_once(void **state)
{
    (void)state;
    char fifo[128], w[128], out[128], err[2048];
    snprintf(fifo, sizeof fifo, "%s/x.npy", run_dir);
    snprintf(w, sizeof w, "%s/w.npy", run_dir);
    snprintf(out, sizeof out, "%s/out.npy", run_dir);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    Err e = {0};
    assert_int_equal(npy_write_f32(w, 4, (int[]){2, 2, 1, 1}, (float[]){1, 10, 100, 1000}, &e), 0);
    char *args[] = {"compute", "conv2d_transpose", "--input", fifo, "--filter", w,
                    "--strides", "1", "--padding", "VALID", "-o", out, NULL};
    assert_int_equal(run_limited(args, 1L << 30, err, sizeof err), 1);
    assert_non_null(strstr(err, "x.npy: a pipe with nothing written to it"));
    assert_int_equal(access(out, F_OK), -1);
    unlink(w);
    unlink(fifo);
}

static void test_a_lesson_tensor_fifo_without_writer_is_refused_at_once(void **state)
{
    (void)state;
    char fifo[128], yaml[128], err[2048];
    snprintf(fifo, sizeof fifo, "%s/x.npy", run_dir);
    snprintf(yaml, sizeof yaml, "%s/l.yaml", run_dir);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    FILE *f = fopen(yaml, "w");
    assert_non_null(f);
    fputs("title: a pipe\nop: conv2d_transpose\nparams: {strides: 1, padding: VALID}\n"
          "tensors:\n  input: x.npy\n  filter: [[1]]\nsteps:\n  - text: one\n",
          f);
    fclose(f);
    char *args[] = {"check", yaml, NULL};
    assert_int_equal(run_limited(args, 1L << 30, err, sizeof err), 1);
    assert_non_null(strstr(err, "x.npy: a pipe with nothing written to it"));
    unlink(yaml);
    unlink(fifo);
}

/* `compute -o -` streams the .npy to standard output. */
static void test_compute_streams_npy_to_standard_output(void **state)
{
    (void)state;
    char x[128], w[128];
    snprintf(x, sizeof x, "%s/x.npy", run_dir);
    snprintf(w, sizeof w, "%s/w.npy", run_dir);
    Err e = {0};
    assert_int_equal(npy_write_f32(x, 4, (int[]){1, 2, 2, 1}, (float[]){1, 2, 3, 4}, &e), 0);
    assert_int_equal(npy_write_f32(w, 4, (int[]){2, 2, 1, 1}, (float[]){1, 10, 100, 1000}, &e), 0);
    Run r = {0};
    run_tcviz("compute conv2d_transpose --input @/x.npy --filter @/w.npy --strides 1 "
              "--padding VALID -o -",
              &r);
    assert_int_equal(r.code, 0);
    NpyArray a;
    assert_int_equal(npy_parse((unsigned char *)r.out, r.out_len, "stdout", &a, &e), 0);
    assert_int_equal(a.ndim, 4);
    assert_int_equal(a.shape[1], 3);
    assert_int_equal(a.shape[2], 3);
    /* the full scatter of x=[[1,2],[3,4]] by w=[[1,10],[100,1000]] */
    const float want[9] = {1, 12, 20, 103, 1234, 2040, 300, 3400, 4000};
    for (int i = 0; i < 9; i++)
        assert_float_equal(a.data[i], want[i], 0);
    npy_free(&a);
    run_free(&r);
    unlink(x);
    unlink(w);
}

static int setup(void **state)
{
    (void)state;
    return run_dir_make("tcviz_wf");
}

static int teardown(void **state)
{
    (void)state;
    return run_remove_tree(run_dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_png_export_on_a_full_disk_fails_and_keeps_the_old_file),
        cmocka_unit_test(test_a_gif_export_on_a_full_disk_fails_and_keeps_the_old_file),
        cmocka_unit_test(test_frames_on_a_full_disk_fail_at_the_first_frame),
        cmocka_unit_test(test_export_to_a_fifo_is_refused_and_the_fifo_stays),
        cmocka_unit_test(test_compute_streams_npy_to_standard_output),
        cmocka_unit_test(test_an_input_fifo_without_writer_is_refused_at_once),
        cmocka_unit_test(test_a_lesson_tensor_fifo_without_writer_is_refused_at_once),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
