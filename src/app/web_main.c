/* web_main.c - the browser build's entry point: the page's link becomes the
 * window's command line.
 *
 * `#lesson=03&step=2` opens the course's lesson 03 at step 2; layer keys are
 * the CLI's flags (url_state.h) and the tensors x / w are written as .npy
 * files for --input / --filter, so the link goes through exactly the checks
 * and messages of `tcviz --strides 2 ...`. A link that does not parse is
 * named on the page and lesson 1 opens instead. */
#include <emscripten.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/app.h"
#include "app/web.h"
#include "cli/cli.h"
#include "cli/url_state.h"
#include "core/layer.h"
#include "io/lesson_dir.h"
#include "io/npy.h"

/* The page shows the message above the canvas (web/tcviz-glue.js). */
static void page_error(const char *msg)
{
    EM_ASM({ Module.tcvizWeb.error(UTF8ToString($0)); }, msg);
}

static int lesson_path(int number, char *out, size_t cap, Err *err)
{
    LessonEntry *e = NULL;
    int n = 0;
    if (lesson_dir_list(lesson_dir_default(), &e, &n, err) != 0)
        return -1;
    int found = 0;
    for (int i = 0; i < n && !found; i++)
        if (url_state_lesson_number(e[i].name) == number) {
            snprintf(out, cap, "%s", e[i].path);
            found = 1;
        }
    free(e);
    if (!found)
        return err_fail(err, TC_ERR_ARG, "link: lesson: there is no lesson %02d (the course has "
                        "%d)", number, n);
    return 0;
}

/* Pasted tensor -> a .npy in the layout the flags' convention reads. */
static int tensor_file(const PasteResult *p, const char *key, Layout layout, const char *path,
                       Err *err)
{
    Tensor t = {0};
    if (paste_to_tensor(p, layout, &t, err) != 0) {
        err_prefix(err, "link: %s: ", key);
        return -1;
    }
    int rc = npy_write_f32(path, 4, t.dim, t.data, err);
    tensor_free(&t);
    return rc;
}

typedef struct {
    char *argv[2 * URL_STATE_MAX_KEYS + 16];
    int argc;
    char lesson[1024];
} Args;

static void push(Args *a, const char *s)
{
    a->argv[a->argc++] = (char *)s;
}

static int link_args(const UrlState *u, Args *a, Err *err)
{
    if (u->lesson) {
        if (lesson_path(u->lesson, a->lesson, sizeof a->lesson, err) != 0)
            return -1;
        push(a, a->lesson);
    }
    for (int i = 1; i <= u->n_flags; i++)
        push(a, u->argv[i]);
    CliLayerArgs layer;
    memset(&layer, 0, sizeof layer);
    if (u->n_flags && cli_parse_layer_args(u->n_flags + 1, (char **)u->argv, 1, NULL, &layer,
                                           err) != 0)
        return -1;
    Convention c = layer.spec.params.convention;
    if (u->x.rank) {
        if (tensor_file(&u->x, "x", layer_data_layout(c), WEB_IN_DIR "/link-x.npy", err) != 0)
            return -1;
        push(a, "--input");
        push(a, WEB_IN_DIR "/link-x.npy");
    }
    if (u->w.rank) {
        Layout wl = layer_filter_layout(c, OP_CONV2D_TRANSPOSE);
        if (tensor_file(&u->w, "w", wl, WEB_IN_DIR "/link-w.npy", err) != 0)
            return -1;
        push(a, "--filter");
        push(a, WEB_IN_DIR "/link-w.npy");
    }
    if (u->view) {
        push(a, "--view");
        push(a, u->view);
    }
    if (u->theme) {
        push(a, "--theme");
        push(a, u->theme);
    }
    return 0;
}

int main(void)
{
    umask(022); /* the in-memory disk starts with none set: files as a desktop writes them */
    mkdir(WEB_IN_DIR, 0755);
    mkdir(WEB_OUT_DIR, 0755);
    if (chdir(WEB_OUT_DIR) != 0)
        perror("tcviz: " WEB_OUT_DIR);
    /* Percent-encoding is decoded per value by url_state_parse; the copy
     * keeps the text past the next script call. */
    char *fragment = emscripten_run_script_string("location.hash");
    char *text = strdup(fragment ? fragment : "");
    UrlState u;
    memset(&u, 0, sizeof u);
    Err err = {0};
    static Args a;
    a.argc = 0;
    push(&a, "tcviz");
    int ok = text && url_state_parse(text, &u, &err) == 0 && link_args(&u, &a, &err) == 0;
    if (ok && a.argc > 1) {
        web_set_pending_step(u.has_step ? u.step : -1, u.lesson != 0);
        a.argv[a.argc] = NULL;
        int rc = app_run(a.argc, a.argv); /* returns only when the window failed */
        page_error(""); /* the page shows the window's own message (stderr) */
        (void)rc;
    } else if (ok && u.has_step && u.step > 0) {
        web_set_pending_step(u.step, 1); /* #step=K alone: lesson 1's step K */
    } else if (!ok) {
        page_error(err.msg[0] ? err.msg : "link: out of memory");
    }
    url_state_free(&u);
    free(text);
    char *plain[] = {"tcviz", NULL};
    return app_run(1, plain);
}
