/* test_layout_fills.c - grids fill the screen and keep their numbers: at
 * 1280x720, 1600x900 and 1920x1080, for the default example and the
 * 28x28x32 one, every view shows every cell's number in each grid of at most
 * 12x12 cells. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "scene_fixture.h"

static const struct {
    int w, h;
} sizes[] = {{1280, 720}, {1600, 900}, {1920, 1080}};

#define SMALL_GRID 12

/* A number centred over the cell: its text box spans the cell's centre
 * (a channel's sum spans its whole tile) and starts inside the cell. */
static int has_number(const DrawList *dl, Rect r)
{
    int cx = r.x + r.w / 2;
    for (int i = 0; i < dl->count; i++) {
        const DrawCmd *c = &dl->cmds[i];
        if (c->kind == DRAW_TEXT && c->align == ALIGN_CENTER && c->rect.x <= cx &&
            cx < c->rect.x + c->rect.w && c->rect.y >= r.y && c->rect.y < r.y + r.h &&
            draw_cmd_text(dl, c)[0])
            return 1;
    }
    return 0;
}

/* Cells of grids of at most SMALL_GRID x SMALL_GRID cells (inside the view's
 * clip) without a number; reported, then counted. */
static int cells_without_numbers(Fx *f, const char *what, int w, int h)
{
    int missing = 0;
    for (int g = 0; g < GRID_COUNT; g++) {
        Rect first, last;
        if (!scene_cell_rect(f->s, g, 0, 0, &first))
            continue;
        int rows = 1, cols = 1;
        while (scene_cell_rect(f->s, g, rows, 0, &last))
            rows++;
        while (scene_cell_rect(f->s, g, 0, cols, &last))
            cols++;
        /* a stamp row holds numbers under its stamp only */
        if (rows > SMALL_GRID || cols > SMALL_GRID || g == GRID_1D_STAMPS)
            continue;
        int here = 0, px = 0;
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++) {
                Rect cr;
                if (scene_cell_rect(f->s, g, r, c, &cr) && !has_number(&f->dl, cr)) {
                    here++;
                    px = cr.h;
                }
            }
        if (here)
            print_message("%s at %dx%d: grid %d (%dx%d, cells %d px): %d of %d cells without "
                          "a number\n",
                          what, w, h, g, rows, cols, px, here, rows * cols);
        missing += here;
    }
    return missing;
}

static void check_every_view(void (*setup_fn)(SceneSetup *), const char *example)
{
    int missing = 0;
    for (int v = 0; v < VIEW_COUNT; v++)
        for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
            SceneSetup setup;
            memset(&setup, 0, sizeof setup);
            if (setup_fn)
                setup_fn(&setup);
            setup.view = (ViewKind)v;
            Fx f;
            fx_open(&f, &setup);
            f.in.width = sizes[k].w;
            f.in.height = sizes[k].h;
            frame(&f);
            key(&f, KEY_END, 0, 0); /* every output computed */
            scene_update(f.s, 5.0);  /* tweens (the kernel's turn) landed */
            frame(&f);
            char what[96];
            snprintf(what, sizeof what, "%s, view %s", example, scene_view_name((ViewKind)v));
            missing += cells_without_numbers(&f, what, sizes[k].w, sizes[k].h);
            fx_close(&f);
            tensor_free(&setup.input);
            tensor_free(&setup.filter);
        }
    assert_int_equal(missing, 0);
}

static void test_default_example_shows_every_number(void **state)
{
    (void)state;
    check_every_view(NULL, "default example");
}

static void test_28x28x32_shows_every_small_grid_number(void **state)
{
    (void)state;
    check_every_view(setup_28x28x32, "28x28x32");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_example_shows_every_number),
        cmocka_unit_test(test_28x28x32_shows_every_small_grid_number),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
