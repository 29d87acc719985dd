package io.tandem.cluster.migrate;

import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies every service's Flyway migrations to one database. Each service owns its SQL under
 * {@code db/<service>/} on the classpath and its own history table, so services evolve their tables on
 * their own and a service that is not in this build is simply skipped.
 */
public final class SchemaMigrator {
    /** Services whose migrations run, in order; a location with no scripts on the classpath is skipped. */
    public static final List<String> DEFAULT_SERVICES =
            List.of("cluster", "cart", "address", "order", "payment", "notifier");

    private final String url;
    private final String user;
    private final String password;

    public SchemaMigrator(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /**
     * Migrates the database.
     *
     * @param services services whose {@code db/<service>} locations to apply
     * @return one line per service that had migrations: name, versions applied, schema version
     */
    public List<String> migrate(List<String> services) {
        List<String> report = new ArrayList<>();
        ClassLoader loader = SchemaMigrator.class.getClassLoader();
        for (String service : services) {
            String location = "db/" + service;
            if (loader.getResource(location) == null) {
                continue;
            }
            MigrateResult result = Flyway.configure(loader)
                    .dataSource(url, user, password)
                    .locations(new Location("classpath:" + location))
                    .table("flyway_history_" + service)
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
            report.add(service + ": " + result.migrationsExecuted + " applied, at version "
                    + (result.targetSchemaVersion == null ? "unchanged" : result.targetSchemaVersion));
        }
        return report;
    }
}
