/* dict_base.c: what both dictionary readers (dyad's format in dict_load.c, TABARI's and
 * PETRARCH's in dict_petrarch.c) build with: diagnostics, names as words, dates, and
 * verb patterns from their parsed elements. It depends on dict.c only. */
#include "dict_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void dict_diag(dict_loader *L, dyad_severity sev, const char *file, uint64_t line,
               const char *fmt, ...) {
    if (!L->diag) return;
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    dyad_diag dg = {sev, file ? file : "-", line, msg};
    L->diag(L->diag_ud, &dg);
}

void dict_bad_line(dict_loader *L, const char *file, uint64_t line, const char *fmt, ...) {
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    L->n_bad++;
    dict_diag(L, DYAD_DIAG_ERROR, file, line, "%s%s", msg,
              L->strict ? "" : (L->lint ? "" : "; line skipped"));
    if (L->strict && !L->err) L->err = DYAD_EFORMAT;
}

int dict_parse_date(const char *s, size_t n, int32_t *out) {
    int y, m, dd;
    char buf[16];
    if (n == 10 && s[4] == '-' && s[7] == '-') {
        memcpy(buf, s, 4);
        memcpy(buf + 4, s + 5, 2);
        memcpy(buf + 6, s + 8, 2);
    } else if (n == 8) {
        memcpy(buf, s, 8);
    } else {
        return DYAD_EFORMAT;
    }
    for (int i = 0; i < 8; i++)
        if (buf[i] < '0' || buf[i] > '9') return DYAD_EFORMAT;
    y = (buf[0] - '0') * 1000 + (buf[1] - '0') * 100 + (buf[2] - '0') * 10 + (buf[3] - '0');
    m = (buf[4] - '0') * 10 + (buf[5] - '0');
    dd = (buf[6] - '0') * 10 + (buf[7] - '0');
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1 || m < 1 || m > 12 || dd < 1 || dd > mdays[m - 1]) return DYAD_EFORMAT;
    if (m == 2 && dd == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return DYAD_EFORMAT;
    *out = y * 10000 + m * 100 + dd;
    return DYAD_OK;
}

int dict_name_words(dyad_dict *d, const char *s, size_t n, uint32_t *ids, size_t max,
                    uint32_t *caps, int acronym_rule) {
    /* the dictionary's scratch arena, emptied on return: its first chunk is kept, not
     * allocated and freed again for each of the 113,000 names of a load */
    arena *a = &d->scratch;
    if (!a->chunk_size) a->chunk_size = 8u * 1024u;
    tok *t;
    size_t nt, k = 0;
    *caps = 0;
    if (n > DYAD_MAX_DICT_LINE_BYTES || tok_split(a, s, 0, (uint32_t)n, &t, &nt) != DYAD_OK) {
        arena_reset(a);
        return -1;
    }
    int letters = 0;
    for (size_t i = 0; i < nt; i++) {
        if (t[i].cls != TOK_WORD && t[i].cls != TOK_NUMBER && t[i].cls != TOK_POSS &&
            t[i].cls != TOK_PUNCT)
            continue;
        if (k >= max) {
            arena_reset(a);
            return -1;
        }
        if (acronym_rule == 1 && (t[i].flags & TOK_ALLCAPS) && k < 32) *caps |= 1u << k;
        letters += (int)t[i].norm_len;
        ids[k] = dict_intern(d, t[i].norm, t[i].norm_len);
        if (!ids[k]) {
            arena_reset(a);
            return -1;
        }
        k++;
    }
    if (acronym_rule == 2 && k == 1 && letters <= 3 && t[0].cls == TOK_WORD) *caps = 1;
    arena_reset(a);
    return (int)k;
}

int dict_add_version(dyad_dict *d, const char *v, size_t n) {
    if (dict_grow((void **)&d->versions, &d->cap_versions, d->n_versions, sizeof *d->versions))
        return DYAD_ENOMEM;
    char *s = dict_strndup(d, v, n);
    if (!s) return DYAD_ENOMEM;
    d->versions[d->n_versions++] = s;
    return DYAD_OK;
}

/* ---- verb patterns: parsed elements into dict_pattern ---- */

int pat_slot(pat_builder *b, int kind) {
    if (b->n_el >= DICT_MAX_PATTERN_ELEMS) return DYAD_ELIMIT;
    b->el[b->n_el] = (dict_elem){.kind = (uint8_t)kind};
    b->off[b->n_el++] = 0;
    return DYAD_OK;
}

static int pool_add(pat_builder *b, uint32_t id, size_t from) {
    for (size_t i = from; i < b->n_pool; i++)
        if (b->pool[i] == id) return DYAD_OK;
    if (b->n_pool >= sizeof b->pool / sizeof b->pool[0]) return DYAD_ELIMIT;
    b->pool[b->n_pool++] = id;
    return DYAD_OK;
}

int pat_word(dict_loader *L, pat_builder *b, const uint32_t *ids, size_t n, int plural) {
    if (b->n_el >= DICT_MAX_PATTERN_ELEMS) return DYAD_ELIMIT;
    size_t from = b->n_pool;
    dyad_dict *d = L->d;
    for (size_t i = 0; i < n; i++) {
        if (pool_add(b, ids[i], from) != DYAD_OK) return DYAD_ELIMIT;
        char pl[128];
        const char *w = d->words[ids[i]];
        size_t wl = d->word_len[ids[i]];
        if (plural && wl > 3 && wl < sizeof pl && w[wl - 1] == 's' && w[wl - 2] != 's' &&
            w[wl - 2] != 'u' && w[wl - 2] != 'i') {
            /* written plural ("sanctions"): the singular is the other number */
            memcpy(pl, w, wl);
            if (wl > 4 && !memcmp(w + wl - 3, "ies", 3)) memcpy(pl + wl - 3, "y", 2);
            else pl[wl - 1] = 0;
            uint32_t p = dict_intern(d, pl, strlen(pl));
            if (!p) return DYAD_ENOMEM;
            if (pool_add(b, p, from) != DYAD_OK) return DYAD_ELIMIT;
        } else if (plural && wl + 4 < sizeof pl && dict_plural(w, pl, sizeof pl)) {
            uint32_t p = dict_intern(d, pl, strlen(pl));
            if (!p) return DYAD_ENOMEM;
            if (pool_add(b, p, from) != DYAD_OK) return DYAD_ELIMIT;
        }
    }
    if (b->n_pool - from > DICT_MAX_ALTS) return DYAD_ELIMIT;
    b->el[b->n_el] = (dict_elem){.kind = DICT_EL_WORD, .n_alts = (uint16_t)(b->n_pool - from)};
    b->off[b->n_el++] = (uint32_t)from;
    return DYAD_OK;
}

dict_pattern *pat_finish(dict_loader *L, pat_builder *b, const char *code, const uint32_t *head,
                         size_t n_head, const char *file, uint64_t line, const char *text,
                         size_t text_len) {
    dyad_dict *d = L->d;
    dict_pattern *p = arena_calloc(&d->mem, 1, sizeof *p);
    dict_elem *el = arena_calloc(&d->mem, b->n_el ? b->n_el : 1, sizeof *el);
    uint32_t *pool = arena_calloc(&d->mem, b->n_pool ? b->n_pool : 1, sizeof *pool);
    uint32_t *h = arena_calloc(&d->mem, n_head ? n_head : 1, sizeof *h);
    if (!p || !el || !pool || !h) return NULL;
    memcpy(pool, b->pool, b->n_pool * sizeof *pool);
    for (size_t i = 0; i < b->n_el; i++) {
        el[i] = b->el[i];
        if (el[i].kind == DICT_EL_WORD) el[i].alts = pool + b->off[i];
    }
    if (n_head) memcpy(h, head, n_head * sizeof *h);
    str_set(p->code, sizeof p->code, code);
    p->n_head = (uint16_t)n_head;
    p->head = h;
    p->n_elem = (uint16_t)b->n_el;
    p->elem = el;
    p->file = file;
    p->line = line;
    p->text = dict_strndup(d, text, text_len);
    if (!p->text || dict_add_pattern(d, p) != DYAD_OK) return NULL;
    return p;
}

/* An empty pattern. Only the counts are set: every slot, alternative and word is written
 * before it is read, and zeroing the whole tables (17 KB) for each of the tens of
 * thousands of pattern lines was 40% of loading the dictionaries. */
pat_parse *pat_parse_new(void) {
    pat_parse *P = malloc(sizeof *P);
    if (!P) return NULL;
    P->n_slot = P->n_alt = P->n_words = 0;
    P->tight_phrases = 0;
    return P;
}

/* Adds one alternative (a word sequence) to the last slot. */
int pat_add_alt(pat_parse *P, const uint32_t *w, size_t k) {
    if (P->n_alt >= sizeof P->alt / sizeof P->alt[0] || k > UINT16_MAX ||
        P->n_words + k > sizeof P->words / sizeof P->words[0] || P->slot[P->n_slot - 1].n >= DICT_MAX_ALTS)
        return DYAD_ELIMIT;
    memcpy(P->words + P->n_words, w, k * sizeof *w);
    P->alt[P->n_alt++] = (pat_alt){(uint32_t)P->n_words, (uint16_t)k};
    P->n_words += k;
    P->slot[P->n_slot - 1].n++;
    return DYAD_OK;
}

int pat_new_slot(pat_parse *P, int kind) {
    if (P->n_slot >= DICT_MAX_PATTERN_ELEMS) return DYAD_ELIMIT;
    P->slot[P->n_slot++] = (pat_slot_t){.kind = (uint8_t)kind, .first = (uint32_t)P->n_alt, .plural = 1};
    return DYAD_OK;
}

/* Variants of a slot: all one-word alternatives together (one element), then each
 * longer alternative on its own (a run of elements). */
static size_t slot_variants(const pat_parse *P, const pat_slot_t *sl, int *has_single) {
    if (sl->kind != DICT_EL_WORD) {
        *has_single = 0;
        return 1;
    }
    size_t multi = 0;
    *has_single = 0;
    for (size_t i = 0; i < sl->n; i++) {
        if (P->alt[sl->first + i].len == 1) *has_single = 1;
        else multi++;
    }
    return multi + (size_t)*has_single;
}

/* Builds variant v of slot sl into b. */
static int build_slot(dict_loader *L, const pat_parse *P, const pat_slot_t *sl, size_t v, pat_builder *b) {
    int rc;
    if (sl->kind != DICT_EL_WORD) return pat_slot(b, sl->kind);
    int has_single;
    slot_variants(P, sl, &has_single);
    if (has_single && v == 0) {
        uint32_t ids[DICT_MAX_ALTS];
        size_t k = 0;
        for (size_t i = 0; i < sl->n; i++)
            if (P->alt[sl->first + i].len == 1 && k < DICT_MAX_ALTS)
                ids[k++] = P->words[P->alt[sl->first + i].off];
        return pat_word(L, b, ids, k, sl->plural);
    }
    size_t want = v - (size_t)has_single, seen = 0;
    for (size_t i = 0; i < sl->n; i++) {
        const pat_alt *a = &P->alt[sl->first + i];
        if (a->len == 1 || seen++ != want) continue;
        for (size_t j = 0; j < a->len; j++) /* the last word also in its other number */
            if ((rc = pat_word(L, b, &P->words[a->off + j], 1, sl->plural && j + 1 == a->len)) != DYAD_OK)
                return rc;
        break;
    }
    return DYAD_OK;
}

/* Builds the v-th variant of every slot into b. */
static int build_expansion(dict_loader *L, const pat_parse *P, const size_t *choice, pat_builder *b) {
    b->n_el = b->n_pool = 0; /* el, off and pool are written before they are read */
    for (size_t s = 0; s < P->n_slot; s++) {
        const pat_slot_t *sl = &P->slot[s];
        size_t first_el = b->n_el;
        int rc = build_slot(L, P, sl, choice[s], b);
        if (rc != DYAD_OK) return rc;
        /* the slot's first element keeps its connector; the later words of a phrase
         * are consecutive where the format says phrases are (P->tight_phrases) */
        for (size_t e = first_el; e < b->n_el; e++)
            b->el[e].tight = e == first_el ? sl->tight : (uint8_t)P->tight_phrases;
    }
    return DYAD_OK;
}

int pat_expand(dict_loader *L, const pat_parse *P, pat_builder *b, const char *code,
               const uint32_t *head, size_t n_head, const char *file, uint64_t line,
               const char *text, size_t text_len, dict_pattern **out, size_t *n_out) {
    size_t choice[DICT_MAX_PATTERN_ELEMS] = {0}, nvar[DICT_MAX_PATTERN_ELEMS], total = 1;
    *n_out = 0;
    for (size_t q = 0; q < P->n_slot; q++) {
        int hs;
        nvar[q] = slot_variants(P, &P->slot[q], &hs);
        total *= nvar[q];
        if (total > DICT_MAX_PATTERN_EXPANSIONS) return DYAD_ELIMIT;
    }
    for (size_t e = 0; e < total; e++) {
        int rc = build_expansion(L, P, choice, b);
        if (rc != DYAD_OK) return rc;
        dict_pattern *p = pat_finish(L, b, code, head, n_head, file, line, text, text_len);
        if (!p) return DYAD_ENOMEM;
        out[(*n_out)++] = p;
        for (size_t q = 0; q < P->n_slot; q++) { /* the next choice, mixed radix */
            if (++choice[q] < nvar[q]) break;
            choice[q] = 0;
        }
    }
    return DYAD_OK;
}

int dict_add_label(dyad_dict *d, const char *code, size_t cn, const char *name, size_t ln) {
    if (dict_grow((void **)&d->labels, &d->cap_labels, d->n_labels_all, sizeof *d->labels) != DYAD_OK)
        return DYAD_ENOMEM;
    char *c = dict_strndup(d, code, cn), *nm = dict_strndup(d, name, ln);
    if (!c || !nm) return DYAD_ENOMEM;
    d->labels[d->n_labels_all].code = c;
    d->labels[d->n_labels_all].name = nm;
    d->n_labels_all++;
    return DYAD_OK;
}
