/* lesson_fields.c - typed values out of YAML nodes, with the error messages
 * every lesson field shares: "path:line:col: <field> must be <what>, got
 * <what it is>", and unknown keys answered with the closest known one. */
#include "io/lesson_internal.h"
#include "core/suggest.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int lfail(const LCtx *cx, const YNode *n, TcStatus code, const char *fmt, ...)
{
    char msg[ERR_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (!n)
        return err_fail(cx->err, code, "%s: %s", cx->path, msg);
    return err_fail(cx->err, code, "%s:%d:%d: %s", cx->path, n->line, n->col, msg);
}

static int is_null(const YNode *n)
{
    return n->kind == YN_SCALAR && n->plain &&
           (n->value[0] == '\0' || strcmp(n->value, "~") == 0 || strcmp(n->value, "null") == 0);
}

void ydescribe(const YNode *n, char *buf, size_t size)
{
    if (n->kind == YN_SEQ && n->count == 0)
        snprintf(buf, size, "an empty list");
    else if (n->kind == YN_SEQ)
        snprintf(buf, size, "a list of %d item%s", n->count, n->count == 1 ? "" : "s");
    else if (n->kind == YN_MAP)
        snprintf(buf, size, "a mapping");
    else if (is_null(n))
        snprintf(buf, size, "nothing");
    else if (strlen(n->value) > 40)
        snprintf(buf, size, "\"%.37s...\"", n->value);
    else
        snprintf(buf, size, "\"%s\"", n->value);
}

int lwant(const LCtx *cx, const YNode *n, const char *field, const char *want)
{
    char got[64];
    ydescribe(n, got, sizeof got);
    return lfail(cx, n, TC_ERR_FORMAT, "%s must be %s, got %s", field, want, got);
}

/* ---- suggestions --------------------------------------------------------------- */

const char *lsuggest(const char *typed, const char *const *cands)
{
    Suggest s = suggest_start(typed);
    for (int i = 0; cands[i]; i++)
        suggest_consider(&s, cands[i]);
    return s.best;
}

int lkeys(const LCtx *cx, const YNode *map, const char *field, const char *const *known)
{
    for (int i = 0; i < map->count; i++) {
        const YNode *k = ymap_key(map, i);
        int ok = 0;
        for (int j = 0; known[j] && !ok; j++)
            ok = strcmp(k->value, known[j]) == 0;
        if (ok)
            continue;
        const char *s = lsuggest(k->value, known);
        if (s)
            return lfail(cx, k, TC_ERR_FORMAT, "unknown key '%.60s', did you mean '%s'?",
                         k->value, s);
        char list[200] = "";
        size_t used = 0;
        for (int j = 0; known[j] && used + 2 < sizeof list; j++)
            used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", j ? ", " : "",
                                     known[j]);
        return lfail(cx, k, TC_ERR_FORMAT, "unknown key '%.60s' in %s, expected one of: %s",
                     k->value, field, list);
    }
    return 0;
}

/* ---- typed scalars ------------------------------------------------------------- */

static const char *int_want(int lo)
{
    return lo == 1 ? "a positive integer" : lo == 0 ? "a non-negative integer" : "an integer";
}

int lget_int(const LCtx *cx, const YNode *n, const char *field, int lo, int hi, int *out)
{
    if (n->kind != YN_SCALAR || is_null(n))
        return lwant(cx, n, field, int_want(lo));
    const char *s = n->value;
    char *end = NULL;
    errno = 0;
    long v = 0;
    if ((*s >= '0' && *s <= '9') || ((*s == '-' || *s == '+') && s[1] >= '0' && s[1] <= '9'))
        v = strtol(s, &end, 10);
    if (!end || *end != '\0')
        return lwant(cx, n, field, int_want(lo));
    if (errno == ERANGE || v < lo || v > hi) {
        char want[48];
        snprintf(want, sizeof want, "%s in %d..%d", int_want(lo), lo, hi);
        return lwant(cx, n, field, want);
    }
    *out = (int)v;
    return 0;
}

int lparse_float(const YNode *n, float *out)
{
    if (n->kind != YN_SCALAR || is_null(n))
        return -1;
    char *end = NULL;
    double v = strtod(n->value, &end);
    if (end == n->value || *end != '\0' || !isfinite(v))
        return -1;
    if (fabs(v) > 3.0e38)
        return -2;
    *out = (float)v;
    return 0;
}

int lget_float(const LCtx *cx, const YNode *n, const char *field, float *out)
{
    int rc = lparse_float(n, out);
    if (rc == 0)
        return 0;
    return lwant(cx, n, field, rc == -2 ? "a number within float32 range" : "a number");
}

int lget_bool(const LCtx *cx, const YNode *n, const char *field, int *out)
{
    static const char *const yes[] = {"true", "True", "TRUE", "yes", NULL};
    static const char *const no[] = {"false", "False", "FALSE", "no", NULL};
    if (n->kind == YN_SCALAR && n->plain)
        for (int i = 0; yes[i]; i++) {
            if (strcmp(n->value, yes[i]) == 0)
                return *out = 1, 0;
            if (strcmp(n->value, no[i]) == 0)
                return *out = 0, 0;
        }
    return lwant(cx, n, field, "true or false");
}

int lget_string(const LCtx *cx, const YNode *n, const char *field, size_t max_len, char **out)
{
    if (n->kind != YN_SCALAR || is_null(n))
        return lwant(cx, n, field, "a text");
    size_t len = strlen(n->value);
    if (len > max_len)
        return lfail(cx, n, TC_ERR_LIMIT, "%s is %zu characters long, expected at most %zu",
                     field, len, max_len);
    *out = strdup(n->value);
    if (!*out)
        return lfail(cx, n, TC_ERR_NOMEM, "out of memory");
    return 0;
}

int lget_ints(const LCtx *cx, const YNode *node, const char *field, int n, int lo, int hi,
              int *out)
{
    char want[64];
    snprintf(want, sizeof want, "a list of %d integers", n);
    if (node->kind != YN_SEQ)
        return lwant(cx, node, field, want);
    if (node->count != n)
        return lfail(cx, node, TC_ERR_FORMAT, "%s must be %s, got %d", field, want, node->count);
    for (int i = 0; i < n; i++) {
        char f[96];
        snprintf(f, sizeof f, "%.80s[%d]", field, i);
        if (lget_int(cx, node->items[i], f, lo, hi, &out[i]) != 0)
            return -1;
    }
    return 0;
}

void lesson_fmt4(const int v[4], char *buf, size_t size)
{
    snprintf(buf, size, "[%d,%d,%d,%d]", v[0], v[1], v[2], v[3]);
}
