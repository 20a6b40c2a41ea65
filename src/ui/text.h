/* text.h - the words the scene writes, appended to a StrBuf (core/strbuf.h):
 * element names, numbers, slices and sums shared by the views' sentences
 * (text.c), the sentences asked of the views (view_text.c) and text
 * measured and wrapped in the scene's font (text_fit.c).
 *
 *     char buf[128];
 *     StrBuf o = strbuf_init(buf, sizeof buf);
 *     text_name_x(&o, s, n, c, i, j);   // "x[1,1]", or "x[0,1,1,2]" (TF, 3 channels)
 *     strbuf_printf(&o, " = ");
 *     text_num(&o, v);
 */
#ifndef TCVIZ_TEXT_H
#define TCVIZ_TEXT_H

#include "core/strbuf.h"
#include "ui/scene_state.h"

/* A number in a sentence, as everything tcviz says it (vocab_number):
 * 1.5, 0.1, 1000, 0.333333; cells' compact forms are format_cell_number's. */
void text_num(StrBuf *o, double v);
/* A parameter's (height, width) pair: "2" when equal, else "0,1" (never
 * "0x1", which reads as hex). */
void text_pair(StrBuf *o, int a, int b);
/* Elements named as `tcviz explain` names them (core/vocab.h): every index
 * in the convention's order, x[n,i,j,c] (TF) / x[n,c,i,j] (PyTorch), or
 * x[i,j] for a layer of one map in and out (vocab_single). */
void text_name(StrBuf *o, const Scene *s, const char *var, int n, int c, int i, int j);
void text_name_x(StrBuf *o, const Scene *s, int n, int c, int i, int j);
void text_name_y(StrBuf *o, const Scene *s, int n, int c, int oy, int ox);
/* Tap (a, b) from x's channel ci to y's channel co: w[a,b,co,ci] (TF),
 * w[ci,co',a,b] (PyTorch), w[a,b] for one map. */
void text_name_w(StrBuf *o, const Scene *s, int ci, int co, int a, int b);
/* Row i of plane (n, c): x[n,i,:,c] / x[n,c,i,:] / x[i,:]. */
void text_row(StrBuf *o, const Scene *s, const char *var, int n, int c, int i);
/* Every kernel x's channel ci scatters: w[:,:,:,ci] / w[ci] / w. */
void text_kernels_of(StrBuf *o, const Scene *s, int ci);
/* More than one input (output) channel or batch item: captions say which. */
int text_multi_in(const Scene *s);
int text_multi_out(const Scene *s);
/* "out" when canvas and output share coordinates (nothing cropped at the
 * start), else "full": the uncropped canvas. */
const char *text_canvas_name(const Scene *s);
/* start:start+len, or start:start+len:step */
void text_slice(StrBuf *o, int start, int len, int step);
/* "y[2,3] = x[1,1]·w[0,1] + ... = 2" for output cell (n, co) at canvas
 * position (fy, fx), or a cropped canvas cell when `cropped`. */
void text_sum(StrBuf *o, Scene *s, int n, int co, int fy, int fx, int cropped);
/* The header's two lines. */
void text_call(const Scene *s, char *buf, size_t cap);
void text_shapes(const Scene *s, char *buf, size_t cap);

/* ---- view_text.c: sentences asked of the views (ui/view.h) ---- */
void text_status(Scene *s, char *buf, size_t cap);
void text_tooltip(Scene *s, CellRef c, char *buf, size_t cap);
/* widest: the longest caption the grid can take, to size its slot. */
void text_caption(const Scene *s, GridId g, int widest, char *buf, size_t cap);

/* ---- text_fit.c: text in the scene's font ---- */
/* A number as a grid cell first tries to hold it: three significant digits
 * ("1.5", "-0.25", "0.667", "1e+03", "0", never "-0"); a cell too small
 * for it takes a shorter form (paint.c: 1.2k, -.7) or a "÷10" caption.
 * About space, not words: sentences say numbers with text_num. Returns the
 * length written. */
int format_cell_number(char *buf, size_t cap, double v);
int scene_text_width(const Scene *s, int px, const char *t);
/* Greedy word wrap of t into r (dl NULL: only count); returns the lines. */
int scene_wrap_text(const Scene *s, DrawList *dl, Rect r, int px, Color c, const char *t);

#endif
