/* npy_header.c - the .npy header: a magic string, a version, a header length
 * and a Python dict literal ({'descr': '<f4', 'fortran_order': False,
 * 'shape': (2, 3), }) padded with spaces to a newline.
 *
 * The dict is parsed by hand with a bounded cursor rather than by a general
 * Python-literal parser: only three keys with three value kinds can occur,
 * and a small grammar refuses everything else with a message that points at
 * the offending byte. */
#include "npy_internal.h"
#include "core/strbuf.h"

#include <stdio.h>
#include <string.h>

#define EXPECTED_DTYPES "'<f4', '<f8', '<i4', '<i8' or '|u1'"

const unsigned char npy_magic[6] = {0x93, 'N', 'U', 'M', 'P', 'Y'};

static const struct {
    const char *descr;
    Dtype dtype;
    size_t size;
} dtypes[] = {
    {"<f4", DT_F4, 4}, {"<f8", DT_F8, 8}, {"<i4", DT_I4, 4},
    {"<i8", DT_I8, 8}, {"|u1", DT_U1, 1}, {"<u1", DT_U1, 1},
};

/* ---- message helpers ------------------------------------------------------ */

/* Python's tuple spelling: "()", "(3,)", "(1, 3, 3, 1)". */
const char *npy_fmt_tuple(char buf[TUPLE_MAX], const int *v, int n)
{
    StrBuf o = strbuf_init(buf, TUPLE_MAX);
    strbuf_printf(&o, "(");
    for (int i = 0; i < n; i++)
        strbuf_printf(&o, i ? ", %d" : "%d", v[i]);
    strbuf_printf(&o, n == 1 ? ",)" : ")");
    return buf;
}

/* numpy's subscript of flat element `flat`: "[1, 2]", "[5]", "[()]". */
const char *npy_fmt_index(char buf[TUPLE_MAX], int ndim, const int *shape, size_t flat)
{
    if (ndim == 0)
        return "[()]";
    int at[NPY_MAX_NDIM];
    for (int i = ndim - 1; i >= 0; i--) {
        at[i] = (int)(flat % (size_t)shape[i]);
        flat /= (size_t)shape[i];
    }
    StrBuf o = strbuf_init(buf, TUPLE_MAX);
    strbuf_printf(&o, "[");
    for (int i = 0; i < ndim; i++)
        strbuf_printf(&o, i ? ", %d" : "%d", at[i]);
    strbuf_printf(&o, "]");
    return buf;
}

static int header_truncated(const char *name, size_t have, size_t need, Err *err)
{
    return err_fail(err, TC_ERR_FORMAT,
                    "%s: header is truncated (%zu of %zu bytes), expected a complete .npy header",
                    name, have, need);
}

/* ---- preamble: magic, version, header length ------------------------------ */

/* len may cover less than the whole header; the dict is at *dict_off and is
 * *hlen bytes long. */
int npy_parse_preamble(const unsigned char *b, size_t len, const char *name, size_t *dict_off,
                       size_t *hlen, Err *err)
{
    /* Set on every path: the compiler cannot see that err_fail returns -1. */
    *dict_off = *hlen = 0;
    if (len == 0)
        return err_fail(err, TC_ERR_FORMAT, "%s: file is empty, expected a .npy file", name);
    if (len < sizeof npy_magic || memcmp(b, npy_magic, sizeof npy_magic) != 0)
        return err_fail(err, TC_ERR_FORMAT,
                        "%s: not a .npy file (bad magic), expected it to start with \\x93NUMPY",
                        name);
    if (len < 8)
        return header_truncated(name, len, 10, err);
    if (b[6] < 1 || b[6] > 3 || b[7] != 0)
        return err_fail(err, TC_ERR_FORMAT,
                        "%s: .npy format version %u.%u is not supported, expected 1.0, 2.0 or 3.0",
                        name, b[6], b[7]);
    size_t prefix = b[6] == 1 ? 10 : 12;
    if (len < prefix)
        return header_truncated(name, len, prefix, err);
    size_t n = (size_t)b[8] | (size_t)b[9] << 8;
    if (prefix == 12)
        n |= (size_t)b[10] << 16 | (size_t)b[11] << 24;
    if (n > NPY_MAX_HEADER_LEN)
        return err_fail(err, TC_ERR_LIMIT,
                        "%s: header length %zu is too large, expected at most %zu bytes", name, n,
                        NPY_MAX_HEADER_LEN);
    *dict_off = prefix;
    *hlen = n;
    return 0;
}

/* ---- the header dict --------------------------------------------------------- */

typedef struct {
    const unsigned char *s;
    size_t pos, len, base; /* base: file offset of s[0], for messages */
    const char *name;
    Err *err;
} Cursor;

static int peek(const Cursor *c)
{
    return c->pos < c->len ? c->s[c->pos] : -1;
}

static void skip_ws(Cursor *c)
{
    while (c->pos < c->len && (c->s[c->pos] == ' ' || c->s[c->pos] == '\t' ||
                               c->s[c->pos] == '\r' || c->s[c->pos] == '\n'))
        c->pos++;
}

static int is_word_char(unsigned char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch == '_';
}

static int malformed(const Cursor *c, const char *expected)
{
    int ch = peek(c);
    if (ch < 0)
        return err_fail(c->err, TC_ERR_FORMAT,
                        "%s: header dict is malformed (it ends early), expected %s", c->name,
                        expected);
    if (ch >= 0x20 && ch < 0x7f)
        return err_fail(c->err, TC_ERR_FORMAT,
                        "%s: header dict is malformed at byte %zu ('%c'), expected %s", c->name,
                        c->base + c->pos, ch, expected);
    return err_fail(c->err, TC_ERR_FORMAT,
                    "%s: header dict is malformed at byte %zu (0x%02x), expected %s", c->name,
                    c->base + c->pos, (unsigned)ch, expected);
}

static int expect_char(Cursor *c, char ch, const char *expected)
{
    skip_ws(c);
    if (peek(c) != (unsigned char)ch)
        return malformed(c, expected);
    c->pos++;
    return 0;
}

/* A quoted string without escapes; sets *str and *n to its contents. */
static int parse_string(Cursor *c, const char **str, size_t *n, const char *expected)
{
    skip_ws(c);
    int q = peek(c);
    if (q != '\'' && q != '"')
        return malformed(c, expected);
    size_t start = ++c->pos;
    while (c->pos < c->len && c->s[c->pos] != q) {
        if (c->s[c->pos] < 0x20 || c->s[c->pos] >= 0x7f || c->s[c->pos] == '\\')
            return malformed(c, "a plain quoted string");
        c->pos++;
    }
    if (c->pos >= c->len)
        return malformed(c, "a closing quote");
    *str = (const char *)c->s + start;
    *n = c->pos - start;
    c->pos++;
    return 0;
}

static const char *dtype_hint(const char *s, size_t n)
{
    if (n > 0 && s[0] == '>')
        return " (big-endian)";
    const char *t = n > 0 && strchr("<|=", s[0]) ? s + 1 : s;
    size_t m = n - (size_t)(t - s);
    if (m == 2 && memcmp(t, "f2", 2) == 0)
        return " (float16)";
    if (m > 0 && t[0] == 'b')
        return " (bool)";
    if (m > 0 && t[0] == 'O')
        return " (object)";
    if (m > 0 && t[0] == 'c')
        return " (complex)";
    if (m > 0 && strchr("USa", t[0]))
        return " (string)";
    return "";
}

static int parse_descr(Cursor *c, Header *h)
{
    skip_ws(c);
    if (peek(c) == '[')
        return err_fail(c->err, TC_ERR_FORMAT,
                        "%s: dtype is structured (a list of fields), expected one of %s", c->name,
                        EXPECTED_DTYPES);
    const char *s;
    size_t n;
    if (parse_string(c, &s, &n, "a dtype string such as '<f4'") != 0)
        return -1;
    for (size_t i = 0; i < sizeof dtypes / sizeof dtypes[0]; i++) {
        if (strlen(dtypes[i].descr) == n && memcmp(s, dtypes[i].descr, n) == 0) {
            h->descr = dtypes[i].descr;
            h->dtype = dtypes[i].dtype;
            h->itemsize = dtypes[i].size;
            return 0;
        }
    }
    int shown = n > 40 ? 40 : (int)n;
    return err_fail(c->err, TC_ERR_FORMAT,
                    "%s: dtype '%.*s%s'%s is not supported, expected one of %s", c->name, shown, s,
                    n > 40 ? "..." : "", dtype_hint(s, n), EXPECTED_DTYPES);
}

static int parse_fortran_order(Cursor *c)
{
    skip_ws(c);
    size_t start = c->pos;
    while (c->pos < c->len && is_word_char(c->s[c->pos]))
        c->pos++;
    size_t n = c->pos - start;
    if (n == 5 && memcmp(c->s + start, "False", 5) == 0)
        return 0;
    if (n == 4 && memcmp(c->s + start, "True", 4) == 0)
        return err_fail(c->err, TC_ERR_FORMAT,
                        "%s: fortran_order is True (column-major data), expected False (C order)",
                        c->name);
    c->pos = start;
    return malformed(c, "True or False for fortran_order");
}

/* A tuple of non-negative integers; (3) is the integer 3 in Python, not a tuple. */
static int parse_shape(Cursor *c, Header *h)
{
    if (expect_char(c, '(', "a shape tuple such as (3,) or (1, 3, 3, 1)") != 0)
        return -1;
    int ndim = 0;
    skip_ws(c);
    if (peek(c) == ')') {
        c->pos++;
        h->ndim = 0;
        return 0;
    }
    for (;;) {
        skip_ws(c);
        if (peek(c) == '-')
            return err_fail(c->err, TC_ERR_FORMAT,
                            "%s: shape has a negative dimension, expected sizes >= 0", c->name);
        if (peek(c) < '0' || peek(c) > '9')
            return malformed(c, "an integer in the shape tuple");
        size_t v = 0;
        while (peek(c) >= '0' && peek(c) <= '9') {
            v = v * 10 + (size_t)(c->s[c->pos++] - '0');
            if (v > TENSOR_MAX_ELEMS)
                return err_fail(c->err, TC_ERR_LIMIT,
                                "%s: shape dimension %d is larger than the size limit, expected "
                                "at most %zu elements",
                                c->name, ndim, TENSOR_MAX_ELEMS);
        }
        if (ndim < NPY_MAX_NDIM)
            h->shape[ndim] = (int)v;
        ndim++;
        skip_ws(c);
        if (peek(c) == ',') {
            c->pos++;
            skip_ws(c);
            if (peek(c) == ')')
                break;
        } else if (peek(c) == ')') {
            if (ndim == 1)
                return malformed(c, "',' after a single dimension (a tuple such as (3,))");
            break;
        } else {
            return malformed(c, "',' or ')' in the shape tuple");
        }
    }
    c->pos++;
    if (ndim > NPY_MAX_NDIM)
        return err_fail(c->err, TC_ERR_LIMIT, "%s: shape has %d dimensions, expected at most %d",
                        c->name, ndim, NPY_MAX_NDIM);
    h->ndim = ndim;
    return 0;
}

static const char *const keys[3] = {"descr", "fortran_order", "shape"};

static int parse_dict(Cursor *c, Header *h)
{
    int seen[3] = {0, 0, 0};
    if (expect_char(c, '{', "'{' opening the header dict") != 0)
        return -1;
    for (;;) {
        skip_ws(c);
        if (peek(c) == '}')
            break;
        const char *k;
        size_t n;
        if (parse_string(c, &k, &n, "a quoted key or '}'") != 0)
            return -1;
        int which = -1;
        for (int i = 0; i < 3; i++)
            if (strlen(keys[i]) == n && memcmp(k, keys[i], n) == 0)
                which = i;
        if (which < 0)
            return err_fail(c->err, TC_ERR_FORMAT,
                            "%s: header has an unknown key '%.*s', expected only 'descr', "
                            "'fortran_order' and 'shape'",
                            c->name, n > 40 ? 40 : (int)n, k);
        if (seen[which]++)
            return err_fail(c->err, TC_ERR_FORMAT,
                            "%s: header has the key '%s' twice, expected each key once", c->name,
                            keys[which]);
        if (expect_char(c, ':', "':' after a key") != 0)
            return -1;
        int rc = which == 0   ? parse_descr(c, h)
                 : which == 1 ? parse_fortran_order(c)
                              : parse_shape(c, h);
        if (rc != 0)
            return -1;
        skip_ws(c);
        if (peek(c) == ',') {
            c->pos++;
        } else if (peek(c) != '}') {
            return malformed(c, "',' or '}' after a value");
        }
    }
    c->pos++;
    skip_ws(c);
    if (c->pos != c->len)
        return malformed(c, "only spaces and a newline after the header dict");
    for (int i = 0; i < 3; i++)
        if (!seen[i])
            return err_fail(c->err, TC_ERR_FORMAT,
                            "%s: header has no '%s' key, expected 'descr', 'fortran_order' and "
                            "'shape'",
                            c->name, keys[i]);
    return 0;
}

/* Zero-size arrays are read (numpy and the frameworks make them: a batch of
 * 0, an empty window); what is drawn refuses them later. Each size is at
 * most TENSOR_MAX_ELEMS, so the product is checked one factor at a time. */
int npy_check_count(const char *name, Header *h, Err *err)
{
    char t[TUPLE_MAX];
    size_t n = 1;
    for (int i = 0; i < h->ndim; i++) {
        if (h->shape[i] == 0) {
            n = 0;
            break;
        }
        if (n > TENSOR_MAX_ELEMS / (size_t)h->shape[i])
            return err_fail(err, TC_ERR_LIMIT,
                            "%s: shape %s is larger than the size limit, expected at most %zu "
                            "elements",
                            name, npy_fmt_tuple(t, h->shape, h->ndim), TENSOR_MAX_ELEMS);
        n *= (size_t)h->shape[i];
    }
    h->count = n;
    return 0;
}

/* Preamble and dict of a buffer that holds at least the whole header. */
int npy_parse_header(const unsigned char *b, size_t len, const char *name, Header *h, Err *err)
{
    size_t off, hlen;
    memset(h, 0, sizeof *h);
    if (npy_parse_preamble(b, len, name, &off, &hlen, err) != 0)
        return -1;
    if (len - off < hlen)
        return header_truncated(name, len, off + hlen, err);
    Cursor c = {.s = b + off, .pos = 0, .len = hlen, .base = off, .name = name, .err = err};
    if (parse_dict(&c, h) != 0 || npy_check_count(name, h, err) != 0)
        return -1;
    h->data_offset = off + hlen;
    return 0;
}
