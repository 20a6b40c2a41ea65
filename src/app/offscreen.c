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
#include "io/atomic_file.h"

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
    if (o->figure)
        scene_draw_figure(o->scene, &o->in, !o->transparent, &o->dl);
    else
        scene_draw(o->scene, &o->in, &o->dl);
}

void offscreen_render(Offscreen *o)
{
    if (o->transparent) { /* nothing draws a background: start from none */
        SDL_SetRenderDrawBlendMode(o->sdl, SDL_BLENDMODE_NONE);
        SDL_SetRenderDrawColor(o->sdl, 0, 0, 0, 0);
        SDL_RenderClear(o->sdl);
    }
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
    return (const uint32_t *)((const char *)o->surface->pixels +
                              (size_t)o->crop.y * (size_t)o->surface->pitch) +
           o->crop.x;
}

int offscreen_save_png(const Offscreen *o, const char *path, Err *err)
{
    int pitch;
    const uint32_t *px = offscreen_pixels(o, &pitch);
    int w = o->crop.w > 0 ? o->crop.w : o->w, h = o->crop.w > 0 ? o->crop.h : o->h;
    SDL_Surface *view = SDL_CreateRGBSurfaceWithFormatFrom((void *)px, w, h, 32, pitch,
                                                           SDL_PIXELFORMAT_ARGB8888);
    /* RGB, no alpha unless asked: an opaque picture for slides, and a
     * smaller file. */
    SDL_Surface *out =
        view ? SDL_ConvertSurfaceFormat(view, o->transparent ? SDL_PIXELFORMAT_RGBA32
                                                             : SDL_PIXELFORMAT_RGB24, 0)
             : NULL;
    SDL_FreeSurface(view);
    if (!out)
        return err_fail(err, TC_ERR_NOMEM, "%s: cannot convert the frame: %s", path,
                        SDL_GetError());
    int rc = png_save(out, path, 0, err);
    SDL_FreeSurface(out);
    return rc;
}

/* SDL_image encodes into an SDL_RWops; this one hands each write to the
 * atomic writer, which records the first failure. IMG_SavePNG's own return
 * value does not reflect write errors, so the record is what counts. */
static size_t rw_write(SDL_RWops *rw, const void *p, size_t size, size_t num)
{
    AtomicFile *f = rw->hidden.unknown.data1;
    return size && num && atomic_write(f, p, size * num) == 0 ? num : 0;
}

static Sint64 rw_size(SDL_RWops *rw)
{
    return ((AtomicFile *)rw->hidden.unknown.data1)->size;
}

/* Only "where am I" is answerable on a stream written once, front to back. */
static Sint64 rw_seek(SDL_RWops *rw, Sint64 offset, int whence)
{
    AtomicFile *f = rw->hidden.unknown.data1;
    if (offset == 0 && whence != RW_SEEK_SET)
        return f->size;
    return SDL_SetError("seeking is not supported while writing a PNG");
}

static size_t rw_read(SDL_RWops *rw, void *p, size_t size, size_t num)
{
    (void)rw, (void)p, (void)size, (void)num;
    SDL_SetError("reading is not supported while writing a PNG");
    return 0;
}

static int rw_close(SDL_RWops *rw)
{
    SDL_FreeRW(rw);
    return 0;
}

int png_save(SDL_Surface *s, const char *path, int keep_existing, Err *err)
{
    AtomicFile f;
    if (atomic_open(&f, path, keep_existing ? ATOMIC_NEW : ATOMIC_REPLACE, err) != 0)
        return -1;
    SDL_RWops *rw = SDL_AllocRW();
    if (!rw) {
        atomic_abort(&f);
        return err_fail(err, TC_ERR_NOMEM, "%s: out of memory", path);
    }
    rw->type = SDL_RWOPS_UNKNOWN;
    rw->hidden.unknown.data1 = &f;
    rw->size = rw_size;
    rw->seek = rw_seek;
    rw->read = rw_read;
    rw->write = rw_write;
    rw->close = rw_close;
    if (IMG_SavePNG_RW(s, rw, 1) != 0 && !f.error) {
        err_fail(err, TC_ERR_IO, "%s: cannot encode the PNG (%s)", path, IMG_GetError());
        atomic_abort(&f);
        return -1;
    }
    return atomic_commit(&f, err);
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
