#!/usr/bin/env bash
# discards.sh: nothing read is lost in silence. Every story or sentence that `dyad ingest`
# reads but does not code (the discard list, a sentence over a limit, a record it cannot
# read, another text under a stored id) is named on stderr and kept in the store with its
# reason: `dyad story`, `dyad story --discards` and the API show it.
. "$(dirname "$0")/lib.sh"
is() { if [ "$2" = "$3" ]; then ok "$1"; else fail "$1 (got '$2', want '$3')"; fi; }
DB="$TMP/d.db"
long=$(printf 'the talks went on and %.0s' $(seq 250))
{
    printf '%s\n' '{"id":"kor-1","date":"2019-03-01","text":"SEOUL (Reuters) - South Korea'"'"'s president met North Korean leader Kim Jong Un in Pyongyang on Friday."}'
    printf '%s\n' '{"id":"sport-1","date":"2019-03-02","text":"LOS ANGELES (AP) - The Dodgers beat the Giants 5-3 on Saturday. The Lakers won 110-98 over the Celtics. Manchester United drew 2-2 with Chelsea in the Premier League."}'
    printf '%s\n' '{"id": "broken", "text": '
    printf '{"id":"long-1","date":"2019-03-03","text":"BEIJING (AP) - China condemned Japan on Monday. The minister said %s."}\n' "$long"
    printf '%s\n' '{"id":"kor-1","date":"2019-03-01","text":"TOKYO (AP) - Japan praised India on Friday for its help."}'
} > "$TMP/in.jsonl"

"$DYAD" ingest --quiet --db "$DB" "$TMP/in.jsonl" 2>"$TMP/err"; rc=$?
is "ingest of input with discards: exit status 1" "$rc" 1
is "each discard is named on stderr with file, line and reason" \
   "$(grep -c -E 'in\.jsonl:2: discarded: story sport-1 as sports|in\.jsonl:3: error: malformed JSON|in\.jsonl:4: warning: story long-1: sentence 1 is [0-9]+ bytes|in\.jsonl:5: skipped: story kor-1: its id is that of a stored story \(from .*in\.jsonl:1\)' "$TMP/err")" 4
is "the discards table holds each, in input order, with its reason" \
   "$(sqlite3 "$DB" "SELECT story || '|' || line || '|' || sentence || '|' || reason FROM discards ORDER BY key" | tr '\n' ' ')" \
   "sport-1|2|-1|discard_list |3|-1|unreadable long-1|4|1|too_long kor-1|5|-1|id_conflict "
is "... and the detail: the discard list's category" \
   "$(sqlite3 "$DB" "SELECT detail FROM discards WHERE story = 'sport-1'")" sports
is "the summary counts the discarded stories by reason" \
   "$(grep -c '1 discarded (sports 1), 2 skipped' "$TMP/err")" 1
sed -n 2p "$TMP/in.jsonl" > "$TMP/sport.jsonl"
"$DYAD" explain --story "$TMP/sport.jsonl" > "$TMP/ex.txt"
is "dyad explain --story says first that dyad code discards the story, and why" \
   "$(head -1 "$TMP/ex.txt" | grep -c '^story: discarded as sports: dyad code codes none of it')" 1
is "... and still explains its sentences" "$(grep -c '^sentence [0-9]' "$TMP/ex.txt")" 3
head -1 "$TMP/in.jsonl" > "$TMP/kor.jsonl"
"$DYAD" explain --story "$TMP/kor.jsonl" > "$TMP/ex2.txt"
is "... and says nothing of discards for a story that is coded" "$(grep -c 'discarded' "$TMP/ex2.txt")" 0
"$DYAD" code --stats "$TMP/in.jsonl" 2>"$TMP/code.err" >/dev/null
is "dyad code --stats counts them by reason too" "$(grep -c '1 discarded (sports 1), ' "$TMP/code.err")" 1
is "the schema version is 10" "$(sqlite3 "$DB" "SELECT value FROM meta WHERE key = 'schema_version'")" 10

"$DYAD" ingest --quiet --db "$DB" "$TMP/in.jsonl" 2>/dev/null
is "a rerun records nothing twice" "$(sqlite3 "$DB" 'SELECT count(*) FROM discards')" 4
"$DYAD" ingest --quiet -j 3 --db "$TMP/j.db" "$TMP/in.jsonl" 2>/dev/null
is "-j 3 keeps the same discards as -j 1" \
   "$(sqlite3 "$TMP/j.db" 'SELECT key, story, file, line, sentence, reason, detail FROM discards' | md5sum)" \
   "$(sqlite3 "$DB" 'SELECT key, story, file, line, sentence, reason, detail FROM discards' | md5sum)"

out=$("$DYAD" story --db "$DB" sport-1); rc=$?
is "dyad story of a discarded story: exit 1" "$rc" 1
is "... saying it was not stored, and why" "$(echo "$out" | tr '\n' ' ')" \
   "sport-1  not stored: read, but not coded   story: discard_list: sports ($TMP/in.jsonl:2) "
is "dyad story --format json of a discarded story: the discard writer's object" \
   "$("$DYAD" story --db "$DB" sport-1 --format json | jq -c '[.stored, .discards[0].reason, .discards[0].sentence, .discards[0].date]')" \
   '[false,"discard_list",null,"2019-03-02"]'
is "dyad story of a stored story lists its sentence over the limit" \
   "$("$DYAD" story --db "$DB" long-1 --color never | grep -A1 '^1 discard (not coded)' | tail -1 | cut -c1-40)" \
   "  sentence 1: too_long: 5519 bytes, over"
is "... and in JSON" "$("$DYAD" story --db "$DB" long-1 --format json | jq -c '[.id, (.events | length > 0), .discards[0].sentence, .discards[0].reason]')" \
   '["long-1",true,1,"too_long"]'
is "dyad story --discards counts them by reason" \
   "$("$DYAD" story --db "$DB" --discards --format json | jq -c '[.counts, .total, (.discards | length)]')" \
   '[{"discard_list":1,"id_conflict":1,"too_long":1,"unreadable":1},4,4]'
"$DYAD" story --db "$DB" nothing-like-it >/dev/null 2>&1
is "an id neither stored nor discarded: exit 3" "$?" 3
"$DYAD" story --db "$DB" --discards kor-1 >/dev/null 2>&1
is "--discards with an id: exit 2" "$?" 2

# A file the reader refuses is named once, counted once and kept once, with the reader's
# reason.
printf 'bin\000ary' > "$TMP/bin.txt"
head -1 "$TMP/in.jsonl" > "$TMP/one.jsonl"
"$DYAD" ingest --quiet --db "$TMP/r.db" "$TMP/bin.txt" "$TMP/one.jsonl" 2>"$TMP/r.err"
is "a refused file: counted once in the ingest summary" "$(grep -c '1 added, .* 0 discarded, 1 skipped' "$TMP/r.err")" 1
is "... named once on stderr" "$(grep -c 'bin\.txt' "$TMP/r.err")" 1
is "... kept once, with the reader's reason" \
   "$(sqlite3 "$TMP/r.db" "SELECT reason || '|' || detail FROM discards")" \
   "unreadable|binary file (NUL byte at offset 3), not text: skipped"
"$DYAD" code --stats "$TMP/bin.txt" "$TMP/one.jsonl" 2>"$TMP/rc.err" >/dev/null
is "... and once by dyad code --stats" "$(grep -c ' 0 discarded, 1 skipped' "$TMP/rc.err")" 1

# Sentences the discard list drops by themselves (PETRARCH's sentence discards) and
# stories that a recode with other dictionaries discards are kept as discards too.
P="$ROOT/test/data/dict/patterns"
{
    printf '%s\n' '{"id":"p-1","date":"2019-03-01","text":"France visited Japan on Tuesday. Japan visited France for a baseball tournament. Germany visited China on Wednesday."}'
    printf '%s\n' '{"id":"p-2","date":"2019-03-02","text":"France visited Japan days after a typhoon struck its coast. Germany visited China on Tuesday."}'
} > "$TMP/p.jsonl"
"$DYAD" ingest --quiet --db "$TMP/p.db" --dict "$P" "$TMP/p.jsonl" 2>"$TMP/p.err"
is "a sentence the discard list drops is named on stderr" \
   "$(grep -c 'p\.jsonl:1: story p-1 sentence 1 discarded as ' "$TMP/p.err")" 1
is "... counted in the summary" "$(grep -c '1 discarded (.*), 1 sentence not coded, 0 skipped' "$TMP/p.err")" 1
is "... and kept with its sentence, beside the story discard" \
   "$(sqlite3 "$TMP/p.db" "SELECT story || '|' || line || '|' || sentence || '|' || reason FROM discards ORDER BY key" | tr '\n' ' ')" \
   "p-1|1|1|discard_list p-2|2|-1|discard_list "
"$DYAD" code --stats --dict "$P" "$TMP/p.jsonl" 2>"$TMP/pc.err" >/dev/null
is "dyad code names it and --stats counts it" \
   "$(grep -c -E 'story p-1 sentence 1 discarded as |, 1 sentence not coded, ' "$TMP/pc.err")" 2
"$DYAD" ingest --quiet --db "$TMP/q.db" "$TMP/p.jsonl" 2>/dev/null
is "dyad's own dictionaries discard neither" "$(sqlite3 "$TMP/q.db" 'SELECT count(*) FROM discards')" 0
"$DYAD" recode --quiet --db "$TMP/q.db" --dict "$P" 2>"$TMP/q.err"
is "a recode that discards a stored story names it and the dropped sentence" \
   "$(grep -c -E 'p\.jsonl:2: discarded: story p-2 as |p\.jsonl:1: story p-1 sentence 1 discarded as ' "$TMP/q.err")" 2
is "... counts them" "$(grep -c 'dyad recode: 2 stories recoded, 1 discarded (.*), 1 sentence not coded; ' "$TMP/q.err")" 1
is "... keeps them as an ingest with those dictionaries does" \
   "$(sqlite3 "$TMP/q.db" "SELECT story || '|' || file || '|' || line || '|' || sentence || '|' || reason || '|' || detail FROM discards ORDER BY key")" \
   "$(sqlite3 "$TMP/p.db" "SELECT story || '|' || file || '|' || line || '|' || sentence || '|' || reason || '|' || detail FROM discards ORDER BY key")"
is "... and the discarded story keeps no events" \
   "$(sqlite3 "$TMP/q.db" "SELECT count(*) FROM events e JOIN stories s ON s.key = e.story_key WHERE s.id = 'p-2'")" 0
"$DYAD" recode --quiet --db "$TMP/q.db" 2>/dev/null
is "a recode back to dictionaries that keep them drops those discards" \
   "$(sqlite3 "$TMP/q.db" 'SELECT count(*) FROM discards')" 0

# The API: /api/discards and a stored story's discards.
"$DYAD" serve --db "$DB" --listen 127.0.0.1:0 --threads 2 --quiet 2>"$TMP/serve.err" & PID=$!
trap 'kill $PID 2>/dev/null; rm -rf "$TMP"' EXIT
PORT=""
for _ in $(seq 200); do
    PORT=$(sed -n 's/.*listening on http:\/\/127\.0\.0\.1:\([0-9]*\)\/.*/\1/p' "$TMP/serve.err" 2>/dev/null)
    [ -n "$PORT" ] && break
    kill -0 "$PID" 2>/dev/null || break
    sleep 0.05
done
if [ -n "$PORT" ]; then
    B="http://127.0.0.1:$PORT"
    is "GET /api/discards: counts, total and a page" \
       "$(curl -s -m 10 "$B/api/discards?limit=2&offset=1" | jq -c '[.counts.too_long, .total, .offset, .limit, [.discards[].reason]]')" \
       '[1,4,1,2,["unreadable","too_long"]]'
    is "GET /api/discards?story=ID: that story's" \
       "$(curl -s -m 10 "$B/api/discards?story=kor-1" | jq -c '[.total, .discards[0].line]')" '[1,5]'
    is "GET /api/story/ID carries the story's discards" \
       "$(curl -s -m 10 "$B/api/story/long-1" | jq -c '[.discards[0].reason, .discards[0].sentence]')" '["too_long",1]'
    is "GET /api/story/ID of a discarded story: 404 pointing at its discards" \
       "$(curl -s -m 10 -w '%{http_code}' -o "$TMP/body" "$B/api/story/sport-1") $(jq -r '.error | test("api/discards")' "$TMP/body")" \
       "404 true"
    is "GET /api/discards?limit=0: 400" "$(curl -s -m 10 -o /dev/null -w '%{http_code}' "$B/api/discards?limit=0")" 400
    kill "$PID"; wait "$PID" 2>/dev/null
else
    fail "dyad serve starts"
fi
done_testing
