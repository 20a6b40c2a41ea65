/* app_args.h - the command line shared by the window, `export` and
 * `bench render`: an optional LESSON.yaml, the layer flags of `tcviz compute`
 * (cli_args.h; op fixed to conv2d_transpose, --kernel as alias of --filter)
 * and the app's own flags, turned into a SceneSetup.
 *
 *     AppArgs a;
 *     if (app_args_parse(argc, argv, first, extra_flags, &a, &err) != 0) ... exit 2
 *     if (app_args_setup(&a, &setup, &err) != 0) ... exit 1   // loads .npy / lesson
 *     ... scene_create(&setup, ...) ...
 *     app_args_free(&setup);
 */
#ifndef TCVIZ_APP_ARGS_H
#define TCVIZ_APP_ARGS_H

#include <stdio.h>

#include "cli/cli_args.h"
#include "ui/scene.h"

#define APP_MAX_EXTRA 8

typedef struct {
    CliLayerArgs layer;      /* layer flags; layer.spec.op == OP_CONV2D_TRANSPOSE */
    const char *lesson;      /* LESSON.yaml positional, or NULL */
    const char *layer_flag;  /* the first layer flag given, or NULL: no layer flag at all,
                              * so app_args_setup leaves the default example */
    const char *font;        /* --font PATH, or NULL */
    ViewKind view;           /* --view scatter|conv2d|both (default both) */
    int view_given;          /* --view was given (it then overrides a lesson step's view) */
    ThemeKind theme;         /* --theme light|dark|projector */
    int reduced_motion;      /* --reduced-motion */
    float text_scale;        /* --text-scale F (0: not given) */
    int present;             /* --present */
    int help;                /* --help / -h */
    /* The caller's own flags (e.g. "--step", "--gif", "--size"), each with
     * one value, in the order of the extra_flags list given to parse. */
    const char *extra[APP_MAX_EXTRA];
} AppArgs;

/* Parse argv[first..argc-1]. extra_flags: NULL-terminated list of the
 * caller's own value flags, or NULL. Fails (TC_ERR_ARG) naming the argument. */
int app_args_parse(int argc, char **argv, int first, const char *const *extra_flags,
                   AppArgs *a, Err *err);

/* Fill setup (tensors loaded from .npy or the lesson; zeroed fields mean
 * the default example). Fails naming the file. */
int app_args_setup(const AppArgs *a, SceneSetup *setup, Err *err);
void app_args_free(SceneSetup *setup);

/* `tcviz` with no arguments: lesson 1 of the course (lesson_dir_default())
 * into setup->lesson when it is there and loads, so the window opens on the
 * default example with its narrative; otherwise setup stays as it is. */
void app_args_default_lesson(SceneSetup *setup);

/* The flags above, one per line, for the callers' --help. */
void app_args_print_flags(FILE *out);

/* "--text-scale F": a decimal within SCENE_TEXT_SCALE_MIN..MAX. */
int app_parse_text_scale(const char *text, float *out, Err *err);

/* "--size WxH" -> w, h within 800x540 (the smallest clean layout) .. 7680x4320. */
int app_parse_size(const char *text, int *w, int *h, Err *err);
/* The same within min_w x min_h .. 7680x4320; with width_only, "W" alone is
 * accepted too and sets *h = 0 (a height to be chosen later). */
int app_parse_size_within(const char *text, int min_w, int min_h, int width_only, int *w, int *h,
                          Err *err);

#endif
