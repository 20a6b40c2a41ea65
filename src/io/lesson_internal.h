/* lesson_internal.h - what the lesson_*.c files share: a small YAML tree with
 * positions, the parse context that formats "path:line:col: ..." errors, and
 * the schema pieces (parameters, tensors, expects) each file provides.
 *
 * Not part of the io library's interface: include io/lesson.h instead. */
#ifndef TCVIZ_LESSON_INTERNAL_H
#define TCVIZ_LESSON_INTERNAL_H

#include <stddef.h>

#include "io/arena.h"
#include "io/lesson.h"

/* ---- lesson_yaml.c: the document as a tree of positioned nodes ---- */

typedef enum { YN_SCALAR, YN_SEQ, YN_MAP } YNodeKind;

typedef struct YNode YNode;
struct YNode {
    YNodeKind kind;
    int line, col; /* 1-based, where the node starts */
    char *value;   /* YN_SCALAR: the text */
    int plain;     /* YN_SCALAR: written without quotes or block style */
    YNode **items; /* YN_SEQ: count items; YN_MAP: 2*count nodes, key then value */
    int count;
    YNode *next;   /* while parsing: the next item of the same container */
};

/* A parsed document: the root and the arena that holds every node. */
typedef struct {
    YNode *root;
    Arena arena;
} YDoc;

/* Parse a file holding one YAML document into a tree. Aliases, non-scalar
 * keys, duplicate keys, more than LESSON_MAX_DEPTH levels and files past
 * LESSON_MAX_FILE_BYTES are refused: the first two could make the tree a graph
 * (and a small file a huge one), the others hide mistakes or exhaust memory.
 * On failure doc holds nothing. */
int ydoc_parse_file(const char *path, YDoc *doc, Err *err);
/* The same from text; `name` stands for the file in messages. */
int ydoc_parse_text(const char *text, size_t len, const char *name, YDoc *doc, Err *err);
void ydoc_free(YDoc *doc);

/* Value of `key` in a mapping, or NULL. */
const YNode *ymap_get(const YNode *map, const char *key);
/* The key node itself (for messages about the key), or NULL. */
const YNode *ymap_get_key(const YNode *map, const char *key);
const YNode *ymap_key(const YNode *map, int i);
const YNode *ymap_value(const YNode *map, int i);

/* ---- errors with positions ---- */

typedef struct {
    const char *path; /* for messages */
    char *dir;        /* directory of the lesson, for relative .npy paths */
    Err *err;
} LCtx;

/* Fail with "path:line:col: <message>" at node n. Returns -1. */
int lfail(const LCtx *cx, const YNode *n, TcStatus code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Fail at n with "<field> must be <want>, got <what n is>". */
int lwant(const LCtx *cx, const YNode *n, const char *field, const char *want);
/* Short description of a node for "got ...": "\"two\"", "a list of 3 items", "a mapping". */
void ydescribe(const YNode *n, char *buf, size_t size);

/* Check a mapping's keys against `known` (NULL-terminated); an unknown key
 * fails naming the closest known one. `field` prefixes the message. */
int lkeys(const LCtx *cx, const YNode *map, const char *field, const char *const *known);
/* Closest of `cands` (NULL-terminated) to `typed`, or NULL if none is near. */
const char *lsuggest(const char *typed, const char *const *cands);

/* Typed scalars; each fails with lwant's message. */
int lget_int(const LCtx *cx, const YNode *n, const char *field, int lo, int hi, int *out);
int lget_float(const LCtx *cx, const YNode *n, const char *field, float *out);
/* lget_float without a message: 0, -1 (not a number) or -2 (past float32). */
int lparse_float(const YNode *n, float *out);
int lget_bool(const LCtx *cx, const YNode *n, const char *field, int *out);
/* A scalar copied (strdup); max_len bounds its length. */
int lget_string(const LCtx *cx, const YNode *n, const char *field, size_t max_len, char **out);
/* A list of exactly n integers in [lo, hi]. */
int lget_ints(const LCtx *cx, const YNode *node, const char *field, int n, int lo, int hi,
              int *out);

/* ---- lesson_params.c: parameters in the convention's own names ---- */

/* Keys of a params block (and of with:) for a convention, for suggestions. */
extern const char *const lesson_tf_param_keys[];
extern const char *const lesson_torch_param_keys[];

/* Apply every parameter key of `map` (other keys are skipped: the caller
 * checks them) onto spec, whose op and convention are already set.
 * `field` is the block's name for messages ("params", "expect[2].with").
 * *bias_flag is set to 0/1 when a PyTorch `bias:` is given, else left;
 * bias_flag NULL skips `bias` (a with: block, where it may be a tensor). */
int lesson_parse_params(const LCtx *cx, const YNode *map, const char *field, LayerSpec *spec,
                        int *bias_flag);

/* The node a core error message is most likely about (output_shape for
 * "output_shape height 11 is illegal", the filter for "filter: ..."), so a
 * refused layer is reported where the user can fix it. */
const YNode *lesson_blame(const char *msg, const YNode *params, const YNode *tensors,
                          const YNode *fallback);

/* ---- lesson_tensor.c: nested lists, .npy paths and generators ---- */

typedef struct {
    const LayerSpec *spec;  /* for activations_of: the layer's parameters */
    const Tensor *filter;   /* for activations_of: the lesson's filter */
} TensorEnv;

/* Parse a tensor given as a nested list (2-D: one H x W slice; 4-D: in
 * `layout`), a .npy path relative to the lesson, or a generator mapping
 * (picture, shape + cycle, activations_of). Rank 1 is accepted when
 * `layout` is -1 (a bias: one value per channel, stored [C,1,1,1]). */
int lesson_parse_tensor(const LCtx *cx, const YNode *n, const char *field, int layout,
                        const TensorEnv *env, Tensor *out);
/* OR'd into lesson_parse_tensor's layout for a 1-D layer's tensor: a flat
 * list is then one row and a 3-D list is in the 1-D layout (layer1d.h). A 2-D
 * layer refuses both: a 3-D list there is more likely [H][W][C] than NWC. */
#define LESSON_LAYOUT_1D 0x100
/* The layout argument for a tensor of a `dims`-D layer. */
static inline int lesson_layout_arg(Layout layout, int dims)
{
    return (int)layout | (dims == 1 ? LESSON_LAYOUT_1D : 0);
}

/* A nested list of numbers of rank 1..4 into dims (outermost first) and a
 * newly allocated array; rank is returned in *rank. Used for expects too. */
int lesson_nested_list(const LCtx *cx, const YNode *n, const char *field, int *rank,
                       int dims[4], float **data);

/* Shape of a 2-D slice [rows, cols] in `layout`: H and W get the sizes, the
 * other axes 1. */
/* A nested list's dims as a tensor of `layout`: rank 1 is one row (1 x W),
 * rank 2 one H x W slice, rank 3 the 1-D layout (layer1d.h, H = 1), rank 4
 * the layout itself. */
void lesson_list_dims(Layout layout, int rank, const int dims[4], int dim[4]);

/* ---- lesson_variant.c: the layer of a step or expect ---- */

/* Parse a with: block onto a copy of the lesson's layer. */
int lesson_parse_with(const LCtx *cx, const YNode *map, const char *field, const Lesson *l,
                      LessonVariant *v);
void lesson_variant_free(LessonVariant *v);

/* ---- lesson_expect.c ---- */

int lesson_parse_expect(const LCtx *cx, const YNode *n, const char *field, const Lesson *l,
                        LessonExpect *e);
void lesson_expect_free(LessonExpect *e);

/* ---- lesson_step.c ---- */

int lesson_parse_step(const LCtx *cx, const YNode *n, const char *field, const Lesson *l,
                      LessonStep *s);
void lesson_step_free(LessonStep *s);

/* ---- lesson_ask.c: a step's question ---- */

/* `ask:` of step s (its view, layer and with: already parsed). */
int lesson_parse_ask(const LCtx *cx, const YNode *n, const char *field, const Lesson *l,
                     LessonStep *s);
void lesson_ask_free(LessonAsk *a);

/* ---- lesson_layers.c: stack lessons ---- */

/* `layers:` (with tensors.input only): the stages, the chain input, and the
 * lesson's own layer set to the first conv stage. */
int lesson_parse_layers(const LCtx *cx, const YNode *root, Lesson *l);
void lesson_stages_free(Lesson *l);

#endif
