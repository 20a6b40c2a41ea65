/* paste_internal.h - the cursor, messages and number scanner that the paste
 * grammar (paste.c) is built on (paste_scan.c), and the repr pieces of
 * paste_repr.c. Include only from src/io/paste*.c. */
#ifndef TCVIZ_PASTE_INTERNAL_H
#define TCVIZ_PASTE_INTERNAL_H

#include <stddef.h>

#include "paste.h"

/* What the interactive limit is, for every message that enforces it. */
#define PASTE_LIMIT_TEXT "the interactive limit: 64x64 spatially, 64 channels"

typedef struct {
    const char *s;
    size_t len, pos;
    Err *err;
    float *data; /* values so far, row-major */
    size_t n, cap;
} Cursor;

/* The byte at pos, or -1 at the end. */
int pc_peek(const Cursor *c);
int pc_peek_at(const Cursor *c, size_t pos);

/* Skip spaces, tabs, carriage returns and (if newlines) line breaks;
 * returns whether anything was skipped. */
int pc_skip_ws(Cursor *c, int newlines);

/* True when text at pos starts with `word` (exact bytes). */
int pc_starts(const Cursor *c, const char *word);

/* Identifier characters: letters, digits, '_' ('.' too when dotted). */
int pc_is_ident(int ch, int dotted);
/* The length of the identifier (dotted: a.b.c) at pos, 0 if none. */
size_t pc_ident_len(const Cursor *c, size_t pos, int dotted);

/* Fail with "line L, column C: <message>" for the position `at`; code is
 * TC_ERR_FORMAT or TC_ERR_LIMIT. Returns -1. */
int pc_fail(Cursor *c, size_t at, TcStatus code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* "expected <what>, got <the text at pos>", where the text is shown as
 * 'x', a whole word ('dtype'), "the end of the line" or "the end of the
 * text". */
int pc_expected(Cursor *c, const char *what);

/* True when a number (or a nan/inf word, refused by pc_number) starts at pos. */
int pc_number_start(const Cursor *c);

/* Read one number at pos and append it; `what` is the expectation named
 * when no number starts there. Refuses nan, inf and values past the float32
 * range with the position of the number. */
int pc_number(Cursor *c, const char *what);

/* The source a repr's callable stands for, from its last dotted name
 * (name[0..n-1]); -1 if it is not a repr's. */
int paste_repr_source(const char *name, size_t n, PasteSource *src);
/* After the list of array([...], dtype=float32): keyword arguments, then ')'. */
int paste_repr_args(Cursor *c);

#endif
