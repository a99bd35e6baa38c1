#!/usr/bin/env bash
# dict.sh: `dyad dict lint|lookup|stats` on the test dictionaries under test/data/dict/.
. "$(dirname "$0")/lib.sh"
D="$ROOT/test/data/dict"

out=$("$DYAD" dict --help); rc=$?
check "dict --help exits 0" test $rc -eq 0
case "$out" in *"dyad dict lint [--strict] PATH..."*) ok "help shows lint usage" ;; *) fail "help shows lint usage" ;; esac
"$DYAD" dict >/dev/null 2>&1; check "dict without subcommand is a usage error" test $? -eq 2
"$DYAD" dict frobnicate >/dev/null 2>&1; check "unknown subcommand is a usage error" test $? -eq 2

# lookup
out=$("$DYAD" dict lookup --date 2019-09-24 --dict "$D/ours" "Moon Jae-in"); rc=$?
check "lookup Moon Jae-in in 2019 exits 0" test $rc -eq 0
case "$out" in KORGOV$'\t'*people.txt:3) ok "Moon Jae-in is KORGOV in 2019, with file:line" ;; *) fail "Moon Jae-in 2019: got '$out'" ;; esac
out=$("$DYAD" dict lookup --date 2016-01-01 --dict "$D/ours" "Moon Jae-in")
case "$out" in KORELI*) ok "Moon Jae-in is KORELI in 2016" ;; *) fail "Moon Jae-in 2016: got '$out'" ;; esac
out=$("$DYAD" dict lookup --dict "$D/ours" "South Korean President")
case "$out" in KORGOV*) ok "South Korean President composes to KORGOV" ;; *) fail "composition: got '$out'" ;; esac
"$DYAD" dict lookup --dict "$D/ours" "us" >/dev/null 2>&1
check "lowercase 'us' is not found (exit 1)" test $? -eq 1
"$DYAD" dict lookup --date yesterday --dict "$D/ours" "US" >/dev/null 2>&1
check "a malformed --date is a usage error" test $? -eq 2
"$DYAD" dict lookup --dict "$D/nonexistent" "US" >/dev/null 2>&1
check "a missing dictionary is fatal (exit 3)" test $? -eq 3
out=$(DYAD_DATA="$D/ours" "$DYAD" dict lookup "Pyongyang")
case "$out" in PRKGOV*) ok "without --dict, \$DYAD_DATA is used" ;; *) fail "DYAD_DATA: got '$out'" ;; esac

# stats
out=$("$DYAD" dict stats --dict "$D/ours"); rc=$?
check "stats exits 0" test $rc -eq 0
case "$out" in *$'patterns\t15'*) ok "stats counts patterns" ;; *) fail "stats: '$out'" ;; esac
case "$out" in *$'  19\tFight'*) ok "stats lists codes without patterns" ;; *) fail "stats list: '$out'" ;; esac

# lint
"$DYAD" dict lint "$D/ours" 2>/dev/null
check "lint of clean dictionaries exits 0" test $? -eq 0
err=$("$DYAD" dict lint "$D/ours/event-codes.txt" "$D/ours/actor-codes.txt" "$D/lint/unknown-event.txt" 2>&1); rc=$?
check "lint finding an unknown event code exits 1" test $rc -eq 1
case "$err" in *"unknown-event.txt:4: error: unknown event code 0999"*) ok "lint reports file:line" ;; *) fail "lint: '$err'" ;; esac
err=$("$DYAD" dict lint "$D/ours/event-codes.txt" "$D/ours/actor-codes.txt" "$D/lint/two-ways.txt" 2>&1)
case "$err" in *"two-ways.txt:4: warning:"*"coded PRKGOV"*) ok "lint: a name coded two ways" ;; *) fail "two ways: '$err'" ;; esac
"$DYAD" dict lint "$D/petrarch" >/dev/null 2>&1
check "lint of community files with malformed lines exits 1" test $? -eq 1
"$DYAD" dict lint >/dev/null 2>&1
check "lint without PATH is a usage error" test $? -eq 2

# a dictionary with errors refuses to start code, ingest and recode, unless --dict-errors=warn
echo "South Korea threatened North Korea." >"$TMP/s.txt"
"$DYAD" code --dict "$D/petrarch" "$TMP/s.txt" >"$TMP/c.out" 2>"$TMP/c.err"; rc=$?
check "code with a dictionary in error exits 3 and codes nothing" bash -c "[ $rc -eq 3 ] && [ ! -s '$TMP/c.out' ]"
check "code says why it does not start, naming --dict-errors" grep -q 'error(s) in the dictionaries.*--dict-errors=warn' "$TMP/c.err"
check "code names the line in error (file:line)" grep -q 'Test.actors.txt:22: error' "$TMP/c.err"
"$DYAD" code --dict "$D/petrarch" --dict-errors=warn "$TMP/s.txt" >/dev/null 2>&1
check "code --dict-errors=warn goes on (exit 0)" test $? -eq 0
"$DYAD" code --dict "$D/petrarch" --dict-errors=maybe "$TMP/s.txt" >/dev/null 2>&1
check "--dict-errors with another word is a usage error" test $? -eq 2
"$DYAD" ingest --db "$TMP/e.db" --dict "$D/petrarch" "$TMP/s.txt" >/dev/null 2>&1; rc=$?
check "ingest refuses (exit 3) and creates no database" bash -c "[ $rc -eq 3 ] && [ ! -e '$TMP/e.db' ]"
"$DYAD" ingest -q --db "$TMP/e.db" --dict "$D/petrarch" --dict-errors=warn "$TMP/s.txt" >/dev/null 2>"$TMP/i.err"
check "ingest --dict-errors=warn stores (exit 1: the errors were found wanting)" \
    bash -c "[ $? -eq 1 ] && grep -q '1 added' '$TMP/i.err'"
"$DYAD" recode --db "$TMP/e.db" --dict "$D/petrarch" >/dev/null 2>&1
check "recode refuses (exit 3)" test $? -eq 3
"$DYAD" code --dict "$D/ours" "$TMP/s.txt" >/dev/null 2>&1
check "code with clean dictionaries starts" test $? -eq 0

# an event code a community verb file defines for itself (905) is emitted as written,
# QuadClass 0, and "will" does not turn it into an intent
echo "South Korea will praise the efforts of Japan." |
    "$DYAD" code --dict "$D/petrarch" --dict-errors=warn - 2>/dev/null >"$TMP/905.out"
check "a dictionary's own event code is emitted as written" \
    grep -q '"source":"KOR".*"target":"JPN".*"code":"905","root":90,"quad_class":0' "$TMP/905.out"

# a TABARI .options file: its LABELs name the codes the verb files define; the rest is named
O="$D/options"
"$DYAD" explain --dict "$O" "France met at a summit with Japan." >"$TMP/o1.out" 2>/dev/null
check "a TABARI LABEL names a code the verb file defines for itself" \
    grep -q 'EVENT FRA -> JPN 0991 (Hold a summit' "$TMP/o1.out"
"$DYAD" explain --dict "$O" "France met Japan." >"$TMP/o2.out" 2>/dev/null
check "a LABEL of a CAMEO code leaves the table's name" grep -q 'EVENT FRA -> JPN 040 (Consult, not specified below' "$TMP/o2.out"
"$DYAD" dict lint "$O" >/dev/null 2>"$TMP/o.err"
check "each .options directive dyad does not use is named with its reason" \
    bash -c "grep -q 'Test.options:1: note: .COMPLEX: VERBS.5. CONJ.4. EXPLAIN. not used: TABARI.s complexity filter' '$TMP/o.err' &&
             grep -q 'Test.options:2: note: .SET: MATCH = TRUE. not used' '$TMP/o.err' &&
             grep -q 'Test.options:3: note: .OUTPUT: ID. not used' '$TMP/o.err' &&
             grep -q '2 event code labels read.*1 actor labels not used' '$TMP/o.err'"

# the real community dictionaries, when present: no errors, only warnings naming the construct
P="$SHARED/eval/petrarch2/dictionaries"
if [ -d "$P" ]; then
    "$DYAD" dict stats --dict "$P" >/dev/null 2>"$TMP/p.err"
    check "stats over the PETRARCH-2 dictionaries" test $? -eq 0
    check "the PETRARCH-2 and Phoenix dictionaries load with 0 errors" bash -c "! grep -q ': error:' '$TMP/p.err'"
    "$DYAD" dict lookup --date 2005-01-01 --dict "$P" "Mohammad Zahir Shah" >"$TMP/z.out" 2>/dev/null
    check "a dated Phoenix leader (YYMMDD ranges) is found" grep -q '^AFGELI' "$TMP/z.out"
else
    skip "../shared/eval/petrarch2/dictionaries is absent: PETRARCH-2 stats"
    skip "../shared/eval/petrarch2/dictionaries is absent: 0 errors"
    skip "../shared/eval/petrarch2/dictionaries is absent: dated leaders"
fi
T2="$SHARED/eval/tabari"
if [ -d "$T2/dictionaries" ]; then
    "$DYAD" dict stats --dict "$T2" --dict "$T2/dictionaries" >/dev/null 2>"$TMP/t.err"; rc=$?
    check "the TABARI demo and 2012 dictionaries load with 0 errors" \
        bash -c "[ $rc -eq 0 ] && ! grep -q ': error:' '$TMP/t.err'"
else
    skip "../shared/eval/tabari is absent: TABARI dictionaries"
fi
done_testing
