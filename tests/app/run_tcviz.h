/* run_tcviz.h - run the built tcviz binary (posix_spawn, no shell) and
 * capture its exit code, stdout and stderr; scratch directory helpers.
 * Header-only, for the export and bench tests (include after cmocka.h). */
#ifndef TCVIZ_TEST_RUN_TCVIZ_H
#define TCVIZ_TEST_RUN_TCVIZ_H

#include <dirent.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

#define RUN_MAX_ARGS 48
#define RUN_CAP 16384

typedef struct {
    int code;          /* exit status, or -signal */
    char out[RUN_CAP]; /* stdout */
    char err[RUN_CAP]; /* stderr */
} Run;

static char run_dir[64]; /* the scratch directory: '@' in argument lines */

static void run_slurp(const char *path, char *buf)
{
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    size_t n = fread(buf, 1, RUN_CAP - 1, f);
    buf[n] = '\0';
    fclose(f);
}

/* Run tcviz with a space-separated argument line; '@' stands for the
 * scratch directory. No display is needed: DISPLAY is cleared for the child
 * so a test proves export runs headless. */
static void run_tcviz(const char *line, Run *r)
{
    char text[4096], outp[128], errp[128], *argv[RUN_MAX_ARGS + 2];
    size_t n = 0;
    for (const char *in = line; *in && n + 1 < sizeof text; in++) {
        if (*in == '@')
            n += (size_t)snprintf(text + n, sizeof text - n, "%s", run_dir);
        else
            text[n++] = *in;
        assert_true(n < sizeof text);
    }
    text[n] = '\0';
    int argc = 0;
    argv[argc++] = TCVIZ_BINARY;
    for (char *tok = strtok(text, " "); tok; tok = strtok(NULL, " ")) {
        assert_true(argc < RUN_MAX_ARGS);
        argv[argc++] = tok;
    }
    argv[argc] = NULL;
    /* The captures live outside the scratch directory, which tests list. */
    snprintf(outp, sizeof outp, "%s.stdout", run_dir);
    snprintf(errp, sizeof errp, "%s.stderr", run_dir);
    static char *env[1024];
    int ne = 0;
    for (char **e = environ; *e && ne < 1023; e++)
        if (strncmp(*e, "DISPLAY=", 8) != 0 && strncmp(*e, "WAYLAND_DISPLAY=", 16) != 0)
            env[ne++] = *e;
    env[ne] = NULL;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, outp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&fa, 2, errp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    pid_t pid;
    int rc = posix_spawn(&pid, TCVIZ_BINARY, &fa, NULL, argv, env);
    posix_spawn_file_actions_destroy(&fa);
    assert_int_equal(rc, 0);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    r->code = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
    run_slurp(outp, r->out);
    run_slurp(errp, r->err);
    unlink(outp);
    unlink(errp);
}

static int run_dir_make(const char *prefix)
{
    snprintf(run_dir, sizeof run_dir, "/tmp/%s_XXXXXX", prefix);
    return mkdtemp(run_dir) ? 0 : -1;
}

/* Entries of a directory (without . and ..); -1 if it cannot be opened. */
static int run_count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    int n = 0;
    for (struct dirent *e; (e = readdir(d));)
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return n;
}

/* Remove the files of dir and its subdirectories (one level), then dir. */
static int run_remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    char path[512];
    for (struct dirent *e; (e = readdir(d));) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (unlink(path) != 0)
            run_remove_tree(path);
    }
    closedir(d);
    return rmdir(dir);
}

#endif
