/* upsample.c - nearest-neighbour and bilinear resizing with half-pixel
 * centres. Source positions are computed in double from integers, so the
 * common integer factors (2x, 3x) hit exact quarter/third positions. */
#include "upsample.h"

#include <math.h>
#include <stddef.h>

static int nearest_src(int o, int in, int out)
{
    int s = (int)floor((o + 0.5) * in / out);
    return s < in ? s : in - 1;
}

void upsample_nearest(const float *x, int planes, int h, int w, int H, int W, float *out)
{
    for (int p = 0; p < planes; p++)
        for (int oy = 0; oy < H; oy++) {
            const float *row = x + ((size_t)p * h + nearest_src(oy, h, H)) * w;
            for (int ox = 0; ox < W; ox++)
                out[((size_t)p * H + oy) * W + ox] = row[nearest_src(ox, w, W)];
        }
}

/* The two source cells of output cell o and the weight of the second. */
static void linear_src(int o, int in, int out, int *i0, int *i1, double *f)
{
    double s = (o + 0.5) * in / out - 0.5;
    if (s < 0.0)
        s = 0.0;
    *i0 = (int)s;
    if (*i0 > in - 1)
        *i0 = in - 1;
    *i1 = *i0 < in - 1 ? *i0 + 1 : *i0;
    *f = *i1 == *i0 ? 0.0 : s - *i0;
}

void upsample_bilinear(const float *x, int planes, int h, int w, int H, int W, float *out)
{
    for (int p = 0; p < planes; p++) {
        const float *plane = x + (size_t)p * h * w;
        for (int oy = 0; oy < H; oy++) {
            int y0, y1;
            double fy;
            linear_src(oy, h, H, &y0, &y1, &fy);
            for (int ox = 0; ox < W; ox++) {
                int x0, x1;
                double fx;
                linear_src(ox, w, W, &x0, &x1, &fx);
                double top =
                    (1.0 - fx) * plane[(size_t)y0 * w + x0] + fx * plane[(size_t)y0 * w + x1];
                double bot =
                    (1.0 - fx) * plane[(size_t)y1 * w + x0] + fx * plane[(size_t)y1 * w + x1];
                out[((size_t)p * H + oy) * W + ox] = (float)((1.0 - fy) * top + fy * bot);
            }
        }
    }
}
