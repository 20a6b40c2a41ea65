/* atomic_file.h - the one way tcviz writes a file the user named.
 *
 * The bytes go to a fresh temporary file in the target's own directory
 * (rename() is atomic only within one file system); every write is checked,
 * and atomic_commit flushes (fsync), closes and renames it over the target
 * only when all of that succeeded. On any failure the temporary file is
 * removed, the old file is untouched and err says what happened in one line.
 *
 * The target is the file the user means: a symbolic link is followed and its
 * target written; an overwritten file keeps its permission bits; a temporary
 * name never passes NAME_MAX however long the target's name is. A target that
 * is not a regular file (a directory, a FIFO, a device) is refused, unless the
 * caller allows streaming (ATOMIC_STREAM): then "-" means standard output and
 * a FIFO or character device is written directly, with no rename.
 *
 * A target with other hard links is not replaced by a new file (that would
 * split the link): the complete temporary file is written first, then copied
 * into the target in place. If that copy fails, the temporary file is kept
 * and the message names it, so the new contents are never lost. */
#ifndef TCVIZ_ATOMIC_FILE_H
#define TCVIZ_ATOMIC_FILE_H

#include <stddef.h>

#include "core/status.h"

enum {
    ATOMIC_REPLACE = 0,    /* replace an existing file */
    ATOMIC_NEW = 1 << 0,   /* never replace: an existing name fails with TC_ERR_ARG */
    ATOMIC_STREAM = 1 << 1 /* "-", FIFOs and character devices are written directly */
};

typedef struct AtomicFile {
    const char *path; /* as the caller named it, for messages */
    char *target;     /* where the bytes land (symbolic links followed) */
    char *tmp;        /* the temporary name; NULL when streaming */
    int fd;
    int flags;
    int error;      /* errno of the first failed write, 0 when none */
    int in_place;   /* the target has other hard links: copy into it, no rename */
    long long size; /* bytes written so far */
} AtomicFile;

/* Opens the temporary file for path (or the stream); -1 with err on failure. */
int atomic_open(AtomicFile *a, const char *path, int flags, Err *err);

/* Writes all n bytes; a failure is recorded (a->error) and reported by
 * atomic_commit, so callers may write on and check once. Returns 0 or -1. */
int atomic_write(AtomicFile *a, const void *p, size_t n);

/* Records a failure the caller found (e.g. an encoder error) so that commit
 * refuses; e is an errno value. */
void atomic_fail(AtomicFile *a, int e);

/* fsync, close, rename (or link for ATOMIC_NEW); frees a. 0 or -1 with err. */
int atomic_commit(AtomicFile *a, Err *err);

/* Removes the temporary file and frees a (safe after a failed open). */
void atomic_abort(AtomicFile *a);

#endif
