/* image_decode.c - the pixels of a PNG (libpng's simplified API) or JPEG
 * (libjpeg-turbo's TurboJPEG API) file, told apart by their first bytes. The
 * size is checked from the header before the pixels are decoded. Apart from
 * image.c so that a build without these libraries (the web page) can put its
 * own refusal in its place. */
#include "io/image_internal.h"

#include <png.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <turbojpeg.h>

/* The file's size against the limits, before anything is decoded. */
static int check_size(const char *name, int w, int h, const ImageOptions *o, Err *err)
{
    if (w < 1 || h < 1 || w > TENSOR_MAX_DIM || h > TENSOR_MAX_DIM ||
        (size_t)w * (size_t)h * 4 > TENSOR_MAX_ELEMS)
        return err_fail(err, TC_ERR_LIMIT, "%s: %dx%d pixels, expected at most %d per side and "
                        "%zu pixels", name, w, h, TENSOR_MAX_DIM, TENSOR_MAX_ELEMS / 4);
    int ow = o->resize_w ? o->resize_w : w, oh = o->resize_h ? o->resize_h : h;
    if (o->max_side && (ow > o->max_side || oh > o->max_side)) {
        if (o->resize_w)
            return err_fail(err, TC_ERR_LIMIT, "%s: --resize %dx%d is larger than the interactive "
                            "limit, expected at most %dx%d", name, ow, oh, o->max_side,
                            o->max_side);
        /* The largest size within the limit that keeps the aspect ratio. */
        int big = w > h ? w : h;
        int sw = (int)((long)w * o->max_side / big), sh = (int)((long)h * o->max_side / big);
        return err_fail(err, TC_ERR_LIMIT, "%s: %dx%d pixels is larger than the interactive limit "
                        "%dx%d, expected --resize WxH to area-average it down (e.g. --resize "
                        "%dx%d)", name, w, h, o->max_side, o->max_side, sw ? sw : 1, sh ? sh : 1);
    }
    return 0;
}

/* 8-bit pixels with file_c channels into [h, w, c] floats, alpha dropped. */
static int to_floats(const unsigned char *px, Image *im, Err *err)
{
    size_t n = (size_t)im->file_h * im->file_w;
    im->c = im->file_c >= 3 ? 3 : 1;
    float *f = malloc(n * (size_t)im->c * sizeof *f);
    if (!f)
        return err_fail(err, TC_ERR_NOMEM, "out of memory for %zu pixels", n);
    float div = im->max_value == 255 ? 1.0f : 255.0f;
    for (size_t i = 0; i < n; i++)
        for (int k = 0; k < im->c; k++)
            f[i * (size_t)im->c + (size_t)k] = px[i * (size_t)im->file_c + (size_t)k] / div;
    im->data = f;
    im->h = im->file_h;
    im->w = im->file_w;
    return 0;
}

/* libpng allocates a chunk's declared length before it reads the chunk, so a
 * 100-byte file that declares a 1 GB text chunk costs 1 GB. The whole file is
 * in memory: every chunk must fit in what is left of it. */
static int png_chunks_fit(const unsigned char *buf, size_t len, const char *name, Err *err)
{
    size_t at = 8; /* after the signature */
    while (len - at >= 8) {
        uint32_t n = (uint32_t)buf[at] << 24 | (uint32_t)buf[at + 1] << 16 |
                     (uint32_t)buf[at + 2] << 8 | buf[at + 3];
        char type[5] = {0};
        for (int i = 0; i < 4; i++) {
            unsigned char c = buf[at + 4 + (size_t)i];
            type[i] = (char)(c >= 0x20 && c < 0x7f ? c : '?');
        }
        if (n > len - at - 8 || len - at - 8 - n < 4)
            return err_fail(err, TC_ERR_FORMAT, "%s: damaged PNG (chunk '%s' at byte %zu declares "
                            "%lu bytes, the file has %zu after it), expected a complete PNG file",
                            name, type, at, (unsigned long)n, len - at - 8);
        if (memcmp(type, "IEND", 4) == 0)
            break;
        at += 12 + (size_t)n;
    }
    return 0;
}

static int decode_png(const unsigned char *buf, size_t len, const char *name,
                      const ImageOptions *o, Image *im, Err *err)
{
    if (png_chunks_fit(buf, len, name, err) != 0)
        return -1;
    png_image p;
    memset(&p, 0, sizeof p);
    p.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&p, buf, len))
        return err_fail(err, TC_ERR_FORMAT, "%s: damaged PNG (%s), expected a readable PNG file",
                        name, p.message);
    int color = (p.format & PNG_FORMAT_FLAG_COLOR) != 0, alpha = (p.format & PNG_FORMAT_FLAG_ALPHA) != 0;
    if (check_size(name, (int)p.width, (int)p.height, o, err) != 0) {
        png_image_free(&p);
        return -1;
    }
    /* 8-bit, not premultiplied: the stored values, with alpha kept apart. */
    p.format = color ? (alpha ? PNG_FORMAT_RGBA : PNG_FORMAT_RGB)
                     : (alpha ? PNG_FORMAT_GA : PNG_FORMAT_GRAY);
    im->file_w = (int)p.width;
    im->file_h = (int)p.height;
    im->file_c = (color ? 3 : 1) + alpha;
    unsigned char *px = malloc(PNG_IMAGE_SIZE(p));
    if (!px) {
        png_image_free(&p);
        return err_fail(err, TC_ERR_NOMEM, "%s: out of memory for the pixels", name);
    }
    if (!png_image_finish_read(&p, NULL, px, 0, NULL)) {
        err_fail(err, TC_ERR_FORMAT, "%s: damaged PNG (%s), expected a readable PNG file", name,
                 p.message);
        free(px);
        return -1;
    }
    int rc = to_floats(px, im, err);
    free(px);
    return rc;
}

static int jpeg_failed(tjhandle tj, const char *name, Err *err)
{
    return err_fail(err, TC_ERR_FORMAT, "%s: damaged JPEG (%s), expected a readable JPEG file",
                    name, tjGetErrorStr2(tj));
}

static int decode_jpeg(const unsigned char *buf, size_t len, const char *name,
                       const ImageOptions *o, Image *im, Err *err)
{
    tjhandle tj = tjInitDecompress();
    if (!tj)
        return err_fail(err, TC_ERR_NOMEM, "%s: cannot start the JPEG decoder", name);
    int w, h, sub, space, rc = -1;
    unsigned char *px = NULL;
    if (tjDecompressHeader3(tj, buf, (unsigned long)len, &w, &h, &sub, &space) != 0) {
        jpeg_failed(tj, name, err);
        goto done;
    }
    if (space == TJCS_CMYK || space == TJCS_YCCK) {
        err_fail(err, TC_ERR_FORMAT, "%s: CMYK JPEG, expected a grayscale or color (RGB) JPEG",
                 name);
        goto done;
    }
    if (check_size(name, w, h, o, err) != 0)
        goto done;
    im->file_w = w;
    im->file_h = h;
    im->file_c = space == TJCS_GRAY ? 1 : 3;
    px = malloc((size_t)w * h * im->file_c);
    if (!px) {
        err_fail(err, TC_ERR_NOMEM, "%s: out of memory for the pixels", name);
        goto done;
    }
    /* A warning (a truncated file) would leave gray rows: refuse it. */
    if (tjDecompress2(tj, buf, (unsigned long)len, px, w, 0, h,
                      im->file_c == 1 ? TJPF_GRAY : TJPF_RGB,
                      TJFLAG_ACCURATEDCT | TJFLAG_STOPONWARNING) != 0) {
        jpeg_failed(tj, name, err);
        goto done;
    }
    rc = to_floats(px, im, err);
done:
    free(px);
    tjDestroy(tj);
    return rc;
}

int image_decode(const unsigned char *buf, size_t len, const char *name, const ImageOptions *o,
                 Image *out, Err *err)
{
    if (len >= 8 && png_sig_cmp(buf, 0, 8) == 0) {
        out->format = "PNG";
        return decode_png(buf, len, name, o, out, err);
    }
    if (len >= 3 && buf[0] == 0xff && buf[1] == 0xd8 && buf[2] == 0xff) {
        out->format = "JPEG";
        return decode_jpeg(buf, len, name, o, out, err);
    }
    return err_fail(err, TC_ERR_FORMAT, "%s: not a PNG or JPEG file (unknown first bytes), "
                    "expected a .png or .jpg image", name);
}
