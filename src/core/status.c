/* status.c - the error-code table and message formatting used by core and io. */
#include "status.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const status_names[] = {
    [TC_OK] = "ok",
    [TC_ERR_ARG] = "invalid argument",
    [TC_ERR_SHAPE] = "shape error",
    [TC_ERR_LIMIT] = "size limit exceeded",
    [TC_ERR_NOMEM] = "out of memory",
    [TC_ERR_IO] = "i/o error",
    [TC_ERR_FORMAT] = "format error",
};

const char *status_name(TcStatus code)
{
    if ((int)code < 0 || (size_t)code >= sizeof status_names / sizeof status_names[0])
        return "unknown error";
    return status_names[code];
}

int err_fail(Err *err, TcStatus code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        err->code = code;
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
    }
    return -1;
}

void err_prefix(Err *err, const char *fmt, ...)
{
    if (!err)
        return;
    char head[ERR_MSG_MAX];
    char old[ERR_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(head, sizeof head, fmt, ap);
    va_end(ap);
    memcpy(old, err->msg, sizeof old);
    /* Truncation of an over-long message is acceptable; build it piecewise so
     * the compiler can see every copy is bounded. */
    size_t n = strlen(head);
    if (n >= sizeof err->msg)
        n = sizeof err->msg - 1;
    memcpy(err->msg, head, n);
    size_t rest = sizeof err->msg - 1 - n;
    size_t m = strnlen(old, rest);
    memcpy(err->msg + n, old, m);
    err->msg[n + m] = '\0';
}

/* The one place core code may write to stderr: an invariant is broken, so the
 * program is wrong and continuing would produce a silent wrong answer. */
void tc_assert_fail(const char *expr, const char *file, int line)
{
    fprintf(stderr, "%s:%d: internal error: assertion '%s' failed\n", file, line, expr);
    abort();
}
