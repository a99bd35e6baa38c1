#!/usr/bin/env bash
# Looks a full name up in the people dictionaries and prints the code it has on a date,
# by the format's rule: the dated code whose range holds the date, else the default.
#
# Usage: tools/people-lookup.sh NAME YYYY-MM-DD [FILE...]  (default: data/actors/people*.txt)
# Names compare as the tokenizer folds them (ASCII case, periods, hyphens); short forms
# (~) are not looked up. Prints "CODE<TAB>FILE:LINE"; exit 1 when the name is not found
# or has no code on that date.
set -u
[ $# -ge 2 ] || { echo "usage: $0 NAME YYYY-MM-DD [FILE...]" >&2; exit 2; }
name=$1 date=$2; shift 2
cd "$(dirname "$0")/.."
if [ $# -eq 0 ]; then set -- data/actors/people*.txt; fi
LC_ALL=C awk -v want="$name" -v d="$date" '
function trim(s) { sub(/^[ \t]+/, "", s); sub(/[ \t]+$/, "", s); return s }
function norm(s) { s = tolower(s); gsub(/\./, "", s); gsub(/[-\t]/, " ", s)
                   gsub(/  +/, " ", s); return trim(s) }
BEGIN { want = norm(want) }
/^[ \t]*#/ || !/=>/ { next }
{
    line = $0; sub(/[ \t]#.*$/, "", line)
    split(line, halves, "=>")
    nv = split(halves[1], vars, "|"); hit = 0
    for (i = 1; i <= nv; i++) { v = trim(vars[i]); if (v !~ /^~/ && norm(v) == want) hit = 1 }
    if (!hit) next
    nc = split(halves[2], codes, ";"); def = ""; got = ""
    for (i = 1; i <= nc; i++) {
        c = trim(codes[i]); nf = split(c, parts, /[ \t]+/)
        if (nf == 1) { def = c; continue }
        split(parts[2], ends, /\.\./)
        if ((ends[1] == "" || ends[1] <= d) && (ends[2] == "" || d <= ends[2])) got = parts[1]
    }
    if (got == "") got = def
    if (got == "") exit 1
    printf "%s\t%s:%d\n", got, FILENAME, FNR; found = 1; exit 0
}
END { exit !found }' "$@"
