/* test_app_lesson.c - the app's side of the lesson player: a LESSON.yaml
 * on the command line goes to the scene as SceneSetup.lesson (gradient
 * lessons too), `tcviz` alone gets lesson 1 of the course when the course
 * is there, and an explicit --view is remembered so it can win over a
 * lesson step's view. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app_args.h"

#define COURSE TCVIZ_TEST_DATA "/../../lessons"

static int parse(char **argv, AppArgs *a, Err *err)
{
    int argc = 0;
    while (argv[argc])
        argc++;
    return app_args_parse(argc, argv, 1, NULL, a, err);
}

static void test_lesson_goes_to_the_scene(void **state)
{
    (void)state;
    char *argv[] = {"tcviz", COURSE "/05-gradients-four-functions.yaml", NULL};
    AppArgs a;
    Err err = {0};
    assert_int_equal(parse(argv, &a, &err), 0);
    assert_false(a.view_given);
    SceneSetup s;
    if (app_args_setup(&a, &s, &err) != 0)
        fail_msg("%s", err.msg);
    /* op conv2d: the setup's layer is the transposed conv computing d_x */
    assert_non_null(s.lesson);
    assert_int_equal(s.lesson->spec.op, OP_CONV2D);
    assert_int_equal(s.spec.op, OP_CONV2D_TRANSPOSE);
    assert_non_null(s.input.data);
    assert_non_null(s.filter.data);
    app_args_free(&s);
    assert_null(s.lesson);

    char *view[] = {"tcviz", COURSE "/01-upsample-3x3-to-6x6.yaml", "--view", "conv2d", NULL};
    assert_int_equal(parse(view, &a, &err), 0);
    assert_true(a.view_given);
    assert_int_equal(a.view, VIEW_CONV2D);
}

static void test_no_arguments_opens_lesson_one(void **state)
{
    (void)state;
    SceneSetup s = {0};
    assert_int_equal(setenv("TCVIZ_LESSONS", COURSE, 1), 0);
    app_args_default_lesson(&s);
    assert_non_null(s.lesson);
    assert_string_equal(s.lesson->title, "Upsampling a 3×3 map to 6×6");
    app_args_free(&s);

    /* no course there: the default example, quietly */
    char dir[] = "/tmp/tcviz-nocourse-XXXXXX";
    assert_non_null(mkdtemp(dir));
    assert_int_equal(setenv("TCVIZ_LESSONS", dir, 1), 0);
    memset(&s, 0, sizeof s);
    app_args_default_lesson(&s);
    assert_null(s.lesson);
    rmdir(dir);
    unsetenv("TCVIZ_LESSONS");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lesson_goes_to_the_scene),
        cmocka_unit_test(test_no_arguments_opens_lesson_one),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
