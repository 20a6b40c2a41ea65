/* main.c - the tcviz entry point: subcommands go to the CLI. Until the app
 * exists, anything that is not a subcommand gets the usage. */
#include "cli/cli.h"

int main(int argc, char **argv)
{
    int rc = cli_main(argc, argv);
    if (rc == CLI_NOT_A_COMMAND) {
        cli_usage(stderr);
        return CLI_EXIT_USAGE;
    }
    return rc;
}
