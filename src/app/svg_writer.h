/* svg_writer.h - a ui DrawList as an SVG picture (vector, text as text).
 *
 * The same command list render.c replays with SDL becomes SVG elements:
 * fills and outlines <rect>, lines <line>, every DRAW_TEXT a <text> in the
 * theme's colour (font-family DejaVu Sans Mono, then any monospace), clip
 * rectangles <clipPath> groups. Text sits on the baseline the renderer
 * uses, so the SVG and the PNG of one frame put each label in the same
 * place. No SDL here: only the list is read.
 *
 *     SvgOptions o = {.baseline = render_baseline, .measure = render_measure, .user = renderer};
 *     if (svg_save("frame.svg", &dl, 1600, 900, &o, &err) != 0) ...
 */
#ifndef TCVIZ_SVG_WRITER_H
#define TCVIZ_SVG_WRITER_H

#include <stdio.h>

#include "core/status.h"
#include "ui/draw.h"

typedef struct {
    /* px from a DRAW_TEXT's y down to its baseline at a font size, as the
     * renderer places it; NULL: DejaVu Sans Mono's metrics. */
    int (*baseline)(void *user, int size_px);
    /* The width the ui laid each text out with (render_measure: whole-pixel
     * advances); the SVG spaces its letters to match it. NULL: the font's
     * own advances. */
    TextMeasureFn measure;
    void *user; /* for both */
    /* The part of the list the picture shows (its viewBox); w == 0: the
     * whole width x height. */
    Rect crop;
} SvgOptions;

/* Write the picture of dl (a width x height frame) to out; -1 when the
 * stream failed (ferror). opts may be NULL. */
int svg_write(FILE *out, const DrawList *dl, int width, int height, const SvgOptions *opts);

/* svg_write into path atomically (a temp file beside it, renamed over it);
 * on failure path is untouched and err names it. */
int svg_save(const char *path, const DrawList *dl, int width, int height,
             const SvgOptions *opts, Err *err);

#endif
