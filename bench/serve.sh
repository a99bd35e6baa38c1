#!/usr/bin/env bash
# serve.sh: HTTP throughput of `dyad serve` on loopback over a store of STORE_EVENTS
# (default 1,000,000) synthetic events, built by bench/store_gen.c as bench/store.sh
# does (and shared with it). wrk, 2 threads, 30 s per endpoint: the dyad timeline and a
# page of a dyad's events; first as served (repeated requests hit the response cache),
# then with --no-cache (every request queries the store). Target: >= 2,000 requests/s
# with p99 < 50 ms on 2 cores.
# Usage: bash bench/serve.sh    (after make; BUILD=build, DURATION=30s, CONNS=16)
#
#        bash bench/serve.sh geo    the figures of issue 13: uncached /api/geo by country (target
#   < 100 ms over 1,000,000 events), with dates, a country, an actor, QuadClass; by ADM1 and
#   by grid; /api/events near a point and in a box.
#
#        bash bench/serve.sh landing    the dashboard's landing view over the same store: each
#   request web/src/main.js makes for an empty hash (events, week timeline, country and
#   region maps, top dyads and codes), uncached, then the six at once as the browser sends
#   them (curl --parallel): best and median of 7 of the time until the last answer.
#   STORE_DB=PATH serves another store (one migrated to a newer schema, say).
#
#        bash bench/serve.sh hardening    the figures of issue 12, on the same store:
#   uncached /api/events at offset 100,000 (by offset, and by the keyset cursor); /healthz
#   latency while 256 clients send a request one byte every 4 s; the peak memory of
#   `dyad serve` while 200 clients post a 600 KB story to /api/code and never read the
#   answer; a live feed of one story a second through a pipe into `dyad ingest
#   --commit-every 1`, killed (-9) after FEED_S seconds: stories fed against stories kept.
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
DB="${STORE_DB:-$OUT/store-$N-v4.db}"
if [ ! -f "$DB" ]; then
    cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Iinclude bench/store_gen.c \
       "$BUILD/libdyad.a" $(pkg-config --libs libutf8proc jansson sqlite3 zlib libpq) -lcsv -lpthread -lm \
       -o "$BUILD/bench/store_gen" || exit 1
    "$BUILD/bench/store_gen" build "$DB" "$N" || exit 1
fi
LOG=$(mktemp)
PID=
trap '[ -n "$PID" ] && kill -TERM $PID 2>/dev/null; wait 2>/dev/null; rm -f "$LOG"' EXIT
# serve ARGS...: starts dyad serve on a free loopback port; sets PID and B.
serve() {
    "$BUILD/dyad" serve --db "$DB" --listen 127.0.0.1:0 --quiet "$@" 2>"$LOG" &
    PID=$!
    PORT=
    for _ in $(seq 100); do
        PORT=$(sed -n 's/.*listening on http:\/\/127\.0\.0\.1:\([0-9]*\)\/.*/\1/p' "$LOG")
        [ -n "$PORT" ] && break
        sleep 0.1
    done
    [ -n "$PORT" ] || { cat "$LOG" >&2; exit 1; }
    B="http://127.0.0.1:$PORT"
}
# best_median PATH: seven uncached requests of $B$PATH; the best and the median time.
best_median() {
    local ts=() _
    for _ in 1 2 3 4 5 6 7; do
        ts+=("$(curl -s -m 60 -o /dev/null -w '%{time_total}' "$B$1")")
    done
    printf '%s\n' "${ts[@]}" | sort -n | awk -v p="$1" '{ t[NR] = $1 * 1000 }
        END { printf("uncached %s: best %.1f ms, median %.1f ms\n", p, t[1], t[4]) }'
}
if [ "${1:-}" = geo ]; then
    echo "== issue 13 figures over $N events ($(nproc) CPUs): uncached (--no-cache), best and median of 7"
    serve --no-cache --threads "${THREADS:-4}"
    for path in "/api/geo" "/api/geo?from=2019-01-01&to=2019-12-31" "/api/geo?from=2019-03-15&to=2019-11-20" \
                "/api/geo?country=SY" "/api/geo?actor=IRN" "/api/geo?quad=4" "/api/geo?level=adm1" \
                "/api/geo?level=grid&cell=1" "/api/events?near=33.51,36.29&km=100&limit=100" \
                "/api/events?bbox=35,32,42,37.5&limit=100"; do
        best_median "$path"
    done
    exit 0
fi
if [ "${1:-}" = landing ]; then
    echo "== the dashboard's landing view over $N events ($(nproc) CPUs): uncached (--no-cache), best and median of 7"
    serve --no-cache --threads "${THREADS:-4}"
    paths=("/api/events?limit=100" "/api/timeline?by=week&raw=1" "/api/geo?level=country"
           "/api/geo?level=adm1" "/api/top/dyads?n=40" "/api/top/codes?n=10")
    for path in "${paths[@]}"; do
        best_median "$path"
    done
    urls=()
    for path in "${paths[@]}"; do urls+=("$B$path"); done
    ts=()
    for _ in 1 2 3 4 5 6 7; do
        t0=$(date +%s%N)
        curl -s -m 60 --no-progress-meter --parallel --parallel-immediate -o /dev/null -o /dev/null -o /dev/null -o /dev/null \
             -o /dev/null -o /dev/null "${urls[@]}"
        ts+=("$(( ($(date +%s%N) - t0) / 1000 ))")
    done
    printf '%s\n' "${ts[@]}" | sort -n | awk '{ t[NR] = $1 / 1000 }
        END { printf("the landing view (six requests at once, until the last answer): best %.1f ms, median %.1f ms\n", t[1], t[4]) }'
    exit 0
fi
if [ "${1:-}" = hardening ]; then
    echo "== issue 12 figures over $N events ($(nproc) CPUs)"
    serve --no-cache --threads "${THREADS:-4}"
    cursor=$(sqlite3 "$DB" "SELECT date || ':' || id FROM events ORDER BY date, id LIMIT 1 OFFSET 99999")
    # (an offset past 10,000 answers 400 at once, pointing at the cursor)
    for path in "/api/events?offset=10000&limit=100" "/api/events?after=$cursor&limit=100" \
                "/api/events?actor=USA&offset=10000&limit=100" "/api/events?actor=USA&offset=100000&limit=100"; do
        best=999
        for _ in 1 2 3 4 5; do
            t=$(curl -s -m 60 -o /dev/null -w '%{time_total}' "$B$path")
            best=$(awk -v a="$best" -v b="$t" 'BEGIN { print (b < a ? b : a) }')
        done
        echo "uncached $path: best of 5 $(awk -v t="$best" 'BEGIN { printf "%.1f", t * 1000 }') ms"
    done
    kill -TERM "$PID"; wait "$PID"; PID=
    serve --threads "${THREADS:-4}" --timeout 10
    python3 bench/clients.py slow "$PORT" 256 "${SLOW_S:-20}"
    kill -TERM "$PID"; wait "$PID"; PID=
    serve --threads "${THREADS:-4}"
    python3 bench/clients.py noread "$PORT" 200 "${NOREAD_S:-20}" &
    CL=$!
    peak=0
    while kill -0 "$CL" 2>/dev/null; do
        kb=$(awk '/^VmRSS/ { print $2 }' /proc/$PID/status)
        [ "${kb:-0}" -gt "$peak" ] && peak=$kb
        sleep 0.2
    done
    wait "$CL"
    echo "noread: dyad serve peak RSS $((peak / 1024)) MB (VmHWM $(awk '/^VmHWM/ { print int($2 / 1024) }' /proc/$PID/status) MB)"
    kill -TERM "$PID"; wait "$PID"; PID=
    FEED_S=${FEED_S:-12}
    F=$(mktemp -d)
    mkfifo "$F/feed"
    "$BUILD/dyad" ingest --quiet --commit-every 1 --db "$F/feed.db" - < "$F/feed" 2>/dev/null & ING=$!
    exec 7>"$F/feed"
    sleep 2 # the dictionaries load
    for i in $(seq "$FEED_S"); do
        printf '{"id":"feed-%d","date":"2019-05-%02d","text":"TOKYO (AP) - Japan criticized North Korea on Tuesday over missile test number %d, officials said."}\n' "$i" $((i % 28 + 1)) "$i" >&7
        sleep 1
    done
    kill -KILL "$ING"; wait "$ING" 2>/dev/null
    exec 7>&-
    echo "live feed: $FEED_S stories fed one a second, kill -9 one second after the last: $(sqlite3 "$F/feed.db" 'SELECT count(*) FROM stories') kept (--commit-every 1)"
    rm -rf "$F"
    exit 0
fi
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
