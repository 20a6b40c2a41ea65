/* font.h - find the monospace font the app draws with.
 *
 * tcviz's own assets/fonts/DejaVuSansMono.ttf (installed beside the binary,
 * or the source tree's); without it, the system's through fontconfig
 * (DejaVu Sans Mono when installed, else the best monospace match); --font
 * overrides both. */
#ifndef TCVIZ_FONT_H
#define TCVIZ_FONT_H

#include <stddef.h>

#include "core/status.h"

/* override: a path from --font (checked to exist and be readable), or NULL
 * for tcviz's own font, else fontconfig's. Writes the file path to out. On failure err says what
 * was looked for and how to fix it (install fonts-dejavu-core or pass --font). */
int font_find(const char *override, char *out, size_t cap, Err *err);

/* Release fontconfig's caches (FcFini) at exit, if font_find loaded them. */
void font_release(void);

#endif
