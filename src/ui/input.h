/* input.h - one frame's input, translated from SDL events by src/app.
 *
 * The ui never sees SDL: the app fills a UiInput per frame (keys pressed this
 * frame, mouse state, typed text, a dropped file) and hands it to the scene. */
#ifndef TCVIZ_INPUT_H
#define TCVIZ_INPUT_H

typedef enum {
    KEY_NONE = 0,
    KEY_SPACE, KEY_LEFT, KEY_RIGHT, KEY_UP, KEY_DOWN, KEY_HOME, KEY_END,
    KEY_PAGEUP, KEY_PAGEDOWN, KEY_RETURN, KEY_ESCAPE, KEY_BACKSPACE, KEY_TAB, KEY_DELETE,
    KEY_F1, KEY_F5, KEY_F11, KEY_F12,
    KEY_CHAR          /* a printable key: UiKeyPress.ch holds it ('a', '?', '[', '+', ...) */
} UiKeyCode;

enum { MOD_SHIFT = 1, MOD_CTRL = 2, MOD_ALT = 4 };

typedef struct {
    UiKeyCode code;
    int ch;           /* KEY_CHAR: the unshifted ASCII character, lower case for letters */
    int mods;         /* MOD_* */
} UiKeyPress;

#define UI_MAX_KEYS 32
#define UI_TEXT_MAX 64

typedef struct {
    int width, height;        /* window size in pixels (drawable) */
    float scale;              /* HiDPI / user zoom of text and widgets; 1 = 1080p baseline */
    int mouse_x, mouse_y;
    int mouse_down;           /* left button held */
    int mouse_pressed;        /* left button went down this frame */
    int mouse_released;
    int right_pressed;
    int wheel;                /* wheel clicks this frame (+ up) */
    int wheel_mods;           /* MOD_* held during the wheel */
    UiKeyPress keys[UI_MAX_KEYS];
    int key_count;
    char text[UI_TEXT_MAX];   /* UTF-8 typed this frame (SDL_TEXTINPUT) */
    const char *dropped_file; /* path dropped on the window this frame, or NULL */
    /* Ctrl+V this frame: the clipboard's UTF-8 text (owned by the app until
     * the next frame), or NULL. */
    const char *paste_text;
} UiInput;

#endif
