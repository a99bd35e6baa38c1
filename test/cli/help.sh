#!/usr/bin/env bash
# Every command documents itself: `dyad --help` lists them all, and each `--help` exits 0
# with a usage line; an unknown command or option is a usage error (2).
. "$(dirname "$0")/lib.sh"
"$DYAD" --help >"$TMP/h" 2>&1
for c in parse code explain validate dict ingest events timeline top story recode diff export import check serve version; do
    check "dyad --help lists $c" grep -q "^  $c " "$TMP/h"
    "$DYAD" "$c" --help >"$TMP/c" 2>&1; rc=$?
    check "dyad $c --help exits 0 with a usage line" bash -c "[ $rc -eq 0 ] && grep -qi 'usage' '$TMP/c'"
done
for line in "Exit status (every command):" "  1  done, but some input was skipped or found wanting" "  2  bad command line" "  3  nothing useful could be done"; do
    check "dyad --help states the exit status policy: '$line'" grep -qF "$line" "$TMP/h"
done
"$DYAD" frobnicate >/dev/null 2>&1; rc=$?
check "an unknown command exits 2" test $rc -eq 2
"$DYAD" code --frobnicate x >/dev/null 2>&1; rc=$?
check "an unknown option exits 2" test $rc -eq 2
check "dyad --version names the version" bash -c "'$DYAD' --version | grep -q '^dyad [0-9]'"
v=$(sed -n 's/^#define DYAD_VERSION "\(.*\)"$/\1/p' "$ROOT/include/dyad.h")
for form in version --version -V; do
    check "dyad $form prints 'dyad $v'" test "$("$DYAD" $form)" = "dyad $v"
done
done_testing
