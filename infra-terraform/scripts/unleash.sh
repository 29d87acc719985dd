#!/usr/bin/env bash
# unleash.sh start|stop PORT PG_PORT: the Unleash server (npm, pinned by infra-terraform/unleash's lockfile).
# Tokens and the UI login come from the environment on a fresh database (Unleash creates them once).
# Environment: RUN_DIR, UNLEASH_ADMIN_TOKEN, UNLEASH_CLIENT_TOKEN, UNLEASH_UI_USER, UNLEASH_UI_PASSWORD.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

action=$1 port=$2 pg_port=$3
: "${RUN_DIR:?}"
app="$TANDEM_ROOT/infra-terraform/unleash"
pidfile="$RUN_DIR/pids/unleash.pid"

install() {
  if [ ! -f "$app/node_modules/unleash-server/package.json" ]; then
    log "unleash: npm ci (first time only)"
    (cd "$app" && npm ci --no-audit --no-fund --loglevel=error) >"$RUN_DIR/logs/unleash.npm.log" 2>&1 \
      || die "npm ci failed in $app: see $RUN_DIR/logs/unleash.npm.log"
  fi
}

start() {
  mkdir -p "$RUN_DIR/logs"
  install
  : "${UNLEASH_ADMIN_TOKEN:?}" "${UNLEASH_CLIENT_TOKEN:?}" "${UNLEASH_UI_USER:?}" "${UNLEASH_UI_PASSWORD:?}"
  TANDEM_PG_PORT=$pg_port TANDEM_UNLEASH_PORT=$port \
  TANDEM_UNLEASH_ADMIN_TOKEN=$UNLEASH_ADMIN_TOKEN TANDEM_UNLEASH_CLIENT_TOKEN=$UNLEASH_CLIENT_TOKEN \
  TANDEM_UNLEASH_UI_USER=$UNLEASH_UI_USER TANDEM_UNLEASH_UI_PASSWORD=$UNLEASH_UI_PASSWORD \
  SEND_TELEMETRY=false CHECK_VERSION=false NODE_ENV=production \
    start_bg unleash "$pidfile" "$RUN_DIR/logs/unleash.log" node "$app/server.js"
  wait_for unleash 120 http_ok "http://127.0.0.1:$port/health"
  wait_for "unleash client API" 30 curl -fsS -o /dev/null --max-time 2 \
    -H "Authorization: $UNLEASH_CLIENT_TOKEN" "http://127.0.0.1:$port/api/client/features"
  log "unleash: ready on http://127.0.0.1:$port"
}

case "$action" in
  start) start ;;
  stop) stop_pid unleash "$pidfile" 20 ;;
  *) die "usage: unleash.sh start|stop PORT PG_PORT" ;;
esac
