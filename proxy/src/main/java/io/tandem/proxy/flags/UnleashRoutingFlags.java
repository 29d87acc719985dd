package io.tandem.proxy.flags;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.helidon.config.Config;

import io.tandem.flags.FlagContext;
import io.tandem.flags.Flags;
import io.tandem.flags.FlagsSettings;
import io.tandem.flags.TandemFlags;
import io.tandem.proxy.routing.RoutingFlags;

/**
 * Routing flags from Unleash, answered from memory on the request path:
 * <ul>
 *     <li>{@code atc_disabled} and {@code auto_failover} through the flags module's client (its backup file and
 *     flags.json carry the proxy through an Unleash outage), read into fields every {@link #BOOLEAN_REFRESH}, and {@code primary_cluster} (where ATC and address writes go) likewise;</li>
 *     <li>the routing flag ({@code proxy.flags.routing-flag}, default {@code cluster_routing}) polled from Unleash's
 *     client API every refresh interval and evaluated in pure Java per new session.</li>
 * </ul>
 * When Unleash cannot be reached the last state stays in force; at a first start without Unleash, the flags
 * client's backup file, else flags.json.
 */
public final class UnleashRoutingFlags implements RoutingFlags, AutoCloseable {
    /** How often the boolean flags are re-read from the flags client (which itself polls Unleash). */
    public static final Duration BOOLEAN_REFRESH = Duration.ofMillis(250);
    private static final Logger LOGGER = Logger.getLogger(UnleashRoutingFlags.class.getName());

    private final Flags flags;
    private final ClientFeatures source;
    private final String primary;
    private final ScheduledExecutorService scheduler;
    private volatile boolean atcDisabled;
    private volatile boolean autoFailover;
    private volatile String primaryCluster;
    private volatile RoutingFlagEvaluator routing;
    private volatile Instant routingFetchedAt;
    private volatile String routingSource;
    private volatile boolean unreachable;

    private UnleashRoutingFlags(FlagsSettings settings, String flagName, String primary) {
        this.flags = Flags.create(settings);
        this.source = new ClientFeatures(settings, flagName);
        this.primary = primary;
        readBooleans();
        this.routing = source.fromBackup().map(r -> found(r, "backup file"))
                .or(() -> source.fromFlagsFile().map(r -> found(r, "flags.json")))
                .orElseGet(() -> found(RoutingFlagEvaluator.absent(flagName), "none"));
        if (source.online()) {
            poll();
        }
        this.scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("routing-flags").factory());
        scheduler.scheduleWithFixedDelay(this::readBooleans, BOOLEAN_REFRESH.toMillis(), BOOLEAN_REFRESH.toMillis(),
                TimeUnit.MILLISECONDS);
        if (source.online()) {
            long refresh = settings.refresh().toMillis();
            scheduler.scheduleWithFixedDelay(this::poll, refresh, refresh, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Starts the flags.
     *
     * @param unleash  the {@code unleash} config node (the flags module's settings: url, token, refresh...)
     * @param flagName the routing flag's name
     * @param primary  the cluster new sessions go to when the flag gives no variant
     * @return running flags
     */
    public static UnleashRoutingFlags start(Config unleash, String flagName, String primary) {
        return new UnleashRoutingFlags(FlagsSettings.create(unleash), flagName, primary);
    }

    @Override
    public boolean atcDisabled() {
        return atcDisabled;
    }

    @Override
    public boolean autoFailover() {
        return autoFailover;
    }

    @Override
    public String primaryCluster() {
        return primaryCluster;
    }

    @Override
    public String clusterFor(String userId) {
        String variant = routing.variantFor(userId);
        return variant != null ? variant : primary;
    }

    @Override
    public String describe() {
        return "unleash " + routing.describe() + " (from " + routingSource
                + (routingFetchedAt == null ? "" : " at " + routingFetchedAt) + (unreachable ? ", Unleash unreachable" : "")
                + "); primary_cluster=" + primaryCluster + "; flags client state age " + flags.stateAge().toMillis() + " ms";
    }

    private void readBooleans() {
        atcDisabled = flags.isOn(TandemFlags.ATC_DISABLED);
        autoFailover = flags.isOn(TandemFlags.AUTO_FAILOVER);
        String primary = flags.variant(TandemFlags.PRIMARY_CLUSTER, FlagContext.empty()).id();
        if (!primary.equals(primaryCluster)) {
            // Logged at each switch: the moment ATC and address writes move to another cluster (region loss).
            LOGGER.warning("primary_cluster=" + primary + ": ATC and address writes go to cluster " + primary
                    + (primaryCluster == null ? "" : " (was " + primaryCluster + ")"));
        }
        primaryCluster = primary;
    }

    private void poll() {
        try {
            source.fetch().ifPresent(r -> routing = found(r, "unleash"));
            routingFetchedAt = Instant.now();
            if (unreachable) {
                LOGGER.info("Unleash reachable again; routing flag " + routing.describe());
            }
            unreachable = false;
        } catch (IOException | RuntimeException e) {
            if (!unreachable) {
                LOGGER.log(Level.WARNING, "Cannot fetch the routing flag from Unleash, keeping " + routing.describe()
                        + ": " + e.getMessage());
            }
            unreachable = true;
        }
    }

    private RoutingFlagEvaluator found(RoutingFlagEvaluator state, String from) {
        RoutingFlagEvaluator previous = routing;
        routingSource = from;
        if (previous == null || !previous.describe().equals(state.describe())) {
            LOGGER.info("Routing flag from " + from + ": " + state.describe());
        }
        return state;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        flags.close();
    }
}
