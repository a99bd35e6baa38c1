/* infl.c: English verb inflection: the regular spelling rules and the irregular table
 * compiled from data/lexicon/irregular-verbs.txt (build/gen/irregular_verbs.c). */
#include "dict_int.h"

#include <string.h>

extern const char *const infl_irregular[][5];
extern const size_t infl_n_irregular;

const char *const *infl_find_irregular(const char *lemma) {
    size_t lo = 0, hi = infl_n_irregular;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(lemma, infl_irregular[mid][0]);
        if (!c) return infl_irregular[mid];
        if (c < 0) hi = mid;
        else lo = mid + 1;
    }
    return NULL;
}

static int vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

/* One syllable ending consonant-vowel-consonant (not w, x, y): ban -> banned. */
static int doubles(const char *w, size_t n) {
    if (n < 3) return 0;
    char c3 = w[n - 1], c2 = w[n - 2], c1 = w[n - 3];
    if (vowel(c3) || !vowel(c2) || vowel(c1) || c3 == 'w' || c3 == 'x' || c3 == 'y') return 0;
    if (c1 == 'q' && c2 == 'u') return 0;
    int groups = 0;
    for (size_t i = 0; i < n; i++)
        if (vowel(w[i]) && (i == 0 || !vowel(w[i - 1]))) groups++;
    return groups == 1;
}

static int put(dyad_buf *b, const char *stem, size_t n, const char *suffix, size_t *off) {
    *off = b->len;
    int rc = dyad_buf_append(b, stem, n);
    if (rc == DYAD_OK) rc = dyad_buf_puts(b, suffix);
    if (rc == DYAD_OK) rc = dyad_buf_append(b, "", 1); /* the NUL separator */
    return rc;
}

int infl_forms(const char *lemma, const char *const *irr, dyad_buf *b, const char *forms[5]) {
    size_t n = strlen(lemma), off[5];
    if (n == 0) return DYAD_EINVAL;
    char last = lemma[n - 1], prev = n > 1 ? lemma[n - 2] : 0;
    int rc = put(b, lemma, n, "", &off[0]);
    /* 3rd person */
    if (rc == DYAD_OK) {
        if (irr && irr[3]) rc = put(b, irr[3], strlen(irr[3]), "", &off[1]);
        else if (last == 'y' && n > 1 && !vowel(prev)) rc = put(b, lemma, n - 1, "ies", &off[1]);
        else if (last == 's' || last == 'x' || last == 'z' || (last == 'h' && (prev == 'c' || prev == 's')) ||
                 (last == 'o' && n > 1 && !vowel(prev)))
            rc = put(b, lemma, n, "es", &off[1]);
        else rc = put(b, lemma, n, "s", &off[1]);
    }
    char dbl[2] = {last, 0};
    int d = !irr && doubles(lemma, n);
    /* past and past participle */
    if (rc == DYAD_OK) {
        if (irr) {
            rc = put(b, irr[1], strlen(irr[1]), "", &off[2]);
            if (rc == DYAD_OK) rc = put(b, irr[2], strlen(irr[2]), "", &off[3]);
        } else {
            if (last == 'e') rc = put(b, lemma, n, "d", &off[2]);
            else if (last == 'y' && n > 1 && !vowel(prev)) rc = put(b, lemma, n - 1, "ied", &off[2]);
            else if (d) {
                rc = put(b, lemma, n, dbl, &off[2]);
                if (rc == DYAD_OK) { b->len--; b->data[b->len] = 0; rc = dyad_buf_puts(b, "ed"); }
                if (rc == DYAD_OK) rc = dyad_buf_append(b, "", 1);
            } else rc = put(b, lemma, n, "ed", &off[2]);
            off[3] = off[2];
        }
    }
    /* -ing */
    if (rc == DYAD_OK) {
        if (irr && irr[4]) rc = put(b, irr[4], strlen(irr[4]), "", &off[4]);
        else if (last == 'e' && prev == 'i') {
            rc = put(b, lemma, n - 2, "ying", &off[4]);
        } else if (last == 'e' && n > 2 && prev != 'e' && prev != 'y' && prev != 'o') {
            rc = put(b, lemma, n - 1, "ing", &off[4]);
        } else if (d) {
            rc = put(b, lemma, n, dbl, &off[4]);
            if (rc == DYAD_OK) { b->len--; b->data[b->len] = 0; rc = dyad_buf_puts(b, "ing"); }
            if (rc == DYAD_OK) rc = dyad_buf_append(b, "", 1);
        } else if (irr && !irr[4] && irr[1] && strlen(irr[1]) > n && !strncmp(irr[1], lemma, n) &&
                   irr[1][n] == irr[1][n - 1] && n > 0) {
            /* commit/committed without an -ing column: follow the doubled past */
            rc = put(b, irr[1], n + 1, "ing", &off[4]);
        } else rc = put(b, lemma, n, "ing", &off[4]);
    }
    if (rc != DYAD_OK) return rc;
    for (int i = 0; i < 5; i++) forms[i] = b->data + off[i];
    return DYAD_OK;
}

int dict_inflect(const char *lemma, dyad_buf *b, const char *forms[5]) {
    return infl_forms(lemma, infl_find_irregular(lemma), b, forms);
}
