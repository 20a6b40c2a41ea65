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
#include "core/status.h"
#include "core/tensor.h"

/* Size limits so a malformed or hostile file cannot exhaust memory. */
#define LESSON_MAX_STEPS 64
#define LESSON_MAX_EXPECTS 64
#define LESSON_MAX_TEXT 4096

typedef struct {
    char *view;      /* "scatter", "conv2d", "both", "matrix", "gradient", ... */
    int from, to;    /* timeline range to play (to == from: a single position) */
    char *highlight; /* e.g. "input[1,1]" or NULL */
    char *text;      /* the narrative shown beside the view */
    int line;        /* where the step starts in the file (1-based) */
} LessonStep;

typedef enum {
    EXPECT_OUTPUT = 0, /* the op's whole output tensor (convention layout) */
    EXPECT_CELL,       /* one output cell: index [n,h,w,c] / [n,c,h,w] and value */
    EXPECT_SHAPE,      /* the output shape */
    EXPECT_LEGAL_SIZES /* TF: the legal output_shape H and W lists */
} ExpectKind;

typedef struct {
    ExpectKind kind;
    Tensor value;      /* EXPECT_OUTPUT */
    int index[4];      /* EXPECT_CELL */
    float cell;        /* EXPECT_CELL */
    int shape[4];      /* EXPECT_SHAPE */
    int legal[2][2];   /* EXPECT_LEGAL_SIZES: {{h_lo, h_hi}, {w_lo, w_hi}} */
    int line, col;     /* position in the file, for messages */
} LessonExpect;

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
} Lesson;

int lesson_load(const char *path, Lesson *l, Err *err);
void lesson_free(Lesson *l);

/* Run the core and verify every expect: 0 when all hold; otherwise -1 with
 * err naming the first failing expect ("file:line:col: out[0,2,3,0] is 2,
 * expected 3"). */
int lesson_check(const Lesson *l, Err *err);

#endif
