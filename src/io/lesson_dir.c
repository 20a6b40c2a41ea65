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

int lesson_dir_list(const char *dir, LessonEntry **out, int *count, Err *err)
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
    for (int i = 0; i < n; i++) {
        Lesson l;
        Err le = {0};
        if (lesson_load(e[i].path, &l, &le) != 0) {
            snprintf(e[i].error, sizeof e[i].error, "%s", le.msg);
            continue;
        }
        snprintf(e[i].title, sizeof e[i].title, "%s", l.title ? l.title : e[i].name);
        lesson_free(&l);
    }
    *out = e;
    *count = n;
    return 0;
}
