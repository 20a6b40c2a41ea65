/* fuzz_lesson.c - the lesson loader from memory, then `tcviz check`'s
 * verification of every expect. Tensor paths resolve under a directory that
 * does not exist, so an input never reads the machine's files. */
#include <stdint.h>

#include "course/lesson_check.h"
#include "io/lesson.h"

/* Each load allocates libyaml's fixed parser buffers (about 64 KiB); with
 * ASan's default 256 MiB quarantine every one of them lands on fresh pages,
 * and the page faults, not the loader, set the pace. A 16 MiB quarantine
 * still holds hundreds of inputs' frees, far more than one input's
 * use-after-free needs, and lets the harness run about twice as fast. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
    return "quarantine_size_mb=16";
}

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
