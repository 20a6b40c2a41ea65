/* window.c - `tcviz [LESSON.yaml] [FLAGS]`: the interactive window.
 *
 * The loop is: events -> scene_handle_input -> scene_update(s, dt) ->
 * scene_draw -> render_draw_list -> present. When the scene says nothing
 * moves and no event came, it blocks in SDL_WaitEventTimeout, so an idle
 * window costs about 0% CPU. Frames are paced to the display's refresh rate
 * even when the driver does not block on vsync (Xvfb, software renderer). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <SDL.h>
#include <SDL_image.h>

#include "app/app.h"
#include "app/app_args.h"
#include "app/drop_file.h"
#include "app/font.h"
#include "app/fullscreen.h"
#include "app/offscreen.h"
#include "app/render.h"
#include "app/sdl_input.h"
#include "cli/cli.h"
#include "io/install_dir.h"
#include "ui/scene.h"
#ifdef __EMSCRIPTEN__
#include <emscripten.h>

#include "app/web.h"
#endif

typedef struct {
    SDL_Window *win;
    SDL_Renderer *sdl;
    Renderer *render;
    Scene *scene;
    DrawList dl;
    SdlInput si;
    double frame_s; /* one display refresh */
    Uint64 started, last; /* app start; the last frame (animation time) */
    int dirty, animating, first;
    Fullscreen fs;
} App;

static void usage(FILE *out)
{
    fprintf(out, "usage: tcviz [LESSON.yaml] [FLAGS]\n"
                 "       tcviz COMMAND ...\n\n"
                 "Opens the visualizer window on the default example (3x3 -> 6x6, 2x2 kernel,\n"
                 "stride 2, SAME), a lesson, or the layer the flags describe. Press ? in the\n"
                 "window for the keys.\n\nflags:\n");
    app_args_print_flags(out);
}

/* The window icon, assets/icon.png (scripts/make_icon.sh draws it). Without
 * the file the window keeps the desktop's default icon: nothing is lost. */
static void set_icon(SDL_Window *win)
{
    char path[4096];
    install_dir("assets", path, sizeof path);
    size_t len = strlen(path);
    snprintf(path + len, sizeof path - len, "/icon.png");
    SDL_Surface *icon = IMG_Load(path);
    if (!icon)
        return;
    SDL_SetWindowIcon(win, icon);
    SDL_FreeSurface(icon);
}

/* Window size vs drawable size: on HiDPI screens the drawable has more
 * pixels (mouse coordinates are in points, drawing in pixels). */
static void update_size(App *a)
{
    int ww = 0, wh = 0, dw = 0, dh = 0;
    SDL_GetWindowSize(a->win, &ww, &wh);
    SDL_GetRendererOutputSize(a->sdl, &dw, &dh);
    if (ww <= 0 || wh <= 0 || dw <= 0 || dh <= 0)
        return;
    UiInput *in = &a->si.in;
    in->width = dw;
    in->height = dh;
    a->si.mouse_scale_x = (float)dw / (float)ww;
    a->si.mouse_scale_y = (float)dh / (float)wh;
    in->scale = sdl_input_text_scale(wh, dh);
}

static int open_window(App *a, Err *err)
{
    if (SDL_Init(SDL_INIT_VIDEO) != 0)
        return err_fail(err, TC_ERR_IO,
                        "cannot open a window: %s (no display? `tcviz export` renders without one)",
                        SDL_GetError());
    /* With no display SDL falls back to its invisible drivers; a window
     * nobody can see would just sit there. Only an explicit
     * SDL_VIDEODRIVER may choose them. */
    const char *driver = SDL_GetCurrentVideoDriver();
    if (driver && (strcmp(driver, "offscreen") == 0 || strcmp(driver, "dummy") == 0) &&
        !getenv("SDL_VIDEODRIVER"))
        return err_fail(err, TC_ERR_IO,
                        "cannot open a window: no display (DISPLAY / WAYLAND_DISPLAY not set); "
                        "`tcviz export` renders without one");
    int w = 1600, h = 900;
    SDL_Rect usable;
    if (SDL_GetDisplayUsableBounds(0, &usable) == 0) {
        if (usable.w > 0 && usable.w < w)
            w = usable.w;
        if (usable.h > 0 && usable.h < h)
            h = usable.h;
    }
    a->win = SDL_CreateWindow("tcviz", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h,
                              SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
    if (!a->win)
        return err_fail(err, TC_ERR_IO, "cannot open a window: %s", SDL_GetError());
    SDL_SetWindowMinimumSize(a->win, 640, 400);
    set_icon(a->win);
    a->sdl = SDL_CreateRenderer(a->win, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    if (!a->sdl)
        a->sdl = SDL_CreateRenderer(a->win, -1, SDL_RENDERER_SOFTWARE);
    if (!a->sdl)
        return err_fail(err, TC_ERR_IO, "cannot create a renderer: %s", SDL_GetError());
    SDL_SetRenderDrawBlendMode(a->sdl, SDL_BLENDMODE_BLEND);
    SDL_DisplayMode mode;
    int hz = SDL_GetWindowDisplayMode(a->win, &mode) == 0 && mode.refresh_rate > 0
                 ? mode.refresh_rate : 60;
    a->frame_s = 1.0 / (double)hz;
    SDL_StartTextInput();
    return 0;
}

/* ./tcviz-YYYYmmdd-HHMMSS.png (-2, -3, ... when taken within one second);
 * written beside and linked into place, so an existing file is never
 * replaced, even by another tcviz saving at the same moment. */
static void screenshot(App *a)
{
    char path[64], stamp[32];
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    int w = a->si.in.width, h = a->si.in.height;
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 24, SDL_PIXELFORMAT_RGB24);
    Err err = {0};
    int rc = -1;
    if (!s || SDL_RenderReadPixels(a->sdl, NULL, SDL_PIXELFORMAT_RGB24, s->pixels, s->pitch) != 0)
        err_fail(&err, TC_ERR_IO, "cannot read the window's pixels: %s", SDL_GetError());
    else
        for (int n = 1; n < 1000; n++) {
            if (n == 1)
                snprintf(path, sizeof path, "tcviz-%s.png", stamp);
            else
                snprintf(path, sizeof path, "tcviz-%s-%d.png", stamp, n);
            err = (Err){0};
            rc = png_save(s, path, 1, &err);
            if (rc == 0 || err.code != TC_ERR_ARG)
                break;
        }
    if (rc == 0) {
        scene_set_message(a->scene, 0, "saved screenshot %s", path);
        fprintf(stderr, "tcviz: saved screenshot %s\n", path);
    } else {
        scene_set_message(a->scene, 1, "screenshot failed: %s", err.msg);
        fprintf(stderr, "tcviz: screenshot failed: %s\n", err.msg);
    }
    SDL_FreeSurface(s);
}

static void toggle_fullscreen(App *a)
{
    Err err = {0};
    if (fullscreen_toggle(&a->fs, a->win, &err) != 0)
        scene_set_message(a->scene, 1, "%s", err.msg);
}

/* Fold an event in; SDL hands over the dropped path, which we free. */
static int take_event(App *a, SDL_Event *e)
{
    if (e->type == SDL_DROPFILE && e->drop.file && drop_file_handle(a->scene, e->drop.file)) {
        SDL_free(e->drop.file);
        return 1;
    }
    int changed = sdl_input_event(&a->si, e);
    if (e->type == SDL_DROPFILE)
        SDL_free(e->drop.file);
    return changed;
}

static double seconds(Uint64 t0, Uint64 t1)
{
    return (double)(t1 - t0) / (double)SDL_GetPerformanceFrequency();
}

/* 1 if the list starts with an opaque rect over the whole window: then
 * clearing first would only cost a full-window fill on software renderers. */
static int covers_window(const DrawList *dl, const UiInput *in)
{
    if (dl->count == 0 || dl->cmds[0].kind != DRAW_RECT || dl->cmds[0].color.a != 255)
        return 0;
    Rect r = dl->cmds[0].rect;
    return r.x <= 0 && r.y <= 0 && r.x + r.w >= in->width && r.y + r.h >= in->height;
}

/* One turn of the loop: returns 1 when the app should quit. may_wait: block
 * in SDL_WaitEventTimeout while idle (a browser tab never blocks; it calls
 * again on its next animation frame). */
static int frame(App *a, int may_wait)
{
    sdl_input_begin_frame(&a->si);
    SDL_Event e;
    int changed = 0;
    if (!a->animating && !a->dirty && may_wait) {
        /* Idle: sleep until something happens. The timeout only guards
         * against a lost wake-up; nothing is drawn when it expires. */
        if (!SDL_WaitEventTimeout(&e, 1000))
            return 0;
        changed |= take_event(a, &e);
        a->last = SDL_GetPerformanceCounter(); /* idle time is not animation time */
    }
    while (SDL_PollEvent(&e))
        changed |= take_event(a, &e);
    if (a->si.quit)
        return 1;
    if (a->si.reset_textures)
        render_drop_textures(a->render);
    if (a->si.resized || a->first)
        update_size(a);
    Uint64 now = SDL_GetPerformanceCounter();
    if (!changed && !a->animating && !a->dirty) {
        a->last = now;
        return 0;
    }
    double dt = seconds(a->last, now);
    a->last = now;
    if (dt > 0.1) /* a stall (window drag, breakpoint) must not skip steps */
        dt = 0.1;

    scene_handle_input(a->scene, &a->si.in);
    SceneRequests *req = scene_requests(a->scene);
    if (req->quit)
        return 1;
    a->animating = scene_update(a->scene, dt);
    scene_draw(a->scene, &a->si.in, &a->dl);
    if (!covers_window(&a->dl, &a->si.in)) { /* the scene paints its own background */
        SDL_SetRenderDrawColor(a->sdl, 0, 0, 0, 255);
        SDL_RenderClear(a->sdl);
    }
    render_draw_list(a->render, &a->dl);
    a->dirty = 0;
    if (req->screenshot) { /* read the back buffer before present swaps it */
        screenshot(a);
        a->dirty = 1; /* show the message */
    }
    SDL_RenderPresent(a->sdl);
    if (a->first && getenv("TCVIZ_TIMING"))
        fprintf(stderr, "tcviz: first frame after %.1f ms\n",
                1000.0 * seconds(a->started, SDL_GetPerformanceCounter()));
    a->first = 0;
    if (req->toggle_fullscreen) {
        toggle_fullscreen(a);
        a->dirty = 1;
    }
    if (req->copy) { /* Ctrl+C on a code snippet */
        if (SDL_SetClipboardText(req->clipboard) != 0)
            scene_set_message(a->scene, 1, "copy failed: %s", SDL_GetError());
        else
            scene_set_message(a->scene, 0, "copied the PyTorch snippet");
        a->dirty = 1;
    }
    if (req->message[0])
        fprintf(stderr, "tcviz: %s\n", req->message);
#ifdef __EMSCRIPTEN__
    web_after_frame(a->scene, req);
#endif
    memset(req, 0, sizeof *req);
    /* Pace animation to the refresh rate when present did not block. */
    double spent = seconds(now, SDL_GetPerformanceCounter());
    if (may_wait && a->animating && spent < a->frame_s - 0.001)
        SDL_Delay((Uint32)((a->frame_s - spent) * 1000.0));
    return 0;
}

#ifdef __EMSCRIPTEN__
static void browser_frame(void *a)
{
    frame(a, 0); /* a tab is closed, not quit: Ctrl+Q leaves the page as it is */
}

/* The browser calls frame() once per display refresh. Simulating an
 * infinite loop means app_run never returns, so `a` on its stack stays. */
static void loop(App *a)
{
    web_ready(a->scene);
    emscripten_set_main_loop_arg(browser_frame, a, 0, 1);
}
#else
static void loop(App *a)
{
    while (!frame(a, 1)) {
    }
}
#endif

static void close_app(App *a)
{
    sdl_input_free(&a->si);
    scene_free(a->scene);
    draw_free(&a->dl);
    render_free(a->render);
    if (a->sdl)
        SDL_DestroyRenderer(a->sdl);
    if (a->win)
        SDL_DestroyWindow(a->win);
    IMG_Quit();
    SDL_Quit();
    font_release();
}

int app_run(int argc, char **argv)
{
    Uint64 started = SDL_GetPerformanceCounter();
    AppArgs args;
    Err err = {0};
    if (app_args_parse(argc, argv, 1, NULL, &args, &err) != 0) {
        fprintf(stderr, "tcviz: %s\n", err.msg);
        return CLI_EXIT_USAGE;
    }
    if (args.help) {
        usage(stdout);
        return CLI_EXIT_OK;
    }
    char font[4096];
    SceneSetup setup;
    if (font_find(args.font, font, sizeof font, &err) != 0) {
        fprintf(stderr, "tcviz: %s\n", err.msg);
        font_release();
        return CLI_EXIT_FAIL;
    }
    if (app_args_setup(&args, &setup, &err) != 0) {
        fprintf(stderr, "tcviz: %s\n", err.msg);
        font_release();
        return CLI_EXIT_FAIL;
    }
    if (argc == 1) /* the course's lesson 1 is the default example, told */
        app_args_default_lesson(&setup);
    setup.keep_progress = 1; /* the learner's own window records the course */
    App a;
    memset(&a, 0, sizeof a);
    sdl_input_init(&a.si);
    int rc = CLI_EXIT_OK;
    if (open_window(&a, &err) != 0 || !(a.render = render_create(a.sdl, font, &err))) {
        rc = CLI_EXIT_FAIL;
    } else {
        update_size(&a);
        a.scene = scene_create(&setup, render_measure, a.render, &err);
        if (!a.scene)
            rc = CLI_EXIT_FAIL;
        else
            drop_file_note_image(a.scene, &args.layer);
    }
    app_args_free(&setup);
    a.started = started;
    a.last = SDL_GetPerformanceCounter();
    a.dirty = a.first = 1;
    if (rc == CLI_EXIT_OK)
        loop(&a);
    else
        fprintf(stderr, "tcviz: %s\n", err.msg);
    close_app(&a);
    return rc;
}
