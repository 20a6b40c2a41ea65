/* fullscreen.h - f / F11: fullscreen and back, also where no window manager
 * carries out SDL's fullscreen request.
 *
 *     Fullscreen fs = {0};
 *     if (fullscreen_toggle(&fs, win, &err) != 0) ... show err.msg
 */
#ifndef TCVIZ_FULLSCREEN_H
#define TCVIZ_FULLSCREEN_H

#include <SDL.h>

#include "core/status.h"

typedef struct {
    int covering;  /* the window was moved and sized over its display */
    SDL_Rect saved; /* its place before, to go back to */
} Fullscreen;

/* Desktop fullscreen through the window manager; on an X server without
 * one (Xvfb, a bare kiosk X), where SDL would report the display's size
 * while the window keeps its own, a borderless window moved and sized over
 * the display instead, so the drawable SDL reports is the real one. */
int fullscreen_toggle(Fullscreen *fs, SDL_Window *win, Err *err);

#endif
