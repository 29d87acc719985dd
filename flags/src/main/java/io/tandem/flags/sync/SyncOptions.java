package io.tandem.flags.sync;

/**
 * The command line of {@link FlagsSync}.
 *
 * @param unleashUrl  server base URL ({@code /api} suffix optional)
 * @param adminToken  admin API token
 * @param environment environment to create strategies in
 * @param dryRun      only print what would be created
 * @param file        flags file on disk; null for the flags.json on the classpath
 */
record SyncOptions(String unleashUrl, String adminToken, String environment, boolean dryRun, String file) {
    static final String USAGE = "usage: FlagsSync --unleash-url URL --admin-token TOKEN [--environment ENV] [--dry-run] [--file FLAGS_JSON]"
            + "\n  the token may also come from the environment variable UNLEASH_ADMIN_TOKEN";

    static SyncOptions parse(String[] args) {
        String url = null;
        String token = System.getenv("UNLEASH_ADMIN_TOKEN");
        String env = FlagsSync.DEFAULT_ENVIRONMENT;
        boolean dryRun = false;
        String file = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
            case "--unleash-url" -> url = value(args, ++i, "--unleash-url");
            case "--admin-token" -> token = value(args, ++i, "--admin-token");
            case "--environment" -> env = value(args, ++i, "--environment");
            case "--file" -> file = value(args, ++i, "--file");
            case "--dry-run" -> dryRun = true;
            case "--help", "-h" -> throw new IllegalArgumentException("help");
            default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (url == null) {
            throw new IllegalArgumentException("--unleash-url is required");
        }
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("--admin-token is required");
        }
        return new SyncOptions(url, token, env, dryRun, file);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
