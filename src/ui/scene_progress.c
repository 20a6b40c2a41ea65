/* scene_progress.c - the window's side of the course progress file:
 * read once, updated when a lesson is finished or a question answered
 * right, written whole each time (there are a few lines). Lessons are kept
 * by file name, so the installed course and the source tree's share it. */
#include "ui/scene_state.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

void scene_progress_load(Scene *s)
{
    SceneProgress *sp = &s->lp.progress;
    Err err = {0};
    memset(sp, 0, sizeof *sp);
    if (progress_path(sp->path, sizeof sp->path, &err) != 0) {
        snprintf(sp->error, sizeof sp->error, "%s", err.msg);
        return;
    }
    sp->p = malloc(sizeof *sp->p);
    if (!sp->p) {
        snprintf(sp->error, sizeof sp->error, "out of memory: course progress is not kept");
        return;
    }
    if (progress_load(sp->path, sp->p, &err) != 0) {
        sp->broken = 1;
        snprintf(sp->error, sizeof sp->error,
                 "%.200s; the file is kept as it is and progress is not saved until it is fixed "
                 "or removed",
                 err.msg);
        scene_progress_report(s);
    }
}

void scene_progress_report(Scene *s)
{
    if (s->lp.progress.broken) /* the whole line is in the lesson browser */
        scene_set_message(s, 1, "course progress is not saved: %.200s does not read (L shows why)",
                          s->lp.progress.path);
}

void scene_progress_free(Scene *s)
{
    free(s->lp.progress.p);
    s->lp.progress.p = NULL;
}

static void save(Scene *s)
{
    SceneProgress *sp = &s->lp.progress;
    Err err = {0};
    if (!sp->p || sp->broken)
        return; /* never over a file that did not read */
    if (progress_save(sp->path, sp->p, &err) != 0) {
        snprintf(sp->error, sizeof sp->error, "course progress not saved: %.200s", err.msg);
        scene_set_message(s, 1, "%s", sp->error);
    } else {
        sp->error[0] = '\0';
    }
}

void scene_progress_step(Scene *s, const Lesson *l, int k)
{
    SceneProgress *sp = &s->lp.progress;
    if (!sp->p || sp->broken || !l->path || k != l->step_count - 1)
        return;
    ProgressLesson *pl = progress_lesson(sp->p, base_name(l->path), 1);
    if (pl && !pl->done) {
        pl->done = 1;
        save(s);
    }
}

void scene_progress_answered(Scene *s, int k)
{
    SceneProgress *sp = &s->lp.progress;
    const Lesson *l = &s->lp.lesson;
    if (!sp->p || sp->broken || !s->lp.open || !l->path || k < 0 || k >= 64)
        return;
    ProgressLesson *pl = progress_lesson(sp->p, base_name(l->path), 1);
    if (pl && !((pl->right >> k) & 1u)) {
        pl->right |= (uint64_t)1 << k;
        save(s);
    }
}

const ProgressLesson *scene_progress_of(const Scene *s, const char *path)
{
    Progress *p = s->lp.progress.p;
    return p && !s->lp.progress.broken ? progress_lesson(p, base_name(path), 0) : NULL;
}
