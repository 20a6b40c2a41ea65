/* cli.h - the subcommands of tcviz that need no SDL, and the dispatcher that
 * runs any table of commands (the binary's table, with the window's and the
 * SDL commands' rows, is src/app/commands.c).
 *
 *     static const CliCommand rows[] = {
 *         {"compute", NULL, cli_compute, "OP [FLAGS] -o OUT.npy", "run one layer"},
 *         {"", NULL, app_run, "[LESSON.yaml] [FLAGS]", "open the window"}, // default row
 *     };
 *     CliTable t = {rows, 2, "0.1.0"};
 *     return cli_main(&t, argc, argv);
 *
 * Each command is `int run(int argc, char **argv)` with argv[0] the command's
 * own name (for a row with a `sub`, the sub's name: "render" of "bench
 * render"); it prints results to stdout and one-line errors to stderr and
 * returns the exit code. */
#ifndef TCVIZ_CLI_H
#define TCVIZ_CLI_H

#include <stdio.h>
#include <stddef.h>

#include "core/layer.h"

/* Exit codes shared by the subcommands. */
#define CLI_EXIT_OK 0
#define CLI_EXIT_FAIL 1  /* well-formed command, but the files or the layer are wrong */
#define CLI_EXIT_USAGE 2 /* the command line itself is wrong */

typedef struct {
    const char *name;    /* argv[1]; "" for the default row (no command named) */
    const char *sub;     /* argv[2] for one form of a command ("render" of bench), else NULL */
    int (*run)(int argc, char **argv);
    const char *usage;   /* the arguments, after "tcviz NAME [SUB]" */
    const char *summary; /* one line */
} CliCommand;

typedef struct {
    const CliCommand *rows;
    int count;
    const char *version; /* printed by --version, with the lessons and assets used */
} CliTable;

/* `tcviz help [COMMAND [SUB]]`, `--help`, `--version`, then the row that
 * argv names: name and sub; else the first row of that name; a word that is
 * no command and no lesson fails with the usage; anything else (no
 * arguments, a LESSON.yaml, flags) goes to the default row. */
int cli_main(const CliTable *t, int argc, char **argv);

/* The top-level usage: one line per row. */
void cli_usage(const CliTable *t, FILE *out);

int cli_compute(int argc, char **argv); /* tcviz compute OP ... -o OUT.npy */
int cli_shape(int argc, char **argv);   /* tcviz shape OP ... */

/* The other framework's one call that reproduces the layer g of spec, as
 * `tcviz shape` prints it: 0 with *eq, or -1 with the reason in why. */
int cli_shape_equivalent(const LayerSpec *spec, const ConvGeom *g, LayerSpec *eq, char *why,
                         size_t cap);
int cli_bench(int argc, char **argv);   /* tcviz bench core */
int cli_explain(int argc, char **argv); /* tcviz explain LESSON.yaml | FLAGS */
int cli_check(int argc, char **argv);   /* tcviz check LESSON.yaml... */

#endif
