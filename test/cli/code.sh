#!/usr/bin/env bash
# dyad code, explain and validate from the command line: formats, threads, options,
# exit statuses, bad input.
. "$(dirname "$0")/lib.sh"
S="$ROOT/examples/sample-story.txt"
# jqs FILTER FILE: true when the filter holds over the file's JSON lines (slurped). Its
# output goes nowhere; check's own "ok" line stays on stdout.
jqs() { jq -e -s "$1" "$2" >/dev/null; }

"$DYAD" code "$S" >"$TMP/a.jsonl"; rc=$?
check "code exits 0 on the sample story" test $rc -eq 0
check "every line is a JSON object with the documented fields" \
    jqs 'length > 0 and all(.[]; has("story") and has("sentence") and has("date") and has("source")
      and has("source_text") and has("target") and has("target_text") and has("code") and has("root")
      and has("quad_class") and has("goldstein") and has("location") and has("text") and has("spans") and has("rules"))' "$TMP/a.jsonl"
check "the sample's praise of Trump is coded KORGOV -> USAGOV 051" \
    jqs 'any(.[]; .source == "KORGOV" and .target == "USAGOV" and .code == "051")' "$TMP/a.jsonl"
check "spans point at the source text in the original story" bash -c '
    jq -r ".spans.source[0], .spans.source[1], .source_text" "$1" | head -3 | {
      read -r s; read -r e; read -r t; [ "$(tail -c +$((s + 1)) "$2" | head -c $((e - s)))" = "$t" ]; }' _ "$TMP/a.jsonl" "$S"
check "every event names the verb rule that fired (file:line, or dyad's built-in statement rule)" \
    jqs 'all(.[]; any(.rules[]; .kind == "verb" and (.line > 0 or .file == "(built-in)")))' "$TMP/a.jsonl"

"$DYAD" code -j 3 "$S" "$S" "$S" >"$TMP/j3.jsonl"
"$DYAD" code -j 1 "$S" "$S" "$S" >"$TMP/j1.jsonl"
check "-j 3 writes exactly what -j 1 writes" cmp -s "$TMP/j1.jsonl" "$TMP/j3.jsonl"

"$DYAD" code --format tsv --header "$S" >"$TMP/a.tsv"
check "tsv: a header and one row per event" test "$(($(wc -l <"$TMP/a.tsv") - 1))" -eq "$(wc -l <"$TMP/a.jsonl")"
"$DYAD" code --format gdelt "$S" >"$TMP/a.gdelt"
check "gdelt: 61 tab-separated columns on every row" \
    awk -F'\t' 'NF != 61 { bad = 1 } END { exit bad }' "$TMP/a.gdelt"
"$DYAD" code --format csv --header "$S" >"$TMP/a.csv"
check "csv: header starts with story,sentence" grep -q '^story,sentence' "$TMP/a.csv"
"$DYAD" code --format gdelt-mentions "$S" >"$TMP/a.mentions"
check "gdelt-mentions: 16 columns, one row per event, the events' ids" \
    sh -c 'awk -F"\t" "NF != 16 { bad = 1 } END { exit bad }" "$1" &&
           test "$(cut -f1 "$1")" = "$(cut -f1 "$2")"' - "$TMP/a.mentions" "$TMP/a.gdelt"
"$DYAD" code --format icews --header "$S" >"$TMP/a.icews"
check "icews: a header of 20 columns starting 'Event ID', 20 columns on every row" \
    sh -c 'head -1 "$1" | grep -q "^Event ID	Event Date	Source Name" &&
           awk -F"\t" "NF != 20 { bad = 1 } END { exit bad }" "$1"' - "$TMP/a.icews"
"$DYAD" code --format plover --header "$S" >"$TMP/a.plover"
check "plover: a header of 22 columns, 22 columns on every row, an event type" \
    sh -c 'head -1 "$1" | grep -q "^event_id	event_date	event_type" &&
           awk -F"\t" "NF != 22 { bad = 1 } NR > 1 && \$3 !~ /^[A-Z]*\$/ { bad = 1 } END { exit bad }" "$1"' - "$TMP/a.plover"

printf 'Twice\n\nFrance condemned Russia on Monday. France condemned Russia again on Tuesday.\n' >"$TMP/twice.txt"
"$DYAD" code --date 2019-03-06 "$TMP/twice.txt" >"$TMP/t2.jsonl"
"$DYAD" code --date 2019-03-06 --one-a-story "$TMP/twice.txt" >"$TMP/t1.jsonl"
check "without --one-a-story a repeated event is coded from each sentence" test "$(wc -l <"$TMP/t2.jsonl")" -eq 2
check "--one-a-story keeps one (source, target, code) per story" test "$(wc -l <"$TMP/t1.jsonl")" -eq 1
"$DYAD" code --no-require-dyad "$S" >"$TMP/n.jsonl"
check "--no-require-dyad adds events without a target" \
    jqs 'any(.[]; .target == null or .target == "")' "$TMP/n.jsonl"
check "one-actor events are kept by default (--no-require-dyad is the default)" cmp -s "$TMP/n.jsonl" "$TMP/a.jsonl"
"$DYAD" code --require-dyad "$S" >"$TMP/r.jsonl"
check "--require-dyad keeps only events with both actors" \
    jqs 'length > 0 and all(.[]; .target != null and .target != "")' "$TMP/r.jsonl"
printf 'Talks\n\nJapan urged China to resume talks, Foreign Minister Taro Kono said on Tuesday. The summit was a success, President Emmanuel Macron said.\n' >"$TMP/said.txt"
"$DYAD" code --date 2018-05-08 "$TMP/said.txt" >"$TMP/s0.jsonl"
"$DYAD" code --date 2018-05-08 --statements "$TMP/said.txt" >"$TMP/s1.jsonl"
"$DYAD" code --date 2018-05-08 --no-statements "$TMP/said.txt" >"$TMP/s2.jsonl"
check "by default a statement (010) is coded only for a sentence without another event" \
    jqs '[.[] | select(.code == "010")] | length == 1 and .[0].sentence == 2' "$TMP/s0.jsonl"
check "--statements codes the statement of every sentence of reported speech" \
    jqs '[.[] | select(.code == "010")] | length == 2' "$TMP/s1.jsonl"
check "--no-statements codes none" jqs 'all(.[]; .code != "010")' "$TMP/s2.jsonl"

printf '{"id":"x1","date":"2019-03-05","text":"France condemned Russia."}\n{"id":"x2","date":"2019-03-05"}\nnot json\n' >"$TMP/bad.jsonl"
"$DYAD" code "$TMP/bad.jsonl" >"$TMP/bad.out" 2>"$TMP/bad.err"; rc=$?
check "bad JSONL lines: exit status 1" test $rc -eq 1
check "bad JSONL lines: the good record is still coded" grep -q '"story":"x1"' "$TMP/bad.out"
check "bad JSONL lines: messages name file:line" grep -q 'bad.jsonl:3' "$TMP/bad.err"
"$DYAD" code "$TMP/does-not-exist" >/dev/null 2>"$TMP/nf.err"; rc=$?
check "a missing path: exit status 1 and a message" bash -c "[ $rc -eq 1 ] && grep -q does-not-exist '$TMP/nf.err'"
"$DYAD" code --format xls "$S" >/dev/null 2>&1; rc=$?
check "an unknown output format is a usage error (2)" test $rc -eq 2
"$DYAD" code --dict "$TMP/no-such-dict" "$S" >/dev/null 2>&1; rc=$?
check "unreadable dictionaries: exit status 3" test $rc -eq 3
check "code --help documents --format and -j" bash -c "'$DYAD' code --help | grep -q -- '--format' && '$DYAD' code --help | grep -q -- '-j'"
printf 'France condemned Russia.\n' | "$DYAD" code --date 2019-03-05 --input text - >"$TMP/stdin.out"
check "stdin: '-' reads a story" grep -q '"code":"111"' "$TMP/stdin.out"

"$DYAD" explain --date 2018-06-12 "President Donald Trump met North Korean leader Kim Jong Un in Singapore." >"$TMP/ex.txt"
check "explain shows tokens, actors, verbs and the event" bash -c "grep -q '^tokens:' '$TMP/ex.txt' && grep -q '^actors:' '$TMP/ex.txt' && grep -q '^verbs:' '$TMP/ex.txt' && grep -q 'EVENT USAGOV -> PRKGOV 044' '$TMP/ex.txt'"
check "explain names the dictionary entries (file:line)" grep -q 'people-americas.txt:[0-9]' "$TMP/ex.txt"
"$DYAD" explain --date 2019-10-05 "North Korea did not meet U.S. negotiators." >"$TMP/neg.txt"
check "explain says why a negated event is not emitted" grep -q 'not emitted: negated' "$TMP/neg.txt"
"$DYAD" explain --story "$S" --sentence 99 >/dev/null 2>&1; rc=$?
check "explain of a sentence that does not exist is a usage error" test $rc -eq 2

V="$ROOT/test/data/dict/petrarch/validate.xml"
"$DYAD" validate "$V" >"$TMP/v.txt" 2>"$TMP/v.err"; rc=$?
check "validate: last line counts correct records" bash -c "tail -n 1 '$TMP/v.txt' | grep -qx 'validate: 3 of 4 records correct'"
check "validate: exit status 1 when a record is wrong" test $rc -eq 1
check "validate: the wrong record shows expected and actual" bash -c "grep -q 'INCORRECT TEST-04' '$TMP/v.txt' && grep -q 'expected: USAGOV PRKGOV 190' '$TMP/v.txt' && grep -q 'actual  : USAGOV PRKGOV 036' '$TMP/v.txt'"
check "validate: date-restricted codes use the record's date" grep -q 'correct   TEST-02' "$TMP/v.txt"
check "validate: ignored Config options are listed with the reason" grep -q '^  new_actor_length: dyad codes only' "$TMP/v.txt"
check "validate: event precision and recall over the file" grep -q '^events: precision .* recall ' "$TMP/v.txt"
check "validate: unusable dictionary lines are reported with file:line" grep -q 'Test.actors.txt:18' "$TMP/v.err"
printf '<Validation><Sentences><Sentence id="x" date="2019' >"$TMP/trunc.xml"
"$DYAD" validate "$TMP/trunc.xml" >"$TMP/t.out" 2>"$TMP/t.err"; rc=$?
check "validate: a truncated file has no records: status 1 and a message" \
    bash -c "[ $rc -eq 1 ] && grep -q 'no <Sentence> records' '$TMP/t.err'"
"$DYAD" validate "$TMP/missing.xml" >/dev/null 2>"$TMP/m.err"; rc=$?
check "validate: a missing file: status 3 and its name" bash -c "[ $rc -eq 3 ] && grep -q missing.xml '$TMP/m.err'"
# --json: one object, the same counts as the text report, records with their gold
"$DYAD" validate --json "$V" >"$TMP/v.json" 2>/dev/null
check "validate --json: the counts of the text report, the wrong record's gold and events" python3 -c '
import json, sys
j = json.load(open(sys.argv[1]))
assert (j["correct"], j["total"], j["not_scored"]) == (3, 4, 0), j
r = {x["id"]: x for x in j["records"]}
assert r["TEST-04"]["correct"] is False and r["TEST-01"]["correct"] is True
assert r["TEST-04"]["expected"] == [{"source": "USAGOV", "target": "PRKGOV", "code": "190"}]
assert r["TEST-04"]["actual"] == [{"source": "USAGOV", "target": "PRKGOV", "code": "036"}]
assert sum(c["records"] for c in j["categories"]) == 4
assert any(c["option"] == "new_actor_length" for c in j["config_ignored"])
' "$TMP/v.json"
# error records: PETRARCH discards (a '+' phrase drops the story, a plain one the
# sentence) are scored; an error about the parse is listed and not scored
C="$ROOT/test/data/dict/comma/validate-config.xml"
"$DYAD" validate "$C" >"$TMP/c.txt" 2>/dev/null
check "validate: require_dyad FALSE/TRUE in capitals, an unnamed community agent coded ---GOV, PETRARCH's comma clauses (end, internal, lists kept, limits from Config)" \
    bash -c "tail -n 1 '$TMP/c.txt' | grep -qx 'validate: 6 of 6 records correct'"
check "validate: the comma_ options are honoured, not listed as ignored" bash -c "! grep -q '^  comma_' '$TMP/c.txt'"
python3 - "$C" "$TMP/many.xml" <<'PY'
import sys
s = open(sys.argv[1]).read()
many = "France praised Japan" + ", and then" * 400 + "."
s = s.replace("France praised Japan on Tuesday, a senior official said on Wednesday.", many, 1)
open(sys.argv[2], "w").write(s)
PY
"$DYAD" validate "$TMP/many.xml" >"$TMP/many.txt" 2>&1; rc=$?
check "validate: a record past VALIDATE_MAX_COMMAS commas is coded whole (status 0 or 1, every record scored)" \
    bash -c "[ $rc -le 1 ] && tail -n 1 '$TMP/many.txt' | grep -q 'of 6 records correct'"
E="$ROOT/test/data/dict/patterns/validate-errors.xml"
"$DYAD" validate "$E" >"$TMP/e.txt" 2>/dev/null; rc=$?
check "validate: storydiscard and sentencediscard records scored, the parse error not" \
    bash -c "tail -n 1 '$TMP/e.txt' | grep -qx 'validate: 3 of 4 records correct' && grep -q 'correct   ERR-01' '$TMP/e.txt' && grep -q 'correct   ERR-02' '$TMP/e.txt'"
check "validate: a storydiscard record whose story is coded is wrong" \
    bash -c "grep -q 'INCORRECT ERR-05' '$TMP/e.txt' && [ $rc -eq 1 ]"
check "validate: the record about the parse is listed as not scored" grep -q '^  ERR-03 ERROR: expects the error bad_input_parse' "$TMP/e.txt"
out=$(echo "France visited Japan days after a typhoon struck." | "$DYAD" code --dict "$ROOT/test/data/dict/patterns" - 2>/dev/null)
check "a PETRARCH story discard ('+TYPHOON') drops the story" test -z "$out"
U="$SHARED/eval/petrarch2/PETR.UnitTest.public.xml"
if [ -f "$U" ]; then
    timeout 300 "$DYAD" validate --quiet "$U" >"$TMP/u.txt" 2>/dev/null
    check "validate runs over PETRARCH's unit-test file" grep -q '^validate: [0-9]* of [0-9]* records correct' "$TMP/u.txt"
    # a floor under the measured figure (113 of 141 with TABARI's target, passive and %
    # rules), so a regression in the pattern semantics shows
    n=$(sed -n 's/^validate: \([0-9]*\) of .*/\1/p' "$TMP/u.txt")
    check "validate: at least 128 of PETRARCH's public unit-test records correct (got ${n:-none})" test "${n:-0}" -ge 128
else
    skip "../shared/eval/petrarch2/PETR.UnitTest.public.xml is absent"
    skip "../shared/eval/petrarch2/PETR.UnitTest.public.xml is absent: floor"
fi
done_testing
