/* web_image_decode.c - the web page's stand-in for image_decode.c: the page
 * is built without libpng and libjpeg-turbo, so an image is refused in one
 * line that says what the page reads instead. */
#include "io/image_internal.h"

int image_decode(const unsigned char *buf, size_t len, const char *name, const ImageOptions *o,
                 Image *out, Err *err)
{
    (void)buf, (void)len, (void)o, (void)out;
    return err_fail(err, TC_ERR_FORMAT, "%s: the web page does not read PNG or JPEG images, "
                    "expected a .npy, .safetensors or lesson file (tcviz compute "
                    "--input-image converts an image on the desktop)", name);
}
