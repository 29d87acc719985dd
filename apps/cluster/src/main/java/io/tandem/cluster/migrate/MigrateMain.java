package io.tandem.cluster.migrate;

import java.util.Arrays;
import java.util.List;

import io.tandem.common.logging.LogRedaction;
import io.tandem.common.logging.Logging;
import io.tandem.common.store.SchemaOwnerPassword;

/**
 * {@code DB_ADMIN_PASSWORD=... java -cp tandem-cluster.jar io.tandem.cluster.migrate.MigrateMain JDBC_URL USER
 * [SERVICE...]}: what envs/local runs on db-a and db-b before the clusters start. The password comes from the
 * environment ({@link SchemaOwnerPassword}), never from the arguments, which {@code ps} shows to everyone.
 */
public final class MigrateMain {
    private MigrateMain() {
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: DB_ADMIN_PASSWORD=... MigrateMain JDBC_URL USER [SERVICE...]");
            System.exit(2);
        }
        String password = SchemaOwnerPassword.fromEnvironment();
        // Flyway logs through JUL to stderr, which envs/local keeps as migrate.log: JSON lines, the password masked.
        Logging.jsonOnStandardError();
        LogRedaction.addSecrets(List.of(password));
        List<String> services = args.length > 2
                ? Arrays.asList(args).subList(2, args.length)
                : SchemaMigrator.DEFAULT_SERVICES;
        new SchemaMigrator(args[0], args[1], password).migrate(services)
                .forEach(line -> System.out.println("migrate " + args[0] + " " + line));
    }
}
