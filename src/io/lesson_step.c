/* lesson_step.c - one step of a lesson: the view, the timeline position or
 * range to play, what to highlight, and the narrative.
 *
 * Positions and highlights are checked against the layer when loading, so a
 * step never points past the end of its timeline or outside a grid: a
 * teacher finds the slip at `tcviz check` time, not in front of a class. */
#include "io/lesson_internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/formulations.h"

static const char *const view_names[] = {LESSON_VIEW_NAMES, NULL};
static const char *const build_names[] = {LESSON_BUILD_NAMES, NULL};

void lesson_step_free(LessonStep *s)
{
    free(s->view);
    free(s->highlight);
    free(s->text);
    lesson_variant_free(&s->with);
    if (s->ask) {
        lesson_ask_free(s->ask);
        free(s->ask);
    }
    memset(s, 0, sizeof *s);
}

/* ---- highlight ------------------------------------------------------------------ */

static const char *const targets[] = {"input", "filter", "d_out", "output",
                                      "canvas", "padded", "kernel", NULL};

/* Rows x cols of a highlight target in the layer, or -1 if it has none. */
static int target_size(const char *name, OpKind op, const ConvGeom *g, int *rows, int *cols)
{
    const AxisGeom *h = &g->h, *w = &g->w;
    int big[2] = {h->conv_in, w->conv_in}, small[2] = {h->conv_out, w->conv_out};
    int k[2] = {h->k, w->k};
    const int *size = NULL;
    int full[2] = {h->full, w->full}, padded[2];
    if (strcmp(name, "filter") == 0 || (strcmp(name, "kernel") == 0 && op == OP_CONV2D_TRANSPOSE))
        size = k;
    else if (strcmp(name, "input") == 0 && op != OP_BACKPROP_INPUT)
        size = op == OP_CONV2D_TRANSPOSE ? small : big;
    else if (strcmp(name, "output") == 0)
        size = op == OP_CONV2D ? small : op == OP_BACKPROP_FILTER ? k : big;
    else if (strcmp(name, "d_out") == 0 && op != OP_CONV2D_TRANSPOSE)
        size = small;
    else if (strcmp(name, "canvas") == 0 && op == OP_CONV2D_TRANSPOSE)
        size = full;
    else if (strcmp(name, "padded") == 0 && op == OP_CONV2D_TRANSPOSE) {
        ConvGeom eq;
        form_equiv_geom(g, &eq);
        padded[0] = eq.h.conv_in;
        padded[1] = eq.w.conv_in;
        size = padded;
    }
    if (!size)
        return -1;
    *rows = size[0];
    *cols = size[1];
    return 0;
}

/* "r" or "r0:r1" (half-open) starting at *p. */
static int parse_range(const char **p, int *lo, int *hi)
{
    char *end;
    while (**p == ' ')
        (*p)++;
    if (!isdigit((unsigned char)**p))
        return -1;
    long a = strtol(*p, &end, 10); /* LONG_MAX when past its range */
    if (a > 100000)
        return -1;
    long b = a + 1;
    *p = end;
    if (**p == ':') {
        (*p)++;
        if (!isdigit((unsigned char)**p))
            return -1;
        b = strtol(*p, &end, 10);
        *p = end;
    }
    while (**p == ' ')
        (*p)++;
    if (a > 100000 || b > 100000 || b <= a)
        return -1;
    *lo = (int)a;
    *hi = (int)b;
    return 0;
}

static int parse_highlight(const LCtx *cx, const YNode *n, const char *field, OpKind op,
                           const ConvGeom *g, LessonStep *s)
{
    static const char *const form = "NAME[row, col] or NAME[r0:r1, c0:c1]";
    if (lget_string(cx, n, field, 64, &s->highlight) != 0)
        return -1;
    const char *t = s->highlight, *br = strchr(t, '[');
    LessonHighlight *hl = &s->hl;
    size_t len = br ? (size_t)(br - t) : 0;
    if (!br || len == 0 || len >= sizeof hl->target)
        return lwant(cx, n, field, form);
    memcpy(hl->target, t, len);
    hl->target[len] = '\0';
    int known = 0;
    for (int i = 0; targets[i] && !known; i++)
        known = strcmp(hl->target, targets[i]) == 0;
    if (!known) {
        const char *sug = lsuggest(hl->target, targets);
        return lfail(cx, n, TC_ERR_FORMAT,
                     "%s names '%s', expected input, filter, d_out, output, canvas, padded or "
                     "kernel%s%s%s",
                     field, hl->target, sug ? " (did you mean '" : "", sug ? sug : "",
                     sug ? "'?)" : "");
    }
    const char *p = br + 1;
    if (parse_range(&p, &hl->row0, &hl->row1) != 0 || *p++ != ',' ||
        parse_range(&p, &hl->col0, &hl->col1) != 0 || *p++ != ']' || *p != '\0')
        return lwant(cx, n, field, form);
    int rows, cols;
    if (target_size(hl->target, op, g, &rows, &cols) != 0)
        return lfail(cx, n, TC_ERR_FORMAT, "%s: a %s layer has no '%s' grid", field, op_name(op),
                     hl->target);
    if (hl->row1 > rows || hl->col1 > cols)
        return lfail(cx, n, TC_ERR_FORMAT, "%s reaches outside %s, which is %d x %d", field,
                     hl->target, rows, cols);
    return 0;
}

/* ---- timeline ------------------------------------------------------------------- */

static int parse_position(const LCtx *cx, const YNode *at, const YNode *play, const char *field,
                          LessonStep *s)
{
    char f[64];
    if (at && play)
        return lfail(cx, play, TC_ERR_FORMAT, "%s gives both at and play, expected one", field);
    if (at && at->kind == YN_SCALAR && at->value && strcmp(at->value, "end") == 0) {
        s->from = s->to = LESSON_AT_END; /* the view's last step, whatever its length */
    } else if (at) {
        snprintf(f, sizeof f, "%.40s.at", field);
        const char *v = at->kind == YN_SCALAR && at->value ? at->value : "";
        if (!isdigit((unsigned char)v[0]))
            return lwant(cx, at, f, "a step number (0, 1, ...) or end");
        if (lget_int(cx, at, f, 0, LESSON_AT_END - 1, &s->from) != 0)
            return -1;
        s->to = s->from;
    } else if (play) {
        int r[2];
        snprintf(f, sizeof f, "%.40s.play", field);
        if (lget_ints(cx, play, f, 2, 0, LESSON_AT_END - 1, r) != 0)
            return -1;
        if (r[1] < r[0])
            return lfail(cx, play, TC_ERR_FORMAT, "%s must be [from, to] with from <= to, got [%d, %d]",
                         f, r[0], r[1]);
        s->from = r[0];
        s->to = r[1];
    }
    return 0;
}

/* `build: zeros | padding | kernel`: a conv2d step resting before its first
 * window, so it takes no at or play. */
static int parse_build(const LCtx *cx, const YNode *n, const char *field, LessonStep *s)
{
    char f[64], *name = NULL;
    snprintf(f, sizeof f, "%.40s.build", field);
    if (lget_string(cx, n, f, 16, &name) != 0)
        return -1;
    for (int i = 0; build_names[i] && !s->build; i++)
        if (strcmp(name, build_names[i]) == 0)
            s->build = i + 1;
    free(name);
    if (!s->build)
        return lwant(cx, n, f, "zeros, padding or kernel");
    if (strcmp(s->view, "conv2d") != 0)
        return lfail(cx, n, TC_ERR_FORMAT, "%s needs view conv2d, got %s", f, s->view);
    if (s->from != 0 || s->to != 0)
        return lfail(cx, n, TC_ERR_FORMAT,
                     "%s shows the grid before the window slides: expected no at or play", f);
    return 0;
}

/* The transposed-conv geometry the step's view plays, or -1 if unknown. */
static int view_geom(const Lesson *l, const LessonStep *s, ConvGeom *g)
{
    Err ignored = {0};
    LayerSpec spec;
    LayerTensors t;
    Tensor in, f;
    if (s->with.active) {
        lesson_layer(l, &s->with, &spec, &t);
        if (spec.op != OP_CONV2D_TRANSPOSE)
            return -1;
        return layer_resolve(&spec, &t, g, &ignored);
    }
    if (lesson_transpose_layer(l, &spec, &in, &f, &ignored) != 0)
        return -1;
    LayerTensors tt = {.input = &in, .filter = &f, .bias = l->bias.data ? &l->bias : NULL};
    if (l->spec.op != OP_CONV2D_TRANSPOSE)
        tt.bias = NULL;
    return layer_resolve(&spec, &tt, g, &ignored);
}

int lesson_parse_step(const LCtx *cx, const YNode *n, const char *field, const Lesson *l,
                      LessonStep *s)
{
    static const char *const keys[] = {"view", "at",   "play", "highlight",
                                       "text", "with", "build", "channel",
                                       "ask", NULL};
    char f[64];
    if (n->kind != YN_MAP)
        return lwant(cx, n, field, "a mapping with view, text and at or play");
    s->line = n->line;
    if (lkeys(cx, n, field, keys) != 0)
        return -1;
    const YNode *view = ymap_get(n, "view"), *text = ymap_get(n, "text");
    if (!view)
        return lfail(cx, n, TC_ERR_FORMAT, "%s.view is missing", field);
    if (!text)
        return lfail(cx, n, TC_ERR_FORMAT, "%s.text is missing", field);
    snprintf(f, sizeof f, "%.40s.view", field);
    if (lget_string(cx, view, f, 32, &s->view) != 0)
        return -1;
    int known = 0;
    for (int i = 0; view_names[i] && !known; i++)
        known = strcmp(s->view, view_names[i]) == 0;
    if (!known) {
        const char *sug = lsuggest(s->view, view_names);
        return lfail(cx, view, TC_ERR_FORMAT,
                     "%s must be one of scatter, conv2d, both, matrix, gradient, channels, "
                     "overlap, oned, stack, code, got \"%s\"%s%s%s",
                     f, s->view, sug ? " (did you mean '" : "", sug ? sug : "", sug ? "'?)" : "");
    }
    snprintf(f, sizeof f, "%.40s.text", field);
    if (lget_string(cx, text, f, LESSON_MAX_TEXT, &s->text) != 0)
        return -1;
    const YNode *at = ymap_get(n, "at"), *play = ymap_get(n, "play");
    if (parse_position(cx, at, play, field, s) != 0)
        return -1;

    LayerSpec spec;
    LayerTensors t;
    ConvGeom g;
    const YNode *with = ymap_get(n, "with");
    if (with) {
        snprintf(f, sizeof f, "%.40s.with", field);
        if (lesson_parse_with(cx, with, f, l, &s->with) != 0)
            return -1;
    }
    lesson_layer(l, &s->with, &spec, &t);
    if (spec.op == OP_CONV2D)
        t.d_out = NULL;
    if (layer_resolve(&spec, &t, &g, cx->err) != 0) {
        char msg[ERR_MSG_MAX];
        snprintf(msg, sizeof msg, "%s", cx->err->msg);
        return lfail(cx, lesson_blame(msg, with, with, with ? with : n), cx->err->code, "%s", msg);
    }
    const YNode *build = ymap_get(n, "build");
    if (build && parse_build(cx, build, field, s) != 0)
        return -1;
    s->channel = -1;
    const YNode *channel = ymap_get(n, "channel");
    if (channel) {
        /* The transposed conv's input channels: the maps the channels view
         * walks with . and , */
        snprintf(f, sizeof f, "%.40s.channel", field);
        if (lget_int(cx, channel, f, 0, g.c_conv_out - 1, &s->channel) != 0)
            return -1;
    }
    const YNode *hl = ymap_get(n, "highlight");
    if (hl) {
        snprintf(f, sizeof f, "%.40s.highlight", field);
        if (parse_highlight(cx, hl, f, spec.op, &g, s) != 0)
            return -1;
    }
    const YNode *ask = ymap_get(n, "ask");
    if (ask) {
        snprintf(f, sizeof f, "%.40s.ask", field);
        if (lesson_parse_ask(cx, ask, f, l, s) != 0)
            return -1;
    }
    ConvGeom vg;
    int total = view_geom(l, s, &vg) == 0 ? lesson_view_steps(s->view, &vg) : -1;
    if (total > 0 && s->to >= total && s->to != LESSON_AT_END)
        return lfail(cx, play ? play : at, TC_ERR_FORMAT,
                     "%s: step %d is past the end of the %s timeline (steps 0..%d)", field, s->to,
                     s->view, total - 1);
    return 0;
}
