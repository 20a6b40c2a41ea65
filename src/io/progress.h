/* progress.h - the learner's way through the course: which lessons were
 * finished and which questions answered right, kept in a small text file
 * under the user's data directory,
 * ${XDG_DATA_HOME:-~/.local/share}/tcviz/progress:
 *
 *     # tcviz progress 1
 *     01-upsample-3x3-to-6x6.yaml done 1,2
 *     02-unet-2x2-stride-2.yaml started 2
 *
 * one line per lesson file name: `done` (its last step was reached) or
 * `started`, then the 1-based steps whose question was answered right.
 * Written whole through atomic_file.c. A file that does not read is never
 * written over: progress_load fails with one line naming it, and the
 * caller keeps it (and stops saving) until the user fixes or removes it. */
#ifndef TCVIZ_PROGRESS_H
#define TCVIZ_PROGRESS_H

#include <stddef.h>
#include <stdint.h>

#include "core/status.h"

#define PROGRESS_MAX_LESSONS 256
#define PROGRESS_MAX_NAME 128
#define PROGRESS_MAX_BYTES (64 * 1024)

typedef struct {
    char name[PROGRESS_MAX_NAME]; /* the lesson's file name, e.g. 01-upsample-3x3-to-6x6.yaml */
    int done;
    uint64_t right; /* bit k-1: step k's question answered right (steps 1..64) */
} ProgressLesson;

typedef struct {
    ProgressLesson items[PROGRESS_MAX_LESSONS];
    int count;
} Progress;

/* Where the file lives: $XDG_DATA_HOME/tcviz/progress, else
 * $HOME/.local/share/tcviz/progress; -1 with err when neither is set. */
int progress_path(char *buf, size_t cap, Err *err);

/* Read path into *p; a missing file is empty progress (0). -1 with
 * "path:line: ..." when the file does not read. */
int progress_load(const char *path, Progress *p, Err *err);

/* Write *p to path (creating its directory), atomically. */
int progress_save(const char *path, const Progress *p, Err *err);

/* The entry of lesson `name` (a file name without '/' or spaces); create:
 * add it when missing. NULL when absent (or full, or the name cannot be
 * kept). */
ProgressLesson *progress_lesson(Progress *p, const char *name, int create);

/* How many of the steps 1..64 are answered right. */
int progress_right_count(const ProgressLesson *l);

#endif
