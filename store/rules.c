/* rules.c: the dictionary entries that fired, stored once each. Table `rules` holds one
 * row per distinct (kind, file, line, text); an event's `rules` column is the JSON array
 * of their keys ("[12,345,9]"), in the order the coder gave them. Written inline, the
 * entries were ~830 bytes an event, most of the events table, and ~15% of ingest time.
 *
 * Both directions go through an in-memory cache owned by the handle: content -> key when
 * events are written, key -> content when they are read. Rows of `rules` are never
 * changed or deleted, so a cached pair stays true, except for rows this handle inserted
 * in a transaction that was then rolled back: the cache is dropped after such a rollback.
 * The cache itself is rulecache.c's. */
#include "store_int.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

void store_rules_free(dyad_store *st) {
    if (!st->rules) return;
    rule_cache_clear(st->rules);
    free(st->rules);
    st->rules = NULL;
}

void store_rules_rolled_back(dyad_store *st) {
    if (st->rules_dirty) store_rules_free(st);
    st->rules_dirty = 0;
}

void store_rules_committed(dyad_store *st) { st->rules_dirty = 0; }

static struct rule_cache *cache_of(dyad_store *st) {
    if (!st->rules) st->rules = calloc(1, sizeof *st->rules);
    return st->rules;
}

/* The key of a rule, inserting its row when it is new. */
static int intern(dyad_store *st, struct rule_cache *c, const dyad_rule *r, int64_t *key) {
    const char *kind = r->kind ? r->kind : "", *file = r->file ? r->file : "",
               *text = r->text ? r->text : "";
    rule_ent *e = rule_cache_find(c, kind, file, r->line, text);
    if (e) {
        *key = e->key;
        return DYAD_OK;
    }
    sqlite3_stmt *s = store_stmt(st, SQ_RULE_FIND,
                                 "SELECT key FROM rules WHERE kind = ? AND file = ? AND line = ?"
                                 " AND text = ?");
    if (!s) return DYAD_EDB;
    sqlite3_bind_text(s, 1, kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, file, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 3, (int64_t)r->line);
    sqlite3_bind_text(s, 4, text, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *key = sqlite3_column_int64(s, 0);
        sqlite3_reset(s);
    } else {
        sqlite3_reset(s);
        if (rc != SQLITE_DONE) return store_dberr(st, "looking a rule up");
        s = store_stmt(st, SQ_RULE_INSERT,
                       "INSERT INTO rules(kind, file, line, text) VALUES(?, ?, ?, ?)");
        if (!s) return DYAD_EDB;
        sqlite3_bind_text(s, 1, kind, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 2, file, -1, SQLITE_STATIC);
        sqlite3_bind_int64(s, 3, (int64_t)r->line);
        sqlite3_bind_text(s, 4, text, -1, SQLITE_STATIC);
        rc = sqlite3_step(s);
        sqlite3_reset(s);
        if (rc != SQLITE_DONE) return store_dberr(st, "storing a rule");
        *key = sqlite3_last_insert_rowid(st->db);
        st->rules_dirty = 1;
    }
    return rule_cache_add(c, *key, kind, file, r->line, text) ? DYAD_OK : DYAD_ENOMEM;
}

int store_rules_keys(dyad_store *st, const dyad_rule *rules, size_t n, dyad_buf *out) {
    struct rule_cache *c = cache_of(st);
    if (!c) return DYAD_ENOMEM;
    dyad_buf_reset(out);
    if (dyad_buf_puts(out, "[")) return DYAD_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        int64_t key = 0;
        int rc = intern(st, c, &rules[i], &key);
        if (rc) return rc;
        char num[24];
        int len = snprintf(num, sizeof num, "%s%lld", i ? "," : "", (long long)key);
        if (dyad_buf_append(out, num, (size_t)len)) return DYAD_ENOMEM;
    }
    return dyad_buf_puts(out, "]") ? DYAD_ENOMEM : DYAD_OK;
}

/* The entries written inline, as schema versions 1 and 2 did. */
static int parse_inline(const char *json, arena *a, const dyad_rule **out, size_t *n) {
    json_t *root = json_loads(json, 0, NULL);
    if (!root || !json_is_array(root)) {
        json_decref(root);
        return DYAD_EFORMAT;
    }
    size_t len = json_array_size(root);
    dyad_rule *r = arena_calloc(a, len ? len : 1, sizeof *r);
    if (!r) {
        json_decref(root);
        return DYAD_ENOMEM;
    }
    for (size_t i = 0; i < len; i++) {
        json_t *o = json_array_get(root, i);
        const char *k = json_string_value(json_object_get(o, "kind"));
        const char *f = json_string_value(json_object_get(o, "file"));
        const char *t = json_string_value(json_object_get(o, "text"));
        r[i].kind = arena_strndup(a, k ? k : "", k ? strlen(k) : 0);
        r[i].file = arena_strndup(a, f ? f : "", f ? strlen(f) : 0);
        r[i].text = arena_strndup(a, t ? t : "", t ? strlen(t) : 0);
        r[i].line = (uint64_t)json_integer_value(json_object_get(o, "line"));
        if (!r[i].kind || !r[i].file || !r[i].text) {
            json_decref(root);
            return DYAD_ENOMEM;
        }
    }
    json_decref(root);
    *out = r;
    *n = len;
    return DYAD_OK;
}

static rule_ent *load_key(dyad_store *st, struct rule_cache *c, int64_t key, int *rc) {
    rule_ent *e = rule_cache_key(c, key);
    if (e) return e;
    sqlite3_stmt *s = store_stmt(st, SQ_RULE_LOAD,
                                 "SELECT kind, file, line, text FROM rules WHERE key = ?");
    if (!s) {
        *rc = DYAD_EDB;
        return NULL;
    }
    sqlite3_bind_int64(s, 1, key);
    int step = sqlite3_step(s);
    if (step == SQLITE_ROW) {
        const char *kind = (const char *)sqlite3_column_text(s, 0),
                   *file = (const char *)sqlite3_column_text(s, 1),
                   *text = (const char *)sqlite3_column_text(s, 3);
        e = rule_cache_add(c, key, kind ? kind : "", file ? file : "",
                    (uint64_t)sqlite3_column_int64(s, 2), text ? text : "");
        *rc = e ? DYAD_OK : DYAD_ENOMEM;
    } else {
        *rc = step == SQLITE_DONE ? DYAD_EFORMAT : store_dberr(st, "reading a rule");
    }
    sqlite3_reset(s);
    return e;
}

int store_rules_parse(dyad_store *st, const char *text, arena *a, const dyad_rule **out,
                      size_t *n) {
    *out = NULL;
    *n = 0;
    if (!text) return DYAD_OK;
    const char *p = text;
    while (*p == ' ' || *p == '[') p++;
    if (*p == ']' || !*p) return DYAD_OK;
    if (*p == '{') return parse_inline(text, a, out, n);
    struct rule_cache *c = cache_of(st);
    if (!c) return DYAD_ENOMEM;
    size_t cap = 1;
    for (const char *q = p; *q; q++) cap += *q == ',';
    dyad_rule *r = arena_calloc(a, cap, sizeof *r);
    if (!r) return DYAD_ENOMEM;
    size_t len = 0;
    while (*p && *p != ']' && len < cap) {
        char *end;
        long long key = strtoll(p, &end, 10);
        if (end == p) return DYAD_EFORMAT;
        int rc = DYAD_OK;
        rule_ent *e = load_key(st, c, key, &rc);
        if (!e) return rc;
        r[len].kind = arena_strndup(a, e->kind, strlen(e->kind));
        r[len].file = arena_strndup(a, e->file, strlen(e->file));
        r[len].text = arena_strndup(a, e->text, strlen(e->text));
        r[len].line = e->line;
        if (!r[len].kind || !r[len].file || !r[len].text) return DYAD_ENOMEM;
        len++;
        p = end;
        while (*p == ',' || *p == ' ') p++;
    }
    *out = r;
    *n = len;
    return DYAD_OK;
}

/* Rewrites the inline entries of one table as keys, a chunk of rows at a time (rows are
 * not changed under a running SELECT). */
#define MIGRATE_CHUNK 1024
static int migrate_table(dyad_store *st, const char *table) {
    char sel[160], upd[96];
    snprintf(sel, sizeof sel,
             "SELECT id, rules FROM %s WHERE id > ? AND rules LIKE '[{%%' ORDER BY id LIMIT %d",
             table, MIGRATE_CHUNK);
    snprintf(upd, sizeof upd, "UPDATE %s SET rules = ? WHERE id = ?", table);
    sqlite3_stmt *s = NULL, *u = NULL;
    if (sqlite3_prepare_v2(st->db, sel, -1, &s, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(st->db, upd, -1, &u, NULL) != SQLITE_OK) {
        sqlite3_finalize(s);
        return store_dberr(st, "migrating rules");
    }
    arena a = {0};
    dyad_buf keys = {0};
    int64_t last = 0;
    int rc = DYAD_OK;
    for (;;) {
        int64_t ids[MIGRATE_CHUNK];
        const char *json[MIGRATE_CHUNK];
        size_t n = 0;
        arena_reset(&a);
        sqlite3_reset(s);
        sqlite3_bind_int64(s, 1, last);
        int step;
        while ((step = sqlite3_step(s)) == SQLITE_ROW) {
            ids[n] = sqlite3_column_int64(s, 0);
            const char *t = (const char *)sqlite3_column_text(s, 1);
            if (!(json[n++] = arena_strndup(&a, t ? t : "[]", t ? strlen(t) : 2))) {
                step = SQLITE_NOMEM;
                break;
            }
        }
        if (step != SQLITE_DONE) {
            rc = step == SQLITE_NOMEM ? DYAD_ENOMEM : store_dberr(st, "migrating rules");
            break;
        }
        if (!n) break;
        for (size_t i = 0; i < n && !rc; i++) {
            const dyad_rule *r;
            size_t nr;
            rc = parse_inline(json[i], &a, &r, &nr);
            if (rc == DYAD_EFORMAT) {
                rc = store_fail(st, DYAD_EDB, "migrating rules: %s row %lld: not a JSON array",
                                table, (long long)ids[i]);
                break;
            }
            if (!rc) rc = store_rules_keys(st, r, nr, &keys);
            if (rc) break;
            sqlite3_bind_text(u, 1, keys.data, (int)keys.len, SQLITE_STATIC);
            sqlite3_bind_int64(u, 2, ids[i]);
            if (sqlite3_step(u) != SQLITE_DONE) rc = store_dberr(st, "migrating rules");
            sqlite3_reset(u);
        }
        if (rc) break;
        last = ids[n - 1];
    }
    sqlite3_finalize(s);
    sqlite3_finalize(u);
    dyad_buf_free(&keys);
    arena_free(&a);
    return rc;
}

int store_rules_migrate(dyad_store *st) {
    int rc = migrate_table(st, "events");
    if (!rc) rc = migrate_table(st, "events_previous");
    return rc;
}
