/* dict.c: the compiled dictionary: interned words, the phrase trie, the verb index, the
 * CAMEO table, and the lookups the coder and `dyad dict` use. Immutable after open. */
#include "dict_int.h"

#include <stdlib.h>
#include <string.h>

int dict_grow(void **v, size_t *cap, size_t n, size_t sz) {
    if (n < *cap) return DYAD_OK;
    size_t c = *cap ? *cap * 2 : 64;
    if (c > SIZE_MAX / sz) return DYAD_ENOMEM;
    void *p = realloc(*v, c * sz);
    if (!p) return DYAD_ENOMEM;
    *v = p;
    *cap = c;
    return DYAD_OK;
}
#define GROW(d, arr, n, cap) dict_grow((void **)&(d)->arr, &(d)->cap, (d)->n, sizeof *(d)->arr)

char *dict_strndup(dyad_dict *d, const char *s, size_t n) { return arena_strndup(&d->mem, s, n); }

/* The word table's slot hash: a word's tok_hash (the lexicon's, which the tagger has
 * made for each token already), its bits mixed, since the table takes the low ones. */
static uint32_t word_slot_hash(uint32_t h) {
    h ^= h >> 16;
    h *= 0x45d9f3bu;
    h ^= h >> 16;
    return h;
}
static uint64_t hash64(uint64_t x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return x;
}

/* ---- interned words ---- */

static int wtab_rehash(dyad_dict *d) {
    size_t size = d->wtab_size ? d->wtab_size * 2 : 1024;
    uint32_t *t = calloc(size, sizeof *t);
    if (!t) return DYAD_ENOMEM;
    for (size_t id = 1; id <= d->n_words; id++) {
        size_t h = word_slot_hash(tok_hash(d->words[id], d->word_len[id])) & (size - 1);
        while (t[h]) h = (h + 1) & (size - 1);
        t[h] = (uint32_t)id;
    }
    free(d->wtab);
    d->wtab = t;
    d->wtab_size = size;
    return DYAD_OK;
}

uint32_t dict_word_id(const dyad_dict *d, const char *norm, size_t len) {
    return dict_word_id_hashed(d, norm, len, tok_hash(norm, len));
}

uint32_t dict_word_id_hashed(const dyad_dict *d, const char *norm, size_t len, uint32_t th) {
    if (!d || !d->wtab_size) return 0;
    size_t mask = d->wtab_size - 1, h = word_slot_hash(th) & mask;
    for (uint32_t id; (id = d->wtab[h]) != 0; h = (h + 1) & mask)
        if (d->word_len[id] == len && !memcmp(d->words[id], norm, len)) return id;
    return 0;
}

uint32_t dict_intern(dyad_dict *d, const char *norm, size_t len) {
    uint32_t th = tok_hash(norm, len), id = dict_word_id_hashed(d, norm, len, th);
    if (id) return id;
    if ((d->n_words + 2) * 2 > d->wtab_size && wtab_rehash(d) != DYAD_OK) return 0;
    if (d->n_words + 2 > d->cap_words) {
        size_t c = d->cap_words ? d->cap_words * 2 : 1024;
        char **w = realloc(d->words, c * sizeof *w);
        if (!w) return 0;
        d->words = w;
        uint32_t *l = realloc(d->word_len, c * sizeof *l);
        if (!l) return 0;
        d->word_len = l;
        d->cap_words = c;
    }
    char *s = dict_strndup(d, norm, len);
    if (!s) return 0;
    id = (uint32_t)++d->n_words;
    d->words[id] = s;
    d->word_len[id] = (uint32_t)len;
    size_t mask = d->wtab_size - 1, h = word_slot_hash(th) & mask;
    while (d->wtab[h]) h = (h + 1) & mask;
    d->wtab[h] = id;
    return id;
}

/* ---- entries and the trie ---- */

dict_actor *dict_new_entry(dyad_dict *d, int kind, const char *text, const char *file,
                           uint64_t line) {
    if (GROW(d, entries, n_entries, cap_entries) != DYAD_OK) return NULL;
    dict_actor *e = arena_calloc(&d->mem, 1, sizeof *e);
    if (!e) return NULL;
    e->kind = (uint8_t)kind;
    e->text = text;
    e->file = file;
    e->line = line;
    e->index = (uint32_t)d->n_entries;
    d->entries[d->n_entries++] = e;
    return e;
}

const dict_actor *dict_entry(const dyad_dict *d, uint32_t i) { return d->entries[i]; }


static int etab_rehash(dyad_dict *d) {
    size_t size = d->etab_size ? d->etab_size * 2 : 1024;
    uint64_t *k = calloc(size, sizeof *k);
    uint32_t *v = calloc(size, sizeof *v);
    if (!k || !v) {
        free(k);
        free(v);
        return DYAD_ENOMEM;
    }
    for (size_t i = 0; i < d->etab_size; i++) {
        if (!d->etab_key[i]) continue;
        size_t h = hash64(d->etab_key[i]) & (size - 1);
        while (k[h]) h = (h + 1) & (size - 1);
        k[h] = d->etab_key[i];
        v[h] = d->etab_val[i];
    }
    free(d->etab_key);
    free(d->etab_val);
    d->etab_key = k;
    d->etab_val = v;
    d->etab_size = size;
    return DYAD_OK;
}

static uint32_t edge_get(const dyad_dict *d, uint32_t node, uint32_t word) {
    if (!d->etab_size) return 0;
    uint64_t key = (uint64_t)node << 32 | word;
    size_t mask = d->etab_size - 1, h = hash64(key) & mask;
    for (; d->etab_key[h]; h = (h + 1) & mask)
        if (d->etab_key[h] == key) return d->etab_val[h];
    return 0;
}

static int new_node(dyad_dict *d, uint32_t *out) {
    if (GROW(d, node_term, n_nodes, cap_nodes) != DYAD_OK) return DYAD_ENOMEM;
    d->node_term[d->n_nodes] = 0;
    *out = (uint32_t)d->n_nodes++;
    return DYAD_OK;
}

int dict_trie_add(dyad_dict *d, uint32_t root, const uint32_t *ids, size_t n, uint32_t caps,
                  const dict_actor *e) {
    if (n == 0) return DYAD_EINVAL;
    uint32_t node = root;
    for (size_t i = 0; i < n; i++) {
        uint32_t child = edge_get(d, node, ids[i]);
        if (!child) {
            if ((d->n_edges + 1) * 2 > d->etab_size && etab_rehash(d) != DYAD_OK) return DYAD_ENOMEM;
            if (new_node(d, &child) != DYAD_OK) return DYAD_ENOMEM;
            uint64_t key = (uint64_t)node << 32 | ids[i];
            size_t mask = d->etab_size - 1, h = hash64(key) & mask;
            while (d->etab_key[h]) h = (h + 1) & mask;
            d->etab_key[h] = key;
            d->etab_val[h] = child;
            d->n_edges++;
            if (i == 0 && ids[0] < d->n_word_roots) d->word_roots[ids[0]] |= (uint8_t)(1u << root);
        }
        node = child;
    }
    uint32_t idx = e->index;
    for (uint32_t t = d->node_term[node]; t; t = d->terms[t - 1].next) {
        trie_term *tt = &d->terms[t - 1];
        if (tt->caps == caps && d->entries[tt->entry]->kind == e->kind && root != 3) {
            tt->entry = idx; /* a later definition replaces an earlier one */
            return DYAD_OK;
        }
    }
    if (GROW(d, terms, n_terms, cap_terms) != DYAD_OK) return DYAD_ENOMEM;
    d->terms[d->n_terms] = (trie_term){idx, caps, d->node_term[node]};
    d->node_term[node] = (uint32_t)++d->n_terms;
    return DYAD_OK;
}

static uint32_t tok_word(const dyad_dict *d, const tok *t) {
    if (t->word) return t->word;
    if (t->cls != TOK_WORD && t->cls != TOK_NUMBER && t->cls != TOK_POSS && t->cls != TOK_PUNCT)
        return 0;
    return dict_word_id(d, t->norm, t->norm_len);
}

/* False when no name under root starts with word w: most words of a sentence start
 * none, and this says so without probing the edge table. */
static bool may_start(const dyad_dict *d, uint32_t root, uint32_t w) {
    return w >= d->n_word_roots || (d->word_roots[w] >> root & 1u);
}

/* A token whose word is unknown (0) starts no name: tok_word asks the same table again
 * and gets 0, and the trie walk stops there. */
void dict_tok_words(const dyad_dict *d, tok *toks, size_t n) {
    for (size_t i = 0; i < n; i++) {
        uint32_t w = dict_word_id_hashed(d, toks[i].norm, toks[i].norm_len, toks[i].hash);
        toks[i].word = w;
        toks[i].roots = !w ? 0 : w >= d->n_word_roots ? 0xffu : d->word_roots[w];
    }
}

const char *dict_weapon_code(const dyad_dict *d, const tok *toks, size_t k, bool attack_noun) {
    uint32_t w = toks[k].word, b = k > 0 ? toks[k - 1].word : 0;
    if (!d || !w) return NULL;
    const char *one = NULL;
    for (size_t i = 0; i < d->n_weapons; i++) {
        const dict_weapon *x = &d->weapons[i];
        if (x->last != w || (bool)x->attack_noun != attack_noun) continue;
        if (!x->before) one = x->code;
        else if (x->before == b) return x->code;
    }
    return one;
}

/* The longest match under root starting at toks[i]; kinds: bit mask of 1 << kind. */
static size_t trie_match(const dyad_dict *d, uint32_t root, unsigned kinds, const tok *toks,
                         size_t n, size_t i, const dict_actor **hit) {
    *hit = NULL;
    if (!d || root >= d->n_nodes) return 0;
    size_t best = 0;
    uint32_t node = root;
    for (size_t j = i; j < n && j - i < DICT_MAX_NAME_WORDS; j++) {
        uint32_t w = tok_word(d, &toks[j]);
        if (!w || (j == i && !may_start(d, root, w)) || !(node = edge_get(d, node, w))) break;
        const dict_actor *found = NULL;
        for (uint32_t t = d->node_term[node]; t; t = d->terms[t - 1].next) {
            const trie_term *tt = &d->terms[t - 1];
            const dict_actor *e = d->entries[tt->entry];
            if (!(kinds & (1u << e->kind))) continue;
            int ok = 1;
            for (uint32_t c = tt->caps, k = 0; c && ok; c >>= 1, k++)
                if ((c & 1) && !(toks[i + k].flags & (TOK_ALLCAPS | TOK_ABBREV))) ok = 0;
            if (!ok) continue;
            if (!found || (found->kind != DICT_ACTOR && e->kind == DICT_ACTOR)) found = e;
        }
        if (found) {
            best = j - i + 1;
            *hit = found;
        }
    }
    return best;
}

size_t dict_match_actor(const dyad_dict *d, const tok *toks, size_t n, size_t i,
                        const dict_actor **hit) {
    return trie_match(d, 1, 1u << DICT_ACTOR | 1u << DICT_AGENT, toks, n, i, hit);
}

size_t dict_match_short(const dyad_dict *d, const tok *toks, size_t n, size_t i,
                        const dict_actor **hits, size_t max, size_t *n_hits) {
    *n_hits = 0;
    if (!d || d->n_nodes <= 3) return 0;
    size_t best = 0;
    uint32_t node = 3;
    for (size_t j = i; j < n && j - i < DICT_MAX_NAME_WORDS; j++) {
        uint32_t w = tok_word(d, &toks[j]);
        if (!w || (j == i && !may_start(d, 3, w)) || !(node = edge_get(d, node, w))) break;
        size_t k = 0;
        for (uint32_t t = d->node_term[node]; t; t = d->terms[t - 1].next) {
            const trie_term *tt = &d->terms[t - 1];
            int ok = 1;
            for (uint32_t c = tt->caps, b = 0; c && ok; c >>= 1, b++)
                if ((c & 1) && !(toks[i + b].flags & (TOK_ALLCAPS | TOK_ABBREV))) ok = 0;
            if (ok && k < max) hits[k++] = d->entries[tt->entry]->full;
        }
        if (k) {
            best = j - i + 1;
            *n_hits = k;
        }
    }
    return best;
}

size_t dict_match_actor_ex(const dyad_dict *d, const tok *toks, size_t n, size_t i,
                           const dict_actor **hit, unsigned *hit_flags) {
    *hit_flags = 0;
    size_t m = dict_match_actor(d, toks, n, i, hit);
    const dict_actor *sh[1];
    size_t nh, k = dict_match_short(d, toks, n, i, sh, 1, &nh);
    if (k > m) { /* a full name of the same length wins */
        *hit = sh[0];
        *hit_flags = DICT_HIT_SHORT;
        return k;
    }
    return m;
}

bool dict_actor_is_person(const dict_actor *a) { return a && a->person; }

bool dict_actor_is_community(const dict_actor *a) { return a && a->community; }

bool dict_actor_active(const dict_actor *a, int32_t date) {
    if (!a || !date) return false;
    for (size_t i = 0; i < a->n_codes; i++) {
        const dict_code *c = &a->codes[i];
        if (c->dated && (!c->from || date >= c->from) && (!c->to || date <= c->to)) return true;
    }
    return false;
}

bool dict_actor_dated(const dict_actor *a) {
    for (size_t i = 0; a && i < a->n_codes; i++)
        if (a->codes[i].dated) return true;
    return false;
}

const char *dict_discard_match(const dyad_dict *d, const tok *toks, size_t n, size_t i,
                               size_t *n_matched, int *scope) {
    const dict_actor *hit;
    size_t m = trie_match(d, 2, 1u << DICT_DISCARD, toks, n, i, &hit);
    if (n_matched) *n_matched = m;
    if (scope) *scope = m ? hit->discard_scope : DICT_DISCARD_TALLY;
    return m ? hit->reason : NULL;
}

int dict_actor_kind(const dict_actor *a) { return a->kind; }

/* The code of a in effect on date: the first dated one that covers it, else the first
 * undated one; NULL when none. With no date (0: the story has none) and no undated
 * code, the latest dated one: an undated story that names "Yugoslavia" or "the Soviet
 * Union" means that state, the only one the name can mean. */
static const dict_code *code_on(const dict_actor *a, int32_t date) {
    const dict_code *def = NULL, *latest = NULL;
    for (size_t i = 0; i < a->n_codes; i++) {
        const dict_code *c = &a->codes[i];
        if (!c->dated) {
            if (!def) def = c;
        } else if (date && (!c->from || date >= c->from) && (!c->to || date <= c->to)) {
            return c;
        } else if (!date) {
            /* an open end is the latest; then the later end, then the later start */
            int64_t e = c->to ? c->to : INT32_MAX, le = latest ? (latest->to ? latest->to : INT32_MAX) : -1;
            if (!latest || e > le || (e == le && c->from > latest->from)) latest = c;
        }
    }
    return def ? def : latest;
}

const char *dict_actor_code_latest(const dict_actor *a) {
    const dict_code *best = NULL;
    for (size_t i = 0; i < a->n_codes; i++) {
        const dict_code *c = &a->codes[i];
        if (!c->dated) continue;
        /* an open end is the latest; then the later end, then the later start */
        int64_t e = c->to ? c->to : INT32_MAX, be = best ? (best->to ? best->to : INT32_MAX) : -1;
        if (!best || e > be || (e == be && c->from > best->from)) best = c;
    }
    const char *def = dict_actor_code(a, 0);
    if (!best) return def;
    /* an undated default other than an elite (an opposition leader, an armed group's
     * chief) is the person's standing outside office: kept unless the office is open */
    size_t n = def ? strlen(def) : 0;
    if (best->to && n >= 3 && strcmp(def + n - 3, "ELI")) return def;
    return best->code;
}

const char *dict_actor_code(const dict_actor *a, int32_t date) {
    const dict_code *c = code_on(a, date);
    return c ? c->code : NULL;
}

const char *dict_actor_also(const dict_actor *a, int32_t date) {
    const dict_code *c = code_on(a, date);
    return c ? c->also : NULL;
}

void dict_actor_where(const dict_actor *a, const char **file, uint64_t *line, const char **text) {
    if (file) *file = a->file;
    if (line) *line = a->line;
    if (text) *text = a->text;
}

/* ---- verbs ---- */

int dict_add_pattern(dyad_dict *d, dict_pattern *p) {
    if (GROW(d, patterns, n_patterns, cap_patterns) != DYAD_OK) return DYAD_ENOMEM;
    d->patterns[d->n_patterns++] = p;
    return DYAD_OK;
}

static int add_pair(dyad_dict *d, uint32_t word, const dict_pattern *p, int derived) {
    if (!word) return DYAD_ENOMEM;
    if (GROW(d, pairs, n_pairs, cap_pairs) != DYAD_OK) return DYAD_ENOMEM;
    d->pairs[d->n_pairs] = (verb_pair){word, (uint32_t)d->n_pairs, p, (uint8_t)derived};
    d->n_pairs++;
    return DYAD_OK;
}

int dict_add_pair(dyad_dict *d, uint32_t word, const dict_pattern *p) { return add_pair(d, word, p, 0); }

static int irr_cmp(const void *a, const void *b) {
    return strcmp(((const irregular *)a)->f[0], ((const irregular *)b)->f[0]);
}

int dict_add_verb_forms(dyad_dict *d, const char *lemma, const dict_pattern *p) {
    const char *const *irr = NULL;
    /* the dictionary's own table wins (a few hundred verbs, scanned for each of tens of
     * thousands of patterns: the first letter is compared before the call) */
    for (size_t i = 0; i < d->n_irr; i++)
        if (d->irr[i].f[0][0] == lemma[0] && !strcmp(d->irr[i].f[0], lemma)) irr = d->irr[i].f;
    if (!irr) irr = infl_find_irregular(lemma);
    dyad_buf b = {0};
    const char *forms[5];
    int rc = infl_forms(lemma, irr, &b, forms);
    for (int i = 0; rc == DYAD_OK && i < 5; i++) {
        int dup = 0;
        for (int j = 0; j < i; j++) dup |= !strcmp(forms[i], forms[j]);
        if (!dup) rc = add_pair(d, dict_intern(d, forms[i], strlen(forms[i])), p, i > 0);
    }
    dyad_buf_free(&b);
    return rc;
}

/* The pairs by word id, in file order within a word (a pair's order is its index in
 * d->pairs), each (word, pattern) pair once, its first: a counting sort by word id, which
 * keeps the order of equal words, and a table of the pairs kept. The same pairs in the
 * same order as sorting by (word, pattern, order), dropping repeats and sorting again by
 * (word, order), which two qsorts did in a fifth of the dictionary's loading. */
static int sort_pairs(dyad_dict *d) {
    size_t n = d->n_pairs, top = 0, cap = 16;
    for (size_t i = 0; i < n; i++)
        if (d->pairs[i].word > top) top = d->pairs[i].word;
    while (cap < 2 * n) cap *= 2;
    size_t *at = calloc(top + 2, sizeof *at);
    verb_pair *out = malloc(n * sizeof *out);
    uint32_t *kept = calloc(cap, sizeof *kept); /* index + 1 in out of a pair kept; 0 = empty */
    if (!at || !out || !kept) {
        free(at);
        free(out);
        free(kept);
        return DYAD_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) at[d->pairs[i].word + 1]++;
    for (size_t w = 1; w <= top + 1; w++) at[w] += at[w - 1];
    for (size_t i = 0; i < n; i++) out[at[d->pairs[i].word]++] = d->pairs[i];
    size_t u = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t w = out[i].word;
        const dict_pattern *p = out[i].p;
        size_t h = (size_t)hash64((uint64_t)w << 32 ^ (uint64_t)(uintptr_t)p) & (cap - 1);
        bool seen = false;
        for (uint32_t k; (k = kept[h]) != 0; h = (h + 1) & (cap - 1))
            if (out[k - 1].word == w && out[k - 1].p == p) {
                seen = true;
                break;
            }
        if (seen) continue;
        out[u] = out[i];
        kept[h] = (uint32_t)++u;
    }
    free(at);
    free(kept);
    free(d->pairs);
    d->pairs = out;
    d->n_pairs = u;
    d->cap_pairs = n;
    return DYAD_OK;
}

static int cameo_cmp(const void *a, const void *b) {
    return strcmp(((const dyad_cameo *)a)->code, ((const dyad_cameo *)b)->code);
}

static int str_cmp(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The event codes a community verb dictionary uses without the CAMEO table knowing them
 * (PETR.Validate's 345 and 9xx, TABARI's test codes) get entries of their own, so the
 * events they code are emitted as written: the Goldstein value of their root when the
 * root is CAMEO's, else 0; QuadClass 0 outside roots 01-20. d->cameo is sorted on entry
 * and on return. */
static int add_defined_codes(dyad_dict *d) {
    size_t before = d->n_cameo;
    for (size_t i = 0; i < d->n_patterns; i++) {
        const dict_pattern *p = d->patterns[i];
        if (!(p->flags & DICT_PAT_DEFINED_CODE) || !p->code[0]) continue;
        size_t lo = 0, hi = before; /* the sorted part */
        int found = 0;
        while (lo < hi && !found) {
            size_t mid = (lo + hi) / 2;
            int c = strcmp(p->code, d->cameo[mid].code);
            if (!c) found = 1;
            else if (c < 0) hi = mid;
            else lo = mid + 1;
        }
        for (size_t j = before; j < d->n_cameo && !found; j++) found = !strcmp(p->code, d->cameo[j].code);
        if (found) continue;
        char root[3] = {p->code[0], p->code[1], 0};
        const dyad_cameo *r = dyad_cameo_find(d, root); /* in the sorted part */
        double g = r ? r->goldstein : 0.0;
        if (GROW(d, cameo, n_cameo, cap_cameo) != DYAD_OK) return DYAD_ENOMEM;
        dyad_cameo *c = &d->cameo[d->n_cameo];
        const char *pre = "defined by ";
        size_t fl = strlen(p->file ? p->file : "");
        char *name = NULL;
        for (size_t k = d->n_labels_all; k-- > 0 && !name;) /* a TABARI label, the last */
            if (!strcmp(d->labels[k].code, p->code)) name = (char *)d->labels[k].name;
        if (!name) {
            name = arena_alloc(&d->mem, strlen(pre) + fl + 1);
            if (!name) return DYAD_ENOMEM;
            memcpy(name, pre, strlen(pre));
            memcpy(name + strlen(pre), p->file ? p->file : "", fl + 1);
        }
        *c = (dyad_cameo){.code = p->code, .name = name, .goldstein = g};
        d->n_cameo++;
    }
    if (d->n_cameo == before) return DYAD_OK;
    d->n_defined = d->n_cameo - before;
    d->defined = malloc(d->n_defined * sizeof *d->defined);
    if (!d->defined) return DYAD_ENOMEM;
    for (size_t i = 0; i < d->n_defined; i++) d->defined[i] = d->cameo[before + i].code;
    qsort(d->defined, d->n_defined, sizeof *d->defined, str_cmp);
    qsort(d->cameo, d->n_cameo, sizeof *d->cameo, cameo_cmp);
    return DYAD_OK;
}

static int acode_cmp(const void *a, const void *b) {
    const struct acode_key *x = a, *y = b;
    int c = memcmp(x->code, y->code, 3);
    return c ? c : (x->index > y->index) - (x->index < y->index);
}

/* The sets of one verb while they are made: a hash table of their indices (plus one;
 * 0 empty), mask + 1 slots. */
typedef struct set_table {
    uint32_t *slot;
    size_t mask;
} set_table;

/* The index, from the verb's first set at first, of a set of the words of el among the
 * verb's sets so far (*ns of them in all), added when there is none. */
static uint32_t need_set(dyad_dict *d, set_table *t, size_t first, size_t *ns, const dict_elem *el) {
    uint32_t h = 2166136261u ^ el->n_alts;
    for (uint16_t k = 0; k < el->n_alts && k < 4; k++) h = (h ^ el->alts[k]) * 16777619u; /* enough to tell them apart */
    for (size_t i = h & t->mask;; i = (i + 1) & t->mask) {
        if (!t->slot[i]) {
            d->vset[*ns] = (dict_word_set){el->alts, el->n_alts};
            t->slot[i] = (uint32_t)(*ns - first + 1);
            return (uint32_t)((*ns)++ - first);
        }
        const dict_word_set *s = &d->vset[first + t->slot[i] - 1];
        if (s->n == el->n_alts && (!el->n_alts || !memcmp(s->w, el->alts, el->n_alts * sizeof *el->alts)))
            return t->slot[i] - 1;
    }
}

/* Appends to vneed, at nn, the sets pattern p needs (dict_verb); returns the new end. */
static size_t add_needs(dyad_dict *d, set_table *t, const dict_pattern *p, size_t first, size_t *ns, size_t nn) {
    uint16_t n_req = dict_pattern_n_required(p);
    const dict_elem *pick = NULL; /* the required element of fewest words */
    for (uint16_t e = 0; e < n_req; e++) {
        const dict_elem *el = &p->elem[e];
        if (el->kind == DICT_EL_WORD && el->n_alts && el->n_alts <= DICT_NEED_WORDS &&
            (!pick || el->n_alts < pick->n_alts))
            pick = el;
    }
    if (pick) d->vneed[nn++] = need_set(d, t, first, ns, pick);
    if (p->flags & DICT_PAT_LOOSE) return nn;
    for (uint16_t e = 0; e < n_req; e++)
        if (p->elem[e].kind == DICT_EL_WORD && &p->elem[e] != pick)
            d->vneed[nn++] = need_set(d, t, first, ns, &p->elem[e]);
    return nn;
}

/* dict_verb's mask and buckets of every verb with sets (vmask_at, vmask, vbefore,
 * vbucket_at, vbucket, vbset): the words of its sets marked in its mask and counted by
 * bucket, the buckets of the mask given their starts in order, then the sets placed. */
static int verb_buckets(dyad_dict *d) {
    size_t n_verbs = 0, n_words = 0, ns = d->n_vidx ? d->vset_start[d->n_vidx - 1] : 0;
    for (size_t w = 0; w + 1 < d->n_vidx; w++) n_verbs += d->vset_start[w + 1] > d->vset_start[w];
    for (size_t s = 0; s < ns; s++) n_words += d->vset[s].n;
    d->vmask_at = malloc((d->n_vidx ? d->n_vidx : 1) * sizeof *d->vmask_at);
    d->vmask = calloc(16 * (n_verbs ? n_verbs : 1), sizeof *d->vmask);
    d->vbefore = malloc(16 * (n_verbs ? n_verbs : 1) * sizeof *d->vbefore);
    d->vbucket_at = malloc((n_verbs ? n_verbs : 1) * sizeof *d->vbucket_at);
    d->vbucket = malloc((n_words + n_verbs + 1) * sizeof *d->vbucket);
    d->vbset = malloc((n_words ? n_words : 1) * sizeof *d->vbset);
    if (!d->vmask_at || !d->vmask || !d->vbefore || !d->vbucket_at || !d->vbucket || !d->vbset) return DYAD_ENOMEM;
    /* the forms of a verb mostly have the same sets (the same words, in the same order):
     * a form whose sets another's are has that one's buckets. By a hash of the sets'
     * words: per slot, the first such verb's word id + 1 */
    size_t mask_slots = 1;
    while (mask_slots < 2 * n_verbs) mask_slots *= 2;
    uint32_t *same = calloc(mask_slots, sizeof *same);
    if (!same) return DYAD_ENOMEM;
    uint32_t at[1024]; /* per bucket: the verb's words in it, then where the next set goes */
    size_t k = 0, nb = 0, nw = 0;
    for (size_t w = 0; w < d->n_vidx; w++) {
        d->vmask_at[w] = UINT32_MAX;
        if (w + 1 >= d->n_vidx || d->vset_start[w + 1] == d->vset_start[w]) continue;
        const dict_word_set *set = &d->vset[d->vset_start[w]];
        uint32_t n_sets = d->vset_start[w + 1] - d->vset_start[w];
        uint64_t h = n_sets;
        for (uint32_t s = 0; s < n_sets; s++) h = (h ^ (uintptr_t)set[s].w ^ set[s].n) * 0x100000001b3ull;
        size_t slot = (size_t)(h ^ h >> 29) & (mask_slots - 1);
        for (; same[slot]; slot = (slot + 1) & (mask_slots - 1)) {
            uint32_t o = same[slot] - 1;
            const dict_word_set *other = &d->vset[d->vset_start[o]];
            uint32_t s = 0;
            if (d->vset_start[o + 1] - d->vset_start[o] == n_sets)
                while (s < n_sets && other[s].w == set[s].w && other[s].n == set[s].n) s++;
            if (s == n_sets) break;
        }
        if (same[slot]) {
            d->vmask_at[w] = d->vmask_at[same[slot] - 1];
            continue;
        }
        same[slot] = (uint32_t)w + 1;
        uint64_t *mask = &d->vmask[16 * k];
        uint16_t *before = &d->vbefore[16 * k];
        memset(at, 0, sizeof at);
        for (uint32_t s = 0; s < n_sets; s++)
            for (uint32_t j = 0; j < set[s].n; j++) {
                uint32_t b = set[s].w[j] & 1023u;
                mask[b >> 6] |= 1ull << (b & 63u);
                at[b]++;
            }
        uint32_t *start = &d->vbucket[nb], bits = 0, pos = (uint32_t)nw;
        for (uint32_t q = 0; q < 16; q++) {
            before[q] = (uint16_t)bits;
            for (uint64_t m = mask[q]; m; m &= m - 1) {
                uint32_t b = q * 64 + (uint32_t)__builtin_ctzll(m), n = at[b];
                start[bits++] = at[b] = pos;
                pos += n;
            }
        }
        start[bits] = pos;
        for (uint32_t s = 0; s < n_sets; s++)
            for (uint32_t j = 0; j < set[s].n; j++) d->vbset[at[set[s].w[j] & 1023u]++] = s;
        nw = pos;
        d->vbucket_at[k] = (uint32_t)nb;
        d->vmask_at[w] = (uint32_t)k++;
        nb += bits + 1;
    }
    free(same);
    return DYAD_OK;
}

int dict_finalize(dyad_dict *d) {
    (void)irr_cmp;
    /* the verb index: per word id, the patterns whose head verb has that form */
    /* drop repeated (word, pattern) pairs, keeping the first; then file order per word */
    if (d->n_pairs && sort_pairs(d) != DYAD_OK) return DYAD_ENOMEM;
    /* A form a community verb file writes as a verb of its own ("LEFT [032:033]") is
     * that verb only: PETRARCH makes no irregular forms, so "left" is no form of its
     * "LEAVE" there. The inflections dyad makes for community verbs give way to it. */
    size_t u = 0;
    for (size_t i = 0, j; i < d->n_pairs; i = j) {
        bool written = false;
        for (j = i; j < d->n_pairs && d->pairs[j].word == d->pairs[i].word; j++)
            written |= !d->pairs[j].derived && (d->pairs[j].p->flags & DICT_PAT_LOOSE);
        for (size_t k = i; k < j; k++)
            if (!(written && d->pairs[k].derived && (d->pairs[k].p->flags & DICT_PAT_LOOSE)))
                d->pairs[u++] = d->pairs[k];
    }
    d->n_pairs = u;
    d->n_vidx = d->n_words + 2;
    d->vidx_start = calloc(d->n_vidx, sizeof *d->vidx_start);
    d->vset_start = calloc(d->n_vidx, sizeof *d->vset_start);
    d->vlist = malloc((d->n_pairs ? d->n_pairs : 1) * sizeof *d->vlist);
    d->vneed_start = malloc((d->n_pairs + 1) * sizeof *d->vneed_start);
    size_t cap = 1, most = 1; /* a pattern needs at most its required elements */
    for (size_t i = 0, j; i < d->n_pairs; i = j) {
        size_t verb = 0;
        for (j = i; j < d->n_pairs && d->pairs[j].word == d->pairs[i].word; j++)
            verb += dict_pattern_n_required(d->pairs[j].p);
        cap += verb;
        if (verb > most) most = verb;
    }
    set_table t = {NULL, 1};
    while (t.mask + 1 < 2 * most) t.mask = 2 * t.mask + 1;
    t.slot = malloc((t.mask + 1) * sizeof *t.slot);
    d->vneed = malloc(cap * sizeof *d->vneed);
    d->vset = malloc(cap * sizeof *d->vset);
    if (!t.slot || !d->vidx_start || !d->vset_start || !d->vlist || !d->vneed_start || !d->vneed ||
        !d->vset) {
        free(t.slot);
        return DYAD_ENOMEM;
    }
    size_t m = 0, nn = 0, ns = 0;
    for (size_t i = 0, j; i < d->n_pairs; i = j) { /* one head verb form at a time */
        uint32_t w = d->pairs[i].word;
        size_t first = ns, verb = 0;
        for (j = i; j < d->n_pairs && d->pairs[j].word == w; j++) verb += dict_pattern_n_required(d->pairs[j].p);
        set_table vt = {t.slot, 1}; /* at most half full */
        while (vt.mask + 1 < 2 * verb) vt.mask = 2 * vt.mask + 1;
        memset(vt.slot, 0, (vt.mask + 1) * sizeof *vt.slot);
        for (j = i; j < d->n_pairs && d->pairs[j].word == w; j++, m++) {
            d->vlist[m] = d->pairs[j].p;
            d->vneed_start[m] = (uint32_t)nn;
            nn = add_needs(d, &vt, d->pairs[j].p, first, &ns, nn);
        }
        d->vidx_start[w + 1] = (uint32_t)(j - i);
        d->vset_start[w + 1] = (uint32_t)(ns - first);
    }
    d->vneed_start[m] = (uint32_t)nn;
    free(t.slot);
    for (size_t w = 1; w < d->n_vidx; w++) {
        d->vidx_start[w] += d->vidx_start[w - 1];
        d->vset_start[w] += d->vset_start[w - 1];
    }
    /* per set, the patterns of its verb whose first set it is; per verb, those with none */
    d->vfirst_start = calloc(ns + 2, sizeof *d->vfirst_start);
    d->vfirst = malloc((m ? m : 1) * sizeof *d->vfirst);
    d->vfree_start = calloc(d->n_vidx, sizeof *d->vfree_start);
    d->vfree = malloc((m ? m : 1) * sizeof *d->vfree);
    if (!d->vfirst_start || !d->vfirst || !d->vfree_start || !d->vfree) return DYAD_ENOMEM;
    for (size_t w = 0; w + 1 < d->n_vidx; w++)
        for (uint32_t i = d->vidx_start[w]; i < d->vidx_start[w + 1]; i++) {
            if (d->vneed_start[i] < d->vneed_start[i + 1])
                d->vfirst_start[d->vset_start[w] + d->vneed[d->vneed_start[i]] + 2]++;
            else
                d->vfree_start[w + 1]++;
        }
    for (size_t s = 2; s < ns + 2; s++) d->vfirst_start[s] += d->vfirst_start[s - 1];
    for (size_t w = 1; w < d->n_vidx; w++) d->vfree_start[w] += d->vfree_start[w - 1];
    for (size_t w = 0; w + 1 < d->n_vidx; w++) /* vfirst_start[s + 1] is set s's cursor here */
        for (uint32_t i = d->vidx_start[w], f = d->vfree_start[w]; i < d->vidx_start[w + 1]; i++) {
            if (d->vneed_start[i] < d->vneed_start[i + 1])
                d->vfirst[d->vfirst_start[d->vset_start[w] + d->vneed[d->vneed_start[i]] + 1]++] = i - d->vidx_start[w];
            else
                d->vfree[f++] = i - d->vidx_start[w];
        }
    if (verb_buckets(d) != DYAD_OK) return DYAD_ENOMEM;
    free(d->pairs);
    d->pairs = NULL;
    d->n_pairs = d->cap_pairs = 0;
    /* the CAMEO table: sorted; of duplicate codes the later definition stays */
    for (size_t i = 0; i < d->n_cameo; i++) d->cameo[i].root = (int)i; /* stable order */
    if (d->n_cameo) qsort(d->cameo, d->n_cameo, sizeof *d->cameo, cameo_cmp);
    size_t k = 0;
    for (size_t i = 0; i < d->n_cameo; i++) {
        if (k && !strcmp(d->cameo[k - 1].code, d->cameo[i].code)) {
            if (d->cameo[i].root > d->cameo[k - 1].root) d->cameo[k - 1] = d->cameo[i];
            continue;
        }
        d->cameo[k++] = d->cameo[i];
    }
    d->n_cameo = k;
    if (add_defined_codes(d) != DYAD_OK) return DYAD_ENOMEM;
    for (size_t i = 0; i < d->n_cameo; i++) {
        const char *c = d->cameo[i].code;
        d->cameo[i].root = (c[0] - '0') * 10 + (c[1] - '0');
        d->cameo[i].quad_class = dyad_cameo_quad_class(d->cameo[i].root);
    }
    /* patterns per event code, for stats */
    d->cameo_npat = calloc(d->n_cameo ? d->n_cameo : 1, sizeof *d->cameo_npat);
    if (!d->cameo_npat) return DYAD_ENOMEM;
    for (size_t i = 0; i < d->n_patterns; i++) {
        const dyad_cameo *c = dyad_cameo_find(d, d->patterns[i]->code);
        if (c) d->cameo_npat[c - d->cameo]++;
    }
    /* the version: the distinct versions of all files, sorted, joined with '+' */
    if (d->n_versions) qsort(d->versions, d->n_versions, sizeof *d->versions, str_cmp);
    dyad_buf b = {0};
    for (size_t i = 0; i < d->n_versions; i++) {
        if (i && !strcmp(d->versions[i], d->versions[i - 1])) continue;
        if (b.len) dyad_buf_puts(&b, "+");
        if (dyad_buf_puts(&b, d->versions[i]) != DYAD_OK) break;
    }
    d->version = dict_strndup(d, b.data ? b.data : "", b.len);
    dyad_buf_free(&b);
    if (!d->version) return DYAD_ENOMEM;
    /* the words that start names, per trie root */
    d->word_roots = arena_calloc(&d->mem, d->n_words + 1, 1);
    if (!d->word_roots) return DYAD_ENOMEM;
    for (size_t i = 0; i < d->etab_size; i++) {
        uint64_t key = d->etab_key[i];
        uint32_t parent = (uint32_t)(key >> 32), word = (uint32_t)key;
        if (key && parent >= 1 && parent <= 3 && word <= d->n_words) d->word_roots[word] |= (uint8_t)(1u << parent);
    }
    d->n_word_roots = d->n_words + 1;
    /* the actor code blocks by code, for dict_block_type */
    d->acode_order = arena_alloc(&d->mem, (d->n_acodes ? d->n_acodes : 1) * sizeof *d->acode_order);
    if (!d->acode_order) return DYAD_ENOMEM;
    for (size_t i = 0; i < d->n_acodes; i++) {
        memcpy(d->acode_order[i].code, d->acodes[i].code, 3);
        d->acode_order[i].index = (uint32_t)i;
    }
    if (d->n_acodes) qsort(d->acode_order, d->n_acodes, sizeof *d->acode_order, acode_cmp);
    return DYAD_OK;
}

/* The word of t (its form, else its lemma) that has verb patterns, or 0 when neither
 * has any. */
static uint32_t verb_word(const dyad_dict *d, const tok *t) {
    uint32_t w = tok_word(d, t);
    if ((!w || w + 1 >= d->n_vidx || d->vidx_start[w] == d->vidx_start[w + 1]) && t->lemma &&
        t->lemma != t->norm)
        w = dict_word_id(d, t->lemma, strlen(t->lemma));
    if (!w || w + 1 >= d->n_vidx || d->vidx_start[w] == d->vidx_start[w + 1]) return 0;
    return w;
}

size_t dict_verb_patterns(const dyad_dict *d, const tok *t, dict_verb *out) {
    *out = (dict_verb){0};
    uint32_t w = verb_word(d, t);
    if (!w) return 0;
    size_t s = d->vidx_start[w], e = d->vidx_start[w + 1];
    out->n = e - s;
    out->pats = (const dict_pattern *const *)&d->vlist[s];
    out->need_start = &d->vneed_start[s];
    out->need = d->vneed;
    out->set = &d->vset[d->vset_start[w]];
    out->n_sets = d->vset_start[w + 1] - d->vset_start[w];
    out->first_start = &d->vfirst_start[d->vset_start[w]];
    out->first = d->vfirst;
    out->free = &d->vfree[d->vfree_start[w]];
    out->n_free = d->vfree_start[w + 1] - d->vfree_start[w];
    uint32_t k = d->vmask_at[w];
    if (k != UINT32_MAX) {
        out->mask = &d->vmask[16 * (size_t)k];
        out->before = &d->vbefore[16 * (size_t)k];
        out->bucket_start = &d->vbucket[d->vbucket_at[k]];
        out->bucket_set = d->vbset;
    }
    return e - s;
}

bool dict_is_pattern_verb(const dyad_dict *d, const tok *t) {
    return verb_word(d, t) != 0; /* dict_verb_patterns's answer, its table not filled */
}

size_t dict_code_n_patterns(const dyad_dict *d, const char *code) {
    const dyad_cameo *c = dyad_cameo_find(d, code);
    if (c && d->cameo_npat) return d->cameo_npat[c - d->cameo];
    size_t n = 0; /* a code outside the table */
    for (size_t i = 0; i < d->n_patterns; i++) n += !strcmp(d->patterns[i]->code, code);
    return n;
}

/* ---- codes ---- */

int dict_valid_code(const char *s, size_t n) {
    if (n < 3 || n >= DYAD_MAX_CODE_BYTES) return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
            return 0;
    return 1;
}

const char *dict_compose(const char *actor_code, const char *agent_code,
                         char out[DYAD_MAX_CODE_BYTES]) {
    const char *a = agent_code ? agent_code : "";
    while (*a == '~') a++;
    size_t al = strlen(a);
    if (al > 1 && a[al - 1] == '~') { /* a prefix agent (PETRARCH's NGO~): before the actor */
        snprintf(out, DYAD_MAX_CODE_BYTES, "%.*s%s", (int)(al - 1), a, actor_code ? actor_code : "");
        return out;
    }
    if (actor_code && (!strncmp(actor_code, "IGO", 3) || !strncmp(actor_code, "NGO", 3))) {
        snprintf(out, DYAD_MAX_CODE_BYTES, "%s", actor_code); /* organisations keep theirs */
        return out;
    }
    /* the country block of the actor, then the agent's sector blocks */
    if (actor_code && strlen(actor_code) >= 3) memcpy(out, actor_code, 3);
    else memcpy(out, "---", 3);
    if (al > DYAD_MAX_CODE_BYTES - 4) al = (DYAD_MAX_CODE_BYTES - 4) / 3 * 3;
    memcpy(out + 3, a, al);
    out[3 + al] = '\0';
    return out;
}

/* ---- public API ---- */

void dyad_dict_free(dyad_dict *d) {
    if (!d) return;
    arena_free(&d->scratch);
    free(d->words);
    free(d->word_len);
    free(d->wtab);
    free(d->entries);
    free(d->node_term);
    free(d->terms);
    free(d->etab_key);
    free(d->etab_val);
    free(d->patterns);
    free(d->pairs);
    free(d->vidx_start);
    free(d->vlist);
    free(d->vneed_start);
    free(d->vneed);
    free(d->vset_start);
    free(d->vset);
    free(d->vfirst_start);
    free(d->vfirst);
    free(d->vfree_start);
    free(d->vfree);
    free(d->vmask_at);
    free(d->vmask);
    free(d->vbefore);
    free(d->vbucket_at);
    free(d->vbucket);
    free(d->vbset);
    free(d->irr);
    free(d->weapons);
    free(d->cameo);
    free(d->acodes);
    free(d->versions);
    free(d->verb_lemmas);
    free(d->cameo_npat);
    free(d->defined);
    free(d->labels);
    arena_free(&d->mem);
    free(d);
}

bool dict_code_defined(const dyad_dict *d, const char *code) {
    return d->n_defined &&
           bsearch(&code, d->defined, d->n_defined, sizeof *d->defined, str_cmp) != NULL;
}

const char *dyad_dict_version(const dyad_dict *d) { return d && d->version ? d->version : ""; }

const dyad_cameo *dyad_cameo_find(const dyad_dict *d, const char *code) {
    if (!d || !code) return NULL;
    size_t lo = 0, hi = d->n_cameo;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const unsigned char *x = (const unsigned char *)code, *y = (const unsigned char *)d->cameo[mid].code;
        while (*x && *x == *y) x++, y++; /* strcmp inline: codes are three or four bytes */
        int c = (int)*x - (int)*y;
        if (!c) return &d->cameo[mid];
        if (c < 0) hi = mid;
        else lo = mid + 1;
    }
    return NULL;
}

const dyad_cameo *dyad_cameo_table(const dyad_dict *d, size_t *n) {
    *n = d ? d->n_cameo : 0;
    return d ? d->cameo : NULL;
}

int dyad_cameo_quad_class(int root) {
    if (root < 1 || root > 20) return 0;
    return root <= 5 ? 1 : root <= 8 ? 2 : root <= 13 ? 3 : 4;
}

int dyad_cameo_penta_class(int root) {
    if (root < 1 || root > 20) return -1;
    if (root <= 2) return 0;
    if (root <= 5) return 1;
    if (root <= 8) return 2;
    if (root <= 13 || root == 16) return 3;
    return 4;
}

void dyad_dict_get_stats(const dyad_dict *d, dyad_dict_stats *st) {
    memset(st, 0, sizeof *st);
    if (!d) return;
    st->actors = d->n_actors;
    st->agents = d->n_agents;
    st->discards = d->n_discards;
    st->verbs = d->n_verbs;
    st->patterns = d->n_patterns;
    st->synsets = d->n_synsets;
    st->codes = d->n_cameo;
    for (size_t i = 0; i < d->n_cameo; i++)
        if (!d->cameo_npat || !d->cameo_npat[i]) st->codes_without_patterns++;
}

static void fill_match(dyad_actor_match *out, const dict_actor *e, const char *code, size_t n) {
    snprintf(out->code, sizeof out->code, "%s", code);
    out->n_words = n;
    out->entry = e->text;
    out->file = e->file;
    out->line = e->line;
}

/* The composition rule (docs/dictionary-format.md, "Looking a phrase up"): the longest
 * actor match in the phrase decides; a bare country or organisation code (one block)
 * takes the sector of an agent in the phrase; an agent alone gets the country `---`. */
int dyad_dict_lookup(const dyad_dict *d, const char *phrase, int32_t date,
                     dyad_actor_match *out) {
    if (!d || !phrase || !out) return DYAD_EINVAL;
    memset(out, 0, sizeof *out);
    size_t len = strlen(phrase);
    if (len > DYAD_MAX_SENTENCE_BYTES) return DYAD_ELIMIT;
    arena a = {NULL, 16u * 1024u};
    tok *t;
    size_t n;
    int rc = tok_split(&a, phrase, 0, (uint32_t)len, &t, &n);
    if (rc != DYAD_OK) {
        arena_free(&a);
        return rc;
    }
    const dict_actor *actor = NULL, *agent = NULL;
    const char *actor_code = NULL, *agent_code = NULL;
    size_t actor_len = 0, first = n, last = 0;
    for (size_t i = 0; i < n;) {
        const dict_actor *hit;
        size_t m = dict_match_actor(d, t, n, i, &hit);
        const char *code = m ? dict_actor_code(hit, date) : NULL;
        if (!m || !code) {
            i++;
            continue;
        }
        if (hit->kind == DICT_ACTOR && m > actor_len) {
            actor = hit;
            actor_code = code;
            actor_len = m;
        } else if (hit->kind == DICT_AGENT && !agent) {
            agent = hit;
            agent_code = code;
        }
        if (i < first) first = i;
        if (i + m > last) last = i + m;
        i += m;
    }
    if (!actor && !agent) { /* a short form alone ("Moon") */
        for (size_t i = 0; i < n && !actor; i++) {
            const dict_actor *hit;
            size_t nh;
            size_t m = dict_match_short(d, t, n, i, &hit, 1, &nh);
            if (m && (actor_code = dict_actor_code(hit, date)) != NULL) {
                actor = hit;
                first = i;
                last = i + m;
            }
        }
    }
    arena_free(&a);
    char buf[DYAD_MAX_CODE_BYTES];
    if (actor && agent && strlen(actor_code) == 3) {
        fill_match(out, actor, dict_compose(actor_code, agent_code, buf), last - first);
        return DYAD_OK;
    }
    if (actor) {
        fill_match(out, actor, actor_code, last - first);
        return DYAD_OK;
    }
    if (agent) {
        fill_match(out, agent, dict_compose(NULL, agent_code, buf), last - first);
        return DYAD_OK;
    }
    return DYAD_ENOTFOUND;
}

const char *dict_plural(const char *w, char *out, size_t cap) {
    /* NULL when w looks plural already (forces, authorities) or does not fit */
    size_t n = strlen(w);
    if (n == 0 || n + 3 > cap) return NULL;
    memcpy(out, w, n + 1);
    char last = w[n - 1], prev = n > 1 ? w[n - 2] : 0;
    if (last == 's' && prev != 's' && prev != 'u' && prev != 'i') return NULL; /* already plural */
    int pv = prev == 'a' || prev == 'e' || prev == 'i' || prev == 'o' || prev == 'u';
    if (n >= 3 && !strcmp(w + n - 3, "man") && strcmp(w, "human") && strcmp(w, "german") &&
        strcmp(w, "roman") && strcmp(w, "shaman")) {
        out[n - 2] = 'e';
    } else if (last == 'y' && n > 1 && !pv) {
        strcpy(out + n - 1, "ies");
    } else if (last == 's' || last == 'x' || last == 'z' || (last == 'h' && (prev == 'c' || prev == 's'))) {
        strcpy(out + n, "es");
    } else {
        strcpy(out + n, "s");
    }
    return out;
}

int dict_add_plural(dyad_dict *d, uint32_t root, uint32_t *ids, size_t n, const dict_actor *e) {
    size_t k = n - 1;
    uint32_t of = dict_word_id(d, "of", 2);
    for (size_t i = 1; i < n; i++) /* "head of state" -> "heads of state" */
        if (of && ids[i] == of) {
            k = i - 1;
            break;
        }
    char pl[256];
    uint32_t w = ids[k];
    if (d->word_len[w] + 4 >= sizeof pl || !dict_plural(d->words[w], pl, sizeof pl)) return DYAD_OK;
    ids[k] = dict_intern(d, pl, strlen(pl));
    int rc = ids[k] ? dict_trie_add(d, root, ids, n, 0, e) : DYAD_ENOMEM;
    ids[k] = w;
    return rc;
}

const char *dict_block_type(const dyad_dict *d, const char *code) {
    if (!d || !code || strlen(code) < 3) return NULL;
    if (!d->acode_order) { /* not finalized */
        for (size_t i = 0; i < d->n_acodes; i++)
            if (!memcmp(d->acodes[i].code, code, 3)) return d->acodes[i].type;
        return NULL;
    }
    size_t lo = 0, hi = d->n_acodes; /* the first of the code, in file order */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (memcmp(d->acode_order[mid].code, code, 3) < 0) lo = mid + 1;
        else hi = mid;
    }
    if (lo < d->n_acodes && !memcmp(d->acode_order[lo].code, code, 3))
        return d->acodes[d->acode_order[lo].index].type;
    return NULL;
}
