/* test_cli_args.c - the layer flags, parsed in-process.
 *
 * Tables: each accepted spelling (both flag forms, aliases, both
 * conventions, flags in any order) with the whole LayerSpec and every path it
 * must produce, then each refusal with its exact message, from
 * cli_parse_layer_args or from cli_check_layer_args. Messages are compared
 * verbatim because they are the interface a user reads. Loading is checked on
 * .npy files written into a fresh directory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli_args.h"
#include "io/npy.h"

#define MAX_TOKENS 32

/* Split a space-separated command line; '' stands for an empty argument. */
static int split(const char *line, char *buf, size_t cap, char **argv)
{
    int argc = 0;
    snprintf(buf, cap, "%s", line);
    for (char *tok = strtok(buf, " "); tok; tok = strtok(NULL, " ")) {
        assert_true(argc < MAX_TOKENS);
        argv[argc++] = strcmp(tok, "''") == 0 ? tok + 2 : tok;
    }
    return argc;
}

static const char *const extra_flags[] = {"--steps", "--format", NULL};

/* ---- accepted spellings ------------------------------------------------------- */

typedef struct {
    const char *args;
    unsigned flags;
    int has_op;
    LayerSpec spec;
    const char *input, *filter, *d_out, *bias, *out, *size_flag;
} ParseOk;

#define TF_SAME_S2 {.convention = CONV_TF, .stride = {2, 2}, .padding = PAD_SAME}

static const ParseOk ok_cases[] = {
    /* defaults: zero params mean stride 1, dilation 1, VALID, groups 1, TF */
    {"compute conv2d --input x.npy --filter w.npy -o y.npy", CLI_ARGS_OUTPUT, 1,
     {.op = OP_CONV2D}, "x.npy", "w.npy", NULL, NULL, "y.npy", NULL},
    /* the source question's example, with both flag forms and the alias */
    {"compute conv2d_transpose --input x.npy --kernel=w.npy --output-shape 1,6,6,1 "
     "--strides=2 --padding SAME -o y.npy",
     CLI_ARGS_OUTPUT, 1, {.op = OP_CONV2D_TRANSPOSE, .params = TF_SAME_S2, .size = {1, 6, 6, 1}},
     "x.npy", "w.npy", NULL, NULL, "y.npy", "--output-shape"},
    {"compute conv2d_transpose --filter w.npy --input=x.npy --padding=same --strides 2 "
     "--output=y.npy",
     CLI_ARGS_OUTPUT, 1, {.op = OP_CONV2D_TRANSPOSE, .params = TF_SAME_S2}, "x.npy", "w.npy",
     NULL, NULL, "y.npy", NULL},
    {"compute conv2d --input x.npy --filter w.npy --strides 2,3 --dilations 1,2 --padding VALID "
     "--bias b.npy -o=y.npy",
     CLI_ARGS_OUTPUT, 1,
     {.op = OP_CONV2D, .params = {.stride = {2, 3}, .dilation = {1, 2}, .padding = PAD_VALID}},
     "x.npy", "w.npy", NULL, "b.npy", "y.npy", NULL},
    {"compute conv2d --input x.npy --filter w.npy --padding 0,1,2,3 -o y.npy", CLI_ARGS_OUTPUT, 1,
     {.op = OP_CONV2D, .params = {.padding = PAD_EXPLICIT, .pad = {0, 1, 2, 3}}}, "x.npy",
     "w.npy", NULL, NULL, "y.npy", NULL},
    {"compute conv2d_backprop_input --filter w.npy --d-out dy.npy --input-sizes 2,5,7,3 "
     "--convention tf -o dx.npy",
     CLI_ARGS_OUTPUT, 1, {.op = OP_BACKPROP_INPUT, .size = {2, 5, 7, 3}}, NULL, "w.npy", "dy.npy",
     NULL, "dx.npy", "--input-sizes"},
    {"compute conv2d_backprop_filter --input x.npy --d-out dy.npy --filter-sizes 3,2,3,4 "
     "-o dw.npy",
     CLI_ARGS_OUTPUT, 1, {.op = OP_BACKPROP_FILTER, .size = {3, 2, 3, 4}}, "x.npy", NULL,
     "dy.npy", NULL, "dw.npy", "--filter-sizes"},
    /* PyTorch: the convention may come after its flags; padding is symmetric */
    {"compute conv_transpose2d --stride 2 --padding 1,2 --output-padding 1 --dilation 2,1 "
     "--groups 2 --input x.npy --filter w.npy --convention torch -o y.npy",
     CLI_ARGS_OUTPUT, 1,
     {.op = OP_CONV2D_TRANSPOSE,
      .params = {.convention = CONV_TORCH, .stride = {2, 2}, .dilation = {2, 1},
                 .padding = PAD_EXPLICIT, .pad = {1, 1, 2, 2}, .output_padding = {1, 1},
                 .groups = 2}},
     "x.npy", "w.npy", NULL, NULL, "y.npy", NULL},
    {"compute conv2d_backprop_input --convention=torch --filter w.npy --d-out dy.npy "
     "--input-size 1,2,5,5 --padding=1 -o dx.npy",
     CLI_ARGS_OUTPUT, 1,
     {.op = OP_BACKPROP_INPUT,
      .params = {.convention = CONV_TORCH, .padding = PAD_EXPLICIT, .pad = {1, 1, 1, 1}},
      .size = {1, 2, 5, 5}},
     NULL, "w.npy", "dy.npy", NULL, "dx.npy", "--input-size"},
    {"compute conv2d_backprop_filter --convention torch --input x.npy --d-out dy.npy "
     "--weight-size 4,1,3,3 --groups=2 -o dw.npy",
     CLI_ARGS_OUTPUT, 1,
     {.op = OP_BACKPROP_FILTER, .params = {.convention = CONV_TORCH, .groups = 2},
      .size = {4, 1, 3, 3}},
     "x.npy", NULL, "dy.npy", NULL, "dw.npy", "--weight-size"},
    /* no OP: the app's form; a value may start with '-' */
    {"tcviz --input -x.npy --strides 2", 0, 0, {.params = {.stride = {2, 2}}}, "-x.npy", NULL,
     NULL, NULL, NULL, NULL},
};

static void test_parse_accepts_every_form_alias_and_order(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof ok_cases / sizeof ok_cases[0]; i++) {
        const ParseOk *c = &ok_cases[i];
        char buf[512], *argv[MAX_TOKENS];
        int argc = split(c->args, buf, sizeof buf, argv);
        CliArgsOptions opts = {.flags = c->flags};
        CliLayerArgs a;
        Err err = {0};
        int rc = cli_parse_layer_args(argc, argv, 1, &opts, &a, &err);
        if (rc != 0)
            print_error("%s\n  -> %s\n", c->args, err.msg);
        assert_int_equal(rc, 0);
        if (c->has_op)
            assert_int_equal(cli_check_layer_args(&a, &opts, &err), 0);
        print_message("ok: %s\n", c->args);
        assert_int_equal(a.help, 0);
        assert_int_equal(a.has_op, c->has_op);
        assert_int_equal(a.spec.op, c->spec.op);
        const ConvParams *p = &a.spec.params, *e = &c->spec.params;
        assert_int_equal(p->convention, e->convention);
        assert_memory_equal(p->stride, e->stride, sizeof p->stride);
        assert_memory_equal(p->dilation, e->dilation, sizeof p->dilation);
        assert_int_equal(p->padding, e->padding);
        assert_memory_equal(p->pad, e->pad, sizeof p->pad);
        assert_memory_equal(p->output_padding, e->output_padding, sizeof p->output_padding);
        assert_int_equal(p->groups, e->groups);
        assert_memory_equal(a.spec.size, c->spec.size, sizeof a.spec.size);
        const char *got[6] = {a.input, a.filter, a.d_out, a.bias, a.out, a.size_flag};
        const char *want[6] = {c->input, c->filter, c->d_out, c->bias, c->out, c->size_flag};
        for (int k = 0; k < 6; k++) {
            if (want[k])
                assert_string_equal(got[k], want[k]);
            else
                assert_null(got[k]);
        }
    }
}

static void test_defaults_resolve_to_stride_1_dilation_1_groups_1_valid(void **state)
{
    (void)state;
    char buf[128], *argv[MAX_TOKENS];
    int argc = split("shape conv2d --input-shape 1,5,5,1 --filter-shape 3,3,1,1", buf,
                     sizeof buf, argv);
    CliArgsOptions opts = {.flags = CLI_ARGS_SHAPES};
    CliLayerArgs a;
    Err err = {0};
    assert_int_equal(cli_parse_layer_args(argc, argv, 1, &opts, &a, &err), 0);
    assert_int_equal(a.spec.params.convention, CONV_TF);
    assert_int_equal(a.spec.params.padding, PAD_VALID);
    for (int axis = 0; axis < 2; axis++) {
        assert_int_equal(params_stride(&a.spec.params, axis), 1);
        assert_int_equal(params_dilation(&a.spec.params, axis), 1);
    }
    assert_int_equal(params_groups(&a.spec.params), 1);
    assert_int_equal(a.convention_given, 0);
    assert_null(a.out);
}

static void test_shape_flags_fill_shapes_in_the_convention_layouts(void **state)
{
    (void)state;
    char buf[256], *argv[MAX_TOKENS];
    int argc = split("shape conv2d_backprop_input --convention torch --filter-shape 4,2,3,3 "
                     "--d-out-shape=1,4,3,3 --input-size 1,2,5,5",
                     buf, sizeof buf, argv);
    CliArgsOptions opts = {.flags = CLI_ARGS_SHAPES};
    CliLayerArgs a;
    Err err = {0};
    assert_int_equal(cli_parse_layer_args(argc, argv, 1, &opts, &a, &err), 0);
    assert_int_equal(cli_check_layer_args(&a, &opts, &err), 0);
    assert_int_equal(a.has_filter_shape, 1);
    assert_int_equal(a.has_d_out_shape, 1);
    assert_int_equal(a.has_input_shape, 0);
    assert_memory_equal(a.filter_shape, ((int[4]){4, 2, 3, 3}), sizeof a.filter_shape);
    assert_memory_equal(a.d_out_shape, ((int[4]){1, 4, 3, 3}), sizeof a.d_out_shape);
    assert_null(a.filter);

    /* shape derives d_out for the gradients, so it may be left out */
    argc = split("shape conv2d_backprop_filter --input-shape 1,5,5,2 --filter-sizes 3,3,2,4",
                 buf, sizeof buf, argv);
    assert_int_equal(cli_parse_layer_args(argc, argv, 1, &opts, &a, &err), 0);
    assert_int_equal(cli_check_layer_args(&a, &opts, &err), 0);
}

static void test_extra_flags_are_collected_for_the_caller(void **state)
{
    (void)state;
    char buf[256], *argv[MAX_TOKENS];
    int argc = split("explain conv2d_transpose --steps 3 --input x.npy --format=json", buf,
                     sizeof buf, argv);
    CliArgsOptions opts = {.extra = extra_flags};
    CliLayerArgs a;
    Err err = {0};
    assert_int_equal(cli_parse_layer_args(argc, argv, 1, &opts, &a, &err), 0);
    assert_string_equal(a.extra[0], "3");
    assert_string_equal(a.extra[1], "json");
    assert_null(a.extra[2]);

    argc = split("explain conv2d --step 3", buf, sizeof buf, argv);
    assert_int_equal(cli_parse_layer_args(argc, argv, 1, &opts, &a, &err), -1);
    assert_string_equal(err.msg, "unknown flag --step (did you mean --steps?)");
    argc = split("explain conv2d --steps 3 --steps 4", buf, sizeof buf, argv);
    assert_int_equal(cli_parse_layer_args(argc, argv, 1, &opts, &a, &err), -1);
    assert_string_equal(err.msg, "--steps is given twice, expected it once");
}

static void test_help_wins_over_errors_anywhere(void **state)
{
    (void)state;
    const char *lines[] = {"compute --help", "compute conv2d --bogus 1 -h",
                           "compute --strides 0 --help", "compute conv3d --help"};
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        char buf[128], *argv[MAX_TOKENS];
        int argc = split(lines[i], buf, sizeof buf, argv);
        CliLayerArgs a;
        Err err = {0};
        assert_int_equal(cli_parse_layer_args(argc, argv, 1, NULL, &a, &err), 0);
        assert_int_equal(a.help, 1);
    }
}

/* ---- refusals ------------------------------------------------------------------ */

typedef struct {
    const char *args;
    unsigned flags;
    int in_check; /* 1: parsing succeeds and cli_check_layer_args refuses */
    const char *msg;
} ParseErr;

#define OUT CLI_ARGS_OUTPUT
#define SHP CLI_ARGS_SHAPES
#define X "--input x.npy --filter w.npy "

static const ParseErr err_cases[] = {
    /* unknown flags, with the closest flag of the active convention */
    {"c conv2d " X "--strdes 2", OUT, 0, "unknown flag --strdes (did you mean --strides?)"},
    {"c conv2d " X "--strdes=2 --convention torch", OUT, 0,
     "unknown flag --strdes (did you mean --stride?)"},
    {"c conv2d " X "--kernal w.npy", OUT, 0, "unknown flag --kernal (did you mean --kernel?)"},
    {"c conv2d " X "--output_shape 1,2,2,1", OUT, 0,
     "unknown flag --output_shape (did you mean --output-shape?)"},
    {"c conv2d " X "--pad 1", OUT, 0, "unknown flag --pad (did you mean --padding?)"},
    {"c conv2d " X "--frobnicate 1", OUT, 0, "unknown flag --frobnicate (see --help)"},
    {"c conv2d " X "-x", OUT, 0, "unknown flag -x (did you mean -o?)"},
    {"c conv2d " X "-x", 0, 0, "unknown flag -x (see --help)"},
    {"c conv2d " X "-o y.npy", SHP, 0, "-o does not apply here: nothing is written"},
    {"c conv2d --input-shape 1,2,2,1", OUT, 0,
     "--input-shape is accepted by tcviz shape only; give the tensor as a .npy file"},
    /* OP */
    {"c conv3d", OUT, 0,
     "unknown OP 'conv3d', expected conv2d, conv2d_transpose (or conv_transpose2d), "
     "conv2d_backprop_input, conv2d_backprop_filter, conv1d or conv1d_transpose (or "
     "conv_transpose1d)"},
    {"c conv2d conv2d", OUT, 0, "unexpected argument 'conv2d' after OP conv2d"},
    {"c " X "-o y.npy", OUT, 1,
     "missing OP, expected conv2d, conv2d_transpose (or conv_transpose2d), "
     "conv2d_backprop_input, conv2d_backprop_filter, conv1d or conv1d_transpose (or "
     "conv_transpose1d)"},
    /* repeats and values */
    {"c conv2d --input x.npy --input y.npy", OUT, 0, "--input is given twice, expected it once"},
    {"c conv2d --filter w.npy --kernel=w.npy", OUT, 0,
     "--kernel repeats --filter (the same flag), expected it once"},
    {"c conv2d " X "--strides", OUT, 0, "--strides needs a value: S or SH,SW"},
    {"c conv2d --input --filter w.npy", OUT, 0,
     "--input needs a value (X.npy), got the flag --filter"},
    {"c conv2d --filter -o y.npy", OUT, 0, "--filter needs a value (W.npy), got the flag -o"},
    {"c conv2d --input= --filter w.npy", OUT, 0, "--input: expected X.npy, got an empty path"},
    {"c conv2d " X "--convention pytorch", OUT, 0,
     "--convention: expected tf or torch, got 'pytorch'"},
    /* numbers */
    {"c conv2d " X "--strides 2,x", OUT, 0, "--strides: expected S or SH,SW (integers), got '2,x'"},
    {"c conv2d " X "--strides ''", OUT, 0, "--strides: expected S or SH,SW (integers), got ''"},
    {"c conv2d " X "--strides 2,", OUT, 0, "--strides: expected S or SH,SW (integers), got '2,'"},
    {"c conv2d " X "--strides +2", OUT, 0, "--strides: expected S or SH,SW (integers), got '+2'"},
    {"c conv2d " X "--strides 2.0", OUT, 0,
     "--strides: expected S or SH,SW (integers), got '2.0'"},
    {"c conv2d " X "--strides 1,2,3", OUT, 0,
     "--strides: expected S or SH,SW, got 3 numbers in '1,2,3'"},
    {"c conv2d " X "--strides 0", OUT, 0, "--strides: 0 is out of range, expected 1..1024"},
    {"c conv2d " X "--strides 2,-1", OUT, 0, "--strides: -1 is out of range, expected 1..1024"},
    {"c conv2d " X "--strides 1025", OUT, 0, "--strides: 1025 is out of range, expected 1..1024"},
    {"c conv2d " X "--strides 99999999999999999999", OUT, 0,
     "--strides: 99999999999999999999 is out of range, expected 1..1024"},
    {"c conv2d " X "--dilations 0,1", OUT, 0, "--dilations: 0 is out of range, expected 1..1024"},
    {"c conv2d " X "--padding 1", OUT, 0,
     "--padding: expected SAME, VALID or T,B,L,R with --convention tf, got '1'"},
    {"c conv2d " X "--padding Same,1", OUT, 0,
     "--padding: expected SAME, VALID or T,B,L,R (integers), got 'Same,1'"},
    {"c conv2d " X "--padding 1,2", OUT, 0,
     "--padding: expected SAME, VALID or T,B,L,R, got 2 numbers in '1,2'"},
    {"c conv2d " X "--padding 0,0,-1,0", OUT, 0,
     "--padding: -1 is out of range, expected 0..1024"},
    {"c conv2d " X "--convention torch --padding SAME", OUT, 0,
     "--padding: expected P or PH,PW with --convention torch, got 'SAME'"},
    {"c conv2d " X "--convention torch --padding 1,1,1,1", OUT, 0,
     "--padding: expected P or PH,PW, got 4 numbers in '1,1,1,1'"},
    {"c conv2d " X "--convention torch --groups 0", OUT, 0,
     "--groups: 0 is out of range, expected 1..65536"},
    {"c conv2d " X "--convention torch --groups 1,2", OUT, 0,
     "--groups: expected G, got 2 numbers in '1,2'"},
    {"c conv2d_transpose " X "--convention torch --output-padding -1", OUT, 0,
     "--output-padding: -1 is out of range, expected 0..1024"},
    {"c conv2d_transpose " X "--output-shape 1,6,6", OUT, 0,
     "--output-shape: expected N,H,W,C, got 3 numbers in '1,6,6'"},
    {"c conv2d_transpose " X "--output-shape 1,-1,6,1", OUT, 0,
     "--output-shape: -1 is out of range, expected 0..65536"},
    {"c conv2d_backprop_filter --convention torch --weight-size 1,1,1", OUT, 0,
     "--weight-size: expected COUT,CIN/G,KH,KW, got 3 numbers in '1,1,1'"},
    {"c conv2d_transpose --filter-shape 2,2,1", SHP, 0,
     "--filter-shape: expected HWOI [KH,KW,COUT,CIN], got 3 numbers in '2,2,1'"},
    {"c conv2d --convention torch --input-shape 1,2,x,3", SHP, 0,
     "--input-shape: expected NCHW [N,C,H,W] (integers), got '1,2,x,3'"},
    /* the other convention's flags */
    {"c conv2d " X "--convention torch --strides 2", OUT, 0,
     "--strides is a TF flag; with --convention torch use --stride"},
    {"c conv2d " X "--dilations 2 --convention torch", OUT, 0,
     "--dilations is a TF flag; with --convention torch use --dilation"},
    {"c conv2d_transpose " X "--convention torch --output-shape 1,6,6,1", OUT, 0,
     "--output-shape is a TF flag; with --convention torch use --padding and --output-padding"},
    {"c conv2d_backprop_input --convention torch --input-sizes 1,5,5,1", OUT, 0,
     "--input-sizes is a TF flag; with --convention torch use --input-size"},
    {"c conv2d_backprop_filter --convention torch --filter-sizes 1,5,5,1", OUT, 0,
     "--filter-sizes is a TF flag; with --convention torch use --weight-size"},
    {"c conv2d " X "--stride 2", OUT, 0,
     "--stride is a PyTorch flag; add --convention torch, or use the TF flag --strides"},
    {"c conv2d " X "--convention tf --dilation 2", OUT, 0,
     "--dilation is a PyTorch flag; with --convention tf use --dilations"},
    {"c conv2d_transpose " X "--output-padding 1", OUT, 0,
     "--output-padding is a PyTorch flag; add --convention torch, or use the TF flag "
     "--output-shape"},
    {"c conv2d_backprop_input --input-size 1,1,5,5", OUT, 0,
     "--input-size is a PyTorch flag; add --convention torch, or use the TF flag --input-sizes"},
    {"c conv2d_backprop_filter --weight-size 1,1,5,5", OUT, 0,
     "--weight-size is a PyTorch flag; add --convention torch, or use the TF flag "
     "--filter-sizes"},
    {"c conv2d " X "--groups 2", OUT, 0,
     "--groups is a PyTorch flag; add --convention torch (TF has no groups)"},
    {"c conv2d " X "--convention tf --groups 2", OUT, 0,
     "--groups is a PyTorch flag; TF has no groups"},
    /* sizes */
    {"c conv2d_backprop_input --input-sizes 1,5,5,1 --output-shape 1,5,5,1", OUT, 0,
     "--output-shape conflicts with --input-sizes: an op takes one size"},
    {"c conv2d " X "--output-shape 1,2,2,1 -o y.npy", OUT, 1,
     "--output-shape applies to conv2d_transpose only, not conv2d"},
    {"c conv2d_transpose " X "--input-sizes 1,2,2,1 -o y.npy", OUT, 1,
     "--input-sizes applies to conv2d_backprop_input only, not conv2d_transpose"},
    {"c conv2d_backprop_input --convention torch --filter w.npy --d-out dy.npy "
     "--weight-size 1,1,2,2 -o y.npy",
     OUT, 1, "--weight-size applies to conv2d_backprop_filter only, not conv2d_backprop_input"},
    {"c conv2d_backprop_input --filter w.npy --d-out dy.npy -o y.npy", OUT, 1,
     "conv2d_backprop_input needs --input-sizes N,H,W,C"},
    {"c conv2d_backprop_filter --convention torch --input x.npy --d-out dy.npy -o y.npy", OUT, 1,
     "conv2d_backprop_filter needs --weight-size COUT,CIN/G,KH,KW"},
    {"c conv2d --convention torch " X "--output-padding 1 -o y.npy", OUT, 1,
     "--output-padding applies to conv2d_transpose only"},
    /* tensors */
    {"c conv2d_transpose --input x.npy -o y.npy", OUT, 1,
     "conv2d_transpose needs --filter W.npy (HWOI [KH,KW,COUT,CIN])"},
    {"c conv_transpose2d --convention torch --filter w.npy -o y.npy", OUT, 1,
     "conv2d_transpose needs --input X.npy (NCHW [N,C,H,W])"},
    {"c conv2d --convention torch --input x.npy -o y.npy", OUT, 1,
     "conv2d needs --filter W.npy (OIHW [COUT,CIN/G,KH,KW])"},
    {"c conv2d_backprop_input --input-sizes 1,5,5,1 --filter w.npy -o y.npy", OUT, 1,
     "conv2d_backprop_input needs --d-out DY.npy (NHWC [N,H,W,C])"},
    {"c conv2d_transpose --input-shape 1,3,3,1", SHP, 1,
     "conv2d_transpose needs --filter W.npy or --filter-shape, in HWOI [KH,KW,COUT,CIN]"},
    {"c conv2d " X "--d-out dy.npy -o y.npy", OUT, 1,
     "--d-out does not apply to conv2d (it takes --input and --filter)"},
    {"c conv2d_backprop_filter " X "--d-out dy.npy --filter-sizes 1,1,1,1", SHP, 1,
     "--filter does not apply to conv2d_backprop_filter; give its size with --filter-sizes "
     "KH,KW,CIN,COUT"},
    {"c conv2d_backprop_input --input-shape 1,5,5,1 --filter w.npy --input-sizes 1,5,5,1", SHP,
     1,
     "--input-shape does not apply to conv2d_backprop_input; give its size with --input-sizes "
     "N,H,W,C"},
    {"c conv2d_backprop_input --filter w.npy --d-out dy.npy --bias b.npy --input-sizes 1,5,5,1 "
     "-o y.npy",
     OUT, 1, "--bias does not apply to conv2d_backprop_input"},
    {"c conv2d --input x.npy --input-shape 1,3,3,1 --filter w.npy", SHP, 1,
     "--input-shape conflicts with --input, expected one of them"},
    {"c conv2d " X, OUT, 1, "missing -o OUT.npy, expected the output path"},
};

static void test_every_refusal_has_its_exact_message(void **state)
{
    (void)state;
    int bad = 0;
    for (size_t i = 0; i < sizeof err_cases / sizeof err_cases[0]; i++) {
        const ParseErr *c = &err_cases[i];
        char buf[512], *argv[MAX_TOKENS];
        int argc = split(c->args, buf, sizeof buf, argv);
        CliArgsOptions opts = {.flags = c->flags};
        CliLayerArgs a;
        Err err = {0};
        int parsed = cli_parse_layer_args(argc, argv, 1, &opts, &a, &err);
        int checked = parsed == 0 ? cli_check_layer_args(&a, &opts, &err) : 0;
        int ok = c->in_check ? parsed == 0 && checked == -1 && err.code == TC_ERR_ARG
                             : parsed == -1 && err.code == TC_ERR_ARG;
        if (!ok || strcmp(err.msg, c->msg) != 0) {
            print_error("%s\n  want (%s): %s\n  got  (parse %d, check %d): %s\n", c->args,
                        c->in_check ? "check" : "parse", c->msg, parsed, checked, err.msg);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

/* ---- loading -------------------------------------------------------------------- */

static char tmpdir[64];

static int make_dir(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/tcviz_cli_args_XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int remove_dir(void **state)
{
    (void)state;
    const char *names[] = {"x.npy", "w.npy", "b.npy", "flat.npy", "x2d.npy"};
    char path[128];
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", tmpdir, names[i]);
        unlink(path);
    }
    return rmdir(tmpdir);
}

static void write_npy(const char *name, int ndim, const int *shape, const float *data, char *path)
{
    Err err = {0};
    snprintf(path, 128, "%s/%s", tmpdir, name);
    if (npy_write_f32(path, ndim, shape, data, &err) != 0)
        fail_msg("%s", err.msg);
}

static void test_load_reads_each_tensor_in_the_ops_layout_and_flattens_bias(void **state)
{
    (void)state;
    char xp[128], wp[128], bp[128];
    const float x[6] = {1, 2, 3, 4, 5, 6}, w[4] = {1, 2, 3, 4}, b[2] = {7, 8};
    write_npy("x.npy", 4, (int[]){1, 3, 1, 2}, x, xp);
    write_npy("w.npy", 4, (int[]){2, 1, 2, 1}, w, wp);
    write_npy("b.npy", 2, (int[]){1, 2}, b, bp);
    char line[512], buf[512], *argv[MAX_TOKENS];
    snprintf(line, sizeof line, "c conv2d_transpose --convention torch --input %s --filter %s "
             "--bias %s -o y.npy", xp, wp, bp);
    int argc = split(line, buf, sizeof buf, argv);
    CliArgsOptions opts = {.flags = CLI_ARGS_OUTPUT};
    CliLayerArgs a;
    CliTensors t;
    Err err = {0};
    assert_int_equal(cli_parse_layer_args(argc, argv, 1, &opts, &a, &err), 0);
    assert_int_equal(cli_load_layer_tensors(&a, &t, &err), 0);
    assert_int_equal(t.input.layout, LAYOUT_NCHW);
    assert_memory_equal(t.input.dim, ((int[4]){1, 3, 1, 2}), sizeof t.input.dim);
    assert_memory_equal(t.input.data, x, sizeof x);
    assert_int_equal(t.filter.layout, LAYOUT_IOHW);
    assert_memory_equal(t.bias.dim, ((int[4]){2, 1, 1, 1}), sizeof t.bias.dim);
    assert_memory_equal(t.bias.data, b, sizeof b);
    LayerTensors lt = cli_layer_tensors(&t);
    assert_ptr_equal(lt.input, &t.input);
    assert_ptr_equal(lt.bias, &t.bias);
    assert_null(lt.d_out);
    cli_free_layer_tensors(&t);
}

/* A 2-D array is one H x W slice, as in a lesson: H and W of the
 * convention's layout, every other axis 1. */
static void test_load_reads_a_2d_array_as_one_slice(void **state)
{
    (void)state;
    char xp[128], line[512], buf[512], *argv[MAX_TOKENS];
    const float x[6] = {1, 2, 3, 4, 5, 6};
    write_npy("x2d.npy", 2, (int[]){2, 3}, x, xp);
    static const char *const conv[] = {"tf", "torch"};
    static const int want[2][4] = {{1, 2, 3, 1}, {1, 1, 2, 3}};
    for (int c = 0; c < 2; c++) {
        snprintf(line, sizeof line, "c conv2d_transpose --convention %s --input %s --filter %s "
                 "-o y.npy", conv[c], xp, xp);
        int argc = split(line, buf, sizeof buf, argv);
        CliArgsOptions opts = {.flags = CLI_ARGS_OUTPUT};
        CliLayerArgs a;
        CliTensors t;
        Err err = {0};
        assert_int_equal(cli_parse_layer_args(argc, argv, 1, &opts, &a, &err), 0);
        assert_int_equal(cli_load_layer_tensors(&a, &t, &err), 0);
        assert_memory_equal(t.input.dim, want[c], sizeof t.input.dim);
        assert_memory_equal(t.input.data, x, sizeof x);
        /* the kernel's slice: kh x kw, one in and one out channel */
        assert_int_equal(tensor_axis(&t.filter, 'H'), 2);
        assert_int_equal(tensor_axis(&t.filter, 'W'), 3);
        assert_int_equal(tensor_count(&t.filter), 6);
        cli_free_layer_tensors(&t);
    }
}

static void test_load_failures_name_the_file_and_leave_nothing(void **state)
{
    (void)state;
    char xp[128], flat[128], line[512], buf[512], *argv[MAX_TOKENS];
    const float x[6] = {1, 2, 3, 4, 5, 6};
    write_npy("x.npy", 4, (int[]){1, 3, 1, 2}, x, xp);
    write_npy("flat.npy", 3, (int[]){1, 2, 3}, x, flat);
    CliArgsOptions opts = {.flags = CLI_ARGS_OUTPUT};
    CliLayerArgs a;
    CliTensors t;
    Err err = {0};
    char want[512];

    snprintf(line, sizeof line, "c conv2d --input %s --filter %s -o y.npy", xp, flat);
    int argc = split(line, buf, sizeof buf, argv);
    assert_int_equal(cli_parse_layer_args(argc, argv, 1, &opts, &a, &err), 0);
    assert_int_equal(cli_load_layer_tensors(&a, &t, &err), -1);
    snprintf(want, sizeof want, "%s: filter has 3 dimensions, expected 2 (H x W) or 4 (HWIO)",
             flat);
    assert_string_equal(err.msg, want);
    assert_null(t.input.data); /* the input read first was freed */

    snprintf(line, sizeof line, "c conv2d --input %s/none.npy --filter %s -o y.npy", tmpdir, xp);
    argc = split(line, buf, sizeof buf, argv);
    assert_int_equal(cli_parse_layer_args(argc, argv, 1, &opts, &a, &err), 0);
    assert_int_equal(cli_load_layer_tensors(&a, &t, &err), -1);
    snprintf(want, sizeof want,
             "%s/none.npy: cannot open (No such file or directory), expected a readable .npy file",
             tmpdir);
    assert_string_equal(err.msg, want);
}

static void test_layout_shapes_name_every_axis(void **state)
{
    (void)state;
    assert_string_equal(cli_layout_shape(LAYOUT_NHWC), "NHWC [N,H,W,C]");
    assert_string_equal(cli_layout_shape(LAYOUT_NCHW), "NCHW [N,C,H,W]");
    assert_string_equal(cli_layout_shape(LAYOUT_HWIO), "HWIO [KH,KW,CIN,COUT]");
    assert_string_equal(cli_layout_shape(LAYOUT_HWOI), "HWOI [KH,KW,COUT,CIN]");
    assert_string_equal(cli_layout_shape(LAYOUT_OIHW), "OIHW [COUT,CIN/G,KH,KW]");
    assert_string_equal(cli_layout_shape(LAYOUT_IOHW), "IOHW [CIN,COUT/G,KH,KW]");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_accepts_every_form_alias_and_order),
        cmocka_unit_test(test_defaults_resolve_to_stride_1_dilation_1_groups_1_valid),
        cmocka_unit_test(test_shape_flags_fill_shapes_in_the_convention_layouts),
        cmocka_unit_test(test_extra_flags_are_collected_for_the_caller),
        cmocka_unit_test(test_help_wins_over_errors_anywhere),
        cmocka_unit_test(test_every_refusal_has_its_exact_message),
        cmocka_unit_test(test_load_reads_each_tensor_in_the_ops_layout_and_flattens_bias),
        cmocka_unit_test(test_load_reads_a_2d_array_as_one_slice),
        cmocka_unit_test(test_load_failures_name_the_file_and_leave_nothing),
        cmocka_unit_test(test_layout_shapes_name_every_axis),
    };
    return cmocka_run_group_tests(tests, make_dir, remove_dir);
}
