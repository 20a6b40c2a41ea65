/* image.h - a PNG or JPEG file as an input tensor.
 *
 *     ImageOptions o = {.max_value = 255, .max_side = 64};
 *     Image im = {0};
 *     Tensor x = {0};
 *     if (image_read("photo.png", &o, &im, &err) != 0 ||
 *         image_to_tensor(&im, LAYOUT_NHWC, &x, &err) != 0)
 *         fprintf(stderr, "tcviz: %s\n", err.msg);
 *     char line[200];
 *     puts(image_describe(&im, path, line, sizeof line)); // what was done to the pixels
 *     image_free(&im);
 *
 * Grayscale files give 1 channel and color files 3 (R, G, B). An alpha
 * channel is dropped: the stored color values are used as they are, not
 * blended with any background, and image_describe says so. Pixels are 8-bit
 * (a 16-bit PNG is reduced to 8 bits by libpng) and become value/255
 * (max_value 1, the default) or the integer 0..255 (max_value 255). An image
 * wider or taller than max_side is refused with a message suggesting
 * --resize; resizing is only done when asked, by area averaging.
 */
#ifndef TCVIZ_IMAGE_H
#define TCVIZ_IMAGE_H

#include <stddef.h>

#include "core/status.h"
#include "core/tensor.h"

/* Files past this are refused before they are decoded. */
#define IMAGE_MAX_FILE ((size_t)64 << 20)

typedef struct {
    int max_value;         /* 1 (0 means 1) or 255 */
    int resize_w, resize_h; /* 0: keep the file's size */
    int max_side;          /* refuse larger images (after resizing); 0: tensor limits only */
} ImageOptions;

typedef struct {
    int h, w, c;          /* c is 1 or 3 */
    float *data;          /* [h, w, c], C order */
    int file_h, file_w;   /* the size in the file */
    int file_c;           /* channels in the file: 1-4 (2 and 4 have alpha) */
    int max_value;
    const char *format;   /* "PNG", "JPEG" */
} Image;

/* True for names ending in .png, .jpg or .jpeg (any case). */
int image_path_is_image(const char *path);

int image_read(const char *path, const ImageOptions *o, Image *out, Err *err);
/* The same from memory; `name` stands for the file in messages. */
int image_parse(const unsigned char *buf, size_t len, const char *name, const ImageOptions *o,
                Image *out, Err *err);

/* [1, H, W, C] in NHWC or [1, C, H, W] in NCHW. */
int image_to_tensor(const Image *im, Layout layout, Tensor *out, Err *err);

/* "photo.png: PNG 96x64 RGBA, alpha dropped, area-averaged to 48x32, 3 channels,
 * values 0..1" */
const char *image_describe(const Image *im, const char *path, char *buf, size_t size);

void image_free(Image *im);

/* Area averaging of [sh, sw, c] into [dh, dw, c]: each output pixel is the
 * mean of the source area it covers, partly covered pixels weighted by the
 * covered fraction. */
int image_resize_area(const float *src, int sh, int sw, int c, float *dst, int dh, int dw,
                      Err *err);

#endif
