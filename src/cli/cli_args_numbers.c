/* cli_args_numbers.c - the numbers in layer flag values: comma-separated
 * decimal lists, "S or SH,SW" pairs, four sizes, each convention's padding
 * and "WxH". Parsing is strict (decimal, fully consumed, range-checked),
 * because a silently truncated "2x" or a wrapped-around size would give a
 * wrong answer instead of an error. */
#include "cli/cli_args.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/cli_args_internal.h"

int cli_is_int_start(const char *p)
{
    return (*p >= '0' && *p <= '9') || (*p == '-' && p[1] >= '0' && p[1] <= '9');
}

/* Parse `text` as min_n..max_n comma-separated decimal integers in [lo, hi].
 * The form is checked for the whole list first, then the count, then each
 * range, so the message names the first thing wrong with the list as a whole. */
int cli_parse_ints(const char *flag, const char *text, const char *form, int min_n, int max_n,
                   int lo, int hi, int *out, int *n, Err *err)
{
    int count = 0;
    char *end;
    for (const char *p = text;; p = end + 1) {
        end = NULL;
        if (cli_is_int_start(p))
            (void)strtol(p, &end, 10);
        if (!end || (*end != ',' && *end != '\0'))
            return err_fail(err, TC_ERR_ARG, "%s: expected %s (integers), got '%s'", flag, form,
                            text);
        count++;
        if (*end == '\0')
            break;
    }
    if (count < min_n || count > max_n)
        return err_fail(err, TC_ERR_ARG, "%s: expected %s, got %d number%s in '%s'", flag, form,
                        count, count == 1 ? "" : "s", text);
    const char *p = text;
    for (int i = 0; i < count; i++) {
        errno = 0;
        long v = strtol(p, &end, 10);
        if (errno == ERANGE || v < lo || v > hi)
            return err_fail(err, TC_ERR_ARG, "%s: %.*s is out of range, expected %d..%d", flag,
                            (int)(end - p > 24 ? 24 : end - p), p, lo, hi);
        out[i] = (int)v;
        p = end + 1;
    }
    *n = count;
    return 0;
}

/* "S" or "SH,SW" into a [h, w] pair. */
int cli_parse_pair(const char *flag, const char *text, const char *form, int lo, int hi,
                   int out[2], Err *err)
{
    int v[2], n;
    if (cli_parse_ints(flag, text, form, 1, 2, lo, hi, v, &n, err) != 0)
        return -1;
    out[0] = v[0];
    out[1] = n == 2 ? v[1] : v[0];
    return 0;
}

int cli_parse_four(const char *flag, const char *text, const char *form, int lo, int hi,
                   int out[4], Err *err)
{
    int n;
    return cli_parse_ints(flag, text, form, 4, 4, lo, hi, out, &n, err);
}

int cli_parse_padding(const char *flag, const char *v, ConvParams *p, Err *err)
{
    if (p->convention == CONV_TF) {
        if (strcasecmp(v, "SAME") == 0 || strcasecmp(v, "VALID") == 0) {
            p->padding = strcasecmp(v, "SAME") == 0 ? PAD_SAME : PAD_VALID;
            return 0;
        }
        if (!strchr(v, ','))
            return err_fail(err, TC_ERR_ARG,
                            "%s: expected SAME, VALID or T,B,L,R with --convention tf, got '%s'",
                            flag, v);
        p->padding = PAD_EXPLICIT;
        return cli_parse_four(flag, v, "SAME, VALID or T,B,L,R", 0, GEOM_MAX_PARAM, p->pad, err);
    }
    int hw[2];
    if (!cli_is_int_start(v))
        return err_fail(err, TC_ERR_ARG,
                        "%s: expected P or PH,PW with --convention torch, got '%s'", flag, v);
    if (cli_parse_pair(flag, v, "P or PH,PW", 0, GEOM_MAX_PARAM, hw, err) != 0)
        return -1;
    params_set_torch_padding(p, hw[0], hw[1]);
    return 0;
}

/* A run of decimal digits; -1 when there is none. Every digit is consumed
 * and a value past DIGITS_MAX stays DIGITS_MAX, so a well-formed but huge
 * size is told apart from a malformed one (it gets the range message). */
#define DIGITS_MAX 999999999
static int digits(const char **p)
{
    long v = 0;
    int n = 0;
    for (; **p >= '0' && **p <= '9'; (*p)++, n++)
        v = v >= DIGITS_MAX ? DIGITS_MAX : v * 10 + (**p - '0');
    return n == 0 ? -1 : (int)(v > DIGITS_MAX ? DIGITS_MAX : v);
}

int cli_parse_wxh(const char *flag, const char *text, const char *example, const int range[4],
                  int *w, int *h, Err *err)
{
    const char *p = text ? text : "";
    int ww = digits(&p);
    int sep = *p == 'x' || *p == 'X';
    p += sep;
    int hh = sep ? digits(&p) : -1;
    if (ww < 0 || hh < 0 || *p != '\0')
        return err_fail(err, TC_ERR_ARG, "%s: expected WxH (e.g. %s), got '%s'", flag, example,
                        text ? text : "");
    if (ww < range[0] || hh < range[1] || ww > range[2] || hh > range[3])
        return err_fail(err, TC_ERR_ARG, "%s: %s is out of range, expected %dx%d .. %dx%d", flag,
                        text, range[0], range[1], range[2], range[3]);
    *w = ww;
    *h = hh;
    return 0;
}
