/* cli_args.h - the layer flags shared by `tcviz compute`, `tcviz shape`, the
 * explainer and the app: OP, convention, tensors and parameters, parsed into a
 * LayerSpec plus tensor paths.
 *
 *     CliArgsOptions opts = { .flags = CLI_ARGS_OUTPUT };
 *     CliLayerArgs a;
 *     Err err = {0};
 *     // argv = {"compute", "conv2d_transpose", "--input", "x.npy", "--kernel=w.npy",
 *     //         "--strides", "2", "--padding", "SAME", "-o", "y.npy"}
 *     if (cli_parse_layer_args(argc, argv, 1, &opts, &a, &err) != 0 ||
 *         cli_check_layer_args(&a, &opts, &err) != 0)
 *         fprintf(stderr, "tcviz compute: %s\n", err.msg);     // usage error
 *     CliTensors t;
 *     if (cli_load_layer_tensors(&a, &t, &err) != 0) ...       // file error
 *     LayerTensors lt = cli_layer_tensors(&t);
 *     ... layer_run(&a.spec, &lt, &y, &err) ...
 *     cli_free_layer_tensors(&t);
 *
 * Flags take `--flag value` or `--flag=value`; each may be given once. The
 * convention's own names are the only ones accepted (TF: --strides,
 * --dilations, --output-shape, ...; PyTorch: --stride, --dilation,
 * --output-padding, ...), and a flag of the other convention is refused with
 * the right name, because silently accepting both would hide which semantics
 * (TF SAME vs. PyTorch symmetric padding) the user is getting. */
#ifndef TCVIZ_CLI_ARGS_H
#define TCVIZ_CLI_ARGS_H

#include <stdio.h>

#include "core/layer.h"
#include "core/status.h"

/* CliArgsOptions.flags */
#define CLI_ARGS_OUTPUT 1u /* accept -o/--output OUT.npy (required by cli_check_layer_args) */
#define CLI_ARGS_SHAPES 2u /* accept --input-shape, --filter-shape, --d-out-shape instead of files */

#define CLI_MAX_EXTRA 8

typedef struct {
    unsigned flags;
    /* The caller's own flags (e.g. "--steps"), NULL-terminated, each taking
     * one value; their values land in CliLayerArgs.extra in the same order. */
    const char *const *extra;
} CliArgsOptions;

typedef struct {
    int help;        /* --help or -h was seen: parsing stopped there */
    int has_op;      /* the positional OP was given (spec.op is OP_CONV2D otherwise) */
    int convention_given;
    LayerSpec spec;  /* op, params with the convention, size from the op's size flag */
    const char *size_flag; /* the flag that filled spec.size, or NULL */
    /* array paths (pointers into argv: FILE.npy, FILE.npz:NAME,
     * FILE.safetensors:NAME), NULL when not given */
    const char *input, *filter, *d_out, *bias;
    /* --input-image FILE.png|jpg with --scale 1|255 and --resize WxH (0: keep);
     * image_max_side is the caller's limit on the image's sides (0: none). */
    const char *input_image;
    int image_scale, resize_w, resize_h, image_max_side;
    /* CLI_ARGS_SHAPES: shapes in the convention's layouts; has_* says given */
    int input_shape[4], filter_shape[4], d_out_shape[4];
    int has_input_shape, has_filter_shape, has_d_out_shape;
    const char *out; /* CLI_ARGS_OUTPUT: the -o path, NULL when not given */
    const char *extra[CLI_MAX_EXTRA];
} CliLayerArgs;

/* Parse argv[first..argc-1]: at most one positional OP (op_parse names,
 * including conv_transpose2d) and the flags. On failure (TC_ERR_ARG) err names
 * the argument and what was expected; an unknown flag gets the closest known
 * one as a suggestion. opts may be NULL (no -o, no shapes, no extra flags). */
int cli_parse_layer_args(int argc, char **argv, int first, const CliArgsOptions *opts,
                         CliLayerArgs *out, Err *err);

/* The command-level checks compute and shape need after parsing: OP given,
 * every tensor and size flag the op needs present, none it ignores, -o given
 * when opts asks for it. Fails with TC_ERR_ARG. */
int cli_check_layer_args(const CliLayerArgs *a, const CliArgsOptions *opts, Err *err);

/* Parse "WxH" (decimal digits each) within range = {min_w, min_h, max_w,
 * max_h}; messages name `flag` and show `example`. */
int cli_parse_wxh(const char *flag, const char *text, const char *example, const int range[4],
                  int *w, int *h, Err *err);

/* Shape text of a layout, e.g. "NHWC [N,H,W,C]", "IOHW [CIN,COUT/G,KH,KW]". */
const char *cli_layout_shape(Layout layout);
/* The same in `dims` dimensions: 1 gives "NWC [N,W,C]", "IOW [CIN,COUT/G,K]", ... */
const char *cli_layout_shape_dims(Layout layout, int dims);

/* Tensors read from the .npy paths of a CliLayerArgs. */
typedef struct {
    Tensor input, filter, d_out, bias;
    /* What --input-image became, e.g. "photo.png: PNG 96x64 RGBA, alpha
     * dropped, area-averaged to 48x32, 3 channels, values 0..1"; "" without. */
    char image_note[256];
} CliTensors;

/* Read every given .npy path into the layout (spec.op, convention) needs; the
 * bias may have any shape and is flattened. Fails with the reader's message
 * (which names the file); on failure nothing stays allocated. */
int cli_load_layer_tensors(const CliLayerArgs *a, CliTensors *t, Err *err);

/* After a failed load: for each array path that names a .npz or
 * .safetensors without its member, one line per array it holds
 * ("  model.npz:w  (3, 3, 1, 1) float32"), so the user can pick one. */
void cli_print_array_choices(const CliLayerArgs *a, FILE *out);

/* LayerTensors pointing at the loaded tensors (NULL for absent ones). */
LayerTensors cli_layer_tensors(const CliTensors *t);

void cli_free_layer_tensors(CliTensors *t);

/* The start every layer subcommand shares: parse argv[1..], print help_text
 * on --help, check, load the tensors. Errors go to stderr as
 * "tcviz NAME: <message>". Returns -1 when the command should go on (t is
 * then loaded and must be freed), else the exit code to return. */
int cli_layer_command_start(int argc, char **argv, const char *name, const char *help_text,
                            const CliArgsOptions *opts, CliLayerArgs *a, CliTensors *t);

/* Print "tcviz NAME: <message>" on stderr and return code. */
int cli_fail(const char *name, int code, const Err *err);

#endif
