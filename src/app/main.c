/* main.c - the tcviz entry point: subcommands go to the CLI; `export`,
 * `bench render` and everything else (no arguments, a lesson, layer flags)
 * to the SDL app. `bench render` is checked first because the CLI's `bench`
 * would refuse an unknown benchmark. */
#include <signal.h>
#include <string.h>

#include "app/app.h"
#include "cli/cli.h"

int main(int argc, char **argv)
{
    /* Past a file-size limit (ulimit -f) a write then fails with EFBIG and
     * is reported like a full disk, instead of the signal killing tcviz. */
    signal(SIGXFSZ, SIG_IGN);
    /* The window's help lists its flags and then the subcommands. */
    if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0))
        return app_run(argc, argv);
    if (argc >= 3 && strcmp(argv[1], "bench") == 0 && strcmp(argv[2], "render") == 0)
        return app_bench_render(argc - 2, argv + 2);
    int rc = cli_main(argc, argv);
    if (rc != CLI_NOT_A_COMMAND)
        return rc;
    if (argc >= 2 && strcmp(argv[1], "export") == 0)
        return app_export(argc - 1, argv + 1);
    return app_run(argc, argv);
}
