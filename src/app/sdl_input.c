/* sdl_input.c - SDL events into UiInput. */
#include "app/sdl_input.h"

#include <string.h>

#include "ui/layout.h"

void sdl_input_init(SdlInput *si)
{
    memset(si, 0, sizeof *si);
    si->in.scale = 1.0f;
    si->in.mouse_x = si->in.mouse_y = -100; /* off screen until the mouse moves in */
    si->mouse_scale_x = si->mouse_scale_y = 1.0f;
}

void sdl_input_begin_frame(SdlInput *si)
{
    UiInput *in = &si->in;
    in->key_count = 0;
    in->text[0] = '\0';
    in->mouse_pressed = in->mouse_released = in->right_pressed = 0;
    in->wheel = in->wheel_mods = 0;
    in->dropped_file = NULL;
    sdl_input_free(si); /* the scene has used last frame's paste */
    si->resized = si->reset_textures = 0;
}

void sdl_input_free(SdlInput *si)
{
    SDL_free(si->clip);
    si->clip = NULL;
    si->in.paste_text = NULL;
}

float sdl_input_text_scale(int wh, int dh)
{
    if (wh <= 0 || dh <= 0)
        return 1.0f;
    /* layout_text_px grows text with the drawable's height (>= 18 px); at
     * 2x the drawable is twice as tall but its pixels are half the size,
     * so ask for what a 1x window of wh points gets, times the ratio. */
    float want = (float)dh / (float)wh * (float)layout_text_px(wh, 1.0f);
    return want / (float)layout_text_px(dh, 1.0f);
}

static int ui_mods(Uint16 m)
{
    return ((m & KMOD_SHIFT) ? MOD_SHIFT : 0) | ((m & KMOD_CTRL) ? MOD_CTRL : 0) |
           ((m & KMOD_ALT) ? MOD_ALT : 0);
}

int sdl_input_key(SDL_Keycode sym, Uint16 sdl_mods, UiKeyPress *out)
{
    static const struct {
        SDL_Keycode sym;
        UiKeyCode code;
        int ch;
    } named[] = {
        {SDLK_SPACE, KEY_SPACE, 0},        {SDLK_LEFT, KEY_LEFT, 0},
        {SDLK_RIGHT, KEY_RIGHT, 0},        {SDLK_UP, KEY_UP, 0},
        {SDLK_DOWN, KEY_DOWN, 0},          {SDLK_HOME, KEY_HOME, 0},
        {SDLK_END, KEY_END, 0},            {SDLK_PAGEUP, KEY_PAGEUP, 0},
        {SDLK_PAGEDOWN, KEY_PAGEDOWN, 0},  {SDLK_RETURN, KEY_RETURN, 0},
        {SDLK_KP_ENTER, KEY_RETURN, 0},    {SDLK_ESCAPE, KEY_ESCAPE, 0},
        {SDLK_BACKSPACE, KEY_BACKSPACE, 0}, {SDLK_TAB, KEY_TAB, 0},
        {SDLK_DELETE, KEY_DELETE, 0},      {SDLK_F1, KEY_F1, 0},
        {SDLK_F5, KEY_F5, 0},            {SDLK_F11, KEY_F11, 0},            {SDLK_F12, KEY_F12, 0},
        /* the keypad types what its keys say */
        {SDLK_KP_PLUS, KEY_CHAR, '+'},     {SDLK_KP_MINUS, KEY_CHAR, '-'},
        {SDLK_KP_PERIOD, KEY_CHAR, '.'},   {SDLK_KP_DIVIDE, KEY_CHAR, '/'},
        {SDLK_KP_MULTIPLY, KEY_CHAR, '*'}, {SDLK_KP_0, KEY_CHAR, '0'},
        {SDLK_KP_1, KEY_CHAR, '1'},        {SDLK_KP_2, KEY_CHAR, '2'},
        {SDLK_KP_3, KEY_CHAR, '3'},        {SDLK_KP_4, KEY_CHAR, '4'},
        {SDLK_KP_5, KEY_CHAR, '5'},        {SDLK_KP_6, KEY_CHAR, '6'},
        {SDLK_KP_7, KEY_CHAR, '7'},        {SDLK_KP_8, KEY_CHAR, '8'},
        {SDLK_KP_9, KEY_CHAR, '9'},
    };
    memset(out, 0, sizeof *out);
    out->mods = ui_mods(sdl_mods);
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
        if (named[i].sym == sym) {
            out->code = named[i].code;
            out->ch = named[i].ch;
            return 1;
        }
    /* SDL keycodes of printable keys are the character the key types
     * without Shift in the current layout, letters lower case: exactly
     * the ui's convention. */
    if (sym > ' ' && sym < 127) {
        out->code = KEY_CHAR;
        out->ch = (int)sym;
        return 1;
    }
    return 0;
}

static void append_text(UiInput *in, const char *t)
{
    size_t have = strlen(in->text), add = strlen(t);
    if (have + add < sizeof in->text) /* a frame's worth of typing always fits */
        memcpy(in->text + have, t, add + 1);
}

static void mouse_at(SdlInput *si, int x, int y)
{
    si->in.mouse_x = (int)((float)x * si->mouse_scale_x);
    si->in.mouse_y = (int)((float)y * si->mouse_scale_y);
}

static int window_event(SdlInput *si, const SDL_WindowEvent *w)
{
    switch (w->event) {
    case SDL_WINDOWEVENT_SIZE_CHANGED:
    case SDL_WINDOWEVENT_RESIZED:
        si->resized = 1;
        return 1;
    case SDL_WINDOWEVENT_LEAVE: /* no hover while the pointer is elsewhere */
        si->in.mouse_x = si->in.mouse_y = -100;
        return 1;
    case SDL_WINDOWEVENT_CLOSE:
        si->quit = 1;
        return 1;
    case SDL_WINDOWEVENT_EXPOSED:
    case SDL_WINDOWEVENT_SHOWN:
    case SDL_WINDOWEVENT_RESTORED:
    case SDL_WINDOWEVENT_MAXIMIZED:
    case SDL_WINDOWEVENT_DISPLAY_CHANGED:
        si->resized = 1; /* the drawable or the DPI may have changed too */
        return 1;
    default:
        return 0;
    }
}

int sdl_input_event(SdlInput *si, const SDL_Event *e)
{
    UiInput *in = &si->in;
    switch (e->type) {
    case SDL_QUIT:
        si->quit = 1;
        return 1;
    case SDL_WINDOWEVENT:
        return window_event(si, &e->window);
    case SDL_KEYDOWN: {
        UiKeyPress k;
        if (!sdl_input_key(e->key.keysym.sym, e->key.keysym.mod, &k))
            return 0;
        if (in->key_count < UI_MAX_KEYS)
            in->keys[in->key_count++] = k;
        /* Ctrl+V: the scene pastes text, so read the clipboard now (SDL
         * returns "" when it holds none); freed at the next frame. */
        if (k.code == KEY_CHAR && k.ch == 'v' && (k.mods & MOD_CTRL) && !si->clip) {
            si->clip = SDL_GetClipboardText();
            in->paste_text = si->clip;
        }
        return 1;
    }
    case SDL_TEXTINPUT:
        append_text(in, e->text.text);
        return 1;
    case SDL_MOUSEMOTION:
        mouse_at(si, e->motion.x, e->motion.y);
        return 1;
    case SDL_MOUSEBUTTONDOWN:
        mouse_at(si, e->button.x, e->button.y);
        if (e->button.button == SDL_BUTTON_LEFT) {
            in->mouse_down = 1;
            in->mouse_pressed = 1;
        } else if (e->button.button == SDL_BUTTON_RIGHT) {
            in->right_pressed = 1;
        }
        return 1;
    case SDL_MOUSEBUTTONUP:
        mouse_at(si, e->button.x, e->button.y);
        if (e->button.button == SDL_BUTTON_LEFT) {
            in->mouse_down = 0;
            in->mouse_released = 1;
        }
        return 1;
    case SDL_MOUSEWHEEL: {
        int flip = e->wheel.direction == SDL_MOUSEWHEEL_FLIPPED ? -1 : 1;
        int mods = ui_mods((Uint16)SDL_GetModState());
        if (e->wheel.y != 0) {
            in->wheel += e->wheel.y * flip;
        } else if (e->wheel.x != 0) { /* a sideways wheel pans sideways: as Shift+wheel */
            in->wheel -= e->wheel.x * flip;
            mods |= MOD_SHIFT;
        }
        in->wheel_mods = mods;
        return 1;
    }
    case SDL_DROPFILE:
        if (e->drop.file) {
            SDL_strlcpy(si->drop, e->drop.file, sizeof si->drop);
            in->dropped_file = si->drop;
        }
        return 1;
    case SDL_RENDER_TARGETS_RESET:
    case SDL_RENDER_DEVICE_RESET:
        si->reset_textures = 1;
        return 1;
    default:
        return 0;
    }
}
