/* explain.h - the model behind `tcviz explain`: one conv2d_transpose with
 * every formulation the core knows computed once, rendered as text or JSON.
 *
 *     Explain e;
 *     if (explain_build(&e, &spec, &x, &w, NULL, NULL, &err) != 0) ... // no bias, no source
 *     explain_write_text(stdout, &e, &opts);                     // or explain_write_json
 *     explain_free(&e);
 *
 * All numbers come from the core: the scatter trace (steps and partial
 * canvases), the conv2d-equivalent's intermediates, the matrix C^T x and
 * conv2d_backprop_input. The renderers only lay them out. */
#ifndef TCVIZ_EXPLAIN_H
#define TCVIZ_EXPLAIN_H

#include <stdio.h>

#include "core/layer.h"
#include "core/layer_prelude.h"
#include "core/trace.h"
#include "core/vocab.h"

/* How many scatter steps are shown when --steps is not given: every step
 * of a single-channel input up to 6x6, so the course's examples are whole. */
#define EXPLAIN_DEFAULT_STEPS 36
/* How many channel slices of one tensor the text prints before summarising. */
#define EXPLAIN_MAX_SLICES 2

#define EXPLAIN_DEFAULT_INPUT 1u
#define EXPLAIN_DEFAULT_FILTER 2u

/* A lesson step's question and the core's answer (course/lesson_ask.h),
 * printed after the walkthrough. */
#define EXPLAIN_MAX_CHOICES 6
typedef struct {
    int step;                 /* 1-based, as the window counts */
    const char *kind;         /* cell, size, touches, spelling */
    const char *prompt;
    const char *choices[EXPLAIN_MAX_CHOICES]; /* spelling: how each is written */
    int n_choices;
    char answer[256];         /* as a person writes it: "3", "6x6", ... */
    double value;             /* cell */
    int size[2];              /* size */
    const int (*cells)[2];    /* touches, n_cells of them */
    int n_cells;
    int choice;               /* spelling, 1-based */
} ExplainQuestion;

/* Where the layer came from, for the header; all may be NULL. */
typedef struct {
    const char *lesson;  /* lesson path */
    const char *title;
    const char *summary;
    int default_tensors; /* EXPLAIN_DEFAULT_* bits: which tensors are the example's */
    const ExplainQuestion *questions; /* the lesson's, with their answers */
    int n_questions;
} ExplainSource;

typedef struct {
    ExplainSource src;
    LayerSpec spec;       /* the conv2d_transpose, as given */
    int size_given;       /* spec.size was given (TF output_shape / torch size) */
    int in_dim[4], w_dim[4], out_dim[4]; /* convention-layout shapes */
    int has_bias;
    ConvGeom g;
    LayerPrelude layer;   /* canonical x [N,Cs,h,w], w IOHW, bias; .scatter.output = the result */
    EquivConv equiv;      /* zero-inserted, padded input; rot180(swap(w)); output */
    float *by_matrix;     /* C^T x (+ bias), [N,Cb,H,W] */
    float *by_backprop;   /* conv2d_backprop_input(w, x) (+ bias), [N,Cb,H,W] */
    /* max |difference| from the scatter's output */
    double diff_equiv, diff_matrix, diff_backprop, max_diff;
    int agree;            /* max_diff within the float tolerance */
} Explain;

typedef struct {
    int max_steps;        /* scatter steps to show (>= 0) */
} ExplainOptions;

/* x, w (and bias, may be NULL) in spec's convention layouts; spec->op must be
 * OP_CONV2D_TRANSPOSE. Fails with layer_resolve's message for a bad layer. */
int explain_build(Explain *e, const LayerSpec *spec, const Tensor *x, const Tensor *w,
                  const Tensor *bias, const ExplainSource *src, Err *err);
void explain_free(Explain *e);

/* The readable walkthrough; lines fit 80 columns. Returns -1 on a write or
 * memory error. */
int explain_write_text(FILE *f, const Explain *e, const ExplainOptions *o);

/* The same trace as one JSON document (schema in explain_json.c and in
 * `tcviz explain --help`). Returns -1 with err filled on failure. */
int explain_write_json(FILE *f, const Explain *e, const ExplainOptions *o, Err *err);

/* The call in the convention's own spelling (vocab_call), e.g.
 * tf.nn.conv2d_transpose with x, w, output_shape=[1, 6, 6, 1], strides=[2, 2],
 * padding='SAME': its name and its arguments (at most VOCAB_MAX_ARGS). */
int explain_call_args(const Explain *e, const char **name, VocabArg *args);

#endif
