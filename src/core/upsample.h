/* upsample.h - the two classic fixed upsamplings, for contrast with a
 * transposed convolution of the same input (the overlap view's comparison:
 * neither can produce a checkerboard, because every output cell is a convex
 * combination of nearby inputs with weights that vary smoothly).
 *
 * Both use half-pixel centres: output cell o of an axis resized from `in` to
 * `out` cells sits at source coordinate (o + 0.5) * in / out - 0.5. That is
 * tf.image.resize (TF2) and torch.nn.functional.interpolate with
 * mode='bilinear', align_corners=False, resp. mode='nearest-exact'.
 *
 *     float y[16];
 *     upsample_bilinear((float[]){1, 2, 3, 4}, 1, 2, 2, 4, 4, y);
 *     // y = 1 1.25 1.75 2 / 1.5 1.75 2.25 2.5 / 2.5 2.75 3.25 3.5 / 3 3.25 3.75 4
 *
 * x: [planes, h, w] -> out: [planes, H, W]; any sizes >= 1 (down works too). */
#ifndef TCVIZ_UPSAMPLE_H
#define TCVIZ_UPSAMPLE_H

/* Each output cell copies the input cell whose centre is nearest:
 * src = floor((o + 0.5) * in / out), clamped to the last cell. */
void upsample_nearest(const float *x, int planes, int h, int w, int H, int W, float *out);

/* Linear in each axis between the two nearest input centres; past the first
 * or last centre the edge value is held (the source coordinate is clamped). */
void upsample_bilinear(const float *x, int planes, int h, int w, int H, int W, float *out);

#endif
