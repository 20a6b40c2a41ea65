/* offscreen.c - SDL's software renderer over a surface, driven by a Scene.
 *
 * The video subsystem is started on the "dummy" driver (forced over any
 * SDL_VIDEODRIVER in the environment), so export and bench run on machines
 * and CI jobs without a display; the software renderer needs no window. */
#include "app/offscreen.h"

#include <SDL_image.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/font.h"
#include "app/tmpfile_beside.h"

int offscreen_open(Offscreen *o, const SceneSetup *setup, const char *font_override, int w,
                   int h, Err *err)
{
    memset(o, 0, sizeof *o);
    o->w = w;
    o->h = h;
    char font[4096];
    if (font_find(font_override, font, sizeof font, err) != 0) {
        font_release();
        return -1;
    }
    SDL_SetHintWithPriority(SDL_HINT_VIDEODRIVER, "dummy", SDL_HINT_OVERRIDE);
    if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0) {
        err_fail(err, TC_ERR_IO, "SDL failed to start without a display: %s", SDL_GetError());
        return -1;
    }
    o->sdl_up = 1;
    o->surface = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!o->surface || !(o->sdl = SDL_CreateSoftwareRenderer(o->surface))) {
        err_fail(err, TC_ERR_NOMEM, "cannot create a %dx%d software renderer: %s", w, h,
                 SDL_GetError());
        offscreen_close(o);
        return -1;
    }
    if (!(o->render = render_create(o->sdl, font, err)) ||
        !(o->scene = scene_create(setup, render_measure, o->render, err))) {
        offscreen_close(o);
        return -1;
    }
    o->in.width = w;
    o->in.height = h;
    o->in.scale = 1.0f;
    o->in.mouse_x = o->in.mouse_y = -1; /* no pointer: nothing hovered */
    return 0;
}

void offscreen_draw_scene(Offscreen *o)
{
    scene_draw(o->scene, &o->in, &o->dl);
}

void offscreen_render(Offscreen *o)
{
    render_draw_list(o->render, &o->dl);
    /* SDL may batch commands; the pixels must be in the surface now. */
    SDL_RenderFlush(o->sdl);
}

void offscreen_show_step(Offscreen *o, int step)
{
    /* scene_seek is a jump: no tween, and a conv2d phase shows its kernel
     * already rotated, so the frame is the step's landed state. */
    scene_seek(o->scene, step);
    offscreen_draw_scene(o);
    offscreen_render(o);
}

const uint32_t *offscreen_pixels(const Offscreen *o, int *pitch)
{
    *pitch = o->surface->pitch;
    return o->surface->pixels;
}

int offscreen_save_png(const Offscreen *o, const char *path, Err *err)
{
    /* RGB, no alpha: an opaque picture for slides, and a smaller file. */
    SDL_Surface *rgb = SDL_ConvertSurfaceFormat(o->surface, SDL_PIXELFORMAT_RGB24, 0);
    if (!rgb)
        return err_fail(err, TC_ERR_NOMEM, "%s: cannot convert the frame: %s", path,
                        SDL_GetError());
    int rc = png_save(rgb, path, 0, err);
    SDL_FreeSurface(rgb);
    return rc;
}

int png_save(SDL_Surface *s, const char *path, int keep_existing, Err *err)
{
    char *tmp = NULL;
    int fd = tmpfile_beside(path, &tmp, err);
    if (fd < 0)
        return -1;
    close(fd); /* SDL_image reopens it by name */
    if (IMG_SavePNG(s, tmp) != 0) {
        err_fail(err, TC_ERR_IO, "%s: cannot write the PNG (%s)", path, IMG_GetError());
        unlink(tmp);
        free(tmp);
        return -1;
    }
    int rc = keep_existing ? tmpfile_commit_new(tmp, path, err) : tmpfile_commit(tmp, path, err);
    if (rc != 0 && err->code == TC_ERR_ARG)
        unlink(tmp); /* the name was taken: the caller picks another */
    free(tmp);
    return rc;
}

void offscreen_close(Offscreen *o)
{
    scene_free(o->scene);
    render_free(o->render);
    draw_free(&o->dl);
    if (o->sdl)
        SDL_DestroyRenderer(o->sdl);
    if (o->surface)
        SDL_FreeSurface(o->surface);
    if (o->sdl_up) {
        SDL_QuitSubSystem(SDL_INIT_VIDEO);
        SDL_Quit();
    }
    font_release(); /* fontconfig's caches; a later font_find loads them again */
    memset(o, 0, sizeof *o);
}
