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
 * retry: {attempts: 1, base: PT0.1S, cap: PT0.8S, jitter: 0.5}   # >1 only for idempotent calls (a {@link Backoff});
 *                                                                # waits 50-100, 100-200, 200-400, 400-800 ms
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
 * @param retry     attempts (1 = no retry, at most {@link #MAX_RETRY_ATTEMPTS}) and the waits between them
 */
public record DependencyPolicy(String name, Duration timeout, int errorRatio, int volume, Duration delay,
                               int successThreshold, int bulkheadLimit, int bulkheadQueue, Backoff retry) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
    public static final int DEFAULT_ERROR_RATIO = 50;
    public static final int DEFAULT_VOLUME = 10;
    public static final Duration DEFAULT_BREAKER_DELAY = Duration.ofSeconds(5);
    public static final int DEFAULT_SUCCESS_THRESHOLD = 1;
    public static final int DEFAULT_BULKHEAD_LIMIT = 32;
    public static final int DEFAULT_BULKHEAD_QUEUE = 64;
    public static final int MAX_RETRY_ATTEMPTS = 5;
    /** No retry unless config asks (only idempotent calls retry at all); 100, 200, 400, 800 ms, equal jitter. */
    public static final Backoff DEFAULT_RETRY = new Backoff(1, Duration.ofMillis(100), Duration.ofMillis(800), 0.5);

    public static DependencyPolicy create(String name, Config config) {
        return new DependencyPolicy(name,
                config.get("timeout").as(Duration.class).orElse(DEFAULT_TIMEOUT),
                config.get("breaker.error-ratio").asInt().orElse(DEFAULT_ERROR_RATIO),
                config.get("breaker.volume").asInt().orElse(DEFAULT_VOLUME),
                config.get("breaker.delay").as(Duration.class).orElse(DEFAULT_BREAKER_DELAY),
                config.get("breaker.success-threshold").asInt().orElse(DEFAULT_SUCCESS_THRESHOLD),
                config.get("bulkhead.limit").asInt().orElse(DEFAULT_BULKHEAD_LIMIT),
                config.get("bulkhead.queue").asInt().orElse(DEFAULT_BULKHEAD_QUEUE),
                boundedRetry(Backoff.from(config.get("retry"), DEFAULT_RETRY)));
    }

    private static Backoff boundedRetry(Backoff configured) {
        return configured.withAttempts(Math.min(MAX_RETRY_ATTEMPTS, configured.attempts()));
    }
}
