/* test_history.c - undo/redo: every data and parameter change can be undone
 * to the exact state before it (tensors bit for bit, the spec field for
 * field, the timeline position), redo replays it, a new change drops the
 * redo states, the history is capped, and the interactive size limits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "ui/scene_edit.h"

#include "scene_fixture.h"

/* A copy of everything undo must restore. */
typedef struct {
    LayerSpec spec;
    Tensor x, w;
    char status[512];
} State;

static void take(Fx *f, State *st)
{
    Err err = {0};
    memset(st, 0, sizeof *st);
    st->spec = *scene_spec(f->s);
    assert_int_equal(tensor_copy(scene_tensor(f->s, "input"), &st->x, &err), 0);
    assert_int_equal(tensor_copy(scene_tensor(f->s, "filter"), &st->w, &err), 0);
    snprintf(st->status, sizeof st->status, "%s", scene_status(f->s));
}

static void assert_state(Fx *f, const State *st)
{
    const LayerSpec *sp = scene_spec(f->s);
    assert_int_equal(sp->op, st->spec.op);
    assert_int_equal(sp->params.convention, st->spec.params.convention);
    assert_memory_equal(&sp->params, &st->spec.params, sizeof sp->params);
    assert_memory_equal(sp->size, st->spec.size, sizeof sp->size);
    assert_same_tensor(scene_tensor(f->s, "input"), &st->x);
    assert_same_tensor(scene_tensor(f->s, "filter"), &st->w);
    assert_string_equal(scene_status(f->s), st->status);
}

static void drop(State *st)
{
    tensor_free(&st->x);
    tensor_free(&st->w);
}

static void undo(Fx *f)
{
    key(f, KEY_CHAR, 'z', MOD_CTRL);
}
static void redo(Fx *f)
{
    key(f, KEY_CHAR, 'z', MOD_CTRL | MOD_SHIFT);
}

static void test_undo_redo_restore_exact_states(void **state)
{
    (void)state;
    Fx f;
    fx_start(&f, NULL);
    enum { N = 7 };
    State st[N];
    take(&f, &st[0]);
    key(&f, KEY_CHAR, 'x', 0); /* input preset: ones */
    take(&f, &st[1]);
    key(&f, KEY_CHAR, 's', 0); /* stride 3 */
    take(&f, &st[2]);
    key(&f, KEY_CHAR, 'k', 0); /* kernel 3x3 */
    take(&f, &st[3]);
    click(&f, GRID_INPUT, 1, 2); /* typed value */
    key(&f, KEY_CHAR, '7', 0);
    key(&f, KEY_RETURN, 0, 0);
    assert_float_equal(scene_tensor(f.s, "input")->data[1 * 3 + 2], 7.0f, 0.0f);
    take(&f, &st[4]);
    key(&f, KEY_CHAR, 'c', 0); /* PyTorch: other layouts */
    assert_int_equal(scene_spec(f.s)->params.convention, CONV_TORCH);
    take(&f, &st[5]);
    key(&f, KEY_CHAR, 'p', 0); /* PyTorch padding + */
    take(&f, &st[6]);

    int u, r;
    scene_history_info(f.s, &u, &r, NULL);
    assert_int_equal(u, N - 1);
    assert_int_equal(r, 0);
    for (int i = N - 2; i >= 0; i--) {
        undo(&f);
        assert_state(&f, &st[i]);
    }
    assert_int_equal(scene_undo(f.s), -1); /* nothing left */
    assert_non_null(strstr(scene_message(f.s, NULL), "nothing to undo"));
    for (int i = 1; i < N; i++) {
        if (i % 2)
            redo(&f);
        else
            key(&f, KEY_CHAR, 'y', MOD_CTRL); /* Ctrl+Y redoes too */
        assert_state(&f, &st[i]);
    }
    assert_int_equal(scene_redo(f.s), -1);
    for (int i = 0; i < N; i++)
        drop(&st[i]);
    fx_close(&f);
}

static void test_new_change_clears_redo(void **state)
{
    (void)state;
    Fx f;
    fx_start(&f, NULL);
    key(&f, KEY_CHAR, 's', 0);
    key(&f, KEY_CHAR, 'x', 0);
    undo(&f);
    int u, r;
    scene_history_info(f.s, &u, &r, NULL);
    assert_int_equal(u, 1);
    assert_int_equal(r, 1);
    key(&f, KEY_CHAR, 'w', 0); /* a different change: the redo branch is gone */
    scene_history_info(f.s, &u, &r, NULL);
    assert_int_equal(u, 2);
    assert_int_equal(r, 0);
    assert_int_equal(scene_redo(f.s), -1);
    fx_close(&f);
}

static void test_history_is_capped(void **state)
{
    (void)state;
    Fx f;
    fx_start(&f, NULL);
    State first;
    for (int i = 0; i < HISTORY_MAX_ENTRIES + 10; i++) {
        key(&f, KEY_CHAR, 's', (i % 2) ? MOD_SHIFT : 0);
        if (i == 9)
            take(&f, &first); /* the oldest state still reachable at the end */
    }
    int u;
    size_t bytes;
    scene_history_info(f.s, &u, NULL, &bytes);
    assert_int_equal(u, HISTORY_MAX_ENTRIES);
    assert_true(bytes > 0 && bytes <= HISTORY_MAX_BYTES);
    for (int i = 0; i < HISTORY_MAX_ENTRIES; i++)
        assert_int_equal(scene_undo(f.s), 0);
    assert_int_equal(scene_undo(f.s), -1);
    frame(&f);
    assert_state(&f, &first);
    drop(&first);
    fx_close(&f);
}

static void test_timeline_position_restored(void **state)
{
    (void)state;
    Fx f;
    fx_start(&f, NULL);
    scene_seek(f.s, 5);
    frame(&f);
    State before;
    take(&f, &before);
    key(&f, KEY_CHAR, 'i', 0); /* input 4x4: a new timeline */
    scene_seek(f.s, 0);
    frame(&f);
    undo(&f);
    assert_state(&f, &before); /* the status names step 5's element again */
    drop(&before);
    /* A position past the restored timeline's end is clamped to its end. */
    key(&f, KEY_CHAR, 'i', MOD_SHIFT); /* 2x2 input */
    int units2 = scene_step_count(f.s);
    key(&f, KEY_CHAR, 'i', 0);
    scene_seek(f.s, scene_step_count(f.s) - 1);
    key(&f, KEY_CHAR, 'i', 0);
    undo(&f);
    assert_true(scene_step_count(f.s) > units2);
    undo(&f);
    assert_int_equal(scene_step_count(f.s), units2);
    fx_close(&f);
}

static void test_failed_change_records_nothing(void **state)
{
    (void)state;
    Fx f;
    fx_start(&f, NULL);
    for (int i = 0; i < 12; i++) /* stride stops at its limit with a message */
        key(&f, KEY_CHAR, 's', 0);
    int u;
    scene_history_info(f.s, &u, NULL, NULL);
    assert_int_equal(u, 6); /* 2 -> 8 */
    fx_close(&f);
}

static void test_gradient_d_out_edit_undone(void **state)
{
    (void)state;
    Fx f;
    SceneSetup setup = {.view = VIEW_GRADIENT};
    fx_start(&f, &setup);
    State before;
    take(&f, &before);
    click(&f, GRID_G_DOUT, 0, 1);
    key(&f, KEY_CHAR, '5', 0);
    key(&f, KEY_RETURN, 0, 0);
    assert_string_equal(scene_message(f.s, NULL), "d_out[0,1] = 5");
    Rect r = cell(&f, GRID_G_DOUT, 0, 1);
    assert_string_equal(cell_text(&f.dl, r), "5");
    undo(&f);
    frame(&f);
    r = cell(&f, GRID_G_DOUT, 0, 1);
    assert_string_equal(cell_text(&f.dl, r), "0"); /* d_out is the layer's x[0,1] again */
    assert_state(&f, &before);
    redo(&f);
    frame(&f);
    r = cell(&f, GRID_G_DOUT, 0, 1);
    assert_string_equal(cell_text(&f.dl, r), "5");
    drop(&before);
    fx_close(&f);
}

/* A lesson with a bias, then undo: the bias goes with the state it belongs to. */
static void test_bias_is_part_of_the_undo_state(void **state)
{
    (void)state;
    char dir[] = "/tmp/tcviz_hist_XXXXXX", path[64];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/bias.yaml", dir);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
    assert_true(fd >= 0);
    const char *text = "title: bias\nconvention: tf\nparams:\n  strides: 2\n  padding: SAME\n"
                       "tensors:\n  input:\n    - [1, 2]\n    - [3, 4]\n"
                       "  filter:\n    - [1, 1]\n    - [1, 1]\n  bias: [100]\n"
                       "steps:\n  - view: scatter\n    at: 0\n    text: one step\n";
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    Fx f;
    fx_start(&f, NULL);
    assert_null(scene_tensor(f.s, "bias")->data);
    Err err = {0};
    if (scene_open_lesson(f.s, path, &err) != 0)
        fail_msg("%s", err.msg);
    assert_non_null(scene_tensor(f.s, "bias")->data);
    assert_true(scene_tensor(f.s, "bias")->data[0] == 100.0f);
    assert_int_equal(scene_undo(f.s), 0);
    assert_null(scene_tensor(f.s, "bias")->data); /* the default example has none */
    assert_int_equal(scene_redo(f.s), 0);
    assert_true(scene_tensor(f.s, "bias")->data[0] == 100.0f);
    fx_close(&f);
    unlink(path);
    rmdir(dir);
}

/* ---- limits ---------------------------------------------------------------------- */

static void test_larger_than_64_is_refused(void **state)
{
    (void)state;
    Fx f;
    fx_start(&f, NULL);
    Err err = {0};
    Tensor big = {0};
    assert_int_equal(tensor_init(&big, LAYOUT_NHWC, (int[4]){1, 65, 4, 1}, &err), 0);
    State before;
    take(&f, &before);
    assert_int_equal(scene_set_tensor(f.s, "input", &big, &err), -1);
    assert_non_null(strstr(err.msg, "65x4"));
    assert_non_null(strstr(err.msg, "64x64"));
    assert_state(&f, &before);
    tensor_free(&big);
    assert_int_equal(tensor_init(&big, LAYOUT_NHWC, (int[4]){1, 4, 4, 65}, &err), 0);
    assert_int_equal(scene_set_tensor(f.s, "input", &big, &err), -1);
    assert_non_null(strstr(err.msg, "65 channels"));
    assert_non_null(strstr(err.msg, "up to 64"));
    tensor_free(&big);
    /* 64x64 with 64 channels is within the limits of the tensor itself. */
    assert_int_equal(scene_check_limits(&(Tensor){.layout = LAYOUT_NHWC,
                                                  .dim = {1, 64, 64, 64},
                                                  .data = before.x.data},
                                        "input", &err),
                     0);
    int u;
    scene_history_info(f.s, &u, NULL, NULL);
    assert_int_equal(u, 0); /* refusals are not changes */
    drop(&before);
    fx_close(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_undo_redo_restore_exact_states),
        cmocka_unit_test(test_new_change_clears_redo),
        cmocka_unit_test(test_history_is_capped),
        cmocka_unit_test(test_timeline_position_restored),
        cmocka_unit_test(test_failed_change_records_nothing),
        cmocka_unit_test(test_gradient_d_out_edit_undone),
        cmocka_unit_test(test_bias_is_part_of_the_undo_state),
        cmocka_unit_test(test_larger_than_64_is_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
