/* test_export_svg.c - `tcviz export -o FRAME.svg` and figures.
 *
 * The SVG is parsed with libxml2. Numbers: every cell of the scatter canvas
 * and of y holds a <text> with the cell's value (the default example's
 * output, checked by hand: 1.5·w and 1·w scattered, w = [[1,2],[3,4]]), at
 * the cell's place in the same frame rendered here. Pictures: librsvg
 * renders the SVG and it is compared with tcviz's own PNG of that frame.
 * What that comparison proves, honestly: outside the text boxes (every
 * rectangle, grid line, frame and colour) the two pictures agree pixel for
 * pixel within a small tolerance; glyphs and slanted lines are rasterised
 * by two different engines (SDL_ttf with hinting and SDL's geometry, cairo),
 * so over those only a loose bound holds - where a label is, and what it
 * says, is what the <text> checks prove. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <spawn.h>

#include "app/offscreen.h"
#include "png_load.h"
#include "run_tcviz.h"
#include "svg_doc.h"
#include "ui/layout.h"

extern char **environ;

static int setup(void **state)
{
    (void)state;
    return run_dir_make("tcviz_export_svg");
}

static int teardown(void **state)
{
    (void)state;
    return run_remove_tree(run_dir);
}

static void scratch(char *out, size_t cap, const char *name)
{
    snprintf(out, cap, "%s/%s", run_dir, name);
}

static void export_ok(const char *args)
{
    static Run r;
    run_tcviz(args, &r);
    if (r.code != 0 || r.err[0])
        fail_msg("`%s`: exit %d, stderr: %s", args, r.code, r.err);
}

/* librsvg's rendering of svg into png. */
static void rsvg(const char *svg, const char *png)
{
    char *argv[] = {TCVIZ_RSVG_CONVERT, "-o", (char *)png, (char *)svg, NULL};
    pid_t pid;
    if (posix_spawn(&pid, argv[0], NULL, NULL, argv, environ) != 0)
        fail_msg("cannot run %s (scripts/deps.sh installs librsvg2-bin)", argv[0]);
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

/* tcviz's PNG and librsvg's rendering of the SVG (into out) of one
 * picture, which must have one size. */
static void load_pair(const char *png, const char *svg, const char *out, uint32_t **a,
                      uint32_t **b, int *w, int *h)
{
    rsvg(svg, out);
    int w2, h2;
    *a = png_load(png, w, h, 0);
    *b = png_load(out, &w2, &h2, 0);
    assert_int_equal(w2, *w);
    assert_int_equal(h2, *h);
}

/* The default example at w x h, view both, its last step (44), drawn here. */
static void render_here(Offscreen *o, int w, int h)
{
    SceneSetup s = {0};
    Err err = {0};
    if (offscreen_open(o, &s, NULL, w, h, &err) != 0)
        fail_msg("offscreen_open: %s", err.msg);
    assert_int_equal(scene_step_count(o->scene), 45);
    offscreen_show_step(o, 44);
}

/* y of the default example (3x3 -> 6x6, stride 2, SAME), and the
 * uncropped canvas, which equals it (no crop). */
static const char *const Y[6][6] = {
    {"0", "0", "0", "0", "1.5", "3"}, {"0", "0", "0", "0", "4.5", "6"},
    {"0", "0", "1", "2", "0", "0"},   {"0", "0", "3", "4", "0", "0"},
    {"0", "0", "0", "0", "0", "0"},   {"0", "0", "0", "0", "0", "0"},
};

static int is_number(const char *s)
{
    char *end;
    strtod(s, &end);
    return end != s && *end == '\0';
}

/* Cell (row, col) of grid holds the text want, and no other number. */
static void assert_cell_text(const SvgDoc *d, const Offscreen *o, int grid, int row, int col,
                             const char *want)
{
    Rect c;
    assert_true(scene_cell_rect(o->scene, grid, row, col, &c));
    int found = 0;
    for (int i = 0; i < d->n_texts; i++) {
        const SvgText *t = &d->texts[i];
        if (t->x < c.x || t->x > c.x + c.w || t->y < c.y || t->y > c.y + c.h)
            continue;
        if (strcmp(t->text, want) == 0)
            found++;
        else if (is_number(t->text))
            fail_msg("grid %d cell (%d,%d) shows '%s', expected '%s'", grid, row, col, t->text,
                     want);
    }
    if (found != 1)
        fail_msg("grid %d cell (%d,%d): %d <text> '%s', expected one", grid, row, col, found,
                 want);
}

static void test_svg_holds_every_number_as_text(void **state)
{
    (void)state;
    export_ok("export --view both --step end --size 1280x720 -o @/f.svg");
    assert_int_equal(run_count_entries(run_dir), 1); /* no temporary file left */
    char path[160];
    scratch(path, sizeof path, "f.svg");
    SvgDoc d;
    svg_doc_load(path, &d);
    assert_int_equal(d.width, 1280);
    assert_int_equal(d.height, 720);
    assert_true(d.full_rect); /* the theme's background */
    Offscreen o;
    render_here(&o, 1280, 720);
    for (int r = 0; r < 6; r++)
        for (int c = 0; c < 6; c++) {
            assert_cell_text(&d, &o, GRID_CANVAS, r, c, Y[r][c]);
            assert_cell_text(&d, &o, GRID_OUTPUT, r, c, Y[r][c]);
        }
    /* the window's chrome is part of a whole frame */
    int play = 0;
    for (int i = 0; i < d.n_texts; i++)
        play += strcmp(d.texts[i].text, "play") == 0;
    assert_int_equal(play, 1);
    offscreen_close(&o);
    svg_doc_free(&d);
}

/* Pixels of a (w x h) whose channels differ from b's by more than tol. */
static long differing(const uint32_t *a, const uint32_t *b, int w, int h, const uint8_t *mask,
                      int tol)
{
    long n = 0;
    for (long i = 0; i < (long)w * h; i++) {
        if (mask && mask[i])
            continue;
        for (int sh = 0; sh <= 16; sh += 8)
            if (abs((int)((a[i] >> sh) & 0xFF) - (int)((b[i] >> sh) & 0xFF)) > tol) {
                n++;
                break;
            }
    }
    return n;
}

static void mask_box(uint8_t *m, const Offscreen *o, int x0, int y0, int x1, int y1)
{
    for (int y = y0 > 0 ? y0 : 0; y < y1 && y < o->h; y++)
        for (int x = x0 > 0 ? x0 : 0; x < x1 && x < o->w; x++)
            m[(size_t)y * (size_t)o->w + (size_t)x] = 1;
}

/* 1 where two rasterisers may differ: over every text's box (plus a few
 * px for glyph overhang) as render.c places it (measured width, aligned in
 * its box), and over every slanted line (the check marks), which both
 * antialias each their own way. */
static uint8_t *raster_mask(const Offscreen *o)
{
    uint8_t *m = calloc((size_t)o->w * (size_t)o->h, 1);
    assert_non_null(m);
    for (int i = 0; i < o->dl.count; i++) {
        const DrawCmd *c = &o->dl.cmds[i];
        Rect r = c->rect;
        if (c->kind == DRAW_LINE && r.w != 0 && r.h != 0) {
            int x0 = r.w > 0 ? r.x : r.x + r.w, y0 = r.h > 0 ? r.y : r.y + r.h, t = c->thickness;
            mask_box(m, o, x0 - t - 1, y0 - t - 1, x0 + abs(r.w) + t + 2, y0 + abs(r.h) + t + 2);
        }
        if (c->kind != DRAW_TEXT)
            continue;
        int tw = render_measure(o->render, c->size_px, draw_cmd_text(&o->dl, c));
        int x = r.x + (c->align == ALIGN_CENTER  ? (r.w - tw) / 2
                       : c->align == ALIGN_RIGHT ? r.w - tw
                                                 : 0);
        mask_box(m, o, x - 3, r.y - c->size_px / 2, x + tw + 3, r.y + c->size_px * 3 / 2);
    }
    return m;
}

static void test_svg_renders_like_the_png(void **state)
{
    (void)state;
    export_ok("export --view both --step end --size 1280x720 -o @/f.svg");
    export_ok("export --view both --step end --size 1280x720 -o @/f.png");
    char svg[160], png[160], out[160];
    scratch(svg, sizeof svg, "f.svg");
    scratch(png, sizeof png, "f.png");
    scratch(out, sizeof out, "rsvg.png");
    int w, h;
    uint32_t *a, *b;
    load_pair(png, svg, out, &a, &b, &w, &h);
    Offscreen o;
    render_here(&o, w, h);
    uint8_t *mask = raster_mask(&o);
    long rest = 0;
    for (long i = 0; i < (long)w * h; i++)
        rest += !mask[i];
    /* elsewhere - fills, frames, grid lines, colours - the same picture */
    long off = differing(a, b, w, h, mask, 8);
    if (off * 1000 > rest)
        fail_msg("%ld of %ld pixels outside text differ from the PNG by more than 8", off, rest);
    /* everywhere: glyph edges differ, little else */
    long all = differing(a, b, w, h, NULL, 64);
    print_message("librsvg vs PNG: %ld of %ld pixels outside text differ by > 8, %ld of %d "
                  "in all by > 64\n",
                  off, rest, all, w * h);
    if (all * 100 > (long)w * h * 3)
        fail_msg("%ld of %d pixels differ from the PNG by more than 64", all, w * h);
    free(mask);
    free(a);
    free(b);
    offscreen_close(&o);
}

/* A figure: no chrome, the grids, the caption; 480 px wide, as tall as its
 * content; the SVG and the PNG of it the same size and alike. */
static void test_figure_png_and_svg(void **state)
{
    (void)state;
    export_ok("export --figure --step end --size 480 -o @/fig.svg");
    export_ok("export --figure --step end --size 480 -o @/fig.png");
    char svg[160], png[160], out[160];
    scratch(svg, sizeof svg, "fig.svg");
    scratch(png, sizeof png, "fig.png");
    scratch(out, sizeof out, "fig-rsvg.png");
    SvgDoc d;
    svg_doc_load(svg, &d);
    assert_int_equal(d.width, 480);
    assert_true(d.height > 200 && d.height < 1000); /* cropped to the grids and caption */
    int numbers = 0, caption = 0;
    for (int i = 0; i < d.n_texts; i++) {
        const char *t = d.texts[i].text;
        if (strcmp(t, "play") == 0 || strcmp(t, "stride") == 0 || strstr(t, "PageDown") ||
            strstr(t, "tf.nn.conv2d_transpose"))
            fail_msg("the figure shows the window's '%s'", t);
        numbers += strcmp(t, "4.5") == 0;
        caption += strncmp(t, "y[5,5] = sum of window", 22) == 0;
    }
    assert_int_equal(numbers, 2); /* the canvas and y */
    assert_int_equal(caption, 1);
    int w, h;
    uint32_t *a, *b;
    load_pair(png, svg, out, &a, &b, &w, &h);
    assert_int_equal(w, 480);
    assert_int_equal(h, d.height);
    long all = differing(a, b, w, h, NULL, 64);
    if (all * 100 > (long)w * h * 4)
        fail_msg("%ld of %d pixels of the figure differ from its PNG by more than 64", all, w * h);
    free(a);
    free(b);
    svg_doc_free(&d);
}

static void test_figure_transparent(void **state)
{
    (void)state;
    export_ok("export --figure --view scatter --step 3 --background none -o @/t.png");
    export_ok("export --figure --view scatter --step 3 --background none -o @/t.svg");
    export_ok("export --figure --view scatter --step 3 --background theme -o @/o.svg");
    char path[160];
    scratch(path, sizeof path, "t.png");
    int w, h;
    uint32_t *px = png_load(path, &w, &h, 1);
    assert_int_equal(w, 960); /* the default figure width */
    assert_int_equal(px[0] >> 24, 0); /* a corner: nothing drawn, transparent */
    long opaque = 0;
    for (long i = 0; i < (long)w * h; i++)
        opaque += px[i] >> 24 == 0xFF;
    assert_true(opaque > (long)w * h / 10); /* the grids */
    free(px);
    SvgDoc d;
    scratch(path, sizeof path, "t.svg");
    svg_doc_load(path, &d);
    assert_false(d.full_rect);
    svg_doc_free(&d);
    scratch(path, sizeof path, "o.svg");
    svg_doc_load(path, &d);
    assert_true(d.full_rect);
    svg_doc_free(&d);
}

/* The size of the first <text> saying exactly s; 0 when there is none. */
static double text_size(const SvgDoc *d, const char *s)
{
    for (int i = 0; i < d->n_texts; i++)
        if (strcmp(d->texts[i].text, s) == 0)
            return d->texts[i].size;
    return 0.0;
}

/* --text-scale and --present reach the exported frame. */
static void test_text_scale_and_presenter_in_export(void **state)
{
    (void)state;
    static const char *const runs[] = {
        "export --step end --size 1920x1080 -o @/t1.svg",
        "export --step end --size 1920x1080 --text-scale 2 -o @/t2.svg",
        "export --step end --size 1920x1080 --present -o @/tp.svg",
    };
    static const char *const names[] = {"t1.svg", "t2.svg", "tp.svg"};
    double stride[3], play[3];
    for (int i = 0; i < 3; i++) {
        char path[128];
        export_ok(runs[i]);
        scratch(path, sizeof path, names[i]);
        SvgDoc d;
        svg_doc_load(path, &d);
        stride[i] = text_size(&d, "stride");
        play[i] = text_size(&d, "play");
        svg_doc_free(&d);
    }
    assert_true(stride[0] == 18.0 && play[0] == 18.0);
    assert_true(stride[1] == 36.0 && play[1] == 36.0);
    assert_true(stride[2] == 0.0 && play[2] == 0.0); /* presenter: no panel, no timeline */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_svg_holds_every_number_as_text),
        cmocka_unit_test(test_svg_renders_like_the_png),
        cmocka_unit_test(test_figure_png_and_svg),
        cmocka_unit_test(test_figure_transparent),
        cmocka_unit_test(test_text_scale_and_presenter_in_export),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
