/* explain_grid.c - text blocks, wrapping and number grids for the explainer.
 *
 * Everything is laid out as whole lines first and printed last, so a grid can
 * be measured and set beside another (the weighted kernel copy next to the
 * canvas it lands on) or under it when the pair would not fit 80 columns. */
#include "cli/explain_grid.h"
#include "core/strbuf.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void block_init(TextBlock *b)
{
    memset(b, 0, sizeof *b);
}

void block_free(TextBlock *b)
{
    for (int i = 0; i < b->n; i++)
        free(b->line[i]);
    free(b->line);
    memset(b, 0, sizeof *b);
}

int block_failed(const TextBlock *b)
{
    return b->failed;
}

int text_cols(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80; /* count lead bytes only */
    return n;
}

int block_width(const TextBlock *b)
{
    int w = 0;
    for (int i = 0; i < b->n; i++) {
        int c = text_cols(b->line[i]);
        w = c > w ? c : w;
    }
    return w;
}

/* Take ownership of a malloc'd line. */
static void push_line(TextBlock *b, char *s)
{
    if (!s || b->failed) {
        free(s);
        b->failed = 1;
        return;
    }
    if (b->n == b->cap) {
        int cap = b->cap ? b->cap * 2 : 16;
        char **p = realloc(b->line, (size_t)cap * sizeof *p);
        if (!p) {
            free(s);
            b->failed = 1;
            return;
        }
        b->line = p;
        b->cap = cap;
    }
    b->line[b->n++] = s;
}

static char *dup_text(const char *s, size_t len)
{
    char *p = malloc(len + 1);
    if (p) {
        memcpy(p, s, len);
        p[len] = '\0';
    }
    return p;
}

void block_addf(TextBlock *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (len < 0) {
        b->failed = 1;
        return;
    }
    char *s = malloc((size_t)len + 1);
    if (s) {
        va_start(ap, fmt);
        vsnprintf(s, (size_t)len + 1, fmt, ap);
        va_end(ap);
    }
    push_line(b, s);
}

void block_wrap(TextBlock *b, const char *first, const char *indent, const char *text,
                int width)
{
    char line[1024];
    const char *lead = first ? first : indent;
    StrBuf o = strbuf_init(line, sizeof line);
    int cols = 0, words = 0;
    strbuf_printf(&o, "%s", lead);
    cols = text_cols(lead);
    for (const char *p = text; *p;) {
        while (*p == ' ' || *p == '\n')
            p++;
        if (!*p)
            break;
        size_t wl = strcspn(p, " \n");
        char word[512];
        snprintf(word, sizeof word, "%.*s", (int)(wl < sizeof word ? wl : sizeof word - 1), p);
        int wc = text_cols(word);
        if (words > 0 && cols + 1 + wc > width) {
            push_line(b, dup_text(line, o.len));
            o = strbuf_init(line, sizeof line);
            strbuf_printf(&o, "%s", indent);
            cols = text_cols(indent);
            words = 0;
        }
        if (o.len + strlen(word) + 2 < sizeof line) {
            strbuf_printf(&o, "%s%s", words ? " " : "", word);
            cols += wc + (words ? 1 : 0);
        }
        words++;
        p += wl;
    }
    if (words > 0)
        push_line(b, dup_text(line, o.len));
}

void block_take(TextBlock *dst, TextBlock *src, int indent)
{
    for (int i = 0; i < src->n; i++) {
        if (indent == 0) {
            push_line(dst, src->line[i]);
        } else {
            size_t len = strlen(src->line[i]);
            char *s = malloc(len + (size_t)indent + 1);
            if (s) {
                memset(s, ' ', (size_t)indent);
                memcpy(s + indent, src->line[i], len + 1);
            }
            push_line(dst, s);
            free(src->line[i]);
        }
        src->line[i] = NULL;
    }
    dst->failed |= src->failed;
    src->n = 0;
    block_free(src);
}

void block_beside(TextBlock *dst, TextBlock *left, TextBlock *right, int min_left, int gap,
                  int width)
{
    int lw = block_width(left), rw = block_width(right);
    if (lw < min_left)
        lw = min_left;
    if (left->n == 0 || right->n == 0 || lw + gap + rw > width) {
        int both = left->n > 0 && right->n > 0;
        block_take(dst, left, 0);
        if (both)
            block_addf(dst, "%s", "");
        block_take(dst, right, 0);
        return;
    }
    int rows = left->n > right->n ? left->n : right->n;
    for (int i = 0; i < rows; i++) {
        const char *l = i < left->n ? left->line[i] : "";
        const char *r = i < right->n ? right->line[i] : "";
        block_addf(dst, "%s%*s%s", l, lw - text_cols(l) + gap, "", r);
    }
    dst->failed |= left->failed | right->failed;
    block_free(left);
    block_free(right);
}

int block_print(FILE *f, const TextBlock *b, int indent)
{
    if (b->failed)
        return -1;
    for (int i = 0; i < b->n; i++) {
        size_t len = strlen(b->line[i]);
        while (len > 0 && b->line[i][len - 1] == ' ')
            len--;
        if (len == 0)
            fputc('\n', f);
        else
            fprintf(f, "%*s%.*s\n", indent, "", (int)len, b->line[i]);
    }
    return ferror(f) ? -1 : 0;
}

/* ---- grids ------------------------------------------------------------------ */

/* s right-aligned in `cols` display columns, appended at line + *n. */
static void put_right(char *line, size_t cap, size_t *n, const char *s, int cols)
{
    int pad = cols - text_cols(s);
    while (pad-- > 0 && *n + 1 < cap)
        line[(*n)++] = ' ';
    size_t len = strlen(s);
    if (*n + len < cap) {
        memcpy(line + *n, s, len);
        *n += len;
    }
    line[*n] = '\0';
}

void grid_render(TextBlock *b, const GridSpec *g)
{
    int r0 = g->r0, r1 = g->r1, c0 = g->c0, c1 = g->c1;
    if (r1 <= r0 && c1 <= c0) {
        r0 = c0 = 0;
        r1 = g->rows;
        c1 = g->cols;
    }
    char text[64], mark;
    int cw = g->min_cell > 1 ? g->min_cell : 1, lw = 0;
    for (int r = r0; r < r1; r++)
        for (int c = c0; c < c1; c++) {
            g->cell(g->user, r, c, text, sizeof text, &mark);
            int w = text_cols(text);
            cw = w > cw ? w : cw;
        }
    if (g->label) {
        /* A column label may reach into the mark column, so "(12)" over
         * 3-wide numbers does not widen every column of the grid. */
        int spill = g->marks ? 1 : 0;
        for (int c = c0; c < c1; c++) {
            g->label(g->user, 1, c, text, sizeof text);
            int w = text_cols(text) - spill;
            cw = w > cw ? w : cw;
        }
        for (int r = r0; r < r1; r++) {
            g->label(g->user, 0, r, text, sizeof text);
            int w = text_cols(text);
            lw = w > lw ? w : lw;
        }
    }
    int per = 1 + cw + (g->marks ? 1 : 0);
    int fit = (g->width - lw) / per;
    if (fit < 1)
        fit = 1;
    char line[2048];
    for (int band = c0; band < c1; band += fit) {
        int end = band + fit < c1 ? band + fit : c1;
        if (band > c0)
            block_addf(b, "%s", "");
        if (end - band < c1 - c0 && !g->label)
            block_addf(b, "(columns %d-%d)", band, end - 1);
        size_t n = 0;
        if (g->label) {
            put_right(line, sizeof line, &n, "", lw);
            for (int c = band; c < end; c++) {
                g->label(g->user, 1, c, text, sizeof text);
                if (text_cols(text) <= cw) {
                    put_right(line, sizeof line, &n, text, 1 + cw);
                    if (g->marks)
                        put_right(line, sizeof line, &n, "", 1);
                } else {
                    put_right(line, sizeof line, &n, text, 2 + cw);
                }
            }
            block_addf(b, "%s", line);
        }
        for (int r = r0; r < r1; r++) {
            n = 0;
            line[0] = '\0';
            if (g->label) {
                g->label(g->user, 0, r, text, sizeof text);
                put_right(line, sizeof line, &n, text, lw);
            }
            for (int c = band; c < end; c++) {
                mark = ' ';
                g->cell(g->user, r, c, text, sizeof text, &mark);
                put_right(line, sizeof line, &n, text, 1 + cw);
                if (g->marks) {
                    char m[2] = {mark, '\0'};
                    put_right(line, sizeof line, &n, m, 1);
                }
            }
            block_addf(b, "%s", line);
        }
    }
}
