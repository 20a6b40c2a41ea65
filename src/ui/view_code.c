/* view_code.c - the framework code that reproduces the current layer.
 *
 * Tabs choose among TensorFlow (tf.nn.conv2d_transpose), Keras
 * (Conv2DTranspose) and PyTorch (nn.ConvTranspose2d, F.conv_transpose2d);
 * the selected snippet is shown in full below them, with a line saying
 * whether one call reproduces the layer or (e.g. TF SAME with an odd total
 * padding in PyTorch) the snippet spells it as pad-then-crop. Ctrl+C puts
 * the selected snippet in SceneRequests.clipboard for the app to copy.
 *
 * The snippets come from snippet.h, built once per configuration (they try
 * spellings through the core's geometry) and kept until the layer changes. */
#include "ui/paint.h"
#include "ui/view.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const tab_names[SNIPPET_COUNT] = {"TensorFlow", "Keras", "PyTorch",
                                                     "PyTorch functional"};

/* The layer changed: snippets are rebuilt when next shown. */
static void view_code_invalidate(Scene *s)
{
    free(s->code);
    s->code = NULL;
}

/* A stack lesson's chain is spelled whole: it is run once here (the
 * snippets resolve each stage for its real input). */
static const Snippet *snippets(Scene *s)
{
    if (s->code)
        return s->code;
    s->code = calloc(SNIPPET_COUNT, sizeof *s->code);
    if (!s->code)
        return NULL;
    StackSpec chain;
    const Tensor *in;
    StackResult r = {0};
    Err run_err = {0};
    int stack = scene_lesson_stack(s, &chain, &in);
    int ran = stack && stack_run(&chain, in, &r, &run_err) == 0;
    for (int k = 0; k < SNIPPET_COUNT; k++) {
        Err err = {0};
        s->code_err[k][0] = '\0';
        int rc = !stack ? snippet_build((SnippetKind)k, &s->spec, &s->m.g, s->bias.data != NULL,
                                        &s->code[k], &err)
                 : ran  ? snippet_build_stack((SnippetKind)k, &chain, in, &r, &s->code[k], &err)
                        : err_fail(&err, run_err.code, "%s", run_err.msg);
        if (rc != 0) {
            snprintf(s->code_err[k], sizeof s->code_err[k], "%s", err.msg);
            s->code[k].text[0] = '\0';
        }
    }
    if (ran)
        stack_result_free(&r);
    return s->code;
}

static int selected(const Scene *s)
{
    return s->snippet >= 0 && s->snippet < SNIPPET_COUNT ? s->snippet : 0;
}

/* The tabs choosing the snippet (pure layout: input and drawing agree). */
static void view_code_tabs(const Scene *s, Rect tabs[SNIPPET_COUNT])
{
    const ScreenLayout *l = &s->layout;
    int b = l->body_px, pad = l->pad;
    Rect row = {l->view.x, l->view.y, l->view.w, b * 19 / 10};
    int x = row.x;
    for (int k = 0; k < SNIPPET_COUNT; k++) {
        int w = scene_text_width(s, b, tab_names[k]) + 2 * b;
        tabs[k] = (Rect){x, row.y, w, row.h};
        x += w + pad;
    }
}


/* Where a code line longer than the `room` bytes that fit on screen breaks:
 * after the last ", " that starts an argument (a name or a string, not a
 * list's next number), else after the last space, looked for in the second
 * half of the room; with neither, at the room. Never inside a UTF-8
 * character. */
static size_t line_break(const char *p, size_t room)
{
    size_t arg = 0, space = 0;
    for (size_t i = room / 2; i <= room; i++) {
        if (i < 2 || p[i - 1] != ' ')
            continue;
        space = i;
        if (p[i - 2] == ',' && (isalpha((unsigned char)p[i]) || p[i] == '_' || p[i] == '\''))
            arg = i;
    }
    size_t take = arg ? arg : space ? space : room;
    while (take > 0 && ((unsigned char)p[take] & 0xC0) == 0x80)
        take--; /* never split a UTF-8 character */
    return take;
}
/* The selected snippet's text into the app's clipboard request. */
static void view_code_copy(Scene *s)
{
    const Snippet *sn = snippets(s);
    int k = selected(s);
    if (!sn || !sn[k].text[0]) {
        scene_set_message(s, 1, "no %s snippet to copy", tab_names[k]);
        return;
    }
    snprintf(s->req.clipboard, sizeof s->req.clipboard, "%s", sn[k].text);
    s->req.copy = 1;
    scene_set_message(s, 0, "copied the %s snippet to the clipboard", tab_names[k]);
}

static void status(Scene *s, StrBuf *o)
{
    const Snippet *sn = snippets(s);
    int k = selected(s);
    if (!sn || !sn[k].text[0]) {
        strbuf_printf(o, "%s: %s", tab_names[k], sn ? s->code_err[k] : "out of memory");
        return;
    }
    StackSpec chain;
    const Tensor *in;
    if (scene_lesson_stack(s, &chain, &in))
        strbuf_printf(o, "%s: the lesson's %d-stage chain%s; Tab or Up/Down chooses, Ctrl+C copies",
                 tab_names[k], chain.n_stages,
                 sn[k].single_call ? "" : ", call by call where one layer cannot hold a stage");
    else
        strbuf_printf(o, "%s: %s; Tab or Up/Down chooses, Ctrl+C copies", tab_names[k],
                 sn[k].single_call ? "one call reproduces this layer exactly"
                                   : "no single call reproduces this layer, so it takes more "
                                     "steps");
}

static void draw(Scene *s, DrawList *dl)
{
    const ScreenLayout *l = &s->layout;
    const Theme *th = theme_get(s->theme);
    int b = l->body_px, pad = l->pad, lh = b * 5 / 4;
    Rect tabs[SNIPPET_COUNT];
    view_code_tabs(s, tabs);
    const Snippet *sn = snippets(s);
    int k = selected(s);
    draw_clip(dl, l->view);
    for (int i = 0; i < SNIPPET_COUNT; i++) {
        Color bg = i == k ? th->button_on : th->button;
        draw_rect(dl, tabs[i], bg);
        draw_frame(dl, tabs[i], th->border, 1);
        draw_text_box(dl, (Rect){tabs[i].x, tabs[i].y + (tabs[i].h - b) / 2, tabs[i].w, b}, b,
                      i == k ? theme_text_on(th, bg) : th->button_text, ALIGN_CENTER, tab_names[i]);
    }
    Rect box = l->view;
    rect_cut_top(&box, tabs[0].h + pad);
    draw_rect(dl, box, th->panel);
    draw_frame(dl, box, th->highlight, 2);
    Rect r = rect_inset(box, pad);
    if (!sn || !sn[k].text[0]) {
        scene_wrap_text(s, dl, r, b, th->error, sn ? s->code_err[k] : "out of memory");
        draw_clip(dl, (Rect){0, 0, 0, 0});
        return;
    }
    StackSpec chain;
    const Tensor *in;
    int stack = scene_lesson_stack(s, &chain, &in);
    draw_text(dl, r.x, r.y, b, sn[k].single_call ? th->check : th->error, ALIGN_LEFT,
              sn[k].single_call ? (stack ? "the whole chain, every stage one call"
                                         : "one call reproduces the layer exactly")
                                : "no single call: the snippet spells it in steps (see comments)");
    rect_cut_top(&r, lh + pad);
    draw_clip(dl, rect_intersect(r, l->view));
    /* One draw command per screen line: a code line wider than the box
     * continues on the next with a hanging indent (the copied text keeps
     * its own lines), broken where line_break says; lines past the box are
     * clipped. */
    const char *t = sn[k].text;
    char line[256];
    int em = scene_text_width(s, b, "M");
    int cols = em > 0 ? r.w / em : 80;
    cols = cols < 16 ? 16 : cols > (int)sizeof line - 8 ? (int)sizeof line - 8 : cols;
    for (int y = r.y; *t && y < r.y + r.h;) {
        size_t n = strcspn(t, "\n");
        Color c = t[strspn(t, " ")] == '#' ? th->text_dim : th->text;
        const char *p = t;
        size_t left = n;
        int first = 1;
        do {
            int room = first ? cols : cols - 4;
            size_t take = left <= (size_t)room ? left : (size_t)room;
            if (take < left)
                take = line_break(p, take);
            snprintf(line, sizeof line, "%s%.*s", first ? "" : "    ", (int)take, p);
            if (line[0])
                draw_text(dl, r.x, y, b, c, ALIGN_LEFT, line);
            y += lh;
            p += take;
            left -= take;
            first = 0;
        } while (left > 0 && y < r.y + r.h);
        t += n + (t[n] == '\n');
    }
    draw_clip(dl, (Rect){0, 0, 0, 0});
}

/* The tabs choose the snippet. */
static int press(Scene *s, int x, int y)
{
    Rect tabs[SNIPPET_COUNT];
    view_code_tabs(s, tabs);
    for (int i = 0; i < SNIPPET_COUNT; i++)
        if (rect_contains(tabs[i], x, y)) {
            s->snippet = i;
            return 1;
        }
    return 0;
}

const ViewOps view_code_ops = {
    .name = "code",
    .still = "no steps",
    .n_phases = 1,
    .phase = {PHASE_SCATTER},
    .first_grid = GRID_NONE,
    .last_grid = GRID_NONE,
    .draw = draw,
    .status = status,
    .press = press,
    .copy = view_code_copy,
    .changed = view_code_invalidate,
};
