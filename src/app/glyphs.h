/* glyphs.h - fonts per pixel size and a glyph texture cache (render.c's helper).
 *
 * Text is drawn glyph by glyph from cached textures, one per colour a glyph
 * is drawn in (a colour-mod blit is several times slower than a plain
 * blended blit on the software renderer), so a steady frame neither
 * rasterises nor creates textures: only the first use of a (size, code
 * point) pair calls SDL_ttf. Widths are sums of advances with
 * kerning off, so measuring (what the ui lays out with) and drawing (where
 * each glyph lands) agree to the pixel.
 *
 *     GlyphCache gc;
 *     glyphs_init(&gc, sdl_renderer, "/usr/share/fonts/.../DejaVuSansMono.ttf");
 *     FontSlot *f = glyphs_font(&gc, 18);           // opened on first use
 *     Glyph *g = glyphs_get(&gc, f, 0x00B7, 1);       // rasterised once
 *     SDL_Texture *t = glyphs_texture(&gc, g, colour); // one per colour, kept
 *     SDL_RenderCopy(sdl, t, NULL, &(SDL_Rect){x + g->ox, top + g->oy, g->w, g->h});
 *     x += g->advance;
 *     glyphs_free(&gc);
 */
#ifndef TCVIZ_GLYPHS_H
#define TCVIZ_GLYPHS_H

#include <SDL.h>
#include <SDL_ttf.h>

#include "ui/draw.h"

/* Font sizes kept open at once; the least recently used one is closed when
 * a new size is needed (zooming walks through many sizes). */
#define GLYPH_MAX_SIZES 16
#define GLYPH_MIN_PX 4
#define GLYPH_MAX_PX 256
/* Non-ASCII code points cached per size (open addressing). */
#define GLYPH_EXTRA_SLOTS 512
/* Colours one glyph keeps a ready-made texture for; further colours are
 * drawn from a white texture with a colour mod (slower on the software
 * renderer, but never re-created). */
#define GLYPH_VARIANTS 6

typedef struct {
    Uint32 rgb;         /* 0xRRGGBB */
    SDL_Texture *tex;   /* NULL: free */
    Uint8 alpha_mod;    /* the alpha mod currently set on tex */
} GlyphVariant;

typedef struct {
    Uint32 cp;          /* code point (0 = empty slot in the extra table) */
    int loaded;         /* advance known */
    int advance;
    int rasterized;     /* mask made (or found to have no ink) */
    /* The glyph's ink, cropped: an ARGB8888 surface, alpha = coverage,
     * placed at (ox, oy) from the pen position and the line top. NULL for
     * glyphs without ink (space). Cropping matters: on the software
     * renderer a glyph costs per pixel blitted, and most of a glyph's
     * line box is empty. */
    SDL_Surface *mask;
    int ox, oy, w, h;
    GlyphVariant var[GLYPH_VARIANTS];
    SDL_Texture *white; /* the colour-mod fallback */
    Uint8 white_mod[4];
} Glyph;

typedef struct {
    TTF_Font *font;     /* NULL: slot unused */
    int px;
    int height;         /* TTF_FontHeight: the line box drawn from the top */
    unsigned long used; /* LRU stamp */
    Glyph ascii[128];
    Glyph *extra;       /* GLYPH_EXTRA_SLOTS entries, allocated on first use */
} FontSlot;

typedef struct {
    SDL_Renderer *sdl;
    char *path;
    FontSlot slots[GLYPH_MAX_SIZES];
    unsigned long clock;
    long rasterized;    /* glyphs rendered by SDL_ttf so far (tests: cache hits) */
    long textures;      /* glyph textures created so far */
} GlyphCache;

/* Fails (returns -1, SDL_GetError/TTF_GetError set) if the font cannot be opened. */
int glyphs_init(GlyphCache *gc, SDL_Renderer *sdl, const char *path);
void glyphs_free(GlyphCache *gc);
/* Drop every texture (e.g. after SDL_RENDER_DEVICE_RESET); fonts stay open. */
void glyphs_drop_textures(GlyphCache *gc);

/* The font for px (clamped to GLYPH_MIN_PX..GLYPH_MAX_PX), or NULL. */
FontSlot *glyphs_font(GlyphCache *gc, int px);
/* The glyph for cp; with_mask also rasterises it (once). Never NULL. */
Glyph *glyphs_get(GlyphCache *gc, FontSlot *f, Uint32 cp, int with_mask);
/* A texture of g's mask drawn in colour c (alpha applied), or NULL if g has
 * no ink or the texture cannot be made. */
SDL_Texture *glyphs_texture(GlyphCache *gc, Glyph *g, Color c);

/* Decode one UTF-8 code point at *s and advance *s; malformed bytes give
 * U+FFFD and advance one byte, so any string terminates. */
Uint32 glyphs_utf8_next(const char **s);

/* Width in px of text at font f (sum of advances). */
int glyphs_measure(GlyphCache *gc, FontSlot *f, const char *text);

#endif
