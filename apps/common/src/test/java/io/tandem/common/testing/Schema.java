package io.tandem.common.testing;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.Location;

/**
 * Makes sure a service's tables exist in envs/local db-a before its *IT runs, exactly as the cluster's migrator
 * does it (location {@code db/<service>}, history table {@code flyway_history_<service>}, baseline 0): a no-op once
 * applied, and the same migration the integrator's migrator would apply.
 */
public final class Schema {
    private Schema() {
    }

    public static void migrate(TestEnv env, String service) {
        Flyway.configure(Schema.class.getClassLoader())
                .dataSource(env.get("db.a.jdbc"), env.get("db.admin.user"), env.get("db.admin.password"))
                .locations(new Location("classpath:db/" + service))
                .table("flyway_history_" + service)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }
}
