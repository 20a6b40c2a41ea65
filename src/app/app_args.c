/* app_args.c - the command line of the window, `export` and `bench render`.
 *
 * The layer flags are exactly those of `tcviz compute` (cli_args), so a
 * command that computed a layer opens it in the window by swapping the
 * subcommand. This file adds what cli_args does not know: the optional
 * LESSON.yaml positional, the app's own flags (--view, --theme, --font,
 * --reduced-motion, the caller's extras) and the op fixed to
 * conv2d_transpose. The app flags are taken out of argv before cli_args
 * parses the rest, so cli_args never mistakes a lesson for an OP. */
#include "app/app_args.h"

#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/lesson.h"
#include "io/lesson_dir.h"
#include "io/paste.h"
#include "ui/theme.h"

#define MAX_ARGS 256

typedef enum {
    OWN_VIEW,
    OWN_THEME,
    OWN_FONT,
    OWN_TEXT_SCALE,
    OWN_MOTION, /* the value-less flags last */
    OWN_PRESENT,
    OWN_COUNT
} OwnFlag;
static const char *const own_names[OWN_COUNT] = {"--view",           "--theme",  "--font",
                                                 "--text-scale",     "--reduced-motion",
                                                 "--present"};

/* "a, b or c" from the names the scene knows, so a new view or theme is
 * offered here without touching this file. */
static const char *names_list(int view)
{
    static char buf[2][160];
    char *b = buf[view];
    int n = view ? VIEW_COUNT : THEME_COUNT;
    b[0] = '\0';
    for (int i = 0; i < n; i++) {
        const char *name = view ? scene_view_name((ViewKind)i) : theme_name((ThemeKind)i);
        size_t len = strlen(b);
        snprintf(b + len, sizeof buf[0] - len, "%s%s", i == 0 ? "" : i == n - 1 ? " or " : ", ",
                 name);
    }
    return b;
}

static const char *own_form(int f)
{
    return f == OWN_VIEW         ? names_list(1)
           : f == OWN_THEME      ? names_list(0)
           : f == OWN_TEXT_SCALE ? "a number from 0.5 to 3 (e.g. 1.5)"
                                 : "FILE.ttf";
}

static const char *names_list(int view);

/* "  --flag X   words words ..." wrapped to 79 columns, continuation lines
 * indented under the first word (the lists of views grow). */
static void print_wrapped(FILE *out, const char *flag, const char *text, const char *tail)
{
    enum { INDENT = 26, WIDTH = 79 };
    char words[256];
    snprintf(words, sizeof words, "%s %s", text, tail);
    int col = fprintf(out, "%-*s", INDENT - 2, flag);
    col += fprintf(out, "  ");
    for (char *w = strtok(words, " "); w; w = strtok(NULL, " ")) {
        int n = (int)strlen(w);
        if (col > INDENT && col + 1 + n > WIDTH) {
            col = fprintf(out, "\n%*s", INDENT, "") - 1;
        } else if (col > INDENT) {
            fputc(' ', out);
            col++;
        }
        col += fprintf(out, "%s", w);
    }
    fputc('\n', out);
}

void app_args_print_flags(FILE *out)
{
    fprintf(out,
            "  LESSON.yaml             open a lesson (its layer and tensors)\n"
            "  --input X.npy           input, NHWC (tf) / NCHW (torch); also FILE.npz:NAME,\n"
            "                          FILE.safetensors:NAME\n"
            "  --input-image FILE.png  the input from a PNG/JPEG (gray: 1 channel,\n"
            "                          color: 3); --scale 1|255 (default 1),\n"
            "                          --resize WxH (area average, past 64x64)\n"
            "  --filter W.npy          kernel (alias --kernel), HWOI (tf) / IOHW (torch)\n"
            "  --convention tf|torch   whose names and semantics (default tf)\n"
            "  tf:    --strides S  --padding SAME|VALID|T,B,L,R  --output-shape N,H,W,C\n"
            "         --dilations D\n"
            "  torch: --stride S  --padding P  --output-padding P  --dilation D  --groups G\n"
            "  --reduced-motion        steps jump instead of moving\n"
            "  --text-scale F          text size, 0.5 to 3 (default 1; Ctrl+= / Ctrl+-)\n"
            "  --present               presenter mode: view and narrative, big (F5)\n"
            "  --font FILE.ttf         font to draw with (default: DejaVu Sans Mono)\n");
    print_wrapped(out, "  --view V", names_list(1), "(default both)");
    print_wrapped(out, "  --theme T", names_list(0), "(default light)");
}

static int own_flag(const char *tok, size_t len)
{
    for (int f = 0; f < OWN_COUNT; f++)
        if (strlen(own_names[f]) == len && strncmp(own_names[f], tok, len) == 0)
            return f;
    return -1;
}

static int is_yaml(const char *s)
{
    size_t n = strlen(s);
    return (n > 5 && strcmp(s + n - 5, ".yaml") == 0) || (n > 4 && strcmp(s + n - 4, ".yml") == 0);
}

static int set_once(const char **slot, const char *name, const char *value, Err *err)
{
    if (*slot)
        return err_fail(err, TC_ERR_ARG, "%s is given twice, expected it once", name);
    *slot = value;
    return 0;
}

/* Take the app's own flags and the lesson out of argv[first..]; what is left
 * (layer flags and the caller's extras) goes to rest. */
static int split(int argc, char **argv, int first, AppArgs *a, const char *own[OWN_COUNT],
                 char **rest, int *n_rest, const char **layer_flag, const char *const *extra,
                 Err *err)
{
    *n_rest = 0;
    rest[(*n_rest)++] = "tcviz";
    for (int i = first; i < argc; i++) {
        const char *tok = argv[i];
        if (tok[0] != '-' || tok[1] == '\0') {
            if (!is_yaml(tok))
                return err_fail(err, TC_ERR_ARG,
                                "unexpected argument '%s', expected a LESSON.yaml or flags "
                                "(the op is always conv2d_transpose)",
                                tok);
            if (a->lesson)
                return err_fail(err, TC_ERR_ARG, "unexpected second lesson '%s' after %s", tok,
                                a->lesson);
            a->lesson = tok;
            continue;
        }
        const char *eq = strchr(tok, '=');
        size_t len = eq ? (size_t)(eq - tok) : strlen(tok);
        int f = own_flag(tok, len);
        if (f == OWN_MOTION || f == OWN_PRESENT) {
            int *on = f == OWN_MOTION ? &a->reduced_motion : &a->present;
            if (eq)
                return err_fail(err, TC_ERR_ARG, "%s takes no value, got '%s'", own_names[f], tok);
            if (*on)
                return err_fail(err, TC_ERR_ARG, "%s is given twice, expected it once",
                                own_names[f]);
            *on = 1;
            continue;
        }
        if (f >= 0) {
            const char *value;
            if (eq)
                value = eq + 1;
            else if (i + 1 >= argc || argv[i + 1][0] == '-')
                return err_fail(err, TC_ERR_ARG, "%s needs a value: %s", own_names[f], own_form(f));
            else
                value = argv[++i];
            if (set_once(&own[f], own_names[f], value, err) != 0)
                return -1;
            continue;
        }
        if (*n_rest + 2 >= MAX_ARGS)
            return err_fail(err, TC_ERR_ARG, "too many arguments (more than %d)", MAX_ARGS);
        int is_extra = 0;
        for (int x = 0; extra && extra[x]; x++)
            is_extra |= strlen(extra[x]) == len && strncmp(extra[x], tok, len) == 0;
        if (!is_extra && !*layer_flag)
            *layer_flag = tok;
        rest[(*n_rest)++] = (char *)tok;
        /* A flag's separate value travels with it, even if it ends in .yaml. */
        if (!eq && i + 1 < argc && argv[i + 1][0] != '-')
            rest[(*n_rest)++] = argv[++i];
    }
    rest[*n_rest] = NULL;
    return 0;
}

/* cli_args knows only its own flags: point a typo of an app flag at it. */
static void suggest_own(Err *err)
{
    static const char unknown[] = "unknown flag ";
    if (strncmp(err->msg, unknown, sizeof unknown - 1) != 0)
        return;
    char typed[64];
    if (sscanf(err->msg + sizeof unknown - 1, "%63s", typed) != 1)
        return;
    for (int f = 0; f < OWN_COUNT; f++) {
        size_t n = strlen(typed), m = strlen(own_names[f]);
        size_t common = 0;
        while (common < n && common < m && typed[common] == own_names[f][common])
            common++;
        /* same length give or take one, and the same first half: a typo */
        if (common * 2 >= m && (n + 1 >= m && n <= m + 1)) {
            err_fail(err, TC_ERR_ARG, "unknown flag %s (did you mean %s?)", typed, own_names[f]);
            return;
        }
    }
}

int app_args_parse(int argc, char **argv, int first, const char *const *extra_flags, AppArgs *a,
                   Err *err)
{
    memset(a, 0, sizeof *a);
    int n_extra = 0;
    while (extra_flags && extra_flags[n_extra])
        n_extra++;
    if (n_extra > APP_MAX_EXTRA)
        return err_fail(err, TC_ERR_ARG, "more than %d extra flags", APP_MAX_EXTRA);
    for (int i = first; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            a->help = 1; /* help wins over any mistake elsewhere on the line */
            return 0;
        }
    const char *own[OWN_COUNT] = {0};
    char *rest[MAX_ARGS + 1];
    int n_rest;
    const char *layer_flag = NULL;
    if (split(argc, argv, first, a, own, rest, &n_rest, &layer_flag, extra_flags, err) != 0)
        return -1;
    CliArgsOptions opts = {0, extra_flags};
    if (cli_parse_layer_args(n_rest, rest, 1, &opts, &a->layer, err) != 0) {
        suggest_own(err);
        return -1;
    }
    for (int x = 0; x < n_extra; x++)
        a->extra[x] = a->layer.extra[x];
    a->layer.spec.op = OP_CONV2D_TRANSPOSE;
    a->layer.has_op = 1;
    a->layer.image_max_side = PASTE_MAX_DIM; /* the window's limit, with a --resize hint */
    a->font = own[OWN_FONT];
    a->view_given = own[OWN_VIEW] != NULL;
    if (own[OWN_VIEW] && scene_view_parse(own[OWN_VIEW], &a->view) != 0)
        return err_fail(err, TC_ERR_ARG, "--view: expected %s, got '%s'", own_form(OWN_VIEW),
                        own[OWN_VIEW]);
    if (own[OWN_THEME] && scene_theme_parse(own[OWN_THEME], &a->theme) != 0)
        return err_fail(err, TC_ERR_ARG, "--theme: expected %s, got '%s'", own_form(OWN_THEME),
                        own[OWN_THEME]);
    if (own[OWN_TEXT_SCALE] && app_parse_text_scale(own[OWN_TEXT_SCALE], &a->text_scale, err) != 0)
        return -1;
    if (a->font && !*a->font)
        return err_fail(err, TC_ERR_ARG, "--font: expected FILE.ttf, got an empty path");
    a->layer_flag = layer_flag;
    if (a->lesson && layer_flag)
        return err_fail(err, TC_ERR_ARG, "%.*s cannot be combined with a lesson (%s sets the layer)",
                        (int)strcspn(layer_flag, "="), layer_flag, a->lesson);
    /* compute's checks (size flags, --d-out, conflicts) with the tensors
     * optional: a missing one is the default example's. */
    CliLayerArgs check = a->layer;
    if (!check.input && !check.input_image)
        check.input = "default";
    if (!check.filter)
        check.filter = "default";
    return cli_check_layer_args(&check, NULL, err);
}

/* The lesson itself goes to the scene (its player opens step 1); the
 * setup's layer is the lesson's own conv2d_transpose (for a gradient
 * lesson, the transposed conv computing d_x), copied. */
static int setup_from_lesson(const char *path, SceneSetup *setup, Err *err)
{
    Lesson *l = calloc(1, sizeof *l);
    if (!l)
        return err_fail(err, TC_ERR_NOMEM, "out of memory for the lesson %s", path);
    setup->lesson = l;
    if (lesson_load(path, l, err) != 0)
        return -1;
    LayerSpec spec = l->spec;
    Tensor x = l->input, w = l->filter;
    if (l->spec.op != OP_CONV2D_TRANSPOSE && lesson_transpose_layer(l, &spec, &x, &w, err) != 0)
        return -1;
    setup->spec = spec;
    if (tensor_copy(&x, &setup->input, err) != 0 || tensor_copy(&w, &setup->filter, err) != 0 ||
        (l->spec.op == OP_CONV2D_TRANSPOSE && l->bias.data &&
         tensor_copy(&l->bias, &setup->bias, err) != 0))
        return -1;
    return 0;
}

int app_args_setup(const AppArgs *a, SceneSetup *setup, Err *err)
{
    memset(setup, 0, sizeof *setup);
    setup->view = a->view;
    setup->theme = a->theme;
    setup->reduced_motion = a->reduced_motion;
    setup->text_scale = a->text_scale;
    setup->present = a->present;
    if (a->lesson) {
        if (setup_from_lesson(a->lesson, setup, err) == 0)
            return 0;
        app_args_free(setup); /* nothing half-made stays with the caller */
        return -1;
    }
    /* cli_args fills in its defaults (stride 1, VALID, ...): a spec from
     * them would replace the default example by a different layer. */
    if (a->layer_flag)
        setup->spec = a->layer.spec;
    CliTensors t;
    if (cli_load_layer_tensors(&a->layer, &t, err) != 0)
        return -1;
    setup->input = t.input;
    setup->filter = t.filter;
    setup->bias = t.bias;
    tensor_free(&t.d_out);
    return 0;
}

void app_args_default_lesson(SceneSetup *setup)
{
    char pattern[1100];
    snprintf(pattern, sizeof pattern, "%s/01-*.yaml", lesson_dir_default());
    glob_t g;
    if (setup->lesson || glob(pattern, 0, NULL, &g) != 0)
        return;
    Lesson *l = g.gl_pathc == 1 ? calloc(1, sizeof *l) : NULL;
    Err err = {0};
    if (l && lesson_load(g.gl_pathv[0], l, &err) == 0)
        setup->lesson = l; /* its step 1 replaces the default example */
    else
        free(l);
    globfree(&g);
}

void app_args_free(SceneSetup *setup)
{
    if (setup->lesson) { /* zeroed when a scene took it over */
        lesson_free(setup->lesson);
        free(setup->lesson);
        setup->lesson = NULL;
    }
    tensor_free(&setup->input);
    tensor_free(&setup->filter);
    tensor_free(&setup->bias);
}

int app_parse_size_within(const char *text, int min_w, int min_h, int width_only, int *w, int *h,
                          Err *err)
{
    const char *t = text ? text : "";
    size_t n = strspn(t, "0123456789");
    if (width_only && n > 0 && n <= 5 && t[n] == '\0') { /* "W": the height comes later */
        int ww = atoi(t);
        if (ww < min_w || ww > 7680)
            return err_fail(err, TC_ERR_ARG,
                            "--size: width %d is out of range, expected %d .. 7680", ww, min_w);
        *w = ww;
        *h = 0;
        return 0;
    }
    /* with W allowed, a malformed size names both forms */
    size_t m = n > 0 && (t[n] == 'x' || t[n] == 'X') ? strspn(t + n + 1, "0123456789") : 0;
    if (width_only && (m == 0 || t[n + 1 + m] != '\0'))
        return err_fail(err, TC_ERR_ARG, "--size: expected WxH or W (e.g. 1600x900), got '%s'", t);
    return cli_parse_wxh("--size", text, "1600x900", (int[4]){min_w, min_h, 7680, 4320}, w, h, err);
}

int app_parse_text_scale(const char *text, float *out, Err *err)
{
    /* plain decimals only: strtod's hex, "nan" and "inf" are not text sizes */
    const char *t = text ? text : "";
    size_t n = strspn(t, "0123456789");
    if (t[n] == '.')
        n += 1 + strspn(t + n + 1, "0123456789");
    double v = n > 0 && n < 16 && t[n] == '\0' && strcmp(t, ".") != 0 ? strtod(t, NULL) : -1.0;
    if (!(v >= SCENE_TEXT_SCALE_MIN && v <= SCENE_TEXT_SCALE_MAX))
        return err_fail(err, TC_ERR_ARG, "--text-scale: expected %s, got '%s'",
                        own_form(OWN_TEXT_SCALE), t);
    *out = (float)v;
    return 0;
}

int app_parse_size(const char *text, int *w, int *h, Err *err)
{
    /* 800x540 is the smallest window the layout renders cleanly (every
     * panel row, every grid cell, no overlap: tests/ui/test_layout_small.c). */
    return app_parse_size_within(text, 800, 540, 0, w, h, err);
}
