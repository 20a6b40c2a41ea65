/* test_npy.c - reading, refusing and atomically writing .npy files.
 *
 * numpy may be absent, so every fixture is built here byte by byte: a header
 * laid out as numpy lays it out, then values whose little-endian bit patterns
 * are written out by hand next to the float they must become. Each accepted
 * dtype is read under all three format versions, from memory and from a file,
 * and each refusal is asserted verbatim through both paths (they share the
 * header parser but not the truncation checks). Atomic writes are checked by
 * making them fail after the temp file exists (a file-size rlimit, a target
 * that is a directory) and then listing the directory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <float.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/npy.h"

static char tmpdir[64];

/* ---- fixtures ------------------------------------------------------------------ */

typedef struct {
    unsigned char *b;
    size_t len;
} Bytes;

/* A version major.0 file: preamble, `dict` padded with spaces and a newline
 * so the data starts at a multiple of 64 (as numpy writes it), then `data`. */
static Bytes npy_bytes(int major, const char *dict, const unsigned char *data, size_t dlen)
{
    size_t prefix = major == 1 ? 10 : 12, dl = strlen(dict);
    size_t total = (prefix + dl + 1 + 63) / 64 * 64;
    Bytes r = {malloc(total + dlen + 1), total + dlen};
    assert_non_null(r.b);
    memcpy(r.b, "\x93NUMPY", 6);
    r.b[6] = (unsigned char)major;
    r.b[7] = 0;
    for (size_t i = 8; i < prefix; i++)
        r.b[i] = (unsigned char)((total - prefix) >> (8 * (i - 8)));
    memcpy(r.b + prefix, dict, dl);
    memset(r.b + prefix + dl, ' ', total - prefix - dl - 1);
    r.b[total - 1] = '\n';
    if (dlen)
        memcpy(r.b + total, data, dlen);
    return r;
}

static void path_in_tmp(char *buf, size_t cap, const char *name)
{
    snprintf(buf, cap, "%s/%s", tmpdir, name);
}

static void write_file(const char *path, const unsigned char *b, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(b, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

static Bytes slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    Bytes r = {malloc(1 << 20), 0};
    assert_non_null(r.b);
    r.len = fread(r.b, 1, 1 << 20, f);
    assert_true(r.len < (1 << 20));
    fclose(f);
    return r;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(a, b);
}

/* Names in dir, sorted and comma-separated, so a leftover temp file shows. */
static void list_dir(const char *dir, char *out, size_t cap)
{
    char names[16][256];
    int n = 0;
    DIR *d = opendir(dir);
    assert_non_null(d);
    for (struct dirent *e; (e = readdir(d));) {
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
            size_t len = strlen(e->d_name); /* a name is never cut short */
            assert_true(n < 16 && len < sizeof names[0]);
            memcpy(names[n++], e->d_name, len + 1);
        }
    }
    closedir(d);
    qsort(names, (size_t)n, sizeof names[0], cmp_names);
    out[0] = '\0';
    for (int i = 0; i < n; i++) {
        size_t used = strlen(out);
        int w = snprintf(out + used, cap - used, "%s%s", i ? "," : "", names[i]);
        assert_true(w >= 0 && (size_t)w < cap - used); /* the whole list, or the test fails */
    }
}

static void remove_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return;
    if (S_ISDIR(st.st_mode)) {
        chmod(path, 0700);
        DIR *d = opendir(path);
        if (d) {
            char sub[512];
            for (struct dirent *e; (e = readdir(d));) {
                if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                    continue;
                snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
                remove_tree(sub);
            }
            closedir(d);
        }
        rmdir(path);
    } else {
        unlink(path);
    }
}

/* Each test gets an empty directory. */
static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/tcviz-npy-XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    remove_tree(tmpdir);
    return 0;
}

static void assert_floats_identical(const float *got, const float *want, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        uint32_t g, w;
        memcpy(&g, &got[i], 4);
        memcpy(&w, &want[i], 4);
        if (g != w)
            print_error("element %zu: got %a (0x%08x), expected %a (0x%08x)\n", i,
                        (double)got[i], g, (double)want[i], w);
        assert_int_equal(g, w);
    }
}

/* ---- accepted files -------------------------------------------------------------- */

#define BYTES(...)                                                                         \
    (const unsigned char[]){__VA_ARGS__}, sizeof((const unsigned char[]){__VA_ARGS__})
#define DICT(descr, shape) "{'descr': '" descr "', 'fortran_order': False, 'shape': " shape ", }"

typedef struct {
    const char *dict;
    const unsigned char *data;
    size_t dlen;
    int ndim;
    int shape[4];
    float want[6];
} GoodRow;

static const GoodRow good_rows[] = {
    /* 1.5 = 0x3fc00000, -2.25 = 0xc0100000, -0.0, the smallest subnormal */
    {DICT("<f4", "(4,)"),
     BYTES(0x00, 0x00, 0xc0, 0x3f, 0x00, 0x00, 0x10, 0xc0, 0x00, 0x00, 0x00, 0x80, 0x01, 0x00,
           0x00, 0x00),
     1, {4}, {1.5f, -2.25f, -0.0f, 0x1p-149f}},
    /* 2.0, -0.5, 0.1 (0x3fb999999999999a rounds to 0.1f), FLT_MAX exactly */
    {DICT("<f8", "(2, 2)"),
     BYTES(0, 0, 0, 0, 0, 0, 0, 0x40, 0, 0, 0, 0, 0, 0, 0xe0, 0xbf, 0x9a, 0x99, 0x99, 0x99,
           0x99, 0x99, 0xb9, 0x3f, 0, 0, 0, 0xe0, 0xff, 0xff, 0xef, 0x47),
     2, {2, 2}, {2.0f, -0.5f, 0.1f, FLT_MAX}},
    /* the int32 ends of the exact range, -1, 7 */
    {DICT("<i4", "(1, 4)"),
     BYTES(0x00, 0x00, 0x00, 0xff, 0x00, 0x00, 0x00, 0x01, 0xff, 0xff, 0xff, 0xff, 0x07, 0x00,
           0x00, 0x00),
     2, {1, 4}, {-16777216.0f, 16777216.0f, -1.0f, 7.0f}},
    {DICT("<i8", "(3,)"),
     BYTES(0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe, 0xff, 0xff, 0xff,
           0xff, 0xff, 0xff, 0xff),
     1, {3}, {16777216.0f, -16777216.0f, -2.0f}},
    {DICT("|u1", "(1, 2, 2, 1)"), BYTES(0, 1, 128, 255), 4, {1, 2, 2, 1}, {0, 1, 128, 255}},
    {DICT("<u1", "()"), BYTES(42), 0, {0}, {42}},
};

static size_t row_count(const GoodRow *r)
{
    size_t n = 1;
    for (int i = 0; i < r->ndim; i++)
        n *= (size_t)r->shape[i];
    return n;
}

static void assert_array(const NpyArray *a, const GoodRow *r)
{
    assert_int_equal(a->ndim, r->ndim);
    for (int i = 0; i < r->ndim; i++)
        assert_int_equal(a->shape[i], r->shape[i]);
    assert_floats_identical(a->data, r->want, row_count(r));
}

static void test_every_accepted_dtype_reads_exactly_under_versions_1_2_and_3(void **state)
{
    (void)state;
    char path[128];
    path_in_tmp(path, sizeof path, "good.npy");
    for (size_t i = 0; i < sizeof good_rows / sizeof good_rows[0]; i++) {
        for (int major = 1; major <= 3; major++) {
            const GoodRow *r = &good_rows[i];
            Bytes f = npy_bytes(major, r->dict, r->data, r->dlen);
            NpyArray a = {0};
            Err err = {0};
            if (npy_parse(f.b, f.len, "mem.npy", &a, &err) != 0)
                print_error("row %zu v%d: %s\n", i, major, err.msg);
            assert_non_null(a.data);
            assert_array(&a, r);
            npy_free(&a);
            assert_null(a.data);

            write_file(path, f.b, f.len);
            if (npy_read(path, &a, &err) != 0)
                print_error("row %zu v%d: %s\n", i, major, err.msg);
            assert_non_null(a.data);
            assert_array(&a, r);
            npy_free(&a);
            free(f.b);
        }
    }
}

static void test_header_dict_accepts_any_key_order_quotes_spacing_and_trailing_commas(void **state)
{
    (void)state;
    static const struct {
        const char *dict;
        int ndim, shape[8];
    } rows[] = {
        {"{'shape': (1,3,3,1), 'fortran_order': False, 'descr': '<f4'}", 4, {1, 3, 3, 1}},
        {"{ \"descr\" : \"<f4\" ,\n\t'fortran_order':False,'shape':( 1 , 3 , 3 , 1 , ) , }", 4,
         {1, 3, 3, 1}},
        {"{'fortran_order': False, 'shape': (9,), 'descr': '<f4', }", 1, {9}},
        {"{'descr':'<f4','fortran_order':False,'shape':(9 ,)}", 1, {9}},
        {"{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1, 1, 1, 1, 1, 1, 9), }", 8,
         {1, 1, 1, 1, 1, 1, 1, 9}},
        {"{'descr': '<f4', 'fortran_order': False, 'shape': ( ), }", 0, {0}},
    };
    float vals[9];
    unsigned char data[36];
    for (int i = 0; i < 9; i++) {
        vals[i] = (float)i - 4.0f;
        uint32_t u;
        memcpy(&u, &vals[i], 4);
        for (int b = 0; b < 4; b++)
            data[4 * i + b] = (unsigned char)(u >> (8 * b));
    }
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        size_t n = rows[i].ndim == 0 ? 1 : 9;
        Bytes f = npy_bytes(1, rows[i].dict, data, 4 * n);
        NpyArray a = {0};
        Err err = {0};
        if (npy_parse(f.b, f.len, "mem.npy", &a, &err) != 0)
            print_error("row %zu: %s\n", i, err.msg);
        assert_non_null(a.data);
        assert_int_equal(a.ndim, rows[i].ndim);
        for (int k = 0; k < rows[i].ndim; k++)
            assert_int_equal(a.shape[k], rows[i].shape[k]);
        assert_floats_identical(a.data, vals, n);
        npy_free(&a);
        free(f.b);
    }
}

/* numpy switches to version 2.0 when a header outgrows the 16-bit length of
 * version 1.0; the 32-bit length must then be read in full. */
static void test_a_version_2_header_longer_than_64k_is_read(void **state)
{
    (void)state;
    static const char head[] = DICT("<i4", "(1,)");
    size_t n = sizeof head - 1 + 70000;
    char *dict = malloc(n + 1);
    assert_non_null(dict);
    memcpy(dict, head, sizeof head - 1);
    memset(dict + sizeof head - 1, ' ', n - (sizeof head - 1));
    dict[n] = '\0';
    Bytes f = npy_bytes(2, dict, BYTES(0xf9, 0xff, 0xff, 0xff)); /* -7 */
    assert_true(f.b[10] > 0);                                      /* the length needs 17+ bits */
    NpyArray a = {0};
    Err err = {0};
    assert_int_equal(npy_parse(f.b, f.len, "big.npy", &a, &err), 0);
    assert_int_equal(a.ndim, 1);
    assert_int_equal(a.shape[0], 1);
    assert_true(a.data[0] == -7.0f);
    npy_free(&a);

    char path[128];
    path_in_tmp(path, sizeof path, "big.npy");
    write_file(path, f.b, f.len);
    assert_int_equal(npy_read(path, &a, &err), 0);
    assert_true(a.data[0] == -7.0f);
    npy_free(&a);
    free(f.b);
    free(dict);
}

/* ---- refused files ---------------------------------------------------------------- */

#define F4_3 BYTES(0, 0, 0x80, 0x3f, 0, 0, 0, 0x40, 0, 0, 0x40, 0x40) /* 1, 2, 3 */
#define ONLY "expected one of '<f4', '<f8', '<i4', '<i8' or '|u1'"

typedef struct {
    int major;                  /* 0: use raw */
    const char *dict;
    const unsigned char *data;
    size_t dlen;
    const char *raw;
    size_t rawlen;
    size_t cut;                 /* keep only the first `cut` bytes (0: all) */
    TcStatus code;
    const char *msg;            /* after "<name>: " */
} BadRow;

#define GOOD3 DICT("<f4", "(3,)")
#define E TC_ERR_FORMAT
#define L TC_ERR_LIMIT

static const BadRow bad_rows[] = {
    /* dtypes */
    {1, DICT(">f4", "(3,)"), F4_3, NULL, 0, 0, E,
     "dtype '>f4' (big-endian) is not supported, " ONLY},
    {1, DICT("<f2", "(3,)"), F4_3, NULL, 0, 0, E, "dtype '<f2' (float16) is not supported, " ONLY},
    {1, DICT("|b1", "(3,)"), F4_3, NULL, 0, 0, E, "dtype '|b1' (bool) is not supported, " ONLY},
    {1, DICT("|O", "(3,)"), F4_3, NULL, 0, 0, E, "dtype '|O' (object) is not supported, " ONLY},
    {1, DICT("|i1", "(3,)"), F4_3, NULL, 0, 0, E, "dtype '|i1' is not supported, " ONLY},
    {1, "{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (3,), }", F4_3, NULL, 0, 0, E,
     "dtype is structured (a list of fields), " ONLY},
    {1, "{'descr': '<f4', 'fortran_order': True, 'shape': (3,), }", F4_3, NULL, 0, 0, E,
     "fortran_order is True (column-major data), expected False (C order)"},
    /* data length */
    {1, GOOD3, F4_3, NULL, 0, 128 + 8, E,
     "data is truncated (8 of 12 bytes), expected all of shape (3,) of '<f4'"},
    {1, GOOD3, BYTES(0, 0, 0x80, 0x3f, 0, 0, 0, 0x40, 0, 0, 0x40, 0x40, 1, 2, 3, 4), NULL, 0, 0,
     E, "4 unexpected bytes after the data, expected the file to end after shape (3,) of '<f4'"},
    /* preamble and header length */
    {1, GOOD3, F4_3, NULL, 0, 40, E,
     "header is truncated (40 of 128 bytes), expected a complete .npy header"},
    {0, NULL, NULL, 0, "\x93NUMPY\x01", 7, 0, E,
     "header is truncated (7 of 10 bytes), expected a complete .npy header"},
    {0, NULL, NULL, 0, "\x93NUMPY\x02\x00\x10\x00", 10, 0, E,
     "header is truncated (10 of 12 bytes), expected a complete .npy header"},
    {0, NULL, NULL, 0, "", 0, 0, E, "file is empty, expected a .npy file"},
    {0, NULL, NULL, 0, "\x93NUMPX\x01\x00\x76\x00{}", 12, 0, E,
     "not a .npy file (bad magic), expected it to start with \\x93NUMPY"},
    {0, NULL, NULL, 0, "PK\x03\x04", 4, 0, E,
     "not a .npy file (bad magic), expected it to start with \\x93NUMPY"},
    {4, GOOD3, F4_3, NULL, 0, 0, E,
     ".npy format version 4.0 is not supported, expected 1.0, 2.0 or 3.0"},
    {0, NULL, NULL, 0, "\x93NUMPY\x01\x01\x02\x00{}", 12, 0, E,
     ".npy format version 1.1 is not supported, expected 1.0, 2.0 or 3.0"},
    {0, NULL, NULL, 0, "\x93NUMPY\x02\x00\xff\xff\xff\xff{}", 14, 0, L,
     "header length 4294967295 is too large, expected at most 1048576 bytes"},
    /* values */
    {1, DICT("<f4", "(2, 2)"), BYTES(0, 0, 0x80, 0x3f, 0, 0, 0, 0x40, 0, 0, 0xc0, 0x7f, 0, 0, 0, 0),
     NULL, 0, 0, E, "element [1, 0] is NaN, expected finite values"},
    {2, DICT("<f4", "(2,)"), BYTES(0, 0, 0x80, 0x7f, 0, 0, 0, 0), NULL, 0, 0, E,
     "element [0] is +Inf, expected finite values"},
    {3, DICT("<f8", "(3,)"),
     BYTES(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xf0, 0xff), NULL, 0,
     0, E, "element [2] is -Inf, expected finite values"},
    {1, DICT("<f8", "()"), BYTES(0, 0, 0, 0, 0, 0, 0x70, 0x4c), NULL, 0, 0, E,
     "element [()] is 1.60694e+60, expected values within the float32 range (+-3.40282e+38)"},
    {1, DICT("<i4", "(2,)"), BYTES(0, 0, 0, 1, 1, 0, 0, 1), NULL, 0, 0, E,
     "element [1] is 16777217, expected integers within +-16777216 (exact in float32)"},
    {1, DICT("<i8", "(1, 1)"), BYTES(0xff, 0xff, 0xff, 0xfe, 0xff, 0xff, 0xff, 0xff), NULL, 0, 0,
     E, "element [0, 0] is -16777217, expected integers within +-16777216 (exact in float32)"},
    {1, DICT("<i8", "(1,)"), BYTES(0, 0, 0, 0, 0, 0, 0, 0x80), NULL, 0, 0, E,
     "element [0] is -9223372036854775808, expected integers within +-16777216 (exact in "
     "float32)"},
    /* shapes */
    {1, DICT("<f4", "(8193, 8193)"), NULL, 0, NULL, 0, 0, L,
     "shape (8193, 8193) is larger than the size limit, expected at most 67108864 elements"},
    {1, DICT("<f4", "(1, 99999999999999999999999)"), NULL, 0, NULL, 0, 0, L,
     "shape dimension 1 is larger than the size limit, expected at most 67108864 elements"},
    {1, DICT("<f4", "(1, 1, 1, 1, 1, 1, 1, 1, 1)"), F4_3, NULL, 0, 0, L,
     "shape has 9 dimensions, expected at most 8"},
    {1, DICT("<f4", "(-1,)"), NULL, 0, NULL, 0, 0, E,
     "shape has a negative dimension, expected sizes >= 0"},
    /* the dict */
    {1, "{'descr': '<f4', 'shape': (3,), }", F4_3, NULL, 0, 0, E,
     "header has no 'fortran_order' key, expected 'descr', 'fortran_order' and 'shape'"},
    {1, "{'descr': '<f4', 'order': 'C', 'fortran_order': False, 'shape': (3,), }", F4_3, NULL, 0,
     0, E,
     "header has an unknown key 'order', expected only 'descr', 'fortran_order' and 'shape'"},
    {1, "{'descr': '<f4', 'shape': (3,), 'fortran_order': False, 'shape': (3,), }", F4_3, NULL, 0,
     0, E, "header has the key 'shape' twice, expected each key once"},
    {1, "{'descr'= '<f4', 'fortran_order': False, 'shape': (3,), }", F4_3, NULL, 0, 0, E,
     "header dict is malformed at byte 18 ('='), expected ':' after a key"},
    {1, "{'descr': '<f4', 'fortran_order': False, 'shape': (3), }", F4_3, NULL, 0, 0, E,
     "header dict is malformed at byte 62 (')'), expected ',' after a single dimension (a tuple "
     "such as (3,))"},
    {1, "{'descr': '<f4', 'fortran_order': maybe, 'shape': (3,), }", F4_3, NULL, 0, 0, E,
     "header dict is malformed at byte 44 ('m'), expected True or False for fortran_order"},
    {1, "{'descr': '<f4', 'fortran_order': False, 'shape': (3,), } x", F4_3, NULL, 0, 0, E,
     "header dict is malformed at byte 68 ('x'), expected only spaces and a newline after the "
     "header dict"},
    {1, "{'descr': '<f4'", F4_3, NULL, 0, 0, E,
     "header dict is malformed (it ends early), expected ',' or '}' after a value"},
    {1, "{'descr': '<f4', 'fortran_order': False, 'shape': [3], }", F4_3, NULL, 0, 0, E,
     "header dict is malformed at byte 60 ('['), expected a shape tuple such as (3,) or (1, 3, 3, "
     "1)"},
    {1, "{'descr': '<f\x01', 'fortran_order': False, 'shape': (3,), }", F4_3, NULL, 0, 0, E,
     "header dict is malformed at byte 23 (0x01), expected a plain quoted string"},
    {1, "{descr: '<f4', 'fortran_order': False, 'shape': (3,), }", F4_3, NULL, 0, 0, E,
     "header dict is malformed at byte 11 ('d'), expected a quoted key or '}'"},
};

static Bytes bad_bytes(const BadRow *r)
{
    Bytes f;
    if (r->major) {
        f = npy_bytes(r->major, r->dict, r->data, r->dlen);
    } else {
        f.b = malloc(r->rawlen + 1);
        assert_non_null(f.b);
        memcpy(f.b, r->raw, r->rawlen);
        f.len = r->rawlen;
    }
    if (r->cut) {
        assert_true(r->cut < f.len);
        f.len = r->cut;
    }
    return f;
}

static void assert_refused(int rc, const NpyArray *a, const Err *err, TcStatus code,
                           const char *name, const char *msg, size_t row)
{
    char want[ERR_MSG_MAX];
    snprintf(want, sizeof want, "%s: %s", name, msg);
    if (rc != -1 || err->code != code || strcmp(err->msg, want) != 0)
        print_error("row %zu: rc %d, code %d, message\n  got  '%s'\n  want '%s'\n", row, rc,
                    (int)err->code, err->msg, want);
    assert_int_equal(rc, -1);
    assert_int_equal(err->code, code);
    assert_string_equal(err->msg, want);
    assert_null(a->data);
    assert_int_equal(a->ndim, 0);
}

static void test_each_refusal_names_the_file_and_the_expectation_in_memory_and_on_disk(void **state)
{
    (void)state;
    char path[128];
    path_in_tmp(path, sizeof path, "bad.npy");
    for (size_t i = 0; i < sizeof bad_rows / sizeof bad_rows[0]; i++) {
        const BadRow *r = &bad_rows[i];
        Bytes f = bad_bytes(r);
        NpyArray a = {0};
        Err err = {0};
        int rc = npy_parse(f.b, f.len, "mem.npy", &a, &err);
        assert_refused(rc, &a, &err, r->code, "mem.npy", r->msg, i);

        write_file(path, f.b, f.len);
        memset(&err, 0, sizeof err);
        rc = npy_read(path, &a, &err);
        assert_refused(rc, &a, &err, r->code, path, r->msg, i);
        free(f.b);
    }
}

/* Through a pipe there is no file size to check first, so truncation and
 * trailing bytes are found while reading. */
static int read_through_pipe(const Bytes *f, NpyArray *a, Err *err)
{
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    assert_true(f->len < 4096); /* fits the pipe buffer, so no writer process is needed */
    assert_int_equal(write(fds[1], f->b, f->len), (ssize_t)f->len);
    close(fds[1]);
    char path[32];
    snprintf(path, sizeof path, "/dev/fd/%d", fds[0]);
    int rc = npy_read(path, a, err);
    close(fds[0]);
    return rc;
}

static void test_a_pipe_is_read_in_chunks_with_the_same_checks(void **state)
{
    (void)state;
    static const GoodRow *r = &good_rows[1];
    Bytes f = npy_bytes(2, r->dict, r->data, r->dlen);
    NpyArray a = {0};
    Err err = {0};
    assert_int_equal(read_through_pipe(&f, &a, &err), 0);
    assert_array(&a, r);
    npy_free(&a);

    f.len -= 3;
    assert_int_equal(read_through_pipe(&f, &a, &err), -1);
    assert_non_null(strstr(err.msg, ": data is truncated (29 of 32 bytes), expected all of shape "
                                    "(2, 2) of '<f8'"));
    assert_null(a.data);
    free(f.b);

    f = npy_bytes(1, GOOD3, BYTES(0, 0, 0x80, 0x3f, 0, 0, 0, 0x40, 0, 0, 0x40, 0x40, 9));
    assert_int_equal(read_through_pipe(&f, &a, &err), -1);
    assert_int_equal(err.code, TC_ERR_FORMAT);
    assert_non_null(strstr(err.msg, ": unexpected bytes after the data, expected the file to end "
                                    "after shape (3,) of '<f4'"));
    assert_null(a.data);
    free(f.b);
}

static void test_a_bad_value_past_the_first_chunk_is_named_by_its_own_index(void **state)
{
    (void)state;
    enum { N = 20000 }; /* 80 kB: more than one 64 KiB read */
    unsigned char *data = calloc(N, 4);
    assert_non_null(data);
    data[4 * 17123 + 2] = 0xc0; /* 0x7fc00000 = NaN at flat 17123 = [85, 123] */
    data[4 * 17123 + 3] = 0x7f;
    Bytes f = npy_bytes(1, DICT("<f4", "(100, 200)"), data, 4 * N);
    char path[128];
    path_in_tmp(path, sizeof path, "nan.npy");
    write_file(path, f.b, f.len);
    NpyArray a = {0};
    Err err = {0};
    assert_int_equal(npy_read(path, &a, &err), -1);
    char want[ERR_MSG_MAX];
    snprintf(want, sizeof want, "%s: element [85, 123] is NaN, expected finite values", path);
    assert_string_equal(err.msg, want);
    assert_int_equal(npy_parse(f.b, f.len, "m", &a, &err), -1);
    assert_string_equal(err.msg, "m: element [85, 123] is NaN, expected finite values");
    free(f.b);
    free(data);
}

static void test_missing_file_and_directory_are_io_errors(void **state)
{
    (void)state;
    char path[128], want[ERR_MSG_MAX];
    NpyArray a = {0};
    Err err = {0};
    path_in_tmp(path, sizeof path, "absent.npy");
    assert_int_equal(npy_read(path, &a, &err), -1);
    assert_int_equal(err.code, TC_ERR_IO);
    snprintf(want, sizeof want,
             "%s: cannot open (No such file or directory), expected a readable .npy file", path);
    assert_string_equal(err.msg, want);

    assert_int_equal(npy_read(tmpdir, &a, &err), -1);
    assert_int_equal(err.code, TC_ERR_IO);
    snprintf(want, sizeof want, "%s: cannot read (Is a directory), expected a readable .npy file",
             tmpdir);
    assert_string_equal(err.msg, want);
    assert_null(a.data);
}

/* ---- writing ------------------------------------------------------------------------- */

static void test_write_then_read_round_trips_bit_exactly_with_numpys_header(void **state)
{
    (void)state;
    static const float v6[6] = {1.5f, -0.0f, 0x1p-149f, FLT_MAX, -FLT_MIN, 1.0f / 3.0f};
    char path[128];
    path_in_tmp(path, sizeof path, "rt.npy");
    NpyArray a = {0};
    Err err = {0};
    assert_int_equal(npy_write_f32(path, 2, (int[]){2, 3}, v6, &err), 0);

    /* The bytes numpy writes for np.save of this float32 array (numpy < 2). */
    Bytes f = slurp(path);
    static const char dict[] = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }";
    assert_int_equal(f.len, 128 + 24);
    assert_memory_equal(f.b, "\x93NUMPY\x01\x00\x76\x00", 10); /* header length 118 */
    assert_memory_equal(f.b + 10, dict, sizeof dict - 1);
    for (size_t i = 10 + sizeof dict - 1; i < 127; i++)
        assert_int_equal(f.b[i], ' ');
    assert_int_equal(f.b[127], '\n');
    assert_memory_equal(f.b + 128, "\x00\x00\xc0\x3f\x00\x00\x00\x80", 8); /* 1.5, -0.0 LE */
    free(f.b);

    assert_int_equal(npy_read(path, &a, &err), 0);
    assert_int_equal(a.ndim, 2);
    assert_int_equal(a.shape[0], 2);
    assert_int_equal(a.shape[1], 3);
    assert_floats_identical(a.data, v6, 6);
    npy_free(&a);

    /* A scalar, eight dimensions, more than one write chunk, and empty
     * arrays (a batch of 0, TF's empty d_out of width 0): header only. */
    static const struct {
        int ndim, shape[8];
    } shapes[] = {{0, {0}},           {8, {1, 2, 1, 3, 1, 1, 2, 1}}, {4, {1, 201, 100, 3}},
                  {2, {0, 3}},        {4, {3, 1, 0, 3}},            {1, {0}}};
    float *big = malloc(60300 * sizeof(float));
    assert_non_null(big);
    for (size_t i = 0; i < 60300; i++)
        big[i] = (float)i * 0.37f - 9000.0f;
    for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++) {
        size_t n = 1;
        for (int k = 0; k < shapes[s].ndim; k++)
            n *= (size_t)shapes[s].shape[k];
        assert_int_equal(npy_write_f32(path, shapes[s].ndim, shapes[s].shape, big, &err), 0);
        f = slurp(path);
        assert_int_equal(f.len % 4, 0);
        assert_int_equal((f.len - 4 * n) % 64, 0);
        assert_int_equal(f.b[f.len - 4 * n - 1], '\n');
        free(f.b);
        assert_int_equal(npy_read(path, &a, &err), 0);
        assert_int_equal(a.ndim, shapes[s].ndim);
        for (int k = 0; k < shapes[s].ndim; k++)
            assert_int_equal(a.shape[k], shapes[s].shape[k]);
        assert_floats_identical(a.data, big, n);
        npy_free(&a);
    }
    free(big);
    char names[256];
    list_dir(tmpdir, names, sizeof names);
    assert_string_equal(names, "rt.npy");
}

static void test_write_refuses_bad_arguments_without_touching_the_target(void **state)
{
    (void)state;
    char path[128], want[ERR_MSG_MAX], names[256];
    path_in_tmp(path, sizeof path, "keep.npy");
    write_file(path, (const unsigned char *)"old", 3);
    Err err = {0};
    static const float vals[3] = {1.0f, NAN, 2.0f};

    assert_int_equal(npy_write_f32(path, 1, (int[]){3}, vals, &err), -1);
    assert_int_equal(err.code, TC_ERR_ARG);
    snprintf(want, sizeof want, "%s: element [1] is NaN, expected finite values", path);
    assert_string_equal(err.msg, want);

    assert_int_equal(npy_write_f32(path, 9, (int[]){1, 1, 1, 1, 1, 1, 1, 1, 1}, vals, &err), -1);
    snprintf(want, sizeof want, "%s: cannot write 9 dimensions, expected 0 to 8", path);
    assert_string_equal(err.msg, want);

    assert_int_equal(npy_write_f32(path, 2, (int[]){3, -1}, vals, &err), -1);
    snprintf(want, sizeof want, "%s: cannot write shape (3, -1), expected sizes >= 0", path);
    assert_string_equal(err.msg, want);

    assert_int_equal(npy_write_f32(path, 2, (int[]){65536, 65536}, vals, &err), -1);
    assert_int_equal(err.code, TC_ERR_LIMIT);
    snprintf(want, sizeof want,
             "%s: shape (65536, 65536) is larger than the size limit, expected at most 67108864 "
             "elements",
             path);
    assert_string_equal(err.msg, want);

    Bytes f = slurp(path);
    assert_int_equal(f.len, 3);
    assert_memory_equal(f.b, "old", 3);
    free(f.b);
    list_dir(tmpdir, names, sizeof names);
    assert_string_equal(names, "keep.npy");
}

static void test_write_into_a_missing_directory_fails_and_creates_nothing(void **state)
{
    (void)state;
    char path[128], want[ERR_MSG_MAX], names[256];
    path_in_tmp(path, sizeof path, "nope/x.npy");
    Err err = {0};
    assert_int_equal(npy_write_f32(path, 1, (int[]){1}, (float[]){1.0f}, &err), -1);
    assert_int_equal(err.code, TC_ERR_IO);
    snprintf(want, sizeof want,
             "%s: cannot create a temporary file beside it (No such file or directory), expected "
             "a writable directory",
             path);
    assert_string_equal(err.msg, want);
    list_dir(tmpdir, names, sizeof names);
    assert_string_equal(names, "");
}

static void test_write_failing_midway_keeps_the_old_target_and_removes_the_temp_file(void **state)
{
    (void)state;
    char path[128], want[ERR_MSG_MAX], names[256];
    path_in_tmp(path, sizeof path, "t.npy");
    Err err = {0};
    assert_int_equal(npy_write_f32(path, 1, (int[]){2}, (float[]){7.0f, 8.0f}, &err), 0);
    Bytes before = slurp(path);

    /* Files may grow to 100 bytes: the 64-byte header fits, the data does not. */
    float *data = calloc(1000, sizeof(float));
    assert_non_null(data);
    struct rlimit old, lim;
    assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
    lim = old;
    lim.rlim_cur = 100;
    void (*prev)(int) = signal(SIGXFSZ, SIG_IGN);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &lim), 0);
    int rc = npy_write_f32(path, 2, (int[]){10, 100}, data, &err);
    setrlimit(RLIMIT_FSIZE, &old);
    signal(SIGXFSZ, prev);
    free(data);

    assert_int_equal(rc, -1);
    assert_int_equal(err.code, TC_ERR_IO);
    snprintf(want, sizeof want,
             "%s: cannot write (File too large), expected a writable file with free space", path);
    assert_string_equal(err.msg, want);
    Bytes after = slurp(path);
    assert_int_equal(after.len, before.len);
    assert_memory_equal(after.b, before.b, before.len);
    free(before.b);
    free(after.b);
    list_dir(tmpdir, names, sizeof names);
    assert_string_equal(names, "t.npy");
}

static void test_write_over_a_directory_is_refused_and_leaves_no_temp_file(void **state)
{
    (void)state;
    char dir[128], keep[160], want[ERR_MSG_MAX], names[256];
    path_in_tmp(dir, sizeof dir, "out.npy");
    assert_int_equal(mkdir(dir, 0700), 0);
    snprintf(keep, sizeof keep, "%s/keep", dir);
    write_file(keep, (const unsigned char *)"k", 1);
    Err err = {0};
    assert_int_equal(npy_write_f32(dir, 1, (int[]){1}, (float[]){1.0f}, &err), -1);
    assert_int_equal(err.code, TC_ERR_IO);
    snprintf(want, sizeof want,
             "%s: is a directory, expected a regular file or - for standard output", dir);
    assert_string_equal(err.msg, want);
    list_dir(tmpdir, names, sizeof names);
    assert_string_equal(names, "out.npy");
    list_dir(dir, names, sizeof names);
    assert_string_equal(names, "keep");
}

static void test_write_into_a_read_only_directory_fails_and_keeps_the_target(void **state)
{
    (void)state;
    char path[128], want[ERR_MSG_MAX], names[256];
    path_in_tmp(path, sizeof path, "ro.npy");
    write_file(path, (const unsigned char *)"old", 3);
    assert_int_equal(chmod(tmpdir, 0500), 0);
    if (access(tmpdir, W_OK) == 0) { /* root ignores directory permissions */
        chmod(tmpdir, 0700);
        skip();
    }
    Err err = {0};
    int rc = npy_write_f32(path, 1, (int[]){1}, (float[]){1.0f}, &err);
    chmod(tmpdir, 0700);
    assert_int_equal(rc, -1);
    assert_int_equal(err.code, TC_ERR_IO);
    snprintf(want, sizeof want,
             "%s: cannot create a temporary file beside it (Permission denied), expected a "
             "writable directory",
             path);
    assert_string_equal(err.msg, want);
    Bytes f = slurp(path);
    assert_int_equal(f.len, 3);
    assert_memory_equal(f.b, "old", 3);
    free(f.b);
    list_dir(tmpdir, names, sizeof names);
    assert_string_equal(names, "ro.npy");
}

/* ---- to a Tensor ------------------------------------------------------------------------ */

static void test_to_tensor_keeps_shape_and_data_in_the_given_layout(void **state)
{
    (void)state;
    float v[6] = {1, 2, 3, 4, 5, 6};
    NpyArray a = {.ndim = 4, .shape = {1, 2, 3, 1}, .data = v};
    Tensor t = {0};
    Err err = {0};
    assert_int_equal(npy_to_tensor(&a, LAYOUT_NHWC, "x.npy", "input", &t, &err), 0);
    assert_int_equal(t.layout, LAYOUT_NHWC);
    assert_memory_equal(t.dim, ((int[]){1, 2, 3, 1}), sizeof t.dim);
    assert_true(t.data != v);
    assert_floats_identical(t.data, v, 6);
    tensor_free(&t);
}

static void test_to_tensor_refuses_other_ranks_and_oversized_axes_naming_path_and_role(void **state)
{
    (void)state;
    float v[3] = {1, 2, 3};
    Tensor t = {0};
    Err err = {0};
    NpyArray a = {.ndim = 3, .shape = {1, 3, 1}, .data = v};
    assert_int_equal(npy_to_tensor(&a, LAYOUT_NHWC, "x.npy", "input", &t, &err), -1);
    assert_int_equal(err.code, TC_ERR_SHAPE);
    assert_string_equal(err.msg, "x.npy: input has 3 dimensions, expected 2 (H x W) or 4 (NHWC)");
    assert_null(t.data);

    a = (NpyArray){.ndim = 1, .shape = {3}, .data = v};
    assert_int_equal(npy_to_tensor(&a, LAYOUT_HWOI, "w.npy", "filter", &t, &err), -1);
    assert_string_equal(err.msg,
                        "w.npy: filter has 1 dimension, expected 2 (H x W) or 4 (HWOI)");

    float *wide = calloc(70000, sizeof(float));
    assert_non_null(wide);
    a = (NpyArray){.ndim = 4, .shape = {1, 1, 1, 70000}, .data = wide};
    assert_int_equal(npy_to_tensor(&a, LAYOUT_NCHW, "x.npy", "input", &t, &err), -1);
    assert_int_equal(err.code, TC_ERR_LIMIT);
    assert_string_equal(err.msg, "x.npy: input: dimension 3 is 70000, the limit is 65536");
    assert_null(t.data);
    free(wide);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
        T(test_every_accepted_dtype_reads_exactly_under_versions_1_2_and_3),
        T(test_header_dict_accepts_any_key_order_quotes_spacing_and_trailing_commas),
        T(test_a_version_2_header_longer_than_64k_is_read),
        T(test_each_refusal_names_the_file_and_the_expectation_in_memory_and_on_disk),
        T(test_a_pipe_is_read_in_chunks_with_the_same_checks),
        T(test_a_bad_value_past_the_first_chunk_is_named_by_its_own_index),
        T(test_missing_file_and_directory_are_io_errors),
        T(test_write_then_read_round_trips_bit_exactly_with_numpys_header),
        T(test_write_refuses_bad_arguments_without_touching_the_target),
        T(test_write_into_a_missing_directory_fails_and_creates_nothing),
        T(test_write_failing_midway_keeps_the_old_target_and_removes_the_temp_file),
        T(test_write_over_a_directory_is_refused_and_leaves_no_temp_file),
        T(test_write_into_a_read_only_directory_fails_and_keeps_the_target),
        T(test_to_tensor_keeps_shape_and_data_in_the_given_layout),
        T(test_to_tensor_refuses_other_ranks_and_oversized_axes_naming_path_and_role),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
