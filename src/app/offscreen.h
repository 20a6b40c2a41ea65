/* offscreen.h - the scene drawn into a memory surface, no window, no display.
 *
 * Export, bench and the render tests share this: SDL runs on its "dummy"
 * video driver, a software renderer draws into a w x h ARGB8888 surface,
 * and a Renderer (render.h) replays the Scene's DrawList there.
 *
 *     Offscreen o;
 *     if (offscreen_open(&o, &setup, font_override, 1600, 900, &err) != 0) ...
 *     offscreen_show_step(&o, 12);          // the landed state of step 12
 *     offscreen_save_png(&o, "frame.png", &err);
 *     offscreen_close(&o);
 *
 * For timing, offscreen_draw_scene and offscreen_render are the two halves
 * of one frame (the ui's DrawList, then SDL drawing it). */
#ifndef TCVIZ_OFFSCREEN_H
#define TCVIZ_OFFSCREEN_H

#include <SDL.h>

#include "app/render.h"
#include "core/status.h"
#include "ui/draw.h"
#include "ui/input.h"
#include "ui/scene.h"

typedef struct {
    int w, h;
    SDL_Surface *surface; /* SDL_PIXELFORMAT_ARGB8888, w x h */
    SDL_Renderer *sdl;    /* software renderer over surface */
    Renderer *render;
    Scene *scene;
    DrawList dl;
    UiInput in; /* the surface's size, no mouse, no keys */
    int sdl_up; /* SDL video subsystem initialised by us */
    /* Set by the caller after open: draw scene_draw_figure instead of the
     * window; transparent: a figure without background (the surface is
     * cleared to transparent, the PNG keeps alpha). */
    int figure, transparent;
    Rect crop;  /* the part pixels/save hand out; w == 0: the whole surface */
} Offscreen;

/* Initialise SDL (dummy video driver), the surface, the font (font.h:
 * font_override or fontconfig) and the scene from setup. On failure
 * everything is released and err says what failed (font, SDL, scene). */
int offscreen_open(Offscreen *o, const SceneSetup *setup, const char *font_override, int w,
                   int h, Err *err);

/* Jump to timeline step (no tween, rotation finished) and draw it. */
void offscreen_show_step(Offscreen *o, int step);

/* One frame in two halves: the scene's draw list, then SDL drawing it into
 * the surface (flushed, so the pixels are there when this returns). */
void offscreen_draw_scene(Offscreen *o);
void offscreen_render(Offscreen *o);

/* Words 0xAARRGGBB of the surface (from the crop's top-left corner) and
 * the row pitch in bytes. */
const uint32_t *offscreen_pixels(const Offscreen *o, int *pitch);

/* The surface (its crop) as an opaque RGB PNG, or RGBA when transparent
 * (SDL2_image), written atomically: a temp file beside path, renamed over
 * it; on failure path is untouched. */
int offscreen_save_png(const Offscreen *o, const char *path, Err *err);

/* Write an RGB surface as a PNG through the atomic writer (io/atomic_file.h): rename
 * over path, or with keep_existing never replace it (fails with err.code
 * TC_ERR_ARG when path exists). Shared by export and the F12 screenshot. */
int png_save(SDL_Surface *s, const char *path, int keep_existing, Err *err);

void offscreen_close(Offscreen *o);

#endif
