/* fuzz_lesson.c - the lesson loader from memory, then `tcviz check`'s
 * verification of every expect. Tensor paths resolve under a directory that
 * does not exist, so an input never reads the machine's files. */
#include <stdint.h>

#include "course/lesson_check.h"
#include "io/lesson.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Lesson l;
    Err err = {0};
    if (lesson_load_text((const char *)data, size, "/nonexistent/fuzz.yaml", &l, &err) != 0)
        return 0;
    err = (Err){0};
    lesson_check(&l, &err);
    lesson_free(&l);
    return 0;
}
