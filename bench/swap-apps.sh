#!/usr/bin/env bash
# bench/swap-apps.sh RUN_DIR FROM NAME...: restarts the named Tandem JVMs of the environment in RUN_DIR (cluster-a,
# cluster-b, catalog, ...) on the jar and libs/ under FROM/<name>/, with the command line each runs with now, and
# waits until each is live again. So an old and a new build take turns in one environment (bench/compare.sh); the
# pid files are rewritten as java-service.sh does, so envs/local sees a restart, not a death.
# SWAP_JAVA_OPTS: JVM options added before the jar (e.g. -XX:TieredStopAtLevel=1), in place of those an earlier swap
# added (they sit between two -Dbench.swap.opts markers), so two JVM settings of one build take turns as two builds do.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/infra-terraform/scripts/lib.sh"
[ $# -ge 3 ] || die "usage: bench/swap-apps.sh RUN_DIR FROM NAME..."
RUN_DIR=$1 FROM=$2; shift 2
use_java
# How long a restarted JVM may take to answer its liveness probe (slow on a busy 2-core machine).
SWAP_READY_SECONDS=${SWAP_READY_SECONDS:-180}

for name in "$@"; do
  pidfile=$RUN_DIR/pids/$name.pid
  running "$pidfile" || die "$name is not running (pid file $pidfile)"
  [ -d "$FROM/$name" ] || die "no build of $name under $FROM"
  mapfile -d '' now <"/proc/$(cat "$pidfile")/cmdline"
  cmd=() skipping=
  for arg in "${now[@]}"; do
    if [ "$arg" = -Dbench.swap.opts=begin ]; then skipping=1; continue; fi
    if [ "$arg" = -Dbench.swap.opts=end ]; then skipping=; continue; fi
    if [ -n "$skipping" ]; then continue; fi
    if [ -n "${SWAP_JAVA_OPTS:-}" ] && { [ "$arg" = -jar ] || [ "$arg" = -cp ]; }; then
      # shellcheck disable=SC2206
      cmd+=(-Dbench.swap.opts=begin $SWAP_JAVA_OPTS -Dbench.swap.opts=end)
    fi
    cmd+=("$arg")
  done
  port=$(printf '%s\n' "${cmd[@]}" | sed -n 's/^-Dserver.port=//p' | head -1)
  [ -n "$port" ] || die "$name: no -Dserver.port in its command line"
  stop_pid "$name" "$pidfile" 20
  rm -rf "$RUN_DIR/app/$name" && cp -r "$FROM/$name" "$RUN_DIR/app/$name"
  start_bg "$name" "$pidfile" "$RUN_DIR/logs/$name.log" "${cmd[@]}"
done
for name in "$@"; do
  port=$(tr '\0' '\n' <"/proc/$(cat "$RUN_DIR/pids/$name.pid")/cmdline" | sed -n 's/^-Dserver.port=//p' | head -1)
  wait_for "$name" "$SWAP_READY_SECONDS" http_ok "http://127.0.0.1:$port/observe/health/live" \
    || die "$name did not come back on $port"
  log "$name: live on $port ($(basename "$FROM")${SWAP_JAVA_OPTS:+ with $SWAP_JAVA_OPTS})"
done
