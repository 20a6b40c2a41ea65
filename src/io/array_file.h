/* array_file.h - one array from any file people save arrays in: a .npy, one
 * member of a .npz (np.savez / np.savez_compressed) or one tensor of a
 * .safetensors checkpoint. A container is named with its member after a colon.
 *
 *     Err err = {0};
 *     NpyArray a = {0};
 *     if (array_file_read("model.npz:decoder.weight", &a, &err) != 0)
 *         fprintf(stderr, "tcviz: %s\n", err.msg);
 *     ...
 *     ArrayList l = {0};
 *     if (array_file_needs_member("model.npz") && array_file_list("model.npz", &l, &err) == 0)
 *         for (int i = 0; i < l.count; i++) ... l.items[i].name, .dtype, .shape
 *     array_list_free(&l);
 *
 * Every reader decodes through the .npy reader's conversion, so the dtypes,
 * value checks and size limits are the same for every format (npy.h). A
 * container named without its member is refused with TC_ERR_ARG, saying how
 * to pick one; array_file_list gives the choices.
 */
#ifndef TCVIZ_ARRAY_FILE_H
#define TCVIZ_ARRAY_FILE_H

#include <stddef.h>

#include "io/npy.h"

/* A safetensors header past this is refused (the format's own limit). */
#define SAFETENSORS_MAX_HEADER ((size_t)100000000)

typedef struct {
    char *name;        /* the member name to put after the colon */
    const char *dtype; /* "float32", "bfloat16", ... */
    int ndim;
    int shape[NPY_MAX_NDIM];
} ArrayInfo;

typedef struct {
    ArrayInfo *items;
    int count;
} ArrayList;

/* Read "FILE.npy", "FILE.npz:NAME" or "FILE.safetensors:NAME". A spec whose
 * file part has another extension is read as .npy. */
int array_file_read(const char *spec, NpyArray *out, Err *err);

/* array_file_read with a caller's element limit: a .npy whose header claims
 * more than max_count elements is not read at all, and 1 is returned with
 * out->ndim and out->shape set and no data (.npz and .safetensors members are
 * read under the general limit; the caller checks the count). */
int array_file_read_at_most(const char *spec, size_t max_count, NpyArray *out, Err *err);

/* The same from memory; `ext` picks the format (".npy", ".npz",
 * ".safetensors"), `member` may be NULL, `name` stands for the file in
 * messages. For tests and fuzzing. */
int array_file_parse(const char *ext, const unsigned char *buf, size_t len, const char *name,
                     const char *member, NpyArray *out, Err *err);

/* True if spec names a .npz or .safetensors file without a member. */
int array_file_needs_member(const char *spec);

/* The arrays of a .npz or .safetensors file, in stored order. */
int array_file_list(const char *path, ArrayList *out, Err *err);
int array_file_list_mem(const char *ext, const unsigned char *buf, size_t len, const char *name,
                        ArrayList *out, Err *err);
void array_list_free(ArrayList *l);

#endif
