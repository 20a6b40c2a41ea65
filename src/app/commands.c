/* commands.c - every command of the tcviz binary, in one table: the SDL-free
 * ones of src/cli, the SDL ones of src/app (export, bench render) and the
 * window as the default row. Help, `tcviz help NAME`, --version and the
 * dispatch all read this table (cli_main), so a new command is one row. */
#include "app/app.h"
#include "cli/cli.h"

static const CliCommand rows[] = {
    {"compute", NULL, cli_compute, "OP [FLAGS] -o OUT.npy", "run one layer on .npy tensors"},
    {"shape", NULL, cli_shape, "OP [FLAGS]", "print a layer's sizes, padding and crop"},
    {"bench", NULL, cli_bench, "core", "time the compute core"},
    {"bench", "render", app_bench_render, "[FLAGS]", "time headless frames of the window"},
    {"explain", NULL, cli_explain, "LESSON.yaml | [FLAGS]", "walk through a conv2d_transpose"},
    {"check", NULL, cli_check, "LESSON.yaml...", "verify lessons' claims against the core"},
    {"export", NULL, app_export, "[FLAGS] OUTPUT", "render frames and figures to PNG, SVG or GIF"},
    {"", NULL, app_run, "[LESSON.yaml] [FLAGS]", "open the visualizer window (no COMMAND)"},
};

int app_main(int argc, char **argv)
{
    const CliTable table = {rows, (int)(sizeof rows / sizeof rows[0]), TCVIZ_VERSION};
    return cli_main(&table, argc, argv);
}
