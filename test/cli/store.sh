#!/usr/bin/env bash
# store.sh: the store's query commands (events, timeline, top, story, diff) on a database
# filled with SQL, so that they are tested without the coder; and their faults.
. "$(dirname "$0")/lib.sh"

if ! command -v sqlite3 >/dev/null; then
    skip "the sqlite3 program is not installed (scripts/install-deps.sh)"; done_testing; exit 0
fi
DB="$TMP/fixture.db"
"$DYAD" ingest --db "$DB" --quiet /dev/null >/dev/null 2>&1
if [ ! -s "$DB" ]; then
    fail "dyad ingest /dev/null creates an empty database"; done_testing; exit 0
fi
ok "dyad ingest /dev/null creates an empty database"

# Four stories (s2 a syndicated copy of s1), events of USA and CHN, one of RUS and UKR.
sqlite3 "$DB" <<'SQL' || { fail "fixture SQL"; done_testing; exit 0; }
INSERT INTO stories(key, id, date, publisher, text, content_hash, grp, dict_version) VALUES
 (1, 's1', 20190902, 'AP', 'Washington offered talks to Beijing. Beijing criticized the tariffs.', 101, 1, 'v1'),
 (2, 's2', 20190902, 'Reuters', 'WORLD. Washington offered talks to Beijing. Beijing criticized the tariffs.', 102, 1, 'v1'),
 (3, 's3', 20190910, 'AFP', 'American sailors fired on a Chinese boat. Russian forces seized Ukrainian ships.', 103, 3, 'v1'),
 (4, 's4', 20191001, 'AP', 'China agreed to buy American soybeans.', 104, 4, 'v1');
INSERT INTO sentences(story_key, idx, span_start, span_end, text) VALUES
 (1, 0, 0, 36, 'Washington offered talks to Beijing.'), (1, 1, 37, 67, 'Beijing criticized the tariffs.'),
 (2, 0, 7, 43, 'Washington offered talks to Beijing.'), (2, 1, 44, 74, 'Beijing criticized the tariffs.'),
 (3, 0, 0, 41, 'American sailors fired on a Chinese boat.'), (3, 1, 42, 79, 'Russian forces seized Ukrainian ships.'),
 (4, 0, 0, 38, 'China agreed to buy American soybeans.');
INSERT INTO sentences_fts(sentences_fts) VALUES('rebuild');
INSERT INTO days(date, n_stories, n_groups) VALUES (20190902, 2, 1), (20190910, 1, 1), (20191001, 1, 1);
INSERT INTO events(story_key, grp, sentence, date, source, target, code, root, quad_class, goldstein,
                   source_start, source_end, verb_start, verb_end, target_start, target_end, rules) VALUES
 (1, 1, 0, 20190902, 'USAGOV', 'CHNGOV', '036', 3, 1, 4.0, 0, 10, 11, 18, 28, 35,
  '[{"kind":"verb","file":"data/verbs.txt","line":7,"text":"OFFER TALKS"}]'),
 (1, 1, 1, 20190902, 'CHNGOV', 'USAGOV', '111', 11, 3, -2.0, 37, 44, 45, 55, 0, 0, '[]'),
 (2, 1, 0, 20190902, 'USAGOV', 'CHNGOV', '036', 3, 1, 4.0, 7, 17, 18, 25, 35, 42, '[]'),
 (3, 3, 0, 20190910, 'USAMIL', 'CHNMIL', '190', 19, 4, -10.0, 0, 16, 17, 22, 28, 35, '[]'),
 (3, 3, 1, 20190910, 'RUSMIL', 'UKRMIL', '173', 17, 4, -5.0, 42, 56, 57, 63, 64, 73, '[]'),
 (4, 4, 0, 20191001, 'CHNGOV', 'USABUS', '061', 6, 2, 6.4, 0, 5, 6, 12, 20, 28, '[]');
DROP TABLE dyad_agg;
DROP VIEW events_raw;
DROP TABLE rules;
UPDATE meta SET value = '1' WHERE key = 'schema_version';
SQL
# Events written with SQL bypass the timeline aggregate: the fixture is marked schema
# version 1, and a writable open migrates it, building the aggregate from the events.
"$DYAD" ingest --db "$DB" --quiet /dev/null >/dev/null 2>&1
check "a version-1 store is migrated on a writable open" \
    test "$(sqlite3 "$DB" "SELECT value FROM meta WHERE key = 'schema_version'")" = 10
# Versions 1 and 2 wrote each event's rules inline; the migration to version 3 keeps each
# distinct entry once in the rules table and the events refer to it by key.
check "migrated: an event's inline rules become keys into the rules table" \
    test "$(sqlite3 "$DB" "SELECT rules FROM events WHERE story_key = 1 AND sentence = 0")" = \
         "[$(sqlite3 "$DB" "SELECT key FROM rules WHERE text = 'OFFER TALKS'")]"
check "migrated: the rules table holds the entry once, as written" \
    test "$(sqlite3 "$DB" "SELECT count(*), kind, file, line, text FROM rules")" = \
         "1|verb|data/verbs.txt|7|OFFER TALKS"
check "migrated: the events_raw view expands the keys as the JSONL field writes them" \
    test "$(sqlite3 "$DB" "SELECT rules FROM events_raw WHERE story = 's1' AND sentence = 0")" = \
         '[{"kind":"verb","file":"data/verbs.txt","line":7,"text":"OFFER TALKS"}]'

ev() { "$DYAD" events --db "$DB" "$@" 2>"$TMP/err"; }
rows() { ev "$@" | tail -n +2 | wc -l | tr -d ' '; }
check "events: every event, one header line"        test "$(rows)" = 6
check "events --from --to"                           test "$(rows --from 2019-09-03 --to 2019-09-30)" = 2
check "events --actor USA matches USAGOV, USAMIL, USABUS" test "$(rows --actor USA)" = 5
check "events --source CHN"                          test "$(rows --source CHN)" = 2
check "events --target UKRMIL"                       test "$(rows --target UKRMIL)" = 1
check "events --dyad USA,CHN goes both ways"         test "$(rows --dyad USA,CHN)" = 5
check "events --code 036"                            test "$(rows --code 036)" = 2
check "events --code 19 (a root)"                    test "$(rows --code 19)" = 1
check "events --code quad:4"                         test "$(rows --code quad:4)" = 2
check "events --text"                                test "$(rows --text 'criticized tariffs')" = 1
check "events --one-a-day folds the syndicated copy" test "$(rows --one-a-day)" = 5
check "events --limit --offset"                      test "$(rows --limit 2 --offset 5)" = 1
check "events counts mentions over the story group" \
    sh -c "'$DYAD' events --db '$DB' --code 036 | grep -q ' 2/2/2 '"
check "events --format jsonl: one line an event"     test "$(ev --format jsonl | wc -l | tr -d ' ')" = 6
check "events --format csv: a header and the events" test "$(ev --format csv | wc -l | tr -d ' ')" = 7
check "events --format gdelt: one line an event"     test "$(ev --format gdelt | wc -l | tr -d ' ')" = 6

# User text is only ever data.
check "events --text with SQL and FTS syntax finds nothing" \
    test "$(rows --text "'; DROP TABLE events; -- \" OR *")" = 0
check "events --actor with SQL finds nothing"        test "$(rows --actor "USA' OR '1'='1")" = 0
check "the events table is intact"                   test "$(rows)" = 6

ev --code 9x >/dev/null; rc=$?
check "events --code 9x: exit 2"                     test $rc = 2
check "events --code 9x: says what a code is"        grep -q "quad:1" "$TMP/err"
ev --from yesterday >/dev/null; rc=$?
check "events --from with a bad date: exit 2"        test $rc = 2
ev --bogus >/dev/null; rc=$?
check "events with an unknown option: exit 2"        test $rc = 2
ev --format xml >/dev/null; rc=$?
check "events --format xml: exit 2"                  test $rc = 2

# Places: s4's event in Beijing, s3's first event in the South China Sea off Hainan, both
# as the coder writes them (the migration filled alpha-2 codes only for places with an
# alpha-3 one: none here).
sqlite3 "$DB" "UPDATE events SET location = 'Beijing', location_country = 'CHN',
  location_country2 = 'CN', location_precision = 'city', location_name = 'Beijing',
  location_full_name = 'Beijing, China', location_lat = 39.9075, location_lon = 116.39723,
  location_from = 'sentence' WHERE story_key = 4;
  UPDATE events SET location = 'Hainan', location_country = 'CHN', location_country2 = 'CN',
  location_precision = 'region', location_adm1 = 'CN31', location_lat = 20.02,
  location_lon = 110.35, location_from = 'sentence' WHERE story_key = 3 AND sentence = 0"
check "events --country CN (alpha-2)"                test "$(rows --country CN)" = 2
check "events --country chn (alpha-3, any case)"     test "$(rows --country chn)" = 2
check "events --near LAT,LON --km: within the distance" test "$(rows --near 39.9,116.4 --km 20)" = 1
check "events --near --km: Hainan within 800 km, Beijing not" test "$(rows --near 25,112 --km 800)" = 1
check "events --near --km: both within 2,300 km"    test "$(rows --near 25,112 --km 2300)" = 2
check "events --bbox W,S,E,N"                        test "$(rows --bbox 100,15,115,25)" = 1
check "events --bbox across the antimeridian"         test "$(rows --bbox 112,15,-170,45)" = 1
check "events --format jsonl: the stored place"      \
    test "$(ev --country CN --format jsonl | jq -r 'select(.story == "s4") | .location | "\(.precision) \(.name) \(.lat)"')" = "city Beijing 39.9075"
for bad in "--country XX" "--near 39.9,116.4" "--km 5" "--near 39.9 --km 5" "--near 95,0 --km 5" \
           "--near 39.9,116.4 --km -5" "--bbox 1,2,3" "--bbox 10,50,20,40"; do
    # shellcheck disable=SC2086
    ev $bad >/dev/null; rc=$?
    check "events $bad: exit 2 with a reason"       sh -c "test $rc = 2 && test -s '$TMP/err'"
done

# Timeline: USA->CHN and back, by month, one a day.
# Sep: 036 (q1, +4) and 111 (q3, -2) on 09-02, 190 (q4, -10) on 09-10: 3 events, sum -8;
# story groups with the dyad: {1, 3} = 2; groups dated in Sep: {1, 3} = 2.
# Oct: CHNGOV->USABUS (prefixes CHN, USA) 061 (q2, +6.4), 1 of 1 group.
"$DYAD" timeline USA CHN --both-directions --format csv --db "$DB" >"$TMP/tl" 2>"$TMP/err"
cat >"$TMP/tl.want" <<'EOF2'
period,q1,q2,q3,q4,events,goldstein_sum,goldstein_mean,stories,total_stories,share
2019-09-01,1,0,1,1,3,-8.00,-2.667,2,2,1.0000
2019-10-01,0,1,0,0,1,6.40,6.400,1,1,1.0000
EOF2
check "timeline --both-directions --format csv" diff -u "$TMP/tl.want" "$TMP/tl"
"$DYAD" timeline USA CHN --raw --by week --format jsonl --db "$DB" >"$TMP/tl" 2>&1
check "timeline --raw --by week counts the copy" grep -q '"period":"2019-09-02","q1":2,.*"events":2,' "$TMP/tl"
check "timeline --by day: table with a header" \
    sh -c "'$DYAD' timeline USA CHN --by day --db '$DB' | head -1 | grep -q '^PERIOD'"
"$DYAD" timeline USA --db "$DB" >/dev/null 2>&1; rc=$?
check "timeline with one actor: exit 2" test $rc = 2

"$DYAD" top codes -n 2 --format csv --db "$DB" >"$TMP/top"
printf 'code,events\n036,1\n061,1\n' >"$TMP/top.want"
check "top codes -n 2 (one a day; ties by code)" diff -u "$TMP/top.want" "$TMP/top"
check "top actors: USAGOV and CHNGOV first" \
    sh -c "'$DYAD' top actors --db '$DB' | head -2 | grep -c 'CHNGOV\|USAGOV' | grep -q 2"
check "top dyads --from" \
    sh -c "'$DYAD' top dyads --from 2019-09-10 --db '$DB' --format csv | grep -qx 'USAMIL,CHNMIL,1'"
"$DYAD" top people --db "$DB" >/dev/null 2>&1; rc=$?
check "top people: exit 2" test $rc = 2

"$DYAD" story s1 --color never --db "$DB" >"$TMP/story"
check "story marks the spans" grep -q '\[\[Washington\]\] {{offered}} talks to <<Beijing>>' "$TMP/story"
check "story lists the rules" grep -q 'verb data/verbs.txt:7  OFFER TALKS' "$TMP/story"
check "story --color always uses ANSI colours" \
    sh -c "'$DYAD' story s1 --color always --db '$DB' | grep -q \$(printf '\\033')"
if command -v jq >/dev/null; then
    "$DYAD" story s1 --format json --db "$DB" >"$TMP/story.json"
    check "story --format json" test "$(jq -r '.events[0].code + " " + (.group_size|tostring)' "$TMP/story.json")" = "036 2"
else
    skip "jq is not installed"
fi
"$DYAD" story nope --db "$DB" >/dev/null 2>"$TMP/err"; rc=$?
check "story of an unknown id: exit 3 and a reason" sh -c "test $rc = 3 && grep -q \"no story with id 'nope'\" '$TMP/err'"

check "diff before any recode: no differences" \
    sh -c "'$DYAD' diff --db '$DB' | grep -q 'no differences'"

# Faults: missing, corrupt, newer schema. Nothing is written to them.
"$DYAD" events --db "$TMP/absent.db" >/dev/null 2>"$TMP/err"; rc=$?
check "missing database: exit 3, says so" sh -c "test $rc = 3 && grep -q 'no such database' '$TMP/err'"
check "missing database is not created by a query" test ! -e "$TMP/absent.db"
head -c 4096 /dev/urandom >"$TMP/garbage.db"
"$DYAD" events --db "$TMP/garbage.db" >/dev/null 2>"$TMP/err"; rc=$?
check "corrupt database: exit 3, says so" sh -c "test $rc = 3 && grep -q 'not a database' '$TMP/err'"
cp "$DB" "$TMP/future.db"
sqlite3 "$TMP/future.db" "UPDATE meta SET value = '99' WHERE key = 'schema_version'"
"$DYAD" top codes --db "$TMP/future.db" >/dev/null 2>"$TMP/err"; rc=$?
check "newer schema: exit 3, says to upgrade" sh -c "test $rc = 3 && grep -q 'newer dyad' '$TMP/err'"

for c in ingest events timeline top story recode diff; do
    "$DYAD" $c --help >"$TMP/help" 2>&1; rc=$?
    check "dyad $c --help" sh -c "test $rc = 0 && grep -q '^Usage: dyad $c' '$TMP/help'"
done
done_testing
