/* image_resize.c - area averaging (a box filter with exact fractional
 * coverage), the resize tcviz states on screen: every output pixel is the
 * mean of the source pixels under it, so no value is invented and a 2:1
 * reduction is the plain mean of each 2x2 block. Done as two 1-D passes. */
#include "io/image.h"

#include <stdlib.h>

/* Resample one line of values `step` apart from length s to length d. */
static void resample_line(const float *src, int s, float *dst, int d, int step)
{
    double scale = (double)s / d;
    for (int o = 0; o < d; o++) {
        double a = o * scale, b = (o + 1) * scale, sum = 0;
        for (int i = (int)a; i < s && i < b; i++) {
            double lo = i > a ? i : a, hi = i + 1 < b ? i + 1 : b;
            sum += (hi - lo) * src[(size_t)i * step];
        }
        dst[(size_t)o * step] = (float)(sum / scale);
    }
}

int image_resize_area(const float *src, int sh, int sw, int c, float *dst, int dh, int dw,
                      Err *err)
{
    /* Rows first into [sh, dw, c], then columns into [dh, dw, c]. */
    float *mid = malloc((size_t)sh * dw * c * sizeof *mid);
    if (!mid)
        return err_fail(err, TC_ERR_NOMEM, "out of memory resizing the image");
    for (int y = 0; y < sh; y++)
        for (int k = 0; k < c; k++)
            resample_line(src + (size_t)y * sw * c + k, sw, mid + (size_t)y * dw * c + k, dw, c);
    for (int x = 0; x < dw; x++)
        for (int k = 0; k < c; k++)
            resample_line(mid + (size_t)x * c + k, sh, dst + (size_t)x * c + k, dh, dw * c);
    free(mid);
    return 0;
}
