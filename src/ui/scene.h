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
#include "ui/draw.h"
#include "ui/input.h"

typedef enum { VIEW_BOTH = 0, VIEW_SCATTER, VIEW_CONV2D, VIEW_COUNT } ViewKind;
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
} SceneSetup;

/* What the scene asks the app to do; cleared by the app after handling. */
typedef struct {
    int quit;
    int toggle_fullscreen;
    int screenshot;          /* F12: app saves a PNG */
    char message[256];       /* a status/error line the app may print */
} SceneRequests;

typedef struct Scene Scene;

Scene *scene_create(const SceneSetup *setup, TextMeasureFn measure, void *measure_user,
                    Err *err);
void scene_free(Scene *s);

void scene_handle_input(Scene *s, const UiInput *in);
/* Advance playback and tweens by dt seconds; returns 1 while something moves. */
int scene_update(Scene *s, double dt);
void scene_draw(Scene *s, const UiInput *in, DrawList *dl);
SceneRequests *scene_requests(Scene *s);

/* Timeline access for export and bench. */
int scene_step_count(const Scene *s);
void scene_seek(Scene *s, int step);      /* jump, no tween */
void scene_set_view(Scene *s, ViewKind v);

/* Replace the input or filter from a file the user dropped or loaded
 * (convention layout). Keeps the old state and fills err if invalid. */
int scene_set_tensor(Scene *s, const char *which, const Tensor *t, Err *err);

#endif
