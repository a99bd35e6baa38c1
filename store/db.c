/* db.c: the store's base, below every other file of store/: errors, cached statements,
 * the meta table, date arithmetic and the texts of discards that both backends write. It
 * calls nothing else of the store. */
#include "store_int.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int store_fail(dyad_store *st, int code, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(st->err, sizeof st->err, fmt, ap);
    va_end(ap);
    return code;
}

int store_dberr(dyad_store *st, const char *what) {
    int rc = sqlite3_extended_errcode(st->db);
    const char *hint = "";
    switch (rc & 0xff) {
    case SQLITE_FULL: hint = " (the disk is full: nothing of the failed story was kept)"; break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED: hint = " (another process holds a lock on the database)"; break;
    case SQLITE_READONLY: hint = " (the database is read-only)"; break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
hint = STORE_DAMAGED; break;
    default: break;
    }
    return store_fail(st, DYAD_EDB, "%s: %s%s", what, sqlite3_errmsg(st->db), hint);
}

sqlite3_stmt *store_stmt(dyad_store *st, enum store_stmt slot, const char *sql) {
    sqlite3_stmt *s = st->stmt[slot];
    if (s) {
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
        return s;
    }
    if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, NULL) != SQLITE_OK) {
        store_dberr(st, "prepare");
        return NULL;
    }
    st->stmt[slot] = s;
    return s;
}

int store_exec(dyad_store *st, const char *sql) {
    if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) == SQLITE_OK) return DYAD_OK;
    /* The message names the statement by its first words, not the whole script. */
    char what[72];
    size_t n = strcspn(sql, "\n(;");
    snprintf(what, sizeof what, "%.*s%s", (int)(n > 60 ? 60 : n), sql, sql[n] ? " ..." : "");
    return store_dberr(st, what);
}

void store_bind_text(sqlite3_stmt *s, int i, const char *v) {
    if (v) sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
    else sqlite3_bind_null(s, i);
}

int store_set_meta(dyad_store *st, const char *key, const char *value) {
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(st->db, "INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)", -1, &s,
                           NULL) != SQLITE_OK)
        return store_dberr(st, "meta");
    sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, value, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s) == SQLITE_DONE ? DYAD_OK : store_dberr(st, "meta");
    sqlite3_finalize(s);
    return rc;
}

int store_meta_text(dyad_store *st, const char *key, char *buf, size_t cap) {
    sqlite3_stmt *s = NULL;
    buf[0] = '\0';
    if (sqlite3_prepare_v2(st->db, "SELECT value FROM meta WHERE key = ?", -1, &s, NULL) != SQLITE_OK)
        return store_dberr(st, "meta");
    sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) snprintf(buf, cap, "%s", (const char *)sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? DYAD_OK : store_dberr(st, "meta");
}

/* --- arrays ------------------------------------------------------------------------ */

void *store_grow(void *arr, size_t need, size_t *cap, size_t size, size_t first) {
    if (need <= *cap) return arr;
    size_t n = *cap ? *cap : first;
    while (n < need) {
        if (n > SIZE_MAX / 2) return NULL;
        n *= 2;
    }
    if (n > SIZE_MAX / size) return NULL;
    void *q = realloc(arr, n * size);
    if (q) *cap = n;
    return q;
}

/* --- places ------------------------------------------------------------------------ */

const char *const store_date_precision[3] = {"day", "month", "year"};
const char *const store_geo_precision[4] = {NULL, "country", "region", "city"};

int store_country_filter(dyad_store *st, const char *code, dyad_place *p) {
    if (dyad_geo_country(code, p) == DYAD_OK) return DYAD_OK;
    return store_fail(st, DYAD_EINVAL,
                      "'%.40s' is not a country code (ISO 3166-1 alpha-2 or alpha-3: SY, SYR)", code);
}

/* --- discards ---------------------------------------------------------------------- */

size_t store_discard_detail_len(const char *detail) {
    size_t n = strlen(detail);
    if (n <= DYAD_STORE_MAX_DISCARD_DETAIL) return n;
    n = DYAD_STORE_MAX_DISCARD_DETAIL;
    while (n && ((unsigned char)detail[n] & 0xC0) == 0x80) n--;
    return n;
}

void store_too_long_detail(const dyad_sentence *se, char *buf, size_t cap) {
    if (se->end - se->start > DYAD_MAX_SENTENCE_BYTES)
        snprintf(buf, cap, "%u bytes, over DYAD_MAX_SENTENCE_BYTES (%u): kept, not coded",
                 se->end - se->start, DYAD_MAX_SENTENCE_BYTES);
    else
        snprintf(buf, cap, "over DYAD_MAX_SENTENCE_TOKENS (%u): kept, not coded",
                 DYAD_MAX_SENTENCE_TOKENS);
}

int store_each_too_long(const dyad_story *s, int (*sink)(void *ctx, const dyad_store_discard *d),
                        void *ctx) {
    int rc = DYAD_OK;
    for (size_t i = 0; !rc && s->skipped_sentences && i < s->n_sentences; i++) {
        const dyad_sentence *se = &s->sentences[i];
        if (!(se->flags & DYAD_SENT_SKIPPED)) continue;
        char detail[160];
        store_too_long_detail(se, detail, sizeof detail);
        dyad_store_discard d = {s->id, s->file ? s->file : "", s->line, (int32_t)se->index,
                                DYAD_DISCARD_TOO_LONG, detail, s->date, s->headline};
        rc = sink(ctx, &d);
    }
    return rc;
}

/* --- dates ------------------------------------------------------------------------- */

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm). */
static int64_t days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int32_t civil_from_days(int64_t z) {
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int64_t d = doy - (153 * mp + 2) / 5 + 1;
    int64_t m = mp + (mp < 10 ? 3 : -9);
    y += m <= 2;
    return (int32_t)(y * 10000 + m * 100 + d);
}

int32_t store_date_add(int32_t date, int32_t days) {
    if (date <= 0) return 0;
    return civil_from_days(days_from_civil(date / 10000, date / 100 % 100, date % 100) + days);
}

int32_t store_period_of(int32_t date, dyad_store_period by) {
    switch (by) {
    case DYAD_STORE_BY_WEEK: return store_date_add(date, -store_date_weekday(date));
    case DYAD_STORE_BY_MONTH: return date / 100 * 100 + 1;
    default: return date;
    }
}

int store_date_weekday(int32_t date) {
    if (date <= 0) return -1;
    int64_t z = days_from_civil(date / 10000, date / 100 % 100, date % 100);
    return (int)(((z % 7) + 7 + 3) % 7); /* 1970-01-01 was a Thursday (3) */
}

/* --- distances --------------------------------------------------------------------- */

#define STORE_EARTH_KM 6371.0088 /* the mean Earth radius (IUGG) */

double store_km(double lat1, double lon1, double lat2, double lon2) {
    const double rad = 3.14159265358979323846 / 180.0;
    double dlat = (lat2 - lat1) * rad, dlon = (lon2 - lon1) * rad;
    double h = sin(dlat / 2) * sin(dlat / 2) +
               cos(lat1 * rad) * cos(lat2 * rad) * sin(dlon / 2) * sin(dlon / 2);
    if (h > 1) h = 1;
    return 2 * STORE_EARTH_KM * asin(sqrt(h));
}
