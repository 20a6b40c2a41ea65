/* test_lesson_ask.c - a step's `ask:`: parsing (every field and each error
 * message, exact), the core's answers, `tcviz check`'s comparison with the
 * stated answer, how typed answers are judged and the derivations.
 *
 * The layer is [[1, 2], [3, 4]] scattered with a 2x2 kernel of ones at
 * stride 1, VALID: output [[1, 3, 2], [4, 10, 6], [3, 7, 4]]. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "course/lesson_ask.h"

#define HEAD "title: t\n"
#define TENS "tensors:\n  input: [[1, 2], [3, 4]]\n  filter: [[1, 1], [1, 1]]\n"
#define ASK "steps:\n  - view: scatter\n    text: hi\n    ask:\n"

static int load(const char *yaml, Lesson *l, Err *err)
{
    return lesson_load_text(yaml, strlen(yaml), "x.yaml", l, err);
}

typedef struct {
    const char *ask; /* after ASK */
    const char *msg; /* after "x.yaml:" */
} Bad;

/* Lines: 9 is the first key under ask:, at column 7. */
static const Bad bad[] = {
    {"      kind: cel\n      prompt: p\n      cell: [0, 0]\n      answer: 1\n",
     "9:13: steps[0].ask.kind must be cell, size, touches or spelling, got \"cel\" (did you mean "
     "'cell'?)"},
    {"      kind: 3\n      prompt: p\n      answer: 1\n",
     "9:13: steps[0].ask.kind must be cell, size, touches or spelling, got \"3\""},
    {"      prompt: p\n      answer: 1\n",
     "9:7: steps[0].ask.kind is missing, expected cell, size, touches or spelling"},
    {"      kind: cell\n      answer: 1\n      cell: [0, 0]\n",
     "9:7: steps[0].ask.prompt is missing, expected the question"},
    {"      kind: cell\n      prompt: p\n      cell: [0, 0]\n", "9:7: steps[0].ask.answer is missing"},
    {"      kind: cell\n      prompt: p\n      answer: 1\n",
     "9:7: steps[0].ask.cell is missing: kind cell needs it"},
    {"      kind: cell\n      prompt: p\n      cell: [3, 0]\n      answer: 1\n",
     "11:13: steps[0].ask.cell is [3, 0], outside the 3 x 3 grid"},
    {"      kind: cell\n      prompt: p\n      cell: [0, 0]\n      answer: one\n",
     "12:15: steps[0].ask.answer must be a number, got \"one\""},
    {"      kind: cell\n      prompt: p\n      cell: [0, 0]\n      answer: 1\n      input: [0, 0]\n",
     "13:7: steps[0].ask.input applies to kind touches, not cell"},
    {"      kind: cell\n      prompt: p\n      cell: [0, 0]\n      answr: 1\n",
     "12:7: unknown key 'answr', did you mean 'answer'?"},
    {"      kind: size\n      prompt: p\n      answer: 3x3\n",
     "11:15: steps[0].ask.answer must be [height, width], got \"3x3\""},
    {"      kind: size\n      prompt: p\n      with: {strides: 0}\n      answer: [3, 3]\n",
     "11:23: steps[0].ask.with.strides must be a positive integer in 1..1024, got \"0\""},
    {"      kind: touches\n      prompt: p\n      input: [2, 0]\n      answer: [[0, 0]]\n",
     "11:14: steps[0].ask.input is [2, 0], outside the 2 x 2 grid"},
    {"      kind: touches\n      prompt: p\n      input: [0, 0]\n      answer: [[0, 0], [0, 0]]\n",
     "12:24: steps[0].ask.answer[1] repeats [0, 0]"},
    {"      kind: touches\n      prompt: p\n      input: [0, 0]\n      answer: []\n",
     "12:15: steps[0].ask.answer must be a list of output cells [[row, col], ...], got an empty "
     "list"},
    {"      kind: spelling\n      prompt: p\n      choices: [{stride: 1}]\n      answer: 1\n",
     "11:16: steps[0].ask.choices must be a list of 2 to 6 mappings of PyTorch parameters, got a "
     "list of 1 item"},
    {"      kind: spelling\n      prompt: p\n      choices: [{stride: 1}, {strides: 2}]\n"
     "      answer: 1\n",
     "11:31: 'strides' is the TF name; with convention torch use 'stride'"},
    {"      kind: spelling\n      prompt: p\n      choices: [{stride: 1}, {stride: 2}]\n"
     "      answer: 3\n",
     "12:15: steps[0].ask.answer must be a positive integer in 1..2, got \"3\""},
    {"      kind: spelling\n      prompt: p\n      choices: [{stride: 1}, {convention: tf}]\n"
     "      answer: 1\n",
     "11:31: steps[0].ask.choices[1] is PyTorch's spelling: expected no convention"},
    {"      - kind\n",
     "9:7: steps[0].ask must be a mapping with kind, prompt and answer, got a list of 1 item"},
};

static void test_errors_name_the_field(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char yaml[2048], want[512];
        snprintf(yaml, sizeof yaml, HEAD TENS ASK "%s", bad[i].ask);
        snprintf(want, sizeof want, "x.yaml:%s", bad[i].msg);
        Lesson l;
        Err err = {0};
        assert_int_equal(load(yaml, &l, &err), -1);
        assert_string_equal(err.msg, want);
        assert_null(l.steps); /* never half-loaded */
    }
}

static void test_layers_a_question_cannot_be_about(void **state)
{
    (void)state;
    Lesson l;
    Err err = {0};
    const char *torch = "title: t\nconvention: torch\n" TENS ASK
                        "      kind: spelling\n      prompt: p\n"
                        "      choices: [{stride: 1}, {stride: 2}]\n      answer: 1\n";
    assert_int_equal(load(torch, &l, &err), -1);
    assert_string_equal(err.msg, "x.yaml:10:13: steps[0].ask: a spelling question asks which "
                                 "PyTorch call reproduces a TF layer; this step's layer is "
                                 "PyTorch's");
    const char *conv = "title: t\nop: conv2d\n" TENS ASK
                       "      kind: size\n      prompt: p\n      answer: [1, 1]\n";
    assert_int_equal(load(conv, &l, &err), -1);
    assert_string_equal(err.msg, "x.yaml:10:13: steps[0].ask is about a transposed convolution, "
                                 "not this conv2d layer");
}

/* Every kind, parsed and answered. */
static const char all_kinds[] =
    HEAD TENS "steps:\n"
    "  - view: scatter\n    text: a\n    ask:\n      kind: cell\n      prompt: >\n"
    "        What is\n        output[1, 1]?\n      cell: [1, 1]\n      answer: 10\n"
    "      hint: four stamps\n"
    "  - view: scatter\n    text: b\n    ask:\n      kind: size\n      prompt: p\n"
    "      with: {strides: 2}\n      answer: [4, 4]\n"
    "  - view: scatter\n    text: c\n"
    "  - view: scatter\n    text: d\n    with: {strides: 2}\n    ask:\n      kind: touches\n"
    "      prompt: p\n      input: [1, 0]\n      answer: [[3, 1], [2, 0], [2, 1], [3, 0]]\n"
    "  - view: scatter\n    text: e\n    with: {padding: SAME, strides: 2}\n    ask:\n"
    "      kind: spelling\n      prompt: p\n"
    "      choices:\n        - {stride: 2, padding: 1}\n        - {stride: 2, padding: [0, 0]}\n"
    "        - {stride: 2, output_padding: 3}\n      answer: 2\n";

static void test_every_kind_parses_and_the_core_agrees(void **state)
{
    (void)state;
    Lesson l;
    Err err = {0};
    assert_int_equal(load(all_kinds, &l, &err), 0);
    assert_int_equal(lesson_ask_count(&l), 4);
    assert_null(l.steps[2].ask);
    const LessonAsk *a = l.steps[0].ask;
    assert_int_equal(a->kind, ASK_CELL);
    assert_string_equal(a->prompt, "What is output[1, 1]?"); /* folded, trailing newline gone */
    assert_string_equal(a->hint, "four stamps");
    assert_int_equal(a->at[0], 1);
    assert_true(a->value == 10.0f);
    assert_int_equal(l.steps[1].ask->size[0], 4);
    assert_int_equal(l.steps[3].ask->n_cells, 4);
    const LessonAsk *sp = l.steps[4].ask;
    assert_int_equal(sp->n_choices, 3);
    assert_string_equal(sp->choice_text[0], "stride=2, padding=1");
    assert_string_equal(sp->choice_text[1], "stride=2, padding=(0, 0)");
    assert_int_equal(lesson_ask_check(&l, &err), 0);

    AskSolution *sol = malloc(sizeof *sol);
    char text[256];
    assert_int_equal(lesson_ask_solve(&l, &l.steps[0], sol, &err), 0);
    assert_true(sol->value == 10.0f); /* 1 + 2 + 3 + 4 */
    lesson_ask_answer_text(a, sol, text, sizeof text);
    assert_string_equal(text, "10");
    assert_int_equal(lesson_ask_solve(&l, &l.steps[1], sol, &err), 0);
    assert_int_equal(sol->size[0], 4);
    assert_int_equal(sol->size[1], 4);
    lesson_ask_derivation(sol, text, sizeof text);
    assert_string_equal(text, "height: (2-1)*2 + 2 = 4, cropped 0 + 0: 4; width: (2-1)*2 + 2 = "
                              "4, cropped 0 + 0: 4. The output is 4x4.");
    assert_int_equal(lesson_ask_solve(&l, &l.steps[3], sol, &err), 0);
    assert_int_equal(sol->n_cells, 4);
    lesson_ask_answer_text(l.steps[3].ask, sol, text, sizeof text);
    assert_string_equal(text, "output[2:4, 0:2] (4 cells)");
    lesson_ask_derivation(sol, text, sizeof text);
    assert_string_equal(text, "x[1,0] stamps the kernel on canvas rows 2, 3 (1*2 + tap*1) and "
                              "columns 0, 1; less the crop (top 0, left 0) that is "
                              "output[2:4, 0:2] (4 cells).");
    /* TF SAME at stride 2 with a 2x2 kernel crops nothing: PyTorch padding 0 */
    assert_int_equal(lesson_ask_solve(&l, &l.steps[4], sol, &err), 0);
    assert_int_equal(sol->choice, 2);
    assert_int_equal(sol->reproduces[0], 0);
    assert_string_equal(sol->why[0], "2x2, TF gives 4x4");
    assert_string_equal(sol->why[1], "the same 4x4 output");
    assert_int_equal(strncmp(sol->why[2], "refused: ", 9), 0);
    lesson_ask_answer_text(sp, sol, text, sizeof text);
    assert_string_equal(text, "2: stride=2, padding=(0, 0)");
    free(sol);
    lesson_free(&l);
}

static void test_a_wrong_stated_answer_fails_the_check(void **state)
{
    (void)state;
    static const struct {
        const char *from, *to, *msg;
    } wrong[] = {
        {"answer: 10", "answer: 9 ",
         "x.yaml:9:7: steps[0].ask: the answer is 9, the core computes 10"},
        {"answer: [4, 4]", "answer: [4, 5]",
         "x.yaml:19:7: steps[1].ask: the answer is 4x5, the core computes 4x4"},
        {"[3, 0]]", "[3, 2]]",
         "x.yaml:29:7: steps[3].ask: the answer is [3, 1], [2, 0], [2, 1], [3, 2], the core "
         "computes output[2:4, 0:2] (4 cells)"},
        {"answer: 2\n", "answer: 1\n",
         "x.yaml:37:7: steps[4].ask: the answer is 1: stride=2, padding=1, the core computes 2: "
         "stride=2, padding=(0, 0)"},
        {"padding: [0, 0]}", "padding: 1}     ",
         "x.yaml:37:7: steps[4].ask: the answer is 2: stride=2, padding=1, the core computes no "
         "choice reproduces the TF call"},
    };
    for (size_t i = 0; i < sizeof wrong / sizeof *wrong; i++) {
        char yaml[sizeof all_kinds + 16];
        snprintf(yaml, sizeof yaml, "%s", all_kinds);
        char *at = strstr(yaml, wrong[i].from);
        assert_non_null(at);
        memcpy(at, wrong[i].to, strlen(wrong[i].to));
        if (strlen(wrong[i].to) != strlen(wrong[i].from))
            fail_msg("row %zu: replacements keep the length", i);
        Lesson l;
        Err err = {0};
        assert_int_equal(load(yaml, &l, &err), 0);
        assert_int_equal(lesson_ask_check(&l, &err), -1);
        assert_string_equal(err.msg, wrong[i].msg);
        lesson_free(&l);
    }
}

static void test_typed_answers_are_judged(void **state)
{
    (void)state;
    Lesson l;
    Err err = {0};
    assert_int_equal(load(all_kinds, &l, &err), 0);
    AskSolution *sol = malloc(sizeof *sol);
    char why[128];
    assert_int_equal(lesson_ask_solve(&l, &l.steps[0], sol, &err), 0);
    assert_int_equal(lesson_ask_judge(sol, "10", NULL, 0, why, sizeof why), ASK_RIGHT);
    assert_int_equal(lesson_ask_judge(sol, " 10.0004 ", NULL, 0, why, sizeof why), ASK_RIGHT);
    assert_int_equal(lesson_ask_judge(sol, "9", NULL, 0, why, sizeof why), ASK_WRONG);
    assert_int_equal(lesson_ask_judge(sol, "ten", NULL, 0, why, sizeof why), ASK_UNREADABLE);
    assert_string_equal(why, "type a number, e.g. 1.5");
    assert_int_equal(lesson_ask_solve(&l, &l.steps[1], sol, &err), 0);
    static const char *const right[] = {"4x4", "4 x 4", "4X4", ("4\xc3\x97" "4"), "[4, 4]", "4,4",
                                        "(4 4)"};
    for (size_t i = 0; i < sizeof right / sizeof *right; i++)
        assert_int_equal(lesson_ask_judge(sol, right[i], NULL, 0, why, sizeof why), ASK_RIGHT);
    assert_int_equal(lesson_ask_judge(sol, "4x5", NULL, 0, why, sizeof why), ASK_WRONG);
    assert_int_equal(lesson_ask_judge(sol, "4", NULL, 0, why, sizeof why), ASK_UNREADABLE);
    assert_string_equal(why, "type the size as HxW, e.g. 6x6");
    assert_int_equal(lesson_ask_solve(&l, &l.steps[3], sol, &err), 0);
    int cells[4][2] = {{2, 0}, {2, 1}, {3, 0}, {3, 1}};
    assert_int_equal(lesson_ask_judge(sol, "", (const int(*)[2])cells, 4, why, sizeof why),
                     ASK_RIGHT);
    assert_int_equal(lesson_ask_judge(sol, "", (const int(*)[2])cells, 3, why, sizeof why),
                     ASK_WRONG);
    cells[3][1] = 2;
    assert_int_equal(lesson_ask_judge(sol, "", (const int(*)[2])cells, 4, why, sizeof why),
                     ASK_WRONG);
    assert_int_equal(lesson_ask_judge(sol, "", NULL, 0, why, sizeof why), ASK_UNREADABLE);
    assert_int_equal(lesson_ask_solve(&l, &l.steps[4], sol, &err), 0);
    assert_int_equal(lesson_ask_judge(sol, "2", NULL, 0, why, sizeof why), ASK_RIGHT);
    assert_int_equal(lesson_ask_judge(sol, "1", NULL, 0, why, sizeof why), ASK_WRONG);
    assert_int_equal(lesson_ask_judge(sol, "4", NULL, 0, why, sizeof why), ASK_UNREADABLE);
    assert_string_equal(why, "type a choice's number, 1 to 3");
    free(sol);
    lesson_free(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_errors_name_the_field),
        cmocka_unit_test(test_layers_a_question_cannot_be_about),
        cmocka_unit_test(test_every_kind_parses_and_the_core_agrees),
        cmocka_unit_test(test_a_wrong_stated_answer_fails_the_check),
        cmocka_unit_test(test_typed_answers_are_judged),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
