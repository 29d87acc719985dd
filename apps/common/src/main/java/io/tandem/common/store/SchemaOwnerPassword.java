package io.tandem.common.store;

import java.util.Map;

/**
 * The schema owner's password of a migration process (each service's {@code MigrateMain}), from the environment
 * variable {@value #VARIABLE}: never a command-line argument, which every user of the machine can read in
 * {@code ps} while the process runs. envs/local's migrate.sh has it in its environment already.
 */
public final class SchemaOwnerPassword {
    public static final String VARIABLE = "DB_ADMIN_PASSWORD";

    private SchemaOwnerPassword() {
    }

    /** The password, from this process's environment; throws when it is not set. */
    public static String fromEnvironment() {
        return from(System.getenv());
    }

    static String from(Map<String, String> environment) {
        String password = environment.get(VARIABLE);
        if (password == null || password.isEmpty()) {
            throw new IllegalStateException(VARIABLE + " is not set: a migration takes the schema owner's password"
                    + " from the environment, not from its arguments");
        }
        return password;
    }
}
