#!/usr/bin/env bash
# lexgen.sh: generates the lexicon table (lexicon_data.c) from Debian's WordNet and
# dyad's closed-class word list. Usage: lexgen.sh WORDNET_DIR CLOSED_CLASS_FILE > out.c
#
# Every single-word WordNet lemma (collocations with '_' and hyphenated or dotted lemmas
# are skipped: the tokenizer never produces them) gets its parts of speech; regular
# inflections are generated (noun plurals; verb -s, -ed, -ing with the usual spelling
# rules) and the irregular ones come from noun.exc, verb.exc and adj.exc. A word form
# keeps two lemmas: as a verb and as a noun ("leaves": leave / leaf). The closed-class
# file then overrides (or, with the WN tag, extends) what WordNet said.
#
# Output: one string blob, parallel arrays indexed by entry, and an open-addressing hash
# table (linear probing, size LEXDATA_SLOTS, a prime) keyed by
#   h = 0; for each byte c: h = h * 31 + c (mod 2^32);  slot = h % LEXDATA_SLOTS
# which src/lexicon.c computes the same way.
set -euo pipefail
LC_ALL=C
export LC_ALL
wn=${1:?usage: lexgen.sh WORDNET_DIR CLOSED_CLASS_FILE}
cc=${2:?usage: lexgen.sh WORDNET_DIR CLOSED_CLASS_FILE}
for f in index.noun index.verb index.adj index.adv noun.exc verb.exc adj.exc; do
    [ -r "$wn/$f" ] || { echo "lexgen.sh: $wn/$f: not readable (install wordnet-base)" >&2; exit 1; }
done
[ -r "$cc" ] || { echo "lexgen.sh: $cc: not readable" >&2; exit 1; }

# Pass 1: collect every form. Output lines: form TAB tags TAB vlemma TAB nlemma TAB prior
# (prior: 0 noun, 1 verb, 2 adj, 3 adv: the open class WordNet's sense-tagged corpus
# counts most often for the lemma(s) behind the form).
awk -v wn="$wn" -v cc="$cc" '
function bitval(name) {
    return (name in BIT) ? BIT[name] : -1
}
function has(x, b) { return int(x / b) % 2 == 1 }
function orbits(x, b) { return has(x, b) ? x : x + b }
function ok(w) { return w ~ /^[a-z][a-z0-9'\'']*$/ }
function score(form, pos, n) { # accumulate the evidence for the prior
    if (SC[form, pos] < n) SC[form, pos] = n
}
function add(form, bits, vlem, nlem,    i, n, b) {
    if (!ok(form)) return
    n = split("1 2 4 8 16 32 64 128 256 512 1024 2048 4096 8192 16384 32768 65536 131072 262144 524288 1048576 2097152 4194304 8388608", P, " ")
    for (i = n; i >= 1; i--) {
        b = P[i] + 0
        if (bits >= b) { bits -= b; TAGS[form] = orbits(TAGS[form] + 0, b) }
    }
    if (vlem != "" && !(form in VLEM)) VLEM[form] = vlem
    if (nlem != "" && !(form in NLEM)) NLEM[form] = nlem
}
function hex(s,    i, v, c) {
    v = 0
    for (i = 1; i <= length(s); i++) { c = index("0123456789abcdef", tolower(substr(s, i, 1))); v = v * 16 + c - 1 }
    return v
}
function plural(w) {
    if (w ~ /(s|x|z|ch|sh)$/) return w "es"
    if (w ~ /[^aeiou]y$/) return substr(w, 1, length(w) - 1) "ies"
    return w "s"
}
function third(w) {
    if (w ~ /(s|x|z|ch|sh|[^aeiou]o)$/) return w "es"
    if (w ~ /[^aeiou]y$/) return substr(w, 1, length(w) - 1) "ies"
    return w "s"
}
function cvc(w) { # a stressed consonant-vowel-consonant monosyllable: stop, plan, ban
    return w ~ /^[^aeiouy]*[aeiou][bcdfgklmnprstvz]$/
}
function past(w) {
    if (w ~ /e$/) return w "d"
    if (w ~ /[^aeiou]y$/) return substr(w, 1, length(w) - 1) "ied"
    if (cvc(w)) return w substr(w, length(w), 1) "ed"
    if (w ~ /c$/) return w "ked"   # panic, traffic
    return w "ed"
}
function gerund(w) {
    if (w ~ /ie$/) return substr(w, 1, length(w) - 2) "ying"
    if (w ~ /[^aeioy]e$/ && w != "be") return substr(w, 1, length(w) - 1) "ing"
    if (cvc(w)) return w substr(w, length(w), 1) "ing"
    if (w ~ /c$/) return w "king"
    return w "ing"
}
function index_file(file, pos, bit,    line, f, n, w, pc, tagged, syn) {
    while ((getline line < file) > 0) {
        if (line ~ /^ /) continue                 # the licence header
        n = split(line, f, " ")
        w = f[1]
        if (!ok(w)) continue
        syn = f[3] + 0; pc = f[4] + 0
        tagged = f[6 + pc] + 0
        LEMMA[w, pos] = 1
        add(w, bit, pos == 1 ? w : "", pos == 0 ? w : "")
        score(w, pos, tagged * 100 + syn)
        WEIGHT[w, pos] = tagged * 100 + syn
    }
    close(file)
}
BEGIN {
    split("NOUN VERB ADJ ADV DET PREP PRON POSSPRON CONJ SUBCONJ AUX MODAL NEG REL NUM SAY PAST GERUND PLURAL MONTH WEEKDAY TITLE PROPER", N, " ")
    for (i = 1; i <= 23; i++) BIT[N[i]] = 2 ^ (i - 1)

    index_file(wn "/index.noun", 0, BIT["NOUN"])
    index_file(wn "/index.verb", 1, BIT["VERB"])
    index_file(wn "/index.adj", 2, BIT["ADJ"])
    index_file(wn "/index.adv", 3, BIT["ADV"])

    # Names: nouns that data.noun writes capitalized in at least as many synsets as in
    # lowercase (Seoul, Russia, China, Japan; not Mark or Polish).
    while ((getline line < (wn "/data.noun")) > 0) {
        if (line ~ /^ /) continue
        n = split(line, f, " ")
        cnt = hex(f[4])
        for (i = 0; i < cnt; i++) {
            w = f[5 + 2 * i]
            lw = tolower(w)
            if (w != lw) CAPNAME[lw]++; else LOWNAME[lw]++
        }
    }
    close(wn "/data.noun")
    for (w in CAPNAME) if (CAPNAME[w] >= LOWNAME[w] + 0 && (w in TAGS)) add(w, BIT["PROPER"], "", "")

    # Irregular forms first, so that they are known when the regular ones are made.
    while ((getline line < (wn "/noun.exc")) > 0) {
        split(line, f, " ")
        if (!ok(f[1]) || !ok(f[2])) continue
        add(f[1], BIT["NOUN"] + BIT["PLURAL"], "", f[2]); score(f[1], 0, WEIGHT[f[2], 0])
        IRRPL[f[2]] = 1; EXCFORM[f[1]] = 1
    }
    close(wn "/noun.exc")
    while ((getline line < (wn "/verb.exc")) > 0) {
        split(line, f, " ")
        if (!ok(f[1]) || !ok(f[2])) continue
        b = (f[1] ~ /ing$/) ? BIT["GERUND"] : BIT["PAST"]
        add(f[1], BIT["VERB"] + b, f[2], ""); score(f[1], 1, WEIGHT[f[2], 1])
    }
    close(wn "/verb.exc")
    while ((getline line < (wn "/adj.exc")) > 0) {
        split(line, f, " ")
        if (!ok(f[1])) continue
        add(f[1], BIT["ADJ"], "", ""); score(f[1], 2, WEIGHT[f[2], 2])
    }
    close(wn "/adj.exc")

    # Regular inflections of every lemma.
    for (k in LEMMA) {
        split(k, f, SUBSEP); w = f[1]; pos = f[2] + 0
        if (pos == 0 && !(w in IRRPL)) {
            # A plural that WordNet also lists as a lemma ("talks", "arms") still gets
            # its singular as the noun lemma.
            p = plural(w); add(p, BIT["NOUN"] + BIT["PLURAL"], "", w); score(p, 0, WEIGHT[w, 0])
            if (ok(p) && !(p in EXCFORM)) NLEM[p] = w
            if (w ~ /man$/) { # gunman -> gunmen (and German -> Germans above)
                p = substr(w, 1, length(w) - 2) "en"
                add(p, BIT["NOUN"] + BIT["PLURAL"], "", w); score(p, 0, WEIGHT[w, 0])
            }
        } else if (pos == 1) {
            p = third(w); add(p, BIT["VERB"], w, ""); score(p, 1, WEIGHT[w, 1])
            p = past(w); add(p, BIT["VERB"] + BIT["PAST"], w, ""); score(p, 1, WEIGHT[w, 1])
            p = gerund(w); add(p, BIT["VERB"] + BIT["GERUND"], w, ""); score(p, 1, WEIGHT[w, 1])
        }
    }

    # The closed-class list: "word TAG... [lemma=x]"; its tags replace WordNet'\''s unless
    # the line says WN (then they are added).
    ln = 0
    while ((getline line < cc) > 0) {
        ln++
        sub(/#.*/, "", line)
        if (line ~ /^%/ || line ~ /^[ \t]*$/) continue
        n = split(line, f, " ")
        w = f[1]; bits = 0; lem = ""; keep = 0
        for (i = 2; i <= n; i++) {
            if (f[i] ~ /^lemma=/) { lem = substr(f[i], 7); continue }
            if (f[i] == "WN") { keep = 1; continue }
            b = bitval(f[i])
            if (b < 0) { printf "lexgen.sh: %s:%d: unknown tag %s\n", cc, ln, f[i] > "/dev/stderr"; bad = 1; continue }
            if (!has(bits, b)) bits += b
        }
        if (!keep && !(w in SEEN)) { delete TAGS[w]; delete VLEM[w]; delete NLEM[w]; for (p = 0; p < 4; p++) delete SC[w, p] }
        SEEN[w] = 1
        if (lem == "") lem = w
        if (lem != "" && !keep) { VLEM[w] = lem; NLEM[w] = lem }
        if (keep && lem != w) { VLEM[w] = lem }
        if (w !~ /^[a-z0-9'\''.-]+$/) { printf "lexgen.sh: %s:%d: bad word %s\n", cc, ln, w > "/dev/stderr"; bad = 1; continue }
        tb = TAGS[w] + 0
        for (i = 23; i >= 1; i--) { b = BIT[N[i]]; if (has(bits, b)) tb = orbits(tb, b) }
        TAGS[w] = tb
        CLOSED[w] = 1
    }
    close(cc)
    if (bad) exit 1

    for (w in TAGS) {
        best = 0; bs = -1
        for (p = 0; p < 4; p++) if (((w, p) in SC) && SC[w, p] > bs) { bs = SC[w, p]; best = p }
        v = (w in VLEM) ? VLEM[w] : w
        m = (w in NLEM) ? NLEM[w] : w
        printf "%s\t%d\t%s\t%s\t%d\n", w, TAGS[w], v, m, best
    }
}' | sort -t "$(printf '\t')" -k1,1 | awk -F '\t' -v cc="$cc" '
# Pass 2: the C file. Entries are in byte order; lemmas point at the entry of the lemma
# when there is one, else at an extra string appended to the blob.
function hash(s,    h, i, n) {
    h = 0; n = length(s)
    for (i = 1; i <= n; i++) h = (h * 31 + ORD[substr(s, i, 1)]) % 4294967296
    return h
}
function cstr(s) { gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); return s }
function offset_of(s) {
    if (s in OFF) return OFF[s]
    OFF[s] = blob_len; EXTRA[++n_extra] = s; blob_len += length(s) + 1
    return OFF[s]
}
BEGIN { for (i = 32; i < 127; i++) ORD[sprintf("%c", i)] = i; n = 0; blob_len = 0 }
{
    W[n] = $1; T[n] = $2; V[n] = $3; M[n] = $4; PR[n] = $5
    OFF[$1] = blob_len; blob_len += length($1) + 1
    n++
}
END {
    # The smallest listed prime over twice the entries, so that probes stay short.
    split("131071 262139 524287 1048573 2097143", PRIMES, " ")
    slots = 0
    for (i = 1; i <= 5; i++) if (!slots && PRIMES[i] + 0 > n * 2) slots = PRIMES[i] + 0
    if (!slots) { print "lexgen.sh: too many entries" > "/dev/stderr"; exit 1 }
    for (i = 0; i < n; i++) { VO[i] = offset_of(V[i]); MO[i] = offset_of(M[i]) }
    print "/* generated by tools/lexgen.sh from WordNet 3.0 and " cc "; do not edit. */"
    print "/* lexicon_data.c: the lexicon table that src/lexicon.c reads (see lexgen.sh). */"
    print "#include <stdint.h>"
    printf "const uint32_t lexdata_n = %d;\n", n
    printf "const uint32_t lexdata_slots = %d;\n", slots
    print "const char lexdata_blob[] ="
    line = ""
    for (i = 0; i < n; i++) {
        line = line cstr(W[i]) "\\0"
        if (length(line) > 100) { printf "\"%s\"\n", line; line = "" }
    }
    for (i = 1; i <= n_extra; i++) {
        line = line cstr(EXTRA[i]) "\\0"
        if (length(line) > 100) { printf "\"%s\"\n", line; line = "" }
    }
    printf "\"%s\";\n", line
    print "const uint32_t lexdata_word[] = {"
    for (i = 0; i < n; i++) printf "%d,%s", OFF[W[i]], (i % 16 == 15) ? "\n" : ""
    print "};"
    print "const uint32_t lexdata_vlemma[] = {"
    for (i = 0; i < n; i++) printf "%d,%s", VO[i], (i % 16 == 15) ? "\n" : ""
    print "};"
    print "const uint32_t lexdata_nlemma[] = {"
    for (i = 0; i < n; i++) printf "%d,%s", MO[i], (i % 16 == 15) ? "\n" : ""
    print "};"
    print "const uint32_t lexdata_tags[] = {"
    for (i = 0; i < n; i++) printf "%d,%s", T[i], (i % 16 == 15) ? "\n" : ""
    print "};"
    print "const uint8_t lexdata_prior[] = {"
    for (i = 0; i < n; i++) printf "%d,%s", PR[i], (i % 32 == 31) ? "\n" : ""
    print "};"
    # Linear probing; slot values are entry + 1 (0 = empty).
    for (i = 0; i < n; i++) {
        s = hash(W[i]) % slots
        while (s in SLOT) s = (s + 1) % slots
        SLOT[s] = i + 1
    }
    print "const uint32_t lexdata_slot[] = {"
    for (s = 0; s < slots; s++) printf "%d,%s", (s in SLOT) ? SLOT[s] : 0, (s % 32 == 31) ? "\n" : ""
    print "};"
}'
