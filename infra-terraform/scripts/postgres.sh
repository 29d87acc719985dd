#!/usr/bin/env bash
# postgres.sh start|stop PORT: the project's PostgreSQL (Unleash's database) under $RUN_DIR/postgres.
# PostgreSQL refuses to run as root: as root it runs as the 'postgres' user.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

action=$1 port=$2
: "${RUN_DIR:?}"
home="$RUN_DIR/postgres"
pidfile="$RUN_DIR/pids/postgres.pid"
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$pgbin" ] || pgbin=$(dirname "$(command -v postgres)")

as_postgres=()
if [ "$(id -u)" = 0 ]; then as_postgres=(runuser -u postgres --); fi

start() {
  mkdir -p "$home" "$RUN_DIR/logs"
  if [ "$(id -u)" = 0 ]; then chown postgres "$home"; fi
  if [ ! -f "$home/data/PG_VERSION" ]; then
    log "postgres: initialising $home/data"
    as_service_user "$pgbin/initdb" -D "$home/data" -U postgres --auth=trust >"$RUN_DIR/logs/postgres.init.log" 2>&1
  fi
  touch "$RUN_DIR/logs/postgres.log"
  if [ "$(id -u)" = 0 ]; then chown postgres "$RUN_DIR/logs/postgres.log"; fi
  start_bg postgres "$pidfile" "$RUN_DIR/logs/postgres.log" \
    "${as_postgres[@]}" "$pgbin/postgres" -D "$home/data" -p "$port" -c listen_addresses=127.0.0.1 \
    -c unix_socket_directories="$home" -c max_connections=100 -c shared_buffers=32MB
  wait_for postgres 60 "$pgbin/pg_isready" -h 127.0.0.1 -p "$port" -q
  if ! psql -h 127.0.0.1 -p "$port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='unleash'" | grep -q 1; then
    psql -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE unleash"
  fi
  log "postgres: ready on 127.0.0.1:$port"
}

case "$action" in
  start) start ;;
  stop) stop_pid postgres "$pidfile" 30 ;;
  *) die "usage: postgres.sh start|stop PORT" ;;
esac
