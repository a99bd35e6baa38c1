#!/usr/bin/env bash
# Checks the verb-pattern files of CAMEO roots 01-08 (data/verbs/01.txt .. 08.txt) against
# docs/dictionary-format.md and reports the number of patterns per code.
#
# usage: tools/check-verbs.sh [-q] [-a] [FILE...]     (default: data/verbs/0[1-8].txt)
#   -q   print only problems and the totals, not the per-code counts
#   -a   accept codes of any root (to look for overlaps with other roots' verb files)
# Exit status: 0 clean, 1 problems found, 2 usage error.
#
# Checks: %version / %kind verbs directives before the first entry; each pattern line is
# CODE (2-4 digits, a code of roots 01-08, of the file's own root when the file is named
# NN.txt) followed by a head word (a plain lowercase lemma); elements are words, `a | b`
# alternatives of words, `&synset`, `+` or `$`; synsets defined before use, defined once,
# and each used; at most one `+` and one `$` per pattern; no pattern written twice and no
# two patterns matching the same word sequence (alternatives and synsets expanded);
# literal words written singular (a word ending in -s is flagged unless listed below);
# every code of the roots checked (all of 01-08 unless only NN.txt files are given) has
# at least one pattern.
set -euo pipefail

quiet=0
anycode=0
while [ $# -gt 0 ]; do
    case "$1" in
        -q) quiet=1; shift ;;
        -a) anycode=1; shift ;;
        -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
        -*) echo "unknown option $1" >&2; exit 2 ;;
        *) break ;;
    esac
done

root_dir=$(cd "$(dirname "$0")/.." && pwd)
if [ $# -eq 0 ]; then
    for r in 01 02 03 04 05 06 07 08; do
        [ -e "$root_dir/data/verbs/$r.txt" ] || { echo "check-verbs: missing data/verbs/$r.txt" >&2; exit 1; }
    done
    set -- "$root_dir"/data/verbs/0[1-8].txt
fi
for f in "$@"; do
    [ -r "$f" ] || { echo "check-verbs: cannot read $f" >&2; exit 2; }
done

# Every code of roots 01-08 (CAMEO 1.1b3).
CODES="
010 011 012 013 014 015 016 017 018 019
020 021 0211 0212 0213 0214 022 023 0231 0232 0233 0234 024 0241 0242 0243 0244
025 0251 0252 0253 0254 0255 0256 026 027 028
030 031 0311 0312 0313 0314 032 033 0331 0332 0333 0334 034 0341 0342 0343 0344
035 0351 0352 0353 0354 0355 0356 036 037 038 039
040 041 042 043 044 045 046
050 051 052 053 054 055 056 057
060 061 062 063 064
070 071 072 073 074 075
080 081 0811 0812 0813 0814 082 083 0831 0832 0833 0834 084 0841 0842 085
086 0861 0862 0863 087 0871 0872 0873 0874
"

# Words ending in -s that are not plurals (or are allowed as written).
NOT_PLURAL="as is us was has his its this thus across whereas news always perhaps
overseas less unless yes gas bus alias status crisis basis thesis analysis emphasis
progress congress access address press process success chaos politics economics
corps alongside various serious previous means amends ones sidelines remains
towards afterwards backwards barracks"

awk -v codes="$CODES" -v notplural="$NOT_PLURAL" -v quiet="$quiet" -v anycode="$anycode" '
function err(msg) { printf "%s:%d: %s\n", FILENAME, FNR, msg > "/dev/stderr"; nerr++ }
function warn(msg) { printf "%s:%d: warning: %s\n", FILENAME, FNR, msg > "/dev/stderr"; nwarn++ }

# Expands pattern elements el[1..n] (alternatives written "a|b") into word sequences,
# stored in seq[1..nseq]; synsets are expanded from syn[file, name].
function expand(n,    i, j, k, m, nalt, alt, nnew, newseq, name, body) {
    nseq = 1; seq[1] = ""
    for (i = 1; i <= n; i++) {
        if (substr(el[i], 1, 1) == "&") {
            name = substr(el[i], 2); body = syn[FILENAME, name]
            nalt = split(body, alt, "|")
        } else {
            nalt = split(el[i], alt, "|")
        }
        nnew = 0
        for (j = 1; j <= nseq; j++)
            for (k = 1; k <= nalt; k++) {
                newseq[++nnew] = (seq[j] == "" ? alt[k] : seq[j] " " alt[k])
                if (nnew > 20000) { err("pattern expands to more than 20000 sequences"); nseq = 0; return }
            }
        for (m = 1; m <= nnew; m++) seq[m] = newseq[m]
        nseq = nnew
    }
}

function check_word(w, where) {
    if (w !~ /^[a-z0-9][a-z0-9'\''-]*$/) { err("bad word \"" w "\" " where); return }
    if (w ~ /s$/ && w !~ /(ss|us|is|ics)$/ && !(w in okplural))
        warn("\"" w "\" looks plural " where "; write nouns singular")
}

BEGIN {
    ncodes = split(codes, clist, /[ \n]+/)
    for (i = 1; i <= ncodes; i++) if (clist[i] != "") known[clist[i]] = 1
    n = split(notplural, tmp, /[ \n]+/)
    for (i = 1; i <= n; i++) okplural[tmp[i]] = 1
}

FNR == 1 {
    if (prevfile != "") finish_file()
    prevfile = FILENAME; files[++nfiles] = FILENAME; have_version = 0; have_kind = 0; entries = 0
    fileroot = FILENAME; sub(/^.*\//, "", fileroot)
    if (fileroot ~ /^(0[1-8])\.txt$/) { fileroot = substr(fileroot, 1, 2); rootgiven[fileroot] = 1 }
    else { fileroot = ""; anyroot = 1 }
    nsyn = 0
}

{
    line = $0
    sub(/\r$/, "", line)
    # "#" starts a comment at line start or after whitespace
    if (line ~ /^#/) line = ""
    else sub(/[ \t]#.*$/, "", line)
    gsub(/[ \t]+/, " ", line); sub(/^ /, "", line); sub(/ $/, "", line)
    if (line == "") next
}

line ~ /^%/ {
    if (line ~ /^%version [^ ]+$/) { if (entries) err("%version after entries"); have_version++ }
    else if (line == "%kind verbs") { if (entries) err("%kind after entries"); have_kind++ }
    else if (line ~ /^%kind /) err("file kind must be verbs: " line)
    else err("unknown or malformed directive: " line)
    next
}

{
    entries++
    if (entries == 1 && (have_version != 1 || have_kind != 1))
        err("file must begin with exactly one %version and one %kind verbs line")
}

line ~ /^&/ {
    if (line !~ /^&[a-z][a-z0-9_]* = /) { err("malformed synset definition: " line); next }
    name = line; sub(/ = .*/, "", name); name = substr(name, 2)
    body = line; sub(/^[^=]*= /, "", body)
    if ((FILENAME, name) in syn) { err("synset &" name " defined twice"); next }
    gsub(/ ?\| ?/, "|", body)
    n = split(body, alt, "|")
    if (n < 2) warn("synset &" name " has a single member")
    clean = ""
    for (i = 1; i <= n; i++) {
        if (alt[i] ~ / /) { err("synset member \"" alt[i] "\" must be one word"); continue }
        check_word(alt[i], "in synset &" name)
        if ((FILENAME, name, alt[i]) in member) warn("synset &" name " lists \"" alt[i] "\" twice")
        member[FILENAME, name, alt[i]] = 1
    }
    syn[FILENAME, name] = body; synused[FILENAME, name] = 0; synline[FILENAME, name] = FNR
    synorder[++nsyn] = name
    next
}

{
    code = line; sub(/ .*/, "", code)
    pat = line; sub(/^[^ ]* ?/, "", pat)
    if (code !~ /^[0-9][0-9][0-9]?[0-9]?$/) { err("pattern line must start with a 2-4 digit code: " line); next }
    if (!(code in known) && !(anycode && substr(code, 1, 2) > "08" && substr(code, 1, 2) <= "20"))
        err("code " code " is not a code of roots 01-08")
    else if (fileroot != "" && substr(code, 1, 2) != fileroot) err("code " code " does not belong in root " fileroot)
    if (pat == "") { err("code " code " has no pattern"); next }

    # join alternatives into single elements: "a | b | c" -> "a|b|c"
    p = pat; gsub(/ ?\| ?/, "|", p)
    if (p ~ /^\||\|$|\|\|/) { err("dangling | in: " pat); next }
    n = split(p, el, " ")
    nplus = 0; ndollar = 0; bad = 0
    for (i = 1; i <= n; i++) {
        e = el[i]
        if (e == "+") { nplus++; if (i == 1) { err("pattern must start with a head verb: " pat); bad = 1 } ; continue }
        if (e == "$") { ndollar++; if (i == 1) { err("pattern must start with a head verb: " pat); bad = 1 } ; continue }
        if (substr(e, 1, 1) == "&" && e !~ /\|/) {
            if (i == 1) { err("head verb cannot be a synset: " pat); bad = 1; continue }
            name = substr(e, 2)
            if (!((FILENAME, name) in syn)) { err("synset " e " used before its definition"); bad = 1; continue }
            synused[FILENAME, name]++
            continue
        }
        if (e ~ /\|/) {
            if (i == 1) { err("head verb cannot be an alternative: " pat); bad = 1; continue }
            na = split(e, alt, "|")
            for (k = 1; k <= na; k++) {
                if (alt[k] ~ /^[&+$]/) { err("alternatives must be plain words, not " alt[k] ": " pat); bad = 1 }
                else check_word(alt[k], "in: " pat)
            }
            continue
        }
        check_word(e, "in: " pat)
    }
    if (nplus > 1) err("more than one + in: " pat)
    if (ndollar > 1) err("more than one $ in: " pat)
    if (bad) next

    here = FILENAME ":" FNR " " code
    if (p in written) { err("duplicate pattern \"" pat "\" (also " written[p] ")"); next }
    written[p] = here

    # two patterns matching the same word sequence: report the first one per pattern
    expand(n)
    for (j = 1; j <= nseq; j++) {
        s = seq[j]
        if (!(s in seqseen)) { seqseen[s] = here; continue }
        if (seqseen[s] != here) { err("\"" s "\" is matched by this pattern (" code ") and by " seqseen[s]); break }
    }
    count[code]++; total++
    filecount[FILENAME]++
}

function finish_file(   i, name) {
    if (entries == 0) { printf "%s: no entries\n", prevfile > "/dev/stderr"; nerr++ }
    for (i = 1; i <= nsyn; i++) {
        name = synorder[i]
        if (synused[prevfile, name] == 0) {
            printf "%s:%d: synset &%s is never used\n", prevfile, synline[prevfile, name], name > "/dev/stderr"; nerr++
        }
    }
}

END {
    if (prevfile != "") finish_file()
    for (i = 1; i <= ncodes; i++) {
        c = clist[i]; if (c == "") continue
        if (!anyroot && !(substr(c, 1, 2) in rootgiven)) continue
        if (!(c in count)) { printf "code %s has no pattern\n", c > "/dev/stderr"; nerr++ }
    }
    if (!quiet) {
        for (i = 1; i <= ncodes; i++) {
            c = clist[i]; if (c == "") continue
            if (!anyroot && !(substr(c, 1, 2) in rootgiven)) continue
            printf "%-5s %5d\n", c, count[c] + 0
        }
    }
    for (i = 1; i <= nfiles; i++) printf "%s: %d patterns\n", files[i], filecount[files[i]]
    printf "total: %d patterns, %d errors, %d warnings\n", total, nerr, nwarn
    exit (nerr > 0)
}
' "$@"
