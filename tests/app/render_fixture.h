/* render_fixture.h - a software SDL renderer over a memory surface, for pixel
 * probes of render.c (no window, no display: SDL's dummy video driver).
 * Static helpers: each test file includes it once. */
#ifndef TCVIZ_TEST_RENDER_FIXTURE_H
#define TCVIZ_TEST_RENDER_FIXTURE_H

#include <stdlib.h>
#include <string.h>

#include <SDL.h>

#include "app/font.h"
#include "app/render.h"
#include "ui/draw.h"

#define RFX static __attribute__((unused))

typedef struct {
    SDL_Surface *surf;
    SDL_Renderer *sdl;
    Renderer *r;
    DrawList dl;
    Color bg;
} Rfx;

RFX void rfx_open(Rfx *f, int w, int h)
{
    memset(f, 0, sizeof *f);
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    if (SDL_Init(SDL_INIT_VIDEO) != 0)
        fail_msg("SDL_Init: %s", SDL_GetError());
    f->surf = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    assert_non_null(f->surf);
    f->sdl = SDL_CreateSoftwareRenderer(f->surf);
    assert_non_null(f->sdl);
    char path[4096];
    Err err = {0};
    if (font_find(NULL, path, sizeof path, &err) != 0)
        fail_msg("font_find: %s", err.msg);
    f->r = render_create(f->sdl, path, &err);
    if (!f->r)
        fail_msg("render_create: %s", err.msg);
    f->bg = (Color){10, 20, 30, 255};
}

RFX void rfx_close(Rfx *f)
{
    draw_free(&f->dl);
    render_free(f->r);
    SDL_DestroyRenderer(f->sdl);
    SDL_FreeSurface(f->surf);
    SDL_Quit();
    font_release();
}

/* Clear to bg and start an empty list. */
RFX void rfx_begin(Rfx *f)
{
    SDL_SetRenderDrawColor(f->sdl, f->bg.r, f->bg.g, f->bg.b, 255);
    SDL_RenderClear(f->sdl);
    draw_begin(&f->dl);
}

/* Render the list and make the pixels land in the surface. */
RFX void rfx_render(Rfx *f)
{
    render_draw_list(f->r, &f->dl);
    SDL_RenderFlush(f->sdl);
}

RFX Color px(const Rfx *f, int x, int y)
{
    if (x < 0 || y < 0 || x >= f->surf->w || y >= f->surf->h)
        fail_msg("probe (%d,%d) outside the %dx%d surface", x, y, f->surf->w, f->surf->h);
    Uint32 v = ((const Uint32 *)((const Uint8 *)f->surf->pixels + y * f->surf->pitch))[x];
    return (Color){(Uint8)(v >> 16), (Uint8)(v >> 8), (Uint8)v, 255};
}

RFX int near(Color a, Color b, int tol)
{
    return abs(a.r - b.r) <= tol && abs(a.g - b.g) <= tol && abs(a.b - b.b) <= tol;
}

#define assert_px(f, x, y, c)                                                                   \
    do {                                                                                        \
        Color got_ = px((f), (x), (y)), want_ = (c);                                            \
        if (!near(got_, want_, 0))                                                              \
            fail_msg("pixel (%d,%d) is %d,%d,%d, expected %d,%d,%d", (x), (y), got_.r, got_.g,  \
                     got_.b, want_.r, want_.g, want_.b);                                        \
    } while (0)

#endif
