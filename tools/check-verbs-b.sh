#!/usr/bin/env bash
# Checks the verb-pattern files of CAMEO roots 09-20 (data/verbs/09.txt .. 20.txt) against
# docs/dictionary-format.md and prints the number of patterns per code.
#
# usage: tools/check-verbs-b.sh [-q] [FILE...]   (default: data/verbs/09.txt .. 20.txt)
# Exit status: 0 clean, 1 errors found, 2 usage or a missing file.
set -u

quiet=0
if [ "${1:-}" = "-q" ]; then quiet=1; shift; fi

if [ $# -eq 0 ]; then
    dir="$(cd "$(dirname "$0")/.." && pwd)/data/verbs"
    set --
    for r in 09 10 11 12 13 14 15 16 17 18 19 20; do set -- "$@" "$dir/$r.txt"; done
fi
for f in "$@"; do
    [ -r "$f" ] || { echo "check-verbs-b: cannot read $f" >&2; exit 2; }
done

# Every CAMEO 1.1b3 event code of roots 09-20 (plus 155 and 176, the cyber codes of the
# later revision, and 1834 location bombing). Each must have at least one pattern.
CODES="
090 091 092 093 094
100 101 1011 1012 1013 1014 102 103 1031 1032 1033 1034 104 1041 1042 1043 1044
105 1051 1052 1053 1054 1055 1056 106 107 108
110 111 112 1121 1122 1123 1124 1125 113 114 115 116
120 121 1211 1212 122 1221 1222 1223 1224 123 1231 1232 1233 1234
124 1241 1242 1243 1244 1245 1246 125 126 127 128 129
130 131 1311 1312 1313 132 1321 1322 1323 1324 133 134 135 136 137
138 1381 1382 1383 1384 1385 139
140 141 1411 1412 1413 1414 142 1421 1422 1423 1424 143 1431 1432 1433 1434
144 1441 1442 1443 1444 145 1451 1452 1453 1454
150 151 152 153 154 155
160 161 162 1621 1622 1623 163 164 165 166 1661 1662 1663
170 171 1711 1712 172 1721 1722 1723 1724 173 174 175 176
180 181 182 1821 1822 1823 183 1831 1832 1833 1834 184 185 186
190 191 192 193 194 195 196
200 201 202 203 204 2041 2042
"

# Head words that end in -ed/-ing but are lemmas, not inflections.
LEMMA_OK="bring ring sing sting swing spring string wring cling fling sling shed bleed breed feed speed need
proceed succeed exceed embed heed plead seed weed gas teargas tear-gas force-feed"

awk -v codes="$CODES" -v lemma_ok="$LEMMA_OK" -v quiet="$quiet" '
function err(msg) { printf "%s:%d: %s\n", FILENAME, FNR, msg; nerr++ }
function strip(s) { sub(/^#.*/, "", s); sub(/[ \t]#.*$/, "", s); return s }
BEGIN {
    nc = split(codes, cl, /[ \t\n]+/)
    for (i = 1; i <= nc; i++) if (cl[i] != "") { known[cl[i]] = 1; order[++norder] = cl[i] }
    n = split(lemma_ok, lo, /[ \t\n]+/)
    for (i = 1; i <= n; i++) lemmaok[lo[i]] = 1
    HEAD = "^[a-z][a-z0-9]*([-\x27][a-z0-9]+)*$"   # a hyphenated head is one word
    WORD = "^[a-z][a-z0-9]*(\x27[a-z0-9]+)*$"      # elsewhere hyphens split: write two words
}
FNR == 1 {
    if (prevfile != "") endfile()
    prevfile = FILENAME; state = 0; lastcode = ""; delete syn; delete synline; delete synused
    froot = FILENAME; sub(/.*\//, "", froot); sub(/\.txt$/, "", froot)
    if (froot !~ /^[0-9][0-9]$/) froot = ""
    else rootseen[froot] = 1
}
{
    if ($0 ~ /^# [0-9][0-9][0-9]?[0-9]? /) { c = $2; named[FILENAME SUBSEP c] = 1 }
    line = strip($0)
    gsub(/\t/, " ", line); sub(/^ +/, "", line); sub(/ +$/, "", line)
    if (line == "") next
    if (length($0) > 4096) err("line longer than 4096 bytes")
    if (state == 0) {
        if (line !~ /^%version [^ ]+$/) err("expected \"%version REVISION\" first")
        state = 1; next
    }
    if (state == 1) {
        if (line != "%kind verbs") err("expected \"%kind verbs\" second")
        state = 2; next
    }
    if (line ~ /^%/) { err("unexpected directive: " line); next }

    if (line ~ /^&/) {                      # synset definition
        if (line !~ /^&[a-z][a-z0-9_]* *= */) { err("malformed synset definition"); next }
        name = line; sub(/ *=.*/, "", name); sub(/^&/, "", name)
        body = line; sub(/^[^=]*= */, "", body)
        if (name in syn) err("synset " name " defined twice (first at line " synline[name] ")")
        na = split(body, alts, / *\| */)
        if (body == "" || na < 2) err("synset " name " needs at least two alternatives")
        delete seen
        for (i = 1; i <= na; i++) {
            if (alts[i] !~ WORD) err("synset " name ": bad alternative \"" alts[i] "\"")
            if (alts[i] in seen) err("synset " name ": \"" alts[i] "\" listed twice")
            seen[alts[i]] = 1
        }
        syn[name] = 1; synline[name] = FNR
        next
    }

    code = line; sub(/ .*/, "", code)
    pat = line; sub(/^[^ ]+ */, "", pat)
    if (code !~ /^[0-9][0-9][0-9]?[0-9]?$/) { err("bad code \"" code "\""); next }
    root = substr(code, 1, 2) + 0
    if (root < 9 || root > 20) { err("code " code " is outside roots 09-20"); next }
    if (!(code in known)) err("code " code " is not a CAMEO code of roots 09-20")
    if (froot != "" && substr(code, 1, 2) != froot) err("code " code " in file of root " froot)
    if (pat == "") { err("pattern missing"); next }
    if (lastcode != "" && code < lastcode) err("code " code " after " lastcode ": order patterns by code")
    lastcode = code

    nt = split(pat, t, / +/)
    head = t[1]
    if (head !~ HEAD) err("head \"" head "\" is not a lower-case word")
    else if ((head ~ /(ed|ing)$/ || head ~ /[^s]s$/) && !(head in lemmaok) && head !~ /(ss|us|is)$/)
        err("head \"" head "\" looks inflected: write the lemma")
    ntarget = nsource = 0
    for (i = 2; i <= nt; i++) {
        w = t[i]
        if (w == "+") { ntarget++; continue }
        if (w == "$") { nsource++; continue }
        if (w == "|") {
            if (i == 2 || i == nt || t[i-1] !~ WORD || t[i+1] !~ WORD)
                err("\"|\" must stand between two words")
            continue
        }
        if (i < nt && t[i+1] == "|" && (i == 2 || t[i-1] != "|")) {   # first word of a group
            delete alt; k = i
            while (1) {
                if (t[k] in alt) err("\"" t[k] "\" listed twice in one group (a compound split across \"|\"?)")
                alt[t[k]] = 1
                if (k + 2 <= nt && t[k+1] == "|") k += 2; else break
            }
        }
        if (w ~ /^&/) {
            s = substr(w, 2)
            if (!(s in syn)) err("synset " s " used before its definition")
            else synused[s] = 1
            if (t[i-1] == "|" || (i < nt && t[i+1] == "|")) err("synset " s " inside alternatives")
            continue
        }
        if (w !~ WORD) err("bad element \"" w "\"")
    }
    if (ntarget > 1) err("more than one target +")
    if (nsource > 1) err("more than one source $")

    norm = pat
    if (pat ~ /&/) norm = FILENAME ":" pat   # synsets are per file: compare within it
    if (norm in dup) err("duplicate pattern \"" pat "\" (first at " dup[norm] ")")
    else dup[norm] = FILENAME ":" FNR
    if (!((FILENAME SUBSEP code) in named)) err("no \"# " code " ...\" comment line names code " code " before its patterns")
    count[code]++; total++; perfile[FILENAME]++
}
function endfile(  s) {
    if (state < 2) { printf "%s: missing %%version/%%kind lines\n", prevfile; nerr++ }
    for (s in syn) if (!(s in synused)) {
        printf "%s:%d: synset %s is never used\n", prevfile, synline[s], s; nerr++
    }
}
END {
    if (prevfile != "") endfile()
    for (i = 1; i <= norder; i++) {
        c = order[i]
        if (!(c in count) && (substr(c, 1, 2) in rootseen)) { printf "code %s has no pattern\n", c; nerr++ }
    }
    if (!quiet) {
        printf "patterns per code:\n"
        col = 0
        for (i = 1; i <= norder; i++) {
            c = order[i]
            if (!(substr(c, 1, 2) in rootseen)) continue
            printf "  %-5s %4d%s", c, (c in count) ? count[c] : 0, (++col % 6 == 0) ? "\n" : ""
        }
        if (col % 6) printf "\n"
        printf "patterns per file:\n"
        for (r = 9; r <= 20; r++) for (f in perfile) {
            g = f; sub(/.*\//, "", g)
            if (g == sprintf("%02d.txt", r)) printf "  %s %d\n", g, perfile[f]
        }
    }
    ncov = 0
    for (i = 1; i <= norder; i++) if (order[i] in count) ncov++
    printf "%d patterns, %d of %d codes covered, %d errors\n", total, ncov, norder, nerr
    exit nerr > 0
}
' "$@"
