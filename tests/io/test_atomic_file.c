/* test_atomic_file.c - the one atomic writer and the input opener: what a
 * write replaces (and keeps), where it streams, and that no input hangs. */
/* realpath() is XSI */
#define _XOPEN_SOURCE 700
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "io/atomic_file.h"
#include "io/input_file.h"
#include "io/lesson.h"
#include "io/npy.h"

static char tmpdir[64];

static void in_tmp(char *out, size_t cap, const char *name)
{
    snprintf(out, cap, "%s/%s", tmpdir, name);
}

static void put(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

static void slurp(const char *path, char *buf, size_t cap)
{
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    size_t n = fread(buf, 1, cap - 1, f);
    buf[n] = '\0';
    fclose(f);
}

static int write_text(const char *path, int flags, const char *text, Err *err)
{
    AtomicFile f;
    if (atomic_open(&f, path, flags, err) != 0)
        return -1;
    atomic_write(&f, text, strlen(text));
    return atomic_commit(&f, err);
}

/* Entries of tmpdir, so a test sees that no temporary file is left. */
static int entries(void)
{
    DIR *d = opendir(tmpdir);
    assert_non_null(d);
    int n = 0;
    for (struct dirent *e; (e = readdir(d));)
        n += e->d_name[0] != '.' || (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."));
    closedir(d);
    return n;
}

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/tcviz_atomic_XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    DIR *d = opendir(tmpdir);
    char p[600];
    for (struct dirent *e; d && (e = readdir(d));)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
            snprintf(p, sizeof p, "%s/%s", tmpdir, e->d_name);
            unlink(p);
        }
    if (d)
        closedir(d);
    return rmdir(tmpdir);
}

static void test_an_overwritten_file_keeps_its_mode(void **state)
{
    (void)state;
    char p[128], got[64];
    in_tmp(p, sizeof p, "secret.txt");
    put(p, "old");
    assert_int_equal(chmod(p, 0600), 0);
    Err err = {0};
    assert_int_equal(write_text(p, ATOMIC_REPLACE, "new", &err), 0);
    struct stat st;
    assert_int_equal(stat(p, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0600);
    slurp(p, got, sizeof got);
    assert_string_equal(got, "new");
    assert_int_equal(entries(), 1);
    unlink(p);
}

static void test_a_symlink_is_written_through_to_its_target(void **state)
{
    (void)state;
    char target[128], link_[128], got[64];
    in_tmp(target, sizeof target, "target.txt");
    in_tmp(link_, sizeof link_, "link.txt");
    put(target, "old");
    assert_int_equal(symlink("target.txt", link_), 0);
    Err err = {0};
    assert_int_equal(write_text(link_, ATOMIC_REPLACE, "new", &err), 0);
    struct stat st;
    assert_int_equal(lstat(link_, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    slurp(target, got, sizeof got);
    assert_string_equal(got, "new");
    assert_int_equal(entries(), 2);
    unlink(link_);
    unlink(target);
}

static void test_a_name_of_254_bytes_is_written(void **state)
{
    (void)state;
    char name[256], p[400], got[64];
    memset(name, 'n', 250);
    strcpy(name + 250, ".npy");
    in_tmp(p, sizeof p, name);
    Err err = {0};
    assert_int_equal(write_text(p, ATOMIC_REPLACE, "long", &err), 0);
    slurp(p, got, sizeof got);
    assert_string_equal(got, "long");
    assert_int_equal(entries(), 1);
    unlink(p);
}

static void test_a_fifo_or_device_target_is_refused_not_replaced(void **state)
{
    (void)state;
    char p[128];
    in_tmp(p, sizeof p, "pipe");
    assert_int_equal(mkfifo(p, 0600), 0);
    Err err = {0};
    assert_int_equal(write_text(p, ATOMIC_REPLACE, "x", &err), -1);
    char want[300];
    snprintf(want, sizeof want, "%s: is a FIFO, expected a regular file", p);
    assert_string_equal(err.msg, want);
    struct stat st;
    assert_int_equal(lstat(p, &st), 0);
    assert_true(S_ISFIFO(st.st_mode));
    assert_int_equal(entries(), 1);
    unlink(p);

    err = (Err){0};
    assert_int_equal(write_text("/dev/full", ATOMIC_REPLACE, "x", &err), -1);
    assert_string_equal(err.msg, "/dev/full: is a character device, expected a regular file");
    err = (Err){0};
    assert_int_equal(write_text("-", ATOMIC_REPLACE, "x", &err), -1);
    assert_non_null(strstr(err.msg, "cannot go to standard output"));
    /* where streaming is allowed, a device is written directly, and its
     * write errors count like a file's (/dev/full: always ENOSPC) */
    err = (Err){0};
    assert_int_equal(write_text("/dev/full", ATOMIC_STREAM, "x", &err), -1);
    assert_string_equal(err.msg, "/dev/full: cannot write (No space left on device), expected a "
                                 "writable file with free space");
}

static void test_standard_output_is_streamed_when_allowed(void **state)
{
    (void)state;
    char p[128], got[64];
    in_tmp(p, sizeof p, "captured");
    fflush(stdout);
    int saved = dup(1), fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(saved >= 0 && fd >= 0);
    dup2(fd, 1);
    close(fd);
    Err err = {0};
    int rc = write_text("-", ATOMIC_STREAM, "streamed", &err);
    dup2(saved, 1);
    close(saved);
    assert_int_equal(rc, 0);
    slurp(p, got, sizeof got);
    assert_string_equal(got, "streamed");
    unlink(p);
}

static void test_new_never_replaces(void **state)
{
    (void)state;
    char p[128], got[64];
    in_tmp(p, sizeof p, "taken");
    put(p, "keep");
    Err err = {0};
    assert_int_equal(write_text(p, ATOMIC_NEW, "x", &err), -1);
    assert_int_equal(err.code, TC_ERR_ARG);
    slurp(p, got, sizeof got);
    assert_string_equal(got, "keep");
    assert_int_equal(entries(), 1);
    unlink(p);
}

/* In a child with a 100-byte file-size limit, so the test's own files are
 * not limited: the write fails with EFBIG, the old file stays. */
static void test_a_hard_link_is_written_in_place_not_split(void **state)
{
    (void)state;
    char a[128], b[128], got[64];
    in_tmp(a, sizeof a, "a.txt");
    in_tmp(b, sizeof b, "b.txt");
    put(a, "old contents, longer than the new");
    assert_int_equal(link(a, b), 0);
    struct stat before, after;
    assert_int_equal(stat(a, &before), 0);
    Err err = {0};
    assert_int_equal(write_text(b, ATOMIC_REPLACE, "new", &err), 0);
    assert_int_equal(stat(a, &after), 0);
    assert_int_equal(after.st_ino, before.st_ino);
    assert_int_equal(after.st_nlink, 2);
    slurp(a, got, sizeof got);
    assert_string_equal(got, "new");
    assert_int_equal(entries(), 2);
    unlink(a);
    unlink(b);
}

/* A hard-linked target that cannot be opened for writing (a running
 * program: ETXTBSY, even for root) keeps the new bytes in the temporary
 * file the message names. */
static void test_a_failed_in_place_write_keeps_the_new_contents(void **state)
{
    (void)state;
    char prog[128], alias[128], cmd[400], exe[256], want[256];
    in_tmp(prog, sizeof prog, "prog");
    in_tmp(alias, sizeof alias, "alias");
    snprintf(cmd, sizeof cmd, "cp /bin/sleep %s", prog);
    assert_int_equal(system(cmd), 0);
    assert_int_equal(link(prog, alias), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        execl(prog, prog, "30", (char *)NULL);
        _exit(127);
    }
    char proc[64];
    snprintf(proc, sizeof proc, "/proc/%d/exe", (int)pid);
    assert_non_null(realpath(prog, want));
    for (int i = 0; i < 500; i++) { /* until the child runs prog */
        ssize_t n = readlink(proc, exe, sizeof exe - 1);
        exe[n > 0 ? n : 0] = '\0';
        if (strcmp(exe, want) == 0)
            break;
        nanosleep(&(struct timespec){0, 10000000}, NULL);
    }
    struct stat before;
    assert_int_equal(stat(prog, &before), 0);
    Err err = {0};
    assert_int_equal(write_text(alias, ATOMIC_REPLACE, "new", &err), -1);
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    assert_non_null(strstr(err.msg, "cannot write into the hard-linked file (Text file busy); "
                                    "the new contents are kept in "));
    const char *kept = strstr(err.msg, "kept in ") + strlen("kept in ");
    char got[64];
    slurp(kept, got, sizeof got);
    assert_string_equal(got, "new");
    struct stat after;
    assert_int_equal(stat(prog, &after), 0);
    assert_int_equal(after.st_size, before.st_size);
    assert_int_equal(entries(), 3);
    unlink(kept);
    unlink(prog);
    unlink(alias);
}

static void test_a_full_disk_keeps_the_old_file_and_says_so(void **state)
{
    (void)state;
    char p[128], got[64];
    in_tmp(p, sizeof p, "full.txt");
    put(p, "old");
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        struct rlimit lim;
        getrlimit(RLIMIT_FSIZE, &lim);
        lim.rlim_cur = 100;
        signal(SIGXFSZ, SIG_IGN);
        if (setrlimit(RLIMIT_FSIZE, &lim) != 0)
            _exit(3);
        char big[4096];
        memset(big, 'x', sizeof big - 1);
        big[sizeof big - 1] = '\0';
        Err err = {0};
        int rc = write_text(p, ATOMIC_REPLACE, big, &err);
        _exit(rc == -1 && err.code == TC_ERR_IO && strstr(err.msg, "File too large") ? 0 : 1);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    slurp(p, got, sizeof got);
    assert_string_equal(got, "old");
    assert_int_equal(entries(), 1);
    unlink(p);
}

/* A FIFO nobody writes to is reported, not waited on: the read runs in a
 * child with an alarm, so a hang fails the test instead of stalling it. */
static void test_a_fifo_input_without_writer_is_refused_at_once(void **state)
{
    (void)state;
    char p[128];
    in_tmp(p, sizeof p, "in.npy");
    assert_int_equal(mkfifo(p, 0600), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        alarm(10);
        NpyArray a;
        Err err = {0};
        int rc = npy_read(p, &a, &err);
        _exit(rc == -1 && strstr(err.msg, ": a pipe with nothing written to it, expected a "
                                          "readable .npy file")
                  ? 0
                  : 1);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    unlink(p);

    Err err = {0};
    assert_null(input_open("/dev/zero", "a lesson", &err));
    assert_string_equal(err.msg, "/dev/zero: is a character device, expected a lesson");
}

/* The header of a lesson's .npy decides the limit: a file claiming more
 * values than a lesson holds is refused before its data is read (here there
 * is none, so reading it would have reported truncation instead). */
static void test_a_lesson_npy_over_the_limit_is_refused_from_its_header(void **state)
{
    (void)state;
    char p[128];
    in_tmp(p, sizeof p, "big.npy");
    static const char dict[] = "{'descr': '<f4', 'fortran_order': False, 'shape': (2048, 1024), }";
    unsigned char hdr[128];
    memcpy(hdr, "\x93NUMPY\x01\x00", 8);
    size_t hl = 128 - 10;
    hdr[8] = (unsigned char)hl;
    hdr[9] = 0;
    memset(hdr + 10, ' ', hl);
    memcpy(hdr + 10, dict, strlen(dict));
    hdr[127] = '\n';
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    fwrite(hdr, 1, sizeof hdr, f);
    fclose(f);
    NpyArray a;
    Err err = {0};
    assert_int_equal(npy_read_at_most(p, LESSON_MAX_ELEMS, &a, &err), 1);
    assert_int_equal(a.ndim, 2);
    assert_int_equal(a.shape[0], 2048);
    assert_null(a.data);
    unlink(p);
}

/* The same through a lesson: a sparse 256 MiB .npy (2^26 float32 values,
 * within the general limit, past a lesson's) named as a lesson's input is
 * refused without its data being read: the child's peak RSS stays far below
 * the file's size. */
static void test_a_lesson_refuses_a_large_npy_without_reading_it(void **state)
{
    (void)state;
    char npy[128], yaml[128];
    in_tmp(npy, sizeof npy, "huge.npy");
    in_tmp(yaml, sizeof yaml, "huge.yaml");
    static const char dict[] = "{'descr': '<f4', 'fortran_order': False, 'shape': (8192, 8192), }";
    unsigned char hdr[128];
    memcpy(hdr, "\x93NUMPY\x01\x00", 8);
    hdr[8] = 128 - 10;
    hdr[9] = 0;
    memset(hdr + 10, ' ', 128 - 10);
    memcpy(hdr + 10, dict, strlen(dict));
    hdr[127] = '\n';
    FILE *f = fopen(npy, "wb");
    assert_non_null(f);
    fwrite(hdr, 1, sizeof hdr, f);
    fclose(f);
    assert_int_equal(truncate(npy, 128 + ((off_t)1 << 28)), 0);
    put(yaml, "title: huge\nop: conv2d_transpose\nparams: {strides: 1, padding: VALID}\n"
              "tensors:\n  input: huge.npy\n  filter: [[1]]\n");
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        Lesson l;
        Err err = {0};
        int rc = lesson_load(yaml, &l, &err);
        struct rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        int refused = rc == -1 && strstr(err.msg, "input has 67108864 values, more than the "
                                                  "1048576 a lesson may hold");
        _exit(!refused ? 1 : ru.ru_maxrss > 128 * 1024 ? 2 : 0);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    unlink(npy);
    unlink(yaml);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_an_overwritten_file_keeps_its_mode),
        cmocka_unit_test(test_a_symlink_is_written_through_to_its_target),
        cmocka_unit_test(test_a_name_of_254_bytes_is_written),
        cmocka_unit_test(test_a_fifo_or_device_target_is_refused_not_replaced),
        cmocka_unit_test(test_standard_output_is_streamed_when_allowed),
        cmocka_unit_test(test_new_never_replaces),
        cmocka_unit_test(test_a_hard_link_is_written_in_place_not_split),
        cmocka_unit_test(test_a_failed_in_place_write_keeps_the_new_contents),
        cmocka_unit_test(test_a_full_disk_keeps_the_old_file_and_says_so),
        cmocka_unit_test(test_a_fifo_input_without_writer_is_refused_at_once),
        cmocka_unit_test(test_a_lesson_npy_over_the_limit_is_refused_from_its_header),
        cmocka_unit_test(test_a_lesson_refuses_a_large_npy_without_reading_it),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
