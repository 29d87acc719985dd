package io.tandem.proxy.routing;

import java.util.LinkedHashMap;
import java.util.Map;

import io.helidon.common.config.Config;

import io.tandem.flags.bucket.Buckets;

/**
 * Routing flags from config ({@code proxy.flags.static}): for running without Unleash (the benchmark, tests, a
 * proxy started before the flag server exists). Same semantics as the Unleash-backed flags: variant weights by
 * the user's Unleash bucket, userId overrides first.
 */
public final class StaticRoutingFlags implements RoutingFlags {
    private volatile boolean atcDisabled;
    private volatile boolean autoFailover;
    private volatile Weights weights;
    private volatile String primaryCluster;
    private final String flagName;

    private StaticRoutingFlags(String flagName, boolean atcDisabled, boolean autoFailover, Weights weights) {
        this.flagName = flagName;
        this.atcDisabled = atcDisabled;
        this.autoFailover = autoFailover;
        this.weights = weights;
    }

    /**
     * Reads {@code atc-disabled}, {@code auto-failover}, {@code weights} (variant → weight) and {@code overrides}
     * (userId → variant).
     *
     * @param config   the {@code proxy.flags.static} node
     * @param flagName the routing flag's name: its bucket group
     * @param primary  the variant when no weights are set
     * @return the flags
     */
    public static StaticRoutingFlags create(Config config, String flagName, String primary) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        config.get("weights").asNodeList().orElse(java.util.List.of())
                .forEach(n -> weights.put(n.name(), n.asInt().get()));
        if (weights.isEmpty()) {
            weights.put(primary, 100);
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        config.get("overrides").asNodeList().orElse(java.util.List.of())
                .forEach(n -> overrides.put(n.name(), n.asString().get()));
        return new StaticRoutingFlags(flagName,
                config.get("atc-disabled").asBoolean().orElse(false),
                config.get("auto-failover").asBoolean().orElse(true),
                Weights.of(weights, overrides));
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
    public String clusterFor(String userId) {
        Weights w = weights;
        String override = w.overrides().get(userId);
        if (override != null) {
            return override;
        }
        int target = Buckets.variantTarget(flagName, userId, w.total());
        int counter = 0;
        for (Map.Entry<String, Integer> e : w.variants().entrySet()) {
            counter += e.getValue();
            if (counter >= target) {
                return e.getKey();
            }
        }
        return w.variants().keySet().iterator().next();
    }

    @Override
    public String primaryCluster() {
        return primaryCluster;
    }

    /** Moves the primary role as ops would with {@code primary_cluster}; null keeps the configured primary. */
    public void primaryCluster(String cluster) {
        primaryCluster = cluster;
    }

    @Override
    public String describe() {
        Weights w = weights;
        return "static " + flagName + " weights=" + w.variants() + " overrides=" + w.overrides().size()
                + " atc_disabled=" + atcDisabled + " auto_failover=" + autoFailover + " primary_cluster=" + primaryCluster;
    }

    public void atcDisabled(boolean on) {
        atcDisabled = on;
    }

    public void autoFailover(boolean on) {
        autoFailover = on;
    }

    /** Replaces weights and overrides, as ops would in Unleash. */
    public void weights(Map<String, Integer> variants, Map<String, String> overrides) {
        weights = Weights.of(new LinkedHashMap<>(variants), Map.copyOf(overrides));
    }

    private record Weights(Map<String, Integer> variants, Map<String, String> overrides, int total) {
        static Weights of(Map<String, Integer> variants, Map<String, String> overrides) {
            int total = variants.values().stream().mapToInt(Integer::intValue).sum();
            if (total <= 0 || variants.values().stream().anyMatch(w -> w < 0)) {
                throw new IllegalArgumentException("routing flag weights must be positive in sum: " + variants);
            }
            return new Weights(variants, overrides, total);
        }
    }
}
