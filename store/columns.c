/* columns.c: query results as column arrays (dyad_store_columns_fetch). One statement
 * reads every row of the query with its story, sentence and place; one more counts the
 * near-duplicate groups' mentions for all rows at once. Strings are dictionary-encoded as
 * they arrive, so a column of a million actor codes is a million int32 and a few hundred
 * distinct values. */
#include "store_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A string column under construction: its dictionary with an open-addressing index. */
typedef struct strcol {
    dyad_store_strings *o;
    size_t cap_values, cap_bytes, len_bytes;
    uint32_t *slots; /* code + 1; 0 = empty */
    uint64_t *hash;  /* of each value */
    size_t n_slots;
    int32_t last;    /* the previous row's code (rows often repeat it) */
} strcol;

static uint64_t hash_bytes(const char *p, size_t n) {
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)p[i]) * 1099511628211ull;
    return h ^ (h >> 29);
}

static int value_eq(const strcol *c, int32_t k, const char *p, size_t n) {
    const int64_t *off = c->o->offsets;
    return (size_t)(off[k + 1] - off[k]) == n && !memcmp(c->o->bytes + off[k], p, n);
}

static int strcol_rehash(strcol *c) {
    size_t n = c->n_slots ? c->n_slots * 2 : 1024;
    uint32_t *s = calloc(n, sizeof *s);
    if (!s) return DYAD_ENOMEM;
    for (size_t k = 0; k < c->o->n_values; k++) {
        size_t i = c->hash[k] & (n - 1);
        while (s[i]) i = (i + 1) & (n - 1);
        s[i] = (uint32_t)k + 1;
    }
    free(c->slots);
    c->slots = s;
    c->n_slots = n;
    return DYAD_OK;
}

/* The code of value p[0..n) (NULL: -1), added to the dictionary when new. */
static int strcol_code(dyad_store *st, strcol *c, const char *p, size_t n, int32_t *code) {
    if (!p) {
        *code = -1;
        return DYAD_OK;
    }
    if (c->last >= 0 && value_eq(c, c->last, p, n)) {
        *code = c->last;
        return DYAD_OK;
    }
    dyad_store_strings *o = c->o;
    if ((o->n_values + 1) * 2 > c->n_slots && strcol_rehash(c)) return DYAD_ENOMEM;
    uint64_t h = hash_bytes(p, n);
    size_t i = h & (c->n_slots - 1);
    for (; c->slots[i]; i = (i + 1) & (c->n_slots - 1)) {
        int32_t k = (int32_t)c->slots[i] - 1;
        if (c->hash[k] == h && value_eq(c, k, p, n)) {
            *code = c->last = k;
            return DYAD_OK;
        }
    }
    if (o->n_values >= DYAD_STORE_MAX_COLUMN_VALUES)
        return store_fail(st, DYAD_ELIMIT, "a column holds more than %u distinct values",
                          DYAD_STORE_MAX_COLUMN_VALUES);
    if (o->n_values + 2 > c->cap_values) {
        size_t cap = c->cap_values ? c->cap_values * 2 : 256;
        int64_t *off = realloc(o->offsets, cap * sizeof *off);
        if (off) o->offsets = off;
        uint64_t *hs = realloc(c->hash, cap * sizeof *hs);
        if (hs) c->hash = hs;
        if (!off || !hs) return DYAD_ENOMEM;
        c->cap_values = cap;
        if (!o->n_values) o->offsets[0] = 0;
    }
    if (c->len_bytes + n + 1 > c->cap_bytes) {
        size_t cap = c->cap_bytes ? c->cap_bytes : 4096;
        while (cap < c->len_bytes + n + 1) cap *= 2;
        char *b = realloc(o->bytes, cap);
        if (!b) return DYAD_ENOMEM;
        o->bytes = b;
        c->cap_bytes = cap;
    }
    memcpy(o->bytes + c->len_bytes, p, n);
    c->len_bytes += n;
    int32_t k = (int32_t)o->n_values++;
    o->offsets[k + 1] = (int64_t)c->len_bytes;
    c->hash[k] = h;
    c->slots[i] = (uint32_t)k + 1;
    *code = c->last = k;
    return DYAD_OK;
}

enum {
    S_STORY, S_SOURCE, S_TARGET, S_CODE, S_SOURCE_TEXT, S_TARGET_TEXT, S_LOCATION,
    S_LOCATION_COUNTRY, S_TEXT, S_PLACE, S_PLACE_COUNTRY, S_URL, S_PUBLISHER, S_DICT_VERSION,
    S_RULES, S_N
};

typedef struct builder {
    dyad_store *st;
    dyad_store_columns *c;
    size_t cap;
    strcol s[S_N];
    int64_t *story_key; /* of each row (the group counts of a whole-store read) */
} builder;

static dyad_store_strings *strings_of(dyad_store_columns *c, int i) {
    dyad_store_strings *all[S_N] = {&c->story, &c->source, &c->target, &c->code,
                                    &c->source_text, &c->target_text, &c->location,
                                    &c->location_country, &c->text, &c->place,
                                    &c->place_country, &c->url, &c->publisher,
                                    &c->dict_version, &c->rules};
    return all[i];
}

#define GROW(field)                                                                          \
    do {                                                                                     \
        void *p_ = realloc(c->field, cap * sizeof *c->field);                               \
        if (!p_) return DYAD_ENOMEM;                                                         \
        c->field = p_;                                                                       \
    } while (0)

/* Room for one more row in every column. */
static int builder_room(builder *b) {
    dyad_store_columns *c = b->c;
    if (c->n < b->cap) return DYAD_OK;
    size_t cap = b->cap ? b->cap * 2 : 4096;
    GROW(id); GROW(date); GROW(sentence); GROW(root); GROW(quad_class); GROW(goldstein);
    GROW(source_start); GROW(source_end); GROW(verb_start); GROW(verb_end);
    GROW(target_start); GROW(target_end); GROW(place_precision); GROW(lat); GROW(lon);
    GROW(mentions); GROW(sources); GROW(articles); GROW(group);
    int64_t *k = realloc(b->story_key, cap * sizeof *k);
    if (!k) return DYAD_ENOMEM;
    b->story_key = k;
    for (int i = 0; i < S_N; i++) {
        dyad_store_strings *o = b->s[i].o;
        int32_t *p = realloc(o->codes, cap * sizeof *p);
        if (!p) return DYAD_ENOMEM;
        o->codes = p;
    }
    b->cap = cap;
    return DYAD_OK;
}

static int put(builder *b, int col, const char *p) {
    return strcol_code(b->st, &b->s[col], p, p ? strlen(p) : 0, &b->s[col].o->codes[b->c->n]);
}

/* Rules as "kind file:line" joined by "; ". */
static int rules_text(dyad_buf *t, const dyad_rule *r, size_t n) {
    for (size_t i = 0; i < n; i++) {
        char line[24];
        snprintf(line, sizeof line, ":%u", (unsigned)r[i].line);
        if ((i && dyad_buf_puts(t, "; ")) || dyad_buf_puts(t, r[i].kind ? r[i].kind : "") ||
            dyad_buf_puts(t, " ") || dyad_buf_puts(t, r[i].file ? r[i].file : "") ||
            dyad_buf_puts(t, line))
            return DYAD_ENOMEM;
    }
    return DYAD_OK;
}

static int put_rules(builder *b, const dyad_rule *r, size_t n) {
    dyad_buf t = {0};
    int rc = rules_text(&t, r, n);
    if (!rc) rc = put(b, S_RULES, t.data ? t.data : "");
    dyad_buf_free(&t);
    return rc;
}

/* A row of the row API (PostgreSQL stores, one-a-day and keyset queries). */
static int on_row(void *ud, const dyad_store_row *row) {
    builder *b = ud;
    int rc = builder_room(b);
    if (rc) return rc;
    dyad_store_columns *c = b->c;
    const dyad_event *e = &row->event;
    size_t i = c->n;
    c->id[i] = row->id;
    c->date[i] = e->date;
    c->sentence[i] = (int32_t)e->sentence;
    c->root[i] = (int8_t)e->root;
    c->quad_class[i] = (int8_t)e->quad_class;
    c->goldstein[i] = e->goldstein;
    c->source_start[i] = e->source_span.start;
    c->source_end[i] = e->source_span.end;
    c->verb_start[i] = e->verb_span.start;
    c->verb_end[i] = e->verb_span.end;
    c->target_start[i] = e->target_span.start;
    c->target_end[i] = e->target_span.end;
    int known = e->place.precision > 0 && e->place.precision < 4;
    c->place_precision[i] = (int8_t)(known ? e->place.precision : 0);
    c->lat[i] = known ? e->place.lat : NAN;
    c->lon[i] = known ? e->place.lon : NAN;
    c->mentions[i] = (int64_t)row->mentions;
    c->sources[i] = (int64_t)row->sources;
    c->articles[i] = (int64_t)row->articles;
    c->group[i] = row->group;
    if ((rc = put(b, S_STORY, e->story)) || (rc = put(b, S_SOURCE, e->source)) ||
        (rc = put(b, S_TARGET, e->target)) || (rc = put(b, S_CODE, e->code)) ||
        (rc = put(b, S_SOURCE_TEXT, e->source_text)) ||
        (rc = put(b, S_TARGET_TEXT, e->target_text)) || (rc = put(b, S_LOCATION, e->location)) ||
        (rc = put(b, S_LOCATION_COUNTRY, e->location_country)) || (rc = put(b, S_TEXT, e->text)) ||
        (rc = put(b, S_PLACE, known ? e->place.full_name : NULL)) ||
        (rc = put(b, S_PLACE_COUNTRY, known ? e->place.country : NULL)) ||
        (rc = put(b, S_URL, e->url ? e->url : row->url)) ||
        (rc = put(b, S_PUBLISHER, row->publisher)) ||
        (rc = put(b, S_DICT_VERSION, row->dict_version)) ||
        (rc = put_rules(b, e->rules, e->n_rules)))
        return rc;
    c->n++;
    return DYAD_OK;
}

#define COLUMNS_SQL(places)                                                                  \
    "SELECT e.id, s.id, e.sentence, e.date, e.source, e.source_text, e.target, e.target_text," \
    " e.code, e.root, e.quad_class, e.goldstein, e.location, e.location_country, sn.text,"     \
    " e.source_start, e.source_end, e.verb_start, e.verb_end, e.target_start, e.target_end,"   \
    " e.rules, e.grp, s.publisher, s.url, s.dict_version, " places ", e.story_key"           \
    " FROM events e JOIN stories s ON s.key = e.story_key"                                     \
    " LEFT JOIN sentences sn ON sn.story_key = e.story_key AND sn.idx = e.sentence"
#define PLACES_V4 "e.location_precision, e.location_full_name, e.location_lat, e.location_lon"
#define PLACES_V3 "NULL, NULL, NULL, NULL"

static int col_put(builder *b, int col, sqlite3_stmt *s, int i) {
    const char *p = (const char *)sqlite3_column_text(s, i);
    return strcol_code(b->st, &b->s[col], p, p ? (size_t)sqlite3_column_bytes(s, i) : 0,
                       &b->s[col].o->codes[b->c->n]);
}

/* source, target and code: "" for NULL, as the row API's fixed-size fields. */
static int col_put_code(builder *b, int col, sqlite3_stmt *s, int i) {
    const char *p = (const char *)sqlite3_column_text(s, i);
    return strcol_code(b->st, &b->s[col], p ? p : "", p ? (size_t)sqlite3_column_bytes(s, i) : 0,
                       &b->s[col].o->codes[b->c->n]);
}

static int8_t precision_of(const char *p) {
    static const char *const names[] = {NULL, "country", "region", "city"};
    for (int k = 1; p && k < 4; k++)
        if (!strcmp(p, names[k])) return (int8_t)k;
    return 0;
}

static int scan_rows(builder *b, sqlite3_stmt *s) {
    dyad_store_columns *c = b->c;
    int rc = DYAD_OK;
    while (!rc) {
        int step = sqlite3_step(s);
        if (step == SQLITE_DONE) break;
        if (step != SQLITE_ROW) return store_dberr(b->st, "querying events");
        if ((rc = builder_room(b))) break;
        size_t i = c->n;
        c->id[i] = sqlite3_column_int64(s, 0);
        c->sentence[i] = (int32_t)(uint32_t)sqlite3_column_int64(s, 2);
        c->date[i] = sqlite3_column_int(s, 3);
        c->root[i] = (int8_t)sqlite3_column_int(s, 9);
        c->quad_class[i] = (int8_t)sqlite3_column_int(s, 10);
        c->goldstein[i] = sqlite3_column_double(s, 11);
        c->source_start[i] = (uint32_t)sqlite3_column_int64(s, 15);
        c->source_end[i] = (uint32_t)sqlite3_column_int64(s, 16);
        c->verb_start[i] = (uint32_t)sqlite3_column_int64(s, 17);
        c->verb_end[i] = (uint32_t)sqlite3_column_int64(s, 18);
        c->target_start[i] = (uint32_t)sqlite3_column_int64(s, 19);
        c->target_end[i] = (uint32_t)sqlite3_column_int64(s, 20);
        c->group[i] = sqlite3_column_int64(s, 22);
        b->story_key[i] = sqlite3_column_int64(s, 30);
        int8_t prec = precision_of((const char *)sqlite3_column_text(s, 26));
        c->place_precision[i] = prec;
        c->lat[i] = prec ? sqlite3_column_double(s, 28) : NAN;
        c->lon[i] = prec ? sqlite3_column_double(s, 29) : NAN;
        c->mentions[i] = c->sources[i] = c->articles[i] = 0;
        const char *rules = (const char *)sqlite3_column_text(s, 21);
        if ((rc = col_put(b, S_STORY, s, 1)) || (rc = col_put_code(b, S_SOURCE, s, 4)) ||
            (rc = col_put(b, S_SOURCE_TEXT, s, 5)) || (rc = col_put_code(b, S_TARGET, s, 6)) ||
            (rc = col_put(b, S_TARGET_TEXT, s, 7)) || (rc = col_put_code(b, S_CODE, s, 8)) ||
            (rc = col_put(b, S_LOCATION, s, 12)) || (rc = col_put(b, S_LOCATION_COUNTRY, s, 13)) ||
            (rc = col_put(b, S_TEXT, s, 14)) || (rc = col_put(b, S_PUBLISHER, s, 23)) ||
            (rc = col_put(b, S_URL, s, 24)) || (rc = col_put(b, S_DICT_VERSION, s, 25)) ||
            (rc = strcol_code(b->st, &b->s[S_RULES], rules ? rules : "",
                              rules ? (size_t)sqlite3_column_bytes(s, 21) : 0,
                              &c->rules.codes[i])))
            break;
        if (prec) {
            if ((rc = col_put(b, S_PLACE, s, 27)) || (rc = col_put(b, S_PLACE_COUNTRY, s, 13)))
                break;
        } else {
            c->place.codes[i] = c->place_country.codes[i] = -1;
        }
        c->n++;
    }
    return rc;
}

/* The stored rules values (keys into the rules table) made "kind file:line; ...". */
static int format_rules(builder *b) {
    dyad_store_strings *o = &b->c->rules;
    strcol fresh = {.o = &(dyad_store_strings){0}, .last = -1};
    int32_t *map = malloc((o->n_values + 1) * sizeof *map);
    arena a = {0};
    int rc = map ? DYAD_OK : DYAD_ENOMEM;
    for (size_t k = 0; k < o->n_values && !rc; k++) {
        char *raw = strndup(o->bytes + o->offsets[k], (size_t)(o->offsets[k + 1] - o->offsets[k]));
        const dyad_rule *r = NULL;
        size_t n = 0;
        arena_reset(&a);
        rc = raw ? store_rules_parse(b->st, raw, &a, &r, &n) : DYAD_ENOMEM;
        free(raw);
        if (rc == DYAD_EFORMAT) rc = DYAD_OK, n = 0; /* as the row API: no rules */
        if (rc) break;
        dyad_buf t = {0};
        rc = rules_text(&t, r, n);
        if (!rc) rc = strcol_code(b->st, &fresh, t.data ? t.data : "", t.len, &map[k]);
        dyad_buf_free(&t);
    }
    arena_free(&a);
    if (!rc) {
        for (size_t i = 0; i < b->c->n; i++) o->codes[i] = map[o->codes[i]];
        free(o->offsets);
        free(o->bytes);
        o->offsets = fresh.o->offsets;
        o->bytes = fresh.o->bytes;
        o->n_values = fresh.o->n_values;
        if (!o->offsets) { /* no rows */
            o->offsets = calloc(1, sizeof *o->offsets);
            if (!o->offsets) rc = DYAD_ENOMEM;
        }
    } else {
        free(fresh.o->offsets);
        free(fresh.o->bytes);
    }
    free(fresh.slots);
    free(fresh.hash);
    free(map);
    return rc;
}

/* Mentions, articles and sources of each row: one GROUP BY over the groups the rows are
 * in, looked up by (group, source, target, code) codes. */
typedef struct gkey {
    int64_t grp;
    int32_t src, tgt, code;
    int64_t m, a, s;
} gkey;

static uint64_t gkey_hash(int64_t g, int32_t a, int32_t b, int32_t c) {
    uint64_t h = (uint64_t)g * 0x9E3779B97F4A7C15ull;
    h ^= ((uint64_t)(uint32_t)a << 32 | (uint32_t)b) * 0xC2B2AE3D27D4EB4Full;
    h ^= (uint64_t)(uint32_t)c * 0x165667B19E3779F9ull;
    return h ^ (h >> 31);
}

static int32_t lookup(strcol *c, const char *p) {
    if (!p || !c->n_slots) return -2;
    size_t n = strlen(p);
    uint64_t h = hash_bytes(p, n);
    for (size_t i = h & (c->n_slots - 1); c->slots[i]; i = (i + 1) & (c->n_slots - 1)) {
        int32_t k = (int32_t)c->slots[i] - 1;
        if (c->hash[k] == h && value_eq(c, k, p, n)) return k;
    }
    return -2;
}

static int group_counts(builder *b, const dyad_store_query *q) {
    dyad_store_columns *c = b->c;
    if (!c->n) return DYAD_OK;
    sqlite3_stmt *s = NULL;
    int rc = store_prepare_filtered(
        b->st, q,
        "SELECT s.grp, e.source, e.target, e.code, count(*), count(DISTINCT e.story_key),"
        " count(DISTINCT coalesce(s.publisher, s.key))"
        " FROM stories s CROSS JOIN events e ON e.story_key = s.key WHERE s.grp IN"
        " (SELECT s.grp FROM events e JOIN stories s ON s.key = e.story_key",
        ") GROUP BY 1, 2, 3, 4", &s);
    if (rc || !s) return rc;
    size_t n_slots = 1024;
    while (n_slots < c->n * 2) n_slots *= 2;
    gkey *t = calloc(n_slots, sizeof *t);
    if (!t) {
        sqlite3_finalize(s);
        return DYAD_ENOMEM;
    }
    for (;;) {
        int step = sqlite3_step(s);
        if (step == SQLITE_DONE) break;
        if (step != SQLITE_ROW) {
            rc = store_dberr(b->st, "counting mentions");
            break;
        }
        gkey k = {sqlite3_column_int64(s, 0),
                  lookup(&b->s[S_SOURCE], (const char *)sqlite3_column_text(s, 1)),
                  lookup(&b->s[S_TARGET], (const char *)sqlite3_column_text(s, 2)),
                  lookup(&b->s[S_CODE], (const char *)sqlite3_column_text(s, 3)),
                  sqlite3_column_int64(s, 4), sqlite3_column_int64(s, 5),
                  sqlite3_column_int64(s, 6)};
        if (k.src == -2 || k.tgt == -2 || k.code == -2) continue; /* no row of ours */
        size_t i = gkey_hash(k.grp, k.src, k.tgt, k.code) & (n_slots - 1);
        size_t probes = 0;
        while (t[i].m && probes++ < n_slots) i = (i + 1) & (n_slots - 1);
        if (probes >= n_slots) continue; /* more keys than rows: not one of ours */
        t[i] = k;
    }
    sqlite3_finalize(s);
    for (size_t r = 0; r < c->n && !rc; r++) {
        int32_t a = c->source.codes[r], bb = c->target.codes[r], cc = c->code.codes[r];
        size_t i = gkey_hash(c->group[r], a, bb, cc) & (n_slots - 1);
        for (; t[i].m; i = (i + 1) & (n_slots - 1)) {
            if (t[i].grp == c->group[r] && t[i].src == a && t[i].tgt == bb && t[i].code == cc) {
                c->mentions[r] = t[i].m;
                c->articles[r] = t[i].a;
                c->sources[r] = t[i].s;
                break;
            }
        }
    }
    free(t);
    return rc;
}

/* Rows read in the table's order put in (date, id) order: the store's pages are read in
 * sequence instead of one seek per row through the date index. */
typedef struct order_key {
    int64_t date, id;
    size_t row;
} order_key;

static int order_cmp(const void *x, const void *y) {
    const order_key *a = x, *b = y;
    if (a->date != b->date) return a->date < b->date ? -1 : 1;
    return (a->id > b->id) - (a->id < b->id);
}

static void permute(void *arr, size_t size, const order_key *k, size_t n, void *tmp) {
    if (size == 8)
        for (size_t i = 0; i < n; i++) ((int64_t *)tmp)[i] = ((int64_t *)arr)[k[i].row];
    else if (size == 4)
        for (size_t i = 0; i < n; i++) ((int32_t *)tmp)[i] = ((int32_t *)arr)[k[i].row];
    else
        for (size_t i = 0; i < n; i++) ((int8_t *)tmp)[i] = ((int8_t *)arr)[k[i].row];
    memcpy(arr, tmp, n * size);
}

static int sort_rows(builder *b) {
    dyad_store_columns *c = b->c;
    size_t n = c->n, i = 1;
    while (i < n && (c->date[i - 1] < c->date[i] ||
                     (c->date[i - 1] == c->date[i] && c->id[i - 1] < c->id[i])))
        i++;
    if (i >= n) return DYAD_OK; /* in order already */
    order_key *k = malloc(n * sizeof *k);
    int64_t *tmp = malloc(n * sizeof *tmp);
    if (!k || !tmp) {
        free(k);
        free(tmp);
        return DYAD_ENOMEM;
    }
    for (i = 0; i < n; i++) k[i] = (order_key){c->date[i], c->id[i], i};
    qsort(k, n, sizeof *k, order_cmp);
#define P(a) permute(a, sizeof *(a), k, n, tmp)
    P(c->id); P(c->date); P(c->sentence); P(c->root); P(c->quad_class); P(c->goldstein);
    P(c->source_start); P(c->source_end); P(c->verb_start); P(c->verb_end);
    P(c->target_start); P(c->target_end); P(c->place_precision); P(c->lat); P(c->lon);
    P(c->mentions); P(c->sources); P(c->articles); P(c->group); P(b->story_key);
    for (int j = 0; j < S_N; j++) P(b->s[j].o->codes);
#undef P
    free(k);
    free(tmp);
    return DYAD_OK;
}

/* Whether q reads every event (no filter, limit or offset): then every group's events
 * are among the rows and their counts need no second query. */
static int whole_store(const dyad_store_query *q) {
    if (!q) return 1;
    const char *texts[] = {q->actor, q->source, q->target, q->dyad_a, q->dyad_b, q->code,
                           q->text, q->country};
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
        if (texts[i] && *texts[i]) return 0;
    return !q->from && !q->to && !q->one_a_day && !q->limit && !q->offset && !q->after_id &&
           q->near_km == 0 && !q->bbox;
}

typedef struct member {
    int64_t grp;
    int32_t src, tgt, code;
    uint32_t row;
    int64_t publisher; /* coalesce(publisher, story key): code >= 0, or -key - 1 */
    int64_t story;
} member;

static int member_cmp(const void *x, const void *y) {
    const member *a = x, *b = y;
#define CMP(f) if (a->f != b->f) return a->f < b->f ? -1 : 1
    CMP(grp); CMP(src); CMP(tgt); CMP(code); CMP(publisher); CMP(story);
#undef CMP
    return 0;
}

/* Group counts of a whole-store read from the rows themselves: sorted by (group, source,
 * target, code, publisher, story), each run is one count; a publisher belongs to one
 * story, so changes of (publisher, story) count the stories. */
static int group_counts_whole(builder *b) {
    dyad_store_columns *c = b->c;
    if (c->n > UINT32_MAX) return store_fail(b->st, DYAD_ELIMIT, "more than %u rows", UINT32_MAX);
    member *m = malloc((c->n ? c->n : 1) * sizeof *m);
    if (!m) return DYAD_ENOMEM;
    for (size_t i = 0; i < c->n; i++) {
        int32_t p = c->publisher.codes[i];
        m[i] = (member){c->group[i], c->source.codes[i], c->target.codes[i], c->code.codes[i],
                        (uint32_t)i, p >= 0 ? p : -b->story_key[i] - 1, b->story_key[i]};
    }
    qsort(m, c->n, sizeof *m, member_cmp);
    for (size_t i = 0; i < c->n;) {
        size_t j = i + 1;
        int64_t stories = 1, sources = 1;
        for (; j < c->n && m[j].grp == m[i].grp && m[j].src == m[i].src && m[j].tgt == m[i].tgt &&
               m[j].code == m[i].code;
             j++) {
            sources += m[j].publisher != m[j - 1].publisher;
            stories += m[j].publisher != m[j - 1].publisher || m[j].story != m[j - 1].story;
        }
        for (size_t k = i; k < j; k++) {
            c->mentions[m[k].row] = (int64_t)(j - i);
            c->articles[m[k].row] = stories;
            c->sources[m[k].row] = sources;
        }
        i = j;
    }
    free(m);
    return DYAD_OK;
}

void dyad_store_columns_free(dyad_store_columns *c) {
    if (!c) return;
    void *arrays[] = {c->id, c->date, c->sentence, c->root, c->quad_class, c->goldstein,
                      c->source_start, c->source_end, c->verb_start, c->verb_end,
                      c->target_start, c->target_end, c->place_precision, c->lat, c->lon,
                      c->mentions, c->sources, c->articles, c->group};
    for (size_t i = 0; i < sizeof arrays / sizeof *arrays; i++) free(arrays[i]);
    for (int i = 0; i < S_N; i++) {
        dyad_store_strings *o = strings_of(c, i);
        free(o->codes);
        free(o->offsets);
        free(o->bytes);
    }
    free(c);
}

int dyad_store_columns_fetch(dyad_store *st, const dyad_store_query *q, dyad_store_columns **out) {
    if (!out) return DYAD_EINVAL;
    *out = NULL;
    if (!st || (!st->db && !st->pg)) return DYAD_EINVAL;
    builder b = {.st = st, .c = calloc(1, sizeof *b.c)};
    if (!b.c) return DYAD_ENOMEM;
    for (int i = 0; i < S_N; i++) b.s[i] = (strcol){.o = strings_of(b.c, i), .last = -1};
    int rc = builder_room(&b);
    int rows_api = st->pg || (q && (q->one_a_day || q->after_id));
    if (!rc && rows_api) {
        rc = dyad_store_query_events(st, q, on_row, &b);
    } else if (!rc) {
        sqlite3_stmt *s = NULL;
        /* without a limit or offset, every row in table order, sorted here */
        int paged = q && (q->limit || q->offset);
        rc = store_prepare_filtered(st, q,
                                    st->version >= 4 ? COLUMNS_SQL(PLACES_V4) : COLUMNS_SQL(PLACES_V3),
                                    paged ? " ORDER BY e.date, e.id LIMIT ?1002 OFFSET ?1003"
                                          : " ORDER BY e.rowid", &s);
        if (!rc && s) {
            if (paged) {
                sqlite3_bind_int64(s, 1002, q->limit ? (int64_t)q->limit : -1);
                sqlite3_bind_int64(s, 1003, (int64_t)q->offset);
            }
            rc = scan_rows(&b, s);
            sqlite3_finalize(s);
            if (!rc && !paged) rc = sort_rows(&b);
            if (!rc) rc = format_rules(&b);
            if (!rc) rc = whole_store(q) ? group_counts_whole(&b) : group_counts(&b, q);
        }
    }
    for (int i = 0; i < S_N && !rc; i++) { /* an empty dictionary still has offsets[0] */
        dyad_store_strings *o = b.s[i].o;
        if (!o->offsets && !(o->offsets = calloc(1, sizeof *o->offsets))) rc = DYAD_ENOMEM;
    }
    for (int i = 0; i < S_N; i++) {
        free(b.s[i].slots);
        free(b.s[i].hash);
    }
    free(b.story_key);
    if (rc) {
        dyad_store_columns_free(b.c);
        return rc;
    }
    *out = b.c;
    return DYAD_OK;
}
