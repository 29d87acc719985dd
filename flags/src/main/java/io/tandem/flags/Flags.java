package io.tandem.flags;

import io.helidon.config.Config;

import java.time.Duration;

/**
 * The one way a Tandem process reads a flag. Create one per process, share it, close it on shutdown.
 * <pre>{@code
 * Flags flags = Flags.create(config.get("unleash"));
 * if (flags.isOn(TandemFlags.ATC_DISABLED, FlagContext.ofUser(userId))) { ... }
 * ClusterVariant cluster = flags.variant(TandemFlags.CLUSTER_ROUTING, FlagContext.ofUser(userId));
 * }</pre>
 * Reads never block and never throw: without Unleash they answer from the last state fetched (backup file), or at
 * a first start from flags.json.
 */
public interface Flags extends AutoCloseable {

    /** Whether a flag is on for this context. */
    boolean isOn(BooleanFlag flag, FlagContext context);

    /** Whether a flag is on, without user context. */
    default boolean isOn(BooleanFlag flag) {
        return isOn(flag, FlagContext.empty());
    }

    /** The variant for this context; the flag's default variant when it is off or names an unknown variant. */
    <V extends Enum<V>> V variant(VariantFlag<V> flag, FlagContext context);

    /** Time since the state was last fetched from Unleash (since the backup file was written, before a fetch). */
    Duration stateAge();

    /** Whether at least one fetch from Unleash succeeded since start. */
    boolean fetchedSinceStart();

    /** Stops polling. */
    @Override
    void close();

    /**
     * Starts a client from the {@code unleash} config node. Returns within the configured start-up timeout
     * whether or not Unleash answers.
     */
    static Flags create(Config unleash) {
        return create(FlagsSettings.create(unleash));
    }

    /** Starts a client from settings. */
    static Flags create(FlagsSettings settings) {
        return UnleashFlags.start(settings);
    }
}
