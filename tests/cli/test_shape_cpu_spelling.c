/* test_shape_cpu_spelling.c - wherever the binary prints a TF transposed
 * conv with dilations > 1 (`tcviz shape`, its "TF equivalent" of a PyTorch
 * layer, `tcviz explain` as text and as JSON) it says the call runs on GPU
 * only and gives the CPU spelling beside it. Each printed pair is read back
 * and run through the core on the same tensors, the CPU call on the kernel
 * its printed line makes: the numbers must be the same. An undilated call
 * has no note. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>

#include "../common/run_tcviz.h"
#include "../common/tf_call.h"

static unsigned next(unsigned *seed)
{
    *seed = *seed * 1103515245u + 12345u;
    return (*seed >> 16) & 0x7fff;
}

static void fill(Tensor *t, unsigned seed)
{
    for (size_t i = 0; i < tensor_count(t); i++)
        t->data[i] = (float)(1 + (int)(next(&seed) % 5)) * (next(&seed) % 2 ? 1.0f : -1.0f);
}

/* The GPU call, the kernel line and the CPU call, each already joined,
 * give the same numbers for x of x_nhwc and a kernel of kh x kw (one
 * channel in and out). */
static void same_numbers(const char *gpu_text, const char *kernel, const char *cpu_text,
                         const int x_nhwc[4], int kh, int kw)
{
    TfCall gpu, cpu;
    int k_eff[2], d[2];
    if (tf_call_parse(gpu_text, &gpu) != 0 || tf_call_parse(cpu_text, &cpu) != 0 ||
        tf_call_kernel_line(kernel, k_eff, d) != 0)
        fail_msg("unreadable: '%s' / '%s' / '%s'", gpu_text, kernel, cpu_text);
    assert_true(gpu.p.dilation[0] > 1 || gpu.p.dilation[1] > 1);
    assert_int_equal(cpu.p.dilation[0] * cpu.p.dilation[1], 1);
    assert_int_equal(d[0], gpu.p.dilation[0]);
    assert_int_equal(d[1], gpu.p.dilation[1]);
    assert_int_equal(k_eff[0], d[0] * (kh - 1) + 1);
    assert_int_equal(k_eff[1], d[1] * (kw - 1) + 1);
    Tensor x = {0}, w = {0}, wd = {0}, y_gpu = {0}, y_cpu = {0};
    Err err = {0};
    assert_int_equal(tensor_init(&x, LAYOUT_NHWC, x_nhwc, &err), 0);
    assert_int_equal(tensor_init(&w, LAYOUT_HWOI, (int[4]){kh, kw, 1, x_nhwc[3]}, &err), 0);
    fill(&x, 3u);
    fill(&w, 11u);
    assert_int_equal(tf_call_dilate(&w, d[0], d[1], &wd), 0);
    if (tf_call_run(&gpu, &x, &w, &y_gpu) != 0 || tf_call_run(&cpu, &x, &wd, &y_cpu) != 0)
        fail_msg("the core refuses '%s' or '%s'", gpu_text, cpu_text);
    assert_memory_equal(y_gpu.dim, y_cpu.dim, sizeof y_gpu.dim);
    assert_memory_equal(y_gpu.data, y_cpu.data, tensor_count(&y_gpu) * sizeof(float));
    tensor_free(&x);
    tensor_free(&w);
    tensor_free(&wd);
    tensor_free(&y_gpu);
    tensor_free(&y_cpu);
}

/* In text output: the call after `from`, then the note, its kernel line and
 * the CPU call. */
static void check_text(const char *out, const char *from, const int x_nhwc[4], int kh, int kw)
{
    char gpu[1024], cpu[1024], kernel[256];
    const char *at = tf_call_find(out, from, "tf.nn.conv", gpu, sizeof gpu);
    if (!at)
        fail_msg("no TF call after '%s' in:\n%s", from, out);
    const char *note = strstr(at, "# GPU only: TF's CPU kernels refuse dilations > 1. On CPU, the "
                                  "same layer:\n");
    if (!note)
        fail_msg("no GPU-only note in:\n%s", out);
    const char *k = strstr(note, "wd = np.zeros((");
    assert_non_null(k);
    snprintf(kernel, sizeof kernel, "%.*s", (int)strcspn(k, "\n"), k);
    assert_non_null(tf_call_find(k, NULL, "tf.nn.conv", cpu, sizeof cpu));
    assert_non_null(strstr(cpu, "(x, wd,"));
    same_numbers(gpu, kernel, cpu, x_nhwc, kh, kw);
}

static void run_ok(const char *line, Run *r)
{
    run_tcviz_line(line, "", r);
    if (r->code != 0)
        fail_msg("tcviz %s: exit %d: %s", line, r->code, r->err);
}

static void test_shape_prints_the_cpu_spelling(void **state)
{
    (void)state;
    Run r;
    /* TF's own call */
    run_ok("shape conv2d_transpose --input-shape 1,3,3,1 --filter-shape 2,2,1,1 "
           "--output-shape 1,5,8,1 --strides 1,2 --dilations 2,3 --padding VALID",
           &r);
    check_text(r.out, NULL, (int[4]){1, 3, 3, 1}, 2, 2);
    run_free(&r);
    /* the PyTorch layer: its TF equivalent (explicit padding) is dilated */
    run_ok("shape conv2d_transpose --convention torch --input-shape 1,1,2,2 --filter-shape 1,1,2,2 "
           "--stride 1 --padding 1 --output-padding 1 --dilation 2",
           &r);
    check_text(r.out, "TF equivalent", (int[4]){1, 2, 2, 1}, 2, 2);
    run_free(&r);
    /* undilated: no note */
    run_ok("shape conv2d_transpose --input-shape 1,3,3,1 --filter-shape 2,2,1,1 "
           "--output-shape 1,6,6,1 --strides 2 --padding SAME",
           &r);
    assert_null(strstr(r.out, "GPU only"));
    run_free(&r);
}

static void test_explain_prints_the_cpu_spelling(void **state)
{
    (void)state;
    Run r;
    /* the default example (x 3x3, w 2x2) dilated */
    run_ok("explain conv2d_transpose --strides 2 --dilations 2 --padding SAME", &r);
    check_text(r.out, "The call (TensorFlow):", (int[4]){1, 3, 3, 1}, 2, 2);
    run_free(&r);
    run_ok("explain conv2d_transpose --strides 1 --dilations 3,2 --padding VALID", &r);
    check_text(r.out, "The call (TensorFlow):", (int[4]){1, 3, 3, 1}, 2, 2);
    run_free(&r);
    run_ok("explain conv2d_transpose --strides 2 --padding SAME", &r);
    assert_null(strstr(r.out, "GPU only"));
    run_free(&r);
}

static void test_explain_json_has_the_cpu_call(void **state)
{
    (void)state;
    Run r;
    run_ok("explain conv2d_transpose --strides 2 --dilations 2 --padding VALID --format json", &r);
    json_error_t je;
    json_t *root = json_loads(r.out, 0, &je);
    if (!root)
        fail_msg("not JSON (%s): %s", je.text, r.out);
    json_t *config = json_object_get(root, "config");
    json_t *cpu = json_object_get(config, "cpu_call");
    assert_true(json_is_object(cpu));
    const char *note = json_string_value(json_object_get(cpu, "note"));
    assert_non_null(note);
    assert_non_null(strstr(note, "GPU only"));
    same_numbers(json_string_value(json_object_get(config, "call")),
                 json_string_value(json_object_get(cpu, "kernel")),
                 json_string_value(json_object_get(cpu, "call")), (int[4]){1, 3, 3, 1}, 2, 2);
    json_decref(root);
    run_free(&r);
    run_ok("explain conv2d_transpose --strides 2 --padding VALID --format json", &r);
    root = json_loads(r.out, 0, &je);
    assert_non_null(root);
    assert_true(json_is_null(json_object_get(json_object_get(root, "config"), "cpu_call")));
    json_decref(root);
    run_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shape_prints_the_cpu_spelling),
        cmocka_unit_test(test_explain_prints_the_cpu_spelling),
        cmocka_unit_test(test_explain_json_has_the_cpu_call),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
