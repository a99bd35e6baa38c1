#!/usr/bin/env bash
# score.sh: accuracy of dyad with its own dictionaries on the third-party gold data in
# ../shared/eval (never copied into the project), and of dyad on PETRARCH's unit-test
# file with PETRARCH's own dictionaries. Each part skips, saying so, when its data is
# absent. Results go to stdout; record them in BENCHMARKS.md.
#
#   PETR.UnitTest.public.xml  -> dyad validate (target: >= 90% records correct)
#   CAMEO codebook examples   -> right root >= 80%, right full code >= 60%
#   ConfliBERT test sentences -> right PentaClass >= 70%
#   PLOVER gold records       -> right PLOVER category (mapped from CAMEO)
#   test/data/gold/dyad-gold.xml (the project's own blind gold set; always runs)
set -u
cd "$(dirname "$0")/.."
DYAD=${DYAD:-build/dyad}
EVAL=${EVAL_DIR:-../shared/eval}
[ -x "$DYAD" ] || { echo "score.sh: build dyad first (make)" >&2; exit 2; }
echo "== dyad gold set (own dictionaries): $("$DYAD" validate --quiet test/data/gold/dyad-gold.xml 2>/dev/null | tail -n 1)"
"$DYAD" validate test/data/gold/dyad-gold.xml 2>/dev/null | python3 bench/validate_roots.py
if [ ! -d "$EVAL" ]; then
    echo "score.sh: SKIPPED: $EVAL is absent (no third-party gold data on this machine)"
    exit 0
fi

U=$(find "$EVAL" -name 'PETR.UnitTest*.xml' | head -n 1)
if [ -n "$U" ]; then
    echo "== PETRARCH unit tests with PETRARCH's dictionaries: $U"
    "$DYAD" validate --quiet "$U" | tail -n 20
else
    echo "== PETRARCH unit tests: SKIPPED (no PETR.UnitTest*.xml under $EVAL)"
fi

# The other sets come in CSV/TSV/JSONL files whose columns are found by name:
# a text column (text, sentence, example...) and a label column (code, cameo, label,
# pentaclass, plover, event_type...). bench/score_eval.py codes each text with dyad and
# compares; it prints what it found so a mismatch of columns is visible.
for set in cameo_codebook conflibert plover; do
    d=$(find "$EVAL" -maxdepth 2 -type d -iname "*$set*" | head -n 1)
    if [ -z "$d" ]; then echo "== $set: SKIPPED (no folder under $EVAL)"; continue; fi
    echo "== $set: $d"
    python3 bench/score_eval.py --dyad "$DYAD" --set "$set" "$d"
done
