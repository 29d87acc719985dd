#!/usr/bin/env bash
# test-all.sh (./tandem test): every test of the project, on a machine where nothing needs to be running.
#  1. the local environment up (reused when it is already up, else started and stopped again);
#  2. Maven: unit tests (surefire) and integration tests on the real servers (failsafe, -Pit);
#  3. real clients against every server (EnvCheck);
#  4. the short DR drill and the chaos scenarios (apps/drill), which mend what they break, then ops-ui (the kill
#     switch clicked in the Unleash UI in headless Chromium reaches pricing, and back);
#  5. terraform test of envs/local: a second environment (ports +1000) applied, checked, healed, destroyed;
#  6. the suites other parts of the project ship (cloud Terraform, dashboards), when present.
# Each step prints its runner's closing lines; the last line sums them up.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
ROOT=$TANDEM_ROOT
RUN_DIR=${TANDEM_RUN_DIR:-$ROOT/.run/local}
ENV_FILE=$RUN_DIR/env.properties
TEST_RUN_DIR=${TANDEM_TEST_RUN_DIR:-$ROOT/.run/tftest}
mkdir -p "$RUN_DIR/logs"
LOGS=$RUN_DIR/logs

passed=0 failed=0 skipped=0 steps_failed=()

# count_closing LOG: adds a step's "N passed, M failed[, K skipped]" closing line to the totals.
count_closing() {
  local line
  line=$(grep -Eo '[0-9]+ passed, [0-9]+ failed(, [0-9]+ skipped)?' "$1" | tail -n 1)
  [ -n "$line" ] || return 0
  passed=$((passed + $(echo "$line" | sed -E 's/^([0-9]+) passed.*/\1/')))
  failed=$((failed + $(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')))
  if [[ $line == *skipped* ]]; then skipped=$((skipped + $(echo "$line" | sed -E 's/.* ([0-9]+) skipped/\1/'))); fi
}

# count_maven LOG: sums the "Tests run: N, Failures: F, Errors: E, Skipped: S" totals of every module.
count_maven() {
  local totals
  totals=$(awk '/^\[(INFO|WARNING|ERROR)\] Results:/ { results = 1; next }
                results && /Tests run: [0-9]+, Failures: [0-9]+, Errors: [0-9]+, Skipped: [0-9]+$/ {
                  gsub(/,/, ""); for (i = 1; i <= NF; i++) { if ($i == "run:") r += $(i+1); if ($i == "Failures:") f += $(i+1);
                  if ($i == "Errors:") e += $(i+1); if ($i == "Skipped:") s += $(i+1) } results = 0 }
                END { printf "%d %d %d", r - f - e - s, f + e, s }' "$1")
  read -r p f s <<<"$totals"
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
}

step() { # step NAME COMMAND...: runs a step, logs it, prints its closing lines
  local name=$1; shift
  local log="$LOGS/test-$name.log" started=$SECONDS
  log "test step $name (log $log)"
  if "$@" >"$log" 2>&1; then
    log "test step $name: ok ($((SECONDS - started)) s)"
  else
    log "test step $name: FAILED ($((SECONDS - started)) s)"; steps_failed+=("$name")
    tail -n 60 "$log"
  fi
}

use_java
bash "$ROOT/infra-terraform/scripts/install-deps.sh" || exit 1
started_env=0
if ! "$ROOT/tandem" status 2>/dev/null | awk '$3 != "up" { bad = 1 } END { exit bad }' || [ ! -f "$ENV_FILE" ]; then
  "$ROOT/tandem" up || { "$ROOT/tandem" down; die "the local environment did not come up"; }
  started_env=1
fi
finish() { if [ "$started_env" = 1 ]; then "$ROOT/tandem" down; fi; }
trap finish EXIT

# 2. Maven, unit and integration tests.
step maven "$ROOT/mvnw" -B -fae -Pit verify "-Dtandem.env.file=$ENV_FILE"
grep -E '^\[(INFO|WARNING|ERROR)\] (Tests run:|Building |BUILD |Reactor Summary)|FAIL' "$LOGS/test-maven.log" | grep -v 'Time elapsed' || true
# Which tests failed and why, so the CI record names them (the reports stay in each module's target/).
grep -E '<<< (FAILURE|ERROR)!|^\[ERROR\]   [A-Za-z]' "$LOGS/test-maven.log" | head -n 40 || true
count_maven "$LOGS/test-maven.log"
# A component the tests ended (it should not happen; Unleash once did) must not fail every step after them.
"$ROOT/tandem" status | awk '$3 != "up" { bad = 1 } END { exit bad }' || { log "after maven: not all up, bringing it up again"; "$ROOT/tandem" up >/dev/null 2>&1 || true; }

# 3. Real clients against every server of the running environment.
step envcheck bash "$ROOT/infra-terraform/scripts/envcheck.sh" "$ENV_FILE"
cat "$LOGS/test-envcheck.log"
count_closing "$LOGS/test-envcheck.log"

# 4. The short DR drill and the chaos scenarios, on the same environment (they mend what they break).
step drill "$ROOT/tandem" drill --short
tail -n 12 "$LOGS/test-drill.log"
drill_line=$(grep -E '^drill: ' "$LOGS/test-drill.log" | tail -n 1)
if [[ $drill_line =~ ^drill:\ [1-9][0-9]*\ orders,\ 0\ lost,\ 0\ duplicated,\ 0\ sessions\ split,\ 0\ oversold,\ 0\ off\ their\ cart ]]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
# Every metric a dashboard or rule uses is exported: checked after the drill's traffic (meters made on a first
# request or a first flag change exist by then) and before chaos restarts processes (which resets those).
if [ -x "$ROOT/dashboards/check-metrics.sh" ]; then
  step dashboards-live-metrics "$ROOT/dashboards/check-metrics.sh" "$ENV_FILE"
  tail -n 5 "$LOGS/test-dashboards-live-metrics.log"
  count_closing "$LOGS/test-dashboards-live-metrics.log"
fi
# overload is left out of the default list: on this 2-core machine it fails on its own margins, with or without the
# latest changes (2026-12-02: admitted place p99 1132 ms on 950402e's build, 1001 and 1575 ms on the next; apps/drill
# README, "chaos overload"; 22 more runs over six admission settings on 2026-12-02, none reliable: "chaos overload,
# the gate's decision"); run it alone, or with TANDEM_CHAOS="... overload ...".
for scenario in ${TANDEM_CHAOS:-cluster-a-dies db-a-down redis-b-down unleash-down kafka-down offers-slow stock-down hot-product db-a-slow redis-a-slow psp-down db-pool-exhaustion alert-delivery region-a-lost}; do
  step "chaos-$scenario" "$ROOT/tandem" chaos "$scenario"
  line=$(tail -n 1 "$LOGS/test-chaos-$scenario.log")
  echo "$line"
  if [[ $line == "chaos $scenario: pass"* ]]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
  # A scenario that could not mend what it broke must not fail the ones after it.
  "$ROOT/tandem" status | awk '$3 != "up" { bad = 1 } END { exit bad }' || "$ROOT/tandem" up >/dev/null 2>&1 || true
done
# Ops in a real browser: offer_kill_switch clicked ON and OFF in the Unleash UI; counted like a chaos scenario.
step chaos-ops-ui "$ROOT/tandem" chaos ops-ui
grep -E '^  (clicked|ops-ui:|saved:)' "$LOGS/test-chaos-ops-ui.log" || true
line=$(tail -n 1 "$LOGS/test-chaos-ops-ui.log")
echo "$line"
if [[ $line == "chaos ops-ui: pass"* ]]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
# The scenario leaves the flag off itself (admin API); again here in case its JVM died, since later steps price carts.
curl -fsS -o /dev/null --max-time 5 -X POST -H "Authorization: $(sed -n 's/^unleash.admin.token=//p' "$ENV_FILE")" \
  "$(sed -n 's/^unleash.url=//p' "$ENV_FILE")/api/admin/projects/default/features/offer_kill_switch/environments/development/off" \
  || log "could not make sure offer_kill_switch is off"

# Every line every Tandem JVM wrote through all of the above is one JSON object (third-party logs skipped by name).
step logcheck bash "$ROOT/infra-terraform/scripts/logs.sh" check "$RUN_DIR"
tail -n 3 "$LOGS/test-logcheck.log"
count_closing "$LOGS/test-logcheck.log"

# 5. terraform test of envs/local (a second environment beside the first).
run_tf_test() {
  rm -rf "$TEST_RUN_DIR"
  terraform -chdir="$ROOT/infra-terraform/envs/local" init -input=false -no-color >/dev/null &&
    terraform -chdir="$ROOT/infra-terraform/envs/local" test -no-color \
      -var "run_dir=$TEST_RUN_DIR" -var port_offset=1000
  local rc=$?
  # terraform test destroys what it applied; whatever a failed run left behind is stopped here.
  for pidfile in "$TEST_RUN_DIR"/pids/*.pid; do [ -e "$pidfile" ] && stop_pid "$(basename "$pidfile" .pid)" "$pidfile" 20; done
  return $rc
}
step terraform-local run_tf_test
grep -E '^\s+run "|passed, .* failed' "$LOGS/test-terraform-local.log"
line=$(grep -Eo '[0-9]+ passed, [0-9]+ failed(, [0-9]+ skipped)?' "$LOGS/test-terraform-local.log" | tail -n 1)
echo "terraform-local: ${line:-0 passed, 1 failed}"
count_closing <(echo "${line:-0 passed, 1 failed}")

# 6. Suites shipped by other parts of the project.
for suite in infra-terraform/envs/aws/test.sh dashboards/test.sh; do
  [ -x "$ROOT/$suite" ] || continue
  name=$(echo "$suite" | tr '/' '-' | sed 's/-test.sh$//')
  step "$name" "$ROOT/$suite"
  tail -n 5 "$LOGS/test-$name.log"
  count_closing "$LOGS/test-$name.log"
done

echo
if [ ${#steps_failed[@]} -gt 0 ]; then
  echo "failed steps: ${steps_failed[*]} (logs in $LOGS)"
  [ "$failed" -gt 0 ] || failed=${#steps_failed[@]}
fi
echo "tandem-test: $passed passed, $failed failed, $skipped skipped"
[ ${#steps_failed[@]} -eq 0 ]
