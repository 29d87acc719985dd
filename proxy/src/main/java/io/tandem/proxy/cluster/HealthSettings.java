package io.tandem.proxy.cluster;

import java.time.Duration;
import java.util.Set;

import io.helidon.common.config.Config;

/**
 * How the proxy decides a cluster is up (config node {@code proxy.health}).
 *
 * @param path               readiness path probed on each cluster
 * @param interval           time between active checks
 * @param timeout            how long one active check may take
 * @param unhealthyThreshold consecutive failed active checks that make a cluster failing
 * @param healthyThreshold   consecutive good active checks that make a failing or down cluster recover
 * @param passiveThreshold   consecutive failed live requests (refused or broken connection, a failure status) that
 *                           make it failing; a live timeout is slowness, judged by the outlier detection
 * @param failoverDelay      how long a cluster stays failing (still routed) before it is marked down
 * @param unresponsiveDelay  how long a cluster may go without answering anything (probes time out, no live answer)
 *                           before it counts as unreachable; until then a timeout means busy or slow, not dead
 * @param failbackDelay      how long a recovered cluster must stay healthy before it takes new sessions again
 * @param failureStatuses    live response statuses that count as a passive failure (a 503 with Retry-After never does)
 */
public record HealthSettings(String path,
                             Duration interval,
                             Duration timeout,
                             int unhealthyThreshold,
                             int healthyThreshold,
                             int passiveThreshold,
                             Duration failoverDelay,
                             Duration unresponsiveDelay,
                             Duration failbackDelay,
                             Set<Integer> failureStatuses) {
    /** Readiness path of a Helidon cluster. */
    public static final String DEFAULT_PATH = "/observe/health/ready";
    /** One probe a second: a sick cluster is out within seconds. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
    /** A ready endpoint answers in milliseconds; half a second means it is in trouble. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(500);
    /** Three misses in a row, so one lost probe does not move traffic. */
    public static final int DEFAULT_UNHEALTHY_THRESHOLD = 3;
    /** Two good probes in a row before recovery starts. */
    public static final int DEFAULT_HEALTHY_THRESHOLD = 2;
    /** Five failed live requests in a row, with no success between. */
    public static final int DEFAULT_PASSIVE_THRESHOLD = 5;
    /** Failing is acted on at once; raise it to ride out short blips. */
    public static final Duration DEFAULT_FAILOVER_DELAY = Duration.ZERO;
    /** Five seconds without a single answer: longer than a GC pause or a burst, short enough to move sessions. */
    public static final Duration DEFAULT_UNRESPONSIVE_DELAY = Duration.ofSeconds(5);
    /** A recovered cluster proves itself for this long before new sessions go back, then ramps up (proxy.outlier). */
    public static final Duration DEFAULT_FAILBACK_DELAY = Duration.ofSeconds(5);
    /** 5xx that mean the cluster, not the request, is in trouble. */
    public static final Set<Integer> DEFAULT_FAILURE_STATUSES = Set.of(500, 502, 503, 504);

    public HealthSettings {
        if (unhealthyThreshold < 1 || healthyThreshold < 1 || passiveThreshold < 1) {
            throw new IllegalArgumentException("proxy.health thresholds must be at least 1");
        }
        if (interval.isNegative() || interval.isZero() || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("proxy.health interval and timeout must be positive");
        }
        failureStatuses = Set.copyOf(failureStatuses);
    }

    /**
     * How long a probe waits for its answer: past {@code timeout}, up to {@code unresponsive-delay}, since a late
     * answer still proves the cluster alive.
     */
    public Duration answerWait() {
        return unresponsiveDelay.compareTo(timeout) > 0 ? unresponsiveDelay : timeout;
    }

    /** Defaults for everything. */
    public static HealthSettings defaults() {
        return new HealthSettings(DEFAULT_PATH, DEFAULT_INTERVAL, DEFAULT_TIMEOUT, DEFAULT_UNHEALTHY_THRESHOLD,
                DEFAULT_HEALTHY_THRESHOLD, DEFAULT_PASSIVE_THRESHOLD, DEFAULT_FAILOVER_DELAY, DEFAULT_UNRESPONSIVE_DELAY,
                DEFAULT_FAILBACK_DELAY,
                DEFAULT_FAILURE_STATUSES);
    }

    /**
     * Reads {@code proxy.health}.
     *
     * @param config the health node
     * @return settings, defaults for what is not set
     */
    public static HealthSettings create(Config config) {
        return new HealthSettings(
                config.get("path").asString().orElse(DEFAULT_PATH),
                config.get("interval").as(Duration.class).orElse(DEFAULT_INTERVAL),
                config.get("timeout").as(Duration.class).orElse(DEFAULT_TIMEOUT),
                config.get("unhealthy-threshold").asInt().orElse(DEFAULT_UNHEALTHY_THRESHOLD),
                config.get("healthy-threshold").asInt().orElse(DEFAULT_HEALTHY_THRESHOLD),
                config.get("passive-threshold").asInt().orElse(DEFAULT_PASSIVE_THRESHOLD),
                config.get("failover-delay").as(Duration.class).orElse(DEFAULT_FAILOVER_DELAY),
                config.get("unresponsive-delay").as(Duration.class).orElse(DEFAULT_UNRESPONSIVE_DELAY),
                config.get("failback-delay").as(Duration.class).orElse(DEFAULT_FAILBACK_DELAY),
                Set.copyOf(config.get("failure-statuses").asList(Integer.class).orElse(
                        java.util.List.copyOf(DEFAULT_FAILURE_STATUSES))));
    }
}
