/* export_internal.h - what `tcviz export` decided from its command line
 * (export.c) for the files to be written (export_run.c). */
#ifndef TCVIZ_EXPORT_INTERNAL_H
#define TCVIZ_EXPORT_INTERNAL_H

#include "app/app_args.h"

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

#endif
