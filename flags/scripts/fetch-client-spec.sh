#!/usr/bin/env bash
# fetch-client-spec.sh [VERSION] [DEST]: the official Unleash client specification (npm package
# @unleash/client-specification) unpacked into DEST (default flags/target/client-specification), for
# ClientSpecificationTest. Not committed: npm fetches it (from its cache when offline after a first run).
set -euo pipefail
version=${1:-6.1.0}
dest=${2:-"$(cd "$(dirname "$0")/.." && pwd)/target/client-specification"}
mkdir -p "$dest"
if [ -f "$dest/package/specifications/index.json" ] \
   && grep -q "\"version\": \"$version\"" "$dest/package/package.json"; then
  exit 0
fi
rm -rf "$dest/package"
cd "$dest"
tgz=$(npm pack "@unleash/client-specification@$version" --silent --no-audit --no-fund | tail -n 1)
tar xzf "$tgz"
rm -f "$tgz"
echo "client specification $version in $dest/package/specifications"
