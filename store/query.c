/* query.c: reading the store: filtered event queries, dyad timelines, top lists and
 * stored stories. Every user value reaches SQL as a bound parameter. */
#include "store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define QUERY_MAX_PARAMS 24

/* A WHERE clause under construction with its parameters (text or integer). */
typedef struct where {
    dyad_buf sql;
    int n;
    const char *text[QUERY_MAX_PARAMS];
    int64_t num[QUERY_MAX_PARAMS];
    char *owned[QUERY_MAX_PARAMS]; /* text the clause allocated (prefix bounds, FTS query) */
    int never;                     /* a filter that nothing can match */
    int nomem;
} where;

static void w_and(where *w, const char *cond) {
    if (dyad_buf_puts(&w->sql, w->sql.len ? " AND " : " WHERE ") || dyad_buf_puts(&w->sql, cond))
        w->nomem = 1;
}
static int w_text(where *w, const char *t, int owned) {
    if (w->n >= QUERY_MAX_PARAMS) return -1;
    w->text[w->n] = t;
    w->owned[w->n] = owned ? (char *)t : NULL;
    return w->n++;
}
static void w_num(where *w, int64_t v) {
    if (w->n >= QUERY_MAX_PARAMS) return;
    w->text[w->n] = NULL;
    w->num[w->n] = v;
    w->n++;
}
static void w_free(where *w) {
    for (int i = 0; i < w->n; i++) free(w->owned[i]);
    dyad_buf_free(&w->sql);
}
static void w_bind(const where *w, sqlite3_stmt *s, int first) {
    for (int i = 0; i < w->n; i++) {
        if (w->text[i]) sqlite3_bind_text(s, first + i, w->text[i], -1, SQLITE_STATIC);
        else sqlite3_bind_int64(s, first + i, w->num[i]);
    }
}

/* The first string after every string that begins with p: p with its last byte raised.
 * NULL when there is none (all 0xff) or on OOM. */
static char *prefix_upper(const char *p) {
    size_t n = strlen(p);
    char *u = malloc(n + 1);
    if (!u) return NULL;
    memcpy(u, p, n + 1);
    while (n > 0) {
        unsigned char c = (unsigned char)u[n - 1];
        if (c < 0xff) {
            u[n - 1] = (char)(c + 1);
            u[n] = '\0';
            return u;
        }
        n--;
    }
    free(u);
    return NULL;
}

/* Adds "(col >= p AND col < p')" (or "col >= p" when p has no upper bound). */
static void w_prefix(where *w, const char *alias, const char *col, const char *p, dyad_buf *into) {
    char cond[96];
    char *up = prefix_upper(p);
    w_text(w, p, 0);
    if (up) {
        w_text(w, up, 1);
        snprintf(cond, sizeof cond, "(%s%s >= ? AND %s%s < ?)", alias, col, alias, col);
    } else {
        snprintf(cond, sizeof cond, "(%s%s >= ?)", alias, col);
    }
    if (dyad_buf_puts(into, cond)) w->nomem = 1;
}

/* Turns words into an FTS5 query of quoted terms (all must occur), so nothing the user
 * types is FTS5 syntax. Words without a letter or digit are dropped. NULL when none. */
static char *fts_query(const char *text) {
    size_t n = strlen(text);
    char *q = malloc(3 * n + 8);
    if (!q) return NULL;
    size_t o = 0;
    const char *p = text;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') p++;
        const char *w = p;
        int alnum = 0;
        while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r') {
            unsigned char c = (unsigned char)*p;
            if (c >= 0x80 || (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z'))
                alnum = 1;
            p++;
        }
        if (p == w || !alnum) continue;
        if (o) q[o++] = ' ';
        q[o++] = '"';
        for (const char *c = w; c < p; c++) {
            if (*c == '"') q[o++] = '"';
            q[o++] = *c;
        }
        q[o++] = '"';
    }
    q[o] = '\0';
    if (!o) {
        free(q);
        return NULL;
    }
    return q;
}

static int all_digits(const char *s) {
    if (!*s) return 0;
    for (; *s; s++)
        if (*s < '0' || *s > '9') return 0;
    return 1;
}

/* Builds the WHERE clause of q over events aliased "e.". */
static int build_where(dyad_store *st, const dyad_store_query *q, where *w) {
    memset(w, 0, sizeof *w);
    if (!q) return DYAD_OK;
    if (q->from) {
        w_and(w, "e.date >= ?");
        w_num(w, q->from);
    }
    if (q->to) {
        w_and(w, "e.date <= ?");
        w_num(w, q->to);
    }
    dyad_buf c = {0};
    if (q->actor && *q->actor) {
        dyad_buf_puts(&c, "(");
        w_prefix(w, "e.", "source", q->actor, &c);
        dyad_buf_puts(&c, " OR ");
        w_prefix(w, "e.", "target", q->actor, &c);
        dyad_buf_puts(&c, ")");
        w_and(w, c.data);
        dyad_buf_reset(&c);
    }
    if (q->source && *q->source) {
        w_prefix(w, "e.", "source", q->source, &c);
        w_and(w, c.data);
        dyad_buf_reset(&c);
    }
    if (q->target && *q->target) {
        w_prefix(w, "e.", "target", q->target, &c);
        w_and(w, c.data);
        dyad_buf_reset(&c);
    }
    if (q->dyad_a && *q->dyad_a && q->dyad_b && *q->dyad_b) {
        dyad_buf_puts(&c, "((");
        w_prefix(w, "e.", "source", q->dyad_a, &c);
        dyad_buf_puts(&c, " AND ");
        w_prefix(w, "e.", "target", q->dyad_b, &c);
        dyad_buf_puts(&c, ") OR (");
        w_prefix(w, "e.", "source", q->dyad_b, &c);
        dyad_buf_puts(&c, " AND ");
        w_prefix(w, "e.", "target", q->dyad_a, &c);
        dyad_buf_puts(&c, "))");
        w_and(w, c.data);
        dyad_buf_reset(&c);
    }
    dyad_buf_free(&c);
    if (q->code && *q->code) {
        const char *k = q->code;
        if (!strncmp(k, "quad:", 5) && k[5] >= '1' && k[5] <= '4' && !k[6]) {
            w_and(w, "e.quad_class = ?");
            w_num(w, k[5] - '0');
        } else if (all_digits(k) && strlen(k) == 2) {
            w_and(w, "e.root = ?");
            w_num(w, atoi(k));
        } else if (all_digits(k) && strlen(k) <= 4 && strlen(k) >= 3) {
            w_and(w, "e.code = ?");
            w_text(w, k, 0);
        } else {
            return store_fail(st, DYAD_EINVAL,
                              "'%s' is not an event code: give a CAMEO code (036), a root (03) "
                              "or a QuadClass (quad:1 .. quad:4)",
                              k);
        }
    }
    if (q->text && *q->text) {
        if (strlen(q->text) > DYAD_STORE_MAX_TEXT_QUERY)
            return store_fail(st, DYAD_ELIMIT, "the text query is longer than %u bytes",
                              DYAD_STORE_MAX_TEXT_QUERY);
        int rc;
        if (st->fts_from && !st->readonly && (rc = store_pending_flush(st))) return rc;
        char *fq = fts_query(q->text);
        if (!fq) {
            w->never = 1;
        } else {
            w_and(w, "(e.story_key, e.sentence) IN (SELECT sn.story_key, sn.idx FROM"
                     " sentences_fts JOIN sentences sn ON sn.id = sentences_fts.rowid"
                     " WHERE sentences_fts MATCH ?)");
            w_text(w, fq, 1);
        }
    }
    if (w->n >= QUERY_MAX_PARAMS) return store_fail(st, DYAD_EINVAL, "too many filters");
    return w->nomem ? DYAD_ENOMEM : DYAD_OK;
}

static const char FETCH_SQL[] =
    "SELECT e.id, s.id, e.sentence, e.date, e.source, e.source_text, e.target, e.target_text,"
    " e.code, e.root, e.quad_class, e.goldstein, e.location, e.location_country, sn.text,"
    " e.source_start, e.source_end, e.verb_start, e.verb_end, e.target_start, e.target_end,"
    " e.rules, e.grp, s.publisher, s.url, s.dict_version"
    " FROM events e JOIN stories s ON s.key = e.story_key"
    " LEFT JOIN sentences sn ON sn.story_key = e.story_key AND sn.idx = e.sentence"
    " WHERE e.id = ?";

static const char *ctext(sqlite3_stmt *s, int i) { return (const char *)sqlite3_column_text(s, i); }

/* Fetches event id into row (strings borrowed from the statement and arena a). */
static int fetch_row(dyad_store *st, int64_t id, arena *a, dyad_store_row *row, sqlite3_stmt **held) {
    sqlite3_stmt *s = store_stmt(st, SQ_EVENT_FETCH, FETCH_SQL);
    if (!s) return DYAD_EDB;
    *held = s;
    sqlite3_bind_int64(s, 1, id);
    int rc = sqlite3_step(s);
    if (rc != SQLITE_ROW) return rc == SQLITE_DONE ? DYAD_ENOTFOUND : store_dberr(st, "fetching an event");
    memset(row, 0, sizeof *row);
    dyad_event *e = &row->event;
    row->id = sqlite3_column_int64(s, 0);
    e->story = ctext(s, 1);
    e->sentence = (uint32_t)sqlite3_column_int64(s, 2);
    e->date = sqlite3_column_int(s, 3);
    snprintf(e->source, sizeof e->source, "%s", ctext(s, 4) ? ctext(s, 4) : "");
    e->source_text = ctext(s, 5);
    snprintf(e->target, sizeof e->target, "%s", ctext(s, 6) ? ctext(s, 6) : "");
    e->target_text = ctext(s, 7);
    snprintf(e->code, sizeof e->code, "%s", ctext(s, 8) ? ctext(s, 8) : "");
    e->root = sqlite3_column_int(s, 9);
    e->quad_class = sqlite3_column_int(s, 10);
    e->goldstein = sqlite3_column_double(s, 11);
    e->location = ctext(s, 12);
    e->location_country = ctext(s, 13);
    e->text = ctext(s, 14);
    e->source_span.start = (uint32_t)sqlite3_column_int64(s, 15);
    e->source_span.end = (uint32_t)sqlite3_column_int64(s, 16);
    e->verb_span.start = (uint32_t)sqlite3_column_int64(s, 17);
    e->verb_span.end = (uint32_t)sqlite3_column_int64(s, 18);
    e->target_span.start = (uint32_t)sqlite3_column_int64(s, 19);
    e->target_span.end = (uint32_t)sqlite3_column_int64(s, 20);
    rc = store_rules_parse(st, ctext(s, 21), a, &e->rules, &e->n_rules);
    if (rc == DYAD_ENOMEM) return rc;
    row->group = sqlite3_column_int64(s, 22);
    row->publisher = ctext(s, 23);
    row->url = ctext(s, 24);
    e->url = row->url;
    e->publisher = row->publisher;
    row->dict_version = ctext(s, 25);
    return DYAD_OK;
}

/* GDELT counts of an event over its near-duplicate group. */
static int group_counts(dyad_store *st, const dyad_store_row *row) {
    sqlite3_stmt *s = store_stmt(st, SQ_EVENT_COUNTS,
                                 "SELECT count(*), count(DISTINCT e.story_key),"
                                 " count(DISTINCT coalesce(s.publisher, s.key))"
                                 " FROM stories s CROSS JOIN events e ON e.story_key = s.key"
                                 " WHERE s.grp = ? AND e.source = ? AND e.target = ? AND e.code = ?");
    if (!s) return DYAD_EDB;
    sqlite3_bind_int64(s, 1, row->group);
    sqlite3_bind_text(s, 2, row->event.source, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, row->event.target, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, row->event.code, -1, SQLITE_STATIC);
    if (sqlite3_step(s) != SQLITE_ROW) return store_dberr(st, "counting mentions");
    dyad_store_row *r = (dyad_store_row *)row;
    r->mentions = (uint64_t)sqlite3_column_int64(s, 0);
    r->articles = (uint64_t)sqlite3_column_int64(s, 1);
    r->sources = (uint64_t)sqlite3_column_int64(s, 2);
    sqlite3_reset(s);
    return DYAD_OK;
}

int dyad_store_query_events(dyad_store *st, const dyad_store_query *q, dyad_store_event_fn fn,
                            void *ud) {
    if (st && st->pg) return fn ? pg_query_events(st, q, fn, ud) : DYAD_EINVAL;
    if (!st || !st->db || !fn) return DYAD_EINVAL;
    where w;
    int rc = build_where(st, q, &w);
    if (rc || w.never) {
        w_free(&w);
        return rc;
    }
    int one_a_day = q && q->one_a_day;
    int after = q && q->after_id;
    if (after) { /* a seek: (date, id) past the previous page's last row */
        w_and(&w, one_a_day ? "e.date >= ?" : "(e.date, e.id) > (?, ?)");
        w_num(&w, q->after_date);
        if (!one_a_day) w_num(&w, q->after_id);
        if (w.n >= QUERY_MAX_PARAMS || w.nomem) {
            w_free(&w);
            return w.nomem ? DYAD_ENOMEM : store_fail(st, DYAD_EINVAL, "too many filters");
        }
    }
    dyad_buf sql = {0};
    if (one_a_day)
        dyad_buf_puts(&sql, "SELECT min(e.id), count(*), count(DISTINCT e.story_key),"
                            " count(DISTINCT coalesce(s.publisher, s.key))"
                            " FROM events e JOIN stories s ON s.key = e.story_key");
    else
        dyad_buf_puts(&sql, "SELECT e.id FROM events e");
    if (w.sql.len) dyad_buf_puts(&sql, w.sql.data);
    if (one_a_day) {
        dyad_buf_puts(&sql, " GROUP BY e.date, e.source, e.target, e.code");
        if (after) dyad_buf_puts(&sql, " HAVING e.date > ?1000 OR min(e.id) > ?1001");
        dyad_buf_puts(&sql, " ORDER BY e.date, 1");
    } else {
        dyad_buf_puts(&sql, " ORDER BY e.date, e.id");
    }
    if (dyad_buf_puts(&sql, " LIMIT ?1002 OFFSET ?1003")) {
        w_free(&w);
        dyad_buf_free(&sql);
        return DYAD_ENOMEM;
    }
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(st->db, sql.data, -1, &s, NULL) != SQLITE_OK) {
        rc = store_dberr(st, "querying events");
        w_free(&w);
        dyad_buf_free(&sql);
        return rc;
    }
    w_bind(&w, s, 1);
    if (after && one_a_day) {
        sqlite3_bind_int64(s, 1000, q->after_date);
        sqlite3_bind_int64(s, 1001, q->after_id);
    }
    sqlite3_bind_int64(s, 1002, q && q->limit ? (int64_t)q->limit : -1);
    sqlite3_bind_int64(s, 1003, q && !after ? (int64_t)q->offset : 0);
    arena a = {0};
    while (!rc) {
        int step = sqlite3_step(s);
        if (step == SQLITE_DONE) break;
        if (step != SQLITE_ROW) {
            rc = store_dberr(st, "querying events");
            break;
        }
        dyad_store_row row;
        sqlite3_stmt *held = NULL;
        arena_reset(&a);
        int64_t id = sqlite3_column_int64(s, 0);
        rc = fetch_row(st, id, &a, &row, &held);
        if (rc == DYAD_ENOTFOUND)
            rc = store_fail(st, DYAD_EDB, "event %lld: listed by an index, missing from its table%s",
                            (long long)id, STORE_DAMAGED);
        if (!rc) {
            if (one_a_day) {
                row.mentions = (uint64_t)sqlite3_column_int64(s, 1);
                row.articles = (uint64_t)sqlite3_column_int64(s, 2);
                row.sources = (uint64_t)sqlite3_column_int64(s, 3);
            } else {
                rc = group_counts(st, &row);
            }
        }
        if (!rc) rc = fn(ud, &row);
        if (held) sqlite3_reset(held);
    }
    arena_free(&a);
    sqlite3_finalize(s);
    w_free(&w);
    dyad_buf_free(&sql);
    return rc;
}

int dyad_store_count_events(dyad_store *st, const dyad_store_query *q, uint64_t *total) {
    if (st && st->pg && total) return pg_count_events(st, q, total);
    if (total) *total = 0;
    if (!st || !st->db || !total) return DYAD_EINVAL;
    where w;
    int rc = build_where(st, q, &w);
    if (rc || w.never) {
        w_free(&w);
        return rc;
    }
    int one_a_day = q && q->one_a_day;
    dyad_buf sql = {0};
    dyad_buf_puts(&sql, one_a_day ? "SELECT count(*) FROM (SELECT 1 FROM events e"
                                  : "SELECT count(*) FROM events e");
    if (w.sql.len) dyad_buf_puts(&sql, w.sql.data);
    if (dyad_buf_puts(&sql, one_a_day ? " GROUP BY e.date, e.source, e.target, e.code)" : "")) {
        w_free(&w);
        dyad_buf_free(&sql);
        return DYAD_ENOMEM;
    }
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(st->db, sql.data, -1, &s, NULL) != SQLITE_OK) {
        rc = store_dberr(st, "counting events");
    } else {
        w_bind(&w, s, 1);
        if (sqlite3_step(s) == SQLITE_ROW) *total = (uint64_t)sqlite3_column_int64(s, 0);
        else rc = store_dberr(st, "counting events");
    }
    sqlite3_finalize(s);
    w_free(&w);
    dyad_buf_free(&sql);
    return rc;
}

/* --- timelines ----------------------------------------------------------------------- */

/* Whether q filters on nothing but dates, which is all the dyad aggregate knows: its
 * WHERE clause without the dates is empty (so any filter added to build_where counts). */
static int timeline_dates_only(dyad_store *st, const dyad_store_query *q) {
    if (!q) return 1;
    dyad_store_query f = *q;
    f.from = f.to = 0;
    where w;
    int none = build_where(st, &f, &w) == DYAD_OK && !w.sql.len && !w.never;
    w_free(&w);
    return none;
}

typedef struct tl tl;
static int timeline_scan(dyad_store *st, const char *a, const char *b, dyad_store_period by,
                         int both_directions, int raw, const dyad_store_query *q, tl *tp,
                         dyad_store_timeline_fn fn, void *ud);
static int timeline_finish(dyad_store *st, dyad_store_period by, tl *tp, int rc,
                           dyad_store_timeline_fn fn, void *ud);

/* Rows under construction; gold[i] is rows[i]'s Goldstein sum in millionths, summed
 * exactly so the scan and the aggregate give the same double. */
typedef struct tl {
    dyad_store_timeline_row *rows;
    int64_t *gold;
    size_t n, cap;
} tl;

/* The row of a period (rows are appended in increasing period order by the callers'
 * date-ordered queries, but searched in general). NULL on OOM. */
static dyad_store_timeline_row *tl_row(tl *t, int32_t period, int create) {
    size_t lo = 0, hi = t->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (t->rows[mid].period < period) lo = mid + 1;
        else hi = mid;
    }
    if (lo < t->n && t->rows[lo].period == period) return &t->rows[lo];
    if (!create) return NULL;
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 64;
        void *p = realloc(t->rows, cap * sizeof *t->rows);
        if (!p) return NULL;
        t->rows = p;
        p = realloc(t->gold, cap * sizeof *t->gold);
        if (!p) return NULL;
        t->gold = p;
        t->cap = cap;
    }
    memmove(&t->rows[lo + 1], &t->rows[lo], (t->n - lo) * sizeof *t->rows);
    memmove(&t->gold[lo + 1], &t->gold[lo], (t->n - lo) * sizeof *t->gold);
    memset(&t->rows[lo], 0, sizeof *t->rows);
    t->gold[lo] = 0;
    t->rows[lo].period = period;
    t->n++;
    return &t->rows[lo];
}

/* A set of 64-bit keys (open addressing; 0 stands for itself via a flag). */
typedef struct keyset {
    uint64_t *slot;
    size_t cap, n;
    int has_zero;
} keyset;

/* Inserts k; 1 if it was new, 0 if present, -1 on OOM. */
static int keyset_add(keyset *s, uint64_t k) {
    if (k == 0) {
        if (s->has_zero) return 0;
        return s->has_zero = 1;
    }
    if (2 * (s->n + 1) > s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 1024;
        uint64_t *slot = calloc(cap, sizeof *slot);
        if (!slot) return -1;
        for (size_t i = 0; i < s->cap; i++) {
            if (!s->slot[i]) continue;
            size_t j = (size_t)(s->slot[i] * 0x9e3779b97f4a7c15ull >> 20) & (cap - 1);
            while (slot[j]) j = (j + 1) & (cap - 1);
            slot[j] = s->slot[i];
        }
        free(s->slot);
        s->slot = slot;
        s->cap = cap;
    }
    size_t j = (size_t)(k * 0x9e3779b97f4a7c15ull >> 20) & (s->cap - 1);
    while (s->slot[j]) {
        if (s->slot[j] == k) return 0;
        j = (j + 1) & (s->cap - 1);
    }
    s->slot[j] = k;
    s->n++;
    return 1;
}

/* The one-a-day keys of a scan: each key's period and the least QuadClass and Goldstein
 * value of its events, NULLs ignored (as in the events_daily view and dyad_agg), so the
 * result does not depend on the order the events come in. */
typedef struct dayval {
    uint64_t k;
    int32_t period;
    int used, qnull, gnull, quad;
    double g;
} dayval;
typedef struct daymap {
    dayval *slot;
    size_t cap, n;
} daymap;

/* The entry of key k, *fresh set when it is new (zeroed but for k and used); NULL on OOM. */
static dayval *daymap_get(daymap *m, uint64_t k, int *fresh) {
    if (2 * (m->n + 1) > m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 1024;
        dayval *slot = calloc(cap, sizeof *slot);
        if (!slot) return NULL;
        for (size_t i = 0; i < m->cap; i++) {
            if (!m->slot[i].used) continue;
            size_t j = (size_t)(m->slot[i].k * 0x9e3779b97f4a7c15ull >> 20) & (cap - 1);
            while (slot[j].used) j = (j + 1) & (cap - 1);
            slot[j] = m->slot[i];
        }
        free(m->slot);
        m->slot = slot;
        m->cap = cap;
    }
    size_t j = (size_t)(k * 0x9e3779b97f4a7c15ull >> 20) & (m->cap - 1);
    while (m->slot[j].used) {
        if (m->slot[j].k == k) {
            *fresh = 0;
            return &m->slot[j];
        }
        j = (j + 1) & (m->cap - 1);
    }
    m->slot[j].used = 1;
    m->slot[j].k = k;
    m->n++;
    *fresh = 1;
    return &m->slot[j];
}

static uint64_t fnv_str(uint64_t h, const unsigned char *p) {
    if (p)
        for (; *p; p++) h = (h ^ *p) * 0x100000001b3ull;
    return (h ^ 0xff) * 0x100000001b3ull; /* a separator: "AB","C" differs from "A","BC" */
}

/* The aggregate's rows for the timeline, when it can answer it exactly: 1 if it did,
 * 0 if the scan must. */
static int timeline_agg(dyad_store *st, const char *a, const char *b, dyad_store_period by,
                        int both_directions, int raw, const dyad_store_query *q, tl *t, int *rc) {
    *rc = DYAD_OK;
    if (!st->has_agg || (by != DYAD_STORE_BY_WEEK && by != DYAD_STORE_BY_MONTH) ||
        strlen(a) != 3 || strlen(b) != 3 || !timeline_dates_only(st, q))
        return 0;
    int32_t from = q ? q->from : 0, to = q ? q->to : 0;
    /* whole periods only: from a period's first day to a period's last */
    if (from > 0 && store_period_of(from, by) != from) return 0;
    if (to > 0 && store_period_of(store_date_add(to, 1), by) != store_date_add(to, 1)) return 0;
    if (from < 0 || to < 0) return 0;
    if (agg_pending(st) && !st->readonly && (*rc = agg_flush(st))) return 1;
    if (both_directions && strcmp(a, b) > 0) {
        const char *x = a;
        a = b;
        b = x;
    }
    sqlite3_stmt *s = store_stmt(
        st, SQ_AGG_READ,
        "SELECT period, n_raw, q1_raw, q2_raw, q3_raw, q4_raw, g_raw, n_oad, q1_oad, q2_oad,"
        " q3_oad, q4_oad, g_oad, stories FROM dyad_agg WHERE dir = ? AND a = ? AND b = ?"
        " AND kind = ? AND period BETWEEN ? AND ?");
    if (!s) {
        *rc = DYAD_EDB;
        return 1;
    }
    sqlite3_bind_int(s, 1, !both_directions || !strcmp(a, b)); /* a, a: only directed rows */
    sqlite3_bind_text(s, 2, a, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, b, -1, SQLITE_STATIC);
    sqlite3_bind_int(s, 4, (int)by);
    sqlite3_bind_int(s, 5, from > 0 ? from : 0);
    sqlite3_bind_int(s, 6, to > 0 ? to : INT32_MAX);
    int step, c = raw ? 1 : 7;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        if (!sqlite3_column_int64(s, c)) continue;
        dyad_store_timeline_row *r = tl_row(t, sqlite3_column_int(s, 0), 1);
        if (!r) {
            *rc = DYAD_ENOMEM;
            break;
        }
        r->events = (uint64_t)sqlite3_column_int64(s, c);
        for (int i = 1; i <= 4; i++) r->quad[i] = (uint64_t)sqlite3_column_int64(s, c + i);
        t->gold[r - t->rows] = sqlite3_column_int64(s, c + 5);
        r->stories = (uint64_t)sqlite3_column_int64(s, 13);
    }
    if (!*rc && step != SQLITE_DONE) *rc = store_dberr(st, "timeline");
    sqlite3_reset(s);
    return 1;
}

int dyad_store_timeline(dyad_store *st, const char *a, const char *b, dyad_store_period by,
                        int both_directions, int raw, const dyad_store_query *q,
                        dyad_store_timeline_fn fn, void *ud) {
    if (st && st->pg && fn)
        return pg_timeline(st, a ? a : "", b ? b : "", by, both_directions, raw, q, fn, ud);
    if (!st || !st->db || !fn) return DYAD_EINVAL;
    if (!a) a = "";
    if (!b) b = "";
    tl t = {0};
    int rc;
    if (timeline_agg(st, a, b, by, both_directions, raw, q, &t, &rc))
        return timeline_finish(st, by, &t, rc, fn, ud);
    return timeline_scan(st, a, b, by, both_directions, raw, q, &t, fn, ud);
}

/* The timeline by one pass over the dyad's events. */
static int timeline_scan(dyad_store *st, const char *a, const char *b, dyad_store_period by,
                         int both_directions, int raw, const dyad_store_query *q, tl *tp,
                         dyad_store_timeline_fn fn, void *ud) {
    tl t = *tp;
    dyad_store_query f = {0};
    if (q) f = *q;
    if (*a && *b && both_directions) {
        f.dyad_a = a;
        f.dyad_b = b;
    } else if (both_directions) {
        if (*a || *b) f.actor = *a ? a : b;
    } else {
        if (*a) f.source = a;
        if (*b) f.target = b;
    }
    where w;
    int rc = build_where(st, &f, &w);
    if (rc) {
        w_free(&w);
        return rc;
    }
    w_and(&w, "e.date > 0");
    keyset groups = {0};
    daymap days = {0};
    sqlite3_stmt *s = NULL;
    dyad_buf sql = {0};
    /* One pass over the dyad's events (the events_dyad index covers every column read):
     * one-a-day keys (64-bit FNV-1a of date, source, target, code: collisions are
     * negligible) and (period, group) pairs are counted once each. */
    dyad_buf_puts(&sql, "SELECT e.date, e.source, e.target, e.code, e.quad_class, e.goldstein,"
                        " e.grp FROM events e");
    if (dyad_buf_puts(&sql, w.sql.data)) rc = DYAD_ENOMEM;
    if (!rc && sqlite3_prepare_v2(st->db, sql.data, -1, &s, NULL) != SQLITE_OK)
        rc = store_dberr(st, "timeline");
    if (!rc) {
        w_bind(&w, s, 1);
        int step;
        while ((step = sqlite3_step(s)) == SQLITE_ROW) {
            int32_t date = sqlite3_column_int(s, 0);
            int32_t period = store_period_of(date, by);
            dyad_store_timeline_row *r = tl_row(&t, period, 1);
            if (!r) {
                rc = DYAD_ENOMEM;
                break;
            }
            /* exact while story keys stay below 2^32 */
            uint64_t g = ((uint64_t)(uint32_t)period << 32) | (uint32_t)sqlite3_column_int64(s, 6);
            int new_group = keyset_add(&groups, g);
            if (new_group < 0) {
                rc = DYAD_ENOMEM;
                break;
            }
            if (new_group) r->stories++;
            int qnull = sqlite3_column_type(s, 4) == SQLITE_NULL, quad = sqlite3_column_int(s, 4);
            int gnull = sqlite3_column_type(s, 5) == SQLITE_NULL;
            double gold = sqlite3_column_double(s, 5);
            if (raw) {
                if (!qnull && quad >= 1 && quad <= 4) r->quad[quad]++;
                r->events++;
                if (!gnull) t.gold[r - t.rows] += store_gold_micro(gold);
                continue;
            }
            uint64_t k = 0xcbf29ce484222325ull ^ (uint64_t)(uint32_t)date;
            k = fnv_str(k, sqlite3_column_text(s, 1));
            k = fnv_str(k, sqlite3_column_text(s, 2));
            k = fnv_str(k, sqlite3_column_text(s, 3));
            int fresh;
            dayval *d = daymap_get(&days, k, &fresh);
            if (!d) {
                rc = DYAD_ENOMEM;
                break;
            }
            if (fresh) {
                d->period = period;
                d->qnull = qnull;
                d->quad = quad;
                d->gnull = gnull;
                d->g = gold;
                continue;
            }
            if (!qnull && (d->qnull || quad < d->quad)) {
                d->qnull = 0;
                d->quad = quad;
            }
            if (!gnull && (d->gnull || gold < d->g)) {
                d->gnull = 0;
                d->g = gold;
            }
        }
        /* one a day: each key once, with its least values */
        for (size_t i = 0; !rc && i < days.cap; i++) {
            const dayval *d = &days.slot[i];
            if (!d->used) continue;
            dyad_store_timeline_row *r = tl_row(&t, d->period, 0);
            if (!r) continue;
            if (!d->qnull && d->quad >= 1 && d->quad <= 4) r->quad[d->quad]++;
            r->events++;
            if (!d->gnull) t.gold[r - t.rows] += store_gold_micro(d->g);
        }
        if (!rc && step != SQLITE_DONE) rc = store_dberr(st, "timeline");
    }
    sqlite3_finalize(s);
    s = NULL;
    free(days.slot);
    free(groups.slot);
    dyad_buf_free(&sql);
    w_free(&w);
    return timeline_finish(st, by, &t, rc, fn, ud);
}

/* Adds the denominators, calls fn for each row with events, and frees t. */
static int timeline_finish(dyad_store *st, dyad_store_period by, tl *tp, int rc,
                           dyad_store_timeline_fn fn, void *ud) {
    tl t = *tp;
    sqlite3_stmt *s = NULL;
    /* The denominator: story groups dated in each period (a group at its first story's
     * date), over the periods the dyad appears in. */
    if (!rc && t.n) {
        int32_t lo = t.rows[0].period, hi = t.rows[t.n - 1].period;
        hi = by == DYAD_STORE_BY_MONTH ? hi / 100 * 100 + 31
             : by == DYAD_STORE_BY_WEEK ? store_date_add(hi, 6) : hi;
        if (sqlite3_prepare_v2(st->db,
                               "SELECT date, n_groups FROM days WHERE date BETWEEN ? AND ?",
                               -1, &s, NULL) != SQLITE_OK)
            rc = store_dberr(st, "timeline");
        else {
            sqlite3_bind_int(s, 1, lo);
            sqlite3_bind_int(s, 2, hi);
            int step;
            while ((step = sqlite3_step(s)) == SQLITE_ROW) {
                dyad_store_timeline_row *r = tl_row(&t, store_period_of(sqlite3_column_int(s, 0), by), 0);
                if (r) r->total_stories += (uint64_t)sqlite3_column_int64(s, 1);
            }
            if (step != SQLITE_DONE) rc = store_dberr(st, "timeline");
        }
        sqlite3_finalize(s);
    }
    for (size_t i = 0; !rc && i < t.n; i++) {
        dyad_store_timeline_row *r = &t.rows[i];
        if (!r->events) continue;
        r->goldstein_sum = (double)t.gold[i] / 1e6;
        r->goldstein_mean = r->goldstein_sum / (double)r->events;
        rc = fn(ud, r);
    }
    free(t.rows);
    free(t.gold);
    return rc;
}

/* --- top lists ------------------------------------------------------------------------ */

int dyad_store_top(dyad_store *st, dyad_store_top_kind kind, const dyad_store_query *q, size_t n,
                   dyad_store_top_fn fn, void *ud) {
    if (st && st->pg) return fn ? pg_top(st, kind, q, n, fn, ud) : DYAD_EINVAL;
    if (!st || !st->db || !fn) return DYAD_EINVAL;
    where w;
    int rc = build_where(st, q, &w);
    if (rc) {
        w_free(&w);
        return rc;
    }
    dyad_buf sql = {0};
    dyad_buf_puts(&sql, "WITH d AS (SELECT DISTINCT e.date, e.source, e.target, e.code FROM events e");
    if (w.sql.len) dyad_buf_puts(&sql, w.sql.data);
    dyad_buf_puts(&sql, ") ");
    switch (kind) {
    case DYAD_STORE_TOP_ACTORS:
        dyad_buf_puts(&sql, "SELECT a, count(*) FROM (SELECT source AS a FROM d UNION ALL"
                            " SELECT target FROM d WHERE target <> '') GROUP BY a");
        break;
    case DYAD_STORE_TOP_DYADS:
        dyad_buf_puts(&sql, "SELECT source || ',' || target, count(*) FROM d WHERE target <> ''"
                            " GROUP BY source, target");
        break;
    case DYAD_STORE_TOP_CODES:
        dyad_buf_puts(&sql, "SELECT code, count(*) FROM d GROUP BY code");
        break;
    default:
        w_free(&w);
        dyad_buf_free(&sql);
        return DYAD_EINVAL;
    }
    if (dyad_buf_puts(&sql, " ORDER BY 2 DESC, 1 LIMIT ?")) rc = DYAD_ENOMEM;
    sqlite3_stmt *s = NULL;
    if (!rc && sqlite3_prepare_v2(st->db, sql.data, -1, &s, NULL) != SQLITE_OK)
        rc = store_dberr(st, "top");
    if (!rc) {
        w_bind(&w, s, 1);
        sqlite3_bind_int64(s, w.n + 1, n ? (int64_t)n : -1);
        int step;
        while (!rc && (step = sqlite3_step(s)) == SQLITE_ROW)
            rc = fn(ud, ctext(s, 0), (uint64_t)sqlite3_column_int64(s, 1));
        if (!rc && step != SQLITE_DONE) rc = store_dberr(st, "top");
    }
    sqlite3_finalize(s);
    dyad_buf_free(&sql);
    w_free(&w);
    return rc;
}

/* --- stories -------------------------------------------------------------------------- */

int dyad_store_story_fetch(dyad_store *st, const char *id, dyad_store_story **out) {
    if (!out) return DYAD_EINVAL;
    *out = NULL;
    if (st && st->pg && id) {
        store_held_story *h = calloc(1, sizeof *h);
        if (!h) return DYAD_ENOMEM;
        int rc = pg_story_fetch(st, id, h);
        if (rc) {
            arena_free(&h->a);
            free(h);
            return rc;
        }
        *out = &h->pub;
        return DYAD_OK;
    }
    if (!st || !st->db || !id) return DYAD_EINVAL;
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(st->db, "SELECT key FROM stories WHERE id = ?", -1, &s, NULL) != SQLITE_OK)
        return store_dberr(st, "fetching a story");
    sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
    int step = sqlite3_step(s);
    int64_t key = step == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    sqlite3_finalize(s);
    if (step != SQLITE_ROW && step != SQLITE_DONE) return store_dberr(st, "fetching a story");
    if (!key) return store_fail(st, DYAD_ENOTFOUND, "no story with id '%s'", id);
    store_held_story *h = calloc(1, sizeof *h);
    if (!h) return DYAD_ENOMEM;
    dyad_event *ev = NULL;
    int rc = store_load_story(st, key, &h->a, &h->pub.story, &h->pub.group, &h->pub.dict_version);
    if (!rc) rc = store_load_events(st, key, h->pub.story.id, &h->pub.story, &h->a, &ev, &h->pub.n_events);
    h->pub.events = ev;
    if (!rc) {
        if (sqlite3_prepare_v2(st->db, "SELECT count(*) FROM stories WHERE grp = ?", -1, &s, NULL) !=
            SQLITE_OK)
            rc = store_dberr(st, "fetching a story");
        else {
            sqlite3_bind_int64(s, 1, h->pub.group);
            if (sqlite3_step(s) == SQLITE_ROW) h->pub.group_size = (uint64_t)sqlite3_column_int64(s, 0);
            sqlite3_finalize(s);
        }
    }
    if (rc) {
        arena_free(&h->a);
        free(h);
        return rc;
    }
    *out = &h->pub;
    return DYAD_OK;
}

void dyad_store_story_free(dyad_store_story *s) {
    if (!s) return;
    store_held_story *h = (store_held_story *)s;
    arena_free(&h->a);
    free(h);
}
