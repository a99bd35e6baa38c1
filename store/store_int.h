/* store_int.h: what the store's files share: the handle, and the helpers of each layer.
 * The layers, each calling only those below it: db.c (errors, statements, meta, dates)
 * and sketch.c (content hash, MinHash); rulecache.c (the rules rows in memory); agg.c,
 * rules.c, discard.c and pg.c (the PostgreSQL backend); store.c (open, schema, batches,
 * adding); query.c, recode.c and check.c. The
 * public functions of the upper files hand a PostgreSQL handle (st->pg) to pg.c. */
#ifndef DYAD_STORE_INT_H
#define DYAD_STORE_INT_H

#include "internal.h"

#include <sqlite3.h>

/* Cached prepared statements, one slot each. */
enum store_stmt {
    SQ_STORY_BY_ID, SQ_STORY_BY_HASH, SQ_STORY_INSERT, SQ_LSH_FIND,
    SQ_LSH_INSERT, SQ_MINHASH_GET, SQ_SENT_INSERT, SQ_FTS_INSERT, SQ_EVENT_INSERT,
    SQ_EVENT_FETCH, SQ_EVENT_COUNTS, SQ_DAY_COUNT, SQ_STORY_LOAD, SQ_SENT_LOAD, SQ_EVENTS_OF_STORY,
    SQ_AGG_FIRST, SQ_AGG_GROUP, SQ_AGG_STORY, SQ_AGG_UPSERT, SQ_AGG_READ, SQ_RULE_FIND,
    SQ_RULE_INSERT, SQ_RULE_LOAD, SQ_DISCARD_INSERT, SQ_DISCARD_CLEAR, SQ_DISCARD_CLEAR_LIST,
    SQ_TOP_CODE_UPSERT, SQ_TOP_DYAD_UPSERT, SQ__COUNT
};

struct dyad_store {
    sqlite3 *db;                 /* NULL for a PostgreSQL store */
    struct pg_store *pg;         /* a PostgreSQL store (pg.c), else NULL */
    int readonly;
    int in_batch;
    int recoding;                /* inside dyad_store_recode's transaction: discards are
                                  * written in it */
    char err[1024];
    char *name;                  /* a SQLite store's path (dyad_store_name) */
    sqlite3_stmt *stmt[SQ__COUNT];
    char info_ver[256], info_prev[256];
    char meta_ver[256]; /* dict_version last written to meta by this handle */
    int has_agg;                 /* the dyad_agg table exists (schema version >= 2) */
    int version;                 /* the schema version of the file (after any migration) */
    struct agg_pending *agg;     /* aggregate deltas of the open transaction */
    int64_t fts_from;            /* first sentence id of the open transaction not yet in
                                  * sentences_fts (0: none): indexed by one statement */
    struct rule_cache *rules;    /* rules rows seen by this handle (rules.c) */
    int rules_dirty;             /* rules rows inserted since the last commit */
};

/* --- schema version 3 --- */
/* FTS5 keeps up to this many bytes of new terms in memory before writing a segment: one
 * segment per ingest batch instead of dozens to merge (full-text indexing of the
 * benchmark corpus: 1.1 s of CPU with the default 1 MB, 0.3 s with this and no per-row
 * sizes, which only ranking reads). */
#define STORE_FTS_HASH_BYTES "67108864"
/* The rules table, the events_raw view that expands each event's keys into the entries,
 * in order, as the JSONL `rules` field writes them, and the full-text index of the
 * sentences (rebuilt when an older store is migrated). */
#define V3_SCHEMA                                                                            \
    "DROP TABLE IF EXISTS sentences_fts;\n"                                                  \
    "CREATE VIRTUAL TABLE sentences_fts USING fts5(text, content='sentences',\n"            \
    "  content_rowid='id', columnsize=0);\n"                                                 \
    "INSERT INTO sentences_fts(sentences_fts, rank) VALUES('hashsize', " STORE_FTS_HASH_BYTES ");\n" \
    "INSERT INTO sentences_fts(sentences_fts) VALUES('rebuild');\n"                          \
    "CREATE TABLE rules(key INTEGER PRIMARY KEY, kind TEXT NOT NULL, file TEXT NOT NULL,\n"  \
    "  line INTEGER NOT NULL, text TEXT NOT NULL, UNIQUE(kind, file, line, text));\n"      \
    "DROP VIEW IF EXISTS events_raw;\n"                                                      \
    "CREATE VIEW events_raw AS SELECT e.id AS id, s.id AS story, e.sentence AS sentence,\n"  \
    "  e.date AS date, e.source AS source, e.source_text AS source_text, e.target AS target,\n" \
    "  e.target_text AS target_text, e.code AS code, e.root AS root,\n"                     \
    "  e.quad_class AS quad_class, e.goldstein AS goldstein, e.location AS location,\n"     \
    "  e.location_country AS location_country, sn.text AS text,\n"                          \
    "  e.source_start AS source_start, e.source_end AS source_end, e.verb_start AS verb_start,\n" \
    "  e.verb_end AS verb_end, e.target_start AS target_start, e.target_end AS target_end,\n" \
    "  (SELECT json_group_array(json_object('kind', x.kind, 'file', x.file, 'line', x.line,\n" \
    "     'text', x.text)) FROM (SELECT r.kind, r.file, r.line, r.text FROM json_each(e.rules) j\n" \
    "     JOIN rules r ON r.key = j.value ORDER BY j.key) x) AS rules,\n"                     \
    "  e.grp AS story_group, s.publisher AS publisher, s.url AS url,\n"                     \
    "  s.dict_version AS dict_version\n"                                                     \
    "  FROM events e JOIN stories s ON s.key = e.story_key\n"                                \
    "  LEFT JOIN sentences sn ON sn.story_key = e.story_key AND sn.idx = e.sentence;\n"

/* --- schema version 4 --- */
/* Where each event happened (its place, as the JSONL `location` object has it) and how
 * precise its date is, for events and events_previous (V4_COLUMN_LIST, then V4_SCHEMA:
 * alpha-2 codes for the places older versions stored, indexes for the place filters and
 * the per-country map (covering: country, date and Goldstein value), events_raw). */
/* The columns version 4 adds to events and events_previous, in this order (store.c adds
 * those a table lacks). */
#define V4_COLUMN_LIST                                                                       \
    "date_precision TEXT", "location_precision TEXT", "location_country2 TEXT",             \
    "location_adm1 TEXT", "location_region TEXT", "location_name TEXT",                     \
    "location_full_name TEXT", "location_lat REAL", "location_lon REAL",                    \
    "location_feature_id INTEGER", "location_from TEXT", "location_start INTEGER",          \
    "location_end INTEGER"
/* The events' place columns as read back, in this order (NULLs for a store older than
 * version 4, read as it is). */
#define STORE_PLACE_COLS                                                                     \
    "e.date_precision, e.location_precision, e.location_country2, e.location_adm1,"         \
    " e.location_region, e.location_name, e.location_full_name, e.location_lat,"             \
    " e.location_lon, e.location_feature_id, e.location_from, e.location_start,"             \
    " e.location_end"
#define STORE_PLACE_COLS_V3                                                                  \
    "NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL"
#define STORE_PLACE_NCOLS 13
/* geo_agg: events per place country ('' for none) and month (date / 100: YYYYMM, 0 for
 * undated events): count, count with a Goldstein value, their sum in millionths (exact
 * sums, as dyad_agg's). Kept by triggers, so every way events change keeps it true. */
#define GEO_MICRO(x) "CAST(round(" x " * 1000000) AS INTEGER)"
#define GEO_ADD4(r)                                                                           \
    "INSERT INTO geo_agg VALUES(coalesce(" r ".location_country, ''), " r ".date / 100, 1,"   \
    " " r ".goldstein IS NOT NULL, coalesce(" GEO_MICRO(r ".goldstein") ", 0))"               \
    " ON CONFLICT DO UPDATE SET n = n + 1, ng = ng + excluded.ng, g = g + excluded.g;"
#define GEO_SUB4(r)                                                                           \
    "UPDATE geo_agg SET n = n - 1, ng = ng - (" r ".goldstein IS NOT NULL),"                 \
    " g = g - coalesce(" GEO_MICRO(r ".goldstein") ", 0)"                                     \
    " WHERE country = coalesce(" r ".location_country, '') AND month = " r ".date / 100;"
#define V4_SCHEMA                                                                            \
    "UPDATE events SET location_country2 = dyad_cc2(location_country)\n"                     \
    "  WHERE location_country IS NOT NULL;\n"                                                \
    "UPDATE events_previous SET location_country2 = dyad_cc2(location_country)\n"            \
    "  WHERE location_country IS NOT NULL;\n"                                                \
    "CREATE INDEX IF NOT EXISTS events_country ON events(location_country, date, goldstein);\n" \
    "CREATE INDEX IF NOT EXISTS events_latlon ON events(location_lat, location_lon);\n"      \
    "DROP TABLE IF EXISTS geo_agg;\n"                                                         \
    "CREATE TABLE geo_agg(country TEXT NOT NULL, month INTEGER NOT NULL,\n"                   \
    "  n INTEGER NOT NULL, ng INTEGER NOT NULL, g INTEGER NOT NULL,\n"                        \
    "  PRIMARY KEY(country, month)) WITHOUT ROWID;\n"                                         \
    "INSERT INTO geo_agg SELECT coalesce(location_country, ''), date / 100, count(*),\n"     \
    "  count(goldstein), coalesce(sum(" GEO_MICRO("goldstein") "), 0) FROM events GROUP BY 1, 2;\n" \
    "DROP TRIGGER IF EXISTS events_geo_insert;\n"                                            \
    "CREATE TRIGGER events_geo_insert AFTER INSERT ON events BEGIN " GEO_ADD4("new") " END;\n" \
    "DROP TRIGGER IF EXISTS events_geo_delete;\n"                                            \
    "CREATE TRIGGER events_geo_delete AFTER DELETE ON events BEGIN " GEO_SUB4("old") " END;\n" \
    "DROP TRIGGER IF EXISTS events_geo_update;\n"                                            \
    "CREATE TRIGGER events_geo_update AFTER UPDATE OF location_country, date, goldstein\n"   \
    "  ON events BEGIN " GEO_SUB4("old") " " GEO_ADD4("new") " END;\n"                       \
    "DROP VIEW IF EXISTS events_raw;\n"                                                      \
    "CREATE VIEW events_raw AS SELECT e.id AS id, s.id AS story, e.sentence AS sentence,\n"  \
    "  e.date AS date, e.date_precision AS date_precision, e.source AS source,\n"           \
    "  e.source_text AS source_text, e.target AS target,\n"                                  \
    "  e.target_text AS target_text, e.code AS code, e.root AS root,\n"                     \
    "  e.quad_class AS quad_class, e.goldstein AS goldstein, e.location AS location,\n"     \
    "  e.location_country AS location_country, e.location_country2 AS location_country2,\n" \
    "  e.location_precision AS location_precision, e.location_name AS location_name,\n"     \
    "  e.location_full_name AS location_full_name, e.location_adm1 AS location_adm1,\n"     \
    "  e.location_region AS location_region, e.location_lat AS location_lat,\n"             \
    "  e.location_lon AS location_lon, e.location_feature_id AS location_feature_id,\n"     \
    "  e.location_from AS location_from, sn.text AS text,\n"                                 \
    "  e.source_start AS source_start, e.source_end AS source_end, e.verb_start AS verb_start,\n" \
    "  e.verb_end AS verb_end, e.target_start AS target_start, e.target_end AS target_end,\n" \
    "  (SELECT json_group_array(json_object('kind', x.kind, 'file', x.file, 'line', x.line,\n" \
    "     'text', x.text)) FROM (SELECT r.kind, r.file, r.line, r.text FROM json_each(e.rules) j\n" \
    "     JOIN rules r ON r.key = j.value ORDER BY j.key) x) AS rules,\n"                     \
    "  e.grp AS story_group, s.publisher AS publisher, s.url AS url,\n"                     \
    "  s.dict_version AS dict_version\n"                                                     \
    "  FROM events e JOIN stories s ON s.key = e.story_key\n"                                \
    "  LEFT JOIN sentences sn ON sn.story_key = e.story_key AND sn.idx = e.sentence;\n"

/* Schema version 5: geo_agg by QuadClass too (quad: 1-4, 0 for none), so a map filtered
 * by QuadClass (code "quad:N") reads it instead of scanning the events; and the covering
 * indexes events_adm1 and events_grid for the ADM1 and grid maps. */
#define GEO_QUAD(r) "coalesce(" r ".quad_class, 0)"
#define GEO_ADD(r)                                                                           \
    "INSERT INTO geo_agg VALUES(coalesce(" r ".location_country, ''), " r ".date / 100, "     \
    GEO_QUAD(r) ", 1, " r ".goldstein IS NOT NULL, coalesce(" GEO_MICRO(r ".goldstein") ", 0))" \
    " ON CONFLICT DO UPDATE SET n = n + 1, ng = ng + excluded.ng, g = g + excluded.g;"
#define GEO_SUB(r)                                                                           \
    "UPDATE geo_agg SET n = n - 1, ng = ng - (" r ".goldstein IS NOT NULL),"                 \
    " g = g - coalesce(" GEO_MICRO(r ".goldstein") ", 0)"                                     \
    " WHERE country = coalesce(" r ".location_country, '') AND month = " r ".date / 100"      \
    " AND quad = " GEO_QUAD(r) ";"
#define V5_SCHEMA                                                                            \
    "DROP TABLE IF EXISTS geo_agg;\n"                                                         \
    "CREATE TABLE geo_agg(country TEXT NOT NULL, month INTEGER NOT NULL,\n"                   \
    "  quad INTEGER NOT NULL, n INTEGER NOT NULL, ng INTEGER NOT NULL, g INTEGER NOT NULL,\n" \
    "  PRIMARY KEY(country, month, quad)) WITHOUT ROWID;\n"                                  \
    "INSERT INTO geo_agg SELECT coalesce(location_country, ''), date / 100,\n"               \
    "  coalesce(quad_class, 0), count(*), count(goldstein),\n"                               \
    "  coalesce(sum(" GEO_MICRO("goldstein") "), 0) FROM events GROUP BY 1, 2, 3;\n"         \
    "DROP TRIGGER IF EXISTS events_geo_insert;\n"                                            \
    "CREATE TRIGGER events_geo_insert AFTER INSERT ON events BEGIN " GEO_ADD("new") " END;\n" \
    "DROP TRIGGER IF EXISTS events_geo_delete;\n"                                            \
    "CREATE TRIGGER events_geo_delete AFTER DELETE ON events BEGIN " GEO_SUB("old") " END;\n" \
    "DROP TRIGGER IF EXISTS events_geo_update;\n"                                            \
    "CREATE TRIGGER events_geo_update AFTER UPDATE OF location_country, date, goldstein,\n"  \
    "  quad_class ON events BEGIN " GEO_SUB("old") " " GEO_ADD("new") " END;\n"             \
    "CREATE INDEX IF NOT EXISTS events_adm1 ON events(location_adm1, date, quad_class,\n"    \
    "  goldstein);\n"                                                                        \
    "CREATE INDEX IF NOT EXISTS events_grid ON events(date, location_lat, location_lon,\n"   \
    "  quad_class, goldstein);\n"

/* Schema version 6: discards, every input read but not coded, with its reason
 * (discard.c). sentence -1 is the whole story; (story, file, line, sentence) is unique,
 * so a rerun replaces its rows, and its index serves a story's discards. */
#define V6_SCHEMA                                                                            \
    "CREATE TABLE IF NOT EXISTS discards(key INTEGER PRIMARY KEY, story TEXT NOT NULL,\n"    \
    "  file TEXT NOT NULL, line INTEGER NOT NULL, sentence INTEGER NOT NULL,\n"             \
    "  reason TEXT NOT NULL, detail TEXT, date INTEGER NOT NULL DEFAULT 0, headline TEXT,\n" \
    "  added TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),\n"              \
    "  UNIQUE(story, file, line, sentence));\n"

/* Schema version 7: geo_cells, events per month, QuadClass (0 for none), place country,
 * ADM1 region ('' for none) and one-degree grid cell (row * 361 + column of the cell's
 * south-west corner counted from -90, -180, as the grid map counts them; -1 for no
 * point): count, count with a Goldstein value, their sum in millionths. Kept by triggers
 * as geo_agg is, it answers the region map and grid maps of whole degrees for a query of
 * dates, a country and a QuadClass. */
#define GEO_CELL(r)                                                                          \
    "CASE WHEN " r ".location_lat IS NULL OR " r ".location_lon IS NULL THEN -1 ELSE"        \
    " CAST((" r ".location_lat + 90) * 1000000 / 1000000 AS INTEGER) * 361 +"                \
    " CAST((" r ".location_lon + 180) * 1000000 / 1000000 AS INTEGER) END"
#define GEO_CELL_KEY(r)                                                                      \
    r ".date / 100, " GEO_QUAD(r) ", coalesce(" r ".location_country, ''),"                  \
    " coalesce(" r ".location_adm1, ''), " GEO_CELL(r)
#define GEO_CELL_ADD(r)                                                                      \
    "INSERT INTO geo_cells VALUES(" GEO_CELL_KEY(r) ", 1, " r ".goldstein IS NOT NULL,"      \
    " coalesce(" GEO_MICRO(r ".goldstein") ", 0))"                                            \
    " ON CONFLICT DO UPDATE SET n = n + 1, ng = ng + excluded.ng, g = g + excluded.g;"
#define GEO_CELL_SUB(r)                                                                      \
    "UPDATE geo_cells SET n = n - 1, ng = ng - (" r ".goldstein IS NOT NULL),"               \
    " g = g - coalesce(" GEO_MICRO(r ".goldstein") ", 0)"                                     \
    " WHERE (month, quad, country, adm1, cell) = (" GEO_CELL_KEY(r) ");"
#define V7_SCHEMA                                                                            \
    "DROP TABLE IF EXISTS geo_cells;\n"                                                       \
    "CREATE TABLE geo_cells(month INTEGER NOT NULL, quad INTEGER NOT NULL,\n"                 \
    "  country TEXT NOT NULL, adm1 TEXT NOT NULL, cell INTEGER NOT NULL,\n"                   \
    "  n INTEGER NOT NULL, ng INTEGER NOT NULL, g INTEGER NOT NULL,\n"                        \
    "  PRIMARY KEY(month, quad, country, adm1, cell)) WITHOUT ROWID;\n"                       \
    "INSERT INTO geo_cells SELECT " GEO_CELL_KEY("e") ", count(*), count(e.goldstein),\n"     \
    "  coalesce(sum(" GEO_MICRO("e.goldstein") "), 0) FROM events e GROUP BY 1, 2, 3, 4, 5;\n" \
    "DROP TRIGGER IF EXISTS events_cells_insert;\n"                                           \
    "CREATE TRIGGER events_cells_insert AFTER INSERT ON events BEGIN " GEO_CELL_ADD("new")     \
    " END;\n"                                                                                 \
    "DROP TRIGGER IF EXISTS events_cells_delete;\n"                                           \
    "CREATE TRIGGER events_cells_delete AFTER DELETE ON events BEGIN " GEO_CELL_SUB("old")     \
    " END;\n"                                                                                 \
    "DROP TRIGGER IF EXISTS events_cells_update;\n"                                           \
    "CREATE TRIGGER events_cells_update AFTER UPDATE OF date, quad_class, location_country,\n" \
    "  location_adm1, location_lat, location_lon, goldstein ON events BEGIN "                 \
    GEO_CELL_SUB("old") " " GEO_CELL_ADD("new") " END;\n"

/* Schema version 8: the actors' places (dyad_event.source_place and target_place), each
 * kept as the event's place is: precision ('country', 'region', 'city'; NULL for none),
 * country (alpha-3), country2, adm1, region, name, full_name, lat, lon, feature_id, the
 * words that gave it, where it came from ("from") and its span in the story text. The
 * columns of one actor, given its prefix, in this order; store.c adds those events and
 * events_previous lack, then V8_SCHEMA shows them in events_raw. */
#define STORE_ACTOR_PLACE_NCOLS 14 /* per actor */
#define ACTOR_PLACE_COLUMNS(p)                                                               \
    p "precision TEXT", p "country TEXT", p "country2 TEXT", p "adm1 TEXT", p "region TEXT", \
    p "name TEXT", p "full_name TEXT", p "lat REAL", p "lon REAL", p "feature_id INTEGER",   \
    p "text TEXT", p "from TEXT", p "start INTEGER", p "end INTEGER"
#define V8_COLUMN_LIST ACTOR_PLACE_COLUMNS("source_place_"), ACTOR_PLACE_COLUMNS("target_place_")
/* The same as read back ("e.source_place_precision, ..."), and as events_raw names them. */
#define ACTOR_PLACE_SELECT(p)                                                                \
    p "precision, " p "country, " p "country2, " p "adm1, " p "region, " p "name, "          \
    p "full_name, " p "lat, " p "lon, " p "feature_id, " p "text, " p "from, " p "start, "    \
    p "end"
#define STORE_ACTOR_PLACE_COLS                                                               \
    ACTOR_PLACE_SELECT("e.source_place_") ", " ACTOR_PLACE_SELECT("e.target_place_")
/* A store older than version 8, read as it is: none. */
#define STORE_ACTOR_PLACE_COLS_V7                                                            \
    "NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"    \
    " NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL"
/* events_raw: version 4's columns, then the actors' places (events stored before version
 * 8 have none until they are recoded). */
#define V8_SCHEMA                                                                            \
    "DROP VIEW IF EXISTS events_raw;\n"                                                      \
    "CREATE VIEW events_raw AS SELECT e.id AS id, s.id AS story, e.sentence AS sentence,\n"  \
    "  e.date AS date, e.date_precision AS date_precision, e.source AS source,\n"           \
    "  e.source_text AS source_text, e.target AS target,\n"                                  \
    "  e.target_text AS target_text, e.code AS code, e.root AS root,\n"                     \
    "  e.quad_class AS quad_class, e.goldstein AS goldstein, e.location AS location,\n"     \
    "  e.location_country AS location_country, e.location_country2 AS location_country2,\n" \
    "  e.location_precision AS location_precision, e.location_name AS location_name,\n"     \
    "  e.location_full_name AS location_full_name, e.location_adm1 AS location_adm1,\n"     \
    "  e.location_region AS location_region, e.location_lat AS location_lat,\n"             \
    "  e.location_lon AS location_lon, e.location_feature_id AS location_feature_id,\n"     \
    "  e.location_from AS location_from, sn.text AS text,\n"                                 \
    "  e.source_start AS source_start, e.source_end AS source_end, e.verb_start AS verb_start,\n" \
    "  e.verb_end AS verb_end, e.target_start AS target_start, e.target_end AS target_end,\n" \
    "  (SELECT json_group_array(json_object('kind', x.kind, 'file', x.file, 'line', x.line,\n" \
    "     'text', x.text)) FROM (SELECT r.kind, r.file, r.line, r.text FROM json_each(e.rules) j\n" \
    "     JOIN rules r ON r.key = j.value ORDER BY j.key) x) AS rules,\n"                     \
    "  e.grp AS story_group, s.publisher AS publisher, s.url AS url,\n"                     \
    "  s.dict_version AS dict_version,\n  "                                                  \
    ACTOR_PLACE_SELECT("e.source_place_") ",\n  " ACTOR_PLACE_SELECT("e.target_place_") "\n" \
    "  FROM events e JOIN stories s ON s.key = e.story_key\n"                                \
    "  LEFT JOIN sentences sn ON sn.story_key = e.story_key AND sn.idx = e.sentence;\n"

/* Schema version 9: the dashboard's landing view from aggregates. top_codes and
 * top_dyads count one-a-day keys (distinct date, source, target, code: what the top lists
 * count) per month (date / 100; 0 for undated events) and over all time (month -1): by
 * code, and by source and target (target '' for events without one; top actors are
 * summed from it). A key counts from when its first event arrives until its last leaves.
 * dyad_agg also gains the cells of every dated event (dir AGG_DIR_ALL, a = b = ''), the
 * whole store's timeline; the migration rebuilds it (store.c). */
#define V9_SCHEMA                                                                            \
    "DROP TABLE IF EXISTS top_codes;\n"                                                       \
    "CREATE TABLE top_codes(month INTEGER NOT NULL, code TEXT NOT NULL, n INTEGER NOT NULL,\n" \
    "  PRIMARY KEY(month, code)) WITHOUT ROWID;\n"                                            \
    "DROP TABLE IF EXISTS top_dyads;\n"                                                       \
    "CREATE TABLE top_dyads(month INTEGER NOT NULL, source TEXT NOT NULL,\n"                  \
    "  target TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY(month, source, target))\n"       \
    "  WITHOUT ROWID;\n"                                                                      \
    "CREATE TEMP TABLE top_keys AS SELECT DISTINCT date, source, target, code FROM events;\n" \
    "INSERT INTO top_codes SELECT date / 100, code, count(*) FROM top_keys GROUP BY 1, 2;\n" \
    "INSERT INTO top_codes SELECT -1, code, count(*) FROM top_keys GROUP BY 2;\n"            \
    "INSERT INTO top_dyads SELECT date / 100, source, target, count(*) FROM top_keys\n"      \
    "  GROUP BY 1, 2, 3;\n"                                                                   \
    "INSERT INTO top_dyads SELECT -1, source, target, count(*) FROM top_keys GROUP BY 2, 3;\n" \
    "DROP TABLE temp.top_keys;\n"

/* Schema version 10: top_codes and top_dyads are kept by agg.c with dyad_agg, from the
 * one-a-day keys each change touches, summed per transaction and written at its commit:
 * the triggers version 9 kept them by (a look-up and four upserts for each new key, +10%
 * of an ingest's instructions) are dropped. Events changed with plain SQL no longer
 * update them (nor dyad_agg): write through the store. */
#define V10_SCHEMA                                                                           \
    "DROP TRIGGER IF EXISTS events_top_insert;\n"                                             \
    "DROP TRIGGER IF EXISTS events_top_delete;\n"                                             \
    "DROP TRIGGER IF EXISTS events_top_update_old;\n"                                         \
    "DROP TRIGGER IF EXISTS events_top_update_new;\n"

/* --- discards: their texts (db.c), their table (discard.c) --- */
/* The bytes of detail a discard keeps: at most DYAD_STORE_MAX_DISCARD_DETAIL, cut on a
 * UTF-8 character boundary. */
/* The place of the country filter code (ISO alpha-2 or alpha-3) into *p, else
 * DYAD_EINVAL with the one message that names the forms expected (both backends). */
int store_country_filter(dyad_store *st, const char *code, dyad_place *p);
/* Makes room for need elements of size bytes in the heap array arr of capacity *cap:
 * returns arr when they fit, else arr reallocated to a capacity doubled from first (or
 * from *cap) until they fit (*cap updated); NULL when it cannot (arr and *cap unchanged,
 * arr still the caller's to free). */
void *store_grow(void *arr, size_t need, size_t *cap, size_t size, size_t first);
size_t store_discard_detail_len(const char *detail);
/* The detail of a too_long discard of sentence se (over a byte or a token limit). */
void store_too_long_detail(const dyad_sentence *se, char *buf, size_t cap);
/* Hands sink one discard per sentence of s skipped as too long, in order; stops at the
 * first error sink returns. */
int store_each_too_long(const dyad_story *s, int (*sink)(void *ctx, const dyad_store_discard *d),
                        void *ctx);
/* Records d in the open transaction. */
int store_discard_insert(dyad_store *st, const dyad_store_discard *d);
/* After story s was added (in the open transaction): drops the discards of its id left
 * by earlier runs and records its sentences over a limit. */
int store_discards_of_added(dyad_store *st, const dyad_story *s);
/* Before a stored story is recoded (in the open transaction): drops its discards of
 * the discard list, which the new coding decides again. */
int store_discards_of_recoded(dyad_store *st, const char *story);

/* How the place columns write a precision: dyad_date_precision (DYAD_DATE_DAY ...) and
 * dyad_geo_precision (DYAD_GEO_COUNTRY ..., NULL for none) as stored (db.c). */
extern const char *const store_date_precision[3];
extern const char *const store_geo_precision[4];

/* Fills e's place and date precision from the STORE_PLACE_NCOLS columns of s from column
 * `first` on, with e->location and e->location_country already set, then the actors'
 * places from the 2 * STORE_ACTOR_PLACE_NCOLS columns that follow. Strings are copied
 * into a, or borrowed from the statement when a is NULL. */
void store_read_place(sqlite3_stmt *s, int first, arena *a, dyad_event *e);
/* The great-circle distance in km between two points given in degrees. */
double store_km(double lat1, double lon1, double lat2, double lon2);

/* --- the rules rows in memory (rulecache.c), for rules.c and pg.c --- */
/* At most this many rows are cached (their indexes are 32-bit, in tables twice as large). */
#define RULE_CACHE_MAX (UINT32_MAX / 4)
typedef struct rule_ent {
    uint64_t hash;
    int64_t key;
    uint64_t line;
    char *kind, *file, *text; /* one allocation: kind\0file\0text\0 */
} rule_ent;
typedef struct rule_cache {
    rule_ent *ents;
    size_t n, cap;
    uint32_t *by_content, *by_key; /* open addressing: 1 + index into ents, 0 = empty */
    size_t slots;                  /* a power of two, at least twice n */
} rule_cache;
/* The cached row with this content / key, or NULL. */
rule_ent *rule_cache_find(const rule_cache *c, const char *kind, const char *file, uint64_t line,
                          const char *text);
rule_ent *rule_cache_key(const rule_cache *c, int64_t key);
/* Caches a row (the one already cached under key, if any); NULL when out of memory or
 * RULE_CACHE_MAX rows are cached. */
rule_ent *rule_cache_add(rule_cache *c, int64_t key, const char *kind, const char *file,
                         uint64_t line, const char *text);
/* Frees every row; c is empty and reusable after. */
void rule_cache_clear(rule_cache *c);

/* --- the rules table (rules.c) --- */
/* Appends the keys of n rules as a JSON array ("[12,345,9]") to out (reset first),
 * inserting rows for rules not stored yet. */
int store_rules_keys(dyad_store *st, const dyad_rule *rules, size_t n, dyad_buf *out);
/* Reads an events.rules value into arena a: an array of keys, or the inline entries that
 * schema versions 1 and 2 wrote. DYAD_EFORMAT for a key without a row. */
int store_rules_parse(dyad_store *st, const char *text, arena *a, const dyad_rule **out,
                      size_t *n);
/* Rewrites the inline entries of events and events_previous as keys (the migration from
 * schema version 2, inside its transaction). */
int store_rules_migrate(dyad_store *st);
/* The cache after a commit / after a rollback (dropped if it holds rows of the rolled-back
 * transaction) / when the handle closes. */
void store_rules_committed(dyad_store *st);
void store_rules_rolled_back(dyad_store *st);
void store_rules_free(dyad_store *st);

/* --- the dyad_agg aggregate (agg.c) --- */
#define AGG_NCOLS 13 /* counter columns of a dyad_agg row */
#define AGG_DIR_ALL 2 /* dyad_agg's cells of every dated event (schema version 9) */
/* The table (schema version 2). */
#define AGG_SCHEMA                                                                           \
    "CREATE TABLE dyad_agg(dir INTEGER NOT NULL, a TEXT NOT NULL, b TEXT NOT NULL,\n"        \
    "  kind INTEGER NOT NULL, period INTEGER NOT NULL,\n"                                     \
    "  n_raw INTEGER NOT NULL, q1_raw INTEGER NOT NULL, q2_raw INTEGER NOT NULL,\n"          \
    "  q3_raw INTEGER NOT NULL, q4_raw INTEGER NOT NULL, g_raw INTEGER NOT NULL,\n"          \
    "  n_oad INTEGER NOT NULL, q1_oad INTEGER NOT NULL, q2_oad INTEGER NOT NULL,\n"          \
    "  q3_oad INTEGER NOT NULL, q4_oad INTEGER NOT NULL, g_oad INTEGER NOT NULL,\n"          \
    "  stories INTEGER NOT NULL,\n"                                                           \
    "  PRIMARY KEY(dir, a, b, kind, period)) WITHOUT ROWID;\n"
typedef struct agg_change agg_change;
/* Before the events of story key (in group) change: removes says its current events will
 * be deleted, added are those that will be inserted, new_group that the group has no
 * events yet. Reads what the change touches; *out is NULL when the store has no
 * aggregate. */
int agg_change_begin(dyad_store *st, agg_change **out, int64_t key, int64_t group, int removes,
                     int new_group, const dyad_event *added, size_t n_added);
/* After the change (the same added events): sums its deltas into the pending totals and
 * frees c (also on error). */
int agg_change_end(dyad_store *st, agg_change *c, const dyad_event *added, size_t n_added);
void agg_change_free(agg_change *c);
/* Writes the pending totals into dyad_agg (inside the open transaction) and clears them. */
int agg_flush(dyad_store *st);
/* Drops the pending totals (the transaction was rolled back). */
void agg_discard(dyad_store *st);
void agg_free(dyad_store *st);
/* Nonzero when totals are pending. */
int agg_pending(const dyad_store *st);
/* Refills dyad_agg from the events (inside the open transaction). */
int agg_rebuild(dyad_store *st);
/* A Goldstein value in millionths, rounded: both timeline paths sum these exactly. */
int64_t store_gold_micro(double g);
/* The first day of the period date falls in. */
int32_t store_period_of(int32_t date, dyad_store_period by);

/* Writes what the open transaction still owes (the full-text index of its sentences, the
 * dyad_agg totals) / drops it when the transaction is rolled back. */
int store_pending_flush(dyad_store *st);
void store_pending_discard(dyad_store *st);
/* Ends the open transaction: commit (the pending writes first; rolled back on failure) /
 * rollback, keeping the handle's caches true. */
int store_commit(dyad_store *st);
void store_rollback(dyad_store *st);

/* splitmix64's finalizer: the store's hashes (MinHash, rule and aggregate-cell tables). */
static inline uint64_t store_mix64(uint64_t x) {
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ull;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

/* What a message about a damaged store ends with. */
#define STORE_DAMAGED                                                                        \
    " (the store is damaged or not a dyad database: `dyad check` tells what is wrong;"      \
    " rebuild the store from the sources)"

/* Records "what: sqlite's message" as the error and returns DYAD_EDB. */
int store_dberr(dyad_store *st, const char *what);
/* Records a formatted message and returns code. */
int store_fail(dyad_store *st, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* The cached statement for slot, prepared from sql on first use and reset for reuse;
 * NULL on error (recorded). */
sqlite3_stmt *store_stmt(dyad_store *st, enum store_stmt slot, const char *sql);
/* Runs SQL without results; DYAD_OK or DYAD_EDB. */
int store_exec(dyad_store *st, const char *sql);

/* Binds a string (not copied: it must stay valid until the statement is reset), or NULL
 * for NULL. */
void store_bind_text(sqlite3_stmt *s, int i, const char *v);

/* Inserts events for a story into the events table, rules as keys into `rules`. */
int store_insert_events(dyad_store *st, int64_t story_key, int64_t group, const dyad_event *ev,
                        size_t n);

/* --- fingerprints (sketch.c) --- */
/* The content hash of a story (stories.content_hash): FNV-1a over its cleaned body. */
uint64_t store_body_hash(const dyad_story *s);
/* MinHash: STORE_MH_K hash functions over word STORE_SHINGLE-shingles of the cleaned
 * body, banded STORE_MH_BANDS x STORE_MH_ROWS for LSH. */
#define STORE_MH_K 128
#define STORE_MH_BANDS 16
#define STORE_MH_ROWS 8
#define STORE_SHINGLE 5 /* words per shingle */
typedef struct store_minhash {
    uint32_t sig[STORE_MH_K];
    uint64_t words[STORE_SHINGLE]; /* ring of the last words' hashes */
    size_t n_words;
} store_minhash;
/* Computes the signature of the cleaned body. Returns 0 when there are no words. */
int store_minhash_story(const dyad_story *s, store_minhash *m);
/* The LSH key of band 0 .. STORE_MH_BANDS - 1. */
int64_t store_band_key(const store_minhash *m, int band);
/* The signature as stored: STORE_MH_K little-endian uint32 (4 * STORE_MH_K bytes). */
void store_minhash_blob(const store_minhash *m, unsigned char *b);

/* A story handed out by dyad_store_story_fetch, with the arena that holds it. */
typedef struct store_held_story {
    dyad_store_story pub;
    arena a;
} store_held_story;

/* --- the PostgreSQL backend (pg.c) --- */
/* Nonzero when path is a PostgreSQL URL (postgresql://, postgres://). */
int pg_is_url(const char *path);
/* Each is the public function of the same name for a handle whose st->pg is set (open:
 * sets it). */
int pg_open(dyad_store *st, const char *url, unsigned flags);
void pg_close(dyad_store *st);
int pg_begin(dyad_store *st);
int pg_commit(dyad_store *st);
int pg_rollback(dyad_store *st);
int pg_add(dyad_store *st, const dyad_story *s, const dyad_event *events, size_t n_events,
           const char *dict_version, dyad_store_result *result);
int pg_has_story(dyad_store *st, const char *id);
/* The ids of at most max stories after key *after, in key order, strdup'ed into ids[0 ..
 * *n); *after becomes the last one's key (copy.c). */
int pg_story_page(dyad_store *st, int64_t *after, size_t max, char **ids, size_t *n);
int pg_discard_add(dyad_store *st, const dyad_store_discard *d);
int pg_discards(dyad_store *st, const char *story, uint64_t limit, uint64_t offset,
                dyad_store_discard_fn fn, void *ud);
int pg_discard_counts(dyad_store *st, const char *story, dyad_store_discard_count_fn fn, void *ud,
                      uint64_t *total);
int pg_get_info(dyad_store *st, dyad_store_info *info);
/* query.c: head + the WHERE clause of q (over events "e.") + tail, prepared and bound;
 * *out NULL when nothing can match. The caller finalizes *out. */
int store_prepare_filtered(dyad_store *st, const dyad_store_query *q, const char *head,
                           const char *tail, sqlite3_stmt **out);
int pg_query_events(dyad_store *st, const dyad_store_query *q, dyad_store_event_fn fn, void *ud);
int pg_count_events(dyad_store *st, const dyad_store_query *q, uint64_t *total);
int pg_timeline(dyad_store *st, const char *a, const char *b, dyad_store_period by,
                int both_directions, int raw, const dyad_store_query *q,
                dyad_store_timeline_fn fn, void *ud);
int pg_actor_codes(dyad_store *st, const char *prefix, size_t max, dyad_store_top_fn fn, void *ud);
int pg_top(dyad_store *st, dyad_store_top_kind kind, const dyad_store_query *q, size_t n,
           dyad_store_top_fn fn, void *ud);
int pg_story_fetch(dyad_store *st, const char *id, store_held_story *h);
/* One cell of pg_geo: its key (country or region code; NULL for a grid cell), whether
 * the events have a place at the level (else key is NULL), the grid cell's row i and
 * column j, its events, those with a Goldstein value, and their sum in millionths
 * (g_micro, with exact) or as summed (g_sum). */
typedef int (*store_geo_row_fn)(void *ud, const char *key, int placed, int64_t i, int64_t j,
                                uint64_t count, uint64_t ng, int64_t g_micro, double g_sum);
/* The events q selects (its one_a_day and paging unset) grouped by place at level (a grid
 * of micro millionths of a degree), each group to fn, in no order. */
int pg_geo(dyad_store *st, dyad_store_geo_level level, long long micro, const dyad_store_query *q,
           int exact, store_geo_row_fn fn, void *ud);
int pg_recode(dyad_store *st, const char *dict_version, dyad_store_recode_fn fn, void *ud,
              uint64_t *n_recoded);
int pg_diff(dyad_store *st, dyad_store_diff_by by, dyad_store_diff_fn fn, void *ud);
/* dyad_store_check's checks that PostgreSQL allows (the search vectors, the links, the
 * content hashes; the server's own pages are pg_amcheck's): each problem to fn. */
int pg_check(dyad_store *st, dyad_store_check_fn fn, void *ud);
/* dyad_store_upgrade: fills events.geom of an older store's rows, then builds its index. */
int pg_upgrade(dyad_store *st, uint64_t batch, dyad_store_upgrade_fn fn, void *ud);
/* The URL without user, password or options (dyad_store_name). */
const char *pg_name(const dyad_store *st);

/* Loads a stored story (and its sentences) into arena a; fills *s. */
int store_load_story(dyad_store *st, int64_t key, arena *a, dyad_story *s, int64_t *group,
                     const char **dict_version);
/* Loads the current events of a story into arena a. */
int store_load_events(dyad_store *st, int64_t key, const char *story_id, const dyad_story *s,
                      arena *a, dyad_event **out, size_t *n);

/* meta table: set a key, read one into buf ("" when absent). */
int store_set_meta(dyad_store *st, const char *key, const char *value);
int store_meta_text(dyad_store *st, const char *key, char *buf, size_t cap);

/* Date helpers independent of the rest of the library. */
int32_t store_date_add(int32_t date, int32_t days);
int store_date_weekday(int32_t date);

#endif
