/* count.c: what `dyad serve` asks of the store that the store API does not offer: the
 * total of a filtered event query (for paging) and actor-code prefixes (for autocomplete).
 * Read-only SQL over the schema of docs/database.md; every value is a bound parameter.
 * The filter semantics mirror dyad_store_query_events (store/query.c). */
#include "serve.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COUNT_MAX_PARAMS 24

typedef struct cwhere {
    dyad_buf sql;
    int n;
    const char *text[COUNT_MAX_PARAMS];
    int64_t num[COUNT_MAX_PARAMS];
    char owned[COUNT_MAX_PARAMS][DYAD_MAX_CODE_BYTES + 1];
    char *fts;
    int never;
} cwhere;

static void and_(cwhere *w, const char *cond) {
    dyad_buf_puts(&w->sql, w->sql.len ? " AND " : " WHERE ");
    dyad_buf_puts(&w->sql, cond);
}
static int param_text(cwhere *w, const char *t) {
    if (w->n >= COUNT_MAX_PARAMS) return -1;
    w->text[w->n] = t;
    return w->n++;
}
static void param_num(cwhere *w, int64_t v) {
    if (w->n >= COUNT_MAX_PARAMS) return;
    w->text[w->n] = NULL;
    w->num[w->n++] = v;
}

/* "(col >= ? AND col < ?)" for the codes beginning with p (an actor code prefix, short
 * and without 0xff bytes: the server validated it). */
static void prefix(cwhere *w, const char *col, const char *p, dyad_buf *into) {
    int i = param_text(w, p);
    if (i < 0) return;
    size_t n = strlen(p);
    int j = param_text(w, "");
    if (j < 0 || n == 0 || n > DYAD_MAX_CODE_BYTES) return;
    memcpy(w->owned[j], p, n + 1);
    w->owned[j][n - 1] = (char)(w->owned[j][n - 1] + 1);
    w->text[j] = w->owned[j];
    char cond[96];
    snprintf(cond, sizeof cond, "(e.%s >= ? AND e.%s < ?)", col, col);
    dyad_buf_puts(into, cond);
}

/* Words as an FTS5 query of quoted terms, as the store makes it. NULL when none. */
static char *fts_query(const char *text) {
    size_t n = strlen(text);
    char *q = malloc(3 * n + 8), *o = q;
    if (!q) return NULL;
    const char *p = text;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') p++;
        const char *s = p;
        int alnum = 0;
        while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r') {
            unsigned char c = (unsigned char)*p++;
            if (c >= 0x80 || (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z'))
                alnum = 1;
        }
        if (p == s || !alnum) continue;
        if (o != q) *o++ = ' ';
        *o++ = '"';
        for (const char *c = s; c < p; c++) {
            if (*c == '"') *o++ = '"';
            *o++ = *c;
        }
        *o++ = '"';
    }
    *o = '\0';
    if (o == q) {
        free(q);
        return NULL;
    }
    return q;
}

static int digits(const char *s) {
    if (!*s) return 0;
    for (; *s; s++)
        if (*s < '0' || *s > '9') return 0;
    return 1;
}

static int build(const dyad_store_query *q, cwhere *w) {
    if (q->from) and_(w, "e.date >= ?"), param_num(w, q->from);
    if (q->to) and_(w, "e.date <= ?"), param_num(w, q->to);
    dyad_buf c = {0};
    if (q->actor && *q->actor) {
        dyad_buf_puts(&c, "(");
        prefix(w, "source", q->actor, &c);
        dyad_buf_puts(&c, " OR ");
        prefix(w, "target", q->actor, &c);
        dyad_buf_puts(&c, ")");
        and_(w, c.data);
        dyad_buf_reset(&c);
    }
    if (q->source && *q->source) {
        prefix(w, "source", q->source, &c);
        and_(w, c.data);
        dyad_buf_reset(&c);
    }
    if (q->target && *q->target) {
        prefix(w, "target", q->target, &c);
        and_(w, c.data);
        dyad_buf_reset(&c);
    }
    if (q->dyad_a && *q->dyad_a && q->dyad_b && *q->dyad_b) {
        dyad_buf_puts(&c, "((");
        prefix(w, "source", q->dyad_a, &c);
        dyad_buf_puts(&c, " AND ");
        prefix(w, "target", q->dyad_b, &c);
        dyad_buf_puts(&c, ") OR (");
        prefix(w, "source", q->dyad_b, &c);
        dyad_buf_puts(&c, " AND ");
        prefix(w, "target", q->dyad_a, &c);
        dyad_buf_puts(&c, "))");
        and_(w, c.data);
        dyad_buf_reset(&c);
    }
    dyad_buf_free(&c);
    if (q->code && *q->code) {
        const char *k = q->code;
        size_t n = strlen(k);
        if (!strncmp(k, "quad:", 5) && k[5] >= '1' && k[5] <= '4' && !k[6])
            and_(w, "e.quad_class = ?"), param_num(w, k[5] - '0');
        else if (digits(k) && n == 2)
            and_(w, "e.root = ?"), param_num(w, atoi(k));
        else if (digits(k) && n >= 3 && n <= 4)
            and_(w, "e.code = ?"), param_text(w, k);
        else
            return DYAD_EINVAL;
    }
    if (q->text && *q->text) {
        if (strlen(q->text) > DYAD_STORE_MAX_TEXT_QUERY) return DYAD_ELIMIT;
        w->fts = fts_query(q->text);
        if (!w->fts) {
            w->never = 1;
        } else {
            and_(w, "(e.story_key, e.sentence) IN (SELECT sn.story_key, sn.idx FROM"
                    " sentences_fts JOIN sentences sn ON sn.id = sentences_fts.rowid"
                    " WHERE sentences_fts MATCH ?)");
            param_text(w, w->fts);
        }
    }
    return w->n >= COUNT_MAX_PARAMS ? DYAD_EINVAL : DYAD_OK;
}

int serve_count_events(sqlite3 *db, const dyad_store_query *q, uint64_t *total) {
    cwhere w;
    memset(&w, 0, sizeof w);
    *total = 0;
    int rc = build(q, &w);
    if (rc || w.never) goto out;
    dyad_buf sql = {0};
    if (q->one_a_day)
        dyad_buf_puts(&sql, "SELECT count(*) FROM (SELECT 1 FROM events e");
    else
        dyad_buf_puts(&sql, "SELECT count(*) FROM events e");
    if (w.sql.len) dyad_buf_puts(&sql, w.sql.data);
    if (q->one_a_day) dyad_buf_puts(&sql, " GROUP BY e.date, e.source, e.target, e.code)");
    sqlite3_stmt *s = NULL;
    if (!sql.data || sqlite3_prepare_v2(db, sql.data, -1, &s, NULL) != SQLITE_OK) {
        rc = DYAD_EDB;
    } else {
        for (int i = 0; i < w.n; i++) {
            if (w.text[i]) sqlite3_bind_text(s, i + 1, w.text[i], -1, SQLITE_STATIC);
            else sqlite3_bind_int64(s, i + 1, w.num[i]);
        }
        if (sqlite3_step(s) == SQLITE_ROW) *total = (uint64_t)sqlite3_column_int64(s, 0);
        else rc = DYAD_EDB;
    }
    sqlite3_finalize(s);
    dyad_buf_free(&sql);
out:
    free(w.fts);
    dyad_buf_free(&w.sql);
    return rc;
}

int serve_actor_codes(sqlite3 *db, const char *pfx, size_t max, dyad_buf *b, size_t *n) {
    static const char SQL[] =
        "SELECT code, sum(n) FROM ("
        " SELECT source AS code, count(*) AS n FROM events WHERE source >= ?1 AND source < ?2"
        " GROUP BY source UNION ALL"
        " SELECT target, count(*) FROM events WHERE target >= ?1 AND target < ?2 AND target <> ''"
        " GROUP BY target)"
        " GROUP BY code ORDER BY 2 DESC, 1 LIMIT ?3";
    char hi[DYAD_MAX_CODE_BYTES + 1];
    size_t len = strlen(pfx);
    *n = 0;
    if (len >= sizeof hi) return DYAD_EINVAL;
    memcpy(hi, pfx, len + 1);
    if (len) hi[len - 1] = (char)(hi[len - 1] + 1);
    else memcpy(hi, "\x7f", 2);
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(db, SQL, -1, &s, NULL) != SQLITE_OK) return DYAD_EDB;
    sqlite3_bind_text(s, 1, pfx, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, hi, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 3, (int64_t)max);
    int rc, err = DYAD_OK;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *code = (const char *)sqlite3_column_text(s, 0);
        char t[64];
        dyad_buf_puts(b, (*n)++ ? ",{\"code\":" : "{\"code\":");
        dyad_buf_json_string(b, code ? code : "", code ? strlen(code) : 0);
        snprintf(t, sizeof t, ",\"events\":%lld}", (long long)sqlite3_column_int64(s, 1));
        dyad_buf_puts(b, t);
    }
    if (rc != SQLITE_DONE) err = DYAD_EDB;
    sqlite3_finalize(s);
    return err;
}
