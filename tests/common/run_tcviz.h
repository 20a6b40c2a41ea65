/* run_tcviz.h - run the built tcviz binary (posix_spawn, no shell) and
 * capture its exit code, stdout and stderr, for the tests that drive the
 * command line. Header-only; include after cmocka.h.
 *
 *     Run r;
 *     run_tcviz_line("shape conv2d_transpose --input @x.npy ...", "/tmp/dir/", &r);
 *     assert_int_equal(r.code, 0);  ... r.out, r.err ...
 *     run_free(&r);
 *
 * The child gets no DISPLAY, so every test proves the command runs headless. */
#ifndef TCVIZ_TEST_COMMON_RUN_H
#define TCVIZ_TEST_COMMON_RUN_H

#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

#define RUN_MAX_ARGS 48

typedef struct {
    int code;       /* exit status, or -signal */
    char *out;      /* stdout, NUL-terminated */
    size_t out_len;
    char *err;      /* stderr, NUL-terminated */
} Run;

static inline char *run_slurp_fd(int fd, size_t *len)
{
    size_t cap = 1 << 14, n = 0;
    char *buf = malloc(cap);
    assert_non_null(buf);
    lseek(fd, 0, SEEK_SET);
    for (ssize_t got; (got = read(fd, buf + n, cap - n - 1)) > 0;) {
        n += (size_t)got;
        if (n + 1 == cap) {
            cap *= 2;
            buf = realloc(buf, cap);
            assert_non_null(buf);
        }
    }
    buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

/* Run tcviz with argv[0] = the binary and args (NULL-terminated). */
static inline void run_tcviz_argv(char *const *args, Run *r)
{
    char *argv[RUN_MAX_ARGS + 2];
    int argc = 0;
    argv[argc++] = TCVIZ_BINARY;
    for (; args[argc - 1]; argc++) {
        assert_true(argc <= RUN_MAX_ARGS);
        argv[argc] = args[argc - 1];
    }
    argv[argc] = NULL;
    static char *env[1024];
    int ne = 0;
    for (char **e = environ; *e && ne < 1023; e++)
        if (strncmp(*e, "DISPLAY=", 8) != 0 && strncmp(*e, "WAYLAND_DISPLAY=", 16) != 0)
            env[ne++] = *e;
    env[ne] = NULL;
    /* Captures in anonymous temp files: the tests' own directories stay clean. */
    char outp[] = "/tmp/tcviz_run_out_XXXXXX", errp[] = "/tmp/tcviz_run_err_XXXXXX";
    int fo = mkstemp(outp), fe = mkstemp(errp);
    assert_true(fo >= 0 && fe >= 0);
    unlink(outp);
    unlink(errp);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fo, 1);
    posix_spawn_file_actions_adddup2(&fa, fe, 2);
    pid_t pid;
    int rc = posix_spawn(&pid, TCVIZ_BINARY, &fa, NULL, argv, env);
    posix_spawn_file_actions_destroy(&fa);
    assert_int_equal(rc, 0);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    r->code = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
    r->out = run_slurp_fd(fo, &r->out_len);
    r->err = run_slurp_fd(fe, NULL);
    close(fo);
    close(fe);
}

/* Run tcviz with a space-separated argument line: each '@' becomes `at`
 * (e.g. a fixture directory with its slash), '' is an empty argument. */
static inline void run_tcviz_line(const char *line, const char *at, Run *r)
{
    char text[4096], *args[RUN_MAX_ARGS + 1];
    size_t n = 0;
    for (const char *p = line; *p; p++) {
        int w = *p == '@' ? snprintf(text + n, sizeof text - n, "%s", at)
                          : snprintf(text + n, sizeof text - n, "%c", *p);
        assert_true(w > 0 && n + (size_t)w < sizeof text);
        n += (size_t)w;
    }
    text[n] = '\0';
    int argc = 0;
    for (char *tok = strtok(text, " "); tok; tok = strtok(NULL, " ")) {
        assert_true(argc < RUN_MAX_ARGS);
        args[argc++] = strcmp(tok, "''") == 0 ? tok + 2 : tok;
    }
    args[argc] = NULL;
    run_tcviz_argv(args, r);
}

static inline void run_free(Run *r)
{
    free(r->out);
    free(r->err);
    memset(r, 0, sizeof *r);
}

#endif
