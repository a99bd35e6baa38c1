#!/usr/bin/env bash
# pg_kill.sh: the kill test of issue 15. Four `dyad ingest` processes write four shards of
# a corpus into one PostgreSQL database at once; KILLS (default 20) times, at a random
# moment (0.1 to 0.8 s apart), one of them, chosen at random among those running, is
# killed with SIGKILL and started again on its shard; after the last kill every shard is
# run to completion. The store must then hold what one clean ingest of the corpus holds:
# `dyad events --format jsonl` the same lines byte for byte (sorted: events of a date are
# listed in their order of storage), the same stories, near-duplicate groups, days,
# one-a-day keys and aggregates. Starts a PostgreSQL server of its own (as pg_ingest.sh).
# The corpus: the first STORIES (default 4000) lines of bench/corpus/wire.jsonl (bash
# bench/corpus.sh builds it). Exit status 0 when the stores are equal, 1 otherwise.
# Usage: bash bench/pg_kill.sh    (after make)
set -u
cd "$(dirname "$0")/.." || exit 1
DYAD=${DYAD_BIN:-$PWD/${BUILD:-build}/dyad}
N=${STORIES:-4000}
KILLS=${KILLS:-20}
. bench/pg_server.sh pg_kill.sh
[ -f bench/corpus/wire.jsonl ] || bash bench/corpus.sh
W=$(mktemp -d)
PG_CLEANUP=("$W")
pg_server_start "" -c max_connections=40
sql() { "$PGBIN/psql" -X -qAt -d "$(url "$1")" -c "$2"; }
sql postgres "CREATE DATABASE one" && sql postgres "CREATE DATABASE killed" || exit 1
head -n "$N" bench/corpus/wire.jsonl >"$W/all.jsonl"
# Of records with the same text under two ids only the first one ingested is stored (the
# other is a duplicate): which one depends on the order of arrival, so such copies are
# left out first, keeping the records whose id a clean ingest stores or keeps among the
# discards, so that the two stores can be compared id for id and byte for byte.
sql postgres "CREATE DATABASE probe" || exit 1
"$DYAD" ingest --quiet --db "$(url probe)" "$W/all.jsonl" 2>/dev/null
sql probe "SELECT id FROM stories UNION SELECT story FROM discards" >"$W/keep.ids"
jq -r '.id' "$W/all.jsonl" | paste -d '\t' - "$W/all.jsonl" |
    awk -F '\t' 'NR == FNR { k[$0]; next } ($1 in k) { sub(/^[^\t]*\t/, ""); print }' "$W/keep.ids" - >"$W/corpus.jsonl"
N=$(wc -l <"$W/corpus.jsonl")
echo "pg_kill.sh: $N of the first ${STORIES:-4000} records kept (the others: the same text as a kept one under another id)"
split -n l/4 -d "$W/corpus.jsonl" "$W/shard"
shards=("$W"/shard0*)

t0=$(date +%s.%N)
"$DYAD" ingest --quiet --db "$(url one)" "$W/corpus.jsonl" 2>/dev/null
echo "pg_kill.sh: one clean ingest of $N records: $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s," \
     "$(sql one "SELECT count(*) FROM stories") stories, $(sql one "SELECT count(*) FROM events") events"

# The four writers: small batches, so that a kill finds open batches and committed ones.
start() { # K: ingest shard K in the background; its pid in pid[K]
    "$DYAD" ingest --quiet --batch 50 --commit-every 0 --db "$(url killed)" "${shards[$1]}" 2>/dev/null &
    pid[$1]=$!
}
declare -a pid stored
for k in 0 1 2 3; do start "$k"; done
RANDOM=${SEED:-20261205}
done_kills=0 restarts=0
while [ "$done_kills" -lt "$KILLS" ]; do
    sleep "$(awk -v r=$RANDOM 'BEGIN { printf "%.2f", 0.1 + 0.7 * r / 32768 }')"
    alive=()
    for k in 0 1 2 3; do kill -0 "${pid[$k]}" 2>/dev/null && alive+=("$k"); done
    if [ ${#alive[@]} -eq 0 ]; then # all finished before the kills were done: start again
        for k in 0 1 2 3; do wait "${pid[$k]}" 2>/dev/null; start "$k"; done
        restarts=$((restarts + 1))
        continue
    fi
    k=${alive[$((RANDOM % ${#alive[@]}))]}
    kill -KILL "${pid[$k]}" 2>/dev/null && done_kills=$((done_kills + 1))
    wait "${pid[$k]}" 2>/dev/null
    stored[$done_kills]=$(sql killed "SELECT count(*) FROM stories" 2>/dev/null || echo 0)
    echo "kill $done_kills: ingester $k (${stored[$done_kills]} stories stored)"
    start "$k"
done
st=0
for k in 0 1 2 3; do wait "${pid[$k]}"; r=$?; [ $r -le 1 ] || st=$((st + 1)); done
# Complete: every shard once more, to the end (a shard already complete adds nothing).
for k in 0 1 2 3; do
    "$DYAD" ingest --quiet --db "$(url killed)" "${shards[$k]}" 2>>"$W/final.err"
    [ $? -le 1 ] || st=$((st + 1))
done
echo "pg_kill.sh: $done_kills kills (all four restarted $restarts times), then every shard completed ($st failures)"
grep -o '[0-9]* added, [0-9]* duplicates' "$W/final.err" | paste -sd';' - | sed 's/^/pg_kill.sh: the completing runs: /'

holds() {
    sql "$1" "SELECT count(*) || ' stories, ' || count(DISTINCT id) || ' ids, ' || count(DISTINCT content_hash) || ' bodies' FROM stories"
    sql "$1" "SELECT (SELECT count(*) FROM sentences) || ' sentences, ' || (SELECT count(*) FROM events) || ' events'"
    sql "$1" "SELECT string_agg(id, ',' ORDER BY id) FROM stories GROUP BY grp ORDER BY 1" | md5sum
    sql "$1" "SELECT sum(n_stories), sum(n_groups) FROM days"
    sql "$1" "SELECT dir, a, b, kind, period, n_raw, n_oad, g_raw, g_oad, stories FROM dyad_agg ORDER BY 1, 2, 3, 4, 5" | md5sum
    sql "$1" "SELECT month, code, n FROM top_codes WHERE n > 0 ORDER BY 1, 2" | md5sum
    "$DYAD" events --db "$(url "$1")" --one-a-day --format jsonl | jq -c '[.date, .source, .target, .code]' | LC_ALL=C sort | md5sum
    # discards without file and line (the shards' own, not the corpus's)
    sql "$1" "SELECT story, sentence, reason, detail FROM discards ORDER BY 1, 2, 3, 4" | md5sum
}
"$DYAD" events --db "$(url one)" --format jsonl | LC_ALL=C sort >"$W/one.jsonl"
"$DYAD" events --db "$(url killed)" --format jsonl | LC_ALL=C sort >"$W/killed.jsonl"
holds one >"$W/one.holds"
holds killed >"$W/killed.holds"
total=$(sql one "SELECT count(*) FROM stories")
mid=0
for x in "${stored[@]}"; do [ "$x" -lt "$total" ] && mid=$((mid + 1)); done
echo "pg_kill.sh: $mid of the $done_kills kills came before every story was stored"
echo "pg_kill.sh: one clean ingest: $(sed -n 1p "$W/one.holds"), $(sed -n 2p "$W/one.holds")"
echo "pg_kill.sh: after the kills:  $(sed -n 1p "$W/killed.holds"), $(sed -n 2p "$W/killed.holds")"
ok=0
if [ -s "$W/one.jsonl" ] && cmp -s "$W/one.jsonl" "$W/killed.jsonl"; then
    echo "pg_kill.sh: events --format jsonl: the same $(wc -l <"$W/one.jsonl") lines, byte for byte ($(md5sum <"$W/one.jsonl" | cut -c1-12))"
else
    echo "pg_kill.sh: events --format jsonl DIFFER: $(diff "$W/one.jsonl" "$W/killed.jsonl" | grep -c '^[<>]') lines"; ok=1
fi
if cmp -s "$W/one.holds" "$W/killed.holds"; then
    echo "pg_kill.sh: stories, near-duplicate groups, days, dyad_agg, top_codes, one-a-day keys, discards: the same"
else
    echo "pg_kill.sh: the stores DIFFER:"; diff "$W/one.holds" "$W/killed.holds"; ok=1
fi
[ "$st" = 0 ] || ok=1
exit $ok
