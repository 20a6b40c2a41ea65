/* cli_explain.c - `tcviz explain`: a step-by-step walkthrough of one
 * conv2d_transpose for the terminal (or JSON for other tools).
 *
 * The layer comes from a lesson file, from the flags of `tcviz compute`, or
 * (no tensors given) from the default example the app starts with, so the
 * explainer, the app and the course all show the same numbers. This file
 * only decides where the layer comes from and which renderer runs;
 * explain_model.c computes, explain_text.c / explain_json.c lay out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_args.h"
#include "cli/explain.h"
#include "core/examples.h"
#include "core/layer1d.h"
#include "course/lesson_ask.h"
#include "io/lesson.h"
#include "io/paste.h"

static const char help_text[] =
    "usage: tcviz explain LESSON.yaml [--steps N] [--format text|json]\n"
    "       tcviz explain [conv2d_transpose] [TENSORS] [PARAMS] [--steps N]\n"
    "                     [--format text|json]\n"
    "\n"
    "Walks through one conv2d_transpose: the call in the convention's own\n"
    "spelling, the shapes, how the padding becomes a crop of the full\n"
    "(in-1)*s+k_eff canvas, every scatter step (input element, its weighted\n"
    "kernel copy, where it lands, the canvas so far), the same result as a\n"
    "stride-1 conv2d over the zero-inserted padded input with the rotated\n"
    "kernel, the output, and a check that the scatter, the conv2d-equivalent,\n"
    "the matrix C^T x and conv2d_backprop_input agree.\n"
    "\n"
    "The layer:\n"
    "  LESSON.yaml       a lesson file (see lessons/README.md); its tensors, or\n"
    "                    the default example's where it gives none\n"
    "  TENSORS, PARAMS   the flags of 'tcviz compute conv2d_transpose' (see\n"
    "                    tcviz compute --help): --input X.npy, --filter W.npy,\n"
    "                    --bias B.npy, --convention, --strides/--stride, ...\n"
    "                    A tensor not given is the default example's: x =\n"
    "                    [[0,0,1.5],[0,1,0],[0,0,0]], w = [[1,2],[3,4]] (more\n"
    "                    channels count 1, 2, 3, ...).\n"
    "  nothing at all    the default example: TF, stride 2, SAME, 3x3 -> 6x6\n"
    "\n"
    "Options:\n"
    "  --steps N         show the first N scatter steps (default 36: every step\n"
    "                    of a one-channel input up to 6x6); 'all' shows every one\n"
    "  --format text     the readable walkthrough (default); lines fit 80\n"
    "                    columns, a big canvas shows a window around the step,\n"
    "                    tensors with many channels show their first 2 slices\n"
    "  --format json     the same trace as one JSON document, tensors in\n"
    "                    canonical order (data NCHW, filters IOHW/OIHW):\n"
    "    {format: \"tcviz-explain\", version: 1,\n"
    "     source: {lesson, title, default_tensors},\n"
    "     config: {op, convention, call, cpu_call: {note, kernel, call}|null\n"
    "              (a TF call with dilations > 1 runs on GPU only),\n"
    "              strides, dilations, padding, output_padding, groups,\n"
    "              input|filter|output: {layout, shape}, bias},\n"
    "     geometry: {height|width: {in, k, dilation, k_eff, stride, full,\n"
    "                crop_before, crop_after, out}},\n"
    "     steps_total, steps_shown,\n"
    "     steps: [{index, input: [n,c,h,w], value, out_rows: [r0,r1),\n"
    "              out_cols: [c0,c1), row_step, col_step, out_channels: [a,b),\n"
    "              partial: [C][full_h][full_w] canvas after the step}],\n"
    "     equivalent: {pad: [t,b,l,r], zero_inserted_size, padded_input,\n"
    "                  padded_kind (0 value, 1 inserted zero, 2 padding),\n"
    "                  kernel_rot: [Cout][Cin/G][KH][KW]},\n"
    "     output: [N][C][H][W],\n"
    "     verification: {agree, max_abs_diff, conv2d_equivalent, matrix,\n"
    "                    backprop_input},\n"
    "     questions: [{step, kind, prompt, answer, value | size | cells |\n"
    "                  choice + choices}]}   (a lesson that asks questions)\n"
    "\n"
    "A lesson's questions (ask:) follow the walkthrough after a blank line,\n"
    "each with the answer the core computes.\n"
    "\n"
    "Exit status: 0 explained; 1 the lesson, the files or the layer are wrong\n"
    "(or the formulations disagree); 2 the command line is wrong. Errors are\n"
    "one line on stderr: 'tcviz explain: <message>'.\n"
    "\n"
    "Examples:\n"
    "  tcviz explain lessons/01-*.yaml\n"
    "  tcviz explain --input x.npy --filter w.npy --strides 2 --padding SAME\n"
    "  tcviz explain --convention torch --stride 2 --padding 1 --steps 3\n";

static const char *const own_flags[] = {"--steps", "--format", NULL};

typedef struct {
    const char *lesson;   /* the lesson path, or NULL */
    int layer_tokens;     /* arguments other than the lesson and our own flags */
    const char *layer_flag; /* the first layer flag, for messages */
} Positional;

static int is_own_flag(const char *tok)
{
    for (int i = 0; own_flags[i]; i++) {
        size_t n = strlen(own_flags[i]);
        if (strncmp(tok, own_flags[i], n) == 0 && (tok[n] == '\0' || tok[n] == '='))
            return 1;
    }
    return 0;
}

/* Find the lesson path among the arguments (every flag but --help takes a
 * value, so a token after a bare flag is that flag's value). */
static int scan(int argc, char **argv, Positional *p, Err *err)
{
    memset(p, 0, sizeof *p);
    for (int i = 1; i < argc; i++) {
        const char *tok = argv[i];
        if (strcmp(tok, "--help") == 0 || strcmp(tok, "-h") == 0)
            continue;
        if (tok[0] == '-' && tok[1] != '\0') {
            int own = is_own_flag(tok);
            if (!own) {
                p->layer_tokens++;
                if (!p->layer_flag)
                    p->layer_flag = tok;
            }
            if (!strchr(tok, '='))
                i++;
            continue;
        }
        OpKind op;
        int dims;
        if (op_parse_dims(tok, &op, &dims) == 0) {
            if (op != OP_CONV2D_TRANSPOSE)
                return err_fail(err, TC_ERR_ARG,
                                "explain walks through conv2d_transpose or conv1d_transpose, "
                                "not %s", tok);
            p->layer_tokens++;
        } else if (strchr(tok, '.') || strchr(tok, '/')) {
            if (p->lesson)
                return err_fail(err, TC_ERR_ARG,
                                "one lesson at a time: got '%s' and '%s'", p->lesson, tok);
            p->lesson = tok;
        } else {
            return err_fail(err, TC_ERR_ARG,
                            "unexpected argument '%s', expected a LESSON.yaml file or "
                            "conv2d_transpose", tok);
        }
    }
    return 0;
}

static int parse_steps(const char *v, int *out, Err *err)
{
    if (!v) {
        *out = EXPLAIN_DEFAULT_STEPS;
        return 0;
    }
    if (strcmp(v, "all") == 0) {
        *out = 1 << 30;
        return 0;
    }
    char *end;
    long n = strtol(v, &end, 10);
    if (end == v || *end || v[0] == '-' || v[0] == '+' || n > 1 << 30)
        return err_fail(err, TC_ERR_ARG, "--steps: expected a number of steps (0 or more) or "
                        "all, got '%s'", v);
    *out = (int)n;
    return 0;
}

static int fail(int code, const Err *err)
{
    fprintf(stderr, "tcviz explain: %s\n", err->msg);
    return code;
}

/* The tensors and spec of a lesson, default tensors filled in. */
static int from_lesson(const char *path, Lesson *l, LayerSpec *spec, Tensor *x, Tensor *w,
                       ExplainSource *src, Err *err)
{
    if (lesson_load(path, l, err) != 0)
        return -1;
    /* A gradient lesson (conv2d with d_out) is explained through the
     * conv2d_transpose that computes its input gradient. */
    Tensor lx = l->input, lw = l->filter;
    if (l->spec.op != OP_CONV2D_TRANSPOSE) {
        if (lesson_transpose_layer(l, spec, &lx, &lw, err) != 0) {
            err_prefix(err, "%s: explain walks through conv2d_transpose: ", path);
            return -1;
        }
    } else {
        *spec = l->spec;
    }
    src->lesson = path;
    src->title = l->title;
    src->summary = l->summary;
    src->default_tensors = (!lx.data ? EXPLAIN_DEFAULT_INPUT : 0) |
                           (!lw.data ? EXPLAIN_DEFAULT_FILTER : 0);
    if ((lx.data && tensor_copy(&lx, x, err) != 0) ||
        (lw.data && tensor_copy(&lw, w, err) != 0))
        return -1;
    return example_default_tensors(spec, x, w, err);
}

/* A walkthrough is for layers a person reads: past these sizes the text
 * and JSON (every step's canvas) grow into gigabytes. */
#define EXPLAIN_MAX_SIDE 64
#define EXPLAIN_MAX_CANVAS 200
#define EXPLAIN_MAX_CHANNELS 64

static int check_size(const LayerSpec *spec, const Tensor *x, const Tensor *w, const Tensor *bias,
                      Err *err)
{
    ConvGeom g;
    LayerTensors lt = {.input = x, .filter = w, .bias = bias};
    if (layer_resolve(spec, &lt, &g, err) != 0 || layer_check_nonempty(&g, err) != 0)
        return -1;
    int in_h = g.h.conv_out, in_w = g.w.conv_out; /* the transposed conv's input */
    if (in_h > EXPLAIN_MAX_SIDE || in_w > EXPLAIN_MAX_SIDE || g.h.full > EXPLAIN_MAX_CANVAS ||
        g.w.full > EXPLAIN_MAX_CANVAS || g.c_conv_in > EXPLAIN_MAX_CHANNELS ||
        g.c_conv_out > EXPLAIN_MAX_CHANNELS)
        return err_fail(err, TC_ERR_LIMIT,
                        "the layer is too large to walk through: input %dx%d with %d channels, "
                        "canvas %dx%d, %d output channels; expected at most %dx%d input, a "
                        "%dx%d canvas and %d channels",
                        in_h, in_w, g.c_conv_out, g.h.full, g.w.full, g.c_conv_in,
                        EXPLAIN_MAX_SIDE, EXPLAIN_MAX_SIDE, EXPLAIN_MAX_CANVAS,
                        EXPLAIN_MAX_CANVAS, EXPLAIN_MAX_CHANNELS);
    return 0;
}

/* The lesson's questions with the core's answers; *sols holds what the
 * questions point into (cells). */
static int lesson_questions(const Lesson *l, ExplainQuestion **qs, AskSolution **sols, int *n,
                            Err *err)
{
    static const char *const kinds[] = {LESSON_ASK_KIND_NAMES};
    int count = lesson_ask_count(l);
    *n = 0;
    if (count == 0)
        return 0;
    *qs = calloc((size_t)count, sizeof **qs);
    *sols = calloc((size_t)count, sizeof **sols);
    if (!*qs || !*sols)
        return err_fail(err, TC_ERR_NOMEM, "out of memory");
    for (int k = 0; k < l->step_count; k++) {
        const LessonStep *st = &l->steps[k];
        if (!st->ask)
            continue;
        ExplainQuestion *q = &(*qs)[*n];
        AskSolution *sol = &(*sols)[*n];
        if (lesson_ask_solve(l, st, sol, err) != 0) {
            err_prefix(err, "%s: steps[%d].ask: ", l->path, k);
            return -1;
        }
        q->step = k + 1;
        q->kind = kinds[st->ask->kind];
        q->prompt = st->ask->prompt;
        q->n_choices = st->ask->n_choices;
        for (int c = 0; c < q->n_choices && c < EXPLAIN_MAX_CHOICES; c++)
            q->choices[c] = st->ask->choice_text[c];
        lesson_ask_answer_text(st->ask, sol, q->answer, sizeof q->answer);
        q->value = sol->value;
        q->size[0] = sol->size[0];
        q->size[1] = sol->size[1];
        q->cells = (const int(*)[2])sol->cells;
        q->n_cells = sol->n_cells < ASK_SOLVE_MAX_CELLS ? sol->n_cells : ASK_SOLVE_MAX_CELLS;
        q->choice = sol->choice;
        (*n)++;
    }
    return 0;
}

int cli_explain(int argc, char **argv)
{
    const CliArgsOptions opts = {.flags = 0, .extra = own_flags};
    CliLayerArgs a;
    Positional pos;
    Err err = {0};
    /* The parser would take a lesson path for an unknown OP: scan first,
     * then parse everything but the lesson path. */
    if (scan(argc, argv, &pos, &err) != 0)
        return fail(CLI_EXIT_USAGE, &err);
    char **rest = malloc(((size_t)argc + 1) * sizeof *rest);
    if (!rest)
        return fail(CLI_EXIT_FAIL, &(Err){TC_ERR_NOMEM, "out of memory"});
    int nrest = 0;
    for (int i = 0; i < argc; i++)
        if (!pos.lesson || argv[i] != pos.lesson)
            rest[nrest++] = argv[i];
    rest[nrest] = NULL;
    int rc = cli_parse_layer_args(nrest, rest, 1, &opts, &a, &err);
    free(rest);
    if (rc != 0)
        return fail(CLI_EXIT_USAGE, &err);
    if (a.help) {
        fputs(help_text, stdout);
        return CLI_EXIT_OK;
    }
    ExplainOptions eo;
    if (parse_steps(a.extra[0], &eo.max_steps, &err) != 0)
        return fail(CLI_EXIT_USAGE, &err);
    const char *format = a.extra[1] ? a.extra[1] : "text";
    if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0) {
        err_fail(&err, TC_ERR_ARG, "--format: expected text or json, got '%s'", format);
        return fail(CLI_EXIT_USAGE, &err);
    }

    LayerSpec spec;
    Tensor x = {0}, w = {0};
    CliTensors files = {0};
    Lesson lesson = {0};
    ExplainSource src = {0};
    ExplainQuestion *questions = NULL;
    AskSolution *solutions = NULL;
    const Tensor *bias = NULL;
    int code = CLI_EXIT_FAIL;
    if (pos.lesson) {
        if (pos.layer_tokens > 0) {
            err_fail(&err, TC_ERR_ARG, "%s does not apply with a lesson file: the lesson sets "
                     "the layer (only --steps and --format do)",
                     pos.layer_flag ? pos.layer_flag : "conv2d_transpose");
            return fail(CLI_EXIT_USAGE, &err);
        }
        if (from_lesson(pos.lesson, &lesson, &spec, &x, &w, &src, &err) != 0 ||
            lesson_questions(&lesson, &questions, &solutions, &src.n_questions, &err) != 0)
            goto done;
        src.questions = questions;
        /* A gradient lesson's bias belongs to its forward conv2d, not to the
         * transposed conv that computes d_input. */
        bias = lesson.bias.data && lesson.spec.op == OP_CONV2D_TRANSPOSE ? &lesson.bias : NULL;
    } else if (pos.layer_tokens == 0) {
        example_default_spec(&spec); /* bare `tcviz explain`: the app's first screen */
        src.default_tensors = EXPLAIN_DEFAULT_INPUT | EXPLAIN_DEFAULT_FILTER;
        if (example_default_tensors(&spec, &x, &w, &err) != 0)
            goto done;
    } else {
        /* explain has one op, so OP may be left out; the missing tensors are
         * the example's, so the check sees placeholders for them. */
        a.has_op = 1;
        a.spec.op = OP_CONV2D_TRANSPOSE;
        if (a.spec.dims == 1 && (!a.input || !a.filter)) {
            err_fail(&err, TC_ERR_ARG, "conv1d_transpose needs --input X.npy and --filter "
                     "W.npy: the default example is 2-D");
            return fail(CLI_EXIT_USAGE, &err);
        }
        CliLayerArgs check = a;
        check.input = a.input || a.input_image ? a.input : "(example)";
        check.filter = a.filter ? a.filter : "(example)";
        if (cli_check_layer_args(&check, &opts, &err) != 0)
            return fail(CLI_EXIT_USAGE, &err);
        a.image_max_side = PASTE_MAX_DIM; /* a walkthrough is for the window's sizes */
        if (cli_load_layer_tensors(&a, &files, &err) != 0)
            goto done;
        spec = a.spec;
        src.default_tensors = (!a.input && !a.input_image ? EXPLAIN_DEFAULT_INPUT : 0) |
                              (!a.filter ? EXPLAIN_DEFAULT_FILTER : 0);
        x = files.input;
        w = files.filter;
        files.input.data = files.filter.data = NULL; /* now owned by x and w */
        if (example_default_tensors(&spec, &x, &w, &err) != 0)
            goto done;
        bias = files.bias.data ? &files.bias : NULL;
    }

    if (check_size(&spec, &x, &w, bias, &err) != 0)
        goto done;
    Explain e;
    if (explain_build(&e, &spec, &x, &w, bias, &src, &err) != 0)
        goto done;
    rc = strcmp(format, "json") == 0 ? explain_write_json(stdout, &e, &eo, &err)
                                     : explain_write_text(stdout, &e, &eo);
    if (rc != 0 && strcmp(format, "text") == 0)
        err_fail(&err, TC_ERR_IO, "cannot write the explanation");
    else if (rc == 0 && !e.agree)
        rc = err_fail(&err, TC_ERR_ARG, "the formulations disagree: max |difference| %g",
                      e.max_diff);
    explain_free(&e);
    if (rc == 0)
        code = CLI_EXIT_OK;
done:
    if (code != CLI_EXIT_OK)
        fail(code, &err);
    tensor_free(&x);
    tensor_free(&w);
    cli_free_layer_tensors(&files);
    lesson_free(&lesson);
    free(questions);
    free(solutions);
    return code;
}
