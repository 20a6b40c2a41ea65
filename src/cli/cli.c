/* cli.c - dispatch `tcviz <subcommand> ...` to the subcommand's function.
 *
 * One table lists the subcommands; the top-level help and `tcviz help NAME`
 * are generated from it, so a new subcommand is one line here and one
 * declaration in cli.h. Anything the table does not know (including no
 * arguments at all) is handed back to the app as CLI_NOT_A_COMMAND, because
 * the app owns the window, `export` and `bench render`. */
#include "cli/cli.h"

#include <string.h>

typedef struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *usage;   /* the arguments, after "tcviz NAME" */
    const char *summary; /* one line */
} CliCommand;

static const CliCommand commands[] = {
    {"compute", cli_compute, "OP [FLAGS] -o OUT.npy", "run one layer on .npy tensors"},
    {"shape", cli_shape, "OP [FLAGS]", "print a layer's sizes, padding and crop"},
    {"bench", cli_bench, "core", "time the compute core"},
    {"explain", cli_explain, "LESSON.yaml | [FLAGS]", "walk through a conv2d_transpose"},
    {"check", cli_check, "LESSON.yaml...", "verify lessons' claims against the core"},
};
#define N_COMMANDS ((int)(sizeof commands / sizeof commands[0]))

void cli_usage(FILE *out)
{
    fprintf(out, "usage: tcviz COMMAND [ARGS]\n\ncommands:\n");
    for (int i = 0; i < N_COMMANDS; i++) {
        char head[64];
        snprintf(head, sizeof head, "%s %s", commands[i].name, commands[i].usage);
        fprintf(out, "  %-30s %s\n", head, commands[i].summary);
    }
    fprintf(out, "\n'tcviz help COMMAND' or 'tcviz COMMAND --help' describes one.\n");
}

static const CliCommand *find(const char *name)
{
    for (int i = 0; i < N_COMMANDS; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

/* `tcviz help [COMMAND]` */
static int help(int argc, char **argv)
{
    if (argc < 3) {
        cli_usage(stdout);
        return CLI_EXIT_OK;
    }
    const CliCommand *c = find(argv[2]);
    if (!c || argc > 3) {
        fprintf(stderr, "tcviz help: %s '%s', expected one of:",
                c ? "unexpected argument" : "unknown command", c ? argv[3] : argv[2]);
        for (int i = 0; i < N_COMMANDS; i++)
            fprintf(stderr, " %s", commands[i].name);
        fprintf(stderr, "\n");
        return CLI_EXIT_USAGE;
    }
    char *sub[] = {(char *)c->name, "--help", NULL};
    return c->run(2, sub);
}

int cli_main(int argc, char **argv)
{
    if (argc < 2)
        return CLI_NOT_A_COMMAND;
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        cli_usage(stdout);
        return CLI_EXIT_OK;
    }
    if (strcmp(argv[1], "help") == 0)
        return help(argc, argv);
    const CliCommand *c = find(argv[1]);
    return c ? c->run(argc - 1, argv + 1) : CLI_NOT_A_COMMAND;
}
