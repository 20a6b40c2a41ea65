/* render.c - replay a ui DrawList on an SDL_Renderer.
 *
 * Speed matters on the software renderer (export, bench, and machines
 * without GPU): consecutive rectangles of one colour go out in a single
 * SDL_RenderFillRects, opaque fills skip blending (SDL's blend fill is a
 * per-pixel read-modify-write, the plain fill is a memset), frames become
 * four rectangles in the same batch, and text is blitted from the glyph cache
 * (glyphs.c). After the first frames nothing here allocates. */
#include "app/render.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "app/glyphs.h"

struct Renderer {
    SDL_Renderer *sdl;
    GlyphCache gc;
    SDL_Rect *batch; /* pending rects of one colour */
    int batch_n, batch_cap;
    Color batch_color;
    SDL_Rect view;   /* the current clip, or the whole output: for culling */
    SDL_Rect output;
};

Renderer *render_create(SDL_Renderer *sdl, const char *font_path, Err *err)
{
    if (!sdl || !font_path) {
        err_fail(err, TC_ERR_ARG, "render_create: no renderer or font");
        return NULL;
    }
    if (TTF_Init() != 0) { /* reference counted: paired with TTF_Quit in render_free */
        err_fail(err, TC_ERR_IO, "SDL_ttf failed to initialise: %s", TTF_GetError());
        return NULL;
    }
    Renderer *r = calloc(1, sizeof *r);
    if (!r) {
        TTF_Quit();
        err_fail(err, TC_ERR_NOMEM, "out of memory for the renderer");
        return NULL;
    }
    r->sdl = sdl;
    if (glyphs_init(&r->gc, sdl, font_path) != 0) {
        err_fail(err, TC_ERR_IO, "cannot open font '%s': %s", font_path, TTF_GetError());
        free(r);
        TTF_Quit();
        return NULL;
    }
    return r;
}

void render_free(Renderer *r)
{
    if (!r)
        return;
    glyphs_free(&r->gc);
    free(r->batch);
    free(r);
    TTF_Quit();
}

long render_glyphs_rasterized(const Renderer *r)
{
    return r->gc.rasterized;
}

long render_glyph_textures(const Renderer *r)
{
    return r->gc.textures;
}

void render_drop_textures(Renderer *r)
{
    glyphs_drop_textures(&r->gc);
}

int render_measure(void *user, int size_px, const char *text)
{
    Renderer *r = user;
    FontSlot *f = glyphs_font(&r->gc, size_px);
    if (!f) { /* font vanished: a fixed-pitch guess keeps the layout sane */
        int n = 0;
        for (const unsigned char *p = (const unsigned char *)text; *p; p++)
            n += (*p & 0xC0) != 0x80;
        return n * size_px * 6 / 10;
    }
    return glyphs_measure(&r->gc, f, text);
}

int render_text_top(Renderer *r, int y, int size_px)
{
    FontSlot *f = glyphs_font(&r->gc, size_px);
    /* The ui centres a size_px-tall box; the font's line box (ascent +
     * descent) is a little taller, so centre that on it. */
    return f ? y + (size_px - f->height) / 2 : y;
}

int render_baseline(void *user, int size_px)
{
    Renderer *r = user;
    FontSlot *f = glyphs_font(&r->gc, size_px);
    return f ? (size_px - f->height) / 2 + TTF_FontAscent(f->font) : size_px * 4 / 5;
}

int render_text_height(Renderer *r, int size_px)
{
    FontSlot *f = glyphs_font(&r->gc, size_px);
    return f ? f->height : size_px;
}

/* ---- rectangles ----------------------------------------------------------- */

static void flush(Renderer *r)
{
    if (r->batch_n == 0)
        return;
    Color c = r->batch_color;
    SDL_SetRenderDrawBlendMode(r->sdl, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(r->sdl, c.r, c.g, c.b, c.a);
    SDL_RenderFillRects(r->sdl, r->batch, r->batch_n);
    r->batch_n = 0;
}

static int same_color(Color a, Color b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b && a.a == b.a;
}

static void push_rect(Renderer *r, int x, int y, int w, int h, Color c)
{
    if (w <= 0 || h <= 0 || c.a == 0)
        return;
    SDL_Rect q = {x, y, w, h};
    if (!SDL_HasIntersection(&q, &r->view))
        return;
    if (r->batch_n > 0 && !same_color(c, r->batch_color))
        flush(r);
    if (r->batch_n == r->batch_cap) {
        int cap = r->batch_cap ? r->batch_cap * 2 : 512;
        SDL_Rect *b = realloc(r->batch, (size_t)cap * sizeof *b);
        if (!b) { /* draw what we have and go on one rect at a time */
            flush(r);
            r->batch_color = c;
            SDL_SetRenderDrawBlendMode(r->sdl, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
            SDL_SetRenderDrawColor(r->sdl, c.r, c.g, c.b, c.a);
            SDL_RenderFillRect(r->sdl, &q);
            return;
        }
        r->batch = b;
        r->batch_cap = cap;
    }
    r->batch_color = c;
    r->batch[r->batch_n++] = q;
}

static void frame(Renderer *r, Rect q, Color c, int t)
{
    if (2 * t >= q.w || 2 * t >= q.h) { /* thick enough to be solid */
        push_rect(r, q.x, q.y, q.w, q.h, c);
        return;
    }
    push_rect(r, q.x, q.y, q.w, t, c);
    push_rect(r, q.x, q.y + q.h - t, q.w, t, c);
    push_rect(r, q.x, q.y + t, t, q.h - 2 * t, c);
    push_rect(r, q.x + q.w - t, q.y + t, t, q.h - 2 * t, c);
}

/* A line of thickness t centred on the segment. Axis-aligned lines (nearly
 * all of the ui's) are rectangles in the batch; others are a quad. */
static void line(Renderer *r, Rect q, Color c, int t)
{
    int x0 = q.x, y0 = q.y, x1 = q.x + q.w, y1 = q.y + q.h;
    if (y0 == y1 || x0 == x1) {
        int lo_x = x0 < x1 ? x0 : x1, lo_y = y0 < y1 ? y0 : y1;
        if (y0 == y1)
            push_rect(r, lo_x, y0 - t / 2, abs(x1 - x0) + 1, t, c);
        else
            push_rect(r, x0 - t / 2, lo_y, t, abs(y1 - y0) + 1, c);
        return;
    }
    flush(r);
    if (t <= 1) {
        SDL_SetRenderDrawBlendMode(r->sdl, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
        SDL_SetRenderDrawColor(r->sdl, c.r, c.g, c.b, c.a);
        SDL_RenderDrawLine(r->sdl, x0, y0, x1, y1);
        return;
    }
    float dx = (float)(x1 - x0), dy = (float)(y1 - y0);
    float len = sqrtf(dx * dx + dy * dy);
    float nx = -dy / len * (float)t * 0.5f, ny = dx / len * (float)t * 0.5f;
    SDL_Color col = {c.r, c.g, c.b, c.a};
    /* +0.5: SDL samples triangles at pixel centres. */
    float fx0 = (float)x0 + 0.5f, fy0 = (float)y0 + 0.5f, fx1 = (float)x1 + 0.5f,
          fy1 = (float)y1 + 0.5f;
    SDL_Vertex v[4] = {
        {{fx0 + nx, fy0 + ny}, col, {0, 0}},
        {{fx0 - nx, fy0 - ny}, col, {0, 0}},
        {{fx1 - nx, fy1 - ny}, col, {0, 0}},
        {{fx1 + nx, fy1 + ny}, col, {0, 0}},
    };
    static const int idx[6] = {0, 1, 2, 0, 2, 3};
    SDL_SetRenderDrawBlendMode(r->sdl, SDL_BLENDMODE_BLEND);
    SDL_RenderGeometry(r->sdl, NULL, v, 4, idx, 6);
}

/* ---- text ----------------------------------------------------------------- */

static void text(Renderer *r, const DrawCmd *cmd, const char *s)
{
    FontSlot *f = glyphs_font(&r->gc, cmd->size_px);
    if (!f)
        return;
    int w = glyphs_measure(&r->gc, f, s);
    int x = cmd->rect.x;
    if (cmd->align == ALIGN_CENTER)
        x += (cmd->rect.w - w) / 2;
    else if (cmd->align == ALIGN_RIGHT)
        x += cmd->rect.w - w;
    int top = cmd->rect.y + (cmd->size_px - f->height) / 2;
    SDL_Rect box = {x, top, w, f->height + 1};
    if (!SDL_HasIntersection(&box, &r->view))
        return;
    flush(r);
    while (*s) {
        Glyph *g = glyphs_get(&r->gc, f, glyphs_utf8_next(&s), 1);
        SDL_Texture *t = glyphs_texture(&r->gc, g, cmd->color);
        if (t) {
            SDL_Rect dst = {x + g->ox, top + g->oy, g->w, g->h};
            SDL_RenderCopy(r->sdl, t, NULL, &dst);
        }
        x += g->advance;
    }
}

/* ---- the list ------------------------------------------------------------- */

static void set_clip(Renderer *r, Rect q)
{
    flush(r);
    if (q.w <= 0 || q.h <= 0) {
        SDL_RenderSetClipRect(r->sdl, NULL);
        r->view = r->output;
        return;
    }
    SDL_Rect c = {q.x, q.y, q.w, q.h};
    SDL_RenderSetClipRect(r->sdl, &c);
    if (!SDL_IntersectRect(&c, &r->output, &r->view))
        r->view = (SDL_Rect){0, 0, 0, 0};
}

void render_draw_list(Renderer *r, const DrawList *dl)
{
    int ow = 0, oh = 0;
    SDL_GetRendererOutputSize(r->sdl, &ow, &oh);
    r->output = (SDL_Rect){0, 0, ow, oh};
    r->view = r->output;
    r->batch_n = 0;
    SDL_RenderSetClipRect(r->sdl, NULL);
    for (int i = 0; i < dl->count; i++) {
        const DrawCmd *cmd = &dl->cmds[i];
        switch (cmd->kind) {
        case DRAW_RECT:
            push_rect(r, cmd->rect.x, cmd->rect.y, cmd->rect.w, cmd->rect.h, cmd->color);
            break;
        case DRAW_FRAME:
            if (cmd->thickness > 0 && cmd->color.a > 0)
                frame(r, cmd->rect, cmd->color, cmd->thickness);
            break;
        case DRAW_LINE:
            if (cmd->thickness > 0 && cmd->color.a > 0)
                line(r, cmd->rect, cmd->color, cmd->thickness);
            break;
        case DRAW_TEXT:
            if (cmd->color.a > 0 && cmd->size_px > 0)
                text(r, cmd, draw_cmd_text(dl, cmd));
            break;
        case DRAW_CLIP:
            set_clip(r, cmd->rect);
            break;
        }
    }
    flush(r);
    SDL_RenderSetClipRect(r->sdl, NULL);
    SDL_SetRenderDrawBlendMode(r->sdl, SDL_BLENDMODE_BLEND);
}
