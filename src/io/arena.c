/* arena.c - see arena.h. */
#include "io/arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#if defined(__SANITIZE_ADDRESS__)
#define ARENA_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ARENA_ASAN 1
#endif
#endif

#ifdef ARENA_ASAN
#include <sanitizer/asan_interface.h>
/* At least one shadow granule (8 bytes) between allocations. */
#define ARENA_REDZONE 16
#else
#define ASAN_POISON_MEMORY_REGION(addr, size) ((void)(addr), (void)(size))
#define ASAN_UNPOISON_MEMORY_REGION(addr, size) ((void)(addr), (void)(size))
#define ARENA_REDZONE 0
#endif

#define ARENA_ALIGN _Alignof(max_align_t)
#define ARENA_MIN_BLOCK ((size_t)1 << 12)
#define ARENA_MAX_BLOCK ((size_t)1 << 24) /* growth stops doubling here */

struct ArenaBlock {
    ArenaBlock *prev;
    size_t size, used;
    max_align_t data[]; /* size bytes */
};

void arena_init(Arena *a, size_t first_size)
{
    a->block = NULL;
    a->next_size = first_size < ARENA_MIN_BLOCK   ? ARENA_MIN_BLOCK
                   : first_size > ARENA_MAX_BLOCK ? ARENA_MAX_BLOCK
                                                  : first_size;
}

static size_t round_up(size_t n)
{
    return (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
}

void *arena_alloc(Arena *a, size_t size)
{
    if (size > SIZE_MAX / 2)
        return NULL;
    size_t need = round_up(size + ARENA_REDZONE);
    ArenaBlock *b = a->block;
    if (!b || b->size - b->used < need) {
        size_t bsize = a->next_size > need ? a->next_size : need;
        b = malloc(sizeof *b + bsize);
        if (!b)
            return NULL;
        b->prev = a->block;
        b->size = bsize;
        b->used = 0;
        ASAN_POISON_MEMORY_REGION(b->data, bsize);
        a->block = b;
        if (a->next_size < ARENA_MAX_BLOCK)
            a->next_size *= 2;
    }
    char *p = (char *)b->data + b->used;
    b->used += need;
    ASAN_UNPOISON_MEMORY_REGION(p, size);
    return memset(p, 0, size);
}

void arena_free(Arena *a)
{
    while (a->block) {
        ArenaBlock *prev = a->block->prev;
        ASAN_UNPOISON_MEMORY_REGION(a->block->data, a->block->size);
        free(a->block);
        a->block = prev;
    }
}
