/* npz.c - members of NumPy .npz archives (np.savez, np.savez_compressed):
 * a zip file of .npy files, one per array, "x.npy" holding the array x.
 *
 * libzip does the zip work (stored and deflated members, CRC checks). Each
 * member is read header first, so its size is known and limited before the
 * data is allocated, and then parsed by the .npy reader: one set of dtype,
 * value and size rules for .npy and .npz alike. */
#include "array_file_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#define MEMBER_LABEL_MAX 200

static int archive_failed(const ArraySource *src, zip_error_t *ze, Err *err)
{
    int code = zip_error_code_zip(ze);
    if (code == ZIP_ER_OPEN || code == ZIP_ER_READ || code == ZIP_ER_NOENT)
        err_fail(err, TC_ERR_IO, "%s: cannot open (%s), expected a readable .npz file", src->name,
                 zip_error_strerror(ze));
    else if (code == ZIP_ER_NOZIP)
        err_fail(err, TC_ERR_FORMAT,
                 "%s: not a zip archive, expected a .npz written by np.savez or "
                 "np.savez_compressed",
                 src->name);
    else if (code == ZIP_ER_MEMORY)
        err_fail(err, TC_ERR_NOMEM, "%s: out of memory opening the archive", src->name);
    else
        err_fail(err, TC_ERR_FORMAT, "%s: damaged zip archive (%s), expected a .npz written by "
                 "np.savez or np.savez_compressed",
                 src->name, zip_error_strerror(ze));
    zip_error_fini(ze);
    return -1;
}

static zip_t *open_archive(const ArraySource *src, Err *err)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *zs = src->buf ? zip_source_buffer_create(src->buf, src->len, 0, &ze)
                                : zip_source_file_create(src->path, 0, -1, &ze);
    if (!zs) {
        archive_failed(src, &ze, err);
        return NULL;
    }
    zip_t *z = zip_open_from_source(zs, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
    if (!z) {
        zip_source_free(zs);
        archive_failed(src, &ze, err);
        return NULL;
    }
    zip_error_fini(&ze);
    return z;
}

/* "x.npy" -> length of "x"; directories have no array. */
static size_t key_len(const char *entry)
{
    size_t n = strlen(entry);
    return n >= 4 && strcmp(entry + n - 4, ".npy") == 0 ? n - 4 : n;
}

static int member_failed(zip_file_t *zf, const char *label, Err *err)
{
    return err_fail(err, TC_ERR_FORMAT, "%s: damaged member (%s), expected a .npy stored in the "
                    "archive", label, zip_error_strerror(zip_file_get_error(zf)));
}

/* Read up to `want` more bytes onto *buf (holding *have), growing it. */
static int read_more(zip_file_t *zf, unsigned char **buf, size_t *have, size_t want,
                     const char *label, Err *err)
{
    unsigned char *grown = realloc(*buf, *have + want + 1);
    if (!grown)
        return err_fail(err, TC_ERR_NOMEM, "%s: out of memory for %zu bytes", label, want);
    *buf = grown;
    zip_int64_t n = zip_fread(zf, grown + *have, want);
    if (n < 0)
        return member_failed(zf, label, err);
    *have += (size_t)n;
    return 0;
}

/* The member's .npy header, read alone; *buf keeps the bytes read so far. */
static int read_header(zip_file_t *zf, const char *label, unsigned char **buf, size_t *have,
                       Header *h, Err *err)
{
    size_t off, hlen;
    if (read_more(zf, buf, have, 12, label, err) != 0 ||
        npy_parse_preamble(*buf, *have, label, &off, &hlen, err) != 0)
        return -1;
    if (*have < off + hlen && read_more(zf, buf, have, off + hlen - *have, label, err) != 0)
        return -1;
    return npy_parse_header(*buf, *have, label, h, err);
}

typedef struct {
    zip_t *z;
    zip_file_t *zf;
    unsigned char *buf;
    size_t have;
} Member;

static void member_close(Member *m)
{
    if (m->zf)
        zip_fclose(m->zf);
    free(m->buf);
    memset(m, 0, sizeof *m);
}

static int member_open(zip_t *z, zip_uint64_t i, const char *label, Member *m, Header *h, Err *err)
{
    memset(m, 0, sizeof *m);
    m->zf = zip_fopen_index(z, i, 0);
    if (!m->zf)
        return err_fail(err, TC_ERR_FORMAT, "%s: cannot read the member (%s), expected a stored "
                        "or deflated .npy", label, zip_error_strerror(zip_get_error(z)));
    return read_header(m->zf, label, &m->buf, &m->have, h, err);
}

static int npz_list(const ArraySource *src, ArrayList *out, Err *err)
{
    zip_t *z = open_archive(src, err);
    if (!z)
        return -1;
    zip_int64_t n = zip_get_num_entries(z, 0);
    int rc = 0;
    for (zip_int64_t i = 0; i < n && rc == 0; i++) {
        const char *entry = zip_get_name(z, (zip_uint64_t)i, 0);
        if (!entry || !*entry || entry[strlen(entry) - 1] == '/')
            continue;
        char label[MEMBER_LABEL_MAX];
        snprintf(label, sizeof label, "%s:%.*s", src->name, (int)key_len(entry), entry);
        Member m;
        Header h;
        rc = member_open(z, (zip_uint64_t)i, label, &m, &h, err) != 0 ||
                     array_list_add(out, entry, key_len(entry), &h, src->name, err) != 0
                 ? -1
                 : 0;
        member_close(&m);
    }
    zip_discard(z);
    return rc;
}

static zip_int64_t find_member(zip_t *z, const char *member)
{
    size_t want = strlen(member);
    zip_int64_t n = zip_get_num_entries(z, 0);
    for (zip_int64_t i = 0; i < n; i++) {
        const char *entry = zip_get_name(z, (zip_uint64_t)i, 0);
        if (entry && key_len(entry) == want && strncmp(entry, member, want) == 0)
            return i;
    }
    return -1;
}

static int npz_read(const ArraySource *src, const char *member, NpyArray *out, Err *err)
{
    zip_t *z = open_archive(src, err);
    if (!z)
        return -1;
    int rc = -1;
    Member m = {0};
    Header h;
    char label[MEMBER_LABEL_MAX];
    snprintf(label, sizeof label, "%s:%s", src->name, member);
    zip_int64_t i = find_member(z, member);
    if (i < 0) {
        ArrayList l = {0};
        Err ignored = {0};
        zip_discard(z);
        z = NULL;
        if (npz_list(src, &l, &ignored) == 0)
            array_member_missing(src->name, member, &l, err);
        else
            err_fail(err, TC_ERR_ARG, "%s has no array '%.80s'", src->name, member);
        array_list_free(&l);
        return -1;
    }
    if (member_open(z, (zip_uint64_t)i, label, &m, &h, err) != 0)
        goto done;
    /* One byte past the data shows trailing bytes; the count is limited already. */
    size_t total = h.data_offset + h.count * h.itemsize;
    if (m.have <= total && read_more(m.zf, &m.buf, &m.have, total + 1 - m.have, label, err) != 0)
        goto done;
    rc = npy_parse(m.buf, m.have, label, out, err);
done:
    member_close(&m);
    if (z)
        zip_discard(z);
    return rc;
}

const ArrayReader npz_reader = {".npz", "np.savez", npz_read, npz_list};
