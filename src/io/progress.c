/* progress.c - the course progress file (progress.h): parsed line by line,
 * refused whole with the line that does not read, written whole through
 * atomic_file.c. */
#include "io/progress.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "io/atomic_file.h"
#include "core/strbuf.h"

#define HEADER "# tcviz progress 1\n"

int progress_path(char *buf, size_t cap, Err *err)
{
    const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
    int n;
    if (xdg && xdg[0] == '/') /* the spec ignores a relative XDG_DATA_HOME */
        n = snprintf(buf, cap, "%s/tcviz/progress", xdg);
    else if (home && home[0])
        n = snprintf(buf, cap, "%s/.local/share/tcviz/progress", home);
    else
        return err_fail(err, TC_ERR_ARG, "neither XDG_DATA_HOME nor HOME is set: course progress "
                        "is not kept");
    if (n < 0 || (size_t)n >= cap)
        return err_fail(err, TC_ERR_LIMIT, "the progress file's path is longer than %zu bytes",
                        cap - 1);
    return 0;
}

static int name_ok(const char *name)
{
    size_t n = strlen(name);
    return n > 0 && n < PROGRESS_MAX_NAME && !strpbrk(name, "/ \t\n\r,");
}

ProgressLesson *progress_lesson(Progress *p, const char *name, int create)
{
    for (int i = 0; i < p->count; i++)
        if (strcmp(p->items[i].name, name) == 0)
            return &p->items[i];
    if (!create || !name_ok(name) || p->count >= PROGRESS_MAX_LESSONS)
        return NULL;
    ProgressLesson *l = &p->items[p->count++];
    memset(l, 0, sizeof *l);
    snprintf(l->name, sizeof l->name, "%s", name);
    return l;
}

int progress_right_count(const ProgressLesson *l)
{
    int n = 0;
    for (int k = 0; k < 64; k++)
        n += (int)((l->right >> k) & 1u);
    return n;
}

/* "1,2,5" into bits; -1 when it is not such a list. */
static int read_steps(const char *t, uint64_t *bits)
{
    *bits = 0;
    while (*t) {
        char *end;
        long k = strtol(t, &end, 10);
        if (end == t || k < 1 || k > 64 || (*end != ',' && *end != '\0'))
            return -1;
        *bits |= (uint64_t)1 << (k - 1);
        t = *end == ',' ? end + 1 : end;
        if (*end == ',' && !*t)
            return -1;
    }
    return 0;
}

static int parse_line(char *line, Progress *p)
{
    char *save = NULL, *name = strtok_r(line, " \t", &save);
    char *state = strtok_r(NULL, " \t", &save), *steps = strtok_r(NULL, " \t", &save);
    if (!name || !state || strtok_r(NULL, " \t", &save) || !name_ok(name) ||
        (strcmp(state, "done") != 0 && strcmp(state, "started") != 0) ||
        progress_lesson(p, name, 0))
        return -1;
    uint64_t bits = 0;
    if (steps && read_steps(steps, &bits) != 0)
        return -1;
    ProgressLesson *l = progress_lesson(p, name, 1);
    if (!l)
        return -1;
    l->done = state[0] == 'd';
    l->right = bits;
    return 0;
}

int progress_load(const char *path, Progress *p, Err *err)
{
    memset(p, 0, sizeof *p);
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (errno == ENOENT)
            return 0;
        return err_fail(err, TC_ERR_IO, "%s: cannot read the progress file: %s", path,
                        strerror(errno));
    }
    char line[512];
    int no = 0, rc = 0;
    long total = 0;
    while (rc == 0 && fgets(line, sizeof line, f)) {
        no++;
        size_t n = strlen(line);
        total += (long)n;
        if (total > PROGRESS_MAX_BYTES) {
            rc = err_fail(err, TC_ERR_LIMIT, "%s: the progress file is larger than %d bytes",
                          path, PROGRESS_MAX_BYTES);
            break;
        }
        if (n && line[n - 1] != '\n' && !feof(f)) {
            rc = err_fail(err, TC_ERR_FORMAT, "%s:%d: the line is longer than %zu bytes", path,
                          no, sizeof line - 2);
            break;
        }
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (no == 1 && strcmp(line, "# tcviz progress 1") != 0) {
            rc = err_fail(err, TC_ERR_FORMAT, "%s:1: expected the line '# tcviz progress 1'", path);
            break;
        }
        if (no == 1 || n == 0)
            continue;
        char copy[sizeof line];
        snprintf(copy, sizeof copy, "%s", line);
        if (parse_line(line, p) != 0)
            rc = err_fail(err, TC_ERR_FORMAT,
                          "%s:%d: expected 'LESSON.yaml done|started [STEP,STEP...]' (each lesson "
                          "once), got \"%.60s\"",
                          path, no, copy);
    }
    if (rc == 0 && ferror(f))
        rc = err_fail(err, TC_ERR_IO, "%s: cannot read the progress file", path);
    fclose(f);
    if (rc != 0)
        memset(p, 0, sizeof *p);
    return rc;
}

/* mkdir -p of path's directory. */
static int make_dirs(const char *path, Err *err)
{
    char dir[1024];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (!slash || slash == dir)
        return 0;
    *slash = '\0';
    for (char *q = dir + 1; *q; q++) {
        if (*q != '/')
            continue;
        *q = '\0';
        if (mkdir(dir, 0755) != 0 && errno != EEXIST)
            return err_fail(err, TC_ERR_IO, "cannot create %s: %s", dir, strerror(errno));
        *q = '/';
    }
    if (mkdir(dir, 0755) != 0 && errno != EEXIST)
        return err_fail(err, TC_ERR_IO, "cannot create %s: %s", dir, strerror(errno));
    return 0;
}

int progress_save(const char *path, const Progress *p, Err *err)
{
    if (make_dirs(path, err) != 0)
        return -1;
    AtomicFile a;
    if (atomic_open(&a, path, ATOMIC_REPLACE, err) != 0)
        return -1;
    atomic_write(&a, HEADER, strlen(HEADER));
    for (int i = 0; i < p->count; i++) {
        const ProgressLesson *l = &p->items[i];
        char line[PROGRESS_MAX_NAME + 256];
        StrBuf o = strbuf_init(line, sizeof line);
        strbuf_printf(&o, "%s %s", l->name, l->done ? "done" : "started");
        for (int k = 0, first = 1; k < 64; k++)
            if ((l->right >> k) & 1u) {
                strbuf_printf(&o, "%s%d", first ? " " : ",", k + 1);
                first = 0;
            }
        strbuf_printf(&o, "\n");
        atomic_write(&a, line, o.len);
    }
    return atomic_commit(&a, err);
}
