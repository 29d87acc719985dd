package io.tandem.stock;

import java.util.List;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.output.MigrateResult;

import io.tandem.common.logging.LogRedaction;
import io.tandem.common.logging.Logging;
import io.tandem.common.store.SchemaOwnerPassword;

/**
 * {@code DB_ADMIN_PASSWORD=... java -cp tandem-stock.jar:libs/* io.tandem.stock.MigrateMain JDBC_URL USER}: the stock
 * database's schema (classpath {@value #LOCATION}, history table {@value #HISTORY}), run by envs/local as the schema
 * owner before the service starts, as apps/cluster's migrator does for db-a and db-b; the password from the
 * environment ({@link SchemaOwnerPassword}).
 */
public final class MigrateMain {
    static final String LOCATION = "db/stock";
    static final String HISTORY = "flyway_history_stock";

    private MigrateMain() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: DB_ADMIN_PASSWORD=... MigrateMain JDBC_URL USER");
            System.exit(2);
        }
        String password = SchemaOwnerPassword.fromEnvironment();
        // Flyway logs through JUL to stderr, which envs/local keeps as migrate.log: JSON lines, the password masked.
        Logging.jsonOnStandardError();
        LogRedaction.addSecrets(List.of(password));
        System.out.println("migrate " + args[0] + " stock: " + migrate(args[0], args[1], password));
    }

    static String migrate(String url, String user, String password) {
        MigrateResult result = Flyway.configure(MigrateMain.class.getClassLoader())
                .dataSource(url, user, password)
                .locations(new Location("classpath:" + LOCATION))
                .table(HISTORY)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        return result.migrationsExecuted + " applied, at version "
                + (result.targetSchemaVersion == null ? "unchanged" : result.targetSchemaVersion);
    }
}
