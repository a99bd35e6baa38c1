#!/usr/bin/env bash
# `make install` into a temporary prefix gives a working dyad: the versioned shared
# library with its SONAME, dyad.pc (a C program builds against it with pkg-config), the
# dictionaries, dashboard, man pages and completion; and the installed program finds its
# dictionaries from its own location, also once the prefix is moved and the source
# tree's data/ is out of reach. DESTDIR stages an install without touching PREFIX.
. "$(dirname "$0")/lib.sh"
BUILD_DIR=$(cd "$(dirname "$DYAD")" && pwd)
BUILD_REL=$(realpath --relative-to="$ROOT" "$BUILD_DIR")
V=$(sed -n 's/^#define DYAD_VERSION "\(.*\)"$/\1/p' "$ROOT/include/dyad.h")
P="$TMP/prefix"
unset DYAD_DATA

if ! command -v help2man >/dev/null; then
    skip "make install needs help2man for the man pages (bash scripts/install-deps.sh)"
    done_testing; exit 0
fi
make -s -C "$ROOT" BUILD="$BUILD_REL" PREFIX="$P" install >"$TMP/make.log" 2>&1; rc=$?
check "make install PREFIX=... succeeds" test $rc -eq 0
[ $rc -eq 0 ] || sed 's/^/# /' "$TMP/make.log"

check "libdyad.so.$V is installed with SONAME libdyad.so.${V%%.*}" \
    bash -c "readelf -d '$P/lib/libdyad.so.$V' | grep -q 'SONAME.*\[libdyad.so.${V%%.*}\]'"
check "libdyad.so and libdyad.so.${V%%.*} link to it" \
    test "$(readlink "$P/lib/libdyad.so")" = "libdyad.so.$V" -a "$(readlink "$P/lib/libdyad.so.${V%%.*}")" = "libdyad.so.$V"
for f in bin/dyad lib/libdyad.a include/dyad.h lib/pkgconfig/dyad.pc \
         share/dyad/data/cameo/event-codes.txt share/dyad/web/dist/index.html \
         share/man/man1/dyad.1 share/man/man1/dyad-code.1 share/man/man1/dyad-ingest.1 \
         share/bash-completion/completions/dyad lib/python3/dist-packages/dyad/__init__.py \
         lib/python3/dist-packages/dyad/py.typed; do
    check "installs $f" test -e "$P/$f"
done
for c in $("$DYAD" --help | awk '/^Commands:/ {on=1; next} on && /^$/ {exit} on {print $1}'); do
    check "man page for dyad $c renders" bash -c "man -l '$P/share/man/man1/dyad-$c.1' 2>/dev/null | grep -q 'dyad $c'"
done
check "the man page of dyad code lists its options" \
    bash -c "man -l '$P/share/man/man1/dyad-code.1' 2>/dev/null | grep -q -- '--one-a-story'"
check "dyad.pc has the version" test "$(PKG_CONFIG_PATH="$P/lib/pkgconfig" pkg-config --modversion dyad)" = "$V"

# A C program (examples/code_sentence.c) built against the installed library with
# pkg-config; it loads dyad's own dictionaries (found beside libdyad.so:
# PREFIX/lib/../share/dyad/data) and codes a sentence.
CC=${CC:-cc}
flags=$(PKG_CONFIG_PATH="$P/lib/pkgconfig" pkg-config --cflags --libs dyad)
# shellcheck disable=SC2086
$CC ${DYAD_SAN:-} -o "$TMP/use" "$ROOT/examples/code_sentence.c" $flags 2>"$TMP/cc.log"; rc=$?
check "a C program compiles against the installed library (pkg-config --cflags --libs dyad)" test $rc -eq 0
[ $rc -eq 0 ] || sed 's/^/# /' "$TMP/cc.log"
check "it links libdyad.so.${V%%.*} dynamically" bash -c "readelf -d '$TMP/use' | grep -q 'NEEDED.*libdyad.so.${V%%.*}'"
LD_LIBRARY_PATH="$P/lib" "$TMP/use" >"$TMP/use.out" 2>&1
check "it runs with the installed library's version and data" \
    test "$(head -1 "$TMP/use.out")" = "$V $P/share/dyad/data"
check "it codes the sentence (JPN 111 PRK)" grep -q '^JPN 111 PRK$' "$TMP/use.out"

# Move the prefix: the program follows its own location, not the build tree.
mv "$P" "$TMP/moved"; M="$TMP/moved"
check "a moved install names its own data directory" \
    bash -c "'$M/bin/dyad' --help | grep -qF '(this dyad: $M/share/dyad/data)'"
"$M/bin/dyad" dict lookup --date 2019-09-24 "South Korean President" >"$TMP/lookup" 2>&1
check "dict lookup reads the installed dictionaries" grep -qF "$M/share/dyad/data/" "$TMP/lookup"
"$M/bin/dyad" code --format tsv "$ROOT/examples/sample-story.txt" >"$TMP/installed.tsv" 2>"$TMP/installed.err"; rc=$?
"$DYAD" code --format tsv "$ROOT/examples/sample-story.txt" >"$TMP/build.tsv" 2>/dev/null
check "the installed dyad codes the sample story (exit $rc)" test $rc -eq 0 -a -s "$TMP/installed.tsv"
# the same events; the rules name their files under each one's data directory
same() { cmp -s <(sed "s|$M/share/dyad/data/|DATA/|g" "$1") <(sed "s|$ROOT/data/|DATA/|g" "$TMP/build.tsv"); }
check "... exactly as the build tree's dyad does, rules read from its own data" \
    bash -c "$(declare -f same); M='$M' ROOT='$ROOT' TMP='$TMP'; same '$TMP/installed.tsv' && grep -qF '$M/share/dyad/data/verbs/' '$TMP/installed.tsv'"
# With the source tree's data/ hidden (a private mount namespace), it still works.
mkdir -p "$TMP/empty"
if unshare -m true 2>/dev/null; then
    unshare -m bash -c "mount --bind '$TMP/empty' '$ROOT/data' &&
        '$M/bin/dyad' code --format tsv '$ROOT/examples/sample-story.txt'" >"$TMP/hidden.tsv" 2>"$TMP/hidden.err"; rc=$?
    check "with the source tree's data/ hidden, the installed dyad still codes the story" \
        bash -c "$(declare -f same); M='$M' ROOT='$ROOT' TMP='$TMP'; [ $rc -eq 0 ] && same '$TMP/hidden.tsv'"
    unshare -m bash -c "mount --bind '$TMP/empty' '$ROOT/data' && '$DYAD' code '$ROOT/examples/sample-story.txt'" \
        >/dev/null 2>&1; rc=$?
    check "... while the build tree's dyad, which needs it, stops (exit 3)" test $rc -eq 3
else
    skip "no private mount namespace (unshare -m) to hide the source tree's data/"
    skip "no private mount namespace (unshare -m) to hide the source tree's data/"
fi
# The README's Python session, with the installed package and library.
py=""
for p in /usr/bin/python3 python3; do
    if "$p" -c 'import cffi, pandas' 2>/dev/null; then py=$p; break; fi
done
if [ -n "$py" ] && [ -z "${DYAD_SAN:-}" ]; then
    "$M/bin/dyad" ingest -q --db "$TMP/py.db" "$ROOT/test/data/serve/stories.jsonl" 2>/dev/null
    PYTHONPATH="$M/lib/python3/dist-packages" "$py" -c "
import dyad, sys
assert dyad.LIBRARY_PATH.startswith('$M/lib/'), dyad.LIBRARY_PATH
assert dyad.data_dir() == '$M/share/dyad/data', dyad.data_dir()
events = list(dyad.code(open('$ROOT/examples/sample-story.txt').read()))
df = dyad.Store('$TMP/py.db').to_pandas(actor='PRK')
print(len(events), len(df), df['code'].dtype, df['date'].dtype)
" >"$TMP/py.out" 2>&1; rc=$?
    check "python3 imports the installed dyad, codes the sample story and loads a store into pandas" \
        bash -c "[ $rc -eq 0 ] && grep -q '^[1-9][0-9]* [1-9][0-9]* category datetime64' '$TMP/py.out'"
    [ $rc -eq 0 ] || sed 's/^/# /' "$TMP/py.out"
else
    skip "no python3 with cffi and pandas, or a sanitizer build: the installed Python package is not tried"
fi
mkdir -p "$TMP/otherdata"
DYAD_DATA="$TMP/otherdata" "$M/bin/dyad" code "$ROOT/examples/sample-story.txt" >/dev/null 2>"$TMP/env.err"; rc=$?
check "DYAD_DATA overrides the installed data (an empty directory: exit 3)" test $rc -eq 3
check "... and the error names it" grep -qF "$TMP/otherdata" "$TMP/env.err"
check "the installed completion offers the commands" bash -c "
    source '$M/share/bash-completion/completions/dyad'
    COMP_WORDS=('$M/bin/dyad' co); COMP_CWORD=1; _dyad; [ \"\${COMPREPLY[*]}\" = code ]"

# DESTDIR stages the files under DESTDIR/PREFIX, with paths that name PREFIX alone.
make -s -C "$ROOT" BUILD="$BUILD_REL" PREFIX=/opt/dyad DESTDIR="$TMP/stage" install >"$TMP/make2.log" 2>&1; rc=$?
check "make install DESTDIR=... PREFIX=/opt/dyad succeeds" test $rc -eq 0
check "it stages bin/dyad under DESTDIR/opt/dyad" test -x "$TMP/stage/opt/dyad/bin/dyad"
check "its dyad.pc names /opt/dyad, not DESTDIR" \
    bash -c "grep -q '^prefix=/opt/dyad$' '$TMP/stage/opt/dyad/lib/pkgconfig/dyad.pc' && ! grep -q '$TMP' '$TMP/stage/opt/dyad/lib/pkgconfig/dyad.pc'"
done_testing
