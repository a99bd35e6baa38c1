#!/usr/bin/env bash
# run.sh: builds every fuzz/*.c as a libFuzzer target against BUILD/libdyad.a (made by
# `make fuzz`) and runs each for FUZZ_SECONDS (default 20). Seeds: fuzz/corpus/NAME/.
# Exit status 1 if any target crashed; crash inputs are left in BUILD/fuzz/NAME-crashes/.
set -u
BUILD=${1:-build-fuzz}
SECONDS_EACH=${FUZZ_SECONDS:-20}
# FUZZ_RUNS=N: a fixed number of inputs from a fixed seed instead of a time budget, so a
# run is repeatable (CI uses this: a red CI must mean a bug that reproduces).
LIMIT=(-max_total_time="$SECONDS_EACH")
[ -n "${FUZZ_RUNS:-}" ] && LIMIT=(-runs="$FUZZ_RUNS" -seed=1)
cd "$(dirname "$0")/.."
[ -f "$BUILD/libdyad.a" ] || { echo "run.sh: $BUILD/libdyad.a missing (run make fuzz)" >&2; exit 2; }
LIBS="$(pkg-config --libs libutf8proc jansson sqlite3 zlib libpq) -lcsv"
mkdir -p "$BUILD/fuzz"
failed=0
for src in fuzz/*.c; do
    [ -f "$src" ] || continue
    name=$(basename "$src" .c)
    bin="$BUILD/fuzz/$name"
    echo "== $name: build"
    # A target that tests a file outside the library names it: "fuzz-link: server/params.c".
    extra=$(sed -n 's/^.*fuzz-link: \([A-Za-z0-9_/.-]*\).*$/\1/p' "$src")
    if ! clang -O1 -g -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude -Isrc \
        -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
        -o "$bin" "$src" $extra "$BUILD/libdyad.a" $LIBS -lpthread -lm; then
        echo "== $name: BUILD FAILED"; failed=1; continue
    fi
    corpus="$BUILD/fuzz/$name-corpus"; crashes="$BUILD/fuzz/$name-crashes"
    mkdir -p "$corpus" "$crashes"
    seeds=()
    [ -d "fuzz/corpus/$name" ] && seeds=("fuzz/corpus/$name")
    echo "== $name: ${LIMIT[*]}"
    if ! "$bin" "${LIMIT[@]}" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$crashes/" -print_final_stats=1 "$corpus" "${seeds[@]}" \
        >"$BUILD/fuzz/$name.log" 2>&1; then
        echo "== $name: CRASH (see $BUILD/fuzz/$name.log and $crashes/)"
        tail -n 30 "$BUILD/fuzz/$name.log"
        failed=1
    else
        grep -E "^stat::number_of_executed_units|^#[0-9]+.*DONE" "$BUILD/fuzz/$name.log" | tail -n 2
        echo "== $name: ok"
    fi
done
exit $failed
