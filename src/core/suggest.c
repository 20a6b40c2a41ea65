/* suggest.c - edit distance and the closest-name rule of suggest.h. */
#include "core/suggest.h"

#include <string.h>

int edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    int row[64];
    if (la > 62 || lb > 62)
        return 99;
    for (size_t j = 0; j <= lb; j++)
        row[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        int diag = row[0];
        row[0] = (int)i;
        for (size_t j = 1; j <= lb; j++) {
            int sub = diag + (a[i - 1] != b[j - 1]), del = row[j] + 1, ins = row[j - 1] + 1;
            diag = row[j];
            row[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
        }
    }
    return row[lb];
}

Suggest suggest_start(const char *typed)
{
    return (Suggest){.typed = typed, .best = NULL, .best_distance = 99, .allow_prefix = 0};
}

void suggest_consider(Suggest *s, const char *cand)
{
    if (!cand)
        return;
    int d = edit_distance(s->typed, cand);
    size_t lt = strlen(s->typed);
    if (s->allow_prefix && lt >= 4 && strncmp(cand, s->typed, lt) == 0 && d > 1)
        d = 1;
    int limit = (int)strlen(cand) / 3 > 2 ? (int)strlen(cand) / 3 : 2;
    if (d <= limit && d < s->best_distance) {
        s->best = cand;
        s->best_distance = d;
    }
}
