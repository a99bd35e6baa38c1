#!/usr/bin/env bash
# slurm.sh: a backfill on a real single-node Slurm into a real PostgreSQL, with
# contrib/slurm/dyad-backfill. Starts, in a temporary folder, munged (its own key and
# socket), slurmctld and slurmd for this host (no cgroups: proctrack/linuxproc, task/none,
# select/cons_tres; ports of their own) and a PostgreSQL server as pg.sh does, and stops
# them all on exit. Shards a corpus into 4, submits the 4-task array; one task's ingest
# is killed (scancel --signal=KILL) after its first commit and the task is requeued
# (scontrol requeue); the check step first names the killed shard as missing, then says
# every shard is in; the store then holds what one clean ingest of the corpus holds: the
# same `dyad events --format jsonl` lines byte for byte, the same stories and groups.
# Needs root (slurmd starts jobs as their user). Skips, saying why, without Slurm, munge
# or PostgreSQL; fails instead under CI (DYAD_CI=1, set by .ci/run), where
# scripts/install-deps.sh installs them.
. "$(dirname "$0")/lib.sh"

BACKFILL=$ROOT/contrib/slurm/dyad-backfill
need() { # $1 = why it cannot run
    if [ "${DYAD_CI:-}" = 1 ]; then fail "Slurm and PostgreSQL are needed under CI: $1"; else skip "$1"; fi
    done_testing; exit 0
}
SBIN=${DYAD_SLURM_SBIN:-/usr/sbin}
for p in "$SBIN/slurmctld" "$SBIN/slurmd" "$SBIN/munged"; do
    [ -x "$p" ] || need "$p is not installed (apt install slurm-wlm munge; scripts/install-deps.sh)"
done
for p in sbatch squeue scontrol scancel jq; do
    command -v "$p" >/dev/null || need "$p is not installed (apt install slurm-wlm; scripts/install-deps.sh)"
done
[ "$(id -u)" = 0 ] || need "slurmd must run as root to start jobs (run as root, as CI does)"
PGBIN=${DYAD_PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
[ -n "$PGBIN" ] && [ -x "$PGBIN/initdb" ] && [ -x "$PGBIN/pg_ctl" ] ||
    need "the PostgreSQL server is not installed (apt install postgresql; scripts/install-deps.sh)"
PSQL=$PGBIN/psql
id postgres >/dev/null 2>&1 || need "there is no postgres user to run the server as"
AS=(runuser -u postgres --)
DYAD=$(realpath "$DYAD")

# Everything in one folder, readable by the postgres user (the server's socket is there).
W=$(mktemp -d /tmp/dyad-slurm.XXXXXX)
chmod 755 "$W"
mkdir -p "$W/pg" "$W/state" "$W/spool" "$W/munge" "$W/work"
chown postgres "$W/pg"
stop_all() {
    local f
    for f in "$W/slurmd.pid" "$W/slurmctld.pid" "$W/munge/munged.pid"; do
        [ -s "$f" ] && kill "$(cat "$f")" 2>/dev/null
    done
    "${AS[@]}" "$PGBIN/pg_ctl" -D "$W/pg/data" -m immediate stop >/dev/null 2>&1
    sleep 0.5
    for f in "$W/slurmd.pid" "$W/slurmctld.pid" "$W/munge/munged.pid"; do
        [ -s "$f" ] && kill -KILL "$(cat "$f")" 2>/dev/null
    done
    [ -n "${DYAD_SLURM_KEEP:-}" ] || rm -rf "$W"
    rm -rf "$TMP"
}
trap stop_all EXIT

# --- PostgreSQL, as pg.sh starts it.
if ! "${AS[@]}" "$PGBIN/initdb" -D "$W/pg/data" -A trust -U dyad -E UTF8 --locale=C --no-sync \
        >"$W/initdb.log" 2>&1; then
    fail "initdb: $(tail -1 "$W/initdb.log")"; done_testing; exit 0
fi
if ! "${AS[@]}" "$PGBIN/pg_ctl" -D "$W/pg/data" -l "$W/pg/server.log" -w -t 60 \
        -o "-k $W/pg -c listen_addresses='' -c fsync=off -c max_connections=40" start >/dev/null 2>&1; then
    fail "the PostgreSQL server starts: $(tail -3 "$W/pg/server.log" | tr '\n' ' ')"; done_testing; exit 0
fi
url() { echo "postgresql:///$1?host=$W/pg&user=dyad"; }
sql() { "$PSQL" -X -qAt -d "$(url "$1")" -c "$2"; }
sql postgres "CREATE DATABASE one" ||
    { fail "databases created"; done_testing; exit 0; }
ok "a PostgreSQL server runs on a socket in $W/pg"

# --- munge: its own key, socket and files (run as root: --force).
dd if=/dev/urandom of="$W/munge/munge.key" bs=1024 count=1 2>/dev/null
chmod 400 "$W/munge/munge.key"
chmod 700 "$W/munge"
"$SBIN/munged" --force --key-file="$W/munge/munge.key" --socket="$W/munge/munge.socket" \
    --pid-file="$W/munge/munged.pid" --log-file="$W/munge/munged.log" \
    --seed-file="$W/munge/munged.seed" 2>"$W/munged.err"
check "munged starts with a key of its own ($(tail -1 "$W/munged.err"))" test -S "$W/munge/munge.socket"

# --- slurm.conf for this host: one node, one partition, free ports, no cgroups.
free_port() { # a TCP port nobody listens on, from a range of its own
    local p
    for p in $(shuf -i 20000-29999 -n 50); do
        (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
    done
}
NODE=$(hostname -s)
CPUS=$(nproc)
CTLD_PORT=$(free_port) SLURMD_PORT=$(free_port)
[ "$CTLD_PORT" = "$SLURMD_PORT" ] && SLURMD_PORT=$((SLURMD_PORT + 1))
export SLURM_CONF=$W/slurm.conf
cat >"$SLURM_CONF" <<EOF
ClusterName=dyadtest
SlurmctldHost=$NODE(127.0.0.1)
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$W/munge/munge.socket,cred_expire=10
StateSaveLocation=$W/state
SlurmdSpoolDir=$W/spool
SlurmctldPidFile=$W/slurmctld.pid
SlurmdPidFile=$W/slurmd.pid
SlurmctldLogFile=$W/slurmctld.log
SlurmdLogFile=$W/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
MpiDefault=none
ReturnToService=2
JobRequeue=1
SlurmctldTimeout=30
SlurmdTimeout=30
InactiveLimit=0
MinJobAge=600
KillWait=2
NodeName=$NODE NodeAddr=127.0.0.1 CPUs=$CPUS State=UNKNOWN
PartitionName=test Nodes=$NODE Default=YES MaxTime=INFINITE State=UP OverSubscribe=FORCE:4
EOF
"$SBIN/slurmctld" -c -f "$SLURM_CONF" >"$W/slurmctld.out" 2>&1
"$SBIN/slurmd" -f "$SLURM_CONF" -N "$NODE" >"$W/slurmd.out" 2>&1
up=0
for _ in $(seq 60); do
    if sinfo -h -N -o '%T' 2>/dev/null | grep -qx 'idle'; then up=1; break; fi
    sleep 0.5
done
check "slurmctld and slurmd run; node $NODE is idle ($(sinfo -h -N -o '%N %T' 2>&1 | head -1))" test $up = 1
if [ $up != 1 ]; then
    tail -5 "$W/slurmctld.log" "$W/slurmd.log" "$W/slurmctld.out" "$W/slurmd.out" 2>/dev/null | sed 's/^/# /'
    done_testing; exit 0
fi

# --- A corpus written for this test: 4 x 90 stories of wire copy over two years, with
# syndicated copies (a closing line added: near-duplicates, often in another shard than
# their original), and a story under an id already used with another text.
C=$TMP/corpus.jsonl
awk -v n=320 'BEGIN {
    nv = split("met with|criticized|attacked|accused|praised|threatened", V, "|");
    na = split("South Korea|North Korea|China|Japan|Russia|Ukraine|Iran|Israel|France|Germany", A, "|");
    srand(11);
    for (i = 1; i <= n; i++) {
        s = A[1 + int(rand() * na)]; t = A[1 + int(rand() * na)]; vb = V[1 + int(rand() * nv)];
        d = sprintf("%d-%02d-%02d", 2019 + int(rand() * 2), 1 + int(rand() * 12), 1 + int(rand() * 28));
        body = sprintf("%s %s %s on Tuesday over the dispute number %d, the foreign ministry said in a statement. The talks in the capital lasted %d hours and ended without an agreement. Envoys %d and %d would return next month.", s, vb, t, i, i % 9 + 2, i * 3, i * 5);
        printf("{\"id\":\"w-%d\",\"date\":\"%s\",\"publisher\":\"Wire %d\",\"title\":\"Dispute %d\",\"text\":\"%s\"}\n", i, d, i % 5, i, body);
        if (i % 8 == 0)
            printf("{\"id\":\"copy-%d\",\"date\":\"%s\",\"publisher\":\"Paper %d\",\"text\":\"%s Copies were sent.\"}\n", i, d, i % 3, body);
    }
}' >"$C"
n_stories=$(wc -l <"$C")

"$DYAD" ingest --quiet --db "$(url one)" "$C" 2>"$TMP/one.err"
check "a clean single ingest into PostgreSQL ($(tail -1 "$TMP/one.err" | cut -c1-80))" test $? = 0

WORK=$W/work/backfill
"$BACKFILL" shard "$WORK" 4 "$C" >"$TMP/shard.out" 2>&1
check "dyad-backfill shard: 4 shards ($(cat "$TMP/shard.out"))" \
    test "$(ls "$WORK"/shards/shard-000?.jsonl | wc -l)" = 4
check "... every story in exactly one shard" \
    test "$(cat "$WORK"/shards/*.jsonl | LC_ALL=C sort | md5sum)" = "$(LC_ALL=C sort "$C" | md5sum)"
shard_n=$(wc -l <"$WORK/shards/shard-0002.jsonl")
# Other formats: a file (a story, or many) goes whole to one shard, files dealt in turn.
mkdir -p "$TMP/mixed/sub" "$TMP/mixed/.hidden"
for k in 1 2 3; do echo "France criticized Germany on Tuesday, story $k." >"$TMP/mixed/t$k.txt"; done
echo "Japan praised India on Monday." >"$TMP/mixed/sub/t4.txt"
echo "ignored" >"$TMP/mixed/.hidden/x.txt"
head -3 "$C" >"$TMP/mixed/a.jsonl"
"$BACKFILL" shard "$TMP/mw" 2 "$TMP/mixed" >/dev/null 2>&1
check "a folder: JSON Lines cut by line, other files dealt out whole, hidden ones skipped" \
    test "$(cat "$TMP/mw/shards/shard-0000.jsonl" | wc -l)/$(cat "$TMP/mw/shards/shard-0001.jsonl" | wc -l) $(xargs -n1 basename <"$TMP/mw/shards/shard-0000.list" | paste -sd, -) $(xargs -n1 basename <"$TMP/mw/shards/shard-0001.list" | paste -sd, -)" = "2/1 t4.txt,t2.txt t1.txt,t3.txt"
"$BACKFILL" shard "$TMP/mw" 2 "$TMP/mixed" >/dev/null 2>"$TMP/again.err"
check "sharding into a used folder is refused (exit $?)" grep -q 'exists: shard into a new folder' "$TMP/again.err"

# The array: small batches, so that the killed task has committed some and not all.
export DYAD DYAD_INGEST_OPTIONS="--batch 4 --commit-every 0"
wait_job() { # JOBID: until it leaves the queue (at most 150 s)
    local _
    for _ in $(seq 300); do
        [ -z "$(squeue -h -j "$1" -o '%T' 2>/dev/null)" ] && return 0
        sleep 0.5
    done
    return 1
}
in_store() { # shard K: how many of its ids are stored
    local ids
    ids=$(jq -r '.id' "$WORK/shards/shard-000$1.jsonl" | sed "s/.*/'&'/" | paste -sd, -)
    sql "$DB" "SELECT count(*) FROM stories WHERE id IN ($ids)" 2>/dev/null || echo 0
}
state() { squeue -h -j "$1" -o '%T' 2>/dev/null | head -1; }
# Kill task 2 once it has committed a batch of its own shard (and before it is done). On a
# starved machine the task can finish between the poll and the kill: the kill is known to
# have landed only when, the task gone, its shard is still short in the store. A lost race
# is not the behaviour under test: it is run again, sharded anew, into a fresh database.
try_kill() { # ATTEMPT: sets WORK DB JOB CHECK1 killed left; 0 when the kill landed mid-run
    WORK=$W/work/backfill-$1 DB=slurm$1
    sql postgres "CREATE DATABASE $DB" >/dev/null || return 2
    "$BACKFILL" shard "$WORK" 4 "$C" >/dev/null 2>&1 || return 2
    chmod -R a+rX "$W/work"
    "$BACKFILL" submit "$WORK" "$(url "$DB")" --time=10 >"$TMP/submit.out" 2>&1
    JOB=$(sed -n 's/.*array job \([0-9]*\) .*/\1/p' "$TMP/submit.out")
    CHECK1=$(sed -n 's/.*then check job \([0-9]*\) .*/\1/p' "$TMP/submit.out")
    [ -n "$JOB" ] && [ -n "$CHECK1" ] || return 2
    killed="" left=""
    local n _
    for _ in $(seq 600); do
        n=$(in_store 2)
        if [ "${n:-0}" -gt 0 ] && [ "$(state "${JOB}_2")" = RUNNING ]; then
            scancel --full --signal=KILL "${JOB}_2" && killed=$n
            break
        fi
        [ "${n:-0}" -ge "$shard_n" ] && break
        sleep 0.1
    done
    for _ in $(seq 100); do
        case "$(state "${JOB}_2")" in RUNNING|COMPLETING) sleep 0.2 ;; *) break ;; esac
    done
    left=$(( shard_n - $(in_store 2) ))
    [ -n "$killed" ] && [ "$left" -gt 0 ] && return 0
    wait_job "$JOB"; wait_job "$CHECK1"
    return 1
}
for attempt in 1 2 3; do
    try_kill $attempt && break
    [ $? = 2 ] && break
    echo "# attempt $attempt: task 2 finished before the kill landed (a starved machine); again"
done
check "dyad-backfill submit: an array of 4 tasks and a check job ($(cat "$TMP/submit.out"))" \
    grep -q 'array job [0-9]* (4 tasks), then check job [0-9]*' "$TMP/submit.out"
check "task 2's ingest was killed mid-run (at $killed of its $shard_n stories; ${left:-?} not stored)" \
    bash -c "[ -n '$killed' ] && [ '${left:-0}' -gt 0 ]"

check "the array and its check job end" bash -c "$(declare -f wait_job); wait_job $JOB && wait_job $CHECK1"
check1=$WORK/logs/check-$CHECK1.out
check "the check job names shard 2 as not in, and how to resubmit it ($(tail -1 "$check1" 2>/dev/null))" \
    bash -c "grep -q '^shard-0002: [0-9]* of $shard_n stories not in the store' '$check1' &&
             grep -q 'shards are not in: 2$' '$check1' && grep -q 'sbatch --array=2 ' '$check1'"
check "... and no other shard" test "$(grep -c '^shard-' "$check1")" = 1

# Requeue the killed task: it runs again and completes its shard (cred_expire=10: a
# requeued job waits that long plus one second before it runs again; Slurm's default 120).
scontrol requeue "${JOB}_2" 2>"$TMP/requeue.err"
check "scontrol requeue of the killed task ($(cat "$TMP/requeue.err"))" test $? = 0
sleep 1
check "the requeued task ends" bash -c "$(declare -f wait_job); wait_job ${JOB}_2"
tail -n 3 "$WORK"/logs/"${JOB}"_2.out 2>/dev/null | sed 's/^/# task 2: /'
"$BACKFILL" check "$WORK" "$(url "$DB")" >"$TMP/check2.out" 2>&1
check "the check now says every shard is in ($(tail -1 "$TMP/check2.out"))" \
    grep -q "every shard is in: $n_stories of $n_stories stories" "$TMP/check2.out"

# The store holds what one clean ingest holds. Events are listed by date then by their
# order of storage, which differs between 4 writers and one: the same lines, byte for
# byte, once sorted.
"$DYAD" events --db "$(url one)" --format jsonl | LC_ALL=C sort >"$TMP/one.jsonl"
"$DYAD" events --db "$(url "$DB")" --format jsonl | LC_ALL=C sort >"$TMP/slurm.jsonl"
check "dyad events --format jsonl: the same $(wc -l <"$TMP/one.jsonl") lines, byte for byte" \
    bash -c "[ -s '$TMP/one.jsonl' ] && cmp -s '$TMP/one.jsonl' '$TMP/slurm.jsonl'"
holds() {
    sql "$1" "SELECT count(*) || ' stories, ' || count(DISTINCT id) || ' ids' FROM stories"
    sql "$1" "SELECT (SELECT count(*) FROM sentences) || ' sentences, ' || (SELECT count(*) FROM events) || ' events'"
    sql "$1" "SELECT string_agg(id, ',' ORDER BY id) FROM stories GROUP BY grp ORDER BY 1"
    sql "$1" "SELECT sum(n_stories), sum(n_groups) FROM days"
    # one a day: the keys (which of a group's events stands for a key follows the order of storage)
    "$DYAD" events --db "$(url "$1")" --one-a-day --format jsonl | jq -c '[.date, .source, .target, .code]' | LC_ALL=C sort
    "$DYAD" timeline CHN JPN --db "$(url "$1")"
    "$DYAD" top dyads --db "$(url "$1")"
}
holds one >"$TMP/one.holds"
holds "$DB" >"$TMP/slurm.holds"
check "... and the same stories, near-duplicate groups, days, one-a-day events, timeline, top dyads" \
    cmp -s "$TMP/one.holds" "$TMP/slurm.holds"
[ -n "${DYAD_SLURM_DEBUG:-}" ] && diff "$TMP/one.holds" "$TMP/slurm.holds" | head -20 >&2
done_testing
