/* gif_decode.h - read an animated GIF back the way a viewer shows it.
 *
 * DGifSlurp, then each image drawn over the previous canvas ("do not
 * dispose", what tcviz writes), giving one full RGB canvas per frame, plus
 * each frame's delay and the NETSCAPE2.0 loop count. Header-only, for the
 * GIF tests (include after cmocka.h). */
#ifndef TCVIZ_TEST_GIF_DECODE_H
#define TCVIZ_TEST_GIF_DECODE_H

#include <gif_lib.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define DECODE_MAX_FRAMES 256

/* Decoded animation: one composited RGB canvas per frame. */
typedef struct {
    int frames, w, h;
    uint32_t *canvas; /* frames * w * h words 0xRRGGBB */
    int delay[DECODE_MAX_FRAMES];
    int loops;        /* NETSCAPE2.0 extension seen, with loop count 0 */
} Decoded;

static void gif_decode(const char *path, Decoded *d)
{
    int code = 0;
    GifFileType *gif = DGifOpenFileName(path, &code);
    assert_non_null(gif);
    assert_int_equal(DGifSlurp(gif), GIF_OK);
    d->frames = gif->ImageCount;
    d->w = gif->SWidth;
    d->h = gif->SHeight;
    assert_true(d->frames >= 1 && d->frames <= DECODE_MAX_FRAMES);
    d->canvas = calloc((size_t)d->frames * (size_t)d->w * (size_t)d->h, sizeof *d->canvas);
    assert_non_null(d->canvas);
    d->loops = 0;
    for (int i = 0; i < d->frames; i++) {
        SavedImage *im = &gif->SavedImages[i];
        for (int e = 0; e + 1 < im->ExtensionBlockCount; e++) {
            ExtensionBlock *b = &im->ExtensionBlocks[e];
            if (b->Function == APPLICATION_EXT_FUNC_CODE && b->ByteCount == 11 &&
                memcmp(b->Bytes, "NETSCAPE2.0", 11) == 0) {
                ExtensionBlock *sub = &im->ExtensionBlocks[e + 1];
                assert_int_equal(sub->ByteCount, 3);
                assert_int_equal(sub->Bytes[0], 1);
                d->loops = 1 + sub->Bytes[1] + 256 * sub->Bytes[2];
            }
        }
        GraphicsControlBlock gcb;
        assert_int_equal(DGifSavedExtensionToGCB(gif, i, &gcb), GIF_OK);
        assert_int_equal(gcb.DisposalMode, DISPOSE_DO_NOT);
        assert_int_equal(gcb.TransparentColor, NO_TRANSPARENT_COLOR);
        d->delay[i] = gcb.DelayTime;
        uint32_t *cv = d->canvas + (size_t)i * (size_t)(d->w * d->h);
        if (i > 0)
            memcpy(cv, cv - d->w * d->h, (size_t)(d->w * d->h) * sizeof *cv);
        const GifImageDesc *id = &im->ImageDesc;
        const ColorMapObject *map = id->ColorMap ? id->ColorMap : gif->SColorMap;
        assert_non_null(map);
        assert_true(id->Left + id->Width <= d->w && id->Top + id->Height <= d->h);
        for (int y = 0; y < id->Height; y++)
            for (int x = 0; x < id->Width; x++) {
                int k = im->RasterBits[y * id->Width + x];
                assert_true(k < map->ColorCount);
                GifColorType c = map->Colors[k];
                cv[(id->Top + y) * d->w + id->Left + x] =
                    (uint32_t)c.Red << 16 | (uint32_t)c.Green << 8 | c.Blue;
            }
    }
    assert_int_equal(DGifCloseFile(gif, &code), GIF_OK);
}

#endif
