#!/usr/bin/env bash
# dyad's CAMEO event-code table (data/cameo/event-codes.txt): every code has a name, a
# Goldstein value in [-10, 10] and a root; QuadClass follows the root. Checked against the
# CAMEO codebook in ../shared/eval when it is there (codes and Goldstein values).
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
"$DYAD" dict stats >"$TMP/stats" 2>&1
check "dict stats: every 3- and 4-digit code has a verb pattern (only the 20 roots have none)" \
    awk '/codes without patterns/ { on = 1; next } on && NF >= 1 && length($1) > 2 { print "# no pattern: " $0; bad = 1 }
         END { exit bad }' "$TMP/stats"

CSV="$SHARED/eval/cameo_codebook/cameo-codes.utf8.csv"
if [ -f "$CSV" ]; then
    # Columns are found by name: the one called like "code" and the one like "goldstein".
    python3 - "$CSV" "$TMP/ours" >"$TMP/cmp" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
cols = rows[0].keys() if rows else []
code = next((c for c in cols if c.strip().lower() in ("code", "cameo", "cameo code", "cameocode")), None) \
    or next((c for c in cols if "code" in c.lower()), None)
gold = next((c for c in cols if "goldstein" in c.lower()), None)
ours = dict(l.split() for l in open(sys.argv[2]))
miss = bad = 0
for r in rows:
    c = (r.get(code) or "").strip()
    if not c.isdigit(): continue
    if c not in ours: print("# missing code", c); miss += 1; continue
    if gold and (r.get(gold) or "").strip():
        try:
            if abs(float(r[gold]) - float(ours[c])) > 0.05: print("# goldstein", c, r[gold], ours[c]); bad += 1
        except ValueError: pass
print("missing", miss, "goldstein", bad)
PY
    check "every codebook code is in dyad's table" grep -q '^missing 0 ' "$TMP/cmp"
    check "Goldstein values agree with the codebook" grep -q ' goldstein 0$' "$TMP/cmp"
    grep '^#' "$TMP/cmp" | head -20
else
    skip "../shared/eval/cameo_codebook/cameo-codes.utf8.csv is absent: codebook comparison"
    skip "../shared/eval/cameo_codebook/cameo-codes.utf8.csv is absent: Goldstein comparison"
fi
done_testing
