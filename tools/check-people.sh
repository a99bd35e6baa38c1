#!/usr/bin/env bash
# Checks the people dictionaries (data/actors/people*.txt) for format errors that the
# loader would reject or silently mis-handle; prints file:line diagnostics, exit 1 on error.
#
# Usage: tools/check-people.sh [FILE...]   (default: data/actors/people*.txt)
# Errors: missing/misplaced %version or %kind people; a line without exactly one "=>";
# empty name variants; codes that are not uppercase 3-letter blocks (at most 31 bytes;
# CAMEO's unknown country "---" may open one: a name no country owns at a date);
# more or fewer than one undated (default) code; date ranges that are not valid calendar
# dates YYYY-MM-DD, have FROM > TO, or overlap another range of the same entry; a full
# name variant that appears in two entries (across all files checked); lines over 4096
# bytes. Warnings (no failure): a ~short form shared by several entries, or equal to
# another entry's full name.
# Names are compared the way the tokenizer folds them: case (ASCII), periods, hyphens.
# A ~ variant equal to a full variant of the same entry is allowed: it means "no short
# form" (it stops the last word of the first variant from serving as one).
set -u
cd "$(dirname "$0")/.."
if [ $# -eq 0 ]; then set -- data/actors/people*.txt; fi
for f in "$@"; do [ -r "$f" ] || { echo "$f: cannot read" >&2; exit 2; }; done

LC_ALL=C awk '
function err(msg) { printf "%s:%d: error: %s\n", FILENAME, FNR, msg; nerr++ }
function trim(s) { sub(/^[ \t]+/, "", s); sub(/[ \t]+$/, "", s); return s }
function norm(s) { s = tolower(s); gsub(/\./, "", s); gsub(/[-\t]/, " ", s)
                   gsub(/  +/, " ", s); return trim(s) }
function leap(y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }
function okdate(d,   y, m, dd, mdays) {
    if (d !~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]$/) return 0
    y = substr(d, 1, 4) + 0; m = substr(d, 6, 2) + 0; dd = substr(d, 9, 2) + 0
    if (y < 1900 || y > 2100 || m < 1 || m > 12 || dd < 1) return 0
    split("31 28 31 30 31 30 31 31 30 31 30 31", mdays, " ")
    if (m == 2 && leap(y)) return dd <= 29
    return dd <= mdays[m]
}
FNR == 1 { state = 0 }   # 0: want %version, 1: want %kind, 2: entries
{
    line = $0
    if (length(line) > 4096) { err("line longer than 4096 bytes"); next }
    if (line ~ /^#/) next
    sub(/[ \t]#.*$/, "", line)
    line = trim(line)
    if (line == "") next
    if (state == 0) {
        if (line !~ /^%version [^ \t]+$/) { err("expected \"%version REVISION\" first"); state = 1 }
        else state = 1
        next
    }
    if (state == 1) {
        if (line != "%kind people") err("expected \"%kind people\" second")
        state = 2; next
    }
    if (line ~ /^%/) { err("unexpected directive: " line); next }
    n = split(line, halves, "=>")
    if (n != 2) { err("expected exactly one \"=>\""); next }
    entry++
    where = FILENAME ":" FNR
    # names
    nv = split(halves[1], vars, "|")
    delete full
    for (i = 1; i <= nv; i++) {
        v = trim(vars[i])
        if (v == "" || v == "~") { err("empty name variant"); continue }
        if (v ~ /^~/) continue
        k = norm(v)
        if (k in full) { err("variant repeated in one entry: " v); continue }
        full[k] = 1
        if (k in owner) err("name variant \"" v "\" also at " owner[k])
        else owner[k] = where
    }
    for (i = 1; i <= nv; i++) {
        v = trim(vars[i])
        if (v !~ /^~./) continue
        k = norm(substr(v, 2))
        if (k in full) continue        # "no short form" marker
        if (k in shortat && shortent[k] != entry)
            shortwarn[k] = shortwarn[k] " " where
        else { shortat[k] = where; shortent[k] = entry }
    }
    # codes
    nc = split(halves[2], codes, ";")
    ndef = 0; nr = 0
    for (i = 1; i <= nc; i++) {
        c = trim(codes[i])
        if (c == "") { err("empty code"); continue }
        nf = split(c, parts, /[ \t]+/)
        code = parts[1]
        if (code !~ /^(---)?([A-Z][A-Z][A-Z])+$/ || length(code) > 31) {
            err("code \"" code "\" is not uppercase 3-letter blocks"); continue }
        if (nf == 1) { ndef++; continue }
        if (nf != 2 || parts[2] !~ /^[0-9-]*\.\.[0-9-]*$/) { err("bad date range in \"" c "\""); continue }
        split(parts[2], ends, /\.\./)
        from = ends[1]; to = ends[2]
        if (from == "" && to == "") { err("range open at both ends: " c); continue }
        if (from != "" && !okdate(from)) { err("invalid date " from); continue }
        if (to != "" && !okdate(to)) { err("invalid date " to); continue }
        if (from != "" && to != "" && from > to) { err("FROM after TO: " c); continue }
        nr++; rf[nr] = (from == "" ? "0000-00-00" : from); rt[nr] = (to == "" ? "9999-99-99" : to)
    }
    if (ndef != 1) err(ndef " undated default codes (want exactly 1)")
    for (i = 1; i <= nr; i++) for (j = i + 1; j <= nr; j++)
        if (rf[i] <= rt[j] && rf[j] <= rt[i])
            err("ranges overlap: " rf[i] ".." rt[i] " and " rf[j] ".." rt[j])
    ranges += nr
}
END {
    for (k in shortat) if ((k in owner) && owner[k] != shortat[k])
        printf "warning: short form ~%s at %s is a full name at %s\n", k, shortat[k], owner[k]
    for (k in shortwarn) printf "warning: short form ~%s shared by %s%s\n", k, shortat[k], shortwarn[k]
    printf "%d entries, %d name variants, %d dated ranges, %d errors\n", entry, length(owner), ranges, nerr > "/dev/stderr"
    exit nerr > 0
}' "$@"
