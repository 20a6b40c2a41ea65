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

/* Text placement, for probes: a DRAW_TEXT at y with size_px puts the font's
 * line box (render_text_height px tall) at render_text_top; its width is
 * render_measure. */
int render_text_top(Renderer *r, int y, int size_px);
int render_text_height(Renderer *r, int size_px);
/* px from a DRAW_TEXT's y down to the baseline its glyphs sit on (the
 * SVG writer's text placement); user is the Renderer. */
int render_baseline(void *user, int size_px);

/* Glyphs rasterised by SDL_ttf so far: a steady frame adds none (tests). */
long render_glyphs_rasterized(const Renderer *r);
/* Glyph textures created so far (one per glyph and colour): likewise. */
long render_glyph_textures(const Renderer *r);

/* Forget every glyph texture (after SDL_RENDER_DEVICE_RESET / TARGETS_RESET
 * the renderer lost them); they are re-created on the next draw. */
void render_drop_textures(Renderer *r);

#endif
