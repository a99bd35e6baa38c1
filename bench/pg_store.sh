#!/usr/bin/env bash
# pg_store.sh: query times on a PostgreSQL store of EVENTS (default 10,000,000) synthetic
# events (issue 15: a country pair's timeline by month under 200 ms, a page of
# /api/events under 100 ms: the store calls in one process, then over HTTP from dyad
# serve). Starts a PostgreSQL server of its own (a unix socket in a
# temporary folder, no TCP; as the postgres user when run as root; fsync off and larger
# maintenance memory, for the build only: the queries do not write) and stops it at the
# end.
#
# The store is made by dyad (`dyad ingest` of an empty input creates the schema), then
# filled by SQL, not by `dyad ingest` (on this machine PostgreSQL ingests about 100
# stories a second: 2,000,000 stories would take days): stories of 5 events each, dated
# 2015-2024, with skewed actors (bench/store_gen.c's countries and sectors) and codes,
# one sentence each; year partitions as dyad names them; dyad_agg filled by one
# statement with the meaning of docs/database.md (dir 0, 1 and 2, weeks and months, every
# event and one a day, Goldstein in millionths, distinct story groups), actor_agg (each
# 3- and 6-byte actor prefix's events by month: as source, target, both) and actor_day
# (the same by day). The timeline
# check at the end compares a timeline read from dyad_agg with the same one read from
# the events (a range that cuts a month), so a wrong aggregate shows.
#
# Usage: bash bench/pg_store.sh    (after make; EVENTS=N for another size, RUNS=5)
# PGSTORE=DIR keeps the server's files in DIR (made if absent) instead of a temporary
# folder: a later run with the same DIR skips the build and times the queries on the
# store as it is (after `dyad ingest` of an empty input, which migrates an older layout).
set -u
cd "$(dirname "$0")/.."
DYAD=$PWD/${BUILD:-build}/dyad
N=${EVENTS:-10000000}
RUNS=${RUNS:-5}
. bench/pg_server.sh pg_store.sh
# a kept folder whose build did not finish is built again
[ -n "${PGSTORE:-}" ] && [ ! -f "$PGSTORE/built" ] && rm -rf "$PGSTORE/data"
pg_server_start "${PGSTORE:-}" -c fsync=off -c synchronous_commit=off -c max_wal_size=8GB \
    -c maintenance_work_mem=1GB -c work_mem=256MB -c shared_buffers=2GB
REUSE=$PG_REUSED
URL=$(url big)
PSQL=("$PGBIN/psql" -qAt -v ON_ERROR_STOP=1)
now() { date +%s.%N; }
: >"$D/empty.jsonl"
if [ -n "$REUSE" ]; then
    t0=$(now)
    "$DYAD" ingest --quiet --db "$URL" "$D/empty.jsonl" 2>/dev/null # exit 1: an empty input
    echo "reused the store in $D (opened by dyad ingest, migrated where older:" \
         "$(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.1f s", b - a }'))"
else
"${PSQL[@]}" -d "postgresql:///postgres?host=$D&user=dyad" -c "CREATE DATABASE big" || exit 1
"$DYAD" ingest --quiet --db "$URL" "$D/empty.jsonl" 2>/dev/null
t0=$(now)
S=$((N / 5))
"${PSQL[@]}" -d "$URL" >/dev/null <<EOF || exit 1
SELECT setseed(0.2026);
DO \$\$ BEGIN FOR y IN 2015..2024 LOOP
  EXECUTE format('CREATE TABLE IF NOT EXISTS events_y%s PARTITION OF events FOR VALUES FROM (%s) TO (%s)',
                 y, y * 10000, (y + 1) * 10000);
END LOOP; END \$\$;
CREATE TEMP TABLE c(i int, code text) ;
INSERT INTO c VALUES (0,'USA'),(1,'CHN'),(2,'RUS'),(3,'GBR'),(4,'FRA'),(5,'DEU'),(6,'JPN'),(7,'KOR'),
  (8,'PRK'),(9,'IRN'),(10,'ISR'),(11,'PSE'),(12,'SYR'),(13,'UKR'),(14,'IND'),(15,'PAK'),(16,'AFG'),
  (17,'IRQ'),(18,'TUR'),(19,'SAU'),(20,'EGY'),(21,'NGA'),(22,'ZAF'),(23,'BRA'),(24,'MEX'),(25,'VEN'),
  (26,'COL'),(27,'CAN'),(28,'AUS'),(29,'IDN');
CREATE TEMP TABLE sec(i int, s text);
INSERT INTO sec VALUES (0,'GOV'),(1,'MIL'),(2,''),(3,'COP'),(4,'OPP'),(5,'REB'),(6,'BUS'),(7,'MED');
CREATE TEMP TABLE cd(i int, code text, root int, q int, g float8);
INSERT INTO cd VALUES (0,'010',1,1,0),(1,'020',2,1,3),(2,'036',3,1,4),(3,'040',4,1,1),(4,'042',4,1,1.9),
  (5,'043',4,1,2.8),(6,'051',5,2,3.4),(7,'057',5,2,8),(8,'061',6,2,6.4),(9,'071',7,2,7.4),
  (10,'111',11,3,-2),(11,'112',11,3,-2),(12,'120',12,3,-4),(13,'130',13,3,-4.4),(14,'138',13,3,-7),
  (15,'173',17,4,-5),(16,'180',18,4,-9),(17,'190',19,4,-10),(18,'193',19,4,-10),(19,'195',19,4,-10);
INSERT INTO stories(key, id, date, publisher, text, content_hash, grp, dict_version)
  SELECT i, 'g' || i, to_char(date '2015-01-01' + (random() * 3652)::int, 'YYYYMMDD')::int,
         'Wire ' || (i % 40), 'Synthetic story ' || i || '.', i, i, 'bench'
  FROM generate_series(1, $S) i;
SELECT setval('stories_key_seq', $S);
INSERT INTO sentences(story_key, idx, span_start, span_end, text, date)
  SELECT key, 0, 0, length(text), text, date FROM stories;
INSERT INTO events(story_key, grp, sentence, date, source, target, code, root, quad_class, goldstein)
  SELECT s.key, s.key, 0, s.date, a.code || sa.s, b.code || sb.s, cd.code, cd.root, cd.q, cd.g
  FROM stories s CROSS JOIN generate_series(1, 5) k
  CROSS JOIN LATERAL (SELECT floor(30 * random() ^ 2)::int AS ai, floor(30 * random() ^ 2)::int AS bi,
                             floor(8 * random())::int AS si, floor(8 * random())::int AS ti,
                             floor(20 * random())::int AS ci, k AS kk, s.key AS sk) r
  JOIN c a ON a.i = r.ai JOIN c b ON b.i = r.bi JOIN sec sa ON sa.i = r.si JOIN sec sb ON sb.i = r.ti
  JOIN cd ON cd.i = r.ci;
INSERT INTO days(date, n_stories, n_groups) SELECT date, count(*), count(*) FROM stories GROUP BY date;
INSERT INTO meta(key, value) VALUES ('dict_version', 'bench')
  ON CONFLICT (key) DO UPDATE SET value = excluded.value;
CREATE TEMP TABLE cell AS
  SELECT x.dir, x.a, x.b, k.kind, dyad_period(e.date, k.kind) AS period, e.date, e.source, e.target,
         e.code, e.quad_class, e.goldstein, e.grp
  FROM events e CROSS JOIN (VALUES (1), (2)) k(kind)
  CROSS JOIN LATERAL (SELECT 1 AS dir, left(e.source, 3) AS a, left(e.target, 3) AS b
                      UNION ALL SELECT 0, least(left(e.source, 3), left(e.target, 3)),
                      greatest(left(e.source, 3), left(e.target, 3))
                      WHERE left(e.source, 3) <> left(e.target, 3)
                      UNION ALL SELECT 2, '', '') x
  WHERE e.date > 0 AND length(e.source) >= 3 AND length(e.target) >= 3;
INSERT INTO dyad_agg(dir, a, b, kind, period, n_raw, q1_raw, q2_raw, q3_raw, q4_raw, g_raw,
                     n_oad, q1_oad, q2_oad, q3_oad, q4_oad, g_oad, stories)
  SELECT r.dir, r.a, r.b, r.kind, r.period, r.n, r.q1, r.q2, r.q3, r.q4, r.g,
         o.n, o.q1, o.q2, o.q3, o.q4, o.g, r.stories
  FROM (SELECT dir, a, b, kind, period, count(*) AS n, count(*) FILTER (WHERE quad_class = 1) AS q1,
               count(*) FILTER (WHERE quad_class = 2) AS q2, count(*) FILTER (WHERE quad_class = 3) AS q3,
               count(*) FILTER (WHERE quad_class = 4) AS q4,
               coalesce(sum(round((goldstein * 1e6)::numeric)), 0)::bigint AS g,
               count(DISTINCT grp) AS stories FROM cell GROUP BY dir, a, b, kind, period) r
  JOIN (SELECT dir, a, b, kind, period, count(*) AS n, count(*) FILTER (WHERE q = 1) AS q1,
               count(*) FILTER (WHERE q = 2) AS q2, count(*) FILTER (WHERE q = 3) AS q3,
               count(*) FILTER (WHERE q = 4) AS q4,
               coalesce(sum(round((g * 1e6)::numeric)), 0)::bigint AS g
        FROM (SELECT dir, a, b, kind, period, min(quad_class) AS q, min(goldstein) AS g FROM cell
              GROUP BY dir, a, b, kind, period, date, source, target, code) k
        GROUP BY dir, a, b, kind, period) o USING (dir, a, b, kind, period);
DROP TABLE cell;
INSERT INTO actor_day(a, day, n_source, n_target, n_both)
  SELECT x.p, e.date, sum(x.src), sum(1 - x.src), sum(x.bo)
  FROM events e CROSS JOIN LATERAL (VALUES
    (left(e.source, 3), 3, 1, (left(e.target, 3) = left(e.source, 3))::integer),
    (left(e.source, 6), 6, 1, (left(e.target, 6) = left(e.source, 6))::integer),
    (left(e.target, 3), 3, 0, 0), (left(e.target, 6), 6, 0, 0)) x(p, l, src, bo)
  WHERE length(x.p) = x.l AND e.date > 0 GROUP BY 1, 2;
INSERT INTO actor_agg(a, month, n_source, n_target, n_both)
  SELECT a, day / 100, sum(n_source), sum(n_target), sum(n_both) FROM actor_day GROUP BY 1, 2;
VACUUM ANALYZE;
EOF
touch "$D/built"
fi
echo "built: $("${PSQL[@]}" -d "$URL" -c 'SELECT count(*) FROM events') events," \
     "$("${PSQL[@]}" -d "$URL" -c 'SELECT count(*) FROM stories') stories," \
     "$("${PSQL[@]}" -d "$URL" -c 'SELECT count(*) FROM dyad_agg') dyad_agg rows;" \
     "$(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.0f s", b - a }');" \
     "$("${PSQL[@]}" -d "$URL" -c "SELECT pg_size_pretty(pg_database_size('big'))")"

# The best of RUNS wall times of a dyad command (the process included), in ms.
best() {
    local b=""
    for _ in $(seq "$RUNS"); do
        local a z
        a=$(now); "$DYAD" "$@" --db "$URL" >/dev/null 2>&1 || { echo "failed: dyad $*" >&2; return; }; z=$(now)
        b=$(awk -v a="$a" -v z="$z" -v b="$b" 'BEGIN { t = (z - a) * 1000; if (b == "" || t < b) b = t; printf "%.1f", b }')
    done
    echo "$b"
}
echo "dyad --version (process start, no store): $(a=$(now); "$DYAD" --version >/dev/null; awk -v a="$a" -v z="$(now)" 'BEGIN { printf "%.1f ms", (z - a) * 1000 }')"
for q in "timeline USA CHN" "timeline USA CHN --both-directions" "timeline SYR TUR" "timeline USAGOV RUSMIL" \
         "events --limit 100" "events --actor USA --limit 100" "events --dyad USA,CHN --limit 100" \
         "events --actor SYR --from 2020-01-01 --to 2020-12-31 --limit 100" "events --code 19 --limit 100"; do
    # shellcheck disable=SC2086
    echo "dyad $q: $(best $q) ms"
done
# /api/events's store calls, timed inside one process (bench/store_gen.c): a page of 100
# events of an actor (first page, and after a cursor), and the total the first page gives
# (also of a range that cuts its first and last months).
G=$D/store_gen
cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -Iinclude bench/store_gen.c ${BUILD:-build}/libdyad.a \
    $(pkg-config --libs libutf8proc jansson sqlite3 zlib libpq) -lcsv -lpthread -lm -o "$G" || exit 1
fastest() { awk '{ for (i = 1; i < NF; i++) if ($(i + 1) == "ms,") t = $i; else if ($(i + 1) == "ms") t = $i
                   if (b == "" || t + 0 < b + 0) { b = t; l = $0 } } END { print l }'; }
for actor in USA SYR IDN USAGOV; do
    for _ in $(seq "$RUNS"); do "$G" page "$URL" "$actor" 0:0; done | fastest
    cur=$("${PSQL[@]}" -d "$URL" -c "SELECT date || ':' || id FROM events WHERE source LIKE '$actor%' OR target LIKE '$actor%' ORDER BY date, id OFFSET 100000 LIMIT 1")
    [ -n "$cur" ] && for _ in $(seq "$RUNS"); do "$G" page "$URL" "$actor" "$cur"; done | fastest
    for _ in $(seq "$RUNS"); do "$G" count "$URL" "$actor"; done | fastest
    for _ in $(seq "$RUNS"); do "$G" count "$URL" "$actor" 20180315 20210610; done | fastest
done

# /api/events over HTTP: dyad serve on the store (2 threads, no response cache on
# PostgreSQL), the first page of 100 events of an actor (with the total it counts) and a
# page after a cursor, and a dyad's timeline: curl's total time, best of RUNS.
if command -v curl >/dev/null && command -v jq >/dev/null; then
    "$DYAD" serve --db "$URL" --listen 127.0.0.1:0 --threads 2 --quiet 2>"$D/serve.err" &
    SP=$!
    P=
    for _ in $(seq 100); do
        P=$(sed -n 's/.*listening on http:\/\/127\.0\.0\.1:\([0-9]*\)\/.*/\1/p' "$D/serve.err")
        [ -n "$P" ] && break
        sleep 0.1
    done
    http_best() { # PATH: the best of RUNS, in ms
        local b="" t
        for _ in $(seq "$RUNS"); do
            t=$(curl -s -m 60 -o /dev/null -w '%{time_total}' "http://127.0.0.1:$P$1")
            b=$(awk -v t="$t" -v b="$b" 'BEGIN { t *= 1000; if (b == "" || t < b) b = t; printf "%.1f", b }')
        done
        echo "$b"
    }
    if [ -n "$P" ]; then
        for actor in USA SYR USAGOV; do
            first="/api/events?actor=$actor&limit=100"
            total=$(curl -s -m 60 "http://127.0.0.1:$P$first" | jq .total)
            nxt=$(curl -s -m 60 "http://127.0.0.1:$P$first" | jq -r .next)
            echo "GET $first (total $total): $(http_best "$first") ms; the next page: $(http_best "$first&after=$nxt") ms"
        done
        echo "GET /api/timeline?a=USA&b=CHN&both=1: $(http_best "/api/timeline?a=USA&b=CHN&both=1") ms"
        echo "GET /api/timeline?raw=1 (every event: dyad_agg's dir 2 rows): $(http_best "/api/timeline?raw=1") ms"
    else
        echo "dyad serve did not start: $(cat "$D/serve.err")"
    fi
    kill "$SP" 2>/dev/null
    wait "$SP" 2>/dev/null
fi

# A range of whole months is read from dyad_agg; one that cuts a month from the events
# (docs/database.md): the months 2016-2023 must be the same both ways.
a=$("$DYAD" timeline USA CHN --both-directions --format csv --db "$URL" --from 2016-01-01 --to 2023-12-31 2>&1 | sed 1d | md5sum)
b=$("$DYAD" timeline USA CHN --both-directions --format csv --db "$URL" --from 2015-12-31 --to 2023-12-31 2>&1 | sed 1d | grep -v '^2015-12-01' | md5sum)
echo "check: USA-CHN months 2016-2023 from dyad_agg and from the events: $([ "$a" = "$b" ] && echo the same || echo DIFFERENT)"
# The total of a first page from actor_agg against the events counted (docs/database.md),
# over all time and over a range that cuts months.
a=$("$G" count "$URL" USA 2>&1 | sed -n 's/.*counted: \([0-9]*\),.*/\1/p')
b=$("${PSQL[@]}" -d "$URL" -c "SELECT count(*) FROM events WHERE source LIKE 'USA%' OR target LIKE 'USA%'")
echo "check: USA's total (actor_agg) and USA's events counted: $([ -n "$a" ] && [ "$a" = "$b" ] && echo "the same ($a)" || echo "DIFFERENT ($a, $b)")"
a=$("$G" count "$URL" USA 20180315 20210610 2>&1 | sed -n 's/.*counted: \([0-9]*\),.*/\1/p')
b=$("${PSQL[@]}" -d "$URL" -c "SELECT count(*) FROM events WHERE (source LIKE 'USA%' OR target LIKE 'USA%') AND date BETWEEN 20180315 AND 20210610")
echo "check: the same from 2018-03-15 to 2021-06-10: $([ -n "$a" ] && [ "$a" = "$b" ] && echo "the same ($a)" || echo "DIFFERENT ($a, $b)")"
