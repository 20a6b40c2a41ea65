/* lesson_yaml.c - a lesson file as a tree of nodes that remember where they
 * start, built from libyaml's event stream.
 *
 * The event API (not libyaml's document loader) is used because it lets the
 * tree refuse aliases and duplicate keys as they are met, with their
 * position: an alias would turn the tree into a graph in which a few lines
 * can stand for millions of nodes, and a duplicate key silently drops one of
 * two values a teacher wrote. */
#include "io/lesson_internal.h"
#include "io/input_file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

/* More nodes than any lesson needs (a 1,000 x 1,000 inline tensor) but far
 * below what would strain memory. */
#define YNODE_MAX_NODES (1 << 21)

void ynode_free(YNode *n)
{
    if (!n)
        return;
    /* An open map may hold a key still waiting for its value (plain set). */
    int total = n->kind == YN_MAP ? 2 * n->count + (n->plain ? 1 : 0) : n->count;
    for (int i = 0; i < total; i++)
        ynode_free(n->items[i]);
    free(n->items);
    free(n->value);
    free(n);
}

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

typedef struct {
    const char *name;
    Err *err;
    YNode *stack[LESSON_MAX_DEPTH + 1];
    int depth;
    YNode *root;
    int nodes;
} Builder;

static int bfail(Builder *b, int line, int col, TcStatus code, const char *msg, const char *arg)
{
    return err_fail(b->err, code, "%s:%d:%d: %s%s", b->name, line, col, msg, arg ? arg : "");
}

static YNode *new_node(Builder *b, YNodeKind kind, const yaml_mark_t *m)
{
    if (++b->nodes > YNODE_MAX_NODES) {
        bfail(b, (int)m->line + 1, (int)m->column + 1, TC_ERR_LIMIT,
              "the file has more YAML values than a lesson may hold", NULL);
        return NULL;
    }
    YNode *n = calloc(1, sizeof *n);
    if (!n) {
        err_fail(b->err, TC_ERR_NOMEM, "%s: out of memory", b->name);
        return NULL;
    }
    n->kind = kind;
    n->line = (int)m->line + 1;
    n->col = (int)m->column + 1;
    return n;
}

/* Add a finished or just-opened node to the open container (or as root). */
static int attach(Builder *b, YNode *n)
{
    if (b->depth == 0) {
        if (b->root) {
            int line = n->line, col = n->col;
            ynode_free(n);
            return bfail(b, line, col, TC_ERR_FORMAT,
                         "a second YAML document, expected one lesson per file", NULL);
        }
        b->root = n;
        return 0;
    }
    YNode *p = b->stack[b->depth - 1];
    /* A map keeps key, value, key, value... in items; while a key waits for
     * its value it sits at items[2*count] and p->plain (unused for
     * containers) is set. */
    int waiting = p->kind == YN_MAP && p->plain;
    int stored = p->kind == YN_MAP ? 2 * p->count + waiting : p->count;
    if (p->kind == YN_MAP && !waiting) {
        int line = n->line, col = n->col;
        if (n->kind != YN_SCALAR) {
            ynode_free(n);
            return bfail(b, line, col, TC_ERR_FORMAT,
                         "a key must be a plain word, got a list or mapping", NULL);
        }
        /* The duplicate check compares with every earlier key, so the keys
         * of one mapping are bounded: loading stays linear in the file. */
        if (p->count >= LESSON_MAX_MAP_KEYS) {
            ynode_free(n);
            char msg[100];
            snprintf(msg, sizeof msg, "a mapping with more than %d keys, expected at most %d",
                     LESSON_MAX_MAP_KEYS, LESSON_MAX_MAP_KEYS);
            return bfail(b, line, col, TC_ERR_LIMIT, msg, NULL);
        }
        for (int i = 0; i < p->count; i++)
            if (strcmp(ymap_key(p, i)->value, n->value) == 0) {
                char msg[100], first[40];
                snprintf(msg, sizeof msg, "duplicate key '%.60s'", n->value);
                snprintf(first, sizeof first, " (first at %d:%d)", ymap_key(p, i)->line,
                         ymap_key(p, i)->col);
                ynode_free(n);
                return bfail(b, line, col, TC_ERR_FORMAT, msg, first);
            }
    }
    if (stored >= p->cap) {
        int cap = p->cap ? 2 * p->cap : 8;
        YNode **items = realloc(p->items, (size_t)cap * sizeof *items);
        if (!items) {
            ynode_free(n);
            return err_fail(b->err, TC_ERR_NOMEM, "%s: out of memory", b->name);
        }
        p->items = items;
        p->cap = cap;
    }
    p->items[stored] = n;
    if (p->kind == YN_MAP) {
        p->count += waiting;
        p->plain = !waiting;
    } else {
        p->count++;
    }
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
    b->stack[b->depth++] = n;
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
        YNode *n = new_node(b, YN_SCALAR, m);
        if (!n)
            return -1;
        n->value = malloc(ev->data.scalar.length + 1);
        if (!n->value) {
            free(n);
            return err_fail(b->err, TC_ERR_NOMEM, "%s: out of memory", b->name);
        }
        memcpy(n->value, ev->data.scalar.value, ev->data.scalar.length);
        n->value[ev->data.scalar.length] = '\0';
        n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
        if (strlen(n->value) != ev->data.scalar.length) {
            int line = n->line, col = n->col;
            ynode_free(n);
            return bfail(b, line, col, TC_ERR_FORMAT, "a text holds a NUL character", NULL);
        }
        return attach(b, n);
    }
    case YAML_SEQUENCE_START_EVENT: return open_container(b, YN_SEQ, m);
    case YAML_MAPPING_START_EVENT: return open_container(b, YN_MAP, m);
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        b->stack[--b->depth]->plain = 0;
        return 0;
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

int ynode_parse_text(const char *text, size_t len, const char *name, YNode **root, Err *err)
{
    Builder b = {.name = name, .err = err};
    yaml_parser_t parser;
    *root = NULL;
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
        ynode_free(b.root);
        return -1;
    }
    *root = b.root;
    return 0;
}

int ynode_parse_file(const char *path, YNode **root, Err *err)
{
    *root = NULL;
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
        rc = ynode_parse_text(buf, len, path, root, err);
    free(buf);
    return rc;
}
