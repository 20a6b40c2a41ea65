/* npy_write.c - writing float32 .npy files, through the atomic writer
 * (atomic_file.h), which also streams to "-", a FIFO or a device. */
#include "npy_internal.h"

#include "io/atomic_file.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
        if (shape[i] < 0)
            return err_fail(err, TC_ERR_ARG, "%s: cannot write shape %s, expected sizes >= 0", path,
                            npy_fmt_tuple(t, shape, ndim));
        if (shape[i] > 0 && n > TENSOR_MAX_ELEMS / (size_t)shape[i])
            return err_fail(err, TC_ERR_LIMIT,
                            "%s: shape %s is larger than the size limit, expected at most %zu "
                            "elements",
                            path, npy_fmt_tuple(t, shape, ndim), TENSOR_MAX_ELEMS);
        n *= (size_t)shape[i];
    }
    if (!data)
        return err_fail(err, TC_ERR_ARG, "%s: no data to write, expected %zu values", path, n);
    for (size_t i = 0; i < n; i++)
        if (!isfinite(data[i]))
            return npy_bad_value(path, TC_ERR_ARG, ndim, shape, i, data[i], err);
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
                     npy_fmt_tuple(t, shape, ndim));
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
    unsigned char hdr[256];
    size_t count = 0;
    if (check_write(path, ndim, shape, data, &count, err) != 0)
        return -1;
    size_t hlen = build_header(ndim, shape, hdr);
    unsigned char *chunk = malloc(CHUNK_BYTES);
    if (!chunk)
        return err_fail(err, TC_ERR_NOMEM, "%s: out of memory for writing", path);
    AtomicFile f;
    if (atomic_open(&f, path, ATOMIC_STREAM, err) != 0) {
        free(chunk);
        return -1;
    }
    atomic_write(&f, hdr, hlen);
    for (size_t done = 0; done < count && !f.error;) {
        size_t n = count - done < CHUNK_BYTES / 4 ? count - done : CHUNK_BYTES / 4;
        for (size_t i = 0; i < n; i++) {
            uint32_t u;
            memcpy(&u, &data[done + i], sizeof u);
            for (int b = 0; b < 4; b++)
                chunk[4 * i + (size_t)b] = (unsigned char)(u >> (8 * b));
        }
        atomic_write(&f, chunk, 4 * n);
        done += n;
    }
    free(chunk);
    return atomic_commit(&f, err);
}
