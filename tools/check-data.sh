#!/usr/bin/env bash
# check-data.sh: checks the format basics of dyad's dictionary files (data/**/*.txt)
# without the C loader: directives, entry syntax, codes, date ranges and duplicates.
#
# Usage: tools/check-data.sh [-q] [FILE...]   (default: every *.txt below data/)
# Prints "file:line: message" for each problem and a count summary; exits 1 on problems.
# Actor codes are checked against the blocks of data/cameo/actor-codes.txt and verb
# codes against data/cameo/event-codes.txt. Files of kind closed-class (compiled into
# the program) are skipped, as is data/lexicon/closed-class.txt before it has directives.
set -u
cd "$(dirname "$0")/.."
quiet=0
if [ "${1:-}" = "-q" ]; then quiet=1; shift; fi
if [ $# -eq 0 ]; then
    mapfile -t files < <(find data -name '*.txt' | LC_ALL=C sort)
else
    files=("$@")
fi
BLOCKS=data/cameo/actor-codes.txt
EVENTS=data/cameo/event-codes.txt

LC_ALL=C awk -v quiet="$quiet" -v blocks="$BLOCKS" -v events="$EVENTS" '
function err(msg) { printf "%s:%d: %s\n", FILENAME, FNR, msg; nerr++ }
function trim(s) { sub(/^[ \t]+/, "", s); sub(/[ \t]+$/, "", s); return s }
# Removes a comment: "#" at the start of the line or after whitespace.
function uncomment(s,    i) {
    if (substr(s, 1, 1) == "#") return ""
    if (match(s, /[ \t]#/)) s = substr(s, 1, RSTART - 1)
    return s
}
# The key two variants collide on: case folded (unless all caps), periods dropped,
# hyphens and runs of blanks made one space.
function vkey(v,    k) {
    k = v; gsub(/\./, "", k); gsub(/[-\t ]+/, " ", k); k = trim(k)
    if (k !~ /[a-z]/) return "CAPS:" k
    return tolower(k)
}
function isdate(d) {
    if (d !~ /^[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]$/) return 0
    m = substr(d, 6, 2) + 0; dd = substr(d, 9, 2) + 0
    return m >= 1 && m <= 12 && dd >= 1 && dd <= 31
}
function isblock(b) { return (b in block) }
# An actor code: one or more known 3-character blocks.
function iscode(c,    i) {
    if (c == "" || length(c) % 3 != 0) return 0
    for (i = 1; i <= length(c); i += 3) if (!isblock(substr(c, i, 3))) return 0
    return 1
}
function load_tables(    line, a, n) {
    while ((getline line < blocks) > 0) {
        line = uncomment(line)
        if (line ~ /^(---|[A-Z][A-Z][A-Z])[ \t]/) { n = split(line, a); block[a[1]] = a[2] }
    }
    close(blocks)
    while ((getline line < events) > 0) {
        line = uncomment(line)
        if (line ~ /^[0-9][0-9]/) { split(line, a); event[a[1]] = 1 }
    }
    close(events)
}
BEGIN {
    load_tables()
    kinds = "event-codes actor-codes actors people agents verbs discards irregular-verbs fips-countries closed-class alternate-names"
    split(kinds, ka, " "); for (i in ka) okkind[ka[i]] = 1
    split("country region organization sector religion ethnic", ta, " "); for (i in ta) oktype[ta[i]] = 1
}
FNR == 1 {
    if (prev != "") summary(prev)
    prev = FILENAME; state = 0; kind = ""; skip = 0
    nent[FILENAME] = 0; nvar[FILENAME] = 0; nfiles++
    delete seen
    if (FILENAME ~ /closed-class\.txt$/) skip = 1
}
skip { next }
{
    if (length($0) > 4096) { err("line longer than DYAD_MAX_DICT_LINE_BYTES (4096)"); next }
    if ($0 ~ /\r$/) err("carriage return at end of line")
    line = trim(uncomment($0))
    if (line == "") next
}
state == 0 {
    if (line !~ /^%version [^ \t]+$/) { err("expected \"%version V\" first (V without spaces)"); skip = 1; next }
    state = 1; next
}
state == 1 {
    if (line !~ /^%kind [a-z-]+$/) { err("expected \"%kind K\" after %version"); skip = 1; next }
    kind = substr(line, 7)
    if (!(kind in okkind)) { err("unknown kind \"" kind "\""); skip = 1; next }
    if (kind == "closed-class") { skip = 1; next }
    kindof[FILENAME] = kind; state = 2; next
}
line ~ /^%include[ \t]/ { next }
line ~ /^%plurals (on|off)$/ { next }
kind == "verbs" && line ~ /^%weapon(-attack)? ([0-9][0-9][0-9]?[0-9]?|---) = [^ \t|]/ { next }
line ~ /^%/ { err("unknown directive"); next }
kind == "event-codes" {
    n = split(line, f, /[ \t]+/)
    if (n < 3 || f[1] !~ /^[0-9][0-9][0-9]?[0-9]?$/) { err("expected CODE GOLDSTEIN NAME"); next }
    if (f[2] !~ /^-?[0-9]+(\.[0-9]+)?$/ || f[2] + 0 < -10 || f[2] + 0 > 10) { err("Goldstein value not in -10..10: " f[2]); next }
    if (f[1] in ecode) { err("duplicate event code " f[1]); next }
    ecode[f[1]] = 1; nent[FILENAME]++
    if (length(f[1]) == 3 && !(substr(f[1], 1, 2) in ecode)) err("code " f[1] " before its root")
    if (length(f[1]) == 4 && !(substr(f[1], 1, 3) in ecode)) err("code " f[1] " before its parent")
    r = substr(f[1], 1, 2) + 0
    if (r < 1 || r > 20) err("root not in 01..20: " f[1])
    next
}
kind == "actor-codes" {
    n = split(line, f, /[ \t]+/)
    if (n < 3 || f[1] !~ /^([A-Z][A-Z][A-Z]|---)$/) { err("expected CODE TYPE NAME (CODE = 3 capitals or ---)"); next }
    if (!(f[2] in oktype)) { err("unknown type \"" f[2] "\""); next }
    if (f[1] in acode) { err("duplicate actor code block " f[1]); next }
    acode[f[1]] = 1; nent[FILENAME]++
    next
}
kind == "verbs" {
    if (line ~ /^&[A-Za-z0-9_]+[ \t]*=/) next
    if (line !~ /^(!?[0-9][0-9][0-9]?[0-9]?|---)[ \t]/) { err("expected CODE PATTERN or &name = ..."); next }
    split(line, f, /[ \t]+/)
    sub(/^!/, "", f[1])   # !CODE: the act stated as a negation
    if (f[1] != "---" && !(f[1] in event)) err("unknown event code " f[1])   # ---: a sense that is no event
    nent[FILENAME]++
    next
}
kind == "fips-countries" {
    if (line !~ /^[A-Z][A-Z](\.[A-Z0-9]+)?[ \t]+[A-Z][A-Z]$/) err("expected ISO-CODE[.ADM1] FIPS-CODE")
    split(line, f, /[ \t]+/)
    if ((FILENAME SUBSEP f[1]) in fseen) err("\"" f[1] "\" again (line " fseen[FILENAME SUBSEP f[1]] ")")
    fseen[FILENAME SUBSEP f[1]] = FNR
    nent[FILENAME]++
    next
}
kind == "alternate-names" {
    if (line !~ /^[^|=]+( \| [^|=]+)* => [^=]+, [A-Z][A-Z]$/) err("expected NAME | NAME ... => GAZETTEER NAME, CC")
    nent[FILENAME]++
    next
}
kind == "irregular-verbs" {
    if (split(line, f, /[ \t]+/) < 3) err("expected LEMMA PAST PAST-PARTICIPLE")
    nent[FILENAME]++
    next
}
# actors, people, agents, discards: NAMES => CODES
{
    p = index(line, "=>")
    if (p == 0) { err("entry without \"=>\""); next }
    names = trim(substr(line, 1, p - 1)); codes = trim(substr(line, p + 2))
    if (index(codes, "=>")) { err("more than one \"=>\""); next }
    if (names == "") { err("no names before \"=>\""); next }
    if (codes == "") { err("no code after \"=>\""); next }
    nv = split(names, v, /\|/)
    for (i = 1; i <= nv; i++) {
        vi = trim(v[i])
        if (vi == "") { err("empty variant"); continue }
        if (substr(vi, 1, 1) == "~" && kind != "people") err("short form \"~\" outside a people file: " vi)
        k = vkey(vi)
        if (substr(vi, 1, 1) == "~" && kind == "people") continue  # shared surnames are resolved by the story
        if (k in seen) err("duplicate variant \"" vi "\" (also line " seen[k] ")")
        else seen[k] = FNR
        gk = kind SUBSEP k
        if (kind != "discards" && (gk in gseen) && gfile[gk] != FILENAME)
            err("variant \"" vi "\" also in " gfile[gk] ":" gseen[gk])
        else if (!(gk in gseen)) { gseen[gk] = FNR; gfile[gk] = FILENAME }
        nvar[FILENAME]++
    }
    nent[FILENAME]++
    if (kind == "discards") {
        if (codes !~ /^[a-z][a-z-]*$/) err("reason must be one lowercase word: " codes)
        next
    }
    nc = split(codes, c, /;/); undated = 0
    for (i = 1; i <= nc; i++) {
        ci = trim(c[i]); m = split(ci, cf, /[ \t]+/)
        if (m < 1 || m > 2) { err("bad code \"" ci "\""); continue }
        if (kind == "agents") {
            if (!(cf[1] ~ /^[A-Z][A-Z][A-Z]$/ && block[cf[1]] == "sector") && !iscode(cf[1]))
                err("agent code is not a sector block: " cf[1])
        } else if (!iscode(cf[1])) err("code not made of known blocks: " cf[1])
        if (m == 1) { if (++undated > 1) err("more than one undated code"); continue }
        r = cf[2]
        if (r !~ /\.\./) { err("date range must be FROM..TO: " r); continue }
        q = index(r, ".."); from = substr(r, 1, q - 1); to = substr(r, q + 2)
        if (from == "" && to == "") { err("date range open at both ends"); continue }
        if (from != "" && !isdate(from)) err("bad date " from)
        if (to != "" && !isdate(to)) err("bad date " to)
        if (from != "" && to != "" && from > to) err("date range ends before it starts: " r)
    }
}
function summary(fn) {
    if (!quiet && (fn in kindof))
        printf "%-34s %-14s %6d entries %7d variants\n", fn, kindof[fn], nent[fn], nvar[fn]
}
END {
    if (prev != "") summary(prev)
    if (nerr) { printf "%d problem(s)\n", nerr; exit 1 }
    if (!quiet) printf "ok: %d file(s)\n", nfiles
}
' "${files[@]}"
