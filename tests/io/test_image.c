/* test_image.c - PNG and JPEG files as input tensors: channels, alpha,
 * scale, area-averaged resize, the interactive limit, damaged files.
 *
 * Images are written here with libpng's and libjpeg-turbo's own encoders,
 * so every expected value is known: PNG is lossless (values are the written
 * bytes / 255), and a flat JPEG block decodes to its flat value. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <png.h>
#include <stdlib.h>
#include <string.h>
#include <turbojpeg.h>

#include "io/image.h"

typedef struct {
    unsigned char *b;
    size_t len;
} Bytes;

static Bytes png_bytes(int w, int h, png_uint_32 format, const unsigned char *px)
{
    png_image p;
    memset(&p, 0, sizeof p);
    p.version = PNG_IMAGE_VERSION;
    p.width = (png_uint_32)w;
    p.height = (png_uint_32)h;
    p.format = format;
    png_alloc_size_t len = 0;
    assert_true(png_image_write_to_memory(&p, NULL, &len, 0, px, 0, NULL));
    Bytes out = {malloc(len), len};
    assert_true(png_image_write_to_memory(&p, out.b, &len, 0, px, 0, NULL));
    return out;
}

static Bytes jpeg_bytes(int w, int h, int gray, const unsigned char *px)
{
    tjhandle tj = tjInitCompress();
    unsigned char *jpg = NULL;
    unsigned long len = 0;
    assert_int_equal(tjCompress2(tj, px, w, 0, h, gray ? TJPF_GRAY : TJPF_RGB, &jpg, &len,
                                 gray ? TJSAMP_GRAY : TJSAMP_444, 100, 0),
                     0);
    Bytes out = {malloc(len), len};
    memcpy(out.b, jpg, len);
    tjFree(jpg);
    tjDestroy(tj);
    return out;
}

static void parse_ok(Bytes f, const ImageOptions *o, Image *im)
{
    Err err = {0};
    if (image_parse(f.b, f.len, "t.png", o, im, &err) != 0)
        fail_msg("%s", err.msg);
}

static void test_gray_png_is_one_channel_of_value_over_255(void **state)
{
    (void)state;
    unsigned char px[6] = {0, 51, 255, 102, 1, 254};
    Bytes f = png_bytes(3, 2, PNG_FORMAT_GRAY, px);
    Image im;
    parse_ok(f, NULL, &im);
    assert_int_equal(im.h, 2);
    assert_int_equal(im.w, 3);
    assert_int_equal(im.c, 1);
    for (int i = 0; i < 6; i++)
        assert_true(im.data[i] == px[i] / 255.0f);
    image_free(&im);
    parse_ok(f, &(ImageOptions){.max_value = 255}, &im);
    for (int i = 0; i < 6; i++)
        assert_true(im.data[i] == px[i]);
    char line[200];
    assert_string_equal(image_describe(&im, "t.png", line, sizeof line),
                        "t.png: PNG 3x2 grayscale, 1 channel, values 0..255");
    image_free(&im);
    free(f.b);
}

static void test_rgba_png_drops_alpha_and_keeps_the_stored_colors(void **state)
{
    (void)state;
    unsigned char px[8] = {10, 20, 30, 0, 200, 100, 50, 128}; /* alpha 0 and 128 */
    Bytes f = png_bytes(2, 1, PNG_FORMAT_RGBA, px);
    Image im;
    parse_ok(f, &(ImageOptions){.max_value = 255}, &im);
    assert_int_equal(im.c, 3);
    const float want[6] = {10, 20, 30, 200, 100, 50};
    for (int i = 0; i < 6; i++)
        assert_true(im.data[i] == want[i]);
    char line[200];
    assert_string_equal(image_describe(&im, "t.png", line, sizeof line),
                        "t.png: PNG 2x1 RGBA, alpha dropped, 3 channels, values 0..255");
    /* NCHW puts each color plane apart. */
    Tensor t = {0};
    Err err = {0};
    assert_int_equal(image_to_tensor(&im, LAYOUT_NCHW, &t, &err), 0);
    assert_int_equal(t.dim[1], 3);
    assert_true(t.data[0] == 10 && t.data[1] == 200 && t.data[2] == 20 && t.data[5] == 50);
    tensor_free(&t);
    image_free(&im);
    free(f.b);
}

static void test_resize_averages_areas_exactly(void **state)
{
    (void)state;
    unsigned char px[16] = {0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30};
    Bytes f = png_bytes(4, 4, PNG_FORMAT_GRAY, px);
    Image im;
    parse_ok(f, &(ImageOptions){.max_value = 255, .resize_w = 2, .resize_h = 2}, &im);
    const float want[4] = {5, 9, 21, 25}; /* the mean of each 2x2 block */
    for (int i = 0; i < 4; i++)
        assert_float_equal(im.data[i], want[i], 1e-5);
    char line[200];
    assert_string_equal(image_describe(&im, "t.png", line, sizeof line),
                        "t.png: PNG 4x4 grayscale, area-averaged to 2x2, 1 channel, values 0..255");
    image_free(&im);
    /* 3 -> 2: each output covers 1.5 inputs. */
    float src[3] = {3, 6, 9}, dst[2];
    Err err = {0};
    assert_int_equal(image_resize_area(src, 1, 3, 1, dst, 1, 2, &err), 0);
    assert_float_equal(dst[0], (3 + 6 * 0.5) / 1.5, 1e-5);
    assert_float_equal(dst[1], (6 * 0.5 + 9) / 1.5, 1e-5);
    free(f.b);
}

static void test_past_the_interactive_limit_suggests_a_resize(void **state)
{
    (void)state;
    unsigned char *px = calloc(100 * 70, 1);
    Bytes f = png_bytes(100, 70, PNG_FORMAT_GRAY, px);
    Image im;
    Err err = {0};
    assert_int_equal(image_parse(f.b, f.len, "big.png", &(ImageOptions){.max_side = 64}, &im, &err),
                     -1);
    assert_int_equal(err.code, TC_ERR_LIMIT);
    assert_string_equal(err.msg, "big.png: 100x70 pixels is larger than the interactive limit "
                                 "64x64, expected --resize WxH to area-average it down (e.g. "
                                 "--resize 64x44)");
    parse_ok(f, &(ImageOptions){.max_side = 64, .resize_w = 50, .resize_h = 35}, &im);
    assert_int_equal(im.w, 50);
    image_free(&im);
    free(px);
    free(f.b);
}

static void test_jpeg_gray_and_color(void **state)
{
    (void)state;
    unsigned char gray[64], rgb[192];
    memset(gray, 128, sizeof gray);
    for (int i = 0; i < 64; i++)
        rgb[3 * i] = 200, rgb[3 * i + 1] = 100, rgb[3 * i + 2] = 50;
    Bytes g = jpeg_bytes(8, 8, 1, gray), c = jpeg_bytes(8, 8, 0, rgb);
    Image im;
    parse_ok(g, &(ImageOptions){.max_value = 255}, &im);
    assert_int_equal(im.c, 1);
    assert_true(im.data[0] == 128 && im.data[63] == 128);
    image_free(&im);
    parse_ok(c, &(ImageOptions){.max_value = 255}, &im);
    assert_int_equal(im.c, 3);
    assert_float_equal(im.data[0], 200, 2);
    assert_float_equal(im.data[1], 100, 2);
    assert_float_equal(im.data[2], 50, 2);
    image_free(&im);
    free(g.b);
    free(c.b);
}

static void test_damaged_images_are_refused_in_one_line(void **state)
{
    (void)state;
    unsigned char px[48];
    for (int i = 0; i < 48; i++)
        px[i] = (unsigned char)(i * 5);
    Bytes files[2] = {png_bytes(4, 4, PNG_FORMAT_RGB, px), jpeg_bytes(4, 4, 0, px)};
    for (int k = 0; k < 2; k++) {
        for (size_t cut = 0; cut < files[k].len; cut++) {
            Image im;
            Err err = {0};
            if (image_parse(files[k].b, cut, "d", NULL, &im, &err) == 0) {
                /* Only a PNG missing just its IEND chunk still holds every
                 * (CRC-checked) pixel; it must then read as the whole file. */
                if (k != 0 || cut < files[k].len - 12)
                    fail_msg("file %d cut at %zu of %zu read", k, cut, files[k].len);
                for (int i = 0; i < 48; i++)
                    assert_true(im.data[i] == px[i] / 255.0f);
                image_free(&im);
                continue;
            }
            assert_true(err.msg[0] != '\0');
            assert_null(strchr(err.msg, '\n'));
        }
        for (size_t at = 0; at < files[k].len; at++) {
            unsigned char *b = malloc(files[k].len);
            memcpy(b, files[k].b, files[k].len);
            b[at] ^= 0x5a;
            Image im;
            Err err = {0};
            if (image_parse(b, files[k].len, "d", NULL, &im, &err) == 0)
                image_free(&im);
            else
                assert_null(strchr(err.msg, '\n'));
            free(b);
        }
        free(files[k].b);
    }
    Image im;
    Err err = {0};
    assert_int_equal(image_parse((const unsigned char *)"GIF89a", 6, "x.gif", NULL, &im, &err), -1);
    assert_string_equal(err.msg, "x.gif: not a PNG or JPEG file (unknown first bytes), expected a "
                                 ".png or .jpg image");
}

/* A small PNG whose text chunk declares 1.38 GB is refused from the chunk
 * lengths, before libpng would allocate the declared size. */
static void test_chunk_longer_than_the_file_is_refused_before_decoding(void **state)
{
    (void)state;
    unsigned char px[16] = {0};
    Bytes f = png_bytes(4, 4, PNG_FORMAT_GRAY, px);
    unsigned char b[64];
    memcpy(b, f.b, 33); /* signature and IHDR */
    static const unsigned char text[] = {0x52, 0x4e, 0x00, 0x25, 't', 'E', 'X', 't', 'd', 0x82};
    memcpy(b + 33, text, sizeof text);
    free(f.b);
    Image im;
    Err err = {0};
    assert_int_equal(image_parse(b, 33 + sizeof text, "big.png", NULL, &im, &err), -1);
    assert_string_equal(err.msg, "big.png: damaged PNG (chunk 'tEXt' at byte 33 declares "
                                 "1380843557 bytes, the file has 2 after it), expected a "
                                 "complete PNG file");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gray_png_is_one_channel_of_value_over_255),
        cmocka_unit_test(test_rgba_png_drops_alpha_and_keeps_the_stored_colors),
        cmocka_unit_test(test_resize_averages_areas_exactly),
        cmocka_unit_test(test_past_the_interactive_limit_suggests_a_resize),
        cmocka_unit_test(test_jpeg_gray_and_color),
        cmocka_unit_test(test_damaged_images_are_refused_in_one_line),
        cmocka_unit_test(test_chunk_longer_than_the_file_is_refused_before_decoding),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
