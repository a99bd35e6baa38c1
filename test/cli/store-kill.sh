#!/usr/bin/env bash
# store-kill.sh: crash safety of `dyad ingest`. Kills it with SIGKILL at random points
# (10 times), reruns it to completion, and checks that the database holds exactly what a
# clean ingest holds and passes PRAGMA integrity_check; and that -j 3 stores what -j 1
# does. Needs the whole pipeline (reader, parser, coder): it skips while `dyad code` is
# not implemented (DYAD_STORE_KILL_FORCE=1 runs it anyway).
. "$(dirname "$0")/lib.sh"

KILLS=${DYAD_KILLS:-10}
N=${DYAD_KILL_STORIES:-10000}
if ! command -v sqlite3 >/dev/null; then
    skip "the sqlite3 program is not installed (scripts/install-deps.sh)"; done_testing; exit 0
fi
if [ -z "${DYAD_STORE_KILL_FORCE:-}" ] && "$DYAD" code /dev/null 2>&1 | grep -qi "not implemented"; then
    skip "dyad code reports 'not implemented': the pipeline is not integrated yet"
    done_testing; exit 0
fi

# A corpus of short wire-style stories in JSONL, each distinct, in $KILLS parts.
actors=("South Korea" "North Korea" "China" "Japan" "Russia" "Ukraine" "Iran" "Israel" "France" "Germany")
verbs=("met" "criticized" "attacked" "accused" "praised" "threatened")
awk -v n="$N" -v parts="$KILLS" -v dir="$TMP" -v a="${actors[*]}" -v v="${verbs[*]}" 'BEGIN {
    na = split(a, A, " "); nv = split(v, V, " "); srand(42);
    for (i = 1; i <= n; i++) {
        s = A[1 + int(rand() * na)]; t = A[1 + int(rand() * na)]; vb = V[1 + int(rand() * nv)];
        d = sprintf("2019-%02d-%02d", 1 + int(rand() * 12), 1 + int(rand() * 28));
        f = sprintf("%s/part%02d.jsonl", dir, 1 + (i - 1) % parts);
        printf("{\"id\":\"kill-%d\",\"date\":\"%s\",\"publisher\":\"Wire %d\",\"text\":\"SEOUL (AP) - Officials of %s %s %s on story %d, the ministry said. Talks number %d were held in the capital.\"}\n", i, d, i % 7, s, vb, t, i, i * 7) > f;
    }
}'
parts=("$TMP"/part*.jsonl)

counts() { sqlite3 "$1" "SELECT (SELECT count(*) FROM stories) || ' ' || (SELECT count(*) FROM sentences) || ' ' || (SELECT count(*) FROM events)"; }
digest() { sqlite3 "$1" "SELECT s.id, e.sentence, e.source, e.target, e.code FROM events e JOIN stories s ON s.key = e.story_key ORDER BY 1, 2, 3, 4, 5" | md5sum | cut -d' ' -f1; }

"$DYAD" ingest --quiet --db "$TMP/clean.db" "${parts[@]}" 2>"$TMP/clean.err"
rc=$?
if [ $rc -gt 1 ]; then
    fail "a clean ingest succeeds (exit $rc: $(tail -1 "$TMP/clean.err"))"; done_testing; exit 0
fi
ok "a clean ingest of $N stories: $(counts "$TMP/clean.db") (stories sentences events)"
# How long one part takes, dictionaries loading included: the window for a kill.
t0=$(date +%s%N)
"$DYAD" ingest --quiet --db "$TMP/timing.db" "${parts[0]}" 2>/dev/null
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
[ "$ms" -lt 20 ] && ms=20

# Each part is ingested and killed at a random point; parts left half-done stay so.
killed=0
for p in "${parts[@]}"; do
    "$DYAD" ingest --quiet --db "$TMP/killed.db" "$p" 2>/dev/null &
    pid=$!
    at=$(( RANDOM % ms ))
    sleep "$(printf '%d.%03d' $((at / 1000)) $((at % 1000)))"
    if kill -KILL "$pid" 2>/dev/null; then killed=$((killed + 1)); fi
    wait "$pid" 2>/dev/null
done
ok "ingest killed $killed of ${#parts[@]} times at random points within $ms ms"
"$DYAD" ingest --quiet --db "$TMP/killed.db" "${parts[@]}" 2>"$TMP/rerun.err"
rc=$?
check "the rerun completes (exit $rc)" test $rc -le 1
want=$(counts "$TMP/clean.db"); got=$(counts "$TMP/killed.db")
check "same stories, sentences, events as a clean ingest ($got vs $want)" test "$got" = "$want"
check "the same events, story by story" test "$(digest "$TMP/killed.db")" = "$(digest "$TMP/clean.db")"
check "PRAGMA integrity_check is ok" test "$(sqlite3 "$TMP/killed.db" 'PRAGMA integrity_check')" = ok
check "the full-text index agrees with the sentences" \
    sqlite3 "$TMP/killed.db" "INSERT INTO sentences_fts(sentences_fts) VALUES('integrity-check')"
"$DYAD" ingest --quiet --db "$TMP/killed.db" "${parts[@]}" 2>"$TMP/again.err"
check "a third run adds nothing (all duplicates)" grep -q " 0 added, $N duplicates" "$TMP/again.err"

# Worker threads code in any order but store the same thing.
"$DYAD" ingest --quiet -j 3 --db "$TMP/threads.db" "${parts[@]}" 2>"$TMP/threads.err"
check "ingest -j 3 stores what -j 1 stores" \
    test "$(counts "$TMP/threads.db") $(digest "$TMP/threads.db")" = "$(counts "$TMP/clean.db") $(digest "$TMP/clean.db")"
done_testing
