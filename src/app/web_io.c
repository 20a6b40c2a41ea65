/* web_io.c - the browser build's input and output around the window's
 * frames: the step a link asks for, the link kept current in the address
 * bar, files written by Ctrl+S / F12 handed to the browser as downloads, and
 * the functions the page's script calls for opened, dropped and pasted data. */
#include <SDL.h>
#include <dirent.h>
#include <emscripten.h>
#include <stdio.h>
#include <string.h>

#include "app/web.h"
#include "cli/url_state.h"

static struct {
    Scene *scene;
    int step, lesson; /* the link's step as the window counts; -1: none */
    char status[512]; /* the status sentence last given to the page */
    char hash[8192];
} web;

void web_set_pending_step(int step, int lesson)
{
    web.step = step;
    web.lesson = lesson;
}

void web_ready(Scene *s)
{
    web.scene = s;
    if (web.step < 0)
        return;
    Err err = {0};
    if (web.lesson) {
        int n = scene_lesson_steps(s);
        if (web.step > n)
            scene_set_message(s, 1, "link: step: this lesson has %d steps, got %d", n, web.step);
        else if (scene_lesson_goto(s, web.step - 1, &err) != 0)
            scene_set_message(s, 1, "link: step %d: %s", web.step, err.msg);
    } else {
        int n = scene_step_count(s);
        if (web.step >= n)
            scene_set_message(s, 1, "link: step: this layer's timeline has steps 0..%d, got %d",
                              n - 1, web.step);
        else
            scene_seek(s, web.step);
    }
}

/* The address bar follows the scene after every drawn frame; the page
 * writes it at most 10 times a second (browsers throttle history updates).
 * The buffer bounds the work: a layer too large for it keeps its flags. */
static void keep_link(Scene *s)
{
    SceneLinkState st;
    scene_link_state(s, &st);
    int lesson = st.lesson_path ? url_state_lesson_number(st.lesson_path) : 0;
    int step = lesson ? st.lesson_step + 1 : st.unit; /* as the window counts */
    char *h = web.hash;
    if (url_state_format(h, sizeof web.hash, lesson, step, st.spec, st.input, st.filter) < 0 &&
        url_state_format(h, sizeof web.hash, lesson, step, st.spec, NULL, NULL) < 0)
        return;
    EM_ASM({ Module.tcvizWeb.setHash(UTF8ToString($0)); }, h);
}

/* 1 when something was written to the download folder (an in-memory
 * directory: listing it each drawn frame costs next to nothing). */
static int wrote_files(void)
{
    DIR *d = opendir(WEB_OUT_DIR);
    if (!d)
        return 0;
    int any = 0;
    for (struct dirent *e; !any && (e = readdir(d));)
        any = strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return any;
}

void web_after_frame(Scene *s, const SceneRequests *req)
{
    keep_link(s);
    if (wrote_files()) /* Ctrl+S, F12 */
        EM_ASM({ Module.tcvizWeb.download(UTF8ToString($0)); }, WEB_OUT_DIR);
    if (req->copy)
        EM_ASM({ Module.tcvizWeb.copy(UTF8ToString($0)); }, req->clipboard);
    /* The status sentence also goes to the page's live region, for screen
     * readers (a canvas has no text). */
    const char *st = scene_status(s);
    if (strcmp(st, web.status) != 0) {
        snprintf(web.status, sizeof web.status, "%s", st);
        EM_ASM({ Module.tcvizWeb.status(UTF8ToString($0)); }, web.status);
    }
    static int first = 1;
    if (first)
        EM_ASM({ Module.tcvizWeb.firstFrame(); });
    first = 0;
}

/* ---- called by the page's script ---- */

/* A .npy dropped at (x, y) in CSS pixels: the window's own drop, so the
 * grid under the pointer decides input or kernel. */
EMSCRIPTEN_KEEPALIVE void web_drop(const char *path, int x, int y)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_MOUSEMOTION;
    e.motion.x = x;
    e.motion.y = y;
    SDL_PushEvent(&e);
    memset(&e, 0, sizeof e);
    e.type = SDL_DROPFILE;
    e.drop.file = SDL_strdup(path);
    if (e.drop.file)
        SDL_PushEvent(&e);
}

/* A lesson file opened by the file picker or dropped. */
EMSCRIPTEN_KEEPALIVE void web_open_lesson(const char *path)
{
    Err err = {0};
    if (web.scene && scene_open_lesson(web.scene, path, &err) != 0)
        fprintf(stderr, "tcviz: %s\n", err.msg);
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_WINDOWEVENT; /* draw the lesson (or its message) now */
    e.window.event = SDL_WINDOWEVENT_EXPOSED;
    SDL_PushEvent(&e);
}

/* Text the page received in a paste event, for the Ctrl+V that comes with it. */
EMSCRIPTEN_KEEPALIVE void web_paste(const char *text)
{
    SDL_SetClipboardText(text);
}
