/* cli.h - the command-line subcommands of tcviz (no SDL).
 *
 *     int rc = cli_main(argc, argv);   // "tcviz compute ...", "tcviz shape ...", ...
 *     if (rc == CLI_NOT_A_COMMAND)     // no arguments, or argv[1] is not a subcommand:
 *         ...                          // the app handles it (window, export, ...)
 *
 * Each subcommand is `int cli_<name>(int argc, char **argv)` with argv[0] the
 * subcommand's own name; it prints results to stdout and one-line errors to
 * stderr and returns the exit code. Adding one is a declaration here and one
 * line in the table of cli.c. */
#ifndef TCVIZ_CLI_H
#define TCVIZ_CLI_H

#include <stdio.h>

/* Returned by cli_main when argv[1] is missing or names no CLI subcommand. */
#define CLI_NOT_A_COMMAND (-1)

/* Exit codes shared by the subcommands. */
#define CLI_EXIT_OK 0
#define CLI_EXIT_FAIL 1  /* well-formed command, but the files or the layer are wrong */
#define CLI_EXIT_USAGE 2 /* the command line itself is wrong */

int cli_main(int argc, char **argv);

/* The top-level usage: one line per subcommand. */
void cli_usage(FILE *out);

int cli_compute(int argc, char **argv); /* tcviz compute OP ... -o OUT.npy */
int cli_shape(int argc, char **argv);   /* tcviz shape OP ... */
int cli_bench(int argc, char **argv);   /* tcviz bench core */
int cli_explain(int argc, char **argv); /* tcviz explain LESSON.yaml | FLAGS */
int cli_check(int argc, char **argv);   /* tcviz check LESSON.yaml... */

#endif
