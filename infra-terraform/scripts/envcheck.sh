#!/usr/bin/env bash
# envcheck.sh ENV_FILE: real clients against every server of an environment (apps/cluster's EnvCheck).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
use_java
jar="$TANDEM_ROOT/apps/cluster/target"
exec java -cp "$jar/tandem-cluster.jar:$jar/libs/*" -Djava.util.logging.config.file=/dev/null \
  io.tandem.cluster.envcheck.EnvCheckMain "$1"
