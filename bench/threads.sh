#!/usr/bin/env bash
# bench/threads.sh RUN_DIR [SECONDS] [TOP] [NAME=PID...]: where an environment's CPU goes, per thread. Reads
# utime+stime of every thread of every process in RUN_DIR/pids, and of each NAME=PID given (a load generator, say),
# from /proc/<pid>/task; waits SECONDS (default 30), reads again, and prints how busy the whole machine was
# (/proc/stat), the cores each process used, and the TOP (default 30) busiest groups of threads: process, thread
# name without its trailing number (a pool's threads are one group). Run it beside a load or idle.
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: bench/threads.sh RUN_DIR [SECONDS] [TOP] [NAME=PID...]" >&2; exit 2; }
run_dir=$1 seconds=${2:-30} top=${3:-30}
shift $(($# < 3 ? $# : 3))
extra=("$@")
hz=$(getconf CLK_TCK)

processes() {
  local pf
  for pf in "$run_dir"/pids/*.pid; do
    echo "$(basename "$pf" .pid) $(cat "$pf" 2>/dev/null)"
  done
  for named in ${extra[@]+"${extra[@]}"}; do
    echo "${named%%=*} ${named#*=}"
  done
}

snapshot() {
  local name pid t stat rest
  processes | while read -r name pid; do
    [ -n "$pid" ] || continue
    for t in /proc/"$pid"/task/*; do
      stat=$(cat "$t/stat" 2>/dev/null) || continue
      rest=${stat##*) }
      # shellcheck disable=SC2086
      set -- $rest
      # fields 14 and 15 of stat (utime, stime) are the 12th and 13th after the name
      printf '%s %s %s %s\n' "$name" "${t##*/}" "$(tr ' ' '_' <"$t/comm" 2>/dev/null)" "$((${12} + ${13}))"
    done
  done
  # the machine: "cpu" user nice system idle iowait irq softirq steal
  awk '$1 == "cpu" { printf "machine idle %d\n", $5 + $6; printf "machine busy %d\n", $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat
}

before=$(mktemp) after=$(mktemp)
trap 'rm -f "$before" "$after"' EXIT
snapshot >"$before"
sleep "$seconds"
snapshot >"$after"
delta() { awk -v key="$1" '$1 " " $2 == key { v[FILENAME] = $3 } END { print v[ARGV[1]] - v[ARGV[2]] }' "$after" "$before"; }
busy=$(delta "machine busy") idle=$(delta "machine idle")
echo "$seconds s: the machine $((100 * busy / (busy + idle)))% busy over its $(nproc) cores"

rows=$(awk -v hz="$hz" -v secs="$seconds" '
  $1 == "machine" { next }
  NR == FNR { start[$1 " " $2] = $4; next }
  {
    group = $3; sub(/[-#_]?[0-9]+$/, "", group)
    used[$1 " " group] += $4 - (($1 " " $2) in start ? start[$1 " " $2] : 0)
  }
  END { for (k in used) { split(k, p, " "); printf "%s %s %.3f\n", p[1], p[2], used[k] / hz / secs } }
' "$before" "$after")
echo "  $(awk '{ s += $3 } END { printf "%.3f", s }' <<<"$rows") cores in all; per process:"
awk '{ used[$1] += $3 } END { for (p in used) printf "%s %.3f\n", p, used[p] }' <<<"$rows" | sort -k2,2 -nr \
  | awk '{ printf "  %-14s %s cores\n", $1, $2 }'
echo "  per process and thread group, busiest first:"
sort -k3,3 -nr <<<"$rows" | head -n "$top" | awk '{ printf "  %-14s %-28s %s cores\n", $1, $2, $3 }'
