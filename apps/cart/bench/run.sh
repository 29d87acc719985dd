#!/usr/bin/env bash
# Load figures of the cart (wrk): p50/p99 and requests/s of BN-cart create and of cart pricing, with offers healthy
# and with offers slowed to 2 s. Runs its OWN catalog, offers, Redis and cluster-A JVM on spare ports, so the knobs
# and the load never touch the shared envs/local (its db-a is only probed by readiness).
# Needs: built jars (./mvnw -B -q -pl apps/cluster,apps/catalog,apps/offers -am package -DskipTests), wrk, redis-server.
# Usage: apps/cart/bench/run.sh [duration=15s] [connections=32]
set -euo pipefail
cd "$(dirname "$0")/../../.."
DURATION=${1:-15s}
CONNECTIONS=${2:-32}
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
WORK=$(mktemp -d /tmp/tandem-cart-bench.XXXXXX)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_up() { for _ in $(seq 1 90); do curl -sf "$1" >/dev/null && return 0; sleep 1; done; echo "not up: $1" >&2; exit 1; }

REDIS=$(free_port); CATALOG=$(free_port); OFFERS=$(free_port); CART=$(free_port)
redis-server --port "$REDIS" --bind 127.0.0.1 --save '' --appendonly no --dir "$WORK" >"$WORK/redis.log" 2>&1 & PIDS+=($!)
"$JAVA" -Dserver.port="$CATALOG" -jar apps/catalog/target/tandem-catalog.jar >"$WORK/catalog.log" 2>&1 & PIDS+=($!)
"$JAVA" -Dserver.port="$OFFERS" -jar apps/offers/target/tandem-offers.jar >"$WORK/offers.log" 2>&1 & PIDS+=($!)
"$JAVA" --enable-native-access=ALL-UNNAMED -Xmx512m -Dserver.port="$CART" -Dcluster.name=a \
  -Dredis.url="redis://127.0.0.1:$REDIS" -Dcatalog.url="http://127.0.0.1:$CATALOG" -Doffers.url="http://127.0.0.1:$OFFERS" \
  -Dunleash.app-name=tandem-cart-bench -Dunleash.backup-file="$WORK/unleash.json" -Dunleash.startup-timeout=PT0.5S \
  -jar apps/cluster/target/tandem-cluster.jar >"$WORK/cluster.log" 2>&1 & PIDS+=($!)
for p in "$CATALOG" "$OFFERS" "$CART"; do wait_up "http://127.0.0.1:$p/observe/health/live"; done
BASE="http://127.0.0.1:$CART"

# carts to price: 1000 users, one BN cart each (one python process: a process per request is slower than the service)
python3 - "$BASE" "$WORK/carts.lua" <<'PY'
import json, sys, urllib.request
base, out = sys.argv[1], sys.argv[2]
lines = ["carts = {"]
for i in range(1, 1001):
    n = i % 4999 + 1
    n += 1 if n % 50 == 0 else 0
    req = urllib.request.Request(base + "/v1/buynow/carts", method="POST",
        data=json.dumps({"productId": "P%05d" % n, "quantity": 1}).encode(),
        headers={"X-User-Id": "price-%d" % i, "X-Forwarded-For": "10.1.%d.%d" % (i // 250, i % 250 + 1),
                 "Idempotency-Key": "seed-%d" % i, "Content-Type": "application/json"})
    cart = json.load(urllib.request.urlopen(req))
    lines.append('{"%s","%s"},' % (cart["cartId"], cart["userId"]))
lines.append("}")
open(out, "w").write("\n".join(lines) + "\n")
PY
export CARTS_LUA="$WORK/carts.lua"

statuses() { curl -s "$BASE/observe/metrics" | grep '^tandem_http_requests_seconds_count{' | grep 'service="cart"' >"$1"; }
run() { # name script
  wrk -t2 -c4 -d3s -s "apps/cart/bench/$2" "$BASE" >/dev/null # warm-up
  statuses "$WORK/before"
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "apps/cart/bench/$2" "$BASE" >"$WORK/$1.txt"
  statuses "$WORK/after"
  python3 - "$1" "$WORK/$1.txt" "$WORK/before" "$WORK/after" >>"$WORK/statuses.txt" <<'PY'
import re, sys
def counts(path):
    out = {}
    for line in open(path):
        m = re.search(r'method="(\w+)".*route="([^"]+)".*status="(\w+)".*\}\s+([\d.]+)', line)
        if m:
            out[m.group(1) + " " + m.group(2) + " " + m.group(3)] = float(m.group(4))
    return out
before, after = counts(sys.argv[3]), counts(sys.argv[4])
delta = {k: int(v - before.get(k, 0)) for k, v in after.items() if v - before.get(k, 0) > 0}
print(f"{sys.argv[1]}: {delta}")
PY
  python3 - "$1" "$WORK/$1.txt" <<'PY'
import re, sys
name, text = sys.argv[1], open(sys.argv[2]).read()
def ms(label):
    m = re.search(r"^\s*" + label + r"%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    v, u = float(m.group(1)), m.group(2)
    return v / 1000 if u == "us" else v * 1000 if u == "s" else v
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
total = int(re.search(r"(\d+) requests in", text).group(1))
print(f"| {name:<34} | {ms('50'):>9.1f} | {ms('99'):>9.1f} | {rps:>8.0f} | {total:>7} | {int(non2xx.group(1)) if non2xx else 0:>7} |")
PY
}

echo "wrk -t2 -c$CONNECTIONS -d$DURATION, $(nproc) cores shared with other work; cluster JVM -Xmx512m"
echo "| case                               |  p50 (ms) |  p99 (ms) |    req/s |   total | non-2xx |"
echo "|------------------------------------|-----------|-----------|----------|---------|---------|"
run "BN-cart create, offers healthy" create.lua
run "cart pricing, offers healthy" price.lua
curl -s -XPOST "http://127.0.0.1:$OFFERS/admin/knobs" -H 'Content-Type: application/json' -d '{"latencyMs":2000}' >/dev/null
run "BN-cart create, offers slowed 2 s" create.lua
run "cart pricing, offers slowed 2 s" price.lua
curl -s -XDELETE "http://127.0.0.1:$OFFERS/admin/knobs" >/dev/null
echo
echo "answers by route and status class (from the service's metrics):"
sed 's/^/  /' "$WORK/statuses.txt"
echo "discount status counts (cluster metrics): $(curl -s "$BASE/observe/metrics" | grep '^tandem_pricing_discount_total' | sed 's/{scope="application",/{/' | tr '\n' ' ')"
echo "offers breaker state at the end (0 closed, 1 half-open, 2 open): $(curl -s "$BASE/observe/metrics" | grep '^tandem_breaker_state{dependency="offers"' | awk '{print $2}')"
