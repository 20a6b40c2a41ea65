/* text.h - the words the scene writes, appended to a StrBuf (core/strbuf.h):
 * element names, numbers, slices and sums shared by the views' sentences
 * (text.c), the sentences asked of the views (view_text.c) and text
 * measured and wrapped in the scene's font (text_fit.c).
 *
 *     char buf[128];
 *     StrBuf o = strbuf_init(buf, sizeof buf);
 *     text_name_x(&o, s, n, c, i, j);   // "x[1,1]" or "x[0][1,1]"
 *     strbuf_printf(&o, " = ");
 *     text_num(&o, v);
 */
#ifndef TCVIZ_TEXT_H
#define TCVIZ_TEXT_H

#include "core/strbuf.h"
#include "ui/scene_state.h"

void text_num(StrBuf *o, double v);
/* A parameter's (height, width) pair: "2" when equal, else "0,1" (never
 * "0x1", which reads as hex). */
void text_pair(StrBuf *o, int a, int b);
/* x[..] / w[..] / y[..] named as the scatter's sentences name them. */
void text_name_x(StrBuf *o, const Scene *s, int n, int c, int i, int j);
void text_name_w(StrBuf *o, const Scene *s, int ci, int co, int a, int b);
void text_name_y(StrBuf *o, const Scene *s, int n, int c, int oy, int ox);
/* More than one input (output) channel or batch item: names carry them. */
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
int scene_text_width(const Scene *s, int px, const char *t);
/* Greedy word wrap of t into r (dl NULL: only count); returns the lines. */
int scene_wrap_text(const Scene *s, DrawList *dl, Rect r, int px, Color c, const char *t);

#endif
