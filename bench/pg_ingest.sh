#!/usr/bin/env bash
# pg_ingest.sh: the ingest rate into PostgreSQL with 1, 2 and 4 concurrent `dyad ingest`
# processes (each given an equal share of the corpus), against one ingest into SQLite of
# the same corpus. Starts a PostgreSQL server of its own (default settings but for a
# unix socket in a temporary folder, no TCP; as the postgres user when run as root) and
# stops it at the end. The corpus: the first STORIES (default 4000) lines of
# bench/corpus/wire.jsonl (bash bench/corpus.sh builds it).
# Usage: bash bench/pg_ingest.sh    (after make)
set -u
cd "$(dirname "$0")/.."
DYAD=${BUILD:-build}/dyad
N=${STORIES:-4000}
PGBIN=${DYAD_PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
[ -x "$PGBIN/initdb" ] || { echo "pg_ingest.sh: the PostgreSQL server is not installed" >&2; exit 1; }
[ -f bench/corpus/wire.jsonl ] || bash bench/corpus.sh
AS=()
[ "$(id -u)" = 0 ] && AS=(runuser -u postgres --)
D=$(mktemp -d /tmp/dyad-pgbench.XXXXXX)
chmod 755 "$D"
[ ${#AS[@]} -gt 0 ] && chown postgres "$D"
trap '"${AS[@]}" "$PGBIN/pg_ctl" -D "$D/data" -m fast stop >/dev/null 2>&1; rm -rf "$D"' EXIT
"${AS[@]}" "$PGBIN/initdb" -D "$D/data" -A trust -U dyad -E UTF8 --locale=C >/dev/null || exit 1
"${AS[@]}" "$PGBIN/pg_ctl" -D "$D/data" -l "$D/log" -w -o "-k $D -c listen_addresses=''" start >/dev/null || exit 1
url() { echo "postgresql:///$1?host=$D&user=dyad"; }
W=$(mktemp -d)
head -n "$N" bench/corpus/wire.jsonl >"$W/corpus.jsonl"
split -n l/4 -d "$W/corpus.jsonl" "$W/q"
split -n l/2 -d "$W/corpus.jsonl" "$W/h"
now() { date +%s.%N; }
rate() { awk -v n="$N" -v a="$1" -v b="$2" 'BEGIN { printf "%.2f s, %.0f stories/s", b - a, n / (b - a) }'; }

t0=$(now)
"$DYAD" ingest --quiet --db "$W/s.db" "$W/corpus.jsonl" 2>/dev/null
echo "SQLite, 1 ingester:      $(rate "$t0" "$(now)")"
for k in 1 2 4; do
    "$PGBIN/psql" -q -d "$(url postgres)" -c "CREATE DATABASE b$k" || exit 1
    case $k in 1) parts=("$W/corpus.jsonl") ;; 2) parts=("$W"/h0*) ;; 4) parts=("$W"/q0*) ;; esac
    t0=$(now)
    for p in "${parts[@]}"; do "$DYAD" ingest --quiet --db "$(url b$k)" "$p" 2>/dev/null & done
    wait
    echo "PostgreSQL, $k ingester$([ $k = 1 ] || echo s): $(rate "$t0" "$(now)")" \
         "($("$PGBIN/psql" -qAt -d "$(url b$k)" -c 'SELECT count(*) FROM stories') stories stored)"
done
rm -rf "$W"
