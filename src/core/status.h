/* status.h - error reporting shared by core and io.
 *
 * Core and io never print or exit. A failing function fills an Err (a code and
 * a one-line message naming the field and what was expected) and returns -1,
 * so the caller (the CLI or the app) decides how to show it.
 *
 *     Err err = {0};
 *     if (geom_conv2d(&p, in_nchw, c_out, kh, kw, &g, &err) != 0)
 *         fprintf(stderr, "tcviz: %s\n", err.msg);
 */
#ifndef TCVIZ_STATUS_H
#define TCVIZ_STATUS_H

#include <stdarg.h>

typedef enum {
    TC_OK = 0,
    TC_ERR_ARG,     /* a parameter is out of its legal range */
    TC_ERR_SHAPE,   /* tensor shapes do not fit together */
    TC_ERR_LIMIT,   /* a size limit is exceeded */
    TC_ERR_NOMEM,   /* allocation failed */
    TC_ERR_IO,      /* a file could not be read or written */
    TC_ERR_FORMAT   /* a file or text is malformed */
} TcStatus;

#define ERR_MSG_MAX 320

typedef struct {
    TcStatus code;
    char msg[ERR_MSG_MAX];
} Err;

/* Short name of a status code, e.g. "shape error". */
const char *status_name(TcStatus code);

/* Fill err (if not NULL) with code and a printf-style message; returns -1 so
 * callers can write `return err_fail(err, TC_ERR_ARG, "...")`. */
int err_fail(Err *err, TcStatus code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Prefix an existing message, e.g. with a file name: "x.npy: <old msg>". */
void err_prefix(Err *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Broken invariants (programmer errors) abort with file and line. */
void tc_assert_fail(const char *expr, const char *file, int line);
#define TC_ASSERT(e) ((e) ? (void)0 : tc_assert_fail(#e, __FILE__, __LINE__))

#endif
