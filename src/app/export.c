/* export.c - `tcviz export`: the command line. The visualizer's frames (or
 * figures) as PNG, SVG, GIF or a PNG sequence, rendered without a display;
 * export_run.c writes them.
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
#include <strings.h>

#include "app/export_internal.h"
#include "cli/cli.h"

#define CMD EXPORT_CMD
#define MAX_ARGS 256
#define DEFAULT_W 1600
#define DEFAULT_H 900
#define FIGURE_W 960 /* a figure's default width; its height follows its content */
#define FIGURE_MIN_W 160
#define FIGURE_MIN_H 120
#define DEFAULT_DELAY_MS 500

/* The extra flags app_args_parse collects for us, in this order. -o has its
 * own definition in the layer-flag parser (compute's output .npy) and
 * --figure takes no value, so both are taken out of argv before (take_own). */
static const char *const extra_flags[] = {"--step",  "--gif",         "--frames",     "--size",
                                          "--delay", "--lesson-step", "--background", NULL};
enum { X_STEP, X_GIF, X_FRAMES, X_SIZE, X_DELAY, X_LESSON_STEP, X_BACKGROUND };

typedef struct {
    const char *output; /* -o / --output */
    int figure;         /* --figure */
} OwnFlags;

static void help(FILE *out)
{
    fprintf(out,
            "usage: " CMD " [LESSON.yaml] [LAYER FLAGS] [--view V] [--theme T]\n"
            "                    [--font F] [--size WxH] [--figure] OUTPUT\n"
            "Render the visualizer without a display (software renderer) for slides.\n"
            "OUTPUT is exactly one of:\n"
            "  --step K -o FRAME.png   one frame: the picture after timeline step K\n"
            "  --step K -o FRAME.svg   the same frame as SVG: vector, every label a <text>\n"
            "  --gif OUT.gif           every step, as a looping animated GIF\n"
            "  --frames DIR            every step, as DIR/frame-0000.png, frame-0001.png, ...\n"
            "Steps count from 0 over the whole timeline (view both: the scatter's steps,\n"
            "then the conv2d's); frame-K.png is --step K; --step end is the last step.\n"
            "With a LESSON.yaml:\n"
            "  --lesson-step N         -o draws lesson step N (1-based, as \"Step N / n\"),\n"
            "                          as the player shows it once the step has played;\n"
            "                          --step K picks another position of that step\n"
            "  --gif, --frames         every lesson step in turn (its play range, frame by\n"
            "                          frame), each with its text; a step's last frame\n"
            "                          stays 6 times as long (at least 3 s)\n"
            "  --figure                only the view's grids with their captions and the\n"
            "                          step's sentence (a lesson's step text): no panel,\n"
            "                          timeline or keys; for slides and papers\n"
            "  --background none|theme --figure only: none is transparent (PNG, SVG)\n"
            "  --size WxH              picture size in pixels (default %dx%d, at least\n"
            "                          800x540); a figure: WxH from %dx%d, or W alone for\n"
            "                          a figure as tall as its content (default %d)\n"
            "  --delay MS              --gif only: milliseconds per step (default %d);\n"
            "                          the last step stays 4 times as long (at least 2 s)\n"
            "The same example, layer and data flags as the window:\n",
            DEFAULT_W, DEFAULT_H, FIGURE_MIN_W, FIGURE_MIN_H, FIGURE_W, DEFAULT_DELAY_MS);
    app_args_print_flags(out);
    fprintf(out, "example: " CMD " --strides 2 --padding SAME --gif up.gif --size 1280x720\n"
                 "         " CMD " --figure --view scatter --step end --size 480 -o f.svg\n");
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n > m && strcasecmp(s + n - m, suffix) == 0;
}

/* Move -o/--output (and its value) and --figure out of argv into *own; the
 * rest goes to app_args_parse, whose layer-flag parser reserves -o for .npy
 * output. */
static int take_own(int argc, char **argv, char **rest, int *n_rest, OwnFlags *own, Err *err)
{
    *n_rest = 0;
    memset(own, 0, sizeof *own);
    const char *spelled = NULL;
    for (int i = 0; i < argc; i++) {
        const char *tok = argv[i];
        const char *eq = strchr(tok, '=');
        size_t len = eq ? (size_t)(eq - tok) : strlen(tok);
        if (i > 0 && len == 8 && strncmp(tok, "--figure", 8) == 0) {
            if (eq)
                return err_fail(err, TC_ERR_ARG, "--figure takes no value, got '%s'", tok);
            if (own->figure)
                return err_fail(err, TC_ERR_ARG, "--figure is given twice, expected it once");
            own->figure = 1;
            continue;
        }
        int is_o = i > 0 && ((len == 2 && strncmp(tok, "-o", 2) == 0) ||
                             (len == 8 && strncmp(tok, "--output", 8) == 0));
        if (!is_o) {
            if (*n_rest >= MAX_ARGS)
                return err_fail(err, TC_ERR_ARG, "too many arguments (more than %d)", MAX_ARGS);
            rest[(*n_rest)++] = argv[i];
            continue;
        }
        const char *name = len == 2 ? "-o" : "--output";
        if (own->output)
            return strcmp(spelled, name) == 0
                       ? err_fail(err, TC_ERR_ARG, "%s is given twice, expected it once", name)
                       : err_fail(err, TC_ERR_ARG,
                                  "%s repeats %s (the same flag), expected it once", name,
                                  spelled);
        if (eq)
            own->output = eq + 1;
        else if (i + 1 < argc && argv[i + 1][0] != '-')
            own->output = argv[++i];
        else
            return err_fail(err, TC_ERR_ARG, "%s needs a value: FRAME.png or FRAME.svg", name);
        spelled = name;
        if (!*own->output)
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
static int plan_output(const AppArgs *a, const OwnFlags *own, ExportPlan *p, Err *err)
{
    const char *png = own->output;
    const char *step = a->extra[X_STEP], *gif = a->extra[X_GIF], *dir = a->extra[X_FRAMES];
    const char *size = a->extra[X_SIZE], *delay = a->extra[X_DELAY];
    const char *lstep = a->extra[X_LESSON_STEP], *bg = a->extra[X_BACKGROUND];
    int outputs = (png != NULL) + (gif != NULL) + (dir != NULL);
    if (outputs == 0 && (step || lstep))
        return err_fail(err, TC_ERR_ARG, "%s needs -o FRAME.png to write the frame to",
                        step ? "--step" : "--lesson-step");
    if (outputs == 0)
        return err_fail(err, TC_ERR_ARG,
                        "nothing to write: give --step K -o FRAME.png, --gif OUT.gif or "
                        "--frames DIR");
    if (outputs > 1)
        return err_fail(err, TC_ERR_ARG, "%s and %s cannot be combined, expected one output",
                        png ? "-o" : "--gif", dir ? "--frames" : "--gif");
    if (lstep && !a->lesson)
        return err_fail(err, TC_ERR_ARG, "--lesson-step needs a LESSON.yaml to take the step from");
    if (png && !step && !lstep)
        return err_fail(err, TC_ERR_ARG,
                        "-o needs --step K (or --step end, --lesson-step N): which step to draw");
    if ((step || lstep) && !png)
        return err_fail(err, TC_ERR_ARG, "%s applies to -o FRAME.png only (%s writes every step)",
                        step ? "--step" : "--lesson-step", gif ? "--gif" : "--frames");
    if (delay && !gif)
        return err_fail(err, TC_ERR_ARG, "--delay applies to --gif only");
    if (bg && !own->figure)
        return err_fail(err, TC_ERR_ARG,
                        "--background applies to --figure only (a whole frame has its theme's)");
    memset(p, 0, sizeof *p);
    p->figure = own->figure;
    p->kind = png ? (ends_with(png, ".svg") ? OUT_SVG : OUT_PNG) : gif ? OUT_GIF : OUT_FRAMES;
    p->path = png ? png : gif ? gif : dir;
    if (!*p->path)
        return err_fail(err, TC_ERR_ARG, "%s: expected a path, got an empty one",
                        png ? "-o" : gif ? "--gif" : "--frames");
    if (png && !ends_with(png, ".png") && !ends_with(png, ".svg"))
        return err_fail(err, TC_ERR_ARG, "-o: expected a FRAME.png or FRAME.svg name, got '%s'",
                        png);
    if (gif && !ends_with(gif, ".gif"))
        return err_fail(err, TC_ERR_ARG, "--gif: expected an OUT.gif name, got '%s'", gif);
    p->step = EXPORT_STEP_NONE;
    if (step && strcmp(step, "end") == 0)
        p->step = EXPORT_STEP_END;
    else if (step && parse_int(step, 0, 1000000000, &p->step) != 0)
        return err_fail(err, TC_ERR_ARG,
                        "--step: expected a step number 0, 1, 2, ... or end, got '%s'", step);
    if (lstep && parse_int(lstep, 1, 1000000000, &p->lesson_step) != 0)
        return err_fail(err, TC_ERR_ARG,
                        "--lesson-step: expected a step number 1, 2, 3, ... (\"Step N / n\"), "
                        "got '%s'",
                        lstep);
    if (bg && strcmp(bg, "none") != 0 && strcmp(bg, "theme") != 0)
        return err_fail(err, TC_ERR_ARG, "--background: expected none or theme, got '%s'", bg);
    p->transparent = bg && strcmp(bg, "none") == 0;
    if (p->transparent && gif)
        return err_fail(err, TC_ERR_ARG,
                        "--background none: a GIF is written opaque here, expected -o FRAME.png, "
                        "-o FRAME.svg or --frames DIR");
    int ms = DEFAULT_DELAY_MS;
    if (delay && parse_int(delay, 10, 60000, &ms) != 0)
        return err_fail(err, TC_ERR_ARG, "--delay: expected milliseconds 10..60000, got '%s'",
                        delay);
    p->delay_cs = (ms + 5) / 10;
    p->w = p->figure ? FIGURE_W : DEFAULT_W;
    p->h = p->figure ? 0 : DEFAULT_H;
    if (!size)
        return 0;
    return p->figure ? app_parse_size_within(size, FIGURE_MIN_W, FIGURE_MIN_H, 1, &p->w, &p->h, err)
                     : app_parse_size(size, &p->w, &p->h, err);
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
    OwnFlags own;
    AppArgs a;
    ExportPlan p;
    Err err = {0};
    if (take_own(argc, argv, rest, &n_rest, &own, &err) != 0 ||
        app_args_parse(n_rest, rest, 1, extra_flags, &a, &err) != 0 ||
        plan_output(&a, &own, &p, &err) != 0) {
        fprintf(stderr, CMD ": %s\n", err.msg);
        return CLI_EXIT_USAGE;
    }
    return export_run(&a, &p);
}
