/* paste_repr.c - the Python reprs around a pasted list: which framework a
 * callable's last name stands for (array: NumPy, tensor: PyTorch, constant:
 * TF, ...), and the keyword arguments after the list (dtype=..., device='...',
 * grad_fn=<...>), skipped without being interpreted, because a value that is
 * not a float already fails as a number. The list itself is paste.c's. */
#include "paste_internal.h"

#include <stdio.h>
#include <string.h>

/* The source a callable's last dotted name stands for; -1 if not a repr. */
int paste_repr_source(const char *name, size_t n, PasteSource *src)
{
    static const struct {
        const char *name;
        PasteSource src;
    } names[] = {
        {"array", PASTE_NUMPY},          {"asarray", PASTE_NUMPY},   {"tensor", PASTE_TORCH},
        {"Tensor", PASTE_TORCH},         {"as_tensor", PASTE_TORCH}, {"constant", PASTE_TF},
        {"convert_to_tensor", PASTE_TF}, {"Variable", PASTE_TF},
    };
    size_t last = n;
    while (last > 0 && name[last - 1] != '.')
        last--;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strlen(names[i].name) == n - last &&
            memcmp(name + last, names[i].name, n - last) == 0) {
            *src = names[i].src;
            return 0;
        }
    return -1;
}

/* Skip a keyword argument's value up to the ',' or ')' that ends it,
 * stepping over quotes and bracket pairs such as grad_fn=<AddBackward0>. */
static int skip_value(Cursor *c)
{
    int depth = 0;
    for (int ch = pc_peek(c); ch >= 0; ch = pc_peek(c)) {
        if (depth == 0 && (ch == ',' || ch == ')'))
            return 0;
        if (ch == '\'' || ch == '"') {
            size_t open = c->pos++;
            while (pc_peek(c) >= 0 && pc_peek(c) != ch && pc_peek(c) != '\n')
                c->pos++;
            if (pc_peek(c) != ch)
                return pc_fail(c, open, TC_ERR_FORMAT,
                               "a string that is never closed, expected "
                               "a closing %c",
                               ch);
        } else if (ch == '(' || ch == '[' || ch == '{' || ch == '<') {
            depth++;
        } else if (ch == ')' || ch == ']' || ch == '}' || ch == '>') {
            depth--;
        }
        c->pos++;
    }
    return pc_expected(c, "')' closing the repr");
}

/* After the list of array([...], dtype=float32): keyword arguments, then ')'. */
int paste_repr_args(Cursor *c)
{
    for (;;) {
        pc_skip_ws(c, 1);
        int ch = pc_peek(c);
        if (ch == ')')
            break;
        if (ch != ',')
            return pc_expected(c, "',' or ')'");
        c->pos++;
        pc_skip_ws(c, 1);
        if (pc_peek(c) == ')')
            break;
        size_t key = pc_ident_len(c, c->pos, 0);
        if (key == 0)
            return pc_expected(c, "a keyword argument such as dtype=float32, or ')'");
        char what[64];
        snprintf(what, sizeof what, "'=' after '%.*s'", key > 24 ? 24 : (int)key, c->s + c->pos);
        c->pos += key;
        pc_skip_ws(c, 1);
        if (pc_peek(c) != '=')
            return pc_expected(c, what);
        c->pos++;
        pc_skip_ws(c, 1);
        size_t value = c->pos;
        if (skip_value(c) != 0)
            return -1;
        if (c->pos == value)
            return pc_expected(c, "a value");
    }
    c->pos++;
    return 0;
}
