/* tmpfile_beside.c - exclusive temp names beside the target; fsync + rename. */
#include "app/tmpfile_beside.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int tmpfile_beside(const char *path, char **tmp, Err *err)
{
    static unsigned counter; /* distinguishes temp names within one process */
    size_t cap = strlen(path) + 48;
    char *name = malloc(cap);
    if (!name)
        return err_fail(err, TC_ERR_NOMEM, "%s: out of memory", path);
    for (int attempt = 0;; attempt++) {
        snprintf(name, cap, "%s.tmp%ld.%u", path, (long)getpid(), counter++);
        /* mode 0666: the umask decides, as for any file the user creates */
        int fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0) {
            *tmp = name;
            return fd;
        }
        if (errno != EEXIST || attempt == 100) {
            int e = errno;
            free(name);
            return err_fail(err, TC_ERR_IO,
                            "%s: cannot create a temporary file beside it (%s), expected a "
                            "writable directory",
                            path, strerror(e));
        }
    }
}

/* errno of flushing the finished temp file to disk, or 0. */
static int sync_by_name(const char *tmp)
{
    int e = 0, fd = open(tmp, O_RDONLY | O_CLOEXEC);
    if (fd < 0 || fsync(fd) != 0)
        e = errno;
    if (fd >= 0)
        close(fd);
    return e;
}

static int commit_failed(const char *tmp, const char *path, int e, Err *err)
{
    unlink(tmp);
    return err_fail(err, TC_ERR_IO,
                    "%s: cannot write (%s), expected a writable file with free space", path,
                    strerror(e));
}

int tmpfile_commit(const char *tmp, const char *path, Err *err)
{
    int e = sync_by_name(tmp);
    if (!e && rename(tmp, path) != 0)
        e = errno;
    return e ? commit_failed(tmp, path, e, err) : 0;
}

int tmpfile_commit_new(const char *tmp, const char *path, Err *err)
{
    int e = sync_by_name(tmp);
    if (!e && link(tmp, path) != 0) {
        if (errno == EEXIST)
            return err_fail(err, TC_ERR_ARG, "%s: already exists", path);
        e = errno;
    }
    if (e)
        return commit_failed(tmp, path, e, err);
    unlink(tmp);
    return 0;
}
