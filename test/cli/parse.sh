#!/usr/bin/env bash
# parse.sh: `dyad parse` on good and bad input: output, exit statuses, messages naming
# file:line, the rest of the input still printed; directories, stdin, options.
. "$(dirname "$0")/lib.sh"

D=$TMP/in
mkdir -p "$D/sub"
cat >"$D/a.txt" <<'TXT'
Moon urges UN support for peace zone

UNITED NATIONS (AP) — South Korean President Moon Jae-in spoke on Tuesday.

Copyright 2019 The Associated Press. All rights reserved.
TXT
printf '{"id":"j1","date":"2019-09-24","text":"Trump met Moon on Monday."}\n{"id":"j2","text":\n{"id":"j3","title":"no text"}\n{"id":"j4","date":"2019-09-24","text":"Abe met Moon."}\n' >"$D/sub/b.jsonl"
printf '' >"$D/sub/empty.txt"
printf 'GIF89a\x00\x00\x01\x00' >"$D/c.txt"
printf 'hidden' >"$D/.hidden.txt"

# --help is exact and complete
out=$("$DYAD" parse --help); rc=$?
check "parse --help exits 0" [ $rc -eq 0 ]
for opt in --date --format --pretty --quiet --help "Exit status"; do
    check "parse --help documents $opt" grep -q -- "$opt" <<<"$out"
done

# a good file: exit 0, one JSON object per line
out=$("$DYAD" parse --date 2019-09-24 "$D/a.txt" 2>"$TMP/err"); rc=$?
check "a clean story exits 0" [ $rc -eq 0 ]
check "stderr is empty for a clean story" [ ! -s "$TMP/err" ]
check "one line of output" [ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ]
check "headline printed" grep -q '"headline":"Moon urges UN support for peace zone"' <<<"$out"
check "dateline printed" grep -q '"dateline":{"place":"UNITED NATIONS","agency":"AP"}' <<<"$out"
check "--date gives the story date" grep -q '"date":"2019-09-24"' <<<"$out"
check "copyright removed with its reason" grep -q '"reason":"copyright"' <<<"$out"
if command -v python3 >/dev/null; then
    check "output is valid JSON" python3 -c 'import json,sys; json.loads(sys.stdin.read())' <<<"$out"
fi

# a directory: recursive, sorted, bad files reported, the rest printed
out=$("$DYAD" parse "$D" 2>"$TMP/err"); rc=$?
check "a directory with bad files exits 1" [ $rc -eq 1 ]
check "stories in sorted order: a.txt, then sub/b.jsonl" \
    [ "$(printf '%s\n' "$out" | sed -n 's/^{"id":"\([^"]*\)".*/\1/p' | tr '\n' ' ')" = "$D/a.txt j1 j4 " ]
check "binary file named" grep -q "c.txt: error: binary file (GIF data), not text" "$TMP/err"
check "empty file named" grep -q "sub/empty.txt: error: empty file" "$TMP/err"
check "malformed JSON line named with file:line" grep -q "sub/b.jsonl:2: error: malformed JSON" "$TMP/err"
check "record without text named with file:line" grep -q "sub/b.jsonl:3: error: record has no text" "$TMP/err"
check "hidden files skipped" sh -c "! grep -q hidden '$TMP/err'"

# stdin
out=$(printf 'Kim met Xi in Beijing on Monday.\n' | "$DYAD" parse --date 2019-09-24 -); rc=$?
check "stdin exits 0" [ $rc -eq 0 ]
check "stdin story id is -" grep -q '"id":"-"' <<<"$out"
check "stdin relative date resolved" grep -q '"date":"2019-09-23"' <<<"$out"
out=$(printf '{"id":"s1","text":"One."}\n{"id":"s2","text":"Two."}\n' | "$DYAD" parse --format jsonl -)
check "JSONL from stdin" [ "$(printf '%s\n' "$out" | wc -l)" -eq 2 ]
out=$(printf '{"id":"s1","text":"One."}\n' | "$DYAD" parse -)
check "JSONL from stdin detected by content" grep -q '"id":"s1"' <<<"$out"

# a 100 MB line: refused with file:line, the next record printed, memory bounded
{ printf '{"id":"before","text":"Moon met Abe."}\n{"id":"huge","text":"'
  head -c 100000000 /dev/zero | tr '\0' 'a'
  printf '"}\n{"id":"after","text":"Abe left."}\n'; } >"$TMP/big.jsonl"
out=$("$DYAD" parse "$TMP/big.jsonl" 2>"$TMP/err"); rc=$?
check "100 MB line: exit 1" [ $rc -eq 1 ]
check "100 MB line: named file:line" grep -q "big.jsonl:2: error: line is longer than DYAD_MAX_RECORD_BYTES" "$TMP/err"
check "100 MB line: the records around it printed" [ "$(printf '%s\n' "$out" | grep -c '"id":"\(before\|after\)"')" -eq 2 ]
rm -f "$TMP/big.jsonl"

# NUL bytes and unreadable paths
printf 'Moon met\0Trump.' >"$TMP/nul.txt"
"$DYAD" parse "$TMP/nul.txt" >/dev/null 2>"$TMP/err"; rc=$?
check "NUL bytes: exit 1" [ $rc -eq 1 ]
check "NUL bytes: reason given" grep -q "nul.txt: error: binary file (NUL byte at offset 8)" "$TMP/err"
out=$("$DYAD" parse /nonexistent/x.txt "$D/a.txt" 2>"$TMP/err"); rc=$?
check "unreadable path: exit 1" [ $rc -eq 1 ]
check "unreadable path named" grep -q "/nonexistent/x.txt: error: cannot open" "$TMP/err"
check "unreadable path: the next path still read" grep -q '"id":"'"$D"'/a.txt"' <<<"$out"

# XML and --pretty
printf '<Sentences><Sentence date="20150806" id="x1"><Text>Israel struck Gaza on Wednesday.</Text></Sentence></Sentences>\n' >"$TMP/g.xml"
out=$("$DYAD" parse --pretty "$TMP/g.xml"); rc=$?
check "XML exits 0" [ $rc -eq 0 ]
check "--pretty indents" grep -q '^  "id": "x1",$' <<<"$out"
check "XML relative date" grep -q '"date": "2015-08-05"' <<<"$out"
out=$("$DYAD" parse --format=text "$TMP/g.xml")
check "--format=text forces text" grep -q '"text":"<Sentences>' <<<"$out"

# invalid UTF-8: repaired, counted, exit 1
printf 'Seoul\xff protested.\n' >"$TMP/bad.txt"
out=$("$DYAD" parse "$TMP/bad.txt" 2>"$TMP/err"); rc=$?
check "invalid UTF-8: exit 1" [ $rc -eq 1 ]
check "invalid UTF-8: counted" grep -q '"invalid_bytes":1' <<<"$out"
check "invalid UTF-8: warned" grep -q "bad.txt: warning: story .*1 invalid UTF-8 byte replaced" "$TMP/err"

# bad command lines
"$DYAD" parse >/dev/null 2>&1; check "no paths: exit 2" [ $? -eq 2 ]
"$DYAD" parse --date 2019-02-30 x >/dev/null 2>&1; check "bad --date: exit 2" [ $? -eq 2 ]
"$DYAD" parse --format yaml x >/dev/null 2>&1; check "bad --format: exit 2" [ $? -eq 2 ]
"$DYAD" parse --bogus x >/dev/null 2>&1; check "unknown option: exit 2" [ $? -eq 2 ]
"$DYAD" parse --date >/dev/null 2>&1; check "--date without value: exit 2" [ $? -eq 2 ]

# A story with no date takes the day of writing its text states, and says so; not with
# --no-date-inference (code and explain alike)
printf "Bangladesh's High Court granted bail to opposition leader Mirza Fakhrul Islam Alamgir yesterday (July 25, 2022), his lawyer said.\n" >"$TMP/undated.txt"
check "parse: an inferred date says where it came from" \
    sh -c "'$DYAD' parse '$TMP/undated.txt' | grep -q '\"date\":\"2022-07-26\",\"date_source\":\"text\",\"date_evidence\":\"yesterday (July 25, 2022)\"'"
check "parse --no-date-inference: the story stays undated" \
    sh -c "'$DYAD' parse --no-date-inference '$TMP/undated.txt' | grep -q '\"date\":null,\"date_source\":null'"
check "parse --date: a given date is kept as input" \
    sh -c "'$DYAD' parse --date 2022-07-28 '$TMP/undated.txt' | grep -q '\"date\":\"2022-07-28\",\"date_source\":\"input\"'"
check "code: events carry date_source" \
    sh -c "'$DYAD' code '$TMP/undated.txt' 2>/dev/null | grep -q '\"date_source\":\"text\"'"
check "code --no-date-inference: events carry no date" \
    sh -c "'$DYAD' code --no-date-inference '$TMP/undated.txt' 2>/dev/null | grep -q '\"date\":null,\"date_precision\":null,\"date_source\":null'"
check "explain says why the story date was chosen" \
    sh -c "'$DYAD' explain --story '$TMP/undated.txt' | grep -q 'was read from the text: \"yesterday (July 25, 2022)\" in sentence 0'"

printf '%s\n' '{"id":"w1","url":"https://www.example.com/news/2022/6/8/ministers-meet-in-cairo","text":"The Egyptian foreign minister met his Jordanian counterpart in Cairo on Tuesday to discuss border trade."}' > "$TMP/urldated.jsonl"
check "code: a story dated only by its URL says so" \
    sh -c "'$DYAD' code '$TMP/urldated.jsonl' 2>/dev/null | grep -q '\"date\":\"2022-06-07\",\"date_precision\":\"day\",\"date_source\":\"url\"'"
check "code --no-date-inference: a URL dates nothing" \
    sh -c "'$DYAD' code --no-date-inference '$TMP/urldated.jsonl' 2>/dev/null | grep -q '\"date\":null,\"date_precision\":null,\"date_source\":null'"
check "explain names the URL as the story date's source" \
    sh -c "'$DYAD' explain --story '$TMP/urldated.jsonl' | grep -q 'story date 2022-06-08 was read from its URL'"
done_testing
