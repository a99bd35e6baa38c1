# verbs-b.sh: the verb patterns of CAMEO roots 09-20 (data/verbs/09.txt .. 20.txt) are
# well formed, cover every code, and the checker that says so rejects malformed files.
. "$(dirname "$0")/lib.sh"
CHECK="$ROOT/tools/check-verbs-b.sh"

out=$(bash "$CHECK" -q 2>&1); rc=$?
check "data/verbs/09-20 pass tools/check-verbs-b.sh" [ $rc -eq 0 ]
check "every CAMEO code of roots 09-20 has a pattern" \
    grep -q ' 178 of 178 codes covered, 0 errors$' <<<"$out"

# rejects FILE MESSAGE: the checker fails on FILE and names the problem.
rejects() {
    local f=$1 msg=$2 o
    o=$(bash "$CHECK" -q "$f" 2>&1) && return 1
    grep -qF -- "$msg" <<<"$o"
}
hostile() { # NAME BODY: a root-13 file with the standard header and BODY
    mkdir -p "$TMP/$1"
    printf '%%version t\n%%kind verbs\n# 130 Threaten\n%s\n' "$2" > "$TMP/$1/13.txt"
    echo "$TMP/$1/13.txt"
}
check "an inflected head is refused" \
    rejects "$(hostile infl '130   threatened +')" 'looks inflected'
check "a synset head is refused" \
    rejects "$(hostile synhead $'&s = a | b\n130   &s +')" 'is not a lower-case word'
check "two targets in one pattern are refused" \
    rejects "$(hostile twotargets '130   threaten + with +')" 'more than one target'
check "two sources in one pattern are refused" \
    rejects "$(hostile twosources '130   threaten $ with $')" 'more than one source'
check "a synset used before its definition is refused" \
    rejects "$(hostile early $'130   threaten &s\n&s = a | b')" 'used before its definition'
check "an unused synset is refused" \
    rejects "$(hostile unused $'&s = a | b\n130   threaten +')" 'never used'
check "a duplicate pattern is refused" \
    rejects "$(hostile dup $'130   threaten +\n130   threaten +')" 'duplicate pattern'
check "a code outside CAMEO is refused" \
    rejects "$(hostile unknown '1399  threaten +')" 'not a CAMEO code'
check "a code of another root is refused" \
    rejects "$(hostile root '120   threaten +')" 'in file of root 13'
check "a compound split across alternatives is refused" \
    rejects "$(hostile compound '130   threaten police | police station')" 'listed twice in one group'
check "a hyphenated word outside the head is refused" \
    rejects "$(hostile hyphen '130   threaten cross-border +')" 'bad element'
mkdir -p "$TMP/nohdr"; printf '130   threaten +\n' > "$TMP/nohdr/13.txt"
check "a file without %version is refused" rejects "$TMP/nohdr/13.txt" '%version'

# The dictionary loader's own lint, once `dyad dict lint` exists.
if [ -x "$DYAD" ] && lint=$("$DYAD" dict lint "$ROOT"/data/verbs/{09,1?,20}.txt 2>&1); then
    ok "dyad dict lint accepts data/verbs/09-20"
elif [ -x "$DYAD" ] && ! grep -q 'not implemented' <<<"${lint:-}"; then
    fail "dyad dict lint accepts data/verbs/09-20"; printf '# %s\n' "${lint:-}" | head -20
else
    skip "dyad dict lint is not available yet"
fi
done_testing
