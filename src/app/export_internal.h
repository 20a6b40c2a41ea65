/* export_internal.h - what `tcviz export` decided from its command line
 * (export.c) for the files to be written (export_run.c), and the state of
 * that writing, shared with the figure sizing (export_figure.c). */
#ifndef TCVIZ_EXPORT_INTERNAL_H
#define TCVIZ_EXPORT_INTERNAL_H

#include "app/app_args.h"
#include "app/offscreen.h"

#define EXPORT_CMD "tcviz export"
#define EXPORT_STEP_NONE (-1) /* no --step: the lesson step's own position */
#define EXPORT_STEP_END (-2)  /* --step end: the last step */

typedef enum { OUT_PNG, OUT_SVG, OUT_GIF, OUT_FRAMES } OutKind;

typedef struct {
    OutKind kind;
    const char *path; /* the .png / .svg, the .gif or the directory */
    int step;         /* OUT_PNG, OUT_SVG: a timeline step, or EXPORT_STEP_* */
    int lesson_step;  /* --lesson-step N (1-based); 0: not given */
    int w, h;         /* h == 0: a figure as tall as its content */
    int delay_cs;     /* OUT_GIF */
    int figure;       /* --figure: the grids and a caption only */
    int transparent;  /* --background none */
} ExportPlan;

/* Write the plan's files; returns the exit code (CLI_EXIT_*), every error
 * already on stderr. */
int export_run(const AppArgs *a, const ExportPlan *p);

/* ---- export_run.c and export_figure.c ---- */

typedef struct {
    int lesson_step; /* 0-based; -1: no lesson (or its first step as opened) */
    int step;        /* timeline step */
    int rests;       /* the last frame of a lesson step: held longer in a GIF */
} Shot;

/* A lesson step's timeline range, read before the scene takes the lesson. */
typedef struct {
    int from, to;
} StepRange;

typedef struct {
    const AppArgs *a;
    const ExportPlan *p;
    Offscreen o;
    StepRange *ranges; /* [n_lesson_steps], NULL without a lesson */
    int n_lesson_steps;
    int shown_lesson_step; /* the lesson step the scene is at */
    Shot *shots;
    int n_shots;
    Err err;
} Export;

/* Put the scene at shot sh and draw its list (not its pixels). */
int export_draw_shot(Export *e, const Shot *sh);

/* The surface to open: the plan's size, or for a figure without a height
 * a tall one to lay it out in (export_crop_figure then crops it). */
void export_open_size(const ExportPlan *p, int *w, int *h);
/* A figure without a height: the layout height that shows everything and
 * the crop (e->o.crop) to the rows the shots draw on. */
int export_crop_figure(Export *e);

#endif
