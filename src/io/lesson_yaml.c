/* lesson_yaml.c - a lesson file as a tree of nodes that remember where they
 * start, built from libyaml's event stream.
 *
 * The event API (not libyaml's document loader) is used because it lets the
 * tree refuse aliases and duplicate keys as they are met, with their
 * position: an alias would turn the tree into a graph in which a few lines
 * can stand for millions of nodes, and a duplicate key silently drops one of
 * two values a teacher wrote.
 *
 * The nodes and their texts live in one arena (io/arena.h) sized from the
 * file: a load costs a few allocations, not several per value. */
#include "io/lesson_internal.h"
#include "io/input_file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

/* More nodes than any lesson needs (a 1,000 x 1,000 inline tensor) but far
 * below what would strain memory. */
#define YNODE_MAX_NODES (1 << 21)

const YNode *ymap_key(const YNode *map, int i) { return map->items[2 * i]; }
const YNode *ymap_value(const YNode *map, int i) { return map->items[2 * i + 1]; }

const YNode *ymap_get_key(const YNode *map, const char *key)
{
    if (!map || map->kind != YN_MAP)
        return NULL;
    for (int i = 0; i < map->count; i++)
        if (strcmp(ymap_key(map, i)->value, key) == 0)
            return ymap_key(map, i);
    return NULL;
}

const YNode *ymap_get(const YNode *map, const char *key)
{
    if (!map || map->kind != YN_MAP)
        return NULL;
    for (int i = 0; i < map->count; i++)
        if (strcmp(ymap_key(map, i)->value, key) == 0)
            return ymap_value(map, i);
    return NULL;
}

/* ---- building ------------------------------------------------------------------ */

/* An open container collects its items in a list (YNode.next) and gets its
 * items array, of exactly their number, when it closes. A mapping's list
 * holds key, value, key, value...; an odd n means a key waits for its value. */
typedef struct {
    YNode *node, *first, *last;
    int n;
} Open;

typedef struct {
    const char *name;
    Err *err;
    Arena *arena;
    Open stack[LESSON_MAX_DEPTH + 1];
    int depth;
    YNode *root;
    int nodes;
} Builder;

static int bfail(Builder *b, int line, int col, TcStatus code, const char *msg, const char *arg)
{
    return err_fail(b->err, code, "%s:%d:%d: %s%s", b->name, line, col, msg, arg ? arg : "");
}

static int nomem(Builder *b)
{
    return err_fail(b->err, TC_ERR_NOMEM, "%s: out of memory", b->name);
}

static YNode *new_node(Builder *b, YNodeKind kind, const yaml_mark_t *m)
{
    if (++b->nodes > YNODE_MAX_NODES) {
        bfail(b, (int)m->line + 1, (int)m->column + 1, TC_ERR_LIMIT,
              "the file has more YAML values than a lesson may hold", NULL);
        return NULL;
    }
    YNode *n = arena_alloc(b->arena, sizeof *n);
    if (!n) {
        nomem(b);
        return NULL;
    }
    n->kind = kind;
    n->line = (int)m->line + 1;
    n->col = (int)m->column + 1;
    return n;
}

/* The duplicate check compares with every earlier key, so the keys of one
 * mapping are bounded: loading stays linear in the file. */
static int check_key(Builder *b, const Open *o, const YNode *n)
{
    if (n->kind != YN_SCALAR)
        return bfail(b, n->line, n->col, TC_ERR_FORMAT,
                     "a key must be a plain word, got a list or mapping", NULL);
    if (o->n / 2 >= LESSON_MAX_MAP_KEYS) {
        char msg[100];
        snprintf(msg, sizeof msg, "a mapping with more than %d keys, expected at most %d",
                 LESSON_MAX_MAP_KEYS, LESSON_MAX_MAP_KEYS);
        return bfail(b, n->line, n->col, TC_ERR_LIMIT, msg, NULL);
    }
    for (const YNode *k = o->first; k; k = k->next->next)
        if (strcmp(k->value, n->value) == 0) {
            char msg[100], first[40];
            snprintf(msg, sizeof msg, "duplicate key '%.60s'", n->value);
            snprintf(first, sizeof first, " (first at %d:%d)", k->line, k->col);
            return bfail(b, n->line, n->col, TC_ERR_FORMAT, msg, first);
        }
    return 0;
}

/* Add a finished or just-opened node to the open container (or as root). */
static int attach(Builder *b, YNode *n)
{
    if (b->depth == 0) {
        if (b->root)
            return bfail(b, n->line, n->col, TC_ERR_FORMAT,
                         "a second YAML document, expected one lesson per file", NULL);
        b->root = n;
        return 0;
    }
    Open *o = &b->stack[b->depth - 1];
    if (o->node->kind == YN_MAP && o->n % 2 == 0 && check_key(b, o, n) != 0)
        return -1;
    if (o->last)
        o->last->next = n;
    else
        o->first = n;
    o->last = n;
    o->n++;
    return 0;
}

static int open_container(Builder *b, YNodeKind kind, const yaml_mark_t *m)
{
    if (b->depth >= LESSON_MAX_DEPTH)
        return bfail(b, (int)m->line + 1, (int)m->column + 1, TC_ERR_LIMIT,
                     "nested too deeply for a lesson", NULL);
    YNode *n = new_node(b, kind, m);
    if (!n || attach(b, n) != 0)
        return -1;
    b->stack[b->depth++] = (Open){.node = n};
    return 0;
}

static int close_container(Builder *b)
{
    Open *o = &b->stack[--b->depth];
    YNode *c = o->node;
    if (o->n > 0) {
        c->items = arena_alloc(b->arena, (size_t)o->n * sizeof *c->items);
        if (!c->items)
            return nomem(b);
        int i = 0;
        for (YNode *it = o->first; it; it = it->next)
            c->items[i++] = it;
    }
    /* libyaml gives every key a value (an empty one at least) */
    c->count = c->kind == YN_MAP ? o->n / 2 : o->n;
    return 0;
}

static int on_event(Builder *b, const yaml_event_t *ev)
{
    const yaml_mark_t *m = &ev->start_mark;
    switch (ev->type) {
    case YAML_ALIAS_EVENT:
        return bfail(b, (int)m->line + 1, (int)m->column + 1, TC_ERR_FORMAT,
                     "aliases (*name) are not supported in lessons; write the value out", NULL);
    case YAML_SCALAR_EVENT: {
        size_t len = ev->data.scalar.length;
        YNode *n = new_node(b, YN_SCALAR, m);
        if (!n)
            return -1;
        if (memchr(ev->data.scalar.value, '\0', len))
            return bfail(b, n->line, n->col, TC_ERR_FORMAT, "a text holds a NUL character", NULL);
        if (!(n->value = arena_alloc(b->arena, len + 1)))
            return nomem(b);
        memcpy(n->value, ev->data.scalar.value, len);
        n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
        return attach(b, n);
    }
    case YAML_SEQUENCE_START_EVENT: return open_container(b, YN_SEQ, m);
    case YAML_MAPPING_START_EVENT: return open_container(b, YN_MAP, m);
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT: return close_container(b);
    default:
        return 0;
    }
}

static int syntax_error(Builder *b, const yaml_parser_t *p)
{
    const char *problem = p->problem ? p->problem : "malformed YAML";
    if (p->error == YAML_READER_ERROR)
        return err_fail(b->err, TC_ERR_FORMAT, "%s: YAML: %s at byte %zu", b->name, problem,
                        p->problem_offset);
    char ctx[160] = "";
    if (p->context)
        snprintf(ctx, sizeof ctx, " (%.100s at %d:%d)", p->context, (int)p->context_mark.line + 1,
                 (int)p->context_mark.column + 1);
    return err_fail(b->err, TC_ERR_FORMAT, "%s:%d:%d: YAML: %s%s", b->name,
                    (int)p->problem_mark.line + 1, (int)p->problem_mark.column + 1, problem, ctx);
}

/* The first block of the tree's arena: about the nodes of `len` bytes of a
 * typical lesson, so most files take one block; a large file's tree grows
 * in doubling blocks instead of being sized from its length up front, since
 * it may be refused after a few lines. */
#define YDOC_BYTES_PER_BYTE 16
#define YDOC_FIRST_BLOCK_MAX ((size_t)64 << 10)

int ydoc_parse_text(const char *text, size_t len, const char *name, YDoc *doc, Err *err)
{
    doc->root = NULL;
    arena_init(&doc->arena, len < YDOC_FIRST_BLOCK_MAX / YDOC_BYTES_PER_BYTE
                                ? YDOC_BYTES_PER_BYTE * len
                                : YDOC_FIRST_BLOCK_MAX);
    Builder b = {.name = name, .err = err, .arena = &doc->arena};
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser))
        return err_fail(err, TC_ERR_NOMEM, "%s: out of memory", name);
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    int rc = 0, done = 0;
    while (!done) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&parser, &ev)) {
            rc = syntax_error(&b, &parser);
            break;
        }
        done = ev.type == YAML_STREAM_END_EVENT;
        rc = on_event(&b, &ev);
        yaml_event_delete(&ev);
        if (rc != 0)
            break;
    }
    yaml_parser_delete(&parser);
    if (rc == 0 && !b.root)
        rc = err_fail(err, TC_ERR_FORMAT, "%s:1:1: the file is empty, expected a lesson mapping",
                      name);
    if (rc != 0) {
        ydoc_free(doc);
        return -1;
    }
    doc->root = b.root;
    return 0;
}

void ydoc_free(YDoc *doc)
{
    arena_free(&doc->arena);
    doc->root = NULL;
}

int ydoc_parse_file(const char *path, YDoc *doc, Err *err)
{
    doc->root = NULL;
    arena_init(&doc->arena, 0);
    FILE *f = input_open(path, "a readable lesson file", err);
    if (!f)
        return -1;
    /* The buffer grows with what is read, up to one byte past the limit:
     * a small lesson costs a small buffer. */
    size_t cap = 1 << 14, len = 0, max = (size_t)LESSON_MAX_FILE_BYTES + 1;
    char *buf = malloc(cap);
    int bad = !buf;
    while (!bad && len < max) {
        if (len == cap) {
            size_t ncap = 2 * cap < max ? 2 * cap : max;
            char *nb = realloc(buf, ncap);
            if (!nb) {
                bad = 1;
                break;
            }
            buf = nb;
            cap = ncap;
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0)
            break;
    }
    if (!buf || bad) {
        fclose(f);
        free(buf);
        return err_fail(err, TC_ERR_NOMEM, "%s: out of memory", path);
    }
    bad = ferror(f);
    fclose(f);
    int rc;
    if (bad)
        rc = err_fail(err, TC_ERR_IO, "%s: cannot read the file", path);
    else if (len > (size_t)LESSON_MAX_FILE_BYTES)
        rc = err_fail(err, TC_ERR_LIMIT, "%s: the file is larger than %ld bytes, the limit for a lesson",
                      path, LESSON_MAX_FILE_BYTES);
    else
        rc = ydoc_parse_text(buf, len, path, doc, err);
    free(buf);
    return rc;
}
