/* glyphs.c - per-size fonts (LRU-capped) and cached glyph textures. */
#include "app/glyphs.h"

#include <stdlib.h>
#include <string.h>

int glyphs_init(GlyphCache *gc, SDL_Renderer *sdl, const char *path)
{
    memset(gc, 0, sizeof *gc);
    gc->sdl = sdl;
    gc->path = SDL_strdup(path);
    if (!gc->path)
        return SDL_OutOfMemory();
    /* Open one size now so a bad font file fails at creation, not mid-frame. */
    if (!glyphs_font(gc, 18)) {
        SDL_free(gc->path);
        gc->path = NULL;
        return -1;
    }
    return 0;
}

/* Textures belong to the renderer; masks are plain memory and survive a
 * renderer reset. */
static void drop_glyph_textures(Glyph *g)
{
    for (int v = 0; v < GLYPH_VARIANTS; v++) {
        if (g->var[v].tex)
            SDL_DestroyTexture(g->var[v].tex);
        g->var[v].tex = NULL;
    }
    if (g->white)
        SDL_DestroyTexture(g->white);
    g->white = NULL;
}

static void drop_slot_textures(FontSlot *f)
{
    for (int i = 0; i < 128; i++)
        drop_glyph_textures(&f->ascii[i]);
    if (f->extra)
        for (int i = 0; i < GLYPH_EXTRA_SLOTS; i++)
            drop_glyph_textures(&f->extra[i]);
}

static void free_masks(FontSlot *f)
{
    for (int i = 0; i < 128; i++)
        SDL_FreeSurface(f->ascii[i].mask);
    if (f->extra)
        for (int i = 0; i < GLYPH_EXTRA_SLOTS; i++)
            SDL_FreeSurface(f->extra[i].mask);
}

static void close_slot(FontSlot *f)
{
    drop_slot_textures(f);
    free_masks(f);
    free(f->extra);
    if (f->font)
        TTF_CloseFont(f->font);
    memset(f, 0, sizeof *f);
}

void glyphs_free(GlyphCache *gc)
{
    for (int i = 0; i < GLYPH_MAX_SIZES; i++)
        close_slot(&gc->slots[i]);
    SDL_free(gc->path);
    memset(gc, 0, sizeof *gc);
}

void glyphs_drop_textures(GlyphCache *gc)
{
    for (int i = 0; i < GLYPH_MAX_SIZES; i++)
        drop_slot_textures(&gc->slots[i]);
}

FontSlot *glyphs_font(GlyphCache *gc, int px)
{
    if (px < GLYPH_MIN_PX)
        px = GLYPH_MIN_PX;
    if (px > GLYPH_MAX_PX)
        px = GLYPH_MAX_PX;
    gc->clock++;
    FontSlot *lru = &gc->slots[0];
    for (int i = 0; i < GLYPH_MAX_SIZES; i++) {
        FontSlot *f = &gc->slots[i];
        if (f->font && f->px == px) {
            f->used = gc->clock;
            return f;
        }
        if (!f->font || (lru->font && f->used < lru->used))
            lru = f;
    }
    close_slot(lru);
    /* SDL_ttf sizes are points at 72 dpi, i.e. pixels per em. */
    TTF_Font *font = TTF_OpenFont(gc->path, px);
    if (!font)
        return NULL;
    /* Kerning off and a fixed pen advance per glyph: measure == draw. */
    TTF_SetFontKerning(font, 0);
    lru->font = font;
    lru->px = px;
    lru->height = TTF_FontHeight(font);
    lru->used = gc->clock;
    return lru;
}

static Glyph *slot_for(FontSlot *f, Uint32 cp)
{
    if (cp < 128)
        return &f->ascii[cp];
    if (!f->extra) {
        f->extra = calloc(GLYPH_EXTRA_SLOTS, sizeof *f->extra);
        if (!f->extra)
            return NULL;
    }
    unsigned h = (unsigned)(cp * 2654435761u) % GLYPH_EXTRA_SLOTS;
    for (int probe = 0; probe < GLYPH_EXTRA_SLOTS; probe++) {
        Glyph *g = &f->extra[(h + (unsigned)probe) % GLYPH_EXTRA_SLOTS];
        if (g->cp == cp || g->cp == 0) {
            g->cp = cp;
            return g;
        }
    }
    return NULL; /* table full: such text is drawn uncached-blank */
}

/* Rasterise g once (white, alpha = coverage) and keep only its ink box. */
static void rasterise(GlyphCache *gc, FontSlot *f, Glyph *g, Uint32 cp)
{
    g->rasterized = 1;
    gc->rasterized++;
    SDL_Surface *full = TTF_RenderGlyph32_Blended(f->font, cp, (SDL_Color){255, 255, 255, 255});
    if (!full)
        return;
    SDL_Surface *s = SDL_ConvertSurfaceFormat(full, SDL_PIXELFORMAT_ARGB8888, 0);
    SDL_FreeSurface(full);
    if (!s)
        return;
    int x0 = s->w, y0 = s->h, x1 = -1, y1 = -1;
    for (int y = 0; y < s->h; y++) {
        const Uint32 *row = (const Uint32 *)((const Uint8 *)s->pixels + y * s->pitch);
        for (int x = 0; x < s->w; x++)
            if (row[x] >> 24) {
                x0 = x < x0 ? x : x0;
                x1 = x > x1 ? x : x1;
                y0 = y < y0 ? y : y0;
                y1 = y > y1 ? y : y1;
            }
    }
    if (x1 >= 0) {
        g->ox = x0;
        g->oy = y0;
        g->w = x1 - x0 + 1;
        g->h = y1 - y0 + 1;
        g->mask = SDL_CreateRGBSurfaceWithFormat(0, g->w, g->h, 32, SDL_PIXELFORMAT_ARGB8888);
        if (g->mask) {
            SDL_SetSurfaceBlendMode(s, SDL_BLENDMODE_NONE);
            SDL_BlitSurface(s, &(SDL_Rect){x0, y0, g->w, g->h}, g->mask, NULL);
        }
    }
    SDL_FreeSurface(s);
}

Glyph *glyphs_get(GlyphCache *gc, FontSlot *f, Uint32 cp, int with_mask)
{
    static Glyph blank; /* for a full table: no ink, no advance */
    Glyph *g = slot_for(f, cp);
    if (!g) {
        memset(&blank, 0, sizeof blank);
        return &blank;
    }
    if (!g->loaded) {
        int minx, maxx, miny, maxy, adv = 0;
        if (TTF_GlyphMetrics32(f->font, cp, &minx, &maxx, &miny, &maxy, &adv) != 0)
            adv = 0;
        g->advance = adv;
        g->loaded = 1;
    }
    /* Control characters and space have no ink; never rasterise them. */
    if (with_mask && !g->rasterized && cp > 32)
        rasterise(gc, f, g, cp);
    return g;
}

/* A texture of g's mask in colour rgb (alpha = the mask's coverage). */
static SDL_Texture *make_texture(GlyphCache *gc, const Glyph *g, Uint32 rgb)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, g->w, g->h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!s)
        return NULL;
    for (int y = 0; y < g->h; y++) {
        const Uint32 *src = (const Uint32 *)((const Uint8 *)g->mask->pixels + y * g->mask->pitch);
        Uint32 *dst = (Uint32 *)((Uint8 *)s->pixels + y * s->pitch);
        for (int x = 0; x < g->w; x++)
            dst[x] = (src[x] & 0xFF000000u) | rgb;
    }
    SDL_Texture *t = SDL_CreateTextureFromSurface(gc->sdl, s);
    SDL_FreeSurface(s);
    if (t) {
        SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
        gc->textures++;
    }
    return t;
}

SDL_Texture *glyphs_texture(GlyphCache *gc, Glyph *g, Color c)
{
    if (!g->mask)
        return NULL;
    Uint32 rgb = (Uint32)c.r << 16 | (Uint32)c.g << 8 | c.b;
    GlyphVariant *v = NULL;
    for (int i = 0; i < GLYPH_VARIANTS && !v; i++) {
        if (g->var[i].tex && g->var[i].rgb == rgb)
            v = &g->var[i];
        else if (!g->var[i].tex && (g->var[i].tex = make_texture(gc, g, rgb))) {
            v = &g->var[i];
            v->rgb = rgb;
            v->alpha_mod = 255;
        }
    }
    if (v) {
        if (v->alpha_mod != c.a) {
            SDL_SetTextureAlphaMod(v->tex, c.a);
            v->alpha_mod = c.a;
        }
        return v->tex;
    }
    /* More colours than variants: tint the white texture. */
    if (!g->white) {
        g->white = make_texture(gc, g, 0xFFFFFF);
        if (!g->white)
            return NULL;
        SDL_memset(g->white_mod, 255, sizeof g->white_mod);
    }
    if (g->white_mod[0] != c.r || g->white_mod[1] != c.g || g->white_mod[2] != c.b) {
        SDL_SetTextureColorMod(g->white, c.r, c.g, c.b);
        g->white_mod[0] = c.r, g->white_mod[1] = c.g, g->white_mod[2] = c.b;
    }
    if (g->white_mod[3] != c.a) {
        SDL_SetTextureAlphaMod(g->white, c.a);
        g->white_mod[3] = c.a;
    }
    return g->white;
}

Uint32 glyphs_utf8_next(const char **s)
{
    const unsigned char *p = (const unsigned char *)*s;
    Uint32 c = p[0];
    int n = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : -1;
    if (n < 0) {
        *s += 1;
        return 0xFFFD;
    }
    Uint32 cp = n == 0 ? c : c & (0x3Fu >> n);
    for (int i = 1; i <= n; i++) {
        if ((p[i] & 0xC0) != 0x80) { /* truncated sequence (also stops at NUL) */
            *s += i;
            return 0xFFFD;
        }
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    *s += n + 1;
    return cp;
}

int glyphs_measure(GlyphCache *gc, FontSlot *f, const char *text)
{
    int w = 0;
    while (*text)
        w += glyphs_get(gc, f, glyphs_utf8_next(&text), 0)->advance;
    return w;
}
