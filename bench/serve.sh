#!/usr/bin/env bash
# serve.sh: HTTP throughput of `dyad serve` on loopback over a store of STORE_EVENTS
# (default 1,000,000) synthetic events, built by bench/store_gen.c as bench/store.sh
# does (and shared with it). wrk, 2 threads, 30 s per endpoint: the dyad timeline and a
# page of a dyad's events; first as served (repeated requests hit the response cache),
# then with --no-cache (every request queries the store). Target: >= 2,000 requests/s
# with p99 < 50 ms on 2 cores.
# Usage: bash bench/serve.sh    (after make; BUILD=build, DURATION=30s, CONNS=16)
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
N=${STORE_EVENTS:-1000000}
DURATION=${DURATION:-30s}
CONNS=${CONNS:-16}
OUT=bench/out
mkdir -p "$OUT" "$BUILD/bench"
command -v wrk >/dev/null || { echo "serve.sh: wrk is not installed (scripts/install-deps.sh)" >&2; exit 1; }
[ -f "$BUILD/libdyad.a" ] || { echo "serve.sh: run make first" >&2; exit 1; }
DB="$OUT/store-$N.db"
if [ ! -f "$DB" ]; then
    cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Iinclude bench/store_gen.c \
       "$BUILD/libdyad.a" $(pkg-config --libs libutf8proc jansson sqlite3) -lpthread -lm \
       -o "$BUILD/bench/store_gen" || exit 1
    "$BUILD/bench/store_gen" build "$DB" "$N" || exit 1
fi
LOG=$(mktemp)
PID=
trap '[ -n "$PID" ] && kill -TERM $PID 2>/dev/null; wait 2>/dev/null; rm -f "$LOG"' EXIT
for mode in cached --no-cache; do
    extra=(); [ "$mode" = --no-cache ] && extra=(--no-cache)
    "$BUILD/dyad" serve --db "$DB" --listen 127.0.0.1:0 --quiet --threads "${THREADS:-4}" "${extra[@]}" 2>"$LOG" &
    PID=$!
    PORT=
    for _ in $(seq 100); do
        PORT=$(sed -n 's/.*listening on http:\/\/127\.0\.0\.1:\([0-9]*\)\/.*/\1/p' "$LOG")
        [ -n "$PORT" ] && break
        sleep 0.1
    done
    [ -n "$PORT" ] || { cat "$LOG" >&2; exit 1; }
    B="http://127.0.0.1:$PORT"
    echo "== dyad serve ($mode) over $N events ($(nproc) CPUs, wrk -t2 -c$CONNS -d$DURATION)"
    for path in "/api/timeline?a=USA&b=CHN&by=month&both=1" "/api/events?dyad=USA,CHN&from=2019-03-01&to=2019-03-07&limit=20"; do
        curl -s -m 30 -o /dev/null -w "warm-up $path: %{http_code} %{size_download} bytes %{time_total}s\n" "$B$path"
        wrk -t2 -c"$CONNS" -d"$DURATION" --latency "$B$path" |
            awk -v p="$path" '/Requests\/sec/ { rps = $2 } /^ +99%/ { p99 = $2 } /Non-2xx/ { bad = $0 }
                 END { printf("%s\n  requests/s %s   p99 %s %s\n", p, rps, p99, bad) }'
    done
    kill -TERM "$PID"; wait "$PID"; PID=
done
