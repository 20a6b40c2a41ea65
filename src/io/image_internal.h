/* image_internal.h - the decoder behind image_parse (image_decode.c, or the
 * web page's refusal in web_image_decode.c). */
#ifndef TCVIZ_IMAGE_INTERNAL_H
#define TCVIZ_IMAGE_INTERNAL_H

#include "io/image.h"

/* The file's pixels into out (w, h, c, data, file_*, format), resized per o
 * by the caller; out->format stays NULL when the format is not one this
 * build reads. 0, or -1 with err. */
int image_decode(const unsigned char *buf, size_t len, const char *name, const ImageOptions *o,
                 Image *out, Err *err);

#endif
