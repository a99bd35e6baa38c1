#!/usr/bin/env bash
# store-ingest.sh: `dyad ingest` under concurrency and interruption: two ingests creating
# one new store, -j N against -j 1 (the same store), a live feed on a pipe (commits every
# --commit-every seconds while the input is quiet; SIGTERM commits what was read; kill -9
# loses at most the last interval); `dyad check` and damaged stores.
. "$(dirname "$0")/lib.sh"

if ! command -v sqlite3 >/dev/null; then
    skip "the sqlite3 program is not installed (scripts/install-deps.sh)"; done_testing; exit 0
fi
count() { sqlite3 "$1" 'SELECT count(*) FROM stories' 2>/dev/null || echo 0; }

# --- two ingests creating the same new file -------------------------------------------
printf '%s\n' '{"id":"one","date":"2019-05-02","text":"SEOUL (AP) - South Korea praised Japan on Thursday for its help after the storm."}' > "$TMP/one.jsonl"
bad=0; msg=
for trial in 1 2 3 4 5 6; do
    db="$TMP/race-$trial.db"
    "$DYAD" ingest --quiet --db "$db" "$TMP/one.jsonl" >/dev/null 2>"$TMP/race-a.err" & A=$!
    "$DYAD" ingest --quiet --db "$db" "$TMP/one.jsonl" >/dev/null 2>"$TMP/race-b.err" & B=$!
    wait "$A"; ra=$?; wait "$B"; rb=$?
    if [ $ra -ne 0 ] || [ $rb -ne 0 ]; then bad=$((bad + 1)); msg=$(cat "$TMP/race-a.err" "$TMP/race-b.err" | head -c 300); fi
    if grep -q 'CREATE TABLE' "$TMP/race-a.err" "$TMP/race-b.err"; then bad=$((bad + 1)); fi
done
is_ok() { if [ "$2" = "$3" ]; then ok "$1"; else fail "$1 (got '$2', want '$3')"; fi; }
is_ok "two ingests creating one new store both succeed (6 trials)${msg:+: $msg}" "$bad" 0
is_ok "... and the store has its schema once" \
    "$(sqlite3 "$TMP/race-1.db" "SELECT value FROM meta WHERE key = 'schema_version'")" \
    "$(sqlite3 "$TMP/race-2.db" "SELECT value FROM meta WHERE key = 'schema_version'")"

# --- -j N stores what -j 1 stores ------------------------------------------------------
# 600 stories: every third a syndicated copy (another dateline, a word changed) of an
# earlier one, every seventh an exact copy under another id.
awk 'BEGIN {
    split("South Korea|North Korea|China|Japan|Russia|Ukraine|Iran|Israel|France|Germany|Turkey|Egypt", A, "|");
    split("met with|criticized|accused|praised|threatened|signed an agreement with|expelled diplomats from|condemned", V, "|");
    split("SEOUL|TOKYO|BEIJING|MOSCOW|KIEV|TEHRAN|PARIS|BERLIN", C, "|");
    srand(11);
    for (i = 1; i <= 600; i++) {
        if (i % 3 == 0) { k = 1 + int(rand() * (i - 1)); t = T[k]; sub(/^[A-Z]+/, C[1 + int(rand() * 8)], t); sub(/officials said/, "aides said", t) }
        else if (i % 7 == 0) { t = T[1 + int(rand() * (i - 1))] }
        else {
            s = A[1 + int(rand() * 12)]; o = A[1 + int(rand() * 12)]; v = V[1 + int(rand() * 8)];
            t = sprintf("%s (AP) - The foreign minister of %s %s %s on Tuesday, officials said, in the latest sign of strain over trade talks number %d. %s %s %s later, according to a statement from the ministry, and analysts expect more of the same.",
                        C[1 + int(rand() * 8)], s, v, o, i, o, V[1 + int(rand() * 8)], s)
        }
        T[i] = t
        printf("{\"id\":\"j-%d\",\"date\":\"2019-%02d-%02d\",\"text\":\"%s\"}\n", i, 1 + i % 12, 1 + i % 28, t)
    }
}' > "$TMP/many.jsonl"
dump() {
    sqlite3 "$1" "SELECT s.key, s.id, g.id FROM stories s JOIN stories g ON g.key = s.grp ORDER BY s.key" > "$1.stories"
    sqlite3 "$1" "SELECT s.id, e.sentence, e.source, e.target, e.code, e.grp FROM events e JOIN stories s ON s.key = e.story_key ORDER BY e.id" > "$1.events"
    sqlite3 "$1" "SELECT * FROM dyad_agg ORDER BY 1, 2, 3, 4, 5" > "$1.agg"
}
"$DYAD" ingest --quiet -j 1 --db "$TMP/j1.db" "$TMP/many.jsonl" >/dev/null 2>&1
dump "$TMP/j1.db"
groups=$(sqlite3 "$TMP/j1.db" "SELECT count(*) FROM stories WHERE grp <> key")
if [ "$groups" -gt 10 ] && [ "$(wc -l < "$TMP/j1.db.events")" -gt 500 ]; then
    ok "-j 1: $(wc -l < "$TMP/j1.db.stories") stories, $groups in the group of another, $(wc -l < "$TMP/j1.db.events") events"
else fail "-j 1: the corpus makes near-duplicate groups and events ($groups, $(wc -l < "$TMP/j1.db.events"))"; fi
for j in 2 4; do
    for run in 1 2; do
        rm -f "$TMP/jn.db"*
        "$DYAD" ingest --quiet -j $j --db "$TMP/jn.db" "$TMP/many.jsonl" >/dev/null 2>&1
        dump "$TMP/jn.db"
        if cmp -s "$TMP/j1.db.stories" "$TMP/jn.db.stories" && cmp -s "$TMP/j1.db.events" "$TMP/jn.db.events" &&
           cmp -s "$TMP/j1.db.agg" "$TMP/jn.db.agg"; then
            ok "-j $j (run $run): the same stories, keys, group leaders, events and aggregates as -j 1"
        else
            fail "-j $j (run $run): the store differs from -j 1"
            diff "$TMP/j1.db.stories" "$TMP/jn.db.stories" | head -5 | sed 's/^/# /'
        fi
    done
done

# --- a live feed on a pipe --------------------------------------------------------------
story() { printf '{"id":"feed-%s","date":"2019-05-%02d","text":"TOKYO (AP) - Japan criticized North Korea on Tuesday over missile test number %s, officials said."}\n' "$1" "$1" "$1"; }
wait_for() { # DB N SECONDS: waits until DB holds N stories; prints the count
    local i
    for i in $(seq $(($3 * 10))); do [ "$(count "$1")" -ge "$2" ] && break; sleep 0.1; done
    count "$1"
}
# kill -9: what was committed by time stays.
mkfifo "$TMP/feed1"
"$DYAD" ingest --quiet --commit-every 1 --db "$TMP/feed1.db" - < "$TMP/feed1" 2>"$TMP/feed1.err" & ING=$!
exec 5>"$TMP/feed1"
story 1 >&5
is_ok "a story on a quiet pipe is committed within --commit-every 1 (stored while the ingest runs)" "$(wait_for "$TMP/feed1.db" 1 20)" 1
story 2 >&5
sleep 2
kill -KILL "$ING" 2>/dev/null; wait "$ING" 2>/dev/null
exec 5>&-
is_ok "kill -9 after 2 s of quiet: both stories kept (at most the last second is lost)" "$(count "$TMP/feed1.db")" 2
# SIGTERM: what was read is committed at once, and the ingest stops with status 1.
mkfifo "$TMP/feed2"
"$DYAD" ingest --quiet --commit-every 5 --db "$TMP/feed2.db" - < "$TMP/feed2" 2>"$TMP/feed2.err" & ING=$!
exec 6>"$TMP/feed2"
story 1 >&6
is_ok "the first story shows after --commit-every 5" "$(wait_for "$TMP/feed2.db" 1 30)" 1
story 2 >&6; story 3 >&6
sleep 0.5
kill -TERM "$ING"
for _ in $(seq 50); do kill -0 "$ING" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$ING" 2>/dev/null; then fail "SIGTERM stops an ingest blocked on its input"; kill -KILL "$ING"; wait "$ING"
else wait "$ING"; is_ok "SIGTERM stops an ingest blocked on its input (status 1)" "$?" 1; fi
exec 6>&-
is_ok "... and the stories read before it are stored, not lost with the interval" "$(count "$TMP/feed2.db")" 3
if grep -q 'stopped; the stories read so far are stored' "$TMP/feed2.err"; then ok "... saying so on stderr"
else fail "... saying so on stderr"; sed 's/^/# /' "$TMP/feed2.err"; fi
# SIGINT while reading a file: stops at the next story, commits, exits 1.
"$DYAD" ingest --quiet --db "$TMP/int.db" "$TMP/many.jsonl" "$TMP/many.jsonl" 2>"$TMP/int.err" & ING=$!
sleep 0.7
kill -INT "$ING" 2>/dev/null; wait "$ING"; rc=$?
n=$(count "$TMP/int.db")
if [ $rc -eq 1 ] || { [ $rc -eq 0 ] && [ "$n" -gt 0 ]; }; then
    ok "SIGINT during a file ingest: status $rc, $n stories stored and committed"
else fail "SIGINT during a file ingest: status $rc, $n stories"; sed 's/^/# /' "$TMP/int.err"; fi

# --- dyad check, and a damaged store ------------------------------------------------------
"$DYAD" check --db "$TMP/j1.db" > "$TMP/check.out" 2>&1
is_ok "dyad check on a sound store: exit 0" "$?" 0
if grep -q ': ok: 432 stories' "$TMP/check.out"; then ok "... saying ok, with its counts"; else fail "... saying ok"; sed 's/^/# /' "$TMP/check.out"; fi
cp "$TMP/j1.db" "$TMP/edit.db"
sqlite3 "$TMP/edit.db" "UPDATE sentences SET text = 'The minister said nothing at all.' WHERE id = (SELECT min(id) FROM sentences WHERE idx = 1)"
"$DYAD" check --db "$TMP/edit.db" > "$TMP/check.out" 2>&1
is_ok "dyad check on a store whose sentence was changed: exit 1" "$?" 1
if grep -q 'do not match its content hash' "$TMP/check.out" && grep -q 'full-text index' "$TMP/check.out"; then
    ok "... naming the story (content hash) and the full-text index"
else fail "... naming the story and the full-text index"; sed 's/^/# /' "$TMP/check.out"; fi
# A page of the events table overwritten with garbage.
cp "$TMP/j1.db" "$TMP/dmg.db"
page=$(sqlite3 "$TMP/dmg.db" "SELECT pageno FROM dbstat WHERE name = 'events' AND pagetype = 'leaf' ORDER BY pageno LIMIT 1 OFFSET 1" 2>/dev/null)
psize=$(sqlite3 "$TMP/dmg.db" "PRAGMA page_size")
if [ -n "$page" ]; then
    head -c 3000 /dev/urandom | dd of="$TMP/dmg.db" bs=1 seek=$(( (page - 1) * psize + 8 )) conv=notrunc 2>/dev/null
    "$DYAD" check --db "$TMP/dmg.db" > "$TMP/check.out" 2>&1
    is_ok "dyad check on a store with a damaged page: exit 1" "$?" 1
    if grep -q 'problem.*the store is damaged' "$TMP/check.out"; then ok "... saying the store is damaged"
    else fail "... saying the store is damaged"; sed 's/^/# /' "$TMP/check.out" | tail -3; fi
    "$DYAD" events --db "$TMP/dmg.db" --limit 1000000 >/dev/null 2>"$TMP/events.err"; rc=$?
    if [ $rc -ne 0 ] && grep -q 'dyad check' "$TMP/events.err"; then ok "dyad events reading the damaged page: exit $rc, pointing at dyad check"
    else fail "dyad events reading the damaged page: exit $rc"; sed 's/^/# /' "$TMP/events.err" | tail -3; fi
    "$DYAD" ingest --quiet --db "$TMP/dmg.db" "$TMP/many.jsonl" >/dev/null 2>"$TMP/ingest.err"; rc=$?
    if grep -q 'run the same ingest again' "$TMP/ingest.err"; then fail "ingest on a damaged store does not advise a rerun"; sed 's/^/# /' "$TMP/ingest.err" | tail -3
    else ok "ingest on a damaged store (exit $rc) does not advise running it again"; fi
else skip "the sqlite3 program has no dbstat table"; skip "dbstat"; skip "dbstat"; skip "dbstat"; fi
"$DYAD" check --db "$TMP/missing.db" >/dev/null 2>&1
is_ok "dyad check on a missing store: exit 3" "$?" 3
head -c 100000 /dev/urandom > "$TMP/noise.db"
"$DYAD" check --db "$TMP/noise.db" > "$TMP/check.out" 2>&1
is_ok "dyad check on a file of noise: exit 1" "$?" 1

# --- options -----------------------------------------------------------------------------
"$DYAD" ingest --commit-every -1 --db "$TMP/x.db" /dev/null >/dev/null 2>&1
is_ok "--commit-every -1: exit 2" "$?" 2
"$DYAD" ingest --batch 0 --db "$TMP/x.db" /dev/null >/dev/null 2>&1
is_ok "--batch 0: exit 2" "$?" 2
# --- one id, two texts: refused naming both, never dropped in silence ------------------
cat > "$TMP/ids.jsonl" <<'EOF'
{"id":"r-1","date":"2019-05-02","text":"SEOUL (AP) - South Korea praised Japan on Thursday for its help after the storm."}
{"id":"r-1","date":"2019-05-02","text":"SEOUL (AP) - South Korea praised Japan on Thursday for its help after the storm."}
{"id":"r-1","date":"2019-05-03","text":"TOKYO (AP) - Japan criticized China on Friday over the fishing boats near the islands."}
EOF
"$DYAD" ingest --quiet --db "$TMP/ids.db" "$TMP/ids.jsonl" 2>"$TMP/ids.err"
is_ok "a reused id with another text: exit 1 (a story skipped)" "$?" 1
check "... the same text again is a duplicate, the other refused with both lines named" \
    grep -q "ids.jsonl:3: skipped: story r-1: its id is that of a stored story (from .*ids.jsonl:1) with another text" "$TMP/ids.err"
check "... and counted: 1 added, 1 duplicate, 1 skipped" grep -q "2 stories read: 1 added, 1 duplicates (1 same id, 0 same text), 0 discarded, 1 skipped" "$TMP/ids.err"
is_ok "... the first story is the one stored" "$(sqlite3 "$TMP/ids.db" "SELECT date FROM stories WHERE id = 'r-1'")" 20190502
# A rerun (a stored id is parsed, not coded) tells the two apart just the same.
"$DYAD" ingest --quiet --db "$TMP/ids.db" "$TMP/ids.jsonl" 2>"$TMP/ids2.err"
is_ok "a rerun: exit 1 again" "$?" 1
check "... the other text refused again, naming the stored one" \
    grep -q "ids.jsonl:3: skipped: story r-1: its id is that of a stored story (from .*ids.jsonl:1)" "$TMP/ids2.err"
check "... 2 duplicates, 1 skipped" grep -q "2 stories read: 0 added, 2 duplicates (2 same id, 0 same text), 0 discarded, 1 skipped" "$TMP/ids2.err"

# The actors' places are stored (schema version 8): events read back from the store carry
# the source_place and target_place that dyad code gives, in JSONL and in the GDELT
# Actor1Geo_* and Actor2Geo_* columns (36-51).
printf '%s\n' '{"id":"geo-1","date":"2019-03-04","text":"LAGOS (Reuters) - Lagos police arrested opposition leaders in Ikeja on Monday. Kenyan police in Nairobi detained protesters on Monday."}' > "$TMP/geo.jsonl"
"$DYAD" ingest --quiet --db "$TMP/geo.db" "$TMP/geo.jsonl" 2>/dev/null
places() { jq -c '[.sentence, .source, .source_place, .target_place]' | sort; }
want=$("$DYAD" code "$TMP/geo.jsonl" 2>/dev/null | places)
got=$("$DYAD" events --db "$TMP/geo.db" --format jsonl 2>/dev/null | places)
check "dyad code gives a city as an actor's place (the test needs one)" \
    bash -c "echo '$want' | grep -q '\"precision\":\"city\"'"
is_ok "dyad events --format jsonl: the actors' places as dyad code gives them" "$got" "$want"
geo() { cut -f 6,16,36-51 | sort; }
is_ok "dyad events --format gdelt: Actor1Geo_* and Actor2Geo_* as dyad code fills them" \
    "$("$DYAD" events --db "$TMP/geo.db" --format gdelt 2>/dev/null | geo)" \
    "$("$DYAD" code --format gdelt "$TMP/geo.jsonl" 2>/dev/null | geo)"
is_ok "... and the events_raw view shows them" \
    "$(sqlite3 "$TMP/geo.db" "SELECT count(*) FROM events_raw WHERE source_place_precision = 'city'")" \
    "$(echo "$want" | grep -c '^\[[0-9]*,"[A-Z]*",{"text":"[^"]*","country":"[A-Z]*","precision":"city"')"

done_testing
