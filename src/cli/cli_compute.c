/* cli_compute.c - `tcviz compute OP ... -o OUT.npy`: run one layer on .npy
 * tensors the way TensorFlow or PyTorch would and write the result.
 *
 * This is how the core is checked from outside: the reference cases run
 * through this command as well as through layer_run. So it adds nothing of
 * its own to the arithmetic; it parses, loads, calls layer_run and writes
 * atomically, and every failure is one line on stderr with no file left
 * behind. Exit 2 means the command line is wrong, 1 that the files or the
 * layer they describe are, so a script can tell a typo from bad data. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/cli_args.h"
#include "core/layer1d.h"
#include "io/npy.h"

static const char help_text[] =
    "usage: tcviz compute OP [--convention tf|torch] TENSORS PARAMS -o OUT.npy\n"
    "\n"
    "Runs one layer as TensorFlow or PyTorch would and writes its output as a\n"
    "float32 .npy file. Gradients are those of sum(conv2d(input, filter) * d_out).\n"
    "\n"
    "OP: conv2d | conv2d_transpose (also conv_transpose2d) | conv2d_backprop_input\n"
    "    | conv2d_backprop_filter | conv1d | conv1d_transpose (or conv_transpose1d)\n"
    "\n"
    "Tensors (.npy files of rank 4: float32 or float64, or int32, int64, uint8\n"
    "with values exact in float32):\n"
    "  --input X.npy     conv2d, conv2d_transpose, conv2d_backprop_filter\n"
    "  --filter W.npy    conv2d, conv2d_transpose, conv2d_backprop_input\n"
    "                    (--kernel is the same flag)\n"
    "  --d-out DY.npy    conv2d_backprop_input, conv2d_backprop_filter\n"
    "  --bias B.npy      optional, conv2d and conv2d_transpose: one value per\n"
    "                    output channel, any shape\n"
    "  Any of them may be one array of a container: FILE.npz:NAME (np.savez,\n"
    "  np.savez_compressed) or FILE.safetensors:NAME (F32, F16, BF16, F64, I32,\n"
    "  I64, U8); FILE alone lists its arrays.\n"
    "  --input-image FILE.png|jpg  the input from a picture: grayscale -> 1\n"
    "                    channel, color -> 3 (alpha dropped); --scale 1 (values\n"
    "                    0..1, default) or 255; --resize WxH averages areas\n"
    "\n"
    "Layouts are the framework's own:\n"
    "                    tf                          torch\n"
    "  input, d_out      NHWC [N,H,W,C]              NCHW [N,C,H,W]\n"
    "  filter            HWIO [KH,KW,CIN,COUT]       OIHW [COUT,CIN/G,KH,KW]\n"
    "  conv2d_transpose  HWOI [KH,KW,COUT,CIN]       IOHW [CIN,COUT/G,KH,KW]\n"
    "    filter\n"
    "  output            NHWC; conv2d_backprop_      NCHW; conv2d_backprop_\n"
    "                    filter: HWIO                filter: OIHW\n"
    "\n"
    "TF parameters (--convention tf, the default):\n"
    "  --strides S|SH,SW           1..1024, default 1\n"
    "  --padding SAME|VALID|T,B,L,R   default VALID; T,B,L,R explicit, 0..1024\n"
    "  --dilations D|DH,DW         1..1024, default 1\n"
    "  --output-shape N,H,W,C      conv2d_transpose; must be a size whose conv2d\n"
    "                              gives the input back (SAME: (H-1)*S+1..H*S,\n"
    "                              VALID: (H-1)*S+K_EFF..+S-1, K_EFF =\n"
    "                              D*(K-1)+1). Default: H*S for SAME,\n"
    "                              H*S+max(K_EFF-S,0) for VALID, the smallest\n"
    "                              legal size for T,B,L,R\n"
    "  --input-sizes N,H,W,C       conv2d_backprop_input, required\n"
    "  --filter-sizes KH,KW,CIN,COUT   conv2d_backprop_filter, required\n"
    "\n"
    "PyTorch parameters (--convention torch):\n"
    "  --stride S|SH,SW            1..1024, default 1\n"
    "  --padding P|PH,PW           zeros on both sides, 0..1024, default 0\n"
    "  --output-padding P|PH,PW    conv2d_transpose: rows added at the bottom/\n"
    "                              right, less than max(stride, dilation)\n"
    "  --dilation D|DH,DW          1..1024, default 1\n"
    "  --groups G                  default 1\n"
    "  --input-size N,C,H,W        conv2d_backprop_input, required\n"
    "  --weight-size COUT,CIN/G,KH,KW   conv2d_backprop_filter, required\n"
    "The flags of one convention are refused with the other.\n"
    "\n"
    "Output:\n"
    "  -o OUT.npy (or --output)    float32, in the output layout above; written\n"
    "                              atomically, and never on error; a symlink's\n"
    "                              target is written, an old file keeps its mode\n"
    "  -o -                        the .npy on standard output (so is a FIFO or a\n"
    "                              device such as /dev/stdout); the summary line\n"
    "                              then goes to stderr\n"
    "\n"
    "1-D ops (conv1d, conv1d_transpose): the same flags, one number each, on\n"
    "rank-3 tensors: a one-row conv2d. tf: input NWC [N,W,C], filter WIO\n"
    "[K,CIN,COUT] (conv1d_transpose: WOI [K,COUT,CIN]), --strides S,\n"
    "--padding SAME|VALID|L,R, --dilations D, --output-shape N,W,C. torch: input\n"
    "NCW [N,C,L], filter OIW [COUT,CIN/G,K] (conv_transpose1d: IOW\n"
    "[CIN,COUT/G,K]), --stride S, --padding P, --output-padding P, --dilation D,\n"
    "--groups G. The output is rank 3, NWC or NCW.\n"
    "\n"
    "Every flag takes '--flag value' or '--flag=value' and may be given once.\n"
    "Numbers are decimal integers; S or D alone means the same for both axes.\n"
    "\n"
    "Exit status:\n"
    "  0  OUT.npy was written\n"
    "  1  the files or the layer are wrong: a missing, unreadable or malformed\n"
    "     .npy, a wrong rank, shapes that do not fit, an illegal output shape\n"
    "     or output padding, a failed write\n"
    "  2  the command line is wrong: unknown, repeated or other-convention flag,\n"
    "     malformed or out-of-range number, missing OP, tensor, size or -o\n"
    "Errors are one line on stderr: 'tcviz compute: <message>'.\n"
    "\n"
    "Example, the 3x3 -> 6x6 stride-2 SAME upsampling:\n"
    "  tcviz compute conv2d_transpose --input x.npy --filter w.npy \\\n"
    "      --output-shape 1,6,6,1 --strides 2 --padding SAME -o y.npy\n"
    "'tcviz shape' takes the same flags and prints the geometry instead.\n";

/* "-", or a name for the file standard output already is (/dev/stdout). */
static int is_stdout(const char *path)
{
    struct stat a, b;
    return strcmp(path, "-") == 0 || (stat(path, &a) == 0 && fstat(STDOUT_FILENO, &b) == 0 &&
                                      a.st_dev == b.st_dev && a.st_ino == b.st_ino);
}

int cli_compute(int argc, char **argv)
{
    const CliArgsOptions opts = {.flags = CLI_ARGS_OUTPUT};
    CliLayerArgs a;
    CliTensors t;
    Tensor y = {0};
    Err err = {0};
    int start = cli_layer_command_start(argc, argv, "compute", help_text, &opts, &a, &t);
    if (start >= 0)
        return start;

    LayerTensors lt = cli_layer_tensors(&t);
    int rc = layer_run(&a.spec, &lt, &y, &err);
    cli_free_layer_tensors(&t);
    int d3[3], one_d = a.spec.dims == 1;
    if (rc == 0 && one_d)
        shape_2d_to_1d(y.layout, y.dim, d3);
    if (rc == 0)
        rc = npy_write_f32(a.out, one_d ? 3 : 4, one_d ? d3 : y.dim, y.data, &err);
    if (rc != 0) {
        tensor_free(&y);
        return cli_fail("compute", CLI_EXIT_FAIL, &err);
    }
    /* With the array on standard output the summary goes to stderr. */
    FILE *say = is_stdout(a.out) ? stderr : stdout;
    if (one_d)
        fprintf(say, "%s: %s %s [%d, %d, %d]\n", a.out, layer_op_name(&a.spec),
                layout_name_1d(y.layout), d3[0], d3[1], d3[2]);
    else
        fprintf(say, "%s: %s %s [%d, %d, %d, %d]\n", a.out, op_name(a.spec.op),
                layout_name(y.layout), y.dim[0], y.dim[1], y.dim[2], y.dim[3]);
    tensor_free(&y);
    return CLI_EXIT_OK;
}
