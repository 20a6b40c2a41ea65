/* scene_lesson.c - the lesson player: a lesson's steps drive the scene.
 * Opening a lesson, going to a step (entering it is scene_lesson_step.c's),
 * stopping a `play:` range at its end, PageUp / PageDown past a lesson's
 * ends, the narrative column's width (and the layout's beside it), and the
 * lesson's colour for the links of the step's highlighted cell.
 *
 * The browser (L) lists a directory's lessons; Enter loads one with
 * lesson_load and opens it the same way, or shows the loader's message and
 * keeps everything as it was. */
#include "ui/scene_layout.h"
#include "ui/view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the public side ------------------------------------------------------------------ */

int scene_lesson_init(Scene *s, const SceneSetup *setup, Err *err)
{
    LessonPlayer *p = &s->lp;
    p->stop_unit = -1;
    p->hl_grid = GRID_NONE;
    if (setup->keep_progress)
        scene_progress_load(s);
    snprintf(p->dir, sizeof p->dir, "%s",
             setup->lesson_dir ? setup->lesson_dir : lesson_dir_default());
    if (!setup->lesson || !setup->lesson->path)
        return 0;
    Lesson l = *setup->lesson;
    memset(setup->lesson, 0, sizeof *setup->lesson);
    int rc = scene_lesson_take(s, &l, err);
    scene_progress_report(s); /* again: entering the step cleared the panel's line */
    return rc;
}

static void free_entries(LessonPlayer *p)
{
    free(p->entries);
    p->entries = NULL;
    p->n_entries = p->cursor = 0;
}

void scene_lesson_free(Scene *s)
{
    LessonPlayer *p = &s->lp;
    if (p->open)
        lesson_free(&p->lesson);
    p->open = 0;
    free_entries(p);
    scene_ask_free(s);
    scene_progress_free(s);
}

int scene_open_lesson(Scene *s, const char *path, Err *err)
{
    Err local = {0};
    Err *e = err ? err : &local;
    Lesson l;
    if (lesson_load(path, &l, e) != 0 || scene_lesson_take(s, &l, e) != 0) {
        scene_set_message(s, 1, "%s", e->msg);
        return -1;
    }
    scene_set_message(s, 0, "opened lesson \"%s\"", s->lp.lesson.title);
    return 0;
}

int scene_lesson_goto(Scene *s, int k, Err *err)
{
    Err local = {0};
    Err *e = err ? err : &local;
    LessonPlayer *p = &s->lp;
    if (!p->open)
        return err_fail(e, TC_ERR_ARG, "no lesson is open");
    if (k < 0 || k >= p->lesson.step_count)
        return err_fail(e, TC_ERR_ARG, "step %d is outside 1..%d", k + 1, p->lesson.step_count);
    return scene_lesson_enter(s, &p->lesson, k, e);
}

int scene_lesson_step(const Scene *s)
{
    return s->lp.open ? s->lp.step : -1;
}

int scene_lesson_steps(const Scene *s)
{
    return s->lp.open ? s->lp.lesson.step_count : 0;
}

int scene_lesson_quiet_pin(const Scene *s)
{
    const LessonPlayer *p = &s->lp;
    return p->open && p->hl_grid != GRID_NONE && s->hover.grid == GRID_NONE &&
           s->pin.grid == p->hl_grid && s->pin.row == p->hl_r0 && s->pin.col == p->hl_c0;
}

Color scene_link_color(const Scene *s)
{
    const Theme *th = theme_get(s->theme);
    return scene_lesson_quiet_pin(s) ? th->lesson : th->link;
}

ViewKind scene_view(const Scene *s)
{
    return s->view;
}

int scene_lesson_browsing(const Scene *s)
{
    return s->lp.browsing;
}

void scene_lesson_update(Scene *s)
{
    LessonPlayer *p = &s->lp;
    if (p->stop_unit < 0)
        return;
    if (!s->tl.playing) { /* paused, or the timeline's end: the range is over */
        p->stop_unit = -1;
        return;
    }
    if (s->tl.unit > p->stop_unit) { /* a long frame stepped past it */
        timeline_seek(&s->tl, p->stop_unit);
        scene_after_jump(s);
    }
    if (s->tl.unit == p->stop_unit && s->tl.tween >= 1.0) {
        scene_set_playing(s, 0);
        p->stop_unit = -1;
    }
}

static void open_browser(Scene *s)
{
    LessonPlayer *p = &s->lp;
    Err err = {0};
    free_entries(p);
    p->browse_err[0] = '\0';
    if (lesson_dir_list(p->dir, &p->entries, &p->n_entries, &err) != 0)
        snprintf(p->browse_err, sizeof p->browse_err, "%s", err.msg);
    else if (p->n_entries == 0)
        snprintf(p->browse_err, sizeof p->browse_err, "%.200s holds no .yaml lessons", p->dir);
    for (int i = 0; p->open && i < p->n_entries; i++)
        if (strcmp(p->entries[i].path, p->lesson.path) == 0)
            p->cursor = i;
    p->browsing = 1;
    s->editing = 0;
    s->help = 0;
}

/* Past a lesson's last step: the next lesson of its folder, or the end of
 * the course. */
static void next_lesson(Scene *s)
{
    char next[1024];
    Err err = {0};
    int rc = lesson_dir_next(s->lp.lesson.path, next, sizeof next, &err);
    if (rc < 0)
        scene_set_message(s, 1, "%s", err.msg);
    else if (rc == 0)
        scene_set_message(s, 0, "the course is done: this was the last step of the last "
                                "lesson (L: choose a lesson)");
    else
        scene_open_lesson(s, next, NULL); /* a lesson that fails to load says why */
}

void scene_lesson_action(Scene *s, UiAction a)
{
    LessonPlayer *p = &s->lp;
    if (a == ACT_LESSONS) {
        if (p->browsing)
            p->browsing = 0;
        else
            open_browser(s);
        return;
    }
    if (!p->open) {
        scene_set_message(s, 0, "no lesson is open: press L to choose one");
        return;
    }
    int k = p->step + (a == ACT_LESSON_NEXT ? 1 : -1);
    if (k >= p->lesson.step_count) {
        next_lesson(s);
        return;
    }
    if (k < 0) {
        scene_set_message(s, 0, "this is the first step of the lesson (L: another lesson)");
        return;
    }
    Err err = {0};
    scene_lesson_goto(s, k, &err); /* a refused step shows its message */
}

int scene_lesson_key(Scene *s, const UiKeyPress *k)
{
    LessonPlayer *p = &s->lp;
    if (!p->browsing)
        return 0;
    int n = p->n_entries;
    switch (k->code) {
    case KEY_UP: p->cursor = p->cursor > 0 ? p->cursor - 1 : 0; break;
    case KEY_DOWN: p->cursor = p->cursor + 1 < n ? p->cursor + 1 : p->cursor; break;
    case KEY_HOME: p->cursor = 0; break;
    case KEY_END: p->cursor = n > 0 ? n - 1 : 0; break;
    case KEY_ESCAPE: p->browsing = 0; break;
    case KEY_RETURN:
        if (p->cursor < n) {
            Err err = {0};
            if (scene_open_lesson(s, p->entries[p->cursor].path, &err) == 0)
                p->browsing = 0;
            else
                snprintf(p->browse_err, sizeof p->browse_err, "%s", err.msg);
        }
        break;
    default: {
        UiAction a = keys_lookup(k);
        if (a == ACT_LESSONS)
            p->browsing = 0;
        else if (a == ACT_QUIT_CTRL)
            s->req.quit = 1;
        else if (a == ACT_SCREENSHOT) /* a teacher may want the list on a slide */
            s->req.screenshot = 1;
        break;
    }
    }
    return 1;
}

int scene_lesson_width(Scene *s, int width, int height, int body)
{
    LessonPlayer *p = &s->lp;
    int w = 0;
    if (p->open) {
        w = body * 22;
        if (w > width * 28 / 100)
            w = width * 28 / 100;
    }
    p->area = (Rect){width - w, 0, w, w > 0 ? height : 0};
    return w;
}

int scene_layout_width(Scene *s, const UiInput *in, int body)
{
    return in->width - (s->figure ? 0 : scene_lesson_width(s, in->width, in->height, body));
}
