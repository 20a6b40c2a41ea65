/* test_snippet_vocab.c - one vocabulary: the window's header, the code view,
 * `tcviz shape` and `tcviz explain` spell a layer's call the same way.
 *
 * Over a sweep of layers (TF and PyTorch, 1-D and 2-D, stride 1 and 2,
 * dilated and not, padded several ways) each surface's call is read back
 * with its wrapped lines joined: shape's first call, explain's "The call",
 * the header's call (no-break spaces read as spaces) and the code view's
 * call in the layer's own framework (where one call spells it; PyTorch's
 * `weight` read as w). All four must be the same text. The header carries
 * the GPU-only note exactly where shape and explain give a CPU spelling. */
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
#include "core/geom.h"
#include "core/layer1d.h"
#include "io/npy.h"
#include "scene_fixture.h"
#include "ui/snippet.h"

/* The note as shape prints it on a line of its own; explain indents it 2,
 * the header puts it 2 spaces after the call. */
#define GPU_ONLY "# GPU only: TF's CPU kernels refuse dilations > 1."

static int starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* One layer of the sweep: x of 3 (3x3), a kernel of 2 (2x2), one channel. */
typedef struct {
    Convention conv;
    int dims, s, d;
    PadMode mode; /* TF: SAME, VALID or EXPLICIT (1 before, 0 after); PyTorch: EXPLICIT */
    int pad, op;  /* PyTorch's padding and output_padding */
} Case;

static ConvParams params_of(const Case *c)
{
    ConvParams p;
    int tf = c->conv == CONV_TF, explicit_tf = tf && c->mode == PAD_EXPLICIT;
    layer1d_params(&p, c->conv, c->s, c->d, c->mode, tf ? explicit_tf : c->pad,
                   tf ? 0 : c->pad, tf ? 0 : c->op);
    if (c->dims == 2) {
        p.stride[0] = c->s;
        p.dilation[0] = c->d;
        p.pad[0] = p.pad[2];
        p.pad[1] = p.pad[3];
        p.output_padding[0] = p.output_padding[1];
    }
    return p;
}

/* The layer's flags for `tcviz shape` and `tcviz explain`. */
static void flags_of(const Case *c, char *buf, size_t cap)
{
    const char *op = c->dims == 1 ? "conv1d_transpose" : "conv2d_transpose";
    if (c->conv == CONV_TF) {
        const char *pad = c->mode == PAD_SAME    ? "SAME"
                          : c->mode == PAD_VALID ? "VALID"
                          : c->dims == 1         ? "1,0"
                                                 : "1,0,1,0";
        snprintf(buf, cap, "%s --strides %d --dilations %d --padding %s", op, c->s, c->d, pad);
    } else {
        snprintf(buf, cap,
                 "%s --convention torch --stride %d --dilation %d --padding %d "
                 "--output-padding %d",
                 op, c->s, c->d, c->pad, c->op);
    }
}

/* Lines from `at` joined while the next starts with `indent` spaces (the
 * wrap's continuation), each continuation's indent made one space; the text
 * ends at the first line that is not one. Returns where it ended. */
static const char *join_wrapped(const char *at, int indent, char *buf, size_t cap)
{
    size_t len = 0;
    for (;;) {
        size_t n = strcspn(at, "\n");
        assert_true(len + n + 2 < cap);
        memcpy(buf + len, at, n);
        len += n;
        buf[len] = '\0';
        at += n;
        if (*at != '\n' || strspn(at + 1, " ") != (size_t)indent)
            return at;
        at += 1 + indent;
        buf[len++] = ' ';
    }
}

/* Every "weight" in s read as "w". */
static void weight_as_w(char *s)
{
    for (char *p; (p = strstr(s, "weight")) != NULL;)
        memmove(p + 1, p + 6, strlen(p + 6) + 1);
}

static void write_npy(const char *path, int ndim, const int *shape)
{
    float data[9];
    for (int i = 0; i < 9; i++)
        data[i] = 1.0f + (float)i;
    Err err = {0};
    if (npy_write_f32(path, ndim, shape, data, &err) != 0)
        fail_msg("%s", err.msg);
}

/* The window on this layer: its tensors in the convention's layouts, a 1-D
 * layer's with a height of 1. */
static void open_scene(Fx *f, const Case *c, const ConvParams *p)
{
    Err err = {0};
    SceneSetup s = {0};
    int h = c->dims == 1 ? 1 : 3, kh = c->dims == 1 ? 1 : 2, tf = c->conv == CONV_TF;
    s.spec = (LayerSpec){.op = OP_CONV2D_TRANSPOSE, .params = *p, .dims = c->dims};
    assert_int_equal(tensor_init(&s.input, tf ? LAYOUT_NHWC : LAYOUT_NCHW,
                                 tf ? (int[4]){1, h, 3, 1} : (int[4]){1, 1, h, 3}, &err),
                     0);
    assert_int_equal(tensor_init(&s.filter, tf ? LAYOUT_HWOI : LAYOUT_IOHW,
                                 tf ? (int[4]){kh, 2, 1, 1} : (int[4]){1, 1, kh, 2}, &err),
                     0);
    for (size_t i = 0; i < tensor_count(&s.input); i++)
        s.input.data[i] = 1.0f + (float)i;
    for (size_t i = 0; i < tensor_count(&s.filter); i++)
        s.filter.data[i] = 1.0f + (float)i;
    fx_start(f, &s);
    tensor_free(&s.input);
    tensor_free(&s.filter);
}

typedef struct {
    int layers, code_view, noted;
} Tally;

static void check_case(const Case *c, const char *dir, Tally *t)
{
    ConvParams p = params_of(c);
    int two = c->dims == 2, tf = c->conv == CONV_TF;
    ConvGeom g;
    if (geom_conv2d_transpose(&p, (int[4]){1, 1, two ? 3 : 1, 3}, 1, two ? 2 : 1, 2, NULL, &g,
                              NULL) != 0 ||
        g.w.conv_in < 1 || g.h.conv_in < 1)
        return; /* not a layer (PyTorch's output_padding too big, an empty output) */
    t->layers++;
    char flags[256], line[1024], x[256], w[256];
    flags_of(c, flags, sizeof flags);

    /* shape: the call opens its output; continuations are indented 4 */
    Run r;
    snprintf(line, sizeof line, "shape %s --input-shape %s --filter-shape %s", flags,
             two ? (tf ? "1,3,3,1" : "1,1,3,3") : (tf ? "1,3,1" : "1,1,3"),
             two ? (tf ? "2,2,1,1" : "1,1,2,2") : (tf ? "2,1,1" : "1,1,2"));
    run_tcviz_line(line, "", &r);
    if (r.code != 0)
        fail_msg("tcviz %s: %s", line, r.err);
    char shape[1024];
    const char *end = join_wrapped(r.out, 4, shape, sizeof shape);
    int shape_cpu = starts_with(end, "\n" GPU_ONLY);
    run_free(&r);

    /* explain: "The call (...):", then the call indented 2, continuations 6 */
    snprintf(x, sizeof x, "%s/x.npy", dir);
    snprintf(w, sizeof w, "%s/w.npy", dir);
    if (two) {
        write_npy(x, 4, tf ? (int[4]){1, 3, 3, 1} : (int[4]){1, 1, 3, 3});
        write_npy(w, 4, tf ? (int[4]){2, 2, 1, 1} : (int[4]){1, 1, 2, 2});
    } else {
        write_npy(x, 3, tf ? (int[3]){1, 3, 1} : (int[3]){1, 1, 3});
        write_npy(w, 3, tf ? (int[3]){2, 1, 1} : (int[3]){1, 1, 2});
    }
    snprintf(line, sizeof line, "explain %s --input %s --filter %s --steps 1", flags, x, w);
    run_tcviz_line(line, "", &r);
    if (r.code != 0)
        fail_msg("tcviz %s: %s", line, r.err);
    const char *head = tf ? "The call (TensorFlow):\n  " : "The call (PyTorch):\n  ";
    const char *at = strstr(r.out, head);
    if (!at)
        fail_msg("no '%s' in:\n%s", head, r.out);
    char explain[1024];
    end = join_wrapped(at + strlen(head), 6, explain, sizeof explain);
    int explain_cpu = starts_with(end, "\n  " GPU_ONLY);
    run_free(&r);

    /* the window's header */
    Fx f;
    open_scene(&f, c, &p);
    char header[1024];
    snprintf(header, sizeof header, "%s", header_call(&f));
    fx_close(&f);

    /* the code view, where one call of the layer's framework spells it */
    LayerSpec spec = {.op = OP_CONV2D_TRANSPOSE, .params = p, .dims = c->dims};
    Snippet sn;
    Err err = {0};
    if (snippet_build(tf ? SNIPPET_TF : SNIPPET_TORCH_F, &spec, &g, 0, &sn, &err) != 0)
        fail_msg("%s", err.msg);
    char code[1024] = "";
    if (sn.single_call) {
        at = strstr(sn.text, tf ? "\ny = tf.nn." : "\ny = F.");
        if (!at)
            fail_msg("no call in:\n%s", sn.text);
        at += strlen("\ny = ");
        join_wrapped(at, (int)strcspn(at, "(") + (int)strlen("y = ("), code, sizeof code);
        weight_as_w(code);
        t->code_view++;
    }

    assert_string_equal(explain, shape);
    if (explain_cpu != shape_cpu)
        fail_msg("%s: CPU spelling in shape %d, in explain %d", flags, shape_cpu, explain_cpu);
    char want[1100];
    snprintf(want, sizeof want, "%s%s", shape, shape_cpu ? "  " GPU_ONLY : "");
    assert_string_equal(header, want);
    if (sn.single_call)
        assert_string_equal(code, shape);
    assert_int_equal(shape_cpu, tf && c->d > 1);
    t->noted += shape_cpu;
}

static void test_sweep(void **state)
{
    (void)state;
    char dir[] = "/tmp/tcviz-vocab-XXXXXX";
    assert_non_null(mkdtemp(dir));
    Tally t = {0};
    for (int cv = 0; cv < 2; cv++)
        for (int dims = 1; dims <= 2; dims++)
            for (int s = 1; s <= 2; s++)
                for (int d = 1; d <= 2; d++)
                    for (int v = 0; v < 3; v++) {
                        Case c = {.conv = cv ? CONV_TORCH : CONV_TF, .dims = dims, .s = s, .d = d};
                        if (c.conv == CONV_TF) {
                            c.mode = v == 0 ? PAD_SAME : v == 1 ? PAD_VALID : PAD_EXPLICIT;
                        } else {
                            c.mode = PAD_EXPLICIT;
                            c.pad = v == 1;
                            c.op = v == 2;
                        }
                        check_case(&c, dir, &t);
                    }
    char path[64];
    snprintf(path, sizeof path, "%s/x.npy", dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/w.npy", dir);
    unlink(path);
    rmdir(dir);
    print_message("%d layers: header, shape and explain spell each call alike, the code view "
                  "too for %d; %d carry the GPU-only note\n",
                  t.layers, t.code_view, t.noted);
    assert_true(t.layers >= 40);
    assert_true(t.code_view >= 30);
    assert_true(t.noted >= 10);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sweep),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
