#!/usr/bin/env bash
# migrate.sh JDBC_URL...: Flyway migrations of every service (apps/cluster's SchemaMigrator) on each
# database, as the schema owner. Environment: DB_ADMIN_PASSWORD.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
use_java
: "${DB_ADMIN_PASSWORD:?}"
jar="$TANDEM_ROOT/apps/cluster/target"
for url in "$@"; do
  java -cp "$jar/tandem-cluster.jar:$jar/libs/*" io.tandem.cluster.migrate.MigrateMain \
    "$url" tandem_admin "$DB_ADMIN_PASSWORD" 2>>"$RUN_DIR/logs/migrate.log" || die "migrations failed on $url: see $RUN_DIR/logs/migrate.log"
done
