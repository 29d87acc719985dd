#!/usr/bin/env bash
# bench/compare.sh OLD NEW [ROUNDS] [BENCH OPTIONS...]: an old and a new build measured in one run, interleaved:
# ROUNDS (default 2) times old then new, each restarted in place (bench/swap-apps.sh) and benched with
# `bench checkout` (default --rates 20 --step-seconds 30); OLD and NEW hold <name>/<jar + libs/> for each JVM in
# COMPARE_APPS. Results go to bench/results/ as usual (labels old-<n>, new-<n>); the last lines are repeated at the end.
# COMPARE_OLD_JAVA_OPTS / COMPARE_NEW_JAVA_OPTS: JVM options of each side (bench/swap-apps.sh's SWAP_JAVA_OPTS); with
# OLD and NEW the same build, they compare two JVM settings (bench/compare.sh /tmp/b /tmp/b with
# COMPARE_NEW_JAVA_OPTS=-XX:TieredStopAtLevel=1).
# Environment file: TANDEM_ENV_FILE, default <repo>/.run/local/env.properties.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/infra-terraform/scripts/lib.sh"
[ $# -ge 2 ] || die "usage: bench/compare.sh OLD NEW [ROUNDS] [bench options]"
OLD=$(cd "$1" && pwd) NEW=$(cd "$2" && pwd); shift 2
ROUNDS=${1:-2}; [ $# -eq 0 ] || shift
OPTS=("$@"); [ ${#OPTS[@]} -gt 0 ] || OPTS=(--rates 20 --step-seconds 30)
ENV_FILE=${TANDEM_ENV_FILE:-$ROOT/.run/local/env.properties}
RUN=$(sed -n 's/^run.dir=//p' "$ENV_FILE")
# The JVMs whose code a checkout runs through (the proxy and the fault proxy are left as they are).
# Downstreams first: a cluster restarted before them would open its breakers to them.
COMPARE_APPS=${COMPARE_APPS:-catalog offers stock psp notifier cluster-a cluster-b}
lines=()
for round in $(seq 1 "$ROUNDS"); do
  for side in old new; do
    dir=$OLD opts=${COMPARE_OLD_JAVA_OPTS:-}
    if [ $side = new ]; then dir=$NEW opts=${COMPARE_NEW_JAVA_OPTS:-}; fi
    # shellcheck disable=SC2086
    SWAP_JAVA_OPTS=$opts bash "$ROOT/bench/swap-apps.sh" "$RUN" "$dir" $COMPARE_APPS
    log=$(mktemp)
    TANDEM_ENV_FILE=$ENV_FILE "$ROOT/apps/drill/bin/bench" checkout "${OPTS[@]}" --label "$side-$round" 2>&1 \
      | grep -v 'OpenTelemetry\|^INFO' >"$log" || true
    cat "$log"
    lines+=("$side-$round: $(grep '^bench checkout:' "$log" | tail -n 1)")
    rm -f "$log"
  done
done
printf '%s\n' "${lines[@]}"
