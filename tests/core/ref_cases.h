/* ref_cases.h - read a reference case (tests/data/reference) into the
 * layer's own types, run it and compare by the README rule.
 *
 * Header-only (static functions) because tests.cmake builds each test_*.c
 * alone; include it after <cmocka.h>, whose asserts load_file and file_cases
 * use. Every function returns -1 and writes a one-line reason into `why`
 * (WHY_MAX bytes) instead of asserting, so a file's test can count failures.
 *
 *     char why[WHY_MAX];
 *     json_t *root = load_file("tf_conv2d.json");
 *     const json_t *cases = file_cases(root, "tf_conv2d.json", 231);
 *     if (run_case(json_array_get(cases, 0), why) != 0) print_error("%s\n", why);
 *     json_decref(root);
 */
#ifndef TCVIZ_TEST_REF_CASES_H
#define TCVIZ_TEST_REF_CASES_H

#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/layer.h"
#include "../common/fail_why.h"

#define REF_DIR TCVIZ_TEST_DATA "/reference/"

/* The README's float tolerance; exact cases compare with ==. The case's own
 * `tolerance` must agree, so the data cannot loosen the test. */
#define FLOAT_RTOL 1e-5
#define FLOAT_ATOL 1e-5

/* One case, parsed into the layer's own types. */
typedef struct {
    const char *name;
    LayerSpec spec;
    Tensor input, filter, d_out;
    int exact;
} RefCase;

static int int_array(const json_t *arr, int n, int *out)
{
    if (!json_is_array(arr) || (int)json_array_size(arr) != n)
        return -1;
    for (int i = 0; i < n; i++) {
        const json_t *v = json_array_get(arr, (size_t)i);
        if (!json_is_integer(v))
            return -1;
        out[i] = (int)json_integer_value(v);
    }
    return 0;
}

static int tensor_from_json(const json_t *j, const char *what, Tensor *t, char *why)
{
    int dim[4];
    Layout layout;
    Err err = {0};
    const json_t *data = json_object_get(j, "data");
    const char *lname = json_string_value(json_object_get(j, "layout"));
    if (int_array(json_object_get(j, "shape"), 4, dim) != 0)
        return fail_why(why, "%s: shape is not 4 integers", what);
    if (!lname || layout_parse(lname, &layout) != 0)
        return fail_why(why, "%s: unknown layout %s", what, lname ? lname : "(missing)");
    if (tensor_init(t, layout, dim, &err) != 0)
        return fail_why(why, "%s: %s", what, err.msg);
    if (!json_is_array(data) || json_array_size(data) != tensor_count(t))
        return fail_why(why, "%s: data has %zu numbers, the shape needs %zu", what,
                        json_array_size(data), tensor_count(t));
    for (size_t i = 0; i < tensor_count(t); i++) {
        const json_t *v = json_array_get(data, i);
        if (!json_is_number(v))
            return fail_why(why, "%s: data[%zu] is not a number", what, i);
        t->data[i] = (float)json_number_value(v);
    }
    return 0;
}

/* Read `key` of params as n integers into out; counts it as understood. */
static int param_ints(const json_t *params, const char *key, int n, int *out, int *used,
                      char *why)
{
    if (int_array(json_object_get(params, key), n, out) != 0)
        return fail_why(why, "params.%s: expected %d integers", key, n);
    (*used)++;
    return 0;
}

static int tf_params(const json_t *params, OpKind op, LayerSpec *spec, int *used, char *why)
{
    ConvParams *p = &spec->params;
    const char *pad = json_string_value(json_object_get(params, "padding"));
    if (param_ints(params, "strides", 2, p->stride, used, why) ||
        param_ints(params, "dilations", 2, p->dilation, used, why))
        return -1;
    if (!pad || (strcmp(pad, "SAME") != 0 && strcmp(pad, "VALID") != 0))
        return fail_why(why, "params.padding: expected \"SAME\" or \"VALID\"");
    p->padding = strcmp(pad, "SAME") == 0 ? PAD_SAME : PAD_VALID;
    (*used)++;
    static const char *const size_key[OP_COUNT] = {
        [OP_CONV2D_TRANSPOSE] = "output_shape",
        [OP_BACKPROP_INPUT] = "input_sizes",
        [OP_BACKPROP_FILTER] = "filter_sizes",
    };
    return size_key[op] ? param_ints(params, size_key[op], 4, spec->size, used, why) : 0;
}

static int torch_params(const json_t *params, OpKind op, LayerSpec *spec, int *used, char *why)
{
    ConvParams *p = &spec->params;
    int pad[2] = {0, 0};
    const json_t *groups = json_object_get(params, "groups");
    if (param_ints(params, "stride", 2, p->stride, used, why) ||
        param_ints(params, "dilation", 2, p->dilation, used, why) ||
        param_ints(params, "padding", 2, pad, used, why))
        return -1;
    if (!json_is_integer(groups))
        return fail_why(why, "params.groups: expected an integer");
    (*used)++;
    p->padding = PAD_EXPLICIT;
    p->pad[0] = p->pad[1] = pad[0];
    p->pad[2] = p->pad[3] = pad[1];
    p->groups = (int)json_integer_value(groups);
    if (op == OP_CONV2D_TRANSPOSE)
        return param_ints(params, "output_padding", 2, p->output_padding, used, why);
    if (op == OP_BACKPROP_INPUT)
        return param_ints(params, "input_size", 4, spec->size, used, why);
    if (op == OP_BACKPROP_FILTER)
        return param_ints(params, "weight_size", 4, spec->size, used, why);
    return 0;
}

static void ref_case_free(RefCase *rc)
{
    tensor_free(&rc->input);
    tensor_free(&rc->filter);
    tensor_free(&rc->d_out);
}

static int ref_case_parse(const json_t *c, RefCase *rc, char *why)
{
    memset(rc, 0, sizeof *rc);
    rc->name = json_string_value(json_object_get(c, "name"));
    const char *op = json_string_value(json_object_get(c, "op"));
    const char *conv = json_string_value(json_object_get(c, "convention"));
    const json_t *params = json_object_get(c, "params");
    const json_t *tensors = json_object_get(c, "tensors");
    const json_t *tol = json_object_get(c, "tolerance");
    if (!rc->name)
        return fail_why(why, "case has no name");
    if (!op || op_parse(op, &rc->spec.op) != 0)
        return fail_why(why, "unknown op %s", op ? op : "(missing)");
    if (!conv || (strcmp(conv, "tf") != 0 && strcmp(conv, "torch") != 0))
        return fail_why(why, "unknown convention %s", conv ? conv : "(missing)");
    if (!json_is_boolean(json_object_get(c, "exact")) || !json_is_object(params) ||
        !json_is_object(tensors) || !json_is_object(tol))
        return fail_why(why, "case lacks exact, params, tensors or tolerance");
    const char *dtype = json_string_value(json_object_get(c, "dtype"));
    if (!dtype || strcmp(dtype, "float32") != 0)
        return fail_why(why, "dtype is %s, expected float32", dtype ? dtype : "(missing)");

    rc->exact = json_is_true(json_object_get(c, "exact"));
    double rtol = json_number_value(json_object_get(tol, "rtol"));
    double atol = json_number_value(json_object_get(tol, "atol"));
    if (rc->exact ? (rtol != 0 || atol != 0) : (rtol != FLOAT_RTOL || atol != FLOAT_ATOL))
        return fail_why(why, "tolerance {rtol %g, atol %g} is not the README's for %s cases", rtol,
                        atol, rc->exact ? "exact" : "float");

    int used = 0;
    rc->spec.params.convention = strcmp(conv, "tf") == 0 ? CONV_TF : CONV_TORCH;
    int rcode = rc->spec.params.convention == CONV_TF
                    ? tf_params(params, rc->spec.op, &rc->spec, &used, why)
                    : torch_params(params, rc->spec.op, &rc->spec, &used, why);
    if (rcode != 0)
        return -1;
    if ((int)json_object_size(params) != used)
        return fail_why(why, "params has %zu fields, this test understands %d of them",
                        json_object_size(params), used);

    static const char *const names[3] = {"input", "filter", "d_out"};
    Tensor *slots[3] = {&rc->input, &rc->filter, &rc->d_out};
    size_t found = 0;
    for (int i = 0; i < 3; i++) {
        const json_t *t = json_object_get(tensors, names[i]);
        if (!t)
            continue;
        found++;
        if (tensor_from_json(t, names[i], slots[i], why) != 0)
            return -1;
    }
    if (found != json_object_size(tensors))
        return fail_why(why, "tensors has a field other than input, filter, d_out");
    return 0;
}

static LayerTensors ref_case_tensors(const RefCase *rc)
{
    LayerTensors t = {
        .input = rc->input.data ? &rc->input : NULL,
        .filter = rc->filter.data ? &rc->filter : NULL,
        .d_out = rc->d_out.data ? &rc->d_out : NULL,
    };
    return t;
}

typedef struct {
    const char *key;
    int got;
} Field;

/* `derived` must list exactly the geometry fields of its op, each equal. */
static int check_derived(const json_t *derived, OpKind op, const ConvGeom *g, char *why)
{
    const Field transpose[] = {
        {"out_h", g->h.conv_in},          {"out_w", g->w.conv_in},
        {"full_h", g->h.full},            {"full_w", g->w.full},
        {"crop_top", g->h.pad_before},    {"crop_bottom", g->h.crop_after},
        {"crop_left", g->w.pad_before},   {"crop_right", g->w.crop_after},
    };
    const Field forward[] = {
        {"out_h", g->h.conv_out},         {"out_w", g->w.conv_out},
        {"pad_top", g->h.pad_before},     {"pad_bottom", g->h.pad_after},
        {"pad_left", g->w.pad_before},    {"pad_right", g->w.pad_after},
    };
    const Field *f = op == OP_CONV2D_TRANSPOSE ? transpose : forward;
    int n = op == OP_CONV2D_TRANSPOSE ? 8 : 6;
    if (!json_is_object(derived) || (int)json_object_size(derived) != n)
        return fail_why(why, "derived: expected %d fields", n);
    for (int i = 0; i < n; i++) {
        const json_t *v = json_object_get(derived, f[i].key);
        if (!json_is_integer(v))
            return fail_why(why, "derived.%s is missing", f[i].key);
        if (json_integer_value(v) != f[i].got)
            return fail_why(why, "derived.%s: expected %lld, layer_resolve gives %d", f[i].key,
                            (long long)json_integer_value(v), f[i].got);
    }
    return 0;
}

/* Compare out with the expected tensor by the README rule; names the first
 * mismatching flat index. */
static int check_output(const Tensor *out, const json_t *exp, int exact, char *why)
{
    int dim[4];
    const char *lname = json_string_value(json_object_get(exp, "layout"));
    const json_t *data = json_object_get(exp, "data");
    if (int_array(json_object_get(exp, "shape"), 4, dim) != 0 || !lname || !json_is_array(data))
        return fail_why(why, "expected: malformed tensor");
    if (strcmp(layout_name(out->layout), lname) != 0)
        return fail_why(why, "layout: expected %s, got %s", lname, layout_name(out->layout));
    if (memcmp(dim, out->dim, sizeof dim) != 0)
        return fail_why(why, "shape: expected [%d,%d,%d,%d], got [%d,%d,%d,%d]", dim[0], dim[1],
                        dim[2], dim[3], out->dim[0], out->dim[1], out->dim[2], out->dim[3]);
    if (json_array_size(data) != tensor_count(out))
        return fail_why(why, "expected has %zu numbers for %zu elements", json_array_size(data),
                        tensor_count(out));
    for (size_t i = 0; i < tensor_count(out); i++) {
        double e = json_number_value(json_array_get(data, i));
        double g = out->data[i];
        /* Written so that a NaN fails both branches. */
        int ok = exact ? g == e : fabs(g - e) <= FLOAT_RTOL * fabs(e) + FLOAT_ATOL;
        if (!ok)
            return fail_why(why, "first mismatch at flat index %zu: expected %.9g, got %.9g", i,
                            e, g);
    }
    return 0;
}

/* Parse, resolve, check derived, run and compare one case. A wrong geometry
 * still runs, so the report names both it and the first wrong element. */
static int run_case(const json_t *c, char *why)
{
    RefCase rc;
    Tensor out = {0};
    ConvGeom g;
    Err err = {0};
    char why_geom[WHY_MAX] = "", why_out[WHY_MAX] = "";
    int rcode = -1;
    if (ref_case_parse(c, &rc, why) != 0)
        goto done;
    LayerTensors t = ref_case_tensors(&rc);
    if (json_object_get(c, "expected_error")) {
        /* A case the framework refuses: the core refuses it too, with a message. */
        if (layer_run(&rc.spec, &t, &out, &err) == 0)
            fail_why(why, "the framework refuses this layer, layer_run computed it");
        else if (err.msg[0] == '\0')
            fail_why(why, "layer_run refused without a message");
        else
            rcode = 0;
        goto done;
    }
    if (layer_resolve(&rc.spec, &t, &g, &err) != 0) {
        fail_why(why, "layer_resolve: %s", err.msg);
        goto done;
    }
    int bad_geom = check_derived(json_object_get(c, "derived"), rc.spec.op, &g, why_geom) != 0;
    if (layer_run(&rc.spec, &t, &out, &err) != 0) {
        fail_why(why, "%s%slayer_run: %s", why_geom, bad_geom ? "; " : "", err.msg);
        goto done;
    }
    int bad_out = check_output(&out, json_object_get(c, "expected"), rc.exact, why_out) != 0;
    if (bad_geom || bad_out) {
        fail_why(why, "%s%s%s", why_geom, bad_geom && bad_out ? "; " : "", why_out);
        goto done;
    }
    rcode = 0;
done:
    tensor_free(&out);
    ref_case_free(&rc);
    return rcode;
}

static json_t *load_file(const char *file)
{
    char path[1024];
    json_error_t jerr;
    snprintf(path, sizeof path, "%s%s", REF_DIR, file);
    json_t *root = json_load_file(path, 0, &jerr);
    if (!root)
        print_error("%s:%d: %s\n", path, jerr.line, jerr.text);
    assert_non_null(root);
    return root;
}

static const json_t *file_cases(const json_t *root, const char *file, int want)
{
    const json_t *cases = json_object_get(root, "cases");
    assert_true(json_is_array(cases));
    if ((int)json_array_size(cases) != want)
        print_error("%s: %zu cases, the reference set has %d\n", file, json_array_size(cases),
                    want);
    assert_int_equal(json_array_size(cases), want);
    assert_int_equal(json_integer_value(json_object_get(root, "count")), want);
    assert_int_equal(json_integer_value(json_object_get(root, "schema_version")), 1);
    return cases;
}

#endif
