/* explain_json.c - `tcviz explain --format json`: the walkthrough's numbers
 * as one JSON document for other tools (jansson builds and prints it).
 *
 * Schema (version 1); every tensor is a nested list in canonical order
 * (data NCHW, filters IOHW / OIHW) whatever the convention, so a tool reads
 * all of them the same way; numbers are float32 values printed exactly
 * (9 significant digits), a non-finite value is null:
 *
 * {
 *   "format": "tcviz-explain", "version": 1,
 *   "source": {"lesson": path|null, "title": text|null, "default_tensors": bool},
 *   "config": {"op": "conv2d_transpose", "convention": "tf"|"torch", "call": text,
 *              "cpu_call": null | {"note": text, "kernel": text, "call": text}
 *                          (a TF call with dilations > 1 runs on GPU only: the same layer
 *                           on CPU, its kernel dilated with zeros, dilation 1),
 *              "strides": [sh,sw], "dilations": [dh,dw],
 *              "padding": "SAME"|"VALID"|[top,bottom,left,right] (tf)
 *                         | [h,w] (torch),
 *              "output_padding": [h,w], "groups": g,
 *              "input"|"filter"|"output": {"layout": "NHWC", "shape": [4 ints]},
 *              "bias": [values]|null},
 *   "geometry": {"height"|"width": {"in", "k", "dilation", "k_eff", "stride", "full",
 *                "crop_before", "crop_after", "out"}},      (crop_after < 0: zeros appended)
 *   "steps_total": T, "steps_shown": S,                     (S = min(T, --steps))
 *   "steps": [{"index": k, "input": [n,c,h,w], "value": v,
 *              "out_rows": [r0,r1], "out_cols": [c0,c1],  (half-open, output indices,
 *              "row_step": d, "col_step": d,               may reach cropped cells)
 *              "out_channels": [c0,c1],                    (half-open)
 *              "partial": [C][full_h][full_w]}],           (batch item n, after step k)
 *   "equivalent": {"pad": [top,bottom,left,right], "zero_inserted_size": [h,w],
 *                  "padded_input": [N][C][PH][PW],
 *                  "padded_kind": [N][C][PH][PW],          (0 input value, 1 inserted zero,
 *                                                           2 padding)
 *                  "kernel_rot": [Cout][Cin/G][KH][KW]},
 *   "output": [N][C][H][W],
 *   "verification": {"agree": bool, "max_abs_diff": x, "conv2d_equivalent": x,
 *                    "matrix": x, "backprop_input": x},
 *   "questions": [{"step": k, "kind": "cell"|"size"|"touches"|"spelling", "prompt": text,
 *                  "answer": text, and "value": x | "size": [H, W] | "cells": [[r, c], ...]
 *                  | "choice": k with "choices": [text, ...]}]   (a lesson's, when it asks)
 * }
 */
#include "cli/explain.h"
#include "core/layer1d.h"
#include "core/strbuf.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Builders return NULL on allocation failure; jansson's *_new setters
 * accept NULL and report it, so one check at the end catches any failure. */

static json_t *num(double v)
{
    return isfinite(v) ? json_real(v) : json_null();
}

static json_t *ints(const int *v, int n)
{
    json_t *a = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(a, json_integer(v[i]));
    return a;
}

/* data as nested lists of dims[0] x ... x dims[nd-1]. */
static json_t *nested(const float *data, const int *dims, int nd)
{
    json_t *a = json_array();
    size_t inner = 1;
    for (int i = 1; i < nd; i++)
        inner *= (size_t)dims[i];
    for (int i = 0; i < dims[0]; i++)
        json_array_append_new(a, nd == 1 ? num(data[i])
                                         : nested(data + (size_t)i * inner, dims + 1, nd - 1));
    return a;
}

static json_t *shape_of(Layout layout, const int dim[4])
{
    return json_pack("{s:s, s:o}", "layout", layout_name(layout), "shape", ints(dim, 4));
}

static json_t *config(const Explain *e)
{
    const ConvParams *p = &e->spec.params;
    const ConvGeom *g = &e->g;
    Convention c = p->convention;
    VocabArg args[VOCAB_MAX_ARGS];
    char call[1024];
    const char *name;
    int n = explain_call_args(e, &name, args);
    StrBuf cb = strbuf_init(call, sizeof call);
    strbuf_printf(&cb, "%s(", name);
    for (int i = 0; i < n; i++)
        strbuf_printf(&cb, "%s%s", i ? ", " : "", args[i].s);
    strbuf_printf(&cb, ")");

    json_t *cpu_call = json_null();
    VocabCpuCall cc;
    if (vocab_cpu_call(&e->spec, g, &(VocabNames){.x = "x", .w = "wd"}, "w", "wd", &cc)) {
        char text[1024];
        size_t at = (size_t)snprintf(text, sizeof text, "%s(", cc.name);
        for (int i = 0; i < cc.n && at < sizeof text; i++)
            at += (size_t)snprintf(text + at, sizeof text - at, "%s%s", i ? ", " : "",
                                   cc.args[i].s);
        if (at < sizeof text)
            snprintf(text + at, sizeof text - at, ")%s", cc.suffix);
        json_decref(cpu_call);
        cpu_call = json_pack("{s:s, s:s, s:s}", "note", cc.note, "kernel", cc.kernel, "call", text);
    }
    json_t *pad;
    if (c == CONV_TORCH)
        pad = ints((int[2]){g->h.pad_before, g->w.pad_before}, 2);
    else if (p->padding == PAD_EXPLICIT)
        pad = ints(p->pad, 4);
    else
        pad = json_string(pad_mode_name(p->padding));
    json_t *bias = json_null();
    if (e->has_bias) {
        json_decref(bias);
        bias = nested(e->layer.scatter.bias, &g->c_conv_in, 1);
    }
    return json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:i, s:o, s:o, s:o, s:o}",
                     "op", layer_op_name(&e->spec), "convention", c == CONV_TF ? "tf" : "torch",
                     "call", call, "cpu_call", cpu_call, "strides", ints((int[2]){g->h.stride, g->w.stride}, 2),
                     "dilations", ints((int[2]){g->h.dil, g->w.dil}, 2), "padding", pad,
                     "output_padding", ints(p->output_padding, 2), "groups", g->groups,
                     "input", shape_of(layer_data_layout(c), e->in_dim),
                     "filter", shape_of(layer_filter_layout(c, OP_CONV2D_TRANSPOSE), e->w_dim),
                     "output", shape_of(layer_data_layout(c), e->out_dim), "bias", bias);
}

static json_t *axis(const AxisGeom *a)
{
    return json_pack("{s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:i}", "in", a->conv_out, "k",
                     a->k, "dilation", a->dil, "k_eff", a->k_eff, "stride", a->stride, "full",
                     a->full, "crop_before", a->pad_before, "crop_after", a->crop_after, "out",
                     a->conv_in);
}

static json_t *steps(const Explain *e, int shown)
{
    const ConvGeom *g = &e->g;
    const ScatterTrace *t = &e->layer.scatter;
    json_t *list = json_array();
    float *canvas = malloc(trace_scatter_canvas_count(t) * sizeof(float));
    if (!canvas) {
        json_decref(list);
        return NULL;
    }
    size_t item = (size_t)g->c_conv_in * g->h.full * g->w.full;
    int cdims[3] = {g->c_conv_in, g->h.full, g->w.full};
    for (int k = 0; k < shown; k++) {
        ScatterStep s;
        trace_scatter_step(t, k, &s);
        trace_scatter_partial(t, k + 1, canvas);
        int r0 = s.row0 - g->h.pad_before, c0 = s.col0 - g->w.pad_before;
        json_array_append_new(
            list, json_pack("{s:i, s:o, s:o, s:o, s:o, s:i, s:i, s:o, s:o}", "index", k, "input",
                            ints((int[4]){s.n, s.c, s.i, s.j}, 4), "value", num(s.value),
                            "out_rows", ints((int[2]){r0, r0 + g->h.k_eff}, 2), "out_cols",
                            ints((int[2]){c0, c0 + g->w.k_eff}, 2), "row_step", s.row_step,
                            "col_step", s.col_step, "out_channels",
                            ints((int[2]){s.c_first, s.c_first + s.c_count}, 2), "partial",
                            nested(canvas + (size_t)s.n * item, cdims, 3)));
    }
    free(canvas);
    return list;
}

static json_t *equivalent(const Explain *e)
{
    const ConvGeom *g = &e->g;
    const EquivConv *q = &e->equiv;
    int ph = q->eq.h.conv_in, pw = q->eq.w.conv_in;
    int pdims[4] = {g->n, g->c_conv_out, ph, pw};
    int kdims[4] = {g->c_conv_in, g->c_conv_out / g->groups, g->h.k, g->w.k};
    /* The kind of every padded cell, by where it came from. */
    json_t *kinds = json_array();
    for (int b = 0; b < g->n * g->c_conv_out; b++) {
        json_t *plane = json_array();
        for (int r = 0; r < ph; r++) {
            json_t *row = json_array();
            for (int c = 0; c < pw; c++) {
                int zr = r - q->pad[0], zc = c - q->pad[2];
                int kind = zr < 0 || zr >= q->zh || zc < 0 || zc >= q->zw ? 2
                           : zr % g->h.stride || zc % g->w.stride          ? 1
                                                                           : 0;
                json_array_append_new(row, json_integer(kind));
            }
            json_array_append_new(plane, row);
        }
        json_array_append_new(kinds, plane);
    }
    /* [N*C][PH][PW] -> [N][C][PH][PW] */
    json_t *kind4 = json_array();
    for (int n = 0; n < g->n; n++) {
        json_t *item = json_array();
        for (int c = 0; c < g->c_conv_out; c++)
            json_array_append(item, json_array_get(kinds, (size_t)n * g->c_conv_out + c));
        json_array_append_new(kind4, item);
    }
    json_decref(kinds);
    return json_pack("{s:o, s:o, s:o, s:o, s:o}", "pad", ints(q->pad, 4), "zero_inserted_size",
                     ints((int[2]){q->zh, q->zw}, 2), "padded_input",
                     nested(q->padded, pdims, 4), "padded_kind", kind4, "kernel_rot",
                     nested(q->kernel, kdims, 4));
}

/* The lesson's questions: step, kind, prompt, choices, the answer as text
 * and in its own form (value, size, cells or choice). */
static json_t *questions(const ExplainSource *src)
{
    json_t *list = json_array();
    for (int i = 0; list && i < src->n_questions; i++) {
        const ExplainQuestion *q = &src->questions[i];
        json_t *choices = json_array(), *cells = json_array();
        for (int c = 0; c < q->n_choices; c++)
            json_array_append_new(choices, json_string(q->choices[c]));
        for (int c = 0; c < q->n_cells; c++)
            json_array_append_new(cells, json_pack("[i, i]", q->cells[c][0], q->cells[c][1]));
        json_t *item = json_pack("{s:i, s:s, s:s, s:s}", "step", q->step, "kind", q->kind,
                                 "prompt", q->prompt, "answer", q->answer);
        if (strcmp(q->kind, "cell") == 0)
            json_object_set_new(item, "value", num(q->value));
        else if (strcmp(q->kind, "size") == 0)
            json_object_set_new(item, "size", json_pack("[i, i]", q->size[0], q->size[1]));
        else if (strcmp(q->kind, "touches") == 0)
            json_object_set(item, "cells", cells);
        else
            json_object_set_new(item, "choice", json_integer(q->choice));
        if (q->n_choices)
            json_object_set(item, "choices", choices);
        json_decref(choices);
        json_decref(cells);
        json_array_append_new(list, item);
    }
    return list;
}

int explain_write_json(FILE *f, const Explain *e, const ExplainOptions *o, Err *err)
{
    const ConvGeom *g = &e->g;
    int shown = e->layer.scatter.steps < o->max_steps ? e->layer.scatter.steps : o->max_steps;
    int odims[4] = {g->n, g->c_conv_in, g->h.conv_in, g->w.conv_in};
    json_t *root = json_pack(
        "{s:s, s:i, s:{s:o, s:o, s:b}, s:o, s:{s:o, s:o}, s:i, s:i, s:o, s:o, s:o, "
        "s:{s:b, s:o, s:o, s:o, s:o}}",
        "format", "tcviz-explain", "version", 1, "source", "lesson",
        e->src.lesson ? json_string(e->src.lesson) : json_null(), "title",
        e->src.title ? json_string(e->src.title) : json_null(), "default_tensors",
        e->src.default_tensors != 0, "config", config(e), "geometry", "height", axis(&g->h), "width",
        axis(&g->w), "steps_total", e->layer.scatter.steps, "steps_shown", shown, "steps",
        steps(e, shown), "equivalent", equivalent(e), "output",
        nested(e->layer.scatter.output, odims, 4), "verification", "agree", e->agree, "max_abs_diff",
        num(e->max_diff), "conv2d_equivalent", num(e->diff_equiv), "matrix",
        num(e->diff_matrix), "backprop_input", num(e->diff_backprop));
    if (!root)
        return err_fail(err, TC_ERR_NOMEM, "out of memory for the JSON document");
    if (e->src.n_questions > 0)
        json_object_set_new(root, "questions", questions(&e->src));
    int rc = json_dumpf(root, f, JSON_COMPACT | JSON_REAL_PRECISION(9));
    json_decref(root);
    if (rc != 0 || fputc('\n', f) == EOF || fflush(f) != 0)
        return err_fail(err, TC_ERR_IO, "cannot write the JSON document");
    return 0;
}
