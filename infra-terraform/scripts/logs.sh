#!/usr/bin/env bash
# logs.sh check [RUN_DIR] [--ignore GLOB]...: every line of every Tandem JVM's log in RUN_DIR/logs is one JSON log
#   line (third-party processes' logs and step/tool output are left out by name: apps/common LogsTool, RunLogs);
#   prints one line per log and closes with "logcheck: N passed, M failed" (a log is a test). Exit 1 on a failure.
# logs.sh order ORDER_NUMBER [RUN_DIR]: every line about the order in every Tandem JVM's log, in time order
#   (./tandem logs --order N).
# RUN_DIR defaults to TANDEM_RUN_DIR, else <repo>/.run/local. Runs from apps/cluster's built jar (./tandem up builds it).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
use_java
jar="$TANDEM_ROOT/apps/cluster/target"
[ -f "$jar/tandem-cluster.jar" ] || die "apps/cluster is not built (./tandem up, or ./mvnw -pl apps/cluster -am package -DskipTests)"
tool() {
  # The tool's own logging stays off: its output is its report.
  java -cp "$jar/tandem-cluster.jar:$jar/libs/*" -Djava.util.logging.config.file=/dev/null \
    io.tandem.common.logging.tool.LogsTool "$@"
}
default_run_dir=${TANDEM_RUN_DIR:-$TANDEM_ROOT/.run/local}
case "${1:-}" in
  check)
    shift
    run_dir=$default_run_dir
    if [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; then run_dir=$1; shift; fi
    tool check "$run_dir/logs" "$@" ;;
  order)
    [ $# -ge 2 ] || die "usage: logs.sh order ORDER_NUMBER [RUN_DIR]"
    tool order "$2" "${3:-$default_run_dir}/logs" ;;
  *) die "usage: logs.sh check [RUN_DIR] [--ignore GLOB]... | logs.sh order ORDER_NUMBER [RUN_DIR]" ;;
esac
