# lib.sh: TAP helpers for CLI tests. Source it; call plan-free ok/fail/skip; end with done_testing.
set -u
DYAD=${DYAD_BIN:-build/dyad}
ROOT=${DYAD_ROOT:-$PWD}
SHARED="$ROOT/../shared"
T=0
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
ok()   { T=$((T+1)); echo "ok $T - $*"; }
fail() { T=$((T+1)); echo "not ok $T - $*"; }
skip() { T=$((T+1)); echo "ok $T # SKIP $*"; }
# check DESC CMD...: passes when CMD succeeds.
check() { local d=$1; shift; if "$@"; then ok "$d"; else fail "$d"; fi; }
done_testing() { echo "1..$T"; }
