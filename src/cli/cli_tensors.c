/* cli_tensors.c - the tensors of a parsed layer command line: which ones an
 * op needs (cli_check_layer_args) and reading them from .npy files;
 * cli_args.c parses the flags. */
#include "cli/cli_args.h"
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

#include "cli/cli_args_internal.h"
#include "core/layer1d.h"
#include "io/array_file.h"
#include "io/image.h"
#include "io/npy.h"

const char *cli_layout_shape(Layout layout)
{
    static const char *const shapes[LAYOUT_COUNT] = {
        [LAYOUT_NHWC] = "NHWC [N,H,W,C]",          [LAYOUT_NCHW] = "NCHW [N,C,H,W]",
        [LAYOUT_HWIO] = "HWIO [KH,KW,CIN,COUT]",   [LAYOUT_HWOI] = "HWOI [KH,KW,COUT,CIN]",
        [LAYOUT_OIHW] = "OIHW [COUT,CIN/G,KH,KW]", [LAYOUT_IOHW] = "IOHW [CIN,COUT/G,KH,KW]",
    };
    TC_ASSERT((int)layout >= 0 && layout < LAYOUT_COUNT);
    return shapes[layout];
}

const char *cli_layout_shape_dims(Layout layout, int dims)
{
    static const char *const shapes_1d[LAYOUT_COUNT] = {
        [LAYOUT_NHWC] = "NWC [N,W,C]",      [LAYOUT_NCHW] = "NCW [N,C,L]",
        [LAYOUT_HWIO] = "WIO [K,CIN,COUT]", [LAYOUT_HWOI] = "WOI [K,COUT,CIN]",
        [LAYOUT_OIHW] = "OIW [COUT,CIN/G,K]", [LAYOUT_IOHW] = "IOW [CIN,COUT/G,K]",
    };
    if (dims != 1)
        return cli_layout_shape(layout);
    TC_ASSERT((int)layout >= 0 && layout < LAYOUT_COUNT);
    return shapes_1d[layout];
}

typedef struct {
    const char *flag, *shape_flag, *file;
    const char *path;
    int has_shape;
    Layout layout;
} Role;

/* The size flag an op takes in convention c, and the op a size flag is for. */
static const FlagDef *size_def(OpKind op, Convention c)
{
    FlagId id = op == OP_BACKPROP_INPUT    ? F_INPUT_SIZES
                : op == OP_BACKPROP_FILTER ? F_FILTER_SIZES
                                           : F_OUTPUT_SHAPE;
    Family family = c == CONV_TF ? FAM_TF : FAM_TORCH;
    for (int i = 0; i < cli_flag_def_count; i++)
        if (cli_flag_defs[i].id == id && cli_flag_defs[i].family == family)
            return &cli_flag_defs[i];
    return NULL;
}

static OpKind size_op(const char *size_flag)
{
    for (int i = 0; i < cli_flag_def_count; i++)
        if (strcmp(cli_flag_defs[i].name, size_flag) == 0)
            return cli_flag_defs[i].id == F_INPUT_SIZES    ? OP_BACKPROP_INPUT
                   : cli_flag_defs[i].id == F_FILTER_SIZES ? OP_BACKPROP_FILTER
                                                           : OP_CONV2D_TRANSPOSE;
    return OP_COUNT;
}

int cli_check_layer_args(const CliLayerArgs *a, const CliArgsOptions *opts, Err *err)
{
    static const int needs[OP_COUNT][3] = {
        [OP_CONV2D] = {1, 1, 0},
        [OP_CONV2D_TRANSPOSE] = {1, 1, 0},
        [OP_BACKPROP_INPUT] = {0, 1, 1},
        [OP_BACKPROP_FILTER] = {1, 0, 1},
    };
    static const char *const takes[OP_COUNT] = {
        [OP_CONV2D] = "--input and --filter",
        [OP_CONV2D_TRANSPOSE] = "--input and --filter",
        [OP_BACKPROP_INPUT] = "--filter and --d-out",
        [OP_BACKPROP_FILTER] = "--input and --d-out",
    };
    unsigned flags = opts ? opts->flags : 0;
    if (!a->has_op)
        return err_fail(err, TC_ERR_ARG, "missing OP, expected %s", cli_op_list);
    OpKind op = a->spec.op;
    Convention c = a->spec.params.convention;
    int dims = a->spec.dims;
    const char *opn = layer_op_name(&a->spec);
    const FlagDef *size = size_def(op, c);
    int gradient = op == OP_BACKPROP_INPUT || op == OP_BACKPROP_FILTER;
    if (a->input && a->input_image)
        return err_fail(err, TC_ERR_ARG, "--input-image conflicts with --input, expected one of "
                        "them");
    if (a->input_image && dims == 1)
        return err_fail(err, TC_ERR_ARG, "--input-image gives a 2-D input, expected --input X.npy "
                        "for %s", opn);
    if (!a->input_image && (a->image_scale || a->resize_w))
        return err_fail(err, TC_ERR_ARG, "%s applies to --input-image only",
                        a->image_scale ? "--scale" : "--resize");
    const Role roles[3] = {
        {a->input_image ? "--input-image" : "--input", "--input-shape", "X.npy",
         a->input ? a->input : a->input_image, a->has_input_shape, layer_data_layout(c)},
        {"--filter", "--filter-shape", "W.npy", a->filter, a->has_filter_shape,
         layer_filter_layout(c, op)},
        {"--d-out", "--d-out-shape", "DY.npy", a->d_out, a->has_d_out_shape, layer_data_layout(c)},
    };
    for (int r = 0; r < 3; r++) {
        const Role *ro = &roles[r];
        int given = ro->path || ro->has_shape;
        if (ro->path && ro->has_shape)
            return err_fail(err, TC_ERR_ARG, "%s conflicts with %s, expected one of them",
                            ro->shape_flag, ro->flag);
        const char *used = ro->path ? ro->flag : ro->shape_flag;
        /* A gradient's missing tensor is the one whose size it takes. */
        if (given && !needs[op][r] && gradient && r < 2)
            return err_fail(err, TC_ERR_ARG, "%s does not apply to %s; give its size with %s %s",
                            used, opn, size->name, size->form);
        if (given && !needs[op][r])
            return err_fail(err, TC_ERR_ARG, "%s does not apply to %s (it takes %s)", used,
                            opn, takes[op]);
        /* shape derives d_out's shape when it is not given. */
        if (given || !needs[op][r] || (r == 2 && (flags & CLI_ARGS_SHAPES)))
            continue;
        if (flags & CLI_ARGS_SHAPES)
            return err_fail(err, TC_ERR_ARG, "%s needs %s %s or %s, in %s", opn, ro->flag,
                            ro->file, ro->shape_flag, cli_layout_shape_dims(ro->layout, dims));
        return err_fail(err, TC_ERR_ARG, "%s needs %s %s (%s)", opn, ro->flag, ro->file,
                        cli_layout_shape_dims(ro->layout, dims));
    }
    if (a->bias && op != OP_CONV2D && op != OP_CONV2D_TRANSPOSE)
        return err_fail(err, TC_ERR_ARG, "--bias does not apply to %s", opn);
    if (a->size_flag && size_op(a->size_flag) != op)
        return err_fail(err, TC_ERR_ARG, "%s applies to %s only, not %s", a->size_flag,
                        layer_op_name(&(LayerSpec){.op = size_op(a->size_flag), .dims = dims}),
                        opn);
    if (!a->size_flag && gradient)
        return err_fail(err, TC_ERR_ARG, "%s needs %s %s", opn, size->name, size->form);
    if (op != OP_CONV2D_TRANSPOSE &&
        (a->spec.params.output_padding[0] || a->spec.params.output_padding[1]))
        return err_fail(err, TC_ERR_ARG, "--output-padding applies to %s only",
                        dims == 1 ? "conv1d_transpose" : "conv2d_transpose");
    if ((flags & CLI_ARGS_OUTPUT) && !a->out)
        return err_fail(err, TC_ERR_ARG, "missing -o OUT.npy, expected the output path");
    return 0;
}

/* Read path into t in `layout`; what == NULL reads a bias: any shape,
 * flattened into dim[0]. A 1-D tensor (dims == 1) has rank 3 and gains H = 1. */
static int load_one(const char *path, Layout layout, int dims, const char *what, Tensor *t,
                    Err *err)
{
    NpyArray arr = {0};
    int rc;
    if (!path)
        return 0;
    if (array_file_read(path, &arr, err) != 0)
        return -1;
    if (what && dims == 1 && arr.ndim != 3) {
        rc = err_fail(err, TC_ERR_SHAPE, "%s: %s has %d dimension%s, expected 3 (%s)", path, what,
                      arr.ndim, arr.ndim == 1 ? "" : "s", layout_name_1d(layout));
    } else if (what) {
        if (dims == 1) { /* the same values, viewed with a height of 1 */
            int d3[3] = {arr.shape[0], arr.shape[1], arr.shape[2]};
            shape_1d_to_2d(layout, d3, arr.shape);
            arr.ndim = 4;
        }
        rc = npy_to_tensor(&arr, layout, path, what, t, err);
    } else {
        size_t count = 1;
        for (int i = 0; i < arr.ndim; i++)
            count *= (size_t)arr.shape[i];
        rc = count > TENSOR_MAX_DIM
                 ? err_fail(err, TC_ERR_SHAPE,
                            "%s: bias has %zu values, expected one per output channel", path, count)
                 : tensor_init_from(t, layout, (int[4]){(int)count, 1, 1, 1}, arr.data, err);
    }
    npy_free(&arr);
    return rc;
}

static int load_image(const CliLayerArgs *a, Layout layout, CliTensors *t, Err *err)
{
    ImageOptions o = {.max_value = a->image_scale, .resize_w = a->resize_w,
                      .resize_h = a->resize_h, .max_side = a->image_max_side};
    Image im;
    if (image_read(a->input_image, &o, &im, err) != 0)
        return -1;
    int rc = image_to_tensor(&im, layout, &t->input, err);
    image_describe(&im, a->input_image, t->image_note, sizeof t->image_note);
    image_free(&im);
    return rc;
}

int cli_load_layer_tensors(const CliLayerArgs *a, CliTensors *t, Err *err)
{
    Convention c = a->spec.params.convention;
    int dims = a->spec.dims;
    memset(t, 0, sizeof *t);
    if ((a->input_image && load_image(a, layer_data_layout(c), t, err) != 0) ||
        load_one(a->input, layer_data_layout(c), dims, "input", &t->input, err) != 0 ||
        load_one(a->filter, layer_filter_layout(c, a->spec.op), dims, "filter", &t->filter,
                 err) != 0 ||
        load_one(a->d_out, layer_data_layout(c), dims, "d_out", &t->d_out, err) != 0 ||
        load_one(a->bias, LAYOUT_NCHW, dims, NULL, &t->bias, err) != 0) {
        cli_free_layer_tensors(t);
        return -1;
    }
    return 0;
}

LayerTensors cli_layer_tensors(const CliTensors *t)
{
    LayerTensors lt = {
        .input = t->input.data ? &t->input : NULL,
        .filter = t->filter.data ? &t->filter : NULL,
        .d_out = t->d_out.data ? &t->d_out : NULL,
        .bias = t->bias.data ? &t->bias : NULL,
    };
    return lt;
}

void cli_free_layer_tensors(CliTensors *t)
{
    tensor_free(&t->input);
    tensor_free(&t->filter);
    tensor_free(&t->d_out);
    tensor_free(&t->bias);
}

int cli_fail(const char *name, int code, const Err *err)
{
    fprintf(stderr, "tcviz %s: %s\n", name, err->msg);
    return code;
}

void cli_print_array_choices(const CliLayerArgs *a, FILE *out)
{
    const char *const paths[] = {a->input, a->filter, a->d_out, a->bias};
    for (int i = 0; i < 4; i++) {
        ArrayList l = {0};
        Err err = {0};
        if (!paths[i] || !array_file_needs_member(paths[i]))
            continue;
        char file[1024];
        snprintf(file, sizeof file, "%.*s", (int)strcspn(paths[i], ":"), paths[i]);
        if (array_file_list(file, &l, &err) != 0) {
            fprintf(out, "  (cannot list %s: %s)\n", file, err.msg);
            continue;
        }
        for (int k = 0; k < l.count; k++) {
            char t[160] = "(";
            for (int d = 0; d < l.items[k].ndim; d++)
                snprintf(t + strlen(t), sizeof t - strlen(t), "%s%d", d ? ", " : "",
                         l.items[k].shape[d]);
            snprintf(t + strlen(t), sizeof t - strlen(t), "%s)", l.items[k].ndim == 1 ? "," : "");
            fprintf(out, "  %s:%s  %s %s\n", file, l.items[k].name, t, l.items[k].dtype);
        }
        if (l.count == 0)
            fprintf(out, "  %s holds no arrays\n", file);
        array_list_free(&l);
    }
}

int cli_layer_command_start(int argc, char **argv, const char *name, const char *help_text,
                            const CliArgsOptions *opts, CliLayerArgs *a, CliTensors *t)
{
    Err err = {0};
    if (cli_parse_layer_args(argc, argv, 1, opts, a, &err) != 0)
        return cli_fail(name, CLI_EXIT_USAGE, &err);
    if (a->help) {
        fputs(help_text, stdout);
        return CLI_EXIT_OK;
    }
    if (cli_check_layer_args(a, opts, &err) != 0)
        return cli_fail(name, CLI_EXIT_USAGE, &err);
    if (cli_load_layer_tensors(a, t, &err) != 0) {
        /* A container named without its array is a command-line mistake. */
        int rc = cli_fail(name, err.code == TC_ERR_ARG ? CLI_EXIT_USAGE : CLI_EXIT_FAIL, &err);
        cli_print_array_choices(a, stderr);
        return rc;
    }
    if (t->image_note[0])
        printf("%s\n", t->image_note);
    return -1;
}
