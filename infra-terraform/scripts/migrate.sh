#!/usr/bin/env bash
# migrate.sh JDBC_URL...: Flyway migrations of every service (apps/cluster's SchemaMigrator) on each
# database, as the schema owner. Environment: DB_ADMIN_PASSWORD (the migrator reads it from there: an argument would
# show in ps to every user of the machine); MIGRATE_JAR and MIGRATE_MAIN run another
# module's migrator with the same arguments (the stock service's: apps/stock, io.tandem.stock.MigrateMain).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
use_java
: "${DB_ADMIN_PASSWORD:?}"
jar=${MIGRATE_JAR:-$TANDEM_ROOT/apps/cluster/target/tandem-cluster.jar}
main=${MIGRATE_MAIN:-io.tandem.cluster.migrate.MigrateMain}
cp="$jar:$(dirname "$jar")/libs/*"
# The notifier is a process of its own, not in the cluster's jar: its db/notifier scripts come from its jar.
notifier_jar=$TANDEM_ROOT/apps/notifier/target/tandem-notifier.jar
if [ -z "${MIGRATE_JAR:-}" ] && [ -f "$notifier_jar" ]; then cp="$cp:$notifier_jar"; fi
for url in "$@"; do
  java -cp "$cp" "$main" \
    "$url" tandem_admin 2>>"$RUN_DIR/logs/migrate.log" || die "migrations failed on $url: see $RUN_DIR/logs/migrate.log"
done
