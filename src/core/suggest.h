/* suggest.h - "did you mean ...?" for the names people type: CLI flags,
 * lesson keys, view names. One rule everywhere, so a typo is forgiven the
 * same way on the command line and in a lesson file.
 *
 *     Suggest s = suggest_start("strdes");
 *     for (...) suggest_consider(&s, known[i]);
 *     if (s.best) ... "did you mean '%s'?", s.best
 */
#ifndef TCVIZ_SUGGEST_H
#define TCVIZ_SUGGEST_H

typedef struct {
    const char *typed;
    const char *best; /* the closest candidate within the limit, or NULL */
    int best_distance;
    int allow_prefix; /* an abbreviation of 4+ letters counts as one edit */
} Suggest;

/* Levenshtein distance; words longer than 62 bytes never match (99). */
int edit_distance(const char *a, const char *b);

Suggest suggest_start(const char *typed);
/* Keep cand if it is the closest so far and at most a third of its letters
 * (at least two) are wrong. NULL candidates are ignored. */
void suggest_consider(Suggest *s, const char *cand);

#endif
