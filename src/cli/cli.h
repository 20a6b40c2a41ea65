/* cli.h - the command-line subcommands of tcviz (no SDL).
 *
 *     int rc = cli_main(argc, argv);   // "tcviz compute ...", "tcviz shape ...", ...
 *
 * Prints results to stdout and one-line errors to stderr; returns the exit code. */
#ifndef TCVIZ_CLI_H
#define TCVIZ_CLI_H

int cli_main(int argc, char **argv);

#endif
