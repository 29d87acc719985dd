#!/usr/bin/env bash
# retry.sh [calls]: a guarded GET against a local stub with the guard's retry before issue 18 (jitter slept inside
# every attempt) and now, interleaved in one run (io.tandem.common.ft.RetryBench, test scope); prints p50/p90/p99.
# Not part of the test run.
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$root"
. infra-terraform/scripts/lib.sh
use_java
./mvnw -B -q -pl apps/common -am install -DskipTests
./mvnw -B -q -pl apps/common test-compile
./mvnw -B -q -pl apps/common dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
java -cp "apps/common/target/test-classes:apps/common/target/classes:$(cat apps/common/target/bench.classpath)" \
  io.tandem.common.ft.RetryBench "$@"
