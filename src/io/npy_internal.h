/* npy_internal.h - what the .npy reader (npy.c), writer (npy_write.c) and
 * header parser (npy_header.c) share. Not part of the public API: include
 * only from src/io/npy*.c. */
#ifndef TCVIZ_NPY_INTERNAL_H
#define TCVIZ_NPY_INTERNAL_H

#include <stddef.h>

#include "npy.h"

#define CHUNK_BYTES 65536 /* a multiple of every item size */
#define TUPLE_MAX 128     /* "(67108864, 1, 1, 1, 1, 1, 1, 1)" fits */

extern const unsigned char npy_magic[6];

/* DT_F2 and DT_BF2 (IEEE half, bfloat16) come from .safetensors only. */
typedef enum { DT_F4, DT_F8, DT_I4, DT_I8, DT_U1, DT_F2, DT_BF2 } Dtype;

/* numpy's name of a dtype, for listings: "float32", "bfloat16", ... */
const char *npy_dtype_name(Dtype dtype);

typedef struct {
    const char *descr; /* as accepted, for messages */
    Dtype dtype;
    size_t itemsize;
    int ndim;
    int shape[NPY_MAX_NDIM];
    size_t count;
    size_t data_offset; /* bytes before the array */
} Header;

/* Python's tuple spelling: "()", "(3,)", "(1, 3, 3, 1)". */
const char *npy_fmt_tuple(char buf[TUPLE_MAX], const int *v, int n);

/* numpy's subscript of flat element `flat`: "[1, 2]", "[5]", "[()]". */
const char *npy_fmt_index(char buf[TUPLE_MAX], int ndim, const int *shape, size_t flat);

/* Magic, version and header length. len may cover less than the whole
 * header; the dict is at *dict_off and is *hlen bytes long. */
int npy_parse_preamble(const unsigned char *b, size_t len, const char *name, size_t *dict_off,
                       size_t *hlen, Err *err);

/* Preamble and dict of a buffer that holds at least the whole header; fills
 * *h including the element count and the data offset. */
int npy_parse_header(const unsigned char *b, size_t len, const char *name, Header *h, Err *err);

/* Refuse zero-size shapes and shapes past TENSOR_MAX_ELEMS; sets h->count. */
int npy_check_count(const char *name, Header *h, Err *err);

/* Decode n little-endian items of h->dtype, the first being element `first`,
 * into float32, refusing values float32 cannot hold exactly or at all. Every
 * reader of stored arrays (.npy, .npz members, .safetensors) goes through it. */
int npy_decode(const char *name, const Header *h, const unsigned char *src, size_t first, size_t n,
               float *dst, Err *err);

/* The refusal of a non-finite or out-of-float32-range value at flat index
 * `at`. code: TC_ERR_FORMAT for a file's value, TC_ERR_ARG for a value given
 * to write. Returns -1. */
int npy_bad_value(const char *name, TcStatus code, int ndim, const int *shape, size_t at, double v,
                  Err *err);

#endif
