/* array_file.c - which reader a file name picks, and the "FILE:MEMBER"
 * spelling. The readers are one table (npy, npz, safetensors): adding a
 * format is one file and one row. A name that matches no container is read
 * as .npy, so a plain .npy path may contain colons. */
#include "array_file_internal.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/suggest.h"

static int npy_source_read(const ArraySource *src, const char *member, NpyArray *out, Err *err)
{
    (void)member;
    if (src->buf)
        return npy_parse(src->buf, src->len, src->name, out, err);
    return src->max_count ? npy_read_at_most(src->path, src->max_count, out, err)
                          : npy_read(src->path, out, err);
}

static const ArrayReader npy_reader = {".npy", "np.save", npy_source_read, NULL};

static const ArrayReader *const readers[] = {&npy_reader, &npz_reader, &safetensors_reader};
enum { READER_COUNT = sizeof readers / sizeof readers[0] };

static int ends_with(const char *s, size_t len, const char *ext)
{
    size_t n = strlen(ext);
    return len >= n && strncasecmp(s + len - n, ext, n) == 0;
}

static const ArrayReader *reader_for(const char *file, size_t len)
{
    for (int i = 1; i < READER_COUNT; i++)
        if (ends_with(file, len, readers[i]->ext))
            return readers[i];
    return &npy_reader;
}

/* Split "dir/model.npz:enc.weight" after the first container extension
 * followed by a colon; *member is NULL when there is none. */
static size_t split_spec(const char *spec, const char **member)
{
    *member = NULL;
    for (const char *c = strchr(spec, ':'); c; c = strchr(c + 1, ':')) {
        size_t len = (size_t)(c - spec);
        if (reader_for(spec, len) != &npy_reader) {
            *member = c + 1;
            return len;
        }
    }
    return strlen(spec);
}

int array_file_needs_member(const char *spec)
{
    const char *member;
    size_t len = split_spec(spec, &member);
    return reader_for(spec, len) != &npy_reader && (!member || !*member);
}

static int need_member(const char *file, const ArrayReader *r, Err *err)
{
    return err_fail(err, TC_ERR_ARG,
                    "%s holds named arrays (%s), expected one picked as %s:NAME; the names "
                    "follow",
                    file, r->writer, file);
}

int array_file_read(const char *spec, NpyArray *out, Err *err)
{
    return array_file_read_at_most(spec, 0, out, err);
}

int array_file_read_at_most(const char *spec, size_t max_count, NpyArray *out, Err *err)
{
    const char *member;
    size_t len = split_spec(spec, &member);
    const ArrayReader *r = reader_for(spec, len);
    memset(out, 0, sizeof *out);
    char *path = strndup(spec, len);
    if (!path)
        return err_fail(err, TC_ERR_NOMEM, "%s: out of memory", spec);
    int rc;
    if (r != &npy_reader && (!member || !*member)) {
        rc = need_member(path, r, err);
    } else {
        ArraySource src = {.path = path, .name = path, .max_count = max_count};
        rc = r->read(&src, member, out, err);
    }
    free(path);
    return rc;
}

int array_file_parse(const char *ext, const unsigned char *buf, size_t len, const char *name,
                     const char *member, NpyArray *out, Err *err)
{
    const ArrayReader *r = reader_for(ext, strlen(ext));
    ArraySource src = {.buf = buf, .len = len, .name = name};
    memset(out, 0, sizeof *out);
    if (r != &npy_reader && (!member || !*member))
        return need_member(name, r, err);
    return r->read(&src, member, out, err);
}

static int list_source(const ArrayReader *r, const ArraySource *src, ArrayList *out, Err *err)
{
    memset(out, 0, sizeof *out);
    if (!r->list)
        return err_fail(err, TC_ERR_ARG, "%s: a .npy file holds one array, expected a .npz or "
                        ".safetensors file to list", src->name);
    if (r->list(src, out, err) != 0) {
        array_list_free(out);
        return -1;
    }
    return 0;
}

int array_file_list(const char *path, ArrayList *out, Err *err)
{
    ArraySource src = {.path = path, .name = path};
    return list_source(reader_for(path, strlen(path)), &src, out, err);
}

int array_file_list_mem(const char *ext, const unsigned char *buf, size_t len, const char *name,
                        ArrayList *out, Err *err)
{
    ArraySource src = {.buf = buf, .len = len, .name = name};
    return list_source(reader_for(ext, strlen(ext)), &src, out, err);
}

void array_list_free(ArrayList *l)
{
    for (int i = 0; i < l->count; i++)
        free(l->items[i].name);
    free(l->items);
    memset(l, 0, sizeof *l);
}

int array_list_add(ArrayList *l, const char *name, size_t name_len, const Header *h,
                   const char *file, Err *err)
{
    ArrayInfo *grown = realloc(l->items, ((size_t)l->count + 1) * sizeof *grown);
    if (!grown)
        return err_fail(err, TC_ERR_NOMEM, "%s: out of memory listing the arrays", file);
    l->items = grown;
    ArrayInfo *a = &l->items[l->count];
    memset(a, 0, sizeof *a);
    a->name = strndup(name, name_len);
    if (!a->name)
        return err_fail(err, TC_ERR_NOMEM, "%s: out of memory listing the arrays", file);
    a->dtype = npy_dtype_name(h->dtype);
    a->ndim = h->ndim;
    memcpy(a->shape, h->shape, sizeof a->shape);
    l->count++;
    return 0;
}

int array_member_missing(const char *file, const char *member, const ArrayList *l, Err *err)
{
    Suggest s = suggest_start(member);
    for (int i = 0; i < l->count; i++)
        suggest_consider(&s, l->items[i].name);
    if (s.best)
        return err_fail(err, TC_ERR_ARG, "%s has no array '%.80s', did you mean '%.80s'?", file,
                        member, s.best);
    return err_fail(err, TC_ERR_ARG,
                    "%s has no array '%.80s', expected one of its %d (list them by giving %s "
                    "alone)",
                    file, member, l->count, file);
}
