/* fuzz_npy.c - the .npy reader on arbitrary bytes. */
#include <stdint.h>

#include "io/npy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    NpyArray a;
    Err err = {0};
    if (npy_parse(data, size, "fuzz.npy", &a, &err) == 0)
        npy_free(&a);
    return 0;
}
