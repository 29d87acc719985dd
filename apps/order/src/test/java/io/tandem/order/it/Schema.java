package io.tandem.order.it;

import java.util.List;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.Location;

/**
 * Brings the order, payment and notifier tables to a database the way the cluster migrator does
 * (io.tandem.cluster.migrate.SchemaMigrator: location db/&lt;service&gt;, history table flyway_history_&lt;service&gt;),
 * so running it here and there is the same thing.
 */
final class Schema {
    private static final List<String> SERVICES = List.of("order", "payment", "notifier");

    private Schema() {
    }

    static synchronized void migrate(String jdbcUrl) {
        for (String service : SERVICES) {
            Flyway.configure(Schema.class.getClassLoader())
                    .dataSource(jdbcUrl, Env.get("db.admin.user"), Env.get("db.admin.password"))
                    .locations(new Location("classpath:db/" + service))
                    .table("flyway_history_" + service)
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
        }
    }
}
