/* gif_palette.h - reduce a region of RGB pixels to a GIF palette of <= 256.
 *
 * Exported frames are UI pictures: large flat areas in a few theme colours,
 * value-coloured cells, and antialiased text that blends them. A generic
 * quantizer (giflib's GifQuantizeBuffer works on 5 bits per channel) would
 * shift every theme colour a little; here the region's exact colours are
 * counted first, so
 *   - a region with <= 256 colours is stored exactly, and
 *   - otherwise the most common colours (the fills, lines and text colour)
 *     keep their exact value and median cut over the rest (antialiasing
 *     blends, colour ramps of big tensors) fills the remaining entries.
 * "Most common" can be judged on a larger picture than the region (keep),
 * so a theme colour that is rare in a changed rectangle stays exact too.
 *
 *     GifPalette p = {0};
 *     if (gif_palette_build(&p, px, pitch_words, x, y, w, h, idx, &err) != 0) ...
 *     ... p.colors[0 .. p.count) are 0xRRGGBB, idx holds w*h indices ...
 *     gif_palette_free(&p);
 *
 * The hash table is kept between calls, so a sequence of frames does not
 * reallocate. Pure C (no SDL, no giflib). */
#ifndef TCVIZ_GIF_PALETTE_H
#define TCVIZ_GIF_PALETTE_H

#include <stdint.h>

#include "core/status.h"

#define GIF_PALETTE_MAX 256
#define GIF_PALETTE_KEEP 128 /* at most this many colours are kept exact */

typedef struct {
    uint32_t key;   /* 0xRRGGBB, or GIF_PALETTE_EMPTY */
    uint32_t count; /* pixels of this colour in the region */
    int index;      /* palette entry it maps to */
} GifColorCount;

typedef struct {
    uint32_t colors[GIF_PALETTE_MAX]; /* 0xRRGGBB */
    int count;
    /* Colours to keep exact when a region has > 256 colours, beyond the
     * region's own common ones: set by the caller, e.g. the common colours
     * of the whole frame when the region is only the part that changed. */
    uint32_t keep[GIF_PALETTE_KEEP];
    int nkeep;
    /* work space reused between calls */
    GifColorCount *table;
    uint32_t table_cap; /* power of two */
    uint32_t used;
    GifColorCount *list; /* the distinct colours, gathered out of table */
    uint32_t list_cap;
} GifPalette;

/* Count the colours of the w x h region at (x, y) of `px` (words 0xAARRGGBB,
 * alpha ignored; pitch_words words per row), choose the palette and write one
 * index per pixel into idx (row-major, w*h bytes). */
int gif_palette_build(GifPalette *p, const uint32_t *px, int pitch_words, int x, int y, int w,
                      int h, unsigned char *idx, Err *err);

/* The colours covering at least 1/1000 of the w x h region at (0, 0), most
 * common first, at most GIF_PALETTE_KEEP, into p->keep / p->nkeep. */
int gif_palette_common(GifPalette *p, const uint32_t *px, int pitch_words, int w, int h,
                       Err *err);

void gif_palette_free(GifPalette *p);

#endif
