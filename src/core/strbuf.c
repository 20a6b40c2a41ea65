/* strbuf.c - bounded text appends (see strbuf.h). */
#include "core/strbuf.h"

#include <stdio.h>

StrBuf strbuf_init(char *buf, size_t cap)
{
    if (buf && cap > 0)
        buf[0] = '\0';
    return (StrBuf){buf, buf ? cap : 0, 0, 0};
}

/* The length of the longest prefix of s[0..n) that ends on a whole UTF-8
 * character: a lead byte whose sequence runs past n is dropped with its
 * continuation bytes. */
static size_t whole_chars(const char *s, size_t n)
{
    size_t start = n;
    /* back over at most three continuation bytes to the last lead byte */
    while (start > 0 && n - start < 3 && ((unsigned char)s[start - 1] & 0xC0) == 0x80)
        start--;
    if (start == 0)
        return n;
    unsigned char lead = (unsigned char)s[start - 1];
    size_t want = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    return want > n - (start - 1) ? start - 1 : n;
}

void strbuf_vprintf(StrBuf *b, const char *fmt, va_list ap)
{
    int cut = b->need > b->len; /* an earlier piece was cut: leave this out */
    size_t room = cut || b->cap == 0 ? 0 : b->cap - b->len;
    int n = vsnprintf(room ? b->buf + b->len : NULL, room, fmt, ap);
    if (n < 0) /* an encoding error: nothing sensible to add */
        return;
    b->need += (size_t)n;
    if (room == 0)
        return;
    if ((size_t)n < room) {
        b->len += (size_t)n;
        return;
    }
    b->len = b->len + whole_chars(b->buf + b->len, room - 1);
    b->buf[b->len] = '\0';
}

void strbuf_printf(StrBuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    strbuf_vprintf(b, fmt, ap);
    va_end(ap);
}

int strbuf_truncated(const StrBuf *b)
{
    return b->need > b->len;
}
