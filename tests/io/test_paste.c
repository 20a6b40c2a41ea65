/* test_paste.c - parsing text copied from Python into tensors.
 *
 * Accepted texts are the shapes people really copy (print(a), repr(a), torch
 * and TF reprs, spreadsheet rows) with their values written out by hand;
 * refusals are asserted verbatim, with line and column counted by hand in the
 * comment beside each. A deterministic mutation loop then feeds thousands of
 * damaged variants through the parser under the sanitizers: each must either
 * parse or fail with a positioned message, never crash or leak. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/paste.h"

/* ---- accepted ---------------------------------------------------------------- */

typedef struct {
    const char *text;
    PasteSource source;
    int rank;
    int dim[4];
    float values[16];
} GoodCase;

static const GoodCase good[] = {
    {"[[1, 2], [3, 4.5]]", PASTE_LIST, 2, {2, 2}, {1, 2, 3, 4.5f}},
    {"[1, -2, 3.25e1, .5, +7, -0.]", PASTE_LIST, 1, {6}, {1, -2, 32.5f, 0.5f, 7, -0.0f}},
    {"[1e-3, 1E+2, -3.5e-1, 1.e0]", PASTE_LIST, 1, {4}, {1e-3f, 100, -0.35f, 1}},
    {"[1, 2, 3,]", PASTE_LIST, 1, {3}, {1, 2, 3}},
    {"[[1, 2,], [3, 4,],]", PASTE_LIST, 2, {2, 2}, {1, 2, 3, 4}},
    {"  \n [ [ 1 ] ]  \n", PASTE_LIST, 2, {1, 1}, {1}},
    {"[[[1, 2], [3, 4]], [[5, 6], [7, 8]]]", PASTE_LIST, 3, {2, 2, 2}, {1, 2, 3, 4, 5, 6, 7, 8}},
    {"[[[[1, 2]]], [[[3, 4]]]]", PASTE_LIST, 4, {2, 1, 1, 2}, {1, 2, 3, 4}},
    {"[3.4028234e38, -3.4028234e38]", PASTE_LIST, 1, {2}, {3.4028234e38f, -3.4028234e38f}},
    /* print(np_array): spaces, no commas */
    {"[[1. 2.]\n [3. 4.]]", PASTE_LIST, 2, {2, 2}, {1, 2, 3, 4}},
    {"[[ 0.5 -1. ]\n [ 2.  10. ]]", PASTE_LIST, 2, {2, 2}, {0.5f, -1, 2, 10}},
    {"np.array([[1, 2], [3, 4]])", PASTE_NUMPY, 2, {2, 2}, {1, 2, 3, 4}},
    {"numpy.asarray([5, 6])", PASTE_NUMPY, 1, {2}, {5, 6}},
    {"array([[1., 2.],\n       [3., 4.]], dtype=float32)", PASTE_NUMPY, 2, {2, 2}, {1, 2, 3, 4}},
    {"array([ 1, -2])", PASTE_NUMPY, 1, {2}, {1, -2}},
    {"tensor([[1.0000e+00, 2.5000e-01]])", PASTE_TORCH, 2, {1, 2}, {1, 0.25f}},
    {"tensor([1., 2.], requires_grad=True)", PASTE_TORCH, 1, {2}, {1, 2}},
    {"tensor([[0.5, -1.5]], device='cuda:0', grad_fn=<AddBackward0>)", PASTE_TORCH, 2, {1, 2},
     {0.5f, -1.5f}},
    {"torch.tensor([3, 4], dtype=torch.float64,)", PASTE_TORCH, 1, {2}, {3, 4}},
    {"Parameter containing:\ntensor([[[[1., 2.],\n          [3., 4.]]]], requires_grad=True)",
     PASTE_TORCH, 4, {1, 1, 2, 2}, {1, 2, 3, 4}},
    {"<tf.Tensor: shape=(2, 2), dtype=float32, numpy=\narray([[1., 2.],\n       [3., 4.]], "
     "dtype=float32)>",
     PASTE_TF, 2, {2, 2}, {1, 2, 3, 4}},
    {"<tf.Variable 'Variable:0' shape=(2,) dtype=float32, numpy=array([1.5, 2.5], "
     "dtype=float32)>",
     PASTE_TF, 1, {2}, {1.5f, 2.5f}},
    {"tf.constant([[1, 2, 3]])", PASTE_TF, 2, {1, 3}, {1, 2, 3}},
    {"1 2 3\n4 5 6\n", PASTE_ROWS, 2, {2, 3}, {1, 2, 3, 4, 5, 6}},
    {"1,2,3,\r\n4,5,6,\r\n", PASTE_ROWS, 2, {2, 3}, {1, 2, 3, 4, 5, 6}},
    {"1\t2\n\n3\t4", PASTE_ROWS, 2, {2, 2}, {1, 2, 3, 4}},
    {"0.25, -1e1 ,  3", PASTE_ROWS, 2, {1, 3}, {0.25f, -10, 3}},
    {"7", PASTE_ROWS, 2, {1, 1}, {7}},
};

static void test_accepts(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        const GoodCase *g = &good[i];
        PasteResult p;
        Err err = {0};
        int rc = paste_parse(g->text, &p, &err);
        if (rc != 0)
            fail_msg("case %zu (%s): %s", i, g->text, err.msg);
        assert_int_equal(p.source, g->source);
        assert_int_equal(p.rank, g->rank);
        size_t count = 1;
        for (int d = 0; d < 4; d++) {
            int want = d < g->rank ? g->dim[d] : 1;
            if (p.dim[d] != want)
                fail_msg("case %zu: dim[%d] is %d, expected %d", i, d, p.dim[d], want);
            count *= (size_t)want;
        }
        assert_int_equal(p.count, count);
        for (size_t k = 0; k < count; k++) {
            /* Exact: the same decimal rounds to the same float. */
            if (memcmp(&p.data[k], &g->values[k], sizeof(float)) != 0)
                fail_msg("case %zu: value %zu is %.9g, expected %.9g", i, k, (double)p.data[k],
                         (double)g->values[k]);
        }
        paste_free(&p);
        assert_null(p.data);
    }
}

/* ---- refused ----------------------------------------------------------------- */

typedef struct {
    const char *text;
    TcStatus code;
    const char *msg;
} BadCase;

static const BadCase bad[] = {
    /* line 2: two spaces, '[' at 3, '3' at 4, ',' 5, ' ' 6, 'x' 7 */
    {"[[1, 2],\n  [3, x]]", TC_ERR_FORMAT, "line 2, column 7: expected a number or ']', got 'x'"},
    {"[1,, 2]", TC_ERR_FORMAT, "line 1, column 4: expected a number or ']', got ','"},
    {"[1 x]", TC_ERR_FORMAT, "line 1, column 4: expected a number, ',' or ']', got 'x'"},
    {"[1, 2.3.4]", TC_ERR_FORMAT, "line 1, column 8: expected ',' or ']', got '.'"},
    {"[1, 2", TC_ERR_FORMAT, "line 1, column 6: expected ',' or ']', got the end of the text"},
    {"[1, dtype]", TC_ERR_FORMAT, "line 1, column 5: expected a number or ']', got 'dtype'"},
    {"[[1, 2], 3]", TC_ERR_FORMAT, "line 1, column 10: expected '[' or ']', got '3'"},
    {"[1, [2]]", TC_ERR_FORMAT, "line 1, column 5: expected a number or ']', got '['"},
    /* ragged: the ']' that comes early, the item that is one too many */
    {"[[1, 2], [3]]", TC_ERR_FORMAT,
     "line 1, column 12: ragged list: 1 item here, expected 2 like the first list at this depth"},
    {"[[1], [2, 3]]", TC_ERR_FORMAT,
     "line 1, column 11: ragged list: more than 1 item here, expected 1 like the first list at "
     "this depth"},
    {"[[[1], [2]], [[3]]]", TC_ERR_FORMAT,
     "line 1, column 18: ragged list: 1 item here, expected 2 like the first list at this depth"},
    {"[]", TC_ERR_FORMAT, "line 1, column 2: empty list, expected at least one number"},
    {"[[], []]", TC_ERR_FORMAT, "line 1, column 3: empty list, expected at least one number"},
    {"[[[[[1]]]]]", TC_ERR_FORMAT,
     "line 1, column 5: lists nested more than 4 deep, expected at most 4 levels (a rank-4 "
     "tensor)"},
    {"[1, nan]", TC_ERR_FORMAT,
     "line 1, column 5: 'nan' is not a finite number, expected finite values (no nan or inf)"},
    {"[-inf, 1]", TC_ERR_FORMAT,
     "line 1, column 2: '-inf' is not a finite number, expected finite values (no nan or inf)"},
    {"1 2\n3 Infinity", TC_ERR_FORMAT,
     "line 2, column 3: 'Infinity' is not a finite number, expected finite values (no nan or "
     "inf)"},
    {"[1e39]", TC_ERR_FORMAT,
     "line 1, column 2: '1e39' is outside the float32 range, expected values within "
     "+-3.40282e+38"},
    {"[1e400]", TC_ERR_FORMAT,
     "line 1, column 2: '1e400' is outside the float32 range, expected values within "
     "+-3.40282e+38"},
    {"[1e]", TC_ERR_FORMAT, "line 1, column 4: expected the exponent's digits, got ']'"},
    {"[-]", TC_ERR_FORMAT, "line 1, column 3: expected digits after the sign, got ']'"},
    {"[0x10]", TC_ERR_FORMAT, "line 1, column 3: expected ',' or ']', got 'x10'"},
    {"[1 2] [3 4]", TC_ERR_FORMAT,
     "line 1, column 7: expected the end of the text after the list (put rows in one outer list: "
     "[[...], [...]]), got '['"},
    {"[1, 2] \xc3\xa9", TC_ERR_FORMAT,
     "line 1, column 8: expected the end of the text, got '\xc3\xa9' (U+00E9)"},
    {"[\xe2\x88\x92" "1]", TC_ERR_FORMAT,
     "line 1, column 2: expected a number, got '\xe2\x88\x92' (U+2212)"},
    {"[1, 2, ...]", TC_ERR_FORMAT,
     "line 1, column 8: got '...' where numbers were left out of a printed summary, expected "
     "every number (print with np.set_printoptions(threshold=sys.maxsize) or "
     "torch.set_printoptions(profile='full'))"},
    /* rows */
    {"1 2 3\n4 5", TC_ERR_FORMAT,
     "line 2, column 4: ragged rows: 2 numbers in this row, expected 3 like the first row"},
    {"1 2\n3 4 5", TC_ERR_FORMAT,
     "line 2, column 5: ragged rows: more than 2 numbers in this row, expected 2 like the first "
     "row"},
    {"1 2\n3 x", TC_ERR_FORMAT,
     "line 2, column 3: expected a number, ',' or the end of the line, got 'x'"},
    {"1;2", TC_ERR_FORMAT,
     "line 1, column 2: expected ',', a space or the end of the line, got ';'"},
    {"1, ,2", TC_ERR_FORMAT,
     "line 1, column 4: expected a number or the end of the line, got ','"},
    {"", TC_ERR_FORMAT, "line 1, column 1: expected a number or '[', got the end of the text"},
    {" \n\t", TC_ERR_FORMAT, "line 2, column 2: expected a number or '[', got the end of the text"},
    /* reprs */
    {"foo([1])", TC_ERR_FORMAT,
     "line 1, column 1: expected a number, '[' or a repr such as array([...]) or tensor([...]), "
     "got 'foo'"},
    {"np.zeros(3)", TC_ERR_FORMAT,
     "line 1, column 1: expected a number, '[' or a repr such as array([...]) or tensor([...]), "
     "got 'np.zeros'"},
    {"tensor(5.)", TC_ERR_FORMAT, "line 1, column 8: expected '[' (a list of numbers), got '5'"},
    {"array [1]", TC_ERR_FORMAT, "line 1, column 7: expected '(' after 'array', got '['"},
    {"array([1, 2], dtype=float32", TC_ERR_FORMAT,
     "line 1, column 28: expected ')' closing the repr, got the end of the text"},
    {"array([1, 2], dtype)", TC_ERR_FORMAT,
     "line 1, column 20: expected '=' after 'dtype', got ')'"},
    {"array([1, 2] dtype=float32)", TC_ERR_FORMAT,
     "line 1, column 14: expected ',' or ')', got 'dtype'"},
    {"tensor([1], device='cpu)", TC_ERR_FORMAT,
     "line 1, column 20: a string that is never closed, expected a closing '"},
    {"<tf.Tensor: shape=(), dtype=float32, numpy=1.0>", TC_ERR_FORMAT,
     "line 1, column 44: expected array([...]) after 'numpy=', got '1'"},
    {"<tf.Tensor: shape=(2,), dtype=float32>", TC_ERR_FORMAT,
     "line 1, column 1: a <...> repr without 'numpy=', expected one such as <tf.Tensor: "
     "shape=(2,), dtype=float32, numpy=array([1., 2.], dtype=float32)>"},
    {"<tf.Tensor: numpy=array([1.])", TC_ERR_FORMAT,
     "line 1, column 30: expected '>' closing the <...> repr, got the end of the text"},
};

static void test_refuses(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        PasteResult p;
        Err err = {0};
        memset(&p, 0x5a, sizeof p);
        if (paste_parse(bad[i].text, &p, &err) == 0)
            fail_msg("case %zu (%s) was accepted", i, bad[i].text);
        if (strcmp(err.msg, bad[i].msg) != 0)
            fail_msg("case %zu (%s):\n  got      %s\n  expected %s", i, bad[i].text, err.msg,
                     bad[i].msg);
        assert_int_equal(err.code, bad[i].code);
        /* Nothing is handed back on failure. */
        assert_null(p.data);
        assert_int_equal(p.rank, 0);
    }
}

/* ---- limits ------------------------------------------------------------------ */

/* "[0, 0, ..., 0]" with n zeros; each zero after the first is 3 columns on. */
static char *zeros_list(int n)
{
    char *s = malloc((size_t)n * 3 + 4);
    assert_non_null(s);
    size_t k = 0;
    s[k++] = '[';
    for (int i = 0; i < n; i++)
        k += (size_t)sprintf(s + k, i ? ", 0" : "0");
    s[k++] = ']';
    s[k] = '\0';
    return s;
}

static void test_limits(void **state)
{
    (void)state;
    PasteResult p;
    Err err = {0};

    char *ok = zeros_list(PASTE_MAX_DIM);
    assert_int_equal(paste_parse(ok, &p, &err), 0);
    assert_int_equal(p.dim[0], 64);
    paste_free(&p);
    free(ok);

    /* The 65th zero is at column 2 + 64 * 3. */
    char *wide = zeros_list(PASTE_MAX_DIM + 1);
    assert_int_equal(paste_parse(wide, &p, &err), -1);
    assert_int_equal(err.code, TC_ERR_LIMIT);
    assert_string_equal(err.msg, "line 1, column 194: more than 64 items in a list, expected at "
                                 "most 64 per axis (the interactive limit: 64x64 spatially, 64 "
                                 "channels)");
    free(wide);

    char rows[65 * 2 + 1] = "";
    for (int i = 0; i < 65; i++)
        strcat(rows, "0\n");
    assert_int_equal(paste_parse(rows, &p, &err), -1);
    assert_int_equal(err.code, TC_ERR_LIMIT);
    assert_string_equal(err.msg, "line 65, column 1: more than 64 rows, expected at most 64 (the "
                                 "interactive limit: 64x64 spatially, 64 channels)");
    rows[64 * 2] = '\0';
    assert_int_equal(paste_parse(rows, &p, &err), 0);
    assert_int_equal(p.dim[0], 64);
    assert_int_equal(p.dim[1], 1);
    paste_free(&p);

    char *row = zeros_list(PASTE_MAX_DIM + 1);
    memmove(row, row + 1, strlen(row)); /* drop '[' */
    row[strlen(row) - 1] = '\0';       /* and ']' */
    assert_int_equal(paste_parse(row, &p, &err), -1);
    assert_int_equal(err.code, TC_ERR_LIMIT);
    assert_string_equal(err.msg, "line 1, column 193: more than 64 numbers in a row, expected at "
                                 "most 64 (the interactive limit: 64x64 spatially, 64 channels)");
    free(row);

    /* 1 MiB of text is read (here: spaces around one number); a byte more is not. */
    char *big = malloc(PASTE_MAX_TEXT + 2);
    assert_non_null(big);
    memset(big, ' ', PASTE_MAX_TEXT + 1);
    big[0] = '5';
    big[PASTE_MAX_TEXT] = '\0';
    assert_int_equal(paste_parse(big, &p, &err), 0);
    assert_true(p.data[0] == 5.0f);
    paste_free(&p);
    big[PASTE_MAX_TEXT] = ' ';
    big[PASTE_MAX_TEXT + 1] = '\0';
    assert_int_equal(paste_parse(big, &p, &err), -1);
    assert_int_equal(err.code, TC_ERR_LIMIT);
    assert_string_equal(err.msg,
                        "pasted text is longer than 1048576 bytes, expected at most 1 MiB");
    free(big);

    /* A full 4-D tensor at every axis limit would need far more than 1 MiB of
     * text, so the text limit is what bounds memory; 8^4 values fit. */
    size_t cap = 8 * 8 * 8 * 8 * 6 + 4096, k = 0; /* "4095," and brackets */
    char *deep = malloc(cap);
    assert_non_null(deep);
    for (int a = 0; a < 8; a++) {
        k += (size_t)sprintf(deep + k, a ? ",[" : "[[");
        for (int b = 0; b < 8; b++) {
            k += (size_t)sprintf(deep + k, b ? ",[" : "[");
            for (int c = 0; c < 8; c++) {
                k += (size_t)sprintf(deep + k, c ? ",[" : "[");
                for (int d = 0; d < 8; d++)
                    k += (size_t)sprintf(deep + k, d ? ",%d" : "%d", a * 512 + b * 64 + c * 8 + d);
                deep[k++] = ']';
            }
            deep[k++] = ']';
        }
        deep[k++] = ']';
    }
    deep[k++] = ']';
    deep[k] = '\0';
    assert_int_equal(paste_parse(deep, &p, &err), 0);
    assert_int_equal(p.rank, 4);
    assert_int_equal(p.count, 4096);
    for (size_t i = 0; i < p.count; i++)
        assert_true(p.data[i] == (float)i); /* row-major */
    paste_free(&p);
    free(deep);
}

/* ---- into a tensor ------------------------------------------------------------- */

static void check_tensor(const char *text, Layout layout, const int want[4])
{
    PasteResult p;
    Tensor t;
    Err err = {0};
    assert_int_equal(paste_parse(text, &p, &err), 0);
    if (paste_to_tensor(&p, layout, &t, &err) != 0)
        fail_msg("%s into %s: %s", text, layout_name(layout), err.msg);
    assert_int_equal(t.layout, layout);
    for (int i = 0; i < 4; i++)
        assert_int_equal(t.dim[i], want[i]);
    /* The values keep their row-major order. */
    assert_memory_equal(t.data, p.data, p.count * sizeof(float));
    tensor_free(&t);
    paste_free(&p);
}

static void test_to_tensor(void **state)
{
    (void)state;
    const char *m23 = "[[1, 2, 3], [4, 5, 6]]";
    check_tensor(m23, LAYOUT_NHWC, (int[4]){1, 2, 3, 1});
    check_tensor(m23, LAYOUT_NCHW, (int[4]){1, 1, 2, 3});
    check_tensor(m23, LAYOUT_HWOI, (int[4]){2, 3, 1, 1});
    check_tensor(m23, LAYOUT_HWIO, (int[4]){2, 3, 1, 1});
    check_tensor(m23, LAYOUT_OIHW, (int[4]){1, 1, 2, 3});
    check_tensor(m23, LAYOUT_IOHW, (int[4]){1, 1, 2, 3});
    check_tensor("1 2 3", LAYOUT_NCHW, (int[4]){1, 1, 1, 3});
    check_tensor("[1, 2, 3]", LAYOUT_NHWC, (int[4]){1, 1, 3, 1});
    check_tensor("[[[1, 2, 3], [4, 5, 6]]]", LAYOUT_NHWC, (int[4]){1, 1, 2, 3});
    check_tensor("[[[1, 2, 3], [4, 5, 6]]]", LAYOUT_NCHW, (int[4]){1, 1, 2, 3});
    check_tensor("[[[[1, 2]], [[3, 4]]]]", LAYOUT_IOHW, (int[4]){1, 2, 1, 2});

    PasteResult p;
    Tensor t;
    Err err = {0};
    assert_int_equal(paste_parse("[[[1, 2], [3, 4]]]", &p, &err), 0);
    assert_int_equal(paste_to_tensor(&p, LAYOUT_HWIO, &t, &err), -1);
    assert_int_equal(err.code, TC_ERR_SHAPE);
    assert_string_equal(err.msg, "a 3-D paste is ambiguous for a HWIO kernel, expected 2-D "
                                 "[kh, kw] or 4-D HWIO");
    assert_null(t.data);
    paste_free(&p);
}

/* ---- damaged input never crashes ------------------------------------------------ */

static void test_mutations(void **state)
{
    (void)state;
    static const char alphabet[] = "[](),.-+eE0123456789 \n\tnax=<>'\"\xe2\x88\x92";
    uint32_t seed = 12345;
    char buf[256];
    int parsed = 0, refused = 0;
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        for (int m = 0; m < 300; m++) {
            snprintf(buf, sizeof buf, "%s", good[i].text);
            size_t len = strlen(buf);
            for (int edits = 1 + m % 3; edits > 0 && len > 0; edits--) {
                seed = seed * 1664525u + 1013904223u;
                size_t at = (seed >> 8) % len;
                char ch = alphabet[(seed >> 20) % (sizeof alphabet - 1)];
                if ((seed & 3) == 0) { /* delete */
                    memmove(buf + at, buf + at + 1, len - at);
                    len--;
                } else if ((seed & 3) == 1 && len + 1 < sizeof buf) { /* insert */
                    memmove(buf + at + 1, buf + at, len - at + 1);
                    buf[at] = ch;
                    len++;
                } else {
                    buf[at] = ch;
                }
            }
            PasteResult p;
            Err err = {0};
            if (paste_parse(buf, &p, &err) == 0) {
                for (size_t k = 0; k < p.count; k++)
                    assert_true(isfinite(p.data[k]));
                assert_true(p.rank >= 1 && p.rank <= 4);
                paste_free(&p);
                parsed++;
            } else {
                if (strncmp(err.msg, "line ", 5) != 0)
                    fail_msg("'%s': unpositioned message '%s'", buf, err.msg);
                assert_null(p.data);
                refused++;
            }
        }
    }
    /* Both outcomes really happen, so the loop exercises both paths. */
    assert_true(parsed > 100);
    assert_true(refused > 100);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_accepts),   cmocka_unit_test(test_refuses),
        cmocka_unit_test(test_limits),    cmocka_unit_test(test_to_tensor),
        cmocka_unit_test(test_mutations),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
