package io.tandem.proxy;

import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.helidon.config.Config;
import io.helidon.health.HealthCheck;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpService;

import io.tandem.common.api.IdentityAssertions;
import io.tandem.common.session.SessionKeys;
import io.tandem.proxy.admin.AdminService;
import io.tandem.proxy.cluster.Clusters;
import io.tandem.proxy.cluster.HealthState;
import io.tandem.flags.ClusterVariant;
import io.tandem.flags.TandemFlags;
import io.tandem.flags.VariantFlag;
import io.tandem.proxy.flags.UnleashRoutingFlags;
import io.tandem.proxy.identity.Identity;
import io.tandem.proxy.routing.PathRules;
import io.tandem.proxy.routing.Router;
import io.tandem.proxy.routing.RoutingFlags;
import io.tandem.proxy.routing.StaticRoutingFlags;

/**
 * The proxy's parts, wired from config: clusters and their health, identity, routing, forwarding, admin. Keeps no
 * state a restart would lose beyond an ops drain (config {@code proxy.clusters[].drained} makes one lasting).
 */
public final class TandemProxy implements AutoCloseable {
    /** 1 MiB: checkout bodies are small JSON; anything near this is a mistake or an attack. */
    public static final long DEFAULT_MAX_REQUEST_BYTES = 1024 * 1024;
    private static final Logger LOGGER = Logger.getLogger(TandemProxy.class.getName());

    private final Clusters clusters;
    private final RoutingFlags flags;
    private final ProxyMetrics metrics;
    private final ProxyHandler handler;
    private final AdminService admin;
    private volatile ProxyMetrics transitionsTo;

    private TandemProxy(Config config, RoutingFlags flags) {
        Config proxy = config.get("proxy");
        this.clusters = Clusters.create(proxy, new Clusters.TransitionListener() {
            @Override
            public void changed(String cluster, HealthState from, HealthState to, String reason) {
                transition(cluster, from, to, reason);
            }

            @Override
            public void weightChanged(String cluster, int from, int to, String reason) {
                TandemProxy.this.weightChanged(cluster, from, to, reason);
            }
        });
        this.flags = flags;
        this.metrics = new ProxyMetrics(clusters.all(), clusters.outlierSettings().weights());
        this.transitionsTo = metrics;
        long maxRequestBytes = proxy.get("max-request-bytes").asLong().orElse(DEFAULT_MAX_REQUEST_BYTES);
        Router router = new Router(clusters, PathRules.create(proxy.get("routes")),
                SessionKeys.create(config.get("session")), flags);
        Forwarder forwarder = new Forwarder(maxRequestBytes, RouteTimeouts.create(proxy.get("timeouts")),
                clusters.healthSettings().failureStatuses(), metrics, IdentityAssertions.create(config));
        this.handler = new ProxyHandler(Identity.create(config.get("identity.jwt")), router, forwarder, metrics,
                maxRequestBytes, RequestFraming.create(proxy.get("limits")));
        this.admin = new AdminService(clusters, flags, proxy.get("admin.token").asString().asOptional(),
                message -> LOGGER.warning(message));
    }

    /**
     * A proxy with routing flags chosen by config ({@code proxy.flags.source}).
     *
     * @param config root config
     * @return the proxy, health checks not started
     */
    public static TandemProxy create(Config config) {
        return create(config, flags(config));
    }

    /**
     * A proxy with given routing flags (tests, or flags built by the caller).
     *
     * @param config root config
     * @param flags  the routing flags
     * @return the proxy, health checks not started
     */
    public static TandemProxy create(Config config, RoutingFlags flags) {
        return new TandemProxy(config, flags);
    }

    static RoutingFlags flags(Config config) {
        Config flagsConfig = config.get("proxy.flags");
        String source = flagsConfig.get("source").asString().orElse("static").toLowerCase(Locale.ROOT);
        // A name only for a test's throw-away copy of the flag (UnleashRoutingIT); in service: cluster_routing.
        VariantFlag<ClusterVariant> routing = flagsConfig.get("routing-flag").asString()
                .map(TandemFlags.CLUSTER_ROUTING::standIn).orElse(TandemFlags.CLUSTER_ROUTING);
        String flagName = routing.name();
        String primary = config.get("proxy.clusters").asNodeList().orElse(java.util.List.of()).stream()
                .filter(n -> n.get("primary").asBoolean().orElse(false))
                .map(n -> n.get("name").asString().get()).findFirst().orElse("a");
        return switch (source) {
            case "unleash" -> UnleashRoutingFlags.start(config.get("unleash"), routing);
            case "static" -> StaticRoutingFlags.create(flagsConfig.get("static"), flagName, primary);
            default -> throw new IllegalArgumentException("proxy.flags.source must be unleash or static: " + source);
        };
    }

    /** Starts the active health checks. */
    public TandemProxy start() {
        clusters.start();
        return this;
    }

    /** Every request that is not the proxy's own. */
    public Handler handler() {
        return handler;
    }

    /** The admin endpoints, to register under {@code /proxy/admin}. */
    public HttpService admin() {
        return admin;
    }

    /** Readiness: at least one cluster routable. */
    public HealthCheck readiness() {
        return new ClustersReadiness(clusters);
    }

    public Clusters clusters() {
        return clusters;
    }

    public RoutingFlags flags() {
        return flags;
    }

    private void transition(String cluster, HealthState from, HealthState to, String reason) {
        Level level = to == HealthState.DOWN || to == HealthState.UP ? Level.WARNING : Level.INFO;
        LOGGER.log(level, "Cluster " + cluster + ": " + from + " -> " + to + " (" + reason + ")");
        ProxyMetrics m = transitionsTo;
        if (m != null) {
            m.transition(cluster, to);
        }
    }

    private void weightChanged(String cluster, int from, int to, String reason) {
        LOGGER.log(Level.WARNING, "Cluster " + cluster + ": new-session weight " + from + " -> " + to + " (" + reason + ")");
        ProxyMetrics m = transitionsTo;
        if (m != null) {
            m.weightTransition(cluster, to);
        }
    }

    @Override
    public void close() {
        clusters.close();
        if (flags instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOGGER.log(Level.WARNING, "Closing the routing flags failed", e);
            }
        }
    }
}
