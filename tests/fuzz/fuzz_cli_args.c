/* fuzz_cli_args.c - the layer flags of compute/shape/explain: the input is
 * split at newlines into arguments, parsed and checked as a command line. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli_args.h"

enum { MAX_ARGS = 40 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1), *argv[MAX_ARGS + 1];
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    int argc = 0;
    argv[argc++] = "tcviz";
    for (char *p = text; argc < MAX_ARGS;) {
        argv[argc++] = p;
        char *nl = strchr(p, '\n');
        if (!nl)
            break;
        *nl = '\0';
        p = nl + 1;
    }
    argv[argc] = NULL;
    static const char *const extra[] = {"--steps", "--format", NULL};
    CliArgsOptions opts = {.flags = CLI_ARGS_OUTPUT | CLI_ARGS_SHAPES, .extra = extra};
    CliLayerArgs a;
    Err err = {0};
    if (cli_parse_layer_args(argc, argv, 1, &opts, &a, &err) == 0)
        cli_check_layer_args(&a, &opts, &err);
    free(text);
    return 0;
}
