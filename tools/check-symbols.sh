#!/usr/bin/env bash
# check-symbols.sh LIB.so: the shared library exports the public API (dyad_*) and nothing
# else, so internal names (dict_, tok_, syn_, ...) never leak to users.
set -euo pipefail
lib=${1:?usage: check-symbols.sh LIB.so}
bad=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBRV]$/ { print $3 }' | grep -v '^dyad_' || true)
if [ -n "$bad" ]; then
    echo "check-symbols: $lib exports symbols outside the public API:" >&2
    echo "$bad" | sed 's/^/  /' >&2
    exit 1
fi
n=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBRV]$/' | wc -l)
echo "check-symbols: $lib exports $n symbols, all dyad_*"
