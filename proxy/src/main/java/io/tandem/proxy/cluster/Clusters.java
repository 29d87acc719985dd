package io.tandem.proxy.cluster;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.helidon.common.config.Config;
import io.helidon.webclient.http1.Http1Client;

import io.tandem.proxy.upstream.UpstreamPool;

/**
 * The clusters behind the proxy (config {@code proxy.clusters}, a list of {@code name}, {@code url},
 * {@code primary}, {@code drained}, and optionally {@code urls}: every instance of a cluster that runs several, a list
 * or one comma-separated string, in place of {@code url}), their pooled clients and their health checks.
 */
public final class Clusters implements AutoCloseable {
    /** Opening a loopback or in-region connection takes milliseconds; a second means the cluster is gone. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(1);
    /** Idle keep-alive connections kept per cluster, so a burst does not pay for new connections. */
    public static final int DEFAULT_MAX_IDLE_CONNECTIONS = 512;

    private final List<Cluster> all;
    private final Map<String, Cluster> byName;
    private final Cluster primary;
    private final HealthSettings healthSettings;
    private final OutlierSettings outlierSettings;
    private final NewSessionThrottle throttle;
    private final Http1Client probeClient;
    private HealthChecker checker;

    private Clusters(List<Cluster> all, HealthSettings healthSettings, OutlierSettings outlierSettings,
                     NewSessionThrottle throttle, Http1Client probeClient) {
        this.all = List.copyOf(all);
        this.byName = new LinkedHashMap<>();
        all.forEach(c -> byName.put(c.name(), c));
        List<Cluster> primaries = all.stream().filter(Cluster::primary).toList();
        if (all.isEmpty() || primaries.size() != 1 || byName.size() != all.size()) {
            throw new IllegalArgumentException("proxy.clusters: need unique names and exactly one primary, got " + all);
        }
        this.primary = primaries.getFirst();
        this.healthSettings = healthSettings;
        this.outlierSettings = outlierSettings;
        this.throttle = throttle;
        this.probeClient = probeClient;
    }

    /**
     * Reads the clusters and their client settings.
     *
     * @param proxyConfig the {@code proxy} node
     * @param listener    told of every health transition and weight change of every cluster
     * @return the clusters, health checks not started yet
     */
    public static Clusters create(Config proxyConfig, TransitionListener listener) {
        HealthSettings health = HealthSettings.create(proxyConfig.get("health"));
        OutlierSettings outlier = OutlierSettings.create(proxyConfig.get("outlier"));
        Duration connectTimeout = proxyConfig.get("connect-timeout").as(Duration.class).orElse(DEFAULT_CONNECT_TIMEOUT);
        int maxIdle = proxyConfig.get("max-idle-connections").asInt().orElse(DEFAULT_MAX_IDLE_CONNECTIONS);
        Duration idleTimeout = proxyConfig.get("idle-timeout").as(Duration.class).orElse(UpstreamPool.DEFAULT_IDLE_TIMEOUT);
        Duration timeoutCheck = proxyConfig.get("timeouts.check-interval").as(Duration.class)
                .orElse(UpstreamPool.DEFAULT_TIMEOUT_CHECK_INTERVAL);
        List<Cluster> clusters = new ArrayList<>();
        for (Config node : proxyConfig.get("clusters").asNodeList().orElse(List.of())) {
            String name = node.get("name").asString().get();
            List<Instance> instances = new ArrayList<>();
            for (String url : urls(node)) {
                URI uri = URI.create(url);
                instances.add(new Instance(name, uri, new UpstreamPool(uri, connectTimeout, maxIdle, idleTimeout,
                        timeoutCheck)));
            }
            NewSessionWeight weight = new NewSessionWeight(outlier, System.nanoTime(),
                    (from, to, reason) -> listener.weightChanged(name, from, to, reason));
            ClusterHealth clusterHealth = new ClusterHealth(health, System::nanoTime, (from, to, reason) -> {
                if (!to.routable()) {
                    // Connections to a cluster that went down are not worth trying when it comes back.
                    instances.forEach(i -> i.pool().clear());
                }
                if (from == HealthState.RECOVERING && to == HealthState.UP) {
                    // Failback is the weight ramp: a healed cluster takes a tenth of its share first.
                    weight.restartRamp(System.nanoTime());
                }
                listener.changed(name, from, to, reason);
            });
            clusters.add(new Cluster(name, instances, node.get("primary").asBoolean().orElse(false),
                    node.get("drained").asBoolean().orElse(false), clusterHealth,
                    new LiveWindow(outlier.window(), System::nanoTime), weight));
        }
        Http1Client probeClient = Http1Client.builder()
                .socketOptions(o -> o.connectTimeout(health.timeout()).readTimeout(health.answerWait()).tcpNoDelay(true))
                .followRedirects(false)
                .shareConnectionCache(false)
                .servicesDiscoverServices(false)
                .build();
        return new Clusters(clusters, health, outlier, NewSessionThrottle.create(proxyConfig.get("shedding")),
                probeClient);
    }

    /** A cluster's instance URLs: {@code urls} (a list, or one comma-separated string) when set, else {@code url}. */
    static List<String> urls(Config cluster) {
        Config urls = cluster.get("urls");
        List<String> list = urls.isList() ? urls.asList(String.class).orElse(List.of())
                : urls.asString().map(s -> java.util.Arrays.stream(s.split(",")).map(String::strip)
                        .filter(u -> !u.isEmpty()).toList()).orElse(List.of());
        return list.isEmpty() ? List.of(cluster.get("url").asString().get()) : list;
    }

    /** Starts the active health checks. */
    public synchronized void start() {
        if (checker == null) {
            checker = new HealthChecker(healthSettings, outlierSettings, all, probeClient);
        }
    }

    /** Every cluster, in config order. */
    public List<Cluster> all() {
        return all;
    }

    /** The primary (A): ATC and address writes. */
    public Cluster primary() {
        return primary;
    }

    /** A cluster by name. */
    public Optional<Cluster> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public HealthSettings healthSettings() {
        return healthSettings;
    }

    public OutlierSettings outlierSettings() {
        return outlierSettings;
    }

    /** Refuses new sessions in the proxy when the clusters shed them. */
    public NewSessionThrottle throttle() {
        return throttle;
    }

    @Override
    public synchronized void close() {
        if (checker != null) {
            checker.close();
            checker = null;
        }
        all.forEach(c -> c.instances().forEach(i -> i.pool().close()));
    }

    /** Told of a cluster's health transitions and weight changes (metrics, logs). */
    public interface TransitionListener {
        void changed(String cluster, HealthState from, HealthState to, String reason);

        void weightChanged(String cluster, int from, int to, String reason);
    }
}
