/* svg_writer.c - replay a DrawList as SVG elements.
 *
 * Each command maps to the element that draws the same pixels as render.c:
 * a frame of thickness t is a stroke of width t centred t/2 inside its
 * rect, an axis-aligned line is the strip render.c fills (t px across,
 * one px longer than the segment), text is anchored where render.c aligns
 * it (left edge, centre or right edge of its box) on the renderer's
 * baseline, its letters spaced so it is as wide as the ui measured it
 * (the renderer's advances are whole pixels, a vector font's are not: a
 * label that fits its box in the PNG fits it in the SVG). Coordinates are
 * whole or half pixels, so rectangles land on the pixel grid as in the PNG.
 * The file lives in the app because it reads the ui's list (io sits below
 * ui), yet it needs no SDL. */
#include "app/svg_writer.h"

#include <stdlib.h>
#include <string.h>

#include "io/atomic_file.h"

/* DejaVu Sans Mono's advance: 1233 of 2048 units per em. */
#define ADVANCE_EM (1233.0 / 2048.0)

/* DejaVu Sans Mono's line box (ascent 1901, descent 483 per 2048 units),
 * centred on the size_px box as render.c centres the font's line box. */
static int dejavu_baseline(void *user, int size_px)
{
    (void)user;
    int height = (size_px * 2384 + 1024) / 2048, ascent = (size_px * 1901 + 1024) / 2048;
    return (size_px - height) / 2 + ascent;
}

static void put_color(FILE *out, const char *what, Color c)
{
    fprintf(out, " %s=\"#%02x%02x%02x\"", what, c.r, c.g, c.b);
    if (c.a != 255)
        fprintf(out, " %s-opacity=\"%.3g\"", what, c.a / 255.0);
}

/* twice / 2 written exactly: "12" or "-12.5". */
static void put_half(FILE *out, const char *name, long twice)
{
    if (twice % 2 == 0)
        fprintf(out, " %s=\"%ld\"", name, twice / 2);
    else
        fprintf(out, " %s=\"%s%ld.5\"", name, twice < 0 ? "-" : "", labs(twice) / 2);
}

static void rect_el(FILE *out, int x, int y, int w, int h, Color c)
{
    if (w <= 0 || h <= 0 || c.a == 0)
        return;
    fprintf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"", x, y, w, h);
    put_color(out, "fill", c);
    fputs("/>\n", out);
}

static void frame_el(FILE *out, Rect q, Color c, int t)
{
    if (2 * t >= q.w || 2 * t >= q.h) { /* thick enough to be solid, as render.c draws it */
        rect_el(out, q.x, q.y, q.w, q.h, c);
        return;
    }
    fputs("<rect", out);
    put_half(out, "x", 2L * q.x + t);
    put_half(out, "y", 2L * q.y + t);
    fprintf(out, " width=\"%d\" height=\"%d\" fill=\"none\" stroke-width=\"%d\"", q.w - t,
            q.h - t, t);
    put_color(out, "stroke", c);
    fputs("/>\n", out);
}

static void line_el(FILE *out, Rect q, Color c, int t)
{
    long x0 = q.x, y0 = q.y, x1 = q.x + q.w, y1 = q.y + q.h;
    long tx0 = 2 * x0, ty0 = 2 * y0, tx1 = 2 * x1, ty1 = 2 * y1; /* doubled */
    if (y0 == y1) { /* render.c's strip: rows y0 - t/2 .. +t, columns lo .. hi + 1 */
        long lo = x0 < x1 ? x0 : x1, hi = x0 < x1 ? x1 : x0;
        tx0 = 2 * lo;
        tx1 = 2 * (hi + 1);
        ty0 = ty1 = 2 * (y0 - t / 2) + t;
    } else if (x0 == x1) {
        long lo = y0 < y1 ? y0 : y1, hi = y0 < y1 ? y1 : y0;
        ty0 = 2 * lo;
        ty1 = 2 * (hi + 1);
        tx0 = tx1 = 2 * (x0 - t / 2) + t;
    } else { /* render.c samples a quad at pixel centres */
        tx0++, ty0++, tx1++, ty1++;
    }
    fputs("<line", out);
    put_half(out, "x1", tx0);
    put_half(out, "y1", ty0);
    put_half(out, "x2", tx1);
    put_half(out, "y2", ty1);
    fprintf(out, " stroke-width=\"%d\"", t);
    put_color(out, "stroke", c);
    fputs("/>\n", out);
}

/* UTF-8 text as XML character data: markup characters escaped, control
 * characters (not allowed in XML 1.0) dropped. */
static void put_escaped(FILE *out, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        default:
            if (*p >= 0x20 || *p == '\t')
                fputc(*p, out);
        }
    }
}

static void text_el(FILE *out, const DrawCmd *cmd, const char *s, const SvgOptions *o)
{
    int base = o && o->baseline ? o->baseline(o->user, cmd->size_px)
                                : dejavu_baseline(NULL, cmd->size_px);
    long tx = 2L * cmd->rect.x; /* doubled, for the centre of an odd box */
    const char *anchor = NULL;
    if (cmd->align == ALIGN_CENTER) {
        tx += cmd->rect.w;
        anchor = "middle";
    } else if (cmd->align == ALIGN_RIGHT) {
        tx += 2L * cmd->rect.w;
        anchor = "end";
    }
    fputs("<text", out);
    put_half(out, "x", tx);
    fprintf(out, " y=\"%d\" font-size=\"%d\"", cmd->rect.y + base, cmd->size_px);
    if (anchor)
        fprintf(out, " text-anchor=\"%s\"", anchor);
    if (o && o->measure) {
        int chars = 0;
        for (const unsigned char *p = (const unsigned char *)s; *p; p++)
            chars += (*p & 0xC0) != 0x80;
        double natural = chars * ADVANCE_EM * cmd->size_px;
        double spacing = chars ? (o->measure(o->user, cmd->size_px, s) - natural) / chars : 0.0;
        if (spacing > 0.005 || spacing < -0.005)
            fprintf(out, " letter-spacing=\"%.2f\"", spacing);
    }
    put_color(out, "fill", cmd->color);
    fputc('>', out);
    put_escaped(out, s);
    fputs("</text>\n", out);
}

int svg_write(FILE *out, const DrawList *dl, int width, int height, const SvgOptions *opts)
{
    Rect crop = opts && opts->crop.w > 0 ? opts->crop : (Rect){0, 0, width, height};
    fprintf(out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%d\" "
            "height=\"%d\" viewBox=\"%d %d %d %d\">\n"
            "<g font-family=\"'DejaVu Sans Mono', monospace\" xml:space=\"preserve\">\n",
            crop.w, crop.h, crop.x, crop.y, crop.w, crop.h);
    int clips = 0, clipped = 0;
    for (int i = 0; i < dl->count; i++) {
        const DrawCmd *cmd = &dl->cmds[i];
        switch (cmd->kind) {
        case DRAW_RECT:
            rect_el(out, cmd->rect.x, cmd->rect.y, cmd->rect.w, cmd->rect.h, cmd->color);
            break;
        case DRAW_FRAME:
            if (cmd->thickness > 0 && cmd->color.a > 0)
                frame_el(out, cmd->rect, cmd->color, cmd->thickness);
            break;
        case DRAW_LINE:
            if (cmd->thickness > 0 && cmd->color.a > 0)
                line_el(out, cmd->rect, cmd->color, cmd->thickness);
            break;
        case DRAW_TEXT:
            if (cmd->color.a > 0 && cmd->size_px > 0)
                text_el(out, cmd, draw_cmd_text(dl, cmd), opts);
            break;
        case DRAW_CLIP: {
            if (clipped)
                fputs("</g>\n", out);
            Rect q = cmd->rect;
            clipped = q.w > 0 && q.h > 0;
            if (clipped)
                fprintf(out,
                        "<clipPath id=\"c%d\"><rect x=\"%d\" y=\"%d\" width=\"%d\" "
                        "height=\"%d\"/></clipPath>\n<g clip-path=\"url(#c%d)\">\n",
                        clips, q.x, q.y, q.w, q.h, clips);
            clips += clipped;
            break;
        }
        }
    }
    if (clipped)
        fputs("</g>\n", out);
    fputs("</g>\n</svg>\n", out);
    return ferror(out) ? -1 : 0;
}

int svg_save(const char *path, const DrawList *dl, int width, int height,
             const SvgOptions *opts, Err *err)
{
    /* the document in memory, then one checked atomic write */
    char *buf = NULL;
    size_t n = 0;
    FILE *out = open_memstream(&buf, &n);
    if (!out)
        return err_fail(err, TC_ERR_NOMEM, "%s: out of memory", path);
    int rc = svg_write(out, dl, width, height, opts);
    if (fclose(out) != 0 || rc != 0) {
        free(buf);
        return err_fail(err, TC_ERR_NOMEM, "%s: out of memory", path);
    }
    AtomicFile f;
    rc = atomic_open(&f, path, ATOMIC_REPLACE, err);
    if (rc == 0) {
        atomic_write(&f, buf, n);
        rc = atomic_commit(&f, err);
    }
    free(buf);
    return rc;
}
