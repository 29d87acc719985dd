package io.tandem.proxy.flags;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import io.helidon.config.Config;

import io.tandem.flags.ClusterVariant;
import io.tandem.flags.FlagContext;
import io.tandem.flags.Flags;
import io.tandem.flags.FlagsSettings;
import io.tandem.flags.TandemFlags;
import io.tandem.flags.VariantFlag;
import io.tandem.proxy.routing.RoutingFlags;

/**
 * Routing flags from Unleash, all through the flags module ({@link Flags}: its poller, backup file and flags.json
 * carry the proxy through an Unleash outage), answered from memory on the request path:
 * <ul>
 *     <li>{@code atc_disabled}, {@code auto_failover} and {@code primary_cluster} read into fields every
 *     {@link #BOOLEAN_REFRESH};</li>
 *     <li>{@code cluster_routing} evaluated per new session by the flags module's pure-Java evaluator
 *     ({@code io.tandem.flags.pure}, Unleash-exact, no network or JNI call).</li>
 * </ul>
 */
public final class UnleashRoutingFlags implements RoutingFlags, AutoCloseable {
    /** How often the on/off flags and primary_cluster are re-read from the flags client (which polls Unleash). */
    public static final Duration BOOLEAN_REFRESH = Duration.ofMillis(250);
    private static final Logger LOGGER = Logger.getLogger(UnleashRoutingFlags.class.getName());

    private final Flags flags;
    private final VariantFlag<ClusterVariant> routing;
    private final String appName;
    private final String environment;
    private final ScheduledExecutorService scheduler;
    private volatile boolean atcDisabled;
    private volatile boolean autoFailover;
    private volatile String primaryCluster;

    private UnleashRoutingFlags(FlagsSettings settings, VariantFlag<ClusterVariant> routing) {
        this.flags = Flags.create(settings);
        this.routing = routing;
        this.appName = settings.appName();
        this.environment = settings.environment();
        readBooleans();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("routing-flags").factory());
        scheduler.scheduleWithFixedDelay(this::readBooleans, BOOLEAN_REFRESH.toMillis(), BOOLEAN_REFRESH.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Starts the flags.
     *
     * @param unleash the {@code unleash} config node (the flags module's settings: url, token, refresh...)
     * @param routing the routing flag: {@link TandemFlags#CLUSTER_ROUTING}, or a test's throw-away stand-in
     * @return running flags
     */
    public static UnleashRoutingFlags start(Config unleash, VariantFlag<ClusterVariant> routing) {
        return new UnleashRoutingFlags(FlagsSettings.create(unleash), routing);
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
        // Off, no strategy for the user, or unknown: the flag's default, a. App and environment filled here, as the
        // client would fill them, so the evaluation takes this one context and allocates nothing more.
        return flags.variant(routing, new FlagContext(userId, null, null, appName, environment)).id();
    }

    @Override
    public String describe() {
        return "unleash " + routing.name() + " (flags module, pure evaluation); "
                + TandemFlags.ATC_DISABLED.name() + "=" + atcDisabled + " "
                + TandemFlags.AUTO_FAILOVER.name() + "=" + autoFailover + " "
                + TandemFlags.PRIMARY_CLUSTER.name() + "=" + primaryCluster
                + "; flags client state age " + flags.stateAge().toMillis() + " ms"
                + (flags.fetchedSinceStart() ? "" : ", no fetch from Unleash yet");
    }

    private void readBooleans() {
        atcDisabled = flags.isOn(TandemFlags.ATC_DISABLED);
        autoFailover = flags.isOn(TandemFlags.AUTO_FAILOVER);
        String primary = flags.variant(TandemFlags.PRIMARY_CLUSTER, FlagContext.empty()).id();
        if (!primary.equals(primaryCluster)) {
            // Logged at each switch: the moment ATC and address writes move to another cluster (region loss).
            LOGGER.warning(TandemFlags.PRIMARY_CLUSTER.name() + "=" + primary + ": ATC and address writes go to cluster " + primary
                    + (primaryCluster == null ? "" : " (was " + primaryCluster + ")"));
        }
        primaryCluster = primary;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        flags.close();
    }
}
