/* explain_fixture.h - what the `tcviz explain` tests share: running the
 * built binary (posix_spawn, no shell) with '@' standing for a fresh mkdtemp
 * fixture directory, writing .npy fixtures, and checks on the output text
 * and JSON. Each test file includes it once. */
#ifndef TCVIZ_EXPLAIN_FIXTURE_H
#define TCVIZ_EXPLAIN_FIXTURE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <fcntl.h>
#include <jansson.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "io/npy.h"
#include "../common/run_tcviz.h"

extern char **environ;

#define REPO_ROOT TCVIZ_TEST_DATA "/../.."

static char tmpdir[64];

/* ---- running the binary -------------------------------------------------------- */

static inline char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    assert_non_null(buf);
    for (;;) {
        n += fread(buf + n, 1, cap - n - 1, f);
        if (n + 1 < cap)
            break;
        cap *= 2;
        buf = realloc(buf, cap);
        assert_non_null(buf);
    }
    buf[n] = '\0';
    fclose(f);
    if (len)
        *len = n;
    return buf;
}

/* Run tcviz with a space-separated argument line; '@' stands for the
 * fixture directory (with its slash). */
static inline void run_tcviz(const char *line, Run *r)
{
    char at[80];
    snprintf(at, sizeof at, "%s/", tmpdir);
    run_tcviz_line(line, at, r);
}

/* ---- fixtures ---------------------------------------------------------------- */

static inline void write_fixture(const char *name, const int *shape, const float *data)
{
    char path[128];
    Err err = {0};
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    if (npy_write_f32(path, 4, shape, data, &err) != 0)
        fail_msg("%s", err.msg);
}

static inline float *arange(size_t n, float start, float step)
{
    float *v = malloc(n * sizeof *v);
    assert_non_null(v);
    for (size_t i = 0; i < n; i++)
        v[i] = start + step * (float)i;
    return v;
}

/* Run from the repository root (lesson paths print as a user types them)
 * with a fresh fixture directory. */
static inline int fixture_dir_create(void)
{
    if (chdir(REPO_ROOT) != 0)
        return -1;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/tcviz_explain_XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static inline int fixture_dir_remove(void)
{
    DIR *d = opendir(tmpdir);
    if (!d)
        return -1;
    char path[384];
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", tmpdir, e->d_name);
        unlink(path);
    }
    closedir(d);
    return rmdir(tmpdir);
}

/* ---- text helpers ---------------------------------------------------------------- */

/* Every line at most 80 display columns (UTF-8 code points), no tab, no
 * trailing blank. */
static inline void assert_fits_80_columns(const char *text)
{
    int line_no = 1;
    for (const char *line = text; *line; line_no++) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        int cols = 0;
        for (size_t i = 0; i < len; i++)
            cols += ((unsigned char)line[i] & 0xC0) != 0x80;
        if (cols > 80)
            fail_msg("line %d has %d columns: %.*s", line_no, cols, (int)len, line);
        if (memchr(line, '\t', len))
            fail_msg("line %d has a tab", line_no);
        if (len > 0 && line[len - 1] == ' ')
            fail_msg("line %d ends in a blank: '%.*s'", line_no, (int)len, line);
        line += len + (end != NULL);
    }
}

/* The numbers of the grid under the line starting with `title`: rows of
 * "label v v v ...", up to the first blank line. Returns the row count. */
/* ---- JSON ---------------------------------------------------------------------- */

static const json_t *get(const json_t *obj, const char *path)
{
    char key[64];
    const json_t *v = obj;
    for (const char *p = path; *p;) {
        size_t n = strcspn(p, ".");
        snprintf(key, sizeof key, "%.*s", (int)n, p);
        v = json_object_get(v, key);
        if (!v)
            fail_msg("JSON has no %s", path);
        p += n + (p[n] == '.');
    }
    return v;
}

/* Flatten nested JSON lists of numbers; returns the count. */
static inline size_t flatten(const json_t *v, float *out, size_t cap)
{
    if (json_is_number(v)) {
        assert_true(cap > 0);
        out[0] = (float)json_number_value(v);
        return 1;
    }
    assert_true(json_is_array(v));
    size_t n = 0;
    for (size_t i = 0; i < json_array_size(v); i++)
        n += flatten(json_array_get(v, i), out + n, cap - n);
    return n;
}

static inline void assert_floats(const json_t *v, const float *want, size_t n, const char *what)
{
    float *got = malloc((n + 1) * sizeof *got);
    assert_non_null(got);
    assert_int_equal(flatten(v, got, n + 1), n);
    for (size_t i = 0; i < n; i++)
        if (got[i] != want[i])
            fail_msg("%s[%zu] is %.9g, expected %.9g", what, i, got[i], want[i]);
    free(got);
}

static inline json_t *parse_json(const Run *r)
{
    json_error_t je;
    json_t *root = json_loads(r->out, 0, &je);
    if (!root)
        fail_msg("not JSON: %s at line %d", je.text, je.line);
    return root;
}

/* The JSON of `line` against the core, computed here for the same tensors. */
#endif
