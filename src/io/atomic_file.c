/* atomic_file.c - temp file beside the target, checked writes, fsync, rename. */
/* realpath() is XSI, not plain POSIX.1-2008 */
#define _XOPEN_SOURCE 700
#include "io/atomic_file.h"
#include "io/input_file.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Bytes of the target's name kept in the temporary name: with the dot, the
 * ".tmp" and mkstemp's six characters it stays far below NAME_MAX (255). */
enum { TMP_NAME_KEEP = 200 };

static int io_fail(const char *path, int e, Err *err)
{
    return err_fail(err, TC_ERR_IO, "%s: cannot write (%s), expected a writable file with free space",
                    path, strerror(e));
}

/* The target the user means: a symbolic link resolved to the file it names. */
static char *resolve_target(const char *path, Err *err)
{
    struct stat st;
    if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
        char *real = realpath(path, NULL);
        if (!real)
            err_fail(err, TC_ERR_IO,
                     "%s: a symbolic link whose target cannot be reached (%s), expected a link to "
                     "an existing file",
                     path, strerror(errno));
        return real;
    }
    char *copy = strdup(path);
    if (!copy)
        err_fail(err, TC_ERR_NOMEM, "%s: out of memory", path);
    return copy;
}

/* "<dir>/.<name, cut>.tmpXXXXXX" for mkstemp. */
static char *temp_template(const char *target)
{
    const char *slash = strrchr(target, '/');
    size_t dirlen = slash ? (size_t)(slash - target) + 1 : 0;
    const char *base = target + dirlen;
    size_t keep = strlen(base) < TMP_NAME_KEEP ? strlen(base) : TMP_NAME_KEEP;
    size_t cap = dirlen + 1 + keep + sizeof ".tmpXXXXXX";
    char *t = malloc(cap);
    if (t)
        snprintf(t, cap, "%.*s.%.*s.tmpXXXXXX", (int)dirlen, target, (int)keep, base);
    return t;
}

static mode_t default_mode(void)
{
    /* 0666 less the umask, as for any file the user creates; umask() can
     * only be read by setting it, so it is put straight back. */
    mode_t mask = umask(022);
    umask(mask);
    return 0666 & ~mask;
}

static int open_stream(AtomicFile *a, const char *path, Err *err)
{
    a->fd = strcmp(path, "-") == 0 ? dup(STDOUT_FILENO)
                                   : open(a->target, O_WRONLY | O_CLOEXEC | O_NOCTTY);
    if (a->fd < 0) {
        int e = errno;
        atomic_abort(a);
        return io_fail(path, e, err);
    }
    return 0;
}

int atomic_open(AtomicFile *a, const char *path, int flags, Err *err)
{
    memset(a, 0, sizeof *a);
    a->path = path;
    a->fd = -1;
    a->flags = flags;
    if (!path || !*path)
        return err_fail(err, TC_ERR_ARG, "no output file named, expected a path");
    if (strcmp(path, "-") == 0) {
        if (!(flags & ATOMIC_STREAM))
            return err_fail(err, TC_ERR_ARG,
                            "-: this output cannot go to standard output, expected a file name");
        a->target = strdup(path);
        return a->target ? open_stream(a, path, err)
                         : err_fail(err, TC_ERR_NOMEM, "%s: out of memory", path);
    }
    a->target = resolve_target(path, err);
    if (!a->target)
        return -1;
    struct stat st;
    int exists = stat(a->target, &st) == 0;
    if (exists && !S_ISREG(st.st_mode)) {
        if ((flags & ATOMIC_STREAM) && (S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode)))
            return open_stream(a, path, err);
        atomic_abort(a);
        return err_fail(err, TC_ERR_IO, "%s: is %s, expected a regular file%s", path,
                        file_kind_name(st.st_mode), flags & ATOMIC_STREAM ? " or - for standard output" : "");
    }
    if (exists && (flags & ATOMIC_NEW)) {
        atomic_abort(a);
        return err_fail(err, TC_ERR_ARG, "%s: already exists; not overwriting it", path);
    }
    a->tmp = temp_template(a->target);
    if (!a->tmp) {
        atomic_abort(a);
        return err_fail(err, TC_ERR_NOMEM, "%s: out of memory", path);
    }
    /* mkstemp: a fresh name, created exclusively, never a leftover */
    a->fd = mkstemp(a->tmp);
    if (a->fd < 0) {
        int e = errno;
        free(a->tmp);
        a->tmp = NULL;
        atomic_abort(a);
        return err_fail(err, TC_ERR_IO,
                        "%s: cannot create a temporary file beside it (%s), expected a writable "
                        "directory",
                        path, strerror(e));
    }
    (void)fcntl(a->fd, F_SETFD, FD_CLOEXEC);
    /* An overwritten file keeps its permissions (and owner, where allowed). */
    if (fchmod(a->fd, exists ? (st.st_mode & 07777) : default_mode()) != 0) {
        int e = errno;
        atomic_abort(a);
        return io_fail(path, e, err);
    }
    a->in_place = exists && st.st_nlink > 1;
    if (exists && (st.st_uid != geteuid() || st.st_gid != getegid()))
        (void)!fchown(a->fd, st.st_uid, st.st_gid);
    return 0;
}

int atomic_write(AtomicFile *a, const void *p, size_t n)
{
    const unsigned char *b = p;
    if (a->error)
        return -1;
    while (n > 0) {
        ssize_t w = write(a->fd, b, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            a->error = w == 0 ? EIO : errno;
            return -1;
        }
        b += w;
        n -= (size_t)w;
        a->size += w;
    }
    return 0;
}

void atomic_fail(AtomicFile *a, int e)
{
    if (!a->error)
        a->error = e ? e : EIO;
}

/* Copies the finished temporary file into the target itself, so every hard
 * link to it sees the new contents; errno on failure, 0 on success. */
static int copy_in_place(AtomicFile *a)
{
    int out = open(a->target, O_WRONLY | O_CLOEXEC | O_NOCTTY);
    if (out < 0)
        return errno;
    int e = lseek(a->fd, 0, SEEK_SET) == 0 ? 0 : errno;
    char buf[65536];
    while (!e) {
        ssize_t r = read(a->fd, buf, sizeof buf);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            e = r < 0 ? errno : 0;
            break;
        }
        for (ssize_t off = 0; !e && off < r;) {
            ssize_t w = write(out, buf + off, (size_t)(r - off));
            if (w < 0 && errno == EINTR)
                continue;
            if (w <= 0)
                e = w == 0 ? EIO : errno;
            else
                off += w;
        }
    }
    if (!e && ftruncate(out, (off_t)a->size) != 0)
        e = errno;
    if (!e && fsync(out) != 0)
        e = errno;
    if (close(out) != 0 && !e)
        e = errno;
    return e;
}

/* The in-place copy failed: the temporary file holds the complete new
 * contents, so it is kept and named rather than removed. */
static int in_place_fail(AtomicFile *a, int e, Err *err)
{
    int rc = err_fail(err, TC_ERR_IO,
                      "%s: cannot write into the hard-linked file (%s); the new contents are "
                      "kept in %s",
                      a->path, strerror(e), a->tmp);
    free(a->tmp);
    a->tmp = NULL;
    atomic_abort(a);
    return rc;
}

int atomic_commit(AtomicFile *a, Err *err)
{
    int e = a->error;
    /* fsync is meaningless on a pipe or terminal; there only close counts */
    if (!e && a->tmp && fsync(a->fd) != 0)
        e = errno;
    if (!e && a->tmp && a->in_place && !(a->flags & ATOMIC_NEW)) {
        int ce = copy_in_place(a);
        if (ce)
            return in_place_fail(a, ce, err);
        atomic_abort(a); /* the target holds the bytes; the temporary goes */
        return 0;
    }
    if (close(a->fd) != 0 && !e)
        e = errno;
    a->fd = -1;
    if (!e && a->tmp) {
        if (a->flags & ATOMIC_NEW) {
            if (link(a->tmp, a->target) != 0) {
                if (errno == EEXIST) {
                    int rc = err_fail(err, TC_ERR_ARG, "%s: already exists; not overwriting it",
                                      a->path);
                    atomic_abort(a);
                    return rc;
                }
                e = errno;
            }
        } else if (rename(a->tmp, a->target) != 0) {
            e = errno;
        } else {
            free(a->tmp); /* renamed: nothing to remove */
            a->tmp = NULL;
        }
    }
    if (e) {
        atomic_abort(a);
        return io_fail(a->path, e, err);
    }
    atomic_abort(a); /* removes the temp name of a link()ed new file */
    return 0;
}

void atomic_abort(AtomicFile *a)
{
    if (a->fd >= 0)
        close(a->fd);
    a->fd = -1;
    if (a->tmp)
        unlink(a->tmp);
    free(a->tmp);
    free(a->target);
    a->tmp = a->target = NULL;
}
