/* url_state.h - the visualizer's state as a link: the fragment of the web
 * page's URL, in the command line's own words.
 *
 *     UrlState u;
 *     Err err = {0};
 *     if (url_state_parse("lesson=03&step=2", &u, &err) != 0)
 *         show(err.msg);           // "link: step: expected a whole number 1..999, got 'x'"
 *     // u.lesson = 3, u.step = 2
 *     url_state_parse("strides=2&padding=SAME&x=[[1,2],[3,4]]&step=5", &u, &err);
 *     // u.layer: the flags as `tcviz compute` parses them (--strides 2
 *     // --padding SAME), u.x: the pasted tensor, u.step = 5 (timeline step)
 *     // the web page turns u into argv for app_args_parse (web_main.c)
 *     url_state_free(&u);
 *
 * Keys: `lesson` (the course number, 1..99), `step` (as the window counts:
 * with a lesson its "Step k / n", from 1; else the timeline's "step K/N",
 * from 0),
 * `view`, `theme`, `x` / `w` (a tensor in any form the paste parser takes,
 * e.g. [[1,2],[3,4]]), and every layer flag of `tcviz compute` without its
 * dashes (convention, strides, padding, dilations, output-shape, stride,
 * output-padding, dilation, groups). Values may be percent-encoded. Each
 * key may appear once; a lesson excludes layer keys. Every refusal is one
 * line starting "link: " that names the key and what was expected. */
#ifndef TCVIZ_URL_STATE_H
#define TCVIZ_URL_STATE_H

#include <stddef.h>

#include "cli/cli_args.h"
#include "core/tensor.h"
#include "io/paste.h"

/* Longer fragments are refused before they are parsed. */
#define URL_STATE_MAX_TEXT ((size_t)1 << 20)
#define URL_STATE_MAX_KEYS 24
#define URL_STATE_MAX_STEP 100000

typedef struct {
    int lesson;             /* 1..99, 0 when not given */
    int step;               /* as the window counts (see above) */
    int has_step;
    const char *view, *theme; /* pointers into the decoded text, or NULL */
    PasteResult x, w;       /* rank 0 when not given */
    /* Layer flags as an argv ("tcviz", "--strides", "2", ...), pointing into
     * the decoded text; n_flags counts the entries after argv[0]. */
    char *argv[2 * URL_STATE_MAX_KEYS + 2];
    int n_flags;
    char flag_names[URL_STATE_MAX_KEYS][44];
    char *text; /* the decoded copy everything points into */
} UrlState;

/* Parse a fragment (with or without its leading '#'). On failure *out is
 * left empty and err says why. */
int url_state_parse(const char *fragment, UrlState *out, Err *err);
void url_state_free(UrlState *u);

/* Write the state's fragment (no '#') into buf: "lesson=NN&step=K" when
 * lesson > 0, else the layer's flags, x, w and "step=K" (the timeline
 * position, from 0).
 * Tensors with one channel are written as 2-D lists. Returns the length,
 * or -1 when it does not fit in cap (the caller may then leave tensors out:
 * x and w may be NULL). */
int url_state_format(char *buf, size_t cap, int lesson, int step, const LayerSpec *spec,
                     const Tensor *x, const Tensor *w);

/* The course number of a lesson file name ("dir/03-fractional-stride.yaml"
 * -> 3), or 0 when the name does not start with one. */
int url_state_lesson_number(const char *path);

#endif
