package io.tandem.proxy;

import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;

import io.tandem.proxy.cluster.Cluster;
import io.tandem.proxy.cluster.HealthState;
import io.tandem.proxy.routing.Rule;

/**
 * The proxy's meters, created once so the request path does no registry lookups:
 * <ul>
 *     <li>{@code tandem.proxy.requests{rule,cluster}}: requests by routing rule and cluster ({@code none} when the
 *     proxy answered itself);</li>
 *     <li>{@code tandem.proxy.added.latency}: time spent in the proxy, not waiting on a cluster;</li>
 *     <li>{@code tandem.proxy.upstream.errors{cluster,kind}}: connect failures, timeouts, broken streams;</li>
 *     <li>{@code tandem.proxy.client.errors{kind}}: requests that failed by the client's fault (bad framing, header
 *     limits, a body that broke off or lied about its length): never a cluster's failure;</li>
 *     <li>{@code tandem.proxy.health.transitions{cluster,to}} and gauge {@code tandem.proxy.cluster.routable{cluster}};</li>
 *     <li>{@code tandem.proxy.weight.transitions{cluster,to}} and gauge {@code tandem.proxy.cluster.weight{cluster}}:
 *     the share of new sessions (0-100) the outlier detection and the failback ramp give a cluster;</li>
 *     <li>{@code tandem.proxy.shed{cluster}}: requests a cluster shed (503 with Retry-After and {@code Tandem-Shed});
 *     new sessions the proxy refused itself count as {@code tandem.proxy.requests{rule="overloaded"}}.</li>
 * </ul>
 */
final class ProxyMetrics {
    static final String NONE = "none";
    /** Client error kinds: framing refused up front, header limits, a body that broke off, one that lied. */
    static final String CLIENT_FRAMING = "framing";
    static final String CLIENT_HEADERS = "headers";
    static final String CLIENT_BODY_INCOMPLETE = "body_incomplete";
    static final String CLIENT_BODY_LENGTH = "body_length";
    static final String CLIENT_BODY_TOO_LARGE = "body_too_large";
    private static final Duration[] LATENCY_BUCKETS = {
            Duration.ofMillis(1).dividedBy(20), Duration.ofMillis(1).dividedBy(10), Duration.ofMillis(1).dividedBy(4),
            Duration.ofMillis(1).dividedBy(2), Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
            Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50)};

    private final MeterRegistry registry;
    private final Map<Rule, Map<String, Counter>> requests = new EnumMap<>(Rule.class);
    private final Map<String, Map<String, Counter>> upstreamErrors = new HashMap<>();
    private final Timer addedLatency;
    private final Map<String, Counter> clientErrors = new HashMap<>();
    private final Map<String, Counter> sheds = new HashMap<>();

    ProxyMetrics(List<Cluster> clusters, java.util.Collection<Integer> weightSteps) {
        this(Metrics.globalRegistry(), clusters, weightSteps);
    }

    /**
     * @param weightSteps every weight a cluster can take, so each transition series exists from the start at 0
     */
    ProxyMetrics(MeterRegistry registry, List<Cluster> clusters, java.util.Collection<Integer> weightSteps) {
        this.registry = registry;
        for (Rule rule : Rule.values()) {
            Map<String, Counter> byCluster = new HashMap<>();
            byCluster.put(NONE, counter("tandem.proxy.requests", "rule", rule.label(), "cluster", NONE));
            for (Cluster cluster : clusters) {
                byCluster.put(cluster.name(), counter("tandem.proxy.requests", "rule", rule.label(), "cluster", cluster.name()));
            }
            requests.put(rule, byCluster);
        }
        for (Cluster cluster : clusters) {
            Map<String, Counter> byKind = new HashMap<>();
            for (String kind : List.of("connect", "timeout", "broken", "status")) {
                byKind.put(kind, counter("tandem.proxy.upstream.errors", "cluster", cluster.name(), "kind", kind));
            }
            upstreamErrors.put(cluster.name(), byKind);
            // At 0 from the start, so a fresh proxy's dashboards and rules see every series (dashboards/metrics.md).
            for (HealthState state : HealthState.values()) {
                transitionCounter(cluster.name(), state);
            }
            registry.getOrCreate(Gauge.builder("tandem.proxy.cluster.routable",
                            cluster, c -> c.health().state().routable() ? 1 : 0)
                    .tags(List.of(Tag.create("cluster", cluster.name())))
                    .description("1 while health checks let requests go to the cluster"));
            registry.getOrCreate(Gauge.builder("tandem.proxy.cluster.weight", cluster, c -> c.weight().weight())
                    .tags(List.of(Tag.create("cluster", cluster.name())))
                    .description("Share of new sessions (0-100) outlier detection and the failback ramp give the cluster"));
            for (int step : weightSteps) {
                weightCounter(cluster.name(), step);
            }
            sheds.put(cluster.name(), registry.getOrCreate(Counter.builder("tandem.proxy.shed")
                    .tags(List.of(Tag.create("cluster", cluster.name())))
                    .description("Requests the cluster shed (503 with Retry-After and Tandem-Shed)")));
        }
        for (String kind : List.of(CLIENT_FRAMING, CLIENT_HEADERS, CLIENT_BODY_INCOMPLETE, CLIENT_BODY_LENGTH,
                CLIENT_BODY_TOO_LARGE)) {
            clientErrors.put(kind, registry.getOrCreate(Counter.builder("tandem.proxy.client.errors")
                    .tags(List.of(Tag.create("kind", kind)))
                    .description("Requests that failed by the client's fault; never counted against a cluster")));
        }
        addedLatency = registry.getOrCreate(Timer.builder("tandem.proxy.added.latency")
                .buckets(LATENCY_BUCKETS)
                .description("Time a request spends in the proxy, not waiting on a cluster"));
    }

    void request(Rule rule, Cluster cluster) {
        requests.get(rule).get(cluster == null ? NONE : cluster.name()).increment();
    }

    void upstreamError(Cluster cluster, String kind) {
        upstreamErrors.get(cluster.name()).get(kind).increment();
    }

    void clientError(String kind) {
        clientErrors.get(kind).increment();
    }

    void addedLatency(long nanos) {
        addedLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    void shed(Cluster cluster) {
        sheds.get(cluster.name()).increment();
    }

    void weightTransition(String cluster, int to) {
        weightCounter(cluster, to).increment();
    }

    private Counter weightCounter(String cluster, int to) {
        return counter("tandem.proxy.weight.transitions", "cluster", cluster, "to", Integer.toString(to));
    }

    void transition(String cluster, HealthState to) {
        transitionCounter(cluster, to).increment();
    }

    private Counter transitionCounter(String cluster, HealthState to) {
        return counter("tandem.proxy.health.transitions", "cluster", cluster, "to", to.name().toLowerCase(java.util.Locale.ROOT));
    }

    private Counter counter(String name, String k1, String v1, String k2, String v2) {
        return registry.getOrCreate(Counter.builder(name).tags(List.of(Tag.create(k1, v1), Tag.create(k2, v2))));
    }
}
