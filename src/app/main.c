/* main.c - the tcviz entry point: subcommands go to the CLI. */
#include "cli/cli.h"

int main(int argc, char **argv)
{
    return cli_main(argc, argv);
}
