/* explain_grid.h - plain-text layout for the explainer: blocks of lines that
 * can be set side by side, word-wrapped paragraphs, and number grids with
 * right-aligned columns that split into column bands instead of ever passing
 * the width budget.
 *
 *     TextBlock b;
 *     block_init(&b);
 *     GridSpec gs = {.rows = 3, .cols = 3, .cell = my_cell, .user = data, .width = 77};
 *     grid_render(&b, &gs);
 *     block_print(stdout, &b, 2);    // each line indented by 2, trailing blanks cut
 *     block_free(&b);
 *
 * Widths count display columns, so UTF-8 symbols such as the middle dot of
 * an inserted zero take one column. A failed allocation is remembered in the
 * block (block_failed) and later calls on it do nothing. */
#ifndef TCVIZ_EXPLAIN_GRID_H
#define TCVIZ_EXPLAIN_GRID_H

#include <stddef.h>
#include <stdio.h>

/* The widest line the explainer prints (an 80-column terminal, with the
 * last column free so no terminal wraps early). */
#define TEXT_WIDTH 79

typedef struct {
    char **line;
    int n, cap;
    int failed;
} TextBlock;

void block_init(TextBlock *b);
void block_free(TextBlock *b);
int block_failed(const TextBlock *b);
/* Display width of the widest line. */
int block_width(const TextBlock *b);
void block_addf(TextBlock *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* `text` word-wrapped to `width` columns; every line starts with `indent`,
 * the first with `first` instead when not NULL. */
void block_wrap(TextBlock *b, const char *first, const char *indent, const char *text,
                int width);
/* Append src's lines to dst, each prefixed by `indent` spaces; src is emptied. */
void block_take(TextBlock *dst, TextBlock *src, int indent);
/* left and right side by side, right starting at column max(width of left,
 * min_left) + gap, when the result fits `width`; otherwise right under left
 * (with a blank line between). Both are emptied into dst. */
void block_beside(TextBlock *dst, TextBlock *left, TextBlock *right, int min_left, int gap,
                  int width);
/* Print every line with `indent` leading spaces and no trailing blanks;
 * returns -1 if the block failed or a write failed. */
int block_print(FILE *f, const TextBlock *b, int indent);

/* Display columns of a UTF-8 string (code points; the explainer's symbols
 * are all one column wide). */
int text_cols(const char *s);


typedef struct {
    int rows, cols;       /* the whole grid */
    int r0, r1, c0, c1;   /* the window shown: rows [r0, r1), columns [c0, c1); all 0 = all */
    int marks;            /* reserve one column after each cell for its mark */
    int min_cell;         /* cells are at least this wide (aligns a series of grids) */
    /* cell (r, c) as text; *mark (only with marks) is a one-column symbol or ' ' */
    void (*cell)(void *user, int r, int c, char *buf, size_t cap, char *mark);
    /* label of row (axis 0) or column (axis 1) `index`; NULL = no labels */
    void (*label)(void *user, int axis, int index, char *buf, size_t cap);
    void *user;
    int width;            /* budget in columns */
} GridSpec;

/* Render the grid window into b: a header of column labels (with labels),
 * then one line per row. Columns that do not fit the budget continue in
 * further bands below (a band without labels starts with "(columns a-b)"). */
void grid_render(TextBlock *b, const GridSpec *g);

#endif
