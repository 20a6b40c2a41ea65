/* snippet_text.c - the text buffer the snippet writers print into: checked
 * appends, word-wrapped comments and calls that wrap inside their
 * parentheses at a fixed width, so the panel and a pasted copy read the
 * same; and the sizes and shapes as the snippets write them. */
#include "snippet_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define WRAP 100 /* code lines wrap before this column */
#define COMMENT_WRAP 90

void snip_put(SnipText *t, const char *fmt, ...)
{
    if (t->overflow)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(t->buf + t->len, t->cap - t->len, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= t->cap - t->len) {
        t->overflow = 1;
        t->buf[t->len] = '\0';
        return;
    }
    for (int i = 0; i < n; i++)
        if (t->buf[t->len + (size_t)i] == '\n')
            t->line_start = t->len + (size_t)i + 1;
    t->len += (size_t)n;
}

void snip_comment(SnipText *t, const char *s)
{
    snip_put(t, "#");
    size_t col = 1;
    while (*s) {
        size_t w = strcspn(s, " ");
        if (col > 1 && col + 1 + w > COMMENT_WRAP) {
            snip_put(t, "\n#");
            col = 1;
        }
        snip_put(t, " %.*s", (int)w, s);
        col += 1 + w;
        s += w;
        s += strspn(s, " ");
    }
    snip_put(t, "\n");
}

/* head + args, wrapped under the first argument; each continuation line
 * starts with `lead` ("" for code, "#" inside a comment). */
static void call_lines(SnipText *t, const char *lead, const char *head, char args[][SNIP_ARG_MAX],
                       int n, const char *tail)
{
    snip_put(t, "%s", head);
    size_t indent = t->len - t->line_start, skip = strlen(lead);
    for (int i = 0; i < n; i++) {
        size_t col = t->len - t->line_start;
        size_t need = strlen(args[i]) + (i + 1 < n ? 1 : strlen(tail));
        if (i > 0 && col + 2 + need > WRAP)
            snip_put(t, ",\n%s%*s%s", lead, (int)(indent - skip), "", args[i]);
        else
            snip_put(t, "%s%s", i ? ", " : "", args[i]);
    }
    snip_put(t, "%s\n", tail);
}

void snip_call(SnipText *t, const char *head, char args[][SNIP_ARG_MAX], int n, const char *tail)
{
    call_lines(t, "", head, args, n, tail);
}

void snip_call_comment(SnipText *t, const char *head, char args[][SNIP_ARG_MAX], int n,
                       const char *tail)
{
    char h[128];
    snprintf(h, sizeof h, "# %s", head);
    call_lines(t, "#", h, args, n, tail);
}

/* ---- sizes and shapes ------------------------------------------------------------ */

/* PyTorch/Keras sizes: 1-D "2"; 2-D "2" when both axes agree, else "(2, 1)". */
const char *snip_pair(char buf[32], const SnipLayer *l, const int v[2])
{
    if (l->dims == 1 || v[0] == v[1])
        snprintf(buf, 32, "%d", v[1]);
    else
        snprintf(buf, 32, "(%d, %d)", v[0], v[1]);
    return buf;
}

/* A kernel size argument: "3" in 1-D, "(3, 3)" in 2-D. */
const char *snip_ksize(char buf[32], const SnipLayer *l)
{
    if (l->dims == 1)
        snprintf(buf, 32, "%d", l->k[1]);
    else
        snprintf(buf, 32, "(%d, %d)", l->k[0], l->k[1]);
    return buf;
}

/* A weight shape: spatial sizes first (TF) or last (PyTorch). */
const char *snip_wshape(char buf[64], const SnipLayer *l, int torch, int a, int b)
{
    if (l->dims == 1 && torch)
        snprintf(buf, 64, "[%d, %d, %d]", a, b, l->k[1]);
    else if (l->dims == 1)
        snprintf(buf, 64, "[%d, %d, %d]", l->k[1], a, b);
    else if (torch)
        snprintf(buf, 64, "[%d, %d, %d, %d]", a, b, l->k[0], l->k[1]);
    else
        snprintf(buf, 64, "[%d, %d, %d, %d]", l->k[0], l->k[1], a, b);
    return buf;
}

const char *snip_data_shape(char buf[64], const SnipLayer *l, int torch, int n, int c,
                            const int sp[2])
{
    if (l->dims == 1 && torch)
        snprintf(buf, 64, "NCW [%d, %d, %d]", n, c, sp[1]);
    else if (l->dims == 1)
        snprintf(buf, 64, "NWC [%d, %d, %d]", n, sp[1], c);
    else if (torch)
        snprintf(buf, 64, "NCHW [%d, %d, %d, %d]", n, c, sp[0], sp[1]);
    else
        snprintf(buf, 64, "NHWC [%d, %d, %d, %d]", n, sp[0], sp[1], c);
    return buf;
}

int snip_is_one(const SnipLayer *l, const int v[2])
{
    return (l->dims == 1 || v[0] == 1) && v[1] == 1;
}

const char *snip_kdims(const SnipLayer *l)
{
    return l->dims == 1 ? "k" : "kh, kw";
}
