#!/usr/bin/env bash
# corpora.sh: every news corpus in ../shared/eval is read with the right number of
# stories, or refused with a message that says what to do. The counts are those of
# ../shared/eval/SOURCES.md. Skips visibly when the corpora are not there.
. "$(dirname "$0")/lib.sh"

E="$SHARED/eval"
stories() { grep -c '^{"id":' "$1"; }

# reuters21578: 22 SGML files, 21,578 <REUTERS> records; 1,798 briefs are their title alone
if [ -f "$E/reuters21578/reut2-000.sgm" ]; then
    "$DYAD" parse "$E"/reuters21578/reut2-*.sgm >"$TMP/r.jsonl" 2>"$TMP/r.err"
    check "reuters21578: 21,577 stories" [ "$(stories "$TMP/r.jsonl")" -eq 21577 ]
    check "reuters21578: the one record without text (NEWID 12793) is named" \
        grep -q 'reut2-012.sgm:25983: error: <REUTERS> record has no text: skipped' "$TMP/r.err"
    check "reuters21578: dated 1987 from <DATE>" \
        [ "$(grep -c '^{"id":"[0-9]*","date":"1987-' "$TMP/r.jsonl")" -eq 21577 ]
    check "reuters21578: the first story's title is its headline, SALVADOR its dateline" \
        grep -q '^{"id":"1","date":"1987-02-26","date_source":"input","date_evidence":null,"headline":"BAHIA COCOA REVIEW","dateline":{"place":"SALVADOR"' "$TMP/r.jsonl"
    check "reuters21578: no SGML tag left in a sentence" sh -c "! grep -q '<BODY>\|</TEXT>\|&#3;' '$TMP/r.jsonl'"
else
    skip "reuters21578 not in ../shared/eval"
fi

# fjty_reuters2020: 230 pretty-printed JSON objects, text a list of paragraphs
F="$E/fjty_reuters2020/demo-REUT-20-02-25-stories.jsonl"
if [ -f "$F" ]; then
    "$DYAD" parse "$F" >"$TMP/f.jsonl" 2>"$TMP/f.err"; rc=$?
    check "fjty_reuters2020 without --field: exit 1, nothing read" [ $rc -eq 1 ] && [ ! -s "$TMP/f.jsonl" ]
    check "fjty_reuters2020 without --field: the note names textInfo.textStory" \
        grep -q 'note: its string fields are textInfo.textStory (list), .*: name the story text with --field text=KEY' "$TMP/f.err"
    check "fjty_reuters2020 without --field: the hint is given once" [ "$(grep -c 'note: its string' "$TMP/f.err")" -eq 1 ]
    "$DYAD" parse --field text=textInfo.textStory --field title=citeInfo.title \
        --field url=citeInfo.url "$F" >"$TMP/f.jsonl" 2>"$TMP/f.err"; rc=$?
    check "fjty_reuters2020 with --field: 230 stories, exit 0" [ $rc -eq 0 ] && [ "$(stories "$TMP/f.jsonl")" -eq 230 ]
    check "fjty_reuters2020: 227 dated 2020-02-25, 3 dated 2020-02-24" \
        [ "$(grep -c '"date":"2020-02-25","date_source":"input","date_evidence":null,"headline"' "$TMP/f.jsonl")" -eq 227 ] && [ "$(grep -c '"date":"2020-02-24","date_source":"input","date_evidence":null,"headline"' "$TMP/f.jsonl")" -eq 3 ]
    check "fjty_reuters2020: title and url from citeInfo" \
        [ "$(grep -c '"headline":"[^"]*".*"url":"http' "$TMP/f.jsonl")" -eq 230 ]
else
    skip "fjty_reuters2020 not in ../shared/eval"
fi

# ngec_guardian: a CSV of 249 articles (columns "", date, text, source)
G="$E/ngec_guardian/Guardian_SDF_sample.csv"
if [ -f "$G" ]; then
    "$DYAD" parse "$G" >"$TMP/g.jsonl" 2>"$TMP/g.err"
    check "ngec_guardian: 249 stories" [ "$(stories "$TMP/g.jsonl")" -eq 249 ]
    check "ngec_guardian: every story dated 2017-2019 from its date column" \
        [ "$(grep -c '^{"id":"[^"]*","date":"201[789]-' "$TMP/g.jsonl")" -eq 249 ]
    check "ngec_guardian: the header is no headline" sh -c "! grep -q '\"headline\":\"\\\\\"\\\\\",' '$TMP/g.jsonl'"
else
    skip "ngec_guardian not in ../shared/eval"
fi

# civet: 6 Factiva-style exports: HEADLINE: label, header lines and "Text:" removed
if [ -d "$E/civet" ]; then
    "$DYAD" parse "$E/civet" >"$TMP/c.jsonl" 2>"$TMP/c.err"; rc=$?
    check "civet: 6 stories, exit 0" [ $rc -eq 0 ] && [ "$(stories "$TMP/c.jsonl")" -eq 6 ]
    check "civet: no headline keeps its label" sh -c "! grep -q '\"headline\":\"HEADLINE' '$TMP/c.jsonl'"
    check "civet: every story dated by its timestamp line" [ "$(grep -c '"date":"2015-0[23]-' "$TMP/c.jsonl")" -eq 6 ]
    check "civet: no sentence holds the export header" \
        sh -c "! jq -r '.sentences[].text' '$TMP/c.jsonl' | grep -q '^Text:\\|^Agence France Presse\\|^Document \\|^Source:'"
else
    skip "civet not in ../shared/eval"
fi

# bbc: 2,225 articles in five folders, a title line, a blank line, the body
if [ -d "$E/bbc/politics" ]; then
    "$DYAD" parse "$E"/bbc/{business,entertainment,politics,sport,tech} >"$TMP/b.jsonl" 2>"$TMP/b.err"
    check "bbc: 2,225 stories" [ "$(stories "$TMP/b.jsonl")" -eq 2225 ]
    check "bbc: every story has a headline" [ "$(grep -c '"headline":"' "$TMP/b.jsonl")" -eq 2225 ]
else
    skip "bbc not in ../shared/eval"
fi

# en_worldwide_newswire: 1,095 .txt articles, the source URL on line 1; one of them is an
# RTF document, and two zip archives lie beside them
W="$E/en_worldwide_newswire/original_articles"
if [ -d "$W" ]; then
    "$DYAD" parse "$W" >"$TMP/w.jsonl" 2>"$TMP/w.err"
    check "en_worldwide_newswire: 1,094 stories" [ "$(stories "$TMP/w.jsonl")" -eq 1094 ]
    check "en_worldwide_newswire: the RTF document is refused, saying what to do" \
        grep -q 'arg_buenosairestimes_1.txt: error: an RTF document, not plain text: convert it first' "$TMP/w.err"
    check "en_worldwide_newswire: the zip archives are refused" [ "$(grep -c 'binary file (zip data)' "$TMP/w.err")" -eq 2 ]
    check "en_worldwide_newswire: no headline is a web address" \
        sh -c "! grep -q '\"headline\":\"\\(http\\|www\\.\\)' '$TMP/w.jsonl'"
    check "en_worldwide_newswire: the address on line 1 is the story's url (all but one glued to its text)" \
        [ "$(grep -c '"url":"\(http\|www\.\)' "$TMP/w.jsonl")" -eq 1093 ]
else
    skip "en_worldwide_newswire not in ../shared/eval"
fi

# indiapoliceevents: JSONL, 1,257 articles (text in doc_text, id in doc_id)
if [ -f "$E/indiapoliceevents/docs.jsonl" ]; then
    "$DYAD" parse "$E/indiapoliceevents/docs.jsonl" >"$TMP/i.jsonl" 2>"$TMP/i.err"
    check "indiapoliceevents docs.jsonl: 1,257 stories" [ "$(stories "$TMP/i.jsonl")" -eq 1257 ]
    "$DYAD" parse "$E/indiapoliceevents/metadata.jsonl" >"$TMP/i.jsonl" 2>"$TMP/i.err"
    check "indiapoliceevents metadata.jsonl: 1,257 stories dated March 2002" \
        [ "$(grep -c '^{"id":"[0-9]*","date":"2002-03-' "$TMP/i.jsonl")" -eq 1257 ]
else
    skip "indiapoliceevents not in ../shared/eval"
fi

# wcep_2015_09: a JSON array of 428 one-sentence summaries (text in description)
if [ -f "$E/wcep_2015_09/wikitimes_CEP.json" ]; then
    "$DYAD" parse "$E/wcep_2015_09/wikitimes_CEP.json" >"$TMP/p.jsonl" 2>"$TMP/p.err"
    check "wcep_2015_09: 428 stories dated September 2015" \
        [ "$(grep -c '^{"id":"[^"]*","date":"2015-09-' "$TMP/p.jsonl")" -eq 428 ]
else
    skip "wcep_2015_09 not in ../shared/eval"
fi

done_testing
