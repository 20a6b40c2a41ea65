/* scene_progress.h - the course progress the window keeps (io/progress.h):
 * a lesson is done when its last step is reached, a question when it is
 * answered right; the lesson browser shows both. The file is read when the
 * scene starts and written (atomically) when something new is reached. A
 * file that does not read is kept as it is: the browser and the panel say
 * so, and nothing is written until the user fixes or removes it. Included
 * through scene_lesson.h. */
#ifndef TCVIZ_SCENE_PROGRESS_H
#define TCVIZ_SCENE_PROGRESS_H

#include "io/lesson.h"
#include "io/progress.h"
#include "ui/scene.h"

typedef struct {
    Progress *p;             /* NULL: progress is not kept (see error) */
    char path[1024];
    int broken;              /* the file does not read: never written */
    char error[ERR_MSG_MAX]; /* why progress is not kept or saved; "" when it is */
} SceneProgress;

/* At scene start: where the file is, and what it holds. */
void scene_progress_load(Scene *s);
void scene_progress_free(Scene *s);
/* A file that does not read: say so on the panel's line. */
void scene_progress_report(Scene *s);
/* Entering step k of lesson l: its last step makes the lesson done. */
void scene_progress_step(Scene *s, const Lesson *l, int k);
/* The open lesson's step k was answered right. */
void scene_progress_answered(Scene *s, int k);
/* The progress of a lesson file (by its file name), or NULL. */
const ProgressLesson *scene_progress_of(const Scene *s, const char *path);

#endif
