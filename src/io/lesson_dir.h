/* lesson_dir.h - the course on disk: the lesson files of a directory, in
 * course order (file names sort as 01-..., 02-...), each with its title.
 *
 *     LessonEntry *e; int n;
 *     if (lesson_dir_list(lesson_dir_default(), &e, &n, &err) == 0) {
 *         for (int i = 0; i < n; i++)
 *             printf("%s  %s\n", e[i].name, e[i].error[0] ? e[i].error : e[i].title);
 *         free(e);
 *     }
 */
#ifndef TCVIZ_LESSON_DIR_H
#define TCVIZ_LESSON_DIR_H

#include <stddef.h>

#include "core/status.h"

#define LESSON_DIR_MAX 256 /* files listed; a course is a dozen */

typedef struct {
    char path[1024];        /* dir/name, as lesson_load takes it */
    char name[256];         /* the file name */
    char title[256];        /* the lesson's title; "" when it does not load */
    char error[ERR_MSG_MAX]; /* why it does not load; "" when it does */
    int questions;          /* steps that ask a question (ask:) */
} LessonEntry;

/* Every *.yaml / *.yml of dir, sorted by name, each loaded once (so a broken
 * lesson is listed with its error instead of its title). *out is malloc'd
 * (free it; NULL when the directory holds none). -1 with err when dir
 * cannot be read. */
int lesson_dir_list(const char *dir, LessonEntry **out, int *count, Err *err);

/* The lesson after the one at path in its directory's course order (the
 * next file name): 1 with its path in next, 0 when path is the last one,
 * -1 with err when the directory cannot be read. */
int lesson_dir_next(const char *path, char *next, size_t cap, Err *err);

/* Where the course lives: $TCVIZ_LESSONS when set, else the installed
 * course beside the binary, else the source tree's (install_dir.h). */
const char *lesson_dir_default(void);

#endif
