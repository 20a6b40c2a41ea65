/* keys.h - the key map: one table, read by the key handler, the help
 * overlay and the README, so the three can never disagree.
 *
 *     UiAction a = keys_lookup(&in->keys[i]);          // ACT_PLAY for Space
 *     for (int i = 0; i < keys_count(); i++)
 *         printf("%-12s %s\n", keys_entry(i)->label, keys_entry(i)->help);
 */
#ifndef TCVIZ_KEYS_H
#define TCVIZ_KEYS_H

#include "ui/input.h"

/* clang-format off */
typedef enum {
    ACT_NONE = 0,
    /* timeline */
    ACT_PLAY, ACT_STEP_FORWARD, ACT_STEP_BACK, ACT_HOME, ACT_END, ACT_SLOWER, ACT_FASTER,
    ACT_GRANULARITY,
    /* view */
    ACT_VIEW, ACT_VIEW_BACK, ACT_THEME, ACT_MOTION, ACT_HELP, ACT_FULLSCREEN, ACT_ZOOM_IN,
    ACT_ZOOM_OUT, ACT_ZOOM_RESET, ACT_CANCEL, ACT_TEXT_BIGGER, ACT_TEXT_SMALLER, ACT_TEXT_RESET,
    ACT_PRESENT, ACT_CHROME,
    /* parameters */
    ACT_CONVENTION, ACT_STRIDE_UP, ACT_STRIDE_DOWN, ACT_KERNEL_UP, ACT_KERNEL_DOWN,
    ACT_INPUT_UP, ACT_INPUT_DOWN, ACT_PADDING_UP, ACT_PADDING_DOWN, ACT_OUTPUT_UP,
    ACT_OUTPUT_DOWN, ACT_DILATION_UP, ACT_DILATION_DOWN,
    ACT_CHANNEL_IN_UP, ACT_CHANNEL_IN_DOWN, ACT_CHANNEL_OUT_UP, ACT_CHANNEL_OUT_DOWN,
    /* data */
    ACT_PRESET_INPUT, ACT_PRESET_KERNEL, ACT_EDIT,
    ACT_UNDO, ACT_REDO, ACT_PASTE, ACT_SAVE, ACT_ROW_ADD, ACT_ROW_REMOVE, ACT_COL_ADD,
    ACT_COL_REMOVE,
    /* code view */
    ACT_SNIPPET_NEXT, ACT_SNIPPET_PREV, ACT_COPY,
    /* lessons */
    ACT_LESSON_NEXT, ACT_LESSON_PREV, ACT_LESSONS, ACT_ASK,
    /* app */
    ACT_SCREENSHOT, ACT_QUIT, ACT_QUIT_CTRL,
    ACT_COUNT
} UiAction;
/* clang-format on */

typedef struct {
    UiKeyCode code;
    int ch;   /* KEY_CHAR: the character */
    int mods; /* required modifiers (MOD_SHIFT, MOD_CTRL) */
    UiAction action;
    const char *label; /* how the help writes the key, e.g. "Shift+S" */
    const char *help;  /* what it does */
} KeyBinding;

int keys_count(void);
const KeyBinding *keys_entry(int i);
/* The action bound to a key press (exact modifiers, Alt ignored), or ACT_NONE. */
UiAction keys_lookup(const UiKeyPress *k);

/* The key map as a Markdown table (for the README); returns bytes written
 * (snprintf-style: the length it needs). */
int keys_markdown(char *buf, int cap);

#endif
