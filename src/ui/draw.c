/* draw.c - the command list the views fill and the SDL backend replays.
 *
 * Two growable arrays (commands, and the text they point into by offset, so
 * growing the text buffer never invalidates a command). draw_begin only resets
 * the counts: after the largest frame has been seen once, a frame allocates
 * nothing. A failed allocation drops the command and sets `oom`, so a frame
 * can be incomplete but never corrupt. */
#include "ui/draw.h"

#include <stdlib.h>
#include <string.h>

void draw_begin(DrawList *dl)
{
    dl->count = 0;
    dl->bound = (Rect){0, 0, 0, 0};
    dl->text_len = 0;
    dl->oom = 0;
}

void draw_free(DrawList *dl)
{
    free(dl->cmds);
    free(dl->text);
    memset(dl, 0, sizeof *dl);
}

static DrawCmd *push(DrawList *dl, DrawKind kind)
{
    if (dl->count == dl->cap) {
        int cap = dl->cap ? dl->cap * 2 : 256;
        DrawCmd *c = realloc(dl->cmds, (size_t)cap * sizeof *c);
        if (!c) {
            dl->oom = 1;
            return NULL;
        }
        dl->cmds = c;
        dl->cap = cap;
    }
    DrawCmd *cmd = &dl->cmds[dl->count++];
    memset(cmd, 0, sizeof *cmd);
    cmd->kind = kind;
    return cmd;
}

void draw_rect(DrawList *dl, Rect r, Color c)
{
    if (r.w <= 0 || r.h <= 0 || c.a == 0)
        return;
    DrawCmd *cmd = push(dl, DRAW_RECT);
    if (cmd) {
        cmd->rect = r;
        cmd->color = c;
    }
}

void draw_frame(DrawList *dl, Rect r, Color c, int thickness)
{
    if (r.w <= 0 || r.h <= 0 || thickness <= 0 || c.a == 0)
        return;
    DrawCmd *cmd = push(dl, DRAW_FRAME);
    if (cmd) {
        cmd->rect = r;
        cmd->color = c;
        cmd->thickness = thickness;
    }
}

void draw_line(DrawList *dl, int x0, int y0, int x1, int y1, Color c, int thickness)
{
    if (thickness <= 0 || c.a == 0)
        return;
    DrawCmd *cmd = push(dl, DRAW_LINE);
    if (cmd) {
        cmd->rect = (Rect){x0, y0, x1 - x0, y1 - y0};
        cmd->color = c;
        cmd->thickness = thickness;
    }
}

/* Append s (NUL included) to the text buffer; returns its offset or -1. */
static long push_text(DrawList *dl, const char *s)
{
    size_t n = strlen(s) + 1;
    if (dl->text_len + n > dl->text_cap) {
        size_t cap = dl->text_cap ? dl->text_cap : 4096;
        while (cap < dl->text_len + n)
            cap *= 2;
        char *t = realloc(dl->text, cap);
        if (!t) {
            dl->oom = 1;
            return -1;
        }
        dl->text = t;
        dl->text_cap = cap;
    }
    memcpy(dl->text + dl->text_len, s, n);
    dl->text_len += n;
    return (long)(dl->text_len - n);
}

void draw_text_box(DrawList *dl, Rect r, int size_px, Color c, TextAlign align, const char *s)
{
    if (!s || !*s || size_px <= 0 || c.a == 0)
        return;
    long off = push_text(dl, s);
    if (off < 0)
        return;
    DrawCmd *cmd = push(dl, DRAW_TEXT);
    if (!cmd) {
        dl->text_len = (size_t)off; /* drop the orphaned string */
        return;
    }
    cmd->rect = r;
    cmd->color = c;
    cmd->size_px = size_px;
    cmd->align = align;
    cmd->text = (size_t)off;
}

void draw_text(DrawList *dl, int x, int y, int size_px, Color c, TextAlign align, const char *s)
{
    draw_text_box(dl, (Rect){x, y, 0, size_px}, size_px, c, align, s);
}

void draw_clip(DrawList *dl, Rect r)
{
    Rect b = dl->bound;
    if (b.w > 0 && r.w <= 0) {
        r = b;
    } else if (b.w > 0) {
        int x0 = r.x > b.x ? r.x : b.x, y0 = r.y > b.y ? r.y : b.y;
        int x1 = r.x + r.w < b.x + b.w ? r.x + r.w : b.x + b.w;
        int y1 = r.y + r.h < b.y + b.h ? r.y + r.h : b.y + b.h;
        /* Nothing of r inside the bound: a one-pixel clip at the bound's
         * corner, since an empty rectangle would mean no clip at all. */
        r = x1 > x0 && y1 > y0 ? (Rect){x0, y0, x1 - x0, y1 - y0} : (Rect){b.x, b.y, 1, 1};
    }
    DrawCmd *cmd = push(dl, DRAW_CLIP);
    if (cmd)
        cmd->rect = r;
}

void draw_bound(DrawList *dl, Rect r)
{
    dl->bound = r;
    draw_clip(dl, (Rect){0, 0, 0, 0});
}

const char *draw_cmd_text(const DrawList *dl, const DrawCmd *cmd)
{
    if (cmd->kind != DRAW_TEXT || cmd->text >= dl->text_len)
        return "";
    return dl->text + cmd->text;
}
