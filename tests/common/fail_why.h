/* fail_why.h - a one-line reason instead of an assert, for tests that run
 * many cases and count the failures (the reference-case runners).
 *
 *     char why[WHY_MAX];
 *     if (x != 3) return fail_why(why, "x is %d, expected 3", x);   // -1
 */
#ifndef TCVIZ_TEST_COMMON_FAIL_WHY_H
#define TCVIZ_TEST_COMMON_FAIL_WHY_H

#include <stdarg.h>
#include <stdio.h>

#define WHY_MAX 512

static int fail_why(char *why, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail_why(char *why, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, WHY_MAX, fmt, ap);
    va_end(ap);
    return -1;
}

#endif
