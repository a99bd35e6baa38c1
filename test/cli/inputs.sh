#!/usr/bin/env bash
# inputs.sh: inputs larger than the reader's window (a few MiB), from files and from
# stdin: every record is read, once, and memory stays bounded; --field and --input on
# the command line; exit statuses of the input policy.
. "$(dirname "$0")/lib.sh"

N=30000
# Multi-story SGML, about 4 MB: <DOC> records with a date in their id
awk -v n=$N 'BEGIN { for (i = 1; i <= n; i++)
    printf "<DOC id=\"XIN_ENG_201909%02d.%04d\" type=\"story\">\n<HEADLINE>\nTalks %d\n</HEADLINE>\n<TEXT>\n<P>\nEnvoys from Chad and Niger met in Niamey on Monday to discuss\nthe border, the ministry said.\n</P>\n</TEXT>\n</DOC>\n", i % 28 + 1, i % 10000, i }' >"$TMP/big.sgml"
out=$("$DYAD" parse "$TMP/big.sgml" 2>"$TMP/err" | grep -c '^{"id":"XIN_ENG_')
check "SGML over the window, from a file: all $N records" [ "$out" -eq $N ]
out=$("$DYAD" parse --input xml - <"$TMP/big.sgml" 2>"$TMP/err" | grep -c '"headline":"Talks [0-9]*"')
check "SGML over the window, from stdin: all $N records" [ "$out" -eq $N ]
check "no diagnostics for clean SGML" [ ! -s "$TMP/err" ]

# Pretty-printed JSON objects, about 5 MB, text as a list of paragraphs
awk -v n=$N 'BEGIN { for (i = 1; i <= n; i++)
    printf "{\n  \"id\": \"j%d\",\n  \"body\": {\n    \"paras\": [\n      \"Kenya and Somalia agreed on Tuesday to reopen the border.\",\n      \"Traders welcomed the move.\"\n    ]\n  }\n}\n", i }' >"$TMP/big.json"
out=$("$DYAD" parse --field text=body.paras - <"$TMP/big.json" 2>"$TMP/err" | grep -c '^{"id":"j[0-9]*"')
check "pretty-printed JSON over the window, from stdin: all $N objects" [ "$out" -eq $N ]
out=$("$DYAD" parse --field text=body.paras "$TMP/big.json" 2>/dev/null | sed -n '12345p' | grep -c '"id":"j12345"')
check "objects keep their order" [ "$out" -eq 1 ]

# CSV with quoted multi-line fields, about 3 MB
{ echo 'id,date,text'; awk -v n=$N 'BEGIN { for (i = 1; i <= n; i++)
    printf "c%d,2019-09-24,\"Police in Lagos arrested %d protesters, officials said.\n\nThe \"\"march\"\" was banned.\"\n", i, i }'; } >"$TMP/big.csv"
out=$("$DYAD" parse --input csv - <"$TMP/big.csv" 2>"$TMP/err" | grep -c '"text":"The \\"march\\" was banned."')
check "CSV over the window, from stdin: all $N rows, quotes decoded" [ "$out" -eq $N ]
out=$("$DYAD" parse "$TMP/big.csv" 2>/dev/null | sed -n "${N}p" | grep -c "\"id\":\"c$N\"")
check "the last CSV row is read" [ "$out" -eq 1 ]

if [ -n "${DYAD_SAN:-}" ]; then
    skip "built with sanitizers (${DYAD_SAN%% *}): peak RSS is mostly their shadow memory; the plain build measures it"
elif [ -x /usr/bin/time ]; then
    /usr/bin/time -f '%M' -o "$TMP/rss" "$DYAD" parse --input xml - <"$TMP/big.sgml" >/dev/null 2>&1
    check "memory stays bounded on a large input (under 64 MB, $(cat "$TMP/rss") KB)" [ "$(cat "$TMP/rss")" -lt 65536 ]
    # UTF-16 (issue 12: read whole before): about 49 MB of UTF-16LE SGML, converted as it
    # is read through the window; reading it whole would take more than the 32 MB allowed.
    { printf '\xff\xfe'; cat "$TMP/big.sgml" "$TMP/big.sgml" "$TMP/big.sgml" "$TMP/big.sgml" |
        iconv -f UTF-8 -t UTF-16LE; } >"$TMP/big16.sgml"
    out=$(/usr/bin/time -f '%M' -o "$TMP/rss" "$DYAD" parse --input xml - <"$TMP/big16.sgml" 2>/dev/null |
        grep -c '"headline":"Talks [0-9]*"')
    check "UTF-16 over the window, from stdin: all $((4 * N)) records" [ "$out" -eq $((4 * N)) ]
    check "memory stays bounded on a large UTF-16 input ($(($(wc -c <"$TMP/big16.sgml") / 1048576)) MB read in under 32 MB, $(cat "$TMP/rss") KB)" \
        [ "$(cat "$TMP/rss")" -lt 32768 ]
    rm -f "$TMP/big16.sgml"
else
    skip "/usr/bin/time is not installed: memory not measured"
fi

# the command line
"$DYAD" parse --field body=x "$TMP/big.csv" >/dev/null 2>"$TMP/err"; rc=$?
check "--field with an unknown name: exit 2" [ $rc -eq 2 ]
check "--field with an unknown name: says which names there are" grep -q "NAME one of text, id, date, title" "$TMP/err"
"$DYAD" code --input yaml "$TMP/big.csv" >/dev/null 2>&1; check "code --input yaml: exit 2" [ $? -eq 2 ]
printf 'when,what\n2019-09-24,Talks.\n' >"$TMP/notext.csv"
"$DYAD" parse "$TMP/notext.csv" >/dev/null 2>"$TMP/err"; rc=$?
check "a CSV without a text column: exit 1" [ $rc -eq 1 ]
check "a CSV without a text column: the columns are named" grep -q 'its columns are "when", "what"' "$TMP/err"
"$DYAD" code "$TMP/notext.csv" >/dev/null 2>"$TMP/err"; rc=$?
check "code: a path that yields no story exits 1" [ $rc -eq 1 ]
printf '{"id":"u1","text":"Police in Dhaka arrested \xff two men on Monday."}\n' >"$TMP/bad.jsonl"
"$DYAD" parse "$TMP/bad.jsonl" >/dev/null 2>&1; prc=$?
"$DYAD" code "$TMP/bad.jsonl" >/dev/null 2>&1; crc=$?
check "parse and code agree on invalid UTF-8 (exit 1 both: $prc $crc)" [ $prc -eq 1 ] && [ $crc -eq 1 ]
printf '\xff\xfeP\x00o\x00l\x00i\x00c\x00e\x00 \x00m\x00e\x00t\x00.\x00\x00\xd8 \x00' >"$TMP/u16.txt"
"$DYAD" parse "$TMP/u16.txt" >/dev/null 2>"$TMP/err"
check "a lone UTF-16 surrogate is reported" grep -q '1 lone UTF-16 surrogate replaced by U+FFFD' "$TMP/err"
printf 'Sports\n\nJapan beat South Korea 2-1 on Thursday in a World Cup qualifier. Japan beat Iran 3-0 on Monday.\n' >"$TMP/sport.txt"
"$DYAD" code --date 2019-06-20 "$TMP/sport.txt" >/dev/null 2>"$TMP/err"
check "code names a discarded story with its reason" grep -q 'sport.txt: note: story .*sport.txt discarded as sports (--keep-discarded codes it)' "$TMP/err"
printf 'Talks\n\nChad and Niger signed a border agreement.\n' >"$TMP/undated.txt"
"$DYAD" code "$TMP/undated.txt" >/dev/null 2>"$TMP/err"
check "code says how many stories had no date" grep -q 'note: 1 story had no date' "$TMP/err"
# --- ingest --input/--field: every record stored or refused with file and line -----------
{
    printf '%s\n' '{"meta":{"id":"m1"},"body":{"text":"SEOUL (Reuters) - South Korea praised Japan on Friday."}}'
    printf '%s\n' '{"meta":{"id":"m2"},"body":{"other":"no text here"}}'
    printf '%s\n' '{"meta":{"id":"m3"},"body":{"text":42}}'
    printf '%s\n' '{"meta":{"id":"m4"},"body":{"text":["TOKYO (AP) - Japan praised India on Friday.","It was the second visit."]}}'
    printf '%s\n' '{"body":{"text":"BEIJING (AP) - China praised Pakistan on Friday."}}'
    printf '{"meta":{"id":"m6"},"body":{"text":"Bad \xff bytes: Japan praised Iran on Friday."}}\n'
    printf '{"meta":{"id":"m7"},"body":{"text":"%s"}}\n' "$(head -c 67200000 /dev/zero | tr '\0' a)"
    printf '%s\n' '{"meta":{"id":{"n":8}},"body":{"text":"DELHI (AP) - India praised Japan on Friday."}}'
} > "$TMP/mapped.jsonl"
"$DYAD" ingest --quiet --db "$TMP/mapped.db" --input json --field text=body.text --field id=meta.id \
    "$TMP/mapped.jsonl" 2>"$TMP/err"; rc=$?
check "ingest --field: input with bad records: exit 1" [ $rc -eq 1 ]
check "ingest --field: a missing text field is an error with file and line" \
    grep -q 'mapped.jsonl:2: error: record has no "body.text" (--field text): skipped' "$TMP/err"
check "ingest --field: a text of the wrong type says what it is" \
    grep -q 'mapped.jsonl:3: error: record'"'"'s text "body.text" is a number, not a string or a list of strings: skipped' "$TMP/err"
check "ingest --field: a record without the mapped id is said, with what happens" \
    grep -q 'mapped.jsonl:5: warning: record has no "meta.id" (--field id): its id is made from file and line' "$TMP/err"
check "ingest --field: invalid UTF-8 is replaced and said, with file and line" \
    grep -q 'mapped.jsonl:6: warning: 1 invalid UTF-8 byte replaced by U+FFFD' "$TMP/err"
check "ingest --field: a line over DYAD_MAX_RECORD_BYTES is an error with file and line" \
    grep -q 'mapped.jsonl:7: error: line is longer than DYAD_MAX_RECORD_BYTES' "$TMP/err"
check "ingest --field: an id of the wrong type says what it is" \
    grep -q 'mapped.jsonl:8: warning: "meta.id" (the story'"'"'s id) is an object, not a string or a whole number: its id is made from file and line' "$TMP/err"
check "ingest --field: the good records are stored (a list of paragraphs too, ids derived where said)" \
    test "$(sqlite3 "$TMP/mapped.db" 'SELECT id FROM stories ORDER BY key' | sed "s|$TMP/||" | tr '\n' ' ')" = \
         "m1 m4 mapped.jsonl:5 m6 mapped.jsonl:8 "
check "ingest --field: each record refused is kept among the discards, with its line" \
    test "$(sqlite3 "$TMP/mapped.db" "SELECT line || ':' || reason FROM discards ORDER BY key" | tr '\n' ' ')" = \
         "2:unreadable 3:unreadable 7:unreadable "
check "ingest: no record is lost: stored + discarded = read" \
    test "$(sqlite3 "$TMP/mapped.db" 'SELECT (SELECT count(*) FROM stories) + (SELECT count(*) FROM discards)')" = 8
printf 'id,body\nc1,"Japan praised India on Friday."\n' > "$TMP/mapped.csv"
"$DYAD" ingest --quiet --db "$TMP/mapped.db" --field text=text "$TMP/mapped.csv" 2>"$TMP/err"; rc=$?
check "ingest --field naming a column the CSV lacks: exit 1, said with file and line" \
    sh -c "[ $rc -eq 1 ] && grep -q 'mapped.csv:1: error: the header has no column \"text\" (named by --field): file skipped' '$TMP/err'"
"$DYAD" ingest --quiet --db "$TMP/mapped.db" --input yaml "$TMP/mapped.csv" 2>"$TMP/err"; rc=$?
check "ingest --input with an unknown format: exit 2" [ $rc -eq 2 ]
done_testing
