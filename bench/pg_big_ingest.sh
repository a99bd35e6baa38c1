#!/usr/bin/env bash
# pg_big_ingest.sh: an ingest into the kept big store of bench/pg_store.sh (issue 15: a
# batch's cost on a dense store), with WRITERS (default 1) concurrent `dyad ingest`
# processes, each given an equal share of STORIES (default 4000) records of
# bench/corpus/wire.jsonl taken after the first SKIP (default 0), in batches of BATCH
# (default 100) stories (`--batch BATCH --commit-every 0`). The server is started on the
# store's folder (2 GB shared buffers, as pg_store.sh's queries; pg_stat_statements) and
# stopped at the end. Prints the wall time and stories/s, and the server's time in the
# statement that keeps dyad_agg (calls, total, per batch, slowest), in all statements,
# and the stories the store holds before and after. The records ingested stay in the
# store: a later run takes another SKIP (records already stored are duplicates).
# Usage: PGSTORE=/work/pg10m WRITERS=2 SKIP=4000 bash bench/pg_big_ingest.sh   (after make)
set -u
cd "$(dirname "$0")/.." || exit 1
DYAD=${DYAD_BIN:-$PWD/${BUILD:-build}/dyad}
N=${STORIES:-4000}
SKIP=${SKIP:-0}
K=${WRITERS:-1}
B=${BATCH:-100}
[ -n "${PGSTORE:-}" ] && [ -f "$PGSTORE/built" ] || {
    echo "pg_big_ingest.sh: PGSTORE=DIR must hold a store built by bench/pg_store.sh" >&2; exit 1; }
. bench/pg_server.sh pg_big_ingest.sh
[ -f bench/corpus/wire.jsonl ] || bash bench/corpus.sh
W=$(mktemp -d)
PG_CLEANUP=("$W")
pg_server_start "$PGSTORE" -c shared_buffers=2GB -c shared_preload_libraries=pg_stat_statements \
    -c pg_stat_statements.track=all
sql() { "$PGBIN/psql" -X -qAt -v ON_ERROR_STOP=1 -d "$(url "$1")" -c "$2"; }
sql postgres "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" || exit 1
tail -n +"$((SKIP + 1))" bench/corpus/wire.jsonl | head -n "$N" >"$W/slice.jsonl"
split -n l/"$K" -d "$W/slice.jsonl" "$W/part"
before=$(sql big "SELECT count(*) FROM stories")
sql postgres "SELECT pg_stat_statements_reset()" >/dev/null
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores; $before stories stored"
now() { date +%s.%N; }
t0=$(now)
for p in "$W"/part*; do
    "$DYAD" ingest --quiet --batch "$B" --commit-every 0 --db "$(url big)" "$p" 2>"$W/err.${p##*/}" &
done
st=0
for j in $(jobs -p); do wait "$j" || st=$((st + 1)); done
t1=$(now)
after=$(sql big "SELECT count(*) FROM stories")
batches=0
for p in "$W"/part*; do batches=$((batches + ($(wc -l <"$p") + B - 1) / B)); done
awk -v n="$N" -v k="$K" -v a="$t0" -v b="$t1" -v s="$st" -v skip="$SKIP" -v bt="$B" -v nb="$batches" 'BEGIN {
    printf "%d records (after %d), %d writer%s, %d batches of %d: %.1f s, %.1f records/s (%d ingests failed)\n",
           n, skip, k, k == 1 ? "" : "s", nb, bt, b - a, n / (b - a), s }'
echo "stories stored: $before -> $after (+$((after - before)))"
sql postgres "SELECT 'dyad_agg statements: ' || coalesce(sum(calls), 0) || ' calls, ' ||
    round(coalesce(sum(total_exec_time), 0)::numeric / 1000, 2) || ' s, ' ||
    round(coalesce(sum(total_exec_time), 0)::numeric / $batches, 1) || ' ms a batch, slowest call ' ||
    round(coalesce(max(max_exec_time), 0)::numeric, 1) || ' ms'
    FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = 'big')
    AND query LIKE '%INSERT INTO dyad_agg%'"
sql postgres "SELECT 'all statements: ' || round(sum(total_exec_time)::numeric / 1000, 2) || ' s of server time'
    FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = 'big')"
cat "$W"/err.* | grep -v '^dyad ingest: [0-9]* stories read' | head -3
# the statements that took the most server time
sql postgres "SELECT '  ' || round(total_exec_time::numeric / 1000, 2) || ' s, ' || calls || ' calls: '
    || left(regexp_replace(query, '\s+', ' ', 'g'), 90) FROM pg_stat_statements
    WHERE dbid = (SELECT oid FROM pg_database WHERE datname = 'big') ORDER BY total_exec_time DESC LIMIT 6"
