/* test_gif.c - the animated GIF writer and its palette, read back by giflib.
 *
 * Frames are written with gif_writer, decoded with DGifSlurp and composited
 * the way a viewer does (each image over the previous canvas, "do not
 * dispose"), then compared pixel by pixel with what was written: exactly when
 * a frame has <= 256 colours, and within a tolerance for a gradient of more
 * colours - where the theme-like flat colours must still come back exact.
 * The loop extension, the delays, the frame count and size are checked, and
 * the failure paths leave nothing behind (no file, no temporary). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <gif_lib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/gif_palette.h"
#include "app/gif_writer.h"
#include "gif_decode.h"

#define W 40
#define H 30

static char tmpdir[64];

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/tcviz_gif_XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    return rmdir(tmpdir);
}

static void path_in(char *buf, size_t cap, const char *name)
{
    int n = snprintf(buf, cap, "%s/%s", tmpdir, name);
    assert_true(n > 0 && (size_t)n < cap);
}

static int dir_entries(void)
{
    DIR *d = opendir(tmpdir);
    assert_non_null(d);
    int n = 0;
    for (struct dirent *e; (e = readdir(d));)
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return n;
}

static void fill(uint32_t *px, int pw, int x, int y, int w, int h, uint32_t c)
{
    for (int r = y; r < y + h; r++)
        for (int col = x; col < x + w; col++)
            px[r * pw + col] = c;
}

static int max_channel_error(uint32_t a, uint32_t b)
{
    int worst = 0;
    for (int s = 0; s <= 16; s += 8) {
        int e = abs((int)((a >> s) & 0xFF) - (int)((b >> s) & 0xFF));
        worst = e > worst ? e : worst;
    }
    return worst;
}

/* Three frames: a flat one, one with a moved block (a changed rectangle),
 * and an unchanged repeat; alpha bytes are garbage and must be ignored. */
static void test_three_frames_round_trip(void **state)
{
    (void)state;
    static uint32_t f[3][H][W];
    const uint32_t bg = 0xFFF4F1EAu, ink = 0x80202830u, hi = 0x00E69F00u, cell = 0x7F56B4E9u;
    fill(&f[0][0][0], W, 0, 0, W, H, bg);
    fill(&f[0][0][0], W, 4, 4, 10, 8, cell);
    fill(&f[0][0][0], W, 20, 2, 1, 20, ink);
    memcpy(f[1], f[0], sizeof f[0]);
    fill(&f[1][0][0], W, 22, 10, 6, 6, hi);
    memcpy(f[2], f[1], sizeof f[1]);
    const int delays[3] = {50, 25, 100};

    char path[128];
    path_in(path, sizeof path, "anim.gif");
    Err err = {0};
    GifWriter *g = gif_writer_open(path, W, H, &err);
    assert_non_null(g);
    assert_int_equal(access(path, F_OK), -1); /* nothing at the path until finish */
    for (int i = 0; i < 3; i++)
        assert_int_equal(gif_writer_add(g, &f[i][0][0], W * 4, delays[i], &err), 0);
    assert_int_equal(gif_writer_finish(g, &err), 0);
    assert_int_equal(dir_entries(), 1); /* the GIF, no temporary left */

    Decoded d;
    gif_decode(path, &d);
    assert_int_equal(d.frames, 3);
    assert_int_equal(d.w, W);
    assert_int_equal(d.h, H);
    assert_int_equal(d.loops, 1); /* loop count 0: forever */
    for (int i = 0; i < 3; i++) {
        assert_int_equal(d.delay[i], delays[i]);
        for (int y = 0; y < H; y++)
            for (int x = 0; x < W; x++)
                if (d.canvas[(size_t)i * W * H + (size_t)(y * W + x)] != (f[i][y][x] & 0xFFFFFFu))
                    fail_msg("frame %d pixel (%d,%d): 0x%06x, wrote 0x%06x", i, x, y,
                             d.canvas[(size_t)i * W * H + (size_t)(y * W + x)],
                             f[i][y][x] & 0xFFFFFFu);
    }
    free(d.canvas);
    unlink(path);
}

/* More than 256 colours: a 32x32 two-channel ramp (1024 colours) beside
 * flat "theme" colours. The flat colours come back exact, the ramp close. */
static void test_many_colours_keep_flat_ones_exact(void **state)
{
    (void)state;
    enum { GW = 96, GH = 64 };
    static uint32_t px[GH][GW];
    const uint32_t bg = 0xF4F1EAu, ink = 0x202830u, accent = 0xD55E00u;
    fill(&px[0][0], GW, 0, 0, GW, GH, bg);
    fill(&px[0][0], GW, 40, 40, 50, 3, ink);
    fill(&px[0][0], GW, 40, 50, 20, 10, accent);
    for (int y = 0; y < 32; y++)
        for (int x = 0; x < 32; x++)
            px[4 + y][4 + x] = (uint32_t)(x * 8 + 4) << 16 | (uint32_t)(y * 8 + 2) << 8 | 0x80u;

    char path[128];
    path_in(path, sizeof path, "ramp.gif");
    Err err = {0};
    GifWriter *g = gif_writer_open(path, GW, GH, &err);
    assert_non_null(g);
    assert_int_equal(gif_writer_add(g, &px[0][0], GW * 4, 7, &err), 0);
    assert_int_equal(gif_writer_finish(g, &err), 0);

    Decoded d;
    gif_decode(path, &d);
    assert_int_equal(d.frames, 1);
    assert_int_equal(d.delay[0], 7);
    int worst = 0;
    for (int y = 0; y < GH; y++)
        for (int x = 0; x < GW; x++) {
            uint32_t want = px[y][x], got = d.canvas[y * GW + x];
            if (want == bg || want == ink || want == accent) {
                if (got != want)
                    fail_msg("flat colour at (%d,%d): 0x%06x, wrote 0x%06x", x, y, got, want);
            } else {
                int e = max_channel_error(got, want);
                worst = e > worst ? e : worst;
            }
        }
    /* 1024 ramp colours in ~250 entries: boxes of about 2x2 ramp steps. */
    assert_true(worst > 0);
    assert_true(worst <= 16);
    free(d.canvas);
    unlink(path);
}

/* The palette alone: exact and most-common-first below 256 colours. */
static void test_palette_exact_below_256(void **state)
{
    (void)state;
    enum { PW = 20, PH = 20 };
    uint32_t px[PH * PW];
    for (int i = 0; i < PW * PH; i++)
        px[i] = i < 300 ? 0x112233u : (uint32_t)(0x010000u * (uint32_t)(i - 300));
    unsigned char idx[PW * PH];
    GifPalette p = {0};
    Err err = {0};
    assert_int_equal(gif_palette_build(&p, px, PW, 0, 0, PW, PH, idx, &err), 0);
    assert_int_equal(p.count, 101);
    assert_int_equal(p.colors[0], 0x112233u); /* the most common first */
    for (int i = 0; i < PW * PH; i++)
        assert_int_equal(p.colors[idx[i]], px[i] & 0xFFFFFFu);
    /* A sub-region with one colour: one entry. */
    assert_int_equal(gif_palette_build(&p, px, PW, 2, 3, 5, 4, idx, &err), 0);
    assert_int_equal(p.count, 1);
    assert_int_equal(p.colors[0], 0x112233u);
    gif_palette_free(&p);
}

/* Colours common in the whole frame stay exact in a region where they are
 * rare (the changed rectangle of a later frame). */
static void test_palette_keeps_frame_colours(void **state)
{
    (void)state;
    enum { PW = 64, PH = 40 };
    static uint32_t px[PH][PW];
    const uint32_t bg = 0xEEEEE0u, ink = 0x7F7F40u; /* amid the ramp's colours */
    fill(&px[0][0], PW, 0, 0, PW, PH, bg);
    fill(&px[0][0], PW, 0, 36, PW, 4, ink); /* 10% of the frame */
    for (int y = 0; y < 32; y++)            /* a 1024-colour ramp, 40% */
        for (int x = 0; x < 32; x++)
            px[y][x] = (uint32_t)(x * 8 + 3) << 16 | (uint32_t)(y * 8 + 5) << 8 | 0x40u;
    px[10][40] = ink; /* 1 ink pixel in the region below: < 1/1000 of it */

    GifPalette p = {0};
    Err err = {0};
    assert_int_equal(gif_palette_common(&p, &px[0][0], PW, PW, PH, &err), 0);
    assert_int_equal(p.nkeep, 2); /* only bg and ink cover >= 1/1000 */
    assert_int_equal(p.keep[0], bg);
    assert_int_equal(p.keep[1], ink);
    /* Region: the ramp, some bg and the ink pixel. */
    static unsigned char idx[32 * 41];
    assert_int_equal(gif_palette_build(&p, &px[0][0], PW, 0, 0, 41, 32, idx, &err), 0);
    assert_true(p.count <= 256);
    assert_int_equal(p.colors[idx[10 * 41 + 40]], ink);
    assert_int_equal(p.colors[idx[0 * 41 + 40]], bg);
    /* Judged on the region alone, the ink pixel would be approximated. */
    p.nkeep = 0;
    assert_int_equal(gif_palette_build(&p, &px[0][0], PW, 0, 0, 41, 32, idx, &err), 0);
    assert_int_not_equal(p.colors[idx[10 * 41 + 40]], ink);
    gif_palette_free(&p);
}

/* Aborting, a missing directory and bad arguments leave nothing behind;
 * an old file at the path survives an abort untouched. */
static void test_failures_leave_nothing(void **state)
{
    (void)state;
    char path[128], missing[160];
    path_in(path, sizeof path, "old.gif");
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("old contents", f);
    fclose(f);

    uint32_t px[4 * 4];
    fill(px, 4, 0, 0, 4, 4, 0x123456u);
    Err err = {0};
    GifWriter *g = gif_writer_open(path, 4, 4, &err);
    assert_non_null(g);
    assert_int_equal(gif_writer_add(g, px, 16, 10, &err), 0);
    assert_int_equal(gif_writer_add(g, px, 8, 10, &err), -1); /* pitch below the width */
    char want[200];
    snprintf(want, sizeof want, "%s: frame pitch 8, expected a multiple of 4 >= 16", path);
    assert_string_equal(err.msg, want);
    gif_writer_abort(g);
    assert_int_equal(dir_entries(), 1);
    char buf[32] = {0};
    f = fopen(path, "r");
    assert_non_null(f);
    assert_non_null(fgets(buf, sizeof buf, f));
    fclose(f);
    assert_string_equal(buf, "old contents");
    unlink(path);

    snprintf(missing, sizeof missing, "%s/no/such/dir.gif", tmpdir);
    assert_null(gif_writer_open(missing, 4, 4, &err));
    assert_non_null(strstr(err.msg, missing));
    assert_non_null(strstr(err.msg, "cannot create a temporary file beside it"));

    assert_null(gif_writer_open(path, 0, 4, &err));
    snprintf(want, sizeof want, "%s: GIF size 0x4, expected 1..65535 each", path);
    assert_string_equal(err.msg, want);

    g = gif_writer_open(path, 4, 4, &err); /* finish without frames */
    assert_non_null(g);
    assert_int_equal(gif_writer_finish(g, &err), -1);
    assert_non_null(strstr(err.msg, "no frames to write"));
    assert_int_equal(dir_entries(), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_three_frames_round_trip),
        cmocka_unit_test(test_many_colours_keep_flat_ones_exact),
        cmocka_unit_test(test_palette_exact_below_256),
        cmocka_unit_test(test_palette_keeps_frame_colours),
        cmocka_unit_test(test_failures_leave_nothing),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
