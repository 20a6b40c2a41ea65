/* export_run.c - `tcviz export` writing its files, once the command line is
 * known to be right (export.c).
 *
 * Every picture is a Shot: a lesson step (or none) and a timeline step. One
 * frame is one shot; a GIF or a frame sequence is a list of them: every
 * timeline step of the view, or, for a lesson, every lesson step in turn
 * with its play range frame by frame. Each shot is the landed state of its
 * step, as the window shows it after stepping there. A figure as tall as its
 * content is laid out in a tall area and cropped to what all its shots drew,
 * so every frame of a GIF has one size (export_figure.c). */
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

#define CMD EXPORT_CMD

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

int export_draw_shot(Export *e, const Shot *sh)
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

/* ---- writing ------------------------------------------------------------------------- */

static int write_one(Export *e)
{
    Offscreen *o = &e->o;
    if (export_draw_shot(e, &e->shots[0]) != 0)
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
        if (export_draw_shot(e, sh) != 0) {
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
        rc = export_draw_shot(e, &e->shots[i]);
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
    export_open_size(e->p, &w, &h);
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
        rc = export_crop_figure(&e);
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
