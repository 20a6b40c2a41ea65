/* draw.h - the command list between the views and the SDL backend.
 *
 * Views (src/ui) never draw: they append commands; src/app/render replays them
 * with SDL. Tests inspect the list directly. Arrays grow to the largest frame
 * seen and are then reused, so a steady frame allocates nothing.
 *
 *     DrawList dl = {0};
 *     draw_begin(&dl);
 *     draw_rect(&dl, (Rect){10, 10, 40, 40}, (Color){255, 0, 0, 255});
 *     draw_text(&dl, 10, 60, 20, (Color){0, 0, 0, 255}, ALIGN_LEFT, "x[1,1] = 1");
 *     ... backend walks dl.cmds[0 .. dl.count) ...
 *     draw_free(&dl);
 */
#ifndef TCVIZ_DRAW_H
#define TCVIZ_DRAW_H

#include <stddef.h>

typedef struct { int x, y, w, h; } Rect;
typedef struct { unsigned char r, g, b, a; } Color;

typedef enum {
    DRAW_RECT,      /* filled rectangle */
    DRAW_FRAME,     /* rectangle outline, `thickness` px inside the rect */
    DRAW_LINE,      /* from (rect.x, rect.y) to (rect.x + rect.w, rect.y + rect.h) */
    DRAW_TEXT,      /* text at rect.x, rect.y (baseline-independent top-left), size px */
    DRAW_CLIP       /* set the clip rectangle; w <= 0 clears it */
} DrawKind;

typedef enum { ALIGN_LEFT = 0, ALIGN_CENTER, ALIGN_RIGHT } TextAlign;

typedef struct {
    DrawKind kind;
    Rect rect;
    Color color;
    int thickness;     /* DRAW_FRAME, DRAW_LINE */
    int size_px;       /* DRAW_TEXT: font pixel height */
    TextAlign align;   /* DRAW_TEXT: relative to rect.x (center/right use rect.w as box width) */
    size_t text;       /* DRAW_TEXT: offset into DrawList.text, NUL-terminated */
} DrawCmd;

typedef struct {
    DrawCmd *cmds;
    int count, cap;
    char *text;
    size_t text_len, text_cap;
    int oom;           /* set if an append failed; the frame is incomplete */
    Rect bound;        /* draw_bound: no clip reaches past it; w 0: none */
} DrawList;

/* Text measuring is the backend's job (it owns the fonts); the ui asks through
 * this callback. Tests install a fixed-pitch fake. Returns width in px. */
typedef int (*TextMeasureFn)(void *user, int size_px, const char *text);

void draw_begin(DrawList *dl);
void draw_free(DrawList *dl);
void draw_rect(DrawList *dl, Rect r, Color c);
void draw_frame(DrawList *dl, Rect r, Color c, int thickness);
void draw_line(DrawList *dl, int x0, int y0, int x1, int y1, Color c, int thickness);
/* Text inside box r: x/w used for alignment, y is the top. */
void draw_text_box(DrawList *dl, Rect r, int size_px, Color c, TextAlign align, const char *s);
void draw_text(DrawList *dl, int x, int y, int size_px, Color c, TextAlign align, const char *s);
/* Commands after it are clipped to r; r with w 0 lifts the clip (back to
 * the bound, if one is set). */
void draw_clip(DrawList *dl, Rect r);
/* Every clip from here on stays inside r (w 0: lifts the bound), and r
 * itself clips until the next draw_clip: a part of the screen (the views)
 * draws nothing outside its area whatever clips it sets. */
void draw_bound(DrawList *dl, Rect r);
const char *draw_cmd_text(const DrawList *dl, const DrawCmd *cmd);

#endif
