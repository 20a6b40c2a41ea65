/* input_file.h - opening a file the user named for reading.
 *
 * The file is opened non-blocking, so a FIFO nobody writes to is reported
 * instead of hanging the program; a regular file, or a pipe that is being
 * written (a process substitution, /dev/stdin in a pipeline), is then read
 * with ordinary blocking reads. Anything else (a directory, a terminal, a
 * device, a socket) is refused with one line naming path and what it is. */
#ifndef TCVIZ_INPUT_FILE_H
#define TCVIZ_INPUT_FILE_H

#include <stdio.h>
#include <sys/types.h>

#include "core/status.h"

/* A stream to read path from, or NULL with err (TC_ERR_IO) ending in
 * "expected <expected>", e.g. "a readable .npy file". */
FILE *input_open(const char *path, const char *expected, Err *err);

/* "a directory", "a FIFO", "a character device", ... for st_mode m. */
const char *file_kind_name(mode_t m);

#endif
