/* scene.h - the visualizer's whole state and behaviour, without SDL.
 *
 * A Scene owns the configuration (convention, parameters, tensors), the core
 * traces built from it, the timeline, hover/pin state and the panels. The app
 * feeds it input and time, asks it to draw into a DrawList, and carries out
 * the requests it raises (quit, fullscreen, ...). Tests drive a Scene with
 * synthetic UiInput and inspect the DrawList.
 *
 *     SceneSetup setup = {0};                 // zero: the default example
 *     Scene *s = scene_create(&setup, measure, font_user, &err);
 *     for (;;) {
 *         scene_handle_input(s, &input);
 *         int animating = scene_update(s, dt);
 *         scene_draw(s, &input, &dl);
 *         ... render dl; if (!animating) wait for an event ...
 *         if (scene_requests(s)->quit) break;
 *     }
 *     scene_free(s);
 */
#ifndef TCVIZ_SCENE_H
#define TCVIZ_SCENE_H

#include "core/layer.h"
#include "core/status.h"
#include "core/tensor.h"
#include "io/lesson.h"
#include "ui/draw.h"
#include "ui/input.h"

/* The first three play the scatter and its conv2d-equivalent; the others
 * are the rest of the explanation (matrix form, gradient, channels,
 * overlap map, the 1-D picture, framework code). */
typedef enum {
    VIEW_BOTH = 0,
    VIEW_SCATTER,
    VIEW_CONV2D,
    VIEW_MATRIX,
    VIEW_GRADIENT,
    VIEW_CHANNELS,
    VIEW_OVERLAP,
    VIEW_ONED,
    VIEW_STACK,
    VIEW_CODE,
    VIEW_COUNT
} ViewKind;
typedef enum { THEME_LIGHT = 0, THEME_DARK, THEME_PROJECTOR, THEME_COUNT } ThemeKind;

typedef struct {
    /* The layer; op must be OP_CONV2D_TRANSPOSE. Zeroed: the default example
     * (3x3 input, 2x2 kernel, stride 2, SAME, output 6x6, TF convention). */
    LayerSpec spec;
    /* Tensors in the convention's layouts (NHWC + HWOI, or NCHW + IOHW);
     * data == NULL means "use the default example's tensor" (or a preset
     * sized by the spec). The scene copies them. */
    Tensor input, filter, bias;
    ViewKind view;
    ThemeKind theme;
    int reduced_motion;
    int start_step;   /* timeline position to open at */
    /* Text size relative to the window's (0 = 1; clamped to
     * SCENE_TEXT_SCALE_MIN..MAX): every text, and what is sized from it. */
    float text_scale;
    int present;      /* open in presenter mode (scene_set_present) */
    /* A lesson to open at its first step (its layer, view, position,
     * highlight and narrative replace the fields above), or NULL. The scene
     * moves its contents out (leaving *lesson zeroed); the caller still
     * calls lesson_free on it, which is a no-op once it was taken. */
    Lesson *lesson;
    const char *lesson_dir; /* the lesson browser's directory; NULL: lesson_dir_default() */
    /* Keep course progress (scene_progress.h) in the user's data directory:
     * the window does; exports, benches and tests leave it off. */
    int keep_progress;
} SceneSetup;

/* What the scene asks the app to do; cleared by the app after handling. */
typedef struct {
    int quit;
    int toggle_fullscreen;
    int screenshot;          /* F12: app saves a PNG */
    char message[256];       /* a status/error line the app may print */
    /* Ctrl+C: put `clipboard` (UTF-8, NUL-terminated: the selected code
     * snippet) on the system clipboard, e.g. SDL_SetClipboardText. */
    int copy;
    char clipboard[4096];
} SceneRequests;

typedef struct Scene Scene;

Scene *scene_create(const SceneSetup *setup, TextMeasureFn measure, void *measure_user,
                    Err *err);
void scene_free(Scene *s);

void scene_handle_input(Scene *s, const UiInput *in);
/* Advance playback and tweens by dt seconds; returns 1 while something moves. */
int scene_update(Scene *s, double dt);
/* Starts dl (draw_begin) and fills it with the whole frame. The frame's
 * update comes first (the layout when the window, layer, view, zoom, pan or
 * captions changed; the view's per-frame work such as a slice of the
 * gradient check or scrolling the matrix to the current row); the rest
 * only draws. */
void scene_draw(Scene *s, const UiInput *in, DrawList *dl);
SceneRequests *scene_requests(Scene *s);

/* Timeline access for export and bench. */
int scene_step_count(const Scene *s);
void scene_seek(Scene *s, int step);      /* jump, no tween */
void scene_set_view(Scene *s, ViewKind v);

/* Replace the input or filter from a file the user dropped or loaded
 * (convention layout). Keeps the old state and fills err if invalid. */
int scene_set_tensor(Scene *s, const char *which, const Tensor *t, Err *err);

/* ---- files, playback, text input, probes ---- */

/* Load a .npy into "input" or "filter" ("kernel" too): rank 4 in the
 * convention's layout, or rank 2 (one H x W slice). Keeps the old state and
 * fills err if invalid. scene_handle_input does this for dropped_file. */
int scene_load_file(Scene *s, const char *which, const char *path, Err *err);

/* Start or stop playback (bench: render a playing timeline). */
void scene_set_playing(Scene *s, int playing);

/* 1 while a cell editor takes typed text (SDL_StartTextInput may follow it;
 * keeping text input on all the time is fine too). */
int scene_wants_text(const Scene *s);

/* The status sentence of the current step, e.g.
 * "x[1,1] = 1 scatters 1·w into out[2:4, 2:4]" (UTF-8). */
const char *scene_status(Scene *s);

/* Screen rectangle of a grid cell in the last handled/drawn frame, for pixel
 * probes; grid is a GridId of ui/layout.h (GRID_INPUT = 0, GRID_KERNEL,
 * GRID_CANVAS, GRID_PADDED, GRID_ROTKERNEL, GRID_PRODUCTS, GRID_OUTPUT, then
 * the matrix, gradient, channels and overlap views' grids). Returns 0 if the
 * grid is not shown (a matrix cell scrolled out of view still has a rect). */
int scene_cell_rect(const Scene *s, int grid, int row, int col, Rect *r);
/* The widgets (buttons, steppers, the scrub bar) placed in the last drawn
 * frame, for tests of the layout: *rects points into the scene. */
int scene_widget_rects(const Scene *s, const Rect **rects);

/* A figure for slides (`tcviz export --figure`): the current view's grids
 * with their captions and, below them, the step's sentence (the lesson
 * step's text while a lesson is open), laid out in in->width x in->height
 * with no header, panel, status line, timeline, narrative or overlays.
 * background 0: no background fill (a transparent picture). Starts dl.
 * scene_cell_rect then answers for the figure's grids. */
void scene_draw_figure(Scene *s, const UiInput *in, int background, DrawList *dl);

/* The user's text size (Ctrl+= / Ctrl+- / Ctrl+0, --text-scale): a factor
 * of the window's text size, SCENE_TEXT_SCALE_MIN..MAX (set clamps). The
 * projector theme and presenter mode enlarge text further. */
#define SCENE_TEXT_SCALE_MIN 0.5f
#define SCENE_TEXT_SCALE_MAX 3.0f
void scene_set_text_scale(Scene *s, float f);
float scene_text_scale(const Scene *s);

/* Presenter mode (F5, --present): the view and the narrative with text
 * SCENE_PRESENT_TEXT (scene_layout.h) times larger; the panel and the
 * timeline bar hidden until the mouse comes to the right or bottom edge
 * (or h shows them), with the header. */
void scene_set_present(Scene *s, int on);
int scene_present(const Scene *s);

/* The colour a theme uses for the current-step highlight (probes). */
Color scene_highlight_color(const Scene *s);
/* The colour of the focus cell's links: the lesson's while the focus is the
 * lesson step's highlighted cell, the hover link's otherwise. */
Color scene_link_color(const Scene *s);

/* Names used by --view / --theme and the panel: "both", "scatter",
 * "conv2d", ...; "light", "dark", "projector". Parse returns -1 for an
 * unknown name. */
const char *scene_view_name(ViewKind v);
int scene_view_parse(const char *name, ViewKind *out);
int scene_theme_parse(const char *name, ThemeKind *out);

/* Show a line in the panel (error = 1: as an error), e.g. the app's
 * "saved screenshot tcviz-20240101-120000.png". */
void scene_set_message(Scene *s, int error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* ---- the lesson player (scene_lesson.c) ---- */

/* Open a lesson file at its first step; on failure the scene keeps its
 * state and err (also shown in the panel) says why. */
int scene_open_lesson(Scene *s, const char *path, Err *err);
/* Go to step k (0-based) of the open lesson: its layer, view, timeline
 * position (a play range starts playing and stops at its end), highlight. */
int scene_lesson_goto(Scene *s, int step, Err *err);
/* The open lesson's current step (0-based) and step count; -1 and 0 when
 * none is open. */
int scene_lesson_step(const Scene *s);
int scene_lesson_steps(const Scene *s);
/* The view shown (a lesson step chooses its own). */
ViewKind scene_view(const Scene *s);
/* 1 while the lesson browser (L) is shown. */
int scene_lesson_browsing(const Scene *s);

/* ---- what a link reproduces (scene_link.c) ---- */
typedef struct {
    /* The open lesson's file and its current step (0-based), while the
     * user has not changed the step's layer; NULL otherwise. */
    const char *lesson_path;
    int lesson_step;
    const LayerSpec *spec;        /* the layer shown */
    const Tensor *input, *filter; /* its tensors (convention layouts) */
    int unit;                     /* timeline position, 0-based (the window shows unit + 1) */
} SceneLinkState;
void scene_link_state(const Scene *s, SceneLinkState *out);

#endif
