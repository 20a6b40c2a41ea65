/* test_progress.c - the course progress file: where it lives
 * (XDG_DATA_HOME, else HOME), a round trip through the atomic writer, a
 * missing file as empty progress, and each malformed file refused with one
 * line naming the file and line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/progress.h"

static char dir[64];

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/tcviz-progress-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void test_path_follows_xdg_then_home(void **state)
{
    (void)state;
    char path[256];
    Err err = {0};
    setenv("XDG_DATA_HOME", "/data/x", 1);
    assert_int_equal(progress_path(path, sizeof path, &err), 0);
    assert_string_equal(path, "/data/x/tcviz/progress");
    setenv("XDG_DATA_HOME", "relative", 1); /* ignored, as the spec says */
    setenv("HOME", "/home/u", 1);
    assert_int_equal(progress_path(path, sizeof path, &err), 0);
    assert_string_equal(path, "/home/u/.local/share/tcviz/progress");
    unsetenv("XDG_DATA_HOME");
    unsetenv("HOME");
    assert_int_equal(progress_path(path, sizeof path, &err), -1);
    assert_string_equal(err.msg, "neither XDG_DATA_HOME nor HOME is set: course progress is not "
                                 "kept");
}

static void test_round_trip(void **state)
{
    (void)state;
    char path[128];
    snprintf(path, sizeof path, "%s/a/b/tcviz/progress", dir); /* directories are made */
    Progress *p = calloc(1, sizeof *p), *q = calloc(1, sizeof *q);
    Err err = {0};
    assert_int_equal(progress_load(path, p, &err), 0); /* missing: empty */
    assert_int_equal(p->count, 0);
    ProgressLesson *l = progress_lesson(p, "01-a.yaml", 1);
    l->done = 1;
    l->right = 1u | 4u;
    progress_lesson(p, "02-b.yaml", 1)->right = (uint64_t)1 << 63;
    assert_null(progress_lesson(p, "bad name.yaml", 1));
    assert_null(progress_lesson(p, "dir/x.yaml", 1));
    assert_int_equal(progress_save(path, p, &err), 0);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char text[256] = "";
    size_t n = fread(text, 1, sizeof text - 1, f);
    text[n] = '\0';
    fclose(f);
    assert_string_equal(text, "# tcviz progress 1\n01-a.yaml done 1,3\n02-b.yaml started 64\n");
    assert_int_equal(progress_load(path, q, &err), 0);
    assert_int_equal(q->count, 2);
    assert_true(progress_lesson(q, "01-a.yaml", 0)->done);
    assert_int_equal(progress_right_count(progress_lesson(q, "01-a.yaml", 0)), 2);
    assert_true(progress_lesson(q, "02-b.yaml", 0)->right == (uint64_t)1 << 63);
    assert_false(progress_lesson(q, "02-b.yaml", 0)->done);
    free(p);
    free(q);
}

static void test_malformed_files_are_refused(void **state)
{
    (void)state;
    static const struct {
        const char *text, *msg; /* msg after the path */
    } bad[] = {
        {"01-a.yaml done\n", ":1: expected the line '# tcviz progress 1'"},
        {"# tcviz progress 1\n01-a.yaml finished\n",
         ":2: expected 'LESSON.yaml done|started [STEP,STEP...]' (each lesson once), got "
         "\"01-a.yaml finished\""},
        {"# tcviz progress 1\n01-a.yaml done 0\n",
         ":2: expected 'LESSON.yaml done|started [STEP,STEP...]' (each lesson once), got "
         "\"01-a.yaml done 0\""},
        {"# tcviz progress 1\n01-a.yaml done 1,\n",
         ":2: expected 'LESSON.yaml done|started [STEP,STEP...]' (each lesson once), got "
         "\"01-a.yaml done 1,\""},
        {"# tcviz progress 1\n\n01-a.yaml done\n01-a.yaml started\n",
         ":4: expected 'LESSON.yaml done|started [STEP,STEP...]' (each lesson once), got "
         "\"01-a.yaml started\""},
        {"# tcviz progress 1\n01-a.yaml done 1 2\n",
         ":2: expected 'LESSON.yaml done|started [STEP,STEP...]' (each lesson once), got "
         "\"01-a.yaml done 1 2\""},
    };
    char path[128];
    snprintf(path, sizeof path, "%s/bad", dir);
    Progress *p = calloc(1, sizeof *p);
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        FILE *f = fopen(path, "w");
        assert_non_null(f);
        fputs(bad[i].text, f);
        fclose(f);
        Err err = {0};
        char want[512];
        snprintf(want, sizeof want, "%s%s", path, bad[i].msg);
        assert_int_equal(progress_load(path, p, &err), -1);
        assert_string_equal(err.msg, want);
        assert_int_equal(p->count, 0);
    }
    free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_path_follows_xdg_then_home),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_malformed_files_are_refused),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
