/* check.c: the store's integrity check (`dyad check`): SQLite's pages and indexes, the
 * full-text index, each story's content hash, and the links between the tables; and
 * dyad_store_upgrade (`dyad upgrade`), the work a layout leaves to do while in use. */
#include "store_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

typedef struct checking {
    dyad_store *st;
    dyad_store_check_fn fn;
    void *ud;
    uint64_t n;
} checking;

static void problem(checking *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void problem(checking *c, const char *fmt, ...) {
    if (c->n++ >= DYAD_STORE_MAX_PROBLEMS || !c->fn) return;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    c->fn(c->ud, msg);
}

/* Runs sql; each row's first column is a problem unless it is "ok". A statement that
 * fails is a problem too (a damaged page read on the way). */
static void rows_are_problems(checking *c, const char *what, const char *sql) {
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(c->st->db, sql, -1, &s, NULL) != SQLITE_OK) {
        problem(c, "%s: %s", what, sqlite3_errmsg(c->st->db));
        return;
    }
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *t = (const char *)sqlite3_column_text(s, 0);
        if (t && strcmp(t, "ok")) problem(c, "%s: %s", what, t);
    }
    if (rc != SQLITE_DONE) problem(c, "%s: %s", what, sqlite3_errmsg(c->st->db));
    sqlite3_finalize(s);
}

/* Every story's content hash recomputed from its stored sentences. */
static void check_hashes(checking *c) {
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(c->st->db, "SELECT key, id, content_hash FROM stories ORDER BY key",
                           -1, &s, NULL) != SQLITE_OK) {
        problem(c, "stories: %s", sqlite3_errmsg(c->st->db));
        return;
    }
    arena a = {0};
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        int64_t key = sqlite3_column_int64(s, 0);
        const char *id = (const char *)sqlite3_column_text(s, 1);
        uint64_t want = (uint64_t)sqlite3_column_int64(s, 2);
        char idbuf[128];
        snprintf(idbuf, sizeof idbuf, "%s", id ? id : "?");
        dyad_story story;
        arena_reset(&a);
        int lr = store_load_story(c->st, key, &a, &story, NULL, NULL);
        if (lr) problem(c, "story %s: cannot be read back: %s", idbuf, lr == DYAD_EDB ? c->st->err : dyad_strerror(lr));
        else if (store_body_hash(&story) != want)
            problem(c, "story %s: its sentences do not match its content hash (changed or damaged)",
                    idbuf);
    }
    if (rc != SQLITE_DONE) problem(c, "stories: %s", sqlite3_errmsg(c->st->db));
    sqlite3_finalize(s);
    arena_free(&a);
}

static void problem_line(void *c, const char *line) { problem(c, "%s", line); }

int dyad_store_check(dyad_store *st, dyad_store_check_fn fn, void *ud, uint64_t *problems) {
    if (problems) *problems = 0;
    if (st && st->pg) {
        checking c = {st, fn, ud, 0};
        int rc = pg_check(st, problem_line, &c);
        if (problems) *problems = c.n;
        return rc;
    }
    if (!st || !st->db) return DYAD_EINVAL;
    checking c = {st, fn, ud, 0};
    rows_are_problems(&c, "integrity", "PRAGMA integrity_check(" "100" ")");
    if (!st->readonly && !st->in_batch) {
        /* FTS5's own check compares the index with the sentences (rank 1: the content too). */
        if (sqlite3_exec(st->db, "INSERT INTO sentences_fts(sentences_fts, rank)"
                                 " VALUES('integrity-check', 1)",
                         NULL, NULL, NULL) != SQLITE_OK)
            problem(&c, "full-text index: %s", sqlite3_errmsg(st->db));
    }
    rows_are_problems(&c, "links",
                      "SELECT 'event ' || id || ' belongs to story key ' || story_key || ', which"
                      " is missing' FROM events WHERE story_key NOT IN (SELECT key FROM stories)"
                      " UNION ALL SELECT 'sentence ' || id || ' belongs to story key ' ||"
                      " story_key || ', which is missing' FROM sentences WHERE story_key NOT IN"
                      " (SELECT key FROM stories)"
                      " UNION ALL SELECT 'story ' || id || ' is in group ' || grp || ', whose"
                      " first story is missing' FROM stories WHERE grp NOT IN (SELECT key FROM"
                      " stories)");
    check_hashes(&c);
    if (problems) *problems = c.n;
    return DYAD_OK;
}

int dyad_store_upgrade(dyad_store *st, uint64_t batch, dyad_store_upgrade_fn fn, void *ud) {
    if (!st || (!st->pg && !st->db)) return DYAD_EINVAL;
    if (batch == 0 || batch > DYAD_STORE_MAX_UPGRADE_BATCH)
        return store_fail(st, DYAD_EINVAL, "the batch must be 1 to %u rows (not %llu)",
                          DYAD_STORE_MAX_UPGRADE_BATCH, (unsigned long long)batch);
    if (st->pg) return pg_upgrade(st, batch, fn, ud);
    if (st->readonly) return store_fail(st, DYAD_EINVAL, "the store was opened read-only");
    return DYAD_OK; /* a SQLite store is brought to its layout when opened */
}
