/* run_tcviz.h - run the built tcviz binary (posix_spawn, no shell) and
 * capture its exit code, stdout and stderr (tests/common/run_tcviz.h);
 * scratch directory helpers. For the export and bench tests. */
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

#include "../common/run_tcviz.h"

static char run_dir[64]; /* the scratch directory: '@' in argument lines */

/* Run tcviz with a space-separated argument line; '@' stands for the
 * scratch directory. r keeps the capture until the next run (the tests'
 * Runs are static, so nothing is lost) or run_free. */
static void run_tcviz(const char *line, Run *r)
{
    run_free(r);
    run_tcviz_line(line, run_dir, r);
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
