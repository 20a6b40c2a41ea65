/* text_fit.c - text in the scene's font: its width, greedy word wrap into
 * a box (drawn, or only counted to size the box), and a number as a grid
 * cell first tries to hold it. Without a font (the tests' measure is a
 * fixed pitch) a width estimate of 0.6 em a byte. */
#include "ui/text.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

int format_cell_number(char *buf, size_t cap, double v)
{
    if (cap == 0)
        return 0;
    if (isnan(v))
        return snprintf(buf, cap, "nan");
    if (isinf(v))
        return snprintf(buf, cap, v < 0 ? "-inf" : "inf");
    int n = snprintf(buf, cap, "%.3g", v);
    /* -0.0 (e.g. 0 * -1) would print as "-0". */
    if (strcmp(buf, "-0") == 0)
        n = snprintf(buf, cap, "0");
    return n;
}

int scene_text_width(const Scene *s, int px, const char *t)
{
    return s->measure ? s->measure(s->measure_user, px, t) : (int)strlen(t) * px * 6 / 10;
}

/* Greedy word wrap of t into r; returns the lines drawn. */
int scene_wrap_text(const Scene *s, DrawList *dl, Rect r, int px, Color c, const char *t)
{
    char line[ERR_MSG_MAX];
    int lines = 0, lh = px * 5 / 4;
    while (*t && (lines + 1) * lh <= r.h) {
        size_t fit = 0, n = 0;
        for (;;) {
            size_t end = n;
            while (t[end] && t[end] != ' ')
                end++;
            if (end >= sizeof line)
                break;
            memcpy(line, t, end);
            line[end] = '\0';
            if (fit && scene_text_width(s, px, line) > r.w)
                break;
            fit = end; /* the first word always goes on the line */
            if (!t[end])
                break;
            n = end + 1;
        }
        if (!fit)
            fit = strlen(t) < sizeof line - 1 ? strlen(t) : sizeof line - 1;
        memcpy(line, t, fit);
        line[fit] = '\0';
        /* A word wider than the box (a path, a long number list) breaks
         * between characters instead of running past the edge. */
        while (fit > 1 && scene_text_width(s, px, line) > r.w) {
            do
                fit--;
            while (fit > 1 && ((unsigned char)t[fit] & 0xC0) == 0x80);
            line[fit] = '\0';
        }
        if (dl)
            draw_text(dl, r.x, r.y + lines * lh, px, c, ALIGN_LEFT, line);
        lines++;
        t += fit;
        while (*t == ' ')
            t++;
    }
    return lines;
}

