#!/usr/bin/env bash
# The Python package (python/dyad) over this build's libdyad.so: its pytest suite
# (python/tests), each test reported as one TAP line. Needs Debian's python3-cffi,
# python3-pytest and python3-pandas (scripts/install-deps.sh); skips, visibly, without.
. "$(dirname "$0")/lib.sh"
BUILD_DIR=$(cd "$(dirname "$DYAD")" && pwd)
py=""
for p in /usr/bin/python3 python3; do
    if "$p" -c 'import cffi, pytest, pandas' 2>/dev/null; then py=$p; break; fi
done
if [ -z "$py" ]; then
    skip "no python3 with cffi, pytest and pandas (bash scripts/install-deps.sh)"
    done_testing; exit 0
fi
if [ -n "${DYAD_SAN:-}" ]; then
    skip "libdyad.so is built with sanitizers (${DYAD_SAN%% *}): it cannot load into python3; the plain build runs these tests"
    done_testing; exit 0
fi
cd "$ROOT/python/tests" || exit 1
DYAD_LIB="$BUILD_DIR/libdyad.so.0" PYTHONPATH="$ROOT/python" PYTHONDONTWRITEBYTECODE=1 \
    "$py" -m pytest -v -p no:cacheprovider -o console_output_style=classic . >"$TMP/out" 2>&1
rc=$? failed=0
while IFS= read -r line; do
    case "$line" in
        *"::"*" PASSED"*) ok "python: ${line%% PASSED*}" ;;
        *"::"*" FAILED"* | *"::"*" ERROR"*) fail "python: ${line%% *}"; failed=1 ;;
        *"::"*" SKIPPED"*) skip "python: ${line#* SKIPPED }" ;;
    esac
done <"$TMP/out"
if [ $rc -ne 0 ]; then
    sed 's/^/# /' "$TMP/out" | tail -n 60
    [ $failed -eq 1 ] || fail "pytest exited with status $rc"
fi
[ $T -gt 0 ] || fail "pytest ran no test"
done_testing
