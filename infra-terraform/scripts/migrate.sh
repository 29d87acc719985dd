#!/usr/bin/env bash
# migrate.sh JDBC_URL...: Flyway migrations of every service (apps/cluster's SchemaMigrator) on each
# database, as the schema owner. Environment: DB_ADMIN_PASSWORD; MIGRATE_JAR and MIGRATE_MAIN run another
# module's migrator with the same arguments (the stock service's: apps/stock, io.tandem.stock.MigrateMain).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
use_java
: "${DB_ADMIN_PASSWORD:?}"
jar=${MIGRATE_JAR:-$TANDEM_ROOT/apps/cluster/target/tandem-cluster.jar}
main=${MIGRATE_MAIN:-io.tandem.cluster.migrate.MigrateMain}
for url in "$@"; do
  java -cp "$jar:$(dirname "$jar")/libs/*" "$main" \
    "$url" tandem_admin "$DB_ADMIN_PASSWORD" 2>>"$RUN_DIR/logs/migrate.log" || die "migrations failed on $url: see $RUN_DIR/logs/migrate.log"
done
