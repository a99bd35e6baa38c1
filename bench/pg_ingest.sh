#!/usr/bin/env bash
# pg_ingest.sh: the ingest rate into PostgreSQL with 1, 2 and 4 concurrent `dyad ingest`
# processes (each given an equal share of the corpus), against one ingest into SQLite of
# the same corpus. Starts a PostgreSQL server of its own (default settings but for a
# unix socket in a temporary folder, no TCP; as the postgres user when run as root) and
# stops it at the end. Wall time and stories/s for the whole corpus, and the CPU time of the
# ingesters and of the server (from /proc: Linux). The corpus: the first STORIES (default 4000) lines of
# bench/corpus/wire.jsonl (bash bench/corpus.sh builds it).
# Usage: bash bench/pg_ingest.sh    (after make)
set -u
cd "$(dirname "$0")/.." || exit 1
DYAD=${DYAD_BIN:-${BUILD:-build}/dyad}
N=${STORIES:-4000}
. bench/pg_server.sh pg_ingest.sh
[ -f bench/corpus/wire.jsonl ] || bash bench/corpus.sh
pg_server_start ""
W=$(mktemp -d)
PG_CLEANUP=("$W")
head -n "$N" bench/corpus/wire.jsonl >"$W/corpus.jsonl"
split -n l/4 -d "$W/corpus.jsonl" "$W/q"
split -n l/2 -d "$W/corpus.jsonl" "$W/h"
now() { date +%s.%N; }
rate() { awk -v n="$N" -v a="$1" -v b="$2" 'BEGIN { printf "%.2f s, %.0f stories/s", b - a, n / (b - a) }'; }
# CPU seconds: of this script's finished children (the ingesters), and of the server (the
# postmaster with its finished children, and its live ones), from /proc.
TCK=$(getconf CLK_TCK)
# (times runs in this shell, not in a subshell, whose children are its own.)
cpu_children() { awk 'NR == 2 { split($1, u, /[ms]/); split($2, s, /[ms]/); print u[1] * 60 + u[2] + s[1] * 60 + s[2] }' "$W/times"; }
cpu_server() {
    local pm; pm=$(head -1 "$D/data/postmaster.pid")
    { awk '{ print $14 + $15 + $16 + $17 }' "/proc/$pm/stat"
      for c in $(pgrep -P "$pm"); do awk '{ print $14 + $15 }' "/proc/$c/stat" 2>/dev/null; done; } |
        awk -v t="$TCK" '{ s += $1 } END { printf "%.2f", s / t }'
}
cpu() { # $1 $2 client before, after; $3 $4 server before, after
    awk -v n="$N" -v a="$1" -v b="$2" -v c="${3:-}" -v d="${4:-}" 'BEGIN {
        printf "CPU: dyad %.1f s (%.2f ms a story)", b - a, 1000 * (b - a) / n
        if (c != "") printf ", server %.1f s (%.2f ms a story)", d - c, 1000 * (d - c) / n }'
}
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"

times >"$W/times"; t0=$(now) c0=$(cpu_children)
"$DYAD" ingest --quiet --db "$W/s.db" "$W/corpus.jsonl" 2>/dev/null
t1=$(now); times >"$W/times"
echo "SQLite, 1 ingester:      $(rate "$t0" "$t1"); $(cpu "$c0" "$(cpu_children)")"
for k in 1 2 4; do
    "$PGBIN/psql" -q -d "$(url postgres)" -c "CREATE DATABASE b$k" || exit 1
    case $k in 1) parts=("$W/corpus.jsonl") ;; 2) parts=("$W"/h0*) ;; 4) parts=("$W"/q0*) ;; esac
    times >"$W/times"; t0=$(now) c0=$(cpu_children) s0=$(cpu_server)
    for p in "${parts[@]}"; do "$DYAD" ingest --quiet --db "$(url b$k)" "$p" 2>/dev/null & done
    wait
    t1=$(now); times >"$W/times"; c1=$(cpu_children)
    sleep 0.5 # the backends exit after their clients
    echo "PostgreSQL, $k ingester$([ $k = 1 ] || echo s): $(rate "$t0" "$t1"); $(cpu "$c0" "$c1" "$s0" "$(cpu_server)")" \
         "($("$PGBIN/psql" -qAt -d "$(url b$k)" -c "SELECT count(*) || ' stories stored, ' || (SELECT count(*) FROM events) || ' events; database ' || round(pg_database_size('b$k') / 1048576.0, 1) || ' MB' FROM stories"))"
done
rm -rf "$W"
