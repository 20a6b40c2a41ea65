/* gif_writer.h - an animated, looping GIF written frame by frame (giflib).
 *
 *     GifWriter *g = gif_writer_open("out.gif", 800, 450, &err);
 *     for (...) if (gif_writer_add(g, pixels, pitch, 50, &err) != 0) { gif_writer_abort(g); ... }
 *     if (gif_writer_finish(g, &err) != 0) ...      // frees g either way
 *
 * Nothing appears at the path until gif_writer_finish succeeds: frames go to
 * a temporary file beside it, which is fsynced and renamed over the target;
 * any failure (or gif_writer_abort) removes the temporary file.
 *
 * Each frame gets its own palette (gif_palette.h: exact when it has <= 256
 * colours, theme colours always exact), and after the first frame only the
 * rectangle that changed is stored, so a timeline where one cell changes per
 * step stays small. Frames are words 0xAARRGGBB (SDL_PIXELFORMAT_ARGB8888);
 * alpha is ignored. No SDL here. */
#ifndef TCVIZ_GIF_WRITER_H
#define TCVIZ_GIF_WRITER_H

#include <stdint.h>

#include "core/status.h"

typedef struct GifWriter GifWriter;

/* width, height: 1 .. 65535. Fails naming the path (TC_ERR_IO, TC_ERR_ARG). */
GifWriter *gif_writer_open(const char *path, int width, int height, Err *err);

/* Append a frame of the writer's size; pitch in bytes; delay_cs in
 * hundredths of a second (1 .. 65535) that the frame stays on screen. */
int gif_writer_add(GifWriter *g, const uint32_t *pixels, int pitch, int delay_cs, Err *err);

/* Write the trailer and move the file into place. Frees g. At least one
 * frame must have been added. */
int gif_writer_finish(GifWriter *g, Err *err);

/* Give up: remove the temporary file and free g (NULL is fine). */
void gif_writer_abort(GifWriter *g);

#endif
