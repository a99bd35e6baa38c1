/* query.c: reading the store: filtered event queries, dyad timelines, top lists and
 * stored stories. Every user value reaches SQL as a bound parameter. */
#include "store_int.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define QUERY_MAX_PARAMS 48

/* A WHERE clause under construction with its parameters (text or integer). */
typedef struct where {
    dyad_buf sql;
    int n;
    const char *text[QUERY_MAX_PARAMS];
    int64_t num[QUERY_MAX_PARAMS];
    double real[QUERY_MAX_PARAMS];
    char is_real[QUERY_MAX_PARAMS];
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
    w->is_real[w->n] = 0;
    w->n++;
}
static void w_real(where *w, double v) {
    if (w->n >= QUERY_MAX_PARAMS) return;
    w->text[w->n] = NULL;
    w->real[w->n] = v;
    w->is_real[w->n] = 1;
    w->n++;
}
static void w_free(where *w) {
    for (int i = 0; i < w->n; i++) free(w->owned[i]);
    dyad_buf_free(&w->sql);
}
static void w_bind(const where *w, sqlite3_stmt *s, int first) {
    for (int i = 0; i < w->n; i++) {
        if (w->text[i]) sqlite3_bind_text(s, first + i, w->text[i], -1, SQLITE_STATIC);
        else if (w->is_real[i]) sqlite3_bind_double(s, first + i, w->real[i]);
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

#define KM_PER_DEGREE 111.19508 /* of latitude, on the sphere store_km measures on */
#define MIGRATE_HINT                                                                         \
    "the store predates event places (schema version %d): migrate it by opening it for "   \
    "writing once (dyad ingest --db FILE /dev/null)"

/* Adds the place filters of q (country, near, bbox) to w. */
static int where_place(dyad_store *st, const dyad_store_query *q, where *w) {
    if (q->country && *q->country) {
        dyad_place p;
        if (store_country_filter(st, q->country, &p)) return DYAD_EINVAL;
        w_and(w, "e.location_country = ?");
        w_text(w, p.country, 0); /* a static string of the gazetteer */
    }
    if ((q->near_km > 0 || q->bbox) && st->version < 4)
        return store_fail(st, DYAD_EINVAL, MIGRATE_HINT, st->version);
    if (q->near_km != 0) { /* NaN too: refused below */
        double lat = q->near_lat, lon = q->near_lon, km = q->near_km;
        if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180))
            return store_fail(st, DYAD_EINVAL,
                              "near: %g,%g is not a point (latitude -90..90, longitude -180..180)",
                              lat, lon);
        if (!(km > 0 && km <= 20100))
            return store_fail(st, DYAD_EINVAL, "km must be a distance from 0 to 20100 km (not %g)", km);
        /* A box around the circle that the index can seek (a little larger than needed:
         * the exact distance decides), then the distance itself. */
        double d = km / KM_PER_DEGREE * 1.001 + 1e-6;
        double lo = lat - d, hi = lat + d;
        w_and(w, "e.location_lat BETWEEN ? AND ?");
        w_real(w, lo);
        w_real(w, hi);
        double far = fabs(lat) + d; /* the widest the circle reaches in longitude */
        if (far < 89.9) {
            double dlon = d / cos(far * 3.14159265358979323846 / 180.0);
            if (dlon < 180) {
                double west = lon - dlon, east = lon + dlon;
                if (west >= -180 && east <= 180) {
                    w_and(w, "e.location_lon BETWEEN ? AND ?");
                    w_real(w, west);
                    w_real(w, east);
                } else { /* across the antimeridian */
                    w_and(w, "(e.location_lon >= ? OR e.location_lon <= ?)");
                    w_real(w, west < -180 ? west + 360 : west);
                    w_real(w, east > 180 ? east - 360 : east);
                }
            }
        }
        w_and(w, "dyad_km(?, ?, e.location_lat, e.location_lon) <= ?");
        w_real(w, lat);
        w_real(w, lon);
        w_real(w, km);
    }
    if (q->bbox) {
        if (!(q->south >= -90 && q->north <= 90 && q->south <= q->north && q->west >= -180 &&
              q->west <= 180 && q->east >= -180 && q->east <= 180))
            return store_fail(st, DYAD_EINVAL,
                              "bbox: %g,%g,%g,%g is not a box (west,south,east,north: longitudes "
                              "-180..180, latitudes -90..90, south <= north)",
                              q->west, q->south, q->east, q->north);
        w_and(w, "e.location_lat BETWEEN ? AND ?");
        w_real(w, q->south);
        w_real(w, q->north);
        w_and(w, q->west <= q->east ? "e.location_lon BETWEEN ? AND ?"
                                    : "(e.location_lon >= ? OR e.location_lon <= ?)");
        w_real(w, q->west);
        w_real(w, q->east);
    }
    return DYAD_OK;
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
    int rc = where_place(st, q, w);
    if (rc) return rc;
    if (w->n >= QUERY_MAX_PARAMS) return store_fail(st, DYAD_EINVAL, "too many filters");
    return w->nomem ? DYAD_ENOMEM : DYAD_OK;
}

/* Prepares head + the WHERE clause of q + tail with q's values bound; *out is NULL (and
 * DYAD_OK returned) when a filter can match nothing. */
int store_prepare_filtered(dyad_store *st, const dyad_store_query *q, const char *head,
                           const char *tail, sqlite3_stmt **out) {
    *out = NULL;
    where w;
    int rc = build_where(st, q, &w);
    if (rc || w.never) {
        w_free(&w);
        return rc;
    }
    dyad_buf sql = {0};
    if (dyad_buf_puts(&sql, head) || (w.sql.len && dyad_buf_puts(&sql, w.sql.data)) ||
        dyad_buf_puts(&sql, tail)) {
        rc = DYAD_ENOMEM;
    } else if (sqlite3_prepare_v2(st->db, sql.data, -1, out, NULL) != SQLITE_OK) {
        rc = store_dberr(st, "querying events");
        *out = NULL;
    } else { /* copies: the clause's own text is freed before the statement runs */
        for (int i = 0; i < w.n; i++) {
            if (w.text[i]) sqlite3_bind_text(*out, 1 + i, w.text[i], -1, SQLITE_TRANSIENT);
            else if (w.is_real[i]) sqlite3_bind_double(*out, 1 + i, w.real[i]);
            else sqlite3_bind_int64(*out, 1 + i, w.num[i]);
        }
    }
    w_free(&w);
    dyad_buf_free(&sql);
    return rc;
}

#define FETCH_SQL(places)                                                                    \
    "SELECT e.id, s.id, e.sentence, e.date, e.source, e.source_text, e.target, e.target_text,"  \
    " e.code, e.root, e.quad_class, e.goldstein, e.location, e.location_country, sn.text,"     \
    " e.source_start, e.source_end, e.verb_start, e.verb_end, e.target_start, e.target_end,"   \
    " e.rules, e.grp, s.publisher, s.url, s.dict_version, " places                             \
    " FROM events e JOIN stories s ON s.key = e.story_key"                                     \
    " LEFT JOIN sentences sn ON sn.story_key = e.story_key AND sn.idx = e.sentence"            \
    " WHERE e.id = ?"

static const char *ctext(sqlite3_stmt *s, int i) { return (const char *)sqlite3_column_text(s, i); }

/* Fetches event id into row (strings borrowed from the statement and arena a). */
static int fetch_row(dyad_store *st, int64_t id, arena *a, dyad_store_row *row, sqlite3_stmt **held) {
    sqlite3_stmt *s = store_stmt(st, SQ_EVENT_FETCH,
                                 st->version >= 8   ? FETCH_SQL(STORE_PLACE_COLS ", " STORE_ACTOR_PLACE_COLS)
                                 : st->version >= 4 ? FETCH_SQL(STORE_PLACE_COLS ", " STORE_ACTOR_PLACE_COLS_V7)
                                                    : FETCH_SQL(STORE_PLACE_COLS_V3 ", " STORE_ACTOR_PLACE_COLS_V7));
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
    store_read_place(s, 26, NULL, e);
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

/* Fetches event id with its group counts and hands it to fn (not one-a-day). */
static int deliver_row(dyad_store *st, int64_t id, arena *a, dyad_store_event_fn fn, void *ud) {
    dyad_store_row row;
    sqlite3_stmt *held = NULL;
    arena_reset(a);
    int rc = fetch_row(st, id, a, &row, &held);
    if (rc == DYAD_ENOTFOUND)
        rc = store_fail(st, DYAD_EDB, "event %lld: listed by an index, missing from its table%s",
                        (long long)id, STORE_DAMAGED);
    if (!rc) rc = group_counts(st, &row);
    if (!rc) rc = fn(ud, &row);
    if (held) sqlite3_reset(held);
    return rc;
}

/* A page of an actor's events by walking the dates. An actor filter matches source OR
 * target, which no index gives in (date, id) order: SQLite reads every event of the
 * actor from two indexes and sorts them (all 477,000 of USA's in the benchmark store,
 * for a page of 100). A frequent actor is found at once by walking events_date from the
 * page's start (the cursor, or from=) and testing each row's codes, for a query of an
 * actor, dates and a page (no other filter); a rare one is not, so the walk gives up
 * after STORE_DATE_WALK rows and the usual plan answers (it is right whatever the walk
 * saw). Sets *done when the page was delivered. */
#define STORE_DATE_WALK 4096 /* rows */
#define STORE_DATE_WALK_MAX_PAGE 1000
static int page_by_date_walk(dyad_store *st, const dyad_store_query *q, dyad_store_event_fn fn,
                             void *ud, int *done) {
    *done = 0;
    if (!q || !q->actor || !*q->actor || q->one_a_day || !q->limit ||
        q->limit > STORE_DATE_WALK_MAX_PAGE || (!q->after_id && q->offset) ||
        (q->source && *q->source) || (q->target && *q->target) || (q->dyad_a && *q->dyad_a) ||
        (q->dyad_b && *q->dyad_b) || (q->code && *q->code) || (q->text && *q->text) ||
        (q->country && *q->country) || q->near_km != 0 || q->bbox)
        return DYAD_OK;
    /* The bounds are whole numbers written into the SQL. */
    char sql[256];
    int n = snprintf(sql, sizeof sql, "SELECT e.id, e.source, e.target FROM events e INDEXED BY"
                                      " events_date WHERE ");
    if (q->after_id)
        n += snprintf(sql + n, sizeof sql - (size_t)n, "(e.date, e.id) > (%" PRId32 ", %" PRId64 ")",
                      q->after_date, q->after_id);
    else
        n += snprintf(sql + n, sizeof sql - (size_t)n, "e.date >= %" PRId32, q->from);
    if (q->to) n += snprintf(sql + n, sizeof sql - (size_t)n, " AND e.date <= %" PRId32, q->to);
    if (q->after_id && q->from) n += snprintf(sql + n, sizeof sql - (size_t)n, " AND e.date >= %" PRId32, q->from);
    snprintf(sql + n, sizeof sql - (size_t)n, " ORDER BY e.date, e.id LIMIT %d", STORE_DATE_WALK);
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
        sqlite3_finalize(s); /* events_date dropped by hand: the usual plan */
        return DYAD_OK;
    }
    size_t alen = strlen(q->actor), got = 0;
    int64_t ids[STORE_DATE_WALK_MAX_PAGE];
    int step, rc = DYAD_OK;
    while (got < q->limit && (step = sqlite3_step(s)) == SQLITE_ROW) {
        const char *src = ctext(s, 1), *tgt = ctext(s, 2);
        if ((src && !strncmp(src, q->actor, alen)) || (tgt && !strncmp(tgt, q->actor, alen)))
            ids[got++] = sqlite3_column_int64(s, 0);
    }
    if (got < q->limit && step != SQLITE_DONE) rc = store_dberr(st, "querying events");
    sqlite3_finalize(s);
    if (rc || got < q->limit) return rc; /* a rare actor: the usual plan */
    *done = 1;
    arena a = {0};
    for (size_t i = 0; i < got && !rc; i++) rc = deliver_row(st, ids[i], &a, fn, ud);
    arena_free(&a);
    return rc;
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
    int walked = 0;
    if ((rc = page_by_date_walk(st, q, fn, ud, &walked)) || walked) {
        w_free(&w);
        return rc;
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

/* Counts the events of q: *total, and with both_of (an actor code) also *both, those of
 * them whose target begins with both_of. */
static int count_where(dyad_store *st, const dyad_store_query *q, const char *both_of,
                       uint64_t *total, uint64_t *both) {
    where w;
    int rc = build_where(st, q, &w);
    if (rc || w.never) {
        w_free(&w);
        return rc;
    }
    int one_a_day = q && q->one_a_day;
    char *up = both_of ? prefix_upper(both_of) : NULL; /* NULL: no bound, as w_prefix */
    /* The prefix is quoted into the SQL: a parameter before the WHERE clause's would
     * renumber theirs. */
    char *both_sql = both_of ? sqlite3_mprintf("SELECT count(*), count(CASE WHEN e.target >= %Q"
                                               " AND (%Q IS NULL OR e.target < %Q) THEN 1 END)"
                                               " FROM events e", both_of, up, up)
                             : NULL;
    free(up);
    if (both_of && !both_sql) {
        w_free(&w);
        return DYAD_ENOMEM;
    }
    dyad_buf sql = {0};
    dyad_buf_puts(&sql, one_a_day ? "SELECT count(*), 0 FROM (SELECT 1 FROM events e"
                        : both_of ? both_sql
                                  : "SELECT count(*), 0 FROM events e");
    sqlite3_free(both_sql);
    if (w.sql.len) dyad_buf_puts(&sql, w.sql.data);
    if (dyad_buf_puts(&sql, one_a_day ? " GROUP BY e.date, e.source, e.target, e.code)" : "")) {
        w_free(&w);
        dyad_buf_free(&sql);
        free(up);
        return DYAD_ENOMEM;
    }
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(st->db, sql.data, -1, &s, NULL) != SQLITE_OK) {
        rc = store_dberr(st, "counting events");
    } else {
        w_bind(&w, s, 1);
        if (sqlite3_step(s) == SQLITE_ROW) {
            *total = (uint64_t)sqlite3_column_int64(s, 0);
            if (both) *both = (uint64_t)sqlite3_column_int64(s, 1);
        } else {
            rc = store_dberr(st, "counting events");
        }
    }
    sqlite3_finalize(s);
    w_free(&w);
    dyad_buf_free(&sql);
    return rc;
}

int dyad_store_count_events(dyad_store *st, const dyad_store_query *q, uint64_t *total) {
    if (st && st->pg && total) return pg_count_events(st, q, total);
    if (total) *total = 0;
    if (!st || !st->db || !total) return DYAD_EINVAL;
    if (q && q->actor && *q->actor && !q->one_a_day && !(q->source && *q->source) &&
        !(q->target && *q->target)) {
        /* An actor is the source OR the target, which SQLite counts by collecting the
         * rowids of both index ranges in a temporary b-tree (USA in the benchmark store:
         * 555 M instructions). Counted instead as |source| + |target| - |both|: a scan of
         * the source's range of events_dyad (which holds the target) and one of the
         * target's range of events_target, the other filters alike in each. */
        dyad_store_query f = *q;
        uint64_t as_source = 0, as_target = 0, as_both = 0;
        f.actor = NULL;
        f.source = q->actor;
        int rc = count_where(st, &f, q->actor, &as_source, &as_both);
        f.source = NULL;
        f.target = q->actor;
        if (!rc) rc = count_where(st, &f, NULL, &as_target, NULL);
        if (!rc) *total = as_source + as_target - as_both;
        return rc;
    }
    return count_where(st, q, NULL, total, NULL);
}

/* --- timelines ----------------------------------------------------------------------- */

/* Whether q filters on nothing but dates and the place's country. */
static int dates_and_country_only(const dyad_store_query *q) {
    return !q || (!(q->actor && *q->actor) && !(q->source && *q->source) &&
                  !(q->target && *q->target) && !(q->dyad_a && *q->dyad_a) &&
                  !(q->code && *q->code) && !(q->text && *q->text) && q->near_km == 0 && !q->bbox);
}

/* The QuadClass of a code filter that is one ("quad:3": 3); 0 for any other or none. */
static int geo_quad(const dyad_store_query *q) {
    const char *k = q ? q->code : NULL;
    return k && !strncmp(k, "quad:", 5) && k[5] >= '1' && k[5] <= '4' && !k[6] ? k[5] - '0' : 0;
}

/* Whether geo_agg answers q: dates, a country and, from schema version 5 (geo_agg by
 * QuadClass), a QuadClass filter only. */
static int geo_agg_answers(const dyad_store *st, const dyad_store_query *q) {
    if (!q || !(q->code && *q->code)) return dates_and_country_only(q);
    if (st->version < 5 || !geo_quad(q)) return 0;
    dyad_store_query f = *q;
    f.code = NULL;
    return dates_and_country_only(&f);
}

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
    int all = !*a && !*b; /* every event: dyad_agg's AGG_DIR_ALL cells (version 9) */
    if (!st->has_agg || (by != DYAD_STORE_BY_WEEK && by != DYAD_STORE_BY_MONTH) ||
        (all ? st->version < 9 : strlen(a) != 3 || strlen(b) != 3) || !timeline_dates_only(st, q))
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
    /* a, a: only directed rows */
    sqlite3_bind_int(s, 1, all ? AGG_DIR_ALL : !both_directions || !strcmp(a, b));
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

/* The top list from top_codes / top_dyads (schema version 9), when they answer q: no
 * filter but dates of whole months (none: the all-time rows). 1 if they did (*rc says
 * how it went), 0 if the events must. */
static int top_agg(dyad_store *st, dyad_store_top_kind kind, const dyad_store_query *q, size_t n,
                   dyad_store_top_fn fn, void *ud, int *rc) {
    *rc = DYAD_OK;
    if (st->version < 9 || !timeline_dates_only(st, q)) return 0;
    int32_t from = q ? q->from : 0, to = q ? q->to : 0;
    if (from < 0 || to < 0) return 0;
    if (from > 0 && from % 100 != 1) return 0; /* whole months only */
    if (to > 0 && store_period_of(store_date_add(to, 1), DYAD_STORE_BY_MONTH) != store_date_add(to, 1))
        return 0;
    /* month -1: all time; else the months from..to (from 0: undated events too, as
     * date <= to counts them) */
    const char *rows = from || to ? " month BETWEEN ?1 AND ?2" : " month = -1";
    char sql[512];
    switch (kind) {
    case DYAD_STORE_TOP_ACTORS:
        snprintf(sql, sizeof sql,
                 "SELECT a, sum(n) FROM (SELECT source AS a, n FROM top_dyads WHERE%s UNION ALL"
                 " SELECT target, n FROM top_dyads WHERE%s AND target <> '') GROUP BY a"
                 " HAVING sum(n) > 0 ORDER BY 2 DESC, 1 LIMIT ?3", rows, rows);
        break;
    case DYAD_STORE_TOP_DYADS:
        snprintf(sql, sizeof sql,
                 "SELECT source || ',' || target, sum(n) FROM top_dyads WHERE%s AND target <> ''"
                 " GROUP BY source, target HAVING sum(n) > 0 ORDER BY 2 DESC, 1 LIMIT ?3", rows);
        break;
    case DYAD_STORE_TOP_CODES:
        snprintf(sql, sizeof sql,
                 "SELECT code, sum(n) FROM top_codes WHERE%s GROUP BY code HAVING sum(n) > 0"
                 " ORDER BY 2 DESC, 1 LIMIT ?3", rows);
        break;
    default: return 0;
    }
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
        *rc = store_dberr(st, "top");
        return 1;
    }
    if (from || to) {
        sqlite3_bind_int(s, 1, from / 100);
        sqlite3_bind_int(s, 2, to ? to / 100 : INT32_MAX);
    }
    sqlite3_bind_int64(s, 3, n ? (int64_t)n : -1);
    int step = SQLITE_DONE;
    while (!*rc && (step = sqlite3_step(s)) == SQLITE_ROW)
        *rc = fn(ud, ctext(s, 0), (uint64_t)sqlite3_column_int64(s, 1));
    if (!*rc && step != SQLITE_DONE) *rc = store_dberr(st, "top");
    sqlite3_finalize(s);
    return 1;
}

int dyad_store_top(dyad_store *st, dyad_store_top_kind kind, const dyad_store_query *q, size_t n,
                   dyad_store_top_fn fn, void *ud) {
    if (st && st->pg) return fn ? pg_top(st, kind, q, n, fn, ud) : DYAD_EINVAL;
    if (!st || !st->db || !fn) return DYAD_EINVAL;
    int arc;
    if (top_agg(st, kind, q, n, fn, ud, &arc)) return arc;
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

int dyad_store_actor_codes(dyad_store *st, const char *prefix, size_t max, dyad_store_top_fn fn,
                           void *ud) {
    if (st && st->pg) return prefix && fn ? pg_actor_codes(st, prefix, max, fn, ud) : DYAD_EINVAL;
    if (!st || !st->db || !prefix || !fn) return DYAD_EINVAL;
    /* two index ranges (events_dyad, events_target); ?2 NULL: no upper bound */
    static const char SQL[] =
        "SELECT code, sum(n) FROM ("
        " SELECT source AS code, count(*) AS n FROM events WHERE source >= ?1"
        " AND (?2 IS NULL OR source < ?2) GROUP BY source UNION ALL"
        " SELECT target, count(*) FROM events WHERE target >= ?1 AND (?2 IS NULL OR target < ?2)"
        " AND target <> '' GROUP BY target)"
        " GROUP BY code ORDER BY 2 DESC, 1 LIMIT ?3";
    char *up = *prefix ? prefix_upper(prefix) : NULL;
    if (*prefix && !up && strspn(prefix, "\xff") != strlen(prefix)) return DYAD_ENOMEM;
    sqlite3_stmt *s = NULL;
    int rc = DYAD_OK;
    if (sqlite3_prepare_v2(st->db, SQL, -1, &s, NULL) != SQLITE_OK) {
        rc = store_dberr(st, "listing actor codes");
    } else {
        sqlite3_bind_text(s, 1, prefix, -1, SQLITE_STATIC);
        if (up) sqlite3_bind_text(s, 2, up, -1, SQLITE_STATIC);
        else sqlite3_bind_null(s, 2);
        sqlite3_bind_int64(s, 3, max ? (int64_t)max : -1);
        int step;
        while (!rc && (step = sqlite3_step(s)) == SQLITE_ROW)
            rc = fn(ud, ctext(s, 0) ? ctext(s, 0) : "", (uint64_t)sqlite3_column_int64(s, 1));
        if (!rc && step != SQLITE_DONE) rc = store_dberr(st, "listing actor codes");
    }
    sqlite3_finalize(s);
    free(up);
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

/* --- events by place ----------------------------------------------------------------- */

typedef struct geo_row {
    char key[40];
    uint64_t count;
    double goldstein;
    int64_t i, j; /* a grid cell's row and column */
} geo_row;

static int geo_row_cmp(const void *x, const void *y) {
    const geo_row *a = x, *b = y;
    if (a->count != b->count) return a->count > b->count ? -1 : 1;
    return strcmp(a->key, b->key);
}

/* Millionths of a degree as decimal degrees, without trailing zeros ("35", "-0.25"):
 * integer arithmetic, so no locale's decimal comma. */
static const char *micro_text(long long v, char out[24]) {
    unsigned long long a = v < 0 ? (unsigned long long)-v : (unsigned long long)v;
    int n = snprintf(out, 24, "%s%llu", v < 0 ? "-" : "", a / 1000000);
    unsigned long long f = a % 1000000;
    if (f) {
        char frac[8];
        snprintf(frac, sizeof frac, "%06llu", f);
        size_t k = 6;
        while (k > 0 && frac[k - 1] == '0') k--;
        snprintf(out + n, (size_t)(24 - n), ".%.*s", (int)k, frac);
    }
    return out;
}

/* Fills r: count events with the mean Goldstein value mean, at the country or region key
 * (a country by its alpha-2 code, the key maps draw with) or the grid cell of row i and
 * column j of micro millionths of a degree. */
static void geo_row_set(geo_row *r, dyad_store_geo_level level, long long micro, const char *key,
                        int64_t i, int64_t j, uint64_t count, double mean) {
    memset(r, 0, sizeof *r);
    r->count = count;
    r->goldstein = mean;
    if (level == DYAD_STORE_GEO_GRID) {
        r->i = i;
        r->j = j;
        char la[24], lo[24];
        snprintf(r->key, sizeof r->key, "%s,%s", micro_text(i * micro - 90000000, la),
                 micro_text(j * micro - 180000000, lo));
    } else {
        dyad_place p;
        if (level == DYAD_STORE_GEO_COUNTRY && dyad_geo_country(key, &p) == DYAD_OK) key = p.country2;
        snprintf(r->key, sizeof r->key, "%s", key ? key : "");
    }
}

/* --- the per-country map from geo_agg -------------------------------------------------- */

static int geo_emit(dyad_store_geo_level level, double cell_deg, geo_row *rows, size_t n,
                    dyad_store_geo_fn fn, void *ud);
static int geo_countries(dyad_store *st, const dyad_store_query *q, uint64_t *total,
                         uint64_t *located, dyad_store_geo_fn fn, void *ud);

/* Events of one place country ("" for none) being summed. */
typedef struct geo_acc {
    char cc[8];
    uint64_t n, ng;
    int64_t g; /* millionths */
} geo_acc;
typedef struct geo_sum {
    geo_acc *a;
    size_t n, cap;
} geo_sum;

static int geo_sum_add(geo_sum *s, const char *cc, uint64_t n, uint64_t ng, int64_t g) {
    if (!cc) cc = "";
    for (size_t i = 0; i < s->n; i++)
        if (!strcmp(s->a[i].cc, cc)) {
            s->a[i].n += n, s->a[i].ng += ng, s->a[i].g += g;
            return DYAD_OK;
        }
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 64;
        geo_acc *a = realloc(s->a, cap * sizeof *a);
        if (!a) return DYAD_ENOMEM;
        s->a = a;
        s->cap = cap;
    }
    geo_acc *x = &s->a[s->n++];
    snprintf(x->cc, sizeof x->cc, "%s", cc);
    x->n = n, x->ng = ng, x->g = g;
    return DYAD_OK;
}

/* Adds the rows of sql (country, count, with a value, sum in millionths), its parameters
 * lo, hi, the country cc3 (NULL: none) and the QuadClass quad (0: any), to s. */
static int geo_sum_sql(dyad_store *st, geo_sum *s, const char *sql, int64_t lo, int64_t hi,
                       const char *cc3, int quad) {
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v2(st->db, sql, -1, &q, NULL) != SQLITE_OK)
        return store_dberr(st, "events by place");
    sqlite3_bind_int64(q, 1, lo);
    sqlite3_bind_int64(q, 2, hi);
    if (cc3) sqlite3_bind_text(q, 3, cc3, -1, SQLITE_STATIC);
    sqlite3_bind_int(q, 4, quad);
    int rc = DYAD_OK, step;
    while (!rc && (step = sqlite3_step(q)) == SQLITE_ROW)
        rc = geo_sum_add(s, ctext(q, 0), (uint64_t)sqlite3_column_int64(q, 1),
                         (uint64_t)sqlite3_column_int64(q, 2), sqlite3_column_int64(q, 3));
    if (!rc && step != SQLITE_DONE) rc = store_dberr(st, "events by place");
    sqlite3_finalize(q);
    return rc;
}

static int32_t month_next(int32_t m) { return m % 100 == 12 ? (m / 100 + 1) * 100 + 1 : m + 1; }
static int32_t month_prev(int32_t m) { return m % 100 == 1 ? (m / 100 - 1) * 100 + 12 : m - 1; }
static int month_last_day(int32_t date) { return store_date_add(date, 1) / 100 != date / 100; }

/* Events per country for a query of dates (and a country and a QuadClass) only: whole
 * months from geo_agg, the days of a month cut by from or to from the events (by
 * events_country or events_date). The same sums as the scan over the events. */
static int geo_months(dyad_store *st, const dyad_store_query *q, const char *cc3, int quad,
                      const char *agg, const char *scan,
                      int (*add)(dyad_store *, void *, const char *, int64_t, int64_t, const char *, int),
                      void *acc);
static int geo_sum_rows(dyad_store *st, void *acc, const char *sql, int64_t lo, int64_t hi, const char *cc3,
                        int quad) {
    return geo_sum_sql(st, acc, sql, lo, hi, cc3, quad);
}

static int geo_by_month(dyad_store *st, const dyad_store_query *q, const char *cc3, int quad,
                        geo_sum *s) {
    static const char AGG[] = "SELECT country, sum(n), sum(ng), sum(g) FROM geo_agg"
                              " WHERE month BETWEEN ?1 AND ?2 AND n > 0 AND (?4 = 0 OR quad = ?4)"
                              " GROUP BY country";
    static const char AGG_CC[] = "SELECT country, sum(n), sum(ng), sum(g) FROM geo_agg"
                                 " WHERE month BETWEEN ?1 AND ?2 AND country = ?3"
                                 " AND (?4 = 0 OR quad = ?4) GROUP BY country";
#define GEO_SCAN "SELECT coalesce(location_country, ''), count(*), count(goldstein)," \
                 " coalesce(sum(" GEO_MICRO("goldstein") "), 0) FROM events"
    static const char SCAN[] = GEO_SCAN " WHERE date BETWEEN ?1 AND ?2"
                                        " AND (?4 = 0 OR quad_class = ?4) GROUP BY 1";
    static const char SCAN_CC[] = GEO_SCAN " WHERE location_country = ?3 AND date BETWEEN ?1 AND ?2"
                                  " AND (?4 = 0 OR quad_class = ?4) GROUP BY 1";
#undef GEO_SCAN
    return geo_months(st, q, cc3, quad, cc3 ? AGG_CC : AGG, cc3 ? SCAN_CC : SCAN, geo_sum_rows, s);
}

/* Runs agg (an aggregate's rows) over the whole months of q's dates and scan (the
 * events') over the days of a month cut by from or to, each through add with its bounds
 * (months or dates), the country cc3 (NULL: any) and the QuadClass quad (0: any). */
static int geo_months(dyad_store *st, const dyad_store_query *q, const char *cc3, int quad,
                      const char *agg, const char *scan,
                      int (*add)(dyad_store *, void *, const char *, int64_t, int64_t, const char *, int),
                      void *s) {
    int32_t from = q ? q->from : 0, to = q ? q->to : 0;
    if (from > 0 && to > 0 && from / 100 == to / 100 && (from % 100 != 1 || !month_last_day(to)))
        return add(st, s, scan, from, to, cc3, quad); /* within one month */
    int64_t ma = -1, mb = INT32_MAX; /* whole months: from the undated (month 0) on */
    int rc = DYAD_OK;
    if (from > 0) {
        ma = from / 100;
        if (from % 100 != 1) {
            ma = month_next(from / 100);
            int32_t last = store_date_add(month_next(from / 100) * 100 + 1, -1);
            rc = add(st, s, scan, from, to > 0 && to < last ? to : last, cc3, quad);
        }
    }
    if (!rc && to > 0) {
        mb = to / 100;
        if (!month_last_day(to)) {
            mb = month_prev(to / 100);
            int32_t first = to / 100 * 100 + 1;
            rc = add(st, s, scan, from > first ? from : first, to, cc3, quad);
        }
    }
    if (!rc && ma <= mb) rc = add(st, s, agg, ma, mb, cc3, quad);
    return rc;
}

/* --- the region and grid maps from geo_cells (schema version 7) --------------------- */

/* Sums of one region ("" for none) or one-degree cell (-1 for none), as read. */
typedef struct cell_acc {
    char adm1[16];
    int64_t cell;
    uint64_t n, ng;
    int64_t g; /* millionths */
} cell_acc;
typedef struct cell_sums {
    cell_acc *a;
    size_t n, cap;
    int grid; /* rows are cells (else regions) */
} cell_sums;

static int cell_acc_cmp(const void *x, const void *y) {
    const cell_acc *a = x, *b = y;
    if (a->cell != b->cell) return a->cell < b->cell ? -1 : 1;
    return strcmp(a->adm1, b->adm1);
}

/* Appends the rows of sql (region or cell, count, with a value, sum in millionths) with
 * its parameters (see geo_sum_sql); the caller merges equal keys. */
static int cell_rows(dyad_store *st, void *acc, const char *sql, int64_t lo, int64_t hi, const char *cc3,
                     int quad) {
    cell_sums *s = acc;
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v2(st->db, sql, -1, &q, NULL) != SQLITE_OK) return store_dberr(st, "events by place");
    sqlite3_bind_int64(q, 1, lo);
    sqlite3_bind_int64(q, 2, hi);
    if (cc3) sqlite3_bind_text(q, 3, cc3, -1, SQLITE_STATIC);
    sqlite3_bind_int(q, 4, quad);
    int rc = DYAD_OK, step;
    while (!rc && (step = sqlite3_step(q)) == SQLITE_ROW) {
        if (s->n == s->cap) {
            size_t cap = s->cap ? s->cap * 2 : 256;
            cell_acc *a = realloc(s->a, cap * sizeof *a);
            if (!a) {
                rc = DYAD_ENOMEM;
                break;
            }
            s->a = a;
            s->cap = cap;
        }
        cell_acc *x = &s->a[s->n];
        memset(x, 0, sizeof *x);
        if (s->grid) x->cell = sqlite3_column_int64(q, 0);
        else if (strlen(ctext(q, 0) ? ctext(q, 0) : "") >= sizeof x->adm1) continue; /* no such region */
        else snprintf(x->adm1, sizeof x->adm1, "%s", ctext(q, 0) ? ctext(q, 0) : "");
        x->n = (uint64_t)sqlite3_column_int64(q, 1);
        x->ng = (uint64_t)sqlite3_column_int64(q, 2);
        x->g = sqlite3_column_int64(q, 3);
        s->n++;
    }
    if (!rc && step != SQLITE_DONE) rc = store_dberr(st, "events by place");
    sqlite3_finalize(q);
    return rc;
}

/* Whether geo_cells answers a map at level (cell_deg degrees for the grid) of q: a
 * query of dates, a country and a QuadClass only (what geo_agg answers), for the regions
 * or a grid of whole degrees. */
static int geo_cells_answer(const dyad_store *st, dyad_store_geo_level level, double cell_deg,
                            const dyad_store_query *q) {
    if (st->version < 7 || !geo_agg_answers(st, q)) return 0;
    if (level == DYAD_STORE_GEO_ADM1) return 1;
    long long micro = llround(cell_deg * 1e6);
    return level == DYAD_STORE_GEO_GRID && micro % 1000000 == 0 && micro / 1000000 <= 360;
}

/* The region or grid map of a query geo_cells answers: whole months from geo_cells, the
 * days of a month cut by from or to from the events; one-degree cells summed into cells
 * of cell_deg (whole) degrees. The same counts as the scan over the events. */
static int geo_from_cells(dyad_store *st, dyad_store_geo_level level, double cell_deg,
                          const dyad_store_query *q, uint64_t *total, uint64_t *located,
                          dyad_store_geo_fn fn, void *ud) {
#define CELL_SEL(col) "SELECT " col ", sum(n), sum(ng), sum(g) FROM geo_cells"                \
                      " WHERE month BETWEEN ?1 AND ?2 AND n > 0 AND (?3 IS NULL OR country = ?3)" \
                      " AND (?4 = 0 OR quad = ?4) GROUP BY 1"
#define CELL_SCAN(col) "SELECT " col ", count(*), count(goldstein),"                           \
                       " coalesce(sum(" GEO_MICRO("goldstein") "), 0) FROM events"             \
                       " WHERE date BETWEEN ?1 AND ?2 AND (?3 IS NULL OR location_country = ?3)" \
                       " AND (?4 = 0 OR quad_class = ?4) GROUP BY 1"
    static const char AGG_ADM1[] = CELL_SEL("adm1"), AGG_GRID[] = CELL_SEL("cell");
    static const char SCAN_ADM1[] = CELL_SCAN("coalesce(location_adm1, '')"),
                      SCAN_GRID[] = CELL_SCAN(GEO_CELL("events"));
#undef CELL_SEL
#undef CELL_SCAN
    const char *cc3 = NULL;
    dyad_place p;
    if (q && q->country && *q->country) {
        if (store_country_filter(st, q->country, &p)) return DYAD_EINVAL;
        cc3 = p.country;
    }
    int grid = level == DYAD_STORE_GEO_GRID;
    cell_sums s = {NULL, 0, 0, grid};
    int rc = geo_months(st, q, cc3, geo_quad(q), grid ? AGG_GRID : AGG_ADM1, grid ? SCAN_GRID : SCAN_ADM1,
                        cell_rows, &s);
    int64_t k = grid ? llround(cell_deg) : 1;
    /* one-degree cells into cells of k degrees: floor(floor(x) / k) = floor(x / k) */
    for (size_t i = 0; !rc && grid && i < s.n; i++)
        if (s.a[i].cell >= 0) s.a[i].cell = s.a[i].cell / 361 / k * 361 + s.a[i].cell % 361 / k;
    if (!rc && s.n > 1) qsort(s.a, s.n, sizeof *s.a, cell_acc_cmp);
    geo_row *rows = rc ? NULL : calloc(s.n ? s.n : 1, sizeof *rows);
    if (!rc && !rows) rc = DYAD_ENOMEM;
    size_t n = 0;
    uint64_t all = 0, placed = 0;
    for (size_t i = 0; !rc && i < s.n;) {
        cell_acc sum = s.a[i++];
        while (i < s.n && !cell_acc_cmp(&s.a[i], &sum)) {
            sum.n += s.a[i].n, sum.ng += s.a[i].ng, sum.g += s.a[i].g;
            i++;
        }
        all += sum.n;
        if ((grid ? sum.cell < 0 : !sum.adm1[0]) || !sum.n) continue;
        placed += sum.n;
        geo_row *r = &rows[n++];
        r->count = sum.n;
        r->goldstein = sum.ng ? (double)sum.g / 1e6 / (double)sum.ng : 0;
        if (grid) {
            char la[24], lo[24];
            r->i = sum.cell / 361;
            r->j = sum.cell % 361;
            long long micro = k * 1000000;
            snprintf(r->key, sizeof r->key, "%s,%s", micro_text(r->i * micro - 90000000, la),
                     micro_text(r->j * micro - 180000000, lo));
        } else {
            snprintf(r->key, sizeof r->key, "%s", sum.adm1);
        }
    }
    if (!rc) {
        if (total) *total = all;
        if (located) *located = placed;
        rc = geo_emit(level, grid ? (double)k : 0, rows, n, fn, ud);
    }
    free(rows);
    free(s.a);
    return rc;
}

/* The rows of a PostgreSQL store's map, gathered for geo_emit. */
typedef struct geo_pg_rows {
    dyad_store_geo_level level;
    long long micro;
    int exact;
    geo_row *rows;
    size_t n, cap;
    uint64_t all, placed;
} geo_pg_rows;

static int geo_pg_row(void *ud, const char *key, int placed, int64_t i, int64_t j, uint64_t count,
                      uint64_t ng, int64_t g_micro, double g_sum) {
    geo_pg_rows *a = ud;
    a->all += count;
    if (!placed) return DYAD_OK;
    if (a->n == a->cap) {
        size_t nc = a->cap ? a->cap * 2 : 64;
        geo_row *r = realloc(a->rows, nc * sizeof *r);
        if (!r) return DYAD_ENOMEM;
        a->rows = r;
        a->cap = nc;
    }
    /* the mean as the SQLite store computes it for the same query: from the sums in
     * millionths where its aggregates answer, else from the sum of the values */
    double mean = !ng ? 0 : a->exact ? (double)g_micro / 1e6 / (double)ng : g_sum / (double)ng;
    geo_row_set(&a->rows[a->n++], a->level, a->micro, key, i, j, count, mean);
    a->placed += count;
    return DYAD_OK;
}

/* dyad_store_geo on a PostgreSQL store: one pass over the selected events (pg_geo),
 * sorted and given out as on SQLite. */
static int geo_pg(dyad_store *st, dyad_store_geo_level level, double cell_deg, const dyad_store_query *q,
                  uint64_t *total, uint64_t *located, dyad_store_geo_fn fn, void *ud) {
    dyad_store_query f;
    memset(&f, 0, sizeof f);
    if (q) {
        f = *q;
        f.one_a_day = 0;
        f.limit = f.offset = 0;
        f.after_id = 0;
    }
    geo_pg_rows a;
    memset(&a, 0, sizeof a);
    a.level = level;
    if (level == DYAD_STORE_GEO_GRID) {
        a.micro = llround(cell_deg * 1e6);
        cell_deg = (double)a.micro / 1e6;
    }
    /* what the SQLite store answers from geo_agg and geo_cells: dates, a country and a
     * QuadClass only (the grid in whole degrees) */
    dyad_store_query nq = f;
    if (geo_quad(&f)) nq.code = NULL;
    a.exact = dates_and_country_only(&nq) &&
              (level != DYAD_STORE_GEO_GRID || (a.micro % 1000000 == 0 && a.micro / 1000000 <= 360));
    int rc = pg_geo(st, level, a.micro, &f, a.exact, geo_pg_row, &a);
    if (!rc) {
        if (total) *total = a.all;
        if (located) *located = a.placed;
        rc = geo_emit(level, cell_deg, a.rows, a.n, fn, ud);
    }
    free(a.rows);
    return rc;
}

int dyad_store_geo(dyad_store *st, dyad_store_geo_level level, double cell_deg,
                   const dyad_store_query *q, uint64_t *total, uint64_t *located,
                   dyad_store_geo_fn fn, void *ud) {
    if (total) *total = 0;
    if (located) *located = 0;
    if (!st || !(st->db || st->pg) || !fn) return DYAD_EINVAL;
    if (level != DYAD_STORE_GEO_COUNTRY && level != DYAD_STORE_GEO_ADM1 &&
        level != DYAD_STORE_GEO_GRID)
        return store_fail(st, DYAD_EINVAL, "unknown level %d (country, adm1 or grid)", (int)level);
    if (level == DYAD_STORE_GEO_GRID && !(cell_deg >= 0.01 && cell_deg <= 90))
        return store_fail(st, DYAD_EINVAL, "a grid cell is from 0.01 to 90 degrees (not %g)", cell_deg);
    if (level != DYAD_STORE_GEO_COUNTRY && !st->pg && st->version < 4)
        return store_fail(st, DYAD_EINVAL, MIGRATE_HINT, st->version);
    if (st->pg) return geo_pg(st, level, cell_deg, q, total, located, fn, ud);
    /* a query of dates, a country and (from schema version 5) a QuadClass only: what
     * geo_agg answers */
    if (level == DYAD_STORE_GEO_COUNTRY && st->version >= 4 && geo_agg_answers(st, q))
        return geo_countries(st, q, total, located, fn, ud);
    /* ... and from schema version 7 the region and whole-degree grid maps of it */
    if (level != DYAD_STORE_GEO_COUNTRY && geo_cells_answer(st, level, cell_deg, q))
        return geo_from_cells(st, level, cell_deg, q, total, located, fn, ud);
    dyad_store_query f;
    memset(&f, 0, sizeof f);
    if (q) {
        f = *q;
        f.one_a_day = 0;
        f.limit = f.offset = 0;
        f.after_id = 0;
    }
    where w;
    int rc = build_where(st, &f, &w);
    if (rc || w.never) {
        w_free(&w);
        return rc;
    }
    dyad_buf sql = {0};
    long long micro = 0;
    /* One pass over the selected events, grouped by the cell's key (NULL: no place); at
     * the country level over the covering index events_country. */
    if (level == DYAD_STORE_GEO_GRID) {
        /* The cell size as a literal in millionths of a degree (an integer: no locale's
         * decimal comma): a numbered parameter before the WHERE clause's would renumber
         * theirs. */
        micro = llround(cell_deg * 1e6);
        cell_deg = (double)micro / 1e6;
        char sel[160];
        snprintf(sel, sizeof sel,
                 "SELECT CAST((e.location_lat + 90) * 1000000 / %lld AS INTEGER),"
                 " CAST((e.location_lon + 180) * 1000000 / %lld AS INTEGER)",
                 micro, micro);
        dyad_buf_puts(&sql, sel);
    } else {
        dyad_buf_puts(&sql, level == DYAD_STORE_GEO_COUNTRY ? "SELECT e.location_country, NULL"
                                                            : "SELECT e.location_adm1, NULL");
    }
    dyad_buf_puts(&sql, ", count(*), count(e.goldstein), total(e.goldstein) FROM events e");
    if (w.sql.len) dyad_buf_puts(&sql, w.sql.data);
    /* the grid groups by row and column; the others by one key, in the index's order */
    if (dyad_buf_puts(&sql, level == DYAD_STORE_GEO_GRID ? " GROUP BY 1, 2" : " GROUP BY 1"))
        rc = DYAD_ENOMEM;
    sqlite3_stmt *s = NULL;
    if (!rc && sqlite3_prepare_v2(st->db, sql.data, -1, &s, NULL) != SQLITE_OK)
        rc = store_dberr(st, "events by place");
    geo_row *rows = NULL;
    size_t n = 0, cap = 0;
    uint64_t all = 0, placed = 0;
    if (!rc) {
        w_bind(&w, s, 1);
        int step;
        while ((step = sqlite3_step(s)) == SQLITE_ROW) {
            uint64_t c = (uint64_t)sqlite3_column_int64(s, 2);
            all += c;
            if (sqlite3_column_type(s, 0) == SQLITE_NULL) continue;
            if (n == cap) {
                size_t nc = cap ? cap * 2 : 64;
                geo_row *r = realloc(rows, nc * sizeof *r);
                if (!r) {
                    rc = DYAD_ENOMEM;
                    break;
                }
                rows = r;
                cap = nc;
            }
            int64_t ng = sqlite3_column_int64(s, 3);
            geo_row_set(&rows[n++], level, micro, ctext(s, 0), sqlite3_column_int64(s, 0),
                        sqlite3_column_int64(s, 1), c, ng ? sqlite3_column_double(s, 4) / (double)ng : 0);
            placed += c;
        }
        if (!rc && step != SQLITE_DONE) rc = store_dberr(st, "events by place");
    }
    sqlite3_finalize(s);
    w_free(&w);
    dyad_buf_free(&sql);
    if (!rc) {
        if (total) *total = all;
        if (located) *located = placed;
        rc = geo_emit(level, cell_deg, rows, n, fn, ud);
    }
    free(rows);
    return rc;
}

/* Sorts rows, most events first, and calls fn for each as a cell. */
static int geo_emit(dyad_store_geo_level level, double cell_deg, geo_row *rows, size_t n,
                    dyad_store_geo_fn fn, void *ud) {
    int rc = DYAD_OK;
    if (n > 1) qsort(rows, n, sizeof *rows, geo_row_cmp);
    for (size_t i = 0; !rc && i < n; i++) {
        geo_row *r = &rows[i];
        dyad_store_geo_cell c = {r->key, NULL, NULL, 0, 0, r->count, r->goldstein};
        dyad_place p;
        if (level == DYAD_STORE_GEO_GRID) {
            c.lat = ((double)r->i + 0.5) * cell_deg - 90;
            c.lon = ((double)r->j + 0.5) * cell_deg - 180;
        } else if ((level == DYAD_STORE_GEO_COUNTRY ? dyad_geo_country(r->key, &p)
                                                    : dyad_geo_region(r->key, &p)) == DYAD_OK) {
            c.country = p.country2;
            c.name = p.name;
            c.lat = p.lat;
            c.lon = p.lon;
        } else if (level == DYAD_STORE_GEO_ADM1 && strlen(r->key) >= 2) {
            /* a region the gazetteer of this build does not know: its country, no point */
            char cc[3] = {r->key[0], r->key[1], 0};
            if (dyad_geo_country(cc, &p) == DYAD_OK) c.country = p.country2;
        }
        rc = fn(ud, &c);
    }
    return rc;
}

/* The country level of a query of dates (and a country) only, from geo_agg. */
static int geo_countries(dyad_store *st, const dyad_store_query *q, uint64_t *total,
                         uint64_t *located, dyad_store_geo_fn fn, void *ud) {
    dyad_place p;
    const char *cc3 = NULL;
    if (q && q->country && *q->country) {
        if (store_country_filter(st, q->country, &p)) return DYAD_EINVAL;
        cc3 = p.country;
    }
    geo_sum sum = {0};
    int rc = geo_by_month(st, q, cc3, geo_quad(q), &sum);
    geo_row *rows = rc ? NULL : calloc(sum.n ? sum.n : 1, sizeof *rows);
    if (!rc && !rows) rc = DYAD_ENOMEM;
    size_t n = 0;
    uint64_t all = 0, placed = 0;
    for (size_t i = 0; !rc && i < sum.n; i++) {
        const geo_acc *a = &sum.a[i];
        all += a->n;
        if (!a->cc[0] || !a->n) continue;
        placed += a->n;
        geo_row *r = &rows[n++];
        r->count = a->n;
        r->goldstein = a->ng ? (double)a->g / 1e6 / (double)a->ng : 0;
        snprintf(r->key, sizeof r->key, "%s",
                 dyad_geo_country(a->cc, &p) == DYAD_OK ? p.country2 : a->cc);
    }
    if (!rc) {
        if (total) *total = all;
        if (located) *located = placed;
        rc = geo_emit(DYAD_STORE_GEO_COUNTRY, 0, rows, n, fn, ud);
    }
    free(rows);
    free(sum.a);
    return rc;
}
