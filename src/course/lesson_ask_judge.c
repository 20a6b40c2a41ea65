/* lesson_ask_judge.c - a typed answer read and compared with the core's.
 *
 * People type sizes many ways ("6x6", "6 x 6", "6×6", "[6, 6]"); each
 * question kind says what it expected when the text cannot be read. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "course/lesson_ask.h"
#include "course/lesson_ask_internal.h"

/* A typed number is the core's when it is this close (relative to its
 * size, at least absolute): people type 0.333 for a third. */
#define TYPED_TOLERANCE 1e-3

/* Skip spaces and brackets. */
static const char *skip(const char *p)
{
    while (*p && (isspace((unsigned char)*p) || *p == '[' || *p == ']' || *p == '(' || *p == ')'))
        p++;
    return p;
}

/* "6x6", "6 x 6", "6×6", "6,6", "[6, 6]"; a single number when one_d. */
static int read_size(const char *t, int one_d, int out[2])
{
    char *end;
    const char *p = skip(t);
    long a = strtol(p, &end, 10);
    if (end == p)
        return -1;
    p = end;
    while (*p == ' ')
        p++;
    if (*skip(p) == '\0' && one_d) {
        out[0] = 1;
        out[1] = (int)a;
        return 0;
    }
    if (*p == 'x' || *p == 'X' || *p == ',')
        p++;
    else if (strncmp(p, "\xc3\x97", 2) == 0) /* × */
        p += 2;
    p = skip(p);
    long b = strtol(p, &end, 10);
    if (end == p || *skip(end) != '\0' || a < 0 || b < 0 || a > 1 << 20 || b > 1 << 20)
        return -1;
    out[0] = (int)a;
    out[1] = (int)b;
    return 0;
}

AskVerdict lesson_ask_judge(const AskSolution *sol, const char *typed, const int (*cells)[2],
                            int n_cells, char *why, size_t cap)
{
    char *end;
    const char *t = typed ? skip(typed) : "";
    why[0] = '\0';
    switch (sol->kind) {
    case ASK_CELL: {
        double v = strtod(t, &end);
        if (end == t || *skip(end) != '\0' || !isfinite(v)) {
            snprintf(why, cap, "type a number, e.g. 1.5");
            return ASK_UNREADABLE;
        }
        return ask_close_to(v, sol->value, TYPED_TOLERANCE) ? ASK_RIGHT : ASK_WRONG;
    }
    case ASK_SIZE: {
        int s[2];
        if (read_size(t, sol->spec.dims == 1, s) != 0) {
            snprintf(why, cap, "type the size as HxW, e.g. 6x6");
            return ASK_UNREADABLE;
        }
        return s[0] == sol->size[0] && s[1] == sol->size[1] ? ASK_RIGHT : ASK_WRONG;
    }
    case ASK_TOUCHES:
        if (n_cells == 0) {
            snprintf(why, cap, "click the output cells it touches, then press Enter");
            return ASK_UNREADABLE;
        }
        return ask_cells_match(sol, cells, n_cells) ? ASK_RIGHT : ASK_WRONG;
    case ASK_SPELLING: {
        long k = strtol(t, &end, 10);
        if (end == t || *skip(end) != '\0' || k < 1 || k > sol->n_choices) {
            snprintf(why, cap, "type a choice's number, 1 to %d", sol->n_choices);
            return ASK_UNREADABLE;
        }
        return k == sol->choice ? ASK_RIGHT : ASK_WRONG;
    }
    case ASK_KIND_COUNT: break;
    }
    return ASK_UNREADABLE;
}
