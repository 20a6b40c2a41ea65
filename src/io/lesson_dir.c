/* lesson_dir.c - list a directory's lessons with their titles.
 *
 * Titles come from lesson_load itself, not a quick scan of the YAML: the
 * browser then shows exactly what opening the file would do (a lesson
 * whose numbers or keys are wrong is listed with the loader's message). */
#include "io/lesson_dir.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/install_dir.h"
#include "io/lesson.h"

const char *lesson_dir_default(void)
{
    static char dir[4096];
    const char *env = getenv("TCVIZ_LESSONS");
    if (env && *env)
        return env;
    install_dir("lessons", dir, sizeof dir);
    return dir;
}

static int is_lesson_name(const char *n)
{
    size_t len = strlen(n);
    if (n[0] == '.')
        return 0;
    return (len > 5 && strcmp(n + len - 5, ".yaml") == 0) ||
           (len > 4 && strcmp(n + len - 4, ".yml") == 0);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const LessonEntry *)a)->name, ((const LessonEntry *)b)->name);
}

/* The lesson files of dir, sorted by name, not loaded. */
static int list_names(const char *dir, LessonEntry **out, int *count, Err *err)
{
    *out = NULL;
    *count = 0;
    DIR *d = opendir(dir);
    if (!d)
        return err_fail(err, TC_ERR_IO, "%s: cannot read the lesson directory: %s", dir,
                        strerror(errno));
    LessonEntry *e = NULL;
    int n = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL && n < LESSON_DIR_MAX) {
        if (!is_lesson_name(de->d_name) || strlen(de->d_name) >= sizeof e->name)
            continue;
        LessonEntry *grown = realloc(e, (size_t)(n + 1) * sizeof *e);
        if (!grown) {
            free(e);
            closedir(d);
            return err_fail(err, TC_ERR_NOMEM, "out of memory listing %s", dir);
        }
        e = grown;
        memset(&e[n], 0, sizeof e[n]);
        snprintf(e[n].name, sizeof e[n].name, "%s", de->d_name);
        int len = snprintf(e[n].path, sizeof e[n].path, "%s/%s", dir, de->d_name);
        if (len < 0 || (size_t)len >= sizeof e[n].path)
            continue; /* a path too long to open is left out */
        n++;
    }
    closedir(d);
    if (n > 1)
        qsort(e, (size_t)n, sizeof *e, by_name);
    *out = e;
    *count = n;
    return 0;
}

int lesson_dir_list(const char *dir, LessonEntry **out, int *count, Err *err)
{
    LessonEntry *e;
    int n;
    if (list_names(dir, &e, &n, err) != 0)
        return -1;
    for (int i = 0; i < n; i++) {
        Lesson l;
        Err le = {0};
        if (lesson_load(e[i].path, &l, &le) != 0) {
            snprintf(e[i].error, sizeof e[i].error, "%s", le.msg);
            continue;
        }
        snprintf(e[i].title, sizeof e[i].title, "%s", l.title ? l.title : e[i].name);
        for (int k = 0; k < l.step_count; k++)
            e[i].questions += l.steps[k].ask != NULL;
        lesson_free(&l);
    }
    *out = e;
    *count = n;
    return 0;
}

int lesson_dir_next(const char *path, char *next, size_t cap, Err *err)
{
    const char *slash = strrchr(path, '/');
    const char *name = slash ? slash + 1 : path;
    char dir[1024];
    size_t len = slash ? (size_t)(slash - path) : 0;
    if (len >= sizeof dir)
        return err_fail(err, TC_ERR_ARG, "%s: the lesson's directory name is too long", path);
    if (!slash || slash == path)
        snprintf(dir, sizeof dir, "%s", slash ? "/" : ".");
    else
        snprintf(dir, sizeof dir, "%.*s", (int)len, path);
    LessonEntry *e;
    int n, found = 0;
    if (list_names(dir, &e, &n, err) != 0)
        return -1;
    for (int i = 0; i < n && !found; i++)
        if (strcmp(e[i].name, name) > 0) {
            if (strlen(e[i].path) >= cap) {
                free(e);
                return err_fail(err, TC_ERR_ARG, "%s: the path is too long to open", e[i].path);
            }
            snprintf(next, cap, "%s", e[i].path);
            found = 1;
        }
    free(e);
    return found;
}
