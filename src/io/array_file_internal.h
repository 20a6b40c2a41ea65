/* array_file_internal.h - what each container reader (npz.c, safetensors.c)
 * gives array_file.c's table. Include only from src/io. */
#ifndef TCVIZ_ARRAY_FILE_INTERNAL_H
#define TCVIZ_ARRAY_FILE_INTERNAL_H

#include "io/array_file.h"
#include "npy_internal.h"

/* A file by path, or (buf != NULL) bytes in memory; name is for messages. */
typedef struct {
    const char *path;
    const unsigned char *buf;
    size_t len;
    const char *name;
    size_t max_count; /* element limit checked from the header (.npy); 0: the default */
} ArraySource;

typedef struct {
    const char *ext;    /* ".npz" */
    const char *writer; /* "np.savez" - what makes such files, for messages */
    int (*read)(const ArraySource *src, const char *member, NpyArray *out, Err *err);
    int (*list)(const ArraySource *src, ArrayList *out, Err *err);
} ArrayReader;

extern const ArrayReader npz_reader, safetensors_reader;

/* Append one entry (name copied); on failure fills err and returns -1. */
int array_list_add(ArrayList *l, const char *name, size_t name_len, const Header *h,
                   const char *file, Err *err);

/* The refusal of a member that is not there, with the closest name. */
int array_member_missing(const char *file, const char *member, const ArrayList *l, Err *err);

#endif
