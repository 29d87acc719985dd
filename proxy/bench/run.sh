#!/usr/bin/env bash
# Latency the Tandem proxy adds, beside nginx doing the same job, at a fixed request rate on loopback.
#
#   proxy/bench/run.sh [--seconds N] [--rounds R] [--connections C] [--delay-ms D] [--out FILE]
#
# Self-contained: two nginx "clusters" (static answers, like a cluster's fastest endpoint) on free loopback ports,
# the Tandem proxy (its jar, JWT + session key verification, health checks on) and a peer nginx proxy (header
# stickiness with map, new users by split_clients) in front of them. wrk drives each target in turn, R rounds
# of N seconds each (interleaved, so drift on a shared machine hits all three alike); the median of the rounds
# is reported. Ends with one line:
#   bench proxy: direct p50 <x> ms, tandem +<y> ms (p99 +<z> ms), nginx +<w> ms (p99 +<v> ms)
set -euo pipefail
source "$(dirname "$0")/../bin/lib.sh"

SECONDS_PER_ROUND=6
ROUNDS=3
CONNECTIONS=8
DELAY_MS=8
OUT=""
while [ $# -gt 0 ]; do
    case "$1" in
        --seconds) SECONDS_PER_ROUND="$2"; shift 2 ;;
        --rounds) ROUNDS="$2"; shift 2 ;;
        --connections) CONNECTIONS="$2"; shift 2 ;;
        --delay-ms) DELAY_MS="$2"; shift 2 ;;
        --out) OUT="$2"; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done

for tool in wrk nginx curl; do
    command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install $tool)" >&2; exit 1; }
done
find_java
ensure_proxy_jar

WORK="$(mktemp -d /tmp/tandem-bench.XXXXXX)"
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for conf in "$WORK"/nginx-*.conf; do
        [ -f "$conf" ] && nginx -p "$WORK" -c "$conf" -e "$WORK/error.log" -s stop 2>/dev/null || true
    done
    wait 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

free_port() {
    if command -v python3 >/dev/null; then
        python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
        return
    fi
    local port
    while :; do
        port=$((20000 + RANDOM % 40000))
        ss -ltnH "sport = :$port" 2>/dev/null | grep -q . || { echo "$port"; return; }
    done
}
PORT_A=$(free_port); PORT_B=$(free_port); PORT_NGINX=$(free_port); PORT_TANDEM=$(free_port)
mkdir -p "$WORK/tmp"

nginx_common() {
    cat <<CONF
worker_processes 1;
pid $WORK/$1.pid;
error_log $WORK/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $WORK/tmp/body; proxy_temp_path $WORK/tmp/proxy; fastcgi_temp_path $WORK/tmp/fcgi;
    uwsgi_temp_path $WORK/tmp/uwsgi; scgi_temp_path $WORK/tmp/scgi;
    keepalive_requests 1000000;
    default_type application/json;
CONF
}

# The two clusters: a static answer and the readiness path the Tandem proxy probes.
{ nginx_common backends; cat <<CONF
    server { listen 127.0.0.1:$PORT_A; location / { return 200 '{"cluster":"a","ok":true}'; } }
    server { listen 127.0.0.1:$PORT_B; location / { return 200 '{"cluster":"b","ok":true}'; } }
}
CONF
} > "$WORK/nginx-backends.conf"

# The peer proxy: the same routing job as Tandem's rules 4 and 5, with nginx's own tools. It trusts the session
# key's first letter and a user header (nginx cannot check an HMAC or a JWT): less work than Tandem does.
{ nginx_common peer; cat <<CONF
    upstream cluster_a { server 127.0.0.1:$PORT_A; keepalive 64; }
    upstream cluster_b { server 127.0.0.1:$PORT_B; keepalive 64; }
    map \$http_x_session_key \$sticky { ~^a\\. cluster_a; ~^b\\. cluster_b; default ""; }
    split_clients "cluster_routing:\${http_x_user_id}" \$bucket { 50% cluster_a; * cluster_b; }
    map \$sticky \$target { "" \$bucket; default \$sticky; }
    server {
        listen 127.0.0.1:$PORT_NGINX;
        location / {
            proxy_pass http://\$target;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$proxy_host;
            proxy_set_header X-Request-Id \$request_id;
            proxy_set_header X-Forwarded-For \$remote_addr;
            proxy_set_header X-Forwarded-Proto \$scheme;
            proxy_set_header X-Forwarded-Host \$host;
            proxy_buffering off;
        }
    }
}
CONF
} > "$WORK/nginx-peer.conf"

nginx -p "$WORK" -c "$WORK/nginx-backends.conf" -e "$WORK/error.log"
nginx -p "$WORK" -c "$WORK/nginx-peer.conf" -e "$WORK/error.log"

# The JVM flags of the proxy in envs/local (infra-terraform: java-service.sh and the proxy's properties): the
# serial collector (a small heap; no concurrent GC threads competing for the two cores) and the JDK's
# platform-thread I/O poller (jdk.pollerMode=1: one thread hand-off less per socket wake-up than the default).
# PROXY_JAVA_OPTS adds JVM options to measure them (e.g. -XX:TieredStopAtLevel=1, what envs/local gives the services).
# shellcheck disable=SC2086
"$JAVA" -Xms256m -Xmx256m -XX:+UseSerialGC -Djdk.pollerMode=1 --enable-native-access=ALL-UNNAMED ${PROXY_JAVA_OPTS:-} \
    -Dserver.port="$PORT_TANDEM" -Dproxy.flags.source=static \
    -Dproxy.clusters.0.url="http://127.0.0.1:$PORT_A" -Dproxy.clusters.1.url="http://127.0.0.1:$PORT_B" \
    -cp "$PROXY_CP" io.tandem.proxy.Main > "$WORK/tandem.log" 2>&1 &
PIDS+=($!)

for _ in $(seq 1 150); do
    curl -fs "http://127.0.0.1:$PORT_TANDEM/observe/health/ready" >/dev/null 2>&1 && break
    sleep 0.2
done
curl -fs "http://127.0.0.1:$PORT_TANDEM/observe/health/ready" >/dev/null || { cat "$WORK/tandem.log" >&2; exit 1; }

TOKEN="Bearer $("$JAVA" -cp "$PROXY_CP" io.tandem.proxy.identity.MintToken bench-user PT1H)"
SESSION_KEY="$("$JAVA" -cp "$PROXY_CP" io.tandem.proxy.MintSessionKey a)"
export BENCH_PATH=/v1/buynow/bench BENCH_SESSION_KEY="$SESSION_KEY" BENCH_USER=bench-user DELAY_MS

# Each target must answer 200 from cluster A (the session key's) before it is measured.
for url in "http://127.0.0.1:$PORT_A" "http://127.0.0.1:$PORT_TANDEM" "http://127.0.0.1:$PORT_NGINX"; do
    body=$(curl -fs -H "Authorization: $TOKEN" -H "X-Session-Key: $SESSION_KEY" -H "X-User-Id: bench-user" "$url$BENCH_PATH")
    [[ "$body" == *'"cluster":"a"'* ]] || { echo "unexpected answer from $url: $body" >&2; cat "$WORK/tandem.log" >&2; exit 1; }
done

target_url() {
    case "$1" in
        direct) echo "http://127.0.0.1:$PORT_A" ;;
        tandem) echo "http://127.0.0.1:$PORT_TANDEM" ;;
        nginx) echo "http://127.0.0.1:$PORT_NGINX" ;;
    esac
}
load() {  # target seconds delay-ms -> RESULT line
    local auth=""
    [ "$1" = tandem ] && auth="$TOKEN"
    BENCH_AUTH="$auth" DELAY_MS="$3" wrk -t1 -c"$CONNECTIONS" -d"$2s" --timeout 2s \
        -s "$PROXY_DIR/bench/fixed-rate.lua" "$(target_url "$1")" | grep '^RESULT'
}

# Warm-up: the JIT compiles Tandem's request path; nginx needs none, but gets the same treatment.
echo "Warming up..." >&2
load tandem 15 0 >/dev/null
load tandem 4 "$DELAY_MS" >/dev/null
load nginx 2 "$DELAY_MS" >/dev/null
load direct 2 "$DELAY_MS" >/dev/null

declare -A P50 P99 P90 P999 RATE ERRORS
ROUND_LINES=""
for round in $(seq 1 "$ROUNDS"); do
    for target in direct tandem nginx; do
        line=$(load "$target" "$SECONDS_PER_ROUND" "$DELAY_MS")
        echo "round $round $target: ${line#RESULT }" >&2
        ROUND_LINES+="  round $round $(printf '%-6s' "$target") ${line#RESULT }"$'\n'
        get() { sed -E "s/.* $1=([0-9.]+).*/\\1/" <<<"$line"; }
        P50[$target]+="$(get p50) "; P90[$target]+="$(get p90) "; P99[$target]+="$(get p99) "
        P999[$target]+="$(get p999) "; RATE[$target]+="$(get rate) "; ERRORS[$target]+="$(get errors) "
    done
done

median() { tr ' ' '\n' <<<"$1" | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
sum() { tr ' ' '\n' <<<"$1" | grep -v '^$' | awk '{s+=$1} END {print s+0}'; }
ms() { awk -v us="$1" 'BEGIN {printf "%.3f", us/1000}'; }
plus() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.3f", (a-b)/1000}'; }

report() {
    local d50 d99
    d50=$(median "${P50[direct]}"); d99=$(median "${P99[direct]}")
    echo "Tandem proxy latency benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $("$JAVA" -version 2>&1 | head -1); $(nginx -v 2>&1); wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}')"
    echo "load: wrk -t1 -c$CONNECTIONS, each connection waits ${DELAY_MS} ms after every answer (fixed, low rate);"
    echo "      $ROUNDS interleaved rounds of ${SECONDS_PER_ROUND} s per target, median of rounds; GET $BENCH_PATH with a valid session key for cluster a"
    echo "tandem: verifies the JWT and the session key's HMAC, routes by rule 4, streams; nginx: map on the key's first letter"
    echo
    printf "%-8s %8s %7s %9s %9s %9s %9s %11s %11s\n" target "rate/s" errors "p50 ms" "p90 ms" "p99 ms" "p99.9 ms" "+p50 ms" "+p99 ms"
    for target in direct tandem nginx; do
        local p50 p99
        p50=$(median "${P50[$target]}"); p99=$(median "${P99[$target]}")
        printf "%-8s %8s %7s %9s %9s %9s %9s %11s %11s\n" "$target" "$(median "${RATE[$target]}")" \
            "$(sum "${ERRORS[$target]}")" "$(ms "$p50")" "$(ms "$(median "${P90[$target]}")")" "$(ms "$p99")" \
            "$(ms "$(median "${P999[$target]}")")" "$(plus "$p50" "$d50")" "$(plus "$p99" "$d99")"
    done
    echo
    echo "rounds (latencies in microseconds):"
    printf '%s' "$ROUND_LINES"
    echo
    echo "bench proxy: direct p50 $(ms "$d50") ms, tandem +$(plus "$(median "${P50[tandem]}")" "$d50") ms (p99 +$(plus "$(median "${P99[tandem]}")" "$d99") ms), nginx +$(plus "$(median "${P50[nginx]}")" "$d50") ms (p99 +$(plus "$(median "${P99[nginx]}")" "$d99") ms)"
}

if [ "$(sum "${ERRORS[direct]} ${ERRORS[tandem]} ${ERRORS[nginx]}")" != 0 ]; then
    echo "some requests failed; see the rounds above" >&2
fi
if [ -n "$OUT" ]; then
    report | tee "$OUT"
else
    report
fi
