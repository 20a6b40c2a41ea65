/* npy.c - reading NumPy .npy files (the header is parsed in npy_header.c,
 * writing is in npy_write.c).
 *
 * Values are decoded byte by byte (little-endian), so the result does not
 * depend on the host's byte order, and every value is checked while it is
 * converted: tcviz shows float32 arithmetic, so an input that float32 cannot
 * hold exactly (an integer past 2^24) or at all (NaN, Inf, a float64 past
 * FLT_MAX) is refused instead of silently changed. Files are read header
 * first and then in fixed chunks, so a truncated or oversized file is refused
 * before the array is allocated. */
#include "npy_internal.h"

#include "io/input_file.h"

#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Floats are reinterpreted from their bits, which assumes IEEE-754 binary32
 * and binary64, as on every platform tcviz targets. */
_Static_assert(sizeof(float) == 4 && sizeof(double) == 8, "IEEE-754 float and double expected");

#define EXACT_INT_MAX 16777216 /* 2^24: larger integers are not all exact in float32 */

static int data_truncated(const char *name, const Header *h, size_t have, Err *err)
{
    char t[TUPLE_MAX];
    return err_fail(err, TC_ERR_FORMAT,
                    "%s: data is truncated (%zu of %zu bytes), expected all of shape %s of '%s'",
                    name, have, h->count * h->itemsize, npy_fmt_tuple(t, h->shape, h->ndim),
                    h->descr);
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
                    name, n, npy_fmt_tuple(t, h->shape, h->ndim), h->descr);
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

int npy_bad_value(const char *name, TcStatus code, int ndim, const int *shape, size_t at, double v,
                  Err *err)
{
    char buf[TUPLE_MAX];
    const char *ix = npy_fmt_index(buf, ndim, shape, at);
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
                    name, npy_fmt_index(ix, h->ndim, h->shape, at), (long long)v, EXACT_INT_MAX);
}

const char *npy_dtype_name(Dtype dtype)
{
    static const char *const names[] = {
        [DT_F4] = "float32", [DT_F8] = "float64", [DT_I4] = "int32",    [DT_I8] = "int64",
        [DT_U1] = "uint8",   [DT_F2] = "float16", [DT_BF2] = "bfloat16",
    };
    return names[dtype];
}

/* IEEE binary16 to float: every half value is exact in float32. */
static float half_to_float(unsigned h)
{
    unsigned exp = h >> 10 & 0x1f, man = h & 0x3ff;
    float v = exp == 0    ? ldexpf((float)man, -24)
              : exp == 31 ? (man ? NAN : INFINITY)
                          : ldexpf((float)(man | 0x400), (int)exp - 25);
    return h & 0x8000 ? -v : v;
}

int npy_decode(const char *name, const Header *h, const unsigned char *src, size_t first,
                  size_t n, float *dst, Err *err)
{
    for (size_t i = 0; i < n; i++) {
        const unsigned char *p = src + i * h->itemsize;
        int64_t iv = 0;
        switch (h->dtype) {
        case DT_F4:
        case DT_BF2: {
            /* bfloat16 is the top half of a float32. */
            uint32_t u = h->dtype == DT_F4 ? le32(p) : (uint32_t)(p[0] | p[1] << 8) << 16;
            memcpy(&dst[i], &u, sizeof u);
            if (!isfinite(dst[i]))
                return npy_bad_value(name, TC_ERR_FORMAT, h->ndim, h->shape, first + i, dst[i],
                                     err);
            continue;
        }
        case DT_F2:
            dst[i] = half_to_float((unsigned)(p[0] | p[1] << 8));
            if (!isfinite(dst[i]))
                return npy_bad_value(name, TC_ERR_FORMAT, h->ndim, h->shape, first + i, dst[i],
                                     err);
            continue;
        case DT_F8: {
            uint64_t u = le64(p);
            double d;
            memcpy(&d, &u, sizeof d);
            /* Checked before narrowing: a double past FLT_MAX has no float value. */
            if (!isfinite(d) || fabs(d) > FLT_MAX)
                return npy_bad_value(name, TC_ERR_FORMAT, h->ndim, h->shape, first + i, d, err);
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
    if (npy_parse_header(buf, len, name, &h, err) != 0)
        return -1;
    size_t need = h.count * h.itemsize, have = len - h.data_offset;
    if (have < need)
        return data_truncated(name, &h, have, err);
    if (have > need)
        return data_trailing(name, &h, have - need, err);
    float *data = malloc((h.count ? h.count : 1) * sizeof(float)); /* non-NULL when empty */
    if (!data)
        return err_fail(err, TC_ERR_NOMEM, "%s: out of memory for %zu values", name, h.count);
    if (npy_decode(name, &h, buf + h.data_offset, 0, h.count, data, err) != 0) {
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
    return npy_read_at_most(path, TENSOR_MAX_ELEMS, out, err);
}

int npy_read_at_most(const char *path, size_t max_count, NpyArray *out, Err *err)
{
    unsigned char pre[12], *head = NULL, *chunk = NULL;
    float *data = NULL;
    Header h;
    size_t got, more, off, hlen;
    memset(out, 0, sizeof *out);
    FILE *f = input_open(path, "a readable .npy file", err);
    if (!f)
        return -1;
    /* The preamble is 10 bytes in version 1 and 12 after, so read the version first. */
    if (read_some(f, pre, 8, &got, path, err) != 0)
        goto fail;
    more = 0;
    if (got == 8 &&
        read_some(f, pre + 8, pre[6] == 2 || pre[6] == 3 ? 4 : 2, &more, path, err) != 0)
        goto fail;
    got += more;
    if (npy_parse_preamble(pre, got, path, &off, &hlen, err) != 0)
        goto fail;
    head = malloc(off + hlen);
    if (!head) {
        err_fail(err, TC_ERR_NOMEM, "%s: out of memory for the header", path);
        goto fail;
    }
    memcpy(head, pre, off);
    if (read_some(f, head + off, hlen, &more, path, err) != 0)
        goto fail;
    if (npy_parse_header(head, off + more, path, &h, err) != 0)
        goto fail;

    if (h.count > max_count) { /* decided by the header, before any data is read */
        out->ndim = h.ndim;
        memcpy(out->shape, h.shape, sizeof out->shape);
        fclose(f);
        free(head);
        return 1;
    }
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
    data = malloc((h.count ? h.count : 1) * sizeof(float)); /* non-NULL when empty */
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
        if (npy_decode(path, &h, chunk, done / h.itemsize, want / h.itemsize, data + done / h.itemsize,
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

/* ---- to a Tensor ------------------------------------------------------------- */

int npy_to_tensor(const NpyArray *a, Layout layout, const char *path, const char *what, Tensor *out,
                  Err *err)
{
    memset(out, 0, sizeof *out);
    int dim[4];
    if (a->ndim == 2) /* one H x W slice, as in a lesson */
        layout_slice_dims(layout, a->shape[0], a->shape[1], dim);
    else if (a->ndim == 4)
        memcpy(dim, a->shape, sizeof dim);
    else
        return err_fail(err, TC_ERR_SHAPE,
                        "%s: %s has %d dimension%s, expected 2 (H x W) or 4 (%s)", path, what,
                        a->ndim, a->ndim == 1 ? "" : "s", layout_name(layout));
    if (shape_check(dim, what, err) != 0 ||
        tensor_init_from(out, layout, dim, a->data, err) != 0) {
        err_prefix(err, "%s: ", path);
        return -1;
    }
    return 0;
}
