#!/usr/bin/env bash
# A private PostgreSQL 15 cluster for Pipe's tests and benchmarks: initdb in FOLDER (as the
# postgres user when run as root), listening on 127.0.0.1 on a port of its own and on a socket in
# FOLDER, trusting local connections. Installs Debian's postgresql-15 when it is missing.
#
# Tests run it with fsync off; PIPE_POSTGRES_DURABLE=1 keeps PostgreSQL's own durable defaults
# (the benchmarks, whose commits must cost what they cost on a real server).
#
# usage: Scripts/postgres.sh start FOLDER   prints the URL (postgres://USER@127.0.0.1:PORT/pipe)
#        Scripts/postgres.sh stop FOLDER    stops the cluster FOLDER holds
set -euo pipefail
command=${1:?usage: Scripts/postgres.sh start|stop FOLDER}
folder=${2:?usage: Scripts/postgres.sh start|stop FOLDER}
bin=/usr/lib/postgresql/15/bin
source "$(dirname "$0")/lib/system.sh"
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "$command" in
  start)
    ensure_packages postgresql-15
    mkdir -p "$folder"
    if ! as_owner test -x "$folder/.."; then
      echo "error: the postgres user cannot reach $folder: make its parent folders traversable (chmod o+x)" >&2
      exit 1
    fi
    [ "$(id -u)" = 0 ] && chown postgres "$folder"
    chmod 700 "$folder"
    user=$([ "$(id -u)" = 0 ] && echo postgres || id -un)
    as_owner "$bin/initdb" -D "$folder/data" -U "$user" --auth=trust -E UTF8 --locale=C.UTF-8 > "$folder/initdb.log"
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    fsync=$([ "${PIPE_POSTGRES_DURABLE:-}" = 1 ] && echo on || echo off)
    as_owner "$bin/pg_ctl" -D "$folder/data" -l "$folder/server.log" -w \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $folder -c fsync=$fsync -c max_connections=50" start > /dev/null
    as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U "$user" pipe
    echo "postgres://$user@127.0.0.1:$port/pipe" | tee "$folder/url"
    ;;
  stop)
    [ -d "$folder/data" ] && as_owner "$bin/pg_ctl" -D "$folder/data" -m fast -w stop > /dev/null || true
    ;;
  *) echo "usage: Scripts/postgres.sh start|stop FOLDER" >&2; exit 2 ;;
esac
