/* export.c - `tcviz export`: the visualizer's frames as PNG or GIF files,
 * rendered without a display (offscreen.h).
 *
 * Everything that can be wrong on the command line is checked before the
 * first file is touched, so a refused command writes nothing. Each frame is
 * the landed state of one timeline step, exactly as the window shows it
 * after stepping there (no half-finished motion). */
#include "app/app.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <strings.h>
#include <sys/stat.h>

#include "app/app_args.h"
#include "app/drop_file.h"
#include "app/gif_writer.h"
#include "app/offscreen.h"
#include "cli/cli.h"

#define CMD "tcviz export"
#define MAX_ARGS 256
#define DEFAULT_W 1600
#define DEFAULT_H 900
#define DEFAULT_DELAY_MS 500

/* The extra flags app_args_parse collects for us, in this order. -o has its
 * own definition in the layer-flag parser (compute's output .npy), so it is
 * taken out of argv before (take_output). */
static const char *const extra_flags[] = {"--step", "--gif", "--frames", "--size", "--delay",
                                          NULL};
enum { X_STEP, X_GIF, X_FRAMES, X_SIZE, X_DELAY };

typedef enum { OUT_PNG, OUT_GIF, OUT_FRAMES } OutKind;

typedef struct {
    OutKind kind;
    const char *path; /* the .png, the .gif or the directory */
    int step;         /* OUT_PNG */
    int w, h;
    int delay_cs;     /* OUT_GIF */
} Plan;

static void help(FILE *out)
{
    fprintf(out,
            "usage: " CMD " [LESSON.yaml] [LAYER FLAGS] [--view V] [--theme T]\n"
            "                    [--font F] [--size WxH] OUTPUT\n"
            "Render the visualizer without a display (software renderer) for slides.\n"
            "OUTPUT is exactly one of:\n"
            "  --step K -o FRAME.png   one frame: the picture after timeline step K\n"
            "  --gif OUT.gif           every step, as a looping animated GIF\n"
            "  --frames DIR            every step, as DIR/frame-0000.png, frame-0001.png, ...\n"
            "Steps count from 0 over the whole timeline (view both: the scatter's steps,\n"
            "then the conv2d's); frame-K.png is --step K.\n"
            "  --size WxH              picture size in pixels (default %dx%d)\n"
            "  --delay MS              --gif only: milliseconds per step (default %d);\n"
            "                          the last step stays 4 times as long (at least 2 s)\n"
            "The same example, layer and data flags as the window:\n",
            DEFAULT_W, DEFAULT_H, DEFAULT_DELAY_MS);
    app_args_print_flags(out);
    fprintf(out, "example: " CMD " --strides 2 --padding SAME --gif up.gif --size 1280x720\n");
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n > m && strcasecmp(s + n - m, suffix) == 0;
}

/* Move -o/--output (and its value) out of argv into *png; the rest goes to
 * app_args_parse, whose layer-flag parser reserves -o for .npy output. */
static int take_output(int argc, char **argv, char **rest, int *n_rest, const char **png,
                       Err *err)
{
    *n_rest = 0;
    *png = NULL;
    const char *spelled = NULL;
    for (int i = 0; i < argc; i++) {
        const char *tok = argv[i];
        const char *eq = strchr(tok, '=');
        size_t len = eq ? (size_t)(eq - tok) : strlen(tok);
        int is_o = i > 0 && ((len == 2 && strncmp(tok, "-o", 2) == 0) ||
                             (len == 8 && strncmp(tok, "--output", 8) == 0));
        if (!is_o) {
            if (*n_rest >= MAX_ARGS)
                return err_fail(err, TC_ERR_ARG, "too many arguments (more than %d)", MAX_ARGS);
            rest[(*n_rest)++] = argv[i];
            continue;
        }
        const char *name = len == 2 ? "-o" : "--output";
        if (*png)
            return strcmp(spelled, name) == 0
                       ? err_fail(err, TC_ERR_ARG, "%s is given twice, expected it once", name)
                       : err_fail(err, TC_ERR_ARG,
                                  "%s repeats %s (the same flag), expected it once", name,
                                  spelled);
        if (eq)
            *png = eq + 1;
        else if (i + 1 < argc && argv[i + 1][0] != '-')
            *png = argv[++i];
        else
            return err_fail(err, TC_ERR_ARG, "%s needs a value: FRAME.png", name);
        spelled = name;
        if (!**png)
            return err_fail(err, TC_ERR_ARG, "%s: expected FRAME.png, got an empty path", name);
    }
    rest[*n_rest] = NULL;
    return 0;
}

/* A whole number in [lo, hi] from text; -1 if it is not one. */
static int parse_int(const char *text, long lo, long hi, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (errno || end == text || *end || text[0] == '+' || text[0] == ' ' || v < lo || v > hi)
        return -1;
    *out = (int)v;
    return 0;
}

/* Which output, from the flags; every combination error is a usage error. */
static int plan_output(const AppArgs *a, const char *png, Plan *p, Err *err)
{
    const char *step = a->extra[X_STEP], *gif = a->extra[X_GIF], *dir = a->extra[X_FRAMES];
    const char *size = a->extra[X_SIZE], *delay = a->extra[X_DELAY];
    int outputs = (png != NULL) + (gif != NULL) + (dir != NULL);
    if (outputs == 0 && step)
        return err_fail(err, TC_ERR_ARG, "--step needs -o FRAME.png to write the frame to");
    if (outputs == 0)
        return err_fail(err, TC_ERR_ARG,
                        "nothing to write: give --step K -o FRAME.png, --gif OUT.gif or "
                        "--frames DIR");
    if (outputs > 1)
        return err_fail(err, TC_ERR_ARG, "%s and %s cannot be combined, expected one output",
                        png ? "-o" : "--gif", dir ? "--frames" : "--gif");
    if (png && !step)
        return err_fail(err, TC_ERR_ARG, "-o needs --step K: which step to draw");
    if (step && !png)
        return err_fail(err, TC_ERR_ARG,
                        "--step applies to -o FRAME.png only (%s writes every step)",
                        gif ? "--gif" : "--frames");
    if (delay && !gif)
        return err_fail(err, TC_ERR_ARG, "--delay applies to --gif only");
    memset(p, 0, sizeof *p);
    p->kind = png ? OUT_PNG : gif ? OUT_GIF : OUT_FRAMES;
    p->path = png ? png : gif ? gif : dir;
    if (!*p->path)
        return err_fail(err, TC_ERR_ARG, "%s: expected a path, got an empty one",
                        png ? "-o" : gif ? "--gif" : "--frames");
    if (png && !ends_with(png, ".png"))
        return err_fail(err, TC_ERR_ARG, "-o: expected a FRAME.png name, got '%s'", png);
    if (gif && !ends_with(gif, ".gif"))
        return err_fail(err, TC_ERR_ARG, "--gif: expected an OUT.gif name, got '%s'", gif);
    if (step && parse_int(step, 0, 1000000000, &p->step) != 0)
        return err_fail(err, TC_ERR_ARG, "--step: expected a step number 0, 1, 2, ..., got '%s'",
                        step);
    int ms = DEFAULT_DELAY_MS;
    if (delay && parse_int(delay, 10, 60000, &ms) != 0)
        return err_fail(err, TC_ERR_ARG, "--delay: expected milliseconds 10..60000, got '%s'",
                        delay);
    p->delay_cs = (ms + 5) / 10;
    p->w = DEFAULT_W;
    p->h = DEFAULT_H;
    return size ? app_parse_size(size, &p->w, &p->h, err) : 0;
}

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

static int write_gif(Offscreen *o, const Plan *p, int steps, Err *err)
{
    GifWriter *g = gif_writer_open(p->path, p->w, p->h, err);
    if (!g)
        return -1;
    for (int k = 0; k < steps; k++) {
        offscreen_show_step(o, k);
        int pitch;
        const uint32_t *px = offscreen_pixels(o, &pitch);
        /* Hold the finished picture so a looping GIF does not restart at once. */
        int delay = k + 1 < steps ? p->delay_cs : (4 * p->delay_cs > 200 ? 4 * p->delay_cs : 200);
        if (gif_writer_add(g, px, pitch, delay > 65535 ? 65535 : delay, err) != 0) {
            gif_writer_abort(g);
            return -1;
        }
        progress(k + 1, steps);
    }
    return gif_writer_finish(g, err);
}

static int write_frames(Offscreen *o, const Plan *p, int steps, Err *err)
{
    if (mkdir(p->path, 0777) != 0 && errno != EEXIST)
        return err_fail(err, TC_ERR_IO, "--frames %s: cannot create the directory (%s)", p->path,
                        strerror(errno));
    struct stat st;
    if (stat(p->path, &st) != 0 || !S_ISDIR(st.st_mode))
        return err_fail(err, TC_ERR_IO, "--frames %s: expected a directory", p->path);
    size_t cap = strlen(p->path) + 32;
    char *name = malloc(cap);
    if (!name)
        return err_fail(err, TC_ERR_NOMEM, "out of memory");
    /* Frames are overwritten like -o is, but a longer earlier sequence would
     * leave stale frames after ours: one animation would mix two. */
    snprintf(name, cap, "%s/frame-%04d.png", p->path, steps);
    if (access(name, F_OK) == 0) {
        err_fail(err, TC_ERR_IO,
                 "--frames %s: already holds %s from a longer export; expected a new directory "
                 "or one with at most %d frames",
                 p->path, name + strlen(p->path) + 1, steps);
        free(name);
        return -1;
    }
    int rc = 0;
    for (int k = 0; k < steps && rc == 0; k++) {
        snprintf(name, cap, "%s/frame-%04d.png", p->path, k);
        offscreen_show_step(o, k);
        rc = offscreen_save_png(o, name, err);
        if (rc == 0)
            progress(k + 1, steps);
    }
    free(name);
    return rc;
}

/* The frames, once the command line is known to be right. */
static int run(const AppArgs *a, const Plan *p)
{
    Err err = {0};
    SceneSetup setup;
    if (app_args_setup(a, &setup, &err) != 0) {
        fprintf(stderr, CMD ": %s\n", err.msg);
        return CLI_EXIT_FAIL;
    }
    Offscreen o;
    int rc = offscreen_open(&o, &setup, a->font, p->w, p->h, &err);
    app_args_free(&setup);
    if (rc != 0) {
        fprintf(stderr, CMD ": %s\n", err.msg);
        return CLI_EXIT_FAIL;
    }
    drop_file_note_image(o.scene, &a->layer);
    if (a->lesson && a->view_given) /* an explicit --view wins over the lesson step's */
        scene_set_view(o.scene, a->view);
    int steps = scene_step_count(o.scene);
    int code = CLI_EXIT_OK;
    if (p->kind == OUT_PNG && p->step >= steps) {
        fprintf(stderr,
                CMD ": --step %d is out of range, expected 0..%d (view %s has %d steps)\n",
                p->step, steps - 1, scene_view_name(scene_view(o.scene)), steps);
        code = CLI_EXIT_USAGE;
    } else if (p->kind == OUT_PNG) {
        offscreen_show_step(&o, p->step);
        if (offscreen_save_png(&o, p->path, &err) != 0)
            code = CLI_EXIT_FAIL;
    } else if ((p->kind == OUT_GIF ? write_gif(&o, p, steps, &err)
                                   : write_frames(&o, p, steps, &err)) != 0) {
        code = CLI_EXIT_FAIL;
    }
    if (code == CLI_EXIT_FAIL) /* after a progress line, the error on a line of its own */
        fprintf(stderr, "%s" CMD ": %s\n", progress_open ? "\n" : "", err.msg);
    offscreen_close(&o);
    return code;
}

int app_export(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            help(stdout);
            return CLI_EXIT_OK;
        }
    char *rest[MAX_ARGS + 1];
    int n_rest;
    const char *png;
    AppArgs a;
    Plan p;
    Err err = {0};
    if (take_output(argc, argv, rest, &n_rest, &png, &err) != 0 ||
        app_args_parse(n_rest, rest, 1, extra_flags, &a, &err) != 0 ||
        plan_output(&a, png, &p, &err) != 0) {
        fprintf(stderr, CMD ": %s\n", err.msg);
        return CLI_EXIT_USAGE;
    }
    return run(&a, &p);
}
