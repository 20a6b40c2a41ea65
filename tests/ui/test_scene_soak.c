/* test_scene_soak.c - a seeded stream of random input through the public
 * Scene API (keys, clicks, drags, wheel, pasted text, typed digits, resizes,
 * lesson steps, undo/redo, view and theme changes), with invariants checked
 * after every event: the scene still has a timeline and a status sentence;
 * every frame's draw list is complete, with no negative sizes, every clip
 * rectangle inside the window and every unclipped box inside it too; no two
 * widgets overlap; the undo history stays within its entry and byte bounds.
 *
 * ctest runs 50,000 events; a longer soak is the same binary with
 * TCVIZ_SOAK_EVENTS=N (and TCVIZ_SOAK_SEED=S), e.g. 2000000. Ctrl+S is left
 * out: it writes a session folder into the working directory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/layout.h"
#include "ui/scene.h"
#include "ui/scene_edit.h"

static uint64_t rng_state;

static uint32_t rnd(uint32_t n)
{
    /* xorshift64*: a fixed sequence per seed on every platform */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (uint32_t)((rng_state * 2685821657736338717ull) >> 33) % n;
}

static int measure(void *user, int px, const char *s)
{
    (void)user;
    int n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        n += (*p & 0xC0) != 0x80;
    return n * px * 6 / 10;
}

static const UiKeyPress keys[] = {
    {KEY_SPACE, 0, 0}, {KEY_LEFT, 0, 0}, {KEY_RIGHT, 0, 0}, {KEY_HOME, 0, 0},
    {KEY_END, 0, 0}, {KEY_UP, 0, 0}, {KEY_DOWN, 0, 0}, {KEY_RETURN, 0, 0},
    {KEY_ESCAPE, 0, 0}, {KEY_BACKSPACE, 0, 0}, {KEY_TAB, 0, 0}, {KEY_DELETE, 0, 0},
    {KEY_PAGEUP, 0, 0}, {KEY_PAGEDOWN, 0, 0}, {KEY_F1, 0, 0}, {KEY_F11, 0, 0},
    {KEY_F12, 0, 0}, {KEY_CHAR, '[', 0}, {KEY_CHAR, ']', 0}, {KEY_CHAR, 'g', 0},
    {KEY_CHAR, 'v', 0}, {KEY_CHAR, 'v', MOD_SHIFT}, {KEY_CHAR, 'c', 0}, {KEY_CHAR, 's', 0},
    {KEY_CHAR, 's', MOD_SHIFT}, {KEY_CHAR, 'k', 0}, {KEY_CHAR, 'k', MOD_SHIFT},
    {KEY_CHAR, 'i', 0}, {KEY_CHAR, 'i', MOD_SHIFT}, {KEY_CHAR, 'p', 0},
    {KEY_CHAR, 'p', MOD_SHIFT}, {KEY_CHAR, 'o', 0}, {KEY_CHAR, 'o', MOD_SHIFT},
    {KEY_CHAR, 'd', 0}, {KEY_CHAR, 'd', MOD_SHIFT}, {KEY_CHAR, '.', 0}, {KEY_CHAR, ',', 0},
    {KEY_CHAR, '.', MOD_SHIFT}, {KEY_CHAR, ',', MOD_SHIFT}, {KEY_CHAR, 'x', 0},
    {KEY_CHAR, 'w', 0}, {KEY_CHAR, '+', 0}, {KEY_CHAR, '-', 0}, {KEY_CHAR, '0', 0},
    {KEY_CHAR, 't', 0}, {KEY_CHAR, 'm', 0}, {KEY_CHAR, 'f', 0}, {KEY_CHAR, '?', 0},
    {KEY_CHAR, 'n', 0}, {KEY_CHAR, 'n', MOD_SHIFT}, {KEY_CHAR, 'l', MOD_SHIFT},
    {KEY_CHAR, 'z', MOD_CTRL}, {KEY_CHAR, 'z', MOD_CTRL | MOD_SHIFT}, {KEY_CHAR, 'y', MOD_CTRL},
    {KEY_CHAR, 'c', MOD_CTRL}, {KEY_UP, 0, MOD_CTRL}, {KEY_DOWN, 0, MOD_CTRL},
    {KEY_LEFT, 0, MOD_CTRL}, {KEY_RIGHT, 0, MOD_CTRL}, {KEY_CHAR, '1', 0}, {KEY_CHAR, '7', 0},
    {KEY_CHAR, 'q', 0},
};

static const char *const pastes[] = {
    "[[1, 2], [3, 4]]",
    "array([[1., 2., 3.],\n       [4., 5., 6.]], dtype=float32)",
    "tensor([[[[0.5, 1.0], [2.0, -3.0]]]])",
    "1 2 3\n4 5 6\n7 8 9\n",
    "[[1, 2], [3]]",
    "nan",
    "",
    "[[[[1e30]]]]",
    "\xff\xfe garbage \x01",
};

/* Commands drawn without a clip rectangle, and the clip rectangles, lie in
 * the window (a 1-pixel margin for frame and line thickness). */
static void check_frame(const DrawList *dl, int w, int h, long event)
{
    if (dl->oom)
        fail_msg("event %ld: the draw list ran out of memory", event);
    int clipped = 0;
    for (int i = 0; i < dl->count; i++) {
        const DrawCmd *c = &dl->cmds[i];
        Rect r = c->rect;
        if (c->kind == DRAW_CLIP) {
            clipped = r.w > 0;
            if (clipped && (r.x < 0 || r.y < 0 || r.x + r.w > w || r.y + r.h > h))
                fail_msg("event %ld: clip %d,%d %dx%d outside the %dx%d window", event, r.x, r.y,
                         r.w, r.h, w, h);
            continue;
        }
        if (c->kind != DRAW_LINE && c->kind != DRAW_TEXT && (r.w < 0 || r.h < 0))
            fail_msg("event %ld: command %d has a negative size %dx%d", event, i, r.w, r.h);
        if (clipped || c->kind == DRAW_LINE || c->kind == DRAW_TEXT)
            continue;
        if (r.x < -1 || r.y < -1 || r.x + r.w > w + 1 || r.y + r.h > h + 1)
            fail_msg("event %ld: command %d (kind %d) at %d,%d %dx%d outside the %dx%d window",
                     event, i, (int)c->kind, r.x, r.y, r.w, r.h, w, h);
    }
}

static void soak(long events, uint64_t seed)
{
    rng_state = seed ? seed : 1;
    Err err = {0};
    SceneSetup setup = {0};
    Scene *s = scene_create(&setup, measure, NULL, &err);
    if (!s)
        fail_msg("scene_create: %s", err.msg);
    DrawList dl = {0};
    long widgets_seen = 0;
    UiInput in = {.width = 1600, .height = 900, .scale = 1.0f, .mouse_x = 400, .mouse_y = 300};
    for (long e = 0; e < events; e++) {
        in.key_count = 0;
        in.text[0] = '\0';
        in.mouse_pressed = in.mouse_released = in.right_pressed = 0;
        in.wheel = in.wheel_mods = 0;
        in.paste_text = NULL;
        switch (rnd(10)) {
        case 0: case 1: case 2: { /* a key */
            UiKeyPress k = keys[rnd(sizeof keys / sizeof *keys)];
            in.keys[in.key_count++] = k;
            if (k.code == KEY_CHAR && !(k.mods & MOD_CTRL))
                in.text[0] = (char)k.ch, in.text[1] = '\0';
            break;
        }
        case 3: /* a click */
            in.mouse_x = (int)rnd((uint32_t)in.width);
            in.mouse_y = (int)rnd((uint32_t)in.height);
            in.mouse_pressed = in.mouse_released = 1;
            in.mouse_down = 0;
            break;
        case 4: /* a drag: press, move, release over the next events */
            if (!in.mouse_down) {
                in.mouse_pressed = 1;
                in.mouse_down = 1;
            } else if (rnd(3) == 0) {
                in.mouse_released = 1;
                in.mouse_down = 0;
            }
            in.mouse_x += (int)rnd(81) - 40;
            in.mouse_y += (int)rnd(81) - 40;
            break;
        case 5: /* the wheel, sometimes with Ctrl or Shift */
            in.wheel = (int)rnd(7) - 3;
            in.wheel_mods = (int)rnd(4) & (MOD_SHIFT | MOD_CTRL);
            in.mouse_x = (int)rnd((uint32_t)in.width);
            in.mouse_y = (int)rnd((uint32_t)in.height);
            break;
        case 6: /* pasted text */
            in.paste_text = pastes[rnd(sizeof pastes / sizeof *pastes)];
            break;
        case 7: /* a resize, within the sizes the layout supports */
            in.width = 800 + (int)rnd(1601);
            in.height = 540 + (int)rnd(861);
            break;
        case 8: /* a lesson step or a view/theme change through the API */
            if (rnd(2)) {
                int n = scene_lesson_steps(s);
                if (n > 0)
                    scene_lesson_goto(s, (int)rnd((uint32_t)n), &err);
            } else {
                scene_set_view(s, (ViewKind)rnd(VIEW_COUNT));
            }
            break;
        default: /* hover */
            in.mouse_x = (int)rnd((uint32_t)in.width);
            in.mouse_y = (int)rnd((uint32_t)in.height);
            break;
        }
        scene_handle_input(s, &in);
        scene_update(s, rnd(4) * 0.03);
        scene_draw(s, &in, &dl);
        check_frame(&dl, in.width, in.height, e);
        const Rect *wr;
        int nw = scene_widget_rects(s, &wr);
        widgets_seen += nw;
        for (int i = 0; i < nw; i++)
            for (int j = i + 1; j < nw; j++)
                if (wr[i].w > 0 && wr[i].h > 0 && wr[j].w > 0 && wr[j].h > 0 &&
                    rect_overlaps(wr[i], wr[j]))
                    fail_msg("event %ld at %dx%d: widgets %d,%d %dx%d and %d,%d %dx%d overlap", e,
                             in.width, in.height, wr[i].x, wr[i].y, wr[i].w, wr[i].h, wr[j].x,
                             wr[j].y, wr[j].w, wr[j].h);
        int undo, redo;
        size_t bytes;
        scene_history_info(s, &undo, &redo, &bytes);
        if (undo > HISTORY_MAX_ENTRIES || redo > HISTORY_MAX_ENTRIES ||
            (bytes > HISTORY_MAX_BYTES && undo > 1))
            fail_msg("event %ld: history of %d undo, %d redo, %zu bytes past its bounds", e, undo,
                     redo, bytes);
        if (scene_step_count(s) < 1)
            fail_msg("event %ld: the timeline has no steps", e);
        if (!scene_status(s))
            fail_msg("event %ld: no status sentence", e);
        SceneRequests *rq = scene_requests(s);
        memset(rq, 0, sizeof *rq); /* the app would handle these */
    }
    draw_free(&dl);
    scene_free(s);
    if (events > 0 && widgets_seen == 0)
        fail_msg("no frame placed a widget: the overlap check saw nothing");
}

static void test_random_input_keeps_the_scene_valid(void **state)
{
    (void)state;
    const char *n = getenv("TCVIZ_SOAK_EVENTS"), *seed = getenv("TCVIZ_SOAK_SEED");
    soak(n ? atol(n) : 50000, seed ? strtoull(seed, NULL, 10) : 20261204);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_random_input_keeps_the_scene_valid),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
