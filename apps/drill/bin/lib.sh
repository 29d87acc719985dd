# Shared by apps/drill/bin/drill and apps/drill/bin/chaos (sourced).
# Environment: TANDEM_ENV_FILE (default <repo>/.run/local/env.properties); TANDEM_TF_ARGS (extra terraform
# arguments for restoring a second environment; derived from the env file when unset).
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
env_file="${TANDEM_ENV_FILE:-$repo/.run/local/env.properties}"

die() { echo "$*" >&2; exit 2; }

java_major() { "$1" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1; }

find_java() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(java_major "$JAVA_HOME/bin/java")" -ge 21 ]; then
    JAVA="$JAVA_HOME/bin/java"; return
  fi
  local best="" best_v=0 j v
  for j in /usr/lib/jvm/*/bin/java; do
    [ -x "$j" ] || continue
    v="$(java_major "$j")"; [ -n "$v" ] || continue
    if [ "$v" -ge 21 ] && [ "$v" -gt "$best_v" ]; then best="$j"; best_v="$v"; fi
  done
  [ -n "$best" ] || die "no JDK 21+ found (set JAVA_HOME)"
  JAVA="$best"; export JAVA_HOME="$(dirname "$(dirname "$best")")"
}

prop() { sed -n "s/^$1=//p" "$env_file" | head -1; }

ensure_jar() {
  jar="$repo/apps/drill/target/tandem-drill.jar"
  if [ ! -f "$jar" ] || [ -n "$(find "$repo/apps/drill/src/main" "$repo/apps/drill/pom.xml" -newer "$jar" -type f 2>/dev/null | head -1)" ]; then
    (cd "$repo" && ./mvnw -B -q -pl apps/drill package -DskipTests) >&2 || die "could not build apps/drill"
  fi
}

# Restoring runs terraform apply of envs/local as ./tandem up does (-var run_dir=<run.dir>); a second environment
# (another port offset) also gets its -var port_offset, and -state=<run.dir>.tfstate when that file exists.
tf_args() {
  if [ -z "${TF_CLI_CONFIG_FILE:-}" ] || [ ! -f "$TF_CLI_CONFIG_FILE" ]; then
    if [ -f "$repo/infra-terraform/terraformrc" ]; then export TF_CLI_CONFIG_FILE="$repo/infra-terraform/terraformrc"
    else export TF_CLI_CONFIG_FILE=/dev/null; fi
  fi
  [ -z "${TANDEM_TF_ARGS:-}" ] || return 0
  local run_dir proxy_port offset
  run_dir="$(prop run.dir)"; proxy_port="$(prop port.proxy)"
  [ -n "$run_dir" ] || die "$env_file: no run.dir"
  TANDEM_TF_ARGS="-var run_dir=$run_dir"
  offset=$(( ${proxy_port:-8080} - 8080 ))
  [ "$offset" -eq 0 ] || TANDEM_TF_ARGS="$TANDEM_TF_ARGS -var port_offset=$offset"
  [ ! -f "$run_dir.tfstate" ] || TANDEM_TF_ARGS="$TANDEM_TF_ARGS -state=$run_dir.tfstate"
  export TANDEM_TF_ARGS
}

run_drill() {
  [ -f "$env_file" ] || die "no environment file $env_file (./tandem up first, or set TANDEM_ENV_FILE)"
  find_java
  ensure_jar
  tf_args
  export TANDEM_REPO="$repo"
  cd "$repo"
  exec "$JAVA" -Djava.awt.headless=true -jar "$jar" "$@" --env "$env_file"
}
