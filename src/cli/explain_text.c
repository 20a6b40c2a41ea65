/* explain_text.c - `tcviz explain` as a readable walkthrough.
 *
 * Sections, in the order a reader needs them: the call, the shapes, how the
 * padding becomes a crop, every scatter step with the canvas it builds
 * (explain_scatter.c), the same result as a stride-1 conv2d over the
 * zero-inserted padded input (explain_equiv.c), the output, and the line
 * saying all four formulations agree. Everything is laid out in TextBlocks so
 * no line passes 79 columns: wide grids continue in column bands, big
 * canvases show a window around the step's footprint, and tensors with many
 * channels print EXPLAIN_MAX_SLICES slices and say how many were left out.
 * This file holds the shared helpers and the short sections. */
#include "cli/explain_text_internal.h"
#include "core/layer1d.h"
#include "core/strbuf.h"

#include <stdlib.h>
#include <string.h>


void xt_emit(Out *o, TextBlock *b, int indent)
{
    if (block_print(o->f, b, indent) != 0)
        o->failed = 1;
    block_free(b);
}

void xt_value_text(Out *o, char *buf, size_t cap, double v)
{
    if (!vocab_number(buf, cap, v))
        o->rounded = 1;
}

const char *xt_plural(int n)
{
    return n == 1 ? "" : "s";
}

/* ---- names in the convention's index order (core/vocab.h) --------------------- */

int xt_single(const ConvGeom *g)
{
    return vocab_single(g);
}

void xt_input_name(const Explain *e, int n, int c, int i, int j, char *buf, size_t cap)
{
    vocab_data_name(buf, cap, "x", e->spec.params.convention, &e->g, n, c, i, j);
}

void xt_slice_name(const Explain *e, const char *var, int n, int c, char *buf, size_t cap)
{
    vocab_data_slice(buf, cap, var, e->spec.params.convention, &e->g, n, c);
}

void xt_filter_name(const Explain *e, int ci, int co, char *buf, size_t cap)
{
    vocab_filter_slice(buf, cap, "w", e->spec.params.convention, &e->g, ci, co);
}

/* ---- grid callbacks ------------------------------------------------------------- */

typedef struct {
    Out *o;
    const float *data;
    int cols;
    float scale; /* multiplies every value (the weighted kernel copy) */
} PlaneView;

static void plane_cell(void *user, int r, int c, char *buf, size_t cap, char *mark)
{
    PlaneView *v = user;
    (void)mark;
    /* A float product, as the scatter adds it onto the canvas. */
    float x = v->scale * v->data[(size_t)r * v->cols + c];
    xt_value_text(v->o, buf, cap, x);
}

void xt_index_label(void *user, int axis, int index, char *buf, size_t cap)
{
    (void)user;
    (void)axis;
    snprintf(buf, cap, "%d", index);
}

void xt_plane_grid(TextBlock *b, Out *o, const float *data, int rows, int cols, float scale,
                       int labels, int min_cell, int width)
{
    PlaneView v = {o, data, cols, scale};
    GridSpec gs = {.rows = rows, .cols = cols, .min_cell = min_cell, .cell = plane_cell,
                   .label = labels ? xt_index_label : NULL, .user = &v, .width = width};
    grid_render(b, &gs);
}

/* ---- sections -------------------------------------------------------------------- */

static void section_header(Out *o)
{
    const Explain *e = o->e;
    TextBlock b;
    block_init(&b);
    block_addf(&b, "%s, step by step", layer_op_name(&o->e->spec));
    if (e->src.lesson)
        block_wrap(&b, "Lesson: ", "  ", e->src.lesson, TEXT_WIDTH);
    if (e->src.title)
        block_wrap(&b, "  ", "  ", e->src.title, TEXT_WIDTH);
    if (e->src.summary)
        block_wrap(&b, "  ", "  ", e->src.summary, TEXT_WIDTH);
    unsigned d = (unsigned)e->src.default_tensors;
    if (d)
        block_wrap(&b, NULL, "",
                   d == (EXPLAIN_DEFAULT_INPUT | EXPLAIN_DEFAULT_FILTER)
                       ? "(no tensors given: the default example of the source question, x = "
                         "[[0,0,1.5],[0,1,0],[0,0,0]] and w = [[1,2],[3,4]] for one channel)"
                   : d == EXPLAIN_DEFAULT_INPUT
                       ? "(no input given: the default example's, x = [[0,0,1.5],[0,1,0],"
                         "[0,0,0]] for one channel, 1, 2, 3, ... for more)"
                       : "(no filter given: the default example's, w = [[1,2],[3,4]] for one "
                         "channel, 1, 2, 3, ... for more)",
                   TEXT_WIDTH);
    xt_emit(o, &b, 0);
}

void xt_call_lines(TextBlock *b, const char *name, const VocabArg *args, int n,
                   const char *suffix)
{
    char text[1024];
    StrBuf o = strbuf_init(text, sizeof text);
    vocab_call_wrap(&o, "  ", name, args, n, suffix, TEXT_WIDTH, 6);
    for (char *line = text, *end; (end = strchr(line, '\n')) != NULL; line = end + 1)
        block_addf(b, "%.*s", (int)(end - line), line);
}

static void section_call(Out *o)
{
    const Explain *e = o->e;
    VocabArg args[VOCAB_MAX_ARGS];
    const char *name;
    int n = explain_call_args(e, &name, args);
    Convention c = e->spec.params.convention;
    TextBlock b;
    block_init(&b);
    block_addf(&b, "%s", "");
    block_addf(&b, "The call (%s):", c == CONV_TF ? "TensorFlow" : "PyTorch");
    xt_call_lines(&b, name, args, n, vocab_call_suffix(&e->spec));
    if (c == CONV_TF && e->has_bias)
        block_addf(&b, "  followed by tf.nn.bias_add(..., b)");
    xt_cpu_spelling(&b, e);

    Layout dlay = layer_data_layout(c), flay = layer_filter_layout(c, OP_CONV2D_TRANSPOSE);
    int dims = e->spec.dims;
    char xs[64], ws[64], ys[64];
    xt_dims(dlay, e->in_dim, dims, xs, sizeof xs);
    xt_dims(flay, e->w_dim, dims, ws, sizeof ws);
    xt_dims(dlay, e->out_dim, dims, ys, sizeof ys);
    block_addf(&b, "%s", "");
    block_addf(&b, "Shapes:");
    block_addf(&b, "  x  input   %s %s", layout_name_dims(dlay, dims), xs);
    block_addf(&b, "  w  filter  %s %s   (%s)", layout_name_dims(flay, dims), ws,
               dims == 1 ? (c == CONV_TF ? "width, out, in" : "in, out/groups, width")
               : c == CONV_TF ? "height, width, out, in" : "in, out/groups, height, width");
    if (e->has_bias)
        block_addf(&b, "  b  bias    [%d]   (one per output channel)", e->g.c_conv_in);
    block_addf(&b, "  y  output  %s %s", layout_name_dims(dlay, dims), ys);
    xt_emit(o, &b, 0);
}

/* A shape in `layout` as "[a, b, c, d]", or without its H in 1-D. */
void xt_dims(Layout layout, const int d[4], int dims, char *buf, size_t cap)
{
    int d3[3];
    if (dims != 1) {
        snprintf(buf, cap, "[%d, %d, %d, %d]", d[0], d[1], d[2], d[3]);
        return;
    }
    shape_2d_to_1d(layout, d, d3);
    snprintf(buf, cap, "[%d, %d, %d]", d3[0], d3[1], d3[2]);
}

/* How one axis's crop follows from the parameters, without the axis name. */
static void axis_story(const Explain *e, int axis, char *buf, size_t cap)
{
    const ConvParams *p = &e->spec.params;
    const AxisGeom *a = axis ? &e->g.w : &e->g.h;
    int in = a->conv_out, out = a->conv_in, before = a->pad_before, after = a->crop_after;
    size_t n = 0;
    if (p->convention == CONV_TORCH) {
        int op = p->output_padding[axis];
        n = (size_t)snprintf(buf, cap,
                             "PyTorch padding=%d, output_padding=%d: the output is full - "
                             "2*padding + output_padding = %d - %d + %d = %d; crop padding = %d "
                             "before and padding - output_padding = %d after.",
                             before, op, a->full, 2 * before, op, out, before, after);
    } else if (p->padding == PAD_SAME) {
        int total = a->pad_before + a->pad_after;
        n = (size_t)snprintf(buf, cap,
                             "TF SAME, output %d (%s): the forward conv2d of a %d-long map "
                             "pads max(full - output, 0) = %d in total, %d before (half, "
                             "rounded down) and %d after. The transposed conv crops %d before "
                             "and full - before - output = %d after.",
                             out, e->size_given ? "output_shape" : "the default in*s", out,
                             total, a->pad_before, a->pad_after, before, after);
    } else if (p->padding == PAD_VALID) {
        n = (size_t)snprintf(buf, cap,
                             "TF VALID, output %d (%s): no padding, so nothing is cropped "
                             "before and full - output = %d after.",
                             out,
                             e->size_given ? "output_shape" : "the default in*s + max(k_eff-s, 0)",
                             after);
    } else {
        n = (size_t)snprintf(buf, cap,
                             "TF explicit padding %d before and %d after, output %d (%s): crop "
                             "%d before and full - %d - output = %d after.",
                             a->pad_before, a->pad_after, out,
                             e->size_given ? "output_shape" : "the smallest legal size", before,
                             before, after);
    }
    (void)in;
    if (after < 0 && n < cap)
        snprintf(buf + n, cap - n, " The negative crop appends %d zero %s%s at the %s.", -after,
                 axis ? "column" : "row", xt_plural(-after), axis ? "right" : "bottom");
}

static void section_geometry(Out *o)
{
    const ConvGeom *g = &o->e->g;
    const AxisGeom *h = &g->h, *w = &g->w;
    TextBlock b;
    block_init(&b);
    block_addf(&b, "%s", "");
    int one_d = o->e->spec.dims == 1;
    if (one_d)
        block_addf(&b, "%-38s %7s", "Sizes, padding and crop:", "width");
    else
        block_addf(&b, "%-38s %7s %7s", "Sizes, padding and crop:", "height", "width");
    const struct {
        const char *label;
        int hv, wv;
    } rows[] = {
        {"input size in", h->conv_out, w->conv_out},
        {"kernel k", h->k, w->k},
        {"dilation d", h->dil, w->dil},
        {"k_eff = d*(k-1)+1", h->k_eff, w->k_eff},
        {"stride s", h->stride, w->stride},
        {"full canvas (in-1)*s+k_eff", h->full, w->full},
        {"crop before (top/left)", h->pad_before, w->pad_before},
        {"crop after (bottom/right)", h->crop_after, w->crop_after},
        {"output = full - before - after", h->conv_in, w->conv_in},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        if (one_d)
            block_addf(&b, "  %-36s %7d", rows[i].label, rows[i].wv);
        else
            block_addf(&b, "  %-36s %7d %7d", rows[i].label, rows[i].hv, rows[i].wv);
    }
    char sh[768], sw[768];
    axis_story(o->e, 0, sh, sizeof sh);
    axis_story(o->e, 1, sw, sizeof sw);
    block_addf(&b, "%s", "");
    if (one_d) {
        block_wrap(&b, "Width: ", "  ", sw, TEXT_WIDTH);
    } else if (strcmp(sh, sw) == 0) {
        block_wrap(&b, "Height and width: ", "  ", sh, TEXT_WIDTH);
    } else {
        block_wrap(&b, "Height: ", "  ", sh, TEXT_WIDTH);
        block_wrap(&b, "Width: ", "  ", sw, TEXT_WIDTH);
    }
    xt_emit(o, &b, 0);
}

/* (n, c) slices of an [N, C, ...] tensor to print: the first few. */
int xt_slices_shown(int n, int c)
{
    return n * c < EXPLAIN_MAX_SLICES ? n * c : EXPLAIN_MAX_SLICES;
}

void xt_more_slices(TextBlock *b, int total, int shown)
{
    if (total > shown)
        block_addf(b, "(%d more slice%s not shown; --format json has all)", total - shown,
                   xt_plural(total - shown));
}

static void section_output(Out *o)
{
    const Explain *e = o->e;
    const ConvGeom *g = &e->g;
    TextBlock b;
    block_init(&b);
    block_addf(&b, "%s", "");
    Layout dl = layer_data_layout(e->spec.params.convention);
    char ys[64];
    xt_dims(dl, e->out_dim, e->spec.dims, ys, sizeof ys);
    block_addf(&b, "Output y, %s %s:", layout_name_dims(dl, e->spec.dims), ys);
    size_t plane = (size_t)g->h.conv_in * g->w.conv_in;
    int ns = xt_slices_shown(g->n, g->c_conv_in);
    TextBlock body;
    block_init(&body);
    for (int i = 0; i < ns; i++) {
        if (!xt_single(g)) {
            char name[64];
            xt_slice_name(e, "y", i / g->c_conv_in, i % g->c_conv_in, name, sizeof name);
            if (i > 0)
                block_addf(&body, "%s", "");
            block_addf(&body, "%s:", name);
        }
        xt_plane_grid(&body, o, e->layer.scatter.output + (size_t)i * plane, g->h.conv_in,
                   g->w.conv_in, 1.0f, 1, 0, TEXT_WIDTH - 2);
    }
    xt_more_slices(&body, g->n * g->c_conv_in, ns);
    block_take(&b, &body, 2);
    xt_emit(o, &b, 0);
}

static void section_verify(Out *o)
{
    const Explain *e = o->e;
    TextBlock b;
    block_init(&b);
    char text[512];
    snprintf(text, sizeof text,
             "%s: scatter, conv2d-equivalent, matrix C^T x and conv2d_backprop_input %s; "
             "max |difference| %g (conv2d %g, matrix %g, backprop_input %g).",
             e->agree ? "Verified" : "MISMATCH", e->agree ? "agree" : "disagree", e->max_diff,
             e->diff_equiv, e->diff_matrix, e->diff_backprop);
    block_addf(&b, "%s", "");
    block_wrap(&b, "", "  ", text, TEXT_WIDTH);
    if (o->rounded)
        block_wrap(&b, NULL, "",
                   "(Some values are shown rounded to 6 significant digits; --format json has them "
                   "exactly.)",
                   TEXT_WIDTH);
    xt_emit(o, &b, 0);
}

/* A lesson's questions with the core's answers, after a blank line. */
static void section_questions(Out *o)
{
    const ExplainSource *src = &o->e->src;
    if (src->n_questions == 0)
        return;
    TextBlock b;
    block_init(&b);
    block_addf(&b, "%s", "");
    block_addf(&b, "Questions (%d), answered by the core:", src->n_questions);
    for (int i = 0; i < src->n_questions; i++) {
        const ExplainQuestion *q = &src->questions[i];
        char first[48];
        snprintf(first, sizeof first, "  step %d, %s: ", q->step, q->kind);
        block_wrap(&b, first, "    ", q->prompt, TEXT_WIDTH);
        for (int c = 0; c < q->n_choices; c++) {
            char num[24];
            snprintf(num, sizeof num, "    %d. ", c + 1);
            block_wrap(&b, num, "       ", q->choices[c], TEXT_WIDTH);
        }
        block_wrap(&b, "    answer: ", "      ", q->answer, TEXT_WIDTH);
    }
    xt_emit(o, &b, 0);
}

int explain_write_text(FILE *f, const Explain *e, const ExplainOptions *opts)
{
    Out o = {e, f, 0, 0};
    section_header(&o);
    section_call(&o);
    section_geometry(&o);
    xt_section_scatter(&o, opts->max_steps);
    xt_section_equivalent(&o);
    section_output(&o);
    section_verify(&o);
    section_questions(&o);
    return o.failed || fflush(f) != 0 ? -1 : 0;
}
