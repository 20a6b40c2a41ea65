/* theme.h - palettes and the value colormap.
 *
 *     const Theme *th = theme_get(THEME_DARK);
 *     Color c = theme_value_color(th, -0.5f, 2.0f);   // a light blue
 *     draw_text(dl, x, y, px, theme_text_on(th, c), ALIGN_LEFT, "-0.5");
 */
#ifndef TCVIZ_THEME_H
#define TCVIZ_THEME_H

#include <stddef.h>

#include "ui/draw.h"
#include "ui/scene.h"

typedef struct {
    const char *name;
    Color bg, panel, border, text, text_dim, title, grid_line;
    Color cell_empty;    /* a cell with no value yet (unfilled output) */
    Color cropped;       /* overlay on canvas cells the padding crops away */
    Color extended;      /* rows/cols appended past the canvas (negative crop) */
    Color inserted_zero; /* zeros inserted between input elements */
    Color pad_ring;      /* the conv2d-equivalent's padding */
    Color highlight;     /* the current input element / output cell */
    Color footprint;     /* where the current element lands */
    Color window;        /* the sliding stride-1 window */
    Color link;          /* hover / pin linking */
    Color lesson;        /* the lesson step's highlighted cells (and what they link to) */
    Color overlap;       /* cells hit by more than one product */
    Color crop_frame;    /* the crop window's outline */
    Color check, error;
    Color rounded;       /* the corner mark of a number shown rounded to fit */
    Color button, button_hot, button_on, button_text;
    Color tooltip_bg, tooltip_text;
    Color shade;         /* translucent overlay behind the help */
    Color neg, mid, pos; /* the diverging value map: -max, 0, +max */
    float text_scale;    /* text size relative to the window's (0 = 1) */
} Theme;

const Theme *theme_get(ThemeKind kind);
const char *theme_name(ThemeKind kind);

/* Colour of v on the diverging map centred on zero, scaled so |v| = vmax is
 * the end colour (vmax <= 0: everything is the centre). Blue for negative,
 * orange for positive: distinguishable with every common colour-vision
 * deficiency, and the lightness alone still orders |v|. */
Color theme_value_color(const Theme *t, float v, float vmax);

/* Black or white, whichever reads better on bg. */
Color theme_text_on(const Theme *t, Color bg);
/* WCAG 2 relative luminance (0..1) and contrast ratio (1..21) of two colours. */
float color_luminance(Color c);
float color_contrast(Color a, Color b);

/* c with alpha a. */
Color color_alpha(Color c, unsigned char a);
/* Linear mix of a and b, f in [0, 1]. */
Color color_mix(Color a, Color b, float f);

#endif
