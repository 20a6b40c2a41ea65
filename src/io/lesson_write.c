/* lesson_write.c - a minimal lesson file for one conv2d_transpose layer.
 *
 * Only what reopens the layer exactly: convention, the parameters in the
 * convention's own names (TF with an explicit output_shape, so no default
 * rule is involved), the tensors by .npy path and one step. Written by the
 * atomic writer with ATOMIC_NEW: an existing name is never replaced, and a
 * reader sees the whole file or none. */
#include "io/lesson_write.h"

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

static void put_params(FILE *f, const LayerSpec *spec, int bias)
{
    const ConvParams *p = &spec->params;
    fprintf(f, "params:\n");
    if (p->convention == CONV_TF) {
        fprintf(f, "  strides: [%d, %d]\n", p->stride[0], p->stride[1]);
        fprintf(f, "  dilations: [%d, %d]\n", p->dilation[0], p->dilation[1]);
        if (p->padding == PAD_EXPLICIT)
            fprintf(f, "  padding: [%d, %d, %d, %d]\n", p->pad[0], p->pad[1], p->pad[2],
                    p->pad[3]);
        else
            fprintf(f, "  padding: %s\n", p->padding == PAD_SAME ? "SAME" : "VALID");
        fprintf(f, "  output_shape: [%d, %d, %d, %d]\n", spec->size[0], spec->size[1],
                spec->size[2], spec->size[3]);
    } else {
        fprintf(f, "  stride: [%d, %d]\n", p->stride[0], p->stride[1]);
        fprintf(f, "  dilation: [%d, %d]\n", p->dilation[0], p->dilation[1]);
        /* PyTorch pads both sides alike: pad[0] (top) and pad[2] (left). */
        fprintf(f, "  padding: [%d, %d]\n", p->pad[0], p->pad[2]);
        fprintf(f, "  output_padding: [%d, %d]\n", p->output_padding[0], p->output_padding[1]);
        fprintf(f, "  groups: %d\n", p->groups > 0 ? p->groups : 1);
        if (bias)
            fprintf(f, "  bias: true\n");
    }
}

static int check(const char *path, const LessonWriteSpec *w, Err *err)
{
    if (!w->spec || w->spec->op != OP_CONV2D_TRANSPOSE)
        return err_fail(err, TC_ERR_ARG, "%s: a written lesson holds a conv2d_transpose", path);
    if (w->spec->params.convention == CONV_TF)
        for (int i = 0; i < 4; i++)
            if (w->spec->size[i] <= 0)
                return err_fail(err, TC_ERR_ARG,
                                "%s: output_shape[%d] is %d, expected the resolved size > 0", path,
                                i, w->spec->size[i]);
    if (!w->input || !w->filter || !w->title || !w->view || !w->text)
        return err_fail(err, TC_ERR_ARG, "%s: title, input, filter, view and text are required",
                        path);
    return 0;
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
    fprintf(f, "title: ");
    put_quoted(f, w->title);
    fprintf(f, "\nconvention: %s\nop: conv2d_transpose\n",
            spec->params.convention == CONV_TF ? "tf" : "torch");
    put_params(f, spec, w->bias != NULL);
    fprintf(f, "tensors:\n  input: ");
    put_quoted(f, w->input);
    fprintf(f, "\n  filter: ");
    put_quoted(f, w->filter);
    if (w->bias) {
        fprintf(f, "\n  bias: ");
        put_quoted(f, w->bias);
    }
    fprintf(f, "\nsteps:\n  - view: %s\n    at: 0\n    text: ", w->view);
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
