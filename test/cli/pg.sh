#!/usr/bin/env bash
# pg.sh: the PostgreSQL store against a real server. Starts its own PostgreSQL (initdb in a
# temporary folder, a unix socket there, no TCP; as the `postgres` user when run as root,
# since initdb refuses root) and stops it on exit. Checks: the events, timelines, top
# lists and stories read from PostgreSQL equal, byte for byte, those of the SQLite store
# of the same input, and so do the discards kept and reported; a rerun is idempotent; 4
# concurrent ingesters of overlapping shards
# store every story once, with the near-duplicate groups of a single ingest; ingesters
# killed with SIGKILL and rerun complete with nothing lost or duplicated; `dyad serve` on
# PostgreSQL answers the API as on SQLite; `dyad recode` and `dyad diff` as on SQLite; where
# the server has PostGIS, events.geom and its index, SQL over them finding the events that
# --near and --bbox find, and an older store given them. Skips, saying
# why, where the PostgreSQL server is not installed; fails instead under CI (DYAD_CI=1,
# set by .ci/run), where scripts/install-deps.sh installs it.
. "$(dirname "$0")/lib.sh"

PGBIN=${DYAD_PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
need() { # $1 = why it cannot run
    if [ "${DYAD_CI:-}" = 1 ]; then fail "PostgreSQL is needed under CI: $1"; else skip "$1"; fi
    done_testing; exit 0
}
[ -n "$PGBIN" ] && [ -x "$PGBIN/initdb" ] && [ -x "$PGBIN/pg_ctl" ] ||
    need "the PostgreSQL server is not installed (apt install postgresql; scripts/install-deps.sh)"
PSQL=$PGBIN/psql
[ -x "$PSQL" ] || PSQL=$(command -v psql) || need "psql is not installed"
AS=()
if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || need "run as root, and there is no postgres user to run the server as"
    AS=(runuser -u postgres --)
fi

# The server: its own folder (reachable by the postgres user), socket inside, no TCP.
PGD=$(mktemp -d /tmp/dyad-pg.XXXXXX)
chmod 755 "$PGD"
[ ${#AS[@]} -gt 0 ] && chown postgres "$PGD"
stop_server() {
    "${AS[@]}" "$PGBIN/pg_ctl" -D "$PGD/data" -m immediate stop >/dev/null 2>&1
    rm -rf "$PGD" "$TMP"
}
trap stop_server EXIT
if ! "${AS[@]}" "$PGBIN/initdb" -D "$PGD/data" -A trust -U dyad -E UTF8 --locale=C --no-sync \
        >"$PGD/initdb.log" 2>&1; then
    fail "initdb: $(tail -1 "$PGD/initdb.log")"; done_testing; exit 0
fi
if ! "${AS[@]}" "$PGBIN/pg_ctl" -D "$PGD/data" -l "$PGD/server.log" -w -t 60 \
        -o "-k $PGD -c listen_addresses='' -c fsync=off -c max_connections=40" start >/dev/null 2>&1; then
    fail "the server starts: $(tail -3 "$PGD/server.log" | tr '\n' ' ')"; done_testing; exit 0
fi
ok "a PostgreSQL server runs on a socket in $PGD"
url() { echo "postgresql:///$1?host=$PGD&user=dyad"; }
newdb() { "$PSQL" -q -d "$(url postgres)" -c "CREATE DATABASE $1" >/dev/null; }
sql() { "$PSQL" -qAt -d "$(url "$1")" -c "$2"; }
# agg_wrong DB: the rows of dyad_agg, every cell (dir 0 both directions, 1 directed, 2 every
# dated event; weeks and months) and every column, that differ from what the events give,
# counted from scratch (0: none); then the number of rows, which must not be 0. The cells
# as agg.c makes them: 3-byte prefixes of codes of at least 3 bytes, unordered ones
# only where the prefixes differ.
agg_wrong() {
    sql "$1" "WITH ev AS (SELECT k.kind, dyad_period(e.date, k.kind) AS period, e.* FROM events e
              CROSS JOIN (VALUES (1), (2)) k(kind) WHERE e.date > 0),
      cell AS (SELECT x.dir, x.a, x.b, ev.* FROM ev CROSS JOIN LATERAL (SELECT 2 AS dir, '' AS a, '' AS b
               UNION ALL SELECT 1, left(ev.source, 3), left(ev.target, 3)
               WHERE length(ev.source) >= 3 AND length(ev.target) >= 3
               UNION ALL SELECT 0, least(left(ev.source, 3), left(ev.target, 3)), greatest(left(ev.source, 3),
               left(ev.target, 3)) WHERE length(ev.source) >= 3 AND length(ev.target) >= 3
               AND left(ev.source, 3) <> left(ev.target, 3)) x),
      r AS (SELECT dir, a, b, kind, period, count(*) AS n_raw, count(*) FILTER (WHERE quad_class = 1) AS q1_raw,
            count(*) FILTER (WHERE quad_class = 2) AS q2_raw, count(*) FILTER (WHERE quad_class = 3) AS q3_raw,
            count(*) FILTER (WHERE quad_class = 4) AS q4_raw,
            coalesce(sum(round((goldstein * 1e6)::numeric)), 0)::bigint AS g_raw,
            count(DISTINCT grp) AS stories FROM cell GROUP BY 1, 2, 3, 4, 5),
      o AS (SELECT dir, a, b, kind, period, count(*) AS n_oad, count(*) FILTER (WHERE q = 1) AS q1_oad,
            count(*) FILTER (WHERE q = 2) AS q2_oad, count(*) FILTER (WHERE q = 3) AS q3_oad,
            count(*) FILTER (WHERE q = 4) AS q4_oad, coalesce(sum(round((g * 1e6)::numeric)), 0)::bigint AS g_oad
            FROM (SELECT dir, a, b, kind, period, min(quad_class) AS q, min(goldstein) AS g FROM cell
                  GROUP BY dir, a, b, kind, period, date, source, target, code) k GROUP BY 1, 2, 3, 4, 5),
      want AS (SELECT * FROM r JOIN o USING (dir, a, b, kind, period)),
      have AS (SELECT * FROM dyad_agg WHERE (n_raw, q1_raw, q2_raw, q3_raw, q4_raw, g_raw, n_oad, q1_oad,
               q2_oad, q3_oad, q4_oad, g_oad, stories) <> (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
      SELECT count(*) || ' ' || (SELECT count(*) FROM have) FROM want FULL JOIN have USING (dir, a, b, kind, period)
      WHERE (want.n_raw, want.q1_raw, want.q2_raw, want.q3_raw, want.q4_raw, want.g_raw, want.n_oad, want.q1_oad,
             want.q2_oad, want.q3_oad, want.q4_oad, want.g_oad, want.stories)
            IS DISTINCT FROM (have.n_raw, have.q1_raw, have.q2_raw, have.q3_raw, have.q4_raw, have.g_raw,
            have.n_oad, have.q1_oad, have.q2_oad, have.q3_oad, have.q4_oad, have.g_oad, have.stories)"
}
# actor_agg_wrong DB: the rows of actor_agg (each 3- and 6-byte actor prefix's events by
# month: as source, as target, as both; layout version 8) and of actor_day (the same by
# day, dated events only; version 9) that differ from what the events give, counted from
# scratch (0: none); then the number of rows of both, which must not be 0
actor_agg_wrong() {
    sql "$1" "WITH p AS (SELECT DISTINCT left(c, l) AS a FROM (SELECT source AS c FROM events
                UNION SELECT target FROM events) x CROSS JOIN (VALUES (3), (6)) v(l) WHERE length(c) >= l),
      pe AS (SELECT p.a, e.date, e.source LIKE p.a || '%' AS s, e.target LIKE p.a || '%' AS t
             FROM p JOIN events e ON e.source LIKE p.a || '%' OR e.target LIKE p.a || '%'),
      k AS (SELECT 'm' AS g, a, date / 100 AS k, s, t FROM pe UNION ALL SELECT 'd', a, date, s, t FROM pe WHERE date > 0),
      want AS (SELECT g, a, k, count(*) FILTER (WHERE s) AS n_source, count(*) FILTER (WHERE t) AS n_target,
               count(*) FILTER (WHERE s AND t) AS n_both FROM k GROUP BY 1, 2, 3),
      have AS (SELECT 'm' AS g, a, month AS k, n_source, n_target, n_both FROM actor_agg
               WHERE (n_source, n_target, n_both) <> (0, 0, 0)
               UNION ALL SELECT 'd', a, day, n_source, n_target, n_both FROM actor_day
               WHERE (n_source, n_target, n_both) <> (0, 0, 0))
      SELECT count(*) || ' ' || (SELECT count(*) FROM have) FROM want FULL JOIN have USING (g, a, k)
      WHERE (want.n_source, want.n_target, want.n_both) IS DISTINCT FROM (have.n_source, have.n_target, have.n_both)"
}

# --- a corpus written for this test: wire copy with dates over two years, syndicated
# copies (a closing line added: near-duplicates), a repeated id, an undated story,
# quotes, tabs and backslashes, and a few stories placed in cities (regions for the map).
C=$TMP/corpus.jsonl
awk -v n=600 'BEGIN {
    nv = split("met with|criticized|attacked|accused|praised|threatened", V, "|");
    na = split("South Korea|North Korea|China|Japan|Russia|Ukraine|Iran|Israel|France|Germany", A, "|");
    srand(7);
    for (i = 1; i <= n; i++) {
        s = A[1 + int(rand() * na)]; t = A[1 + int(rand() * na)]; vb = V[1 + int(rand() * nv)];
        d = sprintf("%d-%02d-%02d", 2019 + int(rand() * 2), 1 + int(rand() * 12), 1 + int(rand() * 28));
        body = sprintf("%s %s %s on Tuesday over the dispute number %d, the foreign ministry said in a statement. The talks in the capital lasted %d hours and ended without an agreement. Diplomats from both sides said a further round was planned for next month, when envoys %d and %d would return.", s, vb, t, i, i % 9 + 2, i * 3, i * 5);
        printf("{\"id\":\"w-%d\",\"date\":\"%s\",\"publisher\":\"Wire %d\",\"title\":\"Dispute %d\",\"text\":\"%s\"}\n", i, d, i % 5, i, body);
        if (i % 7 == 0)
            printf("{\"id\":\"copy-%d\",\"date\":\"%s\",\"publisher\":\"Paper %d\",\"text\":\"%s Copies were sent.\"}\n", i, d, i % 3, body);
    }
}' >"$C"
# A record reusing an id with another text (refused, naming both: exit 1): kept apart,
# as which of the two a store keeps depends on the order they arrive in (the concurrent
# runs below do not get it).
R=$TMP/reused-id.jsonl
echo '{"id":"w-1","date":"2019-05-05","text":"A second record with an id already used with another text is refused."}' >"$R"
cat >>"$C" <<'EOF'
{"id":"undated-1","text":"France criticized Germany over the budget, the minister said.\tA tab, a \\ backslash and \"quotes\" stay as written."}
{"id":"city-1","date":"2019-06-04","publisher":"Wire 1","title":"Shelling","text":"KHARKIV, Ukraine (Reuters) - Russia attacked Ukraine in Kharkiv on Tuesday, the regional governor said."}
{"id":"city-2","date":"2020-02-11","publisher":"Wire 2","title":"Talks","text":"ODESA, Ukraine (Reuters) - France met with Ukraine in Odesa on Tuesday, a French diplomat said."}
{"id":"city-3","date":"2019-09-17","publisher":"Wire 3","title":"Visit","text":"Japan met with China in Shanghai on Tuesday, officials said in a statement."}
EOF
n_in=$(cat "$C" "$R" | wc -l)

"$DYAD" ingest --quiet --db "$TMP/s.db" "$C" "$R" 2>"$TMP/s.err"
check "the SQLite ingest succeeds" test $? -le 1
newdb one
"$DYAD" ingest --quiet --db "$(url one)" "$C" "$R" 2>"$TMP/p.err"; rc=$?
check "the PostgreSQL ingest succeeds (exit $rc: $(tail -1 "$TMP/p.err"))" test $rc -le 1
aw=$(agg_wrong one)
check "dyad_agg holds what the events give, every cell and column, the whole-store rows (dir 2) too ($aw: rows wrong, rows)" \
    test "${aw% *} $(sql one "SELECT count(*) > 20 FROM dyad_agg WHERE dir = 2")" = "0 t"
aw=$(actor_agg_wrong one)
check "actor_agg and actor_day hold what the events give ($aw: rows wrong, rows)" test "${aw% *}" = 0 -a "${aw#* }" -gt 100
check "both report the same counts" test "$(sed 's/; [0-9.]* s (.*//' "$TMP/s.err")" = "$(sed 's/; [0-9.]* s (.*//' "$TMP/p.err")"
"$DYAD" events --db "$TMP/s.db" --format jsonl >"$TMP/s.jsonl"
"$DYAD" events --db "$(url one)" --format jsonl >"$TMP/p.jsonl"
check "events --format jsonl from PostgreSQL equals SQLite's, places and date precision included ($(wc -l <"$TMP/s.jsonl") events)" \
    bash -c "[ -s '$TMP/s.jsonl' ] && cmp -s '$TMP/s.jsonl' '$TMP/p.jsonl'"
check "... and the events carry places: of the event and of its actors" \
    test "$(jq -c 'select(.location.lat != null and .source_place.country != null)' "$TMP/p.jsonl" | wc -l)" -gt 0
same() { # DESC, dyad arguments: the output from both stores is the same and not empty
    local d=$1; shift
    "$DYAD" "$@" --db "$TMP/s.db" >"$TMP/s.out" 2>&1
    "$DYAD" "$@" --db "$(url one)" >"$TMP/p.out" 2>&1
    check "$d: the same from both stores ($(wc -l <"$TMP/s.out") lines)" \
        bash -c "[ -s '$TMP/s.out' ] && cmp -s '$TMP/s.out' '$TMP/p.out'"
}
same "events (table: GDELT counts over near-duplicate groups)" events
same "events --one-a-day" events --one-a-day --format jsonl
same "events --actor --from --to" events --actor PRK --from 2019-03-01 --to 2020-06-30
same "events --dyad" events --dyad KOR,PRK
same "events --code root" events --code 11 --format csv
same "events --code quad" events --code quad:4
same "events --text" events --text "foreign ministry Tuesday" --limit 20
same "events --limit --offset" events --limit 7 --offset 30 --format jsonl
# Place filters: a country, a circle around a place the events have, a box, a box across
# the antimeridian.
pt=$(jq -r 'select(.location.lat != null) | "\(.location.lat),\(.location.lon)"' "$TMP/s.jsonl" | sort | uniq -c | sort -rn | awk 'NR == 1 { print $2 }')
cc=$(jq -r 'select(.location.country != null) | .location.country' "$TMP/s.jsonl" | sort | uniq -c | sort -rn | awk 'NR == 2 { print $2 }')
same "events --country $cc" events --country "$cc" --format jsonl
same "events --near $pt --km 900" events --near "$pt" --km 900 --format jsonl
same "events --near $pt --km 1" events --near "$pt" --km 1
la=${pt%,*} lo=${pt#*,}
same "events --bbox around $pt" events --bbox "$(awk -v a="$la" -v o="$lo" 'BEGIN { printf "%g,%g,%g,%g", o - 20, a - 10, o + 20, a + 10 }')" --format jsonl
same "events --bbox across the antimeridian" events --bbox 100,-60,-170,80 --format csv
same "events --country --one-a-day" events --country "$cc" --one-a-day
same "events --bbox refused when it is no box" events --bbox 10,20,5
# The points are indexed (layout version 7): the latitude band that a box or a circle
# begins with is a range of events_latlon on each year's partition (the planner, told
# not to read whole tables, finds it; this corpus is too small for it to prefer it).
plan=$(sql one "SET enable_seqscan = off; EXPLAIN SELECT count(*) FROM events e WHERE e.location_lat BETWEEN $la - 5 AND $la + 5 AND e.location_lon BETWEEN $lo - 5 AND $lo + 5")
check "a --bbox or --near reads an index on the points:$(grep -o 'Index[A-Za-z ]* Scan using [a-z0-9_]*' <<<"$plan" | sort -u | head -2 | sed 's/^/ /' | tr -d '\n')" \
    grep -q 'Index[A-Za-z ]* Scan using [a-z0-9_]*\(latlon\|location_lat_location_lon\)' <<<"$plan"
# PostGIS (layout version 10): where the server has it, the ingest creates the extension
# and each event's point is also events.geom, geometry(Point, 4326), set from the place by
# a trigger on every year's partition, with a GiST index (events_geom) on each. SQL over it
# finds the events dyad finds: ST_DWithin on the sphere (use_spheroid false) the events of
# --near (dyad_km; the corpus's points lie far from the circles' edges), && a box those of
# --bbox. A server without PostGIS gives a store without geom, and every check above
# holds there too; a skip here says so (a failure under CI, which installs PostGIS).
geo() { # SQL condition: the events matching it, as story sentence source target code
    sql one "SELECT s.id || ' ' || e.sentence || ' ' || e.source || ' ' || e.target || ' ' || e.code
             FROM events e JOIN stories s ON s.key = e.story_key WHERE $1" | LC_ALL=C sort
}
dyad_geo() { # dyad events arguments: the events found, as geo() gives them
    "$DYAD" events --db "$(url one)" "$@" --format jsonl |
        jq -r '"\(.story) \(.sentence) \(.source) \(.target // "") \(.code)"' | LC_ALL=C sort
}
if [ "$(sql one "SELECT count(*) FROM pg_available_extensions WHERE name = 'postgis'")" != 1 ]; then
    if [ "${DYAD_CI:-}" = 1 ]; then fail "PostGIS is needed under CI (postgresql-15-postgis-3; scripts/install-deps.sh)"
    else skip "the server has no PostGIS (apt install postgresql-15-postgis-3): events.geom untested"; fi
else
    check "PostGIS: the ingest created the extension and events.geom, a geometry(Point,4326)" \
        test "$(sql one "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'events'::regclass AND attname = 'geom'")" = "geometry(Point,4326)"
    g=$(sql one "SELECT count(*) FILTER (WHERE geom IS NOT NULL) || ' ' || count(*) FILTER (WHERE location_lat IS NOT NULL AND location_lon IS NOT NULL)
                 || ' ' || count(*) FILTER (WHERE geom IS NOT NULL AND (ST_X(geom) <> location_lon OR ST_Y(geom) <> location_lat OR ST_SRID(geom) <> 4326))
                 || ' ' || count(DISTINCT tableoid) FILTER (WHERE geom IS NOT NULL) FROM events")
    check "... a point for each placed event, its longitude and latitude, none other (with, placed, wrong, partitions: $g)" \
        bash -c "set -- $g; [ \$1 -gt 0 ] && [ \$1 = \$2 ] && [ \$3 = 0 ] && [ \$4 -ge 2 ]"
    gi=$(sql one "SELECT (SELECT count(*) FROM pg_inherits WHERE inhparent = 'events'::regclass) || ' ' || count(*)
                  FROM pg_inherits i JOIN pg_index x ON x.indrelid = i.inhrelid JOIN pg_class c ON c.oid = x.indexrelid
                  JOIN pg_am a ON a.oid = c.relam WHERE i.inhparent = 'events'::regclass AND a.amname = 'gist'
                  AND pg_get_indexdef(x.indexrelid) LIKE '%(geom)%'")
    check "... a GiST index on geom on every partition (partitions, indexes: $gi)" bash -c "set -- $gi; [ \$1 -ge 3 ] && [ \$1 = \$2 ]"
    plan=$(sql one "SET enable_seqscan = off; EXPLAIN SELECT count(*) FROM events e WHERE ST_DWithin(e.geom, ST_SetSRID(ST_MakePoint($lo, $la), 4326), 1)")
    check "... which ST_DWithin over geom reads" grep -q 'Index[A-Za-z ]* Scan using [a-z0-9_]*geom' <<<"$plan"
    # around the most frequent point, and around Kharkiv (city-1), where circles of
    # growing radius take in Odesa, Ukraine's own point and more
    kh=$(jq -r 'select(.story == "city-1" and .location.lat != null) | "\(.location.lat),\(.location.lon)"' "$TMP/s.jsonl" | head -1)
    seen=
    for c in "$pt 900" "$pt 1" "$kh 100" "$kh 450" "$kh 700" "$kh 3000"; do
        read -r p km <<<"$c"
        dyad_geo --near "$p" --km $km >"$TMP/near.dyad"
        geo "ST_DWithin(e.geom::geography, ST_SetSRID(ST_MakePoint(${p#*,}, ${p%,*}), 4326)::geography, $km * 1000, false)" >"$TMP/near.sql"
        [ -n "${DYAD_PG_DEBUG:-}" ] && diff "$TMP/near.sql" "$TMP/near.dyad" | head >&2
        check "... ST_DWithin(geom, $p, $km km) finds the events --near $p --km $km finds ($(wc -l <"$TMP/near.dyad") of $(sql one "SELECT count(geom) FROM events"))" \
            bash -c "[ -s '$TMP/near.dyad' ] && cmp -s '$TMP/near.dyad' '$TMP/near.sql'"
        seen="$seen $(wc -l <"$TMP/near.dyad")"
    done
    all=$(sql one "SELECT count(geom) FROM events")
    check "... the circles take in different numbers of events, never all $all of them (events:$seen)" \
        bash -c "[ \$(tr ' ' '\n' <<<'$seen' | sort -u | wc -l) -ge 4 ] && ! tr ' ' '\n' <<<'$seen' | grep -qx '$all'"
    box=$(awk -v a="$la" -v o="$lo" 'BEGIN { printf "%g,%g,%g,%g", o - 3, a - 2, o + 3, a + 2 }')
    dyad_geo --bbox "$box" >"$TMP/box.dyad"
    geo "e.geom && ST_MakeEnvelope($box, 4326)" >"$TMP/box.sql"
    check "... geom && a box finds the events --bbox $box finds ($(wc -l <"$TMP/box.dyad"))" \
        bash -c "[ -s '$TMP/box.dyad' ] && cmp -s '$TMP/box.dyad' '$TMP/box.sql'"
    # docs/database.md's join to a polygon table: a polygon (the box) holds the same events
    sql one "CREATE TABLE districts(name text, boundary geometry(MultiPolygon, 4326));
             INSERT INTO districts VALUES ('box', ST_Multi(ST_MakeEnvelope($box, 4326))),
             ('elsewhere', ST_Multi(ST_MakeEnvelope(-80, -40, -70, -30, 4326)))"
    geo "e.id IN (SELECT e2.id FROM districts d JOIN events e2 ON ST_Contains(d.boundary, e2.geom) WHERE d.name = 'box')" >"$TMP/poly.sql"
    check "... a join to a polygon table (ST_Contains) finds them too" cmp -s "$TMP/box.dyad" "$TMP/poly.sql"
    sql one "DROP TABLE districts"
    # A user who may not create the extension (PostGIS is not trusted; the owner of its
    # database, not a superuser) gets the store without geom, no error, the same report
    # and answers; once a superuser has created the extension there, an ingest adds geom.
    sql postgres "CREATE ROLE plain LOGIN"; sql postgres "CREATE DATABASE nogis OWNER plain"
    nogis="postgresql:///nogis?host=$PGD&user=plain"
    "$DYAD" ingest --quiet --db "$nogis" "$C" "$R" 2>"$TMP/ng.err"; rc=$?
    check "no right to create PostGIS: the ingest succeeds, reporting as SQLite's (exit $rc)" \
        bash -c "[ $rc -le 1 ] && [ \"\$(sed 's/; [0-9.]* s (.*//' '$TMP/s.err')\" = \"\$(sed 's/; [0-9.]* s (.*//' '$TMP/ng.err')\" ]"
    check "... a store of layout 10 without the extension or geom" \
        test "$(sql nogis "SELECT (SELECT value FROM meta WHERE key = 'schema_version') || ' ' || (SELECT count(*) FROM pg_extension WHERE extname = 'postgis') || ' ' || (SELECT count(*) FROM information_schema.columns WHERE table_name = 'events' AND column_name = 'geom')")" = "10 0 0"
    "$DYAD" events --db "$TMP/s.db" --near "$kh" --km 700 --format jsonl >"$TMP/ng.s"
    "$DYAD" events --db "$nogis" --near "$kh" --km 700 --format jsonl >"$TMP/ng.p"
    check "... which answers --near as SQLite does" bash -c "[ -s '$TMP/ng.s' ] && cmp -s '$TMP/ng.s' '$TMP/ng.p'"
    # Once a superuser created PostGIS there, an ingest adds the column at once (no rewrite
    # of the partitions), leaving the points of the events already stored, and the index,
    # to dyad upgrade; the store answers --near rightly in between.
    sql nogis "CREATE EXTENSION postgis"
    "$DYAD" ingest --quiet --db "$nogis" /dev/null 2>/dev/null
    g=$(sql nogis "SELECT count(geom) || ' ' || count(location_lat) || ' ' || (SELECT count(*) FROM meta WHERE key = 'geom_backfill') FROM events")
    check "... once a superuser created PostGIS there, an ingest adds geom, the stored events' points left to dyad upgrade (points, placed, pending: $g)" \
        bash -c "set -- $g; [ \$1 = 0 ] && [ \$2 -gt 0 ] && [ \$3 = 1 ]"
    "$DYAD" events --db "$nogis" --near "$kh" --km 700 --format jsonl >"$TMP/ng.p"
    check "... which meanwhile answers --near as SQLite does" cmp -s "$TMP/ng.s" "$TMP/ng.p"
    sql nogis "UPDATE events SET location_lat = location_lat WHERE id = (SELECT min(id) FROM events WHERE location_lat IS NOT NULL)"
    check "... a row written meanwhile gets its point from the trigger" test "$(sql nogis "SELECT count(geom) FROM events")" = 1
    "$DYAD" upgrade --db "$nogis" --batch 7 2>"$TMP/up.err"; rc=$?
    g=$(sql nogis "SELECT count(geom) || ' ' || count(location_lat) || ' ' || (SELECT count(*) FROM meta WHERE key = 'geom_backfill')
                   || ' ' || count(*) FILTER (WHERE geom IS NOT NULL AND NOT (ST_X(geom) = location_lon AND ST_Y(geom) = location_lat)) FROM events")
    check "dyad upgrade --batch 7 (exit $rc) fills every placed event's point (points, placed, pending, wrong: $g)" \
        bash -c "[ $rc = 0 ] && set -- $g && [ \$1 = \$2 ] && [ \$3 = 0 ] && [ \$4 = 0 ]"
    check "... saying how far it got on stderr, and that the store is up to date" \
        bash -c "grep -q '^dyad upgrade: events.geom: [0-9]* of [0-9]* ([0-9]*%)$' '$TMP/up.err' && grep -q 'up to date$' '$TMP/up.err'"
    gi=$(sql nogis "SELECT (SELECT count(*) FROM pg_inherits WHERE inhparent = 'events'::regclass) || ' ' ||
                    (SELECT count(*) FROM pg_inherits i JOIN pg_index x ON x.indexrelid = i.inhrelid WHERE i.inhparent = 'events_geom'::regclass AND x.indisvalid)
                    || ' ' || (SELECT indisvalid FROM pg_index WHERE indexrelid = 'events_geom'::regclass)")
    check "... then builds the GiST index on every partition, events_geom then valid (partitions, indexes, valid: $gi)" \
        bash -c "set -- $gi; [ \$1 -ge 2 ] && [ \$1 = \$2 ] && [ \$3 = true ]"
    "$DYAD" events --db "$nogis" --near "$kh" --km 700 --format jsonl >"$TMP/ng.p"
    check "... and still answers --near as SQLite does" cmp -s "$TMP/ng.s" "$TMP/ng.p"
    "$DYAD" upgrade --db "$nogis" 2>"$TMP/up.err"; rc=$?
    check "dyad upgrade again: nothing left to do (exit $rc)" \
        bash -c "[ $rc = 0 ] && [ \"\$(cat '$TMP/up.err')\" = 'dyad upgrade: postgresql:///nogis: up to date' ]"
fi
same "events --country refused when it is no country (one message)" events --country XQ
PGQ=$(dirname "$DYAD")/test/test_pg_query
if [ -x "$PGQ" ]; then
    CMOCKA_MESSAGE_OUTPUT=STDOUT DYAD_TEST_PG_URL=$(url one) DYAD_TEST_SQLITE=$TMP/s.db "$PGQ" >"$TMP/unit.out" 2>&1; rc=$?
    check "timelines with place filters, and the totals of an actor's events, through the library: the same from both stores (build/test/test_pg_query: exit $rc)" \
        bash -c "[ $rc = 0 ] && grep -q 'PASSED.*2 test' '$TMP/unit.out' && ! grep -q 'FAILED\|SKIPPED' '$TMP/unit.out'"
    [ -n "${DYAD_PG_DEBUG:-}" ] && cat "$TMP/unit.out" >&2
else
    skip "$PGQ is not built (make)"
fi
same "timeline by month, both directions (dyad_agg)" timeline CHN JPN --both-directions
same "timeline by week (dyad_agg)" timeline KOR PRK --by week
same "timeline by day (the events)" timeline RUS UKR --by day --raw
same "timeline of a range cutting months (the events)" timeline FRA DEU --from 2019-02-10 --to 2020-03-20
same "top actors" top actors
same "top dyads" top dyads --from 2020-01-01
same "top codes" top codes
same "top actors of whole months (top_dyads)" top actors --from 2019-03-01 --to 2019-08-31
same "top codes to a month's end, undated events too (top_codes)" top codes --to 2019-12-31
same "top dyads of a cut month (the events)" top dyads --from 2019-03-05 --to 2019-08-31
# dyad check: a sound store, then a changed sentence and a deleted story (in a copy).
"$DYAD" check --db "$TMP/s.db" >"$TMP/s.out" 2>&1; src=$?
"$DYAD" check --db "$(url one)" >"$TMP/p.out" 2>&1; rc=$?
counts() { sed 's/^.*: ok: \(.*\) (schema version.*/\1/' "$1"; }
check "check of a sound PostgreSQL store: exit $rc, the counts SQLite's check gives ($(counts "$TMP/p.out"))" \
    bash -c "[ $rc = 0 ] && [ $src = 0 ] && [ \"\$(sed 's/^.*: ok: \(.*\) (schema version.*/\1/' '$TMP/s.out')\" = \"\$(sed 's/^.*: ok: \(.*\) (schema version.*/\1/' '$TMP/p.out')\" ]"
check "... naming the store without its user and options" grep -q '^postgresql:///one: ok: [0-9]* stories' "$TMP/p.out"
newdb dmg
"$DYAD" ingest --quiet --db "$(url dmg)" "$C" 2>/dev/null
victim=$(sql dmg "SELECT id FROM stories WHERE id LIKE 'w-%' ORDER BY key LIMIT 1 OFFSET 3")
sql dmg "UPDATE sentences SET text = replace(text, 'Diplomats', 'Dip1omats') WHERE story_key = (SELECT key FROM stories WHERE id = '$victim')"
"$DYAD" check --db "$(url dmg)" >"$TMP/d.out" 2>&1; rc=$?
check "check of a PostgreSQL store with a changed sentence: exit $rc, the story named" \
    bash -c "[ $rc = 1 ] && grep -qx 'postgresql:///dmg: story $victim: its sentences do not match its content hash (changed or damaged)' '$TMP/d.out' && grep -q '^postgresql:///dmg: 1 problem: the store is damaged' '$TMP/d.out'"
gone=$(sql dmg "SELECT key FROM stories s WHERE EXISTS (SELECT 1 FROM events e WHERE e.story_key = s.key) AND grp = key AND EXISTS (SELECT 1 FROM stories c WHERE c.grp = s.key AND c.key <> s.key) ORDER BY key LIMIT 1")
sql dmg "DELETE FROM stories WHERE key = $gone"
"$DYAD" check --db "$(url dmg)" >"$TMP/d.out" 2>&1; rc=$?
check "check of a PostgreSQL store with a story deleted: exit $rc, its events, sentences and group named" \
    bash -c "[ $rc = 1 ] && grep -q 'links: event [0-9]* belongs to story key $gone, which is missing' '$TMP/d.out' && grep -q 'links: sentence $gone/0 belongs to story key $gone, which is missing' '$TMP/d.out' && grep -q 'links: story copy-[0-9]* is in group $gone, whose first story is missing' '$TMP/d.out'"
"$DYAD" check --db "postgresql://someone:secret@/dmg?host=$PGD&user=dyad" >"$TMP/d.out" 2>&1
check "... and never shows a password" bash -c "! grep -q 'secret\|someone' '$TMP/d.out'"
t0=$("$DYAD" top codes --db "$(url one)" --format csv | sed -n 2p)
sql one "UPDATE top_codes SET n = n + 1000 WHERE month = -1 AND code = '${t0%%,*}'"
check "top lists without a filter are read from top_codes" \
    test "$("$DYAD" top codes --db "$(url one)" --format csv | sed -n 2p)" = "${t0%%,*},$(( ${t0#*,} + 1000 ))"
sql one "UPDATE top_codes SET n = n - 1000 WHERE month = -1 AND code = '${t0%%,*}'"
check "top_codes holds every one-a-day key once over all time" \
    test "$(sql one "SELECT sum(n) FROM top_codes WHERE month = -1")" = \
    "$(sql one "SELECT count(*) FROM (SELECT DISTINCT date, source, target, code FROM events) k")"
same "story with its events" story w-14
same "a syndicated copy and its group" story copy-14 --format json
same "an undated story with tabs, backslashes, quotes" story undated-1 --format json
copies=$(grep -c '"id":"copy-' "$C")
check "each of the $copies syndicated copies joined its original's group, nothing else did" \
    test "$(sql one "SELECT count(*) || ' ' || sum(n) FROM (SELECT count(*) AS n FROM stories GROUP BY grp HAVING count(*) > 1) g")" = "$copies $((2 * copies))"
check "an unknown code is refused alike" bash -c \
    "! '$DYAD' events --code 9x --db '$(url one)' 2>'$TMP/e' && grep -q 'not an event code' '$TMP/e'"
check "events are partitioned by year" \
    test "$(sql one "SELECT string_agg(c.relname, ' ' ORDER BY c.relname) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'events'::regclass AND c.relkind = 'r'")" = \
    "events_undated events_y2019 events_y2020"
check "a year partition can be counted on its own" \
    test "$(sql one "SELECT count(*) FROM events_y2019")" -gt 0

# Discards: every story or sentence read but not coded (the discard list, a sentence
# over a limit, a record that cannot be read, another text under a stored id) is kept in
# PostgreSQL as in SQLite: the same report, rows, order and reasons.
D=$TMP/discards.jsonl
long=$(printf 'the talks went on and %.0s' $(seq 250))
{
    echo '{"id":"kor-1","date":"2019-03-01","text":"SEOUL (Reuters) - South Korea'"'"'s president met North Korean leader Kim Jong Un in Pyongyang on Friday."}'
    echo '{"id":"sport-1","date":"2019-03-02","title":"Dodgers win","text":"LOS ANGELES (AP) - The Dodgers beat the Giants 5-3 on Saturday. The Lakers won 110-98 over the Celtics. Manchester United drew 2-2 with Chelsea in the Premier League."}'
    echo '{"id": "broken", "text": '
    printf '{"id":"long-1","date":"2019-03-03","text":"BEIJING (AP) - China condemned Japan on Monday. The minister said %s."}\n' "$long"
    echo '{"id":"kor-1","date":"2019-03-01","text":"TOKYO (AP) - Japan praised India on Friday for its help."}'
} >"$D"
P="$ROOT/test/data/dict/patterns"
PD=$TMP/patterns.jsonl
{
    echo '{"id":"p-1","date":"2019-03-01","text":"France visited Japan on Tuesday. Japan visited France for a baseball tournament. Germany visited China on Wednesday."}'
    echo '{"id":"p-2","date":"2019-03-02","text":"France visited Japan days after a typhoon struck its coast. Germany visited China on Tuesday."}'
} >"$PD"
newdb disc
both_ingest() { # ARGS: the same ingest into both stores; stderr without timings in $TMP/[sp].derr
    "$DYAD" ingest --quiet --db "$TMP/d.db" "$@" 2>"$TMP/s.derr"; echo $? >"$TMP/s.drc"
    "$DYAD" ingest --quiet --db "$(url disc)" "$@" 2>"$TMP/p.derr"; echo $? >"$TMP/p.drc"
    sed -i 's/; [0-9.]* s (.*//' "$TMP/s.derr" "$TMP/p.derr"
}
same_discards() { # DESC: dyad story --discards (text, JSON) and the named stories alike
    local d=$1 k
    for k in "story --discards" "story --discards --format json" "story sport-1" \
             "story sport-1 --format json" "story long-1 --format json" "story kor-1 --format json" \
             "story p-1 --format json" "story p-2 --format json"; do
        # shellcheck disable=SC2086
        "$DYAD" $k --db "$TMP/d.db" >"$TMP/s.out" 2>&1; echo "exit $?" >>"$TMP/s.out"
        # shellcheck disable=SC2086
        "$DYAD" $k --db "$(url disc)" >"$TMP/p.out" 2>&1; echo "exit $?" >>"$TMP/p.out"
        check "$d: dyad $k: the same from both stores" cmp -s "$TMP/s.out" "$TMP/p.out"
        [ -n "${DYAD_PG_DEBUG:-}" ] && diff "$TMP/s.out" "$TMP/p.out" >&2
    done
}
both_ingest "$D"
check "an ingest with discards: the same exit status ($(cat "$TMP/p.drc")) and report on stderr" \
    bash -c "[ \"\$(cat '$TMP/s.drc')\" = \"\$(cat '$TMP/p.drc')\" ] && cmp -s '$TMP/s.derr' '$TMP/p.derr' && grep -q '1 discarded (sports 1), 2 skipped' '$TMP/p.derr'"
check "... PostgreSQL keeps them (nothing said of stderr only)" bash -c "! grep -q 'stderr only' '$TMP/p.derr'"
check "... each kept, in input order, with its reason" \
    test "$(sql disc "SELECT string_agg(story || '|' || line || '|' || sentence || '|' || reason, ' ' ORDER BY key) FROM discards")" = \
    "sport-1|2|-1|discard_list |3|-1|unreadable long-1|4|1|too_long kor-1|5|-1|id_conflict"
same_discards "discards"
both_ingest "$D"
check "a rerun records nothing twice" test "$(sql disc "SELECT count(*) FROM discards")" = 4
same_discards "discards after a rerun"
both_ingest --dict "$P" "$PD"
check "a sentence the discard list drops by itself, and a story it drops: the same report" \
    bash -c "cmp -s '$TMP/s.derr' '$TMP/p.derr' && grep -q '1 discarded (.*), 1 sentence not coded' '$TMP/p.derr'"
both_ingest "$PD"
check "a story stored since its discard (other dictionaries) loses its discard rows" \
    test "$(sql disc "SELECT count(*) FROM discards WHERE story = 'p-2'")" = 0
same_discards "discards after other dictionaries"
# A database of the first layout (no discards table, no places): read as it is, brought
# to the new one by the next ingest.
drop=$(sql disc "SELECT string_agg('DROP COLUMN ' || column_name, ', ' ORDER BY column_name <> 'geom') FROM information_schema.columns
    WHERE table_name = 'events' AND (column_name IN ('date_precision', 'geom') OR column_name LIKE '%place%'
    OR (column_name LIKE 'location%' AND column_name NOT IN ('location', 'location_country')))")
sql disc "DROP TABLE discards; DROP TABLE top_codes; DROP TABLE top_dyads; DROP TABLE actor_agg; DROP TABLE actor_day; ALTER TABLE events $drop; UPDATE meta SET value = '1' WHERE key = 'schema_version'"
"$DYAD" story --discards --db "$(url disc)" >"$TMP/v1.out" 2>&1
check "a database of layout 1 is read as it is: no discards" grep -qx "no discards" "$TMP/v1.out"
"$DYAD" events --db "$(url disc)" --format jsonl >"$TMP/v1.jsonl" 2>&1
check "... and events without places" \
    test "$(jq -c 'select(.source_place == null and .target_place == null and .location.lat == null)' "$TMP/v1.jsonl" | wc -l) $(wc -l <"$TMP/v1.jsonl")" = \
    "$(wc -l <"$TMP/v1.jsonl") $(sql disc "SELECT count(*) FROM events")"
"$DYAD" ingest --quiet --db "$(url disc)" "$D" 2>/dev/null
"$DYAD" top codes --db "$(url disc)" >"$TMP/v1.top" 2>&1
check "... and top lists from the events" test "$(wc -l <"$TMP/v1.top")" -gt 1
check "... and an ingest brings it to layout 10, keeping discards again (the stored long-1 has no new sentence over the limit)" \
    test "$(sql disc "SELECT value FROM meta WHERE key = 'schema_version'") $(sql disc "SELECT count(*) FROM discards")" = "10 3"
check "... its points indexed again (events_latlon, dropped with the place columns)" \
    test "$(sql disc "SELECT count(*) FROM pg_indexes WHERE indexname = 'events_latlon'")" = 1
check "... its dyad_agg given the whole-store rows (dir 2) of its events" \
    test "$(aw=$(agg_wrong disc); echo "${aw% *}") $(sql disc "SELECT count(*) > 0 FROM dyad_agg WHERE dir = 2")" = "0 t"
aw=$(actor_agg_wrong disc)
check "... its actor_agg and actor_day filled from its events ($aw: rows wrong, rows)" test "${aw% *}" = 0 -a "${aw#* }" -gt 0
"$DYAD" top codes --db "$(url disc)" >"$TMP/v4.top" 2>&1
check "... its top lists filled from the events it had" cmp -s "$TMP/v1.top" "$TMP/v4.top"
check "... with the place columns back" \
    test "$(sql disc "SELECT count(*) FROM information_schema.columns WHERE table_name = 'events'")" = \
    "$(sql one "SELECT count(*) FROM information_schema.columns WHERE table_name = 'events'")"

# Idempotent: a rerun adds nothing and changes nothing.
"$DYAD" ingest --quiet --db "$(url one)" "$C" "$R" 2>"$TMP/again.err"
check "a rerun adds nothing, the reused id refused again ($(grep -o '[0-9]* added, [0-9]* duplicates.* [0-9]* skipped' "$TMP/again.err"))" \
    grep -q " 0 added, $((n_in - 1)) duplicates.* 1 skipped" "$TMP/again.err"
"$DYAD" events --db "$(url one)" --format jsonl >"$TMP/p2.jsonl"
check "... and the events are unchanged" cmp -s "$TMP/p.jsonl" "$TMP/p2.jsonl"

# What a store holds, independent of the order stories arrived in: each story once, its
# events, and its near-duplicate group as the set of ids in it.
holds() {
    sql "$1" "SELECT count(*) || ' stories, ' || count(DISTINCT id) || ' ids, ' || count(DISTINCT content_hash) || ' bodies' FROM stories"
    sql "$1" "SELECT (SELECT count(*) FROM sentences) || ' sentences, ' || (SELECT count(*) FROM events) || ' events'"
    sql "$1" "SELECT string_agg(id, ',' ORDER BY id) FROM stories GROUP BY grp ORDER BY 1"
    sql "$1" "SELECT s.id, e.sentence, e.source, e.target, e.code, e.date FROM events e JOIN stories s ON s.key = e.story_key ORDER BY 1, 2, 3, 4, 5" | md5sum
    sql "$1" "SELECT sum(n_stories), sum(n_groups) FROM days"
    sql "$1" "SELECT dir, a, b, kind, period, n_raw, n_oad, g_raw, g_oad, stories FROM dyad_agg ORDER BY 1, 2, 3, 4, 5" | md5sum
    sql "$1" "SELECT month, code, n FROM top_codes WHERE n > 0 ORDER BY 1, 2" | md5sum
    sql "$1" "SELECT a, month, n_source, n_target, n_both FROM actor_agg ORDER BY 1, 2" | md5sum
    sql "$1" "SELECT a, day, n_source, n_target, n_both FROM actor_day ORDER BY 1, 2" | md5sum
    sql "$1" "SELECT month, source, target, n FROM top_dyads WHERE n > 0 ORDER BY 1, 2, 3" | md5sum
    "$DYAD" events --db "$(url "$1")" --format jsonl | sort | md5sum
    "$DYAD" timeline CHN JPN --db "$(url "$1")"
}
holds one >"$TMP/one.holds"

# dyad export and dyad import between SQLite and PostgreSQL: the copy holds what an ingest
# of the same input holds and answers every query as its source does.
newdb exp
"$DYAD" export --db "$TMP/s.db" "$(url exp)" 2>"$TMP/x.err"; rc=$?
check "dyad export from SQLite into PostgreSQL (exit $rc: $(tail -1 "$TMP/x.err"))" test $rc = 0
holds exp >"$TMP/exp.holds"
check "... holds what an ingest into PostgreSQL holds: stories, groups, events, days, dyad_agg, actor_agg, actor_day" \
    cmp -s "$TMP/one.holds" "$TMP/exp.holds"
[ -n "${DYAD_PG_DEBUG:-}" ] && diff "$TMP/one.holds" "$TMP/exp.holds" | head -20 >&2
"$DYAD" import --db "$TMP/i.db" "$(url one)" 2>"$TMP/i.err"; rc=$?
check "dyad import from PostgreSQL into a new SQLite file (exit $rc: $(tail -1 "$TMP/i.err"))" test $rc = 0
for q in "events --format jsonl" "events --one-a-day" "timeline CHN JPN --both-directions" \
         "top dyads" "top codes" "story copy-14 --format json" "story --discards --format json"; do
    # shellcheck disable=SC2086
    "$DYAD" $q --db "$TMP/s.db" >"$TMP/s.out" 2>&1
    # shellcheck disable=SC2086
    "$DYAD" $q --db "$(url exp)" >"$TMP/x.out" 2>&1
    # shellcheck disable=SC2086
    "$DYAD" $q --db "$TMP/i.db" >"$TMP/i.out" 2>&1
    check "dyad $q: the same from the source, the export and the import" \
        bash -c "[ -s '$TMP/s.out' ] && cmp -s '$TMP/s.out' '$TMP/x.out' && cmp -s '$TMP/s.out' '$TMP/i.out'"
done
"$DYAD" export --db "$TMP/s.db" "$(url exp)" 2>"$TMP/x.err"
check "an export run again adds nothing" grep -q ' 0 added, [0-9]* duplicates, 0 refused; 0 events' "$TMP/x.err"
# A store of layout 8 (actor_agg by month, no actor_day) is read as it is, the days of
# the months a range cuts counted from the events, and the next ingest brings it to
# layout 10: actor_day filled from its events, so that every total of an actor of 3 or 6
# bytes (ranges that cut months included) is a sum of rows; and, where the server has
# PostGIS, events.geom (dropped here) and its index.
sql exp "DROP TABLE actor_day; ALTER TABLE events DROP COLUMN IF EXISTS geom; ALTER TABLE events_previous DROP COLUMN IF EXISTS geom; UPDATE meta SET value = '8' WHERE key = 'schema_version'"
pgq() { # DB: build/test/test_pg_query on DB (read only: no migration) against SQLite's s.db
    [ -x "$PGQ" ] || return 0
    CMOCKA_MESSAGE_OUTPUT=STDOUT DYAD_TEST_PG_URL=$(url "$1") DYAD_TEST_SQLITE=$TMP/s.db "$PGQ" >"$TMP/unit.out" 2>&1 &&
        grep -q 'PASSED.*2 test' "$TMP/unit.out" && ! grep -q 'FAILED\|SKIPPED' "$TMP/unit.out"
}
check "a store of layout 8 (actor_agg by month, no actor_day) is read as it is: the totals of actors' events those of the events (test_pg_query)" pgq exp
: >"$TMP/empty.jsonl"
"$DYAD" ingest --quiet --db "$(url exp)" "$TMP/empty.jsonl" 2>/dev/null
aw=$(actor_agg_wrong exp)
check "... an ingest brings it to layout 10: actor_day filled from its events ($aw: rows wrong, rows of both)" \
    test "$(sql exp "SELECT value FROM meta WHERE key = 'schema_version'") ${aw% *} $(sql exp "SELECT count(*) > 100 FROM actor_day")" = "10 0 t"
if [ "$(sql exp "SELECT count(*) FROM pg_available_extensions WHERE name = 'postgis'")" = 1 ]; then
    # PostGIS there: events.geom added, its points and index left to dyad upgrade, which
    # resumes from the id it recorded (here set by hand to the middle: the events below it
    # keep no point until a run from the start).
    g=$(sql exp "SELECT count(geom) || ' ' || count(location_lat) || ' ' || (SELECT value FROM meta WHERE key = 'geom_backfill') FROM events")
    check "... and, PostGIS there, events.geom, its points left to dyad upgrade (points, placed, next id: $g)" \
        bash -c "set -- $g; [ \$1 = 0 ] && [ \$2 -gt 0 ] && [ \$3 = 0 ]"
    mid=$(sql exp "SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY id) FROM events WHERE location_lat IS NOT NULL")
    sql exp "UPDATE meta SET value = '$mid' WHERE key = 'geom_backfill'"
    "$DYAD" upgrade --quiet --db "$(url exp)" --batch 10 2>"$TMP/up.err"; rc=$?
    g=$(sql exp "SELECT count(*) FILTER (WHERE geom IS NULL AND id >= $mid) || ' ' || count(*) FILTER (WHERE geom IS NULL AND id < $mid) || ' ' ||
                 count(*) FILTER (WHERE id < $mid) FROM events WHERE location_lat IS NOT NULL")
    check "... an upgrade resumes at the id recorded (exit $rc; unfilled from it, unfilled below it, placed below it: $g)" \
        bash -c "[ $rc = 0 ] && [ ! -s '$TMP/up.err' ] && set -- $g && [ \$1 = 0 ] && [ \$2 -gt 0 ] && [ \$2 = \$3 ]"
    sql exp "INSERT INTO meta(key, value) VALUES ('geom_backfill', '0')"
    "$DYAD" upgrade --quiet --db "$(url exp)" 2>/dev/null
    g=$(sql exp "SELECT count(geom) || ' ' || count(location_lat) || ' ' || (SELECT indisvalid FROM pg_index WHERE indexrelid = 'events_geom'::regclass) FROM events")
    check "... and, run from the start, fills every placed event's point and the index (points, placed, index valid: $g)" \
        bash -c "set -- $g; [ \$1 -gt 0 ] && [ \$1 = \$2 ] && [ \$3 = true ]"
fi
holds exp >"$TMP/exp9.holds"
check "... and holds what an ingest into PostgreSQL holds" cmp -s "$TMP/one.holds" "$TMP/exp9.holds"
check "... its totals of actors' events, ranges cutting months included, those of the events and of SQLite (test_pg_query)" pgq exp

# Four ingesters at once on overlapping shards (every story is in two of them).
split -n l/4 -d "$C" "$TMP/part"
parts=("$TMP"/part0*)
for k in 0 1 2 3; do cat "${parts[$k]}" "${parts[$(( (k + 1) % 4 ))]}" >"$TMP/shard$k.jsonl"; done
newdb four
pids=()
for k in 0 1 2 3; do
    "$DYAD" ingest --quiet --batch 40 --db "$(url four)" "$TMP/shard$k.jsonl" 2>"$TMP/four$k.err" &
    pids+=($!)
done
st=0
for p in "${pids[@]}"; do wait "$p" || st=$((st + 1)); done
check "4 concurrent ingesters of overlapping shards finish ($st failed$(cat "$TMP"/four?.err | grep -v '^dyad ingest: [0-9]* stories read' | head -2 | tr '\n' ' '))" test "$st" = 0
holds four >"$TMP/four.holds"
check "they store what one ingest stores: each story once, the same groups, events, aggregates (dyad_agg's dir 2, actor_agg)" \
    cmp -s "$TMP/one.holds" "$TMP/four.holds"
[ -n "${DYAD_PG_DEBUG:-}" ] && diff "$TMP/one.holds" "$TMP/four.holds" | head -20 >&2
aw=$(agg_wrong four)
check "... and dyad_agg is what the events give, counted from scratch ($aw: rows wrong, rows)" test "${aw% *}" = 0

# Two writers at once on overlapping stories, in opposite orders and small batches, so
# that their batches alternate on the same dyads, days and one-a-day keys: the middle
# third of the corpus is in both, and the second writer meets each syndicated copy before
# its original (the story groups then span both writers' batches). Each batch adds its
# change to dyad_agg (docs/database.md): the cells must be what a full recount gives.
n=$(wc -l <"$C")
head -n $((2 * n / 3)) "$C" >"$TMP/twoA.jsonl"
tail -n $((2 * n / 3)) "$C" | tac >"$TMP/twoB.jsonl"
newdb two
"$DYAD" ingest --quiet --batch 7 --commit-every 0 --db "$(url two)" "$TMP/twoA.jsonl" 2>"$TMP/twoA.err" &
pa=$!
"$DYAD" ingest --quiet --batch 5 --commit-every 0 --db "$(url two)" "$TMP/twoB.jsonl" 2>"$TMP/twoB.err" &
pb=$!
st=0
wait "$pa" || st=$((st + 1))
wait "$pb" || st=$((st + 1))
check "2 concurrent writers of overlapping stories finish ($st failed)" test "$st" = 0
aw=$(agg_wrong two)
check "... dyad_agg equals a full recount from the events: every cell and column ($aw: rows wrong, rows)" \
    test "${aw% *}" = 0 -a "${aw#* }" -gt 100
check "... every story stored once, events and groups as one ingest's" \
    test "$(holds two | sed -n 1,5p | md5sum)" = "$(sed -n 1,5p "$TMP/one.holds" | md5sum)"

# Killed ingesters: four at once, two of them killed with SIGKILL mid-run, then a rerun of
# every shard.
newdb killed
pids=()
for k in 0 1 2 3; do
    "$DYAD" ingest --quiet --batch 20 --commit-every 0 --db "$(url killed)" "$TMP/shard$k.jsonl" \
        2>/dev/null &
    pids+=($!)
done
sleep "0.$(( RANDOM % 5 + 3 ))"
killed=0
for k in 1 3; do kill -KILL "${pids[$k]}" 2>/dev/null && killed=$((killed + 1)); done
for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
mid=$(sql killed "SELECT count(*) FROM stories")
ok "$killed of 4 ingesters killed mid-run ($mid stories stored then)"
st=0
for k in 0 1 2 3; do
    "$DYAD" ingest --quiet --db "$(url killed)" "$TMP/shard$k.jsonl" 2>/dev/null || st=$((st + 1))
done
check "the reruns complete" test "$st" = 0
holds killed >"$TMP/killed.holds"
check "nothing lost or duplicated: what one clean ingest stores (actor_agg included)" cmp -s "$TMP/one.holds" "$TMP/killed.holds"
aw=$(agg_wrong killed)
check "... and dyad_agg is what the events give, counted from scratch ($aw: rows wrong, rows)" test "${aw% *}" = 0
[ -n "${DYAD_PG_DEBUG:-}" ] && diff "$TMP/one.holds" "$TMP/killed.holds" | head -20 >&2

# dyad serve on PostgreSQL: the API answers as the server of the SQLite store of the same
# input, byte for byte (one writer per JSON shape: the store API behind both).
serve_on() { # NAME DB: starts a server on a free port; sets PORT
    "$DYAD" serve --db "$2" --listen 127.0.0.1:0 --threads 2 --quiet 2>"$TMP/serve-$1.err" &
    SERVE_PIDS+=($!)
    PORT=
    for _ in $(seq 100); do
        PORT=$(sed -n 's/.*listening on http:\/\/127\.0\.0\.1:\([0-9]*\)\/.*/\1/p' "$TMP/serve-$1.err")
        [ -n "$PORT" ] && return 0
        kill -0 "${SERVE_PIDS[-1]}" 2>/dev/null || break
        sleep 0.1
    done
    return 1
}
SERVE_PIDS=()
stop_serves() { for p in "${SERVE_PIDS[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done; SERVE_PIDS=(); }
if ! command -v curl >/dev/null; then
    if [ "${DYAD_CI:-}" = 1 ]; then fail "curl is needed under CI for dyad serve"; else skip "curl is not installed: dyad serve on PostgreSQL untested"; fi
elif serve_on lite "$TMP/s.db" && LP=$PORT && serve_on pg "$(url one)" && PP=$PORT; then
    check "dyad serve --db postgresql://... starts, naming the store without its user" \
        bash -c "grep -q 'listening on .*(postgresql:///one' '$TMP/serve-pg.err' && ! grep -q 'user=' '$TMP/serve-pg.err'"
    api_same() { # DESC, path and query: 200 with the same body from both servers
        local cl cp
        cl=$(curl -s -m 20 -o "$TMP/api-l" -w '%{http_code}' "http://127.0.0.1:$LP$2")
        cp=$(curl -s -m 20 -o "$TMP/api-p" -w '%{http_code}' "http://127.0.0.1:$PP$2")
        check "GET $2 ($1): the same answer from PostgreSQL as from SQLite (HTTP $cp, $(wc -c <"$TMP/api-p") bytes)" \
            bash -c "[ $cl = 200 ] && [ $cp = 200 ] && [ -s '$TMP/api-l' ] && cmp -s '$TMP/api-l' '$TMP/api-p'"
    }
    api_same "the first page, with its total" "/api/events?limit=50"
    api_same "an actor's first page: the total as |source| + |target| - |both|" "/api/events?actor=PRK&limit=20"
    nxt=$(curl -s -m 20 "http://127.0.0.1:$LP/api/events?actor=KOR&limit=25" | jq -r .next)
    api_same "a page after a cursor" "/api/events?actor=KOR&limit=25&after=$nxt"
    api_same "filters: dates, code, one a day" "/api/events?from=2019-03-01&to=2020-06-30&code=quad:3&one_a_day=1&limit=40"
    api_same "a dyad, text search, offset" "/api/events?dyad=CHN,JPN&text=ministry&offset=3&limit=10"
    api_same "a dyad by month, both ways" "/api/timeline?a=KOR&b=PRK&both=1"
    api_same "raw by week" "/api/timeline?a=CHN&b=JPN&by=week&raw=1"
    api_same "every dated event (the landing view)" "/api/timeline?raw=1"
    api_same "an actor alone, with a filter" "/api/timeline?a=RUS&both=1&from=2019-02-10&to=2020-03-20"
    api_same "a story with its events and discards" "/api/story/copy-14"
    api_same "another story" "/api/story/w-300"
    api_same "top dyads" "/api/top/dyads?n=20"
    api_same "top actors of a period" "/api/top/actors?from=2019-03-01&to=2019-08-31"
    api_same "the discards" "/api/discards"
    api_same "actor codes (autocomplete, through the store API)" "/api/actors?q=K"
    check "... which lists codes: $(jq -c '[.codes[].code]' "$TMP/api-p")" \
        bash -c "[ \"\$(jq '[.codes[] | select(.code | startswith(\"K\")) | select(.events > 0)] | length' '$TMP/api-p')\" -gt 0 ]"
    # The map (/api/geo): each level, through the aggregates' filters (dates, a country, a
    # QuadClass) and the others (an actor, a code, text, a box), the grid in whole and in
    # fractional degrees.
    api_same "the map by country, every event" "/api/geo"
    api_same "by country: dates cutting months, a QuadClass" "/api/geo?from=2019-02-10&to=2020-03-20&code=quad:3"
    api_same "by country: an actor and a code root" "/api/geo?actor=KOR&code=04"
    api_same "by region" "/api/geo?level=adm1"
    api_same "by region: a country and dates" "/api/geo?level=adm1&country=UKR&from=2019-03-01&to=2019-12-31"
    check "... which has a region: $(jq -c '[.cells[].key]' "$TMP/api-p")" \
        bash -c "[ \"\$(jq '[.cells[] | select(.key | startswith(\"UA\"))] | length' '$TMP/api-p')\" -gt 0 ]"
    api_same "by region: text" "/api/geo?level=adm1&text=Kharkiv"
    api_same "a grid of 5 degrees" "/api/geo?level=grid&cell=5"
    api_same "a grid of 1 degree, a QuadClass" "/api/geo?level=grid&cell=1&code=quad:1"
    api_same "a grid of 0.25 degrees in a box" "/api/geo?level=grid&cell=0.25&bbox=$(awk -v a="$la" -v o="$lo" 'BEGIN { printf "%g,%g,%g,%g", o - 20, a - 10, o + 20, a + 10 }')"
    check "... which has cells: $(jq -c '[.total, .located, (.cells | length)]' "$TMP/api-p")" \
        bash -c "[ \"\$(jq '.cells | length' '$TMP/api-p')\" -gt 0 ]"
    cp=$(curl -s -m 20 -o "$TMP/api-p" -w '%{http_code}' "http://127.0.0.1:$PP/api/story/no-such-story")
    check "GET /api/story of an unknown id on PostgreSQL: 404 (HTTP $cp)" test "$cp" = 404
    # (an actor of 2 bytes, whose total is counted from the events: a change by plain SQL
    # is not in actor_agg, which dyad's own writes keep)
    t0=$(jq .total <(curl -s -m 20 "http://127.0.0.1:$PP/api/events?actor=FR&limit=1"))
    sql one "UPDATE events SET source = 'ZZZ', target = 'ZZZ' WHERE id = (SELECT min(id) FROM events WHERE source LIKE 'FR%' OR target LIKE 'FR%')" >/dev/null
    t1=$(jq .total <(curl -s -m 20 "http://127.0.0.1:$PP/api/events?actor=FR&limit=1"))
    check "no stale answers: a change in the database shows in the next answer (total $t0, then $t1)" \
        test "$t1" = "$((t0 - 1))"
    # The total of a 3-byte actor is a sum of rows: whole months from actor_agg, the days of
    # a month a range cuts from actor_day. A day's row raised by hand by 1000 and its
    # month's by 100 show in the totals that hold them: all time (months) +100, the day
    # and the next (a cut month) +1000, from the next day on (its month cut after the day,
    # the later months whole) nothing.
    d=$(sql one "SELECT day FROM actor_day WHERE a = 'KOR' AND n_source > 0 AND day % 100 BETWEEN 2 AND 27 ORDER BY day LIMIT 1 OFFSET 2")
    ymd() { echo "${1:0:4}-${1:4:2}-${1:6:2}"; }
    total() { jq .total <(curl -s -m 20 "http://127.0.0.1:$PP/api/events?actor=KOR&limit=1${1:-}"); }
    cut="&from=$(ymd "$d")&to=$(ymd $((d + 1)))" after="&from=$(ymd $((d + 1)))"
    raise() { sql one "UPDATE actor_day SET n_source = n_source + $1 * 1000 WHERE a = 'KOR' AND day = $d;
                       UPDATE actor_agg SET n_source = n_source + $1 * 100 WHERE a = 'KOR' AND month = $((d / 100))" >/dev/null; }
    k0=$(total) c0=$(total "$cut") a0=$(total "$after")
    raise 1
    k1=$(total) c1=$(total "$cut") a1=$(total "$after")
    raise -1
    check "the totals of KOR are sums of actor_agg's months and actor_day's days (day $d raised by 1000, its month by 100: all time $k0 then $k1, $d and the next day $c0 then $c1, from the next day $a0 then $a1)" \
        test "$((k1 - k0)) $((c1 - c0)) $((a1 - a0))" = "100 1000 0" -a "$c0" -gt 0
    # The database server restarts under a running dyad serve: a worker whose connection
    # was lost reconnects and runs the read again, so no answer after the restart is an
    # error: each is 200 with the body of before (and SQLite's). pg_ctl -w returns once the
    # server accepts connections; pg_isready waits as a client would, should it not yet.
    curl -s -m 20 -o "$TMP/api-b" "http://127.0.0.1:$PP/api/top/dyads?n=20"
    curl -s -m 20 -o "$TMP/api-l" "http://127.0.0.1:$LP/api/top/dyads?n=20"
    if "${AS[@]}" "$PGBIN/pg_ctl" -D "$PGD/data" -l "$PGD/server.log" -m fast -w -t 60 restart >/dev/null 2>&1; then
        for _ in $(seq 50); do "$PGBIN/pg_isready" -q -d "$(url one)" 2>/dev/null && break; sleep 0.2; done
        codes="" same=1
        for i in 1 2 3 4 5 6 7 8; do
            codes="$codes $(curl -s -m 20 -o "$TMP/api-p$i" -w '%{http_code}' "http://127.0.0.1:$PP/api/top/dyads?n=20")"
            cmp -s "$TMP/api-b" "$TMP/api-p$i" && cmp -s "$TMP/api-l" "$TMP/api-p$i" || same=0
        done
        check "after the database server restarts, dyad serve reconnects: every answer 200, as before (HTTP:$codes)" \
            bash -c "[ '$codes' = ' 200 200 200 200 200 200 200 200' ] && [ $same = 1 ] && [ -s '$TMP/api-b' ]"
        # An SQL error (the connection good) is not a lost connection: 500, not run again.
        sql one "ALTER TABLE events RENAME TO events_away" >/dev/null
        ce=$(curl -s -m 20 -o "$TMP/api-e" -w '%{http_code}' "http://127.0.0.1:$PP/api/events?actor=KOR&limit=3")
        sql one "ALTER TABLE events_away RENAME TO events" >/dev/null
        cb=$(curl -s -m 20 -o "$TMP/api-p" -w '%{http_code}' "http://127.0.0.1:$PP/api/events?actor=KOR&limit=3")
        check "an SQL error (a table missing) still answers 500, and the table back, 200 (HTTP $ce, then $cb)" \
            bash -c "[ $ce = 500 ] && [ $cb = 200 ] && grep -q 'events' '$TMP/api-e'"
    else
        fail "the PostgreSQL server restarts: $(tail -3 "$PGD/server.log" | tr '\n' ' ')"
    fi
else
    fail "dyad serve starts on both stores: $(cat "$TMP"/serve-*.err 2>/dev/null | tr '\n' ' ')"
fi
stop_serves

# dyad recode and dyad diff: the same store in SQLite and PostgreSQL recoded with other
# dictionaries (the test patterns: most events change, stories and sentences are
# discarded), then back; each step compared.
P="$ROOT/test/data/dict/patterns"
cp "$TMP/s.db" "$TMP/r.db"
newdb rec
"$DYAD" export --db "$TMP/s.db" "$(url rec)" 2>/dev/null
# two stories the test patterns' discard list drops: one whole (a typhoon), one sentence
# (baseball)
cat >"$TMP/disc.jsonl" <<'EOF2'
{"id":"d-1","date":"2020-02-03","text":"Japan sent rescue teams to the Philippines on Monday after a typhoon flattened coastal villages, the government said."}
{"id":"d-2","date":"2020-02-04","text":"Russia criticized Ukraine on Tuesday over the dispute at the border. South Korea hosted Japan at a baseball tournament in Seoul. China praised Japan on Wednesday."}
EOF2
"$DYAD" ingest --quiet --db "$TMP/r.db" "$TMP/disc.jsonl" 2>/dev/null
"$DYAD" ingest --quiet --db "$(url rec)" "$TMP/disc.jsonl" 2>/dev/null
"$DYAD" diff --db "$(url rec)" >"$TMP/p.out" 2>&1; rc=$?
check "dyad diff before any recode on PostgreSQL: no differences (exit $rc)" \
    bash -c "[ $rc = 0 ] && grep -q 'no differences' '$TMP/p.out'"
recoded_same() { # DESC: the stores answer alike after a recode
    local q
    for q in "diff" "diff --by rule" "diff --format jsonl" "timeline CHN JPN --both-directions" \
             "timeline KOR PRK --by week --raw" "timeline" "top dyads" "top codes --from 2019-03-01 --to 2019-08-31" \
             "story --discards --format json" "story copy-14 --format json" "events --actor FRA --format jsonl"; do
        # shellcheck disable=SC2086
        "$DYAD" $q --db "$TMP/r.db" >"$TMP/s.out" 2>&1
        # shellcheck disable=SC2086
        "$DYAD" $q --db "$(url rec)" >"$TMP/p.out" 2>&1
        check "$1: dyad $q, the same from both stores ($(wc -l <"$TMP/s.out") lines)" \
            bash -c "[ -s '$TMP/s.out' ] && cmp -s '$TMP/s.out' '$TMP/p.out'"
        [ -n "${DYAD_PG_DEBUG:-}" ] && diff "$TMP/s.out" "$TMP/p.out" | head -10 >&2
    done
    # Event ids are the store's own (a sequence in PostgreSQL, rowids in SQLite): the
    # events compared as sets.
    "$DYAD" events --db "$TMP/r.db" --format jsonl | jq -c 'del(.id)' | sort >"$TMP/s.out"
    "$DYAD" events --db "$(url rec)" --format jsonl | jq -c 'del(.id)' | sort >"$TMP/p.out"
    check "$1: every event the same ($(wc -l <"$TMP/s.out"))" \
        bash -c "[ -s '$TMP/s.out' ] && cmp -s '$TMP/s.out' '$TMP/p.out'"
    "$DYAD" check --db "$(url rec)" >"$TMP/p.out" 2>&1
    check "$1: dyad check finds the PostgreSQL store sound" grep -q ': ok: ' "$TMP/p.out"
    check "$1: dyad_agg holds what its events give (every cell)" test "$(sql rec "
        WITH x AS (SELECT 1 AS dir, left(source, 3) AS a, left(target, 3) AS b, dyad_period(date, 2) AS p, grp
                   FROM events WHERE date > 0 AND length(source) >= 3 AND length(target) >= 3)
        SELECT count(*) FROM (SELECT a, b, p, count(*) AS n, count(DISTINCT grp) AS g FROM x GROUP BY 1, 2, 3) e
        FULL JOIN (SELECT a, b, period AS p, n_raw AS n, stories AS g FROM dyad_agg WHERE dir = 1 AND kind = 2
                   AND n_raw > 0) d USING (a, b, p) WHERE e.n IS DISTINCT FROM d.n OR e.g IS DISTINCT FROM d.g")" = 0
    local aw
    aw=$(agg_wrong rec)
    check "$1: dyad_agg holds what the events give, every cell and column, dir 2 too ($aw: rows wrong, rows)" test "${aw% *}" = 0
    aw=$(actor_agg_wrong rec)
    check "$1: actor_agg and actor_day hold what the events give ($aw: rows wrong, rows)" test "${aw% *}" = 0
    if [ -x "$PGQ" ]; then
        CMOCKA_MESSAGE_OUTPUT=STDOUT DYAD_TEST_PG_URL=$(url rec) DYAD_TEST_SQLITE=$TMP/r.db "$PGQ" >"$TMP/unit.out" 2>&1
        check "$1: the totals of actors' events (actor_agg, cut months, longer codes) and timelines with place filters, the same from both stores (test_pg_query)" \
            bash -c "grep -q 'PASSED.*2 test' '$TMP/unit.out' && ! grep -q 'FAILED\|SKIPPED' '$TMP/unit.out'"
        [ -n "${DYAD_PG_DEBUG:-}" ] && cat "$TMP/unit.out" >&2
    fi
    check "$1: top_codes counts each one-a-day key once" test "$(sql rec "
        SELECT count(*) FROM (SELECT code, count(*) AS n FROM (SELECT DISTINCT date, source, target, code FROM events) k
        GROUP BY code) e FULL JOIN (SELECT code, n FROM top_codes WHERE month = -1 AND n > 0) t USING (code)
        WHERE e.n IS DISTINCT FROM t.n")" = 0
}
"$DYAD" recode --db "$TMP/r.db" --dict "$P" >"$TMP/rs.err" 2>&1
"$DYAD" recode --db "$(url rec)" --dict "$P" >"$TMP/rp.err" 2>&1; rc=$?
check "dyad recode on PostgreSQL with other dictionaries (exit $rc: $(tail -1 "$TMP/rp.err"))" test $rc = 0
check "... discarding a story and a sentence ($(tail -1 "$TMP/rp.err" | grep -o '[0-9]* discarded[^;]*'))" \
    grep -q ' 1 discarded (.*), 1 sentence not coded;' "$TMP/rp.err"
check "... says what SQLite's recode says, discards named" \
    test "$(sed 's/; [0-9.]* s;/;/' "$TMP/rs.err")" = "$(sed 's/; [0-9.]* s;/;/' "$TMP/rp.err")"
check "... and changed events (dyad diff lists changes)" \
    test "$("$DYAD" diff --db "$(url rec)" --format jsonl | wc -l)" -gt 2
recoded_same "recoded"
"$DYAD" recode --db "$(url rec)" --dict "$P" >"$TMP/rp.err" 2>&1
check "a recode with the same dictionaries again recodes nothing" grep -q 'dyad recode: 0 stories recoded' "$TMP/rp.err"
check "... the discards kept: $(sql rec "SELECT string_agg(story || ' ' || sentence || ' ' || reason, ', ' ORDER BY key) FROM discards WHERE story LIKE 'd-%'")" \
    test "$(sql rec "SELECT count(*) FROM discards WHERE story LIKE 'd-%' AND reason = 'discard_list'")" = 2
"$DYAD" recode --quiet --db "$TMP/r.db" 2>/dev/null
"$DYAD" recode --quiet --db "$(url rec)" 2>"$TMP/rp.err"; rc=$?
check "recoded back with dyad's dictionaries (exit $rc)" test $rc = 0
recoded_same "recoded back"
"$DYAD" events --db "$(url rec)" --format jsonl | jq -c 'del(.id)' | sort >"$TMP/p.out"
jq -c 'select(.story | startswith("d-")) | del(.id)' "$TMP/p.out" >"$TMP/d.out"
{ jq -c 'del(.id)' "$TMP/s.jsonl"; cat "$TMP/d.out"; } | sort >"$TMP/s.out"
nd=$(sql rec "SELECT count(*) FROM discards WHERE story LIKE 'd-%'")
check "... the events those of the first ingest again, and the discards gone ($(wc -l <"$TMP/d.out") events of d-2, $nd discards)" \
    bash -c "cmp -s '$TMP/s.out' '$TMP/p.out' && [ -s '$TMP/d.out' ] && [ $nd = 0 ]"
# A recode beside an ingest of new stories (both take the write lock): the stories stored
# while it ran are recoded by the next recode, then nothing is left.
sed 's/"id":"w-/"id":"n-/; s/"id":"copy-/"id":"ncopy-/; s/ Copies were sent\./ Copies were sent again./; s/, the foreign ministry said/, the ministry said on Friday/' "$C" >"$TMP/new.jsonl"
"$DYAD" recode --quiet --db "$(url one)" --dict "$P" 2>"$TMP/e1" &
rp=$!
"$DYAD" ingest --quiet --batch 50 --db "$(url one)" "$TMP/new.jsonl" 2>"$TMP/e2"; irc=$?
wait $rp; rc=$?
check "a recode beside an ingest: both finish (exit $rc and $irc: $(tail -1 "$TMP/e2"))" bash -c "[ $rc = 0 ] && [ $irc -le 1 ]"
"$DYAD" recode --db "$(url one)" --dict "$P" 2>"$TMP/e" >/dev/null
"$DYAD" recode --db "$(url one)" --dict "$P" 2>"$TMP/e3" >/dev/null
nv=$(sql one "SELECT count(DISTINCT dict_version) || ' ' || count(*) FROM stories")
check "... a recode then takes the stories left ($(grep -o '[0-9]* stories recoded' "$TMP/e")), and then nothing is left (versions, stories: $nv)" \
    bash -c "grep -q 'dyad recode: 0 stories recoded' '$TMP/e3' && [ '$nv' = '1 1374' ]"

# Opening: an empty database for a query, a database that is not dyad's, no server.
newdb empty
"$DYAD" events --db "$(url empty)" >/dev/null 2>"$TMP/e"
check "a query of an empty database says so" grep -q "an empty database" "$TMP/e"
newdb other
sql other "CREATE TABLE t(x integer)"
"$DYAD" ingest --quiet --db "$(url other)" "$C" 2>"$TMP/e"; rc=$?
check "a database that is not dyad's is refused, never written (exit $rc)" \
    bash -c "[ $rc -eq 3 ] && grep -q 'not a dyad database' '$TMP/e' && [ \"\$('$PSQL' -qAt -d '$(url other)' -c \"SELECT count(*) FROM pg_tables WHERE schemaname = 'public'\")\" = 1 ]"
"$DYAD" events --db "postgresql:///none?host=$PGD/nowhere&user=dyad" 2>"$TMP/e" >/dev/null; rc=$?
check "no server: a clear error naming the store, not a crash (exit $rc)" \
    bash -c "[ $rc -eq 3 ] && grep -q 'postgresql:///none: cannot connect' '$TMP/e'"
"$DYAD" events --db "postgresql://someone:secret@/one?host=$PGD" 2>"$TMP/e" >/dev/null
check "messages never show a password" bash -c "! grep -q secret '$TMP/e'"
done_testing
