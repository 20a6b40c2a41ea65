/* theme.c - three palettes and the value colormap.
 *
 * The colormap is the blue-white-orange diverging scheme (ColorBrewer PuOr /
 * RdBu family): zero is the neutral centre, the sign is the hue, the
 * magnitude is the distance from the centre. The centre follows the theme
 * (near-white on light, near-black on dark) so zero cells read as "empty".
 * The projector theme maximises contrast: black text on white, saturated
 * ends, thick-looking accents. */
#include "ui/theme.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define RGB(r, g, b)                                                                               \
    {                                                                                              \
        r, g, b, 255                                                                               \
    }
#define RGBA(r, g, b, a)                                                                           \
    {                                                                                              \
        r, g, b, a                                                                                 \
    }

/* clang-format off */
static const Theme themes[THEME_COUNT] = {
    [THEME_LIGHT] = {
        .name = "light",
        .bg = RGB(246, 246, 243), .panel = RGB(234, 234, 230), .border = RGB(190, 190, 184),
        .text = RGB(28, 28, 30), .text_dim = RGB(110, 110, 114), .title = RGB(10, 10, 12),
        .grid_line = RGB(170, 170, 166), .cell_empty = RGB(252, 252, 250),
        .cropped = RGBA(120, 120, 120, 150), .extended = RGB(214, 226, 214),
        .inserted_zero = RGB(226, 226, 232), .pad_ring = RGB(206, 200, 186),
        .highlight = RGB(200, 30, 120), .footprint = RGB(200, 30, 120),
        .window = RGB(0, 130, 90), .link = RGB(120, 60, 200), .lesson = RGB(185, 135, 0),
        .overlap = RGB(60, 60, 60),
        .crop_frame = RGB(20, 20, 20), .check = RGB(0, 140, 70), .error = RGB(190, 20, 20),
        .rounded = RGB(45, 45, 45),
        .button = RGB(220, 220, 214), .button_hot = RGB(204, 204, 198),
        .button_on = RGB(60, 90, 160), .button_text = RGB(20, 20, 22),
        .tooltip_bg = RGBA(30, 30, 34, 235), .tooltip_text = RGB(250, 250, 250),
        .shade = RGBA(0, 0, 0, 150),
        .neg = RGB(5, 113, 176), .mid = RGB(250, 250, 248), .pos = RGB(230, 97, 1),
    },
    [THEME_DARK] = {
        .name = "dark",
        .bg = RGB(24, 25, 28), .panel = RGB(34, 35, 40), .border = RGB(70, 72, 80),
        .text = RGB(225, 225, 228), .text_dim = RGB(150, 150, 158), .title = RGB(245, 245, 248),
        .grid_line = RGB(72, 74, 82), .cell_empty = RGB(30, 31, 35),
        .cropped = RGBA(0, 0, 0, 160), .extended = RGB(38, 58, 44),
        .inserted_zero = RGB(52, 58, 84), .pad_ring = RGB(98, 82, 46),
        .highlight = RGB(255, 80, 170), .footprint = RGB(255, 80, 170),
        .window = RGB(60, 220, 150), .link = RGB(180, 140, 255), .lesson = RGB(255, 205, 60),
        .overlap = RGB(210, 210, 210),
        .crop_frame = RGB(240, 240, 240), .check = RGB(70, 220, 120), .error = RGB(255, 100, 100),
        .rounded = RGB(230, 230, 230),
        .button = RGB(52, 54, 62), .button_hot = RGB(68, 70, 80),
        .button_on = RGB(70, 110, 200), .button_text = RGB(235, 235, 238),
        .tooltip_bg = RGBA(245, 245, 240, 240), .tooltip_text = RGB(20, 20, 20),
        .shade = RGBA(0, 0, 0, 170),
        .neg = RGB(70, 150, 230), .mid = RGB(36, 37, 42), .pos = RGB(245, 130, 40),
    },
    [THEME_PROJECTOR] = {
        .name = "projector",
        .text_scale = 1.2f, /* read from the back of a room */
        .bg = RGB(255, 255, 255), .panel = RGB(240, 240, 240), .border = RGB(0, 0, 0),
        .text = RGB(0, 0, 0), .text_dim = RGB(60, 60, 60), .title = RGB(0, 0, 0),
        .grid_line = RGB(0, 0, 0), .cell_empty = RGB(255, 255, 255),
        .cropped = RGBA(60, 60, 60, 170), .extended = RGB(190, 230, 190),
        .inserted_zero = RGB(215, 215, 215), .pad_ring = RGB(175, 160, 120),
        .highlight = RGB(230, 0, 120), .footprint = RGB(230, 0, 120),
        .window = RGB(0, 150, 60), .link = RGB(110, 0, 220), .lesson = RGB(190, 130, 0),
        .overlap = RGB(0, 0, 0),
        .crop_frame = RGB(0, 0, 0), .check = RGB(0, 130, 0), .error = RGB(200, 0, 0),
        .rounded = RGB(30, 30, 30), /* not the black of grid lines: the legend tells them apart */
        .button = RGB(225, 225, 225), .button_hot = RGB(200, 200, 200),
        .button_on = RGB(0, 60, 170), .button_text = RGB(0, 0, 0),
        .tooltip_bg = RGBA(0, 0, 0, 245), .tooltip_text = RGB(255, 255, 255),
        .shade = RGBA(0, 0, 0, 190),
        .neg = RGB(0, 90, 200), .mid = RGB(255, 255, 255), .pos = RGB(230, 80, 0),
    },
};
/* clang-format on */

const Theme *theme_get(ThemeKind kind)
{
    if ((int)kind < 0 || kind >= THEME_COUNT)
        kind = THEME_LIGHT;
    return &themes[kind];
}

const char *theme_name(ThemeKind kind)
{
    return theme_get(kind)->name;
}

Color color_alpha(Color c, unsigned char a)
{
    c.a = a;
    return c;
}

static unsigned char lerp8(unsigned char a, unsigned char b, float f)
{
    return (unsigned char)lrintf((float)a + ((float)b - (float)a) * f);
}

Color color_mix(Color a, Color b, float f)
{
    if (!(f > 0.0f))
        f = 0.0f;
    if (f > 1.0f)
        f = 1.0f;
    return (Color){lerp8(a.r, b.r, f), lerp8(a.g, b.g, f), lerp8(a.b, b.b, f), lerp8(a.a, b.a, f)};
}

Color theme_value_color(const Theme *t, float v, float vmax)
{
    if (!(vmax > 0.0f) || !isfinite(v) || v == 0.0f)
        return t->mid;
    float f = fabsf(v) / vmax;
    if (f > 1.0f)
        f = 1.0f;
    /* sqrt keeps small values visibly tinted next to a large maximum. */
    return color_mix(t->mid, v < 0 ? t->neg : t->pos, sqrtf(f));
}

/* sRGB channel (0..255) to linear light, as WCAG 2 defines it. */
static float srgb_linear(unsigned char c)
{
    float v = (float)c / 255.0f;
    return v <= 0.04045f ? v / 12.92f : powf((v + 0.055f) / 1.055f, 2.4f);
}

float color_luminance(Color c)
{
    return 0.2126f * srgb_linear(c.r) + 0.7152f * srgb_linear(c.g) + 0.0722f * srgb_linear(c.b);
}

float color_contrast(Color a, Color b)
{
    float la = color_luminance(a), lb = color_luminance(b);
    return la > lb ? (la + 0.05f) / (lb + 0.05f) : (lb + 0.05f) / (la + 0.05f);
}

Color theme_text_on(const Theme *t, Color bg)
{
    (void)t;
    /* Black or white, whichever has the higher WCAG contrast ratio: one of
     * the two always reaches at least 4.58:1 on any opaque background (e.g.
     * black on the saturated orange end, ~6:1, where white had ~3.5:1). */
    Color black = {0, 0, 0, 255}, white = {255, 255, 255, 255};
    return color_contrast(black, bg) >= color_contrast(white, bg) ? black : white;
}
