#!/usr/bin/env bash
# pg_actor_cost.sh: what keeping actor_agg (docs/database.md) costs an ingest into
# PostgreSQL, for one or more builds of dyad: each ingests the same first STORIES records
# of bench/corpus/wire.jsonl (bash bench/corpus.sh builds it) into a fresh database of one
# server, in fixed batches (--batch BATCH --commit-every 0, so every build writes the same
# batches), ROUNDS times, alternating builds. The server counts the time of each statement
# (pg_stat_statements, reset after the schema is made): the batches' actor_agg upserts,
# the dyad_agg whole-store upserts beside them, and every statement of the ingest; with
# the wall time of the ingest and the size of actor_agg after it. Server time is what
# counts here: the upsert runs under the store's write lock, the serial part of every
# ingest. Starts a PostgreSQL server of its own (a unix socket in a temporary folder, no
# TCP; as the postgres user when run as root) and stops it at the end.
#
# Usage: bash bench/pg_actor_cost.sh DYAD...   (STORIES=4000 BATCH=100 ROUNDS=2)
set -u
cd "$(dirname "$0")/.." || exit 1
[ $# -gt 0 ] || { echo "usage: bash bench/pg_actor_cost.sh DYAD..." >&2; exit 2; }
N=${STORIES:-4000}
BATCH=${BATCH:-100}
ROUNDS=${ROUNDS:-2}
. bench/pg_server.sh pg_actor_cost.sh
[ -f bench/corpus/wire.jsonl ] || bash bench/corpus.sh
pg_server_start "" -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all
PSQL=("$PGBIN/psql" -qAt -v ON_ERROR_STOP=1)
"${PSQL[@]}" -d "$(url postgres)" -c "CREATE EXTENSION pg_stat_statements" || exit 1
head -n "$N" bench/corpus/wire.jsonl >"$D/corpus.jsonl"
now() { date +%s.%N; }
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores; $N records, batches of $BATCH"
k=0
for r in $(seq "$ROUNDS"); do
    for dyad in "$@"; do
        k=$((k + 1))
        db=c$k
        "${PSQL[@]}" -d "$(url postgres)" -c "CREATE DATABASE $db" || exit 1
        : >"$D/empty.jsonl"
        "$dyad" ingest --quiet --db "$(url "$db")" "$D/empty.jsonl" 2>/dev/null # the schema, not counted
        "${PSQL[@]}" -d "$(url postgres)" -c "SELECT pg_stat_statements_reset()" >/dev/null
        t0=$(now)
        "$dyad" ingest --quiet --batch "$BATCH" --commit-every 0 --db "$(url "$db")" "$D/corpus.jsonl" 2>"$D/err"
        t1=$(now)
        # ms of server time: the actor_agg upserts, the dyad_agg dir 2 upserts, everything
        stat=$("${PSQL[@]}" -F ' ' -d "$(url postgres)" -c "SELECT
            coalesce(sum(calls) FILTER (WHERE query LIKE '%INSERT INTO actor_agg%'), 0),
            round(coalesce(sum(total_exec_time) FILTER (WHERE query LIKE '%INSERT INTO actor_agg%'), 0)::numeric, 1),
            round(coalesce(sum(total_exec_time) FILTER (WHERE query LIKE '%INSERT INTO dyad_agg%' AND query LIKE '%events_previous%'), 0)::numeric, 1),
            round(sum(total_exec_time)::numeric, 1)
            FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = '$db')")
        read -r calls actor dyadall total <<<"$stat"
        info=$("${PSQL[@]}" -F ' ' -d "$(url "$db")" -c "SELECT (SELECT value FROM meta WHERE key = 'schema_version'),
            (SELECT count(*) FROM stories), (SELECT count(*) FROM events), (SELECT count(*) FROM actor_agg),
            pg_total_relation_size('actor_agg')")
        read -r ver stories events rows bytes <<<"$info"
        awk -v d="$dyad" -v v="$ver" -v s="$stories" -v e="$events" -v c="$calls" -v a="$actor" -v g="$dyadall" \
            -v t="$total" -v w0="$t0" -v w1="$t1" -v rows="$rows" -v b="$bytes" 'BEGIN {
            printf "%s (layout %s): %d stories, %d events, %d batches; wall %.2f s; server: all statements %.0f ms,", d, v, s, e, c, w1 - w0, t
            printf " actor_agg %.1f ms (%.2f ms a batch, %.1f%% of all), dyad_agg dir 2 %.1f ms;", a, c ? a / c : 0, t ? 100 * a / t : 0, g
            printf " actor_agg %d rows, %.0f kB\n", rows, b / 1024 }'
    done
done
