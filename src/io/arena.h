/* arena.h - many small allocations freed together: the nodes of a parsed
 * lesson file.
 *
 * A lesson of a few hundred values would otherwise cost a malloc and a free
 * per value; with a sanitizer's allocator (fuzzing) those calls, not the
 * parsing, set the pace. The arena takes memory in a few large blocks and
 * hands it out in order.
 *
 * Under AddressSanitizer every allocation is followed by a poisoned gap and
 * everything not yet handed out stays poisoned, so reading past the end of
 * one value into the next is still reported as it would be with malloc; a
 * pointer kept past arena_free is a use after free of its block. */
#ifndef TCVIZ_ARENA_H
#define TCVIZ_ARENA_H

#include <stddef.h>

typedef struct ArenaBlock ArenaBlock;

typedef struct {
    ArenaBlock *block; /* the newest block; each links to the one before */
    size_t next_size;  /* the size of the next block to take */
} Arena;

/* An empty arena whose first block will hold about `first_size` bytes. */
void arena_init(Arena *a, size_t first_size);
/* `size` zeroed bytes aligned for any type, or NULL when out of memory. */
void *arena_alloc(Arena *a, size_t size);
/* Frees every block; the arena is empty again. */
void arena_free(Arena *a);

#endif
