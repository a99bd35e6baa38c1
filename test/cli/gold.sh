#!/usr/bin/env bash
# dyad validate runs over the project's own gold set (test/data/gold/dyad-gold.xml) and
# reports its score in the documented form. The score itself is a benchmark (bench/score.sh).
. "$(dirname "$0")/lib.sh"
G="$ROOT/test/data/gold/dyad-gold.xml"

if [ ! -f "$G" ]; then skip "gold set absent: $G"; done_testing; exit 0; fi
M=$(grep -c '<Sentence ' "$G")
check "the gold set has records" test "$M" -gt 0

"$DYAD" validate "$G" >"$TMP/out" 2>"$TMP/err"; rc=$?
check "validate exits 0 or 1 (not a usage or read error)" test "$rc" -le 1
last=$(tail -n 1 "$TMP/out")
check "the last line reads 'validate: N of $M records correct'" \
    bash -c '[[ "$1" =~ ^validate:\ ([0-9]+)\ of\ ([0-9]+)\ records\ correct$ ]] &&
             [ "${BASH_REMATCH[2]}" -eq "$2" ] && [ "${BASH_REMATCH[1]}" -le "$2" ]' _ "$last" "$M"
check "every record is reported once" \
    test "$(grep -cE '^(correct|INCORRECT) +GOLD-[0-9]{4}' "$TMP/out")" -eq "$M"
done_testing
