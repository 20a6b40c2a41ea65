/* export_run.c - `tcviz export` writing its files, once the command line is
 * known to be right (export.c).
 *
 * Every picture is a Shot: a lesson step (or none) and a timeline step. One
 * frame is one shot; a GIF or a frame sequence is a list of them: every
 * timeline step of the view, or, for a lesson, every lesson step in turn
 * with its play range frame by frame. Each shot is the landed state of its
 * step, as the window shows it after stepping there. A figure as tall as its
 * content is laid out in a tall area and cropped to what all its shots drew,
 * so every frame of a GIF has one size. */
#include "app/export_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/drop_file.h"
#include "app/gif_writer.h"
#include "app/offscreen.h"
#include "app/svg_writer.h"
#include "cli/cli.h"
#include "ui/layout.h"

#define CMD EXPORT_CMD

typedef struct {
    int lesson_step; /* 0-based; -1: no lesson (or its first step as opened) */
    int step;        /* timeline step */
    int rests;       /* the last frame of a lesson step: held longer in a GIF */
} Shot;

/* A lesson step's timeline range, read before the scene takes the lesson. */
typedef struct {
    int from, to;
} StepRange;

typedef struct {
    const AppArgs *a;
    const ExportPlan *p;
    Offscreen o;
    StepRange *ranges; /* [n_lesson_steps], NULL without a lesson */
    int n_lesson_steps;
    int shown_lesson_step; /* the lesson step the scene is at */
    Shot *shots;
    int n_shots;
    Err err;
} Export;

static int progress_open; /* a progress line without its newline is on stderr */

/* "frame 12/45", rewritten in place with \r; ended by a newline at the last. */
static void progress(int done, int total)
{
    fprintf(stderr, "\r" CMD ": frame %d/%d", done, total);
    progress_open = done < total;
    if (!progress_open)
        fputc('\n', stderr);
    fflush(stderr);
}

/* ---- positioning --------------------------------------------------------------------- */

static int enter_lesson_step(Export *e, int k)
{
    if (k < 0 || k == e->shown_lesson_step)
        return 0;
    Scene *s = e->o.scene;
    if (scene_lesson_goto(s, k, &e->err) != 0)
        return -1;
    scene_set_playing(s, 0); /* a still picture: the play button shows "play" */
    if (e->a->view_given)    /* an explicit --view wins over the lesson step's */
        scene_set_view(s, e->a->view);
    e->shown_lesson_step = k;
    return 0;
}

/* The timeline steps lesson step k shows, clamped to the view's timeline
 * (an explicit --view may have fewer steps than the lesson's). */
static void step_range(Export *e, int k, int *from, int *to)
{
    int last = scene_step_count(e->o.scene) - 1;
    *from = e->ranges[k].from < last ? e->ranges[k].from : last;
    *to = e->ranges[k].to > *from ? (e->ranges[k].to < last ? e->ranges[k].to : last) : *from;
}

/* Put the scene at shot sh and draw its list (not its pixels). */
static int draw_shot(Export *e, const Shot *sh)
{
    if (enter_lesson_step(e, sh->lesson_step) != 0)
        return -1;
    scene_seek(e->o.scene, sh->step); /* a jump: the step's landed state */
    offscreen_draw_scene(&e->o);
    return 0;
}

/* ---- the shots ----------------------------------------------------------------------- */

static int add_shot(Export *e, Shot sh)
{
    Shot *n = realloc(e->shots, (size_t)(e->n_shots + 1) * sizeof *n);
    if (!n)
        return err_fail(&e->err, TC_ERR_NOMEM, "out of memory for the list of frames");
    e->shots = n;
    e->shots[e->n_shots++] = sh;
    return 0;
}

/* The one frame of -o: a usage error (exit 2) names what is out of range. */
static int plan_one(Export *e, int *usage)
{
    const ExportPlan *p = e->p;
    Scene *s = e->o.scene;
    int k = p->lesson_step - 1;
    if (k >= e->n_lesson_steps) {
        *usage = 1;
        return err_fail(&e->err, TC_ERR_ARG,
                        "--lesson-step %d is out of range, expected 1..%d (%s has %d steps)",
                        p->lesson_step, e->n_lesson_steps, e->a->lesson, e->n_lesson_steps);
    }
    if (enter_lesson_step(e, k) != 0)
        return -1;
    int steps = scene_step_count(s), from, to;
    Shot sh = {k, p->step == EXPORT_STEP_END ? steps - 1 : p->step, 1};
    if (p->step == EXPORT_STEP_NONE) { /* where the player rests: the end of the play range */
        step_range(e, k, &from, &to);
        sh.step = to;
    }
    if (sh.step >= steps) {
        *usage = 1;
        return err_fail(&e->err, TC_ERR_ARG,
                        "--step %d is out of range, expected 0..%d (view %s has %d steps)",
                        sh.step, steps - 1, scene_view_name(scene_view(s)), steps);
    }
    return add_shot(e, sh);
}

/* Every frame of --gif / --frames. */
static int plan_all(Export *e)
{
    if (!e->ranges) {
        int steps = scene_step_count(e->o.scene);
        for (int k = 0; k < steps; k++)
            if (add_shot(e, (Shot){-1, k, k + 1 == steps}) != 0)
                return -1;
        return 0;
    }
    for (int k = 0; k < e->n_lesson_steps; k++) {
        int from, to;
        if (enter_lesson_step(e, k) != 0)
            return -1;
        step_range(e, k, &from, &to);
        for (int u = from; u <= to; u++)
            if (add_shot(e, (Shot){k, u, u == to}) != 0)
                return -1;
    }
    return 0;
}

/* ---- a figure's size ----------------------------------------------------------------- */

/* Rows [*top, *bottom) that the list draws on, inside its clips; the
 * figure's background (a first rect over everything) does not count. */
static void drawn_rows(const DrawList *dl, int w, int h, int *top, int *bottom)
{
    Rect clip = {0, 0, w, h};
    for (int i = 0; i < dl->count; i++) {
        const DrawCmd *c = &dl->cmds[i];
        Rect r = c->rect;
        if (c->kind == DRAW_CLIP) {
            clip = r.w > 0 && r.h > 0 ? r : (Rect){0, 0, w, h};
            continue;
        }
        if (i == 0 && c->kind == DRAW_RECT && r.x <= 0 && r.y <= 0 && r.w >= w && r.h >= h)
            continue;
        if (c->kind == DRAW_TEXT) {
            r.h = c->size_px * 5 / 4; /* descenders below the size box */
            r.w = r.w > 0 ? r.w : 1;
        } else if (c->kind == DRAW_LINE) {
            int y0 = r.y < r.y + r.h ? r.y : r.y + r.h;
            r = (Rect){r.x < r.x + r.w ? r.x : r.x + r.w, y0 - c->thickness, abs(r.w) + 1,
                       abs(r.h) + 2 * c->thickness};
        }
        r = rect_intersect(r, clip);
        if (r.w <= 0 || r.h <= 0)
            continue;
        *top = r.y < *top ? r.y : *top;
        *bottom = r.y + r.h > *bottom ? r.y + r.h : *bottom;
    }
}

/* A figure without a height is laid out in a tall surface, then cropped.
 * Text is sized as for a 16:9 picture of that width. */
static void open_size(const ExportPlan *p, int *w, int *h)
{
    *w = p->w;
    *h = p->h;
    if (p->figure && p->h == 0) {
        *h = 2 * p->w;
        *h = *h < 540 ? 540 : *h > 4320 ? 4320 : *h;
    }
}

/* The layout area's height for the figure: UiInput's scale keeps the text
 * size of the width, whatever the height. */
static void set_height(Offscreen *o, int h)
{
    o->in.height = h;
    o->in.scale = (float)layout_text_px(o->w * 9 / 16, 1.0f) / (float)layout_text_px(h, 1.0f);
}

/* What a smaller area could lose: the cell size of the first grid shown
 * (w, h packed; 0 if none), how many texts are drawn whole inside their
 * clip and the area, and the filled area visible (a view that scrolls or
 * cuts text instead of shrinking its cells, like the matrix and the code,
 * loses some of those). */
typedef struct {
    long cell, filled;
    int texts;
} Content;

static Content content(const Offscreen *o, int h)
{
    Content c = {0, 0, 0};
    Rect r, area = {0, 0, o->w, h}, clip = area;
    for (int g = 0; g < GRID_COUNT && !c.cell; g++)
        if (scene_cell_rect(o->scene, g, 0, 0, &r))
            c.cell = (long)r.w << 16 | r.h;
    for (int i = 0; i < o->dl.count; i++) {
        const DrawCmd *d = &o->dl.cmds[i];
        if (d->kind == DRAW_CLIP)
            clip = d->rect.w > 0 ? rect_intersect(d->rect, area) : area;
        else if (d->kind == DRAW_TEXT)
            c.texts += rect_contains(clip, d->rect.x, d->rect.y) &&
                       d->rect.y + d->size_px <= clip.y + clip.h;
        else if (d->kind == DRAW_RECT && i > 0) { /* not the figure's background */
            Rect v = rect_intersect(d->rect, clip);
            c.filled += (long)v.w * v.h;
        }
    }
    return c;
}

/* 1 when every resting shot shows at layout height h what it showed in the
 * tall area (recorded into was[] when record). */
static int keeps_content(Export *e, int h, Content *was, int record)
{
    set_height(&e->o, h);
    for (int i = 0; i < e->n_shots; i++) {
        if (!e->shots[i].rests)
            continue;
        if (draw_shot(e, &e->shots[i]) != 0)
            return -1;
        Content c = content(&e->o, h);
        if (record)
            was[i] = c;
        else if (c.cell != was[i].cell || c.texts != was[i].texts ||
                 (c.cell && c.filled != was[i].filled)) /* a text view's box fills any area */
            return 0;
    }
    return 1;
}

/* The lowest layout height that shows what the tall area shows (a taller
 * area never shows less, so this is a bisection), then the crop to the
 * rows the shots drew on there, plus a margin. */
static int crop_to_content(Export *e)
{
    Offscreen *o = &e->o;
    Content *was = calloc((size_t)e->n_shots, sizeof *was);
    if (!was)
        return err_fail(&e->err, TC_ERR_NOMEM, "out of memory for the list of frames");
    int lo = 1, hi = o->h, rc = keeps_content(e, hi, was, 1);
    while (rc >= 0 && lo < hi) {
        int mid = lo + (hi - lo) / 2;
        rc = keeps_content(e, mid, was, 0);
        if (rc == 1)
            hi = mid;
        else if (rc == 0)
            lo = mid + 1;
    }
    free(was);
    if (rc < 0)
        return -1;
    set_height(o, hi);
    int top = hi, bottom = 0;
    for (int i = 0; i < e->n_shots; i++) {
        if (draw_shot(e, &e->shots[i]) != 0)
            return -1;
        drawn_rows(&o->dl, o->w, hi, &top, &bottom);
    }
    int margin = layout_text_px(hi, o->in.scale) / 2;
    top = top - margin > 0 ? top - margin : 0;
    bottom = bottom + margin < o->h ? bottom + margin : o->h;
    if (bottom <= top) /* nothing drawn at all: a strip, not an error */
        bottom = top + 1;
    o->crop = (Rect){0, top, o->w, bottom - top};
    return 0;
}

/* ---- writing ------------------------------------------------------------------------- */

static int write_one(Export *e)
{
    Offscreen *o = &e->o;
    if (draw_shot(e, &e->shots[0]) != 0)
        return -1;
    if (e->p->kind == OUT_SVG) {
        SvgOptions so = {.baseline = render_baseline, .measure = render_measure,
                         .user = o->render, .crop = o->crop};
        return svg_save(e->p->path, &o->dl, o->w, o->h, &so, &e->err);
    }
    offscreen_render(o);
    return offscreen_save_png(o, e->p->path, &e->err);
}

static int write_gif(Export *e)
{
    const ExportPlan *p = e->p;
    Offscreen *o = &e->o;
    int w = o->crop.w > 0 ? o->crop.w : o->w, h = o->crop.w > 0 ? o->crop.h : o->h;
    GifWriter *g = gif_writer_open(p->path, w, h, &e->err);
    if (!g)
        return -1;
    for (int i = 0; i < e->n_shots; i++) {
        const Shot *sh = &e->shots[i];
        if (draw_shot(e, sh) != 0) {
            gif_writer_abort(g);
            return -1;
        }
        offscreen_render(o);
        int pitch;
        const uint32_t *px = offscreen_pixels(o, &pitch);
        /* Hold a finished picture: a lesson step's long enough to read its
         * text, the last one so a looping GIF does not restart at once. */
        int delay = p->delay_cs;
        if (sh->rests && e->ranges)
            delay = 6 * delay > 300 ? 6 * delay : 300;
        else if (i + 1 == e->n_shots)
            delay = 4 * delay > 200 ? 4 * delay : 200;
        if (gif_writer_add(g, px, pitch, delay > 65535 ? 65535 : delay, &e->err) != 0) {
            gif_writer_abort(g);
            return -1;
        }
        progress(i + 1, e->n_shots);
    }
    return gif_writer_finish(g, &e->err);
}

static int write_frames(Export *e)
{
    const char *dir = e->p->path;
    if (mkdir(dir, 0777) != 0 && errno != EEXIST)
        return err_fail(&e->err, TC_ERR_IO, "--frames %s: cannot create the directory (%s)", dir,
                        strerror(errno));
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
        return err_fail(&e->err, TC_ERR_IO, "--frames %s: expected a directory", dir);
    size_t cap = strlen(dir) + 32;
    char *name = malloc(cap);
    if (!name)
        return err_fail(&e->err, TC_ERR_NOMEM, "out of memory");
    /* Frames are overwritten like -o is, but a longer earlier sequence would
     * leave stale frames after ours: one animation would mix two. */
    snprintf(name, cap, "%s/frame-%04d.png", dir, e->n_shots);
    if (access(name, F_OK) == 0) {
        err_fail(&e->err, TC_ERR_IO,
                 "--frames %s: already holds %s from a longer export; expected a new directory "
                 "or one with at most %d frames",
                 dir, name + strlen(dir) + 1, e->n_shots);
        free(name);
        return -1;
    }
    int rc = 0;
    for (int i = 0; i < e->n_shots && rc == 0; i++) {
        snprintf(name, cap, "%s/frame-%04d.png", dir, i);
        rc = draw_shot(e, &e->shots[i]);
        if (rc == 0) {
            offscreen_render(&e->o);
            rc = offscreen_save_png(&e->o, name, &e->err);
        }
        if (rc == 0)
            progress(i + 1, e->n_shots);
    }
    free(name);
    return rc;
}

/* ---- the run ------------------------------------------------------------------------- */

/* The lesson's play ranges, before the scene takes the lesson over. */
static int read_ranges(Export *e, const SceneSetup *setup)
{
    const Lesson *l = setup->lesson;
    if (!l)
        return 0;
    e->ranges = calloc((size_t)(l->step_count > 0 ? l->step_count : 1), sizeof *e->ranges);
    if (!e->ranges)
        return err_fail(&e->err, TC_ERR_NOMEM, "out of memory for the lesson %s", l->path);
    for (int k = 0; k < l->step_count; k++)
        e->ranges[k] = (StepRange){l->steps[k].from, l->steps[k].to};
    e->n_lesson_steps = l->step_count;
    return 0;
}

static int open_scene(Export *e)
{
    SceneSetup setup;
    if (app_args_setup(e->a, &setup, &e->err) != 0)
        return -1;
    int w, h;
    open_size(e->p, &w, &h);
    int rc = read_ranges(e, &setup);
    if (rc == 0)
        rc = offscreen_open(&e->o, &setup, e->a->font, w, h, &e->err);
    app_args_free(&setup);
    if (rc != 0)
        return -1;
    e->o.figure = e->p->figure;
    e->o.transparent = e->p->transparent;
    drop_file_note_image(e->o.scene, &e->a->layer);
    e->shown_lesson_step = e->ranges ? 0 : -1; /* the scene opens a lesson at its step 1 */
    scene_set_playing(e->o.scene, 0);           /* ... playing its range: not in a still */
    if (e->a->lesson && e->a->view_given) /* an explicit --view wins over the lesson step's */
        scene_set_view(e->o.scene, e->a->view);
    return 0;
}

int export_run(const AppArgs *a, const ExportPlan *p)
{
    Export e = {.a = a, .p = p};
    int usage = 0, rc = open_scene(&e);
    int one = p->kind == OUT_PNG || p->kind == OUT_SVG;
    if (rc == 0)
        rc = one ? plan_one(&e, &usage) : plan_all(&e);
    if (rc == 0 && p->figure && p->h == 0)
        rc = crop_to_content(&e);
    if (rc == 0)
        rc = one ? write_one(&e) : p->kind == OUT_GIF ? write_gif(&e) : write_frames(&e);
    /* after a progress line, the error on a line of its own */
    if (rc != 0)
        fprintf(stderr, "%s" CMD ": %s\n", progress_open ? "\n" : "", e.err.msg);
    if (e.o.scene || e.o.sdl_up)
        offscreen_close(&e.o);
    free(e.shots);
    free(e.ranges);
    return rc == 0 ? CLI_EXIT_OK : usage ? CLI_EXIT_USAGE : CLI_EXIT_FAIL;
}
