# Shared shell helpers of Tandem's scripts. Source it; it defines functions only.
# shellcheck shell=bash

TANDEM_ROOT=${TANDEM_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf 'tandem: %s\n' "$*" >&2; exit 1; }

# A JDK 21+ for Helidon 4: JAVA_HOME if it is one, else the newest under /usr/lib/jvm.
find_java_home() {
  local candidate version best="" best_version=0
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    version=$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 \
      | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1)
    [ -n "$version" ] || continue
    if [ "$candidate" = "${JAVA_HOME:-}" ] && [ "$version" -ge 21 ]; then best=$candidate; break; fi
    if [ "$version" -gt "$best_version" ]; then best=$candidate; best_version=$version; fi
  done
  if [ -z "$best" ] || [ "$(version_of_jdk "$best")" -lt 21 ]; then
    die "no JDK 21+ found (JAVA_HOME=${JAVA_HOME:-unset}, /usr/lib/jvm has: $(ls /usr/lib/jvm 2>/dev/null | tr '\n' ' ')). Install one: sudo apt-get install -y openjdk-21-jdk-headless (or temurin-21-jdk), or export JAVA_HOME."
  fi
  printf '%s\n' "$best"
}

version_of_jdk() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1
}

use_java() {
  JAVA_HOME=$(find_java_home) || exit 1
  export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
}

# wait_for NAME SECONDS COMMAND...: poll until COMMAND succeeds.
wait_for() {
  local name=$1 seconds=$2; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || { log "$name: not ready after ${seconds}s"; return 1; }
    sleep 0.2
  done
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

http_ok() { curl -fsS -o /dev/null --max-time 2 "$1"; }

pid_alive() { [ -n "${1:-}" ] && [ -d "/proc/$1" ] && ! grep -q '^State:.*Z' "/proc/$1/status" 2>/dev/null; }

# running PIDFILE: the process the pid file names is alive.
running() { [ -f "$1" ] && pid_alive "$(cat "$1")"; }

# start_bg NAME PIDFILE LOGFILE COMMAND...: start a background process, detached from the caller's
# output (Terraform waits on open pipes), unless the pid file names one that is alive.
start_bg() {
  local name=$1 pidfile=$2 logfile=$3; shift 3
  if running "$pidfile"; then log "$name: already running (pid $(cat "$pidfile"))"; return 0; fi
  # A pid file whose process is gone: it died. Envs/local's drift check reads this marker.
  if [ -s "$pidfile" ]; then cat "$pidfile" >"${pidfile%.pid}.restarted-after"; log "$name: was dead (pid $(cat "$pidfile")), restarting"; fi
  mkdir -p "$(dirname "$pidfile")" "$(dirname "$logfile")"
  nohup setsid "$@" >>"$logfile" 2>&1 </dev/null &
  echo $! >"$pidfile"
  log "$name: started (pid $!), log $logfile"
}

# stop_pid NAME PIDFILE [SECONDS]: TERM, wait, then KILL.
# The pid file goes before the process does: envs/local reads pid files at any moment of an apply, and
# must never see one that names a process it is stopping (that would read as a death).
stop_pid() {
  local name=$1 pidfile=$2 seconds=${3:-20} pid
  [ -f "$pidfile" ] || return 0
  pid=$(cat "$pidfile")
  # Found dead: leave the marker envs/local's drift check reads (see modules/local-process).
  if [ -n "$pid" ] && ! pid_alive "$pid"; then printf '%s\n' "$pid" >"${pidfile%.pid}.restarted-after"; fi
  rm -f "$pidfile"
  if pid_alive "$pid"; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    local deadline=$((SECONDS + seconds))
    while pid_alive "$pid" && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
    if pid_alive "$pid"; then kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true; fi
    log "$name: stopped (pid $pid)"
  fi
}

# as_service_user COMMAND...: PostgreSQL refuses to run as root; run it as 'postgres' then.
as_service_user() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

