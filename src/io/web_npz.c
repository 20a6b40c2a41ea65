/* web_npz.c - the web page's stand-in for npz.c: the page is built without
 * libzip, so a .npz archive is refused in one line that says what the page
 * reads instead. */
#include "array_file_internal.h"

static int refuse(const ArraySource *src, Err *err)
{
    return err_fail(err, TC_ERR_FORMAT, "%s: the web page does not read .npz archives, expected "
                    "a .npy or .safetensors file", src->name);
}

static int web_npz_read(const ArraySource *src, const char *member, NpyArray *out, Err *err)
{
    (void)member, (void)out;
    return refuse(src, err);
}

static int web_npz_list(const ArraySource *src, ArrayList *out, Err *err)
{
    (void)out;
    return refuse(src, err);
}

const ArrayReader npz_reader = {".npz", "np.savez", web_npz_read, web_npz_list};
