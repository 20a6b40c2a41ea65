/* scene_internal.h - the Scene struct and the functions its files share.
 *
 * The scene is split by job: scene.c (life cycle, phases, update),
 * scene_input.c (keys, mouse, the action switch), scene_model.c (traces and
 * per-step caches built from the configuration), scene_params.c (parameter
 * and convention changes), scene_data.c (presets, typed values, loaded
 * tensors), scene_text.c (every sentence the scene shows), scene_panel.c
 * (parameter panel and timeline bar), scene_draw.c (frame composition and
 * overlays), view_scatter.c and view_conv2d.c (the two views), paint.c
 * (grid drawing shared by the views). Only these files include this header. */
#ifndef TCVIZ_SCENE_INTERNAL_H
#define TCVIZ_SCENE_INTERNAL_H

#include "core/trace.h"
#include "ui/keys.h"
#include "ui/layout.h"
#include "ui/scene.h"
#include "ui/theme.h"
#include "ui/timeline.h"
#include "ui/widgets.h"

/* Size limits of what the visualizer draws (the CLI has none of these). */
#define VIZ_MAX_INPUT 64
#define VIZ_MAX_KERNEL 15
#define VIZ_MAX_STRIDE 8
#define VIZ_MAX_DILATION 8
#define VIZ_MAX_PADDING 16
#define VIZ_MAX_CANVAS 200 /* cells per side of the canvas and the padded input */

#define MUL "\xc2\xb7" /* U+00B7 MIDDLE DOT, as in x[1,1]·w[0,1] */

typedef enum {
    PRESET_CUSTOM = 0, /* the default example, loaded or edited data */
    PRESET_ONES,
    PRESET_ARANGE,
    PRESET_RANDOM,
    PRESET_IDENTITY,
    PRESET_COUNT
} Preset;

/* Which core trace a timeline phase plays. */
typedef enum { PHASE_SCATTER = 0, PHASE_GATHER } PhaseKind;

/* Everything derived from one configuration: built together, swapped in
 * only when the whole build succeeded. */
typedef struct {
    ConvGeom g;
    ScatterTrace st;              /* x, w (canonical copies), checkpoints, output */
    GatherTrace gt;               /* zero-inserted, padded, rotated kernel, output */
    int *overlap;                 /* [full_h, full_w] products per canvas cell */
    float vmax_x, vmax_w, vmax_y; /* max |value| of input, kernel, canvas and output */
    /* Per-step caches, allocated at build so frames never allocate. */
    float *canvas[2]; /* trace_scatter_partial(canvas_k[i]) */
    int canvas_k[2];
    int canvas_lru;
    float *copy; /* weighted copy x[k]*w[.., co] on a k_eff_h x k_eff_w grid */
    int copy_k, copy_co;
    float *products; /* trace_gather_step products, [c_count, kh, kw] */
    GatherStep gstep;
    int prod_k;
} Model;

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

struct Scene {
    /* configuration */
    LayerSpec spec;
    Tensor input, filter, bias; /* convention layouts; bias.data may be NULL */
    Preset preset_x, preset_w;
    Model m;

    /* playback and view state */
    Timeline tl;
    ViewKind view;
    ThemeKind theme;
    int reduced_motion;
    int last_phase; /* to notice entering the conv2d phase */
    double rot;     /* kernel rotation tween: 0 as given, 1 rotated by 180 degrees */
    int rot_running;
    float zoom;
    int pan_x, pan_y;
    int help;
    int ci, co, n; /* channels and batch item shown */

    /* pointer state */
    CellRef hover, pin, sel;
    int dragging, drag_moved, drag_x, drag_y, press_x, press_y;
    CellRef press_cell;
    int editing;
    char edit[32];

    /* messages */
    char msg[ERR_MSG_MAX];
    int msg_error;

    /* frame */
    TextMeasureFn measure;
    void *measure_user;
    UiContext ui;
    ScreenLayout layout;
    int have_layout;
    int short_captions; /* the window is too small for the long grid captions */
    int call_px;        /* header: the call's text size (title, or body when wrapped) */
    SceneRequests req;
    char status[512];
    char tooltip[512];
};

/* ---- scene_model.c ---- */
int model_build(Model *m, const LayerSpec *spec, const Tensor *x, const Tensor *w,
                const Tensor *bias, Err *err);
void model_free(Model *m);
/* The uncropped canvas after k scatter steps (cached). */
const float *model_canvas(Model *m, int k);
/* Step k's weighted kernel copy into output channel co: [k_eff_h, k_eff_w]. */
const float *model_copy(Model *m, int k, int co);
/* Gather step k with its products (cached). */
const float *model_products(Model *m, int k, GatherStep *s);
/* Kernel slice offsets (NULL-safe: -1 when ci and co are not connected). */
long model_w_offset(const Model *m, int ci, int co);   /* into st.w, IOHW */
long model_rot_offset(const Model *m, int co, int ci); /* into gt.eq.kernel, OIHW */

/* ---- scene.c ---- */
void scene_moment(const Scene *s, Moment *mo);
PhaseKind scene_phase_kind(const Scene *s, int phase);
void scene_after_move(Scene *s); /* a step: tweens may run */
void scene_after_jump(Scene *s); /* a seek: no tweens */
void scene_model_changed(Scene *s);
void scene_relayout(Scene *s, const UiInput *in);
CellRef scene_focus(const Scene *s); /* hover, or the pin when not hovering */
void scene_do(Scene *s, UiAction a);
void scene_set_message(Scene *s, int error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* ---- scene_params.c ---- */
/* Take spec and (when not NULL and non-empty) x, w: 0, or -1 with the old
 * state kept and the message shown. Consumes x and w either way. */
int scene_apply(Scene *s, const LayerSpec *spec, Tensor *x, Tensor *w, Err *err);
void scene_param_action(Scene *s, UiAction a);
void scene_cycle_preset(Scene *s, int kernel);
void scene_toggle_convention(Scene *s);
void scene_set_padding_mode(Scene *s, PadMode mode);

/* ---- scene_data.c ---- */
int scene_commit_edit(Scene *s);
const char *preset_name(Preset p);
int fill_preset(Tensor *t, Preset p);
int make_default_tensors(const LayerSpec *spec, Tensor *x, Tensor *w, Err *err);
/* dst = src at a new H x W: regenerated from the preset, or (custom data)
 * the overlapping values kept and new cells zero. */
int data_resize_spatial(const Tensor *src, int nh, int nw, Preset p, Tensor *dst, Err *err);

/* ---- scene_text.c ---- */
void text_call(const Scene *s, char *buf, size_t cap);
void text_shapes(const Scene *s, char *buf, size_t cap);
void text_status(Scene *s, char *buf, size_t cap);
void text_tooltip(Scene *s, CellRef c, char *buf, size_t cap);
void text_caption(const Scene *s, GridId g, char *buf, size_t cap);

/* ---- scene_panel.c ---- */
void scene_build_widgets(Scene *s, UiContext *ui);

/* ---- scene_draw.c ---- */
int scene_text_width(const Scene *s, int px, const char *t);
/* Greedy word wrap of t into r (dl NULL: only count); returns the lines. */
int scene_wrap_text(const Scene *s, DrawList *dl, Rect r, int px, Color c, const char *t);

/* ---- views ---- */
void view_scatter_draw(Scene *s, DrawList *dl);
void view_conv2d_draw(Scene *s, DrawList *dl);

/* ---- paint.c: grid drawing shared by the views ---- */
typedef struct {
    DrawList *dl;
    const Theme *th;
    TextMeasureFn measure;
    void *measure_user;
    int body_px;
} Painter;

typedef Color (*CellColorFn)(const void *ctx, int row, int col);
typedef int (*CellTextFn)(const void *ctx, int row, int col, char *buf, size_t cap, Color *fg);

void paint_init(Painter *p, const Scene *s, DrawList *dl);
/* Fill every cell, merging equal neighbours in a row into one rect. */
void paint_cells(Painter *p, const GridLayout *g, CellColorFn color, const void *ctx);
/* Numbers in the cells that can hold them. */
void paint_numbers(Painter *p, const GridLayout *g, CellTextFn text, const void *ctx);
void paint_grid_lines(Painter *p, const GridLayout *g);
void paint_cell_frame(Painter *p, const GridLayout *g, int row, int col, Color c, int thick);
/* Text size for numbers in cells of this size, 0 when none fits. */
int paint_number_px(const Painter *p, int cell);
/* Draw s centred in r if it fits at px (shrinking to the minimum); 1 if drawn. */
int paint_fit_text(Painter *p, Rect r, int px, Color c, const char *s);
void paint_check(Painter *p, Rect cell, Color c);
void paint_cross(Painter *p, Rect cell, Color c);
void paint_caption(Painter *p, const GridLayout *g, const char *s);
int paint_thick(const GridLayout *g);
/* Smoothstep of a tween fraction: motion that starts and lands gently. */
double ease(double t);
Rect rect_lerp(Rect a, Rect b, double t);

#endif
