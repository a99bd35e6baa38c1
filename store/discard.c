/* discard.c: the discards table: every input read but not coded, with its reason
 * (schema version 6). Rows in, rows out, and the one JSON writer of a discard. Stands on
 * db.c; store.c records through it. */
#include "store_int.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

int store_discard_insert(dyad_store *st, const dyad_store_discard *d) {
    sqlite3_stmt *q = store_stmt(
        st, SQ_DISCARD_INSERT,
        "INSERT INTO discards(story, file, line, sentence, reason, detail, date, headline)"
        " VALUES(?,?,?,?,?,?,?,?) ON CONFLICT(story, file, line, sentence) DO UPDATE SET"
        " reason = excluded.reason, detail = excluded.detail, date = excluded.date,"
        " headline = excluded.headline, added = excluded.added");
    if (!q) return DYAD_EDB;
    store_bind_text(q, 1, d->story ? d->story : "");
    store_bind_text(q, 2, d->file);
    sqlite3_bind_int64(q, 3, (int64_t)d->line);
    sqlite3_bind_int(q, 4, d->sentence < 0 ? -1 : d->sentence);
    store_bind_text(q, 5, d->reason);
    if (d->detail)
        sqlite3_bind_text(q, 6, d->detail, (int)store_discard_detail_len(d->detail), SQLITE_STATIC);
    else
        sqlite3_bind_null(q, 6);
    sqlite3_bind_int(q, 7, d->date);
    store_bind_text(q, 8, d->headline);
    int rc = sqlite3_step(q) == SQLITE_DONE ? DYAD_OK : store_dberr(st, "recording a discard");
    sqlite3_reset(q);
    return rc;
}

static int insert_sink(void *st, const dyad_store_discard *d) {
    return store_discard_insert(st, d);
}

int store_discards_of_added(dyad_store *st, const dyad_story *s) {
    sqlite3_stmt *q = store_stmt(st, SQ_DISCARD_CLEAR, "DELETE FROM discards WHERE story = ?");
    if (!q) return DYAD_EDB;
    store_bind_text(q, 1, s->id);
    int rc = sqlite3_step(q) == SQLITE_DONE ? DYAD_OK : store_dberr(st, "recording a discard");
    sqlite3_reset(q);
    return rc ? rc : store_each_too_long(s, insert_sink, st);
}

int store_discards_of_recoded(dyad_store *st, const char *story) {
    if (st->version < 6) return DYAD_OK;
    sqlite3_stmt *q = store_stmt(st, SQ_DISCARD_CLEAR_LIST,
                                 "DELETE FROM discards WHERE story = ? AND reason = '" DYAD_DISCARD_LIST "'");
    if (!q) return DYAD_EDB;
    store_bind_text(q, 1, story);
    int rc = sqlite3_step(q) == SQLITE_DONE ? DYAD_OK : store_dberr(st, "recoding a story's discards");
    sqlite3_reset(q);
    return rc;
}

/* Prepares "head [WHERE story = ?] tail"; NULL with the error recorded. */
static sqlite3_stmt *prepare_of(dyad_store *st, const char *head, const char *story,
                                const char *tail) {
    char sql[512];
    snprintf(sql, sizeof sql, "%s%s%s", head, story ? " WHERE story = ?1" : "", tail);
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v2(st->db, sql, -1, &q, NULL) != SQLITE_OK) {
        store_dberr(st, "reading the discards");
        return NULL;
    }
    if (story) sqlite3_bind_text(q, 1, story, -1, SQLITE_STATIC);
    return q;
}

static const char *col(sqlite3_stmt *q, int i) { return (const char *)sqlite3_column_text(q, i); }

int dyad_store_discards(dyad_store *st, const char *story, uint64_t limit, uint64_t offset,
                        dyad_store_discard_fn fn, void *ud) {
    if (!st || !fn || limit > INT64_MAX || offset > INT64_MAX) return DYAD_EINVAL;
    if (st->pg) return pg_discards(st, story, limit, offset, fn, ud);
    if (!st->db) return DYAD_EINVAL;
    if (st->version < 6) return DYAD_OK; /* an older store, read as it is: none kept */
    sqlite3_stmt *q = prepare_of(st,
                                 "SELECT story, file, line, sentence, reason, detail, date,"
                                 " headline FROM discards",
                                 story, " ORDER BY key LIMIT ?2 OFFSET ?3");
    if (!q) return DYAD_EDB;
    sqlite3_bind_int64(q, 2, limit ? (int64_t)limit : -1);
    sqlite3_bind_int64(q, 3, (int64_t)offset);
    int rc, src;
    while ((src = sqlite3_step(q)) == SQLITE_ROW) {
        dyad_store_discard d = {col(q, 0), col(q, 1), (uint64_t)sqlite3_column_int64(q, 2),
                                sqlite3_column_int(q, 3), col(q, 4), col(q, 5),
                                sqlite3_column_int(q, 6), col(q, 7)};
        if (!d.story) d.story = "";
        if (!d.file) d.file = "";
        if (!d.reason) d.reason = "";
        if ((rc = fn(ud, &d))) {
            sqlite3_finalize(q);
            return rc;
        }
    }
    rc = src == SQLITE_DONE ? DYAD_OK : store_dberr(st, "reading the discards");
    sqlite3_finalize(q);
    return rc;
}

int dyad_store_discard_counts(dyad_store *st, const char *story, dyad_store_discard_count_fn fn,
                              void *ud, uint64_t *total) {
    if (total) *total = 0;
    if (st && st->pg) return pg_discard_counts(st, story, fn, ud, total);
    if (!st || !st->db) return DYAD_EINVAL;
    if (st->version < 6) return DYAD_OK;
    sqlite3_stmt *q = prepare_of(st, "SELECT reason, count(*) FROM discards", story,
                                 " GROUP BY reason ORDER BY 2 DESC, 1");
    if (!q) return DYAD_EDB;
    int rc = DYAD_OK, src;
    while ((src = sqlite3_step(q)) == SQLITE_ROW) {
        uint64_t n = (uint64_t)sqlite3_column_int64(q, 1);
        if (total) *total += n;
        if (fn && (rc = fn(ud, col(q, 0) ? col(q, 0) : "", n))) break;
    }
    if (!rc && src != SQLITE_DONE) rc = store_dberr(st, "reading the discards");
    sqlite3_finalize(q);
    return rc;
}

static void put_json_str(dyad_buf *b, const char *s) {
    if (s) dyad_buf_json_string(b, s, strlen(s));
    else dyad_buf_puts(b, "null");
}

int dyad_store_discard_write_json(dyad_buf *b, const dyad_store_discard *d) {
    if (!b || !d) return DYAD_EINVAL;
    char num[64], date[11];
    dyad_buf_puts(b, "{\"story\":");
    put_json_str(b, d->story ? d->story : "");
    dyad_buf_puts(b, ",\"file\":");
    put_json_str(b, d->file ? d->file : "");
    snprintf(num, sizeof num, ",\"line\":%" PRIu64 ",\"sentence\":", d->line);
    dyad_buf_puts(b, num);
    if (d->sentence < 0) {
        dyad_buf_puts(b, "null");
    } else {
        snprintf(num, sizeof num, "%" PRId32, d->sentence);
        dyad_buf_puts(b, num);
    }
    dyad_buf_puts(b, ",\"reason\":");
    put_json_str(b, d->reason ? d->reason : "");
    dyad_buf_puts(b, ",\"detail\":");
    put_json_str(b, d->detail);
    dyad_buf_puts(b, ",\"date\":");
    put_json_str(b, d->date ? dyad_date_format(d->date, date) : NULL);
    dyad_buf_puts(b, ",\"headline\":");
    put_json_str(b, d->headline);
    return dyad_buf_puts(b, "}");
}
