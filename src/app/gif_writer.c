/* gif_writer.c - giflib's low-level encoder over the atomic writer.
 *
 * giflib writes through an output callback (EGifOpen) into a buffer that is
 * passed to the atomic writer (io/atomic_file.h), so every write is checked
 * and a failure leaves the old file untouched. The animation loops forever (NETSCAPE2.0
 * application extension); every frame has a graphics control block with its
 * delay and "do not dispose", which is what lets later frames store only the
 * rectangle that changed since the frame before. */
#include "app/gif_writer.h"

#include <gif_lib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/gif_palette.h"
#include "io/atomic_file.h"

struct GifWriter {
    char *path;
    AtomicFile out;
    int opened;
    unsigned char buf[1 << 16]; /* giflib writes blocks of up to 255 bytes */
    size_t used;
    GifFileType *gif;
    int w, h, frames;
    uint32_t *prev; /* the last frame's pixels (w*h), for the changed rectangle */
    unsigned char *idx;
    GifPalette pal;
};

static int write_cb(GifFileType *gif, const GifByteType *buf, int len)
{
    GifWriter *g = gif->UserData;
    if (len <= 0)
        return 0;
    if (g->used + (size_t)len > sizeof g->buf) {
        atomic_write(&g->out, g->buf, g->used);
        g->used = 0;
    }
    if ((size_t)len > sizeof g->buf)
        atomic_write(&g->out, buf, (size_t)len);
    else {
        memcpy(g->buf + g->used, buf, (size_t)len);
        g->used += (size_t)len;
    }
    return g->out.error ? 0 : len;
}

static int fail_gif(GifWriter *g, int code, Err *err)
{
    if (g->out.error)
        return err_fail(err, TC_ERR_IO,
                        "%s: cannot write (%s), expected a writable file with free space",
                        g->path, strerror(g->out.error));
    return err_fail(err, TC_ERR_IO, "%s: GIF encoder failed (%s)", g->path, GifErrorString(code));
}

static int put_loop_extension(GifWriter *g)
{
    static const unsigned char app[11] = "NETSCAPE2.0";
    static const unsigned char loop[3] = {1, 0, 0}; /* sub-block 1: loop count 0 = forever */
    return EGifPutExtensionLeader(g->gif, APPLICATION_EXT_FUNC_CODE) == GIF_OK &&
                   EGifPutExtensionBlock(g->gif, sizeof app, app) == GIF_OK &&
                   EGifPutExtensionBlock(g->gif, sizeof loop, loop) == GIF_OK &&
                   EGifPutExtensionTrailer(g->gif) == GIF_OK
               ? 0
               : -1;
}

GifWriter *gif_writer_open(const char *path, int width, int height, Err *err)
{
    if (width < 1 || height < 1 || width > 65535 || height > 65535) {
        err_fail(err, TC_ERR_ARG, "%s: GIF size %dx%d, expected 1..65535 each", path, width,
                 height);
        return NULL;
    }
    GifWriter *g = calloc(1, sizeof *g);
    size_t n = (size_t)width * (size_t)height;
    if (!g || !(g->path = strdup(path)) || !(g->prev = malloc(n * sizeof *g->prev)) ||
        !(g->idx = malloc(n))) {
        err_fail(err, TC_ERR_NOMEM, "%s: out of memory for a %dx%d GIF", path, width, height);
        gif_writer_abort(g);
        return NULL;
    }
    g->w = width;
    g->h = height;
    if (atomic_open(&g->out, path, ATOMIC_REPLACE, err) != 0) {
        gif_writer_abort(g);
        return NULL;
    }
    g->opened = 1;
    int code = 0;
    g->gif = EGifOpen(g, write_cb, &code);
    if (!g->gif) {
        fail_gif(g, code, err);
        gif_writer_abort(g);
        return NULL;
    }
    EGifSetGifVersion(g->gif, true);
    /* No global colour table: every frame carries its own. */
    if (EGifPutScreenDesc(g->gif, width, height, 8, 0, NULL) != GIF_OK ||
        put_loop_extension(g) != 0) {
        fail_gif(g, g->gif->Error, err);
        gif_writer_abort(g);
        return NULL;
    }
    return g;
}

/* Bounding box of the pixels that differ from the previous frame. */
static int changed_rect(const GifWriter *g, const uint32_t *px, int pitch_words, int *rx, int *ry,
                        int *rw, int *rh)
{
    int x0 = g->w, y0 = g->h, x1 = -1, y1 = -1;
    for (int y = 0; y < g->h; y++) {
        const uint32_t *a = px + (size_t)y * (size_t)pitch_words;
        const uint32_t *b = g->prev + (size_t)y * (size_t)g->w;
        int first = -1, last = -1;
        for (int x = 0; x < g->w; x++)
            if ((a[x] ^ b[x]) & 0xFFFFFFu) {
                if (first < 0)
                    first = x;
                last = x;
            }
        if (first < 0)
            continue;
        x0 = first < x0 ? first : x0;
        x1 = last > x1 ? last : x1;
        y0 = y < y0 ? y : y0;
        y1 = y;
    }
    if (x1 < 0)
        return 0;
    *rx = x0, *ry = y0, *rw = x1 - x0 + 1, *rh = y1 - y0 + 1;
    return 1;
}

static int put_image(GifWriter *g, int x, int y, int w, int h, int delay_cs)
{
    GraphicsControlBlock gcb = {.DisposalMode = DISPOSE_DO_NOT,
                                .UserInputFlag = false,
                                .DelayTime = delay_cs,
                                .TransparentColor = NO_TRANSPARENT_COLOR};
    GifByteType ext[4];
    size_t len = EGifGCBToExtension(&gcb, ext);
    /* GIF colour tables have 2^k entries, k >= 1; unused ones stay black. */
    GifColorType colors[GIF_PALETTE_MAX] = {{0, 0, 0}};
    int size = 2;
    while (size < g->pal.count)
        size *= 2;
    for (int i = 0; i < g->pal.count; i++)
        colors[i] = (GifColorType){(GifByteType)(g->pal.colors[i] >> 16),
                                   (GifByteType)(g->pal.colors[i] >> 8),
                                   (GifByteType)g->pal.colors[i]};
    ColorMapObject *map = GifMakeMapObject(size, colors);
    if (!map)
        return -1;
    int ok = EGifPutExtension(g->gif, GRAPHICS_EXT_FUNC_CODE, (int)len, ext) == GIF_OK &&
             EGifPutImageDesc(g->gif, x, y, w, h, false, map) == GIF_OK;
    GifFreeMapObject(map);
    for (int r = 0; ok && r < h; r++)
        ok = EGifPutLine(g->gif, g->idx + (size_t)r * (size_t)w, w) == GIF_OK;
    return ok ? 0 : -1;
}

int gif_writer_add(GifWriter *g, const uint32_t *pixels, int pitch, int delay_cs, Err *err)
{
    if (pitch < g->w * 4 || pitch % 4 != 0)
        return err_fail(err, TC_ERR_ARG, "%s: frame pitch %d, expected a multiple of 4 >= %d",
                        g->path, pitch, g->w * 4);
    if (delay_cs < 1 || delay_cs > 65535)
        return err_fail(err, TC_ERR_ARG, "%s: frame delay %d cs, expected 1..65535", g->path,
                        delay_cs);
    int pw = pitch / 4;
    int x = 0, y = 0, w = g->w, h = g->h;
    /* An unchanged frame still needs an image for its delay: one pixel. */
    if (g->frames > 0 && !changed_rect(g, pixels, pw, &x, &y, &w, &h))
        w = h = 1;
    /* Judge "common" on the whole frame: a theme colour that is rare in the
     * changed rectangle must still come out exact. */
    if (gif_palette_common(&g->pal, pixels, pw, g->w, g->h, err) != 0 ||
        gif_palette_build(&g->pal, pixels, pw, x, y, w, h, g->idx, err) != 0) {
        err_prefix(err, "%s: ", g->path);
        return -1;
    }
    if (put_image(g, x, y, w, h, delay_cs) != 0)
        return fail_gif(g, g->gif->Error, err);
    for (int r = 0; r < g->h; r++)
        memcpy(g->prev + (size_t)r * (size_t)g->w, pixels + (size_t)r * (size_t)pw,
               (size_t)g->w * sizeof *g->prev);
    g->frames++;
    return 0;
}

static void writer_free(GifWriter *g)
{
    gif_palette_free(&g->pal);
    free(g->prev);
    free(g->idx);
    free(g->path);
    free(g);
}

int gif_writer_finish(GifWriter *g, Err *err)
{
    if (g->frames == 0) {
        err_fail(err, TC_ERR_ARG, "%s: no frames to write", g->path);
        gif_writer_abort(g);
        return -1;
    }
    int code = 0;
    int closed = EGifCloseFile(g->gif, &code);
    g->gif = NULL;
    if (closed != GIF_OK || g->out.error) {
        fail_gif(g, code, err);
        gif_writer_abort(g);
        return -1;
    }
    atomic_write(&g->out, g->buf, g->used);
    g->opened = 0;
    int rc = atomic_commit(&g->out, err);
    writer_free(g);
    return rc;
}

void gif_writer_abort(GifWriter *g)
{
    if (!g)
        return;
    if (g->gif)
        EGifCloseFile(g->gif, NULL);
    if (g->opened)
        atomic_abort(&g->out);
    writer_free(g);
}
