/* fuzz_npz.c - the .npz reader (libzip + the .npy parser) on arbitrary
 * bytes: reading member "x" and listing every member must either succeed or
 * fail with one line, never crash, leak or read out of bounds. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "io/array_file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    NpyArray a;
    ArrayList l;
    Err err = {0};
    if (array_file_parse(".npz", data, size, "fuzz.npz", "x", &a, &err) == 0)
        npy_free(&a);
    else if (strchr(err.msg, '\n'))
        __builtin_trap();
    if (array_file_list_mem(".npz", data, size, "fuzz.npz", &l, &err) == 0)
        array_list_free(&l);
    return 0;
}
