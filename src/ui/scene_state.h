/* scene_state.h - the bottom of the scene: the Scene struct and what every
 * layer above reads of it - the moment on the timeline, the phases the view
 * plays, the focused cell, the message line (scene_state.c).
 *
 * The scene's files, bottom-up (each calls only files below it):
 *   state    scene_state.c, text.c, text_fit.c, view_text.c
 *   model    scene_model.c, scene_lazy.c, scene_tensors.c, scene_history.c,
 *            scene_grad.c, scene_apply.c, scene_data.c, scene_resize.c,
 *            scene_paste.c, scene_save.c
 *   actions  scene_params.c, scene_undo.c, scene_lesson.c, scene_actions.c
 *   widgets  scene_panel.c
 *   layout   scene_layout.c
 *   input    scene_input.c
 *   draw     paint.c, view_*.c, views.c, view_narrative.c, scene_draw.c,
 *            scene_figure.c
 *   top      scene.c (life cycle, update, the public odds and ends)
 * A view includes view.h and paint.h: it sees state, model and text, not
 * actions, input or the frame's composition.
 *
 *     Moment mo;
 *     scene_moment(s, &mo);          // phase, step, what has landed
 *     if (mo.kind == PHASE_GATHER) ...
 */
#ifndef TCVIZ_SCENE_STATE_H
#define TCVIZ_SCENE_STATE_H

#include "core/terms.h"
#include "core/trace.h"
#include "ui/keys.h"
#include "ui/layout.h"
#include "ui/scene.h"
#include "ui/scene_lesson.h"
#include "ui/scene_model.h"
#include "ui/scene_tensors.h"
#include "ui/snippet.h"
#include "ui/theme.h"
#include "ui/timeline.h"
#include "ui/widgets.h"

#define MUL "\xc2\xb7" /* U+00B7 MIDDLE DOT, as in x[1,1]·w[0,1] */

/* Which core trace a timeline phase plays: the scatter (one input element
 * per step), the conv2d-equivalent (one output cell per step), the rows of
 * C^T (one output cell per step), d_x of the gradient view (one d_x cell per
 * step, the same cells as the transposed conv's output) and d_w (one tap). */
typedef enum { PHASE_SCATTER = 0, PHASE_GATHER, PHASE_MATRIX, PHASE_DX, PHASE_DW } PhaseKind;

/* A lesson step's build-up of the conv2d-equivalent's input, shown before
 * the window slides (the order of lesson.h's LESSON_BUILD_NAMES): the zeros
 * inserted cell by cell, then the padding ring by ring, then the kernel
 * turning by 180 degrees. */
typedef enum { BUILD_NONE = 0, BUILD_ZEROS, BUILD_PADDING, BUILD_KERNEL } BuildStage;

/* The gradient view: out = conv2d(x, w) and its backward pass for d_out =
 * the layer's x (so d_x is the layer's y) or values the user types. x and d_out belong to the scene (they survive rebuilds
 * while their shapes stay); the rest is derived, all by core functions. */
typedef struct {
    int state;            /* 0 stale, 1 built, -1 failed (msg) */
    char msg[ERR_MSG_MAX];
    float *x;             /* forward input [N,Cb,H,W]: small random integers */
    float *dout;          /* [N,Cs,h,w]: the layer's x unless edited */
    size_t x_count, dout_count;
    int x_custom, dout_custom; /* edited by the user */
    float *w;             /* copy of the layer's weights, OIHW of the forward conv */
    float *out;           /* op_conv2d(x, w) */
    float *dx;            /* op_conv2d_backprop_input(w, d_out) */
    float *dx_t;          /* op_conv2d_transpose(d_out, w): must equal dx */
    float *dw;            /* op_conv2d_backprop_filter(x, d_out) */
    EquivConv eq;         /* d_out zero-inserted and padded, rot180(w): conv2d of them = dx */
    int textbook;         /* stride 1, VALID: eq.padded is pad_full(d_out) */
    double *fd_dx, *fd_dw; /* finite differences (gradcheck.h), filled a budget at a time */
    size_t fd_dx_done, fd_dw_done;
    double fd_max_diff;   /* max |analytic - numeric| over the cells checked */
    int dx_t_same;        /* dx == dx_t everywhere */
    int dout_is_x;        /* d_out holds the layer's x ... */
    int dx_is_y;          /* ... and d_x equals the layer's y everywhere */
    float vmax_x, vmax_out, vmax_dout, vmax_dx, vmax_dw, vmax_w;
} GradModel;

typedef struct {
    GridId grid; /* GRID_NONE: no cell */
    int row, col;
} CellRef;

/* What the timeline shows right now, resolved for the views. */
typedef struct {
    PhaseKind kind;
    int phase; /* timeline phase index */
    TimelineCursor c;
    int landed;       /* the unit's motion is over (tween done) */
    int taps_landed;  /* products of step c.step already on the canvas / in the products */
    int done;         /* core steps of this phase complete (on the canvas / filled) */
    int scatter_done; /* scatter steps on the canvas (all of them in the gather phase) */
    int gather_done;  /* output cells filled by the conv2d-equivalent */
} Moment;

typedef struct ViewOps ViewOps; /* ui/view.h */

/* What a layout is computed from: the same key, the same layout. */
typedef struct {
    int width, height;
    float scale;
    ViewKind view;
    float zoom;
    int pan_x, pan_y;
    long model_gen;  /* the layer (header lines, grid sizes, captions) */
    int ci, co;      /* channels named in captions */
    int turn;        /* the kernel's caption: 0 as given, 1 turning, 2 rotated */
    int lesson_open; /* the narrative column */
    int figure, figure_caption_h; /* a figure's layout (scene_figure.c) */
    int status_lines;             /* the status line's wrapped lines */
    int no_chrome;                /* presenter mode with the panel and timeline hidden */
} LayoutKey;

struct Scene {
    /* the views, one row per ViewKind (views.c), set at creation */
    const ViewOps *const *views;

    /* configuration */
    LayerSpec spec;
    Tensor input, filter, bias; /* convention layouts; bias.data may be NULL */
    Preset preset_x, preset_w;
    /* Hash of the generated example input (0: x came from a file or lesson):
     * the panel says "x: example" while x still equals it (scene_panel.c). */
    unsigned long long example_x_hash;
    Model m;

    /* playback and view state */
    Timeline tl;
    ViewKind view;
    ThemeKind theme;
    int reduced_motion;
    int last_phase; /* to notice entering the conv2d phase */
    double rot;     /* kernel rotation tween: 0 as given, 1 rotated by 180 degrees */
    int rot_running;
    /* A build-up on show (BUILD_NONE: none), its animation's progress 0..1,
     * and the timeline unit it belongs to: moving the timeline ends it. */
    BuildStage build;
    double build_t;
    int build_unit;
    float zoom;
    int pan_x, pan_y;
    float text_scale; /* the user's text size factor (scene_set_text_scale) */
    int present;      /* presenter mode (scene_present.c) */
    int present_chrome; /* presenter mode: the panel and timeline are shown */
    int present_pinned; /* presenter mode: h keeps them shown */
    int help;
    int ci, co, n; /* channels and batch item shown */
    GradModel grad;
    int mat_follow;  /* timeline unit the matrix view last scrolled to */
    int snippet;     /* code view: the selected snippet (SnippetKind) */
    Snippet *code;   /* [SNIPPET_COUNT] for the current layer, or NULL: stale */
    char code_err[SNIPPET_COUNT][ERR_MSG_MAX];
    struct SceneHistory *hist; /* undo/redo states (scene_history.c), NULL: none yet */

    /* pointer state */
    CellRef hover, pin, sel;
    int dragging, drag_moved, drag_x, drag_y, press_x, press_y;
    CellRef press_cell;
    int editing;
    char edit[32];

    /* messages */
    char msg[ERR_MSG_MAX];
    int msg_error;
    double msg_age; /* seconds since it was set (presenter mode's toast) */
    /* The legend's keys seen since the view (legend_view) or the layer
     * (legend_gen) changed (scene_legend.c). */
    unsigned legend_marks;
    int legend_view;
    long legend_gen;

    /* frame */
    TextMeasureFn measure;
    void *measure_user;
    UiContext ui;
    ScreenLayout layout;
    int have_layout;
    LayoutKey layout_key; /* what layout was computed from */
    long layouts;         /* layout passes since creation */
    long model_gen;       /* counts layer changes */
    int short_captions; /* the window is too small for the long grid captions */
    int call_px;        /* header: the call's text size (title, or body when wrapped) */
    /* The frame is a figure (scene_figure.c): laid out without the chrome,
     * figure_caption_h px kept below the grids for the caption. */
    int figure, figure_caption_h;
    SceneRequests req;
    char status[512];
    /* Lines the status has needed since the layout last changed for another
     * reason: it grows to fit a long sentence and does not shrink back at
     * every step, so the grids do not jump while the timeline plays. */
    int status_lines;
    char tooltip[512];

    LessonPlayer lp; /* the open lesson and the browser (scene_lesson.c) */
    StageEdits stage_edits; /* the stack view's edits of its chain (scene_stack.c) */
};

/* ---- the moment, phases and playback position (scene_state.c) ---- */
void scene_moment(const Scene *s, Moment *mo);
PhaseKind scene_phase_kind(const Scene *s, int phase);
void scene_after_move(Scene *s); /* a step: tweens may run */
void scene_after_jump(Scene *s); /* a seek: no tweens */
/* A new scene's timeline: the view's phases, at the start. */
void scene_timeline_start(Scene *s);
/* The layer changed: new step counts for the same view, channels clamped,
 * pointer state cleared (scene_apply calls it). */
void scene_timeline_rebuild(Scene *s);
CellRef scene_focus(const Scene *s); /* hover, or the pin when not hovering */
/* Show a build-up stage at the current position (animated unless reduced
 * motion); advance its animation by dt seconds (1 while it still moves). */
void scene_build_start(Scene *s, BuildStage b);
int scene_build_update(Scene *s, double dt);
/* scene_set_message, scene_seek, scene_set_view, scene_set_playing and
 * scene_step_count are public: ui/scene.h. */

#endif
