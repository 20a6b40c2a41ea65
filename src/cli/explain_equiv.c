/* explain_equiv.c - the equivalents `tcviz explain` names: the CPU spelling
 * beside a GPU-only TF call, and the conv2d-equivalent section: the four
 * steps (zero insertion, padding, kernel rotation, stride-1 conv2d) with the
 * padded input drawn so inserted zeros and padding read apart from real
 * zeros, and each kernel slice beside its rotation. */
#include "cli/explain_text_internal.h"

#include <stdio.h>
#include <string.h>

void xt_cpu_spelling(TextBlock *b, const Explain *e)
{
    VocabCpuCall c;
    if (!vocab_cpu_call(&e->spec, &e->g, &(VocabNames){.x = "x", .w = "wd"}, "w", "wd", &c))
        return;
    block_addf(b, "  # %s", c.note);
    if (c.kernel[0])
        block_addf(b, "  %s", c.kernel);
    xt_call_lines(b, c.name, c.args, c.n, c.suffix);
}

/* The padded zero-inserted input: values, inserted zeros, padding. */
typedef struct {
    Out *o;
    const float *data; /* one plane, PH x PW */
    const EquivConv *q;
} PaddedView;

static void padded_cell(void *user, int r, int c, char *buf, size_t cap, char *mark)
{
    PaddedView *v = user;
    const EquivConv *q = v->q;
    (void)mark;
    int zr = r - q->pad[0], zc = c - q->pad[2];
    if (zr < 0 || zr >= q->zh || zc < 0 || zc >= q->zw)
        snprintf(buf, cap, "_");
    else if (zr % q->g.h.stride || zc % q->g.w.stride)
        snprintf(buf, cap, "\xc2\xb7"); /* U+00B7 middle dot */
    else
        xt_value_text(v->o, buf, cap, v->data[(size_t)r * q->eq.w.conv_in + c]);
}

void xt_section_equivalent(Out *o)
{
    const Explain *e = o->e;
    const ConvGeom *g = &e->g;
    const EquivConv *q = &e->equiv;
    int ph = q->eq.h.conv_in, pw = q->eq.w.conv_in;
    TextBlock b;
    block_init(&b);
    char text[1024];
    block_addf(&b, "%s", "");
    block_addf(&b, "The same output as a stride-1 conv2d (\"fractional stride\"):");
    if (g->h.stride == g->w.stride)
        snprintf(text, sizeof text, "1. zero insertion: s-1 = %d zero%s between neighbours: "
                 "%dx%d -> %dx%d.", g->h.stride - 1, xt_plural(g->h.stride - 1), g->h.conv_out,
                 g->w.conv_out, q->zh, q->zw);
    else
        snprintf(text, sizeof text, "1. zero insertion: s-1 = %d zero row%s between rows, "
                 "%d zero column%s between columns: %dx%d -> %dx%d.", g->h.stride - 1,
                 xt_plural(g->h.stride - 1), g->w.stride - 1, xt_plural(g->w.stride - 1),
                 g->h.conv_out, g->w.conv_out, q->zh, q->zw);
    block_wrap(&b, "  ", "     ", text, TEXT_WIDTH);
    snprintf(text, sizeof text, "2. padding k_eff-1-crop: %d top, %d bottom, %d left, %d "
             "right%s -> %dx%d.", q->pad[0], q->pad[1], q->pad[2], q->pad[3],
             q->pad[0] < 0 || q->pad[1] < 0 || q->pad[2] < 0 || q->pad[3] < 0
                 ? " (negative: that many rows or columns are cut)" : "",
             ph, pw);
    block_wrap(&b, "  ", "     ", text, TEXT_WIDTH);
    block_wrap(&b, "  ", "     ",
               g->c_conv_in * g->c_conv_out > 1
                   ? "3. kernel: the slice of w from input channel i to output channel o, "
                     "rotated 180 degrees, becomes k[o,i], the conv2d filter from o's "
                     "side: in and out swapped."
                   : "3. kernel: w rotated 180 degrees.",
               TEXT_WIDTH);
    snprintf(text, sizeof text, "4. conv2d, stride 1, VALID%s: %dx%d -> %dx%d.",
             g->h.dil > 1 || g->w.dil > 1 ? ", with the layer's dilation" : "", ph, pw,
             g->h.conv_in, g->w.conv_in);
    block_wrap(&b, "  ", "     ", text, TEXT_WIDTH);
    xt_emit(o, &b, 0);

    block_init(&b);
    size_t pplane = (size_t)ph * pw;
    int ns = xt_slices_shown(g->n, g->c_conv_out);
    for (int i = 0; i < ns; i++) {
        char name[64];
        xt_slice_name(e, "padded", i / g->c_conv_out, i % g->c_conv_out, name, sizeof name);
        block_addf(&b, "%s", "");
        block_addf(&b, "%s (\xc2\xb7 inserted zero, _ padding):", name);
        PaddedView v = {o, q->padded + (size_t)i * pplane, q};
        GridSpec gs = {.rows = ph, .cols = pw, .cell = padded_cell, .label = xt_index_label,
                       .user = &v, .width = TEXT_WIDTH - 2};
        grid_render(&b, &gs);
    }
    xt_more_slices(&b, g->n * g->c_conv_out, ns);

    /* Kernel pairs (out co, in ci of its group): w beside its rotation. */
    size_t kplane = (size_t)g->h.k * g->w.k;
    int cb_g = g->c_conv_in / g->groups, cs_g = g->c_conv_out / g->groups;
    int pairs = g->c_conv_in * cs_g, np = pairs < EXPLAIN_MAX_SLICES ? pairs : EXPLAIN_MAX_SLICES;
    for (int i = 0; i < np; i++) {
        int co = i / cs_g, ci = (co / cb_g) * cs_g + i % cs_g;
        TextBlock left, right;
        block_init(&left);
        block_init(&right);
        char wname[64];
        xt_filter_name(e, ci, co, wname, sizeof wname);
        block_addf(&left, "%s:", wname);
        xt_plane_grid(&left, o, e->layer.scatter.w + ((size_t)ci * cb_g + co % cb_g) * kplane, g->h.k,
                   g->w.k, 1.0f, 0, 0, TEXT_WIDTH - 2);
        if (xt_single(g))
            block_addf(&right, "rot180(w):");
        else
            block_addf(&right, "k[%d,%d] = rot180(%s):", co, i % cs_g, wname);
        xt_plane_grid(&right, o, q->kernel + (size_t)i * kplane, g->h.k, g->w.k, 1.0f, 0, 0,
                   TEXT_WIDTH - 2);
        block_addf(&b, "%s", "");
        block_beside(&b, &left, &right, 0, 6, TEXT_WIDTH - 2);
    }
    xt_more_slices(&b, pairs, np);
    block_addf(&b, "%s", "");
    snprintf(text, sizeof text, "Sliding rot180(w) over the padded input, stride 1, gives the "
             "output below%s.", e->has_bias ? " (plus the bias)" : "");
    block_wrap(&b, NULL, "", text, TEXT_WIDTH - 2);
    xt_emit(o, &b, 2);
}
