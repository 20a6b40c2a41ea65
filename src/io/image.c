/* image.c - PNG and JPEG files as float tensors (the decoding itself is
 * image_decode.c). The format is told by the file's first bytes, not its
 * name. Decoding happens in src/io, not through SDL, so
 * `tcviz compute`, explain, export and the window read an image the same
 * way, and the tests and fuzzers need no display library.
 *
 * The size is checked from the header before the pixels are decoded: an
 * image past the caller's limit is refused with the --resize that would fit,
 * because a silently shrunk image would show numbers the user never gave. */
#include "io/image.h"
#include "io/image_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

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
    int rc = image_decode(buf, len, name, o, out, err);
    if (rc != 0 && !out->format)
        return rc;
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
