#!/usr/bin/env bash
# Prints the order figures: place-order orders/s one cluster sustains with p99 < 500 ms, and place-order ->
# CONFIRMED p50/p99. Needs the local environment up (./tandem up). Options through env:
#   RATES=10,20,40,80 (orders/s steps)  SECONDS_PER_STEP=10  ENV_FILE=<root>/.run/local/env.properties
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$root"
# Helidon 4 needs JDK 21+: JAVA_HOME if it is one, else the newest JDK 21+ installed.
major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/{print $2}'; }
if [ -z "${JAVA_HOME:-}" ] || [ "$(major "$JAVA_HOME")" -lt 21 ]; then
  best=""; best_major=0
  for jdk in /usr/lib/jvm/*/; do
    m=$(major "${jdk%/}" 2>/dev/null || echo 0)
    if [ "${m:-0}" -gt "$best_major" ]; then best=${jdk%/}; best_major=$m; fi
  done
  [ "$best_major" -ge 21 ] || { echo "no JDK 21+ found" >&2; exit 1; }
  export JAVA_HOME=$best
fi
./mvnw -B -q -pl apps/order -am verify -Pit -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=OrderFiguresIT -Dfailsafe.failIfNoSpecifiedTests=false -Dorder.figures=true \
  -Dorder.figures.rates="${RATES:-10,20,40,80}" -Dorder.figures.seconds="${SECONDS_PER_STEP:-10}" \
  -Dtandem.env.file="${ENV_FILE:-$root/.run/local/env.properties}" >/dev/null \
  || { tail -n 20 apps/order/target/failsafe-reports/io.tandem.order.it.OrderFiguresIT.txt >&2; exit 1; }
sed -n '/^ORDER FIGURES/,/CONFIRMED over/p' apps/order/target/failsafe-reports/io.tandem.order.it.OrderFiguresIT-output.txt
