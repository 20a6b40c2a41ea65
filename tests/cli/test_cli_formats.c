/* test_cli_formats.c - `tcviz compute` gives byte-identical output whether
 * a tensor comes as .npy, as a .npz member, as a .safetensors tensor or (the
 * input) as an image; a container named without its array lists them.
 * Fixtures: tests/data/arrays (scripts/make_array_fixtures.py). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../common/run_tcviz.h"

#define DATA TCVIZ_TEST_DATA "/arrays/"

static char tmp[64];

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    *len = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc(*len + 1);
    assert_int_equal(fread(b, 1, *len, f), *len);
    fclose(f);
    return b;
}

/* Run compute with `tensors` into tmp/out-`tag`.npy; returns its bytes. */
static char *compute(const char *op_and_tensors, const char *tag, size_t *len)
{
    char line[1024], out[128];
    snprintf(out, sizeof out, "%s/out-%s.npy", tmp, tag);
    snprintf(line, sizeof line, "compute %s -o %s", op_and_tensors, out);
    Run r;
    run_tcviz_line(line, DATA, &r);
    if (r.code != 0)
        fail_msg("%s: exit %d: %s", line, r.code, r.err);
    run_free(&r);
    char *b = slurp(out, len);
    unlink(out);
    return b;
}

static void test_npz_and_safetensors_inputs_equal_npy(void **state)
{
    (void)state;
    const char *layer = "--strides 2 --padding SAME --output-shape 1,6,6,1";
    const char *pairs[][2] = {
        {"@x.npy", "@w.npy"},
        {"@savez.npz:x", "@savez.npz:decoder.weight"},
        {"@savez_compressed.npz:x", "@savez_compressed.npz:w"},
        {"@model.safetensors:x", "@model.safetensors:w"},
        {"@model.safetensors:x", "@model.safetensors:w_bf16"},
    };
    size_t want_len = 0;
    char *want = NULL;
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        char args[512], tag[8];
        snprintf(args, sizeof args, "conv2d_transpose --input %s --filter %s %s", pairs[i][0],
                 pairs[i][1], layer);
        snprintf(tag, sizeof tag, "%zu", i);
        size_t len;
        char *got = compute(args, tag, &len);
        if (!want) {
            want = got, want_len = len;
            continue;
        }
        assert_int_equal(len, want_len);
        assert_memory_equal(got, want, len);
        free(got);
    }
    free(want);
}

static void test_input_image_equals_the_same_pixels_as_npy(void **state)
{
    (void)state;
    size_t a_len, b_len;
    char *a = compute("conv2d --input @ankle-boot.npy --filter @w.npy --strides 2", "npy", &a_len);
    char *b = compute("conv2d --input-image @ankle-boot.png --scale 255 --filter @w.npy "
                      "--strides 2",
                      "png", &b_len);
    assert_int_equal(a_len, b_len);
    assert_memory_equal(a, b, a_len);
    free(a);
    free(b);
    Run r;
    run_tcviz_line("compute conv2d --input-image @ankle-boot.png --filter @w.npy -o /dev/null", DATA,
                   &r);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "ankle-boot.png: PNG 28x28 grayscale, 1 channel, values 0..1\n"));
    run_free(&r);
}

static void test_container_without_array_lists_them_and_exits_2(void **state)
{
    (void)state;
    Run r;
    run_tcviz_line("compute conv2d_transpose --input @savez.npz --filter @w.npy --strides 2 "
                   "--padding SAME --output-shape 1,6,6,1 -o /dev/null",
                   DATA, &r);
    assert_int_equal(r.code, 2);
    char want[1024];
    snprintf(want, sizeof want,
             "tcviz compute: %ssavez.npz holds named arrays (np.savez), expected one picked as "
             "%ssavez.npz:NAME; the names follow\n"
             "  %ssavez.npz:x  (1, 3, 3, 1) float32\n"
             "  %ssavez.npz:decoder.weight  (2, 2, 1, 1) float32\n",
             DATA, DATA, DATA, DATA);
    assert_string_equal(r.err, want);
    run_free(&r);
    run_tcviz_line("compute conv2d_transpose --input @x.npy --filter @model.safetensors:w_bf1 "
                   "--strides 2 --padding SAME --output-shape 1,6,6,1 -o /dev/null",
                   DATA, &r);
    assert_int_equal(r.code, 2);
    assert_non_null(strstr(r.err, "model.safetensors has no array 'w_bf1', did you mean 'w_bf16'?\n"));
    run_free(&r);
    run_tcviz_line("compute conv2d --input @x.npy --input-image @ankle-boot.png --filter @w.npy "
                   "-o /dev/null",
                   DATA, &r);
    assert_int_equal(r.code, 2);
    assert_string_equal(r.err, "tcviz compute: --input-image conflicts with --input, expected one "
                               "of them\n");
    run_free(&r);
    run_tcviz_line("compute conv2d --input-image @ankle-boot.png --scale 2 --filter @w.npy "
                   "-o /dev/null",
                   DATA, &r);
    assert_int_equal(r.code, 2);
    assert_string_equal(r.err, "tcviz compute: --scale: expected 1 (values 0..1) or 255 (values "
                               "0..255), got '2'\n");
    run_free(&r);
}

static int setup(void **state)
{
    (void)state;
    snprintf(tmp, sizeof tmp, "/tmp/tcviz-formats-XXXXXX");
    return mkdtemp(tmp) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    return rmdir(tmp);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_npz_and_safetensors_inputs_equal_npy),
        cmocka_unit_test(test_input_image_equals_the_same_pixels_as_npy),
        cmocka_unit_test(test_container_without_array_lists_them_and_exits_2),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
