#!/usr/bin/env bash
# Runs the whole suite and prints one closing line: "N passed, N failed, N skipped".
# Every runner speaks TAP: cmocka unit tests (CMOCKA_MESSAGE_OUTPUT=TAP), the spec runner
# over test/spec/*.md, and the CLI scripts in test/cli/. Exit status 1 if anything failed.
set -u
BUILD=${BUILD:-build}
cd "$(dirname "$0")/.."
export DYAD_BIN="$PWD/$BUILD/dyad" DYAD_ROOT="$PWD" DYAD_DATA="$PWD/data"
export CMOCKA_MESSAGE_OUTPUT=TAP
pass=0; fail=0; skip=0; failed_names=()
log=$(mktemp); trap 'rm -f "$log"' EXIT

count() { # $1 = suite name; reads TAP on stdin
    local name=$1 line
    while IFS= read -r line; do
        case "$line" in
            "not ok"*"# SKIP"*) skip=$((skip+1)); echo "  $line" ;; # cmocka's TAP skip
            "not ok"*) fail=$((fail+1)); failed_names+=("$name: ${line#not ok }"); echo "  $line" ;;
            "ok "*"# SKIP"*|"ok "*"# skip"*) skip=$((skip+1)); echo "  $line" ;;
            "ok "*) pass=$((pass+1)) ;;
            "Bail out!"*) fail=$((fail+1)); failed_names+=("$name: $line"); echo "  $line" ;;
            "#"*) echo "  $line" ;;
        esac
    done
}

run_suite() { # $1 = name, rest = command
    local name=$1; shift
    echo "== $name"
    "$@" >"$log" 2>"$log.err"; local rc=$?
    count "$name" <"$log"
    if [ $rc -ne 0 ] && ! grep -q '^not ok' "$log"; then
        fail=$((fail+1)); failed_names+=("$name: exited with status $rc")
        echo "  $name exited with status $rc:"; tail -n 20 "$log.err" | sed 's/^/    /'
    fi
    rm -f "$log.err"
}

for t in "$BUILD"/test/*; do
    [ -x "$t" ] && [ -f "$t" ] || continue
    case "$(basename "$t")" in spec) continue ;; esac
    run_suite "unit/$(basename "$t")" "$t"
done
for f in test/spec/*.md; do
    [ -f "$f" ] || continue
    run_suite "spec/$(basename "$f")" "$BUILD/test/spec" "$f"
done
for s in test/cli/*.sh; do
    [ -f "$s" ] || continue
    case "$(basename "$s")" in lib.sh) continue ;; esac
    run_suite "cli/$(basename "$s")" bash "$s"
done

echo
if [ ${#failed_names[@]} -gt 0 ]; then
    echo "Failures:"; printf '  %s\n' "${failed_names[@]}"
fi
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
