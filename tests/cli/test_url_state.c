/* test_url_state.c - the web page's link fragment: what it accepts (lesson
 * and step, layer flags under the CLI's names, tensors in the paste form,
 * percent-encoding), each refusal's exact message, and that a formatted
 * state parses back to the same layer and tensors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "cli/url_state.h"

static void test_lesson_and_step(void **state)
{
    (void)state;
    UrlState u;
    Err err = {0};
    assert_int_equal(url_state_parse("#lesson=03&step=2", &u, &err), 0);
    assert_int_equal(u.lesson, 3);
    assert_int_equal(u.step, 2);
    assert_int_equal(u.n_flags, 0);
    url_state_free(&u);
}

static void test_layer_flags_become_cli_argv(void **state)
{
    (void)state;
    UrlState u;
    Err err = {0};
    assert_int_equal(url_state_parse("strides=2&padding=SAME&x=[[1,2],[3,4.5]]&step=5&view=scatter",
                                     &u, &err), 0);
    assert_int_equal(u.n_flags, 4);
    assert_string_equal(u.argv[1], "--strides");
    assert_string_equal(u.argv[2], "2");
    assert_string_equal(u.argv[3], "--padding");
    assert_string_equal(u.argv[4], "SAME");
    assert_null(u.argv[5]);
    assert_int_equal(u.step, 5);
    assert_string_equal(u.view, "scatter");
    assert_int_equal(u.x.rank, 2);
    assert_int_equal(u.x.dim[0], 2);
    assert_int_equal(u.x.dim[1], 2);
    assert_true(u.x.data[3] == 4.5f);
    assert_int_equal(u.w.rank, 0);
    url_state_free(&u);
}

static void test_percent_encoding_is_decoded(void **state)
{
    (void)state;
    UrlState u;
    Err err = {0};
    assert_int_equal(url_state_parse("w=%5B%5B1%2C%202%5D%5D&convention=torch&stride=2", &u, &err),
                     0);
    assert_int_equal(u.w.rank, 2);
    assert_int_equal(u.w.dim[1], 2);
    assert_true(u.w.data[1] == 2.0f);
    assert_string_equal(u.argv[1], "--convention");
    url_state_free(&u);
}

typedef struct {
    const char *fragment, *message;
} Refusal;

static const Refusal refusals[] = {
    {"lesson=abc", "link: lesson: expected a whole number 1..99, got 'abc'"},
    {"lesson=3&step=0", "link: step: a lesson's steps count from 1, got 0"},
    {"step=-1", "link: step: expected a whole number 0..100000, got '-1'"},
    {"step=1&step=2", "link: step is given twice, expected it once"},
    {"strides", "link: expected key=value, got 'strides'"},
    {"strides=", "link: strides has no value"},
    {"lesson=3&strides=2", "link: lesson cannot be combined with layer keys or tensors (the "
                           "lesson sets the layer)"},
    {"strdes=2", "link: unknown flag --strdes (did you mean --strides?)"},
    {"stride=2", "link: --stride is a PyTorch flag; add --convention torch, or use the TF flag --strides"},
    {"input=x.npy", "link: input: a link carries its tensors as x=[[...]] and w=[[...]], not files"},
    {"x=[[1,2],[3]]", NULL},
    {"x=%zz", "link: x: '%' must be followed by two hex digits (not %00)"},
    {"x=%00", "link: x: '%' must be followed by two hex digits (not %00)"},
};

static void test_refusals_name_the_key(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof refusals / sizeof refusals[0]; i++) {
        UrlState u;
        Err err = {0};
        int rc = url_state_parse(refusals[i].fragment, &u, &err);
        if (rc != -1)
            print_error("fragment '%s' accepted\n", refusals[i].fragment);
        assert_int_equal(rc, -1);
        if (refusals[i].message) {
            if (strcmp(err.msg, refusals[i].message) != 0)
                print_error("fragment '%s'\n", refusals[i].fragment);
            assert_string_equal(err.msg, refusals[i].message);
        } else {
            assert_true(strncmp(err.msg, "link: x: line 1, column ", 24) == 0);
        }
        assert_null(u.text);
    }
}

static void test_format_parses_back(void **state)
{
    (void)state;
    LayerSpec spec = {.op = OP_CONV2D_TRANSPOSE,
                      .params = {.convention = CONV_TF, .stride = {2, 3}, .padding = PAD_SAME},
                      .size = {1, 6, 9, 1}};
    Tensor x = {0}, w = {0};
    Err err = {0};
    assert_int_equal(tensor_init_from(&x, LAYOUT_NHWC, (int[4]){1, 2, 3, 1},
                                      (float[]){1, 2, 3, 4, 5, -0.125f}, &err), 0);
    assert_int_equal(tensor_init_from(&w, LAYOUT_HWOI, (int[4]){1, 1, 2, 1},
                                      (float[]){0.5f, 1e-7f}, &err), 0);
    char buf[512];
    int len = url_state_format(buf, sizeof buf, 0, 4, &spec, &x, &w);
    assert_int_equal(len, (int)strlen(buf));
    assert_string_equal(buf, "strides=2,3&padding=SAME&output-shape=1,6,9,1"
                             "&x=[[1,2,3],[4,5,-0.125]]&w=[[[[0.5],[1.00000001e-07]]]]&step=4");
    UrlState u;
    assert_int_equal(url_state_parse(buf, &u, &err), 0);
    assert_int_equal(u.x.rank, 2);
    assert_true(u.x.data[5] == -0.125f);
    assert_int_equal(u.w.rank, 4);
    assert_true(u.w.data[1] == 1e-7f);
    CliLayerArgs a;
    assert_int_equal(cli_parse_layer_args(u.n_flags + 1, u.argv, 1, NULL, &a, &err), 0);
    assert_int_equal(a.spec.params.stride[1], 3);
    assert_int_equal(a.spec.params.padding, PAD_SAME);
    assert_int_equal(a.spec.size[2], 9);
    url_state_free(&u);
    assert_int_equal(url_state_format(buf, 20, 0, 4, &spec, &x, &w), -1);
    assert_int_equal(url_state_format(buf, sizeof buf, 6, 2, &spec, &x, &w), 16);
    assert_string_equal(buf, "lesson=06&step=2");
    tensor_free(&x);
    tensor_free(&w);
}

static void test_lesson_number_from_file_name(void **state)
{
    (void)state;
    assert_int_equal(url_state_lesson_number("/a/b/03-fractional-stride.yaml"), 3);
    assert_int_equal(url_state_lesson_number("12-groups.yaml"), 12);
    assert_int_equal(url_state_lesson_number("/tmp/lesson.yaml"), 0);
    assert_int_equal(url_state_lesson_number("123-x.yaml"), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lesson_and_step),
        cmocka_unit_test(test_layer_flags_become_cli_argv),
        cmocka_unit_test(test_percent_encoding_is_decoded),
        cmocka_unit_test(test_refusals_name_the_key),
        cmocka_unit_test(test_format_parses_back),
        cmocka_unit_test(test_lesson_number_from_file_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
