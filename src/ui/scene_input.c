/* scene_input.c - what keys, clicks, drags and the wheel do.
 *
 * Input is handled in a fixed order: the widget pass (panel, timeline bar)
 * gets the mouse first, then keys (or the cell editor, which swallows them
 * while typing), then the grids (hover, click to pin and select, drag to
 * pan, wheel to zoom). Every key goes through scene_do, the one switch
 * that the panel's buttons use too, so a button and its key never differ. */
#include "ui/scene_actions.h"
#include "ui/scene_data.h"
#include "ui/scene_edit.h"
#include "ui/scene_layout.h"
#include "ui/scene_panel.h"
#include "ui/view.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const CellRef no_cell = {GRID_NONE, 0, 0};

/* ---- input -------------------------------------------------------------------------- */

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
        if (scene_ask_key(s, k)) /* a lesson question, while answering */
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
    scene_ask_text(s, in->text);
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
    if (scene_ask_click(s, c.grid, c.row, c.col)) /* marking a touches answer */
        return;
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
            float z = s->zoom * powf(SCENE_ZOOM_STEP, (float)in->wheel);
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
    scene_layout(s, in);
    scene_present_track(s, in);
    scene_layout(s, in); /* the presenter's panel and timeline came or went */
    s->ui.theme = theme_get(s->theme);
    s->ui.text_px = s->layout.body_px;
    ui_begin(&s->ui, in, NULL);
    scene_build_widgets(s, &s->ui);
    ui_end(&s->ui);
    handle_keys(s, in);
    scene_layout(s, in); /* keys may have changed the view or the sizes */
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
