/* scene_lesson.h - the lesson player inside the scene: the open lesson and
 * its current step (scene_lesson.c, scene_lesson_step.c), the narrative
 * column beside the views and the lesson browser overlay (view_narrative.c).
 * Included through scene_state.h; the public side is at the end of scene.h. */
#ifndef TCVIZ_SCENE_LESSON_H
#define TCVIZ_SCENE_LESSON_H

#include "io/lesson.h"
#include "io/lesson_dir.h"
#include "ui/draw.h"
#include "ui/keys.h"
#include "ui/scene.h"
#include "ui/scene_ask.h"
#include "ui/scene_progress.h"

typedef struct {
    int open;      /* a lesson is loaded */
    Lesson lesson; /* owned */
    int step;      /* current step, 0-based */
    /* A step's `play: [from, to]` plays until the timeline leaves step
     * `to`'s last unit; -1 when nothing is playing to a stop. */
    int stop_unit;
    /* The step's highlight, resolved for the step's view: the grid (a
     * GridId; GRID_NONE when the view does not show the target) and the
     * half-open cell range. The first cell is pinned. */
    int hl_grid;
    int hl_r0, hl_r1, hl_c0, hl_c1;
    Rect area; /* the narrative column in the last layout; w == 0: none */
    /* The user changed the layer after the step set it, so the step's text
     * may no longer describe what is on screen; `applying` marks the
     * lesson's own changes, which are not the user's. */
    int changed, applying;
    long serial; /* counts lessons opened: tells undo which lesson a state was of */

    /* the browser */
    int browsing;
    char dir[1024];
    LessonEntry *entries;
    int n_entries, cursor;
    char browse_err[ERR_MSG_MAX]; /* the directory or the chosen lesson failed */

    SceneAsk ask;           /* the current step's question (scene_ask.c) */
    SceneProgress progress; /* lessons done, questions right (scene_progress.c) */
} LessonPlayer;

/* Scene life cycle: init after the scene is built (opens setup->lesson),
 * free with the scene. */
int scene_lesson_init(Scene *s, const SceneSetup *setup, Err *err);
void scene_lesson_free(Scene *s);
/* Enter step k of l (scene_lesson_step.c): its layer, view, timeline
 * position and highlight; the scene is unchanged on failure. */
int scene_lesson_enter(Scene *s, const Lesson *l, int k, Err *err);
/* Open l at its first step; l is consumed (moved in, or freed on failure). */
int scene_lesson_take(Scene *s, Lesson *l, Err *err);
/* After the timeline moved: stop a play range at its end. */
void scene_lesson_update(Scene *s);
/* ACT_LESSON_NEXT / _PREV / ACT_LESSONS. */
void scene_lesson_action(Scene *s, UiAction a);
/* 1 when the focus is the pin a lesson step set (nothing hovered): the
 * narrative explains that cell, and a tooltip box would hide the very
 * numbers the text talks about. */
int scene_lesson_quiet_pin(const Scene *s);
/* While the browser is open it takes every key: 1 when k was taken. */
int scene_lesson_key(Scene *s, const UiKeyPress *k);
/* Width of the narrative column for a window (0 without a lesson); the rest
 * of the layout gets what is left. Records the column's rect. */
int scene_lesson_width(Scene *s, int width, int height, int body);

/* ---- a stack lesson's chain and its per-stage edits (scene_stack.c) ---- */

/* The stack view's edits of the open stack lesson's chain: stage k's
 * kernel size and stride (0: the lesson's own). They belong to one lesson
 * step (serial, step) and are undone with Ctrl+Z like any change. */
typedef struct {
    int selected; /* the stage Tab / Up / Down chose, 0-based */
    long serial;  /* lesson and step they were made on */
    int step;
    int k[STACK_MAX_STAGES], s[STACK_MAX_STAGES];
    Tensor filter[STACK_MAX_STAGES]; /* ones of the edited kernel size */
} StageEdits;

/* The open stack lesson's chain (1), with this step's stage edits, while
 * the layer is as the lesson set it; 0 otherwise (no lesson, a single-layer
 * lesson, or the user changed the layer). The spec and *input borrow from
 * the lesson and the scene. */
int scene_lesson_stack(const Scene *s, StackSpec *spec, const Tensor **input);
/* Tab / Up / Down in the stack view: select the next (+1) or previous
 * stage. */
void scene_stack_select(Scene *s, int delta);
/* k / s (and Shift) in the stack view with a stack lesson: the selected
 * stage's kernel size or stride (a resize's scale); 1 when taken. */
int scene_stack_key(Scene *s, UiAction a);
/* The selected stage's kernel and stride (or scale) for the panel; 0 when
 * the stack view shows no lesson chain. */
int scene_stack_selected(const Scene *s, int *k, int *stride);
/* Undo/redo: set the edits a state held (rebuilding their kernels). */
void scene_stack_restore(Scene *s, long serial, int step, const int k[], const int st[]);
void scene_stack_free(Scene *s);

/* view_narrative.c */
void view_narrative_draw(Scene *s, DrawList *dl); /* the column + the highlight's frame */
void view_lessons_draw(Scene *s, DrawList *dl);   /* the browser overlay */

#endif
