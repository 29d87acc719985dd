#!/usr/bin/env bash
# run.sh [JMH options]: compiles the flags module's benchmarks (src/test/java/io/tandem/flags/bench) and runs
# them with short settings (1 fork, 3 x 1 s warm-up, 3 x 1 s measurement, ns/op); the output also goes to
# flags/bench/results-<date>.txt. Not part of the test run.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
java_ok() { [ -x "$1/bin/java" ] && "$1/bin/java" -version 2>&1 | grep -Eq 'version "(2[1-9]|[3-9][0-9])'; }
if [ -z "${JAVA_HOME:-}" ] || ! java_ok "$JAVA_HOME"; then
  JAVA_HOME=$(for d in /usr/lib/jvm/*; do java_ok "$d" && echo "$d"; done | sort -V | tail -n 1)
  [ -n "$JAVA_HOME" ] || { echo "run.sh: no JDK 21+ found" >&2; exit 1; }
fi
export JAVA_HOME
./mvnw -B -q -pl flags test-compile
./mvnw -B -q -pl flags dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
cp="flags/target/test-classes:flags/target/classes:$(cat flags/target/bench.classpath)"
out="flags/bench/results-$(date +%F).txt"
{
  echo "# tandem-flags JMH, $(date -u +%FT%TZ), $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1)"
  echo "# machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start (shared with other builds)"
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$cp" org.openjdk.jmh.Main \
    -f 1 -wi 3 -w 1s -i 3 -r 1s -bm avgt -tu ns "$@" 'io.tandem.flags.bench.FlagsBenchmark'
  echo
  echo "# load average $(cut -d' ' -f1-3 /proc/loadavg) at the end of JMH"
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$cp" io.tandem.flags.bench.CpuTimePerOp
} 2>&1 | tee "$out"
