#!/usr/bin/env bash
# java-service.sh start|stop NAME PORT JAR [JAVA_ARGS...]: one of Tandem's own JVMs, started from its
# built jar (JAR; its libs/ beside it), ready once HEALTH_PATH (default liveness) answers.
# MAIN_CLASS runs another main class of the jar than its manifest's.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

action=$1 name=$2 port=$3 jar=$4; shift 4
: "${RUN_DIR:?}"
pidfile="$RUN_DIR/pids/$name.pid"
JAVA_SERVICE_HEAP=${JAVA_SERVICE_HEAP:--Xmx256m}

start() {
  use_java
  [ -f "$jar" ] || die "$name: $jar is not built (run ./tandem up, which builds it)"
  if running "$pidfile"; then log "$name: already running (pid $(cat "$pidfile"))"; return 0; fi
  # Run from a copy: a rebuild rewrites target/*.jar in place, which would break a JVM still loading
  # classes from it (./tandem test rebuilds while the environment runs).
  local app="$RUN_DIR/app/$name"
  rm -rf "$app" && mkdir -p "$app"
  cp "$jar" "$app/" && cp -r "$(dirname "$jar")/libs" "$app/libs"
  jar="$app/$(basename "$jar")"
  local launch=(-jar "$jar")
  if [ -n "${MAIN_CLASS:-}" ]; then launch=(-cp "$jar:$app/libs/*" "$MAIN_CLASS"); fi
  start_bg "$name" "$pidfile" "$RUN_DIR/logs/$name.log" \
    java "$JAVA_SERVICE_HEAP" -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED \
      -Dserver.host=127.0.0.1 -Dserver.port="$port" "$@" "${launch[@]}"
  if ! wait_for "$name" 60 http_ok "http://127.0.0.1:$port${HEALTH_PATH:-/observe/health/live}"; then
    tail -n 30 "$RUN_DIR/logs/$name.log" >&2
    die "$name did not come up on $port: see $RUN_DIR/logs/$name.log"
  fi
  log "$name: ready on http://127.0.0.1:$port"
}

case "$action" in
  start) start "$@" ;;
  stop) stop_pid "$name" "$pidfile" 20 ;;
  *) die "usage: java-service.sh start|stop NAME PORT JAR [JAVA_ARGS...]" ;;
esac
