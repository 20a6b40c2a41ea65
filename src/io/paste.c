/* paste.c - the grammar of pasted tensors: nested lists, the reprs Python
 * prints around them, and plain rows (paste_scan.c reads the numbers;
 * paste_repr.c names a repr's source and skips its keyword arguments).
 *
 * A nested list's rank is fixed by its leading run of '[' and every list at
 * one depth must have as many items as the first list there, checked while
 * parsing so the message points at the first item too many or the ']' that
 * comes too early. Reprs are recognised by the callable's last name (array,
 * tensor, constant, ...); their keyword arguments (dtype=..., device='...',
 * grad_fn=<...>) are skipped without being interpreted, because a value that
 * is not a float already fails as a number. */
#include "paste_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    Cursor c;
    int rank;
    int dim[PASTE_MAX_RANK]; /* 0 until the first list at that depth closes */
} Parser;

const char *paste_source_name(PasteSource s)
{
    switch (s) {
    case PASTE_LIST: return "a nested list";
    case PASTE_NUMPY: return "a NumPy array";
    case PASTE_TORCH: return "a PyTorch tensor";
    case PASTE_TF: return "a TensorFlow tensor";
    case PASTE_ROWS: return "rows of numbers";
    }
    return "?";
}

/* ---- nested lists --------------------------------------------------------- */

static int parse_level(Parser *p, int d)
{
    Cursor *c = &p->c;
    int leaf = d == p->rank - 1;
    const char *want = leaf ? "a number" : "'['";
    c->pos++; /* the '[' */
    pc_skip_ws(c, 1);
    if (pc_peek(c) == ']')
        return pc_fail(c, c->pos, TC_ERR_FORMAT, "empty list, expected at least one %s",
                       leaf ? "number" : "list");
    int count = 0;
    for (;;) {
        size_t at = c->pos;
        if (!(leaf ? pc_number_start(c) : pc_peek(c) == '['))
            return pc_expected(c, want);
        if (count == PASTE_MAX_DIM)
            return pc_fail(c, at, TC_ERR_LIMIT,
                           "more than %d items in a list, expected at most %d per axis (%s)",
                           PASTE_MAX_DIM, PASTE_MAX_DIM, PASTE_LIMIT_TEXT);
        if (p->dim[d] && count == p->dim[d])
            return pc_fail(c, at, TC_ERR_FORMAT,
                           "ragged list: more than %d item%s here, expected %d like the first "
                           "list at this depth",
                           count, count == 1 ? "" : "s", p->dim[d]);
        if ((leaf ? pc_number(c, want) : parse_level(p, d + 1)) != 0)
            return -1;
        count++;
        int ws = pc_skip_ws(c, 1);
        int ch = pc_peek(c);
        if (ch == ',') {
            c->pos++;
            pc_skip_ws(c, 1);
            if (pc_peek(c) == ']')
                break; /* a trailing comma */
            want = leaf ? "a number or ']'" : "'[' or ']'";
            continue;
        }
        if (ch == ']')
            break;
        /* print(array) separates items by spaces only. */
        if (ws && (leaf ? pc_number_start(c) : ch == '['))
            continue;
        return pc_expected(c, !ws    ? "',' or ']'"
                              : leaf ? "a number, ',' or ']'"
                                     : "'[', ',' or ']'");
    }
    if (p->dim[d] == 0)
        p->dim[d] = count;
    else if (count != p->dim[d])
        return pc_fail(c, c->pos, TC_ERR_FORMAT,
                       "ragged list: %d item%s here, expected %d like the first list at this "
                       "depth",
                       count, count == 1 ? "" : "s", p->dim[d]);
    c->pos++;
    return 0;
}

static int nested_list(Parser *p)
{
    Cursor *c = &p->c;
    size_t start = c->pos;
    int depth = 0;
    while (pc_peek(c) == '[') {
        if (depth == PASTE_MAX_RANK)
            return pc_fail(c, c->pos, TC_ERR_FORMAT,
                           "lists nested more than %d deep, expected at most %d levels (a rank-%d "
                           "tensor)",
                           PASTE_MAX_RANK, PASTE_MAX_RANK, PASTE_MAX_RANK);
        depth++;
        c->pos++;
        pc_skip_ws(c, 1);
    }
    c->pos = start;
    p->rank = depth;
    return parse_level(p, 0);
}

/* ---- reprs ------------------------------------------------------------------ */

/* name([...], key=value, ...) with the cursor on the name. */
static int repr(Parser *p, size_t name_len)
{
    Cursor *c = &p->c;
    char what[64];
    snprintf(what, sizeof what, "'(' after '%.*s'", name_len > 24 ? 24 : (int)name_len,
             c->s + c->pos);
    c->pos += name_len;
    pc_skip_ws(c, 1);
    if (pc_peek(c) != '(')
        return pc_expected(c, what);
    c->pos++;
    pc_skip_ws(c, 1);
    if (pc_peek(c) != '[')
        return pc_expected(c, "'[' (a list of numbers)");
    return nested_list(p) != 0 || paste_repr_args(c) != 0 ? -1 : 0;
}

/* ---- rows ------------------------------------------------------------------- */

static int rows(Parser *p)
{
    Cursor *c = &p->c;
    int nrows = 0, cols = 0;
    for (;;) {
        pc_skip_ws(c, 0);
        int ch = pc_peek(c);
        if (ch < 0)
            break;
        if (ch == '\n') { /* blank lines separate nothing */
            c->pos++;
            continue;
        }
        if (nrows == PASTE_MAX_DIM)
            return pc_fail(c, c->pos, TC_ERR_LIMIT, "more than %d rows, expected at most %d (%s)",
                           PASTE_MAX_DIM, PASTE_MAX_DIM, PASTE_LIMIT_TEXT);
        const char *want = nrows == 0 ? "a number or '['" : "a number";
        int count = 0;
        for (;;) {
            size_t at = c->pos;
            if (!pc_number_start(c))
                return pc_expected(c, want);
            if (count == PASTE_MAX_DIM)
                return pc_fail(c, at, TC_ERR_LIMIT,
                               "more than %d numbers in a row, expected at most %d (%s)",
                               PASTE_MAX_DIM, PASTE_MAX_DIM, PASTE_LIMIT_TEXT);
            if (nrows > 0 && count == cols)
                return pc_fail(c, at, TC_ERR_FORMAT,
                               "ragged rows: more than %d number%s in this row, expected %d like "
                               "the first row",
                               count, count == 1 ? "" : "s", cols);
            if (pc_number(c, want) != 0)
                return -1;
            count++;
            int ws = pc_skip_ws(c, 0);
            ch = pc_peek(c);
            if (ch == ',') {
                c->pos++;
                pc_skip_ws(c, 0);
                ch = pc_peek(c);
                if (ch == '\n' || ch < 0)
                    break; /* a trailing comma */
                want = "a number or the end of the line";
                continue;
            }
            if (ch == '\n' || ch < 0)
                break;
            if (ws && pc_number_start(c)) {
                want = "a number";
                continue;
            }
            return pc_expected(c, ws ? "a number, ',' or the end of the line"
                                     : "',', a space or the end of the line");
        }
        if (nrows == 0)
            cols = count;
        else if (count != cols)
            return pc_fail(c, c->pos, TC_ERR_FORMAT,
                           "ragged rows: %d number%s in this row, expected %d like the first row",
                           count, count == 1 ? "" : "s", cols);
        nrows++;
    }
    if (nrows == 0)
        return pc_expected(c, "a number or '['");
    p->rank = 2;
    p->dim[0] = nrows;
    p->dim[1] = cols;
    return 0;
}

/* ---- the whole text ---------------------------------------------------------- */

/* Where "numpy=" starts at or after pos, or c->len. */
static size_t find_numpy(const Cursor *c)
{
    static const char key[] = "numpy=";
    for (size_t i = c->pos; i + sizeof key - 1 <= c->len; i++)
        if (memcmp(c->s + i, key, sizeof key - 1) == 0)
            return i;
    return c->len;
}

static int parse_text(Parser *p, PasteSource *src)
{
    Cursor *c = &p->c;
    int angle = 0; /* inside <tf.Tensor: ... numpy=...> */
    *src = PASTE_LIST;
    pc_skip_ws(c, 1);
    if (pc_starts(c, "Parameter containing:")) {
        c->pos += strlen("Parameter containing:");
        pc_skip_ws(c, 1);
        *src = PASTE_TORCH;
    } else if (pc_peek(c) == '<') {
        size_t at = find_numpy(c);
        if (at == c->len)
            return pc_fail(c, c->pos, TC_ERR_FORMAT,
                           "a <...> repr without 'numpy=', expected one such as <tf.Tensor: "
                           "shape=(2,), dtype=float32, numpy=array([1., 2.], dtype=float32)>");
        c->pos = at + strlen("numpy=");
        pc_skip_ws(c, 1);
        angle = 1;
        *src = PASTE_TF;
    }
    size_t word = pc_ident_len(c, c->pos, 1);
    if (word > 0 && !pc_number_start(c)) { /* a nan/inf word is read (and refused) as a number */
        PasteSource named;
        if (paste_repr_source(c->s + c->pos, word, &named) != 0)
            return pc_expected(c, "a number, '[' or a repr such as array([...]) or tensor([...])");
        if (*src == PASTE_LIST)
            *src = named;
        if (repr(p, word) != 0)
            return -1;
    } else if (pc_peek(c) == '[') {
        if (nested_list(p) != 0)
            return -1;
    } else if (angle) {
        return pc_expected(c, "array([...]) after 'numpy='");
    } else {
        *src = PASTE_ROWS;
        return rows(p);
    }
    pc_skip_ws(c, 1);
    if (angle) {
        if (pc_peek(c) != '>')
            return pc_expected(c, "'>' closing the <...> repr");
        c->pos++;
        pc_skip_ws(c, 1);
    }
    if (pc_peek(c) == '[')
        return pc_expected(c, "the end of the text after the list (put rows in one outer list: "
                              "[[...], [...]])");
    if (pc_peek(c) >= 0)
        return pc_expected(c, "the end of the text");
    return 0;
}

int paste_parse(const char *text, PasteResult *out, Err *err)
{
    memset(out, 0, sizeof *out);
    size_t len = strnlen(text, PASTE_MAX_TEXT + 1);
    if (len > PASTE_MAX_TEXT)
        return err_fail(err, TC_ERR_LIMIT,
                        "pasted text is longer than %zu bytes, expected at most 1 MiB",
                        PASTE_MAX_TEXT);
    Parser p = {.c = {.s = text, .len = len, .err = err}};
    PasteSource src;
    if (parse_text(&p, &src) != 0) {
        free(p.c.data);
        return -1;
    }
    size_t count = 1;
    for (int d = 0; d < p.rank; d++)
        count *= (size_t)p.dim[d];
    TC_ASSERT(count == p.c.n);
    out->rank = p.rank;
    for (int d = 0; d < PASTE_MAX_RANK; d++)
        out->dim[d] = d < p.rank ? p.dim[d] : 1;
    out->count = count;
    out->data = p.c.data;
    out->source = src;
    return 0;
}

void paste_free(PasteResult *p)
{
    free(p->data);
    memset(p, 0, sizeof *p);
}

int paste_to_tensor(const PasteResult *p, Layout layout, Tensor *out, Err *err)
{
    const char *axes = layout_name(layout);
    int dim[4];
    memset(out, 0, sizeof *out);
    if (p->rank == 4) {
        memcpy(dim, p->dim, sizeof dim);
    } else if (p->rank == 3) {
        if (!layout_is_data(layout))
            return err_fail(err, TC_ERR_SHAPE,
                            "a 3-D paste is ambiguous for a %s kernel, expected 2-D [kh, kw] or "
                            "4-D %s",
                            axes, axes);
        dim[0] = 1; /* both data layouts start with N */
        memcpy(dim + 1, p->dim, 3 * sizeof *dim);
    } else {
        int h = p->rank == 2 ? p->dim[0] : 1, w = p->rank == 2 ? p->dim[1] : p->dim[0];
        for (int i = 0; i < 4; i++)
            dim[i] = axes[i] == 'H' ? h : axes[i] == 'W' ? w : 1;
    }
    return tensor_init_from(out, layout, dim, p->data, err);
}
