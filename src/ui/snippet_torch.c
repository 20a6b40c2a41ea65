/* snippet_torch.c - write the code panel's PyTorch Python (nn.ConvTranspose2d
 * and F.conv_transpose2d, or their 1-D calls) from the spellings that
 * snippet_plan.c verified against the core. Names follow PyTorch's docs: x,
 * weight [in, out/groups, kh, kw], bias. */
#include "snippet_internal.h"

#include <stdio.h>
#include <string.h>

#define put snip_put
#define comment snip_comment
#define call snip_call
#define pair snip_pair
#define ksize snip_ksize
#define wshape snip_wshape
#define is_one snip_is_one
#define kdims snip_kdims
#define ARG_MAX SNIP_ARG_MAX
#define MAX_ARGS SNIP_MAX_ARGS
typedef SnipText Text;

static const SnipNames plain = {"x", ""};

/* ---- PyTorch ---------------------------------------------------------------------- */

void snip_torch_weight_from_tf(Text *t, const SnipLayer *l, const char *sfx, int has_bias)
{
    put(t, "weight%s = torch.tensor(w%s).permute(%s)\n", sfx, sfx,
        l->dims == 1 ? "2, 1, 0" : "3, 2, 0, 1");
    if (has_bias)
        put(t, "bias%s = torch.tensor(b%s)\n", sfx, sfx);
}

static void torch_header(Text *t, const SnipLayer *l, int has_bias, int functional)
{
    put(t, "import torch\n%s\n",
        functional ? "import torch.nn.functional as F" : "from torch import nn");
    if (l->own.convention == CONV_TF) {
        if (l->dims == 1)
            put(t, "# from TF layouts (NumPy arrays): x NWC -> NCW,\n"
                   "# w [k, out, in] -> weight [in, out, k]\n"
                   "x = torch.tensor(x).permute(0, 2, 1)\n");
        else
            put(t, "# from TF layouts (NumPy arrays): x NHWC -> NCHW,\n"
                   "# w [kh, kw, out, in] -> weight [in, out, kh, kw]\n"
                   "x = torch.tensor(x).permute(0, 3, 1, 2)\n");
        snip_torch_weight_from_tf(t, l, "", has_bias);
    }
    char b1[64], b2[64];
    put(t, "# x: %s; weight: [in, out/groups, %s] = %s\n",
        snip_data_shape(b1, l, 1, l->n, l->c_in, l->in), kdims(l),
        wshape(b2, l, 1, l->c_in, l->c_out / l->groups));
}

/* Why TF's crop needs pad-then-crop, naming the crop on each side. */
static void torch_crop_note(Text *t, const SnipLayer *l, const TorchPlan *p)
{
    const AxisGeom *h = &l->ax[0], *w = &l->ax[1];
    if (l->dims == 1)
        put(t, "# No single PyTorch spelling: TF crops %d left, %d right here\n", w->pad_before,
            w->crop_after);
    else
        put(t,
            "# No single PyTorch spelling: TF crops %d top, %d bottom, %d left, %d right here\n",
            h->pad_before, h->crop_after, w->pad_before, w->crop_after);
    if (h->crop_after < 0 || w->crop_after < 0)
        put(t, "# (a negative crop adds zero %s)\n", l->dims == 1 ? "columns" : "rows");
    if (l->own.padding == PAD_SAME)
        put(t, "# (SAME with an odd total padding puts the extra %s at the end),\n",
            l->dims == 1 ? "column" : "row");
    if (l->dims == 1)
        put(t,
            "# but PyTorch's padding crops both ends equally and output_padding only adds\n"
            "# columns at the end. So: padding=0 for the uncropped %d-long output, then slice\n"
            "# [left:left+W].\n",
            w->full + p->output_padding[1]);
    else
        put(t,
            "# but PyTorch's padding crops both ends equally and output_padding only adds rows "
            "at\n"
            "# the end. So: padding=0 for the uncropped %dx%d output, then slice [top:top+H, "
            "left:left+W].\n",
            h->full + p->output_padding[0], w->full + p->output_padding[1]);
}

int snip_torch_args(const TorchPlan *p, char args[][ARG_MAX], int n)
{
    VocabArg v[VOCAB_MAX_ARGS];
    int count = vocab_torch_options(&p->torch, &p->g, v);
    for (int i = 0; i < count; i++)
        memcpy(args[n++], v[i].s, ARG_MAX);
    return n;
}

static void torch_footer(Text *t, const SnipLayer *l)
{
    char b[64];
    put(t, "# y: %s\n", snip_data_shape(b, l, 1, l->n, l->c_out, l->out));
    if (l->own.convention == CONV_TF)
        put(t, "y = y.permute(%s)  # %s, as TF returns it\n", l->dims == 1 ? "0, 2, 1" : "0, 2, 3, 1",
            snip_data_shape(b, l, 0, l->n, l->c_out, l->out));
}

void snip_torch_slice(char buf[64], const SnipLayer *l, const TorchPlan *p)
{
    if (p->single)
        buf[0] = '\0';
    else if (l->dims == 1)
        snprintf(buf, 64, "[:, :, %d:%d]", l->ax[1].pad_before, l->ax[1].pad_before + l->out[1]);
    else
        snprintf(buf, 64, "[:, :, %d:%d, %d:%d]", l->ax[0].pad_before,
                 l->ax[0].pad_before + l->out[0], l->ax[1].pad_before,
                 l->ax[1].pad_before + l->out[1]);
}

int snip_write_torch(Text *t, const SnipLayer *l, int has_bias, Err *err)
{
    TorchPlan p;
    if (snip_plan_torch(l, &p, err) != 0)
        return -1;
    torch_header(t, l, has_bias, 0);
    if (!p.single)
        torch_crop_note(t, l, &p);
    char args[MAX_ARGS][ARG_MAX], sl[64], v[32];
    int n = 0;
    snprintf(args[n++], ARG_MAX, "%d", l->c_in);
    snprintf(args[n++], ARG_MAX, "%d", l->c_out);
    snprintf(args[n++], ARG_MAX, "%s", ksize(v, l));
    n = snip_torch_args(&p, args, n);
    snprintf(args[n++], ARG_MAX, "bias=%s", has_bias ? "True" : "False");
    call(t, l->dims == 1 ? "conv = nn.ConvTranspose1d(" : "conv = nn.ConvTranspose2d(", args, n,
         ")");
    put(t, "with torch.no_grad(): conv.weight.copy_(weight)%s\n",
        has_bias ? "; conv.bias.copy_(bias)" : "");
    snip_torch_slice(sl, l, &p);
    put(t, "y = conv(x)%s\n", sl);
    torch_footer(t, l);
    return p.single;
}

void snip_torch_f_call(Text *t, const SnipLayer *l, const TorchPlan *p, int has_bias,
                       const SnipNames *nm)
{
    char args[VOCAB_MAX_ARGS][ARG_MAX], sl[64], head[64], tail[80], w[16], b[16];
    snprintf(w, sizeof w, "weight%s", nm->sfx);
    snprintf(b, sizeof b, "bias%s", nm->sfx);
    VocabArg v[VOCAB_MAX_ARGS];
    const char *fn;
    VocabNames names = {.x = nm->x, .w = w, .b = b};
    int n = vocab_call_named(&p->torch, &p->g, has_bias, &names, v, &fn);
    for (int i = 0; i < n; i++)
        memcpy(args[i], v[i].s, ARG_MAX);
    snip_torch_slice(sl, l, p);
    snprintf(head, sizeof head, "y = %s(", fn);
    snprintf(tail, sizeof tail, ")%s", sl);
    call(t, head, args, n, tail);
}

int snip_write_torch_f(Text *t, const SnipLayer *l, int has_bias, Err *err)
{
    TorchPlan p;
    if (snip_plan_torch(l, &p, err) != 0)
        return -1;
    torch_header(t, l, has_bias, 1);
    if (!p.single)
        torch_crop_note(t, l, &p);
    snip_torch_f_call(t, l, &p, has_bias, &plain);
    torch_footer(t, l);
    return p.single;
}
