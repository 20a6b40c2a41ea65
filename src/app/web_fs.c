/* web_fs.c - link() for the page's in-memory file system, which has none.
 *
 * The writers place a finished temp file under its final name with link(),
 * which fails when the name exists, so nothing is ever replaced; then they
 * unlink the temp name. Here the new name is created exclusively (O_EXCL:
 * the same refusal) and gets a copy of the bytes; the files are small and
 * the disk is memory, so the copy costs nothing a user would notice. */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

int link(const char *old, const char *new)
{
    int in = open(old, O_RDONLY);
    if (in < 0)
        return -1;
    int out = open(new, O_WRONLY | O_CREAT | O_EXCL, 0644);
    if (out < 0) {
        int e = errno;
        close(in);
        errno = e;
        return -1;
    }
    char buf[65536];
    ssize_t n;
    int rc = 0;
    while ((n = read(in, buf, sizeof buf)) > 0)
        if (write(out, buf, (size_t)n) != n) {
            rc = -1;
            break;
        }
    int e = errno;
    if (n < 0)
        rc = -1;
    close(in);
    if (close(out) != 0)
        rc = -1;
    if (rc != 0) {
        unlink(new);
        errno = e ? e : EIO;
    }
    return rc;
}
