# Shared by proxy/bin/* and proxy/bench/run.sh: a JDK 21+ and the proxy's class path. Source it, do not run it.
PROXY_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPO_DIR="$(cd "$PROXY_DIR/.." && pwd)"

# JAVA_HOME if it is 21+, else the newest JDK 21+ under /usr/lib/jvm (the default java here is 17).
find_java() {
    local candidates=() dir version
    [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
    for dir in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do candidates+=("${dir%/}"); done
    for dir in "${candidates[@]}"; do
        [ -x "$dir/bin/java" ] || continue
        version=$("$dir/bin/java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')
        if [ "${version%%.*}" -ge 21 ] 2>/dev/null; then
            JAVA="$dir/bin/java"
            export JAVA_HOME="$dir"
            return 0
        fi
    done
    echo "No JDK 21+ found (set JAVA_HOME)" >&2
    return 1
}

# Builds the proxy jar when it is missing or older than its sources.
ensure_proxy_jar() {
    local jar="$PROXY_DIR/target/tandem-proxy.jar"
    if [ ! -f "$jar" ] || [ -n "$(find "$PROXY_DIR/src/main" "$REPO_DIR/apps/common/src/main" -newer "$jar" -type f 2>/dev/null | head -1)" ]; then
        echo "Building the proxy..." >&2
        (cd "$REPO_DIR" && ./mvnw -B -q -pl proxy -am -DskipTests package >&2) || return 1
    fi
    PROXY_CP="$jar:$PROXY_DIR/target/libs/*"
}
