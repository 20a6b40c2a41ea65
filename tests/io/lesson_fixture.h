/* lesson_fixture.h - lessons written to a temporary directory, for the
 * lesson tests: each test writes the YAML it needs (and any .npy it refers
 * to) so messages can be asserted with their exact path, line and column. */
#ifndef TCVIZ_TEST_LESSON_FIXTURE_H
#define TCVIZ_TEST_LESSON_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char lesson_tmpdir[64];

static int lesson_tmp_setup(void **state)
{
    (void)state;
    snprintf(lesson_tmpdir, sizeof lesson_tmpdir, "/tmp/tcviz-lesson-XXXXXX");
    return mkdtemp(lesson_tmpdir) ? 0 : -1;
}

static int lesson_tmp_teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", lesson_tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

/* Write text to <tmpdir>/<name>; path receives the full path. */
static void lesson_write(const char *name, const char *text, char *path, size_t cap)
{
    snprintf(path, cap, "%s/%s", lesson_tmpdir, name);
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    fwrite(text, 1, strlen(text), f);
    fclose(f);
}

#endif
