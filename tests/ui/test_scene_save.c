/* test_scene_save.c - Ctrl+S: the saved lesson reopens the exact layer
 * (lesson_load gives back the spec and the tensors bit for bit, output.npy
 * is what the core computes from them), every save gets a new folder, and
 * an existing file is never overwritten. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/lesson.h"
#include "io/lesson_write.h"
#include "course/lesson_check.h"
#include "io/npy.h"
#include "ui/scene_edit.h"

#include "scene_fixture.h"

static char last_dir[512]; /* the folder of the last round trip */

static void join(char *buf, size_t cap, const char *dir, const char *name)
{
    assert_true(snprintf(buf, cap, "%s/%s", dir, name) < (int)cap);
}

/* Save, reload the lesson, compare with the scene; returns the file count. */
static void round_trip(Fx *f, int want_files)
{
    char dir[512], path[640];
    Err err = {0};
    assert_int_equal(scene_save(f->s, save_root, dir, sizeof dir, &err), 0);
    snprintf(last_dir, sizeof last_dir, "%s", dir);
    char msg[700];
    snprintf(msg, sizeof msg, "saved %d files to %s/", want_files, dir);
    assert_string_equal(scene_message(f->s, NULL), msg);
    join(path, sizeof path, dir, "lesson.yaml");
    Lesson l;
    if (lesson_load(path, &l, &err) != 0)
        fail_msg("%s", err.msg);
    const LayerSpec *sp = scene_spec(f->s);
    assert_int_equal(l.spec.op, OP_CONV2D_TRANSPOSE);
    const ConvParams *a = &l.spec.params, *b = &sp->params;
    assert_int_equal(a->convention, b->convention);
    for (int i = 0; i < 2; i++) { /* 0 in a spec: the default, 1 */
        assert_int_equal(a->stride[i], b->stride[i] ? b->stride[i] : 1);
        assert_int_equal(a->dilation[i], b->dilation[i] ? b->dilation[i] : 1);
    }
    assert_memory_equal(a->output_padding, b->output_padding, sizeof a->output_padding);
    if (b->convention == CONV_TF) {
        assert_int_equal(a->padding, b->padding);
    } else {
        assert_int_equal(a->pad[0], b->pad[0]);
        assert_int_equal(a->pad[2], b->pad[2]);
    }
    assert_same_tensor(&l.input, scene_tensor(f->s, "input"));
    assert_same_tensor(&l.filter, scene_tensor(f->s, "filter"));
    /* output.npy is what the core computes for the reloaded lesson. */
    Tensor out = {0};
    const Tensor *bias = scene_tensor(f->s, "bias");
    assert_int_equal(l.bias.data != NULL, bias->data != NULL);
    if (bias->data) {
        assert_int_equal(tensor_count(&l.bias), tensor_count(bias));
        assert_memory_equal(l.bias.data, bias->data, tensor_count(bias) * sizeof(float));
    }
    LayerTensors lt = {.input = &l.input, .filter = &l.filter,
                       .bias = l.bias.data ? &l.bias : NULL};
    assert_int_equal(layer_run(&l.spec, &lt, &out, &err), 0);
    NpyArray npy = {0};
    join(path, sizeof path, dir, "output.npy");
    assert_int_equal(npy_read(path, &npy, &err), 0);
    assert_int_equal(npy.ndim, 4);
    for (int i = 0; i < 4; i++)
        assert_int_equal((int)npy.shape[i], out.dim[i]);
    assert_memory_equal(npy.data, out.data, tensor_count(&out) * sizeof(float));
    npy_free(&npy);
    tensor_free(&out);
    /* tcviz check accepts it too: it is a valid lesson without claims. */
    assert_int_equal(lesson_check(&l, &err), 0);
    lesson_free(&l);
}

static void test_tf_round_trip(void **state)
{
    (void)state;
    Fx f;
    fx_start(&f, NULL);
    key(&f, KEY_CHAR, 'x', 0);
    key(&f, KEY_CHAR, 'x', 0); /* arange */
    key(&f, KEY_CHAR, 's', 0); /* stride 3 */
    key(&f, KEY_CHAR, 'p', 0); /* VALID */
    click(&f, GRID_KERNEL, 0, 1);
    key(&f, KEY_CHAR, '-', 0);
    key(&f, KEY_CHAR, '3', 0);
    key(&f, KEY_RETURN, 0, 0); /* w[0,1] = -3 */
    round_trip(&f, 4);
    fx_close(&f);
}

static void test_torch_round_trip(void **state)
{
    (void)state;
    Fx f;
    fx_start(&f, NULL);
    key(&f, KEY_CHAR, 'c', 0); /* PyTorch */
    key(&f, KEY_CHAR, 'k', 0); /* 3x3 kernel */
    key(&f, KEY_CHAR, 'p', 0); /* padding + */
    key(&f, KEY_CHAR, 'o', 0); /* output_padding 1 */
    key(&f, KEY_CHAR, 'w', 0); /* w: ones */
    assert_int_equal(scene_spec(&*f.s)->params.output_padding[0], 1);
    round_trip(&f, 4);
    fx_close(&f);
}

static void test_torch_bias_round_trip(void **state)
{
    (void)state;
    static const float x[] = {1, 2, 3, 4}, w[] = {1, 2, 3, 4, 5, 6, 7, 8}, b[] = {0.5f, -1};
    SceneSetup setup = {
        .spec = {.op = OP_CONV2D_TRANSPOSE,
                 .params = {.convention = CONV_TORCH, .stride = {2, 2}, .dilation = {1, 1},
                            .padding = PAD_EXPLICIT, .groups = 1}},
        .input = {.layout = LAYOUT_NCHW, .dim = {1, 1, 2, 2}, .data = (float *)x},
        .filter = {.layout = LAYOUT_IOHW, .dim = {1, 2, 2, 2}, .data = (float *)w},
        .bias = {.layout = LAYOUT_NCHW, .dim = {2, 1, 1, 1}, .data = (float *)b},
    };
    Fx f;
    fx_start(&f, &setup);
    round_trip(&f, 5); /* + bias.npy */
    fx_close(&f);
}

static void test_gradient_view_saves_gradients(void **state)
{
    (void)state;
    SceneSetup setup = {.view = VIEW_GRADIENT};
    Fx f;
    fx_start(&f, &setup);
    round_trip(&f, 7);
    /* d_out is the layer's own input (unedited), in the same layout; d_input
     * is the transposed conv of it: the layer's output y. */
    Err err = {0};
    char path[640];
    NpyArray d = {0};
    Tensor want = {0};
    const Tensor *x = scene_tensor(f.s, "input");
    join(path, sizeof path, last_dir, "d_out.npy");
    assert_int_equal(npy_read(path, &d, &err), 0);
    for (int i = 0; i < 4; i++)
        assert_int_equal((int)d.shape[i], x->dim[i]);
    assert_memory_equal(d.data, x->data, tensor_count(x) * sizeof(float));
    npy_free(&d);
    LayerTensors lt = {.input = x, .filter = scene_tensor(f.s, "filter")};
    assert_int_equal(layer_run(scene_spec(f.s), &lt, &want, &err), 0);
    join(path, sizeof path, last_dir, "d_input.npy");
    assert_int_equal(npy_read(path, &d, &err), 0);
    for (int i = 0; i < 4; i++)
        assert_int_equal((int)d.shape[i], want.dim[i]);
    assert_memory_equal(d.data, want.data, tensor_count(&want) * sizeof(float));
    npy_free(&d);
    tensor_free(&want);
    join(path, sizeof path, last_dir, "d_filter.npy");
    assert_int_equal(access(path, R_OK), 0);
    fx_close(&f);
}

static void test_each_save_gets_a_new_folder(void **state)
{
    (void)state;
    Fx f;
    fx_start(&f, NULL);
    char d1[512], d2[512], path[640];
    Err err = {0};
    assert_int_equal(scene_save(f.s, save_root, d1, sizeof d1, &err), 0);
    struct stat st1;
    join(path, sizeof path, d1, "lesson.yaml");
    assert_int_equal(stat(path, &st1), 0);
    key(&f, KEY_CHAR, 'x', 0);
    assert_int_equal(scene_save(f.s, save_root, d2, sizeof d2, &err), 0);
    assert_string_not_equal(d1, d2);
    struct stat st2;
    assert_int_equal(stat(path, &st2), 0); /* the first save is untouched */
    assert_int_equal(st1.st_ino, st2.st_ino);
    assert_int_equal(st1.st_size, st2.st_size);
    fx_close(&f);
}

/* A save that fails part-way leaves no half-saved folder behind and says
 * so. The failure is a real one: the session folder fits PATH_MAX but the
 * temporary name of input.npy inside it does not. */
static void test_failed_save_leaves_nothing(void **state)
{
    (void)state;
    static char parent[4096];
    size_t n = (size_t)snprintf(parent, sizeof parent, "%s", save_root);
    /* nested 200-character folders up to 4046 characters; the session
     * folder adds 30 ("/tcviz-session-YYYYmmdd-HHMMSS"), input.npy 10 and
     * its temporary suffix about 13, past the 4095 of PATH_MAX */
    while (n < 4046) {
        size_t len = 4046 - n - 1 > 200 ? 200 : 4046 - n - 1;
        parent[n++] = '/';
        memset(parent + n, 'd', len);
        n += len;
        parent[n] = '\0';
        assert_int_equal(mkdir(parent, 0700), 0);
    }
    assert_int_equal(strlen(parent), 4046);
    Fx f;
    fx_start(&f, NULL);
    char dir[4096] = "";
    Err err = {0};
    assert_int_equal(scene_save(f.s, parent, dir, sizeof dir, &err), -1);
    assert_non_null(strstr(err.msg, "nothing was saved"));
    assert_non_null(strstr(scene_message(f.s, NULL), "nothing was saved"));
    DIR *d = opendir(parent);
    assert_non_null(d);
    int entries = 0;
    for (struct dirent *e; (e = readdir(d));)
        entries += e->d_name[0] != '.';
    closedir(d);
    assert_int_equal(entries, 0); /* the session folder was removed */
    fx_close(&f);
}

static void test_ctrl_s_saves_into_the_current_folder(void **state)
{
    (void)state;
    char old[1024];
    assert_non_null(getcwd(old, sizeof old));
    assert_int_equal(chdir(save_root), 0);
    Fx f;
    fx_start(&f, NULL);
    key(&f, KEY_CHAR, 's', MOD_CTRL);
    const char *m = scene_message(f.s, NULL);
    assert_int_equal(strncmp(m, "saved 4 files to ./tcviz-session-", 33), 0);
    fx_close(&f);
    assert_int_equal(chdir(old), 0);
}

/* Titles come back as written: quotes and backslashes escaped, control
 * bytes and DEL dropped, malformed UTF-8 as U+FFFD, real UTF-8 kept. */
static void test_lesson_write_quotes_any_title(void **state)
{
    (void)state;
    char path[640], xp[640], wp[640];
    join(path, sizeof path, save_root, "quoted.yaml");
    join(xp, sizeof xp, save_root, "x.npy");
    join(wp, sizeof wp, save_root, "w.npy");
    Err err = {0};
    const float x[9] = {0}, w[4] = {1, 2, 3, 4};
    assert_int_equal(npy_write_f32(xp, 4, (int[]){1, 3, 3, 1}, x, &err), 0);
    assert_int_equal(npy_write_f32(wp, 4, (int[]){2, 2, 1, 1}, w, &err), 0);
    LayerSpec spec = {.op = OP_CONV2D_TRANSPOSE,
                      .params = {.convention = CONV_TF, .stride = {2, 2}, .dilation = {1, 1},
                                 .padding = PAD_SAME},
                      .size = {1, 6, 6, 1}};
    LessonWriteSpec lw = {.title = "a\"b\\c\x7f\x01 d\xff\xc3 e\xc3\x97 \xed\xa0\x80!",
                          .spec = &spec, .input = "x.npy", .filter = "w.npy", .view = "both",
                          .text = "t"};
    assert_int_equal(lesson_write(path, &lw, &err), 0);
    Lesson l;
    if (lesson_load(path, &l, &err) != 0)
        fail_msg("%s", err.msg);
    assert_string_equal(l.title,
                        "a\"b\\c d\xef\xbf\xbd\xef\xbf\xbd e\xc3\x97 "
                        "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd!");
    lesson_free(&l);
}

static void test_lesson_write_never_overwrites(void **state)
{
    (void)state;
    char path[640];
    join(path, sizeof path, save_root, "taken.yaml");
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs("keep me\n", fp);
    fclose(fp);
    LayerSpec spec = {.op = OP_CONV2D_TRANSPOSE,
                      .params = {.convention = CONV_TF, .stride = {2, 2}, .dilation = {1, 1},
                                 .padding = PAD_SAME},
                      .size = {1, 6, 6, 1}};
    LessonWriteSpec w = {.title = "t", .spec = &spec, .input = "x.npy", .filter = "w.npy",
                         .view = "both", .text = "t"};
    Err err = {0};
    assert_int_equal(lesson_write(path, &w, &err), -1);
    assert_non_null(strstr(err.msg, "exists; not overwriting"));
    char buf[32] = "";
    fp = fopen(path, "r");
    assert_non_null(fgets(buf, sizeof buf, fp));
    fclose(fp);
    assert_string_equal(buf, "keep me\n");
    /* no temporary file is left behind */
    char cmd[700];
    snprintf(cmd, sizeof cmd, "test $(ls -A '%s' | grep -c tmp) -eq 0", save_root);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_tf_round_trip, save_dir_up, save_dir_rm),
        cmocka_unit_test_setup_teardown(test_torch_round_trip, save_dir_up, save_dir_rm),
        cmocka_unit_test_setup_teardown(test_torch_bias_round_trip, save_dir_up, save_dir_rm),
        cmocka_unit_test_setup_teardown(test_gradient_view_saves_gradients,
                                        save_dir_up, save_dir_rm),
        cmocka_unit_test_setup_teardown(test_each_save_gets_a_new_folder, save_dir_up, save_dir_rm),
        cmocka_unit_test_setup_teardown(test_failed_save_leaves_nothing, save_dir_up, save_dir_rm),
        cmocka_unit_test_setup_teardown(test_ctrl_s_saves_into_the_current_folder, save_dir_up,
                                        save_dir_rm),
        cmocka_unit_test_setup_teardown(test_lesson_write_quotes_any_title,
                                        save_dir_up, save_dir_rm),
        cmocka_unit_test_setup_teardown(test_lesson_write_never_overwrites,
                                        save_dir_up, save_dir_rm),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
