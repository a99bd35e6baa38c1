#!/usr/bin/env bash
# install-deps.sh: every Debian 12 package dyad needs to build, test and benchmark.
# Used by the README's quick start and by .ci/run. Needs root (or sudo) and apt.
set -euo pipefail
PKGS=(
  build-essential pkg-config clang libclang-rt-14-dev   # gcc, clang, sanitizer/fuzzer runtimes
  libutf8proc-dev      # Unicode: validation, NFC, case folding
  libjansson-dev       # JSON reading (JSONL input, HTTP bodies)
  libcsv-dev           # CSV/TSV input
  libsqlite3-dev sqlite3   # the event store
  libpq-dev            # the event store in PostgreSQL (--db postgresql://...)
  postgresql           # its tests start a server of their own (test/cli/pg.sh)
  postgresql-15-postgis-3  # PostGIS for that server: events.geom (pg.sh fails without it under CI)
  slurm-wlm munge      # a single-node Slurm for the backfill test (test/cli/slurm.sh)
  libmicrohttpd-dev    # dyad serve
  zlib1g-dev           # gzip for HTTP responses
  libcmocka-dev        # unit tests
  wordnet-base         # the lexicon's open-class words (build time only)
  jq                   # CLI tests inspect JSON output
  curl                 # dyad serve's tests
  wrk                  # bench/serve.sh
  help2man man-db      # man pages generated from --help (make man, make install)
  python3 python3-cffi # the Python package (python/dyad) over libdyad.so
  python3-pytest python3-pandas  # its tests, and to_pandas()
  nodejs npm           # the gazetteer is generated from npm data packages (tools/geo)
)
if [ "${DYAD_WITH_BROWSER:-1}" = 1 ]; then
  PKGS+=(chromium)     # dashboard browser tests
fi
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
# node/npm may come from elsewhere on a developer machine: don't fight it.
if command -v node >/dev/null && command -v npm >/dev/null; then
  missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
fi
pk=()
for p in "${missing[@]}"; do [ -n "$p" ] && pk+=("$p"); done
if [ ${#pk[@]} -gt 0 ]; then
  echo "install-deps: installing ${pk[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${pk[@]}" >/dev/null
fi
# The gazetteer's sources, pinned by tools/geo/package-lock.json (GeoNames, Natural Earth).
(cd "$(dirname "$0")/../tools/geo" && npm ci --no-audit --no-fund --loglevel=error)
echo "install-deps: all dependencies present"
