#!/usr/bin/env bash
# bench/threads.sh RUN_DIR [SECONDS] [TOP]: where an environment's CPU goes, per thread. Reads utime+stime of every
# thread of every process in RUN_DIR/pids (from /proc/<pid>/task), waits SECONDS (default 30), reads again, and
# prints the TOP (default 30) busiest groups of threads: process, thread name without its trailing number (a pool's
# threads are one group), cores used over the interval. Run it beside a load (./tandem bench checkout) or idle.
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: bench/threads.sh RUN_DIR [SECONDS] [TOP]" >&2; exit 2; }
run_dir=$1 seconds=${2:-30} top=${3:-30}
hz=$(getconf CLK_TCK)

snapshot() {
  local pf name pid t stat rest
  for pf in "$run_dir"/pids/*.pid; do
    name=$(basename "$pf" .pid)
    pid=$(cat "$pf" 2>/dev/null) || continue
    for t in /proc/"$pid"/task/*; do
      stat=$(cat "$t/stat" 2>/dev/null) || continue
      rest=${stat##*) }
      # shellcheck disable=SC2086
      set -- $rest
      # fields 14 and 15 of stat (utime, stime) are the 12th and 13th after the name
      printf '%s %s %s %s\n' "$name" "${t##*/}" "$(tr ' ' '_' <"$t/comm" 2>/dev/null)" "$((${12} + ${13}))"
    done
  done
}

before=$(mktemp) after=$(mktemp)
trap 'rm -f "$before" "$after"' EXIT
snapshot >"$before"
sleep "$seconds"
snapshot >"$after"
rows=$(awk -v hz="$hz" -v secs="$seconds" '
  NR == FNR { start[$1 " " $2] = $4; next }
  {
    group = $3; sub(/[-#_]?[0-9]+$/, "", group)
    used[$1 " " group] += $4 - (($1 " " $2) in start ? start[$1 " " $2] : 0)
  }
  END { for (k in used) { split(k, p, " "); printf "%s %s %.3f\n", p[1], p[2], used[k] / hz / secs } }
' "$before" "$after")
echo "$seconds s: $(awk '{ s += $3 } END { printf "%.3f", s }' <<<"$rows") cores in all; per process and thread group, busiest first:"
sort -k3,3 -nr <<<"$rows" | head -n "$top" | awk '{ printf "  %-14s %-28s %s cores\n", $1, $2, $3 }'
