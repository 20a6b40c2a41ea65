/* paste.h - turn text copied from Python into a small float tensor.
 *
 *     PasteResult p;
 *     Err err = {0};
 *     if (paste_parse("np.array([[1, 2], [3, 4.5]])", &p, &err) != 0)
 *         show_status(err.msg);      // "line 1, column 9: expected ..."
 *     // p.rank == 2, p.dim = {2, 2}, p.data = {1, 2, 3, 4.5}
 *     Tensor t;
 *     if (paste_to_tensor(&p, LAYOUT_NHWC, &t, &err) == 0) ...  // [1, 2, 2, 1]
 *     paste_free(&p);
 *
 * Accepted text (surrounding whitespace ignored):
 *   - a nested list of depth 1 to 4: [1, 2], [[1, 2], [3, 4.5]], with commas
 *     and/or whitespace between items (print(np_array) has no commas) and
 *     optional trailing commas;
 *   - a repr around such a list: array([...], dtype=float32), np.array([...]),
 *     tensor([...], requires_grad=True), torch.tensor([...]), tf.constant([...]),
 *     "Parameter containing:\ntensor(...)" and <tf.Tensor: ..., numpy=array(...)>;
 *   - rows of numbers, one row per line, separated by commas and/or
 *     whitespace (a spreadsheet copy): always rank 2, [rows, columns].
 * Numbers are decimal with an optional sign, fraction and exponent (1, -2.,
 * .5, 1.5e-3). nan/inf, values past the float32 range, ragged lists, empty
 * lists, numpy's "..." summaries and deeper nesting are refused.
 *
 * Every refusal is one line naming where parsing stopped (lines and columns
 * from 1, columns in characters): "line 2, column 7: expected a number or
 * ']', got 'x'". */
#ifndef TCVIZ_PASTE_H
#define TCVIZ_PASTE_H

#include <stddef.h>

#include "core/status.h"
#include "core/tensor.h"

/* Longer text is refused before it is parsed. */
#define PASTE_MAX_TEXT ((size_t)1 << 20)
/* The interactive limit: 64x64 spatially and 64 channels, so every axis of a
 * pasted tensor has at most 64 entries. */
#define PASTE_MAX_DIM 64
#define PASTE_MAX_RANK 4

typedef enum {
    PASTE_LIST = 0, /* a bare nested list */
    PASTE_NUMPY,    /* array(...) / np.array(...) / np.asarray(...) */
    PASTE_TORCH,    /* tensor(...) / torch.tensor(...) / Parameter containing: */
    PASTE_TF,       /* tf.constant(...) / <tf.Tensor ... numpy=...> */
    PASTE_ROWS      /* one row per line */
} PasteSource;

typedef struct {
    int rank;                /* 1..PASTE_MAX_RANK */
    int dim[PASTE_MAX_RANK]; /* dim[0..rank-1] in 1..PASTE_MAX_DIM; the rest 1 */
    size_t count;            /* product of the dims */
    float *data;             /* row-major (C order), count finite values */
    PasteSource source;
} PasteResult;

/* Parse NUL-terminated text. On failure (TC_ERR_FORMAT for malformed text,
 * TC_ERR_LIMIT past a limit, TC_ERR_NOMEM) *out is left empty. */
int paste_parse(const char *text, PasteResult *out, Err *err);

void paste_free(PasteResult *p);

/* "a nested list", "a NumPy array", "a PyTorch tensor", "a TensorFlow
 * tensor", "rows of numbers": for status lines. */
const char *paste_source_name(PasteSource s);

/* Lift a paste to a rank-4 tensor in `layout` (a fresh allocation):
 *   rank 4: the dims as given, in the layout's axis order;
 *   rank 3: data layouts only, without the batch axis (NHWC: [H, W, C],
 *           NCHW: [C, H, W]), batch 1;
 *   rank 2: [H, W] (kernel [kh, kw]), every other axis 1;
 *   rank 1: one row [W], every other axis 1.
 * A rank-3 paste into a filter is refused (TC_ERR_SHAPE) because which
 * channel axis it lacks is ambiguous. */
int paste_to_tensor(const PasteResult *p, Layout layout, Tensor *out, Err *err);

#endif
