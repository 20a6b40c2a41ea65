/* cli_check.c - `tcviz check LESSON.yaml...`: load every lesson, run the
 * core, verify every expect, and say so file by file.
 *
 * This is how the course stays true: CI runs it on every lesson file, so a
 * lesson whose numbers drift from the core (or a core change that breaks a
 * lesson's claim) fails the build with the file, line and column. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "course/lesson_ask.h"
#include "course/lesson_check.h"

static const char help_text[] =
    "usage: tcviz check LESSON.yaml...\n"
    "\n"
    "Loads each lesson, runs its layer through the compute core and verifies\n"
    "every claim of its expect: list (output, cell, shape, legal_sizes,\n"
    "overlap, same_as, zero_inserted, padded, kernel, matrix,\n"
    "matrix_transposed, d_input, d_filter, error) and the answer of every\n"
    "question a step asks (ask:). Prints one line per file:\n"
    "\n"
    "  ok   lessons/01-upsample.yaml (5 expects, 2 questions)\n"
    "  FAIL lessons/02-unet.yaml:31:5: output[0,1,2,0] is 2, expected 3 (...)\n"
    "\n"
    "then 'N passed, N failed'. The format is described in lessons/README.md.\n"
    "\n"
    "Exit status: 0 when every lesson passes, 1 when any fails, 2 on a usage\n"
    "error.\n";

int cli_check(int argc, char **argv)
{
    int files = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(help_text, stdout);
            return CLI_EXIT_OK;
        }
        if (argv[i][0] == '-' && argv[i][1] != '\0') {
            fprintf(stderr, "tcviz check: unknown option %s, expected lesson files (see --help)\n",
                    argv[i]);
            return CLI_EXIT_USAGE;
        }
        files++;
    }
    if (files == 0) {
        fprintf(stderr, "tcviz check: no lesson files given, expected LESSON.yaml...\n");
        return CLI_EXIT_USAGE;
    }
    int passed = 0, failed = 0;
    for (int i = 1; i < argc; i++) {
        Lesson l;
        Err err = {0};
        if (lesson_load(argv[i], &l, &err) == 0 && lesson_check(&l, &err) == 0 &&
            lesson_ask_check(&l, &err) == 0) {
            int asks = lesson_ask_count(&l);
            printf("ok   %s (%d expect%s", argv[i], l.expect_count, l.expect_count == 1 ? "" : "s");
            if (asks > 0)
                printf(", %d question%s", asks, asks == 1 ? "" : "s");
            printf(")\n");
            passed++;
        } else {
            printf("FAIL %s\n", err.msg);
            failed++;
        }
        lesson_free(&l);
        fflush(stdout);
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? CLI_EXIT_FAIL : CLI_EXIT_OK;
}
