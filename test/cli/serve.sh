#!/usr/bin/env bash
# serve.sh: `dyad serve` over a store ingested from test/data/serve/stories.jsonl: every
# endpoint, the limits (413, 414, slow clients, connection limit), malformed requests,
# path traversal, caching, gzip, 404/405, CORS, 50 concurrent clients, clean shutdown.
. "$(dirname "$0")/lib.sh"

for tool in curl jq sqlite3; do
    if ! command -v $tool >/dev/null; then
        skip "$tool is not installed (scripts/install-deps.sh)"; done_testing; exit 0
    fi
done
PIDS=()
stop_all() { for p in "${PIDS[@]}"; do kill -KILL "$p" 2>/dev/null && wait "$p" 2>/dev/null; done; rm -rf "$TMP"; }
trap stop_all EXIT

DB="$TMP/sample.db"
if ! "$DYAD" ingest --quiet --db "$DB" "$ROOT/test/data/serve/stories.jsonl" >/dev/null 2>"$TMP/ingest.err" &&
   [ "$(sqlite3 "$DB" 'SELECT count(*) FROM events' 2>/dev/null || echo 0)" = 0 ]; then
    fail "dyad ingest builds the sample store"; sed 's/^/# /' "$TMP/ingest.err" | tail -5
    done_testing; exit 0
fi
NEV=$(sqlite3 "$DB" 'SELECT count(*) FROM events')
if [ "$NEV" -gt 0 ]; then ok "dyad ingest builds the sample store ($NEV events)"
else fail "dyad ingest builds the sample store (no events)"; done_testing; exit 0; fi
q() { sqlite3 "$DB" "$1"; }

# A dashboard folder with a file and symlinks pointing out of it.
WEB="$TMP/web"; mkdir -p "$WEB/assets" "$TMP/outside"
echo '<!doctype html><title>dyad test page</title>' > "$WEB/index.html"
echo 'console.log("asset")' > "$WEB/assets/app-0123ABCD.js"
echo 'secret outside' > "$TMP/outside/secret.txt"
ln -s "$TMP/outside/secret.txt" "$WEB/link-out.txt"
ln -s "$TMP/outside" "$WEB/dir-out"
ln -s index.html "$WEB/link-in.html"

# start NAME ARGS...: starts a server on a free port; sets PORT and PID.
start() {
    local name=$1; shift
    "$DYAD" serve --db "$DB" --listen 127.0.0.1:0 "$@" 2>"$TMP/$name.err" &
    PID=$!; PIDS+=("$PID")
    for _ in $(seq 100); do
        PORT=$(sed -n 's/.*listening on http:\/\/127\.0\.0\.1:\([0-9]*\)\/.*/\1/p' "$TMP/$name.err")
        [ -n "$PORT" ] && return 0
        kill -0 "$PID" 2>/dev/null || break
        sleep 0.1
    done
    return 1
}
# req ARGS...: curl with a timeout; the body goes to $TMP/body, headers to $TMP/head;
# prints the status code.
req() { curl -s -m 10 -D "$TMP/head" -o "$TMP/body" -w '%{http_code}' "$@"; }
is() { # DESC GOT WANT
    if [ "$2" = "$3" ]; then ok "$1"; else fail "$1 (got '$2', want '$3')"; return 1; fi
}
header() { tr -d '\r' < "$TMP/head" | grep -i "^$1:" | head -1 | cut -d' ' -f2-; }
# poll WANT SECONDS URL: requests URL until its status is WANT or SECONDS have passed
# (a readiness wait: the server takes its time under load, a fixed sleep is a race);
# the last request's body and headers stay in $TMP/body and $TMP/head; prints the last
# status.
poll() {
    local want=$1 secs=$2 url=$3 code="" end=$((SECONDS + $2))
    : > "$TMP/poll.log"
    while :; do
        code=$(curl -s -m 2 -D "$TMP/head" -o "$TMP/body" -w '%{http_code}' "$url")
        echo "$SECONDS $code" >> "$TMP/poll.log"
        [ "$code" = "$want" ] && break
        [ "$SECONDS" -ge "$end" ] && break
        sleep 0.05
    done
    echo "$code"
}
# gone PID SECONDS: waits until process PID has ended or SECONDS have passed.
gone() {
    local end=$((SECONDS + $2))
    while kill -0 "$1" 2>/dev/null && [ "$SECONDS" -lt "$end" ]; do sleep 0.05; done
}

if ! start main --web "$WEB" --threads 4 --max-body 4096 --timeout 2; then
    fail "dyad serve starts on a free loopback port"; sed 's/^/# /' "$TMP/main.err"
    done_testing; exit 0
fi
ok "dyad serve starts on a free loopback port ($PORT)"
B="http://127.0.0.1:$PORT"

# --- endpoints ---------------------------------------------------------------------
is "GET /healthz answers 200" "$(req "$B/healthz")" 200
is "/healthz says ok" "$(jq -r .status "$TMP/body")" ok
is "the API answers JSON" "$(header content-type)" "application/json; charset=utf-8"

is "GET /api/events answers 200" "$(req "$B/api/events?limit=5")" 200
is "/api/events: total counts every event" "$(jq .total "$TMP/body")" "$NEV"
is "/api/events: limit pages" "$(jq '.events | length' "$TMP/body")" 5
is "/api/events: events carry spans" "$(jq '.events[0].spans.source | length' "$TMP/body")" 2
req "$B/api/events?limit=3&offset=2" >/dev/null
is "/api/events: offset pages" "$(jq -c '[.events[].id]' "$TMP/body")" \
   "$(curl -s -m 10 "$B/api/events?limit=5" | jq -c '[.events[2:5][].id]')"
req "$B/api/events?offset=$NEV" >/dev/null
is "/api/events: an offset past the end is an empty page" "$(jq '[.total, (.events|length)] | join(",")' -r "$TMP/body")" "$NEV,0"
# Keyset paging: following "next" gives the pages offset gives, without counting again.
for oad in 0 1; do
    all=$(curl -s -m 10 "$B/api/events?limit=1000&one_a_day=$oad" | jq -c '[.events[].id]')
    ids=(); cur=; pages=0
    while :; do
        req "$B/api/events?limit=7&one_a_day=$oad${cur:+&after=$cur}" >/dev/null
        ids+=($(jq -r '.events[].id' "$TMP/body")); pages=$((pages + 1))
        cur=$(jq -r '.next // empty' "$TMP/body")
        [ -n "$cur" ] && [ $pages -lt 100 ] || break
    done
    is "/api/events?after (one_a_day=$oad): the cursor pages give every row once, in order ($pages pages)" \
       "$(printf '%s\n' "${ids[@]}" | jq -sc .)" "$all"
done
req "$B/api/events?limit=3&after=$(curl -s -m 10 "$B/api/events?limit=3" | jq -r .next)" >/dev/null
is "/api/events?after: the page after a cursor has no total (the first page said it)" "$(jq -c '[.total, .offset]' "$TMP/body")" "[null,null]"
for bad in "after=abc" "after=20190101" "after=20190101:" "after=20190101:0" "after=-1:5" "after=20190101:5x"; do
    is "GET /api/events?$bad: 400" "$(req "$B/api/events?$bad")" 400
done
want=$(q "SELECT count(*) FROM events WHERE (source LIKE 'KOR%' AND target LIKE 'PRK%') OR (source LIKE 'PRK%' AND target LIKE 'KOR%')")
req "$B/api/events?dyad=KOR,PRK&limit=1000" >/dev/null
is "/api/events?dyad=KOR,PRK: both directions" "$(jq .total "$TMP/body")" "$want"
is "/api/events?dyad: every event is of the dyad" \
   "$(jq '[.events[] | select((.source|test("^(KOR|PRK)")) and (.target|test("^(KOR|PRK)")))] | length' "$TMP/body")" "$want"
req "$B/api/events?actor=jpn" >/dev/null
is "/api/events?actor (any case): source or target" "$(jq .total "$TMP/body")" \
   "$(q "SELECT count(*) FROM events WHERE source LIKE 'JPN%' OR target LIKE 'JPN%'")"
req "$B/api/events?source=PRK&target=USA" >/dev/null
is "/api/events?source&target" "$(jq .total "$TMP/body")" \
   "$(q "SELECT count(*) FROM events WHERE source LIKE 'PRK%' AND target LIKE 'USA%'")"
req "$B/api/events?code=111" >/dev/null
is "/api/events?code=111 (exact)" "$(jq .total "$TMP/body")" "$(q "SELECT count(*) FROM events WHERE code='111'")"
req "$B/api/events?code=11" >/dev/null
is "/api/events?code=11 (root)" "$(jq .total "$TMP/body")" "$(q "SELECT count(*) FROM events WHERE root=11")"
req "$B/api/events?code=quad:3" >/dev/null
is "/api/events?code=quad:3 (QuadClass)" "$(jq .total "$TMP/body")" "$(q "SELECT count(*) FROM events WHERE quad_class=3")"
req "$B/api/events?from=2019-02-01&to=2019-02-28" >/dev/null
is "/api/events?from&to" "$(jq .total "$TMP/body")" \
   "$(q "SELECT count(*) FROM events WHERE date BETWEEN 20190201 AND 20190228")"
req "$B/api/events?text=missile&limit=1000" >/dev/null
n=$(jq .total "$TMP/body")
if [ "$n" -gt 0 ] && [ "$(jq '[.events[] | select(.text | test("missile"; "i"))] | length' "$TMP/body")" = "$n" ]; then
    ok "/api/events?text (full text): $n events, all of them about missiles"
else fail "/api/events?text (full text): $n events"; fi
req "$B/api/events?one_a_day=1" >/dev/null
is "/api/events?one_a_day=1: one per (date, source, target, code)" "$(jq .total "$TMP/body")" \
   "$(q "SELECT count(*) FROM (SELECT 1 FROM events GROUP BY date, source, target, code)")"
is "/api/events?one_a_day: total and rows agree" "$(jq '.events | length' "$TMP/body")" \
   "$(jq '[.total, 100] | min' "$TMP/body")"

# --- places: /api/events filters and /api/geo --------------------------------------
top=$(q "SELECT location_country2 FROM events WHERE location_country2 IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1")
req "$B/api/events?country=$top" >/dev/null
is "/api/events?country=$top (alpha-2)" "$(jq .total "$TMP/body")" \
   "$(q "SELECT count(*) FROM events WHERE location_country2 = '$top'")"
req "$B/api/events?bbox=120,33,132,43&limit=1000" >/dev/null
is "/api/events?bbox=W,S,E,N" "$(jq .total "$TMP/body")" \
   "$(q "SELECT count(*) FROM events WHERE location_lat BETWEEN 33 AND 43 AND location_lon BETWEEN 120 AND 132")"
is "/api/events?bbox: every event's place lies in the box" \
   "$(jq '[.events[] | select(.location.lat >= 33 and .location.lat <= 43 and .location.lon >= 120 and .location.lon <= 132)] | length' "$TMP/body")" \
   "$(jq .total "$TMP/body")"
# Pyongyang to Seoul is about 195 km: 250 km around Seoul holds both.
req "$B/api/events?near=37.566,126.978&km=250&limit=1000" >/dev/null
n=$(jq .total "$TMP/body")
is "/api/events?near&km: places within the distance (haversine, as dyad_km)" "$n" \
   "$(q "SELECT count(*) FROM events WHERE location_lat IS NOT NULL AND 2 * 6371.0088 * asin(sqrt(
        pow(sin(radians(location_lat - 37.566) / 2), 2) + cos(radians(37.566)) * cos(radians(location_lat))
        * pow(sin(radians(location_lon - 126.978) / 2), 2))) <= 250" 2>/dev/null || echo no-math)"
is "GET /api/geo answers 200" "$(req "$B/api/geo")" 200
is "/api/geo: the country level by default, every event counted" "$(jq -c '[.level, .total]' "$TMP/body")" "[\"country\",$NEV]"
is "/api/geo: located is the sum of the cells' counts" "$(jq '[.cells[].count] | add' "$TMP/body")" "$(jq .located "$TMP/body")"
is "/api/geo: located counts the events with a place" "$(jq .located "$TMP/body")" \
   "$(q "SELECT count(*) FROM events WHERE location_country IS NOT NULL")"
is "/api/geo: cells most events first" "$(jq '[.cells[].count] | . == (sort | reverse)' "$TMP/body")" true
is "/api/geo: a country cell: alpha-2 key, its name and centroid" \
   "$(jq -c --arg k "$top" '.cells[] | select(.key == $k) | [.country == $k, (.name | length > 0), (.lat | type), .count]' "$TMP/body")" \
   "[true,true,\"number\",$(q "SELECT count(*) FROM events WHERE location_country2 = '$top'")]"
is "/api/geo: goldstein is the cell's mean" \
   "$(jq -r --arg k "$top" '.cells[] | select(.key == $k) | .goldstein' "$TMP/body")" \
   "$(q "SELECT printf('%.3f', avg(goldstein)) FROM events WHERE location_country2 = '$top'")"
req "$B/api/geo?level=adm1" >/dev/null
is "/api/geo?level=adm1: one cell per region" "$(jq '.cells | length' "$TMP/body")" \
   "$(q "SELECT count(DISTINCT location_adm1) FROM events")"
is "/api/geo?level=adm1: keys are region codes of their country" \
   "$(jq '[.cells[] | select(.key[0:2] != .country)] | length' "$TMP/body")" 0
req "$B/api/geo?level=grid&cell=2" >/dev/null
is "/api/geo?level=grid&cell=2: the key is the south-west corner, lat/lon the centre" \
   "$(jq '[.cells[] | select((.key | split(",") | map(tonumber)) as $c | ($c[0] + 1 != .lat or $c[1] + 1 != .lon or ($c[0] % 2) != 0))] | length' "$TMP/body")" 0
is "/api/geo?level=grid: every event with a point counted" "$(jq .located "$TMP/body")" \
   "$(q "SELECT count(*) FROM events WHERE location_lat IS NOT NULL")"
req "$B/api/geo?country=$top&quad=4&from=2019-01-01" >/dev/null
is "/api/geo: the filters of /api/events (country, quad, from)" "$(jq .total "$TMP/body")" \
   "$(q "SELECT count(*) FROM events WHERE location_country2 = '$top' AND quad_class = 4 AND date >= 20190101")"
for bad in "level=city" "cell=2" "level=grid&cell=0" "level=grid&cell=x" "bbox=1,2,3" "bbox=10,50,20,40" \
           "near=37,127" "km=5" "near=37,127&km=0" "near=95,0&km=5" "country=XX" "root=25" "quad=5" \
           "code=03&quad=1"; do
    is "GET /api/geo?$bad: 400 with a reason" "$(req "$B/api/geo?$bad")$(jq -r '.error | length > 0' "$TMP/body")" 400true
done
is "GET /api/events?country=XX: 400" "$(req "$B/api/events?country=XX")" 400
is "GET /api/events?offset=10000: 200 (the deepest offset)" "$(req "$B/api/events?offset=10000")" 200
is "GET /api/events?offset=10001: 400, pointing at the cursor" \
   "$(req "$B/api/events?offset=10001")$(jq -r '.error | test("after=NEXT")' "$TMP/body")" 400true
req "$B/api/timeline?a=KOR&b=PRK&both=1&raw=1&by=month&country=$top" >/dev/null
is "/api/timeline takes the place filters too (not the dyad aggregate)" "$(jq '[.periods[].events] | add // 0' "$TMP/body")" \
   "$(q "SELECT count(*) FROM events WHERE date > 0 AND location_country2 = '$top' AND ((source LIKE 'KOR%' AND target LIKE 'PRK%') OR (source LIKE 'PRK%' AND target LIKE 'KOR%'))")"

is "GET /api/timeline answers 200" "$(req "$B/api/timeline?a=KOR&b=PRK&by=month&both=1")" 200
is "/api/timeline: one period per month" "$(jq -r '[.periods[].period] | join(" ")' "$TMP/body")" \
   "$(q "SELECT group_concat(m, ' ') FROM (SELECT DISTINCT substr(date,1,4)||'-'||substr(date,5,2)||'-01' AS m FROM events WHERE (source LIKE 'KOR%' AND target LIKE 'PRK%') OR (source LIKE 'PRK%' AND target LIKE 'KOR%') ORDER BY m)")"
is "/api/timeline: QuadClass counts add up to the events" \
   "$(jq '[.periods[] | select((.quad | add) != .events)] | length' "$TMP/body")" 0
req "$B/api/timeline?a=KOR&b=PRK&by=week" >/dev/null
is "/api/timeline by week: periods begin on Mondays" \
   "$(jq -r '.periods[].period' "$TMP/body" | while read -r d; do date -d "$d" +%u; done | sort -u | tr -d '\n')" 1

# The timeline of one actor, of every event, and within the event filters.
req "$B/api/timeline?a=KOR&by=month&both=1" >/dev/null
is "/api/timeline?a alone: that actor's events as source or target" "$(jq '[.periods[].events] | add' "$TMP/body")" \
   "$(q "SELECT count(*) FROM (SELECT DISTINCT date, source, target, code FROM events WHERE date > 0 AND (source LIKE 'KOR%' OR target LIKE 'KOR%'))")"
req "$B/api/timeline?by=day&raw=1" >/dev/null
is "/api/timeline without a dyad: every dated event, by day" "$(jq '[.periods[].events] | add' "$TMP/body")" \
   "$(q "SELECT count(*) FROM events WHERE date > 0")"
is "/api/timeline by day: one period per day with events" "$(jq '.periods | length' "$TMP/body")" \
   "$(q "SELECT count(DISTINCT date) FROM events WHERE date > 0")"
req "$B/api/timeline?a=KOR&b=PRK&both=1&raw=1&by=month&code=quad:3" >/dev/null
is "/api/timeline?code=quad:3: only that QuadClass" "$(jq '[.periods[] | .quad[0] + .quad[1] + .quad[3]] | add' "$TMP/body")" 0
is "/api/timeline?code=quad:3: its events" "$(jq '[.periods[].events] | add' "$TMP/body")" \
   "$(q "SELECT count(*) FROM events WHERE date > 0 AND quad_class = 3 AND ((source LIKE 'KOR%' AND target LIKE 'PRK%') OR (source LIKE 'PRK%' AND target LIKE 'KOR%'))")"
req "$B/api/timeline?by=month&raw=1&text=missile" >/dev/null
is "/api/timeline?text: the events the same text search lists" "$(jq '[.periods[].events] | add' "$TMP/body")" \
   "$(curl -s "$B/api/events?text=missile" | jq .total)"

is "GET /api/top/actors answers 200" "$(req "$B/api/top/actors?n=3")" 200
is "/api/top/actors?n=3 gives 3" "$(jq '.items | length' "$TMP/body")" 3
req "$B/api/top/dyads?n=5" >/dev/null
is "/api/top/dyads: most frequent first" "$(jq '[.items[].count] | . == (sort | reverse)' "$TMP/body")" true
is "/api/top/dyads: source and target" "$(jq -r '.items[0] | "\(.source),\(.target)" == .key' "$TMP/body")" true
req "$B/api/top/codes?from=2019-01-01&to=2019-03-31" >/dev/null
req "$B/api/top/dyads?dyad=KOR,PRK&n=100" >/dev/null
is "/api/top/dyads?dyad=KOR,PRK: only that dyad's pairs" \
   "$(jq '[.items[] | select((.source + .target | test("^(KOR|PRK).*(KOR|PRK)") | not))] | length' "$TMP/body")" 0
is "/api/top/dyads?dyad=KOR,PRK: every one-a-day event of the dyad counted" "$(jq '[.items[].count] | add' "$TMP/body")" \
   "$(q "SELECT count(*) FROM (SELECT DISTINCT date, source, target, code FROM events WHERE (source LIKE 'KOR%' AND target LIKE 'PRK%') OR (source LIKE 'PRK%' AND target LIKE 'KOR%'))")"
req "$B/api/top/codes?code=quad:4&n=100" >/dev/null
is "/api/top/codes?code=quad:4: material conflict codes only" "$(jq '[.items[] | select(.quad_class != 4)] | length' "$TMP/body")" 0
is "/api/top/codes: names from the CAMEO table" "$(jq -r '[.items[] | select(.name == null)] | length' "$TMP/body")" 0

is "GET /api/story/ID answers 200" "$(req "$B/api/story/sample-001")" 200
is "/api/story: the story" "$(jq -r .id "$TMP/body")" sample-001
is "/api/story: its events, spans inside its text" \
   "$(jq '(.text | utf8bytelength) as $n | [.events[] | select(.spans.source[1] > $n or .spans.target[1] > $n)] | length' "$TMP/body")" 0
is "/api/story: sentences" "$(jq '.sentences | length > 1' "$TMP/body")" true
is "/api/story of an unknown id: 404" "$(req "$B/api/story/no-such-story")" 404

is "GET /api/codes answers 200" "$(req "$B/api/codes")" 200
is "/api/codes: the CAMEO table" "$(jq -r '.codes[] | select(.code == "036") | .quad_class' "$TMP/body")" 1

is "GET /api/actors answers 200" "$(req "$B/api/actors?q=ko")" 200
is "/api/actors?q=ko: codes in the store" "$(jq -r '[.codes[].code] | index("KOR") != null' "$TMP/body")" true
req "$B/api/actors?q=South%20Korea" >/dev/null
is "/api/actors?q=South Korea: dictionary lookup" "$(jq -r .dictionary.code "$TMP/body")" KOR
is "/api/actors without q: 400" "$(req "$B/api/actors")" 400

STORY='TOKYO (Reuters) — Japan condemned North Korea on Thursday over the missile launch.'
is "POST /api/code (JSON) answers 200" \
   "$(req -H 'Content-Type: application/json' --data-binary "$(jq -n --arg t "$STORY" '{text: $t, date: "2019-05-09"}')" "$B/api/code")" 200
is "/api/code: events of the posted story" "$(jq -r '.events[0] | "\(.source) \(.target) \(.date)"' "$TMP/body")" "JPN PRK 2019-05-09"
is "/api/code: nothing is stored" "$(q 'SELECT count(*) FROM events')" "$NEV"
is "POST /api/code (text/plain) answers 200" \
   "$(req -H 'Content-Type: text/plain' --data-binary "$STORY" "$B/api/code?date=2019-05-09")" 200
is "/api/code (text/plain): events" "$(jq '.events | length > 0' "$TMP/body")" true

# --- malformed requests: 400, never a crash ------------------------------------------
for bad in "events?from=yesterday" "events?to=2019-13-45" "events?limit=0" "events?limit=abc" \
           "events?limit=100000" "events?offset=-1" "events?code=xyz" "events?code=quad:9" \
           "events?dyad=KOR" "events?actor=K%27OR" "events?source=%00" "events?actor=%E2%80%A6" "events?one_a_day=2" \
           "timeline?a=KOR&dyad=KOR,PRK" "timeline?a=KOR&b=PRK&by=year" "timeline?code=9x9" "top/dyads?to=soon" "top/actors?n=0" "top/codes?n=101" \
           "events?text=$(head -c 1100 /dev/zero | tr '\0' a)"; do
    is "GET /api/${bad:0:40}: 400" "$(req "$B/api/$bad")" 400
done
is "an error says why, in JSON" "$(req "$B/api/events?limit=0" >/dev/null; jq -r '.error | length > 0' "$TMP/body")" true
# Parameters are read by one pure function (server/params.c, fuzzed by fuzz_params): each
# endpoint takes its own names, once each, with values of at most SERVE_MAX_PARAM_BYTES;
# a 400 names the parameter at fault.
err() { jq -r .error "$TMP/body"; }
is "an unknown parameter: 400 naming it and what the endpoint takes" \
   "$(req "$B/api/events?actr=KOR") $(err)" \
   "400 unknown parameter 'actr' (this endpoint takes from, to, actor, source, target, dyad, code, root, quad, text, q, country, near, km, bbox, limit, offset, one_a_day, after)"
is "... on every endpoint (/api/top/actors?limit=5)" "$(req "$B/api/top/actors?limit=5") $(err | cut -c1-25)" "400 unknown parameter 'limit'"
is "... a parameter of another endpoint (/api/geo?by=week)" "$(req "$B/api/geo?by=week") $(err | cut -c1-22)" "400 unknown parameter 'by'"
is "... /api/codes takes none" "$(req "$B/api/codes?x=1") $(err)" "400 unknown parameter 'x': this endpoint takes none"
is "... a name without a value (?actor&x)" "$(req "$B/api/events?actor&x") $(err | cut -c1-21)" "400 unknown parameter 'x'"
long=$(head -c 2000 /dev/zero | tr '\0' K)
is "an overlong value: 400 naming the parameter and the limit" \
   "$(req "$B/api/events?actor=$long") $(err)" "400 actor is longer than 1024 bytes"
is "... an overlong name is quoted short" "$(req "$B/api/events?$long=1") $(err | cut -c1-66)" \
   "400 unknown parameter 'KKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKK...' (this"
is "a bad date: 400 naming the parameter and the value" \
   "$(req "$B/api/timeline?from=2019-02-30") $(err)" "400 from: '2019-02-30' is not a date (YYYY-MM-DD)"
is "a parameter given twice: 400" "$(req "$B/api/events?limit=2&limit=3") $(err)" "400 limit is given twice"
is "text and q together: 400" "$(req "$B/api/events?text=oil&q=gas") $(err)" "400 give text or q, not both"
many=$(for i in $(seq 70); do printf 'x%d=1&' "$i"; done)
is "more than SERVE_MAX_PARAMS parameters: 400" "$(req "$B/api/events?$many") $(err)" "400 more than 64 parameters"
is "a bad ?date= of POST /api/code (text/plain): 400 naming it" \
   "$(req -H 'Content-Type: text/plain' --data-binary 'Japan praised India.' "$B/api/code?date=soon") $(err)" \
   "400 date: 'soon' is not a date (YYYY-MM-DD)"
is "/healthz ignores its query (monitors add their own)" "$(req "$B/healthz?probe=1")" 200
is "POST /api/code with malformed JSON: 400" \
   "$(req -H 'Content-Type: application/json' --data-binary '{"text": ' "$B/api/code")" 400
is "POST /api/code without text: 400" \
   "$(req -H 'Content-Type: application/json' --data-binary '{"date": "2019-01-01"}' "$B/api/code")" 400
is "POST /api/code with text not a string: 400" \
   "$(req -H 'Content-Type: application/json' --data-binary '{"text": 42}' "$B/api/code")" 400
is "POST /api/code with a JSON array: 400" \
   "$(req -H 'Content-Type: application/json' --data-binary '[1,2]' "$B/api/code")" 400
is "POST /api/code with an empty story: 400" \
   "$(req -H 'Content-Type: application/json' --data-binary '{"text": "   "}' "$B/api/code")" 400
is "POST /api/code with a bad date: 400" \
   "$(req -H 'Content-Type: application/json' --data-binary '{"text": "x y z.", "date": "soon"}' "$B/api/code")" 400
is "POST /api/code as a form: 415" \
   "$(req -H 'Content-Type: application/x-www-form-urlencoded' --data-binary 'text=x' "$B/api/code")" 415
raw() { # sends raw bytes, prints the status line
    exec 3<>"/dev/tcp/127.0.0.1/$PORT" || return 1
    printf '%b' "$1" >&3
    timeout 5 head -c 200 <&3 | head -1 | tr -d '\r'
    exec 3<&- 3>&-
}
code=$(raw 'GARBAGE\r\n\r\n' | cut -d' ' -f2)
if [ -z "$code" ] || [ "$code" = 400 ]; then ok "a garbage request line: 400 or closed (${code:-closed})"
else fail "a garbage request line: got $code"; fi
is "a request line without a version: 400" "$(raw 'GET /healthz\r\n\r\n' | cut -d' ' -f2)" 400
is "a malformed Content-Length: 400" "$(raw 'POST /api/code HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n' | cut -d' ' -f2)" 400
is "a header without a colon: 400" "$(raw 'GET /healthz HTTP/1.1\r\nHost: x\r\nNo colon here\r\n\r\n' | cut -d' ' -f2)" 400
is "the server is still up after malformed requests" "$(req "$B/healthz")" 200

# --- limits -------------------------------------------------------------------------
head -c 5000 /dev/zero | tr '\0' 'a' > "$TMP/big.txt"
is "a body over --max-body: 413" "$(req -H 'Content-Type: text/plain' --data-binary @"$TMP/big.txt" "$B/api/code")" 413
is "a chunked body over --max-body: 413" \
   "$(req -H 'Content-Type: text/plain' -H 'Transfer-Encoding: chunked' --data-binary @"$TMP/big.txt" "$B/api/code")" 413
is "a URL over SERVE_MAX_URL_BYTES: 414" "$(req "$B/api/events?text=$(head -c 9000 /dev/zero | tr '\0' b)")" 414
code=$(req -H "X-Big: $(head -c 70000 /dev/zero | tr '\0' c)" "$B/healthz")
case "$code" in 200|000) fail "headers over SERVE_CONN_MEMORY_BYTES are refused (got $code)" ;;
                *) ok "headers over SERVE_CONN_MEMORY_BYTES are refused ($code)" ;; esac
# A slow client sends half a request and stalls: it is cut off after --timeout 2.
exec 4<>"/dev/tcp/127.0.0.1/$PORT"
printf 'GET /healthz HTTP/1.1\r\nHost: x\r\n' >&4
t0=$(date +%s)
timeout 8 cat <&4 >/dev/null; rc=$?
t1=$(date +%s)
exec 4<&- 4>&-
if [ $rc -eq 0 ] && [ $((t1 - t0)) -ge 1 ] && [ $((t1 - t0)) -le 5 ]; then
    ok "a slow client is cut off after --timeout ($((t1 - t0)) s)"
else fail "a slow client is cut off after --timeout (rc $rc after $((t1 - t0)) s)"; fi

# --- HTTP: 404, 405, HEAD, static files, caching, gzip --------------------------------
is "an unknown API path: 404" "$(req "$B/api/nope")" 404
is "an unknown file: 404" "$(req "$B/nope.html")" 404
is "DELETE /api/events: 405" "$(req -X DELETE "$B/api/events")" 405
is "405 says what is allowed" "$(header allow)" "GET, HEAD"
is "POST /api/events: 405" "$(req -X POST --data-binary x "$B/api/events")" 405
is "GET /api/code: 405" "$(req "$B/api/code")" 405
is "PUT /index.html: 405" "$(req -X PUT --data-binary x "$B/index.html")" 405
is "HEAD /healthz: 200" "$(curl -s -m 10 -I -o /dev/null -w '%{http_code}' "$B/healthz")" 200
is "GET / serves index.html" "$(req "$B/")" 200
is "index.html is text/html" "$(header content-type)" "text/html; charset=utf-8"
is "index.html is revalidated (no-cache)" "$(header cache-control)" "no-cache"
etag=$(header etag)
if [ -n "$etag" ] && [ -n "$(header last-modified)" ]; then ok "static files carry ETag and Last-Modified"
else fail "static files carry ETag and Last-Modified"; fi
is "If-None-Match with the ETag: 304" "$(req -H "If-None-Match: $etag" "$B/")" 304
is "hashed assets are cached for a year" "$(req "$B/assets/app-0123ABCD.js" >/dev/null; header cache-control)" \
   "public, max-age=31536000, immutable"
is "JavaScript is text/javascript" "$(header content-type)" "text/javascript; charset=utf-8"
is "a symlink inside the folder is served" "$(req "$B/link-in.html")" 200
for path in "/../../../../etc/passwd" "/%2e%2e/%2e%2e/%2e%2e/etc/passwd" "/assets/..%2f..%2f..%2fetc%2fpasswd" \
            "/assets/%2e%2e/%2e%2e/%2e%2e/etc/passwd" "//etc/passwd" "/./index.html" "/assets/" \
            "/link-out.txt" "/dir-out/secret.txt" "/%2fetc%2fpasswd" "/index.html%00.js" "/..%5c..%5cetc%5cpasswd"; do
    code=$(req --path-as-is "$B$path")
    if { [ "$code" = 403 ] || [ "$code" = 404 ] || [ "$code" = 400 ]; } && ! grep -q -e 'root:' -e 'secret outside' "$TMP/body"; then
        ok "path traversal $path: $code"
    else fail "path traversal $path: $code"; fi
done
req -H 'Accept-Encoding: gzip' "$B/api/codes" >/dev/null
is "gzip when the client accepts it" "$(header content-encoding)" gzip
is "gzip: Vary: Accept-Encoding" "$(header vary)" Accept-Encoding
if gzip -dc < "$TMP/body" | cmp -s - <(curl -s -m 10 "$B/api/codes"); then ok "gzip: the body decompresses to the plain one"
else fail "gzip: the body decompresses to the plain one"; fi
req "$B/api/codes" >/dev/null
is "no gzip when the client does not ask" "$(header content-encoding)" ""
req -H 'Accept-Encoding: gzip;q=0' "$B/api/codes" >/dev/null
is "no gzip with gzip;q=0" "$(header content-encoding)" ""
req "$B/api/events?limit=1" >/dev/null
is "CORS is off by default" "$(header access-control-allow-origin)" ""
is "API responses are not cached" "$(header cache-control)" "no-store"

# --- concurrency --------------------------------------------------------------------
CURLS=()
for i in $(seq 50); do
    case $((i % 5)) in
        0) u="$B/api/events?dyad=KOR,PRK&limit=20" ;; 1) u="$B/api/timeline?a=PRK&b=USA&both=1" ;;
        2) u="$B/api/top/dyads" ;; 3) u="$B/api/story/sample-0$((i % 40 + 10))" ;; 4) u="$B/" ;;
    esac
    curl -s -m 20 -o "$TMP/par.$i" -w '%{http_code}\n' "$u" > "$TMP/par.$i.code" &
    CURLS+=($!)
done
wait "${CURLS[@]}"
good=0
for i in $(seq 50); do [ "$(cat "$TMP/par.$i.code")" = 200 ] && good=$((good + 1)); done
is "50 concurrent clients all get 200" "$good" 50
is "... and the server is still up" "$(req "$B/healthz")" 200

# --- the response cache follows the store -------------------------------------------
before=$(curl -s -m 10 "$B/api/events?actor=JPN&limit=1" | jq .total)
again=$(curl -s -m 10 "$B/api/events?actor=JPN&limit=1" | jq .total)
is "a repeated request gives the same answer" "$again" "$before"
printf '%s\n' '{"id":"extra-1","date":"2019-04-02","publisher":"AP","text":"TOKYO (AP) — Japan condemned North Korea on Tuesday over a new missile test off its coast."}' > "$TMP/extra.jsonl"
"$DYAD" ingest --quiet --db "$DB" "$TMP/extra.jsonl" >/dev/null 2>&1
after=$(curl -s -m 10 "$B/api/events?actor=JPN&limit=1" | jq .total)
if [ "$after" -gt "$before" ]; then ok "an ingest while serving shows at once (cache dropped: $before -> $after)"
else fail "an ingest while serving shows at once ($before -> $after)"; fi

# --- cache keys cannot collide (issue 12: %01 planted an answer under another key) ---
fts() { q "SELECT count(*) FROM events e WHERE (source LIKE 'JPN%' OR target LIKE 'JPN%') AND (e.story_key, e.sentence) IN (SELECT sn.story_key, sn.idx FROM sentences_fts JOIN sentences sn ON sn.id = sentences_fts.rowid WHERE sentences_fts MATCH '\"$1\"')"; }
is "a control byte in a parameter (%01): 400" "$(req "$B/api/events?text=missile%01actor=JPN&limit=2")" 400
is "a NUL in a parameter (%00 in q): 400" "$(req "$B/api/actors?q=KO%00")" 400
req "$B/api/events?text=missile&actor=JPN&limit=2" >/dev/null
is "... and the query it imitated answers its own total" "$(jq .total "$TMP/body")" "$(fts missile)"
req "$B/api/actors?q=KO%01n=7" >/dev/null
is "/api/actors?q=KO&n=7 after q=KO%01n=7: its own answer" \
   "$(req "$B/api/actors?q=KO&n=7" >/dev/null; jq '.codes | length <= 7 and (.[0].code | startswith("KO"))' "$TMP/body")" true
# Names and values are length-prefixed in the key: "a=b&c" and "a=b%26c" are two queries.
req "$B/api/events?text=missile&actor=JPN" >/dev/null; t1=$(jq .total "$TMP/body")
req "$B/api/events?text=missile%26actor%3DJPN" >/dev/null; t2=$(jq .total "$TMP/body")
is "an argument holding '&' and '=' is not the two arguments it spells" "$t1,$t2" "$(fts missile),$(q "SELECT count(*) FROM events e WHERE (e.story_key, e.sentence) IN (SELECT sn.story_key, sn.idx FROM sentences_fts JOIN sentences sn ON sn.id = sentences_fts.rowid WHERE sentences_fts MATCH '\"missile\" \"actor\" \"JPN\"')")"

# --- strict HTTP ---------------------------------------------------------------------
is "two different Content-Length headers: 400" \
   "$(raw 'POST /api/code HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 5\r\nContent-Length: 9\r\n\r\n' | cut -d' ' -f2)" 400
is "Content-Length with Transfer-Encoding: 400" \
   "$(raw 'POST /api/code HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n' | cut -d' ' -f2)" 400
is "HTTP/1.1 without Host: 400" "$(raw 'GET /healthz HTTP/1.1\r\n\r\n' | cut -d' ' -f2)" 400
is "HTTP/1.0 without Host: 200" "$(raw 'GET /healthz HTTP/1.0\r\n\r\n' | cut -d' ' -f2)" 200
is "POST /api/code without Content-Type: 415" \
   "$(raw 'POST /api/code HTTP/1.1\r\nHost: x\r\nContent-Length: 12\r\n\r\nJapan spoke.' | cut -d' ' -f2)" 415
for ct in 'text/plainjunk' 'application/jsonx' 'text/plain; charset=latin1' 'text/plain;junk' 'text/html'; do
    is "POST /api/code with Content-Type '$ct': 415" \
       "$(req -H "Content-Type: $ct" --data-binary 'Japan spoke.' "$B/api/code")" 415
done
is "Content-Type 'Text/Plain; charset=\"UTF-8\"' is text/plain" \
   "$(req -H 'Content-Type: Text/Plain; charset="UTF-8"' --data-binary "$STORY" "$B/api/code")" 200

# --- a FIFO under --web does not block the workers ------------------------------------
if mkfifo "$WEB/pipe.html" 2>/dev/null; then
    is "a FIFO under --web: 404" "$(req -m 3 "$B/pipe.html")" 404
    good=0
    for i in 1 2 3 4 5 6 7 8; do [ "$(req -m 3 "$B/pipe.html")" = 404 ] && good=$((good + 1)); done
    is "... every time, and the server still answers" "$good,$(req -m 3 "$B/healthz")" "8,200"
else skip "mkfifo failed"; fi

# --- a slow sender is cut off at the deadline, even though it is never idle -----------
exec 4<>"/dev/tcp/127.0.0.1/$PORT"
t0=$(date +%s)
( for c in G E T ' ' / h e a l t h z ' ' H T T P / 1 . 1; do printf '%s' "$c"; sleep 0.5; done ) >&4 2>/dev/null &
DRIP=$!
timeout 9 cat <&4 >/dev/null; rc=$?
t1=$(date +%s)
kill "$DRIP" 2>/dev/null; wait "$DRIP" 2>/dev/null
exec 4<&- 4>&-
if [ $rc -eq 0 ] && [ $((t1 - t0)) -le 5 ]; then ok "a client sending a byte every 0.5 s is cut off after --timeout 2 ($((t1 - t0)) s)"
else fail "a client sending a byte every 0.5 s is cut off after --timeout 2 (rc $rc after $((t1 - t0)) s)"; fi

# --- no stale answer after a commit ----------------------------------------------------
# A slow query (one-a-day over ~300,000 events, without indexes) runs across a commit, and another request
# drops the cache meanwhile: the slow answer, read before the commit, must not be kept.
# (Before cache writes were tied to the store version they read, 4 rounds in 5 failed.)
BIG="$TMP/big.db"
cp "$DB" "$BIG"
COLS="story_key, grp, sentence, date, source, source_text, target, target_text, code, root, quad_class, goldstein, location, location_country, source_start, source_end, verb_start, verb_end, target_start, target_end, rules"
# (Inflated without the indexes and without the top lists' insert trigger, which finds a
# key's other events through events_dyad: this test reads no top list.)
sqlite3 "$BIG" "PRAGMA synchronous=OFF; DROP INDEX events_dyad; DROP INDEX events_target; DROP INDEX events_code; DROP INDEX events_date; DROP TRIGGER events_top_insert; INSERT INTO events($COLS) SELECT $COLS FROM events, (WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 2047) SELECT x FROM n)"
MAIN_PORT=$PORT MAIN_PID=$PID
if start race --db "$BIG" --threads 4 --quiet; then
    R="http://127.0.0.1:$PORT"
    stale=0
    for round in 1 2 3 4 5; do
        U="$R/api/events?one_a_day=1&code=quad:1&limit=1&to=2999-12-0$round" # a query of its own each round
        curl -s -m 60 -o /dev/null "$U" & SLOW=$!
        sleep 0.1
        sqlite3 "$BIG" "INSERT INTO events($COLS) SELECT story_key, grp, sentence, date, source, source_text, target, target_text, '04$round', 4, 1, goldstein, location, location_country, source_start, source_end, verb_start, verb_end, target_start, target_end, rules FROM events LIMIT 1"
        curl -s -m 60 -o /dev/null "$R/api/events?limit=1"
        wait "$SLOW"
        got=$(curl -s -m 60 "$U" | jq .total)
        want=$(sqlite3 "$BIG" "SELECT count(*) FROM (SELECT 1 FROM events WHERE quad_class = 1 GROUP BY date, source, target, code)")
        [ "$got" = "$want" ] || { stale=$((stale + 1)); echo "# round $round: got '$got', the store holds $want"; }
    done
    is "no answer read before a commit is kept after it (5 rounds)" "$stale" 0
    kill -TERM "$PID"; wait "$PID"
else fail "a server on the inflated store starts"; fi
PORT=$MAIN_PORT PID=$MAIN_PID

# --- POST /api/code: a response the size of 11 times its story is refused -------------
# (dated: a story with no date codes only its first DISCARD_UNDATED_TOP sentences)
MAIN_PORT=$PORT MAIN_PID=$PID
if start big --threads 2 --quiet; then
    awk 'BEGIN { s = "TOKYO (Reuters) - Japan condemned North Korea on Thursday over the missile launch. ";
                 for (i = 0; i < 12000; i++) printf "%s", s }' > "$TMP/mib.txt"
    is "a 1 MB story whose coding would exceed SERVE_MAX_RESPONSE_BYTES: 413" \
       "$(req -m 30 -H 'Content-Type: text/plain' --data-binary @"$TMP/mib.txt" "http://127.0.0.1:$PORT/api/code?date=2022-07-14")" 413
    is "... saying why" "$(jq -r '.error | test("send a shorter story")' "$TMP/body")" true
    head -c 100000 "$TMP/mib.txt" > "$TMP/kib.txt"
    is "a 100 KB story is coded (200)" \
       "$(req -m 30 -H 'Content-Type: text/plain' --data-binary @"$TMP/kib.txt" "http://127.0.0.1:$PORT/api/code")" 200
    kill -TERM "$PID"; wait "$PID"
else fail "a server with the default --max-body starts"; fi
PORT=$MAIN_PORT PID=$MAIN_PID

# --- a store replaced by rename is read by every worker ---------------------------------
CURLS=()
for i in $(seq 12); do curl -s -m 5 -o /dev/null "$B/api/events?limit=$i" & CURLS+=($!); done
wait "${CURLS[@]}"
sqlite3 "$DB" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null # a WAL left beside it would apply to the new file
cp "$DB" "$TMP/next.db"
printf '%s\n' '{"id":"next-1","date":"2019-04-20","text":"SEOUL (AP) — South Korea praised Japan on Saturday for its help after the storm."}' > "$TMP/next.jsonl"
"$DYAD" ingest --quiet --db "$TMP/next.db" "$TMP/next.jsonl" >/dev/null 2>&1
sqlite3 "$TMP/next.db" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
rm -f "$TMP/next.db-wal" "$TMP/next.db-shm"
want=$(sqlite3 "$TMP/next.db" 'SELECT count(*) FROM events')
mv "$TMP/next.db" "$DB"
wrong=0
for i in $(seq 16); do
    t=$(curl -s -m 5 "$B/api/events?limit=$i&one_a_day=0" | jq .total)
    [ "$t" = "$want" ] || wrong=$((wrong + 1))
done
is "after the store is replaced by rename, every answer comes from the new file" "$wrong" 0
NEV=$want

# --- the log, and a clean stop ------------------------------------------------------
if grep -Eq '^GET /api/events 200 [0-9]+ [0-9.]+ms$' "$TMP/main.err"; then ok "requests are logged (method, path, status, bytes, ms)"
else fail "requests are logged (method, path, status, bytes, ms)"; fi
kill -TERM "$PID"
gone "$PID" 20
if kill -0 "$PID" 2>/dev/null; then fail "SIGTERM stops the server"; else
    wait "$PID"; is "SIGTERM stops the server cleanly (status 0)" "$?" 0; fi

# A second server: one thread, four connections at most, CORS on, quiet; stopped by SIGINT.
if start small --web "$WEB" --threads 1 --max-connections 4 --timeout 15 --cors https://example.org --quiet; then
    B="http://127.0.0.1:$PORT"
    req "$B/api/events?limit=1" >/dev/null
    is "--cors ORIGIN sends Access-Control-Allow-Origin" "$(header access-control-allow-origin)" "https://example.org"
    is "--cors: preflight OPTIONS answers 204" "$(req -X OPTIONS "$B/api/events")" 204
    # Fill the four places with connections that the server says it holds: each asks
    # /healthz and keeps the connection open (keep-alive) once answered 200. One opened
    # while the server still counts a connection of the requests above (the client closed
    # it, but the server may accept new connections before it reads that close) is refused
    # with a 503 and replaced; opening four sockets and assuming them held was the race.
    # --timeout 15 keeps the held ones open while the test runs.
    HELD=() refused_early=0
    while [ ${#HELD[@]} -lt 4 ] && [ "$refused_early" -lt 50 ]; do
        exec {fd}<>"/dev/tcp/127.0.0.1/$PORT"
        printf 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n' >&"$fd" 2>/dev/null
        line=""; IFS= read -r -t 10 line <&"$fd"
        case $line in
        "HTTP/1.1 200"*) HELD+=("$fd") ;;
        *) refused_early=$((refused_early + 1)); exec {fd}<&- ;;
        esac
    done
    is "four connections held, as the server answers on each (refused while an earlier one counted: $refused_early)" \
       "${#HELD[@]}" 4
    is "over --max-connections a client is refused with a 503" "$(poll 503 10 "$B/healthz")" 503 ||
        { echo "# polls (seconds, status): $(tr '\n' ' ' < "$TMP/poll.log")"; sed 's/^/# /' "$TMP/small.err"
          ss -tn "( sport = :$PORT or dport = :$PORT )" 2>&1 | sed 's/^/# /'; }
    is "... whose body is the error writer's JSON, with Retry-After" \
       "$(jq -r .error "$TMP/body") $(header retry-after)" "too many connections: try again in a moment 1"
    for fd in "${HELD[@]}"; do exec {fd}<&-; done
    is "... and served once connections close" "$(poll 200 10 "$B/healthz")" 200
    if grep -q '^GET ' "$TMP/small.err"; then fail "--quiet: no request log"; else ok "--quiet: no request log"; fi
    kill -INT "$PID"
    gone "$PID" 20
    if kill -0 "$PID" 2>/dev/null; then fail "SIGINT stops the server"; else
        wait "$PID"; is "SIGINT stops the server cleanly (status 0)" "$?" 0; fi
else
    fail "a second server starts"
fi

# --- command line -------------------------------------------------------------------
timeout 5 "$DYAD" serve --bogus >/dev/null 2>&1
is "an unknown option: exit 2" "$?" 2
timeout 5 "$DYAD" serve --db "$DB" --listen nowhere >/dev/null 2>&1
is "a malformed --listen: exit 2" "$?" 2
timeout 5 "$DYAD" serve --db "$DB" --threads 0 >/dev/null 2>&1
is "--threads 0: exit 2" "$?" 2
timeout 5 "$DYAD" serve --db "$TMP/missing.db" --listen 127.0.0.1:0 >/dev/null 2>&1
is "a missing store: exit 3" "$?" 3
done_testing
