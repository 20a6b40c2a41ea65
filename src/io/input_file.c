/* input_file.c - non-blocking open, then only regular files and live pipes. */
#include "io/input_file.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *file_kind_name(mode_t m)
{
    if (S_ISDIR(m))
        return "a directory";
    if (S_ISFIFO(m))
        return "a FIFO";
    if (S_ISCHR(m))
        return "a character device";
    if (S_ISBLK(m))
        return "a block device";
    if (S_ISSOCK(m))
        return "a socket";
    return "not a regular file";
}

static FILE *fail(int fd)
{
    close(fd);
    return NULL;
}

/* fd, back in blocking mode, as a stream (the fd is closed on failure). */
static FILE *blocking_stream(int fd, const char *path, const char *expected, Err *err)
{
    int fl = fcntl(fd, F_GETFL);
    FILE *f = fl < 0 || fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) != 0 ? NULL : fdopen(fd, "rb");
    if (!f) {
        err_fail(err, TC_ERR_IO, "%s: cannot read (%s), expected %s", path, strerror(errno),
                 expected);
        return fail(fd);
    }
    return f;
}

/* A pipe or FIFO: a non-blocking read tells "a writer is there" (data, or
 * EAGAIN) from "nobody writes" (end of file at once). The byte read, if any,
 * is pushed back onto the stream. */
static FILE *open_pipe(int fd, const char *path, const char *expected, Err *err)
{
    unsigned char first;
    ssize_t got;
    do
        got = read(fd, &first, 1);
    while (got < 0 && errno == EINTR);
    if (got == 0) {
        err_fail(err, TC_ERR_IO, "%s: a pipe with nothing written to it, expected %s", path,
                 expected);
        return fail(fd);
    }
    if (got < 0 && errno != EAGAIN) {
        err_fail(err, TC_ERR_IO, "%s: cannot read (%s), expected %s", path, strerror(errno),
                 expected);
        return fail(fd);
    }
    FILE *f = blocking_stream(fd, path, expected, err);
    if (f && got == 1)
        ungetc(first, f);
    return f;
}

FILE *input_open(const char *path, const char *expected, Err *err)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        err_fail(err, TC_ERR_IO, "%s: cannot open (%s), expected %s", path, strerror(errno),
                 expected);
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        err_fail(err, TC_ERR_IO, "%s: cannot open (%s), expected %s", path, strerror(errno),
                 expected);
        return fail(fd);
    }
    if (S_ISFIFO(st.st_mode))
        return open_pipe(fd, path, expected, err);
    if (S_ISDIR(st.st_mode)) {
        err_fail(err, TC_ERR_IO, "%s: cannot read (%s), expected %s", path, strerror(EISDIR),
                 expected);
        return fail(fd);
    }
    if (!S_ISREG(st.st_mode)) {
        err_fail(err, TC_ERR_IO, "%s: is %s, expected %s", path, file_kind_name(st.st_mode), expected);
        return fail(fd);
    }
    return blocking_stream(fd, path, expected, err);
}
