#!/usr/bin/env bash
# zipkin.sh start|stop PORT: the trace store of the environment, Zipkin's server (io.zipkin:zipkin-server, the `exec`
# jar from Maven Central, with its UI), spans in memory only, at most $ZIPKIN_MAX_SPANS of them (the oldest traces
# are dropped past that), loopback only. Every Tandem JVM sends its spans to http://127.0.0.1:PORT/api/v2/spans.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

action=$1 port=$2
: "${RUN_DIR:?}"
home="$RUN_DIR/zipkin"
pidfile="$RUN_DIR/pids/zipkin.pid"
ZIPKIN_HEAP=${ZIPKIN_HEAP:--Xmx256m}
ZIPKIN_MAX_SPANS=${ZIPKIN_MAX_SPANS:-100000}

fetch_jar() {
  if ! ls "$home"/lib/zipkin-server-*-exec.jar >/dev/null 2>&1; then
    log "zipkin: copying the server's jar from Maven"
    mkdir -p "$home/lib" "$RUN_DIR/logs"
    "$TANDEM_ROOT/mvnw" -q -B -f "$TANDEM_ROOT/infra-terraform/zipkin/pom.xml" dependency:copy-dependencies \
      -DoutputDirectory="$home/lib" >"$RUN_DIR/logs/zipkin.fetch.log" 2>&1 \
      || die "could not fetch Zipkin's jar: see $RUN_DIR/logs/zipkin.fetch.log"
  fi
}

start() {
  mkdir -p "$RUN_DIR/logs"
  use_java
  fetch_jar
  local jar
  jar=$(ls "$home"/lib/zipkin-server-*-exec.jar | head -n 1)
  # STORAGE_TYPE/MEM_MAX_SPANS/QUERY_PORT are the server's own settings (its zipkin-server-shared.yml); the
  # Armeria listener is bound to loopback through its property.
  start_bg zipkin "$pidfile" "$RUN_DIR/logs/zipkin.log" \
    env STORAGE_TYPE=mem MEM_MAX_SPANS="$ZIPKIN_MAX_SPANS" QUERY_PORT="$port" SELF_TRACING_ENABLED=false \
      java "$ZIPKIN_HEAP" -XX:+UseSerialGC -Darmeria.ports[0].ip=127.0.0.1 -Darmeria.ports[0].port="$port" \
        -Darmeria.ports[0].protocols=http -jar "$jar"
  if ! wait_for zipkin 90 http_ok "http://127.0.0.1:$port/health"; then
    tail -n 30 "$RUN_DIR/logs/zipkin.log" >&2
    die "zipkin did not come up on $port: see $RUN_DIR/logs/zipkin.log"
  fi
  log "zipkin: ready on http://127.0.0.1:$port (UI /zipkin/)"
}

case "$action" in
  start) start ;;
  stop) stop_pid zipkin "$pidfile" 20 ;;
  *) die "usage: zipkin.sh start|stop PORT" ;;
esac
