/* lesson_write.h - write a minimal lesson file (lessons/README.md) that
 * reopens one conv2d_transpose or conv1d_transpose layer, or a stack of
 * them (`layers:`), with its tensors given as .npy paths.
 *
 *     LessonWriteSpec w = {.title = "my layer", .spec = &spec,
 *                          .input = "input.npy", .filter = "filter.npy",
 *                          .view = "both", .text = "Saved from the visualizer."};
 *     lesson_write("session/lesson.yaml", &w, &err);   // lesson_load reads it back
 *
 * The file is written beside its final name and linked into place, so it
 * appears complete or not at all, and an existing file is never replaced
 * (TC_ERR_IO "... exists"). */
#ifndef TCVIZ_LESSON_WRITE_H
#define TCVIZ_LESSON_WRITE_H

#include "core/layer.h"
#include "core/stack.h"
#include "core/status.h"

/* One entry of a stack lesson's `layers:`. */
typedef struct {
    StageKind kind;
    const LayerSpec *spec;     /* STAGE_LAYER: its op and params (size 0: the default) */
    const char *filter, *bias; /* STAGE_LAYER: .npy paths; bias NULL: none */
    int scale;                 /* resizes */
} LessonWriteStage;

typedef struct {
    const char *title;     /* one line */
    const LayerSpec *spec; /* conv2d_transpose (dims 1: conv1d_transpose); TF: size is the
                              output_shape, all > 0. Unused for a stack. */
    /* .npy paths relative to the lesson file; bias NULL: no bias. A stack
     * uses input only (the chain's input). */
    const char *input, *filter, *bias;
    const char *view;      /* the single step's view, e.g. "both" */
    const char *text;      /* the single step's text */
    /* n_stages > 0: a stack lesson, `layers:` with these stages, all of one
     * convention and dimensionality (dims, convention). */
    int n_stages, dims;
    Convention convention;
    const LessonWriteStage *stages;
} LessonWriteSpec;

int lesson_write(const char *path, const LessonWriteSpec *w, Err *err);

#endif
