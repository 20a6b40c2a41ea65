/* gif_palette.c - exact colour counting, then median cut for what is left.
 *
 * A frame is counted into an open-addressing hash table of 0xRRGGBB keys.
 * The distinct colours are sorted by frequency: when there are at most 256
 * they are the palette. Otherwise the most frequent ones (covering at least
 * 1/1000 of the region each, at most GIF_PALETTE_KEEP of them, and any the
 * caller asked to keep) are kept exactly -
 * those are the theme's fills, grid lines and text colour, which a student
 * must see unchanged - and the rest is split by median cut (weighted by
 * pixel count) into the remaining entries, each the weighted mean of its box.
 * Every distinct colour is then mapped once to its nearest entry, and pixels
 * are looked up through the table. */
#include "app/gif_palette.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define GIF_PALETTE_EMPTY 0xFFFFFFFFu
#define TABLE_MIN 4096u

static uint32_t hash_slot(uint32_t key, uint32_t mask)
{
    uint32_t h = key * 0x9E3779B1u;
    h ^= h >> 15;
    return h & mask;
}

static GifColorCount *lookup(GifPalette *p, uint32_t key)
{
    uint32_t mask = p->table_cap - 1;
    for (uint32_t i = hash_slot(key, mask);; i = (i + 1) & mask)
        if (p->table[i].key == key || p->table[i].key == GIF_PALETTE_EMPTY)
            return &p->table[i];
}

static int table_reset(GifPalette *p, uint32_t cap, Err *err)
{
    if (cap != p->table_cap) {
        GifColorCount *t = malloc((size_t)cap * sizeof *t);
        if (!t)
            return err_fail(err, TC_ERR_NOMEM, "out of memory for a GIF colour table");
        free(p->table);
        p->table = t;
        p->table_cap = cap;
    }
    for (uint32_t i = 0; i < cap; i++)
        p->table[i].key = GIF_PALETTE_EMPTY;
    p->used = 0;
    return 0;
}

/* Double the table, keeping the counts (load factor stays below 1/2). */
static int table_grow(GifPalette *p, Err *err)
{
    GifColorCount *old = p->table;
    uint32_t old_cap = p->table_cap;
    p->table = NULL;
    p->table_cap = 0;
    if (table_reset(p, old_cap * 2, err) != 0) {
        p->table = old;
        p->table_cap = old_cap;
        return -1;
    }
    for (uint32_t i = 0; i < old_cap; i++)
        if (old[i].key != GIF_PALETTE_EMPTY) {
            *lookup(p, old[i].key) = old[i];
            p->used++;
        }
    free(old);
    return 0;
}

static int count_colors(GifPalette *p, const uint32_t *px, int pitch, int x, int y, int w, int h,
                        Err *err)
{
    if (table_reset(p, p->table_cap ? p->table_cap : TABLE_MIN, err) != 0)
        return -1;
    GifColorCount *last = NULL;
    for (int r = 0; r < h; r++) {
        const uint32_t *row = px + (size_t)(y + r) * (size_t)pitch + x;
        for (int c = 0; c < w; c++) {
            uint32_t key = row[c] & 0xFFFFFFu;
            if (last && last->key == key) { /* runs of one colour are the norm */
                last->count++;
                continue;
            }
            GifColorCount *e = lookup(p, key);
            if (e->key == GIF_PALETTE_EMPTY) {
                if (2 * (p->used + 1) > p->table_cap) {
                    if (table_grow(p, err) != 0)
                        return -1;
                    e = lookup(p, key);
                }
                e->key = key;
                e->count = 0;
                e->index = 0;
                p->used++;
            }
            e->count++;
            last = e;
        }
    }
    return 0;
}

#define KEEP_MARK (-1) /* GifColorCount.index of a colour in p->keep, while choosing */

static int by_count_desc(const void *a, const void *b)
{
    const GifColorCount *x = a, *y = b;
    if ((x->index == KEEP_MARK) != (y->index == KEEP_MARK))
        return x->index == KEEP_MARK ? -1 : 1; /* kept colours first */
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return x->key < y->key ? -1 : x->key > y->key;
}

static int channel(uint32_t key, int ch)
{
    return (int)(key >> (16 - 8 * ch)) & 0xFF;
}

#define BY_CHANNEL(ch)                                                                   \
    static int by_channel##ch(const void *a, const void *b)                              \
    {                                                                                    \
        const GifColorCount *x = a, *y = b;                                              \
        int d = channel(x->key, ch) - channel(y->key, ch);                               \
        return d ? d : (x->key < y->key ? -1 : x->key > y->key);                         \
    }
BY_CHANNEL(0)
BY_CHANNEL(1)
BY_CHANNEL(2)
static int (*const by_channel[3])(const void *, const void *) = {by_channel0, by_channel1,
                                                                  by_channel2};

typedef struct {
    uint32_t lo, hi; /* list[lo .. hi) */
    int axis, range; /* the widest channel and its extent */
    double pixels;
} Box;

static void box_measure(Box *b, const GifColorCount *list)
{
    int mn[3] = {255, 255, 255}, mx[3] = {0, 0, 0};
    b->pixels = 0;
    for (uint32_t i = b->lo; i < b->hi; i++) {
        for (int ch = 0; ch < 3; ch++) {
            int v = channel(list[i].key, ch);
            mn[ch] = v < mn[ch] ? v : mn[ch];
            mx[ch] = v > mx[ch] ? v : mx[ch];
        }
        b->pixels += list[i].count;
    }
    b->axis = 0;
    for (int ch = 1; ch < 3; ch++)
        if (mx[ch] - mn[ch] > mx[b->axis] - mn[b->axis])
            b->axis = ch;
    b->range = mx[b->axis] - mn[b->axis];
}

/* Median cut of list[0 .. n) into at most `slots` colours written to out. */
static int median_cut(GifColorCount *list, uint32_t n, int slots, uint32_t *out)
{
    Box box[GIF_PALETTE_MAX];
    int nbox = 1;
    box[0] = (Box){.lo = 0, .hi = n};
    box_measure(&box[0], list);
    while (nbox < slots) {
        /* Split where the spread weighs most: wide boxes with many pixels. */
        int best = -1;
        double best_score = 0;
        for (int i = 0; i < nbox; i++) {
            double score = box[i].range * sqrt(box[i].pixels);
            if (box[i].hi - box[i].lo >= 2 && box[i].range > 0 && score > best_score)
                best = i, best_score = score;
        }
        if (best < 0)
            break;
        Box *b = &box[best];
        qsort(list + b->lo, b->hi - b->lo, sizeof *list, by_channel[b->axis]);
        double half = b->pixels / 2, acc = 0;
        uint32_t cut = b->lo + 1;
        for (uint32_t i = b->lo; i + 1 < b->hi; i++) {
            acc += list[i].count;
            cut = i + 1;
            if (acc >= half)
                break;
        }
        box[nbox] = (Box){.lo = cut, .hi = b->hi};
        b->hi = cut;
        box_measure(b, list);
        box_measure(&box[nbox], list);
        nbox++;
    }
    for (int i = 0; i < nbox; i++) {
        double sum[3] = {0, 0, 0};
        for (uint32_t j = box[i].lo; j < box[i].hi; j++)
            for (int ch = 0; ch < 3; ch++)
                sum[ch] += (double)channel(list[j].key, ch) * list[j].count;
        uint32_t c = 0;
        for (int ch = 0; ch < 3; ch++)
            c = (c << 8) | (uint32_t)lround(sum[ch] / box[i].pixels);
        out[i] = c;
    }
    return nbox;
}

static int nearest(const GifPalette *p, uint32_t key)
{
    int best = 0;
    long best_d = -1;
    for (int i = 0; i < p->count; i++) {
        long d = 0;
        for (int ch = 0; ch < 3; ch++) {
            long e = channel(key, ch) - channel(p->colors[i], ch);
            d += e * e;
        }
        if (best_d < 0 || d < best_d) {
            best = i;
            best_d = d;
            if (d == 0)
                break;
        }
    }
    return best;
}

/* Choose p->colors from the distinct colours and give each its index. */
static int choose(GifPalette *p, Err *err)
{
    if (p->used > p->list_cap) {
        GifColorCount *l = realloc(p->list, (size_t)p->used * sizeof *l);
        if (!l)
            return err_fail(err, TC_ERR_NOMEM, "out of memory for a GIF palette");
        p->list = l;
        p->list_cap = p->used;
    }
    int many = p->used > GIF_PALETTE_MAX;
    for (int k = 0; many && k < p->nkeep && k < GIF_PALETTE_KEEP; k++) {
        GifColorCount *e = lookup(p, p->keep[k] & 0xFFFFFFu);
        if (e->key != GIF_PALETTE_EMPTY)
            e->index = KEEP_MARK;
    }
    uint32_t n = 0;
    for (uint32_t i = 0; i < p->table_cap; i++)
        if (p->table[i].key != GIF_PALETTE_EMPTY)
            p->list[n++] = p->table[i];
    qsort(p->list, n, sizeof *p->list, by_count_desc);
    if (n <= GIF_PALETTE_MAX) {
        p->count = (int)n;
        for (uint32_t i = 0; i < n; i++) {
            p->colors[i] = p->list[i].key;
            lookup(p, p->list[i].key)->index = (int)i;
        }
        return 0;
    }
    double total = 0;
    for (uint32_t i = 0; i < n; i++)
        total += p->list[i].count;
    uint32_t reserved = 0;
    while (reserved < GIF_PALETTE_KEEP &&
           (p->list[reserved].index == KEEP_MARK || p->list[reserved].count >= total / 1000))
        reserved++;
    for (uint32_t i = 0; i < reserved; i++)
        p->colors[i] = p->list[i].key;
    p->count = (int)reserved + median_cut(p->list + reserved, n - reserved,
                                          GIF_PALETTE_MAX - (int)reserved,
                                          p->colors + reserved);
    for (uint32_t i = 0; i < n; i++) {
        GifColorCount *e = lookup(p, p->list[i].key);
        e->index = i < reserved ? (int)i : nearest(p, e->key);
    }
    return 0;
}

int gif_palette_build(GifPalette *p, const uint32_t *px, int pitch_words, int x, int y, int w,
                      int h, unsigned char *idx, Err *err)
{
    if (w <= 0 || h <= 0)
        return err_fail(err, TC_ERR_ARG, "GIF palette: empty region %dx%d", w, h);
    if (count_colors(p, px, pitch_words, x, y, w, h, err) != 0 || choose(p, err) != 0)
        return -1;
    const GifColorCount *last = NULL;
    for (int r = 0; r < h; r++) {
        const uint32_t *row = px + (size_t)(y + r) * (size_t)pitch_words + x;
        unsigned char *out = idx + (size_t)r * (size_t)w;
        for (int c = 0; c < w; c++) {
            uint32_t key = row[c] & 0xFFFFFFu;
            if (!last || last->key != key)
                last = lookup(p, key);
            out[c] = (unsigned char)last->index;
        }
    }
    return 0;
}

int gif_palette_common(GifPalette *p, const uint32_t *px, int pitch_words, int w, int h,
                       Err *err)
{
    p->nkeep = 0;
    if (count_colors(p, px, pitch_words, 0, 0, w, h, err) != 0)
        return -1;
    /* The few most common colours, found without sorting them all. */
    double total = (double)w * h;
    for (uint32_t i = 0; i < p->table_cap; i++) {
        const GifColorCount *e = &p->table[i];
        if (e->key == GIF_PALETTE_EMPTY || e->count < total / 1000)
            continue;
        int at;
        if (p->nkeep < GIF_PALETTE_KEEP) {
            at = p->nkeep++;
        } else if (lookup(p, p->keep[GIF_PALETTE_KEEP - 1])->count < e->count) {
            at = GIF_PALETTE_KEEP - 1; /* displaces the rarest kept colour */
        } else {
            continue;
        }
        /* insertion by count, most common first */
        while (at > 0 && lookup(p, p->keep[at - 1])->count < e->count) {
            p->keep[at] = p->keep[at - 1];
            at--;
        }
        p->keep[at] = e->key;
    }
    return 0;
}

void gif_palette_free(GifPalette *p)
{
    free(p->table);
    free(p->list);
    *p = (GifPalette){0};
}
