/* store.c: the event store's database: opening and schema checks, batches, and adding
 * a story with its sentences and events (duplicate and near-duplicate detection) or a
 * discard. Above agg.c, rules.c and discard.c, which it drives; all stand on db.c. */
#include "store_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Near-duplicates: a band collision (sketch.c) makes a candidate whose signature
 * similarity is then checked. */
#define STORE_BAND_CANDIDATES 16 /* newest stories taken from one LSH bucket */
#define STORE_MAX_VERIFY 32      /* candidates whose signatures are compared, per story */
/* Page size of a new database: larger pages than SQLite's 4 KiB make shallower index
 * b-trees and fewer pages written per commit (measured: ~10% faster bulk ingest). */
#define STORE_PAGE_SIZE 16384

/* The columns of events and of events_previous (the coding before the last recode). */
#define EVENT_COLUMNS \
    "  id INTEGER PRIMARY KEY, story_key INTEGER NOT NULL, grp INTEGER NOT NULL,\n" \
    "  sentence INTEGER NOT NULL, date INTEGER NOT NULL DEFAULT 0,\n" \
    "  source TEXT NOT NULL, source_text TEXT, target TEXT NOT NULL DEFAULT '', target_text TEXT,\n" \
    "  code TEXT NOT NULL, root INTEGER, quad_class INTEGER, goldstein REAL,\n" \
    "  location TEXT, location_country TEXT,\n" \
    "  source_start INTEGER, source_end INTEGER, verb_start INTEGER, verb_end INTEGER,\n" \
    "  target_start INTEGER, target_end INTEGER, rules TEXT NOT NULL DEFAULT '[]');\n"

static const char SCHEMA[] =
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);\n"
    "CREATE TABLE stories(\n"
    "  key INTEGER PRIMARY KEY,\n"
    "  id TEXT NOT NULL UNIQUE,\n"
    "  file TEXT, line INTEGER, date INTEGER NOT NULL DEFAULT 0,\n"
    "  headline TEXT, dateline_place TEXT, dateline_agency TEXT, url TEXT, publisher TEXT,\n"
    "  text TEXT NOT NULL, invalid_bytes INTEGER NOT NULL DEFAULT 0,\n"
    "  skipped_sentences INTEGER NOT NULL DEFAULT 0,\n"
    "  content_hash INTEGER NOT NULL UNIQUE, minhash BLOB,\n"
    "  grp INTEGER NOT NULL DEFAULT 0,\n"
    "  dict_version TEXT, prev_dict_version TEXT,\n"
    "  added TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')));\n"
    "CREATE INDEX stories_date ON stories(date);\n"
    "CREATE INDEX stories_grp ON stories(grp);\n"
    "CREATE TABLE days(date INTEGER PRIMARY KEY, n_stories INTEGER NOT NULL DEFAULT 0,\n"
    "  n_groups INTEGER NOT NULL DEFAULT 0);\n"
    "CREATE TABLE lsh(band_key INTEGER NOT NULL, story_key INTEGER NOT NULL,\n"
    "  PRIMARY KEY(band_key, story_key)) WITHOUT ROWID;\n"
    "CREATE TABLE sentences(\n"
    "  id INTEGER PRIMARY KEY, story_key INTEGER NOT NULL, idx INTEGER NOT NULL,\n"
    "  span_start INTEGER NOT NULL, span_end INTEGER NOT NULL, text TEXT NOT NULL,\n"
    "  date INTEGER NOT NULL DEFAULT 0, flags INTEGER NOT NULL DEFAULT 0,\n"
    "  UNIQUE(story_key, idx));\n"
    "CREATE TABLE events(\n" EVENT_COLUMNS
    "CREATE INDEX events_date ON events(date);\n"
    "CREATE INDEX events_dyad ON events(source, target, date, code, quad_class, goldstein, grp);\n"
    "CREATE INDEX events_target ON events(target, date);\n"
    "CREATE INDEX events_code ON events(code, date);\n"
    "CREATE INDEX events_story ON events(story_key, sentence);\n"

    "CREATE TABLE events_previous(\n" EVENT_COLUMNS
    "CREATE INDEX events_previous_story ON events_previous(story_key, sentence);\n"
    "CREATE VIEW events_daily AS SELECT date, source, target, code, min(root) AS root,\n"
    "  min(quad_class) AS quad_class, min(goldstein) AS goldstein, count(*) AS mentions,\n"
    "  count(DISTINCT story_key) AS articles, count(DISTINCT grp) AS story_groups,\n"
    "  min(id) AS first_event FROM events GROUP BY date, source, target, code;\n";

/* Migrations: MIGRATIONS[v] brings schema version v to v + 1. Version 1 is the first;
 * version 2 adds dyad_agg (filled from the events after its DDL runs); version 3 adds
 * the rules table (events' inline rules are rewritten as keys after its DDL runs) and
 * rebuilds sentences_fts without per-row sizes; version 4 adds the events' places and
 * date precision (add_v4_columns, then its SQL; a new store runs both too: its events
 * table starts as version 1's); version 5 rebuilds geo_agg by QuadClass and adds the
 * indexes events_adm1 and events_grid; version 6 adds the discards table; version 7 adds
 * geo_cells (the region and grid maps' aggregate) and its triggers; version 8 adds the
 * actors' places (add_v8_columns, then its SQL: events_raw); version 9 adds top_codes and
 * top_dyads (version 9 kept them by triggers) and rebuilds dyad_agg with the cells of every
 * event; version 10 drops those triggers: agg.c keeps both tables at each commit. */
static const char *const MIGRATIONS[DYAD_STORE_SCHEMA_VERSION] = {
    NULL,      AGG_SCHEMA, V3_SCHEMA, V4_SCHEMA, V5_SCHEMA,
    V6_SCHEMA, V7_SCHEMA,  V8_SCHEMA, V9_SCHEMA, V10_SCHEMA};

/* SQL function dyad_cc2(cc3): the ISO alpha-2 code of an alpha-3 country code, NULL when
 * the gazetteer does not know it (the version 4 migration fills location_country2). */
static void sql_cc2(sqlite3_context *cx, int argc, sqlite3_value **argv) {
    (void)argc;
    const char *cc3 = (const char *)sqlite3_value_text(argv[0]);
    dyad_place p;
    if (cc3 && dyad_geo_country(cc3, &p) == DYAD_OK && p.country2 && p.country2[0])
        sqlite3_result_text(cx, p.country2, -1, SQLITE_STATIC);
    else
        sqlite3_result_null(cx);
}

/* SQL function dyad_km(lat1, lon1, lat2, lon2): the great-circle distance in km
 * (haversine on a sphere of the mean Earth radius); NULL when an argument is NULL. */
static void sql_km(sqlite3_context *cx, int argc, sqlite3_value **argv) {
    for (int i = 0; i < argc; i++)
        if (sqlite3_value_type(argv[i]) == SQLITE_NULL) {
            sqlite3_result_null(cx);
            return;
        }
    sqlite3_result_double(cx, store_km(sqlite3_value_double(argv[0]), sqlite3_value_double(argv[1]),
                                       sqlite3_value_double(argv[2]), sqlite3_value_double(argv[3])));
}

/* Adds the columns of cols that events and events_previous lack (all of them, but for
 * a store whose events were written by hand and marked as an older version), in order:
 * both tables keep the same columns in the same order (recode.c copies rows by *). */
static int add_columns(dyad_store *st, const char *const *cols, size_t n_cols) {
    static const char *const tables[] = {"events", "events_previous"};
    for (size_t t = 0; t < 2; t++)
        for (size_t i = 0; i < n_cols; i++) {
            sqlite3_stmt *s = NULL;
            size_t n = strcspn(cols[i], " ");
            if (sqlite3_prepare_v2(st->db, "SELECT count(*) FROM pragma_table_info(?) WHERE name = ?",
                                   -1, &s, NULL) != SQLITE_OK)
                return store_dberr(st, "reading the schema");
            sqlite3_bind_text(s, 1, tables[t], -1, SQLITE_STATIC);
            sqlite3_bind_text(s, 2, cols[i], (int)n, SQLITE_STATIC);
            int have = sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int(s, 0) > 0;
            sqlite3_finalize(s);
            if (have) continue;
            char sql[128];
            snprintf(sql, sizeof sql, "ALTER TABLE %s ADD COLUMN %s", tables[t], cols[i]);
            int rc = store_exec(st, sql);
            if (rc) return rc;
        }
    return DYAD_OK;
}

/* The columns versions 4 (the event's place) and 8 (the actors' places) add. */
static int add_v4_columns(dyad_store *st) {
    static const char *const cols[] = {V4_COLUMN_LIST};
    return add_columns(st, cols, sizeof cols / sizeof *cols);
}
static int add_v8_columns(dyad_store *st) {
    static const char *const cols[] = {V8_COLUMN_LIST};
    return add_columns(st, cols, sizeof cols / sizeof *cols);
}

static int add_functions(dyad_store *st) {
    int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
    if (sqlite3_create_function(st->db, "dyad_cc2", 1, flags, NULL, sql_cc2, NULL, NULL) != SQLITE_OK ||
        sqlite3_create_function(st->db, "dyad_km", 4, flags, NULL, sql_km, NULL, NULL) != SQLITE_OK)
        return store_dberr(st, "registering SQL functions");
    return DYAD_OK;
}

/* Reads schema_version; -1 when there is no meta table. */
static int read_version(dyad_store *st, int *version) {
    sqlite3_stmt *s = NULL;
    *version = -1;
    int rc = sqlite3_prepare_v2(st->db, "SELECT value FROM meta WHERE key = 'schema_version'",
                                -1, &s, NULL);
    if (rc != SQLITE_OK) {
        int ext = sqlite3_errcode(st->db);
        if (ext == SQLITE_ERROR && strstr(sqlite3_errmsg(st->db), "no such table")) return DYAD_OK;
        return store_dberr(st, "reading the schema version");
    }
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) *version = atoi((const char *)sqlite3_column_text(s, 0));
    else if (rc == SQLITE_DONE) *version = 0;
    else {
        sqlite3_finalize(s);
        return store_dberr(st, "reading the schema version");
    }
    sqlite3_finalize(s);
    return DYAD_OK;
}

static int count_tables(dyad_store *st, int *n) {
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(st->db, "SELECT count(*) FROM sqlite_master", -1, &s, NULL) != SQLITE_OK)
        return store_dberr(st, "reading the database");
    int rc = sqlite3_step(s);
    *n = rc == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
    sqlite3_finalize(s);
    if (rc != SQLITE_ROW) return store_dberr(st, "reading the database");
    return DYAD_OK;
}

/* Creates the schema in an empty database, atomically: under the write lock it looks
 * again, and when another process created the schema meanwhile (two ingests starting
 * on one new file), *created is 0 and nothing is written. */
static int create_schema(dyad_store *st, int *created) {
    *created = 0;
    char meta[128];
    snprintf(meta, sizeof meta,
             "INSERT INTO meta(key, value) VALUES('schema_version', '%d');",
             DYAD_STORE_SCHEMA_VERSION);
    char page[64];
    snprintf(page, sizeof page, "PRAGMA page_size=%d", STORE_PAGE_SIZE);
    int rc = store_exec(st, page); /* effective only before the first table exists */
    /* WAL before the first table: a second process starting on the same new file then
     * never meets a switch of journal mode, which does not wait for locks. */
    if (!rc) rc = store_exec(st, "PRAGMA journal_mode=WAL");
    if (rc == DYAD_EDB && (sqlite3_extended_errcode(st->db) & 0xff) == SQLITE_BUSY) {
        /* Another process is creating the schema (its transaction holds the lock; the
         * switch of journal mode does not wait): wait for its commit under the write
         * lock, and find the schema made. */
        rc = store_exec(st, "BEGIN IMMEDIATE");
        int n = 0;
        if (!rc && !(rc = count_tables(st, &n)) && n) {
            sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
            st->err[0] = '\0';
            return DYAD_OK;
        }
        if (!rc) {
            sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
            rc = store_exec(st, "PRAGMA journal_mode=WAL");
        }
    }
    if (!rc) rc = store_exec(st, "BEGIN IMMEDIATE");
    if (rc) return rc;
    int n;
    if ((rc = count_tables(st, &n)) || n) {
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        return rc;
    }
    *created = 1;
    if ((rc = store_exec(st, SCHEMA)) || (rc = store_exec(st, AGG_SCHEMA)) ||
        (rc = store_exec(st, V3_SCHEMA)) || (rc = add_v4_columns(st)) ||
        (rc = store_exec(st, V4_SCHEMA)) || (rc = store_exec(st, V5_SCHEMA)) ||
        (rc = store_exec(st, V6_SCHEMA)) || (rc = store_exec(st, V7_SCHEMA)) ||
        (rc = add_v8_columns(st)) || (rc = store_exec(st, V8_SCHEMA)) ||
        (rc = store_exec(st, V9_SCHEMA)) || (rc = store_exec(st, V10_SCHEMA)) ||
        (rc = store_exec(st, meta))) {
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        return rc;
    }
    return store_exec(st, "COMMIT");
}

static int check_schema(dyad_store *st, const char *path, int may_create) {
    int version, rc = read_version(st, &version);
    if (rc) return rc;
    if (version < 0) {
        int n;
        if ((rc = count_tables(st, &n))) return rc;
        /* tables but no meta table: another process may have committed the schema (made
         * with its meta row in one transaction) between the two reads; read again */
        if (n > 0 && (rc = read_version(st, &version))) return rc;
        if (version >= 0) return check_schema(st, path, 0);
        if (n == 0 && may_create && !st->readonly) {
            int created;
            if ((rc = create_schema(st, &created))) return rc;
            if (created) {
                st->has_agg = 1;
                st->version = DYAD_STORE_SCHEMA_VERSION;
                return DYAD_OK;
            }
            return check_schema(st, path, 0); /* made by another process meanwhile */
        }
        if (n == 0)
            return store_fail(st, DYAD_EDB, "%s: an empty database (nothing ingested yet)", path);
        return store_fail(st, DYAD_EDB, "%s: not a dyad database (it has no meta table)", path);
    }
    st->has_agg = version >= 2;
    st->version = version;
    if (version > DYAD_STORE_SCHEMA_VERSION)
        return store_fail(st, DYAD_EDB,
                          "%s: schema version %d is newer than this dyad understands (%d); "
                          "use a newer dyad",
                          path, version, DYAD_STORE_SCHEMA_VERSION);
    if (version < 1)
        return store_fail(st, DYAD_EDB, "%s: unknown schema version %d (not a dyad database?)",
                          path, version);
    if (version < DYAD_STORE_SCHEMA_VERSION) {
        /* Read-only, an older store is read as it is: version 1 has no aggregate
         * (timelines scan the events), versions 1 and 2 write each event's rules inline
         * (store_rules_parse reads both forms). */
        if (st->readonly) return DYAD_OK;
        if ((rc = store_exec(st, "BEGIN IMMEDIATE"))) return rc;
        for (int v = version; v < DYAD_STORE_SCHEMA_VERSION; v++)
            if (!MIGRATIONS[v] || (v == 3 && (rc = add_v4_columns(st))) ||
                (v == 7 && (rc = add_v8_columns(st))) ||
                (rc = store_exec(st, MIGRATIONS[v]))) {
                store_rollback(st);
                return rc ? rc
                          : store_fail(st, DYAD_EDB, "%s: no migration from schema version %d",
                                       path, v);
            }
        st->has_agg = 1;
        /* dyad_agg: built (version 1), or rebuilt with the cells of every event */
        if (version < 9 && (rc = agg_rebuild(st))) {
            store_rollback(st);
            st->has_agg = 0;
            return rc;
        }
        if ((rc = store_rules_migrate(st))) {
            store_rollback(st);
            return rc;
        }
        char sql[128];
        snprintf(sql, sizeof sql, "UPDATE meta SET value = '%d' WHERE key = 'schema_version'",
                 DYAD_STORE_SCHEMA_VERSION);
        if ((rc = store_exec(st, sql))) {
            store_rollback(st);
            return rc;
        }
        if ((rc = store_commit(st))) return rc;
        st->version = DYAD_STORE_SCHEMA_VERSION;
        return DYAD_OK;
    }
    return DYAD_OK;
}

/* A WAL database in a directory we cannot write (another user's, read-only media)
 * cannot be read the usual way: SQLite needs to create its -shm index beside it. When no
 * -wal file with content exists, the database file is complete and nobody is writing it
 * (a writer keeps a -wal file), so it is read as immutable. */
static int reopen_immutable(dyad_store *st, const char *path) {
    char wal[4096];
    struct stat sb;
    snprintf(wal, sizeof wal, "%s-wal", path);
    if (stat(wal, &sb) == 0 && sb.st_size > 0)
        return store_fail(st, DYAD_EDB,
                          "%s: cannot read the database: it has a write-ahead log (%s) and its "
                          "directory is not writable",
                          path, wal);
    dyad_buf uri = {0};
    int rc = dyad_buf_puts(&uri, "file:");
    for (const unsigned char *p = (const unsigned char *)path; *p && !rc; p++) {
        char esc[4];
        if (*p == '%' || *p == '?' || *p == '#' || *p < 0x20) {
            snprintf(esc, sizeof esc, "%%%02X", *p);
            rc = dyad_buf_puts(&uri, esc);
        } else {
            rc = dyad_buf_append(&uri, p, 1);
        }
    }
    if (!rc) rc = dyad_buf_puts(&uri, "?immutable=1");
    if (rc) {
        dyad_buf_free(&uri);
        return DYAD_ENOMEM;
    }
    sqlite3_close_v2(st->db);
    st->db = NULL;
    if (sqlite3_open_v2(uri.data, &st->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX,
                        NULL) != SQLITE_OK) {
        dyad_buf_free(&uri);
        return st->db ? store_dberr(st, path) : DYAD_ENOMEM;
    }
    dyad_buf_free(&uri);
    sqlite3_extended_result_codes(st->db, 1);
    st->err[0] = '\0';
    rc = add_functions(st);
    return rc ? rc : check_schema(st, path, 0);
}

int dyad_store_open(const char *path, unsigned flags, dyad_store **out) {
    if (!out) return DYAD_EINVAL;
    *out = NULL;
    dyad_store *st = calloc(1, sizeof *st);
    if (!st) return DYAD_ENOMEM;
    *out = st;
    if (!path || !*path) return store_fail(st, DYAD_EINVAL, "no database path given");
    if (pg_is_url(path)) return pg_open(st, path, flags);
    if (!(st->name = strdup(path))) return store_fail(st, DYAD_ENOMEM, "out of memory");
    st->readonly = (flags & DYAD_STORE_READONLY) != 0;
    int create = (flags & DYAD_STORE_CREATE) && !st->readonly;
    struct stat sb;
    if (stat(path, &sb) != 0) {
        if (errno == ENOENT && !create)
            return store_fail(st, DYAD_ENOTFOUND, "%s: no such database", path);
        if (errno != ENOENT)
            return store_fail(st, DYAD_EIO, "%s: %s", path, strerror(errno));
    } else if (!S_ISREG(sb.st_mode)) {
        return store_fail(st, DYAD_EDB, "%s: not a regular file", path);
    }
    int oflags = st->readonly ? SQLITE_OPEN_READONLY
                              : SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
    if (sqlite3_open_v2(path, &st->db, oflags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
        if (!st->db) return store_fail(st, DYAD_ENOMEM, "%s: out of memory", path);
        return store_fail(st, DYAD_EIO, "%s: cannot open%s: %s", path,
                          create ? " or create (does its directory exist and is it writable?)" : "",
                          sqlite3_errmsg(st->db));
    }
    sqlite3_extended_result_codes(st->db, 1);
    sqlite3_busy_timeout(st->db, DYAD_STORE_BUSY_MS);
    if (!st->readonly && sqlite3_db_readonly(st->db, "main") == 1)
        return store_fail(st, DYAD_EDB, "%s: the database is read-only (no write permission)",
                          path);
    int rc = add_functions(st);
    if (!rc) rc = check_schema(st, path, create);
    if (rc && st->readonly && (sqlite3_extended_errcode(st->db) & 0xff) == SQLITE_READONLY)
        rc = reopen_immutable(st, path);
    if (rc) return rc;
    if (!st->readonly) {
        /* WAL: readers never block the writer; NORMAL sync is crash-safe in WAL mode. */
        sqlite3_stmt *s = NULL;
        if (sqlite3_prepare_v2(st->db, "PRAGMA journal_mode=WAL", -1, &s, NULL) != SQLITE_OK ||
            sqlite3_step(s) != SQLITE_ROW) {
            sqlite3_finalize(s);
            return store_dberr(st, path);
        }
        sqlite3_finalize(s);
        if ((rc = store_exec(st, "PRAGMA synchronous=NORMAL"))) return rc;
    }
    /* A page cache big enough for a batch's indexes (random keys: the LSH bands, the
     * dyad index), temporary tables in memory, and reads through a memory map. */
    if ((rc = store_exec(st, "PRAGMA cache_size=-262144; PRAGMA temp_store=MEMORY;"
                             " PRAGMA mmap_size=4294967296")))
        return rc;
    return DYAD_OK;
}

void dyad_store_close(dyad_store *st) {
    if (st && st->pg) pg_close(st);
    if (!st) return;
    for (int i = 0; i < SQ__COUNT; i++) sqlite3_finalize(st->stmt[i]);
    if (st->db) {
        if (st->in_batch) sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        sqlite3_close_v2(st->db);
    }
    agg_free(st);
    store_rules_free(st);
    free(st->name);
    free(st);
}

const char *dyad_store_errmsg(const dyad_store *st) { return st ? st->err : "out of memory"; }

const char *dyad_store_name(const dyad_store *st) {
    if (st && st->pg) return pg_name(st);
    return st && st->name ? st->name : "";
}

void dyad_store_set_busy_timeout(dyad_store *st, int ms) {
    if (st && st->pg) return; /* writers queue for the PostgreSQL lock (pg.c) */
    if (st && st->db) sqlite3_busy_timeout(st->db, ms);
}

static int writable(dyad_store *st) {
    if (!st || !st->db) return DYAD_EINVAL;
    if (st->readonly) return store_fail(st, DYAD_EINVAL, "the store was opened read-only");
    return DYAD_OK;
}

/* Sentences are indexed for full-text search once per transaction, by one INSERT ...
 * SELECT over the new rows, rather than by a statement per sentence (measured: ~1 s of
 * the ~12 s ingest of the benchmark corpus). */
int store_pending_flush(dyad_store *st) {
    if (st->fts_from) {
        sqlite3_stmt *u = store_stmt(st, SQ_FTS_INSERT,
                                     "INSERT INTO sentences_fts(rowid, text)"
                                     " SELECT id, text FROM sentences WHERE id >= ?");
        if (!u) return DYAD_EDB;
        sqlite3_bind_int64(u, 1, st->fts_from);
        int rc = sqlite3_step(u) == SQLITE_DONE ? DYAD_OK : store_dberr(st, "indexing sentences");
        sqlite3_reset(u);
        if (rc) return rc;
        st->fts_from = 0;
    }
    return agg_flush(st);
}

void store_pending_discard(dyad_store *st) {
    st->fts_from = 0;
    agg_discard(st);
    store_rules_rolled_back(st);
}

int store_commit(dyad_store *st) {
    int rc = store_pending_flush(st);
    if (!rc) rc = store_exec(st, "COMMIT");
    if (rc) store_rollback(st);
    else store_rules_committed(st);
    return rc;
}

void store_rollback(dyad_store *st) {
    sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    store_pending_discard(st);
}

int dyad_store_begin(dyad_store *st) {
    if (st && st->pg) return pg_begin(st);
    int rc = writable(st);
    if (rc) return rc;
    if (st->in_batch) return store_fail(st, DYAD_EINVAL, "a batch is already open");
    store_pending_discard(st);
    if ((rc = store_exec(st, "BEGIN IMMEDIATE"))) return rc;
    st->in_batch = 1;
    return DYAD_OK;
}

int dyad_store_commit(dyad_store *st) {
    if (st && st->pg) return pg_commit(st);
    if (!st || !st->db || !st->in_batch) return DYAD_EINVAL;
    int rc = store_commit(st);
    if (rc) st->meta_ver[0] = '\0';
    st->in_batch = 0;
    return rc;
}

int dyad_store_rollback(dyad_store *st) {
    if (st && st->pg) return pg_rollback(st);
    if (!st || !st->db || !st->in_batch) return DYAD_EINVAL;
    st->in_batch = 0;
    st->meta_ver[0] = '\0';
    int rc = store_exec(st, "ROLLBACK");
    store_pending_discard(st);
    return rc;
}


/* The group of the most similar stored story with similarity >= DYAD_STORE_NEAR_DUP, or
 * 0 for none. Candidates share an LSH band (the newest STORE_BAND_CANDIDATES of each
 * band: copies arrive close together); those sharing the most bands are verified first,
 * at most STORE_MAX_VERIFY of them, so that stories built on one template (which share a
 * band now and then) cost little. */
typedef struct cand {
    int64_t key;
    int bands;
} cand;

static int cand_cmp(const void *a, const void *b) {
    const cand *x = a, *y = b;
    if (x->bands != y->bands) return y->bands - x->bands;
    return x->key < y->key ? 1 : x->key > y->key ? -1 : 0;
}

/* One statement for the look-up of all bands, one for their insertion: a statement per
 * band cost ~0.5 s of the benchmark ingest in binding, stepping and resetting alone.
 * Band b's key is parameter b + 1; parameter 17 is the limit (look-up) or the story key
 * (insertion). */
_Static_assert(STORE_MH_BANDS == 16, "the LSH statements below list 16 bands");
#define LSH_FIND1(b)                                                                       \
    "SELECT * FROM (SELECT story_key FROM lsh WHERE band_key = ?" #b                        \
    " ORDER BY story_key DESC LIMIT ?17)"
#define LSH_FIND4(a, b, c, d)                                                              \
    LSH_FIND1(a) " UNION ALL " LSH_FIND1(b) " UNION ALL " LSH_FIND1(c) " UNION ALL " LSH_FIND1(d)
static const char LSH_FIND_SQL[] = LSH_FIND4(1, 2, 3, 4) " UNION ALL " LSH_FIND4(5, 6, 7, 8)
    " UNION ALL " LSH_FIND4(9, 10, 11, 12) " UNION ALL " LSH_FIND4(13, 14, 15, 16);
static const char LSH_INSERT_SQL[] =
    "INSERT OR IGNORE INTO lsh(band_key, story_key) VALUES(?1, ?17), (?2, ?17), (?3, ?17),"
    " (?4, ?17), (?5, ?17), (?6, ?17), (?7, ?17), (?8, ?17), (?9, ?17), (?10, ?17),"
    " (?11, ?17), (?12, ?17), (?13, ?17), (?14, ?17), (?15, ?17), (?16, ?17)";

static int find_group(dyad_store *st, const store_minhash *m, const unsigned char *blob,
                      int64_t *group) {
    *group = 0;
    cand c[STORE_MH_BANDS * STORE_BAND_CANDIDATES];
    size_t n_cand = 0;
    sqlite3_stmt *s = store_stmt(st, SQ_LSH_FIND, LSH_FIND_SQL);
    if (!s) return DYAD_EDB;
    for (int band = 0; band < STORE_MH_BANDS; band++)
        sqlite3_bind_int64(s, band + 1, store_band_key(m, band));
    sqlite3_bind_int(s, STORE_MH_BANDS + 1, STORE_BAND_CANDIDATES);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        int64_t k = sqlite3_column_int64(s, 0);
        size_t j = 0;
        while (j < n_cand && c[j].key != k) j++;
        if (j == n_cand) c[n_cand++] = (cand){k, 0};
        c[j].bands++;
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) return store_dberr(st, "near-duplicates");
    qsort(c, n_cand, sizeof *c, cand_cmp);
    if (n_cand > STORE_MAX_VERIFY) n_cand = STORE_MAX_VERIFY;
    double best = 0;
    for (size_t i = 0; i < n_cand; i++) {
        sqlite3_stmt *g =
            store_stmt(st, SQ_MINHASH_GET, "SELECT minhash, grp FROM stories WHERE key = ?");
        if (!g) return DYAD_EDB;
        sqlite3_bind_int64(g, 1, c[i].key);
        if (sqlite3_step(g) != SQLITE_ROW) continue;
        const unsigned char *b = sqlite3_column_blob(g, 0);
        if (!b || sqlite3_column_bytes(g, 0) != 4 * STORE_MH_K) continue;
        int same = 0;
        for (int k = 0; k < STORE_MH_K; k++) same += !memcmp(b + 4 * k, blob + 4 * k, 4);
        double sim = (double)same / STORE_MH_K;
        if (sim >= DYAD_STORE_NEAR_DUP && sim > best) {
            best = sim;
            *group = sqlite3_column_int64(g, 1);
        }
        sqlite3_reset(g);
    }
    return DYAD_OK;
}

/* --- adding -------------------------------------------------------------------------- */

static void bind_opt_text(sqlite3_stmt *s, int i, const char *v) {
    store_bind_text(s, i, v && *v ? v : NULL);
}

/* Binds the STORE_PLACE_NCOLS place columns of e from parameter i on. */
/* Binds an actor's place to its STORE_ACTOR_PLACE_NCOLS parameters from i on (NULLs for
 * none). */
static void bind_actor_place(sqlite3_stmt *s, int i, const dyad_place *p) {
    if (p->precision < DYAD_GEO_COUNTRY || p->precision > DYAD_GEO_CITY) {
        for (int k = 0; k < STORE_ACTOR_PLACE_NCOLS; k++) sqlite3_bind_null(s, i + k);
        return;
    }
    store_bind_text(s, i, store_geo_precision[p->precision]);
    bind_opt_text(s, i + 1, p->country);
    bind_opt_text(s, i + 2, p->country2);
    bind_opt_text(s, i + 3, p->adm1);
    bind_opt_text(s, i + 4, p->region);
    bind_opt_text(s, i + 5, p->name);
    bind_opt_text(s, i + 6, p->full_name);
    sqlite3_bind_double(s, i + 7, p->lat);
    sqlite3_bind_double(s, i + 8, p->lon);
    if (p->feature_id) sqlite3_bind_int64(s, i + 9, p->feature_id);
    else sqlite3_bind_null(s, i + 9);
    bind_opt_text(s, i + 10, p->text);
    bind_opt_text(s, i + 11, p->from);
    if (p->span.end > p->span.start) {
        sqlite3_bind_int64(s, i + 12, p->span.start);
        sqlite3_bind_int64(s, i + 13, p->span.end);
    } else {
        sqlite3_bind_null(s, i + 12);
        sqlite3_bind_null(s, i + 13);
    }
}

static void bind_place(sqlite3_stmt *s, int i, const dyad_event *e) {
    int dp = e->date_precision;
    store_bind_text(s, i, e->date ? store_date_precision[dp >= 0 && dp <= 2 ? dp : 0] : NULL);
    const dyad_place *p = &e->place;
    if (p->precision < DYAD_GEO_COUNTRY || p->precision > DYAD_GEO_CITY) {
        for (int k = 1; k < STORE_PLACE_NCOLS; k++) sqlite3_bind_null(s, i + k);
        return;
    }
    store_bind_text(s, i + 1, store_geo_precision[p->precision]);
    bind_opt_text(s, i + 2, p->country2);
    bind_opt_text(s, i + 3, p->adm1);
    bind_opt_text(s, i + 4, p->region);
    bind_opt_text(s, i + 5, p->name);
    bind_opt_text(s, i + 6, p->full_name);
    sqlite3_bind_double(s, i + 7, p->lat);
    sqlite3_bind_double(s, i + 8, p->lon);
    if (p->feature_id) sqlite3_bind_int64(s, i + 9, p->feature_id);
    else sqlite3_bind_null(s, i + 9);
    bind_opt_text(s, i + 10, p->from);
    if (p->span.end > p->span.start) {
        sqlite3_bind_int64(s, i + 11, p->span.start);
        sqlite3_bind_int64(s, i + 12, p->span.end);
    } else {
        sqlite3_bind_null(s, i + 11);
        sqlite3_bind_null(s, i + 12);
    }
}

/* Column i of s: borrowed from the statement, or copied into a when a is not NULL. */
static const char *col_text(sqlite3_stmt *s, int i, arena *a) {
    const unsigned char *t = sqlite3_column_text(s, i);
    if (!t || !a) return (const char *)t;
    return arena_strndup(a, (const char *)t, (size_t)sqlite3_column_bytes(s, i));
}

/* Reads an actor's place from its STORE_ACTOR_PLACE_NCOLS columns from i on. */
static void read_actor_place(sqlite3_stmt *s, int i, arena *a, dyad_place *p) {
    memset(p, 0, sizeof *p);
    const char *gp = (const char *)sqlite3_column_text(s, i);
    for (int k = DYAD_GEO_COUNTRY; gp && k <= DYAD_GEO_CITY; k++)
        if (!strcmp(gp, store_geo_precision[k])) p->precision = k;
    if (!p->precision) return;
    p->country = col_text(s, i + 1, a);
    p->country2 = col_text(s, i + 2, a);
    p->adm1 = col_text(s, i + 3, a);
    p->region = col_text(s, i + 4, a);
    p->name = col_text(s, i + 5, a);
    p->full_name = col_text(s, i + 6, a);
    p->lat = sqlite3_column_double(s, i + 7);
    p->lon = sqlite3_column_double(s, i + 8);
    p->feature_id = (uint32_t)sqlite3_column_int64(s, i + 9);
    p->text = col_text(s, i + 10, a);
    p->from = col_text(s, i + 11, a);
    p->span.start = (uint32_t)sqlite3_column_int64(s, i + 12);
    p->span.end = (uint32_t)sqlite3_column_int64(s, i + 13);
}

void store_read_place(sqlite3_stmt *s, int i, arena *a, dyad_event *e) {
    read_actor_place(s, i + STORE_PLACE_NCOLS, a, &e->source_place);
    read_actor_place(s, i + STORE_PLACE_NCOLS + STORE_ACTOR_PLACE_NCOLS, a, &e->target_place);
    const char *dp = (const char *)sqlite3_column_text(s, i);
    e->date_precision = DYAD_DATE_DAY;
    for (int k = 0; dp && k < 3; k++)
        if (!strcmp(dp, store_date_precision[k])) e->date_precision = k;
    memset(&e->place, 0, sizeof e->place);
    const char *gp = (const char *)sqlite3_column_text(s, i + 1);
    for (int k = DYAD_GEO_COUNTRY; gp && k <= DYAD_GEO_CITY; k++)
        if (!strcmp(gp, store_geo_precision[k])) e->place.precision = k;
    if (!e->place.precision) return;
    dyad_place *p = &e->place;
    p->text = e->location;
    p->country = e->location_country;
    p->country2 = col_text(s, i + 2, a);
    p->adm1 = col_text(s, i + 3, a);
    p->region = col_text(s, i + 4, a);
    p->name = col_text(s, i + 5, a);
    p->full_name = col_text(s, i + 6, a);
    p->lat = sqlite3_column_double(s, i + 7);
    p->lon = sqlite3_column_double(s, i + 8);
    p->feature_id = (uint32_t)sqlite3_column_int64(s, i + 9);
    p->from = col_text(s, i + 10, a);
    p->span.start = (uint32_t)sqlite3_column_int64(s, i + 11);
    p->span.end = (uint32_t)sqlite3_column_int64(s, i + 12);
}

int store_insert_events(dyad_store *st, int64_t story_key, int64_t group, const dyad_event *ev,
                        size_t n) {
    dyad_buf rules = {0};
    int rc = DYAD_OK;
    for (size_t i = 0; i < n && !rc; i++) {
        const dyad_event *e = &ev[i];
        sqlite3_stmt *s = store_stmt(
            st, SQ_EVENT_INSERT,
            "INSERT INTO events(story_key, grp, sentence, date, source, source_text, target,"
            " target_text, code, root, quad_class, goldstein, location, location_country,"
            " source_start, source_end, verb_start, verb_end, target_start, target_end, rules,"
            " date_precision, location_precision, location_country2, location_adm1,"
            " location_region, location_name, location_full_name, location_lat, location_lon,"
            " location_feature_id, location_from, location_start, location_end, "
            ACTOR_PLACE_SELECT("source_place_") ", " ACTOR_PLACE_SELECT("target_place_") ")"
            " VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,"
            "?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
        if (!s) {
            rc = DYAD_EDB;
            break;
        }
        if ((rc = store_rules_keys(st, e->rules, e->n_rules, &rules))) break;
        sqlite3_bind_int64(s, 1, story_key);
        sqlite3_bind_int64(s, 2, group);
        sqlite3_bind_int64(s, 3, e->sentence);
        sqlite3_bind_int(s, 4, e->date);
        store_bind_text(s, 5, e->source);
        store_bind_text(s, 6, e->source_text);
        store_bind_text(s, 7, e->target);
        store_bind_text(s, 8, e->target_text);
        store_bind_text(s, 9, e->code);
        sqlite3_bind_int(s, 10, e->root);
        sqlite3_bind_int(s, 11, e->quad_class);
        sqlite3_bind_double(s, 12, e->goldstein);
        store_bind_text(s, 13, e->location);
        store_bind_text(s, 14, e->location_country);
        sqlite3_bind_int64(s, 15, e->source_span.start);
        sqlite3_bind_int64(s, 16, e->source_span.end);
        sqlite3_bind_int64(s, 17, e->verb_span.start);
        sqlite3_bind_int64(s, 18, e->verb_span.end);
        sqlite3_bind_int64(s, 19, e->target_span.start);
        sqlite3_bind_int64(s, 20, e->target_span.end);
        sqlite3_bind_text(s, 21, rules.data, (int)rules.len, SQLITE_STATIC);
        bind_place(s, 22, e);
        bind_actor_place(s, 22 + STORE_PLACE_NCOLS, &e->source_place);
        bind_actor_place(s, 22 + STORE_PLACE_NCOLS + STORE_ACTOR_PLACE_NCOLS, &e->target_place);
        if (sqlite3_step(s) != SQLITE_DONE) rc = store_dberr(st, "storing an event");
        sqlite3_reset(s);
    }
    dyad_buf_free(&rules);
    return rc;
}

/* Looks a key up by one bound value; 0 if absent. */
static int lookup_key(dyad_store *st, enum store_stmt slot, const char *sql, const char *text,
                      int64_t num, int64_t *key) {
    sqlite3_stmt *s = store_stmt(st, slot, sql);
    if (!s) return DYAD_EDB;
    if (text) sqlite3_bind_text(s, 1, text, -1, SQLITE_STATIC);
    else sqlite3_bind_int64(s, 1, num);
    int rc = sqlite3_step(s);
    *key = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    sqlite3_reset(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return store_dberr(st, "looking a story up");
    return DYAD_OK;
}

/* The key a new story gets, so that a story that starts a group is inserted with its
 * own key as its group (rather than updated after: a second write of the row and of
 * stories_grp). */
#define NEXT_KEY "(SELECT coalesce(max(key), 0) + 1 FROM stories)"

/* A story whose id is stored under key: a duplicate when its cleaned body is the
 * stored one's (a rerun), refused when it differs (two stories under one id, never
 * dropped in silence: the store's message names where the stored one came from). */
static int same_id(dyad_store *st, int64_t key, int64_t hash,
                   dyad_store_result *result) {
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(st->db, "SELECT content_hash, file, line FROM stories WHERE key = ?",
                           -1, &q, NULL) != SQLITE_OK)
        return store_dberr(st, "looking a story up");
    sqlite3_bind_int64(q, 1, key);
    int rc = sqlite3_step(q);
    if (rc != SQLITE_ROW) {
        rc = store_dberr(st, "looking a story up");
        sqlite3_finalize(q);
        return rc;
    }
    if (sqlite3_column_int64(q, 0) == hash) {
        *result = DYAD_STORE_DUPLICATE_ID;
    } else {
        const char *file = (const char *)sqlite3_column_text(q, 1);
        *result = DYAD_STORE_CONFLICT_ID;
        store_fail(st, DYAD_OK, "its id is that of a stored story (from %s:%lld) with another"
                   " text; give one of the two another id", file && *file ? file : "?",
                   (long long)sqlite3_column_int64(q, 2));
    }
    sqlite3_finalize(q);
    return DYAD_OK;
}

/* Records story s, refused for the id conflict st->err describes, among the discards
 * (keeping that message as the error). */
static int record_conflict(dyad_store *st, const dyad_story *s) {
    char why[sizeof st->err];
    memcpy(why, st->err, sizeof why);
    dyad_store_discard d = {s->id, s->file ? s->file : "", s->line, -1, DYAD_DISCARD_ID_CONFLICT,
                            why, s->date, s->headline};
    int rc = store_discard_insert(st, &d);
    if (!rc) memcpy(st->err, why, sizeof why);
    return rc;
}

static int add_story(dyad_store *st, const dyad_story *s, const dyad_event *ev, size_t n_ev,
                     const char *dict_version, dyad_store_result *result) {
    int64_t key;
    int rc = lookup_key(st, SQ_STORY_BY_ID, "SELECT key FROM stories WHERE id = ?", s->id, 0, &key);
    if (rc) return rc;
    int64_t hash = (int64_t)store_body_hash(s);
    if (key) {
        if ((rc = same_id(st, key, hash, result))) return rc;
        return *result == DYAD_STORE_CONFLICT_ID ? record_conflict(st, s) : DYAD_OK;
    }
    if ((rc = lookup_key(st, SQ_STORY_BY_HASH, "SELECT key FROM stories WHERE content_hash = ?",
                         NULL, hash, &key)))
        return rc;
    if (key) {
        *result = DYAD_STORE_DUPLICATE_TEXT;
        return DYAD_OK;
    }
    store_minhash *m = malloc(sizeof *m);
    if (!m) return DYAD_ENOMEM;
    unsigned char blob[4 * STORE_MH_K];
    int has_words = store_minhash_story(s, m);
    int64_t group = 0;
    if (has_words) {
        store_minhash_blob(m, blob);
        if ((rc = find_group(st, m, blob, &group))) goto out;
    }
    sqlite3_stmt *q = store_stmt(
        st, SQ_STORY_INSERT,
        "INSERT INTO stories(key, id, file, line, date, headline, dateline_place,"
        " dateline_agency, url, publisher, text, invalid_bytes, skipped_sentences,"
        " content_hash, minhash, grp, dict_version) VALUES(" NEXT_KEY ",?,?,?,?,?,?,?,?,?,"
        "?,?,?,?,?,coalesce(nullif(?15, 0), " NEXT_KEY "),?)");
    if (!q) {
        rc = DYAD_EDB;
        goto out;
    }
    store_bind_text(q, 1, s->id);
    store_bind_text(q, 2, s->file);
    sqlite3_bind_int64(q, 3, (int64_t)s->line);
    sqlite3_bind_int(q, 4, s->date);
    store_bind_text(q, 5, s->headline);
    store_bind_text(q, 6, s->dateline_place);
    store_bind_text(q, 7, s->dateline_agency);
    store_bind_text(q, 8, s->url);
    store_bind_text(q, 9, s->publisher);
    sqlite3_bind_text(q, 10, s->text ? s->text : "", (int)s->text_len, SQLITE_STATIC);
    sqlite3_bind_int64(q, 11, (int64_t)s->invalid_bytes);
    sqlite3_bind_int64(q, 12, (int64_t)s->skipped_sentences);
    sqlite3_bind_int64(q, 13, hash);
    if (has_words) sqlite3_bind_blob(q, 14, blob, sizeof blob, SQLITE_STATIC);
    else sqlite3_bind_null(q, 14);
    sqlite3_bind_int64(q, 15, group);
    store_bind_text(q, 16, dict_version);
    rc = sqlite3_step(q);
    sqlite3_reset(q);
    if (rc != SQLITE_DONE) {
        rc = store_dberr(st, "storing a story");
        goto out;
    }
    rc = DYAD_OK;
    key = sqlite3_last_insert_rowid(st->db);
    if (!group) group = key;
    sqlite3_stmt *d = store_stmt(st, SQ_DAY_COUNT,
                                 "INSERT INTO days(date, n_stories, n_groups) VALUES(?, 1, ?)"
                                 " ON CONFLICT(date) DO UPDATE SET n_stories = n_stories + 1,"
                                 " n_groups = n_groups + excluded.n_groups");
    if (!d) {
        rc = DYAD_EDB;
        goto out;
    }
    sqlite3_bind_int(d, 1, s->date);
    sqlite3_bind_int(d, 2, group == key);
    if (sqlite3_step(d) != SQLITE_DONE) rc = store_dberr(st, "storing a story");
    sqlite3_reset(d);
    if (rc) goto out;
    if (has_words) {
        sqlite3_stmt *u = store_stmt(st, SQ_LSH_INSERT, LSH_INSERT_SQL);
        if (!u) {
            rc = DYAD_EDB;
            goto out;
        }
        for (int band = 0; band < STORE_MH_BANDS; band++)
            sqlite3_bind_int64(u, band + 1, store_band_key(m, band));
        sqlite3_bind_int64(u, STORE_MH_BANDS + 1, key);
        if (sqlite3_step(u) != SQLITE_DONE) rc = store_dberr(st, "storing a story");
        sqlite3_reset(u);
        if (rc) goto out;
    }
    for (size_t i = 0; i < s->n_sentences; i++) {
        const dyad_sentence *se = &s->sentences[i];
        sqlite3_stmt *u = store_stmt(st, SQ_SENT_INSERT,
                                     "INSERT INTO sentences(story_key, idx, span_start, span_end,"
                                     " text, date, flags) VALUES(?,?,?,?,?,?,?)");
        if (!u) {
            rc = DYAD_EDB;
            goto out;
        }
        sqlite3_bind_int64(u, 1, key);
        sqlite3_bind_int64(u, 2, se->index);
        sqlite3_bind_int64(u, 3, se->start);
        sqlite3_bind_int64(u, 4, se->end);
        sqlite3_bind_text(u, 5, se->text ? se->text : "", (int)se->text_len, SQLITE_STATIC);
        sqlite3_bind_int(u, 6, se->date);
        sqlite3_bind_int(u, 7, (int)se->flags);
        if (sqlite3_step(u) != SQLITE_DONE) rc = store_dberr(st, "storing a sentence");
        sqlite3_reset(u);
        if (rc) goto out;
        if (!st->fts_from) st->fts_from = sqlite3_last_insert_rowid(st->db);
    }
    if ((rc = store_discards_of_added(st, s))) goto out;
    agg_change *ac;
    if ((rc = agg_change_begin(st, &ac, key, group, 0, group == key, ev, n_ev))) goto out;
    rc = store_insert_events(st, key, group, ev, n_ev);
    if (rc) agg_change_free(ac);
    else rc = agg_change_end(st, ac, ev, n_ev);
    if (!rc) *result = DYAD_STORE_ADDED;
out:
    free(m);
    return rc;
}

int dyad_store_add(dyad_store *st, const dyad_story *s, const dyad_event *events, size_t n_events,
                   const char *dict_version, dyad_store_result *result) {
    if (st && st->pg) return pg_add(st, s, events, n_events, dict_version, result);
    dyad_store_result dummy;
    if (!result) result = &dummy;
    int rc = writable(st);
    if (rc) return rc;
    if (!s || !s->id || !*s->id || (n_events && !events))
        return store_fail(st, DYAD_EINVAL, "a story needs an id");
    for (size_t i = 0; i < n_events; i++)
        if (events[i].sentence >= s->n_sentences && s->n_sentences)
            return store_fail(st, DYAD_EINVAL, "story %s: event %zu names sentence %u of %zu",
                              s->id, i, events[i].sentence, s->n_sentences);
    /* Alone, a story is a transaction of its own. In a batch a failure rolls the whole
     * batch back: a savepoint per story would copy every page it touches. */
    if (!st->in_batch) {
        store_pending_discard(st);
        if ((rc = store_exec(st, "BEGIN IMMEDIATE"))) return rc;
    }
    rc = add_story(st, s, events, n_events, dict_version, result);
    if (!rc && dict_version && *result == DYAD_STORE_ADDED && strcmp(st->meta_ver, dict_version)) {
        rc = store_set_meta(st, "dict_version", dict_version);
        if (!rc) snprintf(st->meta_ver, sizeof st->meta_ver, "%s", dict_version);
    }
    if (rc) {
        store_rollback(st);
        st->in_batch = 0;
        st->meta_ver[0] = '\0';
        return rc;
    }
    if (st->in_batch) return DYAD_OK;
    return store_commit(st);
}

int dyad_store_discard_add(dyad_store *st, const dyad_store_discard *d) {
    if (st && st->pg) return pg_discard_add(st, d);
    int rc = writable(st);
    if (rc) return rc;
    if (!d || !d->file || !d->reason || !*d->reason)
        return store_fail(st, DYAD_EINVAL, "a discard needs a file and a reason");
    if (st->recoding) return store_discard_insert(st, d); /* recode.c undoes its batch */
    if (!st->in_batch) {
        store_pending_discard(st);
        if ((rc = store_exec(st, "BEGIN IMMEDIATE"))) return rc;
    }
    rc = store_discard_insert(st, d);
    if (rc) {
        store_rollback(st);
        st->in_batch = 0;
        st->meta_ver[0] = '\0';
        return rc;
    }
    return st->in_batch ? DYAD_OK : store_commit(st);
}

int dyad_store_has_story(dyad_store *st, const char *id) {
    if (st && st->pg) return id ? pg_has_story(st, id) : DYAD_EINVAL;
    if (!st || !st->db || !id) return DYAD_EINVAL;
    int64_t key;
    int rc = lookup_key(st, SQ_STORY_BY_ID, "SELECT key FROM stories WHERE id = ?", id, 0, &key);
    return rc ? rc : key != 0;
}

static int count_of(dyad_store *st, const char *sql, uint64_t *out) {
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) return store_dberr(st, sql);
    int rc = sqlite3_step(s);
    *out = rc == SQLITE_ROW ? (uint64_t)sqlite3_column_int64(s, 0) : 0;
    sqlite3_finalize(s);
    return rc == SQLITE_ROW ? DYAD_OK : store_dberr(st, sql);
}

int dyad_store_get_info(dyad_store *st, dyad_store_info *info) {
    if (st && st->pg) return info ? pg_get_info(st, info) : DYAD_EINVAL;
    if (!st || !st->db || !info) return DYAD_EINVAL;
    memset(info, 0, sizeof *info);
    int rc = read_version(st, &info->schema_version);
    if (!rc) rc = count_of(st, "SELECT count(*) FROM stories", &info->stories);
    if (!rc) rc = count_of(st, "SELECT total(n_groups) FROM days", &info->groups);
    if (!rc) rc = count_of(st, "SELECT count(*) FROM sentences", &info->sentences);
    if (!rc) rc = count_of(st, "SELECT count(*) FROM events", &info->events);
    if (!rc) rc = store_meta_text(st, "dict_version", st->info_ver, sizeof st->info_ver);
    if (!rc) rc = store_meta_text(st, "previous_dict_version", st->info_prev, sizeof st->info_prev);
    info->dict_version = st->info_ver;
    info->previous_dict_version = st->info_prev;
    return rc;
}

/* --- loading back ------------------------------------------------------------------ */

static const char *col_dup(arena *a, sqlite3_stmt *s, int i) {
    const unsigned char *t = sqlite3_column_text(s, i);
    if (!t) return NULL;
    return arena_strndup(a, (const char *)t, (size_t)sqlite3_column_bytes(s, i));
}

int store_load_story(dyad_store *st, int64_t key, arena *a, dyad_story *s, int64_t *group,
                     const char **dict_version) {
    memset(s, 0, sizeof *s);
    sqlite3_stmt *q = store_stmt(st, SQ_STORY_LOAD,
                                 "SELECT id, file, line, date, headline, dateline_place,"
                                 " dateline_agency, url, publisher, text, invalid_bytes,"
                                 " skipped_sentences, grp, dict_version FROM stories WHERE key = ?");
    if (!q) return DYAD_EDB;
    sqlite3_bind_int64(q, 1, key);
    int rc = sqlite3_step(q);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(q);
        return rc == SQLITE_DONE ? DYAD_ENOTFOUND : store_dberr(st, "loading a story");
    }
    s->id = col_dup(a, q, 0);
    s->file = col_dup(a, q, 1);
    s->line = (uint64_t)sqlite3_column_int64(q, 2);
    s->date = sqlite3_column_int(q, 3);
    s->headline = col_dup(a, q, 4);
    s->dateline_place = col_dup(a, q, 5);
    s->dateline_agency = col_dup(a, q, 6);
    s->url = col_dup(a, q, 7);
    s->publisher = col_dup(a, q, 8);
    s->text = col_dup(a, q, 9);
    s->text_len = (size_t)sqlite3_column_bytes(q, 9);
    s->invalid_bytes = (size_t)sqlite3_column_int64(q, 10);
    s->skipped_sentences = (size_t)sqlite3_column_int64(q, 11);
    if (group) *group = sqlite3_column_int64(q, 12);
    if (dict_version) *dict_version = col_dup(a, q, 13);
    sqlite3_reset(q);
    if (!s->id || !s->text) return DYAD_ENOMEM;

    sqlite3_stmt *c = store_stmt(st, SQ_SENT_LOAD,
                                 "SELECT idx, span_start, span_end, text, date, flags FROM sentences"
                                 " WHERE story_key = ? ORDER BY idx");
    if (!c) return DYAD_EDB;
    sqlite3_bind_int64(c, 1, key);
    size_t cap = 16, n = 0;
    dyad_sentence *se = arena_calloc(a, cap, sizeof *se);
    while (se && (rc = sqlite3_step(c)) == SQLITE_ROW) {
        if (!(se = arena_grow(a, se, n, &cap, sizeof *se))) break;
        dyad_sentence *x = &se[n++];
        x->index = (uint32_t)sqlite3_column_int64(c, 0);
        x->start = (uint32_t)sqlite3_column_int64(c, 1);
        x->end = (uint32_t)sqlite3_column_int64(c, 2);
        x->text = col_dup(a, c, 3);
        x->text_len = (size_t)sqlite3_column_bytes(c, 3);
        x->date = sqlite3_column_int(c, 4);
        x->flags = (unsigned)sqlite3_column_int(c, 5);
        if (!x->text) se = NULL;
    }
    sqlite3_reset(c);
    if (!se) return DYAD_ENOMEM;
    if (rc != SQLITE_DONE) return store_dberr(st, "loading sentences");
    s->sentences = se;
    s->n_sentences = n;
    return DYAD_OK;
}

int store_load_events(dyad_store *st, int64_t key, const char *story_id, const dyad_story *s,
                      arena *a, dyad_event **out, size_t *n_out) {
    *out = NULL;
    *n_out = 0;
#define EVENTS_OF_STORY(places)                                                              \
    "SELECT sentence, date, source, source_text, target, target_text, code, root,"           \
    " quad_class, goldstein, location, location_country, source_start, source_end,"          \
    " verb_start, verb_end, target_start, target_end, rules, " places " FROM events e"       \
    " WHERE story_key = ? ORDER BY sentence, id"
    sqlite3_stmt *q = store_stmt(st, SQ_EVENTS_OF_STORY,
                                 st->version >= 8   ? EVENTS_OF_STORY(STORE_PLACE_COLS ", " STORE_ACTOR_PLACE_COLS)
                                 : st->version >= 4 ? EVENTS_OF_STORY(STORE_PLACE_COLS ", " STORE_ACTOR_PLACE_COLS_V7)
                                                    : EVENTS_OF_STORY(STORE_PLACE_COLS_V3 ", " STORE_ACTOR_PLACE_COLS_V7));
    if (!q) return DYAD_EDB;
    sqlite3_bind_int64(q, 1, key);
    size_t cap = 8, n = 0;
    dyad_event *ev = arena_calloc(a, cap, sizeof *ev);
    int rc;
    while (ev && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        if (!(ev = arena_grow(a, ev, n, &cap, sizeof *ev))) break;
        dyad_event *e = &ev[n++];
        e->story = story_id;
        e->sentence = (uint32_t)sqlite3_column_int64(q, 0);
        e->date = sqlite3_column_int(q, 1);
        snprintf(e->source, sizeof e->source, "%s", (const char *)sqlite3_column_text(q, 2));
        e->source_text = col_dup(a, q, 3);
        snprintf(e->target, sizeof e->target, "%s", (const char *)sqlite3_column_text(q, 4));
        e->target_text = col_dup(a, q, 5);
        snprintf(e->code, sizeof e->code, "%s", (const char *)sqlite3_column_text(q, 6));
        e->root = sqlite3_column_int(q, 7);
        e->quad_class = sqlite3_column_int(q, 8);
        e->goldstein = sqlite3_column_double(q, 9);
        e->location = col_dup(a, q, 10);
        e->location_country = col_dup(a, q, 11);
        e->source_span.start = (uint32_t)sqlite3_column_int64(q, 12);
        e->source_span.end = (uint32_t)sqlite3_column_int64(q, 13);
        e->verb_span.start = (uint32_t)sqlite3_column_int64(q, 14);
        e->verb_span.end = (uint32_t)sqlite3_column_int64(q, 15);
        e->target_span.start = (uint32_t)sqlite3_column_int64(q, 16);
        e->target_span.end = (uint32_t)sqlite3_column_int64(q, 17);
        store_read_place(q, 19, a, e);
        for (size_t i = 0; i < s->n_sentences; i++)
            if (s->sentences[i].index == e->sentence) e->text = s->sentences[i].text;
        if (store_rules_parse(st, (const char *)sqlite3_column_text(q, 18), a, &e->rules, &e->n_rules) ==
            DYAD_ENOMEM)
            ev = NULL;
    }
    sqlite3_reset(q);
    if (!ev) return DYAD_ENOMEM;
    if (rc != SQLITE_DONE) return store_dberr(st, "loading events");
    *out = ev;
    *n_out = n;
    return DYAD_OK;
}
