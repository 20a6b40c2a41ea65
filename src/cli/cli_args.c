/* cli_args.c - parse the layer flags of compute/shape/explain/the app
 * (which tensors an op needs, and loading them, is in cli_tensors.c; the
 * numbers inside flag values are parsed strictly by cli_args_numbers.c).
 *
 * Parsing runs in two passes. The first splits argv into the OP and flag
 * occurrences (`--flag value` or `--flag=value`), refusing unknown and
 * repeated flags; the second applies them once the convention is known, so
 * `--stride 2 --convention torch` works in any order and a flag of the other
 * convention can be named with its right spelling. */
#include "cli/cli_args.h"
#include "core/layer1d.h"
#include "core/suggest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/cli_args_internal.h"

const FlagDef cli_flag_defs[] = {
    {"--convention", NULL, FAM_ANY, F_CONVENTION, 0, "tf or torch", NULL},
    {"--input", NULL, FAM_ANY, F_INPUT, 0, "X.npy", NULL},
    {"--input-image", NULL, FAM_ANY, F_INPUT_IMAGE, 0, "FILE.png|jpg", NULL},
    {"--scale", NULL, FAM_ANY, F_SCALE, 0, "1 or 255", NULL},
    {"--resize", NULL, FAM_ANY, F_RESIZE, 0, "WxH", NULL},
    {"--filter", "--kernel", FAM_ANY, F_FILTER, 0, "W.npy", NULL},
    {"--d-out", NULL, FAM_ANY, F_D_OUT, 0, "DY.npy", NULL},
    {"--bias", NULL, FAM_ANY, F_BIAS, 0, "B.npy", NULL},
    {"--input-shape", NULL, FAM_ANY, F_INPUT_SHAPE, CLI_ARGS_SHAPES, "4 sizes", NULL},
    {"--filter-shape", NULL, FAM_ANY, F_FILTER_SHAPE, CLI_ARGS_SHAPES, "4 sizes", NULL},
    {"--d-out-shape", NULL, FAM_ANY, F_D_OUT_SHAPE, CLI_ARGS_SHAPES, "4 sizes", NULL},
    {"-o", "--output", FAM_ANY, F_OUT, CLI_ARGS_OUTPUT, "OUT.npy", NULL},
    {"--padding", NULL, FAM_ANY, F_PADDING, 0, NULL, NULL},
    {"--strides", NULL, FAM_TF, F_STRIDE, 0, "S or SH,SW", "--stride"},
    {"--dilations", NULL, FAM_TF, F_DILATION, 0, "D or DH,DW", "--dilation"},
    {"--output-shape", NULL, FAM_TF, F_OUTPUT_SHAPE, 0, "N,H,W,C",
     "--padding and --output-padding"},
    {"--input-sizes", NULL, FAM_TF, F_INPUT_SIZES, 0, "N,H,W,C", "--input-size"},
    {"--filter-sizes", NULL, FAM_TF, F_FILTER_SIZES, 0, "KH,KW,CIN,COUT", "--weight-size"},
    {"--stride", NULL, FAM_TORCH, F_STRIDE, 0, "S or SH,SW", "--strides"},
    {"--dilation", NULL, FAM_TORCH, F_DILATION, 0, "D or DH,DW", "--dilations"},
    {"--output-padding", NULL, FAM_TORCH, F_OUTPUT_PADDING, 0, "P or PH,PW", "--output-shape"},
    {"--groups", NULL, FAM_TORCH, F_GROUPS, 0, "G", NULL},
    {"--input-size", NULL, FAM_TORCH, F_INPUT_SIZES, 0, "N,C,H,W", "--input-sizes"},
    {"--weight-size", NULL, FAM_TORCH, F_FILTER_SIZES, 0, "COUT,CIN/G,KH,KW", "--filter-sizes"},
};
#define N_DEFS ((int)(sizeof cli_flag_defs / sizeof cli_flag_defs[0]))
const int cli_flag_def_count = N_DEFS;

/* One flag as it appeared: its definition (or extra index), spelling, value. */
typedef struct {
    const FlagDef *def;
    int extra;          /* index into opts->extra when def is NULL */
    const char *spelled;
    const char *value;
} Occurrence;

const char *const cli_op_list =
    "conv2d, conv2d_transpose (or conv_transpose2d), conv2d_backprop_input, "
    "conv2d_backprop_filter, conv1d or conv1d_transpose (or conv_transpose1d)";

/* ---- flag lookup and suggestions --------------------------------------------- */

static int name_is(const char *want, const char *name, size_t len)
{
    return want && strlen(want) == len && strncmp(want, name, len) == 0;
}

static int extra_count(const CliArgsOptions *o)
{
    int n = 0;
    while (o->extra && o->extra[n])
        n++;
    return n;
}

static int available(const FlagDef *d, const CliArgsOptions *o)
{
    return (d->needs & o->flags) == d->needs;
}

/* The closest flag usable with this convention and options, or NULL. */
static const char *suggest(const char *typed, Convention c, const CliArgsOptions *o)
{
    /* An abbreviation ("--pad") is as good as a typo. */
    Suggest s = suggest_start(typed);
    s.allow_prefix = 1;
    Family mine = c == CONV_TF ? FAM_TF : FAM_TORCH;
    for (int i = 0; i < N_DEFS; i++) {
        const FlagDef *d = &cli_flag_defs[i];
        if (!available(d, o) || (d->family != FAM_ANY && d->family != mine))
            continue;
        suggest_consider(&s, d->name);
        suggest_consider(&s, d->alias);
    }
    for (int i = 0; i < extra_count(o); i++)
        suggest_consider(&s, o->extra[i]);
    suggest_consider(&s, "--help");
    return s.best;
}

/* ---- pass 1: split argv ------------------------------------------------------ */

static int looks_like_flag(const char *s)
{
    return strncmp(s, "--", 2) == 0 || strcmp(s, "-o") == 0 || strcmp(s, "-h") == 0;
}

/* The convention named anywhere on the line, for suggestions made before
 * pass 2 has applied it. */
static Convention guess_convention(int argc, char **argv, int first)
{
    for (int k = first; k < argc; k++)
        if (strcmp(argv[k], "--convention=torch") == 0 ||
            (strcmp(argv[k], "--convention") == 0 && k + 1 < argc &&
             strcmp(argv[k + 1], "torch") == 0))
            return CONV_TORCH;
    return CONV_TF;
}

static int collect(int argc, char **argv, int first, const CliArgsOptions *o, CliLayerArgs *out,
                   Occurrence *occ, int *n_occ, Err *err)
{
    /* Help wins over any mistake elsewhere on the line. */
    for (int i = first; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            out->help = 1;
            return 1;
        }
    for (int i = first; i < argc; i++) {
        const char *tok = argv[i];
        if (tok[0] != '-' || tok[1] == '\0') {
            if (out->has_op)
                return err_fail(err, TC_ERR_ARG, "unexpected argument '%s' after OP %s", tok,
                                layer_op_name(&out->spec));
            if (op_parse_dims(tok, &out->spec.op, &out->spec.dims) != 0)
                return err_fail(err, TC_ERR_ARG, "unknown OP '%s', expected %s", tok, cli_op_list);
            out->has_op = 1;
            continue;
        }
        const char *eq = strchr(tok, '=');
        size_t len = eq ? (size_t)(eq - tok) : strlen(tok);
        Occurrence oc = {NULL, -1, NULL, NULL};
        for (int d = 0; d < N_DEFS; d++) {
            const FlagDef *fd = &cli_flag_defs[d];
            if (name_is(fd->name, tok, len) || name_is(fd->alias, tok, len))
                oc.def = fd;
        }
        for (int x = 0; !oc.def && x < extra_count(o) && x < CLI_MAX_EXTRA; x++)
            if (name_is(o->extra[x], tok, len))
                oc.extra = x;
        char name[64];
        snprintf(name, sizeof name, "%.*s", (int)(len < 63 ? len : 63), tok);
        if (oc.def && !available(oc.def, o)) {
            if (oc.def->id == F_OUT)
                return err_fail(err, TC_ERR_ARG, "%s does not apply here: nothing is written",
                                name);
            return err_fail(err, TC_ERR_ARG,
                            "%s is accepted by tcviz shape only; give the tensor as a .npy file",
                            name);
        }
        if (!oc.def && oc.extra < 0) {
            const char *s = suggest(name, guess_convention(argc, argv, first), o);
            if (s)
                return err_fail(err, TC_ERR_ARG, "unknown flag %s (did you mean %s?)", name, s);
            return err_fail(err, TC_ERR_ARG, "unknown flag %s (see --help)", name);
        }
        for (int k = 0; k < *n_occ; k++) {
            int same = oc.def ? occ[k].def == oc.def : occ[k].extra == oc.extra;
            if (!same)
                continue;
            if (strcmp(occ[k].spelled, name) == 0)
                return err_fail(err, TC_ERR_ARG, "%s is given twice, expected it once", name);
            return err_fail(err, TC_ERR_ARG, "%s repeats %s (the same flag), expected it once",
                            name, occ[k].spelled);
        }
        const char *form = oc.def ? oc.def->form : "a value";
        if (oc.def && oc.def->id == F_PADDING)
            form = "SAME, VALID or T,B,L,R (tf); P or PH,PW (torch)";
        if (eq) {
            oc.value = eq + 1;
        } else if (i + 1 >= argc) {
            return err_fail(err, TC_ERR_ARG, "%s needs a value: %s", name, form);
        } else if (looks_like_flag(argv[i + 1])) {
            return err_fail(err, TC_ERR_ARG, "%s needs a value (%s), got the flag %s", name, form,
                            argv[i + 1]);
        } else {
            oc.value = argv[++i];
        }
        /* The spelling as typed, for messages (a static string, not argv). */
        oc.spelled = oc.def ? (name_is(oc.def->name, tok, len) ? oc.def->name : oc.def->alias)
                            : o->extra[oc.extra];
        occ[(*n_occ)++] = oc;
    }
    return 0;
}

static int set_scale(CliLayerArgs *a, const Occurrence *oc, Err *err)
{
    if (strcmp(oc->value, "1") != 0 && strcmp(oc->value, "255") != 0)
        return err_fail(err, TC_ERR_ARG, "%s: expected 1 (values 0..1) or 255 (values 0..255), "
                        "got '%s'", oc->spelled, oc->value);
    a->image_scale = atoi(oc->value);
    return 0;
}

/* ---- pass 2: apply ----------------------------------------------------------- */

static int family_error(const Occurrence *oc, Convention c, int explicit_conv, Err *err)
{
    const FlagDef *d = oc->def;
    if (c == CONV_TORCH)
        return err_fail(err, TC_ERR_ARG, "%s is a TF flag; with --convention torch use %s",
                        oc->spelled, d->other);
    if (!d->other)
        return err_fail(err, TC_ERR_ARG, "%s is a PyTorch flag; %s", oc->spelled,
                        explicit_conv ? "TF has no groups" : "add --convention torch (TF has no groups)");
    if (explicit_conv)
        return err_fail(err, TC_ERR_ARG, "%s is a PyTorch flag; with --convention tf use %s",
                        oc->spelled, d->other);
    return err_fail(err, TC_ERR_ARG,
                    "%s is a PyTorch flag; add --convention torch, or use the TF flag %s",
                    oc->spelled, d->other);
}

static int set_size(CliLayerArgs *a, const Occurrence *oc, Err *err)
{
    if (a->size_flag)
        return err_fail(err, TC_ERR_ARG, "%s conflicts with %s: an op takes one size",
                        oc->spelled, a->size_flag);
    a->size_flag = oc->def->name;
    return cli_parse_four(oc->spelled, oc->value, oc->def->form, 0, TENSOR_MAX_DIM, a->spec.size,
                          err);
}

static int set_path(const char **slot, const Occurrence *oc, Err *err)
{
    if (oc->value[0] == '\0')
        return err_fail(err, TC_ERR_ARG, "%s: expected %s, got an empty path", oc->spelled,
                        oc->def->form);
    *slot = oc->value;
    return 0;
}

static int set_shape(int shape[4], int *has, const Occurrence *oc, CliLayerArgs *a, Err *err)
{
    Convention c = a->spec.params.convention;
    Layout l = oc->def->id == F_FILTER_SHAPE ? layer_filter_layout(c, a->spec.op)
                                              : layer_data_layout(c);
    *has = 1;
    return cli_parse_four(oc->spelled, oc->value, cli_layout_shape(l), 0, TENSOR_MAX_DIM, shape,
                          err);
}

/* ---- 1-D values: one number per parameter, sizes of three ------------------- */

/* A 1-D layer's flag value: its params act along W, its sizes have no H. */
static int apply_1d(const Occurrence *oc, CliLayerArgs *a, Err *err)
{
    ConvParams *p = &a->spec.params;
    const char *f = oc->spelled, *v = oc->value;
    int n, lr[2], d3[3], *shape = NULL, *has = NULL;
    Layout l = layer_data_layout(p->convention);
    switch (oc->def->id) {
    case F_STRIDE:
        return cli_parse_ints(f, v, "S", 1, 1, 1, GEOM_MAX_PARAM, &p->stride[1], &n, err);
    case F_DILATION:
        return cli_parse_ints(f, v, "D", 1, 1, 1, GEOM_MAX_PARAM, &p->dilation[1], &n, err);
    case F_OUTPUT_PADDING:
        return cli_parse_ints(f, v, "P", 1, 1, 0, GEOM_MAX_PARAM, &p->output_padding[1], &n,
                              err);
    case F_PADDING:
        if (p->convention == CONV_TF && (strcasecmp(v, "SAME") == 0 || strcasecmp(v, "VALID") == 0))
            return cli_parse_padding(f, v, p, err);
        if (p->convention == CONV_TF && !strchr(v, ','))
            return err_fail(err, TC_ERR_ARG,
                            "%s: expected SAME, VALID or L,R with --convention tf, got '%s'", f, v);
        if (cli_parse_ints(f, v, p->convention == CONV_TF ? "SAME, VALID or L,R" : "P",
                           p->convention == CONV_TF ? 2 : 1, p->convention == CONV_TF ? 2 : 1, 0,
                           GEOM_MAX_PARAM, lr, &n, err) != 0)
            return -1;
        p->padding = PAD_EXPLICIT;
        p->pad[0] = p->pad[1] = 0;
        p->pad[2] = lr[0];
        p->pad[3] = n == 2 ? lr[1] : lr[0];
        return 0;
    case F_OUTPUT_SHAPE: case F_INPUT_SIZES: case F_FILTER_SIZES:
        if (a->size_flag)
            return err_fail(err, TC_ERR_ARG, "%s conflicts with %s: an op takes one size", f,
                            a->size_flag);
        a->size_flag = oc->def->name;
        shape = a->spec.size;
        break;
    case F_INPUT_SHAPE: shape = a->input_shape, has = &a->has_input_shape; break;
    case F_FILTER_SHAPE:
        shape = a->filter_shape, has = &a->has_filter_shape;
        l = layer_filter_layout(p->convention, a->spec.op);
        break;
    case F_D_OUT_SHAPE: shape = a->d_out_shape, has = &a->has_d_out_shape; break;
    default: return -2; /* the same as in 2-D */
    }
    char form[32];
    const char *name = layout_name_1d(l);
    snprintf(form, sizeof form, "%c,%c,%c", name[0], name[1], name[2]);
    if (cli_parse_ints(f, v, form, 3, 3, 0, TENSOR_MAX_DIM, d3, &n, err) != 0)
        return -1;
    shape_1d_to_2d(l, d3, shape);
    if (has)
        *has = 1;
    return 0;
}

static int apply(const Occurrence *oc, CliLayerArgs *a, Err *err)
{
    if (a->spec.dims == 1) {
        int rc = apply_1d(oc, a, err);
        if (rc != -2)
            return rc;
    }
    ConvParams *p = &a->spec.params;
    const char *f = oc->spelled, *v = oc->value;
    switch (oc->def->id) {
    case F_CONVENTION: return 0; /* applied before the others */
    case F_INPUT: return set_path(&a->input, oc, err);
    case F_FILTER: return set_path(&a->filter, oc, err);
    case F_D_OUT: return set_path(&a->d_out, oc, err);
    case F_BIAS: return set_path(&a->bias, oc, err);
    case F_OUT: return set_path(&a->out, oc, err);
    case F_INPUT_SHAPE: return set_shape(a->input_shape, &a->has_input_shape, oc, a, err);
    case F_FILTER_SHAPE: return set_shape(a->filter_shape, &a->has_filter_shape, oc, a, err);
    case F_D_OUT_SHAPE: return set_shape(a->d_out_shape, &a->has_d_out_shape, oc, a, err);
    case F_STRIDE: return cli_parse_pair(f, v, oc->def->form, 1, GEOM_MAX_PARAM, p->stride, err);
    case F_DILATION:
        return cli_parse_pair(f, v, oc->def->form, 1, GEOM_MAX_PARAM, p->dilation, err);
    case F_PADDING: return cli_parse_padding(f, v, p, err);
    case F_OUTPUT_PADDING:
        return cli_parse_pair(f, v, oc->def->form, 0, GEOM_MAX_PARAM, p->output_padding, err);
    case F_GROUPS: {
        int n;
        return cli_parse_ints(f, v, "G", 1, 1, 1, TENSOR_MAX_DIM, &p->groups, &n, err);
    }
    case F_OUTPUT_SHAPE: case F_INPUT_SIZES: case F_FILTER_SIZES:
        return set_size(a, oc, err);
    case F_INPUT_IMAGE: return set_path(&a->input_image, oc, err);
    case F_SCALE: return set_scale(a, oc, err);
    case F_RESIZE:
        return cli_parse_wxh(f, v, "28x28", (int[4]){1, 1, TENSOR_MAX_DIM, TENSOR_MAX_DIM},
                             &a->resize_w, &a->resize_h, err);
    }
    return err_fail(err, TC_ERR_ARG, "%s: unhandled flag", f);
}

int cli_parse_layer_args(int argc, char **argv, int first, const CliArgsOptions *opts,
                         CliLayerArgs *out, Err *err)
{
    static const CliArgsOptions none = {0, NULL};
    const CliArgsOptions *o = opts ? opts : &none;
    Occurrence occ[N_DEFS + CLI_MAX_EXTRA];
    int n_occ = 0;
    memset(out, 0, sizeof *out);
    if (extra_count(o) > CLI_MAX_EXTRA)
        return err_fail(err, TC_ERR_ARG, "more than %d extra flags", CLI_MAX_EXTRA);
    int rc = collect(argc, argv, first, o, out, occ, &n_occ, err);
    if (rc != 0)
        return rc > 0 ? 0 : -1; /* > 0: --help stopped the parse */

    for (int k = 0; k < n_occ; k++) {
        if (!occ[k].def || occ[k].def->id != F_CONVENTION)
            continue;
        if (strcmp(occ[k].value, "tf") != 0 && strcmp(occ[k].value, "torch") != 0)
            return err_fail(err, TC_ERR_ARG, "--convention: expected tf or torch, got '%s'",
                            occ[k].value);
        out->convention_given = 1;
        out->spec.params.convention = strcmp(occ[k].value, "tf") == 0 ? CONV_TF : CONV_TORCH;
    }
    Convention c = out->spec.params.convention;
    if (out->spec.dims == 1)
        layer1d_params(&out->spec.params, c, 1, 1, PAD_VALID, 0, 0, 0);
    for (int k = 0; k < n_occ; k++) {
        const FlagDef *d = occ[k].def;
        if (!d) {
            out->extra[occ[k].extra] = occ[k].value;
            continue;
        }
        if (d->family != FAM_ANY && d->family != (c == CONV_TF ? FAM_TF : FAM_TORCH))
            return family_error(&occ[k], c, out->convention_given, err);
        if (apply(&occ[k], out, err) != 0)
            return -1;
    }
    return 0;
}
