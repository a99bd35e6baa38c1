#!/usr/bin/env bash
# dyad's CAMEO event-code table (data/cameo/event-codes.txt): every code has a name, a
# Goldstein value in [-10, 10] and a root; QuadClass follows the root. Checked against the
# CAMEO codebook in ../shared/eval when it is there (codes and Goldstein values).
# dyad follows GDELT's Goldstein table; docs/dictionary-format.md lists the codes where the
# ICEWS codebook table differs, with both values, and this test holds both columns to it.
. "$(dirname "$0")/lib.sh"
TABLE="$ROOT/data/cameo/event-codes.txt"
awk '!/^[[:space:]]*(#|%|$)/ { print $1, $2 }' "$TABLE" >"$TMP/ours"
check "the table has the 20 roots" test "$(awk 'length($1) == 2' "$TMP/ours" | wc -l)" -eq 20
check "the table has about 310 codes" test "$(wc -l <"$TMP/ours")" -ge 300
check "every Goldstein value is a number in [-10, 10]" \
    awk '!($2 ~ /^-?[0-9]+(\.[0-9]+)?$/ && $2 >= -10 && $2 <= 10) { bad = 1; print "# " $0 } END { exit bad }' "$TMP/ours"
check "every code's parent code is in the table" \
    awk '{ have[$1] = 1; c[NR] = $1 } END { for (i = 1; i <= NR; i++) { p = substr(c[i], 1, length(c[i]) - 1);
          if (length(c[i]) > 2 && !(p in have)) { print "# no parent for " c[i]; bad = 1 } } exit bad }' "$TMP/ours"
# The documented differences: "code dyad icews" from the table in docs/dictionary-format.md.
sed -n '/^### Which Goldstein table/,/^## /p' "$ROOT/docs/dictionary-format.md" |
    awk -F'|' '$2 ~ /^ *[0-9]+ *$/ { gsub(/ /, "", $2); gsub(/ /, "", $3); gsub(/ /, "", $4); print $2, $3, $4 }' >"$TMP/documented"
check "the docs name the codes where dyad's Goldstein table differs from ICEWS's" test "$(wc -l <"$TMP/documented")" -ge 5
check "dyad's table has the documented (GDELT) value for each of them" \
    awk 'NR == FNR { ours[$1] = $2; next } !($1 in ours) || ours[$1] + 0 != $2 + 0 { print "# " $1 " documented " $2 " table " ours[$1]; bad = 1 }
         END { exit bad }' "$TMP/ours" "$TMP/documented"
check "codes 1213 and 1214 (CAMEO 1.1b3) are in the table" test "$(grep -c '^121[34] ' "$TMP/ours")" -eq 2
"$DYAD" dict stats >"$TMP/stats" 2>&1
check "dict stats: every 3- and 4-digit code has a verb pattern (only the 20 roots have none)" \
    awk '/codes without patterns/ { on = 1; next } on && NF >= 1 && length($1) > 2 { print "# no pattern: " $0; bad = 1 }
         END { exit bad }' "$TMP/stats"

CSV="$SHARED/eval/cameo_codebook/cameo-codes.utf8.csv"
if [ -f "$CSV" ]; then
    # Columns are found by name: the one called like "code" and the one like "goldstein".
    python3 - "$CSV" "$TMP/ours" "$TMP/documented" >"$TMP/cmp" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
cols = rows[0].keys() if rows else []
code = next((c for c in cols if c.strip().lower() in ("code", "cameo", "cameo code", "cameocode")), None) \
    or next((c for c in cols if "code" in c.lower()), None)
gold = next((c for c in cols if "goldstein" in c.lower()), None)
ours = dict(l.split() for l in open(sys.argv[2]))
# A documented difference passes when ICEWS has the documented ICEWS value.
documented = {c: float(icews) for c, _, icews in (l.split() for l in open(sys.argv[3]))}
miss = bad = 0
for r in rows:
    c = (r.get(code) or "").strip()
    if not c.isdigit(): continue
    if c not in ours: print("# missing code", c); miss += 1; continue
    if gold and (r.get(gold) or "").strip():
        try:
            want = documented.get(c, float(ours[c]))
            if abs(float(r[gold]) - want) > 0.05: print("# goldstein", c, r[gold], ours[c]); bad += 1
        except ValueError: pass
print("missing", miss, "goldstein", bad)
PY
    check "every codebook code is in dyad's table" grep -q '^missing 0 ' "$TMP/cmp"
    check "Goldstein values agree with the codebook, except where docs/ say otherwise" grep -q ' goldstein 0$' "$TMP/cmp"
    grep '^#' "$TMP/cmp" | head -20
else
    skip "../shared/eval/cameo_codebook/cameo-codes.utf8.csv is absent: codebook comparison"
    skip "../shared/eval/cameo_codebook/cameo-codes.utf8.csv is absent: Goldstein comparison"
fi
done_testing
