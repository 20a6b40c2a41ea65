/* bench_render.c - `tcviz bench render`: how fast the window can draw.
 *
 * Renders N frames of a playing timeline headless (offscreen.h: the software
 * renderer, the slowest backend the window may get) at 60 Hz steps of
 * simulated time, and reports the per-frame time split into the ui's part
 * (scene_update + scene_draw: layout, text, the draw list) and SDL's part
 * (render_draw_list into the surface), plus the first frame's latency and
 * peak memory. When the timeline reaches its end it starts again, so every
 * frame is a frame of playback, not an idle one. Without --view every view
 * is played in turn, one summary line each (the targets apply to each). */
#include "app/app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "app/app_args.h"
#include "app/bench_mnist.h"
#include "app/offscreen.h"
#include "cli/cli.h"

#define CMD "tcviz bench render"
#define DEFAULT_FRAMES 300
#define MAX_FRAMES 100000

static const char *const extra_flags[] = {"--size", "--frames", "--example", NULL};
enum { X_SIZE, X_FRAMES, X_EXAMPLE };

/* The targets each figure is printed against: median frame, first frame, peak RSS. */
#define TARGET_DEFAULT_MS 4.0
#define TARGET_MNIST_MS 8.0
#define TARGET_FIRST_MS 200.0
#define TARGET_RSS_MB 100.0

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* Milliseconds since this process started, from /proc (start time in clock
 * ticks since boot against CLOCK_BOOTTIME): about 10 ms resolution; -1 if
 * unavailable. */
static double ms_since_process_start(void)
{
    FILE *f = fopen("/proc/self/stat", "r");
    if (!f)
        return -1;
    char buf[1024];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    const char *p = strrchr(buf, ')'); /* the command name may hold spaces */
    unsigned long long start = 0;
    /* after ") " come fields 3.. ; starttime is field 22 */
    if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %*u %*u %*d %*d %*d %*d "
                            "%*d %*d %llu",
                     &start) != 1)
        return -1;
    long hz = sysconf(_SC_CLK_TCK);
    struct timespec t;
    if (hz <= 0 || clock_gettime(CLOCK_BOOTTIME, &t) != 0)
        return -1;
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6 - (double)start * 1e3 / (double)hz;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Sorts v; the q-quantile by nearest rank. */
static double quantile(double *v, int n, double q)
{
    qsort(v, (size_t)n, sizeof *v, by_value);
    int i = (int)(q * n + 0.999999) - 1;
    return v[i < 0 ? 0 : i >= n ? n - 1 : i];
}

static void help(FILE *out)
{
    fprintf(out,
            "usage: " CMD " [LESSON.yaml] [LAYER FLAGS] [--view V] [--theme T]\n"
            "                          [--font F] [--size WxH] [--frames N]\n"
            "                          [--example default|mnist]\n"
            "Render N frames (default %d) of the playing timeline headless with the\n"
            "software renderer at 60 Hz steps and print the frame time (median, p95; ui\n"
            "and SDL parts), the first frame's latency and the peak memory.\n"
            "  --view V                one view in detail; without it every view is\n"
            "                          played in turn, one line each (median, p95)\n"
            "  --size WxH              frame size (default 1600x900)\n"
            "  --example mnist         the source question's MNIST layer: 28x28x32\n"
            "                          activations, 32 filters of 7x7, stride 1, SAME\n"
            "Targets: median <= %.0f ms (default example), <= %.0f ms (mnist) at 1600x900;\n"
            "first frame <= %.0f ms; peak RSS <= %.0f MB.\n"
            "The same layer and data flags as the window:\n",
            DEFAULT_FRAMES, TARGET_DEFAULT_MS, TARGET_MNIST_MS, TARGET_FIRST_MS, TARGET_RSS_MB);
    app_args_print_flags(out);
}

typedef struct {
    double *frame, *scene, *render; /* per frame, ms */
    double first_ms, first_process_ms;
} Timings;

static void play(Offscreen *o, int frames, Timings *t, double t0)
{
    scene_set_playing(o->scene, 1);
    for (int i = 0; i < frames; i++) {
        double a = now_ms();
        /* The timeline stops at its end; play it again (Space at the end
         * restarts from the start), so every frame is one of playback. */
        if (!scene_update(o->scene, 1.0 / 60))
            scene_set_playing(o->scene, 1);
        offscreen_draw_scene(o);
        double b = now_ms();
        offscreen_render(o);
        double c = now_ms();
        t->scene[i] = b - a;
        t->render[i] = c - b;
        t->frame[i] = c - a;
        if (i == 0) {
            t->first_ms = c - t0;
            t->first_process_ms = ms_since_process_start();
        }
    }
}

static void report(const char *what, const AppArgs *a, int w, int h, int frames, Timings *t,
                   double target)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    double rss = ru.ru_maxrss / 1024.0;
    int n = frames > 1 ? frames - 1 : frames; /* steady frames: 2..N */
    double *f = frames > 1 ? t->frame + 1 : t->frame, *s = frames > 1 ? t->scene + 1 : t->scene,
           *r = frames > 1 ? t->render + 1 : t->render;
    double med = quantile(f, n, 0.5), p95 = quantile(f, n, 0.95), worst = f[n - 1];
    double smed = quantile(s, n, 0.5), sp95 = quantile(s, n, 0.95);
    double rmed = quantile(r, n, 0.5), rp95 = quantile(r, n, 0.95);
    printf(CMD ": %s, view %s, %dx%d, %d frames, SDL software renderer\n", what,
           scene_view_name(a->view), w, h, frames);
    printf("  frame time   median %.2f ms  p95 %.2f ms  max %.2f ms  (frames 2..%d)  %s "
           "(target median <= %.0f ms)\n",
           med, p95, worst, frames, med <= target ? "ok" : "MISSED", target);
    printf("    ui part    median %.2f ms  p95 %.2f ms  (scene_update + scene_draw)\n", smed,
           sp95);
    printf("    SDL part   median %.2f ms  p95 %.2f ms  (render_draw_list)\n", rmed, rp95);
    if (t->first_process_ms >= 0)
        printf("  first frame  %.1f ms after the process started (+-10 ms), %.1f ms after this "
               "command began  %s (target <= %.0f ms)\n",
               t->first_process_ms, t->first_ms,
               t->first_process_ms <= TARGET_FIRST_MS ? "ok" : "MISSED", TARGET_FIRST_MS);
    else
        printf("  first frame  %.1f ms after this command began  %s (target <= %.0f ms)\n",
               t->first_ms, t->first_ms <= TARGET_FIRST_MS ? "ok" : "MISSED", TARGET_FIRST_MS);
    printf("  peak RSS     %.1f MB  %s (target <= %.0f MB)\n", rss,
           rss <= TARGET_RSS_MB ? "ok" : "MISSED", TARGET_RSS_MB);
}

/* --view given? Without it every view is measured. */
static int view_given(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--view") == 0 || strncmp(argv[i], "--view=", 7) == 0)
            return 1;
    return 0;
}

/* Every view in turn on the same scene, from step 0: one line each. */
static void play_all_views(Offscreen *o, const char *what, int w, int h, int frames, Timings *t,
                           double target)
{
    printf(CMD ": %s, every view, %dx%d, %d frames each, SDL software renderer\n", what, w, h,
           frames);
    for (int v = 0; v < VIEW_COUNT; v++) {
        scene_set_view(o->scene, (ViewKind)v);
        scene_seek(o->scene, 0);
        play(o, frames, t, now_ms());
        int n = frames > 1 ? frames - 1 : frames; /* steady frames: 2..N */
        double *f = frames > 1 ? t->frame + 1 : t->frame, *sc = frames > 1 ? t->scene + 1 : t->scene;
        double *r = frames > 1 ? t->render + 1 : t->render;
        double med = quantile(f, n, 0.5), p95 = quantile(f, n, 0.95);
        double smed = quantile(sc, n, 0.5), rmed = quantile(r, n, 0.5);
        printf("  %-9s median %6.2f ms  p95 %6.2f ms  (ui %.2f, SDL %.2f)  %s\n",
               scene_view_name((ViewKind)v), med, p95, smed, rmed, med <= target ? "ok" : "MISSED");
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("  target median <= %.0f ms per view; peak RSS %.1f MB\n", target, ru.ru_maxrss / 1024.0);
}

int app_bench_render(int argc, char **argv)
{
    double t0 = now_ms();
    AppArgs a;
    Err err = {0};
    if (app_args_parse(argc, argv, 1, extra_flags, &a, &err) != 0) {
        fprintf(stderr, CMD ": %s\n", err.msg);
        return CLI_EXIT_USAGE;
    }
    if (a.help) {
        help(stdout);
        return CLI_EXIT_OK;
    }
    int w = 1600, h = 900, frames = DEFAULT_FRAMES, mnist = 0;
    const char *ex = a.extra[X_EXAMPLE], *nf = a.extra[X_FRAMES];
    if (a.extra[X_SIZE] && app_parse_size(a.extra[X_SIZE], &w, &h, &err) != 0) {
        fprintf(stderr, CMD ": %s\n", err.msg);
        return CLI_EXIT_USAGE;
    }
    if (nf) {
        char *end;
        long v = strtol(nf, &end, 10);
        if (end == nf || *end || nf[0] == '+' || v < 1 || v > MAX_FRAMES) {
            fprintf(stderr, CMD ": --frames: expected a count 1..%d, got '%s'\n", MAX_FRAMES, nf);
            return CLI_EXIT_USAGE;
        }
        frames = (int)v;
    }
    if (ex && strcmp(ex, "mnist") != 0 && strcmp(ex, "default") != 0) {
        fprintf(stderr, CMD ": --example: expected default or mnist, got '%s'\n", ex);
        return CLI_EXIT_USAGE;
    }
    mnist = ex && strcmp(ex, "mnist") == 0;
    if (mnist && (a.lesson || a.layer_flag)) {
        fprintf(stderr, CMD ": --example mnist sets the layer and its data; it cannot be "
                            "combined with %s\n",
                a.lesson ? a.lesson : a.layer_flag);
        return CLI_EXIT_USAGE;
    }

    SceneSetup setup;
    int got = mnist ? bench_mnist_setup(&setup, &err)
                    : app_args_setup(&a, &setup, &err);
    if (got != 0) {
        fprintf(stderr, CMD ": %s\n", err.msg);
        return CLI_EXIT_FAIL;
    }
    setup.view = a.view;
    setup.theme = a.theme;
    setup.reduced_motion = a.reduced_motion;
    Timings t = {0};
    t.frame = malloc((size_t)frames * sizeof *t.frame);
    t.scene = malloc((size_t)frames * sizeof *t.scene);
    t.render = malloc((size_t)frames * sizeof *t.render);
    Offscreen o;
    int rc = CLI_EXIT_FAIL;
    if (!t.frame || !t.scene || !t.render) {
        fprintf(stderr, CMD ": out of memory for %d frame timings\n", frames);
    } else if (offscreen_open(&o, &setup, a.font, w, h, &err) != 0) {
        fprintf(stderr, CMD ": %s\n", err.msg);
    } else {
        const char *what = mnist        ? "mnist example (28x28x32 -> 28x28x1, 7x7, stride 1, SAME)"
                           : a.lesson     ? a.lesson
                           : a.layer_flag ? "the layer of the command line"
                                          : "default example (3x3 -> 6x6, 2x2 kernel, stride 2, SAME)";
        double target = mnist ? TARGET_MNIST_MS : TARGET_DEFAULT_MS;
        if (view_given(argc, argv)) {
            play(&o, frames, &t, t0);
            report(what, &a, w, h, frames, &t, target);
        } else {
            play_all_views(&o, what, w, h, frames, &t, target);
        }
        offscreen_close(&o);
        rc = CLI_EXIT_OK;
    }
    app_args_free(&setup);
    free(t.frame);
    free(t.scene);
    free(t.render);
    return rc;
}
