/* test_sdl_input.c - SDL events into UiInput: the key conventions of
 * ui/input.h (letters lower case + MOD_SHIFT, KEY_CHAR with the unshifted
 * character), mouse in drawable pixels, wheel with modifiers, typed text,
 * dropped files, quitting, per-frame reset, and the HiDPI text scale. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "app/sdl_input.h"
#include "ui/keys.h"
#include "ui/layout.h"

static UiKeyPress key(SDL_Keycode sym, Uint16 mods)
{
    UiKeyPress k;
    if (!sdl_input_key(sym, mods, &k))
        memset(&k, 0, sizeof k);
    return k;
}

static void test_keys_follow_the_ui_conventions(void **state)
{
    (void)state;
    UiKeyPress k = key(SDLK_s, KMOD_LSHIFT);
    assert_int_equal(k.code, KEY_CHAR);
    assert_int_equal(k.ch, 's');
    assert_int_equal(k.mods, MOD_SHIFT);
    assert_int_equal(keys_lookup(&k), ACT_STRIDE_DOWN);
    assert_int_equal(keys_lookup(&(UiKeyPress){KEY_CHAR, 's', 0}), ACT_STRIDE_UP);
    k = key(SDLK_q, KMOD_RCTRL);
    assert_int_equal(k.mods, MOD_CTRL);
    assert_int_equal(keys_lookup(&k), ACT_QUIT_CTRL);
    k = key(SDLK_SLASH, KMOD_SHIFT); /* '?' on a US keyboard */
    assert_int_equal(k.ch, '/');
    assert_int_equal(keys_lookup(&k), ACT_HELP);
    assert_int_equal(keys_lookup(&(UiKeyPress){key(SDLK_QUESTION, 0).code, '?', 0}), ACT_HELP);
    assert_int_equal(keys_lookup((UiKeyPress[]){key(SDLK_SPACE, 0)}), ACT_PLAY);
    assert_int_equal(keys_lookup((UiKeyPress[]){key(SDLK_RIGHT, 0)}), ACT_STEP_FORWARD);
    assert_int_equal(keys_lookup((UiKeyPress[]){key(SDLK_F12, 0)}), ACT_SCREENSHOT);
    assert_int_equal(keys_lookup((UiKeyPress[]){key(SDLK_F11, 0)}), ACT_FULLSCREEN);
    assert_int_equal(keys_lookup((UiKeyPress[]){key(SDLK_KP_PLUS, 0)}), ACT_ZOOM_IN);
    assert_int_equal(key(SDLK_KP_ENTER, 0).code, KEY_RETURN);
    assert_int_equal(key(SDLK_KP_7, 0).ch, '7');
    assert_int_equal(key(SDLK_ESCAPE, KMOD_LALT).mods, MOD_ALT);
    assert_int_equal(key(SDLK_LSHIFT, 0).code, KEY_NONE); /* modifiers alone are no keys */
    assert_int_equal(key(SDLK_CAPSLOCK, 0).code, KEY_NONE);
}

static void test_events_fill_the_frame_and_begin_frame_clears_them(void **state)
{
    (void)state;
    SdlInput si;
    sdl_input_init(&si);
    si.mouse_scale_x = si.mouse_scale_y = 2.0f; /* a HiDPI window */
    SDL_Event e;

    memset(&e, 0, sizeof e);
    e.type = SDL_MOUSEMOTION;
    e.motion.x = 100;
    e.motion.y = 50;
    assert_int_equal(sdl_input_event(&si, &e), 1);
    assert_int_equal(si.in.mouse_x, 200);
    assert_int_equal(si.in.mouse_y, 100);

    memset(&e, 0, sizeof e);
    e.type = SDL_MOUSEBUTTONDOWN;
    e.button.button = SDL_BUTTON_LEFT;
    e.button.x = 10;
    e.button.y = 20;
    sdl_input_event(&si, &e);
    assert_true(si.in.mouse_down && si.in.mouse_pressed);
    assert_int_equal(si.in.mouse_x, 20);

    memset(&e, 0, sizeof e);
    e.type = SDL_MOUSEWHEEL;
    e.wheel.y = -2;
    e.wheel.direction = SDL_MOUSEWHEEL_FLIPPED;
    sdl_input_event(&si, &e);
    assert_int_equal(si.in.wheel, 2);

    memset(&e, 0, sizeof e);
    e.type = SDL_TEXTINPUT;
    strcpy(e.text.text, "1.");
    sdl_input_event(&si, &e);
    strcpy(e.text.text, "5");
    sdl_input_event(&si, &e);
    assert_string_equal(si.in.text, "1.5");

    memset(&e, 0, sizeof e);
    e.type = SDL_KEYDOWN;
    e.key.keysym.sym = SDLK_RIGHT;
    sdl_input_event(&si, &e);
    assert_int_equal(si.in.key_count, 1);
    assert_int_equal(si.in.keys[0].code, KEY_RIGHT);

    char path[] = "/tmp/x.npy";
    memset(&e, 0, sizeof e);
    e.type = SDL_DROPFILE;
    e.drop.file = path;
    sdl_input_event(&si, &e);
    assert_string_equal(si.in.dropped_file, "/tmp/x.npy");
    assert_ptr_not_equal(si.in.dropped_file, path); /* a copy: SDL's string is freed */

    sdl_input_begin_frame(&si);
    assert_int_equal(si.in.key_count, 0);
    assert_string_equal(si.in.text, "");
    assert_int_equal(si.in.wheel, 0);
    assert_int_equal(si.in.mouse_pressed, 0);
    assert_null(si.in.dropped_file);
    assert_int_equal(si.in.mouse_down, 1); /* still held */
    assert_int_equal(si.in.mouse_x, 20);   /* the pointer has not moved */

    memset(&e, 0, sizeof e);
    e.type = SDL_MOUSEBUTTONUP;
    e.button.button = SDL_BUTTON_LEFT;
    sdl_input_event(&si, &e);
    assert_true(!si.in.mouse_down && si.in.mouse_released);

    memset(&e, 0, sizeof e);
    e.type = SDL_WINDOWEVENT;
    e.window.event = SDL_WINDOWEVENT_LEAVE;
    sdl_input_event(&si, &e);
    assert_true(si.in.mouse_x < 0); /* no hover while the pointer is away */
    e.window.event = SDL_WINDOWEVENT_SIZE_CHANGED;
    sdl_input_event(&si, &e);
    assert_int_equal(si.resized, 1);
    assert_int_equal(si.quit, 0);
    e.type = SDL_QUIT;
    sdl_input_event(&si, &e);
    assert_int_equal(si.quit, 1);
}

static void test_hidpi_text_scale_keeps_text_the_same_size_in_points(void **state)
{
    (void)state;
    assert_true(fabsf(sdl_input_text_scale(900, 900) - 1.0f) < 1e-6f);
    assert_true(fabsf(sdl_input_text_scale(1080, 1080) - 1.0f) < 1e-6f);
    /* 2x: twice the pixels of the 1x body size, in both small and tall windows */
    int pairs[][2] = {{900, 1800}, {1080, 2160}, {1440, 2880}, {700, 1050}};
    for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++) {
        int wh = pairs[i][0], dh = pairs[i][1];
        float s = sdl_input_text_scale(wh, dh);
        int got = layout_text_px(dh, s), want = layout_text_px(wh, 1.0f) * dh / wh;
        assert_in_range(got, want - 1, want + 1);
    }
    assert_true(fabsf(sdl_input_text_scale(0, 900) - 1.0f) < 1e-6f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_keys_follow_the_ui_conventions),
        cmocka_unit_test(test_events_fill_the_frame_and_begin_frame_clears_them),
        cmocka_unit_test(test_hidpi_text_scale_keeps_text_the_same_size_in_points),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
