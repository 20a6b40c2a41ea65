/* sdl_input.h - SDL events into the ui's per-frame UiInput.
 *
 * The ui speaks its own key codes (ui/input.h): letters lower case with
 * MOD_SHIFT, KEY_CHAR with the unshifted character, mouse in drawable pixels
 * (so HiDPI windows hit-test right). One SdlInput lives as long as the window.
 *
 *     SdlInput si;
 *     sdl_input_init(&si);
 *     sdl_input_begin_frame(&si);                  // clears per-frame fields
 *     while (SDL_PollEvent(&e)) sdl_input_event(&si, &e);
 *     scene_handle_input(scene, &si.in);
 */
#ifndef TCVIZ_SDL_INPUT_H
#define TCVIZ_SDL_INPUT_H

#include <SDL.h>

#include "ui/input.h"

typedef struct {
    UiInput in;
    float mouse_scale_x, mouse_scale_y; /* drawable px per window coordinate */
    int quit;                           /* the window was closed */
    int resized;                        /* window or drawable size changed */
    int reset_textures;                 /* the renderer lost its textures */
    char drop[4096];                    /* storage for in.dropped_file */
    char *clip;                         /* SDL_GetClipboardText for in.paste_text */
} SdlInput;

void sdl_input_init(SdlInput *si);
/* Forget the previous frame's keys, text, clicks, wheel and drop. */
void sdl_input_begin_frame(SdlInput *si);
/* Release what the last frame still holds (the pasted text). */
void sdl_input_free(SdlInput *si);
/* Fold one event in; returns 1 if it can change what is drawn. */
int sdl_input_event(SdlInput *si, const SDL_Event *e);

/* UiInput.scale for a window wh points tall whose drawable is dh pixels
 * tall: on a HiDPI screen (dh > wh) text gets as many physical pixels per
 * point as the screen has, so it looks the size it would at 1x. */
float sdl_input_text_scale(int wh, int dh);

/* The ui key for an SDL key, or 0 (KEY_NONE) for keys the ui ignores. */
int sdl_input_key(SDL_Keycode sym, Uint16 sdl_mods, UiKeyPress *out);

#endif
