/* view_stack_chain.c - the chain the stack view shows, and its count maps.
 *
 * The chain is the open stack lesson's (`layers:`) while its layer is as
 * the lesson set it; otherwise the current layer repeated (3 stages, or 2
 * when 3 would make the chain's map too large to draw), on its input's size
 * with one channel and kernels of ones. It runs through core/stack.c once
 * per change of what its counts depend on, however often captions, layout
 * and drawing ask for it. */
#include "core/layer1d.h"
#include "core/stack.h"
#include "ui/view.h"

#include <string.h>

/* A repeated layer gets 3 stages while the chain's map stays this small. */
#define CHAIN_MAX_1D 96
#define CHAIN_MAX_2D 16

const GridId view_stack_stage_grid[STACK_MAX_STAGES] = {GRID_SK_STAGE1, GRID_SK_STAGE2,
                                                        GRID_SK_STAGE3};
const GridId view_stack_chain_grid[STACK_MAX_STAGES] = {GRID_NONE, GRID_SK_CHAIN2,
                                                        GRID_SK_CHAIN3};

/* Ones of `dim` (canonical layout) in layout `to`. */
static int ones_as(Tensor *t, Layout from, const int dim[4], Layout to, Err *err)
{
    Tensor a = {0};
    if (tensor_init(&a, from, dim, err) != 0)
        return -1;
    for (size_t i = 0; i < tensor_count(&a); i++)
        a.data[i] = 1.0f;
    int rc = tensor_convert(&a, to, t, err);
    tensor_free(&a);
    return rc;
}

/* The current layer n times on ones. */
static int repeat_layer(const Scene *s, StackChain *c, int n)
{
    const ConvGeom *g = &s->m.g;
    LayerSpec one = s->spec;
    if (one.op != OP_CONV2D && one.op != OP_CONV2D_TRANSPOSE)
        return err_fail(&c->err, TC_ERR_ARG, "a stack repeats a conv or a transposed conv, not %s",
                        layer_op_name(&one));
    memset(one.size, 0, sizeof one.size); /* each stage takes its default size */
    one.params.groups = 0;
    int small = one.op == OP_CONV2D;
    int in[4] = {1, 1, small ? g->h.conv_in : g->h.conv_out, small ? g->w.conv_in : g->w.conv_out};
    Convention cv = one.params.convention;
    if (ones_as(&c->in, LAYOUT_NCHW, in, layer_data_layout(cv), &c->err) != 0 ||
        ones_as(&c->filter, LAYOUT_OIHW, (int[4]){1, 1, g->h.k, g->w.k},
                layer_filter_layout(cv, one.op), &c->err) != 0)
        return -1;
    c->spec = (StackSpec){.n_stages = n, .dims = s->spec.dims == 1 ? 1 : 2, .convention = cv};
    for (int k = 0; k < n; k++)
        c->spec.stage[k] = (StackStage){.kind = STAGE_LAYER, .spec = one, .filter = &c->filter};
    return stack_run(&c->spec, &c->in, &c->r, &c->err);
}

static void chain_free(StackChain *c)
{
    stack_result_free(&c->r);
    tensor_free(&c->in);
    tensor_free(&c->filter);
}

static int too_big(const StackChain *c)
{
    const Tensor *t = &c->r.chain[c->r.n_stages - 1];
    return c->spec.dims == 1 ? t->dim[3] > CHAIN_MAX_1D
                             : t->dim[2] > CHAIN_MAX_2D || t->dim[3] > CHAIN_MAX_2D;
}

static void chain_run(const Scene *s, StackChain *c)
{
    memset(c, 0, sizeof *c);
    const Tensor *in;
    if (scene_lesson_stack(s, &c->spec, &in)) {
        c->ok = stack_run(&c->spec, in, &c->r, &c->err) == 0;
    } else {
        c->ok = repeat_layer(s, c, 3) == 0;
        if (c->ok && too_big(c)) {
            chain_free(c);
            memset(c, 0, sizeof *c);
            c->ok = repeat_layer(s, c, 2) == 0;
        }
    }
    for (int k = 0; c->ok && k < c->spec.n_stages; k++) {
        const StackStage *st = &c->spec.stage[k];
        c->kh[k] = st->kind == STAGE_LAYER ? tensor_axis(st->filter, 'H') : 0;
        c->kw[k] = st->kind == STAGE_LAYER ? tensor_axis(st->filter, 'W') : 0;
        c->spec.stage[k].filter = c->spec.stage[k].bias = NULL;
    }
}

/* What the counts depend on: the stages' kinds, specs, scales and kernel
 * shapes and the input's shape (not the values: counts run on ones). */
typedef struct {
    int lesson, n_stages;
    LayerSpec spec;
    AxisGeom h, w;
    StageKind kind[STACK_MAX_STAGES];
    LayerSpec stage[STACK_MAX_STAGES];
    int scale[STACK_MAX_STAGES], filter[STACK_MAX_STAGES][4], input[4];
} ChainKey;

static void key_of(const Scene *s, ChainKey *k)
{
    memset(k, 0, sizeof *k);
    StackSpec sp;
    const Tensor *in;
    k->lesson = scene_lesson_stack(s, &sp, &in);
    if (!k->lesson) {
        k->spec = s->spec;
        k->h = s->m.g.h;
        k->w = s->m.g.w;
        return;
    }
    k->n_stages = sp.n_stages;
    k->spec.dims = sp.dims;
    k->spec.params.convention = sp.convention;
    memcpy(k->input, in->dim, sizeof k->input);
    for (int i = 0; i < k->n_stages; i++) {
        k->kind[i] = sp.stage[i].kind;
        k->stage[i] = sp.stage[i].spec;
        k->scale[i] = sp.stage[i].scale;
        if (sp.stage[i].filter)
            memcpy(k->filter[i], sp.stage[i].filter->dim, sizeof k->filter[i]);
    }
}

/* The chain is asked for by every caption, the layout and the drawing of
 * each frame: it runs once per change of its key. Callers read it and do
 * not free it. */
const StackChain *view_stack_chain(const Scene *s)
{
    static StackChain cache;
    static ChainKey cached;
    static int have;
    ChainKey k;
    key_of(s, &k);
    if (!have || memcmp(&k, &cached, sizeof k) != 0) {
        if (have)
            chain_free(&cache);
        chain_run(s, &cache);
        cached = k;
        have = 1;
    }
    return &cache;
}

/* Which map a grid shows: stage k alone (chain 0) or stages 1..k. */
const Tensor *view_stack_map(const StackChain *c, GridId id, int *k, int *chain)
{
    for (*k = 0; *k < c->r.n_stages; (*k)++) {
        if (view_stack_stage_grid[*k] == id)
            return *chain = 0, &c->r.counts[*k];
        if (view_stack_chain_grid[*k] == id)
            return *chain = 1, &c->r.chain[*k];
    }
    return NULL;
}
