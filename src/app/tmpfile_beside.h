/* tmpfile_beside.h - the temporary file of an atomic write.
 *
 * Exported files (PNG, GIF) are written under a fresh name in the target's
 * own directory and renamed over the target only when complete, so a reader
 * (or a slide deck) never sees half a file and a failure leaves the old file
 * untouched. rename() is atomic only within one file system, hence "beside". */
#ifndef TCVIZ_TMPFILE_BESIDE_H
#define TCVIZ_TMPFILE_BESIDE_H

#include "core/status.h"

/* Create "<path>.tmp<pid>.<n>" exclusively (never clobbering a leftover or a
 * concurrent writer's file); returns the open write-only fd and the malloc'd
 * name in *tmp, or -1 with err naming path (TC_ERR_IO / TC_ERR_NOMEM). */
int tmpfile_beside(const char *path, char **tmp, Err *err);

/* fsync the finished temp file by name, then rename it over path; on failure
 * the temp file is removed and err names path. */
int tmpfile_commit(const char *tmp, const char *path, Err *err);

/* Like tmpfile_commit, but never replaces an existing path: link() the temp
 * file to path (EEXIST fails with err.code TC_ERR_ARG and the temp file
 * kept, so the caller can try another name), then remove the temp name. */
int tmpfile_commit_new(const char *tmp, const char *path, Err *err);

#endif
