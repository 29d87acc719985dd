#!/usr/bin/env bash
# flags-sync.sh UNLEASH_URL: creates the flags declared in flags/ that Unleash lacks (flags as code);
# never overwrites what ops switched. Environment: UNLEASH_ADMIN_TOKEN.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
use_java
: "${UNLEASH_ADMIN_TOKEN:?}"
dir="$TANDEM_ROOT/flags/target"
java --enable-native-access=ALL-UNNAMED -cp "$dir/tandem-flags.jar:$dir/libs/*" io.tandem.flags.sync.FlagsSync \
  --unleash-url "$1" --admin-token "$UNLEASH_ADMIN_TOKEN"
