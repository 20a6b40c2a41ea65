/* test_export.c - `tcviz export` writing PNG, GIF and frame sequences.
 *
 * The binary runs with DISPLAY unset (headless). Each picture it writes is
 * compared with the same step rendered in this process through offscreen.h,
 * and probed at cells whose place the scene reports (scene_cell_rect): the
 * current input element of the scatter carries the theme's highlight colour
 * and the others do not. The GIF is decoded with giflib: one frame per
 * timeline step (the default example: 9 input elements scattered, then 36
 * output cells gathered = 45), the delays asked for, and the composited last
 * frame equal to the last step's render wherever the palette kept colours
 * exact (everything but antialiasing blends when a frame has > 256 colours). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/app_args.h"
#include "app/offscreen.h"
#include "io/lesson.h"
#include "gif_decode.h"
#include "png_load.h"
#include "run_tcviz.h"
#include "ui/layout.h"

static int setup(void **state)
{
    (void)state;
    return run_dir_make("tcviz_export");
}

static int teardown(void **state)
{
    (void)state;
    return run_remove_tree(run_dir);
}

/* The default example rendered here at w x h, view v, step k (pixels are
 * copied out; the Offscreen stays open for probes and is closed by caller). */
static void render_here(Offscreen *o, int w, int h, ViewKind v, int step)
{
    SceneSetup s = {0};
    s.view = v;
    Err err = {0};
    if (offscreen_open(o, &s, NULL, w, h, &err) != 0)
        fail_msg("offscreen_open: %s", err.msg);
    offscreen_show_step(o, step);
}

static uint32_t here_px(const Offscreen *o, int x, int y)
{
    int pitch;
    const uint32_t *px = offscreen_pixels(o, &pitch);
    return px[(size_t)y * (size_t)(pitch / 4) + (size_t)x] & 0xFFFFFFu;
}

static uint32_t *load_png(const char *path, int *w, int *h)
{
    return png_load(path, w, h, 0);
}

/* Every pixel of img (w x h) equals the render held by o. */
static void assert_same_picture(const uint32_t *img, const Offscreen *o, const char *what)
{
    for (int y = 0; y < o->h; y++)
        for (int x = 0; x < o->w; x++)
            if (img[y * o->w + x] != here_px(o, x, y))
                fail_msg("%s: pixel (%d,%d) is 0x%06x, the in-process render has 0x%06x", what,
                         x, y, img[y * o->w + x], here_px(o, x, y));
}

static uint32_t rgb(Color c)
{
    return (uint32_t)c.r << 16 | (uint32_t)c.g << 8 | c.b;
}

/* Left edge, half way down: inside the frame a highlighted cell gets. */
static uint32_t cell_edge(const Offscreen *o, const uint32_t *img, int grid, int row, int col)
{
    Rect r;
    assert_true(scene_cell_rect(o->scene, grid, row, col, &r));
    return img[(r.y + r.h / 2) * o->w + r.x + 1];
}

static void test_png_one_step(void **state)
{
    (void)state;
    static Run r;
    run_tcviz("export --step 4 -o @/f.png --size 800x540", &r);
    assert_string_equal(r.err, "");
    assert_string_equal(r.out, "");
    assert_int_equal(r.code, 0);
    assert_int_equal(run_count_entries(run_dir), 1); /* no temporary left */

    char path[128];
    snprintf(path, sizeof path, "%s/f.png", run_dir);
    int w, h;
    uint32_t *img = load_png(path, &w, &h);
    assert_int_equal(w, 800);
    assert_int_equal(h, 540);
    Offscreen o;
    render_here(&o, 800, 540, VIEW_BOTH, 4);
    assert_int_equal(scene_step_count(o.scene), 9 + 36);
    assert_same_picture(img, &o, "export --step 4");
    /* Step 4 scatters x[1,1] (row-major over the 3x3 input): its cell is
     * framed in the highlight colour, its neighbours are not. */
    uint32_t hi = rgb(scene_highlight_color(o.scene));
    assert_int_equal(cell_edge(&o, img, GRID_INPUT, 1, 1), hi);
    assert_int_not_equal(cell_edge(&o, img, GRID_INPUT, 1, 0), hi);
    assert_int_not_equal(cell_edge(&o, img, GRID_INPUT, 0, 0), hi);
    assert_int_not_equal(cell_edge(&o, img, GRID_INPUT, 2, 2), hi);
    offscreen_close(&o);
    free(img);
    unlink(path);
}

/* The conv2d view alone: its own 36-step timeline, --step 35 the last. */
static void test_png_conv2d_view(void **state)
{
    (void)state;
    static Run r;
    run_tcviz("export --view conv2d --theme dark --step 35 -o @/c.png --size 800x540", &r);
    assert_string_equal(r.err, "");
    assert_int_equal(r.code, 0);
    char path[128];
    snprintf(path, sizeof path, "%s/c.png", run_dir);
    int w, h;
    uint32_t *img = load_png(path, &w, &h);
    assert_int_equal(w, 800);
    assert_int_equal(h, 540);
    SceneSetup s = {0};
    s.view = VIEW_CONV2D;
    s.theme = THEME_DARK;
    Offscreen o;
    Err err = {0};
    if (offscreen_open(&o, &s, NULL, 800, 540, &err) != 0)
        fail_msg("%s", err.msg);
    assert_int_equal(scene_step_count(o.scene), 36);
    offscreen_show_step(&o, 35);
    assert_same_picture(img, &o, "export --view conv2d --step 35");
    /* The scatter is not drawn in this view. */
    Rect cell;
    assert_false(scene_cell_rect(o.scene, GRID_CANVAS, 0, 0, &cell));
    assert_true(scene_cell_rect(o.scene, GRID_OUTPUT, 5, 5, &cell));
    offscreen_close(&o);
    free(img);
    unlink(path);
}

enum { GW = 800, GH = 540 };

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* Occurrences of v in a sorted array (binary search for its run). */
static long occurrences(const uint32_t *sorted, long n, uint32_t v)
{
    long lo = 0, hi = n;
    while (lo < hi) {
        long mid = (lo + hi) / 2;
        if (sorted[mid] < v)
            lo = mid + 1;
        else
            hi = mid;
    }
    long first = lo;
    hi = n;
    while (lo < hi) {
        long mid = (lo + hi) / 2;
        if (sorted[mid] <= v)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo - first;
}

static void test_gif_every_step(void **state)
{
    (void)state;
    static Run r;
    run_tcviz("export --gif @/a.gif --size 800x540 --delay 200", &r);
    assert_int_equal(r.code, 0);
    assert_string_equal(r.out, "");
    /* progress rewritten in place, ended by a newline at the last frame */
    assert_non_null(strstr(r.err, "\rtcviz export: frame 1/45\r"));
    size_t n = strlen(r.err);
    const char *end = "\rtcviz export: frame 45/45\n";
    assert_true(n >= strlen(end));
    assert_string_equal(r.err + n - strlen(end), end);
    assert_int_equal(run_count_entries(run_dir), 1);

    char path[128];
    snprintf(path, sizeof path, "%s/a.gif", run_dir);
    Decoded d;
    gif_decode(path, &d);
    assert_int_equal(d.frames, 45);
    assert_int_equal(d.w, GW);
    assert_int_equal(d.h, GH);
    assert_int_equal(d.loops, 1);
    for (int i = 0; i < 44; i++)
        assert_int_equal(d.delay[i], 20);
    assert_int_equal(d.delay[44], 200); /* the finished picture: 4x, at least 2 s */

    /* Frames 0, 8 (last scatter step) and 44 against renders made here. */
    const int check[] = {0, 8, 44};
    for (size_t c = 0; c < sizeof check / sizeof check[0]; c++) {
        Offscreen o;
        render_here(&o, GW, GH, VIEW_BOTH, check[c]);
        const uint32_t *cv = d.canvas + (size_t)check[c] * GW * GH;
        /* How often each colour occurs in the reference frame. */
        static uint32_t sorted[GW * GH];
        for (int y = 0; y < GH; y++)
            for (int x = 0; x < GW; x++)
                sorted[y * GW + x] = here_px(&o, x, y);
        qsort(sorted, GW * GH, sizeof *sorted, cmp_u32);
        long exact = 0;
        int worst = 0;
        for (int y = 0; y < GH; y++)
            for (int x = 0; x < GW; x++) {
                uint32_t a = cv[y * GW + x], b = here_px(&o, x, y);
                exact += a == b;
                int e = 0;
                for (int sh = 0; sh <= 16; sh += 8) {
                    int dch = abs((int)((a >> sh) & 0xFF) - (int)((b >> sh) & 0xFF));
                    e = dch > e ? dch : e;
                }
                worst = e > worst ? e : worst;
                /* The writer's promise: a colour covering 1/1000 of the frame
                 * (fills, lines, text ink) keeps its exact value. */
                if (e && occurrences(sorted, GW * GH, b) * 1000L >= (long)GW * GH)
                    fail_msg("GIF frame %d (%d,%d): common colour 0x%06x became 0x%06x",
                             check[c], x, y, b, a);
            }
        /* The rest - antialiasing blends - stays close. */
        if (exact < (long)GW * GH * 9 / 10 || worst > 24)
            fail_msg("GIF frame %d: %ld of %d pixels exact, worst channel error %d", check[c],
                     exact, GW * GH, worst);
        if (check[c] == 0) { /* x[0,0] is the current element: highlight exact */
            Rect cell;
            assert_true(scene_cell_rect(o.scene, GRID_INPUT, 0, 0, &cell));
            assert_int_equal(cv[(cell.y + cell.h / 2) * GW + cell.x + 1],
                             rgb(scene_highlight_color(o.scene)));
        }
        offscreen_close(&o);
    }
    free(d.canvas);
    unlink(path);
}

static void test_frames_directory(void **state)
{
    (void)state;
    static Run r;
    run_tcviz("export --frames @/seq --view scatter --size 800x540", &r);
    assert_int_equal(r.code, 0);
    char dir[128], path[160];
    snprintf(dir, sizeof dir, "%s/seq", run_dir);
    assert_int_equal(run_count_entries(dir), 9); /* the scatter of 3x3 elements */
    for (int k = 0; k < 9; k++) {
        snprintf(path, sizeof path, "%s/frame-%04d.png", dir, k);
        int w, h;
        uint32_t *img = load_png(path, &w, &h);
        assert_int_equal(w, 800);
        assert_int_equal(h, 540);
        if (k == 7) {
            Offscreen o;
            render_here(&o, 800, 540, VIEW_SCATTER, 7);
            assert_same_picture(img, &o, "frame-0007.png");
            offscreen_close(&o);
        }
        free(img);
    }
    /* an existing directory is reused: the same names are replaced */
    run_tcviz("export --frames @/seq --view scatter --size 800x540", &r);
    assert_int_equal(r.code, 0);
    assert_int_equal(run_count_entries(dir), 9);
    /* a shorter sequence over a longer one is refused: it would mix the two */
    run_tcviz("export --frames @/seq --view conv2d --size 800x540", &r);
    assert_int_equal(r.code, 0); /* 36 frames over 9 */
    run_tcviz("export --frames @/seq --view scatter --size 800x540", &r);
    assert_int_equal(r.code, 1);
    assert_non_null(strstr(r.err, "already holds frame-0009.png from a longer export"));
    assert_int_equal(run_count_entries(dir), 36);
    run_remove_tree(dir);
}


/* --step end is the last step: the same picture as --step 44. */
static void test_step_end_is_the_last_step(void **state)
{
    (void)state;
    static Run r;
    run_tcviz("export --step end -o @/e.png --size 800x540", &r);
    assert_string_equal(r.err, "");
    assert_int_equal(r.code, 0);
    char path[128];
    snprintf(path, sizeof path, "%s/e.png", run_dir);
    int w, h;
    uint32_t *img = load_png(path, &w, &h);
    Offscreen o;
    render_here(&o, 800, 540, VIEW_BOTH, 44);
    assert_same_picture(img, &o, "export --step end");
    offscreen_close(&o);
    free(img);
    unlink(path);
}

#define LESSON1 TCVIZ_TEST_DATA "/../../lessons/01-upsample-3x3-to-6x6.yaml"

/* The scene with lesson 1 open, as `tcviz LESSON.yaml` opens it. */
static void open_lesson_here(Offscreen *o, int w, int h)
{
    char *argv[] = {"tcviz", LESSON1, NULL};
    AppArgs a;
    SceneSetup s;
    Err err = {0};
    if (app_args_parse(2, argv, 1, NULL, &a, &err) != 0 || app_args_setup(&a, &s, &err) != 0)
        fail_msg("%s", err.msg);
    if (offscreen_open(o, &s, NULL, w, h, &err) != 0)
        fail_msg("offscreen_open: %s", err.msg);
    app_args_free(&s);
}

/* --lesson-step 5 is what the player shows on step 5 / 6 once its play
 * range (the conv2d's 36 cells) has played: here the player itself enters
 * the step and runs until nothing moves any more. */
static void test_lesson_step_as_the_player_shows_it(void **state)
{
    (void)state;
    static Run r;
    run_tcviz("export " LESSON1 " --lesson-step 5 -o @/l.png --size 800x540", &r);
    assert_string_equal(r.err, "");
    assert_int_equal(r.code, 0);
    char path[128];
    snprintf(path, sizeof path, "%s/l.png", run_dir);
    int w, h;
    uint32_t *img = load_png(path, &w, &h);
    Offscreen o;
    open_lesson_here(&o, 800, 540);
    Err err = {0};
    assert_int_equal(scene_lesson_goto(o.scene, 4, &err), 0);
    int frames = 0;
    while (scene_update(o.scene, 0.05) && frames < 100000)
        frames++;
    assert_true(frames > 36); /* it played the range */
    assert_int_equal(scene_view(o.scene), VIEW_CONV2D);
    offscreen_draw_scene(&o);
    offscreen_render(&o);
    assert_same_picture(img, &o, "export --lesson-step 5");
    offscreen_close(&o);
    free(img);
    unlink(path);
}

/* A lesson's GIF covers every step: one frame per position of each step's
 * play range (from the lesson file), a step's last frame held 6 x 500 ms. */
static void test_lesson_gif_covers_every_step(void **state)
{
    (void)state;
    Lesson l;
    Err err = {0};
    if (lesson_load(LESSON1, &l, &err) != 0)
        fail_msg("%s", err.msg);
    int want = 0, rests[16], n_rests = 0;
    assert_true(l.step_count <= 16);
    for (int k = 0; k < l.step_count; k++) {
        want += l.steps[k].to - l.steps[k].from + 1;
        rests[n_rests++] = want - 1;
    }
    assert_int_equal(want, 1 + 1 + 1 + 9 + 36 + 1); /* plays: scatter 0..8, conv2d 0..35 */
    lesson_free(&l);

    static Run r;
    run_tcviz("export " LESSON1 " --gif @/l.gif --size 800x540", &r);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.err, "frame 49/49\n"));
    char path[128];
    snprintf(path, sizeof path, "%s/l.gif", run_dir);
    Decoded d;
    gif_decode(path, &d);
    assert_int_equal(d.frames, want);
    for (int i = 0, k = 0; i < d.frames; i++) {
        int rest = k < n_rests && rests[k] == i;
        assert_int_equal(d.delay[i], rest ? 300 : 50);
        k += rest;
    }
    /* the last frame is lesson step 6, as --lesson-step 6 draws it */
    Offscreen o;
    open_lesson_here(&o, GW, GH);
    assert_int_equal(scene_lesson_goto(o.scene, 5, &err), 0);
    offscreen_draw_scene(&o);
    offscreen_render(&o);
    const uint32_t *last = d.canvas + (size_t)(d.frames - 1) * GW * GH;
    long exact = 0;
    for (int y = 0; y < GH; y++)
        for (int x = 0; x < GW; x++)
            exact += last[y * GW + x] == here_px(&o, x, y);
    if (exact < (long)GW * GH * 9 / 10) /* the palette keeps all but antialiasing exact */
        fail_msg("the GIF's last frame: %ld of %d pixels as lesson step 6", exact, GW * GH);
    offscreen_close(&o);
    free(d.canvas);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_png_one_step),
        cmocka_unit_test(test_png_conv2d_view),
        cmocka_unit_test(test_gif_every_step),
        cmocka_unit_test(test_frames_directory),
        cmocka_unit_test(test_step_end_is_the_last_step),
        cmocka_unit_test(test_lesson_step_as_the_player_shows_it),
        cmocka_unit_test(test_lesson_gif_covers_every_step),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
