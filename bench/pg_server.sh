# pg_server.sh: the PostgreSQL server of a bench/pg_*.sh script, which sources this file:
#
#   . bench/pg_server.sh NAME              NAME: the script's, for messages and its folder
#   pg_server_start KEEP [OPTION...]       KEEP: a folder to keep (made if absent; a server
#                                          folder already in it is used as it is), or ""
#                                          for a temporary one removed at exit; OPTIONs go
#                                          to the server ("-c fsync=off")
#
# The server is the newest installed (/usr/lib/postgresql/*/bin, or DYAD_PGBIN), runs as
# the postgres user when the script runs as root (initdb refuses root), listens on a unix
# socket in its folder only (no TCP), and is stopped when the script exits, which also
# removes the paths the script lists in PG_CLEANUP. Sets PGBIN, AS (the command prefix to
# run the server's programs as its user), D (the server's folder), PG_REUSED (1 when KEEP
# held a server folder) and the function `url DB` (a connection URL for dyad and psql).

PG_NAME=$1
PGBIN=${DYAD_PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
[ -x "$PGBIN/initdb" ] || { echo "$PG_NAME: the PostgreSQL server is not installed" >&2; exit 1; }
AS=()
[ "$(id -u)" = 0 ] && AS=(runuser -u postgres --)
PG_CLEANUP=()
D=
PG_TEMP=
PG_REUSED=

pg_server_stop() {
    [ -n "$D" ] && "${AS[@]}" "$PGBIN/pg_ctl" -D "$D/data" -m fast stop >/dev/null 2>&1
    [ -n "$PG_TEMP" ] && rm -rf "$D"
    [ ${#PG_CLEANUP[@]} -gt 0 ] && rm -rf "${PG_CLEANUP[@]}"
}

pg_server_start() {
    local keep=$1
    shift
    if [ -n "$keep" ]; then
        D=$keep
        mkdir -p "$D" || exit 1
    else
        D=$(mktemp -d "/tmp/dyad-$PG_NAME.XXXXXX") || exit 1
        PG_TEMP=1
    fi
    trap pg_server_stop EXIT
    chmod 755 "$D"
    [ ${#AS[@]} -gt 0 ] && chown postgres "$D"
    if [ -n "$keep" ] && [ -f "$D/data/PG_VERSION" ]; then
        PG_REUSED=1
    else
        rm -rf "$D/data"
        "${AS[@]}" "$PGBIN/initdb" -D "$D/data" -A trust -U dyad -E UTF8 --locale=C >/dev/null || exit 1
    fi
    "${AS[@]}" "$PGBIN/pg_ctl" -D "$D/data" -l "$D/log" -w -o "-k $D -c listen_addresses='' $*" start \
        >/dev/null || exit 1
}

url() { echo "postgresql:///$1?host=$D&user=dyad"; }
