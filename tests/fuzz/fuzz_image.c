/* fuzz_image.c - the PNG/JPEG reader (libpng, libjpeg-turbo) on arbitrary
 * bytes, at the window's limit and resized: it must either decode or fail
 * with one line, never crash, leak or read out of bounds. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "io/image.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const ImageOptions opts[2] = {{.max_side = 64}, {.max_value = 255, .resize_w = 5, .resize_h = 3}};
    for (int i = 0; i < 2; i++) {
        Image im;
        Err err = {0};
        if (image_parse(data, size, "fuzz.png", &opts[i], &im, &err) == 0)
            image_free(&im);
        else if (strchr(err.msg, '\n'))
            __builtin_trap();
    }
    return 0;
}
