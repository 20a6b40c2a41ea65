/* test_array_file.c - .npz members and .safetensors tensors read through
 * array_file_read equal the same arrays given as .npy; listings; refusals.
 *
 * Three sources of files: the committed fixtures of tests/data/arrays (made
 * by numpy's np.savez / np.savez_compressed and a safetensors writer that
 * follows the published format, scripts/make_array_fixtures.py), archives
 * this test zips itself with libzip, and safetensors headers written here by
 * hand with each dtype's bit patterns next to the value they must become.
 * Damaged files (every truncation, every flipped byte) must each be refused
 * with one line, or read, and never crash. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "io/array_file.h"
#include "io/npy.h"

#define DATA TCVIZ_TEST_DATA "/arrays/"

static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *b = malloc((size_t)n + 1);
    assert_non_null(b);
    assert_int_equal(fread(b, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *len = (size_t)n;
    return b;
}

static void assert_same_array(const NpyArray *a, const NpyArray *b, float scale)
{
    assert_int_equal(a->ndim, b->ndim);
    size_t n = 1;
    for (int i = 0; i < a->ndim; i++) {
        assert_int_equal(a->shape[i], b->shape[i]);
        n *= (size_t)a->shape[i];
    }
    for (size_t i = 0; i < n; i++)
        assert_true(a->data[i] == b->data[i] * scale);
}

static void read_ok(const char *spec, NpyArray *out)
{
    Err err = {0};
    int rc = array_file_read(spec, out, &err);
    if (rc != 0)
        fail_msg("%s: %s", spec, err.msg);
}

/* ---- numpy's own files -------------------------------------------------------- */

static void test_numpy_savez_members_equal_the_npy_files(void **state)
{
    (void)state;
    NpyArray x, w, a;
    read_ok(DATA "x.npy", &x);
    read_ok(DATA "w.npy", &w);
    const struct {
        const char *spec;
        const NpyArray *want;
        float scale;
    } cases[] = {
        {DATA "savez.npz:x", &x, 1},
        {DATA "savez.npz:decoder.weight", &w, 1},
        {DATA "savez_compressed.npz:x", &x, 1},
        {DATA "savez_compressed.npz:w", &w, 1}, /* float64 in the file */
        {DATA "model.safetensors:x", &x, 1},
        {DATA "model.safetensors:w", &w, 1},      /* F16 */
        {DATA "model.safetensors:w_bf16", &w, 1}, /* BF16 */
        {DATA "model.safetensors:w_u8", &w, 1},   /* U8 */
        {DATA "model.safetensors:x_i64", &x, 2},  /* I64, 2x */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        read_ok(cases[i].spec, &a);
        assert_same_array(&a, cases[i].want, cases[i].scale);
        npy_free(&a);
    }
    npy_free(&x);
    npy_free(&w);
}

static void test_listing_gives_names_shapes_and_dtypes_in_order(void **state)
{
    (void)state;
    ArrayList l = {0};
    Err err = {0};
    assert_int_equal(array_file_list(DATA "model.safetensors", &l, &err), 0);
    assert_int_equal(l.count, 5);
    const char *names[] = {"x", "w", "w_bf16", "x_i64", "w_u8"};
    const char *dtypes[] = {"float32", "float16", "bfloat16", "int64", "uint8"};
    for (int i = 0; i < 5; i++) {
        assert_string_equal(l.items[i].name, names[i]);
        assert_string_equal(l.items[i].dtype, dtypes[i]);
        assert_int_equal(l.items[i].ndim, 4);
    }
    assert_int_equal(l.items[0].shape[1], 3);
    array_list_free(&l);
    assert_int_equal(array_file_list(DATA "savez.npz", &l, &err), 0);
    assert_int_equal(l.count, 2);
    assert_string_equal(l.items[0].name, "x");
    assert_string_equal(l.items[1].name, "decoder.weight");
    assert_int_equal(l.items[1].shape[0], 2);
    array_list_free(&l);
}

static void test_a_container_without_its_member_says_how_to_pick(void **state)
{
    (void)state;
    NpyArray a;
    Err err = {0};
    assert_true(array_file_needs_member("m.npz"));
    assert_true(array_file_needs_member("m.safetensors:"));
    assert_false(array_file_needs_member("m.npz:x"));
    assert_false(array_file_needs_member("odd:name.npy"));
    assert_int_equal(array_file_read(DATA "savez.npz", &a, &err), -1);
    assert_int_equal(err.code, TC_ERR_ARG);
    assert_non_null(strstr(err.msg, "savez.npz:NAME"));
    assert_int_equal(array_file_read(DATA "savez.npz:decoder.weigth", &a, &err), -1);
    assert_int_equal(err.code, TC_ERR_ARG);
    assert_non_null(strstr(err.msg, "did you mean 'decoder.weight'?"));
    assert_int_equal(array_file_read(DATA "model.safetensors:__metadata__", &a, &err), -1);
    assert_int_equal(err.code, TC_ERR_ARG);
}

/* ---- archives zipped here --------------------------------------------------- */

static void add_member(zip_t *z, const char *name, const unsigned char *b, size_t len, int method)
{
    zip_source_t *s = zip_source_buffer(z, b, len, 0);
    assert_non_null(s);
    zip_int64_t i = zip_file_add(z, name, s, ZIP_FL_OVERWRITE);
    assert_true(i >= 0);
    assert_int_equal(zip_set_file_compression(z, (zip_uint64_t)i, method, 0), 0);
}

static void test_archives_zipped_by_libzip_stored_and_deflated(void **state)
{
    (void)state;
    char dir[] = "/tmp/tcviz-npz-XXXXXX", npy[64], npz[64], spec[80];
    assert_non_null(mkdtemp(dir));
    snprintf(npy, sizeof npy, "%s/a.npy", dir);
    snprintf(npz, sizeof npz, "%s/a.npz", dir);
    float v[6] = {1, -2, 0.5f, 3e10f, -1e-20f, 7};
    Err err = {0};
    assert_int_equal(npy_write_f32(npy, 2, (int[]){2, 3}, v, &err), 0);
    size_t len;
    unsigned char *bytes = slurp(npy, &len);
    int zerr;
    zip_t *z = zip_open(npz, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
    assert_non_null(z);
    add_member(z, "stored.npy", bytes, len, ZIP_CM_STORE);
    add_member(z, "deflated.npy", bytes, len, ZIP_CM_DEFLATE);
    assert_int_equal(zip_close(z), 0);
    NpyArray want, got;
    read_ok(npy, &want);
    const char *members[] = {"stored", "deflated"};
    for (int i = 0; i < 2; i++) {
        snprintf(spec, sizeof spec, "%s:%s", npz, members[i]);
        read_ok(spec, &got);
        assert_same_array(&got, &want, 1);
        npy_free(&got);
    }
    npy_free(&want);
    free(bytes);
    unlink(npy);
    unlink(npz);
    rmdir(dir);
}

/* ---- safetensors written by hand ---------------------------------------------- */

typedef struct {
    unsigned char b[1024];
    size_t len;
} Blob;

/* 8-byte length, the JSON text, then `data`. */
static Blob st_file(const char *json, const void *data, size_t n)
{
    Blob f = {{0}, 0};
    size_t h = strlen(json);
    for (int i = 0; i < 8; i++)
        f.b[i] = (unsigned char)((uint64_t)h >> (8 * i));
    memcpy(f.b + 8, json, h);
    if (n)
        memcpy(f.b + 8 + h, data, n);
    f.len = 8 + h + n;
    return f;
}

static void test_safetensors_every_dtype_by_its_bits(void **state)
{
    (void)state;
    const struct {
        const char *dtype;
        unsigned char bytes[8];
        size_t size;
        float want;
    } cases[] = {
        {"F32", {0x00, 0x00, 0xc0, 0x3f}, 4, 1.5f},
        {"F16", {0x00, 0xc0}, 2, -2.0f},
        {"F16", {0x01, 0x00}, 2, 5.9604644775390625e-8f}, /* the smallest subnormal */
        {"BF16", {0xc0, 0x3f}, 2, 1.5f},
        {"F64", {0, 0, 0, 0, 0, 0, 0xd0, 0xbf}, 8, -0.25f},
        {"I32", {0xf9, 0xff, 0xff, 0xff}, 4, -7.0f},
        {"I64", {123, 0, 0, 0, 0, 0, 0, 0}, 8, 123.0f},
        {"U8", {255}, 1, 255.0f},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char json[160];
        snprintf(json, sizeof json,
                 "{\"t\":{\"dtype\":\"%s\",\"shape\":[1],\"data_offsets\":[0,%zu]}}",
                 cases[i].dtype, cases[i].size);
        Blob f = st_file(json, cases[i].bytes, cases[i].size);
        NpyArray a;
        Err err = {0};
        int rc = array_file_parse(".safetensors", f.b, f.len, "t.safetensors", "t", &a, &err);
        if (rc != 0)
            fail_msg("%s: %s", cases[i].dtype, err.msg);
        assert_int_equal(a.ndim, 1);
        assert_true(a.data[0] == cases[i].want);
        npy_free(&a);
    }
}

static void refused(const char *json, const void *data, size_t n, TcStatus code, const char *has)
{
    Blob f = st_file(json, data, n);
    NpyArray a;
    Err err = {0};
    assert_int_equal(array_file_parse(".safetensors", f.b, f.len, "m.safetensors", "t", &a, &err),
                     -1);
    if (err.code != code || !strstr(err.msg, has))
        fail_msg("got '%s', expected code %d with '%s'", err.msg, (int)code, has);
    assert_null(strchr(err.msg, '\n'));
}

/* An empty tensor (a 0 in its shape, no bytes) is read as it is. */
static void test_safetensors_empty_tensor_is_read(void **state)
{
    (void)state;
    Blob f = st_file("{\"t\":{\"dtype\":\"F32\",\"shape\":[2,0],\"data_offsets\":[0,0]}}", "", 0);
    NpyArray a;
    Err err = {0};
    assert_int_equal(array_file_parse(".safetensors", f.b, f.len, "m.safetensors", "t", &a, &err),
                     0);
    assert_int_equal(a.ndim, 2);
    assert_int_equal(a.shape[0], 2);
    assert_int_equal(a.shape[1], 0);
    assert_non_null(a.data);
    npy_free(&a);
}

static void test_safetensors_refusals_name_the_tensor_and_the_rule(void **state)
{
    (void)state;
    unsigned char d[16] = {0};
    refused("{\"t\":{\"dtype\":\"I8\",\"shape\":[1],\"data_offsets\":[0,1]}}", d, 1, TC_ERR_FORMAT,
            "has dtype 'I8', expected F32, F16, BF16, F64, I32, I64 or U8");
    refused("{\"t\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4]}}", d, 4, TC_ERR_FORMAT,
            "has 4 bytes, expected 8 for 2 values of F32");
    refused("{\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,40]}}", d, 4,
            TC_ERR_FORMAT, "ends at byte 40, past the 4 bytes of data");
    refused("{\"t\":{\"dtype\":\"F32\",\"shape\":[1,1,1,1,1,1,1,1,1],\"data_offsets\":[0,4]}}", d,
            4, TC_ERR_LIMIT, "has 9 dimensions, expected at most 8");
    refused("{\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,0]}}", d, 4,
            TC_ERR_FORMAT, "bad \"data_offsets\"");
    refused("{\"t\":{\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[0,2]}}",
            (unsigned char[]){0x00, 0x7e}, 2, TC_ERR_FORMAT, "is NaN, expected finite values");
    refused("{\"t\": 3}", d, 0, TC_ERR_FORMAT, "is not an object");
    refused("{\"t\":", d, 0, TC_ERR_FORMAT, "header JSON is malformed");
    refused("[1]", d, 0, TC_ERR_FORMAT, "header is not a JSON object");
    refused("{\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
            "\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}",
            d, 4, TC_ERR_FORMAT, "malformed");
    /* A header length past the file and past the format's limit. */
    Blob f = st_file("{}", NULL, 0);
    f.b[7] = 0x01;
    NpyArray a;
    Err err = {0};
    assert_int_equal(array_file_parse(".safetensors", f.b, f.len, "m.safetensors", "t", &a, &err),
                     -1);
    assert_int_equal(err.code, TC_ERR_LIMIT);
    f.b[7] = 0;
    f.b[0] = 200;
    assert_int_equal(array_file_parse(".safetensors", f.b, f.len, "m.safetensors", "t", &a, &err),
                     -1);
    assert_non_null(strstr(err.msg, "past the end of the file"));
}

/* ---- damaged files ----------------------------------------------------------- */

static void damage_every_way(const char *file, const char *ext, const char *member)
{
    size_t len;
    unsigned char *good = slurp(file, &len), *b = malloc(len);
    assert_non_null(b);
    for (size_t cut = 0; cut < len; cut++) {
        NpyArray a;
        Err err = {0};
        assert_int_equal(array_file_parse(ext, good, cut, "d", member, &a, &err), -1);
        assert_true(err.msg[0] != '\0');
        assert_null(strchr(err.msg, '\n'));
    }
    for (size_t at = 0; at < len; at++) {
        memcpy(b, good, len);
        b[at] ^= 0xa5;
        NpyArray a;
        ArrayList l;
        Err err = {0};
        if (array_file_parse(ext, b, len, "d", member, &a, &err) == 0)
            npy_free(&a);
        else
            assert_null(strchr(err.msg, '\n'));
        if (array_file_list_mem(ext, b, len, "d", &l, &err) == 0)
            array_list_free(&l);
    }
    free(b);
    free(good);
}

static void test_damaged_files_are_refused_in_one_line_without_a_crash(void **state)
{
    (void)state;
    damage_every_way(DATA "savez.npz", ".npz", "decoder.weight");
    damage_every_way(DATA "savez_compressed.npz", ".npz", "w");
    damage_every_way(DATA "model.safetensors", ".safetensors", "w_bf16");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_numpy_savez_members_equal_the_npy_files),
        cmocka_unit_test(test_listing_gives_names_shapes_and_dtypes_in_order),
        cmocka_unit_test(test_a_container_without_its_member_says_how_to_pick),
        cmocka_unit_test(test_archives_zipped_by_libzip_stored_and_deflated),
        cmocka_unit_test(test_safetensors_every_dtype_by_its_bits),
        cmocka_unit_test(test_safetensors_empty_tensor_is_read),
        cmocka_unit_test(test_safetensors_refusals_name_the_tensor_and_the_rule),
        cmocka_unit_test(test_damaged_files_are_refused_in_one_line_without_a_crash),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
