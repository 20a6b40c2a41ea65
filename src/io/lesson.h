/* lesson.h - lesson files: a YAML description of one layer, its tensors, the
 * steps a teacher walks through and the values that must hold (expect:).
 * The format is documented in lessons/README.md; parsing uses libyaml.
 *
 *     Lesson l;
 *     Err err = {0};
 *     if (lesson_load("lessons/01-upsample.yaml", &l, &err) != 0)
 *         fprintf(stderr, "tcviz: %s\n", err.msg);  // "lessons/01-upsample.yaml:14:9: ..."
 *     ... l.spec, l.input, l.filter ...
 *     lesson_free(&l);
 *
 * A lesson with any error is never returned half-loaded: on failure nothing
 * stays allocated and *l is zeroed. */
#ifndef TCVIZ_LESSON_H
#define TCVIZ_LESSON_H

#include "core/layer.h"
#include "core/stack.h"
#include "core/status.h"
#include "core/tensor.h"

/* Size limits so a malformed or hostile file cannot exhaust memory. */
#define LESSON_MAX_STEPS 64
#define LESSON_MAX_EXPECTS 64
#define LESSON_MAX_TEXT 4096
#define LESSON_MAX_FILE_BYTES ((long)4 << 20) /* the YAML file itself */
#define LESSON_MAX_ELEMS ((size_t)1 << 20)    /* one tensor, inline, generated or .npy */
#define LESSON_MAX_DEPTH 16                   /* YAML nesting */
#define LESSON_MAX_MAP_KEYS 64                /* keys of one YAML mapping */

/* The view names a step may use: every view of the visualizer. */
#define LESSON_VIEW_NAMES "scatter", "conv2d", "both", "matrix", "gradient", "channels", \
                          "overlap", "oned", "stack", "code"

/* A step or expect may change the lesson's layer with a `with:` block
 * (convention, op, parameters, tensors). A variant is complete: its tensors
 * are the lesson's (converted when the convention changes) or replacements,
 * so consumers never merge anything. */
typedef struct {
    int active;                        /* 0: no with: block, use the lesson's layer */
    LayerSpec spec;
    Tensor input, filter, bias, d_out; /* convention layouts; data NULL = absent */
} LessonVariant;

/* A step's `highlight: NAME[r, c]` or `NAME[r0:r1, c0:c1]` (half-open), parsed
 * and checked against the tensor's size. NAME is input, filter, d_out,
 * output, canvas (the uncropped scatter), padded or kernel (the
 * conv2d-equivalent's zero-inserted padded input and rotated kernel). */
typedef struct {
    char target[16];    /* "" when the step has no highlight */
    int row0, row1;     /* rows row0 .. row1-1 */
    int col0, col1;
} LessonHighlight;

/* `at: end`: the last step of the view's timeline (the result), as from and
 * to; players clamp positions to their timeline, so it lands on the end. */
#define LESSON_AT_END 0x7fffffff

/* `build:` names, in order: a conv2d step shows its input being built. */
#define LESSON_BUILD_NAMES "zeros", "padding", "kernel"

/* A step's `ask:` - a question the learner answers in the window; the
 * course computes the answer (course/lesson_ask.h) and `tcviz check` holds
 * the stated one to it. Parsing (io/lesson_ask.c) checks the form and that
 * the cells exist. */
typedef enum { ASK_CELL = 0, ASK_SIZE, ASK_TOUCHES, ASK_SPELLING, ASK_KIND_COUNT } AskKind;
#define LESSON_ASK_KIND_NAMES "cell", "size", "touches", "spelling"
#define LESSON_ASK_MAX_CHOICES 6
#define LESSON_ASK_MAX_CELLS 64   /* the answer of a touches question */
#define LESSON_ASK_MAX_PROMPT 1024

typedef struct {
    AskKind kind;
    char *prompt;        /* the question shown */
    char *hint;          /* shown after a first wrong answer; NULL: none */
    int line, col;       /* where `ask:` starts, for messages */
    int at[2];           /* cell: output [row, col]; touches: input [row, col] */
    float value;         /* cell: the stated value */
    int size[2];         /* size: the stated [H, W] */
    int cells[LESSON_ASK_MAX_CELLS][2]; /* touches: the stated output cells */
    int n_cells;
    /* spelling: PyTorch parameter sets, each a variant of the step's TF layer
     * (convention torch); text is how the window and explain spell it. */
    char *choice_text[LESSON_ASK_MAX_CHOICES];
    LessonVariant choice[LESSON_ASK_MAX_CHOICES];
    int n_choices;
    int answer;          /* spelling: the stated choice, 1-based */
    LessonVariant with;  /* size: the layer asked about, when it changes the step's */
} LessonAsk;

typedef struct {
    char *view;      /* "scatter", "conv2d", "both", "matrix", "gradient", ... */
    int from, to;    /* timeline range to play (to == from: a single position) */
    char *highlight; /* e.g. "input[1,1]" or NULL */
    char *text;      /* the narrative shown beside the view */
    int line;        /* where the step starts in the file (1-based) */
    LessonHighlight hl;  /* highlight, parsed */
    LessonVariant with;  /* the layer this step shows, when it changes it */
    int build;           /* 0: none; 1.. the LESSON_BUILD_NAMES entry + 1 */
    int channel;         /* input channel the channel views open on, or -1: keep */
    LessonAsk *ask;      /* the step's question, or NULL */
} LessonStep;

typedef enum {
    EXPECT_OUTPUT = 0, /* the op's whole output tensor (convention layout) */
    EXPECT_CELL,       /* one output cell: index [n,h,w,c] / [n,c,h,w] and value */
    EXPECT_SHAPE,      /* the output shape */
    EXPECT_LEGAL_SIZES, /* TF: the legal output_shape H and W lists */
    EXPECT_OVERLAP,     /* products landing on each output cell [H, W] */
    EXPECT_SAME_AS,     /* the output equals another route, named by text */
    EXPECT_ZERO_INSERTED, /* conv2d-equivalent intermediates (canonical NCHW / */
    EXPECT_PADDED,        /* OIHW; a 2-D list is the single slice) */
    EXPECT_KERNEL,
    EXPECT_MATRIX,      /* the forward conv as a dense matrix C [rows, cols] */
    EXPECT_MATRIX_T,    /* its transpose C^T, built directly */
    EXPECT_D_INPUT,     /* op conv2d with d_out: the input gradient */
    EXPECT_D_FILTER,    /* op conv2d with d_out: the filter gradient */
    EXPECT_ERROR,       /* the layer is refused with a message containing text */
    EXPECT_COUNTS,      /* contribution counts per cell: stage `stage` alone, or the chain */
    EXPECT_CHAIN_OUTPUT, /* the output after stages 1..stage (0: the whole chain) */
    EXPECT_KIND_COUNT
} ExpectKind;

/* `same_as:` routes, compared with the op's output. */
#define LESSON_SAME_AS_NAMES "conv2d", "matrix", "conv2d_backprop_input", \
                             "conv2d_transpose", "upsample_nearest", "upsample_bilinear", \
                             "groups"

typedef struct {
    ExpectKind kind;
    Tensor value;      /* EXPECT_OUTPUT */
    int index[4];      /* EXPECT_CELL */
    float cell;        /* EXPECT_CELL */
    int shape[4];      /* EXPECT_SHAPE */
    int legal[2][2];   /* EXPECT_LEGAL_SIZES: {{h_lo, h_hi}, {w_lo, w_hi}} */
    int line, col;     /* position in the file, for messages */
    /* Tensor kinds (OUTPUT, OVERLAP, ZERO_INSERTED .. D_FILTER) use value. */
    char *text;        /* EXPECT_SAME_AS: the route; EXPECT_ERROR: the expected words */
    int border;        /* cells at each edge left out of the comparison (same_as) */
    float tolerance;   /* absolute; 0 = exact (the default) */
    int stage;         /* COUNTS, CHAIN_OUTPUT: 1-based stage, 0 = the whole chain */
    LessonVariant with;
} LessonExpect;

/* One entry of a stack lesson's `layers:`. */
typedef struct {
    StageKind kind;
    LayerSpec spec;      /* STAGE_LAYER */
    Tensor filter, bias; /* STAGE_LAYER, convention layouts; bias data NULL = none */
    int scale;           /* resizes */
} LessonStage;

typedef struct {
    char *path;        /* as given to lesson_load */
    char *title, *summary;
    LayerSpec spec;    /* op (default conv2d_transpose), convention, params, size */
    /* Convention layouts; data == NULL when the lesson does not give one. */
    Tensor input, filter, bias, d_out;
    LessonStep *steps;
    int step_count;
    LessonExpect *expects;
    int expect_count;
    /* A stack lesson (`layers:`): its stages and the chain's input. The
     * lesson's own layer (spec, input, filter, bias above) is then its first
     * conv stage, on that stage's input, for the single-layer views. */
    LessonStage *stages;
    int stage_count;     /* 0: a single-layer lesson */
    Tensor stack_input;
} Lesson;

/* The lesson as a chain: its stages, or its one layer as a 1-stage stack.
 * Borrows from l; *input is the chain's input. */
void lesson_stack(const Lesson *l, StackSpec *s, const Tensor **input);

int lesson_load(const char *path, Lesson *l, Err *err);

/* The same from text in memory; path names it in messages, and tensor paths
 * are relative to its directory. */
int lesson_load_text(const char *text, size_t len, const char *path, Lesson *l, Err *err);
void lesson_free(Lesson *l);

/* The layer a step or expect uses: the variant when it is active, else the
 * lesson's own. The pointers borrow from l / v. */
void lesson_layer(const Lesson *l, const LessonVariant *v, LayerSpec *spec, LayerTensors *t);

/* The conv2d_transpose a lesson shows in the scatter/conv2d views. For a
 * conv2d_transpose lesson, its own layer. For conv2d (with d_out) and
 * conv2d_backprop_input, the transposed conv that computes the input
 * gradient: input = d_out, the filter relabelled (HWIO -> HWOI, OIHW ->
 * IOHW: the same memory), output the input's size. *input and *filter are
 * views borrowing l's data: do not free them. -1 with err otherwise
 * (conv2d_backprop_filter, or conv2d without d_out). */
int lesson_transpose_layer(const Lesson *l, LayerSpec *spec, Tensor *input, Tensor *filter,
                           Err *err);
/* lesson_transpose_layer for any layer (a lesson's or a variant's). */
int lesson_transpose_of(const LayerSpec *src, const LayerTensors *t, LayerSpec *spec,
                        Tensor *input, Tensor *filter, Err *err);

/* Format "[a,b,c,d]" of a 4-D index or shape. */
void lesson_fmt4(const int v[4], char *buf, size_t size);

/* The step count of a view's timeline for geometry g, in core steps
 * (scatter: input elements, conv2d/matrix: output elements, both: the sum);
 * -1 for views whose timeline the lesson format does not bound. */
int lesson_view_steps(const char *view, const ConvGeom *g);

#endif
