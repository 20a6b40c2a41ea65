/* test_scene_save_stack.c - Ctrl+S in a stack lesson writes `layers:`, so
 * the saved lesson reopens as the same stack: lesson_load gives back every
 * stage's kind, op, resolved geometry, filter and bias bit for bit and the
 * chain's input; output.npy is the chain's output as the core computes it
 * from the reloaded lesson. A 1-D layer is saved as a 1-D lesson
 * (conv1d_transpose, 3-D .npy files) and reopens as one. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/lesson.h"
#include "io/npy.h"
#include "ui/scene_edit.h"

#include "scene_fixture.h"

#define LESSONS TCVIZ_TEST_DATA "/../../lessons/"

/* The scene on the lesson at path, and the lesson as loaded in *orig. */
static void open_lesson(Fx *f, const char *path, Lesson *orig)
{
    Err err = {0};
    if (lesson_load(path, orig, &err) != 0)
        fail_msg("%s", err.msg);
    fx_start_lesson(f, path);
}

/* The geometry stage k resolves to on its input in the chain. */
static void stage_geom(const StackSpec *s, const Tensor *in, const StackResult *r, int k,
                       ConvGeom *g)
{
    Err err = {0};
    LayerTensors t = {.input = k ? &r->out[k - 1] : in, .filter = s->stage[k].filter,
                      .bias = s->stage[k].bias};
    LayerSpec spec = s->stage[k].spec;
    if (layer_resolve(&spec, &t, g, &err) != 0)
        fail_msg("stage %d: %s", k + 1, err.msg);
}

static void save_and_reload(Fx *f, Lesson *back, char *dir, size_t cap)
{
    char path[640];
    Err err = {0};
    assert_int_equal(scene_save(f->s, save_root, dir, cap, &err), 0);
    snprintf(path, sizeof path, "%s/lesson.yaml", dir);
    if (lesson_load(path, back, &err) != 0)
        fail_msg("the saved lesson does not load: %s", err.msg);
}

static void check_stack_round_trip(const char *file, int want_files)
{
    Fx f;
    Lesson orig, back;
    char path[640], dir[512];
    snprintf(path, sizeof path, LESSONS "%s", file);
    open_lesson(&f, path, &orig);
    save_and_reload(&f, &back, dir, sizeof dir);
    char msg[700];
    snprintf(msg, sizeof msg, "saved %d files to %s/", want_files, dir);
    assert_string_equal(scene_message(f.s, NULL), msg);
    assert_int_equal(back.stage_count, orig.stage_count);
    StackSpec a, b;
    const Tensor *ia, *ib;
    lesson_stack(&orig, &a, &ia);
    lesson_stack(&back, &b, &ib);
    assert_int_equal(b.dims, a.dims);
    assert_int_equal(b.convention, a.convention);
    assert_same_tensor(ib, ia);
    StackResult ra, rb;
    Err err = {0};
    assert_int_equal(stack_run(&a, ia, &ra, &err), 0);
    assert_int_equal(stack_run(&b, ib, &rb, &err), 0);
    for (int k = 0; k < a.n_stages; k++) {
        assert_int_equal(b.stage[k].kind, a.stage[k].kind);
        assert_int_equal(b.stage[k].scale, a.stage[k].scale);
        assert_same_tensor(&rb.out[k], &ra.out[k]);
        assert_same_tensor(&rb.chain[k], &ra.chain[k]);
        if (a.stage[k].kind != STAGE_LAYER)
            continue;
        assert_int_equal(b.stage[k].spec.op, a.stage[k].spec.op);
        assert_int_equal(b.stage[k].spec.dims, a.stage[k].spec.dims);
        assert_same_tensor(b.stage[k].filter, a.stage[k].filter);
        assert_int_equal(b.stage[k].bias != NULL, a.stage[k].bias != NULL);
        ConvGeom ga, gb;
        stage_geom(&a, ia, &ra, k, &ga);
        stage_geom(&b, ib, &rb, k, &gb);
        assert_memory_equal(&gb.h, &ga.h, sizeof ga.h);
        assert_memory_equal(&gb.w, &ga.w, sizeof ga.w);
    }
    /* output.npy: the chain's output, 3-D in 1-D */
    NpyArray npy = {0};
    snprintf(path, sizeof path, "%s/output.npy", dir);
    assert_int_equal(npy_read(path, &npy, &err), 0);
    const Tensor *out = &ra.out[a.n_stages - 1];
    assert_int_equal(npy.ndim, a.dims == 1 ? 3 : 4);
    size_t count = 1;
    for (int i = 0; i < npy.ndim; i++)
        count *= (size_t)npy.shape[i];
    assert_int_equal(count, tensor_count(out));
    assert_memory_equal(npy.data, out->data, tensor_count(out) * sizeof(float));
    npy_free(&npy);
    stack_result_free(&ra);
    stack_result_free(&rb);
    lesson_free(&orig);
    lesson_free(&back);
    fx_close(&f);
}

static void test_lesson15_round_trip(void **state)
{
    (void)state;
    /* input, output, three filters, lesson.yaml */
    check_stack_round_trip("15-checkerboard-compounding.yaml", 6);
}

static void test_lesson16_round_trip(void **state)
{
    (void)state;
    /* input, output, one filter (the resize has none), lesson.yaml */
    check_stack_round_trip("16-resize-then-convolve.yaml", 4);
}

/* A changed stack lesson shows the layer, and saves the layer. */
static void test_changed_stack_saves_the_layer(void **state)
{
    (void)state;
    Fx f;
    Lesson orig, back;
    char dir[512];
    open_lesson(&f, LESSONS "15-checkerboard-compounding.yaml", &orig);
    key(&f, KEY_CHAR, 's', 0); /* stride 3: the user's layer now */
    save_and_reload(&f, &back, dir, sizeof dir);
    assert_int_equal(back.stage_count, 0);
    assert_int_equal(back.spec.dims, 1);
    assert_int_equal(back.spec.params.stride[1], 3);
    assert_int_equal(back.spec.params.stride[0], 1);
    assert_same_tensor(&back.input, scene_tensor(f.s, "input"));
    assert_same_tensor(&back.filter, scene_tensor(f.s, "filter"));
    lesson_free(&orig);
    lesson_free(&back);
    fx_close(&f);
}

/* A 1-D single-layer lesson saves as conv1d_transpose with 3-D tensors. */
static void test_1d_layer_round_trip(void **state)
{
    (void)state;
    Fx f;
    Lesson orig, back;
    char dir[512], path[640];
    open_lesson(&f, LESSONS "13-the-1d-picture.yaml", &orig);
    save_and_reload(&f, &back, dir, sizeof dir);
    assert_int_equal(back.spec.dims, 1);
    assert_int_equal(back.spec.op, OP_CONV2D_TRANSPOSE);
    const LayerSpec *sp = scene_spec(f.s);
    assert_int_equal(back.spec.params.stride[1], sp->params.stride[1] ? sp->params.stride[1] : 1);
    assert_int_equal(back.spec.params.padding, sp->params.padding);
    assert_same_tensor(&back.input, scene_tensor(f.s, "input"));
    assert_same_tensor(&back.filter, scene_tensor(f.s, "filter"));
    NpyArray npy = {0};
    Err err = {0};
    snprintf(path, sizeof path, "%s/input.npy", dir);
    assert_int_equal(npy_read(path, &npy, &err), 0);
    assert_int_equal(npy.ndim, 3);
    npy_free(&npy);
    lesson_free(&orig);
    lesson_free(&back);
    fx_close(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_lesson15_round_trip, save_dir_up, save_dir_rm),
        cmocka_unit_test_setup_teardown(test_lesson16_round_trip, save_dir_up, save_dir_rm),
        cmocka_unit_test_setup_teardown(test_changed_stack_saves_the_layer,
                                        save_dir_up, save_dir_rm),
        cmocka_unit_test_setup_teardown(test_1d_layer_round_trip, save_dir_up, save_dir_rm),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
