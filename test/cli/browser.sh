#!/usr/bin/env bash
# browser.sh: runs the dashboard's browser test (test/browser/dashboard.mjs) against
# `dyad serve` on the sample store; screenshots go to build/screenshots/. Skips visibly
# when chromium, node or web/node_modules (npm ci in web/) is missing.
. "$(dirname "$0")/lib.sh"

CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$CHROMIUM" ]; then skip "chromium is not installed (scripts/install-deps.sh)"; done_testing; exit 0; fi
if ! command -v node >/dev/null; then skip "node is not installed (scripts/install-deps.sh)"; done_testing; exit 0; fi
if [ ! -d "$ROOT/web/node_modules/playwright-core" ]; then
    skip "playwright-core is not installed (make web, or: cd web && npm ci)"; done_testing; exit 0
fi
if [ ! -f "$ROOT/web/dist/index.html" ]; then fail "web/dist is built (make web)"; done_testing; exit 0; fi
PID=
trap '[ -n "$PID" ] && kill -KILL "$PID" 2>/dev/null; rm -rf "$TMP"' EXIT

DB="$TMP/sample.db"
if ! "$DYAD" ingest --quiet --db "$DB" "$ROOT/test/data/serve/stories.jsonl" >/dev/null 2>"$TMP/ingest.err" &&
   [ ! -s "$DB" ]; then
    fail "dyad ingest builds the sample store"; done_testing; exit 0
fi
"$DYAD" serve --db "$DB" --listen 127.0.0.1:0 --web "$ROOT/web/dist" --quiet 2>"$TMP/serve.err" &
PID=$!
PORT=
for _ in $(seq 100); do
    PORT=$(sed -n 's/.*listening on http:\/\/127\.0\.0\.1:\([0-9]*\)\/.*/\1/p' "$TMP/serve.err")
    [ -n "$PORT" ] && break
    sleep 0.1
done
if [ -z "$PORT" ]; then fail "dyad serve starts"; sed 's/^/# /' "$TMP/serve.err"; done_testing; exit 0; fi

SHOTS="$ROOT/${BUILD:-build}/screenshots"
CHROMIUM="$CHROMIUM" timeout 120 node "$ROOT/test/browser/dashboard.mjs" "http://127.0.0.1:$PORT" "$SHOTS" \
    > "$TMP/tap" 2> "$TMP/node.err"
rc=$?
# Renumber the browser's TAP into this script's count.
while IFS= read -r line; do
    case "$line" in
        "ok "*) ok "browser: ${line#ok * - }" ;;
        "not ok "*) fail "browser: ${line#not ok * - }" ;;
    esac
done < "$TMP/tap"
if [ $rc -ne 0 ] && ! grep -q '^not ok' "$TMP/tap"; then
    fail "the browser test exited with status $rc"; tail -5 "$TMP/node.err" | sed 's/^/# /'
fi
kill -TERM "$PID"; wait "$PID"; PID=
echo "# screenshots: $SHOTS"
done_testing
