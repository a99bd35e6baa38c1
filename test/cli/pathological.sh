#!/usr/bin/env bash
# Pathological inputs finish in linear time and never crash: thousands of actors in one
# sentence, 10,000 nested quotes, one word repeated, a sentence of only verbs, huge
# compound lists. Each run is bounded by `timeout`; a quadratic path would blow it.
. "$(dirname "$0")/lib.sh"
LIMIT=${PATHO_LIMIT:-20}
run() { # run DESC FILE: dyad code must finish within LIMIT seconds with status 0 or 1
    local d=$1 f=$2 rc
    timeout "$LIMIT" "$DYAD" code --date 2019-09-24 --input text "$f" >"$TMP/out" 2>"$TMP/err"; rc=$?
    if [ $rc -eq 0 ] || [ $rc -eq 1 ]; then ok "$d (status $rc)"; else fail "$d: status $rc"; sed 's/^/# /' "$TMP/err" | head -5; fi
}
gen() { python3 -c "$1" >"$TMP/in.txt"; }

gen 'import sys; sys.stdout.write("Actors\n\n" + "North Korea, South Korea, Japan and China, " * 2500 + "met.\n")'
run "10,000 actors in one sentence" "$TMP/in.txt"

gen 'import sys; sys.stdout.write("Quotes\n\n" + "\"" * 10000 + "Moon met Kim." + "\"" * 10000 + "\n")'
run "10,000 nested quotes" "$TMP/in.txt"

gen 'import sys; sys.stdout.write("Word\n\n" + "attack " * 200000 + ".\n")'
run "one word repeated 200,000 times" "$TMP/in.txt"

gen 'import sys; sys.stdout.write("Verbs\n\n" + ("Japan met, visited, praised, condemned, accused and attacked China. " * 20000) + "\n")'
run "20,000 sentences of stacked verbs" "$TMP/in.txt"

gen 'import sys; sys.stdout.write("Compound\n\n" + "Japan " + "and Japan " * 3000 + "met China " + "and China " * 3000 + ".\n")'
run "compound subject and object of 3,000 members each" "$TMP/in.txt"

gen 'import sys; sys.stdout.write("Parens\n\n" + "Moon, who met Kim, " * 5000 + "praised Trump.\n")'
run "5,000 parenthetical clauses" "$TMP/in.txt"

# The events of a well-formed story are still produced beside hostile ones.
printf 'Fine\n\nFrance condemned Russia on Tuesday.\n' >"$TMP/ok.txt"
timeout "$LIMIT" "$DYAD" code --date 2019-03-05 "$TMP/in.txt" "$TMP/ok.txt" >"$TMP/out" 2>/dev/null
check "a good story beside a hostile one is coded" grep -q '"code":"111"' "$TMP/out"
done_testing
