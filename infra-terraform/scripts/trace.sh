#!/usr/bin/env bash
# trace.sh ZIPKIN_URL ORDER_NUMBER: an order's trace from Zipkin, printed as a tree with timings.
# Every span that works for an order carries the tag order.number (apps/common io.tandem.common.trace.Traces);
# Zipkin finds the trace by it, then the whole trace is read (/api/v2/trace/{id}) and drawn: start offset from the
# trace's first span, duration, process (Zipkin's service), span name, and the remote side of client spans.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

zipkin=${1:?usage: trace.sh ZIPKIN_URL ORDER_NUMBER} order=${2:?usage: trace.sh ZIPKIN_URL ORDER_NUMBER}
# A week back: Zipkin keeps spans in memory only, bounded; anything older is gone anyway.
LOOKBACK_MS=${TRACE_LOOKBACK_MS:-604800000}
command -v jq >/dev/null || die "jq is not installed: sudo apt-get install -y jq"

query=$(jq -rn --arg q "order.number=$order" '$q|@uri')
found=$(curl -fsS --max-time 10 "$zipkin/api/v2/traces?annotationQuery=$query&lookback=$LOOKBACK_MS&limit=10") \
  || die "Zipkin at $zipkin did not answer (is the environment up? ./tandem status)"
ids=$(jq -r '[.[] | .[0].traceId] | unique | .[]' <<<"$found")
[ -n "$ids" ] || die "no trace of order $order in Zipkin (spans leave each process within ~1 s; tracing off, or sampled out?)"

for id in $ids; do
  curl -fsS --max-time 10 "$zipkin/api/v2/trace/$id" | jq -r --arg order "$order" --arg ui "$zipkin/zipkin/traces/$id" '
    def ms: . / 1000 | (. * 10 | round) / 10 | tostring | if test("\\.") then . else . + ".0" end;
    def pad($n): tostring | (" " * ($n - length)) + .;
    . as $spans
    | ($spans | map(.id)) as $ids
    | ($spans | map(.timestamp) | min) as $t0
    | ($spans | map(.timestamp + (.duration // 0)) | max) as $t1
    | def kids($id): [$spans[] | select(.parentId == $id)] | sort_by(.timestamp);
      def depth($s): 1 + ([kids($s.id)[] | depth(.)] | max // 0);
      def line($s; $indent):
        "\((($s.timestamp - $t0) | ms) | pad(9)) ms \((($s.duration // 0) | ms) | pad(9)) ms  \($indent)\($s.localEndpoint.serviceName // "?"): \($s.name)"
        + (if $s.remoteEndpoint.serviceName then " -> \($s.remoteEndpoint.serviceName)" else "" end)
        + (if $s.tags.error then "  ERROR \($s.tags.error)" else "" end);
      def tree($s; $indent): line($s; $indent), (kids($s.id)[] | tree(.; $indent + "  "));
      ([$spans[] | select(.parentId == null or (.parentId as $p | $ids | index($p) | not))] | sort_by(.timestamp)) as $roots
    | "order \($order): trace \($spans[0].traceId), \($spans | length) spans, depth \([$roots[] | depth(.)] | max),"
      + " \(($t1 - $t0) | ms) ms, \([$spans[].localEndpoint.serviceName] | unique | join(", "))",
      "       start         took  process: span",
      ($roots[] | tree(.; "")),
      "UI: \($ui)"'
done
