#!/usr/bin/env bash
# Checks the dashboards and the Prometheus configuration without a running environment:
#   promtool check config, promtool check rules, promtool test rules (unit tests of the main alerts),
#   every Grafana dashboard importable (JSON, datasource variable, ids, targets), every panel's PromQL
#   parsed by promtool, every metric used declared in metrics.md (check-metrics.sh --static).
# With an env file (test.sh <env.properties>) it also runs the live check: check-metrics.sh <env file>.
# Last line: "dashboards: N passed, M failed". Exit status 0 only when nothing failed.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here" || exit 2
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok    $*"; }
ko() { failed=$((failed + 1)); echo "FAIL  $*"; }
finish() { echo "dashboards: ${passed} passed, ${failed} failed"; [[ $failed -eq 0 ]]; exit $?; }
run() { # run NAME COMMAND...: one check, output shown only on failure
  local name=$1 out; shift
  if out=$("$@" 2>&1); then ok "$name"; else echo "$out" | tail -n 40; ko "$name"; fi
}

command -v promtool >/dev/null || { ko "promtool not on PATH (Debian: apt-get install -y prometheus)"; finish; }
command -v jq >/dev/null || { ko "jq not on PATH (Debian: apt-get install -y jq)"; finish; }
scratch=$(mktemp -d "${TMPDIR:-/tmp}/tandem-dashboards.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

# 1. Prometheus: config (with the rule files it names), rules, unit tests.
run "promtool check config prometheus/prometheus.yml" promtool check config prometheus/prometheus.yml
for f in prometheus/rules/*.yml; do
  run "promtool check rules $f" promtool check rules "$f"
done
for f in prometheus/tests/*_test.yml; do
  groups=$(grep -c '^  - name:' "$f")
  run "promtool test rules $f ($groups test groups)" promtool test rules "$f"
done

# 2. Grafana dashboards: importable JSON, Prometheus datasource variable, every panel on it.
uids=()
for f in grafana/*.json; do
  if ! jq -e . "$f" >/dev/null 2>&1; then ko "$f is not valid JSON"; continue; fi
  problems=$(jq -r '
    def panels: .panels[] | select(.type != "row");
    [ (if (.uid // "") == "" or (.title // "") == "" then "no uid or title" else empty end),
      (if ([.templating.list[]? | select(.type == "datasource" and .query == "prometheus" and .name == "datasource")] | length) != 1
         then "no Prometheus datasource variable named datasource" else empty end),
      (if ([.panels[].id] | length) != ([.panels[].id] | unique | length) then "duplicate panel ids" else empty end),
      (panels | select(.datasource.uid != "${datasource}") | "panel \(.title): datasource is not ${datasource}"),
      (panels | select((.targets // []) | length == 0) | "panel \(.title): no query"),
      (panels | .title as $t | .targets[] | select((.expr // "") == "" or .datasource.uid != "${datasource}") | "panel \($t): target without expr or datasource"),
      (panels | select(([.targets[].refId] | unique | length) != (.targets | length)) | "panel \(.title): duplicate refIds"),
      (.panels[] | select(.gridPos.x + .gridPos.w > 24 or .gridPos.w < 1 or .gridPos.h < 1) | "panel \(.title): outside the 24-column grid")
    ] | .[]' "$f")
  if [[ -z "$problems" ]]; then ok "grafana: $f ($(jq '[.panels[] | select(.type != "row")] | length' "$f") panels)"
  else echo "$problems"; ko "grafana: $f"; fi
  uids+=("$(jq -r .uid "$f")")
done
if [[ $(printf '%s\n' "${uids[@]}" | sort | uniq -d | wc -l) -eq 0 ]]; then ok "grafana: dashboard uids unique"
else ko "grafana: duplicate dashboard uids: $(printf '%s\n' "${uids[@]}" | sort | uniq -d | tr '\n' ' ')"; fi

# 3. Every panel's PromQL parses: as recording rules, with Grafana's interval macros filled in.
{
  echo "groups:"
  echo "  - name: dashboard-queries"
  echo "    rules:"
  jq -r '.. | objects | select(has("expr")) | .expr' grafana/*.json |
    sed -E 's/\$__(rate_interval|interval|range)/5m/g' |
    jq -R -r '"      - record: dashboard:query\n        expr: \(. | @json)"'
} > "$scratch/dashboard-queries.yml"
run "promtool parses every dashboard query ($(grep -c 'record:' "$scratch/dashboard-queries.yml"))" \
  promtool check rules "$scratch/dashboard-queries.yml"

# 4. Every metric used is in the contract (metrics.md).
run "metrics used by panels and rules are declared in metrics.md" ./check-metrics.sh --static

# 5. Live: only with an env file of a running environment.
if [[ $# -ge 1 ]]; then
  out=$(./check-metrics.sh "$1" 2>&1); rc=$?
  echo "$out" | grep -E '^FAIL' | head -n 60
  if [[ $rc -eq 0 ]]; then ok "live metrics ($(tail -n 1 <<<"$out"))"; else ko "live metrics ($(tail -n 1 <<<"$out"))"; fi
fi
finish
