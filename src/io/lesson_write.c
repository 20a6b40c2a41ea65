/* lesson_write.c - a minimal lesson file for one conv2d_transpose (or
 * conv1d_transpose) layer, or for a stack of stages (`layers:`).
 *
 * Only what reopens the layer exactly: convention, the parameters in the
 * convention's own names (TF with an explicit output_shape, so no default
 * rule is involved), the tensors by .npy path and one step. Written by the
 * atomic writer with ATOMIC_NEW: an existing name is never replaced, and a
 * reader sees the whole file or none. */
#include "io/lesson_write.h"

#include "core/layer1d.h"
#include "io/atomic_file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Length of the well-formed UTF-8 sequence at p (1..4), or 0 if it is not
 * one (stray continuation, overlong, surrogate, past U+10FFFF, cut short). */
static int utf8_len(const unsigned char *p)
{
    unsigned char c = p[0], lo = 0x80, hi = 0xBF;
    int n;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        n = 2;
    else if (c >= 0xE0 && c <= 0xEF)
        n = 3, lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    else if (c >= 0xF0 && c <= 0xF4)
        n = 4, lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    else
        return 0;
    if (p[1] < lo || p[1] > hi)
        return 0;
    for (int i = 2; i < n; i++)
        if (p[i] < 0x80 || p[i] > 0xBF)
            return 0;
    return n;
}

/* A YAML double-quoted scalar that libyaml reads back: backslash and quote
 * escaped, control characters and DEL dropped (the title and text are
 * single lines), malformed UTF-8 replaced by U+FFFD. */
static void put_quoted(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        int n = utf8_len(p);
        if (n == 0) {
            fputs("\\uFFFD", f);
            p++;
            continue;
        }
        if (*p == '"' || *p == '\\')
            fputc('\\', f);
        if (n > 1 || (*p >= 0x20 && *p != 0x7f))
            fwrite(p, 1, (size_t)n, f);
        p += n;
    }
    fputc('"', f);
}

/* "[a, b]" in 2-D, "b" (the W value) in 1-D. */
static void put_sizes(FILE *f, int dims, const int v[2])
{
    if (dims == 1)
        fprintf(f, "%d", v[1]);
    else
        fprintf(f, "[%d, %d]", v[0], v[1]);
}

/* A stride or dilation: 0 in a spec is the default, 1. */
static void put_factor(FILE *f, int dims, const int v[2])
{
    put_sizes(f, dims, (int[2]){v[0] ? v[0] : 1, v[1] ? v[1] : 1});
}

/* The layer's params block at `ind` (the key's indentation). Only the
 * transposed conv has an output size (TF output_shape, PyTorch
 * output_padding); a size of all zeros is the default and not written. */
static void put_params(FILE *f, const LayerSpec *spec, int bias, const char *ind)
{
    const ConvParams *p = &spec->params;
    int d = spec->dims == 1 ? 1 : 2, transpose = spec->op == OP_CONV2D_TRANSPOSE;
    fprintf(f, "%sparams:\n", ind);
    if (p->convention == CONV_TF) {
        fprintf(f, "%s  strides: ", ind);
        put_factor(f, d, p->stride);
        fprintf(f, "\n%s  dilations: ", ind);
        put_factor(f, d, p->dilation);
        if (p->padding == PAD_EXPLICIT && d == 1)
            fprintf(f, "\n%s  padding: [%d, %d]", ind, p->pad[2], p->pad[3]);
        else if (p->padding == PAD_EXPLICIT)
            fprintf(f, "\n%s  padding: [%d, %d, %d, %d]", ind, p->pad[0], p->pad[1], p->pad[2],
                    p->pad[3]);
        else
            fprintf(f, "\n%s  padding: %s", ind, p->padding == PAD_SAME ? "SAME" : "VALID");
        const int *sz = spec->size;
        if (transpose && d == 1 && (sz[0] || sz[1] || sz[2] || sz[3])) {
            int d3[3];
            shape_2d_to_1d(LAYOUT_NHWC, sz, d3);
            fprintf(f, "\n%s  output_shape: [%d, %d, %d]", ind, d3[0], d3[1], d3[2]);
        } else if (transpose && (sz[0] || sz[1] || sz[2] || sz[3])) {
            fprintf(f, "\n%s  output_shape: [%d, %d, %d, %d]", ind, sz[0], sz[1], sz[2], sz[3]);
        }
        fprintf(f, "\n");
        return;
    }
    fprintf(f, "%s  stride: ", ind);
    put_factor(f, d, p->stride);
    fprintf(f, "\n%s  dilation: ", ind);
    put_factor(f, d, p->dilation);
    /* PyTorch pads both sides alike: pad[0] (top) and pad[2] (left). */
    fprintf(f, "\n%s  padding: ", ind);
    put_sizes(f, d, (int[2]){p->pad[0], p->pad[2]});
    if (transpose) {
        fprintf(f, "\n%s  output_padding: ", ind);
        put_sizes(f, d, p->output_padding);
    }
    fprintf(f, "\n%s  groups: %d\n", ind, p->groups > 0 ? p->groups : 1);
    if (bias)
        fprintf(f, "%s  bias: true\n", ind);
}

static int check(const char *path, const LessonWriteSpec *w, Err *err)
{
    if (!w->input || !w->title || !w->view || !w->text)
        return err_fail(err, TC_ERR_ARG, "%s: title, input, view and text are required", path);
    if (w->n_stages > 0) {
        if (w->n_stages > STACK_MAX_STAGES || !w->stages)
            return err_fail(err, TC_ERR_ARG, "%s: a stack has 1-%d stages", path,
                            STACK_MAX_STAGES);
        for (int i = 0; i < w->n_stages; i++) {
            const LessonWriteStage *st = &w->stages[i];
            if (st->kind == STAGE_LAYER &&
                (!st->spec || !st->filter || !op_has_1d(st->spec->op) ||
                 st->spec->params.convention != w->convention))
                return err_fail(err, TC_ERR_ARG,
                                "%s: layers[%d] needs a conv or transposed conv in the stack's "
                                "convention, and its filter",
                                path, i);
        }
        return 0;
    }
    if (!w->spec || w->spec->op != OP_CONV2D_TRANSPOSE)
        return err_fail(err, TC_ERR_ARG, "%s: a written lesson holds a conv2d_transpose", path);
    if (w->spec->params.convention == CONV_TF)
        for (int i = 0; i < 4; i++)
            if (w->spec->size[i] <= 0)
                return err_fail(err, TC_ERR_ARG,
                                "%s: output_shape[%d] is %d, expected the resolved size > 0", path,
                                i, w->spec->size[i]);
    if (!w->filter)
        return err_fail(err, TC_ERR_ARG, "%s: title, input, filter, view and text are required",
                        path);
    return 0;
}

static void put_stages(FILE *f, const LessonWriteSpec *w)
{
    fprintf(f, "layers:\n");
    for (int i = 0; i < w->n_stages; i++) {
        const LessonWriteStage *st = &w->stages[i];
        if (st->kind != STAGE_LAYER) {
            fprintf(f, "  - resize: %s\n    scale: %d\n", stage_kind_name(st->kind), st->scale);
            continue;
        }
        LayerSpec sp = *st->spec;
        sp.dims = w->dims;
        fprintf(f, "  - op: %s\n", layer_op_name(&sp));
        put_params(f, &sp, st->bias != NULL, "    ");
        fprintf(f, "    filter: ");
        put_quoted(f, st->filter);
        if (st->bias) {
            fprintf(f, "\n    bias: ");
            put_quoted(f, st->bias);
        }
        fputc('\n', f);
    }
}

int lesson_write(const char *path, const LessonWriteSpec *w, Err *err)
{
    if (check(path, w, err) != 0)
        return -1;
    /* The text is built in memory, then written in one checked piece. */
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f)
        return err_fail(err, TC_ERR_NOMEM, "%s: out of memory", path);
    const LayerSpec *spec = w->spec;
    int stack = w->n_stages > 0;
    Convention c = stack ? w->convention : spec->params.convention;
    fprintf(f, "title: ");
    put_quoted(f, w->title);
    fprintf(f, "\nconvention: %s\n", c == CONV_TF ? "tf" : "torch");
    if (!stack) {
        fprintf(f, "op: %s\n", layer_op_name(spec));
        put_params(f, spec, w->bias != NULL, "");
    }
    fprintf(f, "tensors:\n  input: ");
    put_quoted(f, w->input);
    if (!stack) {
        fprintf(f, "\n  filter: ");
        put_quoted(f, w->filter);
    }
    if (!stack && w->bias) {
        fprintf(f, "\n  bias: ");
        put_quoted(f, w->bias);
    }
    fputc('\n', f);
    if (stack)
        put_stages(f, w);
    fprintf(f, "steps:\n  - view: %s\n    at: 0\n    text: ", w->view);
    put_quoted(f, w->text);
    fputc('\n', f);
    if (fclose(f) != 0) {
        free(text);
        return err_fail(err, TC_ERR_NOMEM, "%s: out of memory", path);
    }
    AtomicFile out;
    int rc = atomic_open(&out, path, ATOMIC_NEW, err);
    if (rc == 0) {
        atomic_write(&out, text, len);
        rc = atomic_commit(&out, err);
    }
    free(text);
    return rc;
}
