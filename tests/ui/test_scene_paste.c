/* test_scene_paste.c - Ctrl+V into the selected tensor: what people copy
 * from Python lands in the convention's layout, bad text leaves the tensor
 * unchanged and says where parsing stopped, and a paste can be undone. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "ui/scene_edit.h"

#include "scene_fixture.h"

static void paste(Fx *f, const char *text)
{
    f->in.paste_text = text;
    key(f, KEY_CHAR, 'v', MOD_CTRL);
    f->in.paste_text = NULL;
}

static void assert_tensor(const Tensor *t, Layout l, const int dim[4], const float *v)
{
    assert_int_equal(t->layout, l);
    assert_memory_equal(t->dim, dim, 4 * sizeof(int));
    assert_memory_equal(t->data, v, tensor_count(t) * sizeof(float));
}

static void test_paste_numpy_into_the_input(void **state)
{
    (void)state;
    Fx f;
    fx_start(&f, NULL);
    click(&f, GRID_INPUT, 0, 0);
    paste(&f, "np.array([[1, 2], [3, 4.5]])");
    static const float want[] = {1, 2, 3, 4.5f};
    assert_tensor(scene_tensor(f.s, "input"), LAYOUT_NHWC, (int[4]){1, 2, 2, 1}, want);
    int error = 1;
    assert_string_equal(scene_message(f.s, &error), "pasted a NumPy array as the input (2x2)");
    assert_int_equal(error, 0);
    /* The layer follows: SAME, stride 2 doubles the new 2x2 input. */
    assert_int_equal(scene_step_count(f.s) > 0, 1);
    fx_close(&f);
}

static void test_paste_rows_into_the_kernel(void **state)
{
    (void)state;
    Fx f;
    fx_start(&f, NULL);
    click(&f, GRID_KERNEL, 1, 1);
    paste(&f, "1, 0, -1\n2, 0, -2\n1, 0, -1\n");
    static const float want[] = {1, 0, -1, 2, 0, -2, 1, 0, -1};
    assert_tensor(scene_tensor(f.s, "filter"), LAYOUT_HWOI, (int[4]){3, 3, 1, 1}, want);
    assert_string_equal(scene_message(f.s, NULL), "pasted rows of numbers as the kernel (3x3)");
    fx_close(&f);
}

static void test_paste_torch_tensor_in_torch_layout(void **state)
{
    (void)state;
    Fx f;
    fx_start(&f, NULL);
    key(&f, KEY_CHAR, 'c', 0); /* PyTorch: NCHW */
    paste(&f, "tensor([[[[1., 2., 3.],\n          [4., 5., 6.]]]])"); /* no selection: x */
    static const float want[] = {1, 2, 3, 4, 5, 6};
    assert_tensor(scene_tensor(f.s, "input"), LAYOUT_NCHW, (int[4]){1, 1, 2, 3}, want);
    fx_close(&f);
}

static void test_bad_text_leaves_the_tensor_unchanged(void **state)
{
    (void)state;
    static const struct {
        const char *text, *msg;
    } cases[] = {
        {"[[1, 2], [3, x]]", "paste: line 1, column 14: "},
        {"[[1, 2],\n [3]]", "paste: line 2, column "},
        {"", "paste: the clipboard holds no text"},
        {NULL, "paste: the clipboard holds no text"},
    };
    Fx f;
    fx_start(&f, NULL);
    click(&f, GRID_INPUT, 0, 0);
    Err err = {0};
    Tensor before = {0};
    assert_int_equal(tensor_copy(scene_tensor(f.s, "input"), &before, &err), 0);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        paste(&f, cases[i].text);
        int error = 0;
        const char *m = scene_message(f.s, &error);
        if (strncmp(m, cases[i].msg, strlen(cases[i].msg)) != 0)
            fail_msg("case %zu: message '%s', expected it to start '%s'", i, m, cases[i].msg);
        assert_int_equal(error, 1);
        assert_tensor(scene_tensor(f.s, "input"), before.layout, before.dim, before.data);
    }
    /* 65 columns: past the interactive limit, with the limit in the message. */
    char wide[65 * 3 + 3] = "[";
    for (int i = 0; i < 65; i++)
        strcat(wide, i ? ",1" : "1");
    strcat(wide, "]");
    paste(&f, wide);
    assert_non_null(strstr(scene_message(f.s, NULL), "64"));
    assert_tensor(scene_tensor(f.s, "input"), before.layout, before.dim, before.data);
    int u;
    scene_history_info(f.s, &u, NULL, NULL);
    assert_int_equal(u, 0);
    tensor_free(&before);
    fx_close(&f);
}

static void test_paste_is_undone(void **state)
{
    (void)state;
    Fx f;
    fx_start(&f, NULL);
    Err err = {0};
    Tensor before = {0};
    assert_int_equal(tensor_copy(scene_tensor(f.s, "input"), &before, &err), 0);
    paste(&f, "[[9, 8, 7, 6]]");
    assert_int_equal(scene_tensor(f.s, "input")->dim[2], 4);
    key(&f, KEY_CHAR, 'z', MOD_CTRL);
    assert_tensor(scene_tensor(f.s, "input"), before.layout, before.dim, before.data);
    tensor_free(&before);
    fx_close(&f);
}

static void test_resize_selected_tensor(void **state)
{
    (void)state;
    Fx f;
    fx_start(&f, NULL);
    click(&f, GRID_INPUT, 0, 2); /* x = [[0,0,1.5],[0,1,0],[0,0,0]] */
    key(&f, KEY_RIGHT, 0, MOD_CTRL); /* + column */
    static const float wide[] = {0, 0, 1.5f, 0, /**/ 0, 1, 0, 0, /**/ 0, 0, 0, 0};
    assert_tensor(scene_tensor(f.s, "input"), LAYOUT_NHWC, (int[4]){1, 3, 4, 1}, wide);
    assert_string_equal(scene_message(f.s, NULL), "input: 3x4");
    key(&f, KEY_UP, 0, MOD_CTRL); /* - row: the last one goes */
    static const float shorter[] = {0, 0, 1.5f, 0, /**/ 0, 1, 0, 0};
    assert_tensor(scene_tensor(f.s, "input"), LAYOUT_NHWC, (int[4]){1, 2, 4, 1}, shorter);
    /* the kernel (still the arange preset, so regenerated): + row */
    click(&f, GRID_KERNEL, 0, 0);
    key(&f, KEY_DOWN, 0, MOD_CTRL);
    static const float taller[] = {1, 2, 3, 4, 5, 6};
    assert_tensor(scene_tensor(f.s, "filter"), LAYOUT_HWOI, (int[4]){3, 2, 1, 1}, taller);
    key(&f, KEY_LEFT, 0, MOD_CTRL);
    key(&f, KEY_LEFT, 0, MOD_CTRL); /* 3x0: refused */
    static const float narrow[] = {1, 2, 3};
    assert_tensor(scene_tensor(f.s, "filter"), LAYOUT_HWOI, (int[4]){3, 1, 1, 1}, narrow);
    assert_non_null(strstr(scene_message(f.s, NULL), "outside 1x1"));
    fx_close(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_paste_numpy_into_the_input),
        cmocka_unit_test(test_paste_rows_into_the_kernel),
        cmocka_unit_test(test_paste_torch_tensor_in_torch_layout),
        cmocka_unit_test(test_bad_text_leaves_the_tensor_unchanged),
        cmocka_unit_test(test_paste_is_undone),
        cmocka_unit_test(test_resize_selected_tensor),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
