#!/usr/bin/env bash
# prometheus.sh start|stop PORT: Prometheus (Debian package) scraping every Tandem JVM of the environment,
# with the alert rules of dashboards/prometheus/rules. The scrape config comes from envs/local in
# $PROMETHEUS_CONFIG (so it always matches the environment's ports).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

action=$1 port=$2
: "${RUN_DIR:?}"
home="$RUN_DIR/prometheus"
pidfile="$RUN_DIR/pids/prometheus.pid"

start() {
  command -v prometheus >/dev/null || die "prometheus is not installed: sudo apt-get install -y prometheus"
  : "${PROMETHEUS_CONFIG:?}"
  mkdir -p "$home/data" "$RUN_DIR/logs"
  printf '%s\n' "$PROMETHEUS_CONFIG" >"$home/prometheus.yml"
  start_bg prometheus "$pidfile" "$RUN_DIR/logs/prometheus.log" \
    prometheus --config.file="$home/prometheus.yml" --storage.tsdb.path="$home/data" \
      --storage.tsdb.retention.time=2d --web.listen-address="127.0.0.1:$port" --web.enable-lifecycle
  wait_for prometheus 60 http_ok "http://127.0.0.1:$port/-/ready"
  log "prometheus: ready on http://127.0.0.1:$port"
}

case "$action" in
  start) start ;;
  stop) stop_pid prometheus "$pidfile" 20 ;;
  *) die "usage: prometheus.sh start|stop PORT" ;;
esac
