/* install_dir.c - find tcviz's data directories relative to the binary. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "io/install_dir.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* CMake passes both: the data directory relative to the binary's directory
 * ("../share/tcviz") and the source tree. */
#ifndef TCVIZ_DATA_FROM_BIN
#define TCVIZ_DATA_FROM_BIN "../share/tcviz"
#endif
#ifndef TCVIZ_SOURCE_DIR
#define TCVIZ_SOURCE_DIR "."
#endif

/* Whether p is a directory; if so it is rewritten without "..", when that fits. */
static int is_dir(char *p, size_t cap)
{
    struct stat st;
    if (stat(p, &st) != 0 || !S_ISDIR(st.st_mode))
        return 0;
    char *real = realpath(p, NULL);
    if (real && strlen(real) < cap)
        memcpy(p, real, strlen(real) + 1);
    free(real);
    return 1;
}

/* The directory holding the running binary, without a trailing slash. */
static int exe_dir(char *out, size_t cap)
{
    ssize_t n = readlink("/proc/self/exe", out, cap - 1);
    if (n <= 0 || (size_t)n >= cap - 1)
        return -1;
    out[n] = '\0';
    char *slash = strrchr(out, '/');
    if (!slash)
        return -1;
    *slash = '\0';
    return 0;
}

void install_dir(const char *sub, char *out, size_t cap)
{
    char bin[4096];
    if (exe_dir(bin, sizeof bin) == 0) {
        int n = snprintf(out, cap, "%s/%s/%s", bin, TCVIZ_DATA_FROM_BIN, sub);
        if (n > 0 && (size_t)n < cap && is_dir(out, cap))
            return;
    }
    int n = snprintf(out, cap, "%s/%s", TCVIZ_SOURCE_DIR, sub);
    if (n > 0 && (size_t)n < cap && is_dir(out, cap))
        return;
    snprintf(out, cap, "%s", sub);
}
