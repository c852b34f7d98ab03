#!/bin/sh
# Starts or stops a throw-away PostgreSQL cluster for the test run.
#   tests/pg_cluster.sh start STATEFILE  -> a cluster in a new /tmp folder;
#                                          STATEFILE gets its URL and folder
#   tests/pg_cluster.sh stop STATEFILE
# It listens only on a Unix socket in its folder (no port clashes). As root,
# the server runs as the postgres user, which initdb requires.
set -eu
cmd=$1
state=$2
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] || { echo "pg_cluster: PostgreSQL server binaries not found (apt-get install postgresql)"; exit 1; }

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop_cluster() {
  [ -f "$state" ] || return 0
  dir=$(sed -n 2p "$state")
  if [ -n "$dir" ] && [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
  fi
  [ -n "$dir" ] && rm -rf "$dir"
  rm -f "$state"
}

case "$cmd" in
  start)
    stop_cluster
    dir=$(mktemp -d /tmp/anagen-pg.XXXXXX)
    chmod 755 "$dir"
    if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; fi
    as_owner "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --no-locale >/dev/null
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/data/server.log" -w \
      -o "-k $dir -c listen_addresses='' -c max_connections=400 -c shared_buffers=128MB" start >/dev/null
    printf 'postgresql://postgres@/postgres?host=%s\n%s\n' "$dir" "$dir" > "$state"
    echo "pg_cluster: started in $dir"
    ;;
  stop)
    stop_cluster
    echo "pg_cluster: stopped"
    ;;
  *) echo "usage: $0 start|stop STATEFILE"; exit 2 ;;
esac
