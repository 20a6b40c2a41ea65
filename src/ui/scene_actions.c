/* scene_actions.c - scene_do, the one switch every key and panel button
 * goes through, so a button and its key never differ; and moving the
 * shown channels with the timeline.
 *
 * An action changes the state and, when it moved the timeline, ends in
 * scene_after_move; parameter, data, history, lesson and file actions are
 * handed to their own files. */
#include "ui/scene_actions.h"
#include "ui/scene_data.h"
#include "ui/scene_edit.h"
#include "ui/scene_layout.h"
#include "ui/view.h"

static const CellRef no_cell = {GRID_NONE, 0, 0};

static void change_channel(Scene *s, int input_side, int delta)
{
    Moment mo;
    scene_moment(s, &mo);
    int count = input_side ? s->m.g.c_conv_out : s->m.g.c_conv_in;
    int cur = input_side ? s->ci : s->co;
    int next = cur + delta < 0 ? 0 : cur + delta >= count ? count - 1 : cur + delta;
    if (next == cur)
        return;
    int per_output = mo.kind == PHASE_GATHER || mo.kind == PHASE_MATRIX || mo.kind == PHASE_DX;
    const ConvGeom *g = &s->m.g;
    if (input_side && mo.kind == PHASE_SCATTER) {
        /* The input channel follows the scatter: move to the same element there. */
        ScatterStep st;
        trace_scatter_step(&s->m.st, mo.c.step, &st);
        int k = trace_scatter_index(&s->m.st, st.n, next, st.i, st.j);
        timeline_seek(&s->tl, timeline_unit_of(&s->tl, mo.phase, k));
    } else if (!input_side && per_output) {
        /* Steps are output cells (the same [N,Cb,H,W] order in these phases). */
        GatherStep gs;
        trace_gather_step(&s->m.gt, mo.c.step, &gs, NULL);
        int k = trace_gather_index(&s->m.gt, gs.n, next, gs.oy, gs.ox);
        timeline_seek(&s->tl, timeline_unit_of(&s->tl, mo.phase, k));
    } else if (mo.kind == PHASE_DW) {
        /* Steps are taps of w[cs, cl]: the same tap of the slice (ci, co). */
        int ci = input_side ? next : s->ci, co = input_side ? s->co : next;
        long off = model_w_offset(&s->m, ci, co);
        if (off < 0) {
            scene_set_message(s, 1, "input channel %d does not feed output channel %d", ci, co);
            return;
        }
        int tap = mo.c.step % (g->h.k * g->w.k);
        timeline_seek(&s->tl, timeline_unit_of(&s->tl, mo.phase, (int)off + tap));
    } else if (input_side) {
        s->ci = next;
    } else {
        s->co = next;
    }
    scene_after_jump(s);
}

/* Browser-like text sizes: Ctrl+= / Ctrl+- move to the next one. */
static const float text_sizes[] = {0.5f, 0.67f, 0.75f, 0.8f, 0.9f, 1.0f, 1.1f,
                                   1.25f, 1.5f, 1.75f, 2.0f, 2.5f, 3.0f};

static void scene_text_size_action(Scene *s, UiAction a)
{
    int n = (int)(sizeof text_sizes / sizeof *text_sizes);
    float cur = scene_text_scale(s), next = 1.0f;
    if (a == ACT_TEXT_BIGGER) {
        next = text_sizes[n - 1];
        for (int i = n - 1; i >= 0; i--)
            if (text_sizes[i] > cur + 0.001f)
                next = text_sizes[i];
    } else if (a == ACT_TEXT_SMALLER) {
        next = text_sizes[0];
        for (int i = 0; i < n; i++)
            if (text_sizes[i] < cur - 0.001f)
                next = text_sizes[i];
    }
    scene_set_text_scale(s, next);
    scene_set_message(s, 0, "text size %.0f%%", (double)(scene_text_scale(s) * 100.0f));
}

void scene_do(Scene *s, UiAction a)
{
    Timeline *tl = &s->tl;
    switch (a) {
    case ACT_PLAY: timeline_toggle_play(tl); break;
    case ACT_STEP_FORWARD:
        tl->playing = 0;
        timeline_step(tl, +1);
        break;
    case ACT_STEP_BACK:
        tl->playing = 0;
        timeline_step(tl, -1);
        break;
    case ACT_HOME: timeline_seek(tl, 0); break;
    case ACT_END:
        tl->playing = 0;
        timeline_seek(tl, timeline_units(tl) - 1);
        break;
    case ACT_SLOWER: timeline_slower(tl); break;
    case ACT_FASTER: timeline_faster(tl); break;
    case ACT_GRANULARITY:
        timeline_set_granularity(tl, (Granularity)((tl->gran + 1) % GRAN_COUNT));
        break;
    case ACT_VIEW: scene_set_view(s, (ViewKind)((s->view + 1) % VIEW_COUNT)); return;
    case ACT_VIEW_BACK:
        scene_set_view(s, (ViewKind)((s->view + VIEW_COUNT - 1) % VIEW_COUNT));
        return;
    case ACT_SNIPPET_NEXT:
    case ACT_SNIPPET_PREV:
        if (s->view == VIEW_STACK) {
            scene_stack_select(s, a == ACT_SNIPPET_NEXT ? 1 : -1);
            return;
        }
        s->snippet = (s->snippet + (a == ACT_SNIPPET_NEXT ? 1 : SNIPPET_COUNT - 1)) % SNIPPET_COUNT;
        return;
    case ACT_COPY:
        if (view_of(s)->copy)
            view_of(s)->copy(s);
        return;
    case ACT_LESSON_NEXT:
    case ACT_LESSON_PREV:
    case ACT_LESSONS: scene_lesson_action(s, a); return;
    case ACT_ASK: scene_ask_start(s); return;
    case ACT_THEME: s->theme = (ThemeKind)((s->theme + 1) % THEME_COUNT); return;
    case ACT_MOTION:
        s->reduced_motion = !s->reduced_motion;
        timeline_set_reduced_motion(tl, s->reduced_motion);
        if (s->reduced_motion && s->rot_running)
            s->rot = 1.0, s->rot_running = 0;
        scene_set_message(s, 0, "reduced motion %s", s->reduced_motion ? "on" : "off");
        return;
    case ACT_HELP: s->help = !s->help; return;
    case ACT_TEXT_BIGGER:
    case ACT_TEXT_SMALLER:
    case ACT_TEXT_RESET: scene_text_size_action(s, a); return;
    case ACT_PRESENT:
        scene_set_present(s, !s->present);
        scene_set_message(s, 0, "presenter mode %s%s", s->present ? "on" : "off",
                          s->present ? " (h or the right / bottom edge: panel and timeline)" : "");
        return;
    case ACT_CHROME:
        if (s->present)
            s->present_pinned = !s->present_pinned;
        return;
    case ACT_FULLSCREEN: s->req.toggle_fullscreen = 1; return;
    case ACT_SCREENSHOT: s->req.screenshot = 1; return;
    case ACT_QUIT:
    case ACT_QUIT_CTRL: s->req.quit = 1; return;
    case ACT_ZOOM_IN:
    case ACT_ZOOM_OUT: {
        float z = a == ACT_ZOOM_IN ? s->zoom * SCENE_ZOOM_STEP : s->zoom / SCENE_ZOOM_STEP;
        s->zoom = z < LAYOUT_ZOOM_MIN ? LAYOUT_ZOOM_MIN : z > LAYOUT_ZOOM_MAX ? LAYOUT_ZOOM_MAX : z;
        s->mat_follow = -1; /* the matrix view finds its current row again */
        return;
    }
    case ACT_ZOOM_RESET:
        s->zoom = 1.0f;
        s->pan_x = s->pan_y = 0;
        s->mat_follow = -1;
        return;
    case ACT_CANCEL:
        if (s->editing)
            s->editing = 0;
        else if (s->help)
            s->help = 0;
        else
            s->pin = s->sel = no_cell;
        return;
    case ACT_EDIT:
        if (s->sel.grid != GRID_NONE) {
            s->editing = 1;
            s->edit[0] = '\0';
        }
        return;
    case ACT_PRESET_INPUT: scene_cycle_preset(s, 0); return;
    case ACT_UNDO: scene_undo(s); return;
    case ACT_REDO: scene_redo(s); return;
    case ACT_PASTE: return; /* needs the frame's text: handle_keys calls scene_paste */
    case ACT_SAVE: scene_save(s, ".", NULL, 0, NULL); return;
    case ACT_ROW_ADD: scene_resize_tensor(s, 0, +1); return;
    case ACT_ROW_REMOVE: scene_resize_tensor(s, 0, -1); return;
    case ACT_COL_ADD: scene_resize_tensor(s, 1, +1); return;
    case ACT_COL_REMOVE: scene_resize_tensor(s, 1, -1); return;
    case ACT_PRESET_KERNEL: scene_cycle_preset(s, 1); return;
    case ACT_CONVENTION: scene_toggle_convention(s); return;
    case ACT_CHANNEL_IN_UP: change_channel(s, 1, +1); return;
    case ACT_CHANNEL_IN_DOWN: change_channel(s, 1, -1); return;
    case ACT_CHANNEL_OUT_UP: change_channel(s, 0, +1); return;
    case ACT_CHANNEL_OUT_DOWN: change_channel(s, 0, -1); return;
    case ACT_STRIDE_UP:
    case ACT_STRIDE_DOWN:
    case ACT_KERNEL_UP:
    case ACT_KERNEL_DOWN:
        if (scene_stack_key(s, a))
            return;
        scene_param_action(s, a);
        return;
    case ACT_INPUT_UP:
    case ACT_INPUT_DOWN:
    case ACT_PADDING_UP:
    case ACT_PADDING_DOWN:
    case ACT_OUTPUT_UP:
    case ACT_OUTPUT_DOWN:
    case ACT_DILATION_UP:
    case ACT_DILATION_DOWN: scene_param_action(s, a); return;
    case ACT_NONE:
    case ACT_COUNT: return;
    }
    scene_after_move(s);
}

