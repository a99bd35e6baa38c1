#!/usr/bin/env bash
# score.sh: accuracy of dyad with its own dictionaries on the third-party gold data in
# ../shared/eval (never copied into the project), and of dyad on PETRARCH's unit-test
# file with PETRARCH's own dictionaries. Each part skips, saying so, when its data is
# absent. Results go to stdout; record them in BENCHMARKS.md.
#
#   PETR.UnitTest.public.xml  -> dyad validate (target: >= 90% records correct)
#   ConfliBERT, PLOVER, CAMEO codebook examples -> ../shared/score/public_scores.py
#     (PentaClass, source/target spans, countries, PLOVER type, root/full code)
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

# ConfliBERT, PLOVER and the CAMEO codebook examples: the figures issue 10 names, computed
# by the scorer that ships beside the data (../shared/score/public_scores.py), with default
# options unless SCORE_ARGS are given (e.g. SCORE_ARGS="--no-require-dyad").
SCORER=${SCORER:-$EVAL/../score/public_scores.py}
if [ -f "$SCORER" ]; then
    echo "== public gold sets (ConfliBERT, PLOVER, CAMEO codebook): $SCORER"
    # shellcheck disable=SC2086
    python3 "$SCORER" --dyad "$DYAD" --eval "$EVAL" ${SCORE_ARGS:+-- $SCORE_ARGS}
else
    echo "== public gold sets: SKIPPED (no $SCORER)"
fi
