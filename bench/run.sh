#!/usr/bin/env bash
# run.sh: times dyad commands on the benchmark corpus next to `wc -w` on the same input,
# in the same run, and prints one row per command: CPU seconds (user+sys, best of REPEAT
# runs; wall time is noisy on shared machines), MB/s, stories/s, sentences/s, peak RSS, and
# speed relative to wc -w (1.00 = as fast). Add a command with one more `row` line below.
#   bash bench/run.sh [CORPUS]      (default bench/corpus/wire.jsonl, built if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
DYAD=${DYAD_BIN:-build/dyad}
CORPUS=${1:-bench/corpus/wire.jsonl}
REPEAT=${REPEAT:-5}
[ -f "$CORPUS" ] || bash bench/corpus.sh
[ -x "$DYAD" ] || { echo "run.sh: $DYAD missing (run make)" >&2; exit 2; }
OUTDIR=bench/out; mkdir -p "$OUTDIR"
BYTES=$(stat -c %s "$CORPUS")
STORIES=$(wc -l <"$CORPUS")
# Sentences as dyad parse counts them (an untimed pass).
SENTENCES=$("$DYAD" parse -q "$CORPUS" 2>/dev/null | grep -o '"index":' | wc -l)

# measure CMD...: "cpu wall rss_kb": best CPU time and best wall time of REPEAT runs
# (stdout discarded), and the peak RSS.
measure() {
    local best="" bwall="" rss=0 u s w r i c
    cat "$CORPUS" >/dev/null # warm the page cache
    for ((i = 0; i < REPEAT; i++)); do
        /usr/bin/time -f '%U %S %e %M' -o "$OUTDIR/time.txt" "$@" >/dev/null 2>"$OUTDIR/stderr.txt" || true
        read -r u s w r <"$OUTDIR/time.txt"
        c=$(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }')
        if [ -z "$best" ] || awk -v a="$c" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$c; fi
        if [ -z "$bwall" ] || awk -v a="$w" -v b="$bwall" 'BEGIN { exit !(a < b) }'; then bwall=$w; fi
        [ "$r" -gt "$rss" ] && rss=$r
    done
    echo "$best $bwall $rss"
}

printf 'corpus: %s (%.1f MB, %s stories, %s sentences); best of %s runs; one core\n' \
    "$CORPUS" "$(awk -v b="$BYTES" 'BEGIN { print b / 1e6 }')" "$STORIES" "$SENTENCES" "$REPEAT"
printf 'machine: %s, %s cores; locale %s\n\n' "$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)" "$(nproc)" "${LC_ALL:-${LANG:-C}}"
printf '%-24s %8s %8s %8s %11s %13s %8s %7s\n' command cpu_s wall_s MB/s stories/s sentences/s RSS_MB vs_wc
read -r WC_CPU _ _ < <(measure wc -w "$CORPUS")

row() { # row NAME CMD...: one line of the table (speeds from CPU time)
    local name=$1 cpu wall rss; shift
    if [ "$name" = "wc -w" ]; then cpu=$WC_CPU; read -r _ wall rss < <(measure "$@")
    else read -r cpu wall rss < <(measure "$@"); fi
    awk -v n="$name" -v t="$cpu" -v w="$wall" -v b="$BYTES" -v s="$STORIES" -v x="$SENTENCES" \
        -v r="$rss" -v base="$WC_CPU" 'BEGIN {
        if (t <= 0) t = 0.01
        printf "%-24s %8.2f %8.2f %8.1f %11.0f %13.0f %8.1f %7.2f\n", n, t, w, b / 1e6 / t, s / t, x / t, r / 1024, base / t }'
}

row "wc -w" wc -w "$CORPUS"
row "dyad parse" "$DYAD" parse -q "$CORPUS"
row "dyad code" "$DYAD" code "$CORPUS"
row "dyad code -j 2" "$DYAD" code -j 2 "$CORPUS"
# ingest into a new store each run: coding, storing, dedup, the aggregate (issue 5's target:
# >= 2,000 stories/s on one core)
row "dyad ingest" bash -c 'rm -f "$2"*; exec "$1" ingest --quiet --db "$2" "$3"' _ \
    "$DYAD" "$OUTDIR/ingest.db" "$CORPUS"
# (more commands: one row each; for -j N compare wall_s, since cpu_s adds up the threads)
