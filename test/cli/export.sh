#!/usr/bin/env bash
# export.sh: dyad export and dyad import between SQLite stores (test/cli/pg.sh copies
# between SQLite and PostgreSQL): the copy answers every query as the source does, keeps
# its discards, is idempotent, refuses a story under an id the destination holds with
# another text, and fails clearly on a missing source.
. "$(dirname "$0")/lib.sh"
long=$(printf 'the talks went on and %.0s' $(seq 250))
{
    echo '{"id":"kor-1","date":"2019-03-01","text":"SEOUL (Reuters) - South Korea'"'"'s president met North Korean leader Kim Jong Un in Pyongyang on Friday."}'
    echo '{"id":"sport-1","date":"2019-03-02","text":"LOS ANGELES (AP) - The Dodgers beat the Giants 5-3 on Saturday. The Lakers won 110-98 over the Celtics."}'
    echo '{"id": "broken", "text": '
    printf '{"id":"long-1","date":"2019-03-03","text":"BEIJING (AP) - China condemned Japan on Monday. The minister said %s."}\n' "$long"
    echo '{"id":"kor-1","date":"2019-03-01","text":"TOKYO (AP) - Japan praised India on Friday for its help."}'
    echo '{"id":"jp-1","date":"2019-04-02","text":"TOKYO (AP) - Japan criticized China on Tuesday over the islands, the foreign ministry said in a statement. The talks in the capital lasted four hours and ended without an agreement. Diplomats from both sides said a further round was planned for next month, when envoys of the two governments would return to the table."}'
    echo '{"id":"jp-2","date":"2019-04-02","text":"TOKYO (AP) - Japan criticized China on Tuesday over the islands, the foreign ministry said in a statement. The talks in the capital lasted four hours and ended without an agreement. Diplomats from both sides said a further round was planned for next month, when envoys of the two governments would return to the table. Copies were sent."}'
    echo '{"id":"un-1","text":"France criticized Germany over the budget, the minister said."}'
} >"$TMP/in.jsonl"
A=$TMP/a.db B=$TMP/b.db
"$DYAD" ingest --quiet --db "$A" "$TMP/in.jsonl" 2>/dev/null
"$DYAD" export --db "$A" "$B" 2>"$TMP/err"; rc=$?
check "dyad export into a new SQLite file: exit 0 ($rc)" test "$rc" = 0
check "... its summary counts stories, events and discards" \
    grep -q '^dyad export: 5 stories read: 5 added, 0 duplicates, 0 refused; [1-9][0-9]* events, 4 discards$' "$TMP/err"
for q in "events --format jsonl" "events --one-a-day" "timeline JPN CHN --both-directions" \
         "timeline --by week --raw" "top actors" "top dyads" "top codes" "story jp-2 --format json" \
         "story long-1 --format json" "story sport-1"; do
    # shellcheck disable=SC2086
    "$DYAD" $q --db "$A" >"$TMP/a.out" 2>&1
    # shellcheck disable=SC2086
    "$DYAD" $q --db "$B" >"$TMP/b.out" 2>&1
    check "dyad $q: the same from the copy" bash -c "[ -s '$TMP/a.out' ] && cmp -s '$TMP/a.out' '$TMP/b.out'"
done
check "the syndicated copy is in its original's group in the copy too" \
    test "$("$DYAD" story jp-2 --db "$B" --format json | jq .group_size)" = 2
disc() { "$DYAD" story --discards --db "$1" --format json | jq -c '.discards | sort_by(.story, .line, .sentence)'; }
check "the same discards (a story's sentence over the limit is recorded as it is copied, first)" \
    test "$(disc "$A")" = "$(disc "$B")"
"$DYAD" export --db "$A" "$B" 2>"$TMP/err"; rc=$?
check "run again: nothing added, nothing twice (exit $rc)" \
    bash -c "[ $rc = 0 ] && grep -q ': 5 stories read: 0 added, 5 duplicates' '$TMP/err' && [ \"\$(sqlite3 '$B' 'SELECT count(*) FROM discards')\" = 4 ]"
C=$TMP/c.db
echo '{"id":"jp-1","date":"2019-04-01","text":"OSAKA (AP) - A different story under the same id."}' >"$TMP/other.jsonl"
"$DYAD" ingest --quiet --db "$C" "$TMP/other.jsonl" 2>/dev/null
"$DYAD" import --db "$C" "$A" 2>"$TMP/err"; rc=$?
check "dyad import: a story under an id the destination holds with another text is refused (exit $rc)" \
    bash -c "[ $rc = 1 ] && grep -q 'story jp-1 refused: its id is that of a stored story' '$TMP/err' && grep -q ' 4 added, 0 duplicates, 1 refused' '$TMP/err'"
"$DYAD" export --db "$TMP/none.db" "$TMP/d.db" 2>"$TMP/err"; rc=$?
check "a missing source: exit 3, named, nothing created ($rc)" \
    bash -c "[ $rc = 3 ] && grep -q 'none.db' '$TMP/err' && [ ! -e '$TMP/d.db' ]"
"$DYAD" export --db "$A" >/dev/null 2>&1; rc=$?
check "no destination: exit 2" test "$rc" = 2
"$DYAD" import --db "$B" --batch 0 "$A" >/dev/null 2>&1; rc=$?
check "--batch 0: exit 2" test "$rc" = 2
"$DYAD" export --db "$A" --batch 2 "$TMP/e.db" 2>/dev/null
check "small batches give the same copy" \
    test "$("$DYAD" events --db "$TMP/e.db" --format jsonl | md5sum)" = "$("$DYAD" events --db "$A" --format jsonl | md5sum)"
done_testing
