/* url_state.c - a link's fragment <-> the visualizer's state.
 *
 * The fragment is a command line in disguise: `strides=2&padding=SAME` is
 * `--strides 2 --padding SAME`, handed to cli_parse_layer_args so a link
 * accepts exactly the flags (and gives the same messages) as the command
 * line; tensors are written in the paste parser's nested-list form and read
 * by it. Only `lesson`, `step`, `view`, `theme`, `x` and `w` are the link's
 * own keys. */
#include "cli/url_state.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const file_flags[] = {"input", "filter", "kernel", "d-out", "bias",
                                         "o", "output"};

static int hex(int c)
{
    return isdigit(c) ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10
                                 : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
}

/* Percent-decode s[0..n) in place (the result is never longer); '+' stays a
 * plus because numbers use it (1e+3). */
static int decode(char *s, const char *key, Err *err)
{
    char *out = s;
    for (const char *p = s; *p; p++) {
        if (*p != '%') {
            *out++ = *p;
            continue;
        }
        int hi = hex((unsigned char)p[1]), lo = hi < 0 ? -1 : hex((unsigned char)p[2]);
        if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
            return err_fail(err, TC_ERR_FORMAT, "link: %s: '%%' must be followed by two hex "
                            "digits (not %%00)", key);
        *out++ = (char)(hi * 16 + lo);
        p += 2;
    }
    *out = '\0';
    return 0;
}

static int whole(const char *v, int lo, int hi, const char *key, int *out, Err *err)
{
    char *end;
    long n = strtol(v, &end, 10);
    if (!isdigit((unsigned char)v[0]) || *end || n < lo || n > hi)
        return err_fail(err, TC_ERR_ARG, "link: %s: expected a whole number %d..%d, got '%.40s'",
                        key, lo, hi, v);
    *out = (int)n;
    return 0;
}

static int tensor_value(const char *key, const char *v, PasteResult *slot, Err *err)
{
    if (slot->rank)
        return err_fail(err, TC_ERR_ARG, "link: %s is given twice, expected it once", key);
    if (paste_parse(v, slot, err) != 0) {
        err_prefix(err, "link: %s: ", key);
        return -1;
    }
    return 0;
}

static int own_key(UrlState *u, const char *key, const char *v, int *taken, Err *err)
{
    const char **text = strcmp(key, "view") == 0 ? &u->view
                        : strcmp(key, "theme") == 0 ? &u->theme : NULL;
    *taken = 1;
    if (text) {
        if (*text)
            return err_fail(err, TC_ERR_ARG, "link: %s is given twice, expected it once", key);
        *text = v;
        return 0;
    }
    if (strcmp(key, "lesson") == 0 || strcmp(key, "step") == 0) {
        int lesson = key[0] == 'l';
        if (lesson ? u->lesson != 0 : u->has_step)
            return err_fail(err, TC_ERR_ARG, "link: %s is given twice, expected it once", key);
        if (lesson)
            return whole(v, 1, 99, key, &u->lesson, err);
        u->has_step = 1;
        return whole(v, 0, URL_STATE_MAX_STEP, key, &u->step, err);
    }
    if (strcmp(key, "x") == 0)
        return tensor_value(key, v, &u->x, err);
    if (strcmp(key, "w") == 0)
        return tensor_value(key, v, &u->w, err);
    for (size_t i = 0; i < sizeof file_flags / sizeof file_flags[0]; i++)
        if (strcmp(key, file_flags[i]) == 0)
            return err_fail(err, TC_ERR_ARG,
                            "link: %s: a link carries its tensors as x=[[...]] and w=[[...]], "
                            "not files", key);
    *taken = 0;
    return 0;
}

/* One key=value pair, both decoded in place; layer flags join argv. */
static int pair(UrlState *u, char *item, Err *err)
{
    char *eq = strchr(item, '=');
    if (!eq || eq == item)
        return err_fail(err, TC_ERR_FORMAT, "link: expected key=value, got '%.40s'", item);
    *eq = '\0';
    char *key = item, *v = eq + 1;
    if (decode(key, "a key", err) != 0 || decode(v, key, err) != 0)
        return -1;
    if (!*v)
        return err_fail(err, TC_ERR_ARG, "link: %s has no value", key);
    int taken;
    if (own_key(u, key, v, &taken, err) != 0)
        return -1;
    if (taken)
        return 0;
    if (key[0] == '-' || strlen(key) + 3 > sizeof u->flag_names[0])
        return err_fail(err, TC_ERR_ARG, "link: '%.40s' is not a flag name", key);
    int k = u->n_flags / 2; /* parse() allows at most URL_STATE_MAX_KEYS pairs */
    snprintf(u->flag_names[k], sizeof u->flag_names[k], "--%s", key);
    u->argv[1 + u->n_flags++] = u->flag_names[k];
    u->argv[1 + u->n_flags++] = v;
    return 0;
}

int url_state_parse(const char *fragment, UrlState *out, Err *err)
{
    memset(out, 0, sizeof *out);
    if (fragment[0] == '#')
        fragment++;
    size_t n = strlen(fragment);
    if (n > URL_STATE_MAX_TEXT)
        return err_fail(err, TC_ERR_LIMIT, "link: longer than %zu characters", URL_STATE_MAX_TEXT);
    out->text = malloc(n + 1);
    if (!out->text)
        return err_fail(err, TC_ERR_NOMEM, "link: out of memory");
    memcpy(out->text, fragment, n + 1);
    out->argv[0] = "tcviz";
    int keys = 0;
    char *save = NULL;
    for (char *item = strtok_r(out->text, "&", &save); item;
         item = strtok_r(NULL, "&", &save)) {
        if (++keys > URL_STATE_MAX_KEYS) {
            err_fail(err, TC_ERR_LIMIT, "link: more than %d keys", URL_STATE_MAX_KEYS);
            goto fail;
        }
        if (pair(out, item, err) != 0)
            goto fail;
    }
    if (out->lesson && out->has_step && out->step == 0) {
        err_fail(err, TC_ERR_ARG, "link: step: a lesson's steps count from 1, got 0");
        goto fail;
    }
    if (out->lesson && (out->n_flags || out->x.rank || out->w.rank)) {
        err_fail(err, TC_ERR_ARG, "link: lesson cannot be combined with layer keys or tensors "
                 "(the lesson sets the layer)");
        goto fail;
    }
    CliLayerArgs layer;
    if (out->n_flags && cli_parse_layer_args(out->n_flags + 1, out->argv, 1, NULL, &layer, err) != 0) {
        err_prefix(err, "link: ");
        goto fail;
    }
    return 0;
fail:
    url_state_free(out);
    return -1;
}

void url_state_free(UrlState *u)
{
    paste_free(&u->x);
    paste_free(&u->w);
    free(u->text);
    memset(u, 0, sizeof *u);
}
