#!/usr/bin/env bash
# redis.sh start|stop NAME PORT: one project-owned Redis under $RUN_DIR/redis/NAME (AOF on, loopback).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

action=$1 name=$2 port=$3
: "${RUN_DIR:?}"
home="$RUN_DIR/redis/$name"
pidfile="$RUN_DIR/pids/$name.pid"

start() {
  mkdir -p "$home" "$RUN_DIR/logs"
  cat >"$home/redis.conf" <<CONF
bind 127.0.0.1
port $port
dir $home
daemonize no
appendonly yes
appendfsync everysec
maxmemory 256mb
maxmemory-policy noeviction
save ""
CONF
  start_bg "$name" "$pidfile" "$RUN_DIR/logs/$name.log" redis-server "$home/redis.conf"
  wait_for "$name" 30 redis-cli -p "$port" ping
  log "$name: ready on 127.0.0.1:$port"
}

case "$action" in
  start) start ;;
  stop) stop_pid "$name" "$pidfile" 20 ;;
  *) die "usage: redis.sh start|stop NAME PORT" ;;
esac
