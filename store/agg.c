/* agg.c: the aggregates, kept exact as events are added and recoded: dyad_agg, per
 * (3-byte country prefix pair, week or month) totals of the timeline's columns and the
 * same over every dated event (the whole store's timeline), and top_codes / top_dyads,
 * the one-a-day keys per code and per dyad, by month and over all time (the top lists).
 * Each change's deltas are summed in memory and written once, at the commit. */
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

#define AGG_PREFIX 3 /* bytes of an actor code that key the aggregate */
#define AGG_CELLS 6  /* cells an event counts in: 4 of its prefix pair, 2 of every event */

/* Counter columns of a dyad_agg row, in table order. */
enum { C_RAW = 0, C_OAD = 6, C_STORIES = 12 }; /* each of RAW, OAD: count, q1..q4, Goldstein */

/* A cell of the aggregate: direction (1 directed a->b, 0 unordered a<=b), the prefix
 * pair, the period kind and its first day. */
typedef struct cell {
    int32_t period;
    unsigned char dir, kind;
    char a[AGG_PREFIX + 1], b[AGG_PREFIX + 1];
} cell;

typedef struct pend {
    cell k;
    int64_t v[AGG_NCOLS];
} pend;

/* A pending change of a top list row: of top_codes (dyad 0: a is the code, b "") or of
 * top_dyads (dyad 1: a the source, b the target), in a month (-1: all time). */
typedef struct tpend {
    int32_t month;
    unsigned char dyad;
    char a[DYAD_MAX_CODE_BYTES], b[DYAD_MAX_CODE_BYTES];
    int64_t n;
} tpend;

/* The pending cells, dense in the order they were first touched (an event's four cells
 * sit side by side), found through a small open-addressing index: a batch touches
 * ~128,000 cells, and an index of 1 + position keeps the probes within the CPU caches.
 * The pending top list rows likewise. */
struct agg_pending {
    pend *ents;
    size_t n, cap;
    uint32_t *index; /* 1 + position in ents; 0 = empty */
    size_t slots;    /* a power of two, at least twice n */
    tpend *tops;
    size_t n_tops, cap_tops;
    uint32_t *tindex; /* 1 + position in tops; 0 = empty */
    size_t tslots;    /* a power of two, at least twice n_tops */
};

int64_t store_gold_micro(double g) {
    if (!(g > -1e12 && g < 1e12)) return 0;
    double m = g * 1e6;
    return (int64_t)(m < 0 ? m - 0.5 : m + 0.5);
}

/* a and b are whole 4-byte arrays, NUL-padded (cells_of writes them so): compared and
 * hashed as words. */
static int cell_eq(const cell *x, const cell *y) {
    return x->period == y->period && x->dir == y->dir && x->kind == y->kind &&
           !memcmp(x->a, y->a, sizeof x->a) && !memcmp(x->b, y->b, sizeof x->b);
}

static uint64_t cell_hash(const cell *c) {
    uint32_t a, b;
    memcpy(&a, c->a, sizeof a);
    memcpy(&b, c->b, sizeof b);
    return store_mix64(((uint64_t)a << 32 | b) ^
                       ((uint64_t)(uint32_t)c->period * 0x9e3779b97f4a7c15ull) ^
                       ((uint64_t)c->dir << 8 | c->kind));
}

/* Room for `more` new cells without moving the entries; DYAD_OK or DYAD_ENOMEM. */
static int pend_reserve(dyad_store *st, size_t more) {
    struct agg_pending *p = st->agg;
    if (!p) {
        if (!(p = calloc(1, sizeof *p))) return DYAD_ENOMEM;
        st->agg = p;
    }
    if (p->n + more > UINT32_MAX / 4) return DYAD_ENOMEM;
    if (p->n + more > p->cap) {
        size_t cap = p->cap ? p->cap : 1024;
        while (p->n + more > cap) cap *= 2;
        pend *e = realloc(p->ents, cap * sizeof *e);
        if (!e) return DYAD_ENOMEM;
        p->ents = e;
        p->cap = cap;
    }
    if (2 * (p->n + more) > p->slots) {
        size_t slots = p->slots ? p->slots : 2048;
        while (2 * (p->n + more) > slots) slots *= 2;
        uint32_t *ix = calloc(slots, sizeof *ix);
        if (!ix) return DYAD_ENOMEM;
        for (size_t i = 0; i < p->n; i++) {
            size_t j = (size_t)(cell_hash(&p->ents[i].k) >> 20) & (slots - 1);
            while (ix[j]) j = (j + 1) & (slots - 1);
            ix[j] = (uint32_t)(i + 1);
        }
        free(p->index);
        p->index = ix;
        p->slots = slots;
    }
    return DYAD_OK;
}

/* The pending totals of cell k, created zero; NULL on OOM. Pointers stay valid until
 * the next pend_reserve that grows the entries. */
static pend *pend_get(dyad_store *st, const cell *k) {
    if (pend_reserve(st, 1)) return NULL;
    struct agg_pending *p = st->agg;
    size_t j = (size_t)(cell_hash(k) >> 20) & (p->slots - 1);
    while (p->index[j]) {
        pend *e = &p->ents[p->index[j] - 1];
        if (cell_eq(&e->k, k)) return e;
        j = (j + 1) & (p->slots - 1);
    }
    pend *e = &p->ents[p->n++];
    memset(e, 0, sizeof *e);
    e->k = *k;
    p->index[j] = (uint32_t)p->n;
    return e;
}

static uint64_t tpend_hash(int32_t month, int dyad, const char *a, const char *b) {
    uint64_t h = 0xcbf29ce484222325ull ^ ((uint64_t)(uint32_t)month << 1 | (uint64_t)dyad);
    for (const char *c = a; *c; c++) h = (h ^ (unsigned char)*c) * 0x100000001b3ull;
    h = (h ^ 0xff) * 0x100000001b3ull;
    for (const char *c = b; *c; c++) h = (h ^ (unsigned char)*c) * 0x100000001b3ull;
    return store_mix64(h);
}

/* Adds delta to the pending count of a top list row. DYAD_EFORMAT for a code too long to
 * be an event's. */
static int tpend_add(dyad_store *st, int32_t month, int dyad, const char *a, const char *b,
                     int64_t delta) {
    size_t la = strlen(a), lb = strlen(b);
    if (la >= DYAD_MAX_CODE_BYTES || lb >= DYAD_MAX_CODE_BYTES)
        return store_fail(st, DYAD_EFORMAT, "an event code of %zu bytes (at most %u)",
                          la > lb ? la : lb, DYAD_MAX_CODE_BYTES - 1);
    struct agg_pending *p = st->agg;
    if (!p) {
        if (!(p = calloc(1, sizeof *p))) return DYAD_ENOMEM;
        st->agg = p;
    }
    if (p->n_tops + 1 > UINT32_MAX / 4) return DYAD_ENOMEM;
    if (p->n_tops == p->cap_tops) {
        size_t cap = p->cap_tops ? 2 * p->cap_tops : 1024;
        tpend *t = realloc(p->tops, cap * sizeof *t);
        if (!t) return DYAD_ENOMEM;
        p->tops = t;
        p->cap_tops = cap;
    }
    if (2 * (p->n_tops + 1) > p->tslots) {
        size_t slots = p->tslots ? 2 * p->tslots : 2048;
        uint32_t *ix = calloc(slots, sizeof *ix);
        if (!ix) return DYAD_ENOMEM;
        for (size_t i = 0; i < p->n_tops; i++) {
            const tpend *t = &p->tops[i];
            size_t j = (size_t)tpend_hash(t->month, t->dyad, t->a, t->b) & (slots - 1);
            while (ix[j]) j = (j + 1) & (slots - 1);
            ix[j] = (uint32_t)(i + 1);
        }
        free(p->tindex);
        p->tindex = ix;
        p->tslots = slots;
    }
    size_t j = (size_t)tpend_hash(month, dyad, a, b) & (p->tslots - 1);
    for (; p->tindex[j]; j = (j + 1) & (p->tslots - 1)) {
        tpend *t = &p->tops[p->tindex[j] - 1];
        if (t->month == month && t->dyad == dyad && !strcmp(t->a, a) && !strcmp(t->b, b)) {
            t->n += delta;
            return DYAD_OK;
        }
    }
    tpend *t = &p->tops[p->n_tops++];
    memset(t, 0, sizeof *t);
    t->month = month;
    t->dyad = (unsigned char)dyad;
    memcpy(t->a, a, la + 1);
    memcpy(t->b, b, lb + 1);
    t->n = delta;
    p->tindex[j] = (uint32_t)p->n_tops;
    return DYAD_OK;
}

/* A one-a-day key (date, src, tgt, code) appears (sign 1) or leaves (-1): its rows of
 * top_codes and top_dyads, in its month and over all time. */
static int top_key(dyad_store *st, int32_t date, const char *src, const char *tgt,
                   const char *code, int sign) {
    int32_t months[2] = {-1, date / 100};
    int rc = DYAD_OK;
    for (int m = 0; m < 2 && !rc; m++) {
        rc = tpend_add(st, months[m], 0, code, "", sign);
        if (!rc) rc = tpend_add(st, months[m], 1, src, tgt, sign);
    }
    return rc;
}

/* The cells an event of (date, source, target) counts in, in out[0 .. n): of its prefix
 * pair, directed first: directed and unordered, week and month (4), or only the directed
 * two when both prefixes are the same (the unordered cells would repeat them), none for a
 * code shorter than the prefix; then every dated event's two (dir AGG_DIR_ALL, week and
 * month). 0 for an undated event. Unused entries of out have kind 0. */
static int cells_of(int32_t date, const char *src, const char *tgt, cell out[AGG_CELLS]) {
    for (int i = 0; i < AGG_CELLS; i++) out[i].kind = 0;
    if (date <= 0) return 0;
    int n = 0;
    if (src && tgt && strlen(src) >= AGG_PREFIX && strlen(tgt) >= AGG_PREFIX) {
        char a[AGG_PREFIX + 1], b[AGG_PREFIX + 1];
        memcpy(a, src, AGG_PREFIX);
        memcpy(b, tgt, AGG_PREFIX);
        a[AGG_PREFIX] = b[AGG_PREFIX] = '\0';
        int cmp = strcmp(a, b), swap = cmp > 0;
        n = cmp ? 4 : 2;
        for (int i = 0; i < n; i++) {
            cell *c = &out[i];
            memset(c, 0, sizeof *c);
            c->kind = i & 1 ? DYAD_STORE_BY_MONTH : DYAD_STORE_BY_WEEK;
            c->period = store_period_of(date, (dyad_store_period)c->kind);
            c->dir = i < 2;
            memcpy(c->a, c->dir || !swap ? a : b, sizeof a);
            memcpy(c->b, c->dir || !swap ? b : a, sizeof b);
        }
    }
    for (int i = 0; i < 2; i++, n++) {
        cell *c = &out[n];
        memset(c, 0, sizeof *c);
        c->kind = i ? DYAD_STORE_BY_MONTH : DYAD_STORE_BY_WEEK;
        c->period = store_period_of(date, (dyad_store_period)c->kind);
        c->dir = AGG_DIR_ALL;
    }
    return n;
}

/* An event's values, or a one-a-day key's: the least QuadClass and the least Goldstein
 * value of its events (NULLs ignored), as in the events_daily view. */
typedef struct val {
    int present, qnull, gnull, quad;
    double g;
} val;

/* Folds y into x (x may be absent). */
static void val_min(val *x, const val *y) {
    if (!y->present) return;
    if (!x->present) {
        *x = *y;
        return;
    }
    if (!y->qnull && (x->qnull || y->quad < x->quad)) {
        x->qnull = 0;
        x->quad = y->quad;
    }
    if (!y->gnull && (x->gnull || y->g < x->g)) {
        x->gnull = 0;
        x->g = y->g;
    }
}

/* Adds sign times v to the cells' counters from column base (C_RAW or C_OAD): the
 * count, the QuadClass count, the Goldstein sum. */
static int add_vals(dyad_store *st, const cell c[AGG_CELLS], int base, const val *v, int sign) {
    if (!v->present) return DYAD_OK;
    if (pend_reserve(st, AGG_CELLS)) return DYAD_ENOMEM;
    int q = !v->qnull && v->quad >= 1 && v->quad <= 4 ? v->quad : 0;
    int64_t g = v->gnull ? 0 : sign * store_gold_micro(v->g);
    for (int i = 0; i < AGG_CELLS && c[i].kind; i++) {
        pend *p = pend_get(st, &c[i]);
        p->v[base] += sign;
        if (q) p->v[base + q] += sign;
        p->v[base + 5] += g;
    }
    return DYAD_OK;
}
static int add_raw(dyad_store *st, const cell c[AGG_CELLS], const val *v, int sign) {
    return add_vals(st, c, C_RAW, v, sign);
}
static int add_oad(dyad_store *st, const cell c[AGG_CELLS], const val *v, int sign) {
    return add_vals(st, c, C_OAD, v, sign);
}

/* A one-a-day key touched by a change. */
typedef struct oad {
    int32_t date;
    char *src, *tgt, *code;
    val before, after;
} oad;

/* A set of cells (one group's), kept small and searched linearly. */
typedef struct cellset {
    cell *c;
    size_t n, cap;
} cellset;

static int cellset_add(cellset *s, const cell *c) {
    for (size_t i = 0; i < s->n; i++)
        if (cell_eq(&s->c[i], c)) return DYAD_OK;
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 16;
        void *p = realloc(s->c, cap * sizeof *s->c);
        if (!p) return DYAD_ENOMEM;
        s->c = p;
        s->cap = cap;
    }
    s->c[s->n++] = *c;
    return DYAD_OK;
}

static int cellset_has(const cellset *s, const cell *c) {
    for (size_t i = 0; i < s->n; i++)
        if (cell_eq(&s->c[i], c)) return 1;
    return 0;
}

struct agg_change {
    int64_t key, group;
    int removes;
    oad *k;
    size_t n, cap;
    cellset before;
};

/* The value of a one-a-day key now; absent when it has no events. */
static int lookup_first(dyad_store *st, const oad *o, val *v) {
    sqlite3_stmt *s = store_stmt(st, SQ_AGG_FIRST,
                                 "SELECT min(quad_class), min(goldstein), count(*) FROM events"
                                 " WHERE source = ? AND target = ? AND date = ? AND code = ?");
    if (!s) return DYAD_EDB;
    sqlite3_bind_text(s, 1, o->src, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, o->tgt, -1, SQLITE_STATIC);
    sqlite3_bind_int(s, 3, o->date);
    sqlite3_bind_text(s, 4, o->code, -1, SQLITE_STATIC);
    int step = sqlite3_step(s);
    memset(v, 0, sizeof *v);
    if (step == SQLITE_ROW && sqlite3_column_int64(s, 2) > 0) {
        v->present = 1;
        v->qnull = sqlite3_column_type(s, 0) == SQLITE_NULL;
        v->quad = sqlite3_column_int(s, 0);
        v->gnull = sqlite3_column_type(s, 1) == SQLITE_NULL;
        v->g = sqlite3_column_double(s, 1);
    }
    sqlite3_reset(s);
    if (step != SQLITE_ROW && step != SQLITE_DONE) return store_dberr(st, "aggregate");
    return DYAD_OK;
}

/* Records key (date, src, tgt, code) once; *o is its entry. */
static int change_key(agg_change *c, int32_t date, const char *src, const char *tgt,
                      const char *code, oad **o) {
    if (!code) code = "";
    for (size_t i = 0; i < c->n; i++) {
        oad *k = &c->k[i];
        if (k->date == date && !strcmp(k->src, src) && !strcmp(k->tgt, tgt) && !strcmp(k->code, code)) {
            *o = k;
            return 0;
        }
    }
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 16;
        void *p = realloc(c->k, cap * sizeof *c->k);
        if (!p) return DYAD_ENOMEM;
        c->k = p;
        c->cap = cap;
    }
    oad *k = &c->k[c->n];
    memset(k, 0, sizeof *k);
    k->date = date;
    k->src = strdup(src);
    k->tgt = strdup(tgt);
    k->code = strdup(code);
    c->n++;
    if (!k->src || !k->tgt || !k->code) return DYAD_ENOMEM;
    *o = k;
    return 1;
}

/* The cells group's current events count in, added to set. */
static int group_cells(dyad_store *st, int64_t group, cellset *set) {
    sqlite3_stmt *s = store_stmt(st, SQ_AGG_GROUP,
                                 "SELECT date, source, target FROM events WHERE story_key IN"
                                 " (SELECT key FROM stories WHERE grp = ?1) AND grp = ?1");
    if (!s) return DYAD_EDB;
    sqlite3_bind_int64(s, 1, group);
    int rc = DYAD_OK, step;
    while (!rc && (step = sqlite3_step(s)) == SQLITE_ROW) {
        cell cs[AGG_CELLS];
        int n = cells_of(sqlite3_column_int(s, 0), (const char *)sqlite3_column_text(s, 1),
                         (const char *)sqlite3_column_text(s, 2), cs);
        for (int i = 0; i < n && !rc; i++) rc = cellset_add(set, &cs[i]);
    }
    if (!rc && step != SQLITE_DONE) rc = store_dberr(st, "aggregate");
    sqlite3_reset(s);
    return rc;
}

void agg_change_free(agg_change *c) {
    if (!c) return;
    for (size_t i = 0; i < c->n; i++) {
        free(c->k[i].src);
        free(c->k[i].tgt);
        free(c->k[i].code);
    }
    free(c->k);
    free(c->before.c);
    free(c);
}

int agg_change_begin(dyad_store *st, agg_change **out, int64_t key, int64_t group, int removes,
                     int new_group, const dyad_event *added, size_t n_added) {
    *out = NULL;
    if (!st->has_agg) return DYAD_OK;
    agg_change *c = calloc(1, sizeof *c);
    if (!c) return DYAD_ENOMEM;
    c->key = key;
    c->group = group;
    c->removes = removes;
    int rc = DYAD_OK;
    if (removes) {
        /* The story's current events leave: their raw counts now, their keys later. */
        sqlite3_stmt *s = store_stmt(st, SQ_AGG_STORY,
                                     "SELECT date, source, target, code, quad_class, goldstein"
                                     " FROM events WHERE story_key = ?");
        if (!s) rc = DYAD_EDB;
        else {
            sqlite3_bind_int64(s, 1, key);
            int step;
            while (!rc && (step = sqlite3_step(s)) == SQLITE_ROW) {
                cell cs[AGG_CELLS];
                const char *src = (const char *)sqlite3_column_text(s, 1);
                const char *tgt = (const char *)sqlite3_column_text(s, 2);
                if (!src) src = "";
                if (!tgt) tgt = "";
                val v = {1, sqlite3_column_type(s, 4) == SQLITE_NULL,
                         sqlite3_column_type(s, 5) == SQLITE_NULL, sqlite3_column_int(s, 4),
                         sqlite3_column_double(s, 5)};
                /* an undated event counts in no cell, but its key in the top lists */
                if (cells_of(sqlite3_column_int(s, 0), src, tgt, cs)) rc = add_raw(st, cs, &v, -1);
                oad *o;
                if (!rc) {
                    int r = change_key(c, sqlite3_column_int(s, 0), src, tgt,
                                       (const char *)sqlite3_column_text(s, 3), &o);
                    if (r < 0) rc = r;
                }
            }
            if (!rc && step != SQLITE_DONE) rc = store_dberr(st, "aggregate");
            sqlite3_reset(s);
        }
    }
    for (size_t i = 0; i < n_added && !rc; i++) {
        const dyad_event *e = &added[i];
        oad *o;
        int r = change_key(c, e->date, e->source, e->target, e->code, &o);
        if (r < 0) rc = r;
    }
    for (size_t i = 0; i < c->n && !rc; i++) rc = lookup_first(st, &c->k[i], &c->k[i].before);
    if (!rc && !new_group) rc = group_cells(st, group, &c->before);
    if (rc) {
        agg_change_free(c);
        return rc;
    }
    *out = c;
    return DYAD_OK;
}

int agg_change_end(dyad_store *st, agg_change *c, const dyad_event *added, size_t n_added) {
    if (!c) return DYAD_OK;
    int rc = DYAD_OK;
    cellset after = {0};
    /* raw counts of the new events; the one-a-day value of each key after the change */
    for (size_t i = 0; i < c->n; i++) c->k[i].after = c->removes ? (val){0} : c->k[i].before;
    for (size_t i = 0; i < n_added && !rc; i++) {
        const dyad_event *e = &added[i];
        cell cs[AGG_CELLS];
        val v = {1, 0, 0, e->quad_class, e->goldstein};
        if (cells_of(e->date, e->source, e->target, cs)) rc = add_raw(st, cs, &v, 1);
        oad *o;
        if (!rc && !c->removes && change_key(c, e->date, e->source, e->target, e->code, &o) == 0)
            val_min(&o->after, &v);
    }
    for (size_t i = 0; i < c->n && !rc; i++) {
        oad *o = &c->k[i];
        if (c->removes) rc = lookup_first(st, o, &o->after);
        cell cs[AGG_CELLS];
        cells_of(o->date, o->src, o->tgt, cs);
        if (!rc) rc = add_oad(st, cs, &o->before, -1);
        if (!rc) rc = add_oad(st, cs, &o->after, 1);
        if (!rc && o->before.present != o->after.present)
            rc = top_key(st, o->date, o->src, o->tgt, o->code, o->after.present ? 1 : -1);
    }
    /* story groups: the group's cells before and after */
    if (!rc && c->removes) rc = group_cells(st, c->group, &after);
    else {
        for (size_t i = 0; i < c->before.n && !rc; i++) rc = cellset_add(&after, &c->before.c[i]);
        for (size_t i = 0; i < n_added && !rc; i++) {
            cell cs[AGG_CELLS];
            int n = cells_of(added[i].date, added[i].source, added[i].target, cs);
            for (int j = 0; j < n && !rc; j++) rc = cellset_add(&after, &cs[j]);
        }
    }
    for (size_t i = 0; i < after.n && !rc; i++)
        if (!cellset_has(&c->before, &after.c[i])) {
            pend *p = pend_get(st, &after.c[i]);
            if (!p) rc = DYAD_ENOMEM;
            else p->v[C_STORIES]++;
        }
    for (size_t i = 0; i < c->before.n && !rc; i++)
        if (!cellset_has(&after, &c->before.c[i])) {
            pend *p = pend_get(st, &c->before.c[i]);
            if (!p) rc = DYAD_ENOMEM;
            else p->v[C_STORIES]--;
        }
    free(after.c);
    agg_change_free(c);
    return rc;
}

void agg_discard(dyad_store *st) {
    struct agg_pending *p = st->agg;
    if (!p) return;
    if (p->n) {
        p->n = 0;
        memset(p->index, 0, p->slots * sizeof *p->index);
    }
    if (p->n_tops) {
        p->n_tops = 0;
        memset(p->tindex, 0, p->tslots * sizeof *p->tindex);
    }
}

void agg_free(dyad_store *st) {
    if (st->agg) {
        free(st->agg->ents);
        free(st->agg->index);
        free(st->agg->tops);
        free(st->agg->tindex);
    }
    free(st->agg);
    st->agg = NULL;
}

int agg_pending(const dyad_store *st) {
    return st->agg && (st->agg->n || st->agg->n_tops);
}

/* The top list tables' key order (of pointers to entries): each table's rows together. */
static int tpend_cmp(const void *x, const void *y) {
    const tpend *a = *(tpend *const *)x, *b = *(tpend *const *)y;
    int c;
    if (a->dyad != b->dyad) return a->dyad < b->dyad ? -1 : 1;
    if (a->month != b->month) return a->month < b->month ? -1 : 1;
    if ((c = strcmp(a->a, b->a))) return c;
    return strcmp(a->b, b->b);
}

/* Writes the pending top list rows (inside the open transaction). */
static int tops_flush(dyad_store *st) {
    struct agg_pending *p = st->agg;
    size_t n = p->n_tops;
    tpend **order = malloc(n * sizeof *order);
    if (!order) return DYAD_ENOMEM;
    for (size_t i = 0; i < n; i++) order[i] = &p->tops[i];
    qsort(order, n, sizeof *order, tpend_cmp);
    int rc = DYAD_OK;
    for (size_t i = 0; i < n && !rc; i++) {
        const tpend *t = order[i];
        if (!t->n) continue; /* a key that came and went in the transaction */
        sqlite3_stmt *s =
            t->dyad ? store_stmt(st, SQ_TOP_DYAD_UPSERT,
                                 "INSERT INTO top_dyads(month, source, target, n) VALUES(?,?,?,?)"
                                 " ON CONFLICT DO UPDATE SET n = n + excluded.n")
                    : store_stmt(st, SQ_TOP_CODE_UPSERT,
                                 "INSERT INTO top_codes(month, code, n) VALUES(?,?,?)"
                                 " ON CONFLICT DO UPDATE SET n = n + excluded.n");
        if (!s) {
            rc = DYAD_EDB;
            break;
        }
        int k = 1;
        sqlite3_bind_int(s, k++, t->month);
        sqlite3_bind_text(s, k++, t->a, -1, SQLITE_STATIC);
        if (t->dyad) sqlite3_bind_text(s, k++, t->b, -1, SQLITE_STATIC);
        sqlite3_bind_int64(s, k, t->n);
        if (sqlite3_step(s) != SQLITE_DONE) rc = store_dberr(st, "storing the top lists");
        sqlite3_reset(s);
    }
    free(order);
    return rc;
}

/* dyad_agg's primary key order (of pointers to entries). */
static int pend_cmp(const void *x, const void *y) {
    const cell *a = &(*(pend *const *)x)->k, *b = &(*(pend *const *)y)->k;
    int c;
    if (a->dir != b->dir) return a->dir < b->dir ? -1 : 1;
    if ((c = memcmp(a->a, b->a, sizeof a->a)) || (c = memcmp(a->b, b->b, sizeof a->b))) return c;
    if (a->kind != b->kind) return a->kind < b->kind ? -1 : 1;
    return a->period < b->period ? -1 : a->period > b->period;
}

int agg_flush(dyad_store *st) {
    struct agg_pending *p = st->agg;
    if (!p || (!p->n && !p->n_tops)) return DYAD_OK;
    int rc = p->n_tops ? tops_flush(st) : DYAD_OK;
    /* in key order, so the b-tree is written page after page */
    size_t n = p->n;
    pend **order = rc || !n ? NULL : malloc(n * sizeof *order);
    if (!rc && n && !order) rc = DYAD_ENOMEM;
    if (rc || !n) {
        agg_discard(st);
        return rc;
    }
    for (size_t i = 0; i < n; i++) order[i] = &p->ents[i];
    qsort(order, n, sizeof *order, pend_cmp);
    for (size_t i = 0; i < n && !rc; i++) {
        pend *e = order[i];
        sqlite3_stmt *s = store_stmt(
            st, SQ_AGG_UPSERT,
            "INSERT INTO dyad_agg(dir, a, b, kind, period, n_raw, q1_raw, q2_raw, q3_raw,"
            " q4_raw, g_raw, n_oad, q1_oad, q2_oad, q3_oad, q4_oad, g_oad, stories)"
            " VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(dir, a, b, kind, period)"
            " DO UPDATE SET n_raw = n_raw + excluded.n_raw, q1_raw = q1_raw + excluded.q1_raw,"
            " q2_raw = q2_raw + excluded.q2_raw, q3_raw = q3_raw + excluded.q3_raw,"
            " q4_raw = q4_raw + excluded.q4_raw, g_raw = g_raw + excluded.g_raw,"
            " n_oad = n_oad + excluded.n_oad, q1_oad = q1_oad + excluded.q1_oad,"
            " q2_oad = q2_oad + excluded.q2_oad, q3_oad = q3_oad + excluded.q3_oad,"
            " q4_oad = q4_oad + excluded.q4_oad, g_oad = g_oad + excluded.g_oad,"
            " stories = stories + excluded.stories");
        if (!s) {
            rc = DYAD_EDB;
            break;
        }
        sqlite3_bind_int(s, 1, e->k.dir);
        sqlite3_bind_text(s, 2, e->k.a, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 3, e->k.b, -1, SQLITE_STATIC);
        sqlite3_bind_int(s, 4, e->k.kind);
        sqlite3_bind_int(s, 5, e->k.period);
        for (int j = 0; j < AGG_NCOLS; j++) sqlite3_bind_int64(s, 6 + j, e->v[j]);
        if (sqlite3_step(s) != SQLITE_DONE) rc = store_dberr(st, "storing the aggregate");
        sqlite3_reset(s);
    }
    free(order);
    agg_discard(st);
    return rc;
}

int agg_rebuild(dyad_store *st) {
    agg_discard(st);
    int rc = store_exec(st, "DELETE FROM dyad_agg");
    if (rc) return rc;
    /* raw counts: every event; one-a-day counts: every key */
    static const char *const pass[2] = {
        "SELECT date, source, target, quad_class, goldstein FROM events WHERE date > 0",
        "SELECT date, source, target, min(quad_class), min(goldstein) FROM events"
        " WHERE date > 0 GROUP BY source, target, date, code"};
    sqlite3_stmt *s = NULL;
    int step;
    for (int p = 0; p < 2 && !rc; p++) {
        if (sqlite3_prepare_v2(st->db, pass[p], -1, &s, NULL) != SQLITE_OK)
            return store_dberr(st, "building the aggregate");
        while (!rc && (step = sqlite3_step(s)) == SQLITE_ROW) {
            cell cs[AGG_CELLS];
            if (!cells_of(sqlite3_column_int(s, 0), (const char *)sqlite3_column_text(s, 1),
                          (const char *)sqlite3_column_text(s, 2), cs))
                continue;
            val v = {1, sqlite3_column_type(s, 3) == SQLITE_NULL,
                     sqlite3_column_type(s, 4) == SQLITE_NULL, sqlite3_column_int(s, 3),
                     sqlite3_column_double(s, 4)};
            rc = p ? add_oad(st, cs, &v, 1) : add_raw(st, cs, &v, 1);
        }
        if (!rc && step != SQLITE_DONE) rc = store_dberr(st, "building the aggregate");
        sqlite3_finalize(s);
        s = NULL;
    }
    /* story groups: each group's cells once */
    if (!rc && sqlite3_prepare_v2(st->db,
                                  "SELECT grp, date, source, target FROM events WHERE date > 0"
                                  " ORDER BY grp",
                                  -1, &s, NULL) != SQLITE_OK)
        rc = store_dberr(st, "building the aggregate");
    cellset g = {0};
    int64_t cur = 0;
    int have = 0;
    while (!rc) {
        step = sqlite3_step(s);
        int64_t grp = step == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
        if (have && (step != SQLITE_ROW || grp != cur)) {
            for (size_t i = 0; i < g.n && !rc; i++) {
                pend *p = pend_get(st, &g.c[i]);
                if (!p) rc = DYAD_ENOMEM;
                else p->v[C_STORIES]++;
            }
            g.n = 0;
        }
        if (step != SQLITE_ROW) {
            if (step != SQLITE_DONE && !rc) rc = store_dberr(st, "building the aggregate");
            break;
        }
        cur = grp;
        have = 1;
        cell cs[AGG_CELLS];
        int n = cells_of(sqlite3_column_int(s, 1), (const char *)sqlite3_column_text(s, 2),
                         (const char *)sqlite3_column_text(s, 3), cs);
        for (int i = 0; i < n && !rc; i++) rc = cellset_add(&g, &cs[i]);
    }
    free(g.c);
    sqlite3_finalize(s);
    if (!rc) rc = agg_flush(st);
    else agg_discard(st);
    return rc;
}
