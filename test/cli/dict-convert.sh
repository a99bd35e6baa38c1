#!/usr/bin/env bash
# dict-convert.sh: `dyad dict convert`: community (TABARI/PETRARCH) dictionaries written in
# dyad's format code exactly as the originals do. Fixtures: test/data/dict/{patterns,
# petrarch,options,convert} (each written for dyad's tests), coded over the stories of
# test/data/dict/convert/stories.jsonl; then the PETRARCH-2 / Phoenix and TABARI 2012
# dictionaries of ../shared/eval when present.
. "$(dirname "$0")/lib.sh"
D="$ROOT/test/data/dict"
S="$D/convert/stories.jsonl"

# norm: the events JSON without "rules" (the file and line of each rule differ by
# construction), every other field byte for byte as dyad wrote it.
norm() {
    python3 -c '
import json, sys
for l in sys.stdin:
    o = json.loads(l, object_pairs_hook=lambda kv: dict(kv))
    o.pop("rules", None)
    print(json.dumps(o, ensure_ascii=False, separators=(",", ":")))'
}

# same_events NAME STORIES MIN DICTARGS_ORIG -- DICTARGS_CONV: the events of both, equal and
# at least MIN of them.
same_events() {
    local name=$1 stories=$2 min=$3; shift 3
    local a=() b=() side=a
    for x in "$@"; do
        if [ "$x" = "--" ]; then side=b; continue; fi
        if [ $side = a ]; then a+=("$x"); else b+=("$x"); fi
    done
    "$DYAD" code --dict-errors=warn "${a[@]}" "$stories" 2>/dev/null | norm > "$TMP/$name.orig"
    "$DYAD" code --dict-errors=warn "${b[@]}" "$stories" 2>/dev/null | norm > "$TMP/$name.conv"
    local n; n=$(wc -l < "$TMP/$name.orig")
    if [ "$n" -lt "$min" ]; then
        fail "$name: only $n events with the original dictionaries (want >= $min): the comparison would prove little"
    elif cmp -s "$TMP/$name.orig" "$TMP/$name.conv"; then
        ok "$name: the $n events coded with the converted dictionaries equal the original's"
    else
        fail "$name: events differ: $(diff "$TMP/$name.orig" "$TMP/$name.conv" | head -4 | cut -c1-300)"
    fi
}

# --- the fixtures: every construct the community reader keeps ---
for set in patterns petrarch options convert; do
    out=$("$DYAD" dict convert --out "$TMP/$set" "$D/$set" 2>"$TMP/$set.err"); rc=$?
    case $set in
        petrarch) want=1 ;; # lines in error (K@R), as the originals have
        *) want=0 ;;
    esac
    check "convert $set exits $want" test $rc -eq $want
    case "$out" in *"files written"*) ok "convert $set prints a summary" ;; *) fail "convert $set summary: '$out'" ;; esac
done
same_events patterns "$S" 15 --dict "$D/patterns" -- --dict "$TMP/patterns"
same_events petrarch "$S" 15 --dict "$D/petrarch" -- --dict "$TMP/petrarch"
same_events tabari "$S" 12 --dict "$D/convert" -- --dict "$TMP/convert"
same_events options "$S" 1 --dict "$D/options" -- --dict "$TMP/options"
# a TABARI .options file's LABELs become an event-labels file: the code a verb file defines
# keeps its name (the ICEWS format prints it)
grep -q '^%kind event-labels$' "$TMP/options/Test.options" && grep -q '^0991  Hold a summit$' "$TMP/options/Test.options" &&
    grep -q "^# Test.options:1: note: 'COMPLEX: VERBS\[5\] CONJ\[4\] EXPLAIN' not used" "$TMP/options/Test.options"
check "a .options file: its LABELs as 'CODE NAME' under %kind event-labels, the rest comments" test $? -eq 0
echo '{"id":"o1","date":"2019-03-04","text":"France met at a summit with Japan on Monday."}' > "$TMP/o1.jsonl"
lo=$("$DYAD" code --format icews --dict "$D/options" "$TMP/o1.jsonl" 2>/dev/null | cut -f6,7)
lc=$("$DYAD" code --format icews --dict "$TMP/options" "$TMP/o1.jsonl" 2>/dev/null | cut -f6,7)
check "a LABEL names the code after conversion as before (got '$lc', want '$lo')" \
    test "$lo" = "$(printf 'Hold a summit\t0991')" -a "$lc" = "$lo"
printf '%%version t\n%%kind event-labels\n0991x Summit\n0992\n' > "$TMP/bad-labels.txt"
"$DYAD" dict lint "$TMP/bad-labels.txt" >/dev/null 2>"$TMP/bl.err"
check "event-labels: a code not of digits and a missing name are errors with file:line" \
    bash -c "grep -q 'bad-labels.txt:3: error: expected .CODE NAME. with a code of digits' '$TMP/bl.err' &&
             grep -q 'bad-labels.txt:4: error: expected .CODE NAME.: the name is missing' '$TMP/bl.err'"

# what the converted files say
grep -q '^%rules tabari$' "$TMP/convert/Test.verbs" && grep -q '^1121  condemn  \* { BORDER_RAID | RAIDS } ON +$' "$TMP/convert/Test.verbs"
check "a TABARI verb file: %rules tabari, one 'CODE HEAD ITEMS' line per pattern" test $? -eq 0
grep -q '^%rules petrarch$' "$TMP/patterns/Test.verbs.txt" && grep -q '^042:043  visit$' "$TMP/patterns/Test.verbs.txt" &&
    grep -q '^:070  receive  \* &AIDWORDS FROM +$' "$TMP/patterns/Test.verbs.txt"
check "a PETRARCH block: %rules petrarch, paired [042:043] and reversed [:070] codes" test $? -eq 0
grep -q '^0233  ask/asked/asking/asks  \*_for  \* HELP$' "$TMP/petrarch/Test.verbs.txt" 2>/dev/null ||
    grep -q '^0233  ask/asked/asking/asks  \*_for HELP$' "$TMP/petrarch/Test.verbs.txt"
check "+ASK_FOR {+ASKED_FOR ...}: forms after '/', the word after the verb joined to '*'" test $? -eq 0
grep -q '^1711  wire_tap$' "$TMP/patterns/Test.verbs.txt"
check "WIRE_+TAP: the words before the verb joined by '_'" test $? -eq 0
grep -q '^&TALKS = talks | negotiations | peace talks$' "$TMP/petrarch/Test.verbs.txt"
check "a synset in dyad's syntax, multi-word members included" test $? -eq 0
grep -q 'SHINZO ABE | ABE SHINZO => JPNELI 1954-09-21..2006-09-25; JPNGOV 2006-09-26..2007-09-25; JPNELI 2007-09-26..2012-12-25; JPNGOV 2012-12-26..$' "$TMP/petrarch/Test.actors.txt"
check "a codeless run of names and YYMMDD restrictions: one entry, dated codes" test $? -eq 0
grep -q '^TRILATERAL SUMMIT GROUP => USA/JPN/KOR$' "$TMP/petrarch/Test.actors.txt"
check "a compound code stays a compound" test $? -eq 0
grep -q '^CONGRESSMAN | CONGRESSMEN | CONGRESSWOMAN | CONGRESSWOMEN => LEG$' "$TMP/petrarch/Test.agents.txt" &&
    grep -q '^WATCHDOG GROUP => NGO~$' "$TMP/petrarch/Test.agents.txt"
check "a substitution set expanded; a prefix agent keeps its '~'" test $? -eq 0
grep -A1 '^%plurals off$' "$TMP/petrarch/Test.agents.txt" | grep -q '^POLICE => COP$'
check "POLICE {} (no plural) under %plurals off" test $? -eq 0
grep -q '^%discard-scope story$' "$TMP/patterns/Test.discards.txt" && grep -A1 '^%discard-scope story$' "$TMP/patterns/Test.discards.txt" | grep -q '^TYPHOON => discard$'
check "a PETRARCH '+PHRASE' discard drops the story: %discard-scope story" test $? -eq 0
grep -B1 '^WORLD CUP => discard$' "$TMP/convert/Test.actors" | grep -q '^%kind discards$'
check "TABARI's [###] among the actors becomes a discard" test $? -eq 0
# nothing dropped silently: what the reader left out is a comment with the reason and the line
grep -q '^# Test.verbs:7: not converted: no code (\[---\]): dyad leaves the pattern out$' "$TMP/convert/Test.verbs" &&
    grep -q '^#   - \* REPORT  \[---\]$' "$TMP/convert/Test.verbs"
check "a [---] pattern is a comment naming file:line, the reason and the line itself" test $? -eq 0
grep -q "^# Test.actors.txt:22: error: malformed code 'K@R'" "$TMP/petrarch/Test.actors.txt" &&
    grep -q "^# Test.actors.txt:[0-9]*: warning: entry 'NO_CODE_HERE' has no \[CODE\]" "$TMP/petrarch/Test.actors.txt"
check "lines in error and entries without a code are comments with the loader's message" test $? -eq 0
grep -q "^# Test.verbs.txt:[0-9]*: warning: unknown synset '&MISSING'" "$TMP/petrarch/Test.verbs.txt"
check "a pattern naming an unknown synset is a comment" test $? -eq 0
out=$("$DYAD" dict convert --out "$TMP/c2" "$D/convert")
case "$out" in *"Test.verbs: 0 entries (0 names, 0 codes), 0 synsets, 8 patterns, 2 comments"*) ok "the summary counts patterns and comments per file" ;; *) fail "summary: '$out'" ;; esac

# the converted files lint and load without errors
for set in patterns convert; do
    "$DYAD" dict lint "$TMP/$set" >/dev/null 2>"$TMP/lint.err"
    case "$(tail -n1 "$TMP/lint.err")" in "0 error(s)"*) ok "lint of converted $set: 0 errors" ;; *) fail "lint $set: $(tail -n3 "$TMP/lint.err")" ;; esac
done
"$DYAD" dict lint "$D/convert" 2>&1 | grep -q "Test.actors:12: warning: actor code block REL in REL is not in CAMEO's actor-code table"
check "lint: a community code outside CAMEO's actor-code table is a warning" test $? -eq 0
grep -q '^ANGLICAN COMMUNION => REL$' "$TMP/convert/Test.actors"
check "... and is converted as written" test $? -eq 0
"$DYAD" dict stats --dict "$TMP/petrarch" >/dev/null 2>"$TMP/stats.err"
check "stats of the converted petrarch set: no error" test "$(grep -c ': error:' "$TMP/stats.err")" -eq 0

# --- errors: clear messages, nothing written short ---
"$DYAD" dict convert "$D/convert" >/dev/null 2>"$TMP/e"; rc=$?
check "no --out: usage error (exit 2)" test $rc -eq 2
grep -q -- "--out DIR is required" "$TMP/e"; check "no --out: says --out DIR is required" test $? -eq 0
"$DYAD" dict convert --out "$TMP/x" >/dev/null 2>&1; check "no PATH: usage error (exit 2)" test $? -eq 2
: > "$TMP/afile"
"$DYAD" dict convert --out "$TMP/afile" "$D/convert" >/dev/null 2>"$TMP/e"; rc=$?
check "--out naming a file: exit 3" test $rc -eq 3
grep -q "afile is not a directory" "$TMP/e"; check "--out naming a file: says so" test $? -eq 0
"$DYAD" dict convert --out "$TMP/convert" "$D/convert" >/dev/null 2>"$TMP/e"; rc=$?
check "an existing output file is not overwritten (exit 3)" test $rc -eq 3
grep -q "Test.actors exists: not overwritten (--force to overwrite)" "$TMP/e"; check "... and says so" test $? -eq 0
"$DYAD" dict convert --force --out "$TMP/convert" "$D/convert" >/dev/null 2>&1
check "--force overwrites" test $? -eq 0
if [ "$(id -u)" != 0 ]; then
    mkdir -p "$TMP/ro" && chmod 555 "$TMP/ro"
    "$DYAD" dict convert --out "$TMP/ro" "$D/convert" >/dev/null 2>"$TMP/e"; rc=$?
    check "an unwritable --out: exit 3" test $rc -eq 3
    grep -q "cannot write $TMP/ro/Test" "$TMP/e"; check "an unwritable --out: names the file" test $? -eq 0
    chmod 755 "$TMP/ro"
else
    skip "unwritable --out (running as root: every directory is writable)"
fi
"$DYAD" dict convert --out "$TMP/ours" "$D/ours/verbs.txt" >/dev/null 2>"$TMP/e"; rc=$?
check "a file already in dyad's format is skipped (exit 1)" test $rc -eq 1
grep -q "verbs.txt: skipped: already in dyad's format" "$TMP/e"; check "... named with the reason" test $? -eq 0
"$DYAD" dict convert --out "$TMP/dup" "$D/patterns/Test.verbs.txt" "$D/petrarch/Test.verbs.txt" >/dev/null 2>"$TMP/e"; rc=$?
check "two inputs of the same name: usage error (exit 2), nothing written" test $rc -eq 2 -a ! -e "$TMP/dup/Test.verbs.txt"

# a verb with more patterns than a block once held (TABARI's SAID has 1,467): all are read
mkdir -p "$TMP/big"
{ echo "SIGN  [---]"; for i in $(seq 1 700); do echo "- * ACCORD$i WITH +  [036]"; done
  echo "- * ZEBRA_PACT WITH +  [057]"; } > "$TMP/big/Big.verbs"
printf 'NORWAY_  [NOR]\nCHILE_  [CHL]\n' > "$TMP/big/Big.actors"
echo '{"id":"z1","date":"2019-03-04","text":"Norway signed a zebra pact with Chile."}' > "$TMP/big.jsonl"
got=$("$DYAD" code --dict "$TMP/big" "$TMP/big.jsonl" 2>/dev/null | python3 -c 'import json,sys; print(";".join("%s %s %s" % (e["source"], e["target"], e["code"]) for e in map(json.loads, sys.stdin)))')
check "the 701st pattern of a TABARI verb is read (got '$got')" test "$got" = "NOR CHL 057"
"$DYAD" dict convert --out "$TMP/bigc" "$TMP/big" >/dev/null 2>&1
same_events bigverb "$TMP/big.jsonl" 1 --dict "$TMP/big" -- --dict "$TMP/bigc"

# --- the community's own dictionaries (../shared/eval), when present ---
P="$SHARED/eval/petrarch2/dictionaries"
if [ -f "$P/CAMEO.2.0.txt" ] && [ -f "$SHARED/eval/petrarch2/PETR.UnitTest.public.xml" ]; then
    "$DYAD" dict convert --out "$TMP/phx" "$P" >"$TMP/phx.out" 2>/dev/null
    check "convert PETRARCH-2 + Phoenix: the two non-dictionaries skipped (exit 1)" test $? -eq 1
    V="PETR.Validate.verbs.txt PETR.Validate.actors.txt PETR.Validate.agents.txt PETR.Validate.discards.txt"
    va=() vb=(); for f in $V; do va+=(--dict "$P/$f"); vb+=(--dict "$TMP/phx/$f"); done
    "$DYAD" validate "${va[@]}" "$SHARED/eval/petrarch2/PETR.UnitTest.public.xml" 2>/dev/null | grep -v '^ *rule' > "$TMP/v.orig"
    "$DYAD" validate "${vb[@]}" "$SHARED/eval/petrarch2/PETR.UnitTest.public.xml" 2>/dev/null | grep -v '^ *rule' > "$TMP/v.conv"
    if cmp -s "$TMP/v.orig" "$TMP/v.conv"; then ok "PETR.UnitTest: validate's report identical ($(tail -n1 "$TMP/v.orig"))"
    else fail "PETR.UnitTest: validate differs: $(diff "$TMP/v.orig" "$TMP/v.conv" | head -4)"; fi
    same_events unittest "$SHARED/eval/petrarch2/PETR.UnitTest.public.xml" 100 "${va[@]}" -- "${vb[@]}"
    PH="CAMEO.2.0.txt Phoenix.Countries.actors.txt Phoenix.International.actors.txt Phoenix.MilNonState.actors.txt Phoenix.agents.txt Phoenix.discards.txt"
    pa=() pb=(); for f in $PH; do pa+=(--dict "$P/$f"); pb+=(--dict "$TMP/phx/$f"); done
    same_events gigaword "$SHARED/eval/petrarch2/GigaWord.sample.PETR.xml" 50 "${pa[@]}" -- "${pb[@]}"
    "$DYAD" dict stats --dict "$TMP/phx" >/dev/null 2>"$TMP/stats.err"
    check "stats of converted PETRARCH-2 + Phoenix: 0 errors" test "$(grep -c ': error:' "$TMP/stats.err")" -eq 0
    lc=$("$DYAD" dict lint "$TMP/phx" 2>&1 | tail -n1)
    case "$lc" in "0 error(s)"*) ok "lint of converted PETRARCH-2 + Phoenix: 0 errors" ;; *) fail "lint of converted Phoenix: $lc" ;; esac
else
    skip "PETRARCH-2 dictionaries: $P/CAMEO.2.0.txt or PETR.UnitTest.public.xml not found"
fi
TB="$SHARED/eval/tabari"
G="$SHARED/eval/petrarch2/GigaWord.sample.PETR.xml"
if [ -f "$TB/CAMEO.091003.master.verbs" ] && [ -f "$TB/dictionaries/CountryInfo.120116.actors" ] && [ -f "$G" ]; then
    "$DYAD" dict convert --out "$TMP/tab" "$TB/CAMEO.091003.master.verbs" "$TB/dictionaries" >/dev/null 2>&1
    check "convert TABARI 2012, its .options included: exit 0" test $? -eq 0
    ta=() tb=()
    for f in CAMEO.091003.master.verbs dictionaries/CountryInfo.120116.actors dictionaries/Internatnl.120521.actors dictionaries/PSU.120522.agents; do
        ta+=(--dict "$TB/$f"); tb+=(--dict "$TMP/tab/$(basename $f)")
    done
    same_events tabari2012 "$G" 30 "${ta[@]}" -- "${tb[@]}"
    ta+=(--dict "$TB/dictionaries/CAMEO.09b5.options"); tb+=(--dict "$TMP/tab/CAMEO.09b5.options")
    "$DYAD" code --format icews --dict-errors=warn "${ta[@]}" "$G" 2>/dev/null | cut -f2- > "$TMP/tabi.orig"
    "$DYAD" code --format icews --dict-errors=warn "${tb[@]}" "$G" 2>/dev/null | cut -f2- > "$TMP/tabi.conv"
    if [ "$(wc -l < "$TMP/tabi.orig")" -ge 30 ] && cmp -s "$TMP/tabi.orig" "$TMP/tabi.conv"; then
        ok "TABARI 2012 with CAMEO.09b5.options: the ICEWS rows (code names included) equal the original's"
    else
        fail "TABARI 2012 with .options: ICEWS rows differ or too few: $(diff "$TMP/tabi.orig" "$TMP/tabi.conv" | head -3 | cut -c1-200)"
    fi
else
    skip "TABARI 2012 dictionaries: $TB/CAMEO.091003.master.verbs, $TB/dictionaries/CountryInfo.120116.actors or $G not found"
fi
done_testing
