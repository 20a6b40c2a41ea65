/* test_lesson_errors.c - malformed lessons and failing claims.
 *
 * Each row is a whole lesson file and the exact message it must produce,
 * after the path: "line:col: what is wrong". Lines and columns were counted
 * by hand (the comment on a row names the node they point at). Every row
 * runs under the sanitizers, so each error path is also checked for leaks,
 * and a refused lesson must come back zeroed (never half-loaded). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "course/lesson_check.h"
#include "lesson_fixture.h"

/* A valid lesson in three parts, so a row can replace one. */
#define HEAD "title: t\n"
#define TENS "tensors:\n  input: [[1, 2], [3, 4]]\n  filter: [[1, 1], [1, 1]]\n"
#define STEP "steps:\n  - view: scatter\n    text: hi\n"

typedef struct {
    const char *name;
    const char *yaml;
    const char *msg; /* after "<path>:" */
} Bad;

static const Bad bad_loads[] = {
    /* value of strides, line 3 */
    {"word for a number", HEAD "params:\n  strides: two\n" TENS STEP,
     "3:12: params.strides must be a positive integer, got \"two\""},
    {"zero stride", HEAD "params:\n  strides: [2, 0]\n" TENS STEP,
     "3:16: params.strides[1] must be a positive integer in 1..1024, got \"0\""},
    {"typo in a key", HEAD "params:\n  strdes: 2\n" TENS STEP,
     "3:3: unknown key 'strdes', did you mean 'strides'?"},
    {"typo at the top", "titel: t\n" TENS STEP,
     "1:1: unknown key 'titel', did you mean 'title'?"},
    {"unrelated key", HEAD "colour: red\n" TENS STEP,
     "2:1: unknown key 'colour' in the lesson, expected one of: title, summary, convention, op, "
     "params, tensors, layers, steps, expect"},
    {"PyTorch name in a TF lesson", HEAD "params:\n  stride: 2\n" TENS STEP,
     "3:3: 'stride' is the PyTorch name; with convention tf use 'strides'"},
    {"TF name in a PyTorch lesson", HEAD "convention: torch\nparams:\n  output_shape: [1, 1, 4, 4]\n"
     TENS STEP,
     "4:3: 'output_shape' is the TF name; with convention torch use 'padding' and "
     "'output_padding'"},
    {"PyTorch padding same", HEAD "convention: torch\nparams: {padding: same}\n" TENS STEP,
     "3:19: params.padding must be a non-negative integer or [h, w]: PyTorch's ConvTranspose2d "
     "has no padding='same'"},
    {"bad convention", HEAD "convention: pytorch\n" TENS STEP,
     "2:13: convention must be tf or torch, got \"pytorch\""},
    {"bad op", HEAD "op: deconv\n" TENS STEP,
     "2:5: op must be conv2d, conv2d_transpose, conv2d_backprop_input, conv2d_backprop_filter, "
     "conv1d or conv1d_transpose, got \"deconv\""},
    {"no title", TENS STEP, "1:1: title is missing, expected a one-line title"},
    {"missing tensor", HEAD "tensors:\n  input: [[1, 2], [3, 4]]\n" STEP,
     "3:3: tensors.filter is missing: conv2d_transpose needs input and filter"},
    {"tensor the op does not take", HEAD TENS "  d_out: [[1]]\n" STEP,
     "5:3: tensors.d_out does not apply to conv2d_transpose (it takes input and filter)"},
    {"tensors not a mapping", HEAD "tensors: [1]\n" STEP,
     "2:10: tensors must be a mapping of input, filter, bias, d_out, got a list of 1 item"},
    /* the [3] row of input */
    {"ragged list", HEAD "tensors:\n  input: [[1, 2], [3]]\n  filter: [[1]]\n" STEP,
     "3:19: tensors.input[1] has 1 item, expected 2: a nested list must be rectangular"},
    {"3-D list", HEAD "tensors:\n  input: [[[1]]]\n  filter: [[1]]\n" STEP,
     "3:10: tensors.input must be a 2-D (H x W) or 4-D (NHWC) list, got 3-D"},
    {"text in a list", HEAD "tensors:\n  input: [[1, x]]\n  filter: [[1]]\n" STEP,
     "3:15: tensors.input[0][1] must be a number, got \"x\""},
    {"list where a number goes", HEAD "tensors:\n  input: [[1, [2]]]\n  filter: [[1]]\n" STEP,
     "3:15: tensors.input[0][1] must be a number, got a list of 1 item"},
    {"beyond float32", HEAD "tensors:\n  input: [[1e99]]\n  filter: [[1]]\n" STEP,
     "3:12: tensors.input[0][0] must be a number within float32 range, got \"1e99\""},
    {"empty list", HEAD "tensors:\n  input: []\n  filter: [[1]]\n" STEP,
     "3:10: tensors.input has an empty list, expected numbers"},
    {"picture with a letter", HEAD "tensors:\n  input: {picture: [\"1x\"]}\n  filter: [[1]]\n" STEP,
     "3:21: tensors.input.picture[0] has 'x' at character 2, expected '.' or a digit 0-9"},
    {"picture rows differ", HEAD "tensors:\n  input: {picture: [\"12\", \"3\"]}\n  filter: [[1]]\n"
     STEP,
     "3:27: tensors.input.picture[1] has 1 character, expected 2 like row 0"},
    {"cycle without shape", HEAD "tensors:\n  input: {cycle: [1]}\n  filter: [[1]]\n" STEP,
     "3:10: tensors.input needs 'shape' with 'cycle'"},
    {"two generators", HEAD "tensors:\n  input: {cycle: [1], picture: [\"1\"]}\n  filter: [[1]]\n"
     STEP,
     "3:10: tensors.input must give one of picture, cycle (with shape) or activations_of"},
    {"tensor too large", HEAD "tensors:\n  input: {shape: [1, 1025, 1025, 1], cycle: [1]}\n"
     "  filter: [[1]]\n" STEP,
     "3:18: tensors.input.shape has more than 1048576 values, the limit for a lesson"},
    {"activations of a filter", HEAD "tensors:\n  input: [[1]]\n"
     "  filter: {activations_of: [[1]]}\n" STEP,
     "4:11: tensors.filter.activations_of applies to the input of a conv2d_transpose lesson only"},
    {"missing .npy", HEAD "tensors:\n  input: nothere.npy\n  filter: [[1]]\n" STEP,
     "3:10: tensors.input: %DIR%/nothere.npy: cannot open (No such file or directory), expected a "
     "readable .npy file"},
    /* the core's refusal, at output_shape's value */
    {"illegal output_shape", HEAD "params:\n  strides: 2\n  padding: SAME\n"
     "  output_shape: [1, 7, 4, 1]\n" TENS STEP,
     "5:17: output_shape height 7 is illegal for input height 2 (stride 2, SAME): expected 3..4"},
    {"output_padding too large", HEAD "convention: torch\nparams:\n  stride: 2\n"
     "  output_padding: 2\n" TENS STEP,
     "5:19: output_padding height 2 must be smaller than stride (2) or dilation (1)"},
    {"channels do not fit", HEAD "tensors:\n  input: [[1]]\n  filter: [[[[1, 1]]]]\n" STEP,
     "4:11: filter: in-channel axis is 2, expected the input's 1 channels"},
    {"output_shape for conv2d", HEAD "op: conv2d\nparams: {output_shape: [1, 1, 1, 1]}\n" TENS
     STEP,
     "3:24: params.output_shape applies to conv2d_transpose only, not conv2d"},
    {"bias flag without tensor", HEAD "convention: torch\nparams: {bias: true}\n" TENS STEP,
     "5:3: params.bias is true but tensors.bias is missing"},
    /* steps */
    {"typo in a view", HEAD TENS "steps:\n  - view: scater\n    text: hi\n",
     "6:11: steps[0].view must be one of scatter, conv2d, both, matrix, gradient, channels, "
     "overlap, oned, stack, code, got \"scater\" (did you mean 'scatter'?)"},
    {"step without text", HEAD TENS "steps:\n  - view: scatter\n", "6:5: steps[0].text is missing"},
    {"no steps", HEAD TENS, "1:1: steps is missing, expected a list"},
    {"empty steps", HEAD TENS "steps: []\n", "5:8: steps must be a non-empty list, got an empty list"},
    {"past the end", HEAD TENS "steps:\n  - view: scatter\n    at: 4\n    text: hi\n",
     "7:9: steps[0]: step 4 is past the end of the scatter timeline (steps 0..3)"},
    {"at neither a number nor end", HEAD TENS "steps:\n  - view: scatter\n    at: last\n"
     "    text: hi\n",
     "7:9: steps[0].at must be a step number (0, 1, ...) or end, got \"last\""},
    {"build typo", HEAD TENS "steps:\n  - view: conv2d\n    build: zero\n    text: hi\n",
     "7:12: steps[0].build must be zeros, padding or kernel, got \"zero\""},
    /* the layer has one input channel: only channel 0 exists */
    {"channel past the input's channels", HEAD TENS "steps:\n  - view: channels\n"
     "    channel: 1\n    text: hi\n",
     "7:14: steps[0].channel must be a non-negative integer in 0..0, got \"1\""},
    {"channel not a number", HEAD TENS "steps:\n  - view: channels\n"
     "    channel: red\n    text: hi\n",
     "7:14: steps[0].channel must be a non-negative integer, got \"red\""},
    {"build in the scatter", HEAD TENS "steps:\n  - view: scatter\n    build: zeros\n"
     "    text: hi\n",
     "7:12: steps[0].build needs view conv2d, got scatter"},
    {"build and play", HEAD TENS "steps:\n  - view: conv2d\n    build: kernel\n"
     "    play: [0, 1]\n    text: hi\n",
     "7:12: steps[0].build shows the grid before the window slides: expected no at or play"},
    {"play backwards", HEAD TENS "steps:\n  - view: conv2d\n    play: [3, 1]\n    text: hi\n",
     "7:11: steps[0].play must be [from, to] with from <= to, got [3, 1]"},
    {"at and play", HEAD TENS "steps:\n  - view: conv2d\n    at: 1\n    play: [0, 1]\n"
     "    text: hi\n",
     "8:11: steps[0] gives both at and play, expected one"},
    {"highlight outside", HEAD TENS "steps:\n  - view: scatter\n    highlight: output[0:5, 0]\n"
     "    text: hi\n",
     "7:16: steps[0].highlight reaches outside output, which is 3 x 3"},
    {"highlight typo", HEAD TENS "steps:\n  - view: scatter\n    highlight: inptu[0, 0]\n"
     "    text: hi\n",
     "7:16: steps[0].highlight names 'inptu', expected input, filter, d_out, output, canvas, "
     "padded or kernel (did you mean 'input'?)"},
    {"highlight form", HEAD TENS "steps:\n  - view: scatter\n    highlight: input(0, 0)\n"
     "    text: hi\n",
     "7:16: steps[0].highlight must be NAME[row, col] or NAME[r0:r1, c0:c1], got \"input(0, 0)\""},
    /* a number past long's range: refused, not overflowed */
    {"highlight index past any size", HEAD TENS "steps:\n  - view: scatter\n"
     "    highlight: input[0, 055555555555555555555555555555555]\n    text: hi\n",
     "7:16: steps[0].highlight must be NAME[row, col] or NAME[r0:r1, c0:c1], got "
     "\"input[0, 0555555555555555555555555555...\""},
    {"text too long", HEAD TENS "steps:\n  - view: scatter\n    text: %LONG%\n",
     "7:11: steps[0].text is 4097 characters long, expected at most 4096"},
    {"too many steps", HEAD TENS "steps:\n%STEPS%", "6:3: steps has 65 items, at most 64 are allowed"},
    {"step with a bad with", HEAD TENS "steps:\n  - view: scatter\n    with: {stridez: 1}\n"
     "    text: hi\n",
     "7:12: unknown key 'stridez', did you mean 'strides'?"},
    {"step with an illegal layer", HEAD TENS "steps:\n  - view: scatter\n"
     "    with: {output_shape: [1, 9, 3, 1]}\n    text: hi\n",
     "7:26: output_shape height 9 is illegal for input height 2 (stride 1, VALID): expected 3..3"},
    /* expects */
    {"two claims", HEAD TENS STEP "expect:\n  - output: [[1]]\n    shape: [1, 1, 1, 1]\n",
     "10:5: expect[0] has two claims (output and shape), expected one per item"},
    {"no claim", HEAD TENS STEP "expect:\n  - tolerance: 1\n",
     "9:5: expect[0] has no claim, expected one of output, cell, shape, legal_sizes, overlap, "
     "same_as, ..."},
    {"unknown route", HEAD TENS STEP "expect:\n  - same_as: conv3d\n",
     "9:14: expect[0].same_as must be one of conv2d, matrix, conv2d_backprop_input, "
     "conv2d_transpose, upsample_nearest, upsample_bilinear, groups, got \"conv3d\" (did you mean "
     "'conv2d'?)"},
    {"TF claim in PyTorch", HEAD "convention: torch\n" TENS STEP
     "expect:\n  - legal_sizes: {height: [3, 3], width: [3, 3]}\n",
     "10:5: expect[0].legal_sizes applies to TF conv2d_transpose layers, not this PyTorch "
     "conv2d_transpose layer"},
    {"gradient without d_out", HEAD "op: conv2d\n" TENS STEP "expect:\n  - d_input: [[1]]\n",
     "10:5: expect[0].d_input applies to conv2d layers with tensors.d_out, not this TF conv2d "
     "layer"},
    {"border outside same_as", HEAD TENS STEP "expect:\n  - output: [[1]]\n    border: 1\n",
     "10:13: expect[0].border applies to same_as only"},
    {"cell index form", HEAD TENS STEP "expect:\n  - cell: {index: [1, 2, 3], value: 1}\n",
     "9:19: expect[0].cell.index must be [row, col] or a 4-index in NHWC order, got a list of 3 "
     "items"},
    {"legal_sizes half given", HEAD TENS STEP "expect:\n  - legal_sizes: {height: [3, 3]}\n",
     "9:18: expect[0].legal_sizes.width is missing, expected [lo, hi]"},
    {"matrix in 4-D", HEAD TENS STEP "expect:\n  - matrix: [[[[1]]]]\n",
     "9:13: expect[0].matrix must be a 2-D list, got 4-D"},
    {"too many expects", HEAD TENS STEP "expect:\n%EXPECTS%",
     "9:3: expect has 65 items, at most 64 are allowed"},
    /* YAML itself */
    {"duplicate key", "title: t\ntitle: u\n" TENS STEP,
     "2:1: duplicate key 'title' (first at 1:1)"},
    {"alias", HEAD "tensors:\n  input: &a [[1, 2], [3, 4]]\n  filter: *a\n" STEP,
     "4:11: aliases (*name) are not supported in lessons; write the value out"},
    {"list as a key", HEAD "? [a]\n: 1\n" TENS STEP,
     "2:3: a key must be a plain word, got a list or mapping"},
    {"unclosed bracket", HEAD "tensors:\n  input: [[1, 2]\n  filter: [[1]]\n" STEP,
     "4:3: YAML: did not find expected ',' or ']' (while parsing a flow sequence at 3:10)"},
    {"empty file", "", "1:1: the file is empty, expected a lesson mapping"},
    {"not a mapping", "- 1\n- 2\n", "1:1: a lesson must be a mapping with title, tensors, steps, "
     "..., got a list of 2 items"},
    {"two documents", HEAD TENS STEP "---\ntitle: again\n",
     "9:1: a second YAML document, expected one lesson per file"},
    {"nested too deep", HEAD "tensors:\n  input: [[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]\n"
     "  filter: [[1]]\n" STEP,
     "3:24: nested too deeply for a lesson"},
};

/* Fill %LONG%, %STEPS%, %EXPECTS% and %DIR% placeholders. */
static char *expand(const char *text)
{
    size_t cap = strlen(text) + 16384;
    char *out = calloc(1, cap);
    const char *p = text;
    while (*p) {
        if (strncmp(p, "%LONG%", 6) == 0) {
            memset(out + strlen(out), 'a', LESSON_MAX_TEXT + 1);
            p += 6;
        } else if (strncmp(p, "%STEPS%", 7) == 0) {
            for (int i = 0; i <= LESSON_MAX_STEPS; i++)
                strcat(out, "  - {view: scatter, text: s}\n");
            p += 7;
        } else if (strncmp(p, "%EXPECTS%", 9) == 0) {
            for (int i = 0; i <= LESSON_MAX_EXPECTS; i++)
                strcat(out, "  - shape: [1, 3, 3, 1]\n");
            p += 9;
        } else if (strncmp(p, "%DIR%", 5) == 0) {
            strcat(out, lesson_tmpdir);
            p += 5;
        } else {
            strncat(out, p++, 1);
        }
    }
    return out;
}

static int is_zeroed(const Lesson *l)
{
    static const Lesson zero;
    return memcmp(l, &zero, sizeof zero) == 0;
}

static void test_malformed_lessons_are_refused_with_position(void **state)
{
    (void)state;
    int failures = 0;
    for (size_t i = 0; i < sizeof bad_loads / sizeof bad_loads[0]; i++) {
        const Bad *b = &bad_loads[i];
        char name[32], path[256], want[1024];
        snprintf(name, sizeof name, "bad%zu.yaml", i);
        char *yaml = expand(b->yaml), *msg = expand(b->msg);
        lesson_write(name, yaml, path, sizeof path);
        snprintf(want, sizeof want, "%s:%s", path, msg);
        Lesson l;
        Err err = {0};
        int rc = lesson_load(path, &l, &err);
        if (rc == 0) {
            print_error("%s: loaded, expected\n  %s\n", b->name, want);
            lesson_free(&l);
            failures++;
        } else if (strcmp(err.msg, want) != 0 || !is_zeroed(&l)) {
            print_error("%s:\n  got  %s\n  want %s%s\n", b->name, err.msg, want,
                        is_zeroed(&l) ? "" : "\n  (and the lesson was not zeroed)");
            failures++;
        }
        free(yaml);
        free(msg);
    }
    assert_int_equal(failures, 0);
}

/* Lessons that load but whose claims do not hold. */
static const Bad bad_checks[] = {
    /* stride 1 VALID: [[1,2],[3,4]] with a kernel of ones -> [[1,3,2],[4,10,6],[3,7,4]] */
    {"wrong output", HEAD TENS STEP "expect:\n  - output: [[1, 3, 2], [4, 10, 6], [3, 7, 5]]\n",
     "9:5: output[0,2,2,0] is 4, expected 5 (1 of 9 values differ)"},
    {"wrong shape of output", HEAD TENS STEP "expect:\n  - output: [[1, 3], [4, 10]]\n",
     "9:5: output has shape [1,3,3,1], expected [1,2,2,1] (NHWC)"},
    {"wrong cell", HEAD TENS STEP "expect:\n  - cell: {index: [1, 1], value: 9}\n",
     "9:5: output[0,1,1,0] is 10, expected 9"},
    {"cell outside", HEAD TENS STEP "expect:\n  - cell: {index: [0, 3, 0, 0], value: 9}\n",
     "9:5: cell [0,3,0,0] is outside the output, whose shape is [1,3,3,1]"},
    {"wrong shape", HEAD TENS STEP "expect:\n  - shape: [1, 4, 4, 1]\n",
     "9:5: the output has shape [1,3,3,1], expected [1,4,4,1] (NHWC)"},
    {"wrong legal sizes", HEAD "params: {strides: 2}\n" TENS STEP
     "expect:\n  - legal_sizes: {height: [3, 4], width: [4, 5]}\n",
     "10:5: legal output height [4, 5], expected [3, 4]"},
    {"wrong overlap", HEAD TENS STEP "expect:\n  - overlap: [[1, 2, 1], [2, 4, 2], [1, 2, 2]]\n",
     "9:5: overlap[0,0,2,2] is 1, expected 2 (1 of 9 values differ)"},
    {"not refused", HEAD TENS STEP "expect:\n  - error: \"illegal\"\n",
     "9:5: expected the layer to be refused with \"illegal\", but it ran"},
    {"refused otherwise", HEAD TENS STEP
     "expect:\n  - with: {output_shape: [1, 4, 3, 1]}\n    error: \"divisible\"\n",
     "9:5: the layer is refused with \"output_shape height 4 is illegal for input height 2 "
     "(stride 1, VALID): expected 3..3\", expected words \"divisible\""},
    /* the kernel of ones at stride 1 is no resize: nearest 2 -> 3 reads
     * source rows 0, 1, 1, so it gives [[1,2,2],[3,4,4],[3,4,4]] */
    {"not an upsampler", HEAD TENS STEP "expect:\n  - same_as: upsample_nearest\n",
     "9:5: output[0,0,1,0] by upsample_nearest is 2, expected 3 (5 of 9 values differ)"},
    /* bilinear kernel: equal inside, not on the border, where the layer
     * sees zeros (0 6 18 18 / 6 16 32 30 / ...) and the resize repeats the
     * edge (0 8 24 32 / 8 16 32 40 / ...); only the corner agrees there */
    {"bilinear border", HEAD "params: {strides: 2, padding: SAME}\n"
     "tensors:\n  input: [[0, 32], [32, 64]]\n"
     "  filter: [[0.0625, 0.1875, 0.1875, 0.0625], [0.1875, 0.5625, 0.5625, 0.1875], "
     "[0.1875, 0.5625, 0.5625, 0.1875], [0.0625, 0.1875, 0.1875, 0.0625]]\n" STEP
     "expect:\n  - same_as: upsample_bilinear\n",
     "10:5: output[0,0,1,0] by upsample_bilinear is 8, expected 6 (11 of 16 values differ)"},
    {"wrong matrix", HEAD TENS STEP "expect:\n  - matrix_transposed: [[1]]\n",
     "9:5: matrix_transposed has shape [1,1,9,4], expected [1,1,1,1] (NCHW)"},
    {"wrong padded", HEAD TENS STEP "expect:\n  - padded: [[1, 2], [3, 4]]\n",
     "9:5: padded has shape [1,1,4,4], expected [1,1,2,2] (NCHW)"},
};

static void test_failing_claims_name_the_expect(void **state)
{
    (void)state;
    int failures = 0;
    for (size_t i = 0; i < sizeof bad_checks / sizeof bad_checks[0]; i++) {
        const Bad *b = &bad_checks[i];
        char name[32], path[256], want[1024];
        snprintf(name, sizeof name, "check%zu.yaml", i);
        lesson_write(name, b->yaml, path, sizeof path);
        snprintf(want, sizeof want, "%s:%s", path, b->msg);
        Lesson l;
        Err err = {0};
        if (lesson_load(path, &l, &err) != 0) {
            print_error("%s: refused at load: %s\n", b->name, err.msg);
            failures++;
            continue;
        }
        int rc = lesson_check(&l, &err);
        if (rc == 0 || strcmp(err.msg, want) != 0) {
            print_error("%s:\n  got  %s\n  want %s\n", b->name, rc == 0 ? "(passed)" : err.msg,
                        want);
            failures++;
        }
        lesson_free(&l);
    }
    assert_int_equal(failures, 0);
}

static void test_unreadable_file(void **state)
{
    (void)state;
    char path[256];
    Lesson l;
    Err err = {0};
    snprintf(path, sizeof path, "%s/none.yaml", lesson_tmpdir);
    assert_int_equal(lesson_load(path, &l, &err), -1);
    assert_int_equal(err.code, TC_ERR_IO);
    char want[400];
    snprintf(want, sizeof want,
             "%s: cannot open (No such file or directory), expected a readable lesson file", path);
    assert_string_equal(err.msg, want);
    assert_true(is_zeroed(&l));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_malformed_lessons_are_refused_with_position),
        cmocka_unit_test(test_failing_claims_name_the_expect),
        cmocka_unit_test(test_unreadable_file),
    };
    return cmocka_run_group_tests(tests, lesson_tmp_setup, lesson_tmp_teardown);
}
