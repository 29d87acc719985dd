package io.tandem.flags.sync;

import io.tandem.flags.file.FlagDefinition;
import io.tandem.flags.file.FlagsFile;
import io.tandem.flags.file.FlagsFileException;
import io.tandem.flags.file.StrategyDefinition;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Creates the flags of flags.json that an Unleash server does not have; never changes a flag that exists (its
 * on/off state and strategies are what ops set in the UI).
 * <pre>
 * java -cp "flags/target/tandem-flags.jar:flags/target/libs/*" io.tandem.flags.sync.FlagsSync \
 *     --unleash-url http://127.0.0.1:4242 --admin-token '*:*.tandem-local-admin-token' \
 *     [--environment development] [--dry-run] [--file flags.json]
 * </pre>
 * Prints one line per flag; exits 0 on success, 1 when Unleash refused or failed, 2 on a bad command line or file.
 */
public final class FlagsSync {
    /** Default Unleash environment to create strategies in. */
    public static final String DEFAULT_ENVIRONMENT = "development";
    /** Default timeout of one admin API call. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    static final int OK = 0;
    static final int UNLEASH_FAILED = 1;
    static final int BAD_INPUT = 2;

    private FlagsSync() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        SyncOptions options;
        FlagsFile file;
        try {
            options = SyncOptions.parse(args);
            file = options.file() == null ? FlagsFile.fromClasspath("flags.json") : FlagsFile.read(Path.of(options.file()));
        } catch (IllegalArgumentException e) {
            err.println("FlagsSync: " + e.getMessage());
            err.println(SyncOptions.USAGE);
            return BAD_INPUT;
        } catch (FlagsFileException e) {
            err.println("FlagsSync: refusing a malformed flags file: " + e.getMessage());
            return BAD_INPUT;
        }
        UnleashAdmin admin = new UnleashAdmin(options.unleashUrl(), options.adminToken(), file.project(), DEFAULT_TIMEOUT);
        String env = options.environment();
        try {
            List<String> environments = admin.environments();
            if (!environments.contains(env)) {
                err.println("FlagsSync: Unleash has no environment \"" + env + "\" (it has " + environments + ")");
                return UNLEASH_FAILED;
            }
            out.println("FlagsSync: " + file.source() + " -> " + UnleashAdmin.baseUrl(options.unleashUrl())
                    + " project " + file.project() + ", environment " + env + (options.dryRun() ? " (dry run)" : ""));
            int created = 0;
            for (FlagDefinition flag : file.flags()) {
                if (admin.feature(flag.name()).isPresent()) {
                    out.println(flag.name() + ": exists, left alone");
                } else if (options.dryRun()) {
                    out.println(flag.name() + ": would create (" + summary(flag, env) + ")");
                } else {
                    create(admin, flag, env);
                    created++;
                    out.println(flag.name() + ": created (" + summary(flag, env) + ")");
                }
            }
            out.println("FlagsSync: " + file.flags().size() + " flags, " + created + " created");
            return OK;
        } catch (UnleashAdminException e) {
            err.println("FlagsSync: " + e.getMessage());
            return UNLEASH_FAILED;
        }
    }

    // Strategies go in before the switch, so a flag is never on for a moment with Unleash's implicit 100% strategy.
    private static void create(UnleashAdmin admin, FlagDefinition flag, String env) {
        admin.createFeature(flag);
        try {
            for (StrategyDefinition s : flag.strategies()) {
                admin.addStrategy(flag.name(), env, s);
            }
            if (flag.enabled()) {
                admin.switchOn(flag.name(), env);
            }
        } catch (UnleashAdminException e) {
            throw new UnleashAdminException(e.getMessage() + " -- flag " + flag.name() + " was created but is incomplete:"
                    + " finish it in the UI, or archive and delete it and run again");
        }
    }

    private static String summary(FlagDefinition flag, String env) {
        int variants = flag.variantNames().size();
        return flag.type() + ", " + (flag.enabled() ? "on" : "off") + " in " + env + ", "
                + flag.strategies().size() + (flag.strategies().size() == 1 ? " strategy" : " strategies")
                + (variants > 0 ? ", variants " + String.join("/", flag.variantNames().stream().sorted().toList()) : "");
    }
}
