#!/usr/bin/env bash
# python.sh: what the Python package costs over the C program.
#   1. Coding the benchmark corpus (bench/corpus.sh) with `dyad code` (one thread,
#      JSONL to /dev/null) and through dyad.Coder().code_path() (the same reader and
#      coder, every event made a Python dataclass). Target: Python <= 1.5x.
#   2. Store.to_pandas() over a store of N (default 1,000,000) synthetic events made by
#      bench/store_gen.c (DB=PATH to reuse one). Target: < 5 s.
# Usage: bash bench/python.sh [N]     (BUILD=build; run `make` first)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
N=${1:-1000000}
PY=/usr/bin/python3; [ -x "$PY" ] || PY=python3
export PYTHONPATH="$PWD/python" DYAD_LIB="$PWD/$BUILD/libdyad.so.0" DYAD_DATA="$PWD/data"
[ -f bench/corpus/wire.jsonl ] || bash bench/corpus.sh
CORPUS=bench/corpus/wire.jsonl
echo "== corpus: $(du -m "$CORPUS" | cut -f1) MB, $(wc -l <"$CORPUS") stories"

best() { # best wall time of 2 runs of a command, in seconds
    local b="" t
    for _ in 1 2; do
        local s0; s0=$(date +%s.%N)
        "$@" >/dev/null 2>&1
        t=$(awk -v a="$s0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
        b=$(awk -v a="$b" -v t="$t" 'BEGIN { print (a == "" || t < a) ? t : a }')
    done
    echo "$b"
}
c=$(best "$BUILD/dyad" code --no-progress "$CORPUS")
p=$(best "$PY" -c "import dyad, sys; n = len(dyad.Coder().code_path(sys.argv[1])); print(n)" "$CORPUS")
echo "dyad code:                 $c s"
echo "dyad.Coder().code_path():  $p s  ($(awk -v a="$p" -v b="$c" 'BEGIN { printf "%.2f", a / b }')x)"

DB=${DB:-bench/out/store-$N-v4.db}
if [ ! -f "$DB" ]; then
    mkdir -p bench/out "$BUILD/bench"
    cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -Iinclude bench/store_gen.c "$BUILD/libdyad.a" \
       $(pkg-config --libs libutf8proc jansson sqlite3 zlib libpq) -lcsv -lpthread -lm -o "$BUILD/bench/store_gen"
    "$BUILD/bench/store_gen" build "$DB" "$N"
fi
"$PY" - "$DB" <<'PYEOF'
import sys, time
import dyad
st = dyad.Store(sys.argv[1])
n = st.info().events
t = time.perf_counter(); rows = st.count(); tc = time.perf_counter() - t
t = time.perf_counter(); df = st.to_pandas(); tp = time.perf_counter() - t
print(f"store: {n} events; count() {tc:.2f} s; to_pandas() {tp:.2f} s "
      f"({len(df)} rows, {df.memory_usage(deep=True).sum() / 2**20:.0f} MiB)")
PYEOF
