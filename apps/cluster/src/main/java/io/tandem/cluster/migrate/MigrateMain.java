package io.tandem.cluster.migrate;

import java.util.Arrays;
import java.util.List;

import io.tandem.common.logging.LogRedaction;
import io.tandem.common.logging.Logging;

/**
 * {@code java -cp tandem-cluster.jar io.tandem.cluster.migrate.MigrateMain JDBC_URL USER PASSWORD [SERVICE...]}:
 * what envs/local runs on db-a and db-b before the clusters start.
 */
public final class MigrateMain {
    private MigrateMain() {
    }

    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: MigrateMain JDBC_URL USER PASSWORD [SERVICE...]");
            System.exit(2);
        }
        // Flyway logs through JUL to stderr, which envs/local keeps as migrate.log: JSON lines, the password masked.
        Logging.jsonOnStandardError();
        LogRedaction.addSecrets(List.of(args[2]));
        List<String> services = args.length > 3
                ? Arrays.asList(args).subList(3, args.length)
                : SchemaMigrator.DEFAULT_SERVICES;
        new SchemaMigrator(args[0], args[1], args[2]).migrate(services)
                .forEach(line -> System.out.println("migrate " + args[0] + " " + line));
    }
}
