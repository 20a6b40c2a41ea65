/* scene_fixture.h - a Scene driven by synthetic UiInput, and lookups in its
 * DrawList; shared by the scene test executables (static: each includes it
 * once). Text is measured by a fixed-pitch fake: 0.6 em per code point. */
#ifndef TCVIZ_TEST_SCENE_FIXTURE_H
#define TCVIZ_TEST_SCENE_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/lesson.h"
#include "ui/keys.h"
#include "ui/layout.h"
#include "ui/scene.h"
#include "ui/theme.h"

/* Not every test file uses every helper. */
#define FIXTURE static __attribute__((unused))

#define W 1600
#define H 900

/* Fixed pitch: 0.6 em per code point. */
/* The source question's channels example: a 28x28 input with 32 channels,
 * 32 filters of 7x7, stride 1, SAME, filled with small integers. The caller
 * frees s->input and s->filter. */
FIXTURE void setup_28x28x32(SceneSetup *s)
{
    Err err = {0};
    memset(s, 0, sizeof *s);
    s->spec = (LayerSpec){.op = OP_CONV2D_TRANSPOSE,
                          .params = {.convention = CONV_TF, .stride = {1, 1}, .padding = PAD_SAME}};
    assert_int_equal(tensor_init(&s->input, LAYOUT_NHWC, (int[4]){1, 28, 28, 32}, &err), 0);
    assert_int_equal(tensor_init(&s->filter, LAYOUT_HWOI, (int[4]){7, 7, 1, 32}, &err), 0);
    for (size_t i = 0; i < tensor_count(&s->input); i++)
        s->input.data[i] = (float)((int)(i % 7) - 3);
    for (size_t i = 0; i < tensor_count(&s->filter); i++)
        s->filter.data[i] = (float)((int)(i % 5) - 2);
}

FIXTURE int measure(void *user, int px, const char *s)
{
    (void)user;
    int n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        n += (*p & 0xC0) != 0x80;
    return n * px * 6 / 10;
}

typedef struct {
    Scene *s;
    DrawList dl;
    UiInput in;
} Fx;

FIXTURE void fx_open(Fx *f, const SceneSetup *setup)
{
    /* course progress never goes to the user's data directory (ctest sets
     * its own; a test binary run by hand gets this one) */
    setenv("XDG_DATA_HOME", "/tmp/tcviz-test-xdg-data", 0);
    memset(f, 0, sizeof *f);
    Err err = {0};
    SceneSetup zero = {0};
    f->s = scene_create(setup ? setup : &zero, measure, NULL, &err);
    if (!f->s)
        fail_msg("scene_create: %s", err.msg);
    f->in = (UiInput){.width = W, .height = H, .scale = 1.0f, .mouse_x = -100, .mouse_y = -100};
}

static void frame(Fx *f);

/* Open and draw a first frame, so cells have screen positions. */
FIXTURE void fx_start(Fx *f, const SceneSetup *setup)
{
    fx_open(f, setup);
    frame(f);
}

FIXTURE void fx_close(Fx *f)
{
    draw_free(&f->dl);
    scene_free(f->s);
}

/* One frame: input, draw; then the per-frame input fields are consumed. */
FIXTURE void frame(Fx *f)
{
    scene_handle_input(f->s, &f->in);
    scene_draw(f->s, &f->in, &f->dl);
    f->in.key_count = 0;
    f->in.text[0] = '\0';
    f->in.mouse_pressed = f->in.mouse_released = 0;
    f->in.wheel = 0;
    f->in.dropped_file = NULL;
}

FIXTURE void key(Fx *f, UiKeyCode code, int ch, int mods)
{
    f->in.keys[f->in.key_count++] = (UiKeyPress){code, ch, mods};
    if (code == KEY_CHAR && !(mods & MOD_CTRL))
        snprintf(f->in.text + strlen(f->in.text), sizeof f->in.text - strlen(f->in.text), "%c", ch);
    frame(f);
}

FIXTURE Rect cell(Fx *f, int grid, int row, int col)
{
    Rect r;
    if (!scene_cell_rect(f->s, grid, row, col, &r))
        fail_msg("grid %d cell (%d,%d) is not shown", grid, row, col);
    return r;
}

FIXTURE void hover(Fx *f, int grid, int row, int col)
{
    Rect r = cell(f, grid, row, col);
    f->in.mouse_x = r.x + r.w / 2;
    f->in.mouse_y = r.y + r.h / 2;
    frame(f);
}

FIXTURE void click(Fx *f, int grid, int row, int col)
{
    Rect r = cell(f, grid, row, col);
    f->in.mouse_x = r.x + r.w / 2;
    f->in.mouse_y = r.y + r.h / 2;
    f->in.mouse_pressed = f->in.mouse_released = 1;
    f->in.mouse_down = 0;
    frame(f);
}

FIXTURE const DrawCmd *find_text(const DrawList *dl, const char *s)
{
    for (int i = 0; i < dl->count; i++)
        if (dl->cmds[i].kind == DRAW_TEXT && strcmp(draw_cmd_text(dl, &dl->cmds[i]), s) == 0)
            return &dl->cmds[i];
    return NULL;
}

FIXTURE void assert_text(const DrawList *dl, const char *s)
{
    if (!find_text(dl, s))
        fail_msg("no text '%s' in the frame", s);
}

FIXTURE int same_color(Color a, Color b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b && a.a == b.a;
}

FIXTURE int same_rect(Rect a, Rect b)
{
    return a.x == b.x && a.y == b.y && a.w == b.w && a.h == b.h;
}

FIXTURE int has_frame(const DrawList *dl, Rect r, Color c)
{
    for (int i = 0; i < dl->count; i++)
        if (dl->cmds[i].kind == DRAW_FRAME && same_rect(dl->cmds[i].rect, r) &&
            same_color(dl->cmds[i].color, c))
            return 1;
    return 0;
}

/* A line of colour c starting inside r (a cell's mark). */
FIXTURE int has_line_in(const DrawList *dl, Rect r, Color c)
{
    for (int i = 0; i < dl->count; i++)
        if (dl->cmds[i].kind == DRAW_LINE && same_color(dl->cmds[i].color, c) &&
            rect_contains(r, dl->cmds[i].rect.x, dl->cmds[i].rect.y))
            return 1;
    return 0;
}

/* A filled rectangle of colour c covering r (the last one drawn there). */
FIXTURE int has_fill(const DrawList *dl, Rect r, Color c)
{
    int found = 0;
    for (int i = 0; i < dl->count; i++) {
        const DrawCmd *d = &dl->cmds[i];
        if (d->kind != DRAW_RECT || d->rect.x > r.x || d->rect.y > r.y ||
            d->rect.x + d->rect.w < r.x + r.w || d->rect.y + d->rect.h < r.y + r.h)
            continue;
        found = same_color(d->color, c); /* a later fill covers an earlier one */
    }
    return found;
}

/* The first text command starting with prefix, or NULL. */
FIXTURE const char *text_starting(const DrawList *dl, const char *prefix)
{
    for (int i = 0; i < dl->count; i++)
        if (dl->cmds[i].kind == DRAW_TEXT &&
            strncmp(draw_cmd_text(dl, &dl->cmds[i]), prefix, strlen(prefix)) == 0)
            return draw_cmd_text(dl, &dl->cmds[i]);
    return NULL;
}

/* Word-wrapped text: every text command of the frame joined by spaces (a
 * wrapped sentence comes back whole) contains s. */
FIXTURE int frame_says(const DrawList *dl, const char *s)
{
    size_t cap = 1, len = 0;
    for (int i = 0; i < dl->count; i++)
        if (dl->cmds[i].kind == DRAW_TEXT)
            cap += strlen(draw_cmd_text(dl, &dl->cmds[i])) + 1;
    char *all = malloc(cap);
    if (!all)
        return 0;
    all[0] = '\0';
    for (int i = 0; i < dl->count; i++)
        if (dl->cmds[i].kind == DRAW_TEXT) {
            const char *t = draw_cmd_text(dl, &dl->cmds[i]);
            len += (size_t)snprintf(all + len, cap - len, "%s%s", len ? " " : "", t);
        }
    int found = strstr(all, s) != NULL;
    free(all);
    return found;
}

/* The number drawn in a cell (centred in its box), or "" if none. */
FIXTURE const char *cell_text(const DrawList *dl, Rect r)
{
    const char *found = "";
    for (int i = 0; i < dl->count; i++) {
        const DrawCmd *c = &dl->cmds[i];
        if (c->kind == DRAW_TEXT && c->align == ALIGN_CENTER && c->rect.x == r.x &&
            c->rect.w == r.w && c->rect.y >= r.y && c->rect.y < r.y + r.h)
            found = draw_cmd_text(dl, c); /* the last one drawn is on top */
    }
    return found;
}

/* The header's call as one line: its wrapped lines (title colour, one
 * size) joined by spaces, no-break spaces read as spaces. */
FIXTURE const char *header_call(Fx *f)
{
    static char out[1024];
    const DrawList *dl = &f->dl;
    const DrawCmd *first = NULL;
    size_t len = 0;
    out[0] = '\0';
    for (int i = 0; i < dl->count; i++) {
        const DrawCmd *c = &dl->cmds[i];
        const char *t = draw_cmd_text(dl, c);
        if (c->kind != DRAW_TEXT)
            continue;
        if (!first && (strncmp(t, "tf.", 3) == 0 || strncmp(t, "F.", 2) == 0 ||
                       strncmp(t, "torch.", 6) == 0))
            first = c;
        else if (!first)
            continue;
        else if (c->size_px != first->size_px || !same_color(c->color, first->color) ||
                 c->rect.y <= first->rect.y)
            break;
        len += (size_t)snprintf(out + len, sizeof out - len, "%s%s", c == first ? "" : " ", t);
        if (len >= sizeof out)
            break;
    }
    for (char *p = out; (p = strstr(p, "\xc2\xa0")) != NULL;) {
        *p = ' ';
        memmove(p + 1, p + 2, strlen(p + 2) + 1);
    }
    return out;
}

/* The panel message: wrapped lines at the panel's left edge, between the
 * parameter rows and the legend, joined by spaces. */
FIXTURE void panel_message(Fx *f, char *buf, size_t cap)
{
    const DrawCmd *left = find_text(&f->dl, "stride"), *legend = NULL;
    for (int i = 0; i < f->dl.count && !legend; i++) /* the legend's first line */
        if (f->dl.cmds[i].kind == DRAW_TEXT &&
            strncmp(draw_cmd_text(&f->dl, &f->dl.cmds[i]), "values, shared scale:", 21) == 0)
            legend = &f->dl.cmds[i];
    const DrawCmd *last = find_text(&f->dl, "theme: light");
    assert_non_null(left);
    assert_non_null(legend);
    assert_non_null(last);
    buf[0] = '\0';
    for (int i = 0; i < f->dl.count; i++) {
        const DrawCmd *c = &f->dl.cmds[i];
        if (c->kind == DRAW_TEXT && c->align == ALIGN_LEFT && c->rect.x == left->rect.x &&
            c->rect.y > last->rect.y + 10 && c->rect.y < legend->rect.y)
            snprintf(buf + strlen(buf), cap - strlen(buf), "%s%s", buf[0] ? " " : "",
                     draw_cmd_text(&f->dl, c));
    }
}

/* ---- scenes on lessons, and the folder Ctrl+S saves into ---- */

/* Open a scene on the lesson at path, as the window does (SceneSetup.lesson),
 * and draw its first frame. */
FIXTURE void fx_start_lesson(Fx *f, const char *path)
{
    Lesson l;
    Err err = {0};
    if (lesson_load(path, &l, &err) != 0)
        fail_msg("%s", err.msg);
    SceneSetup setup = {0};
    setup.lesson = &l;
    fx_start(f, &setup);
    lesson_free(&l);
}

/* A fresh folder for each test's saves: cmocka setup and teardown. */
FIXTURE char save_root[64];

FIXTURE int save_dir_up(void **state)
{
    (void)state;
    snprintf(save_root, sizeof save_root, "/tmp/tcviz-save-XXXXXX");
    return mkdtemp(save_root) ? 0 : -1;
}

FIXTURE int save_dir_rm(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", save_root);
    return system(cmd) == 0 ? 0 : -1;
}

/* The same layout, sizes and values, bit for bit. */
FIXTURE void assert_same_tensor(const Tensor *a, const Tensor *b)
{
    assert_int_equal(a->layout, b->layout);
    assert_memory_equal(a->dim, b->dim, sizeof a->dim);
    assert_memory_equal(a->data, b->data, tensor_count(a) * sizeof(float));
}

#endif
