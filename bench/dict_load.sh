#!/usr/bin/env bash
# dict_load.sh: how long `dyad dict stats` takes to load dyad's own data/ and, when
# ../shared/eval holds them, the Phoenix/PETRARCH-2 dictionaries (wall time, peak RSS).
# Targets: data/ < 100 ms; the Phoenix set < 500 ms and < 150 MB.
set -u
cd "$(dirname "$0")/.."
DYAD=${DYAD_BIN:-build/dyad}
run() { # $1 = label, rest = dictionary paths
    local label=$1; shift
    local args=() p
    for p in "$@"; do args+=(--dict "$p"); done
    local best=999999 rss=0 i t0 t1 ms
    for i in 1 2 3 4 5; do
        t0=$(date +%s%N)
        "$DYAD" dict stats "${args[@]}" >/dev/null 2>&1 || { echo "$label: load failed"; return; }
        t1=$(date +%s%N)
        ms=$(( (t1 - t0) / 1000000 ))
        [ "$ms" -lt "$best" ] && best=$ms
    done
    if [ -x /usr/bin/time ]; then
        rss=$(/usr/bin/time -f %M "$DYAD" dict stats "${args[@]}" 2>&1 >/dev/null | tail -n 1)
    fi
    printf '%-28s best of 5: %5d ms   peak RSS: %6s KiB\n' "$label" "$best" "$rss"
}
run "data/" data
P=../shared/eval/petrarch2/dictionaries
if [ -d "$P" ]; then
    run "PETRARCH-2 dictionaries" "$P"
else
    echo "PETRARCH-2 dictionaries: skipped (../shared/eval is absent)"
fi
