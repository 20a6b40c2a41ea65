/* npy.c - the NumPy .npy format: a magic string, a version, a header length,
 * a Python dict literal ({'descr': '<f4', 'fortran_order': False, 'shape':
 * (2, 3), }) padded with spaces to a newline, then the raw array.
 *
 * The dict is parsed by hand with a bounded cursor rather than by a general
 * Python-literal parser: only three keys with three value kinds can occur,
 * and a small grammar refuses everything else with a message that points at
 * the offending byte. Values are decoded byte by byte (little-endian), so the
 * result does not depend on the host's byte order, and every value is checked
 * while it is converted: tcviz shows float32 arithmetic, so an input that
 * float32 cannot hold exactly (an integer past 2^24) or at all (NaN, Inf, a
 * float64 past FLT_MAX) is refused instead of silently changed. Files are read
 * header first and then in fixed chunks, so a truncated or oversized file is
 * refused before the array is allocated. Writes go to a temp file that is
 * renamed over the target, so a reader never sees half a file. */
#include "npy.h"

#include <errno.h>
#include <fcntl.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Floats are reinterpreted from their bits, which assumes IEEE-754 binary32
 * and binary64, as on every platform tcviz targets. */
_Static_assert(sizeof(float) == 4 && sizeof(double) == 8, "IEEE-754 float and double expected");

#define EXACT_INT_MAX 16777216 /* 2^24: larger integers are not all exact in float32 */
#define CHUNK_BYTES 65536      /* a multiple of every item size */
#define EXPECTED_DTYPES "'<f4', '<f8', '<i4', '<i8' or '|u1'"
#define TUPLE_MAX 128 /* "(67108864, 1, 1, 1, 1, 1, 1, 1)" fits */

static const unsigned char npy_magic[6] = {0x93, 'N', 'U', 'M', 'P', 'Y'};

typedef enum { DT_F4, DT_F8, DT_I4, DT_I8, DT_U1 } Dtype;

static const struct {
    const char *descr;
    Dtype dtype;
    size_t size;
} dtypes[] = {
    {"<f4", DT_F4, 4}, {"<f8", DT_F8, 8}, {"<i4", DT_I4, 4},
    {"<i8", DT_I8, 8}, {"|u1", DT_U1, 1}, {"<u1", DT_U1, 1},
};

typedef struct {
    const char *descr; /* as accepted, for messages */
    Dtype dtype;
    size_t itemsize;
    int ndim;
    int shape[NPY_MAX_NDIM];
    size_t count;
    size_t data_offset; /* bytes before the array */
} Header;

/* ---- message helpers ------------------------------------------------------ */

/* Python's tuple spelling: "()", "(3,)", "(1, 3, 3, 1)". */
static const char *fmt_tuple(char buf[TUPLE_MAX], const int *v, int n)
{
    size_t k = 0;
    buf[k++] = '(';
    for (int i = 0; i < n; i++)
        k += (size_t)snprintf(buf + k, TUPLE_MAX - k, i ? ", %d" : "%d", v[i]);
    snprintf(buf + k, TUPLE_MAX - k, n == 1 ? ",)" : ")");
    return buf;
}

/* numpy's subscript of flat element `flat`: "[1, 2]", "[5]", "[()]". */
static const char *fmt_index(char buf[TUPLE_MAX], int ndim, const int *shape, size_t flat)
{
    if (ndim == 0)
        return "[()]";
    int at[NPY_MAX_NDIM];
    for (int i = ndim - 1; i >= 0; i--) {
        at[i] = (int)(flat % (size_t)shape[i]);
        flat /= (size_t)shape[i];
    }
    size_t k = 0;
    buf[k++] = '[';
    for (int i = 0; i < ndim; i++)
        k += (size_t)snprintf(buf + k, TUPLE_MAX - k, i ? ", %d" : "%d", at[i]);
    snprintf(buf + k, TUPLE_MAX - k, "]");
    return buf;
}

static int header_truncated(const char *name, size_t have, size_t need, Err *err)
{
    return err_fail(err, TC_ERR_FORMAT,
                    "%s: header is truncated (%zu of %zu bytes), expected a complete .npy header",
                    name, have, need);
}

static int data_truncated(const char *name, const Header *h, size_t have, Err *err)
{
    char t[TUPLE_MAX];
    return err_fail(err, TC_ERR_FORMAT,
                    "%s: data is truncated (%zu of %zu bytes), expected all of shape %s of '%s'",
                    name, have, h->count * h->itemsize, fmt_tuple(t, h->shape, h->ndim), h->descr);
}

/* extra == 0: some bytes, count unknown (a file that is not a regular file). */
static int data_trailing(const char *name, const Header *h, size_t extra, Err *err)
{
    char t[TUPLE_MAX], n[32] = "";
    if (extra)
        snprintf(n, sizeof n, "%zu ", extra);
    return err_fail(err, TC_ERR_FORMAT,
                    "%s: %sunexpected bytes after the data, expected the file to end after "
                    "shape %s of '%s'",
                    name, n, fmt_tuple(t, h->shape, h->ndim), h->descr);
}

/* ---- preamble: magic, version, header length ------------------------------ */

/* len may cover less than the whole header; the dict is at *dict_off and is
 * *hlen bytes long. */
static int parse_preamble(const unsigned char *b, size_t len, const char *name, size_t *dict_off,
                          size_t *hlen, Err *err)
{
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
                            "%s: shape has a negative dimension, expected sizes >= 1", c->name);
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

/* Zero-size arrays are refused: tcviz has nothing to show for them, and a
 * later division by a size of 0 is then impossible. */
static int check_count(const char *name, Header *h, Err *err)
{
    char t[TUPLE_MAX];
    size_t n = 1;
    for (int i = 0; i < h->ndim; i++)
        if (h->shape[i] == 0)
            return err_fail(err, TC_ERR_FORMAT, "%s: shape %s has no elements, expected sizes >= 1",
                            name, fmt_tuple(t, h->shape, h->ndim));
    for (int i = 0; i < h->ndim; i++) {
        /* Each size is <= TENSOR_MAX_ELEMS, so this compare cannot overflow. */
        if (n > TENSOR_MAX_ELEMS / (size_t)h->shape[i])
            return err_fail(err, TC_ERR_LIMIT,
                            "%s: shape %s is larger than the size limit, expected at most %zu "
                            "elements",
                            name, fmt_tuple(t, h->shape, h->ndim), TENSOR_MAX_ELEMS);
        n *= (size_t)h->shape[i];
    }
    h->count = n;
    return 0;
}

/* Preamble and dict of a buffer that holds at least the whole header. */
static int parse_header(const unsigned char *b, size_t len, const char *name, Header *h, Err *err)
{
    size_t off, hlen;
    memset(h, 0, sizeof *h);
    if (parse_preamble(b, len, name, &off, &hlen, err) != 0)
        return -1;
    if (len - off < hlen)
        return header_truncated(name, len, off + hlen, err);
    Cursor c = {.s = b + off, .pos = 0, .len = hlen, .base = off, .name = name, .err = err};
    if (parse_dict(&c, h) != 0 || check_count(name, h, err) != 0)
        return -1;
    h->data_offset = off + hlen;
    return 0;
}

/* ---- values ------------------------------------------------------------------ */

static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t le64(const unsigned char *p)
{
    return (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32;
}

/* code: TC_ERR_FORMAT for a file's value, TC_ERR_ARG for a value given to write. */
static int bad_value(const char *name, TcStatus code, int ndim, const int *shape, size_t at,
                     double v, Err *err)
{
    char buf[TUPLE_MAX];
    const char *ix = fmt_index(buf, ndim, shape, at);
    if (isnan(v))
        return err_fail(err, code, "%s: element %s is NaN, expected finite values", name, ix);
    if (isinf(v))
        return err_fail(err, code, "%s: element %s is %s, expected finite values", name, ix,
                        v > 0 ? "+Inf" : "-Inf");
    return err_fail(err, code,
                    "%s: element %s is %g, expected values within the float32 range (+-%g)", name,
                    ix, v, (double)FLT_MAX);
}

static int bad_int(const char *name, const Header *h, size_t at, int64_t v, Err *err)
{
    char ix[TUPLE_MAX];
    return err_fail(err, TC_ERR_FORMAT,
                    "%s: element %s is %lld, expected integers within +-%d (exact in float32)",
                    name, fmt_index(ix, h->ndim, h->shape, at), (long long)v, EXACT_INT_MAX);
}

/* Decode n items of raw little-endian data, the first being element `first`. */
static int decode(const char *name, const Header *h, const unsigned char *src, size_t first,
                  size_t n, float *dst, Err *err)
{
    for (size_t i = 0; i < n; i++) {
        const unsigned char *p = src + i * h->itemsize;
        int64_t iv = 0;
        switch (h->dtype) {
        case DT_F4: {
            uint32_t u = le32(p);
            memcpy(&dst[i], &u, sizeof u);
            if (!isfinite(dst[i]))
                return bad_value(name, TC_ERR_FORMAT, h->ndim, h->shape, first + i, dst[i], err);
            continue;
        }
        case DT_F8: {
            uint64_t u = le64(p);
            double d;
            memcpy(&d, &u, sizeof d);
            /* Checked before narrowing: a double past FLT_MAX has no float value. */
            if (!isfinite(d) || fabs(d) > FLT_MAX)
                return bad_value(name, TC_ERR_FORMAT, h->ndim, h->shape, first + i, d, err);
            dst[i] = (float)d;
            continue;
        }
        case DT_I4: {
            uint32_t u = le32(p);
            iv = u > INT32_MAX ? (int64_t)u - ((int64_t)1 << 32) : (int64_t)u;
            break;
        }
        case DT_I8: {
            uint64_t u = le64(p);
            iv = u > INT64_MAX ? -(int64_t)~u - 1 : (int64_t)u;
            break;
        }
        case DT_U1:
            iv = p[0];
            break;
        }
        if (iv > EXACT_INT_MAX || iv < -EXACT_INT_MAX)
            return bad_int(name, h, first + i, iv, err);
        dst[i] = (float)iv;
    }
    return 0;
}

/* ---- reading ------------------------------------------------------------------- */

int npy_parse(const unsigned char *buf, size_t len, const char *name, NpyArray *out, Err *err)
{
    Header h;
    memset(out, 0, sizeof *out);
    if (parse_header(buf, len, name, &h, err) != 0)
        return -1;
    size_t need = h.count * h.itemsize, have = len - h.data_offset;
    if (have < need)
        return data_truncated(name, &h, have, err);
    if (have > need)
        return data_trailing(name, &h, have - need, err);
    float *data = malloc(h.count * sizeof(float));
    if (!data)
        return err_fail(err, TC_ERR_NOMEM, "%s: out of memory for %zu values", name, h.count);
    if (decode(name, &h, buf + h.data_offset, 0, h.count, data, err) != 0) {
        free(data);
        return -1;
    }
    out->ndim = h.ndim;
    memcpy(out->shape, h.shape, sizeof out->shape);
    out->data = data;
    return 0;
}

static int read_failed(const char *path, Err *err)
{
    return err_fail(err, TC_ERR_IO, "%s: cannot read (%s), expected a readable .npy file", path,
                    strerror(errno));
}

/* Reads until n bytes or end of file; *got says how many arrived. */
static int read_some(FILE *f, void *buf, size_t n, size_t *got, const char *path, Err *err)
{
    *got = fread(buf, 1, n, f);
    return *got < n && ferror(f) ? read_failed(path, err) : 0;
}

int npy_read(const char *path, NpyArray *out, Err *err)
{
    unsigned char pre[12], *head = NULL, *chunk = NULL;
    float *data = NULL;
    Header h;
    size_t got, more, off, hlen;
    memset(out, 0, sizeof *out);
    errno = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return err_fail(err, TC_ERR_IO, "%s: cannot open (%s), expected a readable .npy file", path,
                        strerror(errno));
    /* The preamble is 10 bytes in version 1 and 12 after, so read the version first. */
    if (read_some(f, pre, 8, &got, path, err) != 0)
        goto fail;
    more = 0;
    if (got == 8 &&
        read_some(f, pre + 8, pre[6] == 2 || pre[6] == 3 ? 4 : 2, &more, path, err) != 0)
        goto fail;
    got += more;
    if (parse_preamble(pre, got, path, &off, &hlen, err) != 0)
        goto fail;
    head = malloc(off + hlen);
    if (!head) {
        err_fail(err, TC_ERR_NOMEM, "%s: out of memory for the header", path);
        goto fail;
    }
    memcpy(head, pre, off);
    if (read_some(f, head + off, hlen, &more, path, err) != 0)
        goto fail;
    if (parse_header(head, off + more, path, &h, err) != 0)
        goto fail;

    size_t need = h.count * h.itemsize;
    struct stat st;
    /* A regular file's size settles truncation before the array is allocated. */
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode)) {
        size_t size = (size_t)st.st_size;
        if (size < h.data_offset + need) {
            data_truncated(path, &h, size > h.data_offset ? size - h.data_offset : 0, err);
            goto fail;
        }
        if (size > h.data_offset + need) {
            data_trailing(path, &h, size - h.data_offset - need, err);
            goto fail;
        }
    }
    data = malloc(h.count * sizeof(float));
    chunk = malloc(CHUNK_BYTES);
    if (!data || !chunk) {
        err_fail(err, TC_ERR_NOMEM, "%s: out of memory for %zu values", path, h.count);
        goto fail;
    }
    for (size_t done = 0; done < need;) {
        size_t want = need - done < CHUNK_BYTES ? need - done : CHUNK_BYTES;
        if (read_some(f, chunk, want, &got, path, err) != 0)
            goto fail;
        if (got < want) {
            data_truncated(path, &h, done + got, err);
            goto fail;
        }
        if (decode(path, &h, chunk, done / h.itemsize, want / h.itemsize, data + done / h.itemsize,
                   err) != 0)
            goto fail;
        done += want;
    }
    if (fgetc(f) != EOF) {
        data_trailing(path, &h, 0, err);
        goto fail;
    }
    if (ferror(f)) {
        read_failed(path, err);
        goto fail;
    }
    fclose(f);
    free(head);
    free(chunk);
    out->ndim = h.ndim;
    memcpy(out->shape, h.shape, sizeof out->shape);
    out->data = data;
    return 0;
fail:
    fclose(f);
    free(head);
    free(chunk);
    free(data);
    return -1;
}

void npy_free(NpyArray *a)
{
    free(a->data);
    memset(a, 0, sizeof *a);
}

/* ---- writing ------------------------------------------------------------------- */

static int write_all(int fd, const unsigned char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            if (w == 0)
                errno = EIO;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Checks the arguments; every later failure is then a file-system one. */
static int check_write(const char *path, int ndim, const int *shape, const float *data,
                       size_t *count, Err *err)
{
    char t[TUPLE_MAX];
    if (ndim < 0 || ndim > NPY_MAX_NDIM)
        return err_fail(err, TC_ERR_ARG, "%s: cannot write %d dimensions, expected 0 to %d", path,
                        ndim, NPY_MAX_NDIM);
    size_t n = 1;
    for (int i = 0; i < ndim; i++) {
        if (shape[i] < 1)
            return err_fail(err, TC_ERR_ARG, "%s: cannot write shape %s, expected sizes >= 1", path,
                            fmt_tuple(t, shape, ndim));
        if (n > TENSOR_MAX_ELEMS / (size_t)shape[i])
            return err_fail(err, TC_ERR_LIMIT,
                            "%s: shape %s is larger than the size limit, expected at most %zu "
                            "elements",
                            path, fmt_tuple(t, shape, ndim), TENSOR_MAX_ELEMS);
        n *= (size_t)shape[i];
    }
    if (!data)
        return err_fail(err, TC_ERR_ARG, "%s: no data to write, expected %zu values", path, n);
    for (size_t i = 0; i < n; i++)
        if (!isfinite(data[i]))
            return bad_value(path, TC_ERR_ARG, ndim, shape, i, data[i], err);
    *count = n;
    return 0;
}

/* The version 1.0 header, padded with spaces so the data starts at a
 * multiple of 64 bytes; returns its length. */
static size_t build_header(int ndim, const int *shape, unsigned char hdr[256])
{
    char t[TUPLE_MAX];
    memcpy(hdr, npy_magic, sizeof npy_magic);
    hdr[6] = 1;
    hdr[7] = 0;
    int k = snprintf((char *)hdr + 10, 256 - 10,
                     "{'descr': '<f4', 'fortran_order': False, 'shape': %s, }",
                     fmt_tuple(t, shape, ndim));
    TC_ASSERT(k > 0 && (size_t)k + 10 + 64 < 256);
    size_t len = 10 + (size_t)k + 1; /* + the newline */
    size_t total = (len + 63) / 64 * 64;
    memset(hdr + 10 + k, ' ', total - 10 - (size_t)k);
    hdr[total - 1] = '\n';
    hdr[8] = (unsigned char)((total - 10) & 0xff);
    hdr[9] = (unsigned char)((total - 10) >> 8);
    return total;
}

int npy_write_f32(const char *path, int ndim, const int *shape, const float *data, Err *err)
{
    static unsigned counter; /* distinguishes temp names within one process */
    unsigned char hdr[256], *chunk = NULL;
    size_t count = 0;
    if (check_write(path, ndim, shape, data, &count, err) != 0)
        return -1;
    size_t hlen = build_header(ndim, shape, hdr);

    size_t tcap = strlen(path) + 48;
    char *tmp = malloc(tcap);
    chunk = malloc(CHUNK_BYTES);
    int fd = -1;
    if (!tmp || !chunk) {
        err_fail(err, TC_ERR_NOMEM, "%s: out of memory for writing", path);
        goto fail_nofile;
    }
    /* Created with O_EXCL under a fresh name, so a concurrent writer or an
     * old leftover is never truncated; mode 0666 lets the umask decide. */
    for (int attempt = 0; fd < 0; attempt++) {
        snprintf(tmp, tcap, "%s.tmp%ld.%u", path, (long)getpid(), counter++);
        fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0 && (errno != EEXIST || attempt == 100)) {
            err_fail(err, TC_ERR_IO,
                     "%s: cannot create a temporary file beside it (%s), expected a writable "
                     "directory",
                     path, strerror(errno));
            goto fail_nofile;
        }
    }
    if (write_all(fd, hdr, hlen) != 0)
        goto fail_io;
    for (size_t done = 0; done < count;) {
        size_t n = count - done < CHUNK_BYTES / 4 ? count - done : CHUNK_BYTES / 4;
        for (size_t i = 0; i < n; i++) {
            uint32_t u;
            memcpy(&u, &data[done + i], sizeof u);
            for (int b = 0; b < 4; b++)
                chunk[4 * i + (size_t)b] = (unsigned char)(u >> (8 * b));
        }
        if (write_all(fd, chunk, 4 * n) != 0)
            goto fail_io;
        done += n;
    }
    if (fsync(fd) != 0)
        goto fail_io;
    int rc = close(fd);
    fd = -1;
    if (rc != 0 || rename(tmp, path) != 0)
        goto fail_io;
    free(tmp);
    free(chunk);
    return 0;
fail_io:
    err_fail(err, TC_ERR_IO, "%s: cannot write (%s), expected a writable file with free space",
             path, strerror(errno));
    if (fd >= 0)
        close(fd);
    unlink(tmp);
fail_nofile:
    free(tmp);
    free(chunk);
    return -1;
}

/* ---- to a Tensor ------------------------------------------------------------- */

int npy_to_tensor(const NpyArray *a, Layout layout, const char *path, const char *what, Tensor *out,
                  Err *err)
{
    memset(out, 0, sizeof *out);
    if (a->ndim != 4)
        return err_fail(err, TC_ERR_SHAPE, "%s: %s has %d dimension%s, expected 4 (%s)", path, what,
                        a->ndim, a->ndim == 1 ? "" : "s", layout_name(layout));
    if (shape_check(a->shape, what, err) != 0 ||
        tensor_init_from(out, layout, a->shape, a->data, err) != 0) {
        err_prefix(err, "%s: ", path);
        return -1;
    }
    return 0;
}
