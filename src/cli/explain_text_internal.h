/* explain_text_internal.h - what the text renderer's files share: the output
 * state, number and name formatting, plain grids and the sections that live
 * in their own files (explain_scatter.c, explain_equiv.c). */
#ifndef TCVIZ_EXPLAIN_TEXT_INTERNAL_H
#define TCVIZ_EXPLAIN_TEXT_INTERNAL_H

#include "cli/explain.h"
#include "cli/explain_grid.h"

typedef struct {
    const Explain *e;
    FILE *f;
    int rounded; /* some value was shown rounded */
    int failed;
} Out;

/* Print b (indented) and free it; a failed block or write marks o failed. */
void xt_emit(Out *o, TextBlock *b, int indent);
/* vocab_number, remembering in o when a value was rounded. */
void xt_value_text(Out *o, char *buf, size_t cap, double v);
const char *xt_plural(int n);
/* Names as core/vocab.h spells them for e's convention and geometry (the
 * window's sentences use the same): one batch item, one channel in and out
 * (xt_single) drops the indices, x[i,j]; else the convention's order. */
int xt_single(const ConvGeom *g);
void xt_input_name(const Explain *e, int n, int c, int i, int j, char *buf, size_t cap);
void xt_slice_name(const Explain *e, const char *var, int n, int c, char *buf, size_t cap);
void xt_filter_name(const Explain *e, int ci, int co, char *buf, size_t cap);
/* A rows x cols plane of values (times scale), optionally with index labels. */
void xt_plane_grid(TextBlock *b, Out *o, const float *data, int rows, int cols, float scale,
                   int labels, int min_cell, int width);
void xt_index_label(void *user, int axis, int index, char *buf, size_t cap);
/* How many (n, c) slices to print, and the note for the rest. */
int xt_slices_shown(int n, int c);
/* A shape in `layout` as "[a, b, c, d]", or "[a, b, c]" without H when dims is 1. */
void xt_dims(Layout layout, const int d[4], int dims, char *buf, size_t cap);
void xt_more_slices(TextBlock *b, int total, int shown);
/* "  name(args...)suffix" wrapped to TEXT_WIDTH, continuation lines
 * indented 6 (vocab_call_wrap): every call explain prints. */
void xt_call_lines(TextBlock *b, const char *name, const VocabArg *args, int n,
                   const char *suffix);

void xt_section_scatter(Out *o, int max_steps);
void xt_section_equivalent(Out *o);
/* Beside a GPU-only TF call: the note and its CPU spelling (vocab_cpu_call). */
void xt_cpu_spelling(TextBlock *b, const Explain *e);

#endif
