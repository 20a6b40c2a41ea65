/* scene_link.c - the parts of the scene a link reproduces (the web page
 * keeps them in its URL): the open lesson and its step, or the layer, its
 * tensors and the timeline position. Read-only views into the scene. */
#include "ui/scene_state.h"

void scene_link_state(const Scene *s, SceneLinkState *out)
{
    const LessonPlayer *p = &s->lp;
    out->lesson_path = p->open && !p->changed ? p->lesson.path : NULL;
    out->lesson_step = p->open ? p->step : -1;
    out->spec = &s->spec;
    out->input = &s->input;
    out->filter = &s->filter;
    out->unit = s->tl.unit;
}
