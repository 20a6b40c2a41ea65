/* test_drop_file.c - what the window does with a dropped image or weight
 * archive (app/drop_file.c), on a scene without a display: the image becomes
 * the input and the panel says what was done to it; an archive with several
 * arrays is named back with the flag that picks one; a damaged image leaves
 * the input as it was and reports one line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/drop_file.h"
#include "ui/scene_edit.h"

#define DATA TCVIZ_TEST_DATA "/arrays/"

static int measure(void *user, int px, const char *s)
{
    (void)user;
    return (int)strlen(s) * px * 6 / 10;
}

static Scene *open_scene(void)
{
    Err err = {0};
    Scene *s = scene_create(&(SceneSetup){0}, measure, NULL, &err);
    if (!s)
        fail_msg("%s", err.msg);
    return s;
}

static void test_dropped_png_becomes_the_input_and_is_described(void **state)
{
    (void)state;
    Scene *s = open_scene();
    assert_int_equal(drop_file_handle(s, DATA "ankle-boot.png"), 1);
    int error = -1;
    const char *msg = scene_message(s, &error);
    assert_int_equal(error, 0);
    assert_non_null(strstr(msg, "ankle-boot.png: PNG 28x28 grayscale, 1 channel, values 0..1"));
    const Tensor *x = scene_tensor(s, "input");
    assert_int_equal(x->layout, LAYOUT_NHWC);
    assert_int_equal(x->dim[1], 28);
    assert_int_equal(x->dim[2], 28);
    assert_int_equal(x->dim[3], 1);
    float max = 0;
    for (int i = 0; i < 28 * 28; i++)
        max = x->data[i] > max ? x->data[i] : max;
    assert_true(max > 0.5f && max <= 1.0f);
    scene_free(s);
}

static void test_dropped_archive_with_several_arrays_names_them(void **state)
{
    (void)state;
    Scene *s = open_scene();
    assert_int_equal(drop_file_handle(s, DATA "savez.npz"), 1);
    int error = 0;
    const char *msg = scene_message(s, &error);
    assert_int_equal(error, 1);
    assert_non_null(strstr(msg, "savez.npz holds 2 arrays (x, decoder.weight); open one with "
                                "--input "));
    /* A .npy, or a container with its member, is the scene's own to load. */
    assert_int_equal(drop_file_handle(s, DATA "x.npy"), 0);
    assert_int_equal(drop_file_handle(s, DATA "savez.npz:x"), 0);
    scene_free(s);
}

static void test_damaged_image_keeps_the_input_and_says_why(void **state)
{
    (void)state;
    char dir[] = "/tmp/tcviz-drop-XXXXXX", path[64];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/broken.png", dir);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs("\x89PNG\r\n\x1a\nbroken", f);
    fclose(f);
    Scene *s = open_scene();
    int before = scene_tensor(s, "input")->dim[1];
    assert_int_equal(drop_file_handle(s, path), 1);
    int error = 0;
    const char *msg = scene_message(s, &error);
    assert_int_equal(error, 1);
    assert_non_null(strstr(msg, "damaged PNG"));
    assert_null(strchr(msg, '\n'));
    assert_int_equal(scene_tensor(s, "input")->dim[1], before);
    scene_free(s);
    unlink(path);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dropped_png_becomes_the_input_and_is_described),
        cmocka_unit_test(test_dropped_archive_with_several_arrays_names_them),
        cmocka_unit_test(test_damaged_image_keeps_the_input_and_says_why),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
