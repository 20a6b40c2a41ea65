/* image.c - PNG (libpng's simplified API) and JPEG (libjpeg-turbo's
 * TurboJPEG API) files as float tensors. The format is told by the file's
 * first bytes, not its name. Decoding happens in src/io, not through SDL, so
 * `tcviz compute`, explain, export and the window read an image the same
 * way, and the tests and fuzzers need no display library.
 *
 * The size is checked from the header before the pixels are decoded: an
 * image past the caller's limit is refused with the --resize that would fit,
 * because a silently shrunk image would show numbers the user never gave. */
#include "io/image.h"

#include <errno.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <turbojpeg.h>

int image_path_is_image(const char *path)
{
    static const char *const exts[] = {".png", ".jpg", ".jpeg"};
    size_t n = strlen(path);
    for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++) {
        size_t e = strlen(exts[i]);
        if (n >= e && strcasecmp(path + n - e, exts[i]) == 0)
            return 1;
    }
    return 0;
}

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

static int decode_png(const unsigned char *buf, size_t len, const char *name,
                      const ImageOptions *o, Image *im, Err *err)
{
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

int image_parse(const unsigned char *buf, size_t len, const char *name, const ImageOptions *o,
                Image *out, Err *err)
{
    static const ImageOptions defaults = {0};
    memset(out, 0, sizeof *out);
    if (!o)
        o = &defaults;
    if (o->max_value != 0 && o->max_value != 1 && o->max_value != 255)
        return err_fail(err, TC_ERR_ARG, "%s: scale %d, expected 1 or 255", name, o->max_value);
    out->max_value = o->max_value == 255 ? 255 : 1;
    int rc;
    if (len >= 8 && png_sig_cmp(buf, 0, 8) == 0) {
        out->format = "PNG";
        rc = decode_png(buf, len, name, o, out, err);
    } else if (len >= 3 && buf[0] == 0xff && buf[1] == 0xd8 && buf[2] == 0xff) {
        out->format = "JPEG";
        rc = decode_jpeg(buf, len, name, o, out, err);
    } else {
        return err_fail(err, TC_ERR_FORMAT, "%s: not a PNG or JPEG file (unknown first bytes), "
                        "expected a .png or .jpg image", name);
    }
    if (rc == 0 && o->resize_w && (o->resize_w != out->w || o->resize_h != out->h)) {
        float *small = malloc((size_t)o->resize_w * o->resize_h * out->c * sizeof *small);
        if (!small)
            rc = err_fail(err, TC_ERR_NOMEM, "%s: out of memory resizing", name);
        else if (image_resize_area(out->data, out->h, out->w, out->c, small, o->resize_h,
                                   o->resize_w, err) != 0)
            free(small), rc = -1;
        else {
            free(out->data);
            out->data = small;
            out->w = o->resize_w;
            out->h = o->resize_h;
        }
    }
    if (rc != 0)
        image_free(out);
    return rc;
}

int image_read(const char *path, const ImageOptions *o, Image *out, Err *err)
{
    memset(out, 0, sizeof *out);
    errno = 0;
    FILE *f = fopen(path, "rb");
    struct stat st;
    if (!f || fstat(fileno(f), &st) != 0) {
        int e = errno;
        if (f)
            fclose(f);
        return err_fail(err, TC_ERR_IO, "%s: cannot open (%s), expected a readable PNG or JPEG "
                        "file", path, strerror(e));
    }
    if ((size_t)st.st_size > IMAGE_MAX_FILE) {
        fclose(f);
        return err_fail(err, TC_ERR_LIMIT, "%s: %lld bytes, expected an image file of at most "
                        "%zu MiB", path, (long long)st.st_size, IMAGE_MAX_FILE >> 20);
    }
    size_t len = (size_t)st.st_size;
    unsigned char *buf = malloc(len ? len : 1);
    if (!buf) {
        fclose(f);
        return err_fail(err, TC_ERR_NOMEM, "%s: out of memory reading the file", path);
    }
    size_t got = fread(buf, 1, len, f);
    int bad = ferror(f);
    fclose(f);
    int rc = got != len || bad
                 ? err_fail(err, TC_ERR_IO, "%s: cannot read (%s), expected a readable PNG or "
                            "JPEG file", path, bad ? strerror(errno) : "file shrank")
                 : image_parse(buf, len, path, o, out, err);
    free(buf);
    return rc;
}

int image_to_tensor(const Image *im, Layout layout, Tensor *out, Err *err)
{
    TC_ASSERT(layout == LAYOUT_NHWC || layout == LAYOUT_NCHW);
    int dim[4] = {1, im->h, im->w, im->c};
    if (layout == LAYOUT_NCHW)
        dim[1] = im->c, dim[2] = im->h, dim[3] = im->w;
    if (tensor_init(out, layout, dim, err) != 0)
        return -1;
    for (int y = 0; y < im->h; y++)
        for (int x = 0; x < im->w; x++)
            for (int k = 0; k < im->c; k++) {
                size_t src = ((size_t)y * im->w + x) * im->c + k;
                size_t dst = layout == LAYOUT_NHWC ? src : ((size_t)k * im->h + y) * im->w + x;
                out->data[dst] = im->data[src];
            }
    return 0;
}

const char *image_describe(const Image *im, const char *path, char *buf, size_t size)
{
    static const char *const kinds[] = {"", "grayscale", "grayscale+alpha", "RGB", "RGBA"};
    char resized[64] = "";
    if (im->w != im->file_w || im->h != im->file_h)
        snprintf(resized, sizeof resized, ", area-averaged to %dx%d", im->w, im->h);
    snprintf(buf, size, "%s: %s %dx%d %s%s%s, %d channel%s, values 0..%d", path, im->format,
             im->file_w, im->file_h, kinds[im->file_c], im->file_c % 2 == 0 ? ", alpha dropped" : "",
             resized, im->c, im->c == 1 ? "" : "s", im->max_value);
    return buf;
}

void image_free(Image *im)
{
    free(im->data);
    memset(im, 0, sizeof *im);
}
