/* cli.c - dispatch `tcviz <command> ...` through a table of commands.
 *
 * The table (one row per command, see cli.h) is the only list of commands:
 * the top-level help, `tcviz help NAME`, the "expected one of" of a mistyped
 * name and the dispatch all read it, so a new command is one row. The
 * dispatcher knows no command by name; the binary's table, which adds the
 * SDL commands and the window, is src/app/commands.c. */
#include "cli/cli.h"

#include <string.h>

#include "io/install_dir.h"
#include "io/lesson_dir.h"

static int is_help(const char *s)
{
    return strcmp(s, "--help") == 0 || strcmp(s, "-h") == 0;
}

static const CliCommand *default_row(const CliTable *t)
{
    for (int i = 0; i < t->count; i++)
        if (t->rows[i].name[0] == '\0')
            return &t->rows[i];
    return NULL;
}

void cli_usage(const CliTable *t, FILE *out)
{
    fprintf(out, "usage: tcviz COMMAND [ARGS]\n\ncommands:\n");
    for (int i = 0; i < t->count; i++) {
        const CliCommand *c = &t->rows[i];
        char head[64];
        snprintf(head, sizeof head, "%s%s%s%s%s", c->name, c->name[0] ? " " : "",
                 c->sub ? c->sub : "", c->sub ? " " : "", c->usage);
        fprintf(out, "  %-30s %s\n", head, c->summary);
    }
    fprintf(out, "\n'tcviz help COMMAND' or 'tcviz COMMAND --help' describes one;\n"
                 "'tcviz --version' prints the version.\n");
}

/* The row for name (and sub, when one of that name's rows has it); NULL when
 * no row has that name. */
static const CliCommand *find(const CliTable *t, const char *name, const char *sub)
{
    const CliCommand *first = NULL;
    for (int i = 0; i < t->count; i++) {
        const CliCommand *c = &t->rows[i];
        if (!c->name[0] || strcmp(c->name, name) != 0)
            continue;
        if (c->sub && sub && strcmp(c->sub, sub) == 0)
            return c;
        if (!first && !c->sub)
            first = c;
    }
    return first;
}

/* Run c with argv starting at its name (or its sub's). */
static int run(const CliCommand *c, int argc, char **argv)
{
    int skip = c->sub ? 2 : 1;
    return c->run(argc - skip, argv + skip);
}

static void names(const CliTable *t, FILE *out)
{
    for (int i = 0; i < t->count; i++) {
        const CliCommand *c = &t->rows[i];
        if (c->name[0] && find(t, c->name, NULL) == c)
            fprintf(out, " %s", c->name);
    }
    fprintf(out, "\n");
}

/* `tcviz help [COMMAND [SUB]]` */
static int help(const CliTable *t, int argc, char **argv)
{
    if (argc < 3) {
        cli_usage(t, stdout);
        return CLI_EXIT_OK;
    }
    const CliCommand *c = find(t, argv[2], argc > 3 ? argv[3] : NULL);
    int extra = c && argc > (c->sub ? 4 : 3);
    if (!c || extra) {
        fprintf(stderr, "tcviz help: %s '%s', expected one of:",
                c ? "unexpected argument" : "unknown command", c ? argv[argc - 1] : argv[2]);
        names(t, stderr);
        return CLI_EXIT_USAGE;
    }
    char *sub[] = {(char *)(c->sub ? c->sub : c->name), "--help", NULL};
    return c->run(2, sub);
}

int cli_main(const CliTable *t, int argc, char **argv)
{
    const CliCommand *window = default_row(t);
    if (argc >= 2 && strcmp(argv[1], "--version") == 0) {
        /* and where this binary takes its course and assets from */
        char assets[4096];
        install_dir("assets", assets, sizeof assets);
        printf("tcviz %s\nlessons: %s\nassets: %s\n", t->version, lesson_dir_default(), assets);
        return CLI_EXIT_OK;
    }
    if (argc == 2 && is_help(argv[1])) {
        /* The default row describes itself, then every command is listed. */
        if (window) {
            int rc = window->run(argc, argv);
            printf("\n");
            cli_usage(t, stdout);
            return rc;
        }
        cli_usage(t, stdout);
        return CLI_EXIT_OK;
    }
    if (argc >= 2 && strcmp(argv[1], "help") == 0)
        return help(t, argc, argv);
    if (argc >= 2) {
        const CliCommand *c = find(t, argv[1], argc >= 3 ? argv[2] : NULL);
        if (c)
            return run(c, argc, argv);
        /* A bare word first is most likely a mistyped command, not a lesson. */
        const char *a = argv[1];
        if (a[0] != '-' && !strstr(a, ".yaml") && !strstr(a, ".yml")) {
            fprintf(stderr, "tcviz: unknown command '%s' (a lesson ends in .yaml)\n", a);
            cli_usage(t, stderr);
            return CLI_EXIT_USAGE;
        }
    }
    if (!window) {
        cli_usage(t, stderr);
        return CLI_EXIT_USAGE;
    }
    return window->run(argc, argv);
}
