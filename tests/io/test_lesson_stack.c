/* test_lesson_stack.c - 1-D lessons and stack lessons (layers:): what loads,
 * the counts / chain_output claims checked against values worked out by hand,
 * and each malformed form refused at its line and column. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "course/lesson_check.h"
#include "io/lesson.h"
#include "lesson_fixture.h"

static int load(const char *yaml, Lesson *l, Err *err)
{
    char path[256];
    lesson_write("l.yaml", yaml, path, sizeof path);
    return lesson_load(path, l, err);
}

static void load_and_check(const char *yaml, Lesson *l)
{
    Err err = {0};
    if (load(yaml, l, &err) != 0 || lesson_check(l, &err) != 0)
        fail_msg("%s", err.msg);
}

/* Load must fail with `want` in the message (which starts "path:line:col"). */
static void refused(const char *yaml, const char *want)
{
    Lesson l;
    Err err = {0};
    assert_int_equal(load(yaml, &l, &err), -1);
    if (!strstr(err.msg, want))
        fail_msg("message '%s' lacks '%s'", err.msg, want);
}

/* x = [1, 2, 3], w = [1, 1, 1], stride 2, VALID: stamps at 0, 2, 4 of a
 * 7-long canvas: 1 1 3 2 5 3 3. Explicit [1, 1] crops one each side. */
static const char one_d[] =
    "title: 1-D\n"
    "op: conv1d_transpose\n"
    "params: {strides: 2, padding: VALID}\n"
    "tensors: {input: [1, 2, 3], filter: [1, 1, 1]}\n"
    "steps: [{view: scatter, text: t}]\n"
    "expect:\n"
    "  - output: [1, 1, 3, 2, 5, 3, 3]\n"
    "  - shape: [1, 7, 1]\n"
    "  - cell: {index: [4], value: 5}\n"
    "  - overlap: [1, 1, 2, 1, 2, 1, 1]\n"
    "  - counts: [1, 1, 2, 1, 2, 1, 1]\n"
    "  - legal_sizes: {width: [7, 8]}\n"
    "  - with: {padding: [1, 1]}\n"
    "    output: [1, 3, 2, 5, 3]\n"
    "  - with: {convention: torch, stride: 2, padding: 1}\n"
    "    chain_output: [1, 3, 2, 5, 3]\n";

static void test_a_1d_lesson_loads_and_checks(void **state)
{
    (void)state;
    Lesson l;
    load_and_check(one_d, &l);
    assert_int_equal(l.spec.dims, 1);
    assert_int_equal(l.spec.params.stride[0], 1);
    assert_int_equal(l.spec.params.stride[1], 2);
    assert_int_equal(l.input.dim[1], 1); /* NHWC, one row */
    assert_int_equal(l.input.dim[2], 3);
    assert_int_equal(l.stage_count, 0);
    lesson_free(&l);
}

/* k=3, s=2 twice on six ones: counts 1,2 per period alone, 3,2,3,1 after two. */
static const char stack[] =
    "title: Stack\n"
    "tensors: {input: [1, 1, 1, 1, 1, 1]}\n"
    "layers:\n"
    "  - {op: conv1d_transpose, params: {strides: 2}, filter: [1, 1, 1]}\n"
    "  - {op: conv1d_transpose, params: {strides: 2}, filter: [1, 1, 1], bias: [0.5]}\n"
    "steps: [{view: overlap, text: t}]\n"
    "expect:\n"
    "  - counts: [1, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 1]\n"
    "    stage: 1\n"
    "  - counts: [1, 1, 2, 1, 3, 2, 3, 1, 3, 2, 3, 1, 3, 2, 3, 1, 3, 2, 3, 1, 3, 2, 3, 1, 2, 1, 1]\n"
    "  - chain_output: [1.5, 1.5, 2.5, 1.5, 3.5, 2.5, 3.5, 1.5, 3.5, 2.5, 3.5, 1.5, 3.5, 2.5,\n"
    "                   3.5, 1.5, 3.5, 2.5, 3.5, 1.5, 3.5, 2.5, 3.5, 1.5, 2.5, 1.5, 1.5]\n"
    "  - output: [1, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 1]\n";

static void test_a_stack_lesson_checks_counts_and_chain_output(void **state)
{
    (void)state;
    Lesson l;
    load_and_check(stack, &l);
    assert_int_equal(l.stage_count, 2);
    assert_int_equal(l.stages[1].bias.dim[0], 1);
    /* The lesson's own layer is the first stage. */
    assert_int_equal(l.spec.op, OP_CONV2D_TRANSPOSE);
    assert_int_equal(l.input.dim[2], 6);
    lesson_free(&l);

    /* One count wrong: the check names it. */
    char bad[sizeof stack];
    memcpy(bad, stack, sizeof stack);
    char *p = strstr(bad, "  - counts: [1, 1, 2, 1, 3");
    p[strlen("  - counts: [1, 1, 2, 1, ")] = '4';
    Err err = {0};
    assert_int_equal(load(bad, &l, &err), 0);
    assert_int_equal(lesson_check(&l, &err), -1);
    assert_non_null(strstr(err.msg, ":10:5: counts[0,0,0,4] is 3, expected 4"));
    lesson_free(&l);
}

/* A resize first: the lesson's layer is the conv on the resized input. */
static void test_resize_then_conv_is_even(void **state)
{
    (void)state;
    Lesson l;
    load_and_check("title: R\n"
                   "tensors: {input: [1, 2]}\n"
                   "layers:\n"
                   "  - {resize: nearest, scale: 2}\n"
                   "  - {op: conv1d, params: {padding: SAME}, filter: [1, 1, 1]}\n"
                   "steps: [{view: scatter, text: t}]\n"
                   "expect:\n"
                   "  - counts: [2, 3, 3, 2]\n"
                   "  - chain_output: [2, 4, 5, 4]\n",
                   &l);
    assert_int_equal(l.spec.op, OP_CONV2D);
    assert_int_equal(l.input.dim[2], 4);
    lesson_free(&l);
}

static void test_malformed_stacks_are_refused_where_they_are_wrong(void **state)
{
    (void)state;
    const char *head = "title: S\ntensors: {input: [1, 1]}\n";
    const char *tail = "steps: [{view: scatter, text: t}]\n";
    static const struct {
        const char *layers, *want;
    } cases[] = {
        {"layers:\n  - {resize: cubic, scale: 2}\n", ":4:14: layers[0].resize must be nearest"},
        {"layers:\n  - {resize: nearest}\n", "layers[0].scale is missing"},
        {"layers:\n  - {resize: nearest, scale: 2}\n", "no conv or transposed conv stage"},
        {"layers:\n  - {op: conv1d_transpose}\n", "layers[0].filter is missing"},
        {"layers:\n  - {op: conv1d, filter: [1], scale: 2}\n", "scale applies to a resize"},
        {"layers:\n  - {op: conv2d_backprop_input, filter: [1]}\n", "layers[0].op must be"},
        {"layers:\n  - {op: conv1d, filter: [1]}\n  - {op: conv2d, filter: [[1]]}\n",
         "layers[1] is 2-D, expected every layer 1-D"},
        {"layers:\n  - {op: conv1d, filter: [1]}\n  - {op: conv1d, filter: [1]}\n"
         "  - {op: conv1d, filter: [1]}\n  - {op: conv1d, filter: [1]}\n",
         "layers has 4 stages, at most 3"},
        {"layers:\n  - {op: conv1d, params: {strides: 2}, filter: [1, 1]}\n"
         "  - {op: conv1d, filter: [1, 1, 1]}\n",
         ":5:5: layers[1]: stage 2: "},
        {"op: conv2d\nlayers:\n  - {op: conv1d, filter: [1]}\n", "op does not apply with layers"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char yaml[1024];
        snprintf(yaml, sizeof yaml, "%s%s%s", head, cases[i].layers, tail);
        refused(yaml, cases[i].want);
    }
    refused("title: S\ntensors: {input: [1, 1], filter: [1]}\n"
            "layers:\n  - {op: conv1d, filter: [1]}\n" "steps: [{view: scatter, text: t}]\n",
            "unknown key 'filter'");
    refused("title: S\ntensors: {input: [1, 1]}\nlayers:\n  - {op: conv1d, filter: [1]}\n"
            "steps: [{view: scatter, text: t}]\nexpect:\n  - counts: [1, 1]\n    stage: 2\n",
            "expect[0].stage must be");
    refused("title: S\ntensors: {input: [1, 1]}\nlayers:\n  - {op: conv1d, filter: [1]}\n"
            "steps: [{view: scatter, text: t}]\nexpect:\n  - output: [1, 1]\n    stage: 1\n",
            "stage applies to counts and chain_output only");
}

static void test_1d_params_take_one_number(void **state)
{
    (void)state;
    const char *fmt = "title: S\nop: conv1d_transpose\nparams: {%s}\n"
                      "tensors: {input: [1, 1], filter: [1, 1]}\n"
                      "steps: [{view: scatter, text: t}]\n";
    static const struct {
        const char *params, *want;
    } cases[] = {
        {"strides: [2, 2]", "params.strides must be one integer (a 1-D layer)"},
        {"padding: [1, 1, 1, 1]", "params.padding must be SAME, VALID or a list [left, right]"},
        {"output_shape: [1, 1, 4, 1]", "params.output_shape must be a list of 3 integers"},
        {"output_shape: [1, 9, 1]", "output_shape width 9 is illegal"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char yaml[512];
        snprintf(yaml, sizeof yaml, fmt, cases[i].params);
        refused(yaml, cases[i].want);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_1d_lesson_loads_and_checks),
        cmocka_unit_test(test_a_stack_lesson_checks_counts_and_chain_output),
        cmocka_unit_test(test_resize_then_conv_is_even),
        cmocka_unit_test(test_malformed_stacks_are_refused_where_they_are_wrong),
        cmocka_unit_test(test_1d_params_take_one_number),
    };
    return cmocka_run_group_tests(tests, lesson_tmp_setup, lesson_tmp_teardown);
}
