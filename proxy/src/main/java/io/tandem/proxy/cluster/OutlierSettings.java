package io.tandem.proxy.cluster;

import java.time.Duration;
import java.util.List;

import io.helidon.common.config.Config;

/**
 * How the proxy finds a slow or failing cluster on live traffic and moves new sessions away from it, step by step,
 * and back (config node {@code proxy.outlier}). In the spirit of Envoy's outlier detection, but a cluster is never
 * ejected whole at once and never while no other cluster is healthy: its share of new sessions steps down.
 *
 * @param enabled                whether live latency and errors move weights at all
 * @param window                 how far back live requests are judged
 * @param interval               how often clusters are judged (one weight step at most per interval)
 * @param minRequests            live requests in the window below which live figures are not judged
 * @param errorRatio             failed over all live requests at or above which a cluster is an outlier
 * @param latencyThreshold       live p99 at or above which a cluster may be an outlier ...
 * @param latencyFactor          ... when it is also this many times the best other cluster's p99
 * @param probeLatencyThreshold  readiness answers (median of the last three) at or above which a cluster may be an
 *                               outlier, when also {@code latencyFactor} times the best other cluster's
 * @param ejectSteps             the weights an outlier steps down through, one per interval, ending at 0
 * @param rampSteps              the weights a healed cluster steps up through, ending at 100
 * @param rampHold               how long each weight is held before the next step up
 */
public record OutlierSettings(boolean enabled,
                              Duration window,
                              Duration interval,
                              int minRequests,
                              double errorRatio,
                              Duration latencyThreshold,
                              double latencyFactor,
                              Duration probeLatencyThreshold,
                              List<Integer> ejectSteps,
                              List<Integer> rampSteps,
                              Duration rampHold) {
    /** On: slowness moves new sessions by itself. */
    public static final boolean DEFAULT_ENABLED = true;
    /** Five seconds of traffic: long enough for a p99 at 20 requests a second, short enough to act within seconds. */
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(5);
    /** Judged every second. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
    /** Fewer than ten requests say nothing about a p99. */
    public static final int DEFAULT_MIN_REQUESTS = 10;
    /** A quarter of live requests failing. */
    public static final double DEFAULT_ERROR_RATIO = 0.25;
    /** A second at p99: a checkout call that slow is felt by every shopper. */
    public static final Duration DEFAULT_LATENCY_THRESHOLD = Duration.ofSeconds(1);
    /** Three times the other cluster: slowness that is this cluster's own, not the whole platform's load. */
    public static final double DEFAULT_LATENCY_FACTOR = 3.0;
    /** A readiness check queries the cluster's stores; a quarter second means a store is slow. */
    public static final Duration DEFAULT_PROBE_LATENCY_THRESHOLD = Duration.ofMillis(250);
    /** Half, a tenth, then none: three seconds from first verdict to no new session. */
    public static final List<Integer> DEFAULT_EJECT_STEPS = List.of(50, 10, 0);
    /** Seed 004 section 7.1: 10% → 50% → 100%. */
    public static final List<Integer> DEFAULT_RAMP_STEPS = List.of(10, 50, 100);
    /** Each ramp step proves itself for five seconds of live traffic. */
    public static final Duration DEFAULT_RAMP_HOLD = Duration.ofSeconds(5);

    public OutlierSettings {
        ejectSteps = List.copyOf(ejectSteps);
        rampSteps = List.copyOf(rampSteps);
        if (ejectSteps.isEmpty() || ejectSteps.getLast() != 0 || !descending(ejectSteps)) {
            throw new IllegalArgumentException("proxy.outlier.eject-steps must step down to 0: " + ejectSteps);
        }
        if (rampSteps.isEmpty() || rampSteps.getLast() != 100 || !descending(rampSteps.reversed())) {
            throw new IllegalArgumentException("proxy.outlier.ramp-steps must step up to 100: " + rampSteps);
        }
        if (interval.isNegative() || interval.isZero() || window.compareTo(interval) < 0) {
            throw new IllegalArgumentException("proxy.outlier: interval must be positive and window at least interval");
        }
    }

    /** Defaults for everything. */
    public static OutlierSettings defaults() {
        return create(Config.empty());
    }

    /**
     * Reads {@code proxy.outlier}.
     *
     * @param config the outlier node
     * @return settings, defaults for what is not set
     */
    public static OutlierSettings create(Config config) {
        return new OutlierSettings(
                config.get("enabled").asBoolean().orElse(DEFAULT_ENABLED),
                config.get("window").as(Duration.class).orElse(DEFAULT_WINDOW),
                config.get("interval").as(Duration.class).orElse(DEFAULT_INTERVAL),
                config.get("min-requests").asInt().orElse(DEFAULT_MIN_REQUESTS),
                config.get("error-ratio").asDouble().orElse(DEFAULT_ERROR_RATIO),
                config.get("latency-threshold").as(Duration.class).orElse(DEFAULT_LATENCY_THRESHOLD),
                config.get("latency-factor").asDouble().orElse(DEFAULT_LATENCY_FACTOR),
                config.get("probe-latency-threshold").as(Duration.class).orElse(DEFAULT_PROBE_LATENCY_THRESHOLD),
                config.get("eject-steps").asList(Integer.class).orElse(DEFAULT_EJECT_STEPS),
                config.get("ramp-steps").asList(Integer.class).orElse(DEFAULT_RAMP_STEPS),
                config.get("ramp-hold").as(Duration.class).orElse(DEFAULT_RAMP_HOLD));
    }

    /** Every weight a cluster can take (the eject and ramp steps, and 100), ascending. */
    public java.util.SortedSet<Integer> weights() {
        java.util.SortedSet<Integer> all = new java.util.TreeSet<>(ejectSteps);
        all.addAll(rampSteps);
        return all;
    }

    private static boolean descending(List<Integer> steps) {
        for (int i = 1; i < steps.size(); i++) {
            if (steps.get(i) >= steps.get(i - 1)) {
                return false;
            }
        }
        return steps.getFirst() <= 100 && steps.getLast() >= 0;
    }
}
