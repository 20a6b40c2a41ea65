/* cli_shape.c - `tcviz shape OP ...`: print a layer's resolved geometry
 * (shapes, per-axis kernel, stride, padding, scatter size and crop) without
 * computing anything.
 *
 * Tensors may be .npy files or bare shapes. layer_resolve reads only a
 * tensor's layout and dims, so a shape becomes a Tensor whose data is a
 * placeholder: nothing the size of the layer is allocated just to be asked
 * about. The numbers printed all come from the core's ConvGeom; the
 * equivalents in the other framework are found by asking the core to resolve
 * each candidate spelling and keeping the one whose geometry is identical,
 * so this file never re-derives a padding rule. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_args.h"
#include "core/equiv.h"
#include "core/layer1d.h"
#include "core/vocab.h"

static const char help_text[] =
    "usage: tcviz shape OP [--convention tf|torch] TENSORS PARAMS\n"
    "\n"
    "Prints the resolved geometry of one layer without computing it: the call\n"
    "spelled in the convention, the tensor shapes, and per axis the kernel,\n"
    "k_eff = d*(k-1)+1, stride, dilation, the padding on each side, the full\n"
    "uncropped scatter size (in-1)*s+k_eff and the crop on each side (negative:\n"
    "that many zero rows are appended). For TF conv2d_transpose it lists every\n"
    "legal output size per axis with the PyTorch padding and output_padding\n"
    "that give it; it also names the other framework's equivalent call.\n"
    "\n"
    "OP and PARAMS are those of 'tcviz compute' (see tcviz compute --help).\n"
    "Each tensor is a .npy file or just its shape, in the convention's layout:\n"
    "  --input X.npy   | --input-shape N,H,W,C     (torch: N,C,H,W)\n"
    "  --filter W.npy  | --filter-shape KH,KW,CIN,COUT   (tf conv2d and grads)\n"
    "                                   KH,KW,COUT,CIN   (tf conv2d_transpose)\n"
    "                                   COUT,CIN/G,KH,KW (torch conv2d, grads)\n"
    "                                   CIN,COUT/G,KH,KW (torch conv_transpose2d)\n"
    "  --d-out DY.npy  | --d-out-shape N,H,W,C     optional for the gradients\n"
    "  --bias B.npy    optional; its length is checked\n"
    "\n"
    "Exit status: 0 printed, 1 the files or the layer are wrong, 2 the command\n"
    "line is wrong. Errors are one line on stderr: 'tcviz shape: <message>'.\n"
    "\n"
    "Example, the 3x3 -> 6x6 stride-2 SAME upsampling:\n"
    "  tcviz shape conv2d_transpose --input-shape 1,3,3,1 --filter-shape 2,2,1,1 \\\n"
    "      --output-shape 1,6,6,1 --strides 2 --padding SAME\n";

/* ---- text helpers ---------------------------------------------------------- */

#define WIDTH 79

typedef VocabArg Arg;

/* Print name(args...)suffix wrapped to WIDTH, continuation lines indented 4
 * (vocab_call_wrap, as explain wraps its calls). */
static void print_call(FILE *f, const char *name, const Arg *args, int n, const char *suffix)
{
    char text[1024];
    StrBuf o = strbuf_init(text, sizeof text);
    vocab_call_wrap(&o, "", name, args, n, suffix, WIDTH, 4);
    fputs(text, f);
}

/* The CPU-safe spelling beside a GPU-only call (vocab_cpu_call). */
static void print_cpu_spelling(FILE *f, const LayerSpec *spec, const ConvGeom *g)
{
    VocabCpuCall c;
    if (!vocab_cpu_call(spec, g, &(VocabNames){.x = "x", .w = "wd"}, "w", "wd", &c))
        return;
    fprintf(f, "# %s\n", c.note);
    if (c.kernel[0])
        fprintf(f, "%s\n", c.kernel);
    print_call(f, c.name, c.args, c.n, c.suffix);
}

static void print_spec_call(FILE *f, const LayerSpec *spec, const ConvGeom *g)
{
    Arg args[VOCAB_MAX_ARGS];
    const char *name;
    int n = vocab_call(spec, g, 0, args, &name);
    print_call(f, name, args, n, vocab_call_suffix(spec));
    print_cpu_spelling(f, spec, g);
}

/* ---- the other framework's spelling ------------------------------------------ */

int cli_shape_equivalent(const LayerSpec *spec, const ConvGeom *g, LayerSpec *eq, char *why,
                         size_t cap)
{
    Convention other = spec->params.convention == CONV_TF ? CONV_TORCH : CONV_TF;
    return equiv_find(spec, g, other, eq, why, cap) == EQUIV_ONE_CALL ? 0 : -1;
}

static void print_equivalent(FILE *f, const LayerSpec *spec, const ConvGeom *g)
{
    LayerSpec eq;
    char why[EQUIV_WHY_MAX];
    Convention other = spec->params.convention == CONV_TF ? CONV_TORCH : CONV_TF;
    const char *fw = other == CONV_TF ? "TF" : "PyTorch";
    EquivVerdict v = equiv_find(spec, g, other, &eq, why, sizeof why);
    if (v != EQUIV_ONE_CALL) {
        /* The legal-size list above already starred this size with the reason. */
        int starred = v == EQUIV_TORCH_CROP && spec->op == OP_CONV2D_TRANSPOSE;
        fprintf(f, "\n%s equivalent: none as one call (%s)\n", fw, starred ? "see * above" : why);
        return;
    }
    Layout d = layer_data_layout(other), w = layer_filter_layout(other, spec->op);
    fprintf(f, "\n%s equivalent (data %s, filter %s):\n", fw, layout_name_dims(d, spec->dims),
            layout_name_dims(w, spec->dims));
    print_spec_call(f, &eq, g);
}

/* ---- tensors and per-axis table ----------------------------------------------- */

typedef struct {
    const char *var, *role;
    VocabTensor kind;
} RoleRow;

static void print_tensors(FILE *f, const LayerSpec *spec, const ConvGeom *g)
{
    static const RoleRow rows[OP_COUNT][3] = {
        [OP_CONV2D] = {{"x", "input", VOCAB_BIG}, {"w", "filter", VOCAB_WEIGHT},
                       {"y", "output", VOCAB_SMALL}},
        [OP_CONV2D_TRANSPOSE] = {{"x", "input", VOCAB_SMALL}, {"w", "filter", VOCAB_WEIGHT},
                                 {"y", "output", VOCAB_BIG}},
        [OP_BACKPROP_INPUT] = {{"w", "filter", VOCAB_WEIGHT}, {"dy", "d_out", VOCAB_SMALL},
                               {"dx", "output", VOCAB_BIG}},
        [OP_BACKPROP_FILTER] = {{"x", "input", VOCAB_BIG}, {"dy", "d_out", VOCAB_SMALL},
                                {"dw", "output", VOCAB_WEIGHT}},
    };
    for (int i = 0; i < 3; i++) {
        const RoleRow *r = &rows[spec->op][i];
        int d[4];
        char list[64];
        Layout l = vocab_tensor_dims(g, spec->params.convention, spec->op, r->kind, d);
        vocab_dims_layer(list, sizeof list, l, d, spec->dims);
        fprintf(f, "  %-3s %-7s %s %s\n", r->var, r->role, layout_name_dims(l, spec->dims), list);
    }
}

typedef enum {
    R_IN, R_OUT, R_K, R_DIL, R_KEFF, R_STRIDE, R_PAD_B, R_PAD_A, R_OUTPAD, R_FULL, R_CROP_B,
    R_CROP_A
} RowKind;

static int row_value(RowKind r, const AxisGeom *a, const ConvParams *p, int axis, OpKind op)
{
    int big = op == OP_CONV2D_TRANSPOSE || op == OP_BACKPROP_INPUT;
    switch (r) {
    case R_IN: return big ? a->conv_out : a->conv_in;
    case R_OUT: return big ? a->conv_in : a->conv_out;
    case R_K: return a->k;
    case R_DIL: return a->dil;
    case R_KEFF: return a->k_eff;
    case R_STRIDE: return a->stride;
    case R_PAD_B: case R_CROP_B: return a->pad_before;
    case R_PAD_A: return a->pad_after;
    case R_OUTPAD: return p->output_padding[axis];
    case R_FULL: return a->full;
    case R_CROP_A: return a->crop_after;
    }
    return 0;
}

static void print_axes(FILE *f, const LayerSpec *spec, const ConvGeom *g)
{
    OpKind op = spec->op;
    int scatter = op == OP_CONV2D_TRANSPOSE || op == OP_BACKPROP_INPUT;
    const char *in_label = op == OP_BACKPROP_INPUT ? "d_out size (conv output)"
                           : op == OP_CONV2D_TRANSPOSE ? "input size" : "input size (conv input)";
    const char *out_label = op == OP_BACKPROP_INPUT ? "output size (conv input)"
                            : op == OP_CONV2D_TRANSPOSE ? "output size"
                            : op == OP_CONV2D ? "output size (conv output)"
                                              : "d_out size (conv output)";
    const struct {
        RowKind kind;
        const char *label;
        int show;
    } rows[] = {
        {R_IN, in_label, 1},
        {R_K, "kernel k", 1},
        {R_DIL, "dilation d", 1},
        {R_KEFF, "k_eff = d*(k-1)+1", 1},
        {R_STRIDE, "stride s", 1},
        {R_PAD_B, "padding before (top/left)", 1},
        {R_PAD_A, "padding after (bottom/right)", 1},
        {R_OUTPAD, "output_padding", op == OP_CONV2D_TRANSPOSE &&
                                         spec->params.convention == CONV_TORCH},
        {R_FULL, "full scatter (in-1)*s+k_eff", scatter},
        {R_CROP_B, "crop before", scatter},
        {R_CROP_A, "crop after", scatter},
        {R_OUT, out_label, 1},
    };
    int one_d = spec->dims == 1;
    if (one_d)
        fprintf(f, "\n  %-30s %7s\n", "", "width");
    else
        fprintf(f, "\n  %-30s %7s %7s\n", "", "height", "width");
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        if (!rows[i].show)
            continue;
        int w = row_value(rows[i].kind, &g->w, &spec->params, 1, op);
        if (one_d)
            fprintf(f, "  %-30s %7d\n", rows[i].label, w);
        else
            fprintf(f, "  %-30s %7d %7d\n", rows[i].label,
                    row_value(rows[i].kind, &g->h, &spec->params, 0, op), w);
    }
    if (scatter)
        fprintf(f, "  output[o] = full[o + crop before]; a negative crop after appends that\n"
                   "  many zero rows (columns) past the end of the scatter.\n");
}

/* ---- TF conv2d_transpose: every legal output size ------------------------------ */

#define MAX_LISTED 8

static void print_tf_legal(FILE *f, const LayerSpec *spec, const ConvGeom *g)
{
    static const char *const axis_names[2] = {"height", "width"};
    const ConvParams *p = &spec->params;
    const AxisGeom *ax[2] = {&g->h, &g->w};
    int in_nchw[4] = {g->n, g->c_conv_out, g->h.conv_out, g->w.conv_out};
    int starred = 0;
    fprintf(f, "\nTF legal output sizes, each with its PyTorch spelling:\n");
    for (int a = spec->dims == 1; a < 2; a++) {
        int lo, hi, listed = 0, skipped = 0;
        if (geom_tf_legal_range(p, a, ax[a]->conv_out, ax[a]->k, &lo, &hi) != 0)
            continue;
        fprintf(f, "  %-6s %d..%d\n", axis_names[a], lo, hi);
        for (int v = lo; v <= hi; v++) {
            int chosen = v == ax[a]->conv_in;
            if (listed == MAX_LISTED && !chosen) {
                skipped++;
                continue;
            }
            listed += !chosen;
            ConvGeom h;
            int out_hw[2] = {g->h.conv_in, g->w.conv_in}, pad, op;
            out_hw[a] = v;
            int ok = geom_conv2d_transpose(p, in_nchw, g->c_conv_in, g->h.k, g->w.k, out_hw, &h,
                                           NULL) == 0 &&
                     geom_torch_spelling(a ? &h.w : &h.h, &pad, &op) == 0;
            if (ok)
                fprintf(f, "    %5d  padding=%d, output_padding=%d%s\n", v, pad, op,
                        chosen ? "   <- this output_shape" : "");
            else
                fprintf(f, "    %5d  *%s\n", v, chosen ? "   <- this output_shape" : "");
            starred |= !ok;
        }
        if (skipped)
            fprintf(f, "    (%d more sizes not listed)\n", skipped);
    }
    if (starred)
        fprintf(f, "* no single PyTorch spelling (%s)\n",
                g->h.conv_out < 1 || g->w.conv_out < 1
                    ? "PyTorch refuses an empty height or width"
                : p->padding == PAD_SAME ? "odd SAME padding: pad one extra at bottom/right"
                                         : "the padding is asymmetric");
}

static void print_geometry(FILE *f, const LayerSpec *spec, const ConvGeom *g, int size_given)
{
    int tf_transpose = spec->op == OP_CONV2D_TRANSPOSE && spec->params.convention == CONV_TF;
    print_spec_call(f, spec, g);
    print_tensors(f, spec, g);
    if (spec->dims == 1)
        fprintf(f, "output size: %d (width)%s\n",
                spec->op == OP_CONV2D ? g->w.conv_out : g->w.conv_in,
                tf_transpose && !size_given ? ", the default: no --output-shape" : "");
    else if (spec->op == OP_BACKPROP_FILTER)
        fprintf(f, "output size: %d x %d kernel (height x width)\n", g->h.k, g->w.k);
    else if (spec->op == OP_CONV2D)
        fprintf(f, "output size: %d x %d (height x width)\n", g->h.conv_out, g->w.conv_out);
    else /* the transposed conv and the input gradient produce the conv input */
        fprintf(f, "output size: %d x %d (height x width)%s\n", g->h.conv_in, g->w.conv_in,
                tf_transpose && !size_given ? ", the default: no --output-shape" : "");
    print_axes(f, spec, g);
    if (tf_transpose)
        print_tf_legal(f, spec, g);
    print_equivalent(f, spec, g);
}

/* layer_resolve never reads data; it only refuses a NULL pointer. */
static float placeholder;

static int shape_tensor(const int dim[4], Layout layout, const char *flag, Tensor *t, Err *err)
{
    if (shape_check(dim, flag, err) != 0)
        return -1;
    t->layout = layout;
    memcpy(t->dim, dim, sizeof t->dim);
    t->data = &placeholder;
    return 0;
}

/* The geometry of a's layer. The gradients need d_out only to check it, so
 * without one they resolve as the forward conv2d they differentiate. */
static int resolve(const CliLayerArgs *a, const CliTensors *files, ConvGeom *g, Err *err)
{
    Convention c = a->spec.params.convention;
    OpKind op = a->spec.op;
    Tensor in = files->input, filt = files->filter, dout = files->d_out;
    if (a->has_input_shape &&
        shape_tensor(a->input_shape, layer_data_layout(c), "--input-shape", &in, err) != 0)
        return -1;
    if (a->has_filter_shape && shape_tensor(a->filter_shape, layer_filter_layout(c, op),
                                            "--filter-shape", &filt, err) != 0)
        return -1;
    if (a->has_d_out_shape &&
        shape_tensor(a->d_out_shape, layer_data_layout(c), "--d-out-shape", &dout, err) != 0)
        return -1;
    LayerSpec spec = a->spec;
    int has_d_out = dout.data != NULL;
    if ((op == OP_BACKPROP_INPUT || op == OP_BACKPROP_FILTER) && !has_d_out) {
        const char *flag = a->size_flag;
        if (op == OP_BACKPROP_INPUT &&
            shape_tensor(spec.size, layer_data_layout(c), flag, &in, err) != 0)
            return -1;
        if (op == OP_BACKPROP_FILTER &&
            shape_tensor(spec.size, layer_filter_layout(c, OP_CONV2D), flag, &filt, err) != 0)
            return -1;
        spec.op = OP_CONV2D;
        memset(spec.size, 0, sizeof spec.size);
    }
    LayerTensors lt = {
        .input = in.data ? &in : NULL,
        .filter = filt.data ? &filt : NULL,
        .d_out = dout.data ? &dout : NULL,
        .bias = files->bias.data ? &files->bias : NULL,
    };
    return layer_resolve(&spec, &lt, g, err);
}

int cli_shape(int argc, char **argv)
{
    const CliArgsOptions opts = {.flags = CLI_ARGS_SHAPES};
    CliLayerArgs a;
    CliTensors files;
    ConvGeom g;
    Err err = {0};
    int start = cli_layer_command_start(argc, argv, "shape", help_text, &opts, &a, &files);
    if (start >= 0)
        return start;
    int rc = resolve(&a, &files, &g, &err);
    cli_free_layer_tensors(&files);
    if (rc != 0)
        return cli_fail("shape", CLI_EXIT_FAIL, &err);
    print_geometry(stdout, &a.spec, &g, a.size_flag != NULL);
    return CLI_EXIT_OK;
}
