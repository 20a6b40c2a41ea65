/* scene_internal.h - the Scene struct and the functions its files share.
 *
 * The scene is split by job: scene.c (life cycle, phases, update),
 * scene_input.c (keys, mouse, the action switch), scene_model.c (traces and
 * per-step caches built from the configuration), scene_params.c (parameter
 * and convention changes), scene_data.c (presets, typed values, loaded
 * tensors), scene_text.c (every sentence the scene shows), scene_panel.c
 * (parameter panel and timeline bar), scene_draw.c (frame composition and
 * overlays), view_scatter.c and view_conv2d.c (the two views), paint.c
 * (grid drawing shared by the views). The rest of the explanation has a file
 * per view, each drawing its grids and writing its own sentences:
 * view_matrix.c, view_gradient.c, view_channels.c, view_overlap.c and
 * view_code.c; scene_lazy.c builds the data only those views need when they
 * are first shown, and scene_grad.c holds the gradient view's tensors (d_out
 * and the forward input, which the user edits). Only these files include
 * this header. */
#ifndef TCVIZ_SCENE_INTERNAL_H
#define TCVIZ_SCENE_INTERNAL_H

#include "core/terms.h"
#include "core/trace.h"
#include "ui/keys.h"
#include "ui/layout.h"
#include "ui/scene.h"
#include "ui/scene_lesson.h"
#include "ui/snippet.h"
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

/* Which core trace a timeline phase plays: the scatter (one input element
 * per step), the conv2d-equivalent (one output cell per step), the rows of
 * C^T (one output cell per step), d_x of the gradient view (one d_x cell per
 * step, the same cells as the transposed conv's output) and d_w (one tap). */
typedef enum { PHASE_SCATTER = 0, PHASE_GATHER, PHASE_MATRIX, PHASE_DX, PHASE_DW } PhaseKind;

/* Data of the matrix view, built when the view is first shown: C^T of a
 * real layer can have millions of entries. */
typedef struct {
    int state; /* 0 not built, 1 built, -1 failed (msg says why) */
    MatrixTrace t;
    char msg[ERR_MSG_MAX];
} MatrixModel;

/* Data of the overlap view, built when the view is first shown. */
typedef struct {
    int state;          /* 0 not built, 1 built, -1 out of memory */
    int *out_counts;    /* overlap_output: [H, W] */
    float *nearest;     /* upsample_nearest(x): [N, Cs, H, W] */
    float *bilinear;    /* upsample_bilinear(x): [N, Cs, H, W] */
    int min_in, max_in; /* fewest and most products on the interior of the canvas */
    int levels[8];      /* the distinct interior counts, ascending */
    int n_levels;       /* how many (capped at 8) */
} OverlapModel;

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
    float *ch_sums; /* terms_gather_channel_sums of step ch_k, [c_count] */
    int ch_k;
    MatrixModel mat;
    OverlapModel ov;
} Model;

/* The gradient view: out = conv2d(x, w) and its backward pass for a d_out
 * the user edits. x and d_out belong to the scene (they survive rebuilds
 * while their shapes stay); the rest is derived, all by core functions. */
typedef struct {
    int state;            /* 0 stale, 1 built, -1 failed (msg) */
    char msg[ERR_MSG_MAX];
    float *x;             /* forward input [N,Cb,H,W]: small random integers */
    float *dout;          /* [N,Cs,h,w]: ones unless edited */
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
    float zoom;
    int pan_x, pan_y;
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

    LessonPlayer lp; /* the open lesson and the browser (scene_lesson.c) */
};

/* ---- text.c: a bounded appender and the words the views share ---- */
typedef struct {
    char *buf;
    size_t cap, len;
} TextOut;
TextOut text_out(char *buf, size_t cap);
void text_put(TextOut *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void text_num(TextOut *o, double v);
/* x[..] / w[..] / y[..] named as the scatter's sentences name them. */
void text_name_x(TextOut *o, const Scene *s, int n, int c, int i, int j);
void text_name_w(TextOut *o, const Scene *s, int ci, int co, int a, int b);
void text_name_y(TextOut *o, const Scene *s, int n, int c, int oy, int ox);
/* More than one input (output) channel or batch item: names carry them. */
int text_multi_in(const Scene *s);
int text_multi_out(const Scene *s);
/* "out" when canvas and output share coordinates (nothing cropped at the
 * start), else "full": the uncropped canvas. */
const char *text_canvas_name(const Scene *s);
/* start:start+len, or start:start+len:step */
void text_slice(TextOut *o, int start, int len, int step);
/* "y[2,3] = x[1,1]·w[0,1] + ... = 2" for output cell (n, co) at canvas
 * position (fy, fx), or a cropped canvas cell when `cropped`. */
void text_sum(TextOut *o, Scene *s, int n, int co, int fy, int fx, int cropped);
/* The header's two lines. */
void text_call(const Scene *s, char *buf, size_t cap);
void text_shapes(const Scene *s, char *buf, size_t cap);

/* ---- view_text.c: sentences asked of the views ---- */
void text_status(Scene *s, char *buf, size_t cap);
void text_tooltip(Scene *s, CellRef c, char *buf, size_t cap);
/* widest: the longest caption the grid can take, to size its slot. */
void text_caption(const Scene *s, GridId g, int widest, char *buf, size_t cap);

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
/* Per-input-channel sums of gather step k (cached): [c_count]. */
const float *model_channel_sums(Model *m, int k);
/* Kernel slice offsets (NULL-safe: -1 when ci and co are not connected). */
long model_w_offset(const Model *m, int ci, int co);   /* into st.w, IOHW */
long model_rot_offset(const Model *m, int co, int ci); /* into gt.eq.kernel, OIHW */

/* ---- scene_lazy.c: data only some views need, built on first use ---- */
/* The matrix trace, or NULL when it could not be built (m->mat.msg says why). */
const MatrixTrace *model_matrix(Model *m);
/* The overlap view's data, or NULL when out of memory. */
const OverlapModel *model_overlap(Model *m);
void model_lazy_free(Model *m);

/* ---- scene_grad.c ---- */
/* Build the gradient view's tensors for the current model if stale; NULL
 * when it failed (s->grad.msg). */
GradModel *scene_grad(Scene *s);
/* The layer changed: derived tensors are stale; x and d_out stay if their
 * shapes still fit. */
void grad_invalidate(Scene *s);
void grad_free(GradModel *gm);
/* Spend about `budget` multiply-adds on the finite-difference check;
 * returns 1 while cells remain unchecked. */
int grad_check_advance(Scene *s, size_t budget);
/* Type v into d_out or the forward x at (n, c, row, col); 0 or -1 (message). */
int grad_set_value(Scene *s, GridId grid, int row, int col, float v);

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
/* scene_apply that also replaces the bias (bias->data == NULL: none);
 * consumes *bias either way. */
int scene_apply_bias(Scene *s, const LayerSpec *spec, Tensor *x, Tensor *w, Tensor *bias,
                     Err *err);
void scene_param_action(Scene *s, UiAction a);
void scene_cycle_preset(Scene *s, int kernel);
void scene_toggle_convention(Scene *s);
void scene_set_padding_mode(Scene *s, PadMode mode);

/* ---- scene_history.c ---- */
/* Before a change: the current state onto the undo stack (redo cleared);
 * nothing while undo/redo itself restores a state. */
void history_record(Scene *s);
void history_free(Scene *s);

/* ---- scene_data.c ---- */
int scene_commit_edit(Scene *s);
const char *preset_name(Preset p);
int fill_preset(Tensor *t, Preset p);
int make_default_tensors(const LayerSpec *spec, Tensor *x, Tensor *w, Err *err);
/* FNV-1a over a tensor's layout, dims and values (scene_panel.c). */
unsigned long long tensor_hash(const Tensor *t);
/* dst = src at a new H x W: regenerated from the preset, or (custom data)
 * the overlapping values kept and new cells zero. */
int data_resize_spatial(const Tensor *src, int nh, int nw, Preset p, Tensor *dst, Err *err);


/* ---- scene_panel.c ---- */
void scene_build_widgets(Scene *s, UiContext *ui);

/* ---- scene_draw.c ---- */
int scene_text_width(const Scene *s, int px, const char *t);
/* Greedy word wrap of t into r (dl NULL: only count); returns the lines. */
int scene_wrap_text(const Scene *s, DrawList *dl, Rect r, int px, Color c, const char *t);

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
/* A whole grid of the layout: cells, numbers, lines and the scene's caption. */
void paint_grid(Painter *p, const Scene *s, GridId id, CellColorFn color, CellTextFn text,
                const void *ctx);
void paint_cell_frame(Painter *p, const GridLayout *g, int row, int col, Color c, int thick);
/* Text size for numbers in cells of this size, 0 when none fits. */
int paint_number_px(const Painter *p, int cell);
/* Draw s centred in r if it fits at px (shrinking to the minimum); 1 if drawn. */
int paint_fit_text(Painter *p, Rect r, int px, Color c, const char *s);
void paint_check(Painter *p, Rect cell, Color c);
void paint_cross(Painter *p, Rect cell, Color c);
void paint_caption(Painter *p, const GridLayout *g, const char *s);
int paint_thick(const GridLayout *g);
/* Dim what the crop removes from a full-size canvas grid (up to four bands
 * around the output window) and outline the window. The window is the
 * output's size, reaching past the canvas where rows are appended, unless
 * clip_to_canvas. */
void paint_crop(Painter *p, const GridLayout *gl, const ConvGeom *g, int clip_to_canvas);
/* A [rows, cols] plane of values coloured on the value map at vmax; cells
 * with flat index >= shown (when shown >= 0) are still empty. */
typedef struct {
    const Theme *th;
    const float *vals; /* NULL: every cell empty */
    int cols;
    int shown; /* -1: all */
    float vmax;
} PlaneView;
Color paint_plane_color(const void *ctx, int row, int col);
int paint_plane_text(const void *ctx, int row, int col, char *buf, size_t cap, Color *fg);
/* Cells, numbers and grid lines. */
void paint_plane(Painter *p, const GridLayout *g, const PlaneView *v);
/* Smoothstep of a tween fraction: motion that starts and lands gently. */
double ease(double t);
Rect rect_lerp(Rect a, Rect b, double t);

#endif
