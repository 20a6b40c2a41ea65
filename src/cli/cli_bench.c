/* cli_bench.c - `tcviz bench core`: how fast the compute core is on the
 * source question's largest example (28x28 input, 32 filters of 7x7, SAME,
 * stride 1), with synthetic integer data like the example's.
 *
 * Prints medians of repeated runs, not means: a benchmark on a shared
 * machine sees outliers, and the median is what a user feels. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "core/formulations.h"
#include "core/ops.h"
#include "core/trace.h"

typedef struct {
    ConvGeom g;
    float *x, *w, *y;
} BenchCase;

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

static unsigned lcg(unsigned *s)
{
    *s = *s * 1103515245u + 12345u;
    return *s >> 16;
}

/* The worked example's shapes: activations [1,32,28,28] from conv2d of a
 * 0..3 image with 32 filters of -3..3, transposed back to [1,1,28,28]. */
static int bench_case_init(BenchCase *b, Err *err)
{
    ConvParams p = {.convention = CONV_TF, .padding = PAD_SAME};
    ConvGeom fwd;
    memset(b, 0, sizeof *b);
    if (geom_conv2d(&p, (int[4]){1, 1, 28, 28}, 32, 7, 7, &fwd, err) != 0 ||
        geom_conv2d_transpose(&p, (int[4]){1, 32, 28, 28}, 1, 7, 7, (int[2]){28, 28}, &b->g, err) != 0)
        return -1;
    unsigned seed = 2024;
    float *image = malloc(28 * 28 * sizeof(float));
    b->w = malloc(geom_weight_count(&b->g) * sizeof(float));
    b->x = malloc(geom_small_count(&b->g) * sizeof(float));
    b->y = malloc(geom_big_count(&b->g) * sizeof(float));
    if (!image || !b->w || !b->x || !b->y) {
        free(image);
        return err_fail(err, TC_ERR_NOMEM, "out of memory for the benchmark");
    }
    for (int i = 0; i < 28 * 28; i++)
        image[i] = (float)(lcg(&seed) % 4);
    for (size_t i = 0; i < geom_weight_count(&b->g); i++)
        b->w[i] = (float)((int)(lcg(&seed) % 7) - 3);
    op_conv2d(&fwd, image, b->w, NULL, b->x); /* OIHW of conv2d == IOHW of the transpose */
    free(image);
    return 0;
}

static void bench_case_free(BenchCase *b)
{
    free(b->x);
    free(b->w);
    free(b->y);
}

#define REPS 31

typedef int (*ComputeFn)(const ConvGeom *, const float *, const float *, const float *, float *,
                         Err *);

static double time_compute(const BenchCase *b, ComputeFn fn, Err *err, int *rc)
{
    double t[REPS];
    for (int r = 0; r < REPS; r++) {
        double t0 = now_ms();
        *rc |= fn(&b->g, b->x, b->w, NULL, b->y, err);
        t[r] = now_ms() - t0;
    }
    return median(t, REPS);
}

static int run_bench(void)
{
    Err err = {0};
    BenchCase b;
    if (bench_case_init(&b, &err) != 0) {
        fprintf(stderr, "tcviz bench: %s\n", err.msg);
        return 1;
    }
    int rc = 0;
    printf("tcviz bench core: conv2d_transpose [1,28,28,32] -> [1,28,28,1], 32 filters 7x7, "
           "stride 1, SAME\n");
    printf("(medians of %d runs; one thread)\n\n", REPS);
    printf("  %-44s %9.3f ms\n", "conv2d_transpose by scatter",
           time_compute(&b, op_conv2d_transpose, &err, &rc));
    printf("  %-44s %9.3f ms\n", "conv2d_transpose by the conv2d-equivalent",
           time_compute(&b, form_transpose_by_conv2d, &err, &rc));
    printf("  %-44s %9.3f ms\n", "conv2d_transpose by the matrix form (C^T x)",
           time_compute(&b, form_transpose_by_matrix, &err, &rc));

    double ts[REPS], tg[REPS], tm[REPS];
    ScatterTrace st;
    GatherTrace gt;
    MatrixTrace mt;
    for (int r = 0; r < REPS && rc == 0; r++) {
        double t0 = now_ms();
        rc |= trace_scatter_init(&st, &b.g, b.x, b.w, NULL, &err);
        double t1 = now_ms();
        rc |= trace_gather_init(&gt, &b.g, b.x, b.w, NULL, &err);
        double t2 = now_ms();
        rc |= trace_matrix_init(&mt, &b.g, b.x, b.w, NULL, &err);
        double t3 = now_ms();
        ts[r] = t1 - t0;
        tg[r] = t2 - t1;
        tm[r] = t3 - t2;
        if (r < REPS - 1) {
            trace_scatter_free(&st);
            trace_gather_free(&gt);
            trace_matrix_free(&mt);
        }
    }
    if (rc != 0) {
        fprintf(stderr, "tcviz bench: %s\n", err.msg);
        bench_case_free(&b);
        return 1;
    }
    printf("  %-44s %9.3f ms  (%d steps, checkpoint every %d)\n", "build scatter trace",
           median(ts, REPS), st.steps, st.every);
    printf("  %-44s %9.3f ms  (%d steps)\n", "build gather trace", median(tg, REPS), gt.steps);
    printf("  %-44s %9.3f ms  (%d steps, %zu non-zeros)\n", "build matrix trace",
           median(tm, REPS), mt.steps, mt.ct.nnz);

    /* Seeks: 1,000 random steps each, timed one by one. */
    enum { SEEKS = 1000 };
    static double sk[3][SEEKS];
    float *canvas = malloc(trace_scatter_canvas_count(&st) * sizeof(float));
    float *products = malloc((size_t)b.g.c_conv_out * 49 * sizeof(float));
    unsigned seed = 7;
    volatile float sink = 0;
    for (int i = 0; i < SEEKS && canvas && products; i++) {
        int k = (int)(lcg(&seed) * 4099u % (unsigned)(st.steps + 1));
        double t0 = now_ms();
        trace_scatter_partial(&st, k, canvas);
        double t1 = now_ms();
        GatherStep gs;
        trace_gather_step(&gt, k % gt.steps, &gs, products);
        double t2 = now_ms();
        MatrixStep ms;
        trace_matrix_step(&mt, k % mt.steps, &ms);
        double t3 = now_ms();
        sink += canvas[0] + products[0] + gs.sum + ms.sum;
        sk[0][i] = t1 - t0;
        sk[1][i] = t2 - t1;
        sk[2][i] = t3 - t2;
    }
    (void)sink;
    printf("  %-44s %9.4f ms\n", "seek scatter trace (canvas at a random step)", median(sk[0], SEEKS));
    printf("  %-44s %9.4f ms\n", "seek gather trace (window + 1,568 products)", median(sk[1], SEEKS));
    printf("  %-44s %9.4f ms\n", "seek matrix trace (one row of C^T)", median(sk[2], SEEKS));
    printf("\ntargets: compute <= 5 ms, trace build <= 20 ms, seek <= 0.5 ms (median)\n");
    free(canvas);
    free(products);
    trace_scatter_free(&st);
    trace_gather_free(&gt);
    trace_matrix_free(&mt);
    bench_case_free(&b);
    return 0;
}

int cli_bench(int argc, char **argv)
{
    /* argv[0] is "bench"; "bench render" is its own row of the command table. */
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        printf("usage: tcviz bench core     time the compute core (28x28x32, 7x7, SAME)\n"
               "       tcviz bench render   time headless frames (see tcviz bench render --help)\n");
        return 0;
    }
    if (argc != 2 || strcmp(argv[1], "core") != 0) {
        fprintf(stderr, "tcviz bench: expected 'core' or 'render', got %s\n",
                argc >= 2 ? argv[1] : "nothing");
        return 2;
    }
    return run_bench();
}
