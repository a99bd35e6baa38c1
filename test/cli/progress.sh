#!/usr/bin/env bash
# One progress display for code, ingest and recode: on stderr only when it is a terminal
# or with --progress; stories done, the share of the input and ETA when its size is
# known, the rate; warnings printed meanwhile start lines of their own.
. "$(dirname "$0")/lib.sh"
{
    echo '{"id": "p-1", "date": "2019-09-24", "text": "Japan condemned North Korea on Monday for firing two ballistic missiles."}'
    echo '{"id": "p-2", "date": "2019-09-24", "text": '
    echo '{"id": "p-3", "date": "2019-09-25", "text": "South Korean President Moon Jae-in met North Korean leader Kim Jong Un in Pyongyang."}'
} >"$TMP/in.jsonl"
# Each message line: what follows the last erase-line sequence on it.
lines() { tr '\r' '\n' <"$1" | sed 's/\x1b\[K//g'; }
export -f lines

"$DYAD" code "$TMP/in.jsonl" >/dev/null 2>"$TMP/plain.err"
check "no progress line when stderr is not a terminal" bash -c "! grep -q \$'\\r' '$TMP/plain.err' && ! grep -q 'stories/s' '$TMP/plain.err'"
"$DYAD" code --progress "$TMP/in.jsonl" >/dev/null 2>"$TMP/code.err"
check "code --progress draws a line in place" grep -q $'\r' "$TMP/code.err"
check "... with stories, the share of the input and the rate" \
    bash -c "lines '$TMP/code.err' | grep -qE '^2 stories \\(0\\.0 of 0\\.0 MB\\), 100%, [0-9]+ stories/s, [0-9]+ events'" 
check "... and the malformed line's error on a line of its own" \
    bash -c "lines '$TMP/code.err' | grep -qE '^[^ ]*in.jsonl:2: error: '"
check "... never inside the progress line" bash -c "! lines '$TMP/code.err' | grep -q 'stories/s.*error\\|error.*stories/s'"
"$DYAD" code --progress --no-progress "$TMP/in.jsonl" >/dev/null 2>"$TMP/none.err"
check "--no-progress wins when it comes last" bash -c "! grep -q 'stories/s' '$TMP/none.err'"
"$DYAD" code --progress - <"$TMP/in.jsonl" >/dev/null 2>"$TMP/stdin.err"
check "from stdin (size unknown) there is no share and no ETA" \
    bash -c "lines '$TMP/stdin.err' | grep -qE '^2 stories, [0-9]+ stories/s' && ! grep -q 'ETA\\|%' '$TMP/stdin.err'"
"$DYAD" ingest --progress --db "$TMP/p.db" "$TMP/in.jsonl" >/dev/null 2>"$TMP/ingest.err"
check "ingest --progress draws the same line" bash -c "lines '$TMP/ingest.err' | grep -qE '^[0-9]+ stories \\(.* MB\\), [0-9]+%, [0-9]+ stories/s'"
check "... and ends with its summary on a clean line" bash -c "lines '$TMP/ingest.err' | grep -q '^dyad ingest: 2 stories read'"
"$DYAD" ingest -q --db "$TMP/q.db" "$TMP/in.jsonl" >/dev/null 2>"$TMP/quiet.err"
check "ingest -q draws none" bash -c "! grep -q $'\\r' '$TMP/quiet.err'"
# other dictionaries (a version of their own), so that every story is recoded
printf '%%version progress-test\n%%kind actors\nJapan => JPN\nNorth Korea => PRK\n' >"$TMP/actors.txt"
"$DYAD" recode --progress --db "$TMP/p.db" --dict "$TMP/actors.txt" --dict "$ROOT/data/verbs" >/dev/null 2>"$TMP/recode.err"
check "recode --progress counts stories of the stored ones" \
    bash -c "lines '$TMP/recode.err' | grep -qE '^[12] stories of 2, [0-9]+%, [0-9]+ stories/s'"
done_testing
