/* test_lesson.c - lessons that load: every field type lands where lesson.h
 * says, and lesson_check agrees with values worked out by hand (the scatter
 * stamps of small layers, written out in the comments).
 *
 * Malformed lessons and failing checks are in test_lesson_errors.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sys/stat.h>

#include "course/lesson_check.h"
#include "io/npy.h"
#include "lesson_fixture.h"

static void load_ok(const char *name, const char *yaml, Lesson *l)
{
    char path[256];
    Err err = {0};
    lesson_write(name, yaml, path, sizeof path);
    int rc = lesson_load(path, l, &err);
    if (rc != 0)
        fail_msg("%s", err.msg);
    rc = lesson_check(l, &err);
    if (rc != 0)
        fail_msg("%s", err.msg);
}

static void assert_floats(const float *got, const float *want, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (got[i] != want[i])
            fail_msg("value %zu is %g, expected %g", i, (double)got[i], (double)want[i]);
}

/* x = [[1,2],[3,4]] from a .npy file, w = [[1,2],[3,4]] as a picture,
 * stride 2 SAME: four non-overlapping stamps x[i][j]*w, plus bias 0.5. */
static const char tf_lesson[] =
    "title: Good\n"
    "summary: A summary.\n"
    "convention: tf\n"
    "op: conv2d_transpose\n"
    "params:\n"
    "  strides: [1, 2, 2, 1]\n"
    "  padding: SAME\n"
    "  dilations: [1, 1]\n"
    "  output_shape: [1, 4, 4, 1]\n"
    "tensors:\n"
    "  input: x.npy\n"
    "  filter: {picture: [\"12\", \"34\"]}\n"
    "  bias: [0.5]\n"
    "steps:\n"
    "  - view: scatter\n"
    "    at: 3\n"
    "    highlight: input[1, 0]\n"
    "    text: one\n"
    "  - view: conv2d\n"
    "    play: [2, 15]\n"
    "    highlight: output[1:3, 0:4]\n"
    "    text: >\n"
    "      folded\n"
    "      text\n"
    "  - view: both\n"
    "    with: {padding: VALID, output_shape: [1, 5, 5, 1]}\n"
    "    highlight: canvas[0:4, 0:4]\n"
    "    text: three\n"
    "  - view: conv2d\n"
    "    at: end\n"
    "    text: the result\n"
    "expect:\n"
    "  - output:\n"
    "      - [1.5,  2.5,  2.5,  4.5]\n"
    "      - [3.5,  4.5,  6.5,  8.5]\n"
    "      - [3.5,  6.5,  4.5,  8.5]\n"
    "      - [9.5, 12.5, 12.5, 16.5]\n"
    "  - cell: {index: [0, 3, 1, 0], value: 12.5}\n"
    "  - cell: {index: [2, 2], value: 4.5}\n"
    "  - shape: [1, 4, 4, 1]\n"
    "  - legal_sizes: {height: [3, 4], width: [3, 4]}\n"
    "  - same_as: conv2d\n"
    "  - same_as: matrix\n"
    "  - with: {output_shape: [1, 5, 5, 1]}\n"
    "    error: \"output_shape height 5 is illegal\"\n"
    "    tolerance: 0.5\n";

static void test_tf_lesson_fields(void **state)
{
    (void)state;
    char npy[256];
    Err err = {0};
    snprintf(npy, sizeof npy, "%s/x.npy", lesson_tmpdir);
    assert_int_equal(npy_write_f32(npy, 4, (int[]){1, 2, 2, 1}, (float[]){1, 2, 3, 4}, &err), 0);
    Lesson l;
    load_ok("tf.yaml", tf_lesson, &l);
    assert_string_equal(l.title, "Good");
    assert_string_equal(l.summary, "A summary.");
    assert_int_equal(l.spec.op, OP_CONV2D_TRANSPOSE);
    assert_int_equal(l.spec.params.convention, CONV_TF);
    assert_int_equal(l.spec.params.stride[0], 2);
    assert_int_equal(l.spec.params.stride[1], 2);
    assert_int_equal(l.spec.params.dilation[0], 1);
    assert_int_equal(l.spec.params.padding, PAD_SAME);
    assert_memory_equal(l.spec.size, ((int[]){1, 4, 4, 1}), sizeof l.spec.size);
    assert_int_equal(l.input.layout, LAYOUT_NHWC);
    assert_memory_equal(l.input.dim, ((int[]){1, 2, 2, 1}), sizeof l.input.dim);
    assert_floats(l.input.data, (float[]){1, 2, 3, 4}, 4);
    assert_int_equal(l.filter.layout, LAYOUT_HWOI);
    assert_memory_equal(l.filter.dim, ((int[]){2, 2, 1, 1}), sizeof l.filter.dim);
    assert_floats(l.filter.data, (float[]){1, 2, 3, 4}, 4);
    assert_int_equal(tensor_count(&l.bias), 1);
    assert_true(l.bias.data[0] == 0.5f);
    assert_null(l.d_out.data);

    assert_int_equal(l.step_count, 4);
    /* at: end is the last step of whatever timeline the view plays */
    assert_int_equal(l.steps[3].from, LESSON_AT_END);
    assert_int_equal(l.steps[3].to, LESSON_AT_END);
    assert_string_equal(l.steps[0].view, "scatter");
    assert_int_equal(l.steps[0].from, 3);
    assert_int_equal(l.steps[0].to, 3);
    assert_int_equal(l.steps[0].line, 15);
    assert_string_equal(l.steps[0].highlight, "input[1, 0]");
    assert_string_equal(l.steps[0].hl.target, "input");
    assert_int_equal(l.steps[0].hl.row0, 1);
    assert_int_equal(l.steps[0].hl.row1, 2);
    assert_int_equal(l.steps[0].hl.col0, 0);
    assert_int_equal(l.steps[0].hl.col1, 1);
    assert_string_equal(l.steps[0].text, "one");
    assert_false(l.steps[0].with.active);
    assert_int_equal(l.steps[1].from, 2);
    assert_int_equal(l.steps[1].to, 15);
    assert_string_equal(l.steps[1].text, "folded text\n");
    assert_int_equal(l.steps[1].hl.row0, 1);
    assert_int_equal(l.steps[1].hl.row1, 3);
    assert_int_equal(l.steps[1].hl.col1, 4);
    assert_int_equal(l.steps[2].from, 0);
    assert_string_equal(l.steps[2].hl.target, "canvas");
    assert_true(l.steps[2].with.active);
    assert_int_equal(l.steps[2].with.spec.params.padding, PAD_VALID);
    assert_int_equal(l.steps[2].with.spec.params.stride[0], 2);
    assert_memory_equal(l.steps[2].with.spec.size, ((int[]){1, 5, 5, 1}), 4 * sizeof(int));
    /* The variant is complete: its own copies of the tensors. */
    assert_non_null(l.steps[2].with.input.data);
    assert_ptr_not_equal(l.steps[2].with.input.data, l.input.data);
    assert_true(l.steps[2].with.bias.data[0] == 0.5f);

    assert_int_equal(l.expect_count, 8);
    const ExpectKind kinds[8] = {EXPECT_OUTPUT, EXPECT_CELL, EXPECT_CELL, EXPECT_SHAPE,
                                 EXPECT_LEGAL_SIZES, EXPECT_SAME_AS, EXPECT_SAME_AS, EXPECT_ERROR};
    for (int i = 0; i < 8; i++)
        assert_int_equal(l.expects[i].kind, kinds[i]);
    assert_int_equal(l.expects[0].line, 33);
    assert_int_equal(l.expects[0].col, 5);
    assert_memory_equal(l.expects[0].value.dim, ((int[]){1, 4, 4, 1}), 4 * sizeof(int));
    assert_memory_equal(l.expects[1].index, ((int[]){0, 3, 1, 0}), 4 * sizeof(int));
    assert_true(l.expects[1].cell == 12.5f);
    assert_memory_equal(l.expects[2].index, ((int[]){0, 2, 2, 0}), 4 * sizeof(int));
    assert_memory_equal(l.expects[4].legal, ((int[]){3, 4, 3, 4}), 4 * sizeof(int));
    assert_string_equal(l.expects[5].text, "conv2d");
    assert_string_equal(l.expects[7].text, "output_shape height 5 is illegal");
    assert_true(l.expects[7].tolerance == 0.5f);
    assert_true(l.expects[7].with.active);
    lesson_free(&l);
    assert_null(l.path);
}

/* PyTorch: groups 2, bias, output_padding; tensors from cycles. */
static const char torch_lesson[] =
    "title: Torch\n"
    "convention: torch\n"
    "params:\n"
    "  stride: 2\n"
    "  padding: 1\n"
    "  output_padding: 1\n"
    "  dilation: 1\n"
    "  groups: 2\n"
    "  bias: true\n"
    "tensors:\n"
    "  input: {shape: [1, 2, 2, 2], cycle: [1, 2, 3]}\n"
    "  filter: {shape: [2, 1, 3, 3], cycle: [1, 0, -1]}\n"
    "  bias: [1, -1]\n"
    "steps:\n"
    "  - view: scatter\n"
    "    play: [0, 7]\n"
    "    text: all\n"
    "  - view: channels\n"
    "    at: 1000\n"
    "    text: views without a known timeline take any position\n"
    "expect:\n"
    "  - shape: [1, 2, 4, 4]\n"
    "  - same_as: groups\n"
    "  - same_as: matrix\n"
    "  - same_as: conv2d\n"
    "  - with: {convention: tf, strides: 2, padding: SAME, bias: [1, -1], "
    "filter: {shape: [3, 3, 2, 2], cycle: [1]}}\n"
    "    shape: [1, 4, 4, 2]\n";

static void test_torch_lesson_fields(void **state)
{
    (void)state;
    Lesson l;
    load_ok("torch.yaml", torch_lesson, &l);
    const ConvParams *p = &l.spec.params;
    assert_int_equal(p->convention, CONV_TORCH);
    assert_int_equal(p->padding, PAD_EXPLICIT);
    assert_memory_equal(p->pad, ((int[]){1, 1, 1, 1}), sizeof p->pad);
    assert_int_equal(p->output_padding[0], 1);
    assert_int_equal(p->groups, 2);
    assert_int_equal(l.input.layout, LAYOUT_NCHW);
    assert_floats(l.input.data, (float[]){1, 2, 3, 1, 2, 3, 1, 2}, 8);
    assert_int_equal(l.filter.layout, LAYOUT_IOHW);
    assert_memory_equal(l.filter.dim, ((int[]){2, 1, 3, 3}), sizeof l.filter.dim);
    assert_floats(l.filter.data, (float[]){1, 0, -1, 1, 0, -1, 1, 0, -1, 1}, 10);
    assert_int_equal(l.steps[1].from, 1000);
    /* The TF variant converted the input to NHWC and replaced the filter. */
    const LessonVariant *v = &l.expects[4].with;
    assert_int_equal(v->spec.params.convention, CONV_TF);
    assert_int_equal(v->input.layout, LAYOUT_NHWC);
    assert_memory_equal(v->input.dim, ((int[]){1, 2, 2, 2}), sizeof v->input.dim);
    assert_int_equal(v->filter.layout, LAYOUT_HWOI);
    assert_int_equal(v->spec.params.groups, 0);
    lesson_free(&l);
}

/* conv2d with d_out: x = [[1,2,0],[0,1,3],[2,1,1]], w = [[1,-1],[2,0]],
 * d_out = [[1,2],[0,-1]]. d_x adds d_out[p][q]*w at (p, q):
 * [[1,1,-2],[2,3,1],[0,-2,0]]; d_w[a][b] = sum x[p+a][q+b]*d_out[p][q]:
 * [[4,-1],[1,6]]; out = [[-1,4],[3,0]]. The picture and nested lists meet
 * every tensor form once more. */
static const char grad_lesson[] =
    "title: Gradients\n"
    "op: conv2d\n"
    "tensors:\n"
    "  input: [[1, 2, 0], [0, 1, 3], [2, 1, 1]]\n"
    "  filter: [[1, -1], [2, 0]]\n"
    "  d_out: [[1, 2], [0, -1]]\n"
    "steps:\n"
    "  - view: gradient\n"
    "    highlight: d_out[1, 1]\n"
    "    text: grad\n"
    "  - view: conv2d\n"
    "    at: 8\n"
    "    text: the transposed conv of d_out has 9 outputs\n"
    "expect:\n"
    "  - output: [[-1, 4], [3, 0]]\n"
    "  - d_input: [[1, 1, -2], [2, 3, 1], [0, -2, 0]]\n"
    "  - d_filter: [[4, -1], [1, 6]]\n"
    "  - matrix:\n"
    "      - [1, -1, 0, 2, 0, 0, 0, 0, 0]\n"
    "      - [0, 1, -1, 0, 2, 0, 0, 0, 0]\n"
    "      - [0, 0, 0, 1, -1, 0, 2, 0, 0]\n"
    "      - [0, 0, 0, 0, 1, -1, 0, 2, 0]\n";

static void test_gradient_lesson_and_transpose_layer(void **state)
{
    (void)state;
    Lesson l;
    Err err = {0};
    load_ok("grad.yaml", grad_lesson, &l);
    assert_int_equal(l.spec.op, OP_CONV2D);
    assert_int_equal(l.filter.layout, LAYOUT_HWIO);
    LayerSpec spec;
    Tensor in, f;
    assert_int_equal(lesson_transpose_layer(&l, &spec, &in, &f, &err), 0);
    assert_int_equal(spec.op, OP_CONV2D_TRANSPOSE);
    assert_memory_equal(spec.size, ((int[]){1, 3, 3, 1}), sizeof spec.size);
    assert_ptr_equal(in.data, l.d_out.data);
    assert_ptr_equal(f.data, l.filter.data);
    assert_int_equal(f.layout, LAYOUT_HWOI);
    LayerTensors t = {.input = &in, .filter = &f};
    Tensor y;
    assert_int_equal(layer_run(&spec, &t, &y, &err), 0);
    assert_floats(y.data, (float[]){1, 1, -2, 2, 3, 1, 0, -2, 0}, 9);
    tensor_free(&y);
    ConvGeom g;
    assert_int_equal(layer_resolve(&spec, &t, &g, &err), 0);
    assert_int_equal(lesson_view_steps("scatter", &g), 4);
    assert_int_equal(lesson_view_steps("conv2d", &g), 9);
    assert_int_equal(lesson_view_steps("both", &g), 13);
    assert_int_equal(lesson_view_steps("gradient", &g), -1);
    lesson_free(&l);
}

/* PyTorch stride 2 leaves the forward conv's last row unread: 4x4 input,
 * 3x3 kernel, 1x1 output. The transposed conv reaches 4 only with
 * output_padding 1. d_x = 2*w in the top-left 3x3, zeros in row/col 3. */
static const char torch_grad_lesson[] =
    "title: Torch gradient\n"
    "convention: torch\n"
    "op: conv2d\n"
    "params: {stride: 2}\n"
    "tensors:\n"
    "  input: [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12], [13, 14, 15, 16]]\n"
    "  filter: [[1, 0, -1], [0, 1, 0], [2, 0, 1]]\n"
    "  d_out: [[2]]\n"
    "steps:\n"
    "  - view: scatter\n"
    "    text: one stamp\n"
    "expect:\n"
    "  - d_input: [[2, 0, -2, 0], [0, 2, 0, 0], [4, 0, 2, 0], [0, 0, 0, 0]]\n"
    "  - d_filter: [[2, 4, 6], [10, 12, 14], [18, 20, 22]]\n";

static void test_torch_gradient_needs_output_padding(void **state)
{
    (void)state;
    Lesson l;
    Err err = {0};
    load_ok("tgrad.yaml", torch_grad_lesson, &l);
    LayerSpec spec;
    Tensor in, f;
    assert_int_equal(lesson_transpose_layer(&l, &spec, &in, &f, &err), 0);
    assert_int_equal(spec.params.output_padding[0], 1);
    assert_int_equal(spec.params.output_padding[1], 1);
    assert_memory_equal(spec.size, ((int[]){1, 1, 4, 4}), sizeof spec.size);
    assert_int_equal(f.layout, LAYOUT_IOHW);
    lesson_free(&l);
}

/* activations_of: the input is conv2d(image, filter) with the layer's
 * parameters. Image [[1,0],[0,2]], filter [[1]] (1x1, two channels out via
 * a 4-D HWOI [1,1,1,2] of [3, -1]): activations channel 0 = 3*image,
 * channel 1 = -image. conv2d_transpose back: 3*3*img + (-1)(-1)*img = 10*img. */
static const char activations_lesson[] =
    "title: Activations\n"
    "tensors:\n"
    "  filter: [[[[3, -1]]]]\n"
    "  input:\n"
    "    activations_of:\n"
    "      picture: [\"1.\", \".2\"]\n"
    "steps:\n"
    "  - view: channels\n"
    "    text: t\n"
    "expect:\n"
    "  - output: [[10, 0], [0, 20]]\n"
    "  - same_as: conv2d_backprop_input\n";

static void test_activations_generator(void **state)
{
    (void)state;
    Lesson l;
    load_ok("act.yaml", activations_lesson, &l);
    assert_memory_equal(l.input.dim, ((int[]){1, 2, 2, 2}), sizeof l.input.dim);
    assert_floats(l.input.data, (float[]){3, -1, 0, 0, 0, 0, 6, -2}, 8);
    lesson_free(&l);
}

/* A lesson next to its .npy: the path is relative to the lesson file, not
 * to the working directory. */
static void test_npy_path_is_relative_to_the_lesson(void **state)
{
    (void)state;
    char dir[128], npy[192], path[256];
    Err err = {0};
    snprintf(dir, sizeof dir, "%s/sub", lesson_tmpdir);
    assert_int_equal(mkdir(dir, 0700), 0);
    snprintf(npy, sizeof npy, "%s/w.npy", dir);
    assert_int_equal(npy_write_f32(npy, 2, (int[]){1, 2}, (float[]){5, 6}, &err), 0);
    lesson_write("sub/l.yaml",
                 "title: t\ntensors:\n  input: [[1]]\n  filter: w.npy\nsteps:\n"
                 "  - {view: scatter, text: t}\nexpect:\n  - output: [[5, 6]]\n",
                 path, sizeof path);
    Lesson l;
    assert_int_equal(lesson_load(path, &l, &err), 0);
    assert_int_equal(lesson_check(&l, &err), 0);
    assert_memory_equal(l.filter.dim, ((int[]){1, 2, 1, 1}), sizeof l.filter.dim);
    lesson_free(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tf_lesson_fields),
        cmocka_unit_test(test_torch_lesson_fields),
        cmocka_unit_test(test_gradient_lesson_and_transpose_layer),
        cmocka_unit_test(test_torch_gradient_needs_output_padding),
        cmocka_unit_test(test_activations_generator),
        cmocka_unit_test(test_npy_path_is_relative_to_the_lesson),
    };
    return cmocka_run_group_tests(tests, lesson_tmp_setup, lesson_tmp_teardown);
}
