/* keys.c - the one key table.
 *
 * An entry with a NULL label is an alias of the entry above it (the label
 * there names both keys), so the help shows one line per action. Entries
 * with KEY_NONE are mouse gestures: listed in the help, never matched.
 * Symbol keys match with or without Shift, because keyboards disagree on
 * which symbols need it ('?' is Shift+/ on US layouts, a key of its own on
 * others); letters match their modifiers exactly. */
#include "ui/keys.h"
#include "core/strbuf.h"

#include <stdio.h>

#define ANY_SHIFT (-1)      /* Shift or not, no Ctrl */
#define CTRL_ANY_SHIFT (-2) /* Ctrl, Shift or not */

/* clang-format off */
static const KeyBinding table[] = {
    /* timeline */
    {KEY_SPACE, 0, 0, ACT_PLAY, "Space", "play / pause"},
    {KEY_RIGHT, 0, 0, ACT_STEP_FORWARD, "Right", "step forward"},
    {KEY_LEFT, 0, 0, ACT_STEP_BACK, "Left", "step back"},
    {KEY_HOME, 0, 0, ACT_HOME, "Home", "first step"},
    {KEY_END, 0, 0, ACT_END, "End", "last step"},
    {KEY_CHAR, '[', ANY_SHIFT, ACT_SLOWER, "[", "slower (down to 0.25x)"},
    {KEY_CHAR, ']', ANY_SHIFT, ACT_FASTER, "]", "faster (up to 8x)"},
    {KEY_CHAR, 'g', 0, ACT_GRANULARITY, "g", "step by element / product / row"},
    {KEY_NONE, 0, 0, ACT_NONE, "drag bar", "scrub the timeline"},
    /* view */
    {KEY_CHAR, 'v', 0, ACT_VIEW, "v / Shift+V", "next / previous view (8 views)"},
    {KEY_CHAR, 'v', MOD_SHIFT, ACT_VIEW_BACK, NULL, NULL},
    {KEY_CHAR, 't', 0, ACT_THEME, "t", "theme: light / dark / projector"},
    {KEY_CHAR, 'm', 0, ACT_MOTION, "m", "reduced motion on / off"},
    {KEY_CHAR, '?', ANY_SHIFT, ACT_HELP, "? / F1", "this help"},
    {KEY_CHAR, '/', MOD_SHIFT, ACT_HELP, NULL, NULL},
    {KEY_F1, 0, 0, ACT_HELP, NULL, NULL},
    {KEY_CHAR, 'f', 0, ACT_FULLSCREEN, "f / F11", "fullscreen"},
    {KEY_F11, 0, 0, ACT_FULLSCREEN, NULL, NULL},
    {KEY_CHAR, '+', ANY_SHIFT, ACT_ZOOM_IN, "+ / -", "zoom in / out (or Ctrl+wheel)"},
    {KEY_CHAR, '=', ANY_SHIFT, ACT_ZOOM_IN, NULL, NULL},
    {KEY_CHAR, '-', ANY_SHIFT, ACT_ZOOM_OUT, NULL, NULL},
    {KEY_CHAR, '0', 0, ACT_ZOOM_RESET, "0", "fit (when no cell is selected)"},
    {KEY_CHAR, '=', CTRL_ANY_SHIFT, ACT_TEXT_BIGGER, "Ctrl+= / Ctrl+-", "text larger / smaller (0.5x to 3x)"},
    {KEY_CHAR, '+', CTRL_ANY_SHIFT, ACT_TEXT_BIGGER, NULL, NULL},
    {KEY_CHAR, '-', CTRL_ANY_SHIFT, ACT_TEXT_SMALLER, NULL, NULL},
    {KEY_CHAR, '0', MOD_CTRL, ACT_TEXT_RESET, "Ctrl+0", "text at its normal size"},
    {KEY_F5, 0, 0, ACT_PRESENT, "F5", "presenter mode: the view and narrative, big"},
    {KEY_CHAR, 'h', 0, ACT_CHROME, "h", "presenter mode: show / hide panel and timeline"},
    {KEY_NONE, 0, 0, ACT_NONE, "drag / wheel", "pan (Shift+wheel: sideways)"},
    {KEY_NONE, 0, 0, ACT_NONE, "hover", "link cells; the tooltip spells sums"},
    {KEY_NONE, 0, 0, ACT_NONE, "click cell", "pin it; select an x or w cell"},
    {KEY_NONE, 0, 0, ACT_NONE, "drop .npy", "load x (dropped on w: load w)"},
    /* parameters */
    {KEY_CHAR, 'c', 0, ACT_CONVENTION, "c", "convention: TF / PyTorch"},
    {KEY_CHAR, 's', 0, ACT_STRIDE_UP, "s / Shift+S", "stride + / - (stack view: the selected stage's)"},
    {KEY_CHAR, 's', MOD_SHIFT, ACT_STRIDE_DOWN, NULL, NULL},
    {KEY_CHAR, 'k', 0, ACT_KERNEL_UP, "k / Shift+K", "kernel size + / - (stack view: the selected stage's)"},
    {KEY_CHAR, 'k', MOD_SHIFT, ACT_KERNEL_DOWN, NULL, NULL},
    {KEY_CHAR, 'i', 0, ACT_INPUT_UP, "i / Shift+I", "input size + / -"},
    {KEY_CHAR, 'i', MOD_SHIFT, ACT_INPUT_DOWN, NULL, NULL},
    {KEY_CHAR, 'p', 0, ACT_PADDING_UP, "p / Shift+P", "padding: TF SAME/VALID; PyTorch + / -"},
    {KEY_CHAR, 'p', MOD_SHIFT, ACT_PADDING_DOWN, NULL, NULL},
    {KEY_CHAR, 'o', 0, ACT_OUTPUT_UP, "o / Shift+O", "TF output size / PyTorch output_padding"},
    {KEY_CHAR, 'o', MOD_SHIFT, ACT_OUTPUT_DOWN, NULL, NULL},
    {KEY_CHAR, 'd', 0, ACT_DILATION_UP, "d / Shift+D", "dilation + / -"},
    {KEY_CHAR, 'd', MOD_SHIFT, ACT_DILATION_DOWN, NULL, NULL},
    {KEY_CHAR, '.', 0, ACT_CHANNEL_IN_UP, ". / ,", "input channel + / -"},
    {KEY_CHAR, ',', 0, ACT_CHANNEL_IN_DOWN, NULL, NULL},
    {KEY_CHAR, '.', MOD_SHIFT, ACT_CHANNEL_OUT_UP, "> / <", "output channel + / -"},
    {KEY_CHAR, '>', ANY_SHIFT, ACT_CHANNEL_OUT_UP, NULL, NULL},
    {KEY_CHAR, ',', MOD_SHIFT, ACT_CHANNEL_OUT_DOWN, NULL, NULL},
    {KEY_CHAR, '<', ANY_SHIFT, ACT_CHANNEL_OUT_DOWN, NULL, NULL},
    /* data */
    {KEY_CHAR, 'x', 0, ACT_PRESET_INPUT, "x", "x preset: ones/arange/random/identity"},
    {KEY_CHAR, 'w', 0, ACT_PRESET_KERNEL, "w", "w preset: ones/arange/random/identity"},
    {KEY_RETURN, 0, 0, ACT_EDIT, "0-9 - . Enter", "type into the selected cell"},
    {KEY_ESCAPE, 0, 0, ACT_CANCEL, "Esc", "cancel, unpin (or right click)"},
    {KEY_CHAR, 'v', MOD_CTRL, ACT_PASTE, "Ctrl+V", "paste a list/array into the selected x or w"},
    {KEY_CHAR, 'z', MOD_CTRL, ACT_UNDO, "Ctrl+Z", "undo a data or parameter change"},
    {KEY_CHAR, 'z', MOD_CTRL | MOD_SHIFT, ACT_REDO, "Ctrl+Shift+Z / Ctrl+Y", "redo"},
    {KEY_CHAR, 'y', MOD_CTRL, ACT_REDO, NULL, NULL},
    {KEY_DOWN, 0, MOD_CTRL, ACT_ROW_ADD, "Ctrl+arrows", "selected x or w: + row (Down), - row (Up), + / - column (Right / Left)"},
    {KEY_UP, 0, MOD_CTRL, ACT_ROW_REMOVE, NULL, NULL},
    {KEY_RIGHT, 0, MOD_CTRL, ACT_COL_ADD, NULL, NULL},
    {KEY_LEFT, 0, MOD_CTRL, ACT_COL_REMOVE, NULL, NULL},
    {KEY_CHAR, 's', MOD_CTRL, ACT_SAVE, "Ctrl+S", "save .npy files + lesson.yaml to a new folder"},
    /* code view */
    {KEY_TAB, 0, 0, ACT_SNIPPET_NEXT, "Tab / Down", "code view: next snippet; stack view: next stage (Up: previous)"},
    {KEY_DOWN, 0, 0, ACT_SNIPPET_NEXT, NULL, NULL},
    {KEY_TAB, 0, MOD_SHIFT, ACT_SNIPPET_PREV, NULL, NULL},
    {KEY_UP, 0, 0, ACT_SNIPPET_PREV, NULL, NULL},
    {KEY_CHAR, 'c', MOD_CTRL, ACT_COPY, "Ctrl+C", "copy the selected code snippet"},
    /* lessons */
    {KEY_PAGEDOWN, 0, 0, ACT_LESSON_NEXT, "PageDown / n", "lesson: next step"},
    {KEY_CHAR, 'n', 0, ACT_LESSON_NEXT, NULL, NULL},
    {KEY_PAGEUP, 0, 0, ACT_LESSON_PREV, "PageUp / Shift+N", "lesson: previous step (p is padding)"},
    {KEY_CHAR, 'n', MOD_SHIFT, ACT_LESSON_PREV, NULL, NULL},
    {KEY_CHAR, 'l', 0, ACT_LESSONS, "L", "lesson browser (Up/Down, Enter, Esc)"},
    {KEY_CHAR, 'l', MOD_SHIFT, ACT_LESSONS, NULL, NULL},
    {KEY_CHAR, 'a', 0, ACT_ASK, "a", "lesson question: answer (type or click cells, Enter, Esc)"},
    /* app */
    {KEY_F12, 0, 0, ACT_SCREENSHOT, "F12", "save a screenshot (PNG)"},
    {KEY_CHAR, 'q', MOD_CTRL, ACT_QUIT_CTRL, "Ctrl+Q / q", "quit (q: not while typing)"},
    {KEY_CHAR, 'q', 0, ACT_QUIT, NULL, NULL},
};
/* clang-format on */

#define TABLE_COUNT ((int)(sizeof table / sizeof *table))

/* Entries shown in the help: those with a label. */
int keys_count(void)
{
    int n = 0;
    for (int i = 0; i < TABLE_COUNT; i++)
        n += table[i].label != NULL;
    return n;
}

const KeyBinding *keys_entry(int i)
{
    for (int k = 0; k < TABLE_COUNT; k++)
        if (table[k].label && i-- == 0)
            return &table[k];
    return NULL;
}

UiAction keys_lookup(const UiKeyPress *k)
{
    int ch = k->ch, mods = k->mods & (MOD_SHIFT | MOD_CTRL);
    if (ch >= 'A' && ch <= 'Z') { /* tolerate a shifted letter sent as upper case */
        ch += 'a' - 'A';
        mods |= MOD_SHIFT;
    }
    for (int i = 0; i < TABLE_COUNT; i++) {
        const KeyBinding *b = &table[i];
        if (b->code == KEY_NONE || b->code != k->code)
            continue;
        if (b->code == KEY_CHAR && b->ch != ch)
            continue;
        int want = b->mods == ANY_SHIFT ? 0 : b->mods == CTRL_ANY_SHIFT ? MOD_CTRL : b->mods;
        int have = b->mods < 0 ? (mods & MOD_CTRL) : mods;
        if (want == have)
            return b->action;
    }
    return ACT_NONE;
}

int keys_markdown(char *buf, int cap)
{
    StrBuf o = strbuf_init(cap > 0 ? buf : NULL, cap > 0 ? (size_t)cap : 0);
    strbuf_printf(&o, "| Key | Action |\n|---|---|\n");
    for (int i = 0; i < keys_count(); i++) {
        const KeyBinding *b = keys_entry(i);
        const char *tick = b->code == KEY_NONE ? "" : "`"; /* mouse gestures are not keys */
        strbuf_printf(&o, "| %s%s%s | %s |\n", tick, b->label, tick, b->help);
    }
    return (int)o.need;
}
