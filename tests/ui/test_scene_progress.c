/* test_scene_progress.c - the window keeps course progress: a question
 * answered right and a lesson's last step reached are written to
 * $XDG_DATA_HOME/tcviz/progress (a temporary directory here), the lesson
 * browser shows them, and a progress file that does not read is kept byte
 * for byte while the browser and the panel say why nothing is saved. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scene_fixture.h"

#define COURSE TCVIZ_TEST_DATA "/../../lessons"

static char xdg[64], file[128];

static int setup(void **state)
{
    (void)state;
    snprintf(xdg, sizeof xdg, "/tmp/tcviz-xdg-XXXXXX");
    if (!mkdtemp(xdg))
        return -1;
    snprintf(file, sizeof file, "%s/tcviz/progress", xdg);
    return setenv("XDG_DATA_HOME", xdg, 1);
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", xdg);
    return system(cmd) == 0 ? 0 : -1;
}

static void read_file(char *buf, size_t cap)
{
    buf[0] = '\0';
    FILE *f = fopen(file, "r");
    if (!f)
        return;
    size_t n = fread(buf, 1, cap - 1, f);
    buf[n] = '\0';
    fclose(f);
}

static void open_lesson1(Fx *f)
{
    Lesson l;
    Err err = {0};
    if (lesson_load(COURSE "/01-upsample-3x3-to-6x6.yaml", &l, &err) != 0)
        fail_msg("%s", err.msg);
    SceneSetup setup = {0};
    setup.lesson = &l;
    setup.lesson_dir = COURSE;
    setup.keep_progress = 1; /* as the window does */
    fx_start(f, &setup);
    lesson_free(&l);
}

static void answer(Fx *f, const char *t)
{
    key(f, KEY_CHAR, 'a', 0);
    for (const char *p = t; *p; p++)
        key(f, KEY_CHAR, *p, 0);
    key(f, KEY_RETURN, 0, 0);
}

static void test_right_answers_and_finished_lessons_are_kept(void **state)
{
    (void)state;
    unlink(file);
    Fx f;
    open_lesson1(&f);
    char text[512];
    read_file(text, sizeof text);
    assert_string_equal(text, ""); /* opening a lesson writes nothing */
    answer(&f, "5");
    read_file(text, sizeof text);
    assert_string_equal(text, ""); /* a wrong answer neither */
    key(&f, KEY_BACKSPACE, 0, 0);
    key(&f, KEY_CHAR, '6', 0);
    key(&f, KEY_RETURN, 0, 0);
    read_file(text, sizeof text);
    assert_string_equal(text, "# tcviz progress 1\n01-upsample-3x3-to-6x6.yaml started 1\n");
    Err err = {0};
    assert_int_equal(scene_lesson_goto(f.s, scene_lesson_steps(f.s) - 1, &err), 0);
    read_file(text, sizeof text);
    assert_string_equal(text, "# tcviz progress 1\n01-upsample-3x3-to-6x6.yaml done 1\n");
    key(&f, KEY_CHAR, 'l', 0);
    assert_true(frame_says(&f.dl, "done \xc2\xb7 1/2 right"));
    assert_true(frame_says(&f.dl, "02  U-Net upsampling: 2\xc3\x97" "2 kernel, stride 2, no "
                                  "padding  \xc2\xb7 0/2 right"));
    fx_close(&f);

    /* a new window reads what the last one kept */
    open_lesson1(&f);
    key(&f, KEY_CHAR, 'l', 0);
    assert_true(frame_says(&f.dl, "done \xc2\xb7 1/2 right"));
    fx_close(&f);
}

/* An export (or any scene that does not ask for it) keeps nothing. */
static void test_progress_is_kept_only_when_asked(void **state)
{
    (void)state;
    unlink(file);
    Lesson l;
    Err err = {0};
    assert_int_equal(lesson_load(COURSE "/01-upsample-3x3-to-6x6.yaml", &l, &err), 0);
    SceneSetup setup = {0};
    setup.lesson = &l;
    Fx f;
    fx_start(&f, &setup);
    lesson_free(&l);
    assert_int_equal(scene_lesson_goto(f.s, scene_lesson_steps(f.s) - 1, &err), 0);
    assert_int_equal(access(file, F_OK), -1);
    fx_close(&f);
}

static void test_a_malformed_file_is_kept_and_named(void **state)
{
    (void)state;
    char dir[128];
    snprintf(dir, sizeof dir, "%s/tcviz", xdg);
    mkdir(dir, 0755);
    static const char garbage[] = "# tcviz progress 1\nmy notes, not a lesson\n";
    FILE *fp = fopen(file, "w");
    assert_non_null(fp);
    fputs(garbage, fp);
    fclose(fp);
    Fx f;
    open_lesson1(&f);
    char msg[512], want[512];
    panel_message(&f, msg, sizeof msg);
    /* the panel's line is wrapped where the path allows: compare it unwrapped */
    snprintf(want, sizeof want, "course progress is not saved: %s does not read (L shows why)",
             file);
    char joined[512], *o = joined;
    for (const char *c = msg; *c; c++)
        if (*c != ' ')
            *o++ = *c;
    *o = '\0';
    o = want;
    for (const char *c = want; *c; c++)
        if (*c != ' ')
            *o++ = *c;
    *o = '\0';
    assert_string_equal(joined, want);
    answer(&f, "6");
    assert_true(frame_says(&f.dl, "Right: 6."));
    char text[512];
    read_file(text, sizeof text);
    assert_string_equal(text, garbage);
    key(&f, KEY_CHAR, 'l', 0);
    assert_true(frame_says(&f.dl, "got \"my notes, not a lesson\"; the file is kept as it is "
                                  "and progress is not saved until it is fixed or removed"));
    fx_close(&f);
    unlink(file);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_right_answers_and_finished_lessons_are_kept),
        cmocka_unit_test(test_progress_is_kept_only_when_asked),
        cmocka_unit_test(test_a_malformed_file_is_kept_and_named),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
