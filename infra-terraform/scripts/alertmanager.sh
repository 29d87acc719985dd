#!/usr/bin/env bash
# alertmanager.sh start|stop PORT: Prometheus's Alertmanager (Debian package prometheus-alertmanager), routing the
# alerts of the environment's Prometheus by severity to the alert receiver. Its config comes from envs/local in
# $ALERTMANAGER_CONFIG. The cluster port (gossip between Alertmanagers) is off: one instance, loopback only.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

action=$1 port=$2
: "${RUN_DIR:?}"
home="$RUN_DIR/alertmanager"
pidfile="$RUN_DIR/pids/alertmanager.pid"

start() {
  command -v prometheus-alertmanager >/dev/null \
    || die "prometheus-alertmanager is not installed: sudo apt-get install -y prometheus-alertmanager"
  : "${ALERTMANAGER_CONFIG:?}"
  mkdir -p "$home/data" "$RUN_DIR/logs"
  printf '%s\n' "$ALERTMANAGER_CONFIG" >"$home/alertmanager.yml"
  start_bg alertmanager "$pidfile" "$RUN_DIR/logs/alertmanager.log" \
    prometheus-alertmanager --config.file="$home/alertmanager.yml" --storage.path="$home/data" \
      --web.listen-address="127.0.0.1:$port" --cluster.listen-address=""
  wait_for alertmanager 60 http_ok "http://127.0.0.1:$port/-/ready"
  log "alertmanager: ready on http://127.0.0.1:$port"
}

case "$action" in
  start) start ;;
  stop) stop_pid alertmanager "$pidfile" 20 ;;
  *) die "usage: alertmanager.sh start|stop PORT" ;;
esac
