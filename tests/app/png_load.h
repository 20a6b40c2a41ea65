/* png_load.h - a PNG read back with SDL2_image as words 0xRRGGBB (or
 * 0xAARRGGBB with alpha), for the export tests (include after cmocka.h). */
#ifndef TCVIZ_TEST_PNG_LOAD_H
#define TCVIZ_TEST_PNG_LOAD_H

#include <SDL_image.h>
#include <stdint.h>
#include <stdlib.h>

/* malloc'd w * h words, with the picture's size. */
static uint32_t *png_load(const char *path, int *w, int *h, int keep_alpha)
{
    SDL_Surface *raw = IMG_Load(path);
    if (!raw)
        fail_msg("IMG_Load %s: %s", path, IMG_GetError());
    SDL_Surface *s = SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_ARGB8888, 0);
    SDL_FreeSurface(raw);
    assert_non_null(s);
    *w = s->w;
    *h = s->h;
    uint32_t *out = malloc((size_t)s->w * (size_t)s->h * sizeof *out);
    assert_non_null(out);
    uint32_t mask = keep_alpha ? 0xFFFFFFFFu : 0xFFFFFFu;
    for (int y = 0; y < s->h; y++)
        for (int x = 0; x < s->w; x++)
            out[y * s->w + x] =
                ((const uint32_t *)((const char *)s->pixels + (size_t)y * (size_t)s->pitch))[x] &
                mask;
    SDL_FreeSurface(s);
    return out;
}

#endif
