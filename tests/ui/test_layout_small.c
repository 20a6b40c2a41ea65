/* test_layout_small.c - the window degrades cleanly down to 800x540 (export's
 * smallest --size): panel widgets never overlap each other or leave the panel,
 * button labels fit their buttons, grids end inside their view; tooltips
 * sit beside the hovered cell, not on its row; corner labels are body-sized;
 * the step counter shows export's global step. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "scene_fixture.h"

static const struct {
    int w, h;
} sizes[] = {{800, 540}, {800, 600}, {960, 540}, {1024, 640}, {1600, 900}};

/* Buttons are the panel's 1-px border frames (draw_button). */
static int panel_buttons(const DrawList *dl, Rect panel, const Theme *th, Rect *out, int cap)
{
    int n = 0;
    for (int i = 0; i < dl->count && n < cap; i++) {
        const DrawCmd *c = &dl->cmds[i];
        if (c->kind == DRAW_FRAME && c->thickness == 1 && same_color(c->color, th->border) &&
            c->rect.x >= panel.x && c->rect.w < panel.w && c->rect.w > 0 && c->rect.h > 0 &&
            c->rect.y >= panel.y && c->rect.y < panel.y + panel.h)
            out[n++] = c->rect;
    }
    return n;
}

static void check_panel(Fx *f, int w, int h, const char *what)
{
    /* The panel: right of every grid, between the header and the status line;
     * found from the TF button (the first one). */
    const DrawCmd *tf = find_text(&f->dl, "TF");
    assert_non_null(tf);
    int body = layout_text_px(h, 1.0f), pad = body / 2;
    Rect panel = {tf->rect.x - pad, tf->rect.y - body, w - (tf->rect.x - pad), 0};
    /* its bottom: the status line's top (timeline 2b+pad, status b+2pad) */
    int bottom = h - (2 * body + pad) - (body + 2 * pad);
    panel.h = bottom - panel.y;
    Rect b[64];
    int n = panel_buttons(&f->dl, (Rect){panel.x, 0, panel.w, bottom}, theme_get(THEME_LIGHT), b,
                          64);
    assert_true(n >= 10);
    for (int i = 0; i < n; i++) {
        if (b[i].y + b[i].h > bottom || b[i].x + b[i].w > w)
            fail_msg("%s at %dx%d: button %d,%d %dx%d leaves the panel (bottom %d)", what, w, h,
                     b[i].x, b[i].y, b[i].w, b[i].h, bottom);
        for (int j = i + 1; j < n; j++)
            if (rect_overlaps(b[i], b[j]))
                fail_msg("%s at %dx%d: buttons %d,%d %dx%d and %d,%d %dx%d overlap", what, w, h,
                         b[i].x, b[i].y, b[i].w, b[i].h, b[j].x, b[j].y, b[j].w, b[j].h);
    }
    /* Centred labels inside a button fit it. */
    for (int k = 0; k < f->dl.count; k++) {
        const DrawCmd *c = &f->dl.cmds[k];
        if (c->kind != DRAW_TEXT || c->align != ALIGN_CENTER)
            continue;
        for (int i = 0; i < n; i++)
            if (c->rect.x == b[i].x && c->rect.w == b[i].w && c->rect.y >= b[i].y &&
                c->rect.y < b[i].y + b[i].h) {
                const char *s = draw_cmd_text(&f->dl, c);
                if (measure(NULL, c->size_px, s) > b[i].w)
                    fail_msg("%s at %dx%d: '%s' overflows its %d px button", what, w, h, s,
                             b[i].w);
            }
    }
}

static void test_panel_and_grids_fit_small_windows(void **state)
{
    (void)state;
    static const ViewKind views[] = {VIEW_BOTH, VIEW_CONV2D, VIEW_SCATTER};
    for (size_t v = 0; v < sizeof views / sizeof *views; v++)
        for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
            SceneSetup setup = {0};
            setup.view = views[v];
            Fx f;
            fx_open(&f, &setup);
            f.in.width = sizes[k].w;
            f.in.height = sizes[k].h;
            frame(&f);
            check_panel(&f, sizes[k].w, sizes[k].h, scene_view_name(views[v]));
            /* Every cell of every grid is on screen above the status line. */
            int body = layout_text_px(sizes[k].h, 1.0f), pad = body / 2;
            int bottom = sizes[k].h - (2 * body + pad) - (body + 2 * pad);
            for (int g = 0; g < GRID_COUNT; g++) {
                Rect first, last;
                if (!scene_cell_rect(f.s, g, 0, 0, &first))
                    continue;
                int r = 0, c = 0;
                while (scene_cell_rect(f.s, g, r + 1, 0, &last))
                    r++;
                while (scene_cell_rect(f.s, g, 0, c + 1, &last))
                    c++;
                assert_true(scene_cell_rect(f.s, g, r, c, &last));
                /* +1: the closing grid line below the last row stays visible */
                if (last.y + last.h + 1 > bottom || first.y < 0)
                    fail_msg("%s at %dx%d: grid %d ends at y %d, below %d",
                             scene_view_name(views[v]), sizes[k].w, sizes[k].h, g,
                             last.y + last.h, bottom);
            }
            fx_close(&f);
        }
}

/* The PyTorch panel's output_padding row and an explicit TF padding fit too. */
static void test_panel_variants_fit(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
        Fx f;
        fx_start(&f, NULL);
        f.in.width = sizes[k].w;
        f.in.height = sizes[k].h;
        key(&f, KEY_CHAR, 'c', 0); /* PyTorch */
        check_panel(&f, sizes[k].w, sizes[k].h, "torch");
        fx_close(&f);
    }
}

/* Explicit TF padding: neither SAME nor VALID, the four pads shown instead. */
static void test_explicit_padding_is_shown(void **state)
{
    (void)state;
    SceneSetup setup = {0};
    setup.spec.op = OP_CONV2D_TRANSPOSE;
    setup.spec.params.convention = CONV_TF;
    setup.spec.params.stride[0] = setup.spec.params.stride[1] = 2;
    setup.spec.params.dilation[0] = setup.spec.params.dilation[1] = 1;
    setup.spec.params.padding = PAD_EXPLICIT;
    int pads[4] = {1, 0, 1, 0};
    memcpy(setup.spec.params.pad, pads, sizeof pads);
    setup.spec.size[0] = 1, setup.spec.size[1] = 5, setup.spec.size[2] = 5, setup.spec.size[3] = 1;
    Fx f;
    fx_open(&f, &setup);
    frame(&f);
    assert_text(&f.dl, "1,0,1,0");
    assert_null(find_text(&f.dl, "SAME"));
    assert_null(find_text(&f.dl, "VALID"));
    fx_close(&f);
}

/* The tooltip sits beside the hovered cell: it covers neither the cell nor
 * any other cell of its row, at the window's edges too. */
static void test_tooltip_leaves_the_row_visible(void **state)
{
    (void)state;
    static const struct {
        int grid, row, col;
    } cells[] = {{GRID_CANVAS, 0, 0}, {GRID_CANVAS, 5, 5}, {GRID_CANVAS, 2, 3}, {GRID_INPUT, 0, 2}};
    const Theme *th = theme_get(THEME_LIGHT);
    for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++)
        for (size_t i = 0; i < sizeof cells / sizeof *cells; i++) {
            Fx f;
            fx_open(&f, NULL);
            f.in.width = sizes[k].w;
            f.in.height = sizes[k].h;
            frame(&f);
            hover(&f, cells[i].grid, cells[i].row, cells[i].col);
            Rect tip = {0, 0, 0, 0};
            for (int c = 0; c < f.dl.count; c++)
                if (f.dl.cmds[c].kind == DRAW_RECT && same_color(f.dl.cmds[c].color, th->tooltip_bg))
                    tip = f.dl.cmds[c].rect;
            assert_true(tip.w > 0);
            Rect a = cell(&f, cells[i].grid, cells[i].row, 0), b;
            int last = 0;
            while (scene_cell_rect(f.s, cells[i].grid, cells[i].row, last + 1, &b))
                last++;
            b = cell(&f, cells[i].grid, cells[i].row, last);
            Rect row = {a.x, a.y, b.x + b.w - a.x, a.h};
            if (rect_overlaps(tip, row))
                fail_msg("%dx%d: tooltip %d,%d %dx%d covers row %d of grid %d", sizes[k].w,
                         sizes[k].h, tip.x, tip.y, tip.w, tip.h, cells[i].row, cells[i].grid);
            assert_true(tip.x >= 0 && tip.y >= 0 && tip.x + tip.w <= sizes[k].w &&
                        tip.y + tip.h <= sizes[k].h);
            fx_close(&f);
        }
}

/* Corner labels in canvas cells ("2x", "+1.5") are body-sized or absent;
 * every text in the view area is at least the number minimum. */
static void test_cell_labels_are_readable(void **state)
{
    (void)state;
    SceneSetup setup = {0};
    setup.view = VIEW_SCATTER;
    for (int zoom = 0; zoom < 4; zoom++) {
        Fx f;
        fx_start(&f, &setup);
        for (int z = 0; z < zoom; z++)
            key(&f, KEY_CHAR, '+', 0);
        scene_seek(f.s, 4);
        frame(&f);
        int body = layout_text_px(H, 1.0f);
        for (int c = 0; c < f.dl.count; c++) {
            const DrawCmd *d = &f.dl.cmds[c];
            if (d->kind != DRAW_TEXT)
                continue;
            const char *s = draw_cmd_text(&f.dl, d);
            size_t n = strlen(s);
            int label = s[0] == '+' || (n >= 2 && s[n - 1] == 'x' && s[0] >= '2' && s[0] <= '9');
            if (label && d->size_px < body)
                fail_msg("zoom %d: label '%s' is %d px, below %d", zoom, s, d->size_px, body);
            if (d->size_px < body * 3 / 4)
                fail_msg("zoom %d: text '%s' is %d px", zoom, s, d->size_px);
        }
        fx_close(&f);
    }
}

/* The default example's input is "x: example", not "custom"; a preset
 * replaces it, and loaded data would be "custom". */
static void test_example_input_is_named(void **state)
{
    (void)state;
    Fx f;
    fx_start(&f, NULL);
    assert_text(&f.dl, "x: example");
    assert_null(find_text(&f.dl, "x: custom"));
    key(&f, KEY_CHAR, 'x', 0); /* next input preset */
    assert_text(&f.dl, "x: ones");
    fx_close(&f);
}

/* The counter names export's global step and the phase's own count. */
static void test_counter_shows_the_global_step(void **state)
{
    (void)state;
    Fx f;
    fx_start(&f, NULL);
    scene_seek(f.s, 30);
    frame(&f);
    assert_text(&f.dl, "step 30/44 \xc2\xb7 conv2d 22/36");
    f.in.width = 800;
    f.in.height = 600;
    frame(&f);
    assert_text(&f.dl, "30/44");
    fx_close(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_panel_and_grids_fit_small_windows),
        cmocka_unit_test(test_panel_variants_fit),
        cmocka_unit_test(test_explicit_padding_is_shown),
        cmocka_unit_test(test_tooltip_leaves_the_row_visible),
        cmocka_unit_test(test_cell_labels_are_readable),
        cmocka_unit_test(test_counter_shows_the_global_step),
        cmocka_unit_test(test_example_input_is_named),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
