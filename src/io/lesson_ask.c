/* lesson_ask.c - a step's `ask:`: a question the learner answers in the
 * window.
 *
 *     ask:
 *       kind: cell | size | touches | spelling
 *       prompt: What is output[0, 5]?
 *       cell: [0, 5]            # cell: the output cell asked about
 *       input: [1, 1]           # touches: the input element asked about
 *       with: {strides: 3}      # size: the layer asked about (default the step's)
 *       choices: [{stride: 2, padding: 1}, ...]   # spelling: PyTorch parameters
 *       answer: 3               # cell: a number; size: [H, W]; touches: [[r, c], ...];
 *                               # spelling: the choice's number, 1-based
 *       hint: Which stamps land there?
 *
 * Parsing checks the form and that every cell exists in the step's layer;
 * whether the answer is right is the course's to say (course/lesson_ask.c),
 * so `tcviz check` reports a wrong answer where it reports a wrong claim. */
#include "io/lesson_internal.h"
#include "core/layer1d.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const kind_names[] = {LESSON_ASK_KIND_NAMES, NULL};

/* The key only one kind takes, per kind ("" when none). */
static const char *const kind_key[ASK_KIND_COUNT] = {
    [ASK_CELL] = "cell", [ASK_SIZE] = "with", [ASK_TOUCHES] = "input",
    [ASK_SPELLING] = "choices"};

void lesson_ask_free(LessonAsk *a)
{
    free(a->prompt);
    free(a->hint);
    for (int i = 0; i < a->n_choices; i++) {
        free(a->choice_text[i]);
        lesson_variant_free(&a->choice[i]);
    }
    lesson_variant_free(&a->with);
    memset(a, 0, sizeof *a);
}

/* A [row, col] (or, in a 1-D layer, [col]) inside rows x cols. */
static int parse_at(const LCtx *cx, const YNode *n, const char *field, int dims, int rows,
                    int cols, int out[2])
{
    if (dims == 1 && n->kind == YN_SEQ && n->count == 1) {
        out[0] = 0;
        if (lget_ints(cx, n, field, 1, 0, TENSOR_MAX_DIM, &out[1]) != 0)
            return -1;
    } else if (n->kind != YN_SEQ || n->count != 2) {
        return lwant(cx, n, field, dims == 1 ? "[col] or [row, col]" : "[row, col]");
    } else if (lget_ints(cx, n, field, 2, 0, TENSOR_MAX_DIM, out) != 0) {
        return -1;
    }
    if (out[0] >= rows || out[1] >= cols)
        return lfail(cx, n, TC_ERR_FORMAT, "%s is [%d, %d], outside the %d x %d grid", field,
                     out[0], out[1], rows, cols);
    return 0;
}

/* "stride=2, padding=(1, 1)" from a choice's mapping, as the window shows it. */
static char *spell_choice(const YNode *map)
{
    char buf[256];
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; i < map->count && used + 1 < sizeof buf; i++) {
        const YNode *k = ymap_key(map, i), *v = ymap_value(map, i);
        int n = snprintf(buf + used, sizeof buf - used, "%s%s=", i ? ", " : "", k->value);
        used += n > 0 ? (size_t)n : 0;
        if (v->kind == YN_SCALAR) {
            n = snprintf(buf + used, used < sizeof buf ? sizeof buf - used : 0, "%s", v->value);
            used += n > 0 ? (size_t)n : 0;
        } else if (v->kind == YN_SEQ) {
            for (int j = 0; j < v->count && used + 1 < sizeof buf; j++) {
                const YNode *it = v->items[j];
                n = snprintf(buf + used, sizeof buf - used, "%s%s%s", j ? ", " : "(",
                             it->kind == YN_SCALAR ? it->value : "...",
                             j + 1 == v->count ? ")" : "");
                used += n > 0 ? (size_t)n : 0;
            }
        } else {
            n = snprintf(buf + used, sizeof buf - used, "{...}");
            used += n > 0 ? (size_t)n : 0;
        }
        if (used >= sizeof buf)
            used = sizeof buf - 1;
    }
    return strdup(buf);
}

/* The base a spelling choice changes: the step's layer, read as PyTorch
 * with every parameter back at its default. Borrows l's and the step's
 * tensors. */
static Lesson torch_base(const Lesson *l, const LessonStep *s)
{
    LayerSpec spec;
    LayerTensors t;
    lesson_layer(l, &s->with, &spec, &t);
    Lesson b = *l;
    b.spec = spec;
    memset(&b.spec.params, 0, sizeof b.spec.params);
    memset(b.spec.size, 0, sizeof b.spec.size);
    b.spec.params.convention = CONV_TORCH;
    if (spec.dims == 1)
        layer1d_params(&b.spec.params, CONV_TORCH, 1, 1, PAD_VALID, 0, 0, 0);
    b.input = t.input ? *t.input : (Tensor){0};
    b.filter = t.filter ? *t.filter : (Tensor){0};
    b.bias = t.bias ? *t.bias : (Tensor){0};
    b.d_out = t.d_out ? *t.d_out : (Tensor){0};
    return b;
}

static int parse_choices(const LCtx *cx, const YNode *n, const char *field, const Lesson *l,
                         const LessonStep *s, LessonAsk *a)
{
    char f[96];
    if (n->kind != YN_SEQ || n->count < 2 || n->count > LESSON_ASK_MAX_CHOICES)
        return lwant(cx, n, field, "a list of 2 to 6 mappings of PyTorch parameters");
    Lesson base = torch_base(l, s);
    for (int i = 0; i < n->count; i++) {
        const YNode *c = n->items[i];
        snprintf(f, sizeof f, "%.60s[%d]", field, i);
        if (c->kind != YN_MAP || c->count == 0)
            return lwant(cx, c, f, "a mapping of PyTorch parameters, e.g. {stride: 2, padding: 1}");
        if (ymap_get(c, "convention"))
            return lfail(cx, ymap_get_key(c, "convention"), TC_ERR_FORMAT,
                         "%s is PyTorch's spelling: expected no convention", f);
        a->n_choices = i + 1; /* counted first, so lesson_ask_free releases it */
        if (lesson_parse_with(cx, c, f, &base, &a->choice[i]) != 0)
            return -1;
        if (!(a->choice_text[i] = spell_choice(c)))
            return lfail(cx, c, TC_ERR_NOMEM, "out of memory");
    }
    return 0;
}

static int parse_touch_list(const LCtx *cx, const YNode *n, const char *field, int dims,
                            int rows, int cols, LessonAsk *a)
{
    char f[96];
    if (n->kind != YN_SEQ || n->count == 0)
        return lwant(cx, n, field, "a list of output cells [[row, col], ...]");
    if (n->count > LESSON_ASK_MAX_CELLS)
        return lfail(cx, n, TC_ERR_LIMIT, "%s has %d cells, at most %d are allowed", field,
                     n->count, LESSON_ASK_MAX_CELLS);
    for (int i = 0; i < n->count; i++) {
        snprintf(f, sizeof f, "%.60s[%d]", field, i);
        if (parse_at(cx, n->items[i], f, dims, rows, cols, a->cells[i]) != 0)
            return -1;
        for (int j = 0; j < i; j++)
            if (a->cells[j][0] == a->cells[i][0] && a->cells[j][1] == a->cells[i][1])
                return lfail(cx, n->items[i], TC_ERR_FORMAT, "%s repeats [%d, %d]", f,
                             a->cells[i][0], a->cells[i][1]);
        a->n_cells = i + 1;
    }
    return 0;
}

/* The answer in the kind's form; g is the layer asked about. */
static int parse_answer(const LCtx *cx, const YNode *n, const char *field, const LayerSpec *spec,
                        const ConvGeom *g, LessonAsk *a)
{
    switch (a->kind) {
    case ASK_CELL: return lget_float(cx, n, field, &a->value);
    case ASK_SIZE:
        if (spec->dims == 1 && n->kind == YN_SCALAR) {
            a->size[0] = 1;
            return lget_int(cx, n, field, 1, TENSOR_MAX_DIM, &a->size[1]);
        }
        if (n->kind != YN_SEQ || n->count != 2)
            return lwant(cx, n, field, spec->dims == 1 ? "a width or [height, width]"
                                                       : "[height, width]");
        return lget_ints(cx, n, field, 2, 1, TENSOR_MAX_DIM, a->size);
    case ASK_TOUCHES:
        return parse_touch_list(cx, n, field, spec->dims, g->h.conv_in, g->w.conv_in, a);
    case ASK_SPELLING:
        return lget_int(cx, n, field, 1, a->n_choices, &a->answer);
    case ASK_KIND_COUNT: break;
    }
    return -1;
}

static int parse_kind(const LCtx *cx, const YNode *n, const char *field, LessonAsk *a)
{
    char f[96];
    snprintf(f, sizeof f, "%.80s.kind", field);
    if (!n)
        return lfail(cx, NULL, TC_ERR_FORMAT, "%s is missing", f);
    for (int k = 0; n->kind == YN_SCALAR && kind_names[k]; k++)
        if (strcmp(n->value, kind_names[k]) == 0) {
            a->kind = (AskKind)k;
            return 0;
        }
    const char *sug = n->kind == YN_SCALAR ? lsuggest(n->value, kind_names) : NULL;
    if (sug)
        return lfail(cx, n, TC_ERR_FORMAT,
                     "%s must be cell, size, touches or spelling, got \"%s\" (did you mean '%s'?)",
                     f, n->value, sug);
    return lwant(cx, n, f, "cell, size, touches or spelling");
}

static void trim_end(char *t)
{
    size_t n = strlen(t);
    while (n > 0 && (t[n - 1] == '\n' || t[n - 1] == ' '))
        t[--n] = '\0';
}

static int parse(const LCtx *cx, const YNode *n, const char *field, const Lesson *l,
                 LessonStep *s, LessonAsk *a)
{
    static const char *const keys[] = {"kind",  "prompt", "answer",  "hint", "cell",
                                       "input", "with",   "choices", NULL};
    char f[96];
    if (n->kind != YN_MAP)
        return lwant(cx, n, field, "a mapping with kind, prompt and answer");
    a->line = n->line;
    a->col = n->col;
    if (lkeys(cx, n, field, keys) != 0)
        return -1;
    const YNode *kind = ymap_get(n, "kind"), *prompt = ymap_get(n, "prompt"),
                *answer = ymap_get(n, "answer"), *hint = ymap_get(n, "hint");
    if (!kind)
        return lfail(cx, n, TC_ERR_FORMAT, "%s.kind is missing, expected cell, size, touches or "
                     "spelling", field);
    if (parse_kind(cx, kind, field, a) != 0)
        return -1;
    if (!prompt)
        return lfail(cx, n, TC_ERR_FORMAT, "%s.prompt is missing, expected the question", field);
    if (!answer)
        return lfail(cx, n, TC_ERR_FORMAT, "%s.answer is missing", field);
    snprintf(f, sizeof f, "%.80s.prompt", field);
    if (lget_string(cx, prompt, f, LESSON_ASK_MAX_PROMPT, &a->prompt) != 0)
        return -1;
    snprintf(f, sizeof f, "%.80s.hint", field);
    if (hint && lget_string(cx, hint, f, LESSON_ASK_MAX_PROMPT, &a->hint) != 0)
        return -1;
    trim_end(a->prompt); /* folded text (>) ends in a newline */
    if (a->hint)
        trim_end(a->hint);
    for (int k = 0; k < ASK_KIND_COUNT; k++) {
        const YNode *key = ymap_get_key(n, kind_key[k]);
        if (key && k != (int)a->kind)
            return lfail(cx, key, TC_ERR_FORMAT, "%s.%s applies to kind %s, not %s", field,
                         kind_key[k], kind_names[k], kind_names[a->kind]);
    }
    const YNode *own = ymap_get(n, kind_key[a->kind]);
    if (!own && a->kind != ASK_SIZE)
        return lfail(cx, n, TC_ERR_FORMAT, "%s.%s is missing: kind %s needs it", field,
                     kind_key[a->kind], kind_names[a->kind]);

    LayerSpec spec;
    LayerTensors t;
    if (a->kind == ASK_SIZE && own) {
        snprintf(f, sizeof f, "%.80s.with", field);
        if (lesson_parse_with(cx, own, f, l, &a->with) != 0)
            return -1;
        lesson_layer(l, &a->with, &spec, &t);
    } else {
        lesson_layer(l, &s->with, &spec, &t);
    }
    if (spec.op != OP_CONV2D_TRANSPOSE)
        return lfail(cx, kind, TC_ERR_FORMAT,
                     "%s is about a transposed convolution, not this %s layer", field,
                     op_name(spec.op));
    if (a->kind == ASK_SPELLING && spec.params.convention != CONV_TF)
        return lfail(cx, kind, TC_ERR_FORMAT,
                     "%s: a spelling question asks which PyTorch call reproduces a TF layer; "
                     "this step's layer is PyTorch's", field);
    ConvGeom g;
    if (layer_resolve(&spec, &t, &g, cx->err) != 0) {
        char msg[ERR_MSG_MAX];
        snprintf(msg, sizeof msg, "%s", cx->err->msg);
        return lfail(cx, own ? own : n, cx->err->code, "%s: %s", field, msg);
    }
    snprintf(f, sizeof f, "%.80s.%s", field, kind_key[a->kind]);
    if (a->kind == ASK_CELL && parse_at(cx, own, f, spec.dims, g.h.conv_in, g.w.conv_in, a->at))
        return -1;
    if (a->kind == ASK_TOUCHES &&
        parse_at(cx, own, f, spec.dims, g.h.conv_out, g.w.conv_out, a->at) != 0)
        return -1;
    if (a->kind == ASK_SPELLING && parse_choices(cx, own, f, l, s, a) != 0)
        return -1;
    snprintf(f, sizeof f, "%.80s.answer", field);
    return parse_answer(cx, answer, f, &spec, &g, a);
}

int lesson_parse_ask(const LCtx *cx, const YNode *n, const char *field, const Lesson *l,
                     LessonStep *s)
{
    s->ask = calloc(1, sizeof *s->ask);
    if (!s->ask)
        return lfail(cx, n, TC_ERR_NOMEM, "out of memory");
    return parse(cx, n, field, l, s, s->ask);
}
