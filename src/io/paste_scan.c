/* paste_scan.c - the bytes-level half of the paste parser: a bounded cursor,
 * "line L, column C" messages, and a strict decimal number scanner.
 *
 * Numbers are matched by our own grammar first ([+-] digits [. digits]
 * [e [+-] digits]) and only then converted by strtod on a copy of exactly
 * those bytes, so strtod's extras (hex floats, "nan", "infinity") can never
 * slip in, and a token that strtod would read differently (another locale's
 * decimal point) is refused rather than misread. */
#include "paste_internal.h"

#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define TOKEN_MAX 256 /* longer "numbers" are refused, never truncated */

int pc_peek(const Cursor *c)
{
    return c->pos < c->len ? (unsigned char)c->s[c->pos] : -1;
}

int pc_peek_at(const Cursor *c, size_t pos)
{
    return pos < c->len ? (unsigned char)c->s[pos] : -1;
}

int pc_skip_ws(Cursor *c, int newlines)
{
    size_t start = c->pos;
    for (int ch = pc_peek(c); ch == ' ' || ch == '\t' || ch == '\r' || (newlines && ch == '\n');
         ch = pc_peek(c))
        c->pos++;
    return c->pos != start;
}

int pc_starts(const Cursor *c, const char *word)
{
    size_t n = strlen(word);
    return c->len - c->pos >= n && memcmp(c->s + c->pos, word, n) == 0;
}

int pc_is_ident(int ch, int dotted)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch == '_' || (dotted && ch == '.');
}

size_t pc_ident_len(const Cursor *c, size_t pos, int dotted)
{
    int ch = pc_peek_at(c, pos);
    if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_'))
        return 0;
    size_t end = pos;
    while (pc_is_ident(pc_peek_at(c, end), dotted))
        end++;
    return end - pos;
}

/* Line and column (both from 1) of byte `at`; columns count characters, so
 * UTF-8 continuation bytes do not advance them. */
static void line_col(const Cursor *c, size_t at, int *line, int *col)
{
    *line = 1;
    *col = 1;
    for (size_t i = 0; i < at && i < c->len; i++) {
        unsigned char ch = (unsigned char)c->s[i];
        if (ch == '\n') {
            (*line)++;
            *col = 1;
        } else if ((ch & 0xc0) != 0x80) {
            (*col)++;
        }
    }
}

int pc_fail(Cursor *c, size_t at, TcStatus code, const char *fmt, ...)
{
    char what[ERR_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    int line, col;
    line_col(c, at, &line, &col);
    return err_fail(c->err, code, "line %d, column %d: %s", line, col, what);
}

/* How the text at pos reads in a message. */
static void describe(const Cursor *c, char out[48])
{
    int ch = pc_peek(c);
    size_t word = pc_ident_len(c, c->pos, 1);
    if (ch < 0) {
        snprintf(out, 48, "the end of the text");
    } else if (ch == '\n' || ch == '\r') {
        snprintf(out, 48, "the end of the line");
    } else if (word > 0) {
        snprintf(out, 48, "'%.*s%s'", word > 24 ? 24 : (int)word, c->s + c->pos,
                 word > 24 ? "..." : "");
    } else if (ch >= 0x20 && ch < 0x7f) {
        snprintf(out, 48, "'%c'", ch);
    } else if (ch >= 0xc2 && ch <= 0xf4) {
        /* A UTF-8 character (a Unicode minus sign, a no-break space) is shown
         * whole, with its code point, since it often looks like ASCII. */
        size_t n = ch >= 0xf0 ? 4 : ch >= 0xe0 ? 3 : 2, k = 1;
        unsigned cp = (unsigned)ch & (n == 2 ? 0x1f : n == 3 ? 0x0f : 0x07);
        while (k < n && (pc_peek_at(c, c->pos + k) & 0xc0) == 0x80)
            cp = cp << 6 | ((unsigned)pc_peek_at(c, c->pos + k++) & 0x3f);
        if (k == n)
            snprintf(out, 48, "'%.*s' (U+%04X)", (int)n, c->s + c->pos, cp);
        else
            snprintf(out, 48, "byte 0x%02x", (unsigned)ch);
    } else {
        snprintf(out, 48, "byte 0x%02x", (unsigned)ch);
    }
}

int pc_expected(Cursor *c, const char *what)
{
    char got[48];
    describe(c, got);
    if (pc_starts(c, "..."))
        return pc_fail(c, c->pos, TC_ERR_FORMAT,
                       "got '...' where numbers were left out of a printed summary, expected "
                       "every number (print with np.set_printoptions(threshold=sys.maxsize) or "
                       "torch.set_printoptions(profile='full'))");
    return pc_fail(c, c->pos, TC_ERR_FORMAT, "expected %s, got %s", what, got);
}

static int is_digit(int ch)
{
    return ch >= '0' && ch <= '9';
}

/* The length of a nan/inf/infinity word at pos (any case), else 0. */
static size_t nonfinite_word(const Cursor *c, size_t pos)
{
    size_t n = pc_ident_len(c, pos, 0);
    if ((n == 3 &&
         (strncasecmp(c->s + pos, "nan", 3) == 0 || strncasecmp(c->s + pos, "inf", 3) == 0)) ||
        (n == 8 && strncasecmp(c->s + pos, "infinity", 8) == 0))
        return n;
    return 0;
}

int pc_number_start(const Cursor *c)
{
    int ch = pc_peek(c);
    if (ch == '+' || ch == '-')
        return 1; /* a sign commits to a number: "-x" is refused as one */
    size_t p = c->pos;
    int next = pc_peek_at(c, p);
    if (is_digit(next) || (next == '.' && is_digit(pc_peek_at(c, p + 1))))
        return 1;
    return nonfinite_word(c, p) > 0;
}

static int push(Cursor *c, float v, size_t at)
{
    if (c->n == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 64;
        float *d = realloc(c->data, cap * sizeof *d);
        if (!d)
            return pc_fail(c, at, TC_ERR_NOMEM, "out of memory for %zu numbers", cap);
        c->data = d;
        c->cap = cap;
    }
    c->data[c->n++] = v;
    return 0;
}

static size_t digits(const Cursor *c, size_t pos)
{
    size_t end = pos;
    while (is_digit(pc_peek_at(c, end)))
        end++;
    return end - pos;
}

int pc_number(Cursor *c, const char *what)
{
    size_t start = c->pos, p = start;
    int sign = pc_peek(c) == '+' || pc_peek(c) == '-';
    p += (size_t)sign;
    size_t word = nonfinite_word(c, p);
    if (word > 0)
        return pc_fail(c, start, TC_ERR_FORMAT,
                       "'%.*s' is not a finite number, expected finite values (no nan or inf)",
                       (int)(p - start + word), c->s + start);
    size_t whole = digits(c, p), frac = 0;
    p += whole;
    if (pc_peek_at(c, p) == '.') {
        frac = digits(c, p + 1);
        if (whole > 0 || frac > 0)
            p += 1 + frac;
    }
    if (whole == 0 && frac == 0) {
        if (!sign)
            return pc_expected(c, what);
        c->pos = p;
        return pc_expected(c, "digits after the sign");
    }
    int e = pc_peek_at(c, p);
    if (e == 'e' || e == 'E') {
        size_t q = p + 1;
        q += pc_peek_at(c, q) == '+' || pc_peek_at(c, q) == '-';
        size_t ed = digits(c, q);
        if (ed == 0) {
            c->pos = q;
            return pc_expected(c, "the exponent's digits");
        }
        p = q + ed;
    }
    size_t n = p - start;
    if (n >= TOKEN_MAX)
        return pc_fail(c, start, TC_ERR_FORMAT, "a number of %zu characters, expected at most %d",
                       n, TOKEN_MAX - 1);
    char tok[TOKEN_MAX];
    memcpy(tok, c->s + start, n);
    tok[n] = '\0';
    char *end;
    errno = 0;
    double v = strtod(tok, &end);
    if (end != tok + n)
        return pc_fail(c, start, TC_ERR_FORMAT, "cannot read '%s' as a number", tok);
    /* An overflow gives HUGE_VAL; an underflow rounds towards 0, which float32
     * would do anyway. */
    if (!isfinite(v) || fabs(v) > FLT_MAX)
        return pc_fail(c, start, TC_ERR_FORMAT,
                       "'%.40s' is outside the float32 range, expected values within +-%g", tok,
                       (double)FLT_MAX);
    c->pos = p;
    return push(c, (float)v, start);
}
