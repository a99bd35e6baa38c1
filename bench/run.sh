#!/usr/bin/env bash
# run.sh: times dyad commands on the benchmark corpus next to `wc -w` on the same input,
# in the same run, and prints one row per command: seconds, MB/s, stories/s, sentences/s,
# peak RSS, and speed relative to wc -w. Add a command with one more `row` line below.
#   bash bench/run.sh [CORPUS]      (default bench/corpus/wire.jsonl, built if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
DYAD=${DYAD_BIN:-build/dyad}
CORPUS=${1:-bench/corpus/wire.jsonl}
[ -f "$CORPUS" ] || bash bench/corpus.sh
[ -x "$DYAD" ] || { echo "run.sh: $DYAD missing (run make)" >&2; exit 2; }
OUTDIR=bench/out; mkdir -p "$OUTDIR"
BYTES=$(stat -c %s "$CORPUS")
MB=$(awk -v b="$BYTES" 'BEGIN { printf "%.1f", b / 1e6 }')
STORIES=$(wc -l <"$CORPUS")
# Sentences as dyad parse counts them (an untimed pass).
SENTENCES=$("$DYAD" parse -q "$CORPUS" 2>/dev/null | grep -o '"index":' | wc -l)
REPEAT=${REPEAT:-3}

# measure CMD...: best wall time of REPEAT runs (stdout discarded) and the peak RSS.
measure() {
    local best="" rss=0 t r i
    cat "$CORPUS" >/dev/null # warm the page cache
    for ((i = 0; i < REPEAT; i++)); do
        /usr/bin/time -f '%e %M' -o "$OUTDIR/time.txt" "$@" >/dev/null 2>"$OUTDIR/stderr.txt" || true
        read -r t r <"$OUTDIR/time.txt"
        if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$t; fi
        [ "$r" -gt "$rss" ] && rss=$r
    done
    echo "$best $rss"
}

printf 'corpus: %s (%s MB, %s stories, %s sentences), best of %s runs, one core\n\n' \
    "$CORPUS" "$MB" "$STORIES" "$SENTENCES" "$REPEAT"
printf '%-28s %8s %8s %11s %13s %9s %8s\n' command seconds MB/s stories/s sentences/s RSS_MB vs_wc
read -r WC_T WC_RSS < <(measure wc -w "$CORPUS")

row() { # row NAME CMD...: one line of the table
    local name=$1 t rss; shift
    read -r t rss < <(measure "$@")
    awk -v n="$name" -v t="$t" -v b="$BYTES" -v s="$STORIES" -v x="$SENTENCES" -v r="$rss" -v w="$WC_T" 'BEGIN {
        if (t <= 0) t = 0.001
        printf "%-28s %8.2f %8.1f %11.0f %13.0f %9.1f %8.2f\n", n, t, b / 1e6 / t, s / t, x / t, r / 1024, w / t }'
}

row "wc -w" wc -w "$CORPUS"
row "dyad parse" "$DYAD" parse -q "$CORPUS"
# row "dyad code" "$DYAD" code "$CORPUS"      (the lead adds more rows here)
