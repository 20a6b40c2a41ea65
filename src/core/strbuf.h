/* strbuf.h - the one way tcviz appends text to a fixed buffer: bounded,
 * printf-format-checked, and safe when the text does not fit.
 *
 * A piece that does not fit is cut at the last whole UTF-8 character (a
 * "·" or "×" is never split into bytes a font cannot draw), and every later
 * piece is left out, so a cut text is always a prefix of the whole one.
 * `need` counts the bytes the whole text takes, so a caller can size a
 * buffer (cap 0, buf NULL: measure only) or report that it was cut.
 *
 *     char buf[64];
 *     StrBuf b = strbuf_init(buf, sizeof buf);
 *     strbuf_printf(&b, "x[%d,%d] = %s", i, j, num);
 *     if (strbuf_truncated(&b)) ...   // b.need > b.len
 */
#ifndef TCVIZ_STRBUF_H
#define TCVIZ_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct {
    char *buf;
    size_t cap;  /* bytes of buf, its '\0' included */
    size_t len;  /* bytes held; buf[len] is '\0' whenever cap > 0 */
    size_t need; /* bytes the whole text takes (len when nothing was cut) */
} StrBuf;

/* An empty text in buf (buf may be NULL when cap is 0). */
StrBuf strbuf_init(char *buf, size_t cap);
void strbuf_printf(StrBuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void strbuf_vprintf(StrBuf *b, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
/* 1 when some text was cut or left out. */
int strbuf_truncated(const StrBuf *b);

#endif
