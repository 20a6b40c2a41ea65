/* fuzz_paste.c - the paste parser (Ctrl+V text) and its lift to a tensor. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io/paste.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    PasteResult p;
    Err err = {0};
    if (paste_parse(text, &p, &err) == 0) {
        for (int layout = 0; layout < LAYOUT_COUNT; layout++) {
            Tensor t = {0};
            if (paste_to_tensor(&p, (Layout)layout, &t, &err) == 0)
                tensor_free(&t);
        }
        paste_free(&p);
    }
    free(text);
    return 0;
}
