package io.tandem.flags;

import io.helidon.config.Config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a process reaches Unleash, read from the {@code unleash} node of Helidon config.
 *
 * @param url            client API base, e.g. {@code http://127.0.0.1:4242/api}
 * @param token          client API token; empty runs on the backup file / flags.json only
 * @param appName        application name reported to Unleash
 * @param instanceId     instance id reported to Unleash
 * @param environment    Unleash environment of the context
 * @param refresh        polling interval (at least {@link #MIN_REFRESH}; paced by {@link PacedExecutor})
 * @param backupFile     where the last state fetched is kept for a restart while Unleash is down
 * @param startupTimeout the longest start-up waits for a first fetch before running on backup / flags.json
 * @param fetchTimeout   connect and read timeout of one fetch
 * @param flagsResource  classpath resource of the flags-as-code file, the state at a first start
 * @param pureEvaluation answer flags in pure Java (nanoseconds) where the definition allows, else the engine
 */
public record FlagsSettings(String url, String token, String appName, String instanceId, String environment,
                            Duration refresh, Path backupFile, Duration startupTimeout, Duration fetchTimeout,
                            String flagsResource, boolean pureEvaluation) {
    /** Default client API base: the local Unleash of envs/local. */
    public static final String DEFAULT_URL = "http://127.0.0.1:4242/api";
    /** Default token: none, which runs on the backup file or flags.json. */
    public static final String DEFAULT_TOKEN = "";
    /** Default application name. */
    public static final String DEFAULT_APP_NAME = "tandem";
    /** Default Unleash environment. */
    public static final String DEFAULT_ENVIRONMENT = "development";
    /** Default polling interval: with Unleash's own 1 s publication, a flag switched in the UI is seen within ~1.3 s. */
    public static final Duration DEFAULT_REFRESH = Duration.ofMillis(250);
    /** Polls are conditional (ETag): cheap, but not a busy loop. */
    public static final Duration MIN_REFRESH = Duration.ofMillis(100);
    /** Default bound on start-up's wait for Unleash. */
    public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(2);
    /** Default connect/read timeout of one fetch. */
    public static final Duration DEFAULT_FETCH_TIMEOUT = Duration.ofSeconds(2);
    /** Default classpath resource of the flags file. */
    public static final String DEFAULT_FLAGS_RESOURCE = "flags.json";
    /** Default: pure-Java evaluation on (it agrees with the engine; see README). */
    public static final boolean DEFAULT_PURE_EVALUATION = true;

    public FlagsSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(appName, "appName");
        Objects.requireNonNull(environment, "environment");
        token = token == null ? DEFAULT_TOKEN : token;
        instanceId = instanceId == null || instanceId.isBlank() ? defaultInstanceId(appName) : instanceId;
        if (refresh == null) {
            refresh = DEFAULT_REFRESH;
        } else if (refresh.compareTo(MIN_REFRESH) < 0) {
            refresh = MIN_REFRESH;
        }
        backupFile = backupFile == null ? defaultBackupFile(appName, instanceId) : backupFile;
        startupTimeout = startupTimeout == null ? DEFAULT_STARTUP_TIMEOUT : startupTimeout;
        fetchTimeout = fetchTimeout == null ? DEFAULT_FETCH_TIMEOUT : fetchTimeout;
        flagsResource = flagsResource == null ? DEFAULT_FLAGS_RESOURCE : flagsResource;
    }

    /** Settings with pure-Java evaluation at its default. */
    public FlagsSettings(String url, String token, String appName, String instanceId, String environment,
                         Duration refresh, Path backupFile, Duration startupTimeout, Duration fetchTimeout,
                         String flagsResource) {
        this(url, token, appName, instanceId, environment, refresh, backupFile, startupTimeout, fetchTimeout,
                flagsResource, DEFAULT_PURE_EVALUATION);
    }

    /** Settings from the {@code unleash} config node ({@code config.get("unleash")}); every key is optional. */
    public static FlagsSettings create(Config unleash) {
        String appName = unleash.get("app-name").asString().orElse(DEFAULT_APP_NAME);
        return new FlagsSettings(
                unleash.get("url").asString().orElse(DEFAULT_URL),
                unleash.get("token").asString().orElse(DEFAULT_TOKEN),
                appName,
                unleash.get("instance-id").asString().orElse(null),
                unleash.get("environment").asString().orElse(DEFAULT_ENVIRONMENT),
                unleash.get("refresh").as(Duration.class).orElse(DEFAULT_REFRESH),
                unleash.get("backup-file").asString().map(Path::of).orElse(null),
                unleash.get("startup-timeout").as(Duration.class).orElse(DEFAULT_STARTUP_TIMEOUT),
                unleash.get("fetch-timeout").as(Duration.class).orElse(DEFAULT_FETCH_TIMEOUT),
                unleash.get("flags-resource").asString().orElse(DEFAULT_FLAGS_RESOURCE),
                unleash.get("pure-evaluation").asBoolean().orElse(DEFAULT_PURE_EVALUATION));
    }

    /** Default settings (local Unleash, no token). */
    public static FlagsSettings defaults() {
        return create(Config.empty());
    }

    /** A copy with another backup file. */
    public FlagsSettings withBackupFile(Path file) {
        return new FlagsSettings(url, token, appName, instanceId, environment, refresh, file, startupTimeout,
                fetchTimeout, flagsResource, pureEvaluation);
    }

    /** A copy with pure-Java evaluation on or off. */
    public FlagsSettings withPureEvaluation(boolean on) {
        return new FlagsSettings(url, token, appName, instanceId, environment, refresh, backupFile, startupTimeout,
                fetchTimeout, flagsResource, on);
    }

    private static String defaultInstanceId(String appName) {
        String host = System.getenv().getOrDefault("HOSTNAME", "localhost");
        return appName + "-" + host;
    }

    // Stable across restarts (a backup only helps if the next start finds it) and distinct per instance.
    private static Path defaultBackupFile(String appName, String instanceId) {
        String safe = (appName + "-" + instanceId).replaceAll("[^A-Za-z0-9._-]", "_");
        return Path.of(System.getProperty("java.io.tmpdir"), "tandem-flags-" + safe + ".json");
    }
}
