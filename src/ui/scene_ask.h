/* scene_ask.h - a lesson step's question in the window (scene_ask.c).
 *
 * Entering a step that asks computes the answer (course/lesson_ask.h). `a`
 * starts answering: typed characters go to the answer (a number, a size
 * like 6x6, a choice's number), or, for `touches`, clicks on the output
 * grid mark cells; Enter submits, Backspace deletes, Esc stops answering.
 * A wrong answer shows the hint, a second the worked derivation (a cell's
 * sum as the tooltip spells it), a right one says so. Included through
 * scene_lesson.h; the public side is at the end of scene.h. */
#ifndef TCVIZ_SCENE_ASK_H
#define TCVIZ_SCENE_ASK_H

#include "course/lesson_ask.h"
#include "ui/draw.h"
#include "ui/input.h"
#include "ui/layout.h"
#include "ui/scene.h"

#define SCENE_ASK_TYPED 48
#define SCENE_ASK_FEEDBACK 1024

typedef struct {
    AskSolution *sol;          /* the current step's answer; NULL: the step asks nothing */
    int answering;             /* typed keys and output clicks go to the answer */
    char typed[SCENE_ASK_TYPED];
    int picked[LESSON_ASK_MAX_CELLS][2]; /* touches: the marked output cells */
    int n_picked;
    int wrong;                 /* wrong answers so far */
    int right;                 /* answered right */
    int unreadable;            /* the last Enter could not be read */
    int submit;                /* Enter pressed this frame: judge after the frame's text */
    char feedback[SCENE_ASK_FEEDBACK];
} SceneAsk;

/* Entering step k of lesson l (k < 0: none). */
void scene_ask_enter(Scene *s, const Lesson *l, int k);
void scene_ask_free(Scene *s);
/* a: start answering the current step's question (or say it has none). */
void scene_ask_start(Scene *s);
/* 1 when the question took the key (a starts answering; while answering,
 * Enter, Backspace and Esc). */
int scene_ask_key(Scene *s, const UiKeyPress *k);
/* After the frame's keys: its typed text, then an Enter of the frame. */
void scene_ask_text(Scene *s, const char *text);
/* 1 when a click on grid cell (grid, row, col) marked a touches cell. */
int scene_ask_click(Scene *s, int grid, int row, int col);
/* The current step's question, or NULL (none, or it cannot be answered). */
const LessonAsk *scene_ask_current(const Scene *s);
/* The output grid of the current view and where output (0, 0) sits in it. */
GridId scene_ask_output_grid(const Scene *s, int *dr, int *dc);
/* The question box at the bottom of r (the narrative column), cut from r;
 * frames on the marked cells (scene_ask_draw.c). */
void scene_ask_draw(Scene *s, DrawList *dl, Rect *r);

#endif
