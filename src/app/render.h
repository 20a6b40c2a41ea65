/* render.h - replay a ui DrawList with SDL2 + SDL2_ttf.
 *
 * The ui (src/ui) never touches SDL; it appends commands to a DrawList and
 * measures text through a TextMeasureFn. A Renderer is that backend for one
 * SDL_Renderer: it owns the fonts (one TTF_Font per pixel size, opened
 * lazily) and a glyph cache so a steady frame neither rasterises text nor
 * allocates. Works the same on a window's renderer and on a software
 * renderer over an SDL_Surface (export, bench, tests).
 *
 *     Renderer *r = render_create(sdl_renderer, font_path, &err);
 *     Scene *s = scene_create(&setup, render_measure, r, &err);
 *     scene_draw(s, &input, &dl);
 *     render_draw_list(r, &dl);  SDL_RenderPresent(sdl_renderer);
 *     render_free(r);
 */
#ifndef TCVIZ_RENDER_H
#define TCVIZ_RENDER_H

#include <SDL.h>

#include "core/status.h"
#include "ui/draw.h"

typedef struct Renderer Renderer;

/* font_path: a TTF/OTF file (see font.h). Initialises SDL_ttf if needed. */
Renderer *render_create(SDL_Renderer *sdl, const char *font_path, Err *err);
void render_free(Renderer *r);

/* TextMeasureFn for scene_create: user is the Renderer. Width in pixels. */
int render_measure(void *user, int size_px, const char *text);

/* Draw every command of dl (clip, rects, frames, lines, UTF-8 text) with
 * alpha blending. Does not clear or present. */
void render_draw_list(Renderer *r, const DrawList *dl);

#endif
