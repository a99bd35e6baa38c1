#!/usr/bin/env bash
# weapons.sh: the %weapon and %weapon-attack lines of verb files (docs/dictionary-format.md):
# malformed lines are reported with file:line, the table's size limit is enforced.
. "$(dirname "$0")/lib.sh"
D="$ROOT/test/data/dict"

mkdir -p "$TMP/w"
cp "$D/ours/event-codes.txt" "$TMP/w/"
cat >"$TMP/w/verbs.txt" <<'V'
%version 1
%kind verbs
&arty = mortar | rocket
%weapon 190 = &arty | tear gas
%weapon 19x = mortar
%weapon 195 = &nosuch
%weapon 195 = cruise missile strike
%weapon 195 drone
%weapon-attack --- = airstrike
%weapon 1999 = bazooka | grenade
190   attack +
V
"$DYAD" dict lint "$TMP/w" >/dev/null 2>"$TMP/w.err"; rc=$?
check "lint of malformed %weapon lines exits 1" test $rc -eq 1
check "a code of other than 2 to 4 digits or --- is reported at file:line" \
    grep -q 'verbs.txt:5: error: .*CODE: 2 to 4 digits or ---' "$TMP/w.err"
check "an unknown group is reported at file:line" grep -q "verbs.txt:6: error: unknown synset '&nosuch'" "$TMP/w.err"
check "a phrase of three words is reported at file:line" grep -q 'verbs.txt:7: error: a weapon phrase has 1 to 2 words' "$TMP/w.err"
check "a line without '=' is reported at file:line" grep -q "verbs.txt:8: error: expected '%weapon CODE = " "$TMP/w.err"
check "lint reports a code the event table lacks, once a line" \
    test "$(grep -c 'verbs.txt:10: error: unknown event code 1999 of a weapon' "$TMP/w.err")" -eq 1
n=$(grep -c ': error:' "$TMP/w.err")
check "the well-formed lines (a group, a phrase of two words, ---) are no errors" test "$n" -eq 5
"$DYAD" dict lint --strict "$TMP/w" >/dev/null 2>&1
check "strict lint refuses the malformed lines" test $? -ne 0

printf '%%version 1\n%%kind actors\n%%weapon 194 = mortar\n' >"$TMP/w/actors.txt"
"$DYAD" dict lint "$TMP/w/event-codes.txt" "$TMP/w/actors.txt" 2>"$TMP/a.err" >/dev/null
check "%weapon outside a verbs file is reported at file:line" \
    grep -q "actors.txt:3: error: %weapon belongs in a verbs file" "$TMP/a.err"

# the table holds DICT_MAX_WEAPONS (256) words in all: the 257th line is refused
mkdir -p "$TMP/l"
cp "$D/ours/event-codes.txt" "$TMP/l/"
{
    printf '%%version 1\n%%kind verbs\n'
    for i in $(seq 1 257); do printf '%%weapon 190 = arm%03d\n' "$i"; done
    printf '190   attack +\n'
} >"$TMP/l/verbs.txt"
"$DYAD" dict lint "$TMP/l" >/dev/null 2>"$TMP/l.err"; rc=$?
check "lint over the weapon limit exits 1" test $rc -eq 1
check "the word over the limit is reported at its line" \
    grep -q 'verbs.txt:259: error: more than 256 weapon words in all' "$TMP/l.err"
n=$(grep -c ': error:' "$TMP/l.err")
check "the 256 words within the limit load" test "$n" -eq 1
done_testing
