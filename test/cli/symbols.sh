#!/usr/bin/env bash
# The shared library exports the public API (dyad_*) and nothing else.
. "$(dirname "$0")/lib.sh"
lib="$(dirname "$DYAD")/libdyad.so"
if [ -f "$lib" ]; then
    check "libdyad.so exports only dyad_* symbols" bash "$ROOT/tools/check-symbols.sh" "$lib"
    n=$(nm -D --defined-only "$lib" | awk '$2 == "T"' | grep -c '^.* dyad_' || true)
    check "libdyad.so exports the public functions ($n)" test "$n" -ge 30
else
    fail "libdyad.so was not built beside $DYAD"
fi
done_testing
