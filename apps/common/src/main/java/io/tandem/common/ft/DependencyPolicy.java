package io.tandem.common.ft;

import java.time.Duration;

import io.helidon.common.config.Config;

/**
 * The fault-tolerance numbers for one dependency, from config (e.g. {@code ft.catalog}), each with a named default
 * from DESIGN.md:
 * <pre>
 * timeout: PT3S                 # service to service
 * breaker: {error-ratio: 50, volume: 10, delay: PT5S, success-threshold: 1}
 * bulkhead: {limit: 32, queue: 64}
 * retry: {attempts: 1, delay: PT0.1S, jitter: PT0.05S}   # >1 only for idempotent calls; delays 100, 200, 400, 800 ms
 * </pre>
 *
 * @param name      dependency name (metrics, errors)
 * @param timeout   per call
 * @param errorRatio breaker opens at this % of failures over the last {@code volume} calls
 * @param volume    the breaker's rolling window
 * @param delay     how long the breaker stays open before it lets a probe through by itself
 * @param successThreshold probes that must pass to close again
 * @param bulkheadLimit calls at once
 * @param bulkheadQueue calls waiting for a slot; more are refused at once
 * @param retryAttempts total attempts (1 = no retry)
 * @param retryDelay first backoff, doubled each time
 * @param retryJitter random spread added to each backoff
 */
public record DependencyPolicy(String name, Duration timeout, int errorRatio, int volume, Duration delay,
                               int successThreshold, int bulkheadLimit, int bulkheadQueue, int retryAttempts,
                               Duration retryDelay, Duration retryJitter) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
    public static final int DEFAULT_ERROR_RATIO = 50;
    public static final int DEFAULT_VOLUME = 10;
    public static final Duration DEFAULT_BREAKER_DELAY = Duration.ofSeconds(5);
    public static final int DEFAULT_SUCCESS_THRESHOLD = 1;
    public static final int DEFAULT_BULKHEAD_LIMIT = 32;
    public static final int DEFAULT_BULKHEAD_QUEUE = 64;
    public static final int DEFAULT_RETRY_ATTEMPTS = 1;
    public static final int MAX_RETRY_ATTEMPTS = 5;
    public static final Duration DEFAULT_RETRY_DELAY = Duration.ofMillis(100);
    public static final Duration DEFAULT_RETRY_JITTER = Duration.ofMillis(50);

    public static DependencyPolicy create(String name, Config config) {
        return new DependencyPolicy(name,
                config.get("timeout").as(Duration.class).orElse(DEFAULT_TIMEOUT),
                config.get("breaker.error-ratio").asInt().orElse(DEFAULT_ERROR_RATIO),
                config.get("breaker.volume").asInt().orElse(DEFAULT_VOLUME),
                config.get("breaker.delay").as(Duration.class).orElse(DEFAULT_BREAKER_DELAY),
                config.get("breaker.success-threshold").asInt().orElse(DEFAULT_SUCCESS_THRESHOLD),
                config.get("bulkhead.limit").asInt().orElse(DEFAULT_BULKHEAD_LIMIT),
                config.get("bulkhead.queue").asInt().orElse(DEFAULT_BULKHEAD_QUEUE),
                Math.min(MAX_RETRY_ATTEMPTS, config.get("retry.attempts").asInt().orElse(DEFAULT_RETRY_ATTEMPTS)),
                config.get("retry.delay").as(Duration.class).orElse(DEFAULT_RETRY_DELAY),
                config.get("retry.jitter").as(Duration.class).orElse(DEFAULT_RETRY_JITTER));
    }
}
