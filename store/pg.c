/* pg.c: the store in PostgreSQL (--db postgresql://...): the same API and guarantees as
 * the SQLite store, over libpq, for many writers and readers at once (docs/database.md,
 * "PostgreSQL"). Stands on db.c (errors, dates, discard texts) and sketch.c (fingerprints).
 *
 * Writing. A batch is gathered in memory (each story checked against the stored ones
 * and the batch's, fingerprinted, its rows rendered for COPY) and written at commit in
 * one transaction that holds the store's write lock (a transaction-level advisory lock):
 * the near-duplicate look-ups of a batch see every story committed before it, whoever
 * wrote it, so groups come out as from one writer. Writers code in parallel and queue
 * only for the write. Unique keys (id, content hash) with ON CONFLICT DO NOTHING make a
 * story that another writer stored meanwhile a duplicate, and a rerun after a kill
 * complete: an interrupted transaction leaves nothing. */
#include "store_int.h"

#include <libpq-fe.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PG_SCHEMA_VERSION 10
#define PG_LOCK_CLASS 0x64796164 /* "dyad": the first key of dyad's advisory locks */
#define PG_LOCK_WRITE 1          /* held while a batch is written */
#define PG_LOCK_SCHEMA 2         /* held while tables or partitions are created */
#define PG_MAX_PARAMS 32
#define PG_YEARS 10000           /* event partitions: one per year 1 .. 9999 */

/* Version 2: the discards table (the SQLite store's, schema version 6); added to a
 * version 1 database when a writer opens it. */
#define PG_DISCARDS_SCHEMA                                                                    \
    "CREATE TABLE IF NOT EXISTS discards(key bigserial PRIMARY KEY,\n"                        \
    "  story text COLLATE \"C\" NOT NULL, file text COLLATE \"C\" NOT NULL,\n"                \
    "  line bigint NOT NULL, sentence integer NOT NULL, reason text COLLATE \"C\" NOT NULL,\n" \
    "  detail text, date integer NOT NULL DEFAULT 0, headline text,\n"                        \
    "  added timestamptz NOT NULL DEFAULT now(), UNIQUE(story, file, line, sentence));\n"

/* Version 3: the events' places and date precision (the SQLite store's schema versions 4
 * and 8: STORE_PLACE_COLS, then STORE_ACTOR_PLACE_COLS of the source and the target), in
 * the same order; added to an older database when a writer opens it (instant: nullable
 * columns without a default). */
/* Version 6: dyad_agg's dir 2 rows (a = b = ''): the timeline of every dated event, by
 * week and by month, filled from the events (docs/database.md's meaning). */
#define PG_AGG_ALL_FILL                                                                       \
    "WITH ev AS (SELECT k.kind, dyad_period(e.date, k.kind) AS p, e.date, e.source, e.target,"  \
    "  e.code, e.quad_class, e.goldstein, e.grp FROM events e CROSS JOIN (VALUES (1), (2)) k(kind)" \
    "  WHERE e.date > 0),"                                                                       \
    " raw AS (SELECT kind, p, count(*) AS n, count(*) FILTER (WHERE quad_class = 1) AS q1,"      \
    "  count(*) FILTER (WHERE quad_class = 2) AS q2, count(*) FILTER (WHERE quad_class = 3) AS q3," \
    "  count(*) FILTER (WHERE quad_class = 4) AS q4,"                                            \
    "  coalesce(sum(round((goldstein * 1e6)::numeric)), 0)::bigint AS g,"                        \
    "  count(DISTINCT grp) AS stories FROM ev GROUP BY kind, p),"                                \
    " k AS (SELECT kind, p, min(quad_class) AS q, min(goldstein) AS g FROM ev"                   \
    "  GROUP BY kind, p, date, source, target, code),"                                           \
    " oad AS (SELECT kind, p, count(*) AS n, count(*) FILTER (WHERE q = 1) AS q1,"               \
    "  count(*) FILTER (WHERE q = 2) AS q2, count(*) FILTER (WHERE q = 3) AS q3,"                \
    "  count(*) FILTER (WHERE q = 4) AS q4,"                                                     \
    "  coalesce(sum(round((g * 1e6)::numeric)), 0)::bigint AS g FROM k GROUP BY kind, p)"        \
    " INSERT INTO dyad_agg(dir, a, b, kind, period, n_raw, q1_raw, q2_raw, q3_raw, q4_raw, g_raw," \
    "  n_oad, q1_oad, q2_oad, q3_oad, q4_oad, g_oad, stories)"                                   \
    " SELECT 2, '', '', r.kind, r.p, r.n, r.q1, r.q2, r.q3, r.q4, r.g, o.n, o.q1, o.q2, o.q3,"   \
    "  o.q4, o.g, r.stories FROM raw r JOIN oad o USING (kind, p) ON CONFLICT DO NOTHING"
/* A batch's change to dyad_agg, every cell its events count in (dir 0, 1, and 2 when $3),
 * added to the rows under the write lock: $1 the batch's story keys, $2 whether their old
 * events are in events_previous (a recode). A cell's own events are never read again
 * (on a dense store a month of a busy dyad is thousands of events, and a batch touches
 * hundreds of cells): a batch's cost follows its own events. The additive columns take
 * its events' figures, in (nw) and out (od); each one-a-day key (date, source, target,
 * code) of its events is counted out as it was (its old events and the other stories'
 * events of the key) and in as it is (its new ones and the others'), the others read by
 * the key on events_dyad; each story group of its events counts out in every cell where
 * it had an event and in where it has one now, its other stories' events read by the
 * group on events_grp. The LATERAL ... OFFSET 0 keeps both reads index look-ups per key
 * and per group, whatever the planner estimates. Cells whose change is 0 are not written. */
#define PG_AGG_DELTA                                                                          \
    "WITH nw AS (SELECT date, source, target, code, quad_class, goldstein, grp FROM events"     \
    "  WHERE story_key = ANY($1::bigint[]) AND date > 0),"                                      \
    " od AS (SELECT date, source, target, code, quad_class, goldstein, grp FROM events_previous" \
    "  WHERE $2 AND story_key = ANY($1::bigint[]) AND date > 0),"                               \
    " ky AS (SELECT date, source, target, code FROM nw UNION SELECT date, source, target, code FROM od)," \
    " ot AS (SELECT o.* FROM ky CROSS JOIN LATERAL (SELECT e.date, e.source, e.target, e.code,"  \
    "  e.quad_class, e.goldstein FROM events e WHERE e.source = ky.source AND e.target = ky.target" \
    "  AND e.date = ky.date AND e.code = ky.code AND e.story_key <> ALL($1::bigint[]) OFFSET 0) o)," \
    " gr AS (SELECT grp FROM nw UNION SELECT grp FROM od),"                                     \
    " og AS (SELECT o.* FROM gr CROSS JOIN LATERAL (SELECT e.date, e.source, e.target, e.grp"  \
    "  FROM events e WHERE e.grp = gr.grp AND e.date > 0 AND e.story_key <> ALL($1::bigint[])" \
    "  OFFSET 0) o),"                                                                           \
    /* what changes a cell: w 0 an event, 1 a one-a-day key, 2 a group's event; s in or out */ \
    " x AS (SELECT date, source, target, 0 AS w, 1 AS s, quad_class AS q, goldstein AS g,"     \
    "  0::bigint AS grp FROM nw"                                                                \
    "  UNION ALL SELECT date, source, target, 0, -1, quad_class, goldstein, 0 FROM od"          \
    "  UNION ALL SELECT date, source, target, 1, 1, min(quad_class), min(goldstein), 0 FROM"   \
    "  (SELECT * FROM ot UNION ALL SELECT date, source, target, code, quad_class, goldstein"   \
    "  FROM nw) y"                                                                              \
    "  GROUP BY date, source, target, code"                                                     \
    "  UNION ALL SELECT date, source, target, 1, -1, min(quad_class), min(goldstein), 0 FROM"  \
    "  (SELECT * FROM ot UNION ALL SELECT date, source, target, code, quad_class, goldstein"   \
    "  FROM od) y"                                                                              \
    "  GROUP BY date, source, target, code"                                                     \
    "  UNION ALL SELECT date, source, target, 2, 1, NULL, NULL, grp FROM"                       \
    "  (SELECT * FROM og UNION ALL SELECT date, source, target, grp FROM nw) y" \
    "  UNION ALL SELECT date, source, target, 2, -1, NULL, NULL, grp FROM"                      \
    "  (SELECT * FROM og UNION ALL SELECT date, source, target, grp FROM od) y)," \
    /* agg.c's cells: directed; unordered unless both prefixes are the same; every event */ \
    /* the periods of the batch's dates, dyad_period once a date (it costs a SQL call) */   \
    " pd AS MATERIALIZED (SELECT d.date, k.kind, dyad_period(d.date, k.kind) AS p FROM (SELECT"  \
    "  DISTINCT date FROM x) d CROSS JOIN (VALUES (1), (2)) k(kind)),"                           \
    " c AS (SELECT x.s * (x.w = 0)::int AS r, x.s * (x.w = 1)::int AS o, coalesce(x.q, 0) AS q," \
    "  x.s * coalesce(round((x.g * 1e6)::numeric), 0) AS g, x.w, x.s, x.grp, l.dir, l.a, l.b,"  \
    "  pd.kind, pd.p FROM x JOIN pd USING (date) CROSS JOIN LATERAL (VALUES (2, '', ''),"        \
    "  (1, left(x.source, 3), left(x.target, 3)), (0, least(left(x.source, 3), left(x.target, 3))," \
    "  greatest(left(x.source, 3), left(x.target, 3)))) l(dir, a, b) WHERE CASE WHEN l.dir = 2" \
    "  THEN $3 ELSE"                                                                            \
    "  length(x.source) >= 3 AND length(x.target) >= 3 AND (l.dir = 1 OR l.a <> l.b) END),"     \
    " d AS (SELECT dir, a, b, kind, p, sum(r) AS n_raw, sum(r * (q = 1)::int) AS q1_raw,"  \
    "  sum(r * (q = 2)::int) AS q2_raw, sum(r * (q = 3)::int) AS q3_raw,"              \
    "  sum(r * (q = 4)::int) AS q4_raw, sum(g * (w = 0)::int)::bigint AS g_raw,"        \
    "  sum(o) AS n_oad, sum(o * (q = 1)::int) AS q1_oad, sum(o * (q = 2)::int) AS q2_oad," \
    "  sum(o * (q = 3)::int) AS q3_oad, sum(o * (q = 4)::int) AS q4_oad,"              \
    "  sum(g * (w = 1)::int)::bigint AS g_oad, count(DISTINCT grp) FILTER (WHERE w = 2 AND s = 1)" \
    "  - count(DISTINCT grp) FILTER (WHERE w = 2 AND s = -1) AS stories FROM c GROUP BY 1, 2, 3, 4, 5)" \
    " INSERT INTO dyad_agg(dir, a, b, kind, period, n_raw, q1_raw, q2_raw, q3_raw, q4_raw, g_raw," \
    "  n_oad, q1_oad, q2_oad, q3_oad, q4_oad, g_oad, stories)"                                   \
    " SELECT * FROM d WHERE (n_raw, q1_raw, q2_raw, q3_raw, q4_raw, g_raw, n_oad, q1_oad, q2_oad," \
    "  q3_oad, q4_oad, g_oad, stories) <> (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)"              \
    " ON CONFLICT (dir, a, b, kind, period) DO UPDATE SET"                                      \
    "  n_raw = dyad_agg.n_raw + excluded.n_raw, q1_raw = dyad_agg.q1_raw + excluded.q1_raw,"    \
    "  q2_raw = dyad_agg.q2_raw + excluded.q2_raw, q3_raw = dyad_agg.q3_raw + excluded.q3_raw,"  \
    "  q4_raw = dyad_agg.q4_raw + excluded.q4_raw, g_raw = dyad_agg.g_raw + excluded.g_raw,"    \
    "  n_oad = dyad_agg.n_oad + excluded.n_oad, q1_oad = dyad_agg.q1_oad + excluded.q1_oad,"    \
    "  q2_oad = dyad_agg.q2_oad + excluded.q2_oad, q3_oad = dyad_agg.q3_oad + excluded.q3_oad,"  \
    "  q4_oad = dyad_agg.q4_oad + excluded.q4_oad, g_oad = dyad_agg.g_oad + excluded.g_oad,"    \
    "  stories = dyad_agg.stories + excluded.stories"
/* Version 5: the events before the last recode (a plain table: a recode's stories are
 * few partitions' worth, and dyad diff reads them by story). */
#define PG_PREVIOUS_SCHEMA                                                                    \
    "CREATE TABLE IF NOT EXISTS events_previous (LIKE events);\n"                              \
    "CREATE INDEX IF NOT EXISTS events_previous_story ON events_previous(story_key, sentence);\n"
/* Version 7: the SQLite store's index on the points (events_latlon), for --near and
 * --bbox: a btree on (lat, lon) serves the latitude band both filters begin with. On a
 * partitioned table it is created on each year's partition, new ones included. */
#define PG_LATLON_SCHEMA "CREATE INDEX IF NOT EXISTS events_latlon ON events(location_lat, location_lon);\n"
/* Version 10: where the server has PostGIS (the extension installed in the database, or
 * available and creatable by this user), each event's point as a PostGIS geometry:
 * events.geom, a plain column set by a trigger (dyad_geom, before each row is inserted or
 * updated) from (location_lon, location_lat), so that every writer (ingest, import,
 * recode, plain SQL) keeps it on every year's partition; events_previous has the same
 * column and trigger. Not a generated column: adding one rewrites every partition under
 * an exclusive lock (ingest and queries wait; on a billion events, hours), where adding a
 * plain column changes the catalog only. For GIS tools and SQL (ST_DWithin, joins to
 * polygons); --near and --bbox stay dyad_km's and the box's exact tests, the GiST index
 * events_geom only bounding the points first. Without PostGIS the layout is the same less
 * these columns. */
#define PG_GEOM_SCHEMA                                                                        \
    "CREATE OR REPLACE FUNCTION dyad_geom() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"      \
    " NEW.geom := ST_SetSRID(ST_MakePoint(NEW.location_lon, NEW.location_lat), 4326);"      \
    " RETURN NEW; END $$;\n"                                                                  \
    "ALTER TABLE events ADD COLUMN IF NOT EXISTS geom geometry(Point, 4326);\n"               \
    "ALTER TABLE events_previous ADD COLUMN IF NOT EXISTS geom geometry(Point, 4326);\n"      \
    "DROP TRIGGER IF EXISTS events_geom ON events;\n"                                         \
    "CREATE TRIGGER events_geom BEFORE INSERT OR UPDATE ON events FOR EACH ROW"               \
    " EXECUTE FUNCTION dyad_geom();\n"                                                        \
    "DROP TRIGGER IF EXISTS events_previous_geom ON events_previous;\n"                       \
    "CREATE TRIGGER events_previous_geom BEFORE INSERT OR UPDATE ON events_previous"          \
    " FOR EACH ROW EXECUTE FUNCTION dyad_geom();\n"
/* The point of a row, as dyad_geom sets it (the backfill of dyad_store_upgrade). */
#define PG_GEOM_POINT "ST_SetSRID(ST_MakePoint(location_lon, location_lat), 4326)"
/* The rows of a store that had events before geom was added have no point until
 * dyad_store_upgrade fills them (meta's geom_backfill: the next events.id to fill; absent
 * once every row has its point). Its index is then built on each partition in turn
 * (CREATE INDEX CONCURRENTLY: writers and readers go on) and attached to events_geom,
 * made on the partitioned table alone here (new partitions get theirs at once). */
#define PG_GEOM_PENDING                                                                       \
    "CREATE INDEX IF NOT EXISTS events_geom ON ONLY events USING gist(geom);\n"               \
    "INSERT INTO meta(key, value) VALUES('geom_backfill', '0') ON CONFLICT (key) DO NOTHING;\n"
/* Version 8: actor_agg, the events of each 3-byte and 6-byte actor code prefix by month
 * (date / 100; 0 for the undated): as the source, as the target, as both. The total of
 * an actor's events of whole months (dyad_store_count_events, the first page of
 * /api/events) is a sum of its rows, where counting the events reads one index entry per
 * event (1.3 s for USA in the 10,000,000-event bench store). Kept by each batch (ingest
 * or recode) in its transaction under the write lock, by adding its events' counts and
 * subtracting those of the events it replaces: sums, exact as they are added.
 * Version 9: actor_day, the same counts by day (the date) of the dated events, for the
 * days of the months a range cuts (at most 62 rows), which version 8 counted from the
 * events (163 ms for USA in the 10,000,000-event store). Months and days both, not days
 * alone: a decade of an actor is 120 month rows but 3,650 day rows, which lie on as many
 * pages once batches have updated them day by day (docs/database.md). */
#define PG_ACTOR_SCHEMA                                                                       \
    "CREATE TABLE IF NOT EXISTS actor_agg(a text COLLATE \"C\" NOT NULL, month integer NOT NULL,\n" \
    "  n_source bigint NOT NULL, n_target bigint NOT NULL, n_both bigint NOT NULL,\n"         \
    "  PRIMARY KEY(a, month));\n"
#define PG_ACTOR_DAY_SCHEMA                                                                   \
    "CREATE TABLE IF NOT EXISTS actor_day(a text COLLATE \"C\" NOT NULL, day integer NOT NULL,\n" \
    "  n_source bigint NOT NULL, n_target bigint NOT NULL, n_both bigint NOT NULL,\n"         \
    "  PRIMARY KEY(a, day));\n"
/* The actor_agg counts of the events ev(source, target, date, s), each counted s times
 * (1 added, -1 removed): a row per prefix of the source (with whether the target has it
 * too) and per prefix of the target; a code shorter than the prefix has none (left()
 * gives it whole: shorter than asked). */
#define PG_ACTOR_CELLS                                                                        \
    " c AS (SELECT x.p, ev.date AS d, ev.s * x.src AS ns, ev.s * (1 - x.src) AS nt,"          \
    "  ev.s * x.bo AS nb FROM ev CROSS JOIN LATERAL (VALUES"                                   \
    "  (left(ev.source, 3), 3, 1, (left(ev.target, 3) = left(ev.source, 3))::integer),"       \
    "  (left(ev.source, 6), 6, 1, (left(ev.target, 6) = left(ev.source, 6))::integer),"       \
    "  (left(ev.target, 3), 3, 0, 0), (left(ev.target, 6), 6, 0, 0)) x(p, l, src, bo)"        \
    "  WHERE length(x.p) = x.l)"
/* PG_ACTOR_CELLS's counts as the months' rows, and as the days' rows (dated events only). */
#define PG_ACTOR_MONTHS                                                                       \
    " INSERT INTO actor_agg(a, month, n_source, n_target, n_both)"                            \
    " SELECT p, d / 100, sum(ns), sum(nt), sum(nb) FROM c GROUP BY p, d / 100"
#define PG_ACTOR_DAYS                                                                         \
    " INSERT INTO actor_day(a, day, n_source, n_target, n_both)"                              \
    " SELECT p, d, sum(ns), sum(nt), sum(nb) FROM c WHERE d > 0 GROUP BY p, d"
/* Filled from the events by a migration (anything there before replaced): the months'
 * rows when there were none (from before version 8), the days' always. */
#define PG_ACTOR_FILL                                                                         \
    "DELETE FROM actor_agg;\n"                                                                \
    "WITH ev AS (SELECT source, target, date, 1 AS s FROM events)," PG_ACTOR_CELLS PG_ACTOR_MONTHS
#define PG_ACTOR_DAY_FILL                                                                     \
    "DELETE FROM actor_day;\n"                                                                \
    "WITH ev AS (SELECT source, target, date, 1 AS s FROM events)," PG_ACTOR_CELLS PG_ACTOR_DAYS
/* A batch's change to both, in one statement (the months' upsert a data-modifying WITH):
 * $1 its story keys, $2 whether their old events are in events_previous (a recode). */
#define PG_ACTOR_UPSERT(t)                                                                    \
    " DO UPDATE SET n_source = " t ".n_source + excluded.n_source,"                           \
    "  n_target = " t ".n_target + excluded.n_target, n_both = " t ".n_both + excluded.n_both"
#define PG_ACTOR_DELTA                                                                        \
    "WITH ev AS (SELECT source, target, date, 1 AS s FROM events"                              \
    "  WHERE story_key = ANY($1::bigint[]) UNION ALL SELECT source, target, date, -1"          \
    "  FROM events_previous WHERE $2 AND story_key = ANY($1::bigint[]))," PG_ACTOR_CELLS ","     \
    " mo AS (" PG_ACTOR_MONTHS " ON CONFLICT (a, month)" PG_ACTOR_UPSERT("actor_agg") ")"       \
    PG_ACTOR_DAYS " ON CONFLICT (a, day)" PG_ACTOR_UPSERT("actor_day")
#define PG_ADD(col, type) " ADD COLUMN IF NOT EXISTS " col " " type
#define PG_ACTOR_PLACE(p)                                                                     \
    PG_ADD(p "precision", "text") "," PG_ADD(p "country", "text") "," PG_ADD(p "country2", "text") \
    "," PG_ADD(p "adm1", "text") "," PG_ADD(p "region", "text") "," PG_ADD(p "name", "text") \
    "," PG_ADD(p "full_name", "text") "," PG_ADD(p "lat", "double precision") ","           \
    PG_ADD(p "lon", "double precision") "," PG_ADD(p "feature_id", "bigint") ","           \
    PG_ADD(p "text", "text") "," PG_ADD(p "from", "text") "," PG_ADD(p "start", "integer") \
    "," PG_ADD(p "end", "integer")
#define PG_PLACES_SCHEMA                                                                      \
    "ALTER TABLE events" PG_ADD("date_precision", "text") "," PG_ADD("location_precision", "text") \
    "," PG_ADD("location_country2", "text") "," PG_ADD("location_adm1", "text") ","          \
    PG_ADD("location_region", "text") "," PG_ADD("location_name", "text") ","               \
    PG_ADD("location_full_name", "text") "," PG_ADD("location_lat", "double precision") "," \
    PG_ADD("location_lon", "double precision") "," PG_ADD("location_feature_id", "bigint") "," \
    PG_ADD("location_from", "text") "," PG_ADD("location_start", "integer") ","             \
    PG_ADD("location_end", "integer") "," PG_ACTOR_PLACE("source_place_") ","               \
    PG_ACTOR_PLACE("target_place_")
/* The place columns as written by COPY, in the order of STORE_PLACE_COLS. */
#define PG_PLACE_NAMES                                                                        \
    "date_precision, location_precision, location_country2, location_adm1, location_region,"  \
    " location_name, location_full_name, location_lat, location_lon, location_feature_id,"    \
    " location_from, location_start, location_end, " ACTOR_PLACE_SELECT("source_place_") ", " \
    ACTOR_PLACE_SELECT("target_place_")
#define PG_PLACE_NCOLS (STORE_PLACE_NCOLS + 2 * STORE_ACTOR_PLACE_NCOLS)

/* Version 4: top_codes and top_dyads, the SQLite store's (schema version 9): one-a-day
 * keys per month (-1: all time) by code and by dyad, kept at each batch's write under
 * the write lock (top_update). PG_TOPS_FILL fills them from the events of an older
 * database. */
#define PG_TOPS_SCHEMA                                                                        \
    "CREATE TABLE IF NOT EXISTS top_codes(month integer NOT NULL, code text COLLATE \"C\" NOT NULL,\n" \
    "  n bigint NOT NULL, PRIMARY KEY(month, code));\n"                                        \
    "CREATE TABLE IF NOT EXISTS top_dyads(month integer NOT NULL,\n"                          \
    "  source text COLLATE \"C\" NOT NULL, target text COLLATE \"C\" NOT NULL, n bigint NOT NULL,\n" \
    "  PRIMARY KEY(month, source, target));\n"
#define PG_TOPS_FILL                                                                          \
    "CREATE TEMP TABLE top_keys ON COMMIT DROP AS SELECT DISTINCT date, source, target, code\n" \
    "  FROM events;\n"                                                                         \
    "INSERT INTO top_codes SELECT v.m, k.code, count(*) FROM top_keys k CROSS JOIN LATERAL\n"  \
    "  (VALUES (-1), (k.date / 100)) v(m) GROUP BY 1, 2;\n"                                    \
    "INSERT INTO top_dyads SELECT v.m, k.source, k.target, count(*) FROM top_keys k\n"         \
    "  CROSS JOIN LATERAL (VALUES (-1), (k.date / 100)) v(m) GROUP BY 1, 2, 3;\n"

/* The layout of version 1 (docs/database.md), then PG_DISCARDS_SCHEMA, PG_PLACES_SCHEMA,
 * PG_TOPS_SCHEMA, PG_PREVIOUS_SCHEMA, PG_LATLON_SCHEMA and PG_ACTOR_SCHEMA. Text columns compare bytewise (COLLATE "C"), as in
 * SQLite, so that code prefixes are index ranges and orders match. Events are
 * partitioned by year of their date; events_undated holds date 0. */
static const char PG_SCHEMA[] =
    "CREATE TABLE meta(key text COLLATE \"C\" PRIMARY KEY, value text NOT NULL);\n"
    "CREATE SEQUENCE stories_key_seq;\n"
    "CREATE TABLE stories(\n"
    "  key bigint PRIMARY KEY,\n"
    "  id text COLLATE \"C\" NOT NULL UNIQUE,\n"
    "  file text, line bigint, date integer NOT NULL DEFAULT 0,\n"
    "  headline text, dateline_place text, dateline_agency text, url text,\n"
    "  publisher text COLLATE \"C\",\n"
    "  text text NOT NULL, invalid_bytes bigint NOT NULL DEFAULT 0,\n"
    "  skipped_sentences bigint NOT NULL DEFAULT 0,\n"
    "  content_hash bigint NOT NULL UNIQUE, minhash bytea,\n"
    "  grp bigint NOT NULL,\n"
    "  dict_version text, prev_dict_version text,\n"
    "  added timestamptz NOT NULL DEFAULT now());\n"
    "ALTER SEQUENCE stories_key_seq OWNED BY stories.key;\n"
    "CREATE INDEX stories_date ON stories(date);\n"
    "CREATE INDEX stories_grp ON stories(grp);\n"
    "CREATE TABLE days(date integer PRIMARY KEY, n_stories bigint NOT NULL DEFAULT 0,\n"
    "  n_groups bigint NOT NULL DEFAULT 0);\n"
    "CREATE TABLE lsh(band_key bigint NOT NULL, story_key bigint NOT NULL,\n"
    "  PRIMARY KEY(band_key, story_key));\n"
    "CREATE TABLE sentences(\n"
    "  story_key bigint NOT NULL, idx integer NOT NULL,\n"
    "  span_start integer NOT NULL, span_end integer NOT NULL, text text NOT NULL,\n"
    "  date integer NOT NULL DEFAULT 0, flags integer NOT NULL DEFAULT 0,\n"
    "  tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', text)) STORED,\n"
    "  PRIMARY KEY(story_key, idx));\n"
    "CREATE INDEX sentences_tsv ON sentences USING gin(tsv);\n"
    "CREATE TABLE rules(key bigserial PRIMARY KEY, kind text COLLATE \"C\" NOT NULL,\n"
    "  file text COLLATE \"C\" NOT NULL, line bigint NOT NULL, text text COLLATE \"C\" NOT NULL,\n"
    "  UNIQUE(kind, file, line, text));\n"
    "CREATE TABLE events(\n"
    "  id bigserial, story_key bigint NOT NULL, grp bigint NOT NULL,\n"
    "  sentence integer NOT NULL, date integer NOT NULL DEFAULT 0,\n"
    "  source text COLLATE \"C\" NOT NULL, source_text text,\n"
    "  target text COLLATE \"C\" NOT NULL DEFAULT '', target_text text,\n"
    "  code text COLLATE \"C\" NOT NULL, root integer, quad_class integer,\n"
    "  goldstein double precision, location text, location_country text,\n"
    "  source_start integer, source_end integer, verb_start integer, verb_end integer,\n"
    "  target_start integer, target_end integer, rules bigint[] NOT NULL DEFAULT '{}',\n"
    "  PRIMARY KEY(date, id)) PARTITION BY RANGE (date);\n"
    "CREATE TABLE events_undated PARTITION OF events FOR VALUES FROM (MINVALUE) TO (10000);\n"
    "CREATE INDEX events_id ON events(id);\n"
    "CREATE INDEX events_dyad ON events(source, target, date, code, quad_class, goldstein, grp);\n"
    "CREATE INDEX events_target ON events(target, date);\n"
    "CREATE INDEX events_code ON events(code, date);\n"
    "CREATE INDEX events_story ON events(story_key, sentence);\n"
    "CREATE INDEX events_grp ON events(grp, source, target, code);\n"
    "CREATE TABLE dyad_agg(dir integer NOT NULL, a text COLLATE \"C\" NOT NULL,\n"
    "  b text COLLATE \"C\" NOT NULL, kind integer NOT NULL, period integer NOT NULL,\n"
    "  n_raw bigint NOT NULL, q1_raw bigint NOT NULL, q2_raw bigint NOT NULL,\n"
    "  q3_raw bigint NOT NULL, q4_raw bigint NOT NULL, g_raw bigint NOT NULL,\n"
    "  n_oad bigint NOT NULL, q1_oad bigint NOT NULL, q2_oad bigint NOT NULL,\n"
    "  q3_oad bigint NOT NULL, q4_oad bigint NOT NULL, g_oad bigint NOT NULL,\n"
    "  stories bigint NOT NULL, PRIMARY KEY(dir, a, b, kind, period));\n"
    /* The first day of the period (0 day, 1 week from Monday, 2 month) of a YYYYMMDD. */
    "CREATE FUNCTION dyad_period(d integer, kind integer) RETURNS integer\n"
    "  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$\n"
    "  SELECT CASE kind WHEN 2 THEN d / 100 * 100 + 1\n"
    "    WHEN 1 THEN (SELECT (extract(year FROM m) * 10000 + extract(month FROM m) * 100\n"
    "      + extract(day FROM m))::integer FROM (SELECT make_date(d / 10000, d / 100 % 100,\n"
    "      d % 100) - (extract(isodow FROM make_date(d / 10000, d / 100 % 100, d % 100))::integer\n"
    "      - 1) AS m) w)\n"
    "    ELSE d END $$;\n"
    "CREATE VIEW events_daily AS SELECT date, source, target, code, min(root) AS root,\n"
    "  min(quad_class) AS quad_class, min(goldstein) AS goldstein, count(*) AS mentions,\n"
    "  count(DISTINCT story_key) AS articles, count(DISTINCT grp) AS story_groups,\n"
    "  min(id) AS first_event FROM events GROUP BY date, source, target, code;\n";

/* A story of the open batch, waiting for the commit. Strings live in the batch arena. */
typedef struct pstory {
    const char *id, *file, *headline, *dateline_place, *dateline_agency, *url, *publisher;
    const char *text, *dict_version;
    size_t text_len;
    uint64_t line, invalid_bytes, skipped;
    int32_t date;
    int64_t hash;
    int has_words;
    unsigned char blob[4 * STORE_MH_K];
    int64_t bands[STORE_MH_BANDS];
    size_t sent_off, sent_len; /* its sentence rows in pg->rows, without the story key */
    size_t ev_off, ev_len;     /* its event rows, without story key and group */
    int64_t key;               /* stories.key once written */
    int64_t grp;               /* a recoded story's group */
} pstory;

/* A discard of the open batch (strings in the batch arena). One of a story the batch
 * stores (dep: 1 + its index in p) is written only if the batch does store it: when
 * another writer stored the story first, that writer keeps its discards. */
typedef struct pdiscard {
    dyad_store_discard d;
    size_t dep;
    int dead; /* the story was stored later in the batch: dropped, as the SQLite store
               * deletes an id's discards when it stores the story */
} pdiscard;

struct pg_store {
    PGconn *conn;
    char name[512];            /* the URL without user, password or options */
    int readonly, in_batch;
    arena a;                   /* the batch's strings */
    pstory *p;
    size_t n, cap;
    uint32_t *idx;             /* open addressing over p: 1 + index; ids and hashes */
    size_t slots;
    dyad_buf rows;             /* rendered COPY rows of the batch */
    unsigned char year_known[PG_YEARS / 8]; /* partitions known to exist */
    unsigned char year_want[PG_YEARS / 8];  /* years the batch's events fall in */
    rule_cache rules;          /* rules rows seen (rules are never changed or deleted) */
    int64_t max_rule_loaded;   /* reading: rules with larger keys are not loaded yet */
    pdiscard *d;               /* the batch's discards, in the order recorded */
    size_t n_d, cap_d;
    int version;               /* the schema version (after any migration) */
    int geom;                  /* events has geom (PostGIS, layout version 10) */
    int geom_pending;          /* ... but not every row has its point yet (dyad_store_upgrade) */
};

/* --- errors and statements ------------------------------------------------------------ */

int pg_is_url(const char *path) {
    return path && (!strncmp(path, "postgresql://", 13) || !strncmp(path, "postgres://", 11));
}

static void quiet_notices(void *arg, const char *message) {
    (void)arg;
    (void)message;
}

/* "what: the server's message" as the error; DYAD_EDB. */
static int pg_err(dyad_store *st, const char *what, const PGresult *r) {
    const char *m = r ? PQresultErrorMessage(r) : "";
    if (!*m && st->pg->conn) m = PQerrorMessage(st->pg->conn);
    size_t n = strlen(m);
    while (n && (m[n - 1] == '\n' || m[n - 1] == ' ')) n--;
    return store_fail(st, DYAD_EDB, "%s: %s: %.*s", st->pg->name, what, (int)n, m);
}

/* Parameters of a statement, as text (numbers formatted here) or binary. */
typedef struct params {
    int n;
    const char *v[PG_MAX_PARAMS];
    int len[PG_MAX_PARAMS], fmt[PG_MAX_PARAMS];
    char num[PG_MAX_PARAMS][24];
} params;

static void p_text(params *p, const char *s) {
    p->v[p->n] = s;
    p->len[p->n] = 0;
    p->fmt[p->n++] = 0;
}
static void p_int(params *p, int64_t x) {
    snprintf(p->num[p->n], sizeof p->num[0], "%lld", (long long)x);
    p_text(p, p->num[p->n]);
}
static void p_bin(params *p, const void *b, int len) {
    p->v[p->n] = b;
    p->len[p->n] = len;
    p->fmt[p->n++] = 1;
}

/* The session's settings, on a new connection (pg_open) or a reset one (reconnect). */
static int session_setup(dyad_store *st) {
    struct pg_store *pg = st->pg;
    PQsetNoticeProcessor(pg->conn, quiet_notices, NULL);
    if (PQsetClientEncoding(pg->conn, "UTF8")) return pg_err(st, "client encoding", NULL);
    /* A writer's statements are a batch's: small, but planned over a partitioned table of
     * millions of rows, whose estimates reach the JIT's thresholds: compiling them cost
     * 10 s of a 12.5 s dyad_agg update on the 10,000,000-event store (BENCHMARKS.md). */
    PGresult *r = PQexec(pg->conn, pg->readonly ? "SET default_transaction_read_only = on"
                                                : "SET synchronous_commit = on; SET jit = off");
    int ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    if (!ok) pg_err(st, "setting up the session", r);
    PQclear(r);
    return ok ? DYAD_OK : DYAD_EDB;
}

/* A statement of a read-only handle failed: was the connection lost (the server restarted,
 * or it ended this session) while no transaction was open (before: the transaction status
 * before the statement)? Then reconnect, once: 1 where the statement may be run again on
 * the new connection. A statement run outside a transaction sees the database as of when
 * it runs, so running it again answers as it would have. An SQL error (the connection
 * still good), a statement inside a transaction, or a writer's statement (it may have been
 * committed before the connection was lost): 0, the error stands. */
static int reconnect(dyad_store *st, PGTransactionStatusType before) {
    struct pg_store *pg = st->pg;
    if (!pg->readonly || before != PQTRANS_IDLE || PQstatus(pg->conn) != CONNECTION_BAD) return 0;
    PQreset(pg->conn);
    if (PQstatus(pg->conn) != CONNECTION_OK) return 0;
    return session_setup(st) == DYAD_OK;
}

/* Runs sql with p (may be NULL); the result, or NULL with the error recorded. */
static PGresult *run(dyad_store *st, const char *what, const char *sql, const params *p) {
    /* without parameters, sql may be several statements */
    PGTransactionStatusType before = PQtransactionStatus(st->pg->conn);
    PGresult *r = p ? PQexecParams(st->pg->conn, sql, p->n, NULL, p->v, p->len, p->fmt, 0)
                    : PQexec(st->pg->conn, sql);
    ExecStatusType s = PQresultStatus(r);
    if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK && reconnect(st, before)) {
        PQclear(r);
        r = p ? PQexecParams(st->pg->conn, sql, p->n, NULL, p->v, p->len, p->fmt, 0)
              : PQexec(st->pg->conn, sql);
        s = PQresultStatus(r);
    }
    if (s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK) return r;
    pg_err(st, what, r);
    PQclear(r);
    return NULL;
}

static int exec(dyad_store *st, const char *what, const char *sql) {
    PGresult *r = run(st, what, sql, NULL);
    if (!r) return DYAD_EDB;
    PQclear(r);
    return DYAD_OK;
}

static const char *val(const PGresult *r, int row, int col) {
    return PQgetisnull(r, row, col) ? NULL : PQgetvalue(r, row, col);
}
static int64_t num(const PGresult *r, int row, int col) {
    return PQgetisnull(r, row, col) ? 0 : strtoll(PQgetvalue(r, row, col), NULL, 10);
}

/* --- opening ---------------------------------------------------------------------------- */

/* The URL for messages: scheme, host and database, without user, password or options. */
static void display_name(const char *url, char *out, size_t cap) {
    const char *rest = strstr(url, "://") + 3;
    size_t host = strcspn(rest, "/?#");
    const char *at = NULL;
    for (const char *c = rest; c < rest + host; c++)
        if (*c == '@') at = c;
    const char *from = at ? at + 1 : rest;
    snprintf(out, cap, "%.*s%.*s", (int)(rest - url), url, (int)strcspn(from, "?#"), from);
}

/* Whether a table is absent from the current schema, read from the catalog with the
 * statement's snapshot: after an advisory lock, to_regclass() may answer from a cache
 * that has not seen what another session committed. */
#define ABSENT(table)                                                                          \
    "SELECT NOT EXISTS(SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n"    \
    " ON n.oid = c.relnamespace WHERE c.relname = '" table "' AND n.nspname = current_schema())"

/* In the schema's transaction, under the schema lock: events.geom, its trigger and its
 * index (PG_GEOM_SCHEMA) where the database has PostGIS, creating the extension where the
 * server has it and this user may (a superuser: PostGIS is not a trusted extension).
 * Without it, nothing and no error: the store is the same less geom (docs/database.md).
 * A new store (fresh: no events yet) gets the index at once; an older one's rows are
 * filled and its index built by dyad_store_upgrade (PG_GEOM_PENDING), so that adding the
 * column takes a moment, not a rewrite of every partition. */
static int geom_add(dyad_store *st, int fresh) {
    PGresult *r = run(st, "updating the schema",
                      "SELECT EXISTS(SELECT 1 FROM pg_extension WHERE extname = 'postgis'),"
                      " EXISTS(SELECT 1 FROM pg_available_extensions WHERE name = 'postgis')", NULL);
    if (!r) return DYAD_EDB;
    int installed = !strcmp(PQgetvalue(r, 0, 0), "t"), available = !strcmp(PQgetvalue(r, 0, 1), "t");
    PQclear(r);
    /* a BEFORE ROW trigger on a partitioned table (dyad_geom) needs PostgreSQL 13 */
    if ((!installed && !available) || PQserverVersion(st->pg->conn) < 130000) return DYAD_OK;
    if (!installed) { /* a failure (not allowed) rolls back to the savepoint, no further */
        int rc = exec(st, "updating the schema", "SAVEPOINT dyad_geom");
        if (rc) return rc;
        PGresult *c = PQexec(st->pg->conn, "CREATE EXTENSION IF NOT EXISTS postgis");
        int ok = PQresultStatus(c) == PGRES_COMMAND_OK;
        PQclear(c);
        rc = exec(st, "updating the schema", ok ? "RELEASE SAVEPOINT dyad_geom"
                                                : "ROLLBACK TO SAVEPOINT dyad_geom");
        if (rc || !ok) return rc;
    }
    /* installed in a schema off the search path: its type and functions cannot be named */
    r = run(st, "updating the schema", "SELECT to_regtype('geometry') IS NOT NULL", NULL);
    if (!r) return DYAD_EDB;
    int named = !strcmp(PQgetvalue(r, 0, 0), "t");
    PQclear(r);
    if (!named) return DYAD_OK;
    int rc = exec(st, "updating the schema", PG_GEOM_SCHEMA);
    if (!rc)
        rc = exec(st, "updating the schema",
                  fresh ? "CREATE INDEX IF NOT EXISTS events_geom ON events USING gist(geom)"
                        : PG_GEOM_PENDING);
    if (!rc) st->pg->geom = 1, st->pg->geom_pending = !fresh;
    return rc;
}

static int create_schema(dyad_store *st) {
    char meta[160];
    snprintf(meta, sizeof meta,
             "INSERT INTO meta(key, value) VALUES('schema_version', '%d'), ('backend', 'postgresql')",
             PG_SCHEMA_VERSION);
    char lock[96];
    snprintf(lock, sizeof lock, "SELECT pg_advisory_xact_lock(%d, %d)", PG_LOCK_CLASS, PG_LOCK_SCHEMA);
    int rc = exec(st, "creating the schema", "BEGIN");
    if (!rc) rc = exec(st, "creating the schema", lock);
    PGresult *r = rc ? NULL : run(st, "creating the schema", ABSENT("meta"), NULL);
    if (!rc && !r) rc = DYAD_EDB;
    int absent = r && !strcmp(PQgetvalue(r, 0, 0), "t");
    PQclear(r);
    if (!rc && absent) rc = exec(st, "creating the schema", PG_SCHEMA);
    if (!rc && absent) rc = exec(st, "creating the schema", PG_DISCARDS_SCHEMA);
    if (!rc && absent) rc = exec(st, "creating the schema", PG_PLACES_SCHEMA);
    if (!rc && absent) rc = exec(st, "creating the schema", PG_TOPS_SCHEMA);
    if (!rc && absent) rc = exec(st, "creating the schema", PG_PREVIOUS_SCHEMA);
    if (!rc && absent) rc = exec(st, "creating the schema", PG_LATLON_SCHEMA);
    if (!rc && absent) rc = exec(st, "creating the schema", PG_ACTOR_SCHEMA);
    if (!rc && absent) rc = exec(st, "creating the schema", PG_ACTOR_DAY_SCHEMA);
    if (!rc && absent) rc = geom_add(st, 1);
    if (!rc && absent) rc = exec(st, "creating the schema", meta);
    if (!rc) return exec(st, "creating the schema", "COMMIT");
    PQclear(PQexec(st->pg->conn, "ROLLBACK"));
    return rc;
}

/* Brings a database of an older layout to PG_SCHEMA_VERSION, under the schema lock (two
 * writers opening it at once migrate it once). A reader reads it as it is. */
static int migrate(dyad_store *st) {
    char lock[128], meta[128];
    snprintf(lock, sizeof lock, "SELECT pg_advisory_xact_lock(%d, %d), pg_advisory_xact_lock(%d, %d)",
             PG_LOCK_CLASS, PG_LOCK_SCHEMA, PG_LOCK_CLASS, PG_LOCK_WRITE);
    snprintf(meta, sizeof meta, "UPDATE meta SET value = '%d' WHERE key = 'schema_version'",
             PG_SCHEMA_VERSION);
    int rc = exec(st, "updating the schema", "BEGIN");
    if (!rc) rc = exec(st, "updating the schema", lock);
    /* the version again, under the locks: another writer may have migrated it meanwhile */
    PGresult *r = rc ? NULL : run(st, "updating the schema",
                                  "SELECT value FROM meta WHERE key = 'schema_version'", NULL);
    if (!rc && !r) rc = DYAD_EDB;
    int v = r && PQntuples(r) ? atoi(PQgetvalue(r, 0, 0)) : 0;
    PQclear(r);
    if (!rc && v < 2) rc = exec(st, "updating the schema", PG_DISCARDS_SCHEMA);
    if (!rc && v < 3) rc = exec(st, "updating the schema", PG_PLACES_SCHEMA);
    if (!rc && v < 4) rc = exec(st, "updating the schema", PG_TOPS_SCHEMA);
    if (!rc && v < 4) rc = exec(st, "updating the schema", PG_TOPS_FILL);
    if (!rc && v < 5) rc = exec(st, "updating the schema", PG_PREVIOUS_SCHEMA);
    if (!rc && v < 6) rc = exec(st, "updating the schema", PG_AGG_ALL_FILL);
    if (!rc && v < 7) rc = exec(st, "updating the schema", PG_LATLON_SCHEMA);
    if (!rc && v < 8) rc = exec(st, "updating the schema", PG_ACTOR_SCHEMA);
    if (!rc && v < 8) rc = exec(st, "updating the schema", PG_ACTOR_FILL);
    if (!rc && v < 9) rc = exec(st, "updating the schema", PG_ACTOR_DAY_SCHEMA);
    if (!rc && v < 9) rc = exec(st, "updating the schema", PG_ACTOR_DAY_FILL);
    /* the planner's statistics of the tables filled (a new table has none until
     * autovacuum comes) */
    if (!rc && v < 9) rc = exec(st, "updating the schema", "ANALYZE actor_agg, actor_day");
    /* version 10, or PostGIS installed in the database since */
    if (!rc && (v < 10 || !st->pg->geom)) rc = geom_add(st, 0);
    if (!rc) rc = exec(st, "updating the schema", meta);
    if (!rc) rc = exec(st, "updating the schema", "COMMIT");
    if (rc) {
        PQclear(PQexec(st->pg->conn, "ROLLBACK"));
        return rc;
    }
    st->pg->version = PG_SCHEMA_VERSION;
    return DYAD_OK;
}

static int check_schema(dyad_store *st, int may_create) {
    PGresult *r = run(st, "reading the database",
                      "SELECT to_regclass('meta') IS NOT NULL, (SELECT count(*) FROM pg_tables"
                      " WHERE schemaname = current_schema())", NULL);
    if (!r) return DYAD_EDB;
    int has_meta = !strcmp(PQgetvalue(r, 0, 0), "t");
    int64_t tables = num(r, 0, 1);
    PQclear(r);
    if (!has_meta) {
        if (tables == 0 && may_create && !st->pg->readonly) {
            int rc = create_schema(st);
            return rc ? rc : check_schema(st, 0);
        }
        if (tables == 0)
            return store_fail(st, DYAD_EDB, "%s: an empty database (nothing ingested yet)", st->pg->name);
        return store_fail(st, DYAD_EDB, "%s: not a dyad database (it has no meta table)", st->pg->name);
    }
    r = run(st, "reading the schema version",
            "SELECT (SELECT value FROM meta WHERE key = 'schema_version'),"
            " (SELECT value FROM meta WHERE key = 'backend'),"
            " EXISTS(SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('events')"
            "  AND attname = 'geom' AND NOT attisdropped),"
            " EXISTS(SELECT 1 FROM pg_extension WHERE extname = 'postgis'),"
            " EXISTS(SELECT 1 FROM meta WHERE key = 'geom_backfill')", NULL);
    if (!r) return DYAD_EDB;
    int version = val(r, 0, 0) ? atoi(val(r, 0, 0)) : 0;
    int is_pg = val(r, 0, 1) && !strcmp(val(r, 0, 1), "postgresql");
    st->pg->geom = !strcmp(PQgetvalue(r, 0, 2), "t");
    int postgis = !strcmp(PQgetvalue(r, 0, 3), "t");
    st->pg->geom_pending = !strcmp(PQgetvalue(r, 0, 4), "t");
    PQclear(r);
    if (!is_pg || version < 1)
        return store_fail(st, DYAD_EDB, "%s: not a dyad database (no dyad schema version)", st->pg->name);
    if (version > PG_SCHEMA_VERSION)
        return store_fail(st, DYAD_EDB,
                          "%s: schema version %d is newer than this dyad understands (%d); use a "
                          "newer dyad", st->pg->name, version, PG_SCHEMA_VERSION);
    st->pg->version = version;
    /* a store of layout 10 made without PostGIS gets geom once the database has it */
    if ((version < PG_SCHEMA_VERSION || (!st->pg->geom && postgis)) && !st->pg->readonly)
        return migrate(st);
    return DYAD_OK;
}

int pg_open(dyad_store *st, const char *url, unsigned flags) {
    struct pg_store *pg = calloc(1, sizeof *pg);
    if (!pg) return store_fail(st, DYAD_ENOMEM, "out of memory");
    st->pg = pg;
    st->readonly = pg->readonly = (flags & DYAD_STORE_READONLY) != 0;
    display_name(url, pg->name, sizeof pg->name);
    pg->conn = PQconnectdb(url);
    if (!pg->conn) return store_fail(st, DYAD_ENOMEM, "%s: out of memory", pg->name);
    if (PQstatus(pg->conn) != CONNECTION_OK) {
        int rc = pg_err(st, "cannot connect", NULL);
        return rc;
    }
    int rc = session_setup(st);
    if (rc) return rc;
    return check_schema(st, (flags & DYAD_STORE_CREATE) != 0);
}

static void batch_reset(struct pg_store *pg) {
    arena_reset(&pg->a);
    pg->n = 0;
    pg->n_d = 0;
    dyad_buf_reset(&pg->rows);
    if (pg->idx) memset(pg->idx, 0, pg->slots * sizeof *pg->idx);
    memset(pg->year_want, 0, sizeof pg->year_want);
}

static void rules_drop(struct pg_store *pg) {
    rule_cache_clear(&pg->rules);
    pg->max_rule_loaded = 0;
}

void pg_close(dyad_store *st) {
    struct pg_store *pg = st->pg;
    if (!pg) return;
    if (pg->conn) PQfinish(pg->conn);
    arena_free(&pg->a);
    free(pg->p);
    free(pg->idx);
    free(pg->d);
    dyad_buf_free(&pg->rows);
    rules_drop(pg);
    free(pg);
    st->pg = NULL;
}

const char *pg_name(const dyad_store *st) { return st->pg->name; }

/* --- the rules table ---------------------------------------------------------------------- */

/* The key of rule r, inserting its row when it is new. Outside the batch's transaction,
 * by itself: rows of rules are never changed or deleted, and one that no event names
 * (its batch failed) is harmless. */
static int rule_key(dyad_store *st, const dyad_rule *r, int64_t *key) {
    struct pg_store *pg = st->pg;
    const char *kind = r->kind ? r->kind : "", *file = r->file ? r->file : "";
    const char *text = r->text ? r->text : "";
    rule_ent *e = rule_cache_find(&pg->rules, kind, file, r->line, text);
    if (e) {
        *key = e->key;
        return DYAD_OK;
    }
    params p = {0};
    p_text(&p, kind);
    p_text(&p, file);
    p_int(&p, (int64_t)r->line);
    p_text(&p, text);
    PGresult *q = run(st, "storing a rule",
                      "WITH i AS (INSERT INTO rules(kind, file, line, text) VALUES($1, $2, $3, $4)"
                      " ON CONFLICT DO NOTHING RETURNING key) SELECT key FROM i UNION ALL"
                      " SELECT key FROM rules WHERE kind = $1 AND file = $2 AND line = $3"
                      " AND text = $4", &p);
    if (!q) return DYAD_EDB;
    if (PQntuples(q) < 1) {
        /* Another writer inserted the row while this statement ran: ON CONFLICT waited
         * for its commit, but the statement's snapshot is older. A new statement sees it. */
        PQclear(q);
        q = run(st, "storing a rule",
                "SELECT key FROM rules WHERE kind = $1 AND file = $2 AND line = $3 AND text = $4", &p);
        if (!q) return DYAD_EDB;
    }
    if (PQntuples(q) < 1) {
        PQclear(q);
        return store_fail(st, DYAD_EDB, "%s: storing a rule: no key came back", pg->name);
    }
    *key = num(q, 0, 0);
    PQclear(q);
    if (!rule_cache_add(&pg->rules, *key, kind, file, r->line, text)) return DYAD_ENOMEM;
    return DYAD_OK;
}

/* Loads the rules rows not loaded yet. */
static int rules_load(dyad_store *st) {
    params p = {0};
    p_int(&p, st->pg->max_rule_loaded);
    PGresult *r = run(st, "reading rules",
                      "SELECT key, kind, file, line, text FROM rules WHERE key > $1 ORDER BY key", &p);
    if (!r) return DYAD_EDB;
    for (int i = 0; i < PQntuples(r); i++) {
        int64_t key = num(r, i, 0);
        if (!rule_cache_add(&st->pg->rules, key, PQgetvalue(r, i, 1), PQgetvalue(r, i, 2),
                      (uint64_t)num(r, i, 3), PQgetvalue(r, i, 4))) {
            PQclear(r);
            return DYAD_ENOMEM;
        }
        if (key > st->pg->max_rule_loaded) st->pg->max_rule_loaded = key;
    }
    PQclear(r);
    return DYAD_OK;
}

/* An events.rules value ("{12,345,9}") into rules in arena a. may_load: rules not known
 * yet may be read (no query is streaming). */
static int rules_parse(dyad_store *st, const char *v, arena *a, const dyad_rule **out, size_t *n,
                       int may_load) {
    *out = NULL;
    *n = 0;
    if (!v) return DYAD_OK;
    size_t cnt = 0;
    for (const char *c = v; *c; c++) cnt += *c == ',';
    if (strcmp(v, "{}")) cnt++;
    if (!cnt) return DYAD_OK;
    dyad_rule *r = arena_calloc(a, cnt, sizeof *r);
    if (!r) return DYAD_ENOMEM;
    const char *c = v + (*v == '{');
    for (size_t i = 0; i < cnt; i++) {
        char *end;
        int64_t key = strtoll(c, &end, 10);
        rule_ent *e = rule_cache_key(&st->pg->rules, key);
        if (!e && may_load) {
            int rc = rules_load(st);
            if (rc) return rc;
            e = rule_cache_key(&st->pg->rules, key);
        }
        if (!e) {
            return store_fail(st, DYAD_EFORMAT, "%s: an event names rule %lld, which is not"
                                  " stored", st->pg->name, (long long)key);
        }
        r[i] = (dyad_rule){e->kind, e->file, e->line, e->text};
        c = end + (*end == ',');
    }
    *out = r;
    *n = cnt;
    return DYAD_OK;
}

/* --- the batch ---------------------------------------------------------------------------- */

int pg_begin(dyad_store *st) {
    struct pg_store *pg = st->pg;
    if (pg->readonly) return store_fail(st, DYAD_EINVAL, "the store was opened read-only");
    if (pg->in_batch) return store_fail(st, DYAD_EINVAL, "a batch is already open");
    batch_reset(pg);
    pg->in_batch = 1;
    return DYAD_OK;
}

int pg_rollback(dyad_store *st) {
    if (!st->pg->in_batch) return DYAD_EINVAL;
    st->pg->in_batch = 0;
    batch_reset(st->pg);
    return DYAD_OK;
}

/* Appends s as a COPY text field (NULL as \N), then sep. */
static int copy_field(dyad_buf *b, const char *s, size_t n, char sep) {
    if (!s) {
        if (dyad_buf_append(b, "\\N", 2)) return DYAD_ENOMEM;
    } else {
        size_t from = 0;
        for (size_t i = 0; i < n; i++) {
            char esc = s[i] == '\\' ? '\\' : s[i] == '\t' ? 't' : s[i] == '\n' ? 'n' : s[i] == '\r' ? 'r' : 0;
            if (!esc) continue;
            char e2[2] = {'\\', esc};
            if (dyad_buf_append(b, s + from, i - from) || dyad_buf_append(b, e2, 2)) return DYAD_ENOMEM;
            from = i + 1;
        }
        if (dyad_buf_append(b, s + from, n - from)) return DYAD_ENOMEM;
    }
    return dyad_buf_append(b, &sep, 1);
}
static int copy_str(dyad_buf *b, const char *s, char sep) {
    return copy_field(b, s, s ? strlen(s) : 0, sep);
}
static int copy_int(dyad_buf *b, int64_t x, char sep) {
    char t[24];
    int n = snprintf(t, sizeof t, "%lld", (long long)x);
    return copy_field(b, t, (size_t)n, sep);
}

/* A string column that keeps "" as NULL (the SQLite store's bind_opt_text). */
static int copy_opt(dyad_buf *b, const char *s, char sep) { return copy_str(b, s && *s ? s : NULL, sep); }
static int copy_dbl(dyad_buf *b, double x, char sep) {
    char t[40];
    int n = snprintf(t, sizeof t, "%.17g", x);
    return copy_field(b, t, (size_t)n, sep);
}
static int copy_span(dyad_buf *b, dyad_span sp, char sep) {
    if (sp.end <= sp.start) return copy_str(b, NULL, '\t') || copy_str(b, NULL, sep) ? DYAD_ENOMEM : DYAD_OK;
    return copy_int(b, sp.start, '\t') || copy_int(b, sp.end, sep) ? DYAD_ENOMEM : DYAD_OK;
}

/* An actor's STORE_ACTOR_PLACE_NCOLS fields (store.c's bind_actor_place), then sep. */
static int copy_actor_place(dyad_buf *b, const dyad_place *p, char sep) {
    int rc = DYAD_OK;
    if (p->precision < DYAD_GEO_COUNTRY || p->precision > DYAD_GEO_CITY) {
        for (int k = 0; k < STORE_ACTOR_PLACE_NCOLS && !rc; k++)
            rc = copy_str(b, NULL, k + 1 < STORE_ACTOR_PLACE_NCOLS ? '\t' : sep);
        return rc;
    }
    if (copy_str(b, store_geo_precision[p->precision], '\t') || copy_opt(b, p->country, '\t') ||
        copy_opt(b, p->country2, '\t') || copy_opt(b, p->adm1, '\t') || copy_opt(b, p->region, '\t') ||
        copy_opt(b, p->name, '\t') || copy_opt(b, p->full_name, '\t') || copy_dbl(b, p->lat, '\t') ||
        copy_dbl(b, p->lon, '\t') ||
        (p->feature_id ? copy_int(b, p->feature_id, '\t') : copy_str(b, NULL, '\t')) ||
        copy_opt(b, p->text, '\t') || copy_opt(b, p->from, '\t') || copy_span(b, p->span, sep))
        return DYAD_ENOMEM;
    return DYAD_OK;
}

/* An event's PG_PLACE_NCOLS fields (store.c's bind_place, then its actors'), then sep. */
static int copy_places(dyad_buf *b, const dyad_event *e, char sep) {
    int dp = e->date_precision;
    if (copy_str(b, e->date ? store_date_precision[dp >= 0 && dp <= 2 ? dp : 0] : NULL, '\t'))
        return DYAD_ENOMEM;
    const dyad_place *p = &e->place;
    if (p->precision < DYAD_GEO_COUNTRY || p->precision > DYAD_GEO_CITY) {
        for (int k = 1; k < STORE_PLACE_NCOLS; k++)
            if (copy_str(b, NULL, '\t')) return DYAD_ENOMEM;
    } else if (copy_str(b, store_geo_precision[p->precision], '\t') || copy_opt(b, p->country2, '\t') ||
               copy_opt(b, p->adm1, '\t') || copy_opt(b, p->region, '\t') || copy_opt(b, p->name, '\t') ||
               copy_opt(b, p->full_name, '\t') || copy_dbl(b, p->lat, '\t') || copy_dbl(b, p->lon, '\t') ||
               (p->feature_id ? copy_int(b, p->feature_id, '\t') : copy_str(b, NULL, '\t')) ||
               copy_opt(b, p->from, '\t') || copy_span(b, p->span, '\t')) {
        return DYAD_ENOMEM;
    }
    if (copy_actor_place(b, &e->source_place, '\t')) return DYAD_ENOMEM;
    return copy_actor_place(b, &e->target_place, sep);
}

static uint64_t hash_str(uint64_t h, const char *s) {
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
    return store_mix64(h ^ 0xff);
}

static uint64_t id_hash(const char *id) { return hash_str(0x84222325cbf29ce4ull, id); }

/* The pending story with this id, or (id NULL) with this content hash; NULL when none.
 * pg->idx holds 1 + 2i for p[i]'s id, 2 + 2i for its hash. */
static pstory *pending_find(struct pg_store *pg, const char *id, int64_t hash) {
    if (!pg->slots) return NULL;
    uint64_t k = id ? id_hash(id) : store_mix64((uint64_t)hash);
    for (size_t j = (size_t)k & (pg->slots - 1); pg->idx[j]; j = (j + 1) & (pg->slots - 1)) {
        pstory *s = &pg->p[(pg->idx[j] - 1) / 2];
        int by_id = (pg->idx[j] - 1) % 2 == 0;
        if (id ? by_id && !strcmp(s->id, id) : !by_id && s->hash == hash) return s;
    }
    return NULL;
}

static void index_story(struct pg_store *pg, uint32_t *ix, size_t slots, size_t i) {
    for (int w = 0; w < 2; w++) {
        uint64_t k = w ? store_mix64((uint64_t)pg->p[i].hash) : id_hash(pg->p[i].id);
        size_t j = (size_t)k & (slots - 1);
        while (ix[j]) j = (j + 1) & (slots - 1);
        ix[j] = (uint32_t)(2 * i + (size_t)w + 1);
    }
}

/* Indexes the newest pending story (p[n - 1]) by id and by content hash. */
static int pending_index(struct pg_store *pg) {
    if (4 * pg->n > pg->slots) {
        size_t slots = pg->slots ? 2 * pg->slots : 4096;
        while (4 * pg->n > slots) slots *= 2;
        uint32_t *ix = calloc(slots, sizeof *ix);
        if (!ix) return DYAD_ENOMEM;
        for (size_t i = 0; i + 1 < pg->n; i++) index_story(pg, ix, slots, i);
        free(pg->idx);
        pg->idx = ix;
        pg->slots = slots;
    }
    index_story(pg, pg->idx, pg->slots, pg->n - 1);
    return DYAD_OK;
}

static const char *adup(arena *a, const char *s) { return s ? arena_strndup(a, s, strlen(s)) : NULL; }

/* Takes discard d into the open batch (copied, its detail cut as the SQLite store cuts
 * it); dep as in pdiscard. */
static int stage_discard(struct pg_store *pg, const dyad_store_discard *d, size_t dep) {
    pdiscard *nd = store_grow(pg->d, pg->n_d + 1, &pg->cap_d, sizeof *nd, 64);
    if (!nd) return DYAD_ENOMEM;
    pg->d = nd;
    pdiscard *x = &pg->d[pg->n_d];
    memset(x, 0, sizeof *x);
    arena *a = &pg->a;
    x->d = *d;
    x->d.story = adup(a, d->story ? d->story : "");
    x->d.file = adup(a, d->file);
    x->d.reason = adup(a, d->reason);
    x->d.detail = d->detail ? arena_strndup(a, d->detail, store_discard_detail_len(d->detail)) : NULL;
    x->d.headline = adup(a, d->headline);
    if (!x->d.story || !x->d.file || !x->d.reason || (d->detail && !x->d.detail) ||
        (d->headline && !x->d.headline))
        return DYAD_ENOMEM;
    x->dep = dep;
    pg->n_d++;
    return DYAD_OK;
}

/* A story refused for the id conflict st->err describes, among the batch's discards
 * (st->err kept). */
static int stage_conflict(dyad_store *st, const dyad_story *s) {
    dyad_store_discard d = {s->id, s->file ? s->file : "", s->line, -1, DYAD_DISCARD_ID_CONFLICT,
                            st->err, s->date, s->headline};
    return stage_discard(st->pg, &d, 0);
}

/* A too-long sentence's discard, depending on the story just taken (p[n - 1]). */
static int stage_sink(void *pg, const dyad_store_discard *d) {
    return stage_discard(pg, d, ((struct pg_store *)pg)->n);
}

/* Story s was taken into the batch as p[n - 1]: the batch's earlier discards of its id
 * are dropped, and its sentences over a limit recorded. */
static int stage_added_discards(struct pg_store *pg, const dyad_story *s) {
    for (size_t i = 0; i < pg->n_d; i++)
        if (!strcmp(pg->d[i].d.story, s->id)) pg->d[i].dead = 1;
    return store_each_too_long(s, stage_sink, pg);
}

/* Takes a story into the open batch: checked against the stored stories and the batch's,
 * fingerprinted, its rows rendered. */
/* Renders the COPY rows of x's events (sentence ... places, without story key and group)
 * into pg->rows; notes their years. */
static int render_events(dyad_store *st, pstory *x, const dyad_event *ev, size_t n_ev) {
    struct pg_store *pg = st->pg;
    dyad_buf *b = &pg->rows;
    int rc = DYAD_OK;
    x->ev_off = b->len;
    dyad_buf keys = {0};
    for (size_t i = 0; i < n_ev && !rc; i++) {
        const dyad_event *e = &ev[i];
        dyad_buf_reset(&keys);
        rc = dyad_buf_puts(&keys, "{");
        for (size_t k = 0; k < e->n_rules && !rc; k++) {
            int64_t key = 0;
            char t[24];
            if ((rc = rule_key(st, &e->rules[k], &key))) break;
            snprintf(t, sizeof t, "%s%lld", k ? "," : "", (long long)key);
            rc = dyad_buf_puts(&keys, t);
        }
        if (rc || (rc = dyad_buf_puts(&keys, "}"))) break;
        char gold[40];
        snprintf(gold, sizeof gold, "%.17g", e->goldstein);
        if ((rc = copy_int(b, e->sentence, '\t')) || (rc = copy_int(b, e->date, '\t')) ||
            (rc = copy_str(b, e->source, '\t')) || (rc = copy_str(b, e->source_text, '\t')) ||
            (rc = copy_str(b, e->target, '\t')) || (rc = copy_str(b, e->target_text, '\t')) ||
            (rc = copy_str(b, e->code, '\t')) || (rc = copy_int(b, e->root, '\t')) ||
            (rc = copy_int(b, e->quad_class, '\t')) || (rc = copy_str(b, gold, '\t')) ||
            (rc = copy_str(b, e->location, '\t')) || (rc = copy_str(b, e->location_country, '\t')) ||
            (rc = copy_int(b, e->source_span.start, '\t')) || (rc = copy_int(b, e->source_span.end, '\t')) ||
            (rc = copy_int(b, e->verb_span.start, '\t')) || (rc = copy_int(b, e->verb_span.end, '\t')) ||
            (rc = copy_int(b, e->target_span.start, '\t')) || (rc = copy_int(b, e->target_span.end, '\t')) ||
            (rc = copy_field(b, keys.data, keys.len, '\t')) || (rc = copy_places(b, e, '\n')))
            break;
        int year = e->date > 0 ? e->date / 10000 : 0;
        if (year > 0 && year < PG_YEARS) pg->year_want[year / 8] |= (unsigned char)(1u << (year % 8));
    }
    dyad_buf_free(&keys);
    if (rc) return rc;
    x->ev_len = b->len - x->ev_off;
    return DYAD_OK;
}

static int stage(dyad_store *st, const dyad_story *s, const dyad_event *ev, size_t n_ev,
                 const char *dict_version, dyad_store_result *result) {
    struct pg_store *pg = st->pg;
    int64_t hash = (int64_t)store_body_hash(s);
    /* A stored id: a duplicate with the same body, refused with another (as SQLite's). */
    const pstory *same = pending_find(pg, s->id, 0);
    if (same) {
        if (same->hash == hash) {
            *result = DYAD_STORE_DUPLICATE_ID;
        } else {
            *result = DYAD_STORE_CONFLICT_ID;
            store_fail(st, DYAD_OK, "its id is that of a stored story (from %s:%llu) with another"
                       " text; give one of the two another id", same->file && *same->file
                       ? same->file : "?", (unsigned long long)same->line);
            return stage_conflict(st, s);
        }
        return DYAD_OK;
    }
    params p = {0};
    p_text(&p, s->id);
    p_int(&p, hash);
    PGresult *r = run(st, "looking a story up",
                      "SELECT (SELECT content_hash FROM stories WHERE id = $1),"
                      " EXISTS(SELECT 1 FROM stories WHERE content_hash = $2),"
                      " (SELECT coalesce(nullif(file, ''), '?') || ':' || coalesce(line::text, '?') FROM stories"
                      " WHERE id = $1)", &p);
    if (!r) return DYAD_EDB;
    int id_known = !PQgetisnull(r, 0, 0), hash_known = !strcmp(PQgetvalue(r, 0, 1), "t");
    if (id_known) {
        if (strtoll(PQgetvalue(r, 0, 0), NULL, 10) == hash) {
            *result = DYAD_STORE_DUPLICATE_ID;
        } else {
            *result = DYAD_STORE_CONFLICT_ID;
            store_fail(st, DYAD_OK, "its id is that of a stored story (from %s) with another"
                       " text; give one of the two another id", PQgetvalue(r, 0, 2));
            PQclear(r);
            return stage_conflict(st, s);
        }
        PQclear(r);
        return DYAD_OK;
    }
    PQclear(r);
    if (hash_known || pending_find(pg, NULL, hash)) {
        *result = DYAD_STORE_DUPLICATE_TEXT;
        return DYAD_OK;
    }
    pstory *np = store_grow(pg->p, pg->n + 1, &pg->cap, sizeof *np, 256);
    if (!np) return DYAD_ENOMEM;
    pg->p = np;
    pstory *x = &pg->p[pg->n];
    memset(x, 0, sizeof *x);
    arena *a = &pg->a;
    x->id = adup(a, s->id);
    x->file = adup(a, s->file);
    x->headline = adup(a, s->headline);
    x->dateline_place = adup(a, s->dateline_place);
    x->dateline_agency = adup(a, s->dateline_agency);
    x->url = adup(a, s->url);
    x->publisher = adup(a, s->publisher);
    x->dict_version = adup(a, dict_version);
    x->text = arena_strndup(a, s->text ? s->text : "", s->text ? s->text_len : 0);
    x->text_len = s->text ? s->text_len : 0;
    if (!x->id || !x->text || (s->file && !x->file) || (s->headline && !x->headline) ||
        (s->dateline_place && !x->dateline_place) || (s->dateline_agency && !x->dateline_agency) ||
        (s->url && !x->url) || (s->publisher && !x->publisher) || (dict_version && !x->dict_version))
        return DYAD_ENOMEM;
    x->line = s->line;
    x->invalid_bytes = s->invalid_bytes;
    x->skipped = s->skipped_sentences;
    x->date = s->date;
    x->hash = hash;
    store_minhash *m = malloc(sizeof *m);
    if (!m) return DYAD_ENOMEM;
    x->has_words = store_minhash_story(s, m);
    if (x->has_words) {
        store_minhash_blob(m, x->blob);
        for (int b = 0; b < STORE_MH_BANDS; b++) x->bands[b] = store_band_key(m, b);
    }
    free(m);
    /* sentence rows: idx, span_start, span_end, text, date, flags */
    dyad_buf *b = &pg->rows;
    int rc = DYAD_OK;
    x->sent_off = b->len;
    for (size_t i = 0; i < s->n_sentences && !rc; i++) {
        const dyad_sentence *se = &s->sentences[i];
        if ((rc = copy_int(b, se->index, '\t')) || (rc = copy_int(b, se->start, '\t')) ||
            (rc = copy_int(b, se->end, '\t')) ||
            (rc = copy_field(b, se->text ? se->text : "", se->text ? se->text_len : 0, '\t')) ||
            (rc = copy_int(b, se->date, '\t')) || (rc = copy_int(b, (int64_t)se->flags, '\n')))
            break;
    }
    x->sent_len = b->len - x->sent_off;
    /* event rows: sentence ... rules */
    if (!rc) rc = render_events(st, x, ev, n_ev);
    if (rc) return rc;
    pg->n++;
    if ((rc = stage_added_discards(pg, s))) return rc;
    if ((rc = pending_index(pg))) return rc;
    *result = DYAD_STORE_ADDED;
    return DYAD_OK;
}

/* Creates the year partitions the batch needs, each in a short transaction of its own
 * (creating one locks the events table against readers: not for a whole batch). */
static int ensure_partitions(dyad_store *st) {
    struct pg_store *pg = st->pg;
    for (int y = 1; y < PG_YEARS; y++) {
        unsigned char bit = (unsigned char)(1u << (y % 8));
        if (!(pg->year_want[y / 8] & bit) || (pg->year_known[y / 8] & bit)) continue;
        char table[32], sql[512];
        snprintf(table, sizeof table, "events_y%04d", y);
        snprintf(sql, sizeof sql, "SELECT pg_advisory_xact_lock(%d, %d)", PG_LOCK_CLASS, PG_LOCK_SCHEMA);
        int rc = exec(st, "creating a partition", "BEGIN");
        if (!rc) rc = exec(st, "creating a partition", sql);
        snprintf(sql, sizeof sql, ABSENT("%s"), table);
        PGresult *r = rc ? NULL : run(st, "creating a partition", sql, NULL);
        if (!rc && !r) rc = DYAD_EDB;
        if (r && !strcmp(PQgetvalue(r, 0, 0), "t")) {
            snprintf(sql, sizeof sql, "CREATE TABLE %s PARTITION OF events FOR VALUES FROM (%d) TO (%d)",
                     table, y * 10000, (y + 1) * 10000);
            rc = exec(st, "creating a partition", sql);
        }
        PQclear(r);
        if (!rc) rc = exec(st, "creating a partition", "COMMIT");
        if (rc) {
            PQclear(PQexec(pg->conn, "ROLLBACK"));
            return rc;
        }
        pg->year_known[y / 8] |= bit;
    }
    return DYAD_OK;
}

/* The group of the most similar stored story (store.c's find_group: the newest
 * STORE_BAND_CANDIDATES of each band's bucket, those sharing the most bands first, at
 * most STORE_MAX_VERIFY of them); 0 for none. */
static int find_group(dyad_store *st, const pstory *x, int64_t *group) {
    *group = 0;
    char bands[STORE_MH_BANDS * 22 + 4];
    size_t o = 0;
    bands[o++] = '{';
    for (int b = 0; b < STORE_MH_BANDS; b++)
        o += (size_t)snprintf(bands + o, sizeof bands - o, "%s%lld", b ? "," : "", (long long)x->bands[b]);
    snprintf(bands + o, sizeof bands - o, "}");
    params p = {0};
    p_text(&p, bands);
    PGresult *r = run(st, "near-duplicates",
                      "SELECT encode(s.minhash, 'hex'), s.grp FROM (SELECT l.story_key, count(*) AS n"
                      " FROM unnest($1::bigint[]) AS k(band_key) CROSS JOIN LATERAL (SELECT story_key"
                      " FROM lsh WHERE lsh.band_key = k.band_key ORDER BY story_key DESC LIMIT 16) l"
                      " GROUP BY l.story_key ORDER BY n DESC, l.story_key DESC LIMIT 32) c"
                      " JOIN stories s ON s.key = c.story_key ORDER BY c.n DESC, c.story_key DESC", &p);
    if (!r) return DYAD_EDB;
    double best = 0;
    for (int i = 0; i < PQntuples(r); i++) {
        const char *h = val(r, i, 0);
        if (!h || strlen(h) != 8 * STORE_MH_K) continue;
        int same = 0;
        for (int k = 0; k < STORE_MH_K; k++) {
            int eq = 1;
            for (int j = 0; j < 4; j++) {
                const char *c = h + 8 * k + 2 * j;
                unsigned v = (unsigned)((c[0] <= '9' ? c[0] - '0' : c[0] - 'a' + 10) << 4 |
                                        (c[1] <= '9' ? c[1] - '0' : c[1] - 'a' + 10));
                if (v != x->blob[4 * k + j]) eq = 0;
            }
            same += eq;
        }
        double sim = (double)same / STORE_MH_K;
        if (sim >= DYAD_STORE_NEAR_DUP && sim > best) {
            best = sim;
            *group = num(r, i, 1);
        }
    }
    PQclear(r);
    return DYAD_OK;
}

/* Sends buf to "COPY table(cols) FROM STDIN". */
static int copy_in(dyad_store *st, const char *sql, const dyad_buf *buf) {
    PGresult *r = PQexec(st->pg->conn, sql);
    if (PQresultStatus(r) != PGRES_COPY_IN) {
        int rc = pg_err(st, "copying rows", r);
        PQclear(r);
        return rc;
    }
    PQclear(r);
    int ok = 1;
    for (size_t o = 0; ok && o < buf->len; o += 1 << 20) {
        size_t n = buf->len - o < (1u << 20) ? buf->len - o : 1u << 20;
        ok = PQputCopyData(st->pg->conn, buf->data + o, (int)n) == 1;
    }
    if (PQputCopyEnd(st->pg->conn, ok ? NULL : "client failed") != 1) ok = 0;
    int rc = DYAD_OK;
    while ((r = PQgetResult(st->pg->conn))) {
        if (PQresultStatus(r) != PGRES_COMMAND_OK && !rc) rc = pg_err(st, "copying rows", r);
        PQclear(r);
    }
    if (!ok && !rc) rc = pg_err(st, "copying rows", NULL);
    return rc;
}

/* Appends each line of rows[off, off + len) to out after prefix. */
static int prefix_lines(dyad_buf *out, const char *prefix, const char *rows, size_t len) {
    size_t o = 0, pl = strlen(prefix);
    while (o < len) {
        const char *nl = memchr(rows + o, '\n', len - o);
        size_t n = nl ? (size_t)(nl - rows - o) + 1 : len - o;
        if (dyad_buf_append(out, prefix, pl) || dyad_buf_append(out, rows + o, n)) return DYAD_ENOMEM;
        o += n;
    }
    return DYAD_OK;
}

/* dyad_agg (PG_AGG_DELTA), actor_agg and actor_day (version 9): the change the events of
 * the stories keys (a bigint[] literal) made, their old events in events_previous when
 * recode is set. */
static int agg_update(dyad_store *st, const char *keys, int recode) {
    params p = {0};
    p_text(&p, keys);
    p_text(&p, recode ? "true" : "false");
    p_text(&p, st->pg->version >= 6 ? "true" : "false"); /* the dir 2 rows */
    PGresult *r = run(st, "storing the aggregate", PG_AGG_DELTA, &p);
    int rc = r ? DYAD_OK : DYAD_EDB;
    PQclear(r);
    if (rc || st->pg->version < 9) return rc; /* a writer has migrated it to 9 */
    p.n = 2;
    r = run(st, "storing the actors' totals", PG_ACTOR_DELTA, &p);
    rc = r ? DYAD_OK : DYAD_EDB;
    PQclear(r);
    return rc;
}

/* top_codes and top_dyads: the one-a-day keys of the batch's new events that no earlier
 * event has (all their events are the batch's), counted in their month and over all
 * time (under the write lock, after the events are written). */
static int top_update(dyad_store *st, const uint8_t *added) {
    struct pg_store *pg = st->pg;
    dyad_buf keys = {0};
    int rc = dyad_buf_puts(&keys, "{"), any = 0;
    for (size_t i = 0; i < pg->n && !rc; i++) {
        if (!added[i] || !pg->p[i].ev_len) continue;
        char t[32];
        snprintf(t, sizeof t, "%s%lld", any++ ? "," : "", (long long)pg->p[i].key);
        rc = dyad_buf_puts(&keys, t);
    }
    if (rc || dyad_buf_puts(&keys, "}")) rc = DYAD_ENOMEM;
    if (!rc && any) {
        params p = {0};
        p_text(&p, keys.data);
        PGresult *r = run(st, "storing the top lists",
                          "WITH b AS (SELECT date, source, target, code, count(*) AS n FROM events"
                          " WHERE story_key = ANY($1::bigint[]) GROUP BY 1, 2, 3, 4),"
                          " nk AS (SELECT b.* FROM b WHERE (SELECT count(*) FROM events e"
                          " WHERE e.source = b.source AND e.target = b.target AND e.date = b.date"
                          " AND e.code = b.code) = b.n),"
                          " c AS (INSERT INTO top_codes(month, code, n) SELECT v.m, nk.code, count(*)"
                          " FROM nk CROSS JOIN LATERAL (VALUES (-1), (nk.date / 100)) v(m) GROUP BY 1, 2"
                          " ON CONFLICT (month, code) DO UPDATE SET n = top_codes.n + excluded.n)"
                          " INSERT INTO top_dyads(month, source, target, n) SELECT v.m, nk.source,"
                          " nk.target, count(*) FROM nk CROSS JOIN LATERAL (VALUES (-1), (nk.date / 100))"
                          " v(m) GROUP BY 1, 2, 3 ON CONFLICT (month, source, target) DO UPDATE"
                          " SET n = top_dyads.n + excluded.n", &p);
        if (!r) rc = DYAD_EDB;
        PQclear(r);
    }
    dyad_buf_free(&keys);
    return rc;
}

/* The batch's discards, in the order recorded: first the rows left by earlier runs of
 * the ids the batch stored are deleted, then its own are written (a key seen again in
 * the batch keeps its first place and its last values, as the SQLite store's upsert). */
static int discards_write(dyad_store *st, const uint8_t *added) {
    struct pg_store *pg = st->pg;
    dyad_buf ids = {0}, rows = {0};
    int rc = dyad_buf_puts(&ids, "[") | dyad_buf_puts(&rows, "[");
    int any_id = 0, any_row = 0;
    for (size_t i = 0; i < pg->n && !rc; i++) {
        if (!added[i]) continue;
        if (any_id++) rc |= dyad_buf_puts(&ids, ",");
        rc |= dyad_buf_json_string(&ids, pg->p[i].id, strlen(pg->p[i].id));
    }
    for (size_t i = 0; i < pg->n_d && !rc; i++) {
        const pdiscard *x = &pg->d[i];
        if (x->dead || (x->dep && !added[x->dep - 1])) continue;
        char t[96];
        snprintf(t, sizeof t, "%s{\"o\":%zu,\"l\":%llu,\"n\":%d,\"t\":%d,\"s\":", any_row++ ? "," : "",
                 i, (unsigned long long)x->d.line, (int)x->d.sentence, (int)x->d.date);
        rc |= dyad_buf_puts(&rows, t);
        rc |= dyad_buf_json_string(&rows, x->d.story, strlen(x->d.story));
        rc |= dyad_buf_puts(&rows, ",\"f\":");
        rc |= dyad_buf_json_string(&rows, x->d.file, strlen(x->d.file));
        rc |= dyad_buf_puts(&rows, ",\"r\":");
        rc |= dyad_buf_json_string(&rows, x->d.reason, strlen(x->d.reason));
        rc |= dyad_buf_puts(&rows, ",\"d\":");
        if (x->d.detail) rc |= dyad_buf_json_string(&rows, x->d.detail, strlen(x->d.detail));
        else rc |= dyad_buf_puts(&rows, "null");
        rc |= dyad_buf_puts(&rows, ",\"h\":");
        if (x->d.headline) rc |= dyad_buf_json_string(&rows, x->d.headline, strlen(x->d.headline));
        else rc |= dyad_buf_puts(&rows, "null");
        rc |= dyad_buf_puts(&rows, "}");
    }
    rc = rc || dyad_buf_puts(&ids, "]") || dyad_buf_puts(&rows, "]") ? DYAD_ENOMEM : DYAD_OK;
    if (!rc && any_id) {
        params p = {0};
        p_text(&p, ids.data);
        PGresult *r = run(st, "recording discards",
                          "DELETE FROM discards WHERE story IN (SELECT json_array_elements_text($1::json))", &p);
        if (!r) rc = DYAD_EDB;
        PQclear(r);
    }
    if (!rc && any_row) {
        params p = {0};
        p_text(&p, rows.data);
        PGresult *r = run(st, "recording discards",
                          "INSERT INTO discards(story, file, line, sentence, reason, detail, date, headline)"
                          " SELECT s, f, l, n, r, d, t, h FROM (SELECT DISTINCT ON (s, f, l, n) *,"
                          " min(o) OVER (PARTITION BY s, f, l, n) AS first FROM json_to_recordset($1::json)"
                          " AS x(o bigint, s text, f text, l bigint, n integer, r text, d text, t integer,"
                          " h text) ORDER BY s, f, l, n, o DESC) y ORDER BY first"
                          " ON CONFLICT (story, file, line, sentence) DO UPDATE SET reason = excluded.reason,"
                          " detail = excluded.detail, date = excluded.date, headline = excluded.headline,"
                          " added = excluded.added", &p);
        if (!r) rc = DYAD_EDB;
        PQclear(r);
    }
    dyad_buf_free(&ids);
    dyad_buf_free(&rows);
    return rc;
}

/* The batch's writes, inside its transaction, under the write lock. */
static int write_batch(dyad_store *st, uint8_t *added) {
    struct pg_store *pg = st->pg;
    char lock[96];
    snprintf(lock, sizeof lock, "SELECT pg_advisory_xact_lock(%d, %d)", PG_LOCK_CLASS, PG_LOCK_WRITE);
    int rc = exec(st, "taking the write lock", lock);
    dyad_buf sent = {0}, evs = {0}, dd = {0}, dn = {0}, dg = {0};
    const char *version = NULL;
    /* days: stories and new groups per date, in the order first met */
    int32_t *dates = NULL;
    int64_t *ns = NULL, *ng = NULL;
    size_t n_days = 0;
    if (!rc && pg->n && !(dates = calloc(pg->n, sizeof *dates)) + !(ns = calloc(pg->n, sizeof *ns)) +
                            !(ng = calloc(pg->n, sizeof *ng)))
        rc = DYAD_ENOMEM;
    for (size_t i = 0; i < pg->n && !rc; i++) {
        pstory *x = &pg->p[i];
        int64_t group = 0;
        if (x->has_words && (rc = find_group(st, x, &group))) break;
        char bands[STORE_MH_BANDS * 22 + 4] = "{}";
        if (x->has_words) {
            size_t o = 0;
            bands[o++] = '{';
            for (int b = 0; b < STORE_MH_BANDS; b++)
                o += (size_t)snprintf(bands + o, sizeof bands - o, "%s%lld", b ? "," : "",
                                      (long long)x->bands[b]);
            snprintf(bands + o, sizeof bands - o, "}");
        }
        params p = {0};
        p_text(&p, x->id);
        p_text(&p, x->file);
        p_int(&p, (int64_t)x->line);
        p_int(&p, x->date);
        p_text(&p, x->headline);
        p_text(&p, x->dateline_place);
        p_text(&p, x->dateline_agency);
        p_text(&p, x->url);
        p_text(&p, x->publisher);
        p_text(&p, x->text);
        p_int(&p, (int64_t)x->invalid_bytes);
        p_int(&p, (int64_t)x->skipped);
        p_int(&p, x->hash);
        if (x->has_words) p_bin(&p, x->blob, sizeof x->blob);
        else p_text(&p, NULL);
        p_int(&p, group);
        p_text(&p, x->dict_version);
        p_text(&p, bands);
        PGresult *r = run(st, "storing a story",
                          "WITH s AS (INSERT INTO stories(key, id, file, line, date, headline,"
                          " dateline_place, dateline_agency, url, publisher, text, invalid_bytes,"
                          " skipped_sentences, content_hash, minhash, grp, dict_version)"
                          " SELECT k, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14,"
                          " coalesce(nullif($15::bigint, 0), k), $16 FROM (SELECT"
                          " nextval('stories_key_seq') AS k) n ON CONFLICT DO NOTHING"
                          " RETURNING key, grp),"
                          " l AS (INSERT INTO lsh(band_key, story_key) SELECT DISTINCT"
                          " unnest($17::bigint[]), key FROM s ON CONFLICT DO NOTHING)"
                          " SELECT key, grp FROM s", &p);
        if (!r) {
            rc = DYAD_EDB;
            break;
        }
        if (PQntuples(r) == 1) { /* else another writer stored it since it was staged */
            int64_t key = num(r, 0, 0), grp = num(r, 0, 1);
            char pre[64];
            added[i] = 1;
            x->key = key;
            snprintf(pre, sizeof pre, "%lld\t", (long long)key);
            rc = prefix_lines(&sent, pre, pg->rows.data + x->sent_off, x->sent_len);
            snprintf(pre, sizeof pre, "%lld\t%lld\t", (long long)key, (long long)grp);
            if (!rc) rc = prefix_lines(&evs, pre, pg->rows.data + x->ev_off, x->ev_len);
            size_t d = 0;
            while (d < n_days && dates[d] != x->date) d++;
            if (d == n_days) dates[n_days++] = x->date;
            ns[d]++;
            ng[d] += grp == key;
            if (x->dict_version) version = x->dict_version;
        }
        PQclear(r);
    }
    if (!rc && sent.len)
        rc = copy_in(st, "COPY sentences(story_key, idx, span_start, span_end, text, date, flags)"
                         " FROM STDIN", &sent);
    if (!rc && evs.len)
        rc = copy_in(st, "COPY events(story_key, grp, sentence, date, source, source_text, target,"
                         " target_text, code, root, quad_class, goldstein, location,"
                         " location_country, source_start, source_end, verb_start, verb_end,"
                         " target_start, target_end, rules, " PG_PLACE_NAMES ") FROM STDIN", &evs);
    if (!rc && n_days) {
        for (size_t d = 0; d < n_days && !rc; d++) {
            char t[3][32];
            snprintf(t[0], sizeof t[0], "%s%d", d ? "," : "{", dates[d]);
            snprintf(t[1], sizeof t[1], "%s%lld", d ? "," : "{", (long long)ns[d]);
            snprintf(t[2], sizeof t[2], "%s%lld", d ? "," : "{", (long long)ng[d]);
            if (dyad_buf_puts(&dd, t[0]) || dyad_buf_puts(&dn, t[1]) || dyad_buf_puts(&dg, t[2]))
                rc = DYAD_ENOMEM;
        }
        if (!rc && (dyad_buf_puts(&dd, "}") || dyad_buf_puts(&dn, "}") || dyad_buf_puts(&dg, "}")))
            rc = DYAD_ENOMEM;
        params p = {0};
        p_text(&p, dd.data);
        p_text(&p, dn.data);
        p_text(&p, dg.data);
        PGresult *r = rc ? NULL
                         : run(st, "counting stories by day",
                               "INSERT INTO days(date, n_stories, n_groups) SELECT * FROM"
                               " unnest($1::integer[], $2::bigint[], $3::bigint[]) ON CONFLICT (date)"
                               " DO UPDATE SET n_stories = days.n_stories + excluded.n_stories,"
                               " n_groups = days.n_groups + excluded.n_groups", &p);
        if (!rc && !r) rc = DYAD_EDB;
        PQclear(r);
    }
    if (!rc) {
        dyad_buf keys = {0};
        int any = 0;
        rc = dyad_buf_puts(&keys, "{");
        for (size_t i = 0; i < pg->n && !rc; i++) {
            if (!added[i] || !pg->p[i].ev_len) continue;
            char t[32];
            snprintf(t, sizeof t, "%s%lld", any++ ? "," : "", (long long)pg->p[i].key);
            rc = dyad_buf_puts(&keys, t);
        }
        if (rc || dyad_buf_puts(&keys, "}")) rc = DYAD_ENOMEM;
        if (!rc && any) rc = agg_update(st, keys.data, 0);
        dyad_buf_free(&keys);
    }
    if (!rc) rc = top_update(st, added);
    if (!rc) rc = discards_write(st, added);
    if (!rc && version) {
        params p = {0};
        p_text(&p, version);
        PGresult *r = run(st, "meta", "INSERT INTO meta(key, value) VALUES('dict_version', $1)"
                          " ON CONFLICT (key) DO UPDATE SET value = excluded.value", &p);
        if (!r) rc = DYAD_EDB;
        PQclear(r);
    }
    free(dates);
    free(ns);
    free(ng);
    dyad_buf_free(&sent);
    dyad_buf_free(&evs);
    dyad_buf_free(&dd);
    dyad_buf_free(&dn);
    dyad_buf_free(&dg);
    return rc;
}

/* Writes the open batch in one transaction; empties it. */
static int flush(dyad_store *st) {
    struct pg_store *pg = st->pg;
    if (!pg->n && !pg->n_d) return DYAD_OK;
    uint8_t *added = calloc(pg->n + 1, 1);
    if (!added) return DYAD_ENOMEM;
    int rc = ensure_partitions(st);
    if (!rc) rc = exec(st, "starting a batch", "BEGIN");
    if (!rc) {
        rc = write_batch(st, added);
        if (!rc) rc = exec(st, "committing a batch", "COMMIT");
        if (rc) PQclear(PQexec(pg->conn, "ROLLBACK"));
    }
    free(added);
    batch_reset(pg);
    return rc;
}

int pg_commit(dyad_store *st) {
    if (!st->pg->in_batch) return DYAD_EINVAL;
    int rc = flush(st);
    st->pg->in_batch = 0;
    return rc;
}

int pg_add(dyad_store *st, const dyad_story *s, const dyad_event *events, size_t n_events,
           const char *dict_version, dyad_store_result *result) {
    dyad_store_result dummy;
    if (!result) result = &dummy;
    struct pg_store *pg = st->pg;
    if (pg->readonly) return store_fail(st, DYAD_EINVAL, "the store was opened read-only");
    if (!s || !s->id || !*s->id || (n_events && !events))
        return store_fail(st, DYAD_EINVAL, "a story needs an id");
    for (size_t i = 0; i < n_events; i++)
        if (events[i].sentence >= s->n_sentences && s->n_sentences)
            return store_fail(st, DYAD_EINVAL, "story %s: event %zu names sentence %u of %zu",
                              s->id, i, events[i].sentence, s->n_sentences);
    int alone = !pg->in_batch;
    if (alone) batch_reset(pg);
    int rc = stage(st, s, events, n_events, dict_version, result);
    if (!rc && alone) rc = flush(st);
    if (rc) { /* the whole batch is dropped, as the SQLite store rolls it back */
        batch_reset(pg);
        pg->in_batch = 0;
    }
    return rc;
}

int pg_discard_add(dyad_store *st, const dyad_store_discard *d) {
    struct pg_store *pg = st->pg;
    if (pg->readonly) return store_fail(st, DYAD_EINVAL, "the store was opened read-only");
    if (!d || !d->file || !d->reason || !*d->reason)
        return store_fail(st, DYAD_EINVAL, "a discard needs a file and a reason");
    int alone = !pg->in_batch;
    if (alone) batch_reset(pg);
    const pstory *x = d->story && *d->story ? pending_find(pg, d->story, 0) : NULL;
    int rc = stage_discard(pg, d, x ? (size_t)(x - pg->p) + 1 : 0);
    if (!rc && alone) rc = flush(st);
    if (rc) {
        batch_reset(pg);
        pg->in_batch = 0;
    }
    return rc;
}

int pg_has_story(dyad_store *st, const char *id) {
    if (pending_find(st->pg, id, 0)) return 1;
    params p = {0};
    p_text(&p, id);
    PGresult *r = run(st, "looking a story up", "SELECT EXISTS(SELECT 1 FROM stories WHERE id = $1)", &p);
    if (!r) return DYAD_EDB;
    int known = !strcmp(PQgetvalue(r, 0, 0), "t");
    PQclear(r);
    return known;
}

int pg_get_info(dyad_store *st, dyad_store_info *info) {
    memset(info, 0, sizeof *info);
    PGresult *r = run(st, "reading counts",
                      "SELECT (SELECT value FROM meta WHERE key = 'schema_version'),"
                      " (SELECT count(*) FROM stories), (SELECT coalesce(sum(n_groups), 0) FROM days),"
                      " (SELECT count(*) FROM sentences), (SELECT count(*) FROM events),"
                      " (SELECT value FROM meta WHERE key = 'dict_version'),"
                      " (SELECT value FROM meta WHERE key = 'previous_dict_version')", NULL);
    if (!r) return DYAD_EDB;
    info->schema_version = val(r, 0, 0) ? atoi(val(r, 0, 0)) : 0;
    info->stories = (uint64_t)num(r, 0, 1);
    info->groups = (uint64_t)num(r, 0, 2);
    info->sentences = (uint64_t)num(r, 0, 3);
    info->events = (uint64_t)num(r, 0, 4);
    snprintf(st->info_ver, sizeof st->info_ver, "%s", val(r, 0, 5) ? val(r, 0, 5) : "");
    snprintf(st->info_prev, sizeof st->info_prev, "%s", val(r, 0, 6) ? val(r, 0, 6) : "");
    PQclear(r);
    info->dict_version = st->info_ver;
    info->previous_dict_version = st->info_prev;
    return DYAD_OK;
}

/* --- reading ------------------------------------------------------------------------------- */

/* A WHERE clause over events "e" with its parameters ($1 ...). */
typedef struct where {
    dyad_buf sql;
    params p;
    char *owned[PG_MAX_PARAMS];
    int n_owned, never, nomem;
} where;

static void w_and(where *w, const char *cond) {
    if (dyad_buf_puts(&w->sql, w->sql.len ? " AND " : " WHERE ") || dyad_buf_puts(&w->sql, cond))
        w->nomem = 1;
}
/* Appends "$N" for a new text parameter. */
static void w_param(where *w, dyad_buf *into, const char *text, int64_t number, int is_text) {
    if (w->p.n >= PG_MAX_PARAMS - 4) {
        w->nomem = 1;
        return;
    }
    if (is_text) p_text(&w->p, text);
    else p_int(&w->p, number);
    char t[16];
    snprintf(t, sizeof t, "$%d", w->p.n);
    if (dyad_buf_puts(into, t)) w->nomem = 1;
}
static void w_free(where *w) {
    for (int i = 0; i < w->n_owned; i++) free(w->owned[i]);
    dyad_buf_free(&w->sql);
}

/* "(e.col >= $i AND e.col < $j)": codes that begin with prefix. */
static void w_prefix(where *w, const char *col, const char *prefix, dyad_buf *c) {
    size_t n = strlen(prefix);
    char *up = malloc(n + 1);
    if (!up) {
        w->nomem = 1;
        return;
    }
    memcpy(up, prefix, n + 1);
    while (n > 0 && (unsigned char)up[n - 1] == 0xff) n--;
    dyad_buf_puts(c, "(e.");
    dyad_buf_puts(c, col);
    dyad_buf_puts(c, " >= ");
    w_param(w, c, prefix, 0, 1);
    if (n) {
        up[n - 1] = (char)((unsigned char)up[n - 1] + 1);
        up[n] = '\0';
        w->owned[w->n_owned++] = up;
        dyad_buf_puts(c, " AND e.");
        dyad_buf_puts(c, col);
        dyad_buf_puts(c, " < ");
        w_param(w, c, up, 0, 1);
    } else {
        free(up);
    }
    dyad_buf_puts(c, ")");
}

static int all_digits(const char *s) {
    if (!*s) return 0;
    for (; *s; s++)
        if (*s < '0' || *s > '9') return 0;
    return 1;
}

/* Whether text has a word with a letter or digit (query.c's rule for a full-text query). */
static int has_word(const char *t) {
    for (; *t; t++) {
        unsigned char c = (unsigned char)*t;
        if (c >= 0x80 || (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z')) return 1;
    }
    return 0;
}

/* Appends "$N" for a new number parameter written exactly ("%.17g"). */
static void w_real(where *w, dyad_buf *into, double x) {
    char t[40];
    snprintf(t, sizeof t, "%.17g", x);
    char *v = strdup(t);
    if (!v || w->n_owned >= PG_MAX_PARAMS) {
        free(v);
        w->nomem = 1;
        return;
    }
    w->owned[w->n_owned++] = v;
    w_param(w, into, v, 0, 1);
}

#define PG_KM_PER_DEGREE 111.19508 /* of latitude, on the sphere store_km measures on */
/* store_km(lat, lon, e.location_lat, e.location_lon) in SQL, operation for operation
 * (lat appears three times, then lon twice). */
#define PG_KM(lat, lon)                                                                       \
    "2 * 6371.0088 * asin(sqrt(least(1, sin((e.location_lat - " lat ") * (pi() / 180) / 2)"   \
    " * sin((e.location_lat - " lat ") * (pi() / 180) / 2) + cos(" lat " * (pi() / 180))"      \
    " * cos(e.location_lat * (pi() / 180)) * sin((e.location_lon - " lon ") * (pi() / 180) / 2)" \
    " * sin((e.location_lon - " lon ") * (pi() / 180) / 2))))"

/* Where events has geom: the condition that its point lies in the box (degrees), a test
 * that the GiST index events_geom answers. && compares boxes rounded outwards (PostGIS
 * keeps them in floats), so it holds for every point the exact test that stays beside it
 * takes; it only bounds the points read first. */
static void w_geom_box(const dyad_store *st, where *w, double west, double south, double east,
                       double north) {
    /* while rows of an older store still lack their point, the exact tests alone */
    if (!st->pg->geom || st->pg->geom_pending) return;
    char c[192];
    snprintf(c, sizeof c, "e.geom && ST_MakeEnvelope(%.17g, %.17g, %.17g, %.17g, 4326)", west,
             south, east, north);
    w_and(w, c);
}

/* How far in longitude (degrees) the points within km of a point at latitude lat lie,
 * where band bounds their latitudes' distance from lat; -1 where that is no useful bound
 * (a pole, or half the globe, within reach). From the haversine that store_km computes:
 * hav(d) >= cos(lat) cos(lat2) hav(dlon), with |lat2| <= |lat| + band; widened by a
 * thousandth as the band is. */
static double near_lon_span(double lat, double band, double km) {
    double far = fabs(lat) + band, rad = 3.14159265358979323846 / 180;
    if (far >= 89) return -1;
    double h = sin(km / 6371.0088 / 2);
    double x = h * h / (cos(lat * rad) * cos(far * rad));
    if (!(x < 0.5)) return -1;
    return 2 * asin(sqrt(x)) / rad * 1.001 + 1e-6;
}

/* The place filters of q (country, near, bbox), as query.c's where_place. */
static int where_place(dyad_store *st, const dyad_store_query *q, where *w) {
    dyad_buf c = {0};
    if (q->country && *q->country) {
        dyad_place p;
        if (store_country_filter(st, q->country, &p)) return DYAD_EINVAL;
        dyad_buf_puts(&c, "e.location_country = ");
        w_param(w, &c, p.country, 0, 1);
        w_and(w, c.data);
        dyad_buf_reset(&c);
    }
    if ((q->near_km != 0 || q->bbox) && st->pg->version < 3) {
        dyad_buf_free(&c);
        return store_fail(st, DYAD_EINVAL, "%s: this database keeps no points (layout version %d):"
                          " a writable open (dyad ingest --db URL /dev/null) adds them",
                          st->pg->name, st->pg->version);
    }
    if (q->near_km != 0) {
        double lat = q->near_lat, lon = q->near_lon, km = q->near_km;
        if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
            dyad_buf_free(&c);
            return store_fail(st, DYAD_EINVAL,
                              "near: %g,%g is not a point (latitude -90..90, longitude -180..180)",
                              lat, lon);
        }
        if (!(km > 0 && km <= 20100)) {
            dyad_buf_free(&c);
            return store_fail(st, DYAD_EINVAL, "km must be a distance from 0 to 20100 km (not %g)", km);
        }
        double d = km / PG_KM_PER_DEGREE * 1.001 + 1e-6;
        double span = near_lon_span(lat, d, km);
        if (span >= 0 && lon - span >= -180 && lon + span <= 180)
            w_geom_box(st, w, lon - span, lat - d, lon + span, lat + d);
        dyad_buf_puts(&c, "e.location_lat BETWEEN ");
        w_real(w, &c, lat - d);
        dyad_buf_puts(&c, " AND ");
        w_real(w, &c, lat + d);
        w_and(w, c.data);
        dyad_buf_reset(&c);
        char la[8], lo[8];
        w_real(w, &c, lat);
        snprintf(la, sizeof la, "$%d", w->p.n);
        dyad_buf_reset(&c);
        w_real(w, &c, lon);
        snprintf(lo, sizeof lo, "$%d", w->p.n);
        dyad_buf_reset(&c);
        char sql[1024];
        snprintf(sql, sizeof sql, PG_KM("%s", "%s") " <= ", la, la, la, lo, lo); /* in order */
        dyad_buf_puts(&c, sql);
        w_real(w, &c, km);
        w_and(w, c.data);
        dyad_buf_reset(&c);
    }
    if (q->bbox) {
        if (!(q->south >= -90 && q->north <= 90 && q->south <= q->north && q->west >= -180 &&
              q->west <= 180 && q->east >= -180 && q->east <= 180)) {
            dyad_buf_free(&c);
            return store_fail(st, DYAD_EINVAL,
                              "bbox: %g,%g,%g,%g is not a box (west,south,east,north: longitudes "
                              "-180..180, latitudes -90..90, south <= north)",
                              q->west, q->south, q->east, q->north);
        }
        if (q->west <= q->east) w_geom_box(st, w, q->west, q->south, q->east, q->north);
        dyad_buf_puts(&c, "e.location_lat BETWEEN ");
        w_real(w, &c, q->south);
        dyad_buf_puts(&c, " AND ");
        w_real(w, &c, q->north);
        dyad_buf_puts(&c, q->west <= q->east ? " AND e.location_lon BETWEEN " : " AND (e.location_lon >= ");
        w_real(w, &c, q->west);
        dyad_buf_puts(&c, q->west <= q->east ? " AND " : " OR e.location_lon <= ");
        w_real(w, &c, q->east);
        if (q->west > q->east) dyad_buf_puts(&c, ")");
        w_and(w, c.data);
    }
    dyad_buf_free(&c);
    return DYAD_OK;
}

static int build_where(dyad_store *st, const dyad_store_query *q, where *w) {
    memset(w, 0, sizeof *w);
    if (!q) return DYAD_OK;
    int rc = where_place(st, q, w);
    if (rc) return rc;
    dyad_buf c = {0};
    if (q->from) {
        dyad_buf_puts(&c, "e.date >= ");
        w_param(w, &c, NULL, q->from, 0);
        w_and(w, c.data);
        dyad_buf_reset(&c);
    }
    if (q->to) {
        dyad_buf_puts(&c, "e.date <= ");
        w_param(w, &c, NULL, q->to, 0);
        w_and(w, c.data);
        dyad_buf_reset(&c);
    }
    if (q->actor && *q->actor) {
        dyad_buf_puts(&c, "(");
        w_prefix(w, "source", q->actor, &c);
        dyad_buf_puts(&c, " OR ");
        w_prefix(w, "target", q->actor, &c);
        dyad_buf_puts(&c, ")");
        w_and(w, c.data);
        dyad_buf_reset(&c);
    }
    if (q->source && *q->source) {
        w_prefix(w, "source", q->source, &c);
        w_and(w, c.data);
        dyad_buf_reset(&c);
    }
    if (q->target && *q->target) {
        w_prefix(w, "target", q->target, &c);
        w_and(w, c.data);
        dyad_buf_reset(&c);
    }
    if (q->dyad_a && *q->dyad_a && q->dyad_b && *q->dyad_b) {
        dyad_buf_puts(&c, "((");
        w_prefix(w, "source", q->dyad_a, &c);
        dyad_buf_puts(&c, " AND ");
        w_prefix(w, "target", q->dyad_b, &c);
        dyad_buf_puts(&c, ") OR (");
        w_prefix(w, "source", q->dyad_b, &c);
        dyad_buf_puts(&c, " AND ");
        w_prefix(w, "target", q->dyad_a, &c);
        dyad_buf_puts(&c, "))");
        w_and(w, c.data);
        dyad_buf_reset(&c);
    }
    if (q->code && *q->code) {
        const char *k = q->code;
        if (!strncmp(k, "quad:", 5) && k[5] >= '1' && k[5] <= '4' && !k[6]) {
            dyad_buf_puts(&c, "e.quad_class = ");
            w_param(w, &c, NULL, k[5] - '0', 0);
        } else if (all_digits(k) && strlen(k) == 2) {
            dyad_buf_puts(&c, "e.root = ");
            w_param(w, &c, NULL, atoi(k), 0);
        } else if (all_digits(k) && strlen(k) <= 4 && strlen(k) >= 3) {
            dyad_buf_puts(&c, "e.code = ");
            w_param(w, &c, k, 0, 1);
        } else {
            dyad_buf_free(&c);
            return store_fail(st, DYAD_EINVAL,
                              "'%s' is not an event code: give a CAMEO code (036), a root (03) "
                              "or a QuadClass (quad:1 .. quad:4)", k);
        }
        w_and(w, c.data);
        dyad_buf_reset(&c);
    }
    if (q->text && *q->text) {
        if (strlen(q->text) > DYAD_STORE_MAX_TEXT_QUERY) {
            dyad_buf_free(&c);
            return store_fail(st, DYAD_ELIMIT, "the text query is longer than %u bytes",
                              DYAD_STORE_MAX_TEXT_QUERY);
        }
        if (!has_word(q->text)) {
            w->never = 1;
        } else {
            /* every word (a letter or digit in it): plainto_tsquery ANDs them */
            dyad_buf_puts(&c, "(e.story_key, e.sentence) IN (SELECT sn.story_key, sn.idx FROM"
                              " sentences sn WHERE sn.tsv @@ plainto_tsquery('simple', ");
            w_param(w, &c, q->text, 0, 1);
            dyad_buf_puts(&c, "))");
            w_and(w, c.data);
            dyad_buf_reset(&c);
        }
    }
    dyad_buf_free(&c);
    if (w->nomem && w->p.n >= PG_MAX_PARAMS - 4) return store_fail(st, DYAD_EINVAL, "too many filters");
    return w->nomem ? DYAD_ENOMEM : DYAD_OK;
}

/* The columns of an event row, its story's and its sentence's (query.c's FETCH_SQL),
 * then its GDELT counts over its story group. */
#define ROW_COLUMNS                                                                            \
    "e.id, s.id, e.sentence, e.date, e.source, e.source_text, e.target, e.target_text,"        \
    " e.code, e.root, e.quad_class, e.goldstein, e.location, e.location_country, sn.text,"    \
    " e.source_start, e.source_end, e.verb_start, e.verb_end, e.target_start, e.target_end,"  \
    " e.rules, e.grp, s.publisher, s.url, s.dict_version"
#define ROW_JOINS                                                                              \
    " JOIN stories s ON s.key = e.story_key"                                                  \
    " LEFT JOIN sentences sn ON sn.story_key = e.story_key AND sn.idx = e.sentence"
/* Distinct publishers, a story without one counting as its own. */
#define SOURCES_OF(s) \
    "count(DISTINCT " s ".publisher) + count(DISTINCT CASE WHEN " s ".publisher IS NULL THEN " s ".key END)"
#define GROUP_COUNTS                                                                           \
    " CROSS JOIN LATERAL (SELECT count(*) AS m, count(DISTINCT g.story_key) AS a, "           \
    SOURCES_OF("gs") " AS so FROM events g JOIN stories gs ON gs.key = g.story_key"           \
    " WHERE g.grp = e.grp AND g.source = e.source AND g.target = e.target AND g.code = e.code) c"

static void copy_code(char *dst, size_t cap, const char *v) { snprintf(dst, cap, "%s", v ? v : ""); }

/* The place columns a query reads (NULLs from a database older than version 3). */
static const char *place_cols(const dyad_store *st) {
    return st->pg->version >= 3 ? STORE_PLACE_COLS ", " STORE_ACTOR_PLACE_COLS
                                : STORE_PLACE_COLS_V3 ", " STORE_ACTOR_PLACE_COLS_V7;
}

/* Column c of row i: borrowed from r, or copied into a when a is not NULL. */
static const char *pstr(const PGresult *r, int i, int c, arena *a) {
    const char *v = val(r, i, c);
    return v && a ? arena_strndup(a, v, (size_t)PQgetlength(r, i, c)) : v;
}
static double pdbl(const PGresult *r, int i, int c) { return val(r, i, c) ? strtod(val(r, i, c), NULL) : 0; }

static int precision_of(const char *v) {
    for (int k = DYAD_GEO_COUNTRY; v && k <= DYAD_GEO_CITY; k++)
        if (!strcmp(v, store_geo_precision[k])) return k;
    return DYAD_GEO_NONE;
}

/* An actor's place from its STORE_ACTOR_PLACE_NCOLS columns from c on (store.c's
 * read_actor_place). */
static void read_actor_place(const PGresult *r, int i, int c, arena *a, dyad_place *p) {
    memset(p, 0, sizeof *p);
    if (!(p->precision = precision_of(val(r, i, c)))) return;
    p->country = pstr(r, i, c + 1, a);
    p->country2 = pstr(r, i, c + 2, a);
    p->adm1 = pstr(r, i, c + 3, a);
    p->region = pstr(r, i, c + 4, a);
    p->name = pstr(r, i, c + 5, a);
    p->full_name = pstr(r, i, c + 6, a);
    p->lat = pdbl(r, i, c + 7);
    p->lon = pdbl(r, i, c + 8);
    p->feature_id = (uint32_t)num(r, i, c + 9);
    p->text = pstr(r, i, c + 10, a);
    p->from = pstr(r, i, c + 11, a);
    p->span.start = (uint32_t)num(r, i, c + 12);
    p->span.end = (uint32_t)num(r, i, c + 13);
}

/* e's date precision, place and actors' places from the PG_PLACE_NCOLS columns from c on
 * (store_read_place), e->location and e->location_country already set. */
static void read_places(const PGresult *r, int i, int c, arena *a, dyad_event *e) {
    read_actor_place(r, i, c + STORE_PLACE_NCOLS, a, &e->source_place);
    read_actor_place(r, i, c + STORE_PLACE_NCOLS + STORE_ACTOR_PLACE_NCOLS, a, &e->target_place);
    const char *dp = val(r, i, c);
    e->date_precision = DYAD_DATE_DAY;
    for (int k = 0; dp && k < 3; k++)
        if (!strcmp(dp, store_date_precision[k])) e->date_precision = k;
    memset(&e->place, 0, sizeof e->place);
    dyad_place *p = &e->place;
    if (!(p->precision = precision_of(val(r, i, c + 1)))) return;
    p->text = e->location;
    p->country = e->location_country;
    p->country2 = pstr(r, i, c + 2, a);
    p->adm1 = pstr(r, i, c + 3, a);
    p->region = pstr(r, i, c + 4, a);
    p->name = pstr(r, i, c + 5, a);
    p->full_name = pstr(r, i, c + 6, a);
    p->lat = pdbl(r, i, c + 7);
    p->lon = pdbl(r, i, c + 8);
    p->feature_id = (uint32_t)num(r, i, c + 9);
    p->from = pstr(r, i, c + 10, a);
    p->span.start = (uint32_t)num(r, i, c + 11);
    p->span.end = (uint32_t)num(r, i, c + 12);
}

/* Fills row from result row i (strings borrowed from r and a). */
static int read_row(dyad_store *st, const PGresult *r, int i, arena *a, dyad_store_row *row) {
    memset(row, 0, sizeof *row);
    dyad_event *e = &row->event;
    row->id = num(r, i, 0);
    e->story = val(r, i, 1);
    e->sentence = (uint32_t)num(r, i, 2);
    e->date = (int32_t)num(r, i, 3);
    copy_code(e->source, sizeof e->source, val(r, i, 4));
    e->source_text = val(r, i, 5);
    copy_code(e->target, sizeof e->target, val(r, i, 6));
    e->target_text = val(r, i, 7);
    copy_code(e->code, sizeof e->code, val(r, i, 8));
    e->root = (int)num(r, i, 9);
    e->quad_class = (int)num(r, i, 10);
    e->goldstein = val(r, i, 11) ? strtod(val(r, i, 11), NULL) : 0;
    e->location = val(r, i, 12);
    e->location_country = val(r, i, 13);
    e->text = val(r, i, 14);
    e->source_span.start = (uint32_t)num(r, i, 15);
    e->source_span.end = (uint32_t)num(r, i, 16);
    e->verb_span.start = (uint32_t)num(r, i, 17);
    e->verb_span.end = (uint32_t)num(r, i, 18);
    e->target_span.start = (uint32_t)num(r, i, 19);
    e->target_span.end = (uint32_t)num(r, i, 20);
    int rc = rules_parse(st, val(r, i, 21), a, &e->rules, &e->n_rules, 0);
    if (rc) return rc;
    row->group = num(r, i, 22);
    row->publisher = val(r, i, 23);
    row->url = val(r, i, 24);
    e->url = row->url;
    e->publisher = row->publisher;
    row->dict_version = val(r, i, 25);
    row->mentions = (uint64_t)num(r, i, 26);
    row->articles = (uint64_t)num(r, i, 27);
    row->sources = (uint64_t)num(r, i, 28);
    read_places(r, i, 29, NULL, e);
    return DYAD_OK;
}

/* Runs a query row by row (single-row mode: the result is never held whole) and hands
 * each row to each_row. */
typedef int (*row_fn)(dyad_store *st, const PGresult *r, void *ud);
static int stream(dyad_store *st, const char *what, const char *sql, const params *p, row_fn each,
                  void *ud) {
    PGTransactionStatusType before = PQtransactionStatus(st->pg->conn);
    for (int attempt = 0;; attempt++) {
        PGconn *conn = st->pg->conn;
        int rc = DYAD_OK, rows = 0;
        if (!PQsendQueryParams(conn, sql, p->n, NULL, p->v, p->len, p->fmt, 0) ||
            !PQsetSingleRowMode(conn)) {
            rc = pg_err(st, what, NULL);
        } else {
            PGresult *r;
            while ((r = PQgetResult(conn))) {
                ExecStatusType s = PQresultStatus(r);
                if (s == PGRES_SINGLE_TUPLE) {
                    rows++;
                    if (!rc) rc = each(st, r, ud);
                } else if (s != PGRES_TUPLES_OK && s != PGRES_COMMAND_OK && !rc) {
                    rc = pg_err(st, what, r);
                }
                PQclear(r);
            }
        }
        /* the connection lost before any row was given: once more on a new one */
        if (rc != DYAD_EDB || rows || attempt || !reconnect(st, before)) return rc;
    }
}

typedef struct events_ctx {
    dyad_store_event_fn fn;
    void *ud;
    arena a;
} events_ctx;

static int event_row(dyad_store *st, const PGresult *r, void *ud) {
    events_ctx *c = ud;
    dyad_store_row row;
    arena_reset(&c->a);
    int rc = read_row(st, r, 0, &c->a, &row);
    return rc ? rc : c->fn(c->ud, &row);
}

int pg_query_events(dyad_store *st, const dyad_store_query *q, dyad_store_event_fn fn, void *ud) {
    where w;
    int rc = build_where(st, q, &w);
    if (rc || w.never) {
        w_free(&w);
        return rc;
    }
    int one_a_day = q && q->one_a_day, after = q && q->after_id;
    dyad_buf sql = {0}, c = {0};
    if (after) {
        dyad_buf_puts(&c, one_a_day ? "e.date >= " : "(e.date, e.id) > (");
        w_param(&w, &c, NULL, q->after_date, 0);
        if (!one_a_day) {
            dyad_buf_puts(&c, ", ");
            w_param(&w, &c, NULL, q->after_id, 0);
            dyad_buf_puts(&c, ")");
        }
        w_and(&w, c.data);
    }
    char lim[64];
    snprintf(lim, sizeof lim, " LIMIT %s OFFSET %llu", "ALL",
             q && !after ? (unsigned long long)q->offset : 0ull);
    if (q && q->limit)
        snprintf(lim, sizeof lim, " LIMIT %llu OFFSET %llu", (unsigned long long)q->limit,
                 q && !after ? (unsigned long long)q->offset : 0ull);
    if (one_a_day) {
        dyad_buf_puts(&sql, "WITH d AS (SELECT min(e.id) AS id, e.date, count(*) AS m,"
                            " count(DISTINCT e.story_key) AS a, " SOURCES_OF("s") " AS so"
                            " FROM events e JOIN stories s ON s.key = e.story_key");
        dyad_buf_puts(&sql, w.sql.len ? w.sql.data : "");
        dyad_buf_puts(&sql, " GROUP BY e.date, e.source, e.target, e.code");
        if (after) {
            char h[96];
            snprintf(h, sizeof h, " HAVING e.date > %d OR min(e.id) > %lld", q->after_date,
                     (long long)q->after_id);
            dyad_buf_puts(&sql, h);
        }
        dyad_buf_puts(&sql, " ORDER BY e.date, 1");
        dyad_buf_puts(&sql, lim);
        dyad_buf_puts(&sql, ") SELECT " ROW_COLUMNS ", d.m, d.a, d.so, ");
        dyad_buf_puts(&sql, place_cols(st));
        dyad_buf_puts(&sql, " FROM d JOIN events e ON e.id = d.id AND e.date = d.date" ROW_JOINS
                            " ORDER BY d.date, d.id");
    } else {
        dyad_buf_puts(&sql, "SELECT " ROW_COLUMNS ", c.m, c.a, c.so, ");
        dyad_buf_puts(&sql, place_cols(st));
        dyad_buf_puts(&sql, " FROM (SELECT * FROM events e");
        dyad_buf_puts(&sql, w.sql.len ? w.sql.data : "");
        dyad_buf_puts(&sql, " ORDER BY e.date, e.id");
        dyad_buf_puts(&sql, lim);
        dyad_buf_puts(&sql, ") e" ROW_JOINS GROUP_COUNTS " ORDER BY e.date, e.id");
    }
    if (w.nomem || !sql.data) rc = DYAD_ENOMEM;
    events_ctx ctx = {fn, ud, {0}};
    /* One snapshot for the rules and the events, so that every rule an event names is
     * loaded before the rows stream. */
    if (!rc) rc = exec(st, "querying events", "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    if (!rc) {
        rc = rules_load(st);
        if (!rc) rc = stream(st, "querying events", sql.data, &w.p, event_row, &ctx);
        int end = exec(st, "querying events", rc ? "ROLLBACK" : "COMMIT");
        if (!rc) rc = end;
    }
    arena_free(&ctx.a);
    dyad_buf_free(&sql);
    dyad_buf_free(&c);
    w_free(&w);
    return rc;
}

/* Counts the events of q: *total, and with both_of (an actor code) also *both, those of
 * them whose target begins with both_of (query.c's count_where). */
static int count_where(dyad_store *st, const dyad_store_query *q, const char *both_of,
                       uint64_t *total, uint64_t *both) {
    where w;
    int rc = build_where(st, q, &w);
    if (rc || w.never) {
        w_free(&w);
        return rc;
    }
    int one_a_day = q && q->one_a_day;
    dyad_buf sql = {0}, c = {0};
    if (one_a_day) {
        dyad_buf_puts(&sql, "SELECT count(*), 0 FROM (SELECT 1 FROM events e");
    } else if (both_of) {
        /* its parameters follow the WHERE clause's */
        w_prefix(&w, "target", both_of, &c);
        dyad_buf_puts(&sql, "SELECT count(*), count(*) FILTER (WHERE ");
        dyad_buf_puts(&sql, c.data ? c.data : "");
        dyad_buf_puts(&sql, ") FROM events e");
    } else {
        dyad_buf_puts(&sql, "SELECT count(*), 0 FROM events e");
    }
    dyad_buf_puts(&sql, w.sql.len ? w.sql.data : "");
    if (dyad_buf_puts(&sql, one_a_day ? " GROUP BY e.date, e.source, e.target, e.code) x" : "") ||
        w.nomem)
        rc = DYAD_ENOMEM;
    PGresult *r = rc ? NULL : run(st, "counting events", sql.data, &w.p);
    if (!rc && !r) rc = DYAD_EDB;
    if (r) {
        *total = (uint64_t)num(r, 0, 0);
        if (both) *both = (uint64_t)num(r, 0, 1);
    }
    PQclear(r);
    dyad_buf_free(&sql);
    dyad_buf_free(&c);
    w_free(&w);
    return rc;
}

/* The events of an actor (q->actor; q's other filters alike) as |source| + |target| -
 * |both|. An actor is the source OR the target, which PostgreSQL counts by a bitmap of
 * both index ranges, visiting every matching row of the table (USA in the
 * 10,000,000-event bench store: 1.5 s). Counted instead by an index-only scan of the
 * source's range of events_dyad (which holds the target) and one of the target's range
 * of events_target; inside the caller's snapshot. */
static int count_actor(dyad_store *st, const dyad_store_query *q, uint64_t *total) {
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

/* "202403" -> "202404", "202412" -> "202501" (months as date / 100). */
static int32_t month_next(int32_t m) { return m % 100 >= 12 ? (m / 100 + 1) * 100 + 1 : m + 1; }
static int32_t month_prev(int32_t m) { return m % 100 <= 1 ? (m / 100 - 1) * 100 + 12 : m - 1; }

/* Whether actor_agg answers q: an actor code of 3 or 6 bytes, printable ASCII (its rows
 * are keyed by left(), which counts characters), and no filter but dates. */
static int actor_agg_answers(const dyad_store *st, const dyad_store_query *q) {
    if (st->pg->version < 8 || !q->actor || q->one_a_day || (q->source && *q->source) ||
        (q->target && *q->target) || (q->dyad_a && *q->dyad_a) || (q->dyad_b && *q->dyad_b) ||
        (q->code && *q->code) || (q->text && *q->text) || (q->country && *q->country) ||
        q->near_km != 0 || q->bbox || q->from < 0 || q->to < 0 || (q->from && q->to && q->from > q->to))
        return 0;
    size_t n = strlen(q->actor);
    if (n != 3 && n != 6) return 0;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)q->actor[i] <= ' ' || (unsigned char)q->actor[i] >= 0x7f) return 0;
    return 1;
}

/* The total of an actor's events from actor_agg: its rows of the whole months in q's
 * dates (month 0, the undated, with no start date), plus the days of the months that the
 * dates cut (at most two): from actor_day's rows (version 9) in the same statement, or on
 * a store of layout 8 read as it is, counted from the events (count_actor), in the
 * caller's snapshot. */
static int count_actor_agg(dyad_store *st, const dyad_store_query *q, uint64_t *total) {
    int32_t from = q->from, to = q->to;
    int from_whole = !from || from % 100 <= 1;
    int to_whole = !to || to % 100 >= 31 || store_date_add(to, 1) / 100 != to / 100;
    int32_t m0 = !from ? 0 : from_whole ? from / 100 : month_next(from / 100);
    int32_t m1 = !to ? INT32_MAX : to_whole ? to / 100 : month_prev(to / 100);
    /* the cut months' days: the start's, and the end's where it is another ([1, 0]: none) */
    int32_t cut[2][2] = {{1, 0}, {1, 0}}, n = 0;
    if (!from_whole) {
        cut[n][0] = from;
        cut[n][1] = from / 100 * 100 + 31;
        if (to && to < cut[n][1]) cut[n][1] = to;
        n++;
    }
    if (!to_whole && (from_whole || from / 100 != to / 100)) {
        cut[n][0] = to / 100 * 100 + 1;
        if (from > cut[n][0]) cut[n][0] = from;
        cut[n][1] = to;
        n++;
    }
    int days = st->pg->version >= 9;
    params p = {0};
    p_text(&p, q->actor);
    p_int(&p, m0);
    p_int(&p, m1);
    for (int i = 0; i < 2 && days; i++) {
        p_int(&p, cut[i][0]);
        p_int(&p, cut[i][1]);
    }
    PGresult *r = run(st, "counting events",
                      days ? "SELECT (SELECT coalesce(sum(n_source + n_target - n_both), 0) FROM actor_agg"
                             " WHERE a = $1 AND month BETWEEN $2 AND $3)"
                             " + (SELECT coalesce(sum(n_source + n_target - n_both), 0) FROM actor_day"
                             " WHERE a = $1 AND (day BETWEEN $4 AND $5 OR day BETWEEN $6 AND $7))"
                           : "SELECT coalesce(sum(n_source + n_target - n_both), 0) FROM actor_agg"
                             " WHERE a = $1 AND month BETWEEN $2 AND $3", &p);
    if (!r) return DYAD_EDB;
    *total = (uint64_t)num(r, 0, 0);
    PQclear(r);
    int rc = DYAD_OK;
    for (int32_t i = 0; i < n && !rc && !days; i++) {
        dyad_store_query f = *q;
        uint64_t part = 0;
        f.from = cut[i][0];
        f.to = cut[i][1];
        rc = count_actor(st, &f, &part);
        *total += part;
    }
    return rc;
}

int pg_count_events(dyad_store *st, const dyad_store_query *q, uint64_t *total) {
    *total = 0;
    if (!(q && q->actor && *q->actor && !q->one_a_day && !(q->source && *q->source) &&
          !(q->target && *q->target)))
        return count_where(st, q, NULL, total, NULL);
    int agg = actor_agg_answers(st, q);
    if (agg && st->pg->version >= 9) return count_actor_agg(st, q, total); /* one statement */
    /* several statements, one snapshot */
    int rc = exec(st, "counting events", "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    if (rc) return rc;
    rc = agg ? count_actor_agg(st, q, total) : count_actor(st, q, total);
    int end = exec(st, "counting events", rc ? "ROLLBACK" : "COMMIT");
    return rc ? rc : end;
}

/* --- timelines and top lists ---------------------------------------------------------------- */

/* The timeline's columns per period from the events: raw (every event) and one a day
 * (each (date, source, target, code) once with its least QuadClass and Goldstein value),
 * Goldstein sums in millionths, story groups: the figures of query.c's scan. The period
 * kind and the WHERE clause go between TL_HEAD and TL_TAIL. */
#define TL_HEAD "WITH ev AS (SELECT dyad_period(e.date, %d) AS p, e.date, e.source, e.target,"   \
                " e.code, e.quad_class, e.goldstein, e.grp FROM events e"
#define TL_TAIL                                                                                \
    "),"                                                                                       \
    " raw AS (SELECT p, count(*) AS n, count(*) FILTER (WHERE quad_class = 1) AS q1,"          \
    "  count(*) FILTER (WHERE quad_class = 2) AS q2, count(*) FILTER (WHERE quad_class = 3) AS q3," \
    "  count(*) FILTER (WHERE quad_class = 4) AS q4,"                                           \
    "  coalesce(sum(round((goldstein * 1e6)::numeric)), 0)::bigint AS g,"                       \
    "  count(DISTINCT grp) AS stories FROM ev GROUP BY p),"                                     \
    " k AS (SELECT p, min(quad_class) AS q, min(goldstein) AS g FROM ev"                        \
    "  GROUP BY p, date, source, target, code),"                                               \
    " oad AS (SELECT p, count(*) AS n, count(*) FILTER (WHERE q = 1) AS q1,"                    \
    "  count(*) FILTER (WHERE q = 2) AS q2, count(*) FILTER (WHERE q = 3) AS q3,"              \
    "  count(*) FILTER (WHERE q = 4) AS q4,"                                                    \
    "  coalesce(sum(round((g * 1e6)::numeric)), 0)::bigint AS g FROM k GROUP BY p)"             \
    " SELECT p, r.n, r.q1, r.q2, r.q3, r.q4, r.g, o.n, o.q1, o.q2, o.q3, o.q4, o.g, r.stories"  \
    " FROM raw r JOIN oad o USING (p) ORDER BY p"

int pg_timeline(dyad_store *st, const char *a, const char *b, dyad_store_period by,
                int both_directions, int raw, const dyad_store_query *q,
                dyad_store_timeline_fn fn, void *ud) {
    int32_t from = q ? q->from : 0, to = q ? q->to : 0;
    if (by != DYAD_STORE_BY_DAY && by != DYAD_STORE_BY_WEEK && by != DYAD_STORE_BY_MONTH)
        return DYAD_EINVAL;
    /* the aggregate knows dates and nothing else of q's filters (places included) */
    int dates_only = !q || (!(q->actor && *q->actor) && !(q->source && *q->source) &&
                            !(q->target && *q->target) && !(q->dyad_a && *q->dyad_a) &&
                            !(q->code && *q->code) && !(q->text && *q->text) &&
                            !(q->country && *q->country) && q->near_km == 0 && !q->bbox);
    int all = !*a && !*b; /* every event: dyad_agg's dir 2 rows (version 6) */
    int agg = by != DYAD_STORE_BY_DAY &&
              (all ? st->pg->version >= 6 : strlen(a) == 3 && strlen(b) == 3) && from >= 0 && to >= 0 &&
              dates_only &&
              (from == 0 || store_period_of(from, by) == from) &&
              (to == 0 || store_period_of(store_date_add(to, 1), by) == store_date_add(to, 1));
    PGresult *r = NULL;
    int rc = DYAD_OK;
    if (agg) { /* whole periods of two 3-byte prefixes: dyad_agg holds the answer */
        if (both_directions && strcmp(a, b) > 0) {
            const char *x = a;
            a = b;
            b = x;
        }
        params p = {0};
        p_int(&p, all ? 2 : !both_directions || !strcmp(a, b)); /* a, a: only directed rows */
        p_text(&p, a);
        p_text(&p, b);
        p_int(&p, (int)by);
        p_int(&p, from > 0 ? from : 0);
        p_int(&p, to > 0 ? to : INT32_MAX);
        r = run(st, "timeline",
                "SELECT period, n_raw, q1_raw, q2_raw, q3_raw, q4_raw, g_raw, n_oad, q1_oad,"
                " q2_oad, q3_oad, q4_oad, g_oad, stories FROM dyad_agg WHERE dir = $1 AND a = $2"
                " AND b = $3 AND kind = $4 AND period BETWEEN $5 AND $6 ORDER BY period", &p);
    } else {
        /* q's filters, its dyad replaced by a, b (query.c's timeline_scan) */
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
        rc = build_where(st, &f, &w);
        w_and(&w, "e.date > 0");
        dyad_buf sql = {0};
        char head[sizeof TL_HEAD + 8];
        snprintf(head, sizeof head, TL_HEAD, (int)by);
        if (!rc && (w.nomem || dyad_buf_puts(&sql, head) || dyad_buf_puts(&sql, w.sql.data) ||
                    dyad_buf_puts(&sql, TL_TAIL)))
            rc = DYAD_ENOMEM;
        if (!rc && !(r = run(st, "timeline", sql.data, &w.p))) rc = DYAD_EDB;
        dyad_buf_free(&sql);
        w_free(&w);
    }
    if (!r) return rc ? rc : DYAD_EDB;
    int n = PQntuples(r), c = raw ? 1 : 7;
    dyad_store_timeline_row *rows = calloc((size_t)n + 1, sizeof *rows);
    int64_t *gold = calloc((size_t)n + 1, sizeof *gold);
    size_t m = 0;
    if (!rows || !gold) rc = DYAD_ENOMEM;
    for (int i = 0; i < n && !rc; i++) {
        if (!num(r, i, c)) continue; /* a cell whose events were all recoded away */
        dyad_store_timeline_row *t = &rows[m];
        t->period = (int32_t)num(r, i, 0);
        t->events = (uint64_t)num(r, i, c);
        for (int k = 1; k <= 4; k++) t->quad[k] = (uint64_t)num(r, i, c + k);
        gold[m] = num(r, i, c + 5);
        t->stories = (uint64_t)num(r, i, 13);
        m++;
    }
    PQclear(r);
    /* the denominator: story groups dated in each period (query.c's timeline_finish) */
    if (!rc && m) {
        int32_t lo = rows[0].period, hi = rows[m - 1].period;
        hi = by == DYAD_STORE_BY_MONTH ? hi / 100 * 100 + 31
             : by == DYAD_STORE_BY_WEEK ? store_date_add(hi, 6) : hi;
        params p = {0};
        p_int(&p, (int)by);
        p_int(&p, lo);
        p_int(&p, hi);
        r = run(st, "timeline",
                "SELECT dyad_period(date, $1::integer), sum(n_groups) FROM days WHERE date > 0"
                " AND date BETWEEN $2 AND $3 GROUP BY 1", &p);
        if (!r) rc = DYAD_EDB;
        for (int i = 0; r && i < PQntuples(r); i++) {
            int32_t period = (int32_t)num(r, i, 0);
            for (size_t k = 0; k < m; k++)
                if (rows[k].period == period) rows[k].total_stories += (uint64_t)num(r, i, 1);
        }
        PQclear(r);
    }
    for (size_t i = 0; i < m && !rc; i++) {
        rows[i].goldstein_sum = (double)gold[i] / 1e6;
        rows[i].goldstein_mean = rows[i].goldstein_sum / (double)rows[i].events;
        rc = fn(ud, &rows[i]);
    }
    free(rows);
    free(gold);
    return rc;
}

/* The top list from top_codes / top_dyads (layout version 4) when they answer q: no
 * filter but dates of whole months (query.c's top_agg). 1 if they did (*rc says how it
 * went), 0 if the events must. */
static int top_agg(dyad_store *st, dyad_store_top_kind kind, const dyad_store_query *q, size_t n,
                   dyad_store_top_fn fn, void *ud, int *rc) {
    *rc = DYAD_OK;
    if (st->pg->version < 4) return 0;
    int32_t from = q ? q->from : 0, to = q ? q->to : 0;
    if (q) {
        dyad_store_query f = *q;
        f.from = f.to = 0;
        where w;
        int only_dates = build_where(st, &f, &w) == DYAD_OK && !w.sql.len && !w.nomem;
        w_free(&w);
        if (!only_dates) return 0;
    }
    if (from < 0 || to < 0 || (from > 0 && from % 100 != 1)) return 0;
    if (to > 0 && store_period_of(store_date_add(to, 1), DYAD_STORE_BY_MONTH) != store_date_add(to, 1))
        return 0;
    /* month -1: all time; else the months from..to (from 0: undated events too, as
     * date <= to counts them) */
    const char *rows = " month BETWEEN $1 AND $2";
    char sql[640];
    switch (kind) {
    case DYAD_STORE_TOP_ACTORS:
        snprintf(sql, sizeof sql,
                 "SELECT a, sum(n) FROM (SELECT source AS a, n FROM top_dyads WHERE%s UNION ALL"
                 " SELECT target, n FROM top_dyads WHERE%s AND target <> '') x GROUP BY a"
                 " HAVING sum(n) > 0 ORDER BY 2 DESC, 1 LIMIT $3", rows, rows);
        break;
    case DYAD_STORE_TOP_DYADS:
        snprintf(sql, sizeof sql,
                 "SELECT (source || ',' || target) COLLATE \"C\", sum(n) FROM top_dyads WHERE%s"
                 " AND target <> '' GROUP BY source, target HAVING sum(n) > 0 ORDER BY 2 DESC, 1"
                 " LIMIT $3", rows);
        break;
    case DYAD_STORE_TOP_CODES:
        snprintf(sql, sizeof sql,
                 "SELECT code, sum(n) FROM top_codes WHERE%s GROUP BY code HAVING sum(n) > 0"
                 " ORDER BY 2 DESC, 1 LIMIT $3", rows);
        break;
    default: return 0;
    }
    params p = {0};
    p_int(&p, from || to ? from / 100 : -1);
    p_int(&p, from || to ? (to ? to / 100 : INT32_MAX) : -1);
    if (n) p_int(&p, (int64_t)n);
    else p_text(&p, NULL); /* LIMIT NULL: all */
    PGresult *r = run(st, "top", sql, &p);
    if (!r) {
        *rc = DYAD_EDB;
        return 1;
    }
    for (int i = 0; !*rc && i < PQntuples(r); i++)
        *rc = fn(ud, PQgetvalue(r, i, 0), (uint64_t)num(r, i, 1));
    PQclear(r);
    return 1;
}

int pg_actor_codes(dyad_store *st, const char *prefix, size_t max, dyad_store_top_fn fn, void *ud) {
    /* query.c's statement: two index ranges (events_dyad, events_target), bytewise */
    static const char SQL[] =
        "SELECT code, sum(n) FROM ("
        " SELECT source AS code, count(*) AS n FROM events WHERE source >= $1"
        " AND ($2::text IS NULL OR source < $2) GROUP BY source UNION ALL"
        " SELECT target, count(*) FROM events WHERE target >= $1 AND ($2::text IS NULL OR target < $2)"
        " AND target <> '' GROUP BY target) x"
        " GROUP BY code ORDER BY 2 DESC, 1 LIMIT $3";
    size_t n = strlen(prefix);
    char *up = malloc(n + 1);
    if (!up) return DYAD_ENOMEM;
    memcpy(up, prefix, n + 1);
    while (n > 0 && (unsigned char)up[n - 1] == 0xff) n--;
    if (n) {
        up[n - 1] = (char)((unsigned char)up[n - 1] + 1);
        up[n] = '\0';
    }
    params p = {0};
    p_text(&p, prefix);
    p_text(&p, n ? up : NULL);
    if (max) p_int(&p, (int64_t)max);
    else p_text(&p, NULL); /* LIMIT NULL: all */
    PGresult *r = run(st, "listing actor codes", SQL, &p);
    int rc = r ? DYAD_OK : DYAD_EDB;
    for (int i = 0; !rc && r && i < PQntuples(r); i++)
        rc = fn(ud, PQgetvalue(r, i, 0), (uint64_t)num(r, i, 1));
    PQclear(r);
    free(up);
    return rc;
}

int pg_top(dyad_store *st, dyad_store_top_kind kind, const dyad_store_query *q, size_t n,
           dyad_store_top_fn fn, void *ud) {
    int rc;
    if (top_agg(st, kind, q, n, fn, ud, &rc)) return rc;
    where w;
    rc = build_where(st, q, &w);
    if (rc) {
        w_free(&w);
        return rc;
    }
    dyad_buf sql = {0};
    dyad_buf_puts(&sql, "WITH d AS (SELECT DISTINCT e.date, e.source, e.target, e.code FROM events e");
    dyad_buf_puts(&sql, w.sql.len ? w.sql.data : "");
    dyad_buf_puts(&sql, ") ");
    switch (kind) {
    case DYAD_STORE_TOP_ACTORS:
        dyad_buf_puts(&sql, "SELECT a, count(*) FROM (SELECT source AS a FROM d UNION ALL"
                            " SELECT target FROM d WHERE target <> '') x GROUP BY a");
        break;
    case DYAD_STORE_TOP_DYADS:
        dyad_buf_puts(&sql, "SELECT (source || ',' || target) COLLATE \"C\", count(*) FROM d"
                            " WHERE target <> '' GROUP BY source, target");
        break;
    case DYAD_STORE_TOP_CODES:
        dyad_buf_puts(&sql, "SELECT code, count(*) FROM d GROUP BY code");
        break;
    default:
        w_free(&w);
        dyad_buf_free(&sql);
        return DYAD_EINVAL;
    }
    char lim[48] = " LIMIT ALL";
    if (n) snprintf(lim, sizeof lim, " LIMIT %zu", n);
    dyad_buf_puts(&sql, " ORDER BY 2 DESC, 1");
    if (dyad_buf_puts(&sql, lim) || w.nomem) rc = DYAD_ENOMEM;
    PGresult *r = rc ? NULL : run(st, "top", sql.data, &w.p);
    if (!rc && !r) rc = DYAD_EDB;
    for (int i = 0; r && !rc && i < PQntuples(r); i++)
        rc = fn(ud, PQgetvalue(r, i, 0), (uint64_t)num(r, i, 1));
    PQclear(r);
    dyad_buf_free(&sql);
    w_free(&w);
    return rc;
}

/* --- events by place (the map) ------------------------------------------------------------- */

int pg_geo(dyad_store *st, dyad_store_geo_level level, long long micro, const dyad_store_query *q,
           int exact, store_geo_row_fn fn, void *ud) {
    if (st->pg->version < 3)
        return store_fail(st, DYAD_EINVAL, "%s: this database keeps no places (layout version %d):"
                          " a writable open (dyad ingest --db URL /dev/null) adds them",
                          st->pg->name, st->pg->version);
    where w;
    int rc = build_where(st, q, &w);
    if (rc || w.never) {
        w_free(&w);
        return rc;
    }
    dyad_buf sql = {0};
    if (level == DYAD_STORE_GEO_GRID) {
        /* the SQLite store's cell, operation for operation (CAST truncates as trunc;
         * the size a literal in millionths, as there) */
        char sel[200];
        snprintf(sel, sizeof sel,
                 "SELECT trunc((e.location_lat + 90) * 1000000 / %lld)::bigint,"
                 " trunc((e.location_lon + 180) * 1000000 / %lld)::bigint",
                 micro, micro);
        dyad_buf_puts(&sql, sel);
    } else {
        dyad_buf_puts(&sql, level == DYAD_STORE_GEO_COUNTRY ? "SELECT e.location_country, 0"
                                                            : "SELECT e.location_adm1, 0");
    }
    dyad_buf_puts(&sql, exact ? ", count(*), count(e.goldstein),"
                                " coalesce(sum(round(e.goldstein * 1000000)::bigint), 0) FROM events e"
                              : ", count(*), count(e.goldstein), coalesce(sum(e.goldstein), 0) FROM events e");
    if (w.sql.len) dyad_buf_puts(&sql, w.sql.data);
    if (dyad_buf_puts(&sql, level == DYAD_STORE_GEO_GRID ? " GROUP BY 1, 2" : " GROUP BY 1") || w.nomem)
        rc = DYAD_ENOMEM;
    PGresult *r = rc ? NULL : run(st, "events by place", sql.data, &w.p);
    if (!rc && !r) rc = DYAD_EDB;
    for (int i = 0; r && !rc && i < PQntuples(r); i++) {
        int placed = !PQgetisnull(r, i, 0);
        const char *key = level != DYAD_STORE_GEO_GRID && placed ? val(r, i, 0) : NULL;
        int64_t gi = level == DYAD_STORE_GEO_GRID && placed ? num(r, i, 0) : 0;
        int64_t gj = level == DYAD_STORE_GEO_GRID && placed ? num(r, i, 1) : 0;
        rc = fn(ud, key, placed, gi, gj, (uint64_t)num(r, i, 2), (uint64_t)num(r, i, 3),
                exact ? num(r, i, 4) : 0, exact ? 0 : pdbl(r, i, 4));
    }
    PQclear(r);
    dyad_buf_free(&sql);
    w_free(&w);
    return rc;
}

/* --- stories --------------------------------------------------------------------------------- */

static const char *acopy(arena *a, const PGresult *r, int i, int c) {
    const char *v = val(r, i, c);
    return v ? arena_strndup(a, v, (size_t)PQgetlength(r, i, c)) : NULL;
}

int pg_story_fetch(dyad_store *st, const char *id, store_held_story *h) {
    arena *a = &h->a;
    dyad_story *s = &h->pub.story;
    params p = {0};
    p_text(&p, id);
    PGresult *r = run(st, "fetching a story",
                      "SELECT key, id, file, line, date, headline, dateline_place, dateline_agency,"
                      " url, publisher, text, invalid_bytes, skipped_sentences, grp, dict_version,"
                      " (SELECT count(*) FROM stories g WHERE g.grp = s.grp) FROM stories s"
                      " WHERE id = $1", &p);
    if (!r) return DYAD_EDB;
    if (PQntuples(r) != 1) {
        PQclear(r);
        return store_fail(st, DYAD_ENOTFOUND, "no story with id '%s'", id);
    }
    int64_t key = num(r, 0, 0);
    s->id = acopy(a, r, 0, 1);
    s->file = acopy(a, r, 0, 2);
    s->line = (uint64_t)num(r, 0, 3);
    s->date = (int32_t)num(r, 0, 4);
    s->headline = acopy(a, r, 0, 5);
    s->dateline_place = acopy(a, r, 0, 6);
    s->dateline_agency = acopy(a, r, 0, 7);
    s->url = acopy(a, r, 0, 8);
    s->publisher = acopy(a, r, 0, 9);
    s->text = acopy(a, r, 0, 10);
    s->text_len = (size_t)PQgetlength(r, 0, 10);
    s->invalid_bytes = (size_t)num(r, 0, 11);
    s->skipped_sentences = (size_t)num(r, 0, 12);
    h->pub.group = num(r, 0, 13);
    h->pub.dict_version = acopy(a, r, 0, 14);
    h->pub.group_size = (uint64_t)num(r, 0, 15);
    PQclear(r);
    if (!s->id || !s->text) return DYAD_ENOMEM;
    p.n = 0;
    p_int(&p, key);
    r = run(st, "loading sentences",
            "SELECT idx, span_start, span_end, text, date, flags FROM sentences WHERE story_key = $1"
            " ORDER BY idx", &p);
    if (!r) return DYAD_EDB;
    size_t n = (size_t)PQntuples(r);
    dyad_sentence *se = arena_calloc(a, n ? n : 1, sizeof *se);
    for (size_t i = 0; se && i < n; i++) {
        se[i].index = (uint32_t)num(r, (int)i, 0);
        se[i].start = (uint32_t)num(r, (int)i, 1);
        se[i].end = (uint32_t)num(r, (int)i, 2);
        se[i].text = acopy(a, r, (int)i, 3);
        se[i].text_len = (size_t)PQgetlength(r, (int)i, 3);
        se[i].date = (int32_t)num(r, (int)i, 4);
        se[i].flags = (unsigned)num(r, (int)i, 5);
        if (!se[i].text) se = NULL;
    }
    PQclear(r);
    if (!se) return DYAD_ENOMEM;
    s->sentences = se;
    s->n_sentences = n;
    char sql[2048];
    snprintf(sql, sizeof sql,
             "SELECT sentence, date, source, source_text, target, target_text, code, root,"
             " quad_class, goldstein, location, location_country, source_start, source_end,"
             " verb_start, verb_end, target_start, target_end, rules, %s FROM events e"
             " WHERE story_key = $1 ORDER BY sentence, id", place_cols(st));
    r = run(st, "loading events", sql, &p);
    if (!r) return DYAD_EDB;
    size_t ne = (size_t)PQntuples(r);
    dyad_event *ev = arena_calloc(a, ne ? ne : 1, sizeof *ev);
    int rc = ev ? DYAD_OK : DYAD_ENOMEM;
    for (size_t k = 0; k < ne && !rc; k++) {
        int i = (int)k;
        dyad_event *e = &ev[k];
        e->story = s->id;
        e->sentence = (uint32_t)num(r, i, 0);
        e->date = (int32_t)num(r, i, 1);
        copy_code(e->source, sizeof e->source, val(r, i, 2));
        e->source_text = acopy(a, r, i, 3);
        copy_code(e->target, sizeof e->target, val(r, i, 4));
        e->target_text = acopy(a, r, i, 5);
        copy_code(e->code, sizeof e->code, val(r, i, 6));
        e->root = (int)num(r, i, 7);
        e->quad_class = (int)num(r, i, 8);
        e->goldstein = val(r, i, 9) ? strtod(val(r, i, 9), NULL) : 0;
        e->location = acopy(a, r, i, 10);
        e->location_country = acopy(a, r, i, 11);
        e->source_span.start = (uint32_t)num(r, i, 12);
        e->source_span.end = (uint32_t)num(r, i, 13);
        e->verb_span.start = (uint32_t)num(r, i, 14);
        e->verb_span.end = (uint32_t)num(r, i, 15);
        e->target_span.start = (uint32_t)num(r, i, 16);
        e->target_span.end = (uint32_t)num(r, i, 17);
        for (size_t j = 0; j < n; j++)
            if (se[j].index == e->sentence) e->text = se[j].text;
        read_places(r, i, 19, a, e);
        rc = rules_parse(st, val(r, i, 18), a, &e->rules, &e->n_rules, 1);
    }
    PQclear(r);
    h->pub.events = ev;
    h->pub.n_events = ne;
    return rc;
}

/* --- discards ------------------------------------------------------------------------------ */

int pg_discards(dyad_store *st, const char *story, uint64_t limit, uint64_t offset,
                dyad_store_discard_fn fn, void *ud) {
    if (st->pg->version < 2) return DYAD_OK; /* an older layout, read as it is: none kept */
    params p = {0};
    p_int(&p, limit ? (int64_t)limit : INT64_MAX);
    p_int(&p, (int64_t)offset);
    if (story) p_text(&p, story);
    PGresult *r = run(st, "reading the discards",
                      story ? "SELECT story, file, line, sentence, reason, detail, date, headline"
                              " FROM discards WHERE story = $3 ORDER BY key LIMIT $1 OFFSET $2"
                            : "SELECT story, file, line, sentence, reason, detail, date, headline"
                              " FROM discards ORDER BY key LIMIT $1 OFFSET $2", &p);
    if (!r) return DYAD_EDB;
    int rc = DYAD_OK;
    for (int i = 0; i < PQntuples(r) && !rc; i++) {
        dyad_store_discard d = {PQgetvalue(r, i, 0), PQgetvalue(r, i, 1), (uint64_t)num(r, i, 2),
                                (int32_t)num(r, i, 3), PQgetvalue(r, i, 4), val(r, i, 5),
                                (int32_t)num(r, i, 6), val(r, i, 7)};
        rc = fn(ud, &d);
    }
    PQclear(r);
    return rc;
}

int pg_discard_counts(dyad_store *st, const char *story, dyad_store_discard_count_fn fn, void *ud,
                      uint64_t *total) {
    if (st->pg->version < 2) return DYAD_OK;
    params p = {0};
    if (story) p_text(&p, story);
    PGresult *r = run(st, "reading the discards",
                      story ? "SELECT reason, count(*) FROM discards WHERE story = $1 GROUP BY reason"
                              " ORDER BY 2 DESC, 1"
                            : "SELECT reason, count(*) FROM discards GROUP BY reason ORDER BY 2 DESC, 1",
                      story ? &p : NULL);
    if (!r) return DYAD_EDB;
    int rc = DYAD_OK;
    for (int i = 0; i < PQntuples(r) && !rc; i++) {
        uint64_t n = (uint64_t)num(r, i, 1);
        if (total) *total += n;
        if (fn) rc = fn(ud, PQgetvalue(r, i, 0), n);
    }
    PQclear(r);
    return rc;
}

/* --- copying (copy.c) --------------------------------------------------------------------- */

int pg_story_page(dyad_store *st, int64_t *after, size_t max, char **ids, size_t *n) {
    *n = 0;
    params p = {0};
    p_int(&p, *after);
    p_int(&p, (int64_t)max);
    PGresult *r = run(st, "listing stories", "SELECT key, id FROM stories WHERE key > $1 ORDER BY key LIMIT $2", &p);
    if (!r) return DYAD_EDB;
    int rc = DYAD_OK;
    for (int i = 0; i < PQntuples(r); i++) {
        if (!(ids[*n] = strdup(PQgetvalue(r, i, 1)))) {
            rc = DYAD_ENOMEM;
            break;
        }
        (*n)++;
        *after = num(r, i, 0);
    }
    PQclear(r);
    return rc;
}

/* --- dyad check ---------------------------------------------------------------------------- */

/* Each row's first column is a problem. */
static void check_rows(dyad_store *st, const char *what, const char *sql, dyad_store_check_fn fn,
                       void *ud) {
    params p = {0};
    PGresult *r = run(st, what, sql, &p);
    char msg[512];
    if (!r) {
        snprintf(msg, sizeof msg, "%s: %.400s", what, st->err);
        fn(ud, msg);
        return;
    }
    for (int i = 0; i < PQntuples(r); i++) {
        snprintf(msg, sizeof msg, "%s: %s", what, PQgetvalue(r, i, 0));
        fn(ud, msg);
    }
    PQclear(r);
}

#define CHECK_PAGE 256 /* stories whose content hash is recomputed per statement */

/* Every story's content hash recomputed from its stored sentences (store_body_hash, as
 * ingest computed it), a page of stories and their sentences per statement. */
static void check_hashes(dyad_store *st, dyad_store_check_fn fn, void *ud) {
    int64_t after = 0;
    arena a = {0};
    char msg[512];
    for (;;) {
        params p = {0};
        p_int(&p, after);
        p_int(&p, CHECK_PAGE);
        PGresult *r = run(st, "stories",
                          "SELECT s.key, s.id, s.content_hash, s.text, sn.text, sn.flags,"
                          " sn.story_key IS NOT NULL FROM (SELECT key, id, content_hash, text"
                          " FROM stories WHERE key > $1 ORDER BY key LIMIT $2) s LEFT JOIN"
                          " sentences sn ON sn.story_key = s.key ORDER BY s.key, sn.idx", &p);
        if (!r) {
            snprintf(msg, sizeof msg, "stories: %.400s", st->err);
            fn(ud, msg);
            break;
        }
        int rows = PQntuples(r);
        for (int i = 0; i < rows;) {
            int64_t key = num(r, i, 0);
            int j = i;
            while (j < rows && num(r, j, 0) == key) j++;
            arena_reset(&a);
            dyad_story s = {0};
            s.id = PQgetvalue(r, i, 1);
            s.text = PQgetvalue(r, i, 3);
            s.text_len = (size_t)PQgetlength(r, i, 3);
            dyad_sentence *se = arena_calloc(&a, (size_t)(j - i), sizeof *se);
            if (!se) {
                fn(ud, "stories: out of memory");
                rows = 0; /* stop: nothing more can be checked */
                break;
            }
            for (int k = i; k < j; k++) {
                if (strcmp(PQgetvalue(r, k, 6), "t")) continue; /* a story without sentences */
                dyad_sentence *x = &se[s.n_sentences++];
                x->text = PQgetvalue(r, k, 4);
                x->text_len = (size_t)PQgetlength(r, k, 4);
                x->flags = (unsigned)num(r, k, 5);
            }
            s.sentences = se;
            if (store_body_hash(&s) != (uint64_t)num(r, i, 2)) {
                snprintf(msg, sizeof msg,
                         "story %s: its sentences do not match its content hash (changed or damaged)",
                         s.id);
                fn(ud, msg);
            }
            after = key;
            i = j;
        }
        PQclear(r);
        if (rows == 0) break;
    }
    arena_free(&a);
}

/* --- upgrading: the rows an older store had before geom -------------------------------- */

/* One statement (or several) in its own transaction under the write lock: a writer waits
 * for at most one batch, and a batch never interleaves with a recode's rows. */
static int upgrade_step(dyad_store *st, const char *sql) {
    char lock[96];
    snprintf(lock, sizeof lock, "SELECT pg_advisory_xact_lock(%d, %d)", PG_LOCK_CLASS, PG_LOCK_WRITE);
    int rc = exec(st, "upgrading the store", "BEGIN");
    if (!rc) rc = exec(st, "upgrading the store", lock);
    if (!rc) rc = exec(st, "upgrading the store", sql);
    if (!rc) return exec(st, "upgrading the store", "COMMIT");
    PQclear(PQexec(st->pg->conn, "ROLLBACK"));
    return rc;
}

/* events_geom on each partition that lacks it, built CONCURRENTLY (writes and reads go
 * on) and attached to the partitioned index; a build left invalid by an interrupted run
 * is dropped and made again. */
static int upgrade_geom_index(dyad_store *st, dyad_store_upgrade_fn fn, void *ud) {
    int rc = exec(st, "upgrading the store",
                  "CREATE INDEX IF NOT EXISTS events_geom ON ONLY events USING gist(geom)");
    PGresult *r = rc ? NULL : run(st, "upgrading the store",
        "SELECT quote_ident(c.relname), quote_ident(c.relname || '_geom'),"
        " (SELECT x.indisvalid FROM pg_index x WHERE x.indexrelid ="
        "  to_regclass(quote_ident(c.relname || '_geom')) AND x.indrelid = c.oid)"
        " FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
        " WHERE i.inhparent = to_regclass('events') AND NOT EXISTS (SELECT 1 FROM pg_inherits j"
        "  JOIN pg_index y ON y.indexrelid = j.inhrelid WHERE j.inhparent = to_regclass('events_geom')"
        "  AND y.indrelid = c.oid) ORDER BY c.relname", NULL);
    if (!rc && !r) rc = DYAD_EDB;
    int n = r ? PQntuples(r) : 0;
    for (int i = 0; !rc && i < n; i++) {
        const char *part = PQgetvalue(r, i, 0), *index = PQgetvalue(r, i, 1), *valid = val(r, i, 2);
        char sql[512];
        if (valid && strcmp(valid, "t")) {
            snprintf(sql, sizeof sql, "DROP INDEX %s", index);
            rc = exec(st, "upgrading the store", sql);
        }
        if (!rc && !(valid && !strcmp(valid, "t"))) {
            snprintf(sql, sizeof sql, "CREATE INDEX CONCURRENTLY %s ON %s USING gist(geom)", index, part);
            rc = exec(st, "upgrading the store", sql);
        }
        if (!rc) {
            snprintf(sql, sizeof sql, "ALTER INDEX events_geom ATTACH PARTITION %s", index);
            rc = exec(st, "upgrading the store", sql);
        }
        if (!rc && fn) fn(ud, "events_geom index", (uint64_t)i + 1, (uint64_t)n);
    }
    PQclear(r);
    return rc;
}

/* dyad_store_upgrade: the points of the rows a store had when geom was added (layout 10
 * over an older store, or PostGIS installed since), batch events.id at a time, each
 * batch committed with meta's geom_backfill (the next id) so that an interrupted run
 * resumes there; then events_previous's, by story key; then --near and --bbox may bound
 * by geom (geom_backfill gone), and the index is built partition by partition. New rows
 * have their point from the trigger all along. */
int pg_upgrade(dyad_store *st, uint64_t batch, dyad_store_upgrade_fn fn, void *ud) {
    if (st->pg->readonly) return store_fail(st, DYAD_EINVAL, "the store was opened read-only");
    if (st->pg->in_batch) return store_fail(st, DYAD_EINVAL, "upgrade inside an open batch");
    if (!st->pg->geom) return DYAD_OK; /* no PostGIS: nothing to fill */
    PGresult *r = run(st, "upgrading the store",
                      "SELECT (SELECT value FROM meta WHERE key = 'geom_backfill'),"
                      " (SELECT max(id) FROM events), (SELECT max(story_key) FROM events_previous)", NULL);
    if (!r) return DYAD_EDB;
    int pending = val(r, 0, 0) != NULL;
    long long from = num(r, 0, 0), last = num(r, 0, 1), last_prev = num(r, 0, 2);
    PQclear(r);
    char sql[512];
    int rc = DYAD_OK;
    for (long long a = from; pending && !rc && a <= last; a += (long long)batch) {
        long long b = a + (long long)batch;
        snprintf(sql, sizeof sql,
                 "UPDATE events SET geom = " PG_GEOM_POINT " WHERE id >= %lld AND id < %lld AND"
                 " geom IS NULL AND location_lat IS NOT NULL AND location_lon IS NOT NULL;"
                 " UPDATE meta SET value = '%lld' WHERE key = 'geom_backfill'", a, b, b);
        rc = upgrade_step(st, sql);
        if (!rc && fn) fn(ud, "events.geom", (uint64_t)(b - 1 < last ? b - 1 : last), (uint64_t)last);
    }
    /* about five events a story: a fifth of the batch in story keys */
    long long step = batch / 5 ? (long long)(batch / 5) : 1;
    for (long long a = 0; pending && !rc && a <= last_prev; a += step) {
        snprintf(sql, sizeof sql,
                 "UPDATE events_previous SET geom = " PG_GEOM_POINT " WHERE story_key >= %lld AND"
                 " story_key < %lld AND geom IS NULL AND location_lat IS NOT NULL AND"
                 " location_lon IS NOT NULL", a, a + step);
        rc = upgrade_step(st, sql);
        if (!rc && fn)
            fn(ud, "events_previous.geom", (uint64_t)(a + step - 1 < last_prev ? a + step - 1 : last_prev),
               (uint64_t)last_prev);
    }
    if (pending && !rc) rc = upgrade_step(st, "DELETE FROM meta WHERE key = 'geom_backfill'");
    if (!rc) st->pg->geom_pending = 0;
    if (!rc) rc = upgrade_geom_index(st, fn, ud);
    return rc;
}

int pg_check(dyad_store *st, dyad_store_check_fn fn, void *ud) {
    check_rows(st, "full-text index",
               "SELECT 'sentence ' || idx || ' of story key ' || story_key || ': its search"
               " vector does not match its text' FROM sentences WHERE tsv IS DISTINCT FROM"
               " to_tsvector('simple', text) ORDER BY story_key, idx",
               fn, ud);
    check_rows(st, "links",
               "SELECT 'event ' || id || ' belongs to story key ' || story_key || ', which is"
               " missing' FROM events e WHERE NOT EXISTS (SELECT 1 FROM stories s WHERE s.key ="
               " e.story_key) UNION ALL SELECT 'sentence ' || story_key || '/' || idx || ' belongs"
               " to story key ' || story_key || ', which is missing' FROM sentences n WHERE NOT"
               " EXISTS (SELECT 1 FROM stories s WHERE s.key = n.story_key) UNION ALL SELECT"
               " 'story ' || id || ' is in group ' || grp || ', whose first story is missing'"
               " FROM stories t WHERE NOT EXISTS (SELECT 1 FROM stories s WHERE s.key = t.grp)",
               fn, ud);
    check_hashes(st, fn, ud);
    return DYAD_OK;
}

/* --- recoding and its difference ------------------------------------------------------------ */

#define PG_RECODE_BATCH 512 /* stories per transaction */

/* Writes a recode batch (the stories of pg->p, coded, their new event rows rendered, their
 * discards staged) in one transaction under the write lock: the old events move to
 * events_previous, the new ones are copied in, the stories' discard_list rows give way to
 * the new discards, dyad_agg takes the change from the old events to the new (PG_AGG_DELTA),
 * and the top lists count the one-a-day keys that came or went. */
static int recode_write(dyad_store *st, const char *dict_version) {
    struct pg_store *pg = st->pg;
    dyad_buf keys = {0}, ids = {0}, evs = {0};
    int rc = dyad_buf_puts(&keys, "{") | dyad_buf_puts(&ids, "[");
    for (size_t i = 0; i < pg->n && !rc; i++) {
        char t[32];
        snprintf(t, sizeof t, "%s%lld", i ? "," : "", (long long)pg->p[i].key);
        rc |= dyad_buf_puts(&keys, t);
        if (i) rc |= dyad_buf_puts(&ids, ",");
        rc |= dyad_buf_json_string(&ids, pg->p[i].id, strlen(pg->p[i].id));
        char pre[64];
        snprintf(pre, sizeof pre, "%lld\t%lld\t", (long long)pg->p[i].key, (long long)pg->p[i].grp);
        if (!rc) rc = prefix_lines(&evs, pre, pg->rows.data + pg->p[i].ev_off, pg->p[i].ev_len);
    }
    if (rc || dyad_buf_puts(&keys, "}") || dyad_buf_puts(&ids, "]")) rc = DYAD_ENOMEM;
    char lock[96];
    snprintf(lock, sizeof lock, "SELECT pg_advisory_xact_lock(%d, %d)", PG_LOCK_CLASS, PG_LOCK_WRITE);
    if (!rc) rc = exec(st, "recode", lock);
    params p = {0};
    p_text(&p, keys.data);
    PGresult *r = NULL;
    static const char *const moves[] = {
        ("CREATE TEMP TABLE recode_keys ON COMMIT DROP AS SELECT DISTINCT date, source, target, code"
         " FROM events WHERE story_key = ANY($1::bigint[])"),
        "DELETE FROM events_previous WHERE story_key = ANY($1::bigint[])",
        "INSERT INTO events_previous SELECT * FROM events WHERE story_key = ANY($1::bigint[])",
        "DELETE FROM events WHERE story_key = ANY($1::bigint[])",
    };
    for (size_t i = 0; i < sizeof moves / sizeof *moves && !rc; i++) {
        r = run(st, "recode", moves[i], &p);
        if (!r) rc = DYAD_EDB;
        PQclear(r);
    }
    if (!rc && evs.len)
        rc = copy_in(st, "COPY events(story_key, grp, sentence, date, source, source_text, target,"
                         " target_text, code, root, quad_class, goldstein, location,"
                         " location_country, source_start, source_end, verb_start, verb_end,"
                         " target_start, target_end, rules, " PG_PLACE_NAMES ") FROM STDIN", &evs);
    /* top lists: a key counts while some event has it (agg.c's rule) */
    if (!rc) {
        r = run(st, "recode",
                "WITH o AS (SELECT * FROM recode_keys),"
                " n AS (SELECT DISTINCT date, source, target, code FROM events"
                "  WHERE story_key = ANY($1::bigint[]) EXCEPT SELECT * FROM o),"
                " d AS (SELECT o.*, -1 AS dn FROM o WHERE NOT EXISTS (SELECT 1 FROM events e"
                "  WHERE e.source = o.source AND e.target = o.target AND e.date = o.date"
                "  AND e.code = o.code)"
                "  UNION ALL SELECT n.*, 1 FROM n WHERE NOT EXISTS (SELECT 1 FROM events e"
                "  WHERE e.source = n.source AND e.target = n.target AND e.date = n.date"
                "  AND e.code = n.code AND e.story_key <> ALL($1::bigint[]))),"
                " c AS (INSERT INTO top_codes(month, code, n) SELECT v.m, d.code, sum(d.dn)"
                "  FROM d CROSS JOIN LATERAL (VALUES (-1), (d.date / 100)) v(m) GROUP BY 1, 2"
                "  ON CONFLICT (month, code) DO UPDATE SET n = top_codes.n + excluded.n)"
                " INSERT INTO top_dyads(month, source, target, n) SELECT v.m, d.source, d.target,"
                "  sum(d.dn) FROM d CROSS JOIN LATERAL (VALUES (-1), (d.date / 100)) v(m)"
                "  GROUP BY 1, 2, 3 ON CONFLICT (month, source, target) DO UPDATE"
                "  SET n = top_dyads.n + excluded.n", &p);
        if (!r) rc = DYAD_EDB;
        PQclear(r);
    }
    if (!rc) rc = agg_update(st, keys.data, 1);
    if (!rc) {
        params q = {0};
        p_text(&q, ids.data);
        r = run(st, "recording discards",
                "DELETE FROM discards WHERE story IN (SELECT json_array_elements_text($1::json))"
                " AND reason = '" DYAD_DISCARD_LIST "'", &q);
        if (!r) rc = DYAD_EDB;
        PQclear(r);
    }
    uint8_t *none = calloc(pg->n + 1, 1); /* no story is new: only the discards go in */
    if (!rc && !none) rc = DYAD_ENOMEM;
    if (!rc) rc = discards_write(st, none);
    free(none);
    if (!rc) {
        p_text(&p, dict_version);
        r = run(st, "recode", "UPDATE stories SET prev_dict_version = coalesce(dict_version, ''),"
                              " dict_version = $2 WHERE key = ANY($1::bigint[])", &p);
        if (!r) rc = DYAD_EDB;
        PQclear(r);
    }
    dyad_buf_free(&keys);
    dyad_buf_free(&ids);
    dyad_buf_free(&evs);
    return rc;
}

int pg_recode(dyad_store *st, const char *dict_version, dyad_store_recode_fn fn, void *ud,
              uint64_t *n_recoded) {
    struct pg_store *pg = st->pg;
    if (pg->readonly) return store_fail(st, DYAD_EINVAL, "the store was opened read-only");
    if (pg->in_batch) return store_fail(st, DYAD_EINVAL, "recode inside an open batch");
    params p = {0};
    p_text(&p, dict_version);
    /* the versions: this recode's, and the one before it (as the SQLite store) */
    PGresult *r = run(st, "recode",
                      "WITH c AS (SELECT coalesce((SELECT value FROM meta WHERE key = 'dict_version'),"
                      " '') AS v), u AS (INSERT INTO meta(key, value) SELECT k, x FROM c, LATERAL"
                      " (VALUES ('previous_dict_version', c.v), ('dict_version', $1)) w(k, x)"
                      " WHERE c.v <> $1 ON CONFLICT (key) DO UPDATE SET value = excluded.value)"
                      " SELECT 1", &p);
    if (!r) return DYAD_EDB;
    PQclear(r);
    int rc = DYAD_OK;
    int64_t last = 0;
    store_held_story h;
    memset(&h, 0, sizeof h);
    for (;;) {
        params q = {0};
        p_int(&q, last);
        p_text(&q, dict_version);
        p_int(&q, PG_RECODE_BATCH);
        r = run(st, "recode", "SELECT key, id, grp FROM stories WHERE key > $1 AND dict_version"
                              " IS DISTINCT FROM $2 ORDER BY key LIMIT $3", &q);
        if (!r) {
            rc = DYAD_EDB;
            break;
        }
        int n = PQntuples(r);
        if (!n) {
            PQclear(r);
            break;
        }
        batch_reset(pg);
        pg->in_batch = 1; /* the coder's discards are staged, written with the batch */
        uint64_t done = 0;
        for (int i = 0; i < n && !rc; i++) {
            last = num(r, i, 0);
            arena_reset(&h.a);
            memset(&h.pub, 0, sizeof h.pub);
            rc = pg_story_fetch(st, PQgetvalue(r, i, 1), &h);
            const dyad_event *ev = NULL; /* the coder's: rendered before the next story */
            size_t n_ev = 0;
            if (!rc) rc = fn(ud, &h.pub.story, &ev, &n_ev);
            if (rc) break;
            pstory *np = store_grow(pg->p, pg->n + 1, &pg->cap, sizeof *np, 256);
            if (!np) {
                rc = DYAD_ENOMEM;
                break;
            }
            pg->p = np;
            pstory *x = &pg->p[pg->n];
            memset(x, 0, sizeof *x);
            x->id = adup(&pg->a, h.pub.story.id);
            x->key = last;
            x->grp = num(r, i, 2);
            if (!x->id) rc = DYAD_ENOMEM;
            if (!rc) rc = render_events(st, x, ev, n_ev);
            if (!rc) pg->n++;
            done++;
        }
        PQclear(r);
        pg->in_batch = 0;
        if (!rc) rc = ensure_partitions(st);
        if (!rc) rc = exec(st, "recode", "BEGIN");
        if (!rc) {
            rc = recode_write(st, dict_version);
            if (!rc) rc = exec(st, "recode", "COMMIT");
            if (rc) PQclear(PQexec(pg->conn, "ROLLBACK"));
        }
        batch_reset(pg);
        if (rc) break;
        if (n_recoded) *n_recoded += done;
    }
    arena_free(&h.a);
    return rc;
}

/* The first verb entry of a rules array, else its first entry, as "file:line"; else "". */
#define PG_VERB_RULE(col)                                                                  \
    "coalesce((SELECT r.file || ':' || r.line FROM unnest(" col ") WITH ORDINALITY j(k, o)"  \
    " JOIN rules r ON r.key = j.k ORDER BY r.kind <> 'verb', j.o LIMIT 1), '')"

/* recode.c's DIFF_SQL in PostgreSQL's words. */
static const char PG_DIFF_SQL[] =
    "WITH r AS (SELECT key FROM stories WHERE prev_dict_version IS NOT NULL),"
    " o AS (SELECT story_key, sentence, source, target, code FROM events_previous"
    "   WHERE story_key IN (SELECT key FROM r) EXCEPT SELECT story_key, sentence, source, target,"
    "   code FROM events WHERE story_key IN (SELECT key FROM r)),"
    " n AS (SELECT story_key, sentence, source, target, code FROM events"
    "   WHERE story_key IN (SELECT key FROM r) EXCEPT SELECT story_key, sentence, source, target,"
    "   code FROM events_previous WHERE story_key IN (SELECT key FROM r)),"
    " c AS ("
    "  SELECT 'recoded'::text COLLATE \"C\" AS ch, o.code AS oc, n.code AS nc, o.story_key AS sk,"
    "   o.sentence AS se,"
    "   (SELECT rules FROM events_previous p WHERE p.story_key = o.story_key AND p.sentence ="
    "    o.sentence AND p.source = o.source AND p.target = o.target AND p.code = o.code LIMIT 1)"
    "    AS orules,"
    "   (SELECT rules FROM events e WHERE e.story_key = n.story_key AND e.sentence = n.sentence"
    "    AND e.source = n.source AND e.target = n.target AND e.code = n.code LIMIT 1) AS nrules"
    "  FROM o JOIN n USING (story_key, sentence, source, target)"
    "  UNION ALL"
    "  SELECT 'removed', o.code, '', o.story_key, o.sentence,"
    "   (SELECT rules FROM events_previous p WHERE p.story_key = o.story_key AND p.sentence ="
    "    o.sentence AND p.source = o.source AND p.target = o.target AND p.code = o.code LIMIT 1),"
    "   '{}'::bigint[]"
    "  FROM o WHERE NOT EXISTS (SELECT 1 FROM n WHERE n.story_key = o.story_key AND"
    "   n.sentence = o.sentence AND n.source = o.source AND n.target = o.target)"
    "  UNION ALL"
    "  SELECT 'added', '', n.code, n.story_key, n.sentence, '{}'::bigint[],"
    "   (SELECT rules FROM events e WHERE e.story_key = n.story_key AND e.sentence = n.sentence"
    "    AND e.source = n.source AND e.target = n.target AND e.code = n.code LIMIT 1)"
    "  FROM n WHERE NOT EXISTS (SELECT 1 FROM o WHERE o.story_key = n.story_key AND"
    "   o.sentence = n.sentence AND o.source = n.source AND o.target = n.target))";

int pg_diff(dyad_store *st, dyad_store_diff_by by, dyad_store_diff_fn fn, void *ud) {
    if (st->pg->version < 5) return DYAD_OK; /* never recoded: no events_previous yet */
    dyad_buf sql = {0};
    dyad_buf_puts(&sql, PG_DIFF_SQL);
    if (by == DYAD_STORE_DIFF_BY_RULE)
        dyad_buf_puts(&sql, ", g AS (SELECT ch, CASE WHEN ch = 'recoded' THEN oc ELSE '' END AS oc,"
                            " CASE WHEN ch = 'recoded' THEN nc ELSE '' END AS nc, "
                            PG_VERB_RULE("orules") " COLLATE \"C\" AS orl, "
                            PG_VERB_RULE("nrules") " COLLATE \"C\" AS nrl, sk, se FROM c)"
                            " SELECT ch, oc, nc, orl, nrl, count(*), min(sk * 1048576 + se) FROM g"
                            " GROUP BY ch, orl, nrl, oc, nc ORDER BY ch, 6 DESC, 4, 5");
    else
        dyad_buf_puts(&sql, " SELECT ch, oc, nc, '', '', count(*), min(sk * 1048576 + se) FROM c"
                            " GROUP BY ch, oc, nc ORDER BY ch, 6 DESC, 2, 3");
    PGresult *r = sql.data ? run(st, "diff", sql.data, NULL) : NULL;
    dyad_buf_free(&sql);
    if (!r) return sql.data ? DYAD_EDB : DYAD_ENOMEM;
    int rc = DYAD_OK;
    for (int i = 0; !rc && i < PQntuples(r); i++) {
        dyad_store_diff_row row = {0};
        row.change = PQgetvalue(r, i, 0);
        row.old_code = PQgetvalue(r, i, 1);
        row.new_code = PQgetvalue(r, i, 2);
        row.old_rule = PQgetvalue(r, i, 3);
        row.new_rule = PQgetvalue(r, i, 4);
        row.count = (uint64_t)num(r, i, 5);
        int64_t packed = num(r, i, 6);
        row.example_sentence = (uint32_t)(packed & 0xfffff);
        params p = {0};
        p_int(&p, row.example_sentence);
        p_int(&p, packed >> 20);
        PGresult *ex = run(st, "diff", "SELECT s.id, sn.text FROM stories s LEFT JOIN sentences sn"
                                       " ON sn.story_key = s.key AND sn.idx = $1 WHERE s.key = $2", &p);
        if (!ex) {
            rc = DYAD_EDB;
            break;
        }
        row.example_story = PQntuples(ex) ? PQgetvalue(ex, 0, 0) : "";
        row.example_text = PQntuples(ex) && !PQgetisnull(ex, 0, 1) ? PQgetvalue(ex, 0, 1) : "";
        rc = fn(ud, &row);
        PQclear(ex);
    }
    PQclear(r);
    return rc;
}
