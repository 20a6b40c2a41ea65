/* scene_input.c - what keys, clicks, drags and the wheel do.
 *
 * Input is handled in a fixed order: the widget pass (panel, timeline bar)
 * gets the mouse first, then keys (or the cell editor, which swallows them
 * while typing), then the grids (hover, click to pin and select, drag to
 * pan, wheel to zoom). Every key goes through scene_do, the one switch
 * that the panel's buttons use too, so a button and its key never differ. */
#include "ui/scene_edit.h"
#include "ui/view.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ZOOM_STEP 1.25f

static const CellRef no_cell = {GRID_NONE, 0, 0};

/* ---- actions -------------------------------------------------------------------- */

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
        s->snippet = (s->snippet + (a == ACT_SNIPPET_NEXT ? 1 : SNIPPET_COUNT - 1)) % SNIPPET_COUNT;
        return;
    case ACT_COPY:
        if (view_of(s)->copy)
            view_of(s)->copy(s);
        return;
    case ACT_LESSON_NEXT:
    case ACT_LESSON_PREV:
    case ACT_LESSONS: scene_lesson_action(s, a); return;
    case ACT_THEME: s->theme = (ThemeKind)((s->theme + 1) % THEME_COUNT); return;
    case ACT_MOTION:
        s->reduced_motion = !s->reduced_motion;
        timeline_set_reduced_motion(tl, s->reduced_motion);
        if (s->reduced_motion && s->rot_running)
            s->rot = 1.0, s->rot_running = 0;
        scene_set_message(s, 0, "reduced motion %s", s->reduced_motion ? "on" : "off");
        return;
    case ACT_HELP: s->help = !s->help; return;
    case ACT_FULLSCREEN: s->req.toggle_fullscreen = 1; return;
    case ACT_SCREENSHOT: s->req.screenshot = 1; return;
    case ACT_QUIT:
    case ACT_QUIT_CTRL: s->req.quit = 1; return;
    case ACT_ZOOM_IN:
    case ACT_ZOOM_OUT: {
        float z = a == ACT_ZOOM_IN ? s->zoom * ZOOM_STEP : s->zoom / ZOOM_STEP;
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

/* ---- input -------------------------------------------------------------------------- */

CellRef scene_focus(const Scene *s)
{
    return s->hover.grid != GRID_NONE ? s->hover : s->pin;
}

static int editable(GridId g)
{
    return g == GRID_INPUT || g == GRID_KERNEL || g == GRID_G_DOUT || g == GRID_G_X;
}

static int starts_number(const UiKeyPress *k)
{
    return k->code == KEY_CHAR && !(k->mods & MOD_CTRL) &&
           ((k->ch >= '0' && k->ch <= '9') || k->ch == '-' || k->ch == '.');
}

static void handle_editor_key(Scene *s, const UiKeyPress *k)
{
    size_t len = strlen(s->edit);
    switch (k->code) {
    case KEY_RETURN: scene_commit_edit(s); break;
    case KEY_ESCAPE: s->editing = 0; break;
    case KEY_BACKSPACE:
        if (len)
            s->edit[len - 1] = '\0';
        break;
    default:
        if (keys_lookup(k) == ACT_QUIT_CTRL)
            s->req.quit = 1;
        break;
    }
}

static void handle_keys(Scene *s, const UiInput *in)
{
    for (int i = 0; i < in->key_count && i < UI_MAX_KEYS; i++) {
        const UiKeyPress *k = &in->keys[i];
        if (scene_lesson_key(s, k)) /* the lesson browser, while open */
            continue;
        if (s->editing) {
            handle_editor_key(s, k);
            continue;
        }
        if (s->sel.grid != GRID_NONE && starts_number(k)) {
            s->editing = 1; /* the character itself arrives as text */
            s->edit[0] = '\0';
            continue;
        }
        UiAction a = keys_lookup(k);
        if (a == ACT_PASTE)
            scene_paste(s, in->paste_text);
        else
            scene_do(s, a);
    }
    if (s->editing)
        for (const char *p = in->text; *p; p++) {
            size_t len = strlen(s->edit);
            if (strchr("0123456789.-+eE", *p) && len + 1 < sizeof s->edit) {
                s->edit[len] = *p;
                s->edit[len + 1] = '\0';
            }
        }
}

static void click_cell(Scene *s, CellRef c)
{
    s->editing = 0;
    if (c.grid == GRID_NONE) {
        s->pin = s->sel = no_cell;
        return;
    }
    if (s->pin.grid == c.grid && s->pin.row == c.row && s->pin.col == c.col) {
        s->pin = s->sel = no_cell;
        return;
    }
    s->pin = c;
    s->sel = editable(c.grid) ? c : no_cell;
    /* the view may act on it too (the channels view's strips are tabs) */
    if (view_of(s)->clicked)
        view_of(s)->clicked(s, c);
}

/* A press on the view's own controls (the code view's tabs). */
static int click_view(Scene *s, const UiInput *in)
{
    if (!view_of(s)->press || !in->mouse_pressed || s->ui.mouse_taken)
        return 0;
    return view_of(s)->press(s, in->mouse_x, in->mouse_y);
}

static void handle_mouse(Scene *s, const UiInput *in)
{
    const ScreenLayout *l = &s->layout;
    int mx = in->mouse_x, my = in->mouse_y;
    CellRef hit = no_cell;
    GridId g;
    int r, c;
    if (!s->ui.mouse_taken && !ui_over_widget(&s->ui, mx, my) && layout_hit(l, mx, my, &g, &r, &c))
        hit = (CellRef){g, r, c};
    s->hover = s->dragging && s->drag_moved ? no_cell : hit;

    if (in->wheel && !s->ui.mouse_taken) {
        if (in->wheel_mods & MOD_CTRL) {
            float z = s->zoom * powf(ZOOM_STEP, (float)in->wheel);
            s->zoom = z < LAYOUT_ZOOM_MIN   ? LAYOUT_ZOOM_MIN
                      : z > LAYOUT_ZOOM_MAX ? LAYOUT_ZOOM_MAX
                                            : z;
            s->mat_follow = -1;
        } else if (in->wheel_mods & MOD_SHIFT) {
            s->pan_x += in->wheel * 3 * l->body_px;
        } else {
            s->pan_y += in->wheel * 3 * l->body_px;
        }
    }
    if (in->right_pressed) /* right click: let go of pin and selection */
        click_cell(s, no_cell);
    if (click_view(s, in))
        return;
    int split = l->scatter.w > 0 || l->conv.w > 0; /* the split views: only their halves */
    int in_views = rect_contains(l->scatter, mx, my) || rect_contains(l->conv, mx, my) ||
                   (!split && rect_contains(l->view, mx, my));
    if (in->mouse_pressed && !s->ui.mouse_taken && in_views) {
        s->dragging = 1;
        s->drag_moved = 0;
        s->drag_x = s->press_x = mx;
        s->drag_y = s->press_y = my;
        s->press_cell = hit;
    }
    if (!s->dragging)
        return;
    if (!s->drag_moved && (abs(mx - s->press_x) > 4 || abs(my - s->press_y) > 4))
        s->drag_moved = 1;
    if (s->drag_moved) {
        s->pan_x += mx - s->drag_x;
        s->pan_y += my - s->drag_y;
    }
    s->drag_x = mx;
    s->drag_y = my;
    if (!in->mouse_down || in->mouse_released) {
        if (!s->drag_moved)
            click_cell(s, s->press_cell);
        s->dragging = 0;
    }
}

void scene_handle_input(Scene *s, const UiInput *in)
{
    scene_relayout(s, in);
    s->ui.theme = theme_get(s->theme);
    s->ui.text_px = s->layout.body_px;
    ui_begin(&s->ui, in, NULL);
    scene_build_widgets(s, &s->ui);
    ui_end(&s->ui);
    handle_keys(s, in);
    scene_relayout(s, in); /* keys may have changed the view or the sizes */
    handle_mouse(s, in);
    if (in->dropped_file) {
        Err err = {0};
        const char *which =
            s->hover.grid == GRID_KERNEL || s->hover.grid == GRID_ROTKERNEL ||
                    s->hover.grid == GRID_G_W
                ? "filter"
                : "input";
        if (scene_load_file(s, which, in->dropped_file, &err) != 0)
            snprintf(s->req.message, sizeof s->req.message, "%.*s", (int)sizeof s->req.message - 1,
                     err.msg);
    }
}
