/* safetensors.c - one tensor of a .safetensors checkpoint (Hugging Face's
 * format): an 8-byte little-endian header length N, N bytes of JSON
 * {"name": {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]},
 * "__metadata__": {...}}, then the tensors' bytes, little-endian, C order.
 *
 * The header is parsed with jansson and every entry is checked against the
 * byte buffer before anything is allocated for data; only the named tensor's
 * bytes are read, so picking one layer of a large checkpoint reads one
 * layer. Values are converted by the .npy reader's decoder, with its limits. */
#include "array_file_internal.h"

#include <errno.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define DTYPE_LIST "F32, F16, BF16, F64, I32, I64 or U8"

static const struct {
    const char *name;
    Dtype dtype;
    size_t itemsize;
} dtypes[] = {
    {"F32", DT_F4, 4}, {"F16", DT_F2, 2}, {"BF16", DT_BF2, 2}, {"F64", DT_F8, 8},
    {"I32", DT_I4, 4}, {"I64", DT_I8, 8}, {"U8", DT_U1, 1},
};

/* An open checkpoint: where its byte buffer starts and how long it is. */
typedef struct {
    const ArraySource *src;
    FILE *f;
    json_t *header;
    uint64_t data_start, data_len;
} Checkpoint;

static int read_at(const Checkpoint *c, uint64_t off, size_t n, unsigned char *dst, Err *err)
{
    if (c->src->buf) {
        memcpy(dst, c->src->buf + off, n);
        return 0;
    }
    errno = 0;
    if (fseeko(c->f, (off_t)off, SEEK_SET) != 0 || fread(dst, 1, n, c->f) != n)
        return err_fail(err, TC_ERR_IO, "%s: cannot read (%s), expected a readable .safetensors "
                        "file", c->src->name, errno ? strerror(errno) : "file shrank");
    return 0;
}

static void checkpoint_close(Checkpoint *c)
{
    if (c->f)
        fclose(c->f);
    json_decref(c->header);
    memset(c, 0, sizeof *c);
}

static int checkpoint_open(const ArraySource *src, Checkpoint *c, Err *err)
{
    memset(c, 0, sizeof *c);
    c->src = src;
    uint64_t size = src->len;
    if (!src->buf) {
        struct stat st;
        errno = 0;
        c->f = fopen(src->path, "rb");
        if (!c->f || fstat(fileno(c->f), &st) != 0)
            return err_fail(err, TC_ERR_IO, "%s: cannot open (%s), expected a readable "
                            ".safetensors file", src->name, strerror(errno));
        size = (uint64_t)st.st_size;
    }
    unsigned char pre[8];
    if (size < 8)
        return err_fail(err, TC_ERR_FORMAT, "%s: %llu bytes, expected at least the 8-byte header "
                        "length of a .safetensors file", src->name, (unsigned long long)size);
    if (read_at(c, 0, 8, pre, err) != 0)
        return -1;
    uint64_t n = 0;
    for (int i = 7; i >= 0; i--)
        n = n << 8 | pre[i];
    if (n > SAFETENSORS_MAX_HEADER || n > size - 8)
        return err_fail(err, n > SAFETENSORS_MAX_HEADER ? TC_ERR_LIMIT : TC_ERR_FORMAT,
                        "%s: header length %llu is past %s, expected at most %llu bytes",
                        src->name, (unsigned long long)n,
                        n > SAFETENSORS_MAX_HEADER ? "the format's limit" : "the end of the file",
                        (unsigned long long)(n > SAFETENSORS_MAX_HEADER ? SAFETENSORS_MAX_HEADER
                                                                       : size - 8));
    unsigned char *text = malloc(n ? (size_t)n : 1);
    if (!text)
        return err_fail(err, TC_ERR_NOMEM, "%s: out of memory for the header", src->name);
    if (read_at(c, 8, (size_t)n, text, err) != 0) {
        free(text);
        return -1;
    }
    json_error_t je;
    c->header = json_loadb((const char *)text, (size_t)n, JSON_REJECT_DUPLICATES, &je);
    free(text);
    if (!c->header)
        return err_fail(err, TC_ERR_FORMAT, "%s: header JSON is malformed at byte %d (%.80s), "
                        "expected a JSON object", src->name, je.position, je.text);
    if (!json_is_object(c->header))
        return err_fail(err, TC_ERR_FORMAT, "%s: header is not a JSON object, expected "
                        "{\"name\": {\"dtype\", \"shape\", \"data_offsets\"}, ...}", src->name);
    c->data_start = 8 + n;
    c->data_len = size - 8 - n;
    return 0;
}

static int bad_entry(const Checkpoint *c, const char *key, const char *what, Err *err)
{
    return err_fail(err, TC_ERR_FORMAT, "%s: tensor '%.80s' %s", c->src->name, key, what);
}

/* Check one header entry against the byte buffer; fills h and its offset. */
static int parse_entry(const Checkpoint *c, const char *key, json_t *v, Header *h, uint64_t *begin,
                       Err *err)
{
    memset(h, 0, sizeof *h);
    if (!json_is_object(v))
        return bad_entry(c, key, "is not an object, expected {\"dtype\", \"shape\", "
                         "\"data_offsets\"}", err);
    const char *dt = json_string_value(json_object_get(v, "dtype"));
    for (size_t i = 0; dt && i < sizeof dtypes / sizeof dtypes[0]; i++)
        if (strcmp(dt, dtypes[i].name) == 0) {
            h->descr = dtypes[i].name;
            h->dtype = dtypes[i].dtype;
            h->itemsize = dtypes[i].itemsize;
        }
    if (!h->descr) {
        char what[160];
        snprintf(what, sizeof what, "has dtype '%.24s', expected " DTYPE_LIST, dt ? dt : "(none)");
        return bad_entry(c, key, what, err);
    }
    json_t *shape = json_object_get(v, "shape");
    if (!json_is_array(shape))
        return bad_entry(c, key, "has no \"shape\" list, expected a list of sizes", err);
    if (json_array_size(shape) > NPY_MAX_NDIM)
        return err_fail(err, TC_ERR_LIMIT, "%s: tensor '%.80s' has %zu dimensions, expected at "
                        "most %d", c->src->name, key, json_array_size(shape), NPY_MAX_NDIM);
    h->ndim = (int)json_array_size(shape);
    for (int i = 0; i < h->ndim; i++) {
        json_t *d = json_array_get(shape, (size_t)i);
        if (!json_is_integer(d) || json_integer_value(d) < 0)
            return bad_entry(c, key, "has a shape entry that is not a size, expected integers "
                             ">= 0", err);
        if ((uint64_t)json_integer_value(d) > TENSOR_MAX_ELEMS)
            return err_fail(err, TC_ERR_LIMIT, "%s: tensor '%.80s' dimension %d is larger than "
                            "the size limit, expected at most %zu elements", c->src->name, key,
                            i, TENSOR_MAX_ELEMS);
        h->shape[i] = (int)json_integer_value(d);
    }
    char label[200];
    snprintf(label, sizeof label, "%s:%s", c->src->name, key);
    if (npy_check_count(label, h, err) != 0)
        return -1;
    json_t *offs = json_object_get(v, "data_offsets");
    json_t *b = json_array_get(offs, 0), *e = json_array_get(offs, 1);
    if (json_array_size(offs) != 2 || !json_is_integer(b) || !json_is_integer(e) ||
        json_integer_value(b) < 0 || json_integer_value(e) < json_integer_value(b))
        return bad_entry(c, key, "has bad \"data_offsets\", expected [begin, end] with "
                         "0 <= begin <= end", err);
    uint64_t ub = (uint64_t)json_integer_value(b), ue = (uint64_t)json_integer_value(e);
    if (ue > c->data_len) {
        char what[160];
        snprintf(what, sizeof what, "ends at byte %llu, past the %llu bytes of data",
                 (unsigned long long)ue, (unsigned long long)c->data_len);
        return bad_entry(c, key, what, err);
    }
    if (ue - ub != (uint64_t)h->count * h->itemsize) {
        char what[200];
        snprintf(what, sizeof what, "has %llu bytes, expected %zu for %zu values of %s",
                 (unsigned long long)(ue - ub), h->count * h->itemsize, h->count, h->descr);
        return bad_entry(c, key, what, err);
    }
    *begin = ub;
    return 0;
}

/* Every entry valid and the data exactly as long as the entries say: a
 * truncated or padded file is damaged even where the picked tensor is not. */
static int check_all(const Checkpoint *c, Err *err)
{
    const char *key;
    json_t *v;
    uint64_t end = 0;
    json_object_foreach(c->header, key, v)
    {
        Header h;
        uint64_t begin;
        if (strcmp(key, "__metadata__") == 0)
            continue;
        if (parse_entry(c, key, v, &h, &begin, err) != 0)
            return -1;
        if (begin + h.count * h.itemsize > end)
            end = begin + h.count * h.itemsize;
    }
    if (end != c->data_len)
        return err_fail(err, TC_ERR_FORMAT, "%s: %llu bytes of data, expected %llu as the "
                        "header's data_offsets say", c->src->name,
                        (unsigned long long)c->data_len, (unsigned long long)end);
    return 0;
}

static int st_list(const ArraySource *src, ArrayList *out, Err *err)
{
    Checkpoint c;
    int rc = checkpoint_open(src, &c, err) == 0 ? check_all(&c, err) : -1;
    const char *key;
    json_t *v;
    json_object_foreach(rc == 0 ? c.header : NULL, key, v)
    {
        Header h;
        uint64_t begin;
        if (strcmp(key, "__metadata__") == 0)
            continue;
        if (parse_entry(&c, key, v, &h, &begin, err) != 0 ||
            array_list_add(out, key, strlen(key), &h, src->name, err) != 0) {
            rc = -1;
            break;
        }
    }
    checkpoint_close(&c);
    return rc;
}

static int st_read(const ArraySource *src, const char *member, NpyArray *out, Err *err)
{
    Checkpoint c;
    unsigned char *bytes = NULL;
    float *data = NULL;
    Header h;
    uint64_t begin;
    char label[200];
    snprintf(label, sizeof label, "%s:%s", src->name, member);
    if (checkpoint_open(src, &c, err) != 0 || check_all(&c, err) != 0)
        goto fail;
    json_t *v = strcmp(member, "__metadata__") ? json_object_get(c.header, member) : NULL;
    if (!v) {
        ArrayList l = {0};
        Err ignored = {0};
        if (st_list(src, &l, &ignored) == 0)
            array_member_missing(src->name, member, &l, err);
        else
            err_fail(err, TC_ERR_ARG, "%s has no tensor '%.80s'", src->name, member);
        array_list_free(&l);
        goto fail;
    }
    if (parse_entry(&c, member, v, &h, &begin, err) != 0)
        goto fail;
    /* at least one byte each, so an empty tensor's pointers are non-NULL too */
    bytes = malloc(h.count ? h.count * h.itemsize : 1);
    data = malloc((h.count ? h.count : 1) * sizeof *data);
    if (!bytes || !data) {
        err_fail(err, TC_ERR_NOMEM, "%s: out of memory for %zu values", label, h.count);
        goto fail;
    }
    if (read_at(&c, c.data_start + begin, h.count * h.itemsize, bytes, err) != 0 ||
        npy_decode(label, &h, bytes, 0, h.count, data, err) != 0)
        goto fail;
    out->ndim = h.ndim;
    memcpy(out->shape, h.shape, sizeof out->shape);
    out->data = data;
    free(bytes);
    checkpoint_close(&c);
    return 0;
fail:
    free(bytes);
    free(data);
    checkpoint_close(&c);
    return -1;
}

const ArrayReader safetensors_reader = {".safetensors", "safetensors", st_read, st_list};
