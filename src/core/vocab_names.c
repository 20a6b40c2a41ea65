/* vocab_names.c - elements and slices named the way a sentence writes them
 * (see vocab.h): the window's status, tooltips and captions, `tcviz
 * explain` and the lesson questions say the same x[...] for the same
 * element. */
#include "core/vocab.h"

#include <stdio.h>

int vocab_single(const ConvGeom *g)
{
    return g->n == 1 && g->c_conv_out == 1 && g->c_conv_in == 1;
}

void vocab_data_name(char *buf, size_t cap, const char *var, Convention conv, const ConvGeom *g,
                     int n, int c, int i, int j)
{
    if (vocab_single(g))
        snprintf(buf, cap, "%s[%d,%d]", var, i, j);
    else
        vocab_element(buf, cap, var, conv, n, c, i, j);
}

/* y's channel co counted within its group: PyTorch's weight holds
 * out/groups channels per input channel. */
static int within_group(const ConvGeom *g, int co)
{
    int per = g->groups > 0 ? g->c_conv_in / g->groups : g->c_conv_in;
    return per > 0 ? co % per : co;
}

void vocab_filter_name(char *buf, size_t cap, const char *var, Convention conv,
                       const ConvGeom *g, int ci, int co, int a, int b)
{
    if (vocab_single(g))
        snprintf(buf, cap, "%s[%d,%d]", var, a, b);
    else if (conv == CONV_TF)
        snprintf(buf, cap, "%s[%d,%d,%d,%d]", var, a, b, co, ci);
    else
        snprintf(buf, cap, "%s[%d,%d,%d,%d]", var, ci, within_group(g, co), a, b);
}

void vocab_data_slice(char *buf, size_t cap, const char *var, Convention conv,
                      const ConvGeom *g, int n, int c)
{
    if (vocab_single(g))
        snprintf(buf, cap, "%s", var);
    else if (conv == CONV_TF)
        snprintf(buf, cap, "%s[%d,:,:,%d]", var, n, c);
    else
        snprintf(buf, cap, "%s[%d,%d]", var, n, c);
}

void vocab_filter_slice(char *buf, size_t cap, const char *var, Convention conv,
                        const ConvGeom *g, int ci, int co)
{
    if (vocab_single(g))
        snprintf(buf, cap, "%s", var);
    else if (conv == CONV_TF)
        snprintf(buf, cap, "%s[:,:,%d,%d]", var, co, ci);
    else
        snprintf(buf, cap, "%s[%d,%d]", var, ci, within_group(g, co));
}
