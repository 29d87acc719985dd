#!/usr/bin/env bash
# Every metric a Grafana panel or an alert rule uses must be declared in metrics.md and, with an env file,
# exported by each running process metrics.md names for it, so that no panel can silently go blank.
#
#   check-metrics.sh --static          used names vs metrics.md only (no running environment needed)
#   check-metrics.sh <env.properties>  the same, plus a scrape of every process of the environment
#   check-metrics.sh --list            print the metric names the dashboards and rules use, and stop
#
# Needs bash, curl, jq (Debian: apt-get install -y jq). Last line: "check-metrics: N passed, M failed",
# one count per used metric (declared?) and per used metric x process that must export it.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
contract="$here/metrics.md"
passed=0
failed=0
ok() { passed=$((passed + 1)); [[ -n "${VERBOSE:-}" ]] && echo "ok    $*"; return 0; }
ko() { failed=$((failed + 1)); echo "FAIL  $*"; }
finish() { echo "check-metrics: ${passed} passed, ${failed} failed"; [[ $failed -eq 0 ]]; exit $?; }

mode="${1:-}"
if [[ -z "$mode" ]]; then
  echo "usage: $0 --static | --list | <env.properties>" >&2
  exit 2
fi
command -v jq >/dev/null || { ko "jq not on PATH (apt-get install -y jq)"; finish; }

# --- 1. The PromQL of every panel and rule ----------------------------------------------------------
exprs() {
  jq -r '.. | objects | select(has("expr")) | .expr' "$here"/grafana/*.json
  # Rule files: `expr: <one line>` or `expr: |` / `expr: >` followed by more-indented lines.
  awk '
    function indent(s) { match(s, /^ */); return RLENGTH }
    inblock { if ($0 ~ /^ *$/ || indent($0) > base) { print; next } else { inblock = 0; print "" } }
    /^ *expr: *[|>][-+]? *$/ { inblock = 1; base = indent($0); next }
    /^ *expr: / { sub(/^ *expr: */, ""); print; print "" }
  ' "$here"/prometheus/rules/*.yml
}

# Metric names in PromQL: drop strings, label matchers, ranges, grouping clauses, Grafana variables,
# then keep identifiers that are not functions, keywords or numbers.
names_in() {
  sed -E -e 's/\$__[a-z_]+/1m/g' -e 's/\$\{?[A-Za-z_]+\}?//g' \
         -e 's/"([^"\\]|\\.)*"//g' -e 's/\{[^}]*\}//g' -e 's/\[[^]]*\]//g' \
         -e 's/\b(by|without|on|ignoring|group_left|group_right) *\([^)]*\)//g' |
    grep -oE '[A-Za-z_:][A-Za-z0-9_:]* *\(?' |
    grep -vE '\($' |
    sed -E 's/ +$//' |
    grep -vxE 'by|without|on|ignoring|group_left|group_right|bool|and|or|unless|offset|atan2|inf|nan|Inf|NaN|e' |
    sort -u
}

used=$(exprs | names_in)
if [[ -z "$used" ]]; then ko "no metric found in grafana/*.json and prometheus/rules/*.yml"; finish; fi
if [[ "$mode" == "--list" ]]; then echo "$used"; exit 0; fi

# --- 2. The contract: | `name` | type | labels | jobs | status | meaning | ------------------------------
declare -A mtype mjobs mstatus
while IFS='|' read -r _ name type _labels jobs status _rest; do
  name=$(tr -d '` ' <<<"$name")
  mtype[$name]=$(tr -d ' ' <<<"$type")
  mjobs[$name]=$(tr -d ' ' <<<"$jobs")
  mstatus[$name]=$(sed -E 's/^ +| +$//g' <<<"$status")
done < <(grep -E '^\| `[A-Za-z_:][A-Za-z0-9_:]*` \|' "$contract")

family_of() { # the declared family a used name belongs to, or nothing
  local n=$1 base
  if [[ -n "${mtype[$n]:-}" ]]; then echo "$n"; return; fi
  for suffix in _bucket _count _sum; do
    base=${n%"$suffix"}
    if [[ "$base" != "$n" && ( "${mtype[$base]:-}" == histogram || "${mtype[$base]:-}" == summary ) ]]; then
      echo "$base"; return
    fi
  done
}

declare -A family
for n in $used; do
  f=$(family_of "$n")
  if [[ -n "$f" ]]; then ok "declared: $n"; family[$n]=$f
  else ko "$n is used by a panel or rule but not declared in metrics.md"; fi
done
[[ "$mode" == "--static" ]] && finish

# --- 3. Live: scrape every process of the environment ----------------------------------------------
env_file=$mode
[[ -r "$env_file" ]] || { ko "env file $env_file not readable"; finish; }
declare -A job_key=([proxy]=proxy.url [cluster-a]=cluster.a.url [cluster-b]=cluster.b.url [catalog]=catalog.url
                    [offers]=offers.url [psp]=psp.url [notifier]=notifier.url [unleash]=unleash.url)
declare -A job_path=([unleash]=/internal-backstage/prometheus)
scratch=$(mktemp -d "${TMPDIR:-/tmp}/tandem-metrics.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
declare -A reachable
for job in "${!job_key[@]}"; do
  url=$(sed -n "s#^${job_key[$job]}=##p" "$env_file" | tail -n 1)
  if [[ -z "$url" ]]; then reachable[$job]="no ${job_key[$job]} in $env_file"; continue; fi
  if curl -sf -m 10 -H 'Accept: text/plain' "$url${job_path[$job]:-/observe/metrics}" -o "$scratch/$job.txt"; then
    grep -v '^#' "$scratch/$job.txt" | sed -E 's/[{ ].*//' | sort -u > "$scratch/$job.names"
    reachable[$job]=yes
  else
    reachable[$job]="$url${job_path[$job]:-/observe/metrics} did not answer"
  fi
done

for n in $used; do
  f=${family[$n]:-}
  [[ -z "$f" ]] && continue
  [[ "${mjobs[$f]}" == prometheus ]] && continue # synthetic (up): made by Prometheus itself
  IFS=',' read -ra jobs <<<"${mjobs[$f]}"
  for job in "${jobs[@]}"; do
    if [[ "${reachable[$job]:-unknown job}" != yes ]]; then
      ko "$n from $job: ${reachable[$job]:-job $job unknown to check-metrics.sh}"
    elif grep -qxF "$n" "$scratch/$job.names"; then
      ok "$n exported by $job"
    else
      ko "$n not exported by $job (metrics.md status: ${mstatus[$f]})"
    fi
  done
done
finish
